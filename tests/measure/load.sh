# load.sh - known answers of the load scenario.
. "$(dirname "$0")/lib.sh"

measure --lib "$FX/libsleep30ms.so" --scenario load
check "sleep30ms: exit 0" [ "$RC" -eq 0 ]
d=$(value "$TMP/out" "" main dlopen_us)
check "sleep30ms: dlopen_us $d >= 30000" num_cmp "$d" ">=" 30000
check "sleep30ms: dlopen_us $d < 1 s" num_cmp "$d" "<" 1000000

measure --lib "$FX/libclean.so" --scenario load
d=$(value "$TMP/out" "" main dlopen_us)
check "clean: dlopen_us $d below 30000" num_cmp "$d" "<" 30000
f=$(value "$TMP/out" add main first_call_us)
check "clean: first_call_us $f below 1000" num_cmp "$f" "<" 1000
check "clean: threads_delta 0" [ "$(value "$TMP/out" "" main threads_delta)" = 0 ]
m=$(value "$TMP/out" "" main maps_delta)
check "clean: maps_delta $m >= 1 (the library is mapped)" num_cmp "$m" ">=" 1

measure --lib "$FX/libleak256k.so" --scenario load
r=$(value "$TMP/out" "" main rss_delta_kb)
check "leak256k: rss_delta_kb $r >= 256" num_cmp "$r" ">=" 256

measure --lib "$FX/libwrongadd.so" --scenario load
check "wrongadd: load reports the wrong first answer, exit 1" [ "$RC" -eq 1 ]
check "wrongadd: rows still written" [ -n "$(value "$TMP/out" add main first_call_us)" ]

finish
