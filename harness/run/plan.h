/* plan.h - the jobs of `dlbench run`: the job-kind table, the plan (which
 * job runs when), and the state a run's jobs share.
 *
 * Why interleaved: a shared machine drifts (another job starts, the clock
 * changes). Repetitions of different variants alternate in an order
 * shuffled per round (seed recorded), so a drift hits every variant alike
 * instead of biasing whichever ran last.
 *
 * A job kind is a row of job_kinds[]; the scenario table (measure/
 * scenario.h) names the kind that measures each scenario (.job) and gives
 * the plan its shape: SC_PER_ROUND kinds get one job per variant in every
 * round (and per cycle mode with SC_PER_MODE), SC_PER_MODE kinds one per
 * cycle mode, the others one per run;
 * SC_TIMING kinds are shuffled. Executing a plan: exec.h. */
#ifndef DLBENCH_PLAN_H
#define DLBENCH_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "matrix/variants.h"
#include "results/rundata.h"
#include "run/params.h"

/* Upper bound of n_job_kinds (sizes per-kind arrays). */
#define JOB_KINDS_MAX 16

struct run_state;
struct run_folder;

/* One job: one measuring process (or one hyperfine or valgrind run) of one
 * variant. */
struct job {
    int variant;             /* index into matrix and run_data (same order) */
    int kind;                /* index into job_kinds[] */
    int round;               /* 0-based round; 0 for kinds planned once per run */
    const char *mode;        /* SC_PER_MODE kinds: "fresh" / "pinned" (borrowed from
                              * run_params.modes); NULL otherwise */
};

struct job_kind {
    const char *name;        /* progress line, and the scenario column of a failure */
    double prior_s;          /* first guess of one job's length, s (replaced by the
                              * mean of finished jobs, progress.c) */
    /* A better first guess from the budgets, s, or NULL to use prior_s. */
    double (*guess_s)(const struct run_params *rp);
    /* Enabled in this run? NULL: when a scenario whose .job is this kind
     * is in rp->scenarios. */
    int (*enabled)(const struct run_params *rp);
    /* Appends the `dlbench measure` argv of job j, or NULL when the kind
     * starts its own processes (hyperfine, valgrind). */
    void (*argv)(const struct run_state *st, const struct job *j, struct strlist *argv);
    /* Runs job j, the index-th of the plan (index = the samples' process
     * number): samples into st->d, a failure through run_job_failed. */
    void (*run)(struct run_state *st, const struct job *j, size_t index);
    /* Does the kind measure variant v of m at all? NULL: every verified
     * variant (pair: not the baseline, never two one-runtime libraries). */
    int (*applies)(const struct matrix *m, const struct run_params *rp, int v);
};

/* The table, in planning order within a round and after the rounds. */
extern const struct job_kind job_kinds[];
extern const size_t n_job_kinds;

/* Index of the kind named name, or -1. */
int job_kind_find(const char *name);
/* The scenario flags (SC_*) that shape kind k's jobs: those of the
 * SC_RUN scenario whose .job is its name, 0 when there is none
 * (leak-check). */
unsigned job_kind_flags(int k);

struct plan {
    struct job *j;           /* in execution order */
    size_t n;
    uint64_t seed;           /* seed the order was shuffled with (as given) */
};

/* Plans every job of a run over the verified variants of m (kinds that only
 * read the file - size - also over built variants that failed verify and
 * are ELF shared objects for this machine): rp->repetitions
 * rounds of the SC_PER_ROUND kinds (kind by kind, each a shuffled pass over
 * the variants, a pass per mode for SC_PER_MODE), then the other enabled
 * kinds in table order (a pass per mode for SC_PER_MODE). Passes of SC_TIMING kinds are shuffled with
 * xorshift64* seeded by seed (0 = a fixed constant), so a seed reproduces
 * the order. p must be zeroed; free with plan_free. */
void make_plan(const struct matrix *m, const struct run_params *rp, uint64_t seed,
               struct plan *p);
void plan_free(struct plan *p);

/* What the jobs of one run share: inputs, where results go, and what
 * failed so far. */
struct run_state {
    const struct matrix *m;      /* variants, in the order of d->v */
    const struct run_params *rp;
    struct run_data *d;          /* samples and failures land here */
    char *failed;                /* [variant * n_job_kinds + kind]: 1 after a failure:
                                  * later jobs of that cell are skipped (a crash in
                                  * round 1 would crash again in round 2) */
    int process_skip_warned;     /* "hyperfine not found" was said */
    int instr_skip_warned;       /* "valgrind not found" was said (instructions) */
    struct run_folder *rf;       /* where the children's logs go (logs/); NULL: nowhere */
    int show_output;             /* --show-output: each child's command line and log on
                                  * stderr */
    size_t log_bytes;            /* bytes of logs kept so far (capped: LOGS_MAX_BYTES) */
};

/* A child's log kept in the run folder: its last LOG_MAX_BYTES; the logs of
 * a run: LOGS_MAX_BYTES in all, later ones are not kept (a warning says so). */
#define LOG_MAX_BYTES ((size_t)64 << 10)
#define LOGS_MAX_BYTES ((size_t)32 << 20)

void run_state_init(struct run_state *st, const struct matrix *m, const struct run_params *rp,
                    struct run_data *d);
void run_state_free(struct run_state *st);
/* 1 if job j's (variant, kind) cell failed before. */
int run_cell_failed(const struct run_state *st, const struct job *j);
/* Records the first failure of j's cell in st->d (scenario column: the
 * kind's name) and warns "<variant> <kind> failed: <cause>" on stderr;
 * later failures of the cell are dropped. log: stderr tail, may be "". */
void run_job_failed(struct run_state *st, const struct job *j, const char *cause,
                    const char *log);
/* The same, naming the child's whole log in the run folder (log_file, a
 * path inside it, or NULL) in the failure's log_file. */
void run_job_failed_log(struct run_state *st, const struct job *j, const char *cause,
                        const char *log, const char *log_file);
/* What a child printed (its log: the library's stdout and stderr alone)
 * for job j (or, j NULL, step "verify" of variant vi): with
 * st->show_output its command line (cmdline, NULL: not shown), log and the
 * child's own messages (msgs: child_result.msgs, NULL: none) go to stderr;
 * without it the child's warnings are printed, named by variant and job.
 * When the library printed anything and st->rf is set, the log is kept in
 * the run folder
 * as logs/<variant>/<kind>-<round>.log (<kind>-<mode>-<round>.log for
 * cycle, verify.log). Returns that path inside the run folder, or NULL when
 * nothing was kept. Caller frees. */
char *run_keep_log(struct run_state *st, const struct job *j, int vi, const char *cmdline,
                   const char *log, size_t log_len, const char *msgs);

#endif
