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
#include "results/verdicts.h"


/* Appends "X per cycle" of a phase result, or nothing. */
static int phase_cost(const struct run_model *d, const char *variant, struct strbuf *sb)
{
    const struct rm_result *o = rm_get(d, variant, "cycle", "fresh", "main", "cycle_dlopen_us");
    const struct rm_result *c = rm_get(d, variant, "cycle", "fresh", "main", "cycle_dlclose_us");
    if (!o || !c)
        return 0;
    units_fmt(sb, o->median + c->median, o->unit);
    return 1;
}

/* The unload rows of findings.csv, one sentence each (never-unloads,
 * not-measured) or one for all that unload. */
static void find_unload(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    if (!d->v)
        return;
    const struct rm_variant *b = d->baseline >= 0 ? &d->v[d->baseline] : NULL;
    const struct rm_finding *bu = b ? rm_finding_of(d, b->name, "unload") : NULL;
    struct strlist unloads = {0}, unmeasured = {0};
    size_t nrows = 0;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        const struct rm_finding *f = rm_finding_of(d, v->name, "unload");
        if (!f)
            continue;
        nrows++;
        if (f->verdict == VERDICT_UNLOADS) {
            sl_push(&unloads, v->name);
            continue;
        }
        if (f->verdict != VERDICT_NEVER_UNLOADS) {
            sl_push(&unmeasured, v->name);
            continue;
        }
        struct strbuf sb = {0}, a = {0}, c = {0};
        sb_printf(&sb, "%s never unloads: %s", v->name, f->detail);
        if (phase_cost(d, v->name, &a)) {
            const struct rm_result *call = rm_get(d, v->name, "cycle", "fresh", "main",
                                                  "cycle_call_us");
            sb_printf(&sb, "; so its dlopen/dlclose cycles are reference-count operations "
                           "(dlopen + dlclose %s per cycle", a.buf);
            if (b && b != v && bu && bu->verdict == VERDICT_UNLOADS && phase_cost(d, b->name, &c))
                sb_printf(&sb, " vs %s for %s, which unloads", c.buf, b->name);
            if (call) {
                sb_append(&sb, "; the add call inside each cycle: ");
                units_fmt(&sb, call->median, call->unit);
                sb_append(&sb, ", not part of it");
            }
            sb_append(&sb, ")");
        }
        sb_append(&sb, ".");
        doc_add_finding(m, 0, 1, sb_detach(&sb));
        sb_free(&a), sb_free(&c);
    }
    if (unloads.n) {
        struct strbuf sb = {0};
        if (unloads.n == nrows)
            sb_append(&sb, "Every variant unloads on dlclose (checked after its fresh cycles).");
        else {
            join_names(&sb, &unloads);
            sb_printf(&sb, " unload%s on dlclose (checked after the fresh cycles).",
                      unloads.n == 1 ? "s" : "");
        }
        doc_add_finding(m, 0, unloads.n == nrows ? 1 : 0, sb_detach(&sb));
    }
    for (size_t i = 0; i < unmeasured.n; i++) {
        const struct rm_finding *f = rm_finding_of(d, unmeasured.v[i], "unload");
        doc_add_finding(m, 0, 0, xasprintf("Unloading of %s: not measured (%s).", unmeasured.v[i],
                                           f->detail));
    }
    sl_free(&unloads);
    sl_free(&unmeasured);
}

static void find_threads(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        const struct rm_finding *f = rm_finding_of(d, v->name, "compare:add/main-vs-pthread");
        if (!v->ok || !f || (f->verdict != VERDICT_FASTER && f->verdict != VERDICT_SLOWER))
            continue;
        double r = f->verdict == VERDICT_SLOWER ? f->value : 1.0 / f->value;
        if (!(r >= THREAD_RATIO_MIN))
            continue;
        const struct rm_result *a = rm_get(d, v->name, "call", "add", "main", "ns_per_call");
        const struct rm_result *p = rm_get(d, v->name, "call", "add", "pthread", "ns_per_call");
        const struct rm_result *hi = f->verdict == VERDICT_SLOWER ? a : p, *lo = hi == a ? p : a;
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

/* "memory: leak, 256 KiB/cycle (from RSS ...)" for one resource row. */
static void resource_phrase(struct strbuf *sb, const struct rm_finding *f, const char *name)
{
    if (f->verdict == VERDICT_LEAK) {
        sb_printf(sb, "%s: leak, ", name);
        if (!strcmp(f->unit, "count"))
            units_fmt_num(sb, f->value, UNITS_TRIM);
        else
            units_fmt_style(sb, f->value, f->unit, UNITS_TRIM);
        sb_printf(sb, "/cycle (%s)", f->detail);
    } else if (f->verdict == VERDICT_NO_LEAK) {
        sb_printf(sb, "%s: no leak", name);
    } else {
        sb_printf(sb, "%s: %s (%s)", name, verdict_word(f->verdict), f->detail);
    }
}

/* The memory, fds, threads and mappings rows of findings.csv. */
static void find_leaks(struct report_doc *m)
{
    static const char *const topics[] = {"memory", "fds", "threads", "mappings"};
    const struct run_model *d = m->rm;
    int head = 0;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        const struct rm_finding *mem = rm_finding_of(d, v->name, "memory");
        if (!mem || (mem->verdict == VERDICT_NOT_MEASURED && !v->ok))
            continue;
        if (!head) {
            doc_add_finding(m, 0, 0, xstrdup("Leaks per dlopen/dlclose cycle (fresh mode; a leak "
                                             "is growth that does not stop, of at least what "
                                             "the method can see over the run; findings.csv):"));
            head = 1;
        }
        struct strbuf sb = {0};
        int leaks = 0;
        sb_printf(&sb, "%s: ", v->name);
        for (size_t t = 0; t < ARRAY_LEN(topics); t++) {
            const struct rm_finding *f = rm_finding_of(d, v->name, topics[t]);
            /* an unmeasured count is left out (older runs sampled none) */
            if (!f || (t && f->verdict == VERDICT_NOT_MEASURED))
                continue;
            leaks += f->verdict == VERDICT_LEAK;
            if (t)
                sb_append(&sb, "; ");
            resource_phrase(&sb, f, topics[t]);
            if (t == 0 && f->verdict == VERDICT_NO_LEAK)
                sb_printf(&sb, " (%s)", f->detail);
        }
        for (size_t t = 0; t < ARRAY_LEN(topics); t++) {
            char *pt = xasprintf("pinned/%s", topics[t]);
            const struct rm_finding *f = rm_finding_of(d, v->name, pt);
            if (f && f->verdict == VERDICT_LEAK) {
                sb_append(&sb, "; pinned ");
                resource_phrase(&sb, f, topics[t]);
                leaks++;
            }
            free(pt);
        }
        const struct rm_finding *un = rm_finding_of(d, v->name, "unload");
        if (un && un->verdict == VERDICT_NEVER_UNLOADS)
            sb_append(&sb, " (never unloaded: these are reference-count cycles)");
        sb_append(&sb, ".");
        doc_add_finding(m, 1, leaks ? 3 : 0, sb_detach(&sb));
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
            int facts = rm_get(d, v->name, "size", "", "", "file_bytes") != NULL;
            char *text = xasprintf("%s %s%s%s%s.", v->name,
                                   v->ok    ? "failed in part"
                                   : facts ? "failed, only its file facts (size) measured"
                                           : "failed, nothing measured",
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
