/* concord/article.h: the article record every reader produces.
 *
 * Ownership: a concord_article and all its strings are owned by whoever
 * received it from a reader (or built it) and freed with concord_article_free.
 * All strings are non-NULL, NUL-terminated, valid UTF-8 (readers repair input);
 * an absent field is "". Not thread-safe to mutate; safe to read from several
 * threads. */
#ifndef CONCORD_ARTICLE_H
#define CONCORD_ARTICLE_H

#include "concord/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_article {
    char *id;     /* from input; else file name stem; else "h" + content hash */
    char *source; /* outlet: input field, else url host, else "unknown" */
    char *url;
    char *date; /* normalized "YYYY-MM-DD" when known, else "" */
    char *title;
    char *text;       /* raw body (for .txt files: everything after the title line) */
    size_t text_len;  /* bytes in text */
    char *origin;     /* input file it came from ("-" for stdin) */
    long line;        /* line in origin for JSON Lines, else 0 */
    size_t bad_bytes; /* invalid UTF-8 / NUL bytes replaced while reading */
    /* Added for web pages (concord/html.h); "" when the input does not say. */
    char *lang;      /* language from the page's hints: "de" */
    char *canonical; /* canonical URL the page names */
    char *byline;    /* authors the page names in its metadata */
} concord_article;

/* Builds an article from copies of the given strings (NULL means "");
 * derives id and source as described above when they are empty. */
CONCORD_EXPORT concord_article *concord_article_new(const char *id, const char *source,
                                                    const char *url, const char *date,
                                                    const char *title, const char *text,
                                                    size_t text_len);
CONCORD_EXPORT void concord_article_free(concord_article *a);

/* "YYYY-MM-DD" from common date spellings ("2022-01-12T09:51:00Z",
 * "January 12th, 2022", "Jan. 12, 2022", "12 January 2022", "1/12/2022");
 * returns 1 and writes 11 bytes to out on success, 0 otherwise. */
CONCORD_EXPORT int concord_date_normalize(const char *s, size_t len, char out[11]);

/* Host part of a URL without "www." ("https://www.x.com/a" -> "x.com"); owned by caller, NULL if none. */
CONCORD_EXPORT char *concord_url_host(const char *url);

#ifdef __cplusplus
}
#endif
#endif
