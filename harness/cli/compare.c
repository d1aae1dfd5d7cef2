/* compare.c - `dlbench compare OLD NEW`: options, then compare_runs
 * (report/compare.c); the output goes to stdout. */
#include <math.h>
#include <stdio.h>

#include "cli/commands.h"
#include "report/compare.h"

static const struct opt_choice matches[] = {
    {"variant", COMPARE_BY_VARIANT}, {"impl", COMPARE_BY_IMPL}, {"auto", COMPARE_BY_AUTO}, {NULL, 0}};

/* OLD and NEW, in order. */
struct runs {
    const char *path[2];
    int n;
};

static int add_run(void *ctx, const char *arg, int after_dashdash, char *err, size_t errlen)
{
    struct runs *r = ctx;
    (void)after_dashdash;
    if (r->n == 2) {
        snprintf(err, errlen, "'compare' takes two runs, got a third: '%s'", arg);
        return -1;
    }
    r->path[r->n++] = arg;
    return 0;
}

#define ABOUT                                                                    \
    "Compares two runs. OLD and NEW are run folders (e.g. reports/latest) or\n"  \
    "their results.csv. For every (variant, scenario, workload, thread, metric)\n" \
    "in both runs: old and new median, the change in percent and the two-sided\n" \
    "Mann-Whitney U p-value with the sample counts. The change prints as '~'\n"  \
    "(no change claimed) when p >= P or the change is smaller than the row's\n" \
    "mde (the larger of the two runs' smallest resolvable change); as '?' with\n" \
    "p 'n/t' when the process counts are too few for the test to ever reach\n"  \
    "P (3+3, as from --quick: the smallest p is 0.100: run more repetitions);\n" \
    "'!' marks fewer than 5 samples on a side. Each metric ends with the\n"   \
    "geometric mean of the medians of its pairs (skipped when a median is\n"  \
    "<= 0). Series metrics (rss_kb, pss_kb, private_dirty_kb, iterations)\n" \
    "are left out. Paired mode: the rows of the\n" \
    "pair scenario (metric ratio) are each variant's ratio to the baseline,\n"  \
    "measured with both loaded in the same processes; comparing them tests a\n"  \
    "change of one variant with the paired precision (ratio_mde_pct).\n"      \
    "Same build: a library whose build_id (variants.csv) is equal in both runs\n" \
    "is marked '='; a line above the tables says whether its timing rows moved\n" \
    "(the machine, the OS or dlbench changed) or not. When they moved, a timing\n" \
    "row of another build is claimed only when it also changed relative to\n"   \
    "their median change (column 'vs shift').\n"

int cmd_compare(int argc, char **argv)
{
    struct compare_opts o = {COMPARE_TEXT, COMPARE_BY_VARIANT, 0.05, NAN, NULL};
    struct runs runs = {{NULL, NULL}, 0};
    int format = COMPARE_TEXT, match = COMPARE_BY_AUTO, formats = 0;
    const struct option opts[] = {
        OPT_SET_INT(0, "csv", &format, COMPARE_CSV,
                    "machine-readable CSV instead of the aligned table", .seen = &formats),
        OPT_SET_INT(0, "markdown", &format, COMPARE_MARKDOWN, "GitHub-flavoured Markdown tables",
                    .seen = &formats),
        OPT_CHOICE(0, "match", &match, "HOW", matches,
                   "auto (default): by impl when the runs differ only in\n"
                   "toolchains (a note says so), else by variant\n"
                   "variant: pair rows by variant name\n"
                   "impl: pair rows by implementation, so go@go1.22.12 in\n"
                   "OLD meets go@local in NEW; an impl with several variants\n"
                   "on a side is ambiguous and falls back to variant names\n"
                   "(a note says so)",
                   .invalid = "'{opt}' takes 'auto', 'variant' or 'impl', not '{arg}'"),
        OPT_DOUBLE(0, "fail-on-regression", &o.fail_pct, "PCT", 0, 1e9,
                   "a CI gate: exit 3 when a result got worse by at least\n"
                   "PCT percent and the change is claimed (significant and\n"
                   "at least the row's mde): a time, ratio, size, instruction\n"
                   "count or leak rate that grew, or a library that no longer\n"
                   "unloads; the rows are listed after the tables (on stderr\n"
                   "with --csv). 0: any claimed regression",
                   .invalid = "'{opt}' takes a percentage >= 0, not '{arg}'"),
        OPT_DOUBLE(0, "alpha", &o.alpha, "P", 0, 1, "significance level, 0 < P < 1 (default 0.05)",
                   .flags = OPTF_OPEN,
                   .invalid = "'{opt}' takes a number between 0 and 1, not '{arg}'"),
        OPT_END(),
    };
    const struct opt_command cmd = {
        .name = "compare",
        .usage = "dlbench compare OLD NEW [--csv | --markdown] [--match variant|impl]\n"
                 "                       [--alpha P] [--fail-on-regression PCT]",
        .about = ABOUT,
        .opts = opts,
        .footer = "exit status: 0 compared (and no gated regression), 1 the output could not be\n"
                  "written, 2 usage error or a file that cannot be read, 3 --fail-on-regression:\n"
                  "a claimed regression of at least PCT\n",
        .flags = OPTS_DASHDASH,
        .arg = add_run,
        .ctx = &runs,
    };
    struct strbuf out = {0}, gate = {0};
    char err[2048];
    int rc = EXIT_USAGE;
    enum opts_result r = opts_parse_cli(&cmd, argc, argv);
    if (r != OPTS_OK) {
        rc = r == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
        goto out;
    }
    if (formats > 1) {
        db_error("'--csv' and '--markdown' cannot be used together");
        goto out;
    }
    if (runs.n < 2) {
        db_error("'compare' needs two runs, e.g. 'dlbench compare reports/A reports/B'");
        goto out;
    }
    o.format = (enum compare_format)format;
    o.match = (enum compare_match)match;
    o.gate = &gate;
    int nreg = compare_runs(runs.path[0], runs.path[1], &o, &out, err, sizeof err);
    if (nreg < 0) {
        db_error("%s", err);
        goto out;
    }
    if (gate.len && o.format != COMPARE_CSV)
        sb_printf(&out, "\n%s", gate.buf);
    if (out.len)
        fwrite(out.buf, 1, out.len, stdout);
    rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_SOME_FAILED;
    if (gate.len && o.format == COMPARE_CSV)
        fputs(gate.buf, stderr);
    if (rc == EXIT_OK && nreg > 0)
        rc = EXIT_REGRESSION;
out:
    sb_free(&out);
    sb_free(&gate);
    return rc;
}
