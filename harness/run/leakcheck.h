/* leakcheck.h - `run --leak-check`: the leak triple check of one variant
 * (valgrind memcheck, the Go heap through GODEBUG=gctrace=1, and the RSS
 * slope of the cycle scenario) and the verdict drawn from the three.
 *
 * Samples (scenario "cycle", workload "fresh", thread "main", rep 0), added
 * by run_leak_job (run.h):
 *   vg_applicable                       bool   1 when valgrind ran the loop to
 *                                              its end, 0 when it could not
 *                                              (reason in env, see below)
 *   vg_definitely_lost_bytes            bytes  valgrind LEAK SUMMARY totals
 *   vg_indirect_lost_bytes              bytes
 *   vg_possibly_lost_bytes              bytes
 *   vg_still_reachable_bytes            bytes
 *   vg_definitely_lost_blocks           count
 *   vg_indirect_lost_blocks             count
 *   vg_cycles                           count  cycles run under valgrind: N + 1
 *   vg_definitely_lost_bytes_per_cycle  bytes  definitely lost / cycles run
 *                                              (the N timed cycles plus the
 *                                              cycle scenario's warm-up one)
 *   vg_errors                           count  memcheck errors (ERROR SUMMARY)
 *   go_gc_count                         count  Go variants only: collections from
 *                                              the runtime's start (warm-up cycle)
 *                                              to the end of the loop
 *   go_heap_bytes_per_cycle             bytes  Go variants only, when >= 3
 *                                              collections ran: slope of the
 *                                              live heap over the cycle index
 *   go_heap_live_bytes                  bytes  live heap after the last one
 *   go_heap_growth_bytes                bytes  last minus first live heap
 * (gctrace prints whole MiB: the Go figures resolve ~1 MiB over the loop.)
 * Environment (env.txt), one line each per variant:
 *   "leak_check <variant>"     what valgrind did ("valgrind 3.19.0 memcheck,
 *                              201 cycles: ..." or "valgrind not applicable:
 *                              <reason seen>")
 *   "leak_check_go <variant>"  what gctrace showed (Go variants)
 *   "leak_verdict <variant>"   leak_verdict() below */
#ifndef DLBENCH_LEAKCHECK_H
#define DLBENCH_LEAKCHECK_H

#include <stddef.h>

#include "results/rundata.h"

/* What a valgrind log file says. */
struct vg_report {
    int have_summary;       /* a heap summary was printed: the run reached exit */
    long long def_bytes, def_blocks;
    long long ind_bytes, ind_blocks;
    long long pos_bytes, pos_blocks;
    long long reach_bytes, reach_blocks;
    long long errors;       /* -1 when no ERROR SUMMARY line */
    char version[32];       /* "3.19.0", or "" */
    char *fatal;            /* the first two lines saying valgrind or the program
                             * died ("; "-separated), or NULL */
    char *warnings;         /* distinct warnings, "; "-separated, or NULL */
};

/* Parses the text of a memcheck --log-file. 0, or -1 when it is not a
 * valgrind log at all. Free with vg_report_free. */
int vg_parse_log(const char *log, struct vg_report *r);
void vg_report_free(struct vg_report *r);

/* One collection from a GODEBUG=gctrace=1 line. */
struct gc_line {
    long n;                 /* "gc N" */
    double t_s;             /* "@T s" since the runtime started */
    double live_bytes;      /* third number of "A->B->C MB", MB = 2^20 bytes */
};

/* Parses every "gc N @Ts P%: ... A->B->C MB ..." line of text (other lines
 * are skipped). Returns the number found; *out is allocated (caller frees). */
size_t go_parse_gctrace(const char *text, struct gc_line **out);

/* The verdict of one variant from its samples (valgrind, Go heap, the
 * fresh-mode RSS slope of the cycle scenario) and its "leak_check" env
 * note. Always returns a one-line text; caller frees. */
char *leak_verdict(const struct run_data *d, int variant);

#endif
