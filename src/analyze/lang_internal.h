/* lang_internal.h: what lang.c (language profiles, cross-language name keys)
 * gives analyze.c.  Not installed; see concord/analyze.h for the contract. */
#ifndef CONCORD_LANG_INTERNAL_H
#define CONCORD_LANG_INTERNAL_H

#include "concord/analyze.h"

/* Languages concord tells apart; index 0 (English) is the default. */
enum {
    S_LANG_EN,
    S_LANG_DE,
    S_LANG_ES,
    S_LANG_FR,
    S_LANG_IT,
    S_LANG_PT,
    S_LANG_NL,
    S_LANG_PL,
    S_LANG_RU,
    S_LANG_COUNT
};

/* ISO 639-1 code ("de") and Snowball stemmer name ("german") of an index. */
const char *concord__lang_code(int lang);
const char *concord__lang_snowball(int lang);
/* Index of a code or Snowball name ("de", "de-AT", "german"); -1 if unknown. */
int concord__lang_index(const char *name);
/* Index detected from the text's function words (see concord_detect_language);
 * *sure (may be NULL) is 1 when the evidence is clear (6+ function words,
 * twice as many as the next language's, or mostly Cyrillic letters). */
int concord__lang_detect(const char *text, size_t len, int *sure);
/* The same from the words of a text (their fold hashes), as analyze.c has them. */
int concord__lang_detect_words(const concord_word *w, size_t n, const char *text, int *sure);
/* 1 if the folded word (by its concord_hash) is a function word of lang
 * (data/lang_stopwords.txt; English answers 0: data/stopwords.txt rules). */
int concord__lang_stop(uint64_t fold_hash, int lang);
/* The power of ten of a scale word ("billion" 9 in English, 12 in German;
 * "millones" 6; "млрд" 9; data/lang_scales.txt) by its fold hash, in
 * language lang; 0 when it is none. */
int concord__scale_power(uint64_t fold_hash, int lang);
/* Cross-language key of one case-folded name word: Cyrillic and Greek
 * transliterated, diacritics dropped, common spelling variants folded (see
 * lang.c).  Writes ASCII into out (cap bytes, NUL-terminated); returns its length. */
size_t concord__name_key(const char *folded, size_t len, char *out, size_t cap);

#endif
