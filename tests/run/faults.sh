# faults.sh - a quick run over the default implementations plus libraries
# that crash, abort, hang or exit: exit 1, every good variant summarised,
# every fault in failures.csv with its cause, the run folder complete.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE
rm -rf "$TMP/reports"
sed -e "s|^dir = \"impls/|dir = \"$SRC/impls/|" -e "s|\.\./\.\./scripts/|$SRC/scripts/|" \
    -e 's|^timeout_s = .*|timeout_s = 5|' "$SRC/bench.toml" >"$TMP/suite.toml"
for f in segv abort loop exit3; do
    printf '\n[[impl]]\nname = "%s"\nlib = "%s"\n' "$f" "$FX/lib$f.so" >>"$TMP/suite.toml"
done
"$DLBENCH" run -c "$TMP/suite.toml" --libs-dir "$TMP/libs" -o "$TMP/reports" --quick \
    --scenarios call,load,cycle,size --seed 42 --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
tail -n 5 "$TMP/err"
R="$TMP/reports/latest"
check "exit 1: finished, some variants failed" [ "$RC" -eq 1 ]
check "latest points at the run" [ -f "$R/summary.csv" ]
for v in c@gcc c@clang go@local rust@local; do
    check "$v: add from main and pthread summarised" \
        sh -c "grep -q '^$v,.*,call,add,main,ns_per_call,' '$R/summary.csv' && grep -q '^$v,.*,call,add,pthread,ns_per_call,' '$R/summary.csv'"
    check "$v: load, cycle and size summarised" \
        sh -c "grep -q '^$v,.*,load,,main,dlopen_us,' '$R/summary.csv' && grep -q '^$v,.*,cycle,fresh,main,unloaded,' '$R/summary.csv' && grep -q '^$v,.*,size,,,file_bytes,' '$R/summary.csv'"
done
check "segv: failure killed by SIGSEGV" grep -q '^segv,verify,killed by SIGSEGV during bench_add,' "$R/failures.csv"
check "abort: failure killed by SIGABRT" grep -q '^abort,verify,killed by SIGABRT during bench_add,' "$R/failures.csv"
check "loop: failure timed out" grep -q '^loop,verify,timed out after 5 s during bench_add,' "$R/failures.csv"
check "exit3: failure exited with status 3" grep -q '^exit3,verify,exited with status 3 during dlopen,' "$R/failures.csv"
# Only their file facts: the size scenario reads the file without loading it.
check "no fault variant has samples but its file facts" \
    sh -c "! grep -E '^(segv|abort|loop|exit3),' '$R/results.csv' | grep -vq ',size,,,'"
check "variants.csv marks them failed" [ "$(grep -c ',failed,' "$R/variants.csv")" -eq 4 ]
check "c@gcc is the baseline" grep -q '^c@gcc,.*,ok,1,[0-9]*,[0-9]*,[0-9a-f]*$' "$R/variants.csv"
check "env.txt: complete, with the seed" sh -c "grep -q '^status: complete' '$R/env.txt' && grep -q '^seed: 42$' '$R/env.txt'"
check "bench.toml copied" cmp -s "$TMP/suite.toml" "$R/bench.toml"
check "results.txt has Go benchmark lines, the release in the key" grep -q '^BenchmarkCall/impl=go/toolchain=go1\.[0-9.]*/workload=add/thread=main/engine=native [0-9]* [0-9.e+-]* ns/op$' "$R/results.txt"
check "no PARTIAL marker" [ ! -e "$R/PARTIAL" ]
check "no staging folder left" sh -c "! ls -a '$TMP/reports' | grep -q incomplete"
check "every results.csv row has 12 fields" awk -F, 'NF != 12 { exit 1 }' "$R/results.csv"
check "the seed fixes the order" sh -c "grep -q '^seed: 42' '$R/env.txt'"
finish
