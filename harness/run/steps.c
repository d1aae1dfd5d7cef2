/* steps.c - the steps of `dlbench run` that hand over to other parts:
 * charts and report, terminal summary. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot.h"
#include "report/report.h"
#include "run/run.h"

void run_plot_and_report(struct run_folder *rf)
{
    char err[1024];
    int rc = plot_run(rf->stage, err, sizeof err);
    if (rc == PLOT_WRITE_FAILED) {
        /* No report then: the run is incomplete, and a report would only
         * fill the disk further and look like a finished run. */
        static const char *const missing[] = {"charts", "report.md", "report.html", NULL};
        runfolder_write_failed(rf, missing, errno, err);
        return;
    }
    if (rc != PLOT_OK && rc != PLOT_NO_GNUPLOT)
        db_warn("charts: %s", err);
    /* The report embeds the charts, so it comes second; it links only the
     * chart files that are there, and every one there is whole. */
    rc = report_write(rf->stage, err, sizeof err);
    if (rc == REPORT_WRITE_FAILED) {
        /* report.md may be there, report.html is not: both count as not
         * written (the folder is marked incomplete either way). */
        static const char *const missing[] = {"report.md", "report.html", NULL};
        runfolder_write_failed(rf, missing, errno, err);
    }
    else if (rc != REPORT_OK)
        db_warn("report: %s", err);
}

void run_write_data(struct run_folder *rf)
{
    char err[1024];
    int rc = report_write_data(rf->stage, err, sizeof err);
    if (rc == REPORT_WRITE_FAILED) {
        static const char *const missing[] = {"results.json", "results.txt", NULL};
        runfolder_write_failed(rf, missing, errno, err);
    } else if (rc != REPORT_OK) {
        db_warn("results.json, results.txt: %s", err);
    }
}

void run_print_summary(const char *run_dir, FILE *f)
{
    report_print_summary(run_dir, f);
}
