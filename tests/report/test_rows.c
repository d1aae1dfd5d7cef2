/* test_rows.c - the comparison rows of findings.csv
 * (results/verdicts_compare.c) and the report sentences rendered from
 * them (report/findings_compare.c), on fixed inputs:
 *   1. known answers: a hand-made run folder where two Go toolchains differ
 *      significantly (toolchain:add/main faster), tie (no-difference) and
 *      were measured by one process (inconclusive), with the sentences;
 *   2. the report follows the file: a findings.csv whose rows were edited
 *      (a verdict flipped, rows removed) changes the sentences;
 *   3. a findings.csv of an older dlbench (no column "other", no
 *      comparison topics): the report still states the comparisons,
 *      recomputed from summary.csv, and keeps the file's own rows.
 *
 * usage: test_rows SRC_DIR WORK_DIR   (SRC_DIR: tests/report) */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "report/report.h"
#include "results/runmodel.h"
#include "results/verdicts.h"
#include "results/writers.h"

#include "../check.h"

static const char *src_dir, *work_dir;

static void put(const char *dir, const char *name, const char *text)
{
    char *p = path_join(dir, name);
    if (write_file_atomic(p, text, strlen(text)) != 0) {
        printf("FAIL: cannot write '%s'\n", p);
        failed++;
    }
    free(p);
}

static char *get(const char *dir, const char *name)
{
    char *p = path_join(dir, name);
    size_t len;
    char *s = read_file(p, &len, 64 << 20);
    free(p);
    return s;
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

/* The report of dir (report.md), or NULL. */
static char *report_of(const char *dir)
{
    char err[1024] = "";
    int rc = report_write(dir, err, sizeof err);
    CHECK(rc == 0, "report_write '%s': %s", dir, err);
    return get(dir, "report.md");
}

/* dir's model with verdicts_ensure applied; caller frees. */
static int model_of(const char *dir, struct run_model *m)
{
    char err[1024] = "";
    int rc = run_model_read(m, dir, RM_NEED_SUMMARY, err, sizeof err);
    CHECK(rc == 0, "read '%s': %s", dir, err);
    if (rc == 0)
        verdicts_ensure(m);
    return rc;
}

static void check_row(const struct run_model *m, const char *variant, const char *topic,
                      const char *other, enum verdict want, double value, int line)
{
    const struct rm_finding *f = rm_finding_vs(m, variant, topic, other);
    int ok = f && f->verdict == want &&
             (isnan(value) ? isnan(f->value) : fabs(f->value - value) <= 1e-9 * fabs(value));
    if (ok) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL line %d: %s,%s vs '%s': %s %.10g, want %s %.10g\n", line, variant, topic, other,
           f ? verdict_word(f->verdict) : "no row", f ? f->value : NAN, verdict_word(want),
           value);
}

/* ------------------------------------------------------------ 1 */

static const char variants_csv[] =
    "variant,impl,lang,toolchain,toolchain_version,build_version,lib,file_bytes,exports,status,"
    "baseline\n"
    "go@go1.21.6,go,go,go1.21.6,go go1.21.6,,/x/a.so,,,ok,1\n"
    "go@go1.23.5,go,go,go1.23.5,go go1.23.5,,/x/b.so,,,ok,0\n";

/* add main: 91 us vs 200 ns, CIs apart, 5 processes each: faster.
 * add pthread: 200 vs 201 ns, CIs overlap: no-difference.
 * dlopen: go1.23.5 10 values from one process: inconclusive.
 * first call vs dlopen of go1.21.6: 2 ms [1.9, 2.1] vs 1 ms [0.95, 1.05]:
 * the first call is claimed longer (slower); of go1.23.5 one process. */
static const char summary_csv[] =
    "variant,scenario,workload,thread,metric,unit,n,median,ci_low,ci_high,processes,mde_pct\n"
    "go@go1.21.6,call,add,main,ns_per_call,ns,10,91000,90000,92000,5,3\n"
    "go@go1.23.5,call,add,main,ns_per_call,ns,10,200,190,210,5,3\n"
    "go@go1.21.6,call,add,pthread,ns_per_call,ns,10,200,190,210,5,3\n"
    "go@go1.23.5,call,add,pthread,ns_per_call,ns,10,201,191,211,5,3\n"
    "go@go1.21.6,load,,main,dlopen_us,us,10,1000,950,1050,5,3\n"
    "go@go1.23.5,load,,main,dlopen_us,us,10,500,490,510,1,3\n"
    "go@go1.21.6,load,add,main,first_call_us,us,10,2000,1900,2100,5,3\n"
    "go@go1.23.5,load,add,main,first_call_us,us,10,3000,2900,3100,1,3\n";

static void make_known(const char *dir)
{
    rm_rf(dir);
    mkdir_p(dir);
    put(dir, "variants.csv", variants_csv);
    put(dir, "summary.csv", summary_csv);
}

static void test_known_answers(void)
{
    char *dir = path_join(work_dir, "known");
    make_known(dir);
    struct run_model m;
    if (model_of(dir, &m) == 0) {
        const char *a = "go@go1.21.6", *b = "go@go1.23.5";
        check_row(&m, b, "toolchain:add/main", a, VERDICT_FASTER, 200.0 / 91000, __LINE__);
        check_row(&m, b, "toolchain:add/pthread", a, VERDICT_NO_DIFFERENCE, 201.0 / 200,
                  __LINE__);
        check_row(&m, b, "toolchain:dlopen", a, VERDICT_INCONCLUSIVE, 0.5, __LINE__);
        CHECK(!rm_finding_of(&m, a, "toolchain:add/main"), "no toolchain row on the older one");
        check_row(&m, a, "compare:first_call-vs-dlopen", a, VERDICT_SLOWER, 2.0, __LINE__);
        check_row(&m, b, "compare:first_call-vs-dlopen", b, VERDICT_INCONCLUSIVE, 6.0, __LINE__);
        check_row(&m, b, "fastest:add/main", "", VERDICT_FASTEST, 200, __LINE__);
        check_row(&m, a, "fastest:add/main", b, VERDICT_SLOWER, 91000, __LINE__);
        check_row(&m, a, "slowest:add/main", "", VERDICT_SLOWEST, 91000, __LINE__);
        check_row(&m, b, "slowest:add/main", a, VERDICT_FASTER, 200, __LINE__);
        check_row(&m, a, "fastest:add/pthread", "", VERDICT_FASTEST, 200, __LINE__);
        check_row(&m, b, "fastest:add/pthread", a, VERDICT_NO_DIFFERENCE, 201, __LINE__);
        check_row(&m, a, "fastest:dlopen", b, VERDICT_INCONCLUSIVE, 1000, __LINE__);
        /* nothing against the lowest median could be tested: it is not
         * claimed fastest (the report says "not ranked") */
        check_row(&m, b, "fastest:dlopen", "", VERDICT_INCONCLUSIVE, 500, __LINE__);
        check_row(&m, a, "slowest:dlopen", "", VERDICT_INCONCLUSIVE, 1000, __LINE__);
        {
            const struct rm_finding *f = rm_finding_of(&m, b, "fastest:dlopen");
            CHECK(f && !strcmp(f->detail, "lowest median of 2 variants: 500 \xc2\xb5s, not "
                                          "ranked fastest: no comparison against it could be "
                                          "tested (one process, 2 to 5 processes (no 95 % CI) "
                                          "or no median)"),
                  "untested extreme's detail: %s", f ? f->detail : "(none)");
        }
        /* the file round trip keeps "other" */
        struct strbuf sb = {0};
        write_findings_csv(&m, &sb);
        CHECK(sb.buf && !strncmp(sb.buf, "variant,topic,verdict,value,unit,detail,limit,other\n",
                                 52),
              "findings.csv header: %.60s", sb.buf ? sb.buf : "");
        CHECK(sb.buf && strstr(sb.buf, "\ngo@go1.23.5,toolchain:add/main,faster,0.0021978,"
                                       "ratio,go@go1.23.5 vs go@go1.21.6: 200 ns vs 91.0 \xc2\xb5s"
                                       " (95 % CIs apart and above the mde),,go@go1.21.6\n"),
              "toolchain row in findings.csv");
        sb_free(&sb);
    }
    run_model_free(&m);
    char *md = report_of(dir);
    CHECK(md && strstr(md, "- go, go1.21.6 \xe2\x86\x92 go1.23.5: add (main thread) went from "
                           "91.0 \xc2\xb5s to 200 ns (455\xc3\x97 faster); no significant "
                           "difference in add (pthread); inconclusive (too few processes or no median) "
                           "for dlopen, first call.\n"),
          "toolchain sentence");
    CHECK(md && strstr(md, "  - add (pthread): no significant difference between the variants "
                           "(200 ns to 201 ns).\n"),
          "a tie: no significant difference");
    CHECK(md && strstr(md, "  - dlopen: not ranked: no pair could be tested (too few processes "
                           "or no median; 500 \xc2\xb5s to 1.00 ms by median).\n"),
          "one process: not ranked, never 'no difference'");
    CHECK(md && strstr(md, "The first call into go@go1.21.6 takes 2.00 ms, more than its dlopen "
                           "(1.00 ms)"),
          "first call claimed longer than dlopen");
    CHECK(md && !strstr(md, "The first call into go@go1.23.5"),
          "one process: no first-call claim (3 ms vs 500 us by medians alone)");
    free(md);
    free(dir);
}

/* ------------------------------------------------------------ 2 */

/* Replaces the first line starting with prefix by repl ("" deletes it);
 * every line when all. Returns the number replaced. */
static int edit_lines(char **text, const char *prefix, const char *repl, int all)
{
    struct strbuf sb = {0};
    sb_append(&sb, "");
    int n = 0;
    for (const char *p = *text; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p + 1) : strlen(p);
        if ((all || !n) && !strncmp(p, prefix, strlen(prefix))) {
            sb_append(&sb, repl);
            n++;
        } else {
            sb_appendn(&sb, p, len);
        }
        p += len;
    }
    free(*text);
    *text = sb_detach(&sb);
    return n;
}

static void test_report_follows_rows(void)
{
    char *dir = path_join(work_dir, "edited");
    make_known(dir);
    struct run_model m;
    char *csv = NULL;
    if (model_of(dir, &m) == 0) {
        struct strbuf sb = {0};
        write_findings_csv(&m, &sb);
        csv = sb_detach(&sb);
    }
    run_model_free(&m);
    if (!csv)
        return;
    /* flipped: the tie on add (pthread) now says slower; the first call of
     * go1.21.6 no longer claimed longer; the fastest:add/main rows gone */
    int n = edit_lines(&csv, "go@go1.23.5,toolchain:add/pthread,",
                       "go@go1.23.5,toolchain:add/pthread,slower,1.005,ratio,edited,,"
                       "go@go1.21.6\n",
                       0);
    n += edit_lines(&csv, "go@go1.21.6,compare:first_call-vs-dlopen,",
                    "go@go1.21.6,compare:first_call-vs-dlopen,no-difference,2,ratio,edited,,"
                    "go@go1.21.6\n",
                    0);
    n += edit_lines(&csv, "go@go1.21.6,fastest:add/main,", "", 1);
    CHECK(n == 3, "edited %d rows", n);
    put(dir, "findings.csv", csv);
    free(csv);
    char *md = report_of(dir);
    CHECK(md && strstr(md, "add (pthread) went from 200 ns to 201 ns (1.00\xc3\x97 slower); "
                           "inconclusive (too few processes or no median) for dlopen, first call.\n"),
          "the flipped toolchain verdict is what the report says");
    CHECK(md && !strstr(md, "The first call into go@go1.21.6"),
          "no first-call sentence once its row says no-difference");
    CHECK(md && !strstr(md, "  - add (main thread): fastest"),
          "no fastest/slowest line without its fastest: rows");
    CHECK(md && strstr(md, "  - add (pthread): no significant difference between the variants"),
          "the other metrics unchanged");
    free(md);
    free(dir);
}

/* ------------------------------------------------------------ 3 */

static void test_legacy_findings(void)
{
    char *fx = xasprintf("%s/runs/20250601-101502", src_dir);
    char *dir = path_join(work_dir, "legacy");
    rm_rf(dir);
    mkdir_p(dir);
    static const char *const files[] = {"variants.csv", "summary.csv", "results.csv",
                                        "failures.csv", "env.txt"};
    for (size_t i = 0; i < ARRAY_LEN(files); i++) {
        char *t = get(fx, files[i]);
        if (t)
            put(dir, files[i], t);
        free(t);
    }
    char *golden = report_of(dir); /* no findings.csv: every row computed */
    /* An older dlbench's file: no column other, no comparison topics but
     * compare:*; its leak verdict of c@gcc edited to show it is kept. */
    put(dir, "findings.csv",
        "variant,topic,verdict,value,unit,detail,limit\n"
        "c@gcc,unload,unloads,1,bool,checked,\n"
        "c@gcc,memory,leak,4096,bytes,from an older file,\n"
        "go@go1.22.12,compare:add/main-vs-pthread,slower,446.097,ratio,old,\n");
    struct run_model m;
    if (model_of(dir, &m) == 0) {
        CHECK(rm_finding_of(&m, "go@local", "toolchain:add/main") != NULL,
              "legacy: toolchain rows recomputed");
        CHECK(!rm_finding_of(&m, "c@clang", "compare:add/main"),
              "legacy: compare:<what> rows are the file's (none here), not recomputed");
        const struct rm_finding *f = rm_finding_of(&m, "c@gcc", "memory");
        CHECK(f && f->verdict == VERDICT_LEAK && !strcmp(f->detail, "from an older file"),
              "legacy: the file's rows kept");
    }
    run_model_free(&m);
    char *md = report_of(dir);
    static const char *const same[] = {
        "- go, go1.22.12 \xe2\x86\x92 go1.26.8: add (main thread) went from 94.3 \xc2\xb5s to 117 "
        "ns (807\xc3\x97 faster)",
        "- The first call into go@go1.22.12 takes 2.45 ms",
        "  - add (main thread): fastest c@clang 1.55 ns, slowest go@go1.22.12 94.3 \xc2\xb5s",
        "- Calling go@go1.22.12 from the main thread costs 446\xc3\x97"};
    for (size_t i = 0; i < ARRAY_LEN(same); i++) {
        CHECK(golden && strstr(golden, same[i]), "computed report has '%s'", same[i]);
        CHECK(md && strstr(md, same[i]), "legacy findings.csv: report still has '%s'", same[i]);
    }
    CHECK(md && strstr(md, "c@gcc: memory: leak, 4 KiB/cycle (from an older file)"),
          "legacy: the file's leak verdict rendered");
    free(golden), free(md), free(fx), free(dir);
}

/* ------------------------------------------------------------ 4 */

/* The leak-rate paragraph states the detection limits of the findings
 * rows (their limit column), never its own: a run of 300 cycles whose
 * rows say 15.2 B/cycle (one page over the 270 cycles after the warm-up
 * tenth) and valgrind 0.0556 B/cycle (1 byte over 18) once printed 13.7
 * (4096 / 300) and 0.0476 (1 / 21). */
static void test_limits_from_rows(void)
{
    char *dir = path_join(work_dir, "limits");
    rm_rf(dir);
    mkdir_p(dir);
    put(dir, "variants.csv",
        "variant,impl,lang,toolchain,toolchain_version,build_version,lib,file_bytes,exports,"
        "status,baseline\n"
        "leaky,leaky,c,gcc,gcc 12,,/x/leaky.so,,,ok,1\n");
    put(dir, "summary.csv",
        "variant,scenario,workload,thread,metric,unit,n,median,ci_low,ci_high,processes,mde_pct\n"
        "leaky,cycle,fresh,main,cycle_us,us,10,100,90,110,5,3\n"
        "leaky,cycle,fresh,main,leak_bytes_per_cycle,bytes,1,0,0,0,1,3\n"
        "leaky,cycle,fresh,main,vg_cycles,count,1,21,21,21,1,3\n");
    put(dir, "env.txt", "cycles: 300\n");
    put(dir, "findings.csv",
        "variant,topic,verdict,value,unit,detail,limit,other\n"
        "leaky,memory/rss,no-leak,0,bytes,RSS grew 0 B,15.1704,\n"
        "leaky,memory/valgrind,no-leak,0,bytes,valgrind lost 0 B,0.0555556,\n");
    char *md = report_of(dir);
    CHECK(md && strstr(md, "What this run can resolve: RSS: 1 page (4 KiB) over the cycles after "
                           "the warm-up tenth = 15.2 B/cycle = "),
          "the RSS limit of memory/rss: %s", md ? "" : "(no report)");
    CHECK(md && strstr(md, "valgrind: 1 lost byte over the cycles after the warm-up tenth = "
                           "0.0556 B/cycle = "),
          "the valgrind limit of memory/valgrind");
    CHECK(md && !strstr(md, "13.7 B/cycle") && !strstr(md, "0.0476"),
          "no limit of its own (page / cycles, 1 / vg_cycles)");
    free(md);
    free(dir);
}

/* ------------------------------------------------------------ 5 */

/* A paired ratio's interval says what it is: with 3 processes summary.csv
 * gives [min, max], no 95 % CI ("1.00x [1.00x, 1.01x]" stood beside "too
 * few processes: no test"); with 8, a 95 % CI. */
static void test_paired_interval(void)
{
    char *dir = path_join(work_dir, "paired");
    rm_rf(dir);
    mkdir_p(dir);
    put(dir, "variants.csv",
        "variant,impl,lang,toolchain,toolchain_version,build_version,lib,file_bytes,exports,"
        "status,baseline\n"
        "base,base,c,gcc,gcc 12,,/x/base.so,,,ok,1\n"
        "few,few,c,gcc,gcc 12,,/x/few.so,,,ok,0\n"
        "many,many,c,gcc,gcc 12,,/x/many.so,,,ok,0\n");
    put(dir, "summary.csv",
        "variant,scenario,workload,thread,metric,unit,n,median,ci_low,ci_high,processes,mde_pct,"
        "ratio_mde_pct\n"
        "few,pair,add,main,ratio,ratio,3,1.002,0.998,1.012,3,,0.5\n"
        "many,pair,add,main,ratio,ratio,8,1.002,0.998,1.012,8,,0.5\n");
    struct run_model m;
    if (model_of(dir, &m) == 0) {
        const struct rm_finding *f = rm_finding_of(&m, "few", "paired:add/main");
        CHECK(f && strstr(f->detail, ": 1.00\xc3\x97 (range [1.00\xc3\x97, 1.01\xc3\x97] of 3: "
                                     "no 95 % CI), mde 0.5 %, 3 processes: too few processes"),
              "3 processes: a range, no CI: %s", f ? f->detail : "(no row)");
        f = rm_finding_of(&m, "many", "paired:add/main");
        CHECK(f && strstr(f->detail, ": 1.00\xc3\x97 (95 % CI [1.00\xc3\x97, 1.01\xc3\x97]), "),
              "8 processes: a 95 %% CI: %s", f ? f->detail : "(no row)");
    }
    run_model_free(&m);
    char *md = report_of(dir);
    CHECK(md && strstr(md, "add 1.00\xc3\x97 (range \\[1.00\xc3\x97, 1.01\xc3\x97\\] of 3: no "
                           "95 % CI)"),
          "report.md: the range named");
    CHECK(md && strstr(md, "add 1.00\xc3\x97 (95 % CI \\[1.00\xc3\x97, 1.01\xc3\x97\\])"),
          "report.md: the CI named");
    free(md);
    free(dir);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_rows SRC_DIR WORK_DIR\n");
        return 2;
    }
    src_dir = argv[1];
    work_dir = argv[2];
    mkdir_p(work_dir);
    test_known_answers();
    test_report_follows_rows();
    test_legacy_findings();
    test_limits_from_rows();
    test_paired_interval();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
