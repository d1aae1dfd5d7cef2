/* elf.c - ELF facts of a file, read with <elf.h> alone (no external tool,
 * no dlopen): the pre-check every loading scenario runs first, for clear
 * messages instead of dlerror's, and the facts the size scenario reports.
 * See elf.h. Every offset and size is checked against the file before
 * use: a truncated or hostile file gives an error, never a crash. */
#define _GNU_SOURCE
#include "measure/elf.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

#define MAX_FILE_BYTES (2048UL * 1024 * 1024)

/* ------------------------------------------------------------ header check */

static const char *machine_name(int m)
{
    switch (m) {
    case EM_X86_64: return "x86-64";
    case EM_AARCH64: return "aarch64";
    case EM_386: return "i386";
    case EM_ARM: return "arm";
    case EM_RISCV: return "riscv";
    case EM_PPC64: return "ppc64";
    case EM_S390: return "s390";
    default: return "an unknown machine";
    }
}

int elf_host_machine(void)
{
    static int cached = -1;
    if (cached >= 0)
        return cached;
    /* The harness's own header says what this machine runs. */
    Elf64_Ehdr eh;
    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (read(fd, &eh, sizeof eh) == (ssize_t)sizeof eh && !memcmp(eh.e_ident, ELFMAG, SELFMAG))
            cached = eh.e_machine;
        close(fd);
    }
    if (cached < 0) {
#if defined(__x86_64__)
        cached = EM_X86_64;
#elif defined(__aarch64__)
        cached = EM_AARCH64;
#else
        cached = EM_NONE;
#endif
    }
    return cached;
}

/* Checks the identification and header fields of a 64-byte header. */
static int check_ehdr(const char *path, const unsigned char *buf, size_t len, char *err,
                      size_t errlen)
{
    Elf64_Ehdr eh;
    if (len < SELFMAG || memcmp(buf, ELFMAG, SELFMAG) != 0) {
        (void)snprintf(err, errlen, "'%s' is not an ELF file", path);
        return -1;
    }
    if (len < EI_NIDENT || buf[EI_CLASS] != ELFCLASS64) {
        (void)snprintf(err, errlen, "'%s' is a %s ELF file; only 64-bit libraries can be loaded", path,
                 len >= EI_NIDENT && buf[EI_CLASS] == ELFCLASS32 ? "32-bit" : "malformed");
        return -1;
    }
    if (len < sizeof eh) {
        (void)snprintf(err, errlen, "'%s' is truncated: ELF header incomplete", path);
        return -1;
    }
    memcpy(&eh, buf, sizeof eh);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const int host_data = ELFDATA2LSB;
#else
    const int host_data = ELFDATA2MSB;
#endif
    if (eh.e_ident[EI_DATA] != host_data) {
        (void)snprintf(err, errlen, "'%s' has the wrong byte order for this machine", path);
        return -1;
    }
    int host = elf_host_machine();
    if (eh.e_machine != host) {
        (void)snprintf(err, errlen, "'%s' is built for %s (e_machine %u), this machine is %s", path,
                 machine_name(eh.e_machine), (unsigned)eh.e_machine, machine_name(host));
        return -1;
    }
    if (eh.e_type != ET_DYN) {
        (void)snprintf(err, errlen, "'%s' is not a shared library (ELF type %u)", path,
                 (unsigned)eh.e_type);
        return -1;
    }
    return 0;
}

/* stat + open + the header: the common mistakes, named. */
int elf_check_file(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        (void)snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        (void)snprintf(err, errlen, "'%s' is a directory, not a library", path);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        (void)snprintf(err, errlen, "'%s' is not a regular file", path);
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        (void)snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    unsigned char buf[sizeof(Elf64_Ehdr)];
    ssize_t r;
    do
        r = read(fd, buf, sizeof buf);
    while (r < 0 && errno == EINTR);
    int e = errno;
    close(fd);
    if (r < 0) {
        (void)snprintf(err, errlen, "cannot read '%s': %s", path, strerror(e));
        return -1;
    }
    return check_ehdr(path, buf, (size_t)r, err, errlen);
}

/* ----------------------------------------------------------------- parser */

struct elf {
    const char *path;
    const unsigned char *p;
    size_t size;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;      /* copies: the file bytes may be unaligned */
    size_t n_ph;
    char *err;
    size_t errlen;
};

static int bad(struct elf *e, const char *why)
{
    (void)snprintf(e->err, e->errlen, "'%s' is malformed: %s", e->path, why);
    return -1;
}

/* [off, off+len) lies inside the file (no overflow). */
static int in_file(const struct elf *e, uint64_t off, uint64_t len)
{
    return off <= e->size && len <= e->size - off;
}

/* Adds b to *a unless that overflows. */
static int add_u64(uint64_t *a, uint64_t b)
{
    if (*a > UINT64_MAX - b)
        return -1;
    *a += b;
    return 0;
}

/* File offset of a virtual address, through the PT_LOAD segments that
 * have file bytes there. 0 on success. */
static int vaddr_to_off(const struct elf *e, uint64_t va, uint64_t *off)
{
    for (size_t i = 0; i < e->n_ph; i++) {
        const Elf64_Phdr *p = &e->ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        if (va >= p->p_vaddr && va - p->p_vaddr < p->p_filesz) {
            uint64_t o = p->p_offset + (va - p->p_vaddr);
            if (o < p->p_offset)
                return -1;
            *off = o;
            return 0;
        }
    }
    return -1;
}

static int read_program_headers(struct elf *e, struct elf_facts *f)
{
    if (e->eh.e_phnum == 0)
        return bad(e, "no program headers");
    if (e->eh.e_phnum == PN_XNUM)
        return bad(e, "extended program header numbering is not supported");
    if (e->eh.e_phentsize != sizeof(Elf64_Phdr))
        return bad(e, "program header entry size is not that of Elf64_Phdr");
    uint64_t len = (uint64_t)e->eh.e_phnum * sizeof(Elf64_Phdr);
    if (!in_file(e, e->eh.e_phoff, len))
        return bad(e, "program headers lie past the end of the file");
    e->n_ph = e->eh.e_phnum;
    e->ph = xcalloc(e->n_ph, sizeof *e->ph);
    memcpy(e->ph, e->p + e->eh.e_phoff, (size_t)len);
    for (size_t i = 0; i < e->n_ph; i++)
        if (e->ph[i].p_type == PT_LOAD && add_u64(&f->load_bytes, e->ph[i].p_memsz) != 0)
            return bad(e, "PT_LOAD sizes overflow");
    return 0;
}

static int read_dynamic(struct elf *e, struct elf_facts *f)
{
    const Elf64_Phdr *dyn = NULL;
    for (size_t i = 0; i < e->n_ph; i++)
        if (e->ph[i].p_type == PT_DYNAMIC)
            dyn = &e->ph[i];
    if (!dyn)
        return bad(e, "no PT_DYNAMIC segment (not a shared library)");
    if (!in_file(e, dyn->p_offset, dyn->p_filesz))
        return bad(e, "dynamic segment lies past the end of the file");
    size_t n = (size_t)(dyn->p_filesz / sizeof(Elf64_Dyn));
    uint64_t strtab = 0, strsz = 0;
    int have_strtab = 0;
    /* Pass 1: flags and where the string table is. */
    for (size_t i = 0; i < n; i++) {
        Elf64_Dyn d;
        memcpy(&d, e->p + dyn->p_offset + i * sizeof d, sizeof d);
        if (d.d_tag == DT_NULL)
            break;
        switch (d.d_tag) {
        case DT_NEEDED: f->needed++; break;
        case DT_STRTAB: strtab = d.d_un.d_ptr; have_strtab = 1; break;
        case DT_STRSZ: strsz = d.d_un.d_val; break;
        case DT_BIND_NOW: f->bind_now = 1; break;
        case DT_FLAGS:
            if (d.d_un.d_val & DF_BIND_NOW)
                f->bind_now = 1;
            break;
        case DT_FLAGS_1:
            if (d.d_un.d_val & DF_1_NOW)
                f->bind_now = 1;
            if (d.d_un.d_val & DF_1_NODELETE)
                f->nodelete = 1;
            break;
        default: break;
        }
    }
    if (f->needed == 0)
        return 0;
    uint64_t stroff;
    if (!have_strtab || vaddr_to_off(e, strtab, &stroff) != 0 || !in_file(e, stroff, strsz))
        return bad(e, "DT_STRTAB/DT_STRSZ point outside the file");
    /* Pass 2: the names, as notes (db_info). */
    for (size_t i = 0; i < n; i++) {
        Elf64_Dyn d;
        memcpy(&d, e->p + dyn->p_offset + i * sizeof d, sizeof d);
        if (d.d_tag == DT_NULL)
            break;
        if (d.d_tag != DT_NEEDED)
            continue;
        const char *s = (const char *)e->p + stroff;
        uint64_t o = d.d_un.d_val;
        if (o >= strsz || !memchr(s + o, '\0', (size_t)(strsz - o)))
            return bad(e, "DT_NEEDED name outside the string table");
        db_info("needed: %s", s + o);
    }
    return 0;
}

static long count_exports(const struct elf *e, uint64_t off, uint64_t size)
{
    long n = 0;
    size_t count = (size_t)(size / sizeof(Elf64_Sym));
    for (size_t i = 1; i < count; i++) { /* entry 0 is the null symbol */
        Elf64_Sym s;
        memcpy(&s, e->p + off + i * sizeof s, sizeof s);
        int bind = ELF64_ST_BIND(s.st_info), type = ELF64_ST_TYPE(s.st_info);
        int vis = ELF64_ST_VISIBILITY(s.st_other);
        if (s.st_shndx == SHN_UNDEF)
            continue;
        if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE)
            continue;
        if (type != STT_FUNC && type != STT_OBJECT && type != STT_GNU_IFUNC)
            continue;
        if (vis != STV_DEFAULT && vis != STV_PROTECTED)
            continue;
        n++;
    }
    return n;
}

static int read_sections(struct elf *e, struct elf_facts *f)
{
    f->exported = -1;
    uint64_t shnum = e->eh.e_shnum;
    if (e->eh.e_shoff == 0)
        shnum = 0;
    if (e->eh.e_shoff != 0) {
        if (e->eh.e_shentsize != sizeof(Elf64_Shdr))
            return bad(e, "section header entry size is not that of Elf64_Shdr");
        if (!in_file(e, e->eh.e_shoff, sizeof(Elf64_Shdr)))
            return bad(e, "section headers lie past the end of the file");
        if (shnum == 0) { /* extended numbering: the count is in entry 0 */
            Elf64_Shdr s0;
            memcpy(&s0, e->p + e->eh.e_shoff, sizeof s0);
            shnum = s0.sh_size;
        }
        if (shnum > (e->size - e->eh.e_shoff) / sizeof(Elf64_Shdr))
            return bad(e, "section headers lie past the end of the file");
    }
    if (shnum == 0) {
        /* Stripped of section headers (sstrip): fall back on segments. */
        db_note("'%s' has no section headers: text/data from segments, exports unknown",
                e->path);
        for (size_t i = 0; i < e->n_ph; i++) {
            const Elf64_Phdr *p = &e->ph[i];
            if (p->p_type != PT_LOAD)
                continue;
            if ((p->p_flags & PF_X) && add_u64(&f->text_bytes, p->p_filesz) != 0)
                return bad(e, "segment sizes overflow");
            if ((p->p_flags & PF_W) && add_u64(&f->data_bytes, p->p_memsz) != 0)
                return bad(e, "segment sizes overflow");
        }
        return 0;
    }
    for (uint64_t i = 0; i < shnum; i++) {
        Elf64_Shdr sh;
        memcpy(&sh, e->p + e->eh.e_shoff + i * sizeof sh, sizeof sh);
        if (sh.sh_type == SHT_NULL)
            continue;
        if ((sh.sh_flags & (SHF_ALLOC | SHF_EXECINSTR)) == (SHF_ALLOC | SHF_EXECINSTR) &&
            add_u64(&f->text_bytes, sh.sh_size) != 0)
            return bad(e, "section sizes overflow");
        if ((sh.sh_flags & (SHF_ALLOC | SHF_WRITE)) == (SHF_ALLOC | SHF_WRITE) &&
            add_u64(&f->data_bytes, sh.sh_size) != 0)
            return bad(e, "section sizes overflow");
        if (sh.sh_type == SHT_DYNSYM) {
            if (sh.sh_entsize != 0 && sh.sh_entsize != sizeof(Elf64_Sym))
                return bad(e, ".dynsym entry size is not that of Elf64_Sym");
            if (!in_file(e, sh.sh_offset, sh.sh_size))
                return bad(e, ".dynsym lies past the end of the file");
            f->exported = (f->exported < 0 ? 0 : f->exported) +
                          count_exports(e, sh.sh_offset, sh.sh_size);
        }
    }
    return 0;
}

/* Parses data[0..size) into f. 0, or -1 with the reason in err. */
int elf_facts_read(const char *path, const unsigned char *data, size_t size,
                   struct elf_facts *f, char *err, size_t errlen)
{
    struct elf e = {.path = path, .p = data, .size = size, .err = err, .errlen = errlen};
    int rc = -1;
    memset(f, 0, sizeof *f);
    if (check_ehdr(path, data, size, err, errlen) != 0)
        return -1;
    memcpy(&e.eh, data, sizeof e.eh);
    if (read_program_headers(&e, f) != 0 || read_dynamic(&e, f) != 0 || read_sections(&e, f) != 0)
        goto out;
    f->go = elf_is_go(data, size);
    rc = 0;
out:
    free(e.ph);
    return rc;
}

/* ------------------------------------------------------------ Go build info */

/* The name of section sh in the section-name string table at [stroff,
 * stroff + strsz) equals want. */
static int section_named(const unsigned char *data, size_t size, const Elf64_Shdr *names,
                         uint32_t name, const char *want)
{
    size_t n = strlen(want) + 1;
    uint64_t off = names->sh_offset + name;
    if (name >= names->sh_size || names->sh_size - name < n || off > size || size - off < n)
        return 0;
    return memcmp(data + off, want, n) == 0;
}

int elf_is_go(const unsigned char *data, size_t size)
{
    Elf64_Ehdr eh;
    if (size < sizeof eh || memcmp(data, ELFMAG, SELFMAG) != 0 || data[EI_CLASS] != ELFCLASS64)
        return 0;
    memcpy(&eh, data, sizeof eh);
    uint64_t shnum = eh.e_shnum, shstrndx = eh.e_shstrndx;
    if (eh.e_shoff == 0 || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff > size ||
        size - eh.e_shoff < sizeof(Elf64_Shdr))
        return 0;
    Elf64_Shdr s0;
    memcpy(&s0, data + eh.e_shoff, sizeof s0);
    if (shnum == 0)
        shnum = s0.sh_size; /* extended numbering */
    if (shstrndx == SHN_XINDEX)
        shstrndx = s0.sh_link;
    if (shnum > (size - eh.e_shoff) / sizeof(Elf64_Shdr) || shstrndx >= shnum)
        return 0;
    Elf64_Shdr names;
    memcpy(&names, data + eh.e_shoff + shstrndx * sizeof names, sizeof names);
    if (names.sh_offset > size || names.sh_size > size - names.sh_offset)
        return 0;
    for (uint64_t i = 1; i < shnum; i++) {
        Elf64_Shdr sh;
        memcpy(&sh, data + eh.e_shoff + i * sizeof sh, sizeof sh);
        if (section_named(data, size, &names, sh.sh_name, ".go.buildinfo"))
            return 1;
    }
    return 0;
}

int elf_file_is_go(const char *path)
{
    char err[512];
    size_t len = 0;
    if (elf_check_file(path, err, sizeof err) != 0)
        return -1;
    unsigned char *data = (unsigned char *)read_file(path, &len, MAX_FILE_BYTES);
    if (!data)
        return -1;
    int go = elf_is_go(data, len);
    free(data);
    return go;
}

/* --------------------------------------------------------------- build ID */

#define GNU_BUILD_ID_MAX 64 /* bytes of descriptor: sha1 is 20, md5/uuid 16 */

/* Walks the notes in data[off, off + len) (entries aligned to align, 4 or
 * 8) for the "GNU" note of type NT_GNU_BUILD_ID; its hex into out. */
static size_t notes_build_id(const unsigned char *data, size_t size, uint64_t off, uint64_t len,
                             uint64_t align, char *out, size_t outlen)
{
    if (off > size || len > size - off)
        return 0;
    align = align == 8 ? 8 : 4;
    uint64_t pos = 0;
    while (len - pos >= sizeof(Elf64_Nhdr)) {
        Elf64_Nhdr nh;
        memcpy(&nh, data + off + pos, sizeof nh);
        uint64_t name_at = pos + sizeof nh;
        uint64_t name_len = ((uint64_t)nh.n_namesz + align - 1) / align * align;
        uint64_t desc_at = name_at + name_len;
        uint64_t desc_len = ((uint64_t)nh.n_descsz + align - 1) / align * align;
        if (desc_at > len || nh.n_descsz > len - desc_at)
            return 0; /* malformed: a note runs past its segment */
        if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == sizeof "GNU" &&
            !memcmp(data + off + name_at, "GNU", sizeof "GNU") && nh.n_descsz > 0 &&
            nh.n_descsz <= GNU_BUILD_ID_MAX && outlen > 2 * (size_t)nh.n_descsz) {
            const unsigned char *d = data + off + desc_at;
            for (size_t i = 0; i < nh.n_descsz; i++)
                (void)snprintf(out + 2 * i, 3, "%02x", d[i]);
            return 2 * (size_t)nh.n_descsz;
        }
        if (desc_len > len - desc_at)
            break;
        pos = desc_at + desc_len;
    }
    return 0;
}

size_t elf_build_id(const unsigned char *data, size_t size, char *out, size_t outlen)
{
    Elf64_Ehdr eh;
    size_t n = 0;
    if (outlen)
        out[0] = '\0';
    if (size < sizeof eh || memcmp(data, ELFMAG, SELFMAG) != 0 || data[EI_CLASS] != ELFCLASS64)
        return 0;
    memcpy(&eh, data, sizeof eh);
    /* The segments first: what the dynamic loader maps survives strip. */
    if (eh.e_phoff && eh.e_phentsize == sizeof(Elf64_Phdr) && eh.e_phnum != PN_XNUM &&
        eh.e_phoff <= size && (size - eh.e_phoff) / sizeof(Elf64_Phdr) >= eh.e_phnum) {
        for (size_t i = 0; i < eh.e_phnum && !n; i++) {
            Elf64_Phdr ph;
            memcpy(&ph, data + eh.e_phoff + i * sizeof ph, sizeof ph);
            if (ph.p_type == PT_NOTE)
                n = notes_build_id(data, size, ph.p_offset, ph.p_filesz, ph.p_align, out, outlen);
        }
        if (n)
            return n;
    }
    if (eh.e_shoff == 0 || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff > size)
        return 0;
    uint64_t shnum = eh.e_shnum;
    if (size - eh.e_shoff < sizeof(Elf64_Shdr))
        return 0;
    if (shnum == 0) { /* extended numbering: the count is in entry 0 */
        Elf64_Shdr s0;
        memcpy(&s0, data + eh.e_shoff, sizeof s0);
        shnum = s0.sh_size;
    }
    if (shnum > (size - eh.e_shoff) / sizeof(Elf64_Shdr))
        return 0;
    for (uint64_t i = 1; i < shnum && !n; i++) {
        Elf64_Shdr sh;
        memcpy(&sh, data + eh.e_shoff + i * sizeof sh, sizeof sh);
        if (sh.sh_type == SHT_NOTE)
            n = notes_build_id(data, size, sh.sh_offset, sh.sh_size, sh.sh_addralign, out,
                               outlen);
    }
    return n;
}

char *elf_file_build_id(const char *path)
{
    char err[512], hex[2 * GNU_BUILD_ID_MAX + 1];
    size_t len = 0;
    hex[0] = '\0';
    if (elf_check_file(path, err, sizeof err) != 0)
        return xstrdup("");
    unsigned char *data = (unsigned char *)read_file(path, &len, MAX_FILE_BYTES);
    if (data)
        (void)elf_build_id(data, len, hex, sizeof hex);
    free(data);
    return xstrdup(hex);
}
