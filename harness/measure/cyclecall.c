/* cyclecall.c - see cyclecall.h. */
#define _GNU_SOURCE
#include "measure/cyclecall.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

enum cycle_call cycle_call_choose(const struct symbol_map *map, const struct bench_lib *lib)
{
    const char *c = map ? map->cycle : NULL;
    if (c && !strcmp(c, "add"))
        return CC_ADD;
    if (c && !strcmp(c, "hello"))
        return CC_HELLO;
    if (c && !strcmp(c, "noop"))
        return CC_NOOP;
    if (c && !strcmp(c, "none"))
        return CC_NONE;
    if (lib->add)
        return CC_ADD;
    return lib->noop ? CC_NOOP : CC_NONE;
}

const char *cycle_call_name(enum cycle_call c)
{
    switch (c) {
    case CC_ADD: return "add";
    case CC_HELLO: return "hello";
    case CC_NOOP: return "noop";
    case CC_NONE: break;
    }
    return "none";
}

const char *cycle_call_symbol(const struct symbol_map *map, enum cycle_call c)
{
    switch (c) {
    case CC_ADD: return symbol_for(map, WL_ADD);
    case CC_HELLO: return symbol_for(map, WL_HELLO);
    case CC_NOOP: return symbol_for(map, WL_NOOP);
    case CC_NONE: break;
    }
    return "none";
}

unsigned cycle_call_mask(enum cycle_call c)
{
    switch (c) {
    case CC_ADD: return 1u << WL_ADD;
    case CC_HELLO: return (1u << WL_HELLO) | (1u << WL_FREE);
    case CC_NOOP: return 1u << WL_NOOP;
    case CC_NONE: break;
    }
    return 0;
}

int cycle_call_do(const struct bench_lib *lib, const struct symbol_map *map, enum cycle_call c,
                  int64_t i, char *err, size_t errlen)
{
    switch (c) {
    case CC_ADD: {
        if (!lib->add)
            break;
        int64_t r = lib->add(i, 1);
        if (r != i + 1) {
            (void)snprintf(err, errlen, "%s(%" PRId64 ", 1) returned %" PRId64 ", expected %" PRId64,
                           symbol_for(map, WL_ADD), i, r, i + 1);
            return -1;
        }
        return 0;
    }
    case CC_HELLO: {
        if (!lib->hello)
            break;
        if (lib->free_how != FREE_NONE && !lib->free_str) {
            (void)snprintf(err, errlen, "symbol '%s' (free) not found", symbol_for(map, WL_FREE));
            return -1;
        }
        char *s = lib->hello("world");
        int ok = s && !strcmp(s, "Hello, world!");
        bench_lib_release(lib, s);
        if (!ok) {
            (void)snprintf(err, errlen, "%s(\"world\") did not return \"Hello, world!\"",
                           symbol_for(map, WL_HELLO));
            return -1;
        }
        return 0;
    }
    case CC_NOOP:
        if (!lib->noop)
            break;
        lib->noop();
        return 0;
    case CC_NONE: return 0;
    }
    enum workload w = c == CC_ADD ? WL_ADD : c == CC_HELLO ? WL_HELLO : WL_NOOP;
    (void)snprintf(err, errlen, "symbol '%s' not found", symbol_for(map, w));
    return -1;
}

/* ------------------------------------------------------------ the caller */

static void *worker(void *arg)
{
    struct cycle_caller *c = arg;
    for (;;) {
        while (sem_wait(&c->go) != 0 && errno == EINTR)
            ;
        if (c->stop)
            break;
        c->rc = cycle_call_do(c->lib, c->map, c->call, c->arg, c->err, sizeof c->err);
        sem_post(&c->done);
    }
    return NULL;
}

int cycle_caller_start(struct cycle_caller *c, int on_pthread)
{
    memset(c, 0, sizeof *c);
    c->on_pthread = on_pthread;
    if (!on_pthread)
        return 0;
    if (sem_init(&c->go, 0, 0) != 0 || sem_init(&c->done, 0, 0) != 0)
        return -1;
    int e = pthread_create(&c->thread, NULL, worker, c);
    if (e != 0) {
        errno = e;
        c->on_pthread = 0;
        return -1;
    }
    return 0;
}

int cycle_caller_call(struct cycle_caller *c, const struct bench_lib *lib,
                      const struct symbol_map *map, enum cycle_call call, int64_t i, char *err,
                      size_t errlen)
{
    if (!c->on_pthread)
        return cycle_call_do(lib, map, call, i, err, errlen);
    c->lib = lib;
    c->map = map;
    c->call = call;
    c->arg = i;
    sem_post(&c->go);
    while (sem_wait(&c->done) != 0 && errno == EINTR)
        ;
    if (c->rc != 0)
        (void)snprintf(err, errlen, "%s (on the pthread)", c->err);
    return c->rc;
}

void cycle_caller_stop(struct cycle_caller *c)
{
    if (!c->on_pthread)
        return;
    c->stop = 1;
    sem_post(&c->go);
    pthread_join(c->thread, NULL);
    sem_destroy(&c->go);
    sem_destroy(&c->done);
    c->on_pthread = 0;
}
