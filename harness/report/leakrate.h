/* leakrate.h - the leak question in the user's units: for each variant
 * with cycle results, one finding that says what its cycles called, the
 * growth as bytes per cycle, MB/s and in total, what each method can
 * resolve in this run (its detection limit), what stays mapped after the
 * last dlclose and the threads the library started, by name.
 *
 * Each piece is a small function of its own, so the leak verdicts
 * (run/leakparse.c, findings.c) can quote the same wording. MB/s is
 * 1e6 bytes per second at this run's fresh-mode cycle rate (cycle_us). */
#ifndef DLBENCH_REPORT_LEAKRATE_H
#define DLBENCH_REPORT_LEAKRATE_H

#include "report/doc.h"

/* "43.3 B/cycle = 82.1 MB/s" for bytes_per_cycle at us_per_cycle (<= 0 or
 * NaN: no MB/s). */
void leak_rate_fmt(struct strbuf *sb, double bytes_per_cycle, double us_per_cycle);
/* The detection limits of variant's run, the limit column of its
 * memory/rss, memory/valgrind and memory/go_heap findings (so report.md
 * and findings.csv cannot disagree): "RSS: 1 page (4 KiB) over the cycles
 * after the warm-up tenth = 2.28 B/cycle = 3.9 MB/s; valgrind: 1 lost byte
 * ...; Go heap ...". The smallest rate any method resolves goes to
 * *floor_mb_s (NaN if none). */
void leak_limits_fmt(struct strbuf *sb, const struct run_model *d, const char *variant,
                     double *floor_mb_s);
/* "libx.so stays mapped after the last dlclose: 5 mappings, 1.30 MiB" or
 * nothing (0 mappings, or not measured). */
void leak_mapped_fmt(struct strbuf *sb, const struct run_model *d, const struct rm_variant *v);
/* "threads it started: 5 named 'dlbench' (the process's own name: the
 * library did not name them)", or nothing. */
void leak_threads_fmt(struct strbuf *sb, const struct run_model *d, const char *variant);
/* Adds one finding per variant with cycle results. */
void leak_rate_findings(struct report_doc *m);

#endif
