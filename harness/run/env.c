/* env.c - the environment a run was measured in, recorded once per run,
 * and the machine conditions that make timings less trustworthy (they
 * become warnings attached to timing results, not prints). */
#define _GNU_SOURCE
#include "run/env.h"

#include <gnu/libc-version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "base/child.h"
#include "base/util.h"

/* First line of a small file, trimmed; NULL if unreadable. */
static char *read_line(const char *path)
{
    char *s = read_file(path, NULL, 65536);
    if (!s)
        return NULL;
    s[strcspn(s, "\r\n")] = '\0';
    return s;
}

static char *cpu_model(void)
{
    char *info = read_file("/proc/cpuinfo", NULL, (size_t)4 << 20);
    char *model = NULL;
    if (!info)
        return xstrdup("unknown");
    static const char *const keys[] = {"model name", "Model", "cpu model", "Hardware"};
    for (size_t k = 0; k < ARRAY_LEN(keys) && !model; k++) {
        for (char *line = info; line && *line && !model;) {
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = '\0';
            if (!strncmp(line, keys[k], strlen(keys[k]))) {
                char *colon = strchr(line, ':');
                if (colon) {
                    colon++;
                    while (*colon == ' ' || *colon == '\t')
                        colon++;
                    model = xstrdup(colon);
                }
            }
            if (nl)
                *nl = '\n';
            line = nl ? nl + 1 : NULL;
        }
    }
    free(info);
    return model ? model : xstrdup("unknown");
}

static char *git_commit(const char *dir)
{
    char *argv[] = {"git", "-C", (char *)dir, "rev-parse", "--short=12", "HEAD", NULL};
    struct child_spec spec = {.argv = argv, .timeout_s = 5};
    struct child_result r;
    char *out = NULL;
    child_run(&spec, &r);
    if (r.outcome == CHILD_OK && r.out_len) {
        out = xstrndup(r.out, strcspn(r.out, "\r\n"));
        char *argv2[] = {"git", "-C", (char *)dir, "status", "--porcelain", "--untracked-files=no",
                         NULL};
        struct child_spec spec2 = {.argv = argv2, .timeout_s = 5};
        struct child_result r2;
        child_run(&spec2, &r2);
        if (r2.outcome == CHILD_OK && r2.out_len) {
            char *dirty = xasprintf("%s+dirty", out);
            free(out);
            out = dirty;
        }
        child_result_free(&r2);
    }
    child_result_free(&r);
    return out ? out : xstrdup("unknown");
}

void env_machine_state(struct env_state *st)
{
    memset(st, 0, sizeof st[0]);
    char *gov = read_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
    snprintf(st->governor, sizeof st->governor, "%s", gov ? gov : "unknown");
    free(gov);
    char *no_turbo = read_line("/sys/devices/system/cpu/intel_pstate/no_turbo");
    char *boost = read_line("/sys/devices/system/cpu/cpufreq/boost");
    if (no_turbo)
        snprintf(st->turbo, sizeof st->turbo, "%s", !strcmp(no_turbo, "0") ? "on" : "off");
    else if (boost)
        snprintf(st->turbo, sizeof st->turbo, "%s", !strcmp(boost, "1") ? "on" : "off");
    else
        snprintf(st->turbo, sizeof st->turbo, "unknown");
    free(no_turbo);
    free(boost);
    double l[3] = {0};
    if (getloadavg(l, 3) < 0)
        l[0] = l[1] = l[2] = -1;
    st->load1 = l[0];
    snprintf(st->loadavg, sizeof st->loadavg, "%.2f %.2f %.2f", l[0], l[1], l[2]);
    st->ncpu = sysconf(_SC_NPROCESSORS_ONLN);
}

void env_warnings(const struct env_state *st, struct strlist *w)
{
    char buf[128];
    if (strcmp(st->governor, "unknown") && strcmp(st->governor, "performance")) {
        snprintf(buf, sizeof buf, "governor %s (not performance)", st->governor);
        if (!sl_contains(w, buf))
            sl_push(w, buf);
    }
    if (!strcmp(st->turbo, "on") && !sl_contains(w, "turbo on"))
        sl_push(w, "turbo on");
    /* A load above half the CPUs means another process competes with the
     * measuring thread or its runtime's threads. */
    if (st->ncpu > 0 && st->load1 > 0.5 * (double)st->ncpu) {
        snprintf(buf, sizeof buf, "machine load high (%.2f on %ld CPUs)", st->load1, st->ncpu);
        for (size_t i = 0; i < w->n; i++)
            if (!strncmp(w->v[i], "machine load high", 17)) {
                free(w->v[i]);
                w->v[i] = xstrdup(buf);
                return;
            }
        sl_push(w, buf);
    }
}

void env_capture(struct run_data *d, const char *suite_dir)
{
    char buf[512];
    rd_set_env(d, "dlbench_version", DLBENCH_VERSION);
    char *commit = git_commit(suite_dir);
    rd_set_env(d, "git_commit", commit);
    free(commit);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    rd_set_env(d, "date", buf);
    if (gethostname(buf, sizeof buf) != 0)
        snprintf(buf, sizeof buf, "unknown");
    buf[sizeof buf - 1] = '\0';
    rd_set_env(d, "host", buf);
    char *model = cpu_model();
    rd_set_env(d, "cpu_model", model);
    free(model);
    snprintf(buf, sizeof buf, "%ld", sysconf(_SC_NPROCESSORS_ONLN));
    rd_set_env(d, "cpu_count", buf);
    struct utsname u;
    if (uname(&u) == 0) {
        snprintf(buf, sizeof buf, "%s %s %s %s", u.sysname, u.release, u.version, u.machine);
        rd_set_env(d, "kernel", buf);
    }
    rd_set_env(d, "glibc", gnu_get_libc_version());
    struct env_state st;
    env_machine_state(&st);
    rd_set_env(d, "governor", st.governor);
    rd_set_env(d, "turbo", st.turbo);
    rd_set_env(d, "loadavg", st.loadavg);
    env_warnings(&st, &d->env_warnings);
}
