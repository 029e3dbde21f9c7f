/* concord/clean.h: stage 2, clean.  Removes scraped page junk from an
 * article body and extracts metadata found in the text.
 *
 * Invariant: the cleaned text is exactly the raw text with the removed ranges
 * deleted, in order (removed ranges are byte offsets into the RAW text, sorted,
 * non-overlapping).  So any cleaned offset maps back to a raw offset with
 * concord_clean_to_raw, and a report can show the junk struck through.
 * Whitespace left over at the joins is part of the removed ranges.
 *
 * Rules (junk prompts, comment headers, copyright lines, widget markers,
 * metadata patterns) come from data/clean_rules.txt through tools/lexgen.c.
 *
 * Ownership: concord_clean_article returns a result owned by the caller
 * (concord_clean_free). Thread-safe: rules are compiled once (thread-safe
 * lazy init) and shared read-only; match scratch space is per thread.
 * Any bytes are accepted (invalid UTF-8, NUL): rules simply do not match the
 * lines that are not valid UTF-8; time is linear in the text for every rule
 * of the shipped lexicon (bounded quantifiers, line-length limits). */
#ifndef CONCORD_CLEAN_H
#define CONCORD_CLEAN_H

#include "concord/article.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_removal {
    size_t start; /* raw-text byte offsets */
    size_t end;
    const char *why; /* static string: "comments", "newsletter", "share", "prompt",
                        "related", "advertisement", "video", "copyright",
                        "attribution-footer", "caption", "repeated", "widget", "title",
                        "byline", "dateline", "date-line", "outlet", "whitespace"; the
                        lexicon may add more (compare with strcmp) */
} concord_removal;

typedef struct concord_clean {
    char *text; /* cleaned body, NUL-terminated */
    size_t len;
    char *byline;   /* "Caravanserai and AFP" or "" */
    char *dateline; /* "MOSCOW" or "" */
    char *date;     /* "YYYY-MM-DD" found in the text (publication line), or "" */
    char *outlet;   /* self-mention "FiveNation.com", or "" */
    concord_removal *removed;
    size_t n_removed;
    /* Optional (NULL when the result was built elsewhere, e.g. read back from
     * a store): removed_before[i] = bytes removed before removed[i], so
     * concord_clean_to_raw can binary-search. Freed by concord_clean_free. */
    size_t *removed_before;
} concord_clean;

CONCORD_EXPORT concord_clean *concord_clean_article(const concord_article *a);
CONCORD_EXPORT void concord_clean_free(concord_clean *c);

/* Maps a byte offset in c->text to the raw offset of the same byte (an offset
 * at a join maps past the removed range; for an end offset e, use
 * concord_clean_to_raw(c, e - 1) + 1).  Binary search when removed_before is
 * set, else a linear scan. */
CONCORD_EXPORT size_t concord_clean_to_raw(const concord_clean *c, size_t clean_off);

/* NULL when every rule of data/clean_rules.txt compiled, else a message naming
 * the first bad entry (bad entries are skipped).  Number of rules in use. */
CONCORD_EXPORT const char *concord_clean_rules_error(void);
CONCORD_EXPORT size_t concord_clean_rule_count(void);

#ifdef __cplusplus
}
#endif
#endif
