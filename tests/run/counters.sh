# counters.sh - `run` with [run] counters = ["time", "instructions"] and the
# pair scenario: instruction counts land in results.csv and summary.csv
# (unit instr, benchstat instr/op), the pair job runs for every variant but
# the baseline and its ratios get ratio_mde_pct; without valgrind on PATH
# the run still succeeds, with one warning and an env.txt line.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
rm -rf "$TMP/reports"
cat >"$TMP/suite.toml" <<EOF2
[run]
timeout_s = 30
pin_cpu = -1
threads = ["main"]
counters = ["time", "instructions"]
baseline = "clean"
fib = [10]

[[impl]]
name = "clean"
lib = "$FX/libclean.so"

[[impl]]
name = "banner"
lib = "$FX/libbanner.so"
EOF2

# 1. no valgrind on PATH: a warning, not a failure
PATH=/nonexistent "$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick \
    --scenarios call,pair --seed 5 --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
R="$TMP/reports/latest"
check "no valgrind: run exit 0" [ "$RC" -eq 0 ]
check "no valgrind: one warning" \
    [ "$(grep -c '^dlbench: warning: instructions not counted: valgrind not found on PATH' "$TMP/err")" -eq 1 ]
check "no valgrind: env.txt says so" grep -q '^instructions: not counted: valgrind not found on PATH' "$R/env.txt"
check "no valgrind: no failures" [ "$(wc -l <"$R/failures.csv")" -eq 1 ]
check "no valgrind: no instruction rows" sh -c "! grep -q instructions_per_call '$R/results.csv'"
check "no valgrind: counters recorded" grep -q '^counters: time,instructions$' "$R/env.txt"
check "pair: summary has ratio_mde_pct" sh -c "head -n 1 '$R/summary.csv' | grep -q ',ratio_mde_pct$'"
check "pair: banner's add ratio to clean" grep -q '^banner,.*,pair,add,main,ratio,ratio,' "$R/summary.csv"
check "pair: the baseline is not paired with itself" sh -c "! grep -q '^clean,.*,pair,' '$R/results.csv'"
col() { head -n 1 "$2" | tr ',' '\n' | grep -n "^$1\$" | cut -d: -f1; }
c_mde=$(col ratio_mde_pct "$R/summary.csv")
m=$(grep '^banner,.*,pair,add,main,ratio,' "$R/summary.csv" | cut -d, -f"$c_mde")
check "pair: ratio_mde_pct '$m' is a number" num_cmp "$m" ">" 0

# 2. with valgrind: the counts
if [ "${MEASURE_SANITIZE:-0}" = 1 ] || ! command -v valgrind >/dev/null 2>&1; then
    ok "valgrind not usable here: counts not checked"
    finish
fi
"$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --scenarios call,load \
    --seed 5 --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
check "valgrind: run exit 0" [ "$RC" -eq 0 ]
for v in clean banner; do
    check "valgrind: $v add counted" \
        grep -q "^$v,.*,call,add,main,instructions_per_call,instr,0,[0-9]" "$R/results.csv"
    check "valgrind: $v dlopen counted" grep -q "^$v,.*,load,,main,instructions,instr,0,[0-9]" "$R/results.csv"
done
check "valgrind: summary row" grep -q '^clean,.*,call,add,main,instructions_per_call,instr,1,' "$R/summary.csv"
check "valgrind: benchstat instr/op" grep -q '^BenchmarkCall/.*workload=add.* 1 [0-9.]* instr/op$' "$R/results.txt"
finish
