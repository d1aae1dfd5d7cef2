/* gnuplot.h - what every chart of `dlbench plot` shares (plot.h): the
 * charting context over the run model, gnuplot string escaping, the
 * temporary folder the data and params files go to, log-axis ticks and
 * the gnuplot runner that publishes charts/<name>.png|svg.
 *
 * Division of labour: C picks what to draw, chooses units, axis ranges and
 * tick labels, and writes small tab-separated data files plus a params.gp
 * of chart-specific settings into a temporary folder under charts/. The
 * gnuplot scripts in scripts/plot/ own the look. gnuplot runs with that
 * folder as its working directory, so no path or name from the run ever
 * appears inside a gnuplot command: names only travel as quoted string
 * constants written by gp_string(). */
#ifndef DLBENCH_REPORT_GNUPLOT_H
#define DLBENCH_REPORT_GNUPLOT_H

#include <stddef.h>

#include "base/util.h"
#include "results/runmodel.h"

#define GNUPLOT_TIMEOUT_S 60.0

/* A variant as charts see it: the run model's, with its colour. */
struct chart_variant {
    const struct rm_variant *v; /* borrowed from the model */
    int failed;                 /* status is not "ok": left out of every chart */
    unsigned color;             /* 0xRRGGBB: plot_variant_color (plot.h) */
};

struct chart_ctx {
    const struct run_model *rm;
    char *charts_dir, *tmp_dir, *scripts_dir;
    struct chart_variant *v;    /* rm->v order */
    size_t nv;
    int have_res;               /* results.csv was there (RSS series) */
    struct strlist tmp_files;   /* everything written into tmp_dir */
    int write_failed;           /* the errno of a file that could not be
                                 * written (ENOSPC, ...), 0 if none: c->err
                                 * says which; plot_run returns
                                 * PLOT_WRITE_FAILED */
    char *err;
    size_t errlen;
};

/* Median and 95 % CI of one summary row, in the row's unit; lo/hi NaN when
 * summary.csv has no CI. */
struct stat3 {
    double med, lo, hi;
};

/* The row of (variant, scenario, workload, thread, metric); 0 if found with
 * a finite median, else -1. */
int sum_get(const struct chart_ctx *c, const char *variant, const char *scenario,
            const char *workload, const char *thread, const char *metric, struct stat3 *out);
/* 1 if summary.csv has any row of the scenario. */
int scenario_present(const struct chart_ctx *c, const char *scenario);

/* A gnuplot double-quoted string constant; '\n' becomes a line break, other
 * control characters a space, and '`' is escaped (gnuplot would run it). */
void gp_string(struct strbuf *sb, const char *s);
/* The same for tic labels, which gnuplot reads as printf formats. */
void gp_tic_string(struct strbuf *sb, const char *s);
/* A number, or NaN (gnuplot's undefined value). */
void gp_num(struct strbuf *sb, double v);
/* "set <axis> (...)" for a log axis over [lo, hi] of values in unit ("ns"
 * or "bytes"): labelled majors ("10 ns", "2 µs"; bytes in powers of 4 from
 * 1 KiB), unlabelled minors. */
void log_tics(struct strbuf *sb, const char *axis, const char *unit, double lo, double hi);
/* units_fmt_style(v, unit, style) into buf (cut to n bytes); unit NULL:
 * the bare number (units_fmt_num). */
void fmt_label(char *buf, size_t n, double v, const char *unit, int style);
/* Title and palette arrays (VN names, VC colours, NV count) of the
 * variants with used[i] set. */
void params_head(struct strbuf *p, const char *title, const struct chart_ctx *c,
                 const int *used);
/* The same, a variant's legend entry "name (note)" where notes[i] (per
 * variant of c, NULL or a NULL entry: none) is set. */
void params_head_notes(struct strbuf *p, const char *title, const struct chart_ctx *c,
                       const int *used, char *const *notes);

/* Writes text into the temporary folder; the name is ours, never a run's.
 * 0, or -1 with c->err set. */
int tmp_write(struct chart_ctx *c, const char *name, const struct strbuf *sb);
/* Runs scripts/plot/<script>.gp after common.gp and params.gp, for PNG
 * and SVG, gnuplot writing the image to its stdout (OUT='-'); each image,
 * checked whole (a PNG ends with its IEND chunk, an SVG with </svg>), is
 * written to charts/<name>.* with write_file_atomic. 0, or -1 with c->err
 * set (and c->write_failed when writing failed). */
int run_gnuplot(struct chart_ctx *c, const char *name, const char *script);
/* Removes charts/<name>.png|svg left by an earlier plot. */
void remove_stale(const struct chart_ctx *c, const char *name);
/* Full path of prog in $PATH, or NULL. Caller frees. */
char *find_in_path(const char *prog);
/* Removes the temporary folder and everything in it. */
void cleanup_tmp(struct chart_ctx *c);

#endif
