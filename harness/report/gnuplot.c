/* gnuplot.c - see gnuplot.h. */
#define _GNU_SOURCE
#include "report/gnuplot.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/child.h"
#include "base/dbmath.h"
#include "base/units.h"

/* ============================================================ run data */

int sum_get(const struct chart_ctx *c, const char *variant, const char *scenario,
            const char *workload, const char *thread, const char *metric, struct stat3 *out)
{
    const struct rm_result *r = rm_get(c->rm, variant, scenario, workload, thread, metric);
    if (!r)
        return -1;
    out->med = r->median;
    out->lo = r->ci_low;
    out->hi = r->ci_high;
    return isfinite(out->med) ? 0 : -1;
}

int scenario_present(const struct chart_ctx *c, const char *scenario)
{
    for (size_t i = 0; i < c->rm->nr; i++)
        if (!strcmp(c->rm->r[i].key.scenario, scenario))
            return 1;
    return 0;
}

/* ============================================================ escaping */

void fmt_label(char *buf, size_t n, double v, const char *unit, int style)
{
    struct strbuf sb = {0};
    if (unit)
        units_fmt_style(&sb, v, unit, style);
    else
        units_fmt_num(&sb, v, style);
    snprintf(buf, n, "%s", sb.buf ? sb.buf : "");
    sb_free(&sb);
}

void gp_string(struct strbuf *sb, const char *s)
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
void gp_tic_string(struct strbuf *sb, const char *s)
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
void gp_num(struct strbuf *sb, double v)
{
    if (isfinite(v))
        sb_printf(sb, "%.9g", v);
    else
        sb_append(sb, "NaN");
}

/* Writes text into the temporary folder; the name is ours, never a run's. */
int tmp_write(struct chart_ctx *c, const char *name, const struct strbuf *sb)
{
    char *path = path_join(c->tmp_dir, name);
    int rc = write_file_atomic(path, sb->buf ? sb->buf : "", sb->len);
    if (rc != 0) {
        c->write_failed = errno ? errno : EIO;
        snprintf(c->err, c->errlen, "cannot write '%s': %s", path, strerror(c->write_failed));
    } else if (!sl_contains(&c->tmp_files, name))
        sl_push(&c->tmp_files, name);
    free(path);
    return rc;
}

/* Tick marks for a log axis over [lo, hi]: labelled majors and unlabelled
 * minors. Time: decades (with 2 and 5 labelled when the range is short).
 * Bytes: powers of 4 from 1 KiB (1 KiB, 4 KiB, 16 KiB, ...), powers of 10
 * below. Labels come from units_fmt_style(UNITS_TRIM). */
void log_tics(struct strbuf *sb, const char *axis, const char *unit, double lo, double hi)
{
    sb_printf(sb, "set %s (", axis);
    int first = 1, bytes = !strcmp(unit, "bytes");
    struct strbuf lab = {0};
    if (bytes && hi >= 1024) {
        double start = 1;
        while (start * 4 <= lo)
            start *= 4;
        /* An integer counter: powers of 4 are exact, but a float loop
         * counter is a classic source of off-by-one ticks. */
        for (int e = 0; e < 64 && start * db_pow(4, e) <= hi * 1.0001; e++) {
            double t = start * db_pow(4, e);
            lab.len = 0;
            units_fmt_style(&lab, t, unit, UNITS_TRIM);
            sb_printf(sb, "%s", first ? "" : ", ");
            gp_string(sb, lab.buf);
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
                    lab.len = 0;
                    units_fmt_style(&lab, t, unit, UNITS_TRIM);
                    gp_string(sb, lab.buf);
                    sb_printf(sb, " %.9g", t);
                } else {
                    sb_printf(sb, "\"\" %.9g 1", t);
                }
            }
        }
    }
    sb_free(&lab);
    sb_append(sb, ")\n");
}

/* ============================================================= gnuplot */

char *find_in_path(const char *prog)
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

/* 1 if bytes are a whole image of format fmt: a PNG ends with its IEND
 * chunk (length 0, "IEND", CRC AE 42 60 82), an SVG with "</svg>" (and
 * white space). gnuplot exits 0 on some failed writes of its own, and a
 * pipe can be cut; a truncated chart must never be published. */
static int image_whole(const char *fmt, const char *bytes, size_t len)
{
    if (!strcmp(fmt, "png")) {
        static const unsigned char iend[12] = {0,    0,    0,    0,    'I',  'E',
                                               'N',  'D',  0xAE, 0x42, 0x60, 0x82};
        static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        return len > sizeof sig + sizeof iend && !memcmp(bytes, sig, sizeof sig) &&
               !memcmp(bytes + len - sizeof iend, iend, sizeof iend);
    }
    while (len && strchr(" \t\r\n", bytes[len - 1]))
        len--;
    return len >= 6 && !memcmp(bytes + len - 6, "</svg>", 6);
}

/* Writes gnuplot's image (its stdout) to charts/<name>.<fmt>: the one place
 * a chart file is written, checked like every file of a run. */
static int publish(struct chart_ctx *c, const char *name, const char *fmt,
                   const struct child_result *res)
{
    char *file = xasprintf("%s.%s", name, fmt);
    char *to = path_join(c->charts_dir, file);
    int rc = 0;
    if (!res->out || !image_whole(fmt, res->out, res->out_len)) {
        snprintf(c->err, c->errlen, "gnuplot wrote no whole '%s' for chart '%s' (%zu bytes)",
                 file, name, res->out_len);
        rc = -1;
    } else if (write_file_atomic(to, res->out, res->out_len) != 0) {
        c->write_failed = errno ? errno : EIO;
        snprintf(c->err, c->errlen, "cannot write '%s': %s", to, strerror(c->write_failed));
        rc = -1;
    }
    free(file);
    free(to);
    return rc;
}

/* Removes charts/<name>.png|svg left by an earlier plot of this folder. */
void remove_stale(const struct chart_ctx *c, const char *name)
{
    static const char *const exts[] = {"png", "svg"};
    for (size_t i = 0; i < ARRAY_LEN(exts); i++) {
        char *p = xasprintf("%s/%s.%s", c->charts_dir, name, exts[i]);
        unlink(p);
        free(p);
    }
}

/* Runs scripts/plot/<script>.gp (after common.gp and the chart's params.gp)
 * once for PNG and once for SVG, and publishes each image. Both formats
 * are drawn before either is published, so a chart is there in both
 * formats or in none (unless writing fails in between). */
int run_gnuplot(struct chart_ctx *c, const char *name, const char *script)
{
    static const char *const fmts[] = {"png", "svg"};
    struct child_result res[ARRAY_LEN(fmts)];
    memset(res, 0, sizeof res);
    char *common = path_join(c->scripts_dir, "common.gp");
    char *gp = xasprintf("%s/%s.gp", c->scripts_dir, script);
    int rc = 0;
    for (size_t f = 0; f < ARRAY_LEN(fmts) && rc == 0; f++) {
        char *setup = xasprintf("NAME='%s'; FMT='%s'; OUT='-'", name, fmts[f]);
        char *argv[] = {"gnuplot", "-e", setup, common, "params.gp", gp, NULL};
        struct child_spec spec = {.argv = argv, .cwd = c->tmp_dir,
                                  .timeout_s = GNUPLOT_TIMEOUT_S,
                                  .max_out = (size_t)64 << 20};
        child_run(&spec, &res[f]);
        if (res[f].outcome != CHILD_OK) {
            char *cause = child_cause(&res[f]);
            char *tail = child_err_tail(&res[f], 6);
            snprintf(c->err, c->errlen, "gnuplot failed on chart '%s' (%s): %s%s%s", name,
                     fmts[f], cause, *tail ? "\n" : "", tail);
            free(cause);
            free(tail);
            rc = -1;
        } else if (res[f].err && res[f].err_len) {
            /* Warnings such as "Skipping data file with no valid points". */
            char *tail = child_err_tail(&res[f], 4);
            db_warn("chart '%s': gnuplot: %s", name, tail);
            free(tail);
        }
        free(setup);
    }
    for (size_t f = 0; f < ARRAY_LEN(fmts) && rc == 0; f++)
        rc = publish(c, name, fmts[f], &res[f]);
    for (size_t f = 0; f < ARRAY_LEN(fmts); f++)
        child_result_free(&res[f]);
    free(common);
    free(gp);
    return rc;
}

/* Appends the settings every chart shares: title and palette arrays of
 * the variants in the chart (VN names, VC colours, NV count). */
void params_head(struct strbuf *p, const char *title, const struct chart_ctx *c,
                 const int *used)
{
    params_head_notes(p, title, c, used, NULL);
}

void params_head_notes(struct strbuf *p, const char *title, const struct chart_ctx *c,
                       const int *used, char *const *notes)
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
        if (notes && notes[i]) {
            char *named = xasprintf("%s (%s)", c->v[i].v->name, notes[i]);
            gp_string(p, named);
            free(named);
        } else {
            gp_string(p, c->v[i].v->name);
        }
        sb_printf(p, "; VC[%zu] = '#%06X'\n", k, c->v[i].color);
    }
}

void cleanup_tmp(struct chart_ctx *c)
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

