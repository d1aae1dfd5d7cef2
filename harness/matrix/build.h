/* build.h - builds every variant of a matrix with its recipe, rebuilding
 * only what changed (sources, recipe, scripts it names, or toolchain). */
#ifndef DLBENCH_BUILD_H
#define DLBENCH_BUILD_H

#include "matrix/variants.h"

/* Builds every variant that has a recipe; marks v->built or records the
 * failure in the variant. Brought libraries are checked to exist.
 * Returns the number of variants that failed. */
int build_all(struct matrix *m, int quiet);

/* `dlbench build`: loads the matrix of o, builds it. Returns the exit
 * status: EXIT_OK, EXIT_SOME_FAILED (each failure printed), EXIT_USAGE
 * (config error printed) or EXIT_INTERRUPTED. */
int build_execute(const struct matrix_opts *o);

#endif
