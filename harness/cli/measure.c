/* measure.c - `dlbench measure`: options, then measure_execute
 * (measure/measure.c).
 *
 * The once scenario is timed as a whole process by hyperfine: this path
 * only parses argv - no config file, no /proc. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "measure/counters.h"
#include "measure/gbench.h"
#include "measure/measure.h"
#include "measure/scenario.h"


static const struct opt_choice threads[] = {
    {"main", THREAD_MAIN}, {"pthread", THREAD_PTHREAD}, {"both", THREAD_BOTH}, {NULL, 0}};
static const struct opt_choice engines[] = {
    {"native", ENGINE_NATIVE}, {"gbench", ENGINE_GBENCH}, {"both", ENGINE_BOTH}, {NULL, 0}};
static const struct opt_choice modes[] = {
    {"fresh", MODE_FRESH}, {"pinned", MODE_PINNED}, {"both", MODE_BOTH}, {NULL, 0}};

#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x)
#define FIB_MAX_TEXT TEXT_OF(FIB_MAX) /* "40" (matrix/config.h) */

/* --workload: noop, add, fib, fib/N, hello, floor. */
static int parse_workload(const struct option *opt, const char *w, char *err, size_t errlen)
{
    static const char *const plain[] = {"noop", "add", "fib", "hello", "floor"};
    long n;
    int ok = !strncmp(w, "fib/", 4) && parse_long(w + 4, 0, FIB_MAX, &n) == 0;
    for (size_t i = 0; i < ARRAY_LEN(plain); i++)
        ok |= !strcmp(w, plain[i]);
    if (!ok) {
        snprintf(err, errlen,
                 "unknown workload '%s' (noop, add, fib, fib/N with N in 0..%d, hello, floor)", w,
                 FIB_MAX);
        return -1;
    }
    *(const char **)opt->value = w;
    return 0;
}

/* --fib N,N,...: 1 to 16 numbers in 0..FIB_MAX. */
static int parse_fib(const struct option *opt, const char *s, char *err, size_t errlen)
{
    struct measure_opts *o = opt->value;
    struct strlist l = {0};
    int rc = 0;
    sl_split(&l, s, ",");
    if (l.n == 0 || l.n > ARRAY_LEN(o->fib_args))
        rc = -1;
    for (size_t i = 0; rc == 0 && i < l.n; i++) {
        long n;
        if (parse_long(l.v[i], 0, FIB_MAX, &n) != 0)
            rc = -1;
        else
            o->fib_args[i] = (int)n;
    }
    if (rc == 0)
        o->n_fib = (int)l.n;
    else
        snprintf(err, errlen,
                 "invalid value '%s' for --fib (1 to %zu numbers in 0..%d, comma-separated)", s,
                 ARRAY_LEN(o->fib_args), FIB_MAX);
    sl_free(&l);
    return rc;
}

/* --symbols add=Add,...: replaces the whole map. */
static int parse_symbols(const struct option *opt, const char *s, char *err, size_t errlen)
{
    struct symbol_map *m = opt->value;
    char why[256] = "";
    symbol_map_free(m);
    memset(m, 0, sizeof *m);
    if (symbol_map_parse(m, s, why, sizeof why) != 0) {
        snprintf(err, errlen, "invalid value '%s' for --symbols: %s", s, why);
        return -1;
    }
    return 0;
}

/* --counter time,instructions,...: measure/counters.h. */
static int parse_counters(const struct option *opt, const char *s, char *err, size_t errlen)
{
    return counters_parse(s, opt->value, err, errlen);
}

static int no_positional(void *ctx, const char *arg, int after_dashdash, char *err, size_t errlen)
{
    (void)ctx;
    (void)after_dashdash;
    snprintf(err, errlen, "unexpected argument '%s' (see 'dlbench measure --help')", arg);
    return -1;
}

/* The help text before the options: what measure writes, the records
 * that prove a child finished (measure/rows.h), and the scenarios from the
 * scenario table. */
static void measure_about(struct strbuf *sb)
{
    sb_append(sb, "Runs one measurement of one library in this process and writes CSV rows\n"
                  "(" MEASURE_CSV_HEADER ") to stdout.\n"
                  "\n"
                  "Lines starting with '#' are records: '#step,LABEL' before each step\n"
                  "(dlopen, a call, dlclose) and '#end,N' last, N = the lines before it that\n"
                  "are not records. Output without '#end' is incomplete, whatever the exit\n"
                  "status: the library ended the process during the last step named.\n"
                  "What the library prints (stdout and stderr) goes to stderr, never among\n"
                  "the rows. dlbench's own messages go to stderr too, or with\n"
                  "DLBENCH_RECORDS=1 in the environment (set by verify and run) to stdout\n"
                  "as records '#error,TEXT', '#warning,TEXT', '#note,TEXT' (one line each,\n"
                  "a backslash written \\\\, a line break \\n), so stderr is the library's alone.\n"
                  "\n"
                  "scenarios:\n");
    for (size_t i = 0; i < n_scenarios; i++)
        if (scenario_table[i].flags & SC_MEASURE)
            sb_printf(sb, "  %-8s %s\n", scenario_table[i].name, scenario_table[i].help);
}

int cmd_measure(int argc, char **argv)
{
    struct measure_opts o;
    struct opt_choice scenarios[32];
    struct strbuf names = {0}, invalid = {0}, about = {0};
    cli_scenario_choices(SC_MEASURE, scenarios, ARRAY_LEN(scenarios), &names);
    sb_printf(&invalid, "unknown scenario '{arg}' (%s)", names.buf);
    measure_about(&about);
    /* Options given explicitly win over --quick, whatever the order. */
    int scenario = -1, set_reps = 0, set_min = 0, set_warm = 0, set_cycles = 0, set_every = 0;
    measure_opts_defaults(&o);
    int thread = o.thread, mode = o.mode, engine = o.engine;
    const struct option opts[] = {
        OPT_STRING(0, "lib", &o.lib, "PATH", "the shared library (required)",
                   .flags = OPTF_NONEMPTY),
        OPT_CHOICE(0, "scenario", &scenario, "NAME", scenarios,
                   "one of the scenarios above (required)",
                   .invalid = invalid.buf),
        OPT_STRING(0, "variant", &o.variant, "NAME", "variant column (default: the file name)",
                   .flags = OPTF_NONEMPTY),
        OPT_CALLBACK(0, "workload", &o.workload, "W", parse_workload,
                     "call: noop|add|fib|fib/N|hello|floor (default: all)"),
        OPT_CHOICE(0, "thread", &thread, "T", threads, "call: main|pthread|both (default: both)"),
        OPT_CHOICE(0, "engine", &engine, "E", engines,
                   "call: native|gbench|both: the harness's own loop, Google\n"
                   "Benchmark (module " GBENCH_MODULE_NAME " beside dlbench), or\n"
                   "both in turn (default: native)"),
        OPT_INT(0, "repetitions", &o.repetitions, "N", 1, 1000000,
                "call: timed repetitions per workload (default: 10)", .seen = &set_reps),
        OPT_DOUBLE(0, "min-time-ms", &o.min_time_ms, "X", 1e-3, 600000,
                   "call: minimum length of one repetition (default: 10)", .seen = &set_min),
        OPT_DOUBLE(0, "warmup-ms", &o.warmup_ms, "X", 0, 600000,
                   "call: warm-up per workload (default: 5)", .seen = &set_warm),
        OPT_CALLBACK(0, "fib", &o, "N,N", parse_fib, "call: fib arguments, 0.." FIB_MAX_TEXT " (default: 20,30)"),
        OPT_INT(0, "cycles", &o.cycles, "N", 1, 100000000, "cycle: timed cycles (default: 2000)",
                .seen = &set_cycles),
        OPT_INT(0, "sample-every", &o.sample_every, "N", 1, 100000000,
                "cycle: cycles between resource samples (default: 100)", .seen = &set_every),
        OPT_CHOICE(0, "mode", &mode, "M", modes, "cycle: fresh|pinned|both (default: both)"),
        OPT_FLAG(0, "leak-counts", &o.leak_counts,
                 "cycle: under valgrind memcheck, count leaks at each sample\n"
                 "(vg_leaked_bytes, vg_dubious_bytes, vg_reachable_bytes rows;\n"
                 "run --leak-check sets it); nothing outside memcheck"),
        OPT_CALLBACK(0, "counter", &o.counters, "LIST", parse_counters,
                     "time (default), instructions, cycles, branch-misses, cache-misses;\n"
                     "instructions alone: call, load, cycle counted under callgrind;\n"
                     "with time: PMU counters around the call scenario's timed batches"),
        OPT_INT(0, "pin-cpu", &o.pin_cpu, "N", -1, CPU_SETSIZE - 1,
                "pin the measuring thread to CPU N; -1 = none (default)"),
        OPT_CALLBACK(0, "symbols", &o.symbols, "SPEC", parse_symbols,
                     "symbol map and the cycle's call, e.g. add=Add,hello=Hello,\n"
                     "free= (never freed),cycle=hello,cycle_thread=pthread"),
        OPT_STRING(0, "baseline-lib", &o.baseline_lib, "PATH",
                   "pair: the baseline library, loaded beside --lib", .flags = OPTF_NONEMPTY),
        OPT_CALLBACK(0, "baseline-symbols", &o.baseline_symbols, "SPEC", parse_symbols,
                     "pair: the baseline's symbol map"),
        OPT_STRING(0, "baseline-variant", &o.baseline_variant, "NAME",
                   "pair: the baseline's name in step labels and failures\n"
                   "(default: the file name)", .flags = OPTF_NONEMPTY),
        OPT_FLAG(0, "quick", &o.quick, "tiny budgets, same code paths (tests): 3 repetitions,\n"
                                       "1 ms min time, 0.2 ms warm-up, 50 cycles, sample every 5"),
        OPT_END(),
    };
    const struct opt_command cmd = {
        .name = "measure",
        .usage = "dlbench measure --lib PATH --scenario SCENARIO [options]",
        .about = about.buf,
        .opts = opts,
        .footer = "exit status: 0 measured, 1 the library failed (one error line),\n"
                  "2 usage error\n",
        .unknown = "unknown option '{opt}' (see 'dlbench measure --help')",
        .invalid = "invalid value '{arg}' for {opt} (see 'dlbench measure --help')",
        .flags = OPTS_LONG_ONLY,
        .arg = no_positional,
    };
    int rc = EXIT_USAGE;
    enum opts_result r = opts_parse_cli(&cmd, argc, argv);
    if (r != OPTS_OK) {
        rc = r == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
        goto out;
    }
    o.thread = (enum thread_kind)thread;
    o.mode = (enum cycle_mode)mode;
    o.engine = engine;
    o.scenario = scenario >= 0 ? scenario_table[scenario].name : NULL;
    if (o.quick) {
        o.repetitions = set_reps ? o.repetitions : 3;
        o.min_time_ms = set_min ? o.min_time_ms : 1;
        o.warmup_ms = set_warm ? o.warmup_ms : 0.2;
        o.cycles = set_cycles ? o.cycles : 50;
        o.sample_every = set_every ? o.sample_every : 5;
    }
    if (!o.lib) {
        db_error("missing --lib (see 'dlbench measure --help')");
        goto out;
    }
    if (!o.scenario) {
        db_error("missing --scenario (see 'dlbench measure --help')");
        goto out;
    }
    if (!strcmp(o.scenario, "pair") && !o.baseline_lib) {
        db_error("missing --baseline-lib (the pair scenario loads two libraries)");
        goto out;
    }
    if (o.sample_every > o.cycles)
        o.sample_every = o.cycles;
    rc = measure_execute(&o);
out:
    measure_opts_free(&o);
    sb_free(&names);
    sb_free(&invalid);
    sb_free(&about);
    return rc;
}
