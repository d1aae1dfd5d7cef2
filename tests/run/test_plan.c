/* test_plan.c - the run planner without processes: a plan of N variants x
 * every job kind x R rounds is made and executed through a mock executor
 * that starts nothing (hyperfine's MockExecutor pattern). Checks that every
 * job is planned once, that each round holds every variant once per kind,
 * that the shuffle is reproducible from the seed and differs between
 * rounds, the priors and running estimates, that a failure is recorded per
 * (variant, kind) and skips the later rounds of that cell only, and the
 * measure argv each kind gets.
 *
 * usage: test_plan */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/scenario.h"
#include "run/exec.h"
#include "run/plan.h"
#include "run/leakcheck.h"
#include "run/progress.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else
        failed++;
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
}

#define NV 5        /* variants; the last is not verified */
#define ROUNDS 3

static struct impl_cfg impl;
static struct variant vs[NV];
static const int fib[] = {10, 20};

static void setup(struct matrix *m, struct run_params *rp)
{
    static const char *const names[NV] = {"a", "b", "c", "d", "unverified"};
    memset(m, 0, sizeof *m);
    memset(rp, 0, sizeof *rp);
    memset(&impl, 0, sizeof impl);
    for (int i = 0; i < NV; i++) {
        memset(&vs[i], 0, sizeof vs[i]);
        vs[i].name = (char *)names[i];
        vs[i].lib_path = (char *)"/lib/x.so";
        vs[i].impl = &impl;
        vs[i].verified = i < NV - 1;
    }
    m->v = vs;
    m->n = NV;
    rp->repetitions = ROUNDS;
    rp->reps_per_proc = 3;
    rp->min_time_ms = 10;
    rp->warmup_ms = 5;
    rp->cycles = 2000;
    rp->sample_every = 100;
    rp->cycles_timing = 40;
    rp->pin_cpu = -1;
    rp->timeout_s = 60;
    rp->process_runs = 10;
    rp->leak_check = 1;
    rp->leak_check_cycles = 200;
    rp->fib = fib;
    rp->n_fib = 2;
    rp->threads = "both";
    sl_split(&rp->scenarios, "call,load,cycle,size,process", ",");
    sl_split(&rp->modes, "fresh,pinned", ",");
}

static int kind(const char *name)
{
    int k = job_kind_find(name);
    if (k < 0) {
        printf("FAIL no job kind '%s'\n", name);
        exit(1);
    }
    return k;
}

/* Variants of the jobs p->j[from .. from+n) as a string "2013". */
static void order_of(const struct plan *p, size_t from, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (char)('0' + p->j[from + i].variant);
    out[n] = '\0';
}

static int job_eq(const struct job *a, const struct job *b)
{
    return a->variant == b->variant && a->kind == b->kind && a->round == b->round &&
           (a->mode == b->mode || (a->mode && b->mode && !strcmp(a->mode, b->mode)));
}

/* 1 if plans a and b hold the same jobs in the same order. */
static int same_plan(const struct plan *a, const struct plan *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (!job_eq(&a->j[i], &b->j[i]))
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- tables */

static void part_tables(void)
{
    int ok = 1;
    for (size_t i = 0; i < n_scenarios; i++) {
        const struct scenario *sc = &scenario_table[i];
        if ((sc->flags & SC_RUN) && (!sc->job || job_kind_find(sc->job) < 0))
            ok = 0;
        if ((sc->flags & SC_MEASURE) && !sc->run)
            ok = 0;
    }
    check(ok, "every run scenario names a job kind, every measure scenario has a run function");
    check(n_job_kinds <= JOB_KINDS_MAX, "JOB_KINDS_MAX bounds the job-kind table");
    check(job_kind_flags(kind("call")) & SC_PER_ROUND, "call is planned per round");
    check(job_kind_flags(kind("cycle")) & SC_PER_MODE, "cycle is planned per mode");
    check((job_kind_flags(kind("cycle")) & SC_PER_ROUND) &&
              (job_kind_flags(kind("process")) & SC_PER_ROUND),
          "cycle and process are planned per round: their statistics are over processes");
    check(job_kind_flags(kind("leak-check")) == 0, "leak-check has no scenario of its own");
    check(scenario_find("once", SC_MEASURE) && !scenario_find("once", SC_RUN),
          "once is a measure scenario, not a run scenario");
    check(scenario_find("process", SC_RUN) && !scenario_find("process", SC_MEASURE),
          "process is a run scenario, not a measure scenario");
    const char *names[8];
    size_t n = scenario_names(SC_RUN, names, 8);
    check(n == 6 && !strcmp(names[0], "call") && !strcmp(names[1], "pair") &&
              !strcmp(names[5], "process"),
          "[run] scenarios: call, pair, load, cycle, size, process in table order");
}

/* ---------------------------------------------------------------- plan */

static void part_plan(const struct matrix *m, const struct run_params *rp)
{
    struct plan p = {0}, q = {0}, o = {0};
    make_plan(m, rp, 42, &p);
    const size_t nv = NV - 1, modes = 2;
    /* a round: call, load, cycle per mode, process */
    const size_t per_round = (2 + modes + 1) * nv;
    size_t want = (size_t)ROUNDS * per_round + nv + nv;
    check(p.n == want, "every job planned: rounds x (call, load, modes x cycle, process) + "
                       "size, leak-check");
    check(p.seed == 42, "the seed is recorded with the plan");

    /* Every (variant, kind, round, mode) exactly once; never the unverified one. */
    int seen[NV][JOB_KINDS_MAX][ROUNDS][3];
    memset(seen, 0, sizeof seen);
    int bad = 0;
    for (size_t i = 0; i < p.n; i++) {
        const struct job *j = &p.j[i];
        int mi = j->mode ? (strcmp(j->mode, "fresh") ? 2 : 1) : 0;
        if (j->variant < 0 || j->variant >= NV - 1 || j->round < 0 || j->round >= ROUNDS)
            bad = 1;
        else
            seen[j->variant][j->kind][j->round][mi]++;
    }
    for (int v = 0; v < NV - 1; v++) {
        for (int r = 0; r < ROUNDS; r++) {
            bad |= seen[v][kind("call")][r][0] != 1 || seen[v][kind("load")][r][0] != 1;
            bad |= seen[v][kind("cycle")][r][1] != 1 || seen[v][kind("cycle")][r][2] != 1;
            bad |= seen[v][kind("process")][r][0] != 1;
        }
        bad |= seen[v][kind("size")][0][0] != 1;
        bad |= seen[v][kind("leak-check")][0][0] != 1;
    }
    check(!bad, "each variant x kind x round x mode once, no unverified variant");

    /* Interleaving: round r is a block of nv jobs of each of call, load,
     * cycle fresh, cycle pinned, process. */
    static const char *const parts[] = {"call", "load", "cycle", "cycle", "process"};
    static const char *const part_mode[] = {NULL, NULL, "fresh", "pinned", NULL};
    int inter = 1;
    for (int r = 0; r < ROUNDS; r++) {
        for (size_t part = 0; part < 5; part++) {
            size_t from = (size_t)r * per_round + part * nv;
            int mask = 0;
            for (size_t i = from; i < from + nv; i++) {
                const struct job *j = &p.j[i];
                inter &= j->round == r && j->kind == kind(parts[part]);
                inter &= part_mode[part] ? j->mode && !strcmp(j->mode, part_mode[part])
                                         : !j->mode;
                mask |= 1 << j->variant;
            }
            inter &= mask == (1 << nv) - 1;
        }
    }
    check(inter, "each round holds every variant once for call, load, cycle per mode, process");

    char r0[NV + 1], r1[NV + 1], r2[NV + 1];
    order_of(&p, 0, nv, r0);
    order_of(&p, per_round, nv, r1);
    order_of(&p, 2 * per_round, nv, r2);
    check(strcmp(r0, r1) || strcmp(r1, r2), "the call order differs between rounds");

    make_plan(m, rp, 42, &q);
    check(same_plan(&q, &p),
          "the same seed gives the same order");
    make_plan(m, rp, 43, &o);
    check(o.n == p.n && !same_plan(&o, &p),
          "another seed gives another order");

    /* Size (not timing) and leak-check are not shuffled: they keep the
     * order of the pass before them (the shuffle works in place). */
    size_t size_at = (size_t)ROUNDS * per_round;
    char prev[NV + 1], s[NV + 1], l[NV + 1];
    order_of(&p, size_at - nv, nv, prev);
    order_of(&p, size_at, nv, s);
    order_of(&p, size_at + nv, nv, l);
    check(!strcmp(s, prev) && !strcmp(l, s) && p.j[size_at].kind == kind("size") &&
              p.j[size_at + nv].kind == kind("leak-check"),
          "size and leak-check are not shuffled");

    struct run_params only = *rp;
    memset(&only.scenarios, 0, sizeof only.scenarios);
    sl_push(&only.scenarios, "size");
    only.leak_check = 0;
    struct plan z = {0};
    make_plan(m, &only, 42, &z);
    int all_size = z.n == nv;
    for (size_t i = 0; i < z.n; i++)
        all_size &= z.j[i].kind == kind("size");
    check(all_size, "--scenarios size plans only size jobs");
    sl_free(&only.scenarios);
    plan_free(&z);
    plan_free(&o);
    plan_free(&q);
    plan_free(&p);
}

/* ---------------------------------------------------------------- estimates */

static void part_estimates(const struct matrix *m, const struct run_params *rp)
{
    struct progress pg = {.quiet = 1};
    double call = 14 * (rp->warmup_ms + (3.0 + rp->reps_per_proc) * rp->min_time_ms) / 1e3;
    check(progress_estimate_s(&pg, kind("call"), rp) == call,
          "call: first guess from warm-up and min time");
    check(progress_estimate_s(&pg, kind("cycle"), rp) == rp->cycles * 150e-6,
          "cycle: first guess from the cycles");
    check(progress_estimate_s(&pg, kind("load"), rp) == job_kinds[kind("load")].prior_s &&
              progress_estimate_s(&pg, kind("leak-check"), rp) ==
                  leak_check_estimate_s(rp->leak_check_cycles, -1) + rp->cycles * 150e-6,
          "load: its prior; leak-check: valgrind's estimate and the gctrace loop");
    progress_done(&pg, kind("load"), 1.0);
    progress_done(&pg, kind("load"), 3.0);
    check(progress_estimate_s(&pg, kind("load"), rp) == 2.0,
          "after jobs ran: the mean of their lengths");
    struct plan p = {0};
    make_plan(m, rp, 1, &p);
    double sum = 0;
    for (size_t i = 3; i < p.n; i++)
        sum += progress_estimate_s(&pg, p.j[i].kind, rp);
    check(progress_eta_s(&pg, &p, 3, rp) == sum, "ETA: the estimates of the jobs left");
    plan_free(&p);
}

/* ---------------------------------------------------------------- execute */

struct mock {
    struct job ran[256];         /* the jobs run, in order */
    size_t index[256];           /* their plan indexes */
    size_t n;
    int fail_variant;            /* this variant's call fails in round 0 */
};

static void mock_run(void *ctx, struct run_state *st, const struct job *j, size_t index)
{
    struct mock *mk = ctx;
    if (mk->n < 256) {
        mk->ran[mk->n] = *j;
        mk->index[mk->n++] = index;
    }
    if (j->variant == mk->fail_variant && j->kind == job_kind_find("call"))
        run_job_failed(st, j, "killed by SIGSEGV", "mock log");
    else
        rd_add_sample(st->d, j->variant, (int)index, job_kinds[j->kind].name, "", "main",
                      "mock_us", "us", j->round, 1.0);
}

static void part_execute(const struct matrix *m, const struct run_params *rp)
{
    struct plan p = {0};
    struct run_data d = {0};
    struct run_state st;
    struct mock mk = {.fail_variant = 2};
    struct executor ex = {mock_run, &mk};
    struct progress pg = {.quiet = 1};
    for (int i = 0; i < NV; i++)
        rd_add_variant(&d, vs[i].name, "x", "c", "");
    make_plan(m, rp, 7, &p);
    run_state_init(&st, m, rp, &d);
    int stopped = plan_execute(&p, &st, &ex, &pg);
    check(!stopped, "the mock run ends without a stop");
    check(mk.n == p.n - (ROUNDS - 1), "every job ran but the later rounds of the failed cell");
    int order = 1;
    for (size_t i = 0, k = 0; i < p.n && k < mk.n; i++) {
        if (p.j[i].variant == 2 && p.j[i].kind == kind("call") && p.j[i].round > 0)
            continue;
        order &= mk.index[k] == i && job_eq(&mk.ran[k], &p.j[i]);
        k++;
    }
    check(order, "jobs run in plan order, each with its plan index");
    check(d.nf == 1 && !strcmp(d.f[0].variant, "c") && !strcmp(d.f[0].scenario, "call") &&
              !strcmp(d.f[0].cause, "killed by SIGSEGV"),
          "the failure is recorded once, for its variant and kind");
    struct job later = {2, kind("call"), 1, NULL}, other = {2, kind("load"), 1, NULL};
    check(run_cell_failed(&st, &later) && !run_cell_failed(&st, &other),
          "the failed cell is marked, the variant's other kinds are not");
    int counted = 0;
    for (size_t k = 0; k < n_job_kinds; k++)
        counted += pg.count[k];
    check(counted == (int)p.n, "the progress counts every job, skipped ones too");
    check(d.ns == mk.n - 1, "one sample per job that did not fail");
    run_state_free(&st);
    rd_free(&d);
    plan_free(&p);
}

/* ---------------------------------------------------------------- argv */

static int has_pair(const struct strlist *a, const char *opt, const char *val)
{
    for (size_t i = 0; i + 1 < a->n; i++)
        if (!strcmp(a->v[i], opt) && (!val || !strcmp(a->v[i + 1], val)))
            return 1;
    return 0;
}

static void part_argv(const struct matrix *m, const struct run_params *rp)
{
    struct run_data d = {0};
    struct run_state st;
    run_state_init(&st, m, rp, &d);
    struct job call = {1, kind("call"), 2, NULL}, cyc = {1, kind("cycle"), 0, "pinned"};
    struct strlist a = {0}, b = {0};
    job_kinds[call.kind].argv(&st, &call, &a);
    job_kinds[cyc.kind].argv(&st, &cyc, &b);
    check(a.n > 2 && !strcmp(a.v[1], "measure") && has_pair(&a, "--lib", "/lib/x.so") &&
              has_pair(&a, "--variant", "b") && has_pair(&a, "--scenario", "call"),
          "call argv: measure --lib --variant --scenario call");
    check(has_pair(&a, "--fib", "10,20") && has_pair(&a, "--thread", "both") &&
              has_pair(&a, "--repetitions", "3") && !has_pair(&a, "--cycles", NULL) &&
              !has_pair(&a, "--pin-cpu", NULL),
          "call argv: the call knobs only, no pinning at -1");
    check(has_pair(&b, "--scenario", "cycle") && has_pair(&b, "--mode", "pinned") &&
              has_pair(&b, "--cycles", "2000") && has_pair(&b, "--sample-every", "100") &&
              !has_pair(&b, "--fib", NULL),
          "cycle argv: the cycle knobs and the job's mode only");
    struct job cyc2 = {1, kind("cycle"), 3, "fresh"};
    struct strlist c2 = {0};
    job_kinds[cyc2.kind].argv(&st, &cyc2, &c2);
    check(has_pair(&c2, "--cycles", "40") && has_pair(&c2, "--sample-every", "40") &&
              has_pair(&c2, "--mode", "fresh"),
          "cycle argv of a later round: cycles_timing, one batch at most");
    sl_free(&c2);
    check(job_kinds[kind("process")].argv == NULL && job_kinds[kind("leak-check")].argv == NULL,
          "process and leak-check start their own processes");
    sl_free(&a);
    sl_free(&b);
    run_state_free(&st);
    rd_free(&d);
}

/* ---------------------------------------------------------------- pair */

/* The pair kind: one job per round for every variant but the baseline,
 * never a Go variant beside a Go baseline (one Go runtime per process). */
static void part_pair(struct matrix *m, struct run_params *rp)
{
    static struct impl_cfg c_impl, go_impl;
    memset(&c_impl, 0, sizeof c_impl);
    memset(&go_impl, 0, sizeof go_impl);
    c_impl.lang = (char *)"c";
    go_impl.lang = (char *)"go";
    const struct impl_cfg *saved[NV];
    for (int i = 0; i < NV; i++)
        saved[i] = vs[i].impl;
    vs[0].impl = &c_impl;  /* a: the baseline */
    vs[1].impl = &go_impl; /* b */
    vs[2].impl = &go_impl; /* c */
    vs[3].impl = &c_impl;  /* d */
    struct strlist sc = rp->scenarios;
    memset(&rp->scenarios, 0, sizeof rp->scenarios);
    sl_split(&rp->scenarios, "pair", ",");
    int leak = rp->leak_check;
    rp->leak_check = 0;
    int kp = kind("pair");
    struct plan p = {0};

    rp->baseline = 0;
    make_plan(m, rp, 7, &p);
    int per[NV] = {0};
    for (size_t i = 0; i < p.n; i++)
        per[p.j[i].variant] += p.j[i].kind == kp;
    check(per[0] == 0 && per[1] == ROUNDS && per[2] == ROUNDS && per[3] == ROUNDS &&
              per[4] == 0,
          "pair: a job per round for b, c (Go) and d beside the C baseline a, none for a");
    plan_free(&p);

    rp->baseline = 1;
    make_plan(m, rp, 7, &p);
    memset(per, 0, sizeof per);
    for (size_t i = 0; i < p.n; i++)
        per[p.j[i].variant] += p.j[i].kind == kp;
    check(per[0] == ROUNDS && per[1] == 0 && per[2] == 0 && per[3] == ROUNDS,
          "pair: a Go baseline is paired with C variants only, never with another Go one");
    plan_free(&p);

    rp->baseline = -1;
    make_plan(m, rp, 7, &p);
    size_t npair = 0;
    for (size_t i = 0; i < p.n; i++)
        npair += p.j[i].kind == kp;
    check(npair == 0, "pair: no baseline, no pairs");
    plan_free(&p);

    struct run_data d = {0};
    struct run_state st;
    rp->baseline = 0;
    vs[0].lib_path = (char *)"/lib/base.so";
    run_state_init(&st, m, rp, &d);
    struct job j = {3, kp, 1, NULL};
    struct strlist a = {0};
    job_kinds[kp].argv(&st, &j, &a);
    check(has_pair(&a, "--scenario", "pair") && has_pair(&a, "--lib", "/lib/x.so") &&
              has_pair(&a, "--baseline-lib", "/lib/base.so") && has_pair(&a, "--variant", "d"),
          "pair argv: --scenario pair --lib (the variant) --baseline-lib (the baseline)");
    sl_free(&a);
    run_state_free(&st);
    rd_free(&d);
    vs[0].lib_path = (char *)"/lib/x.so";
    sl_free(&rp->scenarios);
    rp->scenarios = sc;
    rp->leak_check = leak;
    for (int i = 0; i < NV; i++)
        vs[i].impl = saved[i];
}

int main(void)
{
    struct matrix m;
    struct run_params rp;
    setup(&m, &rp);
    part_tables();
    part_plan(&m, &rp);
    part_estimates(&m, &rp);
    part_execute(&m, &rp);
    part_argv(&m, &rp);
    part_pair(&m, &rp);
    sl_free(&rp.scenarios);
    sl_free(&rp.modes);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
