/* gorelease.c - Go release names resolved to toolchains. See gorelease.h. */
#define _GNU_SOURCE
#include "matrix/gorelease.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "base/child.h"
#include "base/util.h"

/* A parsed "1.N[.M]" with optional "go" prefix and rc/beta suffix. */
struct go_name {
    int minor;       /* N */
    int patch;       /* M; -1 when absent */
    const char *pre; /* "rc1", "beta2" or "" */
};

/* 1 when s is a Go release name, filled into g. */
static int parse_name(const char *s, struct go_name *g)
{
    if (!strncmp(s, "go", 2))
        s += 2;
    if (strncmp(s, "1.", 2))
        return 0;
    char *end;
    long n = strtol(s + 2, &end, 10);
    if (end == s + 2 || n < 0 || n > 999)
        return 0;
    g->minor = (int)n;
    g->patch = -1;
    g->pre = "";
    if (*end == '.') {
        const char *p = end + 1;
        long m = strtol(p, &end, 10);
        if (end == p || m < 0 || m > 9999)
            return 0;
        g->patch = (int)m;
    }
    if (!strncmp(end, "rc", 2) || !strncmp(end, "beta", 4)) {
        const char *d = end + (end[0] == 'r' ? 2 : 4);
        if (!*d || strspn(d, "0123456789") != strlen(d))
            return 0;
        g->pre = end;
        return 1;
    }
    return *end == '\0';
}

/* "go1.22.12" from the first line of ROOT/VERSION, or NULL. */
static char *version_of_root(const char *root)
{
    char *path = path_join(root, "VERSION");
    size_t len = 0;
    char *text = read_file(path, &len, 4096);
    free(path);
    char *r = NULL;
    struct go_name g;
    if (text) {
        text[strcspn(text, "\r\n")] = '\0';
        if (!strncmp(text, "go", 2) && strlen(text) <= 40 && parse_name(text, &g))
            r = xstrdup(text);
        free(text);
    }
    return r;
}

char *go_release_of_path(const char *tc)
{
    char *bin = path_dirname(tc);
    char *root = path_dirname(bin);
    char *r = version_of_root(root);
    free(bin);
    free(root);
    if (r)
        return r;
    for (const char *p = strstr(tc, "go"); p; p = strstr(p + 1, "go")) {
        const char *q = p + 2 + (p[2] == '-');
        size_t n = strspn(q, "0123456789.");
        if (n >= 3 && q[0] == '1' && q[1] == '.' && q[n - 1] != '.')
            r = xasprintf("go%.*s", (int)n, q);
        if (r && n >= 3)
            break;
    }
    return r;
}

/* The release of the `go` found on PATH (through its symlinks), or NULL. */
static char *path_go_release(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    char *copy = xstrdup(path), *save = NULL, *r = NULL;
    for (char *d = strtok_r(copy, ":", &save); d && !r; d = strtok_r(NULL, ":", &save)) {
        char *go = path_join(*d ? d : ".", "go");
        char real[PATH_MAX];
        if (access(go, X_OK) == 0 && realpath(go, real))
            r = go_release_of_path(real);
        free(go);
    }
    free(copy);
    return r;
}

char *go_newest_patch(const char *list, int minor, const char *plat)
{
    char *best = NULL;
    int best_patch = -1;
    char prefix[32];
    snprintf(prefix, sizeof prefix, "go1.%d", minor);
    size_t pl = strlen(prefix);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, " \t\r\n");
        /* v0.0.1-go1.22.12.linux-amd64 */
        const char *w = p;
        p += n;
        p += strspn(p, " \t\r\n");
        const char *dash = memchr(w, '-', n);
        if (!dash || (size_t)(dash - w) >= n)
            continue;
        const char *rel = dash + 1;
        size_t rl = (size_t)(w + n - rel), plat_l = strlen(plat);
        if (rl < pl + plat_l + 1 || strncmp(rel, prefix, pl) ||
            strncmp(rel + rl - plat_l, plat, plat_l) || rel[rl - plat_l - 1] != '.')
            continue;
        char name[64];
        size_t nl = rl - plat_l - 1;
        if (nl >= sizeof name)
            continue;
        memcpy(name, rel, nl);
        name[nl] = '\0';
        struct go_name g;
        if (!parse_name(name, &g) || g.minor != minor || *g.pre)
            continue;
        int patch = g.patch < 0 ? 0 : g.patch; /* go1.20 = go1.20.0 */
        if (patch > best_patch) {
            best_patch = patch;
            free(best);
            best = xstrdup(name);
        }
    }
    return best;
}

/* "linux-amd64" for this machine. */
static void platform(char *buf, size_t len)
{
    struct utsname u;
    const char *arch = "amd64";
    if (uname(&u) == 0) {
        if (!strcmp(u.machine, "aarch64"))
            arch = "arm64";
        else if (!strcmp(u.machine, "i686") || !strcmp(u.machine, "i386"))
            arch = "386";
        else if (!strncmp(u.machine, "ppc64le", 7))
            arch = "ppc64le";
        else if (!strcmp(u.machine, "s390x"))
            arch = "s390x";
        else if (!strcmp(u.machine, "riscv64"))
            arch = "riscv64";
    }
    snprintf(buf, len, "linux-%s", arch);
}

/* The module proxy's toolchain list (or $DLBENCH_GO_TOOLCHAIN_LIST's
 * file), or NULL with the reason in err. */
static char *toolchain_list(char *err, size_t errlen)
{
    const char *file = getenv("DLBENCH_GO_TOOLCHAIN_LIST");
    if (file && *file) {
        size_t len = 0;
        char *t = read_file(file, &len, 1 << 20);
        if (!t)
            snprintf(err, errlen, "cannot read DLBENCH_GO_TOOLCHAIN_LIST '%s'", file);
        return t;
    }
    char *argv[] = {"go", "list", "-m", "-versions", "golang.org/toolchain", NULL};
    char *env[] = {"GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", NULL};
    struct child_spec spec = {.argv = argv, .cwd = "/", .env_add = env, .timeout_s = 60};
    struct child_result res;
    child_run(&spec, &res);
    char *r = NULL;
    if (res.outcome == CHILD_OK && res.out) {
        r = res.out;
        res.out = NULL;
    } else {
        char *cause = child_cause(&res);
        char *tail = child_err_tail(&res, 1);
        snprintf(err, errlen, "'go list -m -versions golang.org/toolchain' %s%s%s", cause,
                 tail && *tail ? ": " : "", tail ? tail : "");
        free(cause);
        free(tail);
    }
    child_result_free(&res);
    return r;
}

/* A local GOROOT of Go 1.minor: DIR/go-1.minor/bin/go, or NULL. */
static char *local_root(int minor)
{
    const char *roots = getenv("DLBENCH_GO_ROOTS");
    char *copy = xstrdup(roots ? roots : "/usr/lib"), *save = NULL, *r = NULL;
    for (char *d = strtok_r(copy, ":", &save); d && !r; d = strtok_r(NULL, ":", &save)) {
        char *go = xasprintf("%s/go-1.%d/bin/go", d, minor);
        if (access(go, X_OK) == 0)
            r = go;
        else
            free(go);
    }
    free(copy);
    return r;
}

int go_release_resolve(const char *spec, char **out, char **how, char *err, size_t errlen)
{
    struct go_name g;
    *out = NULL;
    *how = NULL;
    if (!strcmp(spec, "local") || strchr(spec, '/') || !parse_name(spec, &g)) {
        *out = xstrdup(spec);
        return 0;
    }
    if (g.patch >= 0 || *g.pre) {
        /* a full release: the proxy's name, with the "go" prefix */
        *out = xasprintf("go%s", spec + (strncmp(spec, "go", 2) ? 0 : 2));
        if (strncmp(spec, "go", 2))
            *how = xasprintf("the Go release %s", *out);
        return 0;
    }
    char want[32];
    snprintf(want, sizeof want, "go1.%d", g.minor);
    size_t wl = strlen(want);
    char *rel = path_go_release();
    if (rel && !strncmp(rel, want, wl) && (rel[wl] == '\0' || rel[wl] == '.')) {
        *out = xstrdup("local");
        *how = xasprintf("the go on PATH is %s: local", rel);
        free(rel);
        return 0;
    }
    free(rel);
    char *root = local_root(g.minor);
    if (root) {
        char *r = go_release_of_path(root);
        *how = xasprintf("found locally: %s%s%s", root, r ? ", " : "", r ? r : "");
        free(r);
        *out = root;
        return 0;
    }
    char why[1024] = "";
    char *list = toolchain_list(why, sizeof why);
    char plat[64];
    platform(plat, sizeof plat);
    char *best = list ? go_newest_patch(list, g.minor, plat) : NULL;
    free(list);
    if (best) {
        *out = best;
        *how = xasprintf("the newest patch the module proxy serves: %s", best);
        return 0;
    }
    snprintf(err, errlen,
             "no Go 1.%d toolchain: the go on PATH is not 1.%d, no go-1.%d/bin/go in %s, and %s",
             g.minor, g.minor, g.minor, getenv("DLBENCH_GO_ROOTS") ? getenv("DLBENCH_GO_ROOTS")
                                                                   : "/usr/lib",
             *why ? why : "the module proxy lists no such release for this machine");
    return -1;
}
