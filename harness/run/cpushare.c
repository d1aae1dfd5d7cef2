/* cpushare.c - see cpushare.h. */
#define _GNU_SOURCE
#include "run/cpushare.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

/* The byte of a run: 0 unpinned, 1 + cpu pinned. */
static off_t cpu_byte(int cpu)
{
    return cpu < 0 ? 0 : (off_t)cpu + 1;
}

void cpushare_join(struct cpushare *cs, int pin_cpu)
{
    cs->cpu = pin_cpu;
    /* Read-only is enough for a read lock, and opening without O_CREAT
     * first works on a file another user created in sticky /tmp (which
     * fs.protected_regular refuses with O_CREAT). O_NOFOLLOW: nobody's
     * symlink in /tmp makes us lock their file. */
    cs->fd = open(CPUSHARE_LOCK_FILE, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (cs->fd < 0 && errno == ENOENT) {
        cs->fd = open(CPUSHARE_LOCK_FILE, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (cs->fd >= 0)
            (void)fchmod(cs->fd, 0644); /* readable by all, whatever the umask */
    }
    if (cs->fd < 0)
        return;
    struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = cpu_byte(pin_cpu),
                       .l_len = 1};
    if (fcntl(cs->fd, F_SETLK, &fl) != 0) {
        close(cs->fd);
        cs->fd = -1;
    }
}

/* The pid of another process's lock over [start, start + len) (len 0: to
 * the end), 0 if none. Our own locks never conflict with us. */
static long holder(int fd, off_t start, off_t len)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
    if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
        return 0;
    return (long)fl.l_pid;
}

char *cpushare_warning(const struct cpushare *cs)
{
    if (cs->fd < 0)
        return NULL;
    long pid;
    if (cs->cpu >= 0) {
        pid = holder(cs->fd, cpu_byte(cs->cpu), 1);
        if (pid > 0)
            return xasprintf("another dlbench run (pid %ld) is measuring on CPU %d: timings of "
                             "both are inflated",
                             pid, cs->cpu);
        pid = holder(cs->fd, 0, 1); /* a run that does not pin may use our CPU */
    } else {
        pid = holder(cs->fd, 0, 0); /* we may use any run's CPU */
    }
    if (pid > 0)
        return xasprintf("another dlbench run (pid %ld) is measuring on this machine (not "
                         "pinned): timings of both may be inflated",
                         pid);
    return NULL;
}

void cpushare_leave(struct cpushare *cs)
{
    if (cs->fd >= 0)
        close(cs->fd);
    cs->fd = -1;
}
