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
#include "base/json.h"
#include "measure/argv.h"

#define JSON_MAX_BYTES ((size_t)64 << 20)

/* ------------------------------------------------------------ JSON */

/* The numbers of a JSON array into a new array of *n doubles; null
 * elements become NAN when allow_null, else are an error. -1 with a
 * message on anything that is not an array of numbers. */
static int number_array(const json_t *a, int allow_null, double **out, size_t *n, const char *what,
                        const struct jansson *j, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    if (!json_is_array(a)) {
        snprintf(err, errlen, "'%s' is not an array", what);
        return -1;
    }
    size_t len = j->array_size(a);
    double *v = xcalloc(len ? len : 1, sizeof *v);
    for (size_t i = 0; i < len; i++) {
        const json_t *e = j->array_get(a, i);
        if (json_is_number(e)) {
            v[i] = j->number_value(e);
        } else if (allow_null && json_is_null(e)) {
            v[i] = NAN;
        } else {
            snprintf(err, errlen, "'%s[%zu]' is not a number", what, i);
            free(v);
            return -1;
        }
    }
    *out = v;
    *n = len;
    return 0;
}

static int number_member(const json_t *o, const char *key, double *out, const struct jansson *j,
                         char *err, size_t errlen)
{
    const json_t *v = j->object_get(o, key);
    if (!json_is_number(v)) {
        snprintf(err, errlen, "'results[0].%s' is %s", key, v ? "not a number" : "missing");
        return -1;
    }
    *out = j->number_value(v);
    return 0;
}

int hyperfine_parse(const char *text, size_t len, struct hyperfine_result *r, char *err,
                    size_t errlen)
{
    memset(r, 0, sizeof *r);
    err[0] = '\0';
    const struct jansson *j = jx(err, errlen);
    json_t *root = NULL;
    double *codes = NULL;
    size_t n_codes = 0;
    int rc = -1;
    if (!j)
        goto out;
    json_error_t je;
    root = j->loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "invalid JSON at line %d, column %d: %s", je.line, je.column,
                 je.text);
        goto out;
    }
    const json_t *results = json_is_object(root) ? j->object_get(root, "results") : NULL;
    /* One command per hyperfine run: results[0]. */
    const json_t *r0 = json_is_array(results) ? j->array_get(results, 0) : NULL;
    if (!json_is_object(r0)) {
        snprintf(err, errlen, "no results[0] with times, mean, user, system and exit_codes");
        goto out;
    }
    if (number_member(r0, "mean", &r->mean, j, err, errlen) ||
        number_member(r0, "user", &r->user, j, err, errlen) ||
        number_member(r0, "system", &r->system, j, err, errlen) ||
        number_array(j->object_get(r0, "times"), 0, &r->times, &r->n_times, "results[0].times", j,
                     err, errlen) ||
        number_array(j->object_get(r0, "exit_codes"), 1, &codes, &n_codes,
                     "results[0].exit_codes", j, err, errlen))
        goto out;
    r->exit_codes = xcalloc(n_codes ? n_codes : 1, sizeof *r->exit_codes);
    for (size_t i = 0; i < n_codes; i++)
        r->exit_codes[i] = isnan(codes[i]) ? -1 : (int)codes[i];
    r->n_exit_codes = n_codes;
    rc = 0;
out:
    free(codes);
    if (j)
        jx_decref(j, root);
    if (rc != 0)
        hyperfine_result_free(r);
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
