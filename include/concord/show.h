/* concord/show.h: the terminal views (src/render/term/), renderers over
 * stored story documents and the outlet network; they analyse nothing.
 * `concord show` is concord_story_print: header, reports, digest, figures
 * with conflicts, quotes, lineage, each part one of the views below, which
 * are also the commands `figures`, `quotes`, `lineage`; `outlets` and
 * `quotes --speaker` are views over a whole store.  They read the story
 * document only and write to out; colour codes only when color is nonzero.
 * Thread-safe (no state). */
#ifndef CONCORD_SHOW_H
#define CONCORD_SHOW_H

#include <stdio.h>

#include "concord/json.h"
#include "concord/quotes.h"
#include "concord/reuse.h"

#ifdef __cplusplus
extern "C" {
#endif

CONCORD_EXPORT int concord_story_print(FILE *out, const concord_json *story, int color);

/* Prints the digest field of a stored story document. */
CONCORD_EXPORT int concord_digest_print(FILE *out, const concord_json *story, int color);

/* Table of a stored story's "figures" (outlet, value, qualifier, attribution,
 * status), conflicts in red when color.  Returns 0, or -1 when the story has
 * no figures field. */
CONCORD_EXPORT int concord_figures_print(FILE *out, const concord_json *story, int color);

/* Renders a stored story document's "quotes" field: each quote with its
 * variants side by side, words that differ from the quote's text marked
 * (ANSI colour when color, else [brackets]; words missing marked {-...-}
 * without colour).  Returns the number of quotes printed, -1 if the document
 * has no quotes array. */
CONCORD_EXPORT int concord_quotes_print(FILE *out, const concord_json *story, int color);

/* Prints the family tree of a stored story document (fields "articles"
 * with derived_from, credits and spun, "reuse") for `concord lineage`: roots first, derived
 * articles indented under their source with kind and share, credits as
 * leaves.  color: ANSI colors when nonzero. Returns 0, or -1 when the
 * document has no "articles" array. */
CONCORD_EXPORT int concord_reuse_print(FILE *out, const concord_json *story, int color);

/* The outlet network (`concord outlets`, see concord_outlets_add in
 * concord/reuse.h): a table, or with json one object: {"stories", "links":
 * [{"from", "to", "copy", "rewrite", "dated", "median_lag_days" | null,
 * "examples": [story ids, up to 3, in store order]}],
 * "outlets": [{"outlet", "articles", "derived", "own_share"}]}; links by
 * count, outlets by size. */
CONCORD_EXPORT void concord_outlets_print(concord_outlets *x, FILE *out, int json);

/* Everything one person is quoted saying (`concord quotes --speaker`, see
 * concord_speaker_quotes_add in concord/quotes.h): the variants of one
 * statement grouped through the quotes' "elsewhere" links, statements by
 * the earliest date of an article quoting them (undated last); a listing,
 * or with json [{"text", "first", "variants": [{"story", "quote", "first",
 * "text", "articles": [ids]}]}].  Returns the number of statements. */
CONCORD_EXPORT size_t concord_speaker_quotes_print(concord_speaker_quotes *x, FILE *out, int json);

#ifdef __cplusplus
}
#endif
#endif
