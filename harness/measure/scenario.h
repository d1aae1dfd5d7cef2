/* scenario.h - the scenarios: one table row each, one file each
 * (harness/measure/<name>.c holds its run function).
 *
 * Everything that lists scenarios asks this table: `dlbench measure`
 * dispatches through it (measure.c), [run] scenarios in bench.toml are
 * checked against it (matrix/config.c), the run planner takes each
 * scenario's job kind and shape from it (run/plan.c), the measure argv
 * builder passes each scenario only the options it takes (measure/argv.c),
 * and the benchstat writer names benchmarks by it (results/writers.c).
 *
 * Adding a scenario: one row in scenario.c, its own <name>.c with the run
 * function declared below, and - if `dlbench run` measures it - a job kind
 * row in run/plan.c (or an existing kind named in .job). */
#ifndef DLBENCH_SCENARIO_H
#define DLBENCH_SCENARIO_H

#include <stddef.h>

struct measure_opts;   /* measure/measure.h */
struct row_writer;     /* measure/measure.h */

/* Runs one scenario in this process. Returns 0 on success, or prints
 * "dlbench: error: ..." and returns non-zero (the child then exits 1). A
 * crash is the parent's business. */
typedef int (*scenario_fn)(const struct measure_opts *o, struct row_writer *w);

enum scenario_flag {
    SC_MEASURE = 1u << 0,   /* `dlbench measure --scenario NAME` runs it (has .run) */
    SC_RUN = 1u << 1,       /* a scenario of `dlbench run` ([run] scenarios, --scenarios) */
    SC_LOADS = 1u << 2,     /* dlopens the library (size only reads the file) */
    SC_TIMING = 1u << 3,    /* measures time: its jobs are shuffled within a round */
    SC_ROWS = 1u << 4,      /* writes the CSV header and rows (verify writes its own
                             * lines, once only its records) */
    SC_PRECHECK = 1u << 5,  /* measure checks the ELF file before running it; once
                             * skips this, it is timed as a whole process */
    SC_PER_ROUND = 1u << 6, /* a series over rounds: one job per variant in every
                             * round; otherwise one per run. The statistics are
                             * over processes (results/aggregate.h): a scenario
                             * measured by one process per run gets no test */
    SC_PER_MODE = 1u << 7,  /* one job per variant per [run] mode (fresh, pinned);
                             * with SC_PER_ROUND one per mode in every round */
    SC_KNOBS_CALL = 1u << 8,  /* takes --repetitions --min-time-ms --warmup-ms
                               * --thread --fib */
    SC_KNOBS_CYCLE = 1u << 9, /* takes --cycles --sample-every --mode */
    SC_PAIR = 1u << 10,       /* loads --baseline-lib beside --lib (takes
                               * --baseline-lib --baseline-symbols); the run
                               * plans it only for variants paired with the
                               * baseline (run/plan.c) */
};

struct scenario {
    const char *name;   /* --scenario value and the "scenario" column of rows */
    const char *title;  /* benchstat benchmark name: Benchmark<title> */
    scenario_fn run;    /* NULL when `measure` does not run it (process: hyperfine
                         * times `once` as a whole process) */
    unsigned flags;     /* SC_* */
    const char *job;    /* the `run` job kind that measures it (run/plan.c), or
                         * NULL (once runs inside process, verify before a run) */
    const char *help;   /* one line for --help texts */
    /* Under callgrind (`measure --counter instructions`, counters.h): runs
     * the scenario's loops bracketed by cg_loop_begin/cg_loop_end, or NULL
     * when the scenario counts no instructions. Writes no rows of counts:
     * the run outside valgrind reads the dumps. */
    scenario_fn count;
};

/* The table, in the order scenarios are listed, planned and reported. */
extern const struct scenario scenario_table[];
extern const size_t n_scenarios;

/* The row named name that has every flag of need, or NULL. */
const struct scenario *scenario_find(const char *name, unsigned need);
/* Names of the rows with every flag of need, in table order, into
 * out[0..max); returns how many there are (may exceed max: then only max
 * were stored). The strings are static. */
size_t scenario_names(unsigned need, const char **out, size_t max);

/* ------------------------------------------------------------ run functions */

int scenario_call(const struct measure_opts *o, struct row_writer *w);
/* The call scenario's workloads on lib and on baseline_lib, both loaded in
 * this process, batches alternating (call.c). */
int scenario_pair(const struct measure_opts *o, struct row_writer *w);
int scenario_load(const struct measure_opts *o, struct row_writer *w);
int scenario_cycle(const struct measure_opts *o, struct row_writer *w);
int scenario_size(const struct measure_opts *o, struct row_writer *w);
/* Loads, calls add once, checks the answer, exits: for whole-process cold
 * start under hyperfine. Writes only its records (steps, "#end,0"). */
int scenario_once(const struct measure_opts *o, struct row_writer *w);
/* Known answers for every ABI function. Writes tab-separated lines, not
 * CSV rows:
 *   info<TAB><bench_impl_info, tabs/CR/LF as spaces; "-" if missing>
 *   file_toolchain<TAB><the toolchain the file names (toolid.h), or "-">
 *   free<TAB><how hello's strings are released: a symbol, "libc free",
 *            "nothing (free = \"\")"> (only when hello is there)
 *   symbol<TAB><workload><TAB><symbol><TAB><1|0>   (noop add fib hello free info)
 *   check<TAB><workload><TAB><pass|fail|skip><TAB><detail>
 *                                                  (noop add fib hello info)
 * Returns 0 if no check failed, 1 otherwise. */
int scenario_verify(const struct measure_opts *o, struct row_writer *w);

/* The count functions (.count): call.c, load.c, cycle.c. */
int count_call(const struct measure_opts *o, struct row_writer *w);
int count_load(const struct measure_opts *o, struct row_writer *w);
int count_cycle(const struct measure_opts *o, struct row_writer *w);

/* ------------------------------------------------------------ helpers */

/* Pins the calling thread to cpu (no-op when cpu < 0). 0, or -1 with errno
 * set (EINVAL when cpu >= CPU_SETSIZE). */
int pin_to_cpu(int cpu);
/* After a pinned measurement (cpu >= 0): when the calling thread's CPU
 * affinity is no longer {cpu} - the library moved it (a constructor run
 * by every dlopen of a cycle, a call) - writes the row
 * <workload>,<thread>,pin_lost,bool,0,1 and warns with the CPUs it is on
 * now. Results of that variant and scenario then carry the warning
 * (results/rundata.c): "pinned to CPU 1" is not true of them. */
void pin_check(int cpu, struct row_writer *w, const char *workload, const char *thread);

#endif
