/* concord/experimental.h: test hooks and tuning knobs, outside the stable API.
 *
 * concord.h does not include this header; a program that includes it opts in
 * to entry points that may change or go away in any release (zstd keeps such
 * functions behind ZSTD_STATIC_LINKING_ONLY, SQLite behind
 * sqlite3_test_control).  They are exported from libconcord.so, and listed in
 * abi/libconcord.symbols like the rest, but the semantic version does not
 * cover them.
 *
 * Ownership and threading follow the header each function belongs to
 * (base.h, group.h, read.h, store.h): nothing here allocates for the caller
 * unless its comment says so. */
#ifndef CONCORD_EXPERIMENTAL_H
#define CONCORD_EXPERIMENTAL_H

#include "concord/base.h"
#include "concord/group.h"
#include "concord/quotes.h"
#include "concord/read.h"
#include "concord/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- diagnostics (base.h) */

/* Silences printing (counting goes on); for tests, benchmarks and the CLI's
 * --quiet. */
CONCORD_EXPORT void concord_diag_quiet(concord_diag *d, int quiet);

/* ---- grouping (group.h) */

/* Tunables (defaults in group.c); for benchmarks and experiments only. */
typedef struct concord_group_params {
    double join;            /* min discounted cosine to join a story */
    double merge;           /* min discounted centroid cosine to merge two stories */
    double entity_boost;    /* weight factor of entity keys */
    double title_boost;     /* extra tf of a title word */
    double gap_free_days;   /* gap (days) without discount */
    double gap_half_days;   /* extra gap that halves the similarity */
    int window_days;        /* candidates farther than this are not considered */
    int article_terms;      /* terms kept in an article vector */
    int story_terms;        /* terms kept in a story centroid */
    int min_informative;    /* informative terms below which an article is thin */
    double near_dup;        /* estimated Jaccard to accept a near-duplicate */
    double idf_power;       /* term weight = (1 + ln tf) * idf^idf_power */
    double undated;         /* discount when either side has no date (no time evidence) */
    double background_docs; /* IDF as if this many documents without the word were added */
    int query_keys;         /* an article's strongest keys looked up in the story index */
    int scan;               /* newest postings scanned per key */
    int candidates;         /* stories scored exactly per article (max 64) */
    int dup_follow_days; /* a duplicate joins its original's story unseen within this many days (-1: never) */
    double thin_join; /* min discounted cosine of a thin article's title vector to join a story */
    int model; /* 1: the learned pair model decides joins (default); 0: discounted cosine >= join */
    double model_shift; /* added to the model's log-odds before the join test (> 0 joins more) */
    /* against chaining: an article at least chain_days from a story's first
     * day joins it only when it names the story (the story's main names
     * found in it >= chain_story_names, or its lead names found in the story
     * >= chain_lead_names); 0 turns it off */
    int chain_days;
    double chain_story_names;
    double chain_lead_names;
    int chain_size; /* ... and has at least this many members */
    int chain_mode; /* 1: main names absent both ways; 2: the two shares above; 4: gap from the first day; 8: the five main names absent both ways; 16: gap to the nearest member inside the span; 32: the story's main names absent and the article's found under chain_lead_names; 128: the merge pass too: two stories chain_days+ apart whose five main names are under chain_story_names found both ways do not merge; 256: names that conflict (conflict_size) */
    /* main names (the five of each side in the chain test): 0 the heaviest
     * in the vector; N > 0 the rarest (highest idf) among those found in at
     * least N articles */
    int name_rank;
    double chain_sim;   /* chain_mode 32: only under this discounted cosine (0: any) */
    int chain_far_days; /* ... or at any cosine this many days away or more (0: never) */
    /* chain_mode 256 (names that conflict): under chain_days, a dated story
     * of at least this many members whose five heaviest names are under
     * chain_story_names found in the article, and whose article's five main
     * names are under chain_story_names found in it, takes no join */
    int conflict_size;
} concord_group_params;
CONCORD_EXPORT void concord_grouper_get_params(const concord_grouper *g, concord_group_params *p);
CONCORD_EXPORT void concord_grouper_set_params(concord_grouper *g, const concord_group_params *p);
/* Clustering scorings made ahead on other threads in the last run (threads
 * >= 2): *used the ones still valid when their article was placed, *redone
 * the ones outdated by a join before it and scored again.  For tests and
 * benchmarks. */
CONCORD_EXPORT void concord_grouper_spec_counts(const concord_grouper *g, size_t *used,
                                                size_t *redone);

/* ---- reading (read.h) */

/* Reads one in-memory input as if it were a file called name (used by the
 * fuzzers and by tests).  kind: one of CONCORD_READ_AUTO, CONCORD_READ_TEXT,
 * CONCORD_READ_JSONL, CONCORD_READ_HTML, CONCORD_READ_WARC (read.h).  data is NOT copied: it must stay alive and
 * unchanged until concord_reader_close. */
CONCORD_EXPORT concord_reader *concord_reader_open_memory(const char *name, const void *data,
                                                          size_t len, int kind, concord_diag *diag);

/* ---- quotes (quotes.h) */

/* concord_quote_links with its work on `threads` threads (the caller's and
 * threads - 1 it starts and joins before returning; < 1 counts as 1): the
 * same links in the same order whatever the count (the pipeline passes its
 * --threads).  Returns a malloc'd array (caller frees) of *n links.
 * Thread-safe: reads the stories only. */
CONCORD_EXPORT concord_quote_link *concord_quote_links_threads(const concord_quotes *const *stories,
                                                               size_t n_stories, int threads,
                                                               size_t *n);

/* ---- store (store.h) */

/* The underlying connection, for SQL the store's API does not cover (the
 * search index, the served web application, the report's listing, the
 * pipeline's final checkpoint, tests).  Owned by the store: do not close it. */
CONCORD_EXPORT struct sqlite3 *concord_store_sqlite(concord_store *st);

#ifdef __cplusplus
}
#endif
#endif
