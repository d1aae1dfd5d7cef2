# crash.sh - the raw behaviour of the fault fixtures (the parent's
# classification of it is child.c's business): the measuring process dies
# by SIGSEGV / SIGABRT, never returns, or exits 3 - in every scenario that
# calls add, including through the forked children of cycle --mode both -
# and what it wrote before dying is whole rows only.
. "$(dirname "$0")/lib.sh"

SEGV=139   # 128 + SIGSEGV
ABRT=134   # 128 + SIGABRT
TIMEOUT=124

dies() {
    desc=$1
    want=$2
    shift 2
    measure "$@"
    check "$desc: exit status $want (got $RC)" [ "$RC" -eq "$want" ]
}

for sc in once load call cycle; do
    dies "segv $sc" $SEGV --lib "$FX/libsegv.so" --scenario $sc --quick
    dies "abort $sc" $ABRT --lib "$FX/libabort.so" --scenario $sc --quick
    dies "exit3 $sc (constructor)" 3 --lib "$FX/libexit3.so" --scenario $sc --quick
done
dies "segv cycle --mode pinned" $SEGV --lib "$FX/libsegv.so" --scenario cycle --quick --mode pinned
dies "exit3 verify" 3 --lib "$FX/libexit3.so" --scenario verify

# What a crashed call run leaves on stdout: the header, nothing partial.
measure --lib "$FX/libsegv.so" --scenario call --quick
check "segv call: stdout is exactly the header" \
    [ "$(cat "$TMP/out")" = "variant,scenario,workload,thread,metric,unit,rep,value" ]
measure --lib "$FX/libsegv.so" --scenario call --quick --workload noop
check "segv call --workload noop (add never called): exit 0" [ "$RC" -eq 0 ]

# The four loop runs go in parallel: each needs the full timeout.
for sc in once load call cycle; do
    (timeout 2 "$DLBENCH" measure --lib "$FX/libloop.so" --scenario $sc --quick \
        >"$TMP/loop-$sc.out" 2>"$TMP/loop-$sc.err"
     echo $? >"$TMP/loop-$sc.rc") &
done
wait
for sc in once load call cycle; do
    rc=$(cat "$TMP/loop-$sc.rc")
    check "loop $sc: still running after 2 s, killed by timeout (got $rc)" [ "$rc" -eq $TIMEOUT ]
done
check "loop cycle: stdout holds complete rows only" csv_ok "$TMP/loop-cycle.out"
check "loop: no orphaned child left behind" no_measuring_left 2

finish
