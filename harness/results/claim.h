/* claim.h - THE rule for saying that two results differ, in one place:
 * every report finding that compares two results, findings.csv and
 * `dlbench compare` ask claim_difference().
 *
 * A difference is claimed only when
 *   1. neither side's samples all come from one process (several samples
 *      of one process are not independent: nothing is tested, and the
 *      answer is CLAIM_NO_TEST, "one process: no test");
 *   2. it is significant: p < alpha for a test that ran on the values
 *      (compare's Mann-Whitney U over processes), or - when only summaries
 *      are at hand (the report) - the two 95 % CIs of the medians do not
 *      overlap; with 2 to 5 values no distribution-free 95 % CI exists
 *      (summary.csv then gives [min, max], 75 % coverage at n = 3), so
 *      nothing is tested either: CLAIM_TOO_FEW ("too few processes: no
 *      test"), never "no difference" (seen: 240 ns vs 2.48 ns from 3
 *      processes a side called "no difference");
 *   3. and the relative change of the medians, |b / a - 1|, is at least
 *      the larger of the two sides' mde_pct (stats_mde_pct: the smallest
 *      change the run can resolve). An unknown mde (NaN: a single value, an
 *      older run folder) sets no bar.
 * Seen without rule 3: "clang first call 3.0x faster" from 70-210 ns of
 * noise; without rule 1: +95 % between two runs of one build. */
#ifndef DLBENCH_CLAIM_H
#define DLBENCH_CLAIM_H

#include "base/util.h"
#include "results/runmodel.h"

/* What one side of a comparison knows; values in the result's unit. */
struct claim_side {
    double median;
    double ci_low, ci_high; /* 95 % CI of the median; NaN: the median itself */
    double mde_pct;         /* percent; NaN: unknown */
    int one_process;        /* 2+ samples, all from one process */
    int weak_ci;            /* 2..5 values: ci_low/ci_high are [min, max], not a
                             * 95 % CI (stats_median_ci) */
};

enum claim {
    CLAIM_TOO_FEW = -2,  /* a side has 2 to 5 values and no p: no 95 % CI */
    CLAIM_NO_TEST = -1,  /* a side is one process */
    CLAIM_SAME = 0,      /* not significant */
    CLAIM_BELOW_MDE = 1, /* significant, smaller than the larger mde: not claimed */
    CLAIM_DIFFERENT = 2  /* claimed */
};

/* Decides for a (the reference, "old") against b. p: a test's two-sided
 * p-value, or NaN to use the CIs; alpha: the test's level (0.05). */
enum claim claim_difference(const struct claim_side *a, const struct claim_side *b, double p,
                            double alpha);

/* The side a summary row gives: one_process when processes == 1 and n >= 2. */
struct claim_side claim_side_of(const struct rm_result *r);

/* claim_difference of two summary rows with the CI rule (p = NaN): what
 * report findings call. 1 when a difference is claimed, else 0. */
int claim_results(const struct rm_result *a, const struct rm_result *b);

/* The interval of a ratio row (the pair scenario's), saying what it is:
 * " (95 % CI [0.99x, 1.01x])" from 6 values on, " (range [1.00x, 1.01x]
 * of 3: no 95 % CI)" with 2 to 5 (summary.csv's [min, max]: weak_ci);
 * nothing for one value or no interval. */
void claim_fmt_ratio_interval(struct strbuf *sb, const struct rm_result *r);

/* Words for a verdict: "different", "below the mde", "no significant
 * difference", "one process: no test", "too few processes: no test". */
const char *claim_words(enum claim c);

#endif
