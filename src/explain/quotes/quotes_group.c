/* quotes_group.c: word-alignment similarity of quoted texts, grouping of a
 * story's mentions into quotes, story-level speaker names, JSON
 * and cross-story links (see concord/quotes.h; the terminal view is
 * src/render/term/quotes_view.c). */
#include "quotes_internal.h"
#include "quote_links.h"

#include "concord/emit.h"
#include "concord/experimental.h"
#include "concord/text.h"
#include "common/jsonw_internal.h"
#include "common/sort_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "quote_synonyms.inc"

/* ------------------------------------------------------------ words */

typedef struct {
    uint64_t h;    /* folded, lightly stemmed */
    uint64_t fold; /* folded as written */
    float w;       /* weight: function words count less */
    uint8_t num;   /* a number */
    uint32_t s, e; /* bytes in the source text */
} S_w;

/* Function words weigh half a content word (tuned on MSRP train). */
#define S_STOP_WEIGHT 0.5f

typedef struct {
    S_w *w;
    size_t n, cap;
    double total;
    uint64_t *packed;  /* sorted word hashes with weight/number bits (S_words_pack) */
    uint64_t *gram[4]; /* sorted n-gram hashes: [0] content words, [1..3] 1- to 3-grams (S_grams) */
    size_t ngram[4];
} S_words;

/* English inflection stripping, enough to align "objective"/"objectives",
 * "interfere"/"interfering"; other scripts are compared as folded. */
static size_t S_light_stem(const char *f, size_t n)
{
    if (n > 4 && memcmp(f + n - 3, "ies", 3) == 0)
        return n - 2; /* "ies" -> "i" (matches "y" stripped below) */
    if (n > 5 && memcmp(f + n - 3, "ing", 3) == 0)
        return n - 3;
    if (n > 4 && memcmp(f + n - 2, "ed", 2) == 0)
        return n - 2;
    if (n > 3 && f[n - 1] == 's' && f[n - 2] != 's' && f[n - 2] != 'u' && f[n - 2] != 'i')
        n--;
    if (n > 4 && f[n - 1] == 'e')
        n--;
    if (n > 3 && f[n - 1] == 'y')
        n--;
    return n;
}

/* Synonym groups (data/quote_synonyms.txt): stem hash -> group hash. */
typedef struct {
    uint64_t key, group;
} S_syn;
static S_syn *S_syns;
static size_t S_syn_mask;
static pthread_once_t S_syn_once = PTHREAD_ONCE_INIT;

/* FNV-1a over short words (hot path). */
static inline uint64_t S_fnv(const char *f, size_t n, uint64_t seed)
{
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)f[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t S_stem_hash(const char *f, size_t fl)
{
    return S_fnv(f, S_light_stem(f, fl), 0x44);
}

static void S_syn_put(uint64_t k, uint64_t g)
{
    size_t i = (size_t)k & S_syn_mask;
    while (S_syns[i].key && S_syns[i].key != k)
        i = (i + 1) & S_syn_mask;
    if (!S_syns[i].key) {
        S_syns[i].key = k;
        S_syns[i].group = g;
    }
}

static void S_syn_init(void)
{
    size_t words = 0;
    for (size_t i = 0; i < quote_synonyms_count; i++)
        for (const char *p = quote_synonyms_lines[i]; *p; p++)
            words += *p == '\t';
    words += quote_synonyms_count;
    size_t cap = 16;
    while (cap < words * 3)
        cap <<= 1;
    S_syns = concord_xcalloc(cap, sizeof *S_syns);
    S_syn_mask = cap - 1;
    for (size_t i = 0; i < quote_synonyms_count; i++) {
        const char *line = quote_synonyms_lines[i];
        uint64_t group = 0;
        while (*line) {
            size_t n = strcspn(line, "\t");
            if (n && !memchr(line, ' ', n)) {
                uint64_t h = S_stem_hash(line, n);
                if (!group)
                    group = h;
                S_syn_put(h, group);
            }
            line += n;
            if (*line == '\t')
                line++;
        }
    }
}

static uint64_t S_syn_group(uint64_t h)
{
    size_t i = (size_t)h & S_syn_mask;
    while (S_syns[i].key) {
        if (S_syns[i].key == h)
            return S_syns[i].group;
        i = (i + 1) & S_syn_mask;
    }
    return h;
}

static inline int S_is_wordcp(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    return cp >= 0 && (concord_is_letter(cp) || concord_is_digit(cp));
}

/* Words of s[0..len): runs of letters and digits with inner apostrophes,
 * periods and commas between digits. */
static void S_words_of(const char *s, size_t len, S_words *out, size_t max_words)
{
    pthread_once(&S_syn_once, S_syn_init);
    out->n = 0;
    out->total = 0;
    size_t i = 0;
    while (i < len && out->n < max_words) {
        unsigned char c = (unsigned char)s[i];
        int32_t cp;
        size_t nx = i;
        if (c < 0x80) {
            cp = c;
            nx = i + 1;
        } else {
            cp = concord_utf8_next(s, len, &nx);
        }
        if (!S_is_wordcp(cp)) {
            i = nx;
            continue;
        }
        size_t a = i, j = nx;
        int digit0 = cp < 0x80 ? (cp >= '0' && cp <= '9') : concord_is_digit(cp);
        for (;;) {
            if (j >= len)
                break;
            size_t jn = j;
            int32_t d = (unsigned char)s[j] < 0x80 ? (jn = j + 1, (unsigned char)s[j])
                                                   : concord_utf8_next(s, len, &jn);
            if (S_is_wordcp(d)) {
                j = jn;
                continue;
            }
            if (d == '\'' || d == 0x2019 || ((d == '.' || d == ',') && digit0)) {
                size_t jn2 = jn;
                int32_t d2 =
                    jn < len ? ((unsigned char)s[jn] < 0x80 ? (jn2 = jn + 1, (unsigned char)s[jn])
                                                            : concord_utf8_next(s, len, &jn2))
                             : -1;
                if (S_is_wordcp(d2)) {
                    j = jn;
                    continue;
                }
            }
            break;
        }
        char f[96];
        size_t fl = concord__quote_fold(s + a, j - a, f, sizeof f);
        /* drop possessive 's and apostrophes for matching */
        if (fl > 2 && f[fl - 2] == '\'' && f[fl - 1] == 's')
            fl -= 2;
        CONCORD_GROW(out->w, out->cap, out->n + 1);
        S_w *w = &out->w[out->n++];
        w->s = (uint32_t)a;
        w->e = (uint32_t)j;
        w->fold = S_fnv(f, fl, 0x33);
        w->num = (uint8_t)digit0;
        uint32_t bits = concord__quote_word(f, fl);
        w->w = (bits & QW_STOP) ? S_STOP_WEIGHT : 1.0f;
        w->h = digit0 ? S_fnv(f, fl, 0x44) : S_syn_group(S_stem_hash(f, fl));
        out->total += w->w;
        i = j;
    }
}

static void S_words_free(S_words *w)
{
    free(w->w);
    free(w->packed);
    for (int k = 0; k < 4; k++)
        free(w->gram[k]);
}

#define S_LCS_MAX 160
#define S_NFEAT 11

/* Weighted LCS of the first S_LCS_MAX words of a and b. */
static double S_lcs(const S_words *a, const S_words *b, unsigned char *mark_a,
                    unsigned char *mark_b, int exact)
{
    size_t n = a->n < S_LCS_MAX ? a->n : S_LCS_MAX;
    size_t m = b->n < S_LCS_MAX ? b->n : S_LCS_MAX;
    if (!n || !m)
        return 0;
    float *dp = concord_xcalloc((n + 1) * (m + 1), sizeof *dp);
#define DP(i, j) dp[(i) * (m + 1) + (j)]
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            float best = DP(i - 1, j) > DP(i, j - 1) ? DP(i - 1, j) : DP(i, j - 1);
            if (exact ? a->w[i - 1].fold == b->w[j - 1].fold : a->w[i - 1].h == b->w[j - 1].h) {
                float v = DP(i - 1, j - 1) +
                          (a->w[i - 1].w < b->w[j - 1].w ? a->w[i - 1].w : b->w[j - 1].w);
                if (v > best)
                    best = v;
            }
            DP(i, j) = best;
        }
    double r = DP(n, m);
    if (mark_a || mark_b) {
        size_t i = n, j = m;
        while (i > 0 && j > 0) {
            if ((exact ? a->w[i - 1].fold == b->w[j - 1].fold : a->w[i - 1].h == b->w[j - 1].h) &&
                DP(i, j) == DP(i - 1, j - 1) +
                                (a->w[i - 1].w < b->w[j - 1].w ? a->w[i - 1].w : b->w[j - 1].w)) {
                if (mark_a)
                    mark_a[i - 1] = 1;
                if (mark_b)
                    mark_b[j - 1] = 1;
                i--;
                j--;
            } else if (DP(i - 1, j) >= DP(i, j - 1)) {
                i--;
            } else {
                j--;
            }
        }
    }
#undef DP
    free(dp);
    return r;
}

/* Sorts hashes: insertion sort for the short arrays of one sentence. */
static void S_sort_u64(uint64_t *a, size_t n)
{
    if (n > 48) {
        concord_sort_u64(a, n);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* Weighted bag-of-words overlap (multiset) of a and b. */
/* Sorted hashes with the weight class in bit 0 and "number" in bit 1, so
 * one sorted array serves the bag overlap; computed once per text. */
static void S_words_pack(S_words *a)
{
    if (a->packed)
        return;
    a->packed = concord_xmalloc((a->n + 1) * sizeof *a->packed);
    for (size_t i = 0; i < a->n; i++)
        a->packed[i] =
            (a->w[i].h & ~(uint64_t)3) | (a->w[i].w < 1.0f ? 1u : 0u) | (a->w[i].num ? 2u : 0u);
    S_sort_u64(a->packed, a->n);
}

static double S_bag(S_words *a, S_words *b, int *num_a, int *num_b, int *num_shared)
{
    size_t n = a->n, m = b->n;
    S_words_pack(a);
    S_words_pack(b);
    const uint64_t *x = a->packed, *y = b->packed;
    double r = 0;
    int na = 0, nb = 0, ns = 0;
    for (size_t i = 0; i < n; i++)
        na += (x[i] & 2) != 0;
    for (size_t j = 0; j < m; j++)
        nb += (y[j] & 2) != 0;
    size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (x[i] == y[j]) {
            r += (x[i] & 1) ? S_STOP_WEIGHT : 1.0;
            ns += (x[i] & 2) != 0;
            i++;
            j++;
        } else if (x[i] < y[j]) {
            i++;
        } else {
            j++;
        }
    }
    *num_a = na;
    *num_b = nb;
    *num_shared = ns;
    return r;
}

/* Sorted n-gram hashes of the folded stems, computed once per text: kind 0
 * content words (numbers included), kind n = 1..3 every n-gram. */
static void S_grams(S_words *a, int kind)
{
    if (a->gram[kind])
        return;
    size_t n = kind ? (size_t)kind : 1;
    uint64_t *g = concord_xmalloc((a->n + 1) * sizeof *g);
    size_t c = 0;
    for (size_t i = 0; i + n <= a->n; i++) {
        if (!kind && a->w[i].w < 1.0f)
            continue;
        uint64_t h = 0x7f4a7c15ull * n;
        for (size_t j = 0; j < n; j++)
            h = (h ^ a->w[i + j].h) * 0x100000001b3ull;
        g[c++] = h;
    }
    S_sort_u64(g, c);
    a->gram[kind] = g;
    a->ngram[kind] = c;
}

/* Shared n-grams (multiset) of kind (see S_grams): overlap divided by the
 * larger (*hi) and the smaller (*lo) n-gram count. */
static void S_gram_overlap(S_words *a, S_words *b, int kind, double *hi, double *lo)
{
    S_grams(a, kind);
    S_grams(b, kind);
    const uint64_t *x = a->gram[kind], *y = b->gram[kind];
    size_t na = a->ngram[kind], nb = b->ngram[kind];
    size_t r = concord_count_common_u64(x, na, y, nb);
    size_t mx = na > nb ? na : nb, mn = na < nb ? na : nb;
    *hi = mx ? (double)r / (double)mx : 0;
    *lo = mn ? (double)r / (double)mn : 0;
}

/* Is hash h (low two bits ignored) among the packed words of a? */
static int S_has(const S_words *a, uint64_t h)
{
    h &= ~(uint64_t)3;
    size_t lo = 0, hi = a->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((a->packed[mid] & ~(uint64_t)3) < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->n && (a->packed[lo] & ~(uint64_t)3) == h;
}

/* Content words (not numbers) of a whose stem b lacks. */
static double S_unmatched(const S_words *a, const S_words *b)
{
    double r = 0;
    for (size_t i = 0; i < a->n; i++) {
        const S_w *w = &a->w[i];
        if (w->w >= 1.0f && !w->num && !S_has(b, w->h))
            r += 1;
    }
    return r;
}

typedef struct {
    double sim, containment;
    double content_min; /* weighted size of the shorter text */
    double f[S_NFEAT];  /* the features behind sim */
} S_score;

/* Logistic model over the features of S_compare (order as in f[]), fitted
 * on MSRP train (tools: concord__quote_features); 5-fold CV accuracy is
 * within 0.3 points of the train figure (see README). */
static const double S_weights[S_NFEAT] = {
    4.7081,  /* alignment similarity (order + bag over the longer text, numbers) */
    -0.6992, /* log(1 + unmatched content words of the side with more) */
    6.9306,  /* unigram overlap / larger count */
    1.4259,  /* unigram overlap / smaller count */
    2.0542,  /* bigram overlap / larger */
    -1.4674, /* bigram overlap / smaller */
    -0.2754, /* trigram overlap / larger */
    -3.1838, /* trigram overlap / smaller */
    -1.4125, /* content-word overlap / larger */
    0.1238,  /* content-word overlap / smaller */
    0.0755,  /* difference of content-word counts (capped at 10) */
};
static const double S_bias = -4.0062;

static S_score S_compare(S_words *a, S_words *b)
{
    S_score sc;
    memset(&sc, 0, sizeof sc);
    if (a->total <= 0 || b->total <= 0)
        return sc;
    int na, nb, ns;
    double lcs = S_lcs(a, b, NULL, NULL, 0);
    double bag = S_bag(a, b, &na, &nb, &ns);
    double ta = a->total, tb = b->total;
    if (a->n > S_LCS_MAX || b->n > S_LCS_MAX) {
        /* long texts: order is checked on the first words only */
        double ca = 0, cb = 0;
        for (size_t i = 0; i < a->n && i < S_LCS_MAX; i++)
            ca += a->w[i].w;
        for (size_t j = 0; j < b->n && j < S_LCS_MAX; j++)
            cb += b->w[j].w;
        lcs = (ca + cb) > 0 ? lcs * (ta + tb) / (ca + cb) : 0;
        if (lcs > bag)
            lcs = bag;
    }
    /* alignment: coverage of the longer text (extra information in either
     * one lowers it), in order and as a bag */
    double mx = ta > tb ? ta : tb;
    double s = 0.5 * lcs / mx + 0.5 * bag / mx;
    /* numbers that do not match make it another statement */
    int unmatched = (na - ns) + (nb - ns);
    if (unmatched > 0 && (na > 0 && nb > 0))
        s *= pow(0.85, unmatched > 3 ? 3 : unmatched);
    double *f = sc.f;
    f[0] = s > 1 ? 1 : s;
    double ua = S_unmatched(a, b), ub = S_unmatched(b, a);
    f[1] = log1p(ua > ub ? ua : ub);
    for (int k = 1; k <= 3; k++)
        S_gram_overlap(a, b, k, &f[2 * k], &f[2 * k + 1]);
    S_gram_overlap(a, b, 0, &f[8], &f[9]);
    double cd = (double)a->ngram[0] - (double)b->ngram[0];
    cd = cd < 0 ? -cd : cd;
    f[10] = cd > 10 ? 10 : cd;
    /* probability of "same statement", scaled so that a text compared with
     * itself scores 1 (all overlaps 1, nothing unmatched) */
    double z = S_bias, zid = S_bias;
    for (int k = 0; k < S_NFEAT; k++) {
        z += S_weights[k] * f[k];
        zid += k == 1 || k == 10 ? 0 : S_weights[k];
    }
    sc.sim = (1.0 + exp(-zid)) / (1.0 + exp(-z));
    if (sc.sim > 1)
        sc.sim = 1;
    double mn = ta < tb ? ta : tb;
    sc.containment = mn > 0 ? lcs / mn : 0;
    if (sc.containment > 1)
        sc.containment = 1;
    sc.content_min = mn;
    return sc;
}

size_t concord__quote_features(const char *a, size_t alen, const char *b, size_t blen, double *f)
{
    S_words x = {0}, y = {0};
    S_words_of(a, alen, &x, SIZE_MAX);
    S_words_of(b, blen, &y, SIZE_MAX);
    S_score sc = S_compare(&x, &y);
    S_words_free(&x);
    S_words_free(&y);
    memcpy(f, sc.f, sizeof sc.f);
    f[S_NFEAT] = sc.containment;
    f[S_NFEAT + 1] = sc.content_min;
    f[S_NFEAT + 2] = sc.sim;
    return S_NFEAT + 3;
}

/* S_compare of two plain texts. */
static S_score S_compare_texts(const char *a, size_t alen, const char *b, size_t blen)
{
    S_words x = {0}, y = {0};
    S_words_of(a, alen, &x, SIZE_MAX);
    S_words_of(b, blen, &y, SIZE_MAX);
    S_score sc = S_compare(&x, &y);
    S_words_free(&x);
    S_words_free(&y);
    return sc;
}

double concord_quote_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    return S_compare_texts(a, alen, b, blen).sim;
}

double concord_quote_containment(const char *a, size_t alen, const char *b, size_t blen)
{
    return S_compare_texts(a, alen, b, blen).containment;
}

/* Truncated variants: the shorter one found in order in the longer. */
#define S_CONTAIN_MIN 0.9
#define S_CONTAIN_WORDS 4.0

static int S_same(const S_score *sc)
{
    return sc->sim >= CONCORD_QUOTE_SAME ||
           (sc->containment >= S_CONTAIN_MIN && sc->content_min >= S_CONTAIN_WORDS);
}

int concord_quote_same(const char *a, size_t alen, const char *b, size_t blen)
{
    S_words x = {0}, y = {0};
    S_words_of(a, alen, &x, SIZE_MAX);
    S_words_of(b, blen, &y, SIZE_MAX);
    S_score sc = S_compare(&x, &y);
    S_words_free(&x);
    S_words_free(&y);
    return S_same(&sc);
}

/* --------------------------------------------------- story-level names */

static uint64_t S_word_hash(const char *w, size_t n)
{
    char f[128];
    size_t fl = concord__quote_fold(w, n, f, sizeof f);
    while (fl && f[fl - 1] == '.')
        fl--;
    return concord_hash(f, fl, 0x5a);
}

static void S_first_last(const char *name, uint64_t *first, uint64_t *last, int *words)
{
    const char *sp = strchr(name, ' ');
    const char *lp = strrchr(name, ' ');
    *first = S_word_hash(name, sp ? (size_t)(sp - name) : strlen(name));
    const char *l = lp ? lp + 1 : name;
    *last = S_word_hash(l, strlen(l));
    int w = 1;
    for (const char *p = name; *p; p++)
        w += *p == ' ';
    *words = w;
}

typedef struct {
    uint64_t first, last, full;
    int words;
    size_t count;
    size_t idx;
} S_nm;

static int S_nm_full_cmp(const void *x, const void *y)
{
    const S_nm *a = x, *b = y;
    if (a->full != b->full)
        return a->full < b->full ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int S_nm_name_cmp(const void *x, const void *y)
{
    const S_nm *a = x, *b = y;
    if (a->last != b->last)
        return a->last < b->last ? -1 : 1;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Is candidate j better than the best so far (most frequent, then shortest,
 * then earliest)? */
static int S_nm_better(const concord_quote_mention *m, const S_nm *j, const S_nm *best)
{
    if (!best)
        return 1;
    if (j->count != best->count)
        return j->count > best->count;
    size_t lj = strlen(m[j->idx].speaker), lb = strlen(m[best->idx].speaker);
    if (lj != lb)
        return lj < lb;
    return j->idx < best->idx;
}

void concord__quotes_resolve_story(concord_quote_mention *m, size_t n)
{
    /* per person mention: first/last word hashes, word count, and how many
     * mentions carry the same name; candidates are found by sorting on
     * (surname, first name), so the work is O(n log n) */
    S_nm *nm = concord_xcalloc(n ? n : 1, sizeof *nm);
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].speaker_kind != CONCORD_SPEAKER_PERSON)
            continue;
        S_nm *x = &nm[np++];
        S_first_last(m[i].speaker, &x->first, &x->last, &x->words);
        x->full = concord_hash(m[i].speaker, strlen(m[i].speaker), 0x99);
        x->idx = i;
    }
    qsort(nm, np, sizeof *nm, S_nm_full_cmp);
    for (size_t a = 0; a < np;) {
        size_t b = a;
        while (b < np && nm[b].full == nm[a].full)
            b++;
        for (size_t k = a; k < b; k++)
            nm[k].count = b - a;
        a = b;
    }
    qsort(nm, np, sizeof *nm, S_nm_name_cmp);
    char **repl = concord_xcalloc(n ? n : 1, sizeof *repl); /* borrowed */
    for (size_t a = 0; a < np;) {
        size_t b = a; /* [a, b): one surname */
        while (b < np && nm[b].last == nm[a].last)
            b++;
        /* the best full name of the surname, and per first name */
        const S_nm *best_all = NULL;
        size_t n_firsts = 0;
        uint64_t first_seen = 0;
        for (size_t k = a; k < b; k++) {
            if (nm[k].words < 2)
                continue;
            if (n_firsts == 0 || (nm[k].first != first_seen && n_firsts < 2)) {
                if (n_firsts == 0)
                    first_seen = nm[k].first;
                n_firsts++;
            }
            if (S_nm_better(m, &nm[k], best_all))
                best_all = &nm[k];
        }
        for (size_t f = a; f < b;) {
            size_t g = f; /* [f, g): one first name within the surname */
            while (g < b && nm[g].first == nm[f].first)
                g++;
            const S_nm *best_first = NULL;
            for (size_t k = f; k < g; k++)
                if (nm[k].words >= 2 && S_nm_better(m, &nm[k], best_first))
                    best_first = &nm[k];
            for (size_t k = f; k < g; k++) {
                /* a full name: the most frequent spelling with its first
                 * name; a bare surname: the surname's best when only one
                 * first name goes with it */
                const S_nm *best =
                    nm[k].words >= 2 ? best_first : (n_firsts == 1 ? best_all : NULL);
                if (best && best->full != nm[k].full)
                    repl[nm[k].idx] = m[best->idx].speaker;
            }
            f = g;
        }
        a = b;
    }
    for (size_t i = 0; i < n; i++)
        if (repl[i])
            repl[i] = concord_xstrdup(repl[i]); /* copy before any speaker is freed */
    for (size_t i = 0; i < n; i++)
        if (repl[i]) {
            free(m[i].speaker);
            m[i].speaker = repl[i];
        }
    free(repl);
    free(nm);
}

/* --------------------------------------------------------------- explain */

typedef struct {
    S_words words;
    uint64_t *content; /* sorted unique content-word hashes */
    size_t n_content;
    uint64_t sig[4]; /* 256-bit signature of the content words: a quick reject */
    uint64_t all;    /* hash of every word, for phrases */
} S_mw;

static int S_sig_shared(const S_mw *a, const S_mw *b)
{
    int c = 0;
    for (int k = 0; k < 4; k++) {
        /* SWAR popcount: no libgcc call without -mpopcnt */
        uint64_t x = a->sig[k] & b->sig[k];
        x = x - ((x >> 1) & 0x5555555555555555ull);
        x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
        x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
        c += (int)((x * 0x0101010101010101ull) >> 56);
    }
    return c;
}

static size_t S_find(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static int S_speakers_clash(const concord_quote_mention *a, const concord_quote_mention *b)
{
    if (a->speaker_kind == CONCORD_SPEAKER_UNKNOWN || b->speaker_kind == CONCORD_SPEAKER_UNKNOWN)
        return 0;
    if (a->speaker_kind == CONCORD_SPEAKER_GROUP || b->speaker_kind == CONCORD_SPEAKER_GROUP)
        return 0;
    return strcmp(a->speaker, b->speaker) != 0;
}

static uint64_t S_words_key(const S_words *w)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < w->n; i++)
        if (w->w[i].w >= 1.0f)
            h = concord_hash(&w->w[i].h, sizeof w->w[i].h, h);
    return h;
}

typedef struct {
    size_t root;
    size_t first; /* first mention, for ordering */
    size_t count;
    int phrase;
} S_grp;

static int S_grp_cmp(const void *x, const void *y)
{
    const S_grp *a = x, *b = y;
    if (a->phrase != b->phrase)
        return a->phrase - b->phrase;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

#define S_MAX_POSTING 512 /* representatives a candidate word may propose */

typedef struct {
    uint64_t h;
    size_t m;
} S_gpost;

static int S_gpost_cmp(const void *x, const void *y)
{
    const S_gpost *a = x, *b = y;
    if (a->h != b->h)
        return a->h < b->h ? -1 : 1;
    return a->m < b->m ? -1 : a->m > b->m;
}

/* (kind, all-words hash, index): equal words sort together (no globals:
 * stories are explained on several threads) */
typedef struct {
    int kind;
    uint64_t all;
    size_t i;
} S_wkey;

static int S_wkey_cmp(const void *x, const void *y)
{
    const S_wkey *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->all != b->all)
        return a->all < b->all ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static int S_str_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* One mention's words, its sorted unique content-word hashes, their
 * signature and the hash of all its words. */
static void S_mw_init(const char *text, S_mw *m)
{
    S_words_of(text, strlen(text), &m->words, 4096);
    m->content = concord_xmalloc((m->words.n + 1) * sizeof *m->content);
    size_t k = 0;
    for (size_t j = 0; j < m->words.n; j++)
        if (m->words.w[j].w >= 1.0f)
            m->content[k++] = m->words.w[j].h;
    S_sort_u64(m->content, k);
    size_t u = 0;
    for (size_t j = 0; j < k; j++)
        if (!u || m->content[u - 1] != m->content[j])
            m->content[u++] = m->content[j];
    m->n_content = u;
    for (size_t j = 0; j < u; j++) {
        uint64_t h = m->content[j];
        m->sig[(h >> 8) & 3] |= 1ull << (h & 63);
    }
    uint64_t all = 0x51ed;
    for (size_t j = 0; j < m->words.n; j++)
        all = (all ^ m->words.w[j].h) * 0x100000001b3ull;
    m->all = all ^ m->words.n;
}

/* Step 1: mentions with the same words and kind are one statement at once
 * (a story of thousands of wire copies repeats each quote thousands of
 * times); only one representative of each (rep[i] = 1) goes on to
 * pairwise work. */
static void S_group_same_words(const concord_quotes *q, const S_mw *mw, size_t *parent,
                               char *conflict, char *rep)
{
    size_t n = q->n_mentions;
    S_wkey *ord = concord_xmalloc(n * sizeof *ord);
    for (size_t i = 0; i < n; i++)
        ord[i] = (S_wkey){(int)q->mentions[i].kind, mw[i].all, i};
    qsort(ord, n, sizeof *ord, S_wkey_cmp);
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && ord[b].kind == ord[a].kind && ord[b].all == ord[a].all)
            b++;
        rep[ord[a].i] = 1;
        for (size_t k = a + 1; k < b; k++) {
            if (ord[a].kind == CONCORD_QUOTE_FULL &&
                S_speakers_clash(&q->mentions[ord[a].i], &q->mentions[ord[k].i]))
                conflict[ord[a].i] = conflict[ord[k].i] = 1;
            parent[S_find(parent, ord[k].i)] = S_find(parent, ord[a].i);
        }
        a = b;
    }
    free(ord);
}

/* Inverted index of content words over the representative full quotes. */
typedef struct {
    S_gpost *post;       /* (word, mention), sorted by word */
    size_t np;           /* entries in post */
    size_t *range_of;    /* per entry: [lo, hi) of its word's postings */
    size_t *first_entry; /* per mention: its first entry, SIZE_MAX when none */
    size_t *next_entry;  /* per entry: the same mention's next entry */
} S_gindex;

/* Builds the index; counts the words too common to propose pairs in
 * q->capped_words. */
static void S_gindex_build(concord_quotes *q, const S_mw *mw, const char *rep, S_gindex *ix)
{
    size_t n = q->n_mentions;
    size_t n_post = 0;
    for (size_t i = 0; i < n; i++)
        if (rep[i] && q->mentions[i].kind == CONCORD_QUOTE_FULL)
            n_post += mw[i].n_content;
    S_gpost *post = concord_xmalloc((n_post ? n_post : 1) * sizeof *post);
    size_t np = 0;
    for (size_t i = 0; i < n; i++)
        if (rep[i] && q->mentions[i].kind == CONCORD_QUOTE_FULL)
            for (size_t j = 0; j < mw[i].n_content; j++)
                post[np++] = (S_gpost){mw[i].content[j], i};
    qsort(post, np, sizeof *post, S_gpost_cmp);
    /* per mention: its words' posting ranges, as offsets into post */
    size_t *range_of = concord_xmalloc((np ? np : 1) * 2 * sizeof *range_of);
    for (size_t a = 0; a < np;) {
        size_t b = a + 1;
        while (b < np && post[b].h == post[a].h)
            b++;
        for (size_t k = a; k < b; k++) {
            range_of[2 * k] = a;
            range_of[2 * k + 1] = b;
        }
        if (b - a > S_MAX_POSTING)
            q->capped_words++;
        a = b;
    }
    /* the posting entries of mention i: found through its own entries */
    size_t *first_entry = concord_xmalloc(n * sizeof *first_entry);
    for (size_t i = 0; i < n; i++)
        first_entry[i] = SIZE_MAX;
    size_t *next_entry = concord_xmalloc((np ? np : 1) * sizeof *next_entry);
    for (size_t k = np; k-- > 0;) {
        next_entry[k] = first_entry[post[k].m];
        first_entry[post[k].m] = k;
    }
    *ix = (S_gindex){post, np, range_of, first_entry, next_entry};
}

/* Frees what S_gindex_build allocated. */
static void S_gindex_free(S_gindex *ix)
{
    free(ix->post);
    free(ix->range_of);
    free(ix->first_entry);
    free(ix->next_entry);
}

/* The mentions j > i that share a word of i's (not a capped one), in
 * touched[]; returns their count.  cnt[] is all zero on entry and holds
 * each one's shared words on return. */
static size_t S_pair_candidates(const S_gindex *ix, size_t i, size_t *cnt, size_t *touched)
{
    size_t nt = 0;
    for (size_t e = ix->first_entry[i]; e != SIZE_MAX; e = ix->next_entry[e]) {
        size_t lo = ix->range_of[2 * e], hi = ix->range_of[2 * e + 1];
        if (hi - lo > S_MAX_POSTING)
            continue;
        for (size_t k = lo; k < hi; k++) {
            size_t j = ix->post[k].m;
            if (j <= i)
                continue;
            if (!cnt[j]++)
                touched[nt++] = j;
        }
    }
    return nt;
}

/* Unites mentions i and j when their words say the same thing (a quick
 * reject on the signature and shared content words first); different
 * speakers of near-identical words mark a conflict. */
static void S_group_pair(const concord_quotes *q, S_mw *mw, size_t *parent, char *conflict,
                         size_t i, size_t j)
{
    if (S_sig_shared(&mw[i], &mw[j]) < 2)
        return;
    size_t sh =
        concord_count_common_u64(mw[i].content, mw[i].n_content, mw[j].content, mw[j].n_content);
    size_t mn = mw[i].n_content < mw[j].n_content ? mw[i].n_content : mw[j].n_content;
    if (sh < 2 || sh * 3 < mn)
        return;
    if (S_find(parent, i) == S_find(parent, j))
        return;
    S_score sc = S_compare(&mw[i].words, &mw[j].words);
    if (!S_same(&sc))
        return;
    if (S_speakers_clash(&q->mentions[i], &q->mentions[j])) {
        if (sc.sim < 0.8 && sc.containment < 0.95)
            return; /* different people saying similar things */
        conflict[i] = conflict[j] = 1;
    }
    parent[S_find(parent, i)] = S_find(parent, j);
}

/* Step 2: variants among the representative full quotes.  Candidate pairs
 * come from the inverted index; a word in more than S_MAX_POSTING of them
 * proposes no pairs (it cannot tell statements apart), so the work is
 * bounded by n * words * S_MAX_POSTING, not n^2. */
static void S_group_variants(concord_quotes *q, S_mw *mw, size_t *parent, char *conflict,
                             const char *rep)
{
    size_t n = q->n_mentions;
    S_gindex ix;
    S_gindex_build(q, mw, rep, &ix);
    size_t *cnt = concord_xcalloc(n, sizeof *cnt);
    size_t *touched = concord_xmalloc(n * sizeof *touched);
    for (size_t i = 0; i < n; i++) {
        if (!rep[i])
            continue;
        if (q->mentions[i].kind == CONCORD_QUOTE_PHRASE)
            continue; /* phrases group only with the same words (step 1) */
        size_t nt = S_pair_candidates(&ix, i, cnt, touched);
        for (size_t t = 0; t < nt; t++) {
            size_t j = touched[t];
            cnt[j] = 0;
            S_group_pair(q, mw, parent, conflict, i, j);
        }
    }
    S_gindex_free(&ix);
    free(cnt);
    free(touched);
}

/* Step 3: one quote per group, groups ordered by S_grp_cmp (full quotes
 * first, the most repeated first), with its kind and its mentions in story
 * order. */
static void S_collect_quotes(concord_quotes *q, size_t *parent)
{
    size_t n = q->n_mentions;
    S_grp *g = concord_xcalloc(n, sizeof *g);
    size_t ng = 0;
    size_t *gi = concord_xmalloc(n * sizeof *gi); /* root -> group index */
    for (size_t i = 0; i < n; i++)
        gi[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t r = S_find(parent, i);
        if (gi[r] == SIZE_MAX) {
            gi[r] = ng;
            g[ng].root = r;
            g[ng].first = i;
            g[ng].phrase = q->mentions[i].kind == CONCORD_QUOTE_PHRASE;
            ng++;
        }
        g[gi[r]].count++;
    }
    qsort(g, ng, sizeof *g, S_grp_cmp);
    for (size_t k = 0; k < ng; k++)
        gi[g[k].root] = k; /* root -> sorted group index */
    q->quotes = concord_xcalloc(ng ? ng : 1, sizeof *q->quotes);
    q->n_quotes = ng;
    for (size_t k = 0; k < ng; k++) {
        q->quotes[k].kind = g[k].phrase ? CONCORD_QUOTE_PHRASE : CONCORD_QUOTE_FULL;
        q->quotes[k].mentions = concord_xmalloc(g[k].count * sizeof *q->quotes[k].mentions);
        q->quotes[k].similarity = concord_xmalloc(g[k].count * sizeof *q->quotes[k].similarity);
    }
    for (size_t i = 0; i < n; i++) { /* mentions in story order, bucketed in one pass */
        concord_quote *qt = &q->quotes[gi[S_find(parent, i)]];
        qt->mentions[qt->n_mentions++] = i;
    }
    free(g);
    free(gi);
}

/* Occurrences of speaker in the sorted spk[0..ns): its run, found by
 * binary search. */
static size_t S_speaker_count(const char **spk, size_t ns, const char *speaker)
{
    const char **lo = spk, **hi = spk + ns;
    while (lo < hi) {
        const char **mid = lo + (hi - lo) / 2;
        if (strcmp(*mid, speaker) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const char **e = lo;
    while (e < spk + ns && strcmp(*e, speaker) == 0)
        e++;
    return (size_t)(e - lo);
}

/* The quote's speaker: the most frequent known person/org, else group,
 * else unknown (counts by sorting the mentions' speakers into spk, room
 * for n_mentions); a conflict stands only between distinct known
 * speakers. */
static void S_quote_speaker(const concord_quotes *q, concord_quote *qt, const char **spk,
                            int any_conflict)
{
    size_t ns = 0;
    for (size_t a = 0; a < qt->n_mentions; a++)
        spk[ns++] = q->mentions[qt->mentions[a]].speaker;
    qsort(spk, ns, sizeof *spk, S_str_cmp);
    const char *sp = NULL;
    size_t sp_n = 0;
    int sp_rank = 0;
    size_t distinct = 0;
    for (size_t a = 0; a < qt->n_mentions; a++) {
        const concord_quote_mention *ma = &q->mentions[qt->mentions[a]];
        if (ma->speaker_kind == CONCORD_SPEAKER_UNKNOWN)
            continue;
        int rank = ma->speaker_kind == CONCORD_SPEAKER_GROUP ? 1 : 2;
        size_t cnt_a = S_speaker_count(spk, ns, ma->speaker);
        if (rank > sp_rank || (rank == sp_rank && cnt_a > sp_n)) {
            sp = ma->speaker;
            sp_n = cnt_a;
            sp_rank = rank;
        }
    }
    for (size_t a = 0; a < ns; a++) /* distinct known person/org speakers */
        if (a == 0 || strcmp(spk[a], spk[a - 1]) != 0)
            distinct += strcmp(spk[a], "unknown") != 0;
    qt->speaker = concord_xstrdup(sp ? sp : "unknown");
    qt->speaker_conflict = any_conflict && distinct > 1;
}

/* The quote's text (its mention with the most word weight), key, speaker
 * and each mention's similarity to that text. */
static void S_quote_fill(const concord_quotes *q, concord_quote *qt, S_mw *mw, const char *conflict,
                         const char **spk)
{
    size_t best = SIZE_MAX;
    double best_w = -1;
    int any_conflict = 0;
    for (size_t a = 0; a < qt->n_mentions; a++) {
        size_t i = qt->mentions[a];
        if (mw[i].words.total > best_w) {
            best_w = mw[i].words.total;
            best = i;
        }
        any_conflict |= conflict[i];
    }
    qt->text = concord_xstrdup(q->mentions[best].text);
    qt->key = S_words_key(&mw[best].words);
    S_quote_speaker(q, qt, spk, any_conflict);
    S_words *bw = &mw[best].words;
    for (size_t a = 0; a < qt->n_mentions; a++) {
        size_t i = qt->mentions[a];
        if (i == best) {
            qt->similarity[a] = 1.0;
            continue;
        }
        S_score sc = S_compare(&mw[i].words, bw);
        qt->similarity[a] = sc.sim;
    }
}

/* Groups a story's mentions into quotes: the same words at once (step 1),
 * variants through candidate pairs (step 2), then one quote per group with
 * its text, speaker and similarities. */
static void S_group(concord_quotes *q)
{
    size_t n = q->n_mentions;
    if (!n)
        return;
    S_mw *mw = concord_xcalloc(n, sizeof *mw);
    size_t *parent = concord_xmalloc(n * sizeof *parent);
    for (size_t i = 0; i < n; i++) {
        parent[i] = i;
        S_mw_init(q->mentions[i].text, &mw[i]);
    }
    char *conflict = concord_xcalloc(n, 1);
    char *rep = concord_xcalloc(n, 1);
    S_group_same_words(q, mw, parent, conflict, rep);
    S_group_variants(q, mw, parent, conflict, rep);
    free(rep);
    S_collect_quotes(q, parent);
    const char **spk = concord_xmalloc(n * sizeof *spk);
    for (size_t k = 0; k < q->n_quotes; k++)
        S_quote_fill(q, &q->quotes[k], mw, conflict, spk);
    free(spk);
    for (size_t i = 0; i < n; i++) {
        S_words_free(&mw[i].words);
        free(mw[i].content);
    }
    free(mw);
    free(parent);
    free(conflict);
}

concord_quotes *concord_quotes_explain(const concord_member *m, size_t n)
{
    concord_quotes *q = concord_xcalloc(1, sizeof *q);
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        if (!m[i].clean || !m[i].clean->text)
            continue;
        concord_quote_list *l = concord_quotes_extract(m[i].clean->text, m[i].clean->len);
        CONCORD_GROW(q->mentions, cap, q->n_mentions + l->n);
        for (size_t k = 0; k < l->n; k++) {
            l->items[k].member = i;
            q->mentions[q->n_mentions++] = l->items[k];
        }
        l->n = 0; /* strings moved */
        concord_quote_list_free(l);
    }
    concord__quotes_resolve_story(q->mentions, q->n_mentions);
    S_group(q);
    return q;
}

void concord_quotes_free(concord_quotes *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n_quotes; i++) {
        free(q->quotes[i].speaker);
        free(q->quotes[i].text);
        free(q->quotes[i].mentions);
        free(q->quotes[i].similarity);
    }
    free(q->quotes);
    for (size_t i = 0; i < q->n_mentions; i++) {
        free(q->mentions[i].text);
        free(q->mentions[i].speaker);
        free(q->mentions[i].speaker_text);
    }
    free(q->mentions);
    free(q);
}

void concord_quotes_json(const concord_quotes *q, const concord_member *m, size_t n,
                         concord_buf *out)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    concord__jsonw_begin_array(&w);
    for (size_t k = 0; q && k < q->n_quotes; k++) {
        const concord_quote *qt = &q->quotes[k];
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_str(&w, "speaker", qt->speaker);
        concord__jsonw_key_str(&w, "text", qt->text);
        concord__jsonw_key_str(&w, "kind", qt->kind == CONCORD_QUOTE_PHRASE ? "phrase" : "quote");
        concord__jsonw_key(&w, "key");
        concord__jsonw_hex64(&w, qt->key);
        concord__jsonw_key_bool(&w, "speaker_conflict", qt->speaker_conflict);
        if (qt->speaker_conflict) {
            concord__jsonw_key(&w, "speakers");
            concord__jsonw_begin_array(&w);
            /* distinct speakers in mention order (checked against those
             * already listed: few, however many mentions) */
            const char **listed = concord_xmalloc(qt->n_mentions * sizeof *listed);
            size_t n_listed = 0;
            for (size_t a = 0; a < qt->n_mentions; a++) {
                const concord_quote_mention *ma = &q->mentions[qt->mentions[a]];
                if (ma->speaker_kind == CONCORD_SPEAKER_UNKNOWN)
                    continue;
                int dup = 0;
                for (size_t b = 0; b < n_listed && !dup; b++)
                    dup = strcmp(listed[b], ma->speaker) == 0;
                if (dup)
                    continue;
                listed[n_listed++] = ma->speaker;
                concord__jsonw_str(&w, ma->speaker);
            }
            free(listed);
            concord__jsonw_end_array(&w);
        }
        concord__jsonw_key(&w, "mentions");
        concord__jsonw_begin_array(&w);
        for (size_t a = 0; a < qt->n_mentions; a++) {
            const concord_quote_mention *ma = &q->mentions[qt->mentions[a]];
            concord__jsonw_begin_object(&w);
            concord__jsonw_key_str(
                &w, "article",
                ma->member < n && m[ma->member].article ? m[ma->member].article->id : NULL);
            concord__jsonw_key_str(&w, "text", ma->text);
            concord__jsonw_key_uint(&w, "start", ma->start);
            concord__jsonw_key_uint(&w, "end", ma->end);
            concord__jsonw_key_str(&w, "speaker", ma->speaker);
            concord__jsonw_key_str(&w, "speaker_text", ma->speaker_text);
            if (ma->speaker_end > ma->speaker_start) {
                concord__jsonw_key_uint(&w, "speaker_start", ma->speaker_start);
                concord__jsonw_key_uint(&w, "speaker_end", ma->speaker_end);
            } else {
                concord__jsonw_key_str(&w, "speaker_start", NULL);
                concord__jsonw_key_str(&w, "speaker_end", NULL);
            }
            concord__jsonw_key_fixed(&w, "similarity", qt->similarity[a], 3);
            concord__jsonw_end_object(&w);
        }
        concord__jsonw_end_array(&w);
        /* other stories with this quote: filled by concord_quotes_set_elsewhere */
        concord__jsonw_key(&w, "elsewhere");
        concord__jsonw_begin_array(&w);
        concord__jsonw_end_array(&w);
        concord__jsonw_end_object(&w);
    }
    concord__jsonw_end_array(&w);
    concord__jsonw_finish(&w);
}

/* ----------------------------------------------------------------- links */

typedef struct {
    uint64_t h;
    uint32_t story, quote;
} S_post;

/* A total order over every field, so that any correct sort gives the
 * one order (CONCORD__SORT_DEFINE's contract). */
#define S_POST_LESS(x, y)                                                                          \
    ((x)->h != (y)->h           ? (x)->h < (y)->h                                                  \
     : (x)->story != (y)->story ? (x)->story < (y)->story                                          \
                                : (x)->quote < (y)->quote)
CONCORD__SORT_DEFINE(S_sort_posts, S_post, S_POST_LESS)

size_t concord__quote_shingles(const char *text, uint64_t **out)
{
    S_words w = {0};
    S_words_of(text, strlen(text), &w, 512);
    size_t n = w.n >= 4 ? w.n - 3 : 0;
    uint64_t *h = concord_xmalloc((n ? n : 1) * sizeof *h);
    for (size_t i = 0; i < n; i++) {
        uint64_t x = 0;
        for (size_t j = 0; j < 4; j++)
            x = concord_hash(&w.w[i + j].h, 8, x);
        h[i] = x;
    }
    S_words_free(&w);
    *out = h;
    return n;
}

/* 0 when two known speakers have different surnames ("Tokayev" in one
 * story, "Kassym-Jomart Tokayev" in another are one person): two people,
 * different statements however alike. */
static int S_speakers_may_match(const concord_quote *qa, const concord_quote *qb)
{
    const char *pa = qa->speaker, *pb = qb->speaker;
    if (pa && pb && strcmp(pa, "unknown") && strcmp(pb, "unknown") && strcmp(pa, pb)) {
        const char *la = strrchr(pa, ' '), *lb = strrchr(pb, ' ');
        la = la ? la + 1 : pa;
        lb = lb ? lb + 1 : pb;
        if (strcmp(la, lb) != 0)
            return 0;
    }
    return 1;
}

int concord__quote_pair_links(const concord_quote *qa, const concord_quote *qb, double *sim)
{
    if (!S_speakers_may_match(qa, qb))
        return 0;
    const char *ta = qa->text, *tb = qb->text;
    S_words x = {0}, y = {0};
    S_words_of(ta, strlen(ta), &x, 4096);
    S_words_of(tb, strlen(tb), &y, 4096);
    S_score sc = S_compare(&x, &y);
    S_words_free(&x);
    S_words_free(&y);
    *sim = sc.sim;
    return S_same(&sc);
}

/* ---- concord__quote_links_mt: the same links, the work on T threads.
 *
 * The one-thread definition: sort every full quote's 4-word shingle
 * postings (hash, story, quote); every two postings of one hash held by at
 * most CONCORD__QUOTE_LINK_CAP postings, of different stories, make a
 * candidate pair (the lower story first); the unique pairs in order are
 * tested.  Here, with the same pairs in the same order:
 * 1. shingles: blocks of stories, any thread each; the postings of a block
 *    in story order;
 * 2. the postings cut into buckets by hash range (a bucket's hashes all
 *    precede the next one's: a hash's postings are in one bucket), each
 *    sorted by any thread; each bucket's groups (a hash with 2 to CAP
 *    postings) are noted under each quote that posts in them;
 * 3. the quotes cut into chunks of consecutive quotes (story, then quote
 *    order), about equal in candidates; for each quote a of a chunk, the
 *    postings of later stories in its groups are its partners b: made
 *    unique (a stamp per quote), sorted, tested, the words of a made once.
 *    The chunks' links in chunk order are the one-thread order, with no
 *    sort of all pairs (most pairs share many shingles: a pair of long
 *    variants comes up once per shared shingle).
 * Every thread writes only its own block, bucket or chunk slots. */

#define S_QL_BLOCK 128 /* stories per shingle block */

typedef struct {
    size_t start;
    uint32_t len;
} S_qgroup;

typedef struct {
    const concord_quotes *const *stories;
    size_t n_stories, n_quotes, n_blocks, n_buckets, n_chunks;
    atomic_size_t next; /* the next block, bucket or chunk to take */
    size_t *qbase;      /* story s: quotes qbase[s] .. qbase[s + 1] (global numbers) */
    /* 1 */
    S_post **bp;
    size_t *bn;
    /* 2 */
    S_post *posts;  /* all postings, bucket after bucket */
    size_t *bstart; /* bucket k: posts[bstart[k] .. bstart[k + 1]) */
    S_qgroup **kg;  /* the groups of each bucket */
    size_t *kgn;
    /* per quote (global number): its groups, goff[q] .. goff[q + 1] of grp */
    size_t *goff;
    const S_qgroup **grp;
    /* 3 */
    size_t *cstart; /* chunk c: quotes cstart[c] .. cstart[c + 1] */
    concord_quote_link **cl;
    size_t *cn;
} S_ql;

static void S_ql_shingle_block(S_ql *x, size_t blk)
{
    S_post *p = NULL;
    size_t n = 0, cap = 0;
    size_t s1 = (blk + 1) * S_QL_BLOCK < x->n_stories ? (blk + 1) * S_QL_BLOCK : x->n_stories;
    for (size_t s = blk * S_QL_BLOCK; s < s1; s++) {
        const concord_quotes *q = x->stories[s];
        for (size_t k = 0; q && k < q->n_quotes; k++) {
            if (q->quotes[k].kind != CONCORD_QUOTE_FULL)
                continue;
            uint64_t *hs = NULL;
            size_t nh = concord__quote_shingles(q->quotes[k].text, &hs);
            CONCORD_GROW(p, cap, n + nh);
            for (size_t i = 0; i < nh; i++)
                p[n++] = (S_post){hs[i], (uint32_t)s, (uint32_t)k};
            free(hs);
        }
    }
    x->bp[blk] = p;
    x->bn[blk] = n;
}

/* The bucket of a hash: monotone in h, so buckets in order are hash order. */
static size_t S_ql_bucket(uint64_t h, size_t n_buckets)
{
    return (size_t)(((h >> 32) * (uint64_t)n_buckets) >> 32);
}

static void S_ql_sort_bucket(S_ql *x, size_t k)
{
    S_post *posts = x->posts + x->bstart[k];
    size_t np = x->bstart[k + 1] - x->bstart[k];
    S_sort_posts(posts, np);
    S_qgroup *g = NULL;
    size_t ng = 0, cap = 0;
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && posts[j].h == posts[i].h)
            j++;
        if (j - i >= 2 && j - i <= CONCORD__QUOTE_LINK_CAP) {
            CONCORD_GROW(g, cap, ng + 1);
            g[ng++] = (S_qgroup){x->bstart[k] + i, (uint32_t)(j - i)};
        }
        i = j;
    }
    x->kg[k] = g;
    x->kgn[k] = ng;
}

/* stamp: the worker's, n_quotes slots (slot b holds a + 1 once b was taken
 * as a partner of a: the quote numbers are unique, so never reset). */
static void S_ql_test_chunk(S_ql *x, size_t c, size_t *stamp)
{
    concord_quote_link *links = NULL;
    size_t nl = 0, lcap = 0;
    uint64_t *cand = NULL;
    size_t ccap = 0;
    size_t sa = 0, hi = x->n_stories; /* the story of the chunk's first quote */
    while (sa < hi) {
        size_t mid = sa + (hi - sa) / 2;
        if (x->qbase[mid + 1] <= x->cstart[c])
            sa = mid + 1;
        else
            hi = mid;
    }
    for (size_t ga = x->cstart[c]; ga < x->cstart[c + 1]; ga++) {
        if (x->goff[ga] == x->goff[ga + 1])
            continue;
        while (x->qbase[sa + 1] <= ga)
            sa++;
        size_t qa = ga - x->qbase[sa], nc = 0;
        for (size_t e = x->goff[ga]; e < x->goff[ga + 1]; e++) {
            const S_qgroup *g = x->grp[e];
            for (size_t i = g->start; i < g->start + g->len; i++) {
                const S_post *p = &x->posts[i];
                if (p->story <= sa)
                    continue;
                size_t gb = x->qbase[p->story] + p->quote;
                if (stamp[gb] == ga + 1)
                    continue;
                stamp[gb] = ga + 1;
                CONCORD_GROW(cand, ccap, nc + 1);
                cand[nc++] = ((uint64_t)p->story << 32) | p->quote;
            }
        }
        concord_sort_u64(cand, nc);
        const concord_quote *A = &x->stories[sa]->quotes[qa];
        S_words wa = {0}; /* made once for all of a's partners (S_compare
                           * fills its pack and grams at the first and reads
                           * them after: the same values) */
        int have_a = 0;
        for (size_t i = 0; i < nc; i++) {
            size_t sb = (size_t)(cand[i] >> 32), qb = (size_t)(cand[i] & 0xffffffffu);
            const concord_quote *B = &x->stories[sb]->quotes[qb];
            if (!S_speakers_may_match(A, B))
                continue;
            if (!have_a) {
                S_words_of(A->text, strlen(A->text), &wa, 4096);
                have_a = 1;
            }
            S_words wb = {0};
            S_words_of(B->text, strlen(B->text), &wb, 4096);
            S_score sc = S_compare(&wa, &wb);
            S_words_free(&wb);
            if (!S_same(&sc))
                continue;
            CONCORD_GROW(links, lcap, nl + 1);
            links[nl].story_a = sa;
            links[nl].quote_a = qa;
            links[nl].story_b = sb;
            links[nl].quote_b = qb;
            links[nl].similarity = sc.sim;
            nl++;
        }
        S_words_free(&wa);
    }
    free(cand);
    x->cl[c] = links;
    x->cn[c] = nl;
}

typedef struct {
    S_ql *x;
    int step; /* 1, 2 or 3 */
} S_ql_run;

static void *S_ql_worker(void *arg)
{
    S_ql_run *r = arg;
    S_ql *x = r->x;
    size_t n = r->step == 1 ? x->n_blocks : r->step == 2 ? x->n_buckets : x->n_chunks;
    size_t *stamp = r->step == 3 ? concord_xcalloc(x->n_quotes + 1, sizeof *stamp) : NULL;
    for (;;) {
        size_t i = atomic_fetch_add(&x->next, 1);
        if (i >= n)
            break;
        if (r->step == 1)
            S_ql_shingle_block(x, i);
        else if (r->step == 2)
            S_ql_sort_bucket(x, i);
        else
            S_ql_test_chunk(x, i, stamp);
    }
    free(stamp);
    return NULL;
}

/* Runs one step on the calling thread and threads - 1 others (fewer when a
 * thread cannot be started: the work is taken by whoever runs). */
static void S_ql_step(S_ql *x, int step, int threads)
{
    S_ql_run r = {x, step};
    pthread_t th[15];
    int started = 0;
    atomic_store(&x->next, 0);
    for (int t = 1; t < threads && t < 16; t++) {
        if (pthread_create(&th[started], NULL, S_ql_worker, &r) != 0)
            break;
        started++;
    }
    S_ql_worker(&r);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
}

/* Step 2's end and step 3's cut: each quote's groups (goff, grp) and the
 * chunks of consecutive quotes of about equal candidate counts (cstart,
 * n_chunks). */
static void S_ql_chunks(S_ql *x, int threads)
{
    /* each quote's groups, and its candidates (the cost of its tests) */
    x->goff = concord_xcalloc(x->n_quotes + 2, sizeof *x->goff);
    size_t *cost = concord_xcalloc(x->n_quotes + 1, sizeof *cost);
    for (size_t k = 0; k < x->n_buckets; k++)
        for (size_t e = 0; e < x->kgn[k]; e++) {
            const S_qgroup *g = &x->kg[k][e];
            for (size_t i = g->start; i < g->start + g->len; i++) {
                size_t q = x->qbase[x->posts[i].story] + x->posts[i].quote;
                x->goff[q + 1]++;
                cost[q] += g->len;
            }
        }
    for (size_t q = 0; q < x->n_quotes; q++)
        x->goff[q + 1] += x->goff[q];
    x->grp = concord_xmalloc((x->goff[x->n_quotes] ? x->goff[x->n_quotes] : 1) * sizeof *x->grp);
    size_t *fill = concord_xmalloc((x->n_quotes ? x->n_quotes : 1) * sizeof *fill);
    memcpy(fill, x->goff, x->n_quotes * sizeof *fill);
    for (size_t k = 0; k < x->n_buckets; k++)
        for (size_t e = 0; e < x->kgn[k]; e++) {
            const S_qgroup *g = &x->kg[k][e];
            for (size_t i = g->start; i < g->start + g->len; i++)
                x->grp[fill[x->qbase[x->posts[i].story] + x->posts[i].quote]++] = g;
        }
    free(fill);
    /* 3: chunks of consecutive quotes of about equal cost */
    size_t total = 0;
    for (size_t q = 0; q < x->n_quotes; q++)
        total += cost[q];
    size_t want = threads == 1 ? 1 : (size_t)threads * 16;
    size_t per_chunk = total / want + 1, in_c = 0;
    x->cstart = concord_xcalloc(want + 2, sizeof *x->cstart);
    size_t c = 0;
    for (size_t q = 0; q < x->n_quotes; q++) {
        if (in_c >= per_chunk && c + 1 < want) {
            x->cstart[++c] = q;
            in_c = 0;
        }
        in_c += cost[q];
    }
    x->n_chunks = c + 1;
    x->cstart[x->n_chunks] = x->n_quotes;
    free(cost);
}

concord_quote_link *concord__quote_links_mt(const concord_quotes *const *stories, size_t n_stories,
                                            int threads, size_t *n_out)
{
    *n_out = 0;
    if (threads < 1)
        threads = 1;
    if (threads > 16)
        threads = 16;
    S_ql x;
    memset(&x, 0, sizeof x);
    x.stories = stories;
    x.n_stories = n_stories;
    x.qbase = concord_xmalloc((n_stories + 2) * sizeof *x.qbase);
    x.qbase[0] = 0;
    for (size_t s = 0; s < n_stories; s++)
        x.qbase[s + 1] = x.qbase[s] + (stories[s] ? stories[s]->n_quotes : 0);
    x.qbase[n_stories + 1] = SIZE_MAX; /* a sentinel for the story walk */
    x.n_quotes = x.qbase[n_stories];
    /* 1: shingles */
    x.n_blocks = (n_stories + S_QL_BLOCK - 1) / S_QL_BLOCK;
    x.bp = concord_xcalloc(x.n_blocks + 1, sizeof *x.bp);
    x.bn = concord_xcalloc(x.n_blocks + 1, sizeof *x.bn);
    S_ql_step(&x, 1, threads);
    size_t np = 0;
    for (size_t b = 0; b < x.n_blocks; b++)
        np += x.bn[b];
    /* 2: buckets by hash range (a few per thread, so that a slow thread
     * holds no one up), scattered in order */
    x.n_buckets = threads == 1 ? 1 : (size_t)threads * 8;
    x.bstart = concord_xcalloc(x.n_buckets + 1, sizeof *x.bstart);
    for (size_t b = 0; b < x.n_blocks; b++)
        for (size_t i = 0; i < x.bn[b]; i++)
            x.bstart[S_ql_bucket(x.bp[b][i].h, x.n_buckets) + 1]++;
    for (size_t k = 0; k < x.n_buckets; k++)
        x.bstart[k + 1] += x.bstart[k];
    x.posts = concord_xmalloc((np ? np : 1) * sizeof *x.posts);
    size_t *fill = concord_xmalloc(x.n_buckets * sizeof *fill);
    memcpy(fill, x.bstart, x.n_buckets * sizeof *fill);
    for (size_t b = 0; b < x.n_blocks; b++) {
        for (size_t i = 0; i < x.bn[b]; i++)
            x.posts[fill[S_ql_bucket(x.bp[b][i].h, x.n_buckets)]++] = x.bp[b][i];
        free(x.bp[b]);
    }
    free(fill);
    free(x.bp);
    free(x.bn);
    x.kg = concord_xcalloc(x.n_buckets, sizeof *x.kg);
    x.kgn = concord_xcalloc(x.n_buckets, sizeof *x.kgn);
    S_ql_step(&x, 2, threads);
    S_ql_chunks(&x, threads);
    x.cl = concord_xcalloc(x.n_chunks, sizeof *x.cl);
    x.cn = concord_xcalloc(x.n_chunks, sizeof *x.cn);
    S_ql_step(&x, 3, threads);
    size_t nl = 0;
    for (size_t k = 0; k < x.n_chunks; k++)
        nl += x.cn[k];
    concord_quote_link *links = concord_xmalloc((nl ? nl : 1) * sizeof *links);
    nl = 0;
    for (size_t k = 0; k < x.n_chunks; k++) {
        if (x.cn[k])
            memcpy(links + nl, x.cl[k], x.cn[k] * sizeof *links);
        nl += x.cn[k];
        free(x.cl[k]);
    }
    for (size_t k = 0; k < x.n_buckets; k++)
        free(x.kg[k]);
    free(x.kg);
    free(x.kgn);
    free(x.goff);
    free(x.grp);
    free(x.posts);
    free(x.bstart);
    free(x.cstart);
    free(x.cl);
    free(x.cn);
    free(x.qbase);
    *n_out = nl;
    return links;
}

concord_quote_link *concord_quote_links(const concord_quotes *const *stories, size_t n_stories,
                                        size_t *n_out)
{
    return concord__quote_links_mt(stories, n_stories, 1, n_out);
}

concord_quote_link *concord_quote_links_threads(const concord_quotes *const *stories,
                                                size_t n_stories, int threads, size_t *n_out)
{
    return concord__quote_links_mt(stories, n_stories, threads, n_out);
}

/* ------------------------------------------------------ links in documents */

concord_quotes *concord_quotes_from_json(const concord_json *story)
{
    concord_quotes *q = concord_xcalloc(1, sizeof *q);
    const concord_json *qs = story ? concord_json_get(story, "quotes") : NULL;
    if (!qs || qs->type != CONCORD_JSON_ARRAY || !qs->len)
        return q;
    q->quotes = concord_xcalloc(qs->len, sizeof *q->quotes);
    for (size_t k = 0; k < qs->len; k++) {
        const concord_json *o = qs->items[k];
        const char *t = concord_json_get_str(o, "text");
        const char *sp = concord_json_get_str(o, "speaker");
        const char *kind = concord_json_get_str(o, "kind");
        concord_quote *qt = &q->quotes[q->n_quotes++];
        qt->text = concord_xstrdup(t ? t : "");
        qt->speaker = concord_xstrdup(sp ? sp : "unknown");
        qt->kind = kind && !strcmp(kind, "phrase") ? CONCORD_QUOTE_PHRASE : CONCORD_QUOTE_FULL;
    }
    return q;
}

static void S_write_member_except(concord_buf *out, const concord_json *o, const char *skip,
                                  int *first)
{
    for (size_t i = 0; i < o->len; i++) {
        const concord_json *v = o->items[i];
        if (!v->key || (skip && !strcmp(v->key, skip)))
            continue;
        if (!*first)
            concord_buf_addc(out, ',');
        *first = 0;
        concord_json_str(out, v->key);
        concord_buf_addc(out, ':');
        concord_json_write(out, v);
    }
}

char *concord_quotes_set_elsewhere(const concord_json *story, size_t story_index,
                                   const concord_quote_link *links, size_t n_links,
                                   const char *const *story_ids, int *changed)
{
    *changed = 0;
    if (!story || story->type != CONCORD_JSON_OBJECT)
        return NULL;
    const concord_json *qs = concord_json_get(story, "quotes");
    size_t nq = qs && qs->type == CONCORD_JSON_ARRAY ? qs->len : 0;
    /* the new "elsewhere" of every quote, as JSON text */
    concord_buf *ew = concord_xcalloc(nq ? nq : 1, sizeof *ew);
    for (size_t k = 0; k < nq; k++) {
        concord_buf_init(&ew[k]);
        concord_buf_addc(&ew[k], '[');
    }
    for (size_t l = 0; l < n_links; l++) {
        const concord_quote_link *x = &links[l];
        size_t mine, other_s, other_q;
        if (x->story_a == story_index) {
            mine = x->quote_a;
            other_s = x->story_b;
            other_q = x->quote_b;
        } else if (x->story_b == story_index) {
            mine = x->quote_b;
            other_s = x->story_a;
            other_q = x->quote_a;
        } else {
            continue;
        }
        if (mine >= nq)
            continue;
        if (ew[mine].len > 1)
            concord_buf_addc(&ew[mine], ',');
        jsonw w; /* one element; the array's brackets and commas are written here */
        concord__jsonw_init(&w, &ew[mine]);
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_str(&w, "story", story_ids[other_s]);
        concord__jsonw_key_uint(&w, "quote", other_q);
        concord__jsonw_key_fixed(&w, "similarity", x->similarity, 3);
        concord__jsonw_end_object(&w);
        concord__jsonw_finish(&w);
    }
    for (size_t k = 0; k < nq; k++) {
        concord_buf_addc(&ew[k], ']');
        const concord_json *old = concord_json_get(qs->items[k], "elsewhere");
        concord_buf ob;
        concord_buf_init(&ob);
        if (old)
            concord_json_write(&ob, old);
        else
            concord_buf_adds(&ob, "[]");
        if (ob.len != ew[k].len || memcmp(ob.data, ew[k].data, ob.len) != 0)
            *changed = 1;
        concord_buf_free(&ob);
    }
    char *doc = NULL;
    if (*changed) {
        concord_buf out;
        concord_buf_init(&out);
        concord_buf_addc(&out, '{');
        int first = 1;
        for (size_t i = 0; i < story->len; i++) {
            const concord_json *v = story->items[i];
            if (!v->key)
                continue;
            if (!first)
                concord_buf_addc(&out, ',');
            first = 0;
            concord_json_str(&out, v->key);
            concord_buf_addc(&out, ':');
            if (strcmp(v->key, "quotes") != 0 || v != qs) {
                concord_json_write(&out, v);
                continue;
            }
            concord_buf_addc(&out, '[');
            for (size_t k = 0; k < nq; k++) {
                if (k)
                    concord_buf_addc(&out, ',');
                concord_buf_addc(&out, '{');
                int f2 = 1;
                S_write_member_except(&out, qs->items[k], "elsewhere", &f2);
                concord_buf_adds(&out, f2 ? "\"elsewhere\":" : ",\"elsewhere\":");
                concord_buf_add(&out, ew[k].data, ew[k].len);
                concord_buf_addc(&out, '}');
            }
            concord_buf_addc(&out, ']');
        }
        concord_buf_addc(&out, '}');
        doc = concord_buf_detach(&out, NULL);
    }
    for (size_t k = 0; k < nq; k++)
        concord_buf_free(&ew[k]);
    free(ew);
    return doc;
}
