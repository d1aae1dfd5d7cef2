/* lang.h - what dlbench knows about a language, as one table.
 *
 * A language is the `lang` of an [[impl]] table ("c", "go", "rust"). Every
 * place that treats one language differently asks this table instead of
 * comparing names. A language without a row (zig, cpp, ...) needs none:
 * it builds through its own recipe, its "local" toolchain is hashed by the
 * recipe's files alone, and no flag applies to it. Adding a row only adds
 * conveniences; adding a language never needs one. */
#ifndef DLBENCH_LANG_H
#define DLBENCH_LANG_H

/* Flags of a language. */
enum {
    /* --go TOOLCHAIN,... replaces the toolchain list of its impls. */
    LANG_TOOLCHAINS_FROM_GO = 1,
    /* --leak-check also watches its runtime's heap (GODEBUG=gctrace=1);
     * memcheck sees only the C heap of such a library. */
    LANG_RUNTIME_HEAP_GO = 2,
    /* Its first verified variant is the default baseline of a run. */
    LANG_BASELINE = 4,
    /* Its library starts a runtime of which one per process is supported
     * (Go: golang/go#11100, #18976): the pair scenario never loads two such
     * libraries into one process. */
    LANG_ONE_RUNTIME = 8,
};

struct lang {
    const char *name;            /* as written in `lang = "..."` */
    /* The toolchain probe for "local": commands looked up in PATH whose
     * binaries (path, size, mtime) identify the local toolchain in the
     * build stamp. NULL-terminated. */
    const char *const *local_cmds;
    /* The default build script, relative to the source tree, run as
     * `sh SCRIPT {toolchain} {out}` in the impl's folder when an impl has
     * 'dir' but no 'build'; NULL: 'build' is required. */
    const char *script;
    unsigned flags;              /* LANG_* */
};

/* The row of name, or NULL for a language the table does not know (and
 * for NULL). */
const struct lang *lang_find(const char *name);
/* 1 when name has a row with flag set, else 0. */
int lang_has(const char *name, unsigned flag);
/* The default recipe of name ("sh '<source>/scripts/build-go.sh'
 * {toolchain} {out}"), or NULL when it has none. Caller frees. */
char *lang_default_recipe(const char *name);

#endif
