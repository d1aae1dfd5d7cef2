# not_applicable.sh - when valgrind cannot run a library, --leak-check says
# "valgrind not applicable: <reason seen>" (vg_applicable 0, no lost-bytes
# numbers, no failure: it is not the library's fault); when valgrind is
# missing, the check that was asked for did not run: a failure row.
# A stand-in `valgrind` on PATH plays the crash: it writes what memcheck
# writes when the program dies of SIGILL and then dies of SIGILL itself.
# Usage: sh not_applicable.sh DLBENCH FIXTURE_DIR TMP_DIR (DLBENCH_SOURCE set).
. "$DLBENCH_SOURCE/tests/measure/lib.sh"

rm -rf "$TMP/reports" "$TMP/bin" "$TMP/nobin"
mkdir -p "$TMP/bin" "$TMP/nobin"
cat >"$TMP/bin/valgrind" <<'SH'
#!/bin/sh
for a in "$@"; do
    case $a in --log-file=*) log=${a#--log-file=} ;; esac
done
{
    echo "==4242== Memcheck, a memory error detector"
    echo "==4242== Using Valgrind-3.19.0 and LibVEX; rerun with -h for copyright info"
    echo "vex amd64->IR: unhandled instruction bytes: 0x62 0xF1 0x7D 0x48"
    echo "==4242== Process terminating with default action of signal 4 (SIGILL)"
    echo "==4242== HEAP SUMMARY:"
    echo "==4242==     in use at exit: 0 bytes in 0 blocks"
} >"$log"
kill -ILL $$
SH
chmod +x "$TMP/bin/valgrind"
cat >"$TMP/suite.toml" <<TOML
[run]
leak_check_cycles = 20
timeout_s = 60
scenarios = ["cycle"]
modes = ["fresh"]

[[impl]]
name = "clean"
lib = "$FX/libclean.so"
TOML

PATH="$TMP/bin:$PATH" "$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports/a" --quick \
    --leak-check --seed 7 --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
R="$TMP/reports/a/latest"
check "crashing valgrind: run exits 0 (not a failure of the library)" [ "$RC" -eq 0 ]
check "crashing valgrind: failures.csv is empty" [ "$(wc -l <"$R/failures.csv" 2>/dev/null)" = 1 ]
check "crashing valgrind: vg_applicable 0" \
    grep -qE '^clean,.*,cycle,fresh,main,vg_applicable,bool,0,0,[0-9]+$' "$R/results.csv"
check "crashing valgrind: no lost-bytes numbers" \
    sh -c "! grep -q ',vg_definitely_lost' '$R/results.csv'"
grep '^leak_' "$R/env.txt"
check "crashing valgrind: the reason seen in env.txt" \
    grep -q '^leak_check clean: valgrind not applicable: killed by SIGILL: vex amd64->IR: unhandled instruction bytes: 0x62 0xF1 0x7D 0x48; Process terminating with default action of signal 4 (SIGILL)$' "$R/env.txt"
# The memory verdict with valgrind not applicable: memory/valgrind is
# not-measured with the reason, the RSS methods decide (ASan's quarantine
# makes even a clean library's RSS grow, so their answer is only a known
# one without sanitizers).
check "crashing valgrind: memory/valgrind not-measured, the reason carried" \
    grep -q '^clean,memory/valgrind,not-measured,,bytes,.*killed by SIGILL' "$R/findings.csv"
# (60 quick cycles: a page or two of RSS noise may leave it inconclusive,
# never leak, never not-measured.)
if [ "$MEASURE_SANITIZE" != 1 ]; then
    check "crashing valgrind: memory decided by the RSS methods alone (no leak)" \
        grep -qE '^clean,memory,(no-leak|inconclusive),' "$R/findings.csv"
fi

# No valgrind at all: PATH holds nothing (dlbench runs itself by its path).
PATH="$TMP/nobin" "$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports/b" --quick \
    --leak-check --seed 7 --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
R="$TMP/reports/b/latest"
check "no valgrind: run exits 1" [ "$RC" -eq 1 ]
check "no valgrind: a failure row says so" \
    grep -q '^clean,leak-check,valgrind not found on PATH (install it: make deps),' \
    "$R/failures.csv"
check "no valgrind: the warning on stderr" grep -q 'valgrind not found' "$TMP/err"
finish
