/* compare.c - `dlbench compare`, see compare.h. Reads both runs into run
 * models (results.csv only), pairs and tests them (compare_pair.c) and
 * renders the comparison (compare_out.c). */
#define _GNU_SOURCE
#include "report/compare.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "report/compare_out.h"
#include "report/compare_pair.h"
#include "results/runmodel.h"

/* `compare reports/latest reports/<the same run>`: nothing can differ, and
 * a table of "~" would read as a stable machine. */
static void warn_same_run(const char *old_path, const char *new_path)
{
    char ra[PATH_MAX], rb[PATH_MAX];
    if (realpath(old_path, ra) && realpath(new_path, rb) && !strcmp(ra, rb))
        db_warn("'%s' and '%s' are the same run (%s): every row compares it with itself",
                old_path, new_path, ra);
}

int compare_runs(const char *old_path, const char *new_path, const struct compare_opts *o,
                 struct strbuf *out, char *err, size_t errlen)
{
    struct run_model a, b;
    int rc = -1, have_b = 0;
    const unsigned flags = RM_NEED_RESULTS | RM_RESULTS_ONLY;
    warn_same_run(old_path, new_path);
    /* run_model_read() leaves a model freeable even when it fails */
    if (run_model_read(&a, old_path, flags, err, errlen) != 0)
        goto out;
    have_b = 1;
    if (run_model_read(&b, new_path, flags, err, errlen) != 0)
        goto out;
    struct comparison c;
    comparison_build(&c, &a, &b, o->match, o->alpha);
    compare_render(&c, o, out);
    rc = 0;
    if (!isnan(o->fail_pct)) {
        struct strbuf rows = {0};
        size_t n = comparison_regressions(&c, o->fail_pct, &rows);
        if (o->gate) {
            if (n)
                sb_printf(o->gate, "regressions of at least %g %% (claimed): %zu\n%s", o->fail_pct,
                          n, rows.buf ? rows.buf : "");
            else
                sb_printf(o->gate, "regressions of at least %g %% (claimed): none\n", o->fail_pct);
        }
        sb_free(&rows);
        rc = n > INT_MAX ? INT_MAX : (int)n;
    }
    comparison_free(&c);
out:
    if (have_b)
        run_model_free(&b);
    run_model_free(&a);
    return rc;
}
