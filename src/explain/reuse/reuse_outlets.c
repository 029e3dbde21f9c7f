/* reuse_outlets.c: the outlet network across a store (concord outlets):
 * which outlets copy or rewrite which, how often, with what lag, and how
 * much of each outlet's output is its own.  Built from stored story
 * documents (articles[].source, date, derived_from).  The table and JSON
 * views are src/render/term/outlets_view.c. */
#include "concord/reuse.h"
#include "concord/article.h"
#include "common/date.h"
#include "explain/reuse/reuse_outlets.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *from, *to; /* outlets: to copied or rewrote from */
    size_t copy, rewrite;
    long *lags; /* days, dated pairs only */
    size_t n_lags, cap_lags;
    char *ex[CONCORD__OUTLET_EXAMPLES];         /* stories where the link was counted, first seen */
    size_t ex_member[CONCORD__OUTLET_EXAMPLES]; /* the derived report's index in the story */
    size_t n_ex;
    /* loaded from the store's outlet table (concord__outlets_put_link):
     * the counts of dated pairs and their median, instead of lags */
    int loaded, has_median;
    size_t dated;
    double median;
} S_oedge;

typedef struct {
    char *name;
    size_t articles, derived; /* derived: a copy or rewrite of another outlet's report */
    size_t picked;            /* a partial network (concord__outlets_set_partial): its
                               * reports that other outlets copied or rewrote */
} S_outlet;

/* Slots of an open-addressing index: (hash | 1, position + 1); 0 = empty.
 * Stores hold thousands of outlets: a linear search per report made
 * building the network quadratic. */
typedef struct {
    uint64_t *h;
    size_t *at;
    size_t n, cap;
} S_index;

struct concord_outlets {
    S_oedge *e;
    size_t ne, cap_e;
    S_outlet *o;
    size_t no, cap_o;
    size_t stories;
    S_index by_name, by_pair; /* outlets by name, edges by (from, to) */
    int partial;              /* only the first links: the totals below are the network's */
    size_t all_links, all_linked;
};

static void S_index_put(S_index *ix, uint64_t h, size_t at)
{
    if ((ix->n + 1) * 2 > ix->cap) {
        size_t ncap = ix->cap ? ix->cap * 2 : 64;
        uint64_t *nh = concord_xcalloc(ncap, sizeof *nh);
        size_t *nat = concord_xcalloc(ncap, sizeof *nat);
        for (size_t i = 0; i < ix->cap; i++)
            if (ix->h[i]) {
                size_t k = ix->h[i] & (ncap - 1);
                while (nh[k])
                    k = (k + 1) & (ncap - 1);
                nh[k] = ix->h[i];
                nat[k] = ix->at[i];
            }
        free(ix->h);
        free(ix->at);
        ix->h = nh;
        ix->at = nat;
        ix->cap = ncap;
    }
    size_t k = h & (ix->cap - 1);
    while (ix->h[k])
        k = (k + 1) & (ix->cap - 1);
    ix->h[k] = h;
    ix->at[k] = at + 1;
    ix->n++;
}

static void S_index_free(S_index *ix)
{
    free(ix->h);
    free(ix->at);
    memset(ix, 0, sizeof *ix);
}

static uint64_t S_name_hash(const char *name)
{
    return concord_hash(name, strlen(name), 0x6f75746c) | 1;
}

static uint64_t S_pair_hash(const char *from, const char *to)
{
    return concord_hash(to, strlen(to), concord_hash(from, strlen(from), 0x65646765)) | 1;
}

concord_outlets *concord_outlets_new(void)
{
    return concord_xcalloc(1, sizeof(concord_outlets));
}

void concord_outlets_free(concord_outlets *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->ne; i++) {
        free(x->e[i].from);
        free(x->e[i].to);
        free(x->e[i].lags);
        for (size_t k = 0; k < x->e[i].n_ex; k++)
            free(x->e[i].ex[k]);
    }
    for (size_t i = 0; i < x->no; i++)
        free(x->o[i].name);
    free(x->e);
    free(x->o);
    S_index_free(&x->by_name);
    S_index_free(&x->by_pair);
    free(x);
}

/* Days since 1970-01-01 of "YYYY-MM-DD", or LONG_MIN-ish -1e9 when not a date. */
static long S_days(const char *d)
{
    int y, m, dd;
    return concord__date_parse(d, &y, &m, &dd) ? concord__date_days(y, m, dd) : -1000000000L;
}

static S_outlet *S_outlet_of(concord_outlets *x, const char *name)
{
    uint64_t h = S_name_hash(name);
    for (size_t k = x->by_name.cap ? h & (x->by_name.cap - 1) : 0;
         x->by_name.cap && x->by_name.h[k]; k = (k + 1) & (x->by_name.cap - 1))
        if (x->by_name.h[k] == h && !strcmp(x->o[x->by_name.at[k] - 1].name, name))
            return &x->o[x->by_name.at[k] - 1];
    S_index_put(&x->by_name, h, x->no);
    CONCORD_GROW(x->o, x->cap_o, x->no + 1);
    S_outlet *o = &x->o[x->no++];
    memset(o, 0, sizeof *o);
    o->name = concord_xstrdup(name);
    return o;
}

static S_oedge *S_edge_of(concord_outlets *x, const char *from, const char *to)
{
    uint64_t h = S_pair_hash(from, to);
    for (size_t k = x->by_pair.cap ? h & (x->by_pair.cap - 1) : 0;
         x->by_pair.cap && x->by_pair.h[k]; k = (k + 1) & (x->by_pair.cap - 1)) {
        S_oedge *e = &x->e[x->by_pair.at[k] - 1];
        if (x->by_pair.h[k] == h && !strcmp(e->from, from) && !strcmp(e->to, to))
            return e;
    }
    S_index_put(&x->by_pair, h, x->ne);
    CONCORD_GROW(x->e, x->cap_e, x->ne + 1);
    S_oedge *e = &x->e[x->ne++];
    memset(e, 0, sizeof *e);
    e->from = concord_xstrdup(from);
    e->to = concord_xstrdup(to);
    return e;
}

#define S_UNKNOWN "(unknown outlet)"

/* The article's outlet: its `source`, else its URL's host, else NULL (the
 * reader's "unknown" is no outlet); *owned holds what the caller frees. */
static const char *S_src(const concord_json *a, char **owned)
{
    *owned = NULL;
    const char *s = concord_json_get_str(a, "source");
    if (s && *s && strcmp(s, "unknown") != 0)
        return s;
    const char *url = concord_json_get_str(a, "url");
    return url && *url ? (*owned = concord_url_host(url)) : NULL;
}

/* Each article's outlet and an id -> first position table, built once per
 * story: a derived_from link is then a look-up, not a pass over the story's
 * articles (and a URL host made) per link. */
typedef struct {
    const char **src; /* per article: S_src, or NULL */
    char **owned;     /* per article: what S_src allocated */
    uint64_t *h;      /* open addressing: id hash | 1, 0 empty */
    size_t *at;       /* article position */
    size_t cap;
} S_story_ix;

static void S_story_ix_build(S_story_ix *ix, const concord_json *arts)
{
    size_t n = arts->len;
    ix->src = concord_xcalloc(n ? n : 1, sizeof *ix->src);
    ix->owned = concord_xcalloc(n ? n : 1, sizeof *ix->owned);
    ix->cap = 16;
    while (ix->cap < 2 * n)
        ix->cap *= 2;
    ix->h = concord_xcalloc(ix->cap, sizeof *ix->h);
    ix->at = concord_xcalloc(ix->cap, sizeof *ix->at);
    for (size_t q = 0; q < n; q++) {
        ix->src[q] = S_src(arts->items[q], &ix->owned[q]);
        const char *id = concord_json_get_str(arts->items[q], "id");
        if (!id)
            continue;
        uint64_t h = concord_hash(id, strlen(id), 0x1d) | 1;
        size_t k = h & (ix->cap - 1);
        for (; ix->h[k]; k = (k + 1) & (ix->cap - 1))
            if (ix->h[k] == h && !strcmp(concord_json_get_str(arts->items[ix->at[k]], "id"), id))
                break;
        if (!ix->h[k]) { /* the first article of an id wins, as a scan would find */
            ix->h[k] = h;
            ix->at[k] = q;
        }
    }
}

/* Position of the first article with this id, or -1. */
static long S_story_ix_find(const S_story_ix *ix, const concord_json *arts, const char *id)
{
    uint64_t h = concord_hash(id, strlen(id), 0x1d) | 1;
    for (size_t k = h & (ix->cap - 1); ix->h[k]; k = (k + 1) & (ix->cap - 1))
        if (ix->h[k] == h && !strcmp(concord_json_get_str(arts->items[ix->at[k]], "id"), id))
            return (long)ix->at[k];
    return -1;
}

static void S_story_ix_free(S_story_ix *ix, size_t n)
{
    for (size_t q = 0; q < n; q++)
        free(ix->owned[q]);
    free(ix->owned);
    free(ix->src);
    free(ix->h);
    free(ix->at);
}

void concord_outlets_add(concord_outlets *x, const concord_json *story)
{
    const concord_json *arts = story ? concord_json_get(story, "articles") : NULL;
    if (!arts || arts->type != CONCORD_JSON_ARRAY)
        return;
    x->stories++;
    S_story_ix ix;
    S_story_ix_build(&ix, arts);
    for (size_t i = 0; i < arts->len; i++) {
        const concord_json *a = arts->items[i];
        const char *src = ix.src[i];
        S_outlet *o = S_outlet_of(x, src ? src : S_UNKNOWN);
        o->articles++;
        if (!src)
            continue; /* a report of no known outlet is nobody's pick-up */
        const concord_json *df = concord_json_get(a, "derived_from");
        /* the article's best source among other outlets' reports: a copy
         * outranks a rewrite, then the larger share (as `concord lineage`) */
        const concord_json *best = NULL, *best_art = NULL;
        const char *best_src = NULL;
        int best_copy = 0;
        double best_share = -1;
        for (size_t k = 0; df && df->type == CONCORD_JSON_ARRAY && k < df->len; k++) {
            const char *kind = concord_json_get_str(df->items[k], "kind");
            const char *id = concord_json_get_str(df->items[k], "id");
            if (!kind || !id || (strcmp(kind, "copy") && strcmp(kind, "rewrite")))
                continue;
            long q = S_story_ix_find(&ix, arts, id);
            const char *pa_src = q >= 0 ? ix.src[q] : NULL;
            if (!pa_src || !strcmp(pa_src, src))
                continue; /* same or unknown outlet: not a pick-up from another outlet */
            int is_copy = !strcmp(kind, "copy");
            double share = concord_json_get_num(df->items[k], "share", 0);
            if (!best || (is_copy && !best_copy) || (is_copy == best_copy && share > best_share)) {
                best = df->items[k];
                best_art = arts->items[q];
                best_src = pa_src;
                best_copy = is_copy;
                best_share = share;
            }
        }
        if (!best)
            continue;
        o = S_outlet_of(x, src); /* the array may have moved */
        o->derived++;
        S_oedge *e = S_edge_of(x, best_src, src);
        const char *story_id = concord_json_get_str(story, "story");
        int seen = !story_id || e->n_ex == CONCORD__OUTLET_EXAMPLES;
        for (size_t k = 0; !seen && k < e->n_ex; k++)
            seen = !strcmp(e->ex[k], story_id);
        if (!seen) {
            e->ex_member[e->n_ex] = i;
            e->ex[e->n_ex++] = concord_xstrdup(story_id);
        }
        if (best_copy)
            e->copy++;
        else
            e->rewrite++;
        long d1 = S_days(concord_json_get_str(best_art, "date"));
        long d2 = S_days(concord_json_get_str(a, "date"));
        if (d1 > -1000000000L && d2 > -1000000000L) {
            CONCORD_GROW(e->lags, e->cap_lags, e->n_lags + 1);
            e->lags[e->n_lags++] = d2 - d1;
        }
    }
    S_story_ix_free(&ix, arts->len);
}

static int S_long_cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int S_edge_cmp(const void *a, const void *b)
{
    const S_oedge *x = a, *y = b;
    size_t nx = x->copy + x->rewrite, ny = y->copy + y->rewrite;
    if (nx != ny)
        return nx > ny ? -1 : 1;
    int c = strcmp(x->from, y->from);
    return c ? c : strcmp(x->to, y->to);
}

static int S_outlet_cmp(const void *a, const void *b)
{
    const S_outlet *x = a, *y = b;
    if (x->articles != y->articles)
        return x->articles > y->articles ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Median of the sorted lags; *ok = 0 when none. */
double concord__outlets_median(long *v, size_t n, int *ok)
{
    *ok = n > 0;
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, S_long_cmp);
    return n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
}

void concord_outlets_network(concord_outlets *x, concord_outlet_network *net)
{
    if (x->ne) /* qsort wants a non-null base even for no elements */
        qsort(x->e, x->ne, sizeof *x->e, S_edge_cmp);
    if (x->no)
        qsort(x->o, x->no, sizeof *x->o, S_outlet_cmp);
    /* the sort moved them: index the new positions (a later add finds them) */
    S_index_free(&x->by_name);
    S_index_free(&x->by_pair);
    for (size_t i = 0; i < x->no; i++)
        S_index_put(&x->by_name, S_name_hash(x->o[i].name), i);
    for (size_t i = 0; i < x->ne; i++)
        S_index_put(&x->by_pair, S_pair_hash(x->e[i].from, x->e[i].to), i);
    memset(net, 0, sizeof *net);
    net->stories = x->stories;
    net->n_links = x->ne;
    net->n_outlets = x->no;
    net->links = concord_xcalloc(x->ne ? x->ne : 1, sizeof *net->links);
    net->outlets = concord_xcalloc(x->no ? x->no : 1, sizeof *net->outlets);
    for (size_t i = 0; i < x->ne; i++) {
        S_oedge *e = &x->e[i];
        concord_outlet_link *l = &net->links[i];
        l->from = e->from;
        l->to = e->to;
        l->copy = e->copy;
        l->rewrite = e->rewrite;
        if (e->loaded) {
            l->dated = e->dated;
            l->has_lag = e->has_median;
            l->median_lag_days = e->median;
        } else {
            l->dated = e->n_lags;
            l->median_lag_days = concord__outlets_median(e->lags, e->n_lags, &l->has_lag);
        }
    }
    for (size_t i = 0; i < x->no; i++) {
        net->outlets[i].outlet = x->o[i].name;
        net->outlets[i].articles = x->o[i].articles;
        net->outlets[i].derived = x->o[i].derived;
    }
}

void concord_outlets_network_free(concord_outlet_network *net)
{
    if (!net)
        return;
    free(net->links);
    free(net->outlets);
    memset(net, 0, sizeof *net);
}

const char *const *concord__outlets_link_examples(const concord_outlets *x, size_t link, size_t *n)
{
    if (link >= x->ne) {
        *n = 0;
        return NULL;
    }
    *n = x->e[link].n_ex;
    return (const char *const *)x->e[link].ex;
}

long concord__outlets_link_example_member(const concord_outlets *x, size_t link, size_t k)
{
    if (link >= x->ne || k >= x->e[link].n_ex)
        return -1;
    return (long)x->e[link].ex_member[k];
}

/* ---- one story's contribution, and a network put together from them ---- */

size_t concord__outlets_stories(const concord_outlets *x)
{
    return x->stories;
}

size_t concord__outlets_n_outlets(const concord_outlets *x)
{
    return x->no;
}

const char *concord__outlets_outlet(const concord_outlets *x, size_t i, size_t *articles,
                                    size_t *derived)
{
    if (i >= x->no)
        return NULL;
    *articles = x->o[i].articles;
    *derived = x->o[i].derived;
    return x->o[i].name;
}

size_t concord__outlets_n_links(const concord_outlets *x)
{
    return x->ne;
}

int concord__outlets_link(const concord_outlets *x, size_t i, concord__outlet_link_part *out)
{
    if (i >= x->ne)
        return -1;
    const S_oedge *e = &x->e[i];
    out->from = e->from;
    out->to = e->to;
    out->copy = e->copy;
    out->rewrite = e->rewrite;
    out->lags = e->lags;
    out->n_lags = e->n_lags;
    out->example = e->n_ex ? e->ex[0] : NULL;
    out->member = e->n_ex ? (long)e->ex_member[0] : -1;
    return 0;
}

void concord__outlets_put_outlet(concord_outlets *x, const char *name, size_t articles,
                                 size_t derived, size_t picked)
{
    S_outlet *o = S_outlet_of(x, name);
    o->articles += articles;
    o->derived += derived;
    o->picked += picked;
}

void concord__outlets_set_partial(concord_outlets *x, size_t all_links, size_t all_linked)
{
    x->partial = 1;
    x->all_links = all_links;
    x->all_linked = all_linked;
}

int concord__outlets_partial(const concord_outlets *x, size_t *all_links, size_t *all_linked)
{
    if (!x || !x->partial)
        return 0;
    *all_links = x->all_links;
    *all_linked = x->all_linked;
    return 1;
}

size_t concord__outlets_picked(const concord_outlets *x, size_t i)
{
    return i < x->no ? x->o[i].picked : 0;
}

void concord__outlets_put_link(concord_outlets *x, const concord__outlet_link_total *t)
{
    S_oedge *e = S_edge_of(x, t->from, t->to);
    e->copy += t->copy;
    e->rewrite += t->rewrite;
    e->loaded = 1;
    e->dated = t->dated;
    e->has_median = t->has_median;
    e->median = t->median;
    for (size_t k = 0; k < t->n_ex && e->n_ex < CONCORD__OUTLET_EXAMPLES; k++) {
        e->ex_member[e->n_ex] = t->ex_member[k];
        e->ex[e->n_ex++] = concord_xstrdup(t->ex[k]);
    }
}

void concord__outlets_set_stories(concord_outlets *x, size_t n)
{
    x->stories = n;
}
