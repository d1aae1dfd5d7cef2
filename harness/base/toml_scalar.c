/* toml_scalar.c - bare values of the TOML reader: integers (decimal,
 * hex, octal, binary, with '_'), floats (exponent, inf, nan), booleans,
 * and the "not supported" error for date-times. See toml_parse.c. */
#define _POSIX_C_SOURCE 200809L
#include "base/toml_impl.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- numbers */

static int digit_in(int c, int base)
{
    if (base == 16)
        return toml_hex_val(c) >= 0;
    return c >= '0' && c < '0' + base;
}

/* Digits of base at s[*i] with '_' allowed only between two digits.
 * Returns the number of digits, or -1 for a misplaced '_'. */
static int scan_digits(const char *s, size_t n, size_t *i, int base)
{
    int count = 0;
    while (*i < n) {
        int c = (unsigned char)s[*i];
        if (digit_in(c, base)) {
            count = count < 1000000 ? count + 1 : count;
            (*i)++;
        } else if (c == '_') {
            if (!count || *i + 1 >= n || !digit_in((unsigned char)s[*i + 1], base))
                return -1;
            (*i)++;
        } else {
            break;
        }
    }
    return count;
}

/* Integer (any base) or float from the token s (n bytes). */
static struct tnode *parse_number(struct parser *p, const char *s, size_t n,
                                  int line, int col, int depth)
{
    /* The token as messages show it, built only on the error path. */
#define TOK toml_show(p, 1, s, n)
    size_t i = 0;
    int neg = 0, sign = 0;
    if (s[0] == '+' || s[0] == '-') {
        sign = 1;
        neg = s[0] == '-';
        i = 1;
    }

    /* 0x, 0o, 0b: unsigned digits, no sign. */
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' || s[i + 1] == 'b')) {
        int base = s[i + 1] == 'x' ? 16 : s[i + 1] == 'o' ? 8 : 2;
        if (sign) {
            toml_fail_at(p, line, col, "invalid number '%s': a sign is not allowed before 0%c",
                         TOK, s[i + 1]);
            return NULL;
        }
        i += 2;
        size_t start = i;
        int nd = scan_digits(s, n, &i, base);
        if (nd < 0) {
            toml_fail_at(p, line, col, "invalid number '%s': '_' must be between digits", TOK);
            return NULL;
        }
        if (nd == 0 || i != n) {
            toml_fail_at(p, line, col, "invalid number '%s': expected base-%d digits after '0%c'",
                         TOK, base, s[1]);
            return NULL;
        }
        uint64_t v = 0;
        for (size_t k = start; k < n; k++) {
            if (s[k] == '_')
                continue;
            uint64_t d = (uint64_t)toml_hex_val((unsigned char)s[k]);
            if (v > ((uint64_t)INT64_MAX - d) / (uint64_t)base) {
                toml_fail_at(p, line, col, "integer '%s' does not fit in 64 bits", TOK);
                return NULL;
            }
            v = v * (uint64_t)base + d;
        }
        struct tnode *r = toml_node_new(TOML_INT, line, col, depth, 0);
        r->v.u.i = (int64_t)v;
        return r;
    }

    size_t int_start = i;
    int nd = scan_digits(s, n, &i, 10);
    size_t int_end = i;
    int is_float = 0;
    if (nd < 0) {
        toml_fail_at(p, line, col, "invalid number '%s': '_' must be between digits", TOK);
        return NULL;
    }
    if (nd == 0) {
        toml_fail_at(p, line, col, "invalid number '%s'", TOK);
        return NULL;
    }
    if (s[int_start] == '0' && int_end - int_start > 1) {
        toml_fail_at(p, line, col, "invalid number '%s': leading zeros are not allowed", TOK);
        return NULL;
    }
    if (i < n && s[i] == '.') {
        i++;
        nd = scan_digits(s, n, &i, 10);
        if (nd <= 0) {
            toml_fail_at(p, line, col, "invalid number '%s': expected a digit after '.'", TOK);
            return NULL;
        }
        is_float = 1;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        /* The exponent may have leading zeros (1e06). */
        nd = scan_digits(s, n, &i, 10);
        if (nd <= 0) {
            toml_fail_at(p, line, col, "invalid number '%s': expected a digit in the exponent", TOK);
            return NULL;
        }
        is_float = 1;
    }
    if (i != n) {
        toml_fail_at(p, line, col, "invalid number '%s'", TOK);
        return NULL;
    }

    if (is_float) {
        /* strtod wants no underscores; the C locale is assumed (nothing in
         * dlbench calls setlocale). */
        char *buf = xmalloc(n + 1);
        size_t o = 0;
        for (size_t k = 0; k < n; k++)
            if (s[k] != '_')
                buf[o++] = s[k];
        buf[o] = '\0';
        errno = 0;
        double d = strtod(buf, NULL);
        free(buf);
        if (isinf(d)) {
            toml_fail_at(p, line, col, "float '%s' is out of range", TOK);
            return NULL;
        }
        struct tnode *r = toml_node_new(TOML_FLOAT, line, col, depth, 0);
        r->v.u.f = d;
        return r;
    }

    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (size_t k = int_start; k < n; k++) {
        if (s[k] == '_')
            continue;
        uint64_t d = (uint64_t)(s[k] - '0');
        if (v > (limit - d) / 10) {
            toml_fail_at(p, line, col, "integer '%s' does not fit in 64 bits", TOK);
            return NULL;
        }
        v = v * 10 + d;
    }
    struct tnode *r = toml_node_new(TOML_INT, line, col, depth, 0);
    if (!neg)
        r->v.u.i = (int64_t)v;
    else if (v == (uint64_t)INT64_MAX + 1)
        r->v.u.i = INT64_MIN;
    else
        r->v.u.i = -(int64_t)v;
    return r;
}
#undef TOK

/* Completes "expected a value ...": "for key 'name'" after a key (k), else
 * the value is an array element. Built only when there is an error. */
const char *toml_value_ctx(struct parser *p, const struct key *k)
{
    if (!k)
        return "or ']' in array";
    snprintf(p->vbuf, sizeof p->vbuf, "for key '%s'", toml_key_name(p, k, k->n - 1));
    return p->vbuf;
}

/* 1979-05-27, 07:32:00, with an optional sign already excluded. */
static int looks_like_datetime(const char *s, size_t n)
{
    if (n >= 6 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
        s[4] == '-' && is_digit(s[5]))
        return 1;
    if (n >= 4 && is_digit(s[0]) && is_digit(s[1]) && s[2] == ':' && is_digit(s[3]))
        return 1;
    return 0;
}

int toml_is_token_char(int c)
{
    return is_bare(c) || c == '+' || c == '.' || c == ':';
}

/* true, false, inf, nan, numbers - and date-times, to refuse them by name. */
struct tnode *toml_parse_token(struct parser *p, int depth, const struct key *k)
{
    int line = p->line, col = COL(p);
    size_t start = p->pos;
    while (toml_is_token_char(cur(p)))
        p->pos++;
    const char *s = (const char *)p->s + start;
    size_t n = p->pos - start;
    size_t b = (s[0] == '+' || s[0] == '-') ? 1 : 0;

    if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0)) {
        struct tnode *r = toml_node_new(TOML_BOOL, line, col, depth, 0);
        r->v.u.b = n == 4;
        return r;
    }
    if (n - b == 3 && (memcmp(s + b, "inf", 3) == 0 || memcmp(s + b, "nan", 3) == 0)) {
        struct tnode *r = toml_node_new(TOML_FLOAT, line, col, depth, 0);
        double d = s[b] == 'i' ? INFINITY : NAN;
        r->v.u.f = s[0] == '-' ? -d : d;
        return r;
    }
    if (!b && looks_like_datetime(s, n)) {
        toml_fail_at(p, line, col,
                     "date-time values are not supported by dlbench's TOML reader, found '%s'",
                     toml_show(p, 1, s, n));
        return NULL;
    }
    if (n > b && is_digit(s[b]))
        return parse_number(p, s, n, line, col, depth);
    toml_fail_at(p, line, col, "expected a value %s, found '%s'", toml_value_ctx(p, k), toml_show(p, 1, s, n));
    return NULL;
}
