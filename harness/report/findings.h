/* findings.h - the analyses of a report (findings.c): unloading, thread
 * cost, first call, leaks, size outliers, toolchain changes, fastest and
 * slowest, failures. Each adds plain-text findings to the doc, in that
 * order. */
#ifndef DLBENCH_REPORT_FINDINGS_H
#define DLBENCH_REPORT_FINDINGS_H

#include "report/doc.h"

/* Appends every finding of m->rm to m->f (m->fib must be set). */
void findings_build(struct report_doc *m);

/* The comparison findings (findings_compare.c), each rendered from rows of
 * findings.csv only: compare:first_call-vs-dlopen, toolchain:*,
 * fastest:* and slowest:*, paired:*, instructions:*. */
void find_first_call(struct report_doc *m);
void find_toolchains(struct report_doc *m);
void find_extremes(struct report_doc *m);
void find_paired(struct report_doc *m);
void find_instructions(struct report_doc *m);

#endif
