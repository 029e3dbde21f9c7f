/* group_xlang.c: a report in another language joins the story of its event.
 * Contract in group_xlang.h.
 *
 * Word cosine means nothing between a German and an English report, and the
 * learned pair score (group.c) was trained on English pairs: across
 * languages it joined unrelated pages (group.c S_same_language), so group.c
 * joins an article only to stories with a member in its language, and this
 * pass decides across languages.  After clustering, a story whose reports
 * of the batch are all in one language other than English is compared,
 * report by report, with the batch's reports in other languages (English or
 * not) on what carries across languages (keys made by analyze.c, marked by
 * dedup.c):
 *   - names, one word each: a one-word name or the last word of a longer
 *     one, transliterated and folded ("Горвалин", "Horvalin"), so that
 *     titles and first names, which differ between languages, do not count
 *     (concord__term_is_name_word);
 *   - figures: numbers of two or more digits that are neither bare years
 *     nor days of a month, in one canonical form ("4.200", "4,200", "4200")
 *     (S_TERM_FIGURE);
 *   - the publication days.
 * A pair agrees when it shares at least S_XL_NAMES names and S_XL_FIGURES
 * figures, S_XL_TOTAL of both together, and was published at most
 * S_XL_DAYS days apart (undated: S_XL_UNDATED of each).  Names and
 * figures found in more than S_XL_COMMON_SHARE of the batch (and more than
 * S_XL_COMMON_MIN articles), or in more than S_XL_COMMON_MAX, are common
 * and do not count.  Two reports of
 * different events of one place and week share its names (country,
 * capital, head of state) but rarely two of the same counts; two events with
 * the same counts rarely share two names: both are required.  The story
 * joins the story whose reports agree with it most (shared keys
 * summed over the agreeing pairs, then most pairs, then the lower id).
 *
 * Only the batch's own reports are compared (their features are at hand);
 * each story of one other language joins at most one story, and stories
 * with an English member never move, so joins do not chain through English
 * stories. */
#include "group_xlang.h"

#include <stdlib.h>
#include <string.h>

#define S_XL_NAMES 2
#define S_XL_FIGURES 2
#define S_XL_TOTAL 5
#define S_XL_DAYS 3
#define S_XL_UNDATED 3
#define S_XL_COMMON_MIN 20
#define S_XL_COMMON_SHARE 10 /* one in ten */
#define S_XL_COMMON_MAX 1000 /* and always past 1,000 reports (bounds the work) */

#define S_XL_NONE UINT32_MAX
#define S_XL_NAME 1u /* kinds of evidence */
#define S_XL_FIGURE 2u

/* The kind of evidence term k of f is: S_XL_NAME, S_XL_FIGURE or 0. */
static unsigned S_kind(const concord_features *f, uint32_t k)
{
    if (concord__term_is_name_word(f, k))
        return S_XL_NAME;
    return f->lead[k] & S_TERM_FIGURE ? S_XL_FIGURE : 0;
}

/* uint32 -> uint32 open-addressing map (value 0: absent). */
typedef struct S_xmap {
    uint32_t *key, *val;
    size_t cap, n;
} S_xmap;

static size_t S_xslot(const S_xmap *m, uint32_t key)
{
    size_t h = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 17) & (m->cap - 1);
    while (m->val[h] && m->key[h] != key)
        h = (h + 1) & (m->cap - 1);
    return h;
}

static void S_xmap_init(S_xmap *m, size_t expect)
{
    m->cap = 16;
    while (m->cap < expect * 2)
        m->cap *= 2;
    m->key = concord_xcalloc(m->cap, sizeof *m->key);
    m->val = concord_xcalloc(m->cap, sizeof *m->val);
    m->n = 0;
}

static void S_xmap_free(S_xmap *m)
{
    free(m->key);
    free(m->val);
}

static uint32_t S_xmap_get(const S_xmap *m, uint32_t key)
{
    return m->val[S_xslot(m, key)];
}

/* Sets key to val (> 0); the map was made for at least its final size. */
static void S_xmap_set(S_xmap *m, uint32_t key, uint32_t val)
{
    size_t h = S_xslot(m, key);
    if (!m->val[h])
        m->n++;
    m->key[h] = key;
    m->val[h] = val;
}

typedef struct S_entry {
    uint32_t key;
    uint32_t x; /* index into the foreign reports */
    uint8_t kind;
} S_entry;

static int S_cmp_entry(const void *a, const void *b)
{
    const S_entry *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->x < y->x ? -1 : x->x > y->x;
}

typedef struct S_cand {
    uint32_t from, to; /* story in another language, English story */
    uint32_t score;    /* shared names + figures of the pair */
} S_cand;

static int S_cmp_cand(const void *a, const void *b)
{
    const S_cand *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return x->score > y->score ? -1 : x->score < y->score;
}

/* Whether a foreign report and an English one (days dx, de) agree. */
static int S_agree(uint32_t names, uint32_t figures, int32_t dx, int32_t de)
{
    if (dx == CONCORD_DAY_UNKNOWN || de == CONCORD_DAY_UNKNOWN)
        return names >= S_XL_UNDATED && figures >= S_XL_UNDATED;
    int64_t gap = (int64_t)dx - de;
    if (gap < 0)
        gap = -gap;
    return gap <= S_XL_DAYS && names >= S_XL_NAMES && figures >= S_XL_FIGURES &&
           names + figures >= S_XL_TOTAL;
}

/* Story -> its batch members' language + 1, or S_XL_MIXED. */
#define S_XL_MIXED 0xFFu

/* Over 100 lines, not split yet: one-language stories, keys, their counts, the
 * pairs and the moves share the batch's key index; each step comment is a seam. */
uint32_t *concord__xlang_joins(concord_features *const *feat, const uint32_t *story_of, size_t n,
                               size_t *n_joins)
{
    *n_joins = 0;
    size_t n_foreign = 0;
    for (size_t i = 0; i < n; i++)
        n_foreign += concord__features_lang(feat[i]) != 0;
    if (!n_foreign)
        return NULL;

    /* stories whose members of the batch are all in one language, not
     * English: their reports are compared with reports in other languages */
    S_xmap lang_of;
    S_xmap_init(&lang_of, n);
    for (size_t i = 0; i < n; i++) {
        if (story_of[i] == S_XL_NONE)
            continue;
        uint32_t l = concord__features_lang(feat[i]) + 1, had = S_xmap_get(&lang_of, story_of[i]);
        S_xmap_set(&lang_of, story_of[i], had && had != l ? S_XL_MIXED : l);
    }
    uint32_t *xs = concord_xmalloc(n_foreign * sizeof *xs);
    size_t nx = 0, n_entries = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t l = concord__features_lang(feat[i]);
        if (l && story_of[i] != S_XL_NONE && S_xmap_get(&lang_of, story_of[i]) == l + 1) {
            xs[nx++] = (uint32_t)i;
            for (uint32_t k = 0; k < feat[i]->n_terms; k++)
                n_entries += S_kind(feat[i], k) != 0;
        }
    }
    S_xmap_free(&lang_of);
    if (!nx || !n_entries) {
        free(xs);
        return NULL;
    }

    /* the foreign reports' names and figures, by key */
    S_entry *ev = concord_xmalloc(n_entries * sizeof *ev);
    size_t ne = 0;
    for (size_t j = 0; j < nx; j++) {
        const concord_features *f = feat[xs[j]];
        for (uint32_t k = 0; k < f->n_terms; k++) {
            unsigned kind = S_kind(f, k);
            if (kind) {
                ev[ne].key = f->keys[k];
                ev[ne].x = (uint32_t)j;
                ev[ne++].kind = (uint8_t)kind;
            }
        }
    }
    qsort(ev, ne, sizeof *ev, S_cmp_entry);
    /* unique keys: map key -> u + 1; start[u] .. start[u + 1] in ev */
    uint32_t *start = concord_xmalloc((ne + 1) * sizeof *start);
    size_t nu = 0;
    for (size_t e = 0; e < ne; e++)
        if (e == 0 || ev[e].key != ev[e - 1].key)
            start[nu++] = (uint32_t)e;
    start[nu] = (uint32_t)ne;
    S_xmap index;
    S_xmap_init(&index, nu);
    for (size_t u = 0; u < nu; u++)
        S_xmap_set(&index, ev[start[u]].key, (uint32_t)u + 1);

    /* how many reports of the batch carry each key (any language) */
    uint32_t *df = concord_xcalloc(nu ? nu : 1, sizeof *df);
    for (size_t i = 0; i < n; i++) {
        const concord_features *f = feat[i];
        for (uint32_t k = 0; k < f->n_terms; k++) {
            if (!S_kind(f, k))
                continue;
            uint32_t u = S_xmap_get(&index, f->keys[k]);
            if (u)
                df[u - 1]++;
        }
    }
    uint32_t common = (uint32_t)(n / S_XL_COMMON_SHARE);
    if (common < S_XL_COMMON_MIN)
        common = S_XL_COMMON_MIN;
    if (common > S_XL_COMMON_MAX)
        common = S_XL_COMMON_MAX;

    /* each report against the reports in other languages it shares keys with */
    uint32_t *names = concord_xcalloc(nx, sizeof *names);
    uint32_t *figures = concord_xcalloc(nx, sizeof *figures);
    uint32_t *touched = concord_xmalloc(nx * sizeof *touched);
    S_cand *cand = NULL;
    size_t nc = 0, cap = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_features *f = feat[i];
        if (story_of[i] == S_XL_NONE)
            continue;
        uint32_t lang = concord__features_lang(f);
        size_t nt = 0;
        for (uint32_t k = 0; k < f->n_terms; k++) {
            unsigned bits = S_kind(f, k);
            if (!bits)
                continue;
            uint32_t u = S_xmap_get(&index, f->keys[k]);
            if (!u || df[u - 1] > common)
                continue;
            for (uint32_t e = start[u - 1]; e < start[u]; e++) {
                unsigned both = bits & ev[e].kind;
                uint32_t x = ev[e].x;
                if (!both || concord__features_lang(feat[xs[x]]) == lang ||
                    story_of[xs[x]] == story_of[i])
                    continue;
                if (!names[x] && !figures[x])
                    touched[nt++] = x;
                if (both & S_XL_NAME)
                    names[x]++;
                else
                    figures[x]++;
            }
        }
        for (size_t t = 0; t < nt; t++) {
            uint32_t x = touched[t];
            if (S_agree(names[x], figures[x], feat[xs[x]]->day, f->day)) {
                CONCORD_GROW(cand, cap, nc + 1);
                cand[nc].from = story_of[xs[x]];
                cand[nc].to = story_of[i];
                cand[nc++].score = names[x] + figures[x];
            }
            names[x] = figures[x] = 0;
        }
    }
    free(names);
    free(figures);
    free(touched);
    free(df);
    free(start);
    free(ev);
    free(xs);
    S_xmap_free(&index);

    /* per story to move: the story its agreeing pairs share the most keys
     * with (summed over the pairs: a story of several reports of the event
     * outweighs a lone copy), then the one with most pairs */
    if (nc) /* qsort of a NULL array, even empty, is undefined (UBSan) */
        qsort(cand, nc, sizeof *cand, S_cmp_cand);
    uint32_t *out = NULL;
    size_t no = 0;
    for (size_t a = 0; a < nc;) {
        size_t b = a;
        uint32_t best_to = S_XL_NONE, best_score = 0, best_pairs = 0;
        while (b < nc && cand[b].from == cand[a].from) {
            size_t c = b;
            uint32_t score = 0;
            for (; c < nc && cand[c].from == cand[b].from && cand[c].to == cand[b].to; c++)
                score += cand[c].score;
            uint32_t pairs = (uint32_t)(c - b);
            if (best_to == S_XL_NONE || score > best_score ||
                (score == best_score && pairs > best_pairs)) {
                best_to = cand[b].to;
                best_score = score;
                best_pairs = pairs;
            }
            b = c;
        }
        out = concord_xrealloc(out, 2 * (no + 1) * sizeof *out);
        out[2 * no] = cand[a].from;
        out[2 * no + 1] = best_to;
        no++;
        a = b;
    }
    free(cand);
    *n_joins = no;
    return out;
}
