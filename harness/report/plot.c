/* plot.c - `dlbench plot`: turns a run folder into charts. See plot.h.
 *
 * Division of labour: C reads the CSV files, picks what to draw, chooses
 * units, axis ranges and tick labels, and writes small tab-separated data
 * files plus a params.gp of chart-specific settings into a temporary folder
 * under charts/. The gnuplot scripts in scripts/plot/ own the look (fonts,
 * colours, line styles, the plot commands). gnuplot runs with that folder
 * as its working directory, so no path or name from the run ever appears
 * inside a gnuplot command: names only travel as quoted string constants
 * written by gp_string(). */
#define _GNU_SOURCE
#include "report/plot.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/child.h"
#include "base/dbmath.h"
#include "base/csv.h"
#include "results/stats.h"
#include "base/util.h"

#define GNUPLOT_TIMEOUT_S 60.0

/* Okabe & Ito (2008), "Color Universal Design": distinguishable with every
 * common colour-vision deficiency. Yellow is last: weak on white. */
static const unsigned palette[] = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00,
                                   0xCC79A7, 0x56B4E9, 0x000000, 0xF0E442};

/* ------------------------------------------------------------ run data */

struct variant {
    char *name, *impl, *toolchain, *tv; /* tv = toolchain_version */
    int failed;
    unsigned color;
};

struct ctx {
    char *run_dir, *charts_dir, *tmp_dir, *scripts_dir;
    struct variant *v;
    size_t nv;
    struct csv_table sum, res;
    int have_res;
    /* summary.csv columns */
    int s_var, s_sc, s_wl, s_th, s_met, s_med, s_lo, s_hi;
    /* results.csv columns */
    int r_var, r_sc, r_wl, r_th, r_met, r_rep, r_val;
    struct strlist tmp_files; /* everything written into tmp_dir */
    char *err;
    size_t errlen;
};

struct stat3 {
    double med, lo, hi;
};

/* Median and CI of one summary row; 0 if found with a finite median. */
static int sum_get(const struct ctx *c, const char *variant, const char *scenario,
                   const char *workload, const char *thread, const char *metric,
                   struct stat3 *out)
{
    for (size_t i = 0; i < c->sum.n_rows; i++) {
        char **r = c->sum.rows[i];
        if (strcmp(r[c->s_var], variant) || strcmp(r[c->s_sc], scenario) ||
            strcmp(r[c->s_wl], workload) || strcmp(r[c->s_th], thread) ||
            strcmp(r[c->s_met], metric))
            continue;
        out->med = csv_num(r[c->s_med]);
        out->lo = c->s_lo >= 0 ? csv_num(r[c->s_lo]) : NAN;
        out->hi = c->s_hi >= 0 ? csv_num(r[c->s_hi]) : NAN;
        return isfinite(out->med) ? 0 : -1;
    }
    return -1;
}

static int scenario_present(const struct ctx *c, const char *scenario)
{
    for (size_t i = 0; i < c->sum.n_rows; i++)
        if (!strcmp(c->sum.rows[i][c->s_sc], scenario))
            return 1;
    return 0;
}

/* ------------------------------------------------------------ formatting */

/* Three significant digits, no exponent: 1.52, 15.2, 152, 1520. */
static void fmt3(char *buf, size_t n, double v)
{
    double a = fabs(v);
    if (a >= 100 || a == 0)
        snprintf(buf, n, "%.0f", v);
    else if (a >= 10)
        snprintf(buf, n, "%.1f", v);
    else
        snprintf(buf, n, "%.2f", v);
}

enum unit_kind { U_TIME_NS, U_BYTES, U_PLAIN };

struct unit_scale {
    double div;
    const char *name;
};

/* The display unit for values around v (base ns or bytes). */
static struct unit_scale unit_for(enum unit_kind k, double v)
{
    static const struct unit_scale t[] = {{1, "ns"}, {1e3, "µs"}, {1e6, "ms"}, {1e9, "s"}};
    static const struct unit_scale b[] = {
        {1, "B"}, {1024, "KiB"}, {1048576, "MiB"}, {1073741824.0, "GiB"}};
    const struct unit_scale *u = k == U_TIME_NS ? t : b;
    if (k == U_PLAIN)
        return (struct unit_scale){1, ""};
    v = fabs(v);
    size_t i = 0;
    while (i + 1 < 4 && v >= u[i + 1].div)
        i++;
    return u[i];
}

/* "1.52 ms", "16 KiB", "74.0 µs". */
static void fmt_value(char *buf, size_t n, enum unit_kind k, double v)
{
    struct unit_scale u = unit_for(k, v);
    char num_s[32];
    if (k == U_BYTES && u.div == 1) /* bytes are whole */
        snprintf(num_s, sizeof num_s, "%.0f", v);
    else
        fmt3(num_s, sizeof num_s, v / u.div);
    snprintf(buf, n, "%s%s%s", num_s, *u.name ? " " : "", u.name);
}

/* A gnuplot double-quoted string constant; a '\n' in s becomes a line
 * break, other control characters a space. */
static void gp_string(struct strbuf *sb, const char *s)
{
    sb_appendc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        /* gnuplot runs `...` as a shell command even inside "...": a
         * variant name or an info string from a library must not. */
        if (*p == '"' || *p == '\\' || *p == '`') {
            sb_appendc(sb, '\\');
            sb_appendc(sb, (char)*p);
        } else if (*p == '\n') {
            sb_append(sb, "\\n");
        } else if (*p < 0x20) {
            sb_appendc(sb, ' ');
        } else {
            sb_appendc(sb, (char)*p);
        }
    }
    sb_appendc(sb, '"');
}

/* Tic labels are printf formats to gnuplot: '%' must be doubled. */
static void gp_tic_string(struct strbuf *sb, const char *s)
{
    struct strbuf t = {0};
    for (const char *p = s; *p; p++) {
        if (*p == '%')
            sb_appendc(&t, '%');
        sb_appendc(&t, *p);
    }
    gp_string(sb, t.buf ? t.buf : "");
    sb_free(&t);
}

/* "nan" is read by gnuplot as an undefined value. */
static void gp_num(struct strbuf *sb, double v)
{
    if (isfinite(v))
        sb_printf(sb, "%.9g", v);
    else
        sb_append(sb, "NaN");
}

/* Writes text into the temporary folder; the name is ours, never a run's. */
static int tmp_write(struct ctx *c, const char *name, const struct strbuf *sb)
{
    char *path = path_join(c->tmp_dir, name);
    int rc = write_file_atomic(path, sb->buf ? sb->buf : "", sb->len);
    if (rc != 0)
        snprintf(c->err, c->errlen, "cannot write '%s': %s", path, strerror(errno));
    else if (!sl_contains(&c->tmp_files, name))
        sl_push(&c->tmp_files, name);
    free(path);
    return rc;
}

/* Tick marks for a log axis over [lo, hi]: labelled majors and unlabelled
 * minors, as a gnuplot "set ytics (...)" command. Time: decades (with 2
 * and 5 labelled when the range is short). Bytes: powers of 4 from 1 KiB
 * (1 KiB, 4 KiB, 16 KiB, ...), powers of 10 below. */
static void log_tics(struct strbuf *sb, const char *axis, enum unit_kind k, double lo, double hi)
{
    sb_printf(sb, "set %s (", axis);
    int first = 1;
    char lab[48];
    if (k == U_BYTES && hi >= 1024) {
        double start = 1;
        while (start * 4 <= lo)
            start *= 4;
        /* An integer counter: powers of 4 are exact, but a float loop
         * counter is a classic source of off-by-one ticks. */
        for (int e = 0; e < 64 && start * db_pow(4, e) <= hi * 1.0001; e++) {
            double t = start * db_pow(4, e);
            fmt_value(lab, sizeof lab, k, t);
            /* "1.00 KiB" -> "1 KiB": powers of 4 of a unit are whole. */
            struct unit_scale u = unit_for(k, t);
            snprintf(lab, sizeof lab, "%.0f %s", t / u.div, u.name);
            sb_printf(sb, "%s", first ? "" : ", ");
            gp_string(sb, lab);
            sb_printf(sb, " %.9g", t);
            first = 0;
        }
    } else {
        int d0 = (int)db_floor(db_log10(lo) + 1e-9), d1 = (int)db_ceil(db_log10(hi) - 1e-9);
        int short_range = d1 - d0 <= 2;
        for (int d = d0; d <= d1; d++) {
            double base = db_pow(10, d);
            for (int m = 1; m <= 9; m++) {
                double t = base * m;
                if (t < lo * 0.9999 || t > hi * 1.0001)
                    continue;
                int major = m == 1 || (short_range && (m == 2 || m == 5));
                sb_printf(sb, "%s", first ? "" : ", ");
                first = 0;
                if (major) {
                    struct unit_scale u = unit_for(k, t);
                    snprintf(lab, sizeof lab, "%g%s%s", t / u.div, *u.name ? " " : "", u.name);
                    gp_string(sb, lab);
                    sb_printf(sb, " %.9g", t);
                } else {
                    sb_printf(sb, "\"\" %.9g 1", t);
                }
            }
        }
    }
    sb_append(sb, ")\n");
}

/* ------------------------------------------------------------ gnuplot */

static char *find_in_path(const char *prog)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return NULL;
    struct strlist dirs = {0};
    sl_split(&dirs, path, ":");
    char *found = NULL;
    for (size_t i = 0; i < dirs.n && !found; i++) {
        char *p = path_join(*dirs.v[i] ? dirs.v[i] : ".", prog);
        if (is_file(p) && access(p, X_OK) == 0)
            found = p;
        else
            free(p);
    }
    sl_free(&dirs);
    return found;
}

/* Moves tmp/<name>.<ext> to charts/<name>.<ext>. */
static int publish(struct ctx *c, const char *name, const char *ext)
{
    char *file = xasprintf("%s.%s", name, ext);
    char *from = path_join(c->tmp_dir, file), *to = path_join(c->charts_dir, file);
    int rc = 0;
    struct stat st;
    if (stat(from, &st) != 0 || st.st_size == 0) {
        snprintf(c->err, c->errlen, "gnuplot wrote no '%s' for chart '%s'", file, name);
        rc = -1;
    } else if (rename(from, to) != 0) {
        snprintf(c->err, c->errlen, "cannot rename '%s' to '%s': %s", from, to, strerror(errno));
        rc = -1;
    }
    free(file);
    free(from);
    free(to);
    return rc;
}

/* Removes charts/<name>.png|svg left by an earlier plot of this folder. */
static void remove_stale(const struct ctx *c, const char *name)
{
    static const char *const exts[] = {"png", "svg"};
    for (size_t i = 0; i < ARRAY_LEN(exts); i++) {
        char *p = xasprintf("%s/%s.%s", c->charts_dir, name, exts[i]);
        unlink(p);
        free(p);
    }
}

/* Runs scripts/plot/<script>.gp (after common.gp and the chart's params.gp)
 * once for PNG and once for SVG, then publishes both files. */
static int run_gnuplot(struct ctx *c, const char *name, const char *script)
{
    static const char *const fmts[] = {"png", "svg"};
    char *common = path_join(c->scripts_dir, "common.gp");
    char *gp = xasprintf("%s/%s.gp", c->scripts_dir, script);
    int rc = 0;
    for (size_t f = 0; f < ARRAY_LEN(fmts) && rc == 0; f++) {
        char *setup = xasprintf("NAME='%s'; FMT='%s'", name, fmts[f]);
        char *argv[] = {"gnuplot", "-e", setup, common, "params.gp", gp, NULL};
        struct child_spec spec = {.argv = argv, .cwd = c->tmp_dir,
                                  .timeout_s = GNUPLOT_TIMEOUT_S};
        struct child_result res;
        memset(&res, 0, sizeof res);
        child_run(&spec, &res);
        if (res.outcome != CHILD_OK) {
            char *cause = child_cause(&res);
            char *tail = child_err_tail(&res, 6);
            snprintf(c->err, c->errlen, "gnuplot failed on chart '%s' (%s): %s%s%s", name,
                     fmts[f], cause, *tail ? "\n" : "", tail);
            free(cause);
            free(tail);
            rc = -1;
        } else if (res.err && res.err_len) {
            /* Warnings such as "Skipping data file with no valid points". */
            char *tail = child_err_tail(&res, 4);
            db_warn("chart '%s': gnuplot: %s", name, tail);
            free(tail);
        }
        char *outname = xasprintf("%s.%s", name, fmts[f]);
        sl_push_owned(&c->tmp_files, outname);
        child_result_free(&res);
        free(setup);
    }
    for (size_t f = 0; f < ARRAY_LEN(fmts) && rc == 0; f++)
        rc = publish(c, name, fmts[f]);
    free(common);
    free(gp);
    return rc;
}

/* Appends the settings every chart shares: title and palette arrays of
 * the variants in the chart (VN names, VC colours, NV count). */
static void params_head(struct strbuf *p, const char *title, const struct ctx *c,
                        const int *used)
{
    sb_append(p, "TITLE = ");
    gp_string(p, title);
    size_t n = 0;
    for (size_t i = 0; i < c->nv; i++)
        n += used[i] != 0;
    sb_printf(p, "\nNV = %zu\narray VN[%zu]\narray VC[%zu]\n", n, n ? n : 1, n ? n : 1);
    size_t k = 0;
    for (size_t i = 0; i < c->nv; i++) {
        if (!used[i])
            continue;
        k++;
        sb_printf(p, "VN[%zu] = ", k);
        gp_string(p, c->v[i].name);
        sb_printf(p, "; VC[%zu] = '#%06X'\n", k, c->v[i].color);
    }
}

/* ------------------------------------------------------------ bar charts */

struct bar {
    double x, y, lo, hi, half;
    size_t vi;
    int hatched;
};

struct barchart {
    const char *name, *title, *xlabel, *quantity; /* quantity: "time per call" */
    enum unit_kind unit;
    int log_mode;            /* 1 force log, 0 linear, -1 by the data */
    int value_labels;
    const char *hatch_solid, *hatch_pattern; /* legend of solid/hatched bars */
    double hline;            /* NaN: none */
    char hline_label[96];
    struct bar *b;
    size_t n, cap;
    struct strbuf xtics;     /* "set xtics (...)" */
    struct strbuf na;        /* x positions of bars without data */
    int *used;               /* per variant */
    size_t n_groups;
};

static void bc_init(struct barchart *bc, const struct ctx *c)
{
    memset(bc, 0, sizeof *bc);
    bc->log_mode = -1;
    bc->hline = NAN;
    bc->used = xcalloc(c->nv ? c->nv : 1, sizeof(int));
    sb_append(&bc->xtics, "set xtics (");
}

static void bc_free(struct barchart *bc)
{
    free(bc->b);
    free(bc->used);
    sb_free(&bc->xtics);
    sb_free(&bc->na);
}

static void bc_group(struct barchart *bc, const char *label)
{
    sb_printf(&bc->xtics, "%s", bc->n_groups ? ", " : "");
    gp_tic_string(&bc->xtics, label);
    sb_printf(&bc->xtics, " %zu", bc->n_groups);
    bc->n_groups++;
}

static void bc_add(struct barchart *bc, double x, double half, size_t vi, int hatched,
                   const struct stat3 *s)
{
    if (bc->n == bc->cap) {
        bc->cap = bc->cap ? 2 * bc->cap : 32;
        bc->b = xrealloc(bc->b, bc->cap * sizeof *bc->b);
    }
    bc->b[bc->n++] = (struct bar){x, s->med, s->lo, s->hi, half, vi, hatched};
}

/* A slot without data: drawn as a grey "n/a" (kind 2 in bars.dat). */
static void bc_na(struct barchart *bc, double x, size_t vi)
{
    sb_printf(&bc->na, "%.6g\t%zu\n", x, vi);
}

/* Slot layout of one group: n_var variants x n_sub bars (threads), the
 * bars of one variant touching, variants apart. Group centre at g. */
static double slot_x(size_t g, size_t var_i, size_t n_var, size_t sub, size_t n_sub,
                     double *half)
{
    double gap = n_sub > 1 ? 0.45 : 0.18;
    double total = (double)(n_var * n_sub) + (double)(n_var - 1) * gap;
    double unit = 0.86 / total;
    double pos = (double)(var_i * n_sub + sub) + (double)var_i * gap + 0.5;
    *half = unit * (n_sub > 1 ? 0.47 : 0.5);
    return (double)g - 0.43 + pos * unit;
}

/* Writes bars.dat and params.gp of a bar chart and runs bars.gp. 1 if
 * there was nothing to draw. */
static int bc_draw(struct ctx *c, struct barchart *bc)
{
    if (bc->n == 0)
        return 1;
    double mn = INFINITY, mx = 0, mnpos = INFINITY;
    for (size_t i = 0; i < bc->n; i++) {
        struct bar *b = &bc->b[i];
        double top = isfinite(b->hi) && b->hi > b->y ? b->hi : b->y;
        double bot = isfinite(b->lo) && b->lo < b->y ? b->lo : b->y;
        if (top > mx)
            mx = top;
        if (bot < mn)
            mn = bot;
        if (b->y > 0 && b->y < mnpos)
            mnpos = b->y;
        if (bot > 0 && bot < mnpos)
            mnpos = bot;
    }
    if (isfinite(bc->hline) && bc->hline > 0) {
        mx = db_fmax(mx, bc->hline);
        mnpos = db_fmin(mnpos, bc->hline);
    }
    int logy = bc->log_mode;
    if (logy < 0)
        logy = mn > 0 && mx / mn > 30;
    if (logy && !(mnpos < INFINITY && mx > 0))
        logy = 0;

    /* Linear axes show values in one unit chosen by the largest value;
     * log axes keep the base unit and label ticks with their own. */
    struct unit_scale u = logy ? (struct unit_scale){1, ""} : unit_for(bc->unit, mx);
    double ybot, ytop;
    if (logy) {
        /* The largest 1, 2 or 5 x 10^k below the smallest value. */
        double dec = db_pow(10, db_floor(db_log10(mnpos * 0.85)));
        ybot = mnpos * 0.85 >= 5 * dec ? 5 * dec : mnpos * 0.85 >= 2 * dec ? 2 * dec : dec;
        if (bc->unit == U_BYTES && mnpos >= 1024) {
            ybot = 1;
            while (ybot * 4 <= mnpos * 0.8)
                ybot *= 4;
        }
        ytop = mx * (bc->value_labels ? 2.5 : 1.6);
    } else {
        ybot = 0;
        ytop = mx / u.div * (bc->value_labels ? 1.15 : 1.06);
    }

    struct strbuf d = {0}, p = {0};
    size_t label_chars = 0;
    double min_width = INFINITY;
    for (size_t i = 0; i < bc->n; i++) {
        struct bar *b = &bc->b[i];
        unsigned col = c->v[b->vi].color;
        /* Tint: the colour mixed with 60 % white, under the hatching. */
        unsigned tint = 0;
        for (int sh = 0; sh < 24; sh += 8) {
            unsigned ch = (col >> sh) & 0xff;
            tint |= (unsigned)(ch + (255 - ch) * 0.6) << sh;
        }
        char lab[48];
        if (logy)
            fmt_value(lab, sizeof lab, bc->unit, b->y);
        else /* the axis names the unit */
            fmt3(lab, sizeof lab, b->y / u.div);
        if (strlen(lab) > label_chars)
            label_chars = strlen(lab);
        double lo = b->lo, hi = b->hi;
        if (logy && isfinite(lo) && lo <= 0)
            lo = ybot;
        /* x y lo hi xlo xhi ybot colour tint pattern label */
        gp_num(&d, b->x);
        sb_appendc(&d, '\t');
        gp_num(&d, b->y / u.div);
        sb_appendc(&d, '\t');
        gp_num(&d, lo / u.div);
        sb_appendc(&d, '\t');
        gp_num(&d, hi / u.div);
        sb_printf(&d, "\t%.6g\t%.6g\t", b->x - b->half, b->x + b->half);
        gp_num(&d, ybot);
        /* Where the value label sits: above the bar or its error bar. */
        double laby = isfinite(hi) && hi > b->y ? hi : b->y;
        sb_printf(&d, "\t%u\t%u\t%d\t%s\t", col, tint, b->hatched, lab);
        gp_num(&d, laby / u.div);
        sb_appendc(&d, '\n');
        if (2 * b->half < min_width)
            min_width = 2 * b->half;
    }
    /* Turn value labels upright when they are wider than a bar: the plot
     * is about 1000 px wide, a character of the label font about 7.5 px. */
    double px_per_x = 1000.0 / ((double)bc->n_groups + 0.1);
    int rotate = bc->value_labels && (double)label_chars * 7.5 > min_width * px_per_x * 1.1;
    if (rotate)
        ytop *= logy ? 2.0 : 1.1;

    /* No-data slots: "x<TAB>variant index" lines of bc->na. */
    for (const char *q = bc->na.buf; q && *q;) {
        char *end;
        double x = strtod(q, &end);
        size_t vi = (size_t)strtoul(end, &end, 10);
        q = *end ? end + 1 : end;
        unsigned col = vi < c->nv ? c->v[vi].color : 0;
        sb_printf(&d, "%.6g\tNaN\tNaN\tNaN\t%.6g\t%.6g\t", x, x, x);
        gp_num(&d, ybot);
        sb_printf(&d, "\t%u\t%u\t2\tn/a\tNaN\n", col, col);
    }

    params_head(&p, bc->title, c, bc->used);
    sb_append(&p, "YLABEL = ");
    char ylab[128];
    if (logy)
        snprintf(ylab, sizeof ylab, "%s (log scale)", bc->quantity);
    else
        snprintf(ylab, sizeof ylab, "%s%s%s%s", bc->quantity, *u.name ? " (" : "", u.name,
                 *u.name ? ")" : "");
    gp_string(&p, ylab);
    sb_append(&p, "\nXLABEL = ");
    gp_string(&p, bc->xlabel ? bc->xlabel : "");
    sb_printf(&p, "\nLOGY = %d\nLABELS = %d\nLABEL_ROTATE = %d\n", logy, bc->value_labels,
              rotate);
    sb_append(&p, "HATCH = ");
    gp_string(&p, bc->hatch_pattern ? bc->hatch_pattern : "");
    sb_append(&p, "; SOLID = ");
    gp_string(&p, bc->hatch_solid ? bc->hatch_solid : "");
    sb_printf(&p, "\nHAS_HLINE = %d\nHLINE = ", isfinite(bc->hline) ? 1 : 0);
    gp_num(&p, isfinite(bc->hline) ? bc->hline / u.div : 0);
    sb_append(&p, "\nHLINE_LABEL = ");
    gp_string(&p, bc->hline_label);
    sb_append(&p, "\n");
    sb_printf(&p, "set xrange [-0.55:%.3f]\n", (double)bc->n_groups - 0.45);
    sb_printf(&p, "set yrange [%.9g:%.9g]\n", logy ? ybot : 0.0, ytop);
    if (logy) {
        sb_append(&p, "set logscale y\n");
        log_tics(&p, "ytics", bc->unit, ybot, ytop);
    }
    sb_append(&p, bc->xtics.buf);
    sb_append(&p, ")\n");

    int rc = tmp_write(c, "bars.dat", &d);
    if (rc == 0)
        rc = tmp_write(c, "params.gp", &p);
    if (rc == 0)
        rc = run_gnuplot(c, bc->name, "bars") ? -1 : 0;
    sb_free(&d);
    sb_free(&p);
    return rc;
}

/* Variants (not failed) with at least one value for any of the queries;
 * fills used[] and returns how many. */
typedef int (*has_fn)(const struct ctx *c, size_t vi, const void *arg);

static size_t pick_variants(const struct ctx *c, int *used, has_fn has, const void *arg,
                            const char *chart)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nv; i++) {
        used[i] = 0;
        if (c->v[i].failed)
            continue;
        if (has(c, i, arg)) {
            used[i] = 1;
            n++;
        }
    }
    if (n) {
        for (size_t i = 0; i < c->nv; i++)
            if (!used[i] && !c->v[i].failed)
                db_warn("chart '%s': no data for variant '%s'", chart, c->v[i].name);
    }
    return n;
}

static int has_scenario(const struct ctx *c, size_t vi, const void *arg)
{
    const char *scenario = arg;
    for (size_t i = 0; i < c->sum.n_rows; i++)
        if (!strcmp(c->sum.rows[i][c->s_var], c->v[vi].name) &&
            !strcmp(c->sum.rows[i][c->s_sc], scenario))
            return 1;
    return 0;
}

/* Index of variant vi among the used ones. */
static size_t used_index(const int *used, size_t vi)
{
    size_t k = 0;
    for (size_t i = 0; i < vi; i++)
        k += used[i] != 0;
    return k;
}

/* ------------------------------------------------------------ 1 call */

static int workload_rank(const char *w, double *arg)
{
    *arg = 0;
    if (!strcmp(w, "noop"))
        return 0;
    if (!strcmp(w, "add"))
        return 1;
    if (!strncmp(w, "fib", 3)) {
        *arg = w[3] == '/' ? csv_num(w + 4) : 0;
        if (!isfinite(*arg))
            *arg = 0;
        return 2;
    }
    if (!strcmp(w, "hello"))
        return 3;
    return 4;
}

static int workload_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    double ax, ay;
    int rx = workload_rank(x, &ax), ry = workload_rank(y, &ay);
    if (rx != ry)
        return rx - ry;
    if (ax != ay)
        return ax < ay ? -1 : 1;
    return strcmp(x, y);
}

static int chart_call(struct ctx *c)
{
    const char *name = "call_latency";
    struct strlist wls = {0};
    for (size_t i = 0; i < c->sum.n_rows; i++) {
        char **r = c->sum.rows[i];
        if (!strcmp(r[c->s_sc], "call") && !strcmp(r[c->s_met], "ns_per_call") &&
            strcmp(r[c->s_wl], "floor") && !sl_contains(&wls, r[c->s_wl]))
            sl_push(&wls, r[c->s_wl]);
    }
    if (wls.n == 0) {
        db_warn("chart '%s' skipped: no 'call' measurements in the run", name);
        sl_free(&wls);
        return 1;
    }
    qsort(wls.v, wls.n, sizeof *wls.v, workload_cmp);
    static const char *const threads[] = {"main", "pthread"};
    int th_used[2] = {0, 0};
    for (size_t i = 0; i < c->sum.n_rows; i++) {
        char **r = c->sum.rows[i];
        if (strcmp(r[c->s_sc], "call") || strcmp(r[c->s_wl], "floor") == 0)
            continue;
        for (int t = 0; t < 2; t++)
            if (!strcmp(r[c->s_th], threads[t]))
                th_used[t] = 1;
    }
    size_t n_sub = (size_t)th_used[0] + (size_t)th_used[1];

    struct barchart bc;
    bc_init(&bc, c);
    bc.name = name;
    bc.title = "Call latency through dlsym'd pointers (median, 95% CI)";
    bc.xlabel = NULL; /* the tick labels are the workloads */
    bc.quantity = "time per call";
    bc.unit = U_TIME_NS;
    bc.log_mode = 1;
    if (n_sub == 2) {
        bc.hatch_solid = "main thread";
        bc.hatch_pattern = "pthread";
    }
    size_t nvar = pick_variants(c, bc.used, has_scenario, "call", name);
    for (size_t g = 0; g < wls.n; g++) {
        bc_group(&bc, wls.v[g]);
        for (size_t vi = 0; vi < c->nv; vi++) {
            if (!bc.used[vi])
                continue;
            size_t k = used_index(bc.used, vi), sub = 0;
            for (int t = 0; t < 2; t++) {
                if (!th_used[t])
                    continue;
                double half, x = slot_x(g, k, nvar, sub++, n_sub, &half);
                struct stat3 s;
                if (sum_get(c, c->v[vi].name, "call", wls.v[g], threads[t], "ns_per_call",
                            &s) == 0 && s.med > 0)
                    bc_add(&bc, x, half, vi, t == 1, &s);
                else
                    bc_na(&bc, x, vi);
            }
        }
    }
    /* The floor: the harness's own loop through a function pointer on the
     * main thread; the median over the variants' measurements of it. */
    double floors[256];
    size_t nf = 0;
    for (size_t vi = 0; vi < c->nv && nf < ARRAY_LEN(floors); vi++) {
        struct stat3 s;
        if (!c->v[vi].failed &&
            sum_get(c, c->v[vi].name, "call", "floor", "main", "ns_per_call", &s) == 0 &&
            s.med > 0)
            floors[nf++] = s.med;
    }
    if (nf) {
        for (size_t i = 1; i < nf; i++)
            for (size_t j = i; j > 0 && floors[j - 1] > floors[j]; j--) {
                double t = floors[j];
                floors[j] = floors[j - 1];
                floors[j - 1] = t;
            }
        bc.hline = nf % 2 ? floors[nf / 2] : (floors[nf / 2 - 1] + floors[nf / 2]) / 2;
        char v[48];
        fmt_value(v, sizeof v, U_TIME_NS, bc.hline);
        snprintf(bc.hline_label, sizeof bc.hline_label, "harness floor (%s)", v);
    } else {
        db_warn("chart '%s': no 'floor' measurement, harness floor not drawn", name);
    }
    int rc = bc_draw(c, &bc);
    bc_free(&bc);
    sl_free(&wls);
    return rc;
}

/* ------------------------------------------------------------ simple bars */

struct metric_group {
    const char *label, *scenario, *workload, *thread, *metric;
    double to_base; /* multiply to get ns / bytes */
    int no_ci;
};

struct group_arg {
    const struct metric_group *g;
    size_t n;
};

static int has_groups(const struct ctx *c, size_t vi, const void *arg)
{
    const struct group_arg *ga = arg;
    struct stat3 s;
    for (size_t i = 0; i < ga->n; i++)
        if (sum_get(c, c->v[vi].name, ga->g[i].scenario, ga->g[i].workload, ga->g[i].thread,
                    ga->g[i].metric, &s) == 0)
            return 1;
    return 0;
}

/* One group per metric, one bar per variant. */
static int chart_groups(struct ctx *c, const char *name, const char *title,
                        const char *quantity, const char *xlabel, enum unit_kind unit,
                        const struct metric_group *g, size_t ng, const char *why_missing)
{
    struct barchart bc;
    bc_init(&bc, c);
    bc.name = name;
    bc.title = title;
    bc.quantity = quantity;
    bc.xlabel = xlabel;
    bc.unit = unit;
    bc.value_labels = 1;
    struct group_arg ga = {g, ng};
    size_t nvar = pick_variants(c, bc.used, has_groups, &ga, name);
    int rc = 1;
    if (nvar == 0) {
        db_warn("chart '%s' skipped: %s", name, why_missing);
        goto out;
    }
    size_t gi = 0;
    for (size_t i = 0; i < ng; i++) {
        int any = 0;
        struct stat3 s;
        for (size_t vi = 0; vi < c->nv && !any; vi++)
            any = bc.used[vi] && sum_get(c, c->v[vi].name, g[i].scenario, g[i].workload,
                                         g[i].thread, g[i].metric, &s) == 0;
        if (!any) {
            db_warn("chart '%s': no '%s' data, group left out", name, g[i].metric);
            continue;
        }
        bc_group(&bc, g[i].label);
        for (size_t vi = 0; vi < c->nv; vi++) {
            if (!bc.used[vi])
                continue;
            double half, x = slot_x(gi, used_index(bc.used, vi), nvar, 0, 1, &half);
            if (sum_get(c, c->v[vi].name, g[i].scenario, g[i].workload, g[i].thread,
                        g[i].metric, &s) == 0) {
                s.med *= g[i].to_base;
                s.lo = g[i].no_ci ? NAN : s.lo * g[i].to_base;
                s.hi = g[i].no_ci ? NAN : s.hi * g[i].to_base;
                bc_add(&bc, x, half, vi, 0, &s);
            } else {
                bc_na(&bc, x, vi);
            }
        }
        gi++;
    }
    rc = bc_draw(c, &bc);
out:
    bc_free(&bc);
    return rc;
}

static int chart_load(struct ctx *c)
{
    static const struct metric_group g[] = {
        {"dlopen()", "load", "", "main", "dlopen_us", 1e3, 0},
        {"first call (add)", "load", "add", "main", "first_call_us", 1e3, 0},
    };
    return chart_groups(c, "load", "Load cost in a fresh process (median, 95% CI)", "time",
                        NULL, U_TIME_NS, g, ARRAY_LEN(g), "no 'load' measurements in the run");
}

static int chart_cycle_cost(struct ctx *c)
{
    static const struct metric_group g[] = {
        {"fresh (library unloaded between cycles)", "cycle", "fresh", "main", "cycle_us", 1e3,
         0},
        {"pinned (kept loaded by an extra handle)", "cycle", "pinned", "main", "cycle_us", 1e3,
         0},
    };
    return chart_groups(c, "cycle_cost", "Cost of one dlopen + dlsym + call + dlclose cycle "
                        "(median, 95% CI)", "time per cycle", NULL, U_TIME_NS, g,
                        ARRAY_LEN(g), "no 'cycle' measurements in the run");
}

static int chart_size(struct ctx *c)
{
    static const struct metric_group g[] = {
        {"file size", "size", "", "", "file_bytes", 1, 1},
        {"mapped size (PT_LOAD segments)", "size", "", "", "load_bytes", 1, 1},
    };
    return chart_groups(c, "size", "Library size", "size", NULL, U_BYTES, g, ARRAY_LEN(g),
                        "no 'size' measurements in the run");
}

static int chart_process(struct ctx *c)
{
    static const struct metric_group g[] = {
        {"wall time (median, 95% CI)", "process", "once", "main", "wall_ms", 1e6, 0},
        {"user CPU (mean)", "process", "once", "main", "user_ms", 1e6, 1},
        {"system CPU (mean)", "process", "once", "main", "system_ms", 1e6, 1},
    };
    return chart_groups(c, "process",
                        "Whole-process cold start: dlbench measure --scenario once (hyperfine)",
                        "time per process", NULL, U_TIME_NS, g, ARRAY_LEN(g),
                        "no 'process' measurements in the run (hyperfine missing, or the "
                        "scenario was not run)");
}

/* ------------------------------------------------------------ 3 cycle rss */

struct series {
    double *x, *y;
    size_t n, cap;
};

static void series_add(struct series *s, double x, double y)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->x = xrealloc(s->x, s->cap * sizeof *s->x);
        s->y = xrealloc(s->y, s->cap * sizeof *s->y);
    }
    s->x[s->n] = x;
    s->y[s->n] = y;
    s->n++;
}

/* Sorts by x and merges equal x (several processes) into their mean. */
static void series_tidy(struct series *s)
{
    for (size_t i = 1; i < s->n; i++)
        for (size_t j = i; j > 0 && s->x[j - 1] > s->x[j]; j--) {
            double t = s->x[j];
            s->x[j] = s->x[j - 1];
            s->x[j - 1] = t;
            t = s->y[j];
            s->y[j] = s->y[j - 1];
            s->y[j - 1] = t;
        }
    size_t o = 0;
    for (size_t i = 0; i < s->n;) {
        size_t j = i;
        double sum = 0;
        while (j < s->n && s->x[j] == s->x[i])
            sum += s->y[j++];
        s->x[o] = s->x[i];
        s->y[o] = sum / (double)(j - i);
        o++;
        i = j;
    }
    s->n = o;
}

static void fmt_slope(char *buf, size_t n, double bytes)
{
    char v[48];
    double a = fabs(bytes);
    if (a < 0.5)
        snprintf(v, sizeof v, "0 B");
    else
        fmt_value(v, sizeof v, U_BYTES, a);
    snprintf(buf, n, "%s%s/cycle", bytes >= 0.5 ? "+" : bytes <= -0.5 ? "-" : "", v);
}

static int chart_cycle_rss(struct ctx *c)
{
    const char *name = "cycle_rss";
    static const char *const modes[] = {"fresh", "pinned"};
    if (!c->have_res) {
        db_warn("chart '%s' skipped: no results.csv", name);
        return 1;
    }
    size_t ns = c->nv * 2;
    struct series *S = xcalloc(ns ? ns : 1, sizeof *S);
    for (size_t i = 0; i < c->res.n_rows; i++) {
        char **r = c->res.rows[i];
        if (strcmp(r[c->r_sc], "cycle") || strcmp(r[c->r_met], "rss_kb"))
            continue;
        int m = !strcmp(r[c->r_wl], "fresh") ? 0 : !strcmp(r[c->r_wl], "pinned") ? 1 : -1;
        if (m < 0)
            continue;
        for (size_t vi = 0; vi < c->nv; vi++) {
            if (strcmp(c->v[vi].name, r[c->r_var]))
                continue;
            double x = csv_num(r[c->r_rep]), y = csv_num(r[c->r_val]);
            if (isfinite(x) && isfinite(y))
                series_add(&S[vi * 2 + (size_t)m], x, y);
            break;
        }
    }
    int *used = xcalloc(c->nv ? c->nv : 1, sizeof(int));
    double maxg = 0;
    size_t n_lines = 0;
    for (size_t i = 0; i < ns; i++) {
        if (c->v[i / 2].failed)
            S[i].n = 0;
        series_tidy(&S[i]);
        if (S[i].n < 2) {
            if (S[i].n == 1)
                db_warn("chart '%s': one RSS sample only for '%s' %s, left out", name,
                        c->v[i / 2].name, modes[i % 2]);
            S[i].n = 0;
            continue;
        }
        used[i / 2] = 1;
        n_lines++;
        for (size_t j = 0; j < S[i].n; j++)
            maxg = db_fmax(maxg, fabs(S[i].y[j] - S[i].y[0]));
    }
    int rc = 1;
    struct strbuf d = {0}, p = {0};
    if (n_lines == 0) {
        db_warn("chart '%s' skipped: no RSS series ('cycle' scenario) in results.csv", name);
        goto out;
    }
    for (size_t vi = 0; vi < c->nv; vi++)
        if (!used[vi] && !c->v[vi].failed && scenario_present(c, "cycle"))
            db_warn("chart '%s': no RSS series for variant '%s'", name, c->v[vi].name);

    /* Growth since the first sample: baselines differ by megabytes (a Go
     * runtime) while the question is the slope. */
    double div = maxg >= 4096 ? 1024 : 1;
    params_head(&p, "Resident memory over dlopen/dlclose cycles (growth since the first sample)",
                c, used);
    sb_printf(&p, "YLABEL = \"RSS growth since the first sample (%s)\"\n",
              div > 1 ? "MiB" : "KiB");
    size_t k = 0;
    sb_printf(&p, "NS = %zu\narray ST[%zu]\narray SC[%zu]\narray SD[%zu]\n", n_lines, n_lines,
              n_lines, n_lines);
    for (size_t i = 0; i < ns; i++) {
        if (S[i].n == 0)
            continue;
        const struct variant *v = &c->v[i / 2];
        const char *mode = modes[i % 2];
        struct stat3 st;
        char slope[64] = "", title[256];
        double b = NAN;
        if (sum_get(c, v->name, "cycle", mode, "main", "leak_bytes_per_cycle", &st) == 0)
            b = st.med;
        if (!isfinite(b) && S[i].n >= 3) {
            struct regression rg;
            if (stats_regress(S[i].x, S[i].y, S[i].n, &rg) == 0)
                b = rg.slope * 1024;
        }
        if (isfinite(b))
            fmt_slope(slope, sizeof slope, b);
        const char *state = "";
        /* Pinned mode keeps the library loaded by design: say so only
         * when it was unloaded anyway. */
        if (sum_get(c, v->name, "cycle", mode, "main", "unloaded", &st) == 0 &&
            (i % 2 == 0 || st.med >= 0.5))
            state = st.med >= 0.5 ? "unloaded" : "stays loaded";
        snprintf(title, sizeof title, "%s %s%s%s%s%s", v->name, mode, *slope || *state ? ": " : "",
                 slope, *slope && *state ? ", " : "", state);
        k++;
        sb_printf(&p, "ST[%zu] = ", k);
        gp_string(&p, title);
        sb_printf(&p, "; SC[%zu] = '#%06X'; SD[%zu] = %d\n", k, v->color, k, i % 2 ? 2 : 1);
        for (size_t j = 0; j < S[i].n; j++)
            sb_printf(&d, "%.9g\t%.9g\n", S[i].x[j], (S[i].y[j] - S[i].y[0]) / div);
        sb_append(&d, "\n\n");
    }
    rc = tmp_write(c, "rss.dat", &d);
    if (rc == 0)
        rc = tmp_write(c, "params.gp", &p);
    if (rc == 0)
        rc = run_gnuplot(c, name, "cycle_rss") ? -1 : 0;
out:
    for (size_t i = 0; i < ns; i++) {
        free(S[i].x);
        free(S[i].y);
    }
    free(S);
    free(used);
    sb_free(&d);
    sb_free(&p);
    return rc;
}

/* ------------------------------------------------------------ 6 toolchains */

/* Splits a toolchain_version into family and numbers: "go go1.21.6" ->
 * "go", {1,21,6}; "c gcc 12.2.0" -> "gcc", {12,2,0}. */
static void version_parse(const char *s, char *fam, size_t famlen, long *nums, int *n_nums)
{
    *n_nums = 0;
    fam[0] = '\0';
    if (!s)
        return;
    /* The first word is the implementation when more words follow. */
    const char *p = s;
    while (*p == ' ')
        p++;
    const char *sp = strchr(p, ' ');
    if (sp && sp[1])
        p = sp + 1;
    size_t f = 0;
    while (*p && !isdigit((unsigned char)*p)) {
        if (!isspace((unsigned char)*p) && f + 1 < famlen)
            fam[f++] = *p;
        p++;
    }
    fam[f] = '\0';
    while (*p && isdigit((unsigned char)*p) && *n_nums < 8) {
        nums[(*n_nums)++] = strtol(p, (char **)&p, 10);
        if (*p == '.' && isdigit((unsigned char)p[1]))
            p++;
        else
            break;
    }
}

int plot_version_cmp(const char *a, const char *b)
{
    char fa[64], fb[64];
    long na[8], nb[8];
    int ka, kb;
    version_parse(a, fa, sizeof fa, na, &ka);
    version_parse(b, fb, sizeof fb, nb, &kb);
    int r = strcmp(fa, fb);
    if (r)
        return r;
    for (int i = 0; i < ka || i < kb; i++) {
        long x = i < ka ? na[i] : -1, y = i < kb ? nb[i] : -1;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return strcmp(a ? a : "", b ? b : "");
}

/* The version part of a toolchain_version: "go go1.21.6" -> "go1.21.6",
 * "c gcc 12.2.0" -> "gcc 12.2.0", "rust rustc 1.95.0 (...)" -> "rustc 1.95.0". */
static char *version_short(const char *tv)
{
    const char *p = tv;
    const char *sp = strchr(p, ' ');
    if (sp && sp[1])
        p = sp + 1;
    const char *q = p;
    while (*q && !isdigit((unsigned char)*q))
        q++;
    while (*q && !isspace((unsigned char)*q))
        q++;
    return xstrndup(p, (size_t)(q - p));
}

struct tc_metric {
    const char *title, *scenario, *workload, *thread, *metric;
    double to_base;
    enum unit_kind unit;
};

static const struct ctx *sort_ctx;

static int tc_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const struct variant *vx = &sort_ctx->v[x], *vy = &sort_ctx->v[y];
    int r = strcmp(vx->impl, vy->impl);
    if (r)
        return r;
    r = plot_version_cmp(vx->tv, vy->tv);
    if (r)
        return r;
    return x < y ? -1 : x > y;
}

static int chart_toolchains(struct ctx *c)
{
    const char *name = "toolchains";
    static const struct tc_metric m[] = {
        {"add, main thread", "call", "add", "main", "ns_per_call", 1, U_TIME_NS},
        {"add, pthread", "call", "add", "pthread", "ns_per_call", 1, U_TIME_NS},
        {"fib(30), main thread", "call", "fib/30", "main", "ns_per_call", 1, U_TIME_NS},
        {"hello, main thread", "call", "hello", "main", "ns_per_call", 1, U_TIME_NS},
        {"dlopen()", "load", "", "main", "dlopen_us", 1e3, U_TIME_NS},
        {"first call", "load", "add", "main", "first_call_us", 1e3, U_TIME_NS},
        {"dlopen/dlclose cycle (fresh)", "cycle", "fresh", "main", "cycle_us", 1e3, U_TIME_NS},
        {"file size", "size", "", "", "file_bytes", 1, U_BYTES},
    };
    /* Variants of impls with 2+ distinct toolchains, ordered by impl then
     * release. */
    size_t *sel = xcalloc(c->nv ? c->nv : 1, sizeof *sel), nsel = 0;
    for (size_t i = 0; i < c->nv; i++) {
        if (c->v[i].failed || !*c->v[i].impl)
            continue;
        int other = 0;
        for (size_t j = 0; j < c->nv && !other; j++)
            other = j != i && !c->v[j].failed && !strcmp(c->v[j].impl, c->v[i].impl) &&
                    (strcmp(c->v[j].toolchain, c->v[i].toolchain) ||
                     strcmp(c->v[j].tv, c->v[i].tv));
        if (other)
            sel[nsel++] = i;
    }
    int rc = 1;
    struct strbuf p = {0}, xt = {0};
    int *used = xcalloc(c->nv ? c->nv : 1, sizeof(int));
    if (nsel == 0) {
        remove_stale(c, name);
        goto out; /* not a warning: the chart only exists for such runs */
    }
    sort_ctx = c;
    qsort(sel, nsel, sizeof *sel, tc_cmp);
    for (size_t i = 0; i < nsel; i++)
        used[sel[i]] = 1;

    /* x positions: one per variant, a gap between impls; one tick per
     * impl (the legend names the toolchains). */
    double *xs = xcalloc(nsel, sizeof *xs), x = 0;
    size_t *first = xcalloc(nsel, sizeof *first); /* first variant of its impl */
    sb_append(&xt, "set xtics (");
    for (size_t i = 0, g0 = 0; i < nsel; i++) {
        if (i && strcmp(c->v[sel[i]].impl, c->v[sel[i - 1]].impl)) {
            x += 0.6;
            g0 = i;
        }
        first[i] = g0;
        xs[i] = x;
        x += 1;
        if (i + 1 == nsel || strcmp(c->v[sel[i]].impl, c->v[sel[i + 1]].impl)) {
            sb_printf(&xt, "%s", g0 ? ", " : "");
            gp_tic_string(&xt, c->v[sel[i]].impl);
            sb_printf(&xt, " %.3f", (xs[g0] + xs[i]) / 2);
        }
    }
    sb_append(&xt, ")\n");
    double xmax = xs[nsel - 1];

    /* Legend in release order, not variants.csv order. */
    sb_append(&p, "TITLE = \"Toolchains: each metric relative to the first toolchain of its "
                  "implementation (lower is better)\"\n");
    sb_printf(&p, "NV = %zu\narray VN[%zu]\narray VC[%zu]\n", nsel, nsel, nsel);
    for (size_t i = 0; i < nsel; i++) {
        const struct variant *v = &c->v[sel[i]];
        char *vs = version_short(v->tv);
        char *lab = xasprintf("%s (%s)", v->name, *vs ? vs : v->toolchain);
        sb_printf(&p, "VN[%zu] = ", i + 1);
        gp_string(&p, lab);
        sb_printf(&p, "; VC[%zu] = '#%06X'\n", i + 1, v->color);
        free(vs);
        free(lab);
    }
    sb_printf(&p, "XMIN = -0.7; XMAX = %.3f\n", xmax + 0.7);
    sb_append(&p, xt.buf);
    size_t np = 0;
    struct strbuf titles = {0};
    struct stat3 *s = xcalloc(nsel, sizeof *s);
    for (size_t mi = 0; mi < ARRAY_LEN(m); mi++) {
        struct strbuf d = {0};
        size_t have = 0;
        double pmin = 1, pmax = 1; /* the panel's range of ratios */
        for (size_t i = 0; i < nsel; i++) {
            if (sum_get(c, c->v[sel[i]].name, m[mi].scenario, m[mi].workload, m[mi].thread,
                        m[mi].metric, &s[i]) == 0 && s[i].med > 0) {
                s[i].med *= m[mi].to_base;
                s[i].lo *= m[mi].to_base;
                s[i].hi *= m[mi].to_base;
                have++;
            } else {
                s[i].med = NAN;
            }
        }
        if (have < 2)
            continue; /* nothing to compare */
        /* Each bar relative to the first toolchain of its impl that has
         * the metric, so impls decades apart share one axis; the label
         * keeps the absolute value. */
        for (size_t i = 0; i < nsel; i++) {
            if (!isfinite(s[i].med))
                continue;
            double ref = NAN;
            for (size_t j = first[i]; j < nsel && !strcmp(c->v[sel[j]].impl,
                                                          c->v[sel[i]].impl); j++)
                if (isfinite(s[j].med)) {
                    ref = s[j].med;
                    break;
                }
            char lab[48];
            fmt_value(lab, sizeof lab, m[mi].unit, s[i].med);
            double hi = s[i].hi / ref, y = s[i].med / ref, lo = s[i].lo / ref;
            double top = isfinite(hi) && hi > y ? hi : y;
            pmax = db_fmax(pmax, top);
            pmin = db_fmin(pmin, isfinite(lo) && lo > 0 && lo < y ? lo : y);
            sb_printf(&d, "%.3f\t", xs[i]);
            gp_num(&d, y);
            sb_appendc(&d, '\t');
            gp_num(&d, s[i].lo / ref);
            sb_appendc(&d, '\t');
            gp_num(&d, hi);
            sb_printf(&d, "\t%u\t%s\t", c->v[sel[i]].color, lab);
            gp_num(&d, top);
            sb_appendc(&d, '\n');
        }
        np++;
        /* Each panel on its own log axis: one toolchain 600x slower (Go's
         * main-thread calls before 1.23) must not flatten the panels where
         * they differ by 10 %. The upper third is room for the labels. */
        double l0 = db_log10(pmin) - 0.15, l1 = db_log10(pmax);
        double span = db_fmax(l1 - l0, 0.6);
        sb_printf(&titles, "PYLO[%zu] = %.6g; PYHI[%zu] = %.6g\n", np, db_pow(10, l0), np,
                  db_pow(10, l1 + 0.9 * span));
        char *fname = xasprintf("tc%zu.dat", np);
        rc = tmp_write(c, fname, &d);
        free(fname);
        sb_free(&d);
        if (rc != 0)
            goto out_xs;
        sb_printf(&titles, "PT[%zu] = ", np);
        gp_string(&titles, m[mi].title);
        sb_appendc(&titles, '\n');
    }
    if (np == 0) {
        db_warn("chart '%s' skipped: no metric measured for two toolchains", name);
        remove_stale(c, name);
        rc = 1;
        goto out_xs;
    }
    /* Room above the tallest bar for its upright label. */
    sb_printf(&p, "NP = %zu\narray PT[%zu]\narray PYLO[%zu]\narray PYHI[%zu]\n", np, np, np, np);
    sb_append(&p, titles.buf);
    rc = tmp_write(c, "params.gp", &p);
    if (rc == 0)
        rc = run_gnuplot(c, name, "toolchains") ? -1 : 0;
out_xs:
    sb_free(&titles);
    free(s);
    free(first);
    free(xs);
out:
    sb_free(&p);
    sb_free(&xt);
    free(used);
    free(sel);
    return rc;
}

/* ------------------------------------------------------------ driver */

static int need_col(struct ctx *c, const struct csv_table *t, const char *file, const char *col,
                    int *out)
{
    *out = csv_col(t, col);
    if (*out < 0) {
        snprintf(c->err, c->errlen, "'%s' has no column '%s'", file, col);
        return -1;
    }
    return 0;
}

static int load_variants(struct ctx *c)
{
    char *path = path_join(c->run_dir, "variants.csv");
    struct csv_table t;
    char e[512];
    int rc = -1;
    if (csv_load(path, &t, e, sizeof e) != 0) {
        snprintf(c->err, c->errlen, "%s", e);
        free(path);
        return -1;
    }
    int cv, ci, ct, ctv, cs;
    if (need_col(c, &t, path, "variant", &cv) || need_col(c, &t, path, "impl", &ci) ||
        need_col(c, &t, path, "toolchain", &ct) ||
        need_col(c, &t, path, "toolchain_version", &ctv) ||
        need_col(c, &t, path, "status", &cs))
        goto out;
    c->nv = t.n_rows;
    c->v = xcalloc(c->nv ? c->nv : 1, sizeof *c->v);
    for (size_t i = 0; i < t.n_rows; i++) {
        c->v[i].name = xstrdup(t.rows[i][cv]);
        c->v[i].impl = xstrdup(t.rows[i][ci]);
        c->v[i].toolchain = xstrdup(t.rows[i][ct]);
        c->v[i].tv = xstrdup(t.rows[i][ctv]);
        c->v[i].failed = strcmp(t.rows[i][cs], "ok") != 0;
        c->v[i].color = palette[i % ARRAY_LEN(palette)];
    }
    if (c->nv > ARRAY_LEN(palette))
        db_warn("%zu variants but %zu colours: colours repeat", c->nv, ARRAY_LEN(palette));
    rc = 0;
out:
    csv_free(&t);
    free(path);
    return rc;
}

/* Why each failed variant is missing, from failures.csv when present. */
static void warn_failed(const struct ctx *c)
{
    char *path = path_join(c->run_dir, "failures.csv");
    struct csv_table t;
    char e[256];
    int have = is_file(path) && csv_load(path, &t, e, sizeof e) == 0;
    int fv = have ? csv_col(&t, "variant") : -1, fs = have ? csv_col(&t, "scenario") : -1,
        fc = have ? csv_col(&t, "cause") : -1;
    for (size_t i = 0; i < c->nv; i++) {
        if (!c->v[i].failed)
            continue;
        const char *why = NULL, *sc = NULL;
        for (size_t r = 0; have && fv >= 0 && r < t.n_rows && !why; r++)
            if (!strcmp(t.rows[r][fv], c->v[i].name)) {
                why = fc >= 0 ? t.rows[r][fc] : NULL;
                sc = fs >= 0 ? t.rows[r][fs] : NULL;
            }
        if (why)
            db_warn("variant '%s' failed (%s: %s): left out of the charts", c->v[i].name,
                    sc ? sc : "?", why);
        else
            db_warn("variant '%s' failed: left out of the charts", c->v[i].name);
    }
    if (have)
        csv_free(&t);
    free(path);
}

static void cleanup_tmp(struct ctx *c)
{
    if (!c->tmp_dir)
        return;
    for (size_t i = 0; i < c->tmp_files.n; i++) {
        char *p = path_join(c->tmp_dir, c->tmp_files.v[i]);
        unlink(p);
        free(p);
    }
    /* gnuplot may leave nothing else; a failed rename leaves "x.tmp.PID". */
    DIR *d = opendir(c->tmp_dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *p = path_join(c->tmp_dir, e->d_name);
            unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(c->tmp_dir);
}

int plot_run(const char *run_dir, char *err, size_t errlen)
{
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.err = err;
    c.errlen = errlen;
    err[0] = '\0';
    int rc = PLOT_BAD_INPUT;
    char *gnuplot = NULL;
    if (!is_dir(run_dir)) {
        snprintf(err, errlen, "'%s' is not a run folder (no such directory)", run_dir);
        return PLOT_BAD_INPUT;
    }
    c.run_dir = xstrdup(run_dir);
    char *sp = path_join(run_dir, "summary.csv");
    char e[512];
    if (!is_file(sp)) {
        snprintf(err, errlen, "'%s' is not a run folder (no summary.csv)", run_dir);
        free(sp);
        goto out;
    }
    if (csv_load(sp, &c.sum, e, sizeof e) != 0) {
        snprintf(err, errlen, "%s", e);
        free(sp);
        goto out;
    }
    if (need_col(&c, &c.sum, sp, "variant", &c.s_var) ||
        need_col(&c, &c.sum, sp, "scenario", &c.s_sc) ||
        need_col(&c, &c.sum, sp, "workload", &c.s_wl) ||
        need_col(&c, &c.sum, sp, "thread", &c.s_th) ||
        need_col(&c, &c.sum, sp, "metric", &c.s_met) ||
        need_col(&c, &c.sum, sp, "median", &c.s_med)) {
        free(sp);
        goto out;
    }
    c.s_lo = csv_col(&c.sum, "ci_low");
    c.s_hi = csv_col(&c.sum, "ci_high");
    free(sp);
    if (load_variants(&c) != 0)
        goto out;

    char *rp = path_join(run_dir, "results.csv");
    if (is_file(rp)) {
        if (csv_load(rp, &c.res, e, sizeof e) != 0) {
            snprintf(err, errlen, "%s", e);
            free(rp);
            goto out;
        }
        c.have_res = 1;
        if (need_col(&c, &c.res, rp, "variant", &c.r_var) ||
            need_col(&c, &c.res, rp, "scenario", &c.r_sc) ||
            need_col(&c, &c.res, rp, "workload", &c.r_wl) ||
            need_col(&c, &c.res, rp, "thread", &c.r_th) ||
            need_col(&c, &c.res, rp, "metric", &c.r_met) ||
            need_col(&c, &c.res, rp, "rep", &c.r_rep) ||
            need_col(&c, &c.res, rp, "value", &c.r_val)) {
            free(rp);
            goto out;
        }
    } else {
        db_warn("'%s' not found: charts from summary.csv only", rp);
    }
    free(rp);

    const char *sd = getenv("DLBENCH_SCRIPTS_DIR");
    c.scripts_dir = sd && *sd ? xstrdup(sd) : xstrdup(DLBENCH_SOURCE_DIR "/scripts/plot");
    char *common = path_join(c.scripts_dir, "common.gp");
    if (!is_file(common)) {
        snprintf(err, errlen, "no gnuplot scripts in '%s' (set DLBENCH_SCRIPTS_DIR)",
                 c.scripts_dir);
        free(common);
        goto out;
    }
    free(common);
    /* Scripts are given to gnuplot by absolute path: it runs elsewhere. */
    char *abs = path_abs(c.scripts_dir);
    free(c.scripts_dir);
    c.scripts_dir = abs;

    gnuplot = find_in_path("gnuplot");
    if (!gnuplot) {
        db_warn("gnuplot not found: no charts drawn (install gnuplot, e.g. scripts/deps.sh)");
        rc = PLOT_NO_GNUPLOT;
        goto out;
    }

    c.charts_dir = path_join(run_dir, "charts");
    if (mkdir_p(c.charts_dir) != 0) {
        snprintf(err, errlen, "cannot create '%s': %s", c.charts_dir, strerror(errno));
        goto out;
    }
    char *tmpl = path_join(c.charts_dir, ".plot-XXXXXX");
    if (!mkdtemp(tmpl)) {
        snprintf(err, errlen, "cannot create a folder in '%s': %s", c.charts_dir,
                 strerror(errno));
        free(tmpl);
        goto out;
    }
    c.tmp_dir = tmpl;

    warn_failed(&c);
    static const struct {
        const char *name;
        int (*fn)(struct ctx *);
    } charts[] = {
        {"call_latency", chart_call}, {"load", chart_load},
        {"cycle_rss", chart_cycle_rss}, {"cycle_cost", chart_cycle_cost},
        {"size", chart_size}, {"toolchains", chart_toolchains},
        {"process", chart_process},
    };
    rc = PLOT_OK;
    for (size_t i = 0; i < ARRAY_LEN(charts); i++) {
        int r = charts[i].fn(&c);
        if (r < 0) {
            rc = PLOT_GNUPLOT_FAILED;
            break;
        }
        if (r > 0)
            remove_stale(&c, charts[i].name);
    }
out:
    cleanup_tmp(&c);
    free(gnuplot);
    for (size_t i = 0; i < c.nv; i++) {
        free(c.v[i].name);
        free(c.v[i].impl);
        free(c.v[i].toolchain);
        free(c.v[i].tv);
    }
    free(c.v);
    csv_free(&c.sum);
    if (c.have_res)
        csv_free(&c.res);
    sl_free(&c.tmp_files);
    free(c.run_dir);
    free(c.charts_dir);
    free(c.tmp_dir);
    free(c.scripts_dir);
    return rc;
}
