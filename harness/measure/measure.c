/* measure.c - `dlbench measure`: the CSV row writer, dispatch to
 * one scenario (harness/measure/<scenario>.c).
 *
 * The once scenario is timed as a whole process by hyperfine, so the path
 * to it does nothing but parse argv: no config file, no /proc, no ELF
 * pre-check (dlopen's own message names the problem). */
#define _GNU_SOURCE
#include "measure/measure.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measure/counters.h"
#include "measure/elf.h"
#include "measure/scenario.h"
#include "base/dbmath.h"
#include "base/csv.h"

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
}

void measure_opts_free(struct measure_opts *o)
{
    symbol_map_free(&o->symbols);
    symbol_map_free(&o->baseline_symbols);
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
        return count_instructions(o, w);
    return sc->run(o, w);
}

/* ------------------------------------------------------------- command */

int measure_execute(const struct measure_opts *opts)
{
    struct measure_opts o = *opts;
    int rc;
    /* dlopen searches the library path for a name without a slash; the
     * user means the file in the current folder. */
    char *path = strchr(o.lib, '/') ? xstrdup(o.lib) : xasprintf("./%s", o.lib);
    o.lib = path;
    char *bpath = NULL;
    if (o.baseline_lib) {
        bpath = strchr(o.baseline_lib, '/') ? xstrdup(o.baseline_lib)
                                            : xasprintf("./%s", o.baseline_lib);
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

    rc = measure_dispatch(&o, &w);
    /* Only a measure that got here ends its stream; a library that ends
     * the process leaves it without the end record. */
    row_end(&w);
    row_writer_close(&w);
    close(fd);
    free(path);
    free(bpath);
    return rc == 0 ? EXIT_OK : EXIT_SOME_FAILED;
}
