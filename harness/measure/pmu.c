/* pmu.c - see pmu.h. */
#define _GNU_SOURCE
#include "measure/pmu.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/util.h"
#include "measure/counters.h"

static const struct {
    unsigned bit;
    const char *name, *metric, *unit;
    uint64_t config;
} hw[] = {
    {CTR_CYCLES, "cycles", "cycles_per_call", "cycles", PERF_COUNT_HW_CPU_CYCLES},
    {CTR_INSTRUCTIONS, "instructions", "hw_instructions_per_call", "instr",
     PERF_COUNT_HW_INSTRUCTIONS},
    {CTR_BRANCH_MISSES, "branch-misses", "branch_misses_per_call", "count",
     PERF_COUNT_HW_BRANCH_MISSES},
    {CTR_CACHE_MISSES, "cache-misses", "cache_misses_per_call", "count",
     PERF_COUNT_HW_CACHE_MISSES},
};

unsigned pmu_bits(unsigned counters)
{
    unsigned b = 0;
    for (size_t i = 0; i < ARRAY_LEN(hw); i++)
        b |= counters & hw[i].bit;
    return b;
}

/* One counter of the calling thread, user space only, disabled. fd or -1
 * with errno. */
static int open_one(uint64_t config)
{
    struct perf_event_attr a;
    memset(&a, 0, sizeof a);
    a.size = sizeof a;
    a.type = PERF_TYPE_HARDWARE;
    a.config = config;
    a.disabled = 1;
    a.exclude_kernel = 1;
    a.exclude_hv = 1;
    long fd = syscall(SYS_perf_event_open, &a, 0 /* this thread */, -1, -1, PERF_FLAG_FD_CLOEXEC);
    return (int)fd;
}

unsigned pmu_probe(unsigned bits, char *why, size_t len)
{
    unsigned ok = 0;
    size_t at = 0;
    if (why && len)
        why[0] = '\0';
    for (size_t i = 0; i < ARRAY_LEN(hw); i++) {
        if (!(bits & hw[i].bit))
            continue;
        int fd = open_one(hw[i].config);
        if (fd >= 0) {
            ok |= hw[i].bit;
            close(fd);
        } else if (why && at < len) {
            int k = snprintf(why + at, len - at, "%s%s: %s", at ? "\n" : "", hw[i].name,
                             strerror(errno));
            at += k > 0 ? (size_t)k : 0;
        }
    }
    return ok;
}

void pmu_open(struct pmu *p, unsigned bits)
{
    static unsigned warned;
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < ARRAY_LEN(hw) && p->n < PMU_MAX; i++) {
        if (!(bits & hw[i].bit))
            continue;
        int fd = open_one(hw[i].config);
        if (fd < 0) {
            if (!(warned & hw[i].bit))
                db_warn("counter '%s' not available: perf_event_open: %s; skipped", hw[i].name,
                        strerror(errno));
            warned |= hw[i].bit;
            continue;
        }
        p->fd[p->n] = fd;
        p->metric[p->n] = hw[i].metric;
        p->unit[p->n] = hw[i].unit;
        p->n++;
    }
}

void pmu_start(const struct pmu *p)
{
    for (int i = 0; i < p->n; i++) {
        (void)ioctl(p->fd[i], PERF_EVENT_IOC_RESET, 0);
        (void)ioctl(p->fd[i], PERF_EVENT_IOC_ENABLE, 0);
    }
}

void pmu_stop(const struct pmu *p, uint64_t *counts)
{
    for (int i = 0; i < p->n; i++)
        (void)ioctl(p->fd[i], PERF_EVENT_IOC_DISABLE, 0);
    for (int i = 0; i < p->n; i++) {
        uint64_t v = 0;
        counts[i] = read(p->fd[i], &v, sizeof v) == (ssize_t)sizeof v ? v : 0;
    }
}

void pmu_close(struct pmu *p)
{
    for (int i = 0; i < p->n; i++)
        close(p->fd[i]);
    p->n = 0;
}
