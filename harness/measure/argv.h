/* argv.h - the one builder of a `dlbench measure` command line, used by
 * every parent that starts a measuring child: verify (matrix/verify.c), the
 * run's jobs (run/plan.c), the leak check (run/leakcheck.c) and the
 * hyperfine command of the process scenario (run/process.c).
 *
 * Which options a scenario gets is the scenario table's business
 * (scenario.h: SC_KNOBS_*): a knob is passed only to scenarios that take
 * it, so the builder never writes an option `measure` would reject. */
#ifndef DLBENCH_MEASURE_ARGV_H
#define DLBENCH_MEASURE_ARGV_H

#include <stddef.h>

#include "base/util.h"

struct measure_cmd {
    const char *exe;          /* the dlbench to run; NULL = self_exe() */
    const char *scenario;     /* --scenario: a row of the table with SC_MEASURE */
    const char *lib;          /* --lib: library path (any bytes but NUL) */
    const char *variant;      /* --variant, or NULL (measure uses the file name) */
    const char *symbols;      /* --symbols spec (symbol_map_format), NULL or "" = none */
    int quick;                /* --quick when non-zero */
    int pin_cpu;              /* --pin-cpu N when >= 0 (measure_cmd_init sets -1) */
    const char *counters;     /* --counter LIST (measure/counters.h) when set; only
                               * for scenarios with a count function or SC_KNOBS_CALL */
    /* SC_KNOBS_CALL */
    int repetitions;          /* --repetitions: timed repetitions per workload */
    double min_time_ms;       /* --min-time-ms: minimum length of one repetition, ms */
    double warmup_ms;         /* --warmup-ms: warm-up per workload, ms */
    const char *thread;       /* --thread main|pthread|both */
    const char *workload;     /* --workload W when set */
    const char *engine;       /* --engine native|gbench|both; NULL = not passed */
    const int *fib;           /* --fib a,b,...: n_fib arguments */
    size_t n_fib;
    /* SC_PAIR */
    const char *baseline_lib;     /* --baseline-lib */
    const char *baseline_symbols; /* --baseline-symbols, NULL or "" = none */
    const char *baseline_variant; /* --baseline-variant, NULL = not passed */
    /* SC_KNOBS_CYCLE */
    long cycles;              /* --cycles: timed dlopen/dlclose cycles */
    long sample_every;        /* --sample-every: cycles between resource samples (>= 1) */
    const char *mode;         /* --mode fresh|pinned|both */
    int leak_counts;          /* --leak-counts when non-zero (run --leak-check's
                               * memcheck run: leak counts at each sample) */
};

/* Zeroes c and sets scenario, lib and pin_cpu = -1 (no pinning). */
void measure_cmd_init(struct measure_cmd *c, const char *scenario, const char *lib);

/* Appends the command line to argv:
 *   EXE measure --lib L [--variant V] [--symbols SPEC] --scenario S [--quick]
 *       [--pin-cpu N] [--counter LIST] [knobs of S: call adds --engine E when engine is set]
 * Integers are written in full ("2000000", never "2e+06"). The caller frees
 * argv with sl_free. */
void measure_cmd_argv(const struct measure_cmd *c, struct strlist *argv);

/* The same command as one string for hyperfine -N, which splits it with
 * shell-words (POSIX rules): every word but the command name, option names
 * and scenario names is single-quoted (shell_quote), so any byte but NUL
 * round-trips. Caller frees. */
char *measure_cmd_shell(const struct measure_cmd *c);

#endif
