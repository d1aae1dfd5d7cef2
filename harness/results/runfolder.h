/* runfolder.h - the one place that owns a run's files.
 *
 * A run is written into a hidden staging folder
 * "<reports>/.incomplete-<run-id>-<pid>/", every file under a temporary name
 * and renamed, and the folder is renamed to "<reports>/<run-id>/" when the
 * run ends. "<reports>/latest" is a symlink that only ever points at a
 * complete run. So a run killed at any moment (even by SIGKILL) leaves no
 * half-written file in a run folder. */
#ifndef DLBENCH_RUNFOLDER_H
#define DLBENCH_RUNFOLDER_H

#include <stddef.h>

struct run_folder {
    char *reports;   /* the reports folder */
    char *run_id;    /* YYYYmmdd-HHMMSS[-N] */
    char *stage;     /* staging folder (while running) */
    char *final;     /* reports/<run-id> once finished */
};

/* Creates the reports folder if needed, removes staging folders of dead
 * runs, picks a run id and creates the staging folder. 0 or -1 (printed). */
int runfolder_create(struct run_folder *rf, const char *reports_dir);
/* Writes one file of the run atomically. 0 or -1 (printed). */
int runfolder_write(struct run_folder *rf, const char *name, const char *data, size_t len);
/* Writes dir/name of the run atomically, creating the folder dir (a
 * relative path such as "logs/c@gcc") first. 0 or -1 (printed). */
int runfolder_write_in(struct run_folder *rf, const char *dir, const char *name,
                       const char *data, size_t len);
/* Renames the staging folder to its final name; when complete, points
 * reports/latest at it. 0 or -1 (printed). */
int runfolder_finish(struct run_folder *rf, int complete);
void runfolder_free(struct run_folder *rf);
/* rm -rf, for staging folders only. */
int remove_tree(const char *path);

#endif
