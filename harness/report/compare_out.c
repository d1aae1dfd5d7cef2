/* compare_out.c - see compare_out.h. */
#define _GNU_SOURCE
#include "report/compare_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/units.h"

/* ============================================================== escaping */

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

/* ========================================================= table layout */

/* One metric's table: a header row, a row per pair, the geomean row.
 * Cells: name, old, new, change, p, mde, n; then, only when the
 * comparison has same-build pairs, "build" ('=' on those rows), and only
 * when rows were judged against a machine shift, "vs shift". */
#define NTC 9
#define COL_N 6
#define COL_BUILD 7
#define COL_VS_SHIFT 8
struct trow {
    char *c[NTC];
};

struct table {
    struct trow *rows;
    size_t n;
    size_t ncols;        /* 7, 8 or 9 */
    const char *gnote;   /* geomean note ("skipped: values <= 0") or "" */
};

/* Columns of every table of c. */
static size_t table_cols(const struct comparison *c)
{
    return c->shift.n_judged ? NTC : c->shift.n_pairs ? COL_BUILD + 1 : COL_N + 1;
}

/* The change a row claims, "?" when it could not be tested (too few
 * processes), or "~" (results/claim.h). */
static void change_cell(struct strbuf *sb, const struct cmp_row *r)
{
    if (r->claim == CLAIM_TOO_FEW)
        sb_append(sb, "?");
    else if (r->claim != CLAIM_DIFFERENT)
        sb_append(sb, "~");
    else if (r->test == CMP_VERDICT)
        sb_printf(sb, "%s -> %s", cmp_verdict_word(r->a->key.metric, r->ma),
                  cmp_verdict_word(r->b->key.metric, r->mb));
    else
        units_fmt_pct(sb, r->change);
}

/* What was tested: the p-value, or why there is none. */
static void p_cell(struct strbuf *sb, const struct cmp_row *r)
{
    switch (r->test) {
    case CMP_U:
        if (isnan(r->p))
            sb_append(sb, "-");
        else
            sb_printf(sb, "%.3f", r->p);
        break;
    case CMP_ONE_PROCESS:
        sb_append(sb, "one process: no test");
        break;
    case CMP_SINGLE:
        sb_append(sb, "one value: no test");
        break;
    case CMP_VERDICT:
        sb_append(sb, "verdict");
        break;
    case CMP_INTERVAL:
        sb_append(sb, r->claim == CLAIM_DIFFERENT ? "CIs apart" : "CIs overlap");
        break;
    case CMP_TOO_FEW:
        sb_append(sb, "n/t");
        break;
    }
}

static const char *test_name(enum cmp_test t)
{
    static const char *const names[] = {"mann-whitney", "one process", "one value", "verdict",
                                        "interval",     "too few processes"};
    return names[t];
}

static void table_build(const struct comparison *c, const struct cmp_metric *m,
                        struct table *t)
{
    t->rows = xcalloc(c->nrows + 2, sizeof *t->rows);
    t->n = 0;
    t->ncols = table_cols(c);
    t->gnote = m->nonpos ? "skipped: values <= 0" : "";
    struct trow *h = &t->rows[t->n++];
    h->c[0] = xasprintf("%s%s%s%s", m->metric, *m->unit ? " (" : "", m->unit,
                        *m->unit ? ")" : "");
    static const char *const heads[] = {"old", "new", "change", "p", "mde", "n", "build",
                                        "vs shift"};
    for (size_t i = 0; i + 1 < t->ncols; i++)
        h->c[i + 1] = xstrdup(heads[i]);
    struct strbuf sb = {0};
    for (size_t i = 0; i < c->nrows; i++) {
        const struct cmp_row *r = &c->rows[i];
        if (!r->a || !r->b || strcmp(r->a->key.metric, m->metric))
            continue;
        struct trow *tr = &t->rows[t->n++];
        tr->c[0] = xstrdup(r->name);
        units_fmt(&sb, r->ma, r->a->unit);
        tr->c[1] = sb_detach(&sb);
        units_fmt(&sb, r->mb, r->b->unit);
        tr->c[2] = sb_detach(&sb);
        change_cell(&sb, r);
        tr->c[3] = sb_detach(&sb);
        p_cell(&sb, r);
        tr->c[4] = sb_detach(&sb);
        if (isnan(r->mde_pct)) {
            sb_append(&sb, "-");
        } else {
            units_fmt_plain(&sb, r->mde_pct);
            sb_append(&sb, "%");
        }
        tr->c[5] = sb_detach(&sb);
        tr->c[COL_N] = xasprintf("%zu+%zu%s", r->a->n, r->b->n, r->low_n ? " !" : "");
        if (t->ncols > COL_BUILD)
            tr->c[COL_BUILD] = xstrdup(r->same_build ? "=" : "");
        if (t->ncols > COL_VS_SHIFT && r->vs_shift) {
            units_fmt_pct(&sb, r->change_vs_shift);
            tr->c[COL_VS_SHIFT] = sb_detach(&sb);
        }
    }
    struct trow *g = &t->rows[t->n++];
    g->c[0] = xstrdup("geomean");
    if (*t->gnote) {
        g->c[1] = xstrdup(t->gnote);
    } else {
        units_fmt(&sb, m->ga, m->unit);
        g->c[1] = sb_detach(&sb);
        units_fmt(&sb, m->gb, m->unit);
        g->c[2] = sb_detach(&sb);
        units_fmt_pct(&sb, m->change);
        g->c[3] = sb_detach(&sb);
    }
}

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n; i++)
        for (size_t c = 0; c < NTC; c++)
            free(t->rows[i].c[c]);
    free(t->rows);
}

/* ============================================================= markups */

struct markup {
    void (*intro)(const struct comparison *c, const struct compare_opts *o,
                  struct strbuf *out);
    void (*table)(struct table *t, struct strbuf *out);
    void (*text)(struct strbuf *sb, const char *s);  /* escapes text from the runs */
    const char *before_footer, *before_list;         /* paragraph spacing */
    const char *after_shift;                         /* after the shift line */
};

static void pct(struct strbuf *sb, double v)
{
    if (isnan(v))
        sb_append(sb, "unknown");
    else
        units_fmt_pct(sb, v);
}

/* "1.18%" for a mde, "unknown" for NaN. */
static void mde_text(struct strbuf *sb, double mde)
{
    if (isnan(mde)) {
        sb_append(sb, "unknown");
        return;
    }
    units_fmt_plain(sb, mde);
    sb_append(sb, "%");
}

/* The one line on the same-build rows (compare_pair.h, cmp_shift), plain
 * text; nothing without same-build pairs. */
static void shift_line(const struct comparison *c, struct strbuf *sb)
{
    const struct cmp_shift *sh = &c->shift;
    switch (sh->state) {
    case SHIFT_NONE:
        return;
    case SHIFT_FEW:
        sb_printf(sb, "same-build timing rows: %zu, fewer than %d: no machine shift estimated",
                  sh->n_rows, SHIFT_MIN_ROWS);
        return;
    case SHIFT_TOO_FEW:
        sb_printf(sb, "same-build timing rows: cannot tell: too few processes to test "
                      "(%zu+%zu: the smallest p the test can give is %.3f >= alpha %g; %zu of "
                      "%zu rows not tested): whether the machine, the OS or dlbench changed "
                      "between the runs is not measured; run more repetitions",
                  sh->few_na, sh->few_nb, sh->few_min_p, c->alpha, sh->n_too_few,
                  sh->n_too_few + sh->n_rows);
        return;
    case SHIFT_STABLE:
        sb_append(sb, "same-build timing rows: no change (median ");
        pct(sb, sh->median_pct);
        sb_printf(sb, ", %zu of %zu claimed", sh->n_claimed, sh->n_rows);
        if (sh->n_claimed)
            sb_append(sb, ", as by chance at most 1 in 10");
        sb_append(sb, ", their median mde ");
        mde_text(sb, sh->mde_pct);
        if (sh->n_too_few)
            sb_printf(sb, "; %zu more not tested: too few processes", sh->n_too_few);
        sb_append(sb, "): the machine, the OS and dlbench were stable between the runs");
        return;
    case SHIFT_MOVED:
    case SHIFT_UNCLEAR:
        break;
    }
    int moved = sh->state == SHIFT_MOVED;
    sb_append(sb, moved ? "same-build timing rows moved " : "same-build timing rows: ");
    if (!moved)
        sb_printf(sb, "%zu of %zu claimed a change, from ", sh->n_claimed, sh->n_rows);
    pct(sb, sh->lo_pct);
    sb_append(sb, " to ");
    pct(sb, sh->hi_pct);
    sb_append(sb, " (median ");
    pct(sb, sh->median_pct);
    if (moved)
        sb_printf(sb, ", %zu of %zu claimed", sh->n_claimed, sh->n_rows);
    sb_append(sb, ", their median mde ");
    mde_text(sb, sh->mde_pct);
    if (sh->n_too_few)
        sb_printf(sb, "; %zu more not tested: too few processes", sh->n_too_few);
    if (moved) {
        sb_append(sb, "): the machine, the OS or dlbench changed between the runs, not these "
                      "libraries; a change of another build of that size is not evidence: "
                      "its timing rows are claimed only when they also changed relative to ");
        pct(sb, sh->median_pct);
        sb_append(sb, " (column 'vs shift')");
    } else {
        sb_append(sb, "): the machine, the OS or dlbench may have changed between the runs, "
                      "not clearly (the median within their mde, or no row claimed): claims "
                      "not adjusted; a change of another build within that range is weak "
                      "evidence");
    }
}

static void text_intro(const struct comparison *c, const struct compare_opts *o,
                       struct strbuf *out)
{
    sb_append(out, "old: ");
    plain(out, c->A.label);
    sb_append(out, "\nnew: ");
    plain(out, c->B.label);
    sb_printf(out, "\nmatched by %s; Mann-Whitney U two-sided over processes, alpha %g\n",
              c->match == COMPARE_BY_IMPL ? "impl" : "variant", o->alpha);
    for (size_t i = 0; i < c->notes.n; i++) {
        sb_append(out, "note: ");
        plain(out, c->notes.v[i]);
        sb_append(out, "\n");
    }
}

/* Aligned columns: name and n left, numbers right; the geomean note is
 * kept out of the column widths and printed under the table. */
static void text_table(struct table *t, struct strbuf *out)
{
    size_t n = *t->gnote ? t->n - 1 : t->n, w[NTC] = {0};
    sb_append(out, "\n");
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < t->ncols; c++)
            if (t->rows[i].c[c] && width_of(t->rows[i].c[c]) > w[c])
                w[c] = width_of(t->rows[i].c[c]);
    for (size_t i = 0; i < n; i++) {
        struct strbuf line = {0};
        for (size_t c = 0; c < t->ncols; c++) {
            struct strbuf cell = {0};
            plain(&cell, t->rows[i].c[c] ? t->rows[i].c[c] : "");
            const char *s = cell.buf ? cell.buf : "";
            size_t pad = w[c] - width_of(s);
            if (c)
                sb_append(&line, "  ");
            if (c == 0 || c == COL_N || c == COL_BUILD) /* words left-aligned */
                sb_printf(&line, "%s%*s", s, (int)pad, "");
            else
                sb_printf(&line, "%*s%s", (int)pad, "", s);
            sb_free(&cell);
        }
        while (line.len && line.buf[line.len - 1] == ' ')
            line.buf[--line.len] = '\0';
        sb_printf(out, "%s\n", line.buf);
        sb_free(&line);
    }
    if (*t->gnote)
        sb_printf(out, "geomean: %s\n", t->gnote);
}

static void md_intro(const struct comparison *c, const struct compare_opts *o,
                     struct strbuf *out)
{
    sb_append(out, "Comparing **");
    md_cell(out, c->A.label);
    sb_append(out, "** (old) with **");
    md_cell(out, c->B.label);
    sb_printf(out, "** (new), matched by %s; Mann-Whitney U two-sided over processes, "
                   "alpha %g.\n\n",
              c->match == COMPARE_BY_IMPL ? "impl" : "variant", o->alpha);
    for (size_t i = 0; i < c->notes.n; i++) {
        sb_append(out, "- ");
        md_cell(out, c->notes.v[i]);
        sb_append(out, "\n");
    }
    if (c->notes.n)
        sb_append(out, "\n");
}

static void md_table(struct table *t, struct strbuf *out)
{
    sb_append(out, "|");
    for (size_t c = 0; c < t->ncols; c++) {
        sb_append(out, " ");
        md_cell(out, t->rows[0].c[c]);
        sb_append(out, " |");
    }
    sb_append(out, "\n|");
    for (size_t c = 0; c < t->ncols; c++)
        sb_append(out, c == 0 || c == COL_N || c == COL_BUILD ? " :--- |" : " ---: |");
    sb_append(out, "\n");
    for (size_t i = 1; i < t->n; i++) {
        sb_append(out, "|");
        for (size_t c = 0; c < t->ncols; c++) {
            sb_append(out, " ");
            if (i == t->n - 1 && c == 0)
                sb_append(out, "**geomean**");
            else if (t->rows[i].c[c])
                md_cell(out, t->rows[i].c[c]);
            sb_append(out, " |");
        }
        sb_append(out, "\n");
    }
    sb_append(out, "\n");
}

static const struct markup text_markup = {text_intro, text_table, plain, "\n", "", "\n"};
static const struct markup md_markup = {md_intro, md_table, md_cell, "", "\n", "\n\n"};

/* What the markers mean, and what only one run has. */
static void footer(const struct comparison *c, const struct compare_opts *o,
                   const struct markup *mk, struct strbuf *out)
{
    struct strbuf f = {0};
    sb_printf(&f, "%zu results in both runs", c->n_paired);
    if (c->only_a || c->only_b)
        sb_printf(&f, ", %zu only in old, %zu only in new", c->only_a, c->only_b);
    sb_printf(&f, ". ~: no change claimed: p >= %g, or the change is smaller than mde, the "
                  "larger of the two runs' smallest resolvable change (alpha 0.05, power "
                  "80 %%). one process: every sample of a side came from one process, "
                  "so there is nothing independent to test. verdict: yes/no results, "
                  "compared as they are. CIs: leak slopes, compared by their 95 %% CIs.",
              o->alpha);
    if (c->n_too_few) {
        const struct cmp_row *r = c->first_too_few;
        sb_printf(&f, " ? and n/t: not tested (%zu results): with %zu+%zu processes the "
                      "smallest p the test can give is %.3f >= alpha %g, so no change could "
                      "be claimed whatever the values; run more repetitions (not `--quick`).",
                  c->n_too_few, r->a->n, r->b->n, r->min_p, o->alpha);
    }
    if (c->n_low)
        sb_printf(&f, " !: fewer than %d samples on a side (%zu results): the test has "
                      "little power there.",
                  LOW_N, c->n_low);
    sb_append(&f, " geomean: of the medians of the results in both runs.");
    if (c->shift.n_pairs) {
        sb_append(&f, " =: same build in both runs (equal GNU build ID, e.g. ");
        sb_printf(&f, "%.8s…): a change there comes from the machine, the OS or dlbench, not "
                      "the library.", c->shift.build_id);
    }
    if (c->shift.n_judged)
        sb_printf(&f, " vs shift: the change relative to the same-build rows' median shift "
                      "(new / (1 + shift) against old). While the machine moved, a timing row "
                      "of another build is claimed only when its change is claimed both as "
                      "measured and vs shift, in the same direction (%zu of %zu rows withheld; "
                      "p is of the values as measured).",
                  c->shift.n_withheld, c->shift.n_judged);
    sb_append(out, mk->before_footer);
    mk->text(out, f.buf);
    sb_append(out, "\n");
    sb_free(&f);
    for (int side = 0; side < 2; side++) {
        struct strbuf l = {0};
        size_t k = 0, tot = side ? c->only_b : c->only_a;
        for (size_t i = 0; i < c->nrows; i++) {
            const struct cmp_row *r = &c->rows[i];
            const struct cmp_series *s = side ? r->b : r->a;
            if (!s || (side ? r->a : r->b))
                continue;
            if (k++ < 8)
                sb_printf(&l, "%s%s %s", k > 1 ? ", " : "", r->name, s->key.metric);
        }
        if (tot) {
            if (tot > 8)
                sb_printf(&l, " and %zu more", tot - 8);
            sb_append(out, mk->before_list);
            sb_printf(out, "only in %s: ", side ? "new" : "old");
            mk->text(out, l.buf);
            sb_append(out, "\n");
        }
        sb_free(&l);
    }
}

static void render_markup(const struct comparison *c, const struct compare_opts *o,
                          const struct markup *mk, struct strbuf *out)
{
    mk->intro(c, o, out);
    struct strbuf sl = {0};
    shift_line(c, &sl);
    if (sl.len) {
        mk->text(out, sl.buf);
        sb_append(out, mk->after_shift);
    }
    sb_free(&sl);
    for (size_t k = 0; k < c->nmetrics; k++) {
        if (!c->metrics[k].n_paired)
            continue; /* listed under "only in" */
        struct table t;
        table_build(c, &c->metrics[k], &t);
        mk->table(&t, out);
        table_free(&t);
    }
    footer(c, o, mk, out);
}

/* ================================================================== CSV */

static void csv_row_out(struct strbuf *out, const char *metric, const char *unit,
                        const struct cmp_row *r, const char *name, double ma, double mb,
                        double change, const char *note)
{
    const struct cmp_series *s = r ? (r->a ? r->a : r->b) : NULL;
    const char *f[] = {metric,
                       unit,
                       name,
                       r && r->a ? r->a->key.variant : "",
                       r && r->b ? r->b->key.variant : "",
                       s ? s->key.scenario : "",
                       s ? s->key.workload : "",
                       s ? s->key.thread : ""};
    for (size_t i = 0; i < ARRAY_LEN(f); i++) {
        csv_field(out, f[i]);
        sb_appendc(out, ',');
    }
    int paired = 0;
    double p = NAN;
    if (r && r->a && r->b) {
        paired = 1;
        p = r->p;
    }
    double nums[] = {ma, mb, change, p};
    for (size_t i = 0; i < ARRAY_LEN(nums); i++) {
        csv_number(out, nums[i]);
        sb_appendc(out, ',');
    }
    if (r && r->a)
        sb_printf(out, "%zu", r->a->n);
    sb_appendc(out, ',');
    if (r && r->b)
        sb_printf(out, "%zu", r->b->n);
    sb_appendc(out, ',');
    if (paired && r)
        sb_append(out, r->claim == CLAIM_DIFFERENT ? "1" : "0");
    sb_appendc(out, ',');
    csv_field(out, note);
    double mde[] = {r && r->a ? r->a->mde_pct : NAN, r && r->b ? r->b->mde_pct : NAN};
    for (size_t i = 0; i < ARRAY_LEN(mde); i++) {
        sb_appendc(out, ',');
        csv_number(out, mde[i]);
    }
    sb_appendc(out, ',');
    if (paired && r)
        sb_append(out, test_name(r->test));
    /* same_build, change_vs_shift_pct, p_vs_shift, significant_as_measured */
    sb_appendc(out, ','); /* 1, 0, or empty when a side's build ID is unknown */
    if (paired && r && *r->a->build_id && *r->b->build_id)
        sb_append(out, r->same_build ? "1" : "0");
    sb_appendc(out, ',');
    csv_number(out, r && r->vs_shift ? r->change_vs_shift : NAN);
    sb_appendc(out, ',');
    csv_number(out, r && r->vs_shift ? r->p_vs_shift : NAN);
    sb_appendc(out, ',');
    if (paired && r)
        sb_append(out, r->claim_measured == CLAIM_DIFFERENT ? "1" : "0");
    sb_appendc(out, '\n');
}

/* The shift line as a row: metric same_build_shift, name its state,
 * change_pct the median, significant 1 when the machine moved. */
static void csv_shift_row(const struct comparison *c, struct strbuf *out)
{
    static const char *const states[] = {"", "few", "too_few", "stable", "moved", "unclear"};
    const struct cmp_shift *sh = &c->shift;
    if (sh->state == SHIFT_NONE)
        return;
    sb_printf(out, "same_build_shift,%%,%s,,,,,,,,", states[sh->state]);
    csv_number(out, sh->median_pct);
    sb_appendc(out, ',');
    sb_printf(out, ",,,%d,", sh->state == SHIFT_MOVED);
    struct strbuf note = {0};
    sb_printf(&note, "%zu of %zu same-build timing rows claimed", sh->n_claimed, sh->n_rows);
    if (sh->n_too_few)
        sb_printf(&note, "; %zu not tested: too few processes", sh->n_too_few);
    if (sh->n_rows >= SHIFT_MIN_ROWS) {
        sb_append(&note, "; from ");
        pct(&note, sh->lo_pct);
        sb_append(&note, " to ");
        pct(&note, sh->hi_pct);
        sb_append(&note, "; median mde ");
        mde_text(&note, sh->mde_pct);
    }
    if (sh->n_judged)
        sb_printf(&note, "; %zu of %zu rows of other builds withheld", sh->n_withheld,
                  sh->n_judged);
    csv_field(out, note.buf);
    sb_free(&note);
    sb_append(out, ",,,,,,,\n"); /* old_mde_pct .. significant_as_measured */
}

static void render_csv(const struct comparison *c, struct strbuf *out)
{
    sb_append(out, "metric,unit,name,old_variant,new_variant,scenario,workload,thread,"
                   "old_median,new_median,change_pct,p,old_n,new_n,significant,note,old_mde_pct,"
                   "new_mde_pct,test,same_build,change_vs_shift_pct,p_vs_shift,"
                   "significant_as_measured\n");
    for (size_t k = 0; k < c->nmetrics; k++) {
        const struct cmp_metric *m = &c->metrics[k];
        for (size_t i = 0; i < c->nrows; i++) {
            const struct cmp_row *r = &c->rows[i];
            const struct cmp_series *s = r->a ? r->a : r->b;
            if (strcmp(s->key.metric, m->metric))
                continue;
            const char *note = !r->b ? "only in old" : !r->a ? "only in new"
                               : r->test == CMP_TOO_FEW ? claim_words(CLAIM_TOO_FEW)
                               : r->low_n ? "n < 5" : "";
            csv_row_out(out, m->metric, s->unit, r, r->name, r->ma, r->mb, r->change, note);
        }
        if (m->n_paired)
            csv_row_out(out, m->metric, m->unit, NULL, "geomean", m->ga, m->gb, m->change,
                        m->nonpos ? "skipped: values <= 0" : "");
    }
    csv_shift_row(c, out);
}

void compare_render(const struct comparison *c, const struct compare_opts *o,
                    struct strbuf *out)
{
    if (o->format == COMPARE_CSV)
        render_csv(c, out);
    else
        render_markup(c, o, o->format == COMPARE_MARKDOWN ? &md_markup : &text_markup, out);
}
