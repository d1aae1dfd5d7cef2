/* elf.h - facts of an ELF file, read from its bytes without loading it
 * (no dlopen, no external tool). Used by the measuring child: the pre-check
 * before a scenario loads a library, and the size scenario. */
#ifndef DLBENCH_ELF_H
#define DLBENCH_ELF_H

#include <stddef.h>
#include <stdint.h>

/* Checks that path is a regular file holding a 64-bit ELF shared object
 * for this machine, without loading it. 0, or -1 with a message in err
 * ("'x' is a directory, not a library", "'x' is not an ELF file", "'x' is
 * built for aarch64 (e_machine 183), this machine is x86-64", ...). */
int elf_check_file(const char *path, char *err, size_t errlen);
/* The e_machine of the running harness (EM_X86_64, EM_AARCH64, ...). */
int elf_host_machine(void);

/* What the size scenario reports of one library (see size.c for the exact
 * definition of each). */
struct elf_facts {
    uint64_t load_bytes;     /* sum of p_memsz of the PT_LOAD segments, bytes */
    uint64_t text_bytes;     /* executable allocated sections, bytes */
    uint64_t data_bytes;     /* writable allocated sections, bytes */
    long needed;             /* DT_NEEDED entries (names printed to stderr) */
    long exported;           /* defined, visible .dynsym symbols; -1: unknown */
    int nodelete;            /* 1 if DF_1_NODELETE */
    int bind_now;            /* 1 if bound at load (DF_BIND_NOW, DF_1_NOW, DT_BIND_NOW) */
    int go;                  /* 1 if built by Go: a section named .go.buildinfo
                              * (elf_is_go) */
};

/* Parses the whole file, data[0..size), into f. 0, or -1 with the reason
 * in err ("'x' is malformed: <why>", or an elf_check_file message). */
int elf_facts_read(const char *path, const unsigned char *data, size_t size,
                   struct elf_facts *f, char *err, size_t errlen);

/* 1 if data[0..size) (a whole ELF file that passed elf_check_file) has a
 * section named ".go.buildinfo": the Go linker writes it into every Go
 * binary and c-shared library (the build info `go version -m` reads), so
 * it tells a Go library from the file alone, whatever bench.toml says.
 * 0 when there is none or the section headers cannot be read. */
int elf_is_go(const unsigned char *data, size_t size);
/* elf_is_go of the file at path (read whole). 1, 0, or -1 when the file
 * cannot be read or is not an ELF shared object for this machine. */
int elf_file_is_go(const char *path);

/* The GNU build ID of data[0..size) (a whole ELF file): the descriptor of
 * the note named "GNU" of type NT_GNU_BUILD_ID (3) - .note.gnu.build-id,
 * which gcc, clang, rustc and Go's external linker (c-shared) write - as
 * lower-case hex, what `readelf -n` prints after "Build ID:". Looked for
 * in the PT_NOTE segments, else (no program headers) in the SHT_NOTE
 * sections. Writes the hex (NUL-terminated) to out when it fits in outlen
 * and returns its length in hex digits; returns 0 and sets out to "" when
 * the file carries none or its notes are malformed. */
size_t elf_build_id(const unsigned char *data, size_t size, char *out, size_t outlen);
/* elf_build_id of the file at path, read whole (without loading it):
 * "" when it has none or cannot be read. Caller frees. */
char *elf_file_build_id(const char *path);

#endif
