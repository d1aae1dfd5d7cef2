/* chart_bars.c - the bar charts: call latency per workload and thread,
 * and the one-group-per-metric charts (load, cycle cost, size, process).
 * See charts.h. */
#define _GNU_SOURCE
#include "report/charts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dbmath.h"
#include "base/units.h"
#include "report/doc.h"

/* ========================================================== bar charts */

struct bar {
    double x, y, lo, hi, half;
    size_t vi;
    int hatched;
};

struct barchart {
    const char *name, *title, *xlabel, *quantity; /* quantity: "time per call" */
    const char *unit;
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
    char **notes;            /* per variant: legend note or NULL; may be NULL */
    size_t n_groups;
};

static void bc_init(struct barchart *bc, const struct chart_ctx *c)
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
static int bc_draw(struct chart_ctx *c, struct barchart *bc)
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
    double udiv = 1;
    const char *uname = "";
    if (!logy)
        units_scale(mx, bc->unit, &udiv, &uname);
    double ybot, ytop;
    if (logy) {
        /* The largest 1, 2 or 5 x 10^k below the smallest value. */
        double dec = db_pow(10, db_floor(db_log10(mnpos * 0.85)));
        ybot = mnpos * 0.85 >= 5 * dec ? 5 * dec : mnpos * 0.85 >= 2 * dec ? 2 * dec : dec;
        if (!strcmp(bc->unit, "bytes") && mnpos >= 1024) {
            ybot = 1;
            while (ybot * 4 <= mnpos * 0.8)
                ybot *= 4;
        }
        ytop = mx * (bc->value_labels ? 2.5 : 1.6);
    } else {
        ybot = 0;
        ytop = mx / udiv * (bc->value_labels ? 1.15 : 1.06);
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
            fmt_label(lab, sizeof lab, b->y, bc->unit, UNITS_SIG);
        else /* the axis names the unit */
            fmt_label(lab, sizeof lab, b->y / udiv, NULL, UNITS_SIG);
        if (strlen(lab) > label_chars)
            label_chars = strlen(lab);
        double lo = b->lo, hi = b->hi;
        if (logy && isfinite(lo) && lo <= 0)
            lo = ybot;
        /* x y lo hi xlo xhi ybot colour tint pattern label */
        gp_num(&d, b->x);
        sb_appendc(&d, '\t');
        gp_num(&d, b->y / udiv);
        sb_appendc(&d, '\t');
        gp_num(&d, lo / udiv);
        sb_appendc(&d, '\t');
        gp_num(&d, hi / udiv);
        sb_printf(&d, "\t%.6g\t%.6g\t", b->x - b->half, b->x + b->half);
        gp_num(&d, ybot);
        /* Where the value label sits: above the bar or its error bar. */
        double laby = isfinite(hi) && hi > b->y ? hi : b->y;
        sb_printf(&d, "\t%u\t%u\t%d\t%s\t", col, tint, b->hatched, lab);
        gp_num(&d, laby / udiv);
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

    params_head_notes(&p, bc->title, c, bc->used, bc->notes);
    sb_append(&p, "YLABEL = ");
    char ylab[128];
    if (logy)
        snprintf(ylab, sizeof ylab, "%s (log scale)", bc->quantity);
    else
        snprintf(ylab, sizeof ylab, "%s%s%s%s", bc->quantity, *uname ? " (" : "", uname,
                 *uname ? ")" : "");
    gp_string(&p, ylab);
    sb_append(&p, "\nXLABEL = ");
    gp_string(&p, bc->xlabel ? bc->xlabel : "");
    sb_printf(&p, "\nLOGY = %d\nLABELS = %d\nLABEL_ROTATE = %d\n", logy, bc->value_labels,
              rotate);
    sb_append(&p, "HATCH = ");
    gp_string(&p, bc->hatch_pattern ? bc->hatch_pattern : "");
    sb_append(&p, "; SOLID = ");
    gp_string(&p, bc->hatch_solid ? bc->hatch_solid : "");
    sb_printf(&p, "\nHAS_NA = %d", bc->na.len > 0);
    sb_printf(&p, "\nHAS_HLINE = %d\nHLINE = ", isfinite(bc->hline) ? 1 : 0);
    gp_num(&p, isfinite(bc->hline) ? bc->hline / udiv : 0);
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
typedef int (*has_fn)(const struct chart_ctx *c, size_t vi, const void *arg);

static size_t pick_variants(const struct chart_ctx *c, int *used, has_fn has, const void *arg,
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
                db_warn("chart '%s': no data for variant '%s'", chart, c->v[i].v->name);
    }
    return n;
}

static int has_scenario(const struct chart_ctx *c, size_t vi, const void *arg)
{
    const char *scenario = arg;
    struct result_key k = {c->v[vi].v->name, scenario, NULL, NULL, NULL};
    for (size_t i = 0; i < c->rm->nr; i++)
        if (result_key_eq(&c->rm->r[i].key, &k))
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
        *arg = w[3] == '/' ? strtod(w + 4, NULL) : 0;
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

/* One call chart: a group per workload, a bar per variant and thread, of
 * metric (ns_per_call or instructions_per_call). */
struct call_chart {
    const char *name, *title, *quantity, *unit, *metric;
    int floor;      /* draw the harness floor line */
};

static int call_chart(struct chart_ctx *c, const struct call_chart *cc)
{
    const char *name = cc->name;
    struct strlist wls = {0};
    for (size_t i = 0; i < c->rm->nr; i++) {
        const struct result_key *r = &c->rm->r[i].key;
        if (!strcmp(r->scenario, "call") && !strcmp(r->metric, cc->metric) &&
            strcmp(r->workload, "floor") && !sl_contains(&wls, r->workload))
            sl_push(&wls, r->workload);
    }
    if (wls.n == 0) {
        db_warn("chart '%s' skipped: no 'call' %s in the run", name,
                cc->floor ? "measurements" : "instruction counts (valgrind missing, or "
                                             "[run] counters without \"instructions\")");
        sl_free(&wls);
        return 1;
    }
    qsort(wls.v, wls.n, sizeof *wls.v, workload_cmp);
    static const char *const threads[] = {"main", "pthread"};
    int th_used[2] = {0, 0};
    for (size_t i = 0; i < c->rm->nr; i++) {
        const struct result_key *r = &c->rm->r[i].key;
        if (strcmp(r->scenario, "call") || strcmp(r->workload, "floor") == 0 ||
            strcmp(r->metric, cc->metric))
            continue;
        for (int t = 0; t < 2; t++)
            if (!strcmp(r->thread, threads[t]))
                th_used[t] = 1;
    }
    size_t n_sub = (size_t)th_used[0] + (size_t)th_used[1];

    struct barchart bc;
    bc_init(&bc, c);
    bc.name = name;
    bc.title = cc->title;
    bc.xlabel = NULL; /* the tick labels are the workloads */
    bc.quantity = cc->quantity;
    bc.unit = cc->unit;
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
                if (sum_get(c, c->v[vi].v->name, "call", wls.v[g], threads[t], cc->metric,
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
            sum_get(c, c->v[vi].v->name, "call", "floor", "main", cc->metric, &s) == 0 &&
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
        fmt_label(v, sizeof v, bc.hline, cc->unit, UNITS_SIG);
        snprintf(bc.hline_label, sizeof bc.hline_label, "harness floor (%s)", v);
    } else if (cc->floor) {
        db_warn("chart '%s': no 'floor' measurement, harness floor not drawn", name);
    }
    int rc = bc_draw(c, &bc);
    bc_free(&bc);
    sl_free(&wls);
    return rc;
}

int chart_call(struct chart_ctx *c)
{
    static const struct call_chart cc = {
        "call_latency", "Call latency through dlsym'd pointers "
        "(median; bars: 95 % CI, or the range of fewer than 6 processes)", "time per call",
        "ns", "ns_per_call", 1};
    return call_chart(c, &cc);
}

int chart_call_instructions(struct chart_ctx *c)
{
    /* Skipped quietly when nothing was counted: counting is optional. */
    int counted = 0;
    for (size_t i = 0; i < c->rm->nr && !counted; i++)
        counted = !strcmp(c->rm->r[i].key.metric, "instructions_per_call");
    if (!counted)
        return 1;
    static const struct call_chart cc = {
        "call_instructions", "Instructions per call (callgrind, the calling thread)",
        "instructions per call", "instr", "instructions_per_call", 0};
    return call_chart(c, &cc);
}

/* ------------------------------------------------------------ simple bars */

struct metric_group {
    const char *label, *scenario, *workload, *thread, *metric;
    double to_base; /* multiply to get ns / bytes */
    int no_ci;
    const char *plus_metric; /* set: the bar is metric + plus_metric (no CI) */
};

/* The value of group g for a variant: 0, or -1 when it has none. */
static int group_get(const struct chart_ctx *c, const char *variant,
                     const struct metric_group *g, struct stat3 *s)
{
    if (sum_get(c, variant, g->scenario, g->workload, g->thread, g->metric, s) != 0)
        return -1;
    if (g->plus_metric) {
        struct stat3 t;
        if (sum_get(c, variant, g->scenario, g->workload, g->thread, g->plus_metric, &t) != 0)
            return -1;
        s->med += t.med;
        s->lo = s->hi = NAN;
    }
    return 0;
}

struct group_arg {
    const struct metric_group *g;
    size_t n;
};

static int has_groups(const struct chart_ctx *c, size_t vi, const void *arg)
{
    const struct group_arg *ga = arg;
    struct stat3 s;
    for (size_t i = 0; i < ga->n; i++)
        if (group_get(c, c->v[vi].v->name, &ga->g[i], &s) == 0)
            return 1;
    return 0;
}

/* One group per metric, one bar per variant. */
static int chart_groups(struct chart_ctx *c, const char *name, const char *title,
                        const char *quantity, const char *xlabel, const char *unit,
                        const struct metric_group *g, size_t ng, const char *why_missing,
                        char **notes)
{
    struct barchart bc;
    bc_init(&bc, c);
    bc.notes = notes;
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
            any = bc.used[vi] && group_get(c, c->v[vi].v->name, &g[i], &s) == 0;
        if (!any) {
            db_warn("chart '%s': no '%s' data, group left out", name, g[i].metric);
            continue;
        }
        bc_group(&bc, g[i].label);
        for (size_t vi = 0; vi < c->nv; vi++) {
            if (!bc.used[vi])
                continue;
            double half, x = slot_x(gi, used_index(bc.used, vi), nvar, 0, 1, &half);
            if (group_get(c, c->v[vi].v->name, &g[i], &s) == 0) {
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

int chart_load(struct chart_ctx *c)
{
    static const struct metric_group g[] = {
        {"dlopen()", "load", "", "main", "dlopen_us", 1e3, 0, NULL},
        {"first call", "load", NULL, "main", "first_call_us", 1e3, 0, NULL},
    };
    return chart_groups(c, "load",
                        "Load cost in a fresh process "
                        "(median; bars: 95 % CI, or the range of fewer than 6 processes)",
                        "time", NULL, "ns", g, ARRAY_LEN(g), "no 'load' measurements in the run",
                        NULL);
}

/* "fresh" closes the last handle every cycle, yet a library that cannot
 * unload (DF_1_NODELETE, or the cycle check saw it stay) is never unloaded:
 * the group says what was done, the legend what happened. */
int chart_cycle_cost(struct chart_ctx *c)
{
    static const struct metric_group g[] = {
        {"fresh (no other handle: dlclose may unload)", "cycle", "fresh", "main", "cycle_us",
         1e3, 0, NULL},
        {"pinned (kept loaded by an extra handle)", "cycle", "pinned", "main", "cycle_us", 1e3,
         0, NULL},
    };
    char **notes = xcalloc(c->nv ? c->nv : 1, sizeof *notes);
    for (size_t i = 0; i < c->nv; i++) {
        int u = var_unloads(c->rm, c->v[i].v->name);
        const struct rm_result *nd = rm_get(c->rm, c->v[i].v->name, "size", "", "", "nodelete");
        if (u == 0)
            notes[i] = xstrdup(nd && nd->median == 1 ? "never unloaded: DF_1_NODELETE"
                                                     : "stayed loaded");
        else if (u == 1)
            notes[i] = xstrdup("unloaded");
    }
    int rc = chart_groups(c, "cycle_cost", "Cost of one dlopen + dlsym + call + dlclose cycle "
                          "(median; bars: 95 % CI, or the range of fewer than 6 processes)",
                          "time per cycle", NULL, "ns", g,
                          ARRAY_LEN(g), "no 'cycle' measurements in the run", notes);
    for (size_t i = 0; i < c->nv; i++)
        free(notes[i]);
    free(notes);
    return rc;
}

int chart_size(struct chart_ctx *c)
{
    static const struct metric_group g[] = {
        {"file size", "size", "", "", "file_bytes", 1, 1, NULL},
        {"mapped size (PT_LOAD segments)", "size", "", "", "load_bytes", 1, 1, NULL},
    };
    return chart_groups(c, "size", "Library size", "size", NULL, "bytes", g, ARRAY_LEN(g),
                        "no 'size' measurements in the run", NULL);
}

/* CPU time is user + system: Linux measures a process's CPU time to the
 * nanosecond but splits it into user and system by which mode the timer
 * tick (1/CONFIG_HZ s) caught it in, so a process of ~1 ms is often all
 * "user" with 0 system time, or the other way round. Only the sum is
 * true; the split stays in summary.csv (user_ms, system_ms). */
int chart_process(struct chart_ctx *c)
{
    static const struct metric_group g[] = {
        {"wall time (median; bars: 95 % CI, or the range of < 6 values)", "process", "once",
         "main", "wall_ms", 1e6, 0, NULL},
        {"CPU time, user + system (mean)", "process", "once", "main", "user_ms", 1e6, 1,
         "system_ms"},
    };
    return chart_groups(c, "process",
                        "Whole-process cold start: dlbench measure --scenario once (hyperfine)",
                        "time per process", NULL, "ns", g, ARRAY_LEN(g),
                        "no 'process' measurements in the run (hyperfine missing, or the "
                        "scenario was not run)", NULL);
}
