/* procinfo.c - see procinfo.h. */
#define _GNU_SOURCE
#include "base/procinfo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* -------------------------------------------------------------- raw files */

/* Reads up to cap-1 bytes of a small /proc file into buf, NUL-terminated.
 * Returns the length or -1. */
static ssize_t read_small_at(int dirfd, const char *path, char *buf, size_t cap)
{
    int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t len = 0;
    while (len + 1 < cap) {
        ssize_t r = read(fd, buf + len, cap - 1 - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            close(fd);
            return -1;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    buf[len] = '\0';
    return (ssize_t)len;
}

static ssize_t read_small(const char *path, char *buf, size_t cap)
{
    return read_small_at(AT_FDCWD, path, buf, cap);
}

/* The number after "field:" at the start of a line of text, or -1. */
static long field_value(const char *text, const char *field)
{
    size_t fl = strlen(field);
    const char *p = text;
    while (p && *p) {
        if (strncmp(p, field, fl) == 0 && p[fl] == ':') {
            char *end;
            long v = strtol(p + fl + 1, &end, 10);
            return end == p + fl + 1 ? -1 : v;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return -1;
}

long proc_status_field_kb(const char *field)
{
    /* /proc/self/status is about 1.5 KiB. */
    char buf[8192];
    if (read_small("/proc/self/status", buf, sizeof buf) < 0)
        return -1;
    return field_value(buf, field);
}

/* ------------------------------------------------------------------ maps */

/* Calls fn on every line of /proc/self/maps (without the newline). Lines
 * longer than the buffer (paths near PATH_MAX) are cut, which neither the
 * count nor the device/inode fields at their start mind. Returns the
 * number of lines, or -1. */
static long maps_each(int (*fn)(const char *line, void *arg), void *arg, int *found)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[16384];
    size_t have = 0;
    long lines = 0;
    int eof = 0;
    while (!eof || have > 0) {
        if (!eof && have < sizeof buf - 1) {
            ssize_t r = read(fd, buf + have, sizeof buf - 1 - have);
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                close(fd);
                return -1;
            }
            if (r == 0)
                eof = 1;
            have += (size_t)r;
        }
        buf[have] = '\0';
        char *nl = memchr(buf, '\n', have);
        size_t linelen;
        if (nl) {
            *nl = '\0';
            linelen = (size_t)(nl - buf) + 1;
        } else if (eof || have == sizeof buf - 1) {
            linelen = have; /* last line without newline, or an overlong one */
        } else {
            continue; /* need more bytes */
        }
        if (linelen > 0) {
            lines++;
            if (fn && fn(buf, arg))
                *found = 1;
        }
        memmove(buf, buf + linelen, have - linelen);
        have -= linelen;
    }
    close(fd);
    return lines;
}

long proc_maps_count(void)
{
    int found = 0;
    return maps_each(NULL, NULL, &found);
}

struct file_id {
    unsigned maj, min;
    unsigned long ino;
};

/* Skips one field and the blanks after it. */
static const char *next_field(const char *p)
{
    while (*p && *p != ' ')
        p++;
    while (*p == ' ')
        p++;
    return p;
}

/* Line: "start-end perms offset maj:min inode   path". */
static int line_is_file(const char *line, void *arg)
{
    const struct file_id *id = arg;
    const char *p = next_field(next_field(next_field(line)));
    char *end;
    unsigned long maj = strtoul(p, &end, 16);
    if (end == p || *end != ':')
        return 0;
    p = end + 1;
    unsigned long min = strtoul(p, &end, 16);
    if (end == p || *end != ' ')
        return 0;
    p = end;
    unsigned long ino = strtoul(p, &end, 10);
    if (end == p)
        return 0;
    return ino != 0 && ino == id->ino && maj == id->maj && min == id->min;
}

struct file_usage {
    struct file_id id;
    long maps, kib;
};

static int line_usage(const char *line, void *arg)
{
    struct file_usage *u = arg;
    if (!line_is_file(line, &u->id))
        return 0;
    char *end;
    unsigned long long lo = strtoull(line, &end, 16);
    if (*end != '-')
        return 0;
    unsigned long long hi = strtoull(end + 1, NULL, 16);
    u->maps++;
    u->kib += hi > lo ? (long)((hi - lo) / 1024) : 0;
    return 1;
}

int proc_maps_file_usage(dev_t dev, ino_t ino, long *maps, long *kib)
{
    struct file_usage u = {{major(dev), minor(dev), (unsigned long)ino}, 0, 0};
    int found = 0;
    if (maps_each(line_usage, &u, &found) < 0)
        return -1;
    *maps = u.maps;
    *kib = u.kib;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int proc_task_names(struct strlist *out)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[300];
        (void)snprintf(path, sizeof path, "/proc/self/task/%s/comm", e->d_name);
        size_t len = 0;
        char *name = read_file(path, &len, 64);
        if (!name)
            continue; /* the thread ended meanwhile */
        name[strcspn(name, "\n")] = '\0';
        sl_push_owned(out, name);
    }
    closedir(d);
    qsort(out->v, out->n, sizeof *out->v, cmp_str);
    return 0;
}

int proc_maps_has_file(dev_t dev, ino_t ino)
{
    struct file_id id = {major(dev), minor(dev), (unsigned long)ino};
    int found = 0;
    if (maps_each(line_is_file, &id, &found) < 0)
        return -1;
    return found;
}

/* ------------------------------------------------------------------- fds */

long proc_fd_count(void)
{
    /* getdents64 on a stack buffer rather than opendir, which mallocs. */
    int fd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[8192];
    long n = 0;
    for (;;) {
        ssize_t r = getdents64(fd, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            n = -1;
            break;
        }
        if (r == 0)
            break;
        for (ssize_t off = 0; off < r;) {
            struct dirent64 *e = (struct dirent64 *)(void *)(buf + off);
            if (e->d_name[0] != '.' && strtol(e->d_name, NULL, 10) != fd)
                n++;
            off += e->d_reclen;
        }
    }
    close(fd);
    return n;
}

/* -------------------------------------------------------------- children */

/* Calls fn(dirfd, name, arg) on every entry of the directory dirfd whose
 * name starts with a digit 1-9 (a pid or tid), through getdents64 on a
 * stack buffer (opendir mallocs). 0, or -1 if the directory cannot be read. */
static int each_numbered(int dirfd, void (*fn)(int dirfd, const char *name, void *arg), void *arg)
{
    char buf[8192];
    for (;;) {
        ssize_t r = getdents64(dirfd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r < 0 ? -1 : 0;
        for (ssize_t off = 0; off < r;) {
            const struct dirent64 *e = (const struct dirent64 *)(void *)(buf + off);
            if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
                fn(dirfd, e->d_name, arg);
            off += e->d_reclen;
        }
    }
}

struct kids {
    pid_t me;
    pid_t *out;
    size_t max;
    long n;       /* children found (may be more than max) */
    int have_file; /* a task/<tid>/children file was read */
};

static void kid_found(struct kids *k, long pid)
{
    if ((size_t)k->n < k->max)
        k->out[k->n] = (pid_t)pid;
    k->n++;
}

/* task/<tid>/children (CONFIG_PROC_CHILDREN): the pids of the children
 * that thread forked, blank-separated; read in pieces, so any number fits. */
static void task_children(int dirfd, const char *tid, void *arg)
{
    struct kids *k = arg;
    char path[64], buf[4096];
    (void)snprintf(path, sizeof path, "%s/children", tid);
    int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    k->have_file = 1;
    long cur = -1;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        for (ssize_t i = 0; i < r; i++) {
            if (buf[i] >= '0' && buf[i] <= '9') {
                cur = (cur < 0 ? 0 : cur * 10) + (buf[i] - '0');
            } else if (cur >= 0) {
                kid_found(k, cur);
                cur = -1;
            }
        }
    }
    if (cur >= 0)
        kid_found(k, cur);
    close(fd);
}

/* <pid>/stat: "pid (comm) state ppid ...", comm may hold blanks and ')'. */
static void pid_stat_parent(int dirfd, const char *pid, void *arg)
{
    struct kids *k = arg;
    char path[64], buf[512];
    (void)snprintf(path, sizeof path, "%s/stat", pid);
    if (read_small_at(dirfd, path, buf, sizeof buf) < 0)
        return; /* ended meanwhile */
    const char *rp = strrchr(buf, ')');
    if (!rp || strlen(rp) < 4)
        return;
    char *end;
    long ppid = strtol(rp + 4, &end, 10);
    if (end != rp + 4 && ppid == (long)k->me)
        kid_found(k, strtol(pid, NULL, 10));
}

long proc_children_scan(pid_t *out, size_t max)
{
    struct kids k = {getpid(), out, out ? max : 0, 0, 0};
    int dirfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0)
        return -1;
    int rc = each_numbered(dirfd, pid_stat_parent, &k);
    close(dirfd);
    return rc < 0 ? -1 : k.n;
}

long proc_children(pid_t *out, size_t max)
{
    struct kids k = {getpid(), out, out ? max : 0, 0, 0};
    int dirfd = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd >= 0) {
        int rc = each_numbered(dirfd, task_children, &k);
        close(dirfd);
        if (rc == 0 && k.have_file)
            return k.n;
    }
    return proc_children_scan(out, max);
}

/* ---------------------------------------------------------------- sample */

void proc_sample_take(struct proc_sample *s, unsigned want)
{
    char buf[8192];
    s->rss_kb = s->threads = -1;
    if (read_small("/proc/self/status", buf, sizeof buf) >= 0) {
        s->rss_kb = field_value(buf, "VmRSS");
        s->threads = field_value(buf, "Threads");
    }
    s->pss_kb = s->private_dirty_kb = -1;
    if ((want & PROC_SAMPLE_SMAPS) && read_small("/proc/self/smaps_rollup", buf, sizeof buf) >= 0) {
        /* The first line names the range; the fields follow. */
        s->pss_kb = field_value(buf, "Pss");
        s->private_dirty_kb = field_value(buf, "Private_Dirty");
    }
    s->fds = proc_fd_count();
    s->maps = proc_maps_count();
    s->children = (want & PROC_SAMPLE_CHILDREN) ? proc_children(NULL, 0) : -1;
}
