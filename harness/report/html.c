/* html.c - report.html: the doc rendered as one self-contained HTML page
 * (charts inlined as data: URIs). */
#define _GNU_SOURCE
#include "report/render.h"

#include <stdlib.h>
#include <string.h>

static void html_text(struct strbuf *sb, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': sb_append(sb, "&amp;"); break;
        case '<': sb_append(sb, "&lt;"); break;
        case '>': sb_append(sb, "&gt;"); break;
        case '"': sb_append(sb, "&quot;"); break;
        case '\'': sb_append(sb, "&#39;"); break;
        default:
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
                sb_appendc(sb, '?');
            else
                sb_appendc(sb, (char)c);
        }
    }
}

/* A cell of the headline or precision table on two or three lines, so
 * twelve columns fit 1400 px: the value (a CI "a to b" as "a", "to b"),
 * then what follows it - in parentheses or brackets (the ratio to the
 * baseline, a CI, "(baseline)") or after "; " (the mde) - under it in
 * grey. */
static void html_cell(struct strbuf *sb, const char *s)
{
    const char *cut = NULL;
    static const char *const seps[] = {" (", " [", "; "};
    for (size_t i = 0; i < ARRAY_LEN(seps); i++) {
        const char *p = strstr(s, seps[i]);
        if (p && (!cut || p < cut))
            cut = p;
    }
    char *head = xstrndup(s, cut ? (size_t)(cut - s) : strlen(s));
    char *to = strstr(head, " to ");
    if (to) {
        *to = '\0';
        html_text(sb, head);
        sb_append(sb, "<br>");
        html_text(sb, to + 1);
    } else {
        html_text(sb, head);
    }
    if (cut) {
        sb_append(sb, "<br><span class=\"sub\">");
        html_text(sb, cut + (cut[0] == ';' ? 2 : 1));
        sb_append(sb, "</span>");
    }
    free(head);
}

static void base64(struct strbuf *sb, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        sb_appendc(sb, tab[(v >> 18) & 63]);
        sb_appendc(sb, tab[(v >> 12) & 63]);
        sb_appendc(sb, i + 1 < n ? tab[(v >> 6) & 63] : '=');
        sb_appendc(sb, i + 2 < n ? tab[v & 63] : '=');
    }
}

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1200px;"
    "margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
    "h1{font-size:1.5em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}"
    "table{border-collapse:collapse;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right;white-space:nowrap}"
    "table.headline{width:100%}table.headline th{white-space:normal;vertical-align:bottom}"
    "table.headline td{padding:.25em .45em}.sub{color:#666;font-size:.85em}"
    "th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}"
    "tr.failed td{color:#a00}pre{background:#f6f6f6;padding:.8em;overflow-x:auto}"
    "figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}"
    ".note{color:#555;font-size:.9em}.status{color:#a00;font-weight:bold}";


/* A table of the headline's shape: heads, then cells[nv x (REPORT_NCOLS + 1)],
 * each cell on two lines (html_cell) so the table fits 1400 px. */
static void html_cells(struct strbuf *o, const struct report_doc *m, char *const *cells)
{
    const struct run_model *d = m->rm;
    size_t w = REPORT_NCOLS + 1;
    sb_append(o, "<table class=\"headline\">\n<thead><tr>");
    for (size_t c = 0; c < w; c++) {
        sb_append(o, "<th>");
        html_text(o, m->heads[c]);
        sb_append(o, "</th>");
    }
    sb_append(o, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < d->nv; i++) {
        sb_append(o, d->v[i].ok ? "<tr>" : "<tr class=\"failed\">");
        for (size_t c = 0; c < w; c++) {
            sb_append(o, "<td>");
            html_cell(o, cells[i * w + c]);
            sb_append(o, "</td>");
        }
        sb_append(o, "</tr>\n");
    }
    sb_append(o, "</tbody>\n</table>\n");
}

/* The Engines section, when the run has Google Benchmark rows. */
static void html_engines(const struct report_doc *m, struct strbuf *o)
{
    if (!m->engines_rows)
        return;
    sb_append(o, "<h2>Engines</h2>\n<p class=\"note\">");
    html_text(o, m->engines_intro);
    sb_append(o, "</p>\n<table>\n<thead><tr>");
    for (size_t c = 0; c < ENGINES_NCOLS; c++) {
        sb_append(o, "<th>");
        html_text(o, m->engines_heads[c]);
        sb_append(o, "</th>");
    }
    sb_append(o, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < m->engines_rows; r++) {
        sb_append(o, "<tr>");
        for (size_t c = 0; c < ENGINES_NCOLS; c++) {
            sb_append(o, "<td>");
            html_text(o, m->engines_cells[r * ENGINES_NCOLS + c]);
            sb_append(o, "</td>");
        }
        sb_append(o, "</tr>\n");
    }
    sb_append(o, "</tbody>\n</table>\n<p>");
    html_text(o, m->engines_note);
    sb_append(o, "</p>\n");
}

void render_html(const struct report_doc *m, struct strbuf *o)
{
    const struct run_model *d = m->rm;
    sb_append(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>");
    html_text(o, m->title);
    sb_printf(o, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
    html_text(o, m->title);
    sb_append(o, "</h1>\n<p>");
    html_text(o, m->setup);
    sb_append(o, "</p>\n");
    if (m->status_note) {
        sb_append(o, "<p class=\"status\">");
        html_text(o, m->status_note);
        sb_append(o, "</p>\n");
    }

    sb_append(o, "<h2>Headline</h2>\n");
    html_cells(o, m, m->cells);
    sb_append(o, "<p class=\"note\">");
    html_text(o, m->legend);
    sb_append(o, "</p>\n<h2>Precision</h2>\n");
    html_cells(o, m, m->prec);
    sb_append(o, "<p class=\"note\">");
    html_text(o, m->prec_legend);
    sb_append(o, "</p>\n");

    sb_append(o, "<h2>Findings</h2>\n<p class=\"note\">");
    html_text(o, m->findings_intro);
    sb_append(o, "</p>\n<ul>\n");
    for (size_t i = 0; i < m->nf; i++) {
        /* a nested item closes when the next one is not nested */
        if (m->f[i].level)
            sb_append(o, "  ");
        sb_append(o, "<li>");
        html_text(o, m->f[i].text);
        int next_nested = i + 1 < m->nf && m->f[i + 1].level;
        if (!m->f[i].level && next_nested) {
            sb_append(o, "\n<ul>\n");
            continue;
        }
        sb_append(o, "</li>\n");
        if (m->f[i].level && !next_nested)
            sb_append(o, "</ul></li>\n");
    }
    sb_append(o, "</ul>\n");

    html_engines(m, o);

    if (m->ncharts) {
        sb_append(o, "<h2>Charts</h2>\n");
        for (size_t i = 0; i < m->ncharts; i++) {
            const struct rm_chart *c = &d->charts[m->charts[i]];
            /* Charts go in as data: URIs of <img>: the page stays one file,
             * and text inside an SVG (variant names) can neither break the
             * page's markup nor run script. */
            const char *path = c->svg ? c->svg : c->png;
            size_t len;
            char *bytes = read_file(path, &len, 64 << 20);
            if (!bytes)
                continue;
            sb_append(o, "<figure><img alt=\"");
            html_text(o, chart_title(c->name));
            sb_printf(o, "\" src=\"data:image/%s;base64,", c->svg ? "svg+xml" : "png");
            base64(o, (const unsigned char *)bytes, len);
            sb_append(o, "\"><figcaption>");
            html_text(o, chart_title(c->name));
            sb_append(o, "</figcaption></figure>\n");
            free(bytes);
        }
    }

    sb_append(o, "<h2>Warnings</h2>\n");
    if (m->warnings.n) {
        sb_append(o, "<ul>\n");
        for (size_t i = 0; i < m->warnings.n; i++) {
            sb_append(o, "<li>");
            html_text(o, m->warnings.v[i]);
            sb_append(o, "</li>\n");
        }
        sb_append(o, "</ul>\n");
    } else {
        sb_append(o, "<p>None.</p>\n");
    }

    sb_append(o, "<h2>Failures</h2>\n");
    size_t nfail = d->nf;
    for (size_t r = 0; r < nfail; r++) {
        sb_append(o, "<h3>");
        html_text(o, d->f[r].variant);
        sb_append(o, ": ");
        html_text(o, d->f[r].scenario);
        sb_append(o, "</h3>\n<p>");
        html_text(o, d->f[r].cause);
        sb_append(o, "</p>\n");
        if (*d->f[r].log) {
            sb_append(o, "<pre>");
            html_text(o, d->f[r].log);
            sb_append(o, "</pre>\n");
        }
        if (*d->f[r].log_file) {
            sb_append(o, "<p class=\"note\">Whole log: <a href=\"");
            html_text(o, d->f[r].log_file);
            sb_append(o, "\">");
            html_text(o, d->f[r].log_file);
            sb_append(o, "</a></p>\n");
        }
    }
    if (!nfail)
        sb_append(o, "<p>None.</p>\n");

    sb_append(o, "<h2>Environment</h2>\n");
    if (d->nenv) {
        sb_append(o, "<table>\n");
        for (size_t i = 0; i < d->nenv; i++) {
            sb_append(o, "<tr><td>");
            html_text(o, d->env[i].key);
            sb_append(o, "</td><td style=\"text-align:left;white-space:normal\">");
            html_text(o, d->env[i].value);
            sb_append(o, "</td></tr>\n");
        }
        sb_append(o, "</table>\n");
    } else {
        sb_append(o, "<p>No env.txt in the run folder.</p>\n");
    }

    sb_append(o, "<h2>How to reproduce</h2>\n<p>");
    html_text(o, m->repro_note);
    sb_append(o, "</p>\n<pre>");
    for (size_t i = 0; i < m->repro.n; i++) {
        html_text(o, m->repro.v[i]);
        sb_append(o, "\n");
    }
    sb_append(o, "</pre>\n</body>\n</html>\n");
}

