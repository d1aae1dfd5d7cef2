/* runfolder.h - the one place that owns a run's files.
 *
 * A run is written into a hidden staging folder
 * "<reports>/.incomplete-<run-id>-<pid>/", every file under a temporary name
 * and renamed, and the folder is renamed to "<reports>/<run-id>/" when the
 * run ends. "<reports>/latest" is a symlink that only ever points at a
 * complete run. So a run killed at any moment (even by SIGKILL) leaves no
 * half-written file in a run folder, and a run whose writes failed (a full
 * disk: ENOSPC from write, fsync or close) ends as
 * "<reports>/<run-id>.incomplete/" and never becomes latest. */
#ifndef DLBENCH_RUNFOLDER_H
#define DLBENCH_RUNFOLDER_H

#include <stddef.h>

#include "base/util.h"

/* The lock of a reports folder: "<reports>/.lock", an fcntl write lock on
 * the whole file, held from runfolder_create() to runfolder_free(). The
 * kernel releases it when the run ends in any way (SIGKILL included) and
 * names its holder (F_GETLK), so no pid is written and none goes stale. */
#define RUNFOLDER_LOCK ".lock"
/* The suffix of a run whose files could not all be written. */
#define RUNFOLDER_INCOMPLETE_SUFFIX ".incomplete"

struct run_folder {
    char *reports;   /* the reports folder */
    char *run_id;    /* YYYYmmdd-HHMMSS[-N] */
    char *stage;     /* staging folder (while running) */
    char *final;     /* where the run is once finished: reports/<run-id>,
                      * reports/<run-id>.incomplete, or the staging folder
                      * when even the rename failed */
    int lock_fd;     /* the reports folder's lock; -1: none */
    struct strlist not_written; /* files of the run (relative to the run
                                 * folder, "charts/" for charts) that could
                                 * not be written, in order */
    char *write_error;          /* why the first of them failed */
    int latest_moved;           /* 1: reports/latest points at this run */
    int latest_failed;          /* 1: the run is whole but latest could not
                                 * be moved (it still points where it did) */
};

enum runfolder_wait {
    RUNFOLDER_REFUSE = 0, /* another run holds the folder: error, -1 */
    RUNFOLDER_WAIT = 1    /* wait until it ends (a note says for whom) */
};

/* Creates the reports folder if needed, locks it (see RUNFOLDER_LOCK; when
 * another run holds it: "'<reports>' is in use by another dlbench run (pid
 * N)..." or wait), removes staging folders of dead runs, picks a run id and
 * creates the staging folder. 0 or -1 (printed). */
int runfolder_create(struct run_folder *rf, const char *reports_dir, enum runfolder_wait wait);
/* Writes one file of the run atomically. 0 or -1 (printed, and name is
 * recorded in not_written: the run becomes incomplete). */
int runfolder_write(struct run_folder *rf, const char *name, const char *data, size_t len);
/* Writes dir/name of the run atomically, creating the folder dir (a
 * relative path such as "logs/c@gcc") first. 0 or -1 (printed, and the
 * file recorded in not_written like runfolder_write's). */
int runfolder_write_in(struct run_folder *rf, const char *dir, const char *name,
                       const char *data, size_t len);
/* Records that files of the run written by someone else (charts, report)
 * could not be written: names (NULL-terminated, relative to the run
 * folder), errnum why; msg is printed as the error. */
void runfolder_write_failed(struct run_folder *rf, const char *const *names, int errnum,
                            const char *msg);
/* 1 while every write succeeded. */
int runfolder_whole(const struct run_folder *rf);
/* Ends the run's files. When a write failed, an INCOMPLETE file listing
 * what is missing is written (best effort: the disk may be full) and the
 * staging folder becomes reports/<run-id>.incomplete; otherwise it becomes
 * reports/<run-id>, and reports/latest is pointed at it when move_latest
 * (a complete, uninterrupted run). latest never moves to an incomplete
 * run. Sets final, latest_moved, latest_failed. 0, or -1 when the rename
 * or the latest link failed (printed). */
int runfolder_finish(struct run_folder *rf, int move_latest);
/* Releases the lock and frees rf. */
void runfolder_free(struct run_folder *rf);
/* rm -rf, for staging folders only. */
int remove_tree(const char *path);

#endif
