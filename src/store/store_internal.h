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

/* ---- preparing an article's cells off the store's thread ----------------
 * concord_store_put_article spends most of its CPU on work that needs no
 * database: zstd packing of the raw and cleaned text, the removed ranges'
 * JSON and the hashes.  A packer does that work on any thread, and
 * concord__store_put_prepared then only binds the ready cells and steps
 * SQLite.  The store's cells come out byte-identical: a packer packs with
 * the dictionary the store packs with at the time (taken under a lock the
 * store holds only while it changes the dictionary), and put_prepared packs
 * a cell again on the store's thread when the store's dictionary has
 * changed since (the first articles of a store that trains one).
 *
 * Ownership and threads: concord__store_packer_new runs on the store's
 * thread (it may read the store's dictionary); the packer is then used by
 * ONE other thread at a time and must be freed (any thread) before the
 * store is closed.  A prepared record is caller-owned
 * (concord__store_prepared_free); put_prepared runs on the store's thread
 * and may repack cells of the record (it is not const). */
typedef struct concord__store_packer concord__store_packer;

typedef struct concord__store_prepared {
    const concord_article *article; /* what it was prepared for */
    const concord_clean *clean;
    uint64_t content, clean_hash;
    concord_buf removed;     /* removed ranges as JSON (empty when no clean) */
    int text_is_raw;         /* clean text is raw minus removed: an empty cell */
    int have_raw, have_text; /* cells packed */
    unsigned dict;           /* dictionary id of the packed cells, 0: none */
    concord_buf raw, text;   /* packed cells */
} concord__store_prepared;

concord__store_packer *concord__store_packer_new(concord_store *st);
void concord__store_packer_free(concord__store_packer *pk);
/* A new record for a (and its cleaned form c, may be NULL); with pack 0 the
 * cells are left for put_prepared to pack when it needs them (articles
 * likely already stored). */
concord__store_prepared *concord__store_prepare(concord__store_packer *pk, const concord_article *a,
                                                const concord_clean *c, int pack);
void concord__store_prepared_free(concord__store_prepared *p);
/* concord_store_put_article with the cells of p (NULL, or a record
 * prepared for other pointers: computed here as put_article does). */
int concord__store_put_prepared(concord_store *st, const concord_article *a, const concord_clean *c,
                                concord__store_prepared *p, int *status);

#endif
