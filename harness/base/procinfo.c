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
static ssize_t read_small(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
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

/* ---------------------------------------------------------------- sample */

void proc_sample_take(struct proc_sample *s, int want_smaps)
{
    char buf[8192];
    s->rss_kb = s->threads = -1;
    if (read_small("/proc/self/status", buf, sizeof buf) >= 0) {
        s->rss_kb = field_value(buf, "VmRSS");
        s->threads = field_value(buf, "Threads");
    }
    s->pss_kb = s->private_dirty_kb = -1;
    if (want_smaps && read_small("/proc/self/smaps_rollup", buf, sizeof buf) >= 0) {
        /* The first line names the range; the fields follow. */
        s->pss_kb = field_value(buf, "Pss");
        s->private_dirty_kb = field_value(buf, "Private_Dirty");
    }
    s->fds = proc_fd_count();
    s->maps = proc_maps_count();
}
