/* child.c - run one command in its own process group, with a time limit,
 * capturing its output. See child.h.
 *
 * Why a process group: a measuring child may start threads or processes of
 * its own (a Go runtime, a build's compilers); on a timeout or Ctrl-C we
 * kill the whole group so nothing is left behind. Why a subreaper too: a
 * library's helper may leave the group (setsid) keeping the pipes open, so
 * the end of the output proves nothing - the child's exit does, and
 * whatever it left behind is reparented to us, found and killed. */
#define _GNU_SOURCE
#include "base/child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/procinfo.h"
#include "base/util.h"

#define DEFAULT_MAX_OUT ((size_t)64 << 20)
#define ERR_KEEP ((size_t)64 << 10)
/* How often a running child is looked at (waitpid, deadline, Ctrl-C). */
#define WATCH_MS 20
/* Reading what is left in the pipes once the child is gone stops after
 * this long: a leftover helper may keep writing. */
#define DRAIN_NS (200LL * 1000 * 1000)
/* Killing the leftovers of a child gives up after this long (a process in
 * uninterruptible sleep cannot die sooner). */
#define ORPHANS_NS (2000LL * 1000 * 1000)
#define MAX_KIDS 1024

volatile int child_stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    child_stop_requested = 1;
}

void child_install_stop_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: poll() must return EINTR so we notice at once. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* ------------------------------------------------------------ orphans */

/* The children of this process (procinfo.h: /proc/self/task/<tid>/children
 * or, on kernels without it, every /proc/<pid>/stat). Returns how many
 * were stored in out (at most max). */
static size_t list_children(pid_t *out, size_t max)
{
    long n = proc_children(out, max);
    return n < 0 ? 0 : (size_t)n < max ? (size_t)n : max;
}

static int pid_in(pid_t p, const pid_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == p)
            return 1;
    return 0;
}

/* Kills and reaps every child of this process that is not in keep: what
 * the last child left behind and was reparented here (we are a subreaper).
 * A killed process's own children become ours in turn, so this repeats
 * until none is left. */
static void kill_orphans(const pid_t *keep, size_t nkeep)
{
    int64_t give_up = now_ns() + ORPHANS_NS;
    pid_t kids[MAX_KIDS];
    for (;;) {
        size_t n = list_children(kids, MAX_KIDS), left = 0;
        for (size_t i = 0; i < n; i++) {
            if (pid_in(kids[i], keep, nkeep))
                continue;
            left++;
            /* Its group too: a helper that called setsid() leads one. */
            kill(-kids[i], SIGKILL);
            kill(kids[i], SIGKILL);
            waitpid(kids[i], NULL, WNOHANG);
        }
        if (!left || now_ns() > give_up)
            return;
        sleep_ns(1000000LL);
    }
}

static void become_subreaper(void)
{
    static int done;
    if (!done)
        (void)prctl(PR_SET_CHILD_SUBREAPER, 1);
    done = 1;
}

/* ------------------------------------------------------------ capture */

struct capture {
    int fd[2];               /* read ends: [0] stdout, [1] stderr; -1 closed */
    struct strbuf out, err;
    size_t max_out;
    size_t out_dropped;      /* stdout bytes beyond max_out */
    size_t err_dropped;      /* stderr bytes dropped from the front */
};

/* Keeps only the last ERR_KEEP bytes of stderr: the tail explains a failure. */
static void keep_tail(struct capture *c, const char *buf, size_t n)
{
    struct strbuf *sb = &c->err;
    sb_appendn(sb, buf, n);
    if (sb->len > 2 * ERR_KEEP) {
        size_t drop = sb->len - ERR_KEEP;
        memmove(sb->buf, sb->buf + drop, ERR_KEEP);
        sb->len = ERR_KEEP;
        sb->buf[sb->len] = '\0';
        c->err_dropped += drop;
    }
}

/* One read from stream i; closes it at end of file. 1 if bytes came, 0 at
 * end of file or when nothing was there (EAGAIN), -1 on EINTR. */
static int capture_read(struct capture *c, int i)
{
    char buf[65536];
    ssize_t got = read(c->fd[i], buf, sizeof buf);
    if (got < 0 && errno == EINTR)
        return -1;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return 0;
    if (got <= 0) {
        close(c->fd[i]);
        c->fd[i] = -1;
        return 0;
    }
    if (i == 1) {
        keep_tail(c, buf, (size_t)got);
    } else if (c->out.len + (size_t)got <= c->max_out) {
        sb_appendn(&c->out, buf, (size_t)got);
    } else {
        c->out_dropped += (size_t)got;
    }
    return 1;
}

/* Waits up to ms for output and reads what came (one read per stream). */
static void capture_poll(struct capture *c, int ms)
{
    struct pollfd fds[2];
    int idx[2], nfds = 0;
    for (int i = 0; i < 2; i++)
        if (c->fd[i] >= 0) {
            fds[nfds] = (struct pollfd){.fd = c->fd[i], .events = POLLIN};
            idx[nfds++] = i;
        }
    int n = poll(nfds ? fds : NULL, (nfds_t)nfds, ms);
    for (int k = 0; k < nfds && n > 0; k++)
        if (fds[k].revents & (POLLIN | POLLHUP | POLLERR))
            (void)capture_read(c, idx[k]);
}

/* The child is gone: takes what is already in the pipes without waiting
 * for an end of file that a leftover holding them may never give. */
static void capture_drain(struct capture *c)
{
    int64_t stop = now_ns() + DRAIN_NS;
    for (int i = 0; i < 2; i++) {
        if (c->fd[i] < 0)
            continue;
        int fl = fcntl(c->fd[i], F_GETFL);
        if (fl >= 0)
            (void)fcntl(c->fd[i], F_SETFL, fl | O_NONBLOCK);
        while (c->fd[i] >= 0 && now_ns() < stop && capture_read(c, i) != 0)
            ;
    }
}

/* ------------------------------------------------------------ records */

static int starts(const char *p, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && !memcmp(p, prefix, k);
}

/* A message record "#<level>,<text>": appends "dlbench: <level>: <text>\n"
 * to msgs (the text unescaped: see child.h) and, for an error, keeps the
 * text in res->error. */
static void read_message(struct child_result *res, struct strbuf *msgs, const char *level,
                         const char *p, size_t n)
{
    struct strbuf text = {0};
    sb_appendn(&text, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && i + 1 < n) {
            char c = p[++i];
            sb_appendc(&text, c == 'n' ? '\n' : c == 'r' ? '\r' : c);
        } else {
            sb_appendc(&text, p[i]);
        }
    }
    sb_printf(msgs, "dlbench: %s: %s\n", level, text.buf);
    if (!strcmp(level, "error")) {
        free(res->error);
        res->error = sb_detach(&text);
    }
    sb_free(&text);
}

/* 1 if the line [p, p + n) is a message record (read into res and msgs). */
static int message_record(struct child_result *res, struct strbuf *msgs, const char *p, size_t n)
{
    static const struct {
        const char *tag, *level;
    } kinds[] = {{CHILD_REC_ERROR, "error"}, {CHILD_REC_WARNING, "warning"},
                 {CHILD_REC_NOTE, "note"}};
    for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
        size_t t = strlen(kinds[k].tag);
        if (starts(p, n, kinds[k].tag)) {
            read_message(res, msgs, kinds[k].level, p + t, n - t);
            return 1;
        }
    }
    return 0;
}

/* Reads the records of res->out (see child.h): the last step, the end
 * record, whether the stream ends with a valid one, and the child's
 * messages. */
static void read_records(struct child_result *res, size_t out_dropped)
{
    long lines = 0;
    int have_end = 0, after_end = 0;
    struct strbuf msgs = {0};
    res->records = 1;
    res->end_lines = -1;
    const char *p = res->out, *end = res->out + res->out_len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (!nl || have_end) {
            /* A line cut short, or anything after the end record. */
            after_end = 1;
        } else if (starts(p, n, CHILD_REC_END)) {
            char num[32];
            size_t k = n - strlen(CHILD_REC_END);
            long v = -1;
            if (k > 0 && k < sizeof num) {
                memcpy(num, p + strlen(CHILD_REC_END), k);
                num[k] = '\0';
                if (parse_long(num, 0, 1L << 40, &v) != 0)
                    v = -1;
            }
            have_end = 1;
            res->end_lines = v;
        } else if (starts(p, n, CHILD_REC_FORKED)) {
            if (!res->forked)
                res->forked = xstrndup(p + strlen(CHILD_REC_FORKED),
                                       n - strlen(CHILD_REC_FORKED));
        } else if (starts(p, n, CHILD_REC_STEP)) {
            free(res->step);
            res->step = xstrndup(p + strlen(CHILD_REC_STEP), n - strlen(CHILD_REC_STEP));
        } else if (message_record(res, &msgs, p, n)) {
            /* read */
        } else if (*p != '#') {
            lines++;
        }
        p = nl ? nl + 1 : end;
    }
    res->msgs = msgs.len ? sb_detach(&msgs) : NULL;
    sb_free(&msgs);
    res->data_lines = lines;
    res->ended = have_end && !after_end && !out_dropped && res->end_lines == lines;
}

/* ------------------------------------------------------------ running */

static void exec_child(const struct child_spec *spec, pid_t parent, int out_fd, int err_fd,
                       int report_fd)
{
    /* The child lives in a process group of its own, so nothing reaches it
     * when the parent is SIGKILLed, and the time limit is the parent's to
     * enforce: an orphaned child that hangs would run forever. The kernel
     * kills it when the parent dies (the setting survives exec); if the
     * parent died before this line, the parent pid has already changed. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
        goto fail;
    if (getppid() != parent)
        _exit(127);
    /* The parent's handlers and mask must not leak into the measured
     * process. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGINT, &dfl, NULL);
    sigaction(SIGTERM, &dfl, NULL);
    sigaction(SIGPIPE, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setpgid(0, 0);

    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
        dup2(devnull, 0);
        close(devnull);
    }
    if (out_fd >= 0)
        dup2(out_fd, 1);
    if (err_fd >= 0)
        dup2(err_fd, 2);
    if (spec->cwd && chdir(spec->cwd) != 0)
        goto fail;
    /* Only a records child sends its messages as records (child.h). */
    if (spec->records) {
        static char records_env[] = CHILD_ENV_RECORDS "=1";
        putenv(records_env);
    } else {
        unsetenv(CHILD_ENV_RECORDS);
    }
    for (char *const *e = spec->env_add; e && *e; e++)
        putenv(*e);
    execvp(spec->argv[0], spec->argv);
fail:;
    int e = errno;
    ssize_t w = write(report_fd, &e, sizeof e);
    (void)w;
    _exit(127);
}

/* Starts the child with its stdout (and stderr unless passed through) on
 * pipes whose read ends go to c. Returns 0 with *pid set, or an errno
 * (exec's own, when it failed in the child). */
static int spawn(const struct child_spec *spec, struct capture *c, pid_t *pid)
{
    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, rep_pipe[2] = {-1, -1};
    int e = 0;
    if (pipe2(rep_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0 ||
        (!spec->stderr_to_parent && pipe2(err_pipe, O_CLOEXEC) != 0)) {
        e = errno;
        goto out;
    }
    pid_t parent = getpid();
    *pid = fork();
    if (*pid < 0) {
        e = errno;
        goto out;
    }
    if (*pid == 0)
        exec_child(spec, parent, out_pipe[1], err_pipe[1], rep_pipe[1]);
    setpgid(*pid, *pid); /* also in the child: whichever runs first wins */
    close(rep_pipe[1]);
    rep_pipe[1] = -1;
    /* exec either succeeds (the CLOEXEC pipe closes: read gives 0) or the
     * child writes its errno. */
    int child_errno = 0;
    ssize_t r;
    do
        r = read(rep_pipe[0], &child_errno, sizeof child_errno);
    while (r < 0 && errno == EINTR);
    if (r == (ssize_t)sizeof child_errno) {
        while (waitpid(*pid, NULL, 0) < 0 && errno == EINTR)
            ;
        e = child_errno ? child_errno : ENOEXEC;
        goto out;
    }
    c->fd[0] = out_pipe[0];
    c->fd[1] = err_pipe[0];
    out_pipe[0] = err_pipe[0] = -1;
out:
    for (int i = 0; i < 2; i++) {
        if (out_pipe[i] >= 0)
            close(out_pipe[i]);
        if (err_pipe[i] >= 0)
            close(err_pipe[i]);
        if (rep_pipe[i] >= 0)
            close(rep_pipe[i]);
    }
    return e;
}

/* 1 once the child has ended (it stays a zombie for waitpid). */
static int child_gone(pid_t pid)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    return waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid;
}

/* The signal the child stopped on (a library's raise(SIGSTOP), "wait for
 * a debugger"), or 0 while it runs. Its own process group keeps the
 * terminal's Ctrl-Z away from it, so a stop is the library's doing or
 * someone's kill -STOP: either way it would sit until the deadline, or
 * forever without one. */
static int child_stopped(pid_t pid)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    if (waitid(P_PID, (id_t)pid, &si, WSTOPPED | WNOHANG | WNOWAIT) == 0 && si.si_pid &&
        si.si_code == CLD_STOPPED)
        return si.si_status;
    return 0;
}

/* Reads the child's output until the child itself has ended - not until the
 * pipes close, which a leftover holding them may never let happen. Kills
 * its group at the deadline or on a stop request, and returns
 * CHILD_TIMEOUT / CHILD_INTERRUPTED then, else 0. */
static int watch(const struct child_spec *spec, struct capture *c, pid_t pid, int64_t start,
                 int *stop_signal)
{
    int64_t deadline = spec->timeout_s > 0 ? start + (int64_t)(spec->timeout_s * 1e9) : 0;
    int killed_for = 0;
    for (;;) {
        if (!killed_for) {
            if (child_stop_requested)
                killed_for = CHILD_INTERRUPTED;
            else if (deadline && now_ns() >= deadline)
                killed_for = CHILD_TIMEOUT;
            else if ((*stop_signal = child_stopped(pid)) != 0)
                killed_for = CHILD_SIGNAL;
            if (killed_for) {
                kill(-pid, SIGKILL);
                kill(pid, SIGKILL);
            }
        }
        if (child_gone(pid))
            return killed_for;
        /* Both pipes closed: the child is most likely exiting right now. */
        int ms = c->fd[0] < 0 && c->fd[1] < 0 ? 1 : WATCH_MS;
        if (deadline && !killed_for) {
            int64_t left_ms = (deadline - now_ns()) / 1000000 + 1;
            ms = left_ms < ms ? (int)(left_ms > 0 ? left_ms : 0) : ms;
        }
        capture_poll(c, ms);
    }
}

static void classify(const struct child_spec *spec, struct child_result *res, int killed_for,
                     int status)
{
    if (killed_for == CHILD_SIGNAL) {
        res->outcome = CHILD_SIGNAL;
        res->signal = SIGKILL;
    } else if (killed_for) {
        res->outcome = killed_for;
    } else if (WIFSIGNALED(status)) {
        res->outcome = CHILD_SIGNAL;
        res->signal = WTERMSIG(status);
    } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        res->outcome = CHILD_EXIT;
        res->exit_code = WEXITSTATUS(status);
    } else if (spec->records && (!res->ended || res->forked)) {
        /* exit(0) inside a call exits 0: only the end record shows that the
         * child got to its end. */
        res->outcome = CHILD_UNFINISHED;
    } else {
        res->outcome = CHILD_OK;
    }
}

int child_run(const struct child_spec *spec, struct child_result *res)
{
    memset(res, 0, sizeof *res);
    struct capture c = {.fd = {-1, -1}};
    c.max_out = spec->max_out ? spec->max_out : DEFAULT_MAX_OUT;
    int64_t start = now_ns();
    pid_t before[MAX_KIDS], pid = -1;
    int status = 0, killed_for = 0;

    become_subreaper();
    size_t nbefore = list_children(before, MAX_KIDS);
    int e = spawn(spec, &c, &pid);
    if (e != 0) {
        res->outcome = CHILD_SPAWN_FAILED;
        res->spawn_errno = e;
        goto out;
    }
    killed_for = watch(spec, &c, pid, start, &res->stop_signal);
    capture_drain(&c);
    /* Nothing of the group may outlive the measurement. The leader is not
     * reaped yet, so its pid cannot have been reused as a group id. */
    kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* Then what left the group: reparented to us, found by parent pid. */
    kill_orphans(before, nbefore);
    res->wall_s = (double)(now_ns() - start) / 1e9;
out:
    for (int i = 0; i < 2; i++)
        if (c.fd[i] >= 0)
            close(c.fd[i]);
    if (!res->wall_s)
        res->wall_s = (double)(now_ns() - start) / 1e9;
    res->out_len = c.out.len;
    res->out = sb_detach(&c.out);
    res->err_len = c.err.len;
    res->err = sb_detach(&c.err);
    res->err_dropped = c.err_dropped;
    if (spec->records)
        read_records(res, c.out_dropped);
    if (res->outcome != CHILD_SPAWN_FAILED)
        classify(spec, res, killed_for, status);
    return 0;
}

void child_result_free(struct child_result *res)
{
    free(res->out);
    free(res->err);
    free(res->step);
    free(res->msgs);
    free(res->error);
    free(res->forked);
    res->out = res->err = res->step = res->msgs = res->error = res->forked = NULL;
}

/* Where a child speaking the record protocol was when it ended:
 * " during <step>"; " at exit, after its end record" when it failed after
 * finishing (a destructor); "" when it said nothing (it may not have got
 * as far as the protocol: a wrapper such as valgrind failed). Caller
 * frees. */
static char *where(const struct child_result *res)
{
    if (res->records && res->ended)
        return xstrdup(" at exit, after its end record");
    if (res->records && res->step)
        return xasprintf(" during %s", res->step);
    return xstrdup("");
}

/* The child's own word that its data channel was lost (CHILD_CHANNEL_LOST
 * on stderr), from "data channel lost: ..." to the end of that line; NULL
 * when it said none. Caller frees. */
static char *channel_lost_line(const struct child_result *res)
{
    const char *p = res->err ? strstr(res->err, CHILD_CHANNEL_LOST) : NULL;
    if (!p)
        return NULL;
    p += strlen("dlbench: error: ");
    return xstrndup(p, strcspn(p, "\n"));
}

/* "SIGSEGV", or "signal 42" for one without a name. */
static void signal_name(int sig, char *buf, size_t len)
{
    const char *abbrev = sigabbrev_np(sig);
    if (abbrev)
        snprintf(buf, len, "SIG%s", abbrev);
    else
        snprintf(buf, len, "signal %d", sig);
}

char *child_cause(const struct child_result *res)
{
    char *at = where(res), *cause;
    if (res->forked && (res->outcome == CHILD_UNFINISHED || res->outcome == CHILD_OK)) {
        free(at);
        return xasprintf("the library forked the process during %s and the copy returned into "
                         "dlbench (fork without exec): the copy was ended, the measurement "
                         "that ran beside it is not kept",
                         res->forked[0] ? res->forked : "an unnamed step");
    }
    char *lost = res->ended ? NULL : channel_lost_line(res);
    if (lost && (res->outcome == CHILD_EXIT || res->outcome == CHILD_UNFINISHED)) {
        free(at);
        return lost;
    }
    free(lost);
    switch (res->outcome) {
    case CHILD_OK:
        cause = xstrdup("ok");
        break;
    case CHILD_EXIT:
        /* With the end record a non-zero status is the harness's own
         * error (its error record says why), not the library's doing. */
        cause = xasprintf("exited with status %d%s%s%s", res->exit_code, res->ended ? "" : at,
                          res->error ? ": " : "", res->error ? res->error : "");
        break;
    case CHILD_SIGNAL: {
        char sig[32];
        signal_name(res->stop_signal ? res->stop_signal : res->signal, sig, sizeof sig);
        if (res->stop_signal)
            cause = xasprintf("stopped by %s%s (killed: a stopped process never finishes)", sig,
                              at);
        else
            cause = xasprintf("killed by %s%s", sig, at);
        break;
    }
    case CHILD_TIMEOUT:
        cause = xasprintf("timed out after %.0f s%s", res->wall_s, at);
        break;
    case CHILD_SPAWN_FAILED:
        cause = xasprintf("could not start: %s", strerror(res->spawn_errno));
        break;
    case CHILD_INTERRUPTED:
        cause = xstrdup("interrupted");
        break;
    case CHILD_UNFINISHED:
        if (res->end_lines >= 0 && res->end_lines < res->data_lines)
            cause = xasprintf("something else wrote to its data channel: %ld lines arrived, "
                              "its end record counts %ld (the library writing to dlbench's "
                              "descriptor, or a copy of the process it forked)",
                              res->data_lines, res->end_lines);
        else if (res->end_lines >= 0 && res->end_lines != res->data_lines)
            cause = xasprintf("its output is incomplete: the end record counts %ld lines, "
                              "%ld arrived", res->end_lines, res->data_lines);
        else if (res->end_lines >= 0)
            cause = xstrdup("its output goes on after its end record (something else "
                            "writes to its data channel: the library, or a copy of the "
                            "process it forked)");
        else if (*at)
            cause = xasprintf("ended the process with status 0%s", at);
        else
            cause = xstrdup("exited with status 0 without its end record");
        break;
    default:
        cause = xstrdup("unknown outcome");
        break;
    }
    free(at);
    return cause;
}

char *child_log(const struct child_result *res)
{
    if (!res->err_dropped)
        return xstrdup(res->err ? res->err : "");
    return xasprintf("[... %zu bytes dropped ...]\n%s", res->err_dropped, res->err ? res->err : "");
}

char *child_err_tail(const struct child_result *res, int n_lines)
{
    if (!res->err || !res->err_len)
        return xstrdup("");
    const char *end = res->err + res->err_len;
    while (end > res->err && (end[-1] == '\n' || end[-1] == '\r'))
        end--;
    const char *p = end;
    int lines = 0;
    while (p > res->err) {
        if (p[-1] == '\n' && ++lines >= n_lines)
            break;
        p--;
    }
    /* A Go runtime writes why it died first ("panic: ...", "fatal error:
     * ...") and a goroutine dump after it: a deep stack pushes the reason
     * out of the tail, so it is kept as the first line. */
    const char *why = NULL;
    for (const char *l = res->err; l < p && !why;) {
        if (!strncmp(l, "panic: ", 7) || !strncmp(l, "fatal error: ", 13))
            why = l;
        const char *nl = memchr(l, '\n', (size_t)(p - l));
        l = nl ? nl + 1 : p;
    }
    if (!why)
        return xstrndup(p, (size_t)(end - p));
    struct strbuf sb = {0};
    sb_appendn(&sb, why, strcspn(why, "\n"));
    sb_append(&sb, "\n...\n");
    sb_appendn(&sb, p, (size_t)(end - p));
    return sb_detach(&sb);
}
