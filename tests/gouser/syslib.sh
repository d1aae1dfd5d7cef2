# syslib.sh - a real system library with no add: libz.so.1 brought with
# only zlibVersion mapped to noop. Its cycles call noop (the default when
# there is no add), load gets a first call, the leak check a verdict, and
# nothing fails.
# Usage: sh syslib.sh DLBENCH FIXTURE_DIR TMP_DIR (DLBENCH_SOURCE set).
. "$DLBENCH_SOURCE/tests/measure/lib.sh"

LIB=$(ldconfig -p 2>/dev/null | awk '/libz\.so\.1 .*x86-64|libz\.so\.1 .*AArch64/ { print $NF; exit }')
[ -n "$LIB" ] || LIB=/lib/x86_64-linux-gnu/libz.so.1
if [ ! -f "$LIB" ]; then
    echo "SKIP: libz.so.1 not found"
    exit 77
fi
command -v valgrind >/dev/null 2>&1 || { bad "valgrind not found on PATH (make deps)"; finish; }
rm -rf "$TMP/reports"
cat >"$TMP/bench.toml" <<TOML
[run]
leak_check_share = 1
scenarios = ["load", "cycle"]
modes = ["fresh"]

[[impl]]
name = "zlib"
lib = "$LIB"
[impl.symbols]
noop = "zlibVersion"
TOML
"$DLBENCH" run -c "$TMP/bench.toml" -o "$TMP/reports" --quick --leak-check --cycles 120 \
    --seed 3 --no-plot >"$TMP/out" 2>"$TMP/err"
check "run exits 0 (nothing failed)" [ $? -eq 0 ]
R=$TMP/reports/latest
check "no failure recorded" [ "$(wc -l <"$R/failures.csv")" -eq 1 ]
check "cycles were measured" grep -q '^zlib,.*,cycle,fresh,main,cycle_us' "$R/results.csv"
check "load has a first call of noop" grep -q '^zlib,.*,load,noop,main,first_call_us' "$R/results.csv"
check "the cycles call noop by default" \
    grep -q '^cycle_call zlib: noop, from the main thread (default: add if the library has it' "$R/env.txt"
check "valgrind ran over all 120 cycles (leak_check_share = 1)" \
    grep -q '^leak_check zlib: valgrind .*121 cycles (120 + warm-up): ran to the end' "$R/env.txt"
check "a leak verdict: valgrind no-leak" grep -q '^zlib,memory/valgrind,no-leak,' "$R/findings.csv"
# Debian strips .comment from libz: nothing names its compiler, and the
# run says so ("-") rather than guess.
check "no toolchain is claimed for a stripped library" grep -q '^variant zlib: info=-;' "$R/env.txt"
# A C library without bench_impl_info (the byo fixture): its compiler from .comment.
printf '[[impl]]\nname = "byo"\nlib = "%s"\n[impl.symbols]\nadd = "Add"\n' "$FX/libbyo.so" >"$TMP/byo.toml"
"$DLBENCH" verify -c "$TMP/byo.toml" >"$TMP/vout" 2>"$TMP/verr"
check "byo's C compiler is read from .comment" \
    grep -Eq '^byo +c (gcc|clang) [0-9][0-9.]* .*toolchain from the file' "$TMP/vout"
finish
