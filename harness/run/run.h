/* run.h - what `dlbench run` resolved from bench.toml and the command line,
 * and the steps after measuring (charts, report, terminal summary). */
#ifndef DLBENCH_RUN_H
#define DLBENCH_RUN_H

#include <stdio.h>

#include "results/rundata.h"
#include "base/util.h"
#include "matrix/variants.h"

/* What `dlbench run` was asked on the command line (cli/run.c). */
struct run_opts {
    struct matrix_opts m;
    const char *out_dir;      /* -o; NULL: [run] output of the config */
    struct strlist scenarios; /* --scenarios; empty: the config's */
    int quick;                /* --quick */
    long repetitions;         /* 0 = from config */
    long cycles;              /* 0 = from config */
    const char *baseline;     /* --baseline variant name, or NULL */
    unsigned long long seed;  /* --seed, when have_seed */
    int have_seed;
    int no_plot;              /* --no-plot */
    int leak_check;           /* --leak-check */
    int argc;                 /* the command line, recorded in env.txt */
    char **argv;              /* (argv[0] is "run") */
};

/* `dlbench run`: build, verify, measure, write the run folder. Returns the
 * exit status: EXIT_OK, EXIT_SOME_FAILED (finished, failures listed),
 * EXIT_USAGE (config or baseline error printed, nothing run) or
 * EXIT_INTERRUPTED (partial run written). o is not changed. */
int run_execute(const struct run_opts *o);

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
