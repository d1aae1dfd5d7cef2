# config.sh - bench.toml mistakes are one-line errors at FILE:LINE:COL,
# exit 2, and nothing is built.
. "$DLBENCH_SOURCE/tests/measure/lib.sh"

# expect_error NAME 'EXPECTED MESSAGE' <<TOML: the config must be rejected
# with exactly "dlbench: error: <file>:<EXPECTED MESSAGE>".
expect_error() {
    name=$1
    want=$2
    cat >"$TMP/$name.toml"
    "$DLBENCH" build -c "$TMP/$name.toml" --libs-dir "$TMP/libs" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    got=$(cat "$TMP/err")
    if [ "$rc" -eq 2 ] && [ "$got" = "dlbench: error: $TMP/$name.toml:$want" ]; then
        ok "$name"
    else
        bad "$name: exit $rc, got: $got"
        echo "   want: dlbench: error: $TMP/$name.toml:$want"
    fi
}

IMPL='[[impl]]
name = "x"
lib = "/nonexistent.so"'

expect_error unknown_run_key "2:1: unknown key 'repetition' in [run] (expected one of: repetitions, min_time_ms, warmup_ms, batches, cycles, sample_every, leak_check_cycles, leak_check_share, cycle_workload, cycle_thread, pin_cpu, timeout_s, threads, scenarios, modes, counters, fib, output, baseline, engine)" <<EOF2
[run]
repetition = 5
$IMPL
EOF2
expect_error unknown_engine "2:10: unknown engine 'turbo' (expected one of: native, gbench, both)" <<EOF2
[run]
engine = "turbo"
EOF2

expect_error engine_type "2:10: 'engine' must be a string, found integer" <<EOF2
[run]
engine = 2
EOF2

expect_error wrong_type "2:15: 'repetitions' must be an integer, found string" <<EOF2
[run]
repetitions = "5"
$IMPL
EOF2
expect_error out_of_range "2:10: 'cycles' must be between 1 and 10000000, found 0" <<EOF2
[run]
cycles = 0
$IMPL
EOF2
expect_error bad_thread "2:20: unknown threads 'fiber' in 'threads' (expected one of: main, pthread)" <<EOF2
[run]
threads = ["main", "fiber"]
$IMPL
EOF2
expect_error bad_scenario "2:14: unknown scenarios 'warp' in 'scenarios' (expected one of: call, pair, load, cycle, size, process)" <<EOF2
[run]
scenarios = ["warp"]
$IMPL
EOF2
expect_error dup_thread "2:20: 'threads' lists 'main' twice" <<EOF2
[run]
threads = ["main", "main"]
$IMPL
EOF2
expect_error fib_range "2:12: 'fib' arguments must be integers from 0 to 40, found a value out of range" <<EOF2
[run]
fib = [20, 41]
$IMPL
EOF2
expect_error sample_every "3:16: 'sample_every' (500) must not exceed 'cycles' (100)" <<EOF2
[run]
cycles = 100
sample_every = 500
$IMPL
EOF2
expect_error top_level "1:1: unknown key 'runs' in the top level (expected one of: run, impl)" <<EOF2
runs = 3
$IMPL
EOF2
expect_error no_impl "1:1: no [[impl]] table: nothing to measure" <<EOF2
[run]
repetitions = 3
EOF2
expect_error impl_unknown_key "3:1: unknown key 'toolchian' in [[impl]] (expected one of: name, lang, dir, build, toolchains, lib, symbols, workloads, cycle_workload, cycle_thread)" <<EOF2
[[impl]]
name = "c"
toolchian = ["gcc"]
lib = "x.so"
EOF2
expect_error impl_no_name "1:1: [[impl]] needs a 'name'" <<EOF2
[[impl]]
lib = "x.so"
EOF2
expect_error impl_bad_name "2:8: invalid impl name 'a b' (use letters, digits, '_', '-', '.', '+'; at most 64)" <<EOF2
[[impl]]
name = "a b"
lib = "x.so"
EOF2
expect_error impl_dup_name "4:1: impl name 'x' is used twice (first at 1:1)" <<EOF2
$IMPL
[[impl]]
name = "x"
lib = "y.so"
EOF2
expect_error impl_lib_and_build "3:1: impl 'c' has 'lib' and also 'build': a library is either brought ('lib') or built ('dir' + 'build')" <<EOF2
[[impl]]
name = "c"
lib = "x.so"
dir = "impls/c"
build = "make {out}"
EOF2
expect_error impl_neither "1:1: impl 'c' needs 'build' (with 'dir') or 'lib'" <<EOF2
[[impl]]
name = "c"
EOF2
expect_error impl_no_out "4:9: 'build' of impl 'c' must contain {out} (where the library goes)" <<EOF2
[[impl]]
name = "c"
dir = "."
build = "make"
EOF2
expect_error symbols_unknown "5:1: unknown key 'ad' in [impl.symbols] (expected one of: noop, add, fib, hello, free, info)" <<EOF2
[[impl]]
name = "x"
lib = "x.so"
[impl.symbols]
ad = "Add"
EOF2
expect_error symbols_bad "5:7: invalid symbol name 'Add; rm -rf /' for 'add'" <<EOF2
[[impl]]
name = "x"
lib = "x.so"
[impl.symbols]
add = "Add; rm -rf /"
EOF2
expect_error toml_syntax "2:14: expected a value for key 'repetitions', found end of line" <<EOF2
[run]
repetitions =
$IMPL
EOF2

# Not a config at all.
"$DLBENCH" build -c "$TMP/does-not-exist.toml" >"$TMP/out" 2>"$TMP/err"
check "missing config: exit 2" [ $? -eq 2 ]
check "missing config: one line naming the file" \
    [ "$(cat "$TMP/err")" = "dlbench: error: cannot read config '$TMP/does-not-exist.toml': No such file or directory" ]
head -c 2000000 /dev/zero | tr '\0' 'a' >"$TMP/huge.toml"
"$DLBENCH" build -c "$TMP/huge.toml" >"$TMP/out" 2>"$TMP/err"
check "2 MB config: exit 2 with an error" [ $? -eq 2 ] && grep -q "larger than" "$TMP/err"

# Usage errors.
"$DLBENCH" build --bogus >"$TMP/out" 2>"$TMP/err"
check "unknown option: exit 2" [ $? -eq 2 ]
check "unknown option: says which" grep -q "unknown option '--bogus' for 'build'" "$TMP/err"
"$DLBENCH" frobnicate >"$TMP/out" 2>"$TMP/err"
check "unknown command: exit 2" [ $? -eq 2 ]
"$DLBENCH" --version >"$TMP/out"
check "--version" grep -q "^dlbench [0-9]" "$TMP/out"
expect_error share_zero "2:20: 'leak_check_share' must be a share of the cycles above 0 and at most 1, found 0" <<EOF2
[run]
leak_check_share = 0
$IMPL
EOF2

expect_error workloads_free "5:8: unknown workloads 'free' in 'workloads' (expected one of: noop, add, fib, hello, info)" <<EOF2
[[impl]]
name = "x"
lib = "/nonexistent.so"
workloads = [
"add", "free"]
EOF2

expect_error cycle_thread_bad "4:16: unknown cycle_thread 'worker' (expected one of: main, pthread)" <<EOF2
[[impl]]
name = "x"
lib = "/nonexistent.so"
cycle_thread = "worker"
EOF2

expect_error empty_add_symbol "5:7: 'add' must name a symbol (leave a workload out with 'workloads' instead)" <<EOF2
[[impl]]
name = "x"
lib = "/nonexistent.so"
[impl.symbols]
add = ""
EOF2

for c in build verify run measure plot compare; do
    "$DLBENCH" $c --help >"$TMP/out" 2>&1
    check "$c --help exits 0 with usage" grep -q "usage: dlbench $c" "$TMP/out"
done
finish
