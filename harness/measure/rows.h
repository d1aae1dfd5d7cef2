/* rows.h - the data channel of a measuring child (`dlbench measure`):
 * CSV rows, and the records that say where the child is and that it
 * finished.
 *
 * The stream, one '\n'-terminated line each:
 *   variant,scenario,workload,thread,metric,unit,rep,value
 *                    the CSV header (not for verify and once)
 *   <row>            one per sample (verify: its tab-separated lines)
 *   #step,<label>    the child is about to begin <label>: "dlopen",
 *                    "bench_add", "bench_fib(30) on the pthread", "dlclose",
 *                    "timed cycles (dlopen, bench_add, dlclose)". Written
 *                    and flushed before the step starts, never inside a
 *                    timed region, so if the process ends there the reader
 *                    knows where.
 *   #error,<text>    the child's own messages (db_error, db_warn, db_note,
 *   #warning,<text>  db_info) when its parent asked for them as records
 *   #note,<text>     (environment DLBENCH_RECORDS=1, set by child_run for
 *                    a records child): one line each, without the
 *                    "dlbench: <level>: " prefix, a backslash written as
 *                    two and a line break as backslash-n (or -r). Without
 *                    the variable they go to stderr as in any command.
 *                    The log on stderr is then what the library printed
 *                    alone; the parent names the error in its cause.
 *   #end,<lines>     the last line: the child got to the end of what it was
 *                    asked (its exit status says whether that succeeded);
 *                    <lines> = the lines before it that are not records,
 *                    the header included.
 * A stream without the end record is incomplete whatever the exit status:
 * the library ended the process (exit(0) inside a call exits 0).
 * Records start with '#', which CSV readers take as a comment
 * (pandas comment='#', gnuplot). The parent's reader is child.c
 * (child_spec.records); the record names are CHILD_REC_* in child.h.
 *
 * The channel is a private descriptor taken before the library is loaded
 * (row_channel_take): fd 1 then points at fd 2, so whatever the library
 * prints goes to stderr - the child's log - and never among the rows, and a
 * library that closes or redirects fd 1 cannot touch the channel.
 *
 * Rows collect in `pending` and go out with row_flush() as whole lines: on
 * a pipe each write(2) carries complete rows of at most PIPE_BUF bytes,
 * which POSIX makes atomic, so a parent that kills the child mid-run still
 * reads only complete rows. */
#ifndef DLBENCH_ROWS_H
#define DLBENCH_ROWS_H

#include "base/util.h"

#define MEASURE_CSV_HEADER "variant,scenario,workload,thread,metric,unit,rep,value"

struct row_writer {
    int fd;                   /* the data channel (row_channel_take) */
    const char *variant;      /* variant column */
    const char *scenario;     /* scenario column */
    struct strbuf pending;    /* rows not yet written */
    long *lines;              /* lines written that are not records; shared
                               * with forked children (cycle --mode both) so
                               * the end record counts theirs too */
    int lines_mapped;         /* 1: lines is an mmap'd page, 0: malloc'd */
    unsigned long long dev, ino; /* the channel's identity at init (fstat):
                               * a library that closes or replaces fd
                               * `fd` is caught at the next flush */
    char last_step[96];       /* the label of the last row_step */
    int owner;                /* the pid that may write (row_writer_adopt) */
};

/* Takes the data channel: a close-on-exec duplicate of fd 1 numbered 10 or
 * higher (out of the way of a library's guesses), then points fd 1 at fd 2
 * and makes stdout line-buffered, so the library's printf lands in the log
 * in order. Call once, before anything is loaded. Returns the descriptor,
 * or -1 with errno set. */
int row_channel_take(void);
/* Starts a writer on fd (from row_channel_take). */
void row_writer_init(struct row_writer *w, int fd, const char *variant, const char *scenario);
/* Makes the calling process the writer's owner: call in a child that
 * dlbench itself forked to write rows (cycle --mode both). Any other
 * process that reaches row_flush - a copy made by fork() inside the
 * library that returned into dlbench - writes one CHILD_REC_FORKED record
 * naming the step and ends with _exit(0), so that only the process that
 * measured writes rows. */
void row_writer_adopt(struct row_writer *w);
/* Writes the CSV header line. */
void row_header(struct row_writer *w);
/* Appends one row; workload and thread may be "" (e.g. the size scenario).
 * A value that is not finite is not written (a warning says so). */
void row_emit(struct row_writer *w, const char *workload, const char *thread,
              const char *metric, const char *unit, long rep, double value);
/* Appends one raw line (a '\n' is added) - the verify scenario's format. */
void row_line(struct row_writer *w, const char *line);
/* Writes every pending row (call after each batch); 0 or -1. When the
 * channel is gone - fd closed, or another file now behind its number (a
 * library that closes every fd from 3 up in its constructor, then opens
 * one) - no row can reach the parent: prints CHILD_CHANNEL_LOST on stderr
 * with what happened and during which step, and ends the process with
 * status 1 (the parent names it: base/child.h). */
int row_flush(struct row_writer *w);
/* Flushes pending rows, then writes and flushes "#step,<label>" (line
 * breaks in the label become spaces). */
void row_step(struct row_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Flushes pending rows, then writes "#end,<lines>". Call once, last. */
void row_end(struct row_writer *w);
/* Sends db_error/db_warn/db_note/db_info as records on w (see above)
 * until called with NULL, which sends them to stderr again. Call with
 * NULL before row_end: nothing may follow the end record. */
void row_messages_to(struct row_writer *w);
/* Flushes and frees; the descriptor stays open. */
void row_writer_close(struct row_writer *w);

#endif
