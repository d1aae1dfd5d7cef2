/* csv.h - RFC 4180 CSV: quoting for writers, a strict reader for the files
 * dlbench itself writes (results.csv, summary.csv, failures.csv), so
 * `plot`, `compare` and the report can work on any earlier run. */
#ifndef DLBENCH_CSV_H
#define DLBENCH_CSV_H

#include <stddef.h>

#include "base/util.h"

/* Appends s as one CSV field: quoted (with "" for ") when it contains a
 * comma, quote, CR or LF, or starts/ends with a space. */
void csv_field(struct strbuf *sb, const char *s);
/* Appends a number the way every dlbench CSV writes numbers: %.6g for
 * most values, integers without a fraction; "" for NaN. */
void csv_number(struct strbuf *sb, double v);

struct csv_table {
    size_t n_cols;
    char **header;     /* n_cols names */
    size_t n_rows;
    char ***rows;      /* n_rows x n_cols fields */
};

/* Parses text into t. Every row must have as many fields as the header.
 * Returns 0, or -1 with "FILE:LINE: message" in err. */
int csv_parse(const char *text, size_t len, const char *name, struct csv_table *t, char *err,
              size_t errlen);
/* Reads and parses a file (at most 512 MiB). */
int csv_load(const char *path, struct csv_table *t, char *err, size_t errlen);
void csv_free(struct csv_table *t);
/* A cell as a number: NaN when it is empty or not wholly a number. */
double csv_num(const char *cell);
/* Index of a column by name, or -1. */
int csv_col(const struct csv_table *t, const char *name);

#endif
