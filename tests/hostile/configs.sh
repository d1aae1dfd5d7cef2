# configs.sh - hostile bench.toml files: 10 MB, 100000 nested '[' (and
# inline tables), 10,000 [[impl]] tables, random bytes, NUL bytes, an
# empty file, a directory, /dev/zero, a missing file. Each is exit 2 with
# one line "dlbench: error: ..." (file:line:col for parse errors), within
# 20 s, for verify and for run (which then creates no reports folder).
. "$DLBENCH_SOURCE/tests/hostile/lib.sh"
rm -rf "$TMP"/*
mkdir -p "$TMP/cfg"
C=$TMP/cfg

# 10 MB: a comment line of 10 MiB (valid TOML if it were read).
awk 'BEGIN { printf "#"; s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
             for (i = 0; i < 163840; i++) printf "%s", s; printf "\n" }' >"$C/big.toml"
head -c 10485760 /dev/urandom >"$C/bigrandom.toml"
awk 'BEGIN { printf "[[impl]]\nname = \"x\"\nlib = \"x.so\"\nv = "
             for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"
             printf "\n" }' >"$C/nested.toml"
awk 'BEGIN { printf "a = "; for (i = 0; i < 100000; i++) printf "["; printf "\n" }' >"$C/open.toml"
awk 'BEGIN { printf "a = "; for (i = 0; i < 100000; i++) printf "{b = "; printf "1"
             for (i = 0; i < 100000; i++) printf "}"; printf "\n" }' >"$C/inline.toml"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "[[impl]]\nname = \"i%d\"\nlib = \"l%d.so\"\n\n", i, i }' \
    >"$C/many.toml"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "[t%d]\n", i }' >"$C/tables.toml"
head -c 65536 /dev/urandom >"$C/random.toml"
# Random bytes after a valid start: the error is past line 1.
{ printf '[run]\nrepetitions = 3\n'; head -c 4096 /dev/urandom; } >"$C/tail.toml"
printf '[run]\nrepetitions = 3\000\n[[impl]]\nname = "x"\nlib = "x.so"\n' >"$C/nul.toml"
printf '[[impl]]\nname = "a\000b"\nlib = "x.so"\n' >"$C/nulstr.toml"
printf '\377\376[\000r\000u\000n\000]\000\n\000' >"$C/utf16.toml"
: >"$C/empty.toml"
mkdir -p "$C/dir.toml"

# expect NAME FILE PATTERN: verify and run both exit 2 with one error line
# matching PATTERN, in under 20 s, and run creates no reports.
expect() {
    for cmd in verify run; do
        rm -rf "$TMP/reports"
        t0=$(date +%s)
        if [ $cmd = run ]; then
            timeout 20 "$DLBENCH" run -c "$2" --libs-dir "$TMP/libs" -o "$TMP/reports" \
                >"$TMP/out" 2>"$TMP/err"
        else
            timeout 20 "$DLBENCH" verify -c "$2" --libs-dir "$TMP/libs" >"$TMP/out" 2>"$TMP/err"
        fi
        RC=$?
        t1=$(date +%s)
        check "$1 ($cmd): exit 2 (not a crash or a timeout) in $((t1 - t0)) s" [ "$RC" -eq 2 ]
        check "$1 ($cmd): one line 'dlbench: error: ...'" one_error "$TMP/err" "$3"
        [ "$RC" -eq 2 ] && one_error "$TMP/err" "$3" || head -c 600 "$TMP/err"
        check "$1 ($cmd): nothing written" sh -c "[ ! -e \"\$1/reports\" ] && [ ! -e \"\$1/libs\" ]" sh "$TMP"
    done
}
POS='[0-9]+:[0-9]+: '
expect "10 MB file" "$C/big.toml" "'.*big\\.toml' is larger than 1048576 bytes"
expect "10 MB of random bytes" "$C/bigrandom.toml" "is larger than 1048576 bytes"
expect "100000 nested arrays" "$C/nested.toml" "nested\\.toml:4:[0-9]+: nesting deeper than 64 levels"
expect "100000 unclosed '['" "$C/open.toml" "open\\.toml:1:[0-9]+: nesting deeper than 64 levels"
expect "100000 nested inline tables" "$C/inline.toml" "inline\\.toml:1:[0-9]+: nesting deeper than 64 levels"
expect "10000 [[impl]] tables" "$C/many.toml" "many\\.toml:1025:1: more than 256 \\[\\[impl\\]\\] tables"
expect "100000 tables" "$C/tables.toml" "tables\\.toml:1:2: unknown key 't0'"
expect "random bytes" "$C/random.toml" "random\\.toml:$POS"
expect "random bytes after line 2" "$C/tail.toml" "tail\\.toml:[2-9][0-9]*:[0-9]+: "
expect "a NUL byte" "$C/nul.toml" "nul\\.toml:2:16: .*NUL"
expect "a NUL byte in a string" "$C/nulstr.toml" "nulstr\\.toml:2:10: .*NUL"
expect "UTF-16" "$C/utf16.toml" "utf16\\.toml:1:1: "
expect "an empty file" "$C/empty.toml" "empty\\.toml:1:1: no \\[\\[impl\\]\\] table"
expect "a directory" "$C/dir.toml" "cannot read config '.*dir\\.toml': Is a directory"
expect "/dev/zero" /dev/zero "'/dev/zero' is larger than 1048576 bytes"
expect "a missing file" "$C/missing.toml" "cannot read config '.*missing\\.toml': No such file"
finish
