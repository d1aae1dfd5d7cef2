/* run.c - `dlbench run`: options, then run_execute (run/run.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "measure/scenario.h"
#include "run/run.h"


/* --seed N: any whole number strtoull takes. */
static int parse_seed(const struct option *opt, const char *val, char *err, size_t errlen)
{
    struct run_opts *o = opt->value;
    char *end;
    errno = 0;
    o->seed = strtoull(val, &end, 10);
    if (errno || *end || !*val) {
        snprintf(err, errlen, "--seed takes a whole number, not '%s'", val);
        return -1;
    }
    o->have_seed = 1;
    return 0;
}

static const struct opt_choice engines[] = {
    {"native", 1}, {"gbench", 2}, {"both", 3}, {NULL, 0}};

int cmd_run(int argc, char **argv)
{
    int engine = 0;
    struct run_opts o = {.argc = argc, .argv = argv};
    struct opt_choice run_scenarios[32];
    struct strbuf names = {0}, invalid = {0}, help = {0};
    cli_scenario_choices(SC_RUN, run_scenarios, ARRAY_LEN(run_scenarios), &names);
    sb_printf(&invalid, "unknown scenario '{item}' (expected %s)", names.buf);
    sb_printf(&help, "%s (default: the config's)", names.buf);
    for (char *p = help.buf; p && *p; p++)
        if (*p == ' ' && p > help.buf && p[-1] == ',')
            memmove(p, p + 1, strlen(p));
    const struct option opts[] = {
        MATRIX_OPTIONS(&o.m),
        OPT_STRING('o', "output", &o.out_dir, "DIR",
                   "reports folder (default: [run] output of the config)"),
        OPT_LIST(0, "scenarios", &o.scenarios, "LIST", ", ",
                 help.buf,
                 .choices = run_scenarios, .flags = OPTF_NONEMPTY,
                 .invalid = invalid.buf,
                 .empty = "option '{opt}' needs at least one scenario"),
        OPT_FLAG(0, "quick", &o.quick, "tiny budgets, same code paths (3 repetitions ...)"),
        OPT_CHOICE(0, "engine", &engine, "E", engines,
                   "call: native|gbench|both (default: [run] engine, native)"),
        OPT_LONG(0, "repetitions", &o.repetitions, "N", 1, 100000,
                 "samples per variant x workload x thread"),
        OPT_LONG(0, "cycles", &o.cycles, "N", 2, 10000000,
                 "dlopen/dlclose cycles per cycle measurement"),
        OPT_STRING(0, "baseline", &o.baseline, "NAME",
                   "variant the ratios are to (default: first C variant)"),
        OPT_CALLBACK(0, "seed", &o, "N", parse_seed,
                     "seed of the interleaving order (default: random)"),
        OPT_FLAG(0, "no-plot", &o.no_plot, "do not draw charts or write the report"),
        OPT_FLAG('v', "show-output", &o.show_output,
                 "show each child's command line and what the library printed\n"
                 "(its stdout and stderr, kept apart from the rows; also kept in\n"
                 "the run folder's logs/)"),
        OPT_FLAG(0, "wait", &o.wait,
                 "when another dlbench run writes to the same reports folder,\n"
                 "wait for it to end (default: refuse with an error)"),
        OPT_FLAG(0, "leak-check", &o.leak_check,
                 "also check memory leaks under valgrind memcheck (lost and\n"
                 "still-reachable bytes per cycle) and, for a Go library, its\n"
                 "heap (GODEBUG=gctrace=1); the RSS slope is measured in every\n"
                 "run with the cycle scenario"),
        OPT_END(),
    };
    const struct opt_command cmd = {
        .name = "run",
        .usage = "dlbench run [options]",
        .about = "Builds and verifies every variant, measures every variant x scenario x\n"
                 "workload x thread in child processes (interleaved, shuffled per round),\n"
                 "and writes reports/<run-id>/: results.csv, summary.csv, failures.csv,\n"
                 "variants.csv, results.txt (benchstat), results.json (Google Benchmark\n"
                 "JSON), env.txt, bench.toml, charts/, report.md, report.html.\n",
        .opts = opts,
        .footer = "-q also leaves out the warnings the report repeats (failures, statistical\n"
                  "outliers, variants left out of the charts).\n\n"
                  "exit status: 0 all measured, 1 finished but something failed (listed)\n"
                  "or a file of the run could not be written (incomplete run, 'latest'\n"
                  "not moved), 2 usage or configuration error or the reports folder is\n"
                  "in use by another run, 130 interrupted (partial run written)\n",
        .invalid = "{opt} takes a whole number from {min} to {max}, not '{arg}'",
    };
    enum opts_result r = opts_parse_cli(&cmd, argc, argv);
    if (engine > 0)
        o.engine = engines[engine - 1].name;
    int rc = r == OPTS_OK ? run_execute(&o) : r == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
    sl_free(&o.scenarios);
    matrix_opts_free(&o.m);
    sb_free(&names);
    sb_free(&invalid);
    sb_free(&help);
    return rc;
}
