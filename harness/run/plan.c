/* plan.c - the job-kind table, make_plan and the run state (see plan.h). */
#define _GNU_SOURCE
#include "run/plan.h"

#include <stdlib.h>
#include <string.h>

#include "base/child.h"
#include "measure/argv.h"
#include "measure/counters.h"
#include "measure/elf.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "matrix/lang.h"
#include "run/leakcheck.h"
#include "report/gnuplot.h"
#include "run/process.h"
#include "results/runfolder.h"
#include <stdio.h>

/* ---------------------------------------------------------------- kinds */

/* The scenario kind k measures: the SC_RUN row whose .job is its name. */
static const struct scenario *kind_scenario(int k)
{
    for (size_t i = 0; i < n_scenarios; i++) {
        const struct scenario *sc = &scenario_table[i];
        if ((sc->flags & SC_RUN) && sc->job && !strcmp(sc->job, job_kinds[k].name))
            return sc;
    }
    return NULL;
}

unsigned job_kind_flags(int k)
{
    const struct scenario *sc = kind_scenario(k);
    return sc ? sc->flags : 0;
}

int job_kind_find(const char *name)
{
    for (size_t k = 0; k < n_job_kinds; k++)
        if (!strcmp(job_kinds[k].name, name))
            return (int)k;
    return -1;
}

static int kind_enabled(int k, const struct run_params *rp)
{
    if (job_kinds[k].enabled)
        return job_kinds[k].enabled(rp);
    const struct scenario *sc = kind_scenario(k);
    return sc && sl_contains(&rp->scenarios, sc->name);
}

/* ---------------------------------------------------------------- state */

void run_state_init(struct run_state *st, const struct matrix *m, const struct run_params *rp,
                    struct run_data *d)
{
    memset(st, 0, sizeof *st);
    st->m = m;
    st->rp = rp;
    st->d = d;
    st->failed = xcalloc(m->n * n_job_kinds + 1, 1);
}

void run_state_free(struct run_state *st)
{
    free(st->failed);
    st->failed = NULL;
}

int run_cell_failed(const struct run_state *st, const struct job *j)
{
    return st->failed[(size_t)j->variant * n_job_kinds + (size_t)j->kind] != 0;
}

void run_job_failed(struct run_state *st, const struct job *j, const char *cause,
                    const char *log)
{
    run_job_failed_log(st, j, cause, log, NULL);
}

void run_job_failed_log(struct run_state *st, const struct job *j, const char *cause,
                        const char *log, const char *log_file)
{
    const char *vname = st->m->v[j->variant].name, *kname = job_kinds[j->kind].name;
    size_t cell = (size_t)j->variant * n_job_kinds + (size_t)j->kind;
    /* A library that failed verify has its failure recorded; its file
     * facts are measured when they can be, without a second failure. */
    if (st->failed[cell] || !st->m->v[j->variant].verified)
        return;
    st->failed[cell] = 1;
    rd_add_failure(st->d, vname, kname, cause, log);
    if (log_file)
        st->d->f[st->d->nf - 1].log_file = xstrdup(log_file);
    db_warn_repeated("%s %s failed: %s", vname, kname, cause);
}

/* ---------------------------------------------------------------- logs */

/* A variant name as a folder name: '/' and control characters become '_'
 * (names are file-safe already; a brought library's name may not be). */
static char *dir_name(const char *name)
{
    char *d = xstrdup(*name && strcmp(name, ".") && strcmp(name, "..") ? name : "_");
    for (char *p = d; *p; p++)
        if (*p == '/' || (unsigned char)*p < 0x20)
            *p = '_';
    return d;
}

/* The child's warnings (lines "dlbench: warning: x" of msgs) as the
 * parent's own, naming the variant and the job. */
static void warn_child(const char *vname, const struct job *j, const char *msgs)
{
    static const char tag[] = "dlbench: warning: ";
    /* Each round's child says the same thing again: once per run is
     * enough (-v shows every child's messages). */
    static struct strlist said;
    for (const char *l = msgs; l && *l;) {
        size_t n = strcspn(l, "\n");
        if (!strncmp(l, tag, sizeof tag - 1)) {
            char *w = xasprintf("%s %s: %.*s", vname, j ? job_kinds[j->kind].name : "verify",
                                (int)(n - (sizeof tag - 1)), l + sizeof tag - 1);
            if (!sl_contains(&said, w)) {
                db_warn("%s", w);
                sl_push(&said, w);
            }
            free(w);
        }
        l += n + (l[n] == '\n');
    }
}

char *run_keep_log(struct run_state *st, const struct job *j, int vi, const char *cmdline,
                   const char *log, size_t log_len, const char *msgs)
{
    const char *vname = st->m->v[vi].name;
    if (st->show_output) {
        if (cmdline)
            fprintf(stderr, "$ %s\n", cmdline);
        if (log_len) {
            fwrite(log, 1, log_len, stderr);
            if (log[log_len - 1] != '\n')
                fputc('\n', stderr);
        }
        if (msgs)
            fputs(msgs, stderr);
        fflush(stderr);
    } else {
        warn_child(vname, j, msgs);
    }
    if (!log_len || !st->rf)
        return NULL;
    if (st->log_bytes >= LOGS_MAX_BYTES)
        return NULL;
    size_t keep = log_len > LOG_MAX_BYTES ? LOG_MAX_BYTES : log_len;
    struct strbuf text = {0};
    if (keep < log_len)
        sb_printf(&text, "[... %zu bytes dropped ...]\n", log_len - keep);
    sb_appendn(&text, log + log_len - keep, keep);
    char *name = !j ? xstrdup("verify.log")
                 : j->mode ? xasprintf("%s-%s-%d.log", job_kinds[j->kind].name, j->mode,
                                       j->round + 1)
                 : xasprintf("%s-%d.log", job_kinds[j->kind].name, j->round + 1);
    char *dir = dir_name(vname), *sub = path_join("logs", dir);
    char *rel = NULL;
    if (runfolder_write_in(st->rf, sub, name, text.buf, text.len) == 0) {
        rel = path_join(sub, name);
        st->log_bytes += text.len;
        if (st->log_bytes >= LOGS_MAX_BYTES)
            db_warn("the children's logs reached %zu MiB: later ones are not kept in logs/",
                    LOGS_MAX_BYTES >> 20);
    }
    free(name);
    free(dir);
    free(sub);
    sb_free(&text);
    return rel;
}

/* ---------------------------------------------------------------- measure jobs */

/* call, load, cycle, size: one `dlbench measure` child whose rows are the
 * samples. */
static void measure_job_argv(const struct run_state *st, const struct job *j, struct strlist *a)
{
    const struct run_params *rp = st->rp;
    const struct variant *v = &st->m->v[j->variant];
    const struct scenario *sc = kind_scenario(j->kind);
    char *syms = symbol_map_format(&v->impl->symbols);
    struct measure_cmd mc;
    measure_cmd_init(&mc, sc ? sc->name : job_kinds[j->kind].name, v->lib_path);
    mc.variant = v->name;
    mc.symbols = syms;
    mc.quick = rp->quick;
    mc.pin_cpu = rp->pin_cpu;
    mc.repetitions = rp->reps_per_proc;
    mc.min_time_ms = rp->min_time_ms;
    mc.warmup_ms = rp->warmup_ms;
    mc.thread = rp->threads;
    mc.engine = rp->engine && strcmp(rp->engine, "native") ? rp->engine : NULL;
    mc.fib = rp->fib;
    mc.n_fib = rp->n_fib;
    mc.cycles = j->round == 0 ? rp->cycles : rp->cycles_timing;
    mc.sample_every = rp->sample_every < mc.cycles ? rp->sample_every : mc.cycles;
    mc.mode = j->mode;
    char ctr[128];
    if (sc && (sc->flags & SC_KNOBS_CALL) && rp->pmu) {
        /* hardware counters around the timed batches (measure/pmu.h) */
        counters_format(CTR_TIME | rp->pmu, ctr, sizeof ctr);
        mc.counters = ctr;
    }
    measure_cmd_argv(&mc, a);
    free(syms);
}

static void measure_job_run(struct run_state *st, const struct job *j, size_t index)
{
    struct strlist argv = {0};
    struct child_result res = {0};
    job_kinds[j->kind].argv(st, j, &argv);
    struct child_spec spec = {.argv = argv.v, .timeout_s = st->rp->timeout_s, .records = 1};
    child_run(&spec, &res);
    if (res.outcome == CHILD_INTERRUPTED)
        goto out;
    char err[256];
    char *tail = child_err_tail(&res, 8);
    char *log = child_log(&res);
    char *cmdline = shell_cmdline(argv.v);
    char *log_file = run_keep_log(st, j, j->variant, cmdline, log, strlen(log), res.msgs);
    free(cmdline);
    if (res.outcome != CHILD_OK) {
        char *cause = child_cause(&res);
        run_job_failed_log(st, j, cause, tail, log_file);
        free(cause);
    } else {
        size_t first = st->d->ns;
        if (rd_parse_rows(st->d, j->variant, (int)index, (long)j->round * st->rp->reps_per_proc,
                          res.out, err, sizeof err) != 0)
            run_job_failed_log(st, j, err, tail, log_file);
        else if (j->mode && j->round > 0)
            /* a timing round of cycle: its short run's leak slope and growth
             * are not comparable with round 1's */
            rd_keep_metric(st->d, first, NULL); /* cycle_us and its phases */
    }
    free(log);
    free(log_file);
    free(tail);
out:
    child_result_free(&res);
    sl_free(&argv);
}

/* Before the first job of a kind: a guess from the budgets (s). */
static double call_guess_s(const struct run_params *rp)
{
    /* ~14 workload x thread items, each a warm-up, ~3 min-time batches
     * of calibration and the timed batches. */
    return 14 * (rp->warmup_ms + (3.0 + rp->reps_per_proc) * rp->min_time_ms) / 1e3;
}

static double cycle_guess_s(const struct run_params *rp)
{
    return rp->cycles * 150e-6;
}

/* ---------------------------------------------------------------- process */

/* Whole-process cold start through hyperfine (process.c); a missing
 * hyperfine is a warning (once), not a failure of the library. */
static void process_job_run(struct run_state *st, const struct job *j, size_t index)
{
    const struct variant *v = &st->m->v[j->variant];
    const struct run_params *rp = st->rp;
    const char *kname = job_kinds[j->kind].name;
    struct strbuf rows = {0};
    char *cause = NULL;
    char *syms = symbol_map_format(&v->impl->symbols);
    /* hyperfine runs warm-ups plus rp->process_runs; each takes a few ms,
     * a Go runtime start a few more. */
    double timeout = rp->timeout_s + 0.2 * rp->process_runs;
    enum process_result rc = process_cold_start(self_exe(), v->name, v->lib_path, syms[0] ? syms : NULL,
                                rp->process_runs, timeout, &rows, &cause);
    if (rc == PROCESS_NO_HYPERFINE) {
        /* Not a failure of the library: the tool is missing. Once. */
        if (!st->process_skip_warned++) {
            db_warn("%s", cause);
            rd_set_env(st->d, kname, cause);
        }
    } else if (rc != 0) {
        rd_add_failure(st->d, v->name, kname, cause ? cause : "failed", "");
        db_warn_repeated("%s %s failed: %s", v->name, kname, cause ? cause : "failed");
    } else {
        /* process_cold_start writes rows without a header. */
        struct strbuf csv = {0};
        char err[256];
        sb_append(&csv, MEASURE_CSV_HEADER "\n");
        sb_append(&csv, rows.buf ? rows.buf : "");
        if (rd_parse_rows(st->d, j->variant, (int)index, (long)j->round * rp->process_runs,
                          csv.buf, err, sizeof err) != 0)
            rd_add_failure(st->d, v->name, kname, err, "");
        sb_free(&csv);
    }
    free(syms);
    free(cause);
    sb_free(&rows);
}

/* ---------------------------------------------------------------- leak-check */

static int leak_enabled(const struct run_params *rp)
{
    return rp->leak_check;
}

/* The ELF facts (size) are read from the file without loading it: every
 * run reads them, whatever --scenarios says, because findings about
 * unloading cite DF_1_NODELETE and the Go build info from them. */
static int size_enabled(const struct run_params *rp)
{
    (void)rp;
    return 1;
}

/* valgrind over leak_check_cycles, then (Go) the gctrace loop over cycles. */
static double leak_guess_s(const struct run_params *rp)
{
    return leak_check_estimate_s(rp->leak_check_cycles, -1) + rp->cycles * 150e-6;
}

static void leak_job_run(struct run_state *st, const struct job *j, size_t index)
{
    run_leak_job(st->d, j->variant, &st->m->v[j->variant], st->rp, (int)index);
}

/* ---------------------------------------------------------------- pair */

/* Paired with the baseline: any variant but the baseline itself, unless
 * both start a runtime of which one per process is supported (two Go
 * c-shared libraries: golang/go#11100, #18976; measured here: a Go 1.21
 * and a Go 1.26 library alternating calls in one process hang). */
/* A library that starts its own runtime: its impl's language says so, or
 * - a brought Go library without a lang key - its build info does
 * (measure/toolid.h: info "go go1.21.6"). */
static int one_runtime(const struct variant *v)
{
    return (v->impl && lang_has(v->impl->lang, LANG_ONE_RUNTIME)) ||
           (v->info && !strncmp(v->info, "go ", 3));
}

static int pair_applies(const struct matrix *m, const struct run_params *rp, int v)
{
    if (rp->baseline < 0 || v == rp->baseline)
        return 0;
    return !(one_runtime(&m->v[v]) && one_runtime(&m->v[rp->baseline]));
}

static void pair_job_argv(const struct run_state *st, const struct job *j, struct strlist *a)
{
    const struct run_params *rp = st->rp;
    const struct variant *v = &st->m->v[j->variant], *b = &st->m->v[rp->baseline];
    char *syms = symbol_map_format(&v->impl->symbols);
    char *bsyms = symbol_map_format(&b->impl->symbols);
    struct measure_cmd mc;
    measure_cmd_init(&mc, "pair", v->lib_path);
    mc.variant = v->name;
    mc.symbols = syms;
    mc.baseline_lib = b->lib_path;
    mc.baseline_symbols = bsyms;
    mc.baseline_variant = b->name;
    mc.quick = rp->quick;
    mc.pin_cpu = rp->pin_cpu;
    mc.repetitions = rp->reps_per_proc;
    mc.min_time_ms = rp->min_time_ms;
    mc.warmup_ms = rp->warmup_ms;
    /* the main thread only: the budget goes to more processes (a pthread's
     * ratio is the call scenario's, unpaired) */
    mc.thread = "main";
    mc.fib = rp->fib;
    mc.n_fib = rp->n_fib;
    measure_cmd_argv(&mc, a);
    free(syms);
    free(bsyms);
}

static double pair_guess_s(const struct run_params *rp)
{
    /* ~6 workloads on the main thread, each two calibrations, two warm-ups
     * and 2 x batches batches */
    return 6 * (2 * rp->warmup_ms + (6.0 + 2.0 * rp->reps_per_proc) * rp->min_time_ms) / 1e3;
}

/* ---------------------------------------------------------------- instructions */

static int instr_enabled(const struct run_params *rp)
{
    return (rp->counters & CTR_INSTRUCTIONS) != 0;
}

/* Instructions under callgrind (measure/counters.h): one valgrind child for
 * each of call, load and cycle that the run measures; counts are exact or
 * nearly, so once per variant and run. A missing valgrind is a warning
 * (once) and an env.txt line, not a failure of the library. */
static void instr_job_run(struct run_state *st, const struct job *j, size_t index)
{
    static const char *const counted[] = {"call", "load", "cycle"};
    const struct run_params *rp = st->rp;
    const struct variant *v = &st->m->v[j->variant];
    char *vg = find_in_path("valgrind");
    if (!vg) {
        if (!st->instr_skip_warned++) {
            const char *why = "not counted: valgrind not found on PATH (install it: make deps)";
            db_warn("instructions %s", why);
            rd_set_env(st->d, "instructions", why);
        }
        return;
    }
    free(vg);
    char *syms = symbol_map_format(&v->impl->symbols);
    for (size_t i = 0; i < ARRAY_LEN(counted) && !run_cell_failed(st, j); i++) {
        if (!sl_contains(&rp->scenarios, counted[i]))
            continue;
        struct strlist argv = {0};
        struct child_result res = {0};
        struct measure_cmd mc;
        measure_cmd_init(&mc, counted[i], v->lib_path);
        mc.variant = v->name;
        mc.symbols = syms;
        mc.quick = rp->quick;
        mc.counters = "instructions";
        mc.repetitions = 1;
        mc.min_time_ms = 1;
        mc.thread = rp->threads;
        mc.fib = rp->fib;
        mc.n_fib = rp->n_fib;
        mc.cycles = rp->cycles;
        mc.sample_every = rp->sample_every;
        mc.mode = "fresh";
        measure_cmd_argv(&mc, &argv);
        /* ~50x slower than native: a longer limit */
        struct child_spec spec = {
            .argv = argv.v, .timeout_s = rp->timeout_s > 0 ? 3.0 * rp->timeout_s : 0, .records = 1};
        child_run(&spec, &res);
        if (res.outcome != CHILD_INTERRUPTED) {
            char err[256];
            char *tail = child_err_tail(&res, 8);
            if (res.outcome != CHILD_OK) {
                char *cause = child_cause(&res);
                run_job_failed(st, j, cause, tail);
                free(cause);
            } else if (rd_parse_rows(st->d, j->variant, (int)index, 0, res.out, err,
                                     sizeof err) != 0) {
                run_job_failed(st, j, err, tail);
            }
            free(tail);
        }
        child_result_free(&res);
        sl_free(&argv);
    }
    free(syms);
}

/* ---------------------------------------------------------------- table */

/* prior_s: rough first guesses of a job's length, replaced by what is
 * measured. */
const struct job_kind job_kinds[] = {
    {"call", 1.0, call_guess_s, NULL, measure_job_argv, measure_job_run, NULL},
    {"pair", 1.0, pair_guess_s, NULL, pair_job_argv, measure_job_run, pair_applies},
    {"load", 0.05, NULL, NULL, measure_job_argv, measure_job_run, NULL},
    {"cycle", 0.3, cycle_guess_s, NULL, measure_job_argv, measure_job_run, NULL},
    {"size", 0.01, NULL, size_enabled, measure_job_argv, measure_job_run, NULL},
    {"process", 3.0, NULL, NULL, NULL, process_job_run, NULL},
    {"leak-check", 20.0, leak_guess_s, leak_enabled, NULL, leak_job_run, NULL},
    {"instructions", 6.0, NULL, instr_enabled, NULL, instr_job_run, NULL},
};
const size_t n_job_kinds = sizeof job_kinds / sizeof job_kinds[0];
_Static_assert(sizeof job_kinds / sizeof job_kinds[0] <= JOB_KINDS_MAX,
               "JOB_KINDS_MAX is too small for job_kinds[]");

/* ---------------------------------------------------------------- plan */

static void push_job(struct plan *p, int variant, int kind, int round, const char *mode)
{
    p->j = xrealloc(p->j, (p->n + 1) * sizeof *p->j);
    p->j[p->n++] = (struct job){variant, kind, round, mode};
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

/* One pass of kind k over the variants in ok[0..n): shuffled first when
 * the kind measures time. */
static void push_pass(const struct matrix *m, const struct run_params *rp, struct plan *p,
                      int *ok, size_t n, int k, int round, const char *mode, uint64_t *rng)
{
    if (job_kind_flags(k) & SC_TIMING)
        shuffle(ok, n, rng);
    for (size_t i = 0; i < n; i++)
        if (!job_kinds[k].applies || job_kinds[k].applies(m, rp, ok[i]))
            push_job(p, ok[i], k, round, mode);
}

/* A kind that only reads the file (size) also runs for a library that was
 * built but cannot be loaded (failed verify), as long as the file is an
 * ELF shared object for this machine: its file facts are still facts. */
static void push_unloadable(struct plan *p, const struct matrix *m, int k)
{
    char err[512];
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].built && !m->v[i].verified && m->v[i].lib_path &&
            elf_check_file(m->v[i].lib_path, err, sizeof err) == 0)
            push_job(p, (int)i, k, 0, NULL);
}

void make_plan(const struct matrix *m, const struct run_params *rp, uint64_t seed,
               struct plan *p)
{
    int *ok = xcalloc(m->n ? m->n : 1, sizeof *ok);
    size_t nok = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].verified)
            ok[nok++] = (int)i;
    p->seed = seed;
    uint64_t rng = seed ? seed : 0x9E3779B97F4A7C15ULL;
    for (int r = 0; r < rp->repetitions; r++)
        for (int k = 0; k < (int)n_job_kinds; k++) {
            unsigned f = job_kind_flags(k);
            if (!(f & SC_PER_ROUND) || !kind_enabled(k, rp))
                continue;
            if (f & SC_PER_MODE)
                for (size_t i = 0; i < rp->modes.n; i++)
                    push_pass(m, rp, p, ok, nok, k, r, rp->modes.v[i], &rng);
            else
                push_pass(m, rp, p, ok, nok, k, r, NULL, &rng);
        }
    for (int k = 0; k < (int)n_job_kinds; k++) {
        unsigned f = job_kind_flags(k);
        if ((f & SC_PER_ROUND) || !kind_enabled(k, rp))
            continue;
        if (f & SC_PER_MODE) {
            for (size_t i = 0; i < rp->modes.n; i++)
                push_pass(m, rp, p, ok, nok, k, 0, rp->modes.v[i], &rng);
        } else {
            push_pass(m, rp, p, ok, nok, k, 0, NULL, &rng);
            if ((f & SC_RUN) && !(f & SC_LOADS))
                push_unloadable(p, m, k);
        }
    }
    free(ok);
}

void plan_free(struct plan *p)
{
    free(p->j);
    memset(p, 0, sizeof *p);
}
