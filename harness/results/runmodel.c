/* runmodel.c - see runmodel.h. The only code that parses the files of a
 * run folder. */
#define _GNU_SOURCE
#include "results/runmodel.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* ================================================================== keys */

static int field_eq(const char *a, const char *b)
{
    return !a || !b || !strcmp(a, b);
}

int result_key_eq(const struct result_key *a, const struct result_key *b)
{
    return field_eq(a->variant, b->variant) && field_eq(a->scenario, b->scenario) &&
           field_eq(a->workload, b->workload) && field_eq(a->thread, b->thread) &&
           field_eq(a->metric, b->metric);
}

const struct rm_result *rm_result(const struct run_model *m, const struct result_key *key)
{
    for (size_t i = 0; i < m->nr; i++)
        if (result_key_eq(&m->r[i].key, key) && !isnan(m->r[i].median))
            return &m->r[i];
    return NULL;
}

const struct rm_result *rm_get(const struct run_model *m, const char *variant,
                               const char *scenario, const char *workload, const char *thread,
                               const char *metric)
{
    struct result_key k = {variant, scenario, workload, thread, metric};
    return rm_result(m, &k);
}

int rm_variant_index(const struct run_model *m, const char *name)
{
    for (size_t i = 0; i < m->nv; i++)
        if (!strcmp(m->v[i].name, name))
            return (int)i;
    return -1;
}

const char *rm_env(const struct run_model *m, const char *key)
{
    for (size_t i = 0; i < m->nenv; i++)
        if (!strcmp(m->env[i].key, key))
            return m->env[i].value;
    return NULL;
}

static const char *const verdict_words[VERDICT_N_WORDS] = {
    "leak",    "no-leak", "inconclusive", "not-measured", "unloads", "never-unloads",
    "faster",  "slower",  "no-difference", "fastest", "slowest", "smaller", "larger",
    "smallest", "largest"};

const char *verdict_word(enum verdict v)
{
    return v >= 0 && v < VERDICT_N_WORDS ? verdict_words[v] : "?";
}

enum verdict verdict_of_word(const char *w)
{
    for (int i = 0; i < VERDICT_N_WORDS; i++)
        if (!strcmp(verdict_words[i], w))
            return (enum verdict)i;
    return VERDICT_OTHER;
}

const struct rm_finding *rm_finding_of(const struct run_model *m, const char *variant,
                                       const char *topic)
{
    for (size_t i = 0; i < m->nfindings; i++)
        if (!strcmp(m->findings[i].variant, variant) && !strcmp(m->findings[i].topic, topic))
            return &m->findings[i];
    return NULL;
}

const struct rm_finding *rm_finding_vs(const struct run_model *m, const char *variant,
                                       const char *topic, const char *other)
{
    for (size_t i = 0; i < m->nfindings; i++)
        if (!strcmp(m->findings[i].variant, variant) && !strcmp(m->findings[i].topic, topic) &&
            !strcmp(m->findings[i].other, other))
            return &m->findings[i];
    return NULL;
}

void rm_add_finding_vs(struct run_model *m, const char *variant, const char *topic,
                       enum verdict v, double value, const char *unit, double limit,
                       const char *detail, const char *other)
{
    m->findings = xrealloc(m->findings, (m->nfindings + 1) * sizeof *m->findings);
    m->findings[m->nfindings++] = (struct rm_finding){
        .variant = xstrdup(variant), .topic = xstrdup(topic), .verdict = v, .value = value,
        .unit = xstrdup(unit ? unit : ""), .limit = limit, .detail = xstrdup(detail ? detail : ""),
        .other = xstrdup(other ? other : "")};
}

void rm_add_finding(struct run_model *m, const char *variant, const char *topic,
                    enum verdict v, double value, const char *unit, double limit,
                    const char *detail)
{
    rm_add_finding_vs(m, variant, topic, v, value, unit, limit, detail, NULL);
}

/* ================================================================ tables */

/* A cell of column c, "" when the column is absent. */
static const char *cell(const struct csv_table *t, size_t row, int c)
{
    return c >= 0 ? t->rows[row][c] : "";
}

static double num(const struct csv_table *t, size_t row, int c)
{
    return c >= 0 ? csv_num(t->rows[row][c]) : NAN;
}

/* Loads dir/file into t. A missing file is an error only when required
 * (then t stays empty and *have 0). */
static int load_table(const char *dir, const char *file, int required, struct csv_table *t,
                      int *have, char *err, size_t errlen)
{
    char *p = path_join(dir, file);
    int rc = 0;
    *have = 0;
    if (!is_file(p)) {
        if (required) {
            snprintf(err, errlen, "cannot read '%s': no %s in the run folder", p, file);
            rc = -1;
        }
        goto out;
    }
    rc = csv_load(p, t, err, errlen) == 0 ? 0 : -1;
    if (rc != 0) {
        char why[1024];
        snprintf(why, sizeof why, "%s", err);
        snprintf(err, errlen, "cannot read '%s': %s", p, why);
    }
    *have = rc == 0;
out:
    free(p);
    return rc;
}

/* Checks that t has every column of need; -1 with a message if not. */
static int need_cols(const struct csv_table *t, const char *file, const char *const *need,
                     size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        if (csv_col(t, need[i]) < 0) {
            snprintf(err, errlen, "cannot read '%s': no column '%s'", file, need[i]);
            return -1;
        }
    return 0;
}

static struct result_key key_of(const struct csv_table *t, size_t row, const int *c)
{
    return (struct result_key){cell(t, row, c[0]), cell(t, row, c[1]), cell(t, row, c[2]),
                               cell(t, row, c[3]), cell(t, row, c[4])};
}

static void key_cols(const struct csv_table *t, int *c)
{
    static const char *const names[] = {"variant", "scenario", "workload", "thread", "metric"};
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        c[i] = csv_col(t, names[i]);
}

/* ============================================================== variants */

static int read_variants(struct run_model *m, const char *file, int required, char *err,
                         size_t errlen)
{
    const struct csv_table *t = &m->t_variants;
    static const char *const need[] = {"variant", "impl", "toolchain", "toolchain_version",
                                       "status"};
    if (required && need_cols(t, file, need, ARRAY_LEN(need), err, errlen))
        return -1;
    int cv = csv_col(t, "variant");
    if (cv < 0)
        return 0;
    int ci = csv_col(t, "impl"), cl = csv_col(t, "lang"), ct = csv_col(t, "toolchain"),
        ctv = csv_col(t, "toolchain_version"), cbv = csv_col(t, "build_version"),
        clib = csv_col(t, "lib"), cfb = csv_col(t, "file_bytes"), cx = csv_col(t, "exports"),
        cs = csv_col(t, "status"), cb = csv_col(t, "baseline"),
        cii = csv_col(t, "impl_index"), cti = csv_col(t, "toolchain_index"),
        cbid = csv_col(t, "build_id");
    m->v = xcalloc(t->n_rows + 1, sizeof *m->v);
    for (size_t i = 0; i < t->n_rows; i++) {
        if (rm_variant_index(m, cell(t, i, cv)) >= 0)
            continue;
        struct rm_variant *v = &m->v[m->nv++];
        double fb = num(t, i, cfb), ii = num(t, i, cii), ti = num(t, i, cti);
        *v = (struct rm_variant){
            .name = cell(t, i, cv), .impl = cell(t, i, ci), .lang = cell(t, i, cl),
            .toolchain = cell(t, i, ct), .toolchain_version = cell(t, i, ctv),
            .build_version = cell(t, i, cbv), .lib = cell(t, i, clib),
            .exports = cell(t, i, cx), .status = cell(t, i, cs),
            .build_id = cell(t, i, cbid),
            .file_bytes = isfinite(fb) ? (long)fb : -1,
            .ok = strcmp(cell(t, i, cs), "failed") != 0,
            .baseline = !strcmp(cell(t, i, cb), "1"),
            .impl_index = isfinite(ii) && ii >= 0 && ii < 1e6 ? (int)ii : -1,
            .toolchain_index = isfinite(ti) && ti >= 0 && ti < 1e6 ? (int)ti : -1,
            .listed = 1};
    }
    return 0;
}

/* Variants summary.csv names that variants.csv does not (or all of them
 * when there is no variants.csv), in summary order. */
static void variants_from_summary(struct run_model *m)
{
    for (size_t i = 0; i < m->nr; i++) {
        const struct rm_result *r = &m->r[i];
        if (rm_variant_index(m, r->key.variant) >= 0)
            continue;
        m->v = xrealloc(m->v, (m->nv + 1) * sizeof *m->v);
        m->v[m->nv++] = (struct rm_variant){
            .name = r->key.variant, .impl = r->impl, .lang = "", .toolchain = r->toolchain,
            .toolchain_version = r->toolchain_version, .build_version = "", .lib = "",
            .exports = "", .status = "", .build_id = "", .file_bytes = -1, .ok = 1, .impl_index = -1,
            .toolchain_index = -1};
    }
}

/* =============================================================== summary */

static int read_summary(struct run_model *m, const char *file, char *err, size_t errlen)
{
    const struct csv_table *t = &m->t_summary;
    static const char *const need[] = {"variant", "scenario", "workload", "thread",
                                       "metric",  "unit",     "n",        "median"};
    if (need_cols(t, file, need, ARRAY_LEN(need), err, errlen))
        return -1;
    int k[5];
    key_cols(t, k);
    int c_un = csv_col(t, "unit"), c_w = csv_col(t, "warnings"), c_impl = csv_col(t, "impl"),
        c_tc = csv_col(t, "toolchain"), c_tcv = csv_col(t, "toolchain_version");
    static const char *const numeric[] = {
        "n",  "median", "mean",    "stddev",            "cv",           "min",
        "max", "mad",   "ci_low",  "ci_high",           "ratio_to_baseline", "ratio_ci_low",
        "ratio_ci_high", "outliers", "processes", "cv_within", "mde_pct", "ratio_mde_pct"};
    int cn[ARRAY_LEN(numeric)];
    for (size_t j = 0; j < ARRAY_LEN(numeric); j++)
        cn[j] = csv_col(t, numeric[j]);
    m->r = xcalloc(t->n_rows + 1, sizeof *m->r);
    for (size_t i = 0; i < t->n_rows; i++) {
        struct rm_result *r = &m->r[m->nr++];
        double x[ARRAY_LEN(numeric)];
        for (size_t j = 0; j < ARRAY_LEN(numeric); j++)
            x[j] = num(t, i, cn[j]);
        *r = (struct rm_result){
            .key = key_of(t, i, k), .impl = cell(t, i, c_impl), .toolchain = cell(t, i, c_tc),
            .toolchain_version = cell(t, i, c_tcv), .unit = cell(t, i, c_un),
            .warnings = cell(t, i, c_w), .n = x[0], .median = x[1], .mean = x[2],
            .stddev = x[3], .cv_pct = x[4], .min = x[5], .max = x[6], .mad = x[7],
            .ci_low = x[8], .ci_high = x[9], .ratio = x[10], .ratio_ci_low = x[11],
            .ratio_ci_high = x[12], .outliers = x[13], .processes = x[14],
            .cv_within_pct = x[15], .mde_pct = x[16], .ratio_mde_pct = x[17]};
    }
    return 0;
}

/* =============================================================== samples */

static int read_results(struct run_model *m, const char *file, char *err, size_t errlen)
{
    const struct csv_table *t = &m->t_results;
    static const char *const need[] = {"variant", "scenario", "workload", "thread", "metric",
                                       "value"};
    if (need_cols(t, file, need, ARRAY_LEN(need), err, errlen))
        return -1;
    int k[5];
    key_cols(t, k);
    int ci = csv_col(t, "impl"), cu = csv_col(t, "unit"), cr = csv_col(t, "rep"),
        cx = csv_col(t, "value"), cp = csv_col(t, "process");
    m->s = xcalloc(t->n_rows + 1, sizeof *m->s);
    for (size_t i = 0; i < t->n_rows; i++) {
        const char *vs = cell(t, i, cx);
        double v = NAN;
        if (*vs) {
            char *end;
            v = strtod(vs, &end);
            if (*end || isnan(v)) {
                snprintf(err, errlen, "cannot read '%s': row %zu: value '%s' is not a number",
                         file, i + 2, vs);
                return -1;
            }
        }
        const char *rep = cell(t, i, cr), *proc = cell(t, i, cp);
        m->s[m->ns++] = (struct rm_sample){
            .key = key_of(t, i, k), .impl = cell(t, i, ci), .unit = cell(t, i, cu),
            .rep = *rep ? strtol(rep, NULL, 10) : -1,
            .process = *proc ? strtol(proc, NULL, 10) : -1, .value = v};
    }
    m->n_samples = (long)m->ns;
    return 0;
}

/* ============================================================= failures */

static void read_failures(struct run_model *m)
{
    const struct csv_table *t = &m->t_failures;
    int cv = csv_col(t, "variant"), cs = csv_col(t, "scenario"), cc = csv_col(t, "cause"),
        cl = csv_col(t, "log"), clf = csv_col(t, "log_file");
    if (cv < 0)
        return;
    m->f = xcalloc(t->n_rows + 1, sizeof *m->f);
    for (size_t i = 0; i < t->n_rows; i++)
        m->f[m->nf++] = (struct rm_failure){cell(t, i, cv), cell(t, i, cs), cell(t, i, cc),
                                            cell(t, i, cl), cell(t, i, clf)};
}

/* ================================================================== env */

static void read_env(struct run_model *m, const char *dir)
{
    char *p = path_join(dir, "env.txt");
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
        m->env = xrealloc(m->env, (m->nenv + 1) * sizeof *m->env);
        m->env[m->nenv].key = xstrndup(line, (size_t)(colon - line));
        m->env[m->nenv].value = xstrdup(colon[1] ? colon + 2 : "");
        m->nenv++;
    }
    free(text);
}

/* findings.csv (docs/run-folder.md): every row, typed. */
static int read_findings(struct run_model *m, const char *dir, char *err, size_t errlen)
{
    struct csv_table t = {0};
    int have = 0;
    if (load_table(dir, "findings.csv", 0, &t, &have, err, errlen) != 0)
        return -1;
    if (!have)
        return 0;
    int cv = csv_col(&t, "variant"), ct = csv_col(&t, "topic"), cw = csv_col(&t, "verdict"),
        cx = csv_col(&t, "value"), cu = csv_col(&t, "unit"), cl = csv_col(&t, "limit"),
        cd = csv_col(&t, "detail"), co = csv_col(&t, "other");
    if (cv < 0 || ct < 0 || cw < 0) {
        snprintf(err, errlen, "cannot read '%s/findings.csv': no column '%s'", dir,
                 cv < 0 ? "variant" : ct < 0 ? "topic" : "verdict");
        csv_free(&t);
        return -1;
    }
    for (size_t i = 0; i < t.n_rows; i++)
        rm_add_finding_vs(m, cell(&t, i, cv), cell(&t, i, ct), verdict_of_word(cell(&t, i, cw)),
                          num(&t, i, cx), cell(&t, i, cu), num(&t, i, cl), cell(&t, i, cd),
                          cell(&t, i, co));
    m->have_findings = 1;
    m->findings_legacy = co < 0;
    csv_free(&t);
    return 0;
}

/* =============================================================== charts */

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

static void read_charts(struct run_model *m, const char *dir)
{
    char *cdir = path_join(dir, "charts");
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
    m->charts = xcalloc(stems.n + 1, sizeof *m->charts);
    for (size_t i = 0; i < stems.n; i++) {
        struct rm_chart *c = &m->charts[m->ncharts++];
        c->name = xstrdup(stems.v[i]);
        c->png = xasprintf("%s/%s.png", cdir, stems.v[i]);
        c->svg = xasprintf("%s/%s.svg", cdir, stems.v[i]);
        if (!is_file(c->png))
            free(c->png), c->png = NULL;
        if (!is_file(c->svg))
            free(c->svg), c->svg = NULL;
    }
    sl_free(&stems);
    free(cdir);
}

/* ================================================================= read */

/* A bare results.csv (what `compare` also accepts). */
static int read_bare_results(struct run_model *m, const char *path, char *err, size_t errlen)
{
    m->label = path_basename(path);
    m->run_id = xstrdup(m->label);
    if (!is_file(path)) {
        snprintf(err, errlen, "cannot read '%s': %s", path, strerror(ENOENT));
        return -1;
    }
    char why[1024];
    if (csv_load(path, &m->t_results, why, sizeof why) != 0) {
        snprintf(err, errlen, "cannot read '%s': %s", path, why);
        return -1;
    }
    return read_results(m, path, err, errlen);
}

static int read_folder(struct run_model *m, const char *dir, unsigned flags, char *err,
                       size_t errlen)
{
    int have_v, have_s, have_r, have_f, rc = -1;
    char *pv = path_join(dir, "variants.csv"), *ps = path_join(dir, "summary.csv"),
         *pr = path_join(dir, "results.csv");
    if (flags & RM_RESULTS_ONLY) {
        rc = load_table(dir, "results.csv", flags & RM_NEED_RESULTS, &m->t_results, &have_r,
                        err, errlen);
        if (rc == 0 && have_r)
            rc = read_results(m, pr, err, errlen);
        /* the build IDs (compare's same-build rows), from variants.csv when
         * it is there and reads; never an error: any two runs compare */
        char why[1024];
        if (rc == 0 && load_table(dir, "variants.csv", 0, &m->t_variants, &have_v, why,
                                  sizeof why) == 0 && have_v)
            (void)read_variants(m, pv, 0, why, sizeof why);
        m->run_id = xstrdup(m->label);
        goto out;
    }
    if (load_table(dir, "summary.csv", flags & RM_NEED_SUMMARY, &m->t_summary, &have_s, err,
                   errlen) ||
        (have_s && read_summary(m, ps, err, errlen)) ||
        load_table(dir, "variants.csv", flags & RM_NEED_VARIANTS, &m->t_variants, &have_v, err,
                   errlen) ||
        (have_v && read_variants(m, pv, (flags & RM_NEED_VARIANTS) != 0, err, errlen)) ||
        load_table(dir, "failures.csv", 0, &m->t_failures, &have_f, err, errlen) ||
        load_table(dir, "results.csv", flags & RM_NEED_RESULTS, &m->t_results, &have_r, err,
                   errlen) ||
        (have_r && read_results(m, pr, err, errlen)))
        goto out;
    variants_from_summary(m);
    if (have_f)
        read_failures(m);
    read_env(m, dir);
    if (read_findings(m, dir, err, errlen) != 0)
        goto out;
    /* A run writes its report while still in its staging folder: env.txt
     * knows the name it will have. */
    const char *id = rm_env(m, "run_id");
    m->run_id = xstrdup(id && *id ? id : m->label);
    for (size_t i = 0; i < m->nv && m->baseline < 0; i++)
        if (m->v[i].baseline)
            m->baseline = (int)i;
    if (m->baseline < 0 && rm_env(m, "baseline"))
        m->baseline = rm_variant_index(m, rm_env(m, "baseline"));
    read_charts(m, dir);
    rc = 0;
out:
    free(pv), free(ps), free(pr);
    return rc;
}

int run_model_read(struct run_model *m, const char *path, unsigned flags, char *err,
                   size_t errlen)
{
    memset(m, 0, sizeof *m);
    m->baseline = -1;
    m->n_samples = -1;
    m->path = xstrdup(path);
    if (errlen)
        err[0] = '\0';
    if (!is_dir(path)) {
        if (flags & RM_NEED_RESULTS)
            return read_bare_results(m, path, err, errlen);
        snprintf(err, errlen, "'%s' is not a run folder (no such directory)", path);
        return -1;
    }
    m->is_folder = 1;
    /* The name of the folder; reports/latest is resolved first. */
    char *real = path_real(path);
    m->label = path_basename(real ? real : path);
    free(real);
    return read_folder(m, path, flags, err, errlen);
}

void run_model_free(struct run_model *m)
{
    free(m->path);
    free(m->label);
    free(m->run_id);
    free(m->v);
    free(m->r);
    free(m->s);
    free(m->f);
    for (size_t i = 0; i < m->nenv; i++)
        free(m->env[i].key), free(m->env[i].value);
    free(m->env);
    for (size_t i = 0; i < m->nfindings; i++)
        free(m->findings[i].variant), free(m->findings[i].topic), free(m->findings[i].unit),
            free(m->findings[i].detail), free(m->findings[i].other);
    free(m->findings);
    for (size_t i = 0; i < m->ncharts; i++)
        free(m->charts[i].name), free(m->charts[i].png), free(m->charts[i].svg);
    free(m->charts);
    csv_free(&m->t_variants);
    csv_free(&m->t_summary);
    csv_free(&m->t_results);
    csv_free(&m->t_failures);
    memset(m, 0, sizeof *m);
    m->baseline = -1;
}
