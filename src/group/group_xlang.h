/* group_xlang.h: stories across languages (group_xlang.c), for group.c.
 * Not installed; see concord/group.h for the grouper's contract.
 *
 * Ownership: the caller keeps the features and story ids; the returned
 * array is the caller's to free().  Thread-safe (no shared state). */
#ifndef CONCORD_GROUP_XLANG_H
#define CONCORD_GROUP_XLANG_H

#include "group_internal.h"

/* Stories of reports in one language other than English (every member of
 * the batch that is in the story) that should join a story of the batch's
 * reports in another language about the same event: names, figures and
 * days agree (group_xlang.c says how strictly).  feat[i] is the i-th
 * article of the batch and story_of[i] its story (any numbering;
 * UINT32_MAX: none).  Returns 2 * *n_joins story ids, pairs (story to move,
 * story to join), at most one pair per story to move; NULL and *n_joins 0
 * when there is none (always so for a batch all in English, at the cost of
 * one look at each article). */
uint32_t *concord__xlang_joins(concord_features *const *feat, const uint32_t *story_of, size_t n,
                               size_t *n_joins);

#endif
