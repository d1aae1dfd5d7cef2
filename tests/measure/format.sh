# format.sh - the CSV contract of every row-writing scenario: the exact
# header, 8 fields per row, integer rep, numeric value; the rows each
# scenario promises; stdout holds rows only.
. "$(dirname "$0")/lib.sh"

measure --lib "$FX/libclean.so" --scenario call --quick
check "call exits 0" [ "$RC" -eq 0 ]
check "call CSV well-formed" csv_ok "$TMP/out"
cp "$TMP/out" "$TMP/call.csv"
for t in main pthread; do
    for w in noop add fib/20 fib/30 hello floor; do
        n=$(values "$TMP/call.csv" "$w" "$t" ns_per_call | wc -l)
        check "call $w/$t has 3 ns_per_call rows (got $n)" [ "$n" -eq 3 ]
        it=$(value "$TMP/call.csv" "$w" "$t" iterations)
        check "call $w/$t iterations >= 1" num_cmp "$it" ">=" 1
    done
done
check "call variant defaults to the file name" \
    [ "$(awk -F, 'NR > 1 { print $1 }' "$TMP/call.csv" | sort -u)" = "libclean.so" ]

measure --lib "$FX/libclean.so" --scenario call --quick --workload add --thread pthread
check "call --workload add --thread pthread: only add/pthread rows" \
    [ "$(awk -F, 'NR > 1 { print $3 "/" $4 }' "$TMP/out" | sort -u)" = "add/pthread" ]
measure --lib "$FX/libclean.so" --scenario size --variant 'my,"var"'
check "a variant with a comma and quotes is quoted (RFC 4180)" \
    grep -q '^"my,""var""",size,,,file_bytes,bytes,0,' "$TMP/out"

measure --lib "$FX/libclean.so" --scenario call --quick --workload fib/7 --thread main
check "call --workload fib/7 gives fib/7 rows" [ -n "$(value "$TMP/out" fib/7 main ns_per_call)" ]

measure --lib "$FX/libclean.so" --scenario load
check "load exits 0" [ "$RC" -eq 0 ]
check "load CSV well-formed" csv_ok "$TMP/out"
for m in dlopen_us rss_delta_kb threads_delta maps_delta; do
    check "load has $m" [ -n "$(value "$TMP/out" "" main $m)" ]
done
check "load has first_call_us" [ -n "$(value "$TMP/out" add main first_call_us)" ]

measure --lib "$FX/libclean.so" --scenario cycle --quick
check "cycle exits 0" [ "$RC" -eq 0 ]
check "cycle CSV well-formed" csv_ok "$TMP/out"
for mode in fresh pinned; do
    for m in unloaded leak_bytes_per_cycle leak_ci_low leak_ci_high leak_mb_per_s \
             rss_growth_kb pss_growth_kb private_dirty_growth_kb threads_growth \
             fds_growth maps_growth children_growth; do
        check "cycle $mode has $m" [ -n "$(value "$TMP/out" $mode main $m)" ]
    done
    n=$(values "$TMP/out" $mode main cycle_us | wc -l)
    check "cycle $mode: 10 cycle_us batches (50 cycles / 5; got $n)" [ "$n" -eq 10 ]
    n=$(values "$TMP/out" $mode main rss_kb | wc -l)
    check "cycle $mode: 11 rss_kb samples (got $n)" [ "$n" -eq 11 ]
    last=$(awk -F, -v m=$mode '$3 == m && $5 == "rss_kb" { r = $7 } END { print r }' "$TMP/out")
    check "cycle $mode: last sample's rep is 50 (got $last)" [ "$last" = 50 ]
done

measure --lib "$FX/libclean.so" --scenario size
check "size exits 0" [ "$RC" -eq 0 ]
check "size CSV well-formed" csv_ok "$TMP/out"
check "size rows have empty workload and thread" \
    [ "$(awk -F, 'NR > 1 { print $3 $4 }' "$TMP/out" | sort -u)" = "" ]

measure --lib "$FX/libclean.so" --scenario once
check "once exits 0" [ "$RC" -eq 0 ]
check "once prints no data line" [ ! -s "$TMP/out" ]
check "once ends with its end record, #end,0" [ "$(tail -n 1 "$TMP/stream")" = "#end,0" ]
check "once names its steps: dlopen, bench_add" \
    [ "$(grep '^#step,' "$TMP/stream" | cut -d, -f2 | tr '\n' ' ')" = "dlopen bench_add " ]
check "once writes nothing to stderr" [ ! -s "$TMP/err" ]

finish
