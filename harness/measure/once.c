/* once.c - the once scenario: load, add(2, 3) once, check 5, done. It is
 * timed as a whole process by hyperfine against a minimal C program doing
 * dlopen + dlsym + one call, so it does exactly that much: no /proc, no
 * stat, no rows. Nothing is printed on success. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

#include "libload.h"
#include "measure.h"
#include "util.h"

int scenario_once(const struct measure_opts *o, struct row_writer *w)
{
    (void)w;
    const char *sym = symbol_for(&o->symbols, WL_ADD);
    void *h = dlopen(o->lib, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        db_error("cannot dlopen '%s': %s", o->lib, dlerror());
        return 1;
    }
    void *p = dlsym(h, sym);
    if (!p) {
        db_error("symbol '%s' not found in '%s'", sym, o->lib);
        return 1;
    }
    add_fn f;
    memcpy(&f, &p, sizeof f);
    int64_t r = f(2, 3);
    if (r != 5) {
        db_error("%s(2, 3) returned %lld, expected 5", sym, (long long)r);
        return 1;
    }
    /* No dlclose: the process ends here, and a Go runtime cannot unload. */
    return 0;
}
