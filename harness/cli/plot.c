/* cmd_plot.c - `dlbench plot DIR`: draws the charts of a run folder
 * (plot.c) and, when the report writer is linked in, writes its report. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "report/plot.h"
#include "report/report.h"
#include "base/util.h"


static void usage(FILE *f)
{
    fprintf(f,
            "usage: dlbench plot DIR\n\n"
            "Draws the charts of an earlier run (e.g. reports/latest) into DIR/charts/\n"
            "as PNG (1200x700) and SVG, and rewrites DIR/report.md and report.html.\n"
            "Charts: call_latency, load, cycle_rss, cycle_cost, size, process, and\n"
            "toolchains when an implementation was built with 2+ toolchains. A chart\n"
            "without data is skipped with a warning. Needs gnuplot; without it no\n"
            "charts are drawn (a warning, not an error).\n\n"
            "environment:\n"
            "  DLBENCH_SCRIPTS_DIR   folder of the gnuplot scripts (default: the\n"
            "                        source tree's scripts/plot)\n\n"
            "exit status: 0 done, 1 gnuplot or the report failed, 2 DIR is not a run\n"
            "folder or a usage error\n");
}

int cmd_plot(int argc, char **argv)
{
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
            db_error("unknown option '%s' for 'plot' (see 'dlbench plot --help')", argv[i]);
            return EXIT_USAGE;
        }
        if (!strcmp(argv[i], "--")) {
            if (i + 1 < argc && !dir)
                dir = argv[++i];
            if (i + 1 < argc) {
                db_error("'plot' takes one run folder (see 'dlbench plot --help')");
                return EXIT_USAGE;
            }
            break;
        }
        if (dir) {
            db_error("'plot' takes one run folder, got '%s' and '%s'", dir, argv[i]);
            return EXIT_USAGE;
        }
        dir = argv[i];
    }
    if (!dir) {
        db_error("'plot' needs a run folder, e.g. 'dlbench plot reports/latest'");
        return EXIT_USAGE;
    }

    char err[4096];
    int rc = plot_run(dir, err, sizeof err);
    if (rc == PLOT_BAD_INPUT) {
        db_error("%s", err);
        return EXIT_USAGE;
    }
    if (rc == PLOT_GNUPLOT_FAILED) {
        db_error("%s", err);
        return EXIT_SOME_FAILED;
    }
    if (rc == PLOT_OK)
        db_note("charts written to '%s/charts'", dir);

    err[0] = '\0';
    if (report_write(dir, err, sizeof err) != 0) {
        db_error("%s", err[0] ? err : "cannot write the report");
        return EXIT_SOME_FAILED;
    }
    db_note("report written to '%s/report.md' and 'report.html'", dir);
    return EXIT_OK;
}
