/* report.c - report.md and report.html of a run folder. See report.h.
 *
 * Three layers: the folder is read once into the run model
 * (results/runmodel.h); report_doc_build() (build.c, findings.c) turns it
 * into a format-free doc of plain text; one renderer per file (md.c,
 * html.c, rows of the format table in formats.c) formats the doc;
 * formats.c owns the files. The terminal summary is terminal.c. */
#define _GNU_SOURCE
#include "report/report.h"

#include "report/formats.h"

int report_write(const char *run_dir, char *err, size_t errlen)
{
    return report_generate(run_dir, FMT_DOC, NULL, NULL, err, errlen);
}

int report_write_data(const char *run_dir, char *err, size_t errlen)
{
    return report_generate(run_dir, FMT_DATA, NULL, NULL, err, errlen);
}
