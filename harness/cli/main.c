/* main.c - parses the sub-command and hands over; nothing else. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "base/util.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    {"build", cmd_build, "build every implementation x toolchain variant"},
    {"verify", cmd_verify, "check every variant's ABI against known answers"},
    {"run", cmd_run, "build, verify, measure everything, write reports"},
    {"measure", cmd_measure, "one measurement of one library (CSV on stdout)"},
    {"plot", cmd_plot, "draw the charts and report of an earlier run"},
    {"report", cmd_report, "regenerate the report, results.json, results.txt of a run"},
    {"compare", cmd_compare, "compare two runs (Mann-Whitney U per metric)"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: dlbench <command> [options]\n"
               "       dlbench <command> --help\n"
               "       dlbench --version\n\n"
               "Measures shared libraries (C, Go c-shared, Rust cdylib, your own)\n"
               "loaded with dlopen and called through dlsym'd pointers.\n\n"
               "commands:\n");
    for (size_t i = 0; i < ARRAY_LEN(commands); i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
    /* Line by line even into a pipe: the summary on stdout and the messages
     * on stderr keep their order in one log (`make bench 2>&1 | tee`). */
    (void)setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("dlbench %s\n", DLBENCH_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < ARRAY_LEN(commands); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    db_error("unknown command '%s' (see 'dlbench --help')", argv[1]);
    return EXIT_USAGE;
}
