#!/bin/sh
# build-c.sh - build the C implementation of impls/bench_abi.h.
#
# usage (cwd = impls/c): sh ../../scripts/build-c.sh TOOLCHAIN OUT
#   TOOLCHAIN  "gcc", "clang", or any C compiler command or path (a single
#              word; it is not split or evaluated)
#   OUT        the shared library to write; its folder must exist
#
# Prints the compiler's version line first on stdout. The library is built
# under a temporary name beside OUT and renamed only on success, so OUT is
# either the old file or a complete new one. On failure exits non-zero with
# a one-line "build-c.sh: error: ..." on stderr.
set -eu

me=build-c.sh
die() {
    printf '%s: error: %s\n' "$me" "$*" >&2
    exit 1
}

[ "$#" -eq 2 ] || die "usage: sh build-c.sh TOOLCHAIN OUT"
cc=$1
out=$2
[ -n "$cc" ] || die "empty toolchain"
[ -f bench.c ] || die "no 'bench.c' in '$(pwd)': run from impls/c"
out_dir=$(dirname -- "$out")
[ -d "$out_dir" ] || die "output folder '$out_dir' does not exist"

# ---- Toolchain ----------------------------------------------------------
if ! command -v -- "$cc" >/dev/null 2>&1; then
    die "C compiler '$cc' is not available: command not found"
fi
if ! version=$("$cc" --version 2>/dev/null </dev/null); then
    die "C compiler '$cc' is not available: '$cc --version' failed"
fi
printf '%s\n' "$version" | sed -n 1p

# ---- Build --------------------------------------------------------------
tmp_dir=$(mktemp -d "$out_dir/.build-c.tmp.XXXXXX")
trap 'rm -rf -- "$tmp_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$cc" -O2 -fPIC -shared -Wall -I../ -o "$tmp_dir/lib.so" bench.c >&2 ||
    die "'$cc' failed to build '$out'"
mv -f -- "$tmp_dir/lib.so" "$out" || die "cannot move the library to '$out'"
