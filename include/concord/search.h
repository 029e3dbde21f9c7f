/* concord/search.h: full-text search and listing of the stories of a store
 * (stage "store / emit"), for `concord serve` and other tools.
 *
 * Index (built at store time by the pipeline, in the writer's transaction):
 * two SQLite FTS5 tables without content (the texts already live, compressed,
 * in the articles and stories tables; the index holds only the terms):
 *   article_search(title, text, outlet), rowid = articles.rowid, one row per
 *     stored article version (a retired version's row stays but never matches:
 *     queries join current articles);
 *   story_search(title, speakers, outlets), one row per explained version of a
 *     story, mapped by story_search_map(story, fts); a re-explained story gets a
 *     fresh row, so nothing has to be deleted from a contentless index;
 * plus one covering index stories_summary over the small columns of stories,
 * so listing, counting, sorting and filtering never read story documents.
 * The tokenizer is unicode61 with diacritics removed (case- and
 * accent-insensitive words).  A store written without the index (older
 * pipeline) is still searchable by title (slower, LIKE).
 *
 * Ownership: queries fill a caller-owned concord_search_result
 * (concord_search_result_free).  Inputs are borrowed.  Thread-safety: like
 * the store: one store object per thread.  Errors: 0, or a negative
 * concord_store_error with concord_store_errmsg(st) set. */
#ifndef CONCORD_SEARCH_H
#define CONCORD_SEARCH_H

#include "concord/article.h"
#include "concord/clean.h"
#include "concord/reuse.h"
#include "concord/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Indexing, on the writer connection (inside or outside a batch), through a
 * writer object that holds the prepared statements: new before the first
 * call, free before closing the store.  index_article indexes the current
 * version of a->id as stored; index_story replaces what a search finds for
 * story id: its title, the speakers of its quotes and the outlets of its
 * reports (any text, any may be NULL). */
typedef struct concord_search_writer concord_search_writer;
CONCORD_EXPORT concord_search_writer *concord_search_writer_new(concord_store *st);
CONCORD_EXPORT void concord_search_writer_free(concord_search_writer *w);
CONCORD_EXPORT int concord_search_index_article(concord_search_writer *w, const concord_article *a,
                                                const concord_clean *c);
CONCORD_EXPORT int concord_search_index_story(concord_search_writer *w, const char *id,
                                              const char *title, const char *speakers,
                                              const char *outlets);
/* 1 when the store has the full-text index, 0 when not. */
CONCORD_EXPORT int concord_search_available(concord_store *st);

typedef enum {
    CONCORD_SORT_FIRST = 0, /* first date */
    CONCORD_SORT_LAST,      /* last date */
    CONCORD_SORT_REPORTS,   /* number of reports */
    CONCORD_SORT_OUTLETS,   /* number of outlets */
    CONCORD_SORT_TITLE
} concord_search_sort;

typedef struct concord_search_query {
    const char *text;   /* words to find (all of them), NULL or "": every story */
    const char *from;   /* YYYY-MM-DD: stories whose last date is on or after; NULL: any */
    const char *to;     /* YYYY-MM-DD: stories whose first date is on or before */
    const char *outlet; /* exact outlet name of one of the reports; NULL: any */
    int conflict_only;  /* only stories with conflicting figures */
    concord_search_sort sort;
    int ascending;        /* 0: largest / newest first */
    size_t offset, limit; /* paging; limit 0 means 50; at most 500 */
} concord_search_query;

typedef struct concord_search_hit {
    char *story, *title, *first, *last;
    size_t n_articles, n_sources;
    int has_conflict;
} concord_search_hit;

typedef struct concord_search_result {
    concord_search_hit *hits;
    size_t n;
    size_t total; /* stories matching in all (bounded: see capped) */
    int capped;   /* the text matched more articles than one query
                             examines (CONCORD_SEARCH_MAX_ARTICLES): total is
                             a lower bound */
} concord_search_result;

/* The article index is detail=column (which column a term is in, not where):
 * half the size of a full index; a query is a set of words, not a phrase. */
/* Articles one text query examines at most (bounded work per request). */
#define CONCORD_SEARCH_MAX_ARTICLES 20000

CONCORD_EXPORT int concord_search_stories(concord_store *st, const concord_search_query *q,
                                          concord_search_result *out);
CONCORD_EXPORT void concord_search_result_free(concord_search_result *r);

/* The FTS5 query for free text: each word (a run of Unicode letters, digits
 * and marks, as FTS5's unicode61 tokenizer cuts them) quoted, at most 32,
 * so that no user input is FTS syntax and no term is a phrase (the article
 * index keeps no positions: detail=column); "" when there is no word.
 * Caller frees. */
CONCORD_EXPORT char *concord_search_fts_query(const char *text);

/* The outlet network table (`concord outlets`, the report's Outlets page,
 * `concord serve`'s /outlets): each story's contribution to the network
 * (what concord_outlets_add counts for it alone: its outlets' reports, its
 * copy and rewrite links between outlets with their lags and the story as
 * example) in rows keyed by the story, and the network's totals per outlet
 * pair and per outlet beside them, so that readers read the totals instead
 * of every story document.  Triggers on the stories table note every story
 * written or deleted, by any writer; concord_outlets_refresh (the pipeline
 * runs it in its batch, before the commit) replaces those stories' rows and
 * the totals they touch, and on a store written before the table creates
 * it and counts every story once.  err (may be NULL) receives a message on
 * failure.  Inside a batch it writes in the batch; outside it makes its own.
 * Returns 0 or a negative concord_store_error.
 *
 * concord_outlets_load fills a fresh x (concord_outlets_new) with the
 * network from the totals, so that concord_outlets_network and the views
 * give what feeding every story document to x would give (the same story
 * order, counts, medians and examples), and returns 1; it returns 0 and
 * leaves x untouched when the store has no table or stories were written
 * since the last refresh (then feed the documents), a negative
 * concord_store_error on failure (err as above).  concord_outlets_table_ready says which
 * (1 ready, 0 not).  Readers only: any connection, read-only ones too. */
CONCORD_EXPORT int concord_outlets_refresh(concord_store *st, char *err, size_t err_len);
/* The same in steps, for a writer that has the documents in memory: put
 * replaces story's rows with what doc (its document as stored, parsed; NULL
 * when it does not parse) counts, right after the story was stored (first:
 * its first date as stored); finish works off the stories written without
 * a put (read back from the store) and brings the totals up to date.  Both
 * inside the writer's batch.  Returns 0 or a negative concord_store_error
 * (concord_outlets_writer_errmsg says why; a failure is kept: later calls
 * fail too).  counts: stories put, and read back by finish. */
typedef struct concord_outlets_writer concord_outlets_writer;
CONCORD_EXPORT concord_outlets_writer *concord_outlets_writer_new(concord_store *st);
CONCORD_EXPORT int concord_outlets_writer_put(concord_outlets_writer *w, const char *story,
                                              const char *first, const concord_json *doc);
/* put_doc: the same from the document's text (only its "story" and
 * "articles" members are built). */
CONCORD_EXPORT int concord_outlets_writer_put_doc(concord_outlets_writer *w, const char *story,
                                                  const char *first, const char *doc);
CONCORD_EXPORT int concord_outlets_writer_finish(concord_outlets_writer *w);
CONCORD_EXPORT const char *concord_outlets_writer_errmsg(const concord_outlets_writer *w);
CONCORD_EXPORT void concord_outlets_writer_counts(const concord_outlets_writer *w, size_t *put,
                                                  size_t *reread);
CONCORD_EXPORT void concord_outlets_writer_free(concord_outlets_writer *w);
CONCORD_EXPORT int concord_outlets_table_ready(concord_store *st);
CONCORD_EXPORT int concord_outlets_load(concord_store *st, concord_outlets *x, char *err,
                                        size_t err_len);

#ifdef __cplusplus
}
#endif
#endif
