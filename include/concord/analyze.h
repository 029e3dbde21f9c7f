/* concord/analyze.h: stage 3, analyze.  Turns a cleaned text into sentences,
 * word tokens with case-folded and stemmed hashes, entity-like spans
 * (capitalized name sequences) and word shingles, the material every later
 * stage works on.
 *
 * Ownership: concord_analyzer (one per thread: it holds a Snowball stemmer)
 * and concord_doc are owned by the caller and freed with their *_free.
 * A concord_doc borrows nothing: offsets refer to the text that was analyzed,
 * which the caller keeps. Not thread-safe per analyzer; docs are read-only
 * after creation and may be shared. */
#ifndef CONCORD_ANALYZE_H
#define CONCORD_ANALYZE_H

#include "concord/text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_word {
    uint32_t start, end; /* byte range in the analyzed text */
    uint32_t sentence;   /* index into doc->sentences */
    uint32_t flags;      /* CONCORD_TOK_* */
    uint64_t fold;       /* hash of the case-folded word */
    uint64_t stem;       /* hash of the Snowball stem of the folded word */
} concord_word;

typedef struct concord_entity {
    uint32_t start, end;          /* byte range: "Kassym-Jomart Tokayev", "Almaty" */
    uint32_t first_word, n_words; /* word index range */
    uint64_t hash;                /* hash of the case-folded words joined by one space */
    uint64_t last_hash;           /* hash of the last folded word ("tokayev") */
} concord_entity;

typedef struct concord_doc {
    concord_span *sentences;
    size_t n_sentences;
    concord_word *words;
    size_t n_words;
    concord_entity *entities;
    size_t n_entities;
    uint64_t *shingles; /* hashes of consecutive 3-word windows of non-stop-filtered folded words */
    size_t n_shingles;
    char lang[4]; /* language analyzed as: "en", "de", "es", "fr", "it", "pt",
                            * "nl", "pl", "ru" (ISO 639-1) */
} concord_doc;

/* language: a Snowball name or ISO code ("english", "de") analyzes every text
 * in that language; "auto" (or NULL) detects the language of each text
 * (concord_detect_language).  Each language uses its Snowball stemmer and its
 * function words as stopwords (data/stopwords.txt for English,
 * data/lang_stopwords.txt for the others).  Entity hashes are keys that carry
 * across languages and scripts (transliterated, diacritics dropped, common
 * spelling variants folded), numbers stem to one canonical form ("4,200",
 * "4.200" and "4200" are one). */
typedef struct concord_analyzer concord_analyzer;
CONCORD_EXPORT concord_analyzer *concord_analyzer_new(const char *language);
/* Language of the next texts.  On an analyzer made with "auto": a declared
 * language ("de-DE", "german": a page's <html lang>) used when the text's
 * own function words do not settle it (pages often declare their site's
 * language, not the article's: 16 of 917 html-dev pages declare "en" for
 * German text); NULL, "" or "auto" (or an unknown code): none.  On an
 * analyzer made with a language: the language from now on (NULL: back to
 * the one it was made with). */
CONCORD_EXPORT void concord_analyzer_set_language(concord_analyzer *az, const char *language);
/* ISO 639-1 code of the language of a text, from its function words (a
 * bounded prefix is read): one of the nine above; "en" when unsure.
 * Thread-safe; returns a static string. */
CONCORD_EXPORT const char *concord_detect_language(const char *text, size_t len);
CONCORD_EXPORT void concord_analyzer_free(concord_analyzer *az);

CONCORD_EXPORT concord_doc *concord_analyze(concord_analyzer *az, const char *text, size_t len);
CONCORD_EXPORT void concord_doc_free(concord_doc *d);

/* Size of word shingles used for n_shingles. */
#define CONCORD_SHINGLE_WORDS 3

#ifdef __cplusplus
}
#endif
#endif
