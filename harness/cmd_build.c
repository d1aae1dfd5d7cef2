/* cmd_build.c - `dlbench build` (being written). */
#include "commands.h"
#include "util.h"

int cmd_build(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    db_error("'build' is not implemented yet");
    return EXIT_USAGE;
}
