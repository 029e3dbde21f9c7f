/* reuse_align.c: passage alignment between two analyzed texts (seed,
 * extend, filter) and the spinning-artifact count; see concord/reuse.h. */
#include "reuse_internal.h"
#include "common/sort_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "reuse_spin.inc"

/* qsort that accepts an empty (possibly NULL) array. */
static void S_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

/* Sentence edges closer than this many words are taken into a passage. */
#define S_SNAP_WORDS 3
/* Passages considered per pair (longest first). */
#define S_MAX_PASSAGES 1000000
/* Words in an exact run that counts as verbatim. */
#define S_VERBATIM_RUN 4
/* Content words the seeds of a passage must span before extension. */
#define S_MIN_SEED_SPAN 4
/* Words an exact-match extension may add at either end of a passage. */
#define S_EXTEND_WORDS 64
/* Content words within which another seed supports a seed. */
#define S_SUPPORT 4

void concord_align_defaults(concord_align_opts *o)
{
    o->max_gap = 12;
    o->min_seeds = 3;
    o->min_words = 6;
    o->max_freq = 8;
    o->min_similarity = 0.25;
}

static uint64_t S_mix(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2));
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return h;
}

/* (hash, pos): a total order, positions are distinct */
#define S_GRAM_LESS(a, b) ((a)->hash < (b)->hash || ((a)->hash == (b)->hash && (a)->pos < (b)->pos))
CONCORD__SORT_DEFINE(S_sort_grams, reuse_gram, S_GRAM_LESS)

static uint64_t S_run_hash(const concord_doc *d, uint32_t k);

void concord__reuse_profile_init(reuse_profile *p, const char *text, const concord_doc *doc)
{
    memset(p, 0, sizeof *p);
    p->text = text;
    p->doc = doc;
    p->content = concord_xmalloc((doc->n_words + 1) * sizeof *p->content);
    for (size_t k = 0; k < doc->n_words; k++)
        if (!(doc->words[k].flags & CONCORD_TOK_STOP))
            p->content[p->n_content++] = (uint32_t)k;
    p->n_grams = p->n_content > 1 ? p->n_content - 1 : 0;
    p->grams = concord_xmalloc((p->n_grams + 1) * sizeof *p->grams);
    for (size_t t = 0; t < p->n_grams; t++) {
        p->grams[t].hash =
            S_mix(doc->words[p->content[t]].stem, doc->words[p->content[t + 1]].stem);
        p->grams[t].pos = (uint32_t)t;
    }
    S_sort_grams(p->grams, p->n_grams);
    for (size_t t = 0; t < p->n_grams;) {
        size_t u = t;
        while (u < p->n_grams && p->grams[u].hash == p->grams[t].hash)
            u++;
        for (size_t v = t; v < u; v++)
            p->grams[v].freq = (uint32_t)(u - t);
        t = u;
    }
    size_t ns = doc->n_sentences;
    p->sent_first = concord_xmalloc((ns + 1) * sizeof *p->sent_first);
    p->sent_last = concord_xmalloc((ns + 1) * sizeof *p->sent_last);
    for (size_t s = 0; s < ns; s++) {
        p->sent_first[s] = UINT32_MAX;
        p->sent_last[s] = 0;
    }
    for (size_t k = 0; k < doc->n_words; k++) {
        uint32_t s = doc->words[k].sentence;
        if (s >= ns)
            continue;
        if (p->sent_first[s] == UINT32_MAX)
            p->sent_first[s] = (uint32_t)k;
        p->sent_last[s] = (uint32_t)k;
    }
    /* per text, not per pair: every pair the text is in reads them */
    p->runs = concord_xmalloc((doc->n_words + 1) * sizeof *p->runs);
    for (size_t k = 0; k + S_VERBATIM_RUN <= doc->n_words; k++)
        p->runs[k] = S_run_hash(doc, (uint32_t)k);
}

void concord__reuse_profile_free(reuse_profile *p)
{
    free(p->content);
    free(p->grams);
    free(p->sent_first);
    free(p->sent_last);
    free(p->runs);
    memset(p, 0, sizeof *p);
}

size_t concord__reuse_words_in(const concord_doc *d, uint32_t start, uint32_t end)
{
    /* first word starting at or after start */
    size_t lo = 0, hi = d->n_words;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->words[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t first = lo;
    /* first word ending after end */
    hi = d->n_words;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->words[mid].end <= end)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - first;
}

/* ---- seeds and clusters ------------------------------------------------ */

/* A seed is a shared bigram at content position i in a and j in b, kept as
 * one 64-bit key with the position it is ordered by in the high half:
 * (i << 32 | j) ordered by (i, j), or its halves swapped, (j << 32 | i),
 * ordered by (j, i).  So each ordering is a sort of plain integers
 * (concord_sort_u64: no comparator calls, one pass when already in order). */
static uint64_t S_swap_halves(uint64_t k)
{
    return k << 32 | k >> 32;
}

/* Keeps seeds with another seed close on both sides: an isolated shared
 * bigram ("police said" earlier in the text) must not stretch a passage.
 * s holds (i << 32 | j) keys; they come back sorted. */
static size_t S_supported(uint64_t *s, size_t n)
{
    concord_sort_u64(s, n);
    unsigned char *keep = concord_xcalloc(n + 1, 1);
    for (size_t k = 0; k < n; k++) {
        uint32_t ik = (uint32_t)(s[k] >> 32), jk = (uint32_t)s[k];
        for (size_t q = k + 1; q < n && (uint32_t)(s[q] >> 32) - ik <= S_SUPPORT; q++) {
            uint32_t jq = (uint32_t)s[q];
            uint32_t dj = jq > jk ? jq - jk : jk - jq;
            if (dj <= S_SUPPORT && dj > 0) {
                keep[k] = keep[q] = 1;
            }
        }
    }
    size_t w = 0;
    for (size_t k = 0; k < n; k++)
        if (keep[k])
            s[w++] = s[k];
    free(keep);
    return w;
}

typedef struct S_range {
    size_t lo, hi;
    int dim;     /* 0: split by i, 1: by j */
    int stable;  /* consecutive passes without a split */
    int swapped; /* the keys of the range hold (j, i) */
} S_range;

typedef struct S_cluster {
    size_t lo, hi;
    int swapped; /* its keys hold (j, i) */
} S_cluster;

/* Splits seeds into clusters whose members are within max_gap of each other
 * in a, then in b, repeating until neither dimension splits.  seeds holds
 * (i << 32 | j) keys; a cluster's range may come back with halves swapped. */
static size_t S_cluster_seeds(uint64_t *seeds, size_t n, unsigned max_gap, S_cluster **out,
                              size_t *cap_out)
{
    size_t n_out = 0;
    S_range *stack = NULL;
    size_t n_stack = 0, cap_stack = 0;
    if (n == 0)
        return 0;
    CONCORD_GROW(stack, cap_stack, 1);
    stack[n_stack++] = (S_range){0, n, 0, 0, 0};
    while (n_stack) {
        S_range r = stack[--n_stack];
        uint64_t *s = seeds + r.lo;
        size_t len = r.hi - r.lo;
        if (r.swapped != r.dim) /* the split position goes to the high half */
            for (size_t k = 0; k < len; k++)
                s[k] = S_swap_halves(s[k]);
        concord_sort_u64(s, len);
        size_t start = 0;
        for (size_t k = 1; k <= len; k++) {
            int cut = k == len;
            if (!cut) {
                uint32_t prev = (uint32_t)(s[k - 1] >> 32);
                uint32_t cur = (uint32_t)(s[k] >> 32);
                cut = cur - prev > max_gap;
            }
            if (!cut)
                continue;
            if (start == 0 && k == len) {
                /* no split in this dimension */
                if (r.stable >= 1) {
                    CONCORD_GROW(*out, *cap_out, n_out + 1);
                    (*out)[n_out++] = (S_cluster){r.lo, r.hi, r.dim};
                } else {
                    CONCORD_GROW(stack, cap_stack, n_stack + 1);
                    stack[n_stack++] = (S_range){r.lo, r.hi, !r.dim, r.stable + 1, r.dim};
                }
            } else {
                CONCORD_GROW(stack, cap_stack, n_stack + 1);
                stack[n_stack++] = (S_range){r.lo + start, r.lo + k, !r.dim, 0, r.dim};
            }
            start = k;
        }
    }
    free(stack);
    return n_out;
}

/* ---- passage measures --------------------------------------------------- */

/* A multiset of 64-bit values for one passage at a time (open addressing;
 * sized once per pair for the longer side): Dice and verbatim shares count
 * common values in O(words) where sorting both sides cost O(words log
 * words) per passage. */
typedef struct S_bag {
    uint64_t *key;
    uint32_t *left; /* 0: empty slot; else 1 + copies not yet matched */
    size_t cap;     /* slots allocated */
    unsigned bits;  /* slots in use for the current passage: 1 << bits */
} S_bag;

static void S_bag_reset(S_bag *g, size_t values)
{
    unsigned bits = 4;
    while (((size_t)1 << bits) < 2 * values + 2)
        bits++;
    size_t need = (size_t)1 << bits;
    if (need > g->cap) {
        free(g->key);
        free(g->left);
        g->key = concord_xmalloc(need * sizeof *g->key);
        g->left = concord_xmalloc(need * sizeof *g->left);
        g->cap = need;
    }
    g->bits = bits;
    memset(g->left, 0, need * sizeof *g->left);
}

static size_t S_bag_slot(const S_bag *g, uint64_t v)
{
    size_t mask = ((size_t)1 << g->bits) - 1;
    size_t h = (size_t)((v * 0x9E3779B97F4A7C15ull) >> (64 - g->bits));
    while (g->left[h] && g->key[h] != v)
        h = (h + 1) & mask;
    return h;
}

static void S_bag_add(S_bag *g, uint64_t v)
{
    size_t h = S_bag_slot(g, v);
    if (!g->left[h]) {
        g->key[h] = v;
        g->left[h] = 1;
    }
    g->left[h]++;
}

/* 1 (and one copy fewer left) when v has an unmatched copy in the bag. */
static int S_bag_take(S_bag *g, uint64_t v)
{
    size_t h = S_bag_slot(g, v);
    if (g->left[h] > 1) {
        g->left[h]--;
        return 1;
    }
    return 0;
}

static int S_bag_has(const S_bag *g, uint64_t v)
{
    return g->left[S_bag_slot(g, v)] != 0;
}

static void S_bag_free(S_bag *g)
{
    free(g->key);
    free(g->left);
    memset(g, 0, sizeof *g);
}

/* Dice overlap of the stems of content words in two word ranges (inclusive):
 * common stems counted as a multiset intersection. */
static double S_dice(S_bag *bag, const concord_doc *a, uint32_t a0, uint32_t a1,
                     const concord_doc *b, uint32_t b0, uint32_t b1)
{
    size_t na = 0, nb = 0, inter = 0;
    S_bag_reset(bag, (size_t)(a1 - a0 + 1));
    for (uint32_t k = a0; k <= a1; k++)
        if (!(a->words[k].flags & CONCORD_TOK_STOP)) {
            S_bag_add(bag, a->words[k].stem);
            na++;
        }
    for (uint32_t k = b0; k <= b1; k++)
        if (!(b->words[k].flags & CONCORD_TOK_STOP)) {
            inter += (size_t)S_bag_take(bag, b->words[k].stem);
            nb++;
        }
    return na + nb ? 2.0 * (double)inter / (double)(na + nb) : 0.0;
}

static uint64_t S_run_hash(const concord_doc *d, uint32_t k)
{
    uint64_t h = d->words[k].fold;
    for (uint32_t m = 1; m < S_VERBATIM_RUN; m++)
        h = S_mix(h, d->words[k + m].fold);
    return h;
}

/* Share of the words of b[b0..b1] inside exact runs of S_VERBATIM_RUN words
 * that also occur in a[a0..a1] (run hashes from the profiles). */
static double S_verbatim(S_bag *bag, const reuse_profile *pa, uint32_t a0, uint32_t a1,
                         const reuse_profile *pb, uint32_t b0, uint32_t b1)
{
    size_t nb = (size_t)(b1 - b0 + 1);
    if (a1 - a0 + 1 < S_VERBATIM_RUN || nb < S_VERBATIM_RUN)
        return 0.0;
    size_t na = (size_t)(a1 - a0 + 2 - S_VERBATIM_RUN);
    S_bag_reset(bag, na);
    for (size_t t = 0; t < na; t++)
        S_bag_add(bag, pa->runs[a0 + t]);
    /* words of b covered by a matching run: a run starting at q covers
     * q .. q + 3; `until` is the end of the coverage so far */
    size_t covered = 0;
    uint32_t until = b0; /* first word not yet covered */
    for (uint32_t q = b0; q + S_VERBATIM_RUN - 1 <= b1; q++) {
        if (!S_bag_has(bag, pb->runs[q]))
            continue;
        uint32_t from = q > until ? q : until, to = q + S_VERBATIM_RUN;
        if (to > from)
            covered += to - from;
        until = to > until ? to : until;
    }
    return (double)covered / (double)nb;
}

static size_t S_content_words(const concord_doc *d, uint32_t w0, uint32_t w1)
{
    size_t n = 0;
    for (uint32_t k = w0; k <= w1; k++)
        n += !(d->words[k].flags & CONCORD_TOK_STOP);
    return n;
}

/* Moves a word range out to its sentence edges when they are close. */
static void S_snap(const reuse_profile *p, uint32_t *w0, uint32_t *w1, uint32_t *s_out,
                   uint32_t *e_out)
{
    const concord_doc *d = p->doc;
    *s_out = d->words[*w0].start;
    *e_out = d->words[*w1].end;
    uint32_t s0 = d->words[*w0].sentence, s1 = d->words[*w1].sentence;
    if (s0 < d->n_sentences && p->sent_first[s0] != UINT32_MAX &&
        *w0 - p->sent_first[s0] <= S_SNAP_WORDS) {
        *w0 = p->sent_first[s0];
        *s_out = d->sentences[s0].start < *s_out ? d->sentences[s0].start : *s_out;
    }
    if (s1 < d->n_sentences && p->sent_first[s1] != UINT32_MAX &&
        p->sent_last[s1] - *w1 <= S_SNAP_WORDS) {
        *w1 = p->sent_last[s1];
        *e_out = d->sentences[s1].end > *e_out ? d->sentences[s1].end : d->words[*w1].end;
    }
}

/* A passage before measuring, with its word ranges. */
typedef struct S_found {
    concord_passage p;
    uint32_t aw0, aw1, bw0, bw1;
} S_found;

static int S_cmp_passage_len(const void *x, const void *y)
{
    const concord_passage *a = &((const S_found *)x)->p, *b = &((const S_found *)y)->p;
    uint32_t la = a->to_end - a->to_start, lb = b->to_end - b->to_start;
    if (la != lb)
        return la > lb ? -1 : 1;
    return (a->to_start > b->to_start) - (a->to_start < b->to_start);
}

static int S_cmp_passage_pos(const void *x, const void *y)
{
    const concord_passage *a = x, *b = y;
    if (a->to_start != b->to_start)
        return a->to_start < b->to_start ? -1 : 1;
    return (a->from_start > b->from_start) - (a->from_start < b->from_start);
}

/* Seeds: merge-join of the sorted bigram lists, frequent bigrams skipped;
 * each (i << 32 | j), positions in a's and b's content words.  The caller
 * frees *seeds. */
static size_t S_seeds(const reuse_profile *a, const reuse_profile *b, const concord_align_opts *o,
                      uint64_t **seeds_out)
{
    uint64_t *seeds = NULL;
    size_t n_seeds = 0, cap_seeds = 0;
    size_t x = 0, y = 0;
    while (x < a->n_grams && y < b->n_grams) {
        uint64_t ha = a->grams[x].hash, hb = b->grams[y].hash;
        if (ha < hb) {
            x += a->grams[x].freq;
        } else if (hb < ha) {
            y += b->grams[y].freq;
        } else {
            uint32_t fa = a->grams[x].freq, fb = b->grams[y].freq;
            if (fa <= o->max_freq && fb <= o->max_freq) {
                CONCORD_GROW(seeds, cap_seeds, n_seeds + (size_t)fa * fb);
                for (uint32_t u = 0; u < fa; u++)
                    for (uint32_t v = 0; v < fb; v++)
                        seeds[n_seeds++] =
                            (uint64_t)a->grams[x + u].pos << 32 | b->grams[y + v].pos;
            }
            x += fa;
            y += fb;
        }
    }
    *seeds_out = seeds;
    return n_seeds;
}

/* The passage a cluster of seeds s[count] stands for (swapped: the range
 * is sorted by j): the span of its seeds, extended over exact matches and
 * snapped to sentence edges.  0 when it is too short to be one. */
static int S_cluster_passage(const reuse_profile *a, const reuse_profile *b,
                             const concord_align_opts *o, const uint64_t *s, size_t count, int sw,
                             S_found *f)
{
    uint32_t i0 = UINT32_MAX, i1 = 0, j0 = UINT32_MAX, j1 = 0;
    uint32_t i_at_j0 = 0, j_at_i0 = 0;
    for (size_t k = 0; k < count; k++) {
        uint32_t si = sw ? (uint32_t)s[k] : (uint32_t)(s[k] >> 32);
        uint32_t sj = sw ? (uint32_t)(s[k] >> 32) : (uint32_t)s[k];
        if (si < i0) {
            i0 = si;
            j_at_i0 = sj;
        }
        if (sj < j0) {
            j0 = sj;
            i_at_j0 = si;
        }
        if (si > i1)
            i1 = si;
        if (sj > j1)
            j1 = sj;
    }
    i1++; /* a bigram covers its second word too */
    j1++;
    if (i1 - i0 + 1 < S_MIN_SEED_SPAN || j1 - j0 + 1 < S_MIN_SEED_SPAN)
        return 0;
    uint32_t aw0 = a->content[i0], aw1 = a->content[i1];
    uint32_t bw0 = b->content[j0], bw1 = b->content[j1];
    const concord_word *wa = a->doc->words, *wb = b->doc->words;
    /* extend over exact matches where the edge seeds line up; bounded,
     * so that pieces of one long match (split where every bigram is too
     * frequent to seed) do not each run to the end of the text */
    if (j_at_i0 == j0 && i_at_j0 == i0) {
        for (unsigned step = 0;
             step < S_EXTEND_WORDS && aw0 > 0 && bw0 > 0 && wa[aw0 - 1].fold == wb[bw0 - 1].fold;
             step++) {
            aw0--;
            bw0--;
        }
    }
    for (unsigned step = 0; step < S_EXTEND_WORDS && aw1 + 1 < a->doc->n_words &&
                            bw1 + 1 < b->doc->n_words && wa[aw1 + 1].fold == wb[bw1 + 1].fold;
         step++) {
        aw1++;
        bw1++;
    }
    concord_passage *p = &f->p;
    S_snap(a, &aw0, &aw1, &p->from_start, &p->from_end);
    S_snap(b, &bw0, &bw1, &p->to_start, &p->to_end);
    /* passage length after extension and snapping, in content words */
    if (S_content_words(a->doc, aw0, aw1) < o->min_words ||
        S_content_words(b->doc, bw0, bw1) < o->min_words)
        return 0;
    f->aw0 = aw0;
    f->aw1 = aw1;
    f->bw0 = bw0;
    f->bw1 = bw1;
    return 1;
}

/* Overlapping passages: keep the longest, drop those mostly inside kept
 * ones; similarity is measured only for passages not dropped, within a
 * budget of words, so a text full of repeats stays linear.  The kept ones
 * are appended to (*out)[first..]; returns how many. */
static size_t S_keep_passages(const reuse_profile *a, const reuse_profile *b,
                              const concord_align_opts *o, S_found *found, size_t n_found,
                              concord_passage **out, size_t first, size_t *cap)
{
    S_sort(found, n_found, sizeof *found, S_cmp_passage_len);
    if (n_found > S_MAX_PASSAGES)
        n_found = S_MAX_PASSAGES;
    size_t kept = 0;
    uint64_t budget = 8 * (uint64_t)(a->doc->n_words + b->doc->n_words) + 100000;
    uint64_t scan_budget = 16 * (uint64_t)(a->doc->n_words + b->doc->n_words) + 100000;
    unsigned char *cov_a = concord_xcalloc(a->doc->n_words + 1, 1);
    unsigned char *cov_b = concord_xcalloc(b->doc->n_words + 1, 1);
    S_bag bag = {0};
    for (size_t k = 0; k < n_found; k++) {
        concord_passage *p = &found[k].p;
        const S_found *f = &found[k];
        uint64_t cost = (uint64_t)(f->aw1 - f->aw0 + 1) + (f->bw1 - f->bw0 + 1);
        if (cost > scan_budget)
            continue;
        scan_budget -= cost;
        size_t ca = 0, cb = 0;
        for (uint32_t w = f->aw0; w <= f->aw1; w++)
            ca += cov_a[w];
        for (uint32_t w = f->bw0; w <= f->bw1; w++)
            cb += cov_b[w];
        if (2 * ca > (size_t)(f->aw1 - f->aw0 + 1) || 2 * cb > (size_t)(f->bw1 - f->bw0 + 1))
            continue; /* mostly inside kept passages */
        if (cost > budget)
            continue;
        budget -= cost;
        p->similarity = S_dice(&bag, a->doc, f->aw0, f->aw1, b->doc, f->bw0, f->bw1);
        if (p->similarity < o->min_similarity)
            continue;
        p->verbatim = S_verbatim(&bag, a, f->aw0, f->aw1, b, f->bw0, f->bw1);
        memset(cov_a + f->aw0, 1, f->aw1 - f->aw0 + 1);
        memset(cov_b + f->bw0, 1, f->bw1 - f->bw0 + 1);
        CONCORD_GROW(*out, *cap, first + kept + 1);
        (*out)[first + kept++] = *p;
    }
    S_bag_free(&bag);
    free(cov_a);
    free(cov_b);
    return kept;
}

/* Neighbours in both texts are one passage broken by heavier edits: joins
 * them in ps[kept] (in reading order); returns how many are left. */
static size_t S_join_neighbours(const reuse_profile *a, const reuse_profile *b,
                                const concord_align_opts *o, concord_passage *ps, size_t kept)
{
    size_t w = 0;
    for (size_t k = 0; k < kept; k++) {
        if (w > 0) {
            concord_passage *p = &ps[w - 1];
            const concord_passage *q = &ps[k];
            uint32_t gb0 = p->to_end < q->to_start ? p->to_end : 0;
            uint32_t gb1 = p->to_end < q->to_start ? q->to_start : 0;
            uint32_t ga0, ga1;
            if (q->from_start >= p->from_end) {
                ga0 = p->from_end;
                ga1 = q->from_start;
            } else if (p->from_start >= q->from_end) {
                ga0 = q->from_end;
                ga1 = p->from_start;
            } else {
                ga0 = ga1 = 0; /* overlapping in a */
            }
            if (concord__reuse_words_in(b->doc, gb0, gb1) <= 2 * o->max_gap &&
                concord__reuse_words_in(a->doc, ga0, ga1) <= 2 * o->max_gap) {
                double wp = (double)(p->to_end - p->to_start),
                       wq = (double)(q->to_end - q->to_start);
                p->similarity = (p->similarity * wp + q->similarity * wq) / (wp + wq);
                p->verbatim = (p->verbatim * wp + q->verbatim * wq) / (wp + wq);
                if (q->from_start < p->from_start)
                    p->from_start = q->from_start;
                if (q->from_end > p->from_end)
                    p->from_end = q->from_end;
                if (q->to_end > p->to_end)
                    p->to_end = q->to_end;
                continue;
            }
        }
        ps[w++] = ps[k];
    }
    return w;
}

/* The hottest function of explain, in steps: seeds (S_seeds), clusters of
 * seeds, a passage per cluster (S_cluster_passage), overlap pruning and
 * similarity (S_keep_passages), neighbours joined (S_join_neighbours). */
size_t concord__reuse_align_profiles(const reuse_profile *a, const reuse_profile *b,
                                     const concord_align_opts *o, concord_passage **out, size_t *n,
                                     size_t *cap)
{
    uint64_t *seeds;
    size_t n_seeds = S_seeds(a, b, o, &seeds);
    n_seeds = S_supported(seeds, n_seeds);
    S_cluster *clusters = NULL;
    size_t cap_clusters = 0;
    size_t n_clusters = S_cluster_seeds(seeds, n_seeds, o->max_gap, &clusters, &cap_clusters);
    S_found *found = NULL;
    size_t n_found = 0, cap_found = 0;
    for (size_t c = 0; c < n_clusters; c++) {
        size_t count = clusters[c].hi - clusters[c].lo;
        if (count < o->min_seeds)
            continue;
        S_found f;
        if (!S_cluster_passage(a, b, o, seeds + clusters[c].lo, count, clusters[c].swapped, &f))
            continue;
        CONCORD_GROW(found, cap_found, n_found + 1);
        found[n_found++] = f;
    }
    free(seeds);
    free(clusters);
    size_t first = *n;
    size_t kept = S_keep_passages(a, b, o, found, n_found, out, first, cap);
    free(found);
    if (kept == 0) {
        *n = first;
        return 0;
    }
    S_sort(*out + first, kept, sizeof **out, S_cmp_passage_pos);
    size_t w = S_join_neighbours(a, b, o, *out + first, kept);
    *n = first + w;
    return w;
}

size_t concord_align(const char *a_text, const concord_doc *a, const char *b_text,
                     const concord_doc *b, const concord_align_opts *opts, concord_passage **out,
                     size_t *n, size_t *cap)
{
    concord_align_opts dflt;
    if (!opts) {
        concord_align_defaults(&dflt);
        opts = &dflt;
    }
    reuse_profile pa, pb;
    concord__reuse_profile_init(&pa, a_text, a);
    concord__reuse_profile_init(&pb, b_text, b);
    size_t added = concord__reuse_align_profiles(&pa, &pb, opts, out, n, cap);
    concord__reuse_profile_free(&pa);
    concord__reuse_profile_free(&pb);
    return added;
}

/* ---- spinning artifacts ------------------------------------------------- */

static const char **S_abbrev;
static size_t S_n_abbrev;
static pthread_once_t S_abbrev_once = PTHREAD_ONCE_INIT;

static int S_cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void S_abbrev_load(void)
{
    S_abbrev = concord_xmalloc((reuse_spin_count + 1) * sizeof *S_abbrev);
    for (size_t k = 0; k < reuse_spin_count; k++)
        S_abbrev[S_n_abbrev++] = reuse_spin_lines[k];
    S_sort(S_abbrev, S_n_abbrev, sizeof *S_abbrev, S_cmp_str);
}

/* 1 when the word w (text[s..e)) may end with a period without ending a sentence. */
static int S_is_abbreviation(const char *text, uint32_t s, uint32_t e, uint32_t flags)
{
    char low[16];
    size_t len = e - s, letters = 0;
    if (flags & CONCORD_TOK_NUMBER)
        return 1;
    if (len >= sizeof low)
        return 0;
    for (size_t k = 0; k < len; k++) {
        char c = text[s + k];
        if (c == '.')
            return 1; /* U.S, p.m: inner periods */
        low[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        letters += ((unsigned char)c & 0xC0) != 0x80;
    }
    low[len] = '\0';
    if (letters <= 1)
        return 1; /* initials */
    pthread_once(&S_abbrev_once, S_abbrev_load);
    const char *key = low;
    return bsearch(&key, S_abbrev, S_n_abbrev, sizeof *S_abbrev, S_cmp_str) != NULL;
}

size_t concord_reuse_broken_sentences(const char *text, const concord_doc *d, size_t *n_sentences)
{
    size_t broken = 0;
    if (n_sentences)
        *n_sentences = d->n_sentences;
    for (size_t k = 1; k < d->n_words; k++) {
        const concord_word *w = &d->words[k], *prev = &d->words[k - 1];
        /* the word must start with a lowercase letter */
        size_t i = w->start;
        int32_t cp = concord_utf8_next(text, w->end, &i);
        if (cp < 0 || !utf8proc_islower(cp))
            continue;
        /* gap: [closing marks] '.' space+ [opening marks] */
        size_t g = prev->end, ge = w->start;
        while (g < ge &&
               (text[g] == '"' || text[g] == ')' || text[g] == '\'' ||
                (unsigned char)text[g] >= 0x80) &&
               text[g] != '.') {
            size_t t = g;
            int32_t c = concord_utf8_next(text, ge, &t);
            if (!(c == '"' || c == ')' || c == '\'' || concord_is_quote(c)))
                break;
            g = t;
        }
        if (g >= ge || text[g] != '.')
            continue;
        g++;
        if (g >= ge || (text[g] != ' ' && text[g] != '\t'))
            continue; /* "..", "./" and newlines are no broken sentence */
        int ok = 1;
        while (g < ge && ok) {
            size_t t = g;
            int32_t c = concord_utf8_next(text, ge, &t);
            ok = c == ' ' || c == '\t' || c == 0xA0 || c == '(' || concord_is_quote(c);
            g = t;
        }
        if (!ok)
            continue;
        if (S_is_abbreviation(text, prev->start, prev->end, prev->flags))
            continue;
        /* not a link ("pic.twitter.com", "name@host", "https://") and not a
         * widget word ("said. less Police say"): the lowercase clause goes
         * on for two more words on the same line */
        char after = text[w->end]; /* the text is NUL-terminated */
        if (after == '/' || after == '@' || (after == ':' && text[w->end + 1] == '/') ||
            (after == '.' && ((text[w->end + 1] >= 'a' && text[w->end + 1] <= 'z') ||
                              (text[w->end + 1] >= '0' && text[w->end + 1] <= '9'))))
            continue;
        int goes_on = k + 2 < d->n_words && !(d->words[k + 1].flags & CONCORD_TOK_CAP);
        for (size_t q = k + 1; goes_on && q <= k + 2; q++)
            goes_on = memchr(text + d->words[q - 1].end, '\n',
                             d->words[q].start - d->words[q - 1].end) == NULL;
        if (!goes_on)
            continue;
        broken++;
    }
    return broken;
}
