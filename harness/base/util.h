/* util.h - small helpers shared by every part of the harness: errors,
 * allocation, strings, monotonic time, files.
 *
 * Errors
 * ------
 * One convention for the whole harness:
 *
 * 1. Wording, git's style: "dlbench: error: cannot dlopen 'x': why" - lower
 *    case, what failed first, the subject in quotes, no full stop; config
 *    errors carry FILE:LINE:COL.
 * 2. A function that can fail returns 0 on success and -1 on failure
 *    (or a pointer, NULL on failure). Nothing else means "failed".
 * 3. Who says why:
 *    - code that talks to the user (cli/, the *_execute stage entry
 *      points, loaders that end a command such as config_load and
 *      matrix_load) prints with db_error() and returns -1 (or an EXIT_*);
 *    - library code below them fills a caller's `char *err, size_t errlen`
 *      with the message *without* the "dlbench: error: " prefix, so the
 *      caller can print it, prefix it ("charts: %s") or store it (a
 *      failure row of a run). A cause that must outlive the call (a run
 *      failure) is an allocated string the caller frees (`char **cause`).
 * 4. More outcomes than "ok / failed" are a named enum in the header of the
 *    function (PLOT_NO_GNUPLOT, PROCESS_NO_HYPERFINE, OPTS_HELP), never a
 *    bare 1 or -2 whose meaning lives in a comment.
 * 5. Commands return the process exit code below; main() returns it.
 * 6. Out of memory is not an error path: x*alloc() call db_oom(). */
#ifndef DLBENCH_UTIL_H
#define DLBENCH_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define DLBENCH_VERSION "0.1.0"

/* Exit codes shared by every command. */
enum {
    EXIT_OK = 0,        /* everything measured / passed */
    EXIT_SOME_FAILED = 1, /* finished, but some variant failed */
    EXIT_USAGE = 2,     /* usage or configuration error, nothing run */
    EXIT_REGRESSION = 3, /* compare --fail-on-regression: a claimed regression */
    EXIT_INTERRUPTED = 130
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void db_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void db_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void db_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A warning the run's report repeats (a failure, statistical outliers, a
 * variant left out of the charts): printed like db_warn unless
 * db_quiet_repeated is set (`run -q`). */
void db_warn_repeated(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int db_quiet_repeated;
/* An informational line printed as it is (no "dlbench: " prefix), e.g. the
 * size scenario's "needed: libc.so.6"; a note under a message sink. */
void db_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Where db_error, db_warn, db_warn_repeated, db_note and db_info go
 * instead of stderr (NULL: back to stderr). level is "error", "warning" or
 * "note"; text is the message without its "dlbench: <level>: " prefix
 * (errors and warnings one line, control bytes escaped; a note may hold
 * line breaks). A measuring child whose parent asked for records sends
 * them on its data channel (measure/rows.h). db_oom writes to fd 2
 * always. */
typedef void (*db_message_sink)(const char *level, const char *text);
void db_set_message_sink(db_message_sink sink);
/* Out of memory is the one error we do not recover from. */
_Noreturn void db_oom(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable string. Always NUL-terminated once anything was appended. */
struct strbuf {
    char *buf;
    size_t len;
    size_t cap;
};
void sb_append(struct strbuf *sb, const char *s);
void sb_appendn(struct strbuf *sb, const char *s, size_t n);
void sb_appendc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Returns the buffer (never NULL) and leaves sb empty; the caller frees. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* A list of owned strings. */
struct strlist {
    char **v;
    size_t n;
};
void sl_push(struct strlist *l, const char *s);
void sl_push_owned(struct strlist *l, char *s);
void sl_free(struct strlist *l);
/* Splits "a,b,c" (or whitespace-separated when sep is NULL) into l. */
void sl_split(struct strlist *l, const char *s, const char *seps);
int sl_contains(const struct strlist *l, const char *s);
/* A vector of n copies of src's strings; free with strv_free (v and each
 * of its n strings; NULL is fine). */
char **strv_dup(const char *const *src, size_t n);
void strv_free(char **v, size_t n);

/* Monotonic time in nanoseconds (CLOCK_MONOTONIC). Never wall time. */
int64_t now_ns(void);
void sleep_ns(int64_t ns);

/* Reads a whole file; returns NULL and sets errno on failure. Files larger
 * than max_bytes fail with EFBIG. */
char *read_file(const char *path, size_t *len_out, size_t max_bytes);
/* Writes data to path through "path.tmp.<pid>" and rename(2), so readers
 * see the old file or the complete new one, never half of it. */
int write_file_atomic(const char *path, const char *data, size_t len);
int mkdir_p(const char *path);
/* 1 if path exists and is a regular file / directory. */
int is_file(const char *path);
int is_dir(const char *path);
/* Directory part of path ("." when there is none). Caller frees. */
char *path_dirname(const char *path);
/* The last component of path (trailing slashes dropped). Caller frees. */
char *path_basename(const char *path);
/* Joins a and b with '/', unless b is absolute. Caller frees. */
char *path_join(const char *a, const char *b);
/* path made absolute against the current directory (no symlink
 * resolution; the path need not exist). Caller frees. */
char *path_abs(const char *path);
/* Absolute, symlink-resolved form of path; NULL if it does not exist. */
char *path_real(const char *path);

/* Quotes s as one POSIX shell word ('...'). Caller frees. */
char *shell_quote(const char *s);
/* s as one shell word, quoted only when a shell would split or expand it
 * (for command lines people read). Caller frees. */
char *shell_word(const char *s);
/* A NULL-terminated argv as one command line of shell words. Caller frees. */
char *shell_cmdline(char *const *argv);

/* Parses a whole decimal integer / double; 0 on success, -1 otherwise. */
int parse_long(const char *s, long min, long max, long *out);
int parse_double(const char *s, double min, double max, double *out);

/* Path of the running dlbench executable (from /proc/self/exe). */
const char *self_exe(void);

#endif
