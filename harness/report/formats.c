/* formats.c - the format table, report_generate() (the one owner of the
 * files it writes) and the helpers the data renderers share. See
 * formats.h. */
#define _GNU_SOURCE
#include "report/formats.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/units.h"
#include "report/build.h"
#include "report/render.h"
#include "results/aggregate.h"
#include "results/verdicts.h"

const struct report_format report_formats[] = {
    {"md", "report.md", FMT_DOC, RM_NEED_SUMMARY, render_md, NULL, "the design-review report, Markdown"},
    {"html", "report.html", FMT_DOC, RM_NEED_SUMMARY, render_html, NULL,
     "the same report, one self-contained HTML file"},
    {"json", "results.json", FMT_DATA, RM_NEED_SUMMARY | RM_NEED_RESULTS, NULL, render_results_json,
     "Google Benchmark JSON (compare.py, continuous-benchmark services)"},
    {"txt", "results.txt", FMT_DATA, RM_NEED_RESULTS, NULL, render_results_txt,
     "Go benchmark format, one line per process (benchstat)"},
    {"csv", "summary.csv", FMT_OTHER, RM_NEED_SUMMARY, NULL, render_summary_csv,
     "one row per result, as summary.csv"},
};
const size_t n_report_formats = ARRAY_LEN(report_formats);

const struct report_format *report_format_find(const char *name)
{
    for (size_t i = 0; name && i < n_report_formats; i++)
        if (!strcmp(report_formats[i].name, name))
            return &report_formats[i];
    return NULL;
}

static int selected(const struct report_format *f, unsigned groups,
                    const struct report_format *only)
{
    return only ? f == only : (f->group & groups) != 0;
}

int report_generate(const char *run_dir, unsigned groups, const struct report_format *only,
                    const char *out, char *err, size_t errlen)
{
    struct run_model rm;
    struct report_doc doc;
    struct strbuf *buf = xcalloc(n_report_formats, sizeof *buf);
    int rc = REPORT_BAD_INPUT, have_doc = 0, werrno = 0;
    unsigned need = 0;
    if (errlen)
        err[0] = '\0';
    for (size_t i = 0; i < n_report_formats; i++) {
        const struct report_format *f = &report_formats[i];
        if (selected(f, groups, only))
            need |= f->need;
    }
    if (run_model_read(&rm, run_dir, need, err, errlen) != 0)
        goto out;
    verdicts_ensure(&rm); /* an older folder: no findings.csv */
    /* Render everything first: no file is written unless all render. */
    for (size_t i = 0; i < n_report_formats; i++) {
        const struct report_format *f = &report_formats[i];
        if (!selected(f, groups, only))
            continue;
        if (f->render_doc) {
            if (!have_doc)
                report_doc_build(&doc, &rm);
            have_doc = 1;
            f->render_doc(&doc, &buf[i]);
        } else if (f->render_model(&rm, &buf[i], err, errlen) != 0) {
            goto out;
        }
    }
    for (size_t i = 0; i < n_report_formats; i++) {
        const struct report_format *f = &report_formats[i];
        if (!selected(f, groups, only))
            continue;
        const char *data = buf[i].buf ? buf[i].buf : "";
        if (out && !strcmp(out, "-")) {
            if (fwrite(data, 1, buf[i].len, stdout) != buf[i].len || fflush(stdout) != 0) {
                werrno = errno;
                snprintf(err, errlen, "cannot write to stdout: %s", strerror(werrno));
                rc = REPORT_WRITE_FAILED;
                goto out;
            }
            continue;
        }
        char *p = out ? xstrdup(out) : path_join(run_dir, f->file);
        if (write_file_atomic(p, data, buf[i].len) != 0) {
            werrno = errno;
            snprintf(err, errlen, "cannot write '%s': %s", p, strerror(werrno));
            free(p);
            rc = REPORT_WRITE_FAILED;
            goto out;
        }
        free(p);
    }
    rc = REPORT_OK;
out:
    if (have_doc)
        doc_free(&doc);
    run_model_free(&rm);
    for (size_t i = 0; i < n_report_formats; i++)
        sb_free(&buf[i]);
    free(buf);
    if (rc == REPORT_WRITE_FAILED)
        errno = werrno;
    return rc;
}

/* ------------------------------------------------------------ helpers */

const char *fmt_engine(const char *metric)
{
    return !strncmp(metric, "gbench_", 7) ? "gbench" : "native";
}

/* The iterations row of the process that measured a call sample: the
 * engine's own ("iterations" or "gbench_iterations"); 1 when none. */
static double iterations_of(const struct run_model *m, const struct result_key *k, long process)
{
    const char *it = !strcmp(fmt_engine(k->metric), "gbench") ? "gbench_iterations" : "iterations";
    if (strcmp(k->scenario, "call"))
        return 1;
    for (size_t i = 0; i < m->ns; i++) {
        const struct rm_sample *s = &m->s[i];
        if (s->process == process && !strcmp(s->key.metric, it) &&
            !strcmp(s->key.variant, k->variant) && !strcmp(s->key.workload, k->workload) &&
            !strcmp(s->key.thread, k->thread))
            return s->value >= 1 ? s->value : 1;
    }
    return 1;
}

size_t fmt_unit_values(const struct run_model *m, const struct result_key *k,
                       struct unit_value **out)
{
    size_t n = 0;
    size_t *idx = xcalloc(m->ns ? m->ns : 1, sizeof *idx);
    for (size_t i = 0; i < m->ns; i++)
        if (!isnan(m->s[i].value) && result_key_eq(&m->s[i].key, k))
            idx[n++] = i;
    double *x = xcalloc(n ? n : 1, sizeof *x);
    long *proc = xcalloc(n ? n : 1, sizeof *proc);
    for (size_t i = 0; i < n; i++) {
        x[i] = m->s[idx[i]].value;
        proc[i] = m->s[idx[i]].process;
    }
    struct proc_values pv;
    aggregate_per_process(k->metric, x, proc, n, &pv);
    struct unit_value *u = xcalloc(pv.n ? pv.n : 1, sizeof *u);
    if (pv.per_process) {
        /* pv.x holds the processes' values in order of each process's
         * first sample: walk the samples the same way. */
        size_t j = 0;
        for (size_t i = 0; i < n && j < pv.n; i++) {
            int seen = 0;
            for (size_t q = 0; q < i && !seen; q++)
                seen = proc[q] == proc[i];
            if (seen)
                continue;
            u[j] = (struct unit_value){proc[i], -1, pv.x[j], iterations_of(m, k, proc[i])};
            j++;
        }
    } else {
        for (size_t i = 0; i < pv.n; i++) {
            const struct rm_sample *s = &m->s[idx[i]];
            u[i] = (struct unit_value){s->process, s->rep, pv.x[i],
                                       iterations_of(m, k, s->process)};
        }
    }
    size_t count = pv.n;
    proc_values_free(&pv);
    free(idx);
    free(x);
    free(proc);
    *out = u;
    return count;
}

char *fmt_release(const struct rm_variant *v)
{
    char *r = doc_toolchain_label(v);
    for (char *p = r; *p; p++)
        if (*p == ' ' || *p == '\t' || *p == '/' || *p == ',')
            *p = '-';
    return r;
}

struct order_ctx {
    char **release;
    size_t *group;   /* index of the first variant of the same implementation
                      * and toolchain family (release without digits) */
};

static int cmp_variant(const void *a, const void *b, void *arg)
{
    const struct order_ctx *c = arg;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (c->group[i] != c->group[j])
        return c->group[i] < c->group[j] ? -1 : 1;
    int v = version_cmp(c->release[i], c->release[j]);
    return v ? v : (i < j ? -1 : i > j);
}

/* The release without its digits and dots: "go", "gcc-", "rustc-". */
static char *family(const char *release)
{
    struct strbuf sb = {0};
    sb_append(&sb, "");
    for (const char *p = release; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.'))
            sb_appendc(&sb, *p);
    return sb_detach(&sb);
}

size_t *fmt_variant_order(const struct run_model *m)
{
    size_t n = m->nv;
    size_t *order = xcalloc(n ? n : 1, sizeof *order);
    struct order_ctx c = {xcalloc(n ? n : 1, sizeof(char *)), xcalloc(n ? n : 1, sizeof(size_t))};
    char **fam = xcalloc(n ? n : 1, sizeof *fam);
    size_t *impl_first = xcalloc(n ? n : 1, sizeof *impl_first);
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
        c.release[i] = fmt_release(&m->v[i]);
        fam[i] = family(c.release[i]);
        impl_first[i] = i;
        for (size_t k = 0; k < i; k++)
            if (!strcmp(m->v[k].impl, m->v[i].impl)) {
                impl_first[i] = impl_first[k];
                break;
            }
        /* Groups sort by (first variant of the implementation, first
         * variant of the family): implementations stay in variants.csv
         * order, families inside one too. */
        c.group[i] = i;
        for (size_t k = 0; k < i; k++)
            if (impl_first[k] == impl_first[i] && !strcmp(fam[k], fam[i])) {
                c.group[i] = c.group[k];
                break;
            }
    }
    for (size_t i = 0; i < n; i++)
        c.group[i] = impl_first[i] * (n + 1) + c.group[i];
    qsort_r(order, n, sizeof *order, cmp_variant, &c);
    for (size_t i = 0; i < n; i++) {
        free(c.release[i]);
        free(fam[i]);
    }
    free(c.release);
    free(c.group);
    free(fam);
    free(impl_first);
    return order;
}

/* ------------------------------------------------------------ summary.csv */

int render_summary_csv(const struct run_model *m, struct strbuf *out, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    sb_append(out, "variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,unit,"
                   "n,median,mean,stddev,cv,min,max,mad,ci_low,ci_high,ratio_to_baseline,warnings,"
                   "ratio_ci_low,ratio_ci_high,outliers,processes,cv_within,mde_pct\n");
    for (size_t i = 0; i < m->nr; i++) {
        const struct rm_result *r = &m->r[i];
        const char *f[] = {r->key.variant, r->impl,         r->toolchain,
                           r->toolchain_version, r->key.scenario, r->key.workload,
                           r->key.thread,  r->key.metric, r->unit};
        for (size_t c = 0; c < ARRAY_LEN(f); c++) {
            if (c)
                sb_appendc(out, ',');
            csv_field(out, f[c] ? f[c] : "");
        }
        const double a[] = {r->n,      r->median, r->mean,    r->stddev, r->cv_pct,
                            r->min,    r->max,    r->mad,     r->ci_low, r->ci_high,
                            r->ratio};
        for (size_t c = 0; c < ARRAY_LEN(a); c++) {
            sb_appendc(out, ',');
            csv_number(out, a[c]);
        }
        sb_appendc(out, ',');
        csv_field(out, r->warnings ? r->warnings : "");
        const double b[] = {r->ratio_ci_low, r->ratio_ci_high, r->outliers, r->processes,
                            r->cv_within_pct, r->mde_pct};
        for (size_t c = 0; c < ARRAY_LEN(b); c++) {
            sb_appendc(out, ',');
            csv_number(out, b[c]);
        }
        sb_appendc(out, '\n');
    }
    return 0;
}
