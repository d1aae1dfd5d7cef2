/* toml.h - a small, strict reader for the subset of TOML 1.0 that
 * bench.toml needs.
 *
 * Supported: comments, bare/quoted/dotted keys, [tables], [[arrays of
 * tables]], inline tables, basic and literal strings (single-line and
 * multi-line, with all TOML escapes), integers (decimal with '_', hex/oct/bin),
 * floats (incl. exponent, inf, nan), booleans, arrays (mixed types allowed, as
 * in TOML 1.0).
 * Not supported (rejected with an error naming what was found): date-times.
 *
 * Only config.c uses this header; everything else sees plain C structs. */
#ifndef DLBENCH_TOML_H
#define DLBENCH_TOML_H

#include <stddef.h>
#include <stdint.h>

enum toml_type {
    TOML_TABLE,
    TOML_ARRAY,
    TOML_STRING,
    TOML_INT,
    TOML_FLOAT,
    TOML_BOOL
};

struct toml_value;

/* One key = value pair of a table, with where the key was written. */
struct toml_entry {
    char *key;              /* the key's last component, unescaped */
    int line, col;          /* 1-based position of the key */
    struct toml_value *val;
};

struct toml_value {
    enum toml_type type;
    int line, col;          /* 1-based position where the value starts
                             * (for a [table]: its header) */
    union {
        char *s;            /* TOML_STRING: NUL-terminated, may not contain NUL */
        int64_t i;          /* TOML_INT */
        double f;           /* TOML_FLOAT */
        int b;              /* TOML_BOOL: 0 or 1 */
        struct {
            size_t n;
            struct toml_entry *entries;   /* in document order */
        } table;
        struct {
            size_t n;
            struct toml_value **items;
        } array;
    } u;
};

/* Parses text (len bytes, need not be NUL-terminated) and returns the root
 * table, or NULL with "FILE:LINE:COL: message" in errbuf (FILE is the
 * filename argument). Messages say what was expected and what was found,
 * e.g. "expected '=' after key 'name', found '\"'". Never crashes or
 * hangs on any input; nesting depth and document size are bounded. */
struct toml_value *toml_parse(const char *text, size_t len, const char *filename,
                              char *errbuf, size_t errlen);
void toml_free(struct toml_value *v);

/* The value of key in table t, or NULL. t must be a TOML_TABLE. */
const struct toml_value *toml_get(const struct toml_value *t, const char *key);
/* The entry (with position) of key in table t, or NULL. */
const struct toml_entry *toml_get_entry(const struct toml_value *t, const char *key);
/* "table", "array", "string", "integer", "float", "boolean". */
const char *toml_type_name(enum toml_type t);

#endif
