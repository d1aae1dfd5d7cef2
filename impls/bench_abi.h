/* bench_abi.h - the contract every dlbench implementation exports.
 *
 * Each function has C linkage and the same semantics in every language.
 * `dlbench verify` checks them against known answers through dlopen before
 * anything is measured. A library that uses other names can still be
 * measured: bench.toml's [impl.symbols] maps workload -> symbol.
 *
 * Workload names (used in bench.toml, the CLI and every output):
 *   noop, add, fib, hello, free, info */
#ifndef DLBENCH_BENCH_ABI_H
#define DLBENCH_BENCH_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Does nothing: the pure cost of crossing the boundary. */
void bench_noop(void);

/* a + b, wrapping on overflow (two's complement). */
int64_t bench_add(int64_t a, int64_t b);

/* Naive doubly recursive Fibonacci, really recursing in the library's
 * language: fib(0)=0, fib(1)=1, fib(n)=fib(n-1)+fib(n-2); fib(30)=832040.
 * n < 0 returns 0. */
int64_t bench_fib(int32_t n);

/* A newly allocated "Hello, <name>!"; release it with bench_free. */
char *bench_hello(const char *name);
void bench_free(char *s);

/* A static string naming the language and the exact toolchain that built
 * the library, as the library itself knows it, e.g. "go go1.26.8",
 * "c gcc 12.2.0", "rust rustc 1.95.0 (59807616e 2026-04-14)". */
const char *bench_impl_info(void);

#ifdef __cplusplus
}
#endif

#endif
