/* load.c - the load scenario: one dlopen of the library in this (fresh)
 * process. The parent spawns one process per repetition, so rep is 0.
 *
 * Rows (workload "" unless named, thread "main"):
 *   dlopen_us      dlopen(RTLD_NOW | RTLD_LOCAL) alone; dlsym is not in it
 *   first_call_us  (workload "add") the first add(2, 3) after dlopen: a Go
 *                  library finishes starting its runtime here
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
#include <string.h>

#include "measure/counters.h"
#include "measure/libload.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "base/procinfo.h"
#include "base/util.h"

#define SETTLE_NS (20 * 1000000LL)

int scenario_load(const struct measure_opts *o, struct row_writer *w)
{
    struct proc_sample before, after;
    struct bench_lib lib;
    memset(&lib, 0, sizeof lib);

    row_step(w, "dlopen");
    proc_sample_take(&before, 0);
    int64_t t0 = now_ns();
    lib.handle = dlopen(o->lib, RTLD_NOW | RTLD_LOCAL);
    int64_t t1 = now_ns();
    if (!lib.handle) {
        db_error("cannot dlopen '%s': %s", o->lib, dlerror());
        return 1;
    }
    bench_lib_resolve(&lib, &o->symbols);

    int have_call = 0;
    int64_t t2 = 0, t3 = 0, got = 0;
    if (lib.add) {
        add_fn f = lib.add;
        __asm__ volatile("" : "+r"(f));
        row_step(w, "%s", symbol_for(&o->symbols, WL_ADD));
        t2 = now_ns();
        got = f(2, 3);
        t3 = now_ns();
        have_call = 1;
    } else {
        db_note("skipping first_call_us: symbol '%s' not found", symbol_for(&o->symbols, WL_ADD));
    }
    sleep_ns(SETTLE_NS);
    proc_sample_take(&after, 0);

    row_emit(w, "", "main", "dlopen_us", "us", 0, (double)(t1 - t0) / 1e3);
    if (have_call)
        row_emit(w, "add", "main", "first_call_us", "us", 0, (double)(t3 - t2) / 1e3);
    if (before.rss_kb >= 0 && after.rss_kb >= 0)
        row_emit(w, "", "main", "rss_delta_kb", "KiB", 0, (double)(after.rss_kb - before.rss_kb));
    if (before.threads >= 0 && after.threads >= 0)
        row_emit(w, "", "main", "threads_delta", "count", 0, (double)(after.threads - before.threads));
    if (before.maps >= 0 && after.maps >= 0)
        row_emit(w, "", "main", "maps_delta", "count", 0, (double)(after.maps - before.maps));
    row_flush(w);
    if (have_call && got != 5) {
        db_error("%s(2, 3) returned %lld, expected 5", symbol_for(&o->symbols, WL_ADD),
                 (long long)got);
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
