/* replay_main.c - a main() for fuzz targets built without libFuzzer: runs
 * every file named on the command line, and every file in every directory
 * named there, through LLVMFuzzerTestOneInput. This is how normal test runs
 * replay the seed corpus (tests/fuzz/corpus/<target>/).
 *
 * Exits 0 when every input ran (a bug crashes or traps), 1 when nothing
 * could be read, so an empty or missing corpus does not pass silently. */
#define _POSIX_C_SOURCE 200809L
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs one file; returns 0 or -1 if it cannot be read. */
static int run_file(const char *path)
{
    size_t len;
    char *text = read_file(path, &len, (size_t)16 << 20);
    if (!text) {
        db_error("cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    /* An exact-size copy, so that a sanitizer sees reads past the end. */
    uint8_t *data = xmalloc(len);
    memcpy(data, text, len);
    free(text);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    size_t ran = 0;
    int rc = 0;

    for (int a = 1; a < argc; a++) {
        if (!is_dir(argv[a])) {
            if (run_file(argv[a]) < 0)
                rc = 1;
            else
                ran++;
            continue;
        }
        DIR *d = opendir(argv[a]);
        if (!d) {
            db_error("cannot open '%s': %s", argv[a], strerror(errno));
            rc = 1;
            continue;
        }
        struct strlist names = { 0 };
        struct dirent *de;
        while ((de = readdir(d)))
            if (de->d_name[0] != '.')
                sl_push_owned(&names, path_join(argv[a], de->d_name));
        closedir(d);
        /* Sorted, so a failure names the same input on every machine. */
        if (names.n)
            qsort(names.v, names.n, sizeof *names.v, cmp_str);
        for (size_t i = 0; i < names.n; i++) {
            if (!is_file(names.v[i]))
                continue;
            if (run_file(names.v[i]) < 0)
                rc = 1;
            else
                ran++;
        }
        sl_free(&names);
    }
    printf("replayed %zu inputs\n", ran);
    if (!ran)
        rc = 1;
    return rc;
}
