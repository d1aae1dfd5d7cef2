/* gbench.c - see gbench.h. */
#define _GNU_SOURCE
#include "measure/gbench.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

char *gbench_module_path(void)
{
    const char *env = getenv("DLBENCH_GBENCH_MODULE");
    if (env && *env)
        return xstrdup(env);
    const char *exe = self_exe();
    const char *slash = strrchr(exe, '/');
    if (!slash)
        return xstrdup("./" GBENCH_MODULE_NAME);
    return xasprintf("%.*s/%s", (int)(slash - exe), exe, GBENCH_MODULE_NAME);
}

int gbench_available(void)
{
    char *p = gbench_module_path();
    int ok = is_file(p);
    free(p);
    return ok;
}

gbench_run_fn gbench_load(char *err, size_t errlen)
{
    static gbench_run_fn fn;
    if (fn)
        return fn;
    char *p = gbench_module_path();
    /* RTLD_LOCAL: libbenchmark and libstdc++ must not join the global
     * scope that the library under test's symbol lookups search. */
    void *h = dlopen(p, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen,
                 "the Google Benchmark engine is not available: cannot dlopen '%s': %s "
                 "(install libbenchmark-dev and rebuild dlbench)",
                 p, dlerror());
        free(p);
        return NULL;
    }
    void *sym = dlsym(h, GBENCH_ENTRY);
    if (!sym) {
        snprintf(err, errlen, "'%s' has no '%s'", p, GBENCH_ENTRY);
        free(p);
        return NULL;
    }
    memcpy(&fn, &sym, sizeof fn);
    free(p);
    return fn;
}
