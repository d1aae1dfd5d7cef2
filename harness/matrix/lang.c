/* lang.c - the language table; see lang.h. */
#include "matrix/lang.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#ifndef DLBENCH_SOURCE_DIR
#define DLBENCH_SOURCE_DIR "."
#endif

static const char *const go_cmds[] = {"go", NULL};
static const char *const rust_cmds[] = {"cargo", "rustc", NULL};
static const char *const c_cmds[] = {"cc", NULL};

static const struct lang langs[] = {
    {"c", c_cmds, "scripts/build-c.sh", LANG_BASELINE},
    {"go", go_cmds, "scripts/build-go.sh", LANG_TOOLCHAINS_FROM_GO | LANG_RUNTIME_HEAP_GO | LANG_ONE_RUNTIME},
    {"rust", rust_cmds, "scripts/build-rust.sh", 0},
};

const struct lang *lang_find(const char *name)
{
    for (size_t i = 0; name && i < ARRAY_LEN(langs); i++)
        if (!strcmp(langs[i].name, name))
            return &langs[i];
    return NULL;
}

int lang_has(const char *name, unsigned flag)
{
    const struct lang *l = lang_find(name);
    return l && (l->flags & flag) != 0;
}

char *lang_default_recipe(const char *name)
{
    const struct lang *l = lang_find(name);
    if (!l || !l->script)
        return NULL;
    char *path = path_join(DLBENCH_SOURCE_DIR, l->script);
    char *q = shell_quote(path);
    char *recipe = xasprintf("sh %s {toolchain} {out}", q);
    free(q);
    free(path);
    return recipe;
}
