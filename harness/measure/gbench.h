/* gbench.h - finding and loading the Google Benchmark engine module
 * (dlbench-gbench.so, measure/gbench_abi.h) on demand.
 *
 * The module lives beside the dlbench binary (CMake builds it there when
 * libbenchmark-dev is installed); DLBENCH_GBENCH_MODULE names another file
 * (tests). The parent (run) only asks whether the file is there; the
 * measuring child loads it with RTLD_NOW | RTLD_LOCAL, so libbenchmark and
 * libstdc++ stay out of the global scope the measured library's dlopen
 * searches. */
#ifndef DLBENCH_GBENCH_H
#define DLBENCH_GBENCH_H

#include <stddef.h>

#include "measure/gbench_abi.h"

/* Which engines time the call scenario (--engine, [run] engine). */
enum engine_kind { ENGINE_NATIVE = 1, ENGINE_GBENCH = 2, ENGINE_BOTH = 3 };

/* The module's path: $DLBENCH_GBENCH_MODULE, else GBENCH_MODULE_NAME in the
 * folder of the running dlbench. Caller frees. */
char *gbench_module_path(void);
/* 1 when the module file exists (nothing is loaded). */
int gbench_available(void);
/* Loads the module (once) and returns its entry point, or NULL with
 * "the Google Benchmark engine is not available: cannot dlopen '...':
 * <dlerror> (install libbenchmark-dev and rebuild dlbench)" in err. */
gbench_run_fn gbench_load(char *err, size_t errlen);

#endif
