/* toolid.h - which toolchain built a library, read from the file itself
 * (no loading, no external tool), for libraries without bench_impl_info:
 *   Go      the release in the build info (section .go.buildinfo, or the
 *           16-byte aligned "\xff Go buildinf:" header anywhere in the file
 *           when sections are stripped): "go go1.21.6"
 *   Rust    "rustc version 1.80.0 (...)" in .comment: "rust rustc 1.80.0"
 *   clang   "... clang version 14.0.6" in .comment: "c clang 14.0.6"
 *   gcc     "GCC: (Debian 12.2.0-14) 12.2.0" in .comment: "c gcc 12.2.0"
 * In that order of precedence: a Go or Rust library also carries the C
 * compiler's .comment of the C objects linked into it, and a clang-built
 * one gcc's (crtbegin.o). The form is that of bench_impl_info. */
#ifndef DLBENCH_TOOLID_H
#define DLBENCH_TOOLID_H

#include <stddef.h>

/* The toolchain of data[0..size) (an ELF file), or NULL when nothing says.
 * Caller frees. Never reads outside data. */
char *toolid_from_bytes(const unsigned char *data, size_t size);
/* The same for a file; NULL also when it cannot be read. */
char *toolid_from_file(const char *path);

#endif
