/* reuse_internal.h: what src/explain/reuse/reuse_align.c shares with src/explain/reuse/reuse_lineage.c. */
#ifndef CONCORD_REUSE_INTERNAL_H
#define CONCORD_REUSE_INTERNAL_H

#include "concord/reuse.h"

/* One bigram of stemmed content words: hash and position (content index). */
typedef struct S_gram {
    uint64_t hash;
    uint32_t pos;
    uint32_t freq; /* occurrences of hash in this text */
} reuse_gram;

/* Per-text material for alignment, built once per member. */
typedef struct reuse_profile {
    const char *text;
    const concord_doc *doc;
    uint32_t *content; /* word indices of content (non-stop) words */
    size_t n_content;
    reuse_gram *grams; /* sorted by (hash, pos) */
    size_t n_grams;
    uint32_t *sent_first; /* per sentence: first word index (or n_words) */
    uint32_t *sent_last;  /* per sentence: last word index */
    uint64_t *runs;       /* per word k: hash of the folded words k..k+3 (the
                             exact runs of the verbatim share), for k + 3 <
                             n_words */
} reuse_profile;

void concord__reuse_profile_init(reuse_profile *p, const char *text, const concord_doc *doc);
void concord__reuse_profile_free(reuse_profile *p);

/* Aligns two profiles (from = a, to = b); appends passages to *out. */
size_t concord__reuse_align_profiles(const reuse_profile *a, const reuse_profile *b,
                                     const concord_align_opts *o, concord_passage **out, size_t *n,
                                     size_t *cap);

/* Words of d fully inside [start, end). */
size_t concord__reuse_words_in(const concord_doc *d, uint32_t start, uint32_t end);

#endif
