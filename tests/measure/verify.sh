# verify.sh - the verify scenario's known answers and its exact line format.
. "$(dirname "$0")/lib.sh"
TAB=$(printf '\t')

measure --lib "$FX/libclean.so" --scenario verify
check "clean: exit 0" [ "$RC" -eq 0 ]
check "clean: info line first" [ "$(head -n 1 "$TMP/out")" = "info${TAB}c fixture clean" ]
for w in noop add fib hello free info; do
    check "clean: symbol line for $w" grep -q "^symbol${TAB}$w${TAB}bench_[a-z_]*${TAB}1\$" "$TMP/out"
done
for w in noop add fib hello info; do
    check "clean: check $w pass" grep -q "^check${TAB}$w${TAB}pass${TAB}" "$TMP/out"
done
check "clean: 14 lines (1 info, 1 file_toolchain, 1 free, 6 symbol, 5 check)" \
    [ "$(wc -l <"$TMP/out")" -eq 14 ]
check "clean: every line is tab-separated with 2 to 4 fields" \
    awk -F"$TAB" '{ if ($1 == "info" && NF == 2) next; if ($1 == "symbol" && NF == 4) next;
                    if ($1 == "file_toolchain" && NF == 2) next; if ($1 == "free" && NF == 2) next;
                    if ($1 == "check" && NF == 4) next; exit 1 }' "$TMP/out"
check "clean: free is its bench_free" grep -qx "free${TAB}bench_free" "$TMP/out"

measure --lib "$FX/libwrongadd.so" --scenario verify
check "wrongadd: exit 1" [ "$RC" -eq 1 ]
check "wrongadd: add fails naming bench_add, 6 and 5" \
    grep -qx "check${TAB}add${TAB}fail${TAB}bench_add(2, 3) returned 6, expected 5" "$TMP/out"
check "wrongadd: other checks still pass" [ "$(grep -c "${TAB}pass${TAB}" "$TMP/out")" -eq 4 ]

measure --lib "$FX/libnofib.so" --scenario verify
check "nofib: exit 0" [ "$RC" -eq 0 ]
check "nofib: symbol fib 0" grep -qx "symbol${TAB}fib${TAB}bench_fib${TAB}0" "$TMP/out"
check "nofib: check fib skip" grep -qx "check${TAB}fib${TAB}skip${TAB}symbol 'bench_fib' not found" "$TMP/out"

measure --lib "$FX/libbyo.so" --scenario verify
check "byo without --symbols: nothing fails (all skipped)" [ "$RC" -eq 0 ]
check "byo without --symbols: info is -" [ "$(head -n 1 "$TMP/out")" = "info${TAB}-" ]
check "byo without --symbols: add skipped" grep -q "^check${TAB}add${TAB}skip" "$TMP/out"

# free=free finds libc's free in the library's scope, which cannot free a
# sanitizer's allocations: this part runs in normal builds only.
if [ "$MEASURE_SANITIZE" != 1 ]; then
    measure --lib "$FX/libbyo.so" --scenario verify --symbols add=Add,fib=Fib,noop=Noop,hello=Hello,free=free
    check "byo with --symbols: exit 0" [ "$RC" -eq 0 ]
    check "byo: symbol add Add 1" grep -qx "symbol${TAB}add${TAB}Add${TAB}1" "$TMP/out"
    check "byo: symbol free free 1" grep -qx "symbol${TAB}free${TAB}free${TAB}1" "$TMP/out"
    for w in noop add fib hello; do
        check "byo: check $w pass" grep -q "^check${TAB}$w${TAB}pass${TAB}" "$TMP/out"
    done
    check "byo: info skip" grep -qx "check${TAB}info${TAB}skip${TAB}symbol 'bench_impl_info' not found" "$TMP/out"
fi

# hello mapped, free not: libc free releases the string (byo mallocs it).
measure --lib "$FX/libbyo.so" --scenario verify --symbols add=Add,fib=Fib,noop=Noop,hello=Hello
check "hello without free: exit 0" [ "$RC" -eq 0 ]
check "hello without free: freed with libc free" grep -qx "free${TAB}libc free" "$TMP/out"
check "hello without free: pass line names libc free" \
    grep -q "^check${TAB}hello${TAB}pass${TAB}4 known answers, each freed with libc free" "$TMP/out"
check "a user's add is checked without overflow" \
    grep -q "^check${TAB}add${TAB}pass${TAB}6 known answers without overflow" "$TMP/out"
# free mapped to a symbol that is not there: a failure, named.
measure --lib "$FX/libbyo.so" --scenario verify --symbols add=Add,hello=Hello,free=Nofree
check "a missing free symbol: exit 1" [ "$RC" -eq 1 ]
check "a missing free symbol: fail line" \
    grep -qx "check${TAB}hello${TAB}fail${TAB}hello present but free symbol 'Nofree' not found" "$TMP/out"
# workloads left out (mapped to ""): skipped, said so.
measure --lib "$FX/libbyo.so" --scenario verify --symbols add=Add,hello=Hello,noop=,fib=,info=
check "workloads left out: exit 0" [ "$RC" -eq 0 ]
check "workloads left out: skipped as such" \
    grep -qx "check${TAB}fib${TAB}skip${TAB}not in the impl's workloads" "$TMP/out"

# A crash mid-verify: the lines before it are out already.
measure --lib "$FX/libsegv.so" --scenario verify
check "segv: verify dies by SIGSEGV (status $RC)" [ "$RC" -eq 139 ]
check "segv: lines before the crash were flushed" grep -q "^check${TAB}noop${TAB}pass" "$TMP/out"

finish
