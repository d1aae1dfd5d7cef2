/* libload.h - dlopen a library and resolve the ABI through a symbol map.
 * Used by the measuring children only; the parent never loads a library
 * (a Go runtime cannot be unloaded, two cannot share a process). */
#ifndef DLBENCH_LIBLOAD_H
#define DLBENCH_LIBLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "matrix/config.h"

typedef void (*noop_fn)(void);
typedef int64_t (*add_fn)(int64_t, int64_t);
typedef int64_t (*fib_fn)(int32_t);
typedef char *(*hello_fn)(const char *);
typedef void (*free_fn)(char *);
typedef const char *(*info_fn)(void);

/* How hello's string is released. */
enum free_how {
    FREE_SYMBOL,         /* the library's own (bench_free, or the mapped symbol) */
    FREE_LIBC,           /* libc free(): free not mapped and the library has no
                          * bench_free - what Go's C.CString needs */
    FREE_NONE,           /* free = "": never released */
};

struct bench_lib {
    void *handle;
    noop_fn noop;        /* NULL when the library lacks the symbol */
    add_fn add;
    fib_fn fib;
    hello_fn hello;
    free_fn free_str;    /* never NULL when hello is there, unless FREE_NONE
                          * or a mapped free symbol is missing */
    info_fn info;
    enum free_how free_how;
};

/* dlopen(path, flags) and resolve every workload. Returns 0, or -1 with
 * "cannot dlopen 'path': <dlerror>" in err. Missing symbols are not an
 * error: their pointers are NULL. */
int bench_lib_open(struct bench_lib *lib, const char *path, int flags,
                   const struct symbol_map *map, char *err, size_t errlen);
/* Resolves the symbols of an already open handle. A workload mapped to ""
 * is not looked up (NULL). */
void bench_lib_resolve(struct bench_lib *lib, const struct symbol_map *map);
/* The same for the workloads whose bit (1u << w) is set in mask only: one
 * cycle looks up what it calls and nothing else. */
void bench_lib_resolve_some(struct bench_lib *lib, const struct symbol_map *map, unsigned mask);
/* 1 if the workload's function was found (free: with FREE_NONE, 0). */
int bench_lib_has(const struct bench_lib *lib, enum workload w);
/* Releases a string of hello as lib says (nothing with FREE_NONE). */
void bench_lib_release(const struct bench_lib *lib, char *s);
/* "libc free", "not freed (free = \"\")" or the symbol's name: how hello's
 * strings are released. Static or map-owned. */
const char *bench_lib_free_name(const struct bench_lib *lib, const struct symbol_map *map);

#endif
