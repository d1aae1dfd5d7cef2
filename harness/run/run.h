/* run.h - what `dlbench run` resolved from bench.toml and the command line,
 * and the steps after measuring (charts, report, terminal summary). */
#ifndef DLBENCH_RUN_H
#define DLBENCH_RUN_H

#include <stdio.h>

#include "results/rundata.h"
#include "base/util.h"
#include "matrix/variants.h"

struct run_params {
    int quick;
    int repetitions;      /* rounds: one call and one load process per variant each */
    int reps_per_proc;    /* call repetitions inside one process */
    int min_time_ms, warmup_ms;
    int cycles, sample_every;
    int pin_cpu, timeout_s;
    int process_runs;     /* hyperfine runs per variant */
    int leak_check;       /* --leak-check */
    int leak_check_cycles;/* cycles under valgrind / gctrace */
    const int *fib;
    size_t n_fib;
    const char *threads;  /* "main", "pthread" or "both" */
    struct strlist scenarios;
    struct strlist modes;
};

/* Whole-process cold start of one variant through hyperfine; adds its
 * samples or a failure (or a skip warning when hyperfine is absent). */
void run_process_job(struct run_data *d, int variant, const struct variant *v,
                     const struct run_params *rp, int proc);
/* --leak-check for one variant: valgrind memcheck and the Go heap over a
 * shortened cycle loop (harness/leakcheck.c); adds samples or failures. */
void run_leak_job(struct run_data *d, int variant, const struct variant *v,
                  const struct run_params *rp, int proc);
/* Charts and report into a (staging) run folder; problems are warnings. */
void run_plot_and_report(const char *run_dir);
/* The short table printed at the end of a run. */
void run_print_summary(const char *run_dir, FILE *f);

#endif
