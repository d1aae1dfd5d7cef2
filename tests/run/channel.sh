# channel.sh - libraries that change what the measuring child relies on:
# its data channel or the process's state (tests/fixtures/closechan.c,
# reusechan.c, scribble.c, forkcall.c, sigstop.c): each fault is a named
# failure with its cause, and no forged row is ever taken as a measurement;
# one that moves the current folder (chdirload.c), given by a relative
# path, measures like a clean one; one that moves the pinned thread to
# another CPU (affinity.c) gets the warning on the results it touched.
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
    grep -Eq "^closechan,verify,lost its data channel: fd [0-9]+ \(dlbench's rows\) was closed by the library during dlopen," "$F"
check "reusechan: lost its data channel, its number reused" \
    grep -Eq "^reusechan,verify,lost its data channel: fd [0-9]+ \(dlbench's rows\) was closed and its number reused by the library .*during dlopen," "$F"
check "scribble: something else wrote to its data channel" \
    grep -q '^scribble,verify,"something else wrote to its data channel' "$F"
check "scribble: the forged row is nowhere in results.csv" \
    sh -c "! grep -q '^scribble,call,add,main,ns_per_call,ns,0,1$' '$R/results.csv'"
check "forkcall: the copy the library forked is named, with its step" \
    grep -q '^forkcall,verify,"the library forked the process during bench_add and the copy returned into dlbench' "$F"
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

# ---------------------------------------------------------------- baseline
# the pair scenario calls the baseline beside the variant: a baseline that
# stops the process is named in the variant's failure, and its own failure
# is said once; a baseline that fails verify is never chosen by itself.
cat >"$TMP/base.toml" <<EOF2
[run]
timeout_s = 60
pin_cpu = -1

[[impl]]
name = "closechan"
lib = "$FX/libclosechan.so"

[[impl]]
name = "clean"
lib = "$FX/libclean.so"

[[impl]]
name = "sigstop"
lib = "$FX/libsigstop.so"
EOF2
"$DLBENCH" run -c "$TMP/base.toml" -o "$TMP/base" --quick --scenarios call,pair --seed 5 \
    --no-plot --baseline sigstop >"$TMP/base.out" 2>"$TMP/base.err"
F=$TMP/base/latest/failures.csv
cat "$F"
check "baseline sigstop: clean's pair failure names the baseline" \
    grep -q "^clean,pair,stopped by SIGSTOP during bench_add of the baseline 'sigstop'" "$F"
check "baseline sigstop: its own failure said once, as the baseline's" \
    [ "$(grep -c "^sigstop,pair,\"\\?the baseline 'sigstop' failed its call measurement: stopped by SIGSTOP during bench_add" "$F")" -eq 1 ]
check "baseline sigstop: one warning" \
    [ "$(grep -c "warning: the baseline 'sigstop' failed its call measurement" "$TMP/base.err")" -eq 1 ]
"$DLBENCH" run -c "$TMP/base.toml" -o "$TMP/base2" --quick --scenarios call,pair --seed 5 \
    --no-plot --baseline closechan >"$TMP/base2.out" 2>"$TMP/base2.err"
check "baseline asked for that failed verify: said, not used" \
    grep -q "^closechan,pair,\"\\?the baseline 'closechan' failed verify: lost its data channel" \
    "$TMP/base2/latest/failures.csv"
check "baseline asked for that failed verify: env.txt baseline none" \
    grep -q '^baseline: none$' "$TMP/base2/latest/env.txt"
"$DLBENCH" run -c "$TMP/base.toml" -o "$TMP/base3" --quick --scenarios call --seed 5 \
    --no-plot --only closechan,clean --cycles 300 >"$TMP/base3.out" 2>"$TMP/base3.err"
check "baseline chosen by itself: never one that failed verify (closechan is first)" \
    grep -q '^baseline: clean$' "$TMP/base3/latest/env.txt"
check "env.txt reproduce: -o, --only, --quick with --cycles, seed, baseline, scenarios" \
    grep -q "^reproduce: dlbench run -c bench.toml -o $TMP/base3 --only closechan,clean --quick --cycles 300 --seed 5 --baseline clean --scenarios call$" \
    "$TMP/base3/latest/env.txt"
"$DLBENCH" report "$TMP/base3/latest" --format md -o - >"$TMP/base3.md" 2>/dev/null
check "report.md reproduces with env.txt's command, plots the folder it went to" \
    sh -c "grep -q '^dlbench run -c bench.toml -o $TMP/base3 --only closechan,clean --quick --cycles 300 ' '$TMP/base3.md' &&
           grep -q '^dlbench plot $TMP/base3/[0-9]' '$TMP/base3.md'"
check "report.md: brought libraries are not said to be rebuilt" \
    sh -c "grep -q 'the libraries are brought (lib = in bench.toml), not built' '$TMP/base3.md' &&
           ! grep -q 'rebuilt from their toolchains' '$TMP/base3.md'"

# ---------------------------------------------------------------- affinity
if [ "$(nproc)" -lt 2 ]; then
    ok "affinity: one CPU, nothing to move to: skipped"
    finish
fi
cat >"$TMP/pin.toml" <<EOF2
[run]
pin_cpu = 1

[[impl]]
name = "clean"
lib = "$FX/libclean.so"

[[impl]]
name = "affinity"
lib = "$FX/libaffinity.so"
EOF2
"$DLBENCH" run -c "$TMP/pin.toml" -o "$TMP/pin" --quick --scenarios call,cycle --seed 5 \
    --no-plot >"$TMP/pin.out" 2>"$TMP/pin.err"
RC=$?
S=$TMP/pin/latest/summary.csv
W="the library changed the pinned thread's CPU affinity"
check "affinity: the run exits 0 (exit $RC)" [ "$RC" -eq 0 ]
check "affinity: its cycle_us carries the warning" \
    sh -c "grep '^affinity,.*,cycle,fresh,main,cycle_us,' '$S' | grep -q \"$W\""
check "affinity: its calls (pinned after the load) do not" \
    sh -c "! grep '^affinity,.*,call,' '$S' | grep -q \"$W\""
check "affinity: clean's results do not" sh -c "! grep '^clean,' '$S' | grep -q \"$W\""
check "affinity: pin_lost rows say where" grep -q '^affinity,.*,cycle,fresh,main,pin_lost,bool,' "$S"
check "affinity: one warning line per job kind and mode, not one per child" \
    [ "$(grep -c 'affinity cycle: the library changed the CPU affinity of the main thread (pinned to CPU 1, now CPUs 0)' "$TMP/pin.err")" -le 2 ]
finish
