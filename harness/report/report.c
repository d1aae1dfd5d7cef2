/* report.c - report.md, report.html and the terminal summary of a run
 * folder. See report.h.
 *
 * Three layers, as elsewhere in dlbench: the folder's files are read into
 * `struct data` (strings borrowed from the CSV tables); `build_model()`
 * turns them into a format-free `struct model` (headline cells, findings,
 * warnings, charts, reproduce line) holding plain text only; one renderer
 * per format escapes that text for Markdown, HTML or a terminal. Nothing
 * here knows variant names: every finding is computed from the numbers. */
#define _GNU_SOURCE
#include "report/report.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/dbmath.h"
#include "results/rundata.h"
#include "base/util.h"

#define MICRO "\xc2\xb5"
#define TIMES "\xc3\x97"
#define DASH "\xe2\x80\x94"
#define ARROW "\xe2\x86\x92"

/* Thresholds of the findings (stated in the report's text). */
#define THREAD_RATIO_MIN 2.0     /* main vs pthread cost ratio worth a finding */
#define SIZE_OUTLIER_RATIO 10.0  /* file size vs the smallest library */
#define FIRST_CALL_MIN_US 10.0   /* first call below this never "dominates" */
#define MAX_LISTED 6             /* results named per warning group */

/* ================================================================ numbers */

/* Three significant digits without an exponent: 0.153, 1.61, 94.3, 446,
 * 262144. */
static void fmt_sig(struct strbuf *sb, double v)
{
    double a = fabs(v);
    if (a == 0) {
        sb_append(sb, "0");
        return;
    }
    if (a >= 99.95)
        sb_printf(sb, "%.0f", v);
    else if (a >= 9.995)
        sb_printf(sb, "%.1f", v);
    else if (a >= 0.9995)
        sb_printf(sb, "%.2f", v);
    else
        sb_printf(sb, "%.3g", v);
}

static double time_scale_ns(const char *unit)
{
    if (!strcmp(unit, "ns"))
        return 1;
    if (!strcmp(unit, "us"))
        return 1e3;
    if (!strcmp(unit, "ms"))
        return 1e6;
    if (!strcmp(unit, "s"))
        return 1e9;
    return 0;
}

static double byte_scale(const char *unit)
{
    if (!strcmp(unit, "bytes") || !strcmp(unit, "B"))
        return 1;
    if (!strcmp(unit, "KiB") || !strcmp(unit, "kb"))
        return 1024;
    if (!strcmp(unit, "MiB"))
        return 1024.0 * 1024;
    return 0;
}

/* Picks the byte unit for magnitude a (bytes). */
static void byte_unit(double a, double *div, const char **name)
{
    static const char *const names[] = {"B", "KiB", "MiB", "GiB"};
    size_t i = 0;
    double d = 1;
    while (i + 1 < ARRAY_LEN(names) && a >= 1024 * d) {
        d *= 1024;
        i++;
    }
    *div = d;
    *name = names[i];
}

static void time_unit(double a, double *div, const char **name)
{
    if (a < 999.5) {
        *div = 1, *name = "ns";
    } else if (a < 999.5e3) {
        *div = 1e3, *name = MICRO "s";
    } else if (a < 999.5e6) {
        *div = 1e6, *name = "ms";
    } else {
        *div = 1e9, *name = "s";
    }
}

void report_fmt_value(struct strbuf *sb, double v, const char *unit)
{
    if (isnan(v)) {
        sb_append(sb, DASH);
        return;
    }
    double s;
    if (!strcmp(unit, "bool")) {
        sb_append(sb, v != 0 ? "yes" : "no");
    } else if ((s = time_scale_ns(unit)) > 0) {
        double div;
        const char *name;
        time_unit(fabs(v * s), &div, &name);
        fmt_sig(sb, v * s / div);
        sb_printf(sb, " %s", name);
    } else if ((s = byte_scale(unit)) > 0) {
        double div;
        const char *name;
        byte_unit(fabs(v * s), &div, &name);
        fmt_sig(sb, v * s / div);
        sb_printf(sb, " %s", name);
    } else {
        if (v == db_floor(v) && fabs(v) < 1e15)
            sb_printf(sb, "%.0f", v); /* counts: 5, not 5.00 */
        else
            fmt_sig(sb, v);
        if (*unit && strcmp(unit, "count"))
            sb_printf(sb, " %s", unit);
    }
}

void report_fmt_ratio(struct strbuf *sb, double r)
{
    if (isnan(r)) {
        sb_append(sb, DASH);
        return;
    }
    if (isinf(r))
        sb_append(sb, "inf");
    else if (r >= 9.95)
        sb_printf(sb, "%.0f", r);
    else if (r >= 1.995)
        sb_printf(sb, "%.1f", r);
    else if (r >= 0.01)
        sb_printf(sb, "%.2f", r);
    else
        sb_printf(sb, "%.2g", r);
    sb_append(sb, TIMES);
}

/* A plain number for slopes and CIs in bytes: 262144, -0.3, 1.4, 1. */
static void fmt_plain(struct strbuf *sb, double v)
{
    if (fabs(v) >= 999.5)
        sb_printf(sb, "%.0f", v);
    else
        sb_printf(sb, "%.3g", v == 0 ? 0.0 : v);
}

/* ================================================================= input */

struct srow {
    const char *variant, *scenario, *workload, *thread, *metric, *unit, *warnings;
    double n, median, cv, ci_low, ci_high, ratio;
};

struct envkv {
    char *key, *value;
};

struct rvar {
    const char *name, *impl, *tcv, *toolchain;
    int ok, baseline;
};

struct data {
    char *dir, *run_id;
    struct csv_table summary, variants, failures;
    struct srow *rows;
    size_t nrows;
    struct rvar *v;
    size_t nv;
    int base;              /* index into v, -1 = none */
    struct envkv *env;
    size_t nenv;
    long n_samples;        /* rows of results.csv, -1 when missing */
    char fib[32];          /* largest call workload fib/N, "" if none */
    struct strlist chart_names, chart_md, chart_svg, chart_png; /* parallel */
};

static const char *env_get(const struct data *d, const char *key)
{
    for (size_t i = 0; i < d->nenv; i++)
        if (!strcmp(d->env[i].key, key))
            return d->env[i].value;
    return NULL;
}

static int load_table(const char *dir, const char *file, struct csv_table *t, int required,
                      char *err, size_t errlen)
{
    char *p = path_join(dir, file);
    int rc = 0;
    if (!required && !is_file(p)) {
        memset(t, 0, sizeof *t);
        goto out;
    }
    char why[1024];
    if (csv_load(p, t, why, sizeof why) != 0) {
        snprintf(err, errlen, "cannot read '%s': %s", p, why);
        rc = -1;
    }
out:
    free(p);
    return rc;
}

static const char *field(const struct csv_table *t, size_t row, int col)
{
    return col >= 0 ? t->rows[row][col] : "";
}

static int find_variant(const struct data *d, const char *name)
{
    for (size_t i = 0; i < d->nv; i++)
        if (!strcmp(d->v[i].name, name))
            return (int)i;
    return -1;
}

static void load_env(struct data *d)
{
    char *p = path_join(d->dir, "env.txt");
    size_t len;
    char *text = read_file(p, &len, 1 << 20);
    free(p);
    if (!text)
        return;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *colon = strstr(line, ": ");
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[--ll] = '\0';
        if (!colon) {
            if (ll && line[ll - 1] == ':')
                colon = line + ll - 1; /* "key:" with an empty value */
            else
                continue;
        }
        d->env = xrealloc(d->env, (d->nenv + 1) * sizeof *d->env);
        d->env[d->nenv].key = xstrndup(line, (size_t)(colon - line));
        d->env[d->nenv].value = xstrdup(colon[1] ? colon + 2 : "");
        d->nenv++;
    }
    free(text);
}

static int name_is_safe(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-' || *s == '.'))
            return 0;
    return 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The charts plot.c draws, in report order, and their titles. */
static const char *const known_charts[][2] = {
    {"call_latency", "Call latency"},
    {"load", "Load cost"},
    {"cycle_cost", "Cost of a dlopen/dlclose cycle"},
    {"cycle_rss", "RSS over dlopen/dlclose cycles"},
    {"size", "Library size"},
    {"process", "Process cold start"},
    {"toolchains", "Toolchains"},
};

static void load_charts(struct data *d)
{
    char *cdir = path_join(d->dir, "charts");
    struct strlist stems = {0};
    DIR *dh = opendir(cdir);
    if (dh) {
        struct dirent *e;
        while ((e = readdir(dh))) {
            const char *dot = strrchr(e->d_name, '.');
            if (e->d_name[0] == '.' || !dot || (strcmp(dot, ".png") && strcmp(dot, ".svg")))
                continue;
            char *stem = xstrndup(e->d_name, (size_t)(dot - e->d_name));
            if (name_is_safe(stem) && !sl_contains(&stems, stem))
                sl_push(&stems, stem);
            free(stem);
        }
        closedir(dh);
    }
    if (stems.n)
        qsort(stems.v, stems.n, sizeof *stems.v, cmp_str);
    /* known charts first, in their order, then any other, by name */
    struct strlist order = {0};
    for (size_t i = 0; i < ARRAY_LEN(known_charts); i++)
        if (sl_contains(&stems, known_charts[i][0]))
            sl_push(&order, known_charts[i][0]);
    for (size_t i = 0; i < stems.n; i++)
        if (!sl_contains(&order, stems.v[i]))
            sl_push(&order, stems.v[i]);
    for (size_t i = 0; i < order.n; i++) {
        char *png = xasprintf("%s/%s.png", cdir, order.v[i]);
        char *svg = xasprintf("%s/%s.svg", cdir, order.v[i]);
        int has_png = is_file(png), has_svg = is_file(svg);
        sl_push(&d->chart_names, order.v[i]);
        sl_push_owned(&d->chart_md, xasprintf("charts/%s.%s", order.v[i], has_png ? "png" : "svg"));
        sl_push(&d->chart_svg, has_svg ? svg : "");
        sl_push(&d->chart_png, has_png ? png : "");
        free(png);
        free(svg);
    }
    sl_free(&order);
    sl_free(&stems);
    free(cdir);
}

static long count_samples(const char *dir)
{
    char *p = path_join(dir, "results.csv");
    size_t len;
    char *text = read_file(p, &len, (size_t)512 << 20);
    free(p);
    if (!text)
        return -1;
    long lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    if (len && text[len - 1] != '\n')
        lines++;
    free(text);
    return lines > 0 ? lines - 1 : 0;
}

static void data_free(struct data *d)
{
    free(d->dir);
    free(d->run_id);
    csv_free(&d->summary);
    csv_free(&d->variants);
    csv_free(&d->failures);
    free(d->rows);
    free(d->v);
    for (size_t i = 0; i < d->nenv; i++)
        free(d->env[i].key), free(d->env[i].value);
    free(d->env);
    sl_free(&d->chart_names);
    sl_free(&d->chart_md);
    sl_free(&d->chart_svg);
    sl_free(&d->chart_png);
}

static int data_load(struct data *d, const char *run_dir, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    d->base = -1;
    d->dir = xstrdup(run_dir);
    /* The run id is the folder's name; reports/latest is resolved first. */
    char *real = path_real(run_dir);
    d->run_id = path_basename(real ? real : run_dir);
    free(real);

    if (!is_dir(run_dir)) {
        snprintf(err, errlen, "'%s' is not a run folder", run_dir);
        return -1;
    }
    if (load_table(run_dir, "summary.csv", &d->summary, 1, err, errlen) ||
        load_table(run_dir, "variants.csv", &d->variants, 0, err, errlen) ||
        load_table(run_dir, "failures.csv", &d->failures, 0, err, errlen))
        return -1;

    static const char *const need[] = {"variant", "scenario", "workload", "thread",
                                       "metric",  "unit",     "n",        "median"};
    for (size_t i = 0; i < ARRAY_LEN(need); i++)
        if (csv_col(&d->summary, need[i]) < 0) {
            snprintf(err, errlen, "'%s/summary.csv' has no column '%s'", run_dir, need[i]);
            return -1;
        }
    const struct csv_table *s = &d->summary;
    int c_var = csv_col(s, "variant"), c_sc = csv_col(s, "scenario"),
        c_wl = csv_col(s, "workload"), c_th = csv_col(s, "thread"), c_me = csv_col(s, "metric"),
        c_un = csv_col(s, "unit"), c_n = csv_col(s, "n"), c_med = csv_col(s, "median"),
        c_cv = csv_col(s, "cv"), c_lo = csv_col(s, "ci_low"), c_hi = csv_col(s, "ci_high"),
        c_ra = csv_col(s, "ratio_to_baseline"), c_w = csv_col(s, "warnings"),
        c_impl = csv_col(s, "impl"), c_tcv = csv_col(s, "toolchain_version"),
        c_tc = csv_col(s, "toolchain");
    d->rows = xcalloc(s->n_rows ? s->n_rows : 1, sizeof *d->rows);
    for (size_t i = 0; i < s->n_rows; i++) {
        struct srow *r = &d->rows[d->nrows++];
        r->variant = field(s, i, c_var);
        r->scenario = field(s, i, c_sc);
        r->workload = field(s, i, c_wl);
        r->thread = field(s, i, c_th);
        r->metric = field(s, i, c_me);
        r->unit = field(s, i, c_un);
        r->warnings = field(s, i, c_w);
        r->n = csv_num(field(s, i, c_n));
        r->median = csv_num(field(s, i, c_med));
        r->cv = csv_num(field(s, i, c_cv));
        r->ci_low = c_lo >= 0 ? csv_num(field(s, i, c_lo)) : r->median;
        r->ci_high = c_hi >= 0 ? csv_num(field(s, i, c_hi)) : r->median;
        if (isnan(r->ci_low))
            r->ci_low = r->median;
        if (isnan(r->ci_high))
            r->ci_high = r->median;
        r->ratio = csv_num(field(s, i, c_ra));
        if (!strcmp(r->scenario, "call") && !strncmp(r->workload, "fib/", 4)) {
            long nw = strtol(r->workload + 4, NULL, 10);
            long have = d->fib[0] ? strtol(d->fib + 4, NULL, 10) : -1;
            if (nw > have)
                snprintf(d->fib, sizeof d->fib, "%s", r->workload);
        }
    }

    /* Variants: variants.csv when present (bench.toml order, status,
     * baseline), else the order of summary.csv. */
    const struct csv_table *vt = &d->variants;
    if (vt->n_cols && csv_col(vt, "variant") >= 0) {
        int cv = csv_col(vt, "variant"), ci = csv_col(vt, "impl"),
            ct = csv_col(vt, "toolchain_version"), ctc = csv_col(vt, "toolchain"),
            cs = csv_col(vt, "status"), cb = csv_col(vt, "baseline");
        d->v = xcalloc(vt->n_rows ? vt->n_rows : 1, sizeof *d->v);
        for (size_t i = 0; i < vt->n_rows; i++) {
            if (find_variant(d, field(vt, i, cv)) >= 0)
                continue;
            struct rvar *v = &d->v[d->nv++];
            v->name = field(vt, i, cv);
            v->impl = field(vt, i, ci);
            v->tcv = field(vt, i, ct);
            v->toolchain = field(vt, i, ctc);
            v->ok = cs < 0 || strcmp(field(vt, i, cs), "failed") != 0;
            v->baseline = cb >= 0 && !strcmp(field(vt, i, cb), "1");
        }
    }
    load_env(d);
    /* A run writes its report while still in its staging folder: env.txt
     * knows the name it will have. */
    if (env_get(d, "run_id") && env_get(d, "run_id")[0]) {
        free(d->run_id);
        d->run_id = xstrdup(env_get(d, "run_id"));
    }
    for (size_t i = 0; i < d->nrows; i++) {
        if (find_variant(d, d->rows[i].variant) >= 0)
            continue;
        d->v = xrealloc(d->v, (d->nv + 1) * sizeof *d->v);
        struct rvar *v = &d->v[d->nv++];
        memset(v, 0, sizeof *v);
        v->name = d->rows[i].variant;
        v->impl = field(s, i, c_impl);
        v->tcv = field(s, i, c_tcv);
        v->toolchain = field(s, i, c_tc);
        v->ok = 1;
    }
    for (size_t i = 0; i < d->nv; i++)
        if (d->v[i].baseline && d->base < 0)
            d->base = (int)i;
    if (d->base < 0 && env_get(d, "baseline"))
        d->base = find_variant(d, env_get(d, "baseline"));
    d->n_samples = count_samples(run_dir);
    load_charts(d);
    return 0;
}

/* The summary row of (variant, scenario, workload, thread, metric);
 * workload NULL matches any workload (first_call_us is written with the
 * workload called first, or with none). */
static const struct srow *get(const struct data *d, const char *variant, const char *scenario,
                              const char *workload, const char *thread, const char *metric)
{
    for (size_t i = 0; i < d->nrows; i++) {
        const struct srow *r = &d->rows[i];
        if (!strcmp(r->variant, variant) && !strcmp(r->scenario, scenario) &&
            (!workload || !strcmp(r->workload, workload)) && !strcmp(r->thread, thread) &&
            !strcmp(r->metric, metric) && !isnan(r->median))
            return r;
    }
    return NULL;
}

static int cis_overlap(const struct srow *a, const struct srow *b)
{
    return a->ci_low <= b->ci_high && b->ci_low <= a->ci_high;
}

/* ================================================================= model */

enum col_kind { COL_VALUE, COL_LEAK, COL_UNLOADED };

struct col {
    const char *head;       /* table header */
    const char *term;       /* terminal header ("" = not in the terminal table) */
    const char *label;      /* in findings */
    const char *scenario, *workload, *thread, *metric; /* workload "FIB": largest fib */
    enum col_kind kind;
    int rank;               /* in "fastest and slowest" */
    int unload_only;        /* rank only variants that unload */
};

static const struct col cols[] = {
    {"add (main)", "add main", "add (main thread)", "call", "add", "main", "ns_per_call",
     COL_VALUE, 1, 0},
    {"add (pthread)", "add pthr", "add (pthread)", "call", "add", "pthread", "ns_per_call",
     COL_VALUE, 1, 0},
    {NULL, "fib", NULL, "call", "FIB", "main", "ns_per_call", COL_VALUE, 1, 0},
    {"hello (main)", "", "hello (main thread)", "call", "hello", "main", "ns_per_call",
     COL_VALUE, 1, 0},
    {"dlopen", "dlopen", "dlopen", "load", "", "main", "dlopen_us", COL_VALUE, 1, 0},
    {"first call", "1st call", "first call", "load", NULL, "main", "first_call_us", COL_VALUE, 1,
     0},
    {"cycle (fresh)", "cycle", "dlopen/dlclose cycle (fresh, variants that unload)", "cycle",
     "fresh", "main", "cycle_us", COL_VALUE, 1, 1},
    {"leak/cycle (fresh) [95 % CI]", "leak/cycle", NULL, "cycle", "fresh", "main",
     "leak_bytes_per_cycle", COL_LEAK, 0, 0},
    {"unloaded", "unloaded", NULL, "cycle", "fresh", "main", "unloaded", COL_UNLOADED, 0, 0},
    {"file size", "size", "file size", "size", "", "", "file_bytes", COL_VALUE, 1, 0},
    {"cold start", "", "process cold start", "process", "once", "main", "wall_ms", COL_VALUE, 1,
     0},
};
#define NCOLS ARRAY_LEN(cols)

static const struct srow *col_get(const struct data *d, size_t c, const char *variant)
{
    const char *wl = cols[c].workload;
    if (wl && !strcmp(wl, "FIB"))
        wl = d->fib;
    return get(d, variant, cols[c].scenario, wl, cols[c].thread, cols[c].metric);
}

static void col_label(const struct data *d, size_t c, struct strbuf *sb)
{
    if (cols[c].workload && !strcmp(cols[c].workload, "FIB"))
        sb_printf(sb, "%s (main thread)", d->fib[0] ? d->fib : "fib");
    else
        sb_append(sb, cols[c].label);
}

struct finding {
    int level;   /* 0 bullet, 1 nested bullet */
    int prio;    /* terminal summary: 1 (first) .. 9; 0 = not in the terminal */
    char *text;  /* plain text */
};

struct model {
    char *title, *setup, *status_note, *legend, *findings_intro, *repro_note;
    char *heads[NCOLS + 1];
    char **cells;          /* nv x (NCOLS + 1), row-major, column 0 the name */
    char **term;           /* nv x (NCOLS + 1): terminal cells, no ratios */
    struct finding *f;
    size_t nf;
    struct strlist warnings;
    struct strlist repro;  /* command lines */
};

static void add_finding(struct model *m, int level, int prio, char *text)
{
    m->f = xrealloc(m->f, (m->nf + 1) * sizeof *m->f);
    m->f[m->nf++] = (struct finding){level, prio, text};
}

static void model_free(struct model *m, size_t nv)
{
    free(m->title), free(m->setup), free(m->status_note), free(m->legend);
    free(m->findings_intro), free(m->repro_note);
    for (size_t i = 0; i <= NCOLS; i++)
        free(m->heads[i]);
    for (size_t i = 0; m->cells && i < nv * (NCOLS + 1); i++)
        free(m->cells[i]), free(m->term[i]);
    free(m->cells);
    free(m->term);
    for (size_t i = 0; i < m->nf; i++)
        free(m->f[i].text);
    free(m->f);
    sl_free(&m->warnings);
    sl_free(&m->repro);
}

/* "go1.22.12" from "go go1.22.12", "gcc 12.2.0" from "c gcc 12.2.0",
 * "rustc 1.95.0" from "rust rustc 1.95.0 (59807616e 2026-04-14)"; the
 * variant name when there is nothing better. */
static char *toolchain_label(const struct rvar *v)
{
    const char *t = v->tcv ? v->tcv : "";
    size_t il = v->impl ? strlen(v->impl) : 0;
    if (il && !strncmp(t, v->impl, il) && t[il] == ' ')
        t += il + 1;
    size_t n = strcspn(t, "(");
    while (n && t[n - 1] == ' ')
        n--;
    if (!n)
        return xstrdup(v->toolchain && *v->toolchain ? v->toolchain : v->name);
    return xstrndup(t, n);
}

/* Toolchain_version with its digits and dots removed: "go go" for every Go
 * release, "c gcc" vs "c clang" for different compilers. */
static char *toolchain_family(const struct rvar *v)
{
    struct strbuf sb = {0};
    sb_append(&sb, "");
    for (const char *p = v->tcv ? v->tcv : ""; *p && *p != '('; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.'))
            sb_appendc(&sb, *p);
    return sb_detach(&sb);
}

/* Compares the numbers in two toolchain versions ("go1.22.12" < "go1.26.8"). */
static int version_cmp(const char *a, const char *b)
{
    for (;;) {
        while (*a && !(*a >= '0' && *a <= '9'))
            a++;
        while (*b && !(*b >= '0' && *b <= '9'))
            b++;
        if (!*a || !*b)
            return (*a != 0) - (*b != 0);
        char *ea, *eb;
        unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);
        if (x != y)
            return x < y ? -1 : 1;
        a = ea, b = eb;
    }
}

static void join_names(struct strbuf *sb, const struct strlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sb_append(sb, i + 1 == l->n ? " and " : ", ");
        sb_append(sb, l->v[i]);
    }
}

static int var_unloads(const struct data *d, const char *name)
{
    const struct srow *u = get(d, name, "cycle", "fresh", "main", "unloaded");
    const struct srow *nd = get(d, name, "size", "", "", "nodelete");
    if (nd && nd->median == 1)
        return 0;
    if (u)
        return u->median != 0;
    return -1;
}

/* ------------------------------------------------------------- findings */

static void find_unload(const struct data *d, struct model *m)
{
    if (!d->v)
        return;
    const struct rvar *b = d->base >= 0 ? &d->v[d->base] : NULL;
    const struct srow *bcyc = b ? get(d, b->name, "cycle", "fresh", "main", "cycle_us") : NULL;
    if (b && var_unloads(d, b->name) != 1)
        bcyc = NULL;
    int measured = 0, stay = 0;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rvar *v = &d->v[i];
        if (!v->ok)
            continue;
        const struct srow *nd = get(d, v->name, "size", "", "", "nodelete");
        const struct srow *un = get(d, v->name, "cycle", "fresh", "main", "unloaded");
        const struct srow *cyc = get(d, v->name, "cycle", "fresh", "main", "cycle_us");
        measured += nd || un;
        struct strbuf sb = {0};
        if (nd && nd->median == 1) {
            sb_printf(&sb, "%s never unloads (DF_1_NODELETE): dlclose leaves it mapped, so its "
                           "dlopen/dlclose cycles are reference-count operations", v->name);
            if (cyc && bcyc && b != v) {
                struct strbuf a = {0}, c = {0};
                report_fmt_value(&a, cyc->median, cyc->unit);
                report_fmt_value(&c, bcyc->median, bcyc->unit);
                sb_printf(&sb, " (%s per cycle vs %s for %s, which unloads)", a.buf, c.buf,
                          b->name);
                sb_free(&a), sb_free(&c);
            }
            if (un && un->median != 0)
                sb_append(&sb, "; yet the cycle check saw it unloaded: check the cycle data");
        } else if (un && un->median == 0) {
            sb_printf(&sb, "%s is not unloaded by dlclose although it is not marked "
                           "DF_1_NODELETE: something keeps it loaded (e.g. a registered "
                           "thread-local destructor or another reference), so its cycles do "
                           "not reload it", v->name);
        }
        if (sb.len) {
            stay++;
            sb_append(&sb, ".");
            add_finding(m, 0, 1, sb_detach(&sb));
        }
        sb_free(&sb);
    }
    if (measured && !stay)
        add_finding(m, 0, 1, xstrdup("Every measured variant unloads on dlclose."));
}

static void find_threads(const struct data *d, struct model *m)
{
    for (size_t i = 0; i < d->nv; i++) {
        const struct rvar *v = &d->v[i];
        const struct srow *a = get(d, v->name, "call", "add", "main", "ns_per_call");
        const struct srow *p = get(d, v->name, "call", "add", "pthread", "ns_per_call");
        if (!v->ok || !a || !p || a->median <= 0 || p->median <= 0)
            continue;
        const struct srow *hi = a->median >= p->median ? a : p, *lo = hi == a ? p : a;
        double r = hi->median / lo->median;
        if (r < THREAD_RATIO_MIN || cis_overlap(a, p))
            continue;
        struct strbuf sb = {0}, x = {0}, y = {0}, rr = {0};
        report_fmt_value(&x, hi->median, hi->unit);
        report_fmt_value(&y, lo->median, lo->unit);
        report_fmt_ratio(&rr, r);
        sb_printf(&sb, "Calling %s from %s costs %s as much as from %s (add: %s vs %s per call).",
                  v->name, hi == a ? "the main thread" : "a pthread", rr.buf,
                  hi == a ? "a pthread" : "the main thread", x.buf, y.buf);
        add_finding(m, 0, 2, sb_detach(&sb));
        sb_free(&x), sb_free(&y), sb_free(&rr);
    }
}

static void find_leaks(const struct data *d, struct model *m)
{
    int head = 0;
    for (size_t i = 0; i < d->nv; i++) {
        const struct rvar *v = &d->v[i];
        const struct srow *s = get(d, v->name, "cycle", "fresh", "main", "leak_bytes_per_cycle");
        if (!v->ok || !s)
            continue;
        if (!head) {
            add_finding(m, 0, 0, xstrdup("Leak per dlopen/dlclose cycle (fresh mode; slope of "
                                         "RSS over the cycles with its 95 % CI):"));
            head = 1;
        }
        const struct srow *lo = get(d, v->name, "cycle", "fresh", "main", "leak_ci_low");
        const struct srow *hi = get(d, v->name, "cycle", "fresh", "main", "leak_ci_high");
        struct strbuf sb = {0}, ci = {0};
        if (lo && hi) {
            sb_append(&ci, ", CI [");
            fmt_plain(&ci, lo->median);
            sb_append(&ci, ", ");
            fmt_plain(&ci, hi->median);
            sb_append(&ci, "]");
        } else {
            sb_append(&ci, ", no CI");
        }
        int prio = 0;
        if (lo && lo->median > 0) {
            sb_printf(&sb, "%s leaks ~", v->name);
            report_fmt_value(&sb, s->median, "bytes");
            sb_append(&sb, " per load cycle: slope ");
            fmt_plain(&sb, s->median);
            sb_printf(&sb, " B/cycle%s", ci.buf);
            prio = 3;
        } else if (hi && hi->median < 0) {
            sb_printf(&sb, "%s: no leak (RSS shrinks over the cycles): slope ", v->name);
            fmt_plain(&sb, s->median);
            sb_printf(&sb, " B/cycle%s", ci.buf);
        } else {
            sb_printf(&sb, "%s: no leak detected: slope ", v->name);
            fmt_plain(&sb, s->median);
            sb_printf(&sb, " B/cycle%s", ci.buf);
        }
        if (var_unloads(d, v->name) == 0)
            sb_append(&sb, " (never unloaded: this covers reference-count cycles only)");
        sb_append(&sb, ".");
        /* `run --leak-check` writes its three-way verdict into env.txt */
        char *vk = xasprintf("leak_verdict %s", v->name);
        const char *verdict = env_get(d, vk);
        if (verdict && *verdict)
            sb_printf(&sb, " Leak check (valgrind, Go heap, RSS): %s.", verdict);
        free(vk);
        add_finding(m, 1, prio, sb_detach(&sb));
        sb_free(&ci);
    }
}

static void find_first_call(const struct data *d, struct model *m)
{
    if (!d->v)
        return;
    const struct rvar *b = d->base >= 0 ? &d->v[d->base] : NULL;
    double bload = NAN;
    if (b) {
        const struct srow *bd = get(d, b->name, "load", "", "main", "dlopen_us");
        const struct srow *bf = get(d, b->name, "load", NULL, "main", "first_call_us");
        if (bd && bf)
            bload = bd->median + bf->median;
    }
    for (size_t i = 0; i < d->nv; i++) {
        const struct rvar *v = &d->v[i];
        const struct srow *dl = get(d, v->name, "load", "", "main", "dlopen_us");
        const struct srow *fc = get(d, v->name, "load", NULL, "main", "first_call_us");
        if (!v->ok || !dl || !fc || fc->median < dl->median || fc->median < FIRST_CALL_MIN_US)
            continue;
        struct strbuf sb = {0}, a = {0}, c = {0}, t = {0};
        report_fmt_value(&a, fc->median, fc->unit);
        report_fmt_value(&c, dl->median, dl->unit);
        report_fmt_value(&t, fc->median + dl->median, fc->unit);
        sb_printf(&sb, "The first call into %s takes %s, more than its dlopen (%s): runtime "
                       "start-up dominates its load cost (%s in all",
                  v->name, a.buf, c.buf, t.buf);
        if (b && !isnan(bload) && bload > 0 && b != v) {
            sb_append(&sb, ", ");
            report_fmt_ratio(&sb, (fc->median + dl->median) / bload);
            sb_printf(&sb, " %s's", b->name);
        }
        sb_append(&sb, ").");
        add_finding(m, 0, 4, sb_detach(&sb));
        sb_free(&a), sb_free(&c), sb_free(&t);
    }
}

/* Variants whose CI overlaps r's, except r's own. */
static void ties_of(const struct data *d, size_t c, const struct srow *r, struct strlist *out)
{
    for (size_t i = 0; i < d->nv; i++) {
        const struct rvar *v = &d->v[i];
        if (!v->ok || !strcmp(v->name, r->variant))
            continue;
        if (cols[c].unload_only && var_unloads(d, v->name) != 1)
            continue;
        const struct srow *o = col_get(d, c, v->name);
        if (o && cis_overlap(o, r))
            sl_push(out, v->name);
    }
}

static void find_extremes(const struct data *d, struct model *m)
{
    int head = 0;
    for (size_t c = 0; c < NCOLS; c++) {
        if (!cols[c].rank)
            continue;
        const struct srow *lo = NULL, *hi = NULL;
        size_t n = 0;
        for (size_t i = 0; i < d->nv; i++) {
            const struct rvar *v = &d->v[i];
            if (!v->ok || (cols[c].unload_only && var_unloads(d, v->name) != 1))
                continue;
            const struct srow *r = col_get(d, c, v->name);
            if (!r)
                continue;
            n++;
            if (!lo || r->median < lo->median)
                lo = r;
            if (!hi || r->median > hi->median)
                hi = r;
        }
        if (n < 2)
            continue;
        if (!head) {
            add_finding(m, 0, 0, xstrdup("Fastest and slowest (smallest and largest for size) "
                                         "per metric, by median; \"tied\" when the 95 % CIs "
                                         "of the medians overlap:"));
            head = 1;
        }
        int size = !strcmp(cols[c].metric, "file_bytes");
        struct strbuf sb = {0};
        col_label(d, c, &sb);
        sb_append(&sb, ": ");
        struct strlist tl = {0}, th = {0};
        ties_of(d, c, lo, &tl);
        ties_of(d, c, hi, &th);
        if (tl.n + 1 == n) {
            sb_append(&sb, "no significant difference between the variants (");
            report_fmt_value(&sb, lo->median, lo->unit);
            sb_append(&sb, " to ");
            report_fmt_value(&sb, hi->median, hi->unit);
            sb_append(&sb, ").");
        } else {
            sb_printf(&sb, "%s %s ", size ? "smallest" : "fastest", lo->variant);
            report_fmt_value(&sb, lo->median, lo->unit);
            if (tl.n) {
                sb_append(&sb, " (tied with ");
                join_names(&sb, &tl);
                sb_append(&sb, ")");
            }
            sb_printf(&sb, ", %s %s ", size ? "largest" : "slowest", hi->variant);
            report_fmt_value(&sb, hi->median, hi->unit);
            if (lo->median > 0) {
                sb_append(&sb, " (");
                report_fmt_ratio(&sb, hi->median / lo->median);
                sb_printf(&sb, " the %s", size ? "smallest" : "fastest");
                if (th.n) {
                    sb_append(&sb, "; tied with ");
                    join_names(&sb, &th);
                }
                sb_append(&sb, ")");
            } else if (th.n) {
                sb_append(&sb, " (tied with ");
                join_names(&sb, &th);
                sb_append(&sb, ")");
            }
            sb_append(&sb, ".");
        }
        sl_free(&tl);
        sl_free(&th);
        add_finding(m, 1, 0, sb_detach(&sb));
    }
}

static void find_size(const struct data *d, struct model *m)
{
    const struct srow *small = NULL;
    for (size_t i = 0; i < d->nv; i++) {
        const struct srow *r = get(d, d->v[i].name, "size", "", "", "file_bytes");
        if (d->v[i].ok && r && r->median > 0 && (!small || r->median < small->median))
            small = r;
    }
    if (!small)
        return;
    struct strlist out = {0};
    for (size_t i = 0; i < d->nv; i++) {
        const struct srow *r = get(d, d->v[i].name, "size", "", "", "file_bytes");
        if (!d->v[i].ok || !r || r->median < SIZE_OUTLIER_RATIO * small->median)
            continue;
        struct strbuf sb = {0};
        sb_printf(&sb, "%s (", r->variant);
        report_fmt_value(&sb, r->median, r->unit);
        sb_append(&sb, ", ");
        report_fmt_ratio(&sb, r->median / small->median);
        sb_append(&sb, ")");
        sl_push_owned(&out, sb_detach(&sb));
    }
    if (out.n) {
        struct strbuf sb = {0};
        sb_append(&sb, "Size: ");
        join_names(&sb, &out);
        sb_printf(&sb, " %s %g" TIMES " or more the file size of the smallest library, %s (",
                  out.n == 1 ? "is" : "are", SIZE_OUTLIER_RATIO, small->variant);
        report_fmt_value(&sb, small->median, small->unit);
        sb_append(&sb, ").");
        add_finding(m, 0, 5, sb_detach(&sb));
    }
    sl_free(&out);
}

static int cmp_version_idx(const void *a, const void *b, void *ctx)
{
    const struct data *d = ctx;
    return version_cmp(d->v[*(const size_t *)a].tcv, d->v[*(const size_t *)b].tcv);
}

/* For each impl with two or more measured variants: what changed between
 * toolchains (only differences the CIs support). */
static void find_toolchains(const struct data *d, struct model *m)
{
    struct strlist seen = {0};
    size_t *idx = xcalloc(d->nv ? d->nv : 1, sizeof *idx);
    for (size_t i = 0; i < d->nv; i++) {
        const char *impl = d->v[i].impl;
        if (!impl || !*impl || sl_contains(&seen, impl))
            continue;
        sl_push(&seen, impl);
        size_t k = 0;
        for (size_t j = 0; j < d->nv; j++)
            if (d->v[j].ok && d->v[j].impl && !strcmp(d->v[j].impl, impl))
                idx[k++] = j;
        if (k < 2)
            continue;
        /* One family (every Go release, say): sort by version and say
         * "went from"; different compilers keep bench.toml order. */
        int same = 1;
        char *fam0 = toolchain_family(&d->v[idx[0]]);
        for (size_t j = 1; j < k && same; j++) {
            char *f = toolchain_family(&d->v[idx[j]]);
            same = !strcmp(f, fam0);
            free(f);
        }
        free(fam0);
        if (same)
            qsort_r(idx, k, sizeof *idx, cmp_version_idx, (void *)d);
        for (size_t j = 0; j + 1 < k; j++) {
            const struct rvar *a = &d->v[idx[j]], *b = &d->v[idx[j + 1]];
            char *la = toolchain_label(a), *lb = toolchain_label(b);
            struct strbuf sb = {0};
            struct strlist nochange = {0};
            sb_printf(&sb, "%s, %s %s %s: ", impl, la, same ? ARROW : "vs", lb);
            int changes = 0;
            for (size_t c = 0; c < NCOLS; c++) {
                if (!cols[c].rank)
                    continue;
                const struct srow *ra = col_get(d, c, a->name), *rb = col_get(d, c, b->name);
                if (!ra || !rb)
                    continue;
                struct strbuf lab = {0};
                col_label(d, c, &lab);
                if (cis_overlap(ra, rb) || ra->median <= 0 || rb->median <= 0) {
                    sl_push(&nochange, lab.buf);
                    sb_free(&lab);
                    continue;
                }
                int size = !strcmp(cols[c].metric, "file_bytes");
                double r = rb->median > ra->median ? rb->median / ra->median
                                                   : ra->median / rb->median;
                if (changes++)
                    sb_append(&sb, "; ");
                struct strbuf x = {0}, y = {0}, rr = {0};
                report_fmt_value(&x, ra->median, ra->unit);
                report_fmt_value(&y, rb->median, rb->unit);
                report_fmt_ratio(&rr, r);
                const char *better = size ? "smaller" : "faster", *worse = size ? "larger"
                                                                                : "slower";
                if (same)
                    sb_printf(&sb, "%s went from %s to %s (%s %s)", lab.buf, x.buf, y.buf, rr.buf,
                              rb->median < ra->median ? better : worse);
                else
                    sb_printf(&sb, "%s %s vs %s (%s %s %s)", lab.buf, x.buf, y.buf,
                              rb->median < ra->median ? lb : la, rr.buf, better);
                sb_free(&lab), sb_free(&x), sb_free(&y), sb_free(&rr);
            }
            if (!changes)
                sb_append(&sb, "no significant difference");
            if (changes && nochange.n) {
                sb_append(&sb, "; no significant difference in ");
                for (size_t q = 0; q < nochange.n; q++)
                    sb_printf(&sb, "%s%s", q ? ", " : "", nochange.v[q]);
            }
            sb_append(&sb, ".");
            add_finding(m, 0, 6, sb_detach(&sb));
            sl_free(&nochange);
            free(la), free(lb);
        }
    }
    free(idx);
    sl_free(&seen);
}

static void find_failures(const struct data *d, struct model *m)
{
    const struct csv_table *t = &d->failures;
    int cv = csv_col(t, "variant"), cs = csv_col(t, "scenario"), cc = csv_col(t, "cause");
    for (size_t i = 0; i < d->nv; i++) {
        const struct rvar *v = &d->v[i];
        struct strbuf sb = {0};
        int n = 0;
        for (size_t r = 0; cv >= 0 && r < t->n_rows; r++) {
            if (strcmp(field(t, r, cv), v->name))
                continue;
            sb_printf(&sb, "%s%s: %s", n++ ? "; " : "", field(t, r, cs), field(t, r, cc));
        }
        if (!v->ok || n) {
            char *text = xasprintf("%s %s%s%s%s.", v->name,
                                   v->ok ? "failed in part" : "failed, nothing measured",
                                   n ? " (" : "", n ? sb.buf : "", n ? ")" : "");
            add_finding(m, 0, 2, text);
        }
        sb_free(&sb);
    }
}

/* --------------------------------------------------------------- warnings */

struct wgroup {
    char *key;
    struct strlist items;
    size_t n;
    int detailed;   /* the items carry a per-result value (a cv) */
};

static void warn_key(const char *w, char **key, char **detail)
{
    const char *gt = strstr(w, "> ");
    if (!strncmp(w, "cv ", 3) && gt) {
        size_t n = strcspn(gt + 2, "%");
        *key = xasprintf("cv above %.*s %%", (int)n, gt + 2);
        const char *within = strstr(w, "(within one process ");
        if (within)
            *detail = xasprintf("%.*s, within one process %.*s", (int)strcspn(w + 3, " "), w + 3,
                                (int)strcspn(within + 20, ")"), within + 20);
        else
            *detail = xstrndup(w + 3, strcspn(w + 3, " "));
        return;
    }
    if (!strncmp(w, "too few samples", 15)) {
        *key = xstrdup("fewer than 5 samples");
        const char *nn = strstr(w, "n=");
        *detail = nn ? xstrndup(nn, strcspn(nn, " )")) : xstrdup("");
        return;
    }
    *key = xstrdup(w);
    *detail = xstrdup("");
}

static void build_warnings(const struct data *d, struct model *m)
{
    const char *status = env_get(d, "status");
    if (status && strcmp(status, "complete"))
        sl_push_owned(&m->warnings,
                      xasprintf("run status: %s: some results are missing", status));
    struct wgroup *g = NULL;
    size_t ng = 0, n_timing = 0;
    for (size_t i = 0; i < d->nrows; i++) {
        const struct srow *r = &d->rows[i];
        n_timing += metric_is_timing(r->metric);
        if (!*r->warnings)
            continue;
        struct strlist parts = {0};
        sl_split(&parts, r->warnings, ";");
        for (size_t p = 0; p < parts.n; p++) {
            char *key, *detail;
            warn_key(parts.v[p], &key, &detail);
            size_t k = 0;
            while (k < ng && strcmp(g[k].key, key))
                k++;
            if (k == ng) {
                g = xrealloc(g, (ng + 1) * sizeof *g);
                g[ng++] = (struct wgroup){key, {0}, 0, 0};
            } else {
                free(key);
            }
            g[k].n++;
            g[k].detailed |= *detail != '\0';
            if (g[k].items.n < MAX_LISTED) {
                struct strbuf sb = {0};
                sb_printf(&sb, "%s %s", r->variant, r->scenario);
                if (*r->workload)
                    sb_printf(&sb, "/%s", r->workload);
                if (*r->thread)
                    sb_printf(&sb, "/%s", r->thread);
                sb_printf(&sb, " %s", r->metric);
                if (*detail)
                    sb_printf(&sb, " (%s)", detail);
                sl_push_owned(&g[k].items, sb_detach(&sb));
            }
            free(detail);
        }
        sl_free(&parts);
    }
    for (size_t k = 0; k < ng; k++) {
        struct strbuf sb = {0};
        if (g[k].n == n_timing && g[k].n > MAX_LISTED && !g[k].detailed) {
            sb_printf(&sb, "%s: applies to all %zu timing results", g[k].key, g[k].n);
        } else if (g[k].n == n_timing && g[k].n > MAX_LISTED) {
            /* Per-result details (a cv) are worth a few examples. */
            sb_printf(&sb, "%s: applies to all %zu timing results, e.g. ", g[k].key, g[k].n);
            for (size_t i = 0; i < g[k].items.n && i < 3; i++)
                sb_printf(&sb, "%s%s", i ? ", " : "", g[k].items.v[i]);
        } else {
            sb_printf(&sb, "%s for %zu result%s: ", g[k].key, g[k].n, g[k].n == 1 ? "" : "s");
            for (size_t i = 0; i < g[k].items.n; i++)
                sb_printf(&sb, "%s%s", i ? ", " : "", g[k].items.v[i]);
            if (g[k].n > g[k].items.n)
                sb_printf(&sb, " and %zu more", g[k].n - g[k].items.n);
        }
        sl_push_owned(&m->warnings, sb_detach(&sb));
        free(g[k].key);
        sl_free(&g[k].items);
    }
    free(g);
}

/* ------------------------------------------------------------ the model */

static int shell_safe(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr("@%+=:,./_-", *s)))
            return 0;
    return 1;
}

static void arg(struct strbuf *sb, const char *opt, const char *val)
{
    sb_printf(sb, " %s ", opt);
    if (shell_safe(val)) {
        sb_append(sb, val);
    } else {
        char *q = shell_quote(val);
        sb_append(sb, q);
        free(q);
    }
}

static void build_repro(const struct data *d, struct model *m)
{
    struct strbuf sb = {0};
    sb_append(&sb, "dlbench run -c bench.toml");
    const char *v;
    int quick = (v = env_get(d, "quick")) && !strcmp(v, "yes");
    if (quick)
        sb_append(&sb, " --quick");
    if ((v = env_get(d, "seed")) && *v)
        arg(&sb, "--seed", v);
    if (!quick && (v = env_get(d, "repetitions")) && *v)
        arg(&sb, "--repetitions", v);
    if (!quick && (v = env_get(d, "cycles")) && *v)
        arg(&sb, "--cycles", v);
    if ((v = env_get(d, "baseline")) && *v && strcmp(v, "none"))
        arg(&sb, "--baseline", v);
    if ((v = env_get(d, "scenarios")) && *v)
        arg(&sb, "--scenarios", v);
    for (size_t i = 0; i < d->nenv; i++)
        if (!strncmp(d->env[i].key, "leak_verdict ", 13)) {
            sb_append(&sb, " --leak-check");
            break;
        }
    sl_push_owned(&m->repro, sb_detach(&sb));
    /* The reconstruction cannot know --only or --go; the typed command
     * can (runs since env.txt recorded it). */
    if ((v = env_get(d, "command")) && *v) {
        sb_printf(&sb, "# as typed: %s", v);
        sl_push_owned(&m->repro, sb_detach(&sb));
    }
    sb_append(&sb, "dlbench plot reports/");
    sb_append(&sb, shell_safe(d->run_id) ? d->run_id : "<run-id>");
    sl_push_owned(&m->repro, sb_detach(&sb));
    const char *commit = env_get(d, "git_commit");
    m->repro_note = xasprintf(
        "From a dlbench checkout%s%s%s, with this folder's bench.toml (the configuration "
        "used) copied to its root; the variants are rebuilt from their toolchains:",
        commit ? " at commit " : "", commit ? commit : "", "");
}

static void build_model(const struct data *d, struct model *m)
{
    memset(m, 0, sizeof *m);
    const char *date = env_get(d, "date");
    m->title = xasprintf("dlbench report: run %s%s%s%s", d->run_id, date ? " (" : "",
                         date ? date : "", date ? ")" : "");

    struct strbuf sb = {0};
    const char *cpu = env_get(d, "cpu_model"), *cores = env_get(d, "cpu_count"),
               *kernel = env_get(d, "kernel"), *pin = env_get(d, "pin_cpu"),
               *gov = env_get(d, "governor"), *turbo = env_get(d, "turbo"),
               *reps = env_get(d, "repetitions"), *cyc = env_get(d, "cycles"),
               *glibc = env_get(d, "glibc"), *quick = env_get(d, "quick");
    sb_append(&sb, cpu ? cpu : "unknown CPU");
    if (cores)
        sb_printf(&sb, ", %s CPUs", cores);
    if (kernel)
        sb_printf(&sb, ", %s", kernel);
    if (glibc)
        sb_printf(&sb, ", glibc %s", glibc);
    if (pin)
        sb_printf(&sb, "; %s", strcmp(pin, "-1") ? "" : "measuring thread not pinned");
    if (pin && strcmp(pin, "-1"))
        sb_printf(&sb, "measuring thread pinned to CPU %s", pin);
    if (gov || turbo)
        sb_printf(&sb, "; governor %s, turbo %s", gov ? gov : "unknown", turbo ? turbo : "unknown");
    if (reps)
        sb_printf(&sb, "; %s repetitions", reps);
    if (cyc)
        sb_printf(&sb, ", %s cycles", cyc);
    if (quick && !strcmp(quick, "yes"))
        sb_append(&sb, " (quick mode)");
    if (d->base >= 0)
        sb_printf(&sb, "; baseline %s", d->v[d->base].name);
    sb_append(&sb, ".");
    m->setup = sb_detach(&sb);
    const char *status = env_get(d, "status");
    if (status && strcmp(status, "complete"))
        m->status_note = xasprintf("Run status: %s. Numbers below cover what was measured "
                                   "before it stopped.", status);

    /* headline */
    m->heads[0] = xstrdup("variant");
    for (size_t c = 0; c < NCOLS; c++)
        m->heads[c + 1] = cols[c].head ? xstrdup(cols[c].head)
                                       : xstrdup(d->fib[0] ? d->fib : "fib");
    size_t w = NCOLS + 1;
    m->cells = xcalloc(d->nv * w + 1, sizeof *m->cells);
    m->term = xcalloc(d->nv * w + 1, sizeof *m->term);
    for (size_t i = 0; i < d->nv; i++) {
        const struct rvar *v = &d->v[i];
        m->cells[i * w] = xasprintf("%s%s", v->name, v->baseline || (int)i == d->base
                                                          ? " (baseline)" : "");
        m->term[i * w] = xstrdup(v->name);
        for (size_t c = 0; c < NCOLS; c++) {
            char **cell = &m->cells[i * w + c + 1], **tc = &m->term[i * w + c + 1];
            if (!v->ok) {
                *cell = xstrdup(c == 0 ? "failed" : DASH);
                *tc = xstrdup(c == 0 ? "failed" : "-");
                continue;
            }
            const struct srow *r = col_get(d, c, v->name);
            struct strbuf x = {0};
            if (!r) {
                *cell = xstrdup(DASH);
                *tc = xstrdup("-");
                continue;
            }
            if (cols[c].kind == COL_UNLOADED) {
                sb_append(&x, r->median != 0 ? "yes" : "no");
                *tc = xstrdup(x.buf);
            } else if (cols[c].kind == COL_LEAK) {
                {
                    double div;
                    const char *un;
                    byte_unit(fabs(r->median), &div, &un);
                    fmt_plain(&x, r->median / div);
                    sb_printf(&x, " %s", un);
                    *tc = sb_detach(&x);
                }
                const struct srow *lo = get(d, v->name, "cycle", "fresh", "main", "leak_ci_low");
                const struct srow *hi = get(d, v->name, "cycle", "fresh", "main", "leak_ci_high");
                if (lo && hi) {
                    /* the CI in the slope's unit: "256 KiB [255, 257]" */
                    double a = db_fmax(fabs(r->median), db_fmax(fabs(lo->median), fabs(hi->median)));
                    double div;
                    const char *un;
                    byte_unit(a, &div, &un);
                    x.len = 0;
                    fmt_plain(&x, r->median / div);
                    sb_printf(&x, " %s [", un);
                    fmt_plain(&x, lo->median / div);
                    sb_append(&x, ", ");
                    fmt_plain(&x, hi->median / div);
                    sb_append(&x, "]");
                }
            } else {
                report_fmt_value(&x, r->median, r->unit);
                *tc = xstrdup(x.buf);
                if ((int)i != d->base && !isnan(r->ratio)) {
                    sb_append(&x, " (");
                    report_fmt_ratio(&x, r->ratio);
                    sb_append(&x, ")");
                }
            }
            *cell = sb_detach(&x);
        }
    }
    sb_printf(&sb, "Medians; in parentheses the ratio to the baseline%s%s (same metric). "
                   "Calls in ns per call, fib and hello on the main thread; dlopen and first "
                   "call of a fresh process; cycle = one dlopen/dlclose of a library not loaded "
                   "elsewhere; leak = slope of RSS over those cycles with its 95 %% CI; "
                   "cold start = a whole process that loads the library and calls it once; "
                   DASH " = not measured.",
              d->base >= 0 ? " " : "", d->base >= 0 ? d->v[d->base].name : "");
    if (d->n_samples >= 0)
        sb_printf(&sb, " %ld samples in results.csv.", d->n_samples);
    m->legend = sb_detach(&sb);

    m->findings_intro = xasprintf(
        "Computed from summary.csv. A difference is claimed only when the 95 %% CIs of the "
        "medians do not overlap; main thread vs pthread is reported from %g" TIMES
        "; size outliers are %g" TIMES " the smallest library or more; a first call "
        "\"dominates\" when it is at least %g " MICRO "s and longer than the dlopen.",
        THREAD_RATIO_MIN, SIZE_OUTLIER_RATIO, FIRST_CALL_MIN_US);
    find_unload(d, m);
    find_threads(d, m);
    find_first_call(d, m);
    find_leaks(d, m);
    find_size(d, m);
    find_toolchains(d, m);
    find_extremes(d, m);
    find_failures(d, m);
    build_warnings(d, m);
    build_repro(d, m);
}

/* ============================================================== markdown */

/* Inline text: backslash-escapes what Markdown (GFM) would interpret, so
 * a variant named "x<script>" or "a|b" stays text; control characters
 * become spaces. */
static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static void md_text(struct strbuf *sb, const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        /* '_' inside a word ("ns_per_call") is never emphasis in GFM; '#'
         * only starts a heading at the start of a line */
        int esc = strchr("\\`*[]<>|~&", c) != NULL ||
                  (c == '_' && !(p > s && is_alnum(p[-1]) && is_alnum(p[1]))) ||
                  (c == '#' && p == s);
        if (c < 0x20 || c == 0x7f)
            sb_appendc(sb, ' ');
        else if (esc)
            sb_appendc(sb, '\\'), sb_appendc(sb, (char)c);
        else
            sb_appendc(sb, (char)c);
    }
}

/* A fenced block that no backtick run inside the text can close. */
static void md_fenced(struct strbuf *sb, const char *s)
{
    size_t run = 0, best = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    size_t fence = best >= 3 ? best + 1 : 3;
    for (size_t i = 0; i < fence; i++)
        sb_appendc(sb, '`');
    sb_append(sb, "text\n");
    size_t len = strlen(s);
    while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        sb_appendc(sb, (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? '?' : (char)c);
    }
    sb_appendc(sb, '\n');
    for (size_t i = 0; i < fence; i++)
        sb_appendc(sb, '`');
    sb_appendc(sb, '\n');
}

static const char *chart_title(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(known_charts); i++)
        if (!strcmp(known_charts[i][0], name))
            return known_charts[i][1];
    return name;
}

static void render_md(const struct data *d, const struct model *m, struct strbuf *o)
{
    sb_append(o, "# ");
    md_text(o, m->title);
    sb_append(o, "\n\n");
    md_text(o, m->setup);
    sb_append(o, "\n\n");
    if (m->status_note) {
        sb_append(o, "**");
        md_text(o, m->status_note);
        sb_append(o, "**\n\n");
    }

    sb_append(o, "## Headline\n\n|");
    size_t w = NCOLS + 1;
    for (size_t c = 0; c < w; c++) {
        sb_append(o, " ");
        md_text(o, m->heads[c]);
        sb_append(o, " |");
    }
    sb_append(o, "\n|");
    for (size_t c = 0; c < w; c++)
        sb_append(o, c ? " ---: |" : " :--- |");
    sb_append(o, "\n");
    for (size_t i = 0; i < d->nv; i++) {
        sb_append(o, "|");
        for (size_t c = 0; c < w; c++) {
            sb_append(o, " ");
            md_text(o, m->cells[i * w + c]);
            sb_append(o, " |");
        }
        sb_append(o, "\n");
    }
    sb_append(o, "\n");
    md_text(o, m->legend);
    sb_append(o, "\n\n## Findings\n\n");
    md_text(o, m->findings_intro);
    sb_append(o, "\n\n");
    for (size_t i = 0; i < m->nf; i++) {
        sb_append(o, m->f[i].level ? "  - " : "- ");
        md_text(o, m->f[i].text);
        sb_append(o, "\n");
    }
    if (!m->nf)
        sb_append(o, "No findings: nothing was measured.\n");

    if (d->chart_names.n) {
        sb_append(o, "\n## Charts\n\n");
        for (size_t i = 0; i < d->chart_names.n; i++)
            sb_printf(o, "![%s](%s)\n\n", chart_title(d->chart_names.v[i]), d->chart_md.v[i]);
        o->len--;
        o->buf[o->len] = '\0';
    }

    sb_append(o, "\n## Warnings\n\n");
    for (size_t i = 0; i < m->warnings.n; i++) {
        sb_append(o, "- ");
        md_text(o, m->warnings.v[i]);
        sb_append(o, "\n");
    }
    if (!m->warnings.n)
        sb_append(o, "None.\n");

    sb_append(o, "\n## Failures\n\n");
    const struct csv_table *t = &d->failures;
    int cv = csv_col(t, "variant"), cs = csv_col(t, "scenario"), cc = csv_col(t, "cause"),
        cl = csv_col(t, "log");
    size_t nfail = cv >= 0 ? t->n_rows : 0;
    for (size_t r = 0; r < nfail; r++) {
        sb_append(o, "### ");
        md_text(o, field(t, r, cv));
        sb_append(o, ": ");
        md_text(o, field(t, r, cs));
        sb_append(o, "\n\n");
        md_text(o, field(t, r, cc));
        sb_append(o, "\n\n");
        if (*field(t, r, cl)) {
            md_fenced(o, field(t, r, cl));
            sb_append(o, "\n");
        }
    }
    if (!nfail)
        sb_append(o, "None.\n\n");

    sb_append(o, "## Environment\n\n");
    struct strbuf env = {0};
    for (size_t i = 0; i < d->nenv; i++)
        sb_printf(&env, "%s: %s\n", d->env[i].key, d->env[i].value);
    if (d->nenv)
        md_fenced(o, env.buf);
    else
        sb_append(o, "No env.txt in the run folder.\n");
    sb_free(&env);

    sb_append(o, "\n## How to reproduce\n\n");
    md_text(o, m->repro_note);
    sb_append(o, "\n\n```sh\n");
    for (size_t i = 0; i < m->repro.n; i++)
        sb_printf(o, "%s\n", m->repro.v[i]);
    sb_append(o, "```\n");
}

/* ================================================================== html */

static void html_text(struct strbuf *sb, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': sb_append(sb, "&amp;"); break;
        case '<': sb_append(sb, "&lt;"); break;
        case '>': sb_append(sb, "&gt;"); break;
        case '"': sb_append(sb, "&quot;"); break;
        case '\'': sb_append(sb, "&#39;"); break;
        default:
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
                sb_appendc(sb, '?');
            else
                sb_appendc(sb, (char)c);
        }
    }
}

static void base64(struct strbuf *sb, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        sb_appendc(sb, tab[(v >> 18) & 63]);
        sb_appendc(sb, tab[(v >> 12) & 63]);
        sb_appendc(sb, i + 1 < n ? tab[(v >> 6) & 63] : '=');
        sb_appendc(sb, i + 2 < n ? tab[v & 63] : '=');
    }
}

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1200px;"
    "margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
    "h1{font-size:1.5em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}"
    "table{border-collapse:collapse;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right;white-space:nowrap}"
    "th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}"
    "tr.failed td{color:#a00}pre{background:#f6f6f6;padding:.8em;overflow-x:auto}"
    "figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}"
    ".note{color:#555;font-size:.9em}.status{color:#a00;font-weight:bold}";

static void render_html(const struct data *d, const struct model *m, struct strbuf *o)
{
    sb_append(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>");
    html_text(o, m->title);
    sb_printf(o, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
    html_text(o, m->title);
    sb_append(o, "</h1>\n<p>");
    html_text(o, m->setup);
    sb_append(o, "</p>\n");
    if (m->status_note) {
        sb_append(o, "<p class=\"status\">");
        html_text(o, m->status_note);
        sb_append(o, "</p>\n");
    }

    sb_append(o, "<h2>Headline</h2>\n<table>\n<thead><tr>");
    size_t w = NCOLS + 1;
    for (size_t c = 0; c < w; c++) {
        sb_append(o, "<th>");
        html_text(o, m->heads[c]);
        sb_append(o, "</th>");
    }
    sb_append(o, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < d->nv; i++) {
        sb_append(o, d->v[i].ok ? "<tr>" : "<tr class=\"failed\">");
        for (size_t c = 0; c < w; c++) {
            sb_append(o, "<td>");
            html_text(o, m->cells[i * w + c]);
            sb_append(o, "</td>");
        }
        sb_append(o, "</tr>\n");
    }
    sb_append(o, "</tbody>\n</table>\n<p class=\"note\">");
    html_text(o, m->legend);
    sb_append(o, "</p>\n");

    sb_append(o, "<h2>Findings</h2>\n<p class=\"note\">");
    html_text(o, m->findings_intro);
    sb_append(o, "</p>\n<ul>\n");
    for (size_t i = 0; i < m->nf; i++) {
        /* a nested item closes when the next one is not nested */
        if (m->f[i].level)
            sb_append(o, "  ");
        sb_append(o, "<li>");
        html_text(o, m->f[i].text);
        int next_nested = i + 1 < m->nf && m->f[i + 1].level;
        if (!m->f[i].level && next_nested) {
            sb_append(o, "\n<ul>\n");
            continue;
        }
        sb_append(o, "</li>\n");
        if (m->f[i].level && !next_nested)
            sb_append(o, "</ul></li>\n");
    }
    sb_append(o, "</ul>\n");

    if (d->chart_names.n) {
        sb_append(o, "<h2>Charts</h2>\n");
        for (size_t i = 0; i < d->chart_names.n; i++) {
            /* Charts go in as data: URIs of <img>: the page stays one file,
             * and text inside an SVG (variant names) can neither break the
             * page's markup nor run script. */
            const char *svg = d->chart_svg.v[i], *png = d->chart_png.v[i];
            const char *path = *svg ? svg : png;
            size_t len;
            char *bytes = read_file(path, &len, 64 << 20);
            if (!bytes)
                continue;
            sb_append(o, "<figure><img alt=\"");
            html_text(o, chart_title(d->chart_names.v[i]));
            sb_printf(o, "\" src=\"data:image/%s;base64,", *svg ? "svg+xml" : "png");
            base64(o, (const unsigned char *)bytes, len);
            sb_append(o, "\"><figcaption>");
            html_text(o, chart_title(d->chart_names.v[i]));
            sb_append(o, "</figcaption></figure>\n");
            free(bytes);
        }
    }

    sb_append(o, "<h2>Warnings</h2>\n");
    if (m->warnings.n) {
        sb_append(o, "<ul>\n");
        for (size_t i = 0; i < m->warnings.n; i++) {
            sb_append(o, "<li>");
            html_text(o, m->warnings.v[i]);
            sb_append(o, "</li>\n");
        }
        sb_append(o, "</ul>\n");
    } else {
        sb_append(o, "<p>None.</p>\n");
    }

    sb_append(o, "<h2>Failures</h2>\n");
    const struct csv_table *t = &d->failures;
    int cv = csv_col(t, "variant"), cs = csv_col(t, "scenario"), cc = csv_col(t, "cause"),
        cl = csv_col(t, "log");
    size_t nfail = cv >= 0 ? t->n_rows : 0;
    for (size_t r = 0; r < nfail; r++) {
        sb_append(o, "<h3>");
        html_text(o, field(t, r, cv));
        sb_append(o, ": ");
        html_text(o, field(t, r, cs));
        sb_append(o, "</h3>\n<p>");
        html_text(o, field(t, r, cc));
        sb_append(o, "</p>\n");
        if (*field(t, r, cl)) {
            sb_append(o, "<pre>");
            html_text(o, field(t, r, cl));
            sb_append(o, "</pre>\n");
        }
    }
    if (!nfail)
        sb_append(o, "<p>None.</p>\n");

    sb_append(o, "<h2>Environment</h2>\n");
    if (d->nenv) {
        sb_append(o, "<table>\n");
        for (size_t i = 0; i < d->nenv; i++) {
            sb_append(o, "<tr><td>");
            html_text(o, d->env[i].key);
            sb_append(o, "</td><td style=\"text-align:left;white-space:normal\">");
            html_text(o, d->env[i].value);
            sb_append(o, "</td></tr>\n");
        }
        sb_append(o, "</table>\n");
    } else {
        sb_append(o, "<p>No env.txt in the run folder.</p>\n");
    }

    sb_append(o, "<h2>How to reproduce</h2>\n<p>");
    html_text(o, m->repro_note);
    sb_append(o, "</p>\n<pre>");
    for (size_t i = 0; i < m->repro.n; i++) {
        html_text(o, m->repro.v[i]);
        sb_append(o, "\n");
    }
    sb_append(o, "</pre>\n</body>\n</html>\n");
}

/* ============================================================ the files */

int report_write(const char *run_dir, char *err, size_t errlen)
{
    struct data d;
    struct model m;
    struct strbuf md = {0}, html = {0};
    int rc = -1, have_model = 0;
    if (errlen)
        err[0] = '\0';
    if (data_load(&d, run_dir, err, errlen) != 0)
        goto out;
    build_model(&d, &m);
    have_model = 1;
    render_md(&d, &m, &md);
    render_html(&d, &m, &html);
    static const char *const names[] = {"report.md", "report.html"};
    struct strbuf *bufs[] = {&md, &html};
    for (size_t i = 0; i < 2; i++) {
        char *p = path_join(run_dir, names[i]);
        if (write_file_atomic(p, bufs[i]->buf, bufs[i]->len) != 0) {
            snprintf(err, errlen, "cannot write '%s': %s", p, strerror(errno));
            free(p);
            goto out;
        }
        free(p);
    }
    rc = 0;
out:
    if (have_model)
        model_free(&m, d.nv);
    data_free(&d);
    sb_free(&md);
    sb_free(&html);
    return rc;
}

/* ============================================================== terminal */

/* Display width of UTF-8 text (one column per code point). */
static size_t cols_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Prints s sanitised (no control characters), cut to width columns and
 * padded to it; right-aligned unless left. */
static void term_cell(FILE *f, const char *s, size_t width, int left)
{
    struct strbuf sb = {0};
    size_t w = 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xC0) != 0x80 && w == width) {
            /* cut: replace the last column with '~' */
            while (sb.len && ((unsigned char)sb.buf[sb.len - 1] & 0xC0) == 0x80)
                sb.len--;
            if (sb.len)
                sb.len--;
            if (sb.buf) /* NULL when width is 0 */
                sb.buf[sb.len] = '\0';
            sb_appendc(&sb, '~');
            break;
        }
        if ((c & 0xC0) != 0x80)
            w++;
        sb_appendc(&sb, c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
    sb_append(&sb, "");
    size_t pad = width > cols_of(sb.buf) ? width - cols_of(sb.buf) : 0;
    if (left)
        fprintf(f, "%s%*s", sb.buf, (int)pad, "");
    else
        fprintf(f, "%*s%s", (int)pad, "", sb.buf);
    sb_free(&sb);
}

/* Prints text word-wrapped to width columns: first, then indent. */
static void term_wrap(FILE *f, const char *text, const char *first, const char *indent,
                      size_t width)
{
    const char *lead = first;
    const char *p = text;
    while (*p) {
        size_t room = width - cols_of(lead), used = 0, cut = 0, i = 0;
        /* the longest prefix of whole words within room columns */
        for (; p[i]; i++) {
            if (((unsigned char)p[i] & 0xC0) != 0x80) {
                if (used == room)
                    break;
                used++;
            }
            if (p[i] == ' ')
                cut = i;
        }
        if (!p[i] || p[i] == ' ') {
            cut = i;
        } else if (!cut) { /* one word longer than the line */
            const char *sp = strchr(p + i, ' ');
            cut = sp ? (size_t)(sp - p) : strlen(p);
        }
        fputs(lead, f);
        for (size_t k = 0; k < cut; k++)
            fputc((unsigned char)p[k] < 0x20 || p[k] == 0x7f ? '?' : p[k], f);
        fputc('\n', f);
        p += cut;
        while (*p == ' ')
            p++;
        lead = indent;
    }
}

void report_print_summary(const char *run_dir, FILE *f)
{
    struct data d;
    struct model m;
    char err[1024];
    if (data_load(&d, run_dir, err, sizeof err) != 0) {
        fprintf(f, "no summary: %s\n", err);
        data_free(&d);
        return;
    }
    build_model(&d, &m);
    /* columns shown: name + those with a terminal header */
    size_t w = NCOLS + 1, widths[NCOLS + 1];
    const char *heads[NCOLS + 1];
    int show[NCOLS + 1];
    heads[0] = "variant";
    show[0] = 1;
    widths[0] = 7;
    for (size_t c = 0; c < NCOLS; c++) {
        show[c + 1] = *cols[c].term != '\0';
        heads[c + 1] = cols[c].workload && !strcmp(cols[c].workload, "FIB")
                           ? (d.fib[0] ? d.fib : "fib") : cols[c].term;
        widths[c + 1] = cols_of(heads[c + 1]);
    }
    for (size_t i = 0; i < d.nv; i++)
        for (size_t c = 0; c < w; c++) {
            size_t cw = cols_of(m.term[i * w + c]);
            if (cw > widths[c])
                widths[c] = cw;
        }
    if (widths[0] > 20)
        widths[0] = 20;
    for (size_t c = 1; c < w; c++)
        if (widths[c] > 10)
            widths[c] = 10;
    for (size_t c = 0; c < w; c++) {
        if (!show[c])
            continue;
        if (c)
            fputs("  ", f);
        term_cell(f, heads[c], widths[c], c == 0);
    }
    fputc('\n', f);
    for (size_t i = 0; i < d.nv; i++) {
        for (size_t c = 0; c < w; c++) {
            if (!show[c])
                continue;
            if (c)
                fputs("  ", f);
            term_cell(f, m.term[i * w + c], widths[c], c == 0);
        }
        fputc('\n', f);
    }
    /* up to five findings, most important first */
    int shown = 0;
    for (int prio = 1; prio <= 9 && shown < 5; prio++)
        for (size_t i = 0; i < m.nf && shown < 5; i++) {
            if (m.f[i].prio != prio)
                continue;
            if (!shown)
                fputs("\nkey findings:\n", f);
            term_wrap(f, m.f[i].text, "  - ", "    ", 118);
            shown++;
        }
    fprintf(f, "\nfull report: %s/report.md\n", run_dir);
    model_free(&m, d.nv);
    data_free(&d);
}
