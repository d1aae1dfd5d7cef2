/* run.h - `dlbench run`: the steps after measuring (charts, report,
 * terminal summary; steps.c). What it resolved from bench.toml and the
 * command line is struct run_params (params.h); planning and running the
 * jobs is plan.h, exec.h and progress.h. */
#ifndef DLBENCH_RUN_H
#define DLBENCH_RUN_H

#include <stdio.h>

#include "matrix/variants.h"
#include "run/params.h"

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
    int show_output;          /* -v, --show-output: children's command lines and logs */
    int argc;                 /* the command line, recorded in env.txt */
    char **argv;              /* (argv[0] is "run") */
};

/* `dlbench run`: build, verify, measure, write the run folder. Returns the
 * exit status: EXIT_OK, EXIT_SOME_FAILED (finished, failures listed),
 * EXIT_USAGE (config or baseline error printed, nothing run) or
 * EXIT_INTERRUPTED (partial run written). o is not changed. */
int run_execute(const struct run_opts *o);

/* Charts and report into a (staging) run folder; problems are warnings. */
void run_plot_and_report(const char *run_dir);
/* The short table printed at the end of a run. */
void run_print_summary(const char *run_dir, FILE *f);

#endif
