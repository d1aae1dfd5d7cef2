/* writers.c - see writers.h and docs/run-folder.md. */
#define _GNU_SOURCE
#include "results/writers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "measure/scenario.h"

const struct writer run_writers[] = {
    {"results.csv", write_results_csv},   {"summary.csv", write_summary_csv},
    {"failures.csv", write_failures_csv}, {"variants.csv", write_variants_csv},
    {"results.txt", write_results_txt},   {"env.txt", write_env_txt},
};
const size_t n_run_writers = ARRAY_LEN(run_writers);

static void fields(struct strbuf *out, const char *const *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_appendc(out, ',');
        csv_field(out, f[i] ? f[i] : "");
    }
}

static void num(struct strbuf *out, double v)
{
    sb_appendc(out, ',');
    csv_number(out, v);
}

void write_results_csv(const struct run_data *d, struct strbuf *out)
{
    sb_append(out, "variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,unit,"
                   "rep,value,process\n");
    for (size_t i = 0; i < d->ns; i++) {
        const struct sample *s = &d->s[i];
        const struct run_variant *v = &d->v[s->variant];
        const char *f[] = {v->name,     v->impl,     v->toolchain, v->toolchain_version,
                           s->scenario, s->workload, s->thread,    s->metric,
                           s->unit};
        fields(out, f, ARRAY_LEN(f));
        sb_printf(out, ",%ld", s->rep);
        num(out, s->value);
        sb_printf(out, ",%d\n", s->proc);
    }
}

void write_summary_csv(const struct run_data *d, struct strbuf *out)
{
    sb_append(out, "variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,unit,"
                   "n,median,mean,stddev,cv,min,max,mad,ci_low,ci_high,ratio_to_baseline,warnings,"
                   "ratio_ci_low,ratio_ci_high,outliers,processes,cv_within,mde_pct,"
                   "ratio_mde_pct\n");
    for (size_t i = 0; i < d->nr; i++) {
        const struct result *r = &d->r[i];
        const struct run_variant *v = &d->v[r->variant];
        const char *f[] = {v->name,     v->impl,     v->toolchain, v->toolchain_version,
                           r->scenario, r->workload, r->thread,    r->metric,
                           r->unit};
        fields(out, f, ARRAY_LEN(f));
        sb_printf(out, ",%zu", r->s.n);
        num(out, r->s.median);
        num(out, r->s.mean);
        num(out, r->s.stddev);
        num(out, r->s.cv_pct);
        num(out, r->s.min);
        num(out, r->s.max);
        num(out, r->s.mad);
        num(out, r->s.ci_low);
        num(out, r->s.ci_high);
        num(out, r->ratio);
        sb_appendc(out, ',');
        csv_field(out, r->warnings.buf ? r->warnings.buf : "");
        num(out, r->ratio_lo);
        num(out, r->ratio_hi);
        sb_printf(out, ",%zu,%zu", r->s.n_outliers, r->n_procs);
        num(out, r->cv_within_pct);
        num(out, r->mde_pct);
        num(out, r->ratio_mde_pct);
        sb_appendc(out, '\n');
    }
}

void write_failures_csv(const struct run_data *d, struct strbuf *out)
{
    sb_append(out, "variant,scenario,cause,log\n");
    for (size_t i = 0; i < d->nf; i++) {
        const struct failure *f = &d->f[i];
        const char *v[] = {f->variant, f->scenario, f->cause, f->log};
        fields(out, v, ARRAY_LEN(v));
        sb_appendc(out, '\n');
    }
}

void write_variants_csv(const struct run_data *d, struct strbuf *out)
{
    sb_append(out, "variant,impl,lang,toolchain,toolchain_version,build_version,lib,file_bytes,"
                   "exports,status,baseline\n");
    for (size_t i = 0; i < d->nv; i++) {
        const struct run_variant *v = &d->v[i];
        const char *f[] = {v->name,          v->impl,          v->lang,
                           v->toolchain,     v->toolchain_version, v->build_version,
                           v->lib};
        fields(out, f, ARRAY_LEN(f));
        sb_appendc(out, ',');
        if (v->file_bytes >= 0)
            sb_printf(out, "%ld", v->file_bytes);
        sb_appendc(out, ',');
        csv_field(out, v->exports);
        sb_printf(out, ",%s,%d\n", v->ok ? "ok" : "failed", (int)i == d->baseline);
    }
}

/* ---------------------------------------------------------------- results.txt */

/* Go benchmark format: "BenchmarkName-keys iterations value unit [value unit]...".
 * Names may not contain spaces; '/' separates name keys, so fib/30 is
 * written fib-30. */
static void bench_key(struct strbuf *out, const char *key, const char *val)
{
    if (!val || !*val)
        return;
    sb_printf(out, "/%s=", key);
    for (const char *p = val; *p; p++)
        sb_appendc(out, (*p == '/' || *p == ' ' || *p == '\t') ? '-' : *p);
}

static const char *scenario_title(const char *s)
{
    const struct scenario *sc = scenario_find(s, 0);
    return sc && sc->title ? sc->title : "Other";
}

static int same_line(const struct sample *a, const struct sample *b)
{
    return a->variant == b->variant && a->proc == b->proc && a->rep == b->rep &&
           !strcmp(a->scenario, b->scenario) && !strcmp(a->workload, b->workload) &&
           !strcmp(a->thread, b->thread);
}

static double iterations_of(const struct run_data *d, const struct sample *s)
{
    for (size_t i = 0; i < d->ns; i++) {
        const struct sample *t = &d->s[i];
        if (t->proc == s->proc && t->variant == s->variant && !strcmp(t->metric, "iterations") &&
            !strcmp(t->workload, s->workload) && !strcmp(t->thread, s->thread))
            return t->value;
    }
    return 1;
}

/* The value in Go's units: durations as ns/op so benchstat treats them as
 * time; everything else under its own metric name. */
static void go_value(struct strbuf *out, const struct sample *s)
{
    double v = s->value;
    const char *unit = NULL;
    if (!strcmp(s->metric, "ns_per_call"))
        unit = "ns/op";
    else if (!strcmp(s->metric, "cycle_us"))
        v *= 1e3, unit = "ns/op";
    else if (!strcmp(s->metric, "wall_ms"))
        v *= 1e6, unit = "ns/op";
    else if (!strcmp(s->metric, "instructions_per_call") ||
             !strcmp(s->metric, "instructions_per_cycle"))
        unit = "instr/op";
    sb_appendc(out, ' ');
    csv_number(out, v);
    if (isnan(v))
        sb_append(out, "NaN");
    sb_appendc(out, ' ');
    if (unit) {
        sb_append(out, unit);
        return;
    }
    for (const char *p = s->metric; *p; p++)
        sb_appendc(out, *p == '_' ? '-' : *p);
}

void write_results_txt(const struct run_data *d, struct strbuf *out)
{
    const char *cpu = rd_env(d, "cpu_model");
    sb_append(out, "goos: linux\n");
#if defined(__x86_64__)
    sb_append(out, "goarch: amd64\n");
#elif defined(__aarch64__)
    sb_append(out, "goarch: arm64\n");
#endif
    sb_append(out, "pkg: dlbench\n");
    if (cpu)
        sb_printf(out, "cpu: %s\n", cpu);
    char *done = xcalloc(d->ns ? d->ns : 1, 1);
    for (size_t i = 0; i < d->ns; i++) {
        const struct sample *s = &d->s[i];
        if (done[i] || metric_is_series(s->metric))
            continue;
        const struct run_variant *v = &d->v[s->variant];
        sb_printf(out, "Benchmark%s", scenario_title(s->scenario));
        bench_key(out, "impl", v->impl);
        bench_key(out, "toolchain", v->toolchain[0] ? v->toolchain : "none");
        if (strcmp(v->name, v->impl) && !v->toolchain[0])
            bench_key(out, "variant", v->name);
        bench_key(out, !strcmp(s->scenario, "cycle") ? "mode" : "workload", s->workload);
        bench_key(out, "thread", !strcmp(s->scenario, "call") ? s->thread : "");
        double iters = !strcmp(s->scenario, "call") ? iterations_of(d, s) : 1;
        if (!strcmp(s->scenario, "cycle") && !strcmp(s->metric, "cycle_us")) {
            const char *every = rd_env(d, "sample_every");
            iters = every ? strtod(every, NULL) : 1;
        }
        sb_printf(out, " %.0f", iters < 1 ? 1 : iters);
        /* One line per (variant, scenario, workload, thread, process, rep):
         * the metrics measured together. Only one ns/op per line. */
        int have_time = 0;
        for (size_t j = i; j < d->ns; j++) {
            const struct sample *t = &d->s[j];
            if (done[j] || metric_is_series(t->metric) || !same_line(s, t))
                continue;
            int is_time = metric_is_timing(t->metric) && strcmp(t->metric, "dlopen_us") &&
                          strcmp(t->metric, "first_call_us");
            if (is_time && have_time)
                continue;
            have_time |= is_time;
            go_value(out, t);
            done[j] = 1;
        }
        sb_appendc(out, '\n');
    }
    free(done);
}

void write_env_txt(const struct run_data *d, struct strbuf *out)
{
    for (size_t i = 0; i < d->nenv; i++) {
        /* one line per key: values never contain newlines */
        sb_printf(out, "%s: ", d->env[i].key);
        for (const char *p = d->env[i].value; *p; p++)
            sb_appendc(out, (*p == '\n' || *p == '\r') ? ' ' : *p);
        sb_appendc(out, '\n');
    }
}
