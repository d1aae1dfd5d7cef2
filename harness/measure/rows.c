/* rows.c - the data channel of a measuring child. See rows.h. */
#define _GNU_SOURCE
#include "measure/rows.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/child.h"
#include "base/csv.h"
#include "base/dbmath.h"

/* The lowest number the channel may take: libraries that "know" fd 3 is
 * theirs exist; fd 10 and up is left alone by convention (shells too). */
#define CHANNEL_MIN_FD 10

int row_channel_take(void)
{
    (void)fflush(stdout);
    int fd = fcntl(1, F_DUPFD_CLOEXEC, CHANNEL_MIN_FD);
    if (fd < 0)
        return -1;
    if (dup2(2, 1) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    /* fd 1 is a pipe or a file now, where stdio would buffer fully: a
     * banner would reach the log only at exit, and never if the library
     * crashes. */
    (void)setvbuf(stdout, NULL, _IOLBF, 0);
    return fd;
}

void row_writer_init(struct row_writer *w, int fd, const char *variant, const char *scenario)
{
    memset(w, 0, sizeof *w);
    w->fd = fd;
    w->variant = variant;
    w->scenario = scenario;
    void *shared = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                        -1, 0);
    /* Without a shared page the count is this process's only: the parent
     * then sees a mismatch after a forked cycle mode and says so. */
    w->lines_mapped = shared != MAP_FAILED;
    w->lines = w->lines_mapped ? shared : xcalloc(1, sizeof(long));
    *w->lines = 0;
    w->owner = (int)getpid();
    struct stat st;
    if (fstat(fd, &st) == 0) {
        w->dev = (unsigned long long)st.st_dev;
        w->ino = (unsigned long long)st.st_ino;
    }
}

/* The channel is gone: nothing more can reach the parent, which would
 * otherwise see a silent stream ending at the last step that got through
 * and blame the step. Said on stderr (kept in the log and read by the
 * parent), then the process ends: measuring on is pointless. */
static _Noreturn void channel_lost(const struct row_writer *w, const char *what)
{
    char msg[320];
    int n = snprintf(msg, sizeof msg, "%sfd %d (dlbench's rows) was %s%s%s\n",
                     CHILD_CHANNEL_LOST, w->fd, what, w->last_step[0] ? " during " : "",
                     w->last_step);
    if (n > 0)
        (void)!write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
    _exit(1);
}

void row_writer_adopt(struct row_writer *w)
{
    w->owner = (int)getpid();
}

/* A process that is not the owner: a copy the library forked. It says so
 * once, in one atomic write, and ends without running anything more of
 * dlbench (no atexit handlers: they belong to the measuring process). */
static void foreign_writer_check(const struct row_writer *w)
{
    if ((int)getpid() == w->owner)
        return;
    char rec[160];
    int n = snprintf(rec, sizeof rec, "%s%s\n", CHILD_REC_FORKED, w->last_step);
    if (n > 0)
        (void)!write(w->fd, rec, (size_t)n < sizeof rec ? (size_t)n : sizeof rec - 1);
    _exit(0);
}

/* Still the file row_writer_init found behind fd? */
static void channel_check(const struct row_writer *w)
{
    struct stat st;
    if (fstat(w->fd, &st) != 0)
        channel_lost(w, "closed by the library");
    if ((unsigned long long)st.st_dev != w->dev || (unsigned long long)st.st_ino != w->ino)
        channel_lost(w, "closed and its number reused by the library (another file is behind it)");
}

void row_header(struct row_writer *w)
{
    row_line(w, MEASURE_CSV_HEADER);
    row_flush(w);
}

void row_emit(struct row_writer *w, const char *workload, const char *thread,
              const char *metric, const char *unit, long rep, double value)
{
    /* A row must carry a number: NaN/inf would poison every reader. */
    if (!isfinite(value)) {
        db_warn("not writing %s %s of '%s': value is not finite", metric,
                workload && *workload ? workload : "", w->variant);
        return;
    }
    struct strbuf *sb = &w->pending;
    csv_field(sb, w->variant ? w->variant : "");
    sb_appendc(sb, ',');
    csv_field(sb, w->scenario ? w->scenario : "");
    sb_appendc(sb, ',');
    csv_field(sb, workload ? workload : "");
    sb_appendc(sb, ',');
    csv_field(sb, thread ? thread : "");
    sb_appendc(sb, ',');
    csv_field(sb, metric ? metric : "");
    sb_appendc(sb, ',');
    csv_field(sb, unit ? unit : "");
    /* Integers print exactly; everything else with 10 significant digits,
     * well beyond what any of our clocks resolve. */
    if (value == db_floor(value) && fabs(value) < 1e15)
        sb_printf(sb, ",%ld,%.0f\n", rep, value);
    else
        sb_printf(sb, ",%ld,%.10g\n", rep, value);
}

void row_line(struct row_writer *w, const char *line)
{
    sb_append(&w->pending, line);
    sb_appendc(&w->pending, '\n');
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t r = write(fd, p, n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Lines in [p, p + n) that are not records. */
static long data_lines(const char *p, size_t n)
{
    long count = 0;
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (*p != '#')
            count++;
        p = nl ? nl + 1 : end;
    }
    return count;
}

int row_flush(struct row_writer *w)
{
    struct strbuf *sb = &w->pending;
    int rc = 0;
    if (sb->len == 0)
        return 0;
    foreign_writer_check(w);
    channel_check(w);
    size_t off = 0;
    while (off < sb->len) {
        /* The largest run of whole lines that fits in PIPE_BUF; a single
         * longer line goes alone (rows are far shorter in practice). */
        size_t end = off;
        for (;;) {
            const char *nl = memchr(sb->buf + end, '\n', sb->len - end);
            size_t next = nl ? (size_t)(nl - sb->buf) + 1 : sb->len;
            if (end > off && next - off > PIPE_BUF)
                break;
            end = next;
            if (end == sb->len || end - off >= PIPE_BUF)
                break;
        }
        if (write_all(w->fd, sb->buf + off, end - off) != 0) {
            if (errno == EBADF)
                channel_lost(w, "closed by the library");
            rc = -1;
            break;
        }
        *w->lines += data_lines(sb->buf + off, end - off);
        off = end;
    }
    sb->len = 0;
    sb->buf[0] = '\0';
    return rc;
}

void row_step(struct row_writer *w, const char *fmt, ...)
{
    struct strbuf label = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&label, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < label.len; i++)
        if (label.buf[i] == '\n' || label.buf[i] == '\r')
            label.buf[i] = ' ';
    sb_append(&w->pending, CHILD_REC_STEP);
    sb_append(&w->pending, label.buf ? label.buf : "");
    sb_appendc(&w->pending, '\n');
    /* a channel found lost by this flush was lost in the step before:
     * this one has not begun */
    row_flush(w);
    snprintf(w->last_step, sizeof w->last_step, "%s", label.buf ? label.buf : "");
    sb_free(&label);
}

void row_end(struct row_writer *w)
{
    row_flush(w);
    sb_printf(&w->pending, "%s%ld\n", CHILD_REC_END, *w->lines);
    row_flush(w);
}

/* The writer the child's messages go to (row_messages_to). */
static struct row_writer *message_writer;

/* db_set_message_sink's sink: one record "#<level>,<text>" with '\\' and
 * line breaks escaped, flushed at once. */
static void message_record(const char *level, const char *text)
{
    struct row_writer *w = message_writer;
    struct strbuf *sb = &w->pending;
    sb_printf(sb, "#%s,", level);
    for (const char *p = text; *p; p++) {
        if (*p == '\\')
            sb_append(sb, "\\\\");
        else if (*p == '\n')
            sb_append(sb, "\\n");
        else if (*p == '\r')
            sb_append(sb, "\\r");
        else
            sb_appendc(sb, *p);
    }
    sb_appendc(sb, '\n');
    row_flush(w);
}

void row_messages_to(struct row_writer *w)
{
    message_writer = w;
    db_set_message_sink(w ? message_record : NULL);
}

void row_writer_close(struct row_writer *w)
{
    row_flush(w);
    sb_free(&w->pending);
    if (w->lines_mapped)
        munmap(w->lines, sizeof(long));
    else
        free(w->lines);
    w->lines = NULL;
}
