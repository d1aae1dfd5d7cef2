#!/bin/sh
# build-rust.sh - build the Rust implementation of impls/bench_abi.h (a
# cdylib).
#
# usage (cwd = impls/rust): sh ../../scripts/build-rust.sh TOOLCHAIN OUT
#   TOOLCHAIN  "local"   the cargo and rustc on PATH
#              a name    a toolchain rustup has installed ("stable",
#                        "1.80.0", "nightly-2026-01-01", ...): cargo +NAME.
#                        Never installed on demand.
#   OUT        the shared library to write; its folder must exist
#
# Prints `rustc --version` first on stdout. Cargo's target folder is
# "$(dirname OUT)/cargo-target", so variants built in parallel do not share
# one and nothing is written to impls/rust/target. The build is offline
# (there are no dependencies). The library is copied beside OUT under a
# temporary name and renamed only on success. On failure exits non-zero with
# a one-line "build-rust.sh: error: ..." on stderr.
set -eu

me=build-rust.sh
die() {
    printf '%s: error: %s\n' "$me" "$*" >&2
    exit 1
}

[ "$#" -eq 2 ] || die "usage: sh build-rust.sh TOOLCHAIN OUT"
toolchain=$1
out=$2
[ -f Cargo.toml ] || die "no 'Cargo.toml' in '$(pwd)': run from impls/rust"
out_dir=$(dirname -- "$out")
[ -d "$out_dir" ] || die "output folder '$out_dir' does not exist"

# ---- Toolchain ----------------------------------------------------------
# Never let rustup install a toolchain behind our back.
RUSTUP_AUTO_INSTALL=0
export RUSTUP_AUTO_INSTALL

case $toolchain in
local)
    plus=
    command -v cargo >/dev/null 2>&1 ||
        die "Rust toolchain 'local' is not available: no 'cargo' command on PATH"
    command -v rustc >/dev/null 2>&1 ||
        die "Rust toolchain 'local' is not available: no 'rustc' command on PATH"
    ;;
'' | -* | *[!A-Za-z0-9._-]*)
    die "Rust toolchain '$toolchain' is not valid: expected local or a rustup toolchain name"
    ;;
*)
    plus=+$toolchain
    command -v rustup >/dev/null 2>&1 ||
        die "Rust toolchain '$toolchain' is not available: no 'rustup' command on PATH"
    # "stable" is listed as "stable-x86_64-unknown-linux-gnu (default)".
    installed=$(rustup toolchain list 2>/dev/null | cut -d ' ' -f 1 |
        grep -E -x -e "$(printf '%s' "$toolchain" | sed 's/\./\\./g')(-.*)?" |
        sed -n 1p) || installed=
    [ -n "$installed" ] ||
        die "Rust toolchain '$toolchain' is not available: rustup has not installed it (rustup toolchain install $toolchain)"
    ;;
esac

if [ -n "$plus" ]; then
    set -- rustc "$plus" --version
else
    set -- rustc --version
fi
# rustup may add "info: ..." lines; the version is the "rustc ..." one.
if ! said=$("$@" 2>&1 </dev/null); then
    die "Rust toolchain '$toolchain' is not available: $(printf '%s' "$said" | tr '\n' ' ')"
fi
version=$(printf '%s\n' "$said" | grep '^rustc ' | sed -n 1p) || version=
[ -n "$version" ] ||
    die "Rust toolchain '$toolchain' is not available: '$*' printed no version"
printf '%s\n' "$version"

# ---- Build --------------------------------------------------------------
CARGO_TARGET_DIR=$(cd -- "$out_dir" && pwd)/cargo-target
export CARGO_TARGET_DIR

tmp_dir=$(mktemp -d "$out_dir/.build-rust.tmp.XXXXXX")
trap 'rm -rf -- "$tmp_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "$plus" ]; then
    set -- cargo "$plus" build --release --offline
else
    set -- cargo build --release --offline
fi
"$@" >&2 || die "'$*' failed for '$out'"
lib=$CARGO_TARGET_DIR/release/libbench.so
[ -f "$lib" ] || die "cargo did not produce '$lib'"
cp -- "$lib" "$tmp_dir/lib.so" || die "cannot copy '$lib'"
mv -f -- "$tmp_dir/lib.so" "$out" || die "cannot move the library to '$out'"
