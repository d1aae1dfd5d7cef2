/* scenario.c - the scenario table (see scenario.h) and the helpers the
 * scenarios share. */
#define _GNU_SOURCE
#include "measure/scenario.h"

#include <errno.h>
#include <sched.h>
#include <string.h>

#include "base/util.h"
#include "measure/rows.h"

/* The order is the order of [run] scenarios' default, of the run plan and
 * of the reports. */
const struct scenario scenario_table[] = {
    {"call", "Call", scenario_call,
     SC_MEASURE | SC_RUN | SC_LOADS | SC_TIMING | SC_ROWS | SC_PRECHECK | SC_PER_ROUND |
         SC_KNOBS_CALL,
     "call", "ns_per_call of each workload (calibrated loop, like Google Benchmark)", count_call},
    {"pair", "Pair", scenario_pair,
     SC_MEASURE | SC_RUN | SC_LOADS | SC_TIMING | SC_ROWS | SC_PRECHECK | SC_PER_ROUND |
         SC_KNOBS_CALL | SC_PAIR,
     "pair", "each workload against the baseline, both loaded in one process, batches "
     "alternating: ratio of their lower quartiles", NULL},
    {"load", "Load", scenario_load,
     SC_MEASURE | SC_RUN | SC_LOADS | SC_TIMING | SC_ROWS | SC_PRECHECK | SC_PER_ROUND, "load",
     "dlopen_us, first_call_us, rss_delta_kb, threads_delta, maps_delta", count_load},
    {"cycle", "Cycle", scenario_cycle,
     SC_MEASURE | SC_RUN | SC_LOADS | SC_TIMING | SC_ROWS | SC_PRECHECK | SC_PER_ROUND |
         SC_PER_MODE | SC_KNOBS_CYCLE,
     "cycle", "dlopen/dlsym/add/dlclose cycles: cycle_us, leak slope, growth, unloaded", count_cycle},
    {"size", "Size", scenario_size, SC_MEASURE | SC_RUN | SC_ROWS | SC_PRECHECK, "size",
     "ELF facts of the file, without loading it", NULL},
    {"process", "Process", NULL, SC_RUN | SC_LOADS | SC_TIMING | SC_PER_ROUND, "process",
     "whole-process cold start: hyperfine times `measure --scenario once`", NULL},
    {"once", NULL, scenario_once, SC_MEASURE | SC_LOADS, NULL,
     "load, add(2, 3) once, check 5; prints only records (for hyperfine)", NULL},
    {"verify", NULL, scenario_verify, SC_MEASURE | SC_LOADS | SC_PRECHECK, NULL,
     "known answers of every ABI function (tab-separated lines)", NULL},
};
const size_t n_scenarios = sizeof scenario_table / sizeof scenario_table[0];

const struct scenario *scenario_find(const char *name, unsigned need)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < n_scenarios; i++)
        if ((scenario_table[i].flags & need) == need && !strcmp(scenario_table[i].name, name))
            return &scenario_table[i];
    return NULL;
}

size_t scenario_names(unsigned need, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < n_scenarios; i++) {
        if ((scenario_table[i].flags & need) != need)
            continue;
        if (n < max)
            out[n] = scenario_table[i].name;
        n++;
    }
    return n;
}

int pin_to_cpu(int cpu)
{
    if (cpu < 0)
        return 0;
    if (cpu >= CPU_SETSIZE) {
        errno = EINVAL;
        return -1;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    /* pid 0 = the calling thread, not the whole process, on Linux. */
    return sched_setaffinity(0, sizeof set, &set);
}

void pin_check(int cpu, struct row_writer *w, const char *workload, const char *thread)
{
    if (cpu < 0 || cpu >= CPU_SETSIZE)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return;
    if (CPU_COUNT(&set) == 1 && CPU_ISSET(cpu, &set))
        return;
    struct strbuf now = {0};
    for (int c = 0; c < CPU_SETSIZE; c++)
        if (CPU_ISSET(c, &set))
            sb_printf(&now, "%s%d", now.len ? "," : "", c);
    row_emit(w, workload, thread, "pin_lost", "bool", 0, 1);
    row_flush(w);
    db_warn("the library changed the CPU affinity of the %s thread (pinned to CPU %d, now "
            "CPUs %s): its timings were not all measured on CPU %d",
            thread, cpu, now.buf ? now.buf : "none", cpu);
    sb_free(&now);
}
