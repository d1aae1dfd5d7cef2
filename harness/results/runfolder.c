/* runfolder.c - see runfolder.h. */
#define _GNU_SOURCE
#include "results/runfolder.h"

#include <dirent.h>
#include <errno.h>
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

int runfolder_create(struct run_folder *rf, const char *reports_dir)
{
    memset(rf, 0, sizeof *rf);
    if (mkdir_p(reports_dir) != 0) {
        db_error("cannot create reports folder '%s': %s", reports_dir, strerror(errno));
        return -1;
    }
    rf->reports = xstrdup(reports_dir);
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

int runfolder_write(struct run_folder *rf, const char *name, const char *data, size_t len)
{
    char *p = path_join(rf->stage, name);
    int rc = write_file_atomic(p, data, len);
    if (rc != 0)
        db_error("cannot write '%s': %s", p, strerror(errno));
    free(p);
    return rc;
}

int runfolder_write_in(struct run_folder *rf, const char *dir, const char *name,
                       const char *data, size_t len)
{
    char *d = path_join(rf->stage, dir);
    int rc = mkdir_p(d);
    if (rc != 0)
        db_error("cannot create '%s': %s", d, strerror(errno));
    free(d);
    if (rc == 0) {
        char *rel = path_join(dir, name);
        rc = runfolder_write(rf, rel, data, len);
        free(rel);
    }
    return rc;
}

int runfolder_finish(struct run_folder *rf, int complete)
{
    /* Another run that started in the same second may have taken the name
     * meanwhile (its staging folder did not block it): rename() fails on
     * a non-empty folder, so take the next free id instead of losing the
     * run. */
    int k = 1;
    while (rename(rf->stage, rf->final) != 0) {
        int e = errno;
        if ((e != ENOTEMPTY && e != EEXIST) || ++k >= 1000) {
            db_error("cannot rename '%s' to '%s': %s", rf->stage, rf->final, strerror(e));
            return -1;
        }
        const char *base = rf->run_id;
        char *id = xasprintf("%.15s-%d", base, k); /* YYYYmmdd-HHMMSS-k */
        free(rf->final);
        rf->final = path_join(rf->reports, id);
        free(rf->run_id);
        rf->run_id = id;
    }
    if (!complete)
        return 0;
    /* Swap the link atomically: readers see the old run or the new one. */
    char *link = path_join(rf->reports, "latest");
    char *tmp = xasprintf("%s.tmp.%ld", link, (long)getpid());
    int rc = 0;
    unlink(tmp);
    if (symlink(rf->run_id, tmp) != 0 || rename(tmp, link) != 0) {
        db_warn("cannot point '%s' at '%s': %s", link, rf->run_id, strerror(errno));
        unlink(tmp);
        rc = -1;
    }
    free(tmp);
    free(link);
    return rc;
}

void runfolder_free(struct run_folder *rf)
{
    free(rf->reports);
    free(rf->run_id);
    free(rf->stage);
    free(rf->final);
    memset(rf, 0, sizeof *rf);
}
