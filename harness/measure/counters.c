/* counters.c - counter names, and counting instructions under callgrind
 * (see counters.h). */
#define _GNU_SOURCE
#include "measure/counters.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "base/child.h"
#include "measure/cgdump.h"
#include "measure/rows.h"

/* ---------------------------------------------------------------- names */

const struct counter_def counter_table[] = {
    {"time", CTR_TIME, "the scenario's timings (ns_per_call, dlopen_us, cycle_us)"},
    {"instructions", CTR_INSTRUCTIONS,
     "instructions per call under callgrind; with time also the PMU's, around timed batches"},
    {"cycles", CTR_CYCLES, "CPU cycles per call (PMU, around timed batches)"},
    {"branch-misses", CTR_BRANCH_MISSES, "branch misses per call (PMU, around timed batches)"},
    {"cache-misses", CTR_CACHE_MISSES, "cache misses per call (PMU, around timed batches)"},
};
const size_t n_counters = sizeof counter_table / sizeof counter_table[0];
const char *const counter_names[] = {"time", "instructions", "cycles", "branch-misses",
                                     "cache-misses"};
_Static_assert(sizeof counter_names / sizeof counter_names[0] ==
                   sizeof counter_table / sizeof counter_table[0],
               "counter_names[] follows counter_table[]");

unsigned counter_bit(const char *name)
{
    for (size_t i = 0; i < n_counters; i++)
        if (!strcmp(counter_table[i].name, name))
            return counter_table[i].bit;
    return 0;
}

void counters_format(unsigned bits, char *buf, size_t len)
{
    size_t at = 0;
    if (len)
        buf[0] = '\0';
    for (size_t i = 0; i < n_counters && at < len; i++) {
        if (!(bits & counter_table[i].bit))
            continue;
        int k = snprintf(buf + at, len - at, "%s%s", at ? "," : "", counter_table[i].name);
        if (k < 0)
            break;
        at += (size_t)k;
    }
}

int counters_parse(const char *list, unsigned *bits, char *err, size_t errlen)
{
    struct strlist l = {0};
    int rc = 0;
    *bits = 0;
    sl_split(&l, list, ",");
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        unsigned b = counter_bit(l.v[i]);
        if (!b) {
            snprintf(err, errlen,
                     "unknown counter '%s' (time, instructions, cycles, branch-misses, "
                     "cache-misses)",
                     l.v[i]);
            rc = -1;
        }
        *bits |= b;
    }
    if (rc == 0 && !*bits) {
        snprintf(err, errlen, "no counter named in '%s'", list);
        rc = -1;
    }
    sl_free(&l);
    return rc;
}

/* ---------------------------------------------------------------- brackets */

__attribute__((noinline)) void cg_loop_begin(void)
{
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
}

__attribute__((noinline)) void cg_loop_end(void)
{
    CALLGRIND_TOGGLE_COLLECT;
}

void cg_dump(const char *metric, const char *workload, const char *thread, uint64_t n)
{
    char label[192];
    (void)snprintf(label, sizeof label, "dlbench;%s;%s;%s;%llu", metric, workload, thread,
                   (unsigned long long)n);
    CALLGRIND_DUMP_STATS_AT(label);
}

void cg_loop_lengths(double cost_instr, int quick, uint64_t *n1, uint64_t *n2)
{
    double budget = quick ? 2e5 : 2e6;
    double n = cost_instr > 0 ? budget / cost_instr : 1000;
    if (n > 1000)
        n = 1000;
    if (n < 2)
        n = 2;
    *n1 = (uint64_t)n;
    *n2 = 3 * *n1;
}

/* ---------------------------------------------------------------- outside */

/* GODEBUG for the inner run: the user's, plus asyncpreemptoff=1. */
static char *godebug(void)
{
    const char *g = getenv("GODEBUG");
    if (g && *g)
        return xasprintf("GODEBUG=%s,asyncpreemptoff=1", g);
    return xstrdup("GODEBUG=asyncpreemptoff=1");
}

struct tally {
    struct cg_label key;      /* n unused */
    uint64_t n[4], ir[4];
    size_t k;
};

/* Adds one dump file's count to its (metric, workload, thread, n). */
static void tally_add(struct tally **t, size_t *nt, const struct cg_label *lab, uint64_t ir)
{
    size_t i = 0;
    for (; i < *nt; i++)
        if (!strcmp((*t)[i].key.metric, lab->metric) &&
            !strcmp((*t)[i].key.workload, lab->workload) &&
            !strcmp((*t)[i].key.thread, lab->thread))
            break;
    if (i == *nt) {
        *t = xrealloc(*t, (*nt + 1) * sizeof **t);
        memset(&(*t)[i], 0, sizeof **t);
        (*t)[i].key = *lab;
        (*nt)++;
    }
    struct tally *e = &(*t)[i];
    for (size_t j = 0; j < e->k; j++)
        if (e->n[j] == lab->n) {
            e->ir[j] += ir; /* one dump, several threads' files */
            return;
        }
    if (e->k < ARRAY_LEN(e->n)) {
        e->n[e->k] = lab->n;
        e->ir[e->k++] = ir;
    }
}

/* The dump number of "cg.out.<dump>-<thread>" (0 for other names). */
static unsigned long dump_number(const char *name)
{
    const char *p = strstr(name, ".out.");
    return p ? strtoul(p + 5, NULL, 10) : 0;
}

static int by_dump(const void *a, const void *b)
{
    unsigned long x = dump_number(*(char *const *)a), y = dump_number(*(char *const *)b);
    return x < y ? -1 : x > y;
}

/* Reads every dump in dir into rows, in the order the dumps were made;
 * removes the files. 0, or -1 with err. */
static int read_dumps(const char *dir, struct row_writer *w, char *err, size_t errlen)
{
    DIR *dh = opendir(dir);
    struct tally *t = NULL;
    struct strlist names = {0};
    size_t nt = 0;
    int rc = 0;
    if (!dh) {
        snprintf(err, errlen, "cannot read '%s': %s", dir, strerror(errno));
        return -1;
    }
    for (struct dirent *de; (de = readdir(dh));)
        if (de->d_name[0] != '.')
            sl_push(&names, de->d_name);
    closedir(dh);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, by_dump);
    for (size_t f = 0; f < names.n; f++) {
        char *path = path_join(dir, names.v[f]);
        char *text = read_file(path, NULL, 64u << 20);
        struct cg_dump dump;
        struct cg_label lab;
        if (text && cg_dump_parse(text, &dump) == 0 && cg_label_parse(dump.label, &lab) == 0)
            tally_add(&t, &nt, &lab, dump.ir);
        free(text);
        (void)unlink(path);
        free(path);
    }
    sl_free(&names);
    for (size_t i = 0; i < nt && rc == 0; i++) {
        double v;
        if (cg_per_unit(t[i].n, t[i].ir, t[i].k, &v) != 0) {
            snprintf(err, errlen, "callgrind counts of '%s' do not grow with the loop",
                     t[i].key.workload[0] ? t[i].key.workload : t[i].key.metric);
            rc = -1;
            break;
        }
        /* Beyond 1e4 the fraction is noise below 0.005 %: whole
         * instructions print in full (rows keep 6 significant digits). */
        v = v >= 1e4 ? (double)(long long)(v + 0.5) : (double)(long long)(v * 100 + 0.5) / 100;
        row_emit(w, t[i].key.workload, t[i].key.thread, t[i].key.metric, "instr", 0, v);
    }
    if (rc == 0 && nt == 0) {
        snprintf(err, errlen, "callgrind wrote no counts (no dump of a counted loop)");
        rc = -1;
    }
    free(t);
    return rc;
}

enum cg_outcome cg_count_outside(char *const *inner, struct row_writer *w, char *err,
                                 size_t errlen)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/dlbench-callgrind-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *out_file = NULL, *env[2] = {godebug(), NULL};
    struct strlist argv = {0};
    struct child_result res = {0};
    enum cg_outcome rc = CG_FAILED;
    if (!mkdtemp(dir)) {
        snprintf(err, errlen, "cannot create a folder for callgrind's dumps '%s': %s", dir,
                 strerror(errno));
        goto out;
    }
    /* valgrind expands %p and %q{VAR}: keep '%' out of the name. */
    out_file = path_join(dir, "cg.out");
    static const char *const vg[] = {"valgrind", "--tool=callgrind", "--collect-atstart=no",
                                     "--separate-threads=yes", "--dump-line=no",
                                     "--compress-strings=no", "-q"};
    for (size_t i = 0; i < ARRAY_LEN(vg); i++)
        sl_push(&argv, vg[i]);
    sl_push_owned(&argv, xasprintf("--callgrind-out-file=%s", out_file));
    for (size_t i = 0; inner[i]; i++)
        sl_push(&argv, inner[i]);
    struct child_spec spec = {.argv = argv.v, .env_add = env, .records = 1};
    row_step(w, "instructions under callgrind");
    child_run(&spec, &res);
    if (res.outcome == CHILD_SPAWN_FAILED && res.spawn_errno == ENOENT) {
        rc = CG_NO_VALGRIND;
    } else if (res.outcome != CHILD_OK) {
        char *cause = child_cause(&res), *tail = child_err_tail(&res, 12);
        snprintf(err, errlen, "counting instructions under callgrind: valgrind %s%s%s", cause,
                 tail[0] ? "\n" : "", tail);
        free(cause);
        free(tail);
    } else if (read_dumps(dir, w, err, errlen) == 0) {
        rc = CG_COUNTED;
    }
    if (out_file) {
        /* whatever is left: the termination dumps */
        DIR *dh = opendir(dir);
        for (struct dirent *de; dh && (de = readdir(dh));) {
            if (de->d_name[0] == '.')
                continue;
            char *p = path_join(dir, de->d_name);
            (void)unlink(p);
            free(p);
        }
        if (dh)
            closedir(dh);
        (void)rmdir(dir);
    }
out:
    child_result_free(&res);
    sl_free(&argv);
    free(out_file);
    free(env[0]);
    free(dir);
    return rc;
}

int cg_running(void)
{
    return RUNNING_ON_VALGRIND ? 1 : 0;
}
