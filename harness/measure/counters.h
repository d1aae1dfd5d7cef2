/* counters.h - what a measurement counts besides time: the counter names
 * ([run] counters in bench.toml, `dlbench measure --counter`), counting
 * instructions under callgrind, and the brackets a counted loop uses.
 *
 * Two instruments:
 *   - instructions (callgrind): `measure --counter instructions` re-runs
 *     itself under valgrind --tool=callgrind --collect-atstart=no
 *     --separate-threads=yes; the inner run brackets each loop with client
 *     requests (valgrind/callgrind.h, header macros only: no link
 *     dependency, no-ops outside valgrind) and the outer run reads the
 *     dumps and writes rows. Counting is per thread (a client request
 *     toggles collection of the calling thread only), so a Go runtime's
 *     background threads do not count, and the cgo call's own work on the
 *     calling thread does. Rows (thread as asked, rep 0):
 *       call:  instructions_per_call (instr), every workload
 *       load:  instructions (instr), workload "": dlopen with RTLD_NOW on
 *              the calling thread; workload "add": the first add(2, 3)
 *       cycle: instructions_per_cycle (instr), workload "fresh": one
 *              dlopen, dlsym, add, dlclose
 *     valgrind missing: a warning, no rows, exit 0 (skipped, not failed).
 *     Go: the inner run sets GODEBUG=asyncpreemptoff=1 (valgrind 3.19's
 *     callgrind aborts on Go's preemption signals: threads.c:247
 *     "sigNum == current_state.sig"); the calling thread's path of a cgo
 *     call does not use that signal.
 *   - hardware counters (pmu.h): cycles, instructions, branch-misses,
 *     cache-misses read with perf_event_open around the timed batches of
 *     the call scenario, where the kernel has a PMU; absent: a warning. */
#ifndef DLBENCH_COUNTERS_H
#define DLBENCH_COUNTERS_H

#include <stddef.h>
#include <stdint.h>

struct row_writer; /* measure/rows.h */

enum counter_bit {
    CTR_TIME = 1u << 0,          /* ns_per_call etc.: the scenario's own rows */
    CTR_INSTRUCTIONS = 1u << 1,  /* callgrind (and the PMU's, next to time) */
    CTR_CYCLES = 1u << 2,        /* PMU only */
    CTR_BRANCH_MISSES = 1u << 3, /* PMU only */
    CTR_CACHE_MISSES = 1u << 4,  /* PMU only */
};

struct counter_def {
    const char *name;            /* "time", "instructions", "cycles", ... */
    unsigned bit;                /* CTR_* */
    const char *help;
};
extern const struct counter_def counter_table[];
extern const size_t n_counters;
/* The names alone, in table order (bench.toml's allowed values). */
extern const char *const counter_names[];

/* The bit of a counter name, or 0. */
unsigned counter_bit(const char *name);
/* "time,instructions": comma-separated names -> bits. 0, or -1 with
 * "unknown counter 'x' (time, instructions, ...)" in err. */
int counters_parse(const char *list, unsigned *bits, char *err, size_t errlen);
/* The names of bits, comma-separated, into buf (table order). */
void counters_format(unsigned bits, char *buf, size_t len);

/* 1 inside valgrind (the inner run of `measure --counter instructions`). */
int cg_running(void);

/* Outcomes of cg_count_outside. */
enum cg_outcome {
    CG_COUNTED,      /* rows written */
    CG_NO_VALGRIND,  /* valgrind is not on PATH: nothing counted, not an error */
    CG_FAILED        /* err says why */
};
/* The outer run of `measure --counter instructions` (measure/measure.c
 * calls it): runs inner (a NULL-terminated `dlbench measure ...` argv that
 * counts) under callgrind, reads the dumps and writes one row per counted
 * loop on w (unit instr, rep 0). */
enum cg_outcome cg_count_outside(char *const *inner, struct row_writer *w, char *err,
                                 size_t errlen);

/* Brackets of one counted loop (inside callgrind only): begin zeroes every
 * count and starts collecting on the calling thread, end stops, dump writes
 * the counts with the label "dlbench;metric;workload;thread;n" (cgdump.h).
 * The brackets cost a fixed number of instructions, which differencing two
 * loop lengths cancels - if the code between them is the same for both
 * lengths: call them from one noinline function taking n, never from an
 * unrolled loop over the lengths. */
void cg_loop_begin(void);
void cg_loop_end(void);
void cg_dump(const char *metric, const char *workload, const char *thread, uint64_t n);
/* Loop lengths for an item whose one call costs about cost_instr
 * instructions: n1 and n2 = 3 n1, with n1 * cost about 2e6 (2e5 quick),
 * between 2 and 1000. */
void cg_loop_lengths(double cost_instr, int quick, uint64_t *n1, uint64_t *n2);

#endif
