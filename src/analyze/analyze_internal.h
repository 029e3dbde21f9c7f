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

/* Across languages (group/group_xlang.c): the entity hash that a name of
 * the one word whose key is word_key gets (concord_entity.last_hash of a
 * longer name: "Matej Horvalin" and "Президент Матей Горвалин" both end in
 * the word of the one-word name "Horvalin"), so that a surname meets the
 * same surname under other titles and first names, in any script. */
uint64_t concord__name_word_hash(uint64_t word_key);
/* 1 if number word w of text is a figure worth matching across languages:
 * two or more digits, and not a bare year (four digits 1800..2199 without a
 * separator): "4,200", "4.200" and "97" are, "6" and
 * "2025" are not. */
int concord__number_is_figure(const char *text, const concord_word *w);
/* A number word followed by scale words ("1.2 billion", "1.200 millones",
 * "1,2 млрд", "3 mil millones"): the hash of its value written out
 * ("1200000000"), the same in every language; 0 when word i is no number or
 * no scale word follows (data/lang_scales.txt, in the doc's language). */
uint64_t concord__scaled_number(const char *text, const concord_doc *d, size_t i);
/* The number of a language code as concord_doc.lang holds it: 0 English
 * (and unknown), 1 .. 8 de, es, fr, it, pt, nl, pl, ru. */
int concord__lang_number(const char *code);

#endif
