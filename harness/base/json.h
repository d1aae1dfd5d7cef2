/* json.h - JSON through Debian's libjansson, loaded on first use.
 *
 * Why not link it: every DT_NEEDED of dlbench joins the global scope that a
 * measured dlopen searches (see dbmath.h), so the one binary that also runs
 * the measuring children needs libc alone. The parts that read or write
 * JSON (hyperfine's export, results.json) never measure; they load
 * "libjansson.so.4" with RTLD_LOCAL through jx() and call it through the
 * table below. The types and constants come from <jansson.h>; no jansson
 * function is called directly (the header's inline helpers such as
 * json_decref are replaced by jx_decref). */
#ifndef DLBENCH_JSON_H
#define DLBENCH_JSON_H

#include <jansson.h>
#include <stddef.h>

struct jansson {
    json_t *(*object)(void);
    json_t *(*array)(void);
    json_t *(*string)(const char *value);
    json_t *(*integer)(json_int_t value);
    json_t *(*real)(double value);
    json_t *(*jtrue)(void);
    json_t *(*jfalse)(void);
    json_t *(*null)(void);
    int (*object_set_new)(json_t *object, const char *key, json_t *value);
    int (*array_append_new)(json_t *array, json_t *value);
    json_t *(*object_get)(const json_t *object, const char *key);
    size_t (*array_size)(const json_t *array);
    json_t *(*array_get)(const json_t *array, size_t index);
    const char *(*string_value)(const json_t *string);
    double (*number_value)(const json_t *number);
    char *(*dumps)(const json_t *json, size_t flags);
    json_t *(*loadb)(const char *buffer, size_t buflen, size_t flags, json_error_t *error);
    void (*delete_)(json_t *json);
};

/* The loaded library, or NULL when libjansson.so.4 cannot be loaded or
 * lacks a function; then err (if given) says why, e.g. "cannot dlopen
 * 'libjansson.so.4': <dlerror> (Debian package libjansson4)". Loads once;
 * thread-safe. */
const struct jansson *jx(char *err, size_t errlen);

/* json_decref without the header's inline call into libjansson. NULL is
 * allowed. */
void jx_decref(const struct jansson *j, json_t *json);

/* Adds key = a number to object: an integer when v is whole and within
 * 2^53, else a real; JSON has no NaN or infinity, so those become null. */
void jx_set_number(const struct jansson *j, json_t *object, const char *key, double v);
/* Adds key = a string (NULL becomes null). */
void jx_set_string(const struct jansson *j, json_t *object, const char *key, const char *s);

#endif
