/* compare_out.h - the renderers of a comparison (compare_pair.h): text
 * (benchstat-like), Markdown and CSV. Text and Markdown share one table
 * layout (the cells of each metric's table are built once) and differ only
 * in how they write a table, escape text and space paragraphs, like
 * hyperfine's markup exporters. */
#ifndef DLBENCH_COMPARE_OUT_H
#define DLBENCH_COMPARE_OUT_H

#include "report/compare_pair.h"

/* Appends the comparison in o->format to out. */
void compare_render(const struct comparison *c, const struct compare_opts *o,
                    struct strbuf *out);

#endif
