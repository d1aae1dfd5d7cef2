/* test_cgdump.c - the callgrind dump reader (measure/cgdump.h) on fixed
 * texts: the label and the Ir total of a dump, labels of counted loops,
 * and the per-call value from two loop lengths.
 *
 * usage: test_cgdump */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "measure/cgdump.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else
        failed++;
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
}

/* The head of a real dump (valgrind 3.19, --dump-line=no). */
static const char dump_totals[] =
    "# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\npid: 19029\n"
    "cmd:  ./p lib.so\npart: 1\nthread: 1\n\n\ndesc: I1 cache: \n"
    "desc: Timerange: Basic block 0 - 364341\n"
    "desc: Trigger: Client Request: dlbench;instructions_per_call;add;main;1000\n\n"
    "positions: line\nevents: Ir\nsummary: 13038\n\n\nob=(5) /tmp/p\nfn=(864) loop_add\n"
    "0 19\ntotals: 13038\n";

int main(void)
{
    struct cg_dump d;
    check(cg_dump_parse(dump_totals, &d) == 0 && d.ir == 13038 &&
              !strcmp(d.label, "dlbench;instructions_per_call;add;main;1000"),
          "a dump: its label and its Ir total");
    static const char only_summary[] = "version: 1\nevents: Ir\nsummary: 77\n";
    check(cg_dump_parse(only_summary, &d) == 0 && d.ir == 77 && d.label[0] == '\0',
          "summary: alone (older releases), no label");
    static const char two_events[] = "version: 1\nevents: Ir Dr\ntotals: 50 20\n";
    check(cg_dump_parse(two_events, &d) == 0 && d.ir == 50, "several events: Ir is the first");
    static const char not_ir[] = "version: 1\nevents: Dr\ntotals: 50\n";
    check(cg_dump_parse(not_ir, &d) != 0, "a first event other than Ir is refused");
    check(cg_dump_parse("hello\ntotals: 5\n", &d) != 0, "not a dump");
    check(cg_dump_parse("version: 1\nevents: Ir\n", &d) != 0, "no total");

    struct cg_label l;
    check(cg_label_parse("dlbench;instructions_per_call;fib/30;pthread;6", &l) == 0 &&
              !strcmp(l.metric, "instructions_per_call") && !strcmp(l.workload, "fib/30") &&
              !strcmp(l.thread, "pthread") && l.n == 6,
          "label: metric, workload, thread, n");
    check(cg_label_parse("dlbench;instructions;;main;1", &l) == 0 && l.workload[0] == '\0' &&
              l.n == 1,
          "label: an empty workload (a dlopen)");
    check(cg_label_parse("Program termination", &l) != 0 &&
              cg_label_parse("dlbench;x;add;main;0", &l) != 0 &&
              cg_label_parse("dlbench;x;add;main", &l) != 0 &&
              cg_label_parse("dlbench;x;add;main;3;4", &l) != 0,
          "label: others refused (no prefix, n 0, fields missing or extra)");

    /* 1000 and 3000 calls: 13038 and 39038 -> (39038 - 13038) / 2000 = 13 */
    uint64_t n[] = {1000, 3000}, ir[] = {13038, 39038};
    double v = NAN;
    check(cg_per_unit(n, ir, 2, &v) == 0 && v == 13.0, "two lengths: the difference per call");
    uint64_t n2[] = {3000, 1000}, ir2[] = {39038, 13038};
    check(cg_per_unit(n2, ir2, 2, &v) == 0 && v == 13.0, "in any order");
    uint64_t n1[] = {1}, ir1[] = {15198};
    check(cg_per_unit(n1, ir1, 1, &v) == 0 && v == 15198.0, "one length: I / n");
    uint64_t irl[] = {39038, 13038};
    check(cg_per_unit(n, irl, 2, &v) != 0, "a longer loop that counted less: refused");
    check(cg_per_unit(n, ir, 0, &v) != 0, "nothing: refused");
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
