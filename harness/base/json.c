/* json.c - see json.h. */
#define _GNU_SOURCE
#include "base/json.h"

#include <dlfcn.h>
#include <math.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define JANSSON_SONAME "libjansson.so.4"

static struct jansson table;
static int loaded = -1;       /* -1 not tried, 0 failed, 1 loaded */
static char why[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* name -> slot; dlsym returns void *, copied bit for bit into the slot. */
#define SLOT(field, name) {name, offsetof(struct jansson, field)}
static const struct {
    const char *name;
    size_t offset;
} slots[] = {
    SLOT(object, "json_object"),
    SLOT(array, "json_array"),
    SLOT(string, "json_string"),
    SLOT(integer, "json_integer"),
    SLOT(real, "json_real"),
    SLOT(jtrue, "json_true"),
    SLOT(jfalse, "json_false"),
    SLOT(null, "json_null"),
    SLOT(object_set_new, "json_object_set_new"),
    SLOT(array_append_new, "json_array_append_new"),
    SLOT(object_get, "json_object_get"),
    SLOT(array_size, "json_array_size"),
    SLOT(array_get, "json_array_get"),
    SLOT(string_value, "json_string_value"),
    SLOT(number_value, "json_number_value"),
    SLOT(dumps, "json_dumps"),
    SLOT(loadb, "json_loadb"),
    SLOT(delete_, "json_delete"),
};

static void load(void)
{
    /* RTLD_LOCAL: jansson stays out of the global scope. */
    void *h = dlopen(JANSSON_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(why, sizeof why, "cannot dlopen '%s': %s (Debian package libjansson4)",
                 JANSSON_SONAME, dlerror());
        loaded = 0;
        return;
    }
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        void *p = dlsym(h, slots[i].name);
        if (!p) {
            snprintf(why, sizeof why, "'%s' has no '%s'", JANSSON_SONAME, slots[i].name);
            loaded = 0;
            return;
        }
        memcpy((char *)&table + slots[i].offset, &p, sizeof p);
    }
    loaded = 1;
}

const struct jansson *jx(char *err, size_t errlen)
{
    pthread_once(&once, load);
    if (loaded == 1)
        return &table;
    if (err && errlen)
        snprintf(err, errlen, "%s", why);
    return NULL;
}

void jx_decref(const struct jansson *j, json_t *json)
{
    /* The header's json_decref: a refcount of (size_t)-1 marks the
     * static true/false/null singletons. */
    if (json && json->refcount != (size_t)-1 && JSON_INTERNAL_DECREF(json) == 0)
        j->delete_(json);
}

void jx_set_number(const struct jansson *j, json_t *object, const char *key, double v)
{
    json_t *n;
    if (!isfinite(v))
        n = j->null();
    else if (v == (double)(long long)v && (v < 0 ? -v : v) <= 9007199254740992.0)
        n = j->integer((json_int_t)v);
    else
        n = j->real(v);
    j->object_set_new(object, key, n);
}

void jx_set_string(const struct jansson *j, json_t *object, const char *key, const char *s)
{
    j->object_set_new(object, key, s ? j->string(s) : j->null());
}
