# verdicts.sh - known answers of findings.csv (results/verdicts.c) on
# fixture libraries, through `dlbench run` on small configs:
#   fdload      one fd opened per load        fds: leak ~1/cycle fresh; pinned/fds: no-leak
#   threadload  one thread left per load      threads: leak ~1/cycle
#   zombieload  one zombie per load (fork,    children: leak ~1/cycle; pinned/children, fds:
#               no waitpid)                   no-leak
#   popenload   popen without pclose per load children and fds: leak ~1/cycle
#   childonce   nodelete, one helper process  children: no-leak (growth that stops)
#               forked at its first load
#   mmapload    256 KiB mmap touched per load memory: leak ~262144 B/cycle, valgrind: no-leak
#   keyload     pthread key + 64 KiB value    memory: leak ~64 KiB/cycle (RSS), valgrind
#               per load                      no-leak (the value stays pointed to)
#   nodelete    DF_1_NODELETE                 --scenarios cycle: unload never-unloads,
#                                             citing DF_1_NODELETE from the ELF facts
#   goheap300   Go, 300 B kept per call,      memory: leak from the Go heap (~300 B/cycle),
#               no lang = "go"                over 30,000 cycles
#   clean, goimpl  nothing                    memory: no-leak over 30,000 cycles
#   --scenarios size                          unload: not-measured, and the report says so
#   unloadable  dlopen fails                  size facts still measured
# Usage: sh verdicts.sh DLBENCH FIXTURE_DIR TMP_DIR (DLBENCH_SOURCE set).
. "$DLBENCH_SOURCE/tests/measure/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
    bad "valgrind not found on PATH: install it (make deps)"
    finish
fi
for f in clean fdload threadload mmapload keyload nodelete unloadable leak_goheap300 leak_goimpl \
    zombieload popenload childonce; do
    [ -f "$FX/lib$f.so" ] || bad "fixture $FX/lib$f.so not built (Go fixtures need go on PATH)"
done
[ "$FAILED" -eq 0 ] || finish

# row VARIANT TOPIC FIELD: a field of findings.csv (fields: 1 variant, 2 topic,
# 3 verdict, 4 value); the detail may hold commas, so only fields before it.
row() {
    awk -F, -v v="$1" -v t="$2" -v f="$3" '$1 == v && $2 == t { print $f; exit }' "$R/findings.csv"
}
verdict_is() {
    [ "$(row "$1" "$2" 3)" = "$3" ]
}
impl() {
    printf '[[impl]]\nname = "%s"\nlib = "%s"\n\n' "$1" "$FX/lib$2.so"
}
run_suite() { # NAME ARGS...: runs, sets R
    name=$1
    shift
    rm -rf "$TMP/$name"
    "$DLBENCH" run -c "$TMP/$name.toml" -o "$TMP/$name" --seed 7 "$@" >"$TMP/$name.out" \
        2>"$TMP/$name.err"
    RC=$?
    R="$TMP/$name/latest"
    if [ ! -f "$R/findings.csv" ]; then
        tail -n 20 "$TMP/$name.err"
        bad "$name: no findings.csv"
        finish
    fi
}
mkdir -p "$TMP"

# ---------------------------------------------------------------- 1. per-load leaks
{
    printf '[run]\nleak_check_cycles = 20\ntimeout_s = 60\nscenarios = ["cycle"]\n'
    printf 'modes = ["fresh", "pinned"]\n\n'
    impl clean clean
    impl fdload fdload
    impl threadload threadload
    impl mmapload mmapload
    impl keyload keyload
    impl nodelete nodelete
    impl zombieload zombieload
    impl popenload popenload
    impl childonce childonce
} >"$TMP/perload.toml"
run_suite perload --quick --leak-check --cycles 200
check "per-load run exits 0" [ "$RC" -eq 0 ]
check "findings.csv header" [ "$(head -n 1 "$R/findings.csv")" = \
    "variant,topic,verdict,value,unit,detail,limit,other" ]

check "fdload fds: leak" verdict_is fdload fds leak
v=$(row fdload fds 4)
check "fdload fds: $v per cycle, about 1" num_between "$v" 0.9 1.1
check "fdload pinned/fds: no-leak (one load in all)" verdict_is fdload pinned/fds no-leak
check "threadload threads: leak" verdict_is threadload threads leak
v=$(row threadload threads 4)
check "threadload threads: $v per cycle, about 1" num_between "$v" 0.9 1.1
check "mmapload memory: leak" verdict_is mmapload memory leak
v=$(row mmapload memory 4)
check "mmapload memory: $v B/cycle within 10 % of 262144" num_between "$v" 235930 288358
check "mmapload memory/valgrind: no-leak (valgrind sees no mmap)" \
    verdict_is mmapload memory/valgrind no-leak
check "keyload memory: leak" verdict_is keyload memory leak
v=$(row keyload memory 4)
check "keyload memory: $v B/cycle within 15 % of 65536" num_between "$v" 55705 75366
check "keyload memory/valgrind: no-leak (the value stays pointed to)" \
    verdict_is keyload memory/valgrind no-leak
for v in clean nodelete; do
    for t in memory fds threads mappings children; do
        check "$v $t: no-leak" verdict_is $v $t no-leak
    done
done
# child processes: a zombie per load, popen without pclose, a helper once
check "zombieload children: leak" verdict_is zombieload children leak
v=$(row zombieload children 4)
check "zombieload children: $v per cycle, about 1" num_between "$v" 0.9 1.1
check "zombieload pinned/children: no-leak (one load in all)" \
    verdict_is zombieload pinned/children no-leak
check "zombieload fds: no-leak (a bare fork leaves no fd)" verdict_is zombieload fds no-leak
check "zombieload children limit: one over the cycles" \
    grep -q '^zombieload,children,leak,.*detection limit .*/cycle: one over the cycles' "$R/findings.csv"
for t in children fds; do
    check "popenload $t: leak" verdict_is popenload $t leak
    v=$(row popenload $t 4)
    check "popenload $t: $v per cycle, about 1" num_between "$v" 0.9 1.1
done
check "popenload pinned/children: no-leak" verdict_is popenload pinned/children no-leak
check "childonce children: no-leak (one helper, at the first load)" \
    verdict_is childonce children no-leak
check "childonce pinned/children: no-leak" verdict_is childonce pinned/children no-leak
check "report: zombieload children leak" \
    grep -q 'zombieload: .*children: leak, 1/cycle (child processes (zombies included) grew' \
    "$R/report.md"
check "terminal: zombieload leak column 1 child" grep -Eq '^zombieload .* 1 child +(yes|no) ' \
    "$TMP/perload.out"
check "terminal: popenload leak column names the fd and the child" \
    grep -Eq '^popenload .*[ +]1 fd\+1 child +(yes|no) ' "$TMP/perload.out"
check "report: zombieload headline cell 'leak 1 child/cycle'" \
    grep -q '^| zombieload .*| leak 1 child/cycle |' "$R/report.md"
# the plural is "children": findings.csv is rendered as written
rm -rf "$TMP/plural"
cp -r "$R/" "$TMP/plural"
awk -F, 'BEGIN { OFS = "," } $1 == "zombieload" && $2 == "children" { $4 = 2 } { print }' \
    "$R/findings.csv" >"$TMP/plural/findings.csv"
"$DLBENCH" report "$TMP/plural" --format md -o "$TMP/plural.md" 2>"$TMP/plural.err"
check "report: 2 per cycle is 'leak 2 children/cycle'" \
    grep -q '^| zombieload .*| leak 2 children/cycle |' "$TMP/plural.md"
check "clean unload: unloads" verdict_is clean unload unloads
check "nodelete unload: never-unloads" verdict_is nodelete unload never-unloads
check "nodelete unload cites DF_1_NODELETE" grep -q '^nodelete,unload,never-unloads,.*DF_1_NODELETE' \
    "$R/findings.csv"
# The report says what the rows say.
check "report: fdload fds leak" grep -q 'fdload: .*fds: leak, 1/cycle' "$R/report.md"
check "report: mmapload memory leak" grep -q 'mmapload: memory: leak, 256 KiB/cycle' "$R/report.md"
check "report: nodelete never unloads (DF_1_NODELETE)" \
    grep -q 'nodelete never unloads: DF_1_NODELETE' "$R/report.md"
check "report: no 'Every ... unloads' while nodelete does not" \
    sh -c "! grep -q 'Every variant unloads' '$R/report.md'"
check "terminal: mmapload leak column 256 KiB" grep -q '^mmapload .* 256 KiB ' "$TMP/perload.out"
# the leak column names every resource that leaks, not the memory verdict
# alone: an fd per load is not "no"
check "terminal: fdload leak column 1 fd" grep -Eq '^fdload .* 1 fd +(yes|no) ' "$TMP/perload.out"
check "terminal: threadload leak column 1 thread" grep -Eq '^threadload .*[ +]1 thread[ +]' "$TMP/perload.out"
check "report: fdload headline cell 'leak 1 fd/cycle'" grep -q '^| fdload .*| leak 1 fd/cycle |' "$R/report.md"
check "cycle phases: cycle_dlopen_us, cycle_call_us, cycle_dlclose_us" \
    sh -c "grep -q ',cycle_dlopen_us,' '$R/summary.csv' && grep -q ',cycle_call_us,' '$R/summary.csv' && grep -q ',cycle_dlclose_us,' '$R/summary.csv'"

# ---------------------------------------------------------------- 2. 30,000 cycles
{
    printf '[run]\nleak_check_cycles = 20\ntimeout_s = 120\nscenarios = ["cycle"]\n'
    printf 'modes = ["fresh"]\nsample_every = 500\nrepetitions = 3\n\n'
    impl clean clean
    impl goheap300 leak_goheap300 # no lang = "go": found from .go.buildinfo
    impl goimpl leak_goimpl
} >"$TMP/long.toml"
run_suite long --leak-check --cycles 30000 --no-plot
check "long run exits 0" [ "$RC" -eq 0 ]
check "goheap300 memory: leak" verdict_is goheap300 memory leak
check "goheap300 memory/go_heap: leak (checked without lang = \"go\")" \
    verdict_is goheap300 memory/go_heap leak
v=$(row goheap300 memory/go_heap 4)
check "goheap300 Go heap: $v B/cycle, about 300 (+ the slice that holds them)" \
    num_between "$v" 250 480
check "goheap300 memory/valgrind: no-leak" verdict_is goheap300 memory/valgrind no-leak
for v in clean goimpl; do
    check "$v memory: no-leak over 30000 cycles" verdict_is $v memory no-leak
done
check "clean unload: unloads" verdict_is clean unload unloads
check "goimpl unload: never-unloads" verdict_is goimpl unload never-unloads
check "go_buildinfo read from the file" grep -q '^goheap300,.*,size,,,go_buildinfo,bool,0,1,' \
    "$R/results.csv"

# ---------------------------------------------------------------- 3. --scenarios size
{
    printf '[run]\ntimeout_s = 60\n\n'
    impl clean clean
    impl unloadable unloadable
} >"$TMP/size.toml"
run_suite size --quick --scenarios size
check "size run: unloadable fails verify, exit 1" [ "$RC" -eq 1 ]
check "clean unload: not-measured with --scenarios size" verdict_is clean unload not-measured
check "report says unloading is not measured" \
    grep -q 'Unloading of clean: not measured' "$R/report.md"
check "report claims no unloading" sh -c "! grep -q 'unloads on dlclose' '$R/report.md'"
check "unloadable: file facts measured anyway" \
    grep -q '^unloadable,.*,size,,,file_bytes,' "$R/results.csv"
check "unloadable: unload not-measured" verdict_is unloadable unload not-measured
finish
