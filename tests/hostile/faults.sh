# faults.sh - fault libraries end to end: the C fixtures that segfault,
# abort, hang and exit(3), and the Go fixtures whose bench_add panics or
# calls os.Exit(4), in one `run --quick` (timeout_s = 3) with a good C
# variant. Each is a named failure with its cause (the Go panic with its
# text in the log excerpt), the run completes with exit 1, failures.csv and
# (when written) report.md list them, the good variant is measured.
. "$DLBENCH_SOURCE/tests/hostile/lib.sh"
rm -rf "$TMP"/*
cat >"$TMP/suite.toml" <<EOF2
[run]
timeout_s = 3
pin_cpu = -1

[[impl]]
name = "good"
lib = "$FX/libclean.so"
EOF2
FAULTS="segv abort loop exit3"
for f in go_panic go_exit; do
    if [ -f "$FX/lib$f.so" ]; then FAULTS="$FAULTS $f"; else ok "$f: not built (no go on PATH), skipped"; fi
done
for f in $FAULTS; do
    printf '\n[[impl]]\nname = "%s"\nlib = "%s"\n' "$f" "$FX/lib$f.so" >>"$TMP/suite.toml"
done
t0=$(date +%s)
timeout 120 "$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick \
    --scenarios call,load,cycle,size >"$TMP/out" 2>"$TMP/err"
RC=$?
t1=$(date +%s)
tail -n 2 "$TMP/err"
R=$TMP/reports/latest
F=$R/failures.csv
check "exit 1: finished, some variants failed" [ "$RC" -eq 1 ]
check "the run took $((t1 - t0)) s (< 60: the hang cost one timeout)" [ $((t1 - t0)) -lt 60 ]
check "run folder complete" run_folder_complete "$R"
check "good measured" grep -q '^good,.*,call,add,main,ns_per_call,' "$R/summary.csv"
check "segv: killed by SIGSEGV" grep -q '^segv,verify,killed by SIGSEGV during bench_add,' "$F"
check "abort: killed by SIGABRT" grep -q '^abort,verify,killed by SIGABRT during bench_add,' "$F"
check "loop: timed out after 3 s" grep -q '^loop,verify,timed out after 3 s during bench_add,' "$F"
check "exit3: exited with status 3" grep -q '^exit3,verify,exited with status 3 during dlopen,' "$F"
case $FAULTS in *go_panic*)
    # An unrecovered panic in a c-shared library aborts the process
    # (Go's runtime crashes instead of exit(2) in c-shared/c-archive mode);
    # with GOTRACEBACK=single (or similar) set by the user it is exit 2.
    check "go_panic: killed by SIGABRT (or exit status 2)" \
        grep -Eq '^go_panic,verify,(killed by SIGABRT|exited with status 2) during bench_add,' "$F"
    check "go_panic: the panic text in the log excerpt" \
        grep -q 'panic: dlbench fixture: deliberate panic' "$F"
esac
case $FAULTS in *go_exit*)
    check "go_exit: exited with status 4" grep -q '^go_exit,verify,exited with status 4 during bench_add,' "$F"
esac
n=$(echo $FAULTS | wc -w)
check "failures.csv lists exactly the $n faults" [ "$(csv_rows "$F")" -eq "$n" ]
check "variants.csv marks $n failed" [ "$(grep -c ',failed,' "$R/variants.csv")" -eq "$n" ]
# Only their file facts: the size scenario reads the file without loading it.
check "no fault variant has samples but its file facts" \
    sh -c "! grep -E '^(segv|abort|loop|exit3|go_panic|go_exit),' \"\$1\" | grep -vq ',size,,,'" sh "$R/results.csv"
# dlbench reaps what it kills before it exits: no wait here.
check "no measuring child left" no_measuring_left 0
if [ -f "$R/report.md" ]; then
    for f in $FAULTS; do
        check "report.md names $f as failed" grep -q "$f.*failed" "$R/report.md"
    done
    check "report.md gives the segv cause" grep -q 'killed by SIGSEGV' "$R/report.md"
else
    ok "no report.md in the run folder: not checked"
fi
finish
