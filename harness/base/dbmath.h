/* dbmath.h - the few libm functions the harness needs, without linking
 * libm into dlbench.
 *
 * Why: every object in the process's global scope is searched when a
 * dlopen'd library's symbols are bound. With libm.so.6 as a DT_NEEDED of
 * dlbench, each measured dlopen searched one object more than in a plain C
 * program: +6.9 % instructions per dlopen/dlclose cycle (callgrind), and a
 * slower whole-process cold start. So dlbench needs only libc; the
 * transcendental functions come from libm loaded on first use with
 * RTLD_LOCAL (outside the global scope), and the trivial ones are here. */
#ifndef DLBENCH_DBMATH_H
#define DLBENCH_DBMATH_H

double db_log(double x);
double db_log10(double x);
double db_exp(double x);
double db_pow(double x, double y);
double db_erfc(double x);
double db_sqrt(double x);

/* As C99's, without libm: NaN arguments are ignored like fmax/fmin do. */
double db_fmax(double a, double b);
double db_fmin(double a, double b);
/* Exact for |x| < 2^52; larger values are already whole. */
double db_floor(double x);
double db_ceil(double x);
/* Rounds half away from zero, like llround. */
long long db_llround(double x);

#endif
