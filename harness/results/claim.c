/* claim.c - see claim.h. */
#include "results/claim.h"

#include <math.h>

#include "base/units.h"

static void bounds(const struct claim_side *s, double *lo, double *hi)
{
    *lo = isnan(s->ci_low) ? s->median : s->ci_low;
    *hi = isnan(s->ci_high) ? s->median : s->ci_high;
}

enum claim claim_difference(const struct claim_side *a, const struct claim_side *b, double p,
                            double alpha)
{
    if (a->one_process || b->one_process)
        return CLAIM_NO_TEST;
    if (isnan(a->median) || isnan(b->median))
        return CLAIM_SAME;
    int significant;
    if (isnan(p)) {
        if (a->weak_ci || b->weak_ci)
            return CLAIM_TOO_FEW;
        double alo, ahi, blo, bhi;
        bounds(a, &alo, &ahi);
        bounds(b, &blo, &bhi);
        significant = ahi < blo || bhi < alo;
    } else {
        significant = p < alpha;
    }
    if (!significant)
        return CLAIM_SAME;
    double bar = 0;
    if (!isnan(a->mde_pct))
        bar = a->mde_pct;
    if (!isnan(b->mde_pct) && b->mde_pct > bar)
        bar = b->mde_pct;
    /* a median of 0 resolves no relative change: only an exact one (bar 0) */
    double change = a->median != 0 ? 100.0 * fabs(b->median / a->median - 1.0)
                                   : (bar == 0 ? INFINITY : 0);
    return change >= bar ? CLAIM_DIFFERENT : CLAIM_BELOW_MDE;
}

struct claim_side claim_side_of(const struct rm_result *r)
{
    return (struct claim_side){.median = r->median,
                               .ci_low = r->ci_low,
                               .ci_high = r->ci_high,
                               .mde_pct = r->mde_pct,
                               .one_process = r->processes == 1 && r->n >= 2,
                               .weak_ci = r->n >= 2 && r->n < 6};
}

int claim_results(const struct rm_result *a, const struct rm_result *b)
{
    struct claim_side sa = claim_side_of(a), sb = claim_side_of(b);
    return claim_difference(&sa, &sb, NAN, 0.05) == CLAIM_DIFFERENT;
}

const char *claim_words(enum claim c)
{
    switch (c) {
    case CLAIM_NO_TEST:
        return "one process: no test";
    case CLAIM_TOO_FEW:
        return "too few processes: no test";
    case CLAIM_BELOW_MDE:
        return "below the mde";
    case CLAIM_DIFFERENT:
        return "different";
    case CLAIM_SAME:
        break;
    }
    return "no significant difference";
}

void claim_fmt_ratio_interval(struct strbuf *sb, const struct rm_result *r)
{
    if (isnan(r->ci_low) || isnan(r->ci_high) || !(r->n >= 2))
        return;
    int weak = claim_side_of(r).weak_ci;
    sb_append(sb, weak ? " (range [" : " (95 % CI [");
    units_fmt_ratio(sb, r->ci_low);
    sb_append(sb, ", ");
    units_fmt_ratio(sb, r->ci_high);
    if (weak)
        sb_printf(sb, "] of %.0f: no 95 %% CI)", r->n);
    else
        sb_append(sb, "])");
}
