/* check.h - the one CHECK of the C test programs: counts a passed or a
 * failed check; a failure prints "FAIL line N: <message>" (printf-style
 * message). A program includes it once, prints
 * "<passed> passed, <failed> failed" last and exits 1 when failed > 0.
 * Header-only: each test program is one translation unit. */
#ifndef DLBENCH_TESTS_CHECK_H
#define DLBENCH_TESTS_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(cond, ...)                                                                     \
    do {                                                                                     \
        if (cond) {                                                                          \
            passed++;                                                                        \
        } else {                                                                             \
            failed++;                                                                        \
            printf("FAIL line %d: ", __LINE__);                                              \
            printf(__VA_ARGS__);                                                             \
            printf("\n");                                                                    \
        }                                                                                    \
    } while (0)

#endif
