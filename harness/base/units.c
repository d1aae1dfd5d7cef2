/* units.c - see units.h. */
#define _GNU_SOURCE
#include "base/units.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/dbmath.h"

#define MICRO "\xc2\xb5"
#define TIMES "\xc3\x97"
#define DASH "\xe2\x80\x94"

/* ================================================================ numbers */

/* Drops the zeros after a decimal point that sb ends with ("10.0" -> "10",
 * "1.50" -> "1.5") from position start on. */
static void trim_zeros(struct strbuf *sb, size_t start)
{
    if (!sb->buf || !memchr(sb->buf + start, '.', sb->len - start))
        return;
    while (sb->len > start && sb->buf[sb->len - 1] == '0')
        sb->len--;
    if (sb->len > start && sb->buf[sb->len - 1] == '.')
        sb->len--;
    sb->buf[sb->len] = '\0';
}

void units_fmt_num(struct strbuf *sb, double v, int style)
{
    double a = fabs(v);
    size_t start = sb->len;
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
    if (style & UNITS_TRIM)
        trim_zeros(sb, start);
}

void units_fmt_plain(struct strbuf *sb, double v)
{
    if (fabs(v) >= 999.5)
        sb_printf(sb, "%.0f", v);
    else
        sb_printf(sb, "%.3g", v == 0 ? 0.0 : v);
}

void units_fmt_ratio(struct strbuf *sb, double r)
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

void units_fmt_pct(struct strbuf *sb, double c)
{
    double a = fabs(c);
    if (isnan(c))
        sb_append(sb, "n/a");
    else if (a < 9.995)
        sb_printf(sb, "%+.2f%%", c);
    else if (a < 99.95)
        sb_printf(sb, "%+.1f%%", c);
    else
        sb_printf(sb, "%+.0f%%", c);
}

/* ================================================================== units */

/* Nanoseconds per unit, 0 when unit is not a time. */
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

/* Bytes per unit, 0 when unit is not a size. */
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

/* The byte unit for a magnitude a in bytes. */
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

/* The time unit for a magnitude a in ns: the switch happens where three
 * significant digits would round to 1000. */
static void time_unit(double a, double *div, const char **name)
{
    if (a < 999.5)
        *div = 1, *name = "ns";
    else if (a < 999.5e3)
        *div = 1e3, *name = MICRO "s";
    else if (a < 999.5e6)
        *div = 1e6, *name = "ms";
    else
        *div = 1e9, *name = "s";
}

/* The display unit of v in unit: *scale converts v to the base unit (ns
 * or bytes), *div the base unit to the display unit. 0 when unit is
 * neither a time nor a size. */
static int pick_unit(double v, const char *unit, double *scale, double *div, const char **name)
{
    double s;
    if ((s = time_scale_ns(unit)) > 0)
        time_unit(fabs(v * s), div, name);
    else if ((s = byte_scale(unit)) > 0)
        byte_unit(fabs(v * s), div, name);
    else
        return 0;
    *scale = s;
    return 1;
}

int units_scale(double v, const char *unit, double *div, const char **name)
{
    double s, d;
    if (!pick_unit(v, unit, &s, &d, name)) {
        *div = 1;
        *name = unit;
        return 0;
    }
    *div = d / s;
    return 1;
}

void units_fmt_style(struct strbuf *sb, double v, const char *unit, int style)
{
    if (isnan(v)) {
        sb_append(sb, DASH);
        return;
    }
    if (!strcmp(unit, "bool")) {
        sb_append(sb, v != 0 ? "yes" : "no");
        return;
    }
    double s, div;
    const char *name;
    if (pick_unit(v, unit, &s, &div, &name)) {
        units_fmt_num(sb, v * s / div, style);
        sb_printf(sb, " %s", name);
        return;
    }
    if (v == db_floor(v) && fabs(v) < 1e15)
        sb_printf(sb, "%.0f", v); /* counts: 5, not 5.00 */
    else
        units_fmt_num(sb, v, style);
    if (*unit && strcmp(unit, "count"))
        sb_printf(sb, " %s", unit);
}

void units_fmt(struct strbuf *sb, double v, const char *unit)
{
    units_fmt_style(sb, v, unit, UNITS_SIG);
}

/* =============================================================== versions */

/* Splits a toolchain_version into family and numbers: "go go1.21.6" ->
 * "go", {1,21,6}; "c gcc 12.2.0" -> "gcc", {12,2,0}. Digits after the
 * first run of dotted numbers (a commit hash, a date) are not read. */
static void version_parse(const char *s, char *fam, size_t famlen, long *nums, int *n_nums)
{
    *n_nums = 0;
    fam[0] = '\0';
    if (!s)
        return;
    const char *p = s;
    while (*p == ' ')
        p++;
    const char *sp = strchr(p, ' ');
    if (sp && sp[1])
        p = sp + 1; /* the first word is the implementation */
    size_t f = 0;
    while (*p && !isdigit((unsigned char)*p)) {
        if (!isspace((unsigned char)*p) && f + 1 < famlen)
            fam[f++] = *p;
        p++;
    }
    fam[f] = '\0';
    while (*p && isdigit((unsigned char)*p) && *n_nums < 8) {
        char *end;
        nums[(*n_nums)++] = strtol(p, &end, 10);
        p = end;
        if (*p == '.' && isdigit((unsigned char)p[1]))
            p++;
        else
            break;
    }
}

int version_cmp(const char *a, const char *b)
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
