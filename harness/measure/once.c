/* once.c - the once scenario: load, one call (add(2, 1) checked, or what
 * cycle_workload chooses: cyclecall.h), done. It is
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
#include "measure/cyclecall.h"
#include "measure/libload.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "base/util.h"

int scenario_once(const struct measure_opts *o, struct row_writer *w)
{
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
    struct bench_lib lib;
    memset(&lib, 0, sizeof lib);
    lib.handle = h;
    /* Only what the call needs: dlsym of the other symbols is not part of
     * "load + one call". */
    if (!o->symbols.cycle) { /* auto: add, else noop */
        bench_lib_resolve_some(&lib, &o->symbols, 1u << WL_ADD);
        if (!lib.add)
            bench_lib_resolve_some(&lib, &o->symbols, 1u << WL_NOOP);
    }
    enum cycle_call cc = cycle_call_choose(&o->symbols, &lib);
    bench_lib_resolve_some(&lib, &o->symbols, cycle_call_mask(cc));
    if (cc != CC_NONE)
        row_step(w, "%s", cycle_call_symbol(&o->symbols, cc));
    char why[600];
    if (cycle_call_do(&lib, &o->symbols, cc, 2, why, sizeof why) != 0) {
        db_error("%s", why);
        return 1;
    }
    /* No dlclose: the process ends here, and a Go runtime cannot unload. */
    return 0;
}
