/* compare.h - `dlbench compare OLD NEW`: every result present in both runs,
 * old and new median, change, Mann-Whitney U p-value, geometric mean per
 * metric. Works on results.csv only (docs/run-folder.md), so any two runs
 * compare, whatever machine or dlbench version wrote them. */
#ifndef DLBENCH_COMPARE_H
#define DLBENCH_COMPARE_H

#include <stddef.h>

#include "base/util.h"
#include "report/compare_opts.h"

/* Pairs results; ignores series metrics (rss_kb, pss_kb, private_dirty_kb,
 * iterations). old_path/new_path: a run folder or a results.csv. Appends
 * the output to out. Returns -1 with "cannot read 'x': why" in err, else
 * the number of claimed regressions of at least o->fail_pct percent
 * (comparison_regressions; 0 when o->fail_pct is NaN), each also a line in
 * o->gate under a heading. */
int compare_runs(const char *old_path, const char *new_path, const struct compare_opts *o,
                 struct strbuf *out, char *err, size_t errlen);

#endif
