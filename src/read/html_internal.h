/* html_internal.h: pieces shared by the HTML extractor (html.c), the page
 * metadata reader (meta.c) and the charset decoder (charset.c).  Internal. */
#ifndef CONCORD_HTML_INTERNAL_H
#define CONCORD_HTML_INTERNAL_H

#include "concord/html.h"

#include <libxml/HTMLparser.h>

/* Charset label for a page: BOM, else the HTTP Content-Type, else the page's
 * own <meta>; 1 when one was found. */
int concord_charset_for_page(const void *page, size_t len, const char *content_type,
                             char label[32]);

/* Metadata read from a parsed page; every string owned by the struct
 * (S_meta_free), "" when absent. */
typedef struct concord_page_meta {
    char *title;
    char *date;   /* YYYY-MM-DD */
    char *byline; /* authors joined by ", " */
    char *outlet;
    char *canonical;
    char *lang; /* primary subtag, lower case: "de" */
} concord_page_meta;

void concord_page_meta_read(xmlDocPtr doc, const char *url, concord_page_meta *m);
void concord_page_meta_free(concord_page_meta *m);

/* Lower-cased value of attribute name on node, in out (cap bytes); 0 if absent. */
int concord_html_attr(xmlNodePtr node, const char *name, char *out, size_t cap);

#endif
