/* dbmath.c - see dbmath.h. */
#define _GNU_SOURCE
#include "base/dbmath.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct libm {
    double (*log)(double);
    double (*log10)(double);
    double (*exp)(double);
    double (*pow)(double, double);
    double (*erfc)(double);
    double (*sqrt)(double);
};

static struct libm m;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void *sym(void *h, const char *name)
{
    void *p = dlsym(h, name);
    if (!p) {
        db_error("libm has no '%s': %s", name, dlerror());
        abort();
    }
    return p;
}

static void load(void)
{
    /* RTLD_LOCAL: libm stays out of the global scope that measured
     * libraries are bound against. */
    void *h = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        db_error("cannot dlopen 'libm.so.6': %s", dlerror());
        abort();
    }
    /* dlsym returns void *; a function pointer is copied bit for bit. */
    void *p;
    p = sym(h, "log"), memcpy(&m.log, &p, sizeof p);
    p = sym(h, "log10"), memcpy(&m.log10, &p, sizeof p);
    p = sym(h, "exp"), memcpy(&m.exp, &p, sizeof p);
    p = sym(h, "pow"), memcpy(&m.pow, &p, sizeof p);
    p = sym(h, "erfc"), memcpy(&m.erfc, &p, sizeof p);
    p = sym(h, "sqrt"), memcpy(&m.sqrt, &p, sizeof p);
}

static const struct libm *libm(void)
{
    pthread_once(&once, load);
    return &m;
}

double db_log(double x) { return libm()->log(x); }
double db_log10(double x) { return libm()->log10(x); }
double db_exp(double x) { return libm()->exp(x); }
double db_pow(double x, double y) { return libm()->pow(x, y); }
double db_erfc(double x) { return libm()->erfc(x); }
double db_sqrt(double x) { return libm()->sqrt(x); }

double db_fmax(double a, double b)
{
    if (isnan(a))
        return b;
    if (isnan(b))
        return a;
    return a > b ? a : b;
}

double db_fmin(double a, double b)
{
    if (isnan(a))
        return b;
    if (isnan(b))
        return a;
    return a < b ? a : b;
}

#define WHOLE 4503599627370496.0 /* 2^52: every double beyond is whole */

double db_floor(double x)
{
    if (isnan(x) || x >= WHOLE || x <= -WHOLE)
        return x;
    double t = (double)(long long)x; /* truncates toward zero */
    return t > x ? t - 1 : t;
}

double db_ceil(double x)
{
    if (isnan(x) || x >= WHOLE || x <= -WHOLE)
        return x;
    double t = (double)(long long)x;
    return t < x ? t + 1 : t;
}

long long db_llround(double x)
{
    return (long long)(x >= 0 ? db_floor(x + 0.5) : db_ceil(x - 0.5));
}
