/* report.c - `dlbench report DIR [--format F] [-o FILE]`: regenerates the
 * report and the formats other tools read from a run folder
 * (report/formats.h). */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "report/formats.h"
#include "report/report.h"

int cmd_report(int argc, char **argv)
{
    struct cli_one_dir a = {"report", NULL};
    struct opt_choice formats[16];
    struct strbuf names = {0}, invalid = {0}, about = {0};
    size_t nf = 0;
    for (size_t i = 0; i < n_report_formats && nf + 1 < ARRAY_LEN(formats); i++) {
        formats[nf] = (struct opt_choice){report_formats[i].name, (int)i};
        sb_printf(&names, "%s%s", nf ? ", " : "", report_formats[i].name);
        nf++;
    }
    formats[nf] = (struct opt_choice){NULL, 0};
    sb_printf(&invalid, "unknown format '{arg}' (%s)", names.buf ? names.buf : "");
    sb_append(&about, "Regenerates files of a run folder (e.g. reports/latest) from its\n"
                      "results.csv, summary.csv, variants.csv, env.txt and charts/, without\n"
                      "measuring. Without --format: report.md, report.html, results.json and\n"
                      "results.txt. Charts are `dlbench plot`'s.\n\nformats:\n");
    for (size_t i = 0; i < n_report_formats; i++)
        sb_printf(&about, "  %-5s %-13s %s\n", report_formats[i].name, report_formats[i].file,
                  report_formats[i].help);
    int format = -1;
    const char *out = NULL;
    const struct option opts[] = {
        OPT_CHOICE(0, "format", &format, "F", formats, "only this format (see above)",
                   .invalid = invalid.buf),
        OPT_STRING('o', "output", &out, "FILE",
                   "with --format: write to FILE instead of DIR/<its file>;\n"
                   "'-' = stdout",
                   .flags = OPTF_NONEMPTY),
        OPT_END(),
    };
    const struct opt_command cmd = {
        .name = "report",
        .usage = "dlbench report DIR [--format md|html|json|txt|csv] [-o FILE|-]",
        .about = about.buf,
        .opts = opts,
        .footer = "exit status: 0 written, 1 a file could not be written, 2 DIR cannot be\n"
                  "read, a format cannot be rendered (libjansson missing) or a usage error\n",
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
        db_error("'report' needs a run folder, e.g. 'dlbench report reports/latest'");
        goto out;
    }
    if (out && format < 0) {
        db_error("'--output' needs '--format': it names the file of one format");
        goto out;
    }
    const struct report_format *only = format >= 0 ? &report_formats[format] : NULL;
    int grc = report_generate(a.dir, FMT_DOC | FMT_DATA, only, out, err, sizeof err);
    if (grc != REPORT_OK) {
        db_error("%s", err);
        /* A folder that cannot be read is a usage problem; a failed write is not. */
        rc = grc == REPORT_WRITE_FAILED ? EXIT_SOME_FAILED : EXIT_USAGE;
        goto out;
    }
    if (!out || strcmp(out, "-"))
        db_note("written: %s", out ? out : only ? only->file : "report.md, report.html, "
                                                               "results.json, results.txt");
    rc = EXIT_OK;
out:
    sb_free(&names);
    sb_free(&invalid);
    sb_free(&about);
    return rc;
}
