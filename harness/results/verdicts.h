/* verdicts.h - the findings of a run, computed once (verdicts.c): a pure
 * function of the run model (its samples and summaries) that gives every
 * variant one verdict per topic. `dlbench run` writes them to findings.csv
 * (results/writers.h); the report, the terminal summary and the chart
 * legends render them, so they cannot disagree. The topics, the verdict
 * words and the rule behind each: docs/run-folder.md, "findings.csv".
 *
 * Resources (per variant, from the cycle scenario; "pinned/<topic>" for
 * the pinned mode): memory (and its methods memory/rss, memory/pss,
 * memory/private_dirty, memory/valgrind, memory/valgrind_reachable,
 * memory/go_heap), fds, threads,
 * mappings; and unload. Comparisons (verdicts_compare.c), every one by
 * THE rule of results/claim.h: compare:<what> (vs the baseline),
 * compare:add/main-vs-pthread, compare:first_call-vs-dlopen,
 * toolchain:<metric>, fastest:<metric>, slowest:<metric> (smallest:,
 * largest: for file_size),
 * instructions:<workload>/main, paired:<workload>/main and
 * engine:<workload>/<thread>; the column "other" names the variant
 * compared against. */
#ifndef DLBENCH_VERDICTS_H
#define DLBENCH_VERDICTS_H

#include <stddef.h>

#include "results/runmodel.h"

/* What a series of samples (x = cycles done, y = the resource) shows. */
struct series_verdict {
    enum verdict verdict;     /* leak, no-leak, inconclusive, not-measured */
    double per_cycle;         /* leak: the least-squares slope (Theil-Sen for a
                               * series counted in single units, step 1); otherwise the
                               * growth per cycle over the later half of the
                               * run, but when the whole run grew by less than
                               * step, the whole run's growth per cycle, at
                               * least 0 (ended where it began: 0); never
                               * below 0 for no-leak; y units */
    double limit;             /* detection limit per cycle: step / cycles covered */
    double growth;            /* last minus first point used, y units */
    double cycles;            /* cycles covered by the points used */
    int quarters_growing;     /* of the 4 quarters of the points used, those that
                               * grew by at least step */
    int late_growing;         /* 1 if the later half grew by at least step */
    size_t n;                 /* points used (after the warm-up tenth) */
};

/* The steadiness rule. x[0..n) ascending, step = the smallest change the
 * method can see (RSS: a page in bytes; counts: 1; gctrace: 1 MiB).
 * After dropping the first tenth of the points (at least one, keeping 5):
 *   fewer than 5 points              -> inconclusive (too few samples);
 *   grew by less than step overall   -> no-leak;
 *   3 or 4 of the 4 quarters grew by step or more, one of the last two
 *   among them, and the slope's 95 % CI excludes 0
 *                                    -> leak (growth that does not stop);
 *   the later half grew by less than step, or a single quarter grew
 *                                    -> no-leak (growth that stopped, or
 *                                       one step: caching or a one-off);
 *   otherwise                        -> inconclusive.
 * n < 2 -> not-measured. Pure. */
void series_decide(const double *x, const double *y, size_t n, double step,
                   struct series_verdict *out);

/* The one decision of a comparison of two medians where lower is better
 * (times), through claim_difference (results/claim.h, THE rule): faster or
 * slower when a difference is claimed, no-difference when not significant
 * or below the larger mde, inconclusive when a side is one process or a
 * median is missing or not positive. *ratio = a / b (NaN when undefined).
 * Every compare:* finding goes through here. */
enum verdict verdict_compare(const struct rm_result *a, const struct rm_result *b,
                             double *ratio);

/* The metrics of toolchain:, fastest: and slowest: rows, in report order.
 * Lower is better (times); size: lower is smaller (verdict words smaller,
 * larger, smallest, largest instead of faster, slower, fastest, slowest). */
struct verdict_metric {
    const char *key;       /* topic suffix, "add/main"; NULL: the largest fib/N
                            * of the run, key "fib/N/main" */
    const char *scenario, *workload, *thread, *metric; /* workload "FIB": the
                                                        * largest fib/N; NULL: any */
    int unload_only;       /* ranked over the variants that unload only */
    int size;              /* a size, not a time */
};
#define VERDICT_NMETRICS 9
extern const struct verdict_metric verdict_metrics[VERDICT_NMETRICS];

/* The topic key of a metric ("add/main", "fib/30/main"); NULL when it is
 * the fib metric and the run has none (fib ""). Caller frees. */
char *verdict_metric_key(const struct verdict_metric *vm, const char *fib);
/* The largest call workload "fib/N" of the run into buf, "" if none. */
void rm_largest_fib(const struct run_model *m, char *buf, size_t len);
/* toolchain_version without digits and dots: "go go" for every Go
 * release, "c gcc" vs "c clang". Caller frees. */
char *rm_toolchain_family(const struct rm_variant *v);

/* Appends the comparison rows (the topics above) of m. legacy: m read a
 * findings.csv of an older dlbench, which has the compare:<what> and
 * compare:add/main-vs-pthread rows already: only the others are added. */
void verdicts_compare_topics(struct run_model *m, int legacy);

/* Appends the findings of every variant of m to m->findings (m->findings
 * must be empty). */
void verdicts_compute(struct run_model *m);
/* verdicts_compute when m read no findings.csv (a run folder of an older
 * dlbench, or a model built in a test); when m read a findings.csv of an
 * older dlbench (no column "other"), its rows stay and the comparison
 * topics it lacks are computed from summary.csv (verdicts_compare_topics
 * with legacy 1). */
void verdicts_ensure(struct run_model *m);

#endif
