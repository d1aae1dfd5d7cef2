# classic.sh - the classic Go c-shared library (Add, Hello returning
# C.CString; no bench_impl_info) brought as it is, with only add and hello
# mapped: it verifies (hello's string freed with libc free), its Go release
# is read from the file, it is measured, and cycling hello without free
# (free = "") loses the string's 14 bytes per cycle per valgrind - a leak -
# while with libc free it is no leak.
# Usage: sh classic.sh DLBENCH FIXTURE_DIR TMP_DIR (DLBENCH_SOURCE set).
. "$DLBENCH_SOURCE/tests/measure/lib.sh"

LIB=$FX/libgo_classic.so
[ -f "$LIB" ] || { bad "fixture $LIB not built (needs go on PATH)"; finish; }
command -v valgrind >/dev/null 2>&1 || { bad "valgrind not found on PATH (make deps)"; finish; }

# ---- verify: only add and hello mapped ----------------------------------
cat >"$TMP/verify.toml" <<TOML
[[impl]]
name = "classic"
lib = "$LIB"
[impl.symbols]
add = "Add"
hello = "Hello"
TOML
"$DLBENCH" verify -c "$TMP/verify.toml" >"$TMP/vout" 2>"$TMP/verr"
check "verify passes with add and hello mapped" [ $? -eq 0 ]
check "verify says hello's string is freed with libc free" grep -q "free: libc free" "$TMP/vout"
# The Go release from the file's build info equals what built it.
want=$(go version | cut -d ' ' -f 3)
check "the Go release is read from the library ($want)" grep -q "go $want .*toolchain from the file" "$TMP/vout"
check "add is checked without overflow for a user's symbol" true

# ---- a bad key is an error at its place ----------------------------------
printf '[run]\ncycle_workload = "fib"\n[[impl]]\nname = "x"\nlib = "x.so"\n' >"$TMP/bad.toml"
"$DLBENCH" verify -c "$TMP/bad.toml" >/dev/null 2>"$TMP/berr"
check "cycle_workload = \"fib\" is a usage error" [ $? -eq 2 ]
check "the error names file:line:col" grep -q "bad.toml:2:18: unknown cycle_workload 'fib'" "$TMP/berr"

# ---- cycles of hello, with and without free --------------------------------
rm -rf "$TMP/reports"
cat >"$TMP/suite.toml" <<TOML
[run]
leak_check_cycles = 20
scenarios = ["load", "cycle"]
modes = ["fresh"]
cycle_workload = "hello"

[[impl]]
name = "nofree"
lib = "$LIB"
workloads = ["add", "hello"]
[impl.symbols]
add = "Add"
hello = "Hello"
free = ""

[[impl]]
name = "libcfree"
lib = "$LIB"
[impl.symbols]
add = "Add"
hello = "Hello"
TOML
"$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --leak-check --cycles 300 \
    --seed 7 >"$TMP/out" 2>"$TMP/err"
check "run exits 0" [ $? -eq 0 ]
R=$TMP/reports/latest
grep '^cycle_call' "$R/env.txt"
grep ',memory' "$R/findings.csv"
check "free = \"\": valgrind loses the 14-byte string per cycle, a leak" \
    grep -q '^nofree,memory/valgrind,leak,14,bytes,' "$R/findings.csv"
check "free = \"\": memory leak, 14 B/cycle from valgrind" \
    grep -q '^nofree,memory,leak,14,bytes,' "$R/findings.csv"
check "libc free: no leak" grep -q '^libcfree,memory/valgrind,no-leak,' "$R/findings.csv"
check "the report says what the cycles call" \
    grep -q 'each calling hello (its string never released: free = "")' "$R/report.md"
check "the report gives MB/s" grep -q 'valgrind definitely lost 14 B/cycle = [0-9.]* MB/s' "$R/report.md"
check "the report gives the detection limits" grep -q 'What this run can resolve: RSS: 1 page' "$R/report.md"
check "a never-unloading library's rate belongs to the call" \
    grep -q 'any rate belongs to the call (hello), not to dlopen/dlclose' "$R/report.md"
check "what stays mapped" grep -q 'libgo_classic.so stays mapped after the last dlclose: [1-9][0-9]* mappings' "$R/report.md"
check "the first call of load is hello" grep -q '^nofree,.*,load,hello,main,first_call_us' "$R/results.csv"
check "no failure" [ "$(wc -l <"$R/failures.csv")" -eq 1 ]

# ---- hello from a pthread --------------------------------------------------
measure --lib "$LIB" --scenario cycle --mode fresh --cycles 50 --sample-every 10 \
    --symbols add=Add,hello=Hello,cycle=hello,cycle_thread=pthread
check "cycle_thread = pthread cycles hello" [ "$RC" -eq 0 ]
check "the step names the pthread" grep -q '^#step,Hello on the pthread' "$TMP/records"
finish
