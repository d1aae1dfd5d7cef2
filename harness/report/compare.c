/* compare.c - see compare.h. Reads both results.csv, pairs series, tests
 * each pair and renders text (benchstat-like), CSV or Markdown from one
 * list of rows. */
#define _GNU_SOURCE
#include "report/compare.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/units.h"
#include "results/rundata.h"
#include "results/stats.h"

#define LOW_N 5 /* fewer samples than this on a side gets a '!' */

/* ================================================================= input */

struct series {
    const char *variant, *impl, *scenario, *workload, *thread, *metric, *unit;
    double *x;
    size_t n;
    long *proc;         /* the process of each sample; -1 when not recorded */
};

struct side {
    char *label;        /* the run id or file name, for the header */
    struct csv_table t;
    struct series *s;
    size_t ns;
};

static void side_free(struct side *sd)
{
    for (size_t i = 0; i < sd->ns; i++) {
        free(sd->s[i].x);
        free(sd->s[i].proc);
    }
    free(sd->s);
    csv_free(&sd->t);
    free(sd->label);
}

static const char *col(const struct csv_table *t, size_t r, int c)
{
    return c >= 0 ? t->rows[r][c] : "";
}

/* Samples of one process are not independent of each other: when a
 * series comes from several processes with several samples each (the call
 * scenario), the test is over the processes' medians, as in summary.csv. */
static void per_process(struct series *s)
{
    size_t nprocs = 0;
    long *ids = xcalloc(s->n ? s->n : 1, sizeof *ids);
    for (size_t i = 0; i < s->n; i++) {
        if (s->proc[i] < 0)
            goto out;
        size_t k = 0;
        while (k < nprocs && ids[k] != s->proc[i])
            k++;
        if (k == nprocs)
            ids[nprocs++] = s->proc[i];
    }
    if (nprocs < 2 || nprocs == s->n)
        goto out;
    double *med = xcalloc(nprocs, sizeof *med), *buf = xcalloc(s->n, sizeof *buf);
    for (size_t k = 0; k < nprocs; k++) {
        size_t m = 0;
        for (size_t i = 0; i < s->n; i++)
            if (s->proc[i] == ids[k])
                buf[m++] = s->x[i];
        med[k] = stats_median(buf, m);
    }
    free(buf);
    free(s->x);
    s->x = med;
    s->n = nprocs;
    for (size_t k = 0; k < nprocs; k++)
        s->proc[k] = ids[k];
out:
    free(ids);
}

static int side_load(struct side *sd, const char *path, char *err, size_t errlen)
{
    memset(sd, 0, sizeof *sd);
    char *file;
    if (is_dir(path)) {
        file = path_join(path, "results.csv");
        char *real = path_real(path);
        sd->label = path_basename(real ? real : path);
        free(real);
    } else {
        file = xstrdup(path);
        sd->label = path_basename(path);
    }
    int rc = -1;
    char why[1024];
    if (!is_file(file)) {
        snprintf(err, errlen, "cannot read '%s': %s", file,
                 is_dir(path) ? "no results.csv in the run folder" : strerror(ENOENT));
        goto out;
    }
    if (csv_load(file, &sd->t, why, sizeof why) != 0) {
        snprintf(err, errlen, "cannot read '%s': %s", file, why);
        goto out;
    }
    static const char *const need[] = {"variant", "scenario", "workload", "thread", "metric",
                                       "value"};
    for (size_t i = 0; i < ARRAY_LEN(need); i++)
        if (csv_col(&sd->t, need[i]) < 0) {
            snprintf(err, errlen, "cannot read '%s': no column '%s'", file, need[i]);
            goto out;
        }
    const struct csv_table *t = &sd->t;
    int cv = csv_col(t, "variant"), ci = csv_col(t, "impl"), cs = csv_col(t, "scenario"),
        cw = csv_col(t, "workload"), ct = csv_col(t, "thread"), cm = csv_col(t, "metric"),
        cu = csv_col(t, "unit"), cx = csv_col(t, "value"), cp = csv_col(t, "process");
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *metric = col(t, r, cm), *vs = col(t, r, cx);
        if (metric_is_series(metric) || !*vs)
            continue;
        char *end;
        double v = strtod(vs, &end);
        if (*end || isnan(v)) {
            snprintf(err, errlen, "cannot read '%s': row %zu: value '%s' is not a number", file,
                     r + 2, vs);
            goto out;
        }
        struct series *s = NULL;
        /* the last series first: rows of one series are usually adjacent */
        for (size_t k = sd->ns; k-- > 0;) {
            struct series *q = &sd->s[k];
            if (!strcmp(q->variant, col(t, r, cv)) && !strcmp(q->scenario, col(t, r, cs)) &&
                !strcmp(q->workload, col(t, r, cw)) && !strcmp(q->thread, col(t, r, ct)) &&
                !strcmp(q->metric, metric)) {
                s = q;
                break;
            }
        }
        if (!s) {
            sd->s = xrealloc(sd->s, (sd->ns + 1) * sizeof *sd->s);
            s = &sd->s[sd->ns++];
            *s = (struct series){col(t, r, cv), col(t, r, ci), col(t, r, cs), col(t, r, cw),
                                 col(t, r, ct), metric, col(t, r, cu), NULL, 0, NULL};
        }
        s->x = xrealloc(s->x, (s->n + 1) * sizeof *s->x);
        s->proc = xrealloc(s->proc, (s->n + 1) * sizeof *s->proc);
        s->proc[s->n] = cp >= 0 && *col(t, r, cp) ? strtol(col(t, r, cp), NULL, 10) : -1;
        s->x[s->n++] = v;
    }
    for (size_t k = 0; k < sd->ns; k++)
        per_process(&sd->s[k]);
    rc = 0;
out:
    free(file);
    return rc;
}

/* =============================================================== pairing */

struct row {
    const struct series *a, *b;  /* old, new; one NULL for "only in" rows */
    char *name;                  /* label/scenario/workload/thread */
    double ma, mb, change, p;    /* medians, percent, p-value */
    int low_n;
};

/* Distinct variant names of impl on one side. */
static void variants_of(const struct side *sd, const char *impl, struct strlist *out)
{
    for (size_t i = 0; i < sd->ns; i++)
        if (!strcmp(sd->s[i].impl, impl) && !sl_contains(out, sd->s[i].variant))
            sl_push(out, sd->s[i].variant);
}

/* The name rows pair on: the impl when matching by impl and it is not
 * ambiguous, else the variant. */
static const char *key_of(const struct series *s, const struct strlist *by_impl)
{
    return *s->impl && sl_contains(by_impl, s->impl) ? s->impl : s->variant;
}

static char *row_name(const char *key, const struct series *s)
{
    struct strbuf sb = {0};
    sb_append(&sb, key);
    sb_printf(&sb, "/%s", s->scenario);
    if (*s->workload)
        sb_printf(&sb, "/%s", s->workload);
    if (*s->thread)
        sb_printf(&sb, "/%s", s->thread);
    return sb_detach(&sb);
}

static void pct(struct strbuf *sb, double c)
{
    double a = fabs(c);
    if (isnan(c))
        sb_append(sb, "n/a");
    else if (a < 9.995)
        sb_printf(sb, "%+.2f%%", c);
    else if (a < 99.95)
        sb_printf(sb, "%+.1f%%", c);
    else
        sb_printf(sb, "%+.0f%%", c);
}

/* ============================================================== rendering */

static size_t width_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Text from the files, for a terminal: control characters become '?'. */
static void plain(struct strbuf *sb, const char *s)
{
    for (; *s; s++)
        sb_appendc(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

static void md_cell(struct strbuf *sb, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            sb_appendc(sb, ' ');
        else if (strchr("\\`*_[]<>|~&", c))
            sb_appendc(sb, '\\'), sb_appendc(sb, (char)c);
        else
            sb_appendc(sb, (char)c);
    }
}

#define NTC 6
struct trow {
    char *c[NTC];
};

static void emit_text_table(struct strbuf *out, struct trow *tr, size_t n)
{
    size_t w[NTC] = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < NTC; c++)
            if (tr[i].c[c] && width_of(tr[i].c[c]) > w[c])
                w[c] = width_of(tr[i].c[c]);
    for (size_t i = 0; i < n; i++) {
        struct strbuf line = {0};
        for (size_t c = 0; c < NTC; c++) {
            const char *s = tr[i].c[c] ? tr[i].c[c] : "";
            size_t pad = w[c] - width_of(s);
            if (c)
                sb_append(&line, "  ");
            if (c == 0 || c == NTC - 1) /* name and n left-aligned */
                sb_printf(&line, "%s%*s", s, (int)pad, "");
            else
                sb_printf(&line, "%*s%s", (int)pad, "", s);
        }
        while (line.len && line.buf[line.len - 1] == ' ')
            line.buf[--line.len] = '\0';
        sb_printf(out, "%s\n", line.buf);
        sb_free(&line);
    }
}

static void csv_row_out(struct strbuf *out, const char *metric, const char *unit,
                        const struct row *r, const char *name, double ma, double mb,
                        double change, const char *note, const struct compare_opts *o)
{
    const struct series *s = r ? (r->a ? r->a : r->b) : NULL;
    csv_field(out, metric);
    sb_appendc(out, ',');
    csv_field(out, unit);
    sb_appendc(out, ',');
    csv_field(out, name);
    sb_appendc(out, ',');
    csv_field(out, r && r->a ? r->a->variant : "");
    sb_appendc(out, ',');
    csv_field(out, r && r->b ? r->b->variant : "");
    sb_appendc(out, ',');
    csv_field(out, s ? s->scenario : "");
    sb_appendc(out, ',');
    csv_field(out, s ? s->workload : "");
    sb_appendc(out, ',');
    csv_field(out, s ? s->thread : "");
    sb_appendc(out, ',');
    csv_number(out, ma);
    sb_appendc(out, ',');
    csv_number(out, mb);
    sb_appendc(out, ',');
    csv_number(out, change);
    sb_appendc(out, ',');
    int paired = r && r->a && r->b;
    csv_number(out, paired ? r->p : NAN);
    sb_appendc(out, ',');
    if (r && r->a)
        sb_printf(out, "%zu", r->a->n);
    sb_appendc(out, ',');
    if (r && r->b)
        sb_printf(out, "%zu", r->b->n);
    sb_appendc(out, ',');
    if (paired)
        sb_append(out, r->p < o->alpha ? "1" : "0");
    sb_appendc(out, ',');
    csv_field(out, note);
    sb_appendc(out, '\n');
}

int compare_runs(const char *old_path, const char *new_path, const struct compare_opts *o,
                 struct strbuf *out, char *err, size_t errlen)
{
    struct side A, B;
    int rc = -1, have_b = 0;
    struct row *rows = NULL;
    size_t nrows = 0;
    struct strlist notes = {0}, by_impl = {0}, metrics = {0};
    /* side_load() leaves a side freeable even when it fails */
    if (side_load(&A, old_path, err, errlen) != 0)
        goto out;
    have_b = 1;
    if (side_load(&B, new_path, err, errlen) != 0)
        goto out;

    /* --match impl: which impls pair by impl, which fall back */
    if (o->match == COMPARE_BY_IMPL) {
        struct strlist impls = {0};
        for (int side = 0; side < 2; side++) {
            const struct side *sd = side ? &B : &A;
            for (size_t i = 0; i < sd->ns; i++)
                if (*sd->s[i].impl && !sl_contains(&impls, sd->s[i].impl))
                    sl_push(&impls, sd->s[i].impl);
        }
        if (!impls.n)
            sl_push(&notes, "no impl column: matched by variant name");
        for (size_t i = 0; i < impls.n; i++) {
            struct strlist va = {0}, vb = {0};
            variants_of(&A, impls.v[i], &va);
            variants_of(&B, impls.v[i], &vb);
            if (va.n > 1 || vb.n > 1) {
                struct strbuf sb = {0};
                sb_printf(&sb, "impl '%s' is ambiguous (", impls.v[i]);
                for (int side = 0; side < 2; side++) {
                    const struct strlist *l = side ? &vb : &va;
                    sb_printf(&sb, "%s%s:", side ? "; " : "", side ? "new" : "old");
                    for (size_t k = 0; k < l->n; k++)
                        sb_printf(&sb, "%s%s", k ? ", " : " ", l->v[k]);
                    if (!l->n)
                        sb_append(&sb, " none");
                }
                sb_append(&sb, "): its rows are matched by variant name");
                sl_push_owned(&notes, sb_detach(&sb));
            } else {
                sl_push(&by_impl, impls.v[i]);
                if (va.n && vb.n && strcmp(va.v[0], vb.v[0]))
                    sl_push_owned(&notes, xasprintf("%s: old %s vs new %s", impls.v[i], va.v[0],
                                                    vb.v[0]));
            }
            sl_free(&va);
            sl_free(&vb);
        }
        sl_free(&impls);
    }

    /* pairs in OLD's order; then what only NEW has */
    int *used = xcalloc(B.ns + 1, sizeof *used);
    for (size_t i = 0; i < A.ns; i++) {
        const struct series *a = &A.s[i];
        const char *ka = key_of(a, &by_impl);
        const struct series *b = NULL;
        for (size_t j = 0; j < B.ns && !b; j++) {
            const struct series *q = &B.s[j];
            if (!used[j] && !strcmp(key_of(q, &by_impl), ka) &&
                !strcmp(q->scenario, a->scenario) && !strcmp(q->workload, a->workload) &&
                !strcmp(q->thread, a->thread) && !strcmp(q->metric, a->metric)) {
                b = q;
                used[j] = 1;
            }
        }
        rows = xrealloc(rows, (nrows + 1) * sizeof *rows);
        struct row *r = &rows[nrows++];
        memset(r, 0, sizeof *r);
        r->a = a;
        r->b = b;
        r->name = row_name(ka, a);
        r->ma = stats_median(a->x, a->n);
        r->mb = b ? stats_median(b->x, b->n) : NAN;
        r->change = b && r->ma != 0 ? 100.0 * (r->mb / r->ma - 1.0) : NAN;
        r->p = NAN;
        if (b) {
            double u;
            if (stats_mann_whitney(a->x, a->n, b->x, b->n, &u, &r->p) != 0)
                r->p = NAN;
            r->low_n = a->n < LOW_N || b->n < LOW_N;
        }
        if (!sl_contains(&metrics, a->metric))
            sl_push(&metrics, a->metric);
    }
    for (size_t j = 0; j < B.ns; j++) {
        if (used[j])
            continue;
        const struct series *b = &B.s[j];
        rows = xrealloc(rows, (nrows + 1) * sizeof *rows);
        struct row *r = &rows[nrows++];
        memset(r, 0, sizeof *r);
        r->b = b;
        r->name = row_name(key_of(b, &by_impl), b);
        r->ma = r->change = r->p = NAN;
        r->mb = stats_median(b->x, b->n);
        if (!sl_contains(&metrics, b->metric))
            sl_push(&metrics, b->metric);
    }
    free(used);

    /* ------------------------------------------------------------ output */
    size_t n_paired = 0, only_a = 0, only_b = 0, n_low = 0;
    for (size_t i = 0; i < nrows; i++) {
        n_paired += rows[i].a && rows[i].b;
        only_a += rows[i].a && !rows[i].b;
        only_b += !rows[i].a && rows[i].b;
        n_low += rows[i].a && rows[i].b && rows[i].low_n;
    }
    if (o->format == COMPARE_CSV)
        sb_append(out, "metric,unit,name,old_variant,new_variant,scenario,workload,thread,"
                       "old_median,new_median,change_pct,p,old_n,new_n,significant,note\n");
    else if (o->format == COMPARE_MARKDOWN) {
        sb_append(out, "Comparing **");
        md_cell(out, A.label);
        sb_append(out, "** (old) with **");
        md_cell(out, B.label);
        sb_printf(out, "** (new), matched by %s; Mann-Whitney U two-sided, "
                       "alpha %g.\n\n",
                  o->match == COMPARE_BY_IMPL ? "impl" : "variant", o->alpha);
        for (size_t i = 0; i < notes.n; i++) {
            sb_append(out, "- ");
            md_cell(out, notes.v[i]);
            sb_append(out, "\n");
        }
        if (notes.n)
            sb_append(out, "\n");
    } else {
        sb_append(out, "old: ");
        plain(out, A.label);
        sb_append(out, "\nnew: ");
        plain(out, B.label);
        sb_printf(out, "\nmatched by %s; Mann-Whitney U two-sided, alpha %g\n",
                  o->match == COMPARE_BY_IMPL ? "impl" : "variant", o->alpha);
        for (size_t i = 0; i < notes.n; i++) {
            sb_append(out, "note: ");
            plain(out, notes.v[i]);
            sb_append(out, "\n");
        }
    }

    for (size_t mi = 0; mi < metrics.n; mi++) {
        const char *metric = metrics.v[mi];
        const char *unit = "";
        size_t np = 0;
        int nonpos = 0;
        for (size_t i = 0; i < nrows; i++) {
            const struct row *r = &rows[i];
            const struct series *s = r->a ? r->a : r->b;
            if (strcmp(s->metric, metric))
                continue;
            unit = s->unit;
            if (r->a && r->b) {
                np++;
                nonpos |= !(r->ma > 0) || !(r->mb > 0);
            }
        }
        double ga = NAN, gb = NAN;
        if (np && !nonpos) {
            double *xa = xcalloc(np, sizeof *xa), *xb = xcalloc(np, sizeof *xb);
            size_t k = 0;
            for (size_t i = 0; i < nrows; i++)
                if (rows[i].a && rows[i].b && !strcmp(rows[i].a->metric, metric)) {
                    xa[k] = rows[i].ma;
                    xb[k++] = rows[i].mb;
                }
            ga = stats_geomean(xa, np);
            gb = stats_geomean(xb, np);
            free(xa);
            free(xb);
        }
        double gchange = !isnan(ga) && !isnan(gb) ? 100.0 * (gb / ga - 1.0) : NAN;
        if (!np && o->format != COMPARE_CSV)
            continue; /* listed under "only in" */
        const char *gnote = nonpos ? "skipped: values <= 0" : "";

        if (o->format == COMPARE_CSV) {
            for (size_t i = 0; i < nrows; i++) {
                const struct row *r = &rows[i];
                const struct series *s = r->a ? r->a : r->b;
                if (strcmp(s->metric, metric))
                    continue;
                const char *note = !r->b ? "only in old" : !r->a ? "only in new"
                                   : r->low_n ? "n < 5" : "";
                csv_row_out(out, metric, s->unit, r, r->name, r->ma, r->mb, r->change, note, o);
            }
            if (np)
                csv_row_out(out, metric, unit, NULL, "geomean", ga, gb, gchange, gnote, o);
            continue;
        }

        /* text and Markdown share the cells */
        struct trow *tr = xcalloc(nrows + 2, sizeof *tr);
        size_t nt = 0;
        tr[nt].c[0] = xasprintf("%s%s%s%s", metric, *unit ? " (" : "", unit, *unit ? ")" : "");
        tr[nt].c[1] = xstrdup("old");
        tr[nt].c[2] = xstrdup("new");
        tr[nt].c[3] = xstrdup("change");
        tr[nt].c[4] = xstrdup("p");
        tr[nt].c[5] = xstrdup("n");
        nt++;
        for (size_t i = 0; i < nrows; i++) {
            const struct row *r = &rows[i];
            if (!r->a || !r->b || strcmp(r->a->metric, metric))
                continue;
            struct strbuf c = {0};
            tr[nt].c[0] = xstrdup(r->name);
            units_fmt(&c, r->ma, r->a->unit);
            tr[nt].c[1] = sb_detach(&c);
            units_fmt(&c, r->mb, r->b->unit);
            tr[nt].c[2] = sb_detach(&c);
            if (isnan(r->p) || r->p >= o->alpha)
                sb_append(&c, "~");
            else
                pct(&c, r->change);
            tr[nt].c[3] = sb_detach(&c);
            if (isnan(r->p))
                sb_append(&c, "-");
            else
                sb_printf(&c, "%.3f", r->p);
            tr[nt].c[4] = sb_detach(&c);
            tr[nt].c[5] = xasprintf("%zu+%zu%s", r->a->n, r->b->n, r->low_n ? " !" : "");
            nt++;
        }
        {
            struct strbuf c = {0};
            tr[nt].c[0] = xstrdup("geomean");
            if (*gnote) {
                tr[nt].c[1] = xstrdup(gnote);
            } else {
                units_fmt(&c, ga, unit);
                tr[nt].c[1] = sb_detach(&c);
                units_fmt(&c, gb, unit);
                tr[nt].c[2] = sb_detach(&c);
                pct(&c, gchange);
                tr[nt].c[3] = sb_detach(&c);
            }
            nt++;
        }
        if (o->format == COMPARE_TEXT) {
            sb_append(out, "\n");
            /* keep the geomean note out of the column widths */
            char *gn = *gnote ? tr[nt - 1].c[1] : NULL;
            if (gn)
                tr[nt - 1].c[1] = NULL;
            for (size_t i = 0; i < nt; i++)
                for (size_t c = 0; c < NTC; c++)
                    if (tr[i].c[c]) {
                        struct strbuf p = {0};
                        plain(&p, tr[i].c[c]);
                        free(tr[i].c[c]);
                        tr[i].c[c] = sb_detach(&p);
                    }
            emit_text_table(out, tr, gn ? nt - 1 : nt);
            if (gn) {
                sb_printf(out, "geomean: %s\n", gn);
                tr[nt - 1].c[1] = gn;
            }
        } else {
            sb_append(out, "| ");
            md_cell(out, tr[0].c[0]);
            sb_append(out, " | old | new | change | p | n |\n"
                           "| :--- | ---: | ---: | ---: | ---: | :--- |\n");
            for (size_t i = 1; i < nt; i++) {
                sb_append(out, "|");
                for (size_t c = 0; c < NTC; c++) {
                    sb_append(out, " ");
                    if (i == nt - 1 && c == 0)
                        sb_append(out, "**geomean**");
                    else if (tr[i].c[c])
                        md_cell(out, tr[i].c[c]);
                    sb_append(out, " |");
                }
                sb_append(out, "\n");
            }
            sb_append(out, "\n");
        }
        for (size_t i = 0; i < nt; i++)
            for (size_t c = 0; c < NTC; c++)
                free(tr[i].c[c]);
        free(tr);
    }

    if (o->format != COMPARE_CSV) {
        int md = o->format == COMPARE_MARKDOWN;
        struct strbuf f = {0};
        sb_printf(&f, "%zu results in both runs", n_paired);
        if (only_a || only_b)
            sb_printf(&f, ", %zu only in old, %zu only in new", only_a, only_b);
        sb_printf(&f, ". ~: p >= %g, no significant change.", o->alpha);
        if (n_low)
            sb_printf(&f, " !: fewer than %d samples on a side (%zu results): the test has "
                          "little power there.",
                      LOW_N, n_low);
        sb_append(&f, " geomean: of the medians of the results in both runs.");
        sb_append(out, md ? "" : "\n");
        if (md)
            md_cell(out, f.buf);
        else
            sb_append(out, f.buf);
        sb_append(out, "\n");
        sb_free(&f);
        for (int side = 0; side < 2; side++) {
            struct strbuf l = {0};
            size_t k = 0, tot = side ? only_b : only_a;
            for (size_t i = 0; i < nrows; i++) {
                const struct row *r = &rows[i];
                const struct series *s = side ? r->b : r->a;
                if (!s || (side ? r->a : r->b))
                    continue;
                if (k++ < 8)
                    sb_printf(&l, "%s%s %s", k > 1 ? ", " : "", r->name, s->metric);
            }
            if (!tot)
                continue;
            if (tot > 8)
                sb_printf(&l, " and %zu more", tot - 8);
            sb_append(out, md ? "\n" : "");
            sb_printf(out, "only in %s: ", side ? "new" : "old");
            if (md)
                md_cell(out, l.buf);
            else
                plain(out, l.buf);
            sb_append(out, "\n");
            sb_free(&l);
        }
    }
    rc = 0;
out:
    for (size_t i = 0; i < nrows; i++)
        free(rows[i].name);
    free(rows);
    sl_free(&notes);
    sl_free(&by_impl);
    sl_free(&metrics);
    if (have_b)
        side_free(&B);
    side_free(&A);
    return rc;
}
