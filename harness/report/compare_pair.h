/* compare_pair.h - the data of `dlbench compare` (compare.h): series of
 * both runs, their pairing and the statistics of each pair, free of any
 * output format. compare_out.c renders it. */
#ifndef DLBENCH_COMPARE_PAIR_H
#define DLBENCH_COMPARE_PAIR_H

#include <stddef.h>

#include "base/util.h"
#include "report/compare_opts.h"
#include "results/claim.h"
#include "results/runmodel.h"

#define LOW_N 5 /* fewer samples than this on a side gets a '!' */

/* The samples of one result of one run (series metrics left out). */
struct cmp_series {
    struct result_key key;   /* borrowed from the run model */
    const char *impl, *unit; /* of the series' first sample */
    const char *build_id;    /* the variant's GNU build ID (variants.csv), ""
                              * when unknown */
    double *x;               /* the values the test runs on: per-process medians
                              * or samples (results/aggregate.h) */
    size_t n;
    int one_process;         /* 2+ samples, all from one process: no test */
    double mde_pct;          /* aggregate_mde_pct; NaN when not resolvable */
};

/* How a pair is compared. */
enum cmp_test {
    CMP_U,           /* Mann-Whitney U over the values (processes) */
    CMP_ONE_PROCESS, /* a side's samples all come from one process: no test */
    CMP_SINGLE,      /* one value a side (a file size): no test */
    CMP_VERDICT,     /* a yes/no result: the verdicts are compared */
    CMP_INTERVAL,    /* leak_bytes_per_cycle: by the slopes' 95 % CIs
                      * (leak_ci_low, leak_ci_high of the same result) */
    CMP_TOO_FEW      /* too few values for the test: even the most extreme
                      * ordering gives p >= alpha (stats_mw_min_p; 3+3
                      * processes of `run --quick`: 0.100): CLAIM_TOO_FEW */
};

struct cmp_side {
    const char *label;       /* the run id or file name, for the header */
    struct cmp_series *s;
    size_t ns;
};

/* One line of the comparison: a pair, or a result only one run has. */
struct cmp_row {
    const struct cmp_series *a, *b; /* old, new; one NULL for "only in" rows */
    char *name;              /* key/scenario[/workload][/thread], key = impl or variant */
    double ma, mb;           /* medians of the two sides, in unit; NaN when absent */
    double change;           /* percent, NaN when unpaired or ma == 0 */
    double p;                /* Mann-Whitney U two-sided p; NaN when unpaired
                              * or test != CMP_U */
    double min_p;            /* CMP_U, CMP_TOO_FEW: the smallest p the test
                              * can give for these n (stats_mw_min_p) */
    int low_n;               /* CMP_U and a side has fewer than LOW_N values */
    enum cmp_test test;
    enum claim claim;        /* claim_difference (results/claim.h) at alpha */
    double mde_pct;          /* the larger of the two sides' mde; NaN: none */
    double ci[2][2];         /* CMP_INTERVAL: [side][low, high] */
    int same_build;          /* both sides' build_id equal and not empty: the
                              * library did not change between the runs */
    int vs_shift;            /* judged against the machine shift (cmp_shift):
                              * a timing row of another build under SHIFT_MOVED */
    double change_vs_shift;  /* vs_shift: percent, new / (1 + shift) vs old */
    double p_vs_shift;       /* vs_shift: Mann-Whitney p of that; else NaN */
    enum claim claim_measured; /* the claim of the values as measured; claim is
                              * this one unless vs_shift withheld it */
};

/* What the same-build rows say about the machine between the runs. Their
 * library is byte for byte the same build, so their change comes from the
 * machine, the OS or dlbench (CPU speed, load, a kernel, a harness
 * change), never from the library. */
enum cmp_shift_state {
    SHIFT_NONE,     /* no same-build pair (e.g. runs without build_id) */
    SHIFT_FEW,      /* fewer than SHIFT_MIN_ROWS same-build timing rows tested */
    SHIFT_TOO_FEW,  /* as SHIFT_FEW, because their rows have too few
                     * processes to test (CMP_TOO_FEW): cannot tell */
    SHIFT_STABLE,   /* |median| < their median mde and at most 1 in 10 of them
                     * claims a change (SHIFT_CHANCE: issue 10's A/A bar; at
                     * alpha 0.05 a row of an unchanged machine claims by
                     * chance, seen: 1 of 12, +0.60 % over a 0.596 % mde) */
    SHIFT_MOVED,    /* |median| >= their median mde and at least one claims */
    SHIFT_UNCLEAR   /* the rest: more claims while the median stays inside the
                     * mde, or a median beyond it that no row's test supports */
};
#define SHIFT_MIN_ROWS 3
#define SHIFT_CHANCE(n) (((n) + 9) / 10) /* claims allowed to a stable machine */

struct cmp_shift {
    enum cmp_shift_state state;
    size_t n_pairs;          /* same-build pairs, any metric (rows marked '=') */
    const char *build_id;    /* of the first same-build pair (footnote) */
    size_t n_rows;           /* same-build timing rows with a Mann-Whitney test
                              * (metric_is_timing, not the pair ratio) */
    size_t n_claimed;        /* of them, claiming a change */
    size_t n_too_few;        /* same-build timing rows not tested: CMP_TOO_FEW */
    size_t few_na, few_nb;   /* the values a side of the first of them */
    double few_min_p;        /* and its smallest possible p */
    double median_pct;       /* median of their changes, percent */
    double lo_pct, hi_pct;   /* smallest and largest change */
    double mde_pct;          /* median of their mde; NaN when none known */
    size_t n_judged;         /* SHIFT_MOVED: rows of other builds judged vs it */
    size_t n_withheld;       /* of them: claimed as measured, not vs the shift */
};

/* Per metric: the geometric mean of the paired medians. */
struct cmp_metric {
    const char *metric, *unit;
    size_t n_paired;
    int nonpos;              /* some paired median <= 0: no geomean */
    double ga, gb;           /* geomeans of old and new, NaN when none */
    double change;           /* percent */
};

struct comparison {
    struct cmp_side A, B;
    struct cmp_row *rows;    /* pairs in OLD's order, then what only NEW has */
    size_t nrows;
    struct cmp_metric *metrics; /* in order of first appearance */
    size_t nmetrics;
    struct strlist notes;    /* how --match impl paired (ambiguities, renames) */
    struct cmp_shift shift;
    size_t n_paired, only_a, only_b, n_low;
    size_t n_too_few;        /* paired rows with CMP_TOO_FEW */
    const struct cmp_row *first_too_few; /* the first of them, for the footnote */
    double alpha;            /* the level every row was tested at */
    enum compare_match match;/* how rows were paired (COMPARE_BY_AUTO decided) */
};

/* Pairs the results of two run models (read with RM_NEED_RESULTS) and
 * tests each pair. a and b must outlive c.
 *
 * Same-build pairs give c->shift. When the machine moved (SHIFT_MOVED), a
 * timing row of any other pair keeps its claim only when the change is
 * claimed both as measured and relative to the shift (new values divided
 * by 1 + median_pct / 100, tested again by claim_difference), in the same
 * direction. Why both: the shift is the median of other libraries' rows,
 * an estimate of a machine factor assumed uniform; used only to withhold
 * claims, every claim printed is still supported by the values as
 * measured, and a change like the controls' (a Go release compared while
 * the C variants moved +25 % too) is not claimed. Used to create claims
 * (an unchanged row while the machine slowed) it would rest a claim on
 * that assumption alone; such rows show their change vs the shift but
 * stay unclaimed. Same-build rows keep the test's claim: they are the
 * evidence of the shift. */
void comparison_build(struct comparison *c, const struct run_model *a,
                      const struct run_model *b, enum compare_match match, double alpha);
/* Words for a verdict value of a yes/no metric: "unloads" /
 * "never-unloads" for unloaded, "yes" / "no" for others. */
const char *cmp_verdict_word(const char *metric, double v);
void comparison_free(struct comparison *c);

/* compare --fail-on-regression PCT: the rows of c whose change is claimed
 * (claim == CLAIM_DIFFERENT, after the machine shift) and goes the wrong
 * way for its metric (metric_direction) by at least pct percent: a time,
 * ratio, size, instruction count or leak rate that grew, or a library that
 * unloaded and no longer does. A growth from 0 (a leak that appeared)
 * counts as infinite. When the shift withheld nothing, the change as
 * measured decides; a row judged against the shift needs both changes
 * past pct. Appends one line per row to out ("  NAME metric: OLD -> NEW
 * (+X %)") and returns their count. */
size_t comparison_regressions(const struct comparison *c, double pct, struct strbuf *out);

#endif
