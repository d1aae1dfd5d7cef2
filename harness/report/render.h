/* render.h - the renderers of a report doc (doc.h), one per output file,
 * rows of the format table (formats.h) as results/writers.c chooses its
 * writers. A renderer only formats: it appends to a buffer and touches no
 * file (formats.c owns the files); the html one reads the chart files it
 * inlines. */
#ifndef DLBENCH_REPORT_RENDER_H
#define DLBENCH_REPORT_RENDER_H

#include <stddef.h>

#include "report/doc.h"

void render_md(const struct report_doc *m, struct strbuf *out);   /* md.c */
void render_html(const struct report_doc *m, struct strbuf *out); /* html.c */

#endif
