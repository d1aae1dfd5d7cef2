# releases.sh - a user's Go package (go.mod `go 1.21`, the classic Add and
# Hello) built with two Go releases given by path: one variant per
# release, named by the release (not the path), each verified with the
# release read from the library file. Then a go.mod newer than the
# toolchain builds from a temporary copy and the user's file is unchanged.
# Skips (77) when Debian's golang-1.21-go / golang-1.22-go are not
# installed (scripts/deps.sh test installs them from bookworm-backports).
# Usage: sh releases.sh DLBENCH FIXTURE_DIR TMP_DIR (DLBENCH_SOURCE set).
. "$DLBENCH_SOURCE/tests/measure/lib.sh"

G1=/usr/lib/go-1.21/bin/go
G2=/usr/lib/go-1.22/bin/go
for g in "$G1" "$G2"; do
    if [ ! -x "$g" ]; then
        echo "SKIP: $g is missing: install golang-1.21-go and golang-1.22-go (sh scripts/deps.sh test)"
        exit 77
    fi
done
V1=$("$G1" version | cut -d ' ' -f 3)
V2=$("$G2" version | cut -d ' ' -f 3)

rm -rf "$TMP/pkg" "$TMP/libs"
mkdir -p "$TMP/pkg"
cp "$DLBENCH_SOURCE/tests/fixtures/go-classic/main.go" "$TMP/pkg/"
printf 'module blog\n\ngo 1.21\n' >"$TMP/pkg/go.mod"
cat >"$TMP/bench.toml" <<TOML
[[impl]]
name = "blog"
lang = "go"
dir = "pkg"
[impl.symbols]
add = "Add"
hello = "Hello"
TOML
"$DLBENCH" verify -c "$TMP/bench.toml" --libs-dir "$TMP/libs" --go "$G1,$G2" >"$TMP/out" 2>"$TMP/err"
check "both releases build and verify" [ $? -eq 0 ]
cat "$TMP/out"
check "variant blog@$V1, named by the release, reads $V1 from the file" \
    grep -q "^blog@$V1 .*go $V1 .*pass" "$TMP/out"
check "variant blog@$V2 reads $V2 from the file" grep -q "^blog@$V2 .*go $V2 .*pass" "$TMP/out"

# go.mod newer than the toolchain: a temporary copy, the user's file kept.
printf 'module blog\n\ngo 1.26.8\n\ntoolchain go1.26.8\n' >"$TMP/pkg/go.mod"
cp "$TMP/pkg/go.mod" "$TMP/go.mod.before"
"$DLBENCH" verify -c "$TMP/bench.toml" --libs-dir "$TMP/libs" --go "$G1" >"$TMP/out2" 2>"$TMP/err2"
check "a go.mod newer than $V1 still builds with it" [ $? -eq 0 ]
check "the build log says a temporary copy was built" \
    grep -q "go.mod says 'go 1.26.8', newer than $V1: building a temporary copy" "$TMP/libs/blog@$V1/build.log"
check "the user's go.mod is unchanged" cmp -s "$TMP/pkg/go.mod" "$TMP/go.mod.before"
finish
