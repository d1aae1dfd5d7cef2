/* pmu.h - hardware counters (cycles, instructions, branch misses, cache
 * misses) of the calling thread, user space only, read with
 * perf_event_open(2) around the call scenario's timed batches.
 *
 * Needs a PMU the kernel exposes (/sys/bus/event_source/devices/cpu) and
 * perf_event_paranoid <= 2 for user-space counting of one's own thread.
 * Many VMs have no PMU: then every counter is skipped with a warning that
 * names perf_event_open's error - never an error of the measurement.
 *
 * Rows (call scenario, beside ns_per_call, per timed batch, rep = rep):
 *   cycles_per_call (cycles), hw_instructions_per_call (instr),
 *   branch_misses_per_call (count), cache_misses_per_call (count). */
#ifndef DLBENCH_PMU_H
#define DLBENCH_PMU_H

#include <stddef.h>
#include <stdint.h>

#define PMU_MAX 4

struct pmu {
    int fd[PMU_MAX];
    const char *metric[PMU_MAX];  /* row metric of each open counter */
    const char *unit[PMU_MAX];
    int n;                        /* open counters */
};

/* CTR_* bits (counters.h) that are hardware counters. */
unsigned pmu_bits(unsigned counters);

/* Opens the hardware counters among bits for the calling thread; a
 * counter the kernel refuses is left out and, once per process and
 * counter, warned about on stderr ("counter 'cycles' not available:
 * perf_event_open: ...; skipped"). */
void pmu_open(struct pmu *p, unsigned bits);
/* Which of bits the kernel gives this process: the bits that opened; the
 * others' reasons (one line each: "cycles: No such file or directory")
 * into why when non-NULL, '\n'-separated. For the parent, before a run. */
unsigned pmu_probe(unsigned bits, char *why, size_t len);
/* Zeroes and starts every open counter / stops them and reads counts[i]
 * of p->metric[i]. */
void pmu_start(const struct pmu *p);
void pmu_stop(const struct pmu *p, uint64_t *counts);
void pmu_close(struct pmu *p);

#endif
