/* test_stats.c - known-answer tests for harness/stats.c.
 *
 * Fixed arrays only, nothing is measured. Every expected value says where it
 * comes from: worked out by hand, a printed table, or tests/stats/expected.py
 * (scipy 1.17 and brute-force enumeration, independent of stats.c).
 * The last line is "N passed, M failed"; the exit status is 1 if M > 0. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "results/stats.h"

static int n_passed, n_failed;

static void check(int ok, const char *what, int line)
{
    if (ok) {
        n_passed++;
    } else {
        n_failed++;
        printf("FAIL line %d: %s\n", line, what);
    }
}

/* |got - want| <= tol; NaN and infinities compare by identity. */
static void check_near(double got, double want, double tol, const char *what, int line)
{
    int ok;
    if (isnan(want))
        ok = isnan(got);
    else if (isinf(want))
        ok = got == want;
    else
        ok = fabs(got - want) <= tol;
    if (ok) {
        n_passed++;
    } else {
        n_failed++;
        printf("FAIL line %d: %s = %.17g, want %.17g (tol %g)\n",
               line, what, got, want, tol);
    }
}

#define CHECK(cond) check((cond), #cond, __LINE__)
#define NEAR(got, want, tol) check_near((got), (want), (tol), #got, __LINE__)
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ location */

static void test_median_mean_sd(void)
{
    /* by hand: sorted 1 2 3 -> 2 */
    const double odd[] = { 3, 1, 2 };
    NEAR(stats_median(odd, 3), 2.0, 0);
    /* by hand: sorted 1 2 3 4 -> (2 + 3) / 2 */
    double even[] = { 4, 1, 3, 2 };
    NEAR(stats_median(even, 4), 2.5, 0);
    /* the input is not sorted in place */
    CHECK(even[0] == 4 && even[1] == 1 && even[2] == 3 && even[3] == 2);
    NEAR(stats_median(odd, 1), 3.0, 0);
    CHECK(isnan(stats_median(odd, 0)));

    /* Wikipedia "Standard deviation" example: mean 5, population sd 2, so
     * sample sd = sqrt(32 / 7) = 2.1380899352993950 (by hand). */
    const double w[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
    NEAR(stats_mean(w, LEN(w)), 5.0, 1e-15);
    NEAR(stats_stddev(w, LEN(w)), 2.1380899352993950, 1e-14);
    NEAR(stats_stddev(w, 1), 0.0, 0);

    /* Mean of a large offset: by hand 1e9 + 2 (the corrected two-pass
     * mean keeps it exact), sd of 1e9+{1,2,3} is 1. */
    const double off[] = { 1e9 + 1, 1e9 + 2, 1e9 + 3 };
    NEAR(stats_mean(off, 3), 1e9 + 2, 0);
    NEAR(stats_stddev(off, 3), 1.0, 1e-12);
}

static void test_mad(void)
{
    /* Wikipedia "Median absolute deviation" example: {1,1,2,2,4,6,9} has
     * median 2, deviations {1,1,0,0,2,4,7}, MAD 1. */
    const double x[] = { 1, 1, 2, 2, 4, 6, 9 };
    NEAR(stats_mad(x, LEN(x)), 1.0, 0);
    /* by hand: {1,2,3,4}: median 2.5, deviations {1.5,.5,.5,1.5}, MAD 1 */
    const double y[] = { 4, 3, 2, 1 };
    NEAR(stats_mad(y, LEN(y)), 1.0, 0);
    /* by hand: constant sample */
    const double c[] = { 7, 7, 7 };
    NEAR(stats_mad(c, LEN(c)), 0.0, 0);
}

/* ------------------------------------------------------- median CI */

static void test_median_ci(void)
{
    double lo, hi;

    /* n = 5: best possible is [X(1), X(5)] with coverage 1 - 2/2^5 =
     * 0.9375 < 0.95 (by hand), so not exact and [min, max]. */
    const double n5[] = { 5, 1, 4, 2, 3 };
    CHECK(stats_median_ci(n5, 5, 0.95, &lo, &hi) == 0);
    NEAR(lo, 1.0, 0);
    NEAR(hi, 5.0, 0);

    /* n = 6: [X(1), X(6)] covers 1 - 2/64 = 0.96875 (by hand): exact. */
    const double n6[] = { 6, 2, 5, 1, 4, 3 };
    CHECK(stats_median_ci(n6, 6, 0.95, &lo, &hi) == 1);
    NEAR(lo, 1.0, 0);
    NEAR(hi, 6.0, 0);

    /* n = 10: k = 2, [X(2), X(9)]. By hand: P(B <= 1) = 11/1024, coverage
     * 1 - 22/1024 = 0.978516 >= 0.95; k = 3: P(B <= 2) = 56/1024, coverage
     * 0.890625 < 0.95. Same ranks (2, 9) as Campbell & Gardner, BMJ 1988,
     * table of 95 % median CIs; expected.py prints k=2, coverage 0.978516. */
    const double n10[] = { 30, 10, 100, 70, 20, 90, 50, 40, 80, 60 };
    CHECK(stats_median_ci(n10, 10, 0.95, &lo, &hi) == 1);
    NEAR(lo, 20.0, 0);      /* X(2) */
    NEAR(hi, 90.0, 0);      /* X(9) */

    /* n = 30: k = 10, [X(10), X(21)]: expected.py prints coverage 0.957226
     * (math.comb sum and scipy.stats.binom agree); k = 11 would give
     * 1 - 2 P(B <= 10) = 0.901 (scipy). Campbell & Gardner list (10, 21).
     * Values 1.5 * i, stored in a scrambled order (i * 7 mod 31). */
    double n30[30];
    for (int i = 0; i < 30; i++)
        n30[i] = 1.5 * (double)((i + 1) * 7 % 31);
    CHECK(stats_median_ci(n30, 30, 0.95, &lo, &hi) == 1);
    NEAR(lo, 15.0, 0);      /* X(10) = 1.5 * 10 */
    NEAR(hi, 31.5, 0);      /* X(21) = 1.5 * 21 */

    /* The same through the summary. */
    struct summary s;
    stats_summarize(n10, 10, &s);
    CHECK(s.ci_exact == 1);
    NEAR(s.ci_low, 20.0, 0);
    NEAR(s.ci_high, 90.0, 0);
    stats_summarize(n5, 5, &s);
    CHECK(s.ci_exact == 0);
    NEAR(s.ci_low, 1.0, 0);
    NEAR(s.ci_high, 5.0, 0);
}

/* ---------------------------------------------- outliers and summary */

static void test_outliers(void)
{
    /* by hand: {1,2,3,4,100}: median 3, |dev| {2,1,0,1,97} -> MAD 1;
     * z = 0.6745 * (x - 3) = {-1.349, -0.6745, 0, 0.6745, 65.4265};
     * only 100 has |z| > 3.5. */
    const double x[] = { 1, 2, 3, 4, 100 };
    double z[5];
    stats_modified_z(x, 5, z);
    NEAR(z[0], -1.349, 1e-12);
    NEAR(z[1], -0.6745, 1e-12);
    NEAR(z[2], 0.0, 0);
    NEAR(z[3], 0.6745, 1e-12);
    NEAR(z[4], 65.4265, 1e-12);
    struct summary s;
    stats_summarize(x, 5, &s);
    CHECK(s.n_outliers == 1);

    /* MAD == 0 (header): z = 0 at the median, +-inf elsewhere. By hand:
     * {5,5,5,5,6,4}: median 5, |dev| {0,0,0,0,1,1}, MAD 0. */
    const double m0[] = { 5, 5, 5, 5, 6, 4 };
    double z0[6];
    stats_modified_z(m0, 6, z0);
    NEAR(z0[0], 0.0, 0);
    NEAR(z0[3], 0.0, 0);
    NEAR(z0[4], INFINITY, 0);
    NEAR(z0[5], -INFINITY, 0);
    stats_summarize(m0, 6, &s);
    NEAR(s.mad, 0.0, 0);
    CHECK(s.n_outliers == 2);

    /* by hand: a constant sample has no outliers */
    const double c[] = { 3, 3, 3, 3 };
    stats_summarize(c, 4, &s);
    CHECK(s.n_outliers == 0);
    NEAR(s.stddev, 0.0, 0);
    NEAR(s.cv_pct, 0.0, 0);
}

static void test_summary(void)
{
    struct summary s;
    /* n = 0: every field 0 (header) */
    stats_summarize(NULL, 0, &s);
    CHECK(s.n == 0 && s.median == 0 && s.mean == 0 && s.stddev == 0 &&
          s.min == 0 && s.max == 0 && s.ci_exact == 0 && s.n_outliers == 0);

    /* by hand: {2,4,4,4,5,5,7,9}: median 4.5, mean 5, sd sqrt(32/7),
     * cv 100 * 2.1380899353 / 5 = 42.761798706, |dev| from 4.5
     * {2.5,.5,.5,.5,.5,.5,2.5,4.5} -> MAD 0.5. */
    const double w[] = { 9, 2, 4, 4, 4, 5, 5, 7 };
    stats_summarize(w, LEN(w), &s);
    CHECK(s.n == 8);
    NEAR(s.median, 4.5, 0);
    NEAR(s.mean, 5.0, 1e-15);
    NEAR(s.stddev, 2.1380899352993950, 1e-14);
    NEAR(s.cv_pct, 42.761798705987900, 1e-12);
    NEAR(s.min, 2.0, 0);
    NEAR(s.max, 9.0, 0);
    NEAR(s.mad, 0.5, 0);
    /* by hand: z(2) = z(7) = 0.6745 * 2.5 / 0.5 = 3.3725 (not outliers),
     * z(9) = 6.0705 (outlier) */
    CHECK(s.n_outliers == 1);

    /* by hand: n = 1 */
    const double one[] = { 42 };
    stats_summarize(one, 1, &s);
    CHECK(s.n == 1 && s.median == 42 && s.mean == 42 && s.stddev == 0 &&
          s.min == 42 && s.max == 42 && s.mad == 0 && s.ci_exact == 0 &&
          s.ci_low == 42 && s.ci_high == 42 && s.n_outliers == 0);
}

/* ----------------------------------------------------------- regression */

static void test_regression(void)
{
    struct regression r;

    /* Theil-Sen by hand: y = 2x with the point at x = 3 off by 5; the 10
     * pairwise slopes are 2 (6 of them), 3.67, 4.5, 7, -3: median 2. */
    {
        const double tx[] = { 0, 1, 2, 3, 4 };
        const double ty[] = { 0, 2, 4, 11, 8 };
        NEAR(stats_theil_sen(tx, ty, 5), 2.0, 1e-15);
        const double same[] = { 1, 1, 1 };
        CHECK(isnan(stats_theil_sen(same, ty, 3)));
    }

    /* by hand: y = 3 + 2x exactly: slope 2, intercept 3, r2 1, the slope
     * CI collapses to the slope (residuals 0). */
    const double x[] = { 0, 1, 2, 3, 4 };
    const double y[] = { 3, 5, 7, 9, 11 };
    CHECK(stats_regress(x, y, 5, &r) == 0);
    NEAR(r.slope, 2.0, 1e-14);
    NEAR(r.intercept, 3.0, 1e-14);
    NEAR(r.r2, 1.0, 1e-14);
    NEAR(r.slope_ci_low, 2.0, 1e-12);
    NEAR(r.slope_ci_high, 2.0, 1e-12);

    /* Anscombe's quartet, set I (Anscombe 1973: slope 0.500, intercept
     * 3.00, r2 0.67). Exact values and the slope CI from expected.py
     * (scipy.stats.linregress stderr * t.ppf(0.975, 9)). */
    const double ax[] = { 10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5 };
    const double ay[] = { 8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26,
                          10.84, 4.82, 5.68 };
    CHECK(stats_regress(ax, ay, LEN(ax), &r) == 0);
    NEAR(r.slope, 0.500090909091, 1e-11);
    NEAR(r.intercept, 3.00009090909, 1e-10);
    NEAR(r.r2, 0.666542459509, 1e-11);
    NEAR(r.slope_ci_low, 0.233370136385, 1e-8);
    NEAR(r.slope_ci_high, 0.766811681797, 1e-8);

    /* header: -1 when n < 3 or all x equal */
    const double same[] = { 2, 2, 2 };
    CHECK(stats_regress(x, y, 2, &r) == -1);
    CHECK(stats_regress(same, y, 3, &r) == -1);
}

/* ----------------------------------------------- distribution functions */

static void test_t_quantile(void)
{
    /* Printed t tables (two-sided 95 %): df 1 -> 12.706205, df 10 ->
     * 2.228139, df 30 -> 2.042272; table tolerance is their last digit. */
    NEAR(stats_t_quantile(0.95, 1), 12.706205, 1e-6);
    NEAR(stats_t_quantile(0.95, 10), 2.228139, 1e-6);
    NEAR(stats_t_quantile(0.95, 30), 2.042272, 1e-6);
    /* expected.py (scipy.stats.t.ppf), relative 1e-8 */
    NEAR(stats_t_quantile(0.95, 1), 12.7062047362, 12.7 * 1e-9);
    NEAR(stats_t_quantile(0.99, 5), 4.03214298356, 4.0 * 1e-9);
    NEAR(stats_t_quantile(0.95, 2.5), 3.574654842, 3.6 * 1e-9);
    NEAR(stats_t_quantile(0.95, 1e9), 1.95996398691, 2.0 * 1e-8);
    /* by hand: df 2 has the closed form t = sqrt(2 / (1 - l^2) - 2) for
     * two-sided level l; l = 0.5 -> sqrt(2/0.75 - 2) = sqrt(2/3)
     * = 0.816496580927726 */
    NEAR(stats_t_quantile(0.5, 2), 0.816496580927726, 1e-12);
    /* by hand: df 1 is Cauchy, t = tan(pi * l / 2); l = 0.5 -> tan(pi/4) = 1 */
    NEAR(stats_t_quantile(0.5, 1), 1.0, 1e-12);
}

static void test_norm_cdf(void)
{
    /* by hand: symmetry */
    NEAR(stats_norm_cdf(0), 0.5, 1e-16);
    /* printed normal tables: Phi(-1) = 0.1587, Phi(1.96) = 0.9750,
     * Phi(3) = 0.99865; more digits from expected.py (scipy.stats.norm) */
    NEAR(stats_norm_cdf(-1), 0.158655253931457, 1e-14);
    NEAR(stats_norm_cdf(1.959963984540054), 0.975, 1e-14);
    NEAR(stats_norm_cdf(3), 0.99865010196837, 1e-14);
    NEAR(stats_norm_cdf(-6), 9.86587645037695e-10, 1e-22);
}

/* --------------------------------------------------------- Mann-Whitney */

static void test_mann_whitney(void)
{
    double u, p;

    /* by hand: x = {1,2}, y = {3,4}: U = 0. The 6 orderings of 2 + 2 give
     * U = 0,1,2,2,3,4, so P(U <= 0) = 1/6 and p = 2/6. */
    const double hx[] = { 1, 2 }, hy[] = { 3, 4 };
    CHECK(stats_mann_whitney(hx, 2, hy, 2, &u, &p) == 0);
    NEAR(u, 0.0, 0);
    NEAR(p, 1.0 / 3.0, 1e-15);
    /* by hand: x above every y: U = 9 = nx * ny; P(U >= 9) = 1/C(6,3)
     * = 1/20, p = 0.1 (scipy exact agrees, expected.py) */
    const double gx[] = { 4, 5, 6 }, gy[] = { 1, 2, 3 };
    CHECK(stats_mann_whitney(gx, 3, gy, 3, &u, &p) == 0);
    NEAR(u, 9.0, 0);
    NEAR(p, 0.1, 1e-15);
    /* the smallest p of n values a side: that extreme ordering's p, by hand
     * 2 / C(nx + ny, nx) */
    NEAR(stats_mw_min_p(3, 3), p, 1e-15);
    NEAR(stats_mw_min_p(2, 2), 1.0 / 3.0, 1e-15);
    NEAR(stats_mw_min_p(3, 10), 2.0 / 286.0, 1e-15);   /* C(13,3) = 286 */
    NEAR(stats_mw_min_p(4, 4), 2.0 / 70.0, 1e-15);     /* < 0.05: testable */
    NEAR(stats_mw_min_p(1, 5), 1.0 / 3.0, 1e-15);      /* 2 / 6 */
    NEAR(stats_mw_min_p(1, 1), 1.0, 0);                /* 2 / 2 */
    NEAR(stats_mw_min_p(0, 5), 1.0, 0);

    /* 8 vs 10, no ties, exact: expected.py, scipy mannwhitneyu(method=
     * "exact") and brute-force enumeration of all C(18,8) splits both give
     * U = 59, p = 0.101101512866219. */
    const double ex[] = { 1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06 };
    const double ey[] = { 0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.061, 3.14,
                          1.292, 0.10 };
    CHECK(stats_mann_whitney(ex, LEN(ex), ey, LEN(ey), &u, &p) == 0);
    NEAR(u, 59.0, 0);
    NEAR(p, 0.101101512866219, 1e-13);
    /* by hand: swapping the samples gives U' = nx * ny - U = 21, same p */
    CHECK(stats_mann_whitney(ey, LEN(ey), ex, LEN(ex), &u, &p) == 0);
    NEAR(u, 21.0, 0);
    NEAR(p, 0.101101512866219, 1e-13);

    /* 20 vs 20, the largest exact case: x = 1,4,..,58, y = 8,11,..,65.
     * expected.py (scipy exact): U = 153, p = 0.210964327248121. */
    double x20[20], y20[20];
    for (int i = 0; i < 20; i++) {
        x20[i] = 3.0 * i + 1;
        y20[i] = 3.0 * i + 8;
    }
    CHECK(stats_mann_whitney(x20, 20, y20, 20, &u, &p) == 0);
    NEAR(u, 153.0, 0);
    NEAR(p, 0.210964327248121, 1e-13);

    /* Ties -> normal approximation with tie and continuity correction.
     * U by hand: 3 ties of x=3 with y=3 (1.5) + x=4 (1 + 1) + x=5 (3 + 1)
     * = 7.5; p from expected.py (scipy method="asymptotic",
     * use_continuity=True) = 0.00634007474248907. */
    const double tx[] = { 1, 2, 2, 3, 3, 3, 4, 5 };
    const double ty[] = { 3, 4, 4, 5, 5, 6, 6, 7, 7 };
    CHECK(stats_mann_whitney(tx, LEN(tx), ty, LEN(ty), &u, &p) == 0);
    NEAR(u, 7.5, 0);
    NEAR(p, 0.00634007474248907, 1e-13);

    /* 25 vs 22, no ties, too large for exact: x = 0,2,..,48,
     * y = 11,13,..,53. expected.py (scipy asymptotic): U = 190,
     * p = 0.0716168554009266. */
    double xl[25], yl[22];
    for (int i = 0; i < 25; i++)
        xl[i] = 2.0 * i;
    for (int i = 0; i < 22; i++)
        yl[i] = 2.0 * i + 11;
    CHECK(stats_mann_whitney(xl, 25, yl, 22, &u, &p) == 0);
    NEAR(u, 190.0, 0);
    NEAR(p, 0.0716168554009266, 1e-13);

    /* Identical samples: by hand U = nx * ny / 2 = 12.5 and p = 1
     * (scipy agrees, expected.py). */
    const double id[] = { 1, 2, 3, 4, 5 };
    CHECK(stats_mann_whitney(id, 5, id, 5, &u, &p) == 0);
    NEAR(u, 12.5, 0);
    NEAR(p, 1.0, 0);
    /* by hand: every value tied (variance 0) -> p = 1 */
    const double k1[] = { 2, 2, 2 }, k2[] = { 2, 2 };
    CHECK(stats_mann_whitney(k1, 3, k2, 2, &u, &p) == 0);
    NEAR(u, 3.0, 0);
    NEAR(p, 1.0, 0);

    /* header: -1 on an empty sample */
    CHECK(stats_mann_whitney(hx, 0, hy, 2, &u, &p) == -1);
    CHECK(stats_mann_whitney(hx, 2, hy, 0, &u, &p) == -1);
}

/* --------------------------------------------------------------- ratios */

static void test_geomean_ratio(void)
{
    /* by hand: (1*2*4*8)^(1/4) = 64^(1/4) = 2 sqrt 2 = 2.8284271247461901 */
    const double g[] = { 1, 2, 4, 8 };
    NEAR(stats_geomean(g, 4), 2.8284271247461901, 1e-14);
    /* by hand: sqrt(2 * 8) = 4 */
    const double g2[] = { 2, 8 };
    NEAR(stats_geomean(g2, 2), 4.0, 1e-14);
    /* header: NaN for a value <= 0 or n == 0 */
    const double gz[] = { 1, 0, 4 }, gn[] = { 1, -2 };
    CHECK(isnan(stats_geomean(gz, 3)));
    CHECK(isnan(stats_geomean(gn, 2)));
    CHECK(isnan(stats_geomean(g, 0)));

    /* by hand: medians 10 / 5 = 2, interval [9/6, 12/4] = [1.5, 3] */
    struct summary a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.median = 10;
    a.ci_low = 9;
    a.ci_high = 12;
    b.median = 5;
    b.ci_low = 4;
    b.ci_high = 6;
    double ratio, lo, hi;
    stats_ratio(&a, &b, &ratio, &lo, &hi);
    NEAR(ratio, 2.0, 1e-15);
    NEAR(lo, 1.5, 1e-15);
    NEAR(hi, 3.0, 1e-15);
}

/* ------------------------------------------------------------------ MDE */

static void test_mde(void)
{
    /* Expected values: tests/stats/expected_mde.py (standard library
     * NormalDist only). hand_1_5 also by hand: median 3, MAD 1, so
     * 100 * 2.801585 * 1.482602 * sqrt(2 / 5) / 3 = 87.566. */
    const double hand[] = { 5, 1, 4, 2, 3 };
    NEAR(stats_mde_pct(hand, LEN(hand)), 87.5663452332777, 1e-9);
    const double dl[] = { 57.8, 61.2, 59.0, 60.5, 58.3, 62.0, 57.1, 60.0, 59.4, 58.8,
                          57.5, 63.1, 58.9, 59.9, 60.7, 58.1, 61.5, 59.2, 57.9, 60.2 };
    NEAR(stats_mde_pct(dl, LEN(dl)), 2.65800036121247, 1e-9);
    /* relative to |median| */
    const double neg[] = { -10, -12, -11, -9 };
    NEAR(stats_mde_pct(neg, LEN(neg)), 27.9720429261176, 1e-9);
    /* all equal: every change is resolvable */
    const double c[] = { 7, 7, 7 };
    NEAR(stats_mde_pct(c, LEN(c)), 0.0, 0);
    /* MAD 0 but not all equal (a 10 ns tick): the standard deviation,
     * sqrt(20) by hand, stands in for 1.4826 MAD */
    const double tick[] = { 40, 40, 50, 40, 40 };
    NEAR(stats_mde_pct(tick, LEN(tick)), 19.8101990579967, 1e-9);
    /* undefined: one value, a zero median */
    CHECK(isnan(stats_mde_pct(hand, 1)));
    const double z[] = { -1, 0, 1 };
    CHECK(isnan(stats_mde_pct(z, LEN(z))));
    /* four times the values halve it: sqrt(2 / n) */
    double dl4[4 * LEN(dl)];
    for (size_t i = 0; i < LEN(dl4); i++)
        dl4[i] = dl[i % LEN(dl)];
    NEAR(stats_mde_pct(dl4, LEN(dl4)), 2.65800036121247 / 2, 1e-9);
}

int main(void)
{
    test_median_mean_sd();
    test_mad();
    test_median_ci();
    test_outliers();
    test_summary();
    test_regression();
    test_t_quantile();
    test_norm_cdf();
    test_mann_whitney();
    test_geomean_ratio();
    test_mde();
    printf("%d passed, %d failed\n", n_passed, n_failed);
    return n_failed > 0;
}
