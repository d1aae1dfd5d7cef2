/* cpushare.h - other dlbench runs measuring on this machine at the same
 * time, on the same pinned CPU: the timings of both are inflated.
 *
 * Every `dlbench run` holds, for its whole life, a read lock (fcntl) on one
 * byte of CPUSHARE_LOCK_FILE: byte 0 when it does not pin, byte 1 + N when
 * it pins to CPU N. A run finds the others with F_GETLK, which names a
 * holder's pid. The kernel drops the lock when a run ends in any way
 * (SIGKILL included), so nothing goes stale, and nothing is written. Two
 * runs into different reports folders see each other; so do runs of
 * different users (the file is created readable by all). */
#ifndef DLBENCH_CPUSHARE_H
#define DLBENCH_CPUSHARE_H

#define CPUSHARE_LOCK_FILE "/tmp/dlbench-cpus.lock"

struct cpushare {
    int fd;      /* the lock file; -1: no detection (could not open it) */
    int cpu;     /* the pinned CPU, -1: not pinned */
};

/* Takes this run's lock. Never fails: when the file cannot be opened or
 * locked, fd is -1 and cpushare_warning() finds nothing. */
void cpushare_join(struct cpushare *cs, int pin_cpu);
/* The sentence naming another run measuring now, or NULL: "another dlbench
 * run (pid N) is measuring on CPU 1: timings of both are inflated"; when
 * one of the two does not pin, "... is measuring on this machine (not
 * pinned): timings of both may be inflated". Caller frees. */
char *cpushare_warning(const struct cpushare *cs);
void cpushare_leave(struct cpushare *cs);

#endif
