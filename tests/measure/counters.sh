# counters.sh - `measure --counter`: instructions under callgrind are exact
# (the same count in two processes, in a sane range for an add through a
# function pointer), load and cycle are counted too; a missing valgrind or
# PMU is skipped with a warning, never an error; the pair scenario writes
# one ratio per round. No timing targets.
. "$(dirname "$0")/lib.sh"

LIB="$FX/libclean.so"

# --- instructions under callgrind
if [ "$MEASURE_SANITIZE" = 1 ]; then
    ok "sanitized build: valgrind cannot run an ASan binary, instruction counts not checked"
elif ! command -v valgrind >/dev/null 2>&1; then
    ok "valgrind not on PATH: instruction counts not checked (the skip is checked below)"
else
    measure --lib "$LIB" --scenario call --counter instructions --workload add --thread both --quick
    check "instructions: exit 0" [ "$RC" -eq 0 ]
    check "instructions: stream ended" ended
    check "instructions: valid CSV" csv_ok "$TMP/out"
    a1=$(value "$TMP/out" add main instructions_per_call)
    p1=$(value "$TMP/out" add pthread instructions_per_call)
    check "instructions: unit instr" grep -q ',add,main,instructions_per_call,instr,0,' "$TMP/out"
    check "instructions: no timing rows" sh -c "! grep -q ,ns_per_call, '$TMP/out'"
    # An add through a pointer: the loop's few instructions and a callee
    # that adds and returns. Measured 13 with gcc 12 -O2; any compiler lands
    # in single or low double digits.
    check "instructions: add $a1 per call in 3..60" num_between "$a1" 3 60
    check "instructions: add $a1 is a whole number" sh -c "echo '$a1' | grep -Eq '^[0-9]+$'"
    check "instructions: pthread add $p1 = main $a1" [ "$p1" = "$a1" ]
    measure --lib "$LIB" --scenario call --counter instructions --workload add --thread main
    a2=$(value "$TMP/out" add main instructions_per_call)
    check "instructions: a second process counts the same ($a1 = $a2)" [ "$a1" = "$a2" ]

    measure --lib "$LIB" --scenario call --counter instructions --workload fib/10 --thread main --quick
    f=$(value "$TMP/out" fib/10 main instructions_per_call)
    check "instructions: fib(10) $f costs more than add $a1 x 50" num_cmp "$f" ">" "$((a1 * 50))"

    measure --lib "$LIB" --scenario load --counter instructions
    d=$(value "$TMP/out" "" main instructions)
    c=$(value "$TMP/out" add main instructions)
    check "instructions: load exit 0" [ "$RC" -eq 0 ]
    check "instructions: dlopen $d instructions > 1000" num_cmp "$d" ">" 1000
    check "instructions: first add $c instructions > 0" num_cmp "$c" ">" 0
    measure --lib "$LIB" --scenario cycle --counter instructions --quick
    y=$(value "$TMP/out" fresh main instructions_per_cycle)
    check "instructions: a fresh cycle $y > the dlopen alone / 2" num_cmp "$y" ">" "$((d / 2))"

    measure --lib "$FX/libsegv.so" --scenario call --counter instructions --workload add --quick
    check "instructions: a crash under callgrind fails the measure (exit 1)" [ "$RC" -eq 1 ]
    check "instructions: ... with one error line" grep -q '^dlbench: error: counting instructions' "$TMP/err"
fi

# --- valgrind missing: skipped with a warning
# PATH without valgrind for dlbench alone (the checks need grep)
PATH=/nonexistent "$DLBENCH" measure --lib "$LIB" --scenario call --counter instructions \
    --workload add --quick >"$TMP/stream" 2>"$TMP/err"
RC=$?
grep -v '^#' "$TMP/stream" >"$TMP/out"
check "no valgrind: exit 0" [ "$RC" -eq 0 ]
check "no valgrind: stream ended" ended
check "no valgrind: warning" grep -q "^dlbench: warning: valgrind not found on PATH: instructions not counted (skipped)$" "$TMP/err"
check "no valgrind: no rows" [ "$(grep -c instructions_per_call "$TMP/out")" -eq 0 ]

# --- hardware counters: rows where there is a PMU, a warning where not
measure --lib "$LIB" --scenario call --counter time,cycles --workload add --thread main --quick
check "pmu: exit 0" [ "$RC" -eq 0 ]
check "pmu: timing rows" [ -n "$(value "$TMP/out" add main ns_per_call)" ]
cy=$(value "$TMP/out" add main cycles_per_call)
if [ -n "$cy" ]; then
    check "pmu: cycles per add $cy > 0" num_cmp "$cy" ">" 0
    check "pmu: one cycles row per timed batch" [ "$(values "$TMP/out" add main cycles_per_call | wc -l)" -eq 3 ]
else
    check "pmu: no PMU: skipped with a warning" \
        grep -q "^dlbench: warning: counter 'cycles' not available: perf_event_open: .*; skipped$" "$TMP/err"
fi
measure --lib "$LIB" --scenario call --counter bogus
check "counter: unknown name is a usage error" [ "$RC" -eq 2 ]
check "counter: ... naming it" grep -q "unknown counter 'bogus'" "$TMP/err"
measure --lib "$LIB" --scenario size --counter instructions
check "counter: instructions do not apply to size (exit 1)" [ "$RC" -eq 1 ]

# --- pair: one ratio per round, both libraries in one process
measure --lib "$LIB" --baseline-lib "$FX/libspin2us.so" --scenario pair --workload add \
    --thread main --repetitions 4 --min-time-ms 1 --warmup-ms 0
check "pair: exit 0" [ "$RC" -eq 0 ]
check "pair: valid CSV" csv_ok "$TMP/out"
check "pair: one ratio per process" [ "$(values "$TMP/out" add main ratio | wc -l)" -eq 1 ]
nv=$(values "$TMP/out" add main ns_per_call | wc -l)
nb=$(values "$TMP/out" add main baseline_ns_per_call | wc -l)
check "pair: both sides of 4 rounds ($nv, $nb)" [ "$nv$nb" = 44 ]
r=$(values "$TMP/out" add main ratio)
# clean's add is a few ns, spin2us's 2 us: far below 1 whatever the load.
check "pair: clean / spin2us ratio $r below 0.1" num_cmp "$r" "<" 0.1
measure --lib "$LIB" --scenario pair --workload add
check "pair: without --baseline-lib a usage error" [ "$RC" -eq 2 ]
finish
