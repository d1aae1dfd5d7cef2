# engine.sh - the Google Benchmark engine of the call scenario
# (dlbench-gbench.so beside dlbench): known answers through it, `both`
# giving both rows, and the messages when the module is missing.
# usage: sh engine.sh DLBENCH FIXTURE_DIR TMP_DIR  (DLBENCH_SOURCE set)
. "$DLBENCH_SOURCE/tests/measure/lib.sh"

# Without the module: measure is an error, run says what it skipped.
DLBENCH_GBENCH_MODULE=/nonexistent/dlbench-gbench.so \
    measure --lib "$FX/libclean.so" --scenario call --engine gbench --quick
check "no module: measure --engine gbench exits 1 (got $RC)" [ "$RC" -eq 1 ]
check "no module: one clear error" grep -q \
    "^dlbench: error: the Google Benchmark engine is not available: cannot dlopen '/nonexistent/dlbench-gbench.so'" \
    "$TMP/err"
measure --lib "$FX/libclean.so" --scenario call --engine turbo
check "--engine turbo: usage error" [ "$RC" -eq 2 ]

cat >"$TMP/suite.toml" <<EOF2
[run]
engine = "both"
pin_cpu = -1
threads = ["main"]
fib = [10]

[[impl]]
name = "clean"
lib = "$FX/libclean.so"

[[impl]]
name = "spin2us"
lib = "$FX/libspin2us.so"
EOF2
rm -rf "$TMP/nomod"
DLBENCH_GBENCH_MODULE=/nonexistent/dlbench-gbench.so "$DLBENCH" run -c "$TMP/suite.toml" \
    -o "$TMP/nomod" --quick --scenarios call --no-plot -q >"$TMP/out" 2>"$TMP/err"
RC=$?
check "no module, engine both: run exits 0 (got $RC)" [ "$RC" -eq 0 ]
check "no module, engine both: warns and measures natively" grep -q \
    "engine 'both': the Google Benchmark engine is not available .*native engine only" "$TMP/err"
check "no module, engine both: native rows only" sh -c \
    "grep -q ',call,add,main,ns_per_call,' '$TMP/nomod/latest/results.csv' &&
     ! grep -q gbench_ '$TMP/nomod/latest/results.csv'"
check "no module, engine both: env.txt records engine native" \
    grep -qx "engine: native" "$TMP/nomod/latest/env.txt"

MOD=$(dirname "$DLBENCH")/dlbench-gbench.so
if [ ! -f "$MOD" ]; then
    ok "SKIP: '$MOD' not built (no libbenchmark-dev): the engine itself is not tested"
    finish
fi

# The instrument's dependencies stay libc alone: Google Benchmark is the
# module's, loaded RTLD_LOCAL.
# (A sanitizer build links its runtimes: not checked there.)
[ "$MEASURE_SANITIZE" = 1 ] || check "dlbench needs libc alone" sh -c \
    "[ \"\$(readelf -d '$DLBENCH' | grep NEEDED | grep -vc 'libc.so')\" -eq 0 ]"
check "the module needs libbenchmark" sh -c "readelf -d '$MOD' | grep NEEDED | grep -q libbenchmark"

# A 2 us spin measures 2 us under Google Benchmark too (median of many
# short repetitions: see tests/measure/call.sh).
measure --lib "$FX/libspin2us.so" --scenario call --engine gbench --workload add --thread main \
    --repetitions 51 --min-time-ms 0.1 --warmup-ms 1
check "spin2us gbench: exit 0 (got $RC)" [ "$RC" -eq 0 ]
check "spin2us gbench: stream ends with #end" ended
med=$(values "$TMP/out" add main gbench_ns_per_call | median)
if [ "$MEASURE_SANITIZE" = 1 ]; then
    ok "spin2us gbench: median $med ns (not checked under sanitizers)"
else
    check "spin2us gbench: add median $med ns within 5 % of 2000" num_between "$med" 1900 2100
fi
n=$(values "$TMP/out" add main gbench_ns_per_call | wc -l)
check "spin2us gbench: 51 repetitions (got $n)" [ "$n" -eq 51 ]
it=$(value "$TMP/out" add main gbench_iterations)
check "spin2us gbench: iterations recorded ($it)" num_cmp "$it" ">=" 1
check "spin2us gbench: no native rows" sh -c "! grep -q ',ns_per_call,' '$TMP/out'"
check "spin2us gbench: the step names bench_add" grep -qx '#step,bench_add' "$TMP/records"

measure --lib "$FX/libclean.so" --scenario call --engine both --quick --thread both --fib 10
check "clean both: exit 0 (got $RC)" [ "$RC" -eq 0 ]
check "clean both: rows well formed" csv_ok "$TMP/out"
for w in noop add fib/10 hello floor; do
    for t in main pthread; do
        a=$(values "$TMP/out" "$w" "$t" ns_per_call | wc -l)
        b=$(values "$TMP/out" "$w" "$t" gbench_ns_per_call | wc -l)
        check "clean both: $w $t has 3 native and 3 gbench rows ($a, $b)" \
            [ "$a" -eq 3 ] && [ "$b" -eq 3 ]
    done
done

# run: engine both gives both rows in results.csv and summary.csv, and the
# report puts them side by side.
rm -rf "$TMP/reports"
"$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --scenarios call -q \
    >"$TMP/out" 2>"$TMP/err"
RC=$?
check "run engine both: exit 0 (got $RC)" [ "$RC" -eq 0 ]
R=$TMP/reports/latest
for m in ns_per_call gbench_ns_per_call; do
    check "run engine both: summary has spin2us add $m" \
        grep -q "^spin2us,.*,call,add,main,$m," "$R/summary.csv"
done
check "run engine both: env.txt records engine both" grep -qx "engine: both" "$R/env.txt"
check "run engine both: report.md has the engines table" grep -q "^## Engines" "$R/report.md"
med=$(awk -F, '$1 == "spin2us" && $6 == "add" && $8 == "gbench_ns_per_call" { print $11 }' \
    "$R/summary.csv")
[ "$MEASURE_SANITIZE" = 1 ] ||
    check "run engine both: spin2us add under gbench $med ns (1500..20000: a 2 us spin, a loaded machine)" num_between "$med" 1500 20000

# run --engine gbench overrides the config: gbench rows only.
rm -rf "$TMP/reports2"
"$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports2" --quick --scenarios call --engine gbench \
    --no-plot -q >"$TMP/out" 2>"$TMP/err"
RC=$?
check "run --engine gbench: exit 0 (got $RC)" [ "$RC" -eq 0 ]
check "run --engine gbench: gbench rows, no native ones" sh -c \
    "grep -q ',gbench_ns_per_call,' '$TMP/reports2/latest/results.csv' &&
     ! grep -q ',ns_per_call,' '$TMP/reports2/latest/results.csv'"
finish
