/* run_steps.c - the steps of `dlbench run` that hand over to other parts:
 * the process scenario (hyperfine), charts and report, terminal summary. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

void run_process_job(struct run_data *d, int variant, const struct variant *v,
                     const struct run_params *rp, int proc)
{
    (void)d, (void)variant, (void)v, (void)rp, (void)proc;
}

void run_plot_and_report(const char *run_dir, int quiet)
{
    (void)run_dir, (void)quiet;
}

void run_print_summary(const char *run_dir, const struct run_data *d, FILE *f)
{
    (void)run_dir, (void)d, (void)f;
}
