/* verdicts_compare.c - the comparison rows of findings.csv (see
 * verdicts.h): every difference between two measurements the report
 * states is decided here, by THE rule of results/claim.h, and written as a
 * row, so that the report, the terminal summary and a user's CI read the
 * same verdict. Pure functions of the run model. */
#define _GNU_SOURCE
#include "results/verdicts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/units.h"
#include "base/util.h"
#include "results/claim.h"

/* ================================================================ the rule */

enum verdict verdict_compare(const struct rm_result *a, const struct rm_result *b,
                             double *ratio)
{
    *ratio = NAN;
    if (!a || !b || !isfinite(a->median) || !isfinite(b->median) || a->median <= 0 ||
        b->median <= 0)
        return VERDICT_INCONCLUSIVE;
    *ratio = a->median / b->median;
    /* THE rule for claiming a difference (results/claim.h): significant and
     * at least the larger minimum detectable effect, never from one process. */
    struct claim_side sa = claim_side_of(a), sb = claim_side_of(b);
    switch (claim_difference(&sb, &sa, NAN, 0.05)) {
    case CLAIM_DIFFERENT:
        return a->median < b->median ? VERDICT_FASTER : VERDICT_SLOWER;
    case CLAIM_SAME:
    case CLAIM_BELOW_MDE:
        return VERDICT_NO_DIFFERENCE;
    default:
        return VERDICT_INCONCLUSIVE;
    }
}

/* faster/slower in the words of a size: smaller/larger. */
static enum verdict size_words(enum verdict v, int size)
{
    if (!size)
        return v;
    return v == VERDICT_FASTER ? VERDICT_SMALLER : v == VERDICT_SLOWER ? VERDICT_LARGER : v;
}

/* "WHAT: 1.62 ns vs 1.55 ns (why)"; what NULL: "A vs OTHER". */
static char *compare_detail(const struct rm_result *a, const struct rm_result *b,
                            const char *other, const char *what, enum verdict v)
{
    struct strbuf sb = {0};
    if (what)
        sb_printf(&sb, "%s: ", what);
    else
        sb_printf(&sb, "%s vs %s: ", a->key.variant, other);
    units_fmt(&sb, a->median, a->unit);
    sb_append(&sb, " vs ");
    units_fmt(&sb, b->median, b->unit);
    int exact = a->n <= 1 && b->n <= 1; /* one value each (file facts): no CI */
    sb_append(&sb, v == VERDICT_NO_DIFFERENCE
                       ? (exact ? " (one value each: equal)"
                                : " (no difference claimed: CIs overlap or below the mde)")
                   : v == VERDICT_INCONCLUSIVE ? " (cannot be tested: one process, 2 to 5 "
                                                 "processes (no 95 % CI) or no median)"
                   : exact                     ? " (one value each: they differ)"
                                               : " (95 % CIs apart and above the mde)");
    return sb_detach(&sb);
}

/* One row: a (the row's variant) against b; value a / b (ratio). */
static void compare_row(struct run_model *m, const char *variant, const char *topic,
                        const struct rm_result *a, const struct rm_result *b,
                        const char *other, const char *what, int size)
{
    double ratio;
    enum verdict v = verdict_compare(a, b, &ratio);
    char *detail = compare_detail(a, b, other, what, v);
    rm_add_finding_vs(m, variant, topic, size_words(v, size), ratio, "ratio", NAN, detail,
                      other);
    free(detail);
}

/* ================================================================ metrics */

const struct verdict_metric verdict_metrics[VERDICT_NMETRICS] = {
    {"add/main", "call", "add", "main", "ns_per_call", 0, 0},
    {"add/pthread", "call", "add", "pthread", "ns_per_call", 0, 0},
    {NULL, "call", "FIB", "main", "ns_per_call", 0, 0},
    {"hello/main", "call", "hello", "main", "ns_per_call", 0, 0},
    {"dlopen", "load", "", "main", "dlopen_us", 0, 0},
    {"first_call", "load", NULL, "main", "first_call_us", 0, 0},
    {"cycle", "cycle", "fresh", "main", "cycle_us", 1, 0},
    {"file_size", "size", "", "", "file_bytes", 0, 1},
    {"cold_start", "process", "once", "main", "wall_ms", 0, 0},
};

void rm_largest_fib(const struct run_model *m, char *buf, size_t len)
{
    long have = -1;
    buf[0] = '\0';
    for (size_t i = 0; i < m->nr; i++) {
        const struct result_key *k = &m->r[i].key;
        if (strcmp(k->scenario, "call") || strncmp(k->workload, "fib/", 4))
            continue;
        long nw = strtol(k->workload + 4, NULL, 10);
        if (nw > have) {
            have = nw;
            snprintf(buf, len, "%s", k->workload);
        }
    }
}

char *verdict_metric_key(const struct verdict_metric *vm, const char *fib)
{
    if (vm->key)
        return xstrdup(vm->key);
    return fib && *fib ? xasprintf("%s/main", fib) : NULL;
}

static const struct rm_result *metric_get(const struct run_model *m,
                                          const struct verdict_metric *vm, const char *fib,
                                          const char *variant)
{
    const char *wl = vm->workload && !strcmp(vm->workload, "FIB") ? fib : vm->workload;
    if (wl && !*wl && vm->workload && !strcmp(vm->workload, "FIB"))
        return NULL;
    return rm_get(m, variant, vm->scenario, wl, vm->thread, vm->metric);
}

static int unloads(const struct run_model *m, const char *variant)
{
    const struct rm_finding *f = rm_finding_of(m, variant, "unload");
    return f && f->verdict == VERDICT_UNLOADS;
}

char *rm_toolchain_family(const struct rm_variant *v)
{
    struct strbuf sb = {0};
    sb_append(&sb, "");
    for (const char *p = v->toolchain_version ? v->toolchain_version : ""; *p && *p != '('; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.'))
            sb_appendc(&sb, *p);
    return sb_detach(&sb);
}

/* ================================================================ within a variant */

/* compare:add/main-vs-pthread, and compare:<name> against the baseline. */
static const struct {
    const char *name, *scenario, *workload, *thread, *metric;
} compared[] = {
    {"add/main", "call", "add", "main", "ns_per_call"},
    {"add/pthread", "call", "add", "pthread", "ns_per_call"},
    {"hello/main", "call", "hello", "main", "ns_per_call"},
    {"dlopen", "load", "", "main", "dlopen_us"},
    {"first_call", "load", NULL, "main", "first_call_us"},
    {"cycle", "cycle", "fresh", "main", "cycle_us"},
    {"cold_start", "process", "once", "main", "wall_ms"},
};

static void baseline_topics(struct run_model *m, size_t vi)
{
    const char *name = m->v[vi].name;
    const struct rm_result *a = rm_get(m, name, "call", "add", "main", "ns_per_call");
    const struct rm_result *p = rm_get(m, name, "call", "add", "pthread", "ns_per_call");
    if (a && p)
        compare_row(m, name, "compare:add/main-vs-pthread", a, p, name,
                    "main thread vs its pthread calls", 0);
    if (m->baseline < 0 || (size_t)m->baseline == vi)
        return;
    const char *base = m->v[m->baseline].name;
    for (size_t c = 0; c < ARRAY_LEN(compared); c++) {
        const struct rm_result *x = rm_get(m, name, compared[c].scenario, compared[c].workload,
                                           compared[c].thread, compared[c].metric);
        const struct rm_result *y = rm_get(m, base, compared[c].scenario, compared[c].workload,
                                           compared[c].thread, compared[c].metric);
        if (!x || !y)
            continue;
        char *topic = xasprintf("compare:%s", compared[c].name);
        compare_row(m, name, topic, x, y, base, NULL, 0);
        free(topic);
    }
}

/* compare:first_call-vs-dlopen: the variant's first call against its own
 * dlopen (slower: the first call is claimed to take longer). */
static void first_call_topic(struct run_model *m, size_t vi)
{
    const char *name = m->v[vi].name;
    const struct rm_result *dl = rm_get(m, name, "load", "", "main", "dlopen_us");
    const struct rm_result *fc = rm_get(m, name, "load", NULL, "main", "first_call_us");
    if (m->v[vi].ok && dl && fc)
        compare_row(m, name, "compare:first_call-vs-dlopen", fc, dl, name,
                    "first call vs its dlopen", 0);
}

/* engine:<workload>/<thread>: Google Benchmark's loop (gbench_ns_per_call)
 * against dlbench's own (ns_per_call) on the same calls; faster: gbench's
 * loop is claimed faster. */
static void engine_topics(struct run_model *m, size_t vi)
{
    const char *name = m->v[vi].name;
    for (size_t i = 0; i < m->nr; i++) {
        const struct rm_result *g = &m->r[i];
        if (strcmp(g->key.variant, name) || strcmp(g->key.scenario, "call") ||
            strcmp(g->key.metric, "gbench_ns_per_call") || isnan(g->median))
            continue;
        const struct rm_result *n =
            rm_get(m, name, "call", g->key.workload, g->key.thread, "ns_per_call");
        if (!n)
            continue;
        char *topic = xasprintf("engine:%s/%s", g->key.workload, g->key.thread);
        if (!rm_finding_of(m, name, topic))
            compare_row(m, name, topic, g, n, name, "Google Benchmark vs the native loop", 0);
        free(topic);
    }
}

/* paired:<workload>/main: the pair scenario's ratio (variant / baseline in
 * the same processes) against 1, by claim.h's rule: the ratio's CI
 * excludes 1 and the change is at least ratio_mde_pct; never from one
 * process. */
static void paired_topics(struct run_model *m, size_t vi, const char *fib)
{
    const char *name = m->v[vi].name;
    const char *wls[] = {"add", fib};
    const char *base = m->baseline >= 0 ? m->v[m->baseline].name : "";
    for (size_t k = 0; k < ARRAY_LEN(wls); k++) {
        if (!wls[k][0])
            continue;
        const struct rm_result *r = rm_get(m, name, "pair", wls[k], "main", "ratio");
        if (!m->v[vi].ok || !r || isnan(r->median))
            continue;
        struct claim_side one = {1, NAN, NAN, r->ratio_mde_pct, 0, 0};
        struct claim_side rs = claim_side_of(r);
        rs.mde_pct = NAN;
        enum claim c = r->processes >= 2 && r->n >= 2 ? claim_difference(&one, &rs, NAN, 0.05)
                                                      : CLAIM_NO_TEST;
        enum verdict v = c == CLAIM_DIFFERENT ? (r->median < 1 ? VERDICT_FASTER : VERDICT_SLOWER)
                         : c == CLAIM_SAME || c == CLAIM_BELOW_MDE ? VERDICT_NO_DIFFERENCE
                                                                   : VERDICT_INCONCLUSIVE;
        struct strbuf sb = {0};
        sb_printf(&sb, "%s / %s per %s call, batches alternating in the same processes: ", name,
                  base, wls[k]);
        units_fmt_ratio(&sb, r->median);
        claim_fmt_ratio_interval(&sb, r);
        if (!isnan(r->ratio_mde_pct))
            sb_printf(&sb, ", mde %.1f %%", r->ratio_mde_pct);
        sb_printf(&sb, ", %.0f processes: %s", r->processes, claim_words(c));
        char *topic = xasprintf("paired:%s/main", wls[k]);
        rm_add_finding_vs(m, name, topic, v, r->median, "ratio", NAN, sb.buf, base);
        free(topic);
        sb_free(&sb);
    }
}

/* ================================================================ across variants */

static int cmp_version_idx(const void *a, const void *b, void *ctx)
{
    const struct run_model *d = ctx;
    return version_cmp(d->v[*(const size_t *)a].toolchain_version,
                       d->v[*(const size_t *)b].toolchain_version);
}

/* The ok variants of impl, sorted by version when they are one family (every
 * Go release), else in bench.toml order. Returns how many. */
static size_t impl_variants(const struct run_model *m, const char *impl, size_t *idx)
{
    size_t k = 0;
    for (size_t j = 0; j < m->nv; j++)
        if (m->v[j].ok && m->v[j].impl && !strcmp(m->v[j].impl, impl))
            idx[k++] = j;
    int same = 1;
    char *fam0 = k ? rm_toolchain_family(&m->v[idx[0]]) : NULL;
    for (size_t j = 1; j < k && same; j++) {
        char *f = rm_toolchain_family(&m->v[idx[j]]);
        same = !strcmp(f, fam0);
        free(f);
    }
    free(fam0);
    if (same && k > 1)
        qsort_r(idx, k, sizeof *idx, cmp_version_idx, (void *)m);
    return k;
}

/* toolchain:<metric>: per implementation with two or more measured
 * variants, each variant against the one before it (by version within one
 * toolchain family, else bench.toml order); the row on the later one. */
static void toolchain_topics(struct run_model *m, const char *fib)
{
    struct strlist seen = {0};
    size_t *idx = xcalloc(m->nv ? m->nv : 1, sizeof *idx);
    for (size_t i = 0; i < m->nv; i++) {
        const char *impl = m->v[i].impl;
        if (!impl || !*impl || sl_contains(&seen, impl))
            continue;
        sl_push(&seen, impl);
        size_t k = impl_variants(m, impl, idx);
        for (size_t j = 0; j + 1 < k; j++) {
            const char *a = m->v[idx[j]].name, *b = m->v[idx[j + 1]].name;
            for (size_t c = 0; c < VERDICT_NMETRICS; c++) {
                const struct verdict_metric *vm = &verdict_metrics[c];
                const struct rm_result *ra = metric_get(m, vm, fib, a);
                const struct rm_result *rb = metric_get(m, vm, fib, b);
                char *key = verdict_metric_key(vm, fib);
                if (ra && rb && key) {
                    char *topic = xasprintf("toolchain:%s", key);
                    compare_row(m, b, topic, rb, ra, a, NULL, vm->size);
                    free(topic);
                }
                free(key);
            }
        }
    }
    free(idx);
    sl_free(&seen);
}

/* One rank topic (fastest:<key> or slowest:<key>): a row on every ranked
 * variant; on the extreme its word, on the others their verdict against
 * it. When no comparison against the extreme could be tested (every other
 * row inconclusive: one process, 2 to 5 processes, no median), the extreme
 * is inconclusive too, with an empty other: the lowest median alone ranks
 * nothing. value: the variant's median (the metric's unit). */
static void rank_rows(struct run_model *m, const char *topic, const struct rm_result **r,
                      size_t n, size_t ext, enum verdict word, int size)
{
    enum verdict *vs = xcalloc(n, sizeof *vs);
    int tested = 0;
    for (size_t i = 0; i < n; i++) {
        double ratio;
        if (i != ext)
            vs[i] = size_words(verdict_compare(r[i], r[ext], &ratio), size);
        tested |= i != ext && vs[i] != VERDICT_INCONCLUSIVE;
    }
    vs[ext] = tested ? word : VERDICT_INCONCLUSIVE;
    for (size_t i = 0; i < n; i++) {
        struct strbuf sb = {0};
        const char *other = "";
        if (i == ext) {
            int low = word == VERDICT_FASTEST || word == VERDICT_SMALLEST;
            if (tested)
                sb_printf(&sb, "%s of %zu variants by median: ", verdict_word(word), n);
            else
                sb_printf(&sb, "%s median of %zu variants: ", low ? "lowest" : "highest", n);
            units_fmt(&sb, r[i]->median, r[i]->unit);
            if (!tested)
                sb_printf(&sb, ", not ranked %s: no comparison against it could be tested "
                               "(one process, 2 to 5 processes (no 95 %% CI) or no median)",
                          verdict_word(word));
        } else {
            other = r[ext]->key.variant;
            char *d = compare_detail(r[i], r[ext], other, NULL, vs[i]);
            sb_append(&sb, d);
            free(d);
        }
        rm_add_finding_vs(m, r[i]->key.variant, topic, vs[i], r[i]->median, r[i]->unit, NAN,
                          sb.buf, other);
        sb_free(&sb);
    }
    free(vs);
}

/* fastest:<metric> and slowest:<metric> (smallest:file_size and
 * largest:file_size) over the measured variants (only those that unload
 * for the cycle); none with fewer than two. */
static void rank_topics(struct run_model *m, const char *fib)
{
    const struct rm_result **r = xcalloc(m->nv ? m->nv : 1, sizeof(const struct rm_result *));
    for (size_t c = 0; c < VERDICT_NMETRICS; c++) {
        const struct verdict_metric *vm = &verdict_metrics[c];
        char *key = verdict_metric_key(vm, fib);
        size_t n = 0, lo = 0, hi = 0;
        for (size_t i = 0; key && i < m->nv; i++) {
            const struct rm_variant *v = &m->v[i];
            if (!v->ok || (vm->unload_only && !unloads(m, v->name)))
                continue;
            const struct rm_result *x = metric_get(m, vm, fib, v->name);
            if (!x)
                continue;
            r[n] = x;
            if (x->median < r[lo]->median)
                lo = n;
            if (x->median > r[hi]->median)
                hi = n;
            n++;
        }
        if (n >= 2) {
            char *tl = xasprintf("%s:%s", vm->size ? "smallest" : "fastest", key);
            char *th = xasprintf("%s:%s", vm->size ? "largest" : "slowest", key);
            rank_rows(m, tl, r, n, lo, vm->size ? VERDICT_SMALLEST : VERDICT_FASTEST, vm->size);
            rank_rows(m, th, r, n, hi, vm->size ? VERDICT_LARGEST : VERDICT_SLOWEST, vm->size);
            free(tl), free(th);
        }
        free(key);
    }
    free(r);
}

/* instructions:<workload>/main: for each pair of variants with instruction
 * counts (callgrind) whose counts differ by 1 % or more, a row on the one
 * with more; verdict: their TIME compared (claim.h), value: the ratio of
 * instructions. The report states instructions where time does not
 * separate the two. */
static void instruction_topics(struct run_model *m, const char *fib)
{
    const char *wls[] = {"add", fib};
    for (size_t k = 0; k < ARRAY_LEN(wls); k++) {
        if (!wls[k][0])
            continue;
        char *topic = xasprintf("instructions:%s/main", wls[k]);
        for (size_t i = 0; i < m->nv; i++)
            for (size_t j = 0; j < m->nv; j++) {
                if (i == j || !m->v[i].ok || !m->v[j].ok)
                    continue;
                const char *a = m->v[i].name, *b = m->v[j].name;
                const struct rm_result *ta = rm_get(m, a, "call", wls[k], "main", "ns_per_call");
                const struct rm_result *tb = rm_get(m, b, "call", wls[k], "main", "ns_per_call");
                const struct rm_result *ia =
                    rm_get(m, a, "call", wls[k], "main", "instructions_per_call");
                const struct rm_result *ib =
                    rm_get(m, b, "call", wls[k], "main", "instructions_per_call");
                if (!ta || !tb || !ia || !ib || !(ib->median > 0) ||
                    ia->median / ib->median < 1.01)
                    continue;
                double ratio;
                enum verdict v = verdict_compare(ta, tb, &ratio);
                char *d = compare_detail(ta, tb, b, NULL, v);
                struct strbuf sb = {0};
                sb_printf(&sb, "time: %s; instructions per call (callgrind): ", d);
                units_fmt(&sb, ia->median, ia->unit);
                sb_append(&sb, " vs ");
                units_fmt(&sb, ib->median, ib->unit);
                rm_add_finding_vs(m, a, topic, v, ia->median / ib->median, "ratio", NAN, sb.buf,
                                  b);
                sb_free(&sb);
                free(d);
            }
        free(topic);
    }
}

/* ================================================================ all */

void verdicts_compare_topics(struct run_model *m, int legacy)
{
    char fib[32];
    rm_largest_fib(m, fib, sizeof fib);
    for (size_t i = 0; i < m->nv; i++) {
        if (!legacy)
            baseline_topics(m, i);
        first_call_topic(m, i);
        paired_topics(m, i, fib);
        engine_topics(m, i);
    }
    toolchain_topics(m, fib);
    rank_topics(m, fib);
    instruction_topics(m, fib);
}
