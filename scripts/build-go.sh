#!/bin/sh
# build-go.sh - build a Go package as a c-shared library (impls/go, and the
# Go fixtures under tests/fixtures/).
#
# usage (cwd = the package folder): sh build-go.sh TOOLCHAIN OUT
#   TOOLCHAIN  "local"            the `go` on PATH, as is (GOTOOLCHAIN=local)
#              go1.N or go1.N.M   a Go release: GOTOOLCHAIN=<name> makes the
#                                 `go` on PATH (go1.21 or later) download it
#                                 once through the module proxy and run it
#              a path             a go binary, absolute or relative to cwd
#              any other word     a go command on PATH (e.g. from golang.org/dl)
#   OUT        the shared library to write; its folder must exist
#
# Prints `go version` of the toolchain first on stdout. Builds with
# CGO_ENABLED=1 go build -buildmode=c-shared -trimpath into a temporary
# folder beside OUT (the generated C header stays there and is deleted),
# then renames the library to OUT. Nothing is written into the source
# folder. On failure exits non-zero with a one-line
# "build-go.sh: error: ..." on stderr.
#
# Any c-shared main package builds (a user's own as well as impls/go). When
# go.mod's `go` line is newer than the toolchain (go 1.26.8 from `go mod
# init`, built with go1.21.6, which refuses it), the package is copied into
# the temporary folder and built there with a `go` line the toolchain
# accepts (its own go1.N; a `toolchain` line is dropped); a note on stderr
# (the build log) says so. The user's go.mod is never edited.
set -eu

me=build-go.sh
die() {
    printf '%s: error: %s\n' "$me" "$*" >&2
    exit 1
}

# What a failed go command said, squeezed onto one line: without progress
# lines ("go: downloading ...") and "go: " prefixes.
reason() {
    printf '%s\n' "$1" | grep -v '^go: downloading ' | sed -e 's/^go: //' |
        tr '\t\n' '  ' | sed -e 's/  */ /g' -e 's/^ //' -e 's/ $//'
}

[ "$#" -eq 2 ] || die "usage: sh build-go.sh TOOLCHAIN OUT"
toolchain=$1
out=$2
[ -n "$toolchain" ] || die "empty toolchain"
[ -f go.mod ] || die "no 'go.mod' in '$(pwd)': run from the Go package folder"
out_dir=$(dirname -- "$out")
[ -d "$out_dir" ] || die "output folder '$out_dir' does not exist"

# ---- Toolchain ----------------------------------------------------------
# The module has no dependencies: never resolve or download modules (only a
# release named in TOOLCHAIN is ever downloaded, by the go command itself).
# No VCS stamping either: the library must not depend on the state of the
# git checkout (nor fail when git is missing or distrusts the folder).
GOFLAGS='-mod=mod -buildvcs=false'
export GOFLAGS
CGO_ENABLED=1
export CGO_ENABLED

switching=no
case $toolchain in
local)
    go=go
    GOTOOLCHAIN=local
    ;;
go1.[0-9] | go1.[0-9][0-9] | go1.[0-9].[0-9] | go1.[0-9].[0-9][0-9] | \
go1.[0-9][0-9].[0-9] | go1.[0-9][0-9].[0-9][0-9])
    go=go
    GOTOOLCHAIN=$toolchain
    switching=yes
    # The release brings its own GOROOT; an inherited one would mislead it.
    unset GOROOT
    ;;
*/*)
    go=$toolchain
    GOTOOLCHAIN=local
    unset GOROOT
    ;;
-*)
    die "Go toolchain '$toolchain' is not valid: expected local, go1.N[.M] or a path"
    ;;
*)
    go=$toolchain
    GOTOOLCHAIN=local
    unset GOROOT
    ;;
esac
export GOTOOLCHAIN

if ! command -v -- "$go" >/dev/null 2>&1; then
    if [ "$go" = go ]; then
        die "Go toolchain '$toolchain' is not available: no 'go' command on PATH"
    fi
    die "Go toolchain '$toolchain' is not available: '$go' not found or not executable"
fi
# With GOTOOLCHAIN=go1.N.M this is the step that downloads the release.
if ! version=$("$go" version 2>&1 </dev/null); then
    die "Go toolchain '$toolchain' is not available: $(reason "$version")"
fi
version=$(printf '%s\n' "$version" | grep '^go version ' | sed -n '$p') ||
    version=
[ -n "$version" ] ||
    die "Go toolchain '$toolchain' is not available: '$go version' printed no version"
if [ "$switching" = yes ]; then
    # A go command older than go1.21 ignores GOTOOLCHAIN and would silently
    # build with itself. `go version` prints "go version go1.21.6 linux/amd64".
    running=$(printf '%s\n' "$version" | cut -d ' ' -f 3)
    if [ "$running" != "$toolchain" ]; then
        die "Go toolchain '$toolchain' is not available: the go command on PATH is $running, which cannot switch toolchains (go1.21 or later can)"
    fi
fi
printf '%s\n' "$version"

# ---- Build --------------------------------------------------------------
tmp_dir=$(mktemp -d "$out_dir/.build-go.tmp.XXXXXX")
trap 'rm -rf -- "$tmp_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# go.mod's `go` line against the toolchain: "1.26.8" vs "go1.21.13".
src=.
mod_go=$(sed -n 's/^go[[:space:]]\{1,\}\([0-9][0-9.a-z]*\)[[:space:]]*$/\1/p' go.mod | sed -n 1p)
running=$(printf '%s\n' "$version" | cut -d ' ' -f 3 | sed 's/^go//')
case $running in
[0-9]*.[0-9]*)
    if [ -n "$mod_go" ] && [ "$mod_go" != "$running" ] &&
        [ "$(printf '%s\n%s\n' "$mod_go" "$running" | sort -V | sed -n '$p')" = "$mod_go" ]; then
        lang=$(printf '%s\n' "$running" | cut -d . -f 1,2)
        printf '%s: note: go.mod says '"'"'go %s'"'"', newer than go%s: building a temporary copy whose go.mod says '"'"'go %s'"'"' (your go.mod is not changed)\n' \
            "$me" "$mod_go" "$running" "$lang" >&2
        mkdir "$tmp_dir/src"
        cp -R . "$tmp_dir/src/" || die "cannot copy the package to '$tmp_dir/src'"
        sed -e "s/^go[[:space:]].*/go $lang/" -e '/^toolchain[[:space:]]/d' go.mod \
            >"$tmp_dir/src/go.mod" || die "cannot write the temporary go.mod"
        src=$tmp_dir/src
    fi
    ;;
esac

# go build writes the C header beside -o (lib.h): inside tmp_dir, not here.
(cd "$src" && "$go" build -buildmode=c-shared -trimpath -o "$tmp_dir/lib.so" .) >&2 ||
    die "'$go build' failed for '$out' with toolchain '$toolchain'"
mv -f -- "$tmp_dir/lib.so" "$out" || die "cannot move the library to '$out'"
