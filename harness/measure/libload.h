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

struct bench_lib {
    void *handle;
    noop_fn noop;        /* NULL when the library lacks the symbol */
    add_fn add;
    fib_fn fib;
    hello_fn hello;
    free_fn free_str;
    info_fn info;
};

/* dlopen(path, flags) and resolve every workload. Returns 0, or -1 with
 * "cannot dlopen 'path': <dlerror>" in err. Missing symbols are not an
 * error: their pointers are NULL. */
int bench_lib_open(struct bench_lib *lib, const char *path, int flags,
                   const struct symbol_map *map, char *err, size_t errlen);
/* Resolves the symbols of an already open handle. */
void bench_lib_resolve(struct bench_lib *lib, const struct symbol_map *map);
/* 1 if the workload's function was found. */
int bench_lib_has(const struct bench_lib *lib, enum workload w);

#endif
