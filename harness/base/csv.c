/* csv.c - see csv.h. */
#define _GNU_SOURCE
#include "base/csv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_field(struct strbuf *sb, const char *s)
{
    size_t n = strlen(s);
    int quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (const char *p = s; *p && !quote; p++)
        quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
    if (!quote) {
        sb_appendn(sb, s, n);
        return;
    }
    sb_appendc(sb, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sb_appendc(sb, '"');
        sb_appendc(sb, *p);
    }
    sb_appendc(sb, '"');
}

void csv_number(struct strbuf *sb, double v)
{
    if (isnan(v))
        return;
    if (isinf(v)) {
        sb_append(sb, v > 0 ? "inf" : "-inf");
        return;
    }
    if (v == (double)(long long)v && fabs(v) < 1e15)
        sb_printf(sb, "%lld", (long long)v);
    else
        sb_printf(sb, "%.6g", v);
}

static void push_field(char ***fields, size_t *n, struct strbuf *f)
{
    *fields = xrealloc(*fields, (*n + 1) * sizeof **fields);
    (*fields)[(*n)++] = sb_detach(f);
}

static void free_fields(char **fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(fields[i]);
    free(fields);
}

int csv_parse(const char *text, size_t len, const char *name, struct csv_table *t, char *err,
              size_t errlen)
{
    memset(t, 0, sizeof *t);
    size_t i = 0, line = 1, cap = 0;
    while (i < len) {
        char **fields = NULL;
        size_t nf = 0;
        size_t row_line = line;
        struct strbuf f = {0};
        for (;;) {
            /* one field */
            if (i < len && text[i] == '"') {
                i++;
                for (;;) {
                    if (i >= len) {
                        snprintf(err, errlen, "%s:%zu: unterminated quoted field", name, row_line);
                        sb_free(&f);
                        free_fields(fields, nf);
                        csv_free(t);
                        return -1;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < len && text[i + 1] == '"') {
                            sb_appendc(&f, '"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (text[i] == '\n')
                        line++;
                    sb_appendc(&f, text[i++]);
                }
                if (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    snprintf(err, errlen, "%s:%zu: unexpected character after a quoted field",
                             name, line);
                    sb_free(&f);
                    free_fields(fields, nf);
                    csv_free(t);
                    return -1;
                }
            } else {
                while (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    sb_appendc(&f, text[i++]);
            }
            push_field(&fields, &nf, &f);
            if (i < len && text[i] == ',') {
                i++;
                continue;
            }
            if (i < len && text[i] == '\r')
                i++;
            if (i < len && text[i] == '\n')
                i++;
            line++;
            break;
        }
        if (!t->header) {
            t->header = fields;
            t->n_cols = nf;
            continue;
        }
        if (nf != t->n_cols) {
            snprintf(err, errlen, "%s:%zu: expected %zu fields, found %zu", name, row_line,
                     t->n_cols, nf);
            free_fields(fields, nf);
            csv_free(t);
            return -1;
        }
        if (t->n_rows == cap) {
            cap = cap ? cap * 2 : 256;
            t->rows = xrealloc(t->rows, cap * sizeof *t->rows);
        }
        t->rows[t->n_rows++] = fields;
    }
    if (!t->header) {
        snprintf(err, errlen, "%s:1: empty file (no header)", name);
        return -1;
    }
    return 0;
}

int csv_load(const char *path, struct csv_table *t, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = read_file(path, &len, (size_t)512 << 20);
    if (!text) {
        memset(t, 0, sizeof *t);
        snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    int rc = csv_parse(text, len, path, t, err, errlen);
    free(text);
    return rc;
}

void csv_free(struct csv_table *t)
{
    free_fields(t->header, t->n_cols);
    for (size_t r = 0; r < t->n_rows; r++)
        free_fields(t->rows[r], t->n_cols);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

int csv_col(const struct csv_table *t, const char *name)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (!strcmp(t->header[i], name))
            return (int)i;
    return -1;
}

double csv_num(const char *cell)
{
    if (!cell || !*cell)
        return NAN;
    char *end;
    double v = strtod(cell, &end);
    return *end ? NAN : v;
}
