/* verify.c - `dlbench verify`: options, then verify_execute
 * (matrix/verify.c). */
#include "cli/commands.h"
#include "matrix/verify.h"

int cmd_verify(int argc, char **argv)
{
    struct verify_opts o = {0};
    const struct option opts[] = {
        MATRIX_OPTIONS(&o.m),
        OPT_FLAG(0, "no-build", &o.no_build, "verify what is built, do not build"),
        OPT_END(),
    };
    const struct opt_command cmd = {
        .name = "verify",
        .usage = "dlbench verify [options]",
        .about = "Builds what changed, then loads every variant in a child process of its\n"
                 "own and checks each ABI function against known answers: add (incl.\n"
                 "overflow wrap), fib(0..30), hello round-trip with free, the info string.\n",
        .opts = opts,
        .footer = "exit status: 0 all pass, 1 some variant failed, 2 usage or config error\n",
    };
    enum opts_result r = opts_parse_cli(&cmd, argc, argv);
    int rc = r == OPTS_OK ? verify_execute(&o) : r == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
    matrix_opts_free(&o.m);
    return rc;
}
