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

#include "measure/elf.h"
#include "measure/scenario.h"
#include "base/dbmath.h"
#include "base/csv.h"

/* ------------------------------------------------------------ row writer */

void row_header(struct row_writer *w)
{
    row_line(w, MEASURE_CSV_HEADER);
    row_flush(w);
}

void row_emit(struct row_writer *w, const char *workload, const char *thread,
              const char *metric, const char *unit, long rep, double value)
{
    /* A row must carry a number: NaN/inf would poison every reader. */
    if (!isfinite(value)) {
        db_warn("not writing %s %s of '%s': value is not finite", metric,
                workload && *workload ? workload : "", w->variant);
        return;
    }
    struct strbuf *sb = &w->pending;
    csv_field(sb, w->variant ? w->variant : "");
    sb_appendc(sb, ',');
    csv_field(sb, w->scenario ? w->scenario : "");
    sb_appendc(sb, ',');
    csv_field(sb, workload ? workload : "");
    sb_appendc(sb, ',');
    csv_field(sb, thread ? thread : "");
    sb_appendc(sb, ',');
    csv_field(sb, metric ? metric : "");
    sb_appendc(sb, ',');
    csv_field(sb, unit ? unit : "");
    /* Integers print exactly; everything else with 10 significant digits,
     * well beyond what any of our clocks resolve. */
    if (value == db_floor(value) && fabs(value) < 1e15)
        sb_printf(sb, ",%ld,%.0f\n", rep, value);
    else
        sb_printf(sb, ",%ld,%.10g\n", rep, value);
}

void row_line(struct row_writer *w, const char *line)
{
    sb_append(&w->pending, line);
    sb_appendc(&w->pending, '\n');
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t r = write(fd, p, n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

int row_flush(struct row_writer *w)
{
    struct strbuf *sb = &w->pending;
    int rc = 0;
    if (sb->len == 0)
        return 0;
    int fd = w->out ? fileno(w->out) : -1;
    if (fd < 0) {
        /* A memory stream (tests): no pipe to be atomic on. */
        if (fwrite(sb->buf, 1, sb->len, w->out) != sb->len || fflush(w->out) != 0)
            rc = -1;
        goto out;
    }
    /* Anything already in the FILE buffer goes first, to keep the order. */
    (void)fflush(w->out);
    size_t off = 0;
    while (off < sb->len) {
        /* The largest run of whole lines that fits in PIPE_BUF; a single
         * longer line goes alone (rows are far shorter in practice). */
        size_t end = off, n;
        for (;;) {
            const char *nl = memchr(sb->buf + end, '\n', sb->len - end);
            size_t next = nl ? (size_t)(nl - sb->buf) + 1 : sb->len;
            if (end > off && next - off > PIPE_BUF)
                break;
            end = next;
            if (end == sb->len || end - off >= PIPE_BUF)
                break;
        }
        n = end - off;
        if (write_all(fd, sb->buf + off, n) != 0) {
            rc = -1;
            break;
        }
        off = end;
    }
out:
    sb->len = 0;
    sb->buf[0] = '\0';
    return rc;
}

void row_writer_close(struct row_writer *w)
{
    row_flush(w);
    sb_free(&w->pending);
}

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
}

void measure_opts_free(struct measure_opts *o)
{
    symbol_map_free(&o->symbols);
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
        if (elf_check_file(o->lib, err, sizeof err) != 0) {
            db_error("%s", err);
            return 1;
        }
    }
    if (sc->flags & SC_ROWS)
        row_header(w);
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
    if (!o.variant) {
        const char *slash = strrchr(path, '/');
        o.variant = slash ? slash + 1 : path;
    }
    struct row_writer w = {.out = stdout, .variant = o.variant, .scenario = o.scenario};

    rc = measure_dispatch(&o, &w);
    row_writer_close(&w);
    free(path);
    return rc == 0 ? EXIT_OK : EXIT_SOME_FAILED;
}
