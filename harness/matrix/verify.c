/* verify.c - `dlbench verify`: every built variant, loaded in a child
 * process of its own, against known answers (the checks themselves are in
 * measure/verify.c, which runs inside the child). */
#define _GNU_SOURCE
#include "matrix/verify.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "matrix/build.h"
#include "base/child.h"
#include "base/units.h"
#include "base/util.h"
#include "measure/argv.h"

/* The checks the verify scenario must report, each pass, fail or skip
 * (measure.h, scenario_verify): one that never reported fails. */
static const char *const verify_checks[] = {"noop", "add", "fib", "hello", "info"};
#define N_CHECKS (sizeof verify_checks / sizeof verify_checks[0])

/* Marks check `name` as reported in seen[]; 0, or -1 for a name that is not
 * a check. */
static int saw_check(const char *name, int *seen)
{
    for (size_t i = 0; i < N_CHECKS; i++)
        if (!strcmp(name, verify_checks[i])) {
            seen[i]++;
            return 0;
        }
    return -1;
}

/* Parses the child's "info/symbol/check" lines into the variant (record
 * lines, '#...', are child.c's). Returns the number of failed checks -
 * a check with a result other than pass, fail or skip counts as failed;
 * *fails collects their details, *unreported the number of checks that
 * never reported (or more than once), also listed in *fails. */
static int parse_verify_output(struct variant *v, const char *out, struct strbuf *fails,
                               struct strbuf *skips, int *unreported)
{
    int seen[N_CHECKS] = {0};
    *unreported = 0;
    struct strbuf exports = {0};
    int nfail = 0;
    char *file_tc = NULL;
    const char *p = out;
    while (*p) {
        size_t n = strcspn(p, "\n");
        char *line = xstrndup(p, n);
        p += n + (p[n] == '\n');
        struct strlist f = {0};
        sl_split(&f, line, "\t");
        if (f.n >= 2 && !strcmp(f.v[0], "info")) {
            free(v->info);
            /* "-": the library has no bench_impl_info. */
            v->info = strcmp(f.v[1], "-") ? xstrdup(strchr(line, '\t') + 1) : NULL;
        } else if (f.n >= 2 && !strcmp(f.v[0], "file_toolchain")) {
            free(file_tc);
            file_tc = strcmp(f.v[1], "-") ? xstrdup(strchr(line, '\t') + 1) : NULL;
        } else if (f.n >= 2 && !strcmp(f.v[0], "free")) {
            free(v->free_how);
            v->free_how = xstrdup(strchr(line, '\t') + 1);
        } else if (f.n >= 4 && !strcmp(f.v[0], "symbol")) {
            if (!strcmp(f.v[3], "1"))
                sb_printf(&exports, "%s%s", exports.len ? " " : "", f.v[1]);
        } else if (f.n >= 3 && !strcmp(f.v[0], "check")) {
            /* The detail is everything after the third tab. */
            const char *detail = line;
            for (int k = 0; k < 3 && detail; k++) {
                detail = strchr(detail, '\t');
                if (detail)
                    detail++;
            }
            if (saw_check(f.v[1], seen) != 0) {
                nfail++;
                sb_printf(fails, "%sunknown check '%s'", fails->len ? "; " : "", f.v[1]);
            } else if (!strcmp(f.v[2], "fail")) {
                nfail++;
                sb_printf(fails, "%s%s", fails->len ? "; " : "",
                          detail && *detail ? detail : f.v[1]);
            } else if (!strcmp(f.v[2], "skip")) {
                sb_printf(skips, "%s%s", skips->len ? " " : "", f.v[1]);
            } else if (strcmp(f.v[2], "pass") != 0) {
                nfail++;
                sb_printf(fails, "%scheck '%s' reported '%s', not pass, fail or skip",
                          fails->len ? "; " : "", f.v[1], f.v[2]);
            }
        }
        sl_free(&f);
        free(line);
    }
    for (size_t i = 0; i < N_CHECKS; i++) {
        if (seen[i] == 1)
            continue;
        (*unreported)++;
        sb_printf(fails, "%scheck '%s' %s", fails->len ? "; " : "", verify_checks[i],
                  seen[i] ? "reported more than once" : "never reported");
    }
    free(v->exports);
    v->exports = sb_detach(&exports);
    if (!v->info && file_tc) {
        v->info = file_tc;
        v->info_from_file = 1;
        file_tc = NULL;
    }
    free(file_tc);
    return nfail;
}

static void verify_one(struct variant *v, int timeout_s)
{
    struct strlist argv = {0};
    struct child_result res = {0};
    struct strbuf fails = {0}, skips = {0};
    struct stat st;
    if (stat(v->lib_path, &st) == 0)
        v->file_bytes = (long)st.st_size;
    if (v->file_bytes == 0 && is_file(v->lib_path)) {
        char *msg = xasprintf("library '%s' is empty (0 bytes)", v->lib_path);
        variant_fail(v, msg, NULL);
        free(msg);
        return;
    }

    struct measure_cmd mc;
    char *syms = symbol_map_format(&v->impl->symbols);
    measure_cmd_init(&mc, "verify", v->lib_path);
    mc.variant = v->name;
    mc.symbols = syms;
    measure_cmd_argv(&mc, &argv);
    free(syms);
    struct child_spec spec = {.argv = argv.v, .timeout_s = timeout_s, .records = 1};
    child_run(&spec, &res);
    free(v->verify_cmd);
    v->verify_cmd = shell_cmdline(argv.v);
    free(v->verify_log);
    v->verify_log = res.err_len ? child_log(&res) : NULL;
    int unreported;
    int nfail = parse_verify_output(v, res.out, &fails, &skips, &unreported);
    char *tail = child_err_tail(&res, 6);
    /* Only a child that wrote its end record got through the checks: one
     * that ended the process on the way (even with status 0) failed, named
     * by the step it was in. Status 1 with failed checks is the verdict;
     * status 1 without is the child's own error (not an ELF file, ...). */
    if (res.outcome == CHILD_OK ||
        (res.outcome == CHILD_EXIT && res.exit_code == 1 && res.ended && nfail)) {
        if (nfail || unreported) {
            char *msg = xasprintf("checks failed: %s", fails.buf);
            variant_fail(v, msg, tail);
            free(msg);
        } else if (!strstr(res.out, "\tpass\t")) {
            /* Every check skipped: nothing of the ABI was found, so there is
             * nothing to measure - most likely the symbol names are wrong. */
            variant_fail(v, "no ABI function found (wrong [impl.symbols]?)", tail);
        } else {
            v->verified = 1;
        }
    } else {
        /* The child names what stopped it in its error record ("'x' is
         * not an ELF file", "cannot dlopen 'x': ..."): child_cause says
         * it, not only "exited with status 1". */
        char *cause = child_cause(&res);
        variant_fail(v, cause, tail);
        free(cause);
    }
    free(v->skipped);
    v->skipped = sb_detach(&skips);
    free(tail);
    sb_free(&fails);
    child_result_free(&res);
    sl_free(&argv);
}

int verify_all(struct matrix *m, int quiet)
{
    int failed = 0;
    for (size_t i = 0; i < m->n && !child_stop_requested; i++) {
        struct variant *v = &m->v[i];
        if (v->built && !v->failure)
            verify_one(v, m->cfg.run.timeout_s);
        if (!quiet && v->built)
            db_note("verify %-23s %s", v->name, v->verified ? "ok" : v->failure);
        failed += !v->verified;
    }
    return failed;
}

void verify_print_table(const struct matrix *m, FILE *f)
{
    int wv = 7, wi = 17;
    for (size_t i = 0; i < m->n; i++) {
        int a = (int)strlen(m->v[i].name), b = m->v[i].info ? (int)strlen(m->v[i].info) : 1;
        wv = a > wv ? a : wv;
        wi = b > wi ? b : wi;
    }
    if (wi > 48)
        wi = 48;
    fprintf(f, "%-*s  %-*s  %10s  %-28s  %s\n", wv, "variant", wi, "toolchain version", "size",
            "exports", "result");
    for (size_t i = 0; i < m->n; i++) {
        const struct variant *v = &m->v[i];
        struct strbuf size = {0};
        if (v->built && v->file_bytes >= 0)
            units_fmt(&size, (double)v->file_bytes, "bytes");
        else
            sb_append(&size, "-");
        struct strbuf res = {0};
        if (v->verified)
            sb_append(&res, "pass");
        else
            sb_printf(&res, "FAIL: %s%s", v->built && v->failure ? "verify: " : "",
                      v->failure ? v->failure : "not verified");
        if (v->skipped && v->skipped[0])
            sb_printf(&res, " (skipped: %s)", v->skipped);
        if (v->free_how && v->verified && strcmp(v->free_how, default_symbols[WL_FREE]) != 0)
            sb_printf(&res, " (free: %s)", v->free_how);
        if (v->info_from_file)
            sb_append(&res, " (toolchain from the file)");
        fprintf(f, "%-*s  %-*.*s  %10s  %-28s  %s\n", wv, v->name, wi, wi,
                v->info ? v->info : "-", size.buf, v->exports && v->exports[0] ? v->exports : "-",
                res.buf);
        sb_free(&res);
        sb_free(&size);
    }
}

/* ---------------------------------------------------------------- command */

int verify_execute(const struct verify_opts *o)
{
    struct matrix m = {0};
    int rc = EXIT_USAGE;
    if (matrix_load(&o->m, &m) != 0)
        goto out;
    child_install_stop_handlers();
    if (o->no_build) {
        for (size_t i = 0; i < m.n; i++) {
            if (is_file(m.v[i].lib_path))
                m.v[i].built = 1;
            else
                variant_fail(&m.v[i], "not built (run 'dlbench build')", NULL);
        }
    } else {
        build_all(&m, o->m.quiet);
    }
    verify_all(&m, 1);
    if (child_stop_requested) {
        rc = EXIT_INTERRUPTED;
        goto out;
    }
    verify_print_table(&m, stdout);
    rc = matrix_exit_code(&m);
out:
    matrix_free(&m);
    return rc;
}
