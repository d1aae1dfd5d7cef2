/* toml_lex.c - the lexical layer of the TOML reader: error reporting,
 * newlines and blanks, "what was found" descriptions for messages, the
 * byte pre-pass (UTF-8, NUL, lone CR), comments, strings with escapes, and
 * keys. See toml_parse.c. */
#define _POSIX_C_SOURCE 200809L
#include "base/toml_impl.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void vfail_at(struct parser *p, int line, int col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* ---------------------------------------------------------------- parser state */

static void vfail_at(struct parser *p, int line, int col, const char *fmt, va_list ap)
{
    /* The first error wins: later ones are consequences of it. */
    if (p->failed)
        return;
    p->failed = 1;
    if (!p->err || !p->errlen)
        return;
    int n = snprintf(p->err, p->errlen, "%s:%d:%d: ", p->file, line, col);
    if (n >= 0 && (size_t)n < p->errlen)
        vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
}

int toml_fail_at(struct parser *p, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_at(p, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

int toml_fail_here(struct parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_at(p, p->line, COL(p), fmt, ap);
    va_end(ap);
    return -1;
}

/* Consumes LF or CRLF and keeps the line count. 1 if it did. */
static int eat_newline(struct parser *p)
{
    if (cur(p) == '\n')
        p->pos += 1;
    else if (cur(p) == '\r' && peek(p, 1) == '\n')
        p->pos += 2;
    else
        return 0;
    p->line++;
    p->bol = p->pos;
    return 1;
}

void toml_skip_ws(struct parser *p)
{
    while (is_ws(cur(p)))
        p->pos++;
}

/* Length of the valid UTF-8 sequence at s[i], or 0. */
static size_t utf8_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    size_t n;
    unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0)
            lo = 0xa0;          /* overlong */
        else if (c == 0xed)
            hi = 0x9f;          /* UTF-16 surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0)
            lo = 0x90;          /* overlong */
        else if (c == 0xf4)
            hi = 0x8f;          /* above U+10FFFF */
    } else {
        return 0;
    }
    if (i + n > len)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if (s[i + k] < 0x80 || s[i + k] > 0xbf)
            return 0;
    return n;
}

/* Describes the input at offset at for "..., found X". With word set, a
 * run of bare-key characters is shown whole ("found 'tru'"). */
static const char *describe_at(struct parser *p, size_t at, int word)
{
    char *b = p->fbuf;
    size_t bl = sizeof p->fbuf;
    if (at >= p->len)
        return "end of file";
    int c = p->s[at];
    if (c == '\n' || (c == '\r' && at + 1 < p->len && p->s[at + 1] == '\n'))
        return "end of line";
    if (c == '\t')
        return "a tab";
    if (c == '\'')
        return "\"'\"";
    if (c == 0)
        return "a NUL byte";
    if (c == '\r')
        return "a carriage return";
    if (is_control(c)) {
        snprintf(b, bl, "control character U+%04X", (unsigned)c);
        return b;
    }
    if (word && is_bare(c)) {
        size_t n = 0;
        while (at + n < p->len && is_bare(p->s[at + n]) && n < 32)
            n++;
        int more = at + n < p->len && is_bare(p->s[at + n]);
        snprintf(b, bl, "'%.*s%s'", (int)n, (const char *)p->s + at, more ? "..." : "");
        return b;
    }
    if (c >= 0x80) {
        size_t n = utf8_len(p->s, p->len, at);
        if (!n)
            snprintf(b, bl, "byte 0x%02x", (unsigned)c);
        else
            snprintf(b, bl, "'%.*s'", (int)n, (const char *)p->s + at);
        return b;
    }
    snprintf(b, bl, "'%c'", c);
    return b;
}

const char *toml_found(struct parser *p)
{
    return describe_at(p, p->pos, 1);
}

static const char *found_char(struct parser *p)
{
    return describe_at(p, p->pos, 0);
}

/* Copies s (n bytes) into one of the message buffers, with control bytes
 * escaped and long names shortened, so a message stays one readable line. */
const char *toml_show(struct parser *p, int slot, const char *s, size_t n)
{
    char *b = p->kbuf[slot];
    size_t bl = sizeof p->kbuf[slot], o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (o + 8 >= bl) {
            memcpy(b + o, "...", 4);
            return b;
        }
        if (c < 0x20 || c == 0x7f)
            o += (size_t)snprintf(b + o, bl - o, "\\x%02x", c);
        else
            b[o++] = (char)c;
    }
    b[o] = '\0';
    return b;
}

/* ---------------------------------------------------------------- pre-pass */

/* Rejects what TOML forbids anywhere in a document, so the parser below can
 * trust every byte it reads to be part of a valid UTF-8 line. */
int toml_check_bytes(struct parser *p)
{
    const unsigned char *s = p->s;
    size_t bol = 0;
    int line = 1;
    for (size_t i = 0; i < p->len;) {
        unsigned char c = s[i];
        int col = (int)(i - bol + 1);
        if (c == '\n') {
            line++;
            bol = ++i;
        } else if (c == 0) {
            return toml_fail_at(p, line, col, "expected UTF-8 text, found a NUL byte");
        } else if (c == '\r') {
            if (i + 1 >= p->len || s[i + 1] != '\n')
                return toml_fail_at(p, line, col,
                                    "expected a newline after carriage return, found %s",
                                    describe_at(p, i + 1, 0));
            i++;
        } else if (c < 0x80) {
            i++;
        } else {
            size_t n = utf8_len(s, p->len, i);
            if (!n)
                return toml_fail_at(p, line, col,
                                    "expected UTF-8 text, found invalid byte 0x%02x", c);
            i += n;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- comments and lines */

static int skip_comment(struct parser *p)
{
    if (cur(p) != '#')
        return 0;
    p->pos++;
    while (p->pos < p->len && !at_newline(p)) {
        int c = cur(p);
        if (is_control(c))
            return toml_fail_here(p, "control character U+%04X is not allowed in a comment",
                                  (unsigned)c);
        p->pos++;
    }
    return 0;
}

/* Whitespace, comments and newlines: what may separate array elements. */
int toml_skip_blank(struct parser *p)
{
    for (;;) {
        toml_skip_ws(p);
        if (skip_comment(p) < 0)
            return -1;
        if (!eat_newline(p))
            return 0;
    }
}

/* After a key/value pair or a header only a comment may follow on the line. */
int toml_end_of_line(struct parser *p, const char *after)
{
    toml_skip_ws(p);
    if (skip_comment(p) < 0)
        return -1;
    if (p->pos >= p->len || eat_newline(p))
        return 0;
    return toml_fail_here(p, "expected end of line after %s, found %s", after, toml_found(p));
}

/* ---------------------------------------------------------------- strings */

static void put_utf8(struct strbuf *sb, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        b[0] = (char)(0xf0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    sb_appendn(sb, b, n);
}

int toml_hex_val(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* At a backslash inside a basic string. multi: a multi-line string, where
 * "\" at the end of a line swallows the newline and following blanks. */
static int read_escape(struct parser *p, struct strbuf *sb, int multi)
{
    int line = p->line, col = COL(p);
    p->pos++;
    int c = cur(p);
    switch (c) {
    case 'b': sb_appendc(sb, '\b'); p->pos++; return 0;
    case 't': sb_appendc(sb, '\t'); p->pos++; return 0;
    case 'n': sb_appendc(sb, '\n'); p->pos++; return 0;
    case 'f': sb_appendc(sb, '\f'); p->pos++; return 0;
    case 'r': sb_appendc(sb, '\r'); p->pos++; return 0;
    case '"': sb_appendc(sb, '"'); p->pos++; return 0;
    case '\\': sb_appendc(sb, '\\'); p->pos++; return 0;
    case 'u':
    case 'U': {
        int nd = c == 'u' ? 4 : 8;
        uint32_t cp = 0;
        p->pos++;
        for (int k = 0; k < nd; k++) {
            int h = toml_hex_val(cur(p));
            if (h < 0)
                return toml_fail_here(p, "expected %d hex digits after '\\%c', found %s",
                                      nd, c, found_char(p));
            cp = cp * 16 + (uint32_t)h;
            p->pos++;
        }
        const char *text = (const char *)p->s + p->pos - (size_t)nd;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return toml_fail_at(p, line, col,
                                "invalid escape '\\%c%.*s': not a unicode scalar value",
                                c, nd, text);
        if (cp == 0)
            return toml_fail_at(p, line, col,
                                "escape '\\%c%.*s' is a NUL character, which strings may not contain",
                                c, nd, text);
        put_utf8(sb, cp);
        return 0;
    }
    default:
        break;
    }
    if (multi && (is_ws(c) || at_newline(p))) {
        toml_skip_ws(p);
        if (!at_newline(p))
            return toml_fail_here(p, "expected a newline after line-ending '\\', found %s",
                                  found_char(p));
        for (;;) {
            toml_skip_ws(p);
            if (!eat_newline(p))
                return 0;
        }
    }
    return toml_fail_at(p, line, col, "expected an escape sequence after '\\', found %s",
                        found_char(p));
}

/* At the opening quote(s) q ('"' basic, '\'' literal). Fills sb with the
 * contents: escapes are read in basic strings only, a literal string is
 * verbatim. Messages name the quote inside the other kind of quotes. */
int toml_parse_quoted(struct parser *p, struct strbuf *sb, int multi, int q)
{
    const int basic = q == '"';
    const char *one = basic ? "'\"'" : "\"'\"";
    const char *close = multi ? (basic ? "'\"\"\"'" : "\"'''\"") : one;
    const char *pair = basic ? "\"\"" : "''";
    int line = p->line, col = COL(p);
    p->pos += multi ? 3 : 1;
    /* A newline right after the opening triple is not part of the string. */
    if (multi)
        eat_newline(p);
    for (;;) {
        int c = cur(p);
        if (c < 0)
            return toml_fail_here(p, "expected %s to end the string started at %d:%d, found end of file",
                                  close, line, col);
        if (c == q) {
            if (!multi) {
                p->pos++;
                return 0;
            }
            size_t n = 0;
            while (peek(p, n) == q)
                n++;
            if (n < 3) {
                sb_appendn(sb, pair, n);
                p->pos += n;
                continue;
            }
            /* The triple ends the string; up to two more quotes belong to it. */
            if (n > 5)
                return toml_fail_here(p, "expected at most 5 %s in a row at the end of a multi-line string, found %zu",
                                      one, n);
            sb_appendn(sb, pair, n - 3);
            p->pos += n;
            return 0;
        }
        if (basic && c == '\\') {
            if (read_escape(p, sb, multi) < 0)
                return -1;
            continue;
        }
        if (at_newline(p)) {
            if (!multi)
                return toml_fail_here(p, "expected %s to end the string started at %d:%d, found end of line",
                                      one, line, col);
            eat_newline(p);
            sb_appendc(sb, '\n');
            continue;
        }
        if (is_control(c)) {
            if (basic)
                return toml_fail_here(p, "expected an escape sequence, found control character U+%04X in string",
                                      (unsigned)c);
            return toml_fail_here(p, "control character U+%04X is not allowed in a literal string",
                                  (unsigned)c);
        }
        sb_appendc(sb, (char)c);
        p->pos++;
    }
}

int toml_at_triple(const struct parser *p, int q)
{
    return cur(p) == q && peek(p, 1) == q && peek(p, 2) == q;
}

/* ---------------------------------------------------------------- keys */

void toml_key_free(struct key *k)
{
    for (int i = 0; i < k->n; i++)
        free(k->part[i].s);
    k->n = 0;
}

/* "a.b.c" for parts 0..upto, for messages. */
const char *toml_key_name(struct parser *p, const struct key *k, int upto)
{
    struct strbuf sb = { 0 };
    for (int i = 0; i <= upto && i < k->n; i++) {
        if (i)
            sb_appendc(&sb, '.');
        sb_append(&sb, k->part[i].s ? k->part[i].s : "");
        if (sb.len > sizeof p->kbuf[0])
            break;
    }
    const char *r = toml_show(p, 0, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return r;
}

/* key = simple-key *( ws "." ws simple-key ). Leaves p after the last part
 * (and the blanks after it). k must be freed by the caller even on error. */
int toml_parse_key(struct parser *p, struct key *k)
{
    k->n = 0;
    for (;;) {
        int line = p->line, col = COL(p);
        int c = cur(p);
        struct strbuf sb = { 0 };
        if (k->n == TOML_MAX_DEPTH)
            return toml_fail_here(p, "nesting deeper than %d levels", TOML_MAX_DEPTH);
        if (c == '"' || c == '\'') {
            if (toml_at_triple(p, c))
                return toml_fail_here(p, "expected a key, found a multi-line string (keys are single-line)");
            if (toml_parse_quoted(p, &sb, 0, c) < 0) {
                sb_free(&sb);
                return -1;
            }
        } else if (is_bare(c)) {
            size_t start = p->pos;
            while (is_bare(cur(p)))
                p->pos++;
            sb_appendn(&sb, (const char *)p->s + start, p->pos - start);
        } else if (k->n) {
            return toml_fail_here(p, "expected a key after '.', found %s", toml_found(p));
        } else {
            return toml_fail_here(p, "expected a key, found %s", toml_found(p));
        }
        k->part[k->n].s = sb_detach(&sb);
        k->part[k->n].line = line;
        k->part[k->n].col = col;
        k->n++;
        toml_skip_ws(p);
        if (cur(p) != '.')
            return 0;
        p->pos++;
        toml_skip_ws(p);
    }
}
