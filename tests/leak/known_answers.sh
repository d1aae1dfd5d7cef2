# known_answers.sh - `dlbench run --leak-check` on fixture libraries with
# known leaks: leak256k (256 KiB malloc'd in its constructor, every load),
# leakcall (4 KiB malloc'd in every bench_add), clean (nothing), goheap
# (256 KiB kept on the Go heap by every bench_add) and goimpl (impls/go);
# and valgrind's still-reachable series (memory/valgrind_reachable):
# reachlist (nodelete, 1 KiB + link appended to a global list by every
# bench_add), setenvload (a new environment variable per load), cacheonce
# (nodelete, 8 x 1 KiB cached by the first 8 calls, then nothing) and
# nodelete (nodelete, allocates nothing).
# Usage: sh known_answers.sh DLBENCH FIXTURE_DIR TMP_DIR (DLBENCH_SOURCE set).
. "$DLBENCH_SOURCE/tests/measure/lib.sh"

# valgrind is a dependency (make deps): without it this test fails, loudly.
if ! command -v valgrind >/dev/null 2>&1; then
    bad "valgrind not found on PATH: install it (make deps); the leak check cannot be tested"
    finish
fi
for f in clean leak256k leakcall leak_goheap leak_goimpl reachlist setenvload cacheonce nodelete; do
    [ -f "$FX/lib$f.so" ] || bad "fixture $FX/lib$f.so not built (Go fixtures need go on PATH)"
done
[ "$FAILED" -eq 0 ] || finish

rm -rf "$TMP/reports"
cat >"$TMP/suite.toml" <<TOML
[run]
leak_check_cycles = 20
timeout_s = 60
scenarios = ["cycle"]
modes = ["fresh"]

[[impl]]
name = "clean"
lib = "$FX/libclean.so"

[[impl]]
name = "leak256k"
lib = "$FX/libleak256k.so"

[[impl]]
name = "leakcall"
lib = "$FX/libleakcall.so"

[[impl]]
name = "goheap"
lang = "go"
lib = "$FX/libleak_goheap.so"

[[impl]]
name = "goimpl"
lang = "go"
lib = "$FX/libleak_goimpl.so"

[[impl]]
name = "reachlist"
lib = "$FX/libreachlist.so"

[[impl]]
name = "setenvload"
lib = "$FX/libsetenvload.so"

[[impl]]
name = "cacheonce"
lib = "$FX/libcacheonce.so"

[[impl]]
name = "nodelete"
lib = "$FX/libnodelete.so"
TOML
# --quick keeps leak_check_cycles at 20; --cycles 300 gives the engine's RSS
# slope and the gctrace run enough points.
"$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --leak-check --cycles 300 \
    --seed 7 --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
R="$TMP/reports/latest"
check "run exits 0" [ "$RC" -eq 0 ]
if [ ! -f "$R/results.csv" ]; then
    tail -n 20 "$TMP/err"
    bad "no run folder written"
    finish
fi
grep '^leak_' "$R/env.txt"
grep ',memory' "$R/findings.csv"

# val VARIANT METRIC: the value of a result (fields counted from the end, so
# commas in toolchain_version cannot shift them).
val() {
    awk -F, -v v="$1" -v m="$2" '$1 == v && $5 == "cycle" && $(NF-4) == m { print $(NF-1); exit }' \
        "$R/results.csv"
}
has() {
    [ -n "$(val "$1" "$2")" ]
}
# row VARIANT TOPIC FIELD: a field of findings.csv before the detail
# (1 variant, 2 topic, 3 verdict, 4 value, 5 unit).
row() {
    awk -F, -v v="$1" -v t="$2" -v f="$3" '$1 == v && $2 == t { print $f; exit }' "$R/findings.csv"
}
verdict_is() {
    [ "$(row "$1" "$2" 3)" = "$3" ]
}

check "failures.csv is empty" [ "$(wc -l <"$R/failures.csv")" -eq 1 ]
for v in clean leak256k leakcall goheap goimpl reachlist setenvload cacheonce nodelete; do
    check "$v: valgrind applicable" [ "$(val $v vg_applicable)" = 1 ]
    check "$v: 21 cycles under valgrind (20 + warm-up)" [ "$(val $v vg_cycles)" = 21 ]
    check "$v: a memory verdict in findings.csv" [ -n "$(row $v memory 3)" ]
    check "$v: no leak_verdict line in env.txt (findings.csv holds it)" \
        sh -c "! grep -q '^leak_verdict ' '$R/env.txt'"
    check "$v: a valgrind note in env.txt" grep -q "^leak_check $v: valgrind " "$R/env.txt"
done

# leak256k: a malloc'd 256 KiB per load, definitely lost on every load.
v=$(val leak256k vg_definitely_lost_bytes_per_cycle)
check "leak256k: valgrind $v B/cycle within 10 % of 262144" num_between "$v" 235930 288358
check "leak256k: 21 blocks definitely lost" [ "$(val leak256k vg_definitely_lost_blocks)" = 21 ]
v=$(val leak256k leak_bytes_per_cycle)
check "leak256k: RSS slope $v B/cycle within 10 % of 262144" num_between "$v" 235930 292864
check "leak256k: memory/valgrind leak" verdict_is leak256k memory/valgrind leak
check "leak256k: memory leak, 262144 B/cycle from valgrind" \
    sh -c "[ '$(row leak256k memory 3)' = leak ] && [ '$(row leak256k memory 4)' = 262144 ]"

# leakcall: one 4 KiB block per add call, one call per cycle.
v=$(val leakcall vg_definitely_lost_bytes_per_cycle)
check "leakcall: valgrind $v B/cycle within 10 % of 4096" num_between "$v" 3686 4506
check "leakcall: memory leak, 4096 B/cycle from valgrind" \
    sh -c "[ '$(row leakcall memory 3)' = leak ] && [ '$(row leakcall memory 4)' = 4096 ]"

# clean: nothing lost, no leak.
check "clean: 0 B definitely lost" [ "$(val clean vg_definitely_lost_bytes)" = 0 ]
check "clean: 0 B indirectly lost" [ "$(val clean vg_indirect_lost_bytes)" = 0 ]
check "clean: memory/valgrind no-leak" verdict_is clean memory/valgrind no-leak
check "clean: memory no-leak" verdict_is clean memory no-leak

# goheap: valgrind cannot see the Go heap, gctrace does.
check "goheap: 0 B definitely lost (the Go heap is not malloc'd)" \
    [ "$(val goheap vg_definitely_lost_bytes)" = 0 ]
v=$(val goheap go_gc_count)
check "goheap: $v collections (>= 3)" num_cmp "$v" ">=" 3
v=$(val goheap go_heap_bytes_per_cycle)
check "goheap: Go heap slope $v B/cycle within 25 % of 262144" num_between "$v" 196608 327680
check "goheap: memory/go_heap leak" verdict_is goheap memory/go_heap leak
check "goheap: memory leak" verdict_is goheap memory leak
check "goheap: a gctrace note" grep -q '^leak_check_go goheap: go heap: ' "$R/env.txt"

# goimpl: the real Go implementation allocates nothing per call.
check "goimpl: 0 B definitely lost" [ "$(val goimpl vg_definitely_lost_bytes)" = 0 ]
check "goimpl: go_gc_count reported" has goimpl go_gc_count
check "goimpl: memory/valgrind no-leak" verdict_is goimpl memory/valgrind no-leak
check "goimpl: valgrind note says it sees the C heap only" \
    grep -q '^leak_check goimpl: .*C heap only' "$R/env.txt"

# The leak counts at the checkpoints (cycle.c --leak-counts): after the
# warm-up, then every 2 cycles to 20, so 11 points of each series.
for v in clean leak256k goimpl reachlist; do
    n=$(awk -F, -v v="$v" '$1 == v && $5 == "cycle" && $(NF-4) == "vg_reachable_bytes"' \
        "$R/results.csv" | wc -l)
    check "$v: 11 still-reachable checkpoints ($n)" [ "$n" -eq 11 ]
done
check "leak256k: memory/valgrind decided from the checkpoints" \
    grep -q '^leak256k,memory/valgrind,leak,262144,.*grew .* in 4 of 4 quarters' "$R/findings.csv"
check "leak256k: memory/valgrind_reachable no-leak (its blocks are lost, not kept)" \
    verdict_is leak256k memory/valgrind_reachable no-leak
# reachlist: one block of 1032 B (1 KiB + the list link) per bench_add, kept
# in the globals of a library that never unloads. Valgrind counts requested
# bytes exactly, so the slope is 1032; the tolerance (1024 to 1135, +10 %)
# leaves room for what libc or the harness may keep besides, no more.
check "reachlist: memory/valgrind no-leak (nothing lost: all pointed to)" \
    verdict_is reachlist memory/valgrind no-leak
check "reachlist: memory/valgrind_reachable leak" verdict_is reachlist memory/valgrind_reachable leak
v=$(row reachlist memory/valgrind_reachable 4)
check "reachlist: $v B/cycle still reachable, 1032 expected" num_between "$v" 1024 1135
v=$(val reachlist vg_reachable_bytes_per_cycle)
check "reachlist: vg_reachable_bytes_per_cycle $v, 1032 expected" num_between "$v" 1024 1135
check "reachlist: memory leak" verdict_is reachlist memory leak
# setenvload: per load two "NAME=VALUE" strings of ~24 B, two tree nodes
# and an environ slot that glibc never frees (~75 B measured); 40 to 400
# B/cycle holds whatever glibc's node and string sizes are.
check "setenvload: memory/valgrind no-leak" verdict_is setenvload memory/valgrind no-leak
check "setenvload: memory/valgrind_reachable leak" \
    verdict_is setenvload memory/valgrind_reachable leak
v=$(row setenvload memory/valgrind_reachable 4)
check "setenvload: $v B/cycle still reachable (40 to 400)" num_between "$v" 40 400
# cacheonce: 8 KiB over the first 8 calls, then nothing: growth that stops.
check "cacheonce: memory/valgrind_reachable no-leak" \
    verdict_is cacheonce memory/valgrind_reachable no-leak
check "cacheonce: the detail says growth stopped" \
    grep -q '^cacheonce,memory/valgrind_reachable,no-leak,.*then stopped' "$R/findings.csv"
check "cacheonce: memory no-leak" verdict_is cacheonce memory no-leak
# constant still reachable: a clean nodelete library, the Go runtime.
for v in nodelete goimpl clean; do
    check "$v: memory/valgrind_reachable no-leak" verdict_is $v memory/valgrind_reachable no-leak
done
check "detection limit stated: 1 B over the cycles" \
    grep -q '^nodelete,memory/valgrind_reachable,.*detection limit .*1 B (valgrind counts bytes)' \
    "$R/findings.csv"
# --no-plot wrote no report: `dlbench report` renders it from the folder.
"$DLBENCH" report "$R" >/dev/null 2>&1
check "report: reachlist's leak sentence" \
    grep -q 'reachlist: memory: leak, 1.01 KiB/cycle (from valgrind still reachable' "$R/report.md"

# Go metrics exist for Go variants only: absent, not zero, elsewhere.
for v in clean leak256k leakcall reachlist; do
    check "$v: no Go metrics" sh -c "! grep -q '^$v,.*,cycle,fresh,main,go_' '$R/results.csv'"
done
finish
