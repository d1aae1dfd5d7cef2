# build.sh - recipes and toolchains: a broken recipe and a missing Go
# release fail their variant with a clear message while the others build;
# only what changed is rebuilt; --go and --only select variants.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE
rm -rf "$TMP/c" "$TMP/libs"
cp -r "$SRC/impls/c" "$TMP/c"
cp "$SRC/impls/bench_abi.h" "$TMP/bench_abi.h"
cat >"$TMP/suite.toml" <<EOF2
[[impl]]
name = "c"
lang = "c"
dir = "c"
build = "sh '$SRC/scripts/build-c.sh' {toolchain} {out}"
toolchains = ["gcc"]

[[impl]]
name = "broken"
dir = "."
build = "echo compiling; echo 'broken: deliberate failure' >&2; exit 3; : {out}"
toolchains = ["local"]

[[impl]]
name = "go"
lang = "go"
dir = "$SRC/impls/go"
build = "sh '$SRC/scripts/build-go.sh' {toolchain} {out}"
toolchains = ["go1.99.99"]
EOF2
B() { "$DLBENCH" build -c "$TMP/suite.toml" --libs-dir "$TMP/libs" "$@" >"$TMP/out" 2>"$TMP/err"; RC=$?; }

B
check "some variants fail: exit 1" [ "$RC" -eq 1 ]
check "c@gcc still built" [ -f "$TMP/libs/c@gcc/libdlbench_c.so" ]
check "c@gcc has a build log starting with the compiler version" \
    grep -q "^gcc" "$TMP/libs/c@gcc/build.log"
check "broken recipe: named with its status and last line" \
    grep -q "build broken@local .*FAILED: build exited with status 3: broken: deliberate failure" "$TMP/err"
check "missing Go release: named" \
    grep -q "build go@go1.99.99 .*FAILED: .*Go toolchain 'go1.99.99' is not available" "$TMP/err"
check "summary line counts the failures" grep -q "2 of 3 variants failed to build" "$TMP/err"

B --only c
check "--only c: exit 0" [ "$RC" -eq 0 ]
check "unchanged: up to date" grep -q "build c@gcc .*up to date" "$TMP/err"
printf '/* changed */\n' >>"$TMP/c/bench.c"
B --only c
check "source changed: rebuilt" grep -q "build c@gcc .*ok (" "$TMP/err"
B --only c
check "then up to date again" grep -q "build c@gcc .*up to date" "$TMP/err"
B --only c@gcc
check "--only takes a variant name too" grep -q "build c@gcc .*up to date" "$TMP/err"
B --only nosuch
check "--only with an unknown name: exit 2" [ "$RC" -eq 2 ]
check "--only with an unknown name: says which" grep -q "no impl or variant named 'nosuch'" "$TMP/err"

B --only go --go "local go1.99.99"
check "--go replaces the Go toolchains" grep -q "build go@local .*ok" "$TMP/err"
check "--go: the missing one still fails alone" [ "$RC" -eq 1 ] && [ -f "$TMP/libs/go@local/libdlbench_go.so" ]
finish
