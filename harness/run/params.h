/* params.h - the budgets and choices of one `dlbench run`, resolved from
 * bench.toml and the command line (run.c: resolve_params); read by the
 * planner and every job. */
#ifndef DLBENCH_RUN_PARAMS_H
#define DLBENCH_RUN_PARAMS_H

#include <stddef.h>

#include "base/util.h"

struct run_params {
    int quick;            /* --quick: tiny budgets, same code paths */
    int repetitions;      /* rounds: one call and one load process per variant each */
    int reps_per_proc;    /* call (and pair) timed batches inside one process
                           * ([run] batches) */
    int min_time_ms;      /* call: minimum length of one repetition, ms */
    int warmup_ms;        /* call: warm-up per workload, ms */
    int cycles;           /* cycle: timed dlopen/dlclose cycles of round 1's
                           * process per mode (all its rows are kept) */
    int sample_every;     /* cycle: cycles between resource samples */
    int cycles_timing;    /* cycle: timed cycles of the processes of the other
                           * rounds, which give cycle_us only (their other rows
                           * are dropped): cycles / repetitions, at least 10 */
    int pin_cpu;          /* CPU to pin measuring threads to; -1: none */
    int timeout_s;        /* limit of one measuring process, s; <= 0: none */
    int process_runs;     /* hyperfine runs per variant in each round (one
                           * hyperfine invocation per round, >= 2) */
    int leak_check;       /* --leak-check */
    int leak_check_cycles;/* cycles under valgrind / gctrace */
    const int *fib;       /* call: fib arguments (n_fib of them) */
    size_t n_fib;
    const char *threads;  /* "main", "pthread" or "both" */
    const char *engine;   /* call: "native", "gbench" or "both", as measured (a
                           * missing Google Benchmark module turns "both" into
                           * "native" and drops call from a "gbench" run) */
    struct strlist scenarios; /* scenarios measured (names of SC_RUN rows) */
    struct strlist modes;     /* cycle modes: "fresh", "pinned" */
    unsigned counters;        /* CTR_* of measure/counters.h ([run] counters) */
    unsigned pmu;             /* the hardware counters among them this machine
                               * gives (measure/pmu.h: probed before the run);
                               * the call jobs read these */
    int baseline;             /* variant index of the baseline, -1 = none (the
                               * pair scenario needs one) */
};

#endif
