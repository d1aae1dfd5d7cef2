/* report.h - the report of a run folder (docs/run-folder.md): report.md,
 * report.html and a terminal summary, all computed from the folder's files
 * (summary.csv, results.csv, failures.csv, variants.csv, env.txt, charts/,
 * read once through results/runmodel.h), never from live measurements, so
 * `plot` can rewrite the report of any earlier run. */
#ifndef DLBENCH_REPORT_H
#define DLBENCH_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "base/util.h"
#include "report/formats.h" /* enum report_status */


/* Writes run_dir/report.md and run_dir/report.html (each through a
 * temporary name, fsync and rename). Needs summary.csv; variants.csv,
 * results.csv, failures.csv, env.txt and charts/ are used when present
 * (a chart is linked only when its file is there: charts are written
 * whole or not at all, see plot.h). Returns an enum report_status; on an
 * error a message ("cannot read 'x': why", no "dlbench: error:" prefix)
 * is in err. The output depends on the files only (no clock, no host), so
 * the same folder always gives the same report. */
int report_write(const char *run_dir, char *err, size_t errlen);

/* Writes run_dir/results.json (Google Benchmark JSON) and results.txt
 * (benchstat), rendered from the folder's results.csv, summary.csv,
 * variants.csv and env.txt (report/formats.h). 0, or -1 with a message in
 * err. */
int report_write_data(const char *run_dir, char *err, size_t errlen);

/* Prints a compact table (at most 120 columns) of the headline numbers of
 * run_dir and up to five key findings to f, then "  - and N more: see
 * report.md" when report.md has more. Prints a one-line note instead
 * when the folder cannot be read. */
void report_print_summary(const char *run_dir, FILE *f);

#endif
