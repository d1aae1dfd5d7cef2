# options.sh - option and library errors: a bad option is one
# "dlbench: error: ..." line and exit 2; a library problem (missing, a
# directory, not ELF, wrong class or machine) is one clear line and exit 1;
# --help exits 0 with the usage on stdout.
. "$(dirname "$0")/lib.sh"

one_error_line() {
    [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q '^dlbench: error: ' "$TMP/err" && [ ! -s "$TMP/out" ]
}

usage_error() {
    desc=$1
    shift
    measure "$@"
    check "$desc: exit 2 (got $RC)" [ "$RC" -eq 2 ]
    check "$desc: one error line, nothing on stdout" one_error_line
}

L=$FX/libclean.so
usage_error "unknown option" --lib "$L" --scenario size --bogus
usage_error "unknown option with =" --lib "$L" --scenario size --bogus=1
usage_error "missing --lib" --scenario size
usage_error "missing --scenario" --lib "$L"
usage_error "unknown scenario" --lib "$L" --scenario nope
usage_error "option without value" --lib "$L" --scenario size --cycles
usage_error "bad --thread" --lib "$L" --scenario call --thread both2
usage_error "bad --mode" --lib "$L" --scenario cycle --mode stale
usage_error "bad --workload" --lib "$L" --scenario call --workload mul
usage_error "fib/N out of range" --lib "$L" --scenario call --workload fib/99
usage_error "bad --fib" --lib "$L" --scenario call --fib 20,x
# bench.toml's limit, 0..40, is measure's too (matrix/config.h FIB_MAX)
usage_error "--fib 41, beyond bench.toml's 0..40" --lib "$L" --scenario call --fib 41
usage_error "fib/41, beyond bench.toml's 0..40" --lib "$L" --scenario call --workload fib/41
measure --help
check "--help says fib 0..40, the config's range" grep -q 'fib arguments, 0\.\.40 ' "$TMP/out"
usage_error "zero --repetitions" --lib "$L" --scenario call --repetitions 0
usage_error "negative --min-time-ms" --lib "$L" --scenario call --min-time-ms -1
usage_error "bad --pin-cpu" --lib "$L" --scenario call --pin-cpu -2
usage_error "bad --symbols" --lib "$L" --scenario verify --symbols nosuch=X
usage_error "stray argument" --lib "$L" --scenario size extra

measure --help
check "--help exits 0" [ "$RC" -eq 0 ]
check "--help prints the usage on stdout" grep -q '^usage: dlbench measure' "$TMP/out"

measure --scenario size --lib "$L" --cycles=7 --quick
check "--name=value form accepted" [ "$RC" -eq 0 ]

lib_error() {
    desc=$1
    pattern=$2
    shift 2
    for sc in size load call cycle verify once; do
        measure --scenario $sc "$@"
        check "$desc ($sc): exit 1 (got $RC)" [ "$RC" -eq 1 ]
        check "$desc ($sc): one error line" one_error_line
        check "$desc ($sc): message says '$pattern'" grep -q "$pattern" "$TMP/err"
    done
}

lib_error "missing library" "cannot.*$TMP/nonexistent.so" --lib "$TMP/nonexistent.so"
mkdir -p "$TMP/dir.so"
lib_error "directory" "dir.so" --lib "$TMP/dir.so"
echo "not a library" >"$TMP/text.so"
lib_error "text file" "text.so" --lib "$TMP/text.so"
# The clean library with its class byte set to ELFCLASS32 / its e_machine
# set to EM_ARM (40): wrong class / wrong machine.
cp "$L" "$TMP/class32.so"
printf '\001' | dd of="$TMP/class32.so" bs=1 seek=4 conv=notrunc 2>/dev/null
lib_error "32-bit ELF" "class32.so" --lib "$TMP/class32.so"
cp "$L" "$TMP/arm.so"
printf '\050\000' | dd of="$TMP/arm.so" bs=1 seek=18 conv=notrunc 2>/dev/null
lib_error "other machine" "arm.so" --lib "$TMP/arm.so"
measure --scenario size --lib "$TMP/arm.so"
check "wrong machine is named" grep -q "built for arm" "$TMP/err"
measure --scenario size --lib "$TMP/class32.so"
check "wrong class is named" grep -q "32-bit" "$TMP/err"
measure --scenario size --lib "$TMP/text.so"
check "non-ELF is named" grep -q "is not an ELF file" "$TMP/err"
measure --scenario size --lib "$TMP/dir.so"
check "directory is named" grep -q "is a directory" "$TMP/err"

# A bare file name means the file in the current folder, not a search of
# the library path.
(cd "$FX" && "$DLBENCH" measure --lib libclean.so --scenario once)
check "bare file name is found in the current folder" [ $? -eq 0 ]

finish
