# cli.sh - `dlbench report DIR [--format F] [-o FILE|-]` on a copy of a
# report fixture: every format, the errors; then two real quick runs whose
# results.txt the real benchstat reads without a warning and with n =
# processes, and whose results.json compare.py compares (each when
# installed; skipped with a message otherwise).
# usage: sh cli.sh DLBENCH FIXTURE_DIR TMP_DIR  (DLBENCH_SOURCE set)
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE/tests/report/runs/20250601-101502
D=$TMP/run
rm -rf "$D" "$TMP/reports"
mkdir -p "$D"
cp "$SRC"/* "$D"/

# expect CODE STDERR-SUBSTRING ARGS...: dlbench report ARGS
expect() {
    code=$1 msg=$2
    shift 2
    "$DLBENCH" report "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "report $*: exit $rc (want $code)" [ "$rc" -eq "$code" ]
    [ -z "$msg" ] || check "report $*: says '$msg'" grep -qF -- "$msg" "$TMP/err"
}
expect 2 "dlbench: error: 'report' needs a run folder"
expect 2 "dlbench: error: cannot read '$TMP/nope'" "$TMP/nope"
expect 2 "dlbench: error: unknown format 'pdf' (md, html, json, txt, csv)" "$D" --format pdf
expect 2 "dlbench: error: '--output' needs '--format'" "$D" -o x
expect 2 "dlbench: error: 'report' takes one run folder, got" "$D" "$D"
expect 0 "" --help
check "report --help lists the formats" grep -q "json  results.json" "$TMP/out"

for f in md html json txt csv; do
    expect 0 "" "$D" --format "$f" -o -
    check "report --format $f -o -: output on stdout" [ -s "$TMP/out" ]
done
"$DLBENCH" report "$D" --format json -o - | head -c 1 | grep -q '{' && ok "json starts with {" ||
    bad "json starts with {"
"$DLBENCH" report "$D" --format txt -o - | grep -q '^BenchmarkCall/impl=c/toolchain=gcc-12.2.0/' &&
    ok "txt has Go benchmark lines" || bad "txt has Go benchmark lines"
"$DLBENCH" report "$D" --format html -o - | grep -q '^<!DOCTYPE html>' && ok "html is HTML" ||
    bad "html is HTML"
"$DLBENCH" report "$D" --format csv -o "$TMP/summary.csv" 2>/dev/null
check "csv: summary.csv's header" sh -c "head -n 1 '$TMP/summary.csv' | grep -q '^variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,unit,n,median,.*,processes,cv_within,mde_pct\$'"
check "csv: one row per result" [ "$(wc -l <"$TMP/summary.csv")" -eq "$(wc -l <"$SRC/summary.csv")" ]
rm -f "$D/report.md" "$D/results.json" "$D/results.txt" "$D/report.html"
expect 0 "written: report.md, report.html, results.json, results.txt" "$D"
for f in report.md report.html results.json results.txt; do
    check "report DIR writes $f" [ -s "$D/$f" ]
done
check "report DIR leaves summary.csv alone" cmp -s "$D/summary.csv" "$SRC/summary.csv"

# Two real runs: the formats as other tools read them.
cat >"$TMP/suite.toml" <<EOF2
[run]
pin_cpu = -1
threads = ["main"]
fib = [10]

[[impl]]
name = "clean"
lib = "$FX/libclean.so"
EOF2
for i in 1 2; do
    "$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --scenarios call,load --no-plot \
        -q >"$TMP/out" 2>"$TMP/err"
    RC=$?
    check "quick run $i: exit 0 (got $RC)" [ "$RC" -eq 0 ]
    cp -r "$(readlink -f "$TMP/reports/latest")" "$TMP/run$i"
    check "quick run $i: results.json and results.txt" [ -s "$TMP/run$i/results.json" ] &&
        [ -s "$TMP/run$i/results.txt" ]
done
n=$(grep -c '^BenchmarkCall/impl=clean/.*/workload=add/thread=main/engine=native ' "$TMP/run1/results.txt")
check "results.txt: one add line per process (3 with --quick, got $n)" [ "$n" -eq 3 ]

BENCHSTAT=$(command -v benchstat || { [ -x "$HOME/go/bin/benchstat" ] && echo "$HOME/go/bin/benchstat"; })
if [ -n "$BENCHSTAT" ]; then
    "$BENCHSTAT" "$TMP/run1/results.txt" "$TMP/run2/results.txt" >"$TMP/bs.out" 2>"$TMP/bs.err"
    check "benchstat reads both runs (exit 0)" [ $? -eq 0 ]
    check "benchstat: no warning on stderr" [ ! -s "$TMP/bs.err" ]
    check "benchstat: n = 3 processes" grep -q 'n=3)' "$TMP/bs.out"
    check "benchstat: times as sec/op, the load in dlopen-sec/op" sh -c \
        "grep -q 'sec/op' '$TMP/bs.out' && grep -q 'dlopen-sec/op' '$TMP/bs.out'"
else
    ok "SKIP: benchstat not installed (go install golang.org/x/perf/cmd/benchstat@latest)"
fi

COMPARE=/usr/share/benchmark/compare.py
if [ -f "$COMPARE" ] && /usr/bin/python3 -c 'import scipy' 2>/dev/null; then
    /usr/bin/python3 "$COMPARE" --no-color benchmarks "$TMP/run1/results.json" \
        "$TMP/run2/results.json" >"$TMP/cmp.out" 2>"$TMP/cmp.err"
    check "compare.py benchmarks run1 run2: exit 0" [ $? -eq 0 ]
    check "compare.py: compares call/add/clean/main/ns_per_call" \
        grep -q '^call/add/clean/main/ns_per_call ' "$TMP/cmp.out"
    check "compare.py: U test over 3 vs 3 repetitions" grep -q 'Repetitions: 3 vs 3' "$TMP/cmp.out"
else
    ok "SKIP: compare.py needs /usr/share/benchmark/compare.py (libbenchmark-tools) and python3-scipy"
fi
finish
