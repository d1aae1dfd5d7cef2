/* cmd_run.c - `dlbench run` (being written). */
#include "commands.h"
#include "util.h"

int cmd_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    db_error("'run' is not implemented yet");
    return EXIT_USAGE;
}
