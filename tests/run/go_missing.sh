# go_missing.sh - a Go release that does not exist fails that variant with
# a clear cause; the rest of the run goes on.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE
sed -e "s|^dir = \"impls/|dir = \"$SRC/impls/|" -e "s|\.\./\.\./scripts/|$SRC/scripts/|" \
    "$SRC/bench.toml" >"$TMP/suite.toml"
"$DLBENCH" run -c "$TMP/suite.toml" --libs-dir "$TMP/libs" -o "$TMP/reports" --quick \
    --only go,c --go "go1.99.99 local" --scenarios call,size --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
R="$TMP/reports/latest"
check "exit 1" [ "$RC" -eq 1 ]
check "go@go1.99.99 failed at build with the reason" \
    grep -q "^go@go1.99.99,build,.*Go toolchain 'go1.99.99' is not available" "$R/failures.csv"
check "go@local measured" grep -q '^go@local,.*,call,add,main,ns_per_call,' "$R/summary.csv"
check "c@gcc measured" grep -q '^c@gcc,.*,call,add,main,ns_per_call,' "$R/summary.csv"
check "no rust (--only)" sh -c "! grep -q '^rust' '$R/variants.csv'"
finish
