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

#ifdef __cplusplus
}
#endif
#endif
