# libs.sh - libraries that cannot be loaded: a text file named .so, an ELF
# for another machine (a 64-bit header with e_machine = AArch64, or x86-64
# on an AArch64 host), a truncated ELF, a directory, a 0-byte file. Each
# is a per-variant failure whose cause names the problem, in `verify` and
# in `run --quick` (failures.csv); the good variant is still measured. A
# missing file is a configuration error (file:line:col, exit 2).
. "$DLBENCH_SOURCE/tests/hostile/lib.sh"
rm -rf "$TMP"/*
L=$TMP/libs
mkdir -p "$L/dir.so"
cp "$FX/libclean.so" "$L/good.so"
printf 'this is not a library\n' >"$L/text.so"
: >"$L/empty.so"
# ELF64 little-endian ET_DYN header, e_machine 183 (AArch64) or 62 (x86-64)
# when the host is AArch64, then zeros up to 64 bytes.
case $(uname -m) in
aarch64 | arm64) mach='\076\000'; mname=x86-64 ;;
*) mach='\267\000'; mname=aarch64 ;;
esac
{ printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000'
  printf "$mach"; printf '\001\000\000\000'; head -c 44 /dev/zero; } >"$L/foreign.so"
head -c 200 "$FX/libclean.so" >"$L/truncated.so"

cat >"$TMP/suite.toml" <<EOF2
[run]
timeout_s = 10
pin_cpu = -1

[[impl]]
name = "good"
lib = "libs/good.so"
EOF2
for n in text foreign truncated dir empty; do
    printf '\n[[impl]]\nname = "%s"\nlib = "libs/%s.so"\n' "$n" "$n" >>"$TMP/suite.toml"
done

timeout 60 "$DLBENCH" verify -c "$TMP/suite.toml" >"$TMP/out" 2>"$TMP/err"
RC=$?
cat "$TMP/out"
check "verify: exit 1" [ "$RC" -eq 1 ]
check "verify: good passes" grep -q '^good .* pass$' "$TMP/out"
check "verify: text file named as not ELF" grep -q "^text .*FAIL: .*libs/text.so' is not an ELF file" "$TMP/out"
check "verify: foreign ELF named with its machine" grep -q "^foreign .*FAIL: .*libs/foreign.so' is built for $mname" "$TMP/out"
check "verify: truncated ELF: dlopen's reason" grep -q "^truncated .*FAIL: .*cannot dlopen '.*truncated.so': " "$TMP/out"
check "verify: directory named" grep -q "^dir .*FAIL: library '.*libs/dir.so' is a directory" "$TMP/out"
check "verify: empty file named" grep -q "^empty .*FAIL: .*library '.*libs/empty.so' is empty (0 bytes)" "$TMP/out"

rm -rf "$TMP/reports"
timeout 60 "$DLBENCH" run -c "$TMP/suite.toml" -o "$TMP/reports" --quick --no-plot \
    --scenarios call,load,cycle,size >"$TMP/out" 2>"$TMP/err"
RC=$?
tail -n 2 "$TMP/err"
R=$TMP/reports/latest
check "run: exit 1" [ "$RC" -eq 1 ]
check "run: folder complete" run_folder_complete "$R"
check "run: good measured in every scenario" sh -c "
    grep -q '^good,.*,call,add,main,ns_per_call,' \"\$1\" && grep -q '^good,.*,load,,main,dlopen_us,' \"\$1\" &&
    grep -q '^good,.*,cycle,fresh,main,cycle_us,' \"\$1\" && grep -q '^good,.*,size,,,file_bytes,' \"\$1\"" sh "$R/summary.csv"
check "run: failures.csv has the five, nothing else" [ "$(csv_rows "$R/failures.csv")" -eq 5 ]
check "run: text" grep -q "^text,verify,exited with status 1: .*text.so' is not an ELF file," "$R/failures.csv"
check "run: foreign" grep -q "^foreign,verify,\"exited with status 1: .*foreign.so' is built for $mname" "$R/failures.csv"
check "run: truncated" grep -q "^truncated,verify,.*cannot dlopen '.*truncated.so': " "$R/failures.csv"
check "run: dir" grep -q "^dir,build,\"library '.*dir.so' is a directory, not a file\"," "$R/failures.csv"
check "run: empty" grep -q "^empty,verify,library '.*empty.so' is empty (0 bytes)," "$R/failures.csv"
check "run: no samples of a failed variant" sh -c "! grep -qE '^(text|foreign|truncated|dir|empty),' \"\$1\"" sh "$R/results.csv"
check "run: variants.csv: 5 failed, good ok" sh -c "
    [ \$(grep -c ',failed,' \"\$1\") -eq 5 ] && grep -q '^good,.*,ok,1,[0-9]*,[0-9]*,[0-9a-f]*\$' \"\$1\"" sh "$R/variants.csv"

# A missing file: a configuration error naming where it was written.
n=$(grep -c '' "$TMP/suite.toml")
printf '\n[[impl]]\nname = "missing"\nlib = "libs/missing.so"\n' >>"$TMP/suite.toml"
timeout 60 "$DLBENCH" verify -c "$TMP/suite.toml" >"$TMP/out" 2>"$TMP/err"
RC=$?
cat "$TMP/err"
check "missing file: exit 2 (got $RC)" [ "$RC" -eq 2 ]
check "missing file: a config error at its line" \
    one_error "$TMP/err" "suite\.toml:$((n + 4)):7: impl 'missing': cannot use library 'libs/missing\.so' .*No such file or directory$"
finish
