/* concord/digest.h: the digest of one story: 3 to 7 sentences covering its
 * core facts, chosen across outlets by centrality with redundancy removed
 * (maximal marginal relevance), preferring sentences whose content several
 * outlets carry; each with the article it comes from and the other articles
 * that carry the same content (also_in).
 *
 * Follows the explain-module pattern of concord/explain.h: the digest is
 * owned by the caller (concord_digest_free); thread-safe across stories. */
#ifndef CONCORD_DIGEST_H
#define CONCORD_DIGEST_H

#include "concord/explain.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_digest_sentence {
    size_t member;       /* story member index */
    uint32_t start, end; /* byte range in that member's cleaned text */
    double score;        /* centrality x support, before redundancy */
    size_t *also_in;     /* other members carrying the same content */
    size_t n_also_in;
} concord_digest_sentence;

typedef struct concord_digest {
    concord_digest_sentence *sentences; /* in reading order */
    size_t n;
} concord_digest;

/* Longest and shortest digest. */
#define CONCORD_DIGEST_MAX 7
#define CONCORD_DIGEST_MIN 3

CONCORD_EXPORT concord_digest *concord_digest_explain(const concord_member *m, size_t n);
CONCORD_EXPORT void concord_digest_free(concord_digest *d);
/* Appends the "digest" array value: [{"text","article","also_in":[ids],"start","end"}]. */
CONCORD_EXPORT void concord_digest_json(const concord_digest *d, const concord_member *m, size_t n,
                                        concord_buf *out);
/* The terminal view of a stored story's digest, concord_digest_print, is in
 * concord/show.h. */

#ifdef __cplusplus
}
#endif
#endif
