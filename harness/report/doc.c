/* doc.c - the report's headline columns and the helpers its builders
 * share. See doc.h. */
#define _GNU_SOURCE
#include "report/doc.h"

#include "results/verdicts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================ columns */

const struct col report_cols[REPORT_NCOLS] = {
    {"add (main)", "add main", "add (main thread)", "call", "add", "main", "ns_per_call",
     COL_VALUE, 1, 0, "add/main"},
    {"add (pthread)", "add pthr", "add (pthread)", "call", "add", "pthread", "ns_per_call",
     COL_VALUE, 1, 0, "add/pthread"},
    {"add (main) instr", "", "instructions per add (main thread, callgrind)", "call",
     "add", "main", "instructions_per_call", COL_VALUE, 0, 0, NULL},
    {NULL, "fib", NULL, "call", "FIB", "main", "ns_per_call", COL_VALUE, 1, 0, NULL},
    {"hello (main)", "", "hello (main thread)", "call", "hello", "main", "ns_per_call",
     COL_VALUE, 1, 0, "hello/main"},
    {"dlopen", "dlopen", "dlopen", "load", "", "main", "dlopen_us", COL_VALUE, 1, 0, "dlopen"},
    {"first call", "1st call", "first call", "load", NULL, "main", "first_call_us", COL_VALUE, 1,
     0, "first_call"},
    {"cycle (fresh)", "cycle", "dlopen/dlclose cycle (fresh, variants that unload)", "cycle",
     "fresh", "main", "cycle_us", COL_VALUE, 1, 1, "cycle"},
    {"leak (fresh cycles)", "leak", NULL, "cycle", "fresh", "main",
     "leak_bytes_per_cycle", COL_LEAK, 0, 0, NULL},
    {"unloaded", "unloaded", NULL, "cycle", "fresh", "main", "unloaded", COL_UNLOADED, 0, 0, NULL},
    {"file size", "size", "file size", "size", "", "", "file_bytes", COL_VALUE, 1, 0, "file_size"},
    {"cold start", "", "process cold start", "process", "once", "main", "wall_ms", COL_VALUE, 1,
     0, "cold_start"},
};

const struct rm_result *col_get(const struct report_doc *m, size_t c, const char *variant)
{
    const char *wl = report_cols[c].workload;
    if (wl && !strcmp(wl, "FIB"))
        wl = m->fib;
    return rm_get(m->rm, variant, report_cols[c].scenario, wl, report_cols[c].thread,
                  report_cols[c].metric);
}

char *col_topic(const struct report_doc *m, size_t c, const char *prefix)
{
    if (report_cols[c].key)
        return xasprintf("%s:%s", prefix, report_cols[c].key);
    if (report_cols[c].rank && report_cols[c].workload && !strcmp(report_cols[c].workload, "FIB"))
        return m->fib[0] ? xasprintf("%s:%s/main", prefix, m->fib) : NULL;
    return NULL;
}

void col_label(const struct report_doc *m, size_t c, struct strbuf *sb)
{
    if (report_cols[c].workload && !strcmp(report_cols[c].workload, "FIB"))
        sb_printf(sb, "%s (main thread)", m->fib[0] ? m->fib : "fib");
    else
        sb_append(sb, report_cols[c].label);
}

/* =================================================================== doc */

void doc_add_finding(struct report_doc *m, int level, int prio, char *text)
{
    m->f = xrealloc(m->f, (m->nf + 1) * sizeof *m->f);
    m->f[m->nf++] = (struct finding){level, prio, text};
}

void doc_free(struct report_doc *m)
{
    size_t nv = m->rm ? m->rm->nv : 0;
    free(m->title), free(m->setup), free(m->status_note), free(m->legend);
    free(m->findings_intro), free(m->repro_note), free(m->prec_legend);
    for (size_t i = 0; i <= REPORT_NCOLS; i++)
        free(m->heads[i]);
    for (size_t i = 0; m->cells && i < nv * (REPORT_NCOLS + 1); i++)
        free(m->cells[i]), free(m->term[i]), free(m->prec[i]);
    free(m->cells);
    free(m->term);
    free(m->prec);
    for (size_t i = 0; i < m->nf; i++)
        free(m->f[i].text);
    free(m->f);
    sl_free(&m->warnings);
    sl_free(&m->repro);
    free(m->charts);
    free(m->engines_intro), free(m->engines_note);
    for (size_t i = 0; i < ENGINES_NCOLS; i++)
        free(m->engines_heads[i]);
    for (size_t i = 0; i < m->engines_rows * ENGINES_NCOLS; i++)
        free(m->engines_cells[i]);
    free(m->engines_cells);
    memset(m, 0, sizeof *m);
}

/* =============================================================== helpers */

/* "go1.22.12" from "go go1.22.12", "gcc 12.2.0" from "c gcc 12.2.0",
 * "rustc 1.95.0" from "rust rustc 1.95.0 (59807616e 2026-04-14)"; the
 * variant name when there is nothing better. */
char *doc_toolchain_label(const struct rm_variant *v)
{
    const char *t = v->toolchain_version ? v->toolchain_version : "";
    size_t il = v->impl ? strlen(v->impl) : 0;
    if (il && !strncmp(t, v->impl, il) && t[il] == ' ')
        t += il + 1;
    size_t n = strcspn(t, "(");
    while (n && t[n - 1] == ' ')
        n--;
    if (!n)
        return xstrdup(v->toolchain && *v->toolchain ? v->toolchain : v->name);
    return xstrndup(t, n);
}

/* Toolchain_version with its digits and dots removed: "go go" for every Go
 * release, "c gcc" vs "c clang" for different compilers. */
char *doc_toolchain_family(const struct rm_variant *v)
{
    return rm_toolchain_family(v);
}

void join_names(struct strbuf *sb, const struct strlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sb_append(sb, i + 1 == l->n ? " and " : ", ");
        sb_append(sb, l->v[i]);
    }
}

int var_unloads(const struct run_model *d, const char *name)
{
    const struct rm_finding *f = rm_finding_of(d, name, "unload");
    if (f && f->verdict == VERDICT_UNLOADS)
        return 1;
    if (f && f->verdict == VERDICT_NEVER_UNLOADS)
        return 0;
    return -1;
}


/* ================================================================ charts */

/* The charts plot.c draws, in report order, and their titles. */
static const char *const known_charts[][2] = {
    {"call_latency", "Call latency"},
    {"call_instructions", "Instructions per call"},
    {"load", "Load cost"},
    {"cycle_cost", "Cost of a dlopen/dlclose cycle"},
    {"cycle_rss", "RSS over dlopen/dlclose cycles"},
    {"size", "Library size"},
    {"process", "Process cold start"},
    {"toolchains", "Toolchains"},
};

const char *chart_title(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(known_charts); i++)
        if (!strcmp(known_charts[i][0], name))
            return known_charts[i][1];
    return name;
}

void doc_order_charts(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    m->charts = xcalloc(d->ncharts + 1, sizeof *m->charts);
    m->ncharts = 0;
    for (size_t k = 0; k < ARRAY_LEN(known_charts); k++)
        for (size_t i = 0; i < d->ncharts; i++)
            if (!strcmp(d->charts[i].name, known_charts[k][0]))
                m->charts[m->ncharts++] = i;
    for (size_t i = 0; i < d->ncharts; i++)
        if (!strcmp(chart_title(d->charts[i].name), d->charts[i].name))
            m->charts[m->ncharts++] = i; /* not a known chart: by name */
}
