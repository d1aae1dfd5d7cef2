/* writers.c - see writers.h and docs/run-folder.md. */
#define _GNU_SOURCE
#include "results/writers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

const struct writer run_writers[] = {
    {"results.csv", write_results_csv},   {"summary.csv", write_summary_csv},
    {"failures.csv", write_failures_csv}, {"variants.csv", write_variants_csv},
    {"env.txt", write_env_txt},
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
    sb_append(out, "variant,scenario,cause,log,log_file\n");
    for (size_t i = 0; i < d->nf; i++) {
        const struct failure *f = &d->f[i];
        const char *v[] = {f->variant, f->scenario, f->cause, f->log,
                           f->log_file ? f->log_file : ""};
        fields(out, v, ARRAY_LEN(v));
        sb_appendc(out, '\n');
    }
}

void write_variants_csv(const struct run_data *d, struct strbuf *out)
{
    sb_append(out, "variant,impl,lang,toolchain,toolchain_version,build_version,lib,file_bytes,"
                   "exports,status,baseline,impl_index,toolchain_index,build_id\n");
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
        sb_printf(out, ",%s,%d,", v->ok ? "ok" : "failed", (int)i == d->baseline);
        if (v->impl_index >= 0)
            sb_printf(out, "%d", v->impl_index);
        sb_appendc(out, ',');
        if (v->toolchain_index >= 0)
            sb_printf(out, "%d", v->toolchain_index);
        sb_appendc(out, ',');
        csv_field(out, v->build_id);
        sb_appendc(out, '\n');
    }
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

void write_findings_csv(const struct run_model *m, struct strbuf *out)
{
    sb_append(out, "variant,topic,verdict,value,unit,detail,limit,other\n");
    for (size_t i = 0; i < m->nfindings; i++) {
        const struct rm_finding *f = &m->findings[i];
        const char *a[] = {f->variant, f->topic, verdict_word(f->verdict)};
        fields(out, a, ARRAY_LEN(a));
        num(out, f->value);
        sb_appendc(out, ',');
        csv_field(out, f->unit);
        sb_appendc(out, ',');
        csv_field(out, f->detail);
        num(out, f->limit);
        sb_appendc(out, ',');
        csv_field(out, f->other);
        sb_appendc(out, '\n');
    }
}
