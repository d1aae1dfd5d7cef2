/* report.c - report.md and report.html of a run folder. See report.h.
 *
 * Three layers: the folder is read once into the run model
 * (results/runmodel.h); report_doc_build() (build.c, findings.c) turns it
 * into a format-free doc of plain text; one renderer per file (md.c,
 * html.c, from report_renderers[]) formats the doc. This file owns the
 * files. The terminal summary is terminal.c. */
#define _GNU_SOURCE
#include "report/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/build.h"
#include "report/render.h"
#include "results/runmodel.h"

const struct report_renderer report_renderers[] = {
    {"report.md", render_md},
    {"report.html", render_html},
};
const size_t n_report_renderers = ARRAY_LEN(report_renderers);

int report_write(const char *run_dir, char *err, size_t errlen)
{
    struct run_model d;
    struct report_doc m;
    struct strbuf *out = xcalloc(n_report_renderers, sizeof *out);
    int rc = REPORT_BAD_INPUT, have_doc = 0, werrno = 0;
    if (errlen)
        err[0] = '\0';
    if (run_model_read(&d, run_dir, RM_NEED_SUMMARY, err, errlen) != 0)
        goto out;
    report_doc_build(&m, &d);
    have_doc = 1;
    /* Render everything first: no file is written unless all render. */
    for (size_t i = 0; i < n_report_renderers; i++)
        report_renderers[i].render(&m, &out[i]);
    for (size_t i = 0; i < n_report_renderers; i++) {
        char *p = path_join(run_dir, report_renderers[i].file);
        if (write_file_atomic(p, out[i].buf ? out[i].buf : "", out[i].len) != 0) {
            werrno = errno;
            snprintf(err, errlen, "cannot write '%s': %s", p, strerror(werrno));
            free(p);
            rc = REPORT_WRITE_FAILED;
            goto out;
        }
        free(p);
    }
    rc = REPORT_OK;
out:
    if (have_doc)
        doc_free(&m);
    run_model_free(&d);
    for (size_t i = 0; i < n_report_renderers; i++)
        sb_free(&out[i]);
    free(out);
    if (rc == REPORT_WRITE_FAILED)
        errno = werrno;
    return rc;
}
