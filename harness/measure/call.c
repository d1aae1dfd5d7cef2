/* call.c - the call scenario: per-call latency of each workload through
 * dlsym'd function pointers, Google Benchmark style.
 *
 * Per workload and thread: one untimed call (first-call cost belongs to
 * the load scenario), calibrate the iteration count by growing it until one
 * batch lasts min_time (x1.4 from a significant batch, x10 from a short
 * one, like google/benchmark's PredictNumItersNeeded; at most 1e9
 * iterations, at most a few seconds of calibration), warm up for
 * warmup_ms, then `repetitions` batches of `iters` calls, each timed with
 * CLOCK_MONOTONIC; value = elapsed / iters.
 *
 * Loop shape: every kernel is a counted loop around one indirect call.
 * The pointer and the arguments go through an empty asm that claims to
 * change them, so the compiler can neither know the callee (no inlining
 * or devirtualising of the floor function), nor hoist, fold or drop the
 * call; the results are summed into a value stored to a volatile sink.
 * "floor" is an in-harness empty function run by the noop kernel: the cost
 * of the instrument itself, to read the library's numbers against.
 *
 * The pair scenario runs the same kernels on two libraries loaded in one
 * process - the variant (--lib) and the baseline (--baseline-lib) - with
 * their batches alternating, so that what one process's placement does to
 * both cancels in their ratio. Per workload and thread: each side
 * calibrated and warmed up, then `repetitions` rounds of one batch each,
 * in the order VB, BV, VB, ... (a drift within a round hits both sides
 * alike on average); rows ns_per_call and baseline_ns_per_call (ns) per
 * round, rep = the round, and one row "ratio" (unit ratio, rep 0) = the
 * lower quartile of the variant's batches over the baseline's: each side's
 * call time under the per-process rule of results/aggregate.h
 * (interference only adds time), taken over the same seconds of the same
 * process. A ratio per round was tried and dropped: a neighbour sharing
 * the CPU disturbed more than half of the rounds of a 2 ms fib(30) pair in
 * some processes, and their medians swung between 1.4 and 3.8. floor is
 * not paired (it is the harness's own function on both sides).
 * Each side's calls are announced before they run, the baseline's as
 * "bench_add of the baseline 'name'" (--baseline-variant, else the file
 * name), so a baseline that ends the process is named, not the variant;
 * one #step record goes between the batches of a round, never inside one.
 *
 * Engines (--engine): "native" is the loop above (metric ns_per_call);
 * "gbench" hands the same dlsym'd pointers to Google Benchmark in the
 * module dlbench-gbench.so (gbench_abi.h), which writes gbench_ns_per_call
 * and gbench_iterations; "both" runs the native set, then the gbench set,
 * in the same process and thread. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/counters.h"
#include "measure/gbench.h"
#include "measure/libload.h"
#include "measure/pmu.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "base/util.h"

#define MAX_ITERS 1000000000ULL
/* Launders x: after this the compiler knows nothing of its value. */
#define LAUNDER(x) __asm__ volatile("" : "+r"(x))

/* noclone (gcc) stops a copy specialised for a constant pointer; clang
 * has no such pass and no such attribute. */
#if defined(__clang__)
#define KERNEL __attribute__((noinline))
#else
#define KERNEL __attribute__((noinline, noclone))
#endif

static volatile int64_t sink;

/* ---------------------------------------------------------------- kernels */

KERNEL static void floor_fn(void)
{
    __asm__ volatile("");
}

KERNEL static int64_t loop_noop(noop_fn f, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++) {
        LAUNDER(f);
        f();
    }
    return 0;
}

KERNEL static int64_t loop_add(add_fn f, uint64_t n)
{
    int64_t acc = 0, b = 1;
    for (uint64_t i = 0; i < n; i++) {
        LAUNDER(f);
        LAUNDER(b);
        acc += f((int64_t)i, b);
    }
    return acc;
}

KERNEL static int64_t loop_fib(fib_fn f, int32_t arg, uint64_t n)
{
    int64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        LAUNDER(f);
        LAUNDER(arg);
        acc += f(arg);
    }
    return acc;
}

KERNEL static int64_t loop_hello(hello_fn h, free_fn fr,
                                                             const char *name, uint64_t n)
{
    int64_t acc = 0;
    for (uint64_t i = 0; i < n; i++) {
        LAUNDER(h);
        LAUNDER(name);
        char *s = h(name);
        if (s) {
            acc += (unsigned char)s[0];
            LAUNDER(fr);
            fr(s);
        }
    }
    return acc;
}

/* free = "": the string is kept (leaked on purpose), never released. */
static void keep_str(char *s)
{
    (void)s;
}

/* ------------------------------------------------------------------ items */

enum item_kind { K_NOOP, K_ADD, K_FIB, K_HELLO, K_FLOOR };

struct item {
    enum item_kind kind;
    int fib_n;
    char name[16];             /* workload column: "noop", "fib/30", ... */
};

struct call_ctx {
    const struct measure_opts *o;
    struct row_writer *w;
    struct bench_lib lib;
    struct item items[32];
    int n_items;
    enum thread_kind thread;   /* which one is running */
    gbench_run_fn gbench;      /* the engine module's entry, when asked for */
    const char *of;            /* appended to step labels: "" for the library
                                * measured, " of the baseline 'x'" for the pair's
                                * baseline */
    int rc;
};

static int64_t run_item(const struct call_ctx *c, const struct item *it, uint64_t n)
{
    switch (it->kind) {
    case K_NOOP: return loop_noop(c->lib.noop, n);
    case K_FLOOR: return loop_noop(floor_fn, n);
    case K_ADD: return loop_add(c->lib.add, n);
    case K_FIB: return loop_fib(c->lib.fib, it->fib_n, n);
    case K_HELLO:
        return loop_hello(c->lib.hello, c->lib.free_how == FREE_NONE ? keep_str : c->lib.free_str,
                          "world", n);
    }
    return 0;
}

/* Elapsed ns of one batch of n calls. */
static int64_t time_batch(const struct call_ctx *c, const struct item *it, uint64_t n)
{
    int64_t t0 = now_ns();
    int64_t acc = run_item(c, it, n);
    int64_t t1 = now_ns();
    sink = acc;
    return t1 - t0;
}

static uint64_t calibrate(const struct call_ctx *c, const struct item *it, int64_t min_ns)
{
    const int64_t cap_ns = c->o->quick ? 1000000000LL : 3000000000LL;
    uint64_t iters = 1;
    int64_t start = now_ns();
    for (;;) {
        int64_t ns = time_batch(c, it, iters);
        /* A batch that reached min_time is timed once more and the faster
         * of the two counts: one preemption inside a short batch (10 calls
         * of 2 us stretched past 0.1 ms) must not end the calibration
         * with far too few iterations. */
        if (ns >= min_ns && iters < MAX_ITERS) {
            int64_t again = time_batch(c, it, iters);
            ns = again < ns ? again : ns;
        }
        if (ns >= min_ns || iters >= MAX_ITERS)
            break;
        if (now_ns() - start > cap_ns) {
            db_note("calibration of '%s' stopped at %llu iterations (time cap)", it->name,
                    (unsigned long long)iters);
            break;
        }
        double mult = (double)min_ns * 1.4 / (double)(ns > 0 ? ns : 1);
        if ((double)ns / (double)min_ns <= 0.1)
            mult = 10.0;
        double next = (double)iters * mult;
        uint64_t n = next >= (double)MAX_ITERS ? MAX_ITERS : (uint64_t)next;
        iters = n > iters ? n : iters + 1;
    }
    return iters;
}

/* The thread column of a row. */
static const char *thread_name(enum thread_kind t)
{
    return t == THREAD_PTHREAD ? "pthread" : "main";
}

/* Says on the data channel which function the next calls go to, so a
 * library that ends the process there is named. Never inside a timed loop. */
static void announce(const struct call_ctx *c, const struct item *it)
{
    const struct symbol_map *m = &c->o->symbols;
    const char *on = c->thread == THREAD_PTHREAD ? " on the pthread" : "";
    const char *of = c->of ? c->of : "";
    if (c->of)
        m = &c->o->baseline_symbols;
    switch (it->kind) {
    case K_NOOP: row_step(c->w, "%s%s%s", symbol_for(m, WL_NOOP), of, on); break;
    case K_FLOOR: row_step(c->w, "the floor loop%s", on); break;
    case K_ADD: row_step(c->w, "%s%s%s", symbol_for(m, WL_ADD), of, on); break;
    case K_FIB: row_step(c->w, "%s(%d)%s%s", symbol_for(m, WL_FIB), it->fib_n, of, on); break;
    case K_HELLO:
        row_step(c->w, "%s and %s%s%s", symbol_for(m, WL_HELLO),
                 bench_lib_free_name(&c->lib, m), of, on);
        break;
    }
}

static void measure_item(struct call_ctx *c, const struct item *it)
{
    const struct measure_opts *o = c->o;
    const char *tn = thread_name(c->thread);
    int64_t min_ns = (int64_t)(o->min_time_ms * 1e6);
    announce(c, it);
    uint64_t iters = calibrate(c, it, min_ns);

    int64_t warm_ns = (int64_t)(o->warmup_ms * 1e6);
    uint64_t chunk = iters / 10 ? iters / 10 : 1;
    for (int64_t t0 = now_ns(); warm_ns > 0 && now_ns() - t0 < warm_ns;)
        sink = run_item(c, it, chunk);

    row_emit(c->w, it->name, tn, "iterations", "count", 0, (double)iters);
    struct pmu pmu;
    pmu_open(&pmu, pmu_bits(o->counters));
    for (int r = 0; r < o->repetitions; r++) {
        uint64_t counts[PMU_MAX];
        pmu_start(&pmu);
        int64_t ns = time_batch(c, it, iters);
        pmu_stop(&pmu, counts);
        row_emit(c->w, it->name, tn, "ns_per_call", "ns", r, (double)ns / (double)iters);
        for (int k = 0; k < pmu.n; k++)
            row_emit(c->w, it->name, tn, pmu.metric[k], pmu.unit[k], r,
                     (double)counts[k] / (double)iters);
    }
    pmu_close(&pmu);
    row_flush(c->w);
}

static void run_gbench(struct call_ctx *c);

/* Runs the whole workload set in the calling thread. */
static void run_set(struct call_ctx *c)
{
    if (c->o->pin_cpu >= 0 && pin_to_cpu(c->o->pin_cpu) != 0)
        db_warn("cannot pin the %s thread to cpu %d: %s; measuring unpinned",
                thread_name(c->thread), c->o->pin_cpu, strerror(errno));
    /* One untimed call of everything first: lazy binding, a Go runtime
     * registering this thread, page faults - none of it is per-call cost. */
    for (int i = 0; i < c->n_items; i++) {
        announce(c, &c->items[i]);
        sink = run_item(c, &c->items[i], 1);
    }
    if (c->o->engine & ENGINE_NATIVE)
        for (int i = 0; i < c->n_items; i++)
            measure_item(c, &c->items[i]);
    if (c->o->engine & ENGINE_GBENCH)
        run_gbench(c);
    pin_check(c->o->pin_cpu, c->w, "", thread_name(c->thread));
}

static void *run_set_thread(void *arg)
{
    run_set(arg);
    return NULL;
}

/* ------------------------------------------------------------------ pair */

static struct call_ctx pair_base; /* the baseline's side of a pair */

static void warm_up(const struct call_ctx *c, const struct item *it, uint64_t iters)
{
    int64_t warm_ns = (int64_t)(c->o->warmup_ms * 1e6);
    uint64_t chunk = iters / 10 ? iters / 10 : 1;
    for (int64_t t0 = now_ns(); warm_ns > 0 && now_ns() - t0 < warm_ns;)
        sink = run_item(c, it, chunk);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The lower quartile of t[0..n) (sorted in place): index (n - 1) / 4, the
 * per-process rule of results/aggregate.h. */
static int64_t low_quartile(int64_t *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_i64);
    return t[(n - 1) / 4];
}

/* One paired workload: c is the variant's side, pair_base the baseline's
 * (same item index). */
static void pair_item(struct call_ctx *c, const struct item *it)
{
    const struct call_ctx *b = &pair_base;
    int64_t min_ns = (int64_t)(c->o->min_time_ms * 1e6);
    const char *tn = thread_name(c->thread);
    int reps = c->o->repetitions;
    int64_t *tv = xcalloc((size_t)reps, sizeof *tv), *tb = xcalloc((size_t)reps, sizeof *tb);
    announce(c, it);
    uint64_t nv = calibrate(c, it, min_ns);
    announce(b, it);
    uint64_t nb = calibrate(b, it, min_ns);
    warm_up(b, it, nb);
    announce(c, it);
    warm_up(c, it, nv);
    row_emit(c->w, it->name, tn, "iterations", "count", 0, (double)nv);
    for (int r = 0; r < reps; r++) {
        /* the side that ran last is announced already */
        if (r & 1) {
            tb[r] = time_batch(b, it, nb);
            announce(c, it);
            tv[r] = time_batch(c, it, nv);
        } else {
            if (r)
                announce(c, it);
            tv[r] = time_batch(c, it, nv);
            announce(b, it);
            tb[r] = time_batch(b, it, nb);
        }
        row_emit(c->w, it->name, tn, "ns_per_call", "ns", r, (double)tv[r] / (double)nv);
        row_emit(c->w, it->name, tn, "baseline_ns_per_call", "ns", r,
                 (double)tb[r] / (double)nb);
    }
    int64_t qv = low_quartile(tv, reps), qb = low_quartile(tb, reps);
    if (qv > 0 && qb > 0)
        row_emit(c->w, it->name, tn, "ratio", "ratio", 0,
                 ((double)qv / (double)nv) / ((double)qb / (double)nb));
    row_flush(c->w);
    free(tv);
    free(tb);
}

static void pair_set(struct call_ctx *c)
{
    if (c->o->pin_cpu >= 0 && pin_to_cpu(c->o->pin_cpu) != 0)
        db_warn("cannot pin the %s thread to cpu %d: %s; measuring unpinned",
                thread_name(c->thread), c->o->pin_cpu, strerror(errno));
    pair_base.thread = c->thread;
    for (int i = 0; i < c->n_items; i++) {
        announce(c, &c->items[i]);
        sink = run_item(c, &c->items[i], 1);
        announce(&pair_base, &c->items[i]);
        sink = run_item(&pair_base, &c->items[i], 1);
    }
    for (int i = 0; i < c->n_items; i++)
        pair_item(c, &c->items[i]);
    pin_check(c->o->pin_cpu, c->w, "", thread_name(c->thread));
}

static void *pair_set_thread(void *arg)
{
    pair_set(arg);
    return NULL;
}

/* ------------------------------------------------------------------ count */

/* About what one call of an item costs, in instructions: only to size the
 * counted loops (cg_loop_lengths). fib(n) makes about 1.618^n calls. */
static double cost_guess(const struct item *it)
{
    if (it->kind != K_FIB)
        return it->kind == K_HELLO ? 500 : 20;
    double c = 10;
    for (int i = 0; i < it->fib_n; i++)
        c *= 1.618;
    return c;
}

/* One counted loop: the same code for every length (counters.h). */
KERNEL static void count_loop(const struct call_ctx *c, const struct item *it, uint64_t n)
{
    cg_loop_begin();
    int64_t acc = run_item(c, it, n);
    cg_loop_end();
    sink = acc;
}

/* Under callgrind: each item once untimed, then two counted loops of
 * different lengths (counters.h). */
static void count_set(struct call_ctx *c)
{
    const char *tn = thread_name(c->thread);
    for (int i = 0; i < c->n_items; i++) {
        announce(c, &c->items[i]);
        sink = run_item(c, &c->items[i], 1);
    }
    for (int i = 0; i < c->n_items; i++) {
        const struct item *it = &c->items[i];
        uint64_t n[2];
        cg_loop_lengths(cost_guess(it), c->o->quick, &n[0], &n[1]);
        announce(c, it);
        for (int k = 0; k < 2; k++) {
            count_loop(c, it, n[k]);
            cg_dump("instructions_per_call", it->name, tn, n[k]);
        }
    }
}

static void *count_set_thread(void *arg)
{
    count_set(arg);
    return NULL;
}

/* ---------------------------------------------------------- gbench engine */

static const enum gbench_kind gb_kinds[] = {
    [K_NOOP] = GB_NOOP, [K_ADD] = GB_ADD, [K_FIB] = GB_FIB, [K_HELLO] = GB_HELLO,
    [K_FLOOR] = GB_FLOOR};

static void gb_step(void *ctx, const struct gbench_workload *w)
{
    const struct call_ctx *c = ctx;
    for (int i = 0; i < c->n_items; i++)
        if (!strcmp(c->items[i].name, w->name))
            announce(c, &c->items[i]);
}

static void gb_row(void *ctx, const struct gbench_workload *w, int rep, double ns_per_call,
                   double iterations)
{
    struct call_ctx *c = ctx;
    const char *tn = thread_name(c->thread);
    if (rep == 0)
        row_emit(c->w, w->name, tn, "gbench_iterations", "count", 0, iterations);
    row_emit(c->w, w->name, tn, "gbench_ns_per_call", "ns", rep, ns_per_call);
    row_flush(c->w);
}

/* The whole workload set under Google Benchmark, in the calling thread. */
static void run_gbench(struct call_ctx *c)
{
    struct gbench_workload w[ARRAY_LEN(c->items)];
    for (int i = 0; i < c->n_items; i++)
        w[i] = (struct gbench_workload){gb_kinds[c->items[i].kind], c->items[i].fib_n,
                                        c->items[i].name};
    struct gbench_request rq = {
        .abi = GBENCH_ABI_VERSION,
        .noop = c->lib.noop,
        .add = c->lib.add,
        .fib = c->lib.fib,
        .hello = c->lib.hello,
        .free_str = c->lib.free_str,
        .floor_fn = floor_fn,
        .w = w,
        .n_w = (size_t)c->n_items,
        .repetitions = c->o->repetitions,
        .min_time_s = c->o->min_time_ms / 1e3,
        .warmup_s = c->o->warmup_ms / 1e3,
        .step = gb_step,
        .row = gb_row,
        .ctx = c,
    };
    char err[1024] = "";
    if (c->gbench(&rq, err, sizeof err) != 0) {
        db_error("%s", err);
        c->rc = 1;
    }
}

/* ------------------------------------------------------------------ setup */

static void add_item(struct call_ctx *c, enum item_kind k, int fib_n, const char *name)
{
    if (c->n_items >= (int)ARRAY_LEN(c->items))
        return;
    struct item *it = &c->items[c->n_items++];
    it->kind = k;
    it->fib_n = fib_n;
    (void)snprintf(it->name, sizeof it->name, "%s", name);
}

/* 1 if the workload's symbol is there; otherwise says so on stderr. */
static int present(const struct call_ctx *c, const char *what, enum workload w)
{
    if (bench_lib_has(&c->lib, w))
        return 1;
    const char *sym = symbol_for(&c->o->symbols, w);
    if (!*sym)
        db_note("skipping '%s': %s", what,
                w == WL_FREE ? "free = \"\" (a timed loop would pile up the strings)"
                             : "not in the impl's workloads");
    else
        db_note("skipping '%s': symbol '%s' not found", what, sym);
    return 0;
}

static void build_items(struct call_ctx *c)
{
    const char *want = c->o->workload; /* NULL = all */
#define WANT(n) (!want || !strcmp(want, (n)))
    if (WANT("noop") && present(c, "noop", WL_NOOP))
        add_item(c, K_NOOP, 0, "noop");
    if (WANT("add") && present(c, "add", WL_ADD))
        add_item(c, K_ADD, 0, "add");
    if (want && !strncmp(want, "fib/", 4)) {
        if (present(c, want, WL_FIB))
            add_item(c, K_FIB, (int)strtol(want + 4, NULL, 10), want); /* checked by the parser */
    } else if (WANT("fib") && present(c, "fib", WL_FIB)) {
        for (int i = 0; i < c->o->n_fib; i++) {
            char name[16];
            (void)snprintf(name, sizeof name, "fib/%d", c->o->fib_args[i]);
            add_item(c, K_FIB, c->o->fib_args[i], name);
        }
    }
    if (WANT("hello") && present(c, "hello", WL_HELLO) && present(c, "hello", WL_FREE))
        add_item(c, K_HELLO, 0, "hello");
    if (WANT("floor"))
        add_item(c, K_FLOOR, 0, "floor");
#undef WANT
}

/* 1 if the baseline has the item's functions. */
static int base_has(const struct item *it)
{
    const struct bench_lib *l = &pair_base.lib;
    switch (it->kind) {
    case K_NOOP: return bench_lib_has(l, WL_NOOP);
    case K_ADD: return bench_lib_has(l, WL_ADD);
    case K_FIB: return bench_lib_has(l, WL_FIB);
    case K_HELLO: return bench_lib_has(l, WL_HELLO) && bench_lib_has(l, WL_FREE);
    case K_FLOOR: return 0; /* the harness's own function on both sides */
    }
    return 0;
}

/* The pair scenario: loads the baseline beside c's library and keeps the
 * items both sides have. 0, or 1 after the error. */
static int pair_open(struct call_ctx *c)
{
    char err[4096];
    memset(&pair_base, 0, sizeof pair_base);
    static char of[96];
    char *file = path_basename(c->o->baseline_lib);
    snprintf(of, sizeof of, " of the baseline '%s'",
             c->o->baseline_variant ? c->o->baseline_variant : file);
    free(file);
    pair_base.o = c->o;
    pair_base.w = c->w;
    pair_base.of = of;
    row_step(c->w, "dlopen%s", of);
    if (bench_lib_open(&pair_base.lib, c->o->baseline_lib, RTLD_NOW | RTLD_LOCAL,
                       &c->o->baseline_symbols, err, sizeof err) != 0) {
        db_error("%s", err);
        return 1;
    }
    int n = 0;
    for (int i = 0; i < c->n_items; i++) {
        if (base_has(&c->items[i]))
            c->items[n++] = c->items[i];
        else if (c->items[i].kind != K_FLOOR)
            db_note("not paired: '%s' (the baseline lacks it)", c->items[i].name);
    }
    c->n_items = n;
    return 0;
}

/* Opens the library and runs set (measuring or counting) on the threads
 * asked for. */
static int call_threads(const struct measure_opts *o, struct row_writer *w,
                        void (*set)(struct call_ctx *), void *(*set_thread)(void *),
                        int pair)
{
    static struct call_ctx c; /* large; static keeps it off the stack */
    char err[4096];
    memset(&c, 0, sizeof c);
    c.o = o;
    c.w = w;
    if ((o->engine & ENGINE_GBENCH) && !(c.gbench = gbench_load(err, sizeof err))) {
        db_error("%s", err);
        return 1;
    }
    row_step(w, "dlopen");
    if (bench_lib_open(&c.lib, o->lib, RTLD_NOW | RTLD_LOCAL, &o->symbols, err, sizeof err) != 0) {
        db_error("%s", err);
        return 1;
    }
    build_items(&c);
    if (pair && pair_open(&c) != 0)
        return 1;
    if (o->thread & THREAD_MAIN) {
        c.thread = THREAD_MAIN;
        set(&c);
    }
    if (o->thread & THREAD_PTHREAD) {
        /* A freshly created thread: the whole set runs in it. */
        pthread_t t;
        c.thread = THREAD_PTHREAD;
        int e = pthread_create(&t, NULL, set_thread, &c);
        if (e != 0) {
            db_error("cannot create the measuring thread: %s", strerror(e));
            return 1;
        }
        pthread_join(t, NULL);
    }
    /* No dlclose: a Go runtime cannot be unloaded, and the process ends. */
    return c.rc;
}

int scenario_call(const struct measure_opts *o, struct row_writer *w)
{
    return call_threads(o, w, run_set, run_set_thread, 0);
}

int scenario_pair(const struct measure_opts *o, struct row_writer *w)
{
    return call_threads(o, w, pair_set, pair_set_thread, 1);
}

int count_call(const struct measure_opts *o, struct row_writer *w)
{
    return call_threads(o, w, count_set, count_set_thread, 0);
}
