/* test_formats.c - results.json and results.txt, the formats other tools
 * read (report/formats.h), on fixed inputs against golden files:
 *   - the report fixtures tests/report/runs/{20250520-090000,20250601-101502}
 *     (no process column: every sample is its own unit);
 *   - a run folder written here from fixed samples with known processes
 *     (3 or 4 processes x 3 samples, gbench rows too), where benchstat's n
 *     and compare.py's repetitions must equal the number of processes.
 *
 * usage: test_formats SRC_DIR WORK_DIR   (SRC_DIR = tests)
 * UPDATE_GOLDEN=1 rewrites the goldens in tests/formats/golden (review
 * them with git diff). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "report/formats.h"
#include "results/rundata.h"
#include "results/writers.h"

#include "../check.h"

static const char *src, *work;

/* Renders format name of dir into a string (via a file in work). */
static char *render(const char *dir, const char *name)
{
    char err[1024] = "";
    char *out = xasprintf("%s/out.%s", work, name);
    int rc = report_generate(dir, 0, report_format_find(name), out, err, sizeof err);
    CHECK(rc == 0, "render %s of %s: %s", name, dir, err);
    char *text = rc == 0 ? read_file(out, NULL, 64 << 20) : NULL;
    free(out);
    return text ? text : xstrdup("");
}

static void golden(const char *name, const char *got)
{
    char *path = xasprintf("%s/formats/golden/%s", src, name);
    if (getenv("UPDATE_GOLDEN")) {
        CHECK(write_file_atomic(path, got, strlen(got)) == 0, "cannot write %s", path);
    } else {
        char *want = read_file(path, NULL, 64 << 20);
        CHECK(want && !strcmp(want, got), "%s differs from the golden file (UPDATE_GOLDEN=1 "
                                          "rewrites it; got %zu bytes)",
              path, strlen(got));
        free(want);
    }
    free(path);
}

/* ------------------------------------------------------------ fixtures */

static void report_fixtures(void)
{
    /* The older, smaller fixture against goldens; the larger one (seven
     * variants, every scenario) must render and hold what it measured. */
    char *dir = xasprintf("%s/report/runs/20250520-090000", src);
    char *txt = render(dir, "txt"), *json = render(dir, "json");
    golden("20250520-090000.results.txt", txt);
    golden("20250520-090000.results.json", json);
    free(txt);
    free(json);
    free(dir);
    dir = xasprintf("%s/report/runs/20250601-101502", src);
    txt = render(dir, "txt");
    json = render(dir, "json");
    CHECK(strstr(txt, "BenchmarkCall/impl=go/toolchain=go1.26.8/workload=add/thread=main/"
                      "engine=native 1 ") != NULL,
          "go@local's lines carry go1.26.8");
    CHECK(strstr(txt, "BenchmarkCycle/impl=leak256k/toolchain=1.0/mode=fresh ") != NULL,
          "a brought library: the version its info string reports");
    CHECK(strstr(json, "\"name\": \"process/once/rust@local/main/wall_ms\"") != NULL,
          "process wall_ms is a benchmark of results.json");
    CHECK(strstr(json, "file_bytes") == NULL, "sizes are not timings: not in results.json");
    free(txt);
    free(json);
    free(dir);
}

/* A run with known processes, written with the run's own writers. */
static char *procs_run(void)
{
    struct run_data d = {0};
    int c = rd_add_variant(&d, "c@gcc", "c", "c", "gcc");
    int g = rd_add_variant(&d, "go@local", "go", "go", "local");
    int g2 = rd_add_variant(&d, "go@go1.22.12", "go", "go", "go1.22.12");
    free(d.v[c].toolchain_version);
    d.v[c].toolchain_version = xstrdup("c gcc 12.2.0");
    free(d.v[g].toolchain_version);
    d.v[g].toolchain_version = xstrdup("go go1.26.8");
    free(d.v[g2].toolchain_version);
    d.v[g2].toolchain_version = xstrdup("go go1.22.12");
    d.v[c].ok = d.v[g].ok = d.v[g2].ok = 1;
    d.baseline = c;
    rd_set_env(&d, "cpu_model", "Test CPU @ 1.00GHz");
    rd_set_env(&d, "cpu_count", "2");
    rd_set_env(&d, "host", "testhost");
    rd_set_env(&d, "date", "2026-01-02T03:04:05Z");
    rd_set_env(&d, "loadavg", "0.50 0.25 0.10");
    rd_set_env(&d, "governor", "performance");
    rd_set_env(&d, "run_id", "20260102-030405");
    rd_set_env(&d, "engine", "both");
    /* call add main: 4 processes x 3 samples per variant, both engines */
    int proc = 0;
    const int vs[] = {c, g, g2};
    const double base[] = {3.0, 64.0, 91000};
    for (size_t v = 0; v < ARRAY_LEN(vs); v++) {
        for (int p = 0; p < 4; p++, proc++) {
            double lvl = base[v] * (1 + 0.02 * p);
            rd_add_sample(&d, vs[v], proc, "call", "add", "main", "iterations", "count", 0,
                          1e6 + 1000 * p);
            rd_add_sample(&d, vs[v], proc, "call", "add", "main", "gbench_iterations", "count",
                          0, 9e5 + 1000 * p);
            for (int k = 0; k < 3; k++) {
                rd_add_sample(&d, vs[v], proc, "call", "add", "main", "ns_per_call", "ns",
                              3 * p + k, lvl + 0.01 * base[v] * (k - 1));
                rd_add_sample(&d, vs[v], proc, "call", "add", "main", "gbench_ns_per_call", "ns",
                              3 * p + k, 1.25 * lvl + 0.01 * base[v] * (k - 1));
            }
        }
        /* load: 3 processes, one sample each */
        for (int p = 0; p < 3; p++, proc++) {
            rd_add_sample(&d, vs[v], proc, "load", "", "main", "dlopen_us", "us", p, 60 + 10 * p);
            rd_add_sample(&d, vs[v], proc, "load", "add", "main", "first_call_us", "us", p,
                          0.1 + p);
            rd_add_sample(&d, vs[v], proc, "load", "", "main", "rss_delta_kb", "KiB", p, 128);
        }
    }
    rd_summarize(&d);
    char *dir = xasprintf("%s/procs", work);
    mkdir_p(dir);
    for (size_t i = 0; i < n_run_writers; i++) {
        struct strbuf sb = {0};
        run_writers[i].write(&d, &sb);
        char *p = path_join(dir, run_writers[i].file);
        CHECK(write_file_atomic(p, sb.buf ? sb.buf : "", sb.len) == 0, "write %s", p);
        free(p);
        sb_free(&sb);
    }
    rd_free(&d);
    return dir;
}

static void per_process(void)
{
    char *dir = procs_run();
    char *txt = render(dir, "txt"), *json = render(dir, "json");
    golden("procs.results.txt", txt);
    golden("procs.results.json", json);
    /* benchstat's n = processes: one line per process. */
    int n = 0;
    for (const char *p = txt; (p = strstr(p, "BenchmarkCall/impl=c/toolchain=gcc-12.2.0/"
                                             "workload=add/thread=main/engine=native "));
         p++)
        n++;
    CHECK(n == 4, "c add native: one line per process (4), got %d", n);
    n = 0;
    for (const char *p = txt; (p = strstr(p, "/engine=gbench ")); p++)
        n++;
    CHECK(n == 12, "gbench: one line per process and variant (12), got %d", n);
    CHECK(strstr(txt, "BenchmarkCall/impl=c/toolchain=gcc-12.2.0/workload=add/thread=main/"
                      "engine=native 1000000 2.97 ns/op\n") != NULL,
          "the process's lower quartile (of 3: the smallest; results/aggregate.h) and its "
          "iterations: '... 1000000 2.97 ns/op'");
    CHECK(strstr(txt, "toolchain=local") == NULL && strstr(txt, "toolchain=go1.26.8") != NULL,
          "the real release, not 'local'");
    const char *a = strstr(txt, "toolchain=go1.22.12"), *b = strstr(txt, "toolchain=go1.26.8");
    CHECK(a && b && a < b, "releases in order (go1.22.12 first although listed second)");
    CHECK(strstr(txt, " dlopen-ns/op") && strstr(txt, " first-call-ns/op") &&
              strstr(txt, " rss-delta-B/op") && !strstr(txt, "-us ") && !strstr(txt, "_"),
          "benchunit units: dlopen-ns/op, first-call-ns/op, rss-delta-B/op");
    CHECK(strstr(txt, "BenchmarkLoad/impl=c/toolchain=gcc-12.2.0 1 60000 dlopen-ns/op 131072 "
                      "rss-delta-B/op\n") != NULL,
          "a load process's metrics share its line, in benchstat units");

    /* results.json: Google Benchmark's shape, repetitions = processes. */
    char err[256];
    const struct jansson *j = jx(err, sizeof err);
    CHECK(j != NULL, "jansson: %s", err);
    json_t *root = j ? j->loadb(json, strlen(json), 0, NULL) : NULL;
    CHECK(root != NULL, "results.json is JSON");
    const json_t *bs = root ? j->object_get(root, "benchmarks") : NULL;
    const json_t *ctx = root ? j->object_get(root, "context") : NULL;
    CHECK(json_is_array(bs) && json_is_object(ctx), "context and benchmarks");
    size_t iters = 0, aggs = 0;
    for (size_t i = 0; bs && i < j->array_size(bs); i++) {
        const json_t *e = j->array_get(bs, i);
        const char *name = j->string_value(j->object_get(e, "name"));
        const char *type = j->string_value(j->object_get(e, "run_type"));
        static const char *const keys[] = {"name", "run_name", "run_type", "repetitions",
                                           "iterations", "real_time", "cpu_time", "time_unit"};
        for (size_t k = 0; k < ARRAY_LEN(keys); k++)
            CHECK(j->object_get(e, keys[k]) != NULL, "%s has %s", name, keys[k]);
        if (name && !strcmp(name, "call/add/c@gcc/main/ns_per_call")) {
            iters++;
            CHECK(j->number_value(j->object_get(e, "repetitions")) == 4,
                  "call/add/c@gcc/main/ns_per_call: repetitions = 4 processes");
            CHECK(!strcmp(type, "iteration") && j->object_get(e, "repetition_index"),
                  "an iteration entry with repetition_index");
        }
        if (type && !strcmp(type, "aggregate") &&
            !strcmp(j->string_value(j->object_get(e, "run_name")),
                    "call/add/c@gcc/main/gbench_ns_per_call"))
            aggs++;
    }
    CHECK(iters == 4, "4 repetitions of call/add/c@gcc/main/ns_per_call, got %zu", iters);
    CHECK(aggs == 4, "mean, median, stddev and cv aggregates, got %zu", aggs);
    if (j)
        jx_decref(j, root);
    free(txt);
    free(json);
    free(dir);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_formats SRC_DIR WORK_DIR\n");
        return 2;
    }
    src = argv[1];
    work = argv[2];
    mkdir_p(work);
    report_fixtures();
    per_process();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
