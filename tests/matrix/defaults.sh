# defaults.sh - every variant of the default bench.toml builds and verifies.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
"$DLBENCH" verify -c "$DLBENCH_SOURCE/bench.toml" --libs-dir "$TMP/libs" >"$TMP/out" 2>"$TMP/err"
RC=$?
cat "$TMP/out"
[ "$RC" -eq 0 ] || cat "$TMP/err"
check "default suite verifies: exit 0" [ "$RC" -eq 0 ]
for v in c@gcc c@clang go@local rust@local; do
    check "$v passes" sh -c "grep '^$v ' '$TMP/out' | grep -q ' pass\$'"
done
check "go reports its runtime version" sh -c "grep '^go@local ' '$TMP/out' | grep -q 'go go1\.'"
check "rust reports rustc's version" sh -c "grep '^rust@local ' '$TMP/out' | grep -q 'rust rustc 1\.'"
check "clang variant is built by clang" sh -c "grep '^c@clang ' '$TMP/out' | grep -q 'c clang '"
finish
