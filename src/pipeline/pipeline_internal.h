/* pipeline_internal.h: pieces of the pipeline shared between its files
 * (pipeline.c and quote_links_incr.c).  Not installed.  Every function runs
 * on the thread that owns the store's writing connection; the store must be
 * inside a batch (concord_store_begin) for the writing ones. */
#ifndef CONCORD_PIPELINE_INTERNAL_H
#define CONCORD_PIPELINE_INTERNAL_H

#include "concord/json.h"
#include "concord/quotes.h"
#include "concord/store.h"

#include <stddef.h>

/* The "quotes" member of a stored story document, parsed alone (pipeline.c;
 * caller frees with concord_json_free; NULL when the document does not
 * parse). */
concord_json *concord__story_quotes_json(const char *doc, size_t len);

/* The quote index: the store tables that let `concord add` link the quotes
 * of the stories it changed without reading every story of the store
 * (quote_links_incr.c; doc/scale.md, "Incremental add").
 *   quote_shingle(h, posts)   every 4-word shingle of the full quotes of the
 *                             store, with the story of each posting
 *   quote_story(story, hs)    each story's shingles as last indexed
 *   quote_partner(story, other) the stories whose quotes are linked
 *   quote_dirty(story)        stories written since the index was synced,
 *                             filled by triggers on the stories table
 * 1 when st holds an index in step with its stories (dirty ones aside),
 * 0 when not (a store of an older concord, or one never linked); -1 on a
 * store error. */
int concord__quote_index_ready(concord_store *st);
/* Replaces the index with the one of the given stories (all the stories of
 * the store, in the order and with the quotes S_link_quotes read them) and
 * their links (concord_quote_links).  Returns 0 or -1. */
int concord__quote_index_rebuild(concord_store *st, const char *const *ids,
                                 const concord_quotes *const *qs, size_t n,
                                 const concord_quote_link *links, size_t n_links);
/* After the stories' "elsewhere" are written: empties quote_dirty and marks
 * the index in step.  Returns 0 or -1. */
int concord__quote_index_synced(concord_store *st);
/* The cross-story quote links of the stories written since the index was
 * last synced (quote_dirty), and of the stories linked to them, each
 * "elsewhere" rewritten as the full pass over the store would write it; then
 * the index is synced.  Reads only those stories and the shingles of their
 * quotes.  *n_relinked (may be NULL) gets the count of stories whose links
 * were computed.  Returns 0, or -1 on a store error. */
int concord__quote_links_incr(concord_store *st, size_t *n_relinked);

#endif
