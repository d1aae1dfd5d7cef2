#!/bin/sh
# tests/report/cli.sh - `dlbench compare` from the command line: exit codes,
# error messages, and the text output through main() equal to the golden.
# usage: cli.sh DLBENCH SRC_DIR   (SRC_DIR = tests/report)
DLBENCH=$1
SRC=$2
pass=0
fail=0
out=$(mktemp)
errf=$(mktemp)
trap 'rm -f "$out" "$errf"' EXIT

# expect CODE STDERR-SUBSTRING ARGS...
expect() {
    code=$1 msg=$2
    shift 2
    "$DLBENCH" compare "$@" >"$out" 2>"$errf"
    rc=$?
    if [ "$rc" -ne "$code" ]; then
        echo "FAIL: compare $*: exit $rc, want $code"; cat "$errf"; fail=$((fail + 1)); return
    fi
    if [ -n "$msg" ] && ! grep -qF -- "$msg" "$errf"; then
        echo "FAIL: compare $*: stderr lacks '$msg':"; cat "$errf"; fail=$((fail + 1)); return
    fi
    pass=$((pass + 1))
}

R=$SRC/runs
expect 0 "" --help
grep -q "^usage: dlbench compare OLD NEW" "$out" && pass=$((pass + 1)) ||
    { echo "FAIL: --help text"; fail=$((fail + 1)); }
expect 2 "dlbench: error: 'compare' needs two runs" 
expect 2 "dlbench: error: 'compare' needs two runs" "$R/20250520-090000"
expect 2 "dlbench: error: 'compare' takes two runs, got a third" "$R/20250520-090000" \
    "$R/20250601-101502" x
expect 2 "dlbench: error: cannot read '/nonexistent/results.csv'" /nonexistent/results.csv \
    "$R/20250601-101502"
expect 2 "dlbench: error: cannot read '$R/results.csv': no results.csv in the run folder" \
    "$R" "$R/20250601-101502"
expect 2 "dlbench: error: unknown option '--bogus' for 'compare'" --bogus a b
# one run twice (a symlink such as latest included): said, not a silent table of "~"
ln -sfn "$R/20250601-101502" "$out.latest"
expect 0 "are the same run" "$out.latest" "$R/20250601-101502"
rm -f "$out.latest"
"$DLBENCH" compare "$R/20250520-090000" "$R/20250601-101502" >"$out" 2>"$errf"
! grep -q "same run" "$errf" && pass=$((pass + 1)) ||
    { echo "FAIL: two different runs called the same"; fail=$((fail + 1)); }
expect 2 "dlbench: error: '--csv' and '--markdown' cannot be used together" --csv --markdown \
    "$R/20250520-090000" "$R/20250601-101502"
expect 2 "dlbench: error: '--match' takes 'auto', 'variant' or 'impl', not 'toolchain'" \
    --match toolchain a b
expect 2 "dlbench: error: '--alpha' takes a number between 0 and 1, not '2'" --alpha 2 a b
expect 2 "dlbench: error: option '--alpha' needs a value" a b --alpha

expect 0 "" "$R/20250520-090000" "$R/20250601-101502"
if cmp -s "$out" "$SRC/golden/compare.txt"; then pass=$((pass + 1)); else
    echo "FAIL: compare output differs from golden/compare.txt:"
    diff "$SRC/golden/compare.txt" "$out" | head -20; fail=$((fail + 1)); fi
expect 0 "" --csv "$R/20250520-090000/results.csv" "$R/20250601-101502"
if cmp -s "$out" "$SRC/golden/compare.csv"; then pass=$((pass + 1)); else
    echo "FAIL: compare --csv differs from golden/compare.csv"; fail=$((fail + 1)); fi
expect 0 "" --match=impl --markdown "$R/20250520-090000" "$R/go126-only.csv"
if cmp -s "$out" "$SRC/golden/compare_impl.md"; then pass=$((pass + 1)); else
    echo "FAIL: compare --match=impl --markdown differs from golden/compare_impl.md"
    fail=$((fail + 1)); fi
# --alpha changes what counts as significant: p = 0.0126 for this row
expect 0 "" --csv --alpha 0.01 "$R/20250520-090000" "$R/20250601-101502"
if grep -q '^ns_per_call,ns,go@go1.22.12/call/add/pthread,.*,0,,[^,]*,[^,]*,mann-whitney,,,,0$' "$out"; then
    pass=$((pass + 1)); else echo "FAIL: --alpha 0.01"; fail=$((fail + 1)); fi

# onepro/: cycle_us +95 % but one process a side; unloaded and the leak
# slope compared by verdict and by interval (onepro/README).
O=$SRC/onepro
# has PATTERN WHAT: the last output matches the extended regex
has() {
    if grep -Eq -- "$1" "$out"; then pass=$((pass + 1)); else
        echo "FAIL: $2"; cat "$out"; fail=$((fail + 1)); fi
}
expect 0 "" "$O/old" "$O/new"
has '^c@gcc/cycle/fresh/main +49.9 µs +97.3 µs +~ +one process: no test +- +20\+20$' \
    "cycle_us from one process a side: 'one process: no test', no claimed change"
has '^c@gcc/cycle/fresh/main +yes +no +unloads -> never-unloads +verdict ' \
    "unloaded compared by verdict: 'unloads -> never-unloads'"
has '^c@gcc/cycle/fresh/main +0.2 B +256 KiB +\+[0-9]+% +CIs apart ' \
    "leak_bytes_per_cycle compared by its CIs"
has '^c@gcc/load/main +60.0 µs +60.6 µs +~ +0\.[0-9]{3} +[0-9.]+% +6\+6$' \
    "dlopen_us over 6 processes: tested, mde shown, no change claimed"
expect 0 "" --csv "$O/old" "$O/new"
has '^cycle_us,us,c@gcc/cycle/fresh/main,.*,,20,20,0,,,,one process,,,,0$' \
    "--csv: cycle_us: no p, not significant, test 'one process'"
has '^unloaded,bool,c@gcc/cycle/fresh/main,.*,1,1,1,,,,verdict,,,,1$' "--csv: unloaded: verdict"
has '^leak_bytes_per_cycle,bytes,c@gcc/cycle/fresh/main,.*,1,1,1,,,,interval,,,,1$' \
    "--csv: leak: interval"

# shift/ (tests/report/shift/make.py): same-build rows (equal build_id in
# variants.csv) and the machine shift they measure.
S=$SRC/shift
expect 0 "" "$S/moved/old" "$S/moved/new"
if cmp -s "$out" "$SRC/golden/compare_shift.txt"; then pass=$((pass + 1)); else
    echo "FAIL: compare shift/moved differs from golden/compare_shift.txt:"
    diff "$SRC/golden/compare_shift.txt" "$out" | head -20; fail=$((fail + 1)); fi
has '^same-build timing rows moved \+22\.0% to \+30\.0% \(median \+25\.0%, 6 of 6 claimed, .*the machine, the OS or dlbench changed' \
    "(a) same-build rows +22..+30 %: the shift line"
has '^c@gcc/load/main +60\.1 µs +73\.3 µs +\+22\.0% +0\.000 +[0-9.]+% +20\+20 += *$' \
    "(a) a same-build row keeps its claim and is marked '='"
has '^c@clang/size +.* one value: no test .* =$' "(a) every row of a same-build pair is marked"
has '^go@local/load/main +78\.1 µs +97\.6 µs +~ +0\.000 +[0-9.]+% +20\+20 +\+0\.00%$' \
    "(c) another build that moved like the shift (+25 %): not claimed, +0.00% vs shift"
has '^rust@nightly/load/main +84\.1 µs +135 µs +\+60\.0% .* \+28\.0%$' \
    "(c) another build that moved +60 %: claimed, +28.0% vs shift"
has '^rust@nightly/load/add/main +2\.80 µs +2\.80 µs +~ .* -20\.0%$' \
    "(c) a row that did not move while the machine did: not claimed (-20.0% vs shift only)"
has '2 of 4 rows withheld' "(c) the footer counts the rows the shift withheld"
expect 0 "" --csv "$S/moved/old" "$S/moved/new"
has '^dlopen_us,us,go@local/load/main,.*,20,20,0,.*,mann-whitney,0,0,0\.[0-9]+,1$' \
    "(c) --csv: go@local significant 0, as measured 1, same_build 0"
has '^dlopen_us,us,c@gcc/load/main,.*,20,20,1,.*,mann-whitney,1,,,1$' "--csv: same_build 1"
has '^same_build_shift,%,moved,,,,,,,,25,,,,1,"?6 of 6 same-build timing rows claimed' \
    "--csv: the shift row"
expect 0 "" --markdown "$S/moved/old" "$S/moved/new"
has '^\| dlopen\\_us \(us\) \| old \| new \| change \| p \| mde \| n \| build \| vs shift \|$' \
    "--markdown: build and vs shift columns"
has '^\| c@gcc/load/main \| .* \| 20\+20 \| = \|  \|$' "--markdown: '=' on a same-build row"
has '^same-build timing rows moved ' "--markdown: the shift line"
expect 0 "" "$S/stable/old" "$S/stable/new"
has '^same-build timing rows: no change \(median \+0\.30%, 0 of 6 claimed, their median mde [0-9.]+%\): the machine, the OS and dlbench were stable between the runs$' \
    "(b) same-build rows unchanged: the stable line"
has '^rust@nightly/load/main +84\.1 µs +135 µs +\+60\.0% +0\.000 +[0-9.]+% +20\+20$' \
    "(b) no shift: another build's +60 % claimed as measured, no vs shift column"
expect 0 "" "$S/unclear/old" "$S/unclear/new"
has '^same-build timing rows: 2 of 6 claimed a change, from \+0\.00% to \+25\.0% \(median \+0\.00%, .*not clearly' \
    "two same-build rows moved, the rest not: 'not clearly', no adjustment"
has '^go@local/load/main +78\.1 µs +97\.6 µs +\+25\.0% +0\.000 +[0-9.]+% +20\+20$' \
    "no clear shift: another build's +25 % claimed as measured"
# quick/ (3 processes a side, as `run --quick`): the smallest p of 3+3 is
# 0.100 >= alpha: no row is tested, none reads '~', and the same-build line
# cannot call the machine stable
expect 0 "" "$S/quick/old" "$S/quick/new"
has '^same-build timing rows: cannot tell: too few processes to test \(3\+3: the smallest p the test can give is 0\.100 >= alpha 0\.05; 6 of 6 rows not tested\)' \
    "(e) 3+3 same-build rows: 'cannot tell', not 'stable'"
has '^rust@nightly/load/main +84\.3 µs +67\.6 ms +\? +n/t +[0-9.]+% +3\+3$' \
    "(e) a x800 change from 3+3 processes: '?' and 'n/t', not '~'"
has '\? and n/t: not tested \(10 results\): with 3\+3 processes the smallest p the test can give is 0\.100 >= alpha 0\.05' \
    "(e) the footnote says why nothing was tested"
if grep -q 'stable between the runs\| ~  0\.100' "$out"; then
    echo "FAIL: (e) 3+3: no 'stable', no '~' with p 0.100"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
expect 0 "" --alpha 0.2 "$S/quick/old" "$S/quick/new"
has '^rust@nightly/load/main +84\.3 µs +67\.6 ms +\+[0-9.]+% +0\.100 ' \
    "(e) --alpha 0.2 > 0.100: the 3+3 rows are tested"
expect 0 "" --csv "$S/quick/old" "$S/quick/new"
has '^dlopen_us,us,rust@nightly/load/main,.*,,3,3,0,too few processes: no test,[0-9.]+,[0-9.]+,too few processes,0,,,0$' \
    "(e) --csv: test 'too few processes', no p"
has '^same_build_shift,%,too_few,' "(e) --csv: the shift row's state too_few"
# (d) run folders without build_id (an older dlbench) and bare results.csv
expect 0 "" "$R/20250520-090000" "$R/20250601-101502"
if grep -q 'same-build\|build  *vs shift\| build$' "$out"; then
    echo "FAIL: (d) no build_id: no mark, no shift line"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
expect 0 "" --csv "$S/moved/old/results.csv" "$S/moved/new/results.csv"
if grep -q '^same_build_shift' "$out" || grep -q ',1,[^,]*,[^,]*,[01]$' "$out"; then
    echo "FAIL: (d) bare results.csv: no same-build rows"; fail=$((fail + 1)); else pass=$((pass + 1)); fi

# --fail-on-regression PCT (a CI gate): exit 3 when a claimed change makes
# a result worse by at least PCT; the rows are named after the tables.
# The fixtures' only claimed slow-down old -> new is go add/pthread +10.3 %.
expect 3 "" --fail-on-regression 5 "$R/20250520-090000" "$R/20250601-101502"
has '^regressions of at least 5 % \(claimed\): 1$' "gate 5 %: one regression counted"
has '^  go@go1\.22\.12/call/add/pthread ns_per_call: 192 ns -> 211 ns \(\+10\.3%\)$' \
    "gate 5 %: the regressed row named with its medians and change"
expect 0 "" --fail-on-regression 20 "$R/20250520-090000" "$R/20250601-101502"
has '^regressions of at least 20 % \(claimed\): none$' "gate 20 %: +10.3 % passes"
# every other row got faster old -> new: the other way round they regress,
# and the geomean and unclaimed rows (go add/main +7.4 %, p 0.496) do not
expect 3 "" --fail-on-regression 5 "$R/20250601-101502" "$R/20250520-090000"
if grep -q '^  go@go1.22.12/call/add/' "$out"; then
    echo "FAIL: gate: an unclaimed or improved row named a regression"; fail=$((fail + 1))
else pass=$((pass + 1)); fi
# A/A: a run against a copy of itself gates nothing
aa=$(mktemp -d)
cp -R "$R/20250601-101502" "$aa/copy"
expect 0 "" --fail-on-regression 0 "$R/20250601-101502" "$aa/copy"
has '^regressions of at least 0 % \(claimed\): none$' "gate A/A: none"
rm -rf "$aa"
# a library that stopped unloading, and a leak that appeared, are regressions;
# with --csv the gate goes to stderr and the CSV stays whole
expect 3 "  c@gcc/cycle/fresh/main unloaded: unloads -> never-unloads" \
    --csv --fail-on-regression 0 "$O/old" "$O/new"
if grep -q 'regressions' "$out"; then
    echo "FAIL: gate lines inside the CSV"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
expect 3 "c@gcc/cycle/fresh/main leak_bytes_per_cycle: 0.2 B -> 256 KiB" \
    --csv --fail-on-regression 1000 "$O/old" "$O/new"
# improvements never gate: new -> old
expect 0 "" --fail-on-regression 0 "$O/new" "$O/old"
expect 2 "dlbench: error: '--fail-on-regression' takes a percentage >= 0, not '-1'" \
    --fail-on-regression -1 a b

# The default match (auto): two runs that differ only in toolchains (one Go
# variant a side: go@go1.22.12 and go@local) pair by impl, and say so.
tc=$(mktemp -d)
awk -F, 'NR == 1 || $2 == "go" && $1 == "go@go1.22.12"' "$R/20250520-090000/results.csv" >"$tc/old.csv"
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } $1 == "go@go1.22.12" { $1 = "go@local"; $3 = "local"; print }' \
    "$R/20250601-101502/results.csv" >"$tc/new.csv"
expect 0 "" "$tc/old.csv" "$tc/new.csv"
has '^note: matched by impl: the two runs differ only in toolchains' "auto: the note says runs differ only in toolchains"
has '^go/call/add/pthread ' "auto: go@go1.22.12 rows meet go@local rows under the impl name"
has ' 0 only in old, 17 only in new' "auto: every old row paired (new adds cycle rows)"
expect 0 "" --match variant "$tc/old.csv" "$tc/new.csv"
has 'only in old' "--match variant: the names differ, nothing pairs"
# a run with another impl as well does not differ only in toolchains
expect 0 "" "$R/20250520-090000" "$tc/new.csv"
if grep -q '^note: matched by impl: the two' "$out"; then
    echo "FAIL: auto matched by impl runs whose impls differ"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
rm -rf "$tc"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
