/* leakparse.c - the pure functions of `run --leak-check`: the valgrind log
 * parser and the gctrace parser. No
 * process is started here (orchestration: leakcheck.c); tests feed fixed
 * texts (tests/leak/test_leakcheck.c). Why each check is read the way it
 * is: see leakcheck.c. */
#define _GNU_SOURCE
#include "run/leakparse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* ---------------------------------------------------------------- valgrind log */

/* "5,505,024" -> 5505024; *end after the number. -1 if no digit. */
static long long parse_grouped(const char *p, const char **end)
{
    long long v = 0;
    int any = 0;
    while (isdigit((unsigned char)*p) || (*p == ',' && any && isdigit((unsigned char)p[1]))) {
        if (*p != ',') {
            v = v * 10 + (*p - '0');
            any = 1;
        }
        p++;
    }
    *end = p;
    return any ? v : -1;
}

/* "<label> X bytes in Y blocks" after the label. */
static int parse_bytes_blocks(const char *p, long long *bytes, long long *blocks)
{
    while (*p == ' ')
        p++;
    const char *e;
    long long b = parse_grouped(p, &e);
    if (b < 0 || strncmp(e, " bytes in ", 10))
        return -1;
    long long k = parse_grouped(e + 10, &e);
    if (k < 0)
        return -1;
    *bytes = b;
    *blocks = k;
    return 0;
}

/* The line without valgrind's "==PID== " / "--PID-- " / "**PID** " prefix. */
static const char *strip_prefix(const char *line)
{
    char c = line[0];
    if ((c == '=' || c == '-' || c == '*') && line[1] == c) {
        const char *p = line + 2;
        while (isdigit((unsigned char)*p))
            p++;
        if (p[0] == c && p[1] == c)
            return p[2] == ' ' ? p + 3 : p + 2;
    }
    return line;
}

static void add_warning(struct strbuf *w, int *n, const char *text)
{
    if (w->buf && strstr(w->buf, text))
        return;
    if (*n >= 6)
        return;
    sb_printf(w, "%s%s", w->len ? "; " : "", text);
    (*n)++;
}

/* Short, address-free form of a warning line worth telling the reader. */
static void classify_warning(struct strbuf *w, int *n, const char *s)
{
    if (strstr(s, "set address range perms"))
        return; /* a large mmap (Go reserves its arenas): harmless */
    if (strstr(s, "client switching stacks?")) {
        add_warning(w, n, "client switching stacks (the runtime runs on stacks of its own)");
        return;
    }
    if (strstr(s, "Serious error when reading debug info")) {
        add_warning(w, n, "cannot read the library's debug info (DWARF form this valgrind "
                          "does not know)");
        return;
    }
    const char *k = strstr(s, "WARNING: ");
    if (!k)
        k = strstr(s, "Warning: ");
    if (!k)
        return;
    k += 9;
    size_t len = strcspn(k, "\n");
    const char *hex = strstr(k, " 0x");
    if (hex && (size_t)(hex - k) < len)
        len = (size_t)(hex - k);
    if (len > 80)
        len = 80;
    char *t = xstrndup(k, len);
    add_warning(w, n, t);
    free(t);
}

static int is_fatal(const char *s)
{
    static const char *const pat[] = {
        "the 'impossible' happened", "Process terminating with default action of signal",
        "Fatal error at startup", "unhandled instruction bytes", "Unrecognised instruction",
        "out of memory", "Valgrind cannot continue", "valgrind: m_"};
    for (size_t i = 0; i < ARRAY_LEN(pat); i++)
        if (strstr(s, pat[i]))
            return 1;
    return 0;
}

int vg_parse_log(const char *log, struct vg_report *r)
{
    memset(r, 0, sizeof *r);
    r->errors = -1;
    struct strbuf warn = {0}, fatal = {0};
    int nwarn = 0, nfatal = 0, valgrind_seen = 0, heap_seen = 0;
    const char *p = log;
    while (p && *p) {
        size_t n = strcspn(p, "\n");
        char *line = xstrndup(p, n);
        p += n + (p[n] == '\n');
        const char *s = strip_prefix(line);
        valgrind_seen |= s != line;
        while (*s == ' ')
            s++;
        const char *v = strstr(s, "Using Valgrind-");
        if (v) {
            v += 15;
            size_t k = 0;
            while (k + 1 < sizeof r->version && (isdigit((unsigned char)v[k]) || v[k] == '.'))
                k++;
            memcpy(r->version, v, k);
            r->version[k] = '\0';
        } else if (!strncmp(s, "HEAP SUMMARY:", 13)) {
            heap_seen = 1;
        } else if (!strncmp(s, "LEAK SUMMARY:", 13) ||
                   strstr(s, "All heap blocks were freed -- no leaks are possible")) {
            /* run --leak-check's child asks for a leak search at each
             * sample (cycle.c --leak-counts), each with a LEAK SUMMARY of
             * its own: the last one is read, and only one after the HEAP
             * SUMMARY (printed at exit alone) says the run reached exit. */
            r->have_summary = heap_seen;
            r->def_bytes = r->def_blocks = r->ind_bytes = r->ind_blocks = 0;
            r->pos_bytes = r->pos_blocks = r->reach_bytes = r->reach_blocks = 0;
        } else if (!strncmp(s, "definitely lost:", 16)) {
            parse_bytes_blocks(s + 16, &r->def_bytes, &r->def_blocks);
        } else if (!strncmp(s, "indirectly lost:", 16)) {
            parse_bytes_blocks(s + 16, &r->ind_bytes, &r->ind_blocks);
        } else if (!strncmp(s, "possibly lost:", 14)) {
            parse_bytes_blocks(s + 14, &r->pos_bytes, &r->pos_blocks);
        } else if (!strncmp(s, "still reachable:", 16)) {
            parse_bytes_blocks(s + 16, &r->reach_bytes, &r->reach_blocks);
        } else if (!strncmp(s, "ERROR SUMMARY:", 14)) {
            const char *e;
            r->errors = parse_grouped(s + 15, &e);
        } else if (is_fatal(s)) {
            /* The first two: e.g. the instruction valgrind could not
             * decode, then the signal the program died of. */
            if (nfatal++ < 2)
                sb_printf(&fatal, "%s%s", fatal.len ? "; " : "", s);
        } else {
            classify_warning(&warn, &nwarn, s);
        }
        free(line);
    }
    r->warnings = warn.len ? sb_detach(&warn) : NULL;
    r->fatal = fatal.len ? sb_detach(&fatal) : NULL;
    sb_free(&warn);
    sb_free(&fatal);
    return valgrind_seen ? 0 : -1;
}

void vg_report_free(struct vg_report *r)
{
    free(r->fatal);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

/* ---------------------------------------------------------------- gctrace */

/* "gc 3 @0.019s 1%: 0.1+0.2+0.01 ms clock, ..., 4->4->2 MB, 5 MB goal, ..."
 * (the format of Go 1.21 to 1.26, runtime/extern.go; older releases lack
 * "stacks" and "globals", which are not read). MB = heap >> 20. */
static int parse_gc_line(const char *s, struct gc_line *g)
{
    if (strncmp(s, "gc ", 3))
        return -1;
    char *e;
    long n = strtol(s + 3, &e, 10);
    if (e == s + 3 || strncmp(e, " @", 2))
        return -1;
    double t = strtod(e + 2, &e);
    if (*e != 's')
        return -1;
    /* The heap triple: the first "A->B->C MB". */
    const char *q = strstr(e, "->");
    while (q) {
        const char *a = q;
        while (a > s && isdigit((unsigned char)a[-1]))
            a--;
        /* "A->B->C MB" with strtoll, which reports overflow (sscanf's
         * %lld does not). */
        long long h[3];
        const char *c = a;
        int k = 0;
        for (; k < 3; k++) {
            char *end;
            errno = 0;
            h[k] = strtoll(c, &end, 10);
            if (end == c || errno || h[k] < 0)
                break;
            c = end;
            if (k < 2) {
                if (strncmp(c, "->", 2))
                    break;
                c += 2;
            }
        }
        if (a < q && k == 3 && !strncmp(c, " MB", 3)) {
            g->n = n;
            g->t_s = t;
            g->live_bytes = (double)h[2] * 1048576.0;
            return 0;
        }
        q = strstr(q + 2, "->");
    }
    return -1;
}

size_t go_parse_gctrace(const char *text, struct gc_line **out)
{
    size_t n = 0, cap = 0;
    struct gc_line *v = NULL;
    const char *p = text;
    while (p && *p) {
        size_t len = strcspn(p, "\n");
        char *line = xstrndup(p, len);
        p += len + (p[len] == '\n');
        struct gc_line g;
        if (parse_gc_line(line, &g) == 0) {
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                v = xrealloc(v, cap * sizeof *v);
            }
            v[n++] = g;
        }
        free(line);
    }
    *out = v;
    return n;
}
