/* test_procinfo.c - known answers of proc_children and proc_children_scan
 * (base/procinfo.c): with no children, then with a zombie, two sleeping
 * children (one named with blanks and parentheses, one forked by a
 * pthread) and a grandchild, then after they are reaped. Both ways of
 * counting must find the same pids: the task/<tid>/children files (where
 * the kernel has them) and the scan of every /proc/<pid>/stat.
 * usage: test_procinfo */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/procinfo.h"

#include "../check.h"

/* A child that sleeps until killed (or its parent ends), named name. */
static pid_t sleeper(const char *name, int grandchild)
{
    pid_t parent = getpid();
    pid_t p = fork();
    if (p != 0)
        return p;
    (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(0);
    if (name)
        (void)prctl(PR_SET_NAME, name);
    if (grandchild && fork() == 0) {
        (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
        for (;;)
            pause();
    }
    for (;;)
        pause();
}

/* A pthread that forks a sleeper and stays until told to end: the
 * sleeper is in that thread's task/<tid>/children, not the main one's
 * (and its PR_SET_PDEATHSIG would fire if the thread ended). */
struct forker {
    pid_t pid;
    int ready[2], done[2];
};

static void *fork_sleeper(void *arg)
{
    struct forker *f = arg;
    char c = 0;
    f->pid = sleeper(NULL, 0);
    (void)!write(f->ready[1], &c, 1);
    (void)!read(f->done[0], &c, 1);
    return NULL;
}

static int cmp_pid(const void *a, const void *b)
{
    pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
    return x < y ? -1 : x > y;
}

/* Both counters agree on n children, and on these pids. */
static void expect(const char *when, long n, const pid_t *want)
{
    pid_t got[8], scan[8], w[8];
    long a = proc_children(got, 8), b = proc_children_scan(scan, 8);
    CHECK(a == n, "%s: proc_children %ld, expected %ld", when, a, n);
    CHECK(b == n, "%s: proc_children_scan %ld, expected %ld", when, b, n);
    if (a != n || b != n || n == 0)
        return;
    memcpy(w, want, (size_t)n * sizeof *w);
    qsort(got, (size_t)n, sizeof *got, cmp_pid);
    qsort(scan, (size_t)n, sizeof *scan, cmp_pid);
    qsort(w, (size_t)n, sizeof *w, cmp_pid);
    CHECK(!memcmp(got, w, (size_t)n * sizeof *w), "%s: proc_children found other pids", when);
    CHECK(!memcmp(scan, w, (size_t)n * sizeof *w), "%s: proc_children_scan found other pids",
          when);
}

/* Waits until pid has ended (a zombie: not reaped, WNOWAIT). */
static void await_zombie(pid_t pid)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    (void)waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT);
}

int main(void)
{
    expect("no children", 0, NULL);
    CHECK(proc_children(NULL, 0) == 0, "count only: not 0");

    pid_t kids[4];
    kids[0] = fork();
    if (kids[0] == 0)
        _exit(0);
    await_zombie(kids[0]);
    expect("one zombie", 1, kids);

    kids[1] = sleeper("a) b (c", 1); /* with a grandchild, not ours */
    pthread_t t;
    struct forker f = {-1, {-1, -1}, {-1, -1}};
    char c;
    if (pipe(f.ready) != 0 || pipe(f.done) != 0 ||
        pthread_create(&t, NULL, fork_sleeper, &f) != 0) {
        printf("FAIL line %d: pipe or pthread_create\n", __LINE__);
        return 1;
    }
    (void)!read(f.ready[0], &c, 1);
    kids[2] = f.pid;
    kids[3] = sleeper(NULL, 0);
    usleep(100000); /* the grandchild is forked */
    expect("zombie, 3 sleepers (one a pthread's), a grandchild", 4, kids);

    pid_t one[1];
    CHECK(proc_children(one, 1) == 4, "max 1: still counts 4");
    CHECK(proc_children_scan(one, 1) == 4, "scan, max 1: still counts 4");

    struct proc_sample s;
    proc_sample_take(&s, PROC_SAMPLE_CHILDREN);
    CHECK(s.children == 4, "proc_sample_take children %ld, expected 4", s.children);
    proc_sample_take(&s, 0);
    CHECK(s.children == -1, "not asked for: children %ld, expected -1", s.children);
    CHECK(s.pss_kb == -1, "not asked for: pss_kb %ld, expected -1", s.pss_kb);

    (void)!write(f.done[1], &c, 1); /* not close: the sleepers hold copies */
    pthread_join(t, NULL);
    for (int i = 1; i < 4; i++)
        kill(kids[i], SIGKILL);
    for (int i = 0; i < 4; i++)
        (void)waitpid(kids[i], NULL, 0);
    expect("all reaped", 0, NULL);

    printf("test_procinfo: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
