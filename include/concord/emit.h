/* concord/emit.h: JSON Lines records of the output contract (DESIGN.md).
 *
 * Functions append to a caller-owned concord_buf; nothing is allocated that
 * the caller must free besides the buffer itself. Thread-safe (no state). */
#ifndef CONCORD_EMIT_H
#define CONCORD_EMIT_H

#include "concord/clean.h"
#include "concord/digest.h"
#include "concord/explain.h"
#include "concord/figures.h"
#include "concord/json.h"
#include "concord/quotes.h"
#include "concord/reuse.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One articles.jsonl object (no trailing newline): id, source, url, date,
 * title, byline, dateline, outlet, text (cleaned), removed [{start, end, why}]
 * with offsets into the RAW text (article->text) since removed bytes are not
 * in the cleaned text.  date is the input date, else the date found in the text. */
CONCORD_EXPORT void concord_emit_article(concord_buf *out, const concord_article *a,
                                         const concord_clean *c);

/* The date an article is filed under: input date, else date found in text, else "". */
CONCORD_EXPORT const char *concord_article_day(const concord_article *a, const concord_clean *c);

/* One stories.jsonl object (no trailing newline) per DESIGN.md: story,
 * title, first, last, articles [{id, source, date, title, url, duplicate_of,
 * derived_from}], quotes, figures, reuse, digest.  duplicate_of holds one
 * id or NULL per member (the array itself may be NULL: no duplicates). */
CONCORD_EXPORT void concord_emit_story(concord_buf *out, const char *story_id, const char *title,
                                       const char *first, const char *last, const concord_member *m,
                                       size_t n, const char *const *duplicate_of,
                                       const concord_figures *fig, const concord_quotes *quo,
                                       const concord_reuse *reu, const concord_digest *dig);

/* Serialises a parsed JSON value back to compact JSON (NULL writes null). */
CONCORD_EXPORT void concord_json_write(concord_buf *out, const concord_json *j);

#ifdef __cplusplus
}
#endif
#endif
