/* leakparse.c - the pure functions of `run --leak-check`: the valgrind log
 * parser, the gctrace parser and the verdict over a run's samples. No
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

#include "base/units.h"
#include "base/util.h"

/* Verdict thresholds (see leak_verdict):
 * - valgrind finds a per-cycle leak when the lost (definitely + indirectly)
 *   blocks number at least half the cycles run: a leak on every load or
 *   call leaves one block or more per cycle, a one-off leak (at first load,
 *   in the harness, in a runtime) leaves a fixed handful however many
 *   cycles ran.
 * - RSS grows when the lower end of the 95 % CI of the slope is above 0 and
 *   the slope is at least RSS_MIN_BYTES per cycle: below an eighth of a page
 *   per cycle the growth over a run (< 1 MB over 2000 cycles) is within what
 *   malloc arenas and the page cache do on their own.
 * - the Go heap grows when its slope is at least GO_MIN_BYTES per cycle and
 *   the live heap rose by at least GO_MIN_GROWTH_BYTES from the first
 *   collection to the last: gctrace prints whole MiB, so one step can be
 *   rounding. */
#define VG_MIN_BLOCKS_PER_CYCLE 0.5
#define RSS_MIN_BYTES 512.0
#define GO_MIN_BYTES 1024.0
#define GO_MIN_GROWTH_BYTES (2.0 * 1048576.0)

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
    int nwarn = 0, nfatal = 0, valgrind_seen = 0;
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
        } else if (!strncmp(s, "LEAK SUMMARY:", 13) ||
                   strstr(s, "All heap blocks were freed -- no leaks are possible")) {
            r->have_summary = 1;
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

/* ---------------------------------------------------------------- verdict */


/* The value of a variant's metric in the cycle scenario's fresh mode. */
static int get(const struct run_data *d, int variant, const char *metric, double *out)
{
    for (size_t i = 0; i < d->ns; i++) {
        const struct sample *s = &d->s[i];
        if (s->variant == variant && !strcmp(s->scenario, LEAK_SCENARIO) && !strcmp(s->workload, LEAK_WORKLOAD) &&
            !strcmp(s->metric, metric)) {
            *out = s->value;
            return 1;
        }
    }
    return 0;
}

char *leak_verdict(const struct run_data *d, int variant)
{
    struct strbuf sb = {0};
    double vg_app = -1, vg_cycles = 0, def = 0, ind = 0, defk = 0, indk = 0;
    double rss = 0, lo = 0, hi = 0, goslope = 0, gogrowth = 0, gocount = 0;
    int have_vg = get(d, variant, "vg_applicable", &vg_app) && vg_app > 0 &&
                  get(d, variant, "vg_cycles", &vg_cycles) && vg_cycles > 0 &&
                  get(d, variant, "vg_definitely_lost_bytes", &def) &&
                  get(d, variant, "vg_indirect_lost_bytes", &ind);
    get(d, variant, "vg_definitely_lost_blocks", &defk);
    get(d, variant, "vg_indirect_lost_blocks", &indk);
    int have_rss = get(d, variant, "leak_bytes_per_cycle", &rss);
    int have_ci = have_rss && get(d, variant, "leak_ci_low", &lo) &&
                  get(d, variant, "leak_ci_high", &hi);
    int have_go = get(d, variant, "go_heap_bytes_per_cycle", &goslope);
    int have_gocount = get(d, variant, "go_gc_count", &gocount);
    get(d, variant, "go_heap_growth_bytes", &gogrowth);

    double lost = def + ind, lost_pc = have_vg ? lost / vg_cycles : 0;
    int vg_per_cycle = have_vg && lost > 0 && (defk + indk) >= VG_MIN_BLOCKS_PER_CYCLE * vg_cycles;
    int rss_grows = have_rss && rss >= RSS_MIN_BYTES && (!have_ci || lo > 0);
    int go_grows = have_go && goslope >= GO_MIN_BYTES && gogrowth >= GO_MIN_GROWTH_BYTES;

    /* The evidence, in one piece each. */
    struct strbuf vgs = {0}, rsss = {0}, gos = {0};
    if (have_vg && lost == 0) {
        sb_printf(&vgs, "valgrind 0 B lost in %.0f cycles", vg_cycles);
    } else if (have_vg && !vg_per_cycle) {
        sb_printf(&vgs, "valgrind %.0f B lost in %.0f blocks over %.0f cycles: once, not per "
                        "cycle",
                  lost, defk + indk, vg_cycles);
    } else if (have_vg) {
        sb_printf(&vgs, "valgrind definitely-lost %.0f B/cycle", def / vg_cycles);
        if (ind > 0)
            sb_printf(&vgs, " + indirectly %.0f B/cycle", ind / vg_cycles);
    } else if (vg_app == 0) {
        const char *why = NULL;
        if (variant >= 0 && (size_t)variant < d->nv) {
            char *k = xasprintf("leak_check %s", d->v[variant].name);
            why = rd_env(d, k);
            free(k);
        }
        sb_append(&vgs, why ? why : "valgrind not applicable");
    } else {
        sb_append(&vgs, "valgrind not run");
    }
    if (have_rss) {
        sb_printf(&rsss, "RSS slope %.1f B/cycle", rss);
        if (have_ci)
            sb_printf(&rsss, " (95 %% CI [%.1f, %.1f]%s)", lo, hi,
                      lo <= 0 && hi >= 0 ? ", includes 0" : "");
    } else {
        sb_append(&rsss, "RSS slope not measured (no fresh-mode cycle run)");
    }
    if (have_go)
        sb_printf(&gos, "Go heap slope %.0f B/cycle (gctrace, %.0f collections)", goslope,
                  gocount);
    else if (have_gocount)
        sb_printf(&gos, "Go heap: %.0f collection%s, no slope", gocount,
                  gocount == 1 ? "" : "s");

    struct strbuf hs = {0}; /* the amount: "256 KiB", "4.88 KiB", "1.5 MiB" */
    if (vg_per_cycle) {
        units_fmt_style(&hs, lost_pc, "bytes", UNITS_TRIM);
        sb_printf(&sb, "leaks ~%s per cycle: %s, %s", hs.buf, vgs.buf, rsss.buf);
    } else if (go_grows) {
        units_fmt_style(&hs, goslope, "bytes", UNITS_TRIM);
        sb_printf(&sb, "Go heap grows ~%s per cycle: a leak in Go code, which valgrind cannot "
                       "see: %s, %s, %s",
                  hs.buf, gos.buf, vgs.buf, rsss.buf);
    } else if (rss_grows) {
        units_fmt_style(&hs, rss, "bytes", UNITS_TRIM);
        if (have_vg)
            sb_printf(&sb, "RSS grows ~%s per cycle but valgrind finds no per-cycle loss: "
                           "allocator caching or a runtime heap, not a leak of the library: "
                           "%s, %s",
                      hs.buf, rsss.buf, vgs.buf);
        else
            sb_printf(&sb, "RSS grows ~%s per cycle and valgrind could not tell why: %s, %s",
                      hs.buf, rsss.buf, vgs.buf);
        if (gos.len)
            sb_printf(&sb, ", %s", gos.buf);
    } else if (have_vg || have_rss || have_go) {
        sb_printf(&sb, "no leak: %s, %s", vgs.buf ? vgs.buf : "", rsss.buf);
        if (have_rss && !(have_ci && lo <= 0 && hi >= 0))
            sb_printf(&sb, " below %.0f B/cycle", RSS_MIN_BYTES);
        if (gos.len)
            sb_printf(&sb, ", %s", gos.buf);
    } else {
        sb_printf(&sb, "not checked: %s, %s", vgs.buf ? vgs.buf : "", rsss.buf);
    }
    sb_free(&hs);
    sb_free(&vgs);
    sb_free(&rsss);
    sb_free(&gos);
    return sb_detach(&sb);
}
