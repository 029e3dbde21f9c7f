/* analyze.c: sentences, words (folded + stemmed hashes), entity-like spans
 * and shingles for one cleaned text (see concord/analyze.h). */
#include "concord/analyze.h"

#include <stdlib.h>
#include <string.h>

#include "analyze/analyze_internal.h"
#include "analyze/lang_internal.h"

/* Stems repeat: a direct-mapped cache from folded-word hash to stem hash
 * saves most Snowball calls (which cost a third of analysis without it). */
#define S_STEM_CACHE (1u << 16)
/* Name words repeat too: their cross-language keys are cached the same way
 * (the key costs about 3% of ingest without it). */
#define S_NAME_CACHE (1u << 14)

typedef struct S_cached {
    uint64_t key, value;
} S_cached;

struct concord_analyzer {
    concord_stemmer *stemmer;                    /* English, or the fixed language */
    concord_stemmer *lang_stemmer[S_LANG_COUNT]; /* made when first needed */
    int fixed;                                   /* language index, or -1: detect per text */
    int lang;        /* the fixed language given at creation (-1: detect) */
    int hint;        /* auto: the declared language (set_language), or -1 */
    S_cached *stems; /* stem hash by fold hash (and language): one cache line a probe */
    S_cached *names; /* name-word keys by fold hash (and language) */
    char *fold;      /* scratch for case folding short words */
    size_t fold_cap;
    concord_token *toks; /* scratch tokens, kept across texts */
    size_t toks_cap;
    uint64_t *folds, *shingles; /* concord__fold_shingles' results */
    size_t folds_cap, shingles_cap;
};

concord_analyzer *concord_analyzer_new(const char *language)
{
    concord_analyzer *az = concord_xcalloc(1, sizeof *az);
    az->stemmer = concord_stemmer_new(language);
    az->lang = az->fixed =
        (language && strcmp(language, "auto")) ? concord__lang_index(language) : -1;
    if (language && strcmp(language, "auto") && az->fixed < 0)
        az->lang = az->fixed = S_LANG_EN; /* unknown: English, as the stemmer */
    az->hint = -1;
    az->stems = concord_xcalloc(S_STEM_CACHE, sizeof *az->stems);
    az->names = concord_xcalloc(S_NAME_CACHE, sizeof *az->names);
    return az;
}

void concord_analyzer_free(concord_analyzer *az)
{
    if (!az)
        return;
    concord_stemmer_free(az->stemmer);
    for (int i = 0; i < S_LANG_COUNT; i++)
        concord_stemmer_free(az->lang_stemmer[i]);
    free(az->stems);
    free(az->names);
    free(az->fold);
    free(az->toks);
    free(az->folds);
    free(az->shingles);
    free(az);
}

void concord_analyzer_set_language(concord_analyzer *az, const char *language)
{
    int i =
        (language && *language && strcmp(language, "auto")) ? concord__lang_index(language) : -1;
    if (az->lang >= 0)
        az->fixed = i >= 0 ? i : az->lang;
    else
        az->hint = i;
}

static concord_stemmer *S_stemmer(concord_analyzer *az, int lang)
{
    if (lang == az->lang || lang < 0 || lang >= S_LANG_COUNT)
        return az->stemmer;
    if (!az->lang_stemmer[lang])
        az->lang_stemmer[lang] = concord_stemmer_new(concord__lang_snowball(lang));
    return az->lang_stemmer[lang];
}

/* Numbers as one canonical string, so that "4,200", "4.200", "4 200" and
 * "4200" meet, and "6,2" (decimal comma) meets "6.2": a separator followed
 * by exactly three digits (and then the end or another separator) groups
 * thousands and is dropped; any other is a decimal point.  Letters after the
 * digits ("10th", "5km") are kept as they are. */
/* The canonical form of number word w into out (cap bytes); its length, or
 * 0 when letters follow the digits. */
static size_t S_number_canon(const char *w, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    if (n >= cap)
        return 0;
    while (i < n) {
        char c = w[i];
        if (c >= '0' && c <= '9') {
            out[o++] = c;
            i++;
            continue;
        }
        if ((c == ',' || c == '.') && i + 1 < n && w[i + 1] >= '0' && w[i + 1] <= '9') {
            size_t k = i + 1;
            while (k < n && w[k] >= '0' && w[k] <= '9')
                k++;
            if (k - i - 1 != 3 || (k < n && w[k] != ',' && w[k] != '.'))
                out[o++] = '.';
            i++;
            continue;
        }
        break;
    }
    return i < n ? 0 : o;
}

static uint64_t S_number_key(const char *w, size_t n, uint64_t fold)
{
    char out[64];
    size_t o = S_number_canon(w, n, out, sizeof out);
    return o ? concord_hash(out, o, 0) : fold; /* a suffix: the word as folded */
}

uint64_t concord__scaled_number(const char *text, const concord_doc *d, size_t i)
{
    const concord_word *w = d->words;
    if (i >= d->n_words || !(w[i].flags & CONCORD_TOK_NUMBER))
        return 0;
    int lang = concord__lang_number(d->lang);
    int power = 0;
    for (size_t j = i + 1; j < d->n_words && j <= i + 2 && w[j].sentence == w[i].sentence; j++) {
        int p = concord__scale_power(w[j].fold, lang);
        if (!p)
            break;
        power += p;
    }
    char num[64], out[160]; /* 63 digits, 18 places, a point, 63 decimals */
    size_t n = S_number_canon(text + w[i].start, w[i].end - w[i].start, num, sizeof num);
    if (!power || power > 18 || !n)
        return 0;
    /* the value written out: integer digits, then `power` more places */
    const char *point = memchr(num, '.', n);
    size_t ni = point ? (size_t)(point - num) : n, nf = point ? n - ni - 1 : 0;
    if (point && memchr(point + 1, '.', nf))
        return 0;
    size_t o = 0;
    for (size_t k = 0; k < ni; k++)
        if (o || num[k] != '0')
            out[o++] = num[k];
    for (size_t k = 0; k < (size_t)power; k++) {
        char c = k < nf ? point[1 + k] : '0';
        if (o || c != '0')
            out[o++] = c;
    }
    if (nf > (size_t)power) { /* more decimals than the scale takes: 1.2345 thousand */
        if (!o)
            out[o++] = '0';
        out[o++] = '.';
        for (size_t k = (size_t)power; k < nf; k++)
            out[o++] = point[1 + k];
        while (out[o - 1] == '0')
            o--;
        if (out[o - 1] == '.')
            o--;
    }
    return o ? concord_hash(out, o, 0x5ca1e) : 0;
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
    /* ASCII: lowercased in one pass; the first other byte takes the slow path */
    CONCORD_GROW(az->fold, az->fold_cap, n + 1);
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80)
            break;
        az->fold[i] = (char)(c | ((unsigned)(c - 'A') < 26u ? 0x20 : 0));
    }
    if (i == n) {
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

/* The seed of entity hashes (one S_mix per name word). */
#define S_NAME_SEED 0x243f6a8885a308d3ULL

uint64_t concord__name_word_hash(uint64_t word_key)
{
    return S_mix(S_NAME_SEED, word_key);
}

int concord__number_is_figure(const char *text, const concord_word *w)
{
    const char *p = text + w->start;
    size_t n = w->end - w->start, digits = 0, k;
    for (k = 0; k < n && ((p[k] >= '0' && p[k] <= '9') || p[k] == ',' || p[k] == '.'); k++)
        digits += p[k] >= '0' && p[k] <= '9';
    if (digits < 2)
        return 0;
    if (k == 4 && digits == 4) { /* a bare year */
        int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        if (y >= 1800 && y <= 2199)
            return 0;
    }
    return 1;
}

int concord__lang_number(const char *code)
{
    int i = code && *code ? concord__lang_index(code) : 0;
    return i > 0 && i < S_LANG_COUNT ? i : 0;
}

/* Shingle k: the mix of the fold hashes of words k .. k+CONCORD_SHINGLE_WORDS-1
 * (fold hashes `stride` bytes apart: concord_word.fold or a plain array). */
static void S_shingles(const uint64_t *fold0, size_t stride, size_t n, uint64_t *out)
{
    const char *base = (const char *)fold0;
    for (size_t k = 0; k < n; k++) {
        uint64_t h = 0x13198a2e03707344ULL;
        for (size_t m = 0; m < CONCORD_SHINGLE_WORDS; m++) {
            uint64_t f;
            memcpy(&f, base + (k + m) * stride, sizeof f);
            h = S_mix(h, f);
        }
        out[k] = h;
    }
}

size_t concord__fold_shingles(concord_analyzer *az, const char *text, size_t len,
                              const uint64_t **folds, const uint64_t **shingles, size_t *n_shingles)
{
    size_t nt = 0;
    concord_tokenize(text, len, &az->toks, &nt, &az->toks_cap);
    CONCORD_GROW(az->folds, az->folds_cap, nt ? nt : 1);
    for (size_t i = 0; i < nt; i++) {
        size_t fl;
        const char *f =
            S_fold(az, text + az->toks[i].start, az->toks[i].end - az->toks[i].start, &fl);
        az->folds[i] = concord_hash(f, fl, 0);
    }
    size_t ns = nt >= CONCORD_SHINGLE_WORDS ? nt - CONCORD_SHINGLE_WORDS + 1 : 0;
    CONCORD_GROW(az->shingles, az->shingles_cap, ns ? ns : 1);
    S_shingles(az->folds, sizeof *az->folds, ns, az->shingles);
    *folds = az->folds;
    *shingles = az->shingles;
    *n_shingles = ns;
    return nt;
}

/* Words that may sit inside a name: "Bank of America", "Ibn al-Rashid". */
static int S_name_connector(const char *w, size_t n)
{
    return (n == 2 &&
            (memcmp(w, "of", 2) == 0 || memcmp(w, "de", 2) == 0 || memcmp(w, "da", 2) == 0 ||
             memcmp(w, "al", 2) == 0 || memcmp(w, "el", 2) == 0)) ||
           (n == 3 && (memcmp(w, "van", 3) == 0 || memcmp(w, "von", 3) == 0 ||
                       memcmp(w, "del", 3) == 0 || memcmp(w, "der", 3) == 0));
}

static uint64_t S_name_key_hash(concord_analyzer *az, concord_stemmer *stemmer, int lang,
                                const char *w, size_t n)
{
    size_t fl;
    const char *f = S_fold(az, w, n, &fl);
    if (lang == S_LANG_RU || lang == S_LANG_PL) {
        size_t chars = 0;
        for (size_t k = 0; k < fl; k++)
            chars += ((unsigned char)f[k] & 0xC0) != 0x80;
        if (chars >= 7) /* shorter names stay whole: "Матей", "Токаев" */
            f = concord_stem(stemmer, f, fl, &fl);
    }
    char key[96];
    size_t kl = concord__name_key(f, fl, key, sizeof key);
    if (!kl)
        return concord_hash(f, fl, 0);
    return concord_hash(key, kl, 0);
}

/* Hash of the cross-language key of one name word; in Russian and Polish,
 * whose names decline ("в Валдории", "Горвалина"), of its stem. */
static uint64_t S_name_word(concord_analyzer *az, concord_stemmer *stemmer, int lang, const char *w,
                            size_t n, uint64_t fold)
{
    uint64_t ck = (fold ^ ((uint64_t)lang * 0xc2b2ae3d27d4eb4fULL)) | 1;
    size_t slot = (size_t)(ck ^ (ck >> 31)) & (S_NAME_CACHE - 1);
    if (az->names[slot].key == ck)
        return az->names[slot].value;
    uint64_t key_hash = S_name_key_hash(az, stemmer, lang, w, n);
    az->names[slot].key = ck;
    az->names[slot].value = key_hash;
    return key_hash;
}

static int S_ends(const char *f, size_t n, const char *suf)
{
    size_t l = strlen(suf);
    return n > l + 2 && memcmp(f + n - l, suf, l) == 0;
}

/* A capitalized German word that is a common noun rather than a name: one
 * after a determiner (directly, or after one lowercase adjective: "den
 * gewaltsamen Protesten"), or one with a noun ending (-ung, -heit, -keit,
 * -schaft, -ion, -tät, -nis, -ismus, -en, -er, -ern, -te, -erin, -ent).
 * Names with such endings ("Bremen", "Müller") are lost in German text;
 * names after an article ("die Ukraine") too. k0: the run's first word. */
static int S_de_noun(concord_analyzer *az, const concord_doc *d, const char *text, size_t k,
                     size_t k0)
{
    static const char *const det[] = {
        "der",    "die",    "das",   "den",    "dem",    "des",    "ein",   "eine",    "einen",
        "einem",  "einer",  "eines", "im",     "am",     "zum",    "zur",   "vom",     "beim",
        "ins",    "kein",   "keine", "keinen", "keinem", "keiner", "sein",  "seine",   "seinen",
        "seinem", "seiner", "ihre",  "ihren",  "ihrem",  "ihrer",  "diese", "dieser",  "dieses",
        "diesen", "diesem", "jede",  "jeder",  "jeden",  "alle",   "allen", "mehrere", "viele"};
    static const char *const suf[] = {"ung",   "ungen", "heit", "keit",  "schaft", "ion",
                                      "ionen", "tät",   "nis",  "ismus", "en",     "er",
                                      "ern",   "te",    "erin", "ent",   "enten",  "ei"};
    size_t fl;
    const char *f = S_fold(az, text + d->words[k].start, d->words[k].end - d->words[k].start, &fl);
    for (size_t s = 0; s < sizeof suf / sizeof *suf; s++)
        if (S_ends(f, fl, suf[s]))
            return 1;
    if (k != k0)
        return 0;
    for (size_t back = 1; back <= 2 && back <= k; back++) {
        const concord_word *p = &d->words[k - back];
        if (p->sentence != d->words[k].sentence)
            break;
        const char *g = S_fold(az, text + p->start, p->end - p->start, &fl);
        for (size_t s = 0; s < sizeof det / sizeof *det; s++)
            if (strlen(det[s]) == fl && memcmp(det[s], g, fl) == 0)
                return 1;
        if (p->flags & (CONCORD_TOK_CAP | CONCORD_TOK_NUMBER | CONCORD_TOK_STOP))
            break; /* only one lowercase adjective between */
    }
    return 0;
}

/* The words of d from the tokens toks[nt]: offsets, flags, sentence (and
 * its first word), folded hash. */
static void S_words(concord_analyzer *az, concord_doc *d, const char *text,
                    const concord_token *toks, size_t nt)
{
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
    }
}

/* The language: fixed, or from the folded words (lang.c), the hint when
 * they do not say for sure. */
static int S_doc_lang(const concord_analyzer *az, const concord_doc *d, const char *text)
{
    int lang = az->fixed;
    if (lang < 0) {
        int sure = 0;
        lang = concord__lang_detect_words(d->words, d->n_words, text, &sure);
        if (!sure && az->hint >= 0)
            lang = az->hint;
    }
    return lang;
}

/* Stopword flags and stem hashes (numbers keyed by value). */
static void S_stems(concord_analyzer *az, concord_doc *d, const char *text, int lang,
                    concord_stemmer *stemmer)
{
    /* the stem cache is shared by the languages: their keys differ */
    uint64_t salt = (uint64_t)lang * 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < d->n_words; i++) {
        concord_word *w = &d->words[i];
        if (concord_is_stopword_hash(w->fold) || concord__lang_stop(w->fold, lang))
            w->flags |= CONCORD_TOK_STOP;
        if (w->flags & CONCORD_TOK_NUMBER) {
            size_t fl;
            const char *f = S_fold(az, text + w->start, w->end - w->start, &fl);
            w->stem = S_number_key(f, fl, w->fold);
        } else {
            uint64_t ck = w->fold ^ salt;
            size_t slot = (size_t)(ck ^ (ck >> 29)) & (S_STEM_CACHE - 1);
            if (az->stems[slot].key == ck && ck) {
                w->stem = az->stems[slot].value;
            } else {
                size_t fl, sl;
                const char *f = S_fold(az, text + w->start, w->end - w->start, &fl);
                const char *st = concord_stem(stemmer, f, fl, &sl);
                w->stem = concord_hash(st, sl, 0);
                az->stems[slot].key = ck;
                az->stems[slot].value = w->stem;
            }
        }
    }
}

/* The last word of the name run that starts at capitalized word i: words
 * of one sentence joined only by spaces or hyphens, capitalized, or a
 * lowercase connector between two capitals ("Bank of England"). */
static size_t S_name_run_end(concord_analyzer *az, const concord_doc *d, const char *text, size_t i)
{
    size_t nt = d->n_words;
    size_t j = i + 1, last = i;
    while (j < nt) {
        const concord_word *p = &d->words[last], *q = &d->words[j];
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
        if (S_name_connector(f, fl) && j + 1 < nt && (d->words[j + 1].flags & CONCORD_TOK_CAP) &&
            d->words[j + 1].sentence == q->sentence) {
            j++;
            continue;
        }
        break;
    }
    return last;
}

/* The entity of words first..last, with keys that carry across languages
 * and scripts (lang.c): "Горвалин" and "Horvalin", "Kovač" and "Kovac" meet. */
static void S_add_entity(concord_analyzer *az, concord_doc *d, size_t *ecap, const char *text,
                         int lang, concord_stemmer *stemmer, size_t first, size_t last)
{
    CONCORD_GROW(d->entities, *ecap, d->n_entities + 1);
    concord_entity *e = &d->entities[d->n_entities++];
    e->start = d->words[first].start;
    e->end = d->words[last].end;
    e->first_word = (uint32_t)first;
    e->n_words = (uint32_t)(last - first + 1);
    uint64_t h = S_NAME_SEED, wk = 0;
    for (size_t k = first; k <= last; k++) {
        wk = S_name_word(az, stemmer, lang, text + d->words[k].start,
                         d->words[k].end - d->words[k].start, d->words[k].fold);
        h = S_mix(h, wk);
    }
    e->hash = h;
    e->last_hash = wk;
}

/* Entities: runs of capitalized words inside one sentence, joined only by
 * spaces or hyphens, with lowercase connectors between capitals.  A lone
 * sentence-initial stopword ("The", "He") is not a name. */
static void S_entities(concord_analyzer *az, concord_doc *d, const char *text, int lang,
                       concord_stemmer *stemmer)
{
    size_t ecap = 0;
    size_t i = 0, nt = d->n_words;
    while (i < nt) {
        const concord_word *w = &d->words[i];
        if (!(w->flags & CONCORD_TOK_CAP) || (w->flags & CONCORD_TOK_STOP)) {
            i++;
            continue;
        }
        size_t last = S_name_run_end(az, d, text, i);
        /* German capitalizes every noun: leading nouns of a run ("Stadt
         * Dunmore", "Möbelhersteller Valtex") are not part of the name, and
         * a lone noun is no name */
        if (lang == S_LANG_DE) {
            size_t k0 = i;
            while (i <= last && S_de_noun(az, d, text, i, k0))
                i++;
            if (i > last) {
                i = last + 1;
                continue;
            }
            w = &d->words[i];
        }
        size_t count = last - i + 1;
        if (!(count == 1 && (w->flags & CONCORD_TOK_SENT_START) && (w->flags & CONCORD_TOK_STOP)))
            S_add_entity(az, d, &ecap, text, lang, stemmer, i, last);
        i = last + 1;
    }
}

/* The steps fill one concord_doc in order: sentences, words, language,
 * stems, entities, shingles. */
concord_doc *concord_analyze(concord_analyzer *az, const char *text, size_t len)
{
    concord_doc *d = concord_xcalloc(1, sizeof *d);
    size_t scap = 0;
    concord_sentences(text, len, &d->sentences, &d->n_sentences, &scap);
    size_t nt = 0;
    concord_tokenize(text, len, &az->toks, &nt, &az->toks_cap);
    S_words(az, d, text, az->toks, nt);
    int lang = S_doc_lang(az, d, text);
    memcpy(d->lang, concord__lang_code(lang), 3);
    concord_stemmer *stemmer = S_stemmer(az, lang);
    S_stems(az, d, text, lang, stemmer);
    S_entities(az, d, text, lang, stemmer);
    /* Shingles over all folded words (order-sensitive windows). */
    if (nt >= CONCORD_SHINGLE_WORDS) {
        d->n_shingles = nt - CONCORD_SHINGLE_WORDS + 1;
        d->shingles = concord_xmalloc(d->n_shingles * sizeof *d->shingles);
        S_shingles(&d->words[0].fold, sizeof *d->words, d->n_shingles, d->shingles);
    }
    return d;
}
