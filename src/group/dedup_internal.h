/* dedup_internal.h: near-duplicate features without the full analysis, for
 * the pipeline's dedup-only path.  Not installed. */
#ifndef CONCORD_DEDUP_INTERNAL_H
#define CONCORD_DEDUP_INTERNAL_H

#include "concord/analyze.h"
#include "concord/group.h"

/* Features that carry what duplicate detection reads (id, day, word count,
 * the exact-copy hash, the MinHash signature), equal there to those of
 * concord_features_new on the same article, with no terms: enough for a
 * grouper in dedup-only mode, not for clustering.  Tokenizes and folds the
 * cleaned text (c, or the raw text when c is NULL) with az's scratch (one
 * analyzer per thread).  The caller frees the result with
 * concord_features_free. */
concord_features *concord__dup_features(concord_analyzer *az, const concord_article *a,
                                        const concord_clean *c);

#endif
