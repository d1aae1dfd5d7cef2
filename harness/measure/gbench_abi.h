/* gbench_abi.h - the C ABI between the call scenario (measure/call.c, in
 * dlbench) and the Google Benchmark engine (harness/gbench/module.cc,
 * built as the loadable module dlbench-gbench.so beside the dlbench binary
 * when libbenchmark-dev is installed).
 *
 * Why a module and not a link: every DT_NEEDED of dlbench joins the global
 * scope each measured dlopen searches (base/dbmath.h), and dlbench is also
 * the measuring child, so it needs libc alone. `measure --engine gbench`
 * dlopens the module RTLD_NOW | RTLD_LOCAL on demand; libbenchmark and
 * libstdc++ come in with it, local to it.
 *
 * No shim between Google Benchmark and the library under test: the request
 * carries the dlsym'd function pointers themselves, and the module's
 * benchmarks call them directly. The module registers one benchmark per
 * workload, runs them on the calling thread (Google Benchmark runs a
 * single-threaded benchmark on the thread that calls
 * RunSpecifiedBenchmarks), and hands each repetition back through the row
 * callback. Plain C types only; the module is built from this header, so
 * the two sides agree on the layout; abi guards against a stale module. */
#ifndef DLBENCH_GBENCH_ABI_H
#define DLBENCH_GBENCH_ABI_H

#include <stddef.h>
#include <stdint.h>

#define GBENCH_ABI_VERSION 1
#define GBENCH_MODULE_NAME "dlbench-gbench.so"
#define GBENCH_ENTRY "dlbench_gbench_run"

enum gbench_kind { GB_NOOP, GB_ADD, GB_FIB, GB_HELLO, GB_FLOOR };

struct gbench_workload {
    enum gbench_kind kind;
    int fib_n;                 /* GB_FIB: the argument */
    const char *name;          /* workload column: "add", "fib/30", "floor" */
};

struct gbench_request {
    int abi;                   /* GBENCH_ABI_VERSION */
    /* The library's functions, as dlsym returned them (NULL = absent; the
     * caller lists only workloads whose functions are there). */
    void (*noop)(void);
    int64_t (*add)(int64_t, int64_t);
    int64_t (*fib)(int32_t);
    char *(*hello)(const char *);
    void (*free_str)(char *);
    void (*floor_fn)(void);    /* the harness's empty function (workload floor) */
    const struct gbench_workload *w;
    size_t n_w;
    int repetitions;           /* Repetitions(n) of every benchmark */
    double min_time_s;         /* MinTime(s) of one repetition */
    double warmup_s;           /* MinWarmUpTime(s) before the repetitions */
    /* Called before a workload's benchmark runs (the child's #step record). */
    void (*step)(void *ctx, const struct gbench_workload *w);
    /* Called once per repetition: ns per call (real time / iterations) and
     * the iterations Google Benchmark chose for it. */
    void (*row)(void *ctx, const struct gbench_workload *w, int rep, double ns_per_call,
                double iterations);
    void *ctx;
};

/* The module's one entry point (extern "C"). Returns 0, or -1 with a
 * message (no "dlbench: error: " prefix) in err: a wrong abi, a benchmark
 * that reported an error. */
typedef int (*gbench_run_fn)(const struct gbench_request *rq, char *err, size_t errlen);

#endif
