/* cmd_compare.c - `dlbench compare OLD NEW`: options, then compare.c. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "report/compare.h"
#include "base/util.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dlbench compare OLD NEW [--csv | --markdown] [--match variant|impl]\n"
            "                       [--alpha P]\n\n"
            "Compares two runs. OLD and NEW are run folders (e.g. reports/latest) or\n"
            "their results.csv. For every (variant, scenario, workload, thread, metric)\n"
            "in both runs: old and new median, the change in percent and the two-sided\n"
            "Mann-Whitney U p-value with the sample counts. The change prints as '~'\n"
            "when p >= P (no significant change); '!' marks fewer than 5 samples on a\n"
            "side. Each metric ends with the geometric mean of the medians of its pairs\n"
            "(skipped when a median is <= 0). Series metrics (rss_kb, pss_kb,\n"
            "private_dirty_kb, iterations) are left out.\n\n"
            "options:\n"
            "  --csv               machine-readable CSV instead of the aligned table\n"
            "  --markdown          GitHub-flavoured Markdown tables\n"
            "  --match variant     pair rows by variant name (default)\n"
            "  --match impl        pair rows by implementation, so go@go1.22.12 in OLD\n"
            "                      meets go@local in NEW; an impl with several variants\n"
            "                      on a side is ambiguous and falls back to variant\n"
            "                      names (a note says so)\n"
            "  --alpha P           significance level, 0 < P < 1 (default 0.05)\n"
            "  -h, --help          this help\n\n"
            "exit status: 0 compared, 2 usage error or a file that cannot be read\n");
}

/* "--opt VALUE" or "--opt=VALUE"; returns the value or NULL (error printed). */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (a[n] == '=')
        return a + n + 1;
    if (*i + 1 >= argc) {
        db_error("option '%s' needs a value", name);
        return NULL;
    }
    return argv[++*i];
}

int cmd_compare(int argc, char **argv)
{
    struct compare_opts o = {COMPARE_TEXT, COMPARE_BY_VARIANT, 0.05};
    const char *paths[2] = {NULL, NULL};
    int npaths = 0, formats = 0, dashdash = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!dashdash && a[0] == '-' && a[1]) {
            if (!strcmp(a, "--")) {
                dashdash = 1;
            } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
                usage(stdout);
                return EXIT_OK;
            } else if (!strcmp(a, "--csv")) {
                o.format = COMPARE_CSV;
                formats++;
            } else if (!strcmp(a, "--markdown")) {
                o.format = COMPARE_MARKDOWN;
                formats++;
            } else if (!strcmp(a, "--match") || !strncmp(a, "--match=", 8)) {
                const char *v = opt_value(argc, argv, &i, "--match");
                if (!v)
                    return EXIT_USAGE;
                if (!strcmp(v, "variant")) {
                    o.match = COMPARE_BY_VARIANT;
                } else if (!strcmp(v, "impl")) {
                    o.match = COMPARE_BY_IMPL;
                } else {
                    db_error("'--match' takes 'variant' or 'impl', not '%s'", v);
                    return EXIT_USAGE;
                }
            } else if (!strcmp(a, "--alpha") || !strncmp(a, "--alpha=", 8)) {
                const char *v = opt_value(argc, argv, &i, "--alpha");
                if (!v)
                    return EXIT_USAGE;
                if (parse_double(v, 0, 1, &o.alpha) != 0 || o.alpha <= 0 || o.alpha >= 1) {
                    db_error("'--alpha' takes a number between 0 and 1, not '%s'", v);
                    return EXIT_USAGE;
                }
            } else {
                db_error("unknown option '%s' for 'compare' (see 'dlbench compare --help')", a);
                return EXIT_USAGE;
            }
            continue;
        }
        if (npaths == 2) {
            db_error("'compare' takes two runs, got a third: '%s'", a);
            return EXIT_USAGE;
        }
        paths[npaths++] = a;
    }
    if (formats > 1) {
        db_error("'--csv' and '--markdown' cannot be used together");
        return EXIT_USAGE;
    }
    if (npaths < 2) {
        db_error("'compare' needs two runs, e.g. 'dlbench compare reports/A reports/B'");
        return EXIT_USAGE;
    }
    struct strbuf out = {0};
    char err[2048];
    if (compare_runs(paths[0], paths[1], &o, &out, err, sizeof err) != 0) {
        db_error("%s", err);
        sb_free(&out);
        return EXIT_USAGE;
    }
    if (out.len)
        fwrite(out.buf, 1, out.len, stdout);
    sb_free(&out);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_SOME_FAILED;
}
