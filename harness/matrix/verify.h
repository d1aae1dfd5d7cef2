/* verify.h - checks each built variant against known answers, each in a
 * child process of its own (`dlbench measure --scenario verify`). */
#ifndef DLBENCH_VERIFY_H
#define DLBENCH_VERIFY_H

#include <stdio.h>

#include "matrix/variants.h"

/* Options of `dlbench verify`. */
struct verify_opts {
    struct matrix_opts m;
    int no_build;             /* --no-build: verify what is built, build nothing */
};

/* Verifies every built variant; sets v->verified, v->info, v->exports,
 * v->file_bytes, v->skipped or records the failure. Returns the number of
 * variants that failed (build failures included). */
int verify_all(struct matrix *m, int quiet);
/* The table `dlbench verify` prints. */
void verify_print_table(const struct matrix *m, FILE *f);
/* `dlbench verify`: builds what changed (unless no_build), verifies, prints
 * the table on stdout. Returns the exit status: EXIT_OK, EXIT_SOME_FAILED,
 * EXIT_USAGE (config error printed) or EXIT_INTERRUPTED. */
int verify_execute(const struct verify_opts *o);
#endif
