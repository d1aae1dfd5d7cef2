/* verdicts.c - the findings of a run: see verdicts.h. Pure functions of
 * the run model; nothing here reads a file or starts a process.
 *
 * Why a series and not a slope: a slope over a run says how much a
 * resource grew per cycle on average, not whether it keeps growing. One
 * 4 KiB step of RSS in 100,000 cycles is a slope of 0.04 B/cycle with a CI
 * above 0, yet it is a page the allocator kept once; 256 KiB mapped on
 * every load is a slope too, and it never stops. So a leak is growth seen
 * in most quarters of the run, late ones included, by at least what the
 * method can see at all (its detection limit: one page of RSS, one fd,
 * one MiB of gctrace over the whole run); growth that stops is caching or
 * a one-off, whatever its slope; and valgrind's silence does not clear a
 * resource that grows (it sees malloc only: not mmap, not a Go heap). */
#define _GNU_SOURCE
#include "results/verdicts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/units.h"
#include "base/util.h"
#include "results/stats.h"

/* ================================================================ series */

void series_decide(const double *x, const double *y, size_t n, double step,
                   struct series_verdict *o)
{
    memset(o, 0, sizeof *o);
    o->per_cycle = NAN;
    o->limit = NAN;
    if (n < 2) {
        o->verdict = VERDICT_NOT_MEASURED;
        return;
    }
    size_t skip = n / 10 > 1 ? n / 10 : 1;
    if (n - skip < 5)
        skip = n > 5 ? n - 5 : 0;
    const double *px = x + skip, *py = y + skip;
    size_t k = n - skip;
    o->n = k;
    o->cycles = px[k - 1] - px[0];
    o->growth = py[k - 1] - py[0];
    o->limit = o->cycles > 0 ? step / o->cycles : NAN;
    if (k < 5 || o->cycles <= 0) {
        o->verdict = VERDICT_INCONCLUSIVE;
        return;
    }
    size_t b[5];
    for (int q = 0; q <= 4; q++)
        b[q] = ((size_t)q * (k - 1) + 2) / 4;
    int grew[4];
    for (int q = 0; q < 4; q++) {
        grew[q] = py[b[q + 1]] - py[b[q]] >= step;
        o->quarters_growing += grew[q];
    }
    double late = py[k - 1] - py[b[2]], late_cycles = px[k - 1] - px[b[2]];
    o->late_growing = late >= step;
    o->per_cycle = late_cycles > 0 ? late / late_cycles : 0;
    struct regression r;
    int have_r = stats_regress(px, py, k, &r) == 0;
    int steady = o->growth >= step && o->quarters_growing >= 3 && (grew[2] || grew[3]) &&
                 (!have_r || r.slope_ci_low > 0);
    /* less than one step, stopped, or one step: not growth per cycle */
    int one_off = o->growth < step || !o->late_growing || o->quarters_growing <= 1;
    if (steady) {
        o->verdict = VERDICT_LEAK;
        if (step == 1.0) {
            /* counted in single units (bytes by valgrind, fds, threads,
             * mappings, children): one sample off by a unit or a block (a
             * lost block that a stray word still reaches at one
             * checkpoint: seen, 249 KiB/cycle for 256 KiB from 1 of 11
             * checkpoints) must not bend the value */
            double ts = stats_theil_sen(px, py, k);
            if (isfinite(ts))
                o->per_cycle = ts;
        } else if (have_r) {
            o->per_cycle = r.slope;
        }
    } else {
        o->verdict = one_off ? VERDICT_NO_LEAK : VERDICT_INCONCLUSIVE;
        /* less than one step over the whole run: the value is the whole
         * run's growth per cycle, never below 0, so that it agrees with the
         * detail's "grew 0 B" (a series that swings up and down and ends
         * where it began had 567 B/cycle from its later half) */
        if (o->growth < step)
            o->per_cycle = o->growth > 0 ? o->growth / o->cycles : 0;
        /* a no-leak resource does not leak a negative amount: a later half
         * that shrank after growth that stopped reads 0 (seen: -15.8 B/cycle
         * beside "grew 11 KiB ... then stopped") */
        if (o->verdict == VERDICT_NO_LEAK && o->per_cycle < 0)
            o->per_cycle = 0;
    }
}

/* ================================================================ model access */

/* The series of metric in the cycle scenario's mode (main thread) of one
 * variant: samples of the first process that measured it, sorted by rep.
 * Returns the number of points; *x and *y are allocated (caller frees). */
static size_t series_of(const struct run_model *m, const char *variant, const char *mode,
                        const char *metric, double scale, double **x, double **y)
{
    size_t n = 0;
    long proc = -2;
    *x = xcalloc(m->ns + 1, sizeof **x);
    *y = xcalloc(m->ns + 1, sizeof **y);
    for (size_t i = 0; i < m->ns; i++) {
        const struct rm_sample *s = &m->s[i];
        if (strcmp(s->key.variant, variant) || strcmp(s->key.scenario, "cycle") ||
            strcmp(s->key.workload, mode) || strcmp(s->key.metric, metric) || s->rep < 0 ||
            !isfinite(s->value))
            continue;
        if (proc == -2)
            proc = s->process;
        if (s->process != proc)
            continue;
        /* insertion in rep order (the child writes them in order already) */
        size_t j = n++;
        for (; j > 0 && (*x)[j - 1] > (double)s->rep; j--) {
            (*x)[j] = (*x)[j - 1];
            (*y)[j] = (*y)[j - 1];
        }
        (*x)[j] = (double)s->rep;
        (*y)[j] = s->value * scale;
    }
    return n;
}

/* The value of a single-row metric of the cycle scenario (fresh, main). */
static int leak_value(const struct run_model *m, const char *variant, const char *metric,
                      double *out)
{
    const struct rm_result *r = rm_get(m, variant, "cycle", "fresh", "main", metric);
    if (!r)
        return 0;
    *out = r->median;
    return 1;
}

static void fmt_amount(struct strbuf *sb, double v, const char *unit)
{
    if (!strcmp(unit, "count"))
        units_fmt_num(sb, v, UNITS_TRIM);
    else
        units_fmt_style(sb, v, unit, UNITS_TRIM);
}

/* "RSS grew 52 MiB over 200 cycles in 4 of 4 quarters, still growing at the
 * end: 262144 B/cycle (detection limit 20.5 B/cycle: one page over the
 * cycles)" */
static char *series_detail(const char *what, const char *unit, const struct series_verdict *v,
                           const char *step_name)
{
    struct strbuf sb = {0};
    if (v->verdict == VERDICT_NOT_MEASURED) {
        sb_printf(&sb, "%s not sampled (no completed cycle run)", what);
        return sb_detach(&sb);
    }
    sb_printf(&sb, "%s %s ", what, v->growth < 0 ? "shrank" : "grew");
    fmt_amount(&sb, fabs(v->growth), unit);
    sb_printf(&sb, " over %.0f cycles (%zu samples after the warm-up tenth)", v->cycles, v->n);
    if (v->n < 5) {
        sb_append(&sb, ": too few samples to tell steady growth from a step (need 5: more "
                       "--cycles or a smaller --sample-every)");
        return sb_detach(&sb);
    }
    sb_printf(&sb, ", growing in %d of 4 quarters", v->quarters_growing);
    if (v->verdict == VERDICT_LEAK) {
        sb_append(&sb, ", still at the end: ");
        fmt_amount(&sb, v->per_cycle, unit);
        sb_append(&sb, "/cycle");
    } else if (v->verdict == VERDICT_NO_LEAK && v->growth >= 0 && v->quarters_growing > 0 &&
               !v->late_growing) {
        sb_append(&sb, ", then stopped: caching or a one-off, not per cycle");
    } else if (v->verdict == VERDICT_NO_LEAK && v->quarters_growing == 1) {
        sb_append(&sb, " in one step: a one-off, not growth per cycle");
    } else if (v->verdict == VERDICT_NO_LEAK) {
        sb_append(&sb, ": less than its detection limit over the run");
    } else {
        sb_append(&sb, ", growing late but not steadily: run more cycles to tell");
    }
    sb_append(&sb, " (detection limit ");
    fmt_amount(&sb, v->limit, unit);
    sb_printf(&sb, "/cycle: %s over the cycles)", step_name);
    return sb_detach(&sb);
}

/* One series topic; returns its verdict (and fills *sv). */
static enum verdict series_topic(struct run_model *m, const char *variant, const char *mode,
                                 const char *topic, const char *metric, double scale,
                                 const char *unit, double step, const char *what,
                                 const char *step_name, struct series_verdict *sv)
{
    double *x, *y;
    size_t n = series_of(m, variant, mode, metric, scale, &x, &y);
    series_decide(x, y, n, step, sv);
    char *detail = series_detail(what, unit, sv, step_name);
    rm_add_finding(m, variant, topic, sv->verdict, sv->per_cycle, unit, sv->limit, detail);
    free(detail);
    free(x);
    free(y);
    return sv->verdict;
}

/* ================================================================ memory */

/* Whether --leak-check's valgrind ran the loop to its end; if not, sv is
 * not-measured and *why says so ("valgrind not run", the env note). */
static int valgrind_ran(struct run_model *m, const char *variant, struct series_verdict *sv,
                        const char **why)
{
    double app = -1;
    memset(sv, 0, sizeof *sv);
    sv->per_cycle = sv->limit = NAN;
    int have = leak_value(m, variant, "vg_applicable", &app);
    if (have && app > 0)
        return 1;
    char *k = xasprintf("leak_check %s", variant);
    const char *note = rm_env(m, k);
    free(k);
    sv->verdict = VERDICT_NOT_MEASURED;
    *why = have ? (note ? note : "valgrind not applicable") : "valgrind not run (run --leak-check)";
    return 0;
}

/* memory/valgrind: definitely + indirectly lost, from --leak-check. Decided
 * from the leak counts at the checkpoints (vg_leaked_bytes, cycle.c
 * --leak-counts: after the warm-up cycle, then every tenth of the loop)
 * with the series rule, step 1 byte: a block lost on every load or call
 * makes the count grow in every quarter, and the first load's losses (a
 * runtime's start, the warm-up cycle) are already in the first checkpoint,
 * so a one-off cannot pass for a leak however many blocks it lost; the
 * constructor of a library that unloads runs at every load, inside the
 * checkpoints, so a per-load leak still counts. Without checkpoints (a run
 * folder from before them, fewer than 5 after the warm-up tenth) the
 * totals at exit decide: a leak when at least one block per two cycles was
 * lost, per cycle = lost / cycles run. */
static void valgrind_topic(struct run_model *m, const char *variant, struct series_verdict *sv)
{
    double cycles = 0, def = 0, ind = 0, defk = 0, indk = 0, reach = NAN;
    const char *why = NULL;
    double *x = NULL, *y = NULL;
    struct strbuf sb = {0};
    if (!valgrind_ran(m, variant, sv, &why)) {
        sb_append(&sb, why);
        goto out;
    }
    leak_value(m, variant, "vg_cycles", &cycles);
    leak_value(m, variant, "vg_definitely_lost_bytes", &def);
    leak_value(m, variant, "vg_indirect_lost_bytes", &ind);
    leak_value(m, variant, "vg_definitely_lost_blocks", &defk);
    leak_value(m, variant, "vg_indirect_lost_blocks", &indk);
    leak_value(m, variant, "vg_still_reachable_bytes", &reach);
    if (cycles <= 0)
        cycles = 1;
    double lost = def + ind;
    size_t n = series_of(m, variant, "fresh", "vg_leaked_bytes", 1.0, &x, &y);
    series_decide(x, y, n, 1.0, sv);
    if (sv->verdict == VERDICT_LEAK || sv->verdict == VERDICT_NO_LEAK ||
        (sv->verdict == VERDICT_INCONCLUSIVE && sv->n >= 5)) {
        char *d = series_detail("valgrind definitely + indirectly lost", "bytes", sv,
                                "1 B (valgrind counts bytes)");
        sb_printf(&sb, "%s; at exit %.0f B definitely + %.0f B indirectly lost in %.0f blocks "
                       "over %.0f cycles",
                  d, def, ind, defk + indk, cycles);
        free(d);
    } else if (lost > 0 && defk + indk >= 0.5 * cycles) {
        memset(sv, 0, sizeof *sv);
        sv->limit = 1.0 / cycles;
        sv->cycles = cycles;
        sv->verdict = VERDICT_LEAK;
        sv->per_cycle = lost / cycles;
        sb_printf(&sb, "valgrind: %.0f B definitely + %.0f B indirectly lost in %.0f blocks "
                       "over %.0f cycles: ",
                  def, ind, defk + indk, cycles);
        units_fmt_style(&sb, sv->per_cycle, "bytes", UNITS_TRIM);
        sb_append(&sb, "/cycle (totals at exit: no leak counts at checkpoints)");
    } else {
        memset(sv, 0, sizeof *sv);
        sv->limit = 1.0 / cycles;
        sv->cycles = cycles;
        sv->verdict = VERDICT_NO_LEAK;
        sv->per_cycle = 0;
        if (lost == 0)
            sb_printf(&sb, "valgrind: 0 B lost over %.0f cycles", cycles);
        else
            sb_printf(&sb, "valgrind: %.0f B lost in %.0f blocks over %.0f cycles: once, not "
                           "per cycle",
                      lost, defk + indk, cycles);
        sb_append(&sb, " (totals at exit: no leak counts at checkpoints)");
    }
    if (isfinite(reach))
        sb_printf(&sb, " (still reachable at exit: %.0f B)", reach);
    sb_append(&sb, "; valgrind sees malloc only, not mmap or a runtime's heap");
out:
    rm_add_finding(m, variant, "memory/valgrind", sv->verdict, sv->per_cycle, "bytes",
                   sv->limit, sb.buf);
    sb_free(&sb);
    free(x);
    free(y);
}

/* memory/valgrind_reachable: the bytes of malloc'd blocks still pointed to
 * (valgrind's "still reachable") at each checkpoint of --leak-check's loop,
 * as a series, step 1 byte (valgrind counts bytes: the detection limit is
 * 1 B over the cycles covered). What memory/valgrind cannot see: blocks a
 * library keeps pointed to - a list in a nodelete library's globals, the
 * environment (setenv), a thread's key table - are never "lost". The
 * total is no metric: the Go runtime alone keeps ~1.5 KB reachable
 * whatever the cycles, dlbench itself a few KiB; growth per cycle is. */
static void valgrind_reachable_topic(struct run_model *m, const char *variant,
                                     struct series_verdict *sv)
{
    const char *why = NULL;
    const char *topic = "memory/valgrind_reachable";
    if (!valgrind_ran(m, variant, sv, &why)) {
        rm_add_finding(m, variant, topic, sv->verdict, NAN, "bytes", NAN, why);
        return;
    }
    double *x, *y;
    size_t n = series_of(m, variant, "fresh", "vg_reachable_bytes", 1.0, &x, &y);
    free(x);
    free(y);
    if (n == 0) {
        rm_add_finding(m, variant, topic, VERDICT_NOT_MEASURED, NAN, "bytes", NAN,
                       "no leak counts at checkpoints (vg_reachable_bytes): a run from before "
                       "dlbench took them, or one whose runs with them stalled (env.txt "
                       "leak_check)");
        return;
    }
    series_topic(m, variant, "fresh", topic, "vg_reachable_bytes", 1.0, "bytes", 1.0,
                 "valgrind still reachable", "1 B (valgrind counts bytes)", sv);
}

/* memory/go_heap: the live Go heap after each collection (gctrace), for a
 * library built by Go (its .go.buildinfo section). */
static void go_heap_topic(struct run_model *m, const char *variant, struct series_verdict *sv)
{
    double count = -1;
    if (!leak_value(m, variant, "go_gc_count", &count)) {
        memset(sv, 0, sizeof *sv);
        sv->verdict = VERDICT_NOT_MEASURED;
        const struct rm_result *go = rm_get(m, variant, "size", "", "", "go_buildinfo");
        if (go && go->median == 1)
            rm_add_finding(m, variant, "memory/go_heap", VERDICT_NOT_MEASURED, NAN, "bytes",
                           NAN, "a Go library (.go.buildinfo): its heap is checked by "
                                "run --leak-check only");
        return;
    }
    if (count <= 1) {
        /* One collection (the runtime's first) or none: no series. */
        memset(sv, 0, sizeof *sv);
        sv->verdict = VERDICT_NOT_MEASURED;
        rm_add_finding(m, variant, "memory/go_heap", VERDICT_NOT_MEASURED, NAN, "bytes", NAN,
                       "Go heap: at most one collection in the run (GOGC=1): the heap did not "
                       "grow to the collector's next goal, too few points for a series");
        return;
    }
    series_topic(m, variant, "fresh", "memory/go_heap", "gc_live_bytes", 1.0, "bytes",
                 1048576.0, "Go live heap (gctrace, GOGC=1)", "1 MiB (gctrace prints whole MiB)",
                 sv);
}

/* memory: leak when any method sees steady growth (valgrind's silence
 * clears nothing it cannot see), no-leak when every method that measured
 * says so, inconclusive otherwise, not-measured when none measured. */
static void memory_topics(struct run_model *m, const char *variant, const char *mode)
{
    int fresh = !strcmp(mode, "fresh");
    double page = (double)sysconf(_SC_PAGESIZE);
    if (page <= 0)
        page = 4096;
    struct method {
        const char *name;
        struct series_verdict sv;
    } mt[6] = {{"valgrind", {0}}, {"valgrind still reachable", {0}}, {"the Go heap", {0}},
               {"RSS", {0}}, {"Private_Dirty", {0}}, {"PSS", {0}}};
    /* PSS (the last) is reported but does not decide: it moves when other
     * processes that share our pages start or end (seen: +9 KiB over 30,000
     * cycles of a clean library whose RSS and Private_Dirty stayed flat). */
    const size_t nm = 5, first_rss = 3;
    char *topic = NULL;
    mt[0].sv.verdict = mt[1].sv.verdict = mt[2].sv.verdict = VERDICT_NOT_MEASURED;
    if (fresh) {
        valgrind_topic(m, variant, &mt[0].sv);
        valgrind_reachable_topic(m, variant, &mt[1].sv);
        go_heap_topic(m, variant, &mt[2].sv);
    }
    static const char *const metric[] = {"rss_kb", "private_dirty_kb", "pss_kb"};
    static const char *const sub[] = {"rss", "private_dirty", "pss"};
    for (int i = 0; i < 3; i++) {
        topic = xasprintf("%smemory/%s", fresh ? "" : "pinned/", sub[i]);
        series_topic(m, variant, mode, topic, metric[i], 1024.0, "bytes", page,
                     mt[first_rss + i].name, "one page", &mt[first_rss + i].sv);
        free(topic);
    }
    int leak = -1, any = 0, inconclusive = 0;
    for (size_t i = 0; i < nm; i++) {
        enum verdict v = mt[i].sv.verdict;
        if (v == VERDICT_LEAK && leak < 0)
            leak = (int)i;
        any |= v == VERDICT_LEAK || v == VERDICT_NO_LEAK || v == VERDICT_INCONCLUSIVE;
        inconclusive |= v == VERDICT_INCONCLUSIVE;
    }
    struct strbuf sb = {0};
    enum verdict v;
    double value = NAN, limit = NAN;
    if (leak >= 0) {
        v = VERDICT_LEAK;
        value = mt[leak].sv.per_cycle;
        limit = mt[leak].sv.limit;
        sb_printf(&sb, "from %s: ", mt[leak].name);
        units_fmt_style(&sb, value, "bytes", UNITS_TRIM);
        sb_append(&sb, leak == 0 ? "/cycle lost (a block or more lost on every cycle)"
                                 : "/cycle, growth that does not stop");
        if (fresh && mt[0].sv.verdict == VERDICT_NO_LEAK && leak == 1)
            sb_append(&sb, "; valgrind counts none of it lost: the malloc'd blocks stay pointed "
                           "to and are not freed");
        else if (fresh && mt[0].sv.verdict == VERDICT_NO_LEAK && leak >= 2 &&
                 mt[1].sv.verdict == VERDICT_NO_LEAK)
            sb_append(&sb, "; valgrind finds nothing lost or kept per cycle: memory it cannot "
                           "see (mmap, a runtime's heap)");
        else if (fresh && mt[0].sv.verdict == VERDICT_NO_LEAK && leak >= 2)
            sb_append(&sb, "; valgrind finds nothing lost per cycle: memory it cannot see "
                           "(mmap, a runtime's heap) or blocks still pointed to");
    } else if (!any) {
        v = VERDICT_NOT_MEASURED;
        sb_append(&sb, "no method measured memory (no completed cycle run)");
    } else {
        v = inconclusive ? VERDICT_INCONCLUSIVE : VERDICT_NO_LEAK;
        /* the value of the most sensitive method that measured */
        for (size_t i = 0; i < nm && isnan(value); i++)
            if (mt[i].sv.verdict == VERDICT_NO_LEAK || mt[i].sv.verdict == VERDICT_INCONCLUSIVE)
                value = mt[i].sv.per_cycle, limit = mt[i].sv.limit;
        sb_append(&sb, inconclusive ? "inconclusive:" : "no method sees steady growth:");
        for (size_t i = 0; i < nm; i++)
            if (mt[i].sv.verdict != VERDICT_NOT_MEASURED)
                sb_printf(&sb, " %s %s;", mt[i].name, verdict_word(mt[i].sv.verdict));
        sb.buf[--sb.len] = '\0';
    }
    topic = xasprintf("%smemory", fresh ? "" : "pinned/");
    rm_add_finding(m, variant, topic, v, value, "bytes", limit, sb.buf);
    free(topic);
    sb_free(&sb);
}

/* ================================================================ unload */

static void unload_topic(struct run_model *m, const char *variant)
{
    const struct rm_result *nd = rm_get(m, variant, "size", "", "", "nodelete");
    const struct rm_result *go = rm_get(m, variant, "size", "", "", "go_buildinfo");
    const struct rm_result *un = rm_get(m, variant, "cycle", "fresh", "main", "unloaded");
    struct strbuf sb = {0};
    enum verdict v;
    double value = NAN;
    if (nd && nd->median == 1) {
        v = VERDICT_NEVER_UNLOADS;
        value = 0;
        sb_append(&sb, "DF_1_NODELETE is set in its dynamic section (ELF facts): dlclose "
                       "never unmaps it");
        if (go && go->median == 1)
            sb_append(&sb, "; a Go library (.go.buildinfo): Go links c-shared libraries "
                           "-z nodelete");
        if (un)
            sb_append(&sb, un->median == 0 ? "; the cycle check agrees (still mapped after "
                                             "the last dlclose)"
                                           : "; yet the cycle check saw it unmapped: check "
                                             "the cycle data");
        else
            sb_append(&sb, "; no cycle run to see it");
    } else if (un) {
        value = un->median != 0;
        v = un->median != 0 ? VERDICT_UNLOADS : VERDICT_NEVER_UNLOADS;
        if (un->median != 0)
            sb_append(&sb, "after the last dlclose of the fresh cycles, dlopen(RTLD_NOLOAD) "
                           "finds nothing and no mapping of the file is left");
        else
            sb_printf(&sb, "still loaded after the last dlclose of the fresh cycles%s: "
                           "something keeps it (a registered thread-local destructor, a "
                           "thread running its code, another reference)",
                      nd ? " although DF_1_NODELETE is not set (ELF facts)"
                         : " (ELF facts not read)");
    } else {
        v = VERDICT_NOT_MEASURED;
        const char *why = NULL;
        for (size_t i = 0; i < m->nf && !why; i++)
            if (!strcmp(m->f[i].variant, variant) && !strcmp(m->f[i].scenario, "cycle"))
                why = m->f[i].cause;
        if (why)
            sb_printf(&sb, "the cycle job failed (%s): no completed fresh-mode cycles", why);
        else
            sb_append(&sb, "no completed fresh-mode cycles in this run (scenario cycle, mode "
                           "fresh not run)");
        if (nd)
            sb_append(&sb, "; DF_1_NODELETE is not set (ELF facts)");
    }
    rm_add_finding(m, variant, "unload", v, value, "bool", NAN, sb.buf);
    sb_free(&sb);
}

/* ================================================================ all */

/* 1 if the cycle scenario wrote metric in mode for the variant: a run
 * folder of an older dlbench has RSS samples but no children. */
static int has_series(const struct run_model *m, const char *variant, const char *mode,
                      const char *metric)
{
    double *x, *y;
    size_t n = series_of(m, variant, mode, metric, 1, &x, &y);
    free(x);
    free(y);
    return n > 0;
}

void verdicts_compute(struct run_model *m)
{
    static const char *const counts[][3] = {
        {"fds", "fds", "open fds"}, {"threads", "threads", "threads"},
        {"mappings", "maps", "mappings (/proc/self/maps lines)"},
        {"children", "children", "child processes (zombies included)"}};
    for (size_t i = 0; i < m->nv; i++) {
        const char *name = m->v[i].name;
        unload_topic(m, name);
        for (int mode = 0; mode < 2; mode++) {
            const char *mname = mode ? "pinned" : "fresh";
            int sampled = has_series(m, name, mname, "rss_kb");
            if (mode && !sampled)
                continue; /* pinned not run: no pinned/ rows at all */
            memory_topics(m, name, mname);
            for (size_t c = 0; c < ARRAY_LEN(counts); c++) {
                struct series_verdict sv;
                char *topic = xasprintf("%s%s", mode ? "pinned/" : "", counts[c][0]);
                if (sampled && !has_series(m, name, mname, counts[c][1]))
                    rm_add_finding(m, name, topic, VERDICT_NOT_MEASURED, NAN, "count", NAN,
                                   "not sampled beside RSS: /proc could not be read, or the "
                                   "run is from a dlbench that did not count it");
                else
                    series_topic(m, name, mname, topic, counts[c][1], 1.0, "count", 1.0,
                                 counts[c][2], "one", &sv);
                free(topic);
            }
        }
    }
    verdicts_compare_topics(m, 0); /* results/verdicts_compare.c */
    m->have_findings = 1;
}

void verdicts_ensure(struct run_model *m)
{
    if (!m->have_findings && m->nfindings == 0) {
        verdicts_compute(m);
    } else if (m->findings_legacy) {
        /* findings.csv of an older dlbench: its rows stay as written; the
         * comparison topics it could not have come from summary.csv */
        verdicts_compare_topics(m, 1);
        m->findings_legacy = 0;
    }
}
