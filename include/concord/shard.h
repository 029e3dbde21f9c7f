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
 *            grouping features (thread-safe; one analyzer per thread).
 *   pack     concord_item_pack / unpack: (article, cleaning, features) as
 *            bytes; concord_features_pack (group.h) for features alone.
 *   sink     concord_sink: the store and the outputs, in one process (rank 0):
 *            takes the items in input order (the order one process reads
 *            them), groups, takes explained stories, writes the outputs.
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
    size_t *first;       /* part p reads units [first[p], first[p + 1]); parts + 1 entries */
    size_t skipped;      /* inputs skipped while walking (reported through diag) */
    uint64_t bytes;      /* total */
} concord_plan;

/* Walks the inputs exactly like the reader (folders in sorted order, the
 * same skips and messages through diag) and splits them into `parts` runs of
 * about total/parts bytes each.  A plain (not gzip) ".jsonl" / ".ndjson"
 * file whose first line is a whole object is cut at the line start at or
 * after each split point; other files go whole to the run where they start.
 * Runs may be empty (more parts than input).  "-" (standard input) cannot be
 * split: it is reported and skipped.  Never NULL. */
concord_plan *concord_plan_inputs(const char *const *inputs, size_t n_inputs, size_t parts,
                                  concord_diag *diag);
void concord_plan_free(concord_plan *p);
/* The plan as bytes (to send it to other processes) and back; unpack returns
 * NULL on malformed bytes. */
void concord_plan_pack(concord_buf *b, const concord_plan *p);
concord_plan *concord_plan_unpack(const void *data, size_t n);

/* A reader over one unit.  A range is mapped into memory and read as JSON
 * Lines with the file's own line numbers and offsets (the lines before the
 * range are counted once, here).  Close with concord_unit_close. */
typedef struct concord_unit_input concord_unit_input;
concord_unit_input *concord_unit_open(const concord_unit *u, concord_diag *diag);
concord_reader *concord_unit_reader(concord_unit_input *in);
void concord_unit_close(concord_unit_input *in);

/* ---- ingest ---------------------------------------------------------------- */

/* Cleans a (fills in its source from a self-mention in the text when it is
 * "unknown"), analyzes the cleaned text with az and returns the cleaning in
 * *clean and the grouping features in *features (both owned by the caller). */
void concord_ingest_article(concord_article *a, concord_analyzer *az, concord_clean **clean,
                            concord_features **features);

/* Reads the next chunk of articles from r exactly as the pipeline does and
 * ingests them on `threads` threads with analyzers az[0..threads) (from
 * concord_analyzers_new); fills the three arrays, each of
 * concord_ingest_chunk_size() entries (entries owned by the caller), and
 * returns how many (0 at the end). */
size_t concord_ingest_chunk(concord_reader *r, concord_analyzer **az, int threads,
                            concord_article **a, concord_clean **c, concord_features **f);
size_t concord_ingest_chunk_size(void);
/* One English analyzer per thread, as the pipeline makes them. */
concord_analyzer **concord_analyzers_new(int threads);
void concord_analyzers_free(concord_analyzer **az, int threads);

/* The duplicate sets of a dedup-only grouper after run, as `concord dedup`
 * prints them (one JSON line per set); 0, or -1 when out fails. */
int concord_dedup_write(const concord_grouper *g, FILE *out);

/* ---- near-duplicate candidates by LSH bucket ------------------------------
 * Each indexed article (concord_grouper_prepared) sends one entry per band
 * to the process that owns the bucket (concord_lsh_owner); the owner sorts
 * its entries and walks each bucket as the grouper would
 * (concord_lsh_walk); the matches, gathered, become the grouper's
 * candidates (concord_lsh_resolve, then concord_grouper_set_candidates). */
typedef struct concord_lsh_entry {
    uint64_t key;   /* concord_minhash_band_key */
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
int concord_lsh_owner(uint64_t key, uint32_t band, int parts);
/* Sorts e and returns, for every entry that finds a verified candidate among
 * the at most per_band newest earlier entries of its bucket, the match
 * (caller frees; *n_out of them). */
concord_lsh_match *concord_lsh_walk(concord_lsh_entry *e, size_t n, double near_dup,
                                    int per_band, size_t *n_out);
/* cand[i] for i < n_articles: the match of the lowest band, else UINT32_MAX
 * (caller frees). */
uint32_t *concord_lsh_resolve(const concord_lsh_match *m, size_t n, size_t n_articles);

/* ---- pack ---------------------------------------------------------------- */

/* Appends the article (all fields but origin and line are exact; origin and
 * line are kept too), its cleaning and its features (f may be NULL). */
void concord_item_pack(concord_buf *b, const concord_article *a, const concord_clean *c,
                       const concord_features *f);
/* Reads one packed item; returns the bytes used, 0 on malformed bytes. */
size_t concord_item_unpack(const void *p, size_t n, concord_article **a, concord_clean **c,
                           concord_features **f);

/* ---- explain -------------------------------------------------------------- */

/* What explaining one story needs from the grouper.  Strings are borrowed
 * (from the grouper, or from the bytes a spec was unpacked from). */
typedef struct concord_story_spec {
    const char *id;
    const char *rep;      /* representative member id, or NULL */
    size_t n;
    const char **members; /* ids */
    const char **dup_of;  /* per member: earliest member of its duplicate set, or NULL */
} concord_story_spec;

/* Story s of a grouper after run (arrays allocated; free with _spec_free). */
void concord_story_spec_from_grouper(concord_story_spec *sp, const concord_grouper *g, size_t s);
void concord_story_spec_free(concord_story_spec *sp);
/* Arrays only for unpack: members and dup_of point into p. Returns bytes used, 0 if malformed. */
void concord_story_spec_pack(concord_buf *b, const concord_story_spec *sp);
size_t concord_story_spec_unpack(const void *p, size_t n, concord_story_spec *sp);

/* The explained story: its JSON document and the store's columns. */
typedef struct concord_story_result {
    char *doc; /* story JSON document */
    char *title, *first, *last;
    size_t n_sources;
    int has_conflict;
    char **ids;
    size_t n_ids;
} concord_story_result;

/* Reads the members from st (a connection of this thread), analyzes them
 * with az and explains the story (figures, quotes, reuse, digest) into *out.
 * A member that cannot be read back is reported through diag and left out. */
void concord_explain_story(const concord_story_spec *sp, concord_store *st, concord_analyzer *az,
                           concord_diag *diag, concord_story_result *out);
void concord_story_result_free(concord_story_result *o);
void concord_story_result_pack(concord_buf *b, const concord_story_result *o);
size_t concord_story_result_unpack(const void *p, size_t n, concord_story_result *o);

/* ---- sink: the store and outputs (one process) ------------------------------ */

typedef struct concord_sink concord_sink;

/* A fresh store and OUTDIR as `concord analyze` makes them (o->mode must be
 * CONCORD_MODE_ANALYZE).  NULL on failure (concord_pipeline_errmsg). */
concord_sink *concord_sink_open(const concord_options *o);
/* Stores one item, writes its articles.jsonl line, hands its features to the
 * grouper (as one process does); takes ownership of all three. */
int concord_sink_add(concord_sink *s, concord_article *a, concord_clean *c, concord_features *f);
/* Ends ingest (commits), groups; the stories to explain are then
 * concord_sink_story(s, 0 .. n-1) (grouper story indexes). */
int concord_sink_group(concord_sink *s, size_t *n_stories);
concord_grouper *concord_sink_grouper(concord_sink *s);
/* 1 when the last concord_sink_add handed its features to the grouper (not
 * an article already stored with the same content). */
int concord_sink_last_grouped(const concord_sink *s);
/* The store path (for read-only connections of explaining processes). */
const char *concord_sink_db(const concord_sink *s);
/* Stores story s's explanation (any order). */
int concord_sink_put_story(concord_sink *s, size_t story, const concord_story_result *r);
/* Saves the grouper state, commits, writes stories.jsonl and report.html;
 * fills stats (counts; the caller sets the times) and frees s. */
int concord_sink_finish(concord_sink *s, concord_run_stats *stats);
/* Drops everything (outputs not written) and frees s. */
void concord_sink_abort(concord_sink *s);

#ifdef __cplusplus
}
#endif
#endif
