/* bench.c - the C implementation of impls/bench_abi.h.
 *
 * Built by scripts/build-c.sh with -O2 -fPIC -shared. Plain, idiomatic C:
 * the other implementations are judged against this one, so it takes no
 * shortcut they could not take too. */
#include "bench_abi.h"

#include <stdlib.h>
#include <string.h>

/* ---- Compiler identity --------------------------------------------------
 * Taken from the compiler's own version macros, so the string names the
 * compiler that really built this file. Clang also defines __GNUC__, so it
 * is tested first; its __clang_version__ ends in a space ("14.0.6 "), so
 * the version is put together from the numeric macros instead. */
#define BENCH_STR_(x) #x
#define BENCH_STR(x) BENCH_STR_(x)
#if defined(__clang__)
#define BENCH_CC_INFO "c clang " BENCH_STR(__clang_major__) "." \
    BENCH_STR(__clang_minor__) "." BENCH_STR(__clang_patchlevel__)
#elif defined(__GNUC__)
#define BENCH_CC_INFO "c gcc " __VERSION__
#elif defined(__VERSION__)
#define BENCH_CC_INFO "c cc " __VERSION__
#else
#define BENCH_CC_INFO "c unknown"
#endif

static const char impl_info[] = BENCH_CC_INFO;

/* ---- Workloads --------------------------------------------------------- */

void bench_noop(void)
{
}

int64_t bench_add(int64_t a, int64_t b)
{
    /* Signed overflow is undefined in C; unsigned arithmetic wraps, which is
     * what the contract asks for. */
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

/* The recursion goes through a static function rather than the exported
 * symbol: with -fPIC a call to an exported function may be interposed and
 * goes through the PLT, a cost neither Go nor Rust pays in their own
 * recursion. */
static int64_t fib(int32_t n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int64_t bench_fib(int32_t n)
{
    if (n < 0)
        return 0;
    return fib(n);
}

char *bench_hello(const char *name)
{
    static const char prefix[] = "Hello, ";
    const size_t prefix_len = sizeof(prefix) - 1;
    size_t name_len;
    char *s;

    if (name == NULL)
        name = "";
    name_len = strlen(name);
    s = malloc(prefix_len + name_len + 2); /* "!" and NUL */
    if (s == NULL)
        return NULL;
    memcpy(s, prefix, prefix_len);
    memcpy(s + prefix_len, name, name_len);
    s[prefix_len + name_len] = '!';
    s[prefix_len + name_len + 1] = '\0';
    return s;
}

void bench_free(char *s)
{
    free(s);
}

const char *bench_impl_info(void)
{
    return impl_info;
}
