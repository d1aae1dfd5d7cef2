/* options.h - one table-driven command-line parser for every command, in
 * the spirit of git's parse-options.h.
 *
 * A command describes its options as an array of struct option, built with
 * the OPT_* macros below and ended by OPT_END(). Each entry names a short
 * form ('c' for -c, or 0), a long form ("config" for --config, or NULL),
 * what kind of value it takes and where the value goes. opts_parse() walks
 * argv once, in order:
 *
 *   --name VALUE, --name=VALUE, -n VALUE   an option with a value
 *   --flag, -f                             an option without one
 *   -h, --help                             always known: usage requested
 *   --                                     the end of options when the
 *                                          command sets OPTS_DASHDASH
 *   anything else                          a positional argument, handed to
 *                                          the command's arg() callback
 *
 * Short options are not bundled (-qc FILE is unknown); a flag given a value
 * (--quiet=1) is an unknown option. The help text of a command is
 * generated from the same table by opts_usage().
 *
 * Errors: opts_parse() returns OPTS_ERROR with a message in the caller's
 * buffer, without the "dlbench: error: " prefix (base/util.h, "Errors").
 * Messages come from templates so that each command keeps its wording.
 * A template is plain text with these fields:
 *   {cmd}   the command name ("build")
 *   {opt}   the option as the user wrote it, without "=VALUE" ("-c")
 *   {arg}   the value given; in the unknown-option template, the whole
 *           argument as written ("--bogus=1")
 *   {item}  the offending element of a list value
 *   {min} {max}  the range of a number option (%g)
 */
#ifndef DLBENCH_OPTIONS_H
#define DLBENCH_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

enum opt_kind {
    OPTK_END = 0,
    OPTK_FLAG,     /* int *: set to .set (1 when .set is 0); no value */
    OPTK_INT,      /* int *: whole number in [min, max] */
    OPTK_LONG,     /* long *: whole number in [min, max] */
    OPTK_DOUBLE,   /* double *: number in [min, max] (open with OPTF_OPEN) */
    OPTK_STRING,   /* const char **: the argv string itself, not copied */
    OPTK_LIST,     /* struct strlist *: value split at .seps, appended */
    OPTK_CHOICE,   /* int *: .value of the entry of .choices named */
    OPTK_CALLBACK, /* .cb(opt, value, err, errlen) does the work */
};

/* Flags of one option. */
enum {
    OPTF_NONEMPTY = 1, /* STRING: "" is invalid; LIST: the list must end up
                        * with an element (.empty says so otherwise) */
    OPTF_OPEN = 2,     /* DOUBLE: min and max themselves are invalid */
};

/* One name of an OPTK_CHOICE (and the allowed items of an OPTK_LIST);
 * arrays end with {NULL, 0}. */
struct opt_choice {
    const char *name;
    int value;
};

struct option {
    enum opt_kind kind;
    int short_name;           /* 'c' for -c; 0 for none */
    const char *long_name;    /* "config" for --config; NULL for none */
    void *value;              /* where the value goes; type per kind */
    const char *argh;         /* the value's name in help ("FILE"); NULL for flags */
    const char *help;         /* one or more lines; '\n' continues the text */
    double min, max;          /* INT, LONG, DOUBLE: inclusive range */
    int set;                  /* FLAG: value stored (0 means 1) */
    int flags;                /* OPTF_* */
    const char *seps;         /* LIST: separators (NULL: whitespace) */
    const struct opt_choice *choices; /* CHOICE, and LIST items when set */
    const char *invalid;      /* template for a bad value; NULL: the command's */
    const char *empty;        /* LIST with OPTF_NONEMPTY: template when empty */
    int *seen;                /* when set: incremented each time the option is given */
    /* CALLBACK: parses value into opt->value; 0, or -1 with a whole message
     * (no prefix) in err. */
    int (*cb)(const struct option *opt, const char *value, char *err, size_t errlen);
};

/* The table macros. The help text comes last and may be followed by more
 * designated initializers, e.g.
 *   OPT_INT(0, "cycles", &n, "N", 2, 1e7, "cycles per run", .seen = &given)
 */
#define OPT_FLAG(s, l, v, ...) \
    { .kind = OPTK_FLAG, .short_name = (s), .long_name = (l), .value = (v), .help = __VA_ARGS__ }
#define OPT_SET_INT(s, l, v, val, ...)                                                        \
    { .kind = OPTK_FLAG, .short_name = (s), .long_name = (l), .value = (v), .set = (val),    \
      .help = __VA_ARGS__ }
#define OPT_INT(s, l, v, a, lo, hi, ...)                                                      \
    { .kind = OPTK_INT, .short_name = (s), .long_name = (l), .value = (v), .argh = (a),      \
      .min = (lo), .max = (hi), .help = __VA_ARGS__ }
#define OPT_LONG(s, l, v, a, lo, hi, ...)                                                     \
    { .kind = OPTK_LONG, .short_name = (s), .long_name = (l), .value = (v), .argh = (a),     \
      .min = (lo), .max = (hi), .help = __VA_ARGS__ }
#define OPT_DOUBLE(s, l, v, a, lo, hi, ...)                                                   \
    { .kind = OPTK_DOUBLE, .short_name = (s), .long_name = (l), .value = (v), .argh = (a),   \
      .min = (lo), .max = (hi), .help = __VA_ARGS__ }
#define OPT_STRING(s, l, v, a, ...)                                                           \
    { .kind = OPTK_STRING, .short_name = (s), .long_name = (l), .value = (v), .argh = (a),   \
      .help = __VA_ARGS__ }
#define OPT_LIST(s, l, v, a, sep, ...)                                                        \
    { .kind = OPTK_LIST, .short_name = (s), .long_name = (l), .value = (v), .argh = (a),     \
      .seps = (sep), .help = __VA_ARGS__ }
#define OPT_CHOICE(s, l, v, a, ch, ...)                                                       \
    { .kind = OPTK_CHOICE, .short_name = (s), .long_name = (l), .value = (v), .argh = (a),   \
      .choices = (ch), .help = __VA_ARGS__ }
#define OPT_CALLBACK(s, l, v, a, fn, ...)                                                     \
    { .kind = OPTK_CALLBACK, .short_name = (s), .long_name = (l), .value = (v), .argh = (a), \
      .cb = (fn), .help = __VA_ARGS__ }
#define OPT_END() { .kind = OPTK_END }

/* Flags of a command. */
enum {
    OPTS_DASHDASH = 1,  /* "--" ends the options; otherwise it is unknown */
    OPTS_LONG_ONLY = 2, /* "-x" (other than -h) is a positional argument */
};

/* A command's options and the text around them in its help. */
struct opt_command {
    const char *name;         /* "build": {cmd} in templates */
    const char *usage;        /* after "usage: "; '\n' for more lines */
    const char *about;        /* paragraphs between usage and options, or NULL */
    const struct option *opts;/* ended by OPT_END() */
    const char *footer;       /* after the options (environment, exit status) */
    const char *unknown;      /* template for an unknown option; NULL: the default,
                               * "unknown option '{arg}' for '{cmd}' (see 'dlbench {cmd} --help')" */
    const char *invalid;      /* template for a bad value; NULL: the default,
                               * "invalid value '{arg}' for {opt}" */
    int flags;                /* OPTS_* */
    /* A positional argument (after_dashdash: it came after "--"). 0, or
     * -1 with a whole message in err. NULL: every positional argument is
     * reported with the unknown-option template. */
    int (*arg)(void *ctx, const char *arg, int after_dashdash, char *err, size_t errlen);
    void *ctx;                /* for arg() */
};

/* What opts_parse() found. */
enum opts_result {
    OPTS_OK = 0,
    OPTS_HELP = 1,    /* -h or --help: print opts_usage(), exit 0 */
    OPTS_ERROR = -1,  /* message in err */
};

/* Parses argv[1..argc-1] (argv[0] is the command name) into the targets of
 * cmd->opts. Stops at the first error. */
enum opts_result opts_parse(const struct opt_command *cmd, int argc, char **argv, char *err,
                            size_t errlen);

/* The command's help: "usage: ...", about, "options:" with one row per
 * option (names in a 22-column field, help after it) and "-h, --help",
 * then the footer. */
void opts_usage(const struct opt_command *cmd, FILE *f);

/* opts_parse() for a command's entry point: prints the usage on stdout
 * after --help and "dlbench: error: <message>" after an error. Returns
 * the same as opts_parse(). */
enum opts_result opts_parse_cli(const struct opt_command *cmd, int argc, char **argv);

/* Expands a template (see the top of this file) into buf. The fields a
 * caller does not know may be NULL; they expand to "". */
struct opt_fields {
    const char *cmd, *opt, *arg, *item;
    double min, max;
};
void opts_format(char *buf, size_t len, const char *tmpl, const struct opt_fields *f);

#endif
