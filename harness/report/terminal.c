/* terminal.c - report_print_summary(): the headline numbers and up to
 * five key findings of a run, and how many more report.md has, for a
 * terminal (report.h). */
#define _GNU_SOURCE
#include "report/report.h"

#include <string.h>

#include "report/build.h"
#include "results/verdicts.h"

/* Display width of UTF-8 text (one column per code point). */
static size_t cols_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Prints s sanitised (no control characters), cut to width columns and
 * padded to it; right-aligned unless left. */
static void term_cell(FILE *f, const char *s, size_t width, int left)
{
    struct strbuf sb = {0};
    size_t w = 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xC0) != 0x80 && w == width) {
            /* cut: replace the last column with '~' */
            while (sb.len && ((unsigned char)sb.buf[sb.len - 1] & 0xC0) == 0x80)
                sb.len--;
            if (sb.len)
                sb.len--;
            if (sb.buf) /* NULL when width is 0 */
                sb.buf[sb.len] = '\0';
            sb_appendc(&sb, '~');
            break;
        }
        if ((c & 0xC0) != 0x80)
            w++;
        sb_appendc(&sb, c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
    sb_append(&sb, "");
    size_t pad = width > cols_of(sb.buf) ? width - cols_of(sb.buf) : 0;
    if (left)
        fprintf(f, "%s%*s", sb.buf, (int)pad, "");
    else
        fprintf(f, "%*s%s", (int)pad, "", sb.buf);
    sb_free(&sb);
}

/* Prints text word-wrapped to width columns: first, then indent. */
static void term_wrap(FILE *f, const char *text, const char *first, const char *indent,
                      size_t width)
{
    const char *lead = first;
    const char *p = text;
    while (*p) {
        size_t room = width - cols_of(lead), used = 0, cut = 0, i = 0;
        /* the longest prefix of whole words within room columns */
        for (; p[i]; i++) {
            if (((unsigned char)p[i] & 0xC0) != 0x80) {
                if (used == room)
                    break;
                used++;
            }
            if (p[i] == ' ')
                cut = i;
        }
        if (!p[i] || p[i] == ' ') {
            cut = i;
        } else if (!cut) { /* one word longer than the line */
            const char *sp = strchr(p + i, ' ');
            cut = sp ? (size_t)(sp - p) : strlen(p);
        }
        fputs(lead, f);
        for (size_t k = 0; k < cut; k++)
            fputc((unsigned char)p[k] < 0x20 || p[k] == 0x7f ? '?' : p[k], f);
        fputc('\n', f);
        p += cut;
        while (*p == ' ')
            p++;
        lead = indent;
    }
}

void report_print_summary(const char *run_dir, FILE *f)
{
    struct run_model d;
    struct report_doc m;
    char err[1024];
    if (run_model_read(&d, run_dir, RM_NEED_SUMMARY, err, sizeof err) != 0) {
        fprintf(f, "no summary: %s\n", err);
        run_model_free(&d);
        return;
    }
    verdicts_ensure(&d);
    report_doc_build(&m, &d);
    /* columns shown: name + those with a terminal header */
    size_t w = REPORT_NCOLS + 1, widths[REPORT_NCOLS + 1];
    const char *heads[REPORT_NCOLS + 1];
    int show[REPORT_NCOLS + 1];
    heads[0] = "variant";
    show[0] = 1;
    widths[0] = 7;
    for (size_t c = 0; c < REPORT_NCOLS; c++) {
        show[c + 1] = *report_cols[c].term != '\0';
        heads[c + 1] = report_cols[c].workload && !strcmp(report_cols[c].workload, "FIB")
                           ? (m.fib[0] ? m.fib : "fib") : report_cols[c].term;
        widths[c + 1] = cols_of(heads[c + 1]);
    }
    for (size_t i = 0; i < d.nv; i++)
        for (size_t c = 0; c < w; c++) {
            size_t cw = cols_of(m.term[i * w + c]);
            if (cw > widths[c])
                widths[c] = cw;
        }
    /* The variant column is never cut: names are short (variants.c) and
     * "go@usr_lib_go-1.2~" would hide which release a row is. */
    /* Numbers fit in 10; the leak column lists every resource that leaks
     * ("8.33 KiB+1 thread"), and a cut one would hide one. */
    for (size_t c = 1; c < w; c++) {
        size_t cap = report_cols[c - 1].kind == COL_LEAK ? 28 : 10;
        if (widths[c] > cap)
            widths[c] = cap;
    }
    for (size_t c = 0; c < w; c++) {
        if (!show[c])
            continue;
        if (c)
            fputs("  ", f);
        term_cell(f, heads[c], widths[c], c == 0);
    }
    fputc('\n', f);
    for (size_t i = 0; i < d.nv; i++) {
        for (size_t c = 0; c < w; c++) {
            if (!show[c])
                continue;
            if (c)
                fputs("  ", f);
            term_cell(f, m.term[i * w + c], widths[c], c == 0);
        }
        fputc('\n', f);
    }
    /* up to five findings, most important first; the number of the rest */
    int shown = 0;
    for (int prio = 1; prio <= 9 && shown < 5; prio++)
        for (size_t i = 0; i < m.nf && shown < 5; i++) {
            if (m.f[i].prio != prio)
                continue;
            if (!shown)
                fputs("\nkey findings:\n", f);
            term_wrap(f, m.f[i].text, "  - ", "    ", 118);
            shown++;
        }
    /* never drop one silently: say how many more report.md has */
    int more = -shown;
    for (size_t i = 0; i < m.nf; i++)
        more += m.f[i].prio >= 1 && m.f[i].prio <= 9;
    if (more > 0)
        fprintf(f, "  - and %d more: see report.md\n", more);
    fprintf(f, "\nfull report: %s/report.md\n", run_dir);
    doc_free(&m);
    run_model_free(&d);
}
