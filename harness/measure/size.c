/* size.c - the size scenario: facts of the ELF file, read with <elf.h>
 * alone (no external tool, no dlopen: a library that crashes on load still
 * gets its size measured). The reading is in elf.c.
 *
 * Rows (workload "", thread ""):
 *   file_bytes        size of the file
 *   load_bytes        sum of p_memsz of the PT_LOAD segments
 *   text_bytes        sum of sh_size of SHF_ALLOC|SHF_EXECINSTR sections
 *                     (.init .plt .plt.got .text .fini ...); without section
 *                     headers, p_filesz of the executable PT_LOAD segments
 *   data_bytes        sum of sh_size of SHF_ALLOC|SHF_WRITE sections (.data
 *                     .bss .tdata .tbss .data.rel.ro .got .got.plt
 *                     .init_array .fini_array .dynamic ...); without section
 *                     headers, p_memsz of the writable PT_LOAD segments
 *   needed_count      DT_NEEDED entries (names go to stderr: "needed: x")
 *   exported_symbols  .dynsym symbols that are defined (st_shndx != UNDEF),
 *                     GLOBAL/WEAK/GNU_UNIQUE, FUNC/OBJECT/GNU_IFUNC, and of
 *                     default or protected visibility
 *   nodelete          1 if DT_FLAGS_1 has DF_1_NODELETE
 *   bind_now          1 if DT_FLAGS has DF_BIND_NOW, DT_FLAGS_1 has DF_1_NOW
 *                     or DT_BIND_NOW is present
 *   go_buildinfo      1 if the file has a .go.buildinfo section: built by Go
 *                     (elf_is_go), whatever bench.toml's lang says
 * Every offset and size is checked against the file before use: a
 * truncated or hostile file gives an error, never a crash. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "measure/elf.h"
#include "measure/measure.h"
#include "measure/scenario.h"
#include "base/util.h"

#define MAX_FILE_BYTES (2048UL * 1024 * 1024)

int scenario_size(const struct measure_opts *o, struct row_writer *w)
{
    char err[4096 + 256];
    size_t len = 0;
    struct elf_facts f;
    if (elf_check_file(o->lib, err, sizeof err) != 0) {
        db_error("%s", err);
        return 1;
    }
    unsigned char *data = (unsigned char *)read_file(o->lib, &len, MAX_FILE_BYTES);
    if (!data) {
        db_error("cannot read '%s': %s", o->lib, strerror(errno));
        return 1;
    }
    int rc = elf_facts_read(o->lib, data, len, &f, err, sizeof err);
    free(data);
    if (rc != 0) {
        db_error("%s", err);
        return 1;
    }
    row_emit(w, "", "", "file_bytes", "bytes", 0, (double)len);
    row_emit(w, "", "", "load_bytes", "bytes", 0, (double)f.load_bytes);
    row_emit(w, "", "", "text_bytes", "bytes", 0, (double)f.text_bytes);
    row_emit(w, "", "", "data_bytes", "bytes", 0, (double)f.data_bytes);
    row_emit(w, "", "", "needed_count", "count", 0, (double)f.needed);
    if (f.exported >= 0)
        row_emit(w, "", "", "exported_symbols", "count", 0, (double)f.exported);
    row_emit(w, "", "", "nodelete", "bool", 0, f.nodelete);
    row_emit(w, "", "", "bind_now", "bool", 0, f.bind_now);
    row_emit(w, "", "", "go_buildinfo", "bool", 0, f.go);
    row_flush(w);
    return 0;
}
