/* rundata.c - see rundata.h. */
#define _GNU_SOURCE
#include "results/rundata.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/measure.h"
#include "results/aggregate.h"
#include "base/child.h"
#include "base/dbmath.h"
#include "measure/rows.h"

int rd_add_variant(struct run_data *d, const char *name, const char *impl, const char *lang,
                   const char *toolchain)
{
    d->v = xrealloc(d->v, (d->nv + 1) * sizeof *d->v);
    struct run_variant *v = &d->v[d->nv];
    memset(v, 0, sizeof *v);
    v->name = xstrdup(name);
    v->impl = xstrdup(impl);
    v->lang = xstrdup(lang);
    v->toolchain = xstrdup(toolchain);
    v->toolchain_version = xstrdup("");
    v->build_version = xstrdup("");
    v->lib = xstrdup("");
    v->exports = xstrdup("");
    v->build_id = xstrdup("");
    v->file_bytes = -1;
    v->impl_index = v->toolchain_index = -1;
    return (int)d->nv++;
}

void rd_add_sample(struct run_data *d, int variant, int proc, const char *scenario,
                   const char *workload, const char *thread, const char *metric, const char *unit,
                   long rep, double value)
{
    if (d->ns == d->cap_s) {
        d->cap_s = d->cap_s ? d->cap_s * 2 : 1024;
        d->s = xrealloc(d->s, d->cap_s * sizeof *d->s);
    }
    d->s[d->ns++] = (struct sample){.variant = variant,
                                    .proc = proc,
                                    .scenario = xstrdup(scenario),
                                    .workload = xstrdup(workload),
                                    .thread = xstrdup(thread),
                                    .metric = xstrdup(metric),
                                    .unit = xstrdup(unit),
                                    .rep = rep,
                                    .value = value};
}

void rd_add_failure(struct run_data *d, const char *variant, const char *scenario,
                    const char *cause, const char *log)
{
    d->f = xrealloc(d->f, (d->nf + 1) * sizeof *d->f);
    d->f[d->nf++] = (struct failure){xstrdup(variant), xstrdup(scenario), xstrdup(cause),
                                     xstrdup(log ? log : ""), NULL};
}

void rd_set_env(struct run_data *d, const char *key, const char *value)
{
    for (size_t i = 0; i < d->nenv; i++) {
        if (!strcmp(d->env[i].key, key)) {
            free(d->env[i].value);
            d->env[i].value = xstrdup(value);
            return;
        }
    }
    d->env = xrealloc(d->env, (d->nenv + 1) * sizeof *d->env);
    d->env[d->nenv++] = (struct kv){xstrdup(key), xstrdup(value)};
}

const char *rd_env(const struct run_data *d, const char *key)
{
    for (size_t i = 0; i < d->nenv; i++)
        if (!strcmp(d->env[i].key, key))
            return d->env[i].value;
    return NULL;
}

int metric_is_series(const char *m)
{
    static const char *const series[] = {"rss_kb",        "pss_kb",  "private_dirty_kb",
                                         "threads",       "fds",     "maps",    "children",
                                         "elapsed_ms",    "iterations", "gbench_iterations",
                                         "gc_live_bytes"};
    for (size_t i = 0; i < ARRAY_LEN(series); i++)
        if (!strcmp(m, series[i]))
            return 1;
    return 0;
}

int metric_is_timing(const char *m)
{
    return !strcmp(m, "ns_per_call") || !strcmp(m, "gbench_ns_per_call") ||
           !strcmp(m, "dlopen_us") || !strcmp(m, "first_call_us") ||
           !strcmp(m, "cycle_us") || !strcmp(m, "cycle_dlopen_us") ||
           !strcmp(m, "cycle_call_us") || !strcmp(m, "cycle_dlclose_us") || !strcmp(m, "wall_ms") ||
           !strcmp(m, "ratio");
}

enum metric_direction metric_direction(const char *m, const char *unit)
{
    static const char *const none[] = {"baseline_ns_per_call", "vg_cycles", "go_gc_count",
                                       "vg_applicable", "pin_lost", "needed_count",
                                       "exported_symbols", "leak_ci_low", "leak_ci_high"};
    for (size_t i = 0; i < ARRAY_LEN(none); i++)
        if (!strcmp(m, none[i]))
            return METRIC_NO_DIRECTION;
    if (!strcmp(m, "unloaded"))
        return METRIC_HIGHER_BETTER;
    if (metric_is_series(m) || !strcmp(unit, "bool"))
        return METRIC_NO_DIRECTION;
    if (metric_is_timing(m) || !strcmp(unit, "bytes") || strstr(m, "_per_call") ||
        strstr(m, "instructions") || strstr(m, "per_cycle") || !strncmp(m, "leak_", 5) ||
        strstr(m, "growth"))
        return METRIC_LOWER_BETTER;
    return METRIC_NO_DIRECTION;
}

/* ---------------------------------------------------------------- parsing */

/* Splits one CSV line of the measure format. Fields never contain commas
 * or quotes there (names are validated), so a plain split is exact; a
 * quote is rejected as garbage. */
static int split_line(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max)
            return -1;
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    for (int i = 0; i < n; i++)
        if (strchr(f[i], '"'))
            return -1;
    return n;
}

/* A record line of a measuring child (see measure/rows.h): a step or a
 * message (error, warning, note: child_result.msgs has them) is skipped;
 * an end record must be the last line, its count is kept in
 * *end_lines. 0, or -1 with err set. */
static int accept_record(const char *line, int lineno, int last, long *end_lines, char *err,
                         size_t errlen)
{
    size_t ks = strlen(CHILD_REC_STEP), ke = strlen(CHILD_REC_END);
    if (!strncmp(line, CHILD_REC_STEP, ks) || 
        !strncmp(line, CHILD_REC_ERROR, strlen(CHILD_REC_ERROR)) ||
        !strncmp(line, CHILD_REC_WARNING, strlen(CHILD_REC_WARNING)) ||
        !strncmp(line, CHILD_REC_NOTE, strlen(CHILD_REC_NOTE)))
        return 0;
    if (!strncmp(line, CHILD_REC_END, ke) && last &&
        parse_long(line + ke, 0, 1L << 40, end_lines) == 0)
        return 0;
    snprintf(err, errlen, "garbage output: line %d is not a valid %s", lineno,
             strncmp(line, CHILD_REC_END, ke) ? "record" : "end record (or not the last line)");
    return -1;
}

int rd_parse_rows(struct run_data *d, int variant, int proc, long rep_base, const char *csv,
                  char *err, size_t errlen)
{
    size_t first = d->ns;
    int lineno = 0, rc = -1;
    long data_lines = 1, seen_end = -1; /* the header is a line of the count */
    const char *p = csv;
    while (*p) {
        size_t n = strcspn(p, "\n");
        char *line = xstrndup(p, n);
        p += n + (p[n] == '\n');
        lineno++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = '\0';
        if (lineno == 1) {
            int ok = !strcmp(line, MEASURE_CSV_HEADER);
            if (!ok) {
                snprintf(err, errlen, "garbage output: line 1 is not the CSV header: '%.60s'", line);
                free(line);
                goto out;
            }
            free(line);
            continue;
        }
        if (!l) {
            free(line);
            continue;
        }
        if (line[0] == '#') {
            int r = accept_record(line, lineno, *p == '\0', &seen_end, err, errlen);
            free(line);
            if (r != 0)
                goto out;
            continue;
        }
        data_lines++;
        char *f[9];
        int nf = split_line(line, f, 9);
        char *end = NULL;
        double value = nf == 8 ? strtod(f[7], &end) : 0;
        long rep = nf == 8 ? strtol(f[6], NULL, 10) : 0;
        if (nf != 8 || !end || *end || end == f[7] || !f[4][0]) {
            snprintf(err, errlen, "garbage output: line %d is not a valid row", lineno);
            free(line);
            goto out;
        }
        if (!metric_is_series(f[4]))
            rep += rep_base;
        rd_add_sample(d, variant, proc, f[1], f[2], f[3], f[4], f[5], rep, value);
        free(line);
    }
    if (lineno == 0) {
        snprintf(err, errlen, "no output (expected CSV rows)");
        goto out;
    }
    if (seen_end >= 0 && seen_end != data_lines) {
        snprintf(err, errlen, "incomplete output: the end record counts %ld lines, %ld arrived",
                 seen_end, data_lines);
        goto out;
    }
    rc = 0;
out:
    if (rc != 0) {
        /* all or nothing */
        for (size_t i = first; i < d->ns; i++) {
            struct sample *s = &d->s[i];
            free(s->scenario), free(s->workload), free(s->thread), free(s->metric), free(s->unit);
        }
        d->ns = first;
    }
    return rc;
}

void rd_keep_metric(struct run_data *d, size_t first, const char *keep)
{
    size_t w = first;
    for (size_t i = first; i < d->ns; i++) {
        struct sample *s = &d->s[i];
        if (keep ? !strcmp(s->metric, keep) : metric_is_timing(s->metric)) {
            d->s[w++] = *s;
            continue;
        }
        free(s->scenario), free(s->workload), free(s->thread), free(s->metric), free(s->unit);
    }
    d->ns = w;
}

/* ---------------------------------------------------------------- summaries */

static int same_key(const struct sample *a, const struct result *r)
{
    return a->variant == r->variant && !strcmp(a->scenario, r->scenario) &&
           !strcmp(a->workload, r->workload) && !strcmp(a->thread, r->thread) &&
           !strcmp(a->metric, r->metric);
}

static int same_result_key(const struct result *a, const struct result *b)
{
    return !strcmp(a->scenario, b->scenario) && !strcmp(a->workload, b->workload) &&
           !strcmp(a->thread, b->thread) && !strcmp(a->metric, b->metric);
}

static void add_warning(struct result *r, const char *w)
{
    if (r->warnings.len)
        sb_appendc(&r->warnings, ';');
    sb_append(&r->warnings, w);
}

/* Statistics of one result, from the sample at index first on, under the
 * per-process rule of aggregate.h. */
static void summarize_group(const struct run_data *d, size_t first, struct result *r,
                            double *buf, long *procbuf)
{
    size_t n = 0;
    for (size_t j = first; j < d->ns; j++) {
        if (!same_key(&d->s[j], r))
            continue;
        procbuf[n] = d->s[j].proc;
        buf[n++] = d->s[j].value;
    }
    struct proc_values pv;
    aggregate_per_process(r->metric, buf, procbuf, n, &pv);
    stats_summarize(pv.x, pv.n, &r->s);
    r->n_procs = pv.n_procs;
    r->cv_within_pct = pv.cv_within_pct;
    r->mde_pct = aggregate_mde_pct(&pv);
    proc_values_free(&pv);
}

int result_is_paired_ratio(const struct result *r)
{
    return !strcmp(r->scenario, "pair") && !strcmp(r->metric, "ratio");
}

void rd_summarize(struct run_data *d)
{
    /* Results in variant order, then in the order the samples came. */
    for (size_t i = 0; i < d->nr; i++)
        sb_free(&d->r[i].warnings);
    free(d->r);
    d->r = NULL;
    d->nr = 0;
    double *buf = xcalloc(d->ns ? d->ns : 1, sizeof *buf);
    long *procbuf = xcalloc(d->ns ? d->ns : 1, sizeof *procbuf);
    for (size_t vi = 0; vi < d->nv; vi++) {
        for (size_t i = 0; i < d->ns; i++) {
            const struct sample *s = &d->s[i];
            if (s->variant != (int)vi || metric_is_series(s->metric))
                continue;
            int seen = 0;
            for (size_t k = 0; k < d->nr && !seen; k++)
                seen = same_key(s, &d->r[k]);
            if (seen)
                continue;
            d->r = xrealloc(d->r, (d->nr + 1) * sizeof *d->r);
            struct result *r = &d->r[d->nr++];
            memset(r, 0, sizeof *r);
            r->variant = s->variant;
            r->scenario = s->scenario;
            r->workload = s->workload;
            r->thread = s->thread;
            r->metric = s->metric;
            r->unit = s->unit;
            summarize_group(d, i, r, buf, procbuf);
        }
    }
    free(buf);
    free(procbuf);

    /* Where a library moved the pinned measuring thread (measure/scenario.h
     * pin_check): "variant<TAB>scenario" of each pin_lost row. */
    struct strlist moved = {0};
    for (size_t i = 0; i < d->ns; i++) {
        const struct sample *s = &d->s[i];
        if (!strcmp(s->metric, "pin_lost") && s->value != 0) {
            char *k = xasprintf("%d\t%s", s->variant, s->scenario);
            if (!sl_contains(&moved, k))
                sl_push(&moved, k);
            free(k);
        }
    }

    for (size_t i = 0; i < d->nr; i++) {
        struct result *r = &d->r[i];
        r->ratio = r->ratio_lo = r->ratio_hi = r->ratio_mde_pct = NAN;
        if (result_is_paired_ratio(r)) {
            /* measured against the baseline in the same processes */
            r->ratio = r->s.median;
            r->ratio_lo = r->s.ci_low;
            r->ratio_hi = r->s.ci_high;
            r->ratio_mde_pct = r->mde_pct;
        } else if (d->baseline >= 0 && strcmp(r->unit, "bool")) {
            /* A ratio of yes/no flags means nothing. */
            for (size_t k = 0; k < d->nr; k++) {
                const struct result *b = &d->r[k];
                if (b->variant == d->baseline && same_result_key(r, b) && b->s.median != 0) {
                    stats_ratio(&r->s, &b->s, &r->ratio, &r->ratio_lo, &r->ratio_hi);
                    if (r->variant != d->baseline)
                        r->ratio_mde_pct = db_sqrt(r->mde_pct * r->mde_pct +
                                                   b->mde_pct * b->mde_pct);
                    break;
                }
            }
        }
        char w[160];
        if (metric_is_timing(r->metric)) {
            if (r->s.n < 5) {
                snprintf(w, sizeof w, "too few samples (n=%zu < 5)", r->s.n);
                add_warning(r, w);
            }
            if (r->s.cv_pct > 5.0) {
                if (isnan(r->cv_within_pct))
                    snprintf(w, sizeof w, "cv %.1f%% > 5%%", r->s.cv_pct);
                else
                    snprintf(w, sizeof w, "cv %.1f%% > 5%% (within one process %.1f%%)",
                             r->s.cv_pct, r->cv_within_pct);
                add_warning(r, w);
            }
            /* Among fewer than 5 values "outlier" means little (and
             * "too few samples" says so already). */
            if (r->s.n_outliers && r->s.n >= 5) {
                snprintf(w, sizeof w, "outliers %zu of %zu (modified Z-score > 3.5)",
                         r->s.n_outliers, r->s.n);
                add_warning(r, w);
            }
            if (r->n_procs == 1 && r->s.n >= 2)
                add_warning(r, "one process: no test");
            for (size_t k = 0; k < d->env_warnings.n; k++)
                add_warning(r, d->env_warnings.v[k]);
            if (moved.n) {
                char *k = xasprintf("%d\t%s", r->variant, r->scenario);
                if (sl_contains(&moved, k))
                    add_warning(r, "the library changed the pinned thread's CPU affinity: not "
                                   "measured on the pinned CPU throughout");
                free(k);
            }
        }
        if (r->variant >= 0 && (size_t)r->variant < d->nv && d->v[r->variant].asked_mismatch)
            add_warning(r, d->v[r->variant].asked_mismatch);
    }
    sl_free(&moved);
}

void rd_free(struct run_data *d)
{
    for (size_t i = 0; i < d->nv; i++) {
        struct run_variant *v = &d->v[i];
        free(v->name), free(v->impl), free(v->lang), free(v->toolchain);
        free(v->toolchain_version), free(v->build_version), free(v->lib), free(v->exports);
        free(v->build_id), free(v->asked_mismatch);
    }
    free(d->v);
    for (size_t i = 0; i < d->ns; i++) {
        struct sample *s = &d->s[i];
        free(s->scenario), free(s->workload), free(s->thread), free(s->metric), free(s->unit);
    }
    free(d->s);
    for (size_t i = 0; i < d->nf; i++) {
        struct failure *f = &d->f[i];
        free(f->variant), free(f->scenario), free(f->cause), free(f->log), free(f->log_file);
    }
    free(d->f);
    for (size_t i = 0; i < d->nr; i++)
        sb_free(&d->r[i].warnings);
    free(d->r);
    for (size_t i = 0; i < d->nenv; i++)
        free(d->env[i].key), free(d->env[i].value);
    free(d->env);
    sl_free(&d->env_warnings);
    memset(d, 0, sizeof *d);
}
