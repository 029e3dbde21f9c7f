/* html.c: main-text extraction from one web page (see concord/html.h).
 *
 * 1. Decode to UTF-8 (charset.c) and parse with libxml2's HTML parser.
 * 2. Walk the tree once (depth capped), dropping what is never article text
 *    (scripts, styles, forms' controls, hidden parts, <nav>/<aside>/<footer>,
 *    and elements whose class or id names a page part such as a comment
 *    section, share bar or cookie notice: data/html_classes.txt), and cut the
 *    visible text into blocks at block-level elements.  Each block knows its
 *    owner element, its length, its link text and its function words
 *    (data/html_function_words.txt, several languages).
 * 3. Score: every block of prose adds points (1 + commas + length / 100,
 *    times its share of non-link text) to the element holding it and, less,
 *    to that element's ancestors; each candidate is weighted by its tag and
 *    class and scaled by its own non-link share.  The best candidate, plus
 *    siblings that score close to it or read as prose, is the article.  An
 *    element marked schema.org articleBody with enough text wins outright.
 * 4. Inside the article, containers that read as link lists or widgets
 *    (link density, class weight, lists longer than the prose) are dropped,
 *    and so are single blocks that are mostly links or short text without
 *    function words or sentence punctuation.
 * 5. Too little text left: the walk is redone without the class-based drop,
 *    then without the conditional drop, and the longest result is kept. */
#include "concord/html.h"
#include "concord/text.h"
#include "html_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <dlfcn.h>

#include "html_classes.inc"
#include "html_function_words.inc"

/* ---- tag table --------------------------------------------------------- */

enum {
    F_BLOCK = 1,  /* starts a new block */
    F_SKIP = 2,   /* never text */
    F_BOILER = 4, /* page furniture: dropped with its subtree */
    F_HEADING = 8,
    F_PARA = 16, /* holds prose itself (p, pre, li, td...) */
    F_LIST = 32,
    F_CONTAINER = 64, /* may hold an article (div, section...) */
    F_LINK = 128,
};

typedef struct S_tag {
    const char *name;
    int flags;
    int base; /* initial candidate score */
} S_tag;

/* sorted by name for bsearch */
static const S_tag S_tags[] = {
    {"a", F_LINK, 0},
    {"address", F_BLOCK | F_PARA, -3},
    {"applet", F_SKIP, 0},
    {"article", F_BLOCK | F_CONTAINER, 10},
    {"aside", F_BLOCK | F_BOILER, 0},
    {"audio", F_SKIP, 0},
    {"blockquote", F_BLOCK | F_CONTAINER, 3},
    {"body", F_BLOCK | F_CONTAINER, 0},
    {"br", 0, 0},
    {"button", F_SKIP, 0},
    {"canvas", F_SKIP, 0},
    {"caption", F_BLOCK | F_PARA, 0},
    {"center", F_BLOCK | F_CONTAINER, 0},
    {"dd", F_BLOCK | F_PARA, -3},
    {"details", F_BLOCK | F_CONTAINER, 0},
    {"dialog", F_SKIP, 0},
    {"div", F_BLOCK | F_CONTAINER, 5},
    {"dl", F_BLOCK | F_LIST, -3},
    {"dt", F_BLOCK | F_PARA, -3},
    {"embed", F_SKIP, 0},
    {"fieldset", F_BLOCK | F_CONTAINER, -3},
    {"figcaption", F_BLOCK | F_BOILER, -3},
    {"figure", F_BLOCK | F_CONTAINER, 0},
    {"footer", F_BLOCK | F_BOILER, 0},
    {"form", F_BLOCK | F_CONTAINER, -3},
    {"frame", F_SKIP, 0},
    {"h1", F_BLOCK | F_HEADING, -5},
    {"h2", F_BLOCK | F_HEADING, -5},
    {"h3", F_BLOCK | F_HEADING, -5},
    {"h4", F_BLOCK | F_HEADING, -5},
    {"h5", F_BLOCK | F_HEADING, -5},
    {"h6", F_BLOCK | F_HEADING, -5},
    {"head", F_SKIP, 0},
    {"header", F_BLOCK | F_CONTAINER, -3},
    {"hr", F_BLOCK, 0},
    {"html", F_BLOCK | F_CONTAINER, 0},
    {"iframe", F_SKIP, 0},
    {"img", 0, 0},
    {"input", F_SKIP, 0},
    {"label", F_SKIP, 0},
    {"legend", F_SKIP, 0},
    {"li", F_BLOCK | F_PARA, -3},
    {"main", F_BLOCK | F_CONTAINER, 10},
    {"map", F_SKIP, 0},
    {"math", F_SKIP, 0},
    {"menu", F_BLOCK | F_BOILER, 0},
    {"meta", F_SKIP, 0},
    {"nav", F_BLOCK | F_BOILER, 0},
    /* libxml2 parses <noscript> as markup, and an unclosed one can hold the
     * rest of the page: a container like any other, scored on its text */
    {"noscript", F_BLOCK | F_CONTAINER, -3},
    {"object", F_SKIP, 0},
    {"ol", F_BLOCK | F_LIST, -3},
    {"option", F_SKIP, 0},
    {"p", F_BLOCK | F_PARA, 0},
    {"picture", F_SKIP, 0},
    {"pre", F_BLOCK | F_PARA, 3},
    {"rp", F_SKIP, 0}, /* ruby: the reading of a word is not text */
    {"rt", F_SKIP, 0},
    {"script", F_SKIP, 0},
    {"section", F_BLOCK | F_CONTAINER, 3},
    {"select", F_SKIP, 0},
    {"style", F_SKIP, 0},
    {"summary", F_BLOCK | F_PARA, 0},
    {"svg", F_SKIP, 0},
    {"table", F_BLOCK | F_CONTAINER, -1},
    {"tbody", F_BLOCK | F_CONTAINER, 0},
    {"td", F_BLOCK | F_PARA | F_CONTAINER, 3},
    {"template", F_SKIP, 0},
    {"textarea", F_SKIP, 0},
    {"tfoot", F_BLOCK | F_CONTAINER, 0},
    {"th", F_BLOCK | F_PARA, -5},
    {"thead", F_BLOCK | F_CONTAINER, 0},
    {"title", F_SKIP, 0},
    {"tr", F_BLOCK | F_CONTAINER, 0},
    {"ul", F_BLOCK | F_LIST, -3},
    {"video", F_SKIP, 0},
};

static int S_tag_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const S_tag *)e)->name);
}

static const S_tag *S_tag_of(const char *name)
{
    return bsearch(name, S_tags, sizeof S_tags / sizeof S_tags[0], sizeof S_tags[0], S_tag_cmp);
}

/* ---- lexicons ---------------------------------------------------------- */

enum { K_UNLIKELY, K_MAYBE, K_POSITIVE, K_NEGATIVE, K_FURNITURE, K_N };

typedef struct S_frag {
    const char *s;
    size_t len;
    int kind;
} S_frag;

typedef struct S_lex {
    S_frag *bucket[256]; /* fragments by first byte */
    unsigned short n_bucket[256];
    uint64_t *words; /* open-addressing set of function-word hashes */
    size_t words_mask;
} S_lex;

static S_lex S_L;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_init(void)
{
    xmlInitParser();
    for (size_t i = 0; i < html_classes_count; i++) {
        const char *l = html_classes_lines[i];
        const char *tab = strchr(l, '\t');
        if (!tab)
            continue;
        size_t kl = (size_t)(tab - l);
        int k = kl == 8 && !strncmp(l, "unlikely", 8)    ? K_UNLIKELY
                : kl == 5 && !strncmp(l, "maybe", 5)     ? K_MAYBE
                : kl == 8 && !strncmp(l, "positive", 8)  ? K_POSITIVE
                : kl == 8 && !strncmp(l, "negative", 8)  ? K_NEGATIVE
                : kl == 9 && !strncmp(l, "furniture", 9) ? K_FURNITURE
                                                         : -1;
        unsigned char first = (unsigned char)tab[1];
        if (k < 0 || !first)
            continue;
        S_L.bucket[first] =
            concord_xrealloc(S_L.bucket[first], (S_L.n_bucket[first] + 1u) * sizeof(S_frag));
        S_frag *f = &S_L.bucket[first][S_L.n_bucket[first]++];
        f->s = tab + 1;
        f->len = strlen(tab + 1);
        f->kind = k;
    }
    size_t cap = 1024;
    while (cap < html_function_words_count * 4)
        cap *= 2;
    S_L.words = concord_xcalloc(cap, sizeof *S_L.words);
    S_L.words_mask = cap - 1;
    for (size_t i = 0; i < html_function_words_count; i++) {
        const char *w = html_function_words_lines[i];
        uint64_t h = concord_hash(w, strlen(w), 7) | 1;
        size_t j = h & S_L.words_mask;
        while (S_L.words[j] && S_L.words[j] != h)
            j = (j + 1) & S_L.words_mask;
        S_L.words[j] = h;
    }
}

static int S_is_function_word(const char *w, size_t n)
{
    uint64_t h = concord_hash(w, n, 7) | 1;
    size_t j = h & S_L.words_mask;
    while (S_L.words[j]) {
        if (S_L.words[j] == h)
            return 1;
        j = (j + 1) & S_L.words_mask;
    }
    return 0;
}

/* ---- the walk ---------------------------------------------------------- */

enum { O_STRIP_UNLIKELY = 1, O_CLEAN_CONDITIONALLY = 2 };

typedef struct S_el {
    xmlNodePtr node;
    int parent;
    int flags; /* S_tag flags */
    int tag_base;
    int weight; /* class / id weight */
    int hint;   /* 1 <article>/<main>, 2 itemprop=articleBody */
    uint32_t text, link, commas;
    uint32_t n_p, n_li, n_input, n_heading_text;
    double score;
    int candidate;
    int keep;      /* in the chosen article */
    int boiler;    /* page furniture (nav, footer, unlikely class) */
    int soft;      /* boiler by its class name only */
    int in_boiler; /* it or an ancestor is */
} S_el;

typedef struct S_block {
    int owner;
    size_t start, len;
    uint32_t link;
    uint32_t words, fwords, commas, sentence_ends;
    int flags; /* owner's flags */
} S_block;

typedef struct S_walk {
    int opts;
    S_el *els;
    size_t n_els, cap_els;
    S_block *blocks;
    size_t n_blocks, cap_blocks;
    concord_buf text;   /* all block texts */
    size_t block_start; /* start of the open block in text */
    uint32_t block_link;
    int cur; /* innermost block element */
    int depth_capped;
    int in_head_article;
} S_walk;

static int S_new_el(S_walk *w, xmlNodePtr node, int parent, const S_tag *t)
{
    CONCORD_GROW(w->els, w->cap_els, w->n_els + 1);
    S_el *e = &w->els[w->n_els];
    memset(e, 0, sizeof *e);
    e->node = node;
    e->parent = parent;
    e->flags = t ? t->flags : 0;
    e->tag_base = t ? t->base : 0;
    return (int)w->n_els++;
}

static void S_flush(S_walk *w)
{
    concord_buf *b = &w->text;
    /* trim */
    size_t s = w->block_start, e = b->len;
    while (s < e && b->data[s] == ' ')
        s++;
    while (e > s && (b->data[e - 1] == ' ' || b->data[e - 1] == '\n'))
        e--;
    if (e > s && w->cur >= 0) {
        CONCORD_GROW(w->blocks, w->cap_blocks, w->n_blocks + 1);
        S_block *bl = &w->blocks[w->n_blocks++];
        memset(bl, 0, sizeof *bl);
        bl->owner = w->cur;
        bl->start = s;
        bl->len = e - s;
        bl->link = w->block_link > e - s ? (uint32_t)(e - s) : w->block_link;
        bl->flags = w->els[w->cur].flags;
        /* words, function words, commas */
        const unsigned char *p = (const unsigned char *)b->data + s;
        size_t n = e - s, i = 0;
        char low[32];
        while (i < n) {
            unsigned char c = p[i];
            if (c == ',' || (c == 0xEF && i + 2 < n && p[i + 1] == 0xBC && p[i + 2] == 0x8C) ||
                (c == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x81) ||
                (c == 0xD8 && i + 1 < n && p[i + 1] == 0x8C))
                bl->commas++;
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == n || p[i + 1] == ' '))
                bl->sentence_ends++;
            if ((c == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x82) ||
                (c == 0xEF && i + 2 < n && p[i + 1] == 0xBC &&
                 (p[i + 2] == 0x81 || p[i + 2] == 0x9F)))
                bl->sentence_ends++;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0) {
                size_t k = 0;
                while (i < n && ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
                                 p[i] >= 0x80 || p[i] == '\'')) {
                    unsigned char d = p[i];
                    if (d >= 'A' && d <= 'Z')
                        d += 32;
                    else if (d >= 0x80 && d <= 0x9E && k > 0 && k <= sizeof low &&
                             (unsigned char)low[k - 1] == 0xC3)
                        d += 0x20;              /* Latin-1 supplement capitals */
                    if (d == 0xE2 || d == 0xE3) /* punctuation / CJK: ends a word */
                        break;
                    if (k < sizeof low)
                        low[k] = (char)d;
                    k++;
                    i++;
                }
                bl->words++;
                if (k <= sizeof low && S_is_function_word(low, k))
                    bl->fwords++;
                if (k == 0)
                    i++;
                continue;
            }
            i++;
        }
        w->els[w->cur].text += (uint32_t)bl->len;
        w->els[w->cur].link += bl->link;
        w->els[w->cur].commas += bl->commas;
    }
    /* keep an accepted block's text, forget anything else */
    b->len = e > s && w->cur >= 0 ? e : w->block_start;
    if (b->data)
        b->data[b->len] = 0;
    w->block_start = b->len;
    w->block_link = 0;
}

static void S_add_text(S_walk *w, const char *s, int in_link)
{
    concord_buf *b = &w->text;
    size_t before = b->len;
    int space = b->len > w->block_start && b->data[b->len - 1] == ' ';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = 1;
            continue;
        }
        /* no-break space U+00A0 as a space */
        if (c == 0xC2 && p[1] == 0xA0) {
            p++;
            space = 1;
            continue;
        }
        if (space && b->len > w->block_start && b->data[b->len - 1] != '\n')
            concord_buf_addc(b, ' ');
        space = 0;
        concord_buf_addc(b, (char)c);
    }
    if (space && b->len > w->block_start && b->data[b->len - 1] != ' ')
        concord_buf_addc(b, ' ');
    if (in_link)
        w->block_link += (uint32_t)(b->len - before);
}

/* Class / id weight and whether the element is unlikely to hold article text. */
static void S_classify(xmlNodePtr n, int *weight, int *unlikely, int *hint)
{
    char cls[256], id[128], all[400];
    int hc = concord_html_attr(n, "class", cls, sizeof cls);
    int hi = concord_html_attr(n, "id", id, sizeof id);
    char prop[64];
    if (concord_html_attr(n, "itemprop", prop, sizeof prop) && strstr(prop, "articlebody"))
        *hint = 2;
    *weight = 0;
    *unlikely = 0;
    /* a schema.org Person (author box, contact card) is not article text */
    if (concord_html_attr(n, "itemtype", prop, sizeof prop) && strstr(prop, "schema.org/person")) {
        *weight = -25;
        *unlikely = 1;
        return;
    }
    /* a dialog (cookie consent, newsletter pop-up) is never the article */
    if ((concord_html_attr(n, "role", prop, sizeof prop) &&
         (strcmp(prop, "dialog") == 0 || strcmp(prop, "alertdialog") == 0)) ||
        (concord_html_attr(n, "aria-modal", prop, sizeof prop) && strcmp(prop, "true") == 0)) {
        *weight = -25;
        *unlikely = 2;
        return;
    }
    if (!hc && !hi)
        return;
    snprintf(all, sizeof all, "%s %s", hc ? cls : "", hi ? id : "");
    /* one pass over the string: fragments bucketed by their first byte */
    int found[K_N] = {0};
    for (const unsigned char *p = (const unsigned char *)all; *p; p++) {
        const S_frag *f = S_L.bucket[*p];
        for (unsigned short k = 0; k < S_L.n_bucket[*p]; k++)
            if (!found[f[k].kind] && memcmp(p, f[k].s, f[k].len) == 0)
                found[f[k].kind] = 1;
    }
    *weight = 25 * found[K_POSITIVE] - 25 * found[K_NEGATIVE];
    *unlikely = (found[K_UNLIKELY] && !found[K_MAYBE]) || found[K_FURNITURE];
    if (found[K_FURNITURE] && *weight > -25)
        *weight = -25;
}

static int S_hidden(xmlNodePtr n)
{
    char v[128];
    if (xmlHasProp(n, (const xmlChar *)"hidden"))
        return 1;
    if (concord_html_attr(n, "aria-hidden", v, sizeof v) && strcmp(v, "true") == 0)
        return 1;
    if (concord_html_attr(n, "style", v, sizeof v)) {
        char *q = v, *o = v;
        for (; *q; q++)
            if (*q != ' ')
                *o++ = *q;
        *o = 0;
        if (strstr(v, "display:none") || strstr(v, "visibility:hidden"))
            return 1;
    }
    return 0;
}

static void S_walk_children(S_walk *w, xmlNodePtr node, int parent, int in_link, int depth);

static void S_walk_node(S_walk *w, xmlNodePtr c, int parent, int in_link, int depth)
{
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content)
            S_add_text(w, (const char *)c->content, in_link);
        return;
    }
    if (c->type != XML_ELEMENT_NODE || !c->name)
        return;
    if (depth > CONCORD_HTML_MAX_DEPTH) {
        w->depth_capped = 1;
        return;
    }
    const S_tag *t = S_tag_of((const char *)c->name);
    int flags = t ? t->flags : 0;
    if (flags & F_SKIP)
        return;
    if (t && strcmp(t->name, "br") == 0) {
        concord_buf_addc(&w->text, '\n');
        return;
    }
    int inside_article = 0;
    for (int p = parent; p >= 0; p = w->els[p].parent)
        if (w->els[p].hint) {
            inside_article = 1;
            break;
        }
    if (S_hidden(c))
        return;
    /* page furniture is kept in the tree but marked: libxml2's HTML 4 rules
     * sometimes nest a whole page inside an unclosed <nav> or <header> */
    int boiler = (flags & F_BOILER) != 0;
    if (t && strcmp(t->name, "header") == 0 && !inside_article)
        boiler = 1;
    int weight = 0, unlikely = 0, hint = 0, soft = 0;
    S_classify(c, &weight, &unlikely, &hint);
    if (t && (strcmp(t->name, "article") == 0 || strcmp(t->name, "main") == 0) && !hint)
        hint = 1;
    if (unlikely == 2 && !hint && (flags & F_BLOCK))
        boiler = 1; /* a dialog: furniture in every pass, like <nav> */
    if (unlikely && (w->opts & O_STRIP_UNLIKELY) && !hint &&
        !(t && (strcmp(t->name, "body") == 0 || strcmp(t->name, "html") == 0 ||
                strcmp(t->name, "a") == 0))) {
        if (!(flags & F_BLOCK))
            return;
        soft = !boiler;
        boiler = 1;
    }
    int is_link = (flags & F_LINK) && xmlHasProp(c, (const xmlChar *)"href");
    if (!(flags & F_BLOCK)) {
        if (flags & F_LINK) {
            /* a link is inline: no element record, only its text counts as link */
            S_walk_children(w, c, parent, in_link || is_link, depth + 1);
            return;
        }
        S_walk_children(w, c, parent, in_link, depth + 1);
        return;
    }
    S_flush(w);
    int e = S_new_el(w, c, parent, t);
    w->els[e].weight = weight;
    w->els[e].hint = hint;
    w->els[e].boiler = boiler;
    w->els[e].soft = soft && unlikely == 1;
    if (t && strcmp(t->name, "input") == 0)
        w->els[e].n_input++;
    int saved = w->cur;
    w->cur = e;
    S_walk_children(w, c, e, in_link, depth + 1);
    S_flush(w);
    w->cur = saved;
}

static void S_walk_children(S_walk *w, xmlNodePtr node, int parent, int in_link, int depth)
{
    for (xmlNodePtr c = node->children; c; c = c->next)
        S_walk_node(w, c, parent, in_link, depth);
}

/* ---- scoring ----------------------------------------------------------- */

static double S_link_density(const S_el *e)
{
    return e->text ? (double)e->link / (double)e->text : 0.0;
}

static void S_init_candidate(S_el *e)
{
    if (e->candidate)
        return;
    e->candidate = 1;
    e->score = e->tag_base + e->weight / 5;
}

/* Element whose score a block of owner o feeds first. */
static int S_container_of(const S_walk *w, int o)
{
    const S_el *e = &w->els[o];
    if ((e->flags & F_PARA) && !(e->flags & F_CONTAINER) && e->parent >= 0)
        return e->parent;
    if ((e->flags & F_HEADING) && e->parent >= 0)
        return e->parent;
    return o;
}

static int S_is_prose(const S_block *b)
{
    if (b->len < 25)
        return 0;
    return 1;
}

#ifndef S_SOFT_MAX_LD
#define S_SOFT_MAX_LD 0.1
#endif
#ifndef S_SOFT_MIN_P
#define S_SOFT_MIN_P 5
#endif
#ifndef S_SOFT_MIN_TEXT
#define S_SOFT_MIN_TEXT 1500
#endif

#ifndef S_LEAD_SKIP
#define S_LEAD_SKIP 6
#endif

static int S_choose(S_walk *w)
{
    /* subtree totals (elements are in preorder: parents first) */
    for (size_t i = w->n_els; i-- > 1;) {
        S_el *e = &w->els[i];
        if (e->parent < 0)
            continue;
        S_el *p = &w->els[e->parent];
        p->text += e->text;
        p->link += e->link;
        p->commas += e->commas;
        p->n_p += e->n_p + ((e->flags & F_PARA) && !(e->flags & F_LIST) && e->text >= 25 &&
                            strcmp((const char *)e->node->name, "li") != 0);
        p->n_li += e->n_li + (e->node->name[0] == 'l' && e->node->name[1] == 'i');
        if (e->flags & F_HEADING)
            p->n_heading_text += e->text;
        p->n_heading_text += e->n_heading_text;
    }
    /* a part dropped for its class name alone that holds many paragraphs
     * of prose and few links is the article after all (page builders class
     * every block a "widget") */
    for (size_t i = 0; i < w->n_els; i++) {
        S_el *e = &w->els[i];
        if (e->soft && ((e->n_p >= S_SOFT_MIN_P && e->text >= S_SOFT_MIN_TEXT &&
                         S_link_density(e) < S_SOFT_MAX_LD) ||
                        (w->n_els && e->text * 10 > w->els[0].text * 6 && e->n_p >= S_SOFT_MIN_P)))
            e->boiler = 0; /* nor does a "footer" hold most of the page */
    }
    for (size_t i = 0; i < w->n_els; i++) {
        S_el *e = &w->els[i];
        e->in_boiler = e->boiler || (e->parent >= 0 && w->els[e->parent].in_boiler);
    }
    for (size_t i = 0; i < w->n_blocks; i++) {
        const S_block *b = &w->blocks[i];
        if (!S_is_prose(b))
            continue;
        double ld = b->len ? (double)b->link / (double)b->len : 0;
        if (ld > 0.6)
            continue;
        double len_pts = (double)(b->len / 100);
        if (len_pts > 3)
            len_pts = 3;
        double pts = 1 + b->commas + len_pts;
        if (b->words >= 4 && b->fwords * 10 >= b->words)
            pts += 1;
        pts *= 1 - ld;
        if (w->els[b->owner].in_boiler)
            pts *= 0.2;
        int c = S_container_of(w, b->owner);
        static const double div[] = {1, 2, 3, 4, 6};
        for (int level = 0; c >= 0 && level < 5; level++, c = w->els[c].parent) {
            S_el *e = &w->els[c];
            S_init_candidate(e);
            e->score += pts / div[level];
        }
    }
    int top = -1;
    for (size_t i = 0; i < w->n_els; i++) {
        S_el *e = &w->els[i];
        if (!e->candidate)
            continue;
        e->score *= (1 - S_link_density(e)) * (1 + e->weight / 100.0);
        if (top < 0 || e->score > w->els[top].score)
            top = (int)i;
    }
    /* schema.org articleBody with enough text wins */
    int best_hint = -1;
    for (size_t i = 0; i < w->n_els; i++)
        if (w->els[i].hint == 2 && w->els[i].text >= 200 &&
            (best_hint < 0 || w->els[i].text > w->els[best_hint].text))
            best_hint = (int)i;
    if (best_hint >= 0 && S_link_density(&w->els[best_hint]) < 0.5)
        return best_hint;
    return top;
}

static int S_ancestor_of(const S_walk *w, int a, int d)
{
    for (; d >= 0; d = w->els[d].parent)
        if (d == a)
            return 1;
    return 0;
}

/* Marks els[].keep for the article: the top candidate and good siblings. */
static void S_select(S_walk *w, int top)
{
    S_el *t = &w->els[top];
    /* a parent that holds most of the score moves up (Readability's "the top
     * candidate is only one of several paragraphs' parents") */
    for (int hops = 0; hops < 3 && t->parent >= 0 && t->hint != 2; hops++) {
        S_el *p = &w->els[t->parent];
        if (!p->candidate || p->score < t->score * 0.85 || p->text > t->text * 1.6 + 200)
            break;
        top = t->parent;
        t = p;
    }
    t->keep = 1;
    if (t->parent < 0)
        return;
    double threshold = t->score * 0.2 > 10 ? t->score * 0.2 : 10;
    for (size_t i = 0; i < w->n_els; i++) {
        S_el *s = &w->els[i];
        if (s->parent != t->parent || (int)i == top)
            continue;
        double ld = S_link_density(s);
        double bonus = s->weight > 0 && t->weight > 0 ? t->score * 0.2 : 0;
        if (s->candidate && s->score + bonus >= threshold)
            s->keep = 1;
        else if ((s->flags & F_PARA) && s->text > 80 && ld < 0.25)
            s->keep = 1;
        else if ((s->flags & F_PARA) && s->text > 0 && s->text <= 80 && ld == 0 &&
                 s->commas + 1 > 0 && s->n_p == 0)
            s->keep = 0;
    }
}

/* Conditional cleaning of containers inside the article. */
static int S_bad_container(const S_walk *w, const S_el *e)
{
    if (!(e->flags & (F_CONTAINER | F_LIST)) || (e->flags & F_PARA && !(e->flags & F_CONTAINER)))
        return 0;
    if (e->hint)
        return 0;
    if (e->commas >= 10 && S_link_density(e) < 0.5)
        return 0;
    (void)w;
    double ld = S_link_density(e);
    int is_list = (e->flags & F_LIST) != 0;
    if (e->weight < 0 && e->text < 400)
        return 1;
    if (!is_list && e->n_li > e->n_p + 3 && ld > 0.2)
        return 1;
    if (!is_list && e->weight < 25 && ld > 0.3)
        return 1;
    if (ld > 0.5)
        return 1;
    if (is_list && ld > 0.35)
        return 1;
    return 0;
}

static int S_bad_block(const S_walk *w, const S_block *b)
{
    double ld = b->len ? (double)b->link / (double)b->len : 0;
    if (ld > 0.5)
        return 1;
    /* a short line with a copyright sign is a photo credit or a caption
     * (html-dev: 68 such blocks kept, none article text) */
    if (b->len < 200 && memmem(w->text.data + b->start, b->len, "\xC2\xA9", 2))
        return 1;
    if (b->flags & F_HEADING)
        return 0;
    return 0;
}

/* A block that reads as running text on its own. */
static int S_good_prose(const S_block *b)
{
    const int minlen = 80;
    if (b->len < (size_t)minlen || (b->flags & F_HEADING))
        return 0;
    if (b->link * 10 > b->len)
        return 0;
    if (b->words >= 8 && b->fwords * 100 < b->words * 10)
        return 0;
    return b->sentence_ends >= 1 || b->commas >= 2;
}

/* A heading long enough to be a sentence: the lead (standfirst) that many
 * sites set as an <h2> above the body. */
static int S_lead_heading(const S_block *b)
{
    return (b->flags & F_HEADING) && b->len >= 120 && b->link == 0 &&
           (b->sentence_ends >= 1 || b->commas >= 1);
}

static int S_item(const S_walk *w, const S_block *b)
{
    const char *on = (const char *)w->els[b->owner].node->name;
    return (b->flags & F_PARA) && b->link == 0 && b->len >= 15 &&
           (on[0] == 'l' || (on[0] == 't' && (on[1] == 'd' || on[1] == 'h')));
}

/* A block after the article's last running text that still belongs to it:
 * on html-dev, tail headings, link lines and loose text in containers were
 * boilerplate 59 times and article text 3 times; paragraphs and list items
 * there are as often one as the other, so they stay. */
static int S_tail_ok(const S_walk *w, const S_block *b)
{
    if (b->flags & F_HEADING) /* a heading with no running text under it */
        return 0;
    if (b->link * 10 > b->len * 3)
        return 0;
    /* loose text in a container, not a paragraph or list item */
    if ((b->flags & F_CONTAINER) && !(b->flags & F_PARA))
        return 0;
    (void)w;
    return 1;
}

typedef struct S_result {
    concord_buf out;
    size_t n_kept;
} S_result;

/* Over 100 lines, not split yet: the keep marks are propagated and then
 * widened (nearby prose, the lead, short fragments, the tail) over one
 * preorder list; each widening is a seam (its step comment). */
static void S_emit(S_walk *w, int top, S_result *res)
{
    concord_buf_init(&res->out);
    res->n_kept = 0;
    if (top < 0)
        return;
    S_select(w, top);
    /* propagate keep (and drop) down the preorder list */
    char *in = concord_xcalloc(w->n_els ? w->n_els : 1, 1);
    for (size_t i = 0; i < w->n_els; i++) {
        S_el *e = &w->els[i];
        int pin = e->parent >= 0 ? in[e->parent] : 0;
        if (e->keep)
            in[i] = 1;
        else if (pin == 1)
            in[i] = e->boiler || ((w->opts & O_CLEAN_CONDITIONALLY) && S_bad_container(w, e)) ||
                            (e->weight < 0 && e->text < 200 && !(e->flags & F_HEADING))
                        ? 2
                        : 1;
        else
            in[i] = pin ? 2 : 0;
    }
    /* prose close to the article (same grandparent region) that the
     * candidate choice left out: long, few links, running text */
    int region = top;
    int up = 10;
    for (int k = 0; k < up && w->els[region].parent > 0; k++)
        region = w->els[region].parent;
    char *near = concord_xcalloc(w->n_els ? w->n_els : 1, 1);
    for (size_t i = 0; i < w->n_els; i++) {
        const S_el *e = &w->els[i];
        near[i] =
            (int)i == region || (e->parent >= 0 && near[e->parent] && !e->boiler && e->weight >= 0);
    }
    char *take = concord_xcalloc(w->n_blocks ? w->n_blocks : 1, 1);
    int h1_seen = 0;
    for (size_t i = 0; i < w->n_blocks; i++) {
        const S_block *b = &w->blocks[i];
        if (!(in[b->owner] == 1 || (in[b->owner] == 0 && near[b->owner] &&
                                    (S_good_prose(b) || S_lead_heading(b) || S_item(w, b)))))
            continue;
        if (S_bad_block(w, b))
            continue;
        const char *name = (const char *)w->els[b->owner].node->name;
        if (strcmp(name, "h1") == 0 && !h1_seen) {
            h1_seen = 1;
            continue; /* the title: article->title holds it */
        }
        take[i] = 1;
    }
    /* the lead: running text set just above the body in a container of its
     * own (standfirst, teaser paragraph), found by walking back from the
     * first kept block over a few short ones (byline, date, picture) */
    {
        size_t first = 0;
        while (first < w->n_blocks && !take[first])
            first++;
        int skipped = 0, leads = 0;
        for (size_t i = first; i-- > 0 && skipped < S_LEAD_SKIP && leads < 2;) {
            const S_block *b = &w->blocks[i];
            if (S_good_prose(b) && !w->els[b->owner].in_boiler && !S_bad_block(w, b)) {
                take[i] = 1;
                leads++;
            } else if (b->len >= 80) {
                break; /* other text: not a lead */
            } else {
                skipped++;
            }
        }
    }
    /* short fragments (menu words, labels, dates) stay only between kept
     * text; headings stay when text follows them */
    const int shortlen = 30;
    for (size_t i = 0; i < w->n_blocks; i++) {
        const S_block *b = &w->blocks[i];
        if (!take[i] || b->len >= (size_t)shortlen || b->sentence_ends)
            continue;
        size_t p = i, n = i + 1;
        while (p > 0 && !take[p - 1])
            p--;
        while (n < w->n_blocks && !take[n])
            n++;
        int prev_ok = p > 0 && w->blocks[p - 1].len >= (size_t)shortlen;
        int next_ok = n < w->n_blocks && w->blocks[n].len >= (size_t)shortlen;
        /* list items and table cells are short by nature */
        const char *on = (const char *)w->els[b->owner].node->name;
        int is_li = (b->flags & F_PARA) &&
                    (on[0] == 'l' || (on[0] == 't' && (on[1] == 'd' || on[1] == 'h')));
        if (b->flags & F_HEADING) {
            if (!next_ok && !(n < w->n_blocks))
                take[i] = 0;
        } else if (is_li) {
            ;
        } else if (!(prev_ok && next_ok)) {
            take[i] = 0;
        }
    }
    /* the tail after the last paragraph of running text is where sign-offs
     * turn into furniture (share prompts, author notes, 'read more') */
    {
        size_t last = w->n_blocks;
        for (size_t i = w->n_blocks; i-- > 0;)
            if (take[i] && S_good_prose(&w->blocks[i])) {
                last = i;
                break;
            }
        if (last < w->n_blocks)
            for (size_t i = last + 1; i < w->n_blocks; i++)
                if (take[i] && !S_tail_ok(w, &w->blocks[i]))
                    take[i] = 0;
    }
    for (size_t i = 0; i < w->n_blocks; i++) {
        if (!take[i])
            continue;
        const S_block *b = &w->blocks[i];
        if (res->out.len)
            concord_buf_add(&res->out, "\n\n", 2);
        concord_buf_add(&res->out, w->text.data + b->start, b->len);
        res->n_kept++;
    }
    free(take);
    free(in);
    free(near);
    (void)S_ancestor_of;
}

static void S_walk_free(S_walk *w)
{
    free(w->els);
    free(w->blocks);
    concord_buf_free(&w->text);
}

static size_t S_extract(xmlDocPtr doc, int opts, S_result *res, concord_html_stats *st)
{
    S_walk w;
    memset(&w, 0, sizeof w);
    w.opts = opts;
    w.cur = -1;
    concord_buf_init(&w.text);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root) {
        /* a synthetic root element so that every block has an owner */
        S_new_el(&w, root, -1, S_tag_of("body"));
        w.cur = 0;
        if (root->type == XML_ELEMENT_NODE && root->name &&
            strcmp((const char *)root->name, "html") == 0)
            S_walk_children(&w, root, 0, 0, 1);
        else
            S_walk_node(&w, root, 0, 0, 1);
        S_flush(&w);
    }
    int top = S_choose(&w);
    if (getenv("CONCORD_HTML_NOCLEAN")) {
        w.opts = 0;
        for (size_t i = 0; i < w.n_els; i++)
            w.els[i].boiler = 0;
    }
    if (getenv("CONCORD_HTML_ALL") && w.n_els) {
        for (size_t i = 0; i < w.n_els; i++)
            w.els[i].keep = 0;
        top = 0;
        w.opts = 0;
        w.els[0].boiler = 0;
        for (size_t i = 0; i < w.n_els; i++)
            w.els[i].boiler = 0;
    }
    S_emit(&w, top, res);
    if (st) {
        st->text_bytes = w.n_els ? w.els[0].text : 0;
        st->n_blocks = w.n_blocks;
        st->n_kept = res->n_kept;
        st->kept_bytes = res->out.len;
        st->depth_capped = w.depth_capped;
    }
    S_walk_free(&w);
    return res->out.len;
}

/* ---- language of the text --------------------------------------------- */

/* libexttextcat, opened at first use (dlopen: no link-time dependency, and
 * none of its symbols in libconcord's); without it, no detection.  Its
 * classifier keeps work buffers in the handle: one handle, behind a lock. */
typedef void *(*S_textcat_init_fn)(const char *conf, const char *prefix);
typedef char *(*S_textcat_classify_fn)(void *handle, const char *text, size_t len);
static void *S_textcat;
static S_textcat_classify_fn S_textcat_classify;
static pthread_once_t S_textcat_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t S_textcat_lock = PTHREAD_MUTEX_INITIALIZER;

static void S_textcat_init(void)
{
#ifdef CONCORD_TEXTCAT_DIR
    void *lib = dlopen("libexttextcat-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return;
    void *init_sym = dlsym(lib, "special_textcat_Init");
    void *classify_sym = dlsym(lib, "textcat_Classify");
    if (!init_sym || !classify_sym)
        return;
    S_textcat_init_fn init;
    memcpy(&init, &init_sym, sizeof init); /* POSIX: dlsym gives functions too */
    memcpy(&S_textcat_classify, &classify_sym, sizeof S_textcat_classify);
    S_textcat = init(CONCORD_TEXTCAT_DIR "fpdb.conf", CONCORD_TEXTCAT_DIR);
#endif
}

/* The language of extracted text by its character n-grams ("de"; the models'
 * primary subtag), "" when the text is short or the models disagree with
 * every language.  On html-dev pages that do name their language, this agrees
 * with the page on 96.4% (892 of 925), and most disagreements are pages
 * whose hint is wrong (German pages marked "en"). */
static void S_detect_lang(const char *text, size_t len, char *out, size_t cap)
{
    out[0] = 0;
    if (len < 200)
        return;
    pthread_once(&S_textcat_once, S_textcat_init);
    if (!S_textcat)
        return;
    size_t n = len < 2000 ? len : 2000;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--; /* whole UTF-8 characters */
    pthread_mutex_lock(&S_textcat_lock);
    const char *r = S_textcat_classify(S_textcat, text, n);
    size_t k = 0;
    if (r && r[0] == '[')
        for (const char *p = r + 1; *p && *p != '-' && *p != ']' && k + 1 < cap; p++)
            out[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    out[k] = 0;
    pthread_mutex_unlock(&S_textcat_lock);
}

/* ---- entry point ------------------------------------------------------- */

int concord_html_attr(xmlNodePtr node, const char *name, char *out, size_t cap)
{
    xmlAttrPtr a = xmlHasProp(node, (const xmlChar *)name);
    if (!a || !a->children || !a->children->content) {
        if (cap)
            out[0] = 0;
        return a != NULL;
    }
    const char *v = (const char *)a->children->content;
    size_t k = 0;
    for (; v[k] && k + 1 < cap; k++)
        out[k] = (char)(v[k] >= 'A' && v[k] <= 'Z' ? v[k] + 32 : v[k]);
    out[k] = 0;
    return 1;
}

static xmlDocPtr S_parse(const char *utf8, size_t len)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    if (len > (size_t)INT32_MAX)
        len = (size_t)INT32_MAX;
    xmlDocPtr doc = htmlCtxtReadMemory(ctxt, utf8, (int)len, NULL, "UTF-8", opts);
    htmlFreeParserCtxt(ctxt);
    return doc;
}

concord_article *concord_html_article(const void *page, size_t len, const concord_html_source *src,
                                      concord_diag *diag, concord_html_stats *stats)
{
    pthread_once(&S_once, S_init);
    concord_html_source none;
    memset(&none, 0, sizeof none);
    if (!src)
        src = &none;
    concord_html_stats st;
    memset(&st, 0, sizeof st);
    char label[32];
    concord_charset_for_page(page, len, src->content_type, label);
    /* a binary payload (image, PDF, compressed data) labelled HTML: control
     * bytes that no text encoding but UTF-16 uses */
    if (page && len && strncmp(label, "utf-16", 6) != 0) {
        const unsigned char *p = page;
        size_t n = len < 4096 ? len : 4096, ctl = 0;
        for (size_t i = 0; i < n; i++)
            ctl += p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t' && p[i] != '\f' &&
                   p[i] != 0x1B;
        if (ctl * 100 > n && ctl >= 4) {
            st.binary = 1;
            if (diag)
                concord_diag_report(diag, src->origin ? src->origin : "-", src->line, src->offset,
                                    "binary payload, not a web page (%zu control bytes in the "
                                    "first %zu); no text read",
                                    ctl, n);
            len = 0;
        }
    }
    size_t ulen = 0, n_bad = 0;
    char *utf8 =
        concord_charset_decode(page ? page : "", page ? len : 0, label, &ulen, &n_bad, st.charset);
    xmlDocPtr doc = S_parse(utf8, ulen);
    S_result res;
    memset(&res, 0, sizeof res);
    concord_page_meta meta;
    memset(&meta, 0, sizeof meta);
    if (doc) {
        concord_page_meta_read(doc, src->url, &meta);
        size_t got = S_extract(doc, O_STRIP_UNLIKELY | O_CLEAN_CONDITIONALLY, &res, &st);
        if (got < 250) {
            static const int retry[] = {O_CLEAN_CONDITIONALLY, 0};
            for (size_t k = 0; k < 2; k++) {
                S_result r2;
                concord_html_stats st2 = st;
                size_t got2 = S_extract(doc, retry[k], &r2, &st2);
                if (got2 > got * 2 + 50) {
                    concord_buf_free(&res.out);
                    res = r2;
                    st = st2;
                    got = got2;
                } else {
                    concord_buf_free(&r2.out);
                }
                if (got >= 250)
                    break;
            }
        }
        xmlFreeDoc(doc);
    } else {
        concord_page_meta_read(NULL, src->url, &meta);
        concord_buf_init(&res.out);
    }
    if (st.depth_capped && diag)
        concord_diag_report(diag, src->origin ? src->origin : "-", src->line, src->offset,
                            "markup nested deeper than %d levels; the deeper part is ignored",
                            CONCORD_HTML_MAX_DEPTH);
    const char *date = meta.date[0] ? meta.date : src->date;
    char norm[11] = "";
    if (date && *date && !concord_date_normalize(date, strlen(date), norm))
        norm[0] = 0;
    const char *url = src->url && *src->url ? src->url : meta.canonical;
    /* the caller's strings come from the input too (WARC headers, JSON) */
    char *id_ok = src->id && !concord_utf8_valid(src->id, strlen(src->id))
                      ? concord_utf8_repair(src->id, strlen(src->id), NULL, NULL, NULL)
                      : NULL;
    char *url_ok = url && !concord_utf8_valid(url, strlen(url))
                       ? concord_utf8_repair(url, strlen(url), NULL, NULL, NULL)
                       : NULL;
    concord_article *a =
        concord_article_new(id_ok ? id_ok : src->id, meta.outlet, url_ok ? url_ok : url, norm,
                            meta.title, res.out.data ? res.out.data : "", res.out.len);
    free(id_ok);
    free(url_ok);
    free(a->lang);
    if (meta.lang && meta.lang[0]) {
        a->lang = concord_xstrdup(meta.lang);
    } else {
        char guess[16];
        S_detect_lang(a->text, a->text_len, guess, sizeof guess);
        a->lang = concord_xstrdup(guess);
    }
    free(a->canonical);
    a->canonical = concord_xstrdup(meta.canonical);
    free(a->byline);
    a->byline = concord_xstrdup(meta.byline);
    a->bad_bytes = n_bad;
    if (src->origin) {
        free(a->origin);
        a->origin = concord_utf8_repair(src->origin, strlen(src->origin), NULL, NULL, NULL);
    }
    a->line = src->line;
    concord_buf_free(&res.out);
    concord_page_meta_free(&meta);
    free(utf8);
    if (stats)
        *stats = st;
    return a;
}
