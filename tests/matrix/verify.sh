# verify.sh - known answers through dlopen in child processes: a wrong add
# fails naming the function, a missing fib is a skip, a library with other
# symbol names verifies through [impl.symbols], crashes are failures.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE
cat >"$TMP/suite.toml" <<EOF2
[run]
timeout_s = 10

[[impl]]
name = "c"
lang = "c"
dir = "$SRC/impls/c"
build = "sh '$SRC/scripts/build-c.sh' {toolchain} {out}"
toolchains = ["gcc"]

[[impl]]
name = "wrongadd"
lib = "$FX/libwrongadd.so"

[[impl]]
name = "nofib"
lib = "$FX/libnofib.so"

[[impl]]
name = "byo"
lib = "$FX/libbyo.so"
[impl.symbols]
add = "Add"
fib = "Fib"
noop = "Noop"
hello = "Hello"
free = "free"

[[impl]]
name = "byo-unmapped"
lib = "$FX/libbyo.so"

[[impl]]
name = "exit3"
lib = "$FX/libexit3.so"

[[impl]]
name = "segv"
lib = "$FX/libsegv.so"
EOF2
"$DLBENCH" verify -c "$TMP/suite.toml" --libs-dir "$TMP/libs" >"$TMP/out" 2>"$TMP/err"
RC=$?
cat "$TMP/out"
row() { grep "^$1 " "$TMP/out"; }
check "exit 1: some variants failed" [ "$RC" -eq 1 ]
check "c@gcc passes with its compiler's version" sh -c "row() { grep \"^\$1 \" '$TMP/out'; }; row c@gcc | grep -q 'c gcc .*pass'"
check "wrongadd fails naming bench_add and the values" \
    sh -c "grep '^wrongadd ' '$TMP/out' | grep -q 'FAIL: verify: checks failed: bench_add(2, 3) returned 6, expected 5'"
check "nofib passes, fib skipped" sh -c "grep '^nofib ' '$TMP/out' | grep -q 'pass (skipped: fib)'"
# free = "free" binds libc's free; under ASan the string came from ASan's
# malloc, so the round trip aborts there (a sanitizer artefact, not dlbench's).
if [ "$MEASURE_SANITIZE" = 1 ]; then
    check "byo resolves its symbol map (sanitized build)" \
        sh -c "grep '^byo ' '$TMP/out' | grep -q 'noop add fib hello free '"
else
    check "byo verifies through its symbol map" \
        sh -c "grep '^byo ' '$TMP/out' | grep -q 'noop add fib hello free .*pass (skipped: info)'"
fi
check "byo without the map: nothing found is a failure" \
    sh -c "grep '^byo-unmapped ' '$TMP/out' | grep -q 'FAIL: verify: no ABI function found'"
check "exit in a constructor: failure with the status" \
    sh -c "grep '^exit3 ' '$TMP/out' | grep -q 'FAIL: verify: exited with status 3 during dlopen'"
check "segfault: failure naming SIGSEGV" sh -c "grep '^segv ' '$TMP/out' | grep -q 'FAIL: verify: killed by SIGSEGV during bench_add'"

# A brought library that is not there is a configuration error (exit 2,
# FILE:LINE:COL of the value), not a variant that fails.
n=$(grep -c '' "$TMP/suite.toml")
printf '\n[[impl]]\nname = "missing"\nlib = "%s"\n' "$TMP/no-such-lib.so" >>"$TMP/suite.toml"
"$DLBENCH" verify -c "$TMP/suite.toml" --libs-dir "$TMP/libs" >"$TMP/out" 2>"$TMP/err"
RC=$?
cat "$TMP/err"
check "missing library: exit 2 (got $RC)" [ "$RC" -eq 2 ]
check "missing library: config error at its line, naming the path" \
    grep -q "^dlbench: error: .*suite.toml:$((n + 4)):7: impl 'missing': cannot use library '.*no-such-lib.so': No such file or directory\$" "$TMP/err"
finish
