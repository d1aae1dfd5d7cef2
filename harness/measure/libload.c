/* libload.c - see libload.h. */
#define _GNU_SOURCE
#include "measure/libload.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* dlsym returns a data pointer; POSIX guarantees it converts to a function
 * pointer. memcpy keeps -Wpedantic quiet about the conversion. */
#define SYM(lib, map, w, field)                                              \
    do {                                                                     \
        const char *s_ = symbol_for((map), (w));                             \
        void *p_ = *s_ ? dlsym((lib)->handle, s_) : NULL;                    \
        memcpy(&(lib)->field, &p_, sizeof p_);                               \
    } while (0)

/* libc's free, typed as the ABI's free. */
static void libc_free(char *s)
{
    free(s);
}

void bench_lib_resolve(struct bench_lib *lib, const struct symbol_map *map)
{
    bench_lib_resolve_some(lib, map, ~0u);
}

void bench_lib_resolve_some(struct bench_lib *lib, const struct symbol_map *map, unsigned mask)
{
#define WANT(w) (mask & (1u << (w)))
    if (WANT(WL_NOOP))
        SYM(lib, map, WL_NOOP, noop);
    if (WANT(WL_ADD))
        SYM(lib, map, WL_ADD, add);
    if (WANT(WL_FIB))
        SYM(lib, map, WL_FIB, fib);
    if (WANT(WL_HELLO))
        SYM(lib, map, WL_HELLO, hello);
    if (WANT(WL_FREE))
        SYM(lib, map, WL_FREE, free_str);
    if (WANT(WL_INFO))
        SYM(lib, map, WL_INFO, info);
#undef WANT
    const char *fs = map ? map->sym[WL_FREE] : NULL;
    lib->free_how = FREE_SYMBOL;
    if (fs && !*fs) {
        lib->free_how = FREE_NONE;
    } else if (!fs && !lib->free_str && lib->hello) {
        /* hello mapped, free not: a string a library returns to C is
         * malloc'd (Go's C.CString says "the caller must free it with
         * C.free"), so libc's free releases it. */
        lib->free_str = libc_free;
        lib->free_how = FREE_LIBC;
    }
}

void bench_lib_release(const struct bench_lib *lib, char *s)
{
    if (s && lib->free_how != FREE_NONE && lib->free_str)
        lib->free_str(s);
}

const char *bench_lib_free_name(const struct bench_lib *lib, const struct symbol_map *map)
{
    switch (lib->free_how) {
    case FREE_LIBC: return "libc free";
    case FREE_NONE: return "nothing (free = \"\")";
    case FREE_SYMBOL: break;
    }
    return symbol_for(map, WL_FREE);
}

int bench_lib_open(struct bench_lib *lib, const char *path, int flags,
                   const struct symbol_map *map, char *err, size_t errlen)
{
    memset(lib, 0, sizeof *lib);
    lib->handle = dlopen(path, flags);
    if (!lib->handle) {
        const char *why = dlerror();
        if (err && errlen)
            (void)snprintf(err, errlen, "cannot dlopen '%s': %s", path, why ? why : "unknown error");
        return -1;
    }
    bench_lib_resolve(lib, map);
    return 0;
}

int bench_lib_has(const struct bench_lib *lib, enum workload w)
{
    switch (w) {
    case WL_NOOP: return lib->noop != NULL;
    case WL_ADD: return lib->add != NULL;
    case WL_FIB: return lib->fib != NULL;
    case WL_HELLO: return lib->hello != NULL;
    case WL_FREE: return lib->free_str != NULL && lib->free_how != FREE_NONE;
    case WL_INFO: return lib->info != NULL;
    case WL_COUNT: break;
    }
    return 0;
}
