/* variants.h - the implementation x toolchain matrix of a run, and the
 * options every matrix command (build, verify, run) shares. */
#ifndef DLBENCH_VARIANTS_H
#define DLBENCH_VARIANTS_H

#include <stddef.h>

#include "matrix/config.h"
#include "matrix/suite.h"
#include "base/util.h"

/* One library to measure: an impl built with one toolchain, or a library
 * the user brought. */
struct variant {
    char *name;              /* "go@go1.21.6", "c@gcc", "mine" (brought) */
    const struct impl_cfg *impl;
    char *toolchain;         /* as written ("local", a path, "go1.21.6"); NULL when brought */
    char *toolchain_label;   /* toolchain made safe for names; "" when brought */
    char *out_dir;           /* build/libs/<name>/ ; NULL when brought */
    char *lib_path;          /* the library to dlopen */
    char *log_path;          /* build log; NULL when brought */
    int impl_index;          /* position of its [[impl]] in the config (0-based,
                              * before --only): the hue of its charts */
    int toolchain_index;     /* position of its toolchain in the impl's list (or
                              * --go's), 0 when brought: the shade */

    /* Filled in as the run goes. */
    int built;               /* the library exists and is current */
    int verified;            /* passed verify */
    char *failure;           /* first failure cause (build or verify), or NULL;
                              * without the stage ("killed by SIGSEGV during
                              * bench_add"): failures.csv has it in its own
                              * column, the verify table prints "verify: " */
    char *failure_log;       /* log excerpt for the failure, or NULL */
    char *info;              /* bench_impl_info() of the library, else the toolchain
                              * its file names (measure/toolid.h), or NULL */
    int info_from_file;      /* 1: info is read from the file (no bench_impl_info) */
    char *free_how;          /* how hello's strings are released ("libc free",
                              * "bench_free", ...), or NULL without hello */
    char *build_version;     /* first line the build printed (toolchain version) */
    long file_bytes;
    char *exports;           /* workloads found, e.g. "noop add fib hello free info" */
    char *skipped;           /* workloads verify skipped (symbol missing), space-separated */
    char *verify_cmd;        /* verify's `dlbench measure` command line, or NULL */
    char *verify_log;        /* what the verify child printed (child_log), or NULL
                              * when it printed nothing */
};

/* Options shared by build, verify and run. */
struct matrix_opts {
    const char *config_path; /* -c; default "bench.toml" */
    struct strlist only;     /* --only NAME,... (impl or variant names) */
    struct strlist go;       /* --go TOOLCHAIN,... (replaces Go toolchains) */
    const char *libs_dir;    /* --libs-dir; default "<config folder>/build/libs" */
    struct suite_opts suite; /* --lib, --go-package, --symbols (suite.h) */
    int quiet;               /* --quiet */
};

struct matrix {
    struct config cfg;
    struct variant *v;
    size_t n;
    char *libs_dir;
    struct strlist go_resolved; /* the Go toolchains of the impl being expanded,
                                 * release names resolved (gorelease.h) */
    struct strlist go_names, go_toolchains; /* each Go toolchain name resolved in
                                 * this run and what it became, in step */
};

/* The command-line form of these options is MATRIX_OPTIONS in
 * cli/commands.h. Frees the lists. */
void matrix_opts_free(struct matrix_opts *o);

/* Loads the config and expands the variant list (applying --only and
 * --go). Returns 0, or -1 after printing the error (exit 2). */
int matrix_load(const struct matrix_opts *o, struct matrix *m);
void matrix_free(struct matrix *m);

/* Makes a toolchain string safe for use in file and variant names. */
char *toolchain_label(const char *toolchain);
/* The label of a variant: for a path, the Go release it holds ("go1.22.12"
 * from /usr/lib/go-1.22/bin/go), else toolchain_label. Caller frees. */
char *toolchain_short_label(const char *toolchain);
void variant_fail(struct variant *v, const char *cause, const char *log);

/* What a cycle of v calls, on which thread, and why - for the report:
 * "hello (its string released with libc free), from the main thread
 * (cycle_workload)" or "noop, from the main thread (default: add if the
 * library has it, else noop, else none)". From the verified exports; the
 * child applies the same rule (measure/cyclecall.h). Caller frees. */
char *variant_cycle_call(const struct variant *v);

/* Exit code of a matrix command: 0 when every variant is fine, else 1. */
int matrix_exit_code(const struct matrix *m);

#endif
