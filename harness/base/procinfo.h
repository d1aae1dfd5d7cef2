/* procinfo.h - readers of /proc/self for the measuring children: RSS, PSS,
 * private dirty memory, threads, open descriptors, mappings, child
 * processes.
 *
 * Every reader uses fixed buffers on the stack and never calls malloc, so
 * that taking a sample does not itself move the resident set it reports.
 * A field that cannot be read is -1 (e.g. smaps_rollup before Linux 4.14). */
#ifndef DLBENCH_PROCINFO_H
#define DLBENCH_PROCINFO_H

#include <sys/types.h>

#include "base/util.h"

struct proc_sample {
    long rss_kb;           /* VmRSS of /proc/self/status */
    long pss_kb;           /* Pss of /proc/self/smaps_rollup */
    long private_dirty_kb; /* Private_Dirty of /proc/self/smaps_rollup */
    long threads;          /* Threads of /proc/self/status */
    long fds;              /* entries of /proc/self/fd, without the reader's own */
    long maps;             /* lines of /proc/self/maps */
    long children;         /* child processes, zombies included (proc_children) */
};

/* What proc_sample_take reads beyond status, fd and maps (bits). */
#define PROC_SAMPLE_SMAPS 1u    /* pss_kb, private_dirty_kb: smaps_rollup */
#define PROC_SAMPLE_CHILDREN 2u /* children: proc_children */

/* Fills every field of s; fields that could not be read, or not asked
 * for in want, are -1. The smaps_rollup read walks every page table, so
 * it is the slow part; the children count may read the stat of every
 * process on the machine (proc_children). Callers sample outside timed
 * regions. */
void proc_sample_take(struct proc_sample *s, unsigned want);

/* The single readers (each -1 on failure). */
long proc_status_field_kb(const char *field); /* "VmRSS", "Threads" */
long proc_maps_count(void);
long proc_fd_count(void);
/* The child processes of this process (every thread's, zombies included:
 * a child ended but not waited for is still one; a grandchild is not):
 * how many, or -1 if /proc cannot be read; the first max of their pids go
 * to out (NULL: count only). From /proc/self/task/<tid>/children, one
 * file per thread listing the children it forked, where the kernel has
 * them (CONFIG_PROC_CHILDREN; Documentation/filesystems/proc.rst: exact
 * only while the children do not change, which between cycles they do not
 * unless a library's thread forks or reaps meanwhile): cost grows with our
 * threads. Else proc_children_scan. */
long proc_children(pid_t *out, size_t max);
/* The same by reading every /proc/<pid>/stat for our pid as the parent
 * (field 4, after the last ')': comm may hold blanks and parentheses; the
 * parent's thread group id, so a child forked by any of our threads
 * counts): cost grows with the processes on the machine. A process that
 * starts or ends during the scan may be missed. */
long proc_children_scan(pid_t *out, size_t max);

/* 1 if a mapping of the file with this device and inode is in
 * /proc/self/maps, 0 if not, -1 if maps cannot be read. Matching by
 * device+inode, not name, finds the library whatever path it was opened by. */
int proc_maps_has_file(dev_t dev, ino_t ino);
/* The mappings of the file (device and inode) in /proc/self/maps: how many
 * and their size in KiB (end - start, whatever is resident). 0, or -1. */
int proc_maps_file_usage(dev_t dev, ino_t ino, long *maps, long *kib);
/* The names (/proc/self/task/<tid>/comm) of this process's threads, one
 * entry per thread, sorted. Allocates (unlike the samplers above): not for
 * between samples. 0, or -1. */
int proc_task_names(struct strlist *out);

#endif
