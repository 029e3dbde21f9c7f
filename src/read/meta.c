/* meta.c: an article's metadata from its parsed page (see html_internal.h).
 *
 * Sources, in order of trust:
 *   title      og:title / twitter:title, JSON-LD headline, first <h1>, <title>;
 *              a " | Site" or " - Site" part naming the outlet is cut, else
 *              the longest part of a title split at " | " is kept
 *   date       JSON-LD datePublished, article:published_time and other
 *              publication <meta> names, itemprop=datePublished, the first
 *              <time datetime>, a /YYYY/MM/DD/ or /YYYY-MM-DD pattern in the URL,
 *              an element classed as a date, a short text that opens with a
 *              date within 20 texts after the first <h1>, the modified date
 *   byline     <meta name=author>, JSON-LD author name, rel=author / itemprop=author
 *   outlet     og:site_name, JSON-LD publisher name, else the URL host without www.
 *   canonical  <link rel=canonical>, else og:url
 *   lang       <html lang>, else <meta http-equiv=content-language>, else og:locale
 * The tree is walked without recursion, so any depth is fine. */
#include "concord/text.h"
#include "html_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

typedef struct S_found {
    char *og_title, *ld_headline, *h1, *title_tag;
    char *h1_more[3];
    char *date_class; /* text of the first element whose class names a date */
    char *date_text;  /* a short text with a date just after the first <h1> */
    int after_h1;     /* text nodes seen since the first <h1> */
    char *date_ld, *date_meta, *date_item, *date_time, *date_modified;
    char *author_meta, *author_ld, *author_rel;
    char *site_name, *ld_publisher;
    char *app_name; /* application-name / publisher <meta>: below og:site_name */
    char *canonical, *og_url;
    char *lang_html, *lang_meta, *locale;
} S_found;

static void S_set(char **slot, const char *v)
{
    if (*slot || !v)
        return;
    while (*v == ' ' || *v == '\n' || *v == '\t' || *v == '\r')
        v++;
    if (!*v)
        return;
    *slot = concord_xstrdup(v);
}

/* Whether `written` is a written form of the host-like name `bare`: no dot
 * in it, and the same ASCII letters and digits (case folded) as `bare` up to
 * its last dot, after any scheme and "www." ("The Mercury News" for
 * "themercurynews", "El Heraldo" for "elheraldo.hn"). */
static int S_spells(const char *written, const char *bare)
{
    if (strchr(bare, ' ') || strchr(written, '.') || !strcmp(written, bare))
        return 0;
    const char *b = strstr(bare, "://");
    b = b ? b + 3 : bare;
    if (strncasecmp(b, "www.", 4) == 0)
        b += 4;
    const char *end = strrchr(b, '.');
    if (!end)
        end = b + strlen(b);
    size_t same = 0;
    for (const char *w = written;; w++, b++, same++) {
        while (*w && !isalnum((unsigned char)*w))
            w++;
        while (b < end && !isalnum((unsigned char)*b))
            b++;
        if (!*w || b == end)
            return !*w && b == end && same > 0;
        if (tolower((unsigned char)*w) != tolower((unsigned char)*b))
            return 0;
    }
}

/* Whitespace-collapsed text of an element (bounded). */
static char *S_text_of(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return NULL;
    concord_buf b;
    concord_buf_init(&b);
    int space = 0;
    for (const unsigned char *p = c; *p && b.len < 1000; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            space = 1;
            continue;
        }
        if (space && b.len)
            concord_buf_addc(&b, ' ');
        space = 0;
        concord_buf_addc(&b, (char)*p);
    }
    xmlFree(c);
    return concord_buf_detach(&b, NULL);
}

static const char *S_attr(xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
    if (!a || !a->children || !a->children->content)
        return NULL;
    return (const char *)a->children->content;
}

/* JSON string value following "key" in a JSON-LD text (first match after from). */
static char *S_ld_value(const char *json, const char *key, const char *within_key)
{
    const char *p = json;
    if (within_key) {
        char q[64];
        snprintf(q, sizeof q, "\"%s\"", within_key);
        p = strstr(json, q);
        if (!p)
            return NULL;
        p += strlen(q);
    }
    char k[64];
    snprintf(k, sizeof k, "\"%s\"", key);
    const char *f = strstr(p, k);
    if (!f || (within_key && f - p > 400))
        return NULL;
    f += strlen(k);
    while (*f == ' ' || *f == '\n' || *f == '\t' || *f == '\r')
        f++;
    if (*f != ':')
        return NULL;
    f++;
    while (*f == ' ' || *f == '\n' || *f == '\t' || *f == '\r')
        f++;
    if (*f == '[') { /* first element of an array */
        f++;
        while (*f == ' ' || *f == '\n' || *f == '\t' || *f == '\r')
            f++;
    }
    if (*f != '"')
        return NULL;
    f++;
    concord_buf b;
    concord_buf_init(&b);
    for (; *f && *f != '"' && b.len < 500; f++) {
        if (*f == '\\' && f[1]) {
            f++;
            if (*f == 'n' || *f == 't')
                concord_buf_addc(&b, ' ');
            else if (*f == 'u' && f[1] && f[2] && f[3] && f[4]) {
                char hex[5] = {f[1], f[2], f[3], f[4], 0};
                char *end;
                long cp = strtol(hex, &end, 16);
                if (*end == 0 && cp > 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                    char u[4];
                    concord_buf_add(&b, u, concord_utf8_put((int32_t)cp, u));
                }
                f += 4;
            } else
                concord_buf_addc(&b, *f);
            continue;
        }
        concord_buf_addc(&b, *f);
    }
    if (!b.len) {
        concord_buf_free(&b);
        return NULL;
    }
    return concord_buf_detach(&b, NULL);
}

static void S_ld(S_found *f, const char *json)
{
    char *v;
    if (!f->ld_headline && (v = S_ld_value(json, "headline", NULL)))
        f->ld_headline = v;
    if (!f->date_ld && (v = S_ld_value(json, "datePublished", NULL)))
        f->date_ld = v;
    if (!f->date_modified && (v = S_ld_value(json, "dateModified", NULL)))
        f->date_modified = v;
    if (!f->author_ld && (v = S_ld_value(json, "name", "author")))
        f->author_ld = v;
    if (!f->ld_publisher && (v = S_ld_value(json, "name", "publisher")))
        f->ld_publisher = v;
}

static void S_meta_tag(S_found *f, xmlNodePtr n)
{
    const char *prop = S_attr(n, "property");
    const char *name = S_attr(n, "name");
    const char *item = S_attr(n, "itemprop");
    const char *equiv = S_attr(n, "http-equiv");
    const char *content = S_attr(n, "content");
    if (!content)
        return;
    const char *key = prop ? prop : name ? name : item ? item : equiv;
    if (!key)
        return;
    char k[64];
    size_t i = 0;
    for (; key[i] && i + 1 < sizeof k; i++)
        k[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] + 32 : key[i]);
    k[i] = 0;
    if (!strcmp(k, "og:title") || !strcmp(k, "twitter:title"))
        S_set(&f->og_title, content);
    else if (!strcmp(k, "og:site_name"))
        S_set(&f->site_name, content);
    else if (!strcmp(k, "application-name") || !strcmp(k, "publisher") ||
             !strcmp(k, "dc.publisher"))
        S_set(&f->app_name, content);
    else if (!strcmp(k, "og:url"))
        S_set(&f->og_url, content);
    else if (!strcmp(k, "og:locale"))
        S_set(&f->locale, content);
    else if (!strcmp(k, "content-language") || !strcmp(k, "language") || !strcmp(k, "dc.language"))
        S_set(&f->lang_meta, content);
    else if (!strcmp(k, "author") || !strcmp(k, "article:author") || !strcmp(k, "dc.creator") ||
             !strcmp(k, "byl") || !strcmp(k, "sailthru.author") || !strcmp(k, "parsely-author"))
        S_set(&f->author_meta, content);
    else if (!strcmp(k, "article:published_time") || !strcmp(k, "datepublished") ||
             !strcmp(k, "date") || !strcmp(k, "pubdate") || !strcmp(k, "publishdate") ||
             !strcmp(k, "publish-date") || !strcmp(k, "publish_date") || !strcmp(k, "dc.date") ||
             !strcmp(k, "dc.date.issued") || !strcmp(k, "dcterms.date") ||
             !strcmp(k, "dcterms.created") || !strcmp(k, "dcterms.issued") ||
             !strcmp(k, "sailthru.date") || !strcmp(k, "og:published_time") ||
             !strcmp(k, "article.published") || !strcmp(k, "parsely-pub-date") ||
             !strcmp(k, "dc.date.created") || !strcmp(k, "date.release"))
        S_set(&f->date_meta, content);
    else if (!strcmp(k, "article:modified_time") || !strcmp(k, "datemodified") ||
             !strcmp(k, "og:updated_time") || !strcmp(k, "last-modified"))
        S_set(&f->date_modified, content);
}

static int S_ieq(const char *a, const char *b)
{
    return a && strcasecmp(a, b) == 0;
}

/* how far after the headline a date in the text is looked for */
#define S_DATE_TEXT_NODES 20

static void S_collect(S_found *f, xmlDocPtr doc)
{
    xmlNodePtr n = xmlDocGetRootElement(doc);
    if (!n)
        return;
    xmlNodePtr root = n;
    size_t seen = 0;
    while (n && seen < 2000000) {
        seen++;
        int descend = 1;
        if (n->type == XML_ELEMENT_NODE && n->name) {
            const char *nm = (const char *)n->name;
            if (!strcmp(nm, "html")) {
                S_set(&f->lang_html, S_attr(n, "lang"));
                S_set(&f->lang_html, S_attr(n, "xml:lang"));
            } else if (!strcmp(nm, "meta")) {
                S_meta_tag(f, n);
            } else if (!strcmp(nm, "title")) {
                if (!f->title_tag)
                    f->title_tag = S_text_of(n);
                descend = 0;
            } else if (!strcmp(nm, "link")) {
                const char *rel = S_attr(n, "rel");
                if (S_ieq(rel, "canonical"))
                    S_set(&f->canonical, S_attr(n, "href"));
            } else if (!strcmp(nm, "script")) {
                const char *type = S_attr(n, "type");
                if (S_ieq(type, "application/ld+json")) {
                    xmlChar *c = xmlNodeGetContent(n);
                    if (c) {
                        S_ld(f, (const char *)c);
                        xmlFree(c);
                    }
                }
                descend = 0;
            } else if (!strcmp(nm, "style")) {
                descend = 0;
            } else if (!strcmp(nm, "h1")) {
                if (!f->h1)
                    f->h1 = S_text_of(n);
                else
                    for (int k = 0; k < 3; k++)
                        if (!f->h1_more[k]) {
                            f->h1_more[k] = S_text_of(n);
                            break;
                        }
                descend = 0;
            } else if (!strcmp(nm, "time")) {
                const char *dt = S_attr(n, "datetime");
                if (dt && (S_attr(n, "pubdate") || S_ieq(S_attr(n, "itemprop"), "datepublished")))
                    S_set(&f->date_item, dt);
                S_set(&f->date_time, dt);
            } else if (!strcmp(nm, "a")) {
                if (S_ieq(S_attr(n, "rel"), "author") && !f->author_rel)
                    f->author_rel = S_text_of(n);
            }
            if (!f->date_class && strcmp(nm, "body") != 0 && strcmp(nm, "html") != 0) {
                const char *cls = S_attr(n, "class");
                if (cls &&
                    (strcasestr(cls, "date") || strcasestr(cls, "publish") ||
                     strcasestr(cls, "posted") || strcasestr(cls, "datum") ||
                     strcasestr(cls, "time")) &&
                    !strcasestr(cls, "comment") && !strcasestr(cls, "update") &&
                    !strcasestr(cls, "modified")) {
                    char *t = S_text_of(n);
                    char d[11];
                    if (t && strlen(t) <= 100 && concord_date_normalize(t, strlen(t), d))
                        f->date_class = t;
                    else
                        free(t);
                }
            }
            const char *item = S_attr(n, "itemprop");
            if (item && strcmp(nm, "meta") != 0) {
                if (S_ieq(item, "datepublished")) {
                    const char *v = S_attr(n, "datetime");
                    S_set(&f->date_item, v ? v : S_attr(n, "content"));
                } else if (S_ieq(item, "author") && !f->author_rel) {
                    f->author_rel = S_text_of(n);
                }
            }
        } else if (n->type == XML_TEXT_NODE && f->h1 && !f->date_text && n->content &&
                   f->after_h1 < S_DATE_TEXT_NODES) {
            const char *t = (const char *)n->content;
            while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r')
                t++;
            size_t len = strlen(t);
            if (len) {
                f->after_h1++;
                char d[11];
                /* the date opens the text ("5. November 2021", "April 19,
                 * 2019"), not a sentence that mentions one ("Antworten bis
                 * 23.06.2006"): without its first word it is no date */
                const char *rest = strchr(t, ' ');
                if (len >= 6 && len <= 40 && concord_date_normalize(t, len, d) &&
                    !(rest && concord_date_normalize(rest, strlen(rest), d)))
                    f->date_text = concord_xstrdup(t);
            }
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
}

/* The site part of a <title>: the text after the last " | " (or " - ",
 * " – ", " — ", " :: ", " · ") when the part before it is the headline (or
 * there is no headline to compare with and the tail is short). */
static char *S_title_site(const char *title, const char *headline)
{
    static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » "};
    if (!title)
        return NULL;
    for (size_t s = 0; s < sizeof seps / sizeof seps[0]; s++) {
        const char *last = NULL;
        for (const char *p = strstr(title, seps[s]); p; p = strstr(p + 1, seps[s]))
            last = p;
        if (!last)
            continue;
        const char *tail = last + strlen(seps[s]);
        size_t tl = strlen(tail);
        if (tl < 2 || tl > 60)
            continue;
        size_t hl = (size_t)(last - title);
        if (headline && *headline && strcasecmp(tail, headline) == 0) {
            /* "Site - Headline": the site comes first */
            const char *first = strstr(title, seps[s]);
            size_t fl = (size_t)(first - title);
            if (first == last && fl >= 2 && fl <= 60)
                return concord_xstrndup(title, fl);
            continue;
        }
        if (headline && *headline && !(hl && strncasecmp(title, headline, hl) == 0) &&
            !strcasestr(title, headline))
            continue;
        return concord_xstrdup(tail);
    }
    return NULL;
}

/* Cuts " | Site" style parts from a title. */
static char *S_clean_title(const char *t, const char *outlet, const char *host)
{
    static const char *const seps[] = {" | ", " - ", " – ",  " — ", " :: ", " · ",
                                       " » ", " / ", " // ", " « ", " : "};
    char *title = concord_xstrdup(t);
    for (int round = 0; round < 2; round++) {
        for (size_t s = 0; s < sizeof seps / sizeof seps[0]; s++) {
            size_t sl = strlen(seps[s]);
            char *last = NULL, *first = strstr(title, seps[s]);
            for (char *p = first; p; p = strstr(p + 1, seps[s]))
                last = p;
            if (!last)
                continue;
            const char *tail = last + sl;
            size_t head_len = (size_t)(first - title);
            char dtail[11];
            int names_site = concord_date_normalize(tail, strlen(tail), dtail) && strlen(tail) < 40;
            if (outlet && *outlet && (strcasestr(tail, outlet) || strcasestr(outlet, tail)))
                names_site = 1;
            if (host && *host) {
                char h[128];
                snprintf(h, sizeof h, "%s", host);
                char *dot = strrchr(h, '.');
                if (dot)
                    *dot = 0;
                if (strlen(h) >= 3 && strcasestr(tail, h))
                    names_site = 1;
            }
            if (names_site ||
                ((s == 0 || s == 5 || s == 6 || s == 3) && strlen(tail) < (size_t)(last - title))) {
                *last = 0;
                break;
            }
            /* "Site | Title": site first */
            if (outlet && *outlet && head_len && strncasecmp(title, outlet, head_len) == 0) {
                memmove(title, first + sl, strlen(first + sl) + 1);
                break;
            }
        }
    }
    /* "Site|Title" without spaces, "Title (Site)" */
    char *bar = strchr(title, '|');
    if (bar && outlet && *outlet) {
        *bar = 0;
        if (strcasecmp(title, outlet) == 0)
            memmove(title, bar + 1, strlen(bar + 1) + 1);
        else if (strcasecmp(bar + 1, outlet) == 0)
            ;
        else
            *bar = '|';
    }
    size_t n = strlen(title);
    if (n > 2 && title[n - 1] == ')') {
        char *open = strrchr(title, '(');
        if (open && open > title) {
            char inner[128];
            snprintf(inner, sizeof inner, "%.*s", (int)(title + n - 1 - open - 1), open + 1);
            char hostname[128] = "";
            if (host)
                snprintf(hostname, sizeof hostname, "%s", host);
            char *dot = strrchr(hostname, '.');
            if (dot)
                *dot = 0;
            if ((outlet && *outlet && (strcasestr(inner, outlet) || strcasestr(outlet, inner))) ||
                (hostname[0] && strlen(hostname) >= 3 && strcasestr(inner, hostname)))
                *open = 0;
        }
    }
    /* trailing separators and spaces */
    n = strlen(title);
    while (n && strchr(" |-:/", title[n - 1]))
        title[--n] = 0;
    while (n >= 3 && (unsigned char)title[n - 3] == 0xE2 && (unsigned char)title[n - 2] == 0x80 &&
           ((unsigned char)title[n - 1] == 0x93 || (unsigned char)title[n - 1] == 0x94)) {
        n -= 3;
        title[n] = 0;
        while (n && title[n - 1] == ' ')
            title[--n] = 0;
    }
    size_t lead = 0;
    while (title[lead] == ' ')
        lead++;
    if (lead)
        memmove(title, title + lead, strlen(title + lead) + 1);
    return title;
}

static void S_lang(const char *v, char *out)
{
    size_t k = 0;
    while (v && v[k] && k < 3 && ((v[k] >= 'a' && v[k] <= 'z') || (v[k] >= 'A' && v[k] <= 'Z'))) {
        out[k] = (char)(v[k] >= 'A' && v[k] <= 'Z' ? v[k] + 32 : v[k]);
        k++;
    }
    out[k] = 0;
    if (k < 2)
        out[0] = 0;
}

/* "YYYY-MM-DD" from a URL path: /2022/01/12/, /2022-01-12, /20220112/ */
static int S_url_date(const char *url, char out[11])
{
    if (!url)
        return 0;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p++) {
        if (*p != '/' && *p != '-' && *p != '_')
            continue;
        const char *q = p + 1;
        int y, m, d;
        char s1, s2;
        int n = 0;
        if (sscanf(q, "%4d%c%2d%c%2d%n", &y, &s1, &m, &s2, &d, &n) == 5 && n >= 8 && s1 == s2 &&
            (s1 == '/' || s1 == '-' || s1 == '_') && q[0] >= '1' && q[0] <= '2' &&
            (q[n] == '/' || q[n] == '-' || q[n] == '_' || q[n] == '.' || q[n] == 0) && y >= 1995 &&
            y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
            return 1;
        }
    }
    return 0;
}

void concord_page_meta_read(xmlDocPtr doc, const char *url, concord_page_meta *m)
{
    S_found f;
    memset(&f, 0, sizeof f);
    if (doc)
        S_collect(&f, doc);
    char *host = concord_url_host(url && *url ? url : f.canonical ? f.canonical : f.og_url);
    /* outlet: og:site_name, else the application-name or publisher <meta>;
     * a name that is only a host name ("themercurynews", "example.com")
     * gives way to a written form of it from the other <meta> or the JSON-LD
     * publisher ("The Mercury News"), never to another name */
    if (!f.site_name) {
        f.site_name = f.app_name;
        f.app_name = NULL;
    }
    if (f.site_name) {
        const char *alt[] = {f.app_name, f.ld_publisher};
        for (size_t k = 0; k < 2; k++)
            if (alt[k] && S_spells(alt[k], f.site_name)) {
                free(f.site_name);
                f.site_name = concord_xstrdup(alt[k]);
                break;
            }
    }
    /* a site name that repeats the page title, or is a slogan after the
     * name ("Name | what we do"), is cut back or ignored */
    if (f.site_name && f.title_tag &&
        (strcasecmp(f.site_name, f.title_tag) == 0 ||
         (f.og_title && strcasecmp(f.site_name, f.og_title) == 0) ||
         (f.h1 && strcasecmp(f.site_name, f.h1) == 0))) {
        free(f.site_name);
        f.site_name = NULL;
    }
    if (f.site_name) {
        char *bar = strstr(f.site_name, " | ");
        if (bar && bar - f.site_name >= 2)
            *bar = 0;
        if (strncasecmp(f.site_name, "www.", 4) == 0 && strchr(f.site_name + 4, '.') &&
            !strchr(f.site_name, ' '))
            memmove(f.site_name, f.site_name + 4, strlen(f.site_name + 4) + 1);
    }
    const char *outlet = f.site_name ? f.site_name : f.ld_publisher;
    char *suffix = outlet ? NULL : S_title_site(f.title_tag, f.og_title ? f.og_title : f.h1);
    if (!outlet)
        outlet = suffix ? suffix : host;
    /* a page whose <title> is only the host name written out ("Anwalt
     * Niemeyer" on anwaltniemeyer.de) names the outlet there */
    if (outlet && outlet == host && f.title_tag && S_spells(f.title_tag, host))
        outlet = f.title_tag;
    m->outlet = concord_xstrdup(outlet ? outlet : "");
    free(suffix);
    /* title */
    const char *t = f.og_title ? f.og_title : f.ld_headline;
    /* an og:title cut short (a quote in the attribute) is a prefix of the <title> */
    if (t && f.title_tag && strlen(t) < strlen(f.title_tag) &&
        strncmp(f.title_tag, t, strlen(t)) == 0 && t[strlen(t) - 1] == ' ')
        t = f.title_tag;
    if (!t && f.title_tag) {
        /* the <h1> that the <title> repeats is the headline (a blog's first
         * <h1> is often its own name) */
        const char *h1s[] = {f.h1, f.h1_more[0], f.h1_more[1], f.h1_more[2]};
        for (size_t k = 0; k < 4 && !t; k++)
            if (h1s[k] && strlen(h1s[k]) >= 4 && strcasestr(f.title_tag, h1s[k]) &&
                !(m->outlet[0] && strcasecmp(h1s[k], m->outlet) == 0))
                t = h1s[k];
        if (!t)
            t = f.title_tag;
    }
    if (!t)
        t = f.h1;
    m->title = t ? S_clean_title(t, m->outlet, host) : concord_xstrdup("");
    /* date */
    char d[11] = "";
    const char *cands[] = {f.date_ld, f.date_meta, f.date_item, f.date_time};
    int ok = 0;
    for (size_t k = 0; k < 4 && !ok; k++)
        if (cands[k] && concord_date_normalize(cands[k], strlen(cands[k]), d))
            ok = 1;
    if (!ok)
        ok = S_url_date(url, d) || S_url_date(f.canonical, d);
    if (!ok && f.date_class && concord_date_normalize(f.date_class, strlen(f.date_class), d))
        ok = 1;
    if (!ok && f.date_text && concord_date_normalize(f.date_text, strlen(f.date_text), d))
        ok = 1;
    if (!ok && f.date_modified &&
        concord_date_normalize(f.date_modified, strlen(f.date_modified), d))
        ok = 1;
    m->date = concord_xstrdup(ok ? d : "");
    /* byline */
    const char *by = f.author_meta ? f.author_meta : f.author_ld ? f.author_ld : f.author_rel;
    m->byline = concord_xstrdup(by && !strstr(by, "://") ? by : "");
    m->canonical = concord_xstrdup(f.canonical ? f.canonical : f.og_url ? f.og_url : "");
    char lang[4];
    S_lang(f.lang_html ? f.lang_html : f.lang_meta ? f.lang_meta : f.locale, lang);
    m->lang = concord_xstrdup(lang);
    /* every field must be valid UTF-8 */
    char **fields[] = {&m->outlet, &m->title, &m->byline, &m->canonical};
    for (size_t k = 0; k < 4; k++)
        if (!concord_utf8_valid(*fields[k], strlen(*fields[k]))) {
            char *r = concord_utf8_repair(*fields[k], strlen(*fields[k]), NULL, NULL, NULL);
            free(*fields[k]);
            *fields[k] = r;
        }
    free(host);
    char **all[] = {&f.og_title,   &f.ld_headline, &f.h1,         &f.title_tag,     &f.date_ld,
                    &f.date_meta,  &f.date_item,   &f.date_time,  &f.date_modified, &f.author_meta,
                    &f.author_ld,  &f.author_rel,  &f.site_name,  &f.ld_publisher,  &f.canonical,
                    &f.og_url,     &f.lang_html,   &f.lang_meta,  &f.locale,        &f.h1_more[0],
                    &f.h1_more[1], &f.h1_more[2],  &f.date_class, &f.date_text,     &f.app_name};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        free(*all[k]);
}

void concord_page_meta_free(concord_page_meta *m)
{
    free(m->title);
    free(m->date);
    free(m->byline);
    free(m->outlet);
    free(m->canonical);
    free(m->lang);
    memset(m, 0, sizeof *m);
}
