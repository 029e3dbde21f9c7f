/* text.c: UTF-8, case folding, character classes, tokens, sentences,
 * stemming and stopwords (see concord/text.h for the contract). */
#include "concord/text.h"
#include "common/base_internal.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "abbreviations.inc"
#include "stopwords.inc"

/* ---------------------------------------------------------------- UTF-8 */

int32_t concord_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i;
    unsigned char c = p[0];
    if (c < 0x80) {
        *i += 1;
        return c;
    }
    int32_t cp;
    size_t need;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        cp = c & 0x07;
    } else {
        *i += 1;
        return -1;
    }
    if (left < need) {
        *i += 1;
        return -1;
    }
    for (size_t k = 1; k < need; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *i += 1;
            return -1;
        }
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    /* overlong, surrogate and out-of-range forms */
    if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i += 1;
        return -1;
    }
    *i += need;
    return cp;
}

size_t concord_utf8_put(int32_t cp, char out[4])
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int concord_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        if (c == 0 || concord_utf8_next(s, len, &i) < 0)
            return 0;
    }
    return 1;
}

char *concord_utf8_repair(const char *s, size_t len, size_t *out_len, size_t *n_bad,
                          size_t *first_bad)
{
    concord_buf b;
    concord_buf_init(&b);
    size_t bad = 0, first = len, i = 0, run = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        size_t at = i;
        int32_t cp = c == 0 ? -2 : concord_utf8_next(s, len, &i);
        if (cp >= 0)
            continue;
        if (cp == -2)
            i++;
        concord_buf_add(&b, s + run, at - run);
        concord_buf_adds(&b, cp == -2 ? " " : "\xEF\xBF\xBD");
        run = i;
        if (first == len)
            first = at;
        bad++;
    }
    concord_buf_add(&b, s + run, len - run);
    if (n_bad)
        *n_bad = bad;
    if (first_bad)
        *first_bad = first;
    return concord_buf_detach(&b, out_len);
}

/* ----------------------------------------------------- classes, folding */

int concord_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

int concord_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ND;
}

int concord_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int concord_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    if (cp == 0x85 || cp == 0xA0 || cp == 0xFEFF || cp == 0x200B)
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

int concord_is_quote(int32_t cp)
{
    switch (cp) {
        case '"':
        case '\'':
        case 0x201C:
        case 0x201D:
        case 0x201E:
        case 0x201F:
        case 0x2018:
        case 0x2019:
        case 0x201A:
        case 0x201B:
        case 0xAB:
        case 0xBB:
        case 0x2039:
        case 0x203A:
        case 0x300C:
        case 0x300D: return 1;
        default: return 0;
    }
}

char *concord_casefold(const char *s, size_t len, size_t *out_len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            break;
    if (i == len) { /* ASCII fast path: NFKC is the identity */
        char *r = concord_xmalloc(len + 1);
        for (i = 0; i < len; i++) {
            char c = s[i];
            r[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        r[len] = '\0';
        if (out_len)
            *out_len = len;
        return r;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                                      UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_IGNORE | UTF8PROC_STABLE);
    if (n < 0) { /* invalid UTF-8: repair and retry once */
        size_t rl;
        char *fixed = concord_utf8_repair(s, len, &rl, NULL, NULL);
        n = utf8proc_map((const utf8proc_uint8_t *)fixed, (utf8proc_ssize_t)rl, &dst,
                         UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
                             UTF8PROC_STABLE);
        free(fixed);
        if (n < 0) {
            if (out_len)
                *out_len = 0;
            return concord_xstrdup("");
        }
    }
    /* utf8proc allocates with malloc; hand it over as is. */
    if (out_len)
        *out_len = (size_t)n;
    return (char *)dst;
}

/* --------------------------------------------------------------- tokens */

static int S_is_word_cp(int32_t cp)
{
    return concord_is_letter(cp) || concord_is_digit(cp);
}

/* ASCII letters and digits by class (0: any other byte). */
enum { S_TC_LOWER = 1, S_TC_UPPER = 2, S_TC_DIGIT = 3 };
#define S_TC_RANGE(a, k) [a] = k, [a + 1] = k, [a + 2] = k, [a + 3] = k, [a + 4] = k
static const unsigned char S_tok_class[256] = {
    S_TC_RANGE('0', S_TC_DIGIT), S_TC_RANGE('5', S_TC_DIGIT), S_TC_RANGE('a', S_TC_LOWER),
    S_TC_RANGE('f', S_TC_LOWER), S_TC_RANGE('k', S_TC_LOWER), S_TC_RANGE('p', S_TC_LOWER),
    S_TC_RANGE('u', S_TC_LOWER), ['z'] = S_TC_LOWER,          S_TC_RANGE('A', S_TC_UPPER),
    S_TC_RANGE('F', S_TC_UPPER), S_TC_RANGE('K', S_TC_UPPER), S_TC_RANGE('P', S_TC_UPPER),
    S_TC_RANGE('U', S_TC_UPPER), ['Z'] = S_TC_UPPER};
#undef S_TC_RANGE

size_t concord_tokenize(const char *s, size_t len, concord_token **toks, size_t *n, size_t *cap)
{
    size_t added = 0, i = 0;
    while (i < len) {
        size_t st = i;
        int numeric, upper, letter;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII: no call per character */
            i++;
            numeric = (unsigned)(c - '0') < 10u;
            letter = (unsigned)((c | 0x20) - 'a') < 26u;
            if (!numeric && !letter)
                continue;
            upper = (unsigned)(c - 'A') < 26u;
        } else {
            int32_t cp = concord_utf8_next(s, len, &i);
            if (cp < 0 || !S_is_word_cp(cp))
                continue;
            numeric = concord_is_digit(cp);
            upper = concord_is_upper(cp);
            letter = concord_is_letter(cp);
        }
        size_t letters = (size_t)letter, uppers = (size_t)upper;
        size_t end = i;
        for (;;) {
            /* ASCII letters and digits: one table load a byte */
            while (end < len) {
                unsigned char k = S_tok_class[(unsigned char)s[end]];
                if (!k)
                    break;
                letters += k != S_TC_DIGIT;
                uppers += k == S_TC_UPPER;
                end++;
            }
            if (end >= len)
                break;
            unsigned char byte = (unsigned char)s[end];
            if (byte < 0x80 && byte != '\'' && byte != '.' && byte != ',')
                break;
            size_t j = end;
            int32_t d = concord_utf8_next(s, len, &j);
            if (d >= 0 && S_is_word_cp(d)) {
                if (concord_is_letter(d)) {
                    letters++;
                    uppers += concord_is_upper(d);
                }
                end = j;
                continue;
            }
            /* inner joiners: apostrophes, digit separators, abbreviation dots */
            if (d == '\'' || d == 0x2019 || d == '.' || d == ',') {
                size_t k = j;
                if (k >= len)
                    break;
                int32_t e = concord_utf8_next(s, len, &k);
                int32_t prev;
                {
                    /* previous code point: walk back over continuation bytes */
                    size_t p = end - 1;
                    while (p > st && ((unsigned char)s[p] & 0xC0) == 0x80)
                        p--;
                    size_t q = p;
                    prev = concord_utf8_next(s, len, &q);
                }
                int ok = 0;
                if (d == ',')
                    ok = concord_is_digit(prev) && concord_is_digit(e) && numeric;
                else if (d == '.')
                    ok = (concord_is_digit(prev) && concord_is_digit(e)) ||
                         (concord_is_letter(prev) && concord_is_letter(e) && end - st <= 2 &&
                          !numeric);
                else
                    ok = concord_is_letter(prev) && concord_is_letter(e);
                if (ok) {
                    end = k;
                    if (concord_is_letter(e)) {
                        letters++;
                        uppers += concord_is_upper(e);
                    }
                    /* after "U.S": continue the abbreviation and take its final dot */
                    if (d == '.' && concord_is_letter(e) && k < len && s[k] == '.') {
                        size_t m = k + 1;
                        if (m >= len || !S_is_word_cp((unsigned char)s[m]))
                            end = m;
                    }
                    continue;
                }
            }
            break;
        }
        CONCORD_GROW(*toks, *cap, *n + 1);
        concord_token *t = &(*toks)[(*n)++];
        t->start = (uint32_t)st;
        t->end = (uint32_t)end;
        t->flags = (numeric ? CONCORD_TOK_NUMBER : 0) | (upper ? CONCORD_TOK_CAP : 0) |
                   (letters >= 2 && uppers == letters ? CONCORD_TOK_ALLCAPS : 0);
        added++;
        i = end;
    }
    return added;
}

/* ------------------------------------------------------------ lexicons */

typedef struct {
    uint64_t *keys;
    unsigned char *vals;
    size_t mask;
} S_set;

static void S_set_add(S_set *set, uint64_t h, unsigned char v)
{
    size_t i = (size_t)h & set->mask;
    while (set->keys[i] && set->keys[i] != h)
        i = (i + 1) & set->mask;
    set->keys[i] = h;
    set->vals[i] = v;
}

static int S_set_get(const S_set *set, uint64_t h)
{
    size_t i = (size_t)h & set->mask;
    while (set->keys[i]) {
        if (set->keys[i] == h)
            return set->vals[i];
        i = (i + 1) & set->mask;
    }
    return 0;
}

static void S_set_init(S_set *set, size_t n)
{
    size_t cap = 16;
    while (cap < n * 3)
        cap *= 2;
    set->keys = concord_xcalloc(cap, sizeof *set->keys);
    set->vals = concord_xcalloc(cap, 1);
    set->mask = cap - 1;
}

static S_set S_stop, S_abbrev;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

/* The same hash analyze.c keeps per word (concord_hash, seed 0), so a word's
 * stopword status can be looked up from its hash alone; 0 is the empty slot. */
static uint64_t S_word_hash(const char *w, size_t n)
{
    uint64_t h = concord_hash(w, n, 0);
    return h ? h : 1;
}

static void S_init_lexicons(void)
{
    S_set_init(&S_stop, stopwords_count);
    for (size_t i = 0; i < stopwords_count; i++) {
        const char *w = stopwords_lines[i];
        S_set_add(&S_stop, S_word_hash(w, strlen(w)), 1);
        /* typographic apostrophe variant */
        const char *ap = strchr(w, '\'');
        if (ap) {
            char tmp[64];
            size_t pre = (size_t)(ap - w), post = strlen(ap + 1);
            if (pre + 3 + post < sizeof tmp) {
                memcpy(tmp, w, pre);
                memcpy(tmp + pre, "\xE2\x80\x99", 3);
                memcpy(tmp + pre + 3, ap + 1, post);
                S_set_add(&S_stop, S_word_hash(tmp, pre + 3 + post), 1);
            }
        }
    }
    S_set_init(&S_abbrev, abbreviations_count);
    for (size_t i = 0; i < abbreviations_count; i++) {
        const char *w = abbreviations_lines[i];
        const char *tab = strchr(w, '\t');
        size_t n = tab ? (size_t)(tab - w) : strlen(w);
        int is_name = tab && strcmp(tab + 1, "name") == 0;
        S_set_add(&S_abbrev, S_word_hash(w, n), (unsigned char)(is_name ? 2 : 1));
    }
}

int concord_is_stopword(const char *folded, size_t len)
{
    pthread_once(&S_once, S_init_lexicons);
    return S_set_get(&S_stop, S_word_hash(folded, len)) != 0;
}

int concord_is_stopword_hash(uint64_t fold_hash)
{
    pthread_once(&S_once, S_init_lexicons);
    return S_set_get(&S_stop, fold_hash ? fold_hash : 1) != 0;
}

/* 0: not an abbreviation, 1: ordinary, 2: always precedes a name */
static int S_abbrev_kind(const char *w, size_t n)
{
    char tmp[16];
    if (n == 0 || n >= sizeof tmp)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80)
            return 0;
        tmp[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    pthread_once(&S_once, S_init_lexicons);
    return S_set_get(&S_abbrev, S_word_hash(tmp, n));
}

/* ------------------------------------------------------------ sentences */

/* Full-width marks end a sentence without a following space (CJK). */
static int S_is_cjk_terminal(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

static int S_is_terminal(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || S_is_cjk_terminal(cp);
}

static int S_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int S_is_closer(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == ')' || cp == ']' ||
           cp == 0xBB || cp == 0x203A;
}

static int S_is_opener(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == '(' || cp == '[' ||
           cp == 0xAB || cp == 0x201E || cp == 0x2039;
}

static void S_push_span(const char *s, size_t a, size_t b, concord_span **spans, size_t *n,
                        size_t *cap, size_t *added)
{
    while (a < b) {
        size_t j = a;
        int32_t cp = concord_utf8_next(s, b, &j);
        if (cp >= 0 && !concord_is_space(cp))
            break;
        a = j;
    }
    while (b > a) {
        size_t p = b - 1;
        while (p > a && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        size_t q = p;
        int32_t cp = concord_utf8_next(s, b, &q);
        if (cp >= 0 && !concord_is_space(cp))
            break;
        b = p;
    }
    if (b <= a)
        return;
    CONCORD_GROW(*spans, *cap, *n + 1);
    (*spans)[*n].start = (uint32_t)a;
    (*spans)[*n].end = (uint32_t)b;
    (*n)++;
    (*added)++;
}

/* Word ending right before position p (letters, digits and dots), for the
 * abbreviation check. */
static void S_word_before(const char *s, size_t p, size_t *ws)
{
    size_t a = p;
    while (a > 0) {
        unsigned char c = (unsigned char)s[a - 1];
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            a--;
        else if (c == '.' && a >= 2 && a - 1 < p)
            a--;
        else if (c == '\'')
            a--;
        else
            break;
    }
    while (a < p && s[a] == '.')
        a++;
    *ws = a;
}

/* 1 for an ASCII byte that neither ends a line nor a sentence (a table
 * made once: one load a byte in the scan). */
static unsigned char S_sentence_plain[256];
static pthread_once_t S_sentence_once = PTHREAD_ONCE_INIT;
static void S_sentence_init(void)
{
    for (int c = 0; c < 0x80; c++)
        S_sentence_plain[c] = c != '\n' && c != '.' && c != '!' && c != '?';
}

size_t concord_sentences(const char *s, size_t len, concord_span **spans, size_t *n, size_t *cap)
{
    pthread_once(&S_sentence_once, S_sentence_init);
    size_t added = 0, start = 0, i = 0;
    while (i < len) {
        /* ASCII other than a line break or a terminal mark: nothing to do */
        while (i < len && S_sentence_plain[(unsigned char)s[i]])
            i++;
        if (i >= len)
            break;
        size_t at = i;
        int32_t cp = concord_utf8_next(s, len, &i);
        if (cp == '\n') {
            S_push_span(s, start, at, spans, n, cap, &added);
            start = i;
            continue;
        }
        if (!S_is_terminal(cp))
            continue;
        /* take the whole cluster of terminal marks and closing quotes */
        size_t end = i;
        int only_dots = cp == '.';
        for (;;) {
            if (end >= len)
                break;
            size_t j = end;
            int32_t d = concord_utf8_next(s, len, &j);
            if (S_is_terminal(d)) {
                if (d != '.')
                    only_dots = 0;
                end = j;
            } else if (S_is_closer(d)) {
                end = j;
            } else {
                break;
            }
        }
        if (end >= len) {
            i = end;
            break;
        }
        if (S_is_cjk_terminal(cp)) {
            S_push_span(s, start, end, spans, n, cap, &added);
            start = i = end;
            continue;
        }
        /* need whitespace after */
        size_t j = end;
        int32_t d = concord_utf8_next(s, len, &j);
        if (d < 0 || !concord_is_space(d)) {
            i = end > i ? end : i;
            continue;
        }
        size_t k = j;
        int32_t nx = -1;
        while (k < len) {
            size_t kk = k;
            nx = concord_utf8_next(s, len, &kk);
            if (nx == '\n' || nx < 0 || !concord_is_space(nx))
                break;
            k = kk;
        }
        if (nx == '\n') { /* the line break ends the sentence anyway */
            i = end;
            continue;
        }
        /* what follows must look like a sentence start */
        size_t kk = k;
        int32_t first = nx;
        if (S_is_opener(nx)) {
            concord_utf8_next(s, len, &kk);
            if (kk < len) {
                size_t t = kk;
                first = concord_utf8_next(s, len, &t);
            }
        }
        int starts = first >= 0 && !S_is_lower(first) && first != ',' && first != ';' &&
                     first != ')' && first != ']';
        if (!starts) {
            i = end;
            continue;
        }
        if (only_dots && cp == '.' && end - at <= 2) {
            size_t ws;
            S_word_before(s, at, &ws);
            size_t wl = at - ws;
            int kind = S_abbrev_kind(s + ws, wl);
            /* next word, to tell "the U.S. The" from "the U.S. Army" */
            size_t nw_end = kk;
            while (nw_end < len && (((unsigned char)s[nw_end] | 0x20) >= 'a' &&
                                    ((unsigned char)s[nw_end] | 0x20) <= 'z'))
                nw_end++;
            char low[32];
            size_t nl = nw_end - kk;
            int next_is_opener = 0;
            if (nl > 0 && nl < sizeof low) {
                for (size_t q = 0; q < nl; q++)
                    low[q] = (char)(s[kk + q] | 0x20);
                next_is_opener = concord_is_stopword(low, nl);
            }
            int initial = wl == 1 && concord_is_upper((unsigned char)s[ws]);
            int dotted = wl >= 3 && memchr(s + ws, '.', wl) != NULL;
            if (kind == 2 || (initial && !concord_is_digit(first)) ||
                ((kind == 1 || dotted) && !next_is_opener) ||
                (concord_is_digit(first) && kind == 1)) {
                i = end;
                continue;
            }
        }
        S_push_span(s, start, end, spans, n, cap, &added);
        start = j;
        i = j;
    }
    S_push_span(s, start, len, spans, n, cap, &added);
    return added;
}

/* ------------------------------------------------------------- stemming */

struct concord_stemmer {
    struct sb_stemmer *sb;
};

concord_stemmer *concord_stemmer_new(const char *language)
{
    concord_stemmer *st = concord_xcalloc(1, sizeof *st);
    st->sb = sb_stemmer_new(language ? language : "english", "UTF_8");
    if (!st->sb)
        st->sb = sb_stemmer_new("english", "UTF_8");
    if (!st->sb) /* libstemmer always has english: a broken installation */
        concord__fatal("cannot create a Snowball stemmer");
    return st;
}

void concord_stemmer_free(concord_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    free(st);
}

const char *concord_stem(concord_stemmer *st, const char *word, size_t len, size_t *out_len)
{
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
    if (!r) { /* only on out-of-memory inside libstemmer: fall back to the word */
        if (out_len)
            *out_len = len;
        return word;
    }
    if (out_len)
        *out_len = (size_t)sb_stemmer_length(st->sb);
    return (const char *)r;
}
