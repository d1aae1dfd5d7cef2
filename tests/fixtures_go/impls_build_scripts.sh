#!/bin/sh
# impls_build_scripts.sh - checks the contract of scripts/build-{c,go,rust}.sh
# (see the header of each script): a missing toolchain fails with exit != 0
# and one line on stderr naming it, OUT is left alone on failure, and a
# successful build prints a version line first and produces an ELF .so.
#
# usage: sh impls_build_scripts.sh SOURCE_DIR SCRATCH_DIR
# Needs no network: the Go release asked for does not exist, so whether the
# proxy answers or not, the build must fail the same way.
set -eu

[ "$#" -eq 2 ] || { echo "usage: sh impls_build_scripts.sh SOURCE_DIR SCRATCH_DIR" >&2; exit 2; }
src=$(cd -- "$1" && pwd)
scratch=$2
rm -rf -- "$scratch"
mkdir -p -- "$scratch"
scratch=$(cd -- "$scratch" && pwd)

passed=0
failed=0
ok() {
    passed=$((passed + 1))
    printf 'ok   %s\n' "$1"
}
fail() {
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$1"
    if [ -s "$scratch/stderr" ]; then
        sed 's/^/     stderr: /' "$scratch/stderr"
    fi
}

# run IMPL_DIR SCRIPT TOOLCHAIN OUT: run a build script as dlbench does;
# sets rc, leaves stdout and stderr in $scratch.
run() {
    if (cd -- "$src/$1" && sh "$src/scripts/$2" "$3" "$4") \
        >"$scratch/stdout" 2>"$scratch/stderr"; then
        rc=0
    else
        rc=$?
    fi
}

# expect_clear_failure NAME WHAT: the last run failed with one stderr line
# that starts with the script's name and mentions WHAT.
expect_clear_failure() {
    lines=$(wc -l <"$scratch/stderr" | tr -d ' ')
    if [ "$rc" -eq 0 ]; then
        fail "$1: exit status 0, expected a failure"
    elif [ "$lines" -ne 1 ]; then
        fail "$1: $lines lines on stderr, expected 1"
    elif ! grep -q "^build-[a-z]*\.sh: error: " "$scratch/stderr"; then
        fail "$1: stderr does not start with 'build-X.sh: error: '"
    elif ! grep -F -q -- "'$2'" "$scratch/stderr"; then
        fail "$1: stderr does not name '$2'"
    else
        ok "$1"
    fi
}

# expect_untouched NAME OUT: OUT still holds what it held before the run and
# no temporary file was left beside it.
expect_untouched() {
    if [ "$(cat "$2")" != "previous" ]; then
        fail "$1: '$2' was changed by a failed build"
    elif [ -n "$(find "$(dirname "$2")" -name '.build-*' -print)" ]; then
        fail "$1: temporary files left in '$(dirname "$2")'"
    else
        ok "$1"
    fi
}

out=$scratch/libbench.so

# ---- build-c.sh ---------------------------------------------------------
printf 'previous' >"$out"
run impls/c build-c.sh no-such-cc-dlbench "$out"
expect_clear_failure "build-c.sh with a missing compiler" no-such-cc-dlbench
expect_untouched "build-c.sh keeps OUT when the compiler is missing" "$out"

run impls/c build-c.sh gcc "$out"
first=$(sed -n 1p "$scratch/stdout")
if [ "$rc" -ne 0 ]; then
    fail "build-c.sh gcc: exit status $rc"
else
    ok "build-c.sh gcc succeeds"
fi
case $first in
*[0-9].[0-9]*) ok "build-c.sh gcc prints a version line first ($first)" ;;
*) fail "build-c.sh gcc: first stdout line '$first' is not a version line" ;;
esac
if [ "$(head -c 4 "$out" | od -An -c | tr -d ' ')" = '177ELF' ]; then
    ok "build-c.sh gcc produces an ELF file"
else
    fail "build-c.sh gcc: '$out' is not an ELF file"
fi
if [ -z "$(find "$scratch" -name '.build-*' -print)" ]; then
    ok "build-c.sh gcc leaves no temporary files"
else
    fail "build-c.sh gcc: temporary files left in '$scratch'"
fi

# ---- build-go.sh --------------------------------------------------------
printf 'previous' >"$out"
run impls/go build-go.sh go1.99.99 "$out"
expect_clear_failure "build-go.sh with Go release go1.99.99" go1.99.99
expect_untouched "build-go.sh keeps OUT when the release is missing" "$out"

run impls/go build-go.sh "$scratch/no/such/go" "$out"
expect_clear_failure "build-go.sh with a missing go binary" "$scratch/no/such/go"

# ---- build-rust.sh ------------------------------------------------------
run impls/rust build-rust.sh 0.0.1-no-such-toolchain "$out"
expect_clear_failure "build-rust.sh with a missing rustup toolchain" 0.0.1-no-such-toolchain
expect_untouched "build-rust.sh keeps OUT when the toolchain is missing" "$out"

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
