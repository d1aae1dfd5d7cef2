#!/bin/sh
# precision.sh - an A/A check of the statistics (`make precision`): the same
# build and config measured twice, minutes apart, then `dlbench compare`.
# Nothing changed, so at most 1 of the 10 timing rows of the two C variants
# (dlopen, first call, cycle fresh and pinned, cold start; c@gcc and
# c@clang) may claim a change. Checks the statistics (tests over processes,
# the mde bar of results/claim.h), not the machine's speed; on a shared
# machine a busy neighbour can still move a row, so this is a make target,
# not a ctest (the deterministic test is tests/report/onepro with cli.sh).
#
# usage: sh scripts/precision.sh DLBENCH [WORK_DIR]
# Prints compare's same-build line (both C libraries are the same build in
# both runs: it says whether the machine moved between the runs), the
# timing rows and "precision: N of 10 timing rows claim a change"; exits 1
# when N > 1. N counts every claim, also when the same-build line says the
# machine moved: all 10 rows are same-build rows here, the shift is
# estimated from them, and discounting them by it would leave nothing to
# check; the failure is then named the machine's, not the statistics'.
set -eu
DLBENCH=$1
WORK=${2:-${TMPDIR:-/tmp}/dlbench-precision}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$WORK"
mkdir -p "$WORK"
# bench.toml's [run] budgets, the C implementation only, no call scenario
# (it has its own statistics and takes the most time).
cat >"$WORK/aa.toml" <<EOT
[run]
repetitions = 20
cycles = 2000
sample_every = 100
pin_cpu = 1
timeout_s = 60
threads = ["main"]
scenarios = ["load", "cycle", "process"]
modes = ["fresh", "pinned"]

[[impl]]
name = "c"
lang = "c"
dir = "$ROOT/impls/c"
build = "sh ../../scripts/build-c.sh {toolchain} {out}"
toolchains = ["gcc", "clang"]
EOT
for run in a b; do
    "$DLBENCH" run -c "$WORK/aa.toml" -o "$WORK/$run" --no-plot >/dev/null 2>"$WORK/$run.err" || {
        tail -n 5 "$WORK/$run.err"; echo "precision: dlbench run failed"; exit 1; }
    tail -n 1 "$WORK/$run.err"
done
"$DLBENCH" compare "$WORK/a/latest" "$WORK/b/latest" >"$WORK/compare.txt"
"$DLBENCH" compare --csv "$WORK/a/latest" "$WORK/b/latest" >"$WORK/compare.csv"
awk '/^(dlopen_us|first_call_us|cycle_us|wall_ms) \(/,/^geomean/' "$WORK/compare.txt"
grep '^same-build' "$WORK/compare.txt" || true
# columns of compare --csv: metric,...,significant (15)
n=$(awk -F, '($1=="dlopen_us"||$1=="first_call_us"||$1=="cycle_us"||$1=="wall_ms") &&
              $3!="geomean" {rows++; sig+=($15=="1")} END {printf "%d %d", sig, rows}' \
        "$WORK/compare.csv")
sig=${n% *}
rows=${n#* }
echo "precision: $sig of $rows timing rows claim a change (want at most 1 of 10)"
if [ "$sig" -gt 1 ] && grep -q '^same-build timing rows moved' "$WORK/compare.txt"; then
    echo "precision: the same-build rows moved together: the machine, the OS or dlbench" \
         "changed between the two runs (see above), not a false positive of the statistics"
fi
[ "$rows" -eq 10 ] && [ "$sig" -le 1 ]
