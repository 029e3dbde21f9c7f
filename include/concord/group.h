/* concord/group.h: stage 5, group.  Near-duplicate sets and stories
 * (incremental, time-aware clustering) from compact per-article features.
 *
 * Flow: worker threads turn each analyzed article into a concord_features
 * (concord_features_new: thread-safe, keeps no pointer into its inputs); the
 * pipeline hands them to one concord_grouper (concord_grouper_add, which takes
 * ownership), optionally after concord_grouper_load of yesterday's state, and
 * calls concord_grouper_run.  Results are then read through the accessors
 * below, and concord_grouper_save returns the state for the next run.
 *
 * Features (about 1,000 bytes an article: 1,020 on gva-dev, measured by
 * `build/bench_group ../shared/data/gva-dev/articles.jsonl 3063`): the
 * article id and day, a hash of
 * the normalized text (the sequence of case-folded words: exact duplicates),
 * a MinHash signature of CONCORD_MINHASH 32-bit values over the word shingles
 * of doc->shingles, and up to CONCORD_FEATURE_TERMS counted terms: body stems
 * (stopwords left out, numbers kept), title words and entity-like spans
 * (doc->entities, a separate key space; a one-word name that ends a longer
 * name of the same article counts as that name: "Tokayev" as "Kassym-Jomart
 * Tokayev").  Event evidence: a byte per term marks the names and numbers of
 * the title and the first sentences (the lead), and the event's day is the
 * earliest date the first sentences name ("Jan. 10", "10 January 2015") within
 * a year before publication, else the publication day.  Across languages:
 * the last words of the first 8 names ("Horvalin" of "President Matej
 * Horvalin"), as terms of no weight in a key space of their own, and a mark
 * on numbers that are figures (see doc/stories.md, "Across languages").
 * IDF is applied by the grouper, because document frequencies are global.
 *
 * Near-duplicates: exact hash first; then MinHash LSH with
 * CONCORD_LSH_BANDS bands of CONCORD_LSH_ROWS rows (a pair at Jaccard 0.7 is a
 * candidate with probability 0.988, at 0.5 with 0.644, at 0.3 with 0.122:
 * 1 - (1 - J^4)^16), every
 * candidate verified by its estimated Jaccard >= CONCORD_NEAR_DUP_JACCARD
 * (64 values: standard error <= 0.06).  Bodies of fewer than
 * CONCORD_DUP_MIN_WORDS words are never duplicates.  A set's reported
 * original (duplicate_of) is its earliest member by (date, id), dates unknown
 * last.  A body shared by articles whose titles share almost no word is page
 * boilerplate, not a copy: such articles are never grouped by that body.
 *
 * Stories: new articles are processed in (date, id) order, unknown dates
 * last.  A duplicate within dup_follow_days of its original joins the
 * original's story; every other article becomes a TF-IDF vector (sublinear
 * tf, idf squared so that rare names and places dominate) and
 * is compared by cosine with the centroids of candidate stories, found
 * through an inverted index over each story's strongest keys (newest
 * postings first, within window_days); the cosine is discounted by the gap in
 * days between the article (its publication or event day, whichever is
 * closer) and the story's date span (and by `undated` when either has no
 * date).  The learned pair model (data/group_model.txt, a logistic
 * regression over CONCORD_PAIR_FEATURES evidence features, trained by
 * tools/train_group.py) scores each candidate; the article joins the best
 * story at log-odds >= 0 (with `model` 0: discounted cosine >= `join`),
 * else starts a new one.  After the pass, stories changed in this run whose
 * centroids converged (>= `merge`) are merged, the older id surviving; an
 * article of the run still alone then gets a second look against the final
 * stories (the same test).
 * "Thin" articles (fewer than min_informative body terms that are in at most
 * half the corpus: empty, three-word or boilerplate-only bodies) never seed
 * a story others join and add nothing to a story's summary, so junk cannot
 * glue stories together: a thin article stays a story of its own unless it
 * is a duplicate following its original (thin or not: in a corpus mostly
 * about one event every word is common, yet its copies are one story;
 * boilerplate sets excepted), or, after the merge pass, its headline (five
 * keys or more, title-only vector) matches a story at or above thin_join.  Defaults (concord_grouper_get_params) were
 * chosen by measurement with bench/eval_stories on gva-dev and ecbplus-dev,
 * one set for both; see group.c.
 *
 * Story ids: "s" + 12 hex digits of a hash of the id of the story's earliest
 * member when it was created; stable across runs; when two stories merge,
 * the older one's id (earliest first date) is kept.
 *
 * Ownership: features belong to their creator until concord_grouper_add,
 * then to the grouper.  Strings returned by accessors are borrowed from the
 * grouper and valid until the next add/run/load/free.  A grouper is used by
 * one thread at a time; run computes article vectors on `threads` worker
 * threads (default 2), clustering itself is sequential; results are the same
 * whatever the thread count. */
#ifndef CONCORD_GROUP_H
#define CONCORD_GROUP_H

#include "concord/analyze.h"
#include "concord/article.h"
#include "concord/clean.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CONCORD_MINHASH 64
#define CONCORD_LSH_BANDS 16
#define CONCORD_LSH_ROWS 4
#define CONCORD_NEAR_DUP_JACCARD 0.7
#define CONCORD_DUP_MIN_WORDS 8
#define CONCORD_FEATURE_TERMS 96

/* "no date" day number */
#define CONCORD_DAY_UNKNOWN INT32_MIN

typedef struct concord_features concord_features;

/* Features of one article: a->id, the date a->date (else c->date; c may be
 * NULL), a->title, and the analysis d of the cleaned text c->text (of a->text
 * when c is NULL: d's offsets must refer to that text). Thread-safe. */
CONCORD_EXPORT concord_features *concord_features_new(const concord_article *a,
                                                      const concord_clean *c, const concord_doc *d);
CONCORD_EXPORT void concord_features_free(concord_features *f);
/* A deep copy (owned by the caller). */
CONCORD_EXPORT concord_features *concord_features_copy(const concord_features *f);
CONCORD_EXPORT const char *concord_features_id(const concord_features *f);
/* Features as bytes, for processes that hand them to one another
 * (concord-mpi): pack appends f to b; unpack reads one packed record from
 * p[0..n), returns a new features object (caller frees) and the bytes it
 * took in *used, or NULL when the bytes are not a whole valid record.  Host
 * byte order: the processes run on one architecture. */
CONCORD_EXPORT void concord_features_pack(concord_buf *b, const concord_features *f);
CONCORD_EXPORT concord_features *concord_features_unpack(const void *p, size_t n, size_t *used);
/* Days since 1970-01-01 of "YYYY-MM-DD", or CONCORD_DAY_UNKNOWN. */
CONCORD_EXPORT int32_t concord_day_number(const char *date);
/* Heap bytes held by f (for memory figures). */
CONCORD_EXPORT size_t concord_features_bytes(const concord_features *f);

/* Estimated Jaccard similarity of two articles' shingle sets (0 when either
 * has no signature). */
CONCORD_EXPORT double concord_features_jaccard(const concord_features *a,
                                               const concord_features *b);

typedef struct concord_grouper concord_grouper;

CONCORD_EXPORT concord_grouper *concord_grouper_new(void);
CONCORD_EXPORT void concord_grouper_free(concord_grouper *g);
/* Worker threads for the vector step of run (default 2; 1: none). */
CONCORD_EXPORT void concord_grouper_set_threads(concord_grouper *g, int threads);

/* With on = 1, run only finds duplicates (for `concord dedup`): no story is
 * formed, story_of returns (size_t)-1.  Do not save such a grouper. */
CONCORD_EXPORT void concord_grouper_dedup_only(concord_grouper *g, int on);

/* Takes ownership of f. An id already known (from the loaded state or an
 * earlier add) is the same article: it keeps its story and is not added twice. */
CONCORD_EXPORT void concord_grouper_add(concord_grouper *g, concord_features *f);

/* The content of article id changed: its old version leaves its story (the
 * story counts as changed in the next run; it may be left with no member,
 * story_size 0, which the caller deletes) and the id is unknown again, so the
 * new version can be added and is grouped as any new article.  No-op for an
 * unknown id.  O(story size). */
CONCORD_EXPORT void concord_grouper_forget(concord_grouper *g, const char *id);
/* Drops features of id added since the last run (an id read twice in one
 * batch: the later version replaces the earlier).  O(articles added). */
CONCORD_EXPORT void concord_grouper_drop_pending(concord_grouper *g, const char *id);

/* Restores a state saved by concord_grouper_save into a fresh grouper.
 * Returns 0, or -1 when the blob is not a valid state (the grouper is then
 * left empty). */
CONCORD_EXPORT int concord_grouper_load(concord_grouper *g, const void *blob, size_t len);
/* The whole state (stories, their summaries and members, document
 * frequencies, dedup signatures); owned by the caller (free()). Call after run. */
CONCORD_EXPORT void *concord_grouper_save(const concord_grouper *g, size_t *len);

/* Deduplicates and clusters everything added since the last run. */
CONCORD_EXPORT void concord_grouper_run(concord_grouper *g);

/* ---- the near-duplicate search done elsewhere (concord-mpi) -------------
 * prepare does run's first steps: the articles added since the last run in
 * processing order ((date, id); known ids dropped), document frequencies and
 * exact copies; it returns how many articles are new.  prepared(g, i) is the
 * i-th of them (borrowed until run) and sets *in_lsh when the article enters
 * the LSH index (it has a signature and is not an exact copy of an earlier
 * article).  For article i, run's own search walks, band by band (0 first),
 * the bucket of i's band key newest first among the indexed articles before
 * i, checking at most concord_grouper_lsh_per_band() of them, and takes the
 * first whose estimated Jaccard is >= the near_dup parameter.  Whoever does
 * that same walk (the owners of the buckets, in concord-mpi) hands the
 * answer to set_candidates: cand[i] = index j < i so found, or UINT32_MAX;
 * n must be prepare's count.  run then takes cand instead of searching (the
 * index is still built, for the saved state), with the same result.  Do not
 * add between prepare and run. */
CONCORD_EXPORT size_t concord_grouper_prepare(concord_grouper *g);
CONCORD_EXPORT const concord_features *concord_grouper_prepared(const concord_grouper *g, size_t i,
                                                                int *in_lsh);
CONCORD_EXPORT int concord_grouper_lsh_per_band(void);
CONCORD_EXPORT void concord_grouper_set_candidates(concord_grouper *g, const uint32_t *cand,
                                                   size_t n);
/* The MinHash signature of f (CONCORD_MINHASH values; NULL when the body is
 * too short), the estimated Jaccard of two signatures, and the LSH key of
 * band `band` (0 .. CONCORD_LSH_BANDS - 1) of a signature. */
CONCORD_EXPORT const uint32_t *concord_features_signature(const concord_features *f);
CONCORD_EXPORT double concord_minhash_jaccard(const uint32_t *a, const uint32_t *b);
CONCORD_EXPORT uint64_t concord_minhash_band_key(const uint32_t *sig, int band);

/* ---- results (after run) ------------------------------------------------ */

/* Stories, old and new, ordered by (first date, story id), dates unknown last. */
CONCORD_EXPORT size_t concord_grouper_n_stories(const concord_grouper *g);
CONCORD_EXPORT const char *concord_grouper_story_id(const concord_grouper *g, size_t s);
/* 1 when the story was created, grew or was merged in the last run. */
CONCORD_EXPORT int concord_grouper_story_changed(const concord_grouper *g, size_t s);
/* Members (old and new), ordered by (date, id), dates unknown last. */
CONCORD_EXPORT size_t concord_grouper_story_size(const concord_grouper *g, size_t s);
CONCORD_EXPORT const char *concord_grouper_story_member(const concord_grouper *g, size_t s,
                                                        size_t i);
/* The member closest to the story's centroid (its most representative report:
 * the pipeline takes the story title from it). */
CONCORD_EXPORT const char *concord_grouper_story_representative(const concord_grouper *g, size_t s);
/* Story ids that disappeared in the last run because they merged into another. */
CONCORD_EXPORT size_t concord_grouper_n_merged_away(const concord_grouper *g);
CONCORD_EXPORT const char *concord_grouper_merged_away(const concord_grouper *g, size_t i);

/* Story index of an article id, or (size_t)-1 if unknown. */
CONCORD_EXPORT size_t concord_grouper_story_of(const concord_grouper *g, const char *id);
/* Earliest member of the article's exact/near-duplicate set, or NULL when the
 * article is not a duplicate (or is the earliest itself, or is unknown). */
CONCORD_EXPORT const char *concord_grouper_duplicate_of(const concord_grouper *g, const char *id);

/* Duplicate sets of two or more articles, ordered by their earliest member;
 * members earliest first. */
CONCORD_EXPORT size_t concord_grouper_n_dupsets(const concord_grouper *g);
CONCORD_EXPORT size_t concord_grouper_dupset_size(const concord_grouper *g, size_t k);
CONCORD_EXPORT const char *concord_grouper_dupset_member(const concord_grouper *g, size_t k,
                                                         size_t i);

/* What the last run did and how long each step took (process CPU seconds). */
typedef struct concord_group_stats {
    size_t new_articles, duplicates, thin, joined, new_stories, merges;
    size_t thin_joined; /* thin articles attached to a story by their headline */
    size_t rejoined;    /* articles left alone that joined a story on a second look */
    double seconds_dedup, seconds_cluster, seconds_merge;
} concord_group_stats;
CONCORD_EXPORT void concord_grouper_stats(const concord_grouper *g, concord_group_stats *out);

/* Pair features scored by the learned join model (an article against a
 * candidate story), in this order: cosine, entity part of the cosine, the
 * article's entity mass, its entity mass absent from the story, the story's
 * entity mass absent from the article, the article's lead evidence (names
 * and numbers of its first sentences) found in the story, the same absent,
 * ln(1 + gap days) when both are dated, undated (0/1), ln(1 + story size),
 * the discounted cosine, the article's main name (heaviest entity) in the
 * story relative to the story's main name, and the story's main name in the
 * article relative to the article's, the share of the article's headline
 * (idf-weighted words) found in the story, the article's lead names
 * (idf-weighted) found in the story, the story's five main names
 * (weighted) found in the article, ln(1 + gap days) by publication day
 * only, ln(1 + days from the story's first day), the cosine within the
 * names only and within the other words only, the article's five main
 * names (weighted) found in the story.  See group.c and
 * tools/train_group.py. */
#define CONCORD_PAIR_FEATURES 21
/* Called for every candidate scored while clustering (training and
 * debugging only): the article id, the ids of the story's members so far
 * (borrowed for the call), the features and the model's log-odds (the join
 * test is log-odds >= 0).  NULL turns it off. */
typedef void (*concord_group_trace_fn)(void *user, const char *article_id,
                                       const char *const *members, size_t n_members,
                                       const double *x, int n_x, double logit);
CONCORD_EXPORT void concord_grouper_set_trace(concord_grouper *g, concord_group_trace_fn fn,
                                              void *user);

/* Replaces the grouper's pair model (default: data/group_model.txt, built
 * in) by one in the same text format: lines "bias<TAB>V", "NAME<TAB>W" (a
 * linear weight of feature NAME) and "stump<TAB>NAME<TAB>T<TAB>L<TAB>R" (adds
 * L when feature NAME <= T, else R); '#' lines are comments.  The log-odds
 * are the sum.  Returns 0, or -1 (model unchanged) on an unknown name or a
 * malformed line.  For experiments (cross-corpus checks). */
CONCORD_EXPORT int concord_grouper_set_model(concord_grouper *g, const char *text);

/* Articles known (old + new). */
CONCORD_EXPORT size_t concord_grouper_n_articles(const concord_grouper *g);

#ifdef __cplusplus
}
#endif
#endif
