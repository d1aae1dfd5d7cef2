/* run_steps.c - the steps of `dlbench run` that hand over to other parts:
 * the process scenario (hyperfine), charts and report, terminal summary. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot.h"
#include "run/process.h"
#include "report/report.h"
#include "run/run.h"
#include "measure/measure.h"
#include "matrix/verify.h"

void run_process_job(struct run_data *d, int variant, const struct variant *v,
                     const struct run_params *rp, int proc)
{
    static int skipped_warned;
    struct strbuf rows = {0};
    char *cause = NULL;
    char *syms = symbol_map_format(&v->impl->symbols);
    /* hyperfine runs warm-ups plus rp->process_runs; each takes a few ms,
     * a Go runtime start a few more. */
    double timeout = rp->timeout_s + 0.2 * rp->process_runs;
    enum process_result rc = process_cold_start(self_exe(), v->name, v->lib_path, syms[0] ? syms : NULL,
                                rp->process_runs, timeout, &rows, &cause);
    if (rc == PROCESS_NO_HYPERFINE) {
        /* Not a failure of the library: the tool is missing. Once. */
        if (!skipped_warned++) {
            db_warn("%s", cause);
            rd_set_env(d, "process", cause);
        }
    } else if (rc != PROCESS_OK) {
        rd_add_failure(d, v->name, "process", cause ? cause : "failed", "");
        db_warn("%s process failed: %s", v->name, cause ? cause : "failed");
    } else {
        /* process_cold_start writes rows without a header. */
        struct strbuf csv = {0};
        char err[256];
        sb_append(&csv, MEASURE_CSV_HEADER "\n");
        sb_append(&csv, rows.buf ? rows.buf : "");
        if (rd_parse_rows(d, variant, proc, 0, csv.buf, err, sizeof err) != 0)
            rd_add_failure(d, v->name, "process", err, "");
        sb_free(&csv);
    }
    free(syms);
    free(cause);
    sb_free(&rows);
}

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

void run_print_summary(const char *run_dir, FILE *f)
{
    report_print_summary(run_dir, f);
}
