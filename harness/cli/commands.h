/* commands.h - the sub-commands of dlbench. Each takes the arguments after
 * its name (argv[0] is the command name) and returns the process exit code
 * (see util.h). */
#ifndef DLBENCH_COMMANDS_H
#define DLBENCH_COMMANDS_H

int cmd_build(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_measure(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_compare(int argc, char **argv);

#endif
