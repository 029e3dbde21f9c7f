/* clean.c: stage 2, clean.  Line-oriented junk removal driven by the rule
 * lexicon data/clean_rules.txt (PCRE2 patterns, UTF mode, JIT when available).
 *
 * One pass over the lines of the raw body; for each line, in order:
 *   title repeat (first line only) -> tail / junk line / link-list block (one
 *   classification, see S_classify) -> repeated line -> head metadata (byline,
 *   date line) -> lead prefixes (outlet, dateline, furniture) -> inline junk
 *   (widgets, (c) tags).
 * Speed: anchored rules run as a few combined patterns (S_combo), rules with
 * literal "needs" only run on lines an Aho-Corasick pass found them in, and the
 * whitespace scan skips plain text eight bytes at a time.
 * Every decision is a removal [start, end) in raw offsets with a static why.
 * Then removals are sorted and merged, the kept text is scanned for leftover
 * whitespace (runs of blank lines, doubled spaces, leading / trailing space),
 * which is removed too (why "whitespace"), and the cleaned text is the raw text
 * minus all removals.  So the invariant of clean.h holds by construction.
 *
 * Rules compile once (pthread_once); each thread gets its own pcre2 match data
 * (pthread key).  Invalid UTF-8 input is matched without PCRE2_NO_UTF_CHECK, so
 * PCRE2 rejects the bad lines instead of reading past them: never a crash. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "concord/clean.h"
#include "common/base_internal.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "clean_rules.inc"

/* ---- rules ------------------------------------------------------------------ */

typedef enum {
    S_K_LINE,
    S_K_TAIL,
    S_K_BLOCK,
    S_K_INLINE,
    S_K_PREFIX,
    S_K_BYLINE,
    S_K_DATE,
    S_K_DATELINE,
    S_K_OUTLET,
    S_K_COUNT
} S_kind;

static const char *const S_kind_names[S_K_COUNT] = {
    "line", "tail", "block", "inline", "prefix", "byline", "date", "dateline", "outlet"};

typedef struct S_rule {
    S_kind kind;
    int head_only;
    size_t maxlen; /* 0 = no limit */
    const char *why;
    char **need; /* literals, one of which must occur in the line; NULL = none */
    size_t *need_len;
    size_t n_need;
    int need_exact;  /* 1: case-sensitive; 0: ASCII case-insensitive (lowercase literals) */
    int anchored;    /* pattern starts with ^: may join its kind's combined pattern */
    int in_combo;    /* in the combos (then not in loose) */
    size_t src_line; /* index into clean_rules_lines */
    size_t need_bit; /* case-insensitive needs: bit in the per-line need mask */
    pcre2_code *re;
} S_rule;

/* Anchored line/tail/block rules with scope any and no need are compiled
 * together as one alternation (*MARK:i)(?:p_i)|... (tail rules first, then line,
 * then block, each in file order), tried once per line: one pcre2_match call
 * instead of dozens.  Alternatives are tried in order at the line start, so the
 * first matching rule still wins. */
typedef struct S_combo {
    pcre2_code *re;
    const S_rule **rule; /* mark i -> rule */
    size_t n;
    size_t upto; /* for lines up to this many bytes (SIZE_MAX: any) */
} S_combo;

static struct {
    S_rule *rules[S_K_COUNT];
    size_t n[S_K_COUNT];
    /* One combo per distinct maxlen: the combo for a line of length L holds only
     * the rules whose maxlen allows L, so long lines skip the many short-line
     * alternatives.  Sorted by upto. */
    S_combo *combos;
    size_t n_combos;
    const S_rule **loose[S_K_COUNT]; /* per kind, the rules not in the combo */
    size_t n_loose[S_K_COUNT];
    /* Aho-Corasick automaton over every case-insensitive need literal: one pass
     * over a line tells which rules' needs it meets (bit need_bit). */
    unsigned char ac_cls[256]; /* byte -> class (ASCII folded); 0 = in no literal */
    size_t ac_nc, ac_states, ac_words, ac_bits;
    size_t ac_maxlen;  /* longest maxlen of a rule with such needs; 0 = unlimited */
    uint32_t *ac_next; /* ac_states * ac_nc */
    uint64_t *ac_out;  /* ac_states * ac_words */
    size_t head_lines, head_body_len, tail_min_before, block_item_max, block_items, repeat_min;
    char **whys; /* interned why strings: live for the whole process */
    size_t n_whys, cap_whys;
    char error[512]; /* first lexicon error, "" when all rules compiled */
    size_t n_rules;
} S_lex;

static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static pthread_key_t S_md_key;

static const char S_WHY_TITLE[] = "title";
static const char S_WHY_REPEATED[] = "repeated";
static const char S_WHY_WHITESPACE[] = "whitespace";

static void S_md_free(void *p)
{
    pcre2_match_data_free((pcre2_match_data *)p);
}

static const char *S_intern(const char *s, size_t n)
{
    for (size_t i = 0; i < S_lex.n_whys; i++)
        if (strlen(S_lex.whys[i]) == n && memcmp(S_lex.whys[i], s, n) == 0)
            return S_lex.whys[i];
    CONCORD_GROW(S_lex.whys, S_lex.cap_whys, S_lex.n_whys + 1);
    S_lex.whys[S_lex.n_whys] = concord_xstrndup(s, n);
    return S_lex.whys[S_lex.n_whys++];
}

static void S_lex_error(size_t line_no, const char *fmt, const char *detail)
{
    if (S_lex.error[0])
        return;
    char msg[400];
    snprintf(msg, sizeof msg, fmt, detail);
    snprintf(S_lex.error, sizeof S_lex.error, "clean_rules entry %zu: %s", line_no + 1, msg);
}

/* Splits s at TABs into at most max fields; returns the count. */
static size_t S_fields(const char *s, const char **f, size_t *fl, size_t max)
{
    size_t n = 0;
    const char *p = s;
    while (n < max) {
        const char *tab = strchr(p, '\t');
        f[n] = p;
        if (!tab || n == max - 1) {
            fl[n] = strlen(p);
            n++;
            break;
        }
        fl[n] = (size_t)(tab - p);
        n++;
        p = tab + 1;
    }
    return n;
}

static int S_field_is(const char *f, size_t fl, const char *word)
{
    return strlen(word) == fl && memcmp(f, word, fl) == 0;
}

/* The pattern text of rule line li (field 6). */
static const char *S_pattern_of(size_t li)
{
    const char *p = clean_rules_lines[li];
    for (int k = 0; k < 5 && p; k++) {
        p = strchr(p, '\t');
        if (p)
            p++;
    }
    return p ? p : "";
}

static int S_cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static void S_build_combos(uint32_t jit_ok)
{
    static const S_kind order[] = {S_K_TAIL, S_K_LINE, S_K_BLOCK};
    /* eligible rules in precedence order */
    S_rule **elig = NULL;
    size_t n_elig = 0, cap_elig = 0;
    for (size_t oi = 0; oi < sizeof order / sizeof order[0]; oi++)
        for (size_t i = 0; i < S_lex.n[order[oi]]; i++) {
            S_rule *r = &S_lex.rules[order[oi]][i];
            if (r->anchored && !r->head_only && !r->n_need) {
                CONCORD_GROW(elig, cap_elig, n_elig + 1);
                elig[n_elig++] = r;
            }
        }
    size_t *limits = concord_xmalloc((n_elig + 1) * sizeof *limits);
    size_t n_limits = 0;
    for (size_t i = 0; i < n_elig; i++)
        limits[n_limits++] = elig[i]->maxlen ? elig[i]->maxlen : SIZE_MAX;
    qsort(limits, n_limits, sizeof *limits, S_cmp_size);
    size_t cap_combos = 0;
    int ok = 1;
    for (size_t li = 0; li < n_limits && ok; li++) {
        if (li > 0 && limits[li] == limits[li - 1])
            continue;
        S_combo c = {NULL, NULL, 0, limits[li]};
        concord_buf b;
        concord_buf_init(&b);
        size_t cap = 0;
        for (size_t i = 0; i < n_elig; i++) {
            size_t lim = elig[i]->maxlen ? elig[i]->maxlen : SIZE_MAX;
            if (lim < c.upto)
                continue;
            concord_buf_printf(&b, "%s(*MARK:%zu)(?:%s)", c.n ? "|" : "", c.n,
                               S_pattern_of(elig[i]->src_line));
            CONCORD_GROW(c.rule, cap, c.n + 1);
            c.rule[c.n++] = elig[i];
        }
        int errcode;
        PCRE2_SIZE erroff;
        /* every member is anchored, but (*MARK) may hide that from PCRE2: say it */
        c.re = pcre2_compile((PCRE2_SPTR)b.data, b.len, PCRE2_UTF | PCRE2_ANCHORED, &errcode,
                             &erroff, NULL);
        concord_buf_free(&b);
        if (!c.re) {
            free(c.rule);
            ok = 0;
            break;
        }
        if (jit_ok)
            pcre2_jit_compile(c.re, PCRE2_JIT_COMPLETE);
        CONCORD_GROW(S_lex.combos, cap_combos, S_lex.n_combos + 1);
        S_lex.combos[S_lex.n_combos++] = c;
    }
    if (ok) {
        for (size_t i = 0; i < n_elig; i++)
            elig[i]->in_combo = 1;
    } else { /* cannot combine: every rule runs on its own */
        for (size_t i = 0; i < S_lex.n_combos; i++) {
            pcre2_code_free(S_lex.combos[i].re);
            free(S_lex.combos[i].rule);
        }
        S_lex.n_combos = 0;
    }
    free(limits);
    free(elig);
    for (int k = 0; k < S_K_COUNT; k++) {
        size_t lcap = 0;
        for (size_t i = 0; i < S_lex.n[k]; i++)
            if (!S_lex.rules[k][i].in_combo) {
                CONCORD_GROW(S_lex.loose[k], lcap, S_lex.n_loose[k] + 1);
                S_lex.loose[k][S_lex.n_loose[k]++] = &S_lex.rules[k][i];
            }
    }
}

static void S_build_needs(void)
{
    const uint32_t none = UINT32_MAX;
    size_t nc = 1;
    for (int k = 0; k < S_K_COUNT; k++)
        for (size_t i = 0; i < S_lex.n[k]; i++) {
            S_rule *r = &S_lex.rules[k][i];
            if (!r->n_need || r->need_exact)
                continue;
            r->need_bit = S_lex.ac_bits++;
            if (S_lex.ac_bits == 1 ||
                (S_lex.ac_maxlen && (!r->maxlen || r->maxlen > S_lex.ac_maxlen)))
                S_lex.ac_maxlen = r->maxlen;
            for (size_t j = 0; j < r->n_need; j++)
                for (size_t b = 0; b < r->need_len[j]; b++) {
                    unsigned char ch = (unsigned char)r->need[j][b];
                    if (!S_lex.ac_cls[ch]) {
                        S_lex.ac_cls[ch] = (unsigned char)nc;
                        if (ch >= 'a' && ch <= 'z')
                            S_lex.ac_cls[ch - 32] = (unsigned char)nc;
                        nc++;
                    }
                }
        }
    if (nc > 255) { /* class ids are bytes: keep the automaton small */
        nc = 255;
    }
    S_lex.ac_nc = nc;
    S_lex.ac_words = (S_lex.ac_bits + 63) / 64;
    if (!S_lex.ac_bits)
        return;
    size_t cap_next = 0, cap_out = 0, n = 1;
    CONCORD_GROW(S_lex.ac_next, cap_next, nc);
    CONCORD_GROW(S_lex.ac_out, cap_out, S_lex.ac_words);
    for (size_t c = 0; c < nc; c++)
        S_lex.ac_next[c] = none;
    memset(S_lex.ac_out, 0, S_lex.ac_words * sizeof *S_lex.ac_out);
    for (int k = 0; k < S_K_COUNT; k++)
        for (size_t i = 0; i < S_lex.n[k]; i++) {
            const S_rule *r = &S_lex.rules[k][i];
            if (!r->n_need || r->need_exact)
                continue;
            for (size_t j = 0; j < r->n_need; j++) {
                size_t st = 0;
                for (size_t b = 0; b < r->need_len[j]; b++) {
                    size_t c = S_lex.ac_cls[(unsigned char)r->need[j][b]];
                    if (S_lex.ac_next[st * nc + c] == none) {
                        CONCORD_GROW(S_lex.ac_next, cap_next, (n + 1) * nc);
                        CONCORD_GROW(S_lex.ac_out, cap_out, (n + 1) * S_lex.ac_words);
                        for (size_t x = 0; x < nc; x++)
                            S_lex.ac_next[n * nc + x] = none;
                        memset(S_lex.ac_out + n * S_lex.ac_words, 0,
                               S_lex.ac_words * sizeof *S_lex.ac_out);
                        S_lex.ac_next[st * nc + c] = (uint32_t)n++;
                    }
                    st = S_lex.ac_next[st * nc + c];
                }
                S_lex.ac_out[st * S_lex.ac_words + r->need_bit / 64] |= (uint64_t)1
                                                                        << (r->need_bit % 64);
            }
        }
    /* breadth-first: failure links, then a complete transition table */
    uint32_t *fail = concord_xcalloc(n, sizeof *fail);
    uint32_t *queue = concord_xmalloc(n * sizeof *queue);
    size_t qh = 0, qt = 0;
    for (size_t c = 0; c < nc; c++) {
        uint32_t u = S_lex.ac_next[c];
        if (u == none) {
            S_lex.ac_next[c] = 0;
        } else {
            fail[u] = 0;
            queue[qt++] = u;
        }
    }
    while (qh < qt) {
        uint32_t st = queue[qh++];
        for (size_t c = 0; c < nc; c++) {
            uint32_t u = S_lex.ac_next[st * nc + c];
            uint32_t via = S_lex.ac_next[fail[st] * nc + c];
            if (u == none) {
                S_lex.ac_next[st * nc + c] = via;
            } else {
                fail[u] = via;
                for (size_t wd = 0; wd < S_lex.ac_words; wd++)
                    S_lex.ac_out[u * S_lex.ac_words + wd] |=
                        S_lex.ac_out[via * S_lex.ac_words + wd];
                queue[qt++] = u;
            }
        }
    }
    S_lex.ac_states = n;
    free(fail);
    free(queue);
}

static void S_init(void)
{
    pthread_key_create(&S_md_key, S_md_free);
    S_lex.head_lines = 8;
    S_lex.head_body_len = 100;
    S_lex.tail_min_before = 250;
    S_lex.block_item_max = 160;
    S_lex.block_items = 12;
    S_lex.repeat_min = 8;
    size_t cap[S_K_COUNT] = {0};
    uint32_t jit_ok = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &jit_ok);

    for (size_t li = 0; li < clean_rules_count; li++) {
        const char *f[6];
        size_t fl[6];
        size_t nf = S_fields(clean_rules_lines[li], f, fl, 6);
        if (nf >= 3 && S_field_is(f[0], fl[0], "param")) {
            size_t v = (size_t)strtoul(f[2], NULL, 10);
            struct {
                const char *name;
                size_t *slot;
            } params[] = {{"head_lines", &S_lex.head_lines},
                          {"head_body_len", &S_lex.head_body_len},
                          {"tail_min_before", &S_lex.tail_min_before},
                          {"block_item_max", &S_lex.block_item_max},
                          {"block_items", &S_lex.block_items},
                          {"repeat_min", &S_lex.repeat_min}};
            int known = 0;
            for (size_t k = 0; k < sizeof params / sizeof params[0]; k++)
                if (S_field_is(f[1], fl[1], params[k].name)) {
                    *params[k].slot = v;
                    known = 1;
                }
            if (!known)
                S_lex_error(li, "unknown param in: %s", clean_rules_lines[li]);
            continue;
        }
        if (nf != 6) {
            S_lex_error(li, "expected 6 TAB-separated fields: %s", clean_rules_lines[li]);
            continue;
        }
        int kind = -1;
        for (int k = 0; k < S_K_COUNT; k++)
            if (S_field_is(f[0], fl[0], S_kind_names[k]))
                kind = k;
        if (kind < 0) {
            S_lex_error(li, "unknown kind in: %s", clean_rules_lines[li]);
            continue;
        }
        int head_only = S_field_is(f[2], fl[2], "head");
        if (!head_only && !S_field_is(f[2], fl[2], "any")) {
            S_lex_error(li, "scope must be any or head: %s", clean_rules_lines[li]);
            continue;
        }
        int errcode;
        PCRE2_SIZE erroff;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)f[5], fl[5], PCRE2_UTF, &errcode, &erroff, NULL);
        if (!re) {
            PCRE2_UCHAR buf[256];
            pcre2_get_error_message(errcode, buf, sizeof buf);
            char detail[380];
            snprintf(detail, sizeof detail, "%s at pattern offset %zu", (const char *)buf,
                     (size_t)erroff);
            S_lex_error(li, "%s", detail);
            continue;
        }
        if (jit_ok)
            pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
        S_rule r;
        r.kind = (S_kind)kind;
        r.head_only = head_only;
        r.maxlen = (size_t)strtoul(f[3], NULL, 10);
        r.why = S_intern(f[1], fl[1]);
        r.need = NULL;
        r.need_len = NULL;
        r.n_need = 0;
        r.need_exact = 0;
        if (!S_field_is(f[4], fl[4], "-")) {
            const char *p = f[4], *end = f[4] + fl[4];
            if (*p == '=') {
                r.need_exact = 1;
                p++;
            }
            size_t cap_need = 0, cap_len = 0;
            while (p < end) {
                const char *bar = memchr(p, '|', (size_t)(end - p));
                const char *q = bar ? bar : end;
                if (q > p) {
                    CONCORD_GROW(r.need, cap_need, r.n_need + 1);
                    CONCORD_GROW(r.need_len, cap_len, r.n_need + 1);
                    char *lit = concord_xstrndup(p, (size_t)(q - p));
                    if (!r.need_exact)
                        for (char *c = lit; *c; c++)
                            if (*c >= 'A' && *c <= 'Z')
                                *c = (char)(*c + 32);
                    r.need[r.n_need] = lit;
                    r.need_len[r.n_need++] = (size_t)(q - p);
                }
                p = q + 1;
            }
        }
        uint32_t opts = 0;
        pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &opts);
        r.anchored = (opts & PCRE2_ANCHORED) != 0;
        r.in_combo = 0;
        r.src_line = li;
        r.re = re;
        CONCORD_GROW(S_lex.rules[kind], cap[kind], S_lex.n[kind] + 1);
        S_lex.rules[kind][S_lex.n[kind]++] = r;
        S_lex.n_rules++;
    }
    S_build_combos(jit_ok);
    S_build_needs();
}

static void S_ensure(void)
{
    pthread_once(&S_once, S_init);
}

const char *concord_clean_rules_error(void)
{
    S_ensure();
    return S_lex.error[0] ? S_lex.error : NULL;
}

size_t concord_clean_rule_count(void)
{
    S_ensure();
    return S_lex.n_rules;
}

static pcre2_match_data *S_md(void)
{
    pcre2_match_data *md = pthread_getspecific(S_md_key);
    if (!md) {
        md = pcre2_match_data_create(16, NULL);
        if (!md)
            concord__fatal("out of memory (PCRE2 match data)");
        pthread_setspecific(S_md_key, md);
    }
    return md;
}

/* ---- text helpers ------------------------------------------------------------ */

/* Byte length of the whitespace character at s[i], or 0.  Unicode spaces
 * (NBSP, U+2000..U+200A, U+202F, U+205F, U+2028/9, U+1680, U+0085, BOM) count;
 * the ideographic space U+3000 does not, so CJK indentation passes untouched. */
/* Bytes that can start a whitespace character: 1 = it is one, 2 = maybe. */
static const unsigned char S_ws_lead[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
    [' '] = 1,  [0xC2] = 2, [0xE1] = 2, [0xE2] = 2, [0xEF] = 2};

static inline size_t S_space_len(const unsigned char *s, size_t i, size_t n)
{
    unsigned char c = s[i];
    if (S_ws_lead[c] != 2)
        return S_ws_lead[c];
    if (c == 0xC2 && i + 1 < n && (s[i + 1] == 0xA0 || s[i + 1] == 0x85))
        return 2;
    if (i + 2 < n) {
        unsigned char c1 = s[i + 1], c2 = s[i + 2];
        if (c == 0xE1 && c1 == 0x9A && c2 == 0x80)
            return 3; /* U+1680 */
        if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF))
            return 3; /* U+2000..200A, 2028, 2029, 202F */
        if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F)
            return 3; /* U+205F */
        if (c == 0xEF && c1 == 0xBB && c2 == 0xBF)
            return 3; /* BOM */
    }
    return 0;
}

/* Length of the whitespace character ending at s[e-1] (e > 0), or 0. */
static size_t S_space_len_back(const unsigned char *s, size_t e)
{
    if (e >= 1 && S_space_len(s, e - 1, e) == 1)
        return 1;
    if (e >= 2 && S_space_len(s, e - 2, e) == 2)
        return 2;
    if (e >= 3 && S_space_len(s, e - 3, e) == 3)
        return 3;
    return 0;
}

/* 1 if s[0, n) is valid UTF-8 (what PCRE2_NO_UTF_CHECK requires: no overlong
 * forms, no surrogates, nothing above U+10FFFF); ASCII runs go 8 bytes a time. */
static int S_utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (x & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else
            return 0;
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t k = 2; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

static const char *S_find(const char *h, size_t hl, const char *nd, size_t nl)
{
    if (nl == 0)
        return h;
    if (nl > hl)
        return NULL;
    const char *end = h + hl - nl + 1;
    for (const char *p = h; p < end;) {
        p = memchr(p, (unsigned char)nd[0], (size_t)(end - p));
        if (!p)
            return NULL;
        if (memcmp(p, nd, nl) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* ---- per-article work ------------------------------------------------------- */

typedef struct S_line {
    size_t s, e;   /* line without its '\n' */
    size_t ts, te; /* trimmed */
    int removed;
} S_line;

typedef struct S_work {
    const char *t;
    size_t n;
    size_t cur;      /* line being cleaned */
    uint64_t *lmask; /* per line, ac_words words: case-insensitive needs met */
    uint32_t mopt;
    pcre2_match_data *md;
    S_line *lines;
    size_t n_lines, cap_lines;
    concord_removal *rm;
    size_t n_rm, cap_rm;
} S_work;

static void S_remove(S_work *w, size_t s, size_t e, const char *why)
{
    if (e <= s)
        return;
    CONCORD_GROW(w->rm, w->cap_rm, w->n_rm + 1);
    w->rm[w->n_rm].start = s;
    w->rm[w->n_rm].end = e;
    w->rm[w->n_rm].why = why;
    w->n_rm++;
}

/* Start of the next non-blank line after line i, or the text end: a removed
 * line takes the blank lines after it along. */
static size_t S_next_start(const S_work *w, size_t i)
{
    for (size_t j = i + 1; j < w->n_lines; j++)
        if (w->lines[j].te > w->lines[j].ts)
            return w->lines[j].s;
    return w->n;
}

static void S_remove_line(S_work *w, size_t i, const char *why)
{
    w->lines[i].removed = 1;
    S_remove(w, w->lines[i].s, S_next_start(w, i), why);
}

/* Tries rule r on t[s, e) from offset s (anchoring is the pattern's business).
 * Returns 1 on a match; the ovector of w->md then holds offsets relative to s. */
static inline int S_needs_met(const S_work *w, const S_rule *r, size_t s, size_t e)
{
    if (!r->n_need)
        return 1;
    if (!r->need_exact)
        return (int)((w->lmask[w->cur * S_lex.ac_words + r->need_bit / 64] >> (r->need_bit % 64)) &
                     1);
    for (size_t i = 0; i < r->n_need; i++)
        if (S_find(w->t + s, e - s, r->need[i], r->need_len[i]))
            return 1;
    return 0;
}

static inline int S_try(S_work *w, const S_rule *r, size_t s, size_t e)
{
    if (r->maxlen && e - s > r->maxlen)
        return 0;
    if (r->n_need && !S_needs_met(w, r, s, e))
        return 0;
    int rc = pcre2_match(r->re, (PCRE2_SPTR)(w->t + s), e - s, 0, w->mopt, w->md, NULL);
    return rc >= 0;
}

/* First rule of kind k, outside the combo, matching line t[s, e); NULL if none. */
static const S_rule *S_first(S_work *w, S_kind k, size_t s, size_t e, int in_head)
{
    for (size_t i = 0; i < S_lex.n_loose[k]; i++) {
        const S_rule *r = S_lex.loose[k][i];
        if (r->head_only && !in_head)
            continue;
        if (S_try(w, r, s, e))
            return r;
    }
    return NULL;
}

/* The tail, line or block rule that line t[s, e) matches, or NULL.  Rules of
 * the combo come first, then the others (tail, line, block order). */
static const S_rule *S_classify(S_work *w, size_t s, size_t e, int in_head, int tail_ok)
{
    size_t len = e - s, ci = 0;
    while (ci < S_lex.n_combos && S_lex.combos[ci].upto < len)
        ci++;
    if (ci < S_lex.n_combos) {
        const S_combo *c = &S_lex.combos[ci];
        int rc = pcre2_match(c->re, (PCRE2_SPTR)(w->t + s), len, 0, w->mopt, w->md, NULL);
        if (rc >= 0) {
            PCRE2_SPTR mark = pcre2_get_mark(w->md);
            size_t m = mark ? (size_t)strtoul((const char *)mark, NULL, 10) : c->n;
            for (size_t j = m; j < c->n; j++) {
                const S_rule *r = c->rule[j];
                /* a tail header too early in the article: later rules may still apply */
                if (r->kind == S_K_TAIL && !tail_ok)
                    continue;
                if (j == m || S_try(w, r, s, e))
                    return r;
            }
        }
    }
    const S_rule *r;
    if (tail_ok && (r = S_first(w, S_K_TAIL, s, e, in_head)) != NULL)
        return r;
    if ((r = S_first(w, S_K_LINE, s, e, in_head)) != NULL)
        return r;
    return S_first(w, S_K_BLOCK, s, e, in_head);
}

/* Group g of the last match on a subject starting at base, trimmed; NULL if unset. */
static char *S_group(S_work *w, size_t base, int g)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
    if ((uint32_t)g >= pcre2_get_ovector_count(w->md) || ov[2 * g] == PCRE2_UNSET)
        return NULL;
    size_t s = base + ov[2 * g], e = base + ov[2 * g + 1];
    const unsigned char *u = (const unsigned char *)w->t;
    size_t k;
    while (s < e && (k = S_space_len(u, s, e)) > 0)
        s += k;
    while (e > s && (k = S_space_len_back(u, e)) > 0)
        e -= k;
    return concord_xstrndup(w->t + s, e - s);
}

static int S_list_item(const S_work *w, const S_line *L)
{
    size_t len = L->te - L->ts;
    if (len > S_lex.block_item_max)
        return 0;
    const unsigned char *u = (const unsigned char *)w->t;
    unsigned char first = u[L->ts], last = u[L->te - 1];
    if (first == '+' || first == '*' || first == '-' || first == '>' || first == '|')
        return 1;
    if (len >= 3 && ((u[L->ts] == 0xE2 && u[L->ts + 1] == 0x80 &&
                      (u[L->ts + 2] == 0xA2 || u[L->ts + 2] == 0x93 || u[L->ts + 2] == 0x94)) ||
                     (u[L->ts] == 0xC2 && u[L->ts + 1] == 0xB7)))
        return 1; /* • – — · */
    if (last == '.' || last == '!' || last == '?' || last == '"' || last == '\'' || last == ':' ||
        last == ';')
        return 0;
    if (len >= 3 && u[L->te - 3] == 0xE2 && u[L->te - 2] == 0x80 &&
        (u[L->te - 1] == 0x9D || u[L->te - 1] == 0x99))
        return 0; /* ” ’ */
    return 1;
}

static int S_cmp_removal(const void *a, const void *b)
{
    const concord_removal *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return 0;
}

/* Sorts, clips overlaps (the earlier removal wins) and joins touching
 * removals that share a why. */
static void S_normalize(S_work *w)
{
    if (w->n_rm == 0)
        return;
    qsort(w->rm, w->n_rm, sizeof *w->rm, S_cmp_removal);
    size_t out = 0;
    for (size_t i = 0; i < w->n_rm; i++) {
        concord_removal r = w->rm[i];
        if (out > 0) {
            concord_removal *p = &w->rm[out - 1];
            if (r.start < p->end)
                r.start = p->end;
            if (r.end <= r.start)
                continue;
            if (r.start == p->end && strcmp(r.why, p->why) == 0) {
                p->end = r.end;
                continue;
            }
        }
        w->rm[out++] = r;
    }
    w->n_rm = out;
}

/* Kept segments of the raw text after the current removals, with their
 * offsets in the cleaned text. */
typedef struct S_seg {
    size_t raw, clean, len;
} S_seg;

static char *S_build(const S_work *w, size_t *out_len, S_seg **segs, size_t *n_segs)
{
    size_t kept = w->n;
    for (size_t i = 0; i < w->n_rm; i++)
        kept -= w->rm[i].end - w->rm[i].start;
    char *out = concord_xmalloc(kept + 1);
    size_t pos = 0, len = 0, cap = 0;
    if (segs) {
        *segs = NULL;
        *n_segs = 0;
    }
    for (size_t i = 0; i <= w->n_rm; i++) {
        size_t end = i < w->n_rm ? w->rm[i].start : w->n;
        if (end > pos) {
            if (segs) {
                CONCORD_GROW(*segs, cap, *n_segs + 1);
                (*segs)[*n_segs].raw = pos;
                (*segs)[*n_segs].clean = len;
                (*segs)[*n_segs].len = end - pos;
                (*n_segs)++;
            }
            memcpy(out + len, w->t + pos, end - pos);
            len += end - pos;
        }
        if (i < w->n_rm)
            pos = w->rm[i].end;
    }
    out[len] = '\0';
    *out_len = len;
    return out;
}

/* Maps cleaned range [a, b) to raw pieces and records them as whitespace. */
static void S_remove_clean_range(S_work *w, const S_seg *segs, size_t n_segs, size_t a, size_t b)
{
    if (b <= a)
        return;
    size_t lo = 0, hi = n_segs;
    while (hi - lo > 1) { /* last segment with clean <= a */
        size_t mid = (lo + hi) / 2;
        if (segs[mid].clean <= a)
            lo = mid;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n_segs && a < b; i++) {
        size_t ce = segs[i].clean + segs[i].len;
        if (ce <= a)
            continue;
        size_t e = b < ce ? b : ce;
        S_remove(w, segs[i].raw + (a - segs[i].clean), segs[i].raw + (e - segs[i].clean),
                 S_WHY_WHITESPACE);
        a = e;
    }
}

/* Whitespace left at the joins: a run between two non-space characters keeps
 * at most two newlines (its first and last) if it has any, else one character
 * (an ASCII space when there is one); leading and trailing runs go entirely. */
static void S_whitespace(S_work *w, const char *c, size_t n, const S_seg *segs, size_t n_segs)
{
    const unsigned char *u = (const unsigned char *)c;
    size_t i = 0;
    while (i < n) {
        /* eight plain bytes at a time: no control byte, no non-ASCII byte, no
         * two spaces in a row and no space last (it may start a run) */
        const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL,
                       low7 = 0x7F7F7F7F7F7F7F7FULL;
        while (i > 0 && i + 8 <= n) {
            uint64_t x;
            memcpy(&x, u + i, 8);
            uint64_t ctrl = (x - 0x20 * ones) & ~x & high;
            uint64_t t = x ^ (0x20 * ones);
            uint64_t sp = ~(((t & low7) + low7) | t | low7); /* 0x80 where the byte is ' ' */
            if ((ctrl | (x & high) | (sp & (sp >> 8)) | (sp & ((uint64_t)0x80 << 56))) != 0)
                break;
            i += 8;
        }
        while (i < n && !S_ws_lead[u[i]])
            i++;
        if (i >= n)
            break;
        /* the common case, one space between two words, needs nothing */
        if (u[i] == ' ' && i > 0 && i + 1 < n && !S_ws_lead[u[i + 1]]) {
            i += 2;
            continue;
        }
        size_t k = S_space_len(u, i, n);
        if (!k) {
            i++;
            continue;
        }
        size_t rs = i, nl = 0, first_nl = 0, last_nl = 0, chars = 0, sp = (size_t)-1;
        while (i < n && (k = S_space_len(u, i, n)) > 0) {
            if (u[i] == '\n') {
                if (!nl)
                    first_nl = i;
                last_nl = i;
                nl++;
            }
            if (u[i] == ' ' && sp == (size_t)-1)
                sp = i;
            chars++;
            i += k;
        }
        size_t re = i;
        if (rs == 0 || re == n) {
            S_remove_clean_range(w, segs, n_segs, rs, re);
        } else if (nl) {
            S_remove_clean_range(w, segs, n_segs, rs, first_nl);
            if (nl >= 2) {
                S_remove_clean_range(w, segs, n_segs, first_nl + 1, last_nl);
                S_remove_clean_range(w, segs, n_segs, last_nl + 1, re);
            } else {
                S_remove_clean_range(w, segs, n_segs, first_nl + 1, re);
            }
        } else if (chars > 1) {
            size_t keep = sp != (size_t)-1 ? sp : rs;
            size_t keep_len = S_space_len(u, keep, n);
            S_remove_clean_range(w, segs, n_segs, rs, keep);
            S_remove_clean_range(w, segs, n_segs, keep + keep_len, re);
        }
    }
}

static void S_split_lines(S_work *w)
{
    const unsigned char *u = (const unsigned char *)w->t;
    size_t pos = 0;
    while (pos <= w->n) {
        const char *nl = pos < w->n ? memchr(w->t + pos, '\n', w->n - pos) : NULL;
        size_t e = nl ? (size_t)(nl - w->t) : w->n;
        S_line L = {pos, e, pos, e, 0};
        size_t k;
        while (L.ts < L.te && (k = S_space_len(u, L.ts, L.te)) > 0)
            L.ts += k;
        while (L.te > L.ts && (k = S_space_len_back(u, L.te)) > 0 && L.te - k >= L.ts)
            L.te -= k;
        CONCORD_GROW(w->lines, w->cap_lines, w->n_lines + 1);
        w->lines[w->n_lines++] = L;
        if (!nl)
            break;
        pos = e + 1;
    }
}

/* Trimmed text of s equal to t[ts, te) (exact bytes or ASCII case-insensitive). */
static int S_same_as_title(const S_work *w, const S_line *L, const char *title)
{
    const unsigned char *u = (const unsigned char *)title;
    size_t n = strlen(title), s = 0, e = n, k;
    while (s < e && (k = S_space_len(u, s, e)) > 0)
        s += k;
    while (e > s && (k = S_space_len_back(u, e)) > 0)
        e -= k;
    if (e - s == 0 || e - s != L->te - L->ts)
        return 0;
    for (size_t i = 0; i < e - s; i++) {
        unsigned char a = u[s + i], b = (unsigned char)w->t[L->ts + i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b + 32);
        if (a != b)
            return 0;
    }
    return 1;
}

/* Outlet, dateline and furniture prefixes at the start of a head line;
 * returns the offset where the kept part of the line begins. */
static size_t S_prefixes(S_work *w, concord_clean *c, const S_line *L)
{
    size_t pos = L->ts;
    static const S_kind kinds[] = {S_K_OUTLET, S_K_DATELINE, S_K_PREFIX};
    int progress = 1;
    while (progress && pos < L->te) {
        progress = 0;
        for (size_t ki = 0; ki < sizeof kinds / sizeof kinds[0] && !progress; ki++) {
            S_kind k = kinds[ki];
            if ((k == S_K_OUTLET && c->outlet[0]) || (k == S_K_DATELINE && c->dateline[0]))
                continue;
            for (size_t i = 0; i < S_lex.n[k]; i++) {
                const S_rule *r = &S_lex.rules[k][i];
                if (!S_try(w, r, pos, L->te))
                    continue;
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
                if (ov[0] != 0 || ov[1] == 0)
                    continue; /* a prefix must start the line and remove something */
                if (k != S_K_PREFIX) {
                    char *v = S_group(w, pos, 1);
                    if (!v || !v[0]) {
                        free(v);
                        continue;
                    }
                    if (k == S_K_OUTLET) {
                        free(c->outlet);
                        c->outlet = v;
                    } else {
                        free(c->dateline);
                        c->dateline = v;
                    }
                }
                S_remove(w, pos, pos + ov[1], r->why);
                pos += ov[1];
                progress = 1;
                break;
            }
        }
    }
    return pos;
}

/* Inline junk inside the kept part t[s, e) of a line. */
static void S_inline(S_work *w, size_t s, size_t e)
{
    for (size_t i = 0; i < S_lex.n[S_K_INLINE]; i++) {
        const S_rule *r = &S_lex.rules[S_K_INLINE][i];
        if (r->maxlen && e - s > r->maxlen)
            continue;
        if (!S_needs_met(w, r, s, e))
            continue;
        size_t off = 0;
        while (s + off < e) {
            int rc = pcre2_match(r->re, (PCRE2_SPTR)(w->t + s), e - s, off, w->mopt, w->md, NULL);
            if (rc < 0)
                break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
            if (ov[1] <= ov[0]) { /* empty match: step one character on */
                off = ov[1] + 1;
                while (s + off < e && ((unsigned char)w->t[s + off] & 0xC0) == 0x80)
                    off++;
                continue;
            }
            S_remove(w, s + ov[0], s + ov[1], r->why);
            off = ov[1];
        }
    }
}

static uint64_t S_line_hash(const S_work *w, const S_line *L)
{
    return concord_hash(w->t + L->ts, L->te - L->ts, 0x636c65616eULL);
}

/* Which needles of the rules' Aho-Corasick automaton each line holds: a bit
 * mask of S_lex.ac_words words a line in w->lmask, so a rule whose needle a
 * line lacks is not run on it. */
static void S_line_masks(S_work *w)
{
    w->lmask =
        concord_xcalloc(w->n_lines * (S_lex.ac_words ? S_lex.ac_words : 1), sizeof *w->lmask);
    if (!S_lex.ac_bits)
        return;
    const unsigned char *u = (const unsigned char *)w->t;
    const uint32_t *next = S_lex.ac_next;
    const uint64_t *out = S_lex.ac_out;
    const unsigned char *cls = S_lex.ac_cls;
    size_t nc = S_lex.ac_nc, words = S_lex.ac_words;
    for (size_t i = 0; i < w->n_lines; i++) {
        const S_line *L = &w->lines[i];
        if (L->te == L->ts || (S_lex.ac_maxlen && L->te - L->ts > S_lex.ac_maxlen))
            continue; /* no rule with such a need looks at a line this long */
        uint64_t *m = w->lmask + i * words;
        uint32_t st = 0;
        if (words == 1) {
            uint64_t acc = 0; /* in a register: no store per byte */
            for (size_t b = L->ts; b < L->te; b++) {
                st = next[st * nc + cls[u[b]]];
                acc |= out[st];
            }
            m[0] = acc;
        } else {
            for (size_t b = L->ts; b < L->te; b++) {
                st = next[st * nc + cls[u[b]]];
                for (size_t wd = 0; wd < words; wd++)
                    m[wd] |= out[st * words + wd];
            }
        }
    }
}

/* Lines seen so far, for repeated lines: open addressing over line indices
 * (+1; 0 = empty), the hash of each line kept beside. */
typedef struct {
    size_t *table;
    size_t cap;
    uint64_t *hashes;
} S_seen_lines;

static void S_seen_init(S_seen_lines *seen, size_t n_lines)
{
    seen->cap = 16;
    while (seen->cap < 2 * n_lines)
        seen->cap *= 2;
    seen->table = concord_xcalloc(seen->cap, sizeof *seen->table);
    seen->hashes = concord_xmalloc((n_lines ? n_lines : 1) * sizeof *seen->hashes);
}

/* Whether line i repeats a line seen before; when not, it is seen now. */
static int S_seen_before(const S_work *w, S_seen_lines *seen, size_t i)
{
    const S_line *L = &w->lines[i];
    size_t len = L->te - L->ts;
    uint64_t h = S_line_hash(w, L);
    seen->hashes[i] = h;
    size_t slot = (size_t)h & (seen->cap - 1);
    while (seen->table[slot]) {
        const S_line *P = &w->lines[seen->table[slot] - 1];
        if (seen->hashes[seen->table[slot] - 1] == h && P->te - P->ts == len &&
            memcmp(w->t + P->ts, w->t + L->ts, len) == 0)
            return 1;
        slot = (slot + 1) & (seen->cap - 1);
    }
    seen->table[slot] = i + 1;
    return 0;
}

/* A rule that removes line i and the list items after it (S_K_BLOCK: a
 * "related" block); returns the last line removed. */
static size_t S_remove_block(S_work *w, size_t i, const S_rule *r)
{
    S_remove_line(w, i, r->why);
    size_t items = 0, last = i;
    for (size_t j = i + 1; j < w->n_lines && items < S_lex.block_items; j++) {
        S_line *M = &w->lines[j];
        if (M->te == M->ts)
            continue;
        if (!S_list_item(w, M))
            break;
        S_remove_line(w, j, r->why);
        items++;
        last = j;
    }
    return last;
}

/* In the head of an article: a byline line or a date line, taken into c and
 * removed.  1 when line i was such a line. */
static int S_head_meta(S_work *w, concord_clean *c, size_t i)
{
    const S_line *L = &w->lines[i];
    const S_rule *r;
    if (!c->byline[0] && (r = S_first(w, S_K_BYLINE, L->ts, L->te, 1)) != NULL) {
        char *v = S_group(w, L->ts, 1);
        if (v && v[0]) {
            free(c->byline);
            c->byline = v;
            S_remove_line(w, i, r->why);
            return 1;
        }
        free(v);
    }
    if ((r = S_first(w, S_K_DATE, L->ts, L->te, 1)) != NULL) {
        char *v = S_group(w, L->ts, 1);
        char out[11];
        if (v && !c->date[0] && concord_date_normalize(v, strlen(v), out)) {
            free(c->date);
            c->date = concord_xstrdup(out);
        }
        free(v);
        S_remove_line(w, i, r->why);
        return 1;
    }
    return 0;
}

/* The line pass: the title repeated, the rules (a tail ends the article, a
 * line, a block), repeated lines, the head's byline and date, then prefixes
 * and inline junk of the lines kept. */
static void S_clean_lines(S_work *w, concord_clean *c, const char *title)
{
    S_seen_lines seen;
    S_seen_init(&seen, w->n_lines);
    int title_checked = 0, head_open = 1;
    size_t head_seen = 0, kept_before = 0;
    for (size_t i = 0; i < w->n_lines; i++) {
        S_line *L = &w->lines[i];
        if (L->removed || L->te == L->ts)
            continue;
        w->cur = i;
        size_t len = L->te - L->ts;
        if (!title_checked) {
            title_checked = 1;
            if (title && S_same_as_title(w, L, title)) {
                S_remove_line(w, i, S_WHY_TITLE);
                continue;
            }
        }
        const S_rule *r =
            S_classify(w, L->ts, L->te, head_open, kept_before >= S_lex.tail_min_before);
        if (r && r->kind == S_K_TAIL) {
            S_remove(w, L->s, w->n, r->why);
            for (size_t j = i; j < w->n_lines; j++)
                w->lines[j].removed = 1;
            break;
        }
        if (r && r->kind == S_K_LINE) {
            S_remove_line(w, i, r->why);
            continue;
        }
        if (r && r->kind == S_K_BLOCK) {
            i = S_remove_block(w, i, r);
            continue;
        }
        if (len >= S_lex.repeat_min && S_seen_before(w, &seen, i)) {
            S_remove_line(w, i, S_WHY_REPEATED);
            continue;
        }
        if (head_open && S_head_meta(w, c, i))
            continue;
        size_t body = head_open ? S_prefixes(w, c, L) : L->ts;
        if (body < L->te)
            S_inline(w, body, L->te);
        kept_before += L->te - body;
        if (head_open) {
            head_seen++;
            if (len >= S_lex.head_body_len || head_seen >= S_lex.head_lines)
                head_open = 0;
        }
    }
    free(seen.table);
    free(seen.hashes);
}

/* The cleaned text (built twice: white space is settled on the first
 * build) and what was removed, with the bytes removed before each. */
static void S_finish(S_work *w, concord_clean *c)
{
    S_normalize(w);
    S_seg *segs;
    size_t n_segs, clen;
    char *pass1 = S_build(w, &clen, &segs, &n_segs);
    S_whitespace(w, pass1, clen, segs, n_segs);
    free(pass1);
    free(segs);
    S_normalize(w);
    c->text = S_build(w, &c->len, NULL, NULL);
    c->removed = w->rm;
    c->n_removed = w->n_rm;
    if (w->n_rm) {
        c->removed_before = concord_xmalloc(w->n_rm * sizeof *c->removed_before);
        size_t acc = 0;
        for (size_t i = 0; i < w->n_rm; i++) {
            c->removed_before[i] = acc;
            acc += w->rm[i].end - w->rm[i].start;
        }
    }
}

concord_clean *concord_clean_article(const concord_article *a)
{
    S_ensure();
    concord_clean *c = concord_xcalloc(1, sizeof *c);
    c->byline = concord_xstrdup("");
    c->dateline = concord_xstrdup("");
    c->date = concord_xstrdup("");
    c->outlet = concord_xstrdup("");

    S_work w;
    memset(&w, 0, sizeof w);
    w.t = a->text ? a->text : "";
    w.n = a->text ? a->text_len : 0;
    w.mopt = S_utf8_ok((const unsigned char *)w.t, w.n) ? PCRE2_NO_UTF_CHECK : 0;
    w.md = S_md();
    S_split_lines(&w);
    S_line_masks(&w);
    S_clean_lines(&w, c, a->title);
    S_finish(&w, c);
    free(w.lines);
    free(w.lmask);
    return c;
}

void concord_clean_free(concord_clean *c)
{
    if (!c)
        return;
    free(c->text);
    free(c->byline);
    free(c->dateline);
    free(c->date);
    free(c->outlet);
    free(c->removed);
    free(c->removed_before);
    free(c);
}

size_t concord_clean_to_raw(const concord_clean *c, size_t clean_off)
{
    if (!c || c->n_removed == 0)
        return clean_off;
    if (!c->removed_before) { /* built elsewhere (e.g. read back from a store) */
        size_t raw = clean_off;
        for (size_t i = 0; i < c->n_removed; i++) {
            if (c->removed[i].start > raw)
                break;
            raw += c->removed[i].end - c->removed[i].start;
        }
        return raw;
    }
    /* last removal whose cleaned position (start - bytes removed before it)
     * is <= clean_off: the byte at clean_off comes after it */
    size_t lo = 0, hi = c->n_removed;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->removed[mid].start - c->removed_before[mid] <= clean_off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return clean_off;
    size_t i = lo - 1;
    return clean_off + c->removed_before[i] + (c->removed[i].end - c->removed[i].start);
}
