/* stats.c - pure statistics over arrays of doubles.
 *
 * No I/O, no globals, no hidden state: every function is a deterministic
 * function of its arguments. Inputs are never modified; anything that needs
 * order sorts a private copy. The one exception to "no I/O" is running out of
 * memory, which goes through xmalloc() like the rest of the harness (util.h:
 * out of memory is the one error we do not recover from).
 *
 * The special functions (log-gamma, regularized incomplete beta) are written
 * here rather than taken from libm: lgamma() writes the global signgam, which
 * would make these functions racy if the harness ever summarizes from two
 * threads. */
#include "results/stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/dbmath.h"

/* M_PI and M_SQRT2 are POSIX, not C11. */
#define LOG_SQRT_2PI 0.91893853320467274178
#define SQRT2 1.41421356237309504880

/* ------------------------------------------------------------- ordering */

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

static double *sorted_copy(const double *x, size_t n)
{
    double *s = xmalloc(n * sizeof *s);
    if (n)
        memcpy(s, x, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    return s;
}

/* s sorted, n > 0. For even n the mean of the two middle values. */
static double median_sorted(const double *s, size_t n)
{
    size_t mid = n / 2;
    if (n % 2)
        return s[mid];
    return (s[mid - 1] + s[mid]) / 2.0;
}

/* Median of |x[i] - med|; n > 0. */
static double mad_about(const double *x, size_t n, double med)
{
    double *d = xmalloc(n * sizeof *d);
    for (size_t i = 0; i < n; i++)
        d[i] = fabs(x[i] - med);
    qsort(d, n, sizeof *d, cmp_double);
    double mad = median_sorted(d, n);
    free(d);
    return mad;
}

/* ------------------------------------------------------ location, spread */

double stats_median(const double *x, size_t n)
{
    if (n == 0)
        return NAN;
    double *s = sorted_copy(x, n);
    double m = median_sorted(s, n);
    free(s);
    return m;
}

double stats_mean(const double *x, size_t n)
{
    if (n == 0)
        return NAN;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    double m = sum / (double)n;
    /* Second pass: the residuals' sum corrects the rounding of the first. */
    double corr = 0;
    for (size_t i = 0; i < n; i++)
        corr += x[i] - m;
    return m + corr / (double)n;
}

double stats_stddev(const double *x, size_t n)
{
    if (n < 2)
        return 0;
    double m = stats_mean(x, n), ss = 0, comp = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - m;
        ss += d * d;
        comp += d;
    }
    /* Corrected two-pass formula (Chan, Golub & LeVeque). */
    double var = (ss - comp * comp / (double)n) / (double)(n - 1);
    return var > 0 ? db_sqrt(var) : 0;
}

double stats_mad(const double *x, size_t n)
{
    if (n == 0)
        return NAN;
    return mad_about(x, n, stats_median(x, n));
}

/* Iglewicz & Hoaglin: 0.6745 is the 0.75 quantile of N(0,1), which makes
 * the MAD of a normal sample comparable with its standard deviation. */
#define MOD_Z_SCALE 0.6745
#define MOD_Z_OUTLIER 3.5

static double modified_z(double v, double med, double mad)
{
    if (mad == 0) {
        if (v == med)
            return 0;
        return v > med ? INFINITY : -INFINITY;
    }
    return MOD_Z_SCALE * (v - med) / mad;
}

void stats_modified_z(const double *x, size_t n, double *z)
{
    if (n == 0)
        return;
    double med = stats_median(x, n);
    double mad = mad_about(x, n, med);
    for (size_t i = 0; i < n; i++)
        z[i] = modified_z(x[i], med, mad);
}

/* ------------------------------------------------- median CI (binomial) */

/* Largest k (1-based, k <= n/2) such that P(k <= B <= n-k) >= level for
 * B ~ Binomial(n, 1/2); 0 when even k = 1 falls short. P(k <= B <= n-k) is
 * the coverage of [X(k), X(n-k+1)] for any continuous distribution.
 * The binomial probabilities are summed from the tail in log space, so any
 * n works (2^-n underflows beyond n = 1074). */
static size_t median_ci_rank(size_t n, double level)
{
    size_t best = 0;
    double cdf = 0;                         /* P(B <= j) */
    double log_pmf = -(double)n * db_log(2.0); /* log P(B = 0) */
    for (size_t j = 0; j + 1 <= n / 2; j++) {
        if (j > 0)
            log_pmf += db_log((double)(n - j + 1) / (double)j);
        cdf += db_exp(log_pmf);
        /* coverage of k = j + 1 is 1 - 2 P(B <= j) */
        if (1.0 - 2.0 * cdf >= level)
            best = j + 1;
        else
            break;
    }
    return best;
}

static int median_ci_sorted(const double *s, size_t n, double level,
                            double *lo, double *hi)
{
    size_t k = median_ci_rank(n, level);
    if (k == 0) {
        *lo = s[0];
        *hi = s[n - 1];
        return 0;
    }
    *lo = s[k - 1];
    *hi = s[n - k];
    return 1;
}

int stats_median_ci(const double *x, size_t n, double level, double *lo, double *hi)
{
    if (n == 0) {
        *lo = *hi = 0;
        return 0;
    }
    double *s = sorted_copy(x, n);
    int exact = median_ci_sorted(s, n, level, lo, hi);
    free(s);
    return exact;
}

/* -------------------------------------------------------------- summary */

void stats_summarize(const double *x, size_t n, struct summary *s)
{
    memset(s, 0, sizeof *s);
    if (n == 0)
        return;
    double *sorted = sorted_copy(x, n);
    s->n = n;
    s->median = median_sorted(sorted, n);
    s->mean = stats_mean(x, n);
    s->stddev = stats_stddev(x, n);
    s->cv_pct = s->mean != 0 ? 100.0 * s->stddev / fabs(s->mean) : 0;
    s->min = sorted[0];
    s->max = sorted[n - 1];
    s->mad = mad_about(sorted, n, s->median);
    s->ci_exact = median_ci_sorted(sorted, n, 0.95, &s->ci_low, &s->ci_high);
    for (size_t i = 0; i < n; i++)
        if (fabs(modified_z(sorted[i], s->median, s->mad)) > MOD_Z_OUTLIER)
            s->n_outliers++;
    free(sorted);
}

/* ---------------------------------------------------- special functions */

/* log Gamma(x) for x > 0: shift x up to >= 15 with Gamma(x+1) = x Gamma(x),
 * then Stirling's series; the first omitted term is below 3e-16 there. */
static double log_gamma(double x)
{
    double shift = 1;
    while (x < 15) {
        shift *= x;
        x += 1;
    }
    double r = 1 / x, r2 = r * r;
    double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 *
                    (1.0 / 1680 - r2 * (1.0 / 1188)))));
    return (x - 0.5) * db_log(x) - x + LOG_SQRT_2PI + series - db_log(shift);
}

/* Continued fraction for I_x(a, b) (DLMF 8.17.22), evaluated with the
 * modified Lentz method. y = 1 - x is passed separately so that callers who
 * know 1 - x more precisely than x do not lose it to cancellation.
 * Converges quickly for x < (a + 1) / (a + b + 2). */
static double inc_beta_cf(double x, double y, double a, double b)
{
    const double tiny = 1e-300, eps = 1e-16;
    double f = 1, c = 1, d = 0;
    for (int j = 1; j <= 100000; j++) {
        int m = j / 2;
        double num;
        if (j % 2)      /* d_{2m+1} */
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
        else            /* d_{2m} */
            num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        d = 1 + num * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1 + num / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        double delta = c * d;
        f *= delta;
        if (fabs(delta - 1) < eps)
            break;
    }
    double log_front = a * db_log(x) + b * db_log(y)
                       - (log_gamma(a) + log_gamma(b) - log_gamma(a + b));
    return db_exp(log_front) / (a * f);
}

/* Regularized incomplete beta I_x(a, b), with y = 1 - x. */
static double inc_beta(double x, double y, double a, double b)
{
    if (x <= 0)
        return 0;
    if (y <= 0)
        return 1;
    if (x < (a + 1) / (a + b + 2))
        return inc_beta_cf(x, y, a, b);
    return 1 - inc_beta_cf(y, x, b, a);
}

/* P(|T| > t) for t >= 0: I_{df/(df+t^2)}(df/2, 1/2). Beyond df = 1e7 the
 * t and normal tails differ by less than 1e-6 relative, and the normal one
 * avoids slow continued fractions. */
static double t_two_tail(double t, double df)
{
    if (df > 1e7)
        return db_erfc(t / SQRT2);
    double t2 = t * t;
    if (isinf(t2))
        return 0;
    return inc_beta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
}

double stats_t_quantile(double level, double df)
{
    if (!(level > 0))
        return 0;
    if (!(level < 1) || !(df > 0))
        return INFINITY;
    double q = 1 - level;           /* wanted two-sided tail */
    double lo = 0, hi = 1;
    while (t_two_tail(hi, df) > q) {
        lo = hi;
        hi *= 2;
        if (hi > 1e300)
            return INFINITY;
    }
    /* The tail is monotone in t: bisect to full double precision. */
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
        double mid = lo + (hi - lo) / 2;
        if (t_two_tail(mid, df) > q)
            lo = mid;
        else
            hi = mid;
    }
    return lo + (hi - lo) / 2;
}

double stats_norm_cdf(double z)
{
    return 0.5 * db_erfc(-z / SQRT2);
}

/* ----------------------------------------------------------- regression */

double stats_theil_sen(const double *x, const double *y, size_t n)
{
    size_t cap = n > 1 ? n * (n - 1) / 2 : 1, k = 0;
    double *s = xcalloc(cap, sizeof *s);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (x[j] != x[i])
                s[k++] = (y[j] - y[i]) / (x[j] - x[i]);
    double slope = k ? stats_median(s, k) : NAN;
    free(s);
    return slope;
}

int stats_regress(const double *x, const double *y, size_t n, struct regression *r)
{
    memset(r, 0, sizeof *r);
    if (n < 3)
        return -1;
    int all_equal = 1;
    for (size_t i = 1; i < n; i++)
        if (x[i] != x[0])
            all_equal = 0;
    if (all_equal)
        return -1;

    double xm = stats_mean(x, n), ym = stats_mean(y, n);
    double sxx = 0, sxy = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - xm, dy = y[i] - ym;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    r->slope = sxy / sxx;
    r->intercept = ym - r->slope * xm;
    /* Residuals summed directly: Syy - b Sxy cancels badly on good fits. */
    double sse = 0;
    for (size_t i = 0; i < n; i++) {
        double e = y[i] - (r->intercept + r->slope * x[i]);
        sse += e * e;
    }
    r->r2 = syy > 0 ? 1 - sse / syy : 1;
    if (r->r2 < 0)
        r->r2 = 0;
    double se_slope = db_sqrt(sse / (double)(n - 2) / sxx);
    double half = stats_t_quantile(0.95, (double)(n - 2)) * se_slope;
    r->slope_ci_low = r->slope - half;
    r->slope_ci_high = r->slope + half;
    return 0;
}

/* --------------------------------------------------------- Mann-Whitney */

struct labelled {
    double v;
    int from_x;
};

static int cmp_labelled(const void *pa, const void *pb)
{
    const struct labelled *a = pa, *b = pb;
    return (a->v > b->v) - (a->v < b->v);
}

/* Number of orderings of nx x's and ny y's (no ties) with U = u, for every
 * u in 0..nx*ny, written to c: the coefficients of the Gaussian binomial
 * [nx+ny choose nx]_q, built as prod_{i=1..nx} (1 - q^(ny+i)) / (1 - q^i).
 * After step i the polynomial is [ny+i choose i]_q, whose coefficients are
 * at most C(40, 20) < 2^38 for nx, ny <= 20, so int64 is exact. c holds
 * nx*ny + nx + 1 entries (room for the intermediate product). */
static void mw_counts(size_t nx, size_t ny, int64_t *c)
{
    size_t cap = nx * ny + nx + 1, deg = 0;
    memset(c, 0, cap * sizeof *c);
    c[0] = 1;
    for (size_t i = 1; i <= nx; i++) {
        size_t a = ny + i;
        for (size_t k = deg + a; k >= a; k--)    /* times (1 - q^a) */
            c[k] -= c[k - a];
        deg += a;
        for (size_t k = i; k <= deg; k++)        /* divided by (1 - q^i) */
            c[k] += c[k - i];
        deg -= i;
    }
}

double stats_mw_min_p(size_t nx, size_t ny)
{
    if (nx == 0 || ny == 0)
        return 1;
    size_t k = nx < ny ? nx : ny, n = nx + ny;
    double c = 1; /* C(n, k), exact while below 2^53 */
    for (size_t i = 1; i <= k; i++)
        c = c * (double)(n - k + i) / (double)i;
    double p = 2 / c;
    return p < 1 ? p : 1;
}

int stats_mann_whitney(const double *x, size_t nx, const double *y, size_t ny,
                       double *u, double *p)
{
    *u = 0;
    *p = 1;
    if (nx == 0 || ny == 0)
        return -1;
    size_t n = nx + ny;
    struct labelled *all = xmalloc(n * sizeof *all);
    for (size_t i = 0; i < nx; i++)
        all[i] = (struct labelled){ x[i], 1 };
    for (size_t j = 0; j < ny; j++)
        all[nx + j] = (struct labelled){ y[j], 0 };
    qsort(all, n, sizeof *all, cmp_labelled);

    /* Mid-ranks; rank sum of x; tie correction sum(t^3 - t). */
    double rank_sum_x = 0, tie_term = 0;
    int ties = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && all[j].v == all[i].v)
            j++;
        double t = (double)(j - i);
        double rank = ((double)(i + 1) + (double)j) / 2;   /* mean of i+1..j */
        for (size_t k = i; k < j; k++)
            if (all[k].from_x)
                rank_sum_x += rank;
        if (j - i > 1) {
            ties = 1;
            tie_term += t * t * t - t;
        }
        i = j;
    }
    free(all);

    double dnx = (double)nx, dny = (double)ny, dn = (double)n;
    /* Equals #(x_i > y_j) + #(x_i == y_j) / 2. */
    double ux = rank_sum_x - dnx * (dnx + 1) / 2;
    *u = ux;

    if (!ties && nx <= 20 && ny <= 20) {
        size_t cap = nx * ny + nx + 1, umax = nx * ny;
        int64_t *c = xmalloc(cap * sizeof *c);
        mw_counts(nx, ny, c);
        size_t ui = (size_t)db_llround(ux);
        int64_t total = 0, le = 0, ge = 0;
        for (size_t k = 0; k <= umax; k++) {
            total += c[k];
            if (k <= ui)
                le += c[k];
            if (k >= ui)
                ge += c[k];
        }
        free(c);
        double tail = (double)(le < ge ? le : ge) / (double)total;
        *p = db_fmin(1.0, 2 * tail);
        return 0;
    }

    double mu = dnx * dny / 2;
    double var = dnx * dny / 12 * ((dn + 1) - tie_term / (dn * (dn - 1)));
    double dev = fabs(ux - mu) - 0.5;       /* continuity correction */
    if (var <= 0 || dev <= 0) {
        *p = 1;
        return 0;
    }
    *p = db_fmin(1.0, db_erfc(dev / db_sqrt(var) / SQRT2));
    return 0;
}

/* ------------------------------------------------------------------ MDE */

/* z(0.975) + z(0.80): the normal quantiles of alpha = 0.05 two-sided and of
 * 80 % power (stats.h). */
#define MDE_Z_SUM (1.959963984540054 + 0.8416212335729143)
/* 1 / z(0.75): makes the MAD of a normal sample its standard deviation. */
#define MAD_TO_SIGMA 1.482602218505602

double stats_mde_pct(const double *x, size_t n)
{
    if (n < 2)
        return NAN;
    double med = stats_median(x, n);
    if (med == 0)
        return NAN;
    double sigma = MAD_TO_SIGMA * mad_about(x, n, med);
    if (sigma == 0) /* quantized values: the MAD sees only the tick */
        sigma = stats_stddev(x, n);
    return 100.0 * MDE_Z_SUM * sigma * db_sqrt(2.0 / (double)n) / fabs(med);
}

/* ---------------------------------------------------------------- ratios */

double stats_geomean(const double *x, size_t n)
{
    if (n == 0)
        return NAN;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(x[i] > 0))
            return NAN;
        sum += db_log(x[i]);
    }
    return db_exp(sum / (double)n);
}

void stats_ratio(const struct summary *a, const struct summary *b,
                 double *ratio, double *lo, double *hi)
{
    *ratio = b->median != 0 ? a->median / b->median : NAN;
    *lo = b->ci_high > 0 ? a->ci_low / b->ci_high : NAN;
    *hi = b->ci_low > 0 ? a->ci_high / b->ci_low : INFINITY;
}
