# lib.sh - helpers sourced by the tests/measure/*.sh scripts.
# Usage of every script: sh SCRIPT DLBENCH FIXTURE_DIR TMP_DIR
# Each prints "ok ..."/"FAIL ..." per assertion and "N passed, M failed"
# last, and exits non-zero when anything failed.

DLBENCH=$1
FX=$2
TMP=$3
if [ -z "$DLBENCH" ] || [ -z "$FX" ] || [ -z "$TMP" ]; then
    echo "usage: sh $0 DLBENCH FIXTURE_DIR TMP_DIR" >&2
    exit 2
fi
mkdir -p "$TMP" || exit 2
: "${MEASURE_SANITIZE:=0}"
PASSED=0
FAILED=0
# Every process this test starts inherits this tag: "no child left" checks
# look for it, never for a command line that another test, or a user's
# dlbench on the same machine, may share.
DLBENCH_TEST_TAG="$$-$(date +%s%N)"
export DLBENCH_TEST_TAG

ok() {
    PASSED=$((PASSED + 1))
    echo "ok $*"
}

bad() {
    FAILED=$((FAILED + 1))
    echo "FAIL $*"
}

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
    desc=$1
    shift
    if "$@"; then ok "$desc"; else bad "$desc"; fi
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit $?
}

# measure ARGS...: runs dlbench measure; stdout in $TMP/stream, its data
# lines (not the '#' records: steps and the end) in $TMP/out, its records
# in $TMP/records, stderr in $TMP/err, exit status in $RC.
measure() {
    "$DLBENCH" measure "$@" >"$TMP/stream" 2>"$TMP/err"
    RC=$?
    grep -v '^#' "$TMP/stream" >"$TMP/out"
    grep '^#' "$TMP/stream" >"$TMP/records"
}

# ended [FILE]: the last line of the stream ($TMP/stream) is the end record
# and counts the data lines before it.
ended() {
    f=${1:-$TMP/stream}
    awk '/^#end,[0-9]+$/ { split($0, a, ","); want = a[2]; last = NR; next }
         !/^#/ { n++ } END { exit !(last == NR && want == n) }' "$f"
}

# last_step [FILE]: the label of the last step record of the stream.
last_step() {
    grep '^#step,' "${1:-$TMP/stream}" | tail -n 1 | cut -d, -f2-
}

# values FILE WORKLOAD THREAD METRIC: the value column of matching rows.
values() {
    awk -F, -v w="$2" -v t="$3" -v m="$4" \
        'NR > 1 && $3 == w && $4 == t && $5 == m { print $8 }' "$1"
}

# value FILE WORKLOAD THREAD METRIC: the first matching value ("" if none).
value() {
    values "$@" | head -n 1
}

# median: of the numbers on stdin.
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# num_between X LO HI: LO <= X <= HI (floating point).
num_between() {
    [ -n "$1" ] && awk -v x="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(x + 0 >= lo + 0 && x + 0 <= hi + 0) }'
}

# num_cmp X OP Y: awk comparison, e.g. num_cmp "$v" ">=" 30000
num_cmp() {
    [ -n "$1" ] && awk -v x="$1" -v y="$3" -v op="$2" 'BEGIN {
        if (op == ">=") r = x + 0 >= y + 0; else if (op == ">") r = x + 0 > y + 0
        else if (op == "<=") r = x + 0 <= y + 0; else if (op == "<") r = x + 0 < y + 0
        else r = x + 0 == y + 0
        exit !r }'
}

# csv_ok FILE: exact header, 8 fields per row, numeric value, rep an integer.
csv_ok() {
    awk -F, '
        /^#/ { next }
        NR == 1 { if ($0 != "variant,scenario,workload,thread,metric,unit,rep,value") { print "bad header: " $0; bad = 1 } next }
        NF != 8 { print "row " NR " has " NF " fields: " $0; bad = 1; next }
        $7 !~ /^[0-9]+$/ { print "row " NR ": rep not an integer: " $0; bad = 1 }
        $8 !~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ { print "row " NR ": value not numeric: " $0; bad = 1 }
        END { if (NR < 1) { print "empty output"; bad = 1 } exit bad }' "$1"
}

# measuring_left: the pids of this test's `dlbench measure` processes still
# alive (by DLBENCH_TEST_TAG in their environment; valgrind-wrapped ones
# too), one per line; nothing when none.
measuring_left() {
    for e in $(grep -lzx "DLBENCH_TEST_TAG=$DLBENCH_TEST_TAG" /proc/[0-9]*/environ 2>/dev/null); do
        d=${e%/environ}
        { tr '\0' ' ' <"$d/cmdline"; } 2>/dev/null | grep -q ' measure --' && echo "${d#/proc/}"
    done
}

# no_measuring_left [TENTHS]: none of this test's measuring children is
# alive within TENTHS tenths of a second (default 10: a SIGKILLed process
# takes a moment to go); prints and kills any that is left.
no_measuring_left() {
    i=0
    while [ "$i" -lt "${1:-10}" ]; do
        [ -z "$(measuring_left)" ] && return 0
        sleep 0.1
        i=$((i + 1))
    done
    pids=$(measuring_left)
    [ -z "$pids" ] && return 0
    echo "still running: $(for p in $pids; do printf '%s: %s; ' "$p" "$({ tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null)"; done)"
    kill -KILL $pids 2>/dev/null
    return 1
}
