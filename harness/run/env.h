/* env.h - environment capture for a run (see env.c). */
#ifndef DLBENCH_ENV_H
#define DLBENCH_ENV_H

#include "results/rundata.h"

struct env_state {
    char governor[64];  /* scaling governor of cpu0, or "unknown" */
    char turbo[16];     /* "on", "off" or "unknown" */
    char loadavg[64];   /* "0.52 0.40 0.33" */
    double load1;
    long ncpu;
};

/* Records date, host, CPU, kernel, glibc, governor, turbo, load, dlbench
 * version and the suite's git commit into d's environment, and the machine
 * conditions that deserve a warning into d->env_warnings. */
void env_capture(struct run_data *d, const char *suite_dir);
/* Reads governor, turbo and load now. */
void env_machine_state(struct env_state *st);
/* Adds (once) a warning for each condition of st that makes timings noisy. */
void env_warnings(const struct env_state *st, struct strlist *w);

#endif
