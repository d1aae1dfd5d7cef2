# cycle.sh - known answers of the cycle scenario: leak slopes, growth and
# whether the library really unloads.
. "$(dirname "$0")/lib.sh"

measure --lib "$FX/libleak256k.so" --scenario cycle --mode fresh --cycles 200 --sample-every 10
check "leak256k: exit 0" [ "$RC" -eq 0 ]
s=$(value "$TMP/out" fresh main leak_bytes_per_cycle)
lo=$(value "$TMP/out" fresh main leak_ci_low)
hi=$(value "$TMP/out" fresh main leak_ci_high)
if [ "$MEASURE_SANITIZE" = 1 ]; then
    ok "leak256k: slope $s (not checked under sanitizers)"
else
    check "leak256k: slope $s within 10 % of 262144" num_between "$s" 235930 288358
    check "leak256k: CI [$lo, $hi] excludes 0" num_cmp "$lo" ">" 0
fi
g=$(value "$TMP/out" fresh main rss_growth_kb)
[ "$MEASURE_SANITIZE" = 1 ] ||
    check "leak256k: rss_growth_kb $g about 200 x 256 KiB" num_between "$g" 46080 56320
check "leak256k: the library itself unloads" [ "$(value "$TMP/out" fresh main unloaded)" = 1 ]
mbs=$(value "$TMP/out" fresh main leak_mb_per_s)
check "leak256k: leak_mb_per_s $mbs > 0" num_cmp "$mbs" ">" 0

measure --lib "$FX/libleakcall.so" --scenario cycle --mode fresh --cycles 200 --sample-every 10
s=$(value "$TMP/out" fresh main leak_bytes_per_cycle)
if [ "$MEASURE_SANITIZE" != 1 ]; then
    check "leakcall: slope $s about 4 KiB per cycle" num_between "$s" 3072 6144
fi

measure --lib "$FX/libclean.so" --scenario cycle --cycles 200 --sample-every 10
check "clean: exit 0" [ "$RC" -eq 0 ]
for mode in fresh pinned; do
    s=$(value "$TMP/out" $mode main leak_bytes_per_cycle)
    lo=$(value "$TMP/out" $mode main leak_ci_low)
    hi=$(value "$TMP/out" $mode main leak_ci_high)
    check "clean $mode: CI [$lo, $hi] includes 0 or |slope $s| <= 4096" \
        awk -v s="$s" -v lo="$lo" -v hi="$hi" \
        'BEGIN { exit !((lo <= 0 && hi >= 0) || (s >= -4096 && s <= 4096)) }'
    check "clean $mode: unloaded 1" [ "$(value "$TMP/out" $mode main unloaded)" = 1 ]
    for m in threads_growth fds_growth children_growth; do
        check "clean $mode: $m 0" [ "$(value "$TMP/out" $mode main $m)" = 0 ]
    done
    # each mode runs in a forked child of the measuring process: its own
    # children are the library's alone, never dlbench's mode child
    n=$(values "$TMP/out" $mode main children | sort -u)
    check "clean $mode: every children sample 0 (got $n)" [ "$n" = 0 ]
done

# A zombie per load (fork, _exit, no waitpid): the count is the process's
# children, zombies included; pinned loads it once.
measure --lib "$FX/libzombieload.so" --scenario cycle --cycles 40 --sample-every 10
check "zombieload: exit 0" [ "$RC" -eq 0 ]
check "zombieload fresh: children_growth 40" \
    [ "$(value "$TMP/out" fresh main children_growth)" = 40 ]
check "zombieload fresh: 1 child after the warm-up cycle" \
    [ "$(values "$TMP/out" fresh main children | head -n 1)" = 1 ]
check "zombieload pinned: children_growth 0" \
    [ "$(value "$TMP/out" pinned main children_growth)" = 0 ]
check "zombieload: fds_growth 0 (a bare fork leaves no fd)" \
    [ "$(value "$TMP/out" fresh main fds_growth)" = 0 ]
measure --lib "$FX/libzombieload.so" --scenario cycle --cycles 40 --sample-every 10 --mode fresh
check "zombieload --mode fresh (no fork of dlbench's): children_growth 40" \
    [ "$(value "$TMP/out" fresh main children_growth)" = 40 ]

measure --lib "$FX/libnodelete.so" --scenario cycle --quick
for mode in fresh pinned; do
    check "nodelete $mode: unloaded 0" [ "$(value "$TMP/out" $mode main unloaded)" = 0 ]
done

measure --lib "$FX/libwrongadd.so" --scenario cycle --quick --mode fresh
check "wrongadd: a wrong answer in a cycle is an error, exit 1" [ "$RC" -eq 1 ]
check "wrongadd: the error names the call" grep -q "bench_add(-1, 1) returned 1, expected 0" "$TMP/err"

finish
