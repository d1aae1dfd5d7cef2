/* load.c - the load scenario: one dlopen of the library in this (fresh)
 * process. The parent spawns one process per repetition, so rep is 0.
 *
 * Rows (workload "" unless named, thread "main"):
 *   dlopen_us      dlopen(RTLD_NOW | RTLD_LOCAL) alone; dlsym is not in it
 *   first_call_us  (workload = what was called: "add", "hello", "noop")
 *                  the first call after dlopen, chosen like the cycle's
 *                  (cyclecall.h: add(2, 3) unless cycle_workload says
 *                  otherwise or the library has no add): a Go library
 *                  finishes starting its runtime here
 *   threads_named  (workload = a thread name) threads the library started
 *                  and that still run after the pause, by name
 *                  (/proc/self/task/<tid>/comm); a thread that was never
 *                  named carries the process's own name
 *   rss_delta_kb   VmRSS after - before
 *   threads_delta  threads after - before
 *   maps_delta     /proc/self/maps lines after - before
 * "before" is sampled just before dlopen, "after" after the first call
 * plus a fixed 20 ms pause (the same in --quick): runtimes start some
 * threads asynchronously (Go's sysmon and GC workers), and the pause lets
 * them appear in the count. Samples are outside both timed regions. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "measure/counters.h"
#include "measure/cyclecall.h"
#include "measure/libload.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "base/procinfo.h"
#include "base/util.h"

#define SETTLE_NS (20 * 1000000LL)

/* A thread name as a CSV cell: no comma, quote or control character. */
static char *cell(const char *s)
{
    char *c = xstrdup(*s ? s : "?");
    for (char *p = c; *p; p++)
        if (*p == ',' || *p == '"' || (unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '_';
    return c;
}

static size_t count_of(const struct strlist *l, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += !strcmp(l->v[i], name);
    return n;
}

/* One threads_named row per name: how many more threads of that name run
 * after than before (after is sorted: each name once). */
static void emit_thread_names(struct row_writer *w, const struct strlist *before,
                              const struct strlist *after)
{
    for (size_t j = 0; j < after->n; j++) {
        if (j > 0 && !strcmp(after->v[j], after->v[j - 1]))
            continue;
        size_t na = count_of(after, after->v[j]), nb = count_of(before, after->v[j]);
        if (na <= nb)
            continue;
        char *name = cell(after->v[j]);
        row_emit(w, name, "main", "threads_named", "count", 0, (double)(na - nb));
        free(name);
    }
}

int scenario_load(const struct measure_opts *o, struct row_writer *w)
{
    struct proc_sample before, after;
    struct strlist names_before = {0}, names_after = {0};
    struct bench_lib lib;
    memset(&lib, 0, sizeof lib);

    row_step(w, "dlopen");
    (void)proc_task_names(&names_before);
    proc_sample_take(&before, 0);
    int64_t t0 = now_ns();
    lib.handle = dlopen(o->lib, RTLD_NOW | RTLD_LOCAL);
    int64_t t1 = now_ns();
    if (!lib.handle) {
        db_error("cannot dlopen '%s': %s", o->lib, dlerror());
        sl_free(&names_before);
        return 1;
    }
    bench_lib_resolve(&lib, &o->symbols);

    int have_call = 0;
    int64_t t2 = 0, t3 = 0;
    char why[600] = "";
    enum cycle_call cc = cycle_call_choose(&o->symbols, &lib);
    if (cc != CC_NONE) {
        row_step(w, "%s", cycle_call_symbol(&o->symbols, cc));
        t2 = now_ns();
        have_call = cycle_call_do(&lib, &o->symbols, cc, 2, why, sizeof why) == 0 ? 1 : -1;
        t3 = now_ns();
    } else {
        db_note("skipping first_call_us: the library has no add nor noop (cycle_workload = "
                "none)");
    }
    sleep_ns(SETTLE_NS);
    proc_sample_take(&after, 0);
    (void)proc_task_names(&names_after);

    row_emit(w, "", "main", "dlopen_us", "us", 0, (double)(t1 - t0) / 1e3);
    if (have_call != 0) /* a wrong answer still took its time */
        row_emit(w, cycle_call_name(cc), "main", "first_call_us", "us", 0,
                 (double)(t3 - t2) / 1e3);
    if (before.rss_kb >= 0 && after.rss_kb >= 0)
        row_emit(w, "", "main", "rss_delta_kb", "KiB", 0, (double)(after.rss_kb - before.rss_kb));
    if (before.threads >= 0 && after.threads >= 0)
        row_emit(w, "", "main", "threads_delta", "count", 0, (double)(after.threads - before.threads));
    if (before.maps >= 0 && after.maps >= 0)
        row_emit(w, "", "main", "maps_delta", "count", 0, (double)(after.maps - before.maps));
    emit_thread_names(w, &names_before, &names_after);
    row_flush(w);
    sl_free(&names_before);
    sl_free(&names_after);
    if (have_call < 0) {
        db_error("%s", why);
        return 1;
    }
    return 0;
}

/* Under callgrind (counters.h): dlopen alone, then the first add(2, 3),
 * each one counted loop of length 1 on the calling thread. What a Go
 * library's runtime does on its own threads while starting is not in it. */
int count_load(const struct measure_opts *o, struct row_writer *w)
{
    struct bench_lib lib;
    memset(&lib, 0, sizeof lib);
    row_step(w, "dlopen");
    cg_loop_begin();
    lib.handle = dlopen(o->lib, RTLD_NOW | RTLD_LOCAL);
    cg_loop_end();
    cg_dump("instructions", "", "main", 1);
    if (!lib.handle) {
        db_error("cannot dlopen '%s': %s", o->lib, dlerror());
        return 1;
    }
    bench_lib_resolve(&lib, &o->symbols);
    if (!lib.add)
        return 0;
    add_fn f = lib.add;
    __asm__ volatile("" : "+r"(f));
    row_step(w, "%s", symbol_for(&o->symbols, WL_ADD));
    cg_loop_begin();
    int64_t got = f(2, 3);
    cg_loop_end();
    cg_dump("instructions", "add", "main", 1);
    if (got != 5) {
        db_error("%s(2, 3) returned %lld, expected 5", symbol_for(&o->symbols, WL_ADD),
                 (long long)got);
        return 1;
    }
    return 0;
}
