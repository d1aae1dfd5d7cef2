/* build.h - the doc of a report (doc.h) from a run model. */
#ifndef DLBENCH_REPORT_BUILD_H
#define DLBENCH_REPORT_BUILD_H

#include "report/doc.h"

/* Fills m from rm (borrowed: it must outlive m). Free with doc_free(). */
void report_doc_build(struct report_doc *m, const struct run_model *rm);

#endif
