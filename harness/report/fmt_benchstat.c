/* fmt_benchstat.c - results.txt: the run in Go benchmark format, for
 * benchstat (golang.org/x/perf/cmd/benchstat).
 *
 *   BenchmarkCall/impl=go/toolchain=go1.26.8/workload=add/thread=main/engine=native 1000000 64.1 ns/op
 *
 * One line per independent unit of a result (formats.h fmt_unit_values:
 * a process's value (results/aggregate.h: a call time's lower quartile)
 * when processes gave several samples each, else a
 * sample), so benchstat's n is summary.csv's n and its confidence
 * intervals are not narrowed by correlated samples. The metrics one unit
 * measured together share a line. toolchain is the release the library
 * reports (fmt_release), and variants appear implementation by
 * implementation in release order, so `benchstat -col /toolchain` lists
 * releases in order. Units are benchstat's (golang.org/x/perf/benchunit):
 * time in ns/op or <name>-ns/op, which benchstat tidies to sec/op; bytes
 * with a B; other metrics under their own name. */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "measure/scenario.h"
#include "report/formats.h"
#include "results/rundata.h"

/* metric -> Go unit and factor; unit NULL = not written (CI bounds are
 * not samples). Metrics not listed keep their name ('_' as '-'). */
static const struct {
    const char *metric, *unit;
    double factor;
} go_units[] = {
    {"ns_per_call", "ns/op", 1},
    {"gbench_ns_per_call", "ns/op", 1},
    {"instructions_per_call", "instr/op", 1},
    {"instructions_per_cycle", "instr/op", 1},
    {"instructions", "instructions", 1},
    {"dlopen_us", "dlopen-ns/op", 1e3},
    {"first_call_us", "first-call-ns/op", 1e3},
    {"rss_delta_kb", "rss-delta-B/op", 1024},
    {"threads_delta", "threads-delta/op", 1},
    {"maps_delta", "maps-delta/op", 1},
    {"cycle_us", "ns/op", 1e3},
    {"leak_bytes_per_cycle", "leak-B/op", 1},
    {"leak_ci_low", NULL, 1},
    {"leak_ci_high", NULL, 1},
    {"leak_mb_per_s", "leak-B/s", 1e6},
    {"rss_growth_kb", "rss-growth-B", 1024},
    {"pss_growth_kb", "pss-growth-B", 1024},
    {"private_dirty_growth_kb", "private-dirty-growth-B", 1024},
    {"wall_ms", "ns/op", 1e6},
    {"user_ms", "user-ns/op", 1e6},
    {"system_ms", "system-ns/op", 1e6},
    {"file_bytes", "file-B", 1},
    {"load_bytes", "load-B", 1},
    {"text_bytes", "text-B", 1},
    {"data_bytes", "data-B", 1},
};

/* 1 and the unit in *unit (NULL: the metric's own name) unless the metric
 * is not written. */
static int go_unit(const char *metric, const char **unit, double *factor)
{
    *unit = NULL;
    *factor = 1;
    for (size_t i = 0; i < ARRAY_LEN(go_units); i++) {
        if (!strcmp(go_units[i].metric, metric)) {
            *unit = go_units[i].unit;
            *factor = go_units[i].factor;
            return go_units[i].unit != NULL;
        }
    }
    return 1;
}

/* A name key: spaces and '/' (the key separator) become '-'. */
static void bench_key(struct strbuf *out, const char *key, const char *val)
{
    if (!val || !*val)
        return;
    sb_printf(out, "/%s=", key);
    for (const char *p = val; *p; p++)
        sb_appendc(out, (*p == '/' || *p == ' ' || *p == '\t') ? '-' : *p);
}

struct line_metric {
    const char *metric;
    struct unit_value *u;
    size_t n;
    char *done;
};

/* The benchmark name of a result. Two variants of one implementation that
 * report the same release are told apart by a variant key. */
static void bench_name(const struct run_model *m, struct strbuf *out, size_t vi,
                       const struct result_key *k)
{
    const struct rm_variant *v = &m->v[vi];
    const struct scenario *sc = scenario_find(k->scenario, 0);
    char *rel = fmt_release(v);
    int clash = 0;
    for (size_t j = 0; j < m->nv && !clash; j++) {
        if (j == vi || strcmp(m->v[j].impl, v->impl))
            continue;
        char *other = fmt_release(&m->v[j]);
        clash = !strcmp(other, rel);
        free(other);
    }
    sb_printf(out, "Benchmark%s", sc && sc->title ? sc->title : "Other");
    bench_key(out, "impl", v->impl);
    bench_key(out, "toolchain", *rel ? rel : "none");
    if (clash || (strcmp(v->name, v->impl) && !*v->toolchain))
        bench_key(out, "variant", v->name);
    bench_key(out, !strcmp(k->scenario, "cycle") ? "mode" : "workload", k->workload);
    if (!strcmp(k->scenario, "call")) {
        bench_key(out, "thread", k->thread);
        bench_key(out, "engine", fmt_engine(k->metric));
    }
    free(rel);
}

static int same_unit(const struct unit_value *a, const struct unit_value *b)
{
    return a->process == b->process && a->rep == b->rep;
}

/* The lines of one (variant, scenario, workload, thread, engine) group:
 * the results in ms[0..n). */
static void write_group(const struct run_model *m, struct strbuf *out, size_t vi,
                        const struct result_key *k, struct line_metric *ms, size_t n, double every)
{
    for (size_t a = 0; a < n; a++) {
        for (size_t i = 0; i < ms[a].n; i++) {
            if (ms[a].done[i])
                continue;
            const struct unit_value *u = &ms[a].u[i];
            double iters = u->iterations;
            if (!strcmp(k->scenario, "cycle") && !strcmp(ms[a].metric, "cycle_us"))
                iters = every;
            bench_name(m, out, vi, k);
            sb_printf(out, " %.0f", iters < 1 ? 1 : iters); /* %.0f rounds; no libm */
            /* This unit's value of every metric of the group, once each. */
            for (size_t b = a; b < n; b++) {
                for (size_t j = 0; j < ms[b].n; j++) {
                    if (ms[b].done[j] || !same_unit(&ms[b].u[j], u))
                        continue;
                    const char *unit;
                    double f;
                    go_unit(ms[b].metric, &unit, &f);
                    sb_appendc(out, ' ');
                    csv_number(out, ms[b].u[j].value * f);
                    sb_appendc(out, ' ');
                    if (unit)
                        sb_append(out, unit);
                    else
                        for (const char *p = ms[b].metric; *p; p++)
                            sb_appendc(out, *p == '_' ? '-' : *p);
                    ms[b].done[j] = 1;
                    break;
                }
            }
            sb_appendc(out, '\n');
        }
    }
}

/* 1 when results a and b belong on the same lines. */
static int same_group(const struct rm_result *a, const struct rm_result *b)
{
    return !strcmp(a->key.variant, b->key.variant) && !strcmp(a->key.scenario, b->key.scenario) &&
           !strcmp(a->key.workload, b->key.workload) && !strcmp(a->key.thread, b->key.thread) &&
           !strcmp(fmt_engine(a->key.metric), fmt_engine(b->key.metric));
}

static int written(const char *metric)
{
    const char *unit;
    double f;
    return !metric_is_series(metric) && go_unit(metric, &unit, &f);
}

int render_results_txt(const struct run_model *m, struct strbuf *out, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    const char *cpu = rm_env(m, "cpu_model");
    const char *every_s = rm_env(m, "sample_every");
    double every = every_s ? strtod(every_s, NULL) : 1;
    sb_append(out, "goos: linux\n");
#if defined(__x86_64__)
    sb_append(out, "goarch: amd64\n");
#elif defined(__aarch64__)
    sb_append(out, "goarch: arm64\n");
#endif
    sb_append(out, "pkg: dlbench\n");
    if (cpu && *cpu)
        sb_printf(out, "cpu: %s\n", cpu);
    /* The results to write: summary.csv's rows when there are any, else
     * one per distinct key of results.csv (a bare results.csv). */
    struct rm_result *keys = NULL;
    size_t nk = 0;
    for (size_t i = 0; i < m->ns; i++) {
        const struct result_key *k = &m->s[i].key;
        if (!written(k->metric))
            continue;
        size_t j = 0;
        while (j < nk && !result_key_eq(&keys[j].key, k))
            j++;
        if (j < nk)
            continue;
        keys = xrealloc(keys, (nk + 1) * sizeof *keys);
        memset(&keys[nk], 0, sizeof *keys);
        keys[nk++].key = *k;
    }
    size_t *order = fmt_variant_order(m);
    char *done = xcalloc(nk ? nk : 1, 1);
    struct line_metric *ms = xcalloc(nk ? nk : 1, sizeof *ms);
    for (size_t o = 0; o < m->nv; o++) {
        size_t vi = order[o];
        for (size_t i = 0; i < nk; i++) {
            if (done[i] || strcmp(keys[i].key.variant, m->v[vi].name))
                continue;
            size_t n = 0;
            for (size_t j = i; j < nk; j++) {
                if (done[j] || !same_group(&keys[i], &keys[j]))
                    continue;
                done[j] = 1;
                ms[n].metric = keys[j].key.metric;
                ms[n].n = fmt_unit_values(m, &keys[j].key, &ms[n].u);
                ms[n].done = xcalloc(ms[n].n ? ms[n].n : 1, 1);
                n++;
            }
            write_group(m, out, vi, &keys[i].key, ms, n, every);
            for (size_t j = 0; j < n; j++) {
                free(ms[j].u);
                free(ms[j].done);
            }
        }
    }
    free(ms);
    free(done);
    free(order);
    free(keys);
    return 0;
}
