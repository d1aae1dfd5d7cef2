/* exec.c - running a plan's jobs in order (see exec.h). */
#include "run/exec.h"

#include "base/child.h"
#include "base/util.h"

static void run_by_kind(void *ctx, struct run_state *st, const struct job *j, size_t index)
{
    (void)ctx;
    job_kinds[j->kind].run(st, j, index);
}

const struct executor executor_processes = {run_by_kind, NULL};

int plan_execute(const struct plan *p, struct run_state *st, const struct executor *ex,
                 struct progress *pg)
{
    for (size_t i = 0; i < p->n && !child_stop_requested; i++) {
        const struct job *j = &p->j[i];
        progress_show(pg, p, i, st->m->v[j->variant].name, st->rp);
        int64_t t0 = now_ns();
        if (!run_cell_failed(st, j))
            ex->run(ex->ctx, st, j, i);
        progress_done(pg, j->kind, (double)(now_ns() - t0) / 1e9);
    }
    progress_end(pg);
    return child_stop_requested != 0;
}
