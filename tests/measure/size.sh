# size.sh - ELF facts of the fixtures, and robustness on hostile files:
# truncated and corrupted copies must give exit 0 or 1, never a crash.
. "$(dirname "$0")/lib.sh"

measure --lib "$FX/libclean.so" --scenario size
check "clean: exit 0" [ "$RC" -eq 0 ]
cp "$TMP/out" "$TMP/clean.csv"
sz=$(wc -c <"$FX/libclean.so" | tr -d ' ')
check "clean: file_bytes = $sz" [ "$(value "$TMP/clean.csv" "" "" file_bytes)" = "$sz" ]
check "clean: nodelete 0" [ "$(value "$TMP/clean.csv" "" "" nodelete)" = 0 ]
check "clean: exported_symbols 6 (the ABI)" [ "$(value "$TMP/clean.csv" "" "" exported_symbols)" = 6 ]
check "clean: needed_count 1" [ "$(value "$TMP/clean.csv" "" "" needed_count)" = 1 ]
check "clean: 'needed: libc.so.6' on stderr" grep -qx "needed: libc.so.6" "$TMP/err"
check "clean: text_bytes > 0" num_cmp "$(value "$TMP/clean.csv" "" "" text_bytes)" ">" 0
check "clean: data_bytes > 0" num_cmp "$(value "$TMP/clean.csv" "" "" data_bytes)" ">" 0
check "clean: load_bytes >= text_bytes" num_cmp "$(value "$TMP/clean.csv" "" "" load_bytes)" ">=" \
    "$(value "$TMP/clean.csv" "" "" text_bytes)"

measure --lib "$FX/libnodelete.so" --scenario size
check "nodelete: nodelete 1" [ "$(value "$TMP/out" "" "" nodelete)" = 1 ]
measure --lib "$FX/libnofib.so" --scenario size
check "nofib: exported_symbols 5" [ "$(value "$TMP/out" "" "" exported_symbols)" = 5 ]
measure --lib "$FX/libbyo.so" --scenario size
check "byo: exported_symbols 4" [ "$(value "$TMP/out" "" "" exported_symbols)" = 4 ]

# Hostile inputs: every truncation point in the headers, then a spread
# through the file; then single corrupted bytes at many offsets.
crashes=0
runs=0
hostile() {
    "$DLBENCH" measure --lib "$1" --scenario size >/dev/null 2>"$TMP/herr"
    rc=$?
    runs=$((runs + 1))
    if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
        crashes=$((crashes + 1))
        echo "  $2: exit $rc"
    elif [ $rc -eq 1 ] && ! grep -q '^dlbench: error: ' "$TMP/herr"; then
        crashes=$((crashes + 1))
        echo "  $2: exit 1 without an error line"
    fi
}
for n in 0 1 4 16 63 64 65 100 200 300 500 1000 2000 4000 8000 12000 16000 $((sz - 100)) $((sz - 1)); do
    head -c "$n" "$FX/libclean.so" >"$TMP/trunc.so"
    hostile "$TMP/trunc.so" "truncated to $n bytes"
done
off=16
while [ $off -lt "$sz" ]; do
    for byte in '\377' '\000' '\177'; do
        cp "$FX/libclean.so" "$TMP/corrupt.so"
        printf "$byte$byte$byte$byte$byte$byte$byte$byte" |
            dd of="$TMP/corrupt.so" bs=1 seek=$off conv=notrunc 2>/dev/null
        hostile "$TMP/corrupt.so" "8 bytes at $off set to $byte"
    done
    if [ $off -lt 1024 ]; then off=$((off + 8)); else off=$((off * 5 / 4)); fi
done
check "hostile files: $runs runs, no crash and always an error line on failure ($crashes bad)" \
    [ "$crashes" -eq 0 ]

finish
