/* measure.h - `dlbench measure`: one measurement of one library in the
 * current process, written as CSV rows to stdout.
 *
 * Row format (header first):
 *   variant,scenario,workload,thread,metric,unit,rep,value
 * One row per sample; value is in the unit named. Records between the rows
 * say which step the child began ("#step,bench_add"), and the last line
 * "#end,<lines>" that it finished: a stream without it is incomplete (see
 * rows.h). The parent (verify, run) runs this in a child process and reads
 * the rows from a pipe. Progress, diagnostics and everything the library
 * prints go to stderr, never among the rows.
 *
 * Each scenario lives in harness/measure/<scenario>.c and is a row of the
 * table in scenario.h. */
#ifndef DLBENCH_MEASURE_H
#define DLBENCH_MEASURE_H

#include <stdio.h>

#include "matrix/config.h"
#include "measure/rows.h"
#include "base/util.h"

enum thread_kind { THREAD_MAIN = 1, THREAD_PTHREAD = 2, THREAD_BOTH = 3 };
enum cycle_mode { MODE_FRESH = 1, MODE_PINNED = 2, MODE_BOTH = 3 };

struct measure_opts {
    const char *lib;          /* path of the library */
    const char *variant;      /* label for the variant column */
    const char *scenario;     /* call, load, cycle, size, once, verify */
    const char *workload;     /* call: one workload ("fib" = every fib arg,
                               * "fib/30" = one), NULL = all */
    enum thread_kind thread;  /* call: which threads measure */
    int repetitions;          /* call: timed repetitions per workload */
    double min_time_ms;       /* call: minimum length of one repetition */
    double warmup_ms;         /* call: warm-up length per workload */
    int cycles;               /* cycle: number of dlopen/dlclose cycles */
    int sample_every;         /* cycle: cycles between resource samples */
    enum cycle_mode mode;     /* cycle: fresh, pinned or both */
    int pin_cpu;              /* -1: do not pin */
    int fib_args[16];         /* call: fib arguments */
    int n_fib;
    struct symbol_map symbols;
    int quick;                /* tiny budgets, same code paths (tests) */
    const char *baseline_lib; /* pair: the baseline library, loaded beside lib */
    struct symbol_map baseline_symbols; /* pair: the baseline's symbol map */
    const char *baseline_variant; /* pair: the baseline's name for step labels
                               * ("bench_add of the baseline 'sigstop'"); NULL:
                               * the file name of baseline_lib */
    unsigned counters;        /* CTR_* of measure/counters.h (default CTR_TIME):
                               * instructions without time = count under callgrind */
    int engine;               /* call: ENGINE_NATIVE, _GBENCH or _BOTH
                               * (measure/gbench.h); which loops time it */
    int leak_counts;          /* cycle: under valgrind memcheck, a leak count at
                               * each sample (vg_* rows, see cycle.c); set by
                               * run --leak-check, a no-op outside memcheck */
};

/* Defaults of every option (as documented in `dlbench measure --help`). */
void measure_opts_defaults(struct measure_opts *o);
void measure_opts_free(struct measure_opts *o);

/* Runs o->scenario through the scenario table (scenario.h): the ELF
 * pre-check where the row asks for it, the CSV header for scenarios that
 * write rows, then the scenario's run function. 0, or non-zero after
 * "dlbench: error: ..." on stderr. o->lib must name the file (a path with
 * a slash: dlopen would search the library path otherwise). */
int measure_dispatch(const struct measure_opts *o, struct row_writer *w);

/* Runs the scenario of o (lib and scenario set; the command line is
 * cli/measure.c) with rows on stdout. Returns the exit status: EXIT_OK, or
 * EXIT_SOME_FAILED after "dlbench: error: ..." (a library that cannot be
 * loaded, a failed check). o is not changed. */
int measure_execute(const struct measure_opts *o);

#endif
