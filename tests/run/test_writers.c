/* test_writers.c - the run's output writers fed with fixed samples (no
 * measurement): summary.csv, results.csv, failures.csv and variants.csv
 * must match the golden files byte for byte (results.txt and results.json
 * are renderers of the run model: tests/formats).
 *
 * usage: test_writers GOLDEN_DIR [--update] */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/rundata.h"
#include "results/writers.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else
        failed++;
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
}

static void fixture(struct run_data *d)
{
    int c = rd_add_variant(d, "c@gcc", "c", "c", "gcc");
    int g = rd_add_variant(d, "go@go1.21.6", "go", "go", "go1.21.6");
    int b = rd_add_variant(d, "segv", "segv", "native", "");
    free(d->v[c].toolchain_version);
    d->v[c].toolchain_version = xstrdup("c gcc 12.2.0");
    free(d->v[g].toolchain_version);
    d->v[g].toolchain_version = xstrdup("go go1.26.8");
    d->v[g].asked_mismatch = xstrdup("toolchain: asked 'go1.21.6', library reports 'go go1.26.8'");
    d->v[c].ok = d->v[g].ok = 1;
    d->v[c].file_bytes = 15768;
    d->v[g].file_bytes = 1450000;
    free(d->v[c].build_id);
    d->v[c].build_id = xstrdup("38d563b7c0ffee0011223344556677889900aabb");
    free(d->v[c].exports);
    d->v[c].exports = xstrdup("noop add fib hello free info");
    d->baseline = c;
    rd_set_env(d, "cpu_model", "Test CPU @ 1.00GHz");
    rd_set_env(d, "sample_every", "100");
    sl_push(&d->env_warnings, "governor powersave (not performance)");

    /* call: 6 rounds of add from both threads, one process per round */
    static const double c_main[] = {3.01, 3.05, 2.98, 3.10, 3.02, 3.00};
    static const double c_pthr[] = {3.20, 3.22, 3.19, 3.25, 3.21, 3.18};
    static const double g_main[] = {91000, 90500, 92000, 91200, 150000, 90800};
    static const double g_pthr[] = {205, 210, 199, 202, 207, 204};
    for (int r = 0; r < 6; r++) {
        rd_add_sample(d, c, 2 * r, "call", "add", "main", "iterations", "count", 0, 3000000);
        rd_add_sample(d, c, 2 * r, "call", "add", "main", "ns_per_call", "ns", r, c_main[r]);
        rd_add_sample(d, c, 2 * r, "call", "add", "pthread", "iterations", "count", 0, 2800000);
        rd_add_sample(d, c, 2 * r, "call", "add", "pthread", "ns_per_call", "ns", r, c_pthr[r]);
        rd_add_sample(d, g, 2 * r + 1, "call", "add", "main", "iterations", "count", 0, 110);
        rd_add_sample(d, g, 2 * r + 1, "call", "add", "main", "ns_per_call", "ns", r, g_main[r]);
        rd_add_sample(d, g, 2 * r + 1, "call", "add", "pthread", "iterations", "count", 0, 48000);
        rd_add_sample(d, g, 2 * r + 1, "call", "add", "pthread", "ns_per_call", "ns", r,
                      g_pthr[r]);
        rd_add_sample(d, c, 2 * r, "call", "fib/30", "main", "iterations", "count", 0, 4);
        rd_add_sample(d, c, 2 * r, "call", "fib/30", "main", "ns_per_call", "ns", r,
                      2.5e6 + 1e4 * r);
    }
    /* call noop: 3 processes x 3 samples, levels apart (as on a shared VM) */
    static const double lvl[3] = {2.55, 3.05, 2.85};
    for (int pr = 0; pr < 3; pr++)
        for (int k = 0; k < 3; k++)
            rd_add_sample(d, c, 100 + pr, "call", "noop", "main", "ns_per_call", "ns", 3 * pr + k,
                          lvl[pr] + 0.05 * (k - 1));
    /* load: 3 processes each */
    for (int r = 0; r < 3; r++) {
        rd_add_sample(d, c, 20 + r, "load", "", "main", "dlopen_us", "us", r, 60 + r);
        rd_add_sample(d, c, 20 + r, "load", "add", "main", "first_call_us", "us", r, 0.1);
        rd_add_sample(d, g, 30 + r, "load", "", "main", "dlopen_us", "us", r, 400 + 10 * r);
        rd_add_sample(d, g, 30 + r, "load", "add", "main", "first_call_us", "us", r, 1800 - r);
        rd_add_sample(d, g, 30 + r, "load", "", "main", "threads_delta", "count", r, 5);
    }
    /* cycle: series and scalars */
    for (int k = 0; k < 4; k++) {
        rd_add_sample(d, c, 40, "cycle", "fresh", "main", "rss_kb", "KiB", k * 100, 1500 + k * 256);
        rd_add_sample(d, c, 40, "cycle", "fresh", "main", "cycle_us", "us", k, 68.5 + k);
    }
    rd_add_sample(d, c, 40, "cycle", "fresh", "main", "leak_bytes_per_cycle", "bytes", 0, 262144);
    rd_add_sample(d, c, 40, "cycle", "fresh", "main", "unloaded", "bool", 0, 1);
    rd_add_sample(d, g, 41, "cycle", "fresh", "main", "unloaded", "bool", 0, 0);
    /* size */
    rd_add_sample(d, c, 50, "size", "", "", "file_bytes", "bytes", 0, 15768);
    rd_add_sample(d, g, 51, "size", "", "", "file_bytes", "bytes", 0, 1450000);
    rd_add_sample(d, g, 51, "size", "", "", "nodelete", "bool", 0, 1);
    rd_add_failure(d, "segv", "verify", "killed by SIGSEGV",
                   "dlbench: error: \"quoted\", with comma\nsecond line");
    (void)b;
}

static int compare_golden(const char *dir, const char *name, const char *got, int update)
{
    char *path = xasprintf("%s/%s", dir, name);
    int ok;
    if (update) {
        ok = write_file_atomic(path, got, strlen(got)) == 0;
    } else {
        char *want = read_file(path, NULL, 1 << 24);
        ok = want && !strcmp(want, got);
        if (!ok)
            fprintf(stderr, "--- %s differs; got:\n%s\n", path, got);
        free(want);
    }
    free(path);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int update = argc > 2 && !strcmp(argv[2], "--update");
    struct run_data d = {0};
    fixture(&d);
    rd_summarize(&d);
    for (size_t i = 0; i < n_run_writers; i++) {
        if (!strcmp(run_writers[i].file, "env.txt"))
            continue;
        struct strbuf sb = {0};
        run_writers[i].write(&d, &sb);
        char *what = xasprintf("%s matches the golden file", run_writers[i].file);
        check(compare_golden(argv[1], run_writers[i].file, sb.buf ? sb.buf : "", update), what);
        free(what);
        sb_free(&sb);
    }
    /* Known statistics of the fixture (worked out by hand). */
    const struct result *gm = NULL, *gp = NULL;
    for (size_t i = 0; i < d.nr; i++) {
        if (!strcmp(d.r[i].metric, "ns_per_call") && !strcmp(d.r[i].workload, "add") &&
            d.r[i].variant == 1)
            *(strcmp(d.r[i].thread, "main") ? &gp : &gm) = &d.r[i];
    }
    check(gm && gm->s.n == 6 && gm->s.median == 91100, "go add main: n 6, median 91100");
    check(gm && gm->s.n_outliers == 1, "go add main: 150000 is the one outlier");
    check(gm && strstr(gm->warnings.buf, "cv ") && strstr(gm->warnings.buf, "governor powersave"),
          "go add main: warned for cv and governor");
    check(gm && strstr(gm->warnings.buf, "asked 'go1.21.6'"), "toolchain mismatch is a warning");
    check(gp && gp->s.median == 204.5, "go add pthread: median 204.5");
    check(gm && gm->n_procs == 6 && isnan(gm->cv_within_pct),
          "one sample per process: statistics over samples, no within-process cv");
    const struct result *cn = NULL;
    for (size_t i = 0; i < d.nr; i++)
        if (!strcmp(d.r[i].workload, "noop") && d.r[i].variant == 0)
            cn = &d.r[i];
    /* Worked by hand: each process's lower quartile of 3 samples (its
     * smallest: aggregate.h) 2.50, 3.00, 2.80 -> median 2.80, n 3;
     * each process is m-0.05, m, m+0.05: sd 0.05, cv 100*0.05/m =
     * 1.96078, 1.63934, 1.75439 -> mean 1.78484 %. */
    check(cn && cn->s.n == 3 && fabs(cn->s.median - 2.80) < 1e-12,
          "3 processes x 3 samples: statistics over the 3 processes' lower quartiles");
    check(cn && cn->n_procs == 3 && fabs(cn->cv_within_pct - 1.78484) < 1e-4,
          "within-process cv is the mean of the processes' cvs");
    check(gm && gm->ratio > 30000 && gm->ratio < 30300, "ratio to the baseline c@gcc");
    rd_free(&d);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
