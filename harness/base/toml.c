/* toml.c - a strict reader for the subset of TOML 1.0 described in toml.h.
 *
 * Shape: one pass over the bytes. A cheap pre-pass rejects what TOML forbids
 * everywhere (NUL bytes, invalid UTF-8, a carriage return without a newline)
 * so the parser proper can assume well-formed UTF-8 lines. Then a recursive
 * descent parser builds the tree directly; recursion only happens for arrays
 * and inline tables and is bounded by TOML_MAX_DEPTH.
 *
 * Positions: lines and columns are 1-based. A column counts BYTES from the
 * start of the line, not characters (a UTF-8 BOM at the start of the file
 * counts as 3 bytes). Errors are "FILE:LINE:COL: message" and say what was
 * expected and what was found.
 *
 * Limits, so that no input can crash, hang or exhaust the stack:
 *   - documents larger than TOML_MAX_BYTES are refused up front;
 *   - tables, arrays and inline tables nest at most TOML_MAX_DEPTH levels
 *     below the root (counting every table of a dotted key or header);
 *   - every table keeps a hash index once it has a few keys, so 10,000
 *     [[impl]] tables or keys cost linear time, not quadratic.
 *
 * Every value is allocated as a struct tnode whose first member is the public
 * struct toml_value; the extra fields (how a table was defined, its hash
 * index) are private to this file. */
#define _POSIX_C_SOURCE 200809L
#include "base/toml.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOML_MAX_DEPTH 64
#define TOML_MAX_BYTES ((size_t)4 << 20)

/* ---------------------------------------------------------------- nodes */

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

/* Below this many keys a linear scan is as fast as hashing. */
#define INDEX_FROM 8

static struct tnode *node_new(enum toml_type type, int line, int col, int depth,
                              unsigned flags)
{
    struct tnode *n = xcalloc(1, sizeof *n);
    n->v.type = type;
    n->v.line = line;
    n->v.col = col;
    n->depth = depth;
    n->flags = flags;
    return n;
}

static void node_free(struct tnode *n)
{
    if (!n)
        return;
    switch (n->v.type) {
    case TOML_STRING:
        free(n->v.u.s);
        break;
    case TOML_TABLE:
        for (size_t i = 0; i < n->v.u.table.n; i++) {
            free(n->v.u.table.entries[i].key);
            node_free((struct tnode *)n->v.u.table.entries[i].val);
        }
        free(n->v.u.table.entries);
        free(n->slots);
        break;
    case TOML_ARRAY:
        for (size_t i = 0; i < n->v.u.array.n; i++)
            node_free((struct tnode *)n->v.u.array.items[i]);
        free(n->v.u.array.items);
        break;
    default:
        break;
    }
    free(n);
}

static uint32_t hash_key(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

static void index_insert(struct tnode *t, size_t idx)
{
    size_t mask = t->nslots - 1;
    size_t h = hash_key(t->v.u.table.entries[idx].key) & mask;
    while (t->slots[h])
        h = (h + 1) & mask;
    t->slots[h] = (uint32_t)(idx + 1);
}

static void index_rebuild(struct tnode *t)
{
    size_t n = t->v.u.table.n;
    size_t ns = t->nslots ? t->nslots : 32;
    while (ns < n * 2)
        ns *= 2;
    free(t->slots);
    t->slots = xcalloc(ns, sizeof *t->slots);
    t->nslots = ns;
    for (size_t i = 0; i < n; i++)
        index_insert(t, i);
}

static struct toml_entry *table_find(struct tnode *t, const char *key)
{
    struct toml_entry *e = t->v.u.table.entries;
    if (t->slots) {
        size_t mask = t->nslots - 1;
        for (size_t h = hash_key(key) & mask; t->slots[h]; h = (h + 1) & mask)
            if (strcmp(e[t->slots[h] - 1].key, key) == 0)
                return &e[t->slots[h] - 1];
        return NULL;
    }
    for (size_t i = 0; i < t->v.u.table.n; i++)
        if (strcmp(e[i].key, key) == 0)
            return &e[i];
    return NULL;
}

/* Takes ownership of key and val. The returned entry is valid until the
 * next table_add on t. */
static struct toml_entry *table_add(struct tnode *t, char *key, int line, int col,
                                    struct tnode *val)
{
    size_t n = t->v.u.table.n;
    if (n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 4;
        t->v.u.table.entries = xrealloc(t->v.u.table.entries,
                                        t->cap * sizeof *t->v.u.table.entries);
    }
    struct toml_entry *e = &t->v.u.table.entries[n];
    e->key = key;
    e->line = line;
    e->col = col;
    e->val = &val->v;
    t->v.u.table.n = n + 1;
    if (t->slots && (n + 1) * 2 <= t->nslots)
        index_insert(t, n);
    else if (n + 1 >= INDEX_FROM)
        index_rebuild(t);
    return e;
}

static void array_push(struct tnode *a, struct tnode *v)
{
    if (a->v.u.array.n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 4;
        a->v.u.array.items =
            xrealloc(a->v.u.array.items, a->cap * sizeof(struct toml_value *));
    }
    a->v.u.array.items[a->v.u.array.n++] = &v->v;
}

static struct tnode *as_node(struct toml_value *v)
{
    return (struct tnode *)v;
}

/* "a string", "an array of tables": for "is already defined as ..." */
static const char *kind_with_article(const struct tnode *n)
{
    switch (n->v.type) {
    case TOML_TABLE:
        return n->flags & N_FROZEN ? "an inline table" : "a table";
    case TOML_ARRAY:
        return n->flags & N_AOT ? "an array of tables" : "an array";
    case TOML_STRING:
        return "a string";
    case TOML_INT:
        return "an integer";
    case TOML_FLOAT:
        return "a float";
    case TOML_BOOL:
        return "a boolean";
    }
    return "a value";
}

/* ---------------------------------------------------------------- parser state */

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

static void vfail_at(struct parser *p, int line, int col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static int fail_at(struct parser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail_here(struct parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void vfail_at(struct parser *p, int line, int col, const char *fmt, va_list ap)
{
    /* The first error wins: later ones are consequences of it. */
    if (p->failed)
        return;
    p->failed = 1;
    if (!p->err || !p->errlen)
        return;
    int n = snprintf(p->err, p->errlen, "%s:%d:%d: ", p->file, line, col);
    if (n >= 0 && (size_t)n < p->errlen)
        vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
}

static int fail_at(struct parser *p, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_at(p, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

static int fail_here(struct parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_at(p, p->line, COL(p), fmt, ap);
    va_end(ap);
    return -1;
}

static int cur(const struct parser *p)
{
    return p->pos < p->len ? p->s[p->pos] : -1;
}

static int peek(const struct parser *p, size_t k)
{
    return p->pos + k < p->len ? p->s[p->pos + k] : -1;
}

static int is_bare(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int is_ws(int c)
{
    return c == ' ' || c == '\t';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* TOML forbids these (everything below U+0020 but tab, and DEL) unescaped
 * in strings and comments. */
static int is_control(int c)
{
    return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static int at_newline(const struct parser *p)
{
    return cur(p) == '\n' || (cur(p) == '\r' && peek(p, 1) == '\n');
}

/* Consumes LF or CRLF and keeps the line count. 1 if it did. */
static int eat_newline(struct parser *p)
{
    if (cur(p) == '\n')
        p->pos += 1;
    else if (cur(p) == '\r' && peek(p, 1) == '\n')
        p->pos += 2;
    else
        return 0;
    p->line++;
    p->bol = p->pos;
    return 1;
}

static void skip_ws(struct parser *p)
{
    while (is_ws(cur(p)))
        p->pos++;
}

/* Length of the valid UTF-8 sequence at s[i], or 0. */
static size_t utf8_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    size_t n;
    unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0)
            lo = 0xa0;          /* overlong */
        else if (c == 0xed)
            hi = 0x9f;          /* UTF-16 surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0)
            lo = 0x90;          /* overlong */
        else if (c == 0xf4)
            hi = 0x8f;          /* above U+10FFFF */
    } else {
        return 0;
    }
    if (i + n > len)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if (s[i + k] < 0x80 || s[i + k] > 0xbf)
            return 0;
    return n;
}

/* Describes the input at offset at for "..., found X". With word set, a
 * run of bare-key characters is shown whole ("found 'tru'"). */
static const char *describe_at(struct parser *p, size_t at, int word)
{
    char *b = p->fbuf;
    size_t bl = sizeof p->fbuf;
    if (at >= p->len)
        return "end of file";
    int c = p->s[at];
    if (c == '\n' || (c == '\r' && at + 1 < p->len && p->s[at + 1] == '\n'))
        return "end of line";
    if (c == '\t')
        return "a tab";
    if (c == '\'')
        return "\"'\"";
    if (c == 0)
        return "a NUL byte";
    if (c == '\r')
        return "a carriage return";
    if (is_control(c)) {
        snprintf(b, bl, "control character U+%04X", (unsigned)c);
        return b;
    }
    if (word && is_bare(c)) {
        size_t n = 0;
        while (at + n < p->len && is_bare(p->s[at + n]) && n < 32)
            n++;
        int more = at + n < p->len && is_bare(p->s[at + n]);
        snprintf(b, bl, "'%.*s%s'", (int)n, (const char *)p->s + at, more ? "..." : "");
        return b;
    }
    if (c >= 0x80) {
        size_t n = utf8_len(p->s, p->len, at);
        if (!n)
            snprintf(b, bl, "byte 0x%02x", (unsigned)c);
        else
            snprintf(b, bl, "'%.*s'", (int)n, (const char *)p->s + at);
        return b;
    }
    snprintf(b, bl, "'%c'", c);
    return b;
}

static const char *found(struct parser *p)
{
    return describe_at(p, p->pos, 1);
}

static const char *found_char(struct parser *p)
{
    return describe_at(p, p->pos, 0);
}

/* Copies s (n bytes) into one of the message buffers, with control bytes
 * escaped and long names shortened, so a message stays one readable line. */
static const char *show(struct parser *p, int slot, const char *s, size_t n)
{
    char *b = p->kbuf[slot];
    size_t bl = sizeof p->kbuf[slot], o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (o + 8 >= bl) {
            memcpy(b + o, "...", 4);
            return b;
        }
        if (c < 0x20 || c == 0x7f)
            o += (size_t)snprintf(b + o, bl - o, "\\x%02x", c);
        else
            b[o++] = (char)c;
    }
    b[o] = '\0';
    return b;
}

/* ---------------------------------------------------------------- pre-pass */

/* Rejects what TOML forbids anywhere in a document, so the parser below can
 * trust every byte it reads to be part of a valid UTF-8 line. */
static int check_bytes(struct parser *p)
{
    const unsigned char *s = p->s;
    size_t bol = 0;
    int line = 1;
    for (size_t i = 0; i < p->len;) {
        unsigned char c = s[i];
        int col = (int)(i - bol + 1);
        if (c == '\n') {
            line++;
            bol = ++i;
        } else if (c == 0) {
            return fail_at(p, line, col, "expected UTF-8 text, found a NUL byte");
        } else if (c == '\r') {
            if (i + 1 >= p->len || s[i + 1] != '\n')
                return fail_at(p, line, col,
                               "expected a newline after carriage return, found %s",
                               describe_at(p, i + 1, 0));
            i++;
        } else if (c < 0x80) {
            i++;
        } else {
            size_t n = utf8_len(s, p->len, i);
            if (!n)
                return fail_at(p, line, col,
                               "expected UTF-8 text, found invalid byte 0x%02x", c);
            i += n;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- comments and lines */

static int skip_comment(struct parser *p)
{
    if (cur(p) != '#')
        return 0;
    p->pos++;
    while (p->pos < p->len && !at_newline(p)) {
        int c = cur(p);
        if (is_control(c))
            return fail_here(p, "control character U+%04X is not allowed in a comment",
                             (unsigned)c);
        p->pos++;
    }
    return 0;
}

/* Whitespace, comments and newlines: what may separate array elements. */
static int skip_blank(struct parser *p)
{
    for (;;) {
        skip_ws(p);
        if (skip_comment(p) < 0)
            return -1;
        if (!eat_newline(p))
            return 0;
    }
}

/* After a key/value pair or a header only a comment may follow on the line. */
static int end_of_line(struct parser *p, const char *after)
{
    skip_ws(p);
    if (skip_comment(p) < 0)
        return -1;
    if (p->pos >= p->len || eat_newline(p))
        return 0;
    return fail_here(p, "expected end of line after %s, found %s", after, found(p));
}

/* ---------------------------------------------------------------- strings */

static void put_utf8(struct strbuf *sb, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        b[0] = (char)(0xf0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    sb_appendn(sb, b, n);
}

static int hex_val(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* At a backslash inside a basic string. multi: a multi-line string, where
 * "\" at the end of a line swallows the newline and following blanks. */
static int read_escape(struct parser *p, struct strbuf *sb, int multi)
{
    int line = p->line, col = COL(p);
    p->pos++;
    int c = cur(p);
    switch (c) {
    case 'b': sb_appendc(sb, '\b'); p->pos++; return 0;
    case 't': sb_appendc(sb, '\t'); p->pos++; return 0;
    case 'n': sb_appendc(sb, '\n'); p->pos++; return 0;
    case 'f': sb_appendc(sb, '\f'); p->pos++; return 0;
    case 'r': sb_appendc(sb, '\r'); p->pos++; return 0;
    case '"': sb_appendc(sb, '"'); p->pos++; return 0;
    case '\\': sb_appendc(sb, '\\'); p->pos++; return 0;
    case 'u':
    case 'U': {
        int nd = c == 'u' ? 4 : 8;
        uint32_t cp = 0;
        p->pos++;
        for (int k = 0; k < nd; k++) {
            int h = hex_val(cur(p));
            if (h < 0)
                return fail_here(p, "expected %d hex digits after '\\%c', found %s",
                                 nd, c, found_char(p));
            cp = cp * 16 + (uint32_t)h;
            p->pos++;
        }
        const char *text = (const char *)p->s + p->pos - (size_t)nd;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return fail_at(p, line, col,
                           "invalid escape '\\%c%.*s': not a unicode scalar value",
                           c, nd, text);
        if (cp == 0)
            return fail_at(p, line, col,
                           "escape '\\%c%.*s' is a NUL character, which strings may not contain",
                           c, nd, text);
        put_utf8(sb, cp);
        return 0;
    }
    default:
        break;
    }
    if (multi && (is_ws(c) || at_newline(p))) {
        skip_ws(p);
        if (!at_newline(p))
            return fail_here(p, "expected a newline after line-ending '\\', found %s",
                             found_char(p));
        for (;;) {
            skip_ws(p);
            if (!eat_newline(p))
                return 0;
        }
    }
    return fail_at(p, line, col, "expected an escape sequence after '\\', found %s",
                   found_char(p));
}

/* At the opening quote(s) q ('"' basic, '\'' literal). Fills sb with the
 * contents: escapes are read in basic strings only, a literal string is
 * verbatim. Messages name the quote inside the other kind of quotes. */
static int parse_quoted(struct parser *p, struct strbuf *sb, int multi, int q)
{
    const int basic = q == '"';
    const char *one = basic ? "'\"'" : "\"'\"";
    const char *close = multi ? (basic ? "'\"\"\"'" : "\"'''\"") : one;
    const char *pair = basic ? "\"\"" : "''";
    int line = p->line, col = COL(p);
    p->pos += multi ? 3 : 1;
    /* A newline right after the opening triple is not part of the string. */
    if (multi)
        eat_newline(p);
    for (;;) {
        int c = cur(p);
        if (c < 0)
            return fail_here(p, "expected %s to end the string started at %d:%d, found end of file",
                             close, line, col);
        if (c == q) {
            if (!multi) {
                p->pos++;
                return 0;
            }
            size_t n = 0;
            while (peek(p, n) == q)
                n++;
            if (n < 3) {
                sb_appendn(sb, pair, n);
                p->pos += n;
                continue;
            }
            /* The triple ends the string; up to two more quotes belong to it. */
            if (n > 5)
                return fail_here(p, "expected at most 5 %s in a row at the end of a multi-line string, found %zu",
                                 one, n);
            sb_appendn(sb, pair, n - 3);
            p->pos += n;
            return 0;
        }
        if (basic && c == '\\') {
            if (read_escape(p, sb, multi) < 0)
                return -1;
            continue;
        }
        if (at_newline(p)) {
            if (!multi)
                return fail_here(p, "expected %s to end the string started at %d:%d, found end of line",
                                 one, line, col);
            eat_newline(p);
            sb_appendc(sb, '\n');
            continue;
        }
        if (is_control(c)) {
            if (basic)
                return fail_here(p, "expected an escape sequence, found control character U+%04X in string",
                                 (unsigned)c);
            return fail_here(p, "control character U+%04X is not allowed in a literal string",
                             (unsigned)c);
        }
        sb_appendc(sb, (char)c);
        p->pos++;
    }
}

static int at_triple(const struct parser *p, int q)
{
    return cur(p) == q && peek(p, 1) == q && peek(p, 2) == q;
}

/* ---------------------------------------------------------------- keys */

struct keypart {
    char *s;
    int line, col;
};

struct key {
    int n;
    struct keypart part[TOML_MAX_DEPTH];
};

static void key_free(struct key *k)
{
    for (int i = 0; i < k->n; i++)
        free(k->part[i].s);
    k->n = 0;
}

/* "a.b.c" for parts 0..upto, for messages. */
static const char *key_name(struct parser *p, const struct key *k, int upto)
{
    struct strbuf sb = { 0 };
    for (int i = 0; i <= upto && i < k->n; i++) {
        if (i)
            sb_appendc(&sb, '.');
        sb_append(&sb, k->part[i].s ? k->part[i].s : "");
        if (sb.len > sizeof p->kbuf[0])
            break;
    }
    const char *r = show(p, 0, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return r;
}

/* key = simple-key *( ws "." ws simple-key ). Leaves p after the last part
 * (and the blanks after it). k must be freed by the caller even on error. */
static int parse_key(struct parser *p, struct key *k)
{
    k->n = 0;
    for (;;) {
        int line = p->line, col = COL(p);
        int c = cur(p);
        struct strbuf sb = { 0 };
        if (k->n == TOML_MAX_DEPTH)
            return fail_here(p, "nesting deeper than %d levels", TOML_MAX_DEPTH);
        if (c == '"' || c == '\'') {
            if (at_triple(p, c))
                return fail_here(p, "expected a key, found a multi-line string (keys are single-line)");
            if (parse_quoted(p, &sb, 0, c) < 0) {
                sb_free(&sb);
                return -1;
            }
        } else if (is_bare(c)) {
            size_t start = p->pos;
            while (is_bare(cur(p)))
                p->pos++;
            sb_appendn(&sb, (const char *)p->s + start, p->pos - start);
        } else if (k->n) {
            return fail_here(p, "expected a key after '.', found %s", found(p));
        } else {
            return fail_here(p, "expected a key, found %s", found(p));
        }
        k->part[k->n].s = sb_detach(&sb);
        k->part[k->n].line = line;
        k->part[k->n].col = col;
        k->n++;
        skip_ws(p);
        if (cur(p) != '.')
            return 0;
        p->pos++;
        skip_ws(p);
    }
}

/* ---------------------------------------------------------------- numbers */

static int digit_in(int c, int base)
{
    if (base == 16)
        return hex_val(c) >= 0;
    return c >= '0' && c < '0' + base;
}

/* Digits of base at s[*i] with '_' allowed only between two digits.
 * Returns the number of digits, or -1 for a misplaced '_'. */
static int scan_digits(const char *s, size_t n, size_t *i, int base)
{
    int count = 0;
    while (*i < n) {
        int c = (unsigned char)s[*i];
        if (digit_in(c, base)) {
            count = count < 1000000 ? count + 1 : count;
            (*i)++;
        } else if (c == '_') {
            if (!count || *i + 1 >= n || !digit_in((unsigned char)s[*i + 1], base))
                return -1;
            (*i)++;
        } else {
            break;
        }
    }
    return count;
}

/* Integer (any base) or float from the token s (n bytes). */
static struct tnode *parse_number(struct parser *p, const char *s, size_t n,
                                  int line, int col, int depth)
{
    /* The token as messages show it, built only on the error path. */
#define TOK show(p, 1, s, n)
    size_t i = 0;
    int neg = 0, sign = 0;
    if (s[0] == '+' || s[0] == '-') {
        sign = 1;
        neg = s[0] == '-';
        i = 1;
    }

    /* 0x, 0o, 0b: unsigned digits, no sign. */
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' || s[i + 1] == 'b')) {
        int base = s[i + 1] == 'x' ? 16 : s[i + 1] == 'o' ? 8 : 2;
        if (sign) {
            fail_at(p, line, col, "invalid number '%s': a sign is not allowed before 0%c",
                    TOK, s[i + 1]);
            return NULL;
        }
        i += 2;
        size_t start = i;
        int nd = scan_digits(s, n, &i, base);
        if (nd < 0) {
            fail_at(p, line, col, "invalid number '%s': '_' must be between digits", TOK);
            return NULL;
        }
        if (nd == 0 || i != n) {
            fail_at(p, line, col, "invalid number '%s': expected base-%d digits after '0%c'",
                    TOK, base, s[1]);
            return NULL;
        }
        uint64_t v = 0;
        for (size_t k = start; k < n; k++) {
            if (s[k] == '_')
                continue;
            uint64_t d = (uint64_t)hex_val((unsigned char)s[k]);
            if (v > ((uint64_t)INT64_MAX - d) / (uint64_t)base) {
                fail_at(p, line, col, "integer '%s' does not fit in 64 bits", TOK);
                return NULL;
            }
            v = v * (uint64_t)base + d;
        }
        struct tnode *r = node_new(TOML_INT, line, col, depth, 0);
        r->v.u.i = (int64_t)v;
        return r;
    }

    size_t int_start = i;
    int nd = scan_digits(s, n, &i, 10);
    size_t int_end = i;
    int is_float = 0;
    if (nd < 0) {
        fail_at(p, line, col, "invalid number '%s': '_' must be between digits", TOK);
        return NULL;
    }
    if (nd == 0) {
        fail_at(p, line, col, "invalid number '%s'", TOK);
        return NULL;
    }
    if (s[int_start] == '0' && int_end - int_start > 1) {
        fail_at(p, line, col, "invalid number '%s': leading zeros are not allowed", TOK);
        return NULL;
    }
    if (i < n && s[i] == '.') {
        i++;
        nd = scan_digits(s, n, &i, 10);
        if (nd <= 0) {
            fail_at(p, line, col, "invalid number '%s': expected a digit after '.'", TOK);
            return NULL;
        }
        is_float = 1;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        /* The exponent may have leading zeros (1e06). */
        nd = scan_digits(s, n, &i, 10);
        if (nd <= 0) {
            fail_at(p, line, col, "invalid number '%s': expected a digit in the exponent", TOK);
            return NULL;
        }
        is_float = 1;
    }
    if (i != n) {
        fail_at(p, line, col, "invalid number '%s'", TOK);
        return NULL;
    }

    if (is_float) {
        /* strtod wants no underscores; the C locale is assumed (nothing in
         * dlbench calls setlocale). */
        char *buf = xmalloc(n + 1);
        size_t o = 0;
        for (size_t k = 0; k < n; k++)
            if (s[k] != '_')
                buf[o++] = s[k];
        buf[o] = '\0';
        errno = 0;
        double d = strtod(buf, NULL);
        free(buf);
        if (isinf(d)) {
            fail_at(p, line, col, "float '%s' is out of range", TOK);
            return NULL;
        }
        struct tnode *r = node_new(TOML_FLOAT, line, col, depth, 0);
        r->v.u.f = d;
        return r;
    }

    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (size_t k = int_start; k < n; k++) {
        if (s[k] == '_')
            continue;
        uint64_t d = (uint64_t)(s[k] - '0');
        if (v > (limit - d) / 10) {
            fail_at(p, line, col, "integer '%s' does not fit in 64 bits", TOK);
            return NULL;
        }
        v = v * 10 + d;
    }
    struct tnode *r = node_new(TOML_INT, line, col, depth, 0);
    if (!neg)
        r->v.u.i = (int64_t)v;
    else if (v == (uint64_t)INT64_MAX + 1)
        r->v.u.i = INT64_MIN;
    else
        r->v.u.i = -(int64_t)v;
    return r;
}
#undef TOK

/* Completes "expected a value ...": "for key 'name'" after a key (k), else
 * the value is an array element. Built only when there is an error. */
static const char *value_ctx(struct parser *p, const struct key *k)
{
    if (!k)
        return "or ']' in array";
    snprintf(p->vbuf, sizeof p->vbuf, "for key '%s'", key_name(p, k, k->n - 1));
    return p->vbuf;
}

/* 1979-05-27, 07:32:00, with an optional sign already excluded. */
static int looks_like_datetime(const char *s, size_t n)
{
    if (n >= 6 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
        s[4] == '-' && is_digit(s[5]))
        return 1;
    if (n >= 4 && is_digit(s[0]) && is_digit(s[1]) && s[2] == ':' && is_digit(s[3]))
        return 1;
    return 0;
}

static int is_token_char(int c)
{
    return is_bare(c) || c == '+' || c == '.' || c == ':';
}

/* true, false, inf, nan, numbers - and date-times, to refuse them by name. */
static struct tnode *parse_token(struct parser *p, int depth, const struct key *k)
{
    int line = p->line, col = COL(p);
    size_t start = p->pos;
    while (is_token_char(cur(p)))
        p->pos++;
    const char *s = (const char *)p->s + start;
    size_t n = p->pos - start;
    size_t b = (s[0] == '+' || s[0] == '-') ? 1 : 0;

    if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0)) {
        struct tnode *r = node_new(TOML_BOOL, line, col, depth, 0);
        r->v.u.b = n == 4;
        return r;
    }
    if (n - b == 3 && (memcmp(s + b, "inf", 3) == 0 || memcmp(s + b, "nan", 3) == 0)) {
        struct tnode *r = node_new(TOML_FLOAT, line, col, depth, 0);
        double d = s[b] == 'i' ? INFINITY : NAN;
        r->v.u.f = s[0] == '-' ? -d : d;
        return r;
    }
    if (!b && looks_like_datetime(s, n)) {
        fail_at(p, line, col,
                "date-time values are not supported by dlbench's TOML reader, found '%s'",
                show(p, 1, s, n));
        return NULL;
    }
    if (n > b && is_digit(s[b]))
        return parse_number(p, s, n, line, col, depth);
    fail_at(p, line, col, "expected a value %s, found '%s'", value_ctx(p, k), show(p, 1, s, n));
    return NULL;
}

/* ---------------------------------------------------------------- values */

static struct tnode *parse_value(struct parser *p, int depth, const struct key *k);
static int parse_keyval(struct parser *p, struct tnode *tbl);

static int check_depth(struct parser *p, int depth, int line, int col)
{
    if (depth > TOML_MAX_DEPTH)
        return fail_at(p, line, col, "nesting deeper than %d levels", TOML_MAX_DEPTH);
    return 0;
}

static struct tnode *parse_string_value(struct parser *p, int depth)
{
    int line = p->line, col = COL(p);
    int q = cur(p), multi = at_triple(p, q);
    struct strbuf sb = { 0 };
    int rc = parse_quoted(p, &sb, multi, q);
    if (rc < 0) {
        sb_free(&sb);
        return NULL;
    }
    struct tnode *r = node_new(TOML_STRING, line, col, depth, 0);
    r->v.u.s = sb_detach(&sb);
    return r;
}

/* [ values, separated by commas, newlines and comments allowed ] */
static struct tnode *parse_array(struct parser *p, int depth)
{
    int line = p->line, col = COL(p);
    if (check_depth(p, depth, line, col) < 0)
        return NULL;
    struct tnode *a = node_new(TOML_ARRAY, line, col, depth, N_FROZEN);
    p->pos++;
    for (;;) {
        if (skip_blank(p) < 0)
            goto fail;
        if (cur(p) == ']')
            break;
        struct tnode *v = parse_value(p, depth + 1, NULL);
        if (!v)
            goto fail;
        array_push(a, v);
        if (skip_blank(p) < 0)
            goto fail;
        if (cur(p) == ',') {
            p->pos++;
            continue;
        }
        if (cur(p) == ']')
            break;
        fail_here(p, "expected ',' or ']' in array, found %s", found(p));
        goto fail;
    }
    p->pos++;
    return a;
fail:
    node_free(a);
    return NULL;
}

/* { key = value, ... } on one line, no trailing comma (TOML 1.0). */
static struct tnode *parse_inline_table(struct parser *p, int depth)
{
    int line = p->line, col = COL(p);
    if (check_depth(p, depth, line, col) < 0)
        return NULL;
    struct tnode *t = node_new(TOML_TABLE, line, col, depth, N_EXPLICIT | N_FROZEN);
    p->pos++;
    skip_ws(p);
    if (cur(p) == '}') {
        p->pos++;
        return t;
    }
    for (;;) {
        if (parse_keyval(p, t) < 0)
            goto fail;
        skip_ws(p);
        if (cur(p) == '}')
            break;
        if (cur(p) != ',') {
            fail_here(p, "expected ',' or '}' in inline table, found %s", found(p));
            goto fail;
        }
        p->pos++;
        skip_ws(p);
        if (cur(p) == '}') {
            fail_here(p, "expected a key after ',' in inline table, found '}' (no trailing comma allowed)");
            goto fail;
        }
    }
    p->pos++;
    return t;
fail:
    node_free(t);
    return NULL;
}

/* k: the key the value is for, or NULL for an array element (messages). */
static struct tnode *parse_value(struct parser *p, int depth, const struct key *k)
{
    int c = cur(p);
    if (c == '"' || c == '\'')
        return parse_string_value(p, depth);
    if (c == '[')
        return parse_array(p, depth);
    if (c == '{')
        return parse_inline_table(p, depth);
    if (is_token_char(c) && c != '.' && c != ':')
        return parse_token(p, depth, k);
    fail_here(p, "expected a value %s, found %s", value_ctx(p, k), found(p));
    return NULL;
}

/* ---------------------------------------------------------------- key = value */

/* A key/value pair into tbl (the current section, or an inline table).
 * Dotted keys create tables (N_DOTTED) and may only walk through tables that
 * were created the same way: tables from headers and inline tables are
 * closed to dotted keys, as TOML requires. */
static int parse_keyval(struct parser *p, struct tnode *tbl)
{
    struct key k;
    struct tnode *t = tbl, *v = NULL;
    int rc = -1;

    if (parse_key(p, &k) < 0 || k.n < 1)
        goto out;
    if (cur(p) != '=') {
        fail_here(p, "expected '=' after key '%s', found %s", key_name(p, &k, k.n - 1),
                  found(p));
        goto out;
    }
    p->pos++;
    skip_ws(p);

    for (int i = 0; i < k.n - 1; i++) {
        struct keypart *kp = &k.part[i];
        struct toml_entry *e = table_find(t, kp->s);
        if (!e) {
            if (check_depth(p, t->depth + 1, kp->line, kp->col) < 0)
                goto out;
            struct tnode *nt = node_new(TOML_TABLE, kp->line, kp->col, t->depth + 1, N_DOTTED);
            table_add(t, kp->s, kp->line, kp->col, nt);
            kp->s = NULL;
            t = nt;
            continue;
        }
        struct tnode *en = as_node(e->val);
        if (en->v.type != TOML_TABLE) {
            fail_at(p, kp->line, kp->col, "key '%s' is already defined as %s (at %d:%d)",
                    key_name(p, &k, i), kind_with_article(en), e->line, e->col);
            goto out;
        }
        if (en->flags & N_FROZEN) {
            fail_at(p, kp->line, kp->col, "cannot extend inline table '%s' (defined at %d:%d)",
                    key_name(p, &k, i), e->line, e->col);
            goto out;
        }
        if (!(en->flags & N_DOTTED)) {
            fail_at(p, kp->line, kp->col,
                    "cannot add to table '%s' with dotted keys: it was created by a table header at %d:%d",
                    key_name(p, &k, i), en->v.line, en->v.col);
            goto out;
        }
        t = en;
    }

    struct keypart *last = &k.part[k.n - 1];
    const struct toml_entry *dup = table_find(t, last->s);
    if (dup) {
        fail_at(p, last->line, last->col, "duplicate key '%s' (first defined at %d:%d)",
                key_name(p, &k, k.n - 1), dup->line, dup->col);
        goto out;
    }
    v = parse_value(p, t->depth + 1, &k);
    if (!v)
        goto out;
    table_add(t, last->s, last->line, last->col, v);
    last->s = NULL;
    rc = 0;
out:
    key_free(&k);
    return rc;
}

/* ---------------------------------------------------------------- [table] and [[array]] */

static int parse_header(struct parser *p)
{
    int hline = p->line, hcol = COL(p);
    struct key k;
    int rc = -1;
    struct tnode *t = p->root;

    k.n = 0;
    p->pos++;
    int aot = cur(p) == '[';
    if (aot)
        p->pos++;
    skip_ws(p);
    if (parse_key(p, &k) < 0 || k.n < 1)
        goto out;
    for (int b = 0; b < 1 + aot; b++) {
        if (cur(p) != ']') {
            fail_here(p, "expected '%s' after table name '%s', found %s",
                      aot ? "]]" : "]", key_name(p, &k, k.n - 1), found(p));
            goto out;
        }
        p->pos++;
    }
    if (end_of_line(p, "table header") < 0)
        goto out;

    /* Walk to the parent of the last part, creating implicit tables. */
    for (int i = 0; i < k.n - 1; i++) {
        struct keypart *kp = &k.part[i];
        struct toml_entry *e = table_find(t, kp->s);
        if (!e) {
            if (check_depth(p, t->depth + 1, kp->line, kp->col) < 0)
                goto out;
            struct tnode *nt = node_new(TOML_TABLE, hline, hcol, t->depth + 1, N_IMPLICIT);
            table_add(t, kp->s, kp->line, kp->col, nt);
            kp->s = NULL;
            t = nt;
            continue;
        }
        struct tnode *en = as_node(e->val);
        if (en->v.type == TOML_TABLE && (en->flags & N_FROZEN)) {
            fail_at(p, kp->line, kp->col, "cannot extend inline table '%s' (defined at %d:%d)",
                    key_name(p, &k, i), e->line, e->col);
            goto out;
        }
        if (en->v.type == TOML_TABLE) {
            t = en;
        } else if (en->v.type == TOML_ARRAY && (en->flags & N_AOT)) {
            /* [a.b] after [[a]] means b in the last element of a. */
            t = as_node(en->v.u.array.items[en->v.u.array.n - 1]);
        } else if (en->v.type == TOML_ARRAY) {
            fail_at(p, kp->line, kp->col, "cannot extend static array '%s' (defined at %d:%d)",
                    key_name(p, &k, i), e->line, e->col);
            goto out;
        } else {
            fail_at(p, kp->line, kp->col, "key '%s' is already defined as %s (at %d:%d)",
                    key_name(p, &k, i), kind_with_article(en), e->line, e->col);
            goto out;
        }
    }

    struct keypart *last = &k.part[k.n - 1];
    const char *name = key_name(p, &k, k.n - 1);
    struct toml_entry *e = table_find(t, last->s);
    struct tnode *en = e ? as_node(e->val) : NULL;

    if (!aot) {
        if (!e) {
            if (check_depth(p, t->depth + 1, last->line, last->col) < 0)
                goto out;
            struct tnode *nt = node_new(TOML_TABLE, hline, hcol, t->depth + 1, N_EXPLICIT);
            table_add(t, last->s, last->line, last->col, nt);
            last->s = NULL;
            p->table = nt;
        } else if (en->v.type == TOML_TABLE && (en->flags & N_FROZEN)) {
            fail_at(p, last->line, last->col, "cannot extend inline table '%s' (defined at %d:%d)",
                    name, e->line, e->col);
            goto out;
        } else if (en->v.type == TOML_TABLE && (en->flags & N_IMPLICIT)) {
            /* Created as a parent earlier; this header defines it. */
            en->flags = N_EXPLICIT;
            en->v.line = hline;
            en->v.col = hcol;
            e->line = last->line;
            e->col = last->col;
            p->table = en;
        } else if (en->v.type == TOML_TABLE && (en->flags & N_DOTTED)) {
            fail_at(p, last->line, last->col,
                    "duplicate table '%s' (first defined by dotted keys at %d:%d)",
                    name, en->v.line, en->v.col);
            goto out;
        } else if (en->v.type == TOML_TABLE) {
            fail_at(p, last->line, last->col, "duplicate table '%s' (first defined at %d:%d)",
                    name, en->v.line, en->v.col);
            goto out;
        } else {
            fail_at(p, last->line, last->col, "key '%s' is already defined as %s (at %d:%d)",
                    name, kind_with_article(en), e->line, e->col);
            goto out;
        }
    } else {
        struct tnode *arr;
        if (!e) {
            if (check_depth(p, t->depth + 2, last->line, last->col) < 0)
                goto out;
            arr = node_new(TOML_ARRAY, hline, hcol, t->depth + 1, N_AOT);
            table_add(t, last->s, last->line, last->col, arr);
            last->s = NULL;
        } else if (en->v.type == TOML_ARRAY && (en->flags & N_AOT)) {
            arr = en;
        } else if (en->v.type == TOML_ARRAY) {
            fail_at(p, last->line, last->col, "cannot append to static array '%s' (defined at %d:%d)",
                    name, e->line, e->col);
            goto out;
        } else {
            fail_at(p, last->line, last->col, "key '%s' is already defined as %s (at %d:%d)",
                    name, kind_with_article(en), e->line, e->col);
            goto out;
        }
        struct tnode *nt = node_new(TOML_TABLE, hline, hcol, arr->depth + 1, N_EXPLICIT);
        array_push(arr, nt);
        p->table = nt;
    }
    rc = 0;
out:
    key_free(&k);
    return rc;
}

/* ---------------------------------------------------------------- entry points */

struct toml_value *toml_parse(const char *text, size_t len, const char *filename,
                              char *errbuf, size_t errlen)
{
    struct parser p;
    memset(&p, 0, sizeof p);
    p.s = (const unsigned char *)(text ? text : "");
    p.len = text ? len : 0;
    p.line = 1;
    p.file = filename ? filename : "<input>";
    p.err = errbuf;
    p.errlen = errlen;
    if (errbuf && errlen)
        errbuf[0] = '\0';

    if (p.len > TOML_MAX_BYTES) {
        fail_at(&p, 1, 1, "document is larger than %zu bytes (%zu bytes)",
                TOML_MAX_BYTES, p.len);
        return NULL;
    }
    if (check_bytes(&p) < 0)
        return NULL;
    /* Editors on some systems start files with a byte order mark. */
    if (p.len >= 3 && memcmp(p.s, "\xef\xbb\xbf", 3) == 0)
        p.pos = 3;

    p.root = node_new(TOML_TABLE, 1, 1, 0, N_EXPLICIT);
    p.table = p.root;
    while (!p.failed) {
        skip_ws(&p);
        int c = cur(&p);
        if (c < 0)
            break;
        if (c == '#' || at_newline(&p)) {
            end_of_line(&p, "comment");
        } else if (c == '[') {
            parse_header(&p);
        } else if (is_bare(c) || c == '"' || c == '\'') {
            if (parse_keyval(&p, p.table) == 0)
                end_of_line(&p, "value");
        } else {
            fail_here(&p, "expected a key or '[', found %s", found(&p));
        }
    }
    if (p.failed) {
        node_free(p.root);
        return NULL;
    }
    return &p.root->v;
}

void toml_free(struct toml_value *v)
{
    node_free(as_node(v));
}

const struct toml_entry *toml_get_entry(const struct toml_value *t, const char *key)
{
    /* A plain scan: callers look up a handful of keys per table, and this
     * works on any toml_value, not only those toml_parse allocated. */
    if (!t || t->type != TOML_TABLE || !key)
        return NULL;
    for (size_t i = 0; i < t->u.table.n; i++)
        if (strcmp(t->u.table.entries[i].key, key) == 0)
            return &t->u.table.entries[i];
    return NULL;
}

const struct toml_value *toml_get(const struct toml_value *t, const char *key)
{
    const struct toml_entry *e = toml_get_entry(t, key);
    return e ? e->val : NULL;
}

const char *toml_type_name(enum toml_type t)
{
    switch (t) {
    case TOML_TABLE:
        return "table";
    case TOML_ARRAY:
        return "array";
    case TOML_STRING:
        return "string";
    case TOML_INT:
        return "integer";
    case TOML_FLOAT:
        return "float";
    case TOML_BOOL:
        return "boolean";
    }
    return "unknown";
}
