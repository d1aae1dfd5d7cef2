/* child.h - run a command in its own process group with a time limit and
 * capture what it prints. A crash, a non-zero exit or a timeout of the child
 * is a result (a failure record), never the end of the parent.
 *
 * The time limit and Ctrl-C act on the child itself (waitpid), never on the
 * end of its output: whatever it spawned that still holds the pipes - even
 * a helper that left its process group with setsid() - is found and killed
 * when the child ends. The parent is a child subreaper
 * (PR_SET_CHILD_SUBREAPER) so such orphans become its children.
 *
 * The record protocol (child_spec.records; written by measure/rows.c):
 * lines of the child's stdout that start with '#' are records, the rest
 * data. "#step,<label>" says which step the child began; "#end,<lines>"
 * must be the last line, <lines> counting the data lines before it. A
 * child that exits without it - with any status - did not finish.
 * "#error,<text>", "#warning,<text>", "#note,<text>" are the child's own
 * messages (db_error, db_warn, db_note, db_info in the child; text without
 * the "dlbench: <level>: " prefix; a backslash is written as two, a line
 * break as backslash-n or backslash-r): the child sends them there
 * instead of stderr when it finds CHILD_ENV_RECORDS=1 in its environment,
 * which child_run sets for a records child (and removes for any other),
 * so its stderr - its log - is what the library printed alone. */
#ifndef DLBENCH_CHILD_H
#define DLBENCH_CHILD_H

#include <stddef.h>

enum child_outcome {
    CHILD_OK,          /* exited 0 */
    CHILD_EXIT,        /* exited non-zero (code in exit_code) */
    CHILD_SIGNAL,      /* killed by a signal (in signal) */
    CHILD_TIMEOUT,     /* ran past the limit; its process group was killed */
    CHILD_SPAWN_FAILED,/* could not start (errno_ in spawn_errno) */
    CHILD_INTERRUPTED, /* the parent was asked to stop (SIGINT/SIGTERM) */
    CHILD_UNFINISHED   /* records: exited 0 without a valid end record */
};

#define CHILD_REC_STEP "#step,"
#define CHILD_REC_END "#end,"
/* "#forked,<step>": a copy of the measuring process, made by fork() in
 * the library, came back into dlbench during <step> (measure/rows.h);
 * the copy wrote nothing else and ended. The measurement ran beside it:
 * not trusted. */
#define CHILD_REC_FORKED "#forked,"
/* The line a measuring child prints on stderr when its data channel was
 * closed or replaced under it (measure/rows.h), before it exits 1: the
 * parent takes the rest of the line as the cause. */
#define CHILD_CHANNEL_LOST "dlbench: error: lost its data channel: "
#define CHILD_REC_ERROR "#error,"
#define CHILD_REC_WARNING "#warning,"
#define CHILD_REC_NOTE "#note,"
#define CHILD_ENV_RECORDS "DLBENCH_RECORDS"

struct child_result {
    enum child_outcome outcome;
    int exit_code;
    int signal;
    int stop_signal;   /* CHILD_SIGNAL: the child had stopped on this signal
                        * (SIGSTOP, SIGTSTP, ...) and was killed for it, since
                        * a stopped process never finishes; 0 otherwise */
    int spawn_errno;
    double wall_s;     /* how long it ran */
    char *out;         /* everything it wrote to stdout (NUL-terminated);
                        * with records: the data channel, records included */
    size_t out_len;
    char *err;         /* the last bytes (64 KiB or more) it wrote to stderr;
                        * for `dlbench measure` with records: its log - what
                        * the library printed on stdout and stderr, in order
                        * (the child's own messages are records) */
    size_t err_len;
    size_t err_dropped;/* bytes of stderr dropped before err (0: err is all) */
    /* With records only: */
    int records;       /* 1: the fields below were read */
    char *step;        /* label of the last "#step" record, NULL if none */
    int ended;         /* 1: a valid end record, last, with the right count */
    long end_lines;    /* the count of the end record; -1 if there is none */
    long data_lines;   /* data lines before the end record (or all of them) */
    char *msgs;        /* the child's message records as it would have
                        * printed them: "dlbench: error: x\n", "dlbench:
                        * warning: x\n", "dlbench: note: x\n" in order;
                        * NULL if none */
    char *error;       /* text of its last "#error" record; NULL if none */
    char *forked;      /* the step of a "#forked" record; NULL if none */
};

struct child_spec {
    char *const *argv;     /* argv[0] is the program (searched in PATH) */
    const char *cwd;       /* NULL: the parent's */
    char *const *env_add;  /* "NAME=value" entries added to the environment */
    double timeout_s;      /* <= 0: no limit */
    size_t max_out;        /* stdout beyond this is dropped (0 = 64 MiB) */
    int stderr_to_parent;  /* 1: child's stderr passes through (progress) */
    int records;           /* 1: the child speaks the record protocol (it is
                            * `dlbench measure`): exit 0 is CHILD_OK only
                            * with the end record, else CHILD_UNFINISHED */
};

/* Runs spec->argv to its end (or the time limit, or a stop request) and
 * fills res (free with child_result_free). Returns 0; every way the child
 * can end is an outcome in res, CHILD_SPAWN_FAILED included. Not
 * reentrant: one child at a time per process. */
int child_run(const struct child_spec *spec, struct child_result *res);
void child_result_free(struct child_result *res);
/* "exited with status 3", "killed by SIGSEGV", "timed out after 30 s";
 * with records and no end record the step follows: "exited with status 3
 * during dlopen", "ended the process with status 0 during bench_add"; a
 * non-zero exit the child explained with an error record says why:
 * "exited with status 1: cannot dlopen 'x': ...". Caller frees. */
char *child_cause(const struct child_result *res);
/* The child's whole kept stderr (its log; with records what the library
 * printed alone), led by "[... N bytes dropped
 * ...]" when its beginning was dropped: for a run folder's logs/. Caller
 * frees. */
char *child_log(const struct child_result *res);
/* Last n lines of res->err (for failure records); a Go "panic:" or "fatal
 * error:" line pushed out by a long stack trace is kept in front. Caller frees. */
char *child_err_tail(const struct child_result *res, int n_lines);

/* Set by the SIGINT/SIGTERM handler of `run`; child_run kills the running
 * child's group and returns CHILD_INTERRUPTED when it becomes non-zero. */
extern volatile int child_stop_requested;
/* Installs handlers for SIGINT and SIGTERM that set child_stop_requested. */
void child_install_stop_handlers(void);

#endif
