/* concord/eval.h: scoring a clustering (our stories) against gold labels.
 *
 * Metrics, over n items each with a gold label and a predicted label:
 *   B-cubed precision / recall / F1 (Bagga & Baldwin 1998; item-averaged),
 *   adjusted Rand index (Hubert & Arabie 1985),
 *   pairwise precision / recall / F1 (over unordered item pairs: a pair is
 *   predicted when both items share a predicted story, gold when they share a
 *   gold label; a metric whose denominator is 0 is reported as 1).
 *
 * Items with several gold labels: the evaluation data may list one article id
 * under two gold stories (gva-dev: "articles whose id repeats belong to two
 * incidents").  We score them as the source lists them: every gold line is
 * one item, and each copy carries the predicted story of that article id.
 * A clustering that puts the article with either incident is therefore
 * partly right, as in the source corpus's own document-level scoring; no
 * clustering can score 1.0 on such data, and the gap is small (13 of 3,076
 * items in gva-dev).
 *
 * Gold items missing from the predicted stories count as singleton predicted
 * stories (so dropping articles costs recall); predicted articles missing from
 * the gold file are ignored and counted.
 *
 * Ownership: nothing is retained; results are plain values.  Thread-safe. */
#ifndef CONCORD_EVAL_H
#define CONCORD_EVAL_H

#include "concord/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_eval_scores {
    size_t items;         /* items scored */
    size_t gold_clusters; /* distinct gold labels */
    size_t pred_clusters; /* distinct predicted labels */
    double bcubed_p, bcubed_r, bcubed_f1;
    double ari;
    double pair_p, pair_r, pair_f1;
} concord_eval_scores;

/* Scores labels given as small integers (any values; only equality matters). */
CONCORD_EXPORT concord_eval_scores concord_eval_labels(const uint64_t *gold, const uint64_t *pred,
                                                       size_t n);

/* Reads GOLD (JSON Lines with "id" and the label field `key`, default "story"
 * when key is NULL; string or number labels) and STORIES (our stories.jsonl:
 * {"story": ..., "articles": [{"id": ...}, ...]}) and prints the metrics to
 * out, one "name value" line each.  Both files may be gzip-compressed.
 * Returns 0 on success, 1 when a file cannot be read or holds no scorable
 * item, 2 when scores were printed but some lines could not be read (bad
 * JSON, a damaged gzip stream).  Problems (unreadable files, lines that are
 * not JSON) are reported through diag (NULL: a diag of its own, which prints
 * them on stderr). */
CONCORD_EXPORT int concord_eval_files(const char *gold, const char *key, const char *stories,
                                      FILE *out, concord_diag *diag);

/* Prints scores as "name value" lines (the format of concord_eval_files). */
CONCORD_EXPORT void concord_eval_print(const concord_eval_scores *s, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
