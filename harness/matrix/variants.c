/* variants.c - expands bench.toml into the list of variants to build,
 * verify and measure. See variants.h. */
#define _GNU_SOURCE
#include "matrix/variants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix/gorelease.h"
#include "matrix/lang.h"

void matrix_opts_free(struct matrix_opts *o)
{
    sl_free(&o->only);
    sl_free(&o->go);
}

char *toolchain_label(const char *tc)
{
    /* "go1.21.6" stays as is; a path like /usr/lib/go-1.22/bin/go becomes
     * "usr_lib_go-1.22_bin_go": readable, and safe as a file name. */
    struct strbuf sb = {0};
    for (const char *p = tc; *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '+' || c == '_';
        if (!ok && sb.len == 0)
            continue;
        sb_appendc(&sb, ok ? c : '_');
    }
    while (sb.len && sb.buf[sb.len - 1] == '_')
        sb.buf[--sb.len] = '\0';
    if (sb.len == 0 || strspn(sb.buf, ".") == sb.len)
        sb_append(&sb, "toolchain");
    if (sb.len > 80) {
        sb.len = 80;
        sb.buf[80] = '\0';
    }
    return sb_detach(&sb);
}

char *toolchain_short_label(const char *tc)
{
    if (strchr(tc, '/')) {
        char *rel = go_release_of_path(tc);
        if (rel) {
            char *l = toolchain_label(rel);
            free(rel);
            return l;
        }
    }
    return toolchain_label(tc);
}

/* Whether --go replaces the toolchains of im (a built impl whose language
 * says so). */
static int takes_go_option(const struct impl_cfg *im)
{
    return im->build && lang_has(im->lang, LANG_TOOLCHAINS_FROM_GO);
}

/* Go release names ("1.22", "go1.22.12") of a Go impl's toolchains,
 * resolved (gorelease.h) into m->go_resolved. Each name is resolved once
 * per run - a bare minor may ask the module proxy - and a note says what
 * it became the first time. Returns 0, or -1 after db_error. */
static int resolve_go(struct matrix *m, char **tcs, size_t ntc, const char *where)
{
    sl_free(&m->go_resolved);
    for (size_t k = 0; k < ntc; k++) {
        size_t c = 0;
        while (c < m->go_names.n && strcmp(m->go_names.v[c], tcs[k]))
            c++;
        if (c == m->go_names.n) {
            char *tc = NULL, *how = NULL, err[2048];
            if (go_release_resolve(tcs[k], &tc, &how, err, sizeof err) != 0) {
                db_error("%s: Go toolchain '%s': %s", where, tcs[k], err);
                return -1;
            }
            if (how)
                db_note("Go toolchain '%s': %s", tcs[k], how);
            free(how);
            sl_push(&m->go_names, tcs[k]);
            sl_push_owned(&m->go_toolchains, tc);
        }
        sl_push(&m->go_resolved, m->go_toolchains.v[c]);
    }
    return 0;
}

static void add_variant(struct matrix *m, const struct impl_cfg *im, const char *tc,
                        const char *label, int impl_index, int toolchain_index)
{
    m->v = xrealloc(m->v, (m->n + 1) * sizeof *m->v);
    struct variant *v = &m->v[m->n++];
    memset(v, 0, sizeof *v);
    v->impl = im;
    v->impl_index = impl_index;
    v->toolchain_index = toolchain_index;
    if (!tc) {
        v->name = xstrdup(im->name);
        v->toolchain_label = xstrdup("");
        v->lib_path = xstrdup(im->lib);
        return;
    }
    v->toolchain = xstrdup(tc);
    v->toolchain_label = xstrdup(label);
    v->name = xasprintf("%s@%s", im->name, v->toolchain_label);
    v->out_dir = path_join(m->libs_dir, v->name);
    v->lib_path = xasprintf("%s/libdlbench_%s.so", v->out_dir, im->name);
    v->log_path = xasprintf("%s/build.log", v->out_dir);
}

static int selected(const struct matrix_opts *o, const struct impl_cfg *im, const char *vname)
{
    if (o->only.n == 0)
        return 1;
    return sl_contains(&o->only, im->name) || sl_contains(&o->only, vname);
}

int matrix_load(const struct matrix_opts *o, struct matrix *m)
{
    memset(m, 0, sizeof *m);
    const char *path = o->config_path ? o->config_path : "bench.toml";
    struct suite_opts so = o->suite;
    so.config = o->config_path;
    if (suite_wanted(&so) ? suite_load(&so, &m->cfg) != 0 : config_load(path, &m->cfg) != 0)
        return -1;
    if (!suite_wanted(&so) && so.symbols) {
        db_error("'--symbols' needs '--lib' or '--go-package' (bench.toml has [impl.symbols])");
        config_free(&m->cfg);
        return -1;
    }
    path = m->cfg.path; /* the suite of --lib: "<cwd>/(command line)" */
    {
        /* Absolute, because build recipes run in each impl's own folder. */
        char *d = o->libs_dir ? xstrdup(o->libs_dir) : path_join(m->cfg.root, "build/libs");
        m->libs_dir = path_abs(d);
        free(d);
    }

    int have_go = 0;
    for (size_t i = 0; i < m->cfg.n_impls; i++) {
        const struct impl_cfg *im = &m->cfg.impls[i];
        if (!im->build) {
            if (selected(o, im, im->name))
                add_variant(m, im, NULL, NULL, (int)i, 0);
            continue;
        }
        char **tcs = im->toolchains;
        size_t ntc = im->n_toolchains;
        if (takes_go_option(im)) {
            have_go = 1;
            if (o->go.n) {
                tcs = o->go.v;
                ntc = o->go.n;
            }
            if (resolve_go(m, tcs, ntc, o->go.n ? "--go" : path) != 0) {
                matrix_free(m);
                return -1;
            }
            tcs = m->go_resolved.v;
            ntc = m->go_resolved.n;
        }
        for (size_t k = 0; k < ntc; k++) {
            /* A path is named by its release (go@go1.22.12); when two
             * paths give the same release, by the path itself. */
            char *label = toolchain_short_label(tcs[k]);
            char *vname = xasprintf("%s@%s", im->name, label);
            int dup = 0;
            for (size_t j = 0; j < m->n; j++)
                dup |= !strcmp(m->v[j].name, vname);
            for (size_t j = 0; j < k && !dup; j++) {
                char *other = toolchain_short_label(tcs[j]);
                dup |= !strcmp(other, label);
                free(other);
            }
            if (dup && strchr(tcs[k], '/')) {
                free(label);
                free(vname);
                label = toolchain_label(tcs[k]);
                vname = xasprintf("%s@%s", im->name, label);
                dup = 0;
                for (size_t j = 0; j < m->n; j++)
                    dup |= !strcmp(m->v[j].name, vname);
            }
            if (dup) {
                db_error("%s: toolchain '%s' of impl '%s' is listed twice (variant '%s')", path,
                         tcs[k], im->name, vname);
                free(label);
                free(vname);
                matrix_free(m);
                return -1;
            }
            if (selected(o, im, vname))
                add_variant(m, im, tcs[k], label, (int)i, (int)k);
            free(label);
            free(vname);
        }
    }
    if (o->go.n && !have_go)
        db_warn("--go given, but '%s' has no Go impl to build (lang = \"go\" with 'dir' = the "
                "package folder; a 'lib' is measured as it is): ignored",
                path);
    for (size_t i = 0; i < o->only.n; i++) {
        int found = 0;
        for (size_t j = 0; j < m->n && !found; j++)
            found = !strcmp(m->v[j].name, o->only.v[i]) || !strcmp(m->v[j].impl->name, o->only.v[i]);
        if (!found) {
            db_error("--only: no impl or variant named '%s' in '%s'", o->only.v[i], path);
            matrix_free(m);
            return -1;
        }
    }
    if (m->n == 0) {
        db_error("'%s' selects no variant to measure", path);
        matrix_free(m);
        return -1;
    }
    return 0;
}

void variant_fail(struct variant *v, const char *cause, const char *log)
{
    if (v->failure)
        return; /* the first cause is the one that explains the rest */
    v->failure = xstrdup(cause);
    v->failure_log = log ? xstrdup(log) : NULL;
}

void matrix_free(struct matrix *m)
{
    for (size_t i = 0; i < m->n; i++) {
        struct variant *v = &m->v[i];
        free(v->name);
        free(v->toolchain);
        free(v->toolchain_label);
        free(v->out_dir);
        free(v->lib_path);
        free(v->log_path);
        free(v->failure);
        free(v->failure_log);
        free(v->info);
        free(v->free_how);
        free(v->build_version);
        free(v->exports);
        free(v->skipped);
        free(v->verify_cmd);
        free(v->verify_log);
    }
    free(m->v);
    free(m->libs_dir);
    sl_free(&m->go_resolved);
    sl_free(&m->go_names);
    sl_free(&m->go_toolchains);
    config_free(&m->cfg);
    memset(m, 0, sizeof *m);
}

int matrix_exit_code(const struct matrix *m)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].failure)
            return EXIT_SOME_FAILED;
    return EXIT_OK;
}

/* 1 if the space-separated exports list has w. */
static int exports_has(const char *exports, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = exports ? strstr(exports, w) : NULL; p; p = strstr(p + 1, w))
        if ((p == exports || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    return 0;
}

char *variant_cycle_call(const struct variant *v)
{
    const struct symbol_map *m = &v->impl->symbols;
    const char *call = m->cycle;
    const char *why = "cycle_workload";
    if (!call) {
        call = exports_has(v->exports, "add") ? "add" : exports_has(v->exports, "noop") ? "noop"
                                                                                        : "none";
        why = "default: add if the library has it, else noop, else none";
    }
    const char *thread = m->cycle_thread && !strcmp(m->cycle_thread, "pthread")
                             ? "a pthread (dlopen and dlclose on the main thread)"
                             : "the main thread";
    struct strbuf sb = {0};
    sb_append(&sb, call);
    if (!strcmp(call, "hello") && v->free_how && !strncmp(v->free_how, "nothing", 7))
        sb_append(&sb, " (its string never released: free = \"\")");
    else if (!strcmp(call, "hello"))
        sb_printf(&sb, " (its string released with %s)", v->free_how ? v->free_how : "?");
    if (strcmp(call, "none") != 0)
        sb_printf(&sb, ", from %s", thread);
    else
        sb_append(&sb, ": nothing is called between dlopen and dlclose");
    sb_printf(&sb, " (%s)", why);
    return sb_detach(&sb);
}
