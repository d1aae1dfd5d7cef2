/* suite.c - the suite of --lib / --go-package. See suite.h. */
#define _GNU_SOURCE
#include "matrix/suite.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

int suite_wanted(const struct suite_opts *o)
{
    return o->lib || o->go_package;
}

/* A TOML basic string of s (quotes, backslashes and control bytes escaped). */
static void toml_string(struct strbuf *sb, const char *s)
{
    sb_appendc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_printf(sb, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            sb_printf(sb, "\\u%04x", *p);
        else
            sb_appendc(sb, (char)*p);
    }
    sb_appendc(sb, '"');
}

/* An impl name from a file or folder name: [A-Za-z0-9_.+-], else '_'. */
static char *name_of(const char *path)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    const char *base = strrchr(buf, '/') ? strrchr(buf, '/') + 1 : buf;
    struct strbuf sb = {0};
    for (const char *p = base; *p && sb.len < 60; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '.' || c == '+' || c == '-';
        sb_appendc(&sb, ok ? c : '_');
    }
    if (!sb.len || !strcmp(sb.buf, ".") || !strcmp(sb.buf, ".."))
        sb_append(&sb, "lib");
    return sb_detach(&sb);
}

/* The absolute path of what opt names, checked: a regular file (dir 0) or a
 * folder with a go.mod (dir 1). NULL after db_error. */
static char *checked_path(const char *opt, const char *path, int dir)
{
    char real[PATH_MAX];
    struct stat st;
    if (!realpath(path, real) || stat(real, &st) != 0) {
        db_error("%s '%s': %s", opt, path, strerror(errno));
        return NULL;
    }
    if (!dir && !S_ISREG(st.st_mode)) {
        db_error("%s '%s': not a regular file (a shared library is needed)", opt, path);
        return NULL;
    }
    if (dir) {
        char *mod = path_join(real, "go.mod");
        int ok = access(mod, R_OK) == 0;
        free(mod);
        if (!S_ISDIR(st.st_mode) || !ok) {
            db_error("%s '%s': %s", opt, path,
                     S_ISDIR(st.st_mode) ? "no go.mod in it (a Go main package is needed)"
                                         : "not a folder");
            return NULL;
        }
    }
    return xstrdup(real);
}

/* The [[impl]] table o stands for, or NULL after db_error. */
static char *impl_toml(const struct suite_opts *o)
{
    const char *opt = o->lib ? "--lib" : "--go-package";
    char *path = checked_path(opt, o->lib ? o->lib : o->go_package, !o->lib);
    if (!path)
        return NULL;
    char *name = name_of(path);
    struct strbuf sb = {0};
    sb_printf(&sb, "# the suite of dlbench %s\n[[impl]]\nname = ", opt);
    toml_string(&sb, name);
    if (o->lib) {
        sb_append(&sb, "\nlib = ");
        toml_string(&sb, path);
    } else {
        sb_append(&sb, "\nlang = \"go\"\ndir = ");
        toml_string(&sb, path);
        sb_append(&sb, "\ntoolchains = [\"local\"]");
    }
    sb_appendc(&sb, '\n');
    free(name);
    free(path);
    return sb_detach(&sb);
}

/* --symbols over every impl of cfg; -1 after db_error. */
static int apply_symbols(struct config *cfg, const char *spec)
{
    for (size_t i = 0; spec && i < cfg->n_impls; i++) {
        char err[512];
        if (symbol_map_parse(&cfg->impls[i].symbols, spec, err, sizeof err) != 0) {
            db_error("--symbols '%s': %s", spec, err);
            return -1;
        }
    }
    return 0;
}

int suite_load(const struct suite_opts *o, struct config *cfg)
{
    if (o->lib && o->go_package) {
        db_error("'--lib' and '--go-package' cannot be used together");
        return -1;
    }
    char *text = impl_toml(o);
    if (!text)
        return -1;
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        snprintf(cwd, sizeof cwd, ".");
    char *vpath = o->config ? xstrdup(o->config) : path_join(cwd, "(command line)");
    char err[1024];
    int rc = config_parse(text, strlen(text), vpath, cfg, err, sizeof err);
    free(text);
    free(vpath);
    if (rc != 0) {
        db_error("%s", err);
        return -1;
    }
    if (o->config) {
        /* [run] of -c FILE; its [[impl]] tables give way to the option */
        struct config file;
        if (config_load(o->config, &file) != 0) {
            config_free(cfg);
            return -1;
        }
        struct run_cfg swap = cfg->run;
        cfg->run = file.run;
        file.run = swap;
        /* the run folder's bench.toml is FILE: with the options again
         * (env.txt reproduce) it gives this suite */
        char *t = cfg->text;
        size_t tl = cfg->text_len;
        cfg->text = file.text;
        cfg->text_len = file.text_len;
        file.text = t;
        file.text_len = tl;
        db_note("'%s': its [run] settings apply; its %zu [[impl]] table%s give%s way to %s",
                o->config, file.n_impls, file.n_impls == 1 ? "" : "s", file.n_impls == 1 ? "s" : "",
                o->lib ? "--lib" : "--go-package");
        config_free(&file);
        config_apply_run_symbols(cfg);
    }
    if (apply_symbols(cfg, o->symbols) != 0) {
        config_free(cfg);
        return -1;
    }
    return 0;
}
