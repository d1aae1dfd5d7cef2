/* findings.h - the analyses of a report (findings.c): unloading, thread
 * cost, first call, leaks, size outliers, toolchain changes, fastest and
 * slowest, failures. Each adds plain-text findings to the doc, in that
 * order. */
#ifndef DLBENCH_REPORT_FINDINGS_H
#define DLBENCH_REPORT_FINDINGS_H

#include "report/doc.h"

/* Appends every finding of m->rm to m->f (m->fib must be set). */
void findings_build(struct report_doc *m);

#endif
