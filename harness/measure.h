/* measure.h - `dlbench measure`: one measurement of one library in the
 * current process, written as CSV rows to stdout.
 *
 * Row format (header first):
 *   variant,scenario,workload,thread,metric,unit,rep,value
 * One row per sample; value is in the unit named. The parent (verify, run)
 * runs this in a child process and reads the rows from a pipe. Progress
 * and diagnostics go to stderr, never stdout.
 *
 * Each scenario lives in harness/measure/<scenario>.c. */
#ifndef DLBENCH_MEASURE_H
#define DLBENCH_MEASURE_H

#include <stdio.h>

#include "config.h"

#define MEASURE_CSV_HEADER "variant,scenario,workload,thread,metric,unit,rep,value"

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
};

/* Writes rows; one per sample. */
struct row_writer {
    FILE *out;
    const char *variant;
    const char *scenario;
};
void row_header(struct row_writer *w);
/* workload and thread may be "" (e.g. the size scenario). */
void row_emit(struct row_writer *w, const char *workload, const char *thread,
              const char *metric, const char *unit, long rep, double value);

/* Each returns 0 on success, or prints "dlbench: error: ..." and returns
 * non-zero (the process then exits 1). A crash is the parent's business. */
int scenario_call(const struct measure_opts *o, struct row_writer *w);
int scenario_load(const struct measure_opts *o, struct row_writer *w);
int scenario_cycle(const struct measure_opts *o, struct row_writer *w);
int scenario_size(const struct measure_opts *o, struct row_writer *w);
/* Loads, calls add once, checks the answer, exits: for whole-process cold
 * start under hyperfine. Writes nothing on success. */
int scenario_once(const struct measure_opts *o, struct row_writer *w);
/* Known answers for every ABI function; see verify.h for its output. */
int scenario_verify(const struct measure_opts *o, struct row_writer *w);

/* Pins the calling thread to cpu (no-op when cpu < 0). 0 or -1. */
int pin_to_cpu(int cpu);

/* Entry point of the `measure` command. */
int cmd_measure(int argc, char **argv);

#endif
