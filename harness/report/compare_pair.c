/* compare_pair.c - series, pairing and statistics of `compare`. See
 * compare_pair.h. */
#define _GNU_SOURCE
#include "report/compare_pair.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/units.h"
#include "results/aggregate.h"
#include "results/rundata.h"
#include "results/stats.h"

/* ================================================================ series */

/* Groups the samples of m into series; the values of each series go
 * through the per-process rule, as in summary.csv. */
static void side_build(struct cmp_side *sd, const struct run_model *m)
{
    memset(sd, 0, sizeof *sd);
    sd->label = m->label;
    /* at most one series per sample: the side arrays never move */
    long **procs = xcalloc(m->ns + 1, sizeof *procs);
    size_t *cap = xcalloc(m->ns + 1, sizeof *cap);
    for (size_t r = 0; r < m->ns; r++) {
        const struct rm_sample *smp = &m->s[r];
        if (metric_is_series(smp->key.metric) || isnan(smp->value))
            continue;
        struct cmp_series *s = NULL;
        size_t k = sd->ns;
        /* the last series first: rows of one series are usually adjacent */
        while (k-- > 0)
            if (result_key_eq(&sd->s[k].key, &smp->key)) {
                s = &sd->s[k];
                break;
            }
        if (!s) {
            sd->s = xrealloc(sd->s, (sd->ns + 1) * sizeof *sd->s);
            k = sd->ns++;
            s = &sd->s[k];
            int vi = rm_variant_index(m, smp->key.variant);
            *s = (struct cmp_series){smp->key, smp->impl, smp->unit,
                                     vi >= 0 && m->v[vi].build_id ? m->v[vi].build_id : "",
                                     NULL, 0, 0, NAN};
        }
        if (!s->x || !procs[k] || s->n == cap[k]) {
            cap[k] = s->n ? 2 * s->n : 16;
            s->x = xrealloc(s->x, cap[k] * sizeof *s->x);
            procs[k] = xrealloc(procs[k], cap[k] * sizeof **procs);
        }
        procs[k][s->n] = smp->process;
        s->x[s->n++] = smp->value;
    }
    for (size_t k = 0; k < sd->ns; k++) {
        struct proc_values pv;
        aggregate_per_process(sd->s[k].key.metric, sd->s[k].x, procs[k], sd->s[k].n, &pv);
        free(sd->s[k].x);
        sd->s[k].one_process = pv.one_process;
        sd->s[k].mde_pct = aggregate_mde_pct(&pv);
        sd->s[k].x = pv.x;
        sd->s[k].n = pv.n;
        free(procs[k]);
    }
    free(procs);
    free(cap);
}

static void side_free(struct cmp_side *sd)
{
    for (size_t i = 0; i < sd->ns; i++)
        free(sd->s[i].x);
    free(sd->s);
    memset(sd, 0, sizeof *sd);
}

/* =============================================================== pairing */

/* Distinct variant names of impl on one side. */
static void variants_of(const struct cmp_side *sd, const char *impl, struct strlist *out)
{
    for (size_t i = 0; i < sd->ns; i++)
        if (!strcmp(sd->s[i].impl, impl) && !sl_contains(out, sd->s[i].key.variant))
            sl_push(out, sd->s[i].key.variant);
}

/* --match impl: which impls pair by impl (into by_impl), which fall back
 * to variant names (a note says so). */
static void impl_matching(struct comparison *c, struct strlist *by_impl)
{
    struct strlist impls = {0};
    for (int side = 0; side < 2; side++) {
        const struct cmp_side *sd = side ? &c->B : &c->A;
        for (size_t i = 0; i < sd->ns; i++)
            if (*sd->s[i].impl && !sl_contains(&impls, sd->s[i].impl))
                sl_push(&impls, sd->s[i].impl);
    }
    if (!impls.n)
        sl_push(&c->notes, "no impl column: matched by variant name");
    for (size_t i = 0; i < impls.n; i++) {
        struct strlist va = {0}, vb = {0};
        variants_of(&c->A, impls.v[i], &va);
        variants_of(&c->B, impls.v[i], &vb);
        if (va.n > 1 || vb.n > 1) {
            struct strbuf sb = {0};
            sb_printf(&sb, "impl '%s' is ambiguous (", impls.v[i]);
            for (int side = 0; side < 2; side++) {
                const struct strlist *l = side ? &vb : &va;
                sb_printf(&sb, "%s%s:", side ? "; " : "", side ? "new" : "old");
                for (size_t k = 0; k < l->n; k++)
                    sb_printf(&sb, "%s%s", k ? ", " : " ", l->v[k]);
                if (!l->n)
                    sb_append(&sb, " none");
            }
            sb_append(&sb, "): its rows are matched by variant name");
            sl_push_owned(&c->notes, sb_detach(&sb));
        } else {
            sl_push(by_impl, impls.v[i]);
            if (va.n && vb.n && strcmp(va.v[0], vb.v[0]))
                sl_push_owned(&c->notes,
                              xasprintf("%s: old %s vs new %s", impls.v[i], va.v[0], vb.v[0]));
        }
        sl_free(&va);
        sl_free(&vb);
    }
    sl_free(&impls);
}

/* COMPARE_BY_AUTO: 1 when both sides have the same impls, some variant
 * names differ, and every impl whose variants differ has exactly one
 * variant on each side (a run of go@go1.22.12 against one of go@local). */
static int only_toolchains_differ(const struct comparison *c)
{
    struct strlist impls[2] = {{0}, {0}};
    int differ = 0, ok = 1;
    for (int side = 0; side < 2; side++) {
        const struct cmp_side *sd = side ? &c->B : &c->A;
        for (size_t i = 0; i < sd->ns; i++)
            if (!sl_contains(&impls[side], sd->s[i].impl))
                sl_push(&impls[side], sd->s[i].impl);
    }
    ok = impls[0].n == impls[1].n && impls[0].n > 0;
    for (size_t i = 0; ok && i < impls[0].n; i++) {
        const char *im = impls[0].v[i];
        struct strlist va = {0}, vb = {0};
        ok = *im && sl_contains(&impls[1], im);
        variants_of(&c->A, im, &va);
        variants_of(&c->B, im, &vb);
        int same = va.n == vb.n;
        for (size_t k = 0; same && k < va.n; k++)
            same = sl_contains(&vb, va.v[k]);
        if (ok && !same) {
            differ = 1;
            ok = va.n == 1 && vb.n == 1;
        }
        sl_free(&va);
        sl_free(&vb);
    }
    sl_free(&impls[0]);
    sl_free(&impls[1]);
    return ok && differ;
}

/* The name rows pair on: the impl when matching by impl and it is not
 * ambiguous, else the variant. */
static const char *key_name(const struct cmp_series *s, const struct strlist *by_impl)
{
    return *s->impl && sl_contains(by_impl, s->impl) ? s->impl : s->key.variant;
}

static char *row_name(const char *key, const struct cmp_series *s)
{
    struct strbuf sb = {0};
    sb_append(&sb, key);
    sb_printf(&sb, "/%s", s->key.scenario);
    if (*s->key.workload)
        sb_printf(&sb, "/%s", s->key.workload);
    if (*s->key.thread)
        sb_printf(&sb, "/%s", s->key.thread);
    return sb_detach(&sb);
}

static struct cmp_row *new_row(struct comparison *c)
{
    c->rows = xrealloc(c->rows, (c->nrows + 1) * sizeof *c->rows);
    struct cmp_row *r = &c->rows[c->nrows++];
    memset(r, 0, sizeof *r);
    r->ma = r->mb = r->change = r->p = r->mde_pct = NAN;
    r->change_vs_shift = r->p_vs_shift = r->min_p = NAN;
    return r;
}

const char *cmp_verdict_word(const char *metric, double v)
{
    if (!strcmp(metric, "unloaded"))
        return v != 0 ? "unloads" : "never-unloads";
    return v != 0 ? "yes" : "no";
}

/* The series of side sd with s's key but another metric, or NULL. */
static const struct cmp_series *sibling(const struct cmp_side *sd, const struct cmp_series *s,
                                        const char *metric)
{
    struct result_key k = s->key;
    k.metric = metric;
    for (size_t i = 0; i < sd->ns; i++)
        if (result_key_eq(&sd->s[i].key, &k) && sd->s[i].n)
            return &sd->s[i];
    return NULL;
}

/* leak_bytes_per_cycle: each side's slope CI from its leak_ci_low and
 * leak_ci_high; 0 when a side has none. */
static int leak_intervals(const struct comparison *c, struct cmp_row *r)
{
    const struct cmp_series *s[2] = {r->a, r->b};
    for (int i = 0; i < 2; i++) {
        const struct cmp_side *sd = i ? &c->B : &c->A;
        const struct cmp_series *lo = sibling(sd, s[i], "leak_ci_low");
        const struct cmp_series *hi = sibling(sd, s[i], "leak_ci_high");
        if (!lo || !hi)
            return 0;
        r->ci[i][0] = stats_median(lo->x, lo->n);
        r->ci[i][1] = stats_median(hi->x, hi->n);
    }
    return 1;
}

/* A pair's medians, change and test, and what may be claimed
 * (results/claim.h). */
static void test_pair(const struct comparison *c, struct cmp_row *r, double alpha)
{
    const struct cmp_series *a = r->a, *b = r->b;
    if (a)
        r->ma = stats_median(a->x, a->n);
    if (b)
        r->mb = stats_median(b->x, b->n);
    r->claim = CLAIM_SAME;
    if (!a || !b)
        return;
    r->change = r->ma != 0 ? 100.0 * (r->mb / r->ma - 1.0) : NAN;
    struct claim_side sa = {r->ma, NAN, NAN, a->mde_pct, a->one_process, 0};
    struct claim_side sb = {r->mb, NAN, NAN, b->mde_pct, b->one_process, 0};
    if (!strcmp(a->unit, "bool")) {
        r->test = CMP_VERDICT;
        r->claim = strcmp(cmp_verdict_word(a->key.metric, r->ma),
                          cmp_verdict_word(b->key.metric, r->mb))
                       ? CLAIM_DIFFERENT
                       : CLAIM_SAME;
        return;
    }
    if (!strcmp(a->key.metric, "leak_bytes_per_cycle") && leak_intervals(c, r)) {
        /* the slope's CI comes from one process's many samples of RSS:
         * a regression, not a test over processes */
        r->test = CMP_INTERVAL;
        sa = (struct claim_side){r->ma, r->ci[0][0], r->ci[0][1], NAN, 0, 0};
        sb = (struct claim_side){r->mb, r->ci[1][0], r->ci[1][1], NAN, 0, 0};
        r->claim = claim_difference(&sa, &sb, NAN, alpha);
        return;
    }
    if (a->one_process || b->one_process) {
        r->test = CMP_ONE_PROCESS;
        r->claim = CLAIM_NO_TEST;
        return;
    }
    if (a->n < 2 && b->n < 2) {
        r->test = CMP_SINGLE;
        return;
    }
    r->min_p = stats_mw_min_p(a->n, b->n);
    r->mde_pct = a->mde_pct;
    if (isnan(r->mde_pct) || b->mde_pct > r->mde_pct)
        r->mde_pct = b->mde_pct;
    if (r->min_p >= alpha) {
        /* no ordering of the values could reach alpha: not "no change" */
        r->test = CMP_TOO_FEW;
        r->claim = CLAIM_TOO_FEW;
        return;
    }
    r->test = CMP_U;
    double u;
    if (stats_mann_whitney(a->x, a->n, b->x, b->n, &u, &r->p) != 0)
        r->p = NAN;
    r->low_n = a->n < LOW_N || b->n < LOW_N;
    r->claim = isnan(r->p) ? CLAIM_SAME : claim_difference(&sa, &sb, r->p, alpha);
}

static void pair_rows(struct comparison *c, const struct strlist *by_impl, double alpha)
{
    int *used = xcalloc(c->B.ns + 1, sizeof *used);
    for (size_t i = 0; i < c->A.ns; i++) {
        const struct cmp_series *a = &c->A.s[i], *b = NULL;
        const char *ka = key_name(a, by_impl);
        for (size_t j = 0; j < c->B.ns && !b; j++) {
            const struct cmp_series *q = &c->B.s[j];
            struct result_key kq = q->key, kk = a->key;
            kq.variant = kk.variant = NULL; /* the name is compared below */
            if (!used[j] && !strcmp(key_name(q, by_impl), ka) && result_key_eq(&kq, &kk)) {
                b = q;
                used[j] = 1;
            }
        }
        struct cmp_row *r = new_row(c);
        r->a = a;
        r->b = b;
        r->name = row_name(ka, a);
    }
    for (size_t j = 0; j < c->B.ns; j++) {
        if (used[j])
            continue;
        struct cmp_row *r = new_row(c);
        r->b = &c->B.s[j];
        r->name = row_name(key_name(r->b, by_impl), r->b);
    }
    free(used);
    /* after pairing: a leak row reads its CI rows */
    for (size_t i = 0; i < c->nrows; i++) {
        struct cmp_row *r = &c->rows[i];
        test_pair(c, r, alpha);
        r->claim_measured = r->claim;
        r->same_build = r->a && r->b && *r->a->build_id && !strcmp(r->a->build_id, r->b->build_id);
    }
}

/* ====================================================== machine shift */

/* A row the machine shift is measured on (same build) or applied to
 * (another build): a timing tested over processes, not the pair
 * scenario's ratio (both of its variants run in the same processes: a
 * machine's change cancels in it). */
static int shift_row(const struct cmp_row *r)
{
    const char *m = r->a ? r->a->key.metric : "";
    return r->a && r->b && r->test == CMP_U && metric_is_timing(m) && strcmp(m, "ratio") &&
           isfinite(r->change) && r->ma > 0 && r->mb > 0;
}

static void shift_estimate(struct comparison *c)
{
    struct cmp_shift *sh = &c->shift;
    double *ch = xcalloc(c->nrows + 1, sizeof *ch), *mde = xcalloc(c->nrows + 1, sizeof *mde);
    size_t nm = 0;
    sh->median_pct = sh->lo_pct = sh->hi_pct = sh->mde_pct = NAN;
    for (size_t i = 0; i < c->nrows; i++) {
        const struct cmp_row *r = &c->rows[i];
        if (!r->same_build)
            continue;
        if (!sh->n_pairs++)
            sh->build_id = r->a->build_id;
        const char *m = r->a->key.metric;
        if (r->test == CMP_TOO_FEW && metric_is_timing(m) && strcmp(m, "ratio")) {
            if (!sh->n_too_few++) {
                sh->few_na = r->a->n;
                sh->few_nb = r->b->n;
                sh->few_min_p = r->min_p;
            }
            continue;
        }
        if (!shift_row(r))
            continue;
        ch[sh->n_rows++] = r->change;
        sh->n_claimed += r->claim == CLAIM_DIFFERENT;
        if (!isnan(r->mde_pct))
            mde[nm++] = r->mde_pct;
    }
    if (!sh->n_pairs) {
        sh->state = SHIFT_NONE;
    } else if (sh->n_rows < SHIFT_MIN_ROWS) {
        sh->state = sh->n_too_few ? SHIFT_TOO_FEW : SHIFT_FEW;
    } else {
        sh->median_pct = stats_median(ch, sh->n_rows);
        sh->lo_pct = sh->hi_pct = ch[0];
        for (size_t i = 1; i < sh->n_rows; i++) {
            sh->lo_pct = ch[i] < sh->lo_pct ? ch[i] : sh->lo_pct;
            sh->hi_pct = ch[i] > sh->hi_pct ? ch[i] : sh->hi_pct;
        }
        if (nm)
            sh->mde_pct = stats_median(mde, nm);
        /* beyond the typical row's resolution; without any mde: when most
         * rows claim */
        int beyond = nm ? fabs(sh->median_pct) >= sh->mde_pct : 2 * sh->n_claimed > sh->n_rows;
        if (beyond && sh->n_claimed)
            sh->state = SHIFT_MOVED;
        else if (!beyond && sh->n_claimed <= SHIFT_CHANCE(sh->n_rows))
            sh->state = SHIFT_STABLE;
        else
            sh->state = SHIFT_UNCLEAR;
    }
    free(ch);
    free(mde);
}

/* SHIFT_MOVED: the timing rows of other builds, tested again relative to
 * the shift (comparison_build in compare_pair.h says why a claim needs
 * both tests). */
static void shift_apply(struct comparison *c, double alpha)
{
    struct cmp_shift *sh = &c->shift;
    if (sh->state != SHIFT_MOVED)
        return;
    double f = 1.0 + sh->median_pct / 100.0;
    for (size_t i = 0; i < c->nrows; i++) {
        struct cmp_row *r = &c->rows[i];
        if (r->same_build || !shift_row(r))
            continue;
        const struct cmp_series *a = r->a, *b = r->b;
        double *y = xcalloc(b->n + 1, sizeof *y), u;
        for (size_t k = 0; k < b->n; k++)
            y[k] = b->x[k] / f;
        if (stats_mann_whitney(a->x, a->n, y, b->n, &u, &r->p_vs_shift) != 0)
            r->p_vs_shift = NAN;
        free(y);
        r->vs_shift = 1;
        r->change_vs_shift = 100.0 * (r->mb / f / r->ma - 1.0);
        struct claim_side sa = {r->ma, NAN, NAN, a->mde_pct, 0, 0};
        struct claim_side sb = {r->mb / f, NAN, NAN, b->mde_pct, 0, 0};
        enum claim rel = isnan(r->p_vs_shift) ? CLAIM_SAME
                                              : claim_difference(&sa, &sb, r->p_vs_shift, alpha);
        int same_dir = (r->change > 0) == (r->change_vs_shift > 0);
        sh->n_judged++;
        if (r->claim == CLAIM_DIFFERENT && !(rel == CLAIM_DIFFERENT && same_dir)) {
            r->claim = CLAIM_BELOW_MDE;
            sh->n_withheld++;
        }
    }
}

/* ============================================================ statistics */

static void metric_stats(struct comparison *c, struct cmp_metric *m)
{
    double *xa = xcalloc(c->nrows + 1, sizeof *xa), *xb = xcalloc(c->nrows + 1, sizeof *xb);
    size_t k = 0;
    m->ga = m->gb = m->change = NAN;
    for (size_t i = 0; i < c->nrows; i++) {
        const struct cmp_row *r = &c->rows[i];
        const struct cmp_series *s = r->a ? r->a : r->b;
        if (strcmp(s->key.metric, m->metric))
            continue;
        m->unit = s->unit;
        if (r->a && r->b) {
            m->nonpos |= !(r->ma > 0) || !(r->mb > 0);
            xa[k] = r->ma;
            xb[k++] = r->mb;
        }
    }
    m->n_paired = k;
    if (k && !m->nonpos) {
        m->ga = stats_geomean(xa, k);
        m->gb = stats_geomean(xb, k);
    }
    if (!isnan(m->ga) && !isnan(m->gb))
        m->change = 100.0 * (m->gb / m->ga - 1.0);
    free(xa);
    free(xb);
}

void comparison_build(struct comparison *c, const struct run_model *a,
                      const struct run_model *b, enum compare_match match, double alpha)
{
    memset(c, 0, sizeof *c);
    c->alpha = alpha;
    side_build(&c->A, a);
    side_build(&c->B, b);
    struct strlist by_impl = {0};
    if (match == COMPARE_BY_AUTO) {
        match = only_toolchains_differ(c) ? COMPARE_BY_IMPL : COMPARE_BY_VARIANT;
        if (match == COMPARE_BY_IMPL)
            sl_push(&c->notes, "matched by impl: the two runs differ only in toolchains "
                               "(--match variant pairs by variant name)");
    }
    c->match = match;
    if (match == COMPARE_BY_IMPL)
        impl_matching(c, &by_impl);
    pair_rows(c, &by_impl, alpha);
    sl_free(&by_impl);
    shift_estimate(c);
    shift_apply(c, alpha);
    for (size_t i = 0; i < c->nrows; i++) {
        const struct cmp_row *r = &c->rows[i];
        const char *metric = (r->a ? r->a : r->b)->key.metric;
        size_t k = 0;
        while (k < c->nmetrics && strcmp(c->metrics[k].metric, metric))
            k++;
        if (k == c->nmetrics) {
            c->metrics = xrealloc(c->metrics, (c->nmetrics + 1) * sizeof *c->metrics);
            c->metrics[c->nmetrics++] = (struct cmp_metric){.metric = metric, .unit = ""};
        }
        c->n_paired += r->a && r->b;
        c->only_a += r->a && !r->b;
        c->only_b += !r->a && r->b;
        c->n_low += r->a && r->b && r->low_n;
        if (r->a && r->b && r->test == CMP_TOO_FEW && !c->n_too_few++)
            c->first_too_few = r;
    }
    for (size_t k = 0; k < c->nmetrics; k++)
        metric_stats(c, &c->metrics[k]);
}

void comparison_free(struct comparison *c)
{
    for (size_t i = 0; i < c->nrows; i++)
        free(c->rows[i].name);
    free(c->rows);
    free(c->metrics);
    sl_free(&c->notes);
    side_free(&c->A);
    side_free(&c->B);
    memset(c, 0, sizeof *c);
}

/* ================================================= regression gate */

/* How much worse b is than a for r's metric, percent; 0 when it is not
 * worse; INFINITY for a growth from nothing or an unload lost. */
static double regression_pct(const struct cmp_row *r)
{
    const struct cmp_series *s = r->a;
    switch (metric_direction(s->key.metric, s->unit)) {
    case METRIC_HIGHER_BETTER:
        return r->ma > 0 && r->mb <= 0 ? INFINITY : 0;
    case METRIC_LOWER_BETTER:
        break;
    default:
        return 0;
    }
    if (!(r->mb > r->ma))
        return 0;
    if (r->ma <= 0)
        return INFINITY;
    double pct = 100.0 * (r->mb / r->ma - 1.0);
    if (r->vs_shift && isfinite(r->change_vs_shift) && r->change_vs_shift < pct)
        pct = r->change_vs_shift;
    return pct > 0 ? pct : 0;
}

size_t comparison_regressions(const struct comparison *c, double pct, struct strbuf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nrows; i++) {
        const struct cmp_row *r = &c->rows[i];
        if (!r->a || !r->b || r->claim != CLAIM_DIFFERENT)
            continue;
        double worse = regression_pct(r);
        if (!(worse > 0) || worse < pct)
            continue;
        n++;
        sb_printf(out, "  %s %s: ", r->name, r->a->key.metric);
        if (r->test == CMP_VERDICT) {
            sb_printf(out, "%s -> %s\n", cmp_verdict_word(r->a->key.metric, r->ma),
                      cmp_verdict_word(r->b->key.metric, r->mb));
            continue;
        }
        units_fmt(out, r->ma, r->a->unit);
        sb_append(out, " -> ");
        units_fmt(out, r->mb, r->b->unit);
        if (isfinite(worse)) {
            sb_append(out, " (");
            units_fmt_pct(out, worse);
            sb_append(out, r->vs_shift ? " vs the machine shift)\n" : ")\n");
        } else {
            sb_append(out, " (from none)\n");
        }
    }
    return n;
}
