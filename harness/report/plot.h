/* plot.h - the charts of a run folder (docs/run-folder.md), drawn by
 * gnuplot from the scripts in scripts/plot/.
 *
 * plot_run() reads RUN/variants.csv, RUN/summary.csv and RUN/results.csv
 * (through results/runmodel.h) and writes RUN/charts/<name>.png (1200x700) and RUN/charts/<name>.svg
 * for each chart it has data for:
 *   call_latency  ns per call per workload, one bar per variant and thread
 *   call_instructions  the same bars in instructions per call (callgrind),
 *                 when the run counted them
 *   load          dlopen and first-call time per variant
 *   cycle_rss     RSS growth over dlopen/dlclose cycles, slope in the legend
 *   cycle_cost    time of one dlopen/dlclose cycle per variant and mode
 *   size          file size and loaded (PT_LOAD) size per variant
 *   toolchains    key metrics of one implementation across its toolchains
 *                 (only when some impl has 2+ toolchains in the run)
 *   process       whole-process cold start (hyperfine) per variant
 * A chart without data is skipped with a warning on stderr and any chart
 * file of that name left from an earlier plot is removed, so charts/ always
 * matches the run. Each file appears whole or not at all: gnuplot draws to
 * its stdout, the image is checked whole and written with
 * write_file_atomic (temporary name, fsync, rename); a write that fails
 * (ENOSPC) stops the charts with PLOT_WRITE_FAILED.
 *
 * Scripts are found in $DLBENCH_SCRIPTS_DIR, else DLBENCH_SOURCE_DIR
 * "/scripts/plot".
 *
 * Colours: one hue per implementation, chosen by the impl's position in
 * the config (Okabe-Ito), one shade of it per toolchain, chosen by the
 * toolchain's position in the impl's list (variants.csv impl_index,
 * toolchain_index). A variant keeps its colour in every chart of a run and
 * across runs of one config, whatever --only leaves out. Without those
 * columns (older run folders): the order of first appearance. */
#ifndef DLBENCH_PLOT_H
#define DLBENCH_PLOT_H

#include <stddef.h>

enum plot_status {
    PLOT_OK = 0,           /* every chart with data was written */
    PLOT_GNUPLOT_FAILED = 1, /* gnuplot failed or timed out; err says which
                            * chart and carries the tail of its stderr */
    PLOT_BAD_INPUT = 2,    /* run folder missing or unreadable, or the
                            * scripts are missing; err says what */
    PLOT_NO_GNUPLOT = 3,   /* gnuplot is not installed: a warning was
                            * printed, nothing was written (not an error:
                            * callers exit 0) */
    PLOT_WRITE_FAILED = 4  /* a file could not be written (a full disk):
                            * err says which, errno why; charts drawn
                            * before it are whole, the rest are missing */
};

/* Draws every chart of run_dir. Returns an enum plot_status; on
 * PLOT_GNUPLOT_FAILED, PLOT_WRITE_FAILED and PLOT_BAD_INPUT err holds a message (without the
 * "dlbench: error: " prefix). */
int plot_run(const char *run_dir, char *err, size_t errlen);

struct run_model;
/* The colour (0xRRGGBB) of variant i of m, as every chart draws it. */
unsigned plot_variant_color(const struct run_model *m, size_t i);

#endif
