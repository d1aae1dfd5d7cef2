/* doc.h - the content of a report, free of any format: title, setup line,
 * headline table cells, findings, warnings, charts and the reproduce lines,
 * as plain text. report_doc_build() (build.h) computes it from the run
 * model; md.c, html.c and terminal.c render it. Nothing here knows variant
 * names: every finding is computed from the numbers. */
#ifndef DLBENCH_REPORT_DOC_H
#define DLBENCH_REPORT_DOC_H

#include <stddef.h>

#include "base/util.h"
#include "results/runmodel.h"

#define MICRO "\xc2\xb5"
#define TIMES "\xc3\x97"
#define DASH "\xe2\x80\x94"
#define ARROW "\xe2\x86\x92"

/* Thresholds of the findings (stated in the report's text). */
#define THREAD_RATIO_MIN 2.0     /* main vs pthread cost ratio worth a finding */
#define SIZE_OUTLIER_RATIO 10.0  /* file size vs the smallest library */
#define FIRST_CALL_MIN_US 10.0   /* first call below this never "dominates" */
#define MAX_LISTED 6             /* results named per warning group */

/* ------------------------------------------------------ headline columns */

enum col_kind { COL_VALUE, COL_LEAK, COL_UNLOADED };

struct col {
    const char *head;       /* table header; NULL: the largest fib workload */
    const char *term;       /* terminal header ("" = not in the terminal table) */
    const char *label;      /* in findings */
    const char *scenario, *workload, *thread, *metric; /* workload "FIB": largest fib;
                                                        * NULL: any workload */
    enum col_kind kind;
    int rank;               /* in "fastest and slowest" */
    int unload_only;        /* rank only variants that unload */
    const char *key;        /* its topic key in findings.csv (toolchain:<key>,
                             * fastest:<key>, ...: results/verdicts.h); NULL:
                             * "<fib/N>/main" for the largest fib, or none */
};

#define REPORT_NCOLS 12
#define ENGINES_NCOLS 6     /* variant, workload, thread, native, gbench, difference */
extern const struct col report_cols[REPORT_NCOLS];

/* ------------------------------------------------------------- the doc */

struct finding {
    int level;   /* 0 bullet, 1 nested bullet */
    int prio;    /* terminal summary: 1 (first) .. 9; 0 = not in the terminal */
    char *text;  /* plain text */
};

struct report_doc {
    const struct run_model *rm; /* borrowed */
    char fib[32];               /* largest call workload "fib/N", "" if none */
    char *title, *setup, *status_note, *legend, *findings_intro, *repro_note;
    char *heads[REPORT_NCOLS + 1];
    char **cells;          /* nv x (REPORT_NCOLS + 1), row-major, column 0 the name */
    char **term;           /* nv x (REPORT_NCOLS + 1): terminal cells, no ratios */
    char **prec;           /* nv x (REPORT_NCOLS + 1): each headline result's 95 % CI
                            * and mde_pct ("Precision" table) */
    char *prec_legend;
    struct finding *f;
    size_t nf;
    struct strlist warnings;
    struct strlist repro;  /* command lines */
    size_t *charts;        /* indices into rm->charts in report order */
    size_t ncharts;
    /* Engines (engines.c): present when the run has Google Benchmark rows
     * (gbench_ns_per_call); else engines_rows is 0 and the rest NULL. */
    char *engines_intro, *engines_note;
    char *engines_heads[ENGINES_NCOLS];
    char **engines_cells;  /* engines_rows x ENGINES_NCOLS, row-major */
    size_t engines_rows;
};

void doc_free(struct report_doc *m);
/* Fills the engines table of m from its run model (engines.c). */
void engines_build(struct report_doc *m);
void doc_add_finding(struct report_doc *m, int level, int prio, char *text);

/* The summary row of headline column c for a variant, or NULL. */
const struct rm_result *col_get(const struct report_doc *m, size_t c, const char *variant);
/* The findings.csv topic "<prefix>:<key>" of column c, NULL when it has
 * none. Caller frees. */
char *col_topic(const struct report_doc *m, size_t c, const char *prefix);
/* Appends the label of column c as findings name it. */
void col_label(const struct report_doc *m, size_t c, struct strbuf *sb);

/* 1 if the variant unloads on dlclose, 0 if not, -1 when not measured:
 * its unload row of findings.csv. */
int var_unloads(const struct run_model *d, const char *name);
/* "a", "a and b", "a, b and c". */
void join_names(struct strbuf *sb, const struct strlist *l);
/* "go1.22.12" from "go go1.22.12", "gcc 12.2.0" from "c gcc 12.2.0". Caller frees. */
char *doc_toolchain_label(const struct rm_variant *v);
/* toolchain_version without digits and dots: "go go", "c gcc". Caller frees. */
char *doc_toolchain_family(const struct rm_variant *v);
/* The title of a chart file stem ("call_latency" -> "Call latency"). */
const char *chart_title(const char *name);
/* Fills m->charts: the known charts first in report order, then the rest. */
void doc_order_charts(struct report_doc *m);

#endif
