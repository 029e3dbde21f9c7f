/* concord/pipeline.h: the whole data flow in one call, as the program runs it:
 * read -> clean -> analyze -> (store) -> group -> explain -> store / emit.
 *
 * Ingest streams: articles are read, cleaned and analyzed in chunks across
 * worker threads, stored in the SQLite store one transaction per chunk, and
 * reduced to compact grouping features; the cleaned text is not kept in
 * memory.  Grouping runs on the features; explaining a story re-reads its
 * members from the store, so memory stays flat in the corpus size (apart from
 * the features, about 1 KB an article: see concord/group.h).
 *
 * Reliability: a run holds the store's writer lock (concord_store_lock_take)
 * from start to end, so a second run on the same store waits for it
 * (options->wait_seconds) or fails with a clear message; it never
 * interleaves.  Articles are committed while reading, the grouping at the end;
 * articles of a run that was killed or failed in between stay listed as not
 * yet grouped in the store, and the next `add` groups them (stats
 * resumed_articles).  `analyze` builds its store beside the target,
 * FILE.concord-new, and renames it over FILE only when the whole run
 * succeeded; an existing FILE that is not a concord store is refused, never
 * replaced.  Outputs go through concord/outfile.h: complete or absent, never
 * truncated.  Errors reading the store back (a damaged store) fail the run.
 *
 * Ownership: options and inputs are borrowed for the call.  Thread-safety: one
 * call at a time per store file.  Errors: returns a concord_pipeline_status;
 * problems in the input are reported through options->diag and counted in
 * stats; they never stop the run. */
#ifndef CONCORD_PIPELINE_H
#define CONCORD_PIPELINE_H

#include "concord/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CONCORD_MODE_ANALYZE, /* a fresh store from these inputs */
    CONCORD_MODE_ADD      /* add to an existing store: new articles join old stories */
} concord_mode;

/* Progress: the library never writes to a terminal itself.  When set, the
 * pipeline calls progress_fn with a short line ("1234 articles read") as work
 * advances, and once with NULL when the run ends (to clear the line); the
 * caller renders it (the CLI overwrites one line of stderr on a terminal).
 * Called from the thread that runs concord_pipeline_run only. */
typedef void (*concord_progress_fn)(void *ctx, const char *line);

typedef struct concord_options {
    concord_mode mode;
    const char *outdir;  /* where articles.jsonl, stories.jsonl, report.html go; NULL: none */
    const char *db_path; /* store file; NULL: OUTDIR/concord.db */
    int threads;         /* worker threads; 0: 2 */
    int progress;        /* call progress_fn (when set) as work advances */
    concord_progress_fn progress_fn; /* NULL: no progress reported */
    void *progress_ctx;              /* passed to progress_fn */
    int write_report;                /* write OUTDIR/report.html */
    concord_diag *diag;              /* NULL: messages on stderr */
    double wait_seconds;             /* wait this long for another run writing the store
                               (concord_store_lock_take); 0: 10 s */
    size_t max_record;               /* per-record byte limit of the readers; 0: 32 MiB */
} concord_options;

typedef struct concord_run_stats {
    size_t articles;         /* articles read */
    size_t new_articles;     /* stored for the first time */
    size_t same_articles;    /* already stored with the same content */
    size_t changed_articles; /* known id, new content: kept as a new version */
    size_t skipped_inputs;   /* files or lines that could not be read */
    size_t input_problems;   /* messages about the input (bad bytes, ...) */
    size_t stories;          /* stories in the store after the run */
    size_t stories_changed;  /* stories created or changed by this run */
    uint64_t bytes;          /* input bytes */
    double seconds_ingest, seconds_group, seconds_explain, seconds_total;
    size_t resumed_articles; /* stored by an earlier, interrupted run and grouped now */
    size_t repeated_ids;     /* ids read again in this run with other content */
} concord_run_stats;

typedef enum {
    CONCORD_PIPELINE_OK = 0,
    CONCORD_PIPELINE_ERR_STORE = -1, /* cannot open or write the store */
    CONCORD_PIPELINE_ERR_OUTPUT = -2 /* cannot write into outdir */
} concord_pipeline_status;

CONCORD_EXPORT void concord_options_init(concord_options *o);
CONCORD_EXPORT int concord_pipeline_run(const char *const *inputs, size_t n_inputs,
                                        const concord_options *o, concord_run_stats *stats);
/* `concord dedup`: reads, cleans and analyzes the inputs and prints one JSON
 * line per set of exact or near-duplicate articles to out:
 * {"duplicate_of": earliest id, "articles": [ids, earliest first]}. */
CONCORD_EXPORT int concord_dedup_inputs(const char *const *inputs, size_t n_inputs,
                                        concord_diag *diag, int threads, FILE *out);

/* Message describing the last error of concord_pipeline_run in this thread. */
CONCORD_EXPORT const char *concord_pipeline_errmsg(void);

#ifdef __cplusplus
}
#endif
#endif
