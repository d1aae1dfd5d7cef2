/* stats.h - pure statistics over arrays of doubles. Knows nothing of dlopen,
 * processes or files; every function is deterministic and unit-tested on
 * fixed arrays (tests/stats). Inputs are never modified (functions that
 * need order sort a copy). NaN inputs are the caller's bug. */
#ifndef DLBENCH_STATS_H
#define DLBENCH_STATS_H

#include <stddef.h>

struct summary {
    size_t n;
    double median;
    double mean;
    double stddev;      /* sample standard deviation (n-1); 0 when n < 2 */
    double cv_pct;      /* 100 * stddev / |mean|; 0 when mean == 0 */
    double min, max;
    double mad;         /* median absolute deviation, unscaled */
    double ci_low;      /* distribution-free 95 % CI of the median from order */
    double ci_high;     /* statistics (binomial); [min,max] when n is too small
                         * for 95 % coverage (n < 6) - see ci_exact */
    int ci_exact;       /* 1 if [ci_low, ci_high] has >= 95 % coverage */
    size_t n_outliers;  /* |modified Z| > 3.5 (Iglewicz & Hoaglin) */
};

/* Fills s from x[0..n). n may be 0 (all fields 0). The CI is
 * stats_median_ci() at level 0.95; outliers use stats_modified_z(), so with
 * MAD == 0 every value different from the median counts as an outlier. */
void stats_summarize(const double *x, size_t n, struct summary *s);

/* Median, mean and MAD are NaN for n == 0; stddev is 0 for n < 2. */
double stats_median(const double *x, size_t n);
double stats_mean(const double *x, size_t n);
double stats_stddev(const double *x, size_t n);
double stats_mad(const double *x, size_t n);
/* Modified Z-score of each x[i]: 0.6745 * (x[i] - median) / MAD, written to
 * z[i]; when MAD == 0, z[i] = 0 for x[i] == median and +-inf otherwise. */
void stats_modified_z(const double *x, size_t n, double *z);
/* Order-statistic confidence interval of the median at the given level
 * (e.g. 0.95). Returns 1 if the interval reaches the level, 0 if n is too
 * small (then [min, max]).
 * Convention: with X(1) <= ... <= X(n) the sorted sample (1-based) and
 * B ~ Binomial(n, 1/2), the interval is [X(k), X(n-k+1)] for the largest
 * k <= n/2 with P(k <= B <= n-k) = 1 - 2 P(B <= k-1) >= level, which is the
 * interval's coverage for any continuous distribution. At 0.95 the
 * smallest such n is 6 (k = 1, coverage 0.969); n = 10 gives k = 2
 * (0.979), n = 30 gives k = 10 (0.957). n == 0 gives [0, 0] and 0. */
int stats_median_ci(const double *x, size_t n, double level, double *lo, double *hi);

/* Least-squares line y = a + b x with the 95 % CI of the slope b
 * (t distribution, n-2 degrees of freedom). Returns 0, or -1 when n < 3 or
 * all x are equal. r2 is 1 when all y are equal (the fit is exact). */
struct regression {
    double intercept, slope;
    double slope_ci_low, slope_ci_high;
    double r2;
};
int stats_regress(const double *x, const double *y, size_t n, struct regression *r);
/* Theil-Sen slope: the median of (y[j] - y[i]) / (x[j] - x[i]) over the
 * pairs i < j with x[j] != x[i] (Sen 1968). One point off the line (a
 * count that is late by one unit at one sample) moves it not at all when
 * the others lie on a line, where it bends the least-squares slope. NaN
 * when no pair has distinct x. O(n^2) pairs: meant for the tens of points
 * of a leak series. */
double stats_theil_sen(const double *x, const double *y, size_t n);

/* Two-sided Student t quantile: t such that P(|T| <= t) = level with df
 * degrees of freedom (df >= 1; any real df > 0 works). 0 for level <= 0,
 * +inf for level >= 1. Relative error below 1e-7 up to df = 1e7 and below
 * 1e-6 beyond, where the normal quantile stands in for it. */
double stats_t_quantile(double level, double df);
/* Standard normal CDF. */
double stats_norm_cdf(double z);

/* Mann-Whitney U test of x against y, two-sided. u is U of x; p the
 * p-value: exact (by counting) when both n <= 20 and there are no ties,
 * otherwise the normal approximation with tie and continuity correction.
 * Returns 0, or -1 when either sample is empty.
 * U of x = #{(i,j): x[i] > y[j]} + #{(i,j): x[i] == y[j]} / 2, so U is
 * large when x is larger, U of x + U of y = nx * ny, and identical samples
 * give nx * ny / 2. "Ties" means any two equal values in the pooled sample.
 * Exact: p = min(1, 2 min(P(U <= u), P(U >= u))) over all C(nx+ny, nx)
 * equally likely orderings. Normal: mu = nx ny / 2,
 * sigma^2 = nx ny / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))) with N =
 * nx + ny and t the size of each tie group, z = (|u - mu| - 1/2) / sigma,
 * p = min(1, 2 (1 - Phi(z))); p = 1 when |u - mu| <= 1/2 or sigma == 0. */
int stats_mann_whitney(const double *x, size_t nx, const double *y, size_t ny,
                       double *u, double *p);

/* The smallest two-sided p stats_mann_whitney can give for samples of nx
 * and ny values without ties: 2 / C(nx + ny, nx), at most 1 (the U of
 * either extreme ordering is one of C(nx + ny, nx) equally likely ones).
 * 3 + 3 values: 2 / 20 = 0.100, so at alpha 0.05 nothing can be claimed.
 * 1 when either n is 0. */
double stats_mw_min_p(size_t nx, size_t ny);

/* Minimum detectable effect, percent: the smallest relative change of the
 * median that a two-sided test at alpha = 0.05 finds with 80 % power when
 * two runs each give n independent values spread like x[0..n). Normal
 * approximation with a robust spread:
 *   mde_pct = 100 * (z(0.975) + z(0.80)) * sigma * sqrt(2 / n) / |median|
 * with z(0.975) + z(0.80) = 1.959964 + 0.841621 = 2.801585 and
 * sigma = 1.4826 * MAD (the standard deviation of a normal sample). When
 * MAD is 0 (half the values equal, as with a clock that ticks in 10 ns
 * steps) sigma is the sample standard deviation instead, so a few values
 * off the tick still count; 0 only when all values are equal. NaN when
 * n < 2 or the median is 0. Whether the x are independent is
 * the caller's business (results/aggregate.h). */
double stats_mde_pct(const double *x, size_t n);

/* Geometric mean of positive values; NaN if any value <= 0 or n == 0. */
double stats_geomean(const double *x, size_t n);

/* Ratio of medians a/b with an approximate 95 % interval from the two
 * medians' CIs ([a_lo/b_hi, a_hi/b_lo]). Meant for positive quantities:
 * ratio is NaN when b's median is 0, lo NaN when b_hi <= 0, hi +inf when
 * b_lo <= 0. */
void stats_ratio(const struct summary *a, const struct summary *b,
                 double *ratio, double *lo, double *hi);

#endif
