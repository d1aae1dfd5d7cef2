/* compare_opts.h - the options of `dlbench compare` (compare.h), shared by
 * its pairing (compare_pair.h) and its renderers (compare_out.h). */
#ifndef DLBENCH_COMPARE_OPTS_H
#define DLBENCH_COMPARE_OPTS_H

struct strbuf;

enum compare_format { COMPARE_TEXT, COMPARE_CSV, COMPARE_MARKDOWN };

/* How rows of the two runs are paired:
 * COMPARE_BY_VARIANT: (variant, scenario, workload, thread, metric).
 * COMPARE_BY_IMPL: (impl, scenario, workload, thread, metric), so go@go1.22.12
 *   in OLD meets go@local in NEW. An impl with two or more variants on
 *   either side is ambiguous: its rows fall back to variant names (a note
 *   says so) and pair only where the names are equal. */
enum compare_match { COMPARE_BY_VARIANT, COMPARE_BY_IMPL,
                     /* the default: by impl when the two runs differ only in
                      * toolchains (the same impls, and every impl whose
                      * variants differ has one variant a side: go@go1.22.12
                      * against go@local), else by variant; a note says which */
                     COMPARE_BY_AUTO };

struct compare_opts {
    enum compare_format format;
    enum compare_match match;
    double alpha;             /* p >= alpha prints "~" (no significant change) */
    double fail_pct;          /* --fail-on-regression PCT: claimed regressions of
                               * at least PCT percent are gated; NaN: off */
    struct strbuf *gate;      /* where the gate's lines go (NULL: not written) */
};

#endif
