/* run.h - `dlbench run`: the steps after measuring (charts, report,
 * terminal summary; steps.c). What it resolved from bench.toml and the
 * command line is struct run_params (params.h); planning and running the
 * jobs is plan.h, exec.h and progress.h. */
#ifndef DLBENCH_RUN_H
#define DLBENCH_RUN_H

#include <stdio.h>

#include "run/params.h"

/* Charts and report into a (staging) run folder; problems are warnings. */
void run_plot_and_report(const char *run_dir);
/* The short table printed at the end of a run. */
void run_print_summary(const char *run_dir, FILE *f);

#endif
