/* fmt_json.c - results.json: the run's timing results in Google
 * Benchmark's JSON format (include/benchmark/reporter.h, its JSONReporter),
 * so `compare.py benchmarks old/results.json new/results.json` works
 * between two dlbench runs and tools that ingest Google Benchmark output
 * (continuous-benchmark services) read dlbench's. Written through
 * libjansson (base/json.h).
 *
 *   {"context": {"date", "host_name", "executable", "num_cpus", "cpu_model",
 *                "load_avg", "cpu_scaling_enabled", "library_build_type",
 *                "dlbench_version", "run_id", "engine"},
 *    "benchmarks": [ ... ]}
 *
 * One benchmark per timing result (metric_is_timing: ns_per_call,
 * gbench_ns_per_call, dlopen_us, first_call_us, cycle_us, wall_ms), named
 * scenario/workload/variant/thread/metric with empty parts left out
 * ("call/add/c@gcc/main/ns_per_call", "load/go@local/main/dlopen_us").
 * Its repetitions are the result's independent units (formats.h
 * fmt_unit_values: one per process when processes gave several samples),
 * run_type "iteration", repetition_index 0..n-1, real_time in time_unit
 * (the metric's unit: ns, us or ms); then the aggregates mean, median,
 * stddev (run_type "aggregate", from summary.csv) and cv (aggregate_unit
 * "percentage", a fraction as Google Benchmark writes it). dlbench times
 * wall clock only: cpu_time repeats real_time (context.cpu_time says so).
 * Sizes and counts are not timings and stay in summary.csv. */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "report/formats.h"
#include "results/rundata.h"

static const char *time_unit(const char *unit)
{
    static const char *const ok[] = {"ns", "us", "ms", "s"};
    for (size_t i = 0; i < ARRAY_LEN(ok); i++)
        if (unit && !strcmp(unit, ok[i]))
            return ok[i];
    return NULL;
}

static void add_env_string(const struct jansson *j, json_t *o, const char *key,
                           const struct run_model *m, const char *env_key)
{
    const char *v = rm_env(m, env_key);
    if (v && *v)
        jx_set_string(j, o, key, v);
}

static json_t *context(const struct jansson *j, const struct run_model *m)
{
    json_t *c = j->object();
    add_env_string(j, c, "date", m, "date");
    add_env_string(j, c, "host_name", m, "host");
    jx_set_string(j, c, "executable", "dlbench");
    const char *cpus = rm_env(m, "cpu_count");
    if (cpus && *cpus)
        jx_set_number(j, c, "num_cpus", strtod(cpus, NULL));
    add_env_string(j, c, "cpu_model", m, "cpu_model");
    const char *la = rm_env(m, "loadavg");
    if (la && *la) {
        json_t *a = j->array();
        char *end;
        for (const char *p = la;; p = end) {
            double v = strtod(p, &end);
            if (end == p)
                break;
            j->array_append_new(a, j->real(v));
        }
        j->object_set_new(c, "load_avg", a);
    }
    const char *gov = rm_env(m, "governor");
    if (gov && *gov && strcmp(gov, "unknown"))
        j->object_set_new(c, "cpu_scaling_enabled",
                          strcmp(gov, "performance") ? j->jtrue() : j->jfalse());
    jx_set_string(j, c, "library_build_type", "release");
    add_env_string(j, c, "dlbench_version", m, "dlbench_version");
    jx_set_string(j, c, "run_id", m->run_id);
    add_env_string(j, c, "engine", m, "engine");
    jx_set_string(j, c, "cpu_time", "not measured: cpu_time repeats real_time");
    return c;
}

static void name_part(struct strbuf *sb, const char *s)
{
    if (!s || !*s)
        return;
    if (sb->len)
        sb_appendc(sb, '/');
    sb_append(sb, s);
}

static json_t *entry(const struct jansson *j, const char *name, const char *run_name,
                     long family)
{
    json_t *e = j->object();
    jx_set_string(j, e, "name", name);
    jx_set_number(j, e, "family_index", (double)family);
    jx_set_number(j, e, "per_family_instance_index", 0);
    jx_set_string(j, e, "run_name", run_name);
    return e;
}

static void times(const struct jansson *j, json_t *e, double v, const char *unit)
{
    jx_set_number(j, e, "real_time", v);
    jx_set_number(j, e, "cpu_time", v);
    jx_set_string(j, e, "time_unit", unit);
}

/* The entries of one result: its repetitions, then its aggregates. */
static void add_result(const struct jansson *j, json_t *list, const struct run_model *m,
                       const struct rm_result *r, long family)
{
    const char *unit = time_unit(r->unit);
    struct strbuf name = {0};
    name_part(&name, r->key.scenario);
    name_part(&name, r->key.workload);
    name_part(&name, r->key.variant);
    name_part(&name, r->key.thread);
    name_part(&name, r->key.metric);
    struct unit_value *u;
    size_t n = fmt_unit_values(m, &r->key, &u);
    for (size_t i = 0; i < n; i++) {
        json_t *e = entry(j, name.buf, name.buf, family);
        jx_set_string(j, e, "run_type", "iteration");
        jx_set_number(j, e, "repetitions", (double)n);
        jx_set_number(j, e, "repetition_index", (double)i);
        jx_set_number(j, e, "threads", 1);
        jx_set_number(j, e, "iterations", (double)(long long)(u[i].iterations + 0.5));
        times(j, e, u[i].value, unit);
        j->array_append_new(list, e);
    }
    free(u);
    const struct {
        const char *name;
        double v;
        const char *agg_unit;
    } aggs[] = {
        {"mean", r->mean, "time"},
        {"median", r->median, "time"},
        {"stddev", r->stddev, "time"},
        {"cv", r->cv_pct / 100, "percentage"},
    };
    for (size_t a = 0; a < ARRAY_LEN(aggs) && n > 0; a++) {
        if (isnan(aggs[a].v))
            continue;
        char *an = xasprintf("%s_%s", name.buf, aggs[a].name);
        json_t *e = entry(j, an, name.buf, family);
        jx_set_string(j, e, "run_type", "aggregate");
        jx_set_number(j, e, "repetitions", (double)n);
        jx_set_number(j, e, "threads", 1);
        jx_set_string(j, e, "aggregate_name", aggs[a].name);
        jx_set_string(j, e, "aggregate_unit", aggs[a].agg_unit);
        jx_set_number(j, e, "iterations", (double)n);
        times(j, e, aggs[a].v, unit);
        j->array_append_new(list, e);
        free(an);
    }
    sb_free(&name);
}

int render_results_json(const struct run_model *m, struct strbuf *out, char *err, size_t errlen)
{
    const struct jansson *j = jx(err, errlen);
    if (!j)
        return -1;
    json_t *root = j->object();
    j->object_set_new(root, "context", context(j, m));
    json_t *list = j->array();
    long family = 0;
    size_t *order = fmt_variant_order(m);
    /* Variant by variant (implementations, then releases in order), each in
     * summary.csv's order. */
    for (size_t o = 0; o < m->nv; o++) {
        for (size_t i = 0; i < m->nr; i++) {
            const struct rm_result *r = &m->r[i];
            if (strcmp(r->key.variant, m->v[order[o]].name) || !metric_is_timing(r->key.metric) ||
                !time_unit(r->unit))
                continue;
            add_result(j, list, m, r, family++);
        }
    }
    free(order);
    j->object_set_new(root, "benchmarks", list);
    char *text = j->dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    jx_decref(j, root);
    if (!text) {
        snprintf(err, errlen, "cannot encode results.json (out of memory)");
        return -1;
    }
    sb_append(out, text);
    sb_appendc(out, '\n');
    free(text);
    return 0;
}
