/* config.h - bench.toml as plain C structs. config.c is the only file that
 * sees TOML; everything else reads these structs. */
#ifndef DLBENCH_CONFIG_H
#define DLBENCH_CONFIG_H

#include <stddef.h>

/* The workloads of the ABI, in the order outputs list them. */
enum workload {
    WL_NOOP,
    WL_ADD,
    WL_FIB,
    WL_HELLO,
    WL_FREE,
    WL_INFO,
    WL_COUNT
};
/* The largest fib argument, of bench.toml's [run] fib and of `measure
 * --fib` / `--workload fib/N`: fib(40) already takes about a second per
 * call in C; beyond that a run would never finish. */
#define FIB_MAX 40
extern const char *const workload_names[WL_COUNT]; /* "noop", "add", ... */
extern const char *const default_symbols[WL_COUNT]; /* "bench_noop", ... */
/* WL_COUNT if name is not a workload. */
enum workload workload_from_name(const char *name);

/* How to call a library: which symbol implements each workload, and what
 * the cycle (and the first call of load and once) calls.
 *   sym[w] NULL   the ABI name (bench_add, ...); for free: the ABI's
 *                 bench_free, else libc free when the library has none
 *                 (what a string from Go's C.CString needs)
 *   sym[w] ""     nothing: the workload is not called nor verified (a
 *                 workload left out of `workloads`); free = "": hello's
 *                 string is never released (what forgetting C.free costs)
 * cycle is "add", "hello", "noop", "none" or NULL (auto: add if the
 * library has it, else noop, else none); cycle_thread "main", "pthread"
 * or NULL (main): the thread that makes that call (dlopen and dlclose stay
 * on the main thread). */
struct symbol_map {
    char *sym[WL_COUNT];
    char *cycle;
    char *cycle_thread;
};
/* The calls a cycle can make (cycle_workload), and the threads. */
extern const char *const cycle_workload_names[4]; /* add hello noop none */
extern const char *const cycle_thread_names[2];   /* main pthread */
/* The symbol to look up for w. */
const char *symbol_for(const struct symbol_map *m, enum workload w);
/* Parses "add=Add,hello=Hello,free=,cycle=hello,cycle_thread=pthread"
 * (the --symbols option) into m. Returns 0,
 * or -1 with a message in err. */
int symbol_map_parse(struct symbol_map *m, const char *spec, char *err, size_t errlen);
/* Formats m back as "add=Add,..." (only the non-default entries); "" when
 * all are default. Caller frees. */
char *symbol_map_format(const struct symbol_map *m);
void symbol_map_free(struct symbol_map *m);

/* [run]: parameters of a whole run. Every field has a default. */
struct run_cfg {
    int repetitions;      /* samples per (variant, workload, thread) of `call`,
                           * and processes per variant for `load`; >= 1 */
    int min_time_ms;      /* minimum duration of one `call` repetition */
    int warmup_ms;        /* warm-up before the timed `call` repetitions */
    int batches;          /* timed batches of each workload in one `call` (and
                           * `pair`) process; statistics are over processes */
    int cycles;           /* dlopen/dlclose cycles per `cycle` measurement */
    int sample_every;     /* cycles between RSS samples in `cycle` */
    int leak_check_cycles;/* cycles run under valgrind by --leak-check */
    double leak_check_share; /* share of `cycles` run under valgrind, (0, 1];
                           * 0 = use leak_check_cycles */
    char *cycle_workload; /* what a cycle calls (symbol_map.cycle); NULL = auto */
    char *cycle_thread;   /* the calling thread of a cycle; NULL = main */
    int pin_cpu;          /* CPU to pin measuring threads to; -1 = none */
    int timeout_s;        /* per child process; killed after this */
    char **threads;       /* "main", "pthread" */
    size_t n_threads;
    char **scenarios;     /* call, load, cycle, size, process */
    size_t n_scenarios;
    char *engine;         /* call: "native", "gbench" or "both" */
    char **modes;         /* cycle modes: fresh, pinned */
    size_t n_modes;
    char **counters;      /* what is counted besides time: names of
                           * measure/counters.h's table ("time", "instructions",
                           * "cycles", "branch-misses", "cache-misses") */
    size_t n_counters;
    int *fib;             /* arguments of fib workloads, e.g. {20, 30} */
    size_t n_fib;
    char *output;         /* output folder, relative to the config file */
    char *baseline;       /* variant name, or NULL = first C variant */
};

/* One [[impl]] table. Either built (dir + build + toolchains) or brought
 * by the user (lib). */
struct impl_cfg {
    char *name;           /* [A-Za-z0-9_.+-]+, unique */
    char *lang;           /* "c", "go", "rust", ... ; informational */
    char *dir;            /* resolved against the config file's folder */
    char *build;          /* recipe; {out} {toolchain} {dir} substituted */
    char **toolchains;    /* at least one when build is set */
    size_t n_toolchains;
    char *lib;            /* bring-your-own library path (resolved); it
                           * exists (config_parse checks, after the rest) */
    char *lib_written;    /* lib as written in the file, for messages */
    int lib_line, lib_col; /* where lib's value is */
    struct symbol_map symbols; /* [impl.symbols], `workloads` (others mapped
                           * to ""), cycle_workload and cycle_thread (the
                           * impl's, else [run]'s) */
    int line, col;        /* where the [[impl]] header is, for messages */
};

struct config {
    char *path;           /* the file as given */
    char *root;           /* folder of the file: relative paths start here */
    char *text;           /* the file's bytes, for copying into reports */
    size_t text_len;
    struct run_cfg run;
    struct impl_cfg *impls;
    size_t n_impls;
};

/* Loads and validates path. On error prints "dlbench: error: FILE:L:C: ..."
 * and returns -1 (the caller exits 2). */
int config_load(const char *path, struct config *cfg);
/* The same from a buffer (for tests and fuzzing); error text goes to err. */
int config_parse(const char *text, size_t len, const char *path,
                 struct config *cfg, char *err, size_t errlen);
void config_free(struct config *cfg);
/* [run] cycle_workload / cycle_thread apply to impls without their own
 * (config_parse calls it; so does a suite that takes [run] from another
 * file, matrix/suite.c). */
void config_apply_run_symbols(struct config *cfg);
/* Fills defaults only (what an empty bench.toml gives). */
void config_defaults(struct config *cfg);

#endif
