/* exec.h - executing a plan (plan.h) through an executor: the real one
 * starts the job kinds' processes, a test's mock (tests/run/test_plan.c)
 * starts nothing - hyperfine's Executor/MockExecutor pattern - so
 * planning, skipping after failures and progress are tested without
 * processes. */
#ifndef DLBENCH_EXEC_H
#define DLBENCH_EXEC_H

#include <stddef.h>

#include "run/plan.h"
#include "run/progress.h"

struct executor {
    /* Runs job j, the index-th of the plan: samples into st->d, failures
     * through run_job_failed (plan.h). */
    void (*run)(void *ctx, struct run_state *st, const struct job *j, size_t index);
    void *ctx;               /* passed to run */
};

/* Runs each job through its kind's run function (job_kinds[].run). */
extern const struct executor executor_processes;

/* Runs the jobs of p in order, showing progress in pg, until the end or a
 * stop request (child_stop_requested). A job whose (variant, kind) cell
 * failed before is skipped (counted by the progress as a job of ~0 s).
 * Returns 1 when stopped early, 0 when every job had its turn. */
int plan_execute(const struct plan *p, struct run_state *st, const struct executor *ex,
                 struct progress *pg);

#endif
