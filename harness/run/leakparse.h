/* leakparse.h - the pure functions of `run --leak-check` (leakparse.c):
 * what a valgrind log and GODEBUG=gctrace=1 output say. Samples and env
 * lines: see leakcheck.h; the verdicts over them: results/verdicts.h. */
#ifndef DLBENCH_LEAKPARSE_H
#define DLBENCH_LEAKPARSE_H

#include <stddef.h>

#include "results/rundata.h"

/* Where the leak check's samples go: the cycle scenario's fresh mode, main
 * thread (the RSS slope the verdict reads is there too). */
#define LEAK_SCENARIO "cycle"
#define LEAK_WORKLOAD "fresh"
#define LEAK_THREAD "main"

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

#endif
