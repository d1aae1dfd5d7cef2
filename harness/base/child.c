/* child.c - run one command in its own process group, with a time limit,
 * capturing its output. See child.h.
 *
 * Why a process group: a measuring child may start threads or processes of
 * its own (a Go runtime, a build's compilers); on a timeout or Ctrl-C we
 * kill the whole group so nothing is left behind. */
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

#include "base/util.h"

#define DEFAULT_MAX_OUT ((size_t)64 << 20)
#define ERR_KEEP ((size_t)64 << 10)

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

/* Keeps only the last ERR_KEEP bytes of stderr: the tail explains a failure. */
static void keep_tail(struct strbuf *sb, const char *buf, size_t n)
{
    sb_appendn(sb, buf, n);
    if (sb->len > 2 * ERR_KEEP) {
        memmove(sb->buf, sb->buf + sb->len - ERR_KEEP, ERR_KEEP);
        sb->len = ERR_KEEP;
        sb->buf[sb->len] = '\0';
    }
}

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
    for (char *const *e = spec->env_add; e && *e; e++)
        putenv(*e);
    execvp(spec->argv[0], spec->argv);
fail:;
    int e = errno;
    ssize_t w = write(report_fd, &e, sizeof e);
    (void)w;
    _exit(127);
}

int child_run(const struct child_spec *spec, struct child_result *res)
{
    memset(res, 0, sizeof *res);
    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, rep_pipe[2] = {-1, -1};
    struct strbuf out = {0}, err = {0};
    size_t max_out = spec->max_out ? spec->max_out : DEFAULT_MAX_OUT;
    int64_t start = now_ns();
    int rc = -1;

    if (pipe2(rep_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0)
        goto spawn_failed;
    if (!spec->stderr_to_parent && pipe2(err_pipe, O_CLOEXEC) != 0)
        goto spawn_failed;

    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        goto spawn_failed;
    if (pid == 0)
        exec_child(spec, parent, out_pipe[1], err_pipe[1], rep_pipe[1]);
    setpgid(pid, pid); /* also in the child: whichever runs first wins */
    close(out_pipe[1]);
    out_pipe[1] = -1;
    if (err_pipe[1] >= 0) {
        close(err_pipe[1]);
        err_pipe[1] = -1;
    }
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
        waitpid(pid, NULL, 0);
        res->outcome = CHILD_SPAWN_FAILED;
        res->spawn_errno = child_errno;
        rc = 0;
        goto out;
    }

    int64_t deadline = spec->timeout_s > 0 ? start + (int64_t)(spec->timeout_s * 1e9) : 0;
    int exited = 0, killed_for = 0; /* CHILD_TIMEOUT / CHILD_INTERRUPTED */
    int status = 0;
    char buf[65536];
    for (;;) {
        struct pollfd fds[2];
        int nfds = 0;
        if (out_pipe[0] >= 0)
            fds[nfds++] = (struct pollfd){.fd = out_pipe[0], .events = POLLIN};
        if (err_pipe[0] >= 0)
            fds[nfds++] = (struct pollfd){.fd = err_pipe[0], .events = POLLIN};
        if (nfds == 0 && exited)
            break;

        if (!killed_for) {
            if (child_stop_requested)
                killed_for = CHILD_INTERRUPTED;
            else if (deadline && now_ns() >= deadline)
                killed_for = CHILD_TIMEOUT;
            if (killed_for)
                kill(-pid, SIGKILL);
        }
        if (nfds == 0) {
            /* Pipes closed but the child still runs (it closed them or passed
             * them on): wait for it without spinning. */
            siginfo_t si;
            memset(&si, 0, sizeof si);
            if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid)
                exited = 1;
            else
                sleep_ns(5LL * 1000 * 1000);
            continue;
        }
        int n = poll(fds, (nfds_t)nfds, 50);
        if (n < 0 && errno != EINTR)
            break;
        for (int i = 0; i < nfds && n > 0; i++) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t got = read(fds[i].fd, buf, sizeof buf);
            if (got < 0 && errno == EINTR)
                continue;
            int is_out = fds[i].fd == out_pipe[0];
            if (got <= 0) {
                close(fds[i].fd);
                if (is_out)
                    out_pipe[0] = -1;
                else
                    err_pipe[0] = -1;
                continue;
            }
            if (is_out) {
                if (out.len + (size_t)got <= max_out)
                    sb_appendn(&out, buf, (size_t)got);
            } else {
                keep_tail(&err, buf, (size_t)got);
            }
        }
        if (!exited) {
            siginfo_t si;
            memset(&si, 0, sizeof si);
            if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid)
                exited = 1;
        }
        /* Once the child is gone, anything still holding the pipes is a
         * leftover grandchild: the group kill below ends it. */
        if (exited && out_pipe[0] < 0 && err_pipe[0] < 0)
            break;
        if (exited) {
            kill(-pid, SIGKILL);
        }
    }
    /* Nothing of the group may outlive the measurement. The leader is not
     * reaped yet, so its pid cannot have been reused as a group id. */
    kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    res->wall_s = (double)(now_ns() - start) / 1e9;
    if (killed_for) {
        res->outcome = killed_for;
    } else if (WIFSIGNALED(status)) {
        res->outcome = CHILD_SIGNAL;
        res->signal = WTERMSIG(status);
    } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        res->outcome = CHILD_EXIT;
        res->exit_code = WEXITSTATUS(status);
    } else {
        res->outcome = CHILD_OK;
    }
    rc = 0;
    goto out;

spawn_failed:
    res->outcome = CHILD_SPAWN_FAILED;
    res->spawn_errno = errno;
    rc = 0;
out:
    for (int i = 0; i < 2; i++) {
        if (out_pipe[i] >= 0)
            close(out_pipe[i]);
        if (err_pipe[i] >= 0)
            close(err_pipe[i]);
        if (rep_pipe[i] >= 0)
            close(rep_pipe[i]);
    }
    if (!res->wall_s)
        res->wall_s = (double)(now_ns() - start) / 1e9;
    res->out_len = out.len;
    res->out = sb_detach(&out);
    res->err_len = err.len;
    res->err = sb_detach(&err);
    return rc;
}

void child_result_free(struct child_result *res)
{
    free(res->out);
    free(res->err);
    res->out = res->err = NULL;
}

char *child_cause(const struct child_result *res)
{
    switch (res->outcome) {
    case CHILD_OK:
        return xstrdup("ok");
    case CHILD_EXIT:
        return xasprintf("exited with status %d", res->exit_code);
    case CHILD_SIGNAL: {
        const char *abbrev = sigabbrev_np(res->signal);
        if (abbrev)
            return xasprintf("killed by SIG%s", abbrev);
        return xasprintf("killed by signal %d", res->signal);
    }
    case CHILD_TIMEOUT:
        return xasprintf("timed out after %.0f s", res->wall_s);
    case CHILD_SPAWN_FAILED:
        return xasprintf("could not start: %s", strerror(res->spawn_errno));
    case CHILD_INTERRUPTED:
        return xstrdup("interrupted");
    }
    return xstrdup("unknown outcome");
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
