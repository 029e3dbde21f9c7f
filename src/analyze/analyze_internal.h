/* analyze_internal.h: the part of analysis that near-duplicate detection
 * needs, for the pipeline's dedup-only path.  Not installed. */
#ifndef CONCORD_ANALYZE_INTERNAL_H
#define CONCORD_ANALYZE_INTERNAL_H

#include "concord/analyze.h"

/* The hashes of the text's case-folded words (*folds: exactly the `fold`
 * values concord_analyze gives its words, in order; the return value is
 * their number) and its word shingles (*shingles, *n_shingles: those of
 * concord_doc).  No sentences, language, stems or entities: what shingles
 * and exact copies need only.  Both arrays are the analyzer's scratch,
 * valid until its next call: one analyzer per thread. */
size_t concord__fold_shingles(concord_analyzer *az, const char *text, size_t len,
                              const uint64_t **folds, const uint64_t **shingles,
                              size_t *n_shingles);

#endif
