/* steps.c - the steps of `dlbench run` that hand over to other parts:
 * charts and report, terminal summary. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot.h"
#include "report/report.h"
#include "run/run.h"

void run_plot_and_report(const char *run_dir)
{
    char err[1024];
    int rc = plot_run(run_dir, err, sizeof err);
    if (rc != PLOT_OK && rc != PLOT_NO_GNUPLOT)
        db_warn("charts: %s", err);
    /* The report embeds the charts, so it comes second. */
    if (report_write(run_dir, err, sizeof err) != 0)
        db_warn("report: %s", err);
}

void run_write_data(const char *run_dir)
{
    char err[1024];
    if (report_write_data(run_dir, err, sizeof err) != 0)
        db_warn("results.json, results.txt: %s", err);
}

void run_print_summary(const char *run_dir, FILE *f)
{
    report_print_summary(run_dir, f);
}
