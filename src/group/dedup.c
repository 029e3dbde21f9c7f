/* dedup.c: per-article grouping features (computed in worker threads) and
 * the MinHash / LSH primitives behind near-duplicate detection.
 *
 * MinHash: CONCORD_MINHASH hash functions of the shingle hashes, each a
 * permutation of 32-bit values ((x ^ B_i) * A_i, then v ^= v >> 16), x the
 * 64-bit shingle hash folded to 32 bits: one multiply per function (about
 * 160 MB/s a core for the signatures).  A_i (odd) and B_i come from a fixed
 * splitmix64 stream, so signatures are the same on every machine and across
 * runs.  64 values make the standard error of the Jaccard estimate
 * sqrt(J(1-J)/64) <= 0.063; at the 0.7 acceptance threshold, 0.057. */
#include "group_internal.h"

#include "analyze/analyze_internal.h"
#include "group/dedup_internal.h"

#include <stdlib.h>
#include <string.h>

static uint32_t S_mul[CONCORD_MINHASH], S_xor[CONCORD_MINHASH];

static uint64_t S_splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Constants are derived on first use; the table is written identically by any
 * racing thread, but we still guard it with pthread_once for correctness. */
#include <pthread.h>
static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static void S_init_minhash(void)
{
    uint64_t s = 0xc0c0a11dULL;
    for (int i = 0; i < CONCORD_MINHASH; i++) {
        S_mul[i] = (uint32_t)S_splitmix(&s) | 1u;
        S_xor[i] = (uint32_t)S_splitmix(&s);
    }
}

/* sig[i] = min over the shingles of hash function i (the hot loop of dedup),
 * in GCC / clang vector types of 16 lanes that the compiler maps onto the
 * target's registers.  Built for AVX-512, AVX2 and the base x86-64 where
 * the compiler can, chosen at load time (SSE2 has no 32-bit multiply and
 * emulates it); the values are the same on every path. */
#if defined(__GNUC__)
typedef uint32_t S_lanes __attribute__((vector_size(64)));
#define S_NLANES (64 / (int)sizeof(uint32_t))
#if defined(__x86_64__) && !defined(__clang__) && defined(__linux__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void
S_minhash(uint32_t *sig, const uint64_t *shingles, size_t n)
{
    _Static_assert(CONCORD_MINHASH % S_NLANES == 0, "signature: whole vectors");
    enum { NV = CONCORD_MINHASH / S_NLANES };
    S_lanes mul[NV], xr[NV], best[NV];
    memcpy(mul, S_mul, sizeof mul);
    memcpy(xr, S_xor, sizeof xr);
    memcpy(best, sig, sizeof best);
    for (size_t k = 0; k < n; k++) {
        uint64_t h = shingles[k];
        uint32_t x = (uint32_t)(h ^ (h >> 32));
        for (int i = 0; i < NV; i++) {
            S_lanes v = (xr[i] ^ x) * mul[i];
            v ^= v >> 16;
            S_lanes lt = (S_lanes)(v < best[i]);
            best[i] = (v & lt) | (best[i] & ~lt);
        }
    }
    memcpy(sig, best, sizeof best);
}
#else
static void S_minhash(uint32_t *sig, const uint64_t *shingles, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        uint64_t h = shingles[k];
        uint32_t x = (uint32_t)(h ^ (h >> 32));
        for (int i = 0; i < CONCORD_MINHASH; i++) {
            uint32_t v = (x ^ S_xor[i]) * S_mul[i];
            v ^= v >> 16;
            sig[i] = v < sig[i] ? v : sig[i];
        }
    }
}
#endif

int32_t concord_day_number(const char *date)
{
    if (!date || strlen(date) < 10)
        return CONCORD_DAY_UNKNOWN;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (date[i] != '-')
                return CONCORD_DAY_UNKNOWN;
        } else if (date[i] < '0' || date[i] > '9') {
            return CONCORD_DAY_UNKNOWN;
        }
    }
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1)
        return CONCORD_DAY_UNKNOWN;
    /* days from civil (H. Hinnant) */
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2u) / 5u + (unsigned)d - 1u;
    unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

double concord__sig_jaccard(const uint32_t *a, const uint32_t *b)
{
    if (!a || !b)
        return 0.0;
    int same = 0;
    for (int i = 0; i < CONCORD_MINHASH; i++)
        same += a[i] == b[i];
    return (double)same / CONCORD_MINHASH;
}

const uint32_t *concord_features_signature(const concord_features *f)
{
    return f->sig;
}

double concord_minhash_jaccard(const uint32_t *a, const uint32_t *b)
{
    return concord__sig_jaccard(a, b);
}

uint64_t concord_minhash_band_key(const uint32_t *sig, int band)
{
    return concord__band_key(sig, band);
}

double concord_features_jaccard(const concord_features *a, const concord_features *b)
{
    return concord__sig_jaccard(a->sig, b->sig);
}

uint64_t concord__band_key(const uint32_t *sig, int band)
{
    return concord_hash(sig + band * CONCORD_LSH_ROWS, CONCORD_LSH_ROWS * sizeof *sig,
                        0xba5d0000u + (uint64_t)band);
}

/* ---- the event's day ---------------------------------------------------- */

/* Month names (data/month_names.txt) by folded-word hash. */
#include "month_names.inc"

#define S_MONTH_SLOTS 256
static uint64_t S_month_hash[S_MONTH_SLOTS];
static uint8_t S_month_of[S_MONTH_SLOTS];
static pthread_once_t S_month_once = PTHREAD_ONCE_INIT;

static void S_month_put(uint64_t h, int v)
{
    size_t k = (size_t)(h >> 7) & (S_MONTH_SLOTS - 1);
    while (S_month_hash[k] && S_month_hash[k] != h)
        k = (k + 1) & (S_MONTH_SLOTS - 1);
    S_month_hash[k] = h;
    S_month_of[k] = (uint8_t)v;
}

static void S_init_months(void)
{
    for (size_t i = 0; i < month_names_count; i++) {
        const char *line = month_names_lines[i];
        const char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        int m = atoi(tab + 1);
        if (m < 1 || m > 12)
            continue;
        /* ASCII names only: the folded hash of the word as analyze.c folds it */
        S_month_put(concord_hash(line, (size_t)(tab - line), 0), m);
    }
}

static int S_month_get(uint64_t h)
{
    size_t k = (size_t)(h >> 7) & (S_MONTH_SLOTS - 1);
    while (S_month_hash[k]) {
        if (S_month_hash[k] == h)
            return S_month_of[k];
        k = (k + 1) & (S_MONTH_SLOTS - 1);
    }
    return 0;
}

/* Value of a word of 1..4 ASCII digits (ordinal suffixes allowed: "10th"), else -1. */
static int S_small_number(const char *t, uint32_t start, uint32_t end)
{
    int v = 0, digits = 0;
    uint32_t i = start;
    for (; i < end && t[i] >= '0' && t[i] <= '9' && digits < 5; i++, digits++)
        v = v * 10 + (t[i] - '0');
    if (!digits || digits > 4)
        return -1;
    if (i < end && end - i != 2) /* "10th", "1st", "22nd" */
        return -1;
    return v;
}

static int32_t S_civil_day(int y, int m, int d)
{
    char buf[16];
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
        return CONCORD_DAY_UNKNOWN;
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return concord_day_number(buf);
}

/* The event's day: the earliest date written in the lead ("Jan. 10",
 * "January 10, 2015", "10 January") that falls within S_EVENT_BACK days
 * before publication (a year left out is the one that puts the date on or
 * before publication); else the publication day.  A follow-up weeks later
 * that names the day of the shooting is then as close to the first reports
 * as they are to each other.  Weekdays ("on Monday": the latest such day on
 * or before publication) were tried as a fallback and dropped: gva-dev
 * +0.0005, a generated 20k corpus -0.008 (its texts keep their seed's
 * weekdays under new dates). */
#define S_EVENT_BACK 365
#define S_EVENT_SENTENCES 12
static int32_t S_event_day(int32_t pub, const concord_doc *d, const char *text)
{
    if (pub == CONCORD_DAY_UNKNOWN || !text)
        return pub;
    pthread_once(&S_month_once, S_init_months);
    int32_t best = CONCORD_DAY_UNKNOWN;
    /* publication year: from the day number (civil from days, H. Hinnant) */
    int32_t z = pub + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    uint32_t doe = (uint32_t)(z - era * 146097);
    uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    uint32_t mp = (5 * doy + 2) / 153;
    int pub_year = (int)yoe + era * 400 + (mp >= 10);
    for (size_t i = 0; i < d->n_words; i++) {
        const concord_word *w = &d->words[i];
        if (w->sentence >= S_EVENT_SENTENCES)
            break;
        int m = S_month_get(w->fold);
        if (!m)
            continue;
        int day = -1, year = -1;
        if (i + 1 < d->n_words && d->words[i + 1].sentence == w->sentence)
            day = S_small_number(text, d->words[i + 1].start, d->words[i + 1].end);
        if (day >= 1 && day <= 31) {
            if (i + 2 < d->n_words && d->words[i + 2].sentence == w->sentence) {
                int y = S_small_number(text, d->words[i + 2].start, d->words[i + 2].end);
                if (y >= 1900)
                    year = y;
            }
        } else if (i > 0 && d->words[i - 1].sentence == w->sentence) {
            day = S_small_number(text, d->words[i - 1].start, d->words[i - 1].end);
        }
        if (day < 1 || day > 31)
            continue;
        int32_t dn;
        if (year > 0) {
            dn = S_civil_day(year, m, day);
        } else {
            dn = S_civil_day(pub_year, m, day);
            if (dn != CONCORD_DAY_UNKNOWN && dn > pub + 1)
                dn = S_civil_day(pub_year - 1, m, day);
        }
        if (dn == CONCORD_DAY_UNKNOWN || dn > pub + 1 || dn < pub - S_EVENT_BACK)
            continue;
        if (best == CONCORD_DAY_UNKNOWN || dn < best)
            best = dn;
    }
    return best != CONCORD_DAY_UNKNOWN ? best : pub;
}

/* ---- term counting ------------------------------------------------------ */

typedef struct S_term {
    uint32_t key;
    uint32_t first; /* first position (ties: earlier terms are kept) */
    uint32_t body, title;
    uint32_t lead; /* S_LEAD_* bits */
} S_term;

typedef struct S_counter {
    S_term *t;
    uint32_t *slot; /* open addressing: index+1 into t, 0 empty */
    size_t n, cap, slots;
} S_counter;

static uint32_t S_key_of(uint64_t h, int entity)
{
    uint32_t k = (uint32_t)(h ^ (h >> 32)) & ~S_ENTITY_BIT;
    return entity ? k | S_ENTITY_BIT : k;
}

static S_term *S_count(S_counter *c, uint32_t key, uint32_t pos)
{
    if ((c->n + 1) * 2 > c->slots) {
        size_t ns = c->slots ? c->slots * 2 : 256;
        free(c->slot);
        c->slot = concord_xcalloc(ns, sizeof *c->slot);
        c->slots = ns;
        for (size_t i = 0; i < c->n; i++) {
            size_t h = (c->t[i].key * 2654435761u) & (ns - 1);
            while (c->slot[h])
                h = (h + 1) & (ns - 1);
            c->slot[h] = (uint32_t)i + 1;
        }
    }
    size_t h = (key * 2654435761u) & (c->slots - 1);
    while (c->slot[h]) {
        S_term *t = &c->t[c->slot[h] - 1];
        if (t->key == key)
            return t;
        h = (h + 1) & (c->slots - 1);
    }
    CONCORD_GROW(c->t, c->cap, c->n + 1);
    S_term *t = &c->t[c->n];
    t->key = key;
    t->first = pos;
    t->body = t->title = t->lead = 0;
    c->slot[h] = (uint32_t)++c->n;
    return t;
}

static int S_cmp_strength(const void *x, const void *y)
{
    const S_term *a = x, *b = y;
    uint32_t wa = a->body + 2 * a->title, wb = b->body + 2 * b->title;
    if (wa != wb)
        return wa > wb ? -1 : 1;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return a->key < b->key ? -1 : a->key > b->key;
}

/* Reorders t[0, n) so that its k strongest terms (S_cmp_strength) come
 * first, in no particular order (quickselect, median of three). */
static void S_select_strongest(S_term *t, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* the boundary k lies in [lo, hi) */
    while (k > lo && k < hi && hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2, last = hi - 1;
        /* median of t[lo], t[mid], t[last] into t[last] as the pivot */
        if (S_cmp_strength(&t[mid], &t[lo]) < 0) {
            S_term x = t[mid];
            t[mid] = t[lo];
            t[lo] = x;
        }
        if (S_cmp_strength(&t[last], &t[lo]) < 0) {
            S_term x = t[last];
            t[last] = t[lo];
            t[lo] = x;
        }
        if (S_cmp_strength(&t[mid], &t[last]) < 0) {
            S_term x = t[mid];
            t[mid] = t[last];
            t[last] = x;
        }
        S_term pivot = t[last];
        size_t store = lo;
        for (size_t i = lo; i < last; i++)
            if (S_cmp_strength(&t[i], &pivot) < 0) {
                S_term x = t[i];
                t[i] = t[store];
                t[store] = x;
                store++;
            }
        t[last] = t[store];
        t[store] = pivot;
        /* t[lo, store) are stronger than the pivot, t(store, hi) weaker */
        if (k <= store)
            hi = store;
        else
            lo = store + 1;
    }
}

/* Word usable as a term: not a stopword, and a number or two+ characters. */
static int S_content_word(const concord_word *w)
{
    if (w->flags & CONCORD_TOK_STOP)
        return 0;
    if (w->flags & CONCORD_TOK_NUMBER)
        return 1;
    return w->end - w->start >= 2;
}

/* Title words: folded as analyze.c folds them (typographic apostrophes as
 * ASCII), mapped to the body word's stem when the body has the word, else
 * kept as the folded word itself.  The title's few words are looked up
 * among the body's, not the body's many words hashed for the title's sake:
 * a word's stem depends on its folded form only, so any body occurrence
 * gives it. */
#define S_TITLE_WORDS 64
static void S_count_title(S_counter *c, const char *title, const concord_doc *d)
{
    if (!title || !*title)
        return;
    size_t tl = strlen(title);
    concord_token *toks = NULL;
    size_t nt = 0, cap = 0;
    concord_tokenize(title, tl, &toks, &nt, &cap);
    if (nt > S_TITLE_WORDS)
        nt = S_TITLE_WORDS;
    uint64_t fold[S_TITLE_WORDS], stem[S_TITLE_WORDS];
    unsigned char counted[S_TITLE_WORDS], number[S_TITLE_WORDS];
    /* the title's words to count, by folded hash */
    for (size_t i = 0; i < nt; i++) {
        size_t fl, n = toks[i].end - toks[i].start;
        const char *w = title + toks[i].start;
        char small[64], *f = small;
        size_t k;
        for (k = 0; k < n && k < sizeof small && (unsigned char)w[k] < 0x80; k++)
            small[k] = (char)((unsigned char)w[k] | ((unsigned)(w[k] - 'A') < 26u ? 0x20 : 0));
        if (k == n) {
            fl = n;
        } else { /* beyond ASCII (or long): as concord_casefold folds it */
            f = concord_casefold(w, n, &fl);
            char *p;
            while ((p = memmem(f, fl, "\xE2\x80\x99", 3)) != NULL) {
                *p = '\'';
                memmove(p + 1, p + 3, fl - (size_t)(p + 3 - f));
                fl -= 2;
            }
        }
        number[i] = (toks[i].flags & CONCORD_TOK_NUMBER) != 0;
        counted[i] = !concord_is_stopword(f, fl) && (number[i] || fl >= 2);
        fold[i] = counted[i] ? concord_hash(f, fl, 0) : 0;
        stem[i] = fold[i];
        if (f != small)
            free(f);
    }
    /* a small open-addressing table of the title's folds: one probe a body word */
    uint8_t slot[256];
    memset(slot, 0, sizeof slot);
    size_t left = 0;
    for (size_t i = 0; i < nt; i++) {
        if (!counted[i])
            continue;
        size_t h = (size_t)((fold[i] | 1) * 0x9e3779b97f4a7c15ULL >> 56);
        while (slot[h] && fold[slot[h] - 1] != fold[i])
            h = (h + 1) & 255;
        if (!slot[h]) {
            slot[h] = (uint8_t)(i + 1);
            left++;
        }
    }
    unsigned char found[S_TITLE_WORDS] = {0};
    for (size_t j = 0; j < d->n_words && left; j++) {
        uint64_t f = d->words[j].fold;
        size_t h = (size_t)((f | 1) * 0x9e3779b97f4a7c15ULL >> 56);
        while (slot[h]) {
            size_t i = slot[h] - 1u;
            if (fold[i] == f) {
                if (!found[i]) {
                    found[i] = 1;
                    stem[i] = d->words[j].stem;
                    left--;
                }
                break;
            }
            h = (h + 1) & 255;
        }
    }
    for (size_t i = 0; i < nt; i++) {
        if (!counted[i])
            continue;
        /* a repeated title word: the first occurrence of its fold holds the stem */
        size_t h = (size_t)((fold[i] | 1) * 0x9e3779b97f4a7c15ULL >> 56);
        while (fold[slot[h] - 1] != fold[i])
            h = (h + 1) & 255;
        S_term *t = S_count(c, S_key_of(stem[slot[h] - 1], 0), (uint32_t)i);
        t->title++;
        if (number[i])
            t->lead |= S_LEAD_NUMBER;
    }
    free(toks);
}

/* One allocation per article (struct, signature, terms, id), so that a
 * million of them cost little beyond their bytes and do not fragment. */
static concord_features *S_features_alloc(size_t idlen, int has_sig, size_t n)
{
    size_t bytes = sizeof(concord_features) + (has_sig ? CONCORD_MINHASH * sizeof(uint32_t) : 0) +
                   n * (sizeof(uint32_t) + sizeof(uint16_t) + 2 * sizeof(uint8_t)) + idlen + 1;
    concord_features *f = concord_xcalloc(1, bytes);
    char *p = (char *)(f + 1);
    if (has_sig) {
        f->sig = (uint32_t *)(void *)p;
        p += CONCORD_MINHASH * sizeof(uint32_t);
    }
    f->keys = (uint32_t *)(void *)p;
    p += n * sizeof(uint32_t);
    f->body_tf = (uint16_t *)(void *)p;
    p += n * sizeof(uint16_t);
    f->title_tf = (uint8_t *)p;
    p += n;
    f->lead = (uint8_t *)p;
    p += n;
    f->id = p;
    f->n_terms = (uint32_t)n;
    f->bytes = bytes;
    return f;
}

/* Exact-copy hash of the folded word sequence (0: too short to count). */
static uint64_t S_exact(const uint64_t *fold, size_t stride, size_t n)
{
    if (n < CONCORD_DUP_MIN_WORDS)
        return 0;
    const char *base = (const char *)fold;
    uint64_t h = 0x8a5cd789635d2dffULL;
    for (size_t i = 0; i < n; i++) {
        uint64_t f;
        memcpy(&f, base + i * stride, sizeof f);
        h ^= f;
        h *= 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    return h ? h : 1;
}

static int32_t S_pub_day(const concord_article *a, const concord_clean *c)
{
    int32_t day = concord_day_number(a->date);
    if (day == CONCORD_DAY_UNKNOWN && c)
        day = concord_day_number(c->date);
    return day;
}

concord_features *concord__dup_features(concord_analyzer *az, const concord_article *a,
                                        const concord_clean *c)
{
    pthread_once(&S_once, S_init_minhash);
    const char *text = c ? c->text : a->text;
    size_t len = c ? c->len : a->text_len;
    const uint64_t *folds, *shingles;
    size_t n_shingles;
    size_t n_words = concord__fold_shingles(az, text, len, &folds, &shingles, &n_shingles);
    int has_sig = n_words >= CONCORD_DUP_MIN_WORDS && n_shingles > 0;
    const char *id = a->id ? a->id : "";
    size_t idlen = strlen(id);
    concord_features *f = S_features_alloc(idlen, has_sig, 0);
    memcpy(f->id, id, idlen);
    f->day = S_pub_day(a, c);
    f->event_day = f->day; /* not needed to find copies */
    f->n_words = (uint32_t)n_words;
    f->text_bytes = len;
    f->exact = S_exact(folds, sizeof *folds, n_words);
    if (has_sig) {
        for (int i = 0; i < CONCORD_MINHASH; i++)
            f->sig[i] = UINT32_MAX;
        S_minhash(f->sig, shingles, n_shingles);
    }
    return f;
}

#define S_NAME_WORD_SALT 0x6a09e667f3bcc909ULL

/* Whether number word i is the day of a date: a month name next to it
 * ("March 24", "24. Februar", "24 de febrero", "24 февраля"), a function
 * word between them allowed.  Days of the month are in every report of a
 * week; they are no figure of the event (group_xlang.c). */
static int S_day_of_month(const concord_doc *d, size_t i)
{
    pthread_once(&S_month_once, S_init_months);
    const concord_word *w = d->words;
    uint32_t s = w[i].sentence;
    if (i > 0 && w[i - 1].sentence == s && S_month_get(w[i - 1].fold))
        return 1;
    size_t j = i + 1;
    if (j < d->n_words && w[j].sentence == s && (w[j].flags & CONCORD_TOK_STOP))
        j++;
    return j < d->n_words && w[j].sentence == s && S_month_get(w[j].fold);
}

static int S_term_index(const S_term *t, size_t n, uint32_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && t[lo].key == key ? (int)lo : -1;
}

/* Across languages (group_xlang.c), terms with no occurrences (no vector
 * counts them; keys of their own leave other keys' document frequencies as
 * they were): the last word of each kept name (the first S_NAME_WORDS in the
 * text) in a key space of its own, since titles and first names differ
 * between languages ("President Matej Horvalin", "Präsident ... Matej
 * Horvalin", "Президент Матей Горвалин") and the surname does not; and the
 * values of numbers with scale words (S_TERM_FIGURE: "$1.2 billion" and
 * "1.200 millones" are 1200000000).  The n kept terms of c are sorted by
 * key, and so are the n returned. */
static size_t S_add_hidden(S_counter *c, size_t n, const concord_doc *d, const uint32_t *scaled,
                           size_t n_scaled)
{
    size_t kept = n;
    for (size_t i = 0; i < d->n_entities + n_scaled; i++) {
        uint32_t key;
        if (i < d->n_entities) {
            const concord_entity *e = &d->entities[i];
            if (n - kept >= S_NAME_WORDS || S_term_index(c->t, kept, S_key_of(e->hash, 1)) < 0)
                continue; /* a name not kept (or a one-word name mapped to a longer one) */
            key = S_key_of(concord__name_word_hash(e->last_hash) ^ S_NAME_WORD_SALT, 1);
        } else {
            key = scaled[i - d->n_entities];
        }
        if (S_term_index(c->t, kept, key) >= 0)
            continue; /* a kept term under the same key (a 32-bit collision) */
        size_t k;
        for (k = kept; k < n && c->t[k].key != key; k++)
            ;
        if (k < n)
            continue;
        CONCORD_GROW(c->t, c->cap, n + 1);
        S_term *t = &c->t[n++];
        memset(t, 0, sizeof *t);
        t->key = key;
        t->lead = i < d->n_entities ? 0 : S_TERM_FIGURE;
    }
    for (size_t i = kept; i < n; i++) { /* into key order */
        S_term x = c->t[i];
        size_t j = i;
        for (; j > 0 && c->t[j - 1].key > x.key; j--)
            c->t[j] = c->t[j - 1];
        c->t[j] = x;
    }
    return n;
}

/* Over 100 lines, not split yet: exact-duplicate hash, terms, the name
 * merge and the strongest-terms cut share the term arrays being built; the
 * step comments are the seams. */
concord_features *concord_features_new(const concord_article *a, const concord_clean *c,
                                       const concord_doc *d)
{
    pthread_once(&S_once, S_init_minhash);
    concord_features tmp;
    memset(&tmp, 0, sizeof tmp);
    concord_features *f = &tmp;
    f->day = S_pub_day(a, c);
    const char *text = c ? c->text : a->text;
    f->event_day = S_event_day(f->day, d, text);
    f->n_words = (uint32_t)d->n_words;
    f->text_bytes = c ? c->len : a->text_len;

    /* Exact duplicates: the sequence of folded words (case, punctuation and
     * spacing do not matter). */
    f->exact = d->n_words ? S_exact(&d->words[0].fold, sizeof *d->words, d->n_words) : 0;

    uint32_t sig[CONCORD_MINHASH];
    int has_sig = d->n_words >= CONCORD_DUP_MIN_WORDS && d->n_shingles > 0;
    if (has_sig) {
        for (int i = 0; i < CONCORD_MINHASH; i++)
            sig[i] = UINT32_MAX;
        S_minhash(sig, d->shingles, d->n_shingles);
    }

    /* Terms: body stems, title words, entity spans (separate key space), in
     * the article's language (its Snowball stems); the language goes on
     * every term (S_TERM_LANG_SHIFT): group.c compares an article only with
     * stories that hold its language, group_xlang.c across languages. */
    uint32_t lang_bits = (uint32_t)concord__lang_number(d->lang) << S_TERM_LANG_SHIFT;
    S_counter cnt = {0};
    uint32_t scaled[S_SCALED];
    size_t n_scaled = 0;
    for (size_t i = 0; i < d->n_words; i++) {
        const concord_word *w = &d->words[i];
        if (S_content_word(w)) {
            S_term *t = S_count(&cnt, S_key_of(w->stem, 0), (uint32_t)i);
            t->body++;
            if ((w->flags & CONCORD_TOK_NUMBER) && w->sentence < S_LEAD_SENTENCES)
                t->lead |= S_LEAD_NUMBER;
            if ((w->flags & CONCORD_TOK_NUMBER) && concord__number_is_figure(text, w) &&
                !S_day_of_month(d, i))
                t->lead |= S_TERM_FIGURE;
            uint64_t sv;
            if ((w->flags & CONCORD_TOK_NUMBER) && n_scaled < S_SCALED &&
                (sv = concord__scaled_number(text, d, i)) != 0)
                scaled[n_scaled++] = S_key_of(sv, 0);
        }
    }
    S_count_title(&cnt, a->title, d);
    size_t n_words_terms = cnt.n;
    /* A one-word name that is the last word of a longer name of the same
     * article ("Tokayev" after "Kassym-Jomart Tokayev") is that person or
     * place: it counts under the full name's key. */
    uint64_t *full_last = NULL, *full_hash = NULL;
    size_t n_full = 0;
    for (size_t i = 0; i < d->n_entities && n_full < 64; i++) {
        const concord_entity *e = &d->entities[i];
        if (e->n_words < 2)
            continue;
        if (!full_last) {
            full_last = concord_xmalloc(64 * sizeof *full_last);
            full_hash = concord_xmalloc(64 * sizeof *full_hash);
        }
        size_t k;
        for (k = 0; k < n_full && full_last[k] != e->last_hash; k++)
            ;
        if (k == n_full) {
            full_last[n_full] = e->last_hash;
            full_hash[n_full++] = e->hash;
        }
    }
    for (size_t i = 0; i < d->n_entities; i++) {
        const concord_entity *e = &d->entities[i];
        /* one-word sentence-initial spans are mostly ordinary words ("Police") */
        if (e->n_words == 1 && e->first_word < d->n_words &&
            (d->words[e->first_word].flags & CONCORD_TOK_SENT_START))
            continue;
        uint64_t h = e->hash;
        if (e->n_words == 1)
            for (size_t k = 0; k < n_full; k++)
                if (full_last[k] == e->last_hash) {
                    h = full_hash[k];
                    break;
                }
        S_term *t = S_count(&cnt, S_key_of(h, 1), e->first_word);
        t->body++;
        if (e->first_word < d->n_words && d->words[e->first_word].sentence < S_LEAD_SENTENCES)
            t->lead |= S_LEAD_NAME;
    }
    free(full_last);
    free(full_hash);
    /* Keep the strongest terms of each kind: words and entities. */
    size_t keep_w = CONCORD_FEATURE_TERMS * 3 / 4, keep_e = CONCORD_FEATURE_TERMS - keep_w;
    size_t nw = n_words_terms < keep_w ? n_words_terms : keep_w;
    size_t ne = cnt.n - n_words_terms < keep_e ? cnt.n - n_words_terms : keep_e;
    size_t n = nw + ne;
    if (cnt.n) {
        /* which terms are kept is all that matters (they are then sorted by
         * key), and the strength order is total: select, do not sort */
        S_select_strongest(cnt.t, n_words_terms, nw);
        S_select_strongest(cnt.t + n_words_terms, cnt.n - n_words_terms, ne);
        memmove(cnt.t + nw, cnt.t + n_words_terms, ne * sizeof *cnt.t);
        for (size_t i = 1; i < n; i++) { /* n <= CONCORD_FEATURE_TERMS: insertion */
            S_term x = cnt.t[i];
            size_t j = i;
            for (; j > 0 && cnt.t[j - 1].key > x.key; j--)
                cnt.t[j] = cnt.t[j - 1];
            cnt.t[j] = x;
        }
    }
    n = S_add_hidden(&cnt, n, d, scaled, n_scaled);
    const char *id = a->id ? a->id : "";
    size_t idlen = strlen(id);
    f = S_features_alloc(idlen, has_sig, n);
    memcpy(f->id, id, idlen);
    f->day = tmp.day;
    f->event_day = tmp.event_day;
    f->n_words = tmp.n_words;
    f->text_bytes = tmp.text_bytes;
    f->exact = tmp.exact;
    if (has_sig)
        memcpy(f->sig, sig, sizeof sig);
    for (size_t i = 0; i < n; i++) {
        f->keys[i] = cnt.t[i].key;
        f->body_tf[i] = (uint16_t)(cnt.t[i].body > 65535 ? 65535 : cnt.t[i].body);
        f->title_tf[i] = (uint8_t)(cnt.t[i].title > 255 ? 255 : cnt.t[i].title);
        f->lead[i] = (uint8_t)(cnt.t[i].lead | lang_bits);
    }
    free(cnt.t);
    free(cnt.slot);
    return f;
}

void concord_features_free(concord_features *f)
{
    free(f);
}

const char *concord_features_id(const concord_features *f)
{
    return f->id;
}

size_t concord_features_bytes(const concord_features *f)
{
    return f->bytes;
}

concord_features *concord_features_copy(const concord_features *f)
{
    size_t idlen = strlen(f->id);
    concord_features *c = S_features_alloc(idlen, f->sig != NULL, f->n_terms);
    memcpy(c->id, f->id, idlen);
    c->day = f->day;
    c->event_day = f->event_day;
    c->n_words = f->n_words;
    c->text_bytes = f->text_bytes;
    c->exact = f->exact;
    if (f->sig)
        memcpy(c->sig, f->sig, CONCORD_MINHASH * sizeof *c->sig);
    memcpy(c->keys, f->keys, f->n_terms * sizeof *c->keys);
    memcpy(c->body_tf, f->body_tf, f->n_terms * sizeof *c->body_tf);
    memcpy(c->title_tf, f->title_tf, f->n_terms * sizeof *c->title_tf);
    memcpy(c->lead, f->lead, f->n_terms * sizeof *c->lead);
    return c;
}

/* ---- features as bytes (concord_features_pack / unpack) ----------------- */

static void S_wput(concord_buf *b, const void *p, size_t n)
{
    concord_buf_add(b, p, n);
}

void concord_features_pack(concord_buf *b, const concord_features *f)
{
    /* every field of struct concord_features (group_internal.h) but the
     * block size, which unpack recomputes */
    uint32_t idlen = (uint32_t)strlen(f->id);
    uint8_t has_sig = f->sig != NULL;
    S_wput(b, &idlen, sizeof idlen);
    S_wput(b, f->id, idlen);
    S_wput(b, &f->day, sizeof f->day);
    S_wput(b, &f->event_day, sizeof f->event_day);
    S_wput(b, &f->n_words, sizeof f->n_words);
    S_wput(b, &f->exact, sizeof f->exact);
    S_wput(b, &f->text_bytes, sizeof f->text_bytes);
    S_wput(b, &has_sig, 1);
    if (has_sig)
        S_wput(b, f->sig, CONCORD_MINHASH * sizeof *f->sig);
    S_wput(b, &f->n_terms, sizeof f->n_terms);
    S_wput(b, f->keys, f->n_terms * sizeof *f->keys);
    S_wput(b, f->body_tf, f->n_terms * sizeof *f->body_tf);
    S_wput(b, f->title_tf, f->n_terms * sizeof *f->title_tf);
    S_wput(b, f->lead, f->n_terms * sizeof *f->lead);
}

typedef struct {
    const unsigned char *p;
    size_t n, at;
    int bad;
} S_wreader;

static void S_wget(S_wreader *r, void *out, size_t n)
{
    if (r->bad || r->n - r->at < n) {
        r->bad = 1;
        memset(out, 0, n);
        return;
    }
    memcpy(out, r->p + r->at, n);
    r->at += n;
}

concord_features *concord_features_unpack(const void *p, size_t n, size_t *used)
{
    S_wreader r = {p, n, 0, 0};
    uint32_t idlen = 0, n_terms = 0;
    if (used)
        *used = 0;
    S_wget(&r, &idlen, sizeof idlen);
    if (r.bad || idlen > n - r.at || memchr(r.p + r.at, '\0', idlen))
        return NULL;
    const unsigned char *id = r.p + r.at;
    r.at += idlen;
    int32_t day, event_day;
    uint32_t n_words;
    uint64_t exact, text_bytes;
    uint8_t has_sig = 0;
    S_wget(&r, &day, sizeof day);
    S_wget(&r, &event_day, sizeof event_day);
    S_wget(&r, &n_words, sizeof n_words);
    S_wget(&r, &exact, sizeof exact);
    S_wget(&r, &text_bytes, sizeof text_bytes);
    S_wget(&r, &has_sig, 1);
    if (r.bad || has_sig > 1)
        return NULL;
    size_t sig_at = r.at;
    if (has_sig) {
        if (n - r.at < CONCORD_MINHASH * sizeof(uint32_t))
            return NULL;
        r.at += CONCORD_MINHASH * sizeof(uint32_t);
    }
    S_wget(&r, &n_terms, sizeof n_terms);
    size_t per = sizeof(uint32_t) + sizeof(uint16_t) + 2 * sizeof(uint8_t);
    if (r.bad || n_terms > CONCORD_FEATURE_TERMS * 4 || (size_t)n_terms * per > n - r.at)
        return NULL;
    concord_features *f = S_features_alloc(idlen, has_sig, n_terms);
    memcpy(f->id, id, idlen);
    f->day = day;
    f->event_day = event_day;
    f->n_words = n_words;
    f->exact = exact;
    f->text_bytes = text_bytes;
    if (has_sig)
        memcpy(f->sig, r.p + sig_at, CONCORD_MINHASH * sizeof *f->sig);
    f->n_terms = n_terms;
    S_wget(&r, f->keys, n_terms * sizeof *f->keys);
    S_wget(&r, f->body_tf, n_terms * sizeof *f->body_tf);
    S_wget(&r, f->title_tf, n_terms * sizeof *f->title_tf);
    S_wget(&r, f->lead, n_terms * sizeof *f->lead);
    if (r.bad) {
        concord_features_free(f);
        return NULL;
    }
    if (used)
        *used = r.at;
    return f;
}
