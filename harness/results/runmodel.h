/* runmodel.h - the one reader of a run folder (docs/run-folder.md).
 *
 * run_model_read() reads a run folder, or a bare results.csv, once into one
 * typed model; the report, the charts, `compare` and the terminal summary
 * are renderers of that model and never parse the folder's files
 * themselves (google/benchmark's one Run, many reporters).
 *
 * Files read (each only when present unless a flag requires it):
 *   variants.csv  -> v       (bench.toml order, status, baseline)
 *   summary.csv   -> r       (one row per result, every column as a double)
 *   results.csv   -> s       (every sample)
 *   failures.csv  -> f
 *   env.txt       -> env
 *   findings.csv  -> findings (typed verdicts; when the folder has no
 *                    findings.csv - a run of an older dlbench - the model
 *                    has none: verdicts_ensure() (results/verdicts.h)
 *                    computes them from the other files)
 *   charts/       -> charts  (which chart files exist)
 *
 * Strings in the model are owned by it (most point into the CSV tables it
 * keeps) and live until run_model_free(). A missing text cell is "", a
 * missing or empty number cell NaN. */
#ifndef DLBENCH_RUNMODEL_H
#define DLBENCH_RUNMODEL_H

#include <stddef.h>

#include "base/csv.h"

/* The five strings that name one result (a row of summary.csv, a series
 * of results.csv). In a query a NULL field matches any value. */
struct result_key {
    const char *variant;   /* variant name, "c@gcc" */
    const char *scenario;  /* "call", "load", "cycle", "size", "process" */
    const char *workload;  /* "add", "fib/30", "fresh", "" */
    const char *thread;    /* "main", "pthread", "" */
    const char *metric;    /* "ns_per_call", "dlopen_us", ... */
};

/* 1 when a and b name the same result; a NULL field in either matches. */
int result_key_eq(const struct result_key *a, const struct result_key *b);

struct rm_variant {
    const char *name, *impl, *lang;
    const char *toolchain;         /* "gcc", "go1.21.6", "local" */
    const char *toolchain_version; /* "c gcc 12.2.0", "go go1.21.6" */
    const char *build_version;     /* what the compiler says about itself */
    const char *lib;               /* path of the shared library */
    const char *exports;           /* exported symbols (a count or a list) */
    const char *status;            /* "ok", "failed"; "" when not recorded */
    const char *build_id;          /* GNU build ID of lib, hex; "" when the file had
                                    * none or the run is older than the column */
    long file_bytes;               /* bytes; -1 when not recorded */
    int ok;                        /* status is not "failed" */
    int baseline;                  /* variants.csv marks it the baseline */
    int impl_index;                /* position of its impl in the config, -1 when
                                    * not recorded (charts: the hue) */
    int toolchain_index;           /* position of its toolchain in the impl's
                                    * list, -1 when not recorded (the shade) */
    int listed;                    /* 1: from variants.csv; 0: only named by
                                    * summary.csv (then impl, toolchain and
                                    * toolchain_version come from there) */
};

/* One sample: a row of results.csv. */
struct rm_sample {
    struct result_key key;
    const char *impl;      /* "" when the file has no impl column */
    const char *unit;      /* unit of value ("ns", "us", "bytes", "KiB", ...) */
    long rep;              /* repetition, or the cycle index of series metrics
                            * (rss_kb); -1 when not recorded */
    long process;          /* the child process that measured it; -1 unknown */
    double value;          /* in unit; NaN when the cell is empty */
};

/* One result: a row of summary.csv. Values are in unit unless said. */
struct rm_result {
    struct result_key key;
    const char *impl, *toolchain, *toolchain_version; /* as in variants.csv */
    const char *unit;
    const char *warnings;      /* ';'-separated, "" for none */
    double n;                  /* values the statistics ran on (count) */
    double median, mean, stddev;
    double cv_pct;             /* coefficient of variation, percent */
    double min, max, mad;
    double ci_low, ci_high;    /* 95 % CI of the median; NaN when absent */
    double ratio;              /* median / the baseline's (ratio, no unit) */
    double ratio_ci_low, ratio_ci_high;
    double outliers;           /* count */
    double processes;          /* count of processes the samples came from */
    double cv_within_pct;      /* mean cv inside one process, percent */
    double mde_pct;            /* smallest change compare resolves, percent;
                                * NaN: one process, n < 2, or not recorded */
    double ratio_mde_pct;      /* MDE of ratio between two runs, percent (pair
                                * results: paired; NaN when absent) */
};

struct rm_failure {
    const char *variant, *scenario, *cause, *log;
    const char *log_file;      /* the whole log in the run folder, "" for none */
};

struct rm_env {
    char *key, *value;         /* one "key: value" line of env.txt, in order */
};

/* The verdict words of findings.csv (docs/run-folder.md). */
enum verdict {
    VERDICT_LEAK,           /* "leak": grows steadily by at least the detection limit */
    VERDICT_NO_LEAK,        /* "no-leak" */
    VERDICT_INCONCLUSIVE,   /* "inconclusive": measured, but cannot tell */
    VERDICT_NOT_MEASURED,   /* "not-measured": nothing of this run can support a claim */
    VERDICT_UNLOADS,        /* "unloads" (topic unload) */
    VERDICT_NEVER_UNLOADS,  /* "never-unloads" */
    VERDICT_FASTER,         /* "faster" (compare:*: the variant vs the other) */
    VERDICT_SLOWER,         /* "slower" */
    VERDICT_NO_DIFFERENCE,  /* "no-difference" */
    VERDICT_FASTEST,        /* "fastest" (fastest:<metric>: the lowest median) */
    VERDICT_SLOWEST,        /* "slowest" (slowest:<metric>: the highest median) */
    VERDICT_SMALLER,        /* "smaller" (file_size comparisons: faster's word) */
    VERDICT_LARGER,         /* "larger" */
    VERDICT_SMALLEST,       /* "smallest" (fastest:file_size) */
    VERDICT_LARGEST,        /* "largest" (slowest:file_size) */
    VERDICT_N_WORDS,
    VERDICT_OTHER = VERDICT_N_WORDS /* a word this reader does not know */
};

/* "leak", "no-leak", ...; "?" for VERDICT_OTHER. */
const char *verdict_word(enum verdict v);
/* The verdict of a word, VERDICT_OTHER when unknown. */
enum verdict verdict_of_word(const char *w);

/* One row of findings.csv: a verdict of one variant on one topic. */
struct rm_finding {
    char *variant;       /* variant name */
    char *topic;         /* "unload", "memory", "memory/rss", "fds", "pinned/fds",
                          * "compare:add/main", ... */
    enum verdict verdict;
    double value;        /* per cycle for resources (unit), a ratio for
                          * comparisons; NaN when none */
    char *unit;          /* "bytes", "count", "bool", "ratio", "" */
    double limit;        /* the detection limit of the method in this run, per
                          * cycle, in unit; NaN when it has none */
    char *detail;        /* the evidence, one line of plain text */
    char *other;         /* comparisons: the variant compared against (the
                          * variant itself for a comparison inside one
                          * variant); "" for the rest and in files of an
                          * older dlbench */
};

struct rm_chart {
    char *name;                /* file stem, "call_latency" (only [A-Za-z0-9_.-]) */
    char *png, *svg;           /* full paths of the files, NULL when absent */
};

struct run_model {
    char *path;                /* as given */
    char *label;               /* the folder's name (reports/latest resolved),
                                * or the file's name for a bare results.csv */
    char *run_id;              /* env.txt's run_id when set, else label */
    int is_folder;             /* 0 for a bare results.csv */

    struct rm_variant *v;      /* variants.csv order, then summary.csv's */
    size_t nv;
    int baseline;              /* index into v, -1 = none: the first variant
                                * marked baseline, else env's "baseline" */
    struct rm_result *r;       /* summary.csv order */
    size_t nr;
    struct rm_sample *s;       /* results.csv order */
    size_t ns;
    long n_samples;            /* rows of results.csv; -1 when there is none */
    struct rm_failure *f;
    size_t nf;
    struct rm_env *env;
    size_t nenv;
    struct rm_finding *findings; /* findings.csv order */
    size_t nfindings;
    int have_findings;         /* findings.csv was read, or verdicts computed */
    int findings_legacy;       /* the findings.csv read has no column "other": an
                                * older dlbench, without the comparison topics
                                * verdicts_ensure() then adds */
    struct rm_chart *charts;   /* sorted by name */
    size_t ncharts;

    struct csv_table t_variants, t_summary, t_results, t_failures; /* owned */
};

/* Files a caller cannot do without. */
enum {
    RM_NEED_SUMMARY = 1,   /* report, charts */
    RM_NEED_RESULTS = 2,   /* compare */
    RM_NEED_VARIANTS = 4,  /* charts (colours follow variants.csv) */
    RM_RESULTS_ONLY = 8    /* read results.csv, and variants.csv only when it
                            * reads (its build_id); nothing else (compare:
                            * any two runs compare, whatever else they hold) */
};

/* Reads path (a run folder, or with RM_NEED_RESULTS also a results.csv
 * file) into m. Returns 0, or -1 with a message in err, without the
 * "dlbench: error: " prefix:
 *   "'DIR' is not a run folder (no such directory)"
 *   "cannot read 'FILE': why" (missing required file, bad CSV, a missing
 *   column, a value that is not a number).
 * m can be freed after a failure too. */
int run_model_read(struct run_model *m, const char *path, unsigned flags, char *err,
                   size_t errlen);
void run_model_free(struct run_model *m);

/* The first summary row matching key (NULL fields match any) whose median
 * is not NaN, or NULL. */
const struct rm_result *rm_result(const struct run_model *m, const struct result_key *key);
/* Shorthand: rm_result of the five strings. */
const struct rm_result *rm_get(const struct run_model *m, const char *variant,
                               const char *scenario, const char *workload, const char *thread,
                               const char *metric);
/* Index of the variant named name, or -1. */
int rm_variant_index(const struct run_model *m, const char *name);
/* The value of an env.txt key, or NULL. */
const char *rm_env(const struct run_model *m, const char *key);
/* The finding of a variant on a topic, or NULL. */
const struct rm_finding *rm_finding_of(const struct run_model *m, const char *variant,
                                       const char *topic);
/* The finding of a variant on a topic against other, or NULL (topics with
 * several rows per variant: instructions:*). */
const struct rm_finding *rm_finding_vs(const struct run_model *m, const char *variant,
                                       const char *topic, const char *other);
/* Appends a finding (strings copied; NULL unit/detail = ""), other "". */
void rm_add_finding(struct run_model *m, const char *variant, const char *topic,
                    enum verdict v, double value, const char *unit, double limit,
                    const char *detail);
/* rm_add_finding with the variant compared against (NULL = ""). */
void rm_add_finding_vs(struct run_model *m, const char *variant, const char *topic,
                       enum verdict v, double value, const char *unit, double limit,
                       const char *detail, const char *other);

#endif
