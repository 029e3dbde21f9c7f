/* word_diff.h (internal): the one word diff of the renderers.  The terminal
 * quotes view (src/render/term/quotes_view.c) and the HTML report
 * (src/render/report/report.c) both show how an outlet's wording of a quote
 * differs from the quote's text with it; each only formats the edits.
 *
 * Words are the tokens of concord_tokenize (the analyze stage's tokenizer),
 * compared case-folded (concord_casefold, ’ taken as '); the alignment is a longest common
 * subsequence of words.  Edits come in the order of the variant text: a word
 * both have, a word only the variant has, or a run of the canonical text's
 * words the variant lacks, placed before the next variant word (at) or at
 * the end.  Bytes of the variant between its words belong to no edit: a
 * renderer copies them as they are.
 *
 * The caller owns a concord__word_diff (zero-initialised), reuses it across
 * calls and frees it with concord__word_diff_free.  Not thread-safe per
 * object; distinct objects are independent. */
#ifndef CONCORD_RENDER_WORD_DIFF_H
#define CONCORD_RENDER_WORD_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "concord/text.h"

/* Longer texts are not aligned (the table is quadratic); see the return of
 * concord__word_diff. */
#define CONCORD__WORD_DIFF_MAX 400

typedef enum {
    CONCORD__WORD_SAME,   /* in both; start/end: bytes of the variant */
    CONCORD__WORD_ADDED,  /* only in the variant; start/end: bytes of the variant */
    CONCORD__WORD_MISSING /* only in the canonical text; start/end: bytes of the canonical
                              text, at: the variant byte it is shown before (len: at the end) */
} concord__word_edit_kind;

typedef struct {
    concord__word_edit_kind kind;
    size_t start, end, at;
} concord__word_edit;

typedef struct {
    concord__word_edit *edit;
    size_t n, cap;
    /* scratch, kept between calls */
    concord_token *ct, *vt;
    size_t nc, nv, cap_c, cap_v;
    uint64_t *ch, *vh;
    unsigned short *table;
    size_t cap_table;
} concord__word_diff;

/* Diffs variant var[0..vlen) against canonical canon[0..clen) into d->edit
 * (d->n edits).  Returns 0, or -1 (and no edits) when either text has more
 * than CONCORD__WORD_DIFF_MAX words. */
int concord__word_diff_run(concord__word_diff *d, const char *canon, size_t clen, const char *var,
                           size_t vlen);
void concord__word_diff_free(concord__word_diff *d);

#endif
