/* commands.h - the sub-commands of dlbench, one file each under cli/.
 *
 * Each takes the arguments after its name (argv[0] is the command name),
 * turns them into the options struct of its stage through one option table
 * (base/options.h), calls the stage and returns the process exit code
 * (EXIT_* in base/util.h). Nothing else happens in cli/. */
#ifndef DLBENCH_COMMANDS_H
#define DLBENCH_COMMANDS_H

#include <stddef.h>

#include "base/options.h"
#include "base/util.h"

int cmd_build(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_measure(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_compare(int argc, char **argv);

/* The scenarios of the scenario table (measure/scenario.h) that have every
 * flag of need, as option choices for a CHOICE or LIST option: choices gets
 * at most max - 1 rows (value = the row's index in scenario_table) and a
 * NULL row; list gets their names, ", "-separated, for messages and help.
 * Returns the number of rows. */
size_t cli_scenario_choices(unsigned need, struct opt_choice *choices, size_t max,
                            struct strbuf *list);

/* The one run folder a command takes as its positional argument (plot,
 * report): an opt_command .arg callback with ctx a struct cli_one_dir.
 * A second argument is an error naming cmd: "'plot' takes one run folder,
 * got 'a' and 'b'" (after "--": "... (see 'dlbench plot --help')"). */
struct cli_one_dir {
    const char *cmd; /* the command's name, for messages */
    const char *dir; /* the folder given, or NULL */
};
int cli_take_one_dir(void *ctx, const char *arg, int after_dashdash, char *err, size_t errlen);

/* The options build, verify and run share, as rows of an option table
 * filling a struct matrix_opts (matrix/variants.h) at mo. */
#define MATRIX_OPTIONS(mo)                                                                 \
    OPT_STRING('c', "config", &(mo)->config_path, "FILE",                                 \
               "suite description (default: bench.toml)"),                                \
    OPT_LIST(0, "only", &(mo)->only, "NAME,...", ", \t",                                  \
             "only these impls or variants (e.g. go, c@clang)"),                          \
    OPT_LIST(0, "go", &(mo)->go, "TOOLCHAIN,...", ", \t\n",                               \
             "replace the Go toolchains: local, a release (1.22, go1.22,\n"              \
             "go1.22.12: a bare minor is the go on PATH when it is that\n"               \
             "release, else /usr/lib/go-1.N, else the newest patch the\n"                \
             "module proxy serves; the run says which), a path to go\n"                  \
             "(commas or spaces between them)",                                           \
             .flags = OPTF_NONEMPTY, .empty = "option '{opt}' needs at least one toolchain"), \
    OPT_STRING(0, "lib", &(mo)->suite.lib, "PATH",                                        \
               "measure this library as it is, instead of the config's\n"                  \
               "[[impl]] tables (-c then gives [run] alone)"),                             \
    OPT_STRING(0, "go-package", &(mo)->suite.go_package, "DIR",                           \
               "build this Go main package (-buildmode=c-shared) with each\n"             \
               "--go toolchain (default local) and measure it"),                          \
    OPT_STRING(0, "symbols", &(mo)->suite.symbols, "MAP",                                 \
               "with --lib or --go-package: which symbol implements each\n"               \
               "workload, e.g. add=Add,hello=Hello,free= (bench.toml's\n"                 \
               "[impl.symbols]; a workload mapped to nothing is not called)"),              \
    OPT_STRING(0, "libs-dir", &(mo)->libs_dir, "DIR",                                     \
               "where built libraries go (default: build/libs beside the config)"),       \
    OPT_FLAG('q', "quiet", &(mo)->quiet, "less progress output")

#endif
