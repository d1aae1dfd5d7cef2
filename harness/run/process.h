/* process.h - scenario `process`: whole-process cold start of one variant,
 * timed by hyperfine.
 *
 * Each timed process is `dlbench measure --scenario once --lib LIB`: start
 * the harness, dlopen the library, dlsym and call add once, exit. hyperfine
 * runs it with -N (no intermediate shell), 3 warm-up runs and R timed
 * runs, and exports JSON, of which we read results[0].times, .mean,
 * .user, .system and .exit_codes through libjansson (base/json.h, loaded on
 * demand: this runs in the parent, never in a measuring child). */
#ifndef DLBENCH_PROCESS_H
#define DLBENCH_PROCESS_H

#include <stddef.h>

#include "base/util.h"

/* Runs hyperfine for one variant and appends sample rows in the measure
 * CSV format (no header; see MEASURE_CSV_HEADER in measure.h):
 *   variant,process,once,main,wall_ms,ms,<run index>,<ms>   one per run
 *   variant,process,once,main,user_ms,ms,0,<mean ms>
 *   variant,process,once,main,system_ms,ms,0,<mean ms>
 * dlbench_exe: the harness to time (self_exe() for this one); lib: the
 * library path (any characters; quoted for hyperfine's shell-words
 * splitting); symbols_or_null: a --symbols spec or NULL; runs >= 2;
 * timeout_s: limit for the whole hyperfine run (<= 0: none).
 * Returns PROCESS_OK with rows appended; PROCESS_NO_HYPERFINE when
 * hyperfine is not installed (*cause_out = "hyperfine not found: scenario
 * 'process' skipped", nothing appended); PROCESS_FAILED with *cause_out
 * saying why, e.g. "the measured command failed: exited with status 1:
 * dlbench: error: cannot dlopen ...". *cause_out (caller frees) is NULL on
 * success. */
enum process_result {
    PROCESS_OK = 0,
    PROCESS_FAILED = -1,
    PROCESS_NO_HYPERFINE = 1, /* not a failure of the library: the tool is missing */
};
enum process_result process_cold_start(const char *dlbench_exe, const char *variant, const char *lib,
                       const char *symbols_or_null, int runs, double timeout_s,
                       struct strbuf *rows_out, char **cause_out);

/* The command line hyperfine is given (exposed for tests): every argument
 * is single-quoted, "'" written as '\''. Caller frees. */
char *process_command(const char *dlbench_exe, const char *lib, const char *symbols_or_null);

/* The fields of a hyperfine --export-json file that we use (seconds). */
struct hyperfine_result {
    double *times;      /* wall time of each timed run */
    size_t n_times;
    double mean, user, system;
    int *exit_codes;    /* one per run; -1 for null (killed by a signal) */
    size_t n_exit_codes;
};

/* Parses hyperfine's JSON export (text of len bytes, need not end in NUL)
 * with jansson. 0, or -1 with a message in err ("invalid JSON at line 1,
 * column 3: ...", "'results[0].user' is missing", jansson not loadable).
 * Unknown keys are ignored; duplicate keys are an error; jansson limits
 * nesting (2048 levels). */
int hyperfine_parse(const char *text, size_t len, struct hyperfine_result *r, char *err,
                    size_t errlen);
void hyperfine_result_free(struct hyperfine_result *r);

#endif
