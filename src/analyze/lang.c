/* lang.c: the language of a text from its function words, the function
 * words of each language as stopwords, and cross-language keys of name words
 * (see lang_internal.h and concord/analyze.h).
 *
 * Detection: the first S_DETECT_BYTES of the text are tokenized and each
 * case-folded word is looked up in data/lang_stopwords.txt (40 to 70
 * frequent function words per language); the language with the most hits
 * wins, English on a tie or with fewer than S_DETECT_MIN hits, Russian when
 * the letters are mostly Cyrillic.  It reads a bounded prefix, so its cost is
 * constant per article.  libexttextcat (n-gram profiles) was the other
 * option; it is several times slower per article and knows no more of the
 * nine languages concord stems (doc/stories.md, "Across languages"). */
#include "analyze/lang_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lang_scales.inc"
#include "lang_stopwords.inc"

static const char *const S_codes[S_LANG_COUNT] = {"en", "de", "es", "fr", "it",
                                                  "pt", "nl", "pl", "ru"};
static const char *const S_snowball[S_LANG_COUNT] = {"english", "german",  "spanish",
                                                     "french",  "italian", "portuguese",
                                                     "dutch",   "polish",  "russian"};

const char *concord__lang_code(int lang)
{
    return lang >= 0 && lang < S_LANG_COUNT ? S_codes[lang] : "en";
}

const char *concord__lang_snowball(int lang)
{
    return lang >= 0 && lang < S_LANG_COUNT ? S_snowball[lang] : "english";
}

int concord__lang_index(const char *name)
{
    if (!name || !*name)
        return -1;
    for (int i = 0; i < S_LANG_COUNT; i++) {
        size_t n = strlen(S_codes[i]);
        /* "de", "de-AT", "de_DE", "DE" */
        if ((name[0] | 0x20) == S_codes[i][0] && (name[1] | 0x20) == S_codes[i][1] &&
            (name[n] == '\0' || name[n] == '-' || name[n] == '_'))
            return i;
        if (!strcmp(name, S_snowball[i]))
            return i;
    }
    return -1;
}

/* ---- function-word table: folded-word hash -> bit per language ---------- */

#define S_SLOTS 2048
static uint64_t S_hash[S_SLOTS];
static uint16_t S_bits[S_SLOTS];
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_put(uint64_t h, int lang)
{
    size_t k = (size_t)(h >> 11) & (S_SLOTS - 1);
    while (S_hash[k] && S_hash[k] != h)
        k = (k + 1) & (S_SLOTS - 1);
    S_hash[k] = h;
    S_bits[k] |= (uint16_t)(1u << lang);
}

static unsigned S_get(uint64_t h)
{
    size_t k = (size_t)(h >> 11) & (S_SLOTS - 1);
    while (S_hash[k]) {
        if (S_hash[k] == h)
            return S_bits[k];
        k = (k + 1) & (S_SLOTS - 1);
    }
    return 0;
}

/* The next space-separated word of a lexicon line from p: its fold hash
 * (the same fold analyze.c applies, so the hashes agree; never 0) in *h,
 * and where to go on from; NULL at the end of the line. */
static const char *S_next_word_hash(const char *p, uint64_t *h)
{
    while (*p == ' ')
        p++;
    if (!*p)
        return NULL;
    const char *q = p;
    while (*q && *q != ' ')
        q++;
    size_t fl;
    char *f = concord_casefold(p, (size_t)(q - p), &fl);
    *h = concord_hash(f, fl, 0);
    *h = *h ? *h : 1;
    free(f);
    return q;
}

static void S_init(void)
{
    for (size_t i = 0; i < lang_stopwords_count; i++) {
        const char *line = lang_stopwords_lines[i];
        const char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        char code[8];
        size_t cl = (size_t)(tab - line);
        if (cl >= sizeof code)
            continue;
        memcpy(code, line, cl);
        code[cl] = '\0';
        int lang = concord__lang_index(code);
        if (lang < 0)
            continue;
        uint64_t h;
        for (const char *p = tab + 1; (p = S_next_word_hash(p, &h)) != NULL;)
            S_put(h, lang);
    }
}

int concord__lang_stop(uint64_t fold_hash, int lang)
{
    if (lang <= S_LANG_EN || lang >= S_LANG_COUNT)
        return 0;
    pthread_once(&S_once, S_init);
    return (S_get(fold_hash ? fold_hash : 1) >> lang) & 1u;
}

/* ---- scale words (data/lang_scales.txt) --------------------------------- */

/* fold hash -> power of ten per language (0: not a scale word there) */
#define S_SCALE_SLOTS 256
static uint64_t S_scale_hash[S_SCALE_SLOTS];
static uint8_t S_scale_pow[S_SCALE_SLOTS][S_LANG_COUNT];
static size_t S_scale_used;
static pthread_once_t S_scale_once = PTHREAD_ONCE_INIT;

static size_t S_scale_slot(uint64_t h)
{
    size_t k = (size_t)(h >> 9) & (S_SCALE_SLOTS - 1);
    while (S_scale_hash[k] && S_scale_hash[k] != h)
        k = (k + 1) & (S_SCALE_SLOTS - 1);
    return k;
}

static void S_scale_init(void)
{
    for (size_t i = 0; i < lang_scales_count; i++) {
        const char *line = lang_scales_lines[i];
        const char *t1 = strchr(line, '\t');
        const char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2)
            continue;
        int power = atoi(t1 + 1);
        if (power <= 0 || power > 18)
            continue;
        int langs[S_LANG_COUNT], nl = 0;
        if (*line == '*') {
            for (int l = 0; l < S_LANG_COUNT; l++)
                langs[nl++] = l;
        } else {
            for (const char *p = line; p < t1 && nl < S_LANG_COUNT;) {
                const char *q = p;
                while (q < t1 && *q != ',')
                    q++;
                char code[8];
                size_t cl = (size_t)(q - p);
                if (cl && cl < sizeof code) {
                    memcpy(code, p, cl);
                    code[cl] = '\0';
                    int l = concord__lang_index(code);
                    if (l >= 0)
                        langs[nl++] = l;
                }
                p = q < t1 ? q + 1 : q;
            }
        }
        uint64_t h;
        for (const char *p = t2 + 1; (p = S_next_word_hash(p, &h)) != NULL;) {
            size_t k = S_scale_slot(h);
            if (!S_scale_hash[k] && ++S_scale_used * 4 > S_SCALE_SLOTS * 3)
                return; /* full: a longer list needs more slots (tests/unit/test_xlang.c) */
            S_scale_hash[k] = h;
            for (int l = 0; l < nl; l++)
                S_scale_pow[k][langs[l]] = (uint8_t)power;
        }
    }
}

int concord__scale_power(uint64_t fold_hash, int lang)
{
    if (lang < 0 || lang >= S_LANG_COUNT)
        return 0;
    pthread_once(&S_scale_once, S_scale_init);
    uint64_t h = fold_hash ? fold_hash : 1;
    size_t k = S_scale_slot(h);
    return S_scale_hash[k] == h ? S_scale_pow[k][lang] : 0;
}

/* ---- detection ---------------------------------------------------------- */

#define S_DETECT_BYTES 4000
#define S_DETECT_MIN 3

static int S_decide(const unsigned *hits, size_t cyrillic, size_t letters, int *sure);

int concord__lang_detect(const char *text, size_t len, int *sure)
{
    int dummy;
    if (!sure)
        sure = &dummy;
    *sure = 0;
    if (!text || !len)
        return S_LANG_EN;
    pthread_once(&S_once, S_init);
    size_t n = len < S_DETECT_BYTES ? len : S_DETECT_BYTES;
    while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--; /* do not cut a character */
    concord_token *toks = NULL;
    size_t nt = 0, cap = 0;
    concord_tokenize(text, n, &toks, &nt, &cap);
    unsigned hits[S_LANG_COUNT] = {0};
    size_t cyrillic = 0, letters = 0;
    char low[48];
    for (size_t i = 0; i < nt; i++) {
        const char *w = text + toks[i].start;
        size_t wl = toks[i].end - toks[i].start;
        if (toks[i].flags & CONCORD_TOK_NUMBER)
            continue;
        uint64_t h;
        size_t k;
        for (k = 0; k < wl && k < sizeof low && (unsigned char)w[k] < 0x80; k++)
            low[k] = (char)((w[k] >= 'A' && w[k] <= 'Z') ? w[k] + 32 : w[k]);
        if (k == wl) {
            h = concord_hash(low, wl, 0);
            letters++;
        } else {
            if ((unsigned char)w[0] == 0xD0 || (unsigned char)w[0] == 0xD1)
                cyrillic++;
            letters++;
            if (wl > 40)
                continue;
            size_t fl;
            char *f = concord_casefold(w, wl, &fl);
            h = concord_hash(f, fl, 0);
            free(f);
        }
        unsigned bits = S_get(h ? h : 1);
        for (int l = 0; bits && l < S_LANG_COUNT; l++, bits >>= 1)
            hits[l] += bits & 1u;
    }
    free(toks);
    return S_decide(hits, cyrillic, letters, sure);
}

static int S_decide(const unsigned *hits, size_t cyrillic, size_t letters, int *sure)
{
    if (letters >= S_DETECT_MIN && cyrillic * 2 > letters) {
        *sure = 1;
        return S_LANG_RU;
    }
    int best = S_LANG_EN, second = -1;
    for (int l = 1; l < S_LANG_COUNT; l++)
        if (hits[l] > hits[best])
            best = l;
    for (int l = 0; l < S_LANG_COUNT; l++)
        if (l != best && (second < 0 || hits[l] > hits[second]))
            second = l;
    if (hits[best] < S_DETECT_MIN)
        return S_LANG_EN;
    /* sure: enough hits, and clearly ahead of the next language */
    *sure = hits[best] >= 2 * S_DETECT_MIN && hits[best] >= 2 * hits[second];
    return best;
}

/* The same decision from words already folded (concord_analyze): the first
 * S_DETECT_WORDS of them; no second pass over the text. */
#define S_DETECT_WORDS 300
int concord__lang_detect_words(const concord_word *w, size_t n, const char *text, int *sure)
{
    *sure = 0;
    pthread_once(&S_once, S_init);
    unsigned hits[S_LANG_COUNT] = {0};
    size_t cyrillic = 0, letters = 0;
    for (size_t i = 0; i < n && i < S_DETECT_WORDS; i++) {
        if (w[i].flags & CONCORD_TOK_NUMBER)
            continue;
        letters++;
        unsigned char c = (unsigned char)text[w[i].start];
        cyrillic += c == 0xD0 || c == 0xD1;
        unsigned bits = S_get(w[i].fold ? w[i].fold : 1);
        for (int l = 0; bits && l < S_LANG_COUNT; l++, bits >>= 1)
            hits[l] += bits & 1u;
    }
    return S_decide(hits, cyrillic, letters, sure);
}

const char *concord_detect_language(const char *text, size_t len)
{
    return concord__lang_code(concord__lang_detect(text, len, NULL));
}

/* ---- cross-language name keys ------------------------------------------- */

/* Russian (and Ukrainian/Belarusian letters) to Latin, after case folding:
 * a simple scholarly-style table, U+0430..U+044F then U+0450..U+045F. */
static const char *const S_cyr[32] = {
    "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "i",    "k", "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
static const char *const S_cyr2[16] = {"e", "e", "d", "g", "e", "s", "i", "i",
                                       "j", "l", "n", "c", "k", "i", "u", "dz"};
/* Greek U+03B1..U+03C9 (accents are stripped first). */
static const char *const S_greek[25] = {"a", "v", "g", "d", "e",  "z",  "i", "th", "i",
                                        "k", "l", "m", "n", "x",  "o",  "p", "r",  "s",
                                        "s", "t", "i", "f", "ch", "ps", "o"};

static void S_add(char *a, size_t *n, size_t cap, const char *s)
{
    while (*s && *n + 1 < cap)
        a[(*n)++] = *s++;
}

/* The Greek small letter of a code point without its accent (U+03B1 ..
 * U+03C9), else 0. */
static int32_t S_greek_base(int32_t cp)
{
    if (cp >= 0x391 && cp <= 0x3A9)
        cp += 0x20; /* capitals: only if not case-folded yet */
    if (cp >= 0x3B1 && cp <= 0x3C9)
        return cp;
    if (cp < 0x370 || cp > 0x3FF)
        return 0;
    utf8proc_int32_t dec[8];
    int lb = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE, &lb);
    return nd >= 1 && dec[0] >= 0x3B1 && dec[0] <= 0x3C9 ? dec[0] : 0;
}

/* Greek letter pairs that stand for one sound, above all in foreign names
 * (Βέντελ is Vendel, Μπράουν Brown, Γκόρντον Gordon): ντ d (nd after a
 * vowel), μπ b (mb after a vowel), γκ g (ng inside a word), γγ ng, ου u,
 * αι e, ει and οι i.  Writes the Latin of the pair (x, y) and returns 1, or
 * returns 0 when (x, y) is no such pair. */
static int S_greek_pair(int32_t x, int32_t y, char *a, size_t *n, size_t cap)
{
    int after_vowel = *n > 0 && strchr("aeiouy", a[*n - 1]) != NULL;
    const char *out = NULL;
    if (x == 0x3BD && y == 0x3C4)
        out = after_vowel ? "nd" : "d";
    else if (x == 0x3BC && y == 0x3C0)
        out = after_vowel ? "mb" : "b";
    else if (x == 0x3B3 && y == 0x3BA)
        out = *n > 0 && a[*n - 1] >= 'a' && a[*n - 1] <= 'z' ? "ng" : "g";
    else if (x == 0x3B3 && y == 0x3B3)
        out = "ng";
    else if (x == 0x3BF && y == 0x3C5)
        out = "u";
    else if (x == 0x3B1 && y == 0x3B9)
        out = "e";
    else if ((x == 0x3B5 || x == 0x3BF) && y == 0x3B9)
        out = "i";
    if (!out)
        return 0;
    S_add(a, n, cap, out);
    return 1;
}

static int S_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Step 1, to lower-case ASCII letters and digits: transliterated scripts,
 * Latin letters without their marks (c, s and z with a caron as ch, sh and
 * zh, the way English and Russian write them); other ASCII kept as it is. */
static size_t S_ascii(const char *s, size_t len, char *a, size_t cap)
{
    size_t n = 0, i = 0;
    while (i < len && n + 1 < cap) {
        size_t at = i;
        int32_t cp = concord_utf8_next(s, len, &i);
        if (cp < 0)
            continue;
        if (cp < 0x80) {
            char c = (char)cp;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            /* other ASCII (apostrophes, inner periods) stays: dropping it
             * ("U.S." as "us", "Obama's" as "obama") cost ecbplus-dev 0.02 */
            a[n++] = c;
            continue;
        }
        if (cp >= 0x430 && cp <= 0x44F) {
            S_add(a, &n, cap, S_cyr[cp - 0x430]);
            continue;
        }
        if (cp >= 0x450 && cp <= 0x45F) {
            S_add(a, &n, cap, S_cyr2[cp - 0x450]);
            continue;
        }
        if (cp == 0x491) { /* Ukrainian ge */
            S_add(a, &n, cap, "g");
            continue;
        }
        switch (cp) {
            case 0x10D:
            case 0x107: S_add(a, &n, cap, "ch"); continue; /* č ć */
            case 0x161:
            case 0x15B: S_add(a, &n, cap, "sh"); continue; /* š ś */
            case 0x17E:
            case 0x17A:
            case 0x17C: S_add(a, &n, cap, "zh"); continue; /* ž ź ż */
            case 0xDF: S_add(a, &n, cap, "ss"); continue;
            case 0xE6: S_add(a, &n, cap, "ae"); continue;
            case 0x153: S_add(a, &n, cap, "oe"); continue;
            case 0xF8: S_add(a, &n, cap, "o"); continue;
            case 0x142: S_add(a, &n, cap, "l"); continue;
            case 0x111:
            case 0xF0: S_add(a, &n, cap, "d"); continue;
            case 0xFE: S_add(a, &n, cap, "th"); continue;
            case 0x131: S_add(a, &n, cap, "i"); continue;
            default: break;
        }
        /* strip marks: the first code point of the canonical decomposition */
        utf8proc_int32_t dec[8];
        int lb = 0;
        utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE, &lb);
        int32_t base = nd >= 1 ? dec[0] : cp;
        if (base < 0x80 && ((base >= 'a' && base <= 'z') || (base >= 'A' && base <= 'Z'))) {
            a[n++] = (char)(base | 0x20);
        } else if (base >= 0x3B1 && base <= 0x3C9) {
            size_t j = i;
            int32_t next = j < len ? concord_utf8_next(s, len, &j) : -1;
            if (next >= 0 && S_greek_pair(base, S_greek_base(next), a, &n, cap))
                i = j;
            else
                S_add(a, &n, cap, S_greek[base - 0x3B1]);
        } else if (base >= 0x430 && base <= 0x44F) {
            S_add(a, &n, cap, S_cyr[base - 0x430]); /* й ё after decomposition */
        } else if (concord_is_letter(base) || concord_is_digit(base)) {
            /* another script: keep its bytes, so its names still match themselves */
            for (size_t k = at; k < i && n + 1 < cap; k++)
                a[n++] = s[k];
        }
    }
    a[n] = '\0';
    return n;
}

static int S_at(const char *a, size_t n, size_t i, const char *lit)
{
    size_t l = strlen(lit);
    return i + l <= n && memcmp(a + i, lit, l) == 0;
}

/* Step 2, spelling variants one writing system gives another: k, c, q and
 * ch as one sound (Carver/Карвер, Kovac/Kovač/Ковач); s, z, sh, sch, zh as
 * one; h, kh and g as one (Horvalin/Горвалин, Khan/Han); w as v; j and y as
 * i (Tokajew/Tokayev/Токаев); th, ph, ck as t, f, c; doubled letters once;
 * an i between vowels dropped; the word's final vowels dropped (Russian and
 * Spanish endings: Valdoria/Валдории after stemming). */
#define S_MIN_STEM 6     /* final vowels go only from a longer key: "George" is not "Georgia" */
#define S_MIN_VARIANTS 5 /* shorter words keep their letters as they are */
size_t concord__name_key(const char *folded, size_t len, char *out, size_t cap)
{
    char a[96];
    if (cap < 2) {
        if (cap)
            out[0] = '\0';
        return 0;
    }
    size_t an = S_ascii(folded, len, a, sizeof a);
    size_t letters = 0;
    for (size_t i = 0; i < an; i++)
        letters += a[i] >= 'a' && a[i] <= 'z';
    if (letters < S_MIN_VARIANTS) { /* "N.J." and "N.Y.", "Hal" and "Hall" stay apart */
        size_t n = an < cap - 1 ? an : cap - 1;
        memcpy(out, a, n);
        out[n] = '\0';
        return n;
    }
    char b[96];
    size_t bn = 0;
    for (size_t i = 0; i < an && bn + 2 < sizeof b;) {
        char c = a[i];
        if (S_at(a, an, i, "tsch") || S_at(a, an, i, "shch")) {
            b[bn++] = S_at(a, an, i, "tsch") ? 'c' : 's';
            i += 4;
        } else if (S_at(a, an, i, "sch") || S_at(a, an, i, "tch")) {
            b[bn++] = c == 's' ? 's' : 'c';
            i += 3;
        } else if (S_at(a, an, i, "sh") || S_at(a, an, i, "zh")) {
            b[bn++] = 's';
            i += 2;
        } else if (S_at(a, an, i, "ch") || S_at(a, an, i, "ck")) {
            b[bn++] = 'c';
            i += 2;
        } else if (S_at(a, an, i, "kh") || S_at(a, an, i, "gh")) {
            b[bn++] = 'g';
            i += 2;
        } else if (S_at(a, an, i, "ph") || S_at(a, an, i, "th")) {
            b[bn++] = c == 'p' ? 'f' : 't';
            i += 2;
        } else {
            switch (c) {
                case 'k':
                case 'q': c = 'c'; break;
                case 'x':
                    b[bn++] = 'c';
                    c = 's';
                    break;
                case 'w': c = 'v'; break;
                case 'y':
                case 'j': c = 'i'; break;
                case 'z': c = 's'; break;
                case 'h': c = 'g'; break;
                default: break;
            }
            b[bn++] = c;
            i++;
        }
    }
    /* doubled letters once; i between vowels dropped */
    size_t on = 0;
    for (size_t i = 0; i < bn && on + 1 < cap; i++) {
        char c = b[i];
        if (on && out[on - 1] == c)
            continue;
        if (c == 'i' && on && S_vowel(out[on - 1]) && i + 1 < bn && S_vowel(b[i + 1]) &&
            b[i + 1] != 'i')
            continue;
        out[on++] = c;
    }
    size_t stem = on;
    while (stem > 0 && S_vowel(out[stem - 1]))
        stem--;
    int lone_i = on - stem == 1 && out[stem] == 'i';
    if (stem >= S_MIN_STEM && !lone_i)
        on = stem;
    out[on] = '\0';
    return on;
}
