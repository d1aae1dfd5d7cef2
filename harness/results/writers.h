/* writers.h - one writer per file of a run folder that holds what was
 * measured (see docs/run-folder.md); the files derived from them
 * (results.json, results.txt, the report) are renderers of the run model
 * (report/formats.h). A writer is a pure function of the run data: it fills
 * a buffer and never touches the file system, so tests compare its output
 * with golden files and runfolder.c alone owns files. */
#ifndef DLBENCH_WRITERS_H
#define DLBENCH_WRITERS_H

#include "results/rundata.h"
#include "results/runmodel.h"

struct writer {
    const char *file;  /* name inside the run folder */
    void (*write)(const struct run_data *d, struct strbuf *out);
};

extern const struct writer run_writers[];
extern const size_t n_run_writers;

void write_results_csv(const struct run_data *d, struct strbuf *out);
void write_summary_csv(const struct run_data *d, struct strbuf *out);
void write_failures_csv(const struct run_data *d, struct strbuf *out);
void write_variants_csv(const struct run_data *d, struct strbuf *out);
void write_env_txt(const struct run_data *d, struct strbuf *out);

/* findings.csv: the findings of a model (results/verdicts.h computes them
 * from the files above, read back), one row each:
 *   variant,topic,verdict,value,unit,detail,limit,other
 * value and limit empty when NaN; other: the variant a comparison is
 * against ("" for the rest). */
void write_findings_csv(const struct run_model *m, struct strbuf *out);

#endif
