/* config.c - bench.toml -> struct config. The only file that sees TOML.
 *
 * Strict on purpose: an unknown key, a wrong type or a value out of range is
 * an error at FILE:LINE:COL, because a typo that silently falls back to a
 * default produces a benchmark nobody asked for. */
#define _GNU_SOURCE
#include "matrix/config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/toml.h"
#include "base/util.h"
#include "matrix/lang.h"
#include "measure/counters.h"
#include "measure/scenario.h"

#define CONFIG_MAX_BYTES ((size_t)1 << 20)
#define CONFIG_MAX_IMPLS 256
#define CONFIG_MAX_LIST 64

/* ---------------------------------------------------------------- workloads */

const char *const workload_names[WL_COUNT] = {"noop", "add", "fib", "hello", "free", "info"};
const char *const default_symbols[WL_COUNT] = {"bench_noop", "bench_add", "bench_fib",
                                               "bench_hello", "bench_free", "bench_impl_info"};

enum workload workload_from_name(const char *name)
{
    for (int w = 0; w < WL_COUNT; w++)
        if (strcmp(name, workload_names[w]) == 0)
            return (enum workload)w;
    return WL_COUNT;
}

const char *symbol_for(const struct symbol_map *m, enum workload w)
{
    if (m && m->sym[w])
        return m->sym[w];
    return default_symbols[w];
}

/* A C identifier, optionally with '@' version (sym@VER) or '.' - what dlsym
 * can look up. Rejecting everything else keeps odd bytes out of reports. */
static int valid_symbol(const char *s)
{
    if (!*s || strlen(s) > 255)
        return 0;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '@' || c == '$'))
            return 0;
    }
    return 1;
}

const char *const cycle_workload_names[4] = {"add", "hello", "noop", "none"};
const char *const cycle_thread_names[2] = {"main", "pthread"};

static int one_of(const char *s, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, names[i]))
            return 1;
    return 0;
}

int symbol_map_parse(struct symbol_map *m, const char *spec, char *err, size_t errlen)
{
    struct strlist parts = {0};
    int rc = -1;
    sl_split(&parts, spec, ",");
    for (size_t i = 0; i < parts.n; i++) {
        char *eq = strchr(parts.v[i], '=');
        if (!eq) {
            snprintf(err, errlen, "expected WORKLOAD=SYMBOL in '%s'", parts.v[i]);
            goto out;
        }
        *eq = '\0';
        const char *val = eq + 1;
        if (!strcmp(parts.v[i], "cycle") || !strcmp(parts.v[i], "cycle_thread")) {
            int thr = parts.v[i][5] == '_';
            if (thr ? !one_of(val, cycle_thread_names, ARRAY_LEN(cycle_thread_names))
                    : !one_of(val, cycle_workload_names, ARRAY_LEN(cycle_workload_names))) {
                snprintf(err, errlen, "invalid %s '%s' (expected %s)", parts.v[i], val,
                         thr ? "main or pthread" : "add, hello, noop or none");
                goto out;
            }
            char **slot = thr ? &m->cycle_thread : &m->cycle;
            free(*slot);
            *slot = xstrdup(val);
            continue;
        }
        enum workload w = workload_from_name(parts.v[i]);
        if (w == WL_COUNT) {
            snprintf(err, errlen,
                     "unknown workload '%s' (expected noop, add, fib, hello, free, info, "
                     "cycle or cycle_thread)",
                     parts.v[i]);
            goto out;
        }
        /* "" = nothing (a workload not called, a string not freed). */
        if (*val && !valid_symbol(val)) {
            snprintf(err, errlen, "invalid symbol name '%s' for '%s'", val, parts.v[i]);
            goto out;
        }
        free(m->sym[w]);
        m->sym[w] = xstrdup(val);
    }
    rc = 0;
out:
    sl_free(&parts);
    return rc;
}

char *symbol_map_format(const struct symbol_map *m)
{
    struct strbuf sb = {0};
    for (int w = 0; w < WL_COUNT; w++) {
        if (!m->sym[w] || strcmp(m->sym[w], default_symbols[w]) == 0)
            continue;
        sb_printf(&sb, "%s%s=%s", sb.len ? "," : "", workload_names[w], m->sym[w]);
    }
    if (m->cycle)
        sb_printf(&sb, "%scycle=%s", sb.len ? "," : "", m->cycle);
    if (m->cycle_thread)
        sb_printf(&sb, "%scycle_thread=%s", sb.len ? "," : "", m->cycle_thread);
    return sb_detach(&sb);
}

void symbol_map_free(struct symbol_map *m)
{
    for (int w = 0; w < WL_COUNT; w++) {
        free(m->sym[w]);
        m->sym[w] = NULL;
    }
    free(m->cycle);
    free(m->cycle_thread);
    m->cycle = m->cycle_thread = NULL;
}

/* ---------------------------------------------------------------- errors */

struct ctx {
    const char *path;
    char *err;
    size_t errlen;
};

__attribute__((format(printf, 4, 5))) static int fail_at(struct ctx *c, int line, int col,
                                                         const char *fmt, ...)
{
    int n = snprintf(c->err, c->errlen, "%s:%d:%d: ", c->path, line, col);
    if (n < 0 || (size_t)n >= c->errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int expect_type(struct ctx *c, const struct toml_entry *e, enum toml_type t)
{
    if (e->val->type == t)
        return 0;
    return fail_at(c, e->val->line, e->val->col, "'%s' must be %s %s, found %s", e->key,
                   t == TOML_INT || t == TOML_ARRAY ? "an" : "a", toml_type_name(t),
                   toml_type_name(e->val->type));
}

static int get_int(struct ctx *c, const struct toml_entry *e, long min, long max, int *out)
{
    if (expect_type(c, e, TOML_INT))
        return -1;
    int64_t v = e->val->u.i;
    if (v < min || v > max)
        return fail_at(c, e->val->line, e->val->col, "'%s' must be between %ld and %ld, found %lld",
                       e->key, min, max, (long long)v);
    *out = (int)v;
    return 0;
}

static int get_string(struct ctx *c, const struct toml_entry *e, int allow_empty, char **out)
{
    if (expect_type(c, e, TOML_STRING))
        return -1;
    if (!allow_empty && !e->val->u.s[0])
        return fail_at(c, e->val->line, e->val->col, "'%s' must not be empty", e->key);
    free(*out);
    *out = xstrdup(e->val->u.s);
    return 0;
}

/* A string that is one of names[] (message lists them). */
static int get_choice(struct ctx *c, const struct toml_entry *e, const char *const *names,
                      size_t n, char **out)
{
    if (get_string(c, e, 0, out))
        return -1;
    if (one_of(*out, names, n))
        return 0;
    struct strbuf sb = {0};
    for (size_t i = 0; i < n; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", names[i]);
    fail_at(c, e->val->line, e->val->col, "unknown %s '%s' (expected one of: %s)", e->key, *out,
            sb.buf);
    sb_free(&sb);
    return -1;
}

/* A share in (0, 1]: a float, or the integer 1. */
static int get_share(struct ctx *c, const struct toml_entry *e, double *out)
{
    double v;
    if (e->val->type == TOML_INT)
        v = (double)e->val->u.i;
    else if (e->val->type == TOML_FLOAT)
        v = e->val->u.f;
    else
        return fail_at(c, e->val->line, e->val->col, "'%s' must be a number, found %s", e->key,
                       toml_type_name(e->val->type));
    if (!(v > 0 && v <= 1))
        return fail_at(c, e->val->line, e->val->col,
                       "'%s' must be a share of the cycles above 0 and at most 1, found %g",
                       e->key, v);
    *out = v;
    return 0;
}

static int has_control_chars(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 1;
    return 0;
}

/* A path: one line. A newline or an escape sequence in a file name would
 * break every line-based output (tables, env.txt, logs); no real library
 * or folder needs one. */
static int get_path(struct ctx *c, const struct toml_entry *e, char **out)
{
    if (get_string(c, e, 0, out))
        return -1;
    if (has_control_chars(*out))
        return fail_at(c, e->val->line, e->val->col,
                       "'%s' must be a path without control characters (newline, tab, ...)",
                       e->key);
    return 0;
}

/* A list of strings, each one of allowed[] (when allowed is non-NULL), no
 * duplicates, not empty. */
static int get_string_list(struct ctx *c, const struct toml_entry *e, const char *const *allowed,
                           size_t n_allowed, char ***out, size_t *n_out)
{
    if (expect_type(c, e, TOML_ARRAY))
        return -1;
    const struct toml_value *a = e->val;
    if (a->u.array.n == 0)
        return fail_at(c, a->line, a->col, "'%s' must not be empty", e->key);
    if (a->u.array.n > CONFIG_MAX_LIST)
        return fail_at(c, a->line, a->col, "'%s' has more than %d entries", e->key,
                       CONFIG_MAX_LIST);
    char **v = xcalloc(a->u.array.n, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < a->u.array.n; i++) {
        const struct toml_value *it = a->u.array.items[i];
        if (it->type != TOML_STRING) {
            fail_at(c, it->line, it->col, "'%s' must be an array of strings, found %s", e->key,
                    toml_type_name(it->type));
            goto fail;
        }
        if (!it->u.s[0]) {
            fail_at(c, it->line, it->col, "'%s' must not contain an empty string", e->key);
            goto fail;
        }
        if (allowed) {
            size_t k = 0;
            while (k < n_allowed && strcmp(allowed[k], it->u.s) != 0)
                k++;
            if (k == n_allowed) {
                struct strbuf sb = {0};
                for (k = 0; k < n_allowed; k++)
                    sb_printf(&sb, "%s%s", k ? ", " : "", allowed[k]);
                fail_at(c, it->line, it->col, "unknown %s '%s' in '%s' (expected one of: %s)",
                        e->key, it->u.s, e->key, sb.buf);
                sb_free(&sb);
                goto fail;
            }
        }
        for (size_t k = 0; k < n; k++) {
            if (strcmp(v[k], it->u.s) == 0) {
                fail_at(c, it->line, it->col, "'%s' lists '%s' twice", e->key, it->u.s);
                goto fail;
            }
        }
        v[n++] = xstrdup(it->u.s);
    }
    strv_free(*out, *n_out);
    *out = v;
    *n_out = n;
    return 0;
fail:
    strv_free(v, n);
    return -1;
}

static int unknown_key(struct ctx *c, const struct toml_entry *e, const char *where,
                       const char *expected)
{
    return fail_at(c, e->line, e->col, "unknown key '%s' in %s (expected one of: %s)", e->key,
                   where, expected);
}

/* ---------------------------------------------------------------- [run] */

static const char *const thread_names[] = {"main", "pthread"};
static const char *const mode_names[] = {"fresh", "pinned"};
static const char *const engine_names[] = {"native", "gbench", "both"};



void config_defaults(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    struct run_cfg *r = &cfg->run;
    r->repetitions = 10;
    r->min_time_ms = 10;
    r->warmup_ms = 5;
    r->batches = 3;
    r->cycles = 2000;
    r->sample_every = 100;
    r->leak_check_cycles = 200;
    r->pin_cpu = -1;
    r->timeout_s = 60;
    r->engine = xstrdup(engine_names[0]);
    r->threads = strv_dup(thread_names, ARRAY_LEN(thread_names));
    r->n_threads = ARRAY_LEN(thread_names);
    /* [run] scenarios: the scenario table's rows that `dlbench run` measures. */
    const char *sc[CONFIG_MAX_LIST];
    r->n_scenarios = scenario_names(SC_RUN, sc, ARRAY_LEN(sc));
    r->scenarios = strv_dup(sc, r->n_scenarios);
    r->modes = strv_dup(mode_names, ARRAY_LEN(mode_names));
    r->n_modes = ARRAY_LEN(mode_names);
    r->counters = strv_dup(counter_names, 1); /* "time" */
    r->n_counters = 1;
    r->fib = xcalloc(2, sizeof *r->fib);
    r->fib[0] = 20;
    r->fib[1] = 30;
    r->n_fib = 2;
    r->output = xstrdup("reports");
}

static int parse_fib(struct ctx *c, const struct toml_entry *e, struct run_cfg *r)
{
    if (expect_type(c, e, TOML_ARRAY))
        return -1;
    const struct toml_value *a = e->val;
    if (a->u.array.n == 0 || a->u.array.n > 16)
        return fail_at(c, a->line, a->col, "'fib' must list 1 to 16 arguments, found %zu",
                       a->u.array.n);
    int *v = xcalloc(a->u.array.n, sizeof *v);
    for (size_t i = 0; i < a->u.array.n; i++) {
        const struct toml_value *it = a->u.array.items[i];
        if (it->type != TOML_INT || it->u.i < 0 || it->u.i > FIB_MAX) {
            free(v);
            return fail_at(c, it->line, it->col,
                           "'fib' arguments must be integers from 0 to %d, found %s", FIB_MAX,
                           it->type == TOML_INT ? "a value out of range" : toml_type_name(it->type));
        }
        for (size_t k = 0; k < i; k++) {
            if (v[k] == (int)it->u.i) {
                free(v);
                return fail_at(c, it->line, it->col, "'fib' lists %d twice", (int)it->u.i);
            }
        }
        v[i] = (int)it->u.i;
    }
    free(r->fib);
    r->fib = v;
    r->n_fib = a->u.array.n;
    return 0;
}

static int parse_run(struct ctx *c, const struct toml_entry *te, struct run_cfg *r)
{
    if (expect_type(c, te, TOML_TABLE))
        return -1;
    const struct toml_value *t = te->val;
    const struct toml_entry *sample_every = NULL;
    for (size_t i = 0; i < t->u.table.n; i++) {
        const struct toml_entry *e = &t->u.table.entries[i];
        const char *k = e->key;
        int rc;
        if (!strcmp(k, "repetitions"))
            rc = get_int(c, e, 1, 100000, &r->repetitions);
        else if (!strcmp(k, "min_time_ms"))
            rc = get_int(c, e, 1, 60000, &r->min_time_ms);
        else if (!strcmp(k, "warmup_ms"))
            rc = get_int(c, e, 0, 60000, &r->warmup_ms);
        else if (!strcmp(k, "batches"))
            rc = get_int(c, e, 1, 10000, &r->batches);
        else if (!strcmp(k, "cycles"))
            rc = get_int(c, e, 1, 10000000, &r->cycles);
        else if (!strcmp(k, "sample_every"))
            rc = get_int(c, e, 1, 10000000, &r->sample_every), sample_every = e;
        else if (!strcmp(k, "leak_check_cycles"))
            rc = get_int(c, e, 1, 1000000, &r->leak_check_cycles);
        else if (!strcmp(k, "leak_check_share"))
            rc = get_share(c, e, &r->leak_check_share);
        else if (!strcmp(k, "cycle_workload"))
            rc = get_choice(c, e, cycle_workload_names, ARRAY_LEN(cycle_workload_names),
                            &r->cycle_workload);
        else if (!strcmp(k, "cycle_thread"))
            rc = get_choice(c, e, cycle_thread_names, ARRAY_LEN(cycle_thread_names),
                            &r->cycle_thread);
        else if (!strcmp(k, "pin_cpu"))
            rc = get_int(c, e, -1, 4095, &r->pin_cpu);
        else if (!strcmp(k, "timeout_s"))
            rc = get_int(c, e, 1, 86400, &r->timeout_s);
        else if (!strcmp(k, "threads"))
            rc = get_string_list(c, e, thread_names, ARRAY_LEN(thread_names), &r->threads,
                                 &r->n_threads);
        else if (!strcmp(k, "scenarios")) {
            const char *sc[CONFIG_MAX_LIST];
            size_t nsc = scenario_names(SC_RUN, sc, ARRAY_LEN(sc));
            rc = get_string_list(c, e, sc, nsc, &r->scenarios, &r->n_scenarios);
        }
        else if (!strcmp(k, "engine"))
            rc = get_choice(c, e, engine_names, ARRAY_LEN(engine_names), &r->engine);
        else if (!strcmp(k, "modes"))
            rc = get_string_list(c, e, mode_names, ARRAY_LEN(mode_names), &r->modes, &r->n_modes);
        else if (!strcmp(k, "counters"))
            rc = get_string_list(c, e, counter_names, n_counters, &r->counters, &r->n_counters);
        else if (!strcmp(k, "fib"))
            rc = parse_fib(c, e, r);
        else if (!strcmp(k, "output"))
            rc = get_path(c, e, &r->output);
        else if (!strcmp(k, "baseline"))
            rc = get_string(c, e, 0, &r->baseline);
        else
            rc = unknown_key(c, e, "[run]",
                             "repetitions, min_time_ms, warmup_ms, batches, cycles, "
                             "sample_every, leak_check_cycles, leak_check_share, cycle_workload, "
                             "cycle_thread, pin_cpu, timeout_s, threads, scenarios, modes, "
                             "counters, fib, output, baseline, engine");
        if (rc)
            return -1;
    }
    if (sample_every && r->sample_every > r->cycles)
        return fail_at(c, sample_every->val->line, sample_every->val->col,
                       "'sample_every' (%d) must not exceed 'cycles' (%d)", r->sample_every,
                       r->cycles);
    return 0;
}

/* ---------------------------------------------------------------- [[impl]] */

/* Names end up in file names and CSV cells: keep them to a safe alphabet. */
static int valid_name(const char *s)
{
    if (!*s || strlen(s) > 64 || s[0] == '.' || s[0] == '-')
        return 0;
    for (const char *p = s; *p; p++) {
        char ch = *p;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-' || ch == '.' || ch == '+'))
            return 0;
    }
    return 1;
}

static int parse_symbols(struct ctx *c, const struct toml_entry *te, struct symbol_map *m)
{
    if (expect_type(c, te, TOML_TABLE))
        return -1;
    const struct toml_value *t = te->val;
    for (size_t i = 0; i < t->u.table.n; i++) {
        const struct toml_entry *e = &t->u.table.entries[i];
        enum workload w = workload_from_name(e->key);
        if (w == WL_COUNT)
            return unknown_key(c, e, "[impl.symbols]", "noop, add, fib, hello, free, info");
        if (expect_type(c, e, TOML_STRING))
            return -1;
        /* "" = nothing: for free, hello's string is never released. */
        if (!e->val->u.s[0] && w != WL_FREE)
            return fail_at(c, e->val->line, e->val->col,
                           "'%s' must name a symbol (leave a workload out with 'workloads' "
                           "instead)",
                           e->key);
        if (e->val->u.s[0] && !valid_symbol(e->val->u.s))
            return fail_at(c, e->val->line, e->val->col, "invalid symbol name '%s' for '%s'",
                           e->val->u.s, e->key);
        free(m->sym[w]);
        m->sym[w] = xstrdup(e->val->u.s);
    }
    return 0;
}

/* workloads = ["add", "hello"]: the others are mapped to "" (not called,
 * not verified). free follows hello and cannot be listed. */
static int parse_workloads(struct ctx *c, const struct toml_entry *e, struct symbol_map *m)
{
    static const char *const callable[] = {"noop", "add", "fib", "hello", "info"};
    char **v = NULL;
    size_t n = 0;
    if (get_string_list(c, e, callable, ARRAY_LEN(callable), &v, &n))
        return -1;
    for (size_t k = 0; k < ARRAY_LEN(callable); k++) {
        int listed = 0;
        for (size_t i = 0; i < n; i++)
            listed |= !strcmp(v[i], callable[k]);
        enum workload w = workload_from_name(callable[k]);
        if (!listed) {
            free(m->sym[w]);
            m->sym[w] = xstrdup("");
        }
    }
    strv_free(v, n);
    return 0;
}

static int parse_impl(struct ctx *c, const struct toml_value *t, const char *root,
                      struct impl_cfg *im)
{
    const struct toml_entry *dir = NULL, *build = NULL, *lib = NULL, *tcs = NULL, *name = NULL;
    const struct toml_entry *workloads = NULL;
    im->line = t->line;
    im->col = t->col;
    for (size_t i = 0; i < t->u.table.n; i++) {
        const struct toml_entry *e = &t->u.table.entries[i];
        const char *k = e->key;
        int rc;
        if (!strcmp(k, "name")) {
            rc = get_string(c, e, 0, &im->name);
            if (!rc && !valid_name(im->name))
                rc = fail_at(c, e->val->line, e->val->col,
                             "invalid impl name '%s' (use letters, digits, '_', '-', '.', '+'; "
                             "at most 64)",
                             im->name);
            name = e;
        } else if (!strcmp(k, "lang")) {
            rc = get_string(c, e, 0, &im->lang);
            if (!rc && !valid_name(im->lang))
                rc = fail_at(c, e->val->line, e->val->col, "invalid lang '%s'", im->lang);
        } else if (!strcmp(k, "dir")) {
            rc = get_path(c, e, &im->dir), dir = e;
        } else if (!strcmp(k, "build")) {
            rc = get_string(c, e, 0, &im->build), build = e;
            if (!rc && has_control_chars(im->build))
                rc = fail_at(c, e->val->line, e->val->col,
                             "'build' must be one line without control characters");
        } else if (!strcmp(k, "toolchains")) {
            rc = get_string_list(c, e, NULL, 0, &im->toolchains, &im->n_toolchains), tcs = e;
            for (size_t j = 0; !rc && j < im->n_toolchains; j++)
                if (has_control_chars(im->toolchains[j]) || strlen(im->toolchains[j]) > 1024)
                    rc = fail_at(c, e->val->line, e->val->col,
                                 "toolchain names must be one line of at most 1024 bytes");
        } else if (!strcmp(k, "lib")) {
            rc = get_path(c, e, &im->lib), lib = e;
        } else if (!strcmp(k, "symbols")) {
            rc = parse_symbols(c, e, &im->symbols);
        } else if (!strcmp(k, "workloads")) {
            workloads = e, rc = 0;
        } else if (!strcmp(k, "cycle_workload")) {
            rc = get_choice(c, e, cycle_workload_names, ARRAY_LEN(cycle_workload_names),
                            &im->symbols.cycle);
        } else if (!strcmp(k, "cycle_thread")) {
            rc = get_choice(c, e, cycle_thread_names, ARRAY_LEN(cycle_thread_names),
                            &im->symbols.cycle_thread);
        } else {
            rc = unknown_key(c, e, "[[impl]]",
                             "name, lang, dir, build, toolchains, lib, symbols, workloads, "
                             "cycle_workload, cycle_thread");
        }
        if (rc)
            return -1;
    }
    if (!name)
        return fail_at(c, t->line, t->col, "[[impl]] needs a 'name'");
    /* After [impl.symbols], whatever the order: a workload left out is
     * mapped to nothing even if a symbol was named for it. */
    if (workloads && parse_workloads(c, workloads, &im->symbols))
        return -1;
    if (lib && (build || dir || tcs))
        return fail_at(c, lib->line, lib->col,
                       "impl '%s' has 'lib' and also '%s': a library is either brought "
                       "('lib') or built ('dir' + 'build')",
                       im->name, build ? "build" : dir ? "dir" : "toolchains");
    /* A folder without a recipe builds with its language's default script
     * (matrix/lang.h), when the language has one. */
    if (!lib && !build && dir)
        im->build = lang_default_recipe(im->lang ? im->lang : im->name);
    if (!lib && !im->build)
        return fail_at(c, t->line, t->col, "impl '%s' needs 'build' (with 'dir') or 'lib'",
                       im->name);
    if (build && !dir)
        return fail_at(c, build->line, build->col, "impl '%s' has 'build' but no 'dir'",
                       im->name);
    if (build && !strstr(im->build, "{out}"))
        return fail_at(c, build->val->line, build->val->col,
                       "'build' of impl '%s' must contain {out} (where the library goes)",
                       im->name);
    if (im->build && !tcs) {
        im->toolchains = strv_dup((const char *const[]){"local"}, 1);
        im->n_toolchains = 1;
    }
    if (im->dir) {
        char *p = path_join(root, im->dir);
        free(im->dir);
        im->dir = p;
    }
    if (im->lib) {
        char *p = path_join(root, im->lib);
        im->lib_written = im->lib;
        im->lib = p;
        im->lib_line = lib->val->line;
        im->lib_col = lib->val->col;
    }
    if (!im->lang)
        im->lang = xstrdup(im->lib ? "native" : im->name);
    return 0;
}

/* ---------------------------------------------------------------- document */

static void impl_free(struct impl_cfg *im)
{
    free(im->name);
    free(im->lang);
    free(im->dir);
    free(im->build);
    strv_free(im->toolchains, im->n_toolchains);
    free(im->lib);
    free(im->lib_written);
    symbol_map_free(&im->symbols);
}

void config_free(struct config *cfg)
{
    struct run_cfg *r = &cfg->run;
    strv_free(r->threads, r->n_threads);
    strv_free(r->scenarios, r->n_scenarios);
    strv_free(r->modes, r->n_modes);
    strv_free(r->counters, r->n_counters);
    free(r->fib);
    free(r->output);
    free(r->baseline);
    free(r->cycle_workload);
    free(r->engine);
    free(r->cycle_thread);
    for (size_t i = 0; i < cfg->n_impls; i++)
        impl_free(&cfg->impls[i]);
    free(cfg->impls);
    free(cfg->path);
    free(cfg->root);
    free(cfg->text);
    memset(cfg, 0, sizeof *cfg);
}

/* A brought library must be there: found missing only after the run, it
 * would be a "complete" run of nothing. Checked after everything else, so
 * a mistake in the file is named first. What is there but cannot be
 * loaded (a folder, a text file) is the variant's failure, found by build
 * and verify. */
static int check_libs(struct ctx *c, const struct config *cfg)
{
    for (size_t i = 0; i < cfg->n_impls; i++) {
        const struct impl_cfg *im = &cfg->impls[i];
        struct stat st;
        if (!im->lib || stat(im->lib, &st) == 0)
            continue;
        const char *why = strerror(errno);
        if (!strcmp(im->lib, im->lib_written))
            return fail_at(c, im->lib_line, im->lib_col, "impl '%s': cannot use library '%s': %s",
                           im->name, im->lib, why);
        return fail_at(c, im->lib_line, im->lib_col,
                       "impl '%s': cannot use library '%s' (looked for '%s'): %s", im->name,
                       im->lib_written, im->lib, why);
    }
    return 0;
}

void config_apply_run_symbols(struct config *cfg)
{
    for (size_t i = 0; i < cfg->n_impls; i++) {
        struct symbol_map *m = &cfg->impls[i].symbols;
        if (!m->cycle && cfg->run.cycle_workload)
            m->cycle = xstrdup(cfg->run.cycle_workload);
        if (!m->cycle_thread && cfg->run.cycle_thread)
            m->cycle_thread = xstrdup(cfg->run.cycle_thread);
    }
}

int config_parse(const char *text, size_t len, const char *path, struct config *cfg, char *err,
                 size_t errlen)
{
    struct ctx c = {path, err, errlen};
    config_defaults(cfg);
    cfg->path = xstrdup(path);
    cfg->root = path_dirname(path);
    cfg->text = xstrndup(text, len);
    cfg->text_len = len;

    struct toml_value *doc = toml_parse(text, len, path, err, errlen);
    if (!doc)
        goto fail;
    const struct toml_entry *impls = NULL;
    for (size_t i = 0; i < doc->u.table.n; i++) {
        const struct toml_entry *e = &doc->u.table.entries[i];
        if (!strcmp(e->key, "run")) {
            if (parse_run(&c, e, &cfg->run))
                goto fail;
        } else if (!strcmp(e->key, "impl")) {
            impls = e;
        } else {
            unknown_key(&c, e, "the top level", "run, impl");
            goto fail;
        }
    }
    if (!impls) {
        fail_at(&c, 1, 1, "no [[impl]] table: nothing to measure");
        goto fail;
    }
    if (impls->val->type != TOML_ARRAY) {
        fail_at(&c, impls->line, impls->col, "'impl' must be an array of tables ([[impl]])");
        goto fail;
    }
    const struct toml_value *arr = impls->val;
    if (arr->u.array.n > CONFIG_MAX_IMPLS) {
        fail_at(&c, arr->u.array.items[CONFIG_MAX_IMPLS]->line,
                arr->u.array.items[CONFIG_MAX_IMPLS]->col, "more than %d [[impl]] tables",
                CONFIG_MAX_IMPLS);
        goto fail;
    }
    cfg->impls = xcalloc(arr->u.array.n, sizeof *cfg->impls);
    for (size_t i = 0; i < arr->u.array.n; i++) {
        const struct toml_value *t = arr->u.array.items[i];
        if (t->type != TOML_TABLE) {
            fail_at(&c, t->line, t->col, "'impl' must be an array of tables, found %s",
                    toml_type_name(t->type));
            goto fail;
        }
        cfg->n_impls = i + 1;
        if (parse_impl(&c, t, cfg->root, &cfg->impls[i]))
            goto fail;
        for (size_t k = 0; k < i; k++) {
            if (!strcmp(cfg->impls[k].name, cfg->impls[i].name)) {
                fail_at(&c, t->line, t->col, "impl name '%s' is used twice (first at %d:%d)",
                        cfg->impls[i].name, cfg->impls[k].line, cfg->impls[k].col);
                goto fail;
            }
        }
    }
    config_apply_run_symbols(cfg);
    if (check_libs(&c, cfg))
        goto fail;
    toml_free(doc);
    return 0;
fail:
    toml_free(doc);
    config_free(cfg);
    return -1;
}

int config_load(const char *path, struct config *cfg)
{
    size_t len = 0;
    char *text = read_file(path, &len, CONFIG_MAX_BYTES);
    if (!text) {
        if (errno == EFBIG)
            db_error("'%s' is larger than %zu bytes: not a bench.toml", path, CONFIG_MAX_BYTES);
        else
            db_error("cannot read config '%s': %s", path, strerror(errno));
        return -1;
    }
    char err[1024];
    int rc = config_parse(text, len, path, cfg, err, sizeof err);
    if (rc)
        db_error("%s", err);
    free(text);
    return rc;
}
