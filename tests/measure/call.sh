# call.sh - known answers of the call scenario: a library whose add spins
# 2000 ns must measure 2000 ns per call (median within 5 %); fib/30 costs
# more than fib/20; the floor is below any library call; a missing symbol
# skips its workload without failing.
. "$(dirname "$0")/lib.sh"

# Many short repetitions: on a shared machine a repetition that another
# process preempts is slow, and the median needs most of them undisturbed.
# 0.1 ms repetitions mostly fit in one scheduler slice: with two CPU-bound
# processes on the two cores, 10 ms repetitions gave medians of 5000 ns,
# these 2005-2023 ns.
measure --lib "$FX/libspin2us.so" --scenario call --workload add --thread main \
    --repetitions 51 --min-time-ms 0.1 --warmup-ms 1
check "spin2us: exit 0" [ "$RC" -eq 0 ]
med=$(values "$TMP/out" add main ns_per_call | median)
if [ "$MEASURE_SANITIZE" = 1 ]; then
    ok "spin2us: median $med ns (not checked under sanitizers)"
else
    check "spin2us: add median $med ns within 5 % of 2000" num_between "$med" 1900 2100
fi
it=$(value "$TMP/out" add main iterations)
check "spin2us: calibrated to at least 0.1 ms / 2 us (got $it iterations)" num_between "$it" 50 500

measure --lib "$FX/libspin2us.so" --scenario call --workload add --thread pthread \
    --repetitions 51 --min-time-ms 0.1 --warmup-ms 1
med=$(values "$TMP/out" add pthread ns_per_call | median)
if [ "$MEASURE_SANITIZE" != 1 ]; then
    check "spin2us pthread: add median $med ns within 5 % of 2000" num_between "$med" 1900 2100
fi

measure --lib "$FX/libclean.so" --scenario call --quick --thread main --fib 10,20
f10=$(values "$TMP/out" fib/10 main ns_per_call | median)
f20=$(values "$TMP/out" fib/20 main ns_per_call | median)
check "clean: fib/20 ($f20 ns) costs over 20x fib/10 ($f10 ns)" \
    awk -v a="$f20" -v b="$f10" 'BEGIN { exit !(a > 20 * b) }'
fl=$(values "$TMP/out" floor main ns_per_call | median)
hl=$(values "$TMP/out" hello main ns_per_call | median)
check "clean: floor ($fl ns) below hello ($hl ns)" num_cmp "$fl" "<" "$hl"
check "clean: floor is a few ns ($fl)" num_between "$fl" 0.05 50

measure --lib "$FX/libnofib.so" --scenario call --quick --thread both
check "nofib: exit 0" [ "$RC" -eq 0 ]
check "nofib: no fib rows" sh -c "! grep -q ',fib/' '$TMP/out'"
check "nofib: skip note on stderr" grep -q "skipping 'fib': symbol 'bench_fib' not found" "$TMP/err"
check "nofib: the note is printed once" [ "$(grep -c skipping "$TMP/err")" -eq 1 ]
check "nofib: add still measured" [ -n "$(value "$TMP/out" add pthread ns_per_call)" ]

# (free=free finds libc's free in the library's scope, which cannot free
# the sanitizer's allocations: not checked under sanitizers.)
[ "$MEASURE_SANITIZE" = 1 ] || measure --lib "$FX/libbyo.so" --scenario call --quick --thread main \
    --symbols add=Add,fib=Fib,noop=Noop,hello=Hello,free=free
[ "$MEASURE_SANITIZE" = 1 ] || check "byo with --symbols: every workload measured" \
    [ "$(awk -F, '$5 == "iterations" { n++ } END { print n }' "$TMP/out")" -eq 6 ]

measure --lib "$FX/libclean.so" --scenario call --quick --thread main --pin-cpu 0
check "--pin-cpu 0: exit 0" [ "$RC" -eq 0 ]

finish
