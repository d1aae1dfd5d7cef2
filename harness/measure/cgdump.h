/* cgdump.h - reading callgrind's dump files (pure: text in, numbers out).
 *
 * `dlbench measure --counter instructions` runs the measuring child under
 * valgrind --tool=callgrind --collect-atstart=no --separate-threads=yes.
 * The child brackets each counted loop with client requests (counters.h):
 * zero the counts, collect on, the loop, collect off, dump with a label.
 * Callgrind writes one file per dump and thread that has costs,
 * <out>.<dump>-<thread>; a file's header carries the label in
 *   desc: Trigger: Client Request: <label>
 * and its instruction count (event Ir) in "totals: N" or, in older
 * releases, only "summary: N" (callgrind_format(5)).
 *
 * Labels are written by counters.c: "dlbench;<metric>;<workload>;<thread>;<n>"
 * with n the calls (or cycles) in the loop. Two loop lengths of one
 * (metric, workload, thread) give the count per call by differencing:
 * (I(n2) - I(n1)) / (n2 - n1), so what a loop costs once (the client
 * requests, the loop's set-up) cancels. One length gives I / n. */
#ifndef DLBENCH_CGDUMP_H
#define DLBENCH_CGDUMP_H

#include <stddef.h>
#include <stdint.h>

/* One dump file. */
struct cg_dump {
    char label[192];    /* the client request's label; "" if the dump had none
                         * (e.g. "Program termination") */
    uint64_t ir;        /* instructions executed (event Ir) */
};

/* Reads one dump file's text. 0, or -1 when it is not a callgrind dump
 * with a "totals:" or "summary:" line (a first event other than Ir is
 * refused too). */
int cg_dump_parse(const char *text, struct cg_dump *out);

/* One counted loop: the fields of a label. */
struct cg_label {
    char metric[48], workload[48], thread[16];
    uint64_t n;         /* calls or cycles in the loop (>= 1) */
};

/* Splits "dlbench;metric;workload;thread;n". 0, or -1 when label is not
 * one of ours. */
int cg_label_parse(const char *label, struct cg_label *out);

/* The per-call value of the counts of one (metric, workload, thread):
 * n[i] loop lengths and ir[i] their counts (the sums over threads), k of
 * them. With two or more distinct lengths, the least and the largest are
 * differenced; with one, ir / n. Returns 0, or -1 when k == 0 or the
 * larger loop counted fewer instructions than the smaller (a dump lost). */
int cg_per_unit(const uint64_t *n, const uint64_t *ir, size_t k, double *out);

#endif
