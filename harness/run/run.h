/* run.h - `dlbench run`: the steps after measuring (charts, report,
 * terminal summary; steps.c). What it resolved from bench.toml and the
 * command line is struct run_params (params.h); planning and running the
 * jobs is plan.h, exec.h and progress.h. */
#ifndef DLBENCH_RUN_H
#define DLBENCH_RUN_H

#include <stdio.h>

#include "matrix/variants.h"
#include "results/runfolder.h"
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
    const char *engine;       /* --engine native|gbench|both, or NULL = [run] engine */
    unsigned long long seed;  /* --seed, when have_seed */
    int have_seed;
    int no_plot;              /* --no-plot */
    int leak_check;           /* --leak-check */
    int show_output;          /* -v, --show-output: children's command lines and logs */
    int wait;                 /* --wait: wait for another run into the same
                               * reports folder instead of refusing */
    int argc;                 /* the command line, recorded in env.txt */
    char **argv;              /* (argv[0] is "run") */
};

/* `dlbench run`: build, verify, measure, write the run folder. Returns the
 * exit status: EXIT_OK, EXIT_SOME_FAILED (finished, failures listed),
 * EXIT_USAGE (config or baseline error printed, or the reports folder is
 * in use by another run: nothing run) or EXIT_INTERRUPTED (partial run
 * written). A file of the run that cannot be written makes the run
 * incomplete: EXIT_SOME_FAILED, reports/<run-id>.incomplete, latest not
 * moved. o is not changed. */
int run_execute(const struct run_opts *o);

/* results.json and results.txt into the staging folder of rf, from the
 * files written there (report/formats.h). A file that cannot be written is
 * recorded in rf (the run becomes incomplete); other problems are
 * warnings. */
void run_write_data(struct run_folder *rf);
/* Charts and report into the staging folder of rf. A file that cannot be
 * written is recorded in rf (the run becomes incomplete, no report is
 * written after a chart failed to write); other problems (gnuplot failed)
 * are warnings. */
void run_plot_and_report(struct run_folder *rf);
/* The short table printed at the end of a run. */
void run_print_summary(const char *run_dir, FILE *f);

#endif
