/* test_results.c - known answers for the run model, the formatter, the
 * version comparator and the per-process rule.
 * usage: test_results TESTS_DIR WORK_DIR
 *   TESTS_DIR  the tests/ folder (fixtures in report/runs and plot/run1)
 *   WORK_DIR   scratch folder for broken copies of the fixtures */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/units.h"
#include "base/util.h"
#include "results/aggregate.h"
#include "results/claim.h"
#include "results/rundata.h"
#include "results/runmodel.h"
#include "results/stats.h"
#include "results/verdicts.h"
#include "results/writers.h"

#include "../check.h"

static const char *tests_dir, *work_dir;

/* ------------------------------------------------------------ formatter */

static void test_units(void)
{
    static const struct {
        double v;
        const char *unit;
        int style;
        const char *want;
    } t[] = {
        /* the report's known answers (tests/report/golden decide) */
        {125.3, "ns", UNITS_SIG, "125 ns"},
        {91000, "ns", UNITS_SIG, "91.0 \xc2\xb5s"},
        {0.2, "us", UNITS_SIG, "200 ns"},
        {1.61, "ns", UNITS_SIG, "1.61 ns"},
        {6916295, "ns", UNITS_SIG, "6.92 ms"},
        {999.7, "ns", UNITS_SIG, "1.00 \xc2\xb5s"},
        {2.5, "s", UNITS_SIG, "2.50 s"},
        {74, "us", UNITS_SIG, "74.0 \xc2\xb5s"},
        {1.5, "ms", UNITS_SIG, "1.50 ms"},
        {15960, "bytes", UNITS_SIG, "15.6 KiB"},
        {2298880, "bytes", UNITS_SIG, "2.19 MiB"},
        {-0.3, "bytes", UNITS_SIG, "-0.3 B"},
        {0.056, "bytes", UNITS_SIG, "0.056 B"},
        {262144, "bytes", UNITS_SIG, "256 KiB"},
        {4720, "KiB", UNITS_SIG, "4.61 MiB"},
        {4720, "kb", UNITS_SIG, "4.61 MiB"},
        {3.0 * 1073741824.0, "B", UNITS_SIG, "3.00 GiB"},
        {1, "bool", UNITS_SIG, "yes"},
        {0, "bool", UNITS_SIG, "no"},
        {5, "count", UNITS_SIG, "5"},
        {2.5, "count", UNITS_SIG, "2.50"},
        {NAN, "ns", UNITS_SIG, "\xe2\x80\x94"},
        {3972, "MB/s", UNITS_SIG, "3972 MB/s"},
        {12, "", UNITS_SIG, "12"},
        /* trimmed: tick labels, chart legends, the leak verdict */
        {10, "ns", UNITS_TRIM, "10 ns"},
        {2000, "ns", UNITS_TRIM, "2 \xc2\xb5s"},
        {1e9, "ns", UNITS_TRIM, "1 s"},
        {12, "bytes", UNITS_TRIM, "12 B"},
        {4096, "bytes", UNITS_TRIM, "4 KiB"},
        {4997, "bytes", UNITS_TRIM, "4.88 KiB"},
        {1572864, "bytes", UNITS_TRIM, "1.5 MiB"},
        {1000, "bytes", UNITS_TRIM, "1000 B"},
        {0.5, "ns", UNITS_TRIM, "0.5 ns"},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        struct strbuf sb = {0};
        units_fmt_style(&sb, t[i].v, t[i].unit, t[i].style);
        CHECK(sb.buf && !strcmp(sb.buf, t[i].want), "fmt %g '%s' style %d: '%s', want '%s'",
              t[i].v, t[i].unit, t[i].style, sb.buf ? sb.buf : "", t[i].want);
        sb_free(&sb);
    }
    static const struct {
        double r;
        const char *want;
    } r[] = {{3.21, "3.2\xc3\x97"},   {446.2, "446\xc3\x97"}, {0.963, "0.96\xc3\x97"},
             {1.04, "1.04\xc3\x97"},  {58339, "58339\xc3\x97"}, {0.004, "0.004\xc3\x97"},
             {NAN, "\xe2\x80\x94"}};
    for (size_t i = 0; i < ARRAY_LEN(r); i++) {
        struct strbuf sb = {0};
        units_fmt_ratio(&sb, r[i].r);
        CHECK(sb.buf && !strcmp(sb.buf, r[i].want), "ratio %g: '%s', want '%s'", r[i].r,
              sb.buf ? sb.buf : "", r[i].want);
        sb_free(&sb);
    }
    static const struct {
        double c;
        const char *want;
    } p[] = {{-3.41, "-3.41%"}, {12.34, "+12.3%"}, {146.2, "+146%"}, {0, "+0.00%"},
             {NAN, "n/a"}};
    for (size_t i = 0; i < ARRAY_LEN(p); i++) {
        struct strbuf sb = {0};
        units_fmt_pct(&sb, p[i].c);
        CHECK(sb.buf && !strcmp(sb.buf, p[i].want), "pct %g: '%s', want '%s'", p[i].c,
              sb.buf ? sb.buf : "", p[i].want);
        sb_free(&sb);
    }
    static const struct {
        double v;
        const char *want;
    } pl[] = {{262144, "262144"}, {-0.3, "-0.3"}, {1.4, "1.4"}, {1, "1"}, {0, "0"}};
    for (size_t i = 0; i < ARRAY_LEN(pl); i++) {
        struct strbuf sb = {0};
        units_fmt_plain(&sb, pl[i].v);
        CHECK(sb.buf && !strcmp(sb.buf, pl[i].want), "plain %g: '%s', want '%s'", pl[i].v,
              sb.buf ? sb.buf : "", pl[i].want);
        sb_free(&sb);
    }
    double div;
    const char *name;
    CHECK(units_scale(91000, "ns", &div, &name) && div == 1e3 && !strcmp(name, "\xc2\xb5s"),
          "scale 91000 ns: %g %s", div, name);
    CHECK(units_scale(2048, "KiB", &div, &name) && div == 1024 && !strcmp(name, "MiB"),
          "scale 2048 KiB: %g %s", div, name);
    CHECK(!units_scale(5, "count", &div, &name) && div == 1, "count has no scale");
}

/* ------------------------------------------------------------ versions */

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static void test_versions(void)
{
    static const struct {
        const char *a, *b;
        int want;
    } t[] = {
        {"go go1.9", "go go1.21.6", -1},
        {"go go1.21.6", "go go1.26.8", -1},
        {"go go1.9", "go go1.26.8", -1},
        {"go go1.21", "go go1.21.6", -1},
        {"go go1.22.12", "go go1.22.12", 0},
        {"go1.26.8", "go1.21.6", 1},
        {"c gcc 9.5.0", "c gcc 12.2.0", -1},
        /* Where the report's old comparator disagreed: it ignored the family
         * word and compared every digit run (12 < 14: gcc first). */
        {"c gcc 12.2.0", "c clang 14.0.6", 1},
        /* and it read the commit hash and date after the version */
        {"rust rustc 1.95.0 (59807616e 2026-04-14)", "rust rustc 1.95.0 (00000001a 2026-04-14)",
         1},
        {"rust rustc 1.9.0 (a 2020-01-01)", "rust rustc 1.10.0 (b 2019-01-01)", -1},
        {NULL, "go go1.9", -1},
        {NULL, NULL, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        int got = sign(version_cmp(t[i].a, t[i].b)), back = sign(version_cmp(t[i].b, t[i].a));
        CHECK(got == t[i].want && back == -t[i].want, "version_cmp('%s', '%s') = %d, want %d",
              t[i].a ? t[i].a : "NULL", t[i].b ? t[i].b : "NULL", got, t[i].want);
    }
}

/* ------------------------------------------------------------ per process */

static void test_aggregate(void)
{
    /* three processes, three samples each: their medians */
    double x[] = {2.50, 2.52, 2.60, 2.87, 2.80, 2.90, 3.15, 3.10, 3.20};
    long p[] = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    struct proc_values pv;
    aggregate_per_process("ratio", x, p, 9, &pv);
    CHECK(pv.per_process && pv.n == 3 && pv.n_procs == 3 && pv.x[0] == 2.52 &&
              pv.x[1] == 2.87 && pv.x[2] == 3.15 && pv.cv_within_pct > 0,
          "per-process medians: n %zu, %g %g %g", pv.n, pv.n ? pv.x[0] : 0,
          pv.n > 1 ? pv.x[1] : 0, pv.n > 2 ? pv.x[2] : 0);
    proc_values_free(&pv);
    /* call times: each process's lower quartile, x[(m - 1) / 4] sorted */
    aggregate_per_process("ns_per_call", x, p, 9, &pv);
    CHECK(pv.per_process && pv.n == 3 && pv.x[0] == 2.50 && pv.x[1] == 2.80 && pv.x[2] == 3.10,
          "ns_per_call: per-process lower quartiles (3 samples: the smallest): %g %g %g",
          pv.n ? pv.x[0] : 0, pv.n > 1 ? pv.x[1] : 0, pv.n > 2 ? pv.x[2] : 0);
    proc_values_free(&pv);
    {
        /* 9 samples in one of two processes: index (9 - 1) / 4 = 2 */
        double y[] = {9, 1, 8, 2, 7, 3, 6, 4, 5, 10, 10};
        long q[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        aggregate_per_process("baseline_ns_per_call", y, q, 11, &pv);
        CHECK(pv.n == 2 && pv.x[0] == 3 && pv.x[1] == 10,
              "lower quartile of 1..9 is 3, of 10, 10 is 10: %g %g", pv.n ? pv.x[0] : 0,
              pv.n > 1 ? pv.x[1] : 0);
        proc_values_free(&pv);
        CHECK(aggregate_low_quartile("ns_per_call") && !aggregate_low_quartile("ratio") &&
                  !aggregate_low_quartile("dlopen_us"),
              "the lower quartile for call times only");
    }
    /* one sample per process, one process, unknown processes: samples */
    long one_each[] = {0, 1, 2, 3, 4, 5, 6, 7, 8}, same[9] = {0}, unknown[9];
    for (size_t i = 0; i < 9; i++)
        unknown[i] = i % 3 ? (long)(i / 3) : -1;
    const long *cases[] = {one_each, same, unknown, NULL};
    for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
        aggregate_per_process("ns_per_call", x, cases[k], 9, &pv);
        CHECK(!pv.per_process && pv.n == 9 && pv.x[4] == x[4] && isnan(pv.cv_within_pct),
              "case %zu: the samples themselves (n %zu)", k, pv.n);
        /* only one known process is "one process": no test, no mde */
        CHECK(pv.one_process == (cases[k] == same), "case %zu: one_process %d", k,
              pv.one_process);
        CHECK(isnan(aggregate_mde_pct(&pv)) == (cases[k] == same), "case %zu: mde %g", k,
              aggregate_mde_pct(&pv));
        proc_values_free(&pv);
    }
    aggregate_per_process("ns_per_call", x, p, 0, &pv);
    CHECK(pv.n == 0 && !pv.per_process && !pv.one_process, "no samples");
    proc_values_free(&pv);
    /* many processes: the mde is over their medians (stats_mde_pct of 2.52,
     * 2.87, 3.15), not over the 9 correlated samples */
    aggregate_per_process("ratio", x, p, 9, &pv);
    const double med[] = {2.52, 2.87, 3.15};
    CHECK(!pv.one_process && aggregate_mde_pct(&pv) == stats_mde_pct(med, 3) &&
              aggregate_mde_pct(&pv) != stats_mde_pct(x, 9),
          "mde over processes: %g", aggregate_mde_pct(&pv));
    proc_values_free(&pv);
    /* a single value (a file size) is not "one process" */
    long p1 = 4;
    aggregate_per_process("ns_per_call", x, &p1, 1, &pv);
    CHECK(!pv.one_process && isnan(aggregate_mde_pct(&pv)), "one value");
    proc_values_free(&pv);
}

/* ------------------------------------------------------------ claims */

static void test_claim(void)
{
    struct claim_side a = {100, 98, 102, 3.0, 0, 0}, b = {104, 102.5, 106, 2.0, 0, 0};
    /* significant (p) and 4 % >= max(3, 2) % */
    CHECK(claim_difference(&a, &b, 0.01, 0.05) == CLAIM_DIFFERENT, "4%% over mde 3%%");
    CHECK(claim_difference(&a, &b, 0.2, 0.05) == CLAIM_SAME, "p 0.2: same");
    /* significant but below the larger mde */
    b.mde_pct = 5.0;
    CHECK(claim_difference(&a, &b, 0.01, 0.05) == CLAIM_BELOW_MDE, "4%% under mde 5%%");
    /* CIs when there is no p: [98, 102] and [102.5, 106] are apart */
    b.mde_pct = NAN; /* unknown: no bar beyond a's 3 % */
    CHECK(claim_difference(&a, &b, NAN, 0.05) == CLAIM_DIFFERENT, "CIs apart");
    b.ci_low = 101;
    CHECK(claim_difference(&a, &b, NAN, 0.05) == CLAIM_SAME, "CIs overlap");
    /* one process on either side: no test, whatever the numbers */
    b = (struct claim_side){195, 190, 200, NAN, 1, 0};
    CHECK(claim_difference(&a, &b, 0.0, 0.05) == CLAIM_NO_TEST, "one process: no test");
    CHECK(claim_difference(&b, &a, 0.0, 0.05) == CLAIM_NO_TEST, "one process, either side");
    /* summary rows: processes == 1 with n >= 2 is one process */
    struct rm_result ra = {.median = 100, .ci_low = 99, .ci_high = 101, .mde_pct = 1,
                           .n = 20, .processes = 20};
    struct rm_result rb = ra;
    rb.median = 195, rb.ci_low = 190, rb.ci_high = 200;
    CHECK(claim_results(&ra, &rb) == 1, "20 processes a side, CIs apart: claimed");
    /* 3 processes a side: [min, max] is a 75 % interval, not a 95 % CI */
    ra.n = rb.n = ra.processes = rb.processes = 3;
    CHECK(claim_results(&ra, &rb) == 0, "3 values a side: no 95 %% CI, not claimed");
    {
        struct claim_side ca = claim_side_of(&ra), cb = claim_side_of(&rb);
        CHECK(claim_difference(&ca, &cb, NAN, 0.05) == CLAIM_TOO_FEW,
              "3 values a side: too few processes, not 'no difference'");
        CHECK(claim_difference(&ca, &cb, 0.01, 0.05) == CLAIM_DIFFERENT,
              "3 values a side with a test's p: the test decides");
    }
    ra.n = rb.n = ra.processes = rb.processes = 6;
    CHECK(claim_results(&ra, &rb) == 1, "6 values a side, CIs apart: claimed");
    ra.n = rb.n = 20;
    rb.processes = ra.processes = 1;
    CHECK(claim_results(&ra, &rb) == 0, "one process a side: not claimed");
    ra.n = rb.n = 1; /* file sizes: exact single values */
    ra.mde_pct = rb.mde_pct = NAN;
    CHECK(claim_results(&ra, &rb) == 1, "single values that differ: claimed");
}

/* ------------------------------------------------------------ keep */

static void test_keep_metric(void)
{
    struct run_data d = {0};
    rd_add_variant(&d, "v", "i", "c", "gcc");
    rd_add_sample(&d, 0, 0, "cycle", "fresh", "main", "cycle_us", "us", 0, 1);
    rd_add_sample(&d, 0, 1, "cycle", "fresh", "main", "rss_kb", "KiB", 0, 2);
    rd_add_sample(&d, 0, 1, "cycle", "fresh", "main", "cycle_us", "us", 0, 3);
    rd_add_sample(&d, 0, 1, "cycle", "fresh", "main", "unloaded", "bool", 0, 1);
    rd_keep_metric(&d, 1, "cycle_us");
    CHECK(d.ns == 2 && d.s[0].value == 1 && d.s[1].value == 3 &&
              !strcmp(d.s[1].metric, "cycle_us"),
          "rd_keep_metric keeps the samples before first and cycle_us from first on (%zu)",
          d.ns);
    rd_free(&d);
}

/* ------------------------------------------------------------ the model */

static void test_model_report_fixture(void)
{
    char *dir = xasprintf("%s/report/runs/20250601-101502", tests_dir);
    struct run_model m;
    char err[1024];
    int rc = run_model_read(&m, dir, RM_NEED_SUMMARY, err, sizeof err);
    CHECK(rc == 0, "read the report fixture: %s", err);
    CHECK(m.is_folder && !strcmp(m.label, "20250601-101502") &&
              !strcmp(m.run_id, "20250601-101502"),
          "label '%s', run id '%s'", m.label, m.run_id);
    CHECK(m.nv == 7 && m.nr == 252 && m.ns == 1505 && m.n_samples == 1505 && m.nf == 1,
          "counts: %zu variants, %zu results, %zu samples, %zu failures", m.nv, m.nr, m.ns,
          m.nf);
    if (m.nv == 7) {
        CHECK(!strcmp(m.v[0].name, "c@gcc") && m.v[0].baseline && m.v[0].ok &&
                  m.v[0].file_bytes == 15960 && !strcmp(m.v[0].toolchain_version, "c gcc 12.2.0") &&
                  m.v[0].listed,
              "c@gcc as in variants.csv");
        CHECK(!strcmp(m.v[6].name, "segv") && !m.v[6].ok && m.v[6].file_bytes == -1 &&
                  !strcmp(m.v[6].status, "failed"),
              "segv failed, no size");
    }
    CHECK(m.baseline == 0, "baseline index %d", m.baseline);
    const struct rm_result *r = rm_get(&m, "c@gcc", "call", "add", "main", "ns_per_call");
    CHECK(r && !strcmp(r->unit, "ns") && r->n == 10 && fabs(r->median - 1.6165) < 1e-12 &&
              fabs(r->ci_low - 1.577) < 1e-12 && r->ratio == 1 && *r->warnings,
          "c@gcc add: median %g", r ? r->median : NAN);
    struct result_key any_wl = {"c@gcc", "load", NULL, "main", "first_call_us"};
    CHECK(rm_result(&m, &any_wl) != NULL, "a NULL workload matches any");
    CHECK(!rm_get(&m, "nope", "call", "add", "main", "ns_per_call"), "unknown variant");
    struct result_key a = {"x", "call", "add", "main", "m"}, b = {"x", "call", "add", "pthread", "m"};
    CHECK(!result_key_eq(&a, &b) && result_key_eq(&a, &a), "key_eq");
    CHECK(rm_env(&m, "baseline") && !strcmp(rm_env(&m, "baseline"), "c@gcc"), "env baseline");
    /* A folder of an older dlbench: no findings.csv, so none read;
     * verdicts_ensure computes them from the other files. */
    CHECK(m.nfindings == 0 && !m.have_findings, "no findings.csv, no findings read");
    verdicts_ensure(&m);
    const struct rm_finding *f = rm_finding_of(&m, "leak256k", "memory");
    CHECK(f && f->verdict == VERDICT_LEAK && f->value > 235000 && f->value < 290000,
          "leak256k memory: %s %g B/cycle", f ? verdict_word(f->verdict) : "none",
          f ? f->value : NAN);
    f = rm_finding_of(&m, "segv", "unload");
    CHECK(f && f->verdict == VERDICT_NOT_MEASURED, "segv (failed verify): unload not-measured");
    /* findings.csv round trip: written, read back typed. */
    {
        struct strbuf sb = {0};
        write_findings_csv(&m, &sb);
        char *tmp = xasprintf("%s/findings-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        CHECK(mkdtemp(tmp) != NULL, "temp dir");
        char *fp = path_join(tmp, "findings.csv");
        CHECK(write_file_atomic(fp, sb.buf, sb.len) == 0, "write findings.csv");
        char *sp = path_join(tmp, "summary.csv");
        CHECK(write_file_atomic(sp, "variant,scenario,workload,thread,metric,unit,n,median\n",
                                53) == 0,
              "write summary.csv");
        struct run_model m2;
        rc = run_model_read(&m2, tmp, RM_NEED_SUMMARY, err, sizeof err);
        CHECK(rc == 0 && m2.have_findings && m2.nfindings == m.nfindings,
              "findings read back: %zu of %zu (%s)", m2.nfindings, m.nfindings, err);
        const struct rm_finding *g = rm_finding_of(&m2, "leak256k", "memory");
        CHECK(g && g->verdict == VERDICT_LEAK && f && fabs(g->value - 262144) < 30000,
              "typed verdict read back");
        run_model_free(&m2);
        unlink(fp), unlink(sp), rmdir(tmp);
        free(fp), free(sp), free(tmp);
        sb_free(&sb);
    }
    CHECK(m.nf == 1 && !strcmp(m.f[0].variant, "segv") && !strcmp(m.f[0].scenario, "verify") &&
              *m.f[0].log,
          "the failure");
    CHECK(m.ncharts == 0, "no charts in the fixture");
    size_t n_rss = 0;
    for (size_t i = 0; i < m.ns; i++)
        n_rss += !strcmp(m.s[i].key.metric, "rss_kb") && m.s[i].rep >= 0;
    CHECK(n_rss > 0 && m.s[0].process == -1, "samples: %zu rss_kb with a cycle index", n_rss);
    run_model_free(&m);

    /* compare reads results.csv, and variants.csv for the build IDs: this
     * folder's is older than the column, so every build_id is "" */
    rc = run_model_read(&m, dir, RM_NEED_RESULTS | RM_RESULTS_ONLY, err, sizeof err);
    CHECK(rc == 0 && m.ns == 1505 && m.nr == 0 && m.nv == 7 && m.nenv == 0,
          "results only: %zu samples, %zu results, %zu variants", m.ns, m.nr, m.nv);
    int no_id = 1;
    for (size_t i = 0; i < m.nv; i++)
        no_id &= m.v[i].build_id && !*m.v[i].build_id;
    CHECK(no_id, "results only: variants.csv without build_id: every build_id \"\"");
    run_model_free(&m);
    free(dir);
}

static void test_model_plot_fixture(void)
{
    char *dir = xasprintf("%s/plot/run1", tests_dir);
    struct run_model m;
    char err[1024];
    int rc = run_model_read(&m, dir, RM_NEED_SUMMARY | RM_NEED_VARIANTS, err, sizeof err);
    CHECK(rc == 0, "read the plot fixture: %s", err);
    CHECK(m.nv == 7 && m.nr == 240 && m.ns == 1644 && m.nf == 1 && m.baseline == 0,
          "counts: %zu variants, %zu results, %zu samples", m.nv, m.nr, m.ns);
    CHECK(!strcmp(m.label, "run1"), "label '%s'", m.label);
    const struct rm_result *r =
        rm_get(&m, "c@gcc", "cycle", "fresh", "main", "leak_bytes_per_cycle");
    CHECK(r && r->median == 12 && !strcmp(r->unit, "bytes"), "c@gcc leak slope");
    CHECK(m.nv == 7 && !strcmp(m.v[3].toolchain, "go1.21.6") && !strcmp(m.v[3].lang, "go") &&
              !strcmp(m.v[3].exports, "12"),
          "go@go1.21.6 columns");
    run_model_free(&m);
    free(dir);
}

static void write_text(const char *path, const char *text)
{
    write_file_atomic(path, text, strlen(text));
}

static void test_model_errors(void)
{
    struct run_model m;
    char err[1024];
    int rc = run_model_read(&m, "/nonexistent/run", RM_NEED_SUMMARY, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "'/nonexistent/run' is not a run folder"), "missing: %s",
          err);
    run_model_free(&m);
    rc = run_model_read(&m, "/nonexistent/results.csv", RM_NEED_RESULTS, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "cannot read '/nonexistent/results.csv'"), "missing file: %s",
          err);
    run_model_free(&m);

    char *dir = xasprintf("%s/broken", work_dir);
    mkdir_p(dir);
    char *sp = path_join(dir, "summary.csv"), *rp = path_join(dir, "results.csv");
    unlink(sp);
    unlink(rp);
    rc = run_model_read(&m, dir, RM_NEED_SUMMARY, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "cannot read '") && strstr(err, "summary.csv"),
          "no summary: %s", err);
    run_model_free(&m);
    rc = run_model_read(&m, dir, 0, err, sizeof err);
    CHECK(rc == 0 && m.nr == 0 && m.n_samples == -1, "nothing required, nothing there");
    run_model_free(&m);
    write_text(sp, "variant,scenario\n\"unterminated\n");
    rc = run_model_read(&m, dir, RM_NEED_SUMMARY, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "cannot read '"), "broken CSV: %s", err);
    run_model_free(&m);
    write_text(sp, "variant,scenario\nx,call\n");
    rc = run_model_read(&m, dir, RM_NEED_SUMMARY, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "no column 'workload'"), "missing column: %s", err);
    run_model_free(&m);
    write_text(rp, "variant,scenario,workload,thread,metric,value\nx,call,add,main,m,abc\n");
    rc = run_model_read(&m, rp, RM_NEED_RESULTS, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "row 2: value 'abc' is not a number"), "bad value: %s", err);
    run_model_free(&m);
    write_text(rp, "variant,scenario,workload,thread,metric,value,process\n"
                   "x,call,add,main,m,1.5,3\nx,call,add,main,m,,4\n");
    rc = run_model_read(&m, rp, RM_NEED_RESULTS, err, sizeof err);
    CHECK(rc == 0 && !m.is_folder && !strcmp(m.label, "results.csv") && m.ns == 2 &&
              m.s[0].value == 1.5 && m.s[0].process == 3 && isnan(m.s[1].value) &&
              m.s[0].rep == -1 && !*m.s[0].impl,
          "bare results.csv: %s", err);
    run_model_free(&m);
    /* compare's read: a broken variants.csv only costs the build IDs */
    char *vp = path_join(dir, "variants.csv");
    write_text(vp, "variant,build_id\n\"unterminated\n");
    rc = run_model_read(&m, dir, RM_NEED_RESULTS | RM_RESULTS_ONLY, err, sizeof err);
    CHECK(rc == 0 && m.ns == 2 && m.nv == 0, "results only, broken variants.csv: %s", err);
    run_model_free(&m);
    write_text(vp, "variant,build_id\nx,38d563b7\n");
    rc = run_model_read(&m, dir, RM_NEED_RESULTS | RM_RESULTS_ONLY, err, sizeof err);
    CHECK(rc == 0 && m.nv == 1 && !strcmp(m.v[0].build_id, "38d563b7"),
          "results only: build_id read: %s", err);
    run_model_free(&m);
    unlink(vp);
    free(vp);
    free(sp), free(rp), free(dir);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_results TESTS_DIR WORK_DIR\n");
        return 2;
    }
    tests_dir = argv[1];
    work_dir = argv[2];
    mkdir_p(work_dir);
    test_units();
    test_versions();
    test_aggregate();
    test_claim();
    test_keep_metric();
    test_model_report_fixture();
    test_model_plot_fixture();
    test_model_errors();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
