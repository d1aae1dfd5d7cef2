/* once.c - the once scenario: load, add(2, 3) once, check 5, done. It is
 * timed as a whole process by hyperfine against a minimal C program doing
 * dlopen + dlsym + one call, so it does exactly that much: no /proc, no
 * stat, no rows (the ELF pre-check runs only after a failed dlopen).
 * Only its records are written (two steps and the end, a few us of the
 * ~1 ms): the end record is what proves to the parent that add returned. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

#include "measure/elf.h"
#include "measure/libload.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "base/util.h"

int scenario_once(const struct measure_opts *o, struct row_writer *w)
{
    const char *sym = symbol_for(&o->symbols, WL_ADD);
    row_step(w, "dlopen");
    void *h = dlopen(o->lib, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        /* Only now, off the timed path, look at the file: dlerror says "No
         * such file or directory" for a library of another machine. */
        char why[4096 + 256];
        const char *dl = dlerror();
        if (elf_check_file(o->lib, why, sizeof why) != 0)
            db_error("%s", why);
        else
            db_error("cannot dlopen '%s': %s", o->lib, dl);
        return 1;
    }
    void *p = dlsym(h, sym);
    if (!p) {
        db_error("symbol '%s' not found in '%s'", sym, o->lib);
        return 1;
    }
    add_fn f;
    memcpy(&f, &p, sizeof f);
    row_step(w, "%s", sym);
    int64_t r = f(2, 3);
    if (r != 5) {
        db_error("%s(2, 3) returned %lld, expected 5", sym, (long long)r);
        return 1;
    }
    /* No dlclose: the process ends here, and a Go runtime cannot unload. */
    return 0;
}
