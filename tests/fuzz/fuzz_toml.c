/* fuzz_toml.c - libFuzzer target over toml_parse: parse, walk every value,
 * check the invariants the rest of dlbench relies on, free.
 *
 * Invariants checked (a violation traps, which the fuzzer reports):
 *   - success: every key and value has a position inside the document,
 *     strings are NUL-free up to their end, toml_get_entry finds every key
 *     at its own entry (keys are unique), nesting stays bounded;
 *   - failure: the message is "fuzz.toml:LINE:COL: text" with LINE:COL
 *     inside the document and text without a trailing full stop.
 *
 * Built with -fsanitize=fuzzer when DLBENCH_FUZZ is ON; otherwise linked
 * with replay_main.c to replay the seed corpus in every test run. */
#include "base/toml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

/* Lines in the document: positions must not point past them. */
static long max_line;
static size_t max_col;

static void check_pos(int line, int col)
{
    FUZZ_ASSERT(line >= 1 && line <= max_line);
    FUZZ_ASSERT(col >= 1 && (size_t)col <= max_col);
}

static void walk(const struct toml_value *v, int depth)
{
    /* 64 container levels plus the root and a scalar leaf. */
    FUZZ_ASSERT(depth <= 66);
    FUZZ_ASSERT(toml_type_name(v->type) != NULL);
    check_pos(v->line, v->col);
    switch (v->type) {
    case TOML_TABLE:
        FUZZ_ASSERT(v->u.table.n == 0 || v->u.table.entries != NULL);
        for (size_t i = 0; i < v->u.table.n; i++) {
            const struct toml_entry *e = &v->u.table.entries[i];
            FUZZ_ASSERT(e->key != NULL && e->val != NULL);
            check_pos(e->line, e->col);
            /* Linear lookups: keep the check cheap on big tables. */
            if (v->u.table.n <= 256)
                FUZZ_ASSERT(toml_get_entry(v, e->key) == e);
            walk(e->val, depth + 1);
        }
        break;
    case TOML_ARRAY:
        FUZZ_ASSERT(v->u.array.n == 0 || v->u.array.items != NULL);
        for (size_t i = 0; i < v->u.array.n; i++)
            walk(v->u.array.items[i], depth + 1);
        break;
    case TOML_STRING:
        FUZZ_ASSERT(v->u.s != NULL);
        (void)strlen(v->u.s);
        break;
    case TOML_BOOL:
        FUZZ_ASSERT(v->u.b == 0 || v->u.b == 1);
        break;
    case TOML_INT:
    case TOML_FLOAT:
        break;
    default:
        FUZZ_ASSERT(0);
    }
}

#define ERR_LEN 480

static void check_error(const char *err)
{
    static const char prefix[] = "fuzz.toml:";
    FUZZ_ASSERT(strncmp(err, prefix, sizeof prefix - 1) == 0);
    char *end;
    long line = strtol(err + sizeof prefix - 1, &end, 10);
    FUZZ_ASSERT(*end == ':');
    long col = strtol(end + 1, &end, 10);
    FUZZ_ASSERT(end[0] == ':' && end[1] == ' ' && end[2] != '\0');
    check_pos((int)line, (int)col);
    /* Style: no full stop (unless the buffer cut the message short). */
    size_t n = strlen(err);
    FUZZ_ASSERT(err[n - 1] != '.' || n == ERR_LEN - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[ERR_LEN];
    max_line = 1;
    size_t col = 1;
    max_col = 1;
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '\n') {
            max_line++;
            col = 1;
        } else if (++col > max_col) {
            max_col = col;
        }
    }
    struct toml_value *root = toml_parse((const char *)data, size, "fuzz.toml", err, sizeof err);
    if (root) {
        FUZZ_ASSERT(root->type == TOML_TABLE);
        walk(root, 0);
        toml_free(root);
    } else {
        check_error(err);
    }
    return 0;
}
