/* test_plot.c - tests of plot_run (charts of the fixture run folder) and
 * process_cold_start (hyperfine).
 *
 * usage: test_plot PART FIXTURE_DIR DLBENCH_EXE TINYLIB
 *   PART: charts | toolchains | nocycle | cli | json | process | trust
 * Prints one line per check and "N passed, M failed" last; exits 1 on a
 * failure. Parts needing gnuplot or hyperfine say "skipped" without them. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/child.h"
#include "report/plot.h"
#include "results/runmodel.h"
#include "run/process.h"
#include "base/util.h"

#include "../check.h"

static const char *const all_charts[] = {"call_latency", "load", "cycle_rss", "cycle_cost",
                                         "size", "toolchains", "process"};
static const char *const ok_variants[] = {"c@gcc", "c@clang", "go@local", "go@go1.21.6",
                                          "rust@local", "leak256k"};

static int have_tool(const char *prog)
{
    const char *path = getenv("PATH");
    struct strlist dirs = {0};
    sl_split(&dirs, path ? path : "", ":");
    int found = 0;
    for (size_t i = 0; i < dirs.n && !found; i++) {
        char *p = path_join(dirs.v[i], prog);
        found = access(p, X_OK) == 0;
        free(p);
    }
    sl_free(&dirs);
    return found;
}

/* Copies the fixture folder into a new temporary folder, dropping lines
 * of the CSV files for which drop(line) is true. Caller frees. */
static char *copy_fixture(const char *src, int (*drop)(const char *line))
{
    char tmpl[] = "/tmp/dlbench-plot-test-XXXXXX";
    if (!mkdtemp(tmpl))
        return NULL;
    DIR *d = opendir(src);
    if (!d)
        return NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *from = path_join(src, e->d_name), *to = path_join(tmpl, e->d_name);
        size_t len;
        char *text = read_file(from, &len, (size_t)64 << 20);
        if (text) {
            struct strbuf out = {0};
            for (char *line = text, *nl; *line; line = nl + 1) {
                nl = strchr(line, '\n');
                if (!nl)
                    nl = line + strlen(line) - 1;
                size_t n = (size_t)(nl - line) + 1;
                char *l = xstrndup(line, n);
                if (!drop || line == text || !drop(l))
                    sb_append(&out, l);
                free(l);
                if (!nl[1])
                    break;
            }
            write_file_atomic(to, out.buf ? out.buf : "", out.len);
            sb_free(&out);
            free(text);
        }
        free(from);
        free(to);
    }
    closedir(d);
    return xstrdup(tmpl);
}

static void remove_tree(const char *dir)
{
    char *argv[] = {"rm", "-rf", (char *)dir, NULL};
    struct child_spec spec = {.argv = argv, .timeout_s = 30};
    struct child_result res;
    memset(&res, 0, sizeof res);
    child_run(&spec, &res);
    child_result_free(&res);
}

static char *chart_path(const char *run, const char *name, const char *ext)
{
    return xasprintf("%s/charts/%s.%s", run, name, ext);
}

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* PNG signature, an IHDR chunk first, 1200x700. */
static void check_png(const char *run, const char *name)
{
    char *p = chart_path(run, name, "png");
    size_t len = 0;
    unsigned char *b = (unsigned char *)read_file(p, &len, (size_t)16 << 20);
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    CHECK(b && len > 1000, "'%s' exists and is not tiny (%zu bytes)", p, len);
    if (b && len >= 24) {
        CHECK(memcmp(b, sig, 8) == 0, "'%s' has the PNG signature", p);
        CHECK(memcmp(b + 12, "IHDR", 4) == 0, "'%s' starts with IHDR", p);
        CHECK(be32(b + 16) == 1200 && be32(b + 20) == 700, "'%s' is 1200x700, not %ux%u", p,
              be32(b + 16), be32(b + 20));
    }
    free(b);
    free(p);
}

static char *read_svg(const char *run, const char *name)
{
    char *p = chart_path(run, name, "svg");
    size_t len = 0;
    char *t = read_file(p, &len, (size_t)16 << 20);
    CHECK(t && len > 1000 && strstr(t, "<svg") && strstr(t, "</svg>"),
          "'%s' is a complete SVG", p);
    free(p);
    return t;
}

static void check_svg_has(const char *svg, const char *name, const char *what)
{
    CHECK(svg && strstr(svg, what), "chart '%s' mentions '%s'", name, what);
}

static int exists(const char *run, const char *name, const char *ext)
{
    char *p = chart_path(run, name, ext);
    int r = access(p, F_OK) == 0;
    free(p);
    return r;
}

/* No temporary folder or file left in charts/. */
static void check_tidy(const char *run)
{
    char *dir = xasprintf("%s/charts", run);
    DIR *d = opendir(dir);
    int stray = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            !strstr(e->d_name, ".png") && !strstr(e->d_name, ".svg"))
            stray++;
    if (d)
        closedir(d);
    CHECK(stray == 0, "'%s' holds only charts (%d other entries)", dir, stray);
    free(dir);
}

/* ------------------------------------------------------------ parts */

static void part_charts(const char *fixture)
{
    char *run = copy_fixture(fixture, NULL);
    char err[4096];
    int rc = plot_run(run, err, sizeof err);
    CHECK(rc == PLOT_OK, "plot_run on the fixture returns 0 (got %d: %s)", rc, err);
    for (size_t i = 0; i < ARRAY_LEN(all_charts); i++) {
        check_png(run, all_charts[i]);
        char *svg = read_svg(run, all_charts[i]);
        if (strcmp(all_charts[i], "toolchains") == 0) {
            for (size_t v = 0; v < 4; v++)
                check_svg_has(svg, all_charts[i], ok_variants[v]);
        } else {
            for (size_t v = 0; v < ARRAY_LEN(ok_variants); v++)
                check_svg_has(svg, all_charts[i], ok_variants[v]);
        }
        CHECK(svg && !strstr(svg, "segv"), "chart '%s' leaves out the failed variant",
              all_charts[i]);
        if (!strcmp(all_charts[i], "call_latency")) {
            check_svg_has(svg, all_charts[i], "harness floor (");
            check_svg_has(svg, all_charts[i], "pthread");
            check_svg_has(svg, all_charts[i], "fib/30");
        }
        if (!strcmp(all_charts[i], "cycle_rss")) {
            check_svg_has(svg, all_charts[i],
                          "leak256k fresh: RSS leak +256 KiB/cycle, stays loaded");
            check_svg_has(svg, all_charts[i], "c@gcc fresh: RSS leak +11.8 B/cycle, unloaded");
        }
        free(svg);
    }
    check_tidy(run);
    {
        /* an RSS chart's legend gives the RSS row's number, not the memory
         * row's when that came from valgrind (popenload: +256 B/cycle still
         * reachable beside an RSS slope of 312 B/cycle) */
        static const char rows[] =
            "variant,topic,verdict,value,unit,detail,limit,other\n"
            "c@gcc,memory/valgrind_reachable,leak,256,bytes,valgrind,0.0555556,\n"
            "c@gcc,memory/rss,leak,311.628,bytes,RSS,15.1704,\n"
            "c@gcc,memory,leak,256,bytes,from valgrind still reachable,0.0555556,\n"
            "c@gcc,pinned/memory/rss,no-leak,0,bytes,RSS,15.1704,\n"
            "c@gcc,pinned/memory,no-leak,0,bytes,RSS,15.1704,\n";
        char *fp = path_join(run, "findings.csv");
        write_file_atomic(fp, rows, sizeof rows - 1);
        free(fp);
        rc = plot_run(run, err, sizeof err);
        char *svg = read_svg(run, "cycle_rss");
        check_svg_has(svg, "cycle_rss", "c@gcc fresh: RSS leak +312 B/cycle");
        check_svg_has(svg, "cycle_rss", "c@gcc pinned: no RSS leak");
        CHECK(rc == PLOT_OK && svg && !strstr(svg, "+256 B/cycle"),
              "cycle_rss legend: no valgrind number on the RSS chart");
        free(svg);
    }
    /* Plotting again replaces the files. */
    rc = plot_run(run, err, sizeof err);
    CHECK(rc == PLOT_OK, "plot_run twice returns 0 (got %d: %s)", rc, err);
    check_tidy(run);
    remove_tree(run);
    free(run);
}

/* One toolchain per impl: drop c@clang and go@local. */
static int drop_second_toolchains(const char *line)
{
    return !strncmp(line, "c@clang,", 8) || !strncmp(line, "go@local,", 9);
}

static void part_toolchains(const char *fixture)
{
    char *run = copy_fixture(fixture, NULL);
    char err[4096];
    int rc = plot_run(run, err, sizeof err);
    CHECK(rc == PLOT_OK && exists(run, "toolchains", "png"),
          "the fixture (two Go toolchains) has a toolchains chart (%d: %s)", rc, err);
    char *one = copy_fixture(fixture, drop_second_toolchains);
    rc = plot_run(one, err, sizeof err);
    CHECK(rc == PLOT_OK, "plot_run with one toolchain per impl returns 0 (%d: %s)", rc, err);
    CHECK(!exists(one, "toolchains", "png") && !exists(one, "toolchains", "svg"),
          "no toolchains chart with one toolchain per impl");
    CHECK(exists(one, "call_latency", "png") && exists(one, "process", "svg"),
          "the other charts are there");
    /* A stale toolchains chart of an earlier plot goes away. */
    remove_tree(one);
    free(one);
    one = copy_fixture(fixture, drop_second_toolchains);
    char *charts = xasprintf("%s/charts", one);
    mkdir(charts, 0755);
    char *from = xasprintf("%s/charts/toolchains.png", run);
    char *to = xasprintf("%s/toolchains.png", charts);
    size_t len;
    char *png = read_file(from, &len, (size_t)16 << 20);
    if (png)
        write_file_atomic(to, png, len);
    rc = plot_run(one, err, sizeof err);
    CHECK(rc == PLOT_OK && !exists(one, "toolchains", "png"),
          "a stale toolchains chart is removed");
    free(png);
    free(from);
    free(to);
    free(charts);
    remove_tree(one);
    free(one);
    remove_tree(run);
    free(run);
}

static int drop_cycle(const char *line)
{
    return strstr(line, ",cycle,") != NULL;
}

static void part_nocycle(const char *fixture)
{
    char *run = copy_fixture(fixture, drop_cycle);
    char err[4096];
    int rc = plot_run(run, err, sizeof err);
    CHECK(rc == PLOT_OK, "plot_run without cycle data returns 0 (%d: %s)", rc, err);
    CHECK(!exists(run, "cycle_rss", "png") && !exists(run, "cycle_cost", "png"),
          "no cycle charts without cycle data");
    for (size_t i = 0; i < ARRAY_LEN(all_charts); i++) {
        if (strncmp(all_charts[i], "cycle", 5) == 0)
            continue;
        check_png(run, all_charts[i]);
    }
    check_tidy(run);
    remove_tree(run);
    free(run);

    /* Without results.csv: the summary charts still come out. */
    run = copy_fixture(fixture, NULL);
    char *res = xasprintf("%s/results.csv", run);
    unlink(res);
    free(res);
    rc = plot_run(run, err, sizeof err);
    CHECK(rc == PLOT_OK && exists(run, "load", "png") && !exists(run, "cycle_rss", "png"),
          "without results.csv: no cycle_rss, the rest drawn (%d: %s)", rc, err);
    remove_tree(run);
    free(run);
}

/* ------------------------------------------------------------ trust */

static int drop_c(const char *line)
{
    return !strncmp(line, "c@", 2);
}

/* The colour of variant name in the run folder dir; 1 << 24 if absent. */
static unsigned color_of(const char *dir, const char *name)
{
    struct run_model m;
    char err[512];
    unsigned col = 1u << 24;
    if (run_model_read(&m, dir, RM_NEED_SUMMARY | RM_NEED_VARIANTS, err, sizeof err) == 0) {
        int i = rm_variant_index(&m, name);
        if (i >= 0)
            col = plot_variant_color(&m, (size_t)i);
    }
    run_model_free(&m);
    return col;
}

/* Replaces the first occurrence of from with to in dir/file. */
static void edit_file(const char *dir, const char *file, const char *from, const char *to)
{
    char *p = path_join(dir, file);
    size_t len;
    char *t = read_file(p, &len, (size_t)16 << 20);
    char *hit = t ? strstr(t, from) : NULL;
    CHECK(hit != NULL, "'%s' holds '%s'", p, from);
    if (hit) {
        struct strbuf sb = {0};
        sb_appendn(&sb, t, (size_t)(hit - t));
        sb_append(&sb, to);
        sb_append(&sb, hit + strlen(from));
        write_file_atomic(p, sb.buf, sb.len);
        sb_free(&sb);
    }
    free(t);
    free(p);
}

/* What a reviewer trusts at a glance: a variant's colour does not depend on
 * which other variants are in the run, the toolchains chart is relative to
 * the run's baseline, cycle_cost never says a library that stays loaded
 * was unloaded, the process chart shows CPU time that was measured. */
static void part_trust(const char *fixture)
{
    static const char *const names[] = {"c@gcc", "go@go1.21.6", "rust@local", "leak256k"};
    char *all = copy_fixture(fixture, NULL), *fewer = copy_fixture(fixture, drop_second_toolchains),
         *no_c = copy_fixture(fixture, drop_c);
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        unsigned a = color_of(all, names[i]), b = color_of(fewer, names[i]);
        CHECK(a < (1u << 24) && a == b, "%s: the same colour with and without c@clang and "
              "go@local (#%06X, #%06X)", names[i], a, b);
        if (strncmp(names[i], "c@", 2)) {
            unsigned c = color_of(no_c, names[i]);
            CHECK(a == c, "%s: the same colour without the C variants (#%06X, #%06X)", names[i],
                  a, c);
        }
    }
    CHECK(color_of(all, "c@gcc") != color_of(all, "c@clang"),
          "two toolchains of one impl get two shades");
    CHECK(color_of(all, "c@gcc") == 0x0072B2 && color_of(all, "rust@local") == 0xD55E00,
          "the first impl is blue, the third vermillion (#%06X, #%06X)",
          color_of(all, "c@gcc"), color_of(all, "rust@local"));

    char err[4096];
    int rc = plot_run(all, err, sizeof err);
    CHECK(rc == PLOT_OK, "plot_run on the fixture returns 0 (%d: %s)", rc, err);
    char *svg = read_svg(all, "toolchains");
    check_svg_has(svg, "toolchains", "c@gcc (gcc 12.2.0, baseline = 1\xc3\x97)");
    check_svg_has(svg, "toolchains", "c@clang (clang 14.0.6)");
    check_svg_has(svg, "toolchains", "go@local (go1.26.8, reference = 1\xc3\x97)");
    CHECK(svg && !strstr(svg, "c@clang (clang 14.0.6, "), "c@clang is not the reference");
    free(svg);
    svg = read_svg(all, "cycle_cost");
    check_svg_has(svg, "cycle_cost", "go@local (never unloaded: DF_1_NODELETE)");
    check_svg_has(svg, "cycle_cost", "leak256k (stayed loaded)");
    check_svg_has(svg, "cycle_cost", "c@gcc (unloaded)");
    CHECK(svg && !strstr(svg, "library unloaded between cycles"),
          "cycle_cost does not say every library was unloaded");
    free(svg);
    svg = read_svg(all, "process");
    check_svg_has(svg, "process", "CPU time, user + system");
    CHECK(svg && !strstr(svg, "system CPU"), "no system-CPU-alone bars (a tick-based split)");
    free(svg);

    /* Another baseline: the toolchains chart follows it. */
    char *other = copy_fixture(fixture, NULL);
    edit_file(other, "variants.csv", ",ok,1,0,0\n", ",ok,0,0,0\n");
    edit_file(other, "variants.csv", ",ok,0,0,1\n", ",ok,1,0,1\n");
    rc = plot_run(other, err, sizeof err);
    CHECK(rc == PLOT_OK, "plot_run with baseline c@clang returns 0 (%d: %s)", rc, err);
    svg = read_svg(other, "toolchains");
    check_svg_has(svg, "toolchains", "c@clang (clang 14.0.6, baseline = 1\xc3\x97)");
    CHECK(svg && !strstr(svg, "c@gcc (gcc 12.2.0, "), "c@gcc is not the reference then");
    free(svg);
    CHECK(color_of(other, "c@clang") == color_of(all, "c@clang"),
          "the baseline does not change a colour");

    char *dirs[] = {all, fewer, no_c, other};
    for (size_t i = 0; i < ARRAY_LEN(dirs); i++) {
        remove_tree(dirs[i]);
        free(dirs[i]);
    }
}

static int run_cmd(char **argv, const char *path_env, struct child_result *res)
{
    char *envp[2] = {NULL, NULL};
    char *pe = path_env ? xasprintf("PATH=%s", path_env) : NULL;
    envp[0] = pe;
    struct child_spec spec = {.argv = argv, .timeout_s = 120, .env_add = pe ? envp : NULL};
    memset(res, 0, sizeof *res);
    int rc = child_run(&spec, res);
    free(pe);
    return rc;
}

static void part_cli(const char *fixture, const char *exe)
{
    struct child_result res;
    char *a1[] = {(char *)exe, "plot", "/nonexistent/run", NULL};
    run_cmd(a1, NULL, &res);
    CHECK(res.outcome == CHILD_EXIT && res.exit_code == 2, "plot of a missing folder exits 2");
    CHECK(res.err && strstr(res.err, "dlbench: error: '/nonexistent/run' is not a run folder"),
          "and says so: %s", res.err ? res.err : "");
    child_result_free(&res);

    char *a2[] = {(char *)exe, "plot", "--help", NULL};
    run_cmd(a2, NULL, &res);
    CHECK(res.outcome == CHILD_OK && res.out && strstr(res.out, "usage: dlbench plot"),
          "plot --help prints the usage");
    child_result_free(&res);

    char *a3[] = {(char *)exe, "plot", NULL};
    run_cmd(a3, NULL, &res);
    CHECK(res.outcome == CHILD_EXIT && res.exit_code == 2, "plot without a folder exits 2");
    child_result_free(&res);

    char *run = copy_fixture(fixture, NULL);
    char *a4[] = {(char *)exe, "plot", run, NULL};
    run_cmd(a4, NULL, &res);
    CHECK(res.outcome == CHILD_OK, "dlbench plot on the fixture exits 0 (%s)",
          res.err ? res.err : "");
    CHECK(res.err && strstr(res.err, "variant 'segv' failed"),
          "the failed variant is named on stderr");
    CHECK(exists(run, "call_latency", "svg"), "dlbench plot wrote the charts");
    child_result_free(&res);
    remove_tree(run);
    free(run);

    /* A summary.csv that is not CSV: exit 2. */
    run = copy_fixture(fixture, NULL);
    char *sp = xasprintf("%s/summary.csv", run);
    write_file_atomic(sp, "variant,scenario\n\"unterminated\n", 30);
    char *a5[] = {(char *)exe, "plot", run, NULL};
    run_cmd(a5, NULL, &res);
    CHECK(res.outcome == CHILD_EXIT && res.exit_code == 2, "a broken summary.csv exits 2");
    child_result_free(&res);
    free(sp);
    remove_tree(run);
    free(run);

    /* Without gnuplot: a warning, exit 0, no charts. */
    run = copy_fixture(fixture, NULL);
    char *old = xstrdup(getenv("PATH") ? getenv("PATH") : "");
    setenv("PATH", "/nonexistent", 1);
    char err[512];
    int rc = plot_run(run, err, sizeof err);
    setenv("PATH", old, 1);
    CHECK(rc == PLOT_NO_GNUPLOT, "plot_run without gnuplot returns PLOT_NO_GNUPLOT (%d)", rc);
    CHECK(!exists(run, "load", "png"), "and draws nothing");
    free(old);
    remove_tree(run);
    free(run);
}

static void part_json(void)
{
    struct hyperfine_result r;
    char err[256];
    const char *good =
        "{\"results\": [ {\"command\": \"a \\\"b\\\" \\u00e9\", \"mean\": 0.0012,"
        " \"stddev\": null, \"user\": 5e-4, \"system\": 0.0003, \"times\": [0.001, 0.0014,"
        " 1.2E-3], \"exit_codes\": [0, 0, 0], \"parameters\": {\"x\": [1, {\"y\": true}]}},"
        " {\"command\": \"other\"} ], \"extra\": false }\n";
    int rc = hyperfine_parse(good, strlen(good), &r, err, sizeof err);
    CHECK(rc == 0, "a hyperfine export parses (%s)", err);
    if (rc == 0) {
        CHECK(r.n_times == 3 && fabs(r.times[2] - 0.0012) < 1e-12, "times are read");
        CHECK(fabs(r.mean - 0.0012) < 1e-12 && fabs(r.user - 5e-4) < 1e-12 &&
                  fabs(r.system - 0.0003) < 1e-12,
              "mean, user, system are read");
        CHECK(r.n_exit_codes == 3 && r.exit_codes[0] == 0, "exit codes are read");
        hyperfine_result_free(&r);
    }
    /* A real export of hyperfine 1.15 (`hyperfine -N --runs 3
     * --export-json ... /bin/true`), "system": 0.0 included. */
    size_t flen = 0;
    char *file = read_file(DLBENCH_SOURCE_DIR "/tests/plot/hyperfine-export.json", &flen, 1 << 20);
    CHECK(file != NULL, "tests/plot/hyperfine-export.json is readable");
    rc = file ? hyperfine_parse(file, flen, &r, err, sizeof err) : -1;
    CHECK(rc == 0, "hyperfine 1.15's export parses (%s)", err);
    if (rc == 0) {
        CHECK(r.n_times == 3 && fabs(r.times[0] - 0.0005815400000000001) < 1e-15 &&
                  fabs(r.times[2] - 0.000566933) < 1e-15,
              "its times are read exactly");
        CHECK(fabs(r.mean - 0.000577142) < 1e-15 && fabs(r.user - 0.0005076666666666666) < 1e-15 &&
                  r.system == 0.0,
              "its mean, user and system are read");
        CHECK(r.n_exit_codes == 3 && r.exit_codes[2] == 0, "its exit codes are read");
        hyperfine_result_free(&r);
    }
    free(file);
    const char *null_code = "{\"results\":[{\"mean\":1,\"user\":1,\"system\":1,"
                            "\"times\":[1,1],\"exit_codes\":[0,null]}]}";
    rc = hyperfine_parse(null_code, strlen(null_code), &r, err, sizeof err);
    CHECK(rc == 0 && r.n_exit_codes == 2 && r.exit_codes[1] == -1,
          "a null exit code (signal) reads as -1");
    if (rc == 0)
        hyperfine_result_free(&r);

    static const char *const bad[] = {
        "", "[]", "{", "{\"results\": [", "{\"results\": [{\"times\": [0.1,]}]}",
        "{\"results\": [{\"times\": [01]}]}", "{\"results\": [{\"mean\": .5}]}",
        "{\"results\": [{\"mean\": 1}]}", "{\"results\": 5}", "{\"a\": \"\\x\"}",
        "{\"a\": \"unterminated}", "{\"a\": tru}", "{\"a\": 1} x", "{\"a\": 1e}",
        ("{\"results\": [{\"mean\": 1, \"user\": 1, \"system\": 1, \"times\": [1],"
         " \"exit_codes\": [0]}]"), /* no closing brace */
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        err[0] = '\0';
        rc = hyperfine_parse(bad[i], strlen(bad[i]), &r, err, sizeof err);
        CHECK(rc == -1 && err[0], "invalid input %zu is rejected with a message", i);
    }
    /* Deep nesting stops at the limit instead of the stack. */
    struct strbuf deep = {0};
    sb_append(&deep, "{\"a\":");
    for (int i = 0; i < 100000; i++)
        sb_appendc(&deep, '[');
    rc = hyperfine_parse(deep.buf, deep.len, &r, err, sizeof err);
    CHECK(rc == -1 && err[0], "deep nesting is rejected (%s)", err);
    sb_free(&deep);
    /* Not NUL-terminated: the parser stays inside len. */
    const char *trunc = "{\"results\": [{\"mean\": 12345";
    rc = hyperfine_parse(trunc, 22, &r, err, sizeof err);
    CHECK(rc == -1, "input is read within its length only");

    char *cmd = process_command("/opt/dl bench/dlbench", "/tmp/it's a lib.so", "add=Add");
    CHECK(!strcmp(cmd, "'/opt/dl bench/dlbench' measure --lib '/tmp/it'\\''s a lib.so' "
                       "--symbols 'add=Add' --scenario once"),
          "the command is quoted for shell-words: %s", cmd);
    free(cmd);
}

static int count_rows(const char *rows, const char *metric, int *bad_value)
{
    int n = 0;
    *bad_value = 0;
    char *copy = xstrdup(rows);
    for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *m = xasprintf(",process,once,main,%s,ms,", metric);
        char *at = strstr(line, m);
        if (at) {
            n++;
            char *rep = at + strlen(m);
            char *comma = strchr(rep, ',');
            double v = comma ? strtod(comma + 1, NULL) : -1;
            if (!strcmp(metric, "wall_ms") && !(v > 0 && v < 1000))
                *bad_value = 1;
            if (strcmp(metric, "wall_ms") && !(v >= 0 && v < 1000))
                *bad_value = 1;
        }
        free(m);
    }
    free(copy);
    return n;
}

static void part_process(const char *exe, const char *tinylib)
{
    struct strbuf rows = {0};
    char *cause = NULL;
    /* Without hyperfine in PATH: skipped, with the warning text. */
    char *old = xstrdup(getenv("PATH") ? getenv("PATH") : "");
    setenv("PATH", "/nonexistent", 1);
    enum process_result rc = process_cold_start(exe, "tiny", tinylib, NULL, 5, 60, &rows, &cause);
    setenv("PATH", old, 1);
    free(old);
    CHECK(rc == PROCESS_NO_HYPERFINE && cause && !strcmp(cause, "hyperfine not found: scenario 'process' skipped"),
          "without hyperfine: skipped (%d, %s)", rc, cause ? cause : "");
    CHECK(rows.len == 0, "and no rows");
    free(cause);
    cause = NULL;

    if (!have_tool("hyperfine")) {
        printf("skipped: hyperfine not installed\n");
        return;
    }
    /* A library path with a space and a single quote. */
    char dir[] = "/tmp/dlbench-process-test-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0, "mkdtemp: %s", strerror(errno));
        return;
    }
    char *sub = xasprintf("%s/dir with space", dir);
    mkdir(sub, 0755);
    char *lib = xasprintf("%s/it's lib.so", sub);
    size_t len;
    char *bytes = read_file(tinylib, &len, (size_t)64 << 20);
    CHECK(bytes && write_file_atomic(lib, bytes, len) == 0, "copy the library to '%s'", lib);
    free(bytes);

    rc = process_cold_start(exe, "tiny,lib", lib, NULL, 5, 120, &rows, &cause);
    CHECK(rc == PROCESS_OK, "process_cold_start on a C library returns 0 (%s)", cause ? cause : "");
    int bad;
    int n = count_rows(rows.buf ? rows.buf : "", "wall_ms", &bad);
    CHECK(n == 5 && !bad, "5 wall_ms rows, each in (0, 1000) ms (%d rows)", n);
    n = count_rows(rows.buf ? rows.buf : "", "user_ms", &bad);
    CHECK(n == 1 && !bad, "one user_ms row");
    n = count_rows(rows.buf ? rows.buf : "", "system_ms", &bad);
    CHECK(n == 1 && !bad, "one system_ms row");
    CHECK(rows.buf && !strncmp(rows.buf, "\"tiny,lib\",process,once,main,wall_ms,ms,0,", 42),
          "rows are CSV with the variant quoted: %.60s", rows.buf ? rows.buf : "");
    free(cause);
    cause = NULL;
    sb_free(&rows);

    /* A library that does not exist: the measured command fails. */
    rc = process_cold_start(exe, "missing", "/nonexistent/libnone.so", NULL, 3, 120, &rows,
                            &cause);
    CHECK(rc == PROCESS_FAILED && cause && !strncmp(cause, "the measured command failed: ", 29),
          "a failing command is a failure with its cause (%s)", cause ? cause : "");
    CHECK(rows.len == 0, "and no rows");
    free(cause);
    sb_free(&rows);
    unlink(lib);
    rmdir(sub);
    rmdir(dir);
    free(lib);
    free(sub);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_plot PART FIXTURE_DIR DLBENCH_EXE TINYLIB\n");
        return 2;
    }
    const char *part = argv[1], *fixture = argv[2], *exe = argv[3], *tinylib = argv[4];
    int needs_gnuplot = strcmp(part, "json") && strcmp(part, "process");
    if (needs_gnuplot && !have_tool("gnuplot")) {
        printf("skipped: gnuplot not installed\n0 passed, 0 failed\n");
        return 0;
    }
    if (!strcmp(part, "charts"))
        part_charts(fixture);
    else if (!strcmp(part, "toolchains"))
        part_toolchains(fixture);
    else if (!strcmp(part, "nocycle"))
        part_nocycle(fixture);
    else if (!strcmp(part, "cli"))
        part_cli(fixture, exe);
    else if (!strcmp(part, "json"))
        part_json();
    else if (!strcmp(part, "process"))
        part_process(exe, tinylib);
    else if (!strcmp(part, "trust"))
        part_trust(fixture);
    else {
        fprintf(stderr, "unknown part '%s'\n", part);
        return 2;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
