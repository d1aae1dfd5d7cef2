/* leakrate.c - see leakrate.h. */
#define _GNU_SOURCE
#include "report/leakrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/units.h"

/* The fresh-mode cycle value of a metric (median), or NaN. */
static double fresh(const struct run_model *d, const char *variant, const char *metric)
{
    const struct rm_result *r = rm_get(d, variant, "cycle", "fresh", "main", metric);
    return r ? r->median : NAN;
}

static double page_bytes(void)
{
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (double)p : 4096.0;
}

void leak_rate_fmt(struct strbuf *sb, double bytes_per_cycle, double us_per_cycle)
{
    units_fmt_plain(sb, bytes_per_cycle);
    sb_append(sb, " B/cycle");
    if (us_per_cycle > 0) {
        sb_append(sb, " = ");
        units_fmt(sb, bytes_per_cycle / (us_per_cycle / 1e6) / 1e6, "MB/s");
    }
}

/* The methods whose detection limit the report states: the finding's
 * topic (its limit column, per cycle, bytes) and what one step is. */
static const struct {
    const char *topic, *what;
} limit_topics[] = {
    {"memory/rss", "RSS: 1 page"},
    {"memory/valgrind", "valgrind: 1 lost byte"},
    {"memory/go_heap", "Go heap (gctrace, whole MiB): 1 MiB"},
};

void leak_limits_fmt(struct strbuf *sb, const struct run_model *d, const char *variant,
                     double *floor_mb_s)
{
    double us = fresh(d, variant, "cycle_us");
    *floor_mb_s = NAN;
    for (size_t i = 0; i < sizeof limit_topics / sizeof limit_topics[0]; i++) {
        const struct rm_finding *f = rm_finding_of(d, variant, limit_topics[i].topic);
        if (!f || f->verdict == VERDICT_NOT_MEASURED || !isfinite(f->limit) ||
            !(f->limit > 0))
            continue;
        sb_printf(sb, "%s%s", sb->len ? "; " : "", limit_topics[i].what);
        if (!strcmp(limit_topics[i].topic, "memory/rss")) {
            sb_append(sb, " (");
            units_fmt_style(sb, page_bytes(), "bytes", UNITS_TRIM);
            sb_append(sb, ")");
        }
        sb_append(sb, " over the cycles after the warm-up tenth = ");
        leak_rate_fmt(sb, f->limit, us);
        double mb = us > 0 ? f->limit / (us / 1e6) / 1e6 : NAN;
        if (isfinite(mb) && (isnan(*floor_mb_s) || mb < *floor_mb_s))
            *floor_mb_s = mb;
    }
}

void leak_mapped_fmt(struct strbuf *sb, const struct run_model *d, const struct rm_variant *v)
{
    double maps = fresh(d, v->name, "maps_after"), kib = fresh(d, v->name, "maps_after_kb");
    if (!(maps > 0) || !isfinite(kib))
        return;
    const char *base = v->lib ? strrchr(v->lib, '/') : NULL;
    sb_printf(sb, "%s stays mapped after the last dlclose: %.0f mapping%s, ",
              base ? base + 1 : v->lib && *v->lib ? v->lib : v->name, maps, maps == 1 ? "" : "s");
    units_fmt(sb, kib, "KiB");
}

void leak_threads_fmt(struct strbuf *sb, const struct run_model *d, const char *variant)
{
    int any = 0;
    for (size_t i = 0; i < d->nr; i++) {
        const struct rm_result *r = &d->r[i];
        if (strcmp(r->key.variant, variant) || strcmp(r->key.scenario, "load") ||
            strcmp(r->key.metric, "threads_named") || !(r->median > 0))
            continue;
        sb_printf(sb, "%s%.0f named '%s'", any ? ", " : "threads it started: ", r->median,
                  r->key.workload);
        if (!strcmp(r->key.workload, "dlbench"))
            sb_append(sb, " (the process's own name: the library did not name them)");
        any = 1;
    }
}

/* The rate of one method: "RSS slope 43.3 B/cycle = 82.1 MB/s (95 % CI
 * [38.8, 47.9] B/cycle), 156 KiB in all". */
static void rates(struct strbuf *sb, const struct run_model *d, const char *variant, double us)
{
    double s = fresh(d, variant, "leak_bytes_per_cycle");
    if (isfinite(s)) {
        sb_append(sb, "RSS slope ");
        leak_rate_fmt(sb, s, us);
        double lo = fresh(d, variant, "leak_ci_low"), hi = fresh(d, variant, "leak_ci_high");
        if (isfinite(lo) && isfinite(hi)) {
            sb_append(sb, " (95 % CI ");
            units_fmt_plain(sb, lo);
            sb_append(sb, " to ");
            units_fmt_plain(sb, hi);
            sb_append(sb, " B/cycle)");
        }
        double g = fresh(d, variant, "rss_growth_kb");
        if (isfinite(g)) {
            sb_append(sb, ", RSS grew ");
            units_fmt(sb, g, "KiB");
            sb_append(sb, " in all");
        }
    }
    double vg = fresh(d, variant, "vg_definitely_lost_bytes_per_cycle");
    double vgc = fresh(d, variant, "vg_cycles");
    if (isfinite(vg) && vgc > 0) {
        sb_append(sb, sb->len ? "; valgrind definitely lost " : "valgrind definitely lost ");
        leak_rate_fmt(sb, vg, us);
        sb_printf(sb, " over %.0f cycles", vgc);
    }
    /* still reachable: growth from the checkpoint after the first tenth
     * to the last (run/leakcheck.c), not the total at exit; an average,
     * whether it kept growing is memory/valgrind_reachable's verdict */
    double reach = fresh(d, variant, "vg_reachable_bytes_per_cycle");
    if (isfinite(reach)) {
        sb_append(sb, sb->len ? "; " : "");
        sb_append(sb, "valgrind still reachable grew ");
        leak_rate_fmt(sb, reach, us);
        sb_append(sb, " on average after the first tenth");
    }
    double go = fresh(d, variant, "go_heap_bytes_per_cycle");
    if (isfinite(go)) {
        sb_append(sb, sb->len ? "; Go heap slope " : "Go heap slope ");
        leak_rate_fmt(sb, go, us);
    }
}

void leak_rate_findings(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        double us = fresh(d, v->name, "cycle_us");
        if (!v->ok || !isfinite(us))
            continue;
        struct strbuf sb = {0}, part = {0};
        char *k = xasprintf("cycle_call %s", v->name);
        const char *call = rm_env(d, k);
        free(k);
        const char *cyc = rm_env(d, "cycles");
        sb_printf(&sb, "%s, in the user's units: %s cycles of ", v->name, cyc ? cyc : "?");
        units_fmt(&sb, us, "us");
        sb_printf(&sb, " each (fresh mode), each calling %s.", call ? call : "add");
        rates(&part, d, v->name, us);
        if (part.len)
            sb_printf(&sb, " Growth: %s.", part.buf);
        sb_free(&part);
        double floor_mb;
        leak_limits_fmt(&part, d, v->name, &floor_mb);
        if (part.len) {
            sb_printf(&sb, " What this run can resolve: %s", part.buf);
            if (isfinite(floor_mb)) {
                sb_append(&sb, "; a rate below ");
                units_fmt(&sb, floor_mb, "MB/s");
                sb_append(&sb, " is below what these methods see here (more cycles, or "
                               "valgrind over more of them, lower the limits)");
            }
            sb_append(&sb, ".");
        }
        sb_free(&part);
        if (var_unloads(d, v->name) == 0) {
            const char *what = call ? call : "add";
            size_t n = strcspn(what, " ,(");
            sb_printf(&sb, " %s never unloads, so these cycles are reference-count "
                           "operations: any rate belongs to the call (%.*s), not to "
                           "dlopen/dlclose.",
                      v->name, (int)n, what);
        }
        leak_mapped_fmt(&part, d, v);
        if (part.len)
            sb_printf(&sb, " %s.", part.buf);
        sb_free(&part);
        leak_threads_fmt(&part, d, v->name);
        if (part.len)
            sb_printf(&sb, " %c%s.", part.buf[0] - 'a' + 'A', part.buf + 1);
        sb_free(&part);
        /* In the terminal too when the leak question was asked (--leak-check):
         * valgrind's row of findings.csv was measured. */
        const struct rm_finding *vg = rm_finding_of(d, v->name, "memory/valgrind");
        doc_add_finding(m, 0, vg && vg->verdict != VERDICT_NOT_MEASURED ? 4 : 0,
                        sb_detach(&sb));
    }
}
