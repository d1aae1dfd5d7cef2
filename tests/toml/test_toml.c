/* test_toml.c - known answers for harness/base/toml_*.c.
 *
 * Valid documents are checked value by value (type, value, and the 1-based
 * line:col of keys and values, columns counting bytes); invalid ones must
 * give exactly the expected "FILE:LINE:COL: message". The last line is
 * "N passed, M failed"; the exit status is non-zero when M > 0.
 *
 * Usage: test_toml [path/to/bench.toml] */
#define _POSIX_C_SOURCE 200809L
#include "base/toml.h"
#include "base/util.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- checking */

static int n_pass, n_fail;

static void check(int ok, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void check(int ok, int line, const char *fmt, ...)
{
    if (ok) {
        n_pass++;
        return;
    }
    n_fail++;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL test_toml.c:%d: ", line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
#define CHECK(cond, ...) check((cond) != 0, __LINE__, __VA_ARGS__)

static struct toml_value *parse_ok_(const char *doc, size_t len, int line)
{
    char err[512];
    struct toml_value *r = toml_parse(doc, len, "t.toml", err, sizeof err);
    check(r != NULL, line, "expected the document to parse, got: %s", err);
    return r;
}
#define PARSE_OK(doc) parse_ok_((doc), strlen(doc), __LINE__)

/* Looks up "a.b[2].c": dot-separated keys, each optionally indexed. Keys
 * containing '.', '[' or ']' need toml_get directly. */
static const struct toml_value *at(const struct toml_value *v, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *tok = strtok(buf, "."); tok && v; tok = strtok(NULL, ".")) {
        char *br = strchr(tok, '[');
        if (br)
            *br = '\0';
        if (*tok)
            v = toml_get(v, tok);
        while (br && v) {
            size_t i = strtoul(br + 1, &br, 10);
            if (v->type != TOML_ARRAY || i >= v->u.array.n)
                return NULL;
            v = v->u.array.items[i];
            br = strchr(br, '[');
        }
    }
    return v;
}

static const struct toml_value *typed_(const struct toml_value *r, const char *path,
                                       enum toml_type t, int line)
{
    const struct toml_value *v = r ? at(r, path) : NULL;
    if (!v) {
        check(0, line, "'%s' is missing", path);
        return NULL;
    }
    if (v->type != t) {
        check(0, line, "'%s' is a %s, expected a %s", path, toml_type_name(v->type),
              toml_type_name(t));
        return NULL;
    }
    return v;
}

static void pos_(const struct toml_value *v, const char *path, int l, int c, int line)
{
    if (!v || l == 0)
        return;
    check(v->line == l && v->col == c, line, "'%s' at %d:%d, expected %d:%d", path,
          v->line, v->col, l, c);
}

static void int_(const struct toml_value *r, const char *path, int64_t want, int l, int c,
                 int line)
{
    const struct toml_value *v = typed_(r, path, TOML_INT, line);
    if (!v)
        return;
    check(v->u.i == want, line, "'%s' = %" PRId64 ", expected %" PRId64, path, v->u.i, want);
    pos_(v, path, l, c, line);
}

static void flt_(const struct toml_value *r, const char *path, double want, int l, int c,
                 int line)
{
    const struct toml_value *v = typed_(r, path, TOML_FLOAT, line);
    if (!v)
        return;
    int same = isnan(want) ? isnan(v->u.f) && !signbit(v->u.f) == !signbit(want)
                           : v->u.f == want && !signbit(v->u.f) == !signbit(want);
    check(same, line, "'%s' = %.17g, expected %.17g", path, v->u.f, want);
    pos_(v, path, l, c, line);
}

static void str_(const struct toml_value *r, const char *path, const char *want, int l,
                 int c, int line)
{
    const struct toml_value *v = typed_(r, path, TOML_STRING, line);
    if (!v)
        return;
    check(strcmp(v->u.s, want) == 0, line, "'%s' = \"%s\", expected \"%s\"", path, v->u.s,
          want);
    pos_(v, path, l, c, line);
}

static void bool_(const struct toml_value *r, const char *path, int want, int l, int c,
                  int line)
{
    const struct toml_value *v = typed_(r, path, TOML_BOOL, line);
    if (!v)
        return;
    check(v->u.b == want, line, "'%s' = %d, expected %d", path, v->u.b, want);
    pos_(v, path, l, c, line);
}

/* Type, number of entries/items and position of a table or array. */
static void box_(const struct toml_value *r, const char *path, enum toml_type t, size_t n,
                 int l, int c, int line)
{
    const struct toml_value *v = typed_(r, path, t, line);
    if (!v)
        return;
    size_t got = t == TOML_TABLE ? v->u.table.n : v->u.array.n;
    check(got == n, line, "'%s' has %zu members, expected %zu", path, got, n);
    pos_(v, path, l, c, line);
}

/* Position of the key of entry `key` in the table at path. */
static void keypos_(const struct toml_value *r, const char *path, const char *key, int l,
                    int c, int line)
{
    const struct toml_value *t = *path ? typed_(r, path, TOML_TABLE, line) : r;
    const struct toml_entry *e = t ? toml_get_entry(t, key) : NULL;
    if (!e) {
        check(0, line, "key '%s' missing in '%s'", key, path);
        return;
    }
    check(e->line == l && e->col == c, line, "key '%s' in '%s' at %d:%d, expected %d:%d",
          key, path, e->line, e->col, l, c);
}

/* Keys of the table at path, in document order, joined by ','. */
static void order_(const struct toml_value *r, const char *path, const char *want, int line)
{
    const struct toml_value *t = *path ? typed_(r, path, TOML_TABLE, line) : r;
    if (!t)
        return;
    struct strbuf sb = { 0 };
    for (size_t i = 0; i < t->u.table.n; i++) {
        if (i)
            sb_appendc(&sb, ',');
        sb_append(&sb, t->u.table.entries[i].key);
    }
    char *got = sb_detach(&sb);
    check(strcmp(got, want) == 0, line, "keys of '%s' are %s, expected %s", path, got, want);
    free(got);
}

#define INT(r, p, w, l, c) int_((r), (p), (w), (l), (c), __LINE__)
#define FLT(r, p, w, l, c) flt_((r), (p), (w), (l), (c), __LINE__)
#define STR(r, p, w, l, c) str_((r), (p), (w), (l), (c), __LINE__)
#define BOOL(r, p, w, l, c) bool_((r), (p), (w), (l), (c), __LINE__)
#define TABLE(r, p, n, l, c) box_((r), (p), TOML_TABLE, (n), (l), (c), __LINE__)
#define ARRAY(r, p, n, l, c) box_((r), (p), TOML_ARRAY, (n), (l), (c), __LINE__)
#define KEYPOS(r, p, k, l, c) keypos_((r), (p), (k), (l), (c), __LINE__)
#define ORDER(r, p, w) order_((r), (p), (w), __LINE__)

/* ---------------------------------------------------------------- valid documents */

static void test_comments_and_layout(void)
{
    struct toml_value *r = PARSE_OK("# a comment\n"
                                    "\n"
                                    "   \t# indented comment with \t tab and \xc3\xa9\n"
                                    "a = 1 # trailing\n"
                                    "\tb\t=\t2\t\n"
                                    "c = 3\r\n"
                                    "d = 4");
    INT(r, "a", 1, 4, 5);
    INT(r, "b", 2, 5, 6);
    INT(r, "c", 3, 6, 5);
    INT(r, "d", 4, 7, 5);
    KEYPOS(r, "", "b", 5, 2);
    toml_free(r);

    r = PARSE_OK("");
    TABLE(r, "", 0, 1, 1);
    toml_free(r);
    r = PARSE_OK("\n\n# only comments\r\n#\n");
    TABLE(r, "", 0, 1, 1);
    toml_free(r);

    /* A UTF-8 byte order mark is skipped; columns count its 3 bytes. */
    r = PARSE_OK("\xef\xbb\xbf" "a = 1\n");
    INT(r, "a", 1, 1, 8);
    KEYPOS(r, "", "a", 1, 4);
    toml_free(r);
}

static void test_keys(void)
{
    struct toml_value *r = PARSE_OK("bare_key-1 = 1\n"
                                    "1234 = 2\n"
                                    "\"quoted \\u00e9 \\\"key\\\"\" = 3\n"
                                    "'literal \\n' = 4\n"
                                    "\"\" = 5\n"
                                    "\"a.b\" = 6\n"
                                    "x . y . \"z\" = 7\n"
                                    "x.w = 8\n"
                                    "-- = 9\n");
    INT(r, "bare_key-1", 1, 1, 14);
    INT(r, "1234", 2, 2, 8);
    const struct toml_value *v = toml_get(r, "quoted \xc3\xa9 \"key\"");
    CHECK(v && v->type == TOML_INT && v->u.i == 3, "quoted key with escapes");
    v = toml_get(r, "literal \\n");
    CHECK(v && v->type == TOML_INT && v->u.i == 4, "literal key keeps backslashes");
    v = toml_get(r, "");
    CHECK(v && v->type == TOML_INT && v->u.i == 5, "empty quoted key");
    v = toml_get(r, "a.b");
    CHECK(v && v->type == TOML_INT && v->u.i == 6, "quoted key with a dot is one key");
    KEYPOS(r, "", "a.b", 6, 1);
    INT(r, "x.y.z", 7, 7, 15);
    INT(r, "x.w", 8, 8, 7);
    TABLE(r, "x", 2, 7, 1);
    TABLE(r, "x.y", 1, 7, 5);
    KEYPOS(r, "x", "y", 7, 5);
    KEYPOS(r, "x.y", "z", 7, 9);
    KEYPOS(r, "x", "w", 8, 3);
    INT(r, "--", 9, 9, 6);
    ORDER(r, "", "bare_key-1,1234,quoted \xc3\xa9 \"key\",literal \\n,,a.b,x,--");
    toml_free(r);
}

static void test_tables(void)
{
    struct toml_value *r = PARSE_OK("top = 0\n"
                                    "[a.b.c]\n"        /* 2: a, a.b implicit */
                                    "x = 1\n"
                                    "[ a . \"b\" ]\n"  /* 4: defines a.b */
                                    "y = 2\n"
                                    "[a]\n"            /* 6: defines a */
                                    "z = 3\n"
                                    "[fruit]\n"        /* 8 */
                                    "apple.color = \"red\"\n"
                                    "apple.taste.sweet = true\n"
                                    "[fruit.apple.texture]\n" /* 11: sub-table of a dotted one */
                                    "smooth = true\n"
                                    "[empty]\n");
    INT(r, "top", 0, 1, 7);
    INT(r, "a.b.c.x", 1, 3, 5);
    INT(r, "a.b.y", 2, 5, 5);
    INT(r, "a.z", 3, 7, 5);
    TABLE(r, "a", 2, 6, 1);       /* position: the header that defined it */
    TABLE(r, "a.b", 2, 4, 1);
    TABLE(r, "a.b.c", 1, 2, 1);
    KEYPOS(r, "", "a", 6, 2);
    KEYPOS(r, "a", "b", 4, 7);
    KEYPOS(r, "a.b", "c", 2, 6);
    ORDER(r, "a.b", "c,y");
    STR(r, "fruit.apple.color", "red", 9, 15);
    BOOL(r, "fruit.apple.taste.sweet", 1, 10, 21);
    BOOL(r, "fruit.apple.texture.smooth", 1, 12, 10);
    TABLE(r, "fruit.apple", 3, 9, 1);
    TABLE(r, "fruit.apple.texture", 1, 11, 1);
    TABLE(r, "empty", 0, 13, 1);
    ORDER(r, "", "top,a,fruit,empty");
    toml_free(r);
}

static void test_arrays_of_tables(void)
{
    /* The example of the TOML 1.0 specification. */
    struct toml_value *r = PARSE_OK("[[fruits]]\n"
                                    "name = \"apple\"\n"
                                    "\n"
                                    "[fruits.physical]  # subtable\n"
                                    "color = \"red\"\n"
                                    "shape = \"round\"\n"
                                    "\n"
                                    "[[fruits.varieties]]  # nested array of tables\n"
                                    "name = \"red delicious\"\n"
                                    "\n"
                                    "[[fruits.varieties]]\n"
                                    "name = \"granny smith\"\n"
                                    "\n"
                                    "\n"
                                    "[[fruits]]\n"
                                    "name = \"banana\"\n"
                                    "\n"
                                    "[[fruits.varieties]]\n"
                                    "name = \"plantain\"\n"
                                    "[[ empty ]]\n"
                                    "[[empty]]\n");
    ARRAY(r, "fruits", 2, 1, 1);
    KEYPOS(r, "", "fruits", 1, 3);
    TABLE(r, "fruits[0]", 3, 1, 1);
    STR(r, "fruits[0].name", "apple", 2, 8);
    STR(r, "fruits[0].physical.color", "red", 5, 9);
    TABLE(r, "fruits[0].physical", 2, 4, 1);
    ARRAY(r, "fruits[0].varieties", 2, 8, 1);
    TABLE(r, "fruits[0].varieties[1]", 1, 11, 1);
    STR(r, "fruits[0].varieties[0].name", "red delicious", 9, 8);
    STR(r, "fruits[0].varieties[1].name", "granny smith", 12, 8);
    TABLE(r, "fruits[1]", 2, 15, 1);
    STR(r, "fruits[1].name", "banana", 16, 8);
    STR(r, "fruits[1].varieties[0].name", "plantain", 19, 8);
    ARRAY(r, "empty", 2, 20, 1);
    KEYPOS(r, "", "empty", 20, 4);
    TABLE(r, "empty[1]", 0, 21, 1);
    toml_free(r);
}

static void test_inline_tables(void)
{
    struct toml_value *r = PARSE_OK("name = { first = \"Tom\", last = \"Preston-Werner\" }\n"
                                    "point = {x=1,y=2}\n"
                                    "animal = { type.name = \"pug\", type.legs = 4 }\n"
                                    "nested = { a = { b = { c = [] } } }\n"
                                    "empty = {}\n"
                                    "list = [ { a = 1 }, { a = 2 } ]\n");
    TABLE(r, "name", 2, 1, 8);
    STR(r, "name.first", "Tom", 1, 18);
    KEYPOS(r, "name", "last", 1, 25);
    STR(r, "name.last", "Preston-Werner", 1, 32);
    INT(r, "point.x", 1, 2, 12);
    INT(r, "point.y", 2, 2, 16);
    STR(r, "animal.type.name", "pug", 3, 24);
    INT(r, "animal.type.legs", 4, 3, 43);
    TABLE(r, "animal.type", 2, 3, 12);
    ARRAY(r, "nested.a.b.c", 0, 4, 28);
    TABLE(r, "empty", 0, 5, 9);
    ARRAY(r, "list", 2, 6, 8);
    TABLE(r, "list[1]", 1, 6, 21);
    INT(r, "list[1].a", 2, 6, 27);
    toml_free(r);
}

static void test_strings(void)
{
    struct toml_value *r = PARSE_OK(
        "esc = \"\\b\\t\\n\\f\\r\\\"\\\\ end\"\n"
        "u4 = \"\\u00e9\\u20AC\"\n"
        "u8 = \"\\U0001F600\\U0000007a\"\n"
        "raw = \"caf\xc3\xa9 \xe2\x82\xac\ttab\"\n"
        "empty = \"\"\n"
        "lit = 'C:\\Users\\x \"q\"'\n"
        "lempty = ''\n"
        "ml = \"\"\"\n"                      /* 8: newline after """ trimmed */
        "Roses are red\n"
        "Violets are blue\"\"\"\n"
        "fold = \"\"\"\\\n"                  /* 11: line-ending backslash */
        "       The quick \\\n"
        "\n"
        "       brown fox.\\\n"
        "       \"\"\"\n");
    STR(r, "esc", "\b\t\n\f\r\"\\ end", 1, 7);
    STR(r, "u4", "\xc3\xa9\xe2\x82\xac", 2, 6);
    STR(r, "u8", "\xf0\x9f\x98\x80z", 3, 6);
    STR(r, "raw", "caf\xc3\xa9 \xe2\x82\xac\ttab", 4, 7);
    STR(r, "empty", "", 5, 9);
    STR(r, "lit", "C:\\Users\\x \"q\"", 6, 7);
    STR(r, "lempty", "", 7, 10);
    STR(r, "ml", "Roses are red\nViolets are blue", 8, 6);
    STR(r, "fold", "The quick brown fox.", 11, 8);
    toml_free(r);

    r = PARSE_OK("quotes = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n"
                 "q5 = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n"
                 "mlcrlf = \"\"\"a\r\nb\"\"\"\n"
                 "lml = '''\n"
                 "The first newline is\n"
                 "trimmed in raw strings.\n"
                 "   All other whitespace \\n\n"
                 "   is preserved.\n"
                 "'''\n"
                 "lq = ''''That,' she said, 'is still pointless.''''\n"
                 "mlesc = \"\"\"x\\u0041\\ty\"\"\"\n"
                 "ws = \"\"\"a \\   \n"
                 "  b\"\"\"\n"
                 "two = \"\"\"a\"\"\"\"\"\n");
    STR(r, "quotes", "Here are two quotation marks: \"\". Simple enough.", 1, 10);
    STR(r, "q5", "\"This,\" she said, \"is just a pointless statement.\"", 2, 6);
    STR(r, "mlcrlf", "a\nb", 3, 10);
    STR(r, "lml", "The first newline is\ntrimmed in raw strings.\n   All other whitespace \\n\n"
                  "   is preserved.\n", 5, 7);
    STR(r, "lq", "'That,' she said, 'is still pointless.'", 11, 6);
    STR(r, "mlesc", "xA\ty", 12, 9);
    STR(r, "ws", "a b", 13, 6);
    STR(r, "two", "a\"\"", 15, 7);
    toml_free(r);
}

static void test_integers(void)
{
    struct toml_value *r = PARSE_OK("a = +99\n"
                                    "b = 42\n"
                                    "c = 0\n"
                                    "d = -17\n"
                                    "e = 1_000\n"
                                    "f = 5_349_221\n"
                                    "g = 0xDEADBEEF\n"
                                    "h = 0xdead_beef\n"
                                    "i = 0o755\n"
                                    "j = 0b11010110\n"
                                    "k = -0\n"
                                    "l = +0\n"
                                    "max = 9223372036854775807\n"
                                    "min = -9223372036854775808\n"
                                    "hmax = 0x7FFFFFFFFFFFFFFF\n"
                                    "o0 = 0o0\n"
                                    "b1 = 0b1_0\n"
                                    "zeros = 0x0000ff\n");
    INT(r, "a", 99, 1, 5);
    INT(r, "b", 42, 2, 5);
    INT(r, "c", 0, 3, 5);
    INT(r, "d", -17, 4, 5);
    INT(r, "e", 1000, 5, 5);
    INT(r, "f", 5349221, 6, 5);
    INT(r, "g", 0xDEADBEEF, 7, 5);
    INT(r, "h", 0xdeadbeef, 8, 5);
    INT(r, "i", 0755, 9, 5);
    INT(r, "j", 214, 10, 5);
    INT(r, "k", 0, 11, 5);
    INT(r, "l", 0, 12, 5);
    INT(r, "max", INT64_MAX, 13, 7);
    INT(r, "min", INT64_MIN, 14, 7);
    INT(r, "hmax", INT64_MAX, 15, 8);
    INT(r, "o0", 0, 16, 6);
    INT(r, "b1", 2, 17, 6);
    INT(r, "zeros", 255, 18, 9);
    toml_free(r);
}

static void test_floats(void)
{
    struct toml_value *r = PARSE_OK("a = +1.0\n"
                                    "b = 3.1415\n"
                                    "c = -0.01\n"
                                    "d = 5e+22\n"
                                    "e = 1e06\n"
                                    "f = -2E-2\n"
                                    "g = 6.626e-34\n"
                                    "h = 224_617.445_991_228\n"
                                    "i = inf\n"
                                    "j = +inf\n"
                                    "k = -inf\n"
                                    "l = nan\n"
                                    "m = +nan\n"
                                    "n = -nan\n"
                                    "o = 0.0\n"
                                    "p = -0.0\n"
                                    "q = 0e0\n"
                                    "r = 1_0.0_1e1_0\n"
                                    "tiny = 1e-400\n");
    FLT(r, "a", 1.0, 1, 5);
    FLT(r, "b", 3.1415, 2, 5);
    FLT(r, "c", -0.01, 3, 5);
    FLT(r, "d", 5e22, 4, 5);
    FLT(r, "e", 1e6, 5, 5);
    FLT(r, "f", -2e-2, 6, 5);
    FLT(r, "g", 6.626e-34, 7, 5);
    FLT(r, "h", 224617.445991228, 8, 5);
    FLT(r, "i", INFINITY, 9, 5);
    FLT(r, "j", INFINITY, 10, 5);
    FLT(r, "k", -INFINITY, 11, 5);
    FLT(r, "l", NAN, 12, 5);
    FLT(r, "m", NAN, 13, 5);
    FLT(r, "n", -NAN, 14, 5);
    FLT(r, "o", 0.0, 15, 5);
    FLT(r, "p", -0.0, 16, 5);
    FLT(r, "q", 0.0, 17, 5);
    FLT(r, "r", 10.01e10, 18, 5);
    FLT(r, "tiny", 0.0, 19, 8); /* underflow rounds to zero, like any reader */
    toml_free(r);
}

static void test_booleans_and_arrays(void)
{
    struct toml_value *r = PARSE_OK("t = true\n"
                                    "f = false\n"
                                    "empty = []\n"
                                    "ints = [ 1, 2, 3 ]\n"
                                    "mixed = [ 1, \"two\", 3.0, [4], {five = 5}, true ]\n"
                                    "nested = [ [ 1, 2 ], [\"a\", 'b'] ]\n"
                                    "multi = [  # comment after [\n"
                                    "  1,  # one\n"
                                    "\n"
                                    "  # a comment line\n"
                                    "  2,\r\n"
                                    "]\n"
                                    "trail = [1,]\n"
                                    "blank = [\n"
                                    "]\n");
    BOOL(r, "t", 1, 1, 5);
    BOOL(r, "f", 0, 2, 5);
    ARRAY(r, "empty", 0, 3, 9);
    ARRAY(r, "ints", 3, 4, 8);
    INT(r, "ints[2]", 3, 4, 16);
    ARRAY(r, "mixed", 6, 5, 9);
    INT(r, "mixed[0]", 1, 5, 11);
    STR(r, "mixed[1]", "two", 5, 14);
    FLT(r, "mixed[2]", 3.0, 5, 21);
    INT(r, "mixed[3][0]", 4, 5, 27);
    INT(r, "mixed[4].five", 5, 5, 39);
    BOOL(r, "mixed[5]", 1, 5, 43);
    STR(r, "nested[1][1]", "b", 6, 28);
    ARRAY(r, "multi", 2, 7, 9);
    INT(r, "multi[0]", 1, 8, 3);
    INT(r, "multi[1]", 2, 11, 3);
    ARRAY(r, "trail", 1, 13, 9);
    ARRAY(r, "blank", 0, 14, 9);
    toml_free(r);
}

static void test_nesting_limit(void)
{
    /* 64 levels are fine, 65 are not. */
    struct strbuf sb = { 0 };
    sb_append(&sb, "a = ");
    for (int i = 0; i < 64; i++)
        sb_appendc(&sb, '[');
    for (int i = 0; i < 64; i++)
        sb_appendc(&sb, ']');
    struct toml_value *r = parse_ok_(sb.buf, sb.len, __LINE__);
    toml_free(r);
    sb_free(&sb);

    char err[256];
    sb_append(&sb, "a = ");
    for (int i = 0; i < 100000; i++)
        sb_append(&sb, "{b=[");
    r = toml_parse(sb.buf, sb.len, "t.toml", err, sizeof err);
    CHECK(!r && strcmp(err, "t.toml:1:133: nesting deeper than 64 levels") == 0,
          "deep inline tables: %s", err);
    sb_free(&sb);
}

static void test_bench_toml(const char *path)
{
    size_t len;
    char *text = read_file(path, &len, (size_t)4 << 20);
    CHECK(text != NULL, "cannot read '%s'", path);
    if (!text)
        return;
    struct toml_value *r = parse_ok_(text, len, __LINE__);
    TABLE(r, "run", 15, 5, 1);
    KEYPOS(r, "", "run", 5, 2);
    INT(r, "run.repetitions", 20, 6, 15);
    KEYPOS(r, "run", "repetitions", 6, 1);
    INT(r, "run.min_time_ms", 1, 7, 15);
    INT(r, "run.warmup_ms", 5, 8, 13);
    INT(r, "run.batches", 20, 9, 11);
    INT(r, "run.cycles", 2000, 10, 10);
    INT(r, "run.sample_every", 100, 11, 16);
    INT(r, "run.leak_check_cycles", 200, 12, 21);
    INT(r, "run.pin_cpu", 1, 13, 11);
    INT(r, "run.timeout_s", 60, 14, 13);
    ARRAY(r, "run.threads", 2, 15, 11);
    STR(r, "run.threads[1]", "pthread", 15, 20);
    ARRAY(r, "run.scenarios", 6, 16, 13);
    STR(r, "run.scenarios[5]", "process", 16, 55);
    ARRAY(r, "run.counters", 2, 17, 12);
    STR(r, "run.counters[1]", "instructions", 17, 21);
    ARRAY(r, "run.modes", 2, 18, 9);
    INT(r, "run.fib[0]", 20, 19, 8);
    INT(r, "run.fib[1]", 30, 19, 12);
    STR(r, "run.output", "reports", 20, 10);
    CHECK(r && !toml_get(toml_get(r, "run"), "baseline"), "baseline is commented out");
    ARRAY(r, "impl", 3, 23, 1);
    TABLE(r, "impl[0]", 5, 23, 1);
    STR(r, "impl[0].name", "c", 24, 8);
    STR(r, "impl[0].build", "sh ../../scripts/build-c.sh {toolchain} {out}", 27, 9);
    STR(r, "impl[0].toolchains[1]", "clang", 28, 22);
    TABLE(r, "impl[1]", 5, 30, 1);
    STR(r, "impl[1].name", "go", 31, 8);
    STR(r, "impl[1].dir", "impls/go", 33, 7);
    STR(r, "impl[2].name", "rust", 38, 8);
    ARRAY(r, "impl[2].toolchains", 1, 42, 14);
    ORDER(r, "", "run,impl");
    toml_free(r);

    /* The commented-out example at the end of bench.toml, enabled. */
    struct strbuf sb = { 0 };
    sb_appendn(&sb, text, len);
    sb_append(&sb, "\n[[impl]]\nname = \"mine\"\nlib = \"path/to/libmine.so\"\n"
                   "[impl.symbols]\nadd = \"Add\"\nhello = \"Hello\"\nfree = \"free\"\n");
    int base = 1; /* the line the appended text starts on */
    for (size_t i = 0; i < len; i++)
        base += text[i] == '\n';
    r = parse_ok_(sb.buf, sb.len, __LINE__);
    ARRAY(r, "impl", 4, 23, 1);
    TABLE(r, "impl[3]", 3, base + 1, 1);
    STR(r, "impl[3].symbols.hello", "Hello", base + 6, 9);
    TABLE(r, "impl[3].symbols", 3, base + 4, 1);
    ORDER(r, "impl[3]", "name,lib,symbols");
    toml_free(r);
    sb_free(&sb);
    free(text);
}

/* Linear time: 10,000 [[impl]] tables, 10,000 [tables], 100,000 keys in one
 * table. No timing assertion (machines are shared); ctest's timeout catches
 * a quadratic reader. */
static void test_many_tables(void)
{
    struct strbuf sb = { 0 };
    for (int i = 0; i < 10000; i++)
        sb_printf(&sb, "[[impl]]\nname = \"n%d\"\n[impl.symbols]\nadd = \"a%d\"\n", i, i);
    for (int i = 0; i < 10000; i++)
        sb_printf(&sb, "[t%d]\nk = %d\n", i, i);
    sb_append(&sb, "[big]\n");
    for (int i = 0; i < 100000; i++)
        sb_printf(&sb, "k%d = %d\n", i, i);
    int64_t t0 = now_ns();
    struct toml_value *r = parse_ok_(sb.buf, sb.len, __LINE__);
    double ms = (double)(now_ns() - t0) / 1e6;
    printf("parsed %zu bytes (10000 [[impl]], 10000 [t], 100000 keys) in %.1f ms\n", sb.len, ms);
    ARRAY(r, "impl", 10000, 1, 1);
    STR(r, "impl[9999].name", "n9999", 39998, 8);
    STR(r, "impl[9999].symbols.add", "a9999", 40000, 7);
    INT(r, "t9999.k", 9999, 60000, 5);
    TABLE(r, "big", 100000, 60001, 1);
    INT(r, "big.k99999", 99999, 160001, 10);
    toml_free(r);

    /* A duplicate among many keys is still found (through the hash index). */
    sb_append(&sb, "k77777 = 1\n");
    char err[256];
    r = toml_parse(sb.buf, sb.len, "t.toml", err, sizeof err);
    CHECK(!r && strcmp(err, "t.toml:160002:1: duplicate key 'k77777' (first defined at 137779:1)") == 0,
          "duplicate among many: %s", err);
    sb_free(&sb);
}

static void test_api(void)
{
    struct toml_value *r = PARSE_OK("a = 1\n[t]\nb = 2\n");
    CHECK(toml_get(r, "missing") == NULL, "toml_get of a missing key");
    CHECK(toml_get(toml_get(r, "a"), "x") == NULL, "toml_get on a non-table");
    CHECK(toml_get(NULL, "x") == NULL, "toml_get on NULL");
    CHECK(toml_get_entry(r, "t") && toml_get_entry(r, "t")->val == toml_get(r, "t"),
          "toml_get_entry and toml_get agree");
    toml_free(r);
    toml_free(NULL);

    CHECK(strcmp(toml_type_name(TOML_TABLE), "table") == 0, "type name table");
    CHECK(strcmp(toml_type_name(TOML_ARRAY), "array") == 0, "type name array");
    CHECK(strcmp(toml_type_name(TOML_STRING), "string") == 0, "type name string");
    CHECK(strcmp(toml_type_name(TOML_INT), "integer") == 0, "type name integer");
    CHECK(strcmp(toml_type_name(TOML_FLOAT), "float") == 0, "type name float");
    CHECK(strcmp(toml_type_name(TOML_BOOL), "boolean") == 0, "type name boolean");

    /* Text need not be NUL-terminated: only len bytes are read. */
    r = toml_parse("a = 12345", 6, "t.toml", NULL, 0);
    INT(r, "a", 12, 1, 5);
    toml_free(r);

    /* Small, absent error buffers and a missing filename. */
    char small[8];
    r = toml_parse("a = ", 4, "t.toml", small, sizeof small);
    CHECK(!r && strcmp(small, "t.toml:") == 0, "truncated error: '%s'", small);
    CHECK(toml_parse("a = ", 4, "t.toml", NULL, 0) == NULL, "error without a buffer");
    char err[256];
    CHECK(toml_parse("=", 1, NULL, err, sizeof err) == NULL &&
          strcmp(err, "<input>:1:1: expected a key or '[', found '='") == 0,
          "no filename: %s", err);

    /* The size bound. */
    size_t big = ((size_t)4 << 20) + 1;
    char *text = xmalloc(big);
    memset(text, '\n', big);
    CHECK(toml_parse(text, big, "t.toml", err, sizeof err) == NULL &&
          strcmp(err, "t.toml:1:1: document is larger than 4194304 bytes (4194305 bytes)") == 0,
          "size limit: %s", err);
    r = toml_parse(text, big - 1, "t.toml", err, sizeof err);
    CHECK(r != NULL, "4 MiB of newlines parse: %s", err);
    toml_free(r);
    free(text);
}

/* ---------------------------------------------------------------- invalid documents */

struct bad {
    const char *doc;
    size_t len;           /* 0: strlen(doc) */
    const char *want;     /* the whole error, file "t.toml" */
};

static const struct bad bad_docs[] = {
    /* keys and values */
    { "a = 1\na = 2\n", 0, "t.toml:2:1: duplicate key 'a' (first defined at 1:1)" },
    { "x.y = 1\nx . y = 2\n", 0, "t.toml:2:5: duplicate key 'x.y' (first defined at 1:3)" },
    { "\"a\" = 1\na = 2\n", 0, "t.toml:2:1: duplicate key 'a' (first defined at 1:1)" },
    { "name \"x\"\n", 0, "t.toml:1:6: expected '=' after key 'name', found '\"'" },
    { "name\n", 0, "t.toml:1:5: expected '=' after key 'name', found end of line" },
    { "name =\n", 0, "t.toml:1:7: expected a value for key 'name', found end of line" },
    { "name = # no value\n", 0, "t.toml:1:8: expected a value for key 'name', found '#'" },
    { "= 1\n", 0, "t.toml:1:1: expected a key or '[', found '='" },
    { "a = 1 b = 2\n", 0, "t.toml:1:7: expected end of line after value, found 'b'" },
    { "a = \"x\" \"y\"\n", 0, "t.toml:1:9: expected end of line after value, found '\"'" },
    { "a. = 1\n", 0, "t.toml:1:4: expected a key after '.', found '='" },
    { "a = 1\na.b = 2\n", 0, "t.toml:2:1: key 'a' is already defined as an integer (at 1:1)" },
    { "\"\"\"k\"\"\" = 1\n", 0, "t.toml:1:1: expected a key, found a multi-line string (keys are single-line)" },
    { "a = hello\n", 0, "t.toml:1:5: expected a value for key 'a', found 'hello'" },
    { "a = tru\n", 0, "t.toml:1:5: expected a value for key 'a', found 'tru'" },
    { "a = True\n", 0, "t.toml:1:5: expected a value for key 'a', found 'True'" },
    /* bytes */
    { "a = 1\rb = 2\n", 0, "t.toml:1:6: expected a newline after carriage return, found 'b'" },
    { "a = 1\n# x\r", 0, "t.toml:2:4: expected a newline after carriage return, found end of file" },
    { "a = \"x\0y\"\n", 10, "t.toml:1:7: expected UTF-8 text, found a NUL byte" },
    { "a = \"\xff\"\n", 0, "t.toml:1:6: expected UTF-8 text, found invalid byte 0xff" },
    { "a = 1\nb = \"\xc0\xaf\"\n", 0, "t.toml:2:6: expected UTF-8 text, found invalid byte 0xc0" },
    { "a = \"\xed\xa0\x80\"\n", 0, "t.toml:1:6: expected UTF-8 text, found invalid byte 0xed" },
    { "a = \"\xe2\x82\"\n", 0, "t.toml:1:6: expected UTF-8 text, found invalid byte 0xe2" },
    { "# bell \x07\n", 0, "t.toml:1:8: control character U+0007 is not allowed in a comment" },
    /* strings */
    { "a = \"tab\tok, bell\x07 not\"\n", 0, "t.toml:1:18: expected an escape sequence, found control character U+0007 in string" },
    { "a = 'del\x7f'\n", 0, "t.toml:1:9: control character U+007F is not allowed in a literal string" },
    { "a = \"\\q\"\n", 0, "t.toml:1:6: expected an escape sequence after '\\', found 'q'" },
    { "a = \"\\ \"\n", 0, "t.toml:1:6: expected an escape sequence after '\\', found ' '" },
    { "a = \"\\x41\"\n", 0, "t.toml:1:6: expected an escape sequence after '\\', found 'x'" },
    { "a = \"\\uD800\"\n", 0, "t.toml:1:6: invalid escape '\\uD800': not a unicode scalar value" },
    { "a = \"\\U00110000\"\n", 0, "t.toml:1:6: invalid escape '\\U00110000': not a unicode scalar value" },
    { "a = \"\\u12G4\"\n", 0, "t.toml:1:10: expected 4 hex digits after '\\u', found 'G'" },
    { "a = \"\\u0000\"\n", 0, "t.toml:1:6: escape '\\u0000' is a NUL character, which strings may not contain" },
    { "a = \"abc\nb = 1\n", 0, "t.toml:1:9: expected '\"' to end the string started at 1:5, found end of line" },
    { "a = 'abc\n", 0, "t.toml:1:9: expected \"'\" to end the string started at 1:5, found end of line" },
    { "a = \"\"\"abc\n\n", 0, "t.toml:3:1: expected '\"\"\"' to end the string started at 1:5, found end of file" },
    { "a = '''abc\n", 0, "t.toml:2:1: expected \"'''\" to end the string started at 1:5, found end of file" },
    { "a = \"\"\"x\"\"\"\"\"\"\n", 0, "t.toml:1:9: expected at most 5 '\"' in a row at the end of a multi-line string, found 6" },
    { "a = \"\"\"x \\ y\"\"\"\n", 0, "t.toml:1:12: expected a newline after line-ending '\\', found 'y'" },
    /* numbers */
    { "a = 012\n", 0, "t.toml:1:5: invalid number '012': leading zeros are not allowed" },
    { "a = -01.5\n", 0, "t.toml:1:5: invalid number '-01.5': leading zeros are not allowed" },
    { "a = 1__000\n", 0, "t.toml:1:5: invalid number '1__000': '_' must be between digits" },
    { "a = 1_000_\n", 0, "t.toml:1:5: invalid number '1_000_': '_' must be between digits" },
    { "a = 1_.5\n", 0, "t.toml:1:5: invalid number '1_.5': '_' must be between digits" },
    { "a = 0x_1\n", 0, "t.toml:1:5: invalid number '0x_1': '_' must be between digits" },
    { "a = 1.\n", 0, "t.toml:1:5: invalid number '1.': expected a digit after '.'" },
    { "a = 1.e5\n", 0, "t.toml:1:5: invalid number '1.e5': expected a digit after '.'" },
    { "a = .5\n", 0, "t.toml:1:5: expected a value for key 'a', found '.'" },
    { "a = 1e\n", 0, "t.toml:1:5: invalid number '1e': expected a digit in the exponent" },
    { "a = 1e+_2\n", 0, "t.toml:1:5: invalid number '1e+_2': expected a digit in the exponent" },
    { "a = 1.2.3\n", 0, "t.toml:1:5: invalid number '1.2.3'" },
    { "a = 0X1F\n", 0, "t.toml:1:5: invalid number '0X1F'" },
    { "a = 0xG\n", 0, "t.toml:1:5: invalid number '0xG': expected base-16 digits after '0x'" },
    { "a = 0o8\n", 0, "t.toml:1:5: invalid number '0o8': expected base-8 digits after '0o'" },
    { "a = 0b102\n", 0, "t.toml:1:5: invalid number '0b102': expected base-2 digits after '0b'" },
    { "a = +0x10\n", 0, "t.toml:1:5: invalid number '+0x10': a sign is not allowed before 0x" },
    { "a = 9223372036854775808\n", 0, "t.toml:1:5: integer '9223372036854775808' does not fit in 64 bits" },
    { "a = -9223372036854775809\n", 0, "t.toml:1:5: integer '-9223372036854775809' does not fit in 64 bits" },
    { "a = 0x8000000000000000\n", 0, "t.toml:1:5: integer '0x8000000000000000' does not fit in 64 bits" },
    { "a = 1e400\n", 0, "t.toml:1:5: float '1e400' is out of range" },
    { "a = infinity\n", 0, "t.toml:1:5: expected a value for key 'a', found 'infinity'" },
    { "a = -\n", 0, "t.toml:1:5: expected a value for key 'a', found '-'" },
    /* date-times */
    { "d = 1979-05-27T07:32:00Z\n", 0, "t.toml:1:5: date-time values are not supported by dlbench's TOML reader, found '1979-05-27T07:32:00Z'" },
    { "d = 1979-05-27\n", 0, "t.toml:1:5: date-time values are not supported by dlbench's TOML reader, found '1979-05-27'" },
    { "d = [07:32:00]\n", 0, "t.toml:1:6: date-time values are not supported by dlbench's TOML reader, found '07:32:00'" },
    /* arrays and inline tables */
    { "a = [1,,2]\n", 0, "t.toml:1:8: expected a value or ']' in array, found ','" },
    { "a = [,]\n", 0, "t.toml:1:6: expected a value or ']' in array, found ','" },
    { "a = [1 2]\n", 0, "t.toml:1:8: expected ',' or ']' in array, found '2'" },
    { "a = [1,\n2\n", 0, "t.toml:3:1: expected ',' or ']' in array, found end of file" },
    { "a = {x = 1,}\n", 0, "t.toml:1:12: expected a key after ',' in inline table, found '}' (no trailing comma allowed)" },
    { "a = {x = 1\n}\n", 0, "t.toml:1:11: expected ',' or '}' in inline table, found end of line" },
    { "a = {x = 1 y = 2}\n", 0, "t.toml:1:12: expected ',' or '}' in inline table, found 'y'" },
    { "a = {x = 1, x = 2}\n", 0, "t.toml:1:13: duplicate key 'x' (first defined at 1:6)" },
    { "a = {x.y = 1, x = 2}\n", 0, "t.toml:1:15: duplicate key 'x' (first defined at 1:6)" },
    { "a = {x = {y = 1}, x.z = 2}\n", 0, "t.toml:1:19: cannot extend inline table 'x' (defined at 1:6)" },
    { "a = {x = 1}\n[a]\n", 0, "t.toml:2:2: cannot extend inline table 'a' (defined at 1:1)" },
    { "a = {x = 1}\na.y = 2\n", 0, "t.toml:2:1: cannot extend inline table 'a' (defined at 1:1)" },
    { "a = {x = 1}\n[a.b]\n", 0, "t.toml:2:2: cannot extend inline table 'a' (defined at 1:1)" },
    { "a = {}\n[[a]]\n", 0, "t.toml:2:3: key 'a' is already defined as an inline table (at 1:1)" },
    /* how messages show what was found and name keys */
    { "a = 'x'\na.b = 1\n", 0, "t.toml:2:1: key 'a' is already defined as a string (at 1:1)" },
    { "a = 1.5\n[a]\n", 0, "t.toml:2:2: key 'a' is already defined as a float (at 1:1)" },
    { "a = true\n[[a]]\n", 0, "t.toml:2:3: key 'a' is already defined as a boolean (at 1:1)" },
    { "[[a]\t]\n", 0, "t.toml:1:5: expected ']]' after table name 'a', found a tab" },
    { "a = 1 'x'\n", 0, "t.toml:1:7: expected end of line after value, found \"'\"" },
    { "a = \xc3\xa9\n", 0, "t.toml:1:5: expected a value for key 'a', found '\xc3\xa9'" },
    { "a = \x01\n", 0, "t.toml:1:5: expected a value for key 'a', found control character U+0001" },
    { "a = 1 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n", 0, "t.toml:1:7: expected end of line after value, found 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...'" },
    { "\"a\\u0001\" = 1\n\"a\\u0001\" = 2\n", 0, "t.toml:2:1: duplicate key 'a\\x01' (first defined at 1:1)" },
    { "\"a\\q\" = 1\n", 0, "t.toml:1:3: expected an escape sequence after '\\', found 'q'" },
    { "a = \"\xf4\x90\x80\x80\"\n", 0, "t.toml:1:6: expected UTF-8 text, found invalid byte 0xf4" },
    { "a = \"\xe0\x80\xaf\"\n", 0, "t.toml:1:6: expected UTF-8 text, found invalid byte 0xe0" },
    { "a = \"\xf0\x9f\x98\"\n", 0, "t.toml:1:6: expected UTF-8 text, found invalid byte 0xf0" },
    { "a = '''x''''''\n", 0, "t.toml:1:9: expected at most 5 \"'\" in a row at the end of a multi-line string, found 6" },
    { "a = [ # \x01\n]\n", 0, "t.toml:1:9: control character U+0001 is not allowed in a comment" },
    { "a = [1, 'x\n", 0, "t.toml:1:11: expected \"'\" to end the string started at 1:9, found end of line" },
    /* tables */
    { "[a]\nx = 1\n[a]\n", 0, "t.toml:3:2: duplicate table 'a' (first defined at 1:1)" },
    { "[a.b]\n[a]\n[a]\n", 0, "t.toml:3:2: duplicate table 'a' (first defined at 2:1)" },
    { "[a]\nb.c = 1\n[a.b]\n", 0, "t.toml:3:4: duplicate table 'a.b' (first defined by dotted keys at 2:1)" },
    { "[a.b.c]\n[a]\nb.c.d = 1\n", 0, "t.toml:3:1: cannot add to table 'b' with dotted keys: it was created by a table header at 1:1" },
    { "[a]\nb = 1\n[a.b]\n", 0, "t.toml:3:4: key 'a.b' is already defined as an integer (at 2:1)" },
    { "a = 1\n[a.b]\n", 0, "t.toml:2:2: key 'a' is already defined as an integer (at 1:1)" },
    { "[a\n", 0, "t.toml:1:3: expected ']' after table name 'a', found end of line" },
    { "[]\n", 0, "t.toml:1:2: expected a key, found ']'" },
    { "[a.]\n", 0, "t.toml:1:4: expected a key after '.', found ']'" },
    { "[a] b = 1\n", 0, "t.toml:1:5: expected end of line after table header, found 'b'" },
    { "[a]]\n", 0, "t.toml:1:4: expected end of line after table header, found ']'" },
    /* arrays of tables */
    { "a = []\n[[a]]\n", 0, "t.toml:2:3: cannot append to static array 'a' (defined at 1:1)" },
    { "a = [{}]\n[a.b]\n", 0, "t.toml:2:2: cannot extend static array 'a' (defined at 1:1)" },
    { "[[a]\n", 0, "t.toml:1:5: expected ']]' after table name 'a', found end of line" },
    { "[[a] ]\n", 0, "t.toml:1:5: expected ']]' after table name 'a', found ' '" },
    { "[[a]]\n[a]\n", 0, "t.toml:2:2: key 'a' is already defined as an array of tables (at 1:3)" },
    { "[a]\n[[a]]\n", 0, "t.toml:2:3: key 'a' is already defined as a table (at 1:2)" },
    { "[[a]]\nb = 1\n[[a.b]]\n", 0, "t.toml:3:5: key 'a.b' is already defined as an integer (at 2:1)" },
    { "[[a]]\n[a.b]\n[a.b]\n", 0, "t.toml:3:4: duplicate table 'a.b' (first defined at 2:1)" },
};

static void test_invalid(void)
{
    char err[512];
    for (size_t i = 0; i < ARRAY_LEN(bad_docs); i++) {
        const struct bad *b = &bad_docs[i];
        size_t len = b->len ? b->len : strlen(b->doc);
        memset(err, 'x', sizeof err);
        struct toml_value *r = toml_parse(b->doc, len, "t.toml", err, sizeof err);
        if (r) {
            check(0, __LINE__, "invalid case %zu parsed: want %s", i, b->want);
            toml_free(r);
            continue;
        }
        check(strcmp(err, b->want) == 0, __LINE__, "invalid case %zu:\n  got  %s\n  want %s", i,
              err, b->want);
    }
    printf("%zu invalid documents checked\n", ARRAY_LEN(bad_docs));
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    const char *bench = argc > 1 ? argv[1] : DLBENCH_SOURCE_DIR "/bench.toml";

    test_comments_and_layout();
    test_keys();
    test_tables();
    test_arrays_of_tables();
    test_inline_tables();
    test_strings();
    test_integers();
    test_floats();
    test_booleans_and_arrays();
    test_nesting_limit();
    test_bench_toml(bench);
    test_many_tables();
    test_api();
    test_invalid();

    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail > 0;
}
