/* verify.h - checks each built variant against known answers, each in a
 * child process of its own (`dlbench measure --scenario verify`). */
#ifndef DLBENCH_VERIFY_H
#define DLBENCH_VERIFY_H

#include <stdio.h>

#include "matrix/variants.h"

/* Verifies every built variant; sets v->verified, v->info, v->exports,
 * v->file_bytes, v->skipped or records the failure. Returns the number of
 * variants that failed (build failures included). */
int verify_all(struct matrix *m, int quiet);
/* The table `dlbench verify` prints. */
void verify_print_table(const struct matrix *m, FILE *f);
#endif
