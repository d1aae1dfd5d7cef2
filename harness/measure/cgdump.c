/* cgdump.c - see cgdump.h. */
#include "measure/cgdump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRIGGER "desc: Trigger: Client Request: "

/* The line starting at p, without its end, into buf. */
static void line_at(const char *p, char *buf, size_t len)
{
    size_t n = strcspn(p, "\r\n");
    if (n >= len)
        n = len - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end = NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    /* several events: the first is Ir (checked by the caller) */
    if (*end && *end != ' ' && *end != '\t' && *end != '\r' && *end != '\n')
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int cg_dump_parse(const char *text, struct cg_dump *out)
{
    int have_totals = 0, have_summary = 0;
    uint64_t totals = 0, summary = 0;
    memset(out, 0, sizeof *out);
    if (strncmp(text, "# callgrind format", 18) != 0 && strncmp(text, "version:", 8) != 0)
        return -1;
    for (const char *p = text; *p;) {
        if (!strncmp(p, TRIGGER, strlen(TRIGGER)))
            line_at(p + strlen(TRIGGER), out->label, sizeof out->label);
        else if (!strncmp(p, "events:", 7)) {
            const char *e = p + 7;
            while (*e == ' ')
                e++;
            if (strncmp(e, "Ir", 2) != 0 || (e[2] != ' ' && e[2] != '\n' && e[2] != '\r'))
                return -1;
        } else if (!strncmp(p, "totals:", 7))
            have_totals = parse_u64(p + 7, &totals) == 0;
        else if (!strncmp(p, "summary:", 8))
            have_summary = parse_u64(p + 8, &summary) == 0;
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    if (!have_totals && !have_summary)
        return -1;
    out->ir = have_totals ? totals : summary;
    return 0;
}

int cg_label_parse(const char *label, struct cg_label *out)
{
    char buf[192];
    char *f[6];
    int nf = 0;
    memset(out, 0, sizeof *out);
    if (strncmp(label, "dlbench;", 8) != 0 || strlen(label) >= sizeof buf)
        return -1;
    strcpy(buf, label + 8);
    for (char *p = buf; nf < 6;) {
        f[nf++] = p;
        char *semi = strchr(p, ';');
        if (!semi)
            break;
        *semi = '\0';
        p = semi + 1;
    }
    if (nf != 4 || !f[0][0])
        return -1;
    if (strlen(f[0]) >= sizeof out->metric || strlen(f[1]) >= sizeof out->workload ||
        strlen(f[2]) >= sizeof out->thread)
        return -1;
    char *end = NULL;
    unsigned long long n = strtoull(f[3], &end, 10);
    if (end == f[3] || *end || n == 0)
        return -1;
    strcpy(out->metric, f[0]);
    strcpy(out->workload, f[1]);
    strcpy(out->thread, f[2]);
    out->n = (uint64_t)n;
    return 0;
}

int cg_per_unit(const uint64_t *n, const uint64_t *ir, size_t k, double *out)
{
    if (k == 0)
        return -1;
    size_t lo = 0, hi = 0;
    for (size_t i = 1; i < k; i++) {
        if (n[i] < n[lo])
            lo = i;
        if (n[i] > n[hi])
            hi = i;
    }
    if (n[lo] == n[hi]) {
        *out = (double)ir[lo] / (double)n[lo];
        return 0;
    }
    if (ir[hi] < ir[lo])
        return -1;
    *out = (double)(ir[hi] - ir[lo]) / (double)(n[hi] - n[lo]);
    return 0;
}
