/* findings_compare.c - the report's sentences that compare two
 * measurements: first call vs dlopen, toolchains, fastest and slowest,
 * paired ratios, instructions. Each renders rows of findings.csv
 * (results/verdicts_compare.c decides them by THE rule of
 * results/claim.h) and nothing else decides: a sentence without its row
 * is not written, and an edited row changes the sentence. The numbers
 * quoted beside a verdict (medians, CIs) come from summary.csv. */
#define _GNU_SOURCE
#include "report/findings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/units.h"
#include "results/claim.h"
#include "results/verdicts.h"

/* 1 for the verdicts that claim a difference. */
static int claimed(enum verdict v)
{
    return v == VERDICT_FASTER || v == VERDICT_SLOWER || v == VERDICT_SMALLER ||
           v == VERDICT_LARGER;
}

/* 1 when the topic starts with prefix. */
static int has_prefix(const char *topic, const char *prefix)
{
    return !strncmp(topic, prefix, strlen(prefix));
}

/* compare:first_call-vs-dlopen rows that say slower (the first call is
 * claimed to take longer than the dlopen), from FIRST_CALL_MIN_US. */
void find_first_call(struct report_doc *m)
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
        const struct rm_finding *f = rm_finding_of(d, v->name, "compare:first_call-vs-dlopen");
        const struct rm_result *dl = rm_get(d, v->name, "load", "", "main", "dlopen_us");
        const struct rm_result *fc = rm_get(d, v->name, "load", NULL, "main", "first_call_us");
        if (!v->ok || !f || f->verdict != VERDICT_SLOWER || !dl || !fc ||
            fc->median < FIRST_CALL_MIN_US)
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

/* ------------------------------------------------------------ extremes */

/* The rows of a rank topic: the extreme (its word; else, when nothing
 * against it could be tested, the inconclusive row with no other:
 * results/verdicts_compare.c rank_rows) and the variants not claimed to
 * differ from it (no-difference, inconclusive). Returns the number of rows
 * (the variants ranked). */
static size_t rank_of(const struct run_model *d, const char *topic,
                      const struct rm_finding **ext, struct strlist *ties,
                      struct strlist *untested)
{
    size_t n = 0;
    const struct rm_finding *word = NULL, *untested_ext = NULL;
    for (size_t i = 0; i < d->nfindings; i++) {
        const struct rm_finding *f = &d->findings[i];
        if (strcmp(f->topic, topic))
            continue;
        n++;
        if (!word && (f->verdict == VERDICT_FASTEST || f->verdict == VERDICT_SLOWEST ||
                      f->verdict == VERDICT_SMALLEST || f->verdict == VERDICT_LARGEST))
            word = f;
        if (!untested_ext && f->verdict == VERDICT_INCONCLUSIVE && (!f->other || !*f->other))
            untested_ext = f;
    }
    *ext = word ? word : untested_ext;
    for (size_t i = 0; i < d->nfindings; i++) {
        const struct rm_finding *f = &d->findings[i];
        if (strcmp(f->topic, topic) || f == *ext || f->verdict == VERDICT_FASTEST ||
            f->verdict == VERDICT_SLOWEST || f->verdict == VERDICT_SMALLEST ||
            f->verdict == VERDICT_LARGEST || claimed(f->verdict))
            continue;
        sl_push(ties, f->variant);
        if (f->verdict != VERDICT_NO_DIFFERENCE && untested)
            sl_push(untested, f->variant);
    }
    return n;
}

/* One metric: "fastest A 1.55 ns (tied with B), slowest C 94.3 us (60744x
 * the fastest)". */
static void extremes_sentence(struct report_doc *m, size_t c, struct strbuf *sb,
                              const struct rm_finding *lo, const struct rm_finding *hi,
                              const struct strlist *tl, const struct strlist *th,
                              const struct strlist *untested, size_t n)
{
    int size = !strcmp(report_cols[c].metric, "file_bytes");
    col_label(m, c, sb);
    sb_append(sb, ": ");
    if (tl->n + 1 == n && untested->n == tl->n) {
        /* nothing was tested: say that, not "no difference" */
        sb_append(sb, "not ranked: no pair could be tested (too few processes or no median; ");
        units_fmt(sb, lo->value, lo->unit);
        sb_append(sb, " to ");
        units_fmt(sb, hi->value, hi->unit);
        sb_append(sb, " by median).");
        return;
    }
    if (tl->n + 1 == n) {
        sb_append(sb, untested->n ? "no difference claimed between the variants ("
                                  : "no significant difference between the variants (");
        units_fmt(sb, lo->value, lo->unit);
        sb_append(sb, " to ");
        units_fmt(sb, hi->value, hi->unit);
        if (untested->n) {
            sb_append(sb, "; inconclusive, too few processes or no median: ");
            for (size_t i = 0; i < untested->n; i++)
                sb_printf(sb, "%s%s vs %s", i ? ", " : "", untested->v[i], lo->variant);
        }
        sb_append(sb, ").");
        return;
    }
    sb_printf(sb, "%s %s ", size ? "smallest" : "fastest", lo->variant);
    units_fmt(sb, lo->value, lo->unit);
    if (tl->n) {
        sb_append(sb, " (tied with ");
        join_names(sb, tl);
        sb_append(sb, ")");
    }
    sb_printf(sb, ", %s %s ", size ? "largest" : "slowest", hi->variant);
    units_fmt(sb, hi->value, hi->unit);
    if (lo->value > 0) {
        sb_append(sb, " (");
        units_fmt_ratio(sb, hi->value / lo->value);
        sb_printf(sb, " the %s", size ? "smallest" : "fastest");
        if (th->n) {
            sb_append(sb, "; tied with ");
            join_names(sb, th);
        }
        sb_append(sb, ")");
    } else if (th->n) {
        sb_append(sb, " (tied with ");
        join_names(sb, th);
        sb_append(sb, ")");
    }
    sb_append(sb, ".");
}

/* The fastest:<key> and slowest:<key> rows (smallest:, largest: for the
 * file size) of every ranked column. */
void find_extremes(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    int head = 0;
    for (size_t c = 0; c < REPORT_NCOLS; c++) {
        int size = !strcmp(report_cols[c].metric, "file_bytes");
        char *tlo = report_cols[c].rank ? col_topic(m, c, size ? "smallest" : "fastest") : NULL;
        char *thi = report_cols[c].rank ? col_topic(m, c, size ? "largest" : "slowest") : NULL;
        const struct rm_finding *lo = NULL, *hi = NULL;
        struct strlist tl = {0}, th = {0}, untested = {0};
        size_t n = tlo && thi ? rank_of(d, tlo, &lo, &tl, &untested) : 0;
        if (n && rank_of(d, thi, &hi, &th, NULL) != n)
            hi = NULL;
        free(tlo), free(thi);
        if (n >= 2 && lo && hi) {
            if (!head) {
                doc_add_finding(m, 0, 0,
                                xstrdup("Fastest and slowest (smallest and largest for size) "
                                        "per metric, by median; \"tied\" when no difference "
                                        "is claimed (95 % CIs overlap, the difference is "
                                        "below the larger mde, or too few processes measured "
                                        "it to test):"));
                head = 1;
            }
            struct strbuf sb = {0};
            extremes_sentence(m, c, &sb, lo, hi, &tl, &th, &untested, n);
            doc_add_finding(m, 1, 0, sb_detach(&sb));
        }
        sl_free(&tl), sl_free(&th), sl_free(&untested);
    }
}

/* ------------------------------------------------------------ toolchains */

/* 1 when every ok variant of impl is one toolchain family (every Go
 * release): its pairs are in version order, "went from". */
static int impl_one_family(const struct run_model *d, const char *impl)
{
    char *fam0 = NULL;
    int same = 1;
    for (size_t j = 0; j < d->nv && same; j++) {
        if (!d->v[j].ok || !d->v[j].impl || strcmp(d->v[j].impl, impl))
            continue;
        char *f = doc_toolchain_family(&d->v[j]);
        if (!fam0)
            fam0 = f;
        else {
            same = !strcmp(f, fam0);
            free(f);
        }
    }
    free(fam0);
    return same;
}

/* One metric of a toolchain pair into sb (a change) or a list. */
static void toolchain_metric(struct report_doc *m, size_t c, const struct rm_finding *f,
                             const char *a, const char *b, const char *la, const char *lb,
                             int same, struct strbuf *sb, int *changes, struct strlist *nochange,
                             struct strlist *untested)
{
    struct strbuf lab = {0};
    col_label(m, c, &lab);
    if (f->verdict == VERDICT_NO_DIFFERENCE) {
        sl_push(nochange, lab.buf);
    } else if (!claimed(f->verdict) || !(f->value > 0)) {
        sl_push(untested, lab.buf);
    } else {
        int size = !strcmp(report_cols[c].metric, "file_bytes");
        int better = f->verdict == VERDICT_FASTER || f->verdict == VERDICT_SMALLER;
        double r = f->value >= 1 ? f->value : 1 / f->value;
        const struct rm_result *ra = col_get(m, c, a), *rb = col_get(m, c, b);
        struct strbuf x = {0}, y = {0}, rr = {0};
        units_fmt(&x, ra ? ra->median : NAN, ra ? ra->unit : "");
        units_fmt(&y, rb ? rb->median : NAN, rb ? rb->unit : "");
        units_fmt_ratio(&rr, r);
        if ((*changes)++)
            sb_append(sb, "; ");
        if (same)
            sb_printf(sb, "%s went from %s to %s (%s %s)", lab.buf, x.buf, y.buf, rr.buf,
                      better ? (size ? "smaller" : "faster") : (size ? "larger" : "slower"));
        else
            sb_printf(sb, "%s %s vs %s (%s %s %s)", lab.buf, x.buf, y.buf, better ? lb : la,
                      rr.buf, size ? "smaller" : "faster");
        sb_free(&x), sb_free(&y), sb_free(&rr);
    }
    sb_free(&lab);
}

/* One sentence per toolchain pair: its toolchain:<key> rows (on the later
 * variant, other = the earlier), in report column order. */
static void toolchain_pair(struct report_doc *m, const char *a, const char *b)
{
    const struct run_model *d = m->rm;
    int ia = rm_variant_index(d, a), ib = rm_variant_index(d, b);
    if (ia < 0 || ib < 0 || !d->v[ib].impl)
        return;
    int same = impl_one_family(d, d->v[ib].impl);
    char *la = doc_toolchain_label(&d->v[ia]), *lb = doc_toolchain_label(&d->v[ib]);
    struct strbuf sb = {0};
    struct strlist nochange = {0}, untested = {0};
    sb_printf(&sb, "%s, %s %s %s: ", d->v[ib].impl, la, same ? ARROW : "vs", lb);
    int changes = 0;
    for (size_t c = 0; c < REPORT_NCOLS; c++) {
        char *topic = report_cols[c].rank ? col_topic(m, c, "toolchain") : NULL;
        const struct rm_finding *f = topic ? rm_finding_vs(d, b, topic, a) : NULL;
        free(topic);
        if (f)
            toolchain_metric(m, c, f, a, b, la, lb, same, &sb, &changes, &nochange, &untested);
    }
    if (changes + nochange.n + untested.n) {
        if (!changes && nochange.n && !untested.n)
            sb_append(&sb, "no significant difference");
        else if (nochange.n) {
            sb_append(&sb, changes ? "; no significant difference in " : "no significant "
                                                                         "difference in ");
            for (size_t q = 0; q < nochange.n; q++)
                sb_printf(&sb, "%s%s", q ? ", " : "", nochange.v[q]);
        }
        if (untested.n) {
            sb_append(&sb, changes || nochange.n ? "; inconclusive (too few processes or no median) "
                                                   "for "
                                                 : "inconclusive (too few processes or no median) "
                                                   "for ");
            for (size_t q = 0; q < untested.n; q++)
                sb_printf(&sb, "%s%s", q ? ", " : "", untested.v[q]);
        }
        sb_append(&sb, ".");
        doc_add_finding(m, 0, 6, sb_detach(&sb));
    }
    sb_free(&sb);
    sl_free(&nochange), sl_free(&untested);
    free(la), free(lb);
}

/* The toolchain:* rows, one sentence per pair (variant, other), in the
 * order of findings.csv. */
void find_toolchains(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    struct strlist pairs = {0};
    for (size_t i = 0; i < d->nfindings; i++) {
        const struct rm_finding *f = &d->findings[i];
        if (!has_prefix(f->topic, "toolchain:") || !f->other[0])
            continue;
        char *key = xasprintf("%s\n%s", f->other, f->variant);
        if (!sl_contains(&pairs, key)) {
            sl_push(&pairs, key);
            char *nl = strchr(key, '\n');
            *nl = '\0';
            toolchain_pair(m, key, nl + 1);
        }
        free(key);
    }
    sl_free(&pairs);
}

/* ------------------------------------------------------------ precision */

/* The paired:<workload>/main rows: the pair scenario's ratio to the
 * baseline, measured in the same processes. */
void find_paired(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    const char *wls[] = {"add", m->fib};
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        struct strbuf sb = {0};
        const char *base = "";
        for (size_t k = 0; k < ARRAY_LEN(wls); k++) {
            if (!wls[k][0])
                continue;
            char *topic = xasprintf("paired:%s/main", wls[k]);
            const struct rm_finding *f = rm_finding_of(d, v->name, topic);
            free(topic);
            const struct rm_result *r = rm_get(d, v->name, "pair", wls[k], "main", "ratio");
            if (!v->ok || !f || !r)
                continue;
            base = f->other;
            sb_append(&sb, sb.len ? "; " : "");
            sb_printf(&sb, "%s ", wls[k]);
            units_fmt_ratio(&sb, f->value);
            claim_fmt_ratio_interval(&sb, r);
            if (!isnan(r->ratio_mde_pct))
                sb_printf(&sb, ", smallest change resolvable between two runs %.1f %%",
                          r->ratio_mde_pct);
            sb_append(&sb, claimed(f->verdict)                     ? " (differs)"
                           : f->verdict == VERDICT_NO_DIFFERENCE ? " (no difference claimed)"
                                                                 : " (inconclusive: too few "
                                                                   "processes)");
            if (!isnan(r->processes))
                sb_printf(&sb, ", %.0f processes", r->processes);
        }
        if (sb.len) {
            char *t = xasprintf("Paired with the baseline %s in the same processes (batches "
                                "alternating), %s per call on the main thread costs: %s.",
                                base, v->name, sb.buf);
            doc_add_finding(m, 0, 3, t);
        }
        sb_free(&sb);
    }
}

/* The instructions:<workload>/main rows whose time verdict claims no
 * difference: where time cannot separate two variants, exact instruction
 * counts may, stated as instructions, never as time. */
void find_instructions(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    for (size_t i = 0; i < d->nfindings; i++) {
        const struct rm_finding *f = &d->findings[i];
        if (!has_prefix(f->topic, "instructions:") || claimed(f->verdict) || !f->other[0])
            continue;
        const char *a = f->variant, *b = f->other;
        int ia = rm_variant_index(d, a), ib = rm_variant_index(d, b);
        if (ia < 0 || ib < 0 || !d->v[ia].ok || !d->v[ib].ok)
            continue;
        const char *key = f->topic + strlen("instructions:");
        size_t wl_len = strlen(key);
        if (wl_len > 5 && !strcmp(key + wl_len - 5, "/main"))
            wl_len -= 5;
        char *wl = xstrndup(key, wl_len);
        const struct rm_result *xa = rm_get(d, a, "call", wl, "main", "instructions_per_call");
        const struct rm_result *xb = rm_get(d, b, "call", wl, "main", "instructions_per_call");
        if (xa && xb) {
            struct strbuf sb = {0};
            sb_printf(&sb, "Time does not separate %s and %s on %s (main thread): %s. "
                           "By instructions (callgrind, the calling thread): %s executes ",
                      a, b, wl,
                      f->verdict == VERDICT_NO_DIFFERENCE ? "no difference claimed"
                                                          : "inconclusive (too few processes)",
                      a);
            units_fmt_ratio(&sb, f->value);
            sb_printf(&sb, " the instructions of %s per main-thread %s (", b, wl);
            units_fmt(&sb, xa->median, xa->unit);
            sb_append(&sb, " vs ");
            units_fmt(&sb, xb->median, xb->unit);
            sb_append(&sb, ").");
            doc_add_finding(m, 0, 4, sb_detach(&sb));
        }
        free(wl);
    }
}
