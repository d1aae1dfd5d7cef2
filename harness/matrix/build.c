/* build.c - `dlbench build`: every implementation x toolchain variant into
 * build/libs/<impl>@<toolchain>/, with a log per variant.
 *
 * A variant is rebuilt when its stamp changes. The stamp is a hash of the
 * recipe, every file under the impl's folder, every file the recipe names
 * (the per-language scripts live outside that folder) and the identity of the
 * toolchain (path, size and mtime of the binary it resolves to). */
#define _GNU_SOURCE
#include "matrix/build.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/child.h"
#include "matrix/lang.h"
#include "base/util.h"

#define BUILD_TIMEOUT_S 900.0 /* a first GOTOOLCHAIN download can be slow */

/* ---------------------------------------------------------------- stamp */

struct hash {
    uint64_t h;
};

static void hash_bytes(struct hash *h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h->h ^= b[i];
        h->h *= 0x100000001b3ULL; /* FNV-1a */
    }
}

static void hash_str(struct hash *h, const char *s)
{
    hash_bytes(h, s, strlen(s) + 1);
}

static void hash_file_content(struct hash *h, const char *path)
{
    /* Only regular files with bytes: a /proc file says size 0 and a read
     * of one (/proc/kmsg) may block forever. */
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        hash_str(h, "<empty>");
        return;
    }
    size_t len = 0;
    char *data = read_file(path, &len, (size_t)256 << 20);
    if (!data) {
        hash_str(h, "<unreadable>");
        return;
    }
    hash_bytes(h, &len, sizeof len);
    hash_bytes(h, data, len);
    free(data);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Build outputs and VCS folders inside an impl folder are not sources. */
static int skip_dir(const char *name)
{
    return !strcmp(name, "target") || !strcmp(name, ".git") || !strcmp(name, "build") ||
           !strcmp(name, "node_modules") || !strcmp(name, "zig-cache") || !strcmp(name, "zig-out");
}

/* An impl folder is a handful of sources; a 'dir' that names "/" or a home
 * folder would be read whole at every build. */
#define MAX_TREE_FILES 20000

static void list_files(const char *dir, const char *rel, struct strlist *out, int depth)
{
    if (depth > 16 || out->n > MAX_TREE_FILES)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && out->n <= MAX_TREE_FILES) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
            continue;
        char *full = path_join(dir, e->d_name);
        char *r = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
        struct stat st;
        if (lstat(full, &st) == 0) {
            if (S_ISDIR(st.st_mode) && !skip_dir(e->d_name))
                list_files(full, r, out, depth + 1);
            else if (S_ISREG(st.st_mode))
                sl_push(out, r);
        }
        free(full);
        free(r);
    }
    closedir(d);
}

/* -1 when dir holds more than MAX_TREE_FILES files. */
static int hash_tree(struct hash *h, const char *dir)
{
    struct strlist files = {0};
    list_files(dir, "", &files, 0);
    if (files.n > MAX_TREE_FILES) {
        sl_free(&files);
        return -1;
    }
    if (files.n)
        qsort(files.v, files.n, sizeof *files.v, cmp_str);
    for (size_t i = 0; i < files.n; i++) {
        char *full = path_join(dir, files.v[i]);
        hash_str(h, files.v[i]);
        hash_file_content(h, full);
        free(full);
    }
    sl_free(&files);
    return 0;
}

static void hash_stat(struct hash *h, const char *path)
{
    struct stat st;
    char *real = path_real(path);
    hash_str(h, real ? real : path);
    if (stat(path, &st) == 0) {
        hash_bytes(h, &st.st_size, sizeof st.st_size);
        hash_bytes(h, &st.st_mtim, sizeof st.st_mtim);
    }
    free(real);
}

/* Finds cmd in PATH; caller frees, NULL if absent. */
static char *which(const char *cmd)
{
    if (strchr(cmd, '/'))
        return is_file(cmd) ? xstrdup(cmd) : NULL;
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    struct strlist dirs = {0};
    char *found = NULL;
    sl_split(&dirs, path, ":");
    for (size_t i = 0; i < dirs.n && !found; i++) {
        char *p = path_join(dirs.v[i], cmd);
        if (access(p, X_OK) == 0 && is_file(p))
            found = p;
        else
            free(p);
    }
    sl_free(&dirs);
    return found;
}

static void hash_toolchain(struct hash *h, const struct variant *v, const char *dir)
{
    hash_str(h, v->toolchain);
    /* "local" means whatever the language's commands on PATH are today
     * (the language table's probe; none for a language it does not know). */
    const char *const *cmds = NULL;
    const char *single[2] = {v->toolchain, NULL};
    if (!strcmp(v->toolchain, "local")) {
        const struct lang *l = lang_find(v->impl->lang);
        cmds = l ? l->local_cmds : NULL;
    } else {
        cmds = single;
    }
    for (; cmds && *cmds; cmds++) {
        char *p = NULL;
        if (strchr(*cmds, '/')) {
            char *rel = path_join(dir, *cmds);
            p = is_file(*cmds) ? xstrdup(*cmds) : is_file(rel) ? xstrdup(rel) : NULL;
            free(rel);
        } else {
            p = which(*cmds);
        }
        if (p)
            hash_stat(h, p);
        free(p);
    }
}

/* Every word of the recipe that names an existing file (relative to the
 * impl folder) is part of the build: hash its content. */
static void hash_recipe_files(struct hash *h, const char *recipe, const char *dir)
{
    struct strlist words = {0};
    sl_split(&words, recipe, NULL);
    for (size_t i = 0; i < words.n; i++) {
        if (words.v[i][0] == '{')
            continue;
        char *p = path_join(dir, words.v[i]);
        if (is_file(p))
            hash_file_content(h, p);
        free(p);
    }
    sl_free(&words);
}

/* NULL when the impl folder is too big to be one (see MAX_TREE_FILES). */
static char *compute_stamp(const struct variant *v)
{
    struct hash h = {0xcbf29ce484222325ULL};
    hash_str(&h, "dlbench-build-stamp-1");
    hash_str(&h, v->impl->build);
    hash_recipe_files(&h, v->impl->build, v->impl->dir);
    if (hash_tree(&h, v->impl->dir) != 0)
        return NULL;
    hash_toolchain(&h, v, v->impl->dir);
    return xasprintf("%016llx\n", (unsigned long long)h.h);
}

/* ---------------------------------------------------------------- recipe */

/* Substitutes {out}, {toolchain} and {dir}.
 *
 * For running (display = 0) the values never enter the script: each
 * placeholder becomes a reference to an environment variable set for the
 * recipe (DLBENCH_OUT, DLBENCH_TOOLCHAIN, DLBENCH_DIR), quoted for where it
 * stands - "$V" outside quotes, ${V} inside "...", '"$V"' inside '...'. The
 * shell expands a parameter once and never parses its value again, so a
 * toolchain or path holding $(...), `...`, ; or quotes is one argument
 * wherever the recipe writes the placeholder, even inside quotes of its own
 * (pasting a single-quoted value into "{out}" would let $(...) run).
 * For the build log (display = 1) each value is shown as a single-quoted
 * shell word (the recipe's own quotes closed around it). */
static char *expand_recipe(const struct variant *v, int display)
{
    enum { Q_NONE, Q_SINGLE, Q_DOUBLE } q = Q_NONE;
    struct strbuf sb = {0};
    const char *p = v->impl->build;
    while (*p) {
        const char *val = NULL, *var = NULL;
        size_t skip = 0;
        if (!strncmp(p, "{out}", 5))
            val = v->lib_path, var = "DLBENCH_OUT", skip = 5;
        else if (!strncmp(p, "{toolchain}", 11))
            val = v->toolchain, var = "DLBENCH_TOOLCHAIN", skip = 11;
        else if (!strncmp(p, "{dir}", 5))
            val = v->impl->dir, var = "DLBENCH_DIR", skip = 5;
        if (val && display) {
            /* Close and reopen the recipe's own quotes around the word. */
            char *qv = shell_quote(val);
            const char *re = q == Q_SINGLE ? "'" : q == Q_DOUBLE ? "\"" : "";
            sb_printf(&sb, "%s%s%s", re, qv, re);
            free(qv);
        } else if (val) {
            if (q == Q_NONE)
                sb_printf(&sb, "\"$%s\"", var);
            else if (q == Q_DOUBLE)
                sb_printf(&sb, "${%s}", var);
            else
                sb_printf(&sb, "'\"$%s\"'", var);
        }
        if (val) {
            p += skip;
            continue;
        }
        /* Track the quoting the recipe itself uses. */
        char ch = *p++;
        sb_appendc(&sb, ch);
        if (ch == '\\' && q != Q_SINGLE && *p) {
            sb_appendc(&sb, *p++);
        } else if (ch == '\'' && q != Q_DOUBLE) {
            q = q == Q_SINGLE ? Q_NONE : Q_SINGLE;
        } else if (ch == '"' && q != Q_SINGLE) {
            q = q == Q_DOUBLE ? Q_NONE : Q_DOUBLE;
        }
    }
    return sb_detach(&sb);
}

static char *first_line(const char *s)
{
    size_t n = strcspn(s, "\r\n");
    return xstrndup(s, n);
}

static char *last_lines(const char *s, size_t len, int n)
{
    struct child_result r = {0};
    r.err = (char *)s;
    r.err_len = len;
    return child_err_tail(&r, n);
}

static void build_one(struct variant *v, int quiet)
{
    char *stamp = NULL, *old = NULL, *stamp_path = NULL, *cmd = NULL, *recipe = NULL;
    char *script = NULL, *env_add[4] = {NULL, NULL, NULL, NULL};
    struct child_result res = {0};
    int64_t t0 = now_ns();

    if (!is_dir(v->impl->dir)) {
        char *msg = xasprintf("impl folder '%s' does not exist", v->impl->dir);
        variant_fail(v, msg, NULL);
        free(msg);
        goto out;
    }
    if (mkdir_p(v->out_dir) != 0) {
        char *msg = xasprintf("cannot create '%s': %s", v->out_dir, strerror(errno));
        variant_fail(v, msg, NULL);
        free(msg);
        goto out;
    }
    stamp_path = xasprintf("%s/stamp", v->out_dir);
    stamp = compute_stamp(v);
    if (!stamp) {
        char *msg = xasprintf("impl folder '%s' holds more than %d files: is 'dir' right?",
                              v->impl->dir, MAX_TREE_FILES);
        variant_fail(v, msg, NULL);
        free(msg);
        goto out;
    }
    old = read_file(stamp_path, NULL, 4096);
    if (old && !strcmp(old, stamp) && is_file(v->lib_path)) {
        char *log = read_file(v->log_path, NULL, (size_t)16 << 20);
        v->build_version = first_line(log ? log : "");
        free(log);
        v->built = 1;
        if (!quiet)
            db_note("build %-24s up to date", v->name);
        goto out;
    }
    unlink(stamp_path);
    unlink(v->lib_path); /* a failed build must not leave an old library to measure */

    recipe = expand_recipe(v, 1);
    script = expand_recipe(v, 0);
    /* stderr joins stdout so the log reads in order. */
    cmd = xasprintf("exec 2>&1; %s", script);
    char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    env_add[0] = xasprintf("DLBENCH_OUT=%s", v->lib_path);
    env_add[1] = xasprintf("DLBENCH_TOOLCHAIN=%s", v->toolchain);
    env_add[2] = xasprintf("DLBENCH_DIR=%s", v->impl->dir);
    struct child_spec spec = {.argv = argv, .cwd = v->impl->dir, .env_add = env_add,
                              .timeout_s = BUILD_TIMEOUT_S};
    if (!quiet)
        db_note("build %-24s ...", v->name);
    child_run(&spec, &res);
    struct strbuf log = {0};
    sb_printf(&log, "%s", res.out ? res.out : "");
    if (res.outcome != CHILD_OK) {
        char *cause = child_cause(&res);
        sb_printf(&log, "\ndlbench: recipe %s: %s\n", cause, recipe);
        free(cause);
    }
    if (write_file_atomic(v->log_path, log.buf ? log.buf : "", log.len) != 0)
        db_warn("cannot write build log '%s': %s", v->log_path, strerror(errno));
    v->build_version = first_line(res.out ? res.out : "");

    if (res.outcome == CHILD_INTERRUPTED) {
        variant_fail(v, "build interrupted", NULL);
    } else if (res.outcome != CHILD_OK) {
        char *cause = child_cause(&res);
        char *tail = last_lines(res.out, res.out_len, 6);
        /* The recipe's last line usually says why ("toolchain ... is not
         * available"): put it in the cause, where tables show it. */
        char *last = last_lines(res.out, res.out_len, 1);
        char *msg = last[0] ? xasprintf("build %s: %s (log: %s)", cause, last, v->log_path)
                            : xasprintf("build %s (log: %s)", cause, v->log_path);
        free(last);
        variant_fail(v, msg, tail);
        free(msg);
        free(cause);
        free(tail);
    } else if (!is_file(v->lib_path)) {
        char *msg = xasprintf("build recipe succeeded but did not write '%s'", v->lib_path);
        variant_fail(v, msg, NULL);
        free(msg);
    } else {
        v->built = 1;
        if (write_file_atomic(stamp_path, stamp, strlen(stamp)) != 0)
            db_warn("cannot write '%s': %s", stamp_path, strerror(errno));
    }
    sb_free(&log);
    if (!quiet && v->built)
        db_note("build %-24s ok (%.1f s)", v->name, (double)(now_ns() - t0) / 1e9);
out:
    /* Every way to fail says why, quiet or not. */
    if (v->failure)
        db_note("build %-24s FAILED: %s%s%s", v->name, v->failure, v->failure_log ? "\n" : "",
                v->failure_log ? v->failure_log : "");
    child_result_free(&res);
    free(stamp);
    free(old);
    free(stamp_path);
    free(cmd);
    free(recipe);
    free(script);
    for (size_t i = 0; i < ARRAY_LEN(env_add); i++)
        free(env_add[i]);
}

int build_all(struct matrix *m, int quiet)
{
    int failed = 0;
    for (size_t i = 0; i < m->n && !child_stop_requested; i++) {
        struct variant *v = &m->v[i];
        if (!v->impl->build) {
            struct stat st;
            char *msg = NULL;
            if (stat(v->lib_path, &st) != 0)
                msg = xasprintf("cannot use library '%s': %s", v->lib_path, strerror(errno));
            else if (S_ISDIR(st.st_mode))
                msg = xasprintf("library '%s' is a directory, not a file", v->lib_path);
            else if (!S_ISREG(st.st_mode))
                msg = xasprintf("library '%s' is not a regular file", v->lib_path);
            if (!msg) {
                v->built = 1;
            } else {
                variant_fail(v, msg, NULL);
                free(msg);
                db_note("check %-24s FAILED: %s", v->name, v->failure);
            }
        } else {
            build_one(v, quiet);
        }
        failed += !v->built;
    }
    return failed;
}

/* ---------------------------------------------------------------- command */

int build_execute(const struct matrix_opts *o)
{
    struct matrix m = {0};
    int rc = EXIT_USAGE;
    if (matrix_load(o, &m) != 0)
        goto out;
    child_install_stop_handlers();
    build_all(&m, o->quiet);
    if (child_stop_requested) {
        rc = EXIT_INTERRUPTED;
        goto out;
    }
    rc = matrix_exit_code(&m);
    if (rc != EXIT_OK) {
        size_t nfail = 0;
        for (size_t i = 0; i < m.n; i++)
            nfail += m.v[i].failure != NULL;
        db_error("%zu of %zu variants failed to build", nfail, m.n);
    }
out:
    matrix_free(&m);
    return rc;
}
