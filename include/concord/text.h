/* concord/text.h: text primitives shared by every later stage: UTF-8
 * validation and repair, Unicode case folding (NFKC_Casefold via utf8proc),
 * word tokens, sentence splitting, Snowball stemming, stopwords.
 *
 * Ownership: functions returning pointers allocate; the caller frees (free()
 * for strings and arrays, concord_stemmer_free for stemmers).
 * Thread-safety: all functions are thread-safe except that one concord_stemmer
 * must be used by one thread at a time (make one per thread). */
#ifndef CONCORD_TEXT_H
#define CONCORD_TEXT_H

#include "concord/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Decodes one code point at s[*i] (advancing *i); returns -1 for an invalid
 * sequence (advancing by one byte). */
CONCORD_EXPORT int32_t concord_utf8_next(const char *s, size_t len, size_t *i);
/* Encodes cp into out (4 bytes max); returns bytes written. */
CONCORD_EXPORT size_t concord_utf8_put(int32_t cp, char out[4]);
/* Returns a NUL-terminated copy in which invalid UTF-8 is replaced by U+FFFD
 * and NUL bytes by spaces; *n_bad (may be NULL) counts replaced bytes and
 * *first_bad (may be NULL) is the byte offset of the first bad one (or len). */
CONCORD_EXPORT char *concord_utf8_repair(const char *s, size_t len, size_t *out_len, size_t *n_bad,
                                         size_t *first_bad);
/* 1 if s[0..len) is valid UTF-8 without NUL bytes. */
CONCORD_EXPORT int concord_utf8_valid(const char *s, size_t len);

/* NFKC case-folded copy of s (valid UTF-8 expected; invalid bytes are dropped). */
CONCORD_EXPORT char *concord_casefold(const char *s, size_t len, size_t *out_len);

/* Unicode character classes used by tokenizers. */
CONCORD_EXPORT int concord_is_letter(int32_t cp);
CONCORD_EXPORT int concord_is_digit(int32_t cp);
CONCORD_EXPORT int concord_is_upper(int32_t cp);
CONCORD_EXPORT int concord_is_space(int32_t cp); /* includes NBSP and Unicode separators */
CONCORD_EXPORT int concord_is_quote(int32_t cp); /* " “ ” „ « » ‘ ’ ‚ ' ‹ › */

/* Word tokens: maximal runs of letters, marks and digits, with inner
 * apostrophes (don't, O’Brien), inner periods/commas between digits (2.5,
 * 5,800) and inner periods in abbreviations (U.S.). Hyphens split. */
enum {
    CONCORD_TOK_NUMBER = 1 << 0,    /* starts with a digit */
    CONCORD_TOK_CAP = 1 << 1,       /* starts with an uppercase letter */
    CONCORD_TOK_ALLCAPS = 1 << 2,   /* two or more letters, all uppercase */
    CONCORD_TOK_STOP = 1 << 3,      /* stopword (set by concord_analyze) */
    CONCORD_TOK_SENT_START = 1 << 4 /* first token of a sentence (set by concord_analyze) */
};
typedef struct concord_token {
    uint32_t start, end; /* byte range in the text */
    uint32_t flags;
} concord_token;
/* Appends tokens of s[0..len) to *toks (grown with CONCORD_GROW); returns count added. */
CONCORD_EXPORT size_t concord_tokenize(const char *s, size_t len, concord_token **toks, size_t *n,
                                       size_t *cap);

/* Sentence spans (trimmed of surrounding whitespace) of s[0..len). Splits at
 * . ! ? … followed by space and an uppercase letter, digit or opening quote,
 * and at paragraph breaks (blank line or newline); does not split after
 * abbreviations (Mr. Dr. U.S. Jan. St. Gov. ...), initials (J. Smith),
 * decimals (2.5), or inside an ellipsis followed by lowercase.
 * Closing quotes after the terminal mark stay in the sentence. */
CONCORD_EXPORT size_t concord_sentences(const char *s, size_t len, concord_span **spans, size_t *n,
                                        size_t *cap);

/* Snowball stemmer for a language ("english", "german", "spanish", "russian", ...);
 * unknown languages fall back to english. */
typedef struct concord_stemmer concord_stemmer;
CONCORD_EXPORT concord_stemmer *concord_stemmer_new(const char *language);
CONCORD_EXPORT void concord_stemmer_free(concord_stemmer *st);
/* Stem of a case-folded word; the result is valid until the next call on st. */
CONCORD_EXPORT const char *concord_stem(concord_stemmer *st, const char *word, size_t len,
                                        size_t *out_len);

/* Stopword test on a case-folded word (English list from data/stopwords.txt). */
CONCORD_EXPORT int concord_is_stopword(const char *folded, size_t len);
/* The same test from concord_hash(folded, len, 0), the hash analyze keeps. */
CONCORD_EXPORT int concord_is_stopword_hash(uint64_t fold_hash);

#ifdef __cplusplus
}
#endif
#endif
