/* charts.h - the charts of `dlbench plot` (plot.h), one function each. A
 * chart function returns 0 when it drew its chart, 1 when it had nothing
 * to draw (a warning was printed), -1 when gnuplot failed (c->err says
 * why). */
#ifndef DLBENCH_REPORT_CHARTS_H
#define DLBENCH_REPORT_CHARTS_H

#include "report/gnuplot.h"

/* chart_bars.c */
int chart_call(struct chart_ctx *c);        /* call_latency */
int chart_call_instructions(struct chart_ctx *c); /* call_instructions */
int chart_load(struct chart_ctx *c);        /* load */
int chart_cycle_cost(struct chart_ctx *c);  /* cycle_cost */
int chart_size(struct chart_ctx *c);        /* size */
int chart_process(struct chart_ctx *c);     /* process */
/* chart_cycle.c */
int chart_cycle_rss(struct chart_ctx *c);   /* cycle_rss */
/* chart_toolchains.c */
int chart_toolchains(struct chart_ctx *c);  /* toolchains */

#endif
