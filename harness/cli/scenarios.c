/* scenarios.c - the scenario table as option choices (commands.h). */
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
