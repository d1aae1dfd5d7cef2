/* plot.c - `dlbench plot DIR`: draws the charts of a run folder
 * (report/plot.c), then writes its report (report/report.c). */
#include <stdio.h>

#include "cli/commands.h"
#include "report/plot.h"
#include "report/report.h"

int cmd_plot(int argc, char **argv)
{
    struct cli_one_dir a = {"plot", NULL};
    const struct option opts[] = {OPT_END()};
    const struct opt_command cmd = {
        .name = "plot",
        .usage = "dlbench plot DIR",
        .about = "Draws the charts of an earlier run (e.g. reports/latest) into DIR/charts/\n"
                 "as PNG (1200x700) and SVG, and rewrites DIR/report.md and report.html.\n"
                 "Charts: call_latency, load, cycle_rss, cycle_cost, size, process, and\n"
                 "toolchains when an implementation was built with 2+ toolchains. A chart\n"
                 "without data is skipped with a warning. Needs gnuplot; without it no\n"
                 "charts are drawn (a warning, not an error).\n",
        .opts = opts,
        .footer = "environment:\n"
                  "  DLBENCH_SCRIPTS_DIR   folder of the gnuplot scripts (default: the\n"
                  "                        source tree's scripts/plot)\n\n"
                  "exit status: 0 done, 1 gnuplot failed or a file could not be written,\n"
                  "2 DIR is not a run folder or a usage error\n",
        .flags = OPTS_DASHDASH,
        .arg = cli_take_one_dir,
        .ctx = &a,
    };
    char err[4096];
    int rc = EXIT_USAGE;
    enum opts_result r = opts_parse_cli(&cmd, argc, argv);
    if (r != OPTS_OK) {
        rc = r == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
        goto out;
    }
    if (!a.dir) {
        db_error("'plot' needs a run folder, e.g. 'dlbench plot reports/latest'");
        goto out;
    }
    switch (plot_run(a.dir, err, sizeof err)) {
    case PLOT_BAD_INPUT:
        db_error("%s", err);
        goto out;
    case PLOT_GNUPLOT_FAILED:
    case PLOT_WRITE_FAILED:
        db_error("%s", err);
        rc = EXIT_SOME_FAILED;
        goto out;
    case PLOT_OK:
        db_note("charts written to '%s/charts'", a.dir);
        break;
    default:
        break;
    }
    err[0] = '\0';
    if (report_write(a.dir, err, sizeof err) != 0) {
        db_error("%s", err[0] ? err : "cannot write the report");
        rc = EXIT_SOME_FAILED;
        goto out;
    }
    db_note("report written to '%s/report.md' and 'report.html'", a.dir);
    rc = EXIT_OK;
out:
    return rc;
}
