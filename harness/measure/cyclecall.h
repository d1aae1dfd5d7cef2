/* cyclecall.h - the one call a dlopen/dlclose cycle makes (and the first
 * call of load and once): which function, on which thread.
 *
 * bench.toml's cycle_workload / cycle_thread (symbol_map.cycle,
 * .cycle_thread) choose it: add(i, 1) (answer checked), hello("world")
 * (answer checked, the string released as the symbol map says - libc free,
 * the library's free, or not at all with free = ""), noop(), or nothing.
 * Unset: add if the library has it, else noop, else nothing - so a library
 * that has no add (libz's zlibVersion mapped to noop) still cycles.
 * The thread: the main thread, or one worker pthread that makes every call
 * while dlopen and dlclose stay on the main thread (two semaphore hand-offs
 * per cycle, inside the timed region: cycle_us includes them). */
#ifndef DLBENCH_CYCLECALL_H
#define DLBENCH_CYCLECALL_H

#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>
#include <stdint.h>

#include "measure/libload.h"

enum cycle_call { CC_ADD, CC_HELLO, CC_NOOP, CC_NONE };

/* The call of map for a library that has the workloads lib resolved
 * (resolve them all first). */
enum cycle_call cycle_call_choose(const struct symbol_map *map, const struct bench_lib *lib);
/* "add", "hello", "noop", "none". */
const char *cycle_call_name(enum cycle_call c);
/* The symbol the call goes to ("bench_add", "Hello"): the step label;
 * "none" for CC_NONE. */
const char *cycle_call_symbol(const struct symbol_map *map, enum cycle_call c);
/* The workloads (1u << WL_*) the call needs looked up. */
unsigned cycle_call_mask(enum cycle_call c);
/* Makes the call once on this thread with argument i. 0, or -1 with the
 * reason in err (a wrong answer, a missing symbol). */
int cycle_call_do(const struct bench_lib *lib, const struct symbol_map *map, enum cycle_call c,
                  int64_t i, char *err, size_t errlen);

/* Makes calls on the main thread or on a worker pthread. */
struct cycle_caller {
    int on_pthread;
    pthread_t thread;
    sem_t go, done;
    /* the request and its answer */
    const struct bench_lib *lib;
    const struct symbol_map *map;
    enum cycle_call call;
    int64_t arg;
    int stop, rc;
    char err[512];
};

/* Starts the worker when on_pthread. 0, or -1 with errno set. */
int cycle_caller_start(struct cycle_caller *c, int on_pthread);
/* cycle_call_do on the caller's thread. */
int cycle_caller_call(struct cycle_caller *c, const struct bench_lib *lib,
                      const struct symbol_map *map, enum cycle_call call, int64_t i, char *err,
                      size_t errlen);
/* Ends and joins the worker (no-op on the main thread). */
void cycle_caller_stop(struct cycle_caller *c);

#endif
