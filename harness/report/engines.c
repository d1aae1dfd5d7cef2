/* engines.c - the Engines section of the report: the call scenario timed
 * by dlbench's own loop (native, ns_per_call) and by Google Benchmark
 * (gbench, gbench_ns_per_call) side by side, and why they differ.
 *
 * The explanation is about the two loops, which are code, not a
 * measurement (measure/call.c, gbench/module.cc, checked in their
 * disassembly with g++ 12 and libbenchmark 1.7.1): DoNotOptimize's memory
 * clobber makes the compiler reload the captured function pointer before
 * every call; the native loop launders it in a register and sums the
 * results. It claims no direction: which loop is faster depends on the
 * workload and the machine. The numbers it quotes come from this run: the
 * floor row (an empty in-harness function) is each engine's own cost per
 * iteration. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/units.h"
#include "report/doc.h"

static const char *const threads[] = {"main", "pthread"};

/* Call workloads in report order: floor, noop, add, fib/N ascending, hello. */
static void workloads(const struct run_model *d, struct strlist *out)
{
    static const char *const fixed[] = {"floor", "noop", "add"};
    for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
        sl_push(out, fixed[i]);
    for (int n = 0; n <= 45; n++) {
        char w[16];
        snprintf(w, sizeof w, "fib/%d", n);
        for (size_t i = 0; i < d->nr; i++)
            if (!strcmp(d->r[i].key.scenario, "call") && !strcmp(d->r[i].key.workload, w)) {
                sl_push(out, w);
                break;
            }
    }
    sl_push(out, "hello");
}

static char *fmt(double v, const char *unit)
{
    struct strbuf sb = {0};
    units_fmt(&sb, v, unit);
    return sb_detach(&sb);
}

/* "+0.75 ns (1.25x)" when the engine:<workload>/<thread> row of
 * findings.csv (results/verdicts_compare.c, THE rule of results/claim.h)
 * claims a difference, else "~ (" why not ")". */
static char *difference(const struct run_model *d, const char *variant, const char *w,
                        const char *t, const struct rm_result *n, const struct rm_result *g)
{
    if (!n || !g)
        return xstrdup("not measured");
    char *topic = xasprintf("engine:%s/%s", w, t);
    const struct rm_finding *f = rm_finding_of(d, variant, topic);
    free(topic);
    if (!f)
        return xstrdup("~ (no finding)");
    if (f->verdict == VERDICT_NO_DIFFERENCE)
        return xstrdup("~ (no difference claimed)");
    if (f->verdict != VERDICT_FASTER && f->verdict != VERDICT_SLOWER)
        return xasprintf("~ (%s: too few processes or no median)", verdict_word(f->verdict));
    struct strbuf sb = {0};
    double diff = g->median - n->median;
    sb_append(&sb, diff >= 0 ? "+" : "-");
    units_fmt(&sb, fabs(diff), "ns");
    sb_append(&sb, " (");
    units_fmt_ratio(&sb, f->value);
    sb_append(&sb, ")");
    return sb_detach(&sb);
}

static void add_row(struct report_doc *m, const char *variant, const char *w, const char *t,
                    const struct rm_result *n, const struct rm_result *g)
{
    m->engines_cells = xrealloc(m->engines_cells,
                                (m->engines_rows + 1) * ENGINES_NCOLS * sizeof *m->engines_cells);
    char **c = &m->engines_cells[m->engines_rows * ENGINES_NCOLS];
    c[0] = xstrdup(variant);
    c[1] = xstrdup(w);
    c[2] = xstrdup(t);
    c[3] = n ? fmt(n->median, "ns") : xstrdup("not measured");
    c[4] = g ? fmt(g->median, "ns") : xstrdup("not measured");
    c[5] = difference(m->rm, variant, w, t, n, g);
    m->engines_rows++;
}

/* The note's numbers: the floor (each engine's own cost) and add of the
 * first variant that has both engines. */
static void build_note(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    struct strbuf sb = {0};
    sb_append(&sb, "Both engines call the same library through the same pointers in the same "
                   "processes, so a difference the table claims comes from the loops, and either "
                   "can be the faster. Google Benchmark's loop (for (auto _ : state)) passes constant "
                   "arguments and hands the result to benchmark::DoNotOptimize, whose memory "
                   "clobber makes the compiler load the function pointer from the benchmark's "
                   "closure again before every call (an indirect call through memory). The "
                   "native loop keeps the pointer in a register (an empty asm without a memory "
                   "clobber), varies the first argument and adds every result into a sum, so "
                   "each iteration waits for the call's return value. The floor row, an empty "
                   "function inside dlbench, is each engine's own cost per iteration.");
    for (size_t v = 0; v < d->nv; v++) {
        const char *name = d->v[v].name;
        const struct rm_result *nf = rm_get(d, name, "call", "floor", "main", "ns_per_call");
        const struct rm_result *gf = rm_get(d, name, "call", "floor", "main", "gbench_ns_per_call");
        const struct rm_result *na = rm_get(d, name, "call", "add", "main", "ns_per_call");
        const struct rm_result *ga = rm_get(d, name, "call", "add", "main", "gbench_ns_per_call");
        if (!(na && ga) && !(nf && gf))
            continue;
        sb_printf(&sb, " Medians here (%s, main thread; the table says whether a difference "
                       "is claimed):",
                  name);
        if (na && ga) {
            sb_append(&sb, " add ");
            units_fmt(&sb, ga->median, "ns");
            sb_append(&sb, " under Google Benchmark vs ");
            units_fmt(&sb, na->median, "ns");
            sb_append(&sb, " native");
        }
        if (nf && gf) {
            sb_append(&sb, na && ga ? "; the floor " : " the floor ");
            units_fmt(&sb, gf->median, "ns");
            sb_append(&sb, " vs ");
            units_fmt(&sb, nf->median, "ns");
        }
        sb_append(&sb, ".");
        break;
    }
    m->engines_note = sb_detach(&sb);
}

void engines_build(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    int any = 0;
    for (size_t i = 0; i < d->nr && !any; i++)
        any = !strcmp(d->r[i].key.metric, "gbench_ns_per_call");
    if (!any)
        return;
    static const char gb_minus_native[] = "gbench " DASH " native";
    static const char *const heads[ENGINES_NCOLS] = {
        "variant", "workload", "thread", "native (ns_per_call)", "Google Benchmark",
        gb_minus_native};
    for (size_t c = 0; c < ENGINES_NCOLS; c++)
        m->engines_heads[c] = xstrdup(heads[c]);
    struct strlist wl = {0};
    workloads(d, &wl);
    for (size_t v = 0; v < d->nv; v++) {
        for (size_t t = 0; t < ARRAY_LEN(threads); t++) {
            for (size_t w = 0; w < wl.n; w++) {
                const char *name = d->v[v].name;
                const struct rm_result *n = rm_get(d, name, "call", wl.v[w], threads[t],
                                                   "ns_per_call");
                const struct rm_result *g = rm_get(d, name, "call", wl.v[w], threads[t],
                                                   "gbench_ns_per_call");
                if (n || g)
                    add_row(m, name, wl.v[w], threads[t], n, g);
            }
        }
    }
    sl_free(&wl);
    m->engines_intro = xstrdup(
        "The call scenario timed by two engines in the same child processes, over the same "
        "dlsym'd pointers: dlbench's own calibrated loop (native) and Google Benchmark (the "
        "module dlbench-gbench.so). Medians over processes; a difference is claimed only when "
        "the 95 % CIs do not overlap and it is at least the larger minimum detectable "
        "effect (mde) of the two (findings.csv, topics engine:<workload>/<thread>).");
    build_note(m);
}
