/* quotes_extract.c: direct quotations and their speakers in one article
 * (see concord/quotes.h for the rules).  One linear pass pairs the quote
 * marks; attribution then looks only at the clause around each quote, so
 * the cost is linear in the text plus a bounded window per quote. */
#include "quotes_internal.h"

#include "concord/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "quote_groups.inc"
#include "quote_org_heads.inc"
#include "quote_words.inc"
#include "speaker_titles.inc"
#include "speech_verbs.inc"
#include "stopwords.inc"

/* ------------------------------------------------------------ lexicons */

typedef struct {
    uint64_t key;
    uint32_t bits;
} S_slot;

typedef struct {
    uint64_t first;
    char rest[32];
} S_multi;

static S_slot *S_tab;
static size_t S_mask;
static S_multi S_multis[32];
static size_t S_n_multis;
static char S_suffixes[32][24]; /* title endings of compound words */
static size_t S_suffix_len[32];
static size_t S_n_suffixes;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

/* Word keys: the (case-folded) word taken eight bytes at a time, each
 * chunk zero-padded and mixed in; lexicon words are short, and this is the
 * hot path (S_word_bits computes the same key while folding). */
static inline uint64_t S_mix(uint64_t h, uint64_t x)
{
    h ^= x;
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static inline uint64_t S_key(const char *w, size_t n)
{
    uint64_t h = (uint64_t)n * 0xC2B2AE3D27D4EB4Full;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t x = 0; /* chunks read as S_word_bits reads them */
        if (n - i >= 8)
            memcpy(&x, w + i, 8);
        else
            for (size_t j = 0; j < n - i; j++)
                x |= (uint64_t)(unsigned char)w[i + j] << (8 * j);
        h = S_mix(h, x);
    }
    return h ? h : 1;
}

/* A one-bit-per-slot filter over the keys (8 KB, stays in the first-level
 * cache): most words of a text are in no lexicon, and their lookup ends
 * here without touching the table. */
static uint64_t S_filter[1024];

static inline int S_filter_has(uint64_t k)
{
    size_t b = (size_t)(k >> 40) & 0xFFFF;
    return (S_filter[b >> 6] >> (b & 63)) & 1;
}

static inline uint32_t S_lookup(uint64_t k)
{
    if (!S_filter_has(k))
        return 0;
    size_t i = (size_t)k & S_mask;
    while (S_tab[i].key) {
        if (S_tab[i].key == k)
            return S_tab[i].bits;
        i = (i + 1) & S_mask;
    }
    return 0;
}

static void S_put(const char *w, size_t n, uint32_t bits)
{
    if (n && w[n - 1] == '.')
        n--;
    if (!n)
        return;
    uint64_t k = S_key(w, n);
    size_t i = (size_t)k & S_mask;
    while (S_tab[i].key && S_tab[i].key != k)
        i = (i + 1) & S_mask;
    S_tab[i].key = k;
    S_tab[i].bits |= bits;
    size_t b = (size_t)(k >> 40) & 0xFFFF;
    S_filter[b >> 6] |= 1ull << (b & 63);
}

static void S_add_lines(const char *const *lines, size_t count, uint32_t dflt)
{
    for (size_t i = 0; i < count; i++) {
        const char *w = lines[i];
        const char *tab = strchr(w, '\t');
        size_t n = tab ? (size_t)(tab - w) : strlen(w);
        uint32_t bits = dflt;
        if (tab) {
            const char *k = tab + 1;
            static const struct {
                const char *name;
                uint32_t bits;
            } kinds[] = {{"verb", QW_VERB},   {"ing", QW_ING},
                         {"prep", QW_PREP},   {"noun", QW_NOUN},
                         {"m", QW_MALE},      {"f", QW_FEMALE},
                         {"he", QW_HE},       {"she", QW_SHE},
                         {"they", QW_THEY},   {"it", QW_IT},
                         {"first", QW_FIRST}, {"det", QW_DET},
                         {"skip", QW_SKIP},   {"particle", QW_PARTICLE},
                         {"time", QW_SKIP},   {"relay", QW_VERB | QW_RELAY},
                         {"news", QW_NEWS},   {"lead", QW_LEAD},
                         {"claim", QW_CLAIM}, {"month", QW_MONTH}};
            for (size_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++)
                if (strcmp(k, kinds[j].name) == 0)
                    bits = (dflt == QW_TITLE || dflt == QW_ORG ? dflt : 0) | kinds[j].bits;
        }
        if (tab && strcmp(tab + 1, "suffix") == 0) {
            if (S_n_suffixes < 32 && n < sizeof S_suffixes[0]) {
                memcpy(S_suffixes[S_n_suffixes], w, n);
                S_suffix_len[S_n_suffixes] = n;
                S_suffixes[S_n_suffixes++][n] = '\0';
            }
            continue;
        }
        const char *sp = memchr(w, ' ', n);
        if (sp) { /* multi-word cue: first word keyed, the rest checked */
            size_t fn = (size_t)(sp - w);
            if (S_n_multis < sizeof S_multis / sizeof S_multis[0] &&
                n - fn - 1 < sizeof S_multis[0].rest) {
                S_multis[S_n_multis].first = S_key(w, fn);
                memcpy(S_multis[S_n_multis].rest, sp + 1, n - fn - 1);
                S_multis[S_n_multis].rest[n - fn - 1] = '\0';
                S_n_multis++;
            }
            S_put(w, fn, bits);
        } else {
            S_put(w, n, bits);
        }
    }
}

static void S_init(void)
{
    size_t total = speech_verbs_count + speaker_titles_count + quote_org_heads_count +
                   quote_groups_count + quote_words_count + stopwords_count;
    size_t cap = 16;
    while (cap < total * 3)
        cap <<= 1;
    S_tab = concord_xcalloc(cap, sizeof *S_tab);
    S_mask = cap - 1;
    S_add_lines(speech_verbs_lines, speech_verbs_count, QW_VERB);
    S_add_lines(speaker_titles_lines, speaker_titles_count, QW_TITLE);
    S_add_lines(quote_org_heads_lines, quote_org_heads_count, QW_ORG);
    S_add_lines(quote_groups_lines, quote_groups_count, QW_GROUP);
    S_add_lines(quote_words_lines, quote_words_count, 0);
    S_add_lines(stopwords_lines, stopwords_count, QW_STOP);
}

/* Lexicon bits of the word s[0..n) as written: ASCII words are folded and
 * hashed in place (the hot path); others go through NFKC casefold. */
static uint32_t S_word_bits_slow(const char *w, size_t n);

static uint32_t S_word_bits_in(const char *w, size_t n, size_t avail);

static uint32_t S_word_bits(const char *w, size_t n)
{
    return S_word_bits_in(w, n, n);
}

/* The same, where avail >= n bytes from w may be read: a word's last
 * chunk is then one eight-byte load, its bytes past the word masked off. */
static uint32_t S_word_bits_in(const char *w, size_t n, size_t avail)
{
    /* one pass: fold and key eight bytes at a time (ASCII uppercase
     * letters get 0x20 added, found with byte-wise arithmetic); leave for
     * the slow path at the first non-ASCII byte */
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t m = n;
    if (m && w[m - 1] == '.')
        m--;
    if (m > 2 && w[m - 2] == '\'' && (w[m - 1] | 0x20) == 's')
        m -= 2;
    else if (m > 4 && (unsigned char)w[m - 4] == 0xE2 && (unsigned char)w[m - 3] == 0x80 &&
             (unsigned char)w[m - 2] == 0x99 && (w[m - 1] | 0x20) == 's')
        m -= 4; /* "Trump’s": as the slow path strips it after mapping ’ to ' */
    if (!m)
        return 0;
    uint64_t h = (uint64_t)m * 0xC2B2AE3D27D4EB4Full;
    for (size_t i = 0; i < m; i += 8) {
        uint64_t x = 0;
        if (m - i >= 8) {
            memcpy(&x, w + i, 8);
        } else {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            if (avail - i >= 8) {
                memcpy(&x, w + i, 8);
                x &= ~0ull >> (8 * (8 - (m - i)));
            } else
#endif
                for (size_t j = 0; j < m - i; j++)
                    x |= (uint64_t)(unsigned char)w[i + j] << (8 * j); /* little-endian order */
        }
        if (x & highs)
            return S_word_bits_slow(w, n);
        /* bytes are < 0x80: no carries between them */
        uint64_t ge_a = x + ones * (0x80 - 'A'), gt_z = x + ones * (0x80 - 'Z' - 1);
        x |= ((ge_a & ~gt_z) & highs) >> 2;
        h = S_mix(h, x);
    }
    uint64_t k = h ? h : 1;
    return S_lookup(k);
}

static uint32_t S_word_bits_slow(const char *w, size_t n)
{
    int ascii = 1;
    char tmp[64];
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80) {
            ascii = 0;
            break;
        }
    if (!ascii && n < sizeof tmp) {
        /* ASCII with typographic apostrophes ("don’t", "Trump’s"): fast path */
        size_t o = 0, i = 0;
        ascii = 1;
        while (i < n && ascii) {
            unsigned char c = (unsigned char)w[i];
            if (c < 0x80) {
                tmp[o++] = (char)c;
                i++;
            } else if (c == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 &&
                       (unsigned char)w[i + 2] == 0x99) {
                tmp[o++] = '\'';
                i += 3;
            } else {
                ascii = 0;
            }
        }
        if (ascii) {
            w = tmp;
            n = o;
        }
    }
    if (!ascii) {
        char f[64];
        size_t fl = concord__quote_fold(w, n, f, sizeof f);
        return concord__quote_word(f, fl);
    }
    if (n && w[n - 1] == '.')
        n--;
    if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S'))
        n -= 2;
    if (!n || n > sizeof tmp)
        return 0; /* no lexicon word is that long */
    char f[64];
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        f[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    uint64_t k = S_key(f, n);
    return S_lookup(k);
}

uint32_t concord__quote_word(const char *w, size_t n)
{
    pthread_once(&S_once, S_init);
    if (n && w[n - 1] == '.')
        n--;
    if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
        n -= 2;
    if (!n)
        return 0;
    uint64_t k = S_key(w, n);
    return S_lookup(k);
}

const char *concord__quote_cue_rest(const char *w, size_t n)
{
    pthread_once(&S_once, S_init);
    uint64_t k = S_key(w, n);
    for (size_t i = 0; i < S_n_multis; i++)
        if (S_multis[i].first == k)
            return S_multis[i].rest;
    return NULL;
}

size_t concord__quote_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    /* ASCII: folded in one pass; the first other byte starts over */
    for (i = 0; i < n && o < cap; i++) {
        char c = s[i];
        if ((unsigned char)c >= 0x80)
            break;
        out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    /* ASCII with typographic apostrophes ("Trump’s", "don’t"): the same
     * as casefolding and mapping ’ ‘ to ' below, without decoding */
    int ascii = 1;
    while (i < n && ascii) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o < cap)
                out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            if (o < cap)
                out[o++] = '\'';
            i += 3;
        } else {
            ascii = 0;
        }
    }
    if (ascii)
        return o;
    o = 0;
    size_t fl;
    char *f = concord_casefold(s, n, &fl);
    for (i = 0; i < fl && o < cap; i++) {
        if (i + 2 < fl && (unsigned char)f[i] == 0xE2 && (unsigned char)f[i + 1] == 0x80 &&
            ((unsigned char)f[i + 2] == 0x99 || (unsigned char)f[i + 2] == 0x98)) {
            out[o++] = '\'';
            i += 2;
            continue;
        }
        out[o++] = f[i];
    }
    free(f);
    return o;
}

/* ------------------------------------------------------ character tests */

static int32_t S_cp(const char *s, size_t len, size_t i, size_t *next)
{
    if (i >= len) {
        *next = len;
        return -2; /* end */
    }
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *next = i + 1;
        return c;
    }
    size_t j = i;
    int32_t cp = concord_utf8_next(s, len, &j);
    *next = j;
    return cp;
}

static int32_t S_prev_cp(const char *s, size_t i)
{
    if (i == 0)
        return -2;
    size_t j = i - 1;
    int back = 0;
    while (j > 0 && back < 3 && ((unsigned char)s[j] & 0xC0) == 0x80) {
        j--;
        back++;
    }
    size_t nx;
    return S_cp(s, i, j, &nx);
}

static inline int S_space(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return cp == -2 || (cp > 0 && concord_is_space(cp));
}

static inline int S_wordch(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    return cp >= 0 && (concord_is_letter(cp) || concord_is_digit(cp));
}

static inline int S_letter(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return cp >= 0 && concord_is_letter(cp);
}

static inline int S_upper(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return cp >= 0 && concord_is_upper(cp);
}

static inline int S_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9' ? 1 : (cp >= 0x80 && concord_is_digit(cp));
}

/* Punctuation that may stand right before an opening mark. */
static int S_open_context(int32_t cp)
{
    return S_space(cp) || cp == '(' || cp == '[' || cp == '{' || cp == 0x2014 || cp == 0x2013 ||
           cp == '-' || cp == '/' || cp == ':' || cp == ';' || cp == ',' || concord_is_quote(cp);
}

/* ------------------------------------------------------------- scanning */

enum {
    F_DCURLY = 1, /* “ ” */
    F_DSTRAIGHT,  /* " " */
    F_DLOW,       /* „ “ or „ ” */
    F_GUILL,      /* « » */
    F_GUILL_REV,  /* » « */
    F_SCURLY,     /* ‘ ’ */
    F_SSTRAIGHT,  /* ' ' */
    F_SLOW,       /* ‚ ‘ */
    F_SGUILL,     /* ‹ › */
    F_SGUILL_REV, /* › ‹ */
    F_CJK,        /* 「 」 */
    F_CJK2,       /* 『 』 */
    F_DREV        /* ” used as an opener */
};

static int S_double_family(int f)
{
    return f == F_DCURLY || f == F_DSTRAIGHT || f == F_DLOW || f == F_GUILL || f == F_GUILL_REV ||
           f == F_CJK || f == F_CJK2 || f == F_DREV;
}

typedef struct {
    uint32_t open, cstart;
    int fam;
} S_open;

typedef struct {
    uint32_t open, cstart, cend, close;
} S_seg;

typedef struct {
    S_seg *segs;
    size_t n, cap;
    uint32_t *conts; /* continuation marks: pairs (pos, bytes) */
    size_t n_conts, cap_conts;
} S_scan;

#define S_MAX_DEPTH 4

static void S_record(S_scan *sc, const S_open *o, size_t cend, size_t close)
{
    if (cend <= o->cstart || cend - o->cstart > CONCORD_QUOTE_MAX_BYTES)
        return;
    CONCORD_GROW(sc->segs, sc->cap, sc->n + 1);
    S_seg *g = &sc->segs[sc->n++];
    g->open = o->open;
    g->cstart = o->cstart;
    g->cend = (uint32_t)cend;
    g->close = (uint32_t)close;
}

/* Which family an opening mark at i starts, or 0. */
static int S_opener_family(int32_t cp, int32_t pc, int32_t nc)
{
    int left = S_open_context(pc) && !S_space(nc);
    switch (cp) {
        case 0x201C: return left || !S_wordch(pc) ? F_DCURLY : 0;
        case '"': return left && !concord_is_digit(pc) ? F_DSTRAIGHT : 0;
        case 0x201E: return F_DLOW;
        case 0xAB: return F_GUILL;
        case 0xBB: return left ? F_GUILL_REV : 0;
        case 0x2018: return left && !concord_is_digit(nc) ? F_SCURLY : 0;
        case '\'':
            return left && nc >= 0 && concord_is_letter(nc) && !S_wordch(pc) ? F_SSTRAIGHT : 0;
        case 0x201A: return left ? F_SLOW : 0;
        case 0x2039: return F_SGUILL;
        case 0x203A: return left ? F_SGUILL_REV : 0;
        case 0x300C: return F_CJK;
        case 0x300E: return F_CJK2;
        case 0x201D: return S_space(pc) && !S_space(nc) ? F_DREV : 0;
        default: return 0;
    }
}

/* Does cp close a quote of family f (given its neighbours)? */
static int S_closes(int f, int32_t cp, int32_t pc, int32_t nc)
{
    int right = !S_space(pc) && !S_wordch(nc);
    switch (f) {
        case F_DCURLY:
        case F_DSTRAIGHT:
        case F_DREV:
            return cp == 0x201D || (cp == '"' && (right || !S_open_context(pc))) ||
                   (cp == 0x201C && right &&
                    (f != F_DCURLY || pc == ',' || pc == '.' || pc == '?' || pc == '!'));
        case F_DLOW: return cp == 0x201C || cp == 0x201D || (cp == '"' && right);
        case F_GUILL: return cp == 0xBB;
        case F_GUILL_REV: return cp == 0xAB;
        case F_SCURLY:
        case F_SSTRAIGHT:
        case F_SLOW: return (cp == 0x2019 || cp == '\'' || (cp == 0x2018 && f == F_SLOW)) && right;
        case F_SGUILL: return cp == 0x203A;
        case F_SGUILL_REV: return cp == 0x2039;
        case F_CJK: return cp == 0x300D;
        case F_CJK2: return cp == 0x300F;
        default: return 0;
    }
}

/* Bytes that may start a quote mark or a paragraph break. */
static const unsigned char S_interesting[256] = {
    ['"'] = 1, ['\''] = 1, ['\n'] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1};

/* The first position from i on whose byte is interesting (len if none):
 * eight bytes at a time while none of them is ASCII " ' \n or a byte
 * >= 0x80 (the lead bytes of the marks are all >= 0x80). */
static size_t S_skip_plain(const char *s, size_t len, size_t i)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (i + 8 <= len) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t q = x ^ (ones * '"'), a = x ^ (ones * '\''), n = x ^ (ones * '\n');
        /* a zero byte in q, a or n, or a high byte in x */
        uint64_t z = ((q - ones) & ~q) | ((a - ones) & ~a) | ((n - ones) & ~n) | x;
        if (z & highs)
            break;
        i += 8;
    }
    while (i < len && !S_interesting[(unsigned char)s[i]])
        i++;
    return i;
}

static int S_maybe_mark(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\'' || c == '\n')
        return 1;
    if (i + 2 >= len)
        return 0;
    if (c == 0xE2)
        return (unsigned char)s[i + 1] == 0x80; /* U+2000..U+203F */
    if (c == 0xC2)
        return (unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB;
    if (c == 0xE3)
        return (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] >= 0x8C &&
               (unsigned char)s[i + 2] <= 0x8F;
    return 0;
}

static void S_recover(const char *s, S_scan *sc, const S_open *o, size_t end)
{
    if (!(o->fam == F_DCURLY || o->fam == F_SCURLY || o->fam == F_DLOW || o->fam == F_GUILL))
        return;
    if (end <= o->cstart || end - o->cstart > 400)
        return;
    /* the quoted words end a sentence at the paragraph end */
    size_t p = end;
    while (p > o->cstart && (s[p - 1] == ' ' || s[p - 1] == '\r' || s[p - 1] == '\t'))
        p--;
    if (p == o->cstart || !(s[p - 1] == '.' || s[p - 1] == '!' || s[p - 1] == '?'))
        return;
    S_record(sc, o, p, p);
}

/* A paragraph end at s[i] with sp quotes open in st: a quote whose next
 * paragraph opens with a matching mark continues there (its position is
 * noted in sc->conts); else S_recover.  Returns the open quotes after it
 * and, in *i, where the scan goes on. */
static int S_scan_newline(const char *s, size_t len, S_scan *sc, S_open *st, int sp, size_t *i)
{
    if (sp > 0) {
        size_t j = *i, nx;
        int32_t c2 = 0;
        while (j < len) {
            c2 = S_cp(s, len, j, &nx);
            if (!S_space(c2))
                break;
            j = nx;
        }
        int cont = 0;
        if (j < len && S_double_family(st[0].fam)) {
            size_t nx2;
            int32_t nc = S_cp(s, len, nx, &nx2);
            int f = S_opener_family(c2, '\n', nc);
            cont = f && S_double_family(f) && f != F_DREV;
        }
        if (cont && j - st[0].cstart <= CONCORD_QUOTE_MAX_BYTES) {
            CONCORD_GROW(sc->conts, sc->cap_conts, sc->n_conts + 2);
            sc->conts[sc->n_conts++] = (uint32_t)j;
            sc->conts[sc->n_conts++] = (uint32_t)(nx - j);
            *i = nx;
            return 1;
        }
        /* unclosed at paragraph end: a typographic opener close to
         * the end (a missing closing mark) ends with its paragraph;
         * anything else is dropped, inner pairs stay */
        S_recover(s, sc, &st[0], *i);
        sp = 0;
    }
    (*i)++;
    return sp;
}

/* The mark cp at s[i..next) (pc before it, nc after it) closing one of
 * the *sp open quotes in st: the innermost it can close, or an outer
 * straight quote right after a nested one closed ("... of 'Clinton,' "
 * said").  Returns 1 when it closed one (recorded in sc). */
static int S_scan_close(const char *s, S_scan *sc, S_open *st, int *sp, size_t i, size_t next,
                        int32_t cp, int32_t pc, int32_t nc)
{
    for (int k = *sp - 1; k >= 0; k--) {
        if (S_closes(st[k].fam, cp, pc, nc)) {
            if (k < *sp - 1 && !S_double_family(st[k].fam))
                continue; /* a single mark never closes past an open inner quote */
            S_record(sc, &st[k], i, next);
            *sp = k;
            return 1;
        }
    }
    if (cp == '"' && *sp > 0 && st[*sp - 1].fam == F_DSTRAIGHT && S_space(pc) && !S_wordch(nc) &&
        sc->n > 0 && sc->segs[sc->n - 1].close > st[*sp - 1].cstart &&
        sc->segs[sc->n - 1].close < i && i - sc->segs[sc->n - 1].close <= 2) {
        /* "... the household name of 'Clinton,' " said Bree Maxwell": a
         * straight mark after the space that follows a nested quote's
         * close ends the outer quote */
        int gap = 1;
        for (size_t x = sc->segs[sc->n - 1].close; x < i; x++)
            gap &= s[x] == ' ';
        if (gap) {
            S_record(sc, &st[*sp - 1], i, next);
            (*sp)--;
            return 1;
        }
    }
    return 0;
}

/* Quote segments of the text into sc: marks are paired on a stack of
 * open quotes, paragraph ends continue or recover them. */
static void S_scan_text(const char *s, size_t len, S_scan *sc)
{
    S_open st[S_MAX_DEPTH];
    int sp = 0;
    size_t i = 0;
    while (i < len) {
        if (!S_interesting[(unsigned char)s[i]]) {
            i = S_skip_plain(s, len, i + 1);
            continue;
        }
        if (!S_maybe_mark(s, len, i)) {
            i++;
            continue;
        }
        if (s[i] == '\n') {
            sp = S_scan_newline(s, len, sc, st, sp, &i);
            continue;
        }
        size_t next;
        int32_t cp = S_cp(s, len, i, &next);
        if (!concord_is_quote(cp) && cp != 0x300E && cp != 0x300F) {
            i = next;
            continue;
        }
        size_t nn;
        int32_t nc = S_cp(s, len, next, &nn);
        if ((cp == 0x2019 || cp == '\'') && S_wordch(nc) && i > 0 &&
            (unsigned char)s[i - 1] < 0x80 && S_wordch((unsigned char)s[i - 1])) {
            i = next; /* "don’t": an apostrophe between letters opens and closes nothing */
            continue;
        }
        int32_t pc = S_prev_cp(s, i);
        if (!S_scan_close(s, sc, st, &sp, i, next, cp, pc, nc)) {
            int f = S_opener_family(cp, pc, nc);
            /* a straight single mark opens only inside a quote or when a
             * matching close follows in the paragraph (headline style) */
            if (f && sp < S_MAX_DEPTH) {
                if (sp > 0 && st[0].cstart + CONCORD_QUOTE_MAX_BYTES < i)
                    sp = 0;
                st[sp].open = (uint32_t)i;
                st[sp].cstart = (uint32_t)next;
                st[sp].fam = f;
                sp++;
            }
        }
        i = next;
    }
    if (sp > 0)
        S_recover(s, sc, &st[0], len);
}

static int S_seg_cmp(const void *a, const void *b)
{
    const S_seg *x = a, *y = b;
    if (x->open != y->open)
        return x->open < y->open ? -1 : 1;
    return x->close > y->close ? -1 : x->close < y->close;
}

/* ------------------------------------------------------------- tokens */

enum { T_WORD = 0, T_PUNCT = 1 };

typedef struct {
    uint32_t s, e;
    uint32_t bits;
    int32_t p; /* punctuation code point */
    uint8_t type;
    uint8_t cap; /* starts with an uppercase letter */
    uint8_t allcaps;
    uint8_t initial; /* "V." */
    uint8_t digit;
} S_tok;

#define S_MAX_TOKS 96

/* The end of the word starting at s[i] (before b): letters, digits,
 * combining accents, doubly encoded Latin-1 signs and inner ' ’ - . ; a
 * plural possessive's mark ("Roberts' mother").  Counts its letters and
 * uppercase letters into *nletter and *nupper. */
static size_t S_word_end(const char *s, size_t i, size_t b, int *nletter, int *nupper)
{
    size_t j = i;
    for (;;) {
        /* ASCII letters and digits: no decoding */
        while (j < b) {
            unsigned char a7 = (unsigned char)s[j];
            if (a7 >= 'a' && a7 <= 'z') {
                (*nletter)++;
            } else if (a7 >= 'A' && a7 <= 'Z') {
                (*nletter)++;
                (*nupper)++;
            } else if (!(a7 >= '0' && a7 <= '9')) {
                break;
            }
            j++;
        }
        size_t jn;
        int32_t c = S_cp(s, b, j, &jn);
        if (c >= 0x300 && c <= 0x36F) {
            j = jn; /* a combining accent (decomposed text: "Jose\u0301") */
            continue;
        }
        if (j + 1 < b && (unsigned char)s[j] == 0xC2 && ((unsigned char)s[j + 1] & 0xC0) == 0x80 &&
            j >= i + 2 && ((unsigned char)s[j - 2] == 0xC3 || (unsigned char)s[j - 2] == 0xCC) &&
            ((unsigned char)s[j - 1] == 0x83 || (unsigned char)s[j - 1] == 0x82)) {
            /* "FranÃ§ois", "PeÃ±a": UTF-8 read as Latin-1 and encoded
             * again (scraped text): a Latin-1 sign after Ã or Â stays
             * in the word */
            j += 2;
            continue;
        }
        if (S_wordch(c)) {
            if (S_letter(c)) {
                (*nletter)++;
                if (S_upper(c))
                    (*nupper)++;
            }
            j = jn;
            continue;
        }
        if (c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == '.') {
            size_t jn2;
            int32_t c2 = S_cp(s, b, jn, &jn2);
            if (S_wordch(c2)) {
                j = jn;
                continue;
            }
        }
        break;
    }
    /* plural possessive "Roberts' mother" */
    if (j < b && j > i && s[j - 1] == 's') {
        size_t jn, jn2;
        int32_t c = S_cp(s, b, j, &jn);
        if ((c == '\'' || c == 0x2019) && !S_wordch(S_cp(s, b, jn, &jn2)))
            j = jn;
    }
    return j;
}

/* Whether the word s[i..j) of nletter letters takes the period after it:
 * an initial ("V.", marked in k), a dotted abbreviation ("U.S."), a short
 * title ("Sen.", "Mrs.") or "Jr.", "Sr.", "St.". */
static int S_absorbs_period(const char *s, size_t i, size_t j, size_t b, int nletter, S_tok *k)
{
    size_t wl = j - i;
    if (k->cap && wl <= 4 && j + 2 < b && s[j + 1] == ' ' && s[j + 2] >= '0' && s[j + 2] <= '9' &&
        (S_word_bits(s + i, wl) & QW_MONTH))
        return 1; /* "Feb. 8" */
    if (nletter == 1 && k->cap)
        return k->initial = 1;
    if (memchr(s + i, '.', wl))
        return 1; /* U.S. */
    if (wl > 5)
        return 0;
    char f[8];
    size_t fl = concord__quote_fold(s + i, wl, f, sizeof f);
    uint32_t bits = concord__quote_word(f, fl);
    int absorb = 0;
    if ((bits & QW_TITLE) && (wl <= 4 || (bits & (QW_MALE | QW_FEMALE))))
        absorb = 1;
    if (fl == 2 && (memcmp(f, "jr", 2) == 0 || memcmp(f, "sr", 2) == 0 || memcmp(f, "st", 2) == 0))
        absorb = 1;
    return absorb;
}

/* Tokenizes s[a..b) into at most max tokens; words absorb inner ' ’ - . and
 * a trailing '.' when they are abbreviations or initials. */
static size_t S_tokens(const char *s, size_t a, size_t b, S_tok *t, size_t max)
{
    size_t n = 0, i = a;
    while (i < b && n < max) {
        size_t nx;
        int32_t cp = S_cp(s, b, i, &nx);
        if (S_space(cp) && cp != '\n') {
            i = nx;
            continue;
        }
        S_tok *k = &t[n];
        memset(k, 0, sizeof *k);
        k->s = (uint32_t)i;
        if (!S_wordch(cp)) {
            k->type = T_PUNCT;
            k->p = cp;
            k->e = (uint32_t)nx;
            n++;
            i = nx;
            continue;
        }
        k->type = T_WORD;
        k->cap = (uint8_t)S_upper(cp);
        k->digit = (uint8_t)S_digit(cp);
        int nupper = 0, nletter = 0;
        size_t j = S_word_end(s, i, b, &nletter, &nupper);
        k->e = (uint32_t)j;
        k->allcaps = (uint8_t)(nletter >= 2 && nupper == nletter);
        /* trailing period of an abbreviation or initial */
        if (j < b && s[j] == '.' && S_absorbs_period(s, i, j, b, nletter, k))
            k->e = (uint32_t)(j + 1);
        k->bits = S_word_bits_in(s + k->s, k->e - k->s, b - k->s);
        n++;
        i = k->e;
    }
    return n;
}

static int S_tok_is(const char *s, const S_tok *t, const char *w)
{
    if (t->type != T_WORD)
        return 0;
    /* no strlen: most words differ at the first byte, and w's NUL
     * differs from every byte of a word */
    size_t n = t->e - t->s, i = 0;
    for (; i < n; i++) {
        char c = s[t->s + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return w[i] == '\0';
}

/* A cue at token k: returns the number of tokens it spans (0 if none). */
static size_t S_cue_at(const char *s, const S_tok *t, size_t n, size_t k, uint32_t want)
{
    if (t[k].type != T_WORD || !(t[k].bits & want))
        return 0;
    if (t[k].cap && !(t[k].bits & QW_PREP))
        return 0; /* "States", "Post": names, not verbs */
    char f[64];
    size_t fl = concord__quote_fold(s + t[k].s, t[k].e - t[k].s, f, sizeof f);
    const char *rest = concord__quote_cue_rest(f, fl);
    if (rest && (t[k].bits & QW_PREP)) {
        if (k + 1 < n && S_tok_is(s, &t[k + 1], rest))
            return 2;
        return 0;
    }
    return 1;
}

static int S_is_sentence_end(const S_tok *t)
{
    return t->type == T_PUNCT && (t->p == '.' || t->p == '!' || t->p == '?' || t->p == '\n');
}

/* Tokens that may be part of a speaker noun phrase. */
static int S_np_word(const char *s, const S_tok *t, int at_start)
{
    if (t->type != T_WORD)
        return 0;
    if (t->bits & (QW_PRONOUN | QW_SKIP))
        return 0;
    if (t->cap || t->allcaps)
        return !(t->bits & QW_STOP) || (t->bits & (QW_TITLE | QW_ORG | QW_GROUP)) || at_start;
    if (t->bits & (QW_TITLE | QW_ORG | QW_GROUP | QW_PARTICLE | QW_NOUN))
        return 1;
    if (S_tok_is(s, t, "of"))
        return 2; /* only between capitalised words */
    return 0;
}

/* Forward noun phrase from k: returns its end (exclusive), k when none. */
static size_t S_np_forward(const char *s, const S_tok *t, size_t n, size_t k)
{
    size_t i = k;
    if (i < n && t[i].type == T_WORD && (t[i].bits & QW_PRONOUN) && !t[i].cap) {
        return i + 1;
    }
    if (i < n && t[i].type == T_WORD && (t[i].bits & QW_PRONOUN) && t[i].cap &&
        (i + 1 >= n || t[i + 1].type != T_WORD || !t[i + 1].cap))
        return i + 1;
    while (i < n && t[i].type == T_WORD && ((t[i].bits & QW_DET) || t[i].digit) && i - k < 2)
        i++;
    size_t last_good = k;
    size_t cnt = 0;
    while (i < n && cnt < 10) {
        int w = S_np_word(s, &t[i], 0);
        if (!w && t[i].type == T_WORD && !t[i].cap && !(t[i].bits & (QW_STOP | QW_CUE)) &&
            i + 1 < n && t[i + 1].type == T_WORD &&
            (t[i + 1].bits & (QW_TITLE | QW_GROUP | QW_ORG)) && !(t[i + 1].bits & QW_STOP))
            w = 3; /* "fire chief", "opposition leader", "company officials" */
        if (!w)
            break;
        if (w == 2) { /* "of" needs a capitalised word on both sides */
            if (!(i + 1 < n && t[i + 1].type == T_WORD && t[i + 1].cap))
                break;
        } else if (w != 3) {
            last_good = i + 1;
        }
        i++;
        cnt++;
    }
    return last_good;
}

/* "Rep. Gwen Moore (D-Wis.) said": the index of the "(" of a short bracket
 * ending just before v, or v when there is none. */
static size_t S_skip_bracket_back(const S_tok *t, size_t lo, size_t v)
{
    if (v <= lo || t[v - 1].type != T_PUNCT || t[v - 1].p != ')')
        return v;
    for (size_t j = v - 1; j > lo && v - j <= 10;) {
        j--;
        if (t[j].type == T_PUNCT && t[j].p == '(')
            return j;
        if (S_is_sentence_end(&t[j]) && t[j].p != '.')
            return v;
    }
    return v;
}

/* Backward noun phrase ending just before v: sets *start; returns 1 if found. */
static int S_np_backward(const char *s, const S_tok *t, size_t lo, size_t v, size_t *start,
                         size_t *end)
{
    size_t i = v;
    /* skip adverbs, auxiliaries; "Craig wearily replied": an -ly adverb
     * right before the verb */
    while (
        i > lo && t[i - 1].type == T_WORD &&
        (((t[i - 1].bits & QW_SKIP) && !(t[i - 1].bits & QW_PRONOUN)) ||
         (i == v && !t[i - 1].cap && !(t[i - 1].bits & (QW_STOP | QW_CUE)) &&
          t[i - 1].e - t[i - 1].s > 4 && s[t[i - 1].e - 1] == 'y' && s[t[i - 1].e - 2] == 'l' &&
          i - 1 > lo && t[i - 2].type == T_WORD && (t[i - 2].cap || (t[i - 2].bits & QW_PRONOUN)))))
        i--;
    i = S_skip_bracket_back(t, lo, i); /* "(D-Wis.)" */
    /* appositive: "Tokayev, the country's president, said" / "Smith, 45, said" */
    if (i > lo && t[i - 1].type == T_PUNCT && t[i - 1].p == ',') {
        size_t j = i - 1;
        size_t stop = j > lo + 14 ? j - 14 : lo;
        while (j > stop) {
            j--;
            if (t[j].type == T_PUNCT && t[j].p == ',')
                break;
            if (S_is_sentence_end(&t[j]) || (t[j].type == T_PUNCT && t[j].p != '\'' &&
                                             t[j].p != 0x2019 && t[j].p != '(' && t[j].p != ')'))
                return 0;
        }
        if (!(t[j].type == T_PUNCT && t[j].p == ','))
            return 0;
        /* "the club's owner, Gene Linton, said": a name in the commas wins */
        int proper = i - 1 > j + 1 && i - 1 - (j + 1) <= 4;
        for (size_t q = j + 1; q < i - 1 && proper; q++)
            proper = t[q].type == T_WORD && (t[q].cap || (t[q].bits & QW_PARTICLE)) &&
                     !(t[q].bits & (QW_TITLE | QW_STOP | QW_ORG));
        if (proper && i - 1 == j + 2 && j >= lo + 2 && t[j - 1].type == T_WORD && t[j - 1].cap &&
            t[j - 2].type == T_WORD && !t[j - 2].cap && (t[j - 2].bits & QW_STOP))
            return 0; /* "during a meeting in Columbus, Ohio, said": a place */
        if (proper) {
            *start = j + 1;
            *end = i - 1;
            return 1;
        }
        i = S_skip_bracket_back(t, lo, j); /* "Rep. Zoe Lofgren (D-Calif.), who ...," */
    }
    if (i > lo && t[i - 1].type == T_WORD && (t[i - 1].bits & QW_PRONOUN)) {
        *start = i - 1;
        *end = i;
        return 1;
    }
    size_t e = i, b = i;
    size_t cnt = 0;
    while (b > lo && cnt < 10) {
        const S_tok *k = &t[b - 1];
        int w = S_np_word(s, k, 0);
        if (!w && k->type == T_WORD && !k->cap && !(k->bits & (QW_STOP | QW_CUE | QW_DET)) &&
            b < e && (t[b].bits & (QW_TITLE | QW_GROUP | QW_ORG)) && !(t[b].bits & QW_STOP))
            w = 3;
        if (w == 2) {
            if (!(b < e && t[b].cap))
                break;
        } else if (!w) {
            if (k->type == T_WORD && ((k->bits & QW_DET) || k->digit) && b < e) {
                b--;
            }
            break;
        }
        b--;
        cnt++;
    }
    /* drop leading "of" */
    while (b < e && S_tok_is(s, &t[b], "of"))
        b++;
    if (b >= e)
        return 0;
    /* needs a head that names someone, not a possessor ("State's comment") */
    const S_tok *h = &t[e - 1];
    if (h->e - h->s > 2 && s[h->e - 1] == 's' &&
        (s[h->e - 2] == '\'' || (h->e - h->s > 4 && (unsigned char)s[h->e - 2] == 0x99)))
        return 0;
    if (!(h->cap || h->allcaps || (h->bits & (QW_TITLE | QW_ORG | QW_GROUP | QW_NOUN))))
        return 0;
    *start = b;
    *end = e;
    return 1;
}

/* ------------------------------------------------------------ speakers */

typedef struct {
    concord_speaker_kind kind;
    int pronoun;     /* QW_HE ... when the speaker is a pronoun */
    int gender;      /* 0 unknown, 1 male, 2 female */
    uint32_t ts, te; /* as written */
    uint32_t ns, ne; /* the name part (persons) */
    uint64_t role;   /* role-only speaker ("the minister"): hash of its title word */
    uint32_t rs, re; /* that title word in the text */
    char *name;      /* canonical, malloc'd */
} S_spk;

static uint64_t S_tok_hash(const char *s, const S_tok *t)
{
    char f[64];
    size_t fl = concord__quote_fold(s + t->s, t->e - t->s, f, sizeof f);
    while (fl && f[fl - 1] == '.')
        fl--;
    return concord_hash(f, fl, 0x77);
}

/* Title hash of a compound word that ends with a title ("Innenministerin"
 * -> "ministerin"), or 0. */
static uint64_t S_suffix_title(const char *s, const S_tok *t)
{
    if (!t->cap || t->type != T_WORD || (t->bits & QW_TITLE) || !S_n_suffixes)
        return 0;
    char f[64];
    size_t fl = concord__quote_fold(s + t->s, t->e - t->s, f, sizeof f);
    for (size_t k = 0; k < S_n_suffixes; k++) {
        size_t sl = S_suffix_len[k];
        if (fl > sl + 2 && memcmp(f + fl - sl, S_suffixes[k], sl) == 0)
            return concord_hash(S_suffixes[k], sl, 0x77);
    }
    return 0;
}

static int S_possessive(const char *s, const S_tok *t)
{
    size_t n = t->e - t->s;
    const char *w = s + t->s;
    if (n > 2 && w[n - 1] == 's' && w[n - 2] == '\'')
        return 2;
    if (n > 4 && w[n - 1] == 's' && (unsigned char)w[n - 2] == 0x99 &&
        (unsigned char)w[n - 3] == 0x80 && (unsigned char)w[n - 4] == 0xE2)
        return 4;
    if (n > 1 && w[n - 1] == '\'' && w[n - 2] == 's')
        return 1;
    if (n > 3 && (unsigned char)w[n - 1] == 0x99 && (unsigned char)w[n - 2] == 0x80 &&
        (unsigned char)w[n - 3] == 0xE2 && w[n - 4] == 's')
        return 3;
    return 0;
}

static char *S_join_tokens(const char *s, const S_tok *t, size_t a, size_t b, int skip_initials)
{
    concord_buf out;
    concord_buf_init(&out);
    for (size_t i = a; i < b; i++) {
        if (t[i].type != T_WORD)
            continue;
        if (skip_initials && t[i].initial && i > a && i + 1 < b)
            continue;
        if (out.len)
            concord_buf_addc(&out, ' ');
        concord_buf_add(&out, s + t[i].s, t[i].e - t[i].s);
    }
    if (!out.data)
        concord_buf_adds(&out, "");
    return concord_buf_detach(&out, NULL);
}

/* The first word of a name in t[a..b): past lowercase determiners and
 * numbers, a capitalised determiner ("The Interior Ministry") and leading
 * words ("Yet Clinton still insisted", "Despite Santilli's ..."). */
static size_t S_name_start(const char *s, const S_tok *t, size_t a, size_t b)
{
    while (a < b && t[a].type == T_WORD && ((t[a].bits & QW_DET) || t[a].digit) && !t[a].cap)
        a++;
    while (a < b && t[a].type == T_WORD && (t[a].bits & QW_DET) && t[a].cap &&
           (t[a].bits & QW_STOP))
        a++; /* "The Interior Ministry" */
    while (a + 1 < b && t[a].type == T_WORD && t[a].cap && t[a + 1].cap &&
           ((t[a].bits & QW_LEAD) || S_tok_is(s, &t[a], "yet") || S_tok_is(s, &t[a], "but") ||
            S_tok_is(s, &t[a], "and") || S_tok_is(s, &t[a], "so")))
        a++; /* "Yet Clinton still insisted", "Despite Santilli's ...": no part of the name */
    return a;
}

/* The gender that the words t[a..b) tell: 0 unknown, 1 male, 2 female
 * (the last gendered word wins). */
static int S_words_gender(const S_tok *t, size_t a, size_t b)
{
    int gender = 0;
    for (size_t i = a; i < b; i++) {
        if (t[i].bits & QW_MALE)
            gender = 1;
        if (t[i].bits & QW_FEMALE)
            gender = 2;
    }
    return gender;
}

static void S_classify(const char *s, const S_tok *t, size_t a, size_t b, S_spk *sp);

/* "Linton's statement said": the possessor ending at t[poss] (its last
 * few words, from t[a]) speaks; *sp keeps the phrase's span as written. */
static void S_classify_possessor(const char *s, const S_tok *t, size_t a, size_t poss, S_spk *sp)
{
    S_tok tmp[12];
    size_t k = poss + 1 - a < 12 ? poss + 1 - a : 12;
    memcpy(tmp, t + (poss + 1 - k), k * sizeof *tmp);
    tmp[k - 1].e -= (uint32_t)S_possessive(s, &tmp[k - 1]);
    uint32_t ts = sp->ts, te = sp->te;
    S_classify(s, tmp, 0, k, sp);
    sp->ts = ts;
    sp->te = te;
}

/* The first word of a person's name in t[a..*b): the capitalised words
 * after the last title, or before a title at the end ("Martin Luther
 * King"); *b ends before a place ("Donald Hartley of Madison").  Returns
 * SIZE_MAX when the words name no person. */
static size_t S_person_start(const char *s, const S_tok *t, size_t a, size_t *bp)
{
    size_t b = *bp;
    size_t last_title = SIZE_MAX;
    for (size_t i = a; i < b; i++)
        if (((t[i].bits & QW_TITLE) && !(t[i].bits & QW_PARTICLE)) ||
            (i + 1 < b && S_suffix_title(s, &t[i])))
            last_title = i;
    size_t ns = last_title == SIZE_MAX ? a : last_title + 1;
    for (size_t i = ns + 2; i + 1 < b; i++)
        if (S_tok_is(s, &t[i], "of") && t[i - 1].cap && t[i - 2].cap && t[i + 1].cap) {
            b = i; /* "Donald Hartley of Madison": the name before the place */
            break;
        }
    *bp = b;
    int ok = ns < b;
    for (size_t i = ns; i < b && ok; i++)
        if (!(t[i].cap || (t[i].bits & QW_PARTICLE)) || t[i].digit)
            ok = 0;
    if (!ok && last_title != SIZE_MAX && last_title + 1 >= b) {
        /* title at the end ("Martin Luther King"): strip titles from the left */
        ns = a;
        while (ns < b && (t[ns].bits & QW_TITLE))
            ns++;
        ok = ns < b && last_title + 1 == b && t[b - 1].cap;
        for (size_t i = ns; i < b && ok; i++)
            if (!t[i].cap || S_tok_is(s, &t[i], "of"))
                ok = 0;
    }
    if (!ok)
        return SIZE_MAX;
    /* skip leading place words before the name: "Tulsa Police Officer"
     * is handled by the title; a bare stop word at the start is dropped */
    while (ns < b && (t[ns].bits & QW_STOP) && !(t[ns].bits & QW_PARTICLE) && b - ns > 1)
        ns++;
    if (b - ns > 4)
        ns = b - 4;
    return ns;
}

/* A group speaker with head h: the modifiers that name it ("Tulsa
 * police"), not titles, and a role when it is someone's relative ("his
 * mother": the article may name her; the phrase started at t[a0]). */
static void S_classify_group(const char *s, const S_tok *t, size_t a0, size_t a, size_t b,
                             const S_tok *h, S_spk *sp)
{
    sp->kind = CONCORD_SPEAKER_GROUP;
    size_t g = b - 1;
    while (g > a && t[g - 1].type == T_WORD && !(t[g - 1].bits & (QW_DET | QW_STOP)) &&
           !t[g - 1].digit)
        g--;
    sp->name = S_join_tokens(s, t, g, b, 0);
    if ((h->bits & QW_TITLE) && b - a0 >= 2 &&
        ((t[a0].bits & QW_DET) || S_possessive(s, &t[b - 2])))
        sp->role = S_tok_hash(s, h), sp->rs = h->s, sp->re = h->e;
}

/* The speaker that the phrase t[a..b) names: a pronoun, a possessor
 * ("Linton's statement"), an organisation, a person, a group, else a role
 * only ("the minister"). */
static void S_classify(const char *s, const S_tok *t, size_t a, size_t b, S_spk *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->ts = t[a].s;
    sp->te = t[b - 1].e;
    size_t a0 = a;
    if (b - a == 1 && (t[a].bits & QW_PRONOUN)) {
        sp->pronoun = (int)(t[a].bits & QW_PRONOUN);
        return;
    }
    a = S_name_start(s, t, a, b);
    if (a >= b)
        return;
    sp->gender = S_words_gender(t, a, b);
    const S_tok *h = &t[b - 1];
    size_t poss = b;
    for (size_t i = a; i + 1 < b; i++)
        if (S_possessive(s, &t[i]))
            poss = i;
    if ((h->bits & QW_NOUN) && !h->cap && poss < b) {
        S_classify_possessor(s, t, a, poss, sp);
        return;
    }
    /* organisation: head word or acronym */
    if ((h->bits & QW_ORG) || (h->allcaps && !(h->bits & QW_TITLE) && b - a == 1) ||
        (h->allcaps && b - a > 1 && !(t[b - 2].cap && !t[b - 2].allcaps))) {
        sp->kind = CONCORD_SPEAKER_ORG;
        sp->name = S_join_tokens(s, t, a, b, 0);
        return;
    }
    size_t ns = S_person_start(s, t, a, &b);
    if (ns != SIZE_MAX) {
        sp->kind = CONCORD_SPEAKER_PERSON;
        sp->ns = t[ns].s;
        sp->ne = t[b - 1].e;
        sp->name = S_join_tokens(s, t, ns, b, 0);
        return;
    }
    if (h->bits & QW_GROUP) {
        S_classify_group(s, t, a0, a, b, h, sp);
        return;
    }
    /* role only ("the minister", "a spokesman"): resolved later only when the
     * article names exactly one person with that title */
    for (size_t i = b; i-- > a;)
        if ((t[i].bits & QW_TITLE) && !(t[i].bits & QW_STOP)) {
            sp->role = S_tok_hash(s, &t[i]), sp->rs = t[i].s, sp->re = t[i].e;
            break;
        }
}

/* A described speaker: a determiner and a few words ("the woman", "one
 * user", "the 43-year-old", "a narrator in the Clinton ad"); returns its end,
 * k when none.  Stops before speech cues, sentence ends and punctuation. */
static size_t S_desc_np(const char *s, const S_tok *t, size_t n, size_t k)
{
    if (k >= n || t[k].type != T_WORD || !(t[k].bits & QW_DET) || (t[k].bits & QW_PRONOUN))
        return k;
    size_t i = k + 1, last = k;
    while (i < n && i < k + 7 && t[i].type == T_WORD && !(t[i].bits & (QW_CUE | QW_PRONOUN))) {
        if ((t[i].bits & QW_STOP) && !S_tok_is(s, &t[i], "of") && !S_tok_is(s, &t[i], "in"))
            break;
        if (!(t[i].bits & QW_STOP))
            last = i + 1;
        i++;
    }
    return last;
}

/* Fills sp for a described speaker t[a..b): a title resolves later like
 * "the minister"; otherwise the speaker stays unknown (a description is no
 * name) while the description is kept as the text that names the speaker. */
static void S_classify_desc(const char *s, const S_tok *t, size_t a, size_t b, S_spk *sp)
{
    S_classify(s, t, a, b, sp);
}

/* A described subject ending right before the verb at v (adverbs and
 * auxiliaries between them skipped): a determiner opening the sentence or
 * following a comma, then a few words ("The ad claims", "the protesters
 * chanted", "Many reporters noted").  Sets *a to its first token. */
static int S_desc_backward(const char *s, const S_tok *t, size_t v, size_t *a)
{
    size_t e = v;
    while (e > 0 && t[e - 1].type == T_WORD && (t[e - 1].bits & QW_SKIP) &&
           !(t[e - 1].bits & QW_PRONOUN))
        e--;
    for (size_t j = e; j-- > 0 && e - j <= 6;) {
        if (t[j].type != T_WORD)
            return 0;
        if (!(t[j].bits & QW_DET) || (t[j].bits & QW_PRONOUN))
            continue;
        if (!(j == 0 || (t[j - 1].type == T_PUNCT && (t[j - 1].p == ',' || t[j - 1].p == '\n'))))
            return 0;
        if (e - j == 1 && j == 0 && t[j].cap && v == e) {
            *a = j; /* "Several said", "Many noted" */
            return 1;
        }
        if (e - j < 2 || S_desc_np(s, t, e, j) != e)
            return 0;
        *a = j;
        return 1;
    }
    return 0;
}

/* The source after a "according to" cue at t[k] spanning c tokens: a name
 * ("according to CNN") or a description ("according to a 2013 study by
 * economists ...", "according to the report").  Returns 1 and fills *sp. */
static int S_modified_name(const char *s, const S_tok *t, size_t n, size_t k, S_spk *sp);

static int S_prep_source(const char *s, const S_tok *t, size_t n, size_t k, size_t c, S_spk *sp)
{
    size_t e = S_np_forward(s, t, n, k + c);
    if (e > k + c) {
        S_classify(s, t, k + c, e, sp);
        return 1;
    }
    e = S_desc_np(s, t, n, k + c);
    if (e > k + c + 1) {
        S_classify_desc(s, t, k + c, e, sp);
        sp->te = t[e - 1].e;
        return 1;
    }
    /* "according to conservative talk radio host Rush Limbaugh," */
    return S_modified_name(s, t, n, k + c, sp);
}

/* "..., according to the news outlet" anywhere in t[0..n) before a
 * sentence end. */
static int S_according(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    size_t c;
    for (size_t k = 0; k + 1 < n; k++) {
        if (S_is_sentence_end(&t[k]))
            break;
        if ((c = S_cue_at(s, t, n, k, QW_PREP)) > 0 && S_prep_source(s, t, n, k, c, sp))
            return 1;
    }
    return 0;
}

/* The first token after the closing mark that may start an attribution:
 * the commas and dashes that join a quote to it are skipped. */
static size_t S_after_start(const S_tok *t, size_t n)
{
    size_t i = 0;
    while (i < n && t[i].type == T_PUNCT &&
           (t[i].p == ',' || t[i].p == 0x2014 || t[i].p == 0x2013 || t[i].p == 0x2015 ||
            t[i].p == '-' ||
            /* "he's like 6’2”,” Rubio said": a stray closing mark (the
             * quote was closed early by an inch sign) */
            (i > 0 && t[i - 1].type == T_PUNCT && t[i - 1].p == ',' &&
             (t[i].p == 0x201D || t[i].p == '"'))))
        i++;
    return i;
}

/* The end of the name starting at t[k] right after a speech verb, k when
 * there is none ("said on Monday X" is rare; "told reporters" is a
 * verb-first clause without speaker). */
static size_t S_verb_first_name_end(const char *s, const S_tok *t, size_t n, size_t k)
{
    size_t e = S_np_forward(s, t, n, k);
    if (e == k && k + 2 < n && t[k].type == T_WORD && t[k].cap && !t[k].allcaps &&
        (t[k].bits & (QW_STOP | QW_SKIP)) && !(t[k].bits & (QW_DET | QW_PRONOUN | QW_CUE)) &&
        t[k + 1].type == T_WORD && t[k + 1].cap && !(t[k + 1].bits & QW_STOP)) {
        /* "said Will Doyle": a first name that is also a function word */
        e = S_np_forward(s, t, n, k + 1);
        if (e == k + 1)
            e = k;
    }
    return e;
}

/* "said his aunt, Loretta Hale." / "afirmó la ministra de Asuntos
 * Exteriores, Lena Dvorak.": a name in apposition to the speaker t[k..e)
 * (already in *sp) wins over a role or a speaker without a name. */
static void S_apposition_name(const char *s, const S_tok *t, size_t n, size_t k, size_t e,
                              S_spk *sp)
{
    int has_title = 0;
    for (size_t q = k; q < e; q++)
        has_title |= (t[q].bits & QW_TITLE) != 0;
    if ((!sp->name || has_title) && !sp->pronoun && e + 1 < n && t[e].type == T_PUNCT &&
        t[e].p == ',') {
        size_t e2 = S_np_forward(s, t, n, e + 1);
        if (e2 > e + 1 && (e2 >= n || t[e2].type == T_PUNCT)) {
            S_spk alt;
            S_classify(s, t, e + 1, e2, &alt);
            if (alt.kind == CONCORD_SPEAKER_PERSON && alt.name && strchr(alt.name, ' ')) {
                /* a one-word name after a comma may be a place:
                 * "beamed Donald Hartley of Madison, Alabama" */
                free(sp->name);
                *sp = alt;
            } else {
                free(alt.name);
            }
        }
    }
}

/* "said retired neurosurgeon Ben Carson", "said conservative activist
 * Bob Klaus": lowercase modifiers from t[k] before a full name.  Returns 1
 * and fills *sp when found (else *sp is left cleared). */
static int S_modified_name(const char *s, const S_tok *t, size_t n, size_t k, S_spk *sp)
{
    for (size_t m2 = k; m2 < n && m2 < k + 5 &&
                        ((t[m2].type == T_WORD && !t[m2].cap &&
                          (!(t[m2].bits & (QW_STOP | QW_PRONOUN | QW_CUE | QW_DET | QW_SKIP)) ||
                           (m2 > k && S_tok_is(s, &t[m2], "of")))) ||
                         (m2 + 1 < n && t[m2].type == T_PUNCT && t[m2].p == '/' && m2 > k &&
                          t[m2 - 1].digit && t[m2 + 1].digit));
         m2++) {
        /* also "said master of ceremonies Asab Al-Tabchi", "said 9/11
         * widow Terry Strada" */
        if (t[m2].type != T_WORD || !(m2 + 1 < n && t[m2 + 1].type == T_WORD && t[m2 + 1].cap))
            continue;
        size_t e3 = S_np_forward(s, t, n, m2 + 1);
        if (e3 > m2 + 1 && (e3 >= n || t[e3].type == T_PUNCT)) {
            S_classify(s, t, m2 + 1, e3, sp);
            if (sp->kind == CONCORD_SPEAKER_PERSON && sp->name && strchr(sp->name, ' ')) {
                sp->ts = t[k].s;
                return 1;
            }
            free(sp->name);
            memset(sp, 0, sizeof *sp);
        }
        break;
    }
    return 0;
}

/* "said X": the speaker after the speech verb t[i] (a name, a name after
 * modifiers, "one", a description).  Returns 1 and fills *sp when found. */
static int S_after_verb_first(const char *s, const S_tok *t, size_t n, size_t i, S_spk *sp,
                              int *relay)
{
    size_t k = i + 1;
    *relay = (t[i].bits & QW_RELAY) != 0;
    size_t e = S_verb_first_name_end(s, t, n, k);
    if (e > k && !(e - k == 1 && (t[k].bits & QW_PRONOUN) && t[k].cap == 0 &&
                   !(t[k].bits & (QW_HE | QW_SHE | QW_THEY | QW_IT)))) {
        S_classify(s, t, k, e, sp);
        S_apposition_name(s, t, n, k, e, sp);
        return 1;
    }
    if (S_modified_name(s, t, n, k, sp))
        return 1;
    if (k + 1 < n && (S_tok_is(s, &t[k], "one") || S_tok_is(s, &t[k], "another")) &&
        S_is_sentence_end(&t[k + 1])) {
        memset(sp, 0, sizeof *sp); /* "“America is great!” read one." */
        sp->ts = t[k].s;
        sp->te = t[k].e;
        return 1;
    }
    e = S_desc_np(s, t, n, k);
    if (e > k + 1 && !(e < n && S_tok_is(s, &t[e], "as"))) {
        /* "said the woman", "said a longtime GOP data expert"; not an
         * object: "“...,” described the emotional impact as “...”" */
        S_classify_desc(s, t, k, e, sp);
        return 1;
    }
    return 0;
}

/* The speech verb's position after the subject ending at t[v]: past a
 * bracket ("Rep. Elijah E. Cummings (D-Md.) said"), skip words and an
 * appositive ("X, a spokesman, said"). */
static size_t S_past_appositive(const S_tok *t, size_t n, size_t v)
{
    if (v < n && t[v].type == T_PUNCT && t[v].p == '(')
        for (size_t j = v + 1; j < n && j <= v + 10; j++)
            if (t[j].type == T_PUNCT && t[j].p == ')') {
                v = j + 1;
                break;
            }
    while (v < n && t[v].type == T_WORD && (t[v].bits & QW_SKIP))
        v++;
    if (v < n && t[v].type == T_PUNCT && t[v].p == ',') { /* appositive */
        size_t j = v + 1;
        while (j < n && j < v + 16 && !(t[j].type == T_PUNCT && t[j].p == ',') &&
               !(S_is_sentence_end(&t[j]) &&
                 !(t[j].p == '.' && j + 1 < n && t[j + 1].type == T_PUNCT && t[j + 1].p == ',')))
            j++; /* "McConnell, R-Ky., said": a period before the comma ends no sentence */
        if (j < n && t[j].type == T_PUNCT && t[j].p == ',') {
            v = j + 1;
            while (v < n && t[v].type == T_WORD && (t[v].bits & QW_SKIP))
                v++;
        }
    }
    return v;
}

/* "X said", "X, a spokesman, said", "the woman said": a subject at t[i]
 * right before its speech verb.  Returns 1 and fills *sp when found. */
static int S_after_subject(const char *s, const S_tok *t, size_t n, size_t i, S_spk *sp, int *relay)
{
    size_t e = S_np_forward(s, t, n, i);
    if (e > i && e < n && (t[i].bits & QW_DET) && !(t[i].bits & QW_PRONOUN) &&
        !S_cue_at(s, t, n, e, QW_VERB | QW_ING) && S_desc_np(s, t, n, i) > e)
        e = i; /* "the RNC member said", "the New York businessman said": a description */
    if (e == i && (e = S_desc_np(s, t, n, i)) > i + 1) {
        size_t v0 = e;
        while (v0 < n && t[v0].type == T_WORD && (t[v0].bits & QW_SKIP))
            v0++;
        if (v0 < n && S_cue_at(s, t, n, v0, QW_VERB | QW_ING)) { /* "the woman said" */
            *relay = (t[v0].bits & QW_RELAY) != 0;
            S_classify_desc(s, t, i, e, sp);
            return 1;
        }
        e = i;
    }
    size_t v = e == i ? n : S_past_appositive(t, n, e);
    if (e > i && v < n && (S_cue_at(s, t, n, v, QW_VERB | QW_ING))) {
        *relay = (t[v].bits & QW_RELAY) != 0;
        S_classify(s, t, i, e, sp);
        return 1;
    }
    return 0;
}

/* "Republican strategist Fred Davis said", "Rep. Gwen Moore (D-Wis.)
 * said": a few modifier words or a bracket before the subject at t[i].
 * Returns 1 and fills *sp when found. */
static int S_after_modified_subject(const char *s, const S_tok *t, size_t n, size_t i, S_spk *sp,
                                    int *relay)
{
    for (size_t k = i + 1; k < n && k < i + 14 && !(!t[i].cap && (t[i].bits & QW_STOP)); k++) {
        /* not after a lowercase function word: "“no idea” if he would have
         * told" is a subordinate clause, not an attribution */
        if (t[k].type == T_PUNCT && t[k].p != '(' && t[k].p != ')' && t[k].p != '-' &&
            t[k].p != '\'' && t[k].p != 0x2019 && t[k].p != '.')
            break;
        if (S_is_sentence_end(&t[k]) || (t[k].type == T_WORD && (t[k].bits & QW_DET) && k > i))
            break;
        if (!S_cue_at(s, t, n, k, QW_VERB))
            continue;
        size_t v2 = S_skip_bracket_back(t, i, k), a, b;
        while (v2 > i &&
               (t[v2 - 1].type == T_PUNCT ||
                (t[v2 - 1].type == T_WORD && t[v2 - 1].allcaps && t[v2 - 1].e - t[v2 - 1].s <= 3)))
            v2--; /* "(D-Wis.)" */
        while (v2 > i && t[v2 - 1].type == T_PUNCT)
            v2--;
        if (v2 > i && S_np_backward(s, t, i, v2, &a, &b)) {
            *relay = (t[k].bits & QW_RELAY) != 0;
            S_classify(s, t, a, b, sp);
            sp->ts = t[i].s; /* the whole phrase as written */
            return 1;
        }
        break;
    }
    return 0;
}

/* The quote sits inside a longer sentence that goes on from t[i]:
 * "..., Putin said.", "..., the lawsuit alleges.", "..., said X".  Returns 1
 * and fills *sp when found. */
static int S_after_in_sentence(const char *s, const S_tok *t, size_t n, size_t i, S_spk *sp,
                               int *relay)
{
    for (size_t k = i + 1; k < n; k++) {
        if (S_is_sentence_end(&t[k]))
            break;
        if (!S_cue_at(s, t, n, k, QW_VERB))
            continue;
        size_t a, b;
        if (S_np_backward(s, t, i, k, &a, &b) && a > i && t[a - 1].type == T_PUNCT &&
            t[a - 1].p == ',' && !(t[i].cap && !(t[i].bits & QW_STOP)) &&
            (k + 1 >= n || S_is_sentence_end(&t[k + 1]) ||
             (t[k + 1].type == T_PUNCT && t[k + 1].p == ',') ||
             (t[k + 1].type == T_WORD && !t[k + 1].cap && (t[k + 1].bits & QW_STOP) &&
              !S_tok_is(s, &t[k + 1], "that")))) {
            /* "..., Wolverton wrote in a court filing." */
            *relay = (t[k].bits & QW_RELAY) != 0;
            S_classify(s, t, a, b, sp);
            return 1;
        }
        if (S_desc_backward(s, t, k, &a) && a > i &&
            (k + 1 >= n || S_is_sentence_end(&t[k + 1]) ||
             (t[k + 1].type == T_PUNCT && t[k + 1].p == ','))) {
            /* "... no places to vote at all, the lawsuit alleges." */
            *relay = (t[k].bits & QW_RELAY) != 0;
            S_classify_desc(s, t, a, k, sp);
            sp->te = t[S_desc_np(s, t, k, a) - 1].e;
            return 1;
        }
        if (t[k - 1].type == T_PUNCT && t[k - 1].p == ',') {
            size_t e2 = S_np_forward(s, t, n, k + 1);
            if (e2 > k + 1 && (e2 >= n || t[e2].type == T_PUNCT)) {
                *relay = (t[k].bits & QW_RELAY) != 0;
                S_classify(s, t, k + 1, e2, sp);
                return 1;
            }
        }
    }
    return 0;
}

/* The last run of capitalised words in t(i..last) that classifies as a
 * full name, in *best (zeroed when there is none). */
static void S_last_full_name(const char *s, const S_tok *t, size_t i, size_t last, S_spk *best)
{
    memset(best, 0, sizeof *best);
    for (size_t b = last; b > i;) {
        if (!(t[b - 1].type == T_WORD && t[b - 1].cap)) {
            b--;
            continue;
        }
        size_t a = b;
        while (a > i && t[a - 1].type == T_WORD && (t[a - 1].cap || (t[a - 1].bits & QW_PARTICLE)))
            a--;
        S_spk cand;
        S_classify(s, t, a, b, &cand);
        if (cand.kind == CONCORD_SPEAKER_PERSON && cand.name && strchr(cand.name, ' ')) {
            *best = cand;
            break;
        }
        free(cand.name);
        b = a;
    }
}

/* A long subject before the verb: "another friend, Mariam Emara told
 * CNN", "Scott Pruitt, the Republican attorney general of Oklahoma, one
 * of the states suing the EPA, said", "the bespectacled, 71-year-old
 * diplomat said": the clause from t[i] to the first speech verb names the
 * speaker (its last full name, else the description).  Returns 1 and
 * fills *sp when found. */
static int S_after_long_subject(const char *s, const S_tok *t, size_t n, size_t i, S_spk *sp,
                                int *relay)
{
    for (size_t k = i + 1; k < n && k < i + 32; k++) {
        if (S_is_sentence_end(&t[k]))
            break;
        if (!S_cue_at(s, t, n, k, QW_VERB) || (t[k - 1].type == T_WORD && (t[k - 1].bits & QW_DET)))
            continue;
        size_t last = k;
        while (last > i && (t[last - 1].type == T_PUNCT ||
                            (t[last - 1].type == T_WORD && (t[last - 1].bits & QW_SKIP) &&
                             !(t[last - 1].bits & QW_PRONOUN))))
            last--;
        if (last <= i)
            break;
        if (!(t[i].cap || (t[i].bits & QW_DET)) || (t[i].bits & QW_PRONOUN))
            break;
        S_spk best;
        S_last_full_name(s, t, i, last, &best);
        if (best.name) {
            *sp = best;
        } else if (t[i].bits & QW_DET) {
            S_classify_desc(s, t, i, last, sp);
        } else {
            break;
        }
        sp->ts = t[i].s;
        sp->te = t[last - 1].e;
        *relay = (t[k].bits & QW_RELAY) != 0;
        return 1;
    }
    return 0;
}

/* Attribution from the clause after the closing mark (tokens t[0..n)):
 * the patterns in turn; the first that matches fills *sp, and *relay when
 * its verb names who relayed the words ("reported"), not who spoke. */
static int S_after(const char *s, const S_tok *t, size_t n, S_spk *sp, int *relay)
{
    *relay = 0;
    size_t i = S_after_start(t, n);
    if (i >= n || t[i].type != T_WORD)
        return 0;
    size_t c;
    if ((c = S_cue_at(s, t, n, i, QW_PREP)) > 0) /* "according to X" */
        return S_prep_source(s, t, n, i, c, sp);
    if ((t[i].bits & QW_VERB) && !t[i].cap) /* "said X" */
        return S_after_verb_first(s, t, n, i, sp, relay);
    return S_after_subject(s, t, n, i, sp, relay) ||
           S_after_modified_subject(s, t, n, i, sp, relay) ||
           S_after_in_sentence(s, t, n, i, sp, relay) ||
           S_after_long_subject(s, t, n, i, sp, relay) ||
           /* "..., according to X" later in the clause */
           S_according(s, t + i, n - i, sp);
}

/* Whether t[p] opens something other than a subject: a topic ("On
 * Social Security, both oppose"), an adverb ("Specifically, he thought"),
 * a preposition ("Like Corker, Menendez") or a function word ("Rather, he
 * said"). */
static int S_opens_no_subject(const char *s, const S_tok *t, size_t n, size_t p)
{
    if (p < n && S_tok_is(s, &t[p], "on") && t[p].cap)
        return 1; /* "On Social Security, both oppose": a topic, not a subject */
    if (p + 1 < n && t[p].type == T_WORD && t[p].cap && t[p].e - t[p].s > 4 &&
        s[t[p].e - 1] == 'y' && s[t[p].e - 2] == 'l' && t[p + 1].type == T_PUNCT &&
        t[p + 1].p == ',')
        return 1; /* "Specifically, he thought": an adverb */
    if (p < n && t[p].type == T_WORD && t[p].cap && (t[p].bits & QW_LEAD))
        return 1; /* "Like Corker, Menendez also rejected": a prepositional phrase */
    if (p + 1 < n && t[p].type == T_WORD && t[p].cap && (t[p].bits & QW_STOP) &&
        !(t[p].bits & (QW_PRONOUN | QW_DET | QW_TITLE)) && t[p + 1].type == T_PUNCT &&
        t[p + 1].p == ',')
        return 1; /* "Rather, he said, ...": a function word, not a name */
    return 0;
}

/* Whether the word at t[p] (past leading words) can start no subject: a
 * cue, participle, noun, "it", number, dateline or adverb. */
static int S_no_subject_word(const char *s, const S_tok *t, size_t n, size_t p)
{
    if (p >= n || t[p].type != T_WORD || (t[p].bits & (QW_CUE | QW_ING | QW_NOUN)))
        return 1;
    if (t[p].bits & QW_IT)
        return 1;
    if (t[p].digit)
        return 1; /* "10,000 times": no subject */
    if (p == 0 && t[p].cap) {
        /* "Washington (AFP) –": a place, an agency in brackets, a dash */
        size_t q = p;
        while (q < n && q < p + 4 && t[q].type == T_WORD && t[q].cap)
            q++;
        if (q + 3 < n && t[q].type == T_PUNCT && t[q].p == '(' && t[q + 1].type == T_WORD &&
            t[q + 1].allcaps && t[q + 2].type == T_PUNCT && t[q + 2].p == ')' &&
            t[q + 3].type == T_PUNCT &&
            (t[q + 3].p == 0x2013 || t[q + 3].p == 0x2014 || t[q + 3].p == '-'))
            return 1;
    }
    if (p == 0 && t[p].allcaps) {
        size_t q = p, l = 0;
        while (q < n && t[q].type == T_WORD && t[q].allcaps)
            l += t[q].e - t[q].s, q++;
        if (l > 3 && q < n && t[q].type == T_PUNCT && t[q].p == ',')
            return 1; /* "PHILADELPHIA, July 25 (UPI) —", "LOS ANGELES, Sept. 28": a dateline */
    }
    if (t[p].cap && p + 1 < n && t[p + 1].type == T_WORD && !t[p + 1].cap) {
        /* "Asked by ...", "Declaring that ...": a participle, not a name */
        size_t l = t[p].e - t[p].s;
        const char *w = s + t[p].s;
        if ((l > 4 && memcmp(w + l - 3, "ing", 3) == 0) ||
            (l > 3 && memcmp(w + l - 2, "ed", 2) == 0) ||
            (l > 4 && memcmp(w + l - 2, "ly", 2) == 0 && !(t[p + 1].bits & QW_CUE)))
            return 1; /* "Shortly after ...": an adverb */
    }
    return 0;
}

/* A described subject at t[p]: "The results also showed the weakness of
 * “establishment”", "the pro-ethanol campaign group America's Renewable
 * Future is “confident”": speaker unknown, the description kept as the
 * text naming it.  Returns 1 and fills *sp when a verb follows it. */
static int S_described_subject(const char *s, const S_tok *t, size_t n, size_t p, S_spk *sp)
{
    size_t d = S_desc_np(s, t, n, p);
    for (size_t d1 = d; d1 > p + 1 && d - d1 <= 2; d1--) {
        /* "The petition accuses the campaign of “...”": the words of a
         * description run on into its verb; the first lowercase word
         * after a shorter description is the verb */
        size_t v = d1;
        if (d1 < d) {
            /* the word taken for the verb looks like one (a past
             * tense: "addressed", "emailed"); the description ends in a
             * content word */
            size_t l = t[d1].e - t[d1].s;
            const char *w = s + t[d1].s;
            if (t[d1].type != T_WORD || t[d1].cap || (t[d1].bits & QW_STOP) || l < 4 ||
                !(w[l - 2] == 'e' && w[l - 1] == 'd') || (t[d1 - 1].bits & QW_STOP) ||
                S_possessive(s, &t[d1 - 1]))
                continue;
        }
        while (v < n && t[v].type == T_WORD && (t[v].bits & QW_SKIP) && !(t[v].bits & QW_PRONOUN))
            v++;
        if (v < n && t[v].type == T_WORD && !t[v].cap && !(t[v].bits & QW_DET) &&
            !S_tok_is(s, &t[v], "of") && !S_tok_is(s, &t[v], "and") && !S_tok_is(s, &t[v], "who")) {
            S_classify_desc(s, t, p, d1, sp);
            sp->te = t[d1 - 1].e;
            return 1;
        }
    }
    return 0;
}

/* The subject of the sentence t[0..n) (from its start to a quote): a
 * pronoun or a noun phrase naming someone, followed by a lowercase word (the
 * verb), a comma (an appositive) or a bracket ("Rep. Gwen Moore (D-Wis.)").
 * A leading adverbial ending in a comma ("Sunday morning, ...", "In an
 * interview, ...") is skipped.  Returns 1 and fills *sp when found. */
static int S_subject_at(const char *s, const S_tok *t, size_t n, size_t p, S_spk *sp)
{
    if (S_opens_no_subject(s, t, n, p))
        return 0;
    while (p < n && t[p].type == T_WORD &&
           (((t[p].bits & QW_SKIP) && !(t[p].bits & QW_PRONOUN)) ||
            ((S_tok_is(s, &t[p], "and") || S_tok_is(s, &t[p], "but") || S_tok_is(s, &t[p], "so") ||
              S_tok_is(s, &t[p], "yet")) &&
             p + 1 < n && t[p + 1].type == T_WORD &&
             ((t[p + 1].bits & QW_PRONOUN) || (p == 0 && t[p].cap && t[p + 1].cap)))))
        p++; /* "But", "Later", "Also"; "And he made a point of saying"; "But Sen. Pat
              * Toomey refused ..., responding that" */
    if (S_no_subject_word(s, t, n, p))
        return 0;
    if (t[p].bits & QW_PRONOUN) {
        if (p + 1 >= n || t[p + 1].type != T_WORD || t[p + 1].cap)
            return 0;
        S_classify(s, t, p, p + 1, sp);
        return sp->pronoun != 0;
    }
    size_t e = S_np_forward(s, t, n, p);
    if ((e == p || !(t[e - 1].cap || (t[e - 1].bits & (QW_TITLE | QW_GROUP | QW_ORG)))) &&
        (t[p].bits & QW_DET) && !(t[p].bits & QW_PRONOUN))
        return S_described_subject(s, t, n, p, sp);
    if (e == p || e >= n)
        return 0;
    const S_tok *h = &t[e - 1];
    if (!(h->cap || (h->bits & (QW_TITLE | QW_GROUP | QW_ORG))) || h->digit)
        return 0;
    const S_tok *x = &t[e];
    if (p == 0 && e == 1 && e + 1 < n && x->type == T_WORD && !x->cap && t[e + 1].type == T_PUNCT &&
        t[e + 1].p == ',')
        return 0; /* "Hours later, ...": an adverbial */
    if (e == p + 1 && e + 2 < n && x->type == T_WORD && !x->cap && S_tok_is(s, &t[e + 1], "ago"))
        return 0; /* "Twenty-two years ago, ...": an adverbial */
    int ok = (x->type == T_WORD && !x->cap && !(x->bits & QW_DET) && !S_tok_is(s, x, "of")) ||
             (x->type == T_PUNCT && (x->p == ',' || x->p == '('));
    if (!ok)
        return 0;
    S_classify(s, t, p, e, sp);
    if (!sp->name && !sp->pronoun && !sp->role) {
        free(sp->name);
        memset(sp, 0, sizeof *sp);
        return 0;
    }
    return 1;
}

/* Does a verb follow the subject sp in t[0..n)?  A lowercase word that is
 * no preposition, conjunction or determiner ("..., and Trump as a
 * candidate": "Trump as" is no clause). */
static int S_verb_follows(const char *s, const S_tok *t, size_t n, const S_spk *sp)
{
    size_t j = 0;
    while (j < n && t[j].s < sp->te)
        j++;
    if (j >= n || t[j].type != T_WORD || t[j].cap || (t[j].bits & (QW_DET | QW_PRONOUN)))
        return 0;
    static const char *const no[] = {"as",   "in",   "on", "at",    "for",    "to",
                                     "with", "from", "by", "into",  "about",  "of",
                                     "over", "and",  "or", "after", "before", "than"};
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
        if (S_tok_is(s, &t[j], no[k]))
            return 0;
    return 1;
}

/* Whether t[0..n) holds a sentence end (not a period inside "(R-Pa.)" or
 * before a comma: "Jr.,"). */
static int S_has_sentence_end(const S_tok *t, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (S_is_sentence_end(&t[k]) &&
            !(t[k].p == '.' && k + 1 < n && t[k + 1].type == T_PUNCT &&
              (t[k + 1].p == ')' || t[k + 1].p == ','))) /* "(R-Pa.)", "Jr.," */
            return 1;
    return 0;
}

/* "He voiced a wish for a “strong Mexico,” and he pronounced him “a
 * friend”": the subject of the quote's own coordinated clause, after the
 * last "and"/"but"/"while"/"whereas" that opens one.  Returns 1 and fills
 * *sp when found. */
static int S_subject_coordinated(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    for (size_t k = n; k-- > 1;) {
        if (!(t[k].type == T_WORD && !t[k].cap &&
              (S_tok_is(s, &t[k], "and") || S_tok_is(s, &t[k], "but") ||
               S_tok_is(s, &t[k], "while") || S_tok_is(s, &t[k], "whereas")) &&
              ((t[k - 1].type == T_PUNCT && (t[k - 1].p == ',' || t[k - 1].p == 0x2014 ||
                                             t[k - 1].p == 0x2013 || t[k - 1].p == '-')) ||
               (k > 1 && t[k - 1].type == T_PUNCT && t[k - 2].type == T_PUNCT &&
                t[k - 2].p == ',' && (t[k - 1].p == 0x201D || t[k - 1].p == '"')) ||
               (k + 1 < n && t[k + 1].type == T_WORD &&
                (t[k + 1].bits & (QW_HE | QW_SHE | QW_THEY))))))
            continue;
        if (k + 2 < n && t[k + 1].type == T_WORD && (t[k + 1].bits & QW_PRONOUN) &&
            S_subject_at(s, t, n, k + 1, sp))
            return 1;
        /* "Santilli started his channel in 2009, and his first videos show
         * a different man than the “ambush journalist” of today": the
         * subject of the coordinated clause that holds the quote */
        if (k + 2 < n && t[k - 1].type == T_PUNCT &&
            (t[k - 1].p == ',' || t[k - 1].p == 0x2014 || t[k - 1].p == '-' ||
             t[k - 1].p == 0x201D || t[k - 1].p == '"') &&
            S_subject_at(s, t, n, k + 1, sp)) {
            if (!sp->pronoun && S_verb_follows(s, t, n, sp))
                return 1;
            free(sp->name);
            memset(sp, 0, sizeof *sp);
        }
        break;
    }
    return 0;
}

/* "While Sullivan proclaims the article a “terrific piece”": the quote
 * in an opening subordinate clause is its subject's, unless a comma
 * closes that clause before the quote (then the main subject is looked
 * for).  Returns 1 and fills *sp when found. */
static int S_subject_opening_clause(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    if (!(t[0].type == T_WORD && t[0].cap &&
          (S_tok_is(s, &t[0], "while") || S_tok_is(s, &t[0], "when") ||
           S_tok_is(s, &t[0], "although") || S_tok_is(s, &t[0], "though") ||
           S_tok_is(s, &t[0], "because") || S_tok_is(s, &t[0], "if"))))
        return 0;
    int closed = 0; /* "When Trump used the words, “...,” he": a comma right
                     * before the quote does not close the clause */
    for (size_t k = 1; k + 1 < n && !closed; k++)
        closed = t[k].type == T_PUNCT && t[k].p == ',';
    return !closed && S_subject_at(s, t, n, 1, sp);
}

/* Whether t[k] may end a leading adverbial or clause: a comma, a dash
 * after a bracket ("(UPI) —"), or a lowercase subordinator or
 * conjunction. */
static int S_clause_break(const char *s, const S_tok *t, size_t k)
{
    return (t[k].type == T_PUNCT && t[k].p == ',') ||
           (t[k].type == T_PUNCT && (t[k].p == 0x2014 || t[k].p == 0x2013) &&
            t[k - 1].type == T_PUNCT && t[k - 1].p == ')') || /* "(UPI) —" */
           (t[k].type == T_WORD && !t[k].cap &&
            (S_tok_is(s, &t[k], "when") || S_tok_is(s, &t[k], "after") ||
             S_tok_is(s, &t[k], "while") || S_tok_is(s, &t[k], "as") ||
             S_tok_is(s, &t[k], "because") || S_tok_is(s, &t[k], "but") ||
             S_tok_is(s, &t[k], "and") || S_tok_is(s, &t[k], "that") ||
             S_tok_is(s, &t[k], "which")));
}

/* Whether the subject *sp found after the break t[k] is no subject of the
 * main clause: an appositive, a name not followed by a verb, a pronoun in
 * a subordinate clause. */
static int S_subject_not_main(const char *s, const S_tok *t, size_t n, size_t k, const S_spk *sp)
{
    if (t[k].type == T_PUNCT && !sp->pronoun && !sp->name && !S_verb_follows(s, t, n, sp) &&
        !(sp->te - sp->ts > 2 && s[sp->te - 2] == 'e' && s[sp->te - 1] == 'd'))
        /* "Trump accused Cruz, the senator from Texas, of being":
         * a description after a comma with no verb is an
         * appositive, not a subject (unless its words ran on into
         * a past tense: "the statement talked about") */
        return 1;
    size_t f = k > 2 && (S_tok_is(s, &t[0], "but") || S_tok_is(s, &t[0], "and")) ? 1 : 0;
    if (t[k].type == T_WORD && !sp->pronoun && S_tok_is(s, &t[k], "that") &&
        !S_tok_is(s, &t[f], "it") && !S_tok_is(s, &t[f], "there"))
        return 1; /* "a federal judge determined that the State Department's
                   * handling created a “reasonable suspicion”": the main
                   * subject reports the clause ("It was clear that Johnson
                   * spoke": no main subject, the clause's stays) */
    if (t[k].type == T_WORD && !sp->pronoun) {
        /* "went after Bush, calling him", "in Iraq and Libya,
         * saying": after a conjunction a name is a subject only
         * when a verb follows it */
        size_t j = k + 1;
        while (j < n && t[j].s < sp->te)
            j++;
        if (j >= n || t[j].type != T_WORD || t[j].cap)
            return 1;
    }
    /* "when he was mayor": not the speaker of the main clause */
    return sp->pronoun && t[k].type == T_WORD && !S_tok_is(s, &t[k], "and") &&
           !S_tok_is(s, &t[k], "but") && !S_tok_is(s, &t[k], "that") &&
           !S_tok_is(s, &t[k], "which");
}

/* A leading adverbial or clause ("Sunday morning, ...", "In New
 * Hampshire, which votes Tuesday, ...", "... when"): the subject after
 * the last comma or subordinator that is followed by one.  Returns 1 and
 * fills *sp when found. */
static int S_subject_after_break(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    for (size_t k = n - 1; k >= 1; k--) {
        /* "..., produce,” Clinton fixates on": past a closing mark */
        size_t q = k + 1;
        while (t[k].type == T_PUNCT && t[k].p == ',' && q < n && t[q].type == T_PUNCT &&
               (t[q].p == 0x201D || t[q].p == '"' || t[q].p == 0x2019))
            q++;
        if (q > k + 1) {
            if (q < n && S_subject_at(s, t, n, q, sp))
                return 1;
            free(sp->name);
            memset(sp, 0, sizeof *sp);
            continue;
        }
        if (S_clause_break(s, t, k) && k + 1 < n && S_subject_at(s, t, n, k + 1, sp)) {
            if (S_subject_not_main(s, t, n, k, sp)) {
                free(sp->name);
                memset(sp, 0, sizeof *sp);
                continue;
            }
            return 1;
        }
    }
    return 0;
}

/* The speaker of a quote from the words before it in its sentence
 * (t[0..n), from the sentence start to the quote): the subject of its own
 * coordinated clause, of the sentence, of an opening subordinate clause,
 * or after a leading adverbial.  Returns 1 and fills *sp when found. */
static int S_subject(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    if (n == 0 || n >= S_MAX_TOKS || S_has_sentence_end(t, n))
        return 0;
    if (S_subject_coordinated(s, t, n, sp))
        return 1;
    if (S_subject_at(s, t, n, 0, sp))
        return 1;
    if (t[0].type == T_WORD && t[0].cap && !(t[0].bits & (QW_STOP | QW_SKIP | QW_LEAD)) &&
        !(t[0].bits & QW_ING) && n > 1 && t[1].type == T_WORD && t[1].cap &&
        !(t[0].allcaps && t[1].allcaps))
        return 0; /* "Ari Fleischer, a former official, ...": a name, not an adverbial */
    return S_subject_opening_clause(s, t, n, sp) || S_subject_after_break(s, t, n, sp);
}

/* A relative clause speaking: "Franklin Graham, who has publicly vowed",
 * "it was Obama who pressed for", "critics who say": the last "who" of
 * t[0..v) and its antecedent before it.  The text naming the speaker runs
 * from the antecedent to "who" (the antecedent alone when it is no name). */
static int S_relative(const char *s, const S_tok *t, size_t v, int cue, S_spk *sp)
{
    size_t w = v;
    if (cue) { /* the verb at v: "who" right before it ("who has publicly vowed") */
        while (w > 0 && t[w - 1].type == T_WORD && (t[w - 1].bits & QW_SKIP) &&
               !(t[w - 1].bits & QW_PRONOUN))
            w--;
        if (w < 2 || !S_tok_is(s, &t[w - 1], "who") || t[w - 1].cap)
            return 0;
        w--;
    } else {
        while (w-- > 1) {
            if (S_is_sentence_end(&t[w]))
                return 0;
            /* "a man who was pumping gas and demanded": the main clause again */
            if (t[w].type == T_WORD && (S_tok_is(s, &t[w], "and") || S_tok_is(s, &t[w], "but")))
                return 0;
            if (S_tok_is(s, &t[w], "who") && !t[w].cap)
                break;
        }
        if (w == 0 || w >= v)
            return 0;
    }
    size_t e = w;
    if (t[e - 1].type == T_PUNCT && t[e - 1].p == ',')
        e--;
    size_t a, b;
    if (e > 0 && S_np_backward(s, t, 0, e, &a, &b) &&
        (b == e || b == S_skip_bracket_back(t, 0, e))) {
        S_classify(s, t, a, b, sp);
    } else if (e > 0 && t[e - 1].type == T_WORD && !(t[e - 1].bits & (QW_STOP | QW_PRONOUN))) {
        memset(sp, 0, sizeof *sp); /* "critics who say": no name */
        sp->ts = t[e - 1].s;
    } else {
        return 0;
    }
    sp->te = t[w].e;
    return 1;
}

/* "As Vulture put it, “...”", "As House Speaker Paul Ryan (R-Wis.) has
 * pointed out, that's the “textbook definition”": a sentence opening with
 * "As" + a name + a verb, then a comma, quotes that name. */
static int S_as_put_it(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    /* "That's because, as he puts it, “...”": the clause right before the
     * quote, after a comma */
    size_t it = n >= 2 ? n - 2 : 0; /* "it", then a short complement without
                                      * punctuation: "as X put it in a lengthy
                                      * expose, “...”" */
    while (it > 2 && n - it <= 7 && t[it].type == T_WORD && !S_tok_is(s, &t[it], "it"))
        it--;
    if (n >= 5 && t[n - 1].type == T_PUNCT && t[n - 1].p == ',' && it >= 3 &&
        S_tok_is(s, &t[it], "it") && t[it - 1].type == T_WORD && !t[it - 1].cap)
        for (size_t a = it - 2; a-- > 0 && it + 2 - a <= 9;) {
            if (!S_tok_is(s, &t[a], "as") || t[a].cap)
                continue;
            if (a > 0 && !(t[a - 1].type == T_PUNCT && t[a - 1].p == ','))
                break;
            size_t e = (t[a + 1].bits & QW_PRONOUN) ? a + 2 : S_np_forward(s, t, n, a + 1);
            while (e < it - 1 && t[e].type == T_WORD && (t[e].bits & QW_SKIP))
                e++;
            if (e != it - 1 || e == a + 1)
                break;
            S_classify(s, t, a + 1, e, sp);
            if (sp->pronoun || sp->kind == CONCORD_SPEAKER_PERSON ||
                sp->kind == CONCORD_SPEAKER_ORG)
                return 1;
            free(sp->name);
            memset(sp, 0, sizeof *sp);
            break;
        }
    if (n < 4 || !S_tok_is(s, &t[0], "as") || !t[0].cap)
        return 0;
    size_t e = S_np_forward(s, t, n, 1);
    if (e <= 1 || e >= n)
        return 0;
    size_t v = e;
    if (t[v].type == T_PUNCT && t[v].p == '(') /* "(R-Wis.)" */
        for (size_t j = v + 1; j < n && j <= v + 10; j++)
            if (t[j].type == T_PUNCT && t[j].p == ')') {
                v = j + 1;
                break;
            }
    while (v < n && t[v].type == T_WORD && (t[v].bits & QW_SKIP))
        v++;
    if (v >= n || t[v].type != T_WORD || t[v].cap)
        return 0;
    int comma = 0;
    for (size_t k = v + 1; k < n && k < v + 8 && !comma; k++)
        comma = t[k].type == T_PUNCT && t[k].p == ',';
    if (!comma)
        return 0;
    S_classify(s, t, 1, e, sp);
    if (sp->kind == CONCORD_SPEAKER_PERSON || sp->kind == CONCORD_SPEAKER_ORG)
        return 1;
    free(sp->name);
    memset(sp, 0, sizeof *sp);
    return 0;
}

/* "Cross said he is left with two options: ... “...”", "Weiner admitted to
 * the newspaper that he and the woman had “been friends”": a he/she at t[a]
 * opening the object clause of a speech verb is the verb's subject, who
 * speaks; when that subject is a name, it names the speaker (a reader reads
 * the pronoun as the name said just before it). */
static int S_outer_speaker(const char *s, const S_tok *t, size_t a, S_spk *sp)
{
    size_t j = a;
    if (j > 0 && S_tok_is(s, &t[j - 1], "that"))
        j--;
    /* a short complement between the verb and the clause: "to the
     * newspaper", "in an interview with Reuters" (no punctuation) */
    for (size_t k = j; k-- > 0 && j - k <= 7;) {
        if (t[k].type != T_WORD)
            return 0;
        if (!S_cue_at(s, t, a, k, QW_VERB) || (t[k].bits & QW_PREP))
            continue;
        if (k + 1 < j && !S_tok_is(s, &t[k + 1], "to") && !S_tok_is(s, &t[k + 1], "in") &&
            !S_tok_is(s, &t[k + 1], "on"))
            return 0; /* "told Reuters he": the object, not a complement */
        size_t x, y;
        if (!S_np_backward(s, t, 0, k, &x, &y))
            return 0;
        S_classify(s, t, x, y, sp);
        if (((sp->kind == CONCORD_SPEAKER_PERSON || sp->kind == CONCORD_SPEAKER_ORG) && sp->name) ||
            (sp->pronoun & (QW_HE | QW_SHE | QW_THEY)))
            return 1; /* "She said she asked the question “...”": the first she */
        free(sp->name);
        memset(sp, 0, sizeof *sp);
        return 0;
    }
    return 0;
}

/* "Trump took to Twitter to urge Americans to check out what he called
 * Machado's “sex tape”", "Clinton's campaign is contrasting her approach
 * with what they call Trump's “self-centered message”": a pronoun speaking
 * in a "what" clause (a free relative: no noun it describes) refers to the subject of the sentence, which
 * names the speaker (a pronoun subject stays a pronoun).  The subject must
 * agree with the pronoun: he/she a person or a pronoun of the same gender,
 * they/it an organisation, a group or the same pronoun. */
static int S_relative_pronoun(const char *s, const S_tok *t, size_t a, S_spk *sp)
{
    size_t r = a - 1;
    if (t[r].cap || !S_tok_is(s, &t[r], "what"))
        return 0; /* "bodies, which he called “...”": PolNeAR and readers keep "he" */
    for (size_t k = 0; k < r; k++)
        if (t[k].type == T_PUNCT && (t[k].p == 0x201C || t[k].p == 0x201D || t[k].p == '"'))
            return 0; /* another quote before: its own speaker may be meant */
    S_spk sub;
    memset(&sub, 0, sizeof sub);
    if (!S_subject_at(s, t, r, 0, &sub))
        return 0;
    uint32_t want = t[a].bits & (QW_HE | QW_SHE | QW_THEY | QW_IT);
    int ok;
    if (want & (QW_HE | QW_SHE))
        ok = sub.pronoun ? (sub.pronoun & want) != 0
                         : sub.kind == CONCORD_SPEAKER_PERSON && sub.name &&
                               (!sub.gender || sub.gender == ((want & QW_HE) ? 1 : 2));
    else
        ok = sub.pronoun ? (sub.pronoun & want) != 0
                         : (sub.kind == CONCORD_SPEAKER_ORG || sub.kind == CONCORD_SPEAKER_GROUP);
    if (!ok) {
        free(sub.name);
        return 0;
    }
    *sp = sub;
    return 1;
}

/* Is the verb at t[k] a passive participle ("are accused", "was quoted
 * as saying", "has been criticized")?  Its subject does not speak. */
static int S_passive(const char *s, const S_tok *t, size_t k)
{
    size_t l = t[k].e - t[k].s;
    if (l < 4 || s[t[k].e - 1] != 'd' || s[t[k].e - 2] != 'e')
        return 0;
    static const char *const be[] = {"is", "was", "are", "were", "been", "being", "be"};
    for (size_t j = k; j > 0 && k - j < 4 && t[j - 1].type == T_WORD; j--) {
        for (size_t x = 0; x < sizeof be / sizeof be[0]; x++)
            if (S_tok_is(s, &t[j - 1], be[x]))
                return 1;
        if (!(t[j - 1].bits & QW_SKIP) || (t[j - 1].bits & QW_PRONOUN))
            break; /* auxiliaries and adverbs only: "are also accused" */
    }
    return 0;
}

/* "Jim Ready, Manager of the city's Regulated Industries said": the words
 * t[a..b) before a speech verb are the tail of a title ("Manager of ...",
 * "head of the Harbour Authority") whose holder, a full name, opens the
 * sentence and is set off by a comma; the holder speaks. */
static int S_titled_name(const char *s, const S_tok *t, size_t a, size_t b, S_spk *sp)
{
    size_t c = SIZE_MAX;
    for (size_t k = a; k-- > 0;) {
        if (t[k].type == T_PUNCT && t[k].p == ',') {
            c = k;
            break;
        }
        if (t[k].type != T_WORD || k + 8 < a)
            return 0;
    }
    if (c == SIZE_MAX || c < 2)
        return 0;
    size_t of = SIZE_MAX; /* the title: "Manager of", "head of", "director at" */
    for (size_t k = c + 1; k < b && k < c + 4; k++)
        if (S_tok_is(s, &t[k], "of") || S_tok_is(s, &t[k], "at") || S_tok_is(s, &t[k], "for"))
            of = k;
    if (of == SIZE_MAX || !(t[c + 1].bits & QW_TITLE))
        return 0;
    size_t e = S_np_forward(s, t, c, 0);
    if (e != c)
        return 0;
    S_spk nm;
    S_classify(s, t, 0, c, &nm);
    if (nm.kind != CONCORD_SPEAKER_PERSON || !nm.name || !strchr(nm.name, ' ')) {
        free(nm.name);
        return 0;
    }
    *sp = nm;
    return 1;
}

/* Where cues may start in t[0..n): a quote closed by ",”" and followed by
 * a capitalised word ends one speaker's clause ("While Sullivan proclaims
 * it a “terrific piece,” Clinton fixates on the “pivot” line": cues
 * before it are another's). */
static size_t S_before_barrier(const S_tok *t, size_t n)
{
    size_t barrier = 0;
    for (size_t j = 0; j + 2 < n; j++)
        if (t[j].type == T_PUNCT && t[j].p == ',' && t[j + 1].type == T_PUNCT &&
            (t[j + 1].p == 0x201D || t[j + 1].p == '"') && t[j + 2].type == T_WORD && t[j + 2].cap)
            barrier = j + 2;
    return barrier;
}

/* An inverted cue t[k] right before the quote: "..., explained Rosenberg,
 * “...”", "Stated Stone: “...”".  Returns 1 and fills *sp with a person or
 * organisation when found. */
static int S_inverted_cue(const char *s, const S_tok *t, size_t n, size_t k, S_spk *sp)
{
    if (!((t[k].bits & QW_VERB) && !(t[k].bits & QW_PREP) &&
          (k == 0 || S_is_sentence_end(&t[k - 1]) ||
           (!t[k].cap && t[k - 1].type == T_PUNCT && (t[k - 1].p == ',' || t[k - 1].p == 0x2014)))))
        return 0;
    size_t e = S_np_forward(s, t, n, k + 1);
    size_t r = e, a0, b0;
    while (r < n && t[r].type == T_PUNCT && (t[r].p == ',' || t[r].p == ':'))
        r++;
    if (e > k + 1 && r == n && t[k + 1].cap &&
        !(k > 0 && S_np_backward(s, t, 0, k, &a0, &b0))) { /* "Dever, who ..., told POLITICO," */
        S_classify(s, t, k + 1, e, sp);
        if (sp->kind == CONCORD_SPEAKER_PERSON || sp->kind == CONCORD_SPEAKER_ORG)
            return 1;
        free(sp->name);
        memset(sp, 0, sizeof *sp);
    }
    return 0;
}

/* Whether t is a modal auxiliary ("would", "will", "could" ...). */
static int S_modal(const char *s, const S_tok *t)
{
    static const char *const modals[] = {"would", "will",   "could", "can",  "may",
                                         "might", "should", "must",  "shall"};
    for (size_t i = 0; i < sizeof modals / sizeof modals[0]; i++)
        if (S_tok_is(s, t, modals[i]))
            return 1;
    return 0;
}

/* Whether the speech verb or participle t[k] introduces no quote here: a
 * noun after a determiner, a passive, a participle after "said". */
static int S_not_speech_verb(const char *s, const S_tok *t, size_t n, size_t k)
{
    if (k > 0 && t[k - 1].type == T_WORD && (t[k - 1].bits & QW_DET) &&
        !(t[k - 1].bits & QW_PRONOUN))
        return 1; /* "the comment", "his statement": a noun */
    if (S_passive(s, t, k))
        return 1; /* "O'Brien and Biancardi are accused of acting “...”" */
    if ((t[k].bits & QW_ING) && !(t[k].bits & QW_VERB) && k >= 2 && t[k - 1].type == T_PUNCT &&
        t[k - 1].p == ',' && S_cue_at(s, t, n, k - 2, QW_VERB))
        return 1; /* "Spicer said, adding, “...”": the subject of "said" */
    if (k > 1 && t[k - 1].type == T_WORD && S_modal(s, &t[k - 1])) {
        /* "She said that her campaign would continue “to break barriers”":
         * a verb after a modal inside what an earlier speech verb reports
         * is no cue; the earlier verb is */
        for (size_t j = k - 1; j-- > 0;)
            if (S_cue_at(s, t, n, j, QW_VERB) && !S_passive(s, t, j))
                return 1;
    }
    return 0;
}

/* The speaker of a participle cue t[k]: its own subject after "with" or
 * "of", else (unless cut) the subject of the sentence.  Returns 1 and
 * fills *sp when found. */
static int S_participle_subject(const char *s, const S_tok *t, size_t k, int cut, S_spk *sp)
{
    if (!((t[k].bits & QW_ING) && !(t[k].bits & QW_VERB)))
        return 0;
    if (k > 1 && t[k - 1].type == T_WORD) {
        /* "with Sen. John McCain calling it a “Chinese menu”": the
         * participle's own subject after "with" */
        size_t a, b;
        if (S_np_backward(s, t, 0, k, &a, &b) && b == k && a > 0 &&
            (S_tok_is(s, &t[a - 1], "with") || S_tok_is(s, &t[a - 1], "of"))) {
            S_classify(s, t, a, b, sp);
            if ((sp->kind == CONCORD_SPEAKER_PERSON || sp->kind == CONCORD_SPEAKER_ORG) && sp->name)
                return 1;
            free(sp->name);
            memset(sp, 0, sizeof *sp);
        }
    }
    /* "Clinton responded on Facebook, writing": the subject, not "Facebook" */
    return !cut && k > 0 && S_subject(s, t, k, sp);
}

/* The subject right before the speech verb t[k]: a noun phrase (or the
 * speaker it stands for), a description, a relative clause, a subject
 * before an appositive.  Returns 1 and fills *sp when found. */
static int S_cue_subject(const char *s, const S_tok *t, size_t k, int cut, S_spk *sp)
{
    size_t a, b;
    if (S_np_backward(s, t, 0, k, &a, &b) && a >= 2 && t[a - 1].type == T_WORD && !t[a - 1].cap &&
        (S_tok_is(s, &t[a - 1], "in") || S_tok_is(s, &t[a - 1], "at") ||
         S_tok_is(s, &t[a - 1], "from"))) {
        /* "A spokesman in Washington said": the name is the object of a
         * preposition; the description before it speaks */
        size_t d;
        if (S_desc_backward(s, t, a - 1, &d)) {
            S_classify_desc(s, t, d, a - 1, sp);
            sp->te = t[b - 1].e;
            return 1;
        }
    }
    if (S_np_backward(s, t, 0, k, &a, &b)) {
        /* "the secretary of State's comment was" style false subjects
         * are rare; a subject directly before the verb is accepted */
        if (b == a + 1 && (t[a].bits & (QW_HE | QW_SHE)) && S_outer_speaker(s, t, a, sp))
            return 1; /* "Cross said he is left with ... “...”": Cross */
        if (b == a + 1 && a > 1 && (t[a].bits & (QW_HE | QW_SHE | QW_THEY | QW_IT)) && !cut &&
            S_relative_pronoun(s, t, a, sp))
            return 1; /* "Trump urged Americans to check out what he called “...”" */
        if (!cut && S_titled_name(s, t, a, b, sp))
            return 1; /* "Jim Ready, Manager of the city's Regulated Industries said" */
        S_classify(s, t, a, b, sp);
        return 1;
    }
    if (S_desc_backward(s, t, k, &a)) { /* "The ad claims", "the protesters chanted" */
        S_classify_desc(s, t, a, k, sp);
        sp->te = t[S_desc_np(s, t, k, a) - 1].e;
        return 1;
    }
    if (S_relative(s, t, k, 1, sp))
        return 1; /* "Franklin Graham, who has vowed" */
    size_t v = k;
    while (v > 0 && t[v - 1].type == T_WORD && (t[v - 1].bits & QW_SKIP) &&
           !(t[v - 1].bits & QW_PRONOUN))
        v--;
    if (!cut && v > 2 && t[v - 1].type == T_PUNCT && t[v - 1].p == ',') {
        /* "The complaint, which was filed in federal court in Washington,
         * alleged": a description before a which-clause set off by commas */
        for (size_t j = v - 1; j-- > 1 && v - j <= 24;) {
            if (t[j].type != T_PUNCT || t[j].p != ',')
                continue;
            if (S_tok_is(s, &t[j + 1], "which") && S_desc_backward(s, t, j, &a)) {
                S_classify_desc(s, t, a, j, sp);
                sp->te = t[S_desc_np(s, t, j, a) - 1].e;
                return 1;
            }
            break;
        }
    }
    /* "Rep. Zoe Lofgren (D-Calif.), who introduced a bill ..., said" */
    return !cut && v > 0 && t[v - 1].type == T_PUNCT && (t[v - 1].p == ',' || t[v - 1].p == ')') &&
           S_subject(s, t, v, sp);
}

/* Attribution from the clause before the opening mark: the nearest cue
 * with a subject wins (participles fall back to earlier cues), else the
 * sentence subject of a participle with none.  cut: t[0] is not the
 * sentence start (a long sentence was cut), so no sentence subjects. */
static int S_before(const char *s, const S_tok *t, size_t n, int cut, S_spk *sp)
{
    size_t barrier = S_before_barrier(t, n);
    for (size_t k = n; k-- > barrier;) {
        if (t[k].type != T_WORD || !(t[k].bits & QW_CUE))
            continue;
        if (S_inverted_cue(s, t, n, k, sp))
            return 1;
        size_t c;
        if ((c = S_cue_at(s, t, n, k, QW_PREP)) > 0) {
            if (S_prep_source(s, t, n, k, c, sp))
                return 1;
            continue;
        }
        if (!S_cue_at(s, t, n, k, QW_VERB | QW_ING) || S_not_speech_verb(s, t, n, k))
            continue;
        if (S_participle_subject(s, t, k, cut, sp) || S_cue_subject(s, t, k, cut, sp))
            return 1;
    }
    /* participle with no subject ("..., saying only that"): the sentence subject */
    for (size_t k = 1; k < n && !cut; k++) {
        if (t[k].type == T_WORD && (t[k].bits & QW_ING)) {
            if (S_subject(s, t, k, sp))
                return 1;
            break;
        }
    }
    return 0;
}

/* --------------------------------------------------------- name inventory */

typedef struct {
    uint32_t pos;
    uint64_t surname; /* folded last word */
    uint64_t first;   /* folded first word */
    char *name;       /* full name (>= 2 words) or NULL for surname-only */
    int subject;      /* run starts a sentence */
    int gender;
    uint64_t titles[4]; /* title words before the name ("Interior Minister Ana Kovac") */
    int n_titles;
    int ctx_done; /* the words before the name were looked at (lazily) */
} S_name;

/* One distinct full name of the article and how often it was seen. */
typedef struct {
    uint64_t surname, hash; /* hash 0: empty slot */
    const char *name;       /* borrowed from S_name.name */
    uint32_t count, first;  /* occurrences; index of the first in S_inv.names */
} S_full;

/* Per surname: the slot in S_inv.fulls of its most frequent full name. */
typedef struct {
    uint64_t surname; /* 0: empty slot */
    uint32_t best;
} S_best;

typedef struct {
    S_name *names;
    size_t n, cap;
    int started;    /* scanning has begun */
    int prev_end;   /* scanner state: the last word ended a sentence */
    size_t scanned; /* names are known for text[0, scanned) */
    /* full names counted as they are found (hash tables, power-of-two
     * sizes, linear probing), so a surname resolves in O(1) */
    S_full *fulls;
    size_t n_fulls, fulls_cap;
    S_best *bests;
    size_t n_bests, bests_cap;
    /* S_inv_role answers (asked once the whole text is scanned) */
    uint64_t role_key[16];
    const char *role_val[16];
    size_t n_roles;
} S_inv;

static uint64_t S_fold_hash(const char *s, size_t a, size_t b)
{
    char f[128];
    size_t fl = concord__quote_fold(s + a, b - a, f, sizeof f);
    while (fl && f[fl - 1] == '.')
        fl--;
    if (fl > 2 && f[fl - 2] == '\'' && f[fl - 1] == 's')
        fl -= 2;
    return concord_hash(f, fl, 0x5a);
}

static uint64_t S_last_word_hash(const char *name)
{
    const char *sp = strrchr(name, ' ');
    const char *w = sp ? sp + 1 : name;
    return S_fold_hash(w, 0, strlen(w));
}

static uint64_t S_first_word_hash(const char *name)
{
    const char *sp = strchr(name, ' ');
    size_t n = sp ? (size_t)(sp - name) : strlen(name);
    return S_fold_hash(name, 0, n);
}

/* Bytes that go on a word for S_skip_word: letters, digits, ' - and every
 * byte of a multi-byte character. */
static const unsigned char S_word_byte[256] = {
#define S_R4(x) x, x, x, x
#define S_R16(x) S_R4(x), S_R4(x), S_R4(x), S_R4(x)
    ['\''] = 1, ['-'] = 1,         ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1,  ['6'] = 1,         ['7'] = 1, ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1,
    ['C'] = 1,  ['D'] = 1,         ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
    ['J'] = 1,  ['K'] = 1,         ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1,  ['R'] = 1,         ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1,
    ['X'] = 1,  ['Y'] = 1,         ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1,  ['f'] = 1,         ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1,
    ['l'] = 1,  ['m'] = 1,         ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1,  ['t'] = 1,         ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1,
    ['z'] = 1,  [0x80] = S_R16(1), S_R16(1),  S_R16(1),  S_R16(1),  S_R16(1),  S_R16(1),
    S_R16(1),   S_R16(1)
#undef S_R16
#undef S_R4
};

static size_t S_skip_word(const char *s, size_t len, size_t i)
{
    while (i < len && S_word_byte[(unsigned char)s[i]])
        i++;
    return i;
}

static void S_inv_note(S_inv *inv, size_t idx);

/* Advances *i past a byte or word that cannot start a name (a sentence
 * end sets *prev_end, a lowercase word clears it); returns 1, leaving *i,
 * when s[*i] starts a capitalised word. */
static int S_inv_seek_cap(const char *s, size_t len, size_t *i, int *prev_end)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        if (c == '.' || c == '!' || c == '?' || c == '\n') {
            *prev_end = 1;
            (*i)++;
            return 0;
        }
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            (*i)++;
            return 0;
        }
        if (!(c >= 'A' && c <= 'Z')) {
            *prev_end = 0;
            size_t j = S_skip_word(s, len, *i + 1);
            /* the lowercase words that follow, one space apart: the same
             * as coming back here for each */
            while (j + 1 < len && s[j] == ' ' && s[j + 1] >= 'a' && s[j + 1] <= 'z')
                j = S_skip_word(s, len, j + 2);
            *i = j;
            return 0;
        }
        return 1;
    }
    size_t nx;
    int32_t cp = S_cp(s, len, *i, &nx);
    if (!S_letter(cp)) {
        *i = nx;
        return 0;
    }
    if (!S_upper(cp)) {
        *prev_end = 0;
        *i = S_skip_word(s, len, nx);
        return 0;
    }
    return 1;
}

/* Notes a one-word surname candidate (folded hash h) at pos. */
static void S_inv_add_word(S_inv *inv, uint32_t pos, uint64_t h, int subject, int prev_end)
{
    CONCORD_GROW(inv->names, inv->cap, inv->n + 1);
    S_name *nm = &inv->names[inv->n++];
    memset(nm, 0, sizeof *nm);
    nm->pos = pos;
    nm->surname = h;
    nm->first = nm->surname;
    nm->subject = subject;
    nm->ctx_done = prev_end;
}

/* One capitalised word s[i..we) with a lowercase word or punctuation
 * after it ("Putin said", "Putin,"): a surname candidate noted without
 * tokenizing at all. */
static void S_inv_lone_word(const char *s, size_t len, size_t i, size_t we, uint32_t wb,
                            int punct_after, int prev_end, S_inv *inv)
{
    if ((wb & (QW_TITLE | QW_ORG | QW_GROUP | QW_STOP | QW_DET)) || we - i < 2)
        return;
    int allcaps = 1;
    for (size_t q = i; q < we && allcaps; q++)
        allcaps = !(s[q] >= 'a' && s[q] <= 'z');
    if (allcaps)
        return;
    size_t a2 = we + 1, e2 = punct_after ? a2 : S_skip_word(s, len, a2);
    uint32_t nb2 = punct_after ? 0 : S_word_bits_in(s + a2, e2 - a2, len - a2);
    if ((nb2 & QW_SKIP) && e2 + 1 < len && s[e2] == ' ') {
        a2 = e2 + 1;
        e2 = S_skip_word(s, len, a2);
        nb2 = S_word_bits_in(s + a2, e2 - a2, len - a2);
    }
    S_inv_add_word(inv, (uint32_t)i, S_fold_hash(s, i, we), prev_end || (nb2 & QW_VERB), prev_end);
}

/* The number of name words in the run at t[0] (at least 1); when the
 * first_max tokens in t[0..*n) may not hold the whole run, more are
 * tokenized up to lim (*n grows). */
static size_t S_inv_run(const char *s, size_t lim, S_tok *t, size_t *n, size_t first_max)
{
    size_t j = 0;
    for (int pass = 0; pass < 2; pass++) {
        j = 0;
        while (j < *n && t[j].type == T_WORD &&
               (((t[j].cap && !(t[j].bits & QW_STOP)) || (t[j].bits & QW_PARTICLE) ||
                 (j == 0 && t[j].cap)) &&
                !(t[j].bits & QW_SKIP)))
            j++;
        /* more tokens matter only when the run may go on past them, or
         * when only skip words follow it (S_inv_subject looks past them
         * for a verb): "Donald Trump said" is decided by its 4 tokens */
        size_t v = j;
        while (v < *n && t[v].type == T_WORD && (t[v].bits & QW_SKIP))
            v++;
        if (pass == 0 && *n == first_max && j + 2 >= *n && !(first_max == 2 && j == 1) && v >= *n)
            *n += S_tokens(s, t[*n - 1].e, lim, t + *n, 12 - *n); /* tokenizing is stateless */
        else
            break;
    }
    return j ? j : 1;
}

/* Whether the name t[0..j) is a sentence's subject: it starts one, or a
 * lowercase speech verb follows it (past skip words). */
static int S_inv_subject(const S_tok *t, size_t n, size_t j, int prev_end)
{
    size_t v = j;
    while (v < n && t[v].type == T_WORD && (t[v].bits & QW_SKIP))
        v++;
    return prev_end || (v < n && t[v].type == T_WORD && (t[v].bits & QW_VERB) && !t[v].cap);
}

/* A run of capitalised words t[0..j) that classifies as a person: its
 * surname, first name, titles and, for a full name, the name itself. */
static void S_inv_add_run(const char *s, const S_tok *t, size_t n, size_t j, int prev_end,
                          S_inv *inv)
{
    S_spk sp;
    S_classify(s, t, 0, j, &sp);
    if (sp.kind == CONCORD_SPEAKER_PERSON && sp.name) {
        CONCORD_GROW(inv->names, inv->cap, inv->n + 1);
        S_name *nm = &inv->names[inv->n++];
        nm->pos = t[0].s;
        nm->surname = S_last_word_hash(sp.name);
        nm->first = S_first_word_hash(sp.name);
        nm->n_titles = 0;
        for (size_t q = 0; q < j && nm->n_titles < 4; q++) {
            uint64_t sfx;
            if ((t[q].bits & QW_TITLE) && !(t[q].bits & QW_STOP))
                nm->titles[nm->n_titles++] = S_tok_hash(s, &t[q]);
            else if (q + 1 < j && (sfx = S_suffix_title(s, &t[q])) != 0)
                nm->titles[nm->n_titles++] = sfx;
        }
        nm->subject = S_inv_subject(t, n, j, prev_end);
        nm->ctx_done = prev_end;
        nm->gender = sp.gender;
        if (strchr(sp.name, ' ')) {
            nm->name = sp.name;
            sp.name = NULL;
            S_inv_note(inv, inv->n - 1);
        } else {
            nm->name = NULL;
        }
    }
    free(sp.name);
}

/* Person names of the article, found by a byte scan that tokenizes only
 * around capitalised words (most words are skipped without folding). */
static void S_inv_build(const char *s, size_t len, size_t upto, S_inv *inv)
{
    if (!inv->started) {
        inv->started = 1;
        inv->prev_end = 1;
    }
    if (upto > len)
        upto = len;
    S_tok t[12];
    size_t i = inv->scanned;
    int prev_end = inv->prev_end; /* the last word ended a sentence */
    while (i < upto) {
        if (!S_inv_seek_cap(s, len, &i, &prev_end))
            continue;
        /* capitalised function words ("The", "But", "He") start no name */
        size_t we = S_skip_word(s, len, i + 1);
        while (we > i && (s[we - 1] == '\'' || s[we - 1] == '-'))
            we--;
        uint32_t wb = S_word_bits_in(s + i, we - i, len - i);
        if ((wb & (QW_STOP | QW_SKIP | QW_PRONOUN)) && !(wb & (QW_TITLE | QW_PARTICLE | QW_DET))) {
            prev_end = 0;
            i = we > i ? we : i + 1;
            continue;
        }
        /* most runs are one or two words: tokenize a few, more when needed */
        size_t lim = i + 200 < len ? i + 200 : len;
        /* a lowercase word next ends the run: two tokens tell all */
        size_t first_max = 4;
        if (we + 1 < len && s[we] == ' ' && s[we + 1] >= 'a' && s[we + 1] <= 'z' &&
            !(we + 3 < len && s[we + 2] != ' ' && s[we + 3] == ' ')) /* "de", "al" particles */
            first_max = 2;
        /* one word and punctuation after it ("Putin," "Putin."): the same */
        int punct_after =
            we < len && (s[we] == ',' || s[we] == ';' || s[we] == ':' || s[we] == ')' ||
                         (s[we] == '.' && we - i >= 3 &&
                          (we + 1 >= len || s[we + 1] == ' ' || s[we + 1] == '\n')));
        if (first_max == 2 || punct_after) {
            S_inv_lone_word(s, len, i, we, wb, punct_after, prev_end, inv);
            prev_end = 0;
            i = we > i ? we : i + 1;
            continue;
        }
        size_t n = S_tokens(s, i, lim, t, first_max);
        if (n == 0 || t[0].type != T_WORD) {
            i++;
            continue;
        }
        size_t j = S_inv_run(s, lim, t, &n, first_max);
        if (j == 1) {
            /* one capitalised word ("Putin"): a surname candidate, no allocation */
            const S_tok *w = &t[0];
            if (!(w->bits & (QW_TITLE | QW_ORG | QW_GROUP | QW_STOP | QW_DET)) && !w->allcaps &&
                !w->digit)
                S_inv_add_word(inv, w->s, S_fold_hash(s, w->s, w->e),
                               S_inv_subject(t, n, 1, prev_end), prev_end);
            prev_end = 0;
            i = w->e > i ? w->e : i + 1;
            continue;
        }
        S_inv_add_run(s, t, n, j, prev_end, inv);
        prev_end = 0;
        i = t[j - 1].e > i ? t[j - 1].e : i + 1;
    }
    inv->scanned = i > inv->scanned ? i : inv->scanned;
    inv->prev_end = prev_end;
}

static void S_inv_free(S_inv *inv)
{
    for (size_t i = 0; i < inv->n; i++)
        free(inv->names[i].name);
    free(inv->names);
    free(inv->fulls);
    free(inv->bests);
}

static S_best *S_inv_best_slot(S_best *t, size_t cap, uint64_t surname)
{
    size_t h = (size_t)(surname * 0x9E3779B97F4A7C15ull) & (cap - 1);
    while (t[h].surname && t[h].surname != surname)
        h = (h + 1) & (cap - 1);
    return &t[h];
}

/* Offers full name t[i] as the best of its surname: the most frequent,
 * then the first seen (inv->bests kept at most half full). */
static void S_inv_bests_offer(S_inv *inv, const S_full *t, size_t i)
{
    if ((inv->n_bests + 1) * 2 > inv->bests_cap) {
        size_t bc = inv->bests_cap ? inv->bests_cap * 2 : 64;
        S_best *bt = concord_xcalloc(bc, sizeof *bt);
        for (size_t k = 0; k < inv->bests_cap; k++)
            if (inv->bests[k].surname)
                *S_inv_best_slot(bt, bc, inv->bests[k].surname) = inv->bests[k];
        free(inv->bests);
        inv->bests = bt;
        inv->bests_cap = bc;
    }
    S_best *b = S_inv_best_slot(inv->bests, inv->bests_cap, t[i].surname | 1);
    if (!b->surname) {
        b->surname = t[i].surname | 1;
        b->best = (uint32_t)i;
        inv->n_bests++;
    } else {
        const S_full *o = &t[b->best];
        if (t[i].count > o->count || (t[i].count == o->count && t[i].first < o->first))
            b->best = (uint32_t)i;
    }
}

static size_t S_inv_full_slot(const S_full *t, size_t cap, uint64_t surname, uint64_t hash,
                              const char *name)
{
    size_t h = (size_t)((hash ^ surname) * 0x9E3779B97F4A7C15ull) & (cap - 1);
    while (t[h].hash &&
           !(t[h].hash == hash && t[h].surname == surname && strcmp(t[h].name, name) == 0))
        h = (h + 1) & (cap - 1);
    return h;
}

/* Counts the full name of names[idx] (just appended; names come in text
 * order) and keeps its surname's most frequent full name, earliest first on
 * ties: the answer of S_inv_full, kept up to date in O(1). */
static void S_inv_note(S_inv *inv, size_t idx)
{
    const S_name *nm = &inv->names[idx];
    uint64_t hash = concord_hash(nm->name, strlen(nm->name), 0x31) | 1;
    if ((inv->n_fulls + 1) * 2 > inv->fulls_cap) {
        size_t nc = inv->fulls_cap ? inv->fulls_cap * 2 : 64;
        S_full *t = concord_xcalloc(nc, sizeof *t);
        for (size_t i = 0; i < inv->fulls_cap; i++)
            if (inv->fulls[i].hash) {
                size_t h = S_inv_full_slot(t, nc, inv->fulls[i].surname, inv->fulls[i].hash,
                                           inv->fulls[i].name);
                t[h] = inv->fulls[i];
            }
        free(inv->fulls);
        inv->fulls = t;
        inv->fulls_cap = nc;
        /* slots moved: re-point every surname's best */
        for (size_t i = 0; i < inv->bests_cap; i++)
            inv->bests[i].surname = 0;
        inv->n_bests = 0;
        for (size_t i = 0; i < nc; i++) {
            if (!t[i].hash)
                continue;
            S_inv_bests_offer(inv, t, i);
        }
    }
    size_t h = S_inv_full_slot(inv->fulls, inv->fulls_cap, nm->surname, hash, nm->name);
    S_full *f = &inv->fulls[h];
    if (!f->hash) {
        f->hash = hash;
        f->surname = nm->surname;
        f->name = nm->name;
        f->count = 0;
        f->first = (uint32_t)idx;
        inv->n_fulls++;
    }
    f->count++;
    S_inv_bests_offer(inv, inv->fulls, h);
}

/* The words just before a name, looked at only when the name is a
 * candidate: lowercase titles ("fire chief Ivo Brandt") and whether only
 * titles stand between the sentence start and the name ("Opposition leader
 * Irena Sorel, ..."), which makes it a sentence subject. */
static void S_name_ctx(const char *s, S_name *nm)
{
    if (nm->ctx_done)
        return;
    nm->ctx_done = 1;
    S_tok back[40];
    size_t a = nm->pos > 36 ? nm->pos - 36 : 0;
    size_t nb = S_tokens(s, a, nm->pos, back, 40); /* 36 bytes: fewer than 40 tokens */
    size_t q = nb;
    while (q > 0 && back[q - 1].type == T_WORD &&
           ((back[q - 1].bits & QW_TITLE) || (back[q - 1].cap && !back[q - 1].digit)) && nb - q < 5)
        q--;
    if (q < nb && ((q == 0 && a == 0) || (q > 0 && S_is_sentence_end(&back[q - 1]))))
        nm->subject = 1;
    /* "La ministra del Interior, Ana Kovac": titles, particles, a comma */
    for (size_t k = nb; k > 0 && k + 6 > nb && nm->n_titles < 4; k--) {
        const S_tok *b = &back[k - 1];
        if (b->type == T_WORD && (b->bits & QW_TITLE) && !(b->bits & QW_STOP))
            nm->titles[nm->n_titles++] = S_tok_hash(s, b);
        else if (!((b->type == T_PUNCT && b->p == ',') ||
                   (b->type == T_WORD && (b->bits & (QW_PARTICLE | QW_DET | QW_STOP)))))
            break;
    }
}

/* Full name for a surname-only person, seen in the article: the most
 * frequent full name with that surname. */
static const char *S_inv_full(const S_inv *inv, uint64_t surname)
{
    if (!inv->bests_cap)
        return NULL;
    size_t h = (size_t)((surname | 1) * 0x9E3779B97F4A7C15ull) & (inv->bests_cap - 1);
    while (inv->bests[h].surname && inv->bests[h].surname != (surname | 1))
        h = (h + 1) & (inv->bests_cap - 1);
    if (!inv->bests[h].surname)
        return NULL;
    return inv->fulls[inv->bests[h].best].name;
}

/* ---------------------------------------------------------- mention text */

static char *S_mention_text(const char *s, const S_scan *sc, uint32_t a, uint32_t b, uint32_t c,
                            uint32_t d)
{
    /* the text only shrinks: one allocation, bytes written directly */
    size_t cap = (b > a ? b - a : 0) + (d > c ? d - c : 0) + 2;
    char *out = concord_xmalloc(cap);
    size_t o = 0;
    for (int part = 0; part < 2; part++) {
        uint32_t x = part ? c : a, y = part ? d : b;
        if (x >= y)
            continue;
        int space = o > 0;
        size_t i = x;
        /* continuation marks (sc->conts: ascending positions, as the scan
         * found them): the first one at or after x, then walked along */
        size_t lo = 0, hi = sc->n_conts / 2;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (sc->conts[2 * mid] < x)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t kc = 2 * lo;
        while (i < y) {
            /* skip continuation marks */
            while (kc < sc->n_conts && sc->conts[kc] < i)
                kc += 2;
            if (kc < sc->n_conts && sc->conts[kc] == i) {
                i += sc->conts[kc + 1];
                space = o > 0;
                continue;
            }
            unsigned char ch = (unsigned char)s[i];
            if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
                space = o > 0;
                i++;
                continue;
            }
            if (space) {
                out[o++] = ' ';
                space = 0;
            }
            out[o++] = (char)ch;
            i++;
        }
    }
    out[o] = '\0';
    return out;
}

static size_t S_count_words(const char *s, size_t n, int *has_letter)
{
    size_t w = 0, i = 0;
    int in = 0;
    *has_letter = 0;
    while (i < n) {
        size_t nx;
        int32_t cp = S_cp(s, n, i, &nx);
        int wc = S_wordch(cp) || cp == '\'' || cp == 0x2019;
        if (S_letter(cp))
            *has_letter = 1;
        if (wc && !in)
            w++;
        in = wc;
        i = nx;
    }
    return w;
}

/* ------------------------------------------------------------- driver */

static int S_has_newline(const char *s, size_t a, size_t b)
{
    return b > a && memchr(s + a, '\n', b - a) != NULL;
}

/* Last non-space byte position before p (>= lo), or SIZE_MAX. */
static size_t S_last_nonspace(const char *s, size_t lo, size_t p)
{
    while (p > lo) {
        p--;
        unsigned char c = (unsigned char)s[p];
        if (c == 0xA0 && p > lo && (unsigned char)s[p - 1] == 0xC2) {
            p--; /* a no-break space */
            continue;
        }
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return p;
    }
    return SIZE_MAX;
}

/* 1 when the period at s[i] ends an abbreviation or initial ("Mr.", "V.", "U.S."). */
static int S_abbrev_period(const char *s, size_t lo, size_t i, size_t len)
{
    size_t w = i;
    while (w > lo && ((s[w - 1] >= 'A' && s[w - 1] <= 'Z') ||
                      (s[w - 1] >= 'a' && s[w - 1] <= 'z') || s[w - 1] == '.'))
        w--;
    size_t wl = i - w;
    if (wl >= 3 && wl <= 4 && s[w] >= 'A' && s[w] <= 'Z' && i + 2 < len && s[i + 1] == ' ' &&
        s[i + 2] >= '0' && s[i + 2] <= '9' && (S_word_bits(s + w, wl) & QW_MONTH))
        return 1; /* "Feb. 8" */
    if (wl == 1 && s[w] >= 'A' && s[w] <= 'Z')
        return 1;
    if (wl > 0 && wl <= 4) {
        char f[8];
        size_t fl = concord__quote_fold(s + w, wl, f, sizeof f);
        uint32_t bits = concord__quote_word(f, fl);
        return (bits & QW_TITLE) != 0 || memchr(s + w, '.', wl) != NULL;
    }
    return 0;
}

/* Start of the sentence containing p (scanning back at most 600 bytes). */
static size_t S_sentence_start(const char *s, size_t p)
{
    size_t lo = p > 600 ? p - 600 : 0;
    size_t i = p;
    while (i > lo) {
        char c = s[i - 1];
        if (c == '\n')
            return i;
        if ((c == '.' || c == '!' || c == '?') && i < p && (s[i] == ' ' || s[i] == '\n')) {
            if (c != '.' || !S_abbrev_period(s, lo, i - 1, p))
                return i;
        }
        /* a sentence ending in a quotation: '..."updated." He voiced' */
        if (i < p && (s[i] == ' ' || s[i] == '\n')) {
            size_t q = 0;
            if (c == '"' || c == '\'')
                q = 1;
            else if ((unsigned char)c == 0x9D && i >= 3 && (unsigned char)s[i - 2] == 0x80 &&
                     (unsigned char)s[i - 3] == 0xE2)
                q = 3; /* ” */
            if (q && i > lo + q &&
                (s[i - q - 1] == '.' || s[i - q - 1] == '!' || s[i - q - 1] == '?'))
                return i;
        }
        i--;
    }
    return lo;
}

/* End of the clause after p: sentence end, newline, or limit. */
static size_t S_clause_end(const char *s, size_t len, size_t p, size_t limit)
{
    size_t hi = p + 300 < len ? p + 300 : len;
    if (limit < hi)
        hi = limit;
    for (size_t i = p; i < hi; i++) {
        char c = s[i];
        if (c == '\n')
            return i;
        if ((c == '.' || c == '!' || c == '?') &&
            (i + 1 >= len || s[i + 1] == ' ' || s[i + 1] == '\n') &&
            (c != '.' || !S_abbrev_period(s, p, i, len)))
            return i + 1;
    }
    return hi;
}

typedef struct {
    concord_quote_mention m;
    S_spk spk;
    int found;
} S_cand;

static void S_attribute_before(const char *s, size_t len, S_cand *c, S_tok *t);

static int S_ends_open(const char *s, uint32_t cstart, uint32_t cend, uint32_t close, size_t len)
{
    /* the quoted words end with a comma/dash or run on: attribution follows */
    size_t p = S_last_nonspace(s, cstart, cend);
    if (p == SIZE_MAX)
        return 0;
    char c = s[p];
    if (c == ',' || c == '-' || c == ';' || c == ':')
        return 1;
    if ((unsigned char)c == 0x94 && p >= 2 && (unsigned char)s[p - 2] == 0xE2) /* em/en dash */
        return 1;
    if (close < len && (s[close] == ',' || s[close] == ':' || s[close] == ';'))
        return 1;
    return 0;
}

static int S_terminal(const char *s, uint32_t cstart, uint32_t cend)
{
    size_t p = S_last_nonspace(s, cstart, cend);
    return p != SIZE_MAX && (s[p] == '.' || s[p] == '!' || s[p] == '?');
}

/* "Feinstein said “I don't know anything about it,” she said": a quote
 * attributed twice, by a name with a speech verb right before it and by a
 * pronoun after it; the name is the text that names the speaker. */
static void S_double_cue(const char *s, S_cand *c, S_tok *t)
{
    size_t ss = S_sentence_start(s, c->m.open);
    size_t n = S_tokens(s, ss, c->m.open, t, S_MAX_TOKS);
    size_t v = n, a, b;
    while (v > 0 && t[v - 1].type == T_PUNCT && (t[v - 1].p == ',' || t[v - 1].p == ':'))
        v--;
    if (n == S_MAX_TOKS || v < 2)
        return;
    if (!S_cue_at(s, t, n, v - 1, QW_VERB) || !S_np_backward(s, t, 0, v - 1, &a, &b) ||
        b != v - 1 || (t[a].bits & QW_PRONOUN))
        return;
    S_spk sp;
    S_classify(s, t, a, b, &sp);
    if (sp.kind == CONCORD_SPEAKER_PERSON && sp.name) {
        free(c->spk.name);
        c->spk = sp;
        c->m.speaker_from = 2;
    } else {
        free(sp.name);
    }
}

static void S_attribute(const char *s, size_t len, S_cand *c, size_t next_open, uint32_t gap_a,
                        uint32_t gap_b)
{
    S_tok t[S_MAX_TOKS];
    concord_quote_mention *m = &c->m;
    /* 1. the attribution inside an interrupted quote, or after the close */
    int relay = 0;
    if (gap_b > gap_a) {
        size_t n = S_tokens(s, gap_a, gap_b, t, S_MAX_TOKS);
        if (S_after(s, t, n, &c->spk, &relay)) {
            m->speaker_from = 1;
            c->found = 1;
            return;
        }
    }
    if (m->close < len) {
        size_t e = S_clause_end(s, len, m->close, next_open);
        size_t n = S_tokens(s, m->close, e, t, S_MAX_TOKS);
        int ok = 1;
        if (S_terminal(s, m->part2 ? m->part2 : m->start, m->end)) {
            /* after a full stop only "he said." style clauses */
            size_t i = 0;
            while (i < n && t[i].type == T_PUNCT)
                i++;
            ok = i < n && t[i].type == T_WORD && s[S_last_nonspace(s, m->start, m->end)] != '.';
            if (!ok && i < n && t[i].type == T_WORD && t[i].cap) {
                /* "“... missing.” Trump said.": a name and a speech verb
                 * closing the sentence (a full stop typed for a comma) */
                size_t ne = S_np_forward(s, t, n, i);
                ok = ne > i && ne + 1 < n && S_cue_at(s, t, n, ne, QW_VERB) &&
                     S_is_sentence_end(&t[ne + 1]);
            }
        }
        if (ok && n && S_after(s, t, n, &c->spk, &relay)) {
            m->speaker_from = 1;
            c->found = 1;
            if (c->spk.kind == CONCORD_SPEAKER_ORG && c->spk.te > c->spk.ts) {
                /* "..., the Times added": an outlet relays */
                size_t hs = c->spk.te;
                while (hs > c->spk.ts && s[hs - 1] != ' ')
                    hs--;
                char f[32];
                size_t fl = concord__quote_fold(s + hs, c->spk.te - hs, f, sizeof f);
                if (concord__quote_word(f, fl) & QW_NEWS)
                    relay = 1;
            }
            if (!relay && (c->spk.pronoun & (QW_HE | QW_SHE)))
                S_double_cue(s, c, t); /* "Feinstein said “...,” she said" */
            if (!relay)
                return;
            /* "..., Reuters reported": the clause before may name the speaker */
            S_spk keep = c->spk;
            memset(&c->spk, 0, sizeof c->spk);
            c->found = 0;
            S_attribute_before(s, len, c, t);
            if (c->found) {
                free(keep.name);
            } else {
                c->spk = keep;
                c->found = 1;
                m->speaker_from = 1;
            }
            return;
        }
        S_spk none;
        memset(&none, 0, sizeof none);
        free(c->spk.name);
        c->spk = none;
    }
    S_attribute_before(s, len, c, t);
}

/* "She shared her thoughts: “...”": a colon introduction without a speech
 * verb takes the sentence subject when it is a pronoun or a name. */
static int S_colon_subject(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    /* "... doesn't surprise Republican pollster Daron Shaw: “...”", "Former
     * secretary of state Hillary Rodham Clinton: “...”": a full name or an
     * organisation right before the colon introduces the quote */
    size_t c = n;
    while (c > 0 && t[c - 1].type == T_PUNCT && t[c - 1].p != ')')
        c--;
    size_t a, b;
    if (c > 0 && c < n && S_np_backward(s, t, 0, c, &a, &b) && b == c) {
        S_classify(s, t, a, b, sp);
        if ((sp->kind == CONCORD_SPEAKER_PERSON && sp->name && strchr(sp->name, ' ')) ||
            sp->kind == CONCORD_SPEAKER_ORG)
            return 1;
        free(sp->name);
        memset(sp, 0, sizeof *sp);
    }
    size_t e = S_np_forward(s, t, n, 0);
    if (e == 0 || e >= n || t[e].type != T_WORD || t[e].cap)
        return 0;
    if (!((t[0].bits & QW_PRONOUN) || t[e - 1].cap))
        return 0;
    S_classify(s, t, 0, e, sp);
    return sp->pronoun || sp->name;
}

/* "Pollsters agree - Carl Bialik: “...”", "Media shares blame in Iowa
 * poll overhype - HuffPollster: “...”": a full name right before the
 * colon, or a name set off by a dash, introduces the quote, whatever cue
 * came before it. */
static int S_colon_name(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    size_t c = n;
    while (c > 0 && t[c - 1].type == T_PUNCT && t[c - 1].p == ':')
        c--;
    if (c == n || c == 0 || t[c - 1].type != T_WORD || !t[c - 1].cap)
        return 0;
    size_t a, b;
    if (!S_np_backward(s, t, 0, c, &a, &b) || b != c)
        return 0;
    int dash = a > 0 && t[a - 1].type == T_PUNCT &&
               (t[a - 1].p == '-' || t[a - 1].p == 0x2013 || t[a - 1].p == 0x2014);
    /* "Bane: “You never saw Eric shoot the gun?”": a transcript's speaker
     * opening the paragraph */
    int para = b == a + 1 && ((a > 0 && t[a - 1].type == T_PUNCT && t[a - 1].p == '\n') ||
                              (a == 0 && (t[0].s == 0 || s[t[0].s - 1] == '\n')));
    int titled = 0; /* "Chief Belmar: “...”" */
    for (size_t k = a; k + 1 < b; k++)
        titled |= (t[k].bits & QW_TITLE) && t[k].cap;
    S_classify(s, t, a, b, sp);
    if ((sp->kind == CONCORD_SPEAKER_PERSON && sp->name &&
         (strchr(sp->name, ' ') || dash || titled || para)) ||
        (sp->kind == CONCORD_SPEAKER_ORG && dash))
        return 1;
    free(sp->name);
    memset(sp, 0, sizeof *sp);
    return 0;
}

/* "her remark that “...”", "Clinton's broadside against “...”", "his
 * promise to be “...”": a possessor (his / her / their or a name's) and a
 * noun of saying a few words before the quote, in the sentence that holds
 * it, name who said it.  The possessive is the text naming the speaker. */
static int S_possessor_at(const char *s, const S_tok *t, size_t i, S_spk *sp);

/* Whether the word right after a closing mark at close is a lowercase noun
 * of saying ("“if you like your plan” promise"). */
static int S_claim_after(const char *s, size_t len, size_t close)
{
    size_t a = close;
    while (a < len && s[a] == ' ')
        a++;
    if (a >= len || !(s[a] >= 'a' && s[a] <= 'z'))
        return 0;
    size_t e = S_skip_word(s, len, a);
    return (S_word_bits(s + a, e - a) & QW_CLAIM) != 0;
}

static int S_possessor(const char *s, const S_tok *t, size_t n, S_spk *sp)
{
    size_t c = n;
    for (size_t k = n; k-- > 0 && n - k <= 7;) {
        if (t[k].type != T_WORD)
            return 0;
        if ((t[k].bits & QW_CLAIM) && !t[k].cap) {
            c = k;
            break;
        }
    }
    if (c == n || c == 0)
        return 0;
    size_t i = c - 1; /* up to two adjectives: "his confusing argument" */
    while (i > 0 && c - i <= 2 && t[i].type == T_WORD && !t[i].cap &&
           !(t[i].bits & (QW_STOP | QW_DET)))
        i--;
    if (t[i].type != T_WORD)
        return 0;
    return S_possessor_at(s, t, i, sp);
}

/* The possessor t[i] of a noun of saying: his/her/their (not after a
 * verb) or a person's name with 's.  Returns 1 and fills *sp. */
static int S_possessor_at(const char *s, const S_tok *t, size_t i, S_spk *sp)
{
    memset(sp, 0, sizeof *sp);
    if (!t[i].cap || i == 0 || t[i].bits & QW_DET) {
        int pr = S_tok_is(s, &t[i], "his")     ? QW_HE
                 : S_tok_is(s, &t[i], "her")   ? QW_SHE
                 : S_tok_is(s, &t[i], "their") ? QW_THEY
                                               : 0;
        if (pr && i > 0 && t[i - 1].type == T_WORD && !t[i - 1].cap && !(t[i - 1].bits & QW_STOP))
            return 0; /* "Trump later defended his comments as “...”": the subject's */
        if (pr) {
            sp->pronoun = pr;
            sp->ts = t[i].s;
            sp->te = t[i].e;
            return 1;
        }
    }
    int pl = S_possessive(s, &t[i]);
    if (!pl || !t[i].cap)
        return 0;
    size_t a = i;
    while (a > 0 && i - a < 4 && t[a - 1].type == T_WORD && t[a - 1].cap)
        a--;
    if (a < i && (t[a].bits & QW_STOP) && !(t[a].bits & QW_TITLE))
        a++;
    S_tok tmp[5];
    size_t k = i + 1 - a;
    memcpy(tmp, t + a, k * sizeof *tmp);
    tmp[k - 1].e -= (uint32_t)pl;
    S_classify(s, tmp, 0, k, sp);
    sp->ts = t[a].s;
    sp->te = t[i].e;
    if (!sp->name || sp->kind != CONCORD_SPEAKER_PERSON) {
        free(sp->name);
        memset(sp, 0, sizeof *sp);
        return 0;
    }
    return 1;
}

/* A quote that opens its paragraph after one ending in a colon ("In
 * response, Republican presidential nominee Donald Trump issued the
 * following statement:"): the speaker from that sentence (ps: its start
 * before the colon at p). */
static void S_colon_paragraph(const char *s, size_t p, S_cand *c, S_tok *t)
{
    size_t ps = S_sentence_start(s, p);
    size_t n = S_tokens(s, ps, p, t, S_MAX_TOKS);
    if (S_before(s, t, n, 0, &c->spk) || S_colon_subject(s, t, n, &c->spk) ||
        S_subject(s, t, n, &c->spk)) {
        c->m.speaker_from = 3;
        c->found = 1;
    }
}

/* Tokens of the sentence s[ss..open) before a quote into t; the speech
 * verb stands within a few dozen words of the quote, so a long sentence
 * is read from 320 bytes before it, or 200 when that still fills t (a
 * word start; *cut says so). */
static size_t S_clause_tokens(const char *s, size_t ss, size_t open, S_tok *t, int *cut)
{
    size_t a = ss;
    *cut = 0;
    if (open - ss > 320) {
        a = open - 320;
        while (a < open && s[a] != ' ')
            a++;
        *cut = 1;
    }
    size_t n = S_tokens(s, a, open, t, S_MAX_TOKS);
    if (n == S_MAX_TOKS) { /* keep the tokens nearest the quote */
        a = open > 200 ? open - 200 : 0;
        while (a < open && s[a] != ' ')
            a++;
        n = S_tokens(s, a, open, t, S_MAX_TOKS);
        *cut = 1;
    }
    return n;
}

/* "“... He's a hater,” Trump said ..., adding that the judge was
 * “Mexican.”": a sentence that opens inside an earlier quote is read
 * from that quote's closing mark (the quoted words are no subject).
 * Returns the token after that mark, 0 when there is none. */
static size_t S_after_earlier_quote(const S_tok *t, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        if (t[j].type != T_PUNCT)
            continue;
        if (j > 0 && (t[j].p == 0x201D || t[j].p == '"') && t[j - 1].type == T_PUNCT &&
            t[j].s == t[j - 1].e &&
            (t[j - 1].p == ',' || t[j - 1].p == '.' || t[j - 1].p == '?' || t[j - 1].p == '!'))
            return j + 1;
        if (t[j].p == 0x201C ||
            (t[j].p == '"' && (j == 0 || t[j - 1].type == T_WORD || t[j].s > t[j - 1].e))) {
            if (j == 0)
                continue; /* "“...,” said Skelly, explaining ...: “...”" */
            break;        /* an opening mark first: the sentence starts outside */
        }
    }
    return 0;
}

/* "Section 1001 can be applied “when ...,” according to the news
 * outlet": when the sentence subject speaks through another verb, a
 * source credited after the quote (in its clause) replaces it. */
static void S_credited_source(const char *s, size_t len, S_cand *c, S_tok *t0)
{
    concord_quote_mention *m = &c->m;
    size_t e = S_clause_end(s, len, m->close, len);
    if (S_terminal(s, m->part2 ? m->part2 : m->start, m->end))
        e = m->close; /* "... is “Football Life.” Christie has ..., according to": another sentence */
    size_t na = 0;
    for (size_t x = m->close; x + 9 < e && !na; x++)
        if ((s[x] == 'a' || s[x] == 'A') && !memcmp(s + x + 1, "ccording", 8))
            na = S_tokens(s, m->close, e, t0, S_MAX_TOKS); /* rare: tokenize only then */
    S_spk src;
    memset(&src, 0, sizeof src);
    if (na && S_according(s, t0, na, &src)) {
        free(c->spk.name);
        c->spk = src;
        m->speaker_from = 1;
    }
}

/* The speaker named before the quote, in its sentence (t: a token buffer
 * of S_MAX_TOKS): a cue and its subject, a colon, "as X put it", a
 * possessor, a relative clause, else the sentence subject. */
static void S_attribute_before(const char *s, size_t len, S_cand *c, S_tok *t)
{
    concord_quote_mention *m = &c->m;
    size_t ss = S_sentence_start(s, m->open);
    if (S_last_nonspace(s, ss, m->open) == SIZE_MAX && ss > 0) {
        /* quote opens its paragraph: a colon ending the previous one introduces it */
        size_t p = S_last_nonspace(s, 0, ss);
        if (p != SIZE_MAX && s[p] == ':') {
            S_colon_paragraph(s, p, c, t);
            return;
        }
    }
    size_t p = S_last_nonspace(s, ss, m->open);
    int colon = p != SIZE_MAX && s[p] == ':';
    if (m->open <= ss)
        return;
    int cut;
    size_t n = S_clause_tokens(s, ss, m->open, t, &cut);
    size_t q0 = S_after_earlier_quote(t, n);
    S_tok *t0 = t; /* the whole buffer, for tokenizing again below */
    if (q0 > 0 && q0 < n) {
        t += q0;
        n -= q0;
    }
    if ((colon && S_colon_name(s, t, n, &c->spk)) || S_before(s, t, n, cut, &c->spk) ||
        (colon && !cut && S_colon_subject(s, t, n, &c->spk))) {
        m->speaker_from = colon ? 3 : 2;
        c->found = 1;
    } else if (!cut && S_as_put_it(s, t, n, &c->spk)) {
        m->speaker_from = 2; /* "As House Speaker Paul Ryan has pointed out, ..." */
        c->found = 1;
    } else if (!cut && S_possessor(s, t, n, &c->spk)) {
        m->speaker_from = 2; /* "her remark that “...”" */
        c->found = 1;
    } else if (!cut && n > 1 && S_claim_after(s, len, m->close) &&
               S_possessor_at(s, t, n - 1, &c->spk)) {
        m->speaker_from = 2; /* "Obama's “if you like your plan” promise" */
        c->found = 1;
    } else if (S_relative(s, t, n, 0, &c->spk)) {
        /* "Donald Trump, who proclaimed ... that Christians “cannot come”" */
        m->speaker_from = 2;
        c->found = 1;
    } else if (!cut && S_subject(s, t, n, &c->spk)) {
        /* no speech verb: the quote sits in a sentence whose subject
         * speaks through another verb ("Clinton slammed the shift as a
         * “flip-flop.”", "Trump launched an attack, calling him “...”") */
        m->speaker_from = 6;
        c->found = 1;
        S_credited_source(s, len, c, t0);
    }
}

/* The candidate's speaker becomes sp (found, from speaker_from `from`) when
 * ok; else sp is dropped.  Returns ok. */
static int S_take_speaker(S_cand *c, S_spk *sp, int ok, int from)
{
    if (!ok) {
        free(sp->name);
        return 0;
    }
    free(c->spk.name);
    c->spk = *sp;
    c->found = 1;
    c->m.speaker_from = from;
    return 1;
}

/* "“Great speech. She's tested.”\n\n-President Obama, tweeting after
 * Clinton's speech.", "“It was horrific.” — Karen Schabes, who overheard
 * the shooting": a dash and a name right after the quote or opening the
 * next paragraph sign it. */
static int S_dash_signature(const char *s, size_t len, S_cand *c, size_t next_open, S_tok *t)
{
    concord_quote_mention *m = &c->m;
    size_t e = m->close + 120 < len ? m->close + 120 : len;
    if (e > next_open)
        e = next_open;
    size_t nl = 0, d = SIZE_MAX;
    for (size_t x = m->close; x < e && nl < 3; x++) {
        unsigned char b = (unsigned char)s[x];
        if (b == '\n') {
            nl++;
            continue;
        }
        int dash = 0;
        if (b == '-' && (x + 1 >= len || s[x + 1] != '-'))
            dash = 1;
        else if (b == 0xE2 && x + 2 < len && (unsigned char)s[x + 1] == 0x80 &&
                 ((unsigned char)s[x + 2] == 0x94 || (unsigned char)s[x + 2] == 0x93))
            dash = 3;
        if (!dash)
            continue;
        /* at a paragraph start, or right after the quote (spaces between) */
        if (!((x == m->close || s[x - 1] == '\n') ||
              (nl == 0 && S_last_nonspace(s, m->close, x) == SIZE_MAX)))
            break;
        d = x + (size_t)dash;
        break;
    }
    if (d == SIZE_MAX || (nl > 0 && S_last_nonspace(s, m->close, d - 1) != SIZE_MAX &&
                          s[S_last_nonspace(s, m->close, d - 1)] != '\n'))
        return 0;
    size_t le = d;
    while (le < len && s[le] != '\n' && le - d < 200)
        le++;
    size_t n = S_tokens(s, d, le, t, S_MAX_TOKS);
    if (n == 0 || t[0].type != T_WORD || !t[0].cap)
        return 0;
    size_t ne = S_np_forward(s, t, n, 0);
    if (ne == 0 ||
        (ne < n &&
         !(t[ne].type == T_PUNCT && (t[ne].p == ',' || t[ne].p == '(' || t[ne].p == '.'))) ||
        (ne < n && t[ne].type == T_WORD))
        return 0;
    S_spk sp;
    S_classify(s, t, 0, ne, &sp);
    return S_take_speaker(c, &sp,
                          (sp.kind == CONCORD_SPEAKER_PERSON && sp.name && strchr(sp.name, ' ')) ||
                              sp.kind == CONCORD_SPEAKER_ORG,
                          1);
}

/* "Lynch announced the lawsuit on Monday. “We are seeking a court order.”",
 * "Howard continued his remarks.\n\n“Eight years ago ...”": a quote that
 * stands as a sentence of its own, with no cue, is said by the subject of
 * the sentence just before it (in its paragraph or ending the previous
 * one) when no other quote lies between them: a reader takes the person the
 * text was just about.  The subject must name someone (a person, an
 * organisation, a role or a pronoun); a described subject ("The crowd
 * booed.") is no speaker. */
static int S_prev_subject(const char *s, size_t len, S_cand *c, uint32_t prev_close, S_tok *t)
{
    concord_quote_mention *m = &c->m;
    size_t ss = S_sentence_start(s, m->open);
    if (S_last_nonspace(s, ss, m->open) != SIZE_MAX || ss == 0)
        return 0; /* the quote does not open its sentence */
    size_t last = m->end;
    while (last > m->start &&
           (s[last - 1] == '\'' || s[last - 1] == '"' ||
            (last - m->start >= 3 && (unsigned char)s[last - 3] == 0xE2 &&
             (unsigned char)s[last - 2] == 0x80 &&
             ((unsigned char)s[last - 1] == 0x99 || (unsigned char)s[last - 1] == 0x9D))))
        last -= s[last - 1] == '\'' || s[last - 1] == '"' ? 1 : 3; /* "... here?'" */
    if (!S_terminal(s, m->part2 ? m->part2 : m->start, last))
        return 0; /* "“Call the roll,” came shouts": the clause goes on */
    size_t q = m->close;
    while (q < len && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r'))
        q++;
    if (q < len && s[q] != '\n' && !(s[q] >= 'A' && s[q] <= 'Z') && (unsigned char)s[q] < 0x80)
        return 0;
    size_t p = S_last_nonspace(s, 0, ss);
    if (p == SIZE_MAX || p < prev_close || !(s[p] == '.' || s[p] == '!'))
        return 0;
    size_t nl = 0;
    for (size_t i = p; i < ss; i++)
        nl += s[i] == '\n';
    if (nl > 2)
        return 0;
    size_t ps = S_sentence_start(s, p);
    if (p - ps > 400)
        return 0;
    size_t n = S_tokens(s, ps, p, t, S_MAX_TOKS);
    S_spk sp;
    memset(&sp, 0, sizeof sp);
    if (n < 3 || n == S_MAX_TOKS)
        return 0;
    /* "Ghazala Khan says she received a call from her niece. “She called
     * me ...”": the speaker of a speech verb in that sentence, else its
     * subject */
    if (!S_before(s, t, n, 0, &sp) && !S_subject(s, t, n, &sp))
        return 0;
    return S_take_speaker(c, &sp,
                          sp.kind == CONCORD_SPEAKER_PERSON || sp.kind == CONCORD_SPEAKER_ORG ||
                              sp.role || (sp.pronoun & (QW_HE | QW_SHE | QW_THEY)),
                          7);
}

/* Is pos inside one of the quotes c[0..n)?  They are in text order and do
 * not overlap (top-level quotes only), so a binary search finds the last
 * one opening before pos. */
static int S_inside_quote(const S_cand *c, size_t n, uint32_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c[mid].m.open < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && pos < c[lo - 1].m.close;
}

/* Names inv->names[0..k) lie before pos (names are found in text order). */
static size_t S_inv_before(const S_inv *inv, uint32_t pos)
{
    size_t lo = 0, hi = inv->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (inv->names[mid].pos < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* How far back a pronoun looks for its person: quotes and names.  A reader
 * does not connect "he said" to a speaker further back; the caps keep a
 * text of 60,000 quotes linear. */
#define S_BACK_QUOTES 64
#define S_BACK_NAMES 256

/* The one person the article names with this title, or NULL. */
static const char *S_inv_role_scan(const char *s, S_inv *inv, uint64_t role, uint32_t rs,
                                   uint32_t re);

/* Whether the 36 bytes before pos (S_name_ctx's window) hold the folded
 * ASCII word f[0..fl) in any case. */
static int S_window_has(const char *s, uint32_t pos, const char *f, size_t fl)
{
    size_t a = pos > 36 ? pos - 36 : 0;
    for (size_t i = a; i + fl <= pos; i++) {
        size_t k = 0;
        while (k < fl) {
            char c = s[i + k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            if (c != f[k])
                break;
            k++;
        }
        if (k == fl)
            return 1;
    }
    return 0;
}

static const char *S_inv_role(const char *s, S_inv *inv, uint64_t role, uint32_t rs, uint32_t re)
{
    for (size_t k = 0; k < inv->n_roles; k++)
        if (inv->role_key[k] == role)
            return inv->role_val[k];
    const char *r = S_inv_role_scan(s, inv, role, rs, re);
    if (inv->n_roles < 16) {
        inv->role_key[inv->n_roles] = role;
        inv->role_val[inv->n_roles++] = r;
    }
    return r;
}

static const char *S_inv_role_scan(const char *s, S_inv *inv, uint64_t role, uint32_t rs,
                                   uint32_t re)
{
    /* the title word as S_tok_hash reads it; when it is ASCII, a name
     * whose 36 bytes before it do not hold it (any case) cannot get it from
     * S_name_ctx, which tokenizes those bytes: no need to tokenize them */
    char f[64];
    size_t fl = concord__quote_fold(s + rs, re - rs, f, sizeof f);
    while (fl && f[fl - 1] == '.')
        fl--;
    int ascii = fl > 0 && fl < sizeof f && concord_hash(f, fl, 0x77) == role;
    for (size_t k = 0; k < fl && ascii; k++)
        ascii = (unsigned char)f[k] < 0x80;
    const char *found = NULL;
    for (size_t i = 0; i < inv->n; i++) {
        S_name *nm = &inv->names[i];
        int has = 0;
        for (int k = 0; k < nm->n_titles; k++)
            has |= nm->titles[k] == role;
        if (!has && !nm->ctx_done && !(ascii && !S_window_has(s, nm->pos, f, fl))) {
            S_name_ctx(s, nm);
            for (int k = 0; k < nm->n_titles; k++)
                has |= nm->titles[k] == role;
        }
        if (!has)
            continue;
        const char *full = nm->name ? nm->name : S_inv_full(inv, nm->surname);
        if (!full)
            continue;
        if (found && strcmp(found, full) != 0)
            return NULL;
        found = full;
    }
    return found;
}

static void S_set_speaker(concord_quote_mention *m, const char *s, const S_spk *sp,
                          const char *name, concord_speaker_kind kind)
{
    free(m->speaker);
    free(m->speaker_text);
    m->speaker = concord_xstrdup(name ? name : "unknown");
    m->speaker_kind = name ? kind : CONCORD_SPEAKER_UNKNOWN;
    if (sp && sp->te > sp->ts) {
        m->speaker_text = concord_xstrndup(s + sp->ts, sp->te - sp->ts);
        m->speaker_start = sp->ts;
        m->speaker_end = sp->te;
    } else {
        m->speaker_text = concord_xstrdup("");
    }
}

/* A one-word person speaker named by a speech cue as written ("Kasich
 * told reporters:"): no description ("the Smiths"), no function word
 * ("Though"). */
static int S_cued_surname(const concord_quote_mention *pm)
{
    if (pm->speaker_from < 1 || pm->speaker_from > 3 || !pm->speaker_text)
        return 0;
    size_t sl = strlen(pm->speaker), tl = strlen(pm->speaker_text);
    if (sl < 2 || tl < sl || strcmp(pm->speaker_text + tl - sl, pm->speaker) != 0 ||
        (tl > sl && pm->speaker_text[tl - sl - 1] != ' ') ||
        !(pm->speaker_text[0] >= 'A' && pm->speaker_text[0] <= 'Z'))
        return 0;
    char f[64];
    size_t fl = concord__quote_fold(pm->speaker, sl, f, sizeof f);
    return !(concord__quote_word(f, fl) & (QW_STOP | QW_LEAD));
}

/* Keeps the top-level segments of sc (sorted by opening mark): a segment
 * inside a kept one is dropped.  Returns the new count. */
static size_t S_top_level(S_scan *sc)
{
    qsort(sc->segs, sc->n, sizeof *sc->segs, S_seg_cmp);
    size_t k = 0;
    uint32_t last_close = 0;
    for (size_t i = 0; i < sc->n; i++) {
        if (k && sc->segs[i].open < last_close)
            continue;
        sc->segs[k++] = sc->segs[i];
        last_close = sc->segs[i].close;
    }
    return k;
}

/* "“A,” X said, “b.”": segments g and h are one interrupted quote when the
 * words between them are only the attribution and the sentence goes on
 * ("“A,” X said. “B.”" is a second quote of the same speaker; "“A,” Ryan
 * said on CNN, though he said, “b.”" has two attributions, two quotes).
 * When they are, c spans both and *gap_a, *gap_b bound the words between. */
static int S_join_interrupted(const char *text, size_t len, const S_seg *g, const S_seg *h,
                              S_cand *c, uint32_t *gap_a, uint32_t *gap_b)
{
    size_t lastp = S_last_nonspace(text, g->close, h->open);
    if (!(h->open - g->close <= 120 && !S_has_newline(text, g->close, h->open) &&
          S_ends_open(text, g->cstart, g->cend, g->close, len) && lastp != SIZE_MAX &&
          (text[lastp] == ',' || text[lastp] == ':' ||
           ((unsigned char)text[lastp] == 0x94 && lastp >= 2))))
        return 0;
    S_tok t[S_MAX_TOKS];
    size_t n = S_tokens(text, g->close, h->open, t, S_MAX_TOKS);
    int cue = 0, ends = 0, words = 0;
    for (size_t j = 0; j < n; j++) {
        if (t[j].type == T_WORD && (t[j].bits & QW_CUE) && !t[j].cap)
            cue += (t[j].bits & QW_VERB) || !cue;
        if (j + 1 < n && S_is_sentence_end(&t[j]))
            ends++;
        words += t[j].type == T_WORD;
    }
    if (!(cue == 1 && !ends && words <= 14))
        return 0;
    c->m.part_end = g->cend;
    c->m.part2 = h->cstart;
    c->m.end = h->cend;
    c->m.close = h->close;
    *gap_a = g->close;
    *gap_b = h->open;
    return 1;
}

/* The quote candidates of the top-level segments of sc, each with its text,
 * kind and the attribution found around it (not yet resolved).  Segments
 * with no letter are dropped.  Returns the count written to cands (room for
 * sc->n). */
static size_t S_candidates(const char *text, size_t len, const S_scan *sc, S_cand *cands)
{
    size_t nc = 0;
    for (size_t i = 0; i < sc->n; i++) {
        S_seg g = sc->segs[i];
        uint32_t prev_close = i > 0 ? sc->segs[i - 1].close : 0;
        S_cand *c = &cands[nc];
        memset(c, 0, sizeof *c);
        c->m.open = g.open;
        c->m.close = g.close;
        c->m.start = g.cstart;
        c->m.end = g.cend;
        uint32_t gap_a = 0, gap_b = 0;
        if (i + 1 < sc->n && S_join_interrupted(text, len, &g, &sc->segs[i + 1], c, &gap_a, &gap_b))
            i++;
        /* trim whitespace inside the marks */
        while (c->m.start < c->m.end && (text[c->m.start] == ' ' || text[c->m.start] == '\n'))
            c->m.start++;
        while (c->m.end > c->m.start && (text[c->m.end - 1] == ' ' || text[c->m.end - 1] == '\n'))
            c->m.end--;
        if (c->m.part_end) {
            c->m.text = S_mention_text(text, sc, c->m.start, c->m.part_end, c->m.part2, c->m.end);
        } else {
            c->m.text = S_mention_text(text, sc, c->m.start, c->m.end, 0, 0);
        }
        int letter;
        size_t words = S_count_words(c->m.text, strlen(c->m.text), &letter);
        if (!letter) {
            free(c->m.text);
            continue;
        }
        c->m.kind = words <= 3 ? CONCORD_QUOTE_PHRASE : CONCORD_QUOTE_FULL;
        size_t next_open = i + 1 < sc->n ? sc->segs[i + 1].open : len;
        S_attribute(text, len, c, next_open, gap_a, gap_b);
        if (!c->found) {
            S_tok t[S_MAX_TOKS];
            if (!S_dash_signature(text, len, c, next_open, t))
                S_prev_subject(text, len, c, prev_close, t);
        }
        nc++;
    }
    return nc;
}

/* "did not find “ties of any consequence,” aside from the two men knowing
 * each other “casually” ..., said the bureau's director": an attribution
 * after the last quote of a sentence covers the earlier ones that have none
 * of their own (or only a sentence subject). */
static void S_cover_trailing(const char *text, S_cand *cands, size_t nc)
{
    for (size_t i = nc > 0 ? nc - 1 : 0; i-- > 0;) {
        S_cand *a = &cands[i], *b = &cands[i + 1];
        if ((a->found && a->m.speaker_from != 6) || !b->found || b->m.speaker_from != 1 ||
            b->m.open - a->m.close > 300 || S_terminal(text, a->m.start, a->m.end) ||
            S_has_newline(text, a->m.close, b->m.open))
            continue;
        int ends = 0;
        for (size_t x = a->m.close; x < b->m.open && !ends; x++)
            ends = (text[x] == '.' || text[x] == '!' || text[x] == '?') && text[x + 1] == ' ' &&
                   (text[x] != '.' || !S_abbrev_period(text, a->m.close, x, b->m.open));
        if (ends)
            continue;
        free(a->spk.name);
        a->spk = b->spk;
        a->spk.name = b->spk.name ? concord_xstrdup(b->spk.name) : NULL;
        a->found = 1;
        a->m.speaker_from = 1;
    }
}

/* Resolution state, in text order: the quotes resolved so far (out), the
 * article's name inventory (built lazily), and the gender known of each
 * quote's speaker (from an honorific, or from the he/she resolved to him or
 * her; 0 unknown). */
typedef struct {
    const char *text;
    size_t len;
    const S_cand *cands;
    size_t nc;
    S_inv inv;
    unsigned char *gend;
    concord_quote_list *out;
} S_res;

/* he / she at sp (quote i): the nearest preceding person, a quote's speaker
 * or a person named as a sentence subject, of a compatible gender.  Returns
 * the name (borrowed) or NULL; records the gender learnt. */
static const char *S_resolve_he_she(S_res *r, size_t i, const S_spk *sp)
{
    concord_quote_list *out = r->out;
    uint32_t at = sp->ts;
    int want = (sp->pronoun & QW_HE) ? 1 : 2;
    size_t best_pos = 0;
    const char *best = NULL;
    for (size_t j = i; j-- > 0 && i - j <= S_BACK_QUOTES;) {
        const concord_quote_mention *pm = &out->items[j];
        if (pm->speaker_kind == CONCORD_SPEAKER_PERSON && pm->speaker_start < at &&
            (pm->kind == CONCORD_QUOTE_FULL || strchr(pm->speaker, ' ') || S_cued_surname(pm))) {
            /* a short quote counts when a speech cue named its speaker
             * ("Kasich told reporters: “I'm staying in.” He added: ...") */
            if (r->gend[j] && r->gend[j] != want)
                continue; /* "she said" after a man's quote: not him */
            best = pm->speaker;
            best_pos = pm->speaker_start;
            break;
        }
    }
    size_t upto = S_inv_before(&r->inv, at);
    for (size_t j = upto; j-- > 0 && upto - j <= S_BACK_NAMES;) {
        S_name *nm = &r->inv.names[j];
        if (best && nm->pos < best_pos)
            break; /* the quote's speaker is nearer */
        S_name_ctx(r->text, nm);
        if (!nm->subject)
            continue;
        if (nm->gender && nm->gender != want)
            continue;
        if (S_inside_quote(r->cands, r->nc, nm->pos))
            continue; /* names inside quotes are not their speakers */
        const char *full = nm->name ? nm->name : S_inv_full(&r->inv, nm->surname);
        if (!full)
            continue;
        if (nm->pos > best_pos || !best) {
            best = full;
            best_pos = nm->pos;
        }
        break;
    }
    if (best) {
        r->gend[i] = (unsigned char)want;
        /* the earlier quotes of that person now have a known gender */
        for (size_t j = i; j-- > 0 && i - j <= S_BACK_QUOTES;)
            if (!r->gend[j] && out->items[j].speaker_kind == CONCORD_SPEAKER_PERSON &&
                strcmp(out->items[j].speaker, best) == 0)
                r->gend[j] = (unsigned char)want;
    }
    return best;
}

/* A pronoun speaker (quote i): he / she to a person, they / it to the
 * nearest preceding organisation (they: or group). */
static void S_resolve_pronoun(S_res *r, size_t i, concord_quote_mention *m, const S_spk *sp)
{
    const char *name = NULL;
    concord_speaker_kind kind = CONCORD_SPEAKER_UNKNOWN;
    S_inv_build(r->text, r->len, sp->ts, &r->inv); /* names before the pronoun */
    if (sp->pronoun & (QW_HE | QW_SHE)) {
        name = S_resolve_he_she(r, i, sp);
        if (name)
            kind = CONCORD_SPEAKER_PERSON;
    } else if (sp->pronoun & (QW_THEY | QW_IT)) {
        for (size_t j = i; j-- > 0 && i - j <= S_BACK_QUOTES;) {
            const concord_quote_mention *pm = &r->out->items[j];
            if (pm->speaker_kind == CONCORD_SPEAKER_ORG ||
                (pm->speaker_kind == CONCORD_SPEAKER_GROUP && (sp->pronoun & QW_THEY))) {
                name = pm->speaker;
                kind = pm->speaker_kind;
                break;
            }
        }
    }
    if (name)
        m->speaker_from = 5;
    char *dup = name ? concord_xstrdup(name) : NULL;
    S_set_speaker(m, r->text, sp, dup, kind);
    free(dup);
}

/* A named speaker: a unique holder of a role ("the spokesman" when the
 * article names one), a surname to the article's full name. */
static void S_resolve_named(S_res *r, concord_quote_mention *m, const S_spk *sp)
{
    const char *name = sp->name;
    concord_speaker_kind kind = sp->kind;
    if (sp->role && kind == CONCORD_SPEAKER_GROUP) {
        S_inv_build(r->text, r->len, r->len, &r->inv); /* a unique title: the whole text */
        const char *h = S_inv_role(r->text, &r->inv, sp->role, sp->rs, sp->re);
        if (h) {
            name = h;
            kind = CONCORD_SPEAKER_PERSON;
        }
    }
    char *full = NULL;
    if (kind == CONCORD_SPEAKER_PERSON && !strchr(name, ' ')) {
        /* the full name is usually given before; else anywhere */
        S_inv_build(r->text, r->len, m->close, &r->inv);
        const char *f = S_inv_full(&r->inv, S_last_word_hash(name));
        if (!f && r->inv.scanned < r->len) {
            S_inv_build(r->text, r->len, r->len, &r->inv);
            f = S_inv_full(&r->inv, S_last_word_hash(name));
        }
        if (f)
            full = concord_xstrdup(f);
    }
    S_set_speaker(m, r->text, sp, full ? full : name, kind);
    free(full);
}

/* No cue (sp NULL) or one that names no one: the speaker of the previous
 * quote in the same paragraph (or just across a paragraph break after a
 * full stop), whose text then names this one's speaker; else unknown. */
static void S_resolve_inherit(S_res *r, size_t i, concord_quote_mention *m, const S_spk *sp)
{
    const char *text = r->text;
    const concord_quote_mention *pm = i ? &r->out->items[i - 1] : NULL;
    int near =
        pm &&
        (!S_has_newline(text, pm->close, m->open) ||
         (m->open - pm->close <= 60 &&
          (pm->speaker_from == 1 || pm->speaker_from == 4 || pm->speaker_from == 5) &&
          S_last_nonspace(text, pm->close, m->open) != SIZE_MAX &&
          text[S_last_nonspace(text, pm->close, m->open)] == '.' &&
          S_last_nonspace(text, pm->close, m->open) <
              (size_t)((const char *)memchr(text + pm->close, '\n', m->open - pm->close) - text)));
    if (pm && pm->speaker_kind != CONCORD_SPEAKER_UNKNOWN && near && !sp) {
        S_spk prev;
        memset(&prev, 0, sizeof prev);
        prev.ts = pm->speaker_start;
        prev.te = pm->speaker_end;
        S_set_speaker(m, text, &prev, pm->speaker, pm->speaker_kind);
        m->speaker_from = 4;
    } else {
        S_set_speaker(m, text, sp, NULL, CONCORD_SPEAKER_UNKNOWN);
        m->speaker_from = 0;
    }
}

concord_quote_list *concord_quotes_extract(const char *text, size_t len)
{
    pthread_once(&S_once, S_init);
    concord_quote_list *out = concord_xcalloc(1, sizeof *out);
    if (!text || !len)
        return out;
    if (len > UINT32_MAX - 8)
        len = UINT32_MAX - 8;
    S_scan sc;
    memset(&sc, 0, sizeof sc);
    S_scan_text(text, len, &sc);
    if (sc.n == 0) {
        free(sc.conts);
        return out;
    }
    sc.n = S_top_level(&sc);
    S_cand *cands = concord_xcalloc(sc.n, sizeof *cands);
    size_t nc = S_candidates(text, len, &sc, cands);
    S_cover_trailing(text, cands, nc);

    /* resolve: pronouns, surnames, inheritance, in text order */
    S_res r;
    memset(&r, 0, sizeof r);
    r.text = text;
    r.len = len;
    r.cands = cands;
    r.nc = nc;
    r.out = out;
    out->items = concord_xcalloc(nc ? nc : 1, sizeof *out->items);
    r.gend = concord_xcalloc(nc ? nc : 1, 1);
    for (size_t i = 0; i < nc; i++) {
        S_cand *c = &cands[i];
        concord_quote_mention *m = &c->m;
        const S_spk *sp = c->found ? &c->spk : NULL;
        if (sp && !sp->pronoun)
            r.gend[i] = (unsigned char)sp->gender;
        if (sp && sp->pronoun) {
            S_resolve_pronoun(&r, i, m, sp);
        } else if (sp && sp->name) {
            S_resolve_named(&r, m, sp);
        } else if (sp && sp->role) {
            S_inv_build(text, len, len, &r.inv);
            S_set_speaker(m, text, sp, S_inv_role(text, &r.inv, sp->role, sp->rs, sp->re),
                          CONCORD_SPEAKER_PERSON);
        } else {
            S_resolve_inherit(&r, i, m, sp);
        }
        out->items[out->n++] = *m;
        free(c->spk.name);
    }
    S_inv_free(&r.inv);
    free(r.gend);
    free(cands);
    free(sc.segs);
    free(sc.conts);
    return out;
}

void concord_quote_list_free(concord_quote_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].text);
        free(l->items[i].speaker);
        free(l->items[i].speaker_text);
    }
    free(l->items);
    free(l);
}
