/* measure.c - `dlbench measure` (being written). */
#include "commands.h"
#include "util.h"

int cmd_measure(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    db_error("'measure' is not implemented yet");
    return EXIT_USAGE;
}
