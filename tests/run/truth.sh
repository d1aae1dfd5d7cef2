# truth.sh - every claim of a run is true: a library that ends the process
# with status 0 (exit(0) in add, _exit(0) in fib) fails verify naming the
# function; one that does so only outside verify (exit0measure) fails
# call, load, cycle and the cold start naming bench_add, and gets no cold
# start; `run` exits 1. Libraries that print a banner, close fd 1 or point
# it at /dev/null are measured exactly like a silent one; what a library
# prints is kept in the run folder's logs/ and shown by -v, never a row.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
rm -rf "$TMP/reports"
cat >"$TMP/suite.toml" <<EOF2
[run]
timeout_s = 10
pin_cpu = -1
EOF2
for f in clean exit0add exit0fib exit0measure banner closeout nullout; do
    printf '\n[[impl]]\nname = "%s"\nlib = "%s"\n' "$f" "$FX/lib$f.so" >>"$TMP/suite.toml"
done

# verify
"$DLBENCH" verify -c "$TMP/suite.toml" >"$TMP/out" 2>"$TMP/err"
RC=$?
cat "$TMP/out"
row() { grep "^$1 " "$TMP/out"; }
check "verify: exit 1" [ "$RC" -eq 1 ]
check "verify: exit0add fails naming bench_add" \
    sh -c "grep '^exit0add ' '$TMP/out' | grep -q 'FAIL: verify: ended the process with status 0 during bench_add$'"
check "verify: exit0fib fails naming bench_fib" \
    sh -c "grep '^exit0fib ' '$TMP/out' | grep -q 'FAIL: verify: ended the process with status 0 during bench_fib$'"
for v in clean exit0measure banner closeout nullout; do
    check "verify: $v passes" sh -c "grep '^$v ' '$TMP/out' | grep -q ' pass$'"
done

# run
SC=call,load,cycle,size
if command -v hyperfine >/dev/null 2>&1; then SC=$SC,process; else ok "hyperfine not on PATH: no cold start to check"; fi
"$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --scenarios "$SC" --seed 3 \
    --no-plot -v >"$TMP/out" 2>"$TMP/err"
RC=$?
tail -n 3 "$TMP/err"
R="$TMP/reports/latest"
F="$R/failures.csv"
cat "$F"
check "run: exit 1" [ "$RC" -eq 1 ]
check "run: exit0add failed verify, naming bench_add" \
    grep -q '^exit0add,verify,ended the process with status 0 during bench_add,' "$F"
check "run: exit0fib failed verify, naming bench_fib" \
    grep -q '^exit0fib,verify,ended the process with status 0 during bench_fib,' "$F"
for sc in call load cycle; do
    check "run: exit0measure $sc failed naming bench_add" \
        grep -q "^exit0measure,$sc,ended the process with status 0 during bench_add," "$F"
    check "run: exit0measure has no $sc sample" sh -c "! grep -q '^exit0measure,.*,$sc,' '$R/results.csv'"
done
for v in exit0add exit0fib exit0measure; do
    check "run: no cold start reported for $v" sh -c "! grep -q '^$v,.*,process,' '$R/results.csv'"
done
if [ "${SC#*process}" != "$SC" ]; then
    check "run: exit0measure's cold start failed naming bench_add" \
        grep -q '^exit0measure,process,the measured command failed: ended the process with status 0 during bench_add,' "$F"
    check "run: clean has a cold start" grep -q '^clean,.*,process,once,main,wall_ms,' "$R/results.csv"
fi
# Measured exactly like a silent library: the same results, no failure.
awk -F, 'NR > 1 && $1 == "clean" { print $5 "/" $6 "/" $7 "/" $8 }' "$R/summary.csv" | sort >"$TMP/clean.keys"
for v in banner closeout nullout; do
    awk -F, -v v=$v 'NR > 1 && $1 == v { print $5 "/" $6 "/" $7 "/" $8 }' "$R/summary.csv" | sort >"$TMP/$v.keys"
    check "run: $v has the results of a silent library" cmp -s "$TMP/clean.keys" "$TMP/$v.keys"
    check "run: $v has no failure" sh -c "! grep -q '^$v,' '$F'"
done
check "run: no banner among the results" sh -c "! grep -rq 'libbanner:' '$R'/*.csv"
# The library's output: kept per child in logs/, shown by -v.
for f in verify.log call-1.log load-1.log; do
    check "run: logs/banner/$f keeps the banner" grep -q '^libbanner: loaded (stderr)$' "$R/logs/banner/$f"
    check "run: logs/banner/$f keeps the raw stdout write" grep -q '^libbanner: raw stdout$' "$R/logs/banner/$f"
done
# A log is the library's output alone: dlbench's own messages in the child
# (a short cycle round has no leak slope, size names DT_NEEDED entries)
# are records, not log lines. A silent library has no logs at all.
check "run: a silent library has no logs/ files" sh -c "[ ! -e '$R/logs/clean' ]"
check "run: exit0measure (silent until it exits) has no logs/ files" \
    sh -c "[ ! -e '$R/logs/exit0measure' ]"
for f in "$R"/logs/banner/*.log; do
    check "run: $(basename "$f") of banner is the banner alone" \
        sh -c "! grep -v '^libbanner: ' '$f'"
done
check "run: logs/banner/call-1.log is exactly the banner" \
    sh -c "[ \"\$(cat '$R/logs/banner/call-1.log')\" = \"\$(printf 'libbanner: loaded (stdio stdout)\nlibbanner: raw stdout\nlibbanner: loaded (stderr)')\" ]"
check "run: -v shows the child's notes" grep -q '^dlbench: note: needed: libc.so.6$' "$TMP/err"
check "run: -v shows the banner" grep -q '^libbanner: loaded (stdio stdout)$' "$TMP/err"
check "run: -v shows the command line" grep -q '^\$ .*dlbench measure --lib .*libbanner.so --variant banner --scenario call' "$TMP/err"
check "run: failures.csv has the log_file column" sh -c "head -n 1 '$F' | grep -q '^variant,scenario,cause,log,log_file$'"
# -q leaves out what the report repeats (the failures), not the report.
rm -rf "$TMP/reports"
"$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --scenarios call --seed 3 \
    --no-plot -q --only exit0measure >"$TMP/out" 2>"$TMP/err"
RC=$?
check "run -q: exit 1" [ "$RC" -eq 1 ]
check "run -q: the failure is in failures.csv" grep -q '^exit0measure,call,' "$R/failures.csv"
check "run -q: no warning line repeats it" sh -c "! grep -q 'warning: exit0measure call failed' '$TMP/err'"
finish
