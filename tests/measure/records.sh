# records.sh - the data channel of `dlbench measure` (measure/rows.h): every
# scenario that gets to its end writes "#end,<lines>" last; a library that
# ends the process - even with exit(0) / _exit(0), status 0 - leaves the
# stream without it, its last "#step" naming where; what a library prints
# (stdout, stderr) goes to stderr, never among the rows; a library that
# closes fd 1 or points it at /dev/null is measured normally.
. "$(dirname "$0")/lib.sh"

# keys FILE: the sorted (workload, thread, metric) triples of the rows.
keys() {
    awk -F, 'NR > 1 { print $3 "/" $4 "/" $5 }' "$1" | sort -u
}

# 1. A library that returns: every stream ends with its end record.
for sc in call load cycle size verify once; do
    measure --lib "$FX/libclean.so" --scenario $sc --quick
    check "clean $sc: exit 0 (got $RC)" [ "$RC" -eq 0 ]
    check "clean $sc: the end record is last and counts the lines" ended
done
measure --lib "$FX/libclean.so" --scenario load
check "clean load: steps dlopen, then bench_add" \
    [ "$(grep '^#step,' "$TMP/stream" | cut -d, -f2- | tr '\n' '|')" = "dlopen|bench_add|" ]

# 2. exit(0) inside bench_add: status 0, but no end record; the last step
# names the call.
for sc in call load cycle once verify; do
    measure --lib "$FX/libexit0add.so" --scenario $sc --quick
    check "exit0add $sc: the process exited 0 (got $RC): status proves nothing" [ "$RC" -eq 0 ]
    check "exit0add $sc: no end record" sh -c "! grep -q '^#end,' '$TMP/stream'"
    check "exit0add $sc: last step is bench_add (got '$(last_step)')" [ "$(last_step)" = "bench_add" ]
done
measure --lib "$FX/libexit0add.so" --scenario cycle --quick
check "exit0add cycle: stdout has the header and no row" \
    [ "$(cat "$TMP/out")" = "variant,scenario,workload,thread,metric,unit,rep,value" ]

# _exit(0) inside bench_fib: call and verify stop there; load, cycle and
# once never call fib and finish.
measure --lib "$FX/libexit0fib.so" --scenario call --quick --thread main
check "exit0fib call: no end record" sh -c "! grep -q '^#end,' '$TMP/stream'"
check "exit0fib call: last step is bench_fib(20) (got '$(last_step)')" \
    [ "$(last_step)" = "bench_fib(20)" ]
measure --lib "$FX/libexit0fib.so" --scenario verify
check "exit0fib verify: last step is bench_fib, no end" \
    sh -c "[ '$(last_step)' = bench_fib ] && ! grep -q '^#end,' '$TMP/stream'"
for sc in load cycle once; do
    measure --lib "$FX/libexit0fib.so" --scenario $sc --quick
    check "exit0fib $sc (no fib call): ends with its end record" ended
done

# A crash and an exit in the constructor name their step too.
measure --lib "$FX/libsegv.so" --scenario call --quick
check "segv call: last step bench_add, no end" \
    sh -c "[ '$(last_step)' = bench_add ] && ! grep -q '^#end,' '$TMP/stream'"
measure --lib "$FX/libexit3.so" --scenario load
check "exit3 load: status 3, last step dlopen" sh -c "[ $RC -eq 3 ] && [ '$(last_step)' = dlopen ]"

# 3. The library's output never reaches the rows.
for sc in call load cycle; do
    measure --lib "$FX/libclean.so" --scenario $sc --quick
    keys "$TMP/out" >"$TMP/clean.keys"
    for lib in banner closeout nullout; do
        measure --lib "$FX/lib$lib.so" --scenario $sc --quick
        check "$lib $sc: exit 0 (got $RC)" [ "$RC" -eq 0 ]
        check "$lib $sc: well-formed CSV" csv_ok "$TMP/stream"
        check "$lib $sc: ends with its end record" ended
        keys "$TMP/out" >"$TMP/$lib.keys"
        check "$lib $sc: the same rows as a silent library" cmp -s "$TMP/clean.keys" "$TMP/$lib.keys"
    done
    measure --lib "$FX/libbanner.so" --scenario $sc --quick
    check "banner $sc: no banner on stdout" sh -c "! grep -q 'libbanner:' '$TMP/stream'"
    check "banner $sc: the stdio banner is on stderr" grep -q '^libbanner: loaded (stdio stdout)$' "$TMP/err"
    check "banner $sc: the raw write(1) is on stderr" grep -q '^libbanner: raw stdout$' "$TMP/err"
    check "banner $sc: the stderr banner is on stderr" grep -q '^libbanner: loaded (stderr)$' "$TMP/err"
done
measure --lib "$FX/libbanner.so" --scenario verify
check "banner verify: 14 lines, the banner not among them" \
    sh -c "[ \$(wc -l <'$TMP/out') -eq 14 ] && ! grep -q 'libbanner:' '$TMP/out'"

finish
