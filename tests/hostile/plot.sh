# plot.sh - `dlbench plot DIR` on a run folder with hostile names: a run
# folder is data (it may come from someone else), so a variant name or a
# toolchain version holding `...` or $(...) must not run anything when
# charts are drawn (gnuplot substitutes `...` even inside "..." strings).
. "$DLBENCH_SOURCE/tests/hostile/lib.sh"
rm -rf "$TMP"/*
if ! command -v gnuplot >/dev/null 2>&1; then
    ok "gnuplot not installed: nothing to check"
    finish
fi
cat >"$TMP/suite.toml" <<EOF2
[run]
pin_cpu = -1
[[impl]]
name = "good"
lib = "$FX/libclean.so"
[[impl]]
name = "other"
lib = "$FX/libspin2us.so"
EOF2
"$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --no-plot --scenarios call,size \
    >"$TMP/out" 2>"$TMP/err"
check "a quick run to start from" [ $? -eq 0 ]
D=$TMP/evil
cp -r "$TMP/reports/latest/" "$D"
# The second variant renamed, the first one's toolchain version poisoned.
name="other\`touch $TMP/PWNED1\`\$(touch $TMP/PWNED2)"
# poison FILE TV_COLUMN
poison() {
    awk -v n="$name" -v tv="c \`touch $TMP/PWNED3\` 1.0" -v col="$2" 'BEGIN { FS = OFS = "," }
        NR > 1 && $1 == "other" { $1 = n }
        NR > 1 && $1 == "good" { $col = tv }
        { print }' "$1" >"$1.new" && mv "$1.new" "$1"
}
poison "$D/results.csv" 4
poison "$D/summary.csv" 4
poison "$D/variants.csv" 5
check "the folder carries the hostile name" grep -qF "touch $TMP/PWNED1" "$D/variants.csv"
timeout 60 "$DLBENCH" plot "$D" >"$TMP/out" 2>"$TMP/err"
RC=$?
check "plot finishes (exit $RC, not a crash)" [ "$RC" -le 1 ]
check "charts drawn" [ -f "$D/charts/call_latency.png" ]
check "no command from a name ran (no PWNED file)" sh -c '! ls "$1"/PWNED* >/dev/null 2>&1' sh "$TMP"
finish
