/* build.c - report_doc_build(): the doc of a run model (build.h). The
 * setup line, the headline table, warnings and the reproduce lines are
 * built here; the findings in findings.c. */
#define _GNU_SOURCE
#include "report/build.h"

#include "results/verdicts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dbmath.h"
#include "base/units.h"
#include "report/findings.h"
#include "report/leakrate.h"
#include "results/claim.h"
#include "results/rundata.h"

/* ============================================================== warnings */

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
    if (!strncmp(w, "outliers ", 9)) {
        /* hyperfine's warning: one or a few values far from the rest. */
        *key = xstrdup("statistical outliers (modified Z-score > 3.5: another program or an "
                       "interrupt disturbed some measurements; consider re-running on a quiet "
                       "system)");
        const char *paren = strstr(w + 9, " (");
        *detail = xstrndup(w + 9, paren ? (size_t)(paren - (w + 9)) : strlen(w + 9));
        return;
    }
    *key = xstrdup(w);
    *detail = xstrdup("");
}

static void build_warnings(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    const char *status = rm_env(d, "status");
    if (status && strcmp(status, "complete"))
        sl_push_owned(&m->warnings,
                      xasprintf("run status: %s: some results are missing", status));
    struct wgroup *g = NULL;
    size_t ng = 0, n_timing = 0;
    for (size_t i = 0; i < d->nr; i++) {
        const struct rm_result *r = &d->r[i];
        n_timing += metric_is_timing(r->key.metric);
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
                sb_printf(&sb, "%s %s", r->key.variant, r->key.scenario);
                if (*r->key.workload)
                    sb_printf(&sb, "/%s", r->key.workload);
                if (*r->key.thread)
                    sb_printf(&sb, "/%s", r->key.thread);
                sb_printf(&sb, " %s", r->key.metric);
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

/* ============================================================= the doc */

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

/* How the variants come back: built from their recipes, brought (lib =),
 * or both - from env.txt's "variant X: ...; recipe=(brought); ..." lines. */
static const char *repro_libs(const struct run_model *d)
{
    int built = 0, brought = 0;
    for (size_t i = 0; i < d->nenv; i++) {
        if (strncmp(d->env[i].key, "variant ", 8))
            continue;
        if (strstr(d->env[i].value, "recipe=(brought)"))
            brought = 1;
        else
            built = 1;
    }
    if (brought && !built)
        return "the libraries are brought (lib = in bench.toml), not built: the same files must "
               "be at those paths";
    if (brought)
        return "the built variants are rebuilt from their toolchains; the brought libraries "
               "(lib = in bench.toml) must be at the same paths";
    return "the variants are rebuilt from their toolchains";
}

/* The command rebuilt from env.txt, for a run folder written before run
 * recorded "reproduce". */
static char *repro_reconstructed(const struct run_model *d)
{
    struct strbuf sb = {0};
    sb_append(&sb, "dlbench run -c bench.toml");
    const char *v;
    int quick = (v = rm_env(d, "quick")) && !strcmp(v, "yes");
    if (quick)
        sb_append(&sb, " --quick");
    if ((v = rm_env(d, "seed")) && *v)
        arg(&sb, "--seed", v);
    if (!quick && (v = rm_env(d, "repetitions")) && *v)
        arg(&sb, "--repetitions", v);
    if (!quick && (v = rm_env(d, "cycles")) && *v)
        arg(&sb, "--cycles", v);
    if ((v = rm_env(d, "baseline")) && *v && strcmp(v, "none"))
        arg(&sb, "--baseline", v);
    if ((v = rm_env(d, "scenarios")) && *v)
        arg(&sb, "--scenarios", v);
    int leak_checked = 0;
    for (size_t i = 0; i < d->nfindings; i++)
        leak_checked |= !strcmp(d->findings[i].topic, "memory/valgrind") &&
                        d->findings[i].verdict != VERDICT_NOT_MEASURED;
    for (size_t i = 0; i < d->nenv; i++)
        leak_checked |= !strncmp(d->env[i].key, "leak_check ", 11);
    if (leak_checked || rm_get(d, NULL, "cycle", "fresh", "main", "vg_applicable"))
        sb_append(&sb, " --leak-check");
    return sb_detach(&sb);
}

static void build_repro(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    struct strbuf sb = {0};
    const char *v = rm_env(d, "reproduce"); /* written by run (run/run.c) */
    sl_push_owned(&m->repro, v && *v ? xstrdup(v) : repro_reconstructed(d));
    /* The reconstruction cannot know --only or --go; the typed command
     * can (runs since env.txt recorded it). */
    if ((v = rm_env(d, "command")) && *v) {
        sb_printf(&sb, "# as typed: %s", v);
        sl_push_owned(&m->repro, sb_detach(&sb));
    }
    const char *dir = rm_env(d, "reports_dir");
    sb_append(&sb, "dlbench plot ");
    if (dir && *dir) {
        char *q = shell_word(dir);
        sb_printf(&sb, "%s/", q);
        free(q);
    } else {
        sb_append(&sb, "reports/");
    }
    sb_append(&sb, shell_safe(d->run_id) ? d->run_id : "<run-id>");
    sl_push_owned(&m->repro, sb_detach(&sb));
    const char *commit = rm_env(d, "git_commit");
    int known = commit && *commit && strcmp(commit, "unknown");
    m->repro_note = xasprintf(
        "From a dlbench checkout%s%s, with this folder's bench.toml (the configuration "
        "used) copied to its root; %s:",
        known ? " at commit " : " (commit unknown: not run from a git checkout)",
        known ? commit : "", repro_libs(d));
}

/* ========================================================== the headline */

static void build_setup(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    const char *date = rm_env(d, "date");
    m->title = xasprintf("dlbench report: run %s%s%s%s", d->run_id, date ? " (" : "",
                         date ? date : "", date ? ")" : "");

    struct strbuf sb = {0};
    const char *cpu = rm_env(d, "cpu_model"), *cores = rm_env(d, "cpu_count"),
               *kernel = rm_env(d, "kernel"), *pin = rm_env(d, "pin_cpu"),
               *gov = rm_env(d, "governor"), *turbo = rm_env(d, "turbo"),
               *reps = rm_env(d, "repetitions"), *cyc = rm_env(d, "cycles"),
               *glibc = rm_env(d, "glibc"), *quick = rm_env(d, "quick");
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
    if (d->baseline >= 0)
        sb_printf(&sb, "; baseline %s", d->v[d->baseline].name);
    sb_append(&sb, ".");
    m->setup = sb_detach(&sb);
    const char *status = rm_env(d, "status");
    if (status && strcmp(status, "complete"))
        m->status_note = xasprintf("Run status: %s. Numbers below cover what was measured "
                                   "before it stopped.", status);

}

/* The leak cells of a variant, from findings.csv's fresh-mode resource
 * topics: every resource that leaks ("leak 256 KiB/cycle, 1 fd/cycle";
 * terminal "256 KiB+1 fd"), else "no leak" when every resource measured
 * is no-leak, "inconclusive" when one is, a dash when none was measured.
 * A library that leaks an fd per load is never "no" because its memory
 * is clean. */
static void leak_cell(const struct run_model *d, const char *variant, char **cell, char **tc)
{
    static const struct {
        const char *topic, *one, *many;
    } res[] = {{"memory", NULL, NULL},
               {"fds", "fd", "fds"},
               {"threads", "thread", "threads"},
               {"mappings", "mapping", "mappings"},
               {"children", "child", "children"}};
    struct strbuf c = {0}, t = {0};
    int leaks = 0, measured = 0, unsure = 0;
    for (size_t i = 0; i < ARRAY_LEN(res); i++) {
        const struct rm_finding *f = rm_finding_of(d, variant, res[i].topic);
        if (!f || f->verdict == VERDICT_NOT_MEASURED)
            continue;
        measured++;
        if (f->verdict == VERDICT_INCONCLUSIVE)
            unsure++;
        if (f->verdict != VERDICT_LEAK)
            continue;
        sb_append(&c, leaks ? ", " : "leak ");
        if (leaks++)
            sb_append(&t, "+");
        size_t at = t.len;
        if (res[i].one)
            sb_printf(&t, "%.3g %s", f->value,
                      fabs(f->value - 1.0) < 5e-4 ? res[i].one : res[i].many);
        else
            units_fmt_style(&t, f->value, f->unit, UNITS_TRIM);
        sb_printf(&c, "%s/cycle", t.buf + at);
    }
    if (leaks) {
        *cell = sb_detach(&c);
        *tc = sb_detach(&t);
    } else {
        *cell = xstrdup(!measured ? DASH : unsure ? "inconclusive" : "no leak");
        *tc = xstrdup(!measured ? "-" : unsure ? "?" : "no");
    }
    sb_free(&c);
    sb_free(&t);
}

/* The report cell (with the ratio to the baseline) and the terminal cell
 * of variant i in headline column c. */
static void headline_cell(struct report_doc *m, size_t i, size_t c, char **cell, char **tc)
{
    const struct run_model *d = m->rm;
    const struct rm_variant *v = &d->v[i];
    /* A library that cannot be loaded still has its file facts. */
    if (!v->ok && !(!strcmp(report_cols[c].scenario, "size") && col_get(m, c, v->name))) {
        *cell = xstrdup(c == 0 ? "failed" : DASH);
        *tc = xstrdup(c == 0 ? "failed" : "-");
        return;
    }
    struct strbuf x = {0};
    if (report_cols[c].kind == COL_LEAK) {
        leak_cell(d, v->name, cell, tc);
        return;
    }
    if (report_cols[c].kind == COL_UNLOADED) {
        /* from findings.csv: the same verdict the findings state */
        const struct rm_finding *f = rm_finding_of(d, v->name, "unload");
        if (!f || f->verdict == VERDICT_NOT_MEASURED) {
            *cell = xstrdup(DASH);
            *tc = xstrdup("-");
        } else {
            *cell = xstrdup(f->verdict == VERDICT_UNLOADS ? "yes" : "no");
            *tc = xstrdup(*cell);
        }
        return;
    }
    const struct rm_result *r = col_get(m, c, v->name);
    if (!r) {
        *cell = xstrdup(DASH);
        *tc = xstrdup("-");
        return;
    }
    {
        units_fmt(&x, r->median, r->unit);
        *tc = xstrdup(x.buf);
        /* a call's ratio measured in the same processes, when the pair
         * scenario ran, is the sharper one */
        const struct rm_result *pr =
            !strcmp(r->key.metric, "ns_per_call")
                ? rm_get(d, v->name, "pair", r->key.workload, r->key.thread, "ratio")
                : NULL;
        if ((int)i != d->baseline && pr && !isnan(pr->median)) {
            sb_append(&x, " (");
            units_fmt_ratio(&x, pr->median);
            sb_append(&x, " paired)");
        } else if ((int)i != d->baseline && !isnan(r->ratio)) {
            sb_append(&x, " (");
            units_fmt_ratio(&x, r->ratio);
            sb_append(&x, ")");
        }
    }
    *cell = sb_detach(&x);
}

/* The precision cell of variant i in headline column c: the 95 % CI of
 * the median and the smallest change a comparison resolves (mde_pct). */
static char *precision_cell(const struct report_doc *m, size_t i, size_t c)
{
    const struct run_model *d = m->rm;
    const struct rm_result *r = d->v[i].ok ? col_get(m, c, d->v[i].name) : NULL;
    if (!r || report_cols[c].kind != COL_VALUE)
        return xstrdup(DASH);
    struct strbuf x = {0};
    if (!isnan(r->ci_low) && !isnan(r->ci_high) && r->n >= 2) {
        units_fmt(&x, r->ci_low, r->unit);
        sb_append(&x, " to ");
        units_fmt(&x, r->ci_high, r->unit);
        /* 2 to 5 values: summary.csv's interval is [min, max], no 95 % CI
         * (results/claim.h, stats_median_ci) */
        if (claim_side_of(r).weak_ci)
            sb_printf(&x, " (range of %.0f: no 95 %% CI)", r->n);
    } else {
        sb_append(&x, "one value");
    }
    if (r->processes == 1 && r->n >= 2)
        sb_append(&x, "; one process: no mde");
    else if (!isnan(r->mde_pct)) {
        sb_append(&x, "; mde ");
        units_fmt_plain(&x, r->mde_pct);
        sb_append(&x, "%");
    }
    return sb_detach(&x);
}

static void build_headline(struct report_doc *m)
{
    const struct run_model *d = m->rm;
    m->heads[0] = xstrdup("variant");
    for (size_t c = 0; c < REPORT_NCOLS; c++)
        m->heads[c + 1] = report_cols[c].head ? xstrdup(report_cols[c].head)
                                              : xstrdup(m->fib[0] ? m->fib : "fib");
    size_t w = REPORT_NCOLS + 1;
    m->cells = xcalloc(d->nv * w + 1, sizeof *m->cells);
    m->term = xcalloc(d->nv * w + 1, sizeof *m->term);
    m->prec = xcalloc(d->nv * w + 1, sizeof *m->prec);
    for (size_t i = 0; i < d->nv; i++) {
        const struct rm_variant *v = &d->v[i];
        m->cells[i * w] = xasprintf("%s%s", v->name, v->baseline || (int)i == d->baseline
                                                         ? " (baseline)" : "");
        m->term[i * w] = xstrdup(v->name);
        m->prec[i * w] = xstrdup(v->name);
        for (size_t c = 0; c < REPORT_NCOLS; c++) {
            headline_cell(m, i, c, &m->cells[i * w + c + 1], &m->term[i * w + c + 1]);
            m->prec[i * w + c + 1] = precision_cell(m, i, c);
        }
    }
    struct strbuf sb = {0};
    sb_printf(&sb, "Medians; in parentheses the ratio to the baseline%s%s (same metric). "
                   "Calls in ns per call, fib and hello on the main thread; \"paired\": the "
                   "median ratio of batches alternating with the baseline's in the same "
                   "processes (the pair scenario); instructions: per call on the calling "
                   "thread, counted under callgrind; dlopen and first "
                   "call of a fresh process; cycle = one dlopen/dlclose of a library not loaded "
                   "elsewhere; leak = every resource findings.csv finds leaking (memory, fds, "
                   "threads, mappings, children: growth per cycle that does not stop, of at "
                   "least one step of its method over the run), per cycle; the memory value "
                   "is the memory row's, from the method that saw it (valgrind's lost or "
                   "still-reachable bytes, which can be far below a page, or an RSS, "
                   "Private_Dirty or Go heap slope: its detail says which); "
                   "cold start = a whole process that loads the library and calls it once; "
                   DASH " = not measured.",
              d->baseline >= 0 ? " " : "", d->baseline >= 0 ? d->v[d->baseline].name : "");
    if (d->n_samples >= 0)
        sb_printf(&sb, " %ld samples in results.csv.", d->n_samples);
    m->legend = sb_detach(&sb);
    m->prec_legend = xstrdup(
        "Each headline result's 95 % CI of the median (with 2 to 5 values no "
        "distribution-free 95 % CI exists: the range of the values, marked \"range of N\"), "
        "and mde: the smallest change of it "
        "that a comparison with another result like it resolves (alpha 0.05, power 80 %; "
        "README, \"How precise is a run\"). A finding claims a difference only when it is "
        "significant and at least the larger of the two mde. One process: all samples came "
        "from one process, so there is nothing independent to resolve a change with.");
}

void report_doc_build(struct report_doc *m, const struct run_model *rm)
{
    memset(m, 0, sizeof *m);
    m->rm = rm;
    rm_largest_fib(rm, m->fib, sizeof m->fib);
    build_setup(m);
    build_headline(m);
    m->findings_intro = xasprintf(
        "Rendered from findings.csv: every verdict below is a row there, decided from "
        "summary.csv and results.csv. A difference is claimed only when the 95 %% CIs of the "
        "medians do not overlap and it is at least the larger of the two results' mde (the "
        "smallest change the run resolves, see Precision), never from one process; main thread vs pthread is reported from %g" TIMES
        "; size outliers are %g" TIMES " the smallest library or more; a first call "
        "\"dominates\" when it is at least %g " MICRO "s and claimed longer than the dlopen.",
        THREAD_RATIO_MIN, SIZE_OUTLIER_RATIO, FIRST_CALL_MIN_US);
    findings_build(m);
    leak_rate_findings(m); /* report/leakrate.h */
    engines_build(m);
    build_warnings(m);
    build_repro(m);
    doc_order_charts(m);
}
