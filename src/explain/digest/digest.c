/* digest.c: a few sentences per story, central, supported by several
 * outlets, never redundant (see concord/digest.h).
 *
 * Sentence representation: the set of content stems (stopwords left out).
 * Story weight of a stem: the share of members that use it.  A sentence's
 * centrality is the mean story weight of its stems, times a lead bonus (news
 * puts the core facts first), times its support: 1 + log2(1 + the number of
 * other members carrying a similar sentence, Dice >= S_SAME).  Selection is
 * greedy maximal marginal relevance; a candidate whose Dice with a chosen
 * sentence reaches S_REDUNDANT is never taken. */
#include "concord/digest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonw_internal.h"

#define S_MIN_WORDS 7
#define S_MAX_WORDS 70
#define S_MAX_SENTENCES_PER_MEMBER 25
#define S_MAX_MEMBERS 60
#define S_SAME 0.5
#define S_REDUNDANT 0.4
#define S_LAMBDA 0.7
#define S_POOL 150

/* qsort has no context argument: candidates are sorted by index through this
 * thread-local pointer. */
static _Thread_local const void *S_sort_cands;

typedef struct {
    size_t member;
    uint32_t start, end;
    uint32_t position; /* sentence index in its article */
    uint64_t *stems;   /* sorted unique */
    size_t n_stems;
    double score;
    size_t *also;
    size_t n_also, cap_also;
} S_cand;

static int S_by_score(const void *pa, const void *pb);

static double S_dice_n(size_t common, size_t tot)
{
    return tot ? 2.0 * (double)common / (double)tot : 0.0;
}

static double S_dice(const S_cand *a, const S_cand *b)
{
    size_t common = concord_count_common_u64(a->stems, a->n_stems, b->stems, b->n_stems);
    return S_dice_n(common, a->n_stems + b->n_stems);
}

/* The slot of stem in the open-addressed table hk[cap] (it is there). */
static size_t S_slot(const uint64_t *hk, size_t cap, uint64_t stem)
{
    uint64_t key = stem | 1;
    size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (cap - 1);
    while (hk[h] != key)
        h = (h + 1) & (cap - 1);
    return h;
}

/* A sentence worth a digest: long enough, ends like a sentence.  relaxed
 * (used only when a story has too few strict candidates: text without
 * sentence punctuation, one huge quotation) accepts any span of 4 to 200 words. */
static int S_usable(const char *t, uint32_t s, uint32_t e, size_t words, int relaxed)
{
    if (relaxed)
        return words >= 4 && words <= 200;
    if (words < S_MIN_WORDS || words > S_MAX_WORDS)
        return 0;
    unsigned char last = (unsigned char)t[e - 1];
    if (last == '.' || last == '!' || last == '?' || last == '"' || last == ')')
        return 1;
    /* closing curly quotes end in 0x9D / 0x99 after E2 80 */
    if (e - s >= 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80)
        return 1;
    return 0;
}

static int S_by_score(const void *pa, const void *pb)
{
    const S_cand *c = S_sort_cands;
    double x = c[*(const size_t *)pa].score, y = c[*(const size_t *)pb].score;
    if (x != y)
        return x > y ? -1 : 1;
    return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

/* Whether sentence (member, start) is a candidate already (relaxed pass). */
static int S_taken(const S_cand *c, size_t nc, size_t member, uint32_t start)
{
    for (size_t i = 0; i < nc; i++)
        if (c[i].member == member && c[i].start == start)
            return 1;
    return 0;
}

void concord_digest_free(concord_digest *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->sentences[i].also_in);
    free(d->sentences);
    free(d);
}

static int S_reading_order(const void *pa, const void *pb)
{
    const concord_digest_sentence *a = pa, *b = pb;
    if (a->member != b->member)
        return a->member < b->member ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The candidate sentences of the first nm members, with their distinct
 * non-stop stems sorted: the usable ones, and when fewer than
 * CONCORD_DIGEST_MIN are found, a relaxed second pass adds more.  Returns
 * the array (caller frees it and each stems array), its count in *n_out. */
static S_cand *S_candidates(const concord_member *m, size_t nm, size_t *n_out)
{
    S_cand *c = NULL;
    size_t nc = 0, cc = 0;
    for (int relaxed = 0; relaxed < 2 && nc < CONCORD_DIGEST_MIN; relaxed++) {
        for (size_t k = 0; k < nm; k++) {
            const concord_doc *d = m[k].doc;
            const char *t = m[k].clean->text;
            size_t w = 0;
            for (size_t si = 0; si < d->n_sentences && si < S_MAX_SENTENCES_PER_MEMBER; si++) {
                concord_span sp = d->sentences[si];
                size_t w0 = w;
                while (w < d->n_words && d->words[w].sentence == si)
                    w++;
                if (!S_usable(t, sp.start, sp.end, w - w0, relaxed) ||
                    (relaxed && S_taken(c, nc, k, sp.start)))
                    continue;
                CONCORD_GROW(c, cc, nc + 1);
                S_cand *x = &c[nc++];
                memset(x, 0, sizeof *x);
                x->member = k;
                x->start = sp.start;
                x->end = sp.end;
                x->position = (uint32_t)si;
                x->stems = concord_xmalloc((w - w0) * sizeof *x->stems);
                for (size_t q = w0; q < w; q++)
                    if (!(d->words[q].flags & CONCORD_TOK_STOP))
                        x->stems[x->n_stems++] = d->words[q].stem;
                concord_sort_u64(x->stems, x->n_stems);
                size_t u = 0;
                for (size_t q = 0; q < x->n_stems; q++)
                    if (u == 0 || x->stems[u - 1] != x->stems[q])
                        x->stems[u++] = x->stems[q];
                x->n_stems = u;
            }
        }
    }
    *n_out = nc;
    return c;
}

/* The distinct stems of all candidates in an open-addressed table (hk,
 * cap slots, a power of two), with postings: post[post_at[h] ..
 * post_at[h + 1]) are the candidates (ascending) holding the stem of slot h. */
typedef struct {
    uint64_t *hk;
    size_t cap;
    uint32_t *post_at, *post;
} S_stem_table;

/* Story weight of each stem (members using it / members), counted in the
 * table (candidates come grouped by member); each candidate's score is its
 * centrality (the weights of its stems over the root of their number) times
 * the lead bonus. */
static void S_centrality(S_cand *c, size_t nc, size_t nm, S_stem_table *t)
{
    size_t total = 0;
    for (size_t i = 0; i < nc; i++)
        total += c[i].n_stems;
    size_t cap = 64;
    while (cap < total * 2)
        cap *= 2;
    uint64_t *hk = concord_xcalloc(cap, sizeof *hk);
    uint32_t *hv = concord_xcalloc(cap, sizeof *hv);
    uint32_t *hlast = concord_xcalloc(cap, sizeof *hlast);
    for (size_t i = 0; i < nc; i++) {
        for (size_t q = 0; q < c[i].n_stems; q++) {
            uint64_t key = c[i].stems[q] | 1;
            size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (cap - 1);
            while (hk[h] && hk[h] != key)
                h = (h + 1) & (cap - 1);
            if (!hk[h]) {
                hk[h] = key;
                hv[h] = 1;
                hlast[h] = (uint32_t)c[i].member + 1;
            } else if (hlast[h] != c[i].member + 1) {
                hv[h]++;
                hlast[h] = (uint32_t)c[i].member + 1;
            }
        }
    }
    for (size_t i = 0; i < nc; i++) {
        double sum = 0;
        for (size_t q = 0; q < c[i].n_stems; q++)
            sum += (double)hv[S_slot(hk, cap, c[i].stems[q])] / (double)nm;
        double central = c[i].n_stems ? sum / sqrt((double)c[i].n_stems) : 0;
        double lead = 1.0 + 1.0 / (1.0 + c[i].position);
        c[i].score = central * lead;
    }
    free(hv);
    free(hlast);
    t->hk = hk;
    t->cap = cap;
}

/* The postings of the table: so that the support count finds the stems a
 * pool candidate shares with every other candidate in one pass over its own
 * stems' lists. */
static void S_postings(const S_cand *c, size_t nc, S_stem_table *t)
{
    size_t cap = t->cap, total = 0;
    uint32_t *post_at = concord_xcalloc(cap + 1, sizeof *post_at);
    for (size_t i = 0; i < nc; i++) {
        total += c[i].n_stems;
        for (size_t q = 0; q < c[i].n_stems; q++)
            post_at[S_slot(t->hk, cap, c[i].stems[q]) + 1]++;
    }
    for (size_t h = 0; h < cap; h++)
        post_at[h + 1] += post_at[h];
    uint32_t *post = concord_xmalloc((total ? total : 1) * sizeof *post);
    uint32_t *fill = concord_xmalloc(cap * sizeof *fill);
    memcpy(fill, post_at, cap * sizeof *fill);
    for (size_t i = 0; i < nc; i++)
        for (size_t q = 0; q < c[i].n_stems; q++)
            post[fill[S_slot(t->hk, cap, c[i].stems[q])]++] = (uint32_t)i;
    free(fill);
    t->post_at = post_at;
    t->post = post;
}

static void S_stem_table_free(S_stem_table *t)
{
    free(t->hk);
    free(t->post_at);
    free(t->post);
}

/* The S_POOL most central candidates: pool[i] is 1 for them. */
static unsigned char *S_pool(const S_cand *c, size_t nc)
{
    size_t *order = concord_xmalloc(nc * sizeof *order);
    for (size_t i = 0; i < nc; i++)
        order[i] = i;
    S_sort_cands = c;
    qsort(order, nc, sizeof *order, S_by_score);
    unsigned char *pool = concord_xcalloc(nc, 1);
    for (size_t r = 0; r < nc && r < S_POOL; r++)
        pool[order[r]] = 1;
    free(order);
    return pool;
}

/* Support: other members with a similar sentence, computed for the pool
 * candidates only (against all), so large stories cost S_POOL x candidates
 * comparisons instead of candidates squared.  The shared stem counts come
 * from the postings (the same numbers the merge in S_dice finds, so the same
 * Dice values); candidates sharing nothing have Dice 0 and are passed over.
 * A candidate outside the pool scores 0. */
static void S_support(S_cand *c, size_t nc, const unsigned char *pool, const S_stem_table *t)
{
    uint32_t *common = concord_xcalloc(nc, sizeof *common);
    for (size_t i = 0; i < nc; i++) {
        if (!pool[i]) {
            c[i].score = 0;
            continue;
        }
        for (size_t q = 0; q < c[i].n_stems; q++) {
            size_t h = S_slot(t->hk, t->cap, c[i].stems[q]);
            for (uint32_t e = t->post_at[h]; e < t->post_at[h + 1]; e++)
                common[t->post[e]]++;
        }
        for (size_t j = 0; j < nc; j++) {
            size_t shared = common[j];
            if (!shared)
                continue;
            common[j] = 0;
            if (c[j].member == c[i].member)
                continue;
            if (c[i].n_also && c[i].also[c[i].n_also - 1] == c[j].member)
                continue;
            if (S_dice_n(shared, c[i].n_stems + c[j].n_stems) >= S_SAME) {
                CONCORD_GROW(c[i].also, c[i].cap_also, c[i].n_also + 1);
                c[i].also[c[i].n_also++] = c[j].member;
            }
        }
        c[i].score *= 1.0 + log2(1.0 + (double)c[i].n_also);
    }
    free(common);
}

/* Greedy maximal marginal relevance over the pool: up to want candidates
 * into chosen[], none with a Dice of S_REDUNDANT or more with one chosen
 * before.  Returns how many. */
static size_t S_select(const S_cand *c, size_t nc, const unsigned char *pool, size_t want,
                       size_t *chosen)
{
    double best = 0;
    for (size_t i = 0; i < nc; i++)
        if (c[i].score > best)
            best = c[i].score;
    size_t nch = 0;
    unsigned char *used = concord_xcalloc(nc, 1);
    /* red[i]: the highest Dice of candidate i with a chosen sentence, kept up
     * to date with each pick instead of recomputed against all of them */
    double *reds = concord_xcalloc(nc, sizeof *reds);
    while (nch < want) {
        double top = -1;
        size_t pick = nc;
        for (size_t i = 0; i < nc; i++) {
            if (used[i] || !pool[i])
                continue;
            if (nch) {
                double s = S_dice(&c[i], &c[chosen[nch - 1]]);
                if (s > reds[i])
                    reds[i] = s;
            }
            double red = reds[i];
            if (red >= S_REDUNDANT)
                continue;
            double v = S_LAMBDA * (best > 0 ? c[i].score / best : 0) - (1 - S_LAMBDA) * red;
            if (v > top) {
                top = v;
                pick = i;
            }
        }
        if (pick == nc)
            break;
        used[pick] = 1;
        chosen[nch++] = pick;
    }
    free(used);
    free(reds);
    return nch;
}

/* The steps: candidates (S_candidates), stem weights and centrality
 * (S_centrality), postings, the pool, support, the selection, then the
 * chosen sentences in reading order. */
concord_digest *concord_digest_explain(const concord_member *m, size_t n)
{
    concord_digest *dg = concord_xcalloc(1, sizeof *dg);
    size_t nm = n < S_MAX_MEMBERS ? n : S_MAX_MEMBERS;
    size_t nc = 0;
    S_cand *c = S_candidates(m, nm, &nc);
    if (nc == 0) {
        free(c);
        return dg;
    }
    S_stem_table t;
    S_centrality(c, nc, nm, &t);
    S_postings(c, nc, &t);
    unsigned char *pool = S_pool(c, nc);
    S_support(c, nc, pool, &t);
    S_stem_table_free(&t);
    size_t want = 3 + (size_t)log2(1.0 + (double)n);
    if (want > CONCORD_DIGEST_MAX)
        want = CONCORD_DIGEST_MAX;
    size_t *chosen = concord_xmalloc(want * sizeof *chosen);
    size_t nch = S_select(c, nc, pool, want, chosen);
    dg->sentences = concord_xcalloc(nch ? nch : 1, sizeof *dg->sentences);
    dg->n = nch;
    for (size_t k = 0; k < nch; k++) {
        S_cand *x = &c[chosen[k]];
        concord_digest_sentence *s = &dg->sentences[k];
        s->member = x->member;
        s->start = x->start;
        s->end = x->end;
        s->score = x->score;
        s->also_in = x->also;
        s->n_also_in = x->n_also;
        x->also = NULL;
    }
    qsort(dg->sentences, dg->n, sizeof *dg->sentences, S_reading_order);
    for (size_t i = 0; i < nc; i++) {
        free(c[i].stems);
        free(c[i].also);
    }
    free(c);
    free(chosen);
    free(pool);
    return dg;
}

void concord_digest_json(const concord_digest *d, const concord_member *m, size_t n,
                         concord_buf *out)
{
    (void)n;
    jsonw w;
    concord__jsonw_init(&w, out);
    concord__jsonw_begin_array(&w);
    for (size_t i = 0; d && i < d->n; i++) {
        const concord_digest_sentence *s = &d->sentences[i];
        const concord_member *from = &m[s->member];
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_strn(&w, "text", from->clean->text + s->start, s->end - s->start);
        concord__jsonw_key_str(&w, "article", from->article->id);
        concord__jsonw_key_str(&w, "source", from->article->source);
        concord__jsonw_key_uint(&w, "start", s->start);
        concord__jsonw_key_uint(&w, "end", s->end);
        concord__jsonw_key(&w, "also_in");
        concord__jsonw_begin_array(&w);
        for (size_t k = 0; k < s->n_also_in; k++)
            concord__jsonw_str(&w, m[s->also_in[k]].article->id);
        concord__jsonw_end_array(&w);
        concord__jsonw_end_object(&w);
    }
    concord__jsonw_end_array(&w);
    concord__jsonw_finish(&w);
}
