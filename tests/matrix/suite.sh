# suite.sh - a suite from the command line (matrix/suite.h): `--lib PATH`
# measures a library as it is, `--go-package DIR` builds a Go package with
# each --go toolchain; --symbols maps workloads; bad paths are one-line
# errors with exit 2, before anything is built or run.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE

# expect CODE MESSAGE COMMAND ARGS...: exit status and a line of stderr
expect() {
    code=$1 msg=$2
    shift 2
    "$DLBENCH" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -eq "$code" ] && { [ -z "$msg" ] || grep -qF -- "$msg" "$TMP/err"; }; then ok "$* -> $code"; else
        bad "$*: exit $rc (want $code), stderr:"; cat "$TMP/err"; fi
}

cd "$TMP" || exit 2
rm -rf "$TMP/reports" "$TMP/reports2"
# byo: add = Add, fib = Fib (tests/fixtures/byo.c); verified through the map
expect 0 "" verify --lib "$FX/libbyo.so" --symbols add=Add,fib=Fib
check "--lib: the variant is named after the file" grep -q '^libbyo.so ' "$TMP/out"
check "--symbols: add and fib verified through Add and Fib" grep -Eq '^libbyo.so .* add fib .*pass' "$TMP/out"
# without the map the ABI names are looked for, and byo has none of them
"$DLBENCH" verify --lib "$FX/libbyo.so" >"$TMP/out" 2>"$TMP/err"
check "--lib without --symbols: the ABI names (byo exports none of them)" \
    sh -c "! grep -Eq 'add fib .*pass' '$TMP/out'"
expect 2 "dlbench: error: --lib '/dev/zero': not a regular file" verify --lib /dev/zero
expect 2 "dlbench: error: --lib '$TMP/none.so': No such file or directory" verify --lib "$TMP/none.so"
expect 2 "dlbench: error: '--lib' and '--go-package' cannot be used together" \
    verify --lib "$FX/libbyo.so" --go-package "$SRC/impls/go"
expect 2 "dlbench: error: '--symbols' needs '--lib' or '--go-package'" \
    verify -c "$SRC/bench.toml" --symbols add=Add
expect 2 "dlbench: error: --symbols 'bogus=X': unknown workload 'bogus'" \
    verify --lib "$FX/libbyo.so" --symbols bogus=X
mkdir -p "$TMP/nomod"
expect 2 "dlbench: error: --go-package '$TMP/nomod': no go.mod in it" verify --go-package "$TMP/nomod"
# -c gives [run]; its [[impl]] tables give way (a note says so)
cat >"$TMP/run.toml" <<EOF2
[run]
repetitions = 3
timeout_s = 20

[[impl]]
name = "other"
lib = "$FX/libclean.so"
EOF2
expect 0 "its 1 [[impl]] table gives way to --lib" \
    run -c "$TMP/run.toml" --lib "$FX/libbyo.so" --symbols add=Add,fib=Fib --quick \
    --scenarios call -o "$TMP/reports"
run=$(ls -d "$TMP"/reports/2* 2>/dev/null | head -1)
check "the run folder's bench.toml is -c's file" grep -q 'name = "other"' "$run/bench.toml"
check "reproduce names --lib and --symbols" grep -q "^reproduce: .* --lib $FX/libbyo.so --symbols add=Add,fib=Fib" "$run/env.txt"
expect 0 "" run --lib "$FX/libclean.so" --quick --scenarios size -o "$TMP/reports2"
run2=$(ls -d "$TMP"/reports2/2* 2>/dev/null | head -1)
check "without -c the run folder's bench.toml is the [[impl]] --lib stands for" \
    grep -q "lib = \"$FX/libclean.so\"" "$run2/bench.toml"
check "only the --lib variant was measured" sh -c "! grep -q '^other,' '$run/results.csv' && grep -q '^libbyo.so,' '$run/results.csv'"
finish
