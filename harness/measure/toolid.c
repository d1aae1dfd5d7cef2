/* toolid.c - see toolid.h. Every offset is checked against the file:
 * a hostile or truncated file gives NULL, never a read outside it. */
#define _GNU_SOURCE
#include "measure/toolid.h"

#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

#define MAX_FILE_BYTES ((size_t)2048 * 1024 * 1024)

static const char go_magic[] = "\xff Go buildinf:"; /* 14 bytes */
#define GO_MAGIC_LEN 14

struct span {
    size_t off, len; /* len 0: not found */
};

/* The section named name (via e_shstrndx), or {0, 0}. */
static struct span find_section(const unsigned char *p, size_t size, const char *name)
{
    struct span none = {0, 0};
    Elf64_Ehdr eh;
    if (size < sizeof eh || memcmp(p, ELFMAG, SELFMAG) != 0 || p[EI_CLASS] != ELFCLASS64)
        return none;
    memcpy(&eh, p, sizeof eh);
    if (eh.e_shoff == 0 || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff > size)
        return none;
    size_t n = eh.e_shnum;
    if (n == 0 || n > (size - eh.e_shoff) / sizeof(Elf64_Shdr) || eh.e_shstrndx >= n)
        return none;
    Elf64_Shdr strs;
    memcpy(&strs, p + eh.e_shoff + (size_t)eh.e_shstrndx * sizeof strs, sizeof strs);
    if (strs.sh_offset > size || strs.sh_size > size - strs.sh_offset)
        return none;
    size_t want = strlen(name) + 1;
    for (size_t i = 0; i < n; i++) {
        Elf64_Shdr sh;
        memcpy(&sh, p + eh.e_shoff + i * sizeof sh, sizeof sh);
        if (sh.sh_name >= strs.sh_size || strs.sh_size - sh.sh_name < want)
            continue;
        if (memcmp(p + strs.sh_offset + sh.sh_name, name, want) != 0)
            continue;
        if (sh.sh_type == SHT_NOBITS || sh.sh_offset > size || sh.sh_size > size - sh.sh_offset)
            return none;
        struct span s = {(size_t)sh.sh_offset, (size_t)sh.sh_size};
        return s;
    }
    return none;
}

/* Reads a Go build info varint-prefixed string at p[*off]; NULL if bad. */
static char *go_varstr(const unsigned char *p, size_t end, size_t *off)
{
    uint64_t len = 0;
    int shift = 0;
    for (;;) {
        if (*off >= end || shift > 56)
            return NULL;
        unsigned char b = p[(*off)++];
        len |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
        shift += 7;
    }
    if (len == 0 || len > 64 || len > end - *off)
        return NULL;
    char *s = xstrndup((const char *)p + *off, (size_t)len);
    *off += (size_t)len;
    return s;
}

/* "go1.21.6" from the build info header at p[off..end), or NULL. Since Go
 * 1.18 the header's flags byte has bit 2 ("inline strings") and the
 * version string follows at offset 32; older releases store pointers,
 * which are not followed here. */
static char *go_version_at(const unsigned char *p, size_t off, size_t end)
{
    if (end < off || end - off < 32 || memcmp(p + off, go_magic, GO_MAGIC_LEN) != 0)
        return NULL;
    unsigned char flags = p[off + 15];
    if (!(flags & 2))
        return xstrdup("(a release before go1.18)");
    size_t at = off + 32;
    char *v = go_varstr(p, end, &at);
    if (v && strncmp(v, "go", 2) != 0 && strncmp(v, "devel", 5) != 0) {
        free(v);
        return NULL;
    }
    return v;
}

static char *go_version(const unsigned char *p, size_t size)
{
    struct span s = find_section(p, size, ".go.buildinfo");
    if (s.len)
        return go_version_at(p, s.off, s.off + s.len);
    /* Sections stripped: the header is 16-byte aligned in the data. */
    size_t off = 0;
    while (off + 32 <= size) {
        const unsigned char *hit = memmem(p + off, size - off, go_magic, GO_MAGIC_LEN);
        if (!hit)
            return NULL;
        size_t at = (size_t)(hit - p);
        if (at % 16 == 0)
            return go_version_at(p, at, size - at < 4096 ? size : at + 4096);
        off = at + 1;
    }
    return NULL;
}

/* The word after "prefix" in s (up to a blank or ')'), or NULL. */
static char *word_after(const char *s, const char *prefix)
{
    const char *h = strstr(s, prefix);
    if (!h)
        return NULL;
    h += strlen(prefix);
    size_t n = strcspn(h, " )");
    return n && n < 64 ? xstrndup(h, n) : NULL;
}

/* The compiler named in .comment, by precedence rustc, clang, gcc. */
static char *comment_toolchain(const unsigned char *p, size_t size)
{
    struct span s = find_section(p, size, ".comment");
    if (!s.len)
        return NULL;
    char *rust = NULL, *clang = NULL, *gcc = NULL;
    for (size_t i = 0; i < s.len;) {
        const char *str = (const char *)p + s.off + i;
        size_t n = strnlen(str, s.len - i);
        char *one = xstrndup(str, n);
        i += n + 1;
        char *w;
        if (!rust && (w = word_after(one, "rustc version ")))
            rust = w;
        else if (!clang && (w = word_after(one, "clang version ")))
            clang = w;
        else if (!gcc && !strncmp(one, "GCC: ", 5) && strrchr(one, ' ')) {
            const char *last = strrchr(one, ' ') + 1;
            if (*last >= '0' && *last <= '9')
                gcc = xstrndup(last, strcspn(last, " "));
        }
        free(one);
    }
    char *r = rust    ? xasprintf("rust rustc %s", rust)
              : clang ? xasprintf("c clang %s", clang)
              : gcc   ? xasprintf("c gcc %s", gcc)
                      : NULL;
    free(rust);
    free(clang);
    free(gcc);
    return r;
}

char *toolid_from_bytes(const unsigned char *data, size_t size)
{
    char *go = go_version(data, size);
    if (go) {
        char *r = xasprintf("go %s", go);
        free(go);
        return r;
    }
    return comment_toolchain(data, size);
}

char *toolid_from_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *r = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (size_t)st.st_size <= MAX_FILE_BYTES) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            r = toolid_from_bytes(m, (size_t)st.st_size);
            munmap(m, (size_t)st.st_size);
        }
    }
    close(fd);
    return r;
}
