/* figures_extract.c: reported quantities of one article (see concord/figures.h).
 *
 * One pass tokenizes the cleaned text into light tokens (byte ranges, a word
 * id from the figure lexicons, parsed digit values), then each sentence is
 * scanned for numbers; every number is read with its qualifier, range,
 * counted noun phrase, measure word (after the phrase, else before the
 * number), place and attribution.  All vocabulary comes from data/ lexicons. */
#include "concord/figures.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "attribution_verbs.inc"
#include "figure_glue.inc"
#include "figure_measures.inc"
#include "figure_nonunits.inc"
#include "figure_official.inc"
#include "figure_qualifiers.inc"
#include "figure_retraction.inc"
#include "figure_subjects.inc"
#include "figure_calendar.inc"
#include "figure_background.inc"
#include "figure_selfkill.inc"
#include "figure_title_cues.inc"
#include "figure_roundup.inc"
#include "figure_streets.inc"
#include "figure_units.inc"
#include "month_names.inc"
#include "number_words.inc"

/* ---- lexicon ------------------------------------------------------------ */

#define S_WORD_MAX 31 /* longer words never match a lexicon entry */
#define S_PHRASE_MAX 6

enum { /* per-word flags */
       S_GL_AUX = 1 << 0,
       S_GL_BACK = 1 << 1,
       S_GL_STOP = 1 << 2,
       S_GL_PASS = 1 << 3,
       S_GL_DET = 1 << 4,
       S_GL_INCL = 1 << 5,
       S_GL_NEG = 1 << 11,
       S_GL_REL = 1 << 12,
       S_GL_PLURAL = 1 << 13,
       S_STREET = 1 << 14,
       S_GL_PREP = 1 << 15,
       S_OFFICIAL = 1 << 6,
       S_RETRACT = 1 << 7,
       S_MONTH = 1 << 8,
       S_NU_AFTER = 1 << 9,
       S_NU_BEFORE = 1 << 10
};
/* word flags kept only in S_word.flags (the token's lf holds the low 16 bits) */
#define S_GL_MODAL (1u << 21) /* "could", "might": what may happen is no count */
#define S_GL_ADDL (1u << 20)
#define S_GL_REFL (1u << 23)   /* "himself": a measure verb's object that is its subject */
#define S_GL_WALKIN (1u << 24) /* "walked", "showed": victims who came to a hospital themselves */
#define S_SELFKILL_END (1u << 25) /* last word of a data/figure_selfkill.txt phrase */
#define S_GL_INF                                                                                   \
    (1u                                                                                            \
     << 22) /* "to": a measure verb right after it is an infinitive */ /* "also", "second": another victim than one already counted */

enum {
    S_C_NUMBER,
    S_C_QUAL,
    S_C_MEASURE,
    S_C_SUBJECT,
    S_C_ATTR,
    S_C_NONUNIT,
    S_C_OFFICIAL,
    S_C_RETRACT,
    S_C_BACKGROUND,
    S_C_SELFKILL,
    S_C_ROUNDUP,
    S_C_UNIT,
    S_NCAT
};

enum { /* number word kinds */
       S_N_CARD = 1,
       S_N_TENS,
       S_N_SCALE,
       S_N_DOZEN,
       S_N_VAGUE,
       S_N_ARTICLE,
       S_N_ZERO,
       S_N_MULTIPLE,
       S_N_PRON,
       S_N_DEFINITE,
       S_N_NAME
};
enum { S_Q_LOW = 1, S_Q_LOWX, S_Q_HIGH, S_Q_HIGHX, S_Q_NEAR, S_Q_APPROX, S_Q_RANGE };
enum { S_R_AFTER = 1, S_R_BEFORE = 2, S_R_BOTH = 3, S_R_MULT = 4 };
enum {
    S_K_PERSON = 1,
    S_K_SECURITY,
    S_K_TROOPS,
    S_K_EQUIPMENT,
    S_K_DURATION,
    S_K_MONEY,
    S_K_PERCENT,
    S_K_CONTAINER
};

typedef struct {
    int nw;
    int32_t w[S_PHRASE_MAX];
    int next;    /* next phrase of the same category with the same first word */
    int a, b, c; /* payload: kind / measure / role / class ... */
    double v;
    double v2;       /* units: offset; vague numbers: the exclusive upper bound */
    const char *str; /* canonical text (qualifier phrase, subject, unit) */
} S_phrase;

/* A currency written before the number ("$", "Rs", "US$"): key -> ISO code. */
typedef struct {
    char key[8];
    const char *code;
} S_cur;

typedef struct {
    char key[S_WORD_MAX + 1];
    uint32_t klen;
    uint32_t flags;
    uint32_t lf; /* flags, and bit 16 + category when a phrase of that category starts here */
    int first[S_NCAT];
} S_word;

static struct {
    S_word *words;
    size_t n_words, cap_words;
    int32_t *table;    /* open addressing: word index or -1 */
    uint32_t *table_h; /* high hash bits of each slot's word */
    size_t table_cap;
    S_phrase *phrases;
    size_t n_phrases, cap_phrases;
    char **strings; /* owned canonical strings */
    size_t n_strings, cap_strings;
    S_cur cur[64];
    size_t n_cur;
} S_lex;

static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static uint64_t S_hash(const char *s, size_t n)
{
    /* eight bytes at a time: words are short, and this runs once per token */
    uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w = 0;
        memcpy(&w, s + i, n - i < 8 ? n - i : 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    return h ^ (h >> 29);
}

static int32_t S_find_h(const char *s, size_t n, uint64_t h)
{
    if (n == 0 || n > S_WORD_MAX || S_lex.table_cap == 0)
        return -1;
    size_t mask = S_lex.table_cap - 1;
    uint32_t hi = (uint32_t)(h >> 32);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        int32_t w = S_lex.table[i];
        if (w < 0)
            return -1;
        if (S_lex.table_h[i] != hi)
            continue;
        const S_word *e = &S_lex.words[w];
        if (e->klen == n && memcmp(e->key, s, n) == 0)
            return w;
    }
}

static int32_t S_find(const char *s, size_t n)
{
    return S_find_h(s, n, S_hash(s, n));
}

static void S_slot(int32_t w)
{
    size_t mask = S_lex.table_cap - 1;
    uint64_t h = S_hash(S_lex.words[w].key, S_lex.words[w].klen);
    for (size_t i = h & mask;; i = (i + 1) & mask)
        if (S_lex.table[i] < 0) {
            S_lex.table[i] = w;
            S_lex.table_h[i] = (uint32_t)(h >> 32);
            return;
        }
}

static int32_t S_intern(const char *s, size_t n)
{
    if (n == 0 || n > S_WORD_MAX)
        return -1;
    int32_t w = S_find(s, n);
    if (w >= 0)
        return w;
    if ((S_lex.n_words + 1) * 4 > S_lex.table_cap) {
        size_t cap = S_lex.table_cap ? S_lex.table_cap * 2 : 4096;
        free(S_lex.table);
        free(S_lex.table_h);
        S_lex.table = concord_xmalloc(cap * sizeof *S_lex.table);
        S_lex.table_h = concord_xmalloc(cap * sizeof *S_lex.table_h);
        for (size_t i = 0; i < cap; i++)
            S_lex.table[i] = -1;
        S_lex.table_cap = cap;
        for (size_t k = 0; k < S_lex.n_words; k++)
            S_slot((int32_t)k);
    }
    CONCORD_GROW(S_lex.words, S_lex.cap_words, S_lex.n_words + 1);
    S_word *e = &S_lex.words[S_lex.n_words];
    memset(e, 0, sizeof *e);
    memcpy(e->key, s, n);
    e->klen = (uint32_t)n;
    for (int c = 0; c < S_NCAT; c++)
        e->first[c] = -1;
    w = (int32_t)S_lex.n_words++;
    S_slot(w);
    return w;
}

static const char *S_string(const char *s, size_t n)
{
    CONCORD_GROW(S_lex.strings, S_lex.cap_strings, S_lex.n_strings + 1);
    char *c = concord_xstrndup(s, n);
    S_lex.strings[S_lex.n_strings++] = c;
    return c;
}

/* Splits a line into TAB fields (at most 6); returns the count. */
static int S_fields(const char *line, const char **f, size_t *fl)
{
    int n = 0;
    const char *p = line;
    while (n < 6) {
        const char *t = strchr(p, '\t');
        f[n] = p;
        fl[n] = t ? (size_t)(t - p) : strlen(p);
        n++;
        if (!t)
            break;
        p = t + 1;
    }
    return n;
}

static int S_is(const char *f, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(f, lit, n) == 0;
}

/* Adds a phrase (words split on spaces and hyphens) of category cat. */
static S_phrase *S_add_phrase(int cat, const char *s, size_t n)
{
    S_phrase p;
    memset(&p, 0, sizeof p);
    size_t i = 0;
    while (i < n && p.nw < S_PHRASE_MAX) {
        while (i < n && (s[i] == ' ' || s[i] == '-'))
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '-')
            j++;
        if (j > i) {
            char low[S_WORD_MAX + 1];
            size_t k = 0;
            for (size_t q = i; q < j && k < S_WORD_MAX; q++)
                low[k++] = (s[q] >= 'A' && s[q] <= 'Z') ? (char)(s[q] + 32) : s[q];
            p.w[p.nw++] = S_intern(low, k);
        }
        i = j;
    }
    if (p.nw == 0)
        return NULL;
    S_word *head = &S_lex.words[p.w[0]];
    p.next = head->first[cat];
    CONCORD_GROW(S_lex.phrases, S_lex.cap_phrases, S_lex.n_phrases + 1);
    head->first[cat] = (int)S_lex.n_phrases;
    S_lex.phrases[S_lex.n_phrases] = p;
    return &S_lex.phrases[S_lex.n_phrases++];
}

/* Adds the first field of each lexicon line as a phrase of category cat. */
static void S_add_phrases(int cat, const char *const *lines, size_t n)
{
    const char *f[8];
    size_t fl[8];
    for (size_t i = 0; i < n; i++) {
        S_fields(lines[i], f, fl);
        S_add_phrase(cat, f[0], fl[0]);
    }
}

static int S_measure_code(const char *f, size_t n)
{
    static const char *const names[] = {
        "killed",   "injured",   "detained", "missing", "evacuated", "displaced",
        "troops",   "equipment", "money",    "percent", "duration",  "age",
        "distance", "speed",     "weight",   "area",    "volume",    "temperature",
        "data",     "score",     "count",    "other",   "shot"};
    for (int m = 0; m < CONCORD_FIG_N_MEASURES; m++)
        if (S_is(f, n, names[m]))
            return m;
    return CONCORD_FIG_OTHER;
}

static void S_word_flag(const char *f, size_t n, uint32_t flag)
{
    char low[S_WORD_MAX + 1];
    if (n > S_WORD_MAX)
        return;
    for (size_t k = 0; k < n; k++)
        low[k] = (f[k] >= 'A' && f[k] <= 'Z') ? (char)(f[k] + 32) : f[k];
    int32_t w = S_intern(low, n);
    if (w >= 0)
        S_lex.words[w].flags |= flag;
}

/* data/number_words.txt: number words ("two", "dozens", "a") and their kinds. */
static void S_load_numbers(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < number_words_count; i++) {
        if (S_fields(number_words_lines[i], f, fl) < 3)
            continue;
        static const char *const kinds[] = {"",         "card",  "tens",    "scale",
                                            "dozen",    "vague", "article", "zero",
                                            "multiple", "pron",  "definite"};
        int kind = 0;
        for (int k = 1; k < (int)(sizeof kinds / sizeof *kinds); k++)
            if (S_is(f[2], fl[2], kinds[k]))
                kind = k;
        S_phrase *p = S_add_phrase(S_C_NUMBER, f[0], fl[0]);
        if (p) {
            p->a = kind;
            p->v = strtod(f[1], NULL);
            p->v2 = S_fields(number_words_lines[i], f, fl) > 3 ? strtod(f[3], NULL) : INFINITY;
        }
    }
}

/* data/figure_qualifiers.txt: "at least", "nearly", "between". */
static void S_load_qualifiers(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < figure_qualifiers_count; i++) {
        if (S_fields(figure_qualifiers_lines[i], f, fl) < 2)
            continue;
        static const char *const kinds[] = {"",      "low",  "lowx",   "high",
                                            "highx", "near", "approx", "range"};
        int kind = 0;
        for (int k = 1; k < (int)(sizeof kinds / sizeof *kinds); k++)
            if (S_is(f[1], fl[1], kinds[k]))
                kind = k;
        S_phrase *p = S_add_phrase(S_C_QUAL, f[0], fl[0]);
        if (p) {
            p->a = kind;
            p->str = S_string(f[0], fl[0]);
        }
    }
}

/* data/figure_measures.txt: measure words ("killed", "were injured") and
 * on which side of the count they stand. */
static void S_load_measures(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < figure_measures_count; i++) {
        int nf = S_fields(figure_measures_lines[i], f, fl);
        if (nf < 4)
            continue;
        S_phrase *p = S_add_phrase(S_C_MEASURE, f[0], fl[0]);
        if (!p)
            continue;
        p->a = S_measure_code(f[1], fl[1]);
        p->b = S_is(f[2], fl[2], "after")    ? S_R_AFTER
               : S_is(f[2], fl[2], "before") ? S_R_BEFORE
               : S_is(f[2], fl[2], "mult")   ? S_R_MULT
                                             : S_R_BOTH;
        p->c = S_is(f[3], fl[3], "verb");
        p->v = nf > 4 && S_is(f[4], fl[4], "notby");
    }
}

/* data/figure_subjects.txt: subject nouns ("officers", "people") and their
 * class and number. */
static void S_load_subjects(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < figure_subjects_count; i++) {
        if (S_fields(figure_subjects_lines[i], f, fl) < 4)
            continue;
        static const char *const kinds[] = {"",       "person",    "security",
                                            "troops", "equipment", "duration",
                                            "money",  "percent",   "container"};
        int kind = 0;
        for (int k = 1; k < (int)(sizeof kinds / sizeof *kinds); k++)
            if (S_is(f[2], fl[2], kinds[k]))
                kind = k;
        S_phrase *p = S_add_phrase(S_C_SUBJECT, f[0], fl[0]);
        if (p) {
            p->a = kind;
            p->b = S_is(f[3], fl[3], "sg");
            p->str = S_string(f[1], fl[1]);
        }
    }
}

/* data/attribution_verbs.txt: "said", "according to". */
static void S_load_attributions(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < attribution_verbs_count; i++) {
        if (S_fields(attribution_verbs_lines[i], f, fl) < 2)
            continue;
        S_phrase *p = S_add_phrase(S_C_ATTR, f[0], fl[0]);
        if (p)
            p->a = S_is(f[1], fl[1], "prep");
    }
}

/* data/figure_glue.txt: flags of function words (aux, det, neg, ...). */
static void S_load_glue(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < figure_glue_count; i++) {
        if (S_fields(figure_glue_lines[i], f, fl) < 2)
            continue;
        uint32_t flag = S_is(f[1], fl[1], "aux")      ? S_GL_AUX
                        : S_is(f[1], fl[1], "back")   ? S_GL_BACK
                        : S_is(f[1], fl[1], "stop")   ? S_GL_STOP
                        : S_is(f[1], fl[1], "pass")   ? S_GL_PASS
                        : S_is(f[1], fl[1], "det")    ? S_GL_DET
                        : S_is(f[1], fl[1], "incl")   ? S_GL_INCL
                        : S_is(f[1], fl[1], "neg")    ? S_GL_NEG
                        : S_is(f[1], fl[1], "rel")    ? S_GL_REL
                        : S_is(f[1], fl[1], "plural") ? S_GL_PLURAL
                        : S_is(f[1], fl[1], "prep")   ? S_GL_PREP
                        : S_is(f[1], fl[1], "addl")   ? S_GL_ADDL
                        : S_is(f[1], fl[1], "modal")  ? S_GL_MODAL
                        : S_is(f[1], fl[1], "inf")    ? S_GL_INF
                        : S_is(f[1], fl[1], "refl")   ? S_GL_REFL
                        : S_is(f[1], fl[1], "walkin") ? S_GL_WALKIN
                                                      : 0;
        S_word_flag(f[0], fl[0], flag);
    }
}

/* data/figure_nonunits.txt: words right after or before a number that make
 * it no count ("3100 block", "Route 66"). */
static void S_load_nonunits(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < figure_nonunits_count; i++) {
        if (S_fields(figure_nonunits_lines[i], f, fl) < 2)
            continue;
        if (S_is(f[1], fl[1], "before")) {
            S_word_flag(f[0], fl[0], S_NU_BEFORE);
        } else {
            S_phrase *p = S_add_phrase(S_C_NONUNIT, f[0], fl[0]);
            if (p)
                p->a = S_fields(figure_nonunits_lines[i], f, fl) > 2 && S_is(f[2], fl[2], "people");
        }
    }
}

/* data/figure_selfkill.txt: phrases of a suicide, their last word flagged
 * for the cheap test. */
static void S_load_selfkill(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < figure_selfkill_count; i++) {
        S_fields(figure_selfkill_lines[i], f, fl);
        S_add_phrase(S_C_SELFKILL, f[0], fl[0]);
        size_t b = fl[0];
        while (b > 0 && f[0][b - 1] != ' ')
            b--;
        S_word_flag(f[0] + b, fl[0] - b, S_SELFKILL_END);
    }
}

/* data/figure_units.txt: units after a number and currency signs before it. */
static void S_load_units(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < figure_units_count; i++) {
        int nf = S_fields(figure_units_lines[i], f, fl);
        if (nf < 4)
            continue;
        if (nf > 4 && S_is(f[4], fl[4], "before")) {
            if (fl[0] < sizeof S_lex.cur[0].key &&
                S_lex.n_cur < sizeof S_lex.cur / sizeof *S_lex.cur) {
                S_cur *cu = &S_lex.cur[S_lex.n_cur++];
                memcpy(cu->key, f[0], fl[0]);
                cu->key[fl[0]] = 0;
                cu->code = S_string(f[2], fl[2]);
            }
            continue;
        }
        S_phrase *p = S_add_phrase(S_C_UNIT, f[0], fl[0]);
        if (!p)
            continue;
        p->a = S_measure_code(f[1], fl[1]);
        p->str = S_string(f[2], fl[2]);
        p->v = strtod(f[3], NULL);
        p->v2 = nf > 4 ? strtod(f[4], NULL) : 0;
    }
}

/* Street words (addresses), calendar words and month names (never a
 * person's name): flags of single words. */
static void S_load_dates_streets(void)
{
    const char *f[6];
    size_t fl[6];
    for (size_t i = 0; i < figure_streets_count; i++) {
        S_fields(figure_streets_lines[i], f, fl);
        S_word_flag(f[0], fl[0], S_STREET);
    }
    for (size_t i = 0; i < figure_calendar_count; i++) {
        S_fields(figure_calendar_lines[i], f, fl);
        S_word_flag(f[0], fl[0], S_MONTH);
    }
    for (size_t i = 0; i < month_names_count; i++) {
        if (S_fields(month_names_lines[i], f, fl) < 2 || S_is(f[1], fl[1], "0"))
            continue;
        S_word_flag(f[0], fl[0], S_MONTH);
    }
}

/* Each word's flags and, in bits 16 and up, the categories of the phrases
 * it starts: one load tells the scanners whether to look further. */
static void S_lookup_flags(void)
{
    for (size_t w = 0; w < S_lex.n_words; w++) {
        S_word *e = &S_lex.words[w];
        e->lf = e->flags & 0xFFFF;
        for (int cat = 0; cat < S_NCAT; cat++)
            if (e->first[cat] >= 0)
                e->lf |= 1u << (16 + cat);
    }
}

/* Reads the lexicons (the data/ files, through lexgen) into S_lex, once. */
static void S_load(void)
{
    /* ages written "6 yr old" (S_mark_ages) */
    S_intern("yr", 2);
    S_intern("yrs", 3);
    S_intern("old", 3);
    S_load_numbers();
    S_load_qualifiers();
    S_load_measures();
    S_load_subjects();
    S_load_attributions();
    S_load_glue();
    S_load_nonunits();
    S_add_phrases(S_C_OFFICIAL, figure_official_lines, figure_official_count);
    S_add_phrases(S_C_RETRACT, figure_retraction_lines, figure_retraction_count);
    S_add_phrases(S_C_ROUNDUP, figure_roundup_lines, figure_roundup_count);
    S_load_selfkill();
    S_add_phrases(S_C_BACKGROUND, figure_background_lines, figure_background_count);
    S_load_units();
    S_load_dates_streets();
    S_lookup_flags();
}

/* ---- tokens ------------------------------------------------------------- */

enum { S_T_WORD = 1, S_T_NUM, S_T_PUNCT };
enum {
    S_F_GLUED = 1 << 0,
    S_F_CAP = 1 << 1,
    S_F_SUFFIX = 1 << 2,
    S_F_AGE = 1 << 3,
    S_F_COMMA_NUM = 1 << 4,
    S_F_NL = 1 << 5
};

typedef struct {
    uint32_t start, end;
    int32_t wid;
    uint32_t lf; /* the word's flags, and bit 16 + category when a phrase of it starts here */
    uint32_t sent;
    uint8_t type;
    uint8_t flags;
    char pc;    /* punctuation class ('-', '"', '.', ...) */
    double num; /* digits value, -1 when absurd */
} S_tok;

/* Punctuation class of a non-ASCII code point, 0 when it is a word character,
 * ' ' when it is a space. */
static char S_uclass(int32_t cp)
{
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
        cp == 0x3000 || cp == 0xFEFF)
        return ' ';
    if (cp >= 0x2010 && cp <= 0x2015)
        return '-';
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0x2032)
        return '\'';
    if ((cp >= 0x201C && cp <= 0x201F) || cp == 0xAB || cp == 0xBB || cp == 0x2039 ||
        cp == 0x203A || (cp >= 0x300C && cp <= 0x300F))
        return '"';
    if (cp == 0x2026 || cp == 0x3002)
        return '.';
    if ((cp >= 0x2016 && cp <= 0x205E) || (cp >= 0x3001 && cp <= 0x3011) || cp == 0xA1 ||
        cp == 0xBF || cp == 0xB7 || cp == 0xA7 || cp == 0xB6 || cp == 0xA9 || cp == 0xAE)
        return '*';
    if (cp == 0x20AC || cp == 0xA3 || cp == 0xA5)
        return '$';
    return 0;
}

static int32_t S_decode(const unsigned char *s, size_t len, size_t i, size_t *adv)
{
    unsigned char c = s[i];
    int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n == 1 || i + (size_t)n > len) {
        *adv = 1;
        return -1;
    }
    int32_t cp = c & (0x3F >> (n - 1));
    for (int k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80) {
            *adv = 1;
            return -1;
        }
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    *adv = (size_t)n;
    return cp;
}

static int S_alpha(unsigned char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}
static int S_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Value of digits with separators; -1 when beyond CONCORD_FIG_VALUE_MAX. */
static double S_digits_value(const char *s, size_t n)
{
    double v = 0, scale = 0;
    int digits = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (S_digit((unsigned char)c)) {
            if (scale > 0) {
                if (scale < 1e-12)
                    continue;
                v += (c - '0') * scale;
                scale /= 10;
            } else {
                if (++digits > 16)
                    return -1;
                v = v * 10 + (c - '0');
            }
        } else if (c == '.') {
            if (scale > 0)
                return -1; /* 1.2.3 is not a number */
            scale = 0.1;
        }
    }
    return v > CONCORD_FIG_VALUE_MAX ? -1 : v;
}

typedef struct {
    S_tok *t;
    size_t n, cap;
} S_toks;

/* Over 100 lines, not split yet: one scan per token (numbers with their
 * lists and suffixes, words on the ASCII fast path, then the fold); its
 * hot loop keeps the cursor local, and a split would pass it by pointer. */
static void S_tokenize(const char *text, size_t len, S_toks *tk)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    int space = 1, nl = 1;
    tk->n = 0;
    CONCORD_GROW(tk->t, tk->cap, len / 5 + 16);
    while (i < len) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0) {
            space = 1, i++;
            continue;
        }
        if (c == '\n') {
            space = 1, nl = 1, i++;
            continue;
        }
        size_t adv = 1;
        char cls = 0;
        int32_t cp = c;
        if (c >= 0x80) {
            cp = S_decode(s, len, i, &adv);
            cls = cp < 0 ? '*' : S_uclass(cp);
            if (cls == ' ') {
                space = 1, i += adv;
                continue;
            }
        }
        CONCORD_GROW(tk->t, tk->cap, tk->n + 1);
        S_tok *t = &tk->t[tk->n];
        memset(t, 0, sizeof *t);
        t->start = (uint32_t)i;
        t->wid = -1;
        t->flags = (uint8_t)((space ? 0 : S_F_GLUED) | (nl ? S_F_NL : 0));
        space = 0, nl = 0;
        if (S_digit(c)) {
            size_t j = i + 1;
            int comma = 0;
            while (j < len) {
                if (S_digit(s[j]))
                    j++;
                else if ((s[j] == ',' || s[j] == '.') && j + 1 < len && S_digit(s[j + 1])) {
                    comma |= s[j] == ',';
                    j += 2;
                } else
                    break;
            }
            t->type = S_T_NUM;
            /* "1,2,3" style lists and "3.14.15" are not one number: value -1 */
            t->num = S_digits_value(text + i, j - i);
            if (comma)
                t->flags |= S_F_COMMA_NUM;
            if (j < len && (S_alpha(s[j]) || s[j] >= 0x80) &&
                !(s[j] >= 0x80 && S_uclass(S_decode(s, len, j, &adv)) != 0)) {
                t->flags |= S_F_SUFFIX; /* 2nd, 9pm, 40mm, 3D */
                while (j < len && (S_alpha(s[j]) || S_digit(s[j])))
                    j++;
            }
            t->end = (uint32_t)j;
            i = j;
        } else if (S_alpha(c) || (c >= 0x80 && cls == 0)) {
            size_t j = i + adv;
            size_t seg = i; /* start of the current dot-separated segment */
            /* fast path: a plain ASCII word is folded and hashed while scanned */
            char low[S_WORD_MAX + 1];
            int simple = c < 0x80;
            size_t k = 0;
            if (simple) {
                low[k++] = (char)(c | 32);
                while (j < len && k < S_WORD_MAX && (S_alpha(s[j]) || S_digit(s[j]))) {
                    low[k++] = (char)(S_alpha(s[j]) ? (s[j] | 32) : s[j]);
                    j++;
                }
            }
            while (j < len) {
                unsigned char d = s[j];
                if (S_alpha(d) || S_digit(d)) {
                    simple = 0;
                    j++;
                } else if (d >= 0x80) {
                    simple = 0;
                    size_t a2;
                    int32_t cp2 = S_decode(s, len, j, &a2);
                    char cl2 = cp2 < 0 ? '*' : S_uclass(cp2);
                    if (cl2 == 0)
                        j += a2;
                    else if (cl2 == '\'' && j + a2 < len && S_alpha(s[j + a2]))
                        j += a2; /* Kazakhstan’s */
                    else
                        break;
                } else if ((d == '\'' || d == '.') && j + 1 < len && S_alpha(s[j + 1]) &&
                           (d == '\'' || (j - seg == 1 && ((j + 2 < len && s[j + 2] == '.') ||
                                                           j + 2 >= len || !S_alpha(s[j + 2]))))) {
                    simple = 0;
                    if (d == '.')
                        seg = j + 1;
                    j += 2; /* don't, a.m., U.S. (one-letter parts only: not "hood.A") */
                } else
                    break;
            }
            t->type = S_T_WORD;
            t->end = (uint32_t)j;
            if (c >= 'A' && c <= 'Z')
                t->flags |= S_F_CAP;
            /* fold: ASCII lower case, typographic apostrophe -> ' */
            if (simple) {
                t->wid = S_find_h(low, k, S_hash(low, k));
                t->lf = t->wid >= 0 ? S_lex.words[t->wid].lf : 0;
                i = j;
                tk->n++;
                continue;
            }
            k = 0;
            size_t q = i;
            int ok = j - i <= 3 * S_WORD_MAX;
            while (ok && q < j) {
                if (k >= S_WORD_MAX) {
                    ok = 0;
                    break;
                }
                unsigned char d = s[q];
                if (d == 0xE2 && q + 2 < j && s[q + 1] == 0x80 && s[q + 2] == 0x99) {
                    d = '\'';
                    q += 3;
                } else {
                    d = (d >= 'A' && d <= 'Z') ? (unsigned char)(d + 32) : d;
                    q++;
                }
                low[k++] = (char)d;
            }
            t->wid = ok ? S_find_h(low, k, S_hash(low, k)) : -1;
            t->lf = t->wid >= 0 ? S_lex.words[t->wid].lf : 0;
            i = j;
        } else {
            t->type = S_T_PUNCT;
            t->pc = c < 0x80 ? (char)c : cls;
            if (t->pc == '\'')
                t->pc = '"';
            t->end = (uint32_t)(i + adv);
            i += adv;
        }
        tk->n++;
    }
}

/* ---- matching ----------------------------------------------------------- */

typedef struct {
    const S_tok *t;
    size_t n;  /* tokens in the current sentence end at n (exclusive) */
    size_t s0; /* first token of the current sentence */
    const char *text;
    int title; /* headline style: "Man, toddler found dead" (no articles) */
} S_ctx;

static int S_hyphen(const S_ctx *c, size_t i)
{
    return i < c->n && c->t[i].type == S_T_PUNCT && c->t[i].pc == '-' &&
           (c->t[i].flags & S_F_GLUED) && i + 1 < c->n && (c->t[i + 1].flags & S_F_GLUED);
}

/* Longest phrase of category cat starting at token i; *end = token after it. */
static const S_phrase *S_match_slow(const S_ctx *c, int cat, size_t i, size_t *end);
static inline const S_phrase *S_match(const S_ctx *c, int cat, size_t i, size_t *end)
{
    if (i >= c->n || !(c->t[i].lf & (1u << (16 + cat))))
        return NULL;
    return S_match_slow(c, cat, i, end);
}

static const S_phrase *S_match_slow(const S_ctx *c, int cat, size_t i, size_t *end)
{
    const S_phrase *best = NULL;
    size_t best_end = 0;
    for (int p = S_lex.words[c->t[i].wid].first[cat]; p >= 0; p = S_lex.phrases[p].next) {
        const S_phrase *ph = &S_lex.phrases[p];
        size_t j = i + 1;
        int k = 1;
        for (; k < ph->nw; k++) {
            if (S_hyphen(c, j))
                j++;
            if (j >= c->n || c->t[j].wid != ph->w[k])
                break;
            j++;
        }
        if (k == ph->nw && (!best || ph->nw > best->nw)) {
            best = ph;
            best_end = j;
        }
    }
    if (best)
        *end = best_end;
    return best;
}

/* Phrase of category cat ending right before token e (searching up to 4 words back). */
static const S_phrase *S_match_ending(const S_ctx *c, int cat, size_t e, size_t lo, size_t *start)
{
    const S_phrase *best = NULL; /* the longest: "no more than", not "more than" */
    for (size_t back = 1; back <= 5 && back <= e - lo; back++) {
        size_t end;
        const S_phrase *p = S_match(c, cat, e - back, &end);
        if (p && end == e) {
            *start = e - back;
            best = p;
        }
    }
    return best;
}

static uint32_t S_wflags(const S_ctx *c, size_t i)
{
    return i < c->n ? c->t[i].lf & 0xFFFF : 0;
}

static int S_punct(const S_ctx *c, size_t i, char pc)
{
    return i < c->n && c->t[i].type == S_T_PUNCT && c->t[i].pc == pc;
}

/* Whether token i is the word w (lower case ASCII), lexicon word or not. */
static int S_key_is(const S_ctx *c, size_t i, const char *w)
{
    if (i >= c->n || c->t[i].type != S_T_WORD)
        return 0;
    if (c->t[i].wid >= 0)
        return strcmp(S_lex.words[c->t[i].wid].key, w) == 0;
    size_t n = c->t[i].end - c->t[i].start;
    if (strlen(w) != n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((c->text[c->t[i].start + k] | 32) != w[k])
            return 0;
    return 1;
}

/* "suffered", "sustained": the injury is their object ("suffered a gunshot
 * wound"), not another noun phrase. */
static int S_suffered(const S_ctx *c, size_t i)
{
    return S_key_is(c, i, "suffered") || S_key_is(c, i, "sustained") ||
           S_key_is(c, i, "suffering") || S_key_is(c, i, "sustaining");
}

/* "non life threatening", "not life-threatening": a "non" or "not" in [a, k). */
static int S_negated_before(const S_ctx *c, size_t a, size_t k)
{
    for (size_t j = a; j < k; j++)
        if (S_key_is(c, j, "non") || S_key_is(c, j, "not"))
            return 1;
    return 0;
}

/* Clause-ending punctuation. */
static int S_clause_end(const S_ctx *c, size_t i)
{
    if (i >= c->n || c->t[i].type != S_T_PUNCT)
        return 0;
    char p = c->t[i].pc;
    return p == ';' || p == ':' || p == '.' || p == '!' || p == '?' || p == '(' || p == ')' ||
           p == '"' || p == '[' || p == ']' || p == '|' || p == '*';
}

/* ---- numbers ------------------------------------------------------------ */

typedef struct {
    size_t i0, i1; /* tokens of the number (and range) */
    double value, low, high;
    int low_strict, high_strict;
    const char *qualifier;
    int kind;           /* 0 digits, else S_N_* of the word */
    int money, percent; /* currency symbol before / % after */
    const char *unit;   /* "dollars" for $, ... */
    size_t q0;          /* first token of the qualifier (== i0 when none) */
} S_num;

/* Reads a number starting at token i: digits with scale words, or number words. */
static int S_read_value(const S_ctx *c, size_t i, double *v, size_t *end, int *kind)
{
    const S_tok *t = &c->t[i];
    size_t e;
    if (t->type == S_T_NUM) {
        if (t->num < 0)
            return 0;
        *v = t->num;
        *kind = 0;
        *end = i + 1;
        const S_phrase *sc = S_match(c, S_C_NUMBER, i + 1, &e);
        if (sc && (sc->a == S_N_SCALE || sc->a == S_N_DOZEN) && !(t->flags & S_F_SUFFIX)) {
            *v *= sc->v;
            *end = e;
        }
        return *v <= CONCORD_FIG_VALUE_MAX;
    }
    const S_phrase *p = S_match(c, S_C_NUMBER, i, &e);
    if (!p)
        return 0;
    if (!c->title && (t->flags & S_F_CAP) && i > c->s0 && c->t[i - 1].type == S_T_WORD &&
        p->a != S_N_ARTICLE && p->a != S_N_PRON && p->a != S_N_DEFINITE && p->a != S_N_ZERO)
        return 0; /* "at the Four Seasons": a name, not a count */
    *kind = p->a;
    *v = p->v;
    *end = e;
    if (p->a == S_N_TENS && S_hyphen(c, e)) {
        size_t e2;
        const S_phrase *u = S_match(c, S_C_NUMBER, e + 1, &e2);
        if (u && u->a == S_N_CARD && u->v >= 1 && u->v <= 9) {
            *v += u->v;
            *end = e2;
        }
    }
    if (p->a == S_N_CARD || p->a == S_N_TENS || p->a == S_N_ARTICLE) {
        const S_phrase *sc = S_match(c, S_C_NUMBER, *end, &e);
        if (sc && (sc->a == S_N_SCALE || sc->a == S_N_DOZEN)) {
            *v *= sc->v;
            *end = e;
            *kind = S_N_CARD;
            size_t e3;
            const S_phrase *rest = S_match(c, S_C_NUMBER, *end, &e3);
            if (rest && (rest->a == S_N_CARD || rest->a == S_N_TENS) && sc->a == S_N_SCALE &&
                rest->v < sc->v) {
                *v += rest->v;
                *end = e3;
            }
        } else if (p->a == S_N_ARTICLE) {
            *kind = S_N_ARTICLE;
        }
    }
    return 1;
}

static int S_not_count_x(const S_ctx *c, size_t i, int people);

/* Whether a digit number at token i is not a count (age, year, date, time, address...). */
static int S_not_count(const S_ctx *c, size_t i)
{
    return S_not_count_x(c, i, 1);
}

/* people: also not a count of people ("six shots", "233,000 pages": counts
 * of things, read by the quantity pass). */
static int S_not_count_x(const S_ctx *c, size_t i, int people)
{
    const S_tok *t = &c->t[i];
    if (t->flags & (S_F_SUFFIX | S_F_AGE))
        return 1;
    if (i > c->s0) {
        const S_tok *p = &c->t[i - 1];
        if ((t->flags & S_F_GLUED) && p->type == S_T_PUNCT && p->pc != '$' && p->pc != '"' &&
            p->pc != '(' && p->pc != '*')
            return 1; /* .40, 474-1234, #5, 1/12 */
        if ((t->flags & S_F_GLUED) && (p->type == S_T_WORD || p->type == S_T_NUM))
            return 1;
        if (S_wflags(c, i - 1) & (S_NU_BEFORE | S_MONTH))
            return 1;
        if (p->type == S_T_PUNCT && p->pc == '.' && i >= c->s0 + 2 &&
            (S_wflags(c, i - 2) & (S_NU_BEFORE | S_MONTH)))
            return 1; /* "Jan. 9", "No. 5" */
        /* "Smith, 19, of Dallas", "girl, 9, dies", "Smith, 22, was": an age in apposition */
        size_t e0;
        if (p->type == S_T_PUNCT && p->pc == ',' && i >= c->s0 + 3 && S_punct(c, i - 2, '.') &&
            c->t[i - 3].type == S_T_WORD && (c->t[i - 3].flags & S_F_CAP) && t->num < 130 &&
            !(t->flags & S_F_COMMA_NUM) && S_punct(c, i + 1, ','))
            return 1; /* "William Young Jr., 32, was shot" */
        if (p->type == S_T_PUNCT && p->pc == ',' && i >= c->s0 + 2 &&
            c->t[i - 2].type == S_T_WORD && t->num < 130 && !(t->flags & S_F_COMMA_NUM) &&
            !S_match(c, S_C_NUMBER, i - 2, &e0)) {
            size_t e;
            if (S_punct(c, i + 1, ','))
                return 1;
            if ((c->t[i - 2].flags & S_F_CAP) &&
                (i + 1 >= c->n || S_punct(c, i + 1, ')') || S_punct(c, i + 1, '.') ||
                 S_punct(c, i + 1, '-') || /* "Smith, 51 — appeared to have died" */
                 (S_wflags(c, i + 1) & (S_GL_AUX | S_GL_PASS)) ||
                 (c->t[i + 1].type == S_T_WORD && !(c->t[i + 1].flags & S_F_CAP) &&
                  !S_match(c, S_C_NUMBER, i + 1, &e) && !S_match(c, S_C_QUAL, i + 1, &e))) &&
                !S_match(c, S_C_SUBJECT, i + 1, &e) && !S_match(c, S_C_MEASURE, i + 1, &e))
                return 1;
        }
        /* "ages 16 to 18", "all younger than 45": ages, not counts */
        if (i >= c->s0 + 3 && (S_key_is(c, i - 1, "to") || S_key_is(c, i - 1, "and")) &&
            c->t[i - 2].type == S_T_NUM &&
            (S_key_is(c, i - 3, "ages") || S_key_is(c, i - 3, "aged") || S_key_is(c, i - 3, "age")))
            return 1;
        if (i >= c->s0 + 2 && S_key_is(c, i - 1, "than") &&
            (S_key_is(c, i - 2, "younger") || S_key_is(c, i - 2, "older")))
            return 1;
        /* "Image 9 of 12": the total of a counter */
        if (i >= c->s0 + 2 && c->t[i - 2].type == S_T_NUM && p->wid >= 0 &&
            strcmp(S_lex.words[p->wid].key, "of") == 0)
            return 1;
        /* "ages 13, 17 and 19": later members of a list of numbers */
        if (i >= c->s0 + 3 && c->t[i - 3].type == S_T_NUM && S_punct(c, i - 2, ',') &&
            p->wid >= 0 &&
            (strcmp(S_lex.words[p->wid].key, "and") == 0 ||
             strcmp(S_lex.words[p->wid].key, "or") == 0))
            return 1; /* "ages 25, 26, and 33" */
        if (i >= c->s0 + 2 && c->t[i - 2].type == S_T_NUM &&
            (S_punct(c, i - 1, ',') ||
             (p->wid >= 0 && (strcmp(S_lex.words[p->wid].key, "and") == 0 ||
                              strcmp(S_lex.words[p->wid].key, "or") == 0))))
            return 1;
        /* "KPRC 2", "Channel 8", "Place 2": a label after a capitalized word */
        if (p->type == S_T_WORD && (p->flags & S_F_CAP) && i - 1 > c->s0) {
            size_t e;
            if (!S_match(c, S_C_NUMBER, i - 1, &e) && !S_match_ending(c, S_C_QUAL, i, c->s0, &e) &&
                !S_match(c, S_C_MEASURE, i - 1, &e) && !S_match(c, S_C_ATTR, i - 1, &e))
                return 1;
        }
    }
    if (i + 1 < c->n) {
        const S_tok *nx = &c->t[i + 1];
        if ((nx->flags & S_F_GLUED) && nx->type == S_T_PUNCT &&
            (nx->pc == '/' || nx->pc == ':' || nx->pc == '^' || nx->pc == '+' || nx->pc == '*' ||
             nx->pc == '=' || nx->pc == '-' || nx->pc == '.') &&
            i + 2 < c->n && (c->t[i + 2].flags & S_F_GLUED) &&
            !(nx->pc == '.' && c->t[i + 2].type != S_T_NUM))
            return 1; /* 12/1, 9:30, 10^400, 24-17, 48-hour */
        if (nx->type == S_T_WORD && (nx->flags & S_F_GLUED))
            return 1;
        size_t e;
        const S_phrase *nu = S_match(c, S_C_NONUNIT, i + 1, &e);
        if (nu && (people || !nu->a))
            return 1;
        if ((nx->wid >= 0 && (S_lex.words[nx->wid].flags & S_MONTH)))
            return 1; /* 12 January */
    }
    /* "2111 Tennessee St": capitalized words ending in a street word */
    if (!(t->flags & S_F_COMMA_NUM) && t->end - t->start >= 2) {
        size_t k = i + 1;
        while (k < c->n && k < i + 5 && c->t[k].type == S_T_WORD && (c->t[k].flags & S_F_CAP)) {
            if (S_wflags(c, k) & S_STREET)
                return 1;
            k++;
            if (S_punct(c, k, '.'))
                k++; /* "W. Main St." */
        }
    }
    /* "2239 hours": military time */
    if (!(t->flags & S_F_COMMA_NUM) && t->end - t->start == 4 && i + 1 < c->n &&
        c->t[i + 1].wid >= 0 && strcmp(S_lex.words[c->t[i + 1].wid].key, "hours") == 0)
        return 1;
    /* a year: four digits 1000-2100 without separators */
    if (!(t->flags & S_F_COMMA_NUM) && t->end - t->start == 4 && t->num >= 1000 && t->num <= 2100)
        return 1;
    return 0;
}

static void S_apply_qual(S_num *q, int kind)
{
    double v = q->value;
    switch (kind) {
        case S_Q_LOW: q->low = v, q->high = INFINITY; break;
        case S_Q_LOWX: q->low = v, q->high = INFINITY, q->low_strict = 1; break;
        case S_Q_HIGH: q->low = 0, q->high = v; break;
        case S_Q_HIGHX: q->low = 0, q->high = v, q->high_strict = 1; break;
        case S_Q_NEAR: q->low = floor(v * 0.9), q->high = v, q->high_strict = 1; break;
        case S_Q_APPROX: q->low = floor(v * 0.9), q->high = ceil(v * 1.1); break;
        default: break;
    }
}

/* Number with qualifier and range at token i; 0 when token i is no count. */
static int S_read_num(const S_ctx *c, size_t i, S_num *q)
{
    memset(q, 0, sizeof *q);
    if (c->t[i].flags & S_F_AGE)
        return 0;

    if (c->t[i].type == S_T_NUM && S_not_count(c, i))
        return 0;
    size_t end, e_nu;
    if (!S_read_value(c, i, &q->value, &end, &q->kind))
        return 0;
    if (q->kind != 0 && S_match(c, S_C_NONUNIT, end, &e_nu))
        return 0; /* "six shots", "two years old": not a count of people */
    if ((q->kind == 0 || q->kind == S_N_CARD || q->kind == S_N_TENS) && i >= c->s0 + 2 &&
        S_key_is(c, i - 1, "of") &&
        (S_key_is(c, i - 2, "father") || S_key_is(c, i - 2, "mother") ||
         S_key_is(c, i - 2, "dad") || S_key_is(c, i - 2, "mom") || S_key_is(c, i - 2, "parent") ||
         S_key_is(c, i - 2, "grandfather") || S_key_is(c, i - 2, "grandmother")))
        return 0; /* "Father of 5 killed in shooting": his children, no count of victims */
    q->i0 = q->q0 = i;
    q->i1 = end;
    q->low = q->high = q->value;
    if (q->kind == S_N_VAGUE) {
        /* "dozens": [24, 200), "hundreds of thousands": [200000, 2000000) */
        size_t e0;
        const S_phrase *vp = S_match(c, S_C_NUMBER, i, &e0);
        q->high = vp ? vp->v2 : INFINITY;
        q->high_strict = isfinite(q->high);
        q->qualifier = c->t[i].wid >= 0 ? S_lex.words[c->t[i].wid].key : NULL;
        size_t e1;
        const S_phrase *sc;
        if (end + 1 < c->n && c->t[end].wid >= 0 &&
            strcmp(S_lex.words[c->t[end].wid].key, "of") == 0 &&
            (sc = S_match(c, S_C_NUMBER, end + 1, &e1)) != NULL &&
            (sc->a == S_N_SCALE || (sc->a == S_N_VAGUE && sc->v >= 2000))) {
            double f = sc->a == S_N_SCALE ? sc->v : sc->v / 2;
            q->value *= f, q->low *= f, q->high *= f;
            q->i1 = end = e1;
        }
    }
    /* currency before, percent after */
    if (i > c->s0 && S_punct(c, i - 1, '$')) {
        q->money = 1;
        q->q0 = i - 1;
        const char *sym = c->text + c->t[i - 1].start;
        q->unit = sym[0] == '$' ? "dollars" : (unsigned char)sym[0] == 0xC2 ? "pounds" : "euros";
    }
    if (S_punct(c, q->i1, '%')) {
        q->percent = 1;
        q->i1++;
    }
    /* qualifier before */
    size_t qs;
    const S_phrase *qp = S_match_ending(c, S_C_QUAL, q->q0, c->s0, &qs);
    int qkind = qp ? qp->a : 0;
    if (qp) {
        q->q0 = qs;
        if (qkind != S_Q_RANGE)
            q->qualifier = qp->str;
    }
    /* ranges: "between a and b", "a to b", "a-b" */
    size_t j = q->i1;
    int conn = 0;
    if (j < c->n && c->t[j].wid >= 0) {
        const char *k = S_lex.words[c->t[j].wid].key;
        conn = (qkind == S_Q_RANGE && strcmp(k, "and") == 0) || strcmp(k, "to") == 0;
    } else if (j < c->n && c->t[j].type == S_T_PUNCT && c->t[j].pc == '-' && q->kind == 0 &&
               c->t[j].flags & S_F_GLUED) {
        conn = 0; /* glued digit ranges were rejected as non-counts */
    }
    if (conn && q->money && S_punct(c, j + 1, '$'))
        j++; /* "between $2,500 and $5,000" */
    if (conn && j + 1 < c->n && q->kind != S_N_ARTICLE && q->kind != S_N_ZERO) {
        double v2;
        size_t e2;
        int k2;
        int prev_from = i > c->s0 && c->t[i - 1].wid >= 0 &&
                        strcmp(S_lex.words[c->t[i - 1].wid].key, "from") == 0;
        if ((c->t[j + 1].type != S_T_NUM || qkind == S_Q_RANGE || !S_not_count(c, j + 1)) &&
            S_read_value(c, j + 1, &v2, &e2, &k2) &&
            (k2 == 0 || k2 == S_N_CARD || k2 == S_N_TENS)) {
            if (prev_from)
                return 0; /* "rose from 10 to 15": the 15 is read on its own */
            double a = q->value, b = v2;
            if (b < a) {
                double tmp = a;
                a = b, b = tmp; /* unbalanced range */
            }
            size_t e3;
            if (S_match(c, S_C_NONUNIT, e2, &e3))
                return 0; /* "between 20 and 26 years old": ages */
            q->value = a, q->low = a, q->high = b;
            q->i1 = e2;
            if (S_punct(c, q->i1, '%')) {
                q->percent = 1;
                q->i1++;
            }
            q->qualifier = "between";
            return 1;
        }
    }
    if (qkind && qkind != S_Q_RANGE)
        S_apply_qual(q, qkind);
    return 1;
}

/* Whether token i starts another count (stops phrase scans). */
static int S_starts_number(const S_ctx *c, size_t i)
{
    if (c->t[i].flags & S_F_AGE)
        return 0;
    if (c->t[i].type == S_T_NUM)
        return !S_not_count(c, i);
    size_t e;
    const S_phrase *p = S_match(c, S_C_NUMBER, i, &e);
    return p && (p->a == S_N_CARD || p->a == S_N_TENS || p->a == S_N_ZERO || p->a == S_N_VAGUE);
}

/* ---- noun phrase -------------------------------------------------------- */

typedef struct {
    size_t end;          /* token after the noun phrase */
    const char *subject; /* normalized subject or NULL */
    int cls;             /* S_K_* of the head noun */
    int sg;              /* head is singular */
    int n_security;      /* distinct kinds of security nouns listed */
    const char *sec_kinds[4];
    double extra;                          /* "two men and a woman": counts of coordinated nouns */
    char unknown[CONCORD_FIG_SUBJECT_MAX]; /* an unknown plural head ("pigs") */
    int age_head;                          /* "a 16-year-old" */
    size_t inner;  /* "one of the three men": token of the inner count, else 0 */
    int partitive; /* "two of the victims", "four of them": a part of a larger count */
} S_np;

static int S_np_modifier(const S_ctx *c, size_t i)
{
    const S_tok *t = &c->t[i];
    if (t->flags & S_F_AGE)
        return 1;
    if (t->type == S_T_NUM)
        return 0;
    if (t->type == S_T_PUNCT)
        return S_hyphen(c, i) || (t->pc == '\'');
    uint32_t f = S_wflags(c, i);
    if (f & (S_GL_AUX | S_GL_STOP | S_GL_PASS | S_GL_BACK | S_GL_DET | S_GL_PREP))
        return 0;
    size_t e;
    if (S_match(c, S_C_MEASURE, i, &e) || S_match(c, S_C_ATTR, i, &e) || S_starts_number(c, i))
        return 0;
    return 1;
}

static void S_add_security(S_np *np, const char *kind)
{
    for (int k = 0; k < np->n_security; k++)
        if (strcmp(np->sec_kinds[k], kind) == 0)
            return;
    if (np->n_security < 4)
        np->sec_kinds[np->n_security++] = kind;
}

static void S_read_np(const S_ctx *c, size_t i, S_np *np);

/* "dozens of", "one of the", "none of the other eight people": an "of"
 * right after the number and the inner count it may hold; returns the
 * token after them (i when there is no "of"). */
static size_t S_np_of(const S_ctx *c, size_t i, S_np *np)
{
    size_t j = i;
    if (!(j < c->n && c->t[j].wid >= 0 && strcmp(S_lex.words[c->t[j].wid].key, "of") == 0))
        return j;
    j++;
    if (j < c->n &&
        ((S_wflags(c, j) & S_GL_DET) || S_key_is(c, j, "those") || S_key_is(c, j, "these"))) {
        np->partitive = 1;
        j++;
    }
    /* "none of the other eight people": the inner count belongs to this phrase */
    if (j < c->n && c->t[j].wid >= 0 && strcmp(S_lex.words[c->t[j].wid].key, "other") == 0)
        j++;
    double v;
    size_t ve;
    int vk;
    if (j < c->n && !(c->t[j].flags & S_F_AGE) && S_read_value(c, j, &v, &ve, &vk) &&
        (vk == 0 || vk == S_N_CARD || vk == S_N_TENS)) {
        np->inner = j;
        j = ve;
    }
    return j;
}

/* "pieces of (military) hardware": a container noun s (ending before token
 * e) takes the subject of its "of" phrase, else it is equipment. */
static void S_np_container(const S_ctx *c, const S_phrase *s, size_t e, S_np *np)
{
    size_t k = e;
    if (k < c->n && c->t[k].wid >= 0 && strcmp(S_lex.words[c->t[k].wid].key, "of") == 0) {
        S_np inner;
        S_read_np(c, k + 1, &inner);
        if (inner.subject) {
            *np = inner;
            return;
        }
    }
    np->subject = s->str;
    np->cls = S_K_EQUIPMENT;
    np->end = e;
}

/* Nouns coordinated with the head noun s (", national guards and
 * soldiers", "and a woman"): their counts add to np->extra, and one
 * officer with one other person are "people". */
static void S_np_coordination(const S_ctx *c, const S_phrase *s, S_np *np)
{
    size_t k = np->end, e2;
    const S_phrase *s2;
    while (k < c->n) {
        int sep = S_punct(c, k, ',') ||
                  (c->t[k].wid >= 0 && strcmp(S_lex.words[c->t[k].wid].key, "and") == 0);
        if (!sep)
            break;
        size_t m = k + 1;
        if (m < c->n && c->t[m].wid >= 0 && strcmp(S_lex.words[c->t[m].wid].key, "and") == 0)
            m++;
        /* "his partner and their two children": a possessive before the
         * count (not before an age: "a mother and her 2-year-old son") */
        if (m + 1 < c->n &&
            (S_key_is(c, m, "his") || S_key_is(c, m, "her") || S_key_is(c, m, "their")) &&
            (c->t[m + 1].type == S_T_NUM || (c->t[m + 1].lf & (1u << (16 + S_C_NUMBER)))) &&
            !(c->t[m + 1].flags & S_F_AGE))
            m++;
        double add = 0;
        double v;
        size_t ve;
        int vk;
        if (m < c->n && !(c->t[m].flags & S_F_AGE) && S_read_value(c, m, &v, &ve, &vk) &&
            (vk == 0 || vk == S_N_CARD || vk == S_N_TENS || vk == S_N_ARTICLE)) {
            add = v;
            m = ve;
        }
        int mm = 0;
        while (m < c->n && mm < 2 && !S_match(c, S_C_SUBJECT, m, &e2) && S_np_modifier(c, m))
            m++, mm++;
        s2 = S_match(c, S_C_SUBJECT, m, &e2);
        if (!s2 || (s2->a != S_K_SECURITY && s2->a != S_K_PERSON && s2->a != S_K_TROOPS))
            break;
        /* one officer and one other person ("Officer, suspect wounded",
         * "a deputy and a man were shot"): two people */
        int mixed = (s->a == S_K_PERSON) != (s2->a == S_K_PERSON);
        if (mixed &&
            !(np->sg && s2->b && !np->extra && (s->a == S_K_PERSON || s->a == S_K_SECURITY) &&
              (s2->a == S_K_PERSON || s2->a == S_K_SECURITY)))
            break;
        if (s->a == S_K_PERSON && S_punct(c, k, ',') && !c->title)
            break; /* "one of the victims, a 20-year-old": apposition, not a list */
        if (add == 0 && c->title && s2->b && (s2->a == S_K_PERSON || mixed))
            add = 1; /* headline "Man, toddler found dead" */
        if ((s->a == S_K_PERSON || mixed) && add == 0)
            break; /* "a man and women" without a count: leave alone */
        if (mixed) {
            np->subject = "people";
            np->cls = S_K_PERSON;
            np->extra += add;
            np->end = e2;
            break;
        }
        const S_phrase *s3;
        size_t e3;
        while ((s3 = S_match(c, S_C_SUBJECT, e2, &e3)) && s3->a == s2->a) {
            s2 = s3;
            e2 = e3;
        }
        if (s2->a == S_K_SECURITY || s2->a == S_K_TROOPS)
            S_add_security(np, s2->str);
        np->extra += add;
        np->end = e2;
        k = e2;
    }
}

/* The head noun s at token j (ending before token e; i is the phrase's
 * first token), the run of subject nouns after it ("police officers") and
 * the nouns coordinated with it; two kinds of security forces are
 * "security forces". */
static void S_np_head(const S_ctx *c, size_t i, size_t j, const S_phrase *s, size_t e, S_np *np)
{
    /* take the longest run of subject nouns: "police officers" */
    np->subject = s->str;
    np->cls = s->a;
    np->sg = s->b;
    np->end = e;
    if (j > i && c->t[j - 1].type == S_T_NUM && (c->t[j - 1].flags & S_F_AGE))
        np->age_head = 0;
    if (s->a == S_K_SECURITY)
        S_add_security(np, s->str);
    size_t e2;
    const S_phrase *s2;
    while ((s2 = S_match(c, S_C_SUBJECT, np->end, &e2)) && s2->a == s->a) {
        np->subject = s2->str;
        np->sg = s2->b;
        np->end = e2;
    }
    S_np_coordination(c, s, np);
    if (np->n_security >= 2) {
        np->subject = "security forces";
        np->cls = S_K_SECURITY;
    }
}

/* The token after the age at token k and the words glued or hyphenated to
 * it ("16-year-old", "17-year-olds"). */
static size_t S_age_end(const S_ctx *c, size_t k)
{
    k++;
    while (k < c->n &&
           (S_hyphen(c, k) || (c->t[k].type == S_T_WORD && (c->t[k].flags & S_F_GLUED))))
        k++;
    return k;
}

/* "a 16-year-old (was shot)": the age ending before token k is the head, a
 * person; "a 13-year-old and two 17-year-olds" adds the counted age head
 * after "and". */
static void S_np_age_head(const S_ctx *c, size_t k, S_np *np)
{
    np->subject = "people";
    np->cls = S_K_PERSON;
    np->sg = 1;
    np->age_head = 1;
    np->end = k;
    if (k + 2 < c->n && S_key_is(c, k, "and")) {
        double v;
        size_t ve;
        int vk;
        if (!(c->t[k + 1].flags & S_F_AGE) && S_read_value(c, k + 1, &v, &ve, &vk) &&
            (vk == 0 || vk == S_N_CARD || vk == S_N_TENS || vk == S_N_ARTICLE) && ve < c->n &&
            (c->t[ve].flags & S_F_AGE)) {
            np->extra += v;
            np->end = S_age_end(c, ve);
        }
    }
}

/* An unknown lower-case plural at token j ("pigs"), kept in np->unknown
 * as the subject when no known noun is found. */
static void S_np_unknown(const S_ctx *c, size_t j, S_np *np)
{
    if (!(c->t[j].type == S_T_WORD && !(c->t[j].flags & S_F_CAP) && c->t[j].wid < 0))
        return;
    size_t wl = c->t[j].end - c->t[j].start;
    const char *w = c->text + c->t[j].start;
    int letters = 1;
    for (size_t q = 0; q < wl && letters; q++)
        letters = S_alpha((unsigned char)w[q]);
    if (wl > 3 && wl < CONCORD_FIG_SUBJECT_MAX && w[wl - 1] == 's' && letters) {
        for (size_t q = 0; q < wl; q++)
            np->unknown[q] = (char)((w[q] >= 'A' && w[q] <= 'Z') ? w[q] + 32 : w[q]);
        np->unknown[wl] = 0;
    }
}

/* Head noun after a number (token i = first token after the number): an
 * "of" phrase, then up to four modifiers before a container noun, a
 * subject noun or an age. */
static void S_read_np(const S_ctx *c, size_t i, S_np *np)
{
    memset(np, 0, sizeof *np);
    np->end = i;
    size_t j = S_np_of(c, i, np);
    int mods = 0;
    while (j < c->n && mods <= 4) {
        size_t e;
        const S_phrase *s = S_match(c, S_C_SUBJECT, j, &e);
        if (s && s->a == S_K_CONTAINER) {
            S_np_container(c, s, e, np);
            return;
        }
        if (s) {
            S_np_head(c, i, j, s, e, np);
            return;
        }
        if (c->t[j].flags & S_F_AGE) {
            size_t k = S_age_end(c, j);
            if (S_match(c, S_C_SUBJECT, k, &e)) {
                j = k; /* "a 16-year-old boy": the noun is the head */
                continue;
            }
            S_np_age_head(c, k, np);
            return;
        }
        if (!S_np_modifier(c, j))
            break;
        if (mods == 0)
            S_np_unknown(c, j, np);
        j++;
        if (!S_hyphen(c, j - 1))
            mods++;
    }
}

/* ---- measure ------------------------------------------------------------ */

typedef struct {
    int measure;   /* -1 none */
    size_t m0, m1; /* tokens of the measure word */
    int negated;   /* "was not hurt" */
} S_meas;

/* Measure word after the noun phrase (from token i). */
/* A singular person noun phrase starting at token i ("a man", "an officer"). */
static int S_article_np_d(const S_ctx *c, size_t i, int definite)
{
    size_t e;
    const S_phrase *p = S_match(c, S_C_NUMBER, i, &e);
    if (!p || (p->a != S_N_ARTICLE && !(definite && p->a == S_N_DEFINITE)))
        return 0;
    for (size_t k = e; k < c->n && k < e + 4; k++) {
        const S_phrase *s = S_match(c, S_C_SUBJECT, k, &e);
        if (s)
            return s->a == S_K_PERSON || s->a == S_K_SECURITY;
        if (c->t[k].type == S_T_PUNCT && !S_hyphen(c, k))
            return 0;
    }
    return 0;
}

static int S_article_np(const S_ctx *c, size_t i)
{
    return S_article_np_d(c, i, 0);
}

/* Whether the measure verb ending before token e has an object ("shot his wife"). */
static int S_has_object(const S_ctx *c, size_t e)
{
    size_t e2;
    if (e < c->n && c->t[e].wid >= 0 && (S_lex.words[c->t[e].wid].flags & S_GL_REFL))
        return 0; /* "shot and killed himself": the subject is the victim */
    return e < c->n && ((S_wflags(c, e) & S_GL_DET) || S_starts_number(c, e) ||
                        c->t[e].type == S_T_NUM || S_match(c, S_C_SUBJECT, e, &e2) ||
                        (c->t[e].flags & S_F_AGE) || (!c->title && (c->t[e].flags & S_F_CAP)));
}

static void S_measure_after(const S_ctx *c, size_t i, int mult, int need_passive, S_meas *m)
{
    m->measure = -1;
    m->negated = 0;
    int passive = 0, steps = 0, adverbs_only = 1; /* "Bystander accidentally shot" */
    for (size_t j = i; j < c->n && steps < 12; j++) {
        if (S_hyphen(c, j))
            continue;
        steps++;
        if (j == i && S_punct(c, j, ',') && j + 2 < c->n && c->t[j + 1].type == S_T_NUM &&
            c->t[j + 1].num < 130 && S_punct(c, j + 2, ',')) {
            j += 2; /* "Boy, 3, wounded": an age in apposition */
            continue;
        }
        if (j == i && !need_passive && S_punct(c, j, ',') && i > c->s0 &&
            c->t[i - 1].type == S_T_WORD) {
            /* "Two people, a 14-year-old and an 18-year-old, were injured",
             * "Three victims, a 25-year-old man, a 26-year-old man, and a
             * 33-year-old man, were all transported": an apposition closed by
             * a comma right before the verb */
            size_t k = j + 1, e3, close = 0;
            for (; k + 1 < c->n && k < j + 32 && !S_clause_end(c, k) && !close; k++)
                if (k > j + 1 && S_punct(c, k, ',') && c->t[k + 1].type == S_T_WORD &&
                    ((S_wflags(c, k + 1) & (S_GL_AUX | S_GL_PASS)) ||
                     S_match(c, S_C_MEASURE, k + 1, &e3)))
                    close = k;
            if (close) {
                j = close;
                continue;
            }
        }
        size_t e;
        const S_phrase *p = S_match(c, S_C_MEASURE, j, &e);
        if (p && j > i && (S_wflags(c, j - 1) & S_GL_DET) && !(S_wflags(c, j - 1) & S_GL_AUX) &&
            !(j > i + 1 && S_suffered(c, j - 2)))
            return; /* "including the fatally wounded man": an adjective of another phrase */
        if (p && p->v != 0 && e < c->n && c->t[e].wid >= 0 &&
            strcmp(S_lex.words[c->t[e].wid].key, "by") == 0)
            return; /* "is survived by his wife" */
        if (p && j > i && c->t[j - 1].wid >= 0 &&
            (S_lex.words[c->t[j - 1].wid].flags & (S_GL_MODAL | S_GL_INF)))
            return; /* "she could have been dead", "he was going to die" */
        if (p && (p->b & S_R_AFTER || (mult && (p->b == S_R_MULT || j == i)))) {
            size_t e2;
            const S_phrase *pv = !p->c && !passive ? S_match(c, S_C_MEASURE, e, &e2) : NULL;
            if (pv && pv->c && S_has_object(c, e2))
                return;   /* "a guard fatally shot two men": the phrase is the shooter */
            int refl = 0; /* "shot and killed himself": the subject is the victim */
            for (size_t k = e; k < c->n && k < e + 3 && !refl && !S_clause_end(c, k); k++)
                refl = c->t[k].wid >= 0 && (S_lex.words[c->t[k].wid].flags & S_GL_REFL);
            if (p->c && !passive && refl)
                passive = 1;
            if (p->c && !passive) {
                /* "a man shot his wife": an object after the verb makes it active */
                if (need_passive || S_has_object(c, e))
                    return;
                if (j > i && !(j == i + 1 && S_punct(c, i, ',')) && !adverbs_only)
                    return; /* not right after the phrase: some other verb's clause */
            }
            m->measure = p->a;
            m->m0 = j;
            m->m1 = e;
            if (p->a == CONCORD_FIG_SHOT && !mult) {
                /* "shot and killed", "shot and wounded", "shot to death", "shot, one fatally" */
                /* "shot and killed", "shot to death", "shot ... and taken to the
                 * hospital with non-life-threatening injuries": the same victim's
                 * fate later in the clause decides */
                size_t k = e;
                for (int look = 0; look < 10 && k < c->n; look++, k++) {
                    const S_phrase *p2 = S_match(c, S_C_MEASURE, k, &e);
                    if (p2 && (p2->a == CONCORD_FIG_KILLED || p2->a == CONCORD_FIG_INJURED) &&
                        (p2->b & S_R_AFTER)) {
                        if (!passive && p2->c && S_has_object(c, e)) {
                            m->measure = -1; /* "he shot and killed his wife" */
                            return;
                        }
                        if (S_wflags(c, k - 1) & S_GL_NEG)
                            break;
                        m->measure = p2->a;
                        m->m1 = e;
                        break;
                    }
                    if (S_clause_end(c, k) || S_starts_number(c, k) || S_article_np(c, k) ||
                        /* "five men were shot, Mackey and Haywood died": new subject */
                        (S_punct(c, k, ',') && k + 1 < c->n && c->t[k + 1].type == S_T_WORD &&
                         (c->t[k + 1].flags & S_F_CAP)) ||
                        ((S_wflags(c, k) & S_GL_STOP) &&
                         !(c->t[k].wid >= 0 && strcmp(S_lex.words[c->t[k].wid].key, "and") == 0)))
                        break;
                }
            }
            return;
        }
        if (p && p->b == S_R_MULT)
            continue;
        if (mult)
            return; /* "double shooting": the measure must follow at once */
        const S_tok *t = &c->t[j];
        uint32_t f = S_wflags(c, j);
        if (f & S_GL_STOP)
            return;
        if (S_clause_end(c, j))
            return;
        if (j > i && (S_key_is(c, j, "a") || S_key_is(c, j, "an")) && S_suffered(c, j - 1))
            continue; /* "the boy suffered a non-life-threatening gunshot wound": the injury */
        if (j > i && (S_starts_number(c, j) || S_article_np_d(c, j, j > i + 1)))
            return; /* another noun phrase: "two sources said the girl was shot" */
        if (f & S_GL_PASS)
            passive = 1;
        if (!(f & S_GL_AUX) || (f & S_GL_PASS))
            adverbs_only = 0;
        if (f & S_GL_NEG)
            m->negated = 1;
        if (t->wid >= 0 && (S_lex.words[t->wid].flags & S_GL_MODAL))
            m->negated = 1; /* "could be dead", "would have died" */
    }
}

/* Measure word before the number (ending before token q0). */
static void S_measure_before(const S_ctx *c, size_t q0, S_meas *m)
{
    m->measure = -1;
    m->negated = 0; /* a negation after the phrase belongs to some other verb */
    size_t j = q0;
    for (int glue = 0; glue <= 4 && j > c->s0; glue++) {
        size_t st;
        const S_phrase *p = S_match_ending(c, S_C_MEASURE, j, c->s0, &st);
        if (p && (p->b & S_R_BEFORE)) {
            if (st > c->s0 && (S_wflags(c, st - 1) & S_GL_NEG))
                return; /* "attempted murder of two" */
            m->measure = p->a;
            m->m0 = st;
            m->m1 = j;
            return;
        }
        /* "the toll rose from 10 to 15": the earlier number is glue too */
        int from_num = c->t[j - 1].type == S_T_NUM && j - 1 > c->s0 && c->t[j - 2].wid >= 0 &&
                       strcmp(S_lex.words[c->t[j - 2].wid].key, "from") == 0;
        if (!(S_wflags(c, j - 1) & S_GL_BACK) && !from_num)
            return;
        j--;
    }
}

/* ---- attribution -------------------------------------------------------- */

typedef struct {
    size_t a0, a1; /* tokens */
    int official;
} S_attr;

static int S_np_token(const S_ctx *c, size_t i)
{
    const S_tok *t = &c->t[i];
    if (t->type == S_T_NUM)
        return 0;
    if (t->type == S_T_PUNCT)
        return S_hyphen(c, i) || t->pc == '\'' || t->pc == '.';
    if (S_wflags(c, i) & S_GL_STOP)
        return 0;
    size_t e;
    if (S_match(c, S_C_ATTR, i, &e) || S_match(c, S_C_MEASURE, i, &e))
        return 0;
    return 1;
}

/* Attribution cues of sentence tokens [s0, s1); returns count (max cap). */
/* Trims an attribution phrase [*a0, *a1) to its speaker or outlet and says
 * whether it names one: a capitalized word that is not a calendar word
 * ("Reuters", "Sheriff John Smith"), an authority ("police", "officials",
 * "the Interior Ministry") or a person noun ("a witness", "his mother").
 * Calendar words and prepositions at its edges go ("Monday said" is no
 * speaker); "estimates the number of" names nobody. */
static int S_speaker(const S_ctx *c, size_t *a0, size_t *a1)
{
    size_t b = *a0, e = *a1;
    size_t e2;
    int verb_first = S_match(c, S_C_ATTR, b, &e2) != NULL; /* "according to X", "said X" */
    size_t k0 = verb_first ? e2 : b;
    size_t end = e;
    if (!verb_first) {
        /* "X said": the verb closes the phrase; "a victim was reported" is passive */
        for (size_t k = b; k < e; k++)
            if (S_match(c, S_C_ATTR, k, &e2)) {
                end = k;
                break;
            }
        if (end > b && (S_key_is(c, end - 1, "was") || S_key_is(c, end - 1, "were") ||
                        S_key_is(c, end - 1, "been") || S_key_is(c, end - 1, "being") ||
                        S_key_is(c, end - 1, "is") || S_key_is(c, end - 1, "are")))
            return 0;
    }
    while (k0 < end &&
           (c->t[k0].type == S_T_PUNCT || (S_wflags(c, k0) & (S_MONTH | S_GL_PREP)) ||
            S_key_is(c, k0, "on") || S_key_is(c, k0, "last") || S_key_is(c, k0, "early") ||
            S_key_is(c, k0, "late") || S_key_is(c, k0, "also")))
        k0++;
    while (end > k0 &&
           (c->t[end - 1].type == S_T_PUNCT || (S_wflags(c, end - 1) & (S_MONTH | S_GL_PREP)) ||
            S_key_is(c, end - 1, "on") || S_key_is(c, end - 1, "also") ||
            S_key_is(c, end - 1, "his") || S_key_is(c, end - 1, "her") ||
            S_key_is(c, end - 1, "their") || S_key_is(c, end - 1, "the") ||
            S_key_is(c, end - 1, "with") || S_key_is(c, end - 1, "of")))
        end--;
    if (end <= k0)
        return 0;
    int named = 0;
    for (size_t k = k0; k < end && !named; k++) {
        const S_tok *t = &c->t[k];
        if (t->type != S_T_WORD)
            continue;
        const S_phrase *sp;
        if (((t->flags & S_F_CAP) && !(S_wflags(c, k) & S_MONTH) && !(k == c->s0 && t->wid >= 0)) ||
            S_match(c, S_C_OFFICIAL, k, &e2) ||
            ((sp = S_match(c, S_C_SUBJECT, k, &e2)) != NULL &&
             (sp->a == S_K_PERSON || sp->a == S_K_SECURITY || sp->a == S_K_TROOPS)))
            named = 1;
    }
    if (!named)
        return 0;
    if (verb_first)
        *a1 = end; /* keep "according to" / "said" before the speaker */
    else
        *a0 = k0;
    return 1;
}

static size_t S_attributions(const S_ctx *c, S_attr *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = c->s0; i < c->n && n < cap; i++) {
        size_t e;
        const S_phrase *p = S_match(c, S_C_ATTR, i, &e);
        if (!p)
            continue;
        S_attr a = {0, 0, 0};
        if (p->a) { /* according to X */
            size_t k = e;
            while (k < c->n && k < e + 8 && S_np_token(c, k))
                k++;
            if (k == e)
                continue;
            a.a0 = i, a.a1 = k;
        } else {
            size_t k = i;
            while (k > c->s0 && k + 7 > i && S_np_token(c, k - 1))
                k--;
            if (k < i) {
                /* keep the phrase from its first capitalized or determiner word */
                a.a0 = k, a.a1 = e;
            } else {
                size_t r = e;
                while (r < c->n && r < e + 6 && S_np_token(c, r))
                    r++;
                if (r == e)
                    continue;
                a.a0 = i, a.a1 = r;
            }
        }
        if (!S_speaker(c, &a.a0, &a.a1))
            continue; /* "Monday said", "estimates the number of": no speaker */
        for (size_t k = a.a0; k < a.a1; k++) {
            size_t e2;
            if (S_match(c, S_C_OFFICIAL, k, &e2))
                a.official = 1;
        }
        out[n++] = a;
        i = a.a1 > i ? a.a1 - 1 : i;
    }
    return n;
}

/* ---- place -------------------------------------------------------------- */

/* "in Almaty", "in the country's economic center, Almaty": a capitalized run
 * after "in" (token i); returns the token after it, or i when none. */
static size_t S_place(const S_ctx *c, size_t i, char *out)
{
    if (i >= c->n || c->t[i].wid < 0 || strcmp(S_lex.words[c->t[i].wid].key, "in") != 0)
        return i;
    size_t k = i + 1;
    int commas = 0;
    for (int steps = 0; k < c->n && steps < 7; k++, steps++) {
        if (c->t[k].type == S_T_WORD && (c->t[k].flags & S_F_CAP) &&
            !(S_wflags(c, k) & (S_GL_DET | S_MONTH))) {
            size_t r = k, len = 0;
            while (r < c->n && r < k + 3 && c->t[r].type == S_T_WORD && (c->t[r].flags & S_F_CAP))
                r++;
            uint32_t b = c->t[k].start, e = c->t[r - 1].end;
            len = e - b;
            if (len >= CONCORD_FIG_PLACE_MAX)
                return i;
            memcpy(out, c->text + b, len);
            out[len] = 0;
            return r;
        }
        if (S_punct(c, k, ',')) {
            if (++commas > 1)
                return i;
            continue;
        }
        if (c->t[k].type != S_T_WORD || (S_wflags(c, k) & (S_GL_STOP | S_GL_PASS)))
            return i;
        size_t e;
        if (S_match(c, S_C_MEASURE, k, &e))
            return i;
    }
    return i;
}

/* ---- extraction --------------------------------------------------------- */

/* A named victim: the hash of the last word of a name a report counts,
 * and that report's start. */
typedef struct {
    uint64_t name;
    uint32_t start;
} S_victim;

typedef struct {
    concord_figure_report *r;
    size_t n, cap;
    S_victim *v; /* named victims (text reports only) */
    size_t nv, capv;
    int selfkill; /* bit 1: the text says a shooter took their own life; bit 2: the title */
    uint32_t selfkill_sent; /* the first text sentence saying so */
    int roundup;            /* the headline holds a round-up word */
} S_out;

/* Whether m counts people hit by an event (killed, injured, detained...):
 * their places mark parts of one total, read only right after the count. */
static int S_event_measure(int m)
{
    return m == CONCORD_FIG_KILLED || m == CONCORD_FIG_INJURED || m == CONCORD_FIG_DETAINED ||
           m == CONCORD_FIG_MISSING || m == CONCORD_FIG_EVACUATED || m == CONCORD_FIG_DISPLACED ||
           m == CONCORD_FIG_SHOT;
}

/* The place of a quantity later in its clause: "the 100,000 troops the
 * Kremlin has positioned on the border with Ukraine" -> "Ukraine"; a
 * preposition of place (in, on, near, along, at, inside) then a capitalized
 * name within four words ("the border with"). */
static void S_place_far(const S_ctx *c, size_t from, char *out)
{
    for (size_t k = from; k < c->n && k < from + 14; k++) {
        if (S_clause_end(c, k) || (S_wflags(c, k) & S_GL_STOP))
            return;
        if (!(S_key_is(c, k, "in") || S_key_is(c, k, "on") || S_key_is(c, k, "near") ||
              S_key_is(c, k, "along") || S_key_is(c, k, "inside") || S_key_is(c, k, "at")))
            continue;
        for (size_t j = k + 1; j < c->n && j < k + 6; j++) {
            const S_tok *t = &c->t[j];
            if (t->type != S_T_WORD)
                break;
            if ((t->flags & S_F_CAP) && !(S_wflags(c, j) & (S_GL_DET | S_MONTH))) {
                size_t r = j;
                while (r < c->n && r < j + 3 && c->t[r].type == S_T_WORD &&
                       (c->t[r].flags & S_F_CAP))
                    r++;
                size_t len = c->t[r - 1].end - t->start;
                if (len < CONCORD_FIG_PLACE_MAX) {
                    memcpy(out, c->text + t->start, len);
                    out[len] = 0;
                }
                return;
            }
        }
    }
}

static int S_person_measure(int m)
{
    return m == CONCORD_FIG_KILLED || m == CONCORD_FIG_INJURED || m == CONCORD_FIG_DETAINED ||
           m == CONCORD_FIG_MISSING || m == CONCORD_FIG_EVACUATED || m == CONCORD_FIG_DISPLACED ||
           m == CONCORD_FIG_SHOT;
}

static void S_set_subject(concord_figure_report *r, const char *s)
{
    size_t n = strlen(s);
    if (n >= CONCORD_FIG_SUBJECT_MAX)
        n = CONCORD_FIG_SUBJECT_MAX - 1;
    memcpy(r->subject, s, n);
    r->subject[n] = 0;
}

/* Extracts the reports of the sentence in c (tokens [c->s0, c->n)). */
/* A person's name starting at token i: one to three capitalized words that
 * no lexicon knows, not preceded by another capitalized word or a
 * determiner, and followed by a lower-case word; returns the token after
 * it, or i. */
/* "I'm", "I’ve": a one-letter word glued to a contraction is a pronoun, not a name. */
static int S_contraction(const S_ctx *c, size_t i)
{
    const S_tok *t = &c->t[i];
    const unsigned char *w = (const unsigned char *)c->text + t->start;
    size_t n = t->end - t->start;
    if (n >= 2 && (w[1] == '\'' || (n >= 4 && w[1] == 0xE2 && w[2] == 0x80 && w[3] == 0x99)))
        return 1;
    /* "He’s", "They’re", "There’s": a known word before the apostrophe */
    if (!memchr(w, '\'', n) && !memchr(w, 0xE2, n))
        return 0;
    for (size_t k = 1; k < n && k < S_WORD_MAX; k++) {
        size_t al = w[k] == '\''                                                        ? 1
                    : k + 2 < n && w[k] == 0xE2 && w[k + 1] == 0x80 && w[k + 2] == 0x99 ? 3
                                                                                        : 0;
        if (!al)
            continue;
        char low[S_WORD_MAX];
        for (size_t b = 0; b < k; b++)
            low[b] = (char)(w[b] >= 'A' && w[b] <= 'Z' ? w[b] | 32 : w[b]);
        return S_find(low, k) >= 0;
    }
    return 0;
}

static size_t S_name_run(const S_ctx *c, size_t i)
{
    const S_tok *t = &c->t[i];
    if (t->type != S_T_WORD || !(t->flags & S_F_CAP) || t->wid >= 0 || S_contraction(c, i))
        return i; /* known words (calendar, lexicon) are not names */
    if (i > c->s0) {
        const S_tok *p = &c->t[i - 1];
        if ((p->type == S_T_WORD && ((p->flags & S_F_CAP) || (S_wflags(c, i - 1) & S_GL_DET))) ||
            S_hyphen(c, i - 1) || (p->type == S_T_PUNCT && p->pc == '\''))
            return i;
    }
    size_t k = i;
    while (k < c->n && k < i + 3 && c->t[k].type == S_T_WORD && (c->t[k].flags & S_F_CAP) &&
           c->t[k].wid < 0)
        k++;
    /* "William A Young Jr., 32,": an abbreviated suffix before a comma */
    if (k > i && k + 1 < c->n && S_punct(c, k, '.') && S_punct(c, k + 1, ',') &&
        c->t[k - 1].end - c->t[k - 1].start <= 3)
        k++;
    else if (k > i && k + 2 < c->n && c->t[k].type == S_T_WORD && (c->t[k].flags & S_F_CAP) &&
             c->t[k].end - c->t[k].start <= 3 && S_punct(c, k + 1, '.') && S_punct(c, k + 2, ','))
        k += 2;
    size_t end = k;
    size_t e0;
    if (end < c->n && S_match(c, S_C_SUBJECT, end, &e0))
        return i; /* "Numerous people were injured": a determiner, not a name */
    /* "Arthur Adams, 19, was shot": skip an age in apposition */
    size_t k0 = k;
    if (k + 3 < c->n && S_punct(c, k, ',') && c->t[k + 1].type == S_T_NUM &&
        c->t[k + 1].num < 130 && S_punct(c, k + 2, ','))
        k += 3;
    if (S_punct(c, k0, ',') &&
        !(k < c->n && c->t[k].type == S_T_WORD && !(c->t[k].flags & S_F_CAP) &&
          ((S_wflags(c, k) & S_GL_PASS) || S_match(c, S_C_MEASURE, k, &e0)))) {
        /* "Marcus Seichter, 17, of Beloit, was killed", "Clark, a student,
         * was found dead": an apposition closed by a comma before the verb */
        for (size_t a = k0 + 2; a + 1 < c->n && a < k0 + 12 && !S_clause_end(c, a); a++)
            if (S_punct(c, a, ',') && c->t[a + 1].type == S_T_WORD &&
                (S_wflags(c, a + 1) & S_GL_PASS)) {
                k = a + 1;
                break;
            }
    }
    if (k >= c->n || c->t[k].type != S_T_WORD || (c->t[k].flags & S_F_CAP))
        return i;
    /* the next word must open the verb phrase (an auxiliary or a measure
     * word), or a measure phrase stands right before ("the death of Smith") */
    size_t e;
    if (!(S_wflags(c, k) & (S_GL_AUX | S_GL_PASS)) && !S_match(c, S_C_MEASURE, k, &e)) {
        const S_phrase *before = i > c->s0 ? S_match_ending(c, S_C_MEASURE, i, c->s0, &e) : NULL;
        return before && (before->b & S_R_BEFORE) ? end : i;
    }
    if (S_wflags(c, k) & S_GL_PLURAL)
        return i; /* "... and Williams were injured": a list of names, count unknown */
    const S_phrase *direct = S_match(c, S_C_MEASURE, k, &e);
    if (direct && direct->nw > 1)
        return i; /* "Oak Lawn in good condition": a place before a phrase */
    return k > end ? k - 1 : k;
}

/* One name: capitalized words no lexicon knows (at most three), and an age
 * in apposition after it; returns the token after it, or i. */
static size_t S_one_name(const S_ctx *c, size_t i)
{
    size_t k = i;
    while (k < c->n && k < i + 3 && c->t[k].type == S_T_WORD && (c->t[k].flags & S_F_CAP) &&
           c->t[k].wid < 0)
        k++;
    if (k > i && k + 2 < c->n && S_punct(c, k, ',') && c->t[k + 1].type == S_T_NUM &&
        c->t[k + 1].num < 130 &&
        (S_punct(c, k + 2, ',') || S_punct(c, k + 2, '.') ||
         (c->t[k + 2].wid >= 0 && (S_wflags(c, k + 2) & S_GL_STOP))))
        k += S_punct(c, k + 2, ',') ? 3 : 2;
    return k;
}

/* Cheap test before S_name_list: the capitalized run at i is followed by a
 * comma or "and". */
static inline int S_may_list(const S_ctx *c, size_t i)
{
    size_t k = i + 1;
    while (k < c->n && k < i + 3 && c->t[k].type == S_T_WORD && (c->t[k].flags & S_F_CAP))
        k++;
    return k < c->n && (S_punct(c, k, ',') ||
                        (c->t[k].wid >= 0 && (S_lex.words[c->t[k].wid].flags & S_GL_STOP)));
}

/* A list of two or more names ("Walker, 18, and Bolden, 20", "Smith and
 * Jones") starting at token i, not preceded by a capitalized word or a
 * determiner; *count = names.  Returns the token after the list, or i. */
static size_t S_name_list(const S_ctx *c, size_t i, size_t *count)
{
    *count = 0;
    const S_tok *t = &c->t[i];
    if (t->type != S_T_WORD || !(t->flags & S_F_CAP) || t->wid >= 0 || S_contraction(c, i))
        return i;
    if (i > c->s0) {
        const S_tok *p = &c->t[i - 1];
        if ((p->type == S_T_WORD && ((p->flags & S_F_CAP) || (S_wflags(c, i - 1) & S_GL_DET))) ||
            S_hyphen(c, i - 1) || (p->type == S_T_PUNCT && p->pc == '\''))
            return i;
    }
    size_t k = S_one_name(c, i), end = k;
    size_t n = 1;
    int closed = 0; /* "and" seen: "Atlanta, Cha died" is no list of two */
    while (k < c->n && n < 20) {
        size_t m = k;
        int sep = 0;
        if (S_punct(c, m, ','))
            m++, sep = 1;
        if (m < c->n && c->t[m].wid >= 0 && strcmp(S_lex.words[c->t[m].wid].key, "and") == 0)
            m++, sep = 2;
        if (!sep || m >= c->n)
            break;
        size_t e = S_one_name(c, m);
        if (e == m)
            break;
        n++;
        k = end = e;
        if (sep == 2) {
            closed = 1;
            break; /* "and" closes the list */
        }
    }
    if (n < 2 || !closed)
        return i;
    /* the list must be the subject of a plural verb ("were killed", "died")
     * or the object of a measure word right before it ("killing ...") */
    size_t e;
    const S_phrase *before = i > c->s0 ? S_match_ending(c, S_C_MEASURE, i, c->s0, &e) : NULL;
    size_t v = end; /* "Thomas, Doe, and Turner all suffered injuries" */
    if (v + 1 < c->n && (S_key_is(c, v, "all") || S_key_is(c, v, "both")))
        v++;
    int after_ok = v < c->n && c->t[v].type == S_T_WORD && !(c->t[v].flags & S_F_CAP) &&
                   ((S_wflags(c, v) & S_GL_PLURAL) || S_suffered(c, v) ||
                    (S_match(c, S_C_MEASURE, v, &e) && !(S_wflags(c, v) & S_GL_AUX)));
    if (!(before && (before->b & S_R_BEFORE)) && !after_ok)
        return i;
    *count = n;
    return end;
}

/* In running text, an age without a determiner right after a measure word
 * that takes its victim after it ("the shooting death of 17-year-old Cruz",
 * "killed 51-year-old Webb") counts one. */
static int S_after_victim_verb(const S_ctx *c, size_t i)
{
    size_t st;
    const S_phrase *p = i > c->s0 ? S_match_ending(c, S_C_MEASURE, i, c->s0, &st) : NULL;
    return p && (p->b & S_R_BEFORE) && (p->a == CONCORD_FIG_KILLED || p->a == CONCORD_FIG_INJURED);
}

/* Cheap filter for "a", "the", "his", "he": a count of one needs a person
 * noun (or, for pronouns, a measure word) within the next few tokens. */
static int S_count_possible(const S_ctx *c, size_t i)
{
    const S_phrase *p = &S_lex.phrases[S_lex.words[c->t[i].wid].first[S_C_NUMBER]];
    int kind = p->a;
    if (p->nw > 1 || p->next >= 0)
        return 1;
    if (kind != S_N_ARTICLE && kind != S_N_DEFINITE && kind != S_N_PRON)
        return 1;
    int cat = kind == S_N_PRON ? S_C_MEASURE : S_C_SUBJECT;
    for (size_t k = i + 1; k < c->n && k < i + 6; k++) {
        int32_t w = c->t[k].wid;
        if ((c->t[k].lf & (1u << (16 + cat))) || (c->t[k].flags & S_F_AGE))
            return 1;
        if (!(c->t[k].lf & (1u << (16 + S_C_NUMBER))))
            continue;
        if (kind != S_N_PRON && w >= 0 && S_lex.words[w].first[S_C_NUMBER] >= 0 &&
            S_lex.phrases[S_lex.words[w].first[S_C_NUMBER]].a == S_N_SCALE)
            return 1; /* "a hundred" */
        if (kind != S_N_PRON && w >= 0 && S_lex.words[w].first[S_C_NUMBER] >= 0 &&
            S_lex.phrases[S_lex.words[w].first[S_C_NUMBER]].a == S_N_DOZEN)
            return 1; /* "a dozen" */
    }
    return 0;
}

/* In a headline: a singular person noun or an age without a determiner
 * before it starts a count of one. */
static int S_bare_count(const S_ctx *c, size_t i)
{
    if (i > c->s0) {
        const S_tok *p = &c->t[i - 1];
        if (S_hyphen(c, i - 1) || p->type == S_T_NUM || (p->flags & S_F_AGE))
            return 0;
        if (p->type == S_T_WORD && ((S_wflags(c, i - 1) & (S_GL_DET | S_GL_AUX)) ||
                                    (p->wid >= 0 && S_lex.words[p->wid].first[S_C_NUMBER] >= 0)))
            return 0;
        size_t e;
        if (S_match(c, S_C_SUBJECT, i - 1, &e))
            return 0;
    }
    if (c->t[i].flags & S_F_AGE)
        return c->t[i].type == S_T_NUM || S_lex.words[c->t[i].wid].first[S_C_NUMBER] >= 0;
    size_t e;
    const S_phrase *s = S_match(c, S_C_SUBJECT, i, &e);
    return s && s->b && (s->a == S_K_PERSON || s->a == S_K_SECURITY);
}

/* "Father of 5 killed", "a mother of two was shot": the children a parent
 * noun names belong to the noun phrase, so the verb after them is the
 * parent's (the number itself is no count: S_read_num). */
static void S_parent_of(const S_ctx *c, S_np *np)
{
    size_t h = np->end;
    if (h < c->s0 + 1 || h + 1 >= c->n || !S_key_is(c, h, "of"))
        return;
    if (!(S_key_is(c, h - 1, "father") || S_key_is(c, h - 1, "mother") ||
          S_key_is(c, h - 1, "dad") || S_key_is(c, h - 1, "mom") || S_key_is(c, h - 1, "parent") ||
          S_key_is(c, h - 1, "grandfather") || S_key_is(c, h - 1, "grandmother")))
        return;
    double v;
    size_t e;
    int kind;
    if (!(c->t[h + 1].flags & S_F_AGE) && S_read_value(c, h + 1, &v, &e, &kind) &&
        (kind == 0 || kind == S_N_CARD || kind == S_N_TENS))
        np->end = e;
}

/* The attribution nearest to the quantity at tokens [i, t1) ("according
 * to police", "Smith said") among the sentence's n_attrs attributions. */
static void S_nearest_attribution(const S_ctx *c, const S_attr *attrs, size_t n_attrs, size_t i,
                                  size_t t1, concord_figure_report *r)
{
    size_t best = (size_t)-1, bestd = (size_t)-1;
    for (size_t a = 0; a < n_attrs; a++) {
        size_t d = attrs[a].a1 <= i ? i - attrs[a].a1 : attrs[a].a0 >= t1 ? attrs[a].a0 - t1 : 0;
        if (d < bestd)
            bestd = d, best = a;
    }
    if (best != (size_t)-1) {
        r->attr_start = c->t[attrs[best].a0].start;
        r->attr_end = c->t[attrs[best].a1 - 1].end;
        r->official = (unsigned)attrs[best].official;
    }
}

/* One count S_sentence is reading: its number, the noun phrase and measure
 * word around it, and the report made of them. */
typedef struct {
    S_num q;         /* the number, name list, name or bare noun */
    S_np np;         /* the noun phrase after it */
    S_meas m;        /* the measure word that says what happened to it */
    int kind;        /* q.kind */
    int bare;        /* a count of one without a number word ("Boy dies") */
    int from_before; /* the measure word is before the number ("killed two") */
    int incl;        /* "including" before it: part of the count before */
    size_t after;    /* token after the noun phrase (and its place) */
    char place[CONCORD_FIG_PLACE_MAX];
    double shot_of; /* "one of two men shot ... dies": the two, people shot */
    concord_figure_report r;
} S_count;

/* The count that token i starts: a list of names, a name, a bare noun of
 * one or a number; 0 when it starts none. */
static int S_count_number(const S_ctx *c, size_t i, S_count *k)
{
    const S_tok *t = &c->t[i];
    S_num *q = &k->q;
    k->bare = 0;
    if (t->type == S_T_PUNCT ||
        (t->type == S_T_WORD && t->wid < 0 && (c->title || !(t->flags & S_F_CAP))))
        return 0;
    size_t name_end = 0, list_n = 0, list_end = 0;
    if (!c->title && t->wid < 0 && S_may_list(c, i) &&
        (list_end = S_name_list(c, i, &list_n)) > i && list_n >= 2) {
        /* "killing Walker, 18, and Bolden, 20", "Smith and Jones were killed" */
        memset(q, 0, sizeof *q);
        q->i0 = q->q0 = i;
        q->i1 = list_end;
        q->value = q->low = q->high = (double)list_n;
        q->kind = S_N_NAME;
    } else if (!c->title && t->wid < 0 && (name_end = S_name_run(c, i)) > i) {
        /* "Smith died", "Adams was shot and killed": a named person is one */
        memset(q, 0, sizeof *q);
        q->i0 = q->q0 = i;
        q->i1 = name_end;
        q->value = q->low = q->high = 1;
        q->kind = S_N_NAME;
    } else if ((c->title && S_bare_count(c, i)) ||
               (!c->title && (t->flags & S_F_AGE) && S_after_victim_verb(c, i))) {
        k->bare = 1;
        /* headline "Boy dies", "9-year-old girl fatally shot": a count of one */
        memset(q, 0, sizeof *q);
        q->i0 = q->i1 = q->q0 = i;
        q->value = q->low = q->high = 1;
        q->kind = S_N_ARTICLE;
    } else {
        if (t->type == S_T_WORD && !(t->lf & (1u << (16 + S_C_NUMBER))))
            return 0;
        if (t->type == S_T_WORD && !S_count_possible(c, i))
            return 0;
        if (!S_read_num(c, i, q))
            return 0;
    }
    if (q->kind != 0 && q->kind != S_N_NAME && !k->bare && q->i1 < c->n &&
        S_starts_number(c, q->i1))
        return 0; /* "another eight people": the next number is the count */
    return 1;
}

/* The noun phrase after the count (a name's is "people"); 0 when it holds
 * a count of its own. */
static int S_count_np(const S_ctx *c, S_count *k)
{
    /* a word number inside a larger phrase ("one of", "no longer") is vetted below */
    S_read_np(c, k->q.i1, &k->np);
    S_parent_of(c, &k->np);
    k->kind = k->q.kind;
    if (k->np.inner && k->kind != S_N_ZERO)
        return 0; /* "one of the three men killed": the inner count is the figure */
    if (k->kind == S_N_NAME) {
        memset(&k->np, 0, sizeof k->np);
        k->np.end = k->q.i1;
        k->np.subject = "people";
        k->np.cls = S_K_PERSON;
        k->np.sg = 1;
    }
    return 1;
}

/* The report's value and interval from the number and its noun phrase. */
static void S_count_interval(S_count *k)
{
    const S_num *q = &k->q;
    concord_figure_report *r = &k->r;
    int kind = k->kind;
    memset(r, 0, sizeof *r);
    r->value = q->value;
    r->low = q->low;
    r->high = q->high;
    r->low_strict = q->low_strict;
    r->high_strict = q->high_strict;
    r->qualifier = q->qualifier;
    r->vague = kind == S_N_VAGUE;
    if (k->np.extra > 0 &&
        (kind == 0 || kind == S_N_CARD || kind == S_N_TENS || kind == S_N_ARTICLE) &&
        !q->qualifier) {
        r->value += k->np.extra; /* "two men and a woman" */
        r->inferred = 1;
        r->low = r->high = r->value;
    }
    if (k->np.partitive && !q->qualifier &&
        (kind == 0 || kind == S_N_CARD || kind == S_N_TENS || kind == S_N_ARTICLE))
        r->high = INFINITY; /* "two of the victims were critically wounded": at least two */
}

/* A place right after the noun phrase ("two killed in Almaty"), kept when
 * the phrase has no noun or follows "including"; sets k->after past it. */
static void S_count_place(const S_ctx *c, S_count *k)
{
    const S_num *q = &k->q;
    k->after = k->np.end;
    memset(k->place, 0, sizeof k->place);
    size_t pe = S_place(c, k->after, k->place);
    k->incl = q->q0 > c->s0 && (S_wflags(c, q->q0 - 1) & S_GL_INCL);
    if (pe > k->after && (k->np.subject == NULL || k->incl))
        k->after = pe;
    else
        k->place[0] = 0;
}

/* "accidentally shot another teen, killing him", "fired at Milner, killing
 * him": the fate said of the victim right after a shooting before it. */
static void S_fate_after_victim(const S_ctx *c, S_count *k)
{
    size_t i = k->np.end > k->q.i1 ? k->np.end : k->q.i1, e4;
    if (i < c->n && S_punct(c, i, ','))
        i++;
    const S_phrase *pf = i < c->n ? S_match(c, S_C_MEASURE, i, &e4) : NULL;
    if (pf && (pf->b & S_R_BEFORE) &&
        (pf->a == CONCORD_FIG_KILLED || pf->a == CONCORD_FIG_INJURED) && e4 < c->n &&
        (S_key_is(c, e4, "him") || S_key_is(c, e4, "her") || S_key_is(c, e4, "them")))
        k->m.measure = pf->a, k->m.m1 = e4 + 1;
}

/* The measure word of the count: after it ("two were killed"), else right
 * before it ("killed two"); sets k->m and k->from_before. */
static void S_count_measure(const S_ctx *c, S_count *k)
{
    const S_num *q = &k->q;
    int kind = k->kind;
    memset(&k->m, 0, sizeof k->m);
    int mult = kind == S_N_MULTIPLE;
    S_measure_after(c, k->after, mult,
                    !k->bare && (kind == S_N_ARTICLE || kind == S_N_DEFINITE || kind == S_N_PRON ||
                                 kind == S_N_NAME),
                    &k->m);
    k->from_before = 0;
    if (k->m.measure == CONCORD_FIG_SHOT && !mult && kind != S_N_ZERO && kind != S_N_PRON &&
        q->q0 > c->s0) {
        /* "the shooting death of a 15-year-old boy who was shot in the
         * head": a death right before the phrase is its fate */
        S_meas mb;
        S_measure_before(c, q->q0, &mb);
        if (mb.measure == CONCORD_FIG_KILLED && mb.m1 == q->q0)
            k->m = mb, k->from_before = 1;
    }
    if (k->m.measure < 0 && !mult && kind != S_N_ZERO && kind != S_N_PRON && kind != S_N_DEFINITE &&
        (q->i1 > q->i0 || k->bare)) {
        S_measure_before(c, q->q0, &k->m);
        k->from_before = k->m.measure >= 0;
        /* "shot a man", "killed his wife", "the death of Smith": only right after */
        if ((kind == S_N_ARTICLE || kind == S_N_NAME) && k->from_before && k->m.m1 != q->q0)
            k->m.measure = -1, k->from_before = 0;
    }
    if (k->from_before && k->m.measure == CONCORD_FIG_SHOT)
        S_fate_after_victim(c, k);
}

/* "One of two girls critically shot Wednesday has died", "One of two men
 * shot ... dies": a singular verb after "one of N" makes the one the
 * figure, not the N. */
static void S_one_of_n(const S_ctx *c, S_count *k)
{
    S_num *q = &k->q;
    concord_figure_report *r = &k->r;
    if (!(k->m.measure >= 0 && !k->from_before && (k->kind == 0 || k->kind == S_N_CARD) &&
          q->q0 >= c->s0 + 2 && S_key_is(c, q->q0 - 1, "of") &&
          (S_key_is(c, q->q0 - 2, "one") ||
           (q->q0 >= c->s0 + 3 && S_key_is(c, q->q0 - 2, "the") && S_key_is(c, q->q0 - 3, "one")))))
        return;
    int sg = 0;
    for (size_t i = k->np.end; i < k->m.m1 && i < c->n && !sg; i++)
        sg = S_key_is(c, i, "has") || S_key_is(c, i, "was") || S_key_is(c, i, "is") ||
             S_key_is(c, i, "dies");
    if (sg && k->m.measure == CONCORD_FIG_KILLED && !q->qualifier && isfinite(q->value) &&
        q->value > 1) {
        /* "One of two men shot late Monday dies": the two were shot */
        for (size_t i = k->np.end; i < k->m.m1 && i < c->n && k->shot_of == 0; i++) {
            size_t e;
            const S_phrase *p = S_match(c, S_C_MEASURE, i, &e);
            if (p && (p->a == CONCORD_FIG_SHOT || p->a == CONCORD_FIG_INJURED))
                k->shot_of = q->value;
        }
    }
    if (sg) {
        q->value = q->low = q->high = 1;
        r->value = r->low = r->high = 1;
        r->inferred = 0;
        q->qualifier = r->qualifier = NULL;
    }
}

/* Whether "no one", "none", "no injuries" is a total of zero, not nobody
 * more, nobody badly hurt or nobody of some place or group. */
static int S_zero_vetted(const S_ctx *c, const S_count *k)
{
    const S_num *q = &k->q;
    const S_meas *m = &k->m;
    if (m->measure < 0 || !S_person_measure(m->measure))
        return 0;
    /* "no one else", "no other injuries": nobody more, not a total of zero */
    int relative = 0;
    for (size_t i = q->i1; i < m->m0 && i < q->i1 + 3; i++)
        if (S_wflags(c, i) & S_GL_REL)
            relative = 1;
    /* "none have life-threatening injuries", "no one was seriously hurt":
     * nobody badly hurt, not a total of zero */
    for (size_t i = q->i1; i < m->m0 + 1 && i < c->n && i < q->i1 + 5 && !relative; i++)
        relative = S_key_is(c, i, "life") || S_key_is(c, i, "serious") ||
                   S_key_is(c, i, "seriously") || S_key_is(c, i, "critical") ||
                   S_key_is(c, i, "critically") || S_key_is(c, i, "severe") ||
                   S_key_is(c, i, "severely") || S_key_is(c, i, "major") ||
                   S_key_is(c, i, "significant") || S_key_is(c, i, "grave") ||
                   S_key_is(c, i, "gravely") || S_key_is(c, i, "fatal");
    /* "No one on the bus was injured", "None of the students on the
     * bus": nobody of some place or group, not a total of zero */
    for (size_t i = k->np.end > q->i1 ? k->np.end : q->i1; i < m->m0 && i < c->n && !relative; i++)
        relative = (S_key_is(c, i, "on") || S_key_is(c, i, "in") || S_key_is(c, i, "inside") ||
                    S_key_is(c, i, "at")) &&
                   (S_key_is(c, i + 1, "the") || S_key_is(c, i + 1, "a") ||
                    S_key_is(c, i + 1, "that") || S_key_is(c, i + 1, "this"));
    if (relative)
        return 0;
    /* a bare "no" needs its noun or measure right after it */
    return !(q->i1 == q->i0 + 1 && c->t[q->i0].wid >= 0 &&
             strcmp(S_lex.words[c->t[q->i0].wid].key, "no") == 0 && !k->np.subject &&
             m->m0 > q->i1 + 1 && k->np.end == q->i1);
}

/* Whether a word count ("a man", "he", a name, "no one", "multiple") has
 * the context it needs, and the count is not negated. */
static int S_count_vetted(const S_ctx *c, const S_count *k)
{
    const S_num *q = &k->q;
    const S_np *np = &k->np;
    const S_meas *m = &k->m;
    int kind = k->kind;
    if (kind == S_N_ARTICLE || kind == S_N_DEFINITE) {
        if (!(np->subject &&
              (np->cls == S_K_PERSON || np->cls == S_K_SECURITY || np->cls == S_K_TROOPS) &&
              (np->sg || np->age_head)) ||
            m->measure < 0)
            return 0;
    } else if (kind == S_N_PRON) {
        if (m->measure < 0 || np->end != q->i1 || m->m0 > q->i1 + 3)
            return 0;
    } else if (kind == S_N_NAME) {
        if (m->measure < 0 || (!k->from_before && m->m0 > q->i1 + 3) ||
            (m->measure != CONCORD_FIG_KILLED && m->measure != CONCORD_FIG_INJURED &&
             m->measure != CONCORD_FIG_SHOT))
            return 0;
    } else if (kind == S_N_ZERO) {
        if (!S_zero_vetted(c, k))
            return 0;
    } else if (kind == S_N_MULTIPLE) {
        if (m->measure < 0)
            return 0;
    }
    return !(m->negated && kind != S_N_ZERO); /* "the girl was not hurt" counts nothing */
}

/* What the count measures: the noun decides for troops, equipment,
 * durations, money and percent, else the measure word, else (after
 * "including") the previous count's; -1 when it measures nothing. */
static int S_count_measure_of(S_count *k, const S_out *out, size_t first_report)
{
    const S_num *q = &k->q;
    S_np *np = &k->np;
    int measure = k->m.measure;
    if (q->money || np->cls == S_K_MONEY) {
        measure = CONCORD_FIG_MONEY;
    } else if (q->percent || np->cls == S_K_PERCENT) {
        measure = CONCORD_FIG_PERCENT;
    } else if (np->cls == S_K_DURATION) {
        measure = CONCORD_FIG_DURATION;
    } else if (measure < 0 && np->cls == S_K_TROOPS) {
        measure = CONCORD_FIG_TROOPS;
    } else if (measure < 0 && np->cls == S_K_EQUIPMENT) {
        measure = CONCORD_FIG_EQUIPMENT;
    } else if (np->cls == S_K_EQUIPMENT && S_person_measure(measure)) {
        return -1; /* "two cars were hit" */
    }
    if (measure < 0 && k->incl && out->n > first_report) {
        const concord_figure_report *prev = &out->r[out->n - 1];
        measure = prev->measure;
        if (!np->subject)
            np->subject = prev->subject[0] ? prev->subject : NULL;
        if (!np->subject)
            np->subject = "people";
    }
    if (measure < 0)
        return -1;
    if (q->kind != 0 && (measure == CONCORD_FIG_MONEY || measure == CONCORD_FIG_PERCENT) &&
        !q->money && np->cls != S_K_MONEY && np->cls != S_K_PERCENT)
        return -1;
    return measure;
}

/* The report's subject: the noun, the unit, the unknown noun, or for people
 * the subject of the count before ("and over 2,000 injured"). */
static void S_count_subject(S_count *k, const S_out *out, size_t first_report)
{
    const S_np *np = &k->np;
    concord_figure_report *r = &k->r;
    int measure = (int)r->measure;
    if (measure == CONCORD_FIG_TROOPS)
        S_set_subject(r, "troops");
    else if (measure == CONCORD_FIG_MONEY)
        S_set_subject(r, k->q.unit ? k->q.unit : np->subject ? np->subject : "money");
    else if (measure == CONCORD_FIG_PERCENT)
        S_set_subject(r, np->cls == S_K_PERCENT || !np->subject ? "percent" : np->subject);
    else if (np->subject)
        S_set_subject(r, np->subject);
    else if (np->unknown[0] && !k->from_before)
        S_set_subject(r, np->unknown);
    else if (S_person_measure(measure)) {
        /* "and over 2,000 injured": the subject of the previous count */
        const char *inh = "people";
        if (out->n > first_report && S_person_measure(out->r[out->n - 1].measure))
            inh = out->r[out->n - 1].subject;
        S_set_subject(r, inh);
    } else if (np->unknown[0])
        S_set_subject(r, np->unknown);
    else
        S_set_subject(r, "other");
}

/* The report's place (or one further on) and its text spans; *t0, *t1 are
 * the tokens of the whole figure, from number or measure word to its end. */
static void S_count_spans(const S_ctx *c, S_count *k, uint32_t sent, size_t *t0, size_t *t1)
{
    const S_num *q = &k->q;
    const S_meas *m = &k->m;
    concord_figure_report *r = &k->r;
    memcpy(r->place, k->place, sizeof k->place);
    if (!r->place[0] && !S_event_measure((int)r->measure))
        S_place_far(c, k->np.end > q->i1 ? k->np.end : q->i1, r->place);
    *t0 = q->q0, *t1 = k->np.end > q->i1 ? k->np.end : q->i1;
    if (m->measure >= 0) {
        if (m->m0 < *t0)
            *t0 = m->m0;
        if (m->m1 > *t1)
            *t1 = m->m1;
    }
    if (k->after > *t1)
        *t1 = k->after;
    r->start = c->t[*t0].start;
    r->end = c->t[*t1 - 1].end;
    r->num_start = c->t[q->i0].start;
    r->num_end = q->i1 > q->i0 ? c->t[q->i1 - 1].end : c->t[q->i0].end;
    r->sentence = sent;
}

/* The report's flags read from the words of the figure (tokens [t0, t1)):
 * at least ("among"), alive, singular, other (a victim besides). */
static void S_count_flags(const S_ctx *c, S_count *k, size_t t0, size_t t1)
{
    const S_num *q = &k->q;
    const S_meas *m = &k->m;
    concord_figure_report *r = &k->r;
    int kind = k->kind;
    /* "two children are among the injured": at least two */
    for (size_t i = k->np.end; m->measure >= 0 && i < m->m0 && i < c->n && !r->qualifier; i++)
        if (S_key_is(c, i, "among"))
            r->high = INFINITY;
    /* "she is in stable condition", "he is expected to survive": alive */
    for (size_t i = m->m0; i < m->m1 && i < c->n && m->measure == CONCORD_FIG_INJURED; i++)
        if (S_key_is(c, i, "stable") || S_key_is(c, i, "good") || S_key_is(c, i, "fair") ||
            S_key_is(c, i, "survive") || S_key_is(c, i, "recovering") ||
            S_key_is(c, i, "recovers") || S_key_is(c, i, "minor") ||
            S_key_is(c, i, "non-life-threatening") ||
            (S_key_is(c, i, "threatening") && S_negated_before(c, m->m0, i)))
            r->alive = 1;
    r->singular = r->value == 1 && k->np.extra == 0 &&
                  (k->bare || kind == S_N_ARTICLE || kind == S_N_DEFINITE || kind == S_N_PRON ||
                   kind == S_N_NAME);
    /* "another", "a second man": a victim besides those counted; "also"
     * hints at one ("a man also was injured") but may be said of the
     * one who died ("who also suffered wounds ... later died") */
    for (size_t i = q->q0; i < q->i1 + 1 && i < c->n && !(k->from_before && m->m1 == q->q0); i++)
        if (c->t[i].wid >= 0 && (S_lex.words[c->t[i].wid].flags & S_GL_ADDL))
            r->other = 1; /* not "shot another teen": the shooter's other */
    for (size_t i = t0; i < t1 && r->singular; i++)
        if (c->t[i].wid >= 0 && (S_lex.words[c->t[i].wid].flags & S_GL_ADDL))
            r->singular = 0;
    /* "6 adults that walked into the hospital with gunshot wounds":
     * victims who came by themselves are besides those found at the scene */
    for (size_t i = t0; i < t1 && i < c->n && m->measure == CONCORD_FIG_INJURED && !r->qualifier;
         i++)
        if (c->t[i].wid >= 0 && (S_lex.words[c->t[i].wid].flags & S_GL_WALKIN))
            r->other = 1;
}

/* The victims a name count names, each by a hash of its last word (the
 * report starting at byte start), for matching them across sentences. */
static void S_victim_names(const S_ctx *c, const S_num *q, uint32_t start, S_out *out)
{
    for (size_t k = q->i0, got = 0; k < q->i1 && got < (size_t)q->value; k++) {
        /* the last word of each name: "Jacinta Walker, 18, and Aveion Bolden";
         * not places ("Marcus Seichter, 17, of Beloit") */
        if (c->t[k].type != S_T_WORD || !(c->t[k].flags & S_F_CAP) ||
            (k + 1 < q->i1 && c->t[k + 1].type == S_T_WORD && (c->t[k + 1].flags & S_F_CAP)))
            continue;
        size_t b0 = k;
        while (b0 > q->i0 && c->t[b0 - 1].type == S_T_WORD && (c->t[b0 - 1].flags & S_F_CAP))
            b0--;
        if (b0 > c->s0 && (S_key_is(c, b0 - 1, "of") || S_key_is(c, b0 - 1, "from") ||
                           S_key_is(c, b0 - 1, "in") || S_key_is(c, b0 - 1, "at")))
            continue;
        got++;
        char f[32];
        size_t fl = 0;
        for (uint32_t b = c->t[k].start; b < c->t[k].end && fl < sizeof f; b++)
            f[fl++] = (char)(c->text[b] | 32);
        CONCORD_GROW(out->v, out->capv, out->nv + 1);
        out->v[out->nv].name = concord_hash(f, fl, 0x5f);
        out->v[out->nv++].start = start;
    }
}

/* "The victim was taken to a hospital with life-threatening injuries,
 * where she was later pronounced dead": a pronoun's death after a singular
 * injury of the same sentence is that victim's, not a second victim's (the
 * hurt report is set aside). */
static void S_pronoun_death(const S_count *k, S_out *out, size_t first_report)
{
    if (k->r.measure != CONCORD_FIG_KILLED || k->kind != S_N_PRON || k->r.qualifier)
        return;
    for (size_t i = out->n; i-- > first_report;) {
        concord_figure_report *h = &out->r[i];
        if (h->measure == CONCORD_FIG_INJURED && h->singular && !h->alive && !h->other &&
            !h->derived) {
            h->aside = 1;
            break;
        }
    }
}

/* One sentence's counts of people and things (tokens [c->s0, c->n)): each
 * number, name or bare noun with its noun phrase, measure word, subject,
 * place and attribution becomes a report in out. */
static void S_sentence(const S_ctx *c, uint32_t sent, S_out *out)
{
    size_t first_report = out->n;
    S_attr attrs[8];
    size_t n_attrs = (size_t)-1; /* read at the sentence's first report */
    size_t skip_until = c->s0;
    for (size_t i = c->s0; i < c->n; i++) {
        S_count k;
        if (i < skip_until || !S_count_number(c, i, &k) || !S_count_np(c, &k))
            continue;
        k.shot_of = 0;
        S_count_interval(&k);
        S_count_place(c, &k);
        S_count_measure(c, &k);
        S_one_of_n(c, &k);
        if (k.kind == S_N_ZERO)
            skip_until = k.q.i1; /* "no one": never read the "one" again */
        if (!S_count_vetted(c, &k))
            continue;
        int measure = S_count_measure_of(&k, out, first_report);
        if (measure < 0)
            continue;
        k.r.measure = (concord_figure_measure)measure;
        S_count_subject(&k, out, first_report);
        size_t t0, t1;
        S_count_spans(c, &k, sent, &t0, &t1);
        if (n_attrs == (size_t)-1)
            n_attrs = S_attributions(c, attrs, 8);
        S_nearest_attribution(c, attrs, n_attrs, k.q.i0, t1, &k.r);
        S_count_flags(c, &k, t0, t1);
        if (k.kind == S_N_NAME && !c->title)
            S_victim_names(c, &k.q, k.r.start, out);
        S_pronoun_death(&k, out, first_report);
        CONCORD_GROW(out->r, out->cap, out->n + 1);
        out->r[out->n++] = k.r;
        if (k.shot_of > 1 && k.r.measure == CONCORD_FIG_KILLED) {
            concord_figure_report sr = k.r; /* the people shot the "one of" names */
            sr.measure = CONCORD_FIG_SHOT;
            sr.value = sr.low = sr.high = k.shot_of;
            sr.singular = 0;
            CONCORD_GROW(out->r, out->cap, out->n + 1);
            out->r[out->n++] = sr;
        }
        skip_until = k.np.end > k.q.i1 ? k.np.end : k.q.i1;
    }
}

/* ---- every quantity, typed ---------------------------------------------- */

typedef struct {
    int measure;
    const char *unit;
    double scale, offset;
    size_t end; /* token after the unit */
} S_unit;

static const char *S_cur_code(const char *key, size_t n)
{
    char low[8];
    if (n == 0 || n >= sizeof low)
        return NULL;
    for (size_t k = 0; k < n; k++)
        low[k] = (key[k] >= 'A' && key[k] <= 'Z') ? (char)(key[k] + 32) : key[k];
    low[n] = 0;
    for (size_t k = 0; k < S_lex.n_cur; k++)
        if (strcmp(S_lex.cur[k].key, low) == 0)
            return S_lex.cur[k].code;
    return NULL;
}

/* A currency written right before token i ("$", "US$", "Rs.", "EUR"): its
 * ISO code, *first its first token; NULL when none. */
static const char *S_currency_before(const S_ctx *c, size_t i, size_t *first)
{
    if (i <= c->s0 || i >= c->n)
        return NULL;
    const S_tok *p = &c->t[i - 1];
    if (p->type == S_T_PUNCT && p->pc == '$') {
        size_t n = p->end - p->start;
        const char *sym = c->text + p->start;
        if ((p->flags & S_F_GLUED) && i - 1 > c->s0 && c->t[i - 2].type == S_T_WORD) {
            const S_tok *w = &c->t[i - 2];
            char key[8];
            size_t wl = w->end - w->start;
            if (wl + n < sizeof key) {
                memcpy(key, c->text + w->start, wl);
                memcpy(key + wl, sym, n);
                const char *code = S_cur_code(key, wl + n);
                if (code) {
                    *first = i - 2;
                    return code;
                }
            }
        }
        *first = i - 1;
        const char *code = S_cur_code(sym, n);
        return code ? code : "USD";
    }
    size_t k = i - 1;
    if (p->type == S_T_PUNCT && p->pc == '.' && k > c->s0)
        k--;
    const S_tok *w = &c->t[k];
    if (w->type == S_T_WORD && w->end - w->start <= 3 && !(w->flags & S_F_GLUED)) {
        const char *code = S_cur_code(c->text + w->start, w->end - w->start);
        if (code) {
            *first = k;
            return code;
        }
    }
    return NULL;
}

/* Fills u from a unit phrase at token j; "km/h" and "years old" handled. */
static int S_unit_phrase(const S_ctx *c, const S_phrase *p, size_t ue, S_unit *u)
{
    u->measure = p->a;
    u->unit = p->str;
    u->scale = p->v;
    u->offset = p->v2;
    u->end = ue;
    if (p->a == CONCORD_FIG_DISTANCE && S_punct(c, ue, '/') &&
        (S_key_is(c, ue + 1, "h") || S_key_is(c, ue + 1, "hr") || S_key_is(c, ue + 1, "hour"))) {
        u->measure = CONCORD_FIG_SPEED; /* 193 km/h */
        u->unit = "m/s";
        u->scale = p->v / 3600;
        u->end = ue + 2;
    }
    if (p->a == CONCORD_FIG_DURATION && p->v >= 86400) {
        size_t k = ue;
        if (S_punct(c, k, '-'))
            k++;
        if (S_key_is(c, k, "old"))
            u->end = k + 1;
        else if (S_key_is(c, k, "of") && S_key_is(c, k + 1, "age"))
            u->end = k + 2;
        else
            return 1;
        u->measure = CONCORD_FIG_AGE; /* "22 years old", "22 years of age" */
        u->unit = "a";
        u->scale = p->v / 31557600.0;
        u->offset = 0;
    }
    return 1;
}

/* The unit right after a number ending before token e: "%", "48 hours",
 * "41-yard", "10 km/h"; 0 when none. */
static int S_unit_after(const S_ctx *c, size_t e, S_unit *u)
{
    if (S_punct(c, e, '%')) {
        u->measure = CONCORD_FIG_PERCENT, u->unit = "%", u->scale = 1, u->offset = 0,
        u->end = e + 1;
        return 1;
    }
    size_t j = e, ue;
    if (S_punct(c, j, '-'))
        j++; /* "41-yard", "three - minute" */
    const S_phrase *p = S_match(c, S_C_UNIT, j, &ue);
    if (!p || (!c->title && (c->t[j].flags & S_F_CAP) && c->t[j].end - c->t[j].start > 3))
        return 0; /* "5 Days Inn"; headlines capitalize every word */
    return S_unit_phrase(c, p, ue, u);
}

/* The unit glued to digits ("48km", "£88m", "10kg"): multiplier or unit. */
static int S_unit_suffix(const S_ctx *c, size_t i, int money, double *mult, S_unit *u)
{
    const S_tok *t = &c->t[i];
    const char *s = c->text;
    size_t j = t->start;
    while (j < t->end &&
           (S_digit((unsigned char)s[j]) ||
            ((s[j] == ',' || s[j] == '.') && j + 1 < t->end && S_digit((unsigned char)s[j + 1]))))
        j++;
    size_t n = t->end - j;
    char low[8];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t k = 0; k < n; k++)
        low[k] = (char)(s[j + k] | 32);
    low[n] = 0;
    *mult = 1;
    if (money) {
        if (strcmp(low, "m") == 0 || strcmp(low, "mn") == 0 || strcmp(low, "mln") == 0)
            *mult = 1e6;
        else if (strcmp(low, "bn") == 0 || strcmp(low, "b") == 0)
            *mult = 1e9;
        else if (strcmp(low, "k") == 0)
            *mult = 1e3;
        else if (strcmp(low, "tn") == 0)
            *mult = 1e12;
        return *mult > 1;
    }
    if (n == 1 && (low[0] == 'c' || low[0] == 'f') && t->end - t->start <= 4 &&
        !(i > c->s0 && ((c->t[i - 1].type == S_T_WORD && (c->t[i - 1].flags & S_F_CAP)) ||
                        (S_wflags(c, i - 1) & S_NU_BEFORE) || c->t[i - 1].type == S_T_PUNCT))) {
        /* 30C, 86F; not "Apartment 30C", "Room 4F", "#3C" */
        u->measure = CONCORD_FIG_TEMPERATURE, u->unit = "Cel", u->end = i + 1;
        u->scale = low[0] == 'c' ? 1 : 5 / 9.0;
        u->offset = low[0] == 'c' ? 0 : -160 / 9.0;
        return 1;
    }
    int32_t w = S_find(low, n);
    if (w < 0)
        return 0;
    for (int p = S_lex.words[w].first[S_C_UNIT]; p >= 0; p = S_lex.phrases[p].next)
        if (S_lex.phrases[p].nw == 1)
            return S_unit_phrase(c, &S_lex.phrases[p], i + 1, u);
    return 0;
}

/* "Smith, 19, of Dallas", "girl, 9, dies": an age in apposition at token i. */
static int S_apposition_age(const S_ctx *c, size_t i)
{
    const S_tok *t = &c->t[i];
    if (t->type != S_T_NUM || i < c->s0 + 2 || !S_punct(c, i - 1, ',') || !(t->num < 130) ||
        (t->flags & (S_F_COMMA_NUM | S_F_SUFFIX)))
        return 0;
    size_t e;
    if (S_punct(c, i - 2, '.') && i >= c->s0 + 3 && c->t[i - 3].type == S_T_WORD &&
        (c->t[i - 3].flags & S_F_CAP))
        return 1; /* "Norris Greenhouse Jr., 32," */
    if (c->t[i - 2].type != S_T_WORD || S_match(c, S_C_NUMBER, i - 2, &e))
        return 0; /* "eight, 10, 12 years": a list */
    if (S_punct(c, i + 1, ','))
        return 1;
    return (c->t[i - 2].flags & S_F_CAP) &&
           (i + 1 >= c->n || S_punct(c, i + 1, ')') || S_punct(c, i + 1, '.') ||
            (S_wflags(c, i + 1) & (S_GL_AUX | S_GL_PASS)) ||
            (c->t[i + 1].type == S_T_WORD && !(c->t[i + 1].flags & S_F_CAP) &&
             !S_match(c, S_C_NUMBER, i + 1, &e) && !S_match(c, S_C_QUAL, i + 1, &e))) &&
           !S_match(c, S_C_SUBJECT, i + 1, &e) && !S_match(c, S_C_MEASURE, i + 1, &e);
}

/* The unit of an age glued to "-year-old" at token i (years, months, weeks, days). */
static double S_age_scale(const S_ctx *c, size_t i, size_t *end)
{
    double scale = 1;
    *end = i + 1;
    for (size_t k = i + 1; k < c->n && k < i + 6; k++) {
        if (S_key_is(c, k, "month") || S_key_is(c, k, "months"))
            scale = 1 / 12.0;
        else if (S_key_is(c, k, "week") || S_key_is(c, k, "weeks"))
            scale = 7 / 365.25;
        else if (S_key_is(c, k, "day") || S_key_is(c, k, "days"))
            scale = 1 / 365.25;
        if (S_key_is(c, k, "old") || S_key_is(c, k, "olds")) {
            *end = k + 1;
            break;
        }
    }
    return scale;
}

/* "aged 25", "age 50", "the age of 21", "ages 14 to 18" */
static int S_age_word_before(const S_ctx *c, size_t i)
{
    if (i <= c->s0)
        return 0;
    if (S_key_is(c, i - 1, "aged") || S_key_is(c, i - 1, "age") || S_key_is(c, i - 1, "ages"))
        return 1;
    return i >= c->s0 + 2 && S_key_is(c, i - 1, "of") && S_key_is(c, i - 2, "age");
}

static void S_set_unit(concord_figure_report *r, int measure, const char *unit, double scale,
                       double offset)
{
    r->measure = (concord_figure_measure)measure;
    r->unit = unit;
    r->scale = scale;
    r->offset = offset;
}

/* Token index of the first token starting at or after byte b (from i). */
static size_t S_tok_at(const S_ctx *c, size_t i, uint32_t b)
{
    while (i < c->n && c->t[i].start < b)
        i++;
    return i;
}

/* Gives a report of the counting pass its unit (money's currency, the
 * percent or duration unit; "1" for counts of people and things). */
static void S_type_report(const S_ctx *c, size_t i0, concord_figure_report *r)
{
    int m = r->measure;
    size_t e = S_tok_at(c, i0, r->num_end);
    S_unit u;
    memset(&u, 0, sizeof u);
    int has = S_unit_after(c, e, &u);
    if (m == CONCORD_FIG_MONEY) {
        size_t f;
        const char *code = S_currency_before(c, i0, &f);
        if (has && u.measure == CONCORD_FIG_MONEY) {
            S_set_unit(r, m, u.unit, u.scale, 0);
        } else if (has && u.measure == CONCORD_FIG_WEIGHT && strcmp(u.unit, "kg") == 0 &&
                   e > i0 + 1) {
            S_set_unit(r, m, "GBP", 1, 0); /* "200 million pounds" */
        } else {
            S_set_unit(r, m, code, 1, 0);
        }
        S_set_subject(r, "money");
    } else if (m == CONCORD_FIG_PERCENT) {
        S_set_unit(r, m, has && u.measure == CONCORD_FIG_PERCENT ? u.unit : "%", 1, 0);
    } else if (m == CONCORD_FIG_DURATION) {
        if (has && u.measure == CONCORD_FIG_DURATION)
            S_set_unit(r, m, "s", u.scale, 0);
        else
            S_set_unit(r, m, NULL, 1, 0);
        S_set_subject(r, "duration");
    } else {
        S_set_unit(r, m, "1", 1, 0);
    }
}

/* "13, 000", "$380, 600": thousands split by a detokenizer's space after
 * the comma; *v the whole number, *end the token after it. */
static int S_spaced_thousands(const S_ctx *c, size_t i, double *v, size_t *end)
{
    const S_tok *t = &c->t[i];
    if (t->type != S_T_NUM || (t->flags & (S_F_COMMA_NUM | S_F_SUFFIX)) || t->end - t->start > 3 ||
        !S_punct(c, i + 1, ',') || !(c->t[i + 1].flags & S_F_GLUED) || i + 2 >= c->n)
        return 0;
    const S_tok *u = &c->t[i + 2];
    if (u->type != S_T_NUM || (u->flags & S_F_GLUED) || u->num < 0)
        return 0;
    size_t digits = 0;
    for (uint32_t b = u->start; b < u->end && S_digit((unsigned char)c->text[b]); b++)
        digits++;
    if (digits != 3 || (u->end - u->start != 3 && !(u->flags & S_F_COMMA_NUM)))
        return 0;
    if (u->end - u->start != 3)
        return 0;
    *v = t->num * 1000 + u->num;
    *end = i + 3;
    return 1;
}

/* Word numbers that are no amount: "one of", "the one", "either one", "one is". */
static int S_word_count_ok(const S_ctx *c, size_t i, size_t end, double v)
{
    if (end + 1 < c->n &&
        (S_punct(c, end, ',') || S_key_is(c, end, "or") || S_key_is(c, end, "and")) &&
        (c->t[end + 1].type == S_T_NUM || S_key_is(c, end + 1, "maybe") ||
         S_key_is(c, end + 1, "more") || S_match(c, S_C_NUMBER, end + 1, &(size_t){0})))
        return 1; /* "five, maybe six years", "eight, 10, 12", "two or more" */
    if (end >= c->n || c->t[end].type != S_T_WORD)
        return 0;
    if (S_wflags(c, end) & (S_GL_STOP | S_GL_PREP | S_GL_DET | S_GL_REL))
        return 0;
    static const char *const no[] = {"of",   "another",  "is",    "was",   "are",     "were",
                                     "has",  "had",      "have",  "would", "will",    "could",
                                     "can",  "should",   "may",   "might", "must",    "does",
                                     "did",  "do",       "thing", "way",   "day",     "time",
                                     "side", "instance", "hand",  "point", "another", "reason"};
    for (size_t k = 0; k < sizeof no / sizeof *no; k++)
        if ((v == 1 || k < 1) && S_key_is(c, end, no[k]))
            return 0;
    if (v == 1 && i > c->s0 && (S_wflags(c, i - 1) & S_GL_DET))
        return 0;
    if (v == 1 && i > c->s0 &&
        (S_key_is(c, i - 1, "either") || S_key_is(c, i - 1, "any") || S_key_is(c, i - 1, "each") ||
         S_key_is(c, i - 1, "no") || S_key_is(c, i - 1, "every") || S_key_is(c, i - 1, "the") ||
         S_key_is(c, i - 1, "this") || S_key_is(c, i - 1, "that")))
        return 0;
    return 1;
}

/* A list joiner between two numbers: ",", "and", "or", "to", "maybe". */
static int S_list_gap(const S_ctx *c, size_t a, size_t b)
{
    if (b <= a || b > a + 3)
        return 0;
    for (size_t k = a; k < b; k++)
        if (!(S_punct(c, k, ',') || S_key_is(c, k, "and") || S_key_is(c, k, "or") ||
              S_key_is(c, k, "to") || S_key_is(c, k, "maybe") || S_punct(c, k, '-')))
            return 0;
    return 1;
}

/* A number the counting pass already read (its report's number covers token
 * i): "13, 000" written with a spaced comma is one number, and the report
 * gets its unit where it has none.  Returns the token after its number. */
static size_t S_type_counted(const S_ctx *c, size_t i, concord_figure_report *r)
{
    const S_tok *t = &c->t[i];
    double sv;
    size_t se;
    if (r->value == t->num && r->low == r->value && r->high == r->value &&
        S_spaced_thousands(c, i, &sv, &se)) {
        r->value = r->low = r->high = sv;
        r->num_end = c->t[se - 1].end;
        if (r->end < r->num_end)
            r->end = r->num_end;
    }
    if (r->unit == NULL || r->scale == 0)
        S_type_report(c, i, r);
    return S_tok_at(c, i, r->num_end);
}

/* Numbers that start no quantity: "another victim" (one more, no amount),
 * "per 100,000 residents", "at 3 in the morning" (a time); end is the token
 * after the number. */
static int S_no_quantity_at(const S_ctx *c, size_t i, size_t end)
{
    if (S_key_is(c, i, "another") || (i > c->s0 && S_key_is(c, i - 1, "per")))
        return 1;
    return i > c->s0 && S_key_is(c, i - 1, "at") && S_key_is(c, end, "in") &&
           S_key_is(c, end + 1, "the") &&
           (S_key_is(c, end + 2, "morning") || S_key_is(c, end + 2, "afternoon") ||
            S_key_is(c, end + 2, "evening") || S_key_is(c, end + 2, "night"));
}

/* Whether the token after a number glued to it opens with "½" ("3½"). */
static int S_half_after(const S_ctx *c, size_t i)
{
    return i + 1 < c->n && (c->t[i + 1].flags & S_F_GLUED) &&
           c->t[i + 1].end - c->t[i + 1].start >= 2 &&
           (unsigned char)c->text[c->t[i + 1].start] == 0xC2 &&
           (unsigned char)c->text[c->t[i + 1].start + 1] == 0xBD;
}

/* The unit of the number at token i (value *v, read up to token *end): a
 * unit glued to the digits ("193km/h", "$1.5bn"), an age, money, a unit word
 * after it, an age in apposition or after "aged", a score ("33 - 26"), or a
 * plain count when nothing else fits and it is a count at all.  Sets r's
 * measure and unit; may move *v and *end ("3½"), *q0 (the quantity's first
 * token: the currency sign) and *t1 (the token after its last word).
 * Returns 0 when the number is no quantity (a phone number, a date, another
 * script). */
static int S_quantity_unit(const S_ctx *c, size_t i, double *v, size_t *end, size_t *q0, size_t *t1,
                           concord_figure_report *r)
{
    const S_tok *t = &c->t[i];
    S_unit u;
    memset(&u, 0, sizeof u);
    size_t cf = 0;
    const char *cur = S_currency_before(c, i, &cf);
    double mult = 1;
    int ok = 0;
    int empty_suffix = 0;
    if (t->type == S_T_NUM && (t->flags & S_F_SUFFIX)) {
        uint32_t b = t->start;
        while (b < t->end && (S_digit((unsigned char)c->text[b]) ||
                              ((c->text[b] == ',' || c->text[b] == '.') && b + 1 < t->end &&
                               S_digit((unsigned char)c->text[b + 1]))))
            b++;
        empty_suffix = b == t->end; /* "30°C": the unit is the next token */
        if (empty_suffix && S_half_after(c, i)) {
            *v += 0.5; /* 3½ */
            *end = i + 2;
        }
    }
    if (t->type == S_T_NUM && (t->flags & S_F_SUFFIX) && !empty_suffix) {
        if (cur && S_unit_suffix(c, i, 1, &mult, &u)) {
            S_set_unit(r, CONCORD_FIG_MONEY, cur, 1, 0);
            *q0 = cf, ok = 1;
        } else if (!cur && S_unit_suffix(c, i, 0, &mult, &u)) {
            S_set_unit(r, u.measure, u.unit, u.scale, u.offset);
            *t1 = u.end, ok = 1;
        } else if (i + 1 < c->n && (c->t[i + 1].flags & S_F_GLUED) &&
                   c->t[i + 1].type == S_T_WORD &&
                   (unsigned char)c->text[c->t[i + 1].start] == 0xC2 &&
                   (unsigned char)c->text[c->t[i + 1].start + 1] == 0xBD) {
            *v += 0.5; /* 3½ */
            *end = *t1 = i + 2;
            if (S_unit_after(c, *end, &u)) {
                S_set_unit(r, u.measure, u.unit, u.scale, u.offset);
                *t1 = u.end, ok = 1;
            }
        }
        if (!ok)
            return 0;
        *v *= mult;
    } else if ((t->flags & S_F_AGE) && (S_age_scale(c, i, t1), *t1 > i + 1)) {
        double sc = S_age_scale(c, i, t1);
        S_set_unit(r, CONCORD_FIG_AGE, "a", sc, 0);
        ok = 1;
    } else if ((t->flags & S_F_AGE) && S_unit_after(c, *end, &u) &&
               u.measure == CONCORD_FIG_DURATION) {
        S_set_unit(r, u.measure, u.unit, u.scale, u.offset); /* "a 5-year plan" */
        *t1 = u.end, ok = 1;
    } else if (cur) {
        S_set_unit(r, CONCORD_FIG_MONEY, cur, 1, 0);
        *q0 = cf, ok = 1;
        if (S_unit_after(c, *end, &u) && u.measure == CONCORD_FIG_MONEY) {
            r->scale = u.scale; /* Rs 5 crore */
            *t1 = u.end;
        }
    } else if (S_unit_after(c, *end, &u)) {
        if (u.measure == CONCORD_FIG_WEIGHT && strcmp(u.unit, "kg") == 0 && *end > i + 1 &&
            (S_key_is(c, u.end - 1, "pounds") || S_key_is(c, u.end - 1, "pound")))
            S_set_unit(r, CONCORD_FIG_MONEY, "GBP", 1, 0); /* 200 million pounds */
        else
            S_set_unit(r, u.measure, u.unit, u.scale, u.offset);
        *t1 = u.end, ok = 1;
    } else if (t->type == S_T_NUM && S_apposition_age(c, i)) {
        S_set_unit(r, CONCORD_FIG_AGE, "a", 1, 0);
        ok = 1;
    } else if (S_age_word_before(c, i) && *v < 130) {
        S_set_unit(r, CONCORD_FIG_AGE, "a", 1, 0);
        ok = 1;
    } else if (t->type == S_T_NUM && i + 2 < c->n && S_punct(c, i + 1, '-') &&
               c->t[i + 2].type == S_T_NUM && *v < 200 && c->t[i + 2].num >= 0 &&
               c->t[i + 2].num < 200 && !(c->t[i + 2].flags & (S_F_SUFFIX | S_F_COMMA_NUM)) &&
               !S_punct(c, i + 3, '-') && !(S_wflags(c, i - 1) & S_MONTH) &&
               (i == c->s0 || !S_punct(c, i - 1, '-'))) {
        /* a score or tally: "33 - 26", "won 5-4" */
        S_set_unit(r, CONCORD_FIG_SCORE, "1", 1, 0);
        ok = 1;
    } else if (*end < c->n && c->t[*end].type == S_T_WORD &&
               (unsigned char)c->text[c->t[*end].start] >= 0x80) {
        ok = 0; /* "164 человека": other scripts pass through */
    } else if (t->type == S_T_NUM) {
        ok = !S_not_count_x(c, i, 0) &&
             /* "(816) 474-8477", "528-CASH (2274)": phone parts */
             !(i > c->s0 && S_punct(c, i - 1, '(') && S_punct(c, i + 1, ')') &&
               t->end - t->start >= 3 && !(t->flags & S_F_COMMA_NUM)) &&
             !(i == c->s0 && i >= 2 && c->t[i - 1].type == S_T_PUNCT && c->t[i - 1].pc == '.' &&
               c->t[i - 2].wid >= 0 && (S_lex.words[c->t[i - 2].wid].flags & S_MONTH));
    } else {
        ok = S_word_count_ok(c, i, *end, *v);
    }
    if (!ok)
        return 0;
    if (r->unit == NULL && r->measure == 0 && r->scale == 0)
        S_set_unit(r, CONCORD_FIG_COUNT, "1", 1, 0);
    return 1;
}

/* The subject of a quantity: for plain counts and scores the noun after the
 * number ("two bullet holes": holes), whose coordinated counts add up
 * ("three juveniles and one adult"); otherwise its measure. */
static void S_quantity_subject(const S_ctx *c, size_t end, double *v, size_t *t1,
                               concord_figure_report *r)
{
    if (r->measure != CONCORD_FIG_COUNT && r->measure != CONCORD_FIG_SCORE) {
        S_set_subject(r, concord_figure_measure_name(r->measure));
        return;
    }
    S_np np;
    S_read_np(c, end, &np);
    S_set_subject(r, r->measure == CONCORD_FIG_SCORE ? "score"
                     : np.subject                    ? np.subject
                     : np.unknown[0]                 ? np.unknown
                                                     : "things");
    if (np.end > *t1 && r->measure == CONCORD_FIG_COUNT)
        *t1 = np.end;
    if (np.extra > 0 && r->measure == CONCORD_FIG_COUNT) {
        *v += np.extra; /* "three juveniles and one adult" */
        r->inferred = 1;
    }
}

/* A qualifier before the number ("at least", "nearly") or a range after it
 * ("ages 14 to 18", "between $2,500 and $5,000", "two or three"): sets r's
 * interval and qualifier (r->value is set); may move *q0 back over the
 * qualifier and *t1 past the range's end. */
static void S_quantity_interval(const S_ctx *c, size_t i, size_t end, size_t *q0, size_t *t1,
                                concord_figure_report *r)
{
    const S_tok *t = &c->t[i];
    double v = r->value;
    size_t qs = *q0;
    const S_phrase *qp = S_match_ending(c, S_C_QUAL, *q0, c->s0, &qs);
    size_t j = end;
    if (r->measure == CONCORD_FIG_AGE && (t->flags & S_F_AGE))
        j = end; /* "a 16-year-old" takes no range */
    else if (j < c->n &&
             (S_key_is(c, j, "to") || (qp && qp->a == S_Q_RANGE && S_key_is(c, j, "and")) ||
              (S_key_is(c, j, "or") && !S_key_is(c, j + 2, "more")))) {
        size_t j2 = j + 1, cf2;
        if (S_currency_before(c, j2 + 1, &cf2) && cf2 == j2)
            j2++;
        double v2;
        size_t e2;
        int k2;
        if (j2 < c->n && !(c->t[j2].flags & S_F_AGE) && S_read_value(c, j2, &v2, &e2, &k2) &&
            (k2 == 0 || k2 == S_N_CARD || k2 == S_N_TENS) && v2 > v &&
            !(i > c->s0 && S_key_is(c, i - 1, "from"))) {
            S_unit u2;
            if (r->measure == CONCORD_FIG_COUNT && S_unit_after(c, e2, &u2)) {
                S_set_unit(r, u2.measure, u2.unit, u2.scale, u2.offset);
                S_set_subject(r, concord_figure_measure_name(r->measure));
                e2 = u2.end;
            }
            r->high = v2;
            r->qualifier = "between";
            if (qp && qp->a == S_Q_RANGE)
                *q0 = qs;
            if (e2 > *t1)
                *t1 = e2;
            qp = NULL;
        }
    }
    if (qp && qp->a != S_Q_RANGE) {
        S_num q;
        memset(&q, 0, sizeof q);
        q.value = v;
        S_apply_qual(&q, qp->a);
        r->low = q.low, r->high = q.high, r->low_strict = q.low_strict,
        r->high_strict = q.high_strict;
        r->qualifier = qp->str;
        *q0 = qs;
    }
}

/* "three decades", "a century": coarse units are round figures, read as
 * about the value (28 years and three decades differ, no conflict). */
static void S_round_coarse(S_out *out, size_t first)
{
    for (size_t k = first; k < out->n; k++) {
        concord_figure_report *r = &out->r[k];
        if (r->unit && strcmp(r->unit, "s") == 0 && r->scale >= 315576000.0 && !r->qualifier &&
            r->low == r->value && r->high == r->value) {
            r->low = r->value * 0.9;
            r->high = r->value * 1.1;
        }
    }
}

/* "eight, 10, 12 years", "five, maybe six years": a list of the quantities
 * from index mine on shares its last member's unit. */
static void S_list_units(const S_ctx *c, S_out *out, size_t mine)
{
    for (size_t k = out->n; k-- > mine + 1;) {
        concord_figure_report *a = &out->r[k - 1], *b = &out->r[k];
        if (a->measure != CONCORD_FIG_COUNT || b->measure == CONCORD_FIG_COUNT ||
            b->measure == CONCORD_FIG_SCORE)
            continue;
        size_t ta = S_tok_at(c, c->s0, a->num_end), tb = S_tok_at(c, c->s0, b->num_start);
        if (a->end == a->num_end && S_list_gap(c, ta, tb)) {
            S_set_unit(a, b->measure, b->unit, b->scale, b->offset);
            S_set_subject(a, b->subject);
        }
    }
}

/* Second pass over a sentence: the quantities the counting pass left (ages,
 * distances, speeds, weights, money, scores, plain counts), and the unit of
 * every report of the sentence (from index first on).  Each number is read
 * in steps: already counted (S_type_counted), no quantity at all
 * (S_no_quantity_at), its unit (S_quantity_unit), subject, interval and
 * attribution; then the sentence's coarse units and lists. */
static void S_quantities(const S_ctx *c, uint32_t sent, S_out *out, size_t first)
{
    size_t skip = c->s0;
    size_t mine = out->n;
    S_attr attrs[8];
    size_t n_attrs = (size_t)-1;
    for (size_t i = c->s0; i < c->n; i++) {
        if (i < skip)
            continue;
        const S_tok *t = &c->t[i];
        if (t->type != S_T_NUM && !(t->lf & (1u << (16 + S_C_NUMBER))))
            continue;
        size_t k;
        for (k = first; k < mine; k++)
            if (out->r[k].sentence == sent && out->r[k].num_start <= t->start &&
                t->start < out->r[k].num_end &&
                !(out->r[k].singular && t->type == S_T_NUM)) /* "Raj Chohan, 59, was killed" */
                break;
        if (k < mine) {
            skip = S_type_counted(c, i, &out->r[k]);
            /* a second report on the same number ("one of two men shot ...
             * dies": the killed one and the two shot) takes the same unit */
            for (size_t k2 = k + 1; k2 < mine; k2++)
                if (out->r[k2].sentence == sent && out->r[k2].num_start == out->r[k].num_start &&
                    !out->r[k2].unit) {
                    out->r[k2].unit = out->r[k].unit;
                    out->r[k2].scale = out->r[k].scale;
                    out->r[k2].offset = out->r[k].offset;
                }
            continue;
        }
        double v;
        size_t end;
        int kind;
        if (t->type == S_T_NUM && t->num < 0)
            continue;
        if (!S_read_value(c, i, &v, &end, &kind))
            continue;
        if (t->type != S_T_NUM && kind != S_N_CARD && kind != S_N_TENS)
            continue;
        if (S_no_quantity_at(c, i, end))
            continue;
        {
            double sv;
            size_t se;
            if (S_spaced_thousands(c, i, &sv, &se))
                v = sv, end = se;
        }
        concord_figure_report r;
        memset(&r, 0, sizeof r);
        size_t q0 = i, t1 = end;
        if (!S_quantity_unit(c, i, &v, &end, &q0, &t1, &r))
            continue;
        S_quantity_subject(c, end, &v, &t1, &r);
        r.value = r.low = r.high = v;
        S_quantity_interval(c, i, end, &q0, &t1, &r);
        r.start = c->t[q0].start;
        r.end = c->t[(t1 > q0 ? t1 : q0 + 1) - 1].end;
        r.num_start = t->start;
        r.num_end = c->t[(end > i ? end : i + 1) - 1].end;
        r.sentence = sent;
        if (n_attrs == (size_t)-1)
            n_attrs = S_attributions(c, attrs, 8);
        S_nearest_attribution(c, attrs, n_attrs, i, t1, &r);
        CONCORD_GROW(out->r, out->cap, out->n + 1);
        out->r[out->n++] = r;
        skip = end > i + 1 ? end : i + 1;
        if ((r.qualifier && strcmp(r.qualifier, "between") == 0) || r.inferred)
            skip = t1;
    }
    S_round_coarse(out, first);
    S_list_units(c, out, mine);
}

/* Victims listed one by one in one sentence ("a 23-year-old man, who was
 * shot in the leg, and a 19-year-old woman were wounded"): two or more
 * counts of one, read from singular phrases or names, of the same measure
 * and joined by "and" become one inferred count of all of them. */
static void S_enumerated(const S_ctx *c, S_out *out, size_t first)
{
    for (size_t a = first; a < out->n; a++) {
        concord_figure_report *ra = &out->r[a];
        if (!ra->singular || ra->value != 1 || ra->retracted ||
            (ra->measure != CONCORD_FIG_KILLED && ra->measure != CONCORD_FIG_INJURED &&
             ra->measure != CONCORD_FIG_SHOT))
            continue;
        size_t n = 1, last = a;
        for (size_t b = a + 1; b < out->n; b++) {
            const concord_figure_report *rb = &out->r[b];
            int hurt = (rb->measure == CONCORD_FIG_SHOT || rb->measure == CONCORD_FIG_INJURED) &&
                       (ra->measure == CONCORD_FIG_SHOT || ra->measure == CONCORD_FIG_INJURED);
            if ((rb->measure != ra->measure && !hurt) || !rb->singular || rb->value != 1 ||
                rb->num_start < out->r[last].num_end)
                break;
            /* joined by "and" right before the next victim */
            size_t k = S_tok_at(c, c->s0, rb->start);
            if (!(k > c->s0 &&
                  (S_key_is(c, k - 1, "and") ||
                   (S_punct(c, k - 1, ',') && k > c->s0 + 1 && S_key_is(c, k - 2, "and")))))
                break;
            n++;
            last = b;
        }
        if (n < 2)
            continue;
        ra->value = ra->low = ra->high = (double)n;
        ra->measure = out->r[last].measure; /* the verb of the whole list comes last */
        ra->singular = 0;
        ra->inferred = 1;
        ra->end = out->r[last].end;
        memmove(&out->r[a + 1], &out->r[last + 1], (out->n - last - 1) * sizeof *out->r);
        out->n -= last - a;
    }
}

/* "Bianca Arter and her son were found dead", "Smith and his wife were
 * wounded": a named person and a relative the count starts at ("her son")
 * are two victims; the count of one read from the relative becomes two
 * (inferred). */
static void S_name_and_kin(const S_ctx *c, S_out *out, size_t first)
{
    for (size_t a = first; a < out->n; a++) {
        concord_figure_report *r = &out->r[a];
        if (!r->singular || r->value != 1 || r->high != 1 || r->retracted ||
            (r->measure != CONCORD_FIG_KILLED && r->measure != CONCORD_FIG_INJURED &&
             r->measure != CONCORD_FIG_SHOT))
            continue;
        size_t k = S_tok_at(c, c->s0, r->start);
        if (k < c->s0 + 2 || k >= c->n || c->t[k].start != r->start ||
            !(S_key_is(c, k, "his") || S_key_is(c, k, "her") || S_key_is(c, k, "their")) ||
            !S_key_is(c, k - 1, "and"))
            continue;
        const S_tok *n = &c->t[k - 2];
        if (n->type != S_T_WORD || !(n->flags & S_F_CAP) || n->wid >= 0)
            continue;     /* a name: a capitalized word of no lexicon */
        int relative = 0; /* "Biden and his late son Beau, who died": the son's verb */
        for (size_t j = k + 1; j < c->n && c->t[j].start < r->end && !relative; j++)
            relative = S_key_is(c, j, "who") && S_punct(c, j - 1, ',');
        if (relative)
            continue;
        r->value = r->low = r->high = 2;
        r->singular = 0;
        r->inferred = 1;
        r->start = n->start;
    }
}

/* Whether the sentence names a year before year ("in 2012", "between
 * December, 2012, and December, 2013" in an article of 2015): its figures are
 * history or a statistic, not the article's event. */
static int S_sentence_past_year(const S_ctx *c, int year)
{
    if (year <= 0)
        return 0;
    for (size_t i = c->s0; i < c->n; i++) {
        const S_tok *t = &c->t[i];
        if (t->type == S_T_NUM && t->end - t->start == 4 &&
            !(t->flags & (S_F_COMMA_NUM | S_F_SUFFIX)) && t->num >= 1900 && t->num < year &&
            !(i > c->s0 && (c->t[i - 1].flags & S_F_GLUED) == 0 && S_punct(c, i - 1, '$')))
            return 1;
    }
    return 0;
}

static int S_sentence_has(const S_ctx *c, int cat)
{
    for (size_t i = c->s0; i < c->n; i++) {
        size_t e;
        if (S_match(c, cat, i, &e))
            return 1;
    }
    return 0;
}

/* Marks ages: a number glued to "-year" ("18-year-old"). */
static void S_mark_ages(S_toks *tk)
{
    for (size_t i = 0; i + 2 < tk->n; i++) {
        S_tok *t = &tk->t[i];
        if (t->type != S_T_NUM && !(t->lf & (1u << (16 + S_C_NUMBER))))
            continue;
        S_tok *h = &tk->t[i + 1], *w = &tk->t[i + 2];
        if (h->type == S_T_WORD && h->wid >= 0 &&
            (strcmp(S_lex.words[h->wid].key, "yr") == 0 ||
             strcmp(S_lex.words[h->wid].key, "yrs") == 0) &&
            ((w->type == S_T_WORD && w->wid >= 0 && strcmp(S_lex.words[w->wid].key, "old") == 0) ||
             (w->type == S_T_PUNCT && (w->pc == '.' || w->pc == '-') && i + 3 < tk->n &&
              tk->t[i + 3].wid >= 0 && strcmp(S_lex.words[tk->t[i + 3].wid].key, "old") == 0))) {
            t->flags |= S_F_AGE; /* "a 6 yr old boy", "26 yr. old man" */
            continue;
        }
        if (h->type == S_T_WORD && h->wid >= 0 &&
            (strcmp(S_lex.words[h->wid].key, "year") == 0 ||
             strcmp(S_lex.words[h->wid].key, "years") == 0) &&
            ((w->type == S_T_WORD && w->wid >= 0 && strcmp(S_lex.words[w->wid].key, "old") == 0) ||
             (w->type == S_T_PUNCT && w->pc == '-' && i + 3 < tk->n && tk->t[i + 3].wid >= 0 &&
              strcmp(S_lex.words[tk->t[i + 3].wid].key, "old") == 0))) {
            t->flags |= S_F_AGE; /* "a 17 year old", "two year-old" */
            continue;
        }
        if (h->type == S_T_PUNCT && h->pc == '-' && (h->flags & S_F_GLUED) &&
            (w->flags & S_F_GLUED) && w->wid >= 0) {
            const char *k = S_lex.words[w->wid].key;
            if (strcmp(k, "year") == 0 || strcmp(k, "years") == 0 || strcmp(k, "month") == 0 ||
                strcmp(k, "months") == 0 || strcmp(k, "week") == 0 || strcmp(k, "day") == 0)
                t->flags |= S_F_AGE;
        }
    }
    /* "twenty-five-year-old": the tens word is part of the age */
    for (size_t k = tk->n; k >= 3; k--) {
        size_t i = k - 3;
        S_tok *t = &tk->t[i];
        if ((tk->t[i + 2].flags & S_F_AGE) && tk->t[i + 1].type == S_T_PUNCT &&
            tk->t[i + 1].pc == '-' && (tk->t[i + 2].flags & S_F_GLUED) && t->wid >= 0 &&
            S_lex.words[t->wid].first[S_C_NUMBER] >= 0)
            t->flags |= S_F_AGE;
    }
}

/* A headline naming one death without a count ("Attempt to deal with stray
 * dogs led to accidental shooting death", "Teen shot to death in ...") when
 * neither it nor the text gives a killed count (paywalls, stubs): one
 * killed, read from a singular phrase; a headline naming a shooting victim
 * ("Macon shooting victim flags down bus driver") when the article gives no
 * count of dead or hurt at all: one person shot (a derived injured report). */
static void S_title_death(const char *title, S_out *out)
{
    for (size_t i = 0; i < out->n; i++)
        if (out->r[i].measure == CONCORD_FIG_KILLED && !out->r[i].background)
            return;
    int hurt = 0;
    for (size_t i = 0; i < out->n; i++)
        hurt |=
            (out->r[i].measure == CONCORD_FIG_INJURED || out->r[i].measure == CONCORD_FIG_SHOT) &&
            !out->r[i].background;
    /* data/figure_title_cues.txt: the death cues come first, then the cues
     * of a person shot */
    size_t tl = strlen(title);
    if (tl > UINT32_MAX)
        return;
    for (size_t k = 0; k < figure_title_cues_count; k++) {
        const char *line = figure_title_cues_lines[k];
        const char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        int two = strcmp(tab + 1, "dead2") == 0, dead = two || strcmp(tab + 1, "dead") == 0;
        if (!dead && hurt)
            break;
        size_t cl = (size_t)(tab - line);
        for (size_t p = 0; p + cl <= tl; p++) {
            size_t j = 0;
            while (j < cl && (char)(title[p + j] | 32) == line[j])
                j++;
            if (j < cl || (p > 0 && S_alpha((unsigned char)title[p - 1])) ||
                (p + cl < tl && S_alpha((unsigned char)title[p + cl])))
                continue;
            /* a plural or a number in the headline is the parser's to read */
            for (size_t q = 0; q < tl; q++) {
                if (!S_digit((unsigned char)title[q]))
                    continue;
                size_t d = q; /* an age ("13-year-old's toe grazed") is no count */
                while (d < tl && S_digit((unsigned char)title[d]))
                    d++;
                if (!(tl - d >= 5 && title[d] == '-' &&
                      (strncmp(title + d + 1, "year", 4) == 0 ||
                       strncmp(title + d + 1, "month", 5) == 0)))
                    return;
                q = d;
            }
            concord_figure_report r;
            memset(&r, 0, sizeof r);
            r.measure = dead ? CONCORD_FIG_KILLED : CONCORD_FIG_SHOT;
            S_set_subject(&r, "people");
            r.value = r.low = r.high = two ? 2 : 1;
            if (two)
                r.high = INFINITY; /* a murder-suicide: at least two dead */
            r.start = r.num_start = (uint32_t)p;
            r.end = r.num_end = (uint32_t)(p + cl);
            r.in_title = 1;
            r.singular = !two;
            r.unit = "1";
            r.scale = 1;
            CONCORD_GROW(out->r, out->cap, out->n + 1);
            out->r[out->n++] = r;
            return;
        }
    }
}

/* Turns the "people shot" counts of an article into one derived injured
 * report carrying the largest count (shot); its value (shot minus the
 * article's killed) is final only at the story level, where
 * concord_figures_reconcile subtracts the story's killed estimate, and drops
 * it when the story reports injured people explicitly. */
static void S_derive(S_out *out)
{
    double shot = -1, killed = 0;
    size_t shot_at = 0;
    for (size_t i = 0; i < out->n; i++) {
        const concord_figure_report *r = &out->r[i];
        if (r->retracted || r->background)
            continue;
        if (r->measure == CONCORD_FIG_KILLED && r->value > killed && isfinite(r->value))
            killed = r->value;
        if (r->measure == CONCORD_FIG_SHOT && r->value > shot)
            shot = r->value, shot_at = i;
    }
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        concord_figure_report r = out->r[i];
        if (r.measure == CONCORD_FIG_SHOT) {
            if (i != shot_at)
                continue;
            r.measure = CONCORD_FIG_INJURED;
            r.shot = shot;
            r.value = r.other ? shot : shot > killed ? shot - killed : 0;
            r.low = r.high = r.value;
            r.low_strict = r.high_strict = 0;
            r.qualifier = NULL;
            r.derived = 1;
            S_set_subject(&r, "people");
        }
        out->r[w++] = r;
    }
    out->n = w;
}

/* Victims named one by one: "Trevor Andre Williams ... was shot and killed.
 * ... killing Jacinta Walker, 18, and Aveion Bolden, 20": an article that
 * names more distinct dead (or hurt) than any count it states, from first on,
 * counts them: its first such text report takes the number of distinct names
 * (inferred).  Names in background or retracted sentences do not count. */
static void S_named_victims(S_out *out, size_t first, concord_figure_measure measure)
{
    double stated = 0;
    size_t at = (size_t)-1;
    for (size_t i = first; i < out->n; i++) {
        const concord_figure_report *r = &out->r[i];
        if (r->measure != measure || r->retracted || r->background || r->in_title || r->vague)
            continue;
        if (at == (size_t)-1)
            at = i;
        if (isfinite(r->high) && r->high > stated)
            stated = r->high;
        else if (!isfinite(r->high) && r->value > stated)
            stated = r->value;
    }
    if (at == (size_t)-1)
        return;
    uint64_t seen[16];
    size_t n_seen = 0;
    for (size_t k = 0; k < out->nv && n_seen < 16; k++) {
        /* only the first report of its sentence counts ("Tre Edwards of
         * Lilburn was killed" is not two victims; "Johnson said Joseph was
         * killed" is one) */
        int live = 0;
        for (size_t i = first; i < out->n && !live; i++) {
            const concord_figure_report *r = &out->r[i];
            if (r->start != out->v[k].start || r->measure != measure || r->retracted ||
                r->background || r->in_title)
                continue;
            live = 1;
            for (size_t j = first; j < i && live; j++)
                live = !(out->r[j].sentence == r->sentence && out->r[j].measure == measure &&
                         !out->r[j].in_title);
        }
        if (!live)
            continue;
        /* victims named far apart are a round-up of several incidents */
        uint32_t sent = 0;
        for (size_t i = first; i < out->n; i++)
            if (out->r[i].start == out->v[k].start && !out->r[i].in_title)
                sent = out->r[i].sentence;
        if (sent > out->r[at].sentence + 4)
            return;
        int dup = 0;
        for (size_t q = 0; q < n_seen && !dup; q++)
            dup = seen[q] == out->v[k].name;
        if (!dup)
            seen[n_seen++] = out->v[k].name;
    }
    if ((double)n_seen <= stated || n_seen < 2)
        return;
    concord_figure_report *r = &out->r[at];
    r->value = r->low = r->high = (double)n_seen;
    r->low_strict = r->high_strict = 0;
    r->qualifier = NULL;
    r->inferred = 1;
    r->singular = 0;
}

/* "One person was critically wounded. ... Three others are in stable
 * condition": the article's first count of the hurt and the "others" of the
 * next sentences add up (the first report becomes the sum, inferred).  Not
 * when a death is reported from the first count's sentence to the others'
 * (the others are then besides the dead: "one man died; three others were
 * hurt"). */
static void S_sum_others(S_out *out, size_t first, concord_figure_measure measure)
{
    size_t a = (size_t)-1, b = (size_t)-1;
    for (size_t i = first; i < out->n; i++) {
        const concord_figure_report *r = &out->r[i];
        if (r->measure != measure || r->in_title || r->retracted || r->background || r->derived)
            continue;
        if (a == (size_t)-1) {
            if (r->other || r->vague || r->qualifier || !isfinite(r->value) || r->value < 1)
                return;
            a = i;
            continue;
        }
        b = i;
        break;
    }
    if (a == (size_t)-1 || b == (size_t)-1)
        return;
    const concord_figure_report *ra = &out->r[a], *rb = &out->r[b];
    if (!rb->other || rb->vague || rb->qualifier || !isfinite(rb->value) || rb->value < 1 ||
        rb->sentence < ra->sentence || rb->sentence > ra->sentence + 3)
        return;
    for (size_t i = first; i < out->n; i++)
        if (out->r[i].measure == CONCORD_FIG_KILLED && !out->r[i].in_title &&
            !out->r[i].background && out->r[i].sentence >= ra->sentence &&
            out->r[i].sentence <= rb->sentence)
            return;
    concord_figure_report *sum = &out->r[a];
    sum->value = sum->low = sum->high = ra->value + rb->value;
    sum->inferred = 1;
    sum->singular = 0;
}

/* The identities a text report names: surnames (hashes of out->v) and ages
 * (age reports inside its phrase).  Returns how many were stored. */
static size_t S_identities(const S_out *out, size_t first, const concord_figure_report *r,
                           uint64_t *names, size_t *n_names, double *ages, size_t *n_ages,
                           size_t cap)
{
    size_t got = 0;
    for (size_t k = 0; k < out->nv; k++)
        if (out->v[k].start == r->start && *n_names < cap) {
            names[(*n_names)++] = out->v[k].name, got++;
        }
    for (size_t i = first; i < out->n; i++) {
        const concord_figure_report *a = &out->r[i];
        if (a->measure == CONCORD_FIG_AGE && !a->in_title && a->num_start >= r->start &&
            a->num_end <= r->end && *n_ages < cap)
            ages[(*n_ages)++] = a->value, got++;
    }
    return got;
}

/* A survivor who is not one of the dead: in an article whose every dead
 * victim is identified (as many distinct surnames, or ages, as the largest
 * count of dead it states), a single hurt or shot victim whose surname (or
 * age) is none of theirs ("Lavontay Allen was killed ... Watts was treated";
 * "Reyna Gonzalez, 42, and Julian Gonzalez, 45, were killed ... her
 * 67-year-old grandfather was wounded") is another victim: an injured report
 * is marked alive (never set aside), a shot report other (no dead
 * subtracted). */
static void S_distinct_survivor(S_out *out, size_t first)
{
    enum { CAP = 16 };
    uint64_t dn[CAP];
    double da[CAP];
    size_t n_dn = 0, n_da = 0;
    double stated = 0;
    for (size_t i = first; i < out->n; i++) {
        const concord_figure_report *r = &out->r[i];
        if (r->measure != CONCORD_FIG_KILLED || r->retracted || r->background || r->in_title)
            continue;
        double v = isfinite(r->high) ? r->high : r->value;
        if (v > stated)
            stated = v;
        (void)S_identities(out, first, r, dn, &n_dn, da, &n_da, CAP);
    }
    if (stated < 1)
        return;
    /* an article that counts its hurt or shot ("three others were wounded")
     * needs no single survivor to be told apart */
    for (size_t i = 0; i < out->n; i++) {
        const concord_figure_report *r = &out->r[i];
        if ((r->measure == CONCORD_FIG_INJURED || r->measure == CONCORD_FIG_SHOT) &&
            !r->retracted && !r->background && r->value > 1)
            return;
    }
    /* distinct identities of the dead */
    size_t dist_n = 0, dist_a = 0;
    for (size_t i = 0; i < n_dn; i++) {
        size_t j = 0;
        while (j < i && dn[j] != dn[i])
            j++;
        dist_n += j == i;
    }
    for (size_t i = 0; i < n_da; i++) {
        size_t j = 0;
        while (j < i && da[j] != da[i])
            j++;
        dist_a += j == i;
    }
    int by_name = (double)dist_n >= stated, by_age = (double)dist_a >= stated;
    if (!by_name && !by_age)
        return;
    for (size_t i = first; i < out->n; i++) {
        concord_figure_report *r = &out->r[i];
        if ((r->measure != CONCORD_FIG_INJURED && r->measure != CONCORD_FIG_SHOT) ||
            r->value != 1 || r->retracted || r->background || r->in_title)
            continue;
        uint64_t sn[CAP];
        double sa[CAP];
        size_t n_sn = 0, n_sa = 0;
        S_identities(out, first, r, sn, &n_sn, sa, &n_sa, CAP);
        int known = 0, same = 0;
        if (by_name && n_sn == 1) {
            known = 1;
            for (size_t j = 0; j < n_dn; j++)
                same |= dn[j] == sn[0];
        }
        if (by_age && n_sa == 1) {
            known = 1;
            for (size_t j = 0; j < n_da; j++)
                same |= da[j] == sa[0];
        }
        if (!known || same)
            continue;
        if (r->measure == CONCORD_FIG_INJURED)
            r->alive = 1;
        else
            r->other = 1;
    }
}

/* A headline that counts the hurt and names no death ("Five wounded in club
 * shooting"): the deaths of its text are most often of other shootings the
 * article recalls (round-ups, earlier cases): they are set aside (shown, no
 * part in status or estimate).  Not when the headline's hurt are "others"
 * ("1 killed, 4 others hurt" cut to "4 others hurt"), nor for a headline
 * count of people shot ("4 shot": some may have died since). */
static void S_title_hurt_only(S_out *out, size_t text_first)
{
    int hurt = 0;
    for (size_t i = 0; i < text_first; i++) {
        const concord_figure_report *r = &out->r[i];
        if (r->measure == CONCORD_FIG_KILLED && !r->background)
            return;
        if (r->measure == CONCORD_FIG_INJURED && r->other)
            return; /* "4 others hurt": besides someone, most often the dead */
        hurt |=
            r->measure == CONCORD_FIG_INJURED && !r->background && !r->retracted && r->value >= 1;
    }
    if (!hurt)
        return;
    for (size_t i = text_first; i < out->n; i++)
        if (out->r[i].measure == CONCORD_FIG_KILLED)
            out->r[i].aside = 1;
}

/* A shooter who took their own life is not among the victims an active
 * count names ("fatally shot his wife and son ... then killed himself": 3
 * dead): in an article saying so (data/figure_selfkill.txt), each killed
 * report whose phrase opens with the killing verb ("killed three people",
 * "fatally shot his partner") and comes before that sentence (or is in the
 * headline, when the headline or the text says so: "Murder-suicide suspect
 * ... before killing her friend, neighbor" over "he turned the gun on
 * himself and took his own life" is 3 dead) counts one more (inferred). */
static void S_self_death(S_out *out, size_t text_first, const char *title, const char *text)
{
    if (!out->selfkill)
        return;
    static const char *const verbs[] = {"killed ", "killing ",  "kills ",     "fatally ", "shot ",
                                        "shoots ", "murdered ", "murdering ", "gunned "};
    for (size_t i = 0; i < out->n; i++) {
        concord_figure_report *r = &out->r[i];
        int in_title = i < text_first;
        if (r->measure != CONCORD_FIG_KILLED || r->retracted || r->background || r->vague ||
            !isfinite(r->high) || r->value < 1 || r->num_start <= r->start ||
            (in_title ? !(out->selfkill & 3)
                      : !(out->selfkill & 1) || r->sentence > out->selfkill_sent))
            continue;
        const char *w = in_title ? title : text;
        if (!w)
            continue;
        int active = 0;
        for (size_t k = 0; k < sizeof verbs / sizeof *verbs && !active; k++) {
            size_t vl = strlen(verbs[k]), j = 0;
            while (j < vl && r->start + j < r->end && (char)(w[r->start + j] | 32) == verbs[k][j])
                j++;
            active = j == vl;
        }
        if (!active)
            continue;
        r->value += 1;
        r->low += 1;
        r->high += 1;
        r->inferred = 1;
        r->singular = 0;
    }
}

/* Whether the sentence of tokens [i, j) opens a line with a video length
 * and a capitalized caption ("1:19 Preliminary autopsy results revealed",
 * "0:50 One dead after shooting involving officer"): a list of videos about
 * other stories, beside the article. */
static int S_playlist_line(const S_toks *tk, size_t i, size_t j)
{
    if (i + 3 >= j || (i > 0 && !(tk->t[i].flags & S_F_NL)))
        return 0;
    const S_tok *a = &tk->t[i], *colon = &tk->t[i + 1], *b = &tk->t[i + 2], *w = &tk->t[i + 3];
    return a->type == S_T_NUM && a->end - a->start <= 2 && colon->type == S_T_PUNCT &&
           colon->pc == ':' && (colon->flags & S_F_GLUED) && b->type == S_T_NUM &&
           (b->flags & S_F_GLUED) && b->end - b->start == 2 && !(w->flags & S_F_GLUED) &&
           (w->flags & S_F_CAP);
}

/* Whether a headline counts over a span of time ("11 shot, 3 dead in less
 * than 30 hours", "2 killed, 4 wounded over 8 hours", "during violent 24
 * hours", "14 shot since 8 p.m."): a number of hours or days right after
 * "in", "over", "during", "than", "past", "last" or "violent" (not "hours
 * after", "a 7-hour standoff": no preposition before the number), or
 * "since" before a clock time or a calendar word (not a year). */
static int S_title_time_span(const S_ctx *c)
{
    for (size_t i = c->s0; i + 1 < c->n; i++)
        if (S_key_is(c, i, "since") &&
            ((c->t[i + 1].type == S_T_NUM && c->t[i + 1].num >= 0 && c->t[i + 1].num < 25) ||
             (S_wflags(c, i + 1) & S_MONTH)))
            return 1; /* "14 shot since 8 p.m.", "5 killed since Friday"; not "since 2012" */
    for (size_t i = c->s0 + 1; i + 1 < c->n; i++) {
        const S_tok *t = &c->t[i];
        if (t->type != S_T_NUM && !(t->lf & (1u << (16 + S_C_NUMBER))))
            continue;
        if (!(S_key_is(c, i + 1, "hours") || S_key_is(c, i + 1, "days")))
            continue;
        static const char *const before[] = {"in",   "over", "during", "than",
                                             "past", "last", "violent"};
        for (size_t k = 0; k < sizeof before / sizeof *before; k++)
            if (S_key_is(c, i - 1, before[k]))
                return 1;
    }
    return 0;
}

/* Appends the reports of text to out (no derivation). */
static void S_extract(const char *text, size_t len, const concord_doc *doc, int title, int year,
                      S_out *outp)
{
    if (!text || len == 0)
        return;
    if (len > UINT32_MAX)
        len = UINT32_MAX;
    S_toks tk = {NULL, 0, 0};
    S_tokenize(text, len, &tk);
    S_mark_ages(&tk);
    /* sentence index of every token */
    if (doc && doc->n_sentences > 0) {
        size_t s = 0;
        for (size_t i = 0; i < tk.n; i++) {
            while (s + 1 < doc->n_sentences && tk.t[i].start >= doc->sentences[s + 1].start)
                s++;
            tk.t[i].sent = (uint32_t)s;
        }
    } else {
        uint32_t s = 0;
        for (size_t i = 0; i < tk.n; i++) {
            if (i > 0) {
                const S_tok *p = &tk.t[i - 1], *t = &tk.t[i];
                int brk = (t->flags & S_F_NL) != 0;
                if (!brk && p->type == S_T_PUNCT &&
                    (p->pc == '.' || p->pc == '!' || p->pc == '?') && !(t->flags & S_F_GLUED) &&
                    (t->flags & S_F_CAP || t->type == S_T_NUM || t->pc == '"')) {
                    /* not after a one-letter initial */
                    brk = !(i >= 2 && tk.t[i - 2].type == S_T_WORD &&
                            tk.t[i - 2].end - tk.t[i - 2].start == 1 &&
                            (tk.t[i - 2].flags & S_F_CAP));
                }
                s += (uint32_t)brk;
            }
            tk.t[i].sent = s;
        }
    }
    S_out out = *outp;
    size_t prev_first = out.n, prev_end = out.n; /* reports of the previous sentence */
    for (size_t i = 0; i < tk.n;) {
        size_t j = i + 1;
        while (j < tk.n && tk.t[j].sent == tk.t[i].sent)
            j++;
        S_ctx c = {tk.t, j, i, text, title};
        if (!title && S_playlist_line(&tk, i, j)) {
            i = j; /* "0:50 One dead after shooting involving officer": a video list */
            continue;
        }
        size_t before = out.n;
        S_sentence(&c, tk.t[i].sent, &out);
        S_enumerated(&c, &out, before);
        S_name_and_kin(&c, &out, before);
        S_quantities(&c, tk.t[i].sent, &out, before);
        if (out.n > before &&
            (S_sentence_has(&c, S_C_BACKGROUND) || S_sentence_past_year(&c, year)))
            for (size_t k = before; k < out.n; k++)
                out.r[k].background = 1;
        if ((title || out.roundup) &&
            (S_sentence_has(&c, S_C_ROUNDUP) || (title && S_title_time_span(&c)))) {
            if (title)
                out.roundup = 1;
            /* a round-up headline ("15 wounded in shootings citywide"): the
             * totals of its sentences that say so are no one incident's
             * (data/figure_roundup.txt) */
            if (out.roundup)
                for (size_t k = before; k < out.n; k++)
                    if ((out.r[k].measure == CONCORD_FIG_KILLED ||
                         out.r[k].measure == CONCORD_FIG_INJURED ||
                         out.r[k].measure == CONCORD_FIG_SHOT) &&
                        !(title && out.r[k].value == 1 && out.r[k].high == 1))
                        out.r[k].aside = 1; /* a headline's one victim is no total */
        }
        int selfkill_word = 0; /* cheap test first: a phrase's last word */
        for (size_t k = i; k < j && !selfkill_word && !(out.selfkill & (title ? 2 : 1)); k++)
            selfkill_word = tk.t[k].wid >= 0 && (S_lex.words[tk.t[k].wid].flags & S_SELFKILL_END);
        if (selfkill_word && S_sentence_has(&c, S_C_SELFKILL)) {
            out.selfkill |= title ? 2 : 1;
            if (!title)
                out.selfkill_sent = tk.t[i].sent;
        }
        if (S_sentence_has(&c, S_C_RETRACT)) {
            size_t a = before, b = out.n;
            if (a == b)
                a = prev_first, b = prev_end;
            for (size_t k = a; k < b; k++)
                out.r[k].retracted = 1;
        }
        prev_first = before, prev_end = out.n;
        i = j;
    }
    free(tk.t);
    *outp = out;
}

concord_figure_report *concord_figures_extract(const char *text, size_t len, const concord_doc *doc,
                                               size_t *n)
{
    pthread_once(&S_once, S_load);
    S_out out = {NULL, 0, 0, NULL, 0, 0, 0, 0, 0};
    S_extract(text, len, doc, 0, 0, &out);
    S_derive(&out);
    free(out.v);
    *n = out.n;
    if (out.n == 0) {
        free(out.r);
        return NULL;
    }
    return out.r;
}

concord_figure_report *concord_figures_extract_member(const concord_member *m, size_t *n)
{
    *n = 0;
    if (m->doc && m->doc->lang[0] && strcmp(m->doc->lang, "en") != 0)
        return NULL; /* English lexicons only (figures.h) */
    pthread_once(&S_once, S_load);
    S_out out = {NULL, 0, 0, NULL, 0, 0, 0, 0, 0};
    const concord_article *a = m->article;
    /* the article's year: a sentence naming an earlier one is background */
    int year = 0;
    const char *date = a && a->date && a->date[0] ? a->date : m->clean ? m->clean->date : NULL;
    if (date && strlen(date) >= 4 && S_digit((unsigned char)date[0]) &&
        S_digit((unsigned char)date[1]) && S_digit((unsigned char)date[2]) &&
        S_digit((unsigned char)date[3]))
        year =
            (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
    if (a && a->title && a->title[0]) {
        S_extract(a->title, strlen(a->title), NULL, 1, year, &out);
        for (size_t i = 0; i < out.n; i++) {
            out.r[i].in_title = 1;
            out.r[i].sentence = 0;
        }
    }
    const char *text = m->clean ? m->clean->text : a ? a->text : NULL;
    size_t len = m->clean ? m->clean->len : a ? a->text_len : 0;
    size_t text_first = out.n;
    S_extract(text, len, m->clean ? m->doc : NULL, 0, year, &out);
    S_named_victims(&out, text_first, CONCORD_FIG_KILLED);
    S_named_victims(&out, text_first, CONCORD_FIG_INJURED);
    S_sum_others(&out, text_first, CONCORD_FIG_INJURED);
    S_distinct_survivor(&out, text_first);
    S_title_hurt_only(&out, text_first);

    if (a && a->title && a->title[0])
        S_title_death(a->title, &out);
    S_derive(&out);
    S_self_death(&out, text_first, a ? a->title : NULL, text);
    free(out.v);
    *n = out.n;
    if (out.n == 0) {
        free(out.r);
        return NULL;
    }
    return out.r;
}

const char *concord_figure_measure_name(concord_figure_measure m)
{
    static const char *const names[] = {
        "killed",   "injured",   "detained", "missing", "evacuated", "displaced",
        "troops",   "equipment", "money",    "percent", "duration",  "age",
        "distance", "speed",     "weight",   "area",    "volume",    "temperature",
        "data",     "score",     "count",    "other",   "shot"};
    return (unsigned)m < CONCORD_FIG_N_MEASURES ? names[m] : "other";
}
