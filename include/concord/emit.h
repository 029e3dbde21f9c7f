/* concord/emit.h: JSON Lines records of the output contract (DESIGN.md).
 *
 * Functions append to a caller-owned concord_buf; nothing is allocated that
 * the caller must free besides the buffer itself. Thread-safe (no state). */
#ifndef CONCORD_EMIT_H
#define CONCORD_EMIT_H

#include "concord/clean.h"
#include "concord/json.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One articles.jsonl object (no trailing newline): id, source, url, date,
 * title, byline, dateline, outlet, text (cleaned), removed [{start, end, why}]
 * with offsets into the RAW text (article->text) since removed bytes are not
 * in the cleaned text.  date is the input date, else the date found in the text. */
void concord_emit_article(concord_buf *out, const concord_article *a, const concord_clean *c);

/* The date an article is filed under: input date, else date found in text, else "". */
const char *concord_article_day(const concord_article *a, const concord_clean *c);

/* Serialises a parsed JSON value back to compact JSON (NULL writes null). */
void concord_json_write(concord_buf *out, const concord_json *j);

#ifdef __cplusplus
}
#endif
#endif
