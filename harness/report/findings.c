/* findings.c - the analyses of a report: each find_*() reads the run
 * model and adds findings (plain text) to the doc. Thresholds are in
 * doc.h. A verdict (a leak, unloading, a difference between two results)
 * is never decided here: it is a row of findings.csv (results/verdicts.h),
 * rendered; the comparisons are in findings_compare.c. */
#define _GNU_SOURCE
#include "report/findings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/units.h"
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

/* The memory, fds, threads, mappings and children rows of findings.csv. */
static void find_leaks(struct report_doc *m)
{
    static const char *const topics[] = {"memory", "fds", "threads", "mappings", "children"};
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
