/* test_report.c - report.md/report.html/terminal summary and `compare` on
 * fixed, hand-made run folders (tests/report/runs, written by
 * make_fixtures.py), against golden files in tests/report/golden.
 *
 * usage: test_report SRC_DIR WORK_DIR
 *   SRC_DIR   tests/report (fixtures and goldens)
 *   WORK_DIR  scratch folder (the fixtures are copied there: report_write
 *             writes into the run folder)
 * UPDATE_GOLDEN=1 rewrites the goldens from the current output instead of
 * comparing (then review them with git diff).
 *
 * The Mann-Whitney p-values and geometric means are checked against values
 * computed independently with scipy/numpy by tests/report/expected.py
 * (scipy.stats.mannwhitneyu, two-sided, exact without ties for n <= 20,
 * else asymptotic with continuity correction). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/compare.h"
#include "base/csv.h"
#include "base/units.h"
#include "report/report.h"
#include "results/stats.h"
#include "base/util.h"

#include "../check.h"

static const char *src_dir, *work_dir;
static int update;

/* ------------------------------------------------------------ helpers */

static char *slurp(const char *path)
{
    size_t len;
    char *s = read_file(path, &len, 64 << 20);
    return s;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Copies every regular file of src into dst (created), replacing `from`
 * with `to` in their text when from is not NULL. */
static void copy_run(const char *src, const char *dst, const char *from, const char *to)
{
    mkdir_p(dst);
    DIR *d = opendir(src);
    if (!d) {
        printf("FAIL: cannot open '%s'\n", src);
        failed++;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *sp = path_join(src, e->d_name), *dp = path_join(dst, e->d_name);
        size_t len;
        char *text = read_file(sp, &len, 64 << 20);
        if (text) {
            struct strbuf sb = {0};
            sb_append(&sb, "");
            for (const char *p = text; *p;) {
                if (from && !strncmp(p, from, strlen(from))) {
                    sb_append(&sb, to);
                    p += strlen(from);
                } else {
                    sb_appendc(&sb, *p++);
                }
            }
            write_file_atomic(dp, sb.buf, sb.len);
            sb_free(&sb);
            free(text);
        }
        free(sp);
        free(dp);
    }
    closedir(d);
}

static void rm_rf(const char *path)
{
    char *q = shell_quote(path);
    char *cmd = xasprintf("rm -rf %s", q);
    if (system(cmd) != 0)
        printf("note: '%s' failed\n", cmd);
    free(cmd);
    free(q);
}

/* Compares text with the golden file (or rewrites it with UPDATE_GOLDEN=1). */
static void golden(const char *name, const char *text, int line)
{
    char *gp = xasprintf("%s/golden/%s", src_dir, name);
    if (update) {
        if (write_file_atomic(gp, text, strlen(text)) != 0) {
            printf("FAIL line %d: cannot write '%s'\n", line, gp);
            failed++;
        } else {
            printf("updated %s\n", gp);
            passed++;
        }
        free(gp);
        return;
    }
    char *want = slurp(gp);
    if (!want) {
        printf("FAIL line %d: no golden '%s' (UPDATE_GOLDEN=1 writes it)\n", line, gp);
        failed++;
    } else if (strcmp(want, text)) {
        /* the first differing line */
        size_t ln = 1;
        const char *a = want, *b = text;
        while (*a && *a == *b) {
            ln += *a == '\n';
            a++, b++;
        }
        printf("FAIL line %d: '%s' differs from the output at line %zu:\n  golden: %.*s\n"
               "  output: %.*s\n",
               line, gp, ln, (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"), b);
        failed++;
    } else {
        passed++;
    }
    free(want);
    free(gp);
}

/* ------------------------------------------------------------ report */

static const char *const variants[] = {"c@gcc",    "c@clang",    "go@go1.22.12", "go@local",
                                       "rust@local", "leak256k", "segv"};

static void test_report_md(void)
{
    char *fx = xasprintf("%s/runs/20250601-101502", src_dir);
    char *dir = xasprintf("%s/md/20250601-101502", work_dir);
    rm_rf(dir);
    copy_run(fx, dir, NULL, NULL);
    char err[1024] = "";
    int rc = report_write(dir, err, sizeof err);
    CHECK(rc == 0, "report_write: %s", err);
    char *mdp = path_join(dir, "report.md");
    char *md = slurp(mdp);
    CHECK(md != NULL, "no report.md");
    if (md) {
        golden("report.md", md, __LINE__);
        /* the findings the fixture is made for, whatever the golden says */
        CHECK(strstr(md, "go@go1.22.12 never unloads: DF_1_NODELETE is set") != NULL,
              "nodelete finding");
        CHECK(strstr(md, "Calling go@go1.22.12 from the main thread costs 446\xc3\x97") != NULL,
              "main-thread finding");
        CHECK(!strstr(md, "Calling go@local from"), "no thread finding for go1.26");
        CHECK(strstr(md, "leak256k: memory: leak, 256 KiB/cycle") != NULL, "leak finding");
        CHECK(strstr(md, "c@clang: memory: no leak") != NULL, "no-leak verdict");
        CHECK(strstr(md, "go, go1.22.12 \xe2\x86\x92 go1.26.8: add (main thread) went from") !=
                  NULL,
              "toolchain finding");
        CHECK(strstr(md, "| segv | failed |") != NULL, "failed variant in the table");
        CHECK(strstr(md, "````text\n") != NULL, "log with ``` fenced with four backticks");
        CHECK(!strstr(md, "## Charts"), "no charts section without charts");
    }
    /* same folder, same report: nothing depends on the clock */
    rc = report_write(dir, err, sizeof err);
    char *md2 = slurp(mdp);
    CHECK(rc == 0 && md && md2 && !strcmp(md, md2), "report is deterministic");

    char *hp = path_join(dir, "report.html");
    char *html = slurp(hp);
    CHECK(html && !strncmp(html, "<!DOCTYPE html>\n", 16), "html starts with the doctype");
    if (html) {
        CHECK(strstr(html, "</html>\n") != NULL, "html ends");
        for (size_t i = 0; i < ARRAY_LEN(variants); i++)
            CHECK(strstr(html, variants[i]) != NULL, "html names '%s'", variants[i]);
        static const char *const tags[] = {"ul", "li", "table", "tr", "td", "th", "pre", "h2",
                                           "p"};
        for (size_t i = 0; i < ARRAY_LEN(tags); i++) {
            char *o1 = xasprintf("<%s>", tags[i]), *o2 = xasprintf("<%s ", tags[i]),
                 *c = xasprintf("</%s>", tags[i]);
            int open = count(html, o1) + count(html, o2), close = count(html, c);
            CHECK(open == close, "html <%s>: %d opened, %d closed", tags[i], open, close);
            free(o1), free(o2), free(c);
        }
        CHECK(strstr(html, "AddressSanitizer:DEADLYSIGNAL at &lt;bench_add+0x4&gt;") != NULL,
              "log escaped in html");
    }
    /* the terminal summary */
    char *tp = path_join(work_dir, "summary.txt");
    FILE *f = fopen(tp, "w");
    if (f) {
        report_print_summary(dir, f);
        fclose(f);
    }
    char *sum = slurp(tp);
    CHECK(sum != NULL, "summary written");
    if (sum) {
        /* the last line names the folder, which is not fixed: cut it */
        char *full = strstr(sum, "\nfull report: ");
        if (full)
            full[1] = '\0';
        golden("summary.txt", sum, __LINE__);
        size_t col = 0, widest = 0;
        int in_table = 1;
        for (const char *p = sum; *p; p++) {
            if (*p == '\n') {
                in_table = in_table && col > 0;
                col = 0;
                continue;
            }
            if (((unsigned char)*p & 0xC0) != 0x80)
                col++;
            if (in_table && col > widest)
                widest = col;
        }
        CHECK(widest <= 120, "summary table %zu columns wide", widest);
    }
    free(tp), free(sum);
    free(fx), free(dir), free(mdp), free(md), free(md2), free(hp), free(html);
}

/* A variant named like markup, a log closing the <pre>, and charts whose
 * text is markup too: nothing of it may reach the HTML unescaped. */
static void test_report_hostile(void)
{
    char *fx = xasprintf("%s/runs/20250601-101502", src_dir);
    char *dir = xasprintf("%s/hostile/20250601-101502", work_dir);
    rm_rf(dir);
    copy_run(fx, dir, "leak256k", "x<script>alert(1)</script>|*_`");
    char *fp = path_join(dir, "failures.csv");
    const char *fail = "variant,scenario,cause,log\n"
                       "segv,verify,killed by SIGSEGV,\"</pre><script>alert(2)</script>\n"
                       "<img src=x onerror=alert(3)>\"\n";
    write_file_atomic(fp, fail, strlen(fail));
    char *cd = path_join(dir, "charts");
    mkdir_p(cd);
    char *svg = path_join(cd, "call_latency.svg"), *png = path_join(cd, "load.png");
    const char *svgt = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">"
                       "<text>x<script>alert(4)</script></text></svg>\n";
    write_file_atomic(svg, svgt, strlen(svgt));
    write_file_atomic(png, "\x89PNG\r\n\x1a\n", 8);

    char err[1024] = "";
    int rc = report_write(dir, err, sizeof err);
    CHECK(rc == 0, "report_write (hostile): %s", err);
    char *hp = path_join(dir, "report.html"), *mp = path_join(dir, "report.md");
    char *html = slurp(hp), *md = slurp(mp);
    CHECK(html && md, "reports written");
    if (html && md) {
        CHECK(!strstr(html, "<script"), "no <script in the html");
        CHECK(!strstr(html, "<img src=x"), "no injected <img in the html");
        CHECK(!strstr(html, "<svg"), "charts inlined as data, not markup");
        CHECK(strstr(html, "x&lt;script&gt;alert(1)&lt;/script&gt;|*_`") != NULL,
              "hostile name escaped in the html");
        CHECK(strstr(html, "data:image/svg+xml;base64,") != NULL, "svg chart inlined");
        CHECK(strstr(html, "data:image/png;base64,iVBORw0KGgo=") != NULL,
              "png chart inlined when there is no svg");
        CHECK(strstr(md, "x\\<script\\>alert(1)\\</script\\>\\|\\*\\_\\`") != NULL,
              "hostile name escaped in the markdown");
        /* outside the fenced env block, where it is literal text */
        char *envsec = strstr(md, "## Environment");
        if (envsec)
            *envsec = '\0';
        CHECK(!strstr(md, "<script>alert(1)"), "no raw markup from the name in the markdown");
        CHECK(strstr(md, "![Call latency](charts/call_latency.svg)") != NULL, "svg chart in md");
        CHECK(strstr(md, "![Load cost](charts/load.png)") != NULL, "png chart in md");
        /* the table keeps its columns: every row has the header's pipes */
        const char *t = strstr(md, "\n| variant");
        size_t want = 0, bad = 0;
        for (const char *l = t ? t + 1 : NULL; l && *l == '|'; l = strchr(l, '\n') + 1) {
            size_t n = 0;
            for (const char *p = l; *p && *p != '\n'; p++)
                n += *p == '|' && (p == l || p[-1] != '\\');
            if (!want)
                want = n;
            bad += n != want;
        }
        CHECK(want == 14 && bad == 0, "markdown table: %zu columns, %zu bad rows", want, bad);
    }
    free(fx), free(dir), free(fp), free(cd), free(svg), free(png), free(hp), free(mp);
    free(html), free(md);
}

static void test_report_errors(void)
{
    char err[1024] = "";
    char *dir = xasprintf("%s/empty-run", work_dir);
    rm_rf(dir);
    mkdir_p(dir);
    int rc = report_write(dir, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "cannot read '") && strstr(err, "summary.csv"),
          "missing summary.csv: %s", err);
    rc = report_write("/nonexistent/run", err, sizeof err);
    CHECK(rc == -1 && strstr(err, "is not a run folder"), "missing folder: %s", err);
    free(dir);
}

static void test_fmt(void)
{
    static const struct {
        double v;
        const char *unit, *want;
    } t[] = {
        {125.3, "ns", "125 ns"},     {91000, "ns", "91.0 \xc2\xb5s"}, {0.2, "us", "200 ns"},
        {1.61, "ns", "1.61 ns"},     {6916295, "ns", "6.92 ms"},      {999.7, "ns", "1.00 \xc2\xb5s"},
        {15960, "bytes", "15.6 KiB"}, {2298880, "bytes", "2.19 MiB"}, {-0.3, "bytes", "-0.3 B"},
        {262144, "bytes", "256 KiB"}, {4720, "KiB", "4.61 MiB"},      {1, "bool", "yes"},
        {5, "count", "5"},            {NAN, "ns", "\xe2\x80\x94"},    {3972, "MB/s", "3972 MB/s"},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        struct strbuf sb = {0};
        units_fmt(&sb, t[i].v, t[i].unit);
        CHECK(sb.buf && !strcmp(sb.buf, t[i].want), "fmt %g %s: '%s', want '%s'", t[i].v,
              t[i].unit, sb.buf ? sb.buf : "", t[i].want);
        sb_free(&sb);
    }
    static const struct {
        double r;
        const char *want;
    } r[] = {{3.21, "3.2\xc3\x97"}, {446.2, "446\xc3\x97"}, {0.963, "0.96\xc3\x97"},
             {1.04, "1.04\xc3\x97"}, {58339, "58339\xc3\x97"}};
    for (size_t i = 0; i < ARRAY_LEN(r); i++) {
        struct strbuf sb = {0};
        units_fmt_ratio(&sb, r[i].r);
        CHECK(sb.buf && !strcmp(sb.buf, r[i].want), "ratio %g: '%s', want '%s'", r[i].r,
              sb.buf ? sb.buf : "", r[i].want);
        sb_free(&sb);
    }
}

/* ------------------------------------------------------------ compare */

static char *run_compare(const char *a, const char *b, enum compare_format fmt,
                         enum compare_match m)
{
    char *pa = xasprintf("%s/runs/%s", src_dir, a), *pb = xasprintf("%s/runs/%s", src_dir, b);
    struct compare_opts o = {fmt, m, 0.05, NAN, NULL};
    struct strbuf out = {0};
    char err[1024] = "";
    int rc = compare_runs(pa, pb, &o, &out, err, sizeof err);
    CHECK(rc == 0, "compare %s %s: %s", a, b, err);
    sb_append(&out, "");
    free(pa), free(pb);
    return sb_detach(&out);
}

/* The field of column `name` in the CSV row whose "name" column is row. */
static double csv_value(const struct csv_table *t, const char *metric, const char *row,
                        const char *name)
{
    int cm = csv_col(t, "metric"), cn = csv_col(t, "name"), cc = csv_col(t, name);
    for (size_t i = 0; cm >= 0 && cn >= 0 && cc >= 0 && i < t->n_rows; i++)
        if (!strcmp(t->rows[i][cm], metric) && !strcmp(t->rows[i][cn], row))
            return t->rows[i][cc][0] ? strtod(t->rows[i][cc], NULL) : NAN;
    return NAN;
}

static int close_rel(double a, double b, double rel)
{
    return fabs(a - b) <= rel * fabs(b);
}

static void test_compare(void)
{
    const char *A = "20250520-090000", *B = "20250601-101502", *G = "go126-only.csv";
    char *text = run_compare(A, B, COMPARE_TEXT, COMPARE_BY_VARIANT);
    golden("compare.txt", text, __LINE__);
    char *csvt = run_compare(A, B, COMPARE_CSV, COMPARE_BY_VARIANT);
    golden("compare.csv", csvt, __LINE__);
    char *impl = run_compare(A, G, COMPARE_TEXT, COMPARE_BY_IMPL);
    golden("compare_impl.txt", impl, __LINE__);
    char *md = run_compare(A, G, COMPARE_MARKDOWN, COMPARE_BY_IMPL);
    golden("compare_impl.md", md, __LINE__);
    char *ambi = run_compare(A, B, COMPARE_TEXT, COMPARE_BY_IMPL);
    CHECK(strstr(ambi, "note: impl 'go' is ambiguous (old: go@go1.22.12; new: go@go1.22.12, "
                       "go@local): its rows are matched by variant name") != NULL,
          "ambiguous impl noted");
    CHECK(strstr(ambi, "go@go1.22.12/call/add/main") != NULL, "ambiguous impl by variant");

    /* p-values and geomean against scipy/numpy (tests/report/expected.py) */
    struct csv_table t;
    char err[256];
    int rc = csv_parse(csvt, strlen(csvt), "compare.csv", &t, err, sizeof err);
    CHECK(rc == 0, "compare --csv parses: %s", err);
    if (rc == 0) {
        double p = csv_value(&t, "ns_per_call", "c@gcc/call/add/main", "p");
        CHECK(close_rel(p, 0.00018165114609146497, 1e-5), "p c@gcc add: %.10g", p);
        p = csv_value(&t, "ns_per_call", "rust@local/call/add/main", "p");
        CHECK(close_rel(p, 0.022309458647929905, 1e-5), "p rust 3+10: %.10g", p);
        p = csv_value(&t, "ns_per_call", "go@go1.22.12/call/add/pthread", "p");
        CHECK(close_rel(p, 0.012577838763378941, 1e-5), "p go pthread: %.10g", p);
        double ga = csv_value(&t, "ns_per_call", "geomean", "old_median");
        double gb = csv_value(&t, "ns_per_call", "geomean", "new_median");
        double gc = csv_value(&t, "ns_per_call", "geomean", "change_pct");
        /* the CSV keeps 6 significant digits */
        CHECK(close_rel(ga, 354.33761740029297, 2e-6), "geomean old %.10g", ga);
        CHECK(close_rel(gb, 343.71508353572858, 2e-6), "geomean new %.10g", gb);
        CHECK(close_rel(gc, -2.997856660689846, 2e-5), "geomean change %.10g", gc);
        double sig = csv_value(&t, "ns_per_call", "go@go1.22.12/call/add/main", "significant");
        CHECK(sig == 0, "go add main not significant");
        CHECK(isnan(csv_value(&t, "threads_delta", "geomean", "old_median")),
              "geomean skipped for values <= 0");
        csv_free(&t);
    }
    char *impl_csv = run_compare(A, G, COMPARE_CSV, COMPARE_BY_IMPL);
    rc = csv_parse(impl_csv, strlen(impl_csv), "impl.csv", &t, err, sizeof err);
    if (rc == 0) {
        double p = csv_value(&t, "ns_per_call", "go/call/add/main", "p");
        CHECK(close_rel(p, 0.00018165114609146497, 1e-5), "p go impl: %.10g", p);
        csv_free(&t);
    }
    CHECK(strstr(text, "~") && strstr(text, "3+10 !"), "~ and ! markers");

    /* errors */
    struct compare_opts o = {COMPARE_TEXT, COMPARE_BY_VARIANT, 0.05, NAN, NULL};
    struct strbuf out = {0};
    char e2[1024] = "";
    rc = compare_runs("/nonexistent/a", "/nonexistent/b", &o, &out, e2, sizeof e2);
    CHECK(rc == -1 && strstr(e2, "cannot read '/nonexistent/a'"), "missing OLD: %s", e2);
    sb_free(&out);
    free(text), free(csvt), free(impl), free(md), free(ambi), free(impl_csv);
}

/* Known answers of the statistics compare relies on (scipy, see the top). */
static void test_stats_known(void)
{
    static const struct {
        double x[25], y[25];
        size_t nx, ny;
        double u, p;
    } c[] = {
        {{1.1, 2.3, 3.5, 4.2}, {5.0, 6.1, 7.7}, 4, 3, 0, 0.057142857142857141},
        {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {4.5, 6.5, 8.5, 10.5, 12.5, 14.5, 16.5, 18.5}, 10, 8,
         12, 0.011655011655011656},
        {{1, 2, 2, 3, 3, 3, 4}, {3, 4, 4, 5, 5, 6}, 7, 6, 3.5, 0.012999854364387305},
        {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
          24},
         {3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5,
          18.5, 19.5, 20.5, 21.5, 22.5, 23.5, 24.5, 25.5, 26.5, 27.5},
         25, 25, 231, 0.11603618751300343},
    };
    for (size_t i = 0; i < ARRAY_LEN(c); i++) {
        double u = -1, p = -1;
        int rc = stats_mann_whitney(c[i].x, c[i].nx, c[i].y, c[i].ny, &u, &p);
        CHECK(rc == 0 && u == c[i].u && close_rel(p, c[i].p, 1e-6),
              "mann-whitney case %zu: U %g p %.12g, want U %g p %.12g", i, u, p, c[i].u,
              c[i].p);
    }
    double g[] = {1, 2, 4, 8};
    CHECK(close_rel(stats_geomean(g, 4), 2.8284271247461898, 1e-12), "geomean 1 2 4 8");
    double z[] = {1, 0, 4};
    CHECK(isnan(stats_geomean(z, 3)), "geomean with 0 is NaN");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_report SRC_DIR WORK_DIR\n");
        return 2;
    }
    src_dir = argv[1];
    work_dir = argv[2];
    const char *u = getenv("UPDATE_GOLDEN");
    update = u && *u && strcmp(u, "0");
    mkdir_p(work_dir);
    test_fmt();
    test_stats_known();
    test_report_md();
    test_report_hostile();
    test_report_errors();
    test_compare();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
