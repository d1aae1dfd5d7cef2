/* chart_toolchains.c - toolchains: key metrics of each implementation
 * across its toolchains, each relative to the implementation's reference:
 * the run's baseline for the baseline's implementation (the same variant
 * every ratio of the report is to), else the implementation's first
 * toolchain in the config. The reference is drawn first, the others in
 * config order. Drawn only when some impl has two or more toolchains in
 * the run. See charts.h. */
#define _GNU_SOURCE
#include "report/charts.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dbmath.h"
#include "base/units.h"

#define TIMES_SIGN "\xc3\x97"

/* The version part of a toolchain_version: "go go1.21.6" -> "go1.21.6",
 * "c gcc 12.2.0" -> "gcc 12.2.0", "rust rustc 1.95.0 (...)" -> "rustc 1.95.0". */
static char *version_short(const char *tv)
{
    const char *p = tv;
    const char *sp = strchr(p, ' ');
    if (sp && sp[1])
        p = sp + 1;
    const char *q = p;
    while (*q && !isdigit((unsigned char)*q))
        q++;
    while (*q && !isspace((unsigned char)*q))
        q++;
    return xstrndup(p, (size_t)(q - p));
}

struct tc_metric {
    const char *title, *scenario, *workload, *thread, *metric;
    double to_base;      /* multiply to get unit */
    const char *unit;    /* "ns" or "bytes" */
};

static const struct tc_metric metrics[] = {
    {"add, main thread", "call", "add", "main", "ns_per_call", 1, "ns"},
    {"add, pthread", "call", "add", "pthread", "ns_per_call", 1, "ns"},
    {"fib(30), main thread", "call", "fib/30", "main", "ns_per_call", 1, "ns"},
    {"hello, main thread", "call", "hello", "main", "ns_per_call", 1, "ns"},
    {"dlopen()", "load", "", "main", "dlopen_us", 1e3, "ns"},
    {"first call", "load", NULL, "main", "first_call_us", 1e3, "ns"},
    {"dlopen/dlclose cycle (fresh)", "cycle", "fresh", "main", "cycle_us", 1e3, "ns"},
    {"file size", "size", "", "", "file_bytes", 1, "bytes"},
};

/* The variants drawn, as indices into c->v, ordered by impl then
 * reference first; their x positions (a gap between impls) and the first
 * (the reference) of each impl. */
struct tc_layout {
    size_t *sel, nsel;
    double *xs;
    size_t *first;
};

/* Sort keys of variant i: its impl's place (config order, else first
 * appearance), 0 for the reference of its impl, its toolchain's place. */
struct tc_keys {
    const struct chart_ctx *c;
    const int *is_ref;   /* per variant of c */
};

static int impl_order(const struct chart_ctx *c, size_t i)
{
    if (c->v[i].v->impl_index >= 0)
        return c->v[i].v->impl_index;
    for (size_t j = 0; j < i; j++)
        if (!strcmp(c->v[j].v->impl, c->v[i].v->impl))
            return (int)j;
    return (int)i;
}

static int tc_cmp(const void *a, const void *b, void *ctx)
{
    const struct tc_keys *k = ctx;
    const struct chart_ctx *c = k->c;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int ix = impl_order(c, x), iy = impl_order(c, y);
    if (ix != iy)
        return ix < iy ? -1 : 1;
    int r = strcmp(c->v[x].v->impl, c->v[y].v->impl);
    if (r)
        return r;
    if (k->is_ref[x] != k->is_ref[y])
        return k->is_ref[x] ? -1 : 1;
    int tx = c->v[x].v->toolchain_index, ty = c->v[y].v->toolchain_index;
    if (tx >= 0 && ty >= 0 && tx != ty)
        return tx < ty ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* Variants of impls with 2+ distinct toolchains, sorted; is_ref[i] marks
 * each impl's reference. */
static void tc_select(struct chart_ctx *c, struct tc_layout *L, int *is_ref)
{
    L->sel = xcalloc(c->nv ? c->nv : 1, sizeof *L->sel);
    L->nsel = 0;
    for (size_t i = 0; i < c->nv; i++) {
        const struct rm_variant *vi = c->v[i].v;
        if (c->v[i].failed || !*vi->impl)
            continue;
        int other = 0;
        for (size_t j = 0; j < c->nv && !other; j++) {
            const struct rm_variant *vj = c->v[j].v;
            other = j != i && !c->v[j].failed && !strcmp(vj->impl, vi->impl) &&
                    (strcmp(vj->toolchain, vi->toolchain) ||
                     strcmp(vj->toolchain_version, vi->toolchain_version));
        }
        if (other)
            L->sel[L->nsel++] = i;
    }
    /* The reference of an impl: the run's baseline when it is one of its
     * variants, else its first toolchain in the config. */
    int base = c->rm->baseline;
    for (size_t a = 0; a < L->nsel; a++) {
        size_t i = L->sel[a], best = i;
        int has_base = 0;
        for (size_t b = 0; b < L->nsel; b++) {
            size_t j = L->sel[b];
            if (strcmp(c->v[j].v->impl, c->v[i].v->impl))
                continue;
            if ((int)j == base)
                has_base = 1;
            int tj = c->v[j].v->toolchain_index, tb = c->v[best].v->toolchain_index;
            if ((tj >= 0 && tb >= 0) ? tj < tb || (tj == tb && j < best) : j < best)
                best = j;
        }
        is_ref[i] = has_base ? (int)i == base : i == best;
    }
    struct tc_keys k = {c, is_ref};
    if (L->nsel)
        qsort_r(L->sel, L->nsel, sizeof *L->sel, tc_cmp, &k);
}

/* x positions: one per variant, a gap between impls; one tick per impl
 * (the legend names the toolchains), appended to xt. */
static void tc_positions(const struct chart_ctx *c, struct tc_layout *L, struct strbuf *xt)
{
    L->xs = xcalloc(L->nsel, sizeof *L->xs);
    L->first = xcalloc(L->nsel, sizeof *L->first);
    double x = 0;
    sb_append(xt, "set xtics (");
    for (size_t i = 0, g0 = 0; i < L->nsel; i++) {
        const char *impl = c->v[L->sel[i]].v->impl;
        if (i && strcmp(impl, c->v[L->sel[i - 1]].v->impl)) {
            x += 0.6;
            g0 = i;
        }
        L->first[i] = g0;
        L->xs[i] = x;
        x += 1;
        if (i + 1 == L->nsel || strcmp(impl, c->v[L->sel[i + 1]].v->impl)) {
            sb_printf(xt, "%s", g0 ? ", " : "");
            gp_tic_string(xt, impl);
            sb_printf(xt, " %.3f", (L->xs[g0] + L->xs[i]) / 2);
        }
    }
    sb_append(xt, ")\n");
}

/* Legend in drawing order; the reference of each impl says so. */
static void tc_legend(const struct chart_ctx *c, const struct tc_layout *L, struct strbuf *p)
{
    size_t n = L->nsel;
    int base = c->rm->baseline;
    char *title = base >= 0 && base < (int)c->nv
        ? xasprintf("Toolchains: each metric relative to its implementation's reference "
                    "(%s: the baseline)", c->v[base].v->impl)
        : xasprintf("Toolchains: each metric relative to its implementation's reference");
    sb_append(p, "TITLE = ");
    gp_string(p, title);
    sb_appendc(p, '\n');
    free(title);
    sb_printf(p, "NV = %zu\narray VN[%zu]\narray VC[%zu]\n", n, n, n);
    for (size_t i = 0; i < n; i++) {
        const struct chart_variant *cv = &c->v[L->sel[i]];
        char *vs = version_short(cv->v->toolchain_version);
        int ref = L->first[i] == i;
        char *lab = xasprintf("%s (%s%s)", cv->v->name, *vs ? vs : cv->v->toolchain,
                              !ref ? "" : (int)L->sel[i] == c->rm->baseline
                                              ? ", baseline = 1" TIMES_SIGN
                                              : ", reference = 1" TIMES_SIGN);
        sb_printf(p, "VN[%zu] = ", i + 1);
        gp_string(p, lab);
        sb_printf(p, "; VC[%zu] = '#%06X'\n", i + 1, cv->color);
        free(vs);
        free(lab);
    }
    sb_printf(p, "XMIN = -0.7; XMAX = %.3f\n", L->xs[n - 1] + 0.7);
}

/* "set ytics (...)" for a log axis of ratios, ticks in [lo, hi] (the bars,
 * not the room for labels above them): 1x, then the
 * values of a 1-1.1-1.2-...-8 series going up and down from it, each kept
 * when it is at least min_gap x axis_span (decades) from
 * the last one kept; labelled "0.8×", "1×", "1.25×". A panel whose bars
 * differ by 10 % must not show a lone "1×", nor labels on top of each
 * other. */
static void ratio_tics(struct strbuf *sb, double lo, double hi, double axis_span,
                       double min_gap)
{
    static const double m[] = {1, 1.1, 1.2, 1.3, 1.5, 1.7, 2, 2.5, 3, 4, 5, 6, 8};
    double gap = min_gap * axis_span;
    double keep[64];
    size_t n = 0;
    keep[n++] = 1;
    for (int dir = 1; dir >= -1; dir -= 2) {
        double last = 0; /* log10 of the last kept tick: 1x */
        for (int d = dir > 0 ? 0 : -1; dir > 0 ? d <= 6 : d >= -6; d += dir)
            for (size_t k0 = 0; k0 < ARRAY_LEN(m) && n < ARRAY_LEN(keep); k0++) {
                size_t k = dir > 0 ? k0 : ARRAY_LEN(m) - 1 - k0;
                double t = m[k] * db_pow(10, d), lt = db_log10(t);
                if (t < lo * 0.999 || t > hi * 1.001 || fabs(lt - last) < gap)
                    continue;
                keep[n++] = t;
                last = lt;
            }
    }
    sb_append(sb, "set ytics (");
    struct strbuf lab = {0};
    for (size_t i = 0; i < n; i++) {
        lab.len = 0;
        units_fmt_num(&lab, keep[i], UNITS_TRIM);
        sb_append(&lab, TIMES_SIGN);
        sb_append(sb, i ? ", " : "");
        gp_tic_string(sb, lab.buf);
        sb_printf(sb, " %.9g", keep[i]);
    }
    sb_append(sb, ")");
    sb_free(&lab);
}

/* Writes tc<np+1>.dat of one metric and its panel settings into titles.
 * 1 when fewer than two toolchains have the metric (no panel), 0 when the
 * panel was written (*np counts it), -1 on a write error. */
static int tc_panel(struct chart_ctx *c, const struct tc_layout *L, const struct tc_metric *m,
                    size_t *np, struct strbuf *titles)
{
    struct stat3 *s = xcalloc(L->nsel, sizeof *s);
    struct strbuf d = {0};
    size_t have = 0;
    int rc = 1;
    double pmin = 1, pmax = 1; /* the panel's range of ratios */
    for (size_t i = 0; i < L->nsel; i++) {
        if (sum_get(c, c->v[L->sel[i]].v->name, m->scenario, m->workload, m->thread, m->metric,
                    &s[i]) == 0 && s[i].med > 0) {
            s[i].med *= m->to_base;
            s[i].lo *= m->to_base;
            s[i].hi *= m->to_base;
            have++;
        } else {
            s[i].med = NAN;
        }
    }
    if (have < 2)
        goto out; /* nothing to compare */
    /* Each bar relative to the first toolchain of its impl that has the
     * metric, so impls decades apart share one axis; the label keeps the
     * absolute value. */
    for (size_t i = 0; i < L->nsel; i++) {
        if (!isfinite(s[i].med))
            continue;
        const char *impl = c->v[L->sel[i]].v->impl;
        double ref = NAN;
        for (size_t j = L->first[i]; j < L->nsel && !strcmp(c->v[L->sel[j]].v->impl, impl); j++)
            if (isfinite(s[j].med)) {
                ref = s[j].med;
                break;
            }
        char lab[48];
        fmt_label(lab, sizeof lab, s[i].med, m->unit, UNITS_SIG);
        double hi = s[i].hi / ref, y = s[i].med / ref, lo = s[i].lo / ref;
        double top = isfinite(hi) && hi > y ? hi : y;
        pmax = db_fmax(pmax, top);
        pmin = db_fmin(pmin, isfinite(lo) && lo > 0 && lo < y ? lo : y);
        sb_printf(&d, "%.3f\t", L->xs[i]);
        gp_num(&d, y);
        sb_appendc(&d, '\t');
        gp_num(&d, s[i].lo / ref);
        sb_appendc(&d, '\t');
        gp_num(&d, hi);
        sb_printf(&d, "\t%u\t%s\t", c->v[L->sel[i]].color, lab);
        gp_num(&d, top);
        sb_appendc(&d, '\n');
    }
    ++*np;
    /* Each panel on its own log axis: one toolchain 600x slower (Go's
     * main-thread calls before 1.23) must not flatten the panels where they
     * differ by 10 %. The upper third is room for the labels. */
    double l0 = db_log10(pmin) - 0.15, l1 = db_log10(pmax);
    double span = db_fmax(l1 - l0, 0.6);
    double ylo = db_pow(10, l0), yhi = db_pow(10, l1 + 0.9 * span);
    sb_printf(titles, "PYLO[%zu] = %.6g; PYHI[%zu] = %.6g\nPYT[%zu] = ", *np, ylo, *np, yhi,
              *np);
    struct strbuf tics = {0};
    ratio_tics(&tics, ylo, db_pow(10, l1) * 1.3, db_log10(yhi / ylo), 0.09);
    gp_string(titles, tics.buf);
    sb_appendc(titles, '\n');
    sb_free(&tics);
    char *fname = xasprintf("tc%zu.dat", *np);
    rc = tmp_write(c, fname, &d);
    free(fname);
    if (rc == 0) {
        sb_printf(titles, "PT[%zu] = ", *np);
        gp_string(titles, m->title);
        sb_appendc(titles, '\n');
    }
out:
    sb_free(&d);
    free(s);
    return rc;
}

int chart_toolchains(struct chart_ctx *c)
{
    const char *name = "toolchains";
    struct tc_layout L = {0};
    struct strbuf p = {0}, xt = {0}, titles = {0};
    int rc = 1;
    int *is_ref = xcalloc(c->nv ? c->nv : 1, sizeof *is_ref);
    tc_select(c, &L, is_ref);
    free(is_ref);
    if (L.nsel == 0) {
        remove_stale(c, name);
        goto out; /* not a warning: the chart only exists for such runs */
    }
    tc_positions(c, &L, &xt);
    tc_legend(c, &L, &p);
    sb_append(&p, xt.buf);
    size_t np = 0;
    for (size_t mi = 0; mi < ARRAY_LEN(metrics); mi++)
        if (tc_panel(c, &L, &metrics[mi], &np, &titles) < 0) {
            rc = -1;
            goto out;
        }
    if (np == 0) {
        db_warn("chart '%s' skipped: no metric measured for two toolchains", name);
        remove_stale(c, name);
        rc = 1;
        goto out;
    }
    sb_printf(&p, "NP = %zu\narray PT[%zu]\narray PYLO[%zu]\narray PYHI[%zu]\narray PYT[%zu]\n",
              np, np, np, np, np);
    sb_append(&p, titles.buf);
    rc = tmp_write(c, "params.gp", &p);
    if (rc == 0)
        rc = run_gnuplot(c, name, "toolchains") ? -1 : 0;
out:
    sb_free(&titles);
    sb_free(&p);
    sb_free(&xt);
    free(L.sel);
    free(L.xs);
    free(L.first);
    return rc;
}
