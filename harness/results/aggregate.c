/* aggregate.c - see aggregate.h. */
#include "results/aggregate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "results/stats.h"

int aggregate_low_quartile(const char *metric)
{
    if (!metric)
        return 0;
    size_t n = strlen(metric), k = strlen("ns_per_call");
    return n >= k && !strcmp(metric + n - k, "ns_per_call");
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void aggregate_per_process(const char *metric, const double *x, const long *proc, size_t n,
                           struct proc_values *out)
{
    int low = aggregate_low_quartile(metric);
    memset(out, 0, sizeof *out);
    out->cv_within_pct = NAN;
    out->x = xcalloc(n ? n : 1, sizeof *out->x);
    long *ids = xcalloc(n ? n : 1, sizeof *ids);
    int known = proc != NULL;
    for (size_t i = 0; i < n; i++) {
        long id = proc ? proc[i] : -1;
        known = known && id >= 0;
        size_t k = 0;
        while (k < out->n_procs && ids[k] != id)
            k++;
        if (k == out->n_procs)
            ids[out->n_procs++] = id;
    }
    if (!known || out->n_procs < 2 || out->n_procs == n) {
        /* one process, one sample per process, or unknown processes */
        memcpy(out->x, x, n * sizeof *x);
        out->n = n;
        out->one_process = known && out->n_procs == 1 && n >= 2;
        free(ids);
        return;
    }
    double *buf = xcalloc(n, sizeof *buf), cv_sum = 0;
    size_t cv_n = 0;
    for (size_t k = 0; k < out->n_procs; k++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (proc[i] == ids[k])
                buf[m++] = x[i];
        struct summary ps;
        stats_summarize(buf, m, &ps);
        if (low) {
            qsort(buf, m, sizeof *buf, cmp_double);
            out->x[out->n++] = buf[(m - 1) / 4];
        } else {
            out->x[out->n++] = ps.median;
        }
        if (m >= 2) {
            cv_sum += ps.cv_pct;
            cv_n++;
        }
    }
    out->per_process = 1;
    if (cv_n)
        out->cv_within_pct = cv_sum / (double)cv_n;
    free(buf);
    free(ids);
}

void proc_values_free(struct proc_values *pv)
{
    free(pv->x);
    memset(pv, 0, sizeof *pv);
}

double aggregate_mde_pct(const struct proc_values *pv)
{
    return pv->one_process ? NAN : stats_mde_pct(pv->x, pv->n);
}
