/* verify.c - the verify scenario: every ABI function against known
 * answers, through the same dlsym'd pointers the other scenarios call.
 * Output format: see scenario_verify in scenario.h. Each line is flushed as
 * soon as it is known, so if a function crashes the parent still has
 * every line before it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/libload.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "measure/toolid.h"
#include "base/util.h"

#define INFO_MAX 4096

struct vctx {
    const struct measure_opts *o;
    struct row_writer *w;
    struct bench_lib lib;
    int failed;
};

/* Tabs and line breaks would break the line format. */
static void flatten(char *s)
{
    for (; *s; s++)
        if (*s == '\t' || *s == '\n' || *s == '\r')
            *s = ' ';
}

static void line(struct vctx *v, const char *s)
{
    row_line(v->w, s);
    row_flush(v->w);
}

__attribute__((format(printf, 4, 5))) static void check(struct vctx *v, enum workload wl,
                                                        const char *result, const char *fmt, ...)
{
    struct strbuf detail = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&detail, fmt, ap);
    va_end(ap);
    char *d = sb_detach(&detail);
    flatten(d);
    char *l = xasprintf("check\t%s\t%s\t%s", workload_names[wl], result, d);
    line(v, l);
    free(l);
    free(d);
    if (!strcmp(result, "fail"))
        v->failed = 1;
}

static const char *sym(const struct vctx *v, enum workload wl)
{
    return symbol_for(&v->o->symbols, wl);
}

/* 1 if present (and announces the step of calling it); otherwise writes
 * the skip line. */
static int need(struct vctx *v, enum workload wl)
{
    if (bench_lib_has(&v->lib, wl)) {
        if (wl == WL_HELLO)
            row_step(v->w, "%s and %s", sym(v, WL_HELLO),
                     bench_lib_free_name(&v->lib, &v->o->symbols));
        else
            row_step(v->w, "%s", sym(v, wl));
        return 1;
    }
    if (!*sym(v, wl))
        check(v, wl, "skip", "not in the impl's workloads");
    else
        check(v, wl, "skip", "symbol '%s' not found", sym(v, wl));
    return 0;
}

/* A short, printable rendering of a string for a detail. */
static char *show(const char *s)
{
    if (!s)
        return xstrdup("NULL");
    struct strbuf sb = {0};
    size_t n = strlen(s);
    sb_appendc(&sb, '"');
    for (size_t i = 0; i < n && i < 60; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
            sb_printf(&sb, "\\x%02x", c);
        else
            sb_appendc(&sb, (char)c);
    }
    sb_appendc(&sb, '"');
    if (n > 60)
        sb_printf(&sb, "... (%zu bytes)", n);
    return sb_detach(&sb);
}

/* ---------------------------------------------------------------- checks */

static void check_noop(struct vctx *v)
{
    if (!need(v, WL_NOOP))
        return;
    v->lib.noop();
    check(v, WL_NOOP, "pass", "%s() returned", sym(v, WL_NOOP));
}

/* 1 when wl is called through a symbol of the user's (not the ABI's): its
 * known answers are checked only where any sound implementation agrees -
 * add without overflow (signed overflow is undefined in C; the ABI's
 * bench_add wraps by contract), fib for n >= 0. */
static int users_symbol(const struct vctx *v, enum workload wl)
{
    return strcmp(sym(v, wl), default_symbols[wl]) != 0;
}

static void check_add(struct vctx *v)
{
    /* The first N_NO_OVERFLOW cases stay inside int64_t. */
    enum { N_NO_OVERFLOW = 6 };
    static const struct {
        int64_t a, b, want;
    } cases[] = {
        {2, 3, 5},
        {-7, 7, 0},
        {123456789012LL, 987654321098LL, 1111111110110LL},
        {(int64_t)1 << 40, -((int64_t)1 << 41), -((int64_t)1 << 40)},
        {0, 0, 0},
        {-1, -1, -2},
        {INT64_MAX, 1, INT64_MIN},
        {INT64_MIN, -1, INT64_MAX},
    };
    if (!need(v, WL_ADD))
        return;
    size_t n = users_symbol(v, WL_ADD) ? N_NO_OVERFLOW : ARRAY_LEN(cases);
    for (size_t i = 0; i < n; i++) {
        int64_t got = v->lib.add(cases[i].a, cases[i].b);
        if (got != cases[i].want) {
            check(v, WL_ADD, "fail", "%s(%" PRId64 ", %" PRId64 ") returned %" PRId64
                  ", expected %" PRId64, sym(v, WL_ADD), cases[i].a, cases[i].b, got,
                  cases[i].want);
            return;
        }
    }
    if (n < ARRAY_LEN(cases))
        check(v, WL_ADD, "pass", "%zu known answers without overflow ('%s' is not bench_add, "
              "whose wrap-around is the ABI's)", n, sym(v, WL_ADD));
    else
        check(v, WL_ADD, "pass", "%zu known answers", n);
}

static void check_fib(struct vctx *v)
{
    if (!need(v, WL_FIB))
        return;
    int64_t a = 0, b = 1; /* fib(n), fib(n+1) */
    for (int32_t n = 0; n <= 30; n++) {
        int64_t got = v->lib.fib(n);
        if (got != a) {
            check(v, WL_FIB, "fail", "%s(%d) returned %" PRId64 ", expected %" PRId64,
                  sym(v, WL_FIB), (int)n, got, a);
            return;
        }
        int64_t next = a + b;
        a = b;
        b = next;
    }
    if (users_symbol(v, WL_FIB)) {
        check(v, WL_FIB, "pass", "fib(0..30) known answers (fib(-1) = 0 is bench_fib's only)");
        return;
    }
    int64_t neg = v->lib.fib(-1);
    if (neg != 0) {
        check(v, WL_FIB, "fail", "%s(-1) returned %" PRId64 ", expected 0", sym(v, WL_FIB), neg);
        return;
    }
    check(v, WL_FIB, "pass", "fib(0..30) and fib(-1) known answers");
}

/* One hello case; 0 if it passed (a fail line is written otherwise). */
static int hello_case(struct vctx *v, const char *name)
{
    char *want = xasprintf("Hello, %s!", name);
    char *got = v->lib.hello(name);
    int rc = 0;
    if (!got || strcmp(got, want) != 0) {
        char *sn = show(name), *sg = show(got), *sw = show(want);
        check(v, WL_HELLO, "fail", "%s(%s) returned %s, expected %s", sym(v, WL_HELLO), sn, sg,
              sw);
        free(sn);
        free(sg);
        free(sw);
        rc = -1;
    }
    bench_lib_release(&v->lib, got);
    free(want);
    return rc;
}

static void check_hello(struct vctx *v)
{
    if (!need(v, WL_HELLO))
        return;
    if (v->lib.free_how == FREE_SYMBOL && !v->lib.free_str) {
        check(v, WL_HELLO, "fail", "hello present but free symbol '%s' not found",
              sym(v, WL_FREE));
        return;
    }
    char *long_name = xmalloc(1001);
    for (int i = 0; i < 1000; i++)
        long_name[i] = (char)('a' + i % 26);
    long_name[1000] = '\0';
    const char *names[] = {"world", "", "w\xc3\xb6rld", long_name};
    int ok = 1;
    for (size_t i = 0; ok && i < ARRAY_LEN(names); i++)
        ok = hello_case(v, names[i]) == 0;
    if (ok)
        check(v, WL_HELLO, "pass", "%zu known answers, %s %s", ARRAY_LEN(names),
              v->lib.free_how == FREE_NONE ? "released by" : "each freed with",
              bench_lib_free_name(&v->lib, &v->o->symbols));
    free(long_name);
}

static void check_info(struct vctx *v, const char *info)
{
    if (!need(v, WL_INFO))
        return;
    if (!info) {
        check(v, WL_INFO, "fail", "%s() returned NULL", sym(v, WL_INFO));
        return;
    }
    size_t n = strnlen(info, INFO_MAX + 1);
    if (n == 0) {
        check(v, WL_INFO, "fail", "%s() returned an empty string", sym(v, WL_INFO));
        return;
    }
    if (n > INFO_MAX) {
        check(v, WL_INFO, "fail", "%s() returned more than %d bytes", sym(v, WL_INFO), INFO_MAX);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)info[i];
        if (c < 0x20 || c == 0x7f) { /* bytes >= 0x80: UTF-8, fine */
            check(v, WL_INFO, "fail", "%s() has a control character (0x%02x) at byte %zu",
                  sym(v, WL_INFO), c, i);
            return;
        }
    }
    check(v, WL_INFO, "pass", "non-empty and printable");
}

int scenario_verify(const struct measure_opts *o, struct row_writer *w)
{
    struct vctx v = {.o = o, .w = w};
    char err[4096 + 256];
    row_step(w, "dlopen");
    if (bench_lib_open(&v.lib, o->lib, RTLD_NOW | RTLD_LOCAL, &o->symbols, err, sizeof err) != 0) {
        db_error("%s", err);
        return 1;
    }

    if (v.lib.info)
        row_step(w, "%s", sym(&v, WL_INFO));
    const char *info = v.lib.info ? v.lib.info() : NULL;
    char *shown = xstrndup(info ? info : "-", info ? strnlen(info, INFO_MAX) : 1);
    flatten(shown);
    char *l = xasprintf("info\t%s", shown);
    line(&v, l);
    free(l);
    free(shown);

    /* The toolchain as the file says (toolid.h), for a library without
     * bench_impl_info; how hello's strings are released. */
    char *tid = toolid_from_file(o->lib);
    if (tid)
        flatten(tid);
    l = xasprintf("file_toolchain\t%s", tid ? tid : "-");
    line(&v, l);
    free(l);
    free(tid);
    if (v.lib.hello) {
        l = xasprintf("free\t%s", bench_lib_free_name(&v.lib, &o->symbols));
        line(&v, l);
        free(l);
    }

    for (int wl = 0; wl < WL_COUNT; wl++) {
        l = xasprintf("symbol\t%s\t%s\t%d", workload_names[wl], sym(&v, (enum workload)wl),
                      bench_lib_has(&v.lib, (enum workload)wl));
        line(&v, l);
        free(l);
    }

    check_noop(&v);
    check_add(&v);
    check_fib(&v);
    check_hello(&v);
    check_info(&v, info);
    return v.failed ? 1 : 0;
}
