/* options.c - the table-driven option parser; see options.h. */
#include "base/options.h"

#include <string.h>

#include "base/util.h"

#define DEFAULT_UNKNOWN "unknown option '{arg}' for '{cmd}' (see 'dlbench {cmd} --help')"
#define DEFAULT_INVALID "invalid value '{arg}' for {opt}"
#define MISSING_VALUE "option '{opt}' needs a value"
#define HELP_COLUMN 24 /* where help text starts: "  " + 22 for the names */

/* ---------------------------------------------------------------- templates */

static void put_num(struct strbuf *sb, double v)
{
    /* Ranges of whole numbers print whole ("10000000", not "1e+07"). */
    if (v > -1e15 && v < 1e15 && v == (double)(long long)v)
        sb_printf(sb, "%.0f", v);
    else
        sb_printf(sb, "%g", v);
}

void opts_format(char *buf, size_t len, const char *tmpl, const struct opt_fields *f)
{
    static const char *const names[] = {"{cmd}", "{opt}", "{arg}", "{item}", "{min}", "{max}"};
    struct strbuf sb = {0};
    sb_append(&sb, "");
    for (const char *p = tmpl; *p;) {
        size_t k = 0;
        while (k < ARRAY_LEN(names) && strncmp(p, names[k], strlen(names[k])) != 0)
            k++;
        if (k == ARRAY_LEN(names)) {
            sb_appendc(&sb, *p++);
            continue;
        }
        const char *s = k == 0 ? f->cmd : k == 1 ? f->opt : k == 2 ? f->arg : f->item;
        if (k == 4 || k == 5)
            put_num(&sb, k == 4 ? f->min : f->max);
        else
            sb_append(&sb, s ? s : "");
        p += strlen(names[k]);
    }
    if (len) {
        size_t n = sb.len < len - 1 ? sb.len : len - 1;
        memcpy(buf, sb.buf, n);
        buf[n] = '\0';
    }
    sb_free(&sb);
}

/* ---------------------------------------------------------------- values */

/* One option occurrence being parsed: the table row, and the words the
 * user wrote (for messages). */
struct occurrence {
    const struct opt_command *cmd;
    const struct option *opt;
    const char *written;   /* "-c" or "--config", without "=VALUE" */
    const char *value;     /* NULL for flags */
};

static enum opts_result fail(const struct occurrence *oc, const char *tmpl, const char *item,
                             char *err, size_t errlen)
{
    struct opt_fields f = {oc->cmd->name, oc->written, oc->value, item, oc->opt->min,
                           oc->opt->max};
    opts_format(err, errlen, tmpl, &f);
    return OPTS_ERROR;
}

static enum opts_result invalid(const struct occurrence *oc, const char *item, char *err,
                                size_t errlen)
{
    const char *t = oc->opt->invalid ? oc->opt->invalid
                    : oc->cmd->invalid ? oc->cmd->invalid
                                       : DEFAULT_INVALID;
    return fail(oc, t, item, err, errlen);
}

static const struct opt_choice *find_choice(const struct opt_choice *c, const char *name)
{
    for (; c && c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

static enum opts_result parse_list(const struct occurrence *oc, char *err, size_t errlen)
{
    const struct option *o = oc->opt;
    struct strlist *l = o->value;
    sl_split(l, oc->value, o->seps);
    /* Every item so far is checked, as a repeated option appends. */
    for (size_t i = 0; o->choices && i < l->n; i++)
        if (!find_choice(o->choices, l->v[i]))
            return invalid(oc, l->v[i], err, errlen);
    if ((o->flags & OPTF_NONEMPTY) && l->n == 0)
        return fail(oc, o->empty ? o->empty : DEFAULT_INVALID, NULL, err, errlen);
    return OPTS_OK;
}

/* Stores oc->value (or the flag) into the option's target. */
static enum opts_result store(const struct occurrence *oc, char *err, size_t errlen)
{
    const struct option *o = oc->opt;
    long l;
    double d;
    switch (o->kind) {
    case OPTK_FLAG:
        *(int *)o->value = o->set ? o->set : 1;
        return OPTS_OK;
    case OPTK_INT:
    case OPTK_LONG:
        if (parse_long(oc->value, (long)o->min, (long)o->max, &l) != 0)
            return invalid(oc, NULL, err, errlen);
        if (o->kind == OPTK_INT)
            *(int *)o->value = (int)l;
        else
            *(long *)o->value = l;
        return OPTS_OK;
    case OPTK_DOUBLE:
        if (parse_double(oc->value, o->min, o->max, &d) != 0 ||
            ((o->flags & OPTF_OPEN) && (d <= o->min || d >= o->max)))
            return invalid(oc, NULL, err, errlen);
        *(double *)o->value = d;
        return OPTS_OK;
    case OPTK_STRING:
        if ((o->flags & OPTF_NONEMPTY) && !oc->value[0])
            return invalid(oc, NULL, err, errlen);
        *(const char **)o->value = oc->value;
        return OPTS_OK;
    case OPTK_LIST:
        return parse_list(oc, err, errlen);
    case OPTK_CHOICE: {
        const struct opt_choice *c = find_choice(o->choices, oc->value);
        if (!c)
            return invalid(oc, NULL, err, errlen);
        *(int *)o->value = c->value;
        return OPTS_OK;
    }
    case OPTK_CALLBACK:
        return o->cb(o, oc->value, err, errlen) == 0 ? OPTS_OK : OPTS_ERROR;
    case OPTK_END:
        break;
    }
    return OPTS_ERROR;
}

/* ---------------------------------------------------------------- parse */

static const struct option *find_long(const struct option *o, const char *name, size_t n)
{
    for (; o->kind != OPTK_END; o++)
        if (o->long_name && strlen(o->long_name) == n && !strncmp(o->long_name, name, n))
            return o;
    return NULL;
}

static const struct option *find_short(const struct option *o, int c)
{
    for (; o->kind != OPTK_END; o++)
        if (o->short_name && o->short_name == c)
            return o;
    return NULL;
}

static enum opts_result unknown(const struct opt_command *cmd, const char *arg,
                                const char *written, char *err, size_t errlen)
{
    struct opt_fields f = {cmd->name, written, arg, NULL, 0, 0};
    opts_format(err, errlen, cmd->unknown ? cmd->unknown : DEFAULT_UNKNOWN, &f);
    return OPTS_ERROR;
}

/* One option at argv[*i]; advances *i past a separate value. */
static enum opts_result parse_option(const struct opt_command *cmd, int argc, char **argv, int *i,
                                     char *err, size_t errlen)
{
    const char *a = argv[*i];
    const char *eq = NULL;
    const struct option *o;
    char written[128];
    if (a[1] == '-') {
        eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        if (n >= sizeof written)
            n = sizeof written - 1;
        memcpy(written, a, n);
        written[n] = '\0';
        o = find_long(cmd->opts, a + 2, n - 2);
    } else {
        snprintf(written, sizeof written, "%s", a);
        o = a[2] ? NULL : find_short(cmd->opts, (unsigned char)a[1]);
    }
    /* A flag never takes a value: "--quiet=1" is not an option we know. */
    if (!o || (eq && o->kind == OPTK_FLAG))
        return unknown(cmd, a, written, err, errlen);
    struct occurrence oc = {cmd, o, written, NULL};
    if (o->kind != OPTK_FLAG) {
        if (eq) {
            oc.value = eq + 1;
        } else if (*i + 1 < argc) {
            oc.value = argv[++*i];
        } else {
            return fail(&oc, MISSING_VALUE, NULL, err, errlen);
        }
    }
    if (o->seen)
        ++*o->seen;
    return store(&oc, err, errlen);
}

enum opts_result opts_parse(const struct opt_command *cmd, int argc, char **argv, char *err,
                            size_t errlen)
{
    int dashdash = 0;
    if (errlen)
        err[0] = '\0';
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int is_opt = !dashdash && a[0] == '-' && a[1] != '\0';
        if (is_opt && (!strcmp(a, "-h") || !strcmp(a, "--help")))
            return OPTS_HELP;
        if (is_opt && !strcmp(a, "--") && (cmd->flags & OPTS_DASHDASH)) {
            dashdash = 1;
            continue;
        }
        if (is_opt && a[1] != '-' && (cmd->flags & OPTS_LONG_ONLY))
            is_opt = 0;
        enum opts_result r;
        if (is_opt)
            r = parse_option(cmd, argc, argv, &i, err, errlen);
        else if (cmd->arg)
            r = cmd->arg(cmd->ctx, a, dashdash, err, errlen) == 0 ? OPTS_OK : OPTS_ERROR;
        else
            r = unknown(cmd, a, a, err, errlen);
        if (r != OPTS_OK)
            return r;
    }
    return OPTS_OK;
}

enum opts_result opts_parse_cli(const struct opt_command *cmd, int argc, char **argv)
{
    char err[1024];
    enum opts_result r = opts_parse(cmd, argc, argv, err, sizeof err);
    if (r == OPTS_HELP)
        opts_usage(cmd, stdout);
    else if (r == OPTS_ERROR)
        db_error("%s", err);
    return r;
}

/* ---------------------------------------------------------------- usage */

static void usage_row(FILE *f, const char *names, const char *help)
{
    int n = fprintf(f, "  %s", names);
    if (n >= HELP_COLUMN - 1) {
        fputc('\n', f);
        n = 0;
    }
    /* Continuation lines of the help line up under its first line. */
    for (const char *p = help; *p;) {
        size_t len = strcspn(p, "\n");
        fprintf(f, "%*s%.*s\n", HELP_COLUMN - n, "", (int)len, p);
        n = 0;
        p += len + (p[len] == '\n');
    }
}

void opts_usage(const struct opt_command *cmd, FILE *f)
{
    fprintf(f, "usage: %s\n", cmd->usage);
    if (cmd->about)
        fprintf(f, "\n%s", cmd->about);
    fprintf(f, "\noptions:\n");
    for (const struct option *o = cmd->opts; o && o->kind != OPTK_END; o++) {
        char names[96];
        int n = 0;
        if (o->short_name)
            n = snprintf(names, sizeof names, "-%c%s", o->short_name, o->long_name ? ", " : "");
        if (o->long_name)
            n += snprintf(names + n, sizeof names - (size_t)n, "--%s", o->long_name);
        if (o->argh)
            snprintf(names + n, sizeof names - (size_t)n, " %s", o->argh);
        usage_row(f, names, o->help ? o->help : "");
    }
    usage_row(f, "-h, --help", "this help");
    if (cmd->footer)
        fprintf(f, "\n%s", cmd->footer);
}
