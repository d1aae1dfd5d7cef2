/* tinylib.c - the smallest library of the bench ABI, for the `process`
 * tests (hyperfine times `dlbench measure --scenario once` on it). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_abi.h"

void bench_noop(void)
{
}

int64_t bench_add(int64_t a, int64_t b)
{
    return a + b;
}

int64_t bench_fib(int32_t n)
{
    return n < 2 ? n : bench_fib(n - 1) + bench_fib(n - 2);
}

char *bench_hello(const char *name)
{
    size_t n = strlen(name) + 8;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "Hello, %s", name);
    return s;
}

void bench_free(char *s)
{
    free(s);
}

const char *bench_impl_info(void)
{
    return "plot-tinylib 1.0";
}
