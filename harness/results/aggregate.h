/* aggregate.h - the per-process rule, in one place: which values the
 * statistics of one result run on.
 *
 * The independent unit is the process: samples of one process share its
 * memory layout and the machine's state, and on a shared VM processes
 * settle at levels that differ more than samples within one (measured: C
 * add 2.52 / 2.87 / 3.15 ns in three processes, < 1 % inside each). So when
 * several processes gave several samples each, the statistics are over the
 * processes' medians (n = processes, CIs not made narrow by correlated
 * samples), and the mean cv inside a process is kept to show where the
 * spread comes from. One process (the cycle batches), one sample per
 * process, or a sample whose process is unknown: the samples themselves.
 *
 * Several samples all from one process are not independent: nothing can be
 * tested on them and no smallest resolvable change computed (one_process;
 * `compare` says "one process: no test", mde_pct is empty). A single value
 * is not one_process: it is what it is (a file size, a flag).
 *
 * Used by rd_summarize (summary.csv) and by `compare` (the U test), so the
 * two always test what the summary shows; aggregate_mde_pct is the MDE
 * both report. */
#ifndef DLBENCH_AGGREGATE_H
#define DLBENCH_AGGREGATE_H

#include <stddef.h>

struct proc_values {
    double *x;            /* the values to summarise (allocated; proc_values_free) */
    size_t n;             /* how many */
    size_t n_procs;       /* distinct process ids among the samples */
    int per_process;      /* 1: x holds per-process medians, in order of each
                           * process's first sample; 0: x is the samples */
    double cv_within_pct; /* mean cv (%) inside one process over the processes
                           * with 2+ samples; NaN when not per_process or none */
    int one_process;      /* 1: 2+ samples, all from one known process: no test */
};

/* Reduces samples x[0..n) taken by processes proc[0..n) (an id < 0 means
 * unknown; proc may be NULL: all unknown) to the values statistics run on.
 * x is not modified. */
void aggregate_per_process(const double *x, const long *proc, size_t n, struct proc_values *out);
void proc_values_free(struct proc_values *pv);

/* The smallest resolvable change of pv's values, percent (stats_mde_pct
 * over pv->x); NaN when one_process or fewer than 2 values. */
double aggregate_mde_pct(const struct proc_values *pv);

#endif
