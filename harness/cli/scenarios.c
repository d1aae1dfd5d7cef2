/* scenarios.c - what several commands take alike (commands.h): the
 * scenario table as option choices, one run folder as the argument. */
#include <stdio.h>

#include "cli/commands.h"
#include "measure/scenario.h"

size_t cli_scenario_choices(unsigned need, struct opt_choice *choices, size_t max,
                            struct strbuf *list)
{
    size_t n = 0;
    for (size_t i = 0; i < n_scenarios && n + 1 < max; i++) {
        if ((scenario_table[i].flags & need) != need)
            continue;
        choices[n].name = scenario_table[i].name;
        choices[n].value = (int)i;
        if (list)
            sb_printf(list, "%s%s", n ? ", " : "", scenario_table[i].name);
        n++;
    }
    choices[n].name = NULL;
    choices[n].value = 0;
    return n;
}

int cli_take_one_dir(void *ctx, const char *arg, int after_dashdash, char *err, size_t errlen)
{
    struct cli_one_dir *a = ctx;
    if (!a->dir) {
        a->dir = arg;
        return 0;
    }
    if (after_dashdash)
        snprintf(err, errlen, "'%s' takes one run folder (see 'dlbench %s --help')", a->cmd,
                 a->cmd);
    else
        snprintf(err, errlen, "'%s' takes one run folder, got '%s' and '%s'", a->cmd, a->dir,
                 arg);
    return -1;
}
