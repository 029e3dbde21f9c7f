/* store_internal.h: what the pipeline asks the store before analysing an
 * article (see concord/store.h for the contract).  Not installed. */
#ifndef CONCORD_STORE_INTERNAL_H
#define CONCORD_STORE_INTERNAL_H

#include "concord/store.h"

/* The content hash concord_store_put_article keeps for a (title and raw
 * text): equal hashes make a re-added article "same". */
uint64_t concord__store_content_hash(const concord_article *a);
/* 1 when the current version of article id in st has that content hash
 * (putting such an article again changes no content: no analysis needed);
 * 0 otherwise or on any error.  Same thread rules as the store. */
int concord__store_has_content(concord_store *st, const char *id, uint64_t content);

/* Replaces the document of story id, nothing else (its title, dates, counts
 * and membership stay): the quote links' rewrite of "elsewhere" without
 * concord_store_put_story's rewrite of the membership rows.  Returns 0 or a
 * negative CONCORD_STORE_ERR_*. */
int concord__store_set_story_doc(concord_store *st, const char *id, const char *json_doc);

#endif
