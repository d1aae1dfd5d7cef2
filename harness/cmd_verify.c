/* cmd_verify.c - `dlbench verify` (being written). */
#include "commands.h"
#include "util.h"

int cmd_verify(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    db_error("'verify' is not implemented yet");
    return EXIT_USAGE;
}
