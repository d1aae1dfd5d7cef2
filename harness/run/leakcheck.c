/* leakcheck.c - `run --leak-check`: the leak triple check of one variant.
 *
 * Someone who suspects a shared object of leaking checks it three ways, and
 * each alone misleads:
 *   1. valgrind memcheck over a shortened cycle loop (dlopen -> add ->
 *      dlclose, --mode fresh) sees every malloc'd block, lost (nobody points
 *      to it) or still reachable, at each checkpoint of the loop and at
 *      exit. It is blind to memory a runtime maps itself (the Go heap).
 *   2. GODEBUG=gctrace=1 (Go variants) prints the live heap after each
 *      collection: the Go heap, which valgrind does not see.
 *   3. The RSS slope of the cycle scenario (leak_bytes_per_cycle, measured
 *      by the engine in its own job) sees everything resident, including
 *      what an allocator caches or a runtime keeps - growth, not leaks.
 * The verdicts (results/verdicts.c, findings.csv topics memory/valgrind,
 * memory/go_heap, memory/rss, ... and memory) put them together: a
 * resource that grows steadily is a leak whatever valgrind says; growth
 * that stops is caching or a one-off.
 *
 * A library is checked as a Go library when the file says so (its
 * .go.buildinfo section, measure/elf.h), whatever bench.toml's lang is.
 *
 * Why valgrind gives two series, "definitely + indirectly lost" and "still
 * reachable": a library that leaks in its constructor (tests/fixtures/
 * leak256k.c) keeps the pointer only in a dead stack slot, and a pointer
 * kept in the globals of a library that unloads vanishes with the mapping
 * at dlclose; either way the block is "definitely lost" (measured: 21 x
 * 262144 bytes in 21 blocks for 20 cycles + the warm-up). But a block
 * something still points to is never lost: a list in the globals of a
 * library that stays loaded (nodelete, Go; tests/fixtures/reachlist.c), a
 * string glibc's setenv made (setenvload.c), a thread-specific value
 * (keyload.c). Such a library grows "still reachable" on every cycle and
 * nothing else valgrind reports. The *total* still reachable cannot be
 * the metric: the Go runtime alone keeps ~1.5 KB reachable and ~1.4 KB
 * "possibly lost" (the thread blocks of its Ms), dlbench itself a few KiB,
 * constant in the number of cycles; a cache filled once stays too. Its
 * *growth per cycle* is: the child (measure --leak-counts, cycle.c) runs a
 * leak search at each sample - after the warm-up cycle, then every tenth
 * of the loop - and reports memcheck's counts as rows; both series are
 * decided by the series rule (results/verdicts.c, step 1 byte), so a
 * one-off (the first load, a cache) is not a leak and a block kept per
 * cycle is, lost or not. The totals at exit stay in the samples
 * (vg_*_lost_*, vg_still_reachable_bytes) and in the details.
 *
 * Cost of the checkpoints (measured, 200 + 1 cycles, 11 searches): a C
 * library's run takes as long as without them (0.9-1.3 s either way, the
 * noise of this machine); the Go implementation's 1.4 s become 2.8-3.3 s,
 * ~0.15 s per search (the Go runtime's arenas are scanned).
 *
 * Cycles run: the cycle scenario runs one untimed warm-up cycle before the
 * N timed ones, so a per-load or per-call leak happens N + 1 times, and the
 * per-cycle figures divide by N + 1 (vg_cycles). */
#define _GNU_SOURCE
#include "run/leakcheck.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/child.h"
#include "matrix/lang.h"
#include "base/util.h"
#include "measure/argv.h"
#include "measure/elf.h"
#include "results/stats.h"

/* ---------------------------------------------------------------- helpers */

static void add(struct run_data *d, int variant, int proc, const char *metric, const char *unit,
                double value)
{
    rd_add_sample(d, variant, proc, LEAK_SCENARIO, LEAK_WORKLOAD, LEAK_THREAD, metric, unit, 0,
                  value);
}

/* The measure argv of one fresh-mode cycle loop (no --quick, no pinning:
 * the loop length is given). */
static void cycle_argv(const struct variant *v, long cycles, long every, int leak_counts,
                       struct strlist *a)
{
    struct measure_cmd mc;
    char *syms = symbol_map_format(&v->impl->symbols);
    measure_cmd_init(&mc, "cycle", v->lib_path);
    mc.variant = v->name;
    mc.symbols = syms;
    mc.mode = LEAK_WORKLOAD;
    mc.cycles = cycles;
    mc.sample_every = every;
    mc.leak_counts = leak_counts;
    measure_cmd_argv(&mc, a);
    free(syms);
}

/* Last non-empty line of the child's stderr, or "". Caller frees. */
static char *last_err_line(const struct child_result *res)
{
    return child_err_tail(res, 1);
}

/* A Go library: its impl says lang = "go", or its file's build info does
 * (measure/toolid.h: info "go go1.21.6"), or the file has a .go.buildinfo
 * section (measure/elf.h) - a brought library needs no lang key for its Go
 * heap to be watched. */
static int is_go(const struct variant *v)
{
    return (v->impl && lang_has(v->impl->lang, LANG_RUNTIME_HEAP_GO)) ||
           (v->info && !strncmp(v->info, "go ", 3)) || elf_file_is_go(v->lib_path) == 1;
}

/* Mean cycle_us of the variant's fresh cycles in this run so far, or -1. */
static double measured_cycle_us(const struct run_data *d, int variant)
{
    double sum = 0;
    long n = 0;
    for (size_t i = 0; i < d->ns; i++) {
        const struct sample *s = &d->s[i];
        if (s->variant == variant && !strcmp(s->scenario, "cycle") &&
            !strcmp(s->workload, "fresh") && !strcmp(s->metric, "cycle_us"))
            sum += s->value, n++;
    }
    return n ? sum / (double)n : -1;
}

/* Memcheck's slowdown of a dlopen/call/dlclose cycle and its start-up
 * (measured on the development machine: the classic Go library, 0.6 s to
 * start and ~VG_SLOWDOWN x per cycle). An estimate printed before a long
 * run, never a measurement. */
#define VG_SLOWDOWN 60.0
#define VG_START_S 3.0

double leak_check_estimate_s(long cycles, double cycle_us)
{
    return VG_START_S + (double)cycles * (cycle_us > 0 ? cycle_us : 20.0) * VG_SLOWDOWN / 1e6;
}

/* ---------------------------------------------------------------- 1. valgrind */

/* The leak counts the child took at each sample (cycle.c --leak-counts:
 * vg_* rows, rep = cycles done, 0 = after the warm-up cycle) from its rows
 * on the data channel: copied as the series the verdicts read, plus
 * <metric>_per_cycle = (last - second) / cycles between them for the byte
 * counts (first when only two). Returns the number of checkpoints (0:
 * none came through). */
/* Rows of metric with rep >= 0 in rows. */
static size_t points_total(const struct run_data *rows, const char *metric)
{
    size_t n = 0;
    for (size_t i = 0; i < rows->ns; i++)
        n += !strcmp(rows->s[i].metric, metric) && rows->s[i].rep >= 0 &&
             isfinite(rows->s[i].value);
    return n;
}

static size_t vg_series(struct run_data *d, int variant, const struct variant *v, int proc,
                        const char *out)
{
    static const char *const series[] = {"vg_leaked_bytes", "vg_dubious_bytes",
                                         "vg_reachable_bytes", "vg_leaked_blocks",
                                         "vg_reachable_blocks"};
    struct run_data rows = {0};
    char err[256];
    size_t points = 0;
    rd_add_variant(&rows, v->name, "", "", "");
    if (rd_parse_rows(&rows, 0, 0, 0, out ? out : "", err, sizeof err) != 0) {
        rd_free(&rows);
        return 0;
    }
    for (size_t k = 0; k < ARRAY_LEN(series); k++) {
        size_t n = 0;
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        for (size_t i = 0; i < rows.ns; i++) {
            const struct sample *s = &rows.s[i];
            if (strcmp(s->metric, series[k]) || s->rep < 0 || !isfinite(s->value))
                continue;
            rd_add_sample(d, variant, proc, LEAK_SCENARIO, LEAK_WORKLOAD, LEAK_THREAD, s->metric,
                          s->unit, s->rep, s->value);
            /* from the second checkpoint: the first batch also holds
             * dlbench's own one-off allocations (its row buffer grows,
             * ~0.5 KiB), which the verdict's series skips too */
            if (n == 0 || (n == 1 && points_total(&rows, series[k]) > 2))
                x0 = (double)s->rep, y0 = s->value;
            n++;
            x1 = (double)s->rep, y1 = s->value;
        }
        if (k == 0)
            points = n;
        if (n >= 2 && x1 > x0 && k < 3) {
            char *m = xasprintf("%s_per_cycle", series[k]);
            add(d, variant, proc, m, "bytes", (y1 - y0) / (x1 - x0));
            free(m);
        }
    }
    rd_free(&rows);
    return points;
}

/* valgrind memcheck over n + 1 fresh cycles of v, its log to logpath, with
 * or without the leak counts at checkpoints. */
static void memcheck_argv(const struct variant *v, long n, const char *logpath,
                          int leak_counts, struct strlist *a)
{
    sl_push(a, "valgrind");
    sl_push(a, "--tool=memcheck");
    sl_push(a, "--leak-check=full");
    sl_push(a, "--show-leak-kinds=definite,indirect");
    sl_push(a, "--errors-for-leak-kinds=none");
    /* A library that forks (a helper, popen's shell before its exec, a
     * zombie per load) would otherwise add each copy's HEAP and LEAK
     * SUMMARY to this log, between the measuring process's own (seen with
     * tests/fixtures/zombieload.c: 7 processes' summaries in one log). */
    sl_push(a, "--child-silent-after-fork=yes");
    sl_push_owned(a, xasprintf("--log-file=%s", logpath));
    cycle_argv(v, n, n / 10 > 0 ? n / 10 : 1, leak_counts, a);
}

/* Runs the memcheck child (spec). A Go library's run that stalls (times
 * out) gets two more attempts, the last one without the leak counts at
 * checkpoints (plain: the exit totals only, the run that stalled in none
 * of 12 tries before checkpoints existed). Returns the attempts that
 * stalled (0 to 3); *plain_used is 1 when the result is the plain run's. */
static int run_valgrind(const struct child_spec *spec, const struct child_spec *plain, int go,
                        const char *name, double est, struct child_result *res,
                        int *plain_used)
{
    int stalls = 0;
    *plain_used = 0;
    for (;;) {
        child_run(*plain_used ? plain : spec, res);
        if (!go || res->outcome != CHILD_TIMEOUT || stalls == 2)
            return stalls + (res->outcome == CHILD_TIMEOUT);
        stalls++;
        *plain_used = stalls == 2;
        db_note("%s: valgrind stalled (no end after %.0f s, estimated %.0f s): once more%s",
                name, res->wall_s, est, *plain_used ? ", without the leak counts" : "");
        child_result_free(res);
    }
}

static void valgrind_check(struct run_data *d, int variant, const struct variant *v,
                           const struct run_params *rp, int proc)
{
    long n = rp->leak_check_cycles > 0 ? rp->leak_check_cycles : 200;
    long cycles_run = n + 1; /* the warm-up cycle too */
    struct strlist argv = {0}, plain_argv = {0};
    struct child_result res = {0};
    struct vg_report vr = {0};
    char *logpath = NULL, *log = NULL, *key = xasprintf("leak_check %s", v->name);
    char *note = NULL;

    /* valgrind expands %p and %q{VAR} in --log-file: keep '%' out. */
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strchr(tmp, '%'))
        tmp = "/tmp";
    logpath = xasprintf("%s/dlbench-valgrind-XXXXXX.log", tmp);
    int fd = mkstemps(logpath, 4);
    if (fd < 0) {
        char *cause = xasprintf("cannot create a valgrind log file in '%s': %s", tmp,
                                strerror(errno));
        rd_add_failure(d, v->name, "leak-check", cause, "");
        db_warn("%s leak-check failed: %s", v->name, cause);
        free(cause);
        free(logpath);
        logpath = NULL;
        goto out;
    }
    close(fd);

    memcheck_argv(v, n, logpath, 1, &argv);
    memcheck_argv(v, n, logpath, 0, &plain_argv);
    double cus = measured_cycle_us(d, variant);
    double est = leak_check_estimate_s(n, cus);
    db_note("%s: valgrind over %ld cycles, estimated %.0f s (%s)", v->name, n + 1, est,
            cus > 0 ? "from this run's cycle time" : "no cycle time measured yet: a guess");
    /* Memcheck runs code ~20-50x slower, a Go runtime's start more; the
     * estimate above is what this run's cycle time predicts. */
    double limit = rp->timeout_s > 0 ? 3.0 * rp->timeout_s + 4.0 * est + 1.0 * (double)n : 0;
    /* Go's asynchronous preemption (SIGURG into running goroutines) under
     * valgrind's serialised threads: seen here spinning at 100 % CPU for
     * 10 minutes in 1 of 2 runs of a Go library's cycles, and callgrind
     * aborts on it. Without it the runtime preempts at function calls,
     * which is enough for the cycle loop; no effect on a non-Go library. */
    char *const env[] = {"GODEBUG=asyncpreemptoff=1", NULL};
    /* Even so, a Go library's memcheck run still stalls now and then (1
     * of 3 CI runs of leak_known_answers: a 3 s run still going at 213
     * s; 0 of 28 by hand): a Go library gets a shorter limit and, when it
     * stalls, one more attempt, which the note says. */
    int go = is_go(v);
    if (go && limit > 30.0 + 10.0 * est)
        limit = 30.0 + 10.0 * est;
    struct child_spec spec = {
        .argv = argv.v, .env_add = env, .timeout_s = limit, .records = 1};
    struct child_spec plain = spec;
    plain.argv = plain_argv.v;
    int plain_used;
    int stalls = run_valgrind(&spec, &plain, go, v->name, est, &res, &plain_used);
    if (res.outcome == CHILD_INTERRUPTED)
        goto out;
    if (res.outcome == CHILD_SPAWN_FAILED) {
        /* Not the library's fault, but the check that was asked for did not
         * run: the run must say so. */
        char *cause = res.spawn_errno == ENOENT
                          ? xstrdup("valgrind not found on PATH (install it: make deps)")
                          : xasprintf("cannot start valgrind: %s", strerror(res.spawn_errno));
        rd_add_failure(d, v->name, "leak-check", cause, "");
        db_warn("%s leak-check failed: %s", v->name, cause);
        free(cause);
        goto out;
    }
    size_t len = 0;
    log = read_file(logpath, &len, (size_t)64 << 20);
    int parsed = log ? vg_parse_log(log, &vr) : -1;

    /* Applicable: valgrind ran the whole loop and the program exited 0. */
    if (res.outcome != CHILD_OK || parsed != 0 || !vr.have_summary) {
        char *cause = child_cause(&res);
        char *last = last_err_line(&res);
        const char *why = vr.fatal ? vr.fatal : last[0] ? last : "";
        if (parsed != 0)
            note = xasprintf("valgrind not applicable: %s%s%s (no valgrind log)", cause,
                             why[0] ? ": " : "", why);
        else if (res.outcome == CHILD_OK)
            note = xasprintf("valgrind not applicable: no leak summary in the log%s%s",
                             why[0] ? ": " : "", why);
        else
            note = xasprintf("valgrind not applicable: %s%s%s%s%s", cause, why[0] ? ": " : "",
                             why, vr.warnings ? "; warnings: " : "",
                             vr.warnings ? vr.warnings : "");
        free(cause);
        free(last);
        add(d, variant, proc, "vg_applicable", "bool", 0);
        goto out;
    }
    add(d, variant, proc, "vg_applicable", "bool", 1);
    add(d, variant, proc, "vg_cycles", "count", (double)cycles_run);
    add(d, variant, proc, "vg_definitely_lost_bytes", "bytes", (double)vr.def_bytes);
    add(d, variant, proc, "vg_definitely_lost_blocks", "count", (double)vr.def_blocks);
    add(d, variant, proc, "vg_indirect_lost_bytes", "bytes", (double)vr.ind_bytes);
    add(d, variant, proc, "vg_indirect_lost_blocks", "count", (double)vr.ind_blocks);
    add(d, variant, proc, "vg_possibly_lost_bytes", "bytes", (double)vr.pos_bytes);
    add(d, variant, proc, "vg_still_reachable_bytes", "bytes", (double)vr.reach_bytes);
    add(d, variant, proc, "vg_definitely_lost_bytes_per_cycle", "bytes",
        (double)vr.def_bytes / (double)cycles_run);
    if (vr.errors >= 0)
        add(d, variant, proc, "vg_errors", "count", (double)vr.errors);
    size_t points = vg_series(d, variant, v, proc, res.out);
    struct strbuf sb = {0};
    sb_printf(&sb, "valgrind %s memcheck, %ld cycles (%ld + warm-up): ran to the end",
              vr.version[0] ? vr.version : "?", cycles_run, n);
    if (points)
        sb_printf(&sb, "; leak counts at %zu checkpoints (after the warm-up, then every %ld "
                       "cycles)",
                  points, n / 10 > 0 ? n / 10 : 1);
    else
        sb_append(&sb, "; no leak counts at checkpoints came through (no vg_* rows)");
    if (stalls > 0)
        sb_printf(&sb, "; %d attempt%s stalled and %s ended after %.0f s%s", stalls,
                  stalls == 1 ? "" : "s", stalls == 1 ? "was" : "were", limit,
                  plain_used ? ", so this one ran without the leak counts at checkpoints" : "");
    if (vr.errors > 0)
        sb_printf(&sb, "; %lld memory errors", vr.errors);
    if (vr.warnings)
        sb_printf(&sb, "; warnings: %s", vr.warnings);
    if (is_go(v))
        sb_append(&sb, "; memcheck sees the C heap only, not the Go heap (mapped by the Go "
                       "runtime itself): see leak_check_go");
    note = sb_detach(&sb);
out:
    if (note)
        rd_set_env(d, key, note);
    free(note);
    free(key);
    free(log);
    vg_report_free(&vr);
    if (logpath) {
        unlink(logpath);
        free(logpath);
    }
    child_result_free(&res);
    sl_free(&argv);
    sl_free(&plain_argv);
}

/* ---------------------------------------------------------------- 2. Go heap */

/* Cycle index at which a collection at t seconds after the runtime started
 * happened. The runtime starts in the warm-up cycle, whose dlopen is where
 * the cycle scenario's elapsed_ms clock starts; its samples pair the time
 * (pauses for the resource samples included) with the cycles done, and a
 * collection between two samples is placed by linear interpolation.
 * t_s[0..n) ascending with done[0..n). */
static double cycle_at(double t, const double *t_s, const double *done, size_t n)
{
    if (n == 0 || t <= t_s[0])
        return n ? done[0] * (t > 0 && t_s[0] > 0 ? t / t_s[0] : 0) : 0;
    for (size_t i = 1; i < n; i++)
        if (t <= t_s[i]) {
            double span = t_s[i] - t_s[i - 1];
            double frac = span > 0 ? (t - t_s[i - 1]) / span : 1;
            return done[i - 1] + frac * (done[i] - done[i - 1]);
        }
    return done[n - 1];
}

static void go_heap_check(struct run_data *d, int variant, const struct variant *v,
                          const struct run_params *rp, int proc)
{
    long n = rp->cycles > 0 ? rp->cycles : 2000;
    long every = rp->sample_every > 0 ? rp->sample_every : 100;
    if (every > n)
        every = n;
    struct strlist argv = {0};
    struct child_result res = {0};
    struct run_data rows = {0};
    struct gc_line *gc = NULL;
    double *x = NULL, *y = NULL, *t_s = NULL, *done = NULL;
    char *key = xasprintf("leak_check_go %s", v->name);
    char *note = NULL;

    /* The same loop as the cycle job (same cycles), with the collector
     * tracing. GOGC=1 makes it collect whenever the heap grew by 1 % (at
     * least every ~40 KiB instead of the default first goal of 4 MiB), so a
     * Go heap that grows shows up as a series of live-heap points instead of
     * no collection at all; it changes when the collector runs, not what is
     * live. */
    cycle_argv(v, n, every, 0, &argv);
    char *const env[] = {"GODEBUG=gctrace=1", "GOGC=1", NULL};
    struct child_spec spec = {
        .argv = argv.v, .env_add = env, .timeout_s = rp->timeout_s, .records = 1};
    child_run(&spec, &res);
    if (res.outcome == CHILD_INTERRUPTED)
        goto out;
    char err[256];
    rd_add_variant(&rows, v->name, "", "", "");
    if (res.outcome != CHILD_OK ||
        rd_parse_rows(&rows, 0, 0, 0, res.out ? res.out : "", err, sizeof err) != 0) {
        char *cause = res.outcome != CHILD_OK ? child_cause(&res) : xstrdup(err);
        char *tail = child_err_tail(&res, 8);
        char *full = xasprintf("GODEBUG=gctrace=1 cycle run: %s", cause);
        rd_add_failure(d, v->name, "leak-check", full, tail);
        db_warn("%s leak-check failed: %s", v->name, full);
        note = xasprintf("go heap: not measured (%s)", full);
        free(cause);
        free(tail);
        free(full);
        goto out;
    }

    /* When each sample was taken: the elapsed_ms rows (rep = cycles done,
     * in order). */
    size_t nt = 0;
    t_s = xcalloc(rows.ns + 1, sizeof *t_s);
    done = xcalloc(rows.ns + 1, sizeof *done);
    for (size_t i = 0; i < rows.ns; i++) {
        const struct sample *s = &rows.s[i];
        if (!strcmp(s->metric, "elapsed_ms") && s->rep >= 0) {
            t_s[nt] = s->value / 1e3;
            done[nt++] = (double)s->rep;
        }
    }

    size_t ng = go_parse_gctrace(res.err, &gc);
    /* stderr is kept only in its last 64 KiB or so: "gc N" numbers every
     * collection, so the count survives when early lines do not. */
    long count = 0;
    for (size_t i = 0; i < ng; i++)
        if (gc[i].n > count)
            count = gc[i].n;
    add(d, variant, proc, "go_gc_count", "count", (double)count);
    if (ng == 0) {
        note = xasprintf("go heap: no collection ran in %ld cycles (GOGC=1, gctrace=1): the "
                         "heap stayed below the first GC goal, the library allocates "
                         "(almost) nothing on the Go heap",
                         n);
        goto out;
    }
    x = xcalloc(ng, sizeof *x);
    y = xcalloc(ng, sizeof *y);
    for (size_t i = 0; i < ng; i++) {
        x[i] = cycle_at(gc[i].t_s, t_s, done, nt);
        y[i] = gc[i].live_bytes;
        /* the series the memory/go_heap verdict reads (rep = cycle index) */
        rd_add_sample(d, variant, proc, LEAK_SCENARIO, LEAK_WORKLOAD, LEAK_THREAD,
                      "gc_live_bytes", "bytes", (long)(x[i] + 0.5), y[i]);
    }
    double growth = y[ng - 1] - y[0];
    add(d, variant, proc, "go_heap_live_bytes", "bytes", y[ng - 1]);
    add(d, variant, proc, "go_heap_growth_bytes", "bytes", growth);
    struct regression r;
    struct strbuf sb = {0};
    sb_printf(&sb, "go heap: %ld collection%s from the runtime's start (in the warm-up "
                   "cycle) to the end of %ld cycles (GOGC=1, gctrace=1)",
              count, count == 1 ? "" : "s", n);
    if (ng < (size_t)count)
        sb_printf(&sb, ", the last %zu kept", ng);
    sb_printf(&sb, "; live heap %.0f MiB at cycle ~%.0f, %.0f MiB at cycle ~%.0f", y[0] / 1048576,
              x[0], y[ng - 1] / 1048576, x[ng - 1]);
    if (ng >= 3 && stats_regress(x, y, ng, &r) == 0) {
        add(d, variant, proc, "go_heap_bytes_per_cycle", "bytes", r.slope);
        sb_printf(&sb, "; slope %.0f B/cycle (95 %% CI %.0f to %.0f; whole-MiB readings, "
                       "cycle of each collection from its time)",
                  r.slope, r.slope_ci_low, r.slope_ci_high);
    } else {
        sb_append(&sb, "; too few collections apart in time for a slope (need 3)");
    }
    note = sb_detach(&sb);
out:
    if (note)
        rd_set_env(d, key, note);
    free(note);
    free(key);
    free(gc);
    free(x);
    free(y);
    free(t_s);
    free(done);
    rd_free(&rows);
    child_result_free(&res);
    sl_free(&argv);
}
/* ---------------------------------------------------------------- job */

void run_leak_job(struct run_data *d, int variant, const struct variant *v,
                  const struct run_params *rp, int proc)
{
    valgrind_check(d, variant, v, rp, proc);
    if (child_stop_requested)
        return;
    if (is_go(v))
        go_heap_check(d, variant, v, rp, proc);
}
