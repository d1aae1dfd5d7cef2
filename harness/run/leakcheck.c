/* leakcheck.c - `run --leak-check`: the leak triple check of one variant.
 *
 * Someone who suspects a shared object of leaking checks it three ways, and
 * each alone misleads:
 *   1. valgrind memcheck over a shortened cycle loop (dlopen -> add ->
 *      dlclose, --mode fresh) sees every malloc'd block nobody points to at
 *      exit. It is blind to memory a runtime maps itself (the Go heap).
 *   2. GODEBUG=gctrace=1 (Go variants) prints the live heap after each
 *      collection: the Go heap, which valgrind does not see.
 *   3. The RSS slope of the cycle scenario (leak_bytes_per_cycle, measured
 *      by the engine in its own job) sees everything resident, including
 *      what an allocator caches or a runtime keeps - growth, not leaks.
 * The verdict (leak_verdict) puts them together so a reader can tell a
 * real leak from allocator caching or a runtime's heap.
 *
 * Why "definitely lost" is the valgrind metric: a library that leaks in its
 * constructor (tests/fixtures/leak256k.c) keeps the pointer only in a dead
 * stack slot, and a pointer kept in the library's globals vanishes with the
 * mapping at dlclose; either way every lost block of a library that really
 * unloads is "definitely lost" (measured: 21 x 262144 bytes in 21 blocks for
 * 20 cycles + the warm-up). A library that stays loaded (nodelete, Go) and
 * keeps pointers in globals shows up as "still reachable" instead, which is
 * reported (vg_still_reachable_bytes) but not counted as a leak: the Go
 * runtime alone keeps ~1.5 KB reachable and ~1.4 KB "possibly lost" (the
 * thread blocks of its Ms), constant in the number of cycles.
 *
 * Cycles run: the cycle scenario runs one untimed warm-up cycle before the
 * N timed ones, so a per-load or per-call leak happens N + 1 times, and the
 * per-cycle figures divide by N + 1 (vg_cycles). */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/child.h"
#include "run/leakcheck.h"
#include "run/run.h"
#include "results/stats.h"
#include "base/util.h"
#include "matrix/verify.h"

#define SC "cycle"
#define WL "fresh"
#define TH "main"

/* Verdict thresholds (see leak_verdict):
 * - valgrind finds a per-cycle leak when the lost (definitely + indirectly)
 *   blocks number at least half the cycles run: a leak on every load or
 *   call leaves one block or more per cycle, a one-off leak (at first load,
 *   in the harness, in a runtime) leaves a fixed handful however many
 *   cycles ran.
 * - RSS grows when the lower end of the 95 % CI of the slope is above 0 and
 *   the slope is at least RSS_MIN_BYTES per cycle: below an eighth of a page
 *   per cycle the growth over a run (< 1 MB over 2000 cycles) is within what
 *   malloc arenas and the page cache do on their own.
 * - the Go heap grows when its slope is at least GO_MIN_BYTES per cycle and
 *   the live heap rose by at least GO_MIN_GROWTH_BYTES from the first
 *   collection to the last: gctrace prints whole MiB, so one step can be
 *   rounding. */
#define VG_MIN_BLOCKS_PER_CYCLE 0.5
#define RSS_MIN_BYTES 512.0
#define GO_MIN_BYTES 1024.0
#define GO_MIN_GROWTH_BYTES (2.0 * 1048576.0)

/* ---------------------------------------------------------------- valgrind log */

/* "5,505,024" -> 5505024; *end after the number. -1 if no digit. */
static long long parse_grouped(const char *p, const char **end)
{
    long long v = 0;
    int any = 0;
    while (isdigit((unsigned char)*p) || (*p == ',' && any && isdigit((unsigned char)p[1]))) {
        if (*p != ',') {
            v = v * 10 + (*p - '0');
            any = 1;
        }
        p++;
    }
    *end = p;
    return any ? v : -1;
}

/* "<label> X bytes in Y blocks" after the label. */
static int parse_bytes_blocks(const char *p, long long *bytes, long long *blocks)
{
    while (*p == ' ')
        p++;
    const char *e;
    long long b = parse_grouped(p, &e);
    if (b < 0 || strncmp(e, " bytes in ", 10))
        return -1;
    long long k = parse_grouped(e + 10, &e);
    if (k < 0)
        return -1;
    *bytes = b;
    *blocks = k;
    return 0;
}

/* The line without valgrind's "==PID== " / "--PID-- " / "**PID** " prefix. */
static const char *strip_prefix(const char *line)
{
    char c = line[0];
    if ((c == '=' || c == '-' || c == '*') && line[1] == c) {
        const char *p = line + 2;
        while (isdigit((unsigned char)*p))
            p++;
        if (p[0] == c && p[1] == c)
            return p[2] == ' ' ? p + 3 : p + 2;
    }
    return line;
}

static void add_warning(struct strbuf *w, int *n, const char *text)
{
    if (w->buf && strstr(w->buf, text))
        return;
    if (*n >= 6)
        return;
    sb_printf(w, "%s%s", w->len ? "; " : "", text);
    (*n)++;
}

/* Short, address-free form of a warning line worth telling the reader. */
static void classify_warning(struct strbuf *w, int *n, const char *s)
{
    if (strstr(s, "set address range perms"))
        return; /* a large mmap (Go reserves its arenas): harmless */
    if (strstr(s, "client switching stacks?")) {
        add_warning(w, n, "client switching stacks (the runtime runs on stacks of its own)");
        return;
    }
    if (strstr(s, "Serious error when reading debug info")) {
        add_warning(w, n, "cannot read the library's debug info (DWARF form this valgrind "
                          "does not know)");
        return;
    }
    const char *k = strstr(s, "WARNING: ");
    if (!k)
        k = strstr(s, "Warning: ");
    if (!k)
        return;
    k += 9;
    size_t len = strcspn(k, "\n");
    const char *hex = strstr(k, " 0x");
    if (hex && (size_t)(hex - k) < len)
        len = (size_t)(hex - k);
    if (len > 80)
        len = 80;
    char *t = xstrndup(k, len);
    add_warning(w, n, t);
    free(t);
}

static int is_fatal(const char *s)
{
    static const char *const pat[] = {
        "the 'impossible' happened", "Process terminating with default action of signal",
        "Fatal error at startup", "unhandled instruction bytes", "Unrecognised instruction",
        "out of memory", "Valgrind cannot continue", "valgrind: m_"};
    for (size_t i = 0; i < ARRAY_LEN(pat); i++)
        if (strstr(s, pat[i]))
            return 1;
    return 0;
}

int vg_parse_log(const char *log, struct vg_report *r)
{
    memset(r, 0, sizeof *r);
    r->errors = -1;
    struct strbuf warn = {0}, fatal = {0};
    int nwarn = 0, nfatal = 0, valgrind_seen = 0;
    const char *p = log;
    while (p && *p) {
        size_t n = strcspn(p, "\n");
        char *line = xstrndup(p, n);
        p += n + (p[n] == '\n');
        const char *s = strip_prefix(line);
        valgrind_seen |= s != line;
        while (*s == ' ')
            s++;
        const char *v = strstr(s, "Using Valgrind-");
        if (v) {
            v += 15;
            size_t k = 0;
            while (k + 1 < sizeof r->version && (isdigit((unsigned char)v[k]) || v[k] == '.'))
                k++;
            memcpy(r->version, v, k);
            r->version[k] = '\0';
        } else if (!strncmp(s, "LEAK SUMMARY:", 13) ||
                   strstr(s, "All heap blocks were freed -- no leaks are possible")) {
            r->have_summary = 1;
        } else if (!strncmp(s, "definitely lost:", 16)) {
            parse_bytes_blocks(s + 16, &r->def_bytes, &r->def_blocks);
        } else if (!strncmp(s, "indirectly lost:", 16)) {
            parse_bytes_blocks(s + 16, &r->ind_bytes, &r->ind_blocks);
        } else if (!strncmp(s, "possibly lost:", 14)) {
            parse_bytes_blocks(s + 14, &r->pos_bytes, &r->pos_blocks);
        } else if (!strncmp(s, "still reachable:", 16)) {
            parse_bytes_blocks(s + 16, &r->reach_bytes, &r->reach_blocks);
        } else if (!strncmp(s, "ERROR SUMMARY:", 14)) {
            const char *e;
            r->errors = parse_grouped(s + 15, &e);
        } else if (is_fatal(s)) {
            /* The first two: e.g. the instruction valgrind could not
             * decode, then the signal the program died of. */
            if (nfatal++ < 2)
                sb_printf(&fatal, "%s%s", fatal.len ? "; " : "", s);
        } else {
            classify_warning(&warn, &nwarn, s);
        }
        free(line);
    }
    r->warnings = warn.len ? sb_detach(&warn) : NULL;
    r->fatal = fatal.len ? sb_detach(&fatal) : NULL;
    sb_free(&warn);
    sb_free(&fatal);
    return valgrind_seen ? 0 : -1;
}

void vg_report_free(struct vg_report *r)
{
    free(r->fatal);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

/* ---------------------------------------------------------------- gctrace */

/* "gc 3 @0.019s 1%: 0.1+0.2+0.01 ms clock, ..., 4->4->2 MB, 5 MB goal, ..."
 * (the format of Go 1.21 to 1.26, runtime/extern.go; older releases lack
 * "stacks" and "globals", which are not read). MB = heap >> 20. */
static int parse_gc_line(const char *s, struct gc_line *g)
{
    if (strncmp(s, "gc ", 3))
        return -1;
    char *e;
    long n = strtol(s + 3, &e, 10);
    if (e == s + 3 || strncmp(e, " @", 2))
        return -1;
    double t = strtod(e + 2, &e);
    if (*e != 's')
        return -1;
    /* The heap triple: the first "A->B->C MB". */
    const char *q = strstr(e, "->");
    while (q) {
        const char *a = q;
        while (a > s && isdigit((unsigned char)a[-1]))
            a--;
        /* "A->B->C MB" with strtoll, which reports overflow (sscanf's
         * %lld does not). */
        long long h[3];
        const char *c = a;
        int k = 0;
        for (; k < 3; k++) {
            char *end;
            errno = 0;
            h[k] = strtoll(c, &end, 10);
            if (end == c || errno || h[k] < 0)
                break;
            c = end;
            if (k < 2) {
                if (strncmp(c, "->", 2))
                    break;
                c += 2;
            }
        }
        if (a < q && k == 3 && !strncmp(c, " MB", 3)) {
            g->n = n;
            g->t_s = t;
            g->live_bytes = (double)h[2] * 1048576.0;
            return 0;
        }
        q = strstr(q + 2, "->");
    }
    return -1;
}

size_t go_parse_gctrace(const char *text, struct gc_line **out)
{
    size_t n = 0, cap = 0;
    struct gc_line *v = NULL;
    const char *p = text;
    while (p && *p) {
        size_t len = strcspn(p, "\n");
        char *line = xstrndup(p, len);
        p += len + (p[len] == '\n');
        struct gc_line g;
        if (parse_gc_line(line, &g) == 0) {
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                v = xrealloc(v, cap * sizeof *v);
            }
            v[n++] = g;
        }
        free(line);
    }
    *out = v;
    return n;
}

/* ---------------------------------------------------------------- helpers */

static void add(struct run_data *d, int variant, int proc, const char *metric, const char *unit,
                double value)
{
    rd_add_sample(d, variant, proc, SC, WL, TH, metric, unit, 0, value);
}

static void push_int(struct strlist *a, const char *opt, long v)
{
    sl_push(a, opt);
    sl_push_owned(a, xasprintf("%ld", v));
}

/* The measure argv of one fresh-mode cycle loop. */
static void cycle_argv(const struct variant *v, long cycles, long every, struct strlist *a)
{
    measure_argv(v, a);
    sl_push(a, "--scenario");
    sl_push(a, "cycle");
    sl_push(a, "--mode");
    sl_push(a, "fresh");
    push_int(a, "--cycles", cycles);
    push_int(a, "--sample-every", every < 1 ? 1 : every);
}

/* Last non-empty line of the child's stderr, or "". Caller frees. */
static char *last_err_line(const struct child_result *res)
{
    return child_err_tail(res, 1);
}

/* "256 KiB", "4 KiB", "1.5 MiB", "100 B". Caller frees. */
static char *human_bytes(double b)
{
    double a = fabs(b);
    if (a >= 1048576.0)
        return xasprintf("%.3g MiB", b / 1048576.0);
    if (a >= 1024.0)
        return xasprintf("%.3g KiB", b / 1024.0);
    return xasprintf("%.3g B", b);
}

/* ---------------------------------------------------------------- 1. valgrind */

static void valgrind_check(struct run_data *d, int variant, const struct variant *v,
                           const struct run_params *rp, int proc)
{
    long n = rp->leak_check_cycles > 0 ? rp->leak_check_cycles : 200;
    long cycles_run = n + 1; /* the warm-up cycle too */
    struct strlist argv = {0};
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

    sl_push(&argv, "valgrind");
    sl_push(&argv, "--tool=memcheck");
    sl_push(&argv, "--leak-check=full");
    sl_push(&argv, "--show-leak-kinds=definite,indirect");
    sl_push(&argv, "--errors-for-leak-kinds=none");
    sl_push_owned(&argv, xasprintf("--log-file=%s", logpath));
    cycle_argv(v, n, n / 10, &argv);
    /* Memcheck runs code ~20-50x slower, a Go runtime's start more. */
    double limit = rp->timeout_s > 0 ? 10.0 * rp->timeout_s + 1.0 * (double)n : 0;
    struct child_spec spec = {.argv = argv.v, .timeout_s = limit, .records = 1};
    child_run(&spec, &res);
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
    struct strbuf sb = {0};
    sb_printf(&sb, "valgrind %s memcheck, %ld cycles (%ld + warm-up): ran to the end",
              vr.version[0] ? vr.version : "?", cycles_run, n);
    if (vr.errors > 0)
        sb_printf(&sb, "; %lld memory errors", vr.errors);
    if (vr.warnings)
        sb_printf(&sb, "; warnings: %s", vr.warnings);
    if (v->impl && v->impl->lang && !strcmp(v->impl->lang, "go"))
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
}

/* ---------------------------------------------------------------- 2. Go heap */

/* Cycle index at which a collection at t seconds after the runtime started
 * happened. The runtime starts in the warm-up cycle; the timed batches'
 * cycle_us rows give the time each batch took. The pauses for resource
 * samples between batches are not in cycle_us, so the index is a few per
 * cent too high late in the loop (the slope as many per cent too low). */
static double cycle_at(double t, const double *batch_s, const long *batch_n, size_t nb)
{
    double done = 0, at = 0;
    for (size_t b = 0; b < nb; b++) {
        if (t <= at + batch_s[b]) {
            double frac = batch_s[b] > 0 ? (t - at) / batch_s[b] : 0;
            return done + (frac < 0 ? 0 : frac) * (double)batch_n[b];
        }
        at += batch_s[b];
        done += (double)batch_n[b];
    }
    return done;
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
    double *x = NULL, *y = NULL, *batch_s = NULL;
    long *batch_n = NULL;
    char *key = xasprintf("leak_check_go %s", v->name);
    char *note = NULL;

    /* The same loop as the cycle job (same cycles), with the collector
     * tracing. GOGC=1 makes it collect whenever the heap grew by 1 % (at
     * least every ~40 KiB instead of the default first goal of 4 MiB), so a
     * Go heap that grows shows up as a series of live-heap points instead of
     * no collection at all; it changes when the collector runs, not what is
     * live. */
    cycle_argv(v, n, every, &argv);
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

    /* Batch lengths from the cycle_us rows (rep = batch index). */
    size_t nb = (size_t)((n + every - 1) / every);
    batch_s = xcalloc(nb, sizeof *batch_s);
    batch_n = xcalloc(nb, sizeof *batch_n);
    for (size_t b = 0; b < nb; b++)
        batch_n[b] = (long)b + 1 < (long)nb ? every : n - (long)(nb - 1) * every;
    for (size_t i = 0; i < rows.ns; i++) {
        const struct sample *s = &rows.s[i];
        if (!strcmp(s->metric, "cycle_us") && s->rep >= 0 && (size_t)s->rep < nb)
            batch_s[s->rep] = s->value * (double)batch_n[s->rep] / 1e6;
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
        x[i] = cycle_at(gc[i].t_s, batch_s, batch_n, nb);
        y[i] = gc[i].live_bytes;
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
    free(batch_s);
    free(batch_n);
    rd_free(&rows);
    child_result_free(&res);
    sl_free(&argv);
}

/* ---------------------------------------------------------------- verdict */

/* The value of a variant's metric in the cycle scenario's fresh mode. */
static int get(const struct run_data *d, int variant, const char *metric, double *out)
{
    for (size_t i = 0; i < d->ns; i++) {
        const struct sample *s = &d->s[i];
        if (s->variant == variant && !strcmp(s->scenario, SC) && !strcmp(s->workload, WL) &&
            !strcmp(s->metric, metric)) {
            *out = s->value;
            return 1;
        }
    }
    return 0;
}

char *leak_verdict(const struct run_data *d, int variant)
{
    struct strbuf sb = {0};
    double vg_app = -1, vg_cycles = 0, def = 0, ind = 0, defk = 0, indk = 0;
    double rss = 0, lo = 0, hi = 0, goslope = 0, gogrowth = 0, gocount = 0;
    int have_vg = get(d, variant, "vg_applicable", &vg_app) && vg_app > 0 &&
                  get(d, variant, "vg_cycles", &vg_cycles) && vg_cycles > 0 &&
                  get(d, variant, "vg_definitely_lost_bytes", &def) &&
                  get(d, variant, "vg_indirect_lost_bytes", &ind);
    get(d, variant, "vg_definitely_lost_blocks", &defk);
    get(d, variant, "vg_indirect_lost_blocks", &indk);
    int have_rss = get(d, variant, "leak_bytes_per_cycle", &rss);
    int have_ci = have_rss && get(d, variant, "leak_ci_low", &lo) &&
                  get(d, variant, "leak_ci_high", &hi);
    int have_go = get(d, variant, "go_heap_bytes_per_cycle", &goslope);
    int have_gocount = get(d, variant, "go_gc_count", &gocount);
    get(d, variant, "go_heap_growth_bytes", &gogrowth);

    double lost = def + ind, lost_pc = have_vg ? lost / vg_cycles : 0;
    int vg_per_cycle = have_vg && lost > 0 && (defk + indk) >= VG_MIN_BLOCKS_PER_CYCLE * vg_cycles;
    int rss_grows = have_rss && rss >= RSS_MIN_BYTES && (!have_ci || lo > 0);
    int go_grows = have_go && goslope >= GO_MIN_BYTES && gogrowth >= GO_MIN_GROWTH_BYTES;

    /* The evidence, in one piece each. */
    struct strbuf vgs = {0}, rsss = {0}, gos = {0};
    if (have_vg && lost == 0) {
        sb_printf(&vgs, "valgrind 0 B lost in %.0f cycles", vg_cycles);
    } else if (have_vg && !vg_per_cycle) {
        sb_printf(&vgs, "valgrind %.0f B lost in %.0f blocks over %.0f cycles: once, not per "
                        "cycle",
                  lost, defk + indk, vg_cycles);
    } else if (have_vg) {
        sb_printf(&vgs, "valgrind definitely-lost %.0f B/cycle", def / vg_cycles);
        if (ind > 0)
            sb_printf(&vgs, " + indirectly %.0f B/cycle", ind / vg_cycles);
    } else if (vg_app == 0) {
        const char *why = NULL;
        if (variant >= 0 && (size_t)variant < d->nv) {
            char *k = xasprintf("leak_check %s", d->v[variant].name);
            why = rd_env(d, k);
            free(k);
        }
        sb_append(&vgs, why ? why : "valgrind not applicable");
    } else {
        sb_append(&vgs, "valgrind not run");
    }
    if (have_rss) {
        sb_printf(&rsss, "RSS slope %.1f B/cycle", rss);
        if (have_ci)
            sb_printf(&rsss, " (95 %% CI [%.1f, %.1f]%s)", lo, hi,
                      lo <= 0 && hi >= 0 ? ", includes 0" : "");
    } else {
        sb_append(&rsss, "RSS slope not measured (no fresh-mode cycle run)");
    }
    if (have_go)
        sb_printf(&gos, "Go heap slope %.0f B/cycle (gctrace, %.0f collections)", goslope,
                  gocount);
    else if (have_gocount)
        sb_printf(&gos, "Go heap: %.0f collection%s, no slope", gocount,
                  gocount == 1 ? "" : "s");

    char *hs = NULL;
    if (vg_per_cycle) {
        hs = human_bytes(lost_pc);
        sb_printf(&sb, "leaks ~%s per cycle: %s, %s", hs, vgs.buf, rsss.buf);
    } else if (go_grows) {
        hs = human_bytes(goslope);
        sb_printf(&sb, "Go heap grows ~%s per cycle: a leak in Go code, which valgrind cannot "
                       "see: %s, %s, %s",
                  hs, gos.buf, vgs.buf, rsss.buf);
    } else if (rss_grows) {
        hs = human_bytes(rss);
        if (have_vg)
            sb_printf(&sb, "RSS grows ~%s per cycle but valgrind finds no per-cycle loss: "
                           "allocator caching or a runtime heap, not a leak of the library: "
                           "%s, %s",
                      hs, rsss.buf, vgs.buf);
        else
            sb_printf(&sb, "RSS grows ~%s per cycle and valgrind could not tell why: %s, %s",
                      hs, rsss.buf, vgs.buf);
        if (gos.len)
            sb_printf(&sb, ", %s", gos.buf);
    } else if (have_vg || have_rss || have_go) {
        sb_printf(&sb, "no leak: %s, %s", vgs.buf ? vgs.buf : "", rsss.buf);
        if (have_rss && !(have_ci && lo <= 0 && hi >= 0))
            sb_printf(&sb, " below %.0f B/cycle", RSS_MIN_BYTES);
        if (gos.len)
            sb_printf(&sb, ", %s", gos.buf);
    } else {
        sb_printf(&sb, "not checked: %s, %s", vgs.buf ? vgs.buf : "", rsss.buf);
    }
    free(hs);
    sb_free(&vgs);
    sb_free(&rsss);
    sb_free(&gos);
    return sb_detach(&sb);
}

/* ---------------------------------------------------------------- job */

void run_leak_job(struct run_data *d, int variant, const struct variant *v,
                  const struct run_params *rp, int proc)
{
    valgrind_check(d, variant, v, rp, proc);
    if (child_stop_requested)
        return;
    if (v->impl && v->impl->lang && !strcmp(v->impl->lang, "go")) {
        go_heap_check(d, variant, v, rp, proc);
        if (child_stop_requested)
            return;
    }
    char *verdict = leak_verdict(d, variant);
    char *key = xasprintf("leak_verdict %s", v->name);
    rd_set_env(d, key, verdict);
    free(key);
    free(verdict);
}
