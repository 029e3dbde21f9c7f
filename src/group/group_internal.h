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
/* No longer set (every article keeps the words of its language, and
 * group.c joins an article only to stories with a member in its language;
 * group_xlang.c decides across languages): group.c's v->xlang is always 0. */
#define S_TERM_XLANG 4u
/* Across languages (group_xlang.c): a number that is a figure (two or more
 * digits, neither a bare year nor a day of a month). */
#define S_TERM_FIGURE 8u
/* On every term: the article's language (concord__lang_number: 0 English,
 * 1 .. 8 another) in the top four bits. */
#define S_TERM_LANG_SHIFT 4
/* Across languages too, terms with no occurrence in body or title, so that
 * no vector and no other key's frequency sees them: an entity key is the
 * last word of a name ("Horvalin" of "President Matej Horvalin", in a key
 * space of its own: concord__term_is_name_word), a word key with
 * S_TERM_FIGURE the value of a number with scale words ("1.2 billion" as
 * 1200000000). */
/* Most name-word keys, and most scaled figures ("1.2 billion"), added to an
 * article's terms. */
#define S_NAME_WORDS 8
#define S_SCALED 4
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

/* The language of an article's features: 0 English, 1 .. 8 another. */
static inline uint32_t concord__features_lang(const concord_features *f)
{
    return f->n_terms ? (uint32_t)f->lead[0] >> S_TERM_LANG_SHIFT : 0;
}

/* Whether term k of f is the last word of a name (see S_TERM_LANG_SHIFT). */
static inline int concord__term_is_name_word(const concord_features *f, uint32_t k)
{
    return !f->body_tf[k] && !f->title_tf[k] && (f->keys[k] & S_ENTITY_BIT);
}

/* Stories whose compact mirror (parent, first and last day, read by the
 * candidate scan) differs from the story itself: 0 unless a change of them
 * missed the mirror (tests).  Reads g only. */
size_t concord__group_hot_mismatches(const concord_grouper *g);
/* Estimated Jaccard of two signatures. */
double concord__sig_jaccard(const uint32_t *a, const uint32_t *b);
/* LSH band key of band b of a signature. */
uint64_t concord__band_key(const uint32_t *sig, int band);

#endif
