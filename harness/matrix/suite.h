/* suite.h - a suite from the command line: `--lib PATH` (a library as it
 * is) or `--go-package DIR` (a Go c-shared main package, built with each
 * --go toolchain), instead of bench.toml's [[impl]] tables.
 *
 * The one impl is named after the file or folder (libz.so.1, mypkg), with
 * --symbols WORKLOAD=SYMBOL,... as its [impl.symbols] (config.h
 * symbol_map_parse); a Go package's toolchain is "local" unless --go
 * replaces it. [run] comes from -c FILE when -c is given (its [[impl]]
 * tables are then ignored, and a note says so), else from the defaults.
 * The config's text (copied into the run folder as bench.toml) is FILE's
 * with -c, else the [[impl]] table the options stand for; with the same
 * options again (env.txt reproduce) either gives this suite back.
 *
 * Errors: "--lib '/x': No such file or directory", "--lib '/dev/zero': not
 * a regular file", "--go-package 'd': no go.mod in it", "--lib and
 * --go-package cannot be used together". */
#ifndef DLBENCH_SUITE_H
#define DLBENCH_SUITE_H

#include "matrix/config.h"

struct suite_opts {
    const char *lib;        /* --lib PATH, or NULL */
    const char *go_package; /* --go-package DIR, or NULL */
    const char *symbols;    /* --symbols SPEC, or NULL */
    const char *config;     /* -c FILE when given, else NULL */
};

/* 1 when o asks for a command-line suite. */
int suite_wanted(const struct suite_opts *o);

/* Fills cfg (config_free it) with the suite of o. Returns 0, or -1 after
 * db_error (exit 2). */
int suite_load(const struct suite_opts *o, struct config *cfg);

#endif
