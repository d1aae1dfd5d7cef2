# helpers.sh - a library whose constructor forks a helper that leaves the
# process group (setsid) and sleeps 20 s holding stdout: verify and run do
# not wait for it; with timeout_s = 3 and an add that never returns the
# child is killed within seconds; SIGINT to `run` returns with exit 130;
# no helper is left alive in any case. Times are asserted against the 20 s
# of the helper with wide margins (a loaded machine), not as targets.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
rm -rf "$TMP/reports" "$TMP/libs"
mkdir -p "$TMP/libs"
# Copies with names of this test's own, so pgrep finds only its helpers
# (their command line is the measuring child's: ... --lib <path> ...).
TAG=helpers$$
cp "$FX/libsetsid.so" "$TMP/libs/libsetsid-$TAG.so"
cp "$FX/libsetsidloop.so" "$TMP/libs/libsetsidloop-$TAG.so"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# The pattern "[l]ib..." does not match a command line that quotes it.
no_helper() { sleep 0.2; ! pgrep -f "[l]ibsetsid[a-z]*-$TAG" >/dev/null; }

cat >"$TMP/setsid.toml" <<EOF2
[run]
timeout_s = 3
pin_cpu = -1

[[impl]]
name = "setsid"
lib = "$TMP/libs/libsetsid-$TAG.so"
EOF2
t0=$(date +%s%N)
"$DLBENCH" verify -c "$TMP/setsid.toml" >"$TMP/out" 2>"$TMP/err"
RC=$?
t=$(ms "$t0")
cat "$TMP/out"
check "setsid verify: passes (exit $RC)" [ "$RC" -eq 0 ]
check "setsid verify: took $t ms (< 10000; the helper sleeps 20 s)" [ "$t" -lt 10000 ]
check "setsid verify: no helper left" no_helper

SC=call,load,cycle,size
if command -v hyperfine >/dev/null 2>&1; then SC=$SC,process; fi
t0=$(date +%s%N)
"$DLBENCH" run -c "$TMP/setsid.toml" -o "$TMP/reports" --quick --scenarios "$SC" --no-plot \
    >"$TMP/out" 2>"$TMP/err"
RC=$?
t=$(ms "$t0")
tail -n 1 "$TMP/err"
check "setsid run: exit 0 (got $RC)" [ "$RC" -eq 0 ]
check "setsid run: took $t ms (< 15000; every child leaves a 20 s helper)" [ "$t" -lt 15000 ]
check "setsid run: no helper left" no_helper
check "setsid run: add measured" grep -q '^setsid,.*,call,add,main,ns_per_call,' "$TMP/reports/latest/summary.csv"

# A hanging add behind the helper: the timeout ends the child.
cat >"$TMP/loop.toml" <<EOF2
[run]
timeout_s = 3

[[impl]]
name = "setsidloop"
lib = "$TMP/libs/libsetsidloop-$TAG.so"
EOF2
t0=$(date +%s%N)
"$DLBENCH" verify -c "$TMP/loop.toml" >"$TMP/out" 2>"$TMP/err"
RC=$?
t=$(ms "$t0")
cat "$TMP/out"
check "setsidloop verify: exit 1" [ "$RC" -eq 1 ]
check "setsidloop verify: timed out after 3 s during bench_add" \
    grep -q 'FAIL: verify: timed out after 3 s during bench_add' "$TMP/out"
check "setsidloop verify: took $t ms (< 8000: timeout_s + ~1 s, not the helper's 20 s)" [ "$t" -lt 8000 ]
check "setsidloop verify: no helper left" no_helper

# Ctrl-C while measuring.
cat >"$TMP/sigint.toml" <<EOF2
[run]
repetitions = 50
min_time_ms = 50
timeout_s = 60
pin_cpu = -1

[[impl]]
name = "setsid"
lib = "$TMP/libs/libsetsid-$TAG.so"
EOF2
"$DLBENCH" run -c "$TMP/sigint.toml" -o "$TMP/reports" --scenarios call --no-plot \
    >"$TMP/out" 2>"$TMP/err" &
pid=$!
sleep 2
check "sigint: a helper is alive while measuring" sh -c "pgrep -f '[l]ibsetsid-$TAG' >/dev/null"
t0=$(date +%s%N)
kill -INT "$pid"
wait "$pid"
RC=$?
t=$(ms "$t0")
check "sigint: exit 130 (got $RC)" [ "$RC" -eq 130 ]
check "sigint: returned in $t ms (< 5000; target 2 s)" [ "$t" -lt 5000 ]
check "sigint: no helper left" no_helper
finish
