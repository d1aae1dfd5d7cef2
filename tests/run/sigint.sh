# sigint.sh - Ctrl-C during a run: exit 130 within 2 s, no child process
# left behind, a partial run folder whose files are complete, and latest
# still pointing at a complete run (or nothing).
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE
rm -rf "$TMP/reports"
cat >"$TMP/suite.toml" <<EOF2
[run]
repetitions = 50
min_time_ms = 50
cycles = 200000
sample_every = 1000

[[impl]]
name = "c"
lang = "c"
dir = "$SRC/impls/c"
build = "sh '$SRC/scripts/build-c.sh' {toolchain} {out}"
toolchains = ["gcc"]

[[impl]]
name = "clean"
lib = "$FX/libclean.so"
EOF2
# Build first so the interruption lands while measuring.
"$DLBENCH" build -c "$TMP/suite.toml" --libs-dir "$TMP/libs" >/dev/null 2>&1
for when in 1.5 3; do
    "$DLBENCH" run -c "$TMP/suite.toml" --libs-dir "$TMP/libs" -o "$TMP/reports" --no-plot \
        >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    sleep "$when"
    t0=$(date +%s%N)
    kill -INT "$pid"
    wait "$pid"
    RC=$?
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    check "SIGINT after ${when}s: exit 130" [ "$RC" -eq 130 ]
    check "SIGINT after ${when}s: stopped in ${ms} ms (< 2000)" [ "$ms" -lt 2000 ]
    sleep 0.2
    check "SIGINT after ${when}s: no measuring child left" no_measuring_left 0
done
run=$(ls -d "$TMP"/reports/2* | tail -n 1)
check "a partial run folder exists" [ -f "$run/PARTIAL" ]
check "it says partial in env.txt" grep -q '^status: partial (interrupted)' "$run/env.txt"
for f in results.csv summary.csv failures.csv variants.csv env.txt results.txt bench.toml; do
    check "partial run has a complete $f" sh -c "[ -s '$run/$f' ] && [ \"\$(tail -c 1 '$run/$f' | od -An -c | tr -d ' ')\" = '\\n' ]"
done
check "no temporary file in the run folder" sh -c "! ls '$run' | grep -q '\.tmp\.'"
check "latest does not point at a partial run" sh -c "[ ! -e '$TMP/reports/latest' ] || [ ! -e '$TMP/reports/latest/PARTIAL' ]"
check "no staging folder left" sh -c "! ls -a '$TMP/reports' | grep -q incomplete"
finish
