/* process.c - scenario `process`: whole-process cold start under hyperfine.
 * See process.h. */
#define _GNU_SOURCE
#include "run/process.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/child.h"
#include "base/csv.h"
#include "measure/argv.h"

#define JSON_MAX_DEPTH 64
#define JSON_MAX_BYTES ((size_t)64 << 20)

/* ------------------------------------------------------------ JSON */

/* A strict reader over [p, end): every access is bounds-checked, and it
 * only understands what RFC 8259 allows. */
struct jp {
    const char *start, *p, *end;
    int depth;
    char *err;
    size_t errlen;
};

static int j_fail(struct jp *j, const char *what)
{
    /* Only the first error counts. */
    if (j->err[0] == '\0')
        snprintf(j->err, j->errlen, "invalid JSON at byte %ld: %s", (long)(j->p - j->start),
                 what);
    return -1;
}

static void j_ws(struct jp *j)
{
    while (j->p < j->end &&
           (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static int j_peek(struct jp *j)
{
    j_ws(j);
    return j->p < j->end ? (unsigned char)*j->p : -1;
}

static int j_expect(struct jp *j, char ch)
{
    if (j_peek(j) != (unsigned char)ch) {
        char what[32];
        snprintf(what, sizeof what, "expected '%c'", ch);
        return j_fail(j, what);
    }
    j->p++;
    return 0;
}

/* A string; s and n get its raw contents (escapes not decoded: we only
 * compare keys without escapes). */
static int j_string(struct jp *j, const char **s, size_t *n)
{
    if (j_expect(j, '"'))
        return -1;
    const char *start = j->p;
    while (j->p < j->end && *j->p != '"') {
        unsigned char ch = (unsigned char)*j->p;
        if (ch < 0x20)
            return j_fail(j, "control character in a string");
        if (ch == '\\') {
            if (j->end - j->p < 2)
                return j_fail(j, "unterminated escape");
            char e = j->p[1];
            if (e == 'u') {
                if (j->end - j->p < 6)
                    return j_fail(j, "short \\u escape");
                for (int i = 2; i < 6; i++)
                    if (!strchr("0123456789abcdefABCDEF", j->p[i]) || !j->p[i])
                        return j_fail(j, "bad \\u escape");
                j->p += 6;
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || !e)
                return j_fail(j, "bad escape");
            j->p += 2;
            continue;
        }
        j->p++;
    }
    if (j->p >= j->end)
        return j_fail(j, "unterminated string");
    if (s)
        *s = start;
    if (n)
        *n = (size_t)(j->p - start);
    j->p++;
    return 0;
}

/* A number in JSON syntax (no leading '+', no hex, no inf/nan). */
static int j_number(struct jp *j, double *out)
{
    j_ws(j);
    const char *q = j->p;
    if (q < j->end && *q == '-')
        q++;
    if (q >= j->end || *q < '0' || *q > '9')
        return j_fail(j, "expected a number");
    if (*q == '0')
        q++;
    else
        while (q < j->end && *q >= '0' && *q <= '9')
            q++;
    if (q < j->end && *q == '.') {
        q++;
        if (q >= j->end || *q < '0' || *q > '9')
            return j_fail(j, "bad fraction");
        while (q < j->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < j->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < j->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= j->end || *q < '0' || *q > '9')
            return j_fail(j, "bad exponent");
        while (q < j->end && *q >= '0' && *q <= '9')
            q++;
    }
    char buf[64];
    size_t n = (size_t)(q - j->p);
    if (n >= sizeof buf)
        return j_fail(j, "number too long");
    memcpy(buf, j->p, n);
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    j->p = q;
    return 0;
}

static int j_literal(struct jp *j, const char *lit)
{
    size_t n = strlen(lit);
    j_ws(j);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
        return j_fail(j, "unexpected character");
    j->p += n;
    return 0;
}

static int j_skip(struct jp *j);

/* Calls fn for each member of an object (fn must consume the value). */
typedef int (*member_fn)(struct jp *j, const char *key, size_t klen, void *arg);

static int j_object(struct jp *j, member_fn fn, void *arg)
{
    if (++j->depth > JSON_MAX_DEPTH)
        return j_fail(j, "nested too deeply");
    if (j_expect(j, '{'))
        return -1;
    if (j_peek(j) == '}') {
        j->p++;
        j->depth--;
        return 0;
    }
    for (;;) {
        const char *k;
        size_t kn;
        if (j_string(j, &k, &kn) || j_expect(j, ':'))
            return -1;
        if ((fn ? fn(j, k, kn, arg) : j_skip(j)) != 0)
            return -1;
        int ch = j_peek(j);
        if (ch == ',') {
            j->p++;
            continue;
        }
        if (ch == '}') {
            j->p++;
            break;
        }
        return j_fail(j, "expected ',' or '}'");
    }
    j->depth--;
    return 0;
}

/* Calls fn for each element of an array (fn must consume it). */
typedef int (*elem_fn)(struct jp *j, size_t index, void *arg);

static int j_array(struct jp *j, elem_fn fn, void *arg)
{
    if (++j->depth > JSON_MAX_DEPTH)
        return j_fail(j, "nested too deeply");
    if (j_expect(j, '['))
        return -1;
    if (j_peek(j) == ']') {
        j->p++;
        j->depth--;
        return 0;
    }
    for (size_t i = 0;; i++) {
        if ((fn ? fn(j, i, arg) : j_skip(j)) != 0)
            return -1;
        int ch = j_peek(j);
        if (ch == ',') {
            j->p++;
            continue;
        }
        if (ch == ']') {
            j->p++;
            break;
        }
        return j_fail(j, "expected ',' or ']'");
    }
    j->depth--;
    return 0;
}

static int j_skip(struct jp *j)
{
    int ch = j_peek(j);
    double d;
    switch (ch) {
    case '{':
        return j_object(j, NULL, NULL);
    case '[':
        return j_array(j, NULL, NULL);
    case '"':
        return j_string(j, NULL, NULL);
    case 't':
        return j_literal(j, "true");
    case 'f':
        return j_literal(j, "false");
    case 'n':
        return j_literal(j, "null");
    case -1:
        return j_fail(j, "unexpected end");
    default:
        return j_number(j, &d);
    }
}

static int key_is(const char *k, size_t kn, const char *want)
{
    return kn == strlen(want) && memcmp(k, want, kn) == 0;
}

struct num_list {
    double *v;
    size_t n;
    int allow_null; /* null -> NAN (exit_codes of a signalled run) */
};

static int elem_number(struct jp *j, size_t index, void *arg)
{
    struct num_list *l = arg;
    (void)index;
    double d;
    if (l->allow_null && j_peek(j) == 'n') {
        if (j_literal(j, "null"))
            return -1;
        d = NAN;
    } else if (j_number(j, &d)) {
        return -1;
    }
    if (l->n >= 10000000)
        return j_fail(j, "array too long");
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = d;
    return 0;
}

struct result_state {
    struct hyperfine_result *r;
    int have_times, have_mean, have_user, have_system, have_codes;
};

static int result_member(struct jp *j, const char *k, size_t kn, void *arg)
{
    struct result_state *st = arg;
    struct hyperfine_result *r = st->r;
    if (key_is(k, kn, "times")) {
        struct num_list l = {0};
        if (j_array(j, elem_number, &l)) {
            free(l.v);
            return -1;
        }
        free(r->times);
        r->times = l.v;
        r->n_times = l.n;
        st->have_times = 1;
        return 0;
    }
    if (key_is(k, kn, "exit_codes")) {
        struct num_list l = {.allow_null = 1};
        if (j_array(j, elem_number, &l)) {
            free(l.v);
            return -1;
        }
        free(r->exit_codes);
        r->exit_codes = xcalloc(l.n ? l.n : 1, sizeof *r->exit_codes);
        for (size_t i = 0; i < l.n; i++)
            r->exit_codes[i] = isnan(l.v[i]) ? -1 : (int)l.v[i];
        r->n_exit_codes = l.n;
        free(l.v);
        st->have_codes = 1;
        return 0;
    }
    double *dst = key_is(k, kn, "mean") ? &r->mean : key_is(k, kn, "user") ? &r->user
                : key_is(k, kn, "system") ? &r->system : NULL;
    if (!dst)
        return j_skip(j);
    if (j_number(j, dst))
        return -1;
    if (dst == &r->mean)
        st->have_mean = 1;
    else if (dst == &r->user)
        st->have_user = 1;
    else
        st->have_system = 1;
    return 0;
}

static int result_elem(struct jp *j, size_t index, void *arg)
{
    if (index > 0)
        return j_skip(j); /* one command per hyperfine run: results[0] */
    if (j_peek(j) != '{')
        return j_fail(j, "results[0] is not an object");
    return j_object(j, result_member, arg);
}

static int top_member(struct jp *j, const char *k, size_t kn, void *arg)
{
    if (!key_is(k, kn, "results"))
        return j_skip(j);
    if (j_peek(j) != '[')
        return j_fail(j, "'results' is not an array");
    return j_array(j, result_elem, arg);
}

int hyperfine_parse(const char *text, size_t len, struct hyperfine_result *r, char *err,
                    size_t errlen)
{
    memset(r, 0, sizeof *r);
    err[0] = '\0';
    struct jp j = {text, text, text + len, 0, err, errlen};
    struct result_state st = {.r = r};
    int rc = -1;
    if (j_peek(&j) != '{') {
        j_fail(&j, "not a JSON object");
        goto out;
    }
    if (j_object(&j, top_member, &st))
        goto out;
    if (j_peek(&j) != -1) {
        j_fail(&j, "text after the object");
        goto out;
    }
    if (!st.have_times || !st.have_mean || !st.have_user || !st.have_system ||
        !st.have_codes) {
        snprintf(err, errlen, "no results[0] with times, mean, user, system and exit_codes");
        goto out;
    }
    rc = 0;
out:
    if (rc != 0) {
        hyperfine_result_free(r);
    }
    return rc;
}

void hyperfine_result_free(struct hyperfine_result *r)
{
    free(r->times);
    free(r->exit_codes);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------ running */

static int in_path(const char *prog)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return 0;
    struct strlist dirs = {0};
    sl_split(&dirs, path, ":");
    int found = 0;
    for (size_t i = 0; i < dirs.n && !found; i++) {
        char *p = path_join(*dirs.v[i] ? dirs.v[i] : ".", prog);
        found = is_file(p) && access(p, X_OK) == 0;
        free(p);
    }
    sl_free(&dirs);
    return found;
}

/* The timed command: `dlbench measure --scenario once`, nothing else. */
static void once_cmd(struct measure_cmd *c, const char *dlbench_exe, const char *lib,
                     const char *symbols_or_null)
{
    measure_cmd_init(c, "once", lib);
    c->exe = dlbench_exe;
    c->symbols = symbols_or_null;
}

char *process_command(const char *dlbench_exe, const char *lib, const char *symbols_or_null)
{
    /* hyperfine -N splits this with shell-words (POSIX rules), so the
     * POSIX single-quoting of shell_quote() round-trips any byte but NUL. */
    struct measure_cmd c;
    once_cmd(&c, dlbench_exe, lib, symbols_or_null);
    return measure_cmd_shell(&c);
}

static void emit(struct strbuf *sb, const char *variant, const char *metric, long rep,
                 double value)
{
    csv_field(sb, variant);
    sb_printf(sb, ",process,once,main,%s,ms,%ld,", metric, rep);
    csv_number(sb, value);
    sb_appendc(sb, '\n');
}

/* Runs the measured command once directly (argv, no shell), as a checked
 * child: NULL if it wrote its end record and exited 0, else why not.
 * hyperfine cannot tell: an exit(0) inside add exits 0, and it discards the
 * command's output. */
static char *once_fails(const char *exe, const char *lib, const char *symbols, double timeout_s)
{
    struct measure_cmd c;
    struct strlist argv = {0};
    once_cmd(&c, exe, lib, symbols);
    measure_cmd_argv(&c, &argv);
    struct child_spec spec = {.argv = argv.v, .timeout_s = timeout_s > 0 ? timeout_s : 60, .records = 1};
    struct child_result res;
    memset(&res, 0, sizeof res);
    child_run(&spec, &res);
    char *out;
    if (res.outcome == CHILD_OK) {
        out = NULL;
    } else {
        char *cause = child_cause(&res), *tail = child_err_tail(&res, 3);
        for (char *p = tail; *p; p++)
            if (*p == '\n')
                *p = ' ';
        out = *tail ? xasprintf("%s: %s", cause, tail) : xstrdup(cause);
        free(cause);
        free(tail);
    }
    child_result_free(&res);
    sl_free(&argv);
    return out;
}

enum process_result process_cold_start(const char *dlbench_exe, const char *variant, const char *lib,
                       const char *symbols_or_null, int runs, double timeout_s,
                       struct strbuf *rows_out, char **cause_out)
{
    *cause_out = NULL;
    if (!in_path("hyperfine")) {
        *cause_out = xstrdup("hyperfine not found: scenario 'process' skipped");
        return PROCESS_NO_HYPERFINE;
    }
    if (runs < 2) {
        *cause_out = xasprintf("hyperfine needs 2 or more runs, got %d", runs);
        return PROCESS_FAILED;
    }
    enum process_result rc = PROCESS_FAILED;
    char *cmd = process_command(dlbench_exe, lib, symbols_or_null);
    const char *tmpdir = getenv("TMPDIR");
    char *json = xasprintf("%s/dlbench-hyperfine-XXXXXX.json",
                           tmpdir && *tmpdir ? tmpdir : "/tmp");
    char *runs_s = xasprintf("%d", runs);
    char *text = NULL;
    struct hyperfine_result hr;
    memset(&hr, 0, sizeof hr);
    struct child_result res;
    memset(&res, 0, sizeof res);
    int fd = mkstemps(json, 5);
    if (fd < 0) {
        *cause_out = xasprintf("cannot create '%s': %s", json, strerror(errno));
        free(json);
        json = NULL;
        goto out;
    }
    close(fd);

    /* A cold start is reported only for a library whose once run was seen
     * to complete. */
    char *unfinished = once_fails(dlbench_exe, lib, symbols_or_null, timeout_s);
    if (unfinished) {
        *cause_out = xasprintf("the measured command failed: %s", unfinished);
        free(unfinished);
        goto out;
    }
    char *argv[] = {"hyperfine", "-N", "--warmup", "3", "--runs", runs_s, "--style", "none",
                    "--export-json", json, "--", cmd, NULL};
    struct child_spec spec = {.argv = argv, .timeout_s = timeout_s};
    child_run(&spec, &res);
    if (res.outcome == CHILD_EXIT && res.err &&
        strstr(res.err, "Command terminated with non-zero exit code")) {
        char *why = once_fails(dlbench_exe, lib, symbols_or_null, timeout_s);
        *cause_out = xasprintf("the measured command failed: %s",
                               why ? why : "it failed under hyperfine but not when run alone");
        free(why);
        goto out;
    }
    if (res.outcome != CHILD_OK) {
        char *cause = child_cause(&res), *tail = child_err_tail(&res, 3);
        *cause_out = xasprintf("hyperfine %s%s%s", cause, *tail ? ": " : "", tail);
        free(cause);
        free(tail);
        goto out;
    }
    size_t len = 0;
    text = read_file(json, &len, JSON_MAX_BYTES);
    if (!text) {
        *cause_out = xasprintf("cannot read hyperfine's '%s': %s", json, strerror(errno));
        goto out;
    }
    char err[256];
    if (hyperfine_parse(text, len, &hr, err, sizeof err) != 0) {
        *cause_out = xasprintf("cannot parse hyperfine's '%s': %s", json, err);
        goto out;
    }
    if (hr.n_times != (size_t)runs) {
        *cause_out = xasprintf("hyperfine reported %zu runs, expected %d", hr.n_times, runs);
        goto out;
    }
    for (size_t i = 0; i < hr.n_exit_codes; i++)
        if (hr.exit_codes[i] != 0) {
            char *why = once_fails(dlbench_exe, lib, symbols_or_null, timeout_s);
            *cause_out = xasprintf("the measured command failed: %s",
                                   why ? why : "it failed under hyperfine but not when run alone");
            free(why);
            goto out;
        }
    for (size_t i = 0; i < hr.n_times; i++) {
        if (!(hr.times[i] >= 0)) {
            *cause_out = xasprintf("hyperfine reported an invalid time for run %zu", i);
            goto out;
        }
    }
    for (size_t i = 0; i < hr.n_times; i++)
        emit(rows_out, variant, "wall_ms", (long)i, hr.times[i] * 1e3);
    emit(rows_out, variant, "user_ms", 0, hr.user * 1e3);
    emit(rows_out, variant, "system_ms", 0, hr.system * 1e3);
    rc = PROCESS_OK;
out:
    if (json)
        unlink(json);
    child_result_free(&res);
    hyperfine_result_free(&hr);
    free(text);
    free(json);
    free(runs_s);
    free(cmd);
    return rc;
}
