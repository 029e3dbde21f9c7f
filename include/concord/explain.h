/* concord/explain.h: what the explain stage (figures, quotes, reuse, digest)
 * receives for one story.
 *
 * A story is handed over as an array of members sorted by (date, id), dates
 * "" last.  Members are borrowed: the caller (the pipeline) owns the article,
 * the cleaned text and its analysis and keeps them alive for the duration of
 * the explain call.  Every offset an explain module reports is a byte offset
 * into member->clean->text.
 *
 * Each explain module follows the same pattern:
 *   concord_X *concord_X_explain(const concord_member *m, size_t n);  caller frees
 *   void concord_X_json(const concord_X *x, const concord_member *m, size_t n, concord_buf *out);
 *        appends the JSON value of the story field ("figures": [...] value only)
 *   void concord_X_free(concord_X *x);
 * The terminal views of those fields of a stored story document,
 * concord_X_print, are renderers over the JSON: concord/show.h
 * (src/render/term/).  Explain modules never print.
 * Explain modules never call back into read/clean/analyze/group; they are
 * thread-safe across different stories (no shared mutable state). */
#ifndef CONCORD_EXPLAIN_H
#define CONCORD_EXPLAIN_H

#include "concord/analyze.h"
#include "concord/article.h"
#include "concord/clean.h"
#include "concord/json.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_member {
    const concord_article
        *article;               /* id, source, url, date, title; article->text is the RAW text */
    const concord_clean *clean; /* clean->text is what offsets refer to */
    const concord_doc *doc;     /* analysis of clean->text */
} concord_member;

#ifdef __cplusplus
}
#endif
#endif
