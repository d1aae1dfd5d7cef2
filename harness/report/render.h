/* render.h - the renderers of a report doc (doc.h), one per output file,
 * chosen from report_renderers[] as results/writers.c chooses its writers.
 * A renderer only formats: it appends to a buffer and touches no file
 * (report.c owns the files); the html one reads the chart files it
 * inlines. */
#ifndef DLBENCH_REPORT_RENDER_H
#define DLBENCH_REPORT_RENDER_H

#include <stddef.h>

#include "report/doc.h"

struct report_renderer {
    const char *file;   /* name inside the run folder */
    void (*render)(const struct report_doc *m, struct strbuf *out);
};

extern const struct report_renderer report_renderers[];
extern const size_t n_report_renderers;

void render_md(const struct report_doc *m, struct strbuf *out);   /* md.c */
void render_html(const struct report_doc *m, struct strbuf *out); /* html.c */

#endif
