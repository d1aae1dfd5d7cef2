/* units.h - the one formatter of values and the one version comparator.
 *
 * Every output of dlbench (report.md/html, the terminal summary, chart
 * legends and tick labels, `compare`, `verify`'s table, the leak verdict)
 * formats numbers through these functions, so one value reads the same
 * everywhere (hyperfine's format_duration is the model).
 *
 * Units understood by units_fmt (the unit column of results.csv):
 *   time   "ns", "us", "ms", "s"            shown in ns, µs (U+00B5), ms or s
 *   bytes  "bytes", "B", "KiB", "kb", "MiB" shown in B, KiB, MiB or GiB
 *                                           ("kb" is a KiB: rss_kb and kin)
 *   "bool"                                  "yes" / "no"
 *   "count" or ""                           the bare number
 *   anything else (e.g. "MB/s")             the number, a space, the unit
 * The display unit is the largest that keeps the magnitude >= 1 after
 * rounding to three significant digits (999.7 ns is "1.00 µs"). */
#ifndef DLBENCH_UNITS_H
#define DLBENCH_UNITS_H

#include "base/util.h"

/* Style flags of units_fmt_style and units_fmt_num. */
enum {
    UNITS_SIG = 0,  /* three significant digits, zeros kept: "1.50 MiB", "10.0 ns" */
    UNITS_TRIM = 1  /* trailing zeros dropped: "1.5 MiB", "10 ns" (tick labels,
                     * prose such as the leak verdict) */
};

/* Appends v in unit with three significant digits: "125 ns", "91.0 µs",
 * "1.92 MiB", "0.2 B", "5" (whole counts), "yes", "3972 MB/s"; an em dash
 * for NaN. */
void units_fmt(struct strbuf *sb, double v, const char *unit);
void units_fmt_style(struct strbuf *sb, double v, const char *unit, int style);

/* Appends a bare number with three significant digits and no exponent:
 * 0.153, 1.61, 94.3, 446, 262144 (style UNITS_TRIM: 1.5, 10). */
void units_fmt_num(struct strbuf *sb, double v, int style);

/* Appends a plain number for slopes and their CIs: %.0f from 999.5 on,
 * else %.3g: 262144, -0.3, 1.4, 1. */
void units_fmt_plain(struct strbuf *sb, double v);

/* Appends a ratio such as "3.2×", "0.93×", "446×"; an em dash for NaN. */
void units_fmt_ratio(struct strbuf *sb, double r);

/* Appends a signed change in percent: "+1.23%", "-12.3%", "+146%"; "n/a"
 * for NaN. */
void units_fmt_pct(struct strbuf *sb, double pct);

/* The display unit for a magnitude: for a value v given in unit (a time
 * or byte unit above), *div is what to divide v by and *name the unit to
 * show ("µs", "KiB"). Returns 1, or 0 with *div = 1 and *name = unit when
 * unit is neither time nor bytes. */
int units_scale(double v, const char *unit, double *div, const char **name);

/* Orders two toolchain_version strings ("go go1.21.6", "c gcc 12.2.0",
 * "rust rustc 1.95.0 (59807616e 2025-11-03)", or a bare "go1.21.6"). The
 * first word is the implementation when more words follow and is skipped;
 * then the family word ("go", "gcc", "rustc") orders first, by strcmp,
 * then the dotted numbers that follow it, numerically
 * (go1.9 < go1.21 < go1.21.6 < go1.26.8); equal versions fall back to
 * strcmp of the whole strings. NULL counts as "". <0, 0, >0 like strcmp. */
int version_cmp(const char *a, const char *b);

#endif
