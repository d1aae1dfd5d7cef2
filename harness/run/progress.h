/* progress.h - the progress line of `dlbench run` on stderr:
 *   [ 3/40] call    c@gcc                  round 1/3            ETA 0:41
 * redrawn in place on a terminal, one line per job otherwise. The ETA sums
 * the estimate of every job still to run: the mean length of the finished
 * jobs of its kind, or before the first one the kind's guess from the
 * budgets (job_kinds[].guess_s) or prior (.prior_s). */
#ifndef DLBENCH_PROGRESS_H
#define DLBENCH_PROGRESS_H

#include <stddef.h>

#include "run/params.h"
#include "run/plan.h"

struct progress {
    int tty;                        /* stderr is a terminal: redraw one line */
    int quiet;                      /* print nothing */
    double spent_s[JOB_KINDS_MAX];  /* time spent in finished jobs, per kind, s */
    int count[JOB_KINDS_MAX];       /* finished jobs, per kind */
};

/* Expected length of one more job of kind k, s (>= 0). */
double progress_estimate_s(const struct progress *pg, int kind, const struct run_params *rp);
/* Expected time left before job next of p starts ... ends with the last, s. */
double progress_eta_s(const struct progress *pg, const struct plan *p, size_t next,
                      const struct run_params *rp);
/* Shows job next of p (of variant named variant) as starting. */
void progress_show(const struct progress *pg, const struct plan *p, size_t next,
                   const char *variant, const struct run_params *rp);
/* Counts a finished (or skipped) job of kind k that took seconds s. */
void progress_done(struct progress *pg, int kind, double seconds);
/* Clears the line on a terminal. */
void progress_end(const struct progress *pg);

#endif
