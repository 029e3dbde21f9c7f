/* group_internal.h: what dedup.c (features, MinHash) and group.c (the
 * grouper) share.  Not installed; see concord/group.h for the contract. */
#ifndef CONCORD_GROUP_INTERNAL_H
#define CONCORD_GROUP_INTERNAL_H

#include "concord/group.h"

/* Keys with this bit set are entity-like spans; others are stems/words. */
#define S_ENTITY_BIT 0x80000000u

/* Bits of concord_features.lead: where the term is event evidence. */
#define S_LEAD_NAME 1u   /* a name (entity span) in the title or the first sentences */
#define S_LEAD_NUMBER 2u /* a number in the title or the first sentences */
/* On every term of an article not in English: its terms are only names and
 * numbers (dedup.c), the ones that carry across languages; group.c compares
 * it with a story on those alone. */
#define S_TERM_XLANG 4u
/* Across languages (group_xlang.c): the last word of a name ("Horvalin" of
 * "President Matej Horvalin"), in a key space of its own and added with no
 * occurrences (no vector and no other key's frequency sees it); and a
 * number that is a figure (two or more digits, no bare year). */
#define S_TERM_NAMEWORD 8u
#define S_TERM_FIGURE 16u
/* Most name-word keys added to an article's terms. */
#define S_NAME_WORDS 8
/* Sentences of the body that count as its lead (dateline included). */
#define S_LEAD_SENTENCES 2

/* One block: the struct, then sig, keys, body_tf, title_tf, lead and id. */
struct concord_features {
    size_t bytes; /* the whole block */
    char *id;
    int32_t day;
    int32_t event_day; /* the event's day from the lead (see dedup.c), else day */
    uint32_t n_words;  /* words in the cleaned body */
    uint64_t exact;    /* hash of the folded word sequence; 0 when too short */
    uint32_t *sig;     /* CONCORD_MINHASH values, or NULL (no shingles / too short) */
    uint32_t n_terms;
    uint32_t *keys;      /* ascending */
    uint16_t *body_tf;   /* occurrences in the body */
    uint8_t *title_tf;   /* occurrences in the title */
    uint8_t *lead;       /* S_LEAD_* bits per term */
    uint64_t text_bytes; /* cleaned body bytes (throughput figures) */
};

/* Estimated Jaccard of two signatures. */
double concord__sig_jaccard(const uint32_t *a, const uint32_t *b);
/* LSH band key of band b of a signature. */
uint64_t concord__band_key(const uint32_t *sig, int band);

#endif
