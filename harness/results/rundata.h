/* rundata.h - everything a run measured, independent of how it was
 * measured: samples, failures, per-variant facts, environment, and the
 * per-result summaries computed from them. Writers (writers.c) turn it into
 * files; tests build one from fixed samples with no measurement at all. */
#ifndef DLBENCH_RUNDATA_H
#define DLBENCH_RUNDATA_H

#include <stddef.h>

#include "results/stats.h"
#include "base/util.h"

struct run_variant {
    char *name, *impl, *lang, *toolchain, *toolchain_version, *build_version, *lib, *exports;
    long file_bytes;
    char *build_id;  /* the library's GNU build ID, hex (elf_file_build_id); "" when
                      * it has none or was not built */
    int ok;          /* built and verified */
    char *asked_mismatch; /* warning text when the library's toolchain is not the one asked */
    int impl_index;       /* position of the impl in the config, -1 unknown (colours) */
    int toolchain_index;  /* position of the toolchain in the impl's list, -1 unknown */
};

struct sample {
    int variant;     /* index into run_data.v */
    int proc;        /* which child process produced it (for iterations) */
    char *scenario, *workload, *thread, *metric, *unit;
    long rep;
    double value;
};

struct failure {
    char *variant, *scenario, *cause, *log;
    char *log_file;  /* the child's whole log in the run folder ("logs/..."), or NULL */
};

/* One row of summary.csv. */
struct result {
    int variant;
    const char *scenario, *workload, *thread, *metric, *unit; /* borrowed from a sample */
    struct summary s;       /* over processes when several processes gave several
                             * samples each (their medians), else over samples */
    size_t n_procs;         /* processes the samples came from */
    double cv_within_pct;   /* mean cv inside one process; NaN when no process
                             * gave 2+ samples */
    double mde_pct;         /* smallest change compare resolves, percent
                             * (aggregate_mde_pct); NaN: one process, n < 2 */
    double ratio, ratio_lo, ratio_hi; /* NaN when there is no baseline value.
                             * Pair results (scenario "pair", metric "ratio"):
                             * the paired ratio itself (median and its CI) */
    double ratio_mde_pct;   /* MDE (%) of ratio between two runs: pair results:
                             * their mde_pct (of the per-process ratios); others:
                             * sqrt(mde_pct^2 + the baseline's mde_pct^2) (the
                             * two medians vary independently); NaN without a
                             * baseline or for the baseline itself */
    struct strbuf warnings;           /* ';'-separated */
};

struct kv {
    char *key, *value;
};

struct run_data {
    struct run_variant *v;
    size_t nv;
    struct sample *s;
    size_t ns, cap_s;
    struct failure *f;
    size_t nf;
    struct result *r;
    size_t nr;
    struct kv *env;
    size_t nenv;
    int baseline;            /* variant index, -1 = none */
    struct strlist env_warnings; /* e.g. "governor powersave": attached to timing results */
};

int rd_add_variant(struct run_data *d, const char *name, const char *impl, const char *lang,
                   const char *toolchain);
void rd_add_sample(struct run_data *d, int variant, int proc, const char *scenario,
                   const char *workload, const char *thread, const char *metric, const char *unit,
                   long rep, double value);
void rd_add_failure(struct run_data *d, const char *variant, const char *scenario,
                    const char *cause, const char *log);
void rd_set_env(struct run_data *d, const char *key, const char *value);
const char *rd_env(const struct run_data *d, const char *key);

/* Parses a child's CSV (the `measure` format, header first) into samples
 * of variant v. Returns 0, or -1 with a reason in err (nothing is added
 * then: a child's output is taken whole or not at all). rep_base is added
 * to the rep of every row except series metrics (which carry a cycle index).
 * Records (measure/rows.h) are accepted: "#step," lines are skipped, an
 * "#end,<lines>" must be the last line and count the lines before it that
 * are not records; any other line starting with '#' is garbage. Whether
 * the end record must be there is the caller's business (child_run with
 * records: an output without it never gets here). */
int rd_parse_rows(struct run_data *d, int variant, int proc, long rep_base, const char *csv,
                  char *err, size_t errlen);

/* Drops the samples from index first on whose metric is not keep (keep
 * NULL: that are not timings, metric_is_timing; the order of the others is
 * kept). */
void rd_keep_metric(struct run_data *d, size_t first, const char *keep);

/* 1 for metrics that are a series over time, not repeated samples. */
int metric_is_series(const char *metric);
/* 1 for metrics that are durations measured repeatedly (get cv/n warnings). */
int metric_is_timing(const char *metric);

/* Which way a metric gets worse, for regression gates (compare
 * --fail-on-regression): METRIC_LOWER_BETTER for times, ratios to the
 * baseline, sizes, instruction counts and leak rates (bigger is worse);
 * METRIC_HIGHER_BETTER for "unloaded" (1 -> 0 is a regression);
 * METRIC_NO_DIRECTION for facts and the run's own bookkeeping (ELF flags,
 * cycle and GC counts, iterations, the baseline's own time in a pair). */
enum metric_direction { METRIC_NO_DIRECTION = 0, METRIC_LOWER_BETTER, METRIC_HIGHER_BETTER };
enum metric_direction metric_direction(const char *metric, const char *unit);

/* 1 for a result of the pair scenario's per-round ratios. */
int result_is_paired_ratio(const struct result *r);

/* Groups samples into results with statistics, warnings and ratios. */
void rd_summarize(struct run_data *d);
void rd_free(struct run_data *d);

#endif
