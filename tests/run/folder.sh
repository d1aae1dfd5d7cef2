# folder.sh - an honest run folder (docs/run-folder.md "Incomplete runs",
# "One run per reports folder"):
# - a brought library that is not there is a config error (file:line:col,
#   exit 2), before anything is created;
# - a full output disk (a small tmpfs; skipped when mount is not allowed):
#   exit 1, "incomplete run", <run-id>.incomplete, latest not moved, no
#   report links a chart that is missing or cut short;
# - two runs into one reports folder: the second refuses (exit 2, names the
#   first's pid) or, with --wait, waits; two runs into two folders pinned
#   to one CPU: each warns about the other, and the warning is in
#   summary.csv.
. "$DLBENCH_SOURCE/tests/hostile/lib.sh"
rm -rf "$TMP/r" "$TMP/r2" "$TMP/r3"
MNT=$TMP/mnt

cat >"$TMP/clean.toml" <<EOF2
[run]
pin_cpu = 1
timeout_s = 30

[[impl]]
name = "clean"
lib = "$FX/libclean.so"
EOF2

# png_whole FILE: ends with the IEND chunk. svg_whole FILE: ends with </svg>.
png_whole() { [ "$(tail -c 12 "$1" | od -An -tx1 | tr -d ' \n')" = 0000000049454e44ae426082 ]; }
svg_whole() { tail -c 64 "$1" | tr -d ' \n\r\t' | grep -q '</svg>$'; }
# links_whole DIR: every chart report.md links is there and whole.
links_whole() {
    for f in "$1"/*/report.md; do
        [ -f "$f" ] || continue
        d=$(dirname "$f")
        for c in $(grep -o '(charts/[^)]*)' "$f" | tr -d '()'); do
            case $c in
            *.png) png_whole "$d/$c" || { echo "$d/$c: missing or cut short"; return 1; } ;;
            *.svg) svg_whole "$d/$c" || { echo "$d/$c: missing or cut short"; return 1; } ;;
            esac
        done
    done
    return 0
}

# charts_whole DIR: every chart file of every run in DIR is whole.
charts_whole() {
    for f in "$1"/*/charts/*.png; do
        [ -f "$f" ] || continue
        png_whole "$f" || { echo "$f: cut short"; return 1; }
    done
    for f in "$1"/*/charts/*.svg; do
        [ -f "$f" ] || continue
        svg_whole "$f" || { echo "$f: cut short"; return 1; }
    done
    return 0
}

# ---------------------------------------------------------------- missing lib
mkdir -p "$TMP/r"
"$DLBENCH" run -c "$TMP/clean.toml" -o "$TMP/r" --quick --no-plot >"$TMP/out" 2>"$TMP/err"
check "a first run completes (exit $?)" [ -L "$TMP/r/latest" ]
# variants.csv's last column: the library's GNU build ID, as readelf prints it
if command -v readelf >/dev/null 2>&1; then
    want=$(readelf -n "$FX/libclean.so" | sed -n 's/.*Build ID: *//p')
    got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "build_id") c = i }
                   NR == 2 { print $c }' "$TMP/r/latest/variants.csv")
    check "variants.csv build_id '$got' is readelf's '$want'" [ -n "$want" -a "$got" = "$want" ]
fi
first=$(readlink "$TMP/r/latest")
before=$(ls -A "$TMP/r" | tr '\n' ' ')
cat >"$TMP/missing.toml" <<'EOF2'
# a brought library that is not there
[run]
pin_cpu = -1

[[impl]]
name = "gone"
lib = "does/not/exist.so"
EOF2
"$DLBENCH" run -c "$TMP/missing.toml" -o "$TMP/r" --quick >"$TMP/out" 2>"$TMP/err"
RC=$?
cat "$TMP/err"
check "missing lib: exit 2 (got $RC)" [ "$RC" -eq 2 ]
check "missing lib: one error at missing.toml:7:7, naming the library" \
    one_error "$TMP/err" "missing\.toml:7:7: impl 'gone': cannot use library 'does/not/exist\.so' .*No such file or directory$"
check "missing lib: nothing created in the reports folder" [ "$(ls -A "$TMP/r" | tr '\n' ' ')" = "$before" ]
check "missing lib: latest unchanged" [ "$(readlink "$TMP/r/latest")" = "$first" ]
"$DLBENCH" run -c "$TMP/missing.toml" -o "$TMP/r3" --quick >"$TMP/out" 2>"$TMP/err"
check "missing lib: no reports folder created" [ ! -e "$TMP/r3" ]

# ---------------------------------------------------------------- full disk
mkdir -p "$MNT"
umount "$MNT" 2>/dev/null # left mounted by an interrupted earlier run
if ! mount -t tmpfs -o size=2m tmpfs "$MNT" 2>"$TMP/mount.err"; then
    echo "skipped: full disk (cannot mount a tmpfs: $(cat "$TMP/mount.err"); needs root)"
else
    trap 'umount "$MNT" 2>/dev/null' EXIT
    "$DLBENCH" run -c "$TMP/clean.toml" -o "$MNT/r" --quick >"$TMP/out" 2>"$TMP/err"
    RC=$?
    tail -n 1 "$TMP/err"
    check "2 MiB tmpfs: a run completes (exit $RC)" [ "$RC" -eq 0 ]
    first=$(readlink "$MNT/r/latest")
    check "2 MiB tmpfs: its charts are linked and whole" links_whole "$MNT/r"
    # Leave ~200 KB: the CSV files fit, the charts and report do not.
    free_kb=$(df -k --output=avail "$MNT" | tail -n 1 | tr -d ' ')
    dd if=/dev/zero of="$MNT/fill1" bs=1k count=$((free_kb - 200)) 2>/dev/null
    echo "free before the run: $(df -k --output=avail "$MNT" | tail -n 1 | tr -d ' ') KiB"
    "$DLBENCH" run -c "$TMP/clean.toml" -o "$MNT/r" --quick >"$TMP/out" 2>"$TMP/err"
    RC=$?
    tail -n 2 "$TMP/err"
    check "200 KB free: exit 1 (got $RC)" [ "$RC" -eq 1 ]
    check "200 KB free: says 'incomplete run', 'latest' not moved" \
        grep -q "^dlbench: incomplete run in .*\.incomplete: not written: .*(No space left on device); 'latest' not moved" "$TMP/err"
    check "200 KB free: never says 'complete run'" sh -c "! grep -q 'complete run written' '$TMP/err'"
    check "200 KB free: latest not moved" [ "$(readlink "$MNT/r/latest")" = "$first" ]
    inc=$(ls -d "$MNT"/r/*.incomplete 2>/dev/null | head -n 1)
    check "200 KB free: the run is in <run-id>.incomplete" [ -d "$inc" ]
    check "200 KB free: no report in the incomplete run" [ ! -e "$inc/report.md" ]
    check "200 KB free: every report links only whole charts" links_whole "$MNT/r"
    check "200 KB free: every chart file left is whole" charts_whole "$MNT/r"
    check "200 KB free: no temporary file left" sh -c "! find '$MNT/r' -name '*.tmp*' | grep -q ."
    # Nothing left at all.
    dd if=/dev/zero of="$MNT/fill2" bs=4k 2>/dev/null
    "$DLBENCH" run -c "$TMP/clean.toml" -o "$MNT/r" --quick >"$TMP/out" 2>"$TMP/err"
    RC=$?
    tail -n 1 "$TMP/err"
    check "full disk: exit 1 (got $RC)" [ "$RC" -eq 1 ]
    check "full disk: says 'incomplete run' and that the samples were not saved" \
        grep -q "^dlbench: incomplete run in .*: not written: \(logs/[^,]*, \)*results.csv, .*samples measured but not saved$" "$TMP/err"
    check "full disk: never says 'complete run'" sh -c "! grep -q 'complete run written' '$TMP/err'"
    check "full disk: latest not moved" [ "$(readlink "$MNT/r/latest")" = "$first" ]
    check "full disk: no folder looks complete" sh -c "[ \$(ls -d '$MNT'/r/2* | grep -vc '\.incomplete\$') -eq 1 ]"
    umount "$MNT"
    trap - EXIT
fi

# ------------------------------------------------------------ two runs at once
cat >"$TMP/long.toml" <<EOF2
[run]
pin_cpu = 1
repetitions = 30
timeout_s = 30

[[impl]]
name = "clean"
lib = "$FX/libclean.so"
EOF2
rm -rf "$TMP/r" "$TMP/r2"
"$DLBENCH" run -c "$TMP/long.toml" -o "$TMP/r" --quick --repetitions 30 --no-plot \
    >"$TMP/a.out" 2>"$TMP/a.err" &
A=$!
i=0
while [ $i -lt 100 ] && ! ls -A "$TMP/r" 2>/dev/null | grep -q '^\.incomplete-'; do
    sleep 0.1
    i=$((i + 1))
done
check "run A holds the reports folder" sh -c "ls -A '$TMP/r' | grep -q '^\.incomplete-'"
before=$(ls -A "$TMP/r" | tr '\n' ' ')
"$DLBENCH" run -c "$TMP/clean.toml" -o "$TMP/r" --quick --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
cat "$TMP/err"
check "second run into the same folder: exit 2 (got $RC)" [ "$RC" -eq 2 ]
check "second run: one clear error naming run A's pid" \
    one_error "$TMP/err" "^dlbench: error: '$TMP/r' is in use by another dlbench run \(pid $A\); 'dlbench run --wait' waits for it$"
check "second run: created nothing" [ "$(ls -A "$TMP/r" | tr '\n' ' ')" = "$before" ]

# Another folder, the same CPU: a warning naming A, recorded in summary.csv.
sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$TMP/c.pid" \
    "$DLBENCH" run -c "$TMP/clean.toml" -o "$TMP/r2" --quick --no-plot >"$TMP/out" 2>"$TMP/c.err"
RC=$?
C=$(cat "$TMP/c.pid")
grep 'another dlbench run' "$TMP/c.err"
check "other folder, same CPU: completes (exit $RC)" [ "$RC" -eq 0 ]
# The kernel names one holder of the CPU's lock: run A, or any other dlbench
# run pinned to CPU 1 on this machine at the time (a developer's).
check "other folder, same CPU: warns that another run measures on CPU 1" \
    grep -q "^dlbench: warning: another dlbench run (pid [0-9]*) is measuring on CPU 1: timings of both are inflated$" "$TMP/c.err"
check "other folder, same CPU: the warning is in summary.csv" \
    grep -q "another dlbench run (pid [0-9]*) is measuring on CPU 1" "$TMP/r2/latest/summary.csv"

# --wait: waits for A, then runs.
"$DLBENCH" run -c "$TMP/clean.toml" -o "$TMP/r" --quick --no-plot --wait >"$TMP/out" 2>"$TMP/w.err"
RC=$?
a_alive=0
kill -0 "$A" 2>/dev/null && a_alive=1
check "--wait: says whom it waits for" grep -q "^dlbench: waiting for the dlbench run (pid $A) that writes to '$TMP/r'$" "$TMP/w.err"
check "--wait: completes after run A (exit $RC, A alive: $a_alive)" [ "$RC" -eq 0 ] && [ "$a_alive" -eq 0 ]
wait "$A"
RC=$?
tail -n 1 "$TMP/a.err"
check "run A: completes (exit $RC)" [ "$RC" -eq 0 ]
check "run A: warned about the run on its CPU (pid $C or another)" \
    grep -q "^dlbench: warning: another dlbench run (pid [0-9]*) is measuring on CPU 1" "$TMP/a.err"
check "two complete runs in the folder, latest the waiting one's" \
    sh -c "[ \$(ls -d '$TMP'/r/2* | wc -l) -eq 2 ] && [ \"\$(readlink '$TMP/r/latest')\" = \"\$(ls '$TMP/r' | grep '^2' | sort | tail -n 1)\" ]"
finish
