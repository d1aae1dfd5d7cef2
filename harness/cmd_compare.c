/* cmd_compare.c - `dlbench compare` (being written). */
#include "commands.h"
#include "util.h"

int cmd_compare(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    db_error("'compare' is not implemented yet");
    return EXIT_USAGE;
}
