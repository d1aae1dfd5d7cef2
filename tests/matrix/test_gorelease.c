/* test_gorelease.c - Go release names (matrix/gorelease.h) resolved
 * offline: fake GOROOTs under a temporary folder ($DLBENCH_GO_ROOTS), a
 * fixed toolchain list ($DLBENCH_GO_TOOLCHAIN_LIST) in place of the module
 * proxy, and a PATH whose `go` is a fake release.
 * usage: test_gorelease TMP_DIR */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"
#include "base/util.h"
#include "matrix/gorelease.h"

static const char *const LIST =
    "v0.0.1-go1.2.2.linux-amd64 v0.0.1-go1.20.linux-amd64 v0.0.1-go1.20.14.linux-amd64 "
    "v0.0.1-go1.20.9.linux-amd64 v0.0.1-go1.22.0.linux-amd64 v0.0.1-go1.22.12.darwin-arm64 "
    "v0.0.1-go1.22.9.linux-amd64 v0.0.1-go1.22.11.linux-amd64 v0.0.1-go1.22rc1.linux-amd64\n"
    "v0.0.1-go1.23.12.linux-amd64 v0.0.1-go1.23.2.linux-amd64 v0.0.1-go1.24rc2.linux-amd64\n"
    "v0.0.1-go1.25beta1.linux-amd64 garbage v0.0.1-go1.19.linux-amd64";

/* A fake GOROOT: DIR/bin/go (a script) and DIR/VERSION. */
static void fake_root(const char *dir, const char *version)
{
    char *bin = xasprintf("%s/bin", dir), *go = xasprintf("%s/bin/go", dir);
    char *vf = xasprintf("%s/VERSION", dir);
    mkdir(dir, 0755);
    mkdir(bin, 0755);
    FILE *f = fopen(go, "w");
    fputs("#!/bin/sh\nexit 0\n", f);
    fclose(f);
    chmod(go, 0755);
    f = fopen(vf, "w");
    fprintf(f, "%s\ntime 2026-01-01T00:00:00Z\n", version);
    fclose(f);
    free(bin);
    free(go);
    free(vf);
}

/* resolve SPEC: the toolchain, "" on error; how into *how. */
static char *resolve(const char *spec, char **how, char *err, size_t errlen)
{
    char *out = NULL;
    *err = '\0';
    if (go_release_resolve(spec, &out, how, err, errlen) != 0)
        return xstrdup("");
    return out;
}

static void check_newest(void)
{
    char *s = go_newest_patch(LIST, 22, "linux-amd64");
    CHECK(s && !strcmp(s, "go1.22.11"), "1.22: newest linux-amd64 patch, not darwin's .12 or rc1: %s",
          s ? s : "NULL");
    free(s);
    s = go_newest_patch(LIST, 20, "linux-amd64");
    CHECK(s && !strcmp(s, "go1.20.14"), "1.20: .14 over .9 and the first release: %s", s ? s : "NULL");
    free(s);
    s = go_newest_patch(LIST, 19, "linux-amd64");
    CHECK(s && !strcmp(s, "go1.19"), "1.19: the first release's name has no .0: %s", s ? s : "NULL");
    free(s);
    s = go_newest_patch(LIST, 2, "linux-amd64");
    CHECK(s && !strcmp(s, "go1.2.2"), "1.2 is not 1.22: %s", s ? s : "NULL");
    free(s);
    s = go_newest_patch(LIST, 24, "linux-amd64");
    CHECK(!s, "1.24: only a release candidate: none (%s)", s ? s : "NULL");
    free(s);
    s = go_newest_patch(LIST, 22, "linux-arm64");
    CHECK(!s, "another platform: none (%s)", s ? s : "NULL");
    free(s);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_gorelease TMP_DIR\n");
        return 2;
    }
    const char *tmp = argv[1];
    mkdir(tmp, 0755);
    check_newest();

    /* Roots: go-1.22 (release go1.22.7); PATH's go is go1.24.3. */
    char *roots = xasprintf("%s/roots", tmp), *r22 = xasprintf("%s/roots/go-1.22", tmp);
    char *pathroot = xasprintf("%s/pathgo", tmp), *pathbin = xasprintf("%s/pathgo/bin", tmp);
    char *listf = xasprintf("%s/list.txt", tmp);
    mkdir(roots, 0755);
    fake_root(r22, "go1.22.7");
    fake_root(pathroot, "go1.24.3");
    FILE *f = fopen(listf, "w");
    fputs(LIST, f);
    fclose(f);
    setenv("DLBENCH_GO_ROOTS", roots, 1);
    setenv("DLBENCH_GO_TOOLCHAIN_LIST", listf, 1);
    setenv("PATH", pathbin, 1);

    char err[2048], *how = NULL, *out;
    char *want22 = xasprintf("%s/bin/go", r22);
    out = resolve("1.22", &how, err, sizeof err);
    CHECK(!strcmp(out, want22), "1.22: the local GOROOT %s, got '%s' (%s)", want22, out, err);
    CHECK(how && strstr(how, "found locally") && strstr(how, "go1.22.7"),
          "1.22: the note names the local root and its release: %s", how ? how : "NULL");
    free(out);
    free(how);
    out = resolve("go1.22", &how, err, sizeof err);
    CHECK(!strcmp(out, want22), "go1.22 as 1.22: '%s'", out);
    free(out);
    free(how);
    out = resolve("1.24", &how, err, sizeof err);
    CHECK(!strcmp(out, "local"), "1.24: the go on PATH is go1.24.3: local, got '%s'", out);
    CHECK(how && strstr(how, "go1.24.3"), "1.24: the note says PATH's release: %s", how ? how : "NULL");
    free(out);
    free(how);
    out = resolve("1.23", &how, err, sizeof err);
    CHECK(!strcmp(out, "go1.23.12"), "1.23: the proxy's newest patch, got '%s' (%s)", out, err);
    CHECK(how && strstr(how, "module proxy"), "1.23: the note says the proxy: %s", how ? how : "NULL");
    free(out);
    free(how);
    out = resolve("1.99", &how, err, sizeof err);
    CHECK(!*out && strstr(err, "no Go 1.99 toolchain") && strstr(err, roots),
          "1.99: an error naming what was tried: '%s'", err);
    free(out);
    free(how);
    static const char *const as_is[][2] = {{"go1.22.12", "go1.22.12"}, {"1.22.12", "go1.22.12"},
                                           {"local", "local"},         {"/opt/go/bin/go", "/opt/go/bin/go"},
                                           {"gotip", "gotip"},         {"go1.22rc1", "go1.22rc1"},
                                           {"1.x", "1.x"}};
    for (size_t i = 0; i < ARRAY_LEN(as_is); i++) {
        out = resolve(as_is[i][0], &how, err, sizeof err);
        CHECK(!strcmp(out, as_is[i][1]), "'%s' -> '%s', got '%s'", as_is[i][0], as_is[i][1], out);
        free(out);
        free(how);
    }
    char *rel = go_release_of_path(want22);
    CHECK(rel && !strcmp(rel, "go1.22.7"), "release of a path from its VERSION: %s", rel ? rel : "NULL");
    free(rel);
    rel = go_release_of_path("/nowhere/go-1.21/bin/go");
    CHECK(rel && !strcmp(rel, "go1.21"), "release of a path from its name: %s", rel ? rel : "NULL");
    free(rel);
    free(roots);
    free(r22);
    free(pathroot);
    free(pathbin);
    free(listf);
    free(want22);
    printf("%d passed, %d failed\n", passed, failed);
    return failed > 0;
}
