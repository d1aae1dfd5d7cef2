/* chart_cycle.c - cycle_rss: resident memory over dlopen/dlclose cycles
 * per variant and mode; the legend says the memory and unload verdicts of
 * findings.csv. See charts.h. */
#define _GNU_SOURCE
#include "report/charts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dbmath.h"
#include "base/units.h"
#include "results/verdicts.h"

struct series {
    double *x, *y;
    size_t n, cap;
};

static void series_add(struct series *s, double x, double y)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->x = xrealloc(s->x, s->cap * sizeof *s->x);
        s->y = xrealloc(s->y, s->cap * sizeof *s->y);
    }
    s->x[s->n] = x;
    s->y[s->n] = y;
    s->n++;
}

/* Sorts by x and merges equal x (several processes) into their mean. */
static void series_tidy(struct series *s)
{
    for (size_t i = 1; i < s->n; i++)
        for (size_t j = i; j > 0 && s->x[j - 1] > s->x[j]; j--) {
            double t = s->x[j];
            s->x[j] = s->x[j - 1];
            s->x[j - 1] = t;
            t = s->y[j];
            s->y[j] = s->y[j - 1];
            s->y[j - 1] = t;
        }
    size_t o = 0;
    for (size_t i = 0; i < s->n;) {
        size_t j = i;
        double sum = 0;
        while (j < s->n && s->x[j] == s->x[i])
            sum += s->y[j++];
        s->x[o] = s->x[i];
        s->y[o] = sum / (double)(j - i);
        o++;
        i = j;
    }
    s->n = o;
}

/* The legend's words for a variant and mode: its memory/rss row
 * (pinned/memory/rss) of findings.csv, the verdict of the RSS series this
 * chart plots ("RSS leak +256 KiB/cycle", "no RSS leak", "RSS leak
 * inconclusive"), never the memory row, whose value may be valgrind's
 * bytes (popenload: "+256 B/cycle" still reachable beside an RSS slope of
 * 312 B/cycle). A run folder without the row (an older dlbench): the
 * memory row, named so ("memory leak +..."). "" when not measured. */
static void legend_of(const struct run_model *rm, const char *variant, int pinned, char *buf,
                      size_t n)
{
    const char *what = "RSS";
    const struct rm_finding *f =
        rm_finding_of(rm, variant, pinned ? "pinned/memory/rss" : "memory/rss");
    if (!f) {
        what = "memory";
        f = rm_finding_of(rm, variant, pinned ? "pinned/memory" : "memory");
    }
    buf[0] = '\0';
    if (!f)
        return;
    if (f->verdict == VERDICT_LEAK) {
        char v[48];
        fmt_label(v, sizeof v, f->value, "bytes", UNITS_TRIM);
        snprintf(buf, n, "%s leak +%s/cycle", what, v);
    } else if (f->verdict == VERDICT_NO_LEAK) {
        snprintf(buf, n, "no %s leak", what);
    } else if (f->verdict == VERDICT_INCONCLUSIVE) {
        snprintf(buf, n, "%s leak inconclusive", what);
    }
}

int chart_cycle_rss(struct chart_ctx *c)
{
    const char *name = "cycle_rss";
    static const char *const modes[] = {"fresh", "pinned"};
    if (!c->have_res) {
        db_warn("chart '%s' skipped: no results.csv", name);
        return 1;
    }
    size_t ns = c->nv * 2;
    struct series *S = xcalloc(ns ? ns : 1, sizeof *S);
    for (size_t i = 0; i < c->rm->ns; i++) {
        const struct rm_sample *r = &c->rm->s[i];
        if (strcmp(r->key.scenario, "cycle") || strcmp(r->key.metric, "rss_kb"))
            continue;
        int m = !strcmp(r->key.workload, "fresh") ? 0 : !strcmp(r->key.workload, "pinned") ? 1
                                                                                          : -1;
        if (m < 0)
            continue;
        for (size_t vi = 0; vi < c->nv; vi++) {
            if (strcmp(c->v[vi].v->name, r->key.variant))
                continue;
            double x = r->rep >= 0 ? (double)r->rep : NAN, y = r->value;
            if (isfinite(x) && isfinite(y))
                series_add(&S[vi * 2 + (size_t)m], x, y);
            break;
        }
    }
    int *used = xcalloc(c->nv ? c->nv : 1, sizeof(int));
    double maxg = 0;
    size_t n_lines = 0;
    for (size_t i = 0; i < ns; i++) {
        if (c->v[i / 2].failed)
            S[i].n = 0;
        series_tidy(&S[i]);
        if (S[i].n < 2) {
            if (S[i].n == 1)
                db_warn("chart '%s': one RSS sample only for '%s' %s, left out", name,
                        c->v[i / 2].v->name, modes[i % 2]);
            S[i].n = 0;
            continue;
        }
        used[i / 2] = 1;
        n_lines++;
        for (size_t j = 0; j < S[i].n; j++)
            maxg = db_fmax(maxg, fabs(S[i].y[j] - S[i].y[0]));
    }
    int rc = 1;
    struct strbuf d = {0}, p = {0};
    if (n_lines == 0) {
        db_warn("chart '%s' skipped: no RSS series ('cycle' scenario) in results.csv", name);
        goto out;
    }
    for (size_t vi = 0; vi < c->nv; vi++)
        if (!used[vi] && !c->v[vi].failed && scenario_present(c, "cycle"))
            db_warn("chart '%s': no RSS series for variant '%s'", name, c->v[vi].v->name);

    /* Growth since the first sample: baselines differ by megabytes (a Go
     * runtime) while the question is the slope. */
    double div = maxg >= 4096 ? 1024 : 1;
    params_head(&p, "Resident memory over dlopen/dlclose cycles (growth since the first sample)",
                c, used);
    sb_printf(&p, "YLABEL = \"RSS growth since the first sample (%s)\"\n",
              div > 1 ? "MiB" : "KiB");
    size_t k = 0;
    sb_printf(&p, "NS = %zu\narray ST[%zu]\narray SC[%zu]\n", n_lines, n_lines, n_lines);
    sb_printf(&p, "array SW[%zu]\narray SD[%zu]\narray SPT[%zu]\narray SPS[%zu]\n", n_lines,
              n_lines, n_lines, n_lines);
    /* About 12 markers per line: dense enough to tell the marker, sparse
     * enough to leave the dashes of a pinned line visible. */
    size_t most = 0;
    for (size_t i = 0; i < ns; i++)
        most = S[i].n > most ? S[i].n : most;
    sb_printf(&p, "PI = %zu\n", most > 12 ? (most + 11) / 12 : (size_t)1);
    for (size_t i = 0; i < ns; i++) {
        if (S[i].n == 0)
            continue;
        const struct chart_variant *cv = &c->v[i / 2];
        const struct rm_variant *v = cv->v;
        const char *mode = modes[i % 2];
        char slope[96], title[256];
        legend_of(c->rm, v->name, i % 2, slope, sizeof slope);
        const char *state = "";
        /* Pinned mode keeps the library loaded by design: the unload row
         * is about the fresh cycles. */
        const struct rm_finding *un = i % 2 ? NULL : rm_finding_of(c->rm, v->name, "unload");
        if (un && (un->verdict == VERDICT_UNLOADS || un->verdict == VERDICT_NEVER_UNLOADS))
            state = un->verdict == VERDICT_UNLOADS ? "unloaded" : "stays loaded";
        snprintf(title, sizeof title, "%s %s%s%s%s%s", v->name, mode, *slope || *state ? ": " : "",
                 slope, *slope && *state ? ", " : "", state);
        k++;
        sb_printf(&p, "ST[%zu] = ", k);
        gp_string(&p, title);
        /* fresh: solid, filled circles; pinned: thinner, long dashes,
         * open squares. */
        int pinned = (int)(i % 2);
        sb_printf(&p, "; SC[%zu] = '#%06X'\nSW[%zu] = %s; SD[%zu] = %s; SPT[%zu] = %d; "
                      "SPS[%zu] = %s\n", k, cv->color, k, pinned ? "1.6" : "2.4", k,
                  pinned ? "'---  '" : "1", k, pinned ? 4 : 7, k, pinned ? "0.9" : "0.55");
        for (size_t j = 0; j < S[i].n; j++)
            sb_printf(&d, "%.9g\t%.9g\n", S[i].x[j], (S[i].y[j] - S[i].y[0]) / div);
        sb_append(&d, "\n\n");
    }
    rc = tmp_write(c, "rss.dat", &d);
    if (rc == 0)
        rc = tmp_write(c, "params.gp", &p);
    if (rc == 0)
        rc = run_gnuplot(c, name, "cycle_rss") ? -1 : 0;
out:
    for (size_t i = 0; i < ns; i++) {
        free(S[i].x);
        free(S[i].y);
    }
    free(S);
    free(used);
    sb_free(&d);
    sb_free(&p);
    return rc;
}

