/* gen_corpus: multiplies real articles into a large synthetic corpus with
 * story structure, for benchmarks and scale tests.
 *
 *   gen_corpus INPUT.jsonl|- N OUT.jsonl|- [SEED [EVENTS.tsv]]
 *
 * INPUT is JSON Lines of seed articles (id, source, url, date, title, text and
 * optionally story); "-" means $CONCORD_SOURCE_DIR/../shared/data/gva-dev/
 * articles.jsonl, else ../shared/data/gva-dev/articles.jsonl from the source
 * tree or ../../shared/... from a build folder inside it.  OUT receives N
 * articles as JSON Lines with the fields id, story, source, url, date, title,
 * text; "-" writes to standard output.
 *
 * How: the seeds are parsed once and cut into segments (plain text, words that
 * have synonyms in data/gen_synonyms.txt, capitalized names, counts, line
 * breaks) grouped into sentences.  Output is then written story by story: a
 * story (1-15 articles, fresh label) draws its articles from one seed incident
 * (the seed's "story" field, else the seed article itself), gets its own date
 * in 2025 and its own variant of every name (data/gen_names.txt), so that two
 * stories built from the same incident are different events.  Each article is
 * a copy, rewrite or spun copy of a seed: words swapped, sentences dropped or
 * doubled, counts changed sometimes, junk lines from data/gen_junk.txt
 * scattered, sometimes a comment section at the end.
 *
 * EVENTS.tsv (optional; the corpus is the same with or without it) gets one
 * line per article: id, gold story, the seed incident (hex), the story's
 * first day (0 = 2025-01-01), the story's name salt (hex) and the distinct
 * names the article names (their hashes before the story's suffix, hex,
 * comma-separated): what tells two events of one incident apart
 * (tools/gen_ceiling.py measures it).
 *
 * Deterministic for a seed; memory is the seeds plus one output buffer, flat
 * whatever N is.  Prints articles, stories, MB written, wall and CPU seconds,
 * MB/s and peak memory (to stdout, or to stderr when the corpus goes to
 * stdout). */
#include "concord/json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "gen_synonyms.inc"
#include "gen_junk.inc"
#include "gen_names.inc"

/* ---- random numbers: xoshiro256** seeded by splitmix64 ---- */
typedef struct {
    uint64_t s[4];
} S_rng;

static uint64_t S_splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void S_rng_seed(S_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = S_splitmix(&seed);
}

static inline uint64_t S_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t S_next(S_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = S_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = S_rotl(s[3], 45);
    return out;
}

/* uniform in [0, n) */
static inline uint32_t S_below(S_rng *r, uint32_t n)
{
    return (uint32_t)(((S_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* probability as a 32-bit threshold, tested with S_chance */
static inline uint32_t S_prob(double p)
{
    return p >= 1.0 ? UINT32_MAX : (uint32_t)(p * 4294967296.0);
}
static inline int S_chance(S_rng *r, uint32_t threshold)
{
    return (uint32_t)(S_next(r) >> 32) < threshold;
}

/* ---- growable output buffer ---- */
typedef struct {
    char *p;
    size_t len, cap;
} S_out;

static inline void S_reserve(S_out *o, size_t n)
{
    if (o->len + n > o->cap) {
        while (o->len + n > o->cap)
            o->cap = o->cap ? o->cap * 2 : 1u << 20;
        o->p = concord_xrealloc(o->p, o->cap);
    }
}
static inline void S_put(S_out *o, const char *s, size_t n)
{
    S_reserve(o, n);
    memcpy(o->p + o->len, s, n);
    o->len += n;
}
static inline void S_puts(S_out *o, const char *s)
{
    S_put(o, s, strlen(s));
}

/* JSON string body (no quotes); control bytes escaped, UTF-8 passed through */
static void S_put_escaped(S_out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    S_reserve(o, n * 6);
    char *d = o->p + o->len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *d++ = '\\';
            *d++ = (char)c;
        } else if (c == '\n') {
            *d++ = '\\';
            *d++ = 'n';
        } else if (c == '\t') {
            *d++ = '\\';
            *d++ = 't';
        } else if (c < 0x20) {
            memcpy(d, "\\u00", 4);
            d[4] = hex[c >> 4];
            d[5] = hex[c & 15];
            d += 6;
        } else
            *d++ = (char)c;
    }
    o->len = (size_t)(d - o->p);
}

/* ---- word tables from data/ ---- */
typedef struct {
    uint64_t h;
    uint32_t val;
    uint32_t used;
} S_slot;
typedef struct {
    S_slot *slot;
    size_t mask, count;
} S_map;

static void S_map_init(S_map *m, size_t expect)
{
    size_t n = 64;
    while (n < expect * 2)
        n <<= 1;
    m->slot = concord_xcalloc(n, sizeof *m->slot);
    m->mask = n - 1;
    m->count = 0;
}
static void S_map_put(S_map *m, uint64_t h, uint32_t val)
{
    size_t i = (size_t)h & m->mask;
    while (m->slot[i].used) {
        if (m->slot[i].h == h)
            return; /* first entry wins */
        i = (i + 1) & m->mask;
    }
    m->slot[i].h = h;
    m->slot[i].val = val;
    m->slot[i].used = 1;
    m->count++;
}

/* val |= flags for key h, inserting it; grows the table as needed */
static void S_map_or(S_map *m, uint64_t h, uint32_t flags)
{
    if ((m->count + 1) * 2 > m->mask + 1) {
        S_map old = *m;
        S_map_init(m, old.mask + 1);
        for (size_t k = 0; k <= old.mask; k++)
            if (old.slot[k].used)
                S_map_put(m, old.slot[k].h, old.slot[k].val);
        free(old.slot);
    }
    size_t i = (size_t)h & m->mask;
    while (m->slot[i].used) {
        if (m->slot[i].h == h) {
            m->slot[i].val |= flags;
            return;
        }
        i = (i + 1) & m->mask;
    }
    S_map_put(m, h, flags);
}
static inline int S_map_get(const S_map *m, uint64_t h, uint32_t *val)
{
    size_t i = (size_t)h & m->mask;
    while (m->slot[i].used) {
        if (m->slot[i].h == h) {
            *val = m->slot[i].val;
            return 1;
        }
        i = (i + 1) & m->mask;
    }
    return 0;
}

static uint64_t S_word_hash(const char *w, size_t n, int fold)
{
    char tmp[64];
    if (n > sizeof tmp)
        n = sizeof tmp;
    for (size_t i = 0; i < n; i++)
        tmp[i] = (char)(fold && w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    return concord_hash(tmp, n, 0x5eed);
}

typedef struct {
    const char **word;
    size_t n;
} S_group;

static S_group *S_groups;
static size_t S_ngroups;
static S_map S_synonyms; /* folded word -> group */
static S_map S_keep;     /* capitalized words that are not names */
static S_map S_vocab;    /* folded word -> VOCAB_* flags, learned from the seeds */
enum { VOCAB_LOWER = 1, VOCAB_CAPITAL = 2 };
static const char *S_suffix[64];
static size_t S_nsuffix;
static const char *S_junk_line[64], *S_junk_tail[64], *S_junk_header[16], *S_junk_comment[64];
static size_t S_njunk_line, S_njunk_tail, S_njunk_header, S_njunk_comment;

static char **S_copies; /* line copies the tables point into; freed by S_free_all */
static size_t S_ncopies, S_capcopies;

/* splits a TAB line into at most max fields (copies; kept for the whole run) */
static size_t S_fields(const char *line, const char **f, size_t max)
{
    char *copy = concord_xstrdup(line);
    CONCORD_GROW(S_copies, S_capcopies, S_ncopies + 1);
    S_copies[S_ncopies++] = copy;
    size_t n = 0;
    for (char *p = copy; p && n < max;) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        if (*p)
            f[n++] = p;
        p = tab ? tab + 1 : NULL;
    }
    return n;
}

static void S_load_tables(void)
{
    S_groups = concord_xcalloc(gen_synonyms_count, sizeof *S_groups);
    S_map_init(&S_synonyms, gen_synonyms_count * 16); /* at most 16 members a line */
    for (size_t i = 0; i < gen_synonyms_count; i++) {
        const char *f[16];
        size_t n = S_fields(gen_synonyms_lines[i], f, 16);
        if (n < 2)
            continue;
        S_group *g = &S_groups[S_ngroups];
        g->word = concord_xmalloc(n * sizeof *g->word);
        memcpy(g->word, f, n * sizeof *f);
        g->n = n;
        for (size_t k = 0; k < n; k++)
            if (!strchr(f[k], ' '))
                S_map_put(&S_synonyms, S_word_hash(f[k], strlen(f[k]), 1), (uint32_t)S_ngroups);
        S_ngroups++;
    }
    S_map_init(&S_keep, gen_names_count);
    for (size_t i = 0; i < gen_names_count; i++) {
        const char *f[2];
        if (S_fields(gen_names_lines[i], f, 2) != 2)
            continue;
        if (!strcmp(f[0], "keep"))
            S_map_put(&S_keep, S_word_hash(f[1], strlen(f[1]), 0), 1);
        else if (!strcmp(f[0], "suffix") && S_nsuffix < 64)
            S_suffix[S_nsuffix++] = f[1];
    }
    if (S_nsuffix == 0)
        S_suffix[S_nsuffix++] = "son";
    for (size_t i = 0; i < gen_junk_count; i++) {
        const char *f[2];
        if (S_fields(gen_junk_lines[i], f, 2) != 2)
            continue;
        if (!strcmp(f[0], "line") && S_njunk_line < 64)
            S_junk_line[S_njunk_line++] = f[1];
        else if (!strcmp(f[0], "tail") && S_njunk_tail < 64)
            S_junk_tail[S_njunk_tail++] = f[1];
        else if (!strcmp(f[0], "header") && S_njunk_header < 16)
            S_junk_header[S_njunk_header++] = f[1];
        else if (!strcmp(f[0], "comment") && S_njunk_comment < 64)
            S_junk_comment[S_njunk_comment++] = f[1];
    }
}

/* ---- seeds cut into segments ---- */
enum { SEG_TEXT, SEG_SYN, SEG_NAME, SEG_NUM, SEG_BREAK };

typedef struct {
    uint32_t off, len; /* escaped bytes in S_arena */
    uint32_t val;      /* SYN: group; NAME: word hash; NUM: value */
    uint8_t kind;
    uint8_t cap; /* SYN: capitalized; NUM: had thousands commas */
} S_seg;

typedef struct {
    uint32_t begin, end;
    uint8_t brk;
} S_unit; /* a sentence, or a run of line breaks */

typedef struct {
    uint32_t title_begin, title_end; /* segments */
    uint32_t unit_begin, unit_end;   /* units */
    uint64_t incident;               /* hash of the seed's story (or id) */
} S_seed;

static S_out S_arena;
static S_seg *S_segs;
static size_t S_nsegs, S_capsegs;
static S_unit *S_units;
static size_t S_nunits, S_capunits;

static size_t S_cut_first; /* first segment of the text being cut: no merging across texts */

static void S_add_seg(int kind, const char *s, size_t n, uint32_t val, int cap)
{
    if (n == 0)
        return;
    if (kind == SEG_TEXT && S_nsegs > S_cut_first && S_segs[S_nsegs - 1].kind == SEG_TEXT &&
        S_segs[S_nsegs - 1].off + S_segs[S_nsegs - 1].len == S_arena.len) {
        size_t before = S_arena.len;
        S_put_escaped(&S_arena, s, n);
        S_segs[S_nsegs - 1].len += (uint32_t)(S_arena.len - before);
        return;
    }
    CONCORD_GROW(S_segs, S_capsegs, S_nsegs + 1);
    S_seg *g = &S_segs[S_nsegs++];
    g->off = (uint32_t)S_arena.len;
    S_put_escaped(&S_arena, s, n);
    g->len = (uint32_t)(S_arena.len - g->off);
    g->kind = (uint8_t)kind;
    g->val = val;
    g->cap = (uint8_t)cap;
}

static void S_close_unit(uint32_t *begin, int brk)
{
    if (S_nsegs == *begin)
        return;
    CONCORD_GROW(S_units, S_capunits, S_nunits + 1);
    S_units[S_nunits].begin = *begin;
    S_units[S_nunits].end = (uint32_t)S_nsegs;
    S_units[S_nunits].brk = (uint8_t)brk;
    S_nunits++;
    *begin = (uint32_t)S_nsegs;
}

static inline int S_alpha(unsigned char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}
static inline int S_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}
static inline int S_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

/* First pass over a seed text: which words are seen in lowercase, which
 * capitalized inside a sentence.  A word only ever seen capitalized, and at
 * least once inside a sentence, is taken for a name (also at a sentence start). */
static void S_learn(const char *s, size_t n)
{
    int sentence_start = 1;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (S_alpha(c) &&
            (i == 0 || (!S_alpha((unsigned char)s[i - 1]) && (unsigned char)s[i - 1] < 0x80))) {
            size_t j = i;
            while (j < n && S_alpha((unsigned char)s[j]))
                j++;
            if (j - i < 64) {
                uint64_t h = S_word_hash(s + i, j - i, 1);
                if (!S_upper(c))
                    S_map_or(&S_vocab, h, VOCAB_LOWER);
                else if (!sentence_start && j - i >= 2 && !S_upper((unsigned char)s[i + 1]))
                    S_map_or(&S_vocab, h, VOCAB_CAPITAL);
            }
            sentence_start = 0;
            i = j;
            continue;
        }
        if (c == '\n' ||
            ((c == '.' || c == '!' || c == '?' || c == ':') && i + 1 < n && s[i + 1] == ' '))
            sentence_start = 1;
        i++;
    }
}

static int S_is_name(const char *w, size_t len)
{
    uint32_t flags, dummy;
    if (len < 3 || !S_upper((unsigned char)w[0]) || S_upper((unsigned char)w[1]))
        return 0;
    if (!S_map_get(&S_vocab, S_word_hash(w, len, 1), &flags) || flags != VOCAB_CAPITAL)
        return 0;
    return !S_map_get(&S_keep, S_word_hash(w, len, 0), &dummy);
}

/* Cuts s into segments; with units, also into sentences and line-break runs. */
static void S_cut(const char *s, size_t n, int units)
{
    uint32_t unit_begin = (uint32_t)S_nsegs;
    S_cut_first = S_nsegs;
    size_t i = 0, text = 0; /* text: start of pending plain text */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\r') {
            S_add_seg(SEG_TEXT, s + text, i - text, 0, 0);
            if (units)
                S_close_unit(&unit_begin, 0);
            size_t j = i;
            while (j < n && (s[j] == '\n' || s[j] == '\r' || s[j] == ' ' || s[j] == '\t'))
                j++;
            S_add_seg(units ? SEG_BREAK : SEG_TEXT, s + i, j - i, 0, 0);
            if (units)
                S_close_unit(&unit_begin, 1);
            i = text = j;
            continue;
        }
        if (S_alpha(c) &&
            (i == 0 || (!S_alpha((unsigned char)s[i - 1]) && (unsigned char)s[i - 1] < 0x80 &&
                        !S_digit((unsigned char)s[i - 1])))) {
            size_t j = i;
            while (j < n && S_alpha((unsigned char)s[j]))
                j++;
            int glued = j < n && ((unsigned char)s[j] >= 0x80 || S_digit((unsigned char)s[j]));
            size_t len = j - i;
            uint32_t group;
            int kind = SEG_TEXT;
            uint32_t val = 0;
            if (!glued && len < 64) {
                if (S_map_get(&S_synonyms, S_word_hash(s + i, len, 1), &group)) {
                    kind = SEG_SYN;
                    val = group;
                } else if (S_is_name(s + i, len)) {
                    kind = SEG_NAME;
                    val = (uint32_t)S_word_hash(s + i, len, 0);
                }
            }
            if (kind != SEG_TEXT) {
                S_add_seg(SEG_TEXT, s + text, i - text, 0, 0);
                S_add_seg(kind, s + i, len, val, S_upper(c));
                text = j;
            }
            i = j;
            continue;
        }
        if (S_digit(c) &&
            (i == 0 || (!S_alpha((unsigned char)s[i - 1]) && strchr(".:/-", s[i - 1]) == NULL &&
                        (unsigned char)s[i - 1] < 0x80))) {
            size_t j = i;
            uint64_t v = 0;
            int commas = 0;
            while (j < n &&
                   (S_digit((unsigned char)s[j]) ||
                    (s[j] == ',' && j + 3 < n && S_digit((unsigned char)s[j + 1]) &&
                     S_digit((unsigned char)s[j + 2]) && S_digit((unsigned char)s[j + 3]) &&
                     (j + 4 >= n || !S_digit((unsigned char)s[j + 4]))))) {
                if (s[j] == ',')
                    commas = 1;
                else if (v < 100000000)
                    v = v * 10 + (uint64_t)(s[j] - '0');
                j++;
            }
            int glued = j < n && (S_alpha((unsigned char)s[j]) || strchr(":/", s[j]) ||
                                  (s[j] == '.' && j + 1 < n && S_digit((unsigned char)s[j + 1])));
            int yearlike = !commas && v >= 1900 && v <= 2099;
            if (!glued && !yearlike && v < 100000000) {
                S_add_seg(SEG_TEXT, s + text, i - text, 0, 0);
                S_add_seg(SEG_NUM, s + i, j - i, (uint32_t)v, commas);
                text = j;
            }
            i = j;
            continue;
        }
        if (units && (c == '.' || c == '!' || c == '?')) {
            size_t j = i + 1;
            while (j < n && (s[j] == '"' || s[j] == '\'' || s[j] == ')'))
                j++;
            if (j + 1 < n && s[j] == ' ' && (S_upper((unsigned char)s[j + 1]) || s[j + 1] == '"')) {
                S_add_seg(SEG_TEXT, s + text, j + 1 - text, 0, 0);
                S_close_unit(&unit_begin, 0);
                i = text = j + 1;
                continue;
            }
        }
        i++;
    }
    S_add_seg(SEG_TEXT, s + text, n - text, 0, 0);
    if (units)
        S_close_unit(&unit_begin, 0);
}

static void S_free_all(void)
{
    for (size_t i = 0; i < S_ncopies; i++)
        free(S_copies[i]);
    free(S_copies);
    for (size_t i = 0; i < S_ngroups; i++)
        free(S_groups[i].word);
    free(S_groups);
    free(S_synonyms.slot);
    free(S_keep.slot);
    free(S_vocab.slot);
    free(S_arena.p);
    free(S_segs);
    free(S_units);
}

static S_seed *S_load_seeds(const char *path, size_t *count)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "gen_corpus: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    S_seed *seeds = NULL;
    struct {
        char *title, *text;
        size_t len;
    } *raw = NULL;
    size_t n = 0, cap = 0, rawcap = 0, lineno = 0, total = 0;
    S_map_init(&S_vocab, 1024);
    char *line = NULL;
    size_t linecap = 0;
    ssize_t len;
    while ((len = getline(&line, &linecap, in)) != -1) {
        lineno++;
        size_t err_pos;
        const char *err_msg;
        concord_json *j = concord_json_parse(line, (size_t)len, &err_pos, &err_msg);
        if (!j || j->type != CONCORD_JSON_OBJECT) {
            if (len > 1)
                fprintf(stderr, "gen_corpus: %s:%zu:%zu: %s\n", path, lineno, j ? 0 : err_pos,
                        j ? "not a JSON object" : err_msg);
            concord_json_free(j);
            continue;
        }
        const concord_json *text = concord_json_get(j, "text");
        if (!text || text->type != CONCORD_JSON_STRING || text->len == 0) {
            concord_json_free(j);
            continue;
        }
        const char *title = concord_json_get_str(j, "title");
        const char *story = concord_json_get_str(j, "story");
        const char *id = concord_json_get_str(j, "id");
        CONCORD_GROW(seeds, cap, n + 1);
        CONCORD_GROW(raw, rawcap, n + 1);
        raw[n].title = concord_xstrdup(title ? title : "");
        raw[n].text = concord_xstrndup(text->str, text->len);
        raw[n].len = text->len;
        total += text->len;
        const char *key = story ? story : id ? id : "";
        seeds[n].incident = story || id ? concord_hash(key, strlen(key), 7) : (uint64_t)n;
        n++;
        concord_json_free(j);
        S_learn(raw[n - 1].text, raw[n - 1].len);
        if (total > 0x40000000u) {
            fprintf(stderr, "gen_corpus: %s: seed text too large, using the first %zu articles\n",
                    path, n);
            break;
        }
    }
    /* second pass: segments, now that names are known */
    for (size_t i = 0; i < n; i++) {
        S_seed *sd = &seeds[i];
        sd->title_begin = (uint32_t)S_nsegs;
        S_cut(raw[i].title, strlen(raw[i].title), 0);
        sd->title_end = (uint32_t)S_nsegs;
        sd->unit_begin = (uint32_t)S_nunits;
        S_cut(raw[i].text, raw[i].len, 1);
        sd->unit_end = (uint32_t)S_nunits;
        free(raw[i].title);
        free(raw[i].text);
    }
    free(raw);
    free(line);
    fclose(in);
    *count = n;
    return seeds;
}

/* ---- output ---- */
typedef struct {
    uint32_t p_swap, p_drop, p_dup, p_num;
} S_style;

static void S_put_number(S_out *o, uint64_t v, int commas)
{
    char digits[32], out[48];
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v), k = 0;
    for (int i = 0; i < nd; i++) {
        if (commas && i > 0 && (nd - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    S_put(o, out, (size_t)k);
}

/* EVENTS.tsv: the names written into the current article */
static FILE *S_events;
static uint32_t S_named[256];
static size_t S_n_named;

static void S_put_segs(S_out *o, S_rng *r, uint32_t begin, uint32_t end, const S_style *st,
                       uint64_t salt)
{
    for (uint32_t i = begin; i < end; i++) {
        const S_seg *g = &S_segs[i];
        const char *src = S_arena.p + g->off;
        switch (g->kind) {
            case SEG_SYN:
                if (S_chance(r, st->p_swap)) {
                    const S_group *grp = &S_groups[g->val];
                    const char *w = grp->word[S_below(r, (uint32_t)grp->n)];
                    size_t wl = strlen(w);
                    S_reserve(o, wl);
                    memcpy(o->p + o->len, w, wl);
                    if (g->cap && w[0] >= 'a' && w[0] <= 'z')
                        o->p[o->len] = (char)(w[0] - 32);
                    o->len += wl;
                    break;
                }
                S_put(o, src, g->len);
                break;
            case SEG_NAME: {
                if (S_events) {
                    size_t k = 0;
                    while (k < S_n_named && S_named[k] != g->val)
                        k++;
                    if (k == S_n_named && S_n_named < 256)
                        S_named[S_n_named++] = g->val;
                }
                S_put(o, src, g->len);
                uint64_t h = salt ^ g->val;
                h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
                S_puts(o, S_suffix[(h >> 32) % S_nsuffix]);
                break;
            }
            case SEG_NUM:
                if (st->p_num && S_chance(r, st->p_num)) {
                    uint64_t v = g->val, spread = v / 5 ? v / 5 : 1;
                    uint64_t delta =
                        1 + S_below(r, (uint32_t)(spread > 1000000 ? 1000000 : spread));
                    v = (S_next(r) & 1) || v < delta ? v + delta : v - delta;
                    S_put_number(o, v, g->cap);
                    break;
                }
                S_put(o, src, g->len);
                break;
            default: S_put(o, src, g->len);
        }
    }
}

static void S_put_junk(S_out *o, const char *line, const char *outlet)
{
    const char *p = strstr(line, "{outlet}");
    if (p) {
        S_put(o, line, (size_t)(p - line));
        S_puts(o, outlet);
        S_puts(o, p + 8);
    } else {
        S_puts(o, line);
    }
}

static const char *const S_kind_name[] = {"copy", "rewrite", "spun"};
static const S_style *S_styles(void)
{
    static S_style st[3];
    st[0] = (S_style){S_prob(0.02), S_prob(0.03), S_prob(0.01), 0};
    st[1] = (S_style){S_prob(0.20), S_prob(0.12), S_prob(0.02), 0};
    st[2] = (S_style){S_prob(0.55), S_prob(0.05), S_prob(0.03), 0};
    return st;
}

static void S_write_article(S_out *o, S_rng *r, const S_seed *sd, uint64_t salt, unsigned seed,
                            size_t index, size_t story, int first_day, int day)
{
    static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0, d = day;
    while (month < 11 && d >= month_days[month]) {
        d -= month_days[month];
        month++;
    }
    char outlet[32], id[48], date[32], head[256];
    snprintf(outlet, sizeof outlet, "news%03u.example", (unsigned)S_below(r, 600));
    snprintf(id, sizeof id, "gen-%u-%09zu", seed, index);
    snprintf(date, sizeof date, "2025-%02d-%02d", month + 1, d + 1);
    uint32_t k = S_below(r, 100);
    int kind = k < 50 ? 0 : k < 85 ? 1 : 2;
    S_style st = S_styles()[kind];
    if (S_below(r, 5) == 0)
        st.p_num = S_prob(0.4);
    int n =
        snprintf(head, sizeof head,
                 "{\"id\":\"%s\",\"story\":\"gs-%u-%zu\",\"kind\":\"%s\",\"source\":\"%s\","
                 "\"url\":\"https://%s/2025/%02d/%02d/%s\",\"date\":\"%s\",\"title\":\"",
                 id, seed, story, S_kind_name[kind], outlet, outlet, month + 1, d + 1, id, date);
    S_put(o, head, (size_t)n);
    S_n_named = 0;
    S_put_segs(o, r, sd->title_begin, sd->title_end, &st, salt);
    S_puts(o, "\",\"text\":\"");

    uint32_t junk_lines = S_below(r, 4);
    uint32_t nunits = sd->unit_end - sd->unit_begin;
    int after_break = 1; /* a dropped one-sentence paragraph must not leave two breaks in a row */
    for (uint32_t u = sd->unit_begin; u < sd->unit_end; u++) {
        const S_unit *un = &S_units[u];
        if (un->brk) {
            if (after_break)
                continue;
            after_break = 1;
            S_put_segs(o, r, un->begin, un->end, &st, salt);
            if (junk_lines && S_below(r, nunits) < 2 * junk_lines) {
                S_put_junk(o, S_junk_line[S_below(r, (uint32_t)S_njunk_line)], outlet);
                S_puts(o, "\\n\\n");
                junk_lines--;
            }
            continue;
        }
        if (u != sd->unit_begin && S_chance(r, st.p_drop))
            continue;
        after_break = 0;
        S_put_segs(o, r, un->begin, un->end, &st, salt);
        if (S_chance(r, st.p_dup)) {
            if (o->len && o->p[o->len - 1] != ' ')
                S_puts(o, " ");
            S_put_segs(o, r, un->begin, un->end, &st, salt);
        }
    }
    uint32_t tails = S_below(r, 3);
    for (uint32_t t = 0; t < tails && S_njunk_tail; t++) {
        S_puts(o, "\\n\\n");
        S_put_junk(o, S_junk_tail[S_below(r, (uint32_t)S_njunk_tail)], outlet);
    }
    if (S_below(r, 10) == 0 && S_njunk_header && S_njunk_comment) {
        uint32_t comments = 1 + S_below(r, 6);
        const char *hdr = S_junk_header[S_below(r, (uint32_t)S_njunk_header)];
        const char *count = strstr(hdr, "%d"); /* the data is not a format string */
        S_puts(o, "\\n\\n");
        if (count) {
            S_put(o, hdr, (size_t)(count - hdr));
            S_put_number(o, comments, 0);
            S_puts(o, count + 2);
        } else {
            S_puts(o, hdr);
        }
        for (uint32_t c = 0; c < comments; c++) {
            S_puts(o, "\\n\\n");
            S_puts(o, S_junk_comment[S_below(r, (uint32_t)S_njunk_comment)]);
        }
    }
    S_puts(o, "\"}\n");
    if (S_events) {
        fprintf(S_events, "%s\tgs-%u-%zu\t%016llx\t%d\t%016llx\t", id, seed, story,
                (unsigned long long)sd->incident, first_day, (unsigned long long)salt);
        for (size_t q = 0; q < S_n_named; q++)
            fprintf(S_events, "%s%08x", q ? "," : "", S_named[q]);
        fputc('\n', S_events);
    }
}

static int S_cmp_incident(const void *a, const void *b)
{
    const S_seed *x = *(const S_seed *const *)a, *y = *(const S_seed *const *)b;
    return x->incident < y->incident ? -1 : x->incident > y->incident;
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: the machine may be shared, wall time alone misleads */
static double S_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 6) {
        fprintf(stderr, "usage: gen_corpus INPUT.jsonl|- N OUT.jsonl|- [SEED [EVENTS.tsv]]\n"
                        "  INPUT - = $CONCORD_SOURCE_DIR/../shared/data/gva-dev/articles.jsonl\n");
        return 2;
    }
    char defpath[4096];
    const char *input = argv[1];
    if (!strcmp(input, "-")) {
        /* the source tree's sibling ../shared, seen from the tree or from a build folder in it */
        const char *dir = getenv("CONCORD_SOURCE_DIR");
        const char *const rel[] = {"../shared/data/gva-dev/articles.jsonl",
                                   "../../shared/data/gva-dev/articles.jsonl"};
        for (size_t k = 0; k < (dir ? 1u : 2u); k++) {
            snprintf(defpath, sizeof defpath, "%s%s%s", dir ? dir : "", dir ? "/" : "", rel[k]);
            if (access(defpath, R_OK) == 0)
                break;
        }
        input = defpath;
    }
    char *end;
    errno = 0;
    unsigned long long want = strtoull(argv[2], &end, 10);
    if (errno || *end || argv[2][0] == '-') {
        fprintf(stderr, "gen_corpus: N must be a number of articles, not '%s'\n", argv[2]);
        return 2;
    }
    unsigned seed = argc >= 5 ? (unsigned)strtoul(argv[4], NULL, 10) : 1u;
    if (argc == 6 && !(S_events = fopen(argv[5], "w"))) {
        fprintf(stderr, "gen_corpus: %s: %s\n", argv[5], strerror(errno));
        return 1;
    }
    int to_stdout = !strcmp(argv[3], "-");
    FILE *out = to_stdout ? stdout : fopen(argv[3], "wb");
    if (!out) {
        fprintf(stderr, "gen_corpus: %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    FILE *report = to_stdout ? stderr : stdout;

    double t0 = S_now();
    S_load_tables();
    size_t nseeds = 0;
    S_seed *seeds = S_load_seeds(input, &nseeds);
    if (!seeds || nseeds == 0) {
        fprintf(stderr, "gen_corpus: no usable seed articles in %s\n", input);
        if (!to_stdout)
            fclose(out);
        free(seeds);
        S_free_all();
        return 1;
    }
    /* incidents: seed pointers sorted by incident; for each seed, its group */
    S_seed **by_incident = concord_xmalloc(nseeds * sizeof *by_incident);
    for (size_t i = 0; i < nseeds; i++)
        by_incident[i] = &seeds[i];
    qsort(by_incident, nseeds, sizeof *by_incident, S_cmp_incident);
    size_t *group_begin = concord_xmalloc(nseeds * sizeof *group_begin);
    size_t *group_size = concord_xmalloc(nseeds * sizeof *group_size);
    for (size_t i = 0; i < nseeds;) {
        size_t j = i;
        while (j < nseeds && by_incident[j]->incident == by_incident[i]->incident)
            j++;
        for (size_t k = i; k < j; k++) {
            group_begin[k] = i;
            group_size[k] = j - i;
        }
        i = j;
    }
    double t1 = S_now(), c1 = S_cpu();

    S_rng rng;
    S_rng_seed(&rng, seed);
    S_out buf = {0};
    size_t written = 0, stories = 0;
    uint64_t bytes = 0;
    int failed = 0;
    while (written < want && !failed) {
        uint64_t u = S_next(&rng) >> 11;
        double x = (double)u / 9007199254740992.0;
        size_t size =
            1 + (size_t)(15.0 * x * x * x); /* 1-15, about 4.5 on average, 40% singletons */
        if (size > want - written)
            size = (size_t)(want - written);
        size_t pick = S_below(&rng, (uint32_t)nseeds);
        size_t gb = group_begin[pick], gs = group_size[pick];
        uint64_t salt = S_next(&rng);
        int day = (int)S_below(&rng, 362);
        for (size_t a = 0; a < size; a++) {
            const S_seed *sd = by_incident[gb + S_below(&rng, (uint32_t)gs)];
            S_write_article(&buf, &rng, sd, salt, seed, written, stories, day,
                            day + (int)S_below(&rng, 4));
            written++;
        }
        stories++;
        if (buf.len >= (4u << 20)) {
            if (fwrite(buf.p, 1, buf.len, out) != buf.len)
                failed = 1;
            bytes += buf.len;
            buf.len = 0;
        }
    }
    if (!failed && buf.len && fwrite(buf.p, 1, buf.len, out) != buf.len)
        failed = 1;
    bytes += buf.len;
    if ((to_stdout ? fflush(out) : fclose(out)) != 0)
        failed = 1;
    if (S_events && fclose(S_events) != 0)
        failed = 1;
    if (failed) {
        fprintf(stderr, "gen_corpus: writing %s: %s\n", argv[3], strerror(errno));
        free(buf.p);
        free(group_begin);
        free(group_size);
        free(by_incident);
        free(seeds);
        S_free_all();
        return 1;
    }
    double t2 = S_now(), c2 = S_cpu();
    double mb = (double)bytes / 1e6, wall = t2 - t1 > 1e-9 ? t2 - t1 : 1e-9,
           cpu = c2 - c1 > 1e-9 ? c2 - c1 : 1e-9;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(
        report,
        "gen_corpus: %zu seeds (%zu segments) loaded in %.2f s; wrote %zu articles in %zu stories, "
        "%.1f MB in %.2f s wall / %.2f s cpu (%.0f MB/s wall, %.0f MB/s cpu, %.0f articles/s); "
        "peak memory %ld MB\n",
        nseeds, S_nsegs, t1 - t0, written, stories, mb, wall, cpu, mb / wall, mb / cpu,
        (double)written / wall, ru.ru_maxrss / 1024);
    free(buf.p);
    free(group_begin);
    free(group_size);
    free(by_incident);
    free(seeds);
    S_free_all();
    return 0;
}
