/* analyze.c: sentences, words (folded + stemmed hashes), entity-like spans
 * and shingles for one cleaned text (see concord/analyze.h). */
#include "concord/analyze.h"

#include <stdlib.h>
#include <string.h>

/* Stems repeat: a direct-mapped cache from folded-word hash to stem hash
 * saves most Snowball calls (which cost a third of analysis without it). */
#define S_STEM_CACHE (1u << 16)

struct concord_analyzer {
    concord_stemmer *stemmer;
    uint64_t *cache_fold;
    uint64_t *cache_stem;
    char *fold;      /* scratch for case folding short words */
    size_t fold_cap;
};

concord_analyzer *concord_analyzer_new(const char *language)
{
    concord_analyzer *az = concord_xcalloc(1, sizeof *az);
    az->stemmer = concord_stemmer_new(language);
    az->cache_fold = concord_xcalloc(S_STEM_CACHE, sizeof *az->cache_fold);
    az->cache_stem = concord_xcalloc(S_STEM_CACHE, sizeof *az->cache_stem);
    return az;
}

void concord_analyzer_free(concord_analyzer *az)
{
    if (!az)
        return;
    concord_stemmer_free(az->stemmer);
    free(az->cache_fold);
    free(az->cache_stem);
    free(az->fold);
    free(az);
}

void concord_doc_free(concord_doc *d)
{
    if (!d)
        return;
    free(d->sentences);
    free(d->words);
    free(d->entities);
    free(d->shingles);
    free(d);
}

/* Case-folds w into the analyzer's scratch (ASCII fast path). */
static const char *S_fold(concord_analyzer *az, const char *w, size_t n, size_t *out)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80)
            break;
    if (i == n) {
        CONCORD_GROW(az->fold, az->fold_cap, n + 1);
        for (i = 0; i < n; i++) {
            char c = w[i];
            az->fold[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        az->fold[n] = '\0';
        *out = n;
        return az->fold;
    }
    size_t fl;
    char *f = concord_casefold(w, n, &fl);
    CONCORD_GROW(az->fold, az->fold_cap, fl + 1);
    memcpy(az->fold, f, fl + 1);
    free(f);
    /* fold typographic apostrophes to ASCII so "don’t" == "don't" */
    char *p;
    while ((p = memmem(az->fold, fl, "\xE2\x80\x99", 3)) != NULL) {
        *p = '\'';
        memmove(p + 1, p + 3, fl - (size_t)(p + 3 - az->fold) + 1);
        fl -= 2;
    }
    *out = fl;
    return az->fold;
}

static uint64_t S_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

/* Words that may sit inside a name: "Bank of America", "Ibn al-Rashid". */
static int S_name_connector(const char *w, size_t n)
{
    return (n == 2 && (memcmp(w, "of", 2) == 0 || memcmp(w, "de", 2) == 0 ||
                       memcmp(w, "da", 2) == 0 || memcmp(w, "al", 2) == 0 ||
                       memcmp(w, "el", 2) == 0)) ||
           (n == 3 && (memcmp(w, "van", 3) == 0 || memcmp(w, "von", 3) == 0 ||
                       memcmp(w, "del", 3) == 0 || memcmp(w, "der", 3) == 0));
}

concord_doc *concord_analyze(concord_analyzer *az, const char *text, size_t len)
{
    concord_doc *d = concord_xcalloc(1, sizeof *d);
    size_t scap = 0;
    concord_sentences(text, len, &d->sentences, &d->n_sentences, &scap);

    concord_token *toks = NULL;
    size_t nt = 0, tcap = 0;
    concord_tokenize(text, len, &toks, &nt, &tcap);
    d->words = concord_xmalloc((nt ? nt : 1) * sizeof *d->words);
    d->n_words = nt;

    size_t si = 0;
    for (size_t i = 0; i < nt; i++) {
        concord_word *w = &d->words[i];
        w->start = toks[i].start;
        w->end = toks[i].end;
        w->flags = toks[i].flags;
        while (si + 1 < d->n_sentences && d->sentences[si].end <= w->start)
            si++;
        w->sentence = (uint32_t)si;
        if (d->n_sentences && (i == 0 || d->words[i - 1].sentence != w->sentence))
            w->flags |= CONCORD_TOK_SENT_START;
        size_t fl;
        const char *f = S_fold(az, text + w->start, w->end - w->start, &fl);
        w->fold = concord_hash(f, fl, 0);
        if (concord_is_stopword_hash(w->fold))
            w->flags |= CONCORD_TOK_STOP;
        if (w->flags & CONCORD_TOK_NUMBER) {
            w->stem = w->fold;
        } else {
            size_t slot = (size_t)(w->fold ^ (w->fold >> 29)) & (S_STEM_CACHE - 1);
            if (az->cache_fold[slot] == w->fold && w->fold) {
                w->stem = az->cache_stem[slot];
            } else {
                size_t sl;
                const char *st = concord_stem(az->stemmer, f, fl, &sl);
                w->stem = concord_hash(st, sl, 0);
                az->cache_fold[slot] = w->fold;
                az->cache_stem[slot] = w->stem;
            }
        }
    }
    free(toks);

    /* Entities: runs of capitalized words inside one sentence, joined only
     * by spaces or hyphens, with lowercase connectors between capitals.
     * A lone sentence-initial stopword ("The", "He") is not a name. */
    size_t ecap = 0;
    size_t i = 0;
    while (i < nt) {
        concord_word *w = &d->words[i];
        if (!(w->flags & CONCORD_TOK_CAP) || (w->flags & CONCORD_TOK_STOP)) {
            i++;
            continue;
        }
        size_t j = i + 1, last = i;
        while (j < nt) {
            concord_word *p = &d->words[last], *q = &d->words[j];
            if (q->sentence != p->sentence)
                break;
            /* only spaces / hyphens / apostrophes between */
            int joined = 1;
            for (uint32_t b = d->words[j - 1].end; b < q->start; b++) {
                char c = text[b];
                if (c != ' ' && c != '-')
                    joined = 0;
            }
            if (!joined || q->start - d->words[j - 1].end > 2)
                break;
            if (q->flags & CONCORD_TOK_CAP) {
                last = j++;
                continue;
            }
            size_t fl;
            const char *f = S_fold(az, text + q->start, q->end - q->start, &fl);
            if (S_name_connector(f, fl) && j + 1 < nt &&
                (d->words[j + 1].flags & CONCORD_TOK_CAP) &&
                d->words[j + 1].sentence == q->sentence) {
                j++;
                continue;
            }
            break;
        }
        size_t count = last - i + 1;
        if (!(count == 1 && (w->flags & CONCORD_TOK_SENT_START) && (w->flags & CONCORD_TOK_STOP))) {
            CONCORD_GROW(d->entities, ecap, d->n_entities + 1);
            concord_entity *e = &d->entities[d->n_entities++];
            e->start = w->start;
            e->end = d->words[last].end;
            e->first_word = (uint32_t)i;
            e->n_words = (uint32_t)count;
            uint64_t h = 0x243f6a8885a308d3ULL;
            for (size_t k = i; k <= last; k++)
                h = S_mix(h, d->words[k].fold);
            e->hash = h;
            e->last_hash = d->words[last].fold;
        }
        i = last + 1;
    }

    /* Shingles over all folded words (order-sensitive windows). */
    if (nt >= CONCORD_SHINGLE_WORDS) {
        d->n_shingles = nt - CONCORD_SHINGLE_WORDS + 1;
        d->shingles = concord_xmalloc(d->n_shingles * sizeof *d->shingles);
        for (size_t k = 0; k < d->n_shingles; k++) {
            uint64_t h = 0x13198a2e03707344ULL;
            for (size_t m = 0; m < CONCORD_SHINGLE_WORDS; m++)
                h = S_mix(h, d->words[k + m].fold);
            d->shingles[k] = h;
        }
    }
    return d;
}
