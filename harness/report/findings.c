/* findings.c - the analyses of a report: each find_*() reads the run
 * model and adds findings (plain text) to the doc. Thresholds are in
 * doc.h; a difference between two results is claimed only where
 * claim_results() (results/claim.h) says so: both measured over several
 * processes, 95 % CIs apart, and at least the larger mde_pct. */
#define _GNU_SOURCE
#include "report/findings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/units.h"
#include "results/claim.h"


static void find_unload(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    if (!d->v)
        return;
    const struct rm_variant *b = d->baseline >= 0 ? &d->v[d->baseline] : NULL;
    const struct rm_result *bcyc = b ? rm_get(d, b->name, "cycle", "fresh", "main", "cycle_us") : NULL;
    if (b && var_unloads(d, b->name) != 1)
        bcyc = NULL;
    int measured = 0, stay = 0;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        if (!v->ok)
            continue;
        const struct rm_result *nd = rm_get(d, v->name, "size", "", "", "nodelete");
        const struct rm_result *un = rm_get(d, v->name, "cycle", "fresh", "main", "unloaded");
        const struct rm_result *cyc = rm_get(d, v->name, "cycle", "fresh", "main", "cycle_us");
        measured += nd || un;
        struct strbuf sb = {0};
        if (nd && nd->median == 1) {
            sb_printf(&sb, "%s never unloads (DF_1_NODELETE): dlclose leaves it mapped, so its "
                           "dlopen/dlclose cycles are reference-count operations", v->name);
            if (cyc && bcyc && b != v) {
                struct strbuf a = {0}, c = {0};
                units_fmt(&a, cyc->median, cyc->unit);
                units_fmt(&c, bcyc->median, bcyc->unit);
                sb_printf(&sb, " (%s per cycle vs %s for %s, which unloads)", a.buf, c.buf,
                          b->name);
                sb_free(&a), sb_free(&c);
            }
            if (un && un->median != 0)
                sb_append(&sb, "; yet the cycle check saw it unloaded: check the cycle data");
        } else if (un && un->median == 0) {
            sb_printf(&sb, "%s is not unloaded by dlclose although it is not marked "
                           "DF_1_NODELETE: something keeps it loaded (e.g. a registered "
                           "thread-local destructor or another reference), so its cycles do "
                           "not reload it", v->name);
        }
        if (sb.len) {
            stay++;
            sb_append(&sb, ".");
            doc_add_finding(m, 0, 1, sb_detach(&sb));
        }
        sb_free(&sb);
    }
    if (measured && !stay)
        doc_add_finding(m, 0, 1, xstrdup("Every measured variant unloads on dlclose."));
}

static void find_threads(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        const struct rm_result *a = rm_get(d, v->name, "call", "add", "main", "ns_per_call");
        const struct rm_result *p = rm_get(d, v->name, "call", "add", "pthread", "ns_per_call");
        if (!v->ok || !a || !p || a->median <= 0 || p->median <= 0)
            continue;
        const struct rm_result *hi = a->median >= p->median ? a : p, *lo = hi == a ? p : a;
        double r = hi->median / lo->median;
        if (r < THREAD_RATIO_MIN || !claim_results(a, p))
            continue;
        struct strbuf sb = {0}, x = {0}, y = {0}, rr = {0};
        units_fmt(&x, hi->median, hi->unit);
        units_fmt(&y, lo->median, lo->unit);
        units_fmt_ratio(&rr, r);
        sb_printf(&sb, "Calling %s from %s costs %s as much as from %s (add: %s vs %s per call).",
                  v->name, hi == a ? "the main thread" : "a pthread", rr.buf,
                  hi == a ? "a pthread" : "the main thread", x.buf, y.buf);
        doc_add_finding(m, 0, 2, sb_detach(&sb));
        sb_free(&x), sb_free(&y), sb_free(&rr);
    }
}

static void find_leaks(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    int head = 0;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        const struct rm_result *s = rm_get(d, v->name, "cycle", "fresh", "main", "leak_bytes_per_cycle");
        if (!v->ok || !s)
            continue;
        if (!head) {
            doc_add_finding(m, 0, 0, xstrdup("Leak per dlopen/dlclose cycle (fresh mode; slope of "
                                         "RSS over the cycles with its 95 % CI):"));
            head = 1;
        }
        const struct rm_result *lo = rm_get(d, v->name, "cycle", "fresh", "main", "leak_ci_low");
        const struct rm_result *hi = rm_get(d, v->name, "cycle", "fresh", "main", "leak_ci_high");
        struct strbuf sb = {0}, ci = {0};
        if (lo && hi) {
            sb_append(&ci, ", CI [");
            units_fmt_plain(&ci, lo->median);
            sb_append(&ci, ", ");
            units_fmt_plain(&ci, hi->median);
            sb_append(&ci, "]");
        } else {
            sb_append(&ci, ", no CI");
        }
        int prio = 0;
        if (lo && lo->median > 0) {
            sb_printf(&sb, "%s leaks ~", v->name);
            units_fmt(&sb, s->median, "bytes");
            sb_append(&sb, " per load cycle: slope ");
            units_fmt_plain(&sb, s->median);
            sb_printf(&sb, " B/cycle%s", ci.buf);
            prio = 3;
        } else if (hi && hi->median < 0) {
            sb_printf(&sb, "%s: no leak (RSS shrinks over the cycles): slope ", v->name);
            units_fmt_plain(&sb, s->median);
            sb_printf(&sb, " B/cycle%s", ci.buf);
        } else {
            sb_printf(&sb, "%s: no leak detected: slope ", v->name);
            units_fmt_plain(&sb, s->median);
            sb_printf(&sb, " B/cycle%s", ci.buf);
        }
        if (var_unloads(d, v->name) == 0)
            sb_append(&sb, " (never unloaded: this covers reference-count cycles only)");
        sb_append(&sb, ".");
        /* the three-way verdict of `run --leak-check` */
        const struct rm_leak *lk = rm_leak_of(d, v->name);
        if (lk && *lk->verdict)
            sb_printf(&sb, " Leak check (valgrind, Go heap, RSS): %s.", lk->verdict);
        doc_add_finding(m, 1, prio, sb_detach(&sb));
        sb_free(&ci);
    }
}

static void find_first_call(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    if (!d->v)
        return;
    const struct rm_variant *b = d->baseline >= 0 ? &d->v[d->baseline] : NULL;
    double bload = NAN;
    if (b) {
        const struct rm_result *bd = rm_get(d, b->name, "load", "", "main", "dlopen_us");
        const struct rm_result *bf = rm_get(d, b->name, "load", NULL, "main", "first_call_us");
        if (bd && bf)
            bload = bd->median + bf->median;
    }
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        const struct rm_result *dl = rm_get(d, v->name, "load", "", "main", "dlopen_us");
        const struct rm_result *fc = rm_get(d, v->name, "load", NULL, "main", "first_call_us");
        if (!v->ok || !dl || !fc || fc->median < dl->median || fc->median < FIRST_CALL_MIN_US)
            continue;
        struct strbuf sb = {0}, a = {0}, c = {0}, t = {0};
        units_fmt(&a, fc->median, fc->unit);
        units_fmt(&c, dl->median, dl->unit);
        units_fmt(&t, fc->median + dl->median, fc->unit);
        sb_printf(&sb, "The first call into %s takes %s, more than its dlopen (%s): runtime "
                       "start-up dominates its load cost (%s in all",
                  v->name, a.buf, c.buf, t.buf);
        if (b && !isnan(bload) && bload > 0 && b != v) {
            sb_append(&sb, ", ");
            units_fmt_ratio(&sb, (fc->median + dl->median) / bload);
            sb_printf(&sb, " %s's", b->name);
        }
        sb_append(&sb, ").");
        doc_add_finding(m, 0, 4, sb_detach(&sb));
        sb_free(&a), sb_free(&c), sb_free(&t);
    }
}

/* Variants r is not claimed to differ from (claim_results), except r's own. */
static void ties_of(const struct report_doc *m, size_t c, const struct rm_result *r,
                    struct strlist *out)
{
    const struct run_model *d = m->rm;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        if (!v->ok || !strcmp(v->name, r->key.variant))
            continue;
        if (report_cols[c].unload_only && var_unloads(d, v->name) != 1)
            continue;
        const struct rm_result *o = col_get(m, c, v->name);
        if (o && !claim_results(r, o))
            sl_push(out, v->name);
    }
}

static void find_extremes(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    int head = 0;
    for (size_t c = 0; c < REPORT_NCOLS; c++) {
        if (!report_cols[c].rank)
            continue;
        const struct rm_result *lo = NULL, *hi = NULL;
        size_t n = 0;
        for (size_t i = 0; i < d->nv; i++) {
            const struct rm_variant *v = &d->v[i];
            if (!v->ok || (report_cols[c].unload_only && var_unloads(d, v->name) != 1))
                continue;
            const struct rm_result *r = col_get(m, c, v->name);
            if (!r)
                continue;
            n++;
            if (!lo || r->median < lo->median)
                lo = r;
            if (!hi || r->median > hi->median)
                hi = r;
        }
        if (n < 2)
            continue;
        if (!head) {
            doc_add_finding(m, 0, 0, xstrdup("Fastest and slowest (smallest and largest for size) "
                                         "per metric, by median; \"tied\" when no difference "
                                         "is claimed (95 % CIs overlap, the difference is "
                                         "below the larger mde, or one process measured it):"));
            head = 1;
        }
        int size = !strcmp(report_cols[c].metric, "file_bytes");
        struct strbuf sb = {0};
        col_label(m, c, &sb);
        sb_append(&sb, ": ");
        struct strlist tl = {0}, th = {0};
        ties_of(m, c, lo, &tl);
        ties_of(m, c, hi, &th);
        if (tl.n + 1 == n) {
            sb_append(&sb, "no significant difference between the variants (");
            units_fmt(&sb, lo->median, lo->unit);
            sb_append(&sb, " to ");
            units_fmt(&sb, hi->median, hi->unit);
            sb_append(&sb, ").");
        } else {
            sb_printf(&sb, "%s %s ", size ? "smallest" : "fastest", lo->key.variant);
            units_fmt(&sb, lo->median, lo->unit);
            if (tl.n) {
                sb_append(&sb, " (tied with ");
                join_names(&sb, &tl);
                sb_append(&sb, ")");
            }
            sb_printf(&sb, ", %s %s ", size ? "largest" : "slowest", hi->key.variant);
            units_fmt(&sb, hi->median, hi->unit);
            if (lo->median > 0) {
                sb_append(&sb, " (");
                units_fmt_ratio(&sb, hi->median / lo->median);
                sb_printf(&sb, " the %s", size ? "smallest" : "fastest");
                if (th.n) {
                    sb_append(&sb, "; tied with ");
                    join_names(&sb, &th);
                }
                sb_append(&sb, ")");
            } else if (th.n) {
                sb_append(&sb, " (tied with ");
                join_names(&sb, &th);
                sb_append(&sb, ")");
            }
            sb_append(&sb, ".");
        }
        sl_free(&tl);
        sl_free(&th);
        doc_add_finding(m, 1, 0, sb_detach(&sb));
    }
}

static void find_size(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    const struct rm_result *small = NULL;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_result *r = rm_get(d, d->v[i].name, "size", "", "", "file_bytes");
        if (d->v[i].ok && r && r->median > 0 && (!small || r->median < small->median))
            small = r;
    }
    if (!small)
        return;
    struct strlist out = {0};
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_result *r = rm_get(d, d->v[i].name, "size", "", "", "file_bytes");
        if (!d->v[i].ok || !r || r->median < SIZE_OUTLIER_RATIO * small->median)
            continue;
        struct strbuf sb = {0};
        sb_printf(&sb, "%s (", r->key.variant);
        units_fmt(&sb, r->median, r->unit);
        sb_append(&sb, ", ");
        units_fmt_ratio(&sb, r->median / small->median);
        sb_append(&sb, ")");
        sl_push_owned(&out, sb_detach(&sb));
    }
    if (out.n) {
        struct strbuf sb = {0};
        sb_append(&sb, "Size: ");
        join_names(&sb, &out);
        sb_printf(&sb, " %s %g" TIMES " or more the file size of the smallest library, %s (",
                  out.n == 1 ? "is" : "are", SIZE_OUTLIER_RATIO, small->key.variant);
        units_fmt(&sb, small->median, small->unit);
        sb_append(&sb, ").");
        doc_add_finding(m, 0, 5, sb_detach(&sb));
    }
    sl_free(&out);
}

static int cmp_version_idx(const void *a, const void *b, void *ctx)
{
    const struct run_model *d = ctx;
    return version_cmp(d->v[*(const size_t *)a].toolchain_version,
                       d->v[*(const size_t *)b].toolchain_version);
}

/* For each impl with two or more measured variants: what changed between
 * toolchains (only differences the CIs support). */
static void find_toolchains(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    struct strlist seen = {0};
    size_t *idx = xcalloc(d->nv ? d->nv : 1, sizeof *idx);
    for (size_t i = 0; i < d->nv; i++) {
        const char *impl = d->v[i].impl;
        if (!impl || !*impl || sl_contains(&seen, impl))
            continue;
        sl_push(&seen, impl);
        size_t k = 0;
        for (size_t j = 0; j < d->nv; j++)
            if (d->v[j].ok && d->v[j].impl && !strcmp(d->v[j].impl, impl))
                idx[k++] = j;
        if (k < 2)
            continue;
        /* One family (every Go release, say): sort by version and say
         * "went from"; different compilers keep bench.toml order. */
        int same = 1;
        char *fam0 = doc_toolchain_family(&d->v[idx[0]]);
        for (size_t j = 1; j < k && same; j++) {
            char *f = doc_toolchain_family(&d->v[idx[j]]);
            same = !strcmp(f, fam0);
            free(f);
        }
        free(fam0);
        if (same)
            qsort_r(idx, k, sizeof *idx, cmp_version_idx, (void *)d);
        for (size_t j = 0; j + 1 < k; j++) {
            const struct rm_variant *a = &d->v[idx[j]], *b = &d->v[idx[j + 1]];
            char *la = doc_toolchain_label(a), *lb = doc_toolchain_label(b);
            struct strbuf sb = {0};
            struct strlist nochange = {0};
            sb_printf(&sb, "%s, %s %s %s: ", impl, la, same ? ARROW : "vs", lb);
            int changes = 0;
            for (size_t c = 0; c < REPORT_NCOLS; c++) {
                if (!report_cols[c].rank)
                    continue;
                const struct rm_result *ra = col_get(m, c, a->name), *rb = col_get(m, c, b->name);
                if (!ra || !rb)
                    continue;
                struct strbuf lab = {0};
                col_label(m, c, &lab);
                if (!claim_results(ra, rb) || ra->median <= 0 || rb->median <= 0) {
                    sl_push(&nochange, lab.buf);
                    sb_free(&lab);
                    continue;
                }
                int size = !strcmp(report_cols[c].metric, "file_bytes");
                double r = rb->median > ra->median ? rb->median / ra->median
                                                   : ra->median / rb->median;
                if (changes++)
                    sb_append(&sb, "; ");
                struct strbuf x = {0}, y = {0}, rr = {0};
                units_fmt(&x, ra->median, ra->unit);
                units_fmt(&y, rb->median, rb->unit);
                units_fmt_ratio(&rr, r);
                const char *better = size ? "smaller" : "faster", *worse = size ? "larger"
                                                                                : "slower";
                if (same)
                    sb_printf(&sb, "%s went from %s to %s (%s %s)", lab.buf, x.buf, y.buf, rr.buf,
                              rb->median < ra->median ? better : worse);
                else
                    sb_printf(&sb, "%s %s vs %s (%s %s %s)", lab.buf, x.buf, y.buf,
                              rb->median < ra->median ? lb : la, rr.buf, better);
                sb_free(&lab), sb_free(&x), sb_free(&y), sb_free(&rr);
            }
            if (!changes)
                sb_append(&sb, "no significant difference");
            if (changes && nochange.n) {
                sb_append(&sb, "; no significant difference in ");
                for (size_t q = 0; q < nochange.n; q++)
                    sb_printf(&sb, "%s%s", q ? ", " : "", nochange.v[q]);
            }
            sb_append(&sb, ".");
            doc_add_finding(m, 0, 6, sb_detach(&sb));
            sl_free(&nochange);
            free(la), free(lb);
        }
    }
    free(idx);
    sl_free(&seen);
}

static void find_failures(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        struct strbuf sb = {0};
        int n = 0;
        for (size_t r = 0; r < d->nf; r++) {
            if (strcmp(d->f[r].variant, v->name))
                continue;
            sb_printf(&sb, "%s%s: %s", n++ ? "; " : "", d->f[r].scenario, d->f[r].cause);
        }
        if (!v->ok || n) {
            char *text = xasprintf("%s %s%s%s%s.", v->name,
                                   v->ok ? "failed in part" : "failed, nothing measured",
                                   n ? " (" : "", n ? sb.buf : "", n ? ")" : "");
            doc_add_finding(m, 0, 2, text);
        }
        sb_free(&sb);
    }
}

/* ------------------------------------------------------------ precision */

/* The pair scenario's ratios (add and the largest fib, main thread): what
 * the run can resolve between each variant and the baseline. */
static void find_paired(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    const char *wls[] = {"add", m->fib};
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        struct strbuf sb = {0};
        for (size_t k = 0; k < ARRAY_LEN(wls); k++) {
            if (!wls[k][0])
                continue;
            const struct rm_result *r = rm_get(d, v->name, "pair", wls[k], "main", "ratio");
            if (!v->ok || !r || isnan(r->median))
                continue;
            sb_append(&sb, sb.len ? "; " : "");
            sb_printf(&sb, "%s ", wls[k]);
            units_fmt_ratio(&sb, r->median);
            sb_append(&sb, " [");
            units_fmt_ratio(&sb, r->ci_low);
            sb_append(&sb, ", ");
            units_fmt_ratio(&sb, r->ci_high);
            sb_append(&sb, "]");
            if (!isnan(r->ratio_mde_pct))
                sb_printf(&sb, ", smallest change resolvable between two runs %.1f %%",
                          r->ratio_mde_pct);
            /* claim.h's rule against 1: the CI excludes it and the change
             * is at least the smallest resolvable one */
            int apart = r->ci_low > 1 || r->ci_high < 1;
            int big = isnan(r->ratio_mde_pct) || fabs(r->median - 1) * 100 >= r->ratio_mde_pct;
            sb_append(&sb, apart && big ? " (differs)"
                           : apart      ? " (significant, below the mde)"
                                        : " (no difference resolved)");
            if (!isnan(r->processes))
                sb_printf(&sb, ", %.0f processes", r->processes);
        }
        if (sb.len) {
            char *t = xasprintf("Paired with the baseline %s in the same processes (batches "
                                "alternating), %s per call on the main thread costs: %s.",
                                d->baseline >= 0 ? d->v[d->baseline].name : "", v->name, sb.buf);
            doc_add_finding(m, 0, 3, t);
        }
        sb_free(&sb);
    }
}

/* Where time cannot separate two variants (claim.h claims no difference),
 * exact instruction counts may: stated as instructions, never as time. */
static void find_instructions(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    const char *wls[] = {"add", m->fib};
    for (size_t k = 0; k < ARRAY_LEN(wls); k++) {
        if (!wls[k][0])
            continue;
        for (size_t i = 0; i < d->nv; i++)
            for (size_t j = 0; j < d->nv; j++) {
                if (i == j || !d->v[i].ok || !d->v[j].ok)
                    continue;
                const char *a = d->v[i].name, *b = d->v[j].name;
                const struct rm_result *ta = rm_get(d, a, "call", wls[k], "main", "ns_per_call");
                const struct rm_result *tb = rm_get(d, b, "call", wls[k], "main", "ns_per_call");
                const struct rm_result *ia =
                    rm_get(d, a, "call", wls[k], "main", "instructions_per_call");
                const struct rm_result *ib =
                    rm_get(d, b, "call", wls[k], "main", "instructions_per_call");
                if (!ta || !tb || !ia || !ib || !(ib->median > 0))
                    continue;
                struct claim_side ca = claim_side_of(ta), cb = claim_side_of(tb);
                enum claim cl = claim_difference(&ca, &cb, NAN, 0.05);
                if (cl == CLAIM_DIFFERENT)
                    continue;
                double n = ia->median / ib->median;
                if (n < 1.01) /* each pair once: the larger count first */
                    continue;
                struct strbuf sb = {0};
                sb_printf(&sb, "Time does not separate %s and %s on %s (main thread): %s. "
                               "By instructions (callgrind, the calling thread): %s executes ",
                          a, b, wls[k], claim_words(cl), a);
                units_fmt_ratio(&sb, n);
                sb_printf(&sb, " the instructions of %s per main-thread %s (", b, wls[k]);
                units_fmt(&sb, ia->median, ia->unit);
                sb_append(&sb, " vs ");
                units_fmt(&sb, ib->median, ib->unit);
                sb_append(&sb, ").");
                doc_add_finding(m, 0, 4, sb_detach(&sb));
            }
    }
}

void findings_build(struct report_doc *m)
{
    find_unload(m);
    find_threads(m);
    find_first_call(m);
    find_leaks(m);
    find_size(m);
    find_toolchains(m);
    find_paired(m);
    find_instructions(m);
    find_extremes(m);
    find_failures(m);
}
