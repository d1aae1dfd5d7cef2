# names.sh - hostile names and paths. A library whose path holds spaces,
# quotes, ;, $(), backticks and .. is measured; toolchains and folders with
# shell syntax never reach a shell unquoted (no PWNED file appears), even
# when the recipe puts its placeholders in quotes of its own; names that
# could leave the output folder, and newlines in paths, are rejected with a
# one-line error at file:line:col (exit 2); nothing is written outside the
# -o and --libs-dir folders.
. "$DLBENCH_SOURCE/tests/hostile/lib.sh"
rm -rf "$TMP"/* "$TMP"/.[!.]* 2>/dev/null
mkdir -p "$TMP/cwd"
cd "$TMP/cwd" || exit 2

# A copy of the C implementation and its build script: recipes run there,
# never in the source tree.
mkdir -p "$TMP/src/impls/c" "$TMP/src/scripts"
cp "$SRC/impls/c/bench.c" "$TMP/src/impls/c/"
cp "$SRC/impls/bench_abi.h" "$TMP/src/impls/"
cp "$SRC/scripts/build-c.sh" "$TMP/src/scripts/"

WEIRD="$TMP/we ird 'q\" \$(touch PWNED) ; touch PWNED \`touch PWNED\` .."
mkdir -p "$WEIRD"
LIB="$WEIRD/lib c'l\"e;a\$(touch PWNED)..so"
cp "$FX/libclean.so" "$LIB"

cat >"$TMP/suite.toml" <<EOF2
[run]
timeout_s = 20
pin_cpu = -1
fib = [10]

[[impl]]
name = "c"
lang = "c"
dir = "src/impls/c"
# The placeholders in quotes of the recipe's own: the values must still be
# single words that the shell does not evaluate.
build = "sh ../../scripts/build-c.sh \"{toolchain}\" '{out}' && echo \"out={out}\""
toolchains = ["gcc", "\u0024(touch PWNED)", "/../../../esc", "\`touch PWNED\`;touch PWNED", ".."]

[[impl]]
name = "weird.lib+1"
lib = "$(toml_str "$LIB")"
EOF2

OUT="$TMP/rep \$(touch PWNED) 'x' \"y\""
LIBS="$TMP/libs ;touch PWNED \`touch PWNED\` '\$(touch PWNED)'"
ls -A "$TMP" | sort >"$TMP/before"

"$DLBENCH" verify -c "$TMP/suite.toml" --libs-dir "$LIBS" --only weird.lib+1 >"$TMP/out" 2>"$TMP/err"
RC=$?
check "verify of the library with a hostile path: exit 0" [ "$RC" -eq 0 ]
check "verify: it passes" grep -q '^weird.lib+1 .* pass' "$TMP/out"

timeout 120 "$DLBENCH" run -c "$TMP/suite.toml" --libs-dir "$LIBS" -o "$OUT" --quick \
    --scenarios call,load,size,process --seed 7 --no-plot >"$TMP/out" 2>"$TMP/err"
RC=$?
tail -n 3 "$TMP/err"
R="$OUT/latest"
check "run: exit 1 (the hostile toolchains fail, nothing else)" [ "$RC" -eq 1 ]
# Checks are functions: a hostile path is never pasted into a shell command
# (by dlbench or by this script).
no_pwned() { ! find "$TMP" "$SRC/impls" "$SRC/scripts" -name PWNED | grep -q . && [ ! -e "$SRC/PWNED" ]; }
measured() {
    grep -q "^$1,.*,call,add,main,ns_per_call," "$R/summary.csv" &&
        grep -q "^$1,.*,load,,main,dlopen_us," "$R/summary.csv" &&
        grep -q "^$1,.*,size,,,file_bytes," "$R/summary.csv"
}
esc_inside() {
    [ -d "$LIBS/c@.._.._.._esc" ] && ! find "$TMP" -name '*esc*' -not -path "$LIBS/*" | grep -q .
}
variant_dirs() {
    [ "$(find "$LIBS" -name build.log | wc -l)" -eq 5 ] &&
        [ "$(find "$LIBS" -mindepth 2 -maxdepth 2 -name build.log | wc -l)" -eq 5 ]
}
only_new() {
    ls -A "$TMP" | sort >"$TMP/after"
    comm -13 "$TMP/before" "$TMP/after" | grep -vx -e out -e err -e after -e before >"$TMP/new"
    printf '%s\n%s\n' "$(basename "$LIBS")" "$(basename "$OUT")" | sort >"$TMP/want"
    cmp -s "$TMP/new" "$TMP/want"
}
cwd_empty() { [ -z "$(ls -A "$TMP/cwd")" ]; }

check "run: no PWNED file (test folder, impls, scripts, source root)" no_pwned
check "run folder complete" run_folder_complete "$R"
check "the hostile-path library is measured (call, load, size)" measured 'weird\.lib+1'
if command -v hyperfine >/dev/null 2>&1; then
    check "process (hyperfine) measures it too" grep -q '^weird.lib+1,.*,process,once,main,wall_ms,' "$R/summary.csv"
else
    ok "process: hyperfine not installed, not checked"
fi
check "variants.csv names its path exactly" grep -qF "lib c'l\"\"e;a\$(touch PWNED)..so" "$R/variants.csv"
check "c@gcc builds with quoted placeholders and is measured" measured 'c@gcc'
check "the recipe saw {out} as one word inside \"...\"" \
    grep -qxF "out=$LIBS/c@gcc/libdlbench_c.so" "$LIBS/c@gcc/build.log"
check "toolchain \$(touch PWNED) reached build-c.sh verbatim" \
    grep -qF "C compiler '\$(touch PWNED)' is not available" "$R/failures.csv"
check "toolchain with backticks reached build-c.sh verbatim" \
    grep -qF "C compiler '\`touch PWNED\`;touch PWNED' is not available" "$R/failures.csv"
check "toolchain /../../../esc stays inside the libs folder" esc_inside
check "toolchain '..' gets a safe label" [ -d "$LIBS/c@..toolchain" ]
check "every variant folder is a direct child of the libs folder" variant_dirs
check "nothing written outside -o, --libs-dir and the test's own files" only_new
check "nothing written into the working folder" cwd_empty

# The same recipe with a libs folder holding $(...) but no quote (a quote
# makes the old single-quote pasting a syntax error that hides the rest).
LIBS2="$TMP/libs2 \$(touch PWNED) \`touch PWNED\`"
"$DLBENCH" build -c "$TMP/suite.toml" --libs-dir "$LIBS2" --only c >"$TMP/out" 2>"$TMP/err"
RC=$?
check "build into a libs folder with \$(...): exit 1 (hostile toolchains)" [ "$RC" -eq 1 ]
check "build: c@gcc built" [ -f "$LIBS2/c@gcc/libdlbench_c.so" ]
check "build: no PWNED" no_pwned
check "build: {out} seen verbatim inside \"...\"" \
    grep -qxF "out=$LIBS2/c@gcc/libdlbench_c.so" "$LIBS2/c@gcc/build.log"

# ---- Names and paths that are rejected: exit 2, one line, file:line:col.
reject() {
    desc=$1
    printf '%s\n' "$2" >"$TMP/h.toml"
    timeout 20 "$DLBENCH" verify -c "$TMP/h.toml" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    check "$desc: exit 2" [ "$RC" -eq 2 ]
    check "$desc: one line, file:line:col" one_error "$TMP/err" "h\\.toml:[0-9]+:[0-9]+: $3"
    [ "$RC" -eq 2 ] && one_error "$TMP/err" || cat "$TMP/err"
}
reject "impl name ../../x" '[[impl]]
name = "../../x"
lib = "a.so"' "invalid impl name '\\.\\./\\.\\./x'"
reject "impl name .." '[[impl]]
name = ".."
lib = "a.so"' "invalid impl name"
reject "impl name with a space and \$()" '[[impl]]
name = "a $(touch PWNED)"
lib = "a.so"' "invalid impl name"
reject "impl name with a newline" '[[impl]]
name = "a\nb"
lib = "a.so"' "invalid impl name 'a\\\\nb'"
reject "impl name with a quote" '[[impl]]
name = "a\"b"
lib = "a.so"' "invalid impl name"
reject "lang ../x" '[[impl]]
name = "x"
lang = "../x"
lib = "a.so"' "invalid lang"
reject "lib path with a newline" '[[impl]]
name = "x"
lib = "a\nb.so"' "'lib' must be a path without control characters"
reject "dir with a newline" '[[impl]]
name = "x"
dir = "a\nb"
build = "true {out}"' "'dir' must be a path without control characters"
reject "output with an escape sequence" '[run]
output = "r\u001b[2J"
[[impl]]
name = "x"
lib = "a.so"' "'output' must be a path without control characters"
reject "toolchain with a newline" '[[impl]]
name = "x"
dir = "."
build = "true {out}"
toolchains = ["gcc\n; touch PWNED"]' "toolchain names must be one line"
reject "symbol with \$()" '[[impl]]
name = "x"
lib = "a.so"
[impl.symbols]
add = "$(touch PWNED)"' "invalid symbol name"
check "no PWNED after the rejections" no_pwned

# ---- Command-line folders.
printf 'x' >"$TMP/a-file"
"$DLBENCH" run -c "$TMP/suite.toml" --only weird.lib+1 -o "$TMP/a-file" --quick --no-plot \
    >"$TMP/out" 2>"$TMP/err"
RC=$?
check "-o naming a file: exit 2" [ "$RC" -eq 2 ]
check "-o naming a file: one-line error" one_error "$TMP/err" "cannot create reports folder"
"$DLBENCH" build -c "$TMP/suite.toml" --only c@gcc --libs-dir "$TMP/a-file" >"$TMP/out" 2>"$TMP/err"
RC=$?
check "--libs-dir naming a file: exit 1" [ "$RC" -eq 1 ]
check "--libs-dir naming a file: the variant fails with the reason" \
    grep -q 'FAILED: cannot create .*a-file/c@gcc.*Not a directory' "$TMP/err"
"$DLBENCH" verify -c "$TMP/suite.toml" --only '../x' >"$TMP/out" 2>"$TMP/err"
RC=$?
check "--only ../x: exit 2" [ "$RC" -eq 2 ]
check "--only ../x: one-line error" one_error "$TMP/err" "no impl or variant named '\.\./x'"
"$DLBENCH" build -c "$TMP/suite.toml" --libs-dir "$LIBS" --only weird.lib+1 \
    --go "\$(touch PWNED),\`touch PWNED\`" >"$TMP/out" 2>"$TMP/err"
check "--go with shell syntax and no Go impl: a warning" grep -q '^dlbench: warning: --go given' "$TMP/err"
check "--go: no PWNED" no_pwned
finish
