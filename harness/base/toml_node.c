/* toml_node.c - the tree of the TOML reader: values as struct tnode,
 * tables with a hash index once they have a few keys, arrays, and the
 * public accessors (toml_get, toml_free, ...). See toml_parse.c. */
#define _POSIX_C_SOURCE 200809L
#include "base/toml_impl.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- nodes */

/* Below this many keys a linear scan is as fast as hashing. */
#define INDEX_FROM 8

struct tnode *toml_node_new(enum toml_type type, int line, int col, int depth,
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

void toml_node_free(struct tnode *n)
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
            toml_node_free((struct tnode *)n->v.u.table.entries[i].val);
        }
        free(n->v.u.table.entries);
        free(n->slots);
        break;
    case TOML_ARRAY:
        for (size_t i = 0; i < n->v.u.array.n; i++)
            toml_node_free((struct tnode *)n->v.u.array.items[i]);
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

struct toml_entry *toml_table_find(struct tnode *t, const char *key)
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
struct toml_entry *toml_table_add(struct tnode *t, char *key, int line, int col,
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

void toml_array_push(struct tnode *a, struct tnode *v)
{
    if (a->v.u.array.n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 4;
        a->v.u.array.items =
            xrealloc(a->v.u.array.items, a->cap * sizeof(struct toml_value *));
    }
    a->v.u.array.items[a->v.u.array.n++] = &v->v;
}

struct tnode *toml_as_node(struct toml_value *v)
{
    return (struct tnode *)v;
}

/* "a string", "an array of tables": for "is already defined as ..." */
const char *toml_kind_with_article(const struct tnode *n)
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

void toml_free(struct toml_value *v)
{
    toml_node_free(toml_as_node(v));
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
