#!/bin/sh
# deps.sh - make sure the tools dlbench needs are installed.
#
#   sh scripts/deps.sh bench [CONFIG]
#                              what `make bench` needs: compilers, Go, Rust,
#                              gnuplot, hyperfine, valgrind, libjansson-dev
#                              (the default); plus libbenchmark-dev and g++
#                              when CONFIG (a bench.toml) asks for the Google
#                              Benchmark engine: a line engine = "gbench" or
#                              "both" (read with grep, not a TOML parser)
#   sh scripts/deps.sh test    that, plus what `make test` and CI need:
#                              cppcheck, clang-tidy, clang's fuzzer/sanitizer
#                              runtime, libbenchmark-dev and g++ (the engine
#                              module), libbenchmark-tools (compare.py), and two
#                              older Go releases by path (Debian's golang-1.21-go
#                              and golang-1.22-go, /usr/lib/go-1.2x/bin/go, from
#                              bookworm-backports, which is enabled in
#                              /etc/apt/sources.list.d when missing) for the
#                              gouser_releases test. python3-scipy, which
#                              compare.py also needs, is not installed (about
#                              100 MB with numpy and BLAS): the compare.py test
#                              skips without it
#
# When everything is present it prints nothing and exits 0 quickly. When
# something is missing it installs the Debian packages that provide it
# (apt-get update once, then apt-get install) if run as root, or prints the
# commands to run and exits 1 if not. Safe to run any number of times.
#
#   DRY_RUN=1 sh scripts/deps.sh   only print what would be installed
#
# Go and Rust usually come from outside apt (/usr/local/go, rustup in
# ~/.cargo): Debian's golang-go, cargo and rustc are installed only when
# `go` or `cargo`/`rustc` are not on PATH at all.
set -eu

me=deps.sh
dry_run=${DRY_RUN:-}
profile=${1:-bench}
config=${2:-}
case $profile in
bench | test) ;;
*)
    printf '%s: error: unknown profile '"'"'%s'"'"' (bench or test)\n' "$me" "$profile" >&2
    exit 2
    ;;
esac
missing=   # what is missing, for messages
packages=  # the Debian packages that provide it

have() {
    command -v "$1" >/dev/null 2>&1
}

# need WHAT PACKAGE: record that WHAT is missing and PACKAGE provides it.
need() {
    missing="$missing $1"
    case " $packages " in
    *" $2 "*) ;;
    *) packages="$packages $2" ;;
    esac
}

# 0 when the config names the Google Benchmark engine: [run] engine =
# "gbench" or "both" (a plain grep: the line as bench.toml documents it).
wants_gbench() {
    [ -n "$config" ] && [ -f "$config" ] &&
        grep -Eq '^[[:space:]]*engine[[:space:]]*=[[:space:]]*"(gbench|both)"' "$config"
}

# ---- Checks -------------------------------------------------------------
check_all() {
    missing=
    packages=
    for tool in cmake make gcc clang hyperfine valgrind; do
        have "$tool" || need "$tool" "$tool"
    done
    # gcc alone (without recommends) cannot build anything: libc headers.
    [ -f /usr/include/stdio.h ] || need "libc-headers" libc6-dev

    if ! have gnuplot; then
        need gnuplot gnuplot-nox
    elif ! printf 'set terminal pngcairo\nset terminal svg\n' |
        gnuplot >/dev/null 2>&1; then
        need "gnuplot-pngcairo/svg-terminals" gnuplot-nox
    fi

    # JSON (hyperfine's export, results.json) through libjansson, which
    # dlbench loads on demand (harness/base/json.h); the header builds it.
    [ -f /usr/include/jansson.h ] || need "jansson.h" libjansson-dev

    # TLS roots, for the Go releases GOTOOLCHAIN=go1.N.M downloads.
    [ -f /etc/ssl/certs/ca-certificates.crt ] ||
        need "ca-certificates" ca-certificates

    have go || need go golang-go
    have cargo || need cargo cargo
    have rustc || need rustc rustc

    if [ "$profile" = test ] || wants_gbench; then
        # The call scenario's Google Benchmark engine (dlbench-gbench.so).
        [ -f /usr/include/benchmark/benchmark.h ] ||
            need "benchmark.h" libbenchmark-dev
        have g++ || need "g++" g++
    fi

    [ "$profile" = test ] || return 0

    for tool in cppcheck clang-tidy; do
        have "$tool" || need "$tool" "$tool"
    done
    # Google Benchmark's compare.py, run on results.json by tests/formats.
    [ -f /usr/share/benchmark/compare.py ] ||
        need "compare.py" libbenchmark-tools

    # Two Go releases given by path (tests/gouser/releases.sh).
    for gv in 1.21 1.22; do
        [ -x "/usr/lib/go-$gv/bin/go" ] || need "go$gv (/usr/lib/go-$gv/bin/go)" "golang-$gv-go"
    done

    # clang's libFuzzer/sanitizer runtime, for the fuzz and ASan builds. Its
    # package is versioned like clang itself (14 on Debian 12).
    clang_major=14
    if have clang; then
        v=$(clang -dumpversion 2>/dev/null) || v=
        case $v in
        [0-9]*) clang_major=${v%%.*} ;;
        esac
        rt=$(clang -print-file-name="libclang_rt.fuzzer-$(uname -m).a" \
            2>/dev/null) || rt=
        case $rt in
        /*) [ -f "$rt" ] || need "libclang_rt.fuzzer" "libclang-rt-$clang_major-dev" ;;
        *) need "libclang_rt.fuzzer" "libclang-rt-$clang_major-dev" ;;
        esac
    else
        need "libclang_rt.fuzzer" "libclang-rt-$clang_major-dev"
    fi
}

check_all
[ -z "$missing" ] && exit 0

# ---- Install ------------------------------------------------------------
# Word splitting of $packages is intended: Debian package names, set above.
# shellcheck disable=SC2086
set -- $packages
printf '%s: missing:%s\n' "$me" "$missing" >&2
if [ -x /usr/local/go/bin/go ] && ! have go; then
    printf '%s: note: /usr/local/go/bin/go exists but is not on PATH\n' "$me" >&2
fi
if [ -x "${HOME:-/nonexistent}/.cargo/bin/cargo" ] && ! have cargo; then
    printf '%s: note: %s/.cargo/bin/cargo exists but is not on PATH\n' "$me" "$HOME" >&2
fi

if [ -n "$dry_run" ]; then
    printf '%s: would run: apt-get update\n' "$me"
    printf '%s: would run: apt-get install -y --no-install-recommends %s\n' \
        "$me" "$*"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    printf '%s: error: not root; install them with:\n' "$me" >&2
    printf '  apt-get update && apt-get install -y --no-install-recommends %s\n' \
        "$*" >&2
    exit 1
fi

if ! have apt-get; then
    printf '%s: error: no apt-get; install these packages yourself: %s\n' \
        "$me" "$*" >&2
    exit 1
fi

printf '%s: installing: %s\n' "$me" "$*" >&2
export DEBIAN_FRONTEND=noninteractive
# golang-1.2x-go is in bookworm-backports only: enable it (once) on bookworm.
case " $* " in
*" golang-1.2"*)
    codename=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release 2>/dev/null) || codename=
    if [ "$codename" = bookworm ] &&
        ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        printf '%s: enabling bookworm-backports (for golang-1.21-go, golang-1.22-go)\n' "$me" >&2
        cat >/etc/apt/sources.list.d/dlbench-bookworm-backports.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    fi
    ;;
esac
apt-get update >&2 ||
    { printf '%s: error: apt-get update failed\n' "$me" >&2; exit 1; }
apt-get install -y --no-install-recommends "$@" >&2 ||
    { printf '%s: error: apt-get install failed: %s\n' "$me" "$*" >&2; exit 1; }

check_all
if [ -n "$missing" ]; then
    printf '%s: error: still missing after installing:%s\n' "$me" "$missing" >&2
    exit 1
fi
printf '%s: all tools installed\n' "$me" >&2
