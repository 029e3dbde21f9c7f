/* quote_links.h: the pieces of concord_quote_links (concord/quotes.h) that
 * the incremental link pass of `concord add` (src/pipeline/quote_links_incr.c)
 * reuses, so that both find exactly the same links.  Not installed.
 * Pure functions: thread-safe.  Allocation: what a function returns is
 * malloc'd and the caller's to free. */
#ifndef CONCORD_QUOTE_LINKS_H
#define CONCORD_QUOTE_LINKS_H

#include "concord/quotes.h"

#include <stddef.h>
#include <stdint.h>

/* A 4-word shingle carried by more postings than this (across all the full
 * quotes of the store, each occurrence counted) proposes no pair. */
#define CONCORD__QUOTE_LINK_CAP 64

/* The 4-word shingle hashes of a quote text, in text order, repeats kept
 * (the postings concord_quote_links makes for one full quote).  *out is
 * malloc'd (caller frees); returns the count. */
size_t concord__quote_shingles(const char *text, uint64_t **out);
/* 1 when quotes a and b (of different stories) are linked, with *sim the
 * similarity written in "elsewhere"; the test concord_quote_links applies to
 * each candidate pair. */
int concord__quote_pair_links(const concord_quote *a, const concord_quote *b, double *sim);

/* concord_quote_links on `threads` threads (the calling one and threads - 1
 * it starts and joins; 1: none started): the same links in the same order
 * whatever the count.  Reentrant: no global state but the synonym table
 * set up once. */
concord_quote_link *concord__quote_links_mt(const concord_quotes *const *stories, size_t n_stories,
                                            int threads, size_t *n_out);

#endif
