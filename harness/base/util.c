/* util.c - see util.h. */
#define _GNU_SOURCE
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------- messages */

static db_message_sink message_sink;

void db_set_message_sink(db_message_sink sink)
{
    message_sink = sink;
}

/* Control bytes of text written as \n, \t, \r or \xNN into out (4x the
 * size of text at most). */
static void escape_controls(const char *text, char *out)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p >= 0x20 && *p != 0x7f) {
            out[k++] = (char)*p;
            continue;
        }
        char esc[8];
        if (*p == '\n' || *p == '\t' || *p == '\r')
            snprintf(esc, sizeof esc, "\\%c", *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r');
        else
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)*p);
        memcpy(out + k, esc, strlen(esc));
        k += strlen(esc);
    }
    out[k] = '\0';
}

/* level: "error", "warning" or "note"; prefix: what stderr shows before
 * the text ("dlbench: error: ", "dlbench: ", "" for db_info).
 * one_line: errors and warnings are one line whatever they quote (a file
 * name or a config value may hold a newline or an escape sequence), so
 * control bytes are written as \n, \t, \r or \xNN. */
__attribute__((format(printf, 4, 0))) static void vmsg(const char *level, const char *prefix,
                                                      int one_line, const char *fmt, va_list ap)
{
    char text[4096];
    vsnprintf(text, sizeof text, fmt, ap);
    char safe[4 * sizeof text];
    if (one_line)
        escape_controls(text, safe);
    const char *out = one_line ? safe : text;
    if (message_sink) {
        message_sink(level, out);
        return;
    }
    /* One fprintf per message so that lines from parallel children do not
     * interleave mid-line. */
    fprintf(stderr, "%s%s\n", prefix, out);
}

void db_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("error", "dlbench: error: ", 1, fmt, ap);
    va_end(ap);
}

void db_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("warning", "dlbench: warning: ", 1, fmt, ap);
    va_end(ap);
}

int db_quiet_repeated;

void db_warn_repeated(const char *fmt, ...)
{
    if (db_quiet_repeated)
        return;
    va_list ap;
    va_start(ap, fmt);
    vmsg("warning", "dlbench: warning: ", 1, fmt, ap);
    va_end(ap);
}

void db_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("note", "dlbench: ", 0, fmt, ap);
    va_end(ap);
}

void db_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("note", "", 0, fmt, ap);
    va_end(ap);
}

_Noreturn void db_oom(void)
{
    static const char msg[] = "dlbench: error: out of memory\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    (void)r;
    abort();
}

/* ---------------------------------------------------------------- memory */

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        db_oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        db_oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        db_oom();
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    struct strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    return sb_detach(&sb);
}

/* ---------------------------------------------------------------- strbuf */

static void sb_grow(struct strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            db_oom();
        cap *= 2;
    }
    sb->buf = xrealloc(sb->buf, cap);
    sb->cap = cap;
}

void sb_appendn(struct strbuf *sb, const char *s, size_t n)
{
    sb_grow(sb, n);
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_append(struct strbuf *sb, const char *s)
{
    sb_appendn(sb, s, strlen(s));
}

void sb_appendc(struct strbuf *sb, char c)
{
    sb_appendn(sb, &c, 1);
}

void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
    /* Measure with a small stack buffer rather than vsnprintf(NULL, 0):
     * gcc's -Wformat-truncation (under sanitizers) rejects the NULL form. */
    char probe[1];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(probe, sizeof probe, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    sb_grow(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(sb, fmt, ap);
    va_end(ap);
}

char *sb_detach(struct strbuf *sb)
{
    char *p = sb->buf ? sb->buf : xstrdup("");
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

void sb_free(struct strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

/* ---------------------------------------------------------------- strlist */

void sl_push_owned(struct strlist *l, char *s)
{
    l->v = xrealloc(l->v, (l->n + 2) * sizeof *l->v);
    l->v[l->n++] = s;
    l->v[l->n] = NULL; /* usable as an argv */
}

void sl_push(struct strlist *l, const char *s)
{
    sl_push_owned(l, xstrdup(s));
}

void sl_free(struct strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void sl_split(struct strlist *l, const char *s, const char *seps)
{
    if (!seps)
        seps = " \t\r\n";
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, seps);
        if (n > 0)
            sl_push_owned(l, xstrndup(p, n));
        p += n;
        if (*p)
            p++;
    }
}

int sl_contains(const struct strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

char **strv_dup(const char *const *src, size_t n)
{
    char **v = xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = xstrdup(src[i]);
    return v;
}

void strv_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

/* ---------------------------------------------------------------- time */

int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sleep_ns(int64_t ns)
{
    struct timespec ts = {.tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* ---------------------------------------------------------------- files */

char *read_file(const char *path, size_t *len_out, size_t max_bytes)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return NULL;
    }
    struct strbuf sb = {0};
    char chunk[65536];
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            sb_free(&sb);
            errno = e;
            return NULL;
        }
        if (r == 0)
            break;
        if (sb.len + (size_t)r > max_bytes) {
            close(fd);
            sb_free(&sb);
            errno = EFBIG;
            return NULL;
        }
        sb_appendn(&sb, chunk, (size_t)r);
    }
    close(fd);
    if (len_out)
        *len_out = sb.len;
    return sb_detach(&sb);
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int rc = -1, e = 0;
    if (fd < 0) {
        e = errno;
        goto out;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            e = errno;
            close(fd);
            unlink(tmp);
            goto out;
        }
        off += (size_t)w;
    }
    /* fsync so that a crash after rename cannot expose an empty file; a
     * full disk may only show here (or in close, on NFS): both are
     * checked, and the descriptor is closed either way. */
    int sync_rc = fsync(fd);
    int sync_errno = errno;
    int close_rc = close(fd);
    if (sync_rc != 0 || close_rc != 0) {
        e = sync_rc != 0 ? sync_errno : errno;
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, path) != 0) {
        e = errno;
        unlink(tmp);
        goto out;
    }
    rc = 0;
out:
    free(tmp);
    if (rc != 0)
        errno = e;
    return rc;
}

int mkdir_p(const char *path)
{
    char *p = xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            rc = -1;
            break;
        }
        *s = '/';
    }
    if (rc == 0 && mkdir(p, 0755) != 0 && errno != EEXIST)
        rc = -1;
    if (rc == 0 && !is_dir(p)) {
        errno = ENOTDIR;
        rc = -1;
    }
    free(p);
    return rc;
}

int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

char *path_basename(const char *path)
{
    size_t l = strlen(path);
    while (l > 1 && path[l - 1] == '/')
        l--;
    size_t b = l;
    while (b > 0 && path[b - 1] != '/')
        b--;
    return xstrndup(path + b, l - b);
}

char *path_join(const char *a, const char *b)
{
    if (b[0] == '/' || a[0] == '\0')
        return xstrdup(b);
    if (strcmp(a, ".") == 0)
        return xstrdup(b);
    size_t la = strlen(a);
    return xasprintf("%s%s%s", a, a[la - 1] == '/' ? "" : "/", b);
}

char *path_abs(const char *path)
{
    if (path[0] == '/')
        return xstrdup(path);
    char *cwd = getcwd(NULL, 0);
    if (!cwd)
        return xstrdup(path);
    char *r = path_join(cwd, path);
    free(cwd);
    return r;
}

char *path_real(const char *path)
{
    char *r = realpath(path, NULL);
    if (!r && errno == ENOMEM)
        db_oom();
    return r;
}

char *shell_word(const char *s)
{
    int plain = s[0] != '\0';
    for (const char *c = s; *c && plain; c++)
        plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                       "0123456789_@%+=:,./-", *c) != NULL;
    return plain ? xstrdup(s) : shell_quote(s);
}

char *shell_cmdline(char *const *argv)
{
    struct strbuf sb = {0};
    for (size_t i = 0; argv && argv[i]; i++) {
        char *w = shell_word(argv[i]);
        sb_printf(&sb, "%s%s", i ? " " : "", w);
        free(w);
    }
    return sb.buf ? sb_detach(&sb) : xstrdup("");
}

char *shell_quote(const char *s)
{
    struct strbuf sb = {0};
    sb_appendc(&sb, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            sb_append(&sb, "'\\''");
        else
            sb_appendc(&sb, *p);
    }
    sb_appendc(&sb, '\'');
    return sb_detach(&sb);
}

int parse_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int parse_double(const char *s, double min, double max, double *out)
{
    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !(v >= min && v <= max))
        return -1;
    *out = v;
    return 0;
}

const char *self_exe(void)
{
    static char buf[PATH_MAX];
    if (!buf[0]) {
        ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
        if (n <= 0)
            strcpy(buf, "dlbench");
        else
            buf[n] = '\0';
    }
    return buf;
}
