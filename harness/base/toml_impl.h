/* toml_impl.h - what the files of the TOML reader share (base/toml_parse.c,
 * toml_node.c, toml_lex.c, toml_scalar.c); nothing outside them includes
 * it. The reader's design, limits and error format are described at the
 * top of toml_parse.c.
 *
 * Errors inside the reader: a function that fails records the first
 * "FILE:LINE:COL: message" in the parser (toml_fail_at) and returns -1 or
 * NULL; later failures are consequences and are not recorded. */
#ifndef DLBENCH_TOML_IMPL_H
#define DLBENCH_TOML_IMPL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "base/toml.h"
#include "base/util.h"

#define TOML_MAX_DEPTH 64
#define TOML_MAX_BYTES ((size_t)4 << 20)

/* ---------------------------------------------------------------- types */

/* How a table or array came to exist. TOML's redefinition rules depend on
 * it: a table created as the parent of a [header] may be defined later, one
 * defined by a header or by dotted keys may not be defined again, inline
 * tables and static arrays are closed once written. */
enum {
    N_EXPLICIT = 1u << 0, /* root, [header], [[header]] element, inline table */
    N_IMPLICIT = 1u << 1, /* parent of a header, not defined itself (yet) */
    N_DOTTED   = 1u << 2, /* created by a dotted key (a.b = 1 creates a) */
    N_FROZEN   = 1u << 3, /* inline table or static array: cannot grow */
    N_AOT      = 1u << 4  /* array created by [[header]]: may be appended */
};

struct tnode {
    struct toml_value v;  /* first, so a toml_value * is a tnode * */
    unsigned flags;
    int depth;            /* containers below the root; root is 0 */
    size_t cap;           /* allocated entries (table) or items (array) */
    uint32_t *slots;      /* table hash index: entry index + 1, 0 = empty */
    size_t nslots;        /* power of two, or 0 while the table is small */
};

struct parser {
    const unsigned char *s;
    size_t len;
    size_t pos;
    size_t bol;           /* offset of the first byte of the current line */
    int line;
    const char *file;
    char *err;
    size_t errlen;
    int failed;
    struct tnode *root;
    struct tnode *table;  /* where key = value lines of this section go */
    char fbuf[96];        /* describe(): "what was found" */
    char kbuf[2][160];    /* key and token names for messages */
    char vbuf[180];       /* value_ctx() */
};

#define COL(p) ((int)((p)->pos - (p)->bol + 1))

struct keypart {
    char *s;
    int line, col;
};

struct key {
    int n;
    struct keypart part[TOML_MAX_DEPTH];
};

/* ---------------------------------------------------------------- characters */

static inline int cur(const struct parser *p)
{
    return p->pos < p->len ? p->s[p->pos] : -1;
}

static inline int peek(const struct parser *p, size_t k)
{
    return p->pos + k < p->len ? p->s[p->pos + k] : -1;
}

static inline int is_bare(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static inline int is_ws(int c)
{
    return c == ' ' || c == '\t';
}

static inline int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* TOML forbids these (everything below U+0020 but tab, and DEL) unescaped
 * in strings and comments. */
static inline int is_control(int c)
{
    return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static inline int at_newline(const struct parser *p)
{
    return cur(p) == '\n' || (cur(p) == '\r' && peek(p, 1) == '\n');
}

/* ---------------------------------------------------------------- shared functions */

/* toml_lex.c: errors (the first one wins; both return -1). */
int toml_fail_at(struct parser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int toml_fail_here(struct parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* toml_lex.c: blanks, messages, pre-pass, comments, strings, keys. */
void toml_skip_ws(struct parser *p);
/* What is at the current position, for "found ..." in messages. */
const char *toml_found(struct parser *p);
/* s[0..n) quoted and shortened for a message, in buffer slot 0 or 1. */
const char *toml_show(struct parser *p, int slot, const char *s, size_t n);
int toml_check_bytes(struct parser *p);
int toml_skip_blank(struct parser *p);
int toml_end_of_line(struct parser *p, const char *after);
int toml_hex_val(int c);
int toml_parse_quoted(struct parser *p, struct strbuf *sb, int multi, int q);
int toml_at_triple(const struct parser *p, int q);
void toml_key_free(struct key *k);
const char *toml_key_name(struct parser *p, const struct key *k, int upto);
int toml_parse_key(struct parser *p, struct key *k);

/* toml_node.c: the tree. */
struct tnode *toml_node_new(enum toml_type type, int line, int col, int depth, unsigned flags);
void toml_node_free(struct tnode *n);
struct toml_entry *toml_table_find(struct tnode *t, const char *key);
struct toml_entry *toml_table_add(struct tnode *t, char *key, int line, int col,
                                  struct tnode *val);
void toml_array_push(struct tnode *a, struct tnode *v);
struct tnode *toml_as_node(struct toml_value *v);
const char *toml_kind_with_article(const struct tnode *n);

/* toml_scalar.c: bare values (numbers, booleans, date-time errors). */
const char *toml_value_ctx(struct parser *p, const struct key *k);
int toml_is_token_char(int c);
struct tnode *toml_parse_token(struct parser *p, int depth, const struct key *k);

#endif
