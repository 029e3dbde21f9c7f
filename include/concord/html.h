/* concord/html.h: stage 1, read: web pages in, articles out.
 *
 * concord_html_article turns the bytes of one saved web page (any charset) into
 * an article: the page is decoded to UTF-8 (HTTP charset, byte order mark,
 * <meta charset> / http-equiv, else valid UTF-8, else windows-1252), parsed
 * with libxml2's HTML parser (recovering from any markup), its main text is
 * extracted (block segmentation, link / text / function-word density, ancestor
 * scoring, <article>/<main>/articleBody hints; navigation, headers, footers,
 * sidebars, share bars, cookie notices, comments, forms, scripts dropped) and
 * its metadata read (title without " | Site", publication date, authors,
 * outlet, canonical URL, language: the page's hint, else detected from the
 * extracted text with libexttextcat's n-gram models).  Paragraphs of the text
 * are separated by a blank line.  The WARC reader (concord/read.h) and the JSON Lines "html"
 * field use the same function.
 *
 * Ownership: the returned article belongs to the caller (concord_article_free).
 * Thread-safety: reentrant; libxml2 and the language models are initialised
 * once (thread-safe), language detection runs under a lock.
 * Any bytes are accepted; the work is linear in the page size (markup nested
 * deeper than CONCORD_HTML_MAX_DEPTH levels is left out, with a message). */
#ifndef CONCORD_HTML_H
#define CONCORD_HTML_H

#include "concord/article.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CONCORD_HTML_MAX_DEPTH 200

/* What the caller knows about the page besides its bytes; every field may be
 * NULL.  id: article id (else derived from url, else the text hash); url: where
 * the page came from (also the base for outlet and date patterns); date: fetch
 * date, used when the page gives none; content_type: the HTTP Content-Type
 * header ("text/html; charset=..."); origin and line/offset: where the page is,
 * for messages. */
typedef struct concord_html_source {
    const char *id;
    const char *url;
    const char *date;
    const char *content_type;
    const char *origin;
    long line;
    long offset;
} concord_html_source;

/* What extraction did (optional out-parameter). */
typedef struct concord_html_stats {
    char charset[32];  /* charset the page was decoded from */
    size_t text_bytes; /* visible text bytes on the page */
    size_t kept_bytes; /* of which kept as the main text */
    size_t n_blocks;   /* text blocks found */
    size_t n_kept;     /* blocks kept */
    int depth_capped;  /* markup was nested deeper than the cap */
    int binary;        /* the bytes were not a text page (reported, text "") */
} concord_html_stats;

/* Returns the article (never NULL); its text is "" when the page has no main
 * text.  diag may be NULL (messages to stderr; quiet when NULL is unwanted:
 * pass a quiet diag).  stats may be NULL. */
CONCORD_EXPORT concord_article *concord_html_article(const void *page, size_t len,
                                                     const concord_html_source *src,
                                                     concord_diag *diag, concord_html_stats *stats);

/* Decodes bytes in the charset named by label (a WHATWG / IANA name; NULL or
 * unknown: detected as above) to valid UTF-8 (bad bytes become U+FFFD and are
 * counted in *n_bad).  Returns a NUL-terminated string the caller frees;
 * used_out (32 bytes, may be NULL) receives the charset actually used. */
CONCORD_EXPORT char *concord_charset_decode(const void *in, size_t len, const char *label,
                                            size_t *out_len, size_t *n_bad, char *used_out);

/* Charset named by an HTML page itself: byte order mark, else <meta charset>
 * or <meta http-equiv="Content-Type"> in its first 8 KiB.  Writes the label
 * (lower case, up to 31 bytes) and returns 1, else 0. */
CONCORD_EXPORT int concord_charset_sniff(const void *page, size_t len, char label[32]);

#ifdef __cplusplus
}
#endif
#endif
