/* measure.c - `dlbench measure`: the CSV row writer, dispatch to
 * one scenario (harness/measure/<scenario>.c).
 *
 * The once scenario is timed as a whole process by hyperfine, so the path
 * to it does nothing but parse argv: no config file, no /proc, no ELF
 * pre-check (dlopen's own message names the problem). */
#define _GNU_SOURCE
#include "measure/measure.h"
#include "measure/gbench.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measure/argv.h"
#include "measure/counters.h"
#include "measure/elf.h"
#include "measure/scenario.h"
#include "base/dbmath.h"
#include "base/csv.h"
#include "base/child.h"

/* --------------------------------------------------------------- names */

/* -------------------------------------------------------------- options */

void measure_opts_defaults(struct measure_opts *o)
{
    memset(o, 0, sizeof *o);
    o->thread = THREAD_BOTH;
    o->repetitions = 10;
    o->min_time_ms = 10;
    o->warmup_ms = 5;
    o->cycles = 2000;
    o->sample_every = 100;
    o->mode = MODE_BOTH;
    o->pin_cpu = -1;
    o->fib_args[0] = 20;
    o->fib_args[1] = 30;
    o->n_fib = 2;
    o->counters = CTR_TIME;
    o->engine = ENGINE_NATIVE;
}

void measure_opts_free(struct measure_opts *o)
{
    symbol_map_free(&o->symbols);
    symbol_map_free(&o->baseline_symbols);
}

/* ---------------------------------------------------- counting (callgrind) */

static const char *thread_arg(enum thread_kind t)
{
    return t == THREAD_MAIN ? "main" : t == THREAD_PTHREAD ? "pthread" : "both";
}

/* This measure again, counting: the inner run under callgrind. */
static void inner_argv(const struct measure_opts *o, struct strlist *a)
{
    char *syms = symbol_map_format(&o->symbols);
    struct measure_cmd mc;
    measure_cmd_init(&mc, o->scenario, o->lib);
    mc.variant = o->variant;
    mc.symbols = syms;
    mc.quick = o->quick;
    mc.counters = "instructions";
    mc.thread = thread_arg(o->thread);
    mc.workload = o->workload;
    mc.fib = o->fib_args;
    mc.n_fib = (size_t)o->n_fib;
    mc.cycles = o->cycles;
    mc.sample_every = o->sample_every;
    mc.mode = "fresh";
    mc.repetitions = 1;
    mc.min_time_ms = 1;
    mc.warmup_ms = 0;
    measure_cmd_argv(&mc, a);
    free(syms);
}

/* `measure --counter instructions` (instructions without time, see
 * counters.h): inside valgrind the scenario's count function, outside the
 * same command again under callgrind. 0, or 1 after the error. */
static int count_instructions(const struct scenario *sc, const struct measure_opts *o,
                              struct row_writer *w)
{
    if (!sc->count) {
        db_error("--counter instructions does not apply to scenario '%s' (call, load, cycle)",
                 sc->name);
        return 1;
    }
    if (cg_running())
        return sc->count(o, w);
    struct strlist a = {0};
    char err[4096];
    inner_argv(o, &a);
    enum cg_outcome r = cg_count_outside(a.v, w, err, sizeof err);
    sl_free(&a);
    if (r == CG_NO_VALGRIND)
        db_warn("valgrind not found on PATH: instructions not counted (skipped)");
    else if (r == CG_FAILED)
        db_error("%s", err);
    return r == CG_FAILED;
}

/* ------------------------------------------------------------ dispatch */

int measure_dispatch(const struct measure_opts *o, struct row_writer *w)
{
    const struct scenario *sc = scenario_find(o->scenario, SC_MEASURE);
    if (!sc) {
        db_error("unknown scenario '%s'", o->scenario ? o->scenario : "");
        return 1;
    }
    if (sc->flags & SC_PRECHECK) {
        char err[PATH_MAX + 256];
        if (elf_check_file(o->lib, err, sizeof err) != 0 ||
            ((sc->flags & SC_PAIR) && o->baseline_lib &&
             elf_check_file(o->baseline_lib, err, sizeof err) != 0)) {
            db_error("%s", err);
            return 1;
        }
    }
    if (sc->flags & SC_ROWS)
        row_header(w);
    if ((o->counters & CTR_INSTRUCTIONS) && !(o->counters & CTR_TIME))
        return count_instructions(sc, o, w);
    return sc->run(o, w);
}

/* ------------------------------------------------------------- command */

/* lib as an absolute path: the current folder prefixed to a relative one
 * (no symlink resolved: the name the user gave is the one loaded). Caller
 * frees. */
static char *absolute_lib(const char *lib)
{
    if (lib[0] == '/')
        return xstrdup(lib);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return strchr(lib, '/') ? xstrdup(lib) : xasprintf("./%s", lib);
    const char *rel = !strncmp(lib, "./", 2) ? lib + 2 : lib;
    return xasprintf("%s/%s", strcmp(cwd, "/") ? cwd : "", rel);
}

int measure_execute(const struct measure_opts *opts)
{
    struct measure_opts o = *opts;
    int rc;
    /* dlopen searches the library path for a name without a slash; the
     * user means the file in the current folder - and keeps meaning it
     * after a library's constructor calls chdir(), so every later dlopen
     * (cycles) gets the absolute path. */
    char *path = absolute_lib(o.lib);
    o.lib = path;
    char *bpath = NULL;
    if (o.baseline_lib) {
        bpath = absolute_lib(o.baseline_lib);
        o.baseline_lib = bpath;
    }
    if (!o.variant) {
        const char *slash = strrchr(path, '/');
        o.variant = slash ? slash + 1 : path;
    }
    /* Before anything is loaded: the library's output must never reach
     * the rows. */
    struct row_writer w;
    int fd = row_channel_take();
    if (fd < 0) {
        db_error("cannot set up the data channel on stdout: %s", strerror(errno));
        free(path);
        free(bpath);
        measure_opts_free(&o);
        return EXIT_SOME_FAILED;
    }
    row_writer_init(&w, fd, o.variant, o.scenario);
    /* A parent reading records takes our messages as records: stderr is
     * then the library's alone (rows.h). */
    const char *records = getenv(CHILD_ENV_RECORDS);
    if (records && !strcmp(records, "1"))
        row_messages_to(&w);

    rc = measure_dispatch(&o, &w);
    row_messages_to(NULL);
    /* Only a measure that got here ends its stream; a library that ends
     * the process leaves it without the end record. */
    row_end(&w);
    row_writer_close(&w);
    close(fd);
    free(path);
    free(bpath);
    return rc == 0 ? EXIT_OK : EXIT_SOME_FAILED;
}
