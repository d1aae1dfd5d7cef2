/* aggregate.h - the per-process rule, in one place: which values the
 * statistics of one result run on.
 *
 * The independent unit is the process: samples of one process share its
 * memory layout and the machine's state, and on a shared VM processes
 * settle at levels that differ more than samples within one (measured: C
 * add 2.52 / 2.87 / 3.15 ns in three processes, < 1 % inside each). So when
 * several processes gave several samples each, the statistics are over one
 * value per process (n = processes, CIs not made narrow by correlated
 * samples), and the mean cv inside a process is kept to show where the
 * spread comes from. One process (the cycle batches), one sample per
 * process, or a sample whose process is unknown: the samples themselves.
 *
 * Which statistic of a process: for call times (metrics ending in
 * "ns_per_call": call, and both sides of pair) the lower quartile of its
 * batches; for everything else the median. (A pair process gives one
 * ratio, the lower quartiles of its two sides: measure/call.c.)
 * Why: interference only ever adds time to a batch - a preemption, an
 * interrupt, another tenant on the core - and on this shared 2-core VM
 * (load average 4 to 7 while others build and test) a 5 ms fib(30) batch
 * of Go was disturbed in most processes: per-process medians of Go
 * fib/30 spread to an MDE of 24.7 % over 20 processes, lower quartiles to
 * 1.8 %; add went from 0.36 % to 0.22 % (C), 1.83 % to 0.54 % (Go). The
 * lower quartile still ignores a process's single fastest batches (an
 * extreme value, the minimum moves with the number of batches).
 * Lower quartile of m sorted values: the value at 0-based index
 * floor((m - 1) / 4) (m = 3: the smallest; m = 20: the 5th smallest).
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
    int per_process;      /* 1: x holds one value per process (the statistic of
                           * aggregate_low_quartile), in order of each process's
                           * first sample; 0: x is the samples */
    double cv_within_pct; /* mean cv (%) inside one process over the processes
                           * with 2+ samples; NaN when not per_process or none */
    int one_process;      /* 1: 2+ samples, all from one known process: no test */
};

/* 1 when metric's per-process statistic is the lower quartile (call
 * times), 0 when it is the median. */
int aggregate_low_quartile(const char *metric);

/* Reduces samples x[0..n) of metric taken by processes proc[0..n) (an id
 * < 0 means unknown; proc may be NULL: all unknown) to the values
 * statistics run on. x is not modified. */
void aggregate_per_process(const char *metric, const double *x, const long *proc, size_t n,
                           struct proc_values *out);
void proc_values_free(struct proc_values *pv);

/* The smallest resolvable change of pv's values, percent (stats_mde_pct
 * over pv->x); NaN when one_process or fewer than 2 values. */
double aggregate_mde_pct(const struct proc_values *pv);

#endif
