/* cycle.c - the cycle scenario: --cycles times dlopen(RTLD_NOW |
 * RTLD_LOCAL) -> dlsym -> one call -> dlclose, to see what a load/unload
 * costs and what it leaves behind. The call is add(i, 1) (answer checked)
 * unless the symbol map's cycle / cycle_thread say otherwise: hello, noop
 * or none, on the main thread or a worker pthread (cyclecall.h).
 *
 * Modes: fresh (nothing else holds the library, so each dlclose may really
 * unload it) and pinned (an outer handle holds it for the whole loop, so
 * dlopen/dlclose only count references). Each mode starts with one untimed
 * warm-up cycle: the first load of a Go library starts its runtime, and
 * whichever mode came first would pay for it. --mode both runs each mode
 * in a forked child of its own (forked before anything is loaded), so
 * neither mode sees what the other left - a Go runtime never unloads.
 *
 * Rows: workload = the mode ("fresh", "pinned"), thread = "main".
 *   cycle_us        per-cycle time of each timed batch (the cycles between
 *                   two samples), the whole cycle; rep = batch index
 *   cycle_dlopen_us, cycle_call_us, cycle_dlclose_us
 *                   the same batch split by phase: dlopen + dlsym, the call,
 *                   dlclose (the clock is read between the phases of every
 *                   cycle; the three add up to cycle_us less the clock reads
 *                   and the loop). A nodelete library's dlopen/dlclose are
 *                   reference-count operations, its call may cost more than
 *                   both (golang/go#68587)
 *   rss_kb, pss_kb, private_dirty_kb, threads, fds, maps, children
 *                   one row per sample; rep = cycles done when it was taken.
 *                   Sample 0 is taken after the warm-up cycle. threads: the
 *                   process's threads, fds: open descriptors, maps: lines of
 *                   /proc/self/maps, children: child processes of the
 *                   process that runs the cycles, zombies included (a
 *                   library's popen without pclose, fork without waitpid,
 *                   a helper left running; procinfo.h proc_children). With
 *                   --mode both that process is the mode's forked child,
 *                   whose children are the library's alone (unit count)
 *   elapsed_ms      one row per sample, rep = cycles done: time since the
 *                   warm-up cycle's dlopen, pauses for samples included
 *                   (places a Go runtime's gctrace lines on the cycles)
 *   leak_bytes_per_cycle, leak_ci_low, leak_ci_high
 *                   least-squares slope of RSS bytes over cycles done and its
 *                   95 % CI, after discarding the first 10 % of the samples
 *                   (at least one: sample 0)
 *   leak_mb_per_s   the slope over the mean cycle time, in 1e6 bytes/s
 *   rss_growth_kb, pss_growth_kb, private_dirty_growth_kb, threads_growth,
 *   fds_growth, maps_growth, children_growth
 *                   last sample minus sample 0 (so the warm-up cycle, and a
 *                   runtime it started, is not growth)
 *   maps_after, maps_after_kb
 *                   mappings of the file (by device and inode) left in
 *                   /proc/self/maps after the last dlclose, and their size
 *   unloaded        1 if, after the last dlclose (pinned: and the outer
 *                   one), dlopen(RTLD_NOLOAD) finds nothing and no mapping
 *                   of the file (by device and inode) is left; else 0
 *   vg_leaked_bytes, vg_dubious_bytes, vg_reachable_bytes,
 *   vg_leaked_blocks, vg_reachable_blocks
 *                   only with --leak-counts under valgrind memcheck (run
 *                   --leak-check): at each sample (rep = cycles done, 0 =
 *                   after the warm-up cycle) a leak search of the whole
 *                   process (VALGRIND_DO_QUICK_LEAK_CHECK) and its counts
 *                   (VALGRIND_COUNT_LEAKS, _LEAK_BLOCKS): leaked = definitely
 *                   + indirectly lost (memcheck's mc_main.c adds the two),
 *                   dubious = possibly lost, reachable = still reachable
 *                   (blocks something still points to); bytes and blocks
 *                   of malloc'd memory. Outside memcheck nothing is asked
 *                   and nothing written.
 * Samples are taken between batches, never inside the timed region. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <valgrind/memcheck.h>

#include "measure/counters.h"
#include "measure/cyclecall.h"
#include "measure/libload.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "base/procinfo.h"
#include "results/stats.h"
#include "base/util.h"

struct samples {
    size_t n;
    int64_t t0_ns;      /* clock before the warm-up cycle's dlopen */
    double *x;          /* cycles done */
    long *rss, *pss, *pd, *threads, *fds, *maps, *children;
};

/* What each cycle calls and on which thread (cyclecall.h). */
struct cyc {
    const char *path;
    const struct symbol_map *map;
    enum cycle_call call;     /* chosen in the warm-up cycle */
    int chosen;
    struct cycle_caller caller;
};

/* Nanoseconds spent in each phase of a batch of cycles. */
struct phase_ns {
    int64_t dlopen, call, dlclose;
};

/* One cycle: dlopen, dlsym of what is called, the call, dlclose. 0, or -1
 * with the reason printed. With w (the untimed warm-up only) each step is
 * announced on the data channel, and the call is chosen (auto: add, else
 * noop, else none, from what the library has); with ph (the timed cycles)
 * the time of each phase is added to it. */
static int one_cycle(struct cyc *c, int64_t a, struct row_writer *w, struct phase_ns *ph)
{
    int64_t t0 = ph ? now_ns() : 0;
    if (w)
        row_step(w, "dlopen");
    struct bench_lib lib;
    memset(&lib, 0, sizeof lib);
    lib.handle = dlopen(c->path, RTLD_NOW | RTLD_LOCAL);
    if (!lib.handle) {
        db_error("cannot dlopen '%s': %s", c->path, dlerror());
        return -1;
    }
    if (!c->chosen) {
        bench_lib_resolve(&lib, c->map);
        c->call = cycle_call_choose(c->map, &lib);
        c->chosen = 1;
    } else {
        bench_lib_resolve_some(&lib, c->map, cycle_call_mask(c->call));
    }
    if (w && c->call != CC_NONE)
        row_step(w, "%s%s", cycle_call_symbol(c->map, c->call),
                 c->caller.on_pthread ? " on the pthread" : "");
    char err[600];
    int64_t t1 = ph ? now_ns() : 0;
    if (cycle_caller_call(&c->caller, &lib, c->map, c->call, a, err, sizeof err) != 0) {
        db_error("%s", err);
        dlclose(lib.handle);
        return -1;
    }
    int64_t t2 = ph ? now_ns() : 0;
    if (w)
        row_step(w, "dlclose");
    if (dlclose(lib.handle) != 0) {
        db_error("cannot dlclose '%s': %s", c->path, dlerror());
        return -1;
    }
    if (ph) {
        int64_t t3 = now_ns();
        ph->dlopen += t1 - t0;
        ph->call += t2 - t1;
        ph->dlclose += t3 - t2;
    }
    return 0;
}

static void take(struct samples *s, size_t i, double done)
{
    struct proc_sample ps;
    proc_sample_take(&ps, PROC_SAMPLE_SMAPS | PROC_SAMPLE_CHILDREN);
    s->x[i] = done;
    s->rss[i] = ps.rss_kb;
    s->pss[i] = ps.pss_kb;
    s->pd[i] = ps.private_dirty_kb;
    s->threads[i] = ps.threads;
    s->fds[i] = ps.fds;
    s->maps[i] = ps.maps;
    s->children[i] = ps.children;
}

static void emit_sample(struct row_writer *w, const char *mode, const struct samples *s, size_t i)
{
    long rep = (long)s->x[i];
    row_emit(w, mode, "main", "elapsed_ms", "ms", rep, (double)(now_ns() - s->t0_ns) / 1e6);
    if (s->rss[i] >= 0)
        row_emit(w, mode, "main", "rss_kb", "KiB", rep, (double)s->rss[i]);
    if (s->pss[i] >= 0)
        row_emit(w, mode, "main", "pss_kb", "KiB", rep, (double)s->pss[i]);
    if (s->pd[i] >= 0)
        row_emit(w, mode, "main", "private_dirty_kb", "KiB", rep, (double)s->pd[i]);
    if (s->threads[i] >= 0)
        row_emit(w, mode, "main", "threads", "count", rep, (double)s->threads[i]);
    if (s->fds[i] >= 0)
        row_emit(w, mode, "main", "fds", "count", rep, (double)s->fds[i]);
    if (s->maps[i] >= 0)
        row_emit(w, mode, "main", "maps", "count", rep, (double)s->maps[i]);
    if (s->children[i] >= 0)
        row_emit(w, mode, "main", "children", "count", rep, (double)s->children[i]);
}

static void emit_growth(struct row_writer *w, const char *mode, const char *metric,
                        const char *unit, const long *v, size_t n)
{
    if (n >= 1 && v[0] >= 0 && v[n - 1] >= 0)
        row_emit(w, mode, "main", metric, unit, 0, (double)(v[n - 1] - v[0]));
}

/* What stays after the last dlclose: the file's mappings (the proof of
 * "never unloads") in count and KiB. */
static void emit_left_behind(struct row_writer *w, const char *mode, const struct stat *st)
{
    long maps = 0, kib = 0;
    if (proc_maps_file_usage(st->st_dev, st->st_ino, &maps, &kib) != 0)
        return;
    row_emit(w, mode, "main", "maps_after_kb", "KiB", 0, (double)kib);
    row_emit(w, mode, "main", "maps_after", "count", 0, (double)maps);
}

/* --leak-counts under valgrind memcheck: a leak search now, its counts as
 * rows (rep = cycles done). The quick search (summary only) is enough: the
 * counts are the same as a full search's, and the log gets a 6-line LEAK
 * SUMMARY instead of a record per leak; the full list with stacks is the
 * one at exit. RUNNING_ON_VALGRIND and the requests are a few instructions
 * of header macros (no link dependency); outside valgrind they return 0.
 * Under callgrind (also "running on valgrind") --leak-counts is never set. */
static void emit_leak_counts(const struct measure_opts *o, struct row_writer *w,
                             const char *mode, long rep)
{
    if (!o->leak_counts || !RUNNING_ON_VALGRIND)
        return;
    unsigned long leaked = 0, dubious = 0, reachable = 0, suppressed = 0;
    unsigned long leaked_k = 0, dubious_k = 0, reachable_k = 0, suppressed_k = 0;
    VALGRIND_DO_QUICK_LEAK_CHECK;
    VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed);
    VALGRIND_COUNT_LEAK_BLOCKS(leaked_k, dubious_k, reachable_k, suppressed_k);
    (void)suppressed, (void)dubious_k, (void)suppressed_k;
    row_emit(w, mode, "main", "vg_leaked_bytes", "bytes", rep, (double)leaked);
    row_emit(w, mode, "main", "vg_dubious_bytes", "bytes", rep, (double)dubious);
    row_emit(w, mode, "main", "vg_reachable_bytes", "bytes", rep, (double)reachable);
    row_emit(w, mode, "main", "vg_leaked_blocks", "count", rep, (double)leaked_k);
    row_emit(w, mode, "main", "vg_reachable_blocks", "count", rep, (double)reachable_k);
}

static int run_mode(const struct measure_opts *o, struct row_writer *w, enum cycle_mode mode)
{
    const char *mname = mode == MODE_PINNED ? "pinned" : "fresh";
    struct cyc cy = {.path = o->lib, .map = &o->symbols};
    const long every = o->sample_every;
    const size_t n_samples = (size_t)((o->cycles + every - 1) / every) + 1;
    struct samples s = {0};
    double *y = NULL;
    void *outer = NULL;
    int rc = 1;
    struct stat st;

    if (stat(o->lib, &st) != 0) {
        db_error("cannot stat '%s': %s", o->lib, strerror(errno));
        return 1;
    }
    /* Everything allocated up front: no malloc between samples but the
     * library's own. */
    s.x = xcalloc(n_samples, sizeof *s.x);
    y = xcalloc(n_samples, sizeof *y);
    s.rss = xcalloc(n_samples, sizeof(long));
    s.pss = xcalloc(n_samples, sizeof(long));
    s.pd = xcalloc(n_samples, sizeof(long));
    s.threads = xcalloc(n_samples, sizeof(long));
    s.fds = xcalloc(n_samples, sizeof(long));
    s.maps = xcalloc(n_samples, sizeof(long));
    s.children = xcalloc(n_samples, sizeof(long));

    if (o->pin_cpu >= 0 && pin_to_cpu(o->pin_cpu) != 0)
        db_warn("cannot pin to cpu %d: %s; measuring unpinned", o->pin_cpu, strerror(errno));
    if (mode == MODE_PINNED) {
        row_step(w, "dlopen (the outer handle)");
        outer = dlopen(o->lib, RTLD_NOW | RTLD_LOCAL);
        if (!outer) {
            db_error("cannot dlopen '%s': %s", o->lib, dlerror());
            goto out;
        }
    }
    int on_pthread = o->symbols.cycle_thread && !strcmp(o->symbols.cycle_thread, "pthread");
    if (cycle_caller_start(&cy.caller, on_pthread) != 0) {
        db_error("cannot start the calling pthread: %s", strerror(errno));
        goto out;
    }
    s.t0_ns = now_ns();
    if (one_cycle(&cy, -1, w, NULL) != 0) /* warm-up, untimed */
        goto out;

    take(&s, 0, 0);
    emit_sample(w, mname, &s, 0);
    emit_leak_counts(o, w, mname, 0);
    s.n = 1;
    row_step(w, "timed cycles (dlopen, %s, dlclose)", cycle_call_symbol(&o->symbols, cy.call));
    long done = 0, batch = 0;
    int64_t total_ns = 0;
    while (done < o->cycles) {
        long k = o->cycles - done < every ? o->cycles - done : every;
        struct phase_ns ph = {0};
        int64_t t0 = now_ns();
        for (long j = 0; j < k; j++)
            if (one_cycle(&cy, done + j, NULL, &ph) != 0)
                goto out;
        int64_t t1 = now_ns();
        done += k;
        total_ns += t1 - t0;
        double per = (double)k * 1e3; /* ns over a batch -> us per cycle */
        row_emit(w, mname, "main", "cycle_us", "us", batch, (double)(t1 - t0) / per);
        row_emit(w, mname, "main", "cycle_dlopen_us", "us", batch, (double)ph.dlopen / per);
        row_emit(w, mname, "main", "cycle_call_us", "us", batch, (double)ph.call / per);
        row_emit(w, mname, "main", "cycle_dlclose_us", "us", batch++, (double)ph.dlclose / per);
        take(&s, s.n, (double)done);
        emit_sample(w, mname, &s, s.n);
        emit_leak_counts(o, w, mname, done);
        s.n++;
        row_flush(w);
    }

    if (outer)
        row_step(w, "dlclose (the outer handle)");
    if (outer && dlclose(outer) != 0) {
        db_error("cannot dlclose '%s': %s", o->lib, dlerror());
        goto out;
    }
    outer = NULL;
    void *still = dlopen(o->lib, RTLD_NOW | RTLD_NOLOAD);
    if (still)
        dlclose(still); /* drop the reference NOLOAD just took */
    int mapped = proc_maps_has_file(st.st_dev, st.st_ino);
    row_emit(w, mname, "main", "unloaded", "bool", 0, (!still && mapped == 0) ? 1 : 0);
    emit_left_behind(w, mname, &st);

    /* Leak slope over the samples after the warm-up fraction. */
    size_t skip = s.n / 10 > 1 ? s.n / 10 : 1;
    int have_rss = 1;
    for (size_t i = 0; i < s.n; i++) {
        have_rss &= s.rss[i] >= 0;
        y[i] = (double)s.rss[i] * 1024.0;
    }
    struct regression r;
    if (have_rss && s.n > skip && stats_regress(s.x + skip, y + skip, s.n - skip, &r) == 0) {
        row_emit(w, mname, "main", "leak_bytes_per_cycle", "bytes", 0, r.slope);
        row_emit(w, mname, "main", "leak_ci_low", "bytes", 0, r.slope_ci_low);
        row_emit(w, mname, "main", "leak_ci_high", "bytes", 0, r.slope_ci_high);
        double s_per_cycle = (double)total_ns / 1e9 / (double)o->cycles;
        if (s_per_cycle > 0)
            row_emit(w, mname, "main", "leak_mb_per_s", "MB/s", 0, r.slope / s_per_cycle / 1e6);
    } else {
        db_note("no leak slope for mode '%s': %zu samples after the warm-up, need 3"
                " (use more --cycles or a smaller --sample-every)",
                mname, s.n > skip ? s.n - skip : 0);
    }
    emit_growth(w, mname, "rss_growth_kb", "KiB", s.rss, s.n);
    emit_growth(w, mname, "pss_growth_kb", "KiB", s.pss, s.n);
    emit_growth(w, mname, "private_dirty_growth_kb", "KiB", s.pd, s.n);
    emit_growth(w, mname, "threads_growth", "count", s.threads, s.n);
    emit_growth(w, mname, "fds_growth", "count", s.fds, s.n);
    emit_growth(w, mname, "maps_growth", "count", s.maps, s.n);
    emit_growth(w, mname, "children_growth", "count", s.children, s.n);
    pin_check(o->pin_cpu, w, mname, "main");
    row_flush(w);
    rc = 0;
out:
    row_flush(w);
    cycle_caller_stop(&cy.caller);
    if (outer)
        dlclose(outer);
    free(s.x);
    free(y);
    free(s.rss);
    free(s.pss);
    free(s.pd);
    free(s.threads);
    free(s.fds);
    free(s.maps);
    free(s.children);
    return rc;
}

/* Runs one mode in a forked child and passes on how it ended: the same
 * exit code, or the same signal (so a crash looks the same to the parent
 * as with a single mode). */
static int run_forked(const struct measure_opts *o, struct row_writer *w, enum cycle_mode mode)
{
    row_flush(w);
    (void)fflush(stdout);
    (void)fflush(stderr);
    /* Set by the child when run_mode returned: a library that calls
     * exit(0) or exit(1) ends the child with a status of ours. */
    int *finished = mmap(NULL, sizeof *finished, PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (finished == MAP_FAILED) {
        db_error("cannot map a shared page: %s", strerror(errno));
        return 1;
    }
    *finished = 0;
    pid_t pid = fork();
    if (pid < 0) {
        db_error("cannot fork: %s", strerror(errno));
        munmap(finished, sizeof *finished);
        return 1;
    }
    if (pid == 0) {
        /* If the parent is killed (a timeout that signals only it), do not
         * live on as an orphan. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        row_writer_adopt(w);
        int rc = run_mode(o, w, mode);
        row_flush(w);
        (void)fflush(stderr);
        *finished = 1;
        _exit(rc == 0 ? 0 : 1);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            db_error("cannot wait for the cycle child: %s", strerror(errno));
            munmap(finished, sizeof *finished);
            return 1;
        }
    int child_finished = *finished;
    munmap(finished, sizeof *finished);
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        (void)signal(sig, SIG_DFL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        (void)raise(sig);
        return 1;
    }
    if (WIFEXITED(status) && (WEXITSTATUS(status) > 1 || !child_finished)) {
        /* The library ended the process itself (exit(3) in a constructor,
         * exit(0) in add): end with the same code, without the end record. */
        row_flush(w);
        (void)fflush(stdout);
        exit(WEXITSTATUS(status));
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int scenario_cycle(const struct measure_opts *o, struct row_writer *w)
{
    if (o->mode != MODE_BOTH)
        return run_mode(o, w, o->mode);
    if (run_forked(o, w, MODE_FRESH) != 0)
        return 1;
    return run_forked(o, w, MODE_PINNED);
}

/* n counted cycles: the same code for every n (counters.h). */
__attribute__((noinline)) static int count_cycles(struct cyc *cy, uint64_t n)
{
    int bad = 0;
    cg_loop_begin();
    for (uint64_t j = 0; j < n && !bad; j++)
        bad = one_cycle(cy, (int64_t)j, NULL, NULL) != 0;
    cg_loop_end();
    return bad;
}

/* Under callgrind (counters.h): a warm-up cycle, then two counted loops of
 * fresh cycles (nothing else holds the library), each calling what the
 * cycle scenario calls, on the thread it calls from. */
int count_cycle(const struct measure_opts *o, struct row_writer *w)
{
    struct cyc cy = {.path = o->lib, .map = &o->symbols};
    int rc = 1;
    int on_pthread = o->symbols.cycle_thread && !strcmp(o->symbols.cycle_thread, "pthread");
    if (cycle_caller_start(&cy.caller, on_pthread) != 0) {
        db_error("cannot start the calling pthread: %s", strerror(errno));
        return 1;
    }
    if (one_cycle(&cy, -1, w, NULL) != 0) /* warm-up: a Go runtime starts here */
        goto out;
    row_step(w, "counted cycles (dlopen, %s, dlclose)",
             cy.call != CC_NONE ? cycle_call_symbol(cy.map, cy.call) : "no call");
    uint64_t n[2];
    /* a C library's dlopen with relocations: ~1e5 instructions */
    cg_loop_lengths(1e5, o->quick, &n[0], &n[1]);
    for (int k = 0; k < 2; k++) {
        if (count_cycles(&cy, n[k]) != 0)
            goto out;
        cg_dump("instructions_per_cycle", "fresh", "main", n[k]);
    }
    rc = 0;
out:
    cycle_caller_stop(&cy.caller);
    return rc;
}
