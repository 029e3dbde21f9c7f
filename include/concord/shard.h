/* concord/shard.h: the pipeline's stages one at a time, for a driver that
 * spreads one run over several processes (concord-mpi, cli/mpi_main.c) and
 * must give exactly the output of one `concord analyze` process.  The library
 * stays free of MPI: these functions only plan, compute and turn results into
 * bytes; the driver moves the bytes.
 *
 * Stages (the one-process pipeline, pipeline.c, runs the same functions):
 *   plan     concord_plan_inputs: the inputs as an ordered list of units (a
 *            file, or a byte range of a big JSON Lines file cut at line
 *            boundaries) and a split of that list into `parts` contiguous
 *            runs of about equal bytes; concord_unit_open reads one unit.
 *   ingest   concord_ingest_article: clean, analyze and reduce one article to
 *            grouping features (thread-safe; one analyzer per thread);
 *            concord_ingest_stream: a reader's articles so ingested, two
 *            chunks in flight (the one-process pipeline reads this way).
 *   pack     concord_item_pack / unpack: (article, cleaning, features) as
 *            bytes; concord_features_pack (group.h) for features alone.
 *   sink     concord_sink: the store and the outputs, in one process (rank 0):
 *            takes the items in input order (the order one process reads
 *            them), groups, takes explained stories, writes the outputs.
 *            concord_pipeline_run itself runs on a sink: one code path.
 *   explain  concord_explain_story: one story from its member ids, its
 *            representative and duplicate links (a concord_story_spec), the
 *            members read back from a store opened read-only.
 *
 * Ownership: every function that returns a pointer returns a new allocation
 * owned by the caller, freed with the matching _free; inputs are borrowed for
 * the call unless said otherwise.  Thread-safety: concord_ingest_article and
 * concord_explain_story are thread-safe given per-thread analyzers and
 * stores; everything else is used by one thread at a time.  Errors: negative
 * returns, with a message in concord_pipeline_errmsg(). */
#ifndef CONCORD_SHARD_H
#define CONCORD_SHARD_H

#include "concord/analyze.h"
#include "concord/group.h"
#include "concord/pipeline.h"
#include "concord/read.h"
#include "concord/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- plan ---------------------------------------------------------------- */

typedef struct concord_unit {
    char *path;          /* as the reader names it (article origin, messages) */
    int range;           /* 1: bytes [start, end) of a plain JSON Lines file */
    uint64_t start, end; /* range only; start is 0 or just after a newline */
    uint64_t bytes;      /* size (whole file: its size on disk) */
} concord_unit;

typedef struct concord_plan {
    concord_unit *units; /* in reading order */
    size_t n_units;
    size_t parts;
    size_t *first;  /* part p reads units [first[p], first[p + 1]); parts + 1 entries */
    size_t skipped; /* inputs skipped while walking (reported through diag) */
    uint64_t bytes; /* total */
} concord_plan;

/* Walks the inputs exactly like the reader (folders in sorted order, the
 * same skips and messages through diag) and splits them into `parts` runs of
 * about total/parts bytes each.  A plain (not gzip) ".jsonl" / ".ndjson"
 * file whose first line is a whole object is cut at the line start at or
 * after each split point; other files go whole to the run where they start
 * (WARC and gzip files too: their messages name record numbers and offsets
 * in the decompressed stream, which a reader starting mid-file cannot know;
 * doc/mpi.md).  Runs may be empty (more parts than input).  skip_folder (or
 * NULL): a folder left out of the walk, as the pipeline leaves out its
 * OUTDIR.  "-" (standard input) cannot be split: it is reported and skipped.
 * Never NULL. */
CONCORD_EXPORT concord_plan *concord_plan_inputs(const char *const *inputs, size_t n_inputs,
                                                 size_t parts, const char *skip_folder,
                                                 concord_diag *diag);
CONCORD_EXPORT void concord_plan_free(concord_plan *p);
/* The plan as bytes (to send it to other processes) and back; unpack returns
 * NULL on malformed bytes. */
CONCORD_EXPORT void concord_plan_pack(concord_buf *b, const concord_plan *p);
CONCORD_EXPORT concord_plan *concord_plan_unpack(const void *data, size_t n);

/* A reader over one unit.  A range is mapped into memory and read as JSON
 * Lines with the file's own line numbers and offsets (the lines before the
 * range are counted once, here).  Close with concord_unit_close. */
typedef struct concord_unit_input concord_unit_input;
CONCORD_EXPORT concord_unit_input *concord_unit_open(const concord_unit *u, concord_diag *diag);
CONCORD_EXPORT concord_reader *concord_unit_reader(concord_unit_input *in);
CONCORD_EXPORT void concord_unit_close(concord_unit_input *in);

/* ---- ingest ---------------------------------------------------------------- */

/* Cleans a (fills in its source from a self-mention in the text when it is
 * "unknown"), analyzes the cleaned text with az and returns the cleaning in
 * *clean and the grouping features in *features (both owned by the caller). */
CONCORD_EXPORT void concord_ingest_article(concord_article *a, concord_analyzer *az,
                                           concord_clean **clean, concord_features **features);

/* A reader's articles read and ingested as the pipeline does: while
 * `threads` worker threads (analyzers az[0..threads), from
 * concord_analyzers_new; borrowed) ingest one chunk, the caller's thread
 * reads the next.  next fills the three arrays (each of
 * concord_ingest_chunk_size() entries; the entries become the caller's) and
 * returns how many, 0 at the end.  free also frees unclaimed chunks. */
typedef struct concord_ingest_stream concord_ingest_stream;
CONCORD_EXPORT concord_ingest_stream *concord_ingest_stream_new(concord_reader *r,
                                                                concord_analyzer **az, int threads);
CONCORD_EXPORT size_t concord_ingest_stream_next(concord_ingest_stream *s, concord_article **a,
                                                 concord_clean **c, concord_features **f);
CONCORD_EXPORT void concord_ingest_stream_free(concord_ingest_stream *s);
CONCORD_EXPORT size_t concord_ingest_chunk_size(void);
/* One English analyzer per thread, as the pipeline makes them. */
CONCORD_EXPORT concord_analyzer **concord_analyzers_new(int threads);
CONCORD_EXPORT void concord_analyzers_free(concord_analyzer **az, int threads);

/* The duplicate sets of a dedup-only grouper after run, as `concord dedup`
 * prints them (one JSON line per set); 0, or -1 when out fails. */
CONCORD_EXPORT int concord_dedup_write(const concord_grouper *g, FILE *out);

/* ---- near-duplicate candidates by LSH bucket ------------------------------
 * Each indexed article (concord_grouper_prepared) sends one entry per band
 * to the process that owns the bucket (concord_lsh_owner); the owner sorts
 * its entries and walks each bucket as the grouper would
 * (concord_lsh_walk); the matches, gathered, become the grouper's
 * candidates (concord_lsh_resolve, then concord_grouper_set_candidates). */
typedef struct concord_lsh_entry {
    uint64_t key; /* concord_minhash_band_key */
    uint32_t band;
    uint32_t order; /* index in the grouper's processing order */
    uint32_t sig[CONCORD_MINHASH];
} concord_lsh_entry;

typedef struct concord_lsh_match {
    uint32_t order; /* this article ... */
    uint32_t band;  /* ... in this band ... */
    uint32_t cand;  /* ... finds this earlier one */
} concord_lsh_match;

/* The process (0 .. parts-1) owning the bucket of (band, key). */
CONCORD_EXPORT int concord_lsh_owner(uint64_t key, uint32_t band, int parts);
/* Sorts e and returns, for every entry that finds a verified candidate among
 * the at most per_band newest earlier entries of its bucket, the match
 * (caller frees; *n_out of them). */
CONCORD_EXPORT concord_lsh_match *concord_lsh_walk(concord_lsh_entry *e, size_t n, double near_dup,
                                                   int per_band, size_t *n_out);
/* cand[i] for i < n_articles: the match of the lowest band, else UINT32_MAX
 * (caller frees). */
CONCORD_EXPORT uint32_t *concord_lsh_resolve(const concord_lsh_match *m, size_t n,
                                             size_t n_articles);

/* ---- pack ---------------------------------------------------------------- */

/* Appends the article (all fields but origin and line are exact; origin and
 * line are kept too), its cleaning and its features (f may be NULL). */
CONCORD_EXPORT void concord_item_pack(concord_buf *b, const concord_article *a,
                                      const concord_clean *c, const concord_features *f);
/* Reads one packed item; returns the bytes used, 0 on malformed bytes. */
CONCORD_EXPORT size_t concord_item_unpack(const void *p, size_t n, concord_article **a,
                                          concord_clean **c, concord_features **f);

/* ---- explain -------------------------------------------------------------- */

/* What explaining one story needs from the grouper.  Strings are borrowed
 * (from the grouper, or from the bytes a spec was unpacked from). */
typedef struct concord_story_spec {
    const char *id;
    const char *rep; /* representative member id, or NULL */
    size_t n;
    const char **members; /* ids */
    const char **dup_of;  /* per member: earliest member of its duplicate set, or NULL */
} concord_story_spec;

/* Story s of a grouper after run (arrays allocated; free with _spec_free). */
CONCORD_EXPORT void concord_story_spec_from_grouper(concord_story_spec *sp,
                                                    const concord_grouper *g, size_t s);
CONCORD_EXPORT void concord_story_spec_free(concord_story_spec *sp);
/* Arrays only for unpack: members and dup_of point into p. Returns bytes used, 0 if malformed. */
CONCORD_EXPORT void concord_story_spec_pack(concord_buf *b, const concord_story_spec *sp);
CONCORD_EXPORT size_t concord_story_spec_unpack(const void *p, size_t n, concord_story_spec *sp);

/* The explained story: its JSON document and the store's columns. */
typedef struct concord_story_result {
    char *doc; /* story JSON document */
    char *title, *first, *last;
    size_t n_sources;
    int has_conflict;
    char **ids;
    size_t n_ids;
    char *speakers, *outlets; /* for the search index: distinct, sorted, one a line; or NULL */
    size_t read_errors;       /* members the store could not give back (a damaged store) */
} concord_story_result;

/* Reads the members from st (a connection of this thread, read-only is
 * enough), analyzes them with az and explains the story (figures, quotes,
 * reuse, digest) into *out.  A member that cannot be read back is reported
 * through diag, left out and counted in out->read_errors when the store
 * failed or holds damaged text (the sink then refuses to finish the run). */
CONCORD_EXPORT void concord_explain_story(const concord_story_spec *sp, concord_store *st,
                                          concord_analyzer *az, concord_diag *diag,
                                          concord_story_result *out);
CONCORD_EXPORT void concord_story_result_free(concord_story_result *o);
CONCORD_EXPORT void concord_story_result_pack(concord_buf *b, const concord_story_result *o);
CONCORD_EXPORT size_t concord_story_result_unpack(const void *p, size_t n, concord_story_result *o);

/* ---- sink: the store and outputs (one process) ------------------------------ */

typedef struct concord_sink concord_sink;

/* Opens the store as concord_pipeline_run does for o (o->mode analyze:
 * a fresh store built beside the target and put in its place by finish;
 * update: the target itself, with the articles an earlier run stored but
 * never grouped handed to the grouper), holding the store's writer lock
 * until finish or abort.  NULL on failure (concord_pipeline_errmsg). */
CONCORD_EXPORT concord_sink *concord_sink_open(const concord_options *o);
/* Called with each article's features as they go to the grouper (not for an
 * article already stored with the same content), with the tag given to
 * concord_sink_add; f is borrowed for the call. */
typedef void (*concord_sink_grouped_fn)(void *ctx, const concord_features *f, uint64_t tag);
CONCORD_EXPORT void concord_sink_set_grouped(concord_sink *s, concord_sink_grouped_fn fn,
                                             void *ctx);
/* Takes one ingested article (ownership of all three) in input order; the
 * sink stores them a chunk at a time, as one process does.  0, or an error
 * code once the store has failed (the rest is then dropped). */
CONCORD_EXPORT int concord_sink_add(concord_sink *s, concord_article *a, concord_clean *c,
                                    concord_features *f, uint64_t tag);
/* After the last add: stores what is held back and checkpoints the store's
 * WAL into its file.  Returns 1 when the file then stays as it is until
 * finish (the later writes wait in the WAL: explainers may read it with
 * concord_store_open_snapshot, from any host), 0 when the store does not use
 * a WAL (explainers must use concord_store_open_readonly, on this host), or
 * an error code. */
CONCORD_EXPORT int concord_sink_snapshot(concord_sink *s);
/* Stores the articles still held back (all of them are then with the
 * grouper: call before concord_grouper_prepare); 0 or an error code. */
CONCORD_EXPORT int concord_sink_flush(concord_sink *s);
CONCORD_EXPORT int concord_sink_failed(const concord_sink *s);
/* Stores what is left, groups, and starts the stories' transaction; *n_todo
 * gets the number of stories to explain: concord_sink_story(s, 0 ..
 * n_todo-1) are their grouper indexes (concord_sink_grouper). */
CONCORD_EXPORT int concord_sink_group(concord_sink *s, size_t *n_todo);
CONCORD_EXPORT size_t concord_sink_story(const concord_sink *s, size_t k);
CONCORD_EXPORT concord_grouper *concord_sink_grouper(concord_sink *s);
/* The file being written (for read-only connections of explainers). */
CONCORD_EXPORT const char *concord_sink_db(const concord_sink *s);
/* Stores the k-th story to explain (any order; r stays the caller's). */
CONCORD_EXPORT int concord_sink_put_story(concord_sink *s, size_t k, const concord_story_result *r);
/* Links quotes across stories, saves the grouping, commits, writes
 * OUTDIR's outputs, puts the store in place; fills stats (the sink's counts;
 * the caller sets times, bytes and skipped inputs); frees s.  A
 * CONCORD_PIPELINE_ERR_* code on failure (the previous store is kept). */
CONCORD_EXPORT int concord_sink_finish(concord_sink *s, concord_run_stats *stats);
/* Drops everything (nothing written over the previous store) and frees s. */
CONCORD_EXPORT void concord_sink_abort(concord_sink *s);

#ifdef __cplusplus
}
#endif
#endif
