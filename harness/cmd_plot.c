/* cmd_plot.c - `dlbench plot` (being written). */
#include "commands.h"
#include "util.h"

int cmd_plot(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    db_error("'plot' is not implemented yet");
    return EXIT_USAGE;
}
