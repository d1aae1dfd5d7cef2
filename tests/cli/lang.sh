# lang.sh - the language table (matrix/lang.c) drives build and variants:
# a language the table does not know builds through its own recipe and is
# verified like any other; --go leaves it alone; a known language without
# a 'build' line builds with the table's default script.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE
rm -rf "$TMP/zig" "$TMP/c" "$TMP/libs"
mkdir -p "$TMP/zig"
cp "$SRC/impls/c/bench.c" "$TMP/zig/bench.c"
cp -r "$SRC/impls/c" "$TMP/c"
cp "$SRC/impls/bench_abi.h" "$TMP/bench_abi.h"
# "zig" here is a C file behind a recipe of its own: what matters is that
# nothing in the harness knows the language.
cat >"$TMP/suite.toml" <<EOF2
[[impl]]
name = "z"
lang = "zig"
dir = "zig"
build = "cc -O2 -fPIC -shared -I.. -o {out} bench.c"
toolchains = ["local"]

[[impl]]
name = "c"
lang = "c"
dir = "c"
toolchains = ["gcc"]
EOF2
V() { "$DLBENCH" "$@" -c "$TMP/suite.toml" --libs-dir "$TMP/libs" >"$TMP/out" 2>"$TMP/err"; RC=$?; }

V build
check "unknown language and default recipe: exit 0 (got $RC)" [ "$RC" -eq 0 ]
check "z@local built through its recipe" [ -f "$TMP/libs/z@local/libdlbench_z.so" ]
check "c@gcc built through the table's build-c.sh" \
    grep -q "^gcc" "$TMP/libs/c@gcc/build.log"
V build
check "z@local is up to date the second time" grep -q "build z@local .*up to date" "$TMP/err"
printf '/* changed */\n' >>"$TMP/zig/bench.c"
V build --only z
check "a changed source rebuilds it" grep -q "build z@local .*ok (" "$TMP/err"

V verify --no-build
check "verify: exit 0 (got $RC)" [ "$RC" -eq 0 ]
check "verify: z@local passes" grep -q "z@local" "$TMP/out"

V build --go local
check "--go with no Go impl: exit 0" [ "$RC" -eq 0 ]
check "--go with no Go impl: a warning" grep -q "has no Go impl" "$TMP/err"
check "--go leaves the zig toolchains alone" grep -q "build z@local .*up to date" "$TMP/err"
check "--go leaves the C toolchains alone" grep -q "build c@gcc .*up to date" "$TMP/err"

# A language without a row and without 'build' has no default: the
# message of old.
cat >"$TMP/nobuild.toml" <<EOF2
[[impl]]
name = "z"
lang = "zig"
dir = "zig"
EOF2
"$DLBENCH" build -c "$TMP/nobuild.toml" --libs-dir "$TMP/libs" >"$TMP/out" 2>"$TMP/err"
check "no build, no default: exit 2" [ $? -eq 2 ]
check "no build, no default: says so" \
    grep -q "1:1: impl 'z' needs 'build' (with 'dir') or 'lib'" "$TMP/err"
finish
