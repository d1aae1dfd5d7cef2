/* run.c - `dlbench run`: build, verify, measure the whole matrix in child
 * processes, interleaved (plan.h says why and how), then write the run
 * folder. Here: options, the run parameters, the run's records. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "matrix/build.h"
#include "matrix/lang.h"
#include "base/child.h"
#include "run/cpushare.h"
#include "run/env.h"
#include "run/exec.h"
#include "run/plan.h"
#include "run/progress.h"
#include "measure/counters.h"
#include "measure/elf.h"
#include "measure/pmu.h"
#include "results/rundata.h"
#include "results/runfolder.h"
#include "results/runmodel.h"
#include "results/verdicts.h"
#include "run/run.h"
#include "base/util.h"
#include "matrix/verify.h"
#include "measure/gbench.h"
#include "results/writers.h"

/* ---------------------------------------------------------------- setup */

/* Without the Google Benchmark module a run does what it can: "both"
 * measures natively, "gbench" skips the call scenario; a warning says so
 * (`measure --engine gbench` is an error instead). */
static void resolve_engine(struct run_params *rp)
{
    if (!strcmp(rp->engine, "native") || !sl_contains(&rp->scenarios, "call") ||
        gbench_available())
        return;
    char *p = gbench_module_path();
    if (!strcmp(rp->engine, "both")) {
        db_warn("engine 'both': the Google Benchmark engine is not available ('%s' not "
                "found; install libbenchmark-dev and rebuild dlbench): call is measured with "
                "the native engine only",
                p);
        rp->engine = "native";
    } else {
        db_warn("engine 'gbench': the Google Benchmark engine is not available ('%s' not "
                "found; install libbenchmark-dev and rebuild dlbench): scenario 'call' skipped",
                p);
        struct strlist kept = {0};
        for (size_t i = 0; i < rp->scenarios.n; i++)
            if (strcmp(rp->scenarios.v[i], "call"))
                sl_push(&kept, rp->scenarios.v[i]);
        sl_free(&rp->scenarios);
        rp->scenarios = kept;
    }
    free(p);
}

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
    /* [run] batches per process: the statistics are over processes (see
     * results/aggregate.h), the spread inside one shows what is machine,
     * what is process placement. */
    rp->reps_per_proc = c->batches;
    rp->baseline = -1;
    rp->process_runs = 2; /* per round: hyperfine's least */
    if (o->quick) {
        /* Same code paths, tiny budgets: for tests and a first look. */
        rp->repetitions = 3;
        rp->min_time_ms = 2;
        rp->warmup_ms = 1;
        rp->cycles = 60;
        rp->sample_every = 10;
        rp->reps_per_proc = 3;
        rp->leak_check_cycles = rp->leak_check_cycles < 20 ? rp->leak_check_cycles : 20;
    }
    if (o->repetitions)
        rp->repetitions = (int)o->repetitions;
    if (o->cycles) {
        rp->cycles = (int)o->cycles;
        if (rp->sample_every * 6 > rp->cycles)
            rp->sample_every = rp->cycles / 6 > 0 ? rp->cycles / 6 : 1;
    }
    /* Cycle and cold start run in every round, so their statistics are over
     * processes too (results/aggregate.h). Round 1's cycle process keeps the
     * full count: leak slopes and RSS series need many cycles in one process. */
    rp->cycles_timing = rp->cycles / (rp->repetitions > 0 ? rp->repetitions : 1);
    if (rp->cycles_timing < 10)
        rp->cycles_timing = rp->cycles < 10 ? rp->cycles : 10;
    /* leak_check_share: that share of the cycles (all of them at 1). */
    if (c->leak_check_share > 0) {
        double n = c->leak_check_share * (double)rp->cycles + 0.5;
        rp->leak_check_cycles = n < 1 ? 1 : (int)n;
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
    rp->counters = CTR_TIME;
    for (size_t i = 0; i < c->n_counters; i++)
        rp->counters |= counter_bit(c->counters[i]);
    rp->engine = o->engine ? o->engine : c->engine;
    resolve_engine(rp);
    return 0;
}

/* Hardware counters asked for that the kernel does not give (no PMU in a
 * VM, perf_event_paranoid): a warning each and an env.txt line, never an
 * error; rp->pmu keeps the ones that work. */
static void probe_counters(struct run_data *d, struct run_params *rp)
{
    unsigned want = pmu_bits(rp->counters);
    char why[512];
    if (!want)
        return;
    rp->pmu = pmu_probe(want, why, sizeof why);
    if (rp->pmu == want)
        return;
    struct strlist lines = {0};
    struct strbuf note = {0};
    sl_split(&lines, why, "\n");
    for (size_t i = 0; i < lines.n; i++) {
        /* a line is "<counter>: <strerror>" */
        const char *colon = strstr(lines.v[i], ": ");
        int len = colon ? (int)(colon - lines.v[i]) : (int)strlen(lines.v[i]);
        int is_instr = colon && !strncmp(lines.v[i], "instructions", (size_t)len) && len == 12;
        db_warn("hardware counter '%.*s' not available (perf_event_open: %s; a virtual machine "
                "often exposes no PMU): not read around the timed batches%s",
                len, lines.v[i], colon ? colon + 2 : "unknown",
                is_instr ? "; instructions per call still come from callgrind" : "");
        sb_printf(&note, "%s%s", i ? "; " : "", lines.v[i]);
    }
    sb_append(&note, " (perf_event_open): hardware counters not read");
    rd_set_env(d, "counters_skipped", note.buf);
    sb_free(&note);
    sl_free(&lines);
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

/* The index of the baseline variant, or one of these. */
enum { BASELINE_NONE = -1, BASELINE_NOT_A_VARIANT = -2 };

/* The baseline asked for (--baseline, then [run] baseline), else the first
 * verified variant of the language the table makes the default baseline,
 * else the first verified one. BASELINE_NOT_A_VARIANT when the name asked
 * for is not in the matrix, BASELINE_NONE when nothing is verified. */
static int pick_baseline(const struct run_opts *o, const struct matrix *m)
{
    const char *want = o->baseline ? o->baseline : m->cfg.run.baseline;
    if (want) {
        for (size_t i = 0; i < m->n; i++)
            if (!strcmp(m->v[i].name, want))
                return (int)i;
        return BASELINE_NOT_A_VARIANT;
    }
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].verified && lang_has(m->v[i].impl->lang, LANG_BASELINE))
            return (int)i;
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].verified)
            return (int)i;
    return BASELINE_NONE;
}

/* The pair scenario and every ratio to the baseline need the baseline to
 * work: when it failed its own verify or call measurement (stage), say
 * so once, as a warning and as a failures.csv row (baseline, "pair"), not
 * only through each variant's failed or missing pair. */
static void note_baseline_failed(struct run_data *d, const struct run_params *rp,
                                 const struct variant *b, const char *stage, const char *cause)
{
    const char *after = sl_contains(&rp->scenarios, "pair")
                            ? "the pair scenario and every ratio to it are missing or incomplete"
                            : "every ratio to it is missing or incomplete";
    char *msg = xasprintf("the baseline '%s' failed %s: %s; %s; choose another with "
                          "--baseline NAME or [run] baseline",
                          b->name, stage, cause, after);
    db_warn("%s", msg);
    rd_add_failure(d, b->name, "pair", msg, "");
    free(msg);
}

/* After measuring: the baseline's own call job failed (its first cause). */
static void check_baseline_measured(struct run_data *d, const struct run_params *rp,
                                    const struct matrix *m)
{
    if (rp->baseline < 0)
        return;
    const struct variant *b = &m->v[rp->baseline];
    for (size_t i = 0; i < d->nf; i++)
        if (!strcmp(d->f[i].variant, b->name) && !strcmp(d->f[i].scenario, "call")) {
            note_baseline_failed(d, rp, b, "its call measurement", d->f[i].cause);
            return;
        }
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
        free(rv->build_id);
        /* the file measured: equal build IDs in two runs let `compare` tell
         * the machine's change from the library's */
        rv->build_id = v->built ? elf_file_build_id(v->lib_path) : xstrdup("");
        rv->ok = v->verified;
        rv->impl_index = v->impl_index;
        rv->toolchain_index = v->toolchain_index;
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
    SETI("batches", rp->reps_per_proc);
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
    char ctr[128];
    counters_format(rp->counters, ctr, sizeof ctr);
    rd_set_env(d, "counters", ctr);
    rd_set_env(d, "engine", rp->engine);
    for (size_t i = 0; i < m->n; i++) {
        const struct variant *v = &m->v[i];
        char *key = xasprintf("variant %s", v->name);
        char *val = xasprintf("info=%s; build=%s; recipe=%s; lib=%s", v->info ? v->info : "-",
                              v->build_version && *v->build_version ? v->build_version : "-",
                              v->impl->build ? v->impl->build : "(brought)", v->lib_path);
        rd_set_env(d, key, val);
        free(key);
        free(val);
        if (!v->verified)
            continue;
        key = xasprintf("cycle_call %s", v->name);
        val = variant_cycle_call(v);
        rd_set_env(d, key, val);
        free(key);
        free(val);
    }
}

/* " OPT word" for a command line people read. */
static void cl_arg(struct strbuf *sb, const char *opt, const char *val)
{
    char *q = shell_word(val);
    sb_printf(sb, " %s %s", opt, q);
    free(q);
}

static void cl_list(struct strbuf *sb, const char *opt, const struct strlist *l)
{
    struct strbuf v = {0};
    for (size_t i = 0; i < l->n; i++)
        sb_printf(&v, "%s%s", i ? "," : "", l->v[i]);
    if (l->n)
        cl_arg(sb, opt, v.buf);
    sb_free(&v);
}

/* env.txt "reproduce": the command that runs this run again with the
 * run folder's bench.toml copied to a checkout's root - every option that
 * changed the run (budgets given on the command line, --only, --go, the
 * seed, the baseline, the scenarios, the output folder), canonical; and
 * "reports_dir": the folder the run went into, for `dlbench plot` (-o made
 * absolute, else [run] output, relative to the config's folder). */
static void record_reproduce(struct run_data *d, const struct run_opts *o,
                             const struct matrix *m, const struct run_params *rp, uint64_t seed)
{
    struct strbuf cl = {0};
    char *dir = o->out_dir ? path_abs(o->out_dir) : xstrdup(m->cfg.run.output);
    rd_set_env(d, "reports_dir", dir);
    sb_append(&cl, "dlbench run -c bench.toml");
    if (o->out_dir)
        cl_arg(&cl, "-o", dir);
    free(dir);
    cl_list(&cl, "--only", &o->m.only);
    cl_list(&cl, "--go", &o->m.go);
    const char *sopt[3] = {"--lib", "--go-package", "--symbols"};
    const char *sval[3] = {o->m.suite.lib, o->m.suite.go_package, o->m.suite.symbols};
    for (int i = 0; i < 3; i++) {
        if (!sval[i])
            continue;
        char *v = i < 2 ? path_abs(sval[i]) : xstrdup(sval[i]);
        cl_arg(&cl, sopt[i], v);
        free(v);
    }
    if (o->m.libs_dir) {
        char *ld = path_abs(o->m.libs_dir);
        cl_arg(&cl, "--libs-dir", ld);
        free(ld);
    }
    if (o->quick)
        sb_append(&cl, " --quick");
    if (o->repetitions)
        sb_printf(&cl, " --repetitions %ld", o->repetitions);
    if (o->cycles)
        sb_printf(&cl, " --cycles %ld", o->cycles);
    sb_printf(&cl, " --seed %llu", (unsigned long long)seed);
    if (o->baseline)
        cl_arg(&cl, "--baseline", o->baseline);
    else if (rp->baseline >= 0)
        cl_arg(&cl, "--baseline", m->v[rp->baseline].name);
    cl_list(&cl, "--scenarios", &rp->scenarios);
    if (o->engine)
        cl_arg(&cl, "--engine", o->engine);
    if (o->leak_check)
        sb_append(&cl, " --leak-check");
    rd_set_env(d, "reproduce", cl.buf);
    sb_free(&cl);
}

/* What each verify child printed: into logs/<variant>/verify.log (named by
 * the variant's verify failure) and, with --show-output, on stderr. */
static void keep_verify_logs(struct run_state *rs)
{
    for (size_t i = 0; i < rs->m->n; i++) {
        const struct variant *v = &rs->m->v[i];
        if (!v->verify_cmd)
            continue;
        const char *log = v->verify_log ? v->verify_log : "";
        char *file = run_keep_log(rs, NULL, (int)i, v->verify_cmd, log, strlen(log), NULL);
        for (size_t k = 0; file && k < rs->d->nf; k++) {
            struct failure *f = &rs->d->f[k];
            if (!strcmp(f->variant, v->name) && !strcmp(f->scenario, "verify") && !f->log_file)
                f->log_file = xstrdup(file);
        }
        free(file);
    }
}

/* Statistical outliers, like hyperfine's "Statistical outliers were
 * detected": one line per result when few have them (or with -v), else one
 * line that counts them and names the worst; the report lists them all. */
static void warn_outliers(const struct run_data *d, int verbose)
{
    size_t n_with = 0, worst = 0;
    double worst_share = -1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < d->nr; i++) {
            const struct result *r = &d->r[i];
            if (!r->s.n_outliers || r->s.n < 5 || !metric_is_timing(r->metric))
                continue;
            if (pass == 0) {
                double share = (double)r->s.n_outliers / (double)r->s.n;
                if (share > worst_share)
                    worst_share = share, worst = i;
                n_with++;
                continue;
            }
            if (n_with > 3 && !verbose && i != worst)
                continue;
            struct strbuf key = {0};
            sb_printf(&key, "%s %s", d->v[r->variant].name, r->scenario);
            if (*r->workload)
                sb_printf(&key, "/%s", r->workload);
            if (*r->thread)
                sb_printf(&key, "/%s", r->thread);
            sb_printf(&key, " %s", r->metric);
            if (n_with > 3 && !verbose)
                db_warn_repeated("statistical outliers (modified Z-score > 3.5) in %zu timing "
                                 "results, most in %s (%zu of %zu values): another program or "
                                 "an interrupt may have disturbed them; consider re-running on "
                                 "a quiet system (the report lists them all; -v prints each)",
                                 n_with, key.buf, r->s.n_outliers, r->s.n);
            else
                db_warn_repeated("statistical outliers in %s: %zu of %zu values far from the "
                                 "median (modified Z-score > 3.5): another program or an "
                                 "interrupt may have disturbed them; consider re-running on a "
                                 "quiet system",
                                 key.buf, r->s.n_outliers, r->s.n);
            sb_free(&key);
        }
    }
}

/* ------------------------------------------------------- another run */

/* Says (once per sentence) that another run measures on our CPU, and
 * records it as an environment warning: it goes with every timing result
 * into summary.csv and the report. */
static void note_cpu_share(const struct cpushare *cs, struct strlist *warnings)
{
    char *w = cpushare_warning(cs);
    if (w && !sl_contains(warnings, w)) {
        db_warn("%s", w);
        sl_push(warnings, w);
    }
    free(w);
}

/* The real executor, looking before each job for another run that began
 * measuring on our CPU meanwhile. */
struct share_exec {
    const struct cpushare *cs;
};

static void run_job_checked(void *ctx, struct run_state *st, const struct job *j, size_t index)
{
    const struct share_exec *x = ctx;
    note_cpu_share(x->cs, &st->d->env_warnings);
    executor_processes.run(executor_processes.ctx, st, j, index);
}

/* ---------------------------------------------------------------- outputs */

/* findings.csv: the verdicts (results/verdicts.h) over the files just
 * written, read back through the one reader, so that the report, the
 * terminal summary and `dlbench report` later all see the same numbers. */
static void write_findings(struct run_folder *rf)
{
    struct run_model rm;
    struct strbuf sb = {0};
    char err[1024];
    if (run_model_read(&rm, rf->stage, RM_NEED_SUMMARY, err, sizeof err) != 0) {
        db_error("cannot compute the findings: %s", err);
        goto out;
    }
    verdicts_compute(&rm);
    write_findings_csv(&rm, &sb);
    runfolder_write(rf, "findings.csv", sb.buf ? sb.buf : "", sb.len);
out:
    sb_free(&sb);
    run_model_free(&rm);
}

/* Writes the run's files; after the first failed write nothing that reads
 * them (charts, report) is made. */
static void write_outputs(struct run_folder *rf, const struct run_data *d, const struct matrix *m,
                          int interrupted, int no_plot)
{
    for (size_t i = 0; i < n_run_writers; i++) {
        struct strbuf sb = {0};
        run_writers[i].write(d, &sb);
        runfolder_write(rf, run_writers[i].file, sb.buf ? sb.buf : "", sb.len);
        sb_free(&sb);
    }
    runfolder_write(rf, "bench.toml", m->cfg.text, m->cfg.text_len);
    if (runfolder_whole(rf))
        write_findings(rf);
    if (interrupted)
        runfolder_write(rf, "PARTIAL", "interrupted: this run is incomplete\n", 36);
    /* The formats other tools read, partial runs too: no gnuplot, quick. */
    if (runfolder_whole(rf))
        run_write_data(rf);
    /* Charts and report only for complete runs: an interrupted run must
     * stop within seconds. */
    if (!interrupted && !no_plot && runfolder_whole(rf))
        run_plot_and_report(rf);
}

/* Moves the run to its final name and says, truthfully, what it is.
 * Returns the exit status. */
static int finish_run(struct run_folder *rf, const struct run_data *d, int interrupted,
                      double wall)
{
    int frc = runfolder_finish(rf, !interrupted);
    if (!runfolder_whole(rf) || (frc != 0 && !rf->latest_failed)) {
        struct strbuf what = {0};
        for (size_t i = 0; i < rf->not_written.n; i++)
            sb_printf(&what, "%s%s", i ? ", " : "", rf->not_written.v[i]);
        if (rf->not_written.n)
            fprintf(stderr,
                    "dlbench: incomplete run in %s: not written: %s (%s); 'latest' not moved; "
                    "%zu samples measured%s\n",
                    rf->final, what.buf, rf->write_error, d->ns,
                    sl_contains(&rf->not_written, "results.csv") ? " but not saved" : "");
        else
            fprintf(stderr,
                    "dlbench: incomplete run left in %s: it could not be renamed; 'latest' not "
                    "moved\n",
                    rf->final);
        sb_free(&what);
        return interrupted ? EXIT_INTERRUPTED : EXIT_SOME_FAILED;
    }
    if (!interrupted)
        run_print_summary(rf->final, stdout);
    fprintf(stderr, "dlbench: %s run written to %s (%zu samples, %zu failures) in %.1f s%s\n",
            interrupted ? "partial" : "complete", rf->final, d->ns, d->nf, wall,
            rf->latest_failed ? "; 'latest' not moved" : "");
    if (interrupted)
        return EXIT_INTERRUPTED;
    return rf->latest_failed || d->nf ? EXIT_SOME_FAILED : EXIT_OK;
}

/* ---------------------------------------------------------------- command */

int run_execute(const struct run_opts *opts)
{
    const struct run_opts o = *opts;
    int argc = o.argc;
    char **argv = o.argv;
    struct matrix m = {0};
    struct run_params rp = {0};
    struct run_data d = {0};
    struct run_folder rf = {0};
    struct plan plan = {0};
    struct cpushare cs = {.fd = -1, .cpu = -1};
    struct strlist early_warnings = {0};
    int rc = EXIT_USAGE;
    int64_t t0 = 0;

    /* -q: warnings the report repeats are left to the report. */
    db_quiet_repeated = o.m.quiet;
    if (matrix_load(&o.m, &m) != 0)
        goto out;
    resolve_params(&o, &m, &rp);
    if ((o.baseline || m.cfg.run.baseline) && pick_baseline(&o, &m) == BASELINE_NOT_A_VARIANT) {
        db_error("baseline '%s' is not a variant of this run",
                 o.baseline ? o.baseline : m.cfg.run.baseline);
        goto out;
    }
    char *reports = o.out_dir ? xstrdup(o.out_dir) : path_join(m.cfg.root, m.cfg.run.output);
    int frc = runfolder_create(&rf, reports, o.wait ? RUNFOLDER_WAIT : RUNFOLDER_REFUSE);
    free(reports);
    if (frc != 0)
        goto out;
    t0 = now_ns(); /* wall_s leaves out the wait for another run (--wait) */
    child_install_stop_handlers();
    cpushare_join(&cs, rp.pin_cpu);
    note_cpu_share(&cs, &early_warnings); /* said now, recorded below */

    /* 1. build, 2. verify */
    build_all(&m, o.m.quiet);
    verify_all(&m, o.m.quiet);
    if (!o.m.quiet)
        verify_print_table(&m, stderr);

    /* Environment before measuring: load and governor as the run starts. */
    env_capture(&d, m.cfg.root);
    for (size_t i = 0; i < early_warnings.n; i++)
        if (!sl_contains(&d.env_warnings, early_warnings.v[i]))
            sl_push(&d.env_warnings, early_warnings.v[i]);
    rd_set_env(&d, "run_id", rf.run_id);
    {
        /* How to reproduce this run: the command line, quoted. */
        struct strbuf cl = {0};
        sb_append(&cl, "dlbench");
        for (int i = 0; i < argc; i++) {
            char *q = shell_word(argv[i]);
            sb_printf(&cl, " %s", q);
            free(q);
        }
        rd_set_env(&d, "command", cl.buf);
        sb_free(&cl);
    }
    fill_run_data(&d, &m);
    int baseline = pick_baseline(&o, &m);
    if (baseline >= 0 && !m.v[baseline].verified) {
        /* asked for by name (pick_baseline never chooses one): not used */
        note_baseline_failed(&d, &rp, &m.v[baseline], m.v[baseline].built ? "verify" : "to build",
                             m.v[baseline].failure ? m.v[baseline].failure : "not verified");
        baseline = BASELINE_NONE;
    }
    d.baseline = baseline >= 0 ? baseline : -1;
    rp.baseline = d.baseline;
    uint64_t seed = o.have_seed ? o.seed : ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid();
    record_params(&d, &m, &rp, seed, d.baseline);
    record_reproduce(&d, &o, &m, &rp, seed);
    probe_counters(&d, &rp);

    /* 3. measure */
    make_plan(&m, &rp, seed, &plan);
    struct run_state rs;
    run_state_init(&rs, &m, &rp, &d);
    rs.rf = &rf;
    rs.show_output = o.show_output;
    keep_verify_logs(&rs);
    /* With --show-output the progress is one line per job: the children's
     * output goes between them. */
    struct progress pg = {.tty = isatty(2) && !o.show_output, .quiet = o.m.quiet};
    struct share_exec sx = {&cs};
    const struct executor ex = {run_job_checked, &sx};
    int interrupted = plan_execute(&plan, &rs, &ex, &pg);
    run_state_free(&rs);
    check_baseline_measured(&d, &rp, &m);
    note_cpu_share(&cs, &d.env_warnings);

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
    warn_outliers(&d, o.show_output);
    write_outputs(&rf, &d, &m, interrupted, o.no_plot);

    /* 5. the final name, latest, the summary */
    rc = finish_run(&rf, &d, interrupted, wall);
out:
    cpushare_leave(&cs);
    sl_free(&early_warnings);
    plan_free(&plan);
    rd_free(&d);
    runfolder_free(&rf);
    sl_free(&rp.scenarios);
    sl_free(&rp.modes);
    matrix_free(&m);
    return rc;
}
