# kill.sh - SIGKILL of `dlbench run` at random moments. Every run folder
# that exists is complete (CSV records all have the header's field count,
# files end with a newline, no temporary file, no PARTIAL, env.txt says
# complete), reports/latest always points at a complete run, and no
# measuring child outlives its parent by more than 1 s - not even one that
# hangs (the loop fixture under a 30 s timeout). The next run removes the
# staging folders (and a half-swapped latest link) of the killed runs and
# keeps those of live ones.
. "$DLBENCH_SOURCE/tests/hostile/lib.sh"
rm -rf "$TMP"/* "$TMP"/.[!.]* 2>/dev/null
L=$TMP/libs
R=$TMP/reports
mkdir -p "$L"
cp "$FX/libclean.so" "$L/libk_clean.so"
cp "$FX/libspin2us.so" "$L/libk_spin.so"
cp "$FX/libloop.so" "$L/libk_loop.so"

# A run of about 10 s (measured before the kills would happen).
cat >"$TMP/long.toml" <<EOF2
[run]
repetitions = 6
min_time_ms = 20
warmup_ms = 5
cycles = 3000
sample_every = 300
timeout_s = 20
pin_cpu = -1
fib = [20]
scenarios = ["call", "load", "cycle", "size"]

[[impl]]
name = "clean"
lib = "$L/libk_clean.so"

[[impl]]
name = "spin"
lib = "$L/libk_spin.so"
EOF2
cat >"$TMP/loop.toml" <<EOF2
[run]
timeout_s = 30
pin_cpu = -1

[[impl]]
name = "loop"
lib = "$L/libk_loop.so"
EOF2

# children_gone: no `dlbench measure` of this test within 1 s (by its tag,
# tests/measure/lib.sh); kills and reports any that is left.
children_gone() {
    no_measuring_left 10
}

# all_complete: every run folder complete, latest (if any) at a complete run.
all_complete() {
    for d in "$R"/2*; do
        [ -d "$d" ] || continue
        run_folder_complete "$d" || return 1
    done
    if [ -e "$R/latest" ] || [ -L "$R/latest" ]; then
        [ -L "$R/latest" ] || { echo "latest is not a symlink"; return 1; }
        run_folder_complete "$R/latest" || return 1
    fi
    if ls -A "$R" | grep -v -e '^2' -e '^latest$' -e '^\.incomplete-' -e '^\.lock$' | grep -q .; then
        echo "unexpected entries in reports: $(ls -A "$R")"
        return 1
    fi
    return 0
}

# kill_at SECONDS CONFIG [OPTIONS]: start a run, SIGKILL it after SECONDS.
kill_at() {
    when=$1
    cfg=$2
    shift 2
    "$DLBENCH" run -c "$cfg" -o "$R" "$@" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    sleep "$when"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    check "SIGKILL at ${when} s: no measuring child left after 1 s" children_gone
    check "SIGKILL at ${when} s: every run folder complete, latest complete" all_complete
}

# One complete run first, so that latest exists.
"$DLBENCH" run -c "$TMP/long.toml" -o "$R" --quick --no-plot >"$TMP/out" 2>"$TMP/err"
check "a first quick run completes" [ $? -eq 0 ]
first=$(readlink "$R/latest")

# Five random moments in the first 4 s of the 10 s run, and three in a
# quick run with charts (its end: writing, plotting, renaming).
seed=${HOSTILE_SEED:-$(date +%s)}
echo "moments from seed $seed (set HOSTILE_SEED to repeat)"
moments=$(awk -v s="$seed" 'BEGIN { srand(s); for (i = 0; i < 5; i++) printf "%.2f ", 0.2 + rand() * 3.8 }')
for t in $moments; do
    kill_at "$t" "$TMP/long.toml" --no-plot
done
quick=$(awk -v s="$seed" 'BEGIN { srand(s + 1); for (i = 0; i < 3; i++) printf "%.2f ", 0.3 + rand() * 1.5 }')
for t in $quick; do
    kill_at "$t" "$TMP/long.toml" --quick
done

# A child that never ends by itself: verify of the loop fixture (timeout
# 30 s, enforced by the parent). Killing the parent must end it.
"$DLBENCH" run -c "$TMP/loop.toml" -o "$TMP/loop-reports" --quick --no-plot >"$TMP/out" 2>"$TMP/err" &
pid=$!
i=0
while [ $i -lt 50 ] && ! pgrep -f "[m]easure --lib $L/libk_loop.so" >/dev/null; do
    sleep 0.1
    i=$((i + 1))
done
check "the hanging verify child runs" sh -c "pgrep -f \"[m]easure --lib \$1\" >/dev/null" sh "$L/libk_loop.so"
sleep 0.3
kill -KILL "$pid"
wait "$pid" 2>/dev/null
check "SIGKILL while a child hangs: the child is gone within 1 s" children_gone

# The next run cleans up after the killed ones (one more kill in the
# middle of the long run: the quick ones may have finished first).
kill_at 1 "$TMP/long.toml" --no-plot
stages=$(ls -A "$R" | grep -c '^\.incomplete-')
check "the killed runs left staging folders ($stages)" [ "$stages" -ge 1 ]
dead=$(sh -c 'echo $$')
ln -s 20000101-000000 "$R/latest.tmp.$dead"
mkdir "$R/.incomplete-20000101-000000-$$"   # this shell: alive
"$DLBENCH" run -c "$TMP/long.toml" -o "$R" --quick --no-plot >"$TMP/out" 2>"$TMP/err"
check "a run after the kills completes" [ $? -eq 0 ]
check "it removed every dead staging folder" [ "$(ls -A "$R" | grep -c '^\.incomplete-')" -eq 1 ]
check "it kept the staging folder of a live process" [ -d "$R/.incomplete-20000101-000000-$$" ]
check "it removed a latest.tmp link of a dead process" [ ! -L "$R/latest.tmp.$dead" ]
rmdir "$R/.incomplete-20000101-000000-$$"
check "latest points at the new run" [ "$(readlink "$R/latest")" != "$first" ]
check "every run folder complete at the end" all_complete
check "results.csv of latest has rows" [ "$(csv_rows "$R/latest/results.csv")" -gt 10 ]

# Two runs started in the same second into one folder: with --wait the
# second waits for the first (tests/run/folder.sh: without, it refuses)
# and may pick the same run id: both must end up in a folder of their own.
rm -rf "$TMP/twin"
"$DLBENCH" run -c "$TMP/long.toml" -o "$TMP/twin" --quick --no-plot --scenarios call,size --wait \
    >"$TMP/out1" 2>"$TMP/err1" &
p1=$!
"$DLBENCH" run -c "$TMP/long.toml" -o "$TMP/twin" --quick --no-plot --scenarios call,size --wait \
    >"$TMP/out2" 2>"$TMP/err2" &
p2=$!
wait "$p1"
r1=$?
wait "$p2"
r2=$?
check "two runs at once: both exit 0 ($r1, $r2)" [ $((r1 + r2)) -eq 0 ]
check "two runs at once: two complete run folders" sh -c '
    n=0; for d in "$1"/2*; do [ -f "$d/results.csv" ] && n=$((n + 1)); done; [ $n -eq 2 ]' sh "$TMP/twin"
finish
