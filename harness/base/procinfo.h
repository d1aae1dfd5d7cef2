/* procinfo.h - readers of /proc/self for the measuring children: RSS, PSS,
 * private dirty memory, threads, open descriptors, mappings.
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
};

/* Fills every field of s; fields that could not be read are -1. The
 * smaps_rollup read walks every page table, so it is the slow part:
 * want_smaps = 0 leaves pss_kb and private_dirty_kb at -1. */
void proc_sample_take(struct proc_sample *s, int want_smaps);

/* The single readers (each -1 on failure). */
long proc_status_field_kb(const char *field); /* "VmRSS", "Threads" */
long proc_maps_count(void);
long proc_fd_count(void);

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
