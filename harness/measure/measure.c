/* measure.c - `dlbench measure`: options, the CSV row writer, dispatch to
 * one scenario (harness/measure/<scenario>.c).
 *
 * The once scenario is timed as a whole process by hyperfine, so the path
 * to it does nothing but parse argv: no config file, no /proc, no ELF
 * pre-check (dlopen's own message names the problem). */
#define _GNU_SOURCE
#include "measure/measure.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "base/dbmath.h"
#include "base/csv.h"

/* --------------------------------------------------------------- names */

const char *thread_name(enum thread_kind t)
{
    return t == THREAD_PTHREAD ? "pthread" : "main";
}

/* ------------------------------------------------------------- pinning */

int pin_to_cpu(int cpu)
{
    if (cpu < 0)
        return 0;
    if (cpu >= CPU_SETSIZE) {
        errno = EINVAL;
        return -1;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    /* pid 0 = the calling thread, not the whole process, on Linux. */
    return sched_setaffinity(0, sizeof set, &set);
}

/* -------------------------------------------------------------- options */

static void usage(FILE *f)
{
    (void)fprintf(f,
        "usage: dlbench measure --lib PATH --scenario SCENARIO [options]\n"
        "\n"
        "Runs one measurement of one library in this process and writes CSV rows\n"
        "(" MEASURE_CSV_HEADER ") to stdout.\n"
        "\n"
        "Lines starting with '#' are records: '#step,LABEL' before each step\n"
        "(dlopen, a call, dlclose) and '#end,N' last, N = the lines before it that\n"
        "are not records. Output without '#end' is incomplete, whatever the exit\n"
        "status: the library ended the process during the last step named.\n"
        "What the library prints (stdout and stderr) goes to stderr, never among\n"
        "the rows.\n"
        "\n"
        "scenarios:\n"
        "  call     ns_per_call of each workload (calibrated loop, like Google Benchmark)\n"
        "  load     dlopen_us, first_call_us, rss_delta_kb, threads_delta, maps_delta\n"
        "  cycle    dlopen/dlsym/add/dlclose cycles: cycle_us, leak slope, growth, unloaded\n"
        "  size     ELF facts of the file, without loading it\n"
        "  once     load, add(2, 3) once, check 5; prints only records (for hyperfine)\n"
        "  verify   known answers of every ABI function (tab-separated lines)\n"
        "\n"
        "options:\n"
        "  --lib PATH            the shared library (required)\n"
        "  --scenario NAME       one of the scenarios above (required)\n"
        "  --variant NAME        variant column (default: the file name)\n"
        "  --workload W          call: noop|add|fib|fib/N|hello|floor (default: all)\n"
        "  --thread T            call: main|pthread|both (default: both)\n"
        "  --repetitions N       call: timed repetitions per workload (default: 10)\n"
        "  --min-time-ms X       call: minimum length of one repetition (default: 10)\n"
        "  --warmup-ms X         call: warm-up per workload (default: 5)\n"
        "  --fib N,N             call: fib arguments, 0..45 (default: 20,30)\n"
        "  --cycles N            cycle: timed cycles (default: 2000)\n"
        "  --sample-every N      cycle: cycles between resource samples (default: 100)\n"
        "  --mode M              cycle: fresh|pinned|both (default: both)\n"
        "  --pin-cpu N           pin the measuring thread to CPU N; -1 = none (default)\n"
        "  --symbols SPEC        symbol map, e.g. add=Add,hello=Hello,free=free\n"
        "  --quick               tiny budgets, same code paths (tests): 3 repetitions,\n"
        "                        1 ms min time, 0.2 ms warm-up, 50 cycles, sample every 5\n"
        "  --help                this text\n");
}

void measure_opts_defaults(struct measure_opts *o)
{
    memset(o, 0, sizeof *o);
    o->thread = THREAD_BOTH;
    o->repetitions = 10;
    o->min_time_ms = 10;
    o->warmup_ms = 5;
    o->cycles = 2000;
    o->sample_every = 100;
    o->mode = MODE_BOTH;
    o->pin_cpu = -1;
    o->fib_args[0] = 20;
    o->fib_args[1] = 30;
    o->n_fib = 2;
}

void measure_opts_free(struct measure_opts *o)
{
    symbol_map_free(&o->symbols);
}

static const char *const scenarios[] = {"call", "load", "cycle", "size", "once", "verify"};

#define FIB_MAX 45

/* A --workload value: noop, add, fib, fib/N, hello, floor. */
static int workload_valid(const char *w)
{
    static const char *const plain[] = {"noop", "add", "fib", "hello", "floor"};
    for (size_t i = 0; i < ARRAY_LEN(plain); i++)
        if (!strcmp(w, plain[i]))
            return 1;
    long n;
    return !strncmp(w, "fib/", 4) && parse_long(w + 4, 0, FIB_MAX, &n) == 0;
}

static int parse_fib_list(struct measure_opts *o, const char *s)
{
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
    sl_free(&l);
    return rc;
}

int measure_parse_args(int argc, char **argv, struct measure_opts *o)
{
    /* Options given explicitly win over --quick, whatever the order. */
    int set_reps = 0, set_min = 0, set_warm = 0, set_cycles = 0, set_every = 0;
    measure_opts_defaults(o);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            usage(stdout);
            return 1;
        }
        if (!strcmp(arg, "--quick")) {
            o->quick = 1;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            db_error("unexpected argument '%s' (see 'dlbench measure --help')", arg);
            return -1;
        }
        /* --name value or --name=value */
        char name[64];
        const char *val = NULL;
        const char *eq = strchr(arg, '=');
        size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
        if (nlen >= sizeof name) {
            db_error("unknown option '%s' (see 'dlbench measure --help')", arg);
            return -1;
        }
        memcpy(name, arg, nlen);
        name[nlen] = '\0';
        static const char *const known[] = {
            "--lib", "--scenario", "--variant", "--workload", "--thread",
            "--repetitions", "--min-time-ms", "--warmup-ms", "--cycles",
            "--sample-every", "--mode", "--pin-cpu", "--fib", "--symbols"};
        int ok = 0;
        for (size_t k = 0; k < ARRAY_LEN(known); k++)
            ok |= !strcmp(name, known[k]);
        if (!ok) {
            db_error("unknown option '%s' (see 'dlbench measure --help')", name);
            return -1;
        }
        if (eq) {
            val = eq + 1;
        } else {
            if (i + 1 >= argc) {
                db_error("option '%s' needs a value", name);
                return -1;
            }
            val = argv[++i];
        }
        long l;
        double d;
        int bad = 0;
        if (!strcmp(name, "--lib")) {
            if (!*val)
                bad = 1;
            o->lib = val;
        } else if (!strcmp(name, "--scenario")) {
            o->scenario = NULL;
            for (size_t k = 0; k < ARRAY_LEN(scenarios); k++)
                if (!strcmp(val, scenarios[k]))
                    o->scenario = scenarios[k];
            if (!o->scenario) {
                db_error("unknown scenario '%s' (call, load, cycle, size, once, verify)", val);
                return -1;
            }
        } else if (!strcmp(name, "--variant")) {
            if (!*val)
                bad = 1;
            o->variant = val;
        } else if (!strcmp(name, "--workload")) {
            if (!workload_valid(val)) {
                db_error("unknown workload '%s' (noop, add, fib, fib/N with N in 0..%d, hello, floor)",
                         val, FIB_MAX);
                return -1;
            }
            o->workload = val;
        } else if (!strcmp(name, "--thread")) {
            if (!strcmp(val, "main"))
                o->thread = THREAD_MAIN;
            else if (!strcmp(val, "pthread"))
                o->thread = THREAD_PTHREAD;
            else if (!strcmp(val, "both"))
                o->thread = THREAD_BOTH;
            else
                bad = 1;
        } else if (!strcmp(name, "--mode")) {
            if (!strcmp(val, "fresh"))
                o->mode = MODE_FRESH;
            else if (!strcmp(val, "pinned"))
                o->mode = MODE_PINNED;
            else if (!strcmp(val, "both"))
                o->mode = MODE_BOTH;
            else
                bad = 1;
        } else if (!strcmp(name, "--repetitions")) {
            bad = parse_long(val, 1, 1000000, &l) != 0;
            o->repetitions = (int)l;
            set_reps = 1;
        } else if (!strcmp(name, "--min-time-ms")) {
            bad = parse_double(val, 1e-3, 600000, &d) != 0;
            o->min_time_ms = d;
            set_min = 1;
        } else if (!strcmp(name, "--warmup-ms")) {
            bad = parse_double(val, 0, 600000, &d) != 0;
            o->warmup_ms = d;
            set_warm = 1;
        } else if (!strcmp(name, "--cycles")) {
            bad = parse_long(val, 1, 100000000, &l) != 0;
            o->cycles = (int)l;
            set_cycles = 1;
        } else if (!strcmp(name, "--sample-every")) {
            bad = parse_long(val, 1, 100000000, &l) != 0;
            o->sample_every = (int)l;
            set_every = 1;
        } else if (!strcmp(name, "--pin-cpu")) {
            bad = parse_long(val, -1, CPU_SETSIZE - 1, &l) != 0;
            o->pin_cpu = (int)l;
        } else if (!strcmp(name, "--fib")) {
            if (parse_fib_list(o, val) != 0) {
                db_error("invalid value '%s' for --fib (1 to %zu numbers in 0..%d, comma-separated)",
                         val, ARRAY_LEN(o->fib_args), FIB_MAX);
                return -1;
            }
        } else if (!strcmp(name, "--symbols")) {
            char err[256] = "";
            symbol_map_free(&o->symbols);
            memset(&o->symbols, 0, sizeof o->symbols);
            if (symbol_map_parse(&o->symbols, val, err, sizeof err) != 0) {
                db_error("invalid value '%s' for --symbols: %s", val, err);
                return -1;
            }
        }
        if (bad) {
            db_error("invalid value '%s' for %s (see 'dlbench measure --help')", val, name);
            return -1;
        }
    }
    if (o->quick) {
        if (!set_reps)
            o->repetitions = 3;
        if (!set_min)
            o->min_time_ms = 1;
        if (!set_warm)
            o->warmup_ms = 0.2;
        if (!set_cycles)
            o->cycles = 50;
        if (!set_every)
            o->sample_every = 5;
    }
    if (!o->lib) {
        db_error("missing --lib (see 'dlbench measure --help')");
        return -1;
    }
    if (!o->scenario) {
        db_error("missing --scenario (see 'dlbench measure --help')");
        return -1;
    }
    if (o->sample_every > o->cycles)
        o->sample_every = o->cycles;
    return 0;
}

/* ------------------------------------------------------------- command */

int cmd_measure(int argc, char **argv)
{
    struct measure_opts o;
    int rc = measure_parse_args(argc, argv, &o);
    if (rc != 0) {
        measure_opts_free(&o);
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    /* dlopen searches the library path for a name without a slash; the
     * user means the file in the current folder. */
    char *path = strchr(o.lib, '/') ? xstrdup(o.lib) : xasprintf("./%s", o.lib);
    o.lib = path;
    if (!o.variant) {
        const char *slash = strrchr(path, '/');
        o.variant = slash ? slash + 1 : path;
    }
    /* Before anything is loaded: the library's output must never reach
     * the rows. */
    struct row_writer w;
    int fd = row_channel_take();
    if (fd < 0) {
        db_error("cannot set up the data channel on stdout: %s", strerror(errno));
        free(path);
        measure_opts_free(&o);
        return EXIT_SOME_FAILED;
    }
    row_writer_init(&w, fd, o.variant, o.scenario);

    if (!strcmp(o.scenario, "once")) {
        rc = scenario_once(&o, &w);
        goto out;
    }
    char err[PATH_MAX + 256];
    if (elf_check_file(path, err, sizeof err) != 0) {
        db_error("%s", err);
        rc = 1;
        goto out;
    }
    if (!strcmp(o.scenario, "verify")) {
        rc = scenario_verify(&o, &w);
        goto out;
    }
    row_header(&w);
    if (!strcmp(o.scenario, "call"))
        rc = scenario_call(&o, &w);
    else if (!strcmp(o.scenario, "load"))
        rc = scenario_load(&o, &w);
    else if (!strcmp(o.scenario, "cycle"))
        rc = scenario_cycle(&o, &w);
    else
        rc = scenario_size(&o, &w);
out:
    /* Only a measure that got here ends its stream; a library that ends
     * the process leaves it without the end record. */
    row_end(&w);
    row_writer_close(&w);
    close(fd);
    free(path);
    measure_opts_free(&o);
    return rc == 0 ? EXIT_OK : EXIT_SOME_FAILED;
}
