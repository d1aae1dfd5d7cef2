/* toml_parse.c - a strict reader for the subset of TOML 1.0 described in toml.h.
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
 * index) are private to the reader (toml_impl.h).
 *
 * Files: toml_parse.c (values, key = value lines, [table] and [[array]] headers,
 * the document), toml_node.c (the tree), toml_lex.c (errors, blanks,
 * comments, strings, keys), toml_scalar.c (numbers, booleans). */
#define _POSIX_C_SOURCE 200809L
#include "base/toml_impl.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- values */

static struct tnode *parse_value(struct parser *p, int depth, const struct key *k);
static int parse_keyval(struct parser *p, struct tnode *tbl);

static int check_depth(struct parser *p, int depth, int line, int col)
{
    if (depth > TOML_MAX_DEPTH)
        return toml_fail_at(p, line, col, "nesting deeper than %d levels", TOML_MAX_DEPTH);
    return 0;
}

static struct tnode *parse_string_value(struct parser *p, int depth)
{
    int line = p->line, col = COL(p);
    int q = cur(p), multi = toml_at_triple(p, q);
    struct strbuf sb = { 0 };
    int rc = toml_parse_quoted(p, &sb, multi, q);
    if (rc < 0) {
        sb_free(&sb);
        return NULL;
    }
    struct tnode *r = toml_node_new(TOML_STRING, line, col, depth, 0);
    r->v.u.s = sb_detach(&sb);
    return r;
}

/* [ values, separated by commas, newlines and comments allowed ] */
static struct tnode *parse_array(struct parser *p, int depth)
{
    int line = p->line, col = COL(p);
    if (check_depth(p, depth, line, col) < 0)
        return NULL;
    struct tnode *a = toml_node_new(TOML_ARRAY, line, col, depth, N_FROZEN);
    p->pos++;
    for (;;) {
        if (toml_skip_blank(p) < 0)
            goto fail;
        if (cur(p) == ']')
            break;
        struct tnode *v = parse_value(p, depth + 1, NULL);
        if (!v)
            goto fail;
        toml_array_push(a, v);
        if (toml_skip_blank(p) < 0)
            goto fail;
        if (cur(p) == ',') {
            p->pos++;
            continue;
        }
        if (cur(p) == ']')
            break;
        toml_fail_here(p, "expected ',' or ']' in array, found %s", toml_found(p));
        goto fail;
    }
    p->pos++;
    return a;
fail:
    toml_node_free(a);
    return NULL;
}

/* { key = value, ... } on one line, no trailing comma (TOML 1.0). */
static struct tnode *parse_inline_table(struct parser *p, int depth)
{
    int line = p->line, col = COL(p);
    if (check_depth(p, depth, line, col) < 0)
        return NULL;
    struct tnode *t = toml_node_new(TOML_TABLE, line, col, depth, N_EXPLICIT | N_FROZEN);
    p->pos++;
    toml_skip_ws(p);
    if (cur(p) == '}') {
        p->pos++;
        return t;
    }
    for (;;) {
        if (parse_keyval(p, t) < 0)
            goto fail;
        toml_skip_ws(p);
        if (cur(p) == '}')
            break;
        if (cur(p) != ',') {
            toml_fail_here(p, "expected ',' or '}' in inline table, found %s", toml_found(p));
            goto fail;
        }
        p->pos++;
        toml_skip_ws(p);
        if (cur(p) == '}') {
            toml_fail_here(p, "expected a key after ',' in inline table, found '}' (no trailing comma allowed)");
            goto fail;
        }
    }
    p->pos++;
    return t;
fail:
    toml_node_free(t);
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
    if (toml_is_token_char(c) && c != '.' && c != ':')
        return toml_parse_token(p, depth, k);
    toml_fail_here(p, "expected a value %s, found %s", toml_value_ctx(p, k), toml_found(p));
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

    if (toml_parse_key(p, &k) < 0 || k.n < 1)
        goto out;
    if (cur(p) != '=') {
        toml_fail_here(p, "expected '=' after key '%s', found %s", toml_key_name(p, &k, k.n - 1),
                       toml_found(p));
        goto out;
    }
    p->pos++;
    toml_skip_ws(p);

    for (int i = 0; i < k.n - 1; i++) {
        struct keypart *kp = &k.part[i];
        struct toml_entry *e = toml_table_find(t, kp->s);
        if (!e) {
            if (check_depth(p, t->depth + 1, kp->line, kp->col) < 0)
                goto out;
            struct tnode *nt = toml_node_new(TOML_TABLE, kp->line, kp->col, t->depth + 1, N_DOTTED);
            toml_table_add(t, kp->s, kp->line, kp->col, nt);
            kp->s = NULL;
            t = nt;
            continue;
        }
        struct tnode *en = toml_as_node(e->val);
        if (en->v.type != TOML_TABLE) {
            toml_fail_at(p, kp->line, kp->col, "key '%s' is already defined as %s (at %d:%d)",
                         toml_key_name(p, &k, i), toml_kind_with_article(en), e->line, e->col);
            goto out;
        }
        if (en->flags & N_FROZEN) {
            toml_fail_at(p, kp->line, kp->col, "cannot extend inline table '%s' (defined at %d:%d)",
                         toml_key_name(p, &k, i), e->line, e->col);
            goto out;
        }
        if (!(en->flags & N_DOTTED)) {
            toml_fail_at(p, kp->line, kp->col,
                         "cannot add to table '%s' with dotted keys: it was created by a table header at %d:%d",
                         toml_key_name(p, &k, i), en->v.line, en->v.col);
            goto out;
        }
        t = en;
    }

    struct keypart *last = &k.part[k.n - 1];
    const struct toml_entry *dup = toml_table_find(t, last->s);
    if (dup) {
        toml_fail_at(p, last->line, last->col, "duplicate key '%s' (first defined at %d:%d)",
                     toml_key_name(p, &k, k.n - 1), dup->line, dup->col);
        goto out;
    }
    v = parse_value(p, t->depth + 1, &k);
    if (!v)
        goto out;
    toml_table_add(t, last->s, last->line, last->col, v);
    last->s = NULL;
    rc = 0;
out:
    toml_key_free(&k);
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
    toml_skip_ws(p);
    if (toml_parse_key(p, &k) < 0 || k.n < 1)
        goto out;
    for (int b = 0; b < 1 + aot; b++) {
        if (cur(p) != ']') {
            toml_fail_here(p, "expected '%s' after table name '%s', found %s",
                           aot ? "]]" : "]", toml_key_name(p, &k, k.n - 1), toml_found(p));
            goto out;
        }
        p->pos++;
    }
    if (toml_end_of_line(p, "table header") < 0)
        goto out;

    /* Walk to the parent of the last part, creating implicit tables. */
    for (int i = 0; i < k.n - 1; i++) {
        struct keypart *kp = &k.part[i];
        struct toml_entry *e = toml_table_find(t, kp->s);
        if (!e) {
            if (check_depth(p, t->depth + 1, kp->line, kp->col) < 0)
                goto out;
            struct tnode *nt = toml_node_new(TOML_TABLE, hline, hcol, t->depth + 1, N_IMPLICIT);
            toml_table_add(t, kp->s, kp->line, kp->col, nt);
            kp->s = NULL;
            t = nt;
            continue;
        }
        struct tnode *en = toml_as_node(e->val);
        if (en->v.type == TOML_TABLE && (en->flags & N_FROZEN)) {
            toml_fail_at(p, kp->line, kp->col, "cannot extend inline table '%s' (defined at %d:%d)",
                         toml_key_name(p, &k, i), e->line, e->col);
            goto out;
        }
        if (en->v.type == TOML_TABLE) {
            t = en;
        } else if (en->v.type == TOML_ARRAY && (en->flags & N_AOT)) {
            /* [a.b] after [[a]] means b in the last element of a. */
            t = toml_as_node(en->v.u.array.items[en->v.u.array.n - 1]);
        } else if (en->v.type == TOML_ARRAY) {
            toml_fail_at(p, kp->line, kp->col, "cannot extend static array '%s' (defined at %d:%d)",
                         toml_key_name(p, &k, i), e->line, e->col);
            goto out;
        } else {
            toml_fail_at(p, kp->line, kp->col, "key '%s' is already defined as %s (at %d:%d)",
                         toml_key_name(p, &k, i), toml_kind_with_article(en), e->line, e->col);
            goto out;
        }
    }

    struct keypart *last = &k.part[k.n - 1];
    const char *name = toml_key_name(p, &k, k.n - 1);
    struct toml_entry *e = toml_table_find(t, last->s);
    struct tnode *en = e ? toml_as_node(e->val) : NULL;

    if (!aot) {
        if (!e) {
            if (check_depth(p, t->depth + 1, last->line, last->col) < 0)
                goto out;
            struct tnode *nt = toml_node_new(TOML_TABLE, hline, hcol, t->depth + 1, N_EXPLICIT);
            toml_table_add(t, last->s, last->line, last->col, nt);
            last->s = NULL;
            p->table = nt;
        } else if (en->v.type == TOML_TABLE && (en->flags & N_FROZEN)) {
            toml_fail_at(p, last->line, last->col, "cannot extend inline table '%s' (defined at %d:%d)",
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
            toml_fail_at(p, last->line, last->col,
                         "duplicate table '%s' (first defined by dotted keys at %d:%d)",
                         name, en->v.line, en->v.col);
            goto out;
        } else if (en->v.type == TOML_TABLE) {
            toml_fail_at(p, last->line, last->col, "duplicate table '%s' (first defined at %d:%d)",
                         name, en->v.line, en->v.col);
            goto out;
        } else {
            toml_fail_at(p, last->line, last->col, "key '%s' is already defined as %s (at %d:%d)",
                         name, toml_kind_with_article(en), e->line, e->col);
            goto out;
        }
    } else {
        struct tnode *arr;
        if (!e) {
            if (check_depth(p, t->depth + 2, last->line, last->col) < 0)
                goto out;
            arr = toml_node_new(TOML_ARRAY, hline, hcol, t->depth + 1, N_AOT);
            toml_table_add(t, last->s, last->line, last->col, arr);
            last->s = NULL;
        } else if (en->v.type == TOML_ARRAY && (en->flags & N_AOT)) {
            arr = en;
        } else if (en->v.type == TOML_ARRAY) {
            toml_fail_at(p, last->line, last->col, "cannot append to static array '%s' (defined at %d:%d)",
                         name, e->line, e->col);
            goto out;
        } else {
            toml_fail_at(p, last->line, last->col, "key '%s' is already defined as %s (at %d:%d)",
                         name, toml_kind_with_article(en), e->line, e->col);
            goto out;
        }
        struct tnode *nt = toml_node_new(TOML_TABLE, hline, hcol, arr->depth + 1, N_EXPLICIT);
        toml_array_push(arr, nt);
        p->table = nt;
    }
    rc = 0;
out:
    toml_key_free(&k);
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
        toml_fail_at(&p, 1, 1, "document is larger than %zu bytes (%zu bytes)",
                     TOML_MAX_BYTES, p.len);
        return NULL;
    }
    if (toml_check_bytes(&p) < 0)
        return NULL;
    /* Editors on some systems start files with a byte order mark. */
    if (p.len >= 3 && memcmp(p.s, "\xef\xbb\xbf", 3) == 0)
        p.pos = 3;

    p.root = toml_node_new(TOML_TABLE, 1, 1, 0, N_EXPLICIT);
    p.table = p.root;
    while (!p.failed) {
        toml_skip_ws(&p);
        int c = cur(&p);
        if (c < 0)
            break;
        if (c == '#' || at_newline(&p)) {
            toml_end_of_line(&p, "comment");
        } else if (c == '[') {
            parse_header(&p);
        } else if (is_bare(c) || c == '"' || c == '\'') {
            if (parse_keyval(&p, p.table) == 0)
                toml_end_of_line(&p, "value");
        } else {
            toml_fail_here(&p, "expected a key or '[', found %s", toml_found(&p));
        }
    }
    if (p.failed) {
        toml_node_free(p.root);
        return NULL;
    }
    return &p.root->v;
}
