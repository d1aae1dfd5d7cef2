/* build.c - `dlbench build`: options, then build_execute (matrix/build.c). */
#include "cli/commands.h"
#include "matrix/build.h"

int cmd_build(int argc, char **argv)
{
    struct matrix_opts o = {0};
    const struct option opts[] = {MATRIX_OPTIONS(&o), OPT_END()};
    const struct opt_command cmd = {
        .name = "build",
        .usage = "dlbench build [options]",
        .about = "Builds every implementation x toolchain variant of the suite into\n"
                 "build/libs/<impl>@<toolchain>/ (a build.log beside each library).\n"
                 "Only variants whose sources, recipe or toolchain changed are rebuilt.\n",
        .opts = opts,
        .footer = "exit status: 0 all built, 1 some variant failed, 2 usage or config error\n",
    };
    enum opts_result r = opts_parse_cli(&cmd, argc, argv);
    int rc = r == OPTS_OK ? build_execute(&o) : r == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
    matrix_opts_free(&o);
    return rc;
}
