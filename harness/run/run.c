/* cmd_run.c - `dlbench run`: build, verify, measure the whole matrix in
 * child processes, interleaved, then write the run folder.
 *
 * Why interleaved: a shared machine drifts (another job starts, the clock
 * changes). Repetitions of different variants alternate in an order
 * shuffled per round (seed recorded), so a drift hits every variant alike
 * instead of biasing whichever ran last. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "matrix/build.h"
#include "base/child.h"
#include "cli/commands.h"
#include "run/env.h"
#include "results/rundata.h"
#include "results/runfolder.h"
#include "run/run.h"
#include "base/util.h"
#include "matrix/verify.h"
#include "results/writers.h"

/* ---------------------------------------------------------------- options */

struct run_opts {
    struct matrix_opts m;
    const char *out_dir;     /* -o */
    struct strlist scenarios;/* --scenarios */
    int quick;
    long repetitions;        /* 0 = from config */
    long cycles;             /* 0 = from config */
    const char *baseline;
    unsigned long long seed;
    int have_seed;
    int no_plot;
    int leak_check;
};

static void run_usage(FILE *f)
{
    fprintf(f,
            "usage: dlbench run [options]\n\n"
            "Builds and verifies every variant, measures every variant x scenario x\n"
            "workload x thread in child processes (interleaved, shuffled per round),\n"
            "and writes reports/<run-id>/: results.csv, summary.csv, failures.csv,\n"
            "variants.csv, results.txt (benchstat), env.txt, bench.toml, charts/, report.md.\n\n"
            "options:\n%s"
            "  -o, --output DIR      reports folder (default: [run] output of the config)\n"
            "  --scenarios LIST      call,load,cycle,size,process (default: the config's)\n"
            "  --quick               tiny budgets, same code paths (3 repetitions ...)\n"
            "  --repetitions N       samples per variant x workload x thread\n"
            "  --cycles N            dlopen/dlclose cycles per cycle measurement\n"
            "  --baseline NAME       variant the ratios are to (default: first C variant)\n"
            "  --seed N              seed of the interleaving order (default: random)\n"
            "  --no-plot             do not draw charts or write the report\n"
            "  --leak-check          also check leaks three ways: valgrind memcheck, the Go\n"
            "                        heap (GODEBUG=gctrace=1) and the RSS slope\n"
            "  -h, --help            this help\n\n"
            "exit status: 0 all measured, 1 finished but something failed (listed),\n"
            "2 usage or configuration error, 130 interrupted (partial run written)\n",
            matrix_opts_help);
}

static int parse_run_opts(struct run_opts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            run_usage(stdout);
            return 1;
        }
        int r = matrix_opt(&o->m, argc, argv, &i);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        if (!strcmp(a, "--quick")) {
            o->quick = 1;
            continue;
        }
        if (!strcmp(a, "--no-plot")) {
            o->no_plot = 1;
            continue;
        }
        if (!strcmp(a, "--leak-check")) {
            o->leak_check = 1;
            continue;
        }
        int known = !strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--scenarios") ||
                    !strcmp(a, "--repetitions") || !strcmp(a, "--cycles") ||
                    !strcmp(a, "--baseline") || !strcmp(a, "--seed");
        if (!known) {
            db_error("unknown option '%s' for 'run' (see 'dlbench run --help')", a);
            return -1;
        }
        if (i + 1 >= argc) {
            db_error("option '%s' needs a value", a);
            return -1;
        }
        const char *val = argv[++i];
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            o->out_dir = val;
        } else if (!strcmp(a, "--scenarios")) {
            sl_split(&o->scenarios, val, ", ");
            static const char *const known_sc[] = {"call", "load", "cycle", "size", "process"};
            for (size_t k = 0; k < o->scenarios.n; k++) {
                size_t j = 0;
                while (j < ARRAY_LEN(known_sc) && strcmp(known_sc[j], o->scenarios.v[k]))
                    j++;
                if (j == ARRAY_LEN(known_sc)) {
                    db_error("unknown scenario '%s' (expected call, load, cycle, size, process)",
                             o->scenarios.v[k]);
                    return -1;
                }
            }
            if (!o->scenarios.n) {
                db_error("option '--scenarios' needs at least one scenario");
                return -1;
            }
        } else if (!strcmp(a, "--repetitions")) {
            if (parse_long(val, 1, 100000, &o->repetitions)) {
                db_error("--repetitions takes a whole number from 1 to 100000, not '%s'", val);
                return -1;
            }
        } else if (!strcmp(a, "--cycles")) {
            if (parse_long(val, 2, 10000000, &o->cycles)) {
                db_error("--cycles takes a whole number from 2 to 10000000, not '%s'", val);
                return -1;
            }
        } else if (!strcmp(a, "--baseline")) {
            o->baseline = val;
        } else {
            char *end;
            errno = 0;
            o->seed = strtoull(val, &end, 10);
            if (errno || *end || !*val) {
                db_error("--seed takes a whole number, not '%s'", val);
                return -1;
            }
            o->have_seed = 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- plan */

enum job_kind { J_CALL, J_LOAD, J_CYCLE, J_SIZE, J_PROCESS, J_LEAK, J_KINDS };
static const char *const kind_names[J_KINDS] = {"call", "load", "cycle", "size", "process",
                                                "leak-check"};
/* Rough first guesses of a job's length (s), replaced by what is measured. */
static const double kind_prior_s[J_KINDS] = {1.0, 0.05, 0.3, 0.01, 3.0, 20.0};

struct job {
    int variant;             /* index into matrix and run_data (same order) */
    enum job_kind kind;
    int round;
    const char *mode;        /* cycle: fresh / pinned */
};

struct plan {
    struct job *j;
    size_t n;
};

static void push_job(struct plan *p, int variant, enum job_kind k, int round, const char *mode)
{
    p->j = xrealloc(p->j, (p->n + 1) * sizeof *p->j);
    p->j[p->n++] = (struct job){variant, k, round, mode};
}

/* xorshift64*: small, seedable, good enough to shuffle. */
static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

static void shuffle(int *a, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t k = (size_t)(rng_next(rng) % i);
        int t = a[i - 1];
        a[i - 1] = a[k];
        a[k] = t;
    }
}

static int has_scenario(const struct run_params *rp, const char *s)
{
    return sl_contains(&rp->scenarios, s);
}

static void make_plan(const struct matrix *m, const struct run_params *rp, uint64_t seed,
                      struct plan *p)
{
    int *ok = xcalloc(m->n, sizeof *ok);
    size_t nok = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].verified)
            ok[nok++] = (int)i;
    uint64_t rng = seed ? seed : 0x9E3779B97F4A7C15ULL;
    for (int r = 0; r < rp->repetitions; r++) {
        if (has_scenario(rp, "call")) {
            shuffle(ok, nok, &rng);
            for (size_t i = 0; i < nok; i++)
                push_job(p, ok[i], J_CALL, r, NULL);
        }
        if (has_scenario(rp, "load")) {
            shuffle(ok, nok, &rng);
            for (size_t i = 0; i < nok; i++)
                push_job(p, ok[i], J_LOAD, r, NULL);
        }
    }
    if (has_scenario(rp, "cycle")) {
        for (size_t k = 0; k < rp->modes.n; k++) {
            shuffle(ok, nok, &rng);
            for (size_t i = 0; i < nok; i++)
                push_job(p, ok[i], J_CYCLE, 0, rp->modes.v[k]);
        }
    }
    if (has_scenario(rp, "size")) {
        for (size_t i = 0; i < nok; i++)
            push_job(p, ok[i], J_SIZE, 0, NULL);
    }
    if (has_scenario(rp, "process")) {
        shuffle(ok, nok, &rng);
        for (size_t i = 0; i < nok; i++)
            push_job(p, ok[i], J_PROCESS, 0, NULL);
    }
    if (rp->leak_check) {
        for (size_t i = 0; i < nok; i++)
            push_job(p, ok[i], J_LEAK, 0, NULL);
    }
    free(ok);
}

/* ---------------------------------------------------------------- progress */

struct progress {
    int tty, quiet;
    double spent_s[J_KINDS]; /* time spent in finished jobs, per kind */
    int count[J_KINDS];      /* finished jobs, per kind */
};

static double job_estimate(const struct progress *pg, enum job_kind k, const struct run_params *rp)
{
    if (pg->count[k])
        return pg->spent_s[k] / pg->count[k];
    /* Before the first job of a kind: a guess from the budgets. */
    if (k == J_CALL)
        return 14 * (rp->warmup_ms + 3.0 * rp->min_time_ms) / 1e3;
    if (k == J_CYCLE)
        return rp->cycles * 150e-6;
    return kind_prior_s[k];
}

static void progress_show(struct progress *pg, const struct plan *p, size_t next,
                          const char *variant, const struct run_params *rp)
{
    if (pg->quiet)
        return;
    double eta = 0;
    for (size_t i = next; i < p->n; i++)
        eta += job_estimate(pg, p->j[i].kind, rp);
    const struct job *j = &p->j[next];
    char what[64];
    if (j->kind == J_CALL || j->kind == J_LOAD)
        snprintf(what, sizeof what, "round %d/%d", j->round + 1, rp->repetitions);
    else if (j->kind == J_CYCLE)
        snprintf(what, sizeof what, "%s, %d cycles", j->mode, rp->cycles);
    else
        what[0] = '\0';
    int e = (int)(eta + 0.5);
    fprintf(stderr, "%s[%*zu/%zu] %-7s %-22s %-20s ETA %d:%02d%s", pg->tty ? "\r\033[K" : "",
            (int)snprintf(NULL, 0, "%zu", p->n), next + 1, p->n, kind_names[j->kind], variant,
            what, e / 60, e % 60, pg->tty ? "" : "\n");
    fflush(stderr);
}

static void progress_end(struct progress *pg)
{
    if (!pg->quiet && pg->tty)
        fprintf(stderr, "\r\033[K");
}

/* ---------------------------------------------------------------- jobs */

/* Whether (variant, kind) already failed: later rounds of it are skipped,
 * a crash in round 1 would crash again in round 2. */
static char *failed_cells;

static void push_num(struct strlist *a, const char *opt, double v)
{
    sl_push(a, opt);
    sl_push_owned(a, xasprintf("%g", v));
}

static void job_argv(const struct job *j, const struct variant *v, const struct run_params *rp,
                     struct strlist *a)
{
    measure_argv(v, a);
    sl_push(a, "--scenario");
    sl_push(a, kind_names[j->kind]);
    if (rp->quick)
        sl_push(a, "--quick");
    if (rp->pin_cpu >= 0)
        push_num(a, "--pin-cpu", rp->pin_cpu);
    if (j->kind == J_CALL) {
        push_num(a, "--repetitions", rp->reps_per_proc);
        push_num(a, "--min-time-ms", rp->min_time_ms);
        push_num(a, "--warmup-ms", rp->warmup_ms);
        sl_push(a, "--thread");
        sl_push(a, rp->threads);
        struct strbuf fib = {0};
        for (size_t i = 0; i < rp->n_fib; i++)
            sb_printf(&fib, "%s%d", i ? "," : "", rp->fib[i]);
        sl_push(a, "--fib");
        sl_push_owned(a, sb_detach(&fib));
    } else if (j->kind == J_CYCLE) {
        push_num(a, "--cycles", rp->cycles);
        push_num(a, "--sample-every", rp->sample_every);
        sl_push(a, "--mode");
        sl_push(a, j->mode);
    }
}

static void record_failure(struct run_data *d, const struct job *j, const char *vname,
                           const char *cause, const char *log)
{
    size_t cell = (size_t)j->variant * J_KINDS + j->kind;
    if (failed_cells[cell])
        return;
    failed_cells[cell] = 1;
    rd_add_failure(d, vname, kind_names[j->kind], cause, log);
    db_warn("%s %s failed: %s", vname, kind_names[j->kind], cause);
}

static void run_job(const struct job *j, size_t index, struct matrix *m,
                    const struct run_params *rp, struct run_data *d)
{
    const struct variant *v = &m->v[j->variant];
    if (failed_cells[(size_t)j->variant * J_KINDS + j->kind])
        return;
    if (j->kind == J_PROCESS) {
        run_process_job(d, j->variant, v, rp, (int)index);
        return;
    }
    if (j->kind == J_LEAK) {
        run_leak_job(d, j->variant, v, rp, (int)index);
        return;
    }
    struct strlist argv = {0};
    struct child_result res = {0};
    job_argv(j, v, rp, &argv);
    struct child_spec spec = {.argv = argv.v, .timeout_s = rp->timeout_s, .records = 1};
    child_run(&spec, &res);
    if (res.outcome == CHILD_INTERRUPTED)
        goto out;
    char err[256];
    char *tail = child_err_tail(&res, 8);
    if (res.outcome != CHILD_OK) {
        char *cause = child_cause(&res);
        record_failure(d, j, v->name, cause, tail);
        free(cause);
    } else if (rd_parse_rows(d, j->variant, (int)index, (long)j->round * rp->reps_per_proc,
                             res.out, err, sizeof err) != 0) {
        record_failure(d, j, v->name, err, tail);
    }
    free(tail);
out:
    child_result_free(&res);
    sl_free(&argv);
}

/* ---------------------------------------------------------------- setup */

static int resolve_params(const struct run_opts *o, const struct matrix *m, struct run_params *rp)
{
    const struct run_cfg *c = &m->cfg.run;
    memset(rp, 0, sizeof *rp);
    rp->quick = o->quick;
    rp->leak_check = o->leak_check;
    rp->leak_check_cycles = c->leak_check_cycles;
    rp->repetitions = c->repetitions;
    rp->min_time_ms = c->min_time_ms;
    rp->warmup_ms = c->warmup_ms;
    rp->cycles = c->cycles;
    rp->sample_every = c->sample_every;
    rp->pin_cpu = c->pin_cpu;
    rp->timeout_s = c->timeout_s;
    rp->fib = c->fib;
    rp->n_fib = c->n_fib;
    /* Three samples per process: the statistics are over processes (see
     * rundata.c), the spread inside one shows what is machine, what is
     * process placement. */
    rp->reps_per_proc = 3;
    rp->process_runs = c->repetitions < 10 ? 10 : c->repetitions;
    if (o->quick) {
        /* Same code paths, tiny budgets: for tests and a first look. */
        rp->repetitions = 3;
        rp->min_time_ms = 2;
        rp->warmup_ms = 1;
        rp->cycles = 60;
        rp->sample_every = 10;
        rp->process_runs = 3;
        rp->leak_check_cycles = rp->leak_check_cycles < 20 ? rp->leak_check_cycles : 20;
    }
    if (o->repetitions)
        rp->repetitions = (int)o->repetitions;
    if (o->cycles) {
        rp->cycles = (int)o->cycles;
        if (rp->sample_every * 6 > rp->cycles)
            rp->sample_every = rp->cycles / 6 > 0 ? rp->cycles / 6 : 1;
    }
    int main_t = 0, pthr = 0;
    for (size_t i = 0; i < c->n_threads; i++) {
        main_t |= !strcmp(c->threads[i], "main");
        pthr |= !strcmp(c->threads[i], "pthread");
    }
    rp->threads = main_t && pthr ? "both" : main_t ? "main" : "pthread";
    if (o->scenarios.n) {
        for (size_t i = 0; i < o->scenarios.n; i++)
            sl_push(&rp->scenarios, o->scenarios.v[i]);
    } else {
        for (size_t i = 0; i < c->n_scenarios; i++)
            sl_push(&rp->scenarios, c->scenarios[i]);
    }
    for (size_t i = 0; i < c->n_modes; i++)
        sl_push(&rp->modes, c->modes[i]);
    return 0;
}

/* Names a version the user asked for: "go1.21.6", "1.80.0", "gcc". */
static char *asked_mismatch(const struct variant *v)
{
    if (!v->toolchain || !v->info || strchr(v->toolchain, '/'))
        return NULL;
    const char *tc = v->toolchain;
    int versioned = strpbrk(tc, "0123456789") != NULL;
    int named = !strcmp(tc, "gcc") || !strcmp(tc, "clang");
    if (!versioned && !named)
        return NULL;
    const char *hit = strstr(v->info, tc);
    /* go1.21 must not match go1.21.6's prefix of go1.21.13 etc. */
    while (hit && versioned) {
        char after = hit[strlen(tc)];
        if (!(after >= '0' && after <= '9') && after != '.')
            break;
        hit = strstr(hit + 1, tc);
    }
    if (hit)
        return NULL;
    return xasprintf("toolchain: asked '%s', library reports '%s'", tc, v->info);
}

static int pick_baseline(const struct run_opts *o, const struct matrix *m)
{
    const char *want = o->baseline ? o->baseline : m->cfg.run.baseline;
    if (want) {
        for (size_t i = 0; i < m->n; i++)
            if (!strcmp(m->v[i].name, want))
                return (int)i;
        return -2;
    }
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].verified && !strcmp(m->v[i].impl->lang, "c"))
            return (int)i;
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].verified)
            return (int)i;
    return -1;
}

static void fill_run_data(struct run_data *d, const struct matrix *m)
{
    for (size_t i = 0; i < m->n; i++) {
        const struct variant *v = &m->v[i];
        int k = rd_add_variant(d, v->name, v->impl->name, v->impl->lang, v->toolchain_label);
        struct run_variant *rv = &d->v[k];
        free(rv->toolchain_version);
        rv->toolchain_version = xstrdup(v->info ? v->info : "");
        free(rv->build_version);
        rv->build_version = xstrdup(v->build_version ? v->build_version : "");
        free(rv->lib);
        rv->lib = xstrdup(v->lib_path);
        free(rv->exports);
        rv->exports = xstrdup(v->exports ? v->exports : "");
        rv->file_bytes = v->built ? v->file_bytes : -1;
        rv->ok = v->verified;
        rv->asked_mismatch = asked_mismatch(v);
        if (v->failure)
            rd_add_failure(d, v->name, v->built ? "verify" : "build", v->failure,
                           v->failure_log ? v->failure_log : "");
    }
}

static void record_params(struct run_data *d, const struct matrix *m, const struct run_params *rp,
                          uint64_t seed, int baseline)
{
    char buf[64];
    rd_set_env(d, "config", m->cfg.path);
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)seed);
    rd_set_env(d, "seed", buf);
    rd_set_env(d, "baseline", baseline >= 0 ? m->v[baseline].name : "none");
    rd_set_env(d, "quick", rp->quick ? "yes" : "no");
#define SETI(k, v) (snprintf(buf, sizeof buf, "%d", (int)(v)), rd_set_env(d, k, buf))
    SETI("repetitions", rp->repetitions);
    SETI("min_time_ms", rp->min_time_ms);
    SETI("warmup_ms", rp->warmup_ms);
    SETI("cycles", rp->cycles);
    SETI("sample_every", rp->sample_every);
    SETI("pin_cpu", rp->pin_cpu);
    SETI("timeout_s", rp->timeout_s);
#undef SETI
    struct strbuf sc = {0};
    for (size_t i = 0; i < rp->scenarios.n; i++)
        sb_printf(&sc, "%s%s", i ? "," : "", rp->scenarios.v[i]);
    rd_set_env(d, "scenarios", sc.buf ? sc.buf : "");
    sb_free(&sc);
    rd_set_env(d, "threads", rp->threads);
    for (size_t i = 0; i < m->n; i++) {
        const struct variant *v = &m->v[i];
        char *key = xasprintf("variant %s", v->name);
        char *val = xasprintf("info=%s; build=%s; recipe=%s; lib=%s", v->info ? v->info : "-",
                              v->build_version && *v->build_version ? v->build_version : "-",
                              v->impl->build ? v->impl->build : "(brought)", v->lib_path);
        rd_set_env(d, key, val);
        free(key);
        free(val);
    }
}

/* ---------------------------------------------------------------- command */

int cmd_run(int argc, char **argv)
{
    struct run_opts o = {0};
    struct matrix m = {0};
    struct run_params rp = {0};
    struct run_data d = {0};
    struct run_folder rf = {0};
    struct plan plan = {0};
    int rc = EXIT_USAGE;
    int64_t t0 = now_ns();

    int pr = parse_run_opts(&o, argc, argv);
    if (pr != 0) {
        rc = pr > 0 ? EXIT_OK : EXIT_USAGE;
        goto out;
    }
    if (matrix_load(&o.m, &m) != 0)
        goto out;
    resolve_params(&o, &m, &rp);
    if ((o.baseline || m.cfg.run.baseline) && pick_baseline(&o, &m) == -2) {
        db_error("baseline '%s' is not a variant of this run",
                 o.baseline ? o.baseline : m.cfg.run.baseline);
        goto out;
    }
    char *reports = o.out_dir ? xstrdup(o.out_dir) : path_join(m.cfg.root, m.cfg.run.output);
    int frc = runfolder_create(&rf, reports);
    free(reports);
    if (frc != 0)
        goto out;
    child_install_stop_handlers();

    /* 1. build, 2. verify */
    build_all(&m, o.m.quiet);
    verify_all(&m, o.m.quiet);
    if (!o.m.quiet)
        verify_print_table(&m, stderr);

    /* Environment before measuring: load and governor as the run starts. */
    env_capture(&d, m.cfg.root);
    rd_set_env(&d, "run_id", rf.run_id);
    {
        /* How to reproduce this run: the command line, quoted. */
        struct strbuf cl = {0};
        sb_append(&cl, "dlbench");
        for (int i = 0; i < argc; i++) {
            /* Quote only what a shell would otherwise split or expand. */
            int plain = argv[i][0] != '\0';
            for (const char *c = argv[i]; *c && plain; c++)
                plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789_@%+=:,./-", *c) != NULL;
            char *q = plain ? xstrdup(argv[i]) : shell_quote(argv[i]);
            sb_printf(&cl, " %s", q);
            free(q);
        }
        rd_set_env(&d, "command", cl.buf);
        sb_free(&cl);
    }
    fill_run_data(&d, &m);
    int baseline = pick_baseline(&o, &m);
    d.baseline = baseline >= 0 ? baseline : -1;
    uint64_t seed = o.have_seed ? o.seed : ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid();
    record_params(&d, &m, &rp, seed, d.baseline);

    /* 3. measure */
    make_plan(&m, &rp, seed, &plan);
    failed_cells = xcalloc(m.n * J_KINDS + 1, 1);
    struct progress pg = {.tty = isatty(2), .quiet = o.m.quiet};
    for (size_t i = 0; i < plan.n && !child_stop_requested; i++) {
        const struct job *j = &plan.j[i];
        progress_show(&pg, &plan, i, m.v[j->variant].name, &rp);
        int64_t js = now_ns();
        run_job(j, i, &m, &rp, &d);
        pg.spent_s[j->kind] += (double)(now_ns() - js) / 1e9;
        pg.count[j->kind]++;
    }
    progress_end(&pg);
    int interrupted = child_stop_requested != 0;

    /* Load at the end too: a machine that got busy mid-run is worth a warning. */
    struct env_state st;
    env_machine_state(&st);
    env_warnings(&st, &d.env_warnings);
    rd_set_env(&d, "loadavg_end", st.loadavg);

    /* 4. outputs */
    double wall = (double)(now_ns() - t0) / 1e9;
    char buf[64];
    snprintf(buf, sizeof buf, "%.1f", wall);
    rd_set_env(&d, "wall_s", buf);
    rd_set_env(&d, "status", interrupted ? "partial (interrupted)" : "complete");
    rd_summarize(&d);
    int werr = 0;
    for (size_t i = 0; i < n_run_writers; i++) {
        struct strbuf sb = {0};
        run_writers[i].write(&d, &sb);
        werr |= runfolder_write(&rf, run_writers[i].file, sb.buf ? sb.buf : "", sb.len);
        sb_free(&sb);
    }
    werr |= runfolder_write(&rf, "bench.toml", m.cfg.text, m.cfg.text_len);
    if (interrupted)
        werr |= runfolder_write(&rf, "PARTIAL", "interrupted: this run is incomplete\n", 36);
    /* Charts and report only for complete runs: an interrupted run must
     * stop within seconds. */
    if (!interrupted && !o.no_plot)
        run_plot_and_report(rf.stage);
    if (runfolder_finish(&rf, !interrupted && !werr) != 0)
        werr = 1;

    /* 5. summary */
    if (!interrupted)
        run_print_summary(rf.final, stdout);
    fprintf(stderr, "dlbench: %s run written to %s (%zu samples, %zu failures) in %.1f s\n",
            interrupted ? "partial" : "complete", rf.final, d.ns, d.nf, wall);
    if (interrupted)
        rc = EXIT_INTERRUPTED;
    else if (werr || d.nf)
        rc = EXIT_SOME_FAILED;
    else
        rc = EXIT_OK;
out:
    free(failed_cells);
    failed_cells = NULL;
    free(plan.j);
    rd_free(&d);
    runfolder_free(&rf);
    sl_free(&rp.scenarios);
    sl_free(&rp.modes);
    sl_free(&o.scenarios);
    matrix_free(&m);
    matrix_opts_free(&o.m);
    return rc;
}
