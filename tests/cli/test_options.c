/* test_options.c - known answers for base/options.c (the option table
 * parser) and matrix/lang.c (the language table).
 *
 * Each case parses a fixed argv against a fixed table and checks the
 * targets, the result and the exact message. The last line is
 * "N passed, M failed"; the exit status is 1 if M > 0. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/options.h"
#include "base/util.h"
#include "matrix/lang.h"

#include "../check.h"

/* ------------------------------------------------------------ a command */

struct t {
    const char *config;
    int quiet, count, mode, seen_count;
    long cycles;
    double alpha;
    struct strlist only, scenarios;
    struct strlist positional;
    int after_dd;
};

static const struct opt_choice modes[] = {{"fresh", 1}, {"pinned", 2}, {NULL, 0}};
static const struct opt_choice scen[] = {{"call", 0}, {"load", 0}, {NULL, 0}};

static int take_arg(void *ctx, const char *arg, int after_dashdash, char *err, size_t errlen)
{
    struct t *t = ctx;
    if (!strcmp(arg, "bad")) {
        snprintf(err, errlen, "'t' does not take '%s'", arg);
        return -1;
    }
    sl_push(&t->positional, arg);
    t->after_dd += after_dashdash;
    return 0;
}

static int even_only(const struct option *opt, const char *v, char *err, size_t errlen)
{
    long n;
    if (parse_long(v, 0, 100, &n) != 0 || n % 2) {
        snprintf(err, errlen, "--even takes an even number, not '%s'", v);
        return -1;
    }
    *(int *)opt->value = (int)n;
    return 0;
}

/* Parses the words of line (split at spaces; "~" stands for an empty
 * word) with the test table; err gets the message. */
static enum opts_result parse(struct t *t, int flags, const char *line, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->alpha = 0.05;
    static int even;
    const struct option opts[] = {
        OPT_STRING('c', "config", &t->config, "FILE", "suite description"),
        OPT_FLAG('q', "quiet", &t->quiet, "less output"),
        OPT_INT('n', "count", &t->count, "N", 1, 10, "how many", .seen = &t->seen_count),
        OPT_LONG(0, "cycles", &t->cycles, "N", 2, 10000000, "cycles",
                 .invalid = "{opt} takes a whole number from {min} to {max}, not '{arg}'"),
        OPT_DOUBLE(0, "alpha", &t->alpha, "P", 0, 1, "level", .flags = OPTF_OPEN,
                   .invalid = "'{opt}' takes a number between 0 and 1, not '{arg}'"),
        OPT_CHOICE(0, "mode", &t->mode, "M", modes, "fresh or pinned"),
        OPT_LIST(0, "only", &t->only, "NAME,...", ", ", "only these",
                 .flags = OPTF_NONEMPTY, .empty = "option '{opt}' needs at least one name"),
        OPT_LIST(0, "scenarios", &t->scenarios, "LIST", ",", "call,load", .choices = scen,
                 .invalid = "unknown scenario '{item}'"),
        OPT_CALLBACK(0, "even", &even, "N", even_only, "an even number"),
        OPT_END(),
    };
    const struct opt_command cmd = {
        .name = "t",
        .usage = "dlbench t [options] [ARG...]",
        .opts = opts,
        .flags = flags,
        .arg = take_arg,
        .ctx = t,
    };
    struct strlist words = {0};
    sl_push(&words, "t");
    sl_split(&words, line, " ");
    for (size_t i = 0; i < words.n; i++)
        if (!strcmp(words.v[i], "~"))
            words.v[i][0] = '\0';
    enum opts_result r = opts_parse(&cmd, (int)words.n, words.v, err, errlen);
    /* The targets point into words: keep the strings the checks read. */
    if (t->config)
        t->config = strcmp(t->config, "") ? "set" : "";
    sl_free(&words);
    return r;
}

static void free_t(struct t *t)
{
    sl_free(&t->only);
    sl_free(&t->scenarios);
    sl_free(&t->positional);
}

static void expect_error(int flags, const char *line, const char *want, int at)
{
    struct t t;
    char err[256];
    enum opts_result r = parse(&t, flags, line, err, sizeof err);
    if (r == OPTS_ERROR && !strcmp(err, want)) {
        passed++;
    } else {
        failed++;
        printf("FAIL line %d: '%s': got %d '%s', want '%s'\n", at, line, r, err, want);
    }
    free_t(&t);
}

static void test_forms(void)
{
    struct t t;
    char err[256];
    CHECK(parse(&t, 0, "-c a.toml -q -n 3 --cycles 50 --alpha=0.5 --mode pinned", err,
                sizeof err) == OPTS_OK,
          "all forms parse: %s", err);
    CHECK(t.config && !strcmp(t.config, "set") && t.quiet == 1 && t.count == 3 &&
              t.cycles == 50 && t.alpha == 0.5 && t.mode == 2,
          "targets set (config %s quiet %d count %d cycles %ld alpha %g mode %d)",
          t.config ? t.config : "-", t.quiet, t.count, t.cycles, t.alpha, t.mode);
    CHECK(t.seen_count == 1, "seen counts the option once (%d)", t.seen_count);
    free_t(&t);

    CHECK(parse(&t, 0, "--config=x --count=10 --count 1 --mode=fresh", err, sizeof err) ==
              OPTS_OK,
          "'=' forms parse: %s", err);
    CHECK(t.count == 1 && t.seen_count == 2 && t.mode == 1, "the last one wins, seen twice");
    free_t(&t);

    CHECK(parse(&t, 0, "--only a,b --only c --scenarios call,load", err, sizeof err) == OPTS_OK,
          "lists parse: %s", err);
    CHECK(t.only.n == 3 && !strcmp(t.only.v[2], "c") && t.scenarios.n == 2,
          "a repeated list appends (%zu)", t.only.n);
    free_t(&t);

    CHECK(parse(&t, 0, "x - y", err, sizeof err) == OPTS_OK && t.positional.n == 3,
          "positional arguments, '-' among them");
    free_t(&t);
    CHECK(parse(&t, OPTS_DASHDASH, "x -- --quiet -h", err, sizeof err) == OPTS_OK &&
              t.positional.n == 3 && t.after_dd == 2 && !t.quiet,
          "after '--' everything is positional (%zu, %d)", t.positional.n, t.after_dd);
    free_t(&t);
    CHECK(parse(&t, OPTS_LONG_ONLY, "-x", err, sizeof err) == OPTS_OK && t.positional.n == 1,
          "OPTS_LONG_ONLY: '-x' is an argument");
    free_t(&t);
    CHECK(parse(&t, 0, "--alpha 0.5 --help --bogus", err, sizeof err) == OPTS_HELP,
          "--help wins over a later error");
    free_t(&t);
    CHECK(parse(&t, 0, "-h", err, sizeof err) == OPTS_HELP, "-h is help");
    free_t(&t);
    CHECK(parse(&t, 0, "--even 4", err, sizeof err) == OPTS_OK, "callback accepts");
    free_t(&t);
}

static void test_errors(void)
{
    expect_error(0, "--bogus", "unknown option '--bogus' for 't' (see 'dlbench t --help')",
                 __LINE__);
    expect_error(0, "--bogus=1", "unknown option '--bogus=1' for 't' (see 'dlbench t --help')",
                 __LINE__);
    expect_error(0, "--quiet=1", "unknown option '--quiet=1' for 't' (see 'dlbench t --help')",
                 __LINE__);
    expect_error(0, "-qc x", "unknown option '-qc' for 't' (see 'dlbench t --help')", __LINE__);
    expect_error(0, "--", "unknown option '--' for 't' (see 'dlbench t --help')", __LINE__);
    expect_error(0, "-c", "option '-c' needs a value", __LINE__);
    expect_error(0, "--config", "option '--config' needs a value", __LINE__);
    expect_error(0, "--count 0", "invalid value '0' for --count", __LINE__);
    expect_error(0, "-n 11", "invalid value '11' for -n", __LINE__);
    expect_error(0, "--count=x", "invalid value 'x' for --count", __LINE__);
    expect_error(0, "--count ~", "invalid value '' for --count", __LINE__);
    expect_error(0, "--cycles 1", "--cycles takes a whole number from 2 to 10000000, not '1'",
                 __LINE__);
    expect_error(0, "--alpha 1", "'--alpha' takes a number between 0 and 1, not '1'", __LINE__);
    expect_error(0, "--alpha=0", "'--alpha' takes a number between 0 and 1, not '0'", __LINE__);
    expect_error(0, "--mode stale", "invalid value 'stale' for --mode", __LINE__);
    expect_error(0, "--only ~", "option '--only' needs at least one name", __LINE__);
    expect_error(0, "--scenarios call,nope", "unknown scenario 'nope'", __LINE__);
    expect_error(0, "--even 3", "--even takes an even number, not '3'", __LINE__);
    expect_error(0, "x bad", "'t' does not take 'bad'", __LINE__);
}

static void test_templates(void)
{
    char buf[128];
    struct opt_fields f = {"run", "--cycles", "7", "nope", 2, 1e7};
    opts_format(buf, sizeof buf, "{cmd} {opt} {arg} {item} {min}..{max} {other}", &f);
    CHECK(!strcmp(buf, "run --cycles 7 nope 2..10000000 {other}"), "fields expand: '%s'", buf);
    struct opt_fields g = {NULL, NULL, NULL, NULL, 1e-3, 0.5};
    opts_format(buf, sizeof buf, "[{cmd}] {min} {max}", &g);
    CHECK(!strcmp(buf, "[] 0.001 0.5"), "unknown fields are empty, fractions %%g: '%s'", buf);
    opts_format(buf, 8, "a long template", &g);
    CHECK(!strcmp(buf, "a long "), "output is cut to the buffer: '%s'", buf);
}

static void test_usage(void)
{
    int on = 0;
    const char *file = NULL;
    const struct option opts[] = {
        OPT_STRING('c', "config", &file, "FILE", "suite description (default: bench.toml)"),
        OPT_FLAG(0, "leak-check", &on, "first line\nsecond line"),
        OPT_STRING(0, "a-very-long-option-name", &file, "VALUE", "help below"),
        OPT_END(),
    };
    const struct opt_command cmd = {
        .name = "t",
        .usage = "dlbench t [options]",
        .about = "About t.\n",
        .opts = opts,
        .footer = "exit status: 0\n",
    };
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    opts_usage(&cmd, f);
    fclose(f);
    const char *want = "usage: dlbench t [options]\n"
                       "\n"
                       "About t.\n"
                       "\n"
                       "options:\n"
                       "  -c, --config FILE     suite description (default: bench.toml)\n"
                       "  --leak-check          first line\n"
                       "                        second line\n"
                       "  --a-very-long-option-name VALUE\n"
                       "                        help below\n"
                       "  -h, --help            this help\n"
                       "\n"
                       "exit status: 0\n";
    CHECK(text && !strcmp(text, want), "generated help:\n%s---\nwant:\n%s---", text ? text : "",
          want);
    free(text);
}

static void test_lang(void)
{
    CHECK(lang_find("go") && lang_find("c") && lang_find("rust"), "c, go, rust have rows");
    CHECK(!lang_find("zig") && !lang_find(NULL), "zig and NULL have none");
    CHECK(lang_has("go", LANG_TOOLCHAINS_FROM_GO) && !lang_has("c", LANG_TOOLCHAINS_FROM_GO) &&
              !lang_has("zig", LANG_TOOLCHAINS_FROM_GO),
          "only go takes --go");
    CHECK(lang_has("go", LANG_RUNTIME_HEAP_GO) && !lang_has("rust", LANG_RUNTIME_HEAP_GO),
          "only go has the gctrace heap check");
    CHECK(lang_has("c", LANG_BASELINE) && !lang_has("go", LANG_BASELINE), "c is the baseline");
    const struct lang *go = lang_find("go");
    CHECK(go->local_cmds && !strcmp(go->local_cmds[0], "go") && !go->local_cmds[1],
          "go's local toolchain is the go command");
    char *r = lang_default_recipe("rust");
    CHECK(r && strstr(r, "scripts/build-rust.sh' {toolchain} {out}") && !strncmp(r, "sh '", 4),
          "rust's default recipe: '%s'", r ? r : "(null)");
    free(r);
    CHECK(lang_default_recipe("zig") == NULL, "zig has no default recipe");
}

int main(void)
{
    test_forms();
    test_errors();
    test_templates();
    test_usage();
    test_lang();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
