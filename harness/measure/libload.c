/* libload.c - see libload.h. */
#define _GNU_SOURCE
#include "measure/libload.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* dlsym returns a data pointer; POSIX guarantees it converts to a function
 * pointer. memcpy keeps -Wpedantic quiet about the conversion. */
#define SYM(lib, map, w, field)                                              \
    do {                                                                     \
        void *p_ = dlsym((lib)->handle, symbol_for((map), (w)));             \
        memcpy(&(lib)->field, &p_, sizeof p_);                               \
    } while (0)

void bench_lib_resolve(struct bench_lib *lib, const struct symbol_map *map)
{
    SYM(lib, map, WL_NOOP, noop);
    SYM(lib, map, WL_ADD, add);
    SYM(lib, map, WL_FIB, fib);
    SYM(lib, map, WL_HELLO, hello);
    SYM(lib, map, WL_FREE, free_str);
    SYM(lib, map, WL_INFO, info);
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
    case WL_FREE: return lib->free_str != NULL;
    case WL_INFO: return lib->info != NULL;
    case WL_COUNT: break;
    }
    return 0;
}
