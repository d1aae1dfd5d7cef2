/* leakcheck.c - `run --leak-check` (being written). */
#include "run.h"

void run_leak_job(struct run_data *d, int variant, const struct variant *v,
                  const struct run_params *rp, int proc)
{
    (void)d, (void)variant, (void)v, (void)rp, (void)proc;
}
