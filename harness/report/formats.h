/* formats.h - every file `dlbench report` can (re)generate from a run
 * folder, one row each: the report (md, html: renderers of the report
 * doc), and the formats other tools read (json: Google Benchmark's JSON
 * for compare.py and continuous-benchmark services; txt: Go benchmark
 * format for benchstat; csv: summary.csv) - renderers of the run model.
 *
 * A renderer only formats into a buffer; report_generate() owns the files
 * (temporary name, rename). The per-sample values of results.json and
 * results.txt follow the per-process rule (results/aggregate.h) through
 * fmt_unit_values(), so benchstat's and compare.py's n is summary.csv's n. */
#ifndef DLBENCH_REPORT_FORMATS_H
#define DLBENCH_REPORT_FORMATS_H

#include <stddef.h>

#include "report/doc.h"
#include "results/runmodel.h"

/* What writing a report or format gave (report_generate, report.h). */
enum report_status {
    REPORT_OK = 0,
    REPORT_BAD_INPUT = -1,   /* the folder could not be read */
    REPORT_WRITE_FAILED = -2 /* a report file could not be written (ENOSPC):
                              * errno says why */
};

enum fmt_group {
    FMT_DOC = 1,    /* report.md, report.html: need the charts drawn first */
    FMT_DATA = 2,   /* results.json, results.txt: written by every run */
    FMT_OTHER = 4   /* summary.csv: only on request (run writes its own) */
};

struct report_format {
    const char *name;   /* --format value */
    const char *file;   /* its file in the run folder */
    enum fmt_group group;
    unsigned need;      /* RM_NEED_* files the renderer cannot do without */
    /* One of the two is set. A doc renderer cannot fail; a model renderer
     * returns 0, or -1 with a message in err (e.g. jansson missing). */
    void (*render_doc)(const struct report_doc *d, struct strbuf *out);
    int (*render_model)(const struct run_model *m, struct strbuf *out, char *err, size_t errlen);
    const char *help;   /* one line for --help */
};

extern const struct report_format report_formats[];
extern const size_t n_report_formats;

/* The row named name, or NULL. */
const struct report_format *report_format_find(const char *name);

/* Renders the formats of run_dir whose group is in groups (or only `only`
 * when not NULL) and writes each to its file in run_dir, or - with only and
 * out set - to out ("-" = stdout). Everything is rendered before anything
 * is written. Returns an enum report_status (above): REPORT_OK;
 * REPORT_BAD_INPUT with "cannot read ..." or a renderer's message (jansson
 * missing) in err; REPORT_WRITE_FAILED with "cannot write ..." in err and
 * errno saying why. err has no "dlbench: error: " prefix. */
int report_generate(const char *run_dir, unsigned groups, const struct report_format *only,
                    const char *out, char *err, size_t errlen);

/* ------------------------------------------------------ shared by renderers */

/* One value of a result per independent unit (results/aggregate.h): the
 * median of one process when processes gave several samples each, else one
 * sample. */
struct unit_value {
    long process;       /* the process; -1 unknown */
    long rep;           /* the sample's rep; -1 for a process median */
    double value;       /* in the result's unit */
    double iterations;  /* call: that process's calibrated iterations (the
                         * engine's own count); 1 elsewhere */
};

/* The unit values of the result named k (every field set), in order of
 * each unit's first sample in results.csv. *out is allocated (free it);
 * returns how many. NaN samples are left out. */
size_t fmt_unit_values(const struct run_model *m, const struct result_key *k,
                       struct unit_value **out);
/* The release a variant's results carry: "go1.26.8", "gcc-12.2.0",
 * "rustc-1.95.0" (doc_toolchain_label with spaces as '-'), never "local"
 * unless the library did not say. Caller frees. */
char *fmt_release(const struct rm_variant *v);
/* Variant indices: implementations in variants.csv order, each one's
 * variants in release order (version_cmp), so a reader that orders columns
 * by first appearance (benchstat -col /toolchain) shows releases in order.
 * Caller frees; *n = m->nv. */
size_t *fmt_variant_order(const struct run_model *m);
/* "gbench" for metrics of the Google Benchmark engine (gbench_*), else
 * "native". */
const char *fmt_engine(const char *metric);

int render_results_json(const struct run_model *m, struct strbuf *out, char *err, size_t errlen);
int render_results_txt(const struct run_model *m, struct strbuf *out, char *err, size_t errlen);
int render_summary_csv(const struct run_model *m, struct strbuf *out, char *err, size_t errlen);

#endif
