/* md.c - report.md: the doc rendered as GitHub-flavoured Markdown. */
#define _GNU_SOURCE
#include "report/render.h"

#include <string.h>

/* Inline text: backslash-escapes what Markdown (GFM) would interpret, so
 * a variant named "x<script>" or "a|b" stays text; control characters
 * become spaces. */
static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static void md_text(struct strbuf *sb, const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        /* '_' inside a word ("ns_per_call") is never emphasis in GFM; '#'
         * only starts a heading at the start of a line */
        int esc = strchr("\\`*[]<>|~&", c) != NULL ||
                  (c == '_' && !(p > s && is_alnum(p[-1]) && is_alnum(p[1]))) ||
                  (c == '#' && p == s);
        if (c < 0x20 || c == 0x7f)
            sb_appendc(sb, ' ');
        else if (esc)
            sb_appendc(sb, '\\'), sb_appendc(sb, (char)c);
        else
            sb_appendc(sb, (char)c);
    }
}

/* A fenced block that no backtick run inside the text can close. */
static void md_fenced(struct strbuf *sb, const char *s)
{
    size_t run = 0, best = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    size_t fence = best >= 3 ? best + 1 : 3;
    for (size_t i = 0; i < fence; i++)
        sb_appendc(sb, '`');
    sb_append(sb, "text\n");
    size_t len = strlen(s);
    while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        sb_appendc(sb, (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? '?' : (char)c);
    }
    sb_appendc(sb, '\n');
    for (size_t i = 0; i < fence; i++)
        sb_appendc(sb, '`');
    sb_appendc(sb, '\n');
}


/* A table of the headline's shape: heads, then cells[nv x (REPORT_NCOLS + 1)]. */
static void md_cells(struct strbuf *o, const struct report_doc *m, char *const *cells)
{
    size_t w = REPORT_NCOLS + 1;
    sb_append(o, "|");
    for (size_t c = 0; c < w; c++) {
        sb_append(o, " ");
        md_text(o, m->heads[c]);
        sb_append(o, " |");
    }
    sb_append(o, "\n|");
    for (size_t c = 0; c < w; c++)
        sb_append(o, c ? " ---: |" : " :--- |");
    sb_append(o, "\n");
    for (size_t i = 0; i < m->rm->nv; i++) {
        sb_append(o, "|");
        for (size_t c = 0; c < w; c++) {
            sb_append(o, " ");
            md_text(o, cells[i * w + c]);
            sb_append(o, " |");
        }
        sb_append(o, "\n");
    }
    sb_append(o, "\n");
}

void render_md(const struct report_doc *m, struct strbuf *o)
{
    const struct run_model *d = m->rm;
    sb_append(o, "# ");
    md_text(o, m->title);
    sb_append(o, "\n\n");
    md_text(o, m->setup);
    sb_append(o, "\n\n");
    if (m->status_note) {
        sb_append(o, "**");
        md_text(o, m->status_note);
        sb_append(o, "**\n\n");
    }

    sb_append(o, "## Headline\n\n");
    md_cells(o, m, m->cells);
    md_text(o, m->legend);
    sb_append(o, "\n\n## Precision\n\n");
    md_cells(o, m, m->prec);
    md_text(o, m->prec_legend);
    sb_append(o, "\n\n## Findings\n\n");
    md_text(o, m->findings_intro);
    sb_append(o, "\n\n");
    for (size_t i = 0; i < m->nf; i++) {
        sb_append(o, m->f[i].level ? "  - " : "- ");
        md_text(o, m->f[i].text);
        sb_append(o, "\n");
    }
    if (!m->nf)
        sb_append(o, "No findings: nothing was measured.\n");

    if (m->engines_rows) {
        sb_append(o, "\n## Engines\n\n");
        md_text(o, m->engines_intro);
        sb_append(o, "\n\n|");
        for (size_t c = 0; c < ENGINES_NCOLS; c++) {
            sb_append(o, " ");
            md_text(o, m->engines_heads[c]);
            sb_append(o, " |");
        }
        sb_append(o, "\n|");
        for (size_t c = 0; c < ENGINES_NCOLS; c++)
            sb_append(o, c >= 3 ? " ---: |" : " :--- |");
        sb_append(o, "\n");
        for (size_t r = 0; r < m->engines_rows; r++) {
            sb_append(o, "|");
            for (size_t c = 0; c < ENGINES_NCOLS; c++) {
                sb_append(o, " ");
                md_text(o, m->engines_cells[r * ENGINES_NCOLS + c]);
                sb_append(o, " |");
            }
            sb_append(o, "\n");
        }
        sb_append(o, "\n");
        md_text(o, m->engines_note);
        sb_append(o, "\n");
    }

    if (m->ncharts) {
        sb_append(o, "\n## Charts\n\n");
        for (size_t i = 0; i < m->ncharts; i++) {
            const struct rm_chart *c = &d->charts[m->charts[i]];
            sb_printf(o, "![%s](charts/%s.%s)\n\n", chart_title(c->name), c->name,
                      c->png ? "png" : "svg");
        }
        o->len--;
        o->buf[o->len] = '\0';
    }

    sb_append(o, "\n## Warnings\n\n");
    for (size_t i = 0; i < m->warnings.n; i++) {
        sb_append(o, "- ");
        md_text(o, m->warnings.v[i]);
        sb_append(o, "\n");
    }
    if (!m->warnings.n)
        sb_append(o, "None.\n");

    sb_append(o, "\n## Failures\n\n");
    size_t nfail = d->nf;
    for (size_t r = 0; r < nfail; r++) {
        sb_append(o, "### ");
        md_text(o, d->f[r].variant);
        sb_append(o, ": ");
        md_text(o, d->f[r].scenario);
        sb_append(o, "\n\n");
        md_text(o, d->f[r].cause);
        sb_append(o, "\n\n");
        if (*d->f[r].log) {
            md_fenced(o, d->f[r].log);
            sb_append(o, "\n");
        }
        if (*d->f[r].log_file) {
            sb_append(o, "Whole log: ");
            md_text(o, d->f[r].log_file);
            sb_append(o, "\n\n");
        }
    }
    if (!nfail)
        sb_append(o, "None.\n\n");

    sb_append(o, "## Environment\n\n");
    struct strbuf env = {0};
    for (size_t i = 0; i < d->nenv; i++)
        sb_printf(&env, "%s: %s\n", d->env[i].key, d->env[i].value);
    if (d->nenv)
        md_fenced(o, env.buf);
    else
        sb_append(o, "No env.txt in the run folder.\n");
    sb_free(&env);

    sb_append(o, "\n## How to reproduce\n\n");
    md_text(o, m->repro_note);
    sb_append(o, "\n\n```sh\n");
    for (size_t i = 0; i < m->repro.n; i++)
        sb_printf(o, "%s\n", m->repro.v[i]);
    sb_append(o, "```\n");
}

