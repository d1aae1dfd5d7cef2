# channel.sh - libraries that reach for dlbench's data channel or stop the
# process (tests/fixtures/closechan.c, reusechan.c, scribble.c, forkcall.c,
# sigstop.c), and one that moves the current folder (chdirload.c): each
# fault is a named failure with its cause, no forged row is ever taken as a
# measurement, and the chdir library, given by a relative path, measures
# like a clean one.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
rm -rf "$TMP"/*
cp "$FX/libchdirload.so" "$TMP/"
cat >"$TMP/suite.toml" <<EOF2
[run]
timeout_s = 60
pin_cpu = -1

[[impl]]
name = "chdirload"
lib = "libchdirload.so"
EOF2
for f in clean closechan reusechan scribble forkcall sigstop; do
    printf '\n[[impl]]\nname = "%s"\nlib = "%s"\n' "$f" "$FX/lib$f.so" >>"$TMP/suite.toml"
done
t0=$(date +%s)
(cd "$TMP" && "$DLBENCH" run -c suite.toml -o reports --quick --scenarios call,load,cycle,size \
    --seed 5 --no-plot >out 2>err)
RC=$?
t1=$(date +%s)
tail -n 2 "$TMP/err"
R=$TMP/reports/latest
F=$R/failures.csv
cat "$F"
check "exit 1: some variants failed" [ "$RC" -eq 1 ]
check "closechan: lost its data channel, closed during dlopen" \
    grep -Eq "^closechan,verify,verify lost its data channel: fd [0-9]+ \(dlbench's rows\) was closed by the library during dlopen," "$F"
check "reusechan: lost its data channel, its number reused" \
    grep -Eq "^reusechan,verify,verify lost its data channel: fd [0-9]+ \(dlbench's rows\) was closed and its number reused by the library .*during dlopen," "$F"
check "scribble: something else wrote to its data channel" \
    grep -q '^scribble,verify,"verify something else wrote to its data channel' "$F"
check "scribble: the forged row is nowhere in results.csv" \
    sh -c "! grep -q '^scribble,call,add,main,ns_per_call,ns,0,1$' '$R/results.csv'"
check "forkcall: a second writer on its data channel" \
    grep -Eq '^forkcall,verify,"verify (something else wrote to its data channel|its output goes on after its end record)' "$F"
check "sigstop: verify passes (fewer than 1000 adds)" sh -c "! grep -q '^sigstop,verify,' '$F'"
check "sigstop: call stopped by SIGSTOP during bench_add" \
    grep -q '^sigstop,call,stopped by SIGSTOP during bench_add' "$F"
check "sigstop: not left to its 60 s timeout (the run took $((t1 - t0)) s)" [ $((t1 - t0)) -lt 40 ]
check "sigstop: no 'timed out'" sh -c "! grep -q '^sigstop,.*timed out' '$F'"
check "chdirload: no failure" sh -c "! grep -q '^chdirload,' '$F'"
check "chdirload: cycles measured after its chdir" \
    grep -q '^chdirload,.*,cycle,fresh,main,cycle_us,' "$R/summary.csv"
check "clean: no failure" sh -c "! grep -q '^clean,' '$F'"
check "failures.csv lists exactly the 5 faults" [ "$(grep -c '^[a-z]' "$F")" -eq 6 ]
check "no measuring child left" no_measuring_left 10
finish
