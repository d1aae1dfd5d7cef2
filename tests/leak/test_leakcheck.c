/* test_leakcheck.c - leakcheck.c on fixed inputs: valgrind logs (leaks with
 * digit grouping, a clean run, the Go runtime's warnings, a crash), GODEBUG
 * gctrace lines of Go 1.17, 1.21 and 1.26, and leak_verdict over run_data
 * built from fixed samples. Prints "ok"/"FAIL" per check and "N passed,
 * M failed" last; exits 1 on any failure. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/leakparse.h"
#include "results/rundata.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else
        failed++;
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
}

static int starts(const char *s, const char *prefix)
{
    return s && !strncmp(s, prefix, strlen(prefix));
}

/* ---------------------------------------------------------------- valgrind */

static const char leak_log[] =
    "==22558== Memcheck, a memory error detector\n"
    "==22558== Using Valgrind-3.19.0 and LibVEX; rerun with -h for copyright info\n"
    "==22558== HEAP SUMMARY:\n"
    "==22558==     in use at exit: 5,505,024 bytes in 21 blocks\n"
    "==22558== 5,505,024 bytes in 21 blocks are definitely lost in loss record 1 of 1\n"
    "==22558== LEAK SUMMARY:\n"
    "==22558==    definitely lost: 5,505,024 bytes in 21 blocks\n"
    "==22558==    indirectly lost: 1,024 bytes in 2 blocks\n"
    "==22558==      possibly lost: 0 bytes in 0 blocks\n"
    "==22558==    still reachable: 12 bytes in 1 blocks\n"
    "==22558==         suppressed: 0 bytes in 0 blocks\n"
    "==22558== ERROR SUMMARY: 3 errors from 1 contexts (suppressed: 0 from 0)\n";

static const char clean_log[] =
    "==1== Using Valgrind-3.19.0 and LibVEX; rerun with -h for copyright info\n"
    "==1== HEAP SUMMARY:\n"
    "==1==     in use at exit: 0 bytes in 0 blocks\n"
    "==1==   total heap usage: 143 allocs, 143 frees, 38,771 bytes allocated\n"
    "==1== All heap blocks were freed -- no leaks are possible\n"
    "==1== ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0)\n";

static const char go_log[] =
    "==7== Using Valgrind-3.19.0 and LibVEX; rerun with -h for copyright info\n"
    "get_Form_szB: unhandled 27 (DW_FORM_addrx)\n"
    "--7-- WARNING: Serious error when reading debug info\n"
    "--7-- get_Form_contents: unhandled DW_FORM\n"
    "==7== Warning: set address range perms: large range [0xa206000, 0x2a206000) (noaccess)\n"
    "==7== Warning: client switching stacks?  SP change: 0x58a4dc0 --> 0xff232da87d8\n"
    "==7== Warning: client switching stacks?  SP change: 0xff232da8738 --> 0x58a4e78\n"
    "==7== LEAK SUMMARY:\n"
    "==7==    definitely lost: 0 bytes in 0 blocks\n"
    "==7==    indirectly lost: 0 bytes in 0 blocks\n"
    "==7==      possibly lost: 1,440 bytes in 5 blocks\n"
    "==7==    still reachable: 1,500 bytes in 5 blocks\n"
    "==7== ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0)\n";

static const char crash_log[] =
    "==9== Using Valgrind-3.19.0 and LibVEX; rerun with -h for copyright info\n"
    "==9== Process terminating with default action of signal 11 (SIGSEGV)\n"
    "==9==  Access not within mapped region at address 0x0\n"
    "==9== HEAP SUMMARY:\n"
    "==9==     in use at exit: 10 bytes in 1 blocks\n"
    "==9== LEAK SUMMARY:\n"
    "==9==    definitely lost: 10 bytes in 1 blocks\n";

static void test_valgrind(void)
{
    struct vg_report r;
    check(vg_parse_log(leak_log, &r) == 0, "vg: leak log parsed");
    check(r.have_summary, "vg: leak log has a summary");
    check(r.def_bytes == 5505024 && r.def_blocks == 21, "vg: definitely lost 5,505,024 in 21");
    check(r.ind_bytes == 1024 && r.ind_blocks == 2, "vg: indirectly lost 1,024 in 2");
    check(r.reach_bytes == 12, "vg: still reachable 12");
    check(r.errors == 3, "vg: 3 errors");
    check(!strcmp(r.version, "3.19.0"), "vg: version 3.19.0");
    check(!r.fatal && !r.warnings, "vg: no fatal line, no warnings");
    vg_report_free(&r);

    check(vg_parse_log(clean_log, &r) == 0 && r.have_summary, "vg: clean log has a summary");
    check(r.def_bytes == 0 && r.ind_bytes == 0 && r.errors == 0, "vg: clean log all zero");
    vg_report_free(&r);

    check(vg_parse_log(go_log, &r) == 0 && r.have_summary, "vg: Go log parsed");
    check(r.def_bytes == 0 && r.pos_bytes == 1440 && r.reach_bytes == 1500,
          "vg: Go log 0 definite, 1440 possible, 1500 reachable");
    check(r.warnings && strstr(r.warnings, "client switching stacks") &&
              strstr(r.warnings, "debug info") && !strstr(r.warnings, "address range") &&
              !strstr(r.warnings, "0x"),
          "vg: Go warnings summarised without addresses or the large-range note");
    check(r.warnings && strstr(r.warnings, "client switching stacks") ==
                            strstr(r.warnings, "client switching"),
          "vg: a warning listed once");
    vg_report_free(&r);

    check(vg_parse_log(crash_log, &r) == 0 && r.fatal &&
              !strcmp(r.fatal, "Process terminating with default action of signal 11 (SIGSEGV)"),
          "vg: crash log names the signal");
    vg_report_free(&r);

    check(vg_parse_log("dlbench: error: something\n", &r) == -1, "vg: not a valgrind log");
    vg_report_free(&r);
}

/* ---------------------------------------------------------------- gctrace */

static void test_gctrace(void)
{
    const char *text =
        "dlbench: note: something else\n"
        "gc 1 @0.003s 2%: 0.20+0.43+0.035 ms clock, 0.41+0/0.076/0.18+0.070 ms cpu, "
        "0->0->0 MB, 0 MB goal, 0 MB stacks, 0 MB globals, 2 P\n" /* go1.26.8 */
        "gc 2 @0.019s 1%: 0.071+3.5+0.003 ms clock, 0.14+0/0.087/0.083+0.006 ms cpu, "
        "4->4->2 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 2 P\n" /* go1.21.6 */
        "gc 3 @1.250s 0%: 0.026+0.39+0.10 ms clock, 0.21+0.88/0.52/0+0.84 ms cpu, "
        "100->120->60 MB, 121 MB goal, 8 P\n" /* go1.17 */
        "gc 4 @2.5s 0%: 0.1+0.2+0.01 ms clock, 0.1+0/0/0+0.01 ms cpu, 61->61->61 MB, "
        "62 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)\n"
        "gc x @1s broken\n"
        "scvg: 0 MB released\n";
    struct gc_line *g = NULL;
    size_t n = go_parse_gctrace(text, &g);
    check(n == 4, "gc: four collections, other lines skipped");
    check(n >= 1 && g[0].n == 1 && fabs(g[0].t_s - 0.003) < 1e-9 && g[0].live_bytes == 0,
          "gc: go1.26 line");
    check(n >= 2 && g[1].n == 2 && g[1].live_bytes == 2.0 * 1048576, "gc: go1.21 line, 2 MiB");
    check(n >= 3 && g[2].live_bytes == 60.0 * 1048576 && fabs(g[2].t_s - 1.25) < 1e-9,
          "gc: go1.17 line, 60 MiB at 1.25 s");
    check(n >= 4 && g[3].n == 4 && g[3].live_bytes == 61.0 * 1048576, "gc: forced line");
    free(g);
    check(go_parse_gctrace("", &g) == 0, "gc: nothing in an empty text");
    free(g);
}

/* ---------------------------------------------------------------- verdict */

static void s(struct run_data *d, int v, const char *metric, double value)
{
    rd_add_sample(d, v, 0, "cycle", "fresh", "main", metric, "x", 0, value);
}

static void vg(struct run_data *d, int v, double def, double defk)
{
    s(d, v, "vg_applicable", 1);
    s(d, v, "vg_cycles", 201);
    s(d, v, "vg_definitely_lost_bytes", def);
    s(d, v, "vg_definitely_lost_blocks", defk);
    s(d, v, "vg_indirect_lost_bytes", 0);
    s(d, v, "vg_indirect_lost_blocks", 0);
}

static void rss(struct run_data *d, int v, double slope, double lo, double hi)
{
    s(d, v, "leak_bytes_per_cycle", slope);
    s(d, v, "leak_ci_low", lo);
    s(d, v, "leak_ci_high", hi);
}

static void test_verdict(void)
{
    struct run_data d = {0};
    int a = rd_add_variant(&d, "perload", "c", "c", "gcc");
    int b = rd_add_variant(&d, "clean", "c", "c", "gcc");
    int c = rd_add_variant(&d, "cache", "c", "c", "gcc");
    int e = rd_add_variant(&d, "once", "c", "c", "gcc");
    int f = rd_add_variant(&d, "go", "go", "go", "local");
    int g = rd_add_variant(&d, "gleak", "go", "go", "local");
    int h = rd_add_variant(&d, "novg", "c", "c", "gcc");
    int k = rd_add_variant(&d, "nothing", "c", "c", "gcc");
    /* A rival sample of another scenario must not be picked up. */
    rd_add_sample(&d, a, 0, "cycle", "pinned", "main", "leak_bytes_per_cycle", "bytes", 0, 1);

    vg(&d, a, 262144.0 * 201, 201);
    rss(&d, a, 266240, 265000, 267000);
    vg(&d, b, 0, 0);
    rss(&d, b, -0.3, -1.1, 0.5);
    vg(&d, c, 0, 0);
    rss(&d, c, 4096, 4000, 4200);
    vg(&d, e, 3000, 3);
    rss(&d, e, 10, -20, 40);
    vg(&d, f, 0, 0);
    rss(&d, f, 0, 0, 0);
    s(&d, f, "go_gc_count", 0);
    vg(&d, g, 0, 0);
    rss(&d, g, 270000, 260000, 280000);
    s(&d, g, "go_gc_count", 70);
    s(&d, g, "go_heap_bytes_per_cycle", 262000);
    s(&d, g, "go_heap_growth_bytes", 70.0 * 1048576);
    s(&d, h, "vg_applicable", 0);
    rd_set_env(&d, "leak_check novg", "valgrind not applicable: killed by SIGILL");
    rss(&d, h, 5000, 4000, 6000);

    char *t = leak_verdict(&d, a);
    check(starts(t, "leaks ~256 KiB per cycle: valgrind definitely-lost 262144 B/cycle, RSS "
                    "slope 266240.0 B/cycle"),
          "verdict: per-load leak");
    printf("  %s\n", t);
    free(t);
    t = leak_verdict(&d, b);
    check(starts(t, "no leak: valgrind 0 B lost in 201 cycles, RSS slope -0.3 B/cycle (95 % "
                    "CI [-1.1, 0.5], includes 0)"),
          "verdict: no leak");
    printf("  %s\n", t);
    free(t);
    t = leak_verdict(&d, c);
    check(starts(t, "RSS grows ~4 KiB per cycle but valgrind finds no per-cycle loss: "
                    "allocator caching or a runtime heap, not a leak of the library"),
          "verdict: RSS grows, valgrind clean");
    printf("  %s\n", t);
    free(t);
    t = leak_verdict(&d, e);
    check(starts(t, "no leak: ") && strstr(t, "once, not per cycle"), "verdict: one-off loss");
    printf("  %s\n", t);
    free(t);
    t = leak_verdict(&d, f);
    check(starts(t, "no leak: ") && strstr(t, "Go heap: 0 collections"), "verdict: Go, no GC");
    printf("  %s\n", t);
    free(t);
    t = leak_verdict(&d, g);
    check(starts(t, "Go heap grows ~256 KiB per cycle"), "verdict: Go heap leak");
    printf("  %s\n", t);
    free(t);
    t = leak_verdict(&d, h);
    check(starts(t, "RSS grows ~4.88 KiB per cycle and valgrind could not tell why") &&
              strstr(t, "killed by SIGILL"),
          "verdict: valgrind not applicable, reason carried");
    printf("  %s\n", t);
    free(t);
    t = leak_verdict(&d, k);
    check(starts(t, "not checked: "), "verdict: nothing measured");
    printf("  %s\n", t);
    free(t);
    rd_free(&d);
}

int main(void)
{
    test_valgrind();
    test_gctrace();
    test_verdict();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
