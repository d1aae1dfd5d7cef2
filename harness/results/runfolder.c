/* runfolder.c - see runfolder.h. */
#define _GNU_SOURCE
#include "results/runfolder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

#define STAGE_PREFIX ".incomplete-"

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

int remove_tree(const char *path)
{
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#define LATEST_TMP_PREFIX "latest.tmp."

static int pid_alive(long pid)
{
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Staging folders are named .incomplete-<run-id>-<pid>: one whose pid is
 * gone belongs to a run that was killed; nothing in it is worth keeping.
 * The same holds for a latest.tmp.<pid> link left by a run killed while
 * it swapped the latest link. */
static void remove_dead_stages(const char *reports)
{
    DIR *d = opendir(reports);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid = 0;
        if (!strncmp(e->d_name, LATEST_TMP_PREFIX, strlen(LATEST_TMP_PREFIX))) {
            if (parse_long(e->d_name + strlen(LATEST_TMP_PREFIX), 1, 1L << 30, &pid) != 0 ||
                pid_alive(pid))
                continue;
            char *p = path_join(reports, e->d_name);
            unlink(p);
            free(p);
            continue;
        }
        if (strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)) != 0)
            continue;
        const char *dash = strrchr(e->d_name, '-');
        if (!dash || parse_long(dash + 1, 1, 1L << 30, &pid) != 0 || pid_alive(pid))
            continue;
        char *p = path_join(reports, e->d_name);
        remove_tree(p);
        free(p);
    }
    closedir(d);
}

/* ================================================================ lock */

/* The pid of the process holding a lock on fd that conflicts with a write
 * lock, 0 if none (it may have ended meanwhile), -1 on error. */
static long lock_holder(int fd)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    if (fcntl(fd, F_GETLK, &fl) != 0)
        return -1;
    return fl.l_type == F_UNLCK ? 0 : (long)fl.l_pid;
}

/* Why an fcntl lock and not flock(): F_GETLK names the holder, so the
 * message can name the other run without a pid file that could go stale
 * or could not be written on a full disk. The lock is the process's: it
 * is not inherited by the measuring children and goes when dlbench ends. */
static int lock_reports(struct run_folder *rf, enum runfolder_wait wait)
{
    char *path = path_join(rf->reports, RUNFOLDER_LOCK);
    int rc = -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        db_error("cannot create lock file '%s': %s", path, strerror(errno));
        goto out;
    }
    for (;;) {
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
        if (fcntl(fd, F_SETLK, &fl) == 0)
            break;
        if (errno != EACCES && errno != EAGAIN) {
            db_error("cannot lock '%s': %s", path, strerror(errno));
            goto out;
        }
        long pid = lock_holder(fd);
        if (pid == 0)
            continue; /* it ended between our two calls */
        if (wait == RUNFOLDER_REFUSE) {
            db_error("'%s' is in use by another dlbench run (pid %ld); 'dlbench run --wait' "
                     "waits for it",
                     rf->reports, pid);
            goto out;
        }
        db_note("waiting for the dlbench run (pid %ld) that writes to '%s'", pid, rf->reports);
        if (fcntl(fd, F_SETLKW, &fl) == 0)
            break;
        if (errno != EINTR) {
            db_error("cannot lock '%s': %s", path, strerror(errno));
            goto out;
        }
    }
    rf->lock_fd = fd;
    fd = -1;
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    free(path);
    return rc;
}

/* ============================================================== create */

int runfolder_create(struct run_folder *rf, const char *reports_dir, enum runfolder_wait wait)
{
    memset(rf, 0, sizeof *rf);
    rf->lock_fd = -1;
    if (mkdir_p(reports_dir) != 0) {
        db_error("cannot create reports folder '%s': %s", reports_dir, strerror(errno));
        return -1;
    }
    rf->reports = xstrdup(reports_dir);
    /* Locked first: cleaning up and picking a run id are then ours alone
     * among runs into this folder. */
    if (lock_reports(rf, wait) != 0)
        return -1;
    remove_dead_stages(reports_dir);

    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    /* A run id is unique among finished runs and running stages. */
    for (int k = 1; k < 1000; k++) {
        char *id = k == 1 ? xstrdup(stamp) : xasprintf("%s-%d", stamp, k);
        char *fin = path_join(reports_dir, id);
        struct stat st;
        if (lstat(fin, &st) != 0) {
            rf->run_id = id;
            rf->final = fin;
            break;
        }
        free(id);
        free(fin);
    }
    if (!rf->run_id) {
        db_error("cannot find a free run id in '%s'", reports_dir);
        return -1;
    }
    char *stage = xasprintf("%s%s-%ld", STAGE_PREFIX, rf->run_id, (long)getpid());
    rf->stage = path_join(reports_dir, stage);
    free(stage);
    if (mkdir(rf->stage, 0755) != 0) {
        db_error("cannot create '%s': %s", rf->stage, strerror(errno));
        return -1;
    }
    return 0;
}

/* ============================================================== writes */

static void note_failure(struct run_folder *rf, const char *name, const char *why)
{
    if (!sl_contains(&rf->not_written, name))
        sl_push(&rf->not_written, name);
    if (!rf->write_error)
        rf->write_error = xstrdup(why);
}

int runfolder_write(struct run_folder *rf, const char *name, const char *data, size_t len)
{
    char *p = path_join(rf->stage, name);
    int rc = write_file_atomic(p, data, len);
    if (rc != 0) {
        const char *why = strerror(errno);
        db_error("cannot write '%s': %s", p, why);
        note_failure(rf, name, why);
    }
    free(p);
    return rc;
}

int runfolder_write_in(struct run_folder *rf, const char *dir, const char *name,
                       const char *data, size_t len)
{
    char *d = path_join(rf->stage, dir), *rel = path_join(dir, name);
    int rc = mkdir_p(d);
    if (rc != 0) {
        const char *why = strerror(errno);
        db_error("cannot create '%s': %s", d, why);
        note_failure(rf, rel, why);
    } else {
        rc = runfolder_write(rf, rel, data, len);
    }
    free(d);
    free(rel);
    return rc;
}

void runfolder_write_failed(struct run_folder *rf, const char *const *names, int errnum,
                            const char *msg)
{
    db_error("%s", msg);
    for (size_t i = 0; names[i]; i++)
        note_failure(rf, names[i], strerror(errnum));
}

int runfolder_whole(const struct run_folder *rf)
{
    return rf->not_written.n == 0;
}

/* ============================================================== finish */

/* Renames the staging folder to reports/<id><suffix>, taking the next free
 * id when another run took the name. 0 or -1 (printed). */
static int rename_stage(struct run_folder *rf, const char *suffix)
{
    /* Another run that started in the same second may have taken the name
     * meanwhile (its staging folder did not block it): rename() fails on
     * a non-empty folder, so take the next free id instead of losing the
     * run. */
    char *want = xasprintf("%s%s", rf->run_id, suffix);
    free(rf->final);
    rf->final = path_join(rf->reports, want);
    free(want);
    int k = 1;
    while (rename(rf->stage, rf->final) != 0) {
        int e = errno;
        if ((e != ENOTEMPTY && e != EEXIST) || ++k >= 1000) {
            db_error("cannot rename '%s' to '%s': %s", rf->stage, rf->final, strerror(e));
            free(rf->final);
            rf->final = xstrdup(rf->stage);
            return -1;
        }
        char *id = xasprintf("%.15s-%d", rf->run_id, k); /* YYYYmmdd-HHMMSS-k */
        free(rf->run_id);
        rf->run_id = id;
        char *name = xasprintf("%s%s", id, suffix);
        free(rf->final);
        rf->final = path_join(rf->reports, name);
        free(name);
    }
    return 0;
}

/* INCOMPLETE: what could not be written and why. The disk may be full, so
 * this may fail too: the folder's name says "incomplete" either way. */
static void write_incomplete_marker(struct run_folder *rf)
{
    struct strbuf sb = {0};
    sb_printf(&sb, "incomplete: could not write (%s):\n",
              rf->write_error ? rf->write_error : "?");
    for (size_t i = 0; i < rf->not_written.n; i++)
        sb_printf(&sb, "%s\n", rf->not_written.v[i]);
    char *p = path_join(rf->stage, "INCOMPLETE");
    if (write_file_atomic(p, sb.buf, sb.len) != 0)
        db_warn("cannot write '%s': %s (the folder's name says it is incomplete)", p,
                strerror(errno));
    free(p);
    sb_free(&sb);
}

int runfolder_finish(struct run_folder *rf, int move_latest)
{
    int whole = runfolder_whole(rf);
    if (!whole)
        write_incomplete_marker(rf);
    if (rename_stage(rf, whole ? "" : RUNFOLDER_INCOMPLETE_SUFFIX) != 0)
        return -1;
    if (!whole || !move_latest)
        return 0;
    /* Swap the link atomically: readers see the old run or the new one. */
    char *link = path_join(rf->reports, "latest");
    char *tmp = xasprintf("%s.tmp.%ld", link, (long)getpid());
    int rc = 0;
    unlink(tmp);
    if (symlink(rf->run_id, tmp) != 0 || rename(tmp, link) != 0) {
        db_error("cannot point '%s' at '%s': %s", link, rf->run_id, strerror(errno));
        unlink(tmp);
        rf->latest_failed = 1;
        rc = -1;
    } else {
        rf->latest_moved = 1;
    }
    free(tmp);
    free(link);
    return rc;
}

void runfolder_free(struct run_folder *rf)
{
    /* reports is set before the lock is taken: a zeroed rf (lock_fd 0)
     * never created holds no lock. */
    if (rf->reports && rf->lock_fd >= 0)
        close(rf->lock_fd);
    free(rf->reports);
    free(rf->run_id);
    free(rf->stage);
    free(rf->final);
    sl_free(&rf->not_written);
    free(rf->write_error);
    memset(rf, 0, sizeof *rf);
    rf->lock_fd = -1;
}
