/* leakcheck.h - `run --leak-check`: the leak triple check of one variant
 * (valgrind memcheck, the Go heap through GODEBUG=gctrace=1, and the RSS
 * slope of the cycle scenario); the verdicts are results/verdicts.c's.
 *
 * Samples (scenario "cycle", workload "fresh", thread "main", rep 0), added
 * by run_leak_job (below):
 *   vg_applicable                       bool   1 when valgrind ran the loop to
 *                                              its end, 0 when it could not
 *                                              (reason in env, see below)
 *   vg_definitely_lost_bytes            bytes  valgrind LEAK SUMMARY totals
 *   vg_indirect_lost_bytes              bytes
 *   vg_possibly_lost_bytes              bytes
 *   vg_still_reachable_bytes            bytes
 *   vg_definitely_lost_blocks           count
 *   vg_indirect_lost_blocks             count
 *   vg_cycles                           count  cycles run under valgrind: N + 1
 *   vg_definitely_lost_bytes_per_cycle  bytes  definitely lost / cycles run
 *                                              (the N timed cycles plus the
 *                                              cycle scenario's warm-up one)
 *   vg_errors                           count  memcheck errors (ERROR SUMMARY)
 *   vg_leaked_bytes, vg_dubious_bytes,  bytes  series (rep = cycles done, 0 = after the
 *   vg_reachable_bytes                         warm-up, then every tenth of the loop):
 *   vg_leaked_blocks,                   count  memcheck's leak counts at each checkpoint
 *   vg_reachable_blocks                        (definitely + indirectly lost, possibly
 *                                              lost, still reachable; measure/cycle.c
 *                                              --leak-counts)
 *   vg_leaked_bytes_per_cycle,          bytes  (last - second checkpoint) / the cycles
 *   vg_dubious_bytes_per_cycle,                between: an average after the first
 *   vg_reachable_bytes_per_cycle               tenth; the verdicts read the series
 *   gc_live_bytes                       bytes  Go variants only: the live heap after
 *                                              each collection, a series (rep = the
 *                                              cycle index it happened at)
 *   go_gc_count                         count  Go variants only: collections from
 *                                              the runtime's start (warm-up cycle)
 *                                              to the end of the loop
 *   go_heap_bytes_per_cycle             bytes  Go variants only, when >= 3
 *                                              collections ran: slope of the
 *                                              live heap over the cycle index
 *   go_heap_live_bytes                  bytes  live heap after the last one
 *   go_heap_growth_bytes                bytes  last minus first live heap
 * (gctrace prints whole MiB: the Go figures resolve ~1 MiB over the loop.)
 * Environment (env.txt), one line each per variant:
 *   "leak_check <variant>"     what valgrind did ("valgrind 3.19.0 memcheck,
 *                              201 cycles: ..." or "valgrind not applicable:
 *                              <reason seen>")
 *   "leak_check_go <variant>"  what gctrace showed (Go variants)
 * "Go variants": the file has a .go.buildinfo section (measure/elf.h) or
 * bench.toml says lang = "go". The verdicts drawn from these samples are
 * findings.csv rows (results/verdicts.h), not env lines. */
#ifndef DLBENCH_LEAKCHECK_H
#define DLBENCH_LEAKCHECK_H

#include <stddef.h>

#include "matrix/variants.h"
#include "results/rundata.h"
#include "run/leakparse.h"
#include "run/params.h"

/* --leak-check for one variant: valgrind memcheck and (Go variants) the Go
 * heap over a shortened fresh-mode cycle loop, each in a child process;
 * adds the samples above, the env lines, and failures (scenario
 * "leak-check") to d. proc: the process index of the samples. Returns when
 * done or when a stop was requested (child_stop_requested). */
void run_leak_job(struct run_data *d, int variant, const struct variant *v,
                  const struct run_params *rp, int proc);
/* Estimated seconds of a valgrind run over cycles cycles of cycle_us each
 * (<= 0: unknown, a guess is used): memcheck's start plus its slowdown. */
double leak_check_estimate_s(long cycles, double cycle_us);

#endif
