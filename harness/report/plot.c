/* plot.c - `dlbench plot`: the charts of a run folder. See plot.h.
 *
 * Reads the run folder once into the run model (results/runmodel.h),
 * prepares the charting context (colours, scripts, a temporary folder under
 * charts/) and draws each chart of the table below (charts.h); gnuplot.c
 * runs gnuplot and owns the files. */
#define _GNU_SOURCE
#include "report/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "report/charts.h"
#include "results/runmodel.h"
#include "results/verdicts.h"

/* Okabe & Ito (2008), "Color Universal Design": distinguishable with every
 * common colour-vision deficiency. One hue per implementation, in config
 * order: the default bench.toml gets C blue, Go bluish green, Rust
 * vermillion. Grey stands in for Okabe-Ito's black (a darker shade of
 * black is black); yellow is last: weak on white. */
static const unsigned impl_hues[] = {0x0072B2, 0x009E73, 0xD55E00, 0xCC79A7,
                                     0xE69F00, 0x56B4E9, 0x666666, 0xF0E442};

/* Shade k of colour c: 0 itself, then darker and lighter by turns, each
 * pair a step further (k = 1 darker, 2 lighter, 3 darker still, ...). */
static unsigned shade(unsigned c, int k)
{
    if (k <= 0)
        return c;
    int step = (k + 1) / 2;
    unsigned out = 0;
    for (int sh = 0; sh < 24; sh += 8) {
        double ch = (double)((c >> sh) & 0xff);
        if (k % 2) /* darker: towards black */
            ch *= step == 1 ? 0.62 : step == 2 ? 0.40 : 0.25;
        else       /* lighter: towards white */
            ch += (255 - ch) * (step == 1 ? 0.45 : step == 2 ? 0.68 : 0.82);
        out |= (unsigned)(ch + 0.5) << sh;
    }
    return out;
}

unsigned plot_variant_color(const struct run_model *m, size_t i)
{
    const struct rm_variant *v = &m->v[i];
    int hue = v->impl_index, tc = v->toolchain_index;
    if (hue < 0 || tc < 0) {
        /* No recorded positions: the order of first appearance. */
        int first = -1, before = 0;
        for (size_t j = 0; j < i; j++)
            if (!strcmp(m->v[j].impl, v->impl)) {
                before++;
                if (first < 0)
                    first = (int)j;
            }
        if (hue < 0) {
            /* Impls seen before this one's first variant. */
            size_t upto = first >= 0 ? (size_t)first : i;
            hue = 0;
            for (size_t j = 0; j < upto; j++) {
                int seen = 0;
                for (size_t k = 0; k < j && !seen; k++)
                    seen = !strcmp(m->v[k].impl, m->v[j].impl);
                hue += !seen;
            }
        }
        if (tc < 0)
            tc = before;
    }
    return shade(impl_hues[(size_t)hue % ARRAY_LEN(impl_hues)], tc);
}

/* The charts, in drawing order. */
static const struct {
    const char *name;
    int (*draw)(struct chart_ctx *);
} charts[] = {
    {"call_latency", chart_call},   {"call_instructions", chart_call_instructions},
    {"load", chart_load},
    {"cycle_rss", chart_cycle_rss}, {"cycle_cost", chart_cycle_cost},
    {"size", chart_size},           {"toolchains", chart_toolchains},
    {"process", chart_process},
};

static void set_variants(struct chart_ctx *c)
{
    const struct run_model *m = c->rm;
    c->nv = m->nv;
    c->v = xcalloc(m->nv ? m->nv : 1, sizeof *c->v);
    for (size_t i = 0; i < m->nv; i++)
        c->v[i] = (struct chart_variant){&m->v[i], strcmp(m->v[i].status, "ok") != 0,
                                         plot_variant_color(m, i)};
    /* Only what is drawn can clash: two drawn variants of different impls
     * on one hue (a failed variant is left out of the charts). */
    int clash = 0;
    for (size_t i = 0; i < m->nv && !clash; i++)
        for (size_t j = i + 1; j < m->nv && !clash; j++)
            clash = !c->v[i].failed && !c->v[j].failed &&
                    m->v[i].impl_index != m->v[j].impl_index && m->v[i].impl_index >= 0 &&
                    m->v[j].impl_index >= 0 &&
                    m->v[i].impl_index % (int)ARRAY_LEN(impl_hues) ==
                        m->v[j].impl_index % (int)ARRAY_LEN(impl_hues);
    if (clash)
        db_warn("more than %zu implementations in the charts: colours repeat",
                ARRAY_LEN(impl_hues));
}

/* Why each failed variant is missing, from failures.csv when present. */
static void warn_failed(const struct chart_ctx *c)
{
    const struct run_model *m = c->rm;
    for (size_t i = 0; i < c->nv; i++) {
        if (!c->v[i].failed)
            continue;
        const struct rm_failure *f = NULL;
        for (size_t r = 0; r < m->nf && !f; r++)
            if (!strcmp(m->f[r].variant, c->v[i].v->name))
                f = &m->f[r];
        if (f)
            db_warn_repeated("variant '%s' failed (%s: %s): left out of the charts",
                             c->v[i].v->name, f->scenario, f->cause);
        else
            db_warn_repeated("variant '%s' failed: left out of the charts", c->v[i].v->name);
    }
}

/* The gnuplot scripts folder, made absolute. */
static int find_scripts(struct chart_ctx *c, char *err, size_t errlen)
{
    const char *sd = getenv("DLBENCH_SCRIPTS_DIR");
    c->scripts_dir = sd && *sd ? xstrdup(sd) : xstrdup(DLBENCH_SOURCE_DIR "/scripts/plot");
    char *common = path_join(c->scripts_dir, "common.gp");
    int ok = is_file(common);
    free(common);
    if (!ok) {
        snprintf(err, errlen, "no gnuplot scripts in '%s' (set DLBENCH_SCRIPTS_DIR)",
                 c->scripts_dir);
        return -1;
    }
    /* Scripts are given to gnuplot by absolute path: it runs elsewhere. */
    char *abs = path_abs(c->scripts_dir);
    free(c->scripts_dir);
    c->scripts_dir = abs;
    return 0;
}

static int make_dirs(struct chart_ctx *c, const char *run_dir, char *err, size_t errlen)
{
    c->charts_dir = path_join(run_dir, "charts");
    if (mkdir_p(c->charts_dir) != 0) {
        c->write_failed = errno;
        snprintf(err, errlen, "cannot create '%s': %s", c->charts_dir, strerror(errno));
        return -1;
    }
    char *tmpl = path_join(c->charts_dir, ".plot-XXXXXX");
    if (!mkdtemp(tmpl)) {
        c->write_failed = errno;
        snprintf(err, errlen, "cannot create a folder in '%s': %s", c->charts_dir,
                 strerror(errno));
        free(tmpl);
        return -1;
    }
    c->tmp_dir = tmpl;
    return 0;
}

int plot_run(const char *run_dir, char *err, size_t errlen)
{
    struct run_model m;
    struct chart_ctx c;
    memset(&c, 0, sizeof c);
    c.err = err;
    c.errlen = errlen;
    int rc = PLOT_BAD_INPUT;
    char *gnuplot = NULL;
    if (run_model_read(&m, run_dir, RM_NEED_SUMMARY | RM_NEED_VARIANTS, err, errlen) != 0)
        goto out;
    verdicts_ensure(&m);
    c.rm = &m;
    c.have_res = m.n_samples >= 0;
    set_variants(&c);
    if (!c.have_res) {
        char *rp = path_join(run_dir, "results.csv");
        db_warn("'%s' not found: charts from summary.csv only", rp);
        free(rp);
    }
    if (find_scripts(&c, err, errlen) != 0)
        goto out;
    gnuplot = find_in_path("gnuplot");
    if (!gnuplot) {
        db_warn("gnuplot not found: no charts drawn (install gnuplot, e.g. scripts/deps.sh)");
        rc = PLOT_NO_GNUPLOT;
        goto out;
    }
    if (make_dirs(&c, run_dir, err, errlen) != 0) {
        rc = PLOT_WRITE_FAILED;
        goto out;
    }
    warn_failed(&c);
    rc = PLOT_OK;
    for (size_t i = 0; i < ARRAY_LEN(charts); i++) {
        int r = charts[i].draw(&c);
        if (r < 0) {
            rc = c.write_failed ? PLOT_WRITE_FAILED : PLOT_GNUPLOT_FAILED;
            break;
        }
        if (r > 0)
            remove_stale(&c, charts[i].name);
    }
out:
    cleanup_tmp(&c);
    free(gnuplot);
    free(c.v);
    sl_free(&c.tmp_files);
    free(c.charts_dir);
    free(c.tmp_dir);
    free(c.scripts_dir);
    run_model_free(&m);
    if (rc == PLOT_WRITE_FAILED)
        errno = c.write_failed ? c.write_failed : EIO;
    return rc;
}
