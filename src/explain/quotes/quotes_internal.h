/* quotes_internal.h: pieces shared by quotes_extract.c and quotes_group.c
 * (not part of the public API). */
#ifndef CONCORD_QUOTES_INTERNAL_H
#define CONCORD_QUOTES_INTERNAL_H

#include "concord/quotes.h"

/* Lexicon word classes (bits). */
enum {
    QW_VERB = 1u << 0, /* finite speech verb */
    QW_ING = 1u << 1,  /* participle speech verb */
    QW_PREP = 1u << 2, /* "according to": speaker follows */
    QW_NOUN = 1u << 3, /* "statement" */
    QW_TITLE = 1u << 4,
    QW_ORG = 1u << 5,
    QW_GROUP = 1u << 6,
    QW_HE = 1u << 7,
    QW_SHE = 1u << 8,
    QW_THEY = 1u << 9,
    QW_IT = 1u << 10,
    QW_FIRST = 1u << 11,
    QW_DET = 1u << 12,
    QW_SKIP = 1u << 13,
    QW_PARTICLE = 1u << 14,
    QW_MALE = 1u << 15, /* honorific tells gender */
    QW_FEMALE = 1u << 16,
    QW_STOP = 1u << 17,  /* English stopword */
    QW_RELAY = 1u << 18, /* "reported": names who relayed, not who spoke */
    QW_NEWS = 1u << 19,  /* news outlet head word */
    QW_LEAD = 1u << 20,  /* preposition opening an adverbial: "Like Corker, ..." */
    QW_CLAIM = 1u << 21, /* a noun of saying after its possessor: "her remark that" */
    QW_MONTH = 1u << 22  /* month abbreviation: "Feb. 8" */
};
#define QW_PRONOUN (QW_HE | QW_SHE | QW_THEY | QW_IT | QW_FIRST)
#define QW_CUE (QW_VERB | QW_ING | QW_PREP)

/* Looks up a case-folded word (trailing '.' and "'s" ignored). */
uint32_t concord__quote_word(const char *folded, size_t len);
/* Continuation required after a multi-word cue's first word ("to" for
 * "according"), or NULL. */
const char *concord__quote_cue_rest(const char *folded, size_t len);

/* Folds s[0..n) into out (ASCII lower-case fast path, NFKC casefold
 * otherwise, ’ -> '); returns the folded length (<= cap, truncated). */
size_t concord__quote_fold(const char *s, size_t n, char *out, size_t cap);

/* Story-level speaker canonicalisation over all mentions (surnames and
 * "Mr. X" resolved to the full name most used in the story). */
void concord__quotes_resolve_story(concord_quote_mention *m, size_t n);

/* Pair features behind concord_quote_same (for tuning tools): writes up to
 * 32 values into f, returns how many. */
size_t concord__quote_features(const char *a, size_t alen, const char *b, size_t blen, double *f);

#endif
