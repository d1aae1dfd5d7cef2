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
 * Each scenario lives in harness/measure/<scenario>.c. */
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
};

/* Defaults of every option (as documented in `dlbench measure --help`). */
void measure_opts_defaults(struct measure_opts *o);
/* Parses the options of `measure` (argv[0] is the command name). Returns
 * 0, 1 after --help (usage printed), or -1 after "dlbench: error: ...". */
int measure_parse_args(int argc, char **argv, struct measure_opts *o);
void measure_opts_free(struct measure_opts *o);

/* Checks that path is a regular file holding a 64-bit ELF shared object
 * for this machine, without loading it. 0, or -1 with a message in err
 * ("'x' is a directory", "'x' is not an ELF file", ...). In size.c. */
int elf_check_file(const char *path, char *err, size_t errlen);
/* The e_machine of the running harness (EM_X86_64, EM_AARCH64, ...). */
int elf_host_machine(void);

/* The thread column of a row. */
const char *thread_name(enum thread_kind t);

/* Each returns 0 on success, or prints "dlbench: error: ..." and returns
 * non-zero (the process then exits 1). A crash is the parent's business. */
int scenario_call(const struct measure_opts *o, struct row_writer *w);
int scenario_load(const struct measure_opts *o, struct row_writer *w);
int scenario_cycle(const struct measure_opts *o, struct row_writer *w);
int scenario_size(const struct measure_opts *o, struct row_writer *w);
/* Loads, calls add once, checks the answer, exits: for whole-process cold
 * start under hyperfine. Writes only its records (steps, "#end,0"). */
int scenario_once(const struct measure_opts *o, struct row_writer *w);
/* Known answers for every ABI function. Writes tab-separated lines, not
 * CSV rows:
 *   info<TAB><bench_impl_info, tabs/CR/LF as spaces; "-" if missing>
 *   symbol<TAB><workload><TAB><symbol><TAB><1|0>   (noop add fib hello free info)
 *   check<TAB><workload><TAB><pass|fail|skip><TAB><detail>
 *                                                  (noop add fib hello info)
 * Returns 0 if no check failed, 1 otherwise. */
int scenario_verify(const struct measure_opts *o, struct row_writer *w);

/* Pins the calling thread to cpu (no-op when cpu < 0). 0 or -1. */
int pin_to_cpu(int cpu);

/* Entry point of the `measure` command. */
int cmd_measure(int argc, char **argv);

#endif
