/* gorelease.h - Go releases by the names people type: "1.22", "go1.22",
 * "go1.22.12", resolved to a toolchain that build-go.sh takes.
 *
 * Why: the module proxy serves only full patch releases as toolchains
 * (golang.org/toolchain@v0.0.1-go1.22.12.linux-amd64; GOTOOLCHAIN=go1.22
 * answers "403 Forbidden"), and Debian installs a release under
 * /usr/lib/go-1.22 without a `go1.22` command on PATH. A bare minor
 * therefore has to be looked up, and the run has to say what it chose.
 *
 * Rules (go_release_resolve):
 *   "local", a path (contains '/'), or any other word  - as given
 *   "1.N.M", "go1.N.M", "go1.NrcK"                      - "go1.N.M" (the
 *       proxy release; GOTOOLCHAIN downloads it once)
 *   "1.N", "go1.N"  - in this order:
 *       1. the `go` on PATH when its release is 1.N.x: "local";
 *       2. a local GOROOT DIR/go-1.N/bin/go for DIR in $DLBENCH_GO_ROOTS
 *          (colon-separated; default /usr/lib, Debian's golang-1.N-go):
 *          that path (its VERSION file names the release);
 *       3. the newest stable 1.N patch the module proxy lists for this
 *          machine's GOOS/GOARCH (`go list -m -versions
 *          golang.org/toolchain`; $DLBENCH_GO_TOOLCHAIN_LIST names a file
 *          with that output instead, for tests that run offline):
 *          "go1.N.M" (1.20 and older: "go1.N" is the first release);
 *       else an error naming what was tried. */
#ifndef DLBENCH_GORELEASE_H
#define DLBENCH_GORELEASE_H

#include <stddef.h>

/* Resolves spec. *out: the toolchain to build with (caller frees); *how:
 * NULL when spec was taken as given, else what was chosen and why, for a
 * note ("found locally: /usr/lib/go-1.22/bin/go, go1.22.12"; caller frees).
 * Returns 0, or -1 with a one-line reason in err. */
int go_release_resolve(const char *spec, char **out, char **how, char *err, size_t errlen);

/* The Go release a toolchain path names: the VERSION file of its GOROOT
 * (PATH/../../VERSION for .../bin/go: Debian's /usr/lib/go-1.22, the module
 * cache's golang.org/toolchain@v0.0.1-go1.21.6.linux-amd64), else "go1.N" or
 * "go-1.N[.M]" in the path itself. NULL when neither says. Caller frees. */
char *go_release_of_path(const char *tc);

/* The newest stable patch of Go 1.minor in list (the words of `go list -m
 * -versions golang.org/toolchain`: "v0.0.1-go1.22.12.linux-amd64"), for
 * the platform suffix plat ("linux-amd64"): "go1.22.12", or NULL when the
 * list has none. Release candidates and betas are skipped. Caller frees. */
char *go_newest_patch(const char *list, int minor, const char *plat);

#endif
