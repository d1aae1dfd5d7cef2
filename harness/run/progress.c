/* progress.c - the progress line of `dlbench run` (see progress.h). */
#include "run/progress.h"

#include <stdio.h>

#include "measure/scenario.h"

double progress_estimate_s(const struct progress *pg, int kind, const struct run_params *rp)
{
    const struct job_kind *k = &job_kinds[kind];
    if (pg->count[kind])
        return pg->spent_s[kind] / pg->count[kind];
    /* Before the first job of a kind: a guess from the budgets. */
    return k->guess_s ? k->guess_s(rp) : k->prior_s;
}

double progress_eta_s(const struct progress *pg, const struct plan *p, size_t next,
                      const struct run_params *rp)
{
    double eta = 0;
    for (size_t i = next; i < p->n; i++)
        eta += progress_estimate_s(pg, p->j[i].kind, rp);
    return eta;
}

void progress_show(const struct progress *pg, const struct plan *p, size_t next,
                   const char *variant, const struct run_params *rp)
{
    if (pg->quiet)
        return;
    double eta = progress_eta_s(pg, p, next, rp);
    const struct job *j = &p->j[next];
    unsigned flags = job_kind_flags(j->kind);
    char what[64];
    if ((flags & SC_PER_ROUND) && j->mode)
        snprintf(what, sizeof what, "round %d/%d, %s", j->round + 1, rp->repetitions, j->mode);
    else if (flags & SC_PER_ROUND)
        snprintf(what, sizeof what, "round %d/%d", j->round + 1, rp->repetitions);
    else if (flags & SC_PER_MODE)
        snprintf(what, sizeof what, "%s, %d cycles", j->mode, rp->cycles);
    else
        what[0] = '\0';
    int e = (int)(eta + 0.5);
    fprintf(stderr, "%s[%*zu/%zu] %-7s %-22s %-20s ETA %d:%02d%s", pg->tty ? "\r\033[K" : "",
            (int)snprintf(NULL, 0, "%zu", p->n), next + 1, p->n, job_kinds[j->kind].name,
            variant, what, e / 60, e % 60, pg->tty ? "" : "\n");
    fflush(stderr);
}

void progress_done(struct progress *pg, int kind, double seconds)
{
    pg->spent_s[kind] += seconds;
    pg->count[kind]++;
}

void progress_end(const struct progress *pg)
{
    if (!pg->quiet && pg->tty)
        fprintf(stderr, "\r\033[K");
}
