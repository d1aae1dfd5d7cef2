/* argv.c - the `dlbench measure` command line (see argv.h). */
#include "measure/argv.h"

#include <stdlib.h>
#include <string.h>

#include "measure/scenario.h"

void measure_cmd_init(struct measure_cmd *c, const char *scenario, const char *lib)
{
    memset(c, 0, sizeof *c);
    c->scenario = scenario;
    c->lib = lib;
    c->pin_cpu = -1;
}

static void push_long(struct strlist *a, const char *opt, long v)
{
    sl_push(a, opt);
    sl_push_owned(a, xasprintf("%ld", v));
}

static void push_double(struct strlist *a, const char *opt, double v)
{
    sl_push(a, opt);
    sl_push_owned(a, xasprintf("%g", v));
}

static void push_str(struct strlist *a, const char *opt, const char *v)
{
    sl_push(a, opt);
    sl_push(a, v);
}

void measure_cmd_argv(const struct measure_cmd *c, struct strlist *a)
{
    const struct scenario *sc = scenario_find(c->scenario, SC_MEASURE);
    unsigned flags = sc ? sc->flags : 0;
    sl_push(a, c->exe ? c->exe : self_exe());
    sl_push(a, "measure");
    /* "measure --lib L" first: what `ps` shows and scripts look for. */
    push_str(a, "--lib", c->lib);
    if (c->variant)
        push_str(a, "--variant", c->variant);
    if (c->symbols && c->symbols[0])
        push_str(a, "--symbols", c->symbols);
    push_str(a, "--scenario", c->scenario);
    if (c->quick)
        sl_push(a, "--quick");
    if (c->pin_cpu >= 0)
        push_long(a, "--pin-cpu", c->pin_cpu);
    if (c->counters && c->counters[0] && ((flags & SC_KNOBS_CALL) || (sc && sc->count)))
        push_str(a, "--counter", c->counters);
    if (flags & SC_KNOBS_CALL) {
        push_long(a, "--repetitions", c->repetitions);
        push_double(a, "--min-time-ms", c->min_time_ms);
        push_double(a, "--warmup-ms", c->warmup_ms);
        push_str(a, "--thread", c->thread);
        if (c->workload)
            push_str(a, "--workload", c->workload);
        if (c->engine)
            push_str(a, "--engine", c->engine);
        struct strbuf fib = {0};
        for (size_t i = 0; i < c->n_fib; i++)
            sb_printf(&fib, "%s%d", i ? "," : "", c->fib[i]);
        sl_push(a, "--fib");
        sl_push_owned(a, sb_detach(&fib));
    }
    if ((flags & SC_PAIR) && c->baseline_lib) {
        push_str(a, "--baseline-lib", c->baseline_lib);
        if (c->baseline_symbols && c->baseline_symbols[0])
            push_str(a, "--baseline-symbols", c->baseline_symbols);
        if (c->baseline_variant)
            push_str(a, "--baseline-variant", c->baseline_variant);
    }
    if (flags & SC_KNOBS_CYCLE) {
        push_long(a, "--cycles", c->cycles);
        push_long(a, "--sample-every", c->sample_every < 1 ? 1 : c->sample_every);
        push_str(a, "--mode", c->mode);
        if (c->leak_counts)
            sl_push(a, "--leak-counts");
    }
}

/* A word hyperfine's shell-words split leaves alone and that names no
 * file: the command name, "--option" names, scenario names. */
static int is_keyword(const char *s)
{
    const char *p = s;
    while (*p == '-')
        p++;
    if (p - s > 2 || !*p)
        return 0;
    for (; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '-'))
            return 0;
    return 1;
}

char *measure_cmd_shell(const struct measure_cmd *c)
{
    struct strlist a = {0};
    struct strbuf sb = {0};
    measure_cmd_argv(c, &a);
    for (size_t i = 0; i < a.n; i++) {
        /* argv[0] is a path: always quoted. */
        char *w = i > 0 && is_keyword(a.v[i]) ? xstrdup(a.v[i]) : shell_quote(a.v[i]);
        sb_printf(&sb, "%s%s", i ? " " : "", w);
        free(w);
    }
    sl_free(&a);
    return sb_detach(&sb);
}
