/* child.h - run a command in its own process group with a time limit and
 * capture what it prints. A crash, a non-zero exit or a timeout of the child
 * is a result (a failure record), never the end of the parent. */
#ifndef DLBENCH_CHILD_H
#define DLBENCH_CHILD_H

#include <stddef.h>

enum child_outcome {
    CHILD_OK,          /* exited 0 */
    CHILD_EXIT,        /* exited non-zero (code in exit_code) */
    CHILD_SIGNAL,      /* killed by a signal (in signal) */
    CHILD_TIMEOUT,     /* ran past the limit; its process group was killed */
    CHILD_SPAWN_FAILED,/* could not start (errno_ in spawn_errno) */
    CHILD_INTERRUPTED  /* the parent was asked to stop (SIGINT/SIGTERM) */
};

struct child_result {
    enum child_outcome outcome;
    int exit_code;
    int signal;
    int spawn_errno;
    double wall_s;     /* how long it ran */
    char *out;         /* everything it wrote to stdout (NUL-terminated) */
    size_t out_len;
    char *err;         /* the last bytes it wrote to stderr */
    size_t err_len;
};

struct child_spec {
    char *const *argv;     /* argv[0] is the program (searched in PATH) */
    const char *cwd;       /* NULL: the parent's */
    char *const *env_add;  /* "NAME=value" entries added to the environment */
    double timeout_s;      /* <= 0: no limit */
    size_t max_out;        /* stdout beyond this is dropped (0 = 64 MiB) */
    int stderr_to_parent;  /* 1: child's stderr passes through (progress) */
};

int child_run(const struct child_spec *spec, struct child_result *res);
void child_result_free(struct child_result *res);
/* "exited with status 3", "killed by SIGSEGV", "timed out after 30 s". */
char *child_cause(const struct child_result *res);
/* Last n lines of res->err (for failure records); a Go "panic:" or "fatal
 * error:" line pushed out by a long stack trace is kept in front. Caller frees. */
char *child_err_tail(const struct child_result *res, int n_lines);

/* Set by the SIGINT/SIGTERM handler of `run`; child_run kills the running
 * child's group and returns CHILD_INTERRUPTED when it becomes non-zero. */
extern volatile int child_stop_requested;
/* Installs handlers for SIGINT and SIGTERM that set child_stop_requested. */
void child_install_stop_handlers(void);

#endif
