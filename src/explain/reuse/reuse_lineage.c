/* reuse_lineage.c: the reuse explain module: candidate pairs of a story,
 * relation and direction per pair, credits and JSON (the family tree view
 * is src/render/term/lineage_view.c). */
#include "reuse_internal.h"
#include "common/base_internal.h"
#include "common/jsonw_internal.h"
#include "common/sort_internal.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "reuse_credits.inc"
#include "reuse_stage.inc"
#include "wire_credits.inc"

/* qsort that accepts an empty (possibly NULL) array. */
static void S_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

/* Candidate generation: postings read per bigram (earliest members first),
 * candidates kept per member, and bigrams two members must share. */
#define S_POSTINGS 32
#define S_CANDIDATES 8
#define S_MIN_SHARED 3
#define S_LARGE_STORY 256
/* Relation thresholds (see concord/reuse.h). */
#define S_COPY_VERBATIM 0.8      /* verbatim share of passages for "copy" */
#define S_MAIN_SHARE 0.4         /* derived share for copy / rewrite */
#define S_REWRITE_SIMILARITY 0.7 /* passage similarity for "rewrite" */
/* Exact 4-word runs a rewrite keeps: two reports written independently
 * from one police statement share facts and quotes but few other runs. */
#define S_REWRITE_VERBATIM 0.55
#define S_MIN_LINK_WORDS 25 /* words in passages for any relation */
#define S_LOOSE_REWRITE                                                                            \
    0.85           /* undirected rewrites below this similarity are shared-source
                                 (set on tests/data/reuse_judgements.tsv) */
#define S_BULK 0.5 /* share of one text in passages for copy / rewrite */
/* A contained text: share of it in exact runs (contained x verbatim); set on
 * the fresh-ecb judged sample, checked on val-ecb (tests/data/reuse_judgements.tsv) */
#define S_CONTAINED_EXACT 0.5
#define S_CONTAINED 0.6 /* a text this much inside the other is a copy (or rewrite) of it */
#define S_MIN_LINK_SHARE                                                                           \
    0.2 /* shared-source links where neither text has this share in
                                 passages are not written (unless one is spun):
                                 independent short texts share at most 11%
                                 (bench_reuse short) */
#define S_CONTAINMENT_GAP 0.1
/* Spinning: broken sentences needed, and per sentence. */
#define S_SPIN_MIN 2
/* A credit that names the text's own outlet within its first bytes is its
 * dateline or lead ("LORVIK, March 3 (MPA) -", "(CNN) -", "told Reuters"). */
#define S_SELF_LEAD 200
#define S_SPIN_RATE 0.04
/* Bytes before "reported" searched for the outlet name. */
#define S_NAME_WINDOW 160

const char *concord_reuse_kind_name(concord_reuse_kind k)
{
    switch (k) {
        case CONCORD_REUSE_COPY: return "copy";
        case CONCORD_REUSE_REWRITE: return "rewrite";
        case CONCORD_REUSE_SHARED_SOURCE: return "shared-source";
        default: return "none";
    }
}

/* ---- credit lexicon ----------------------------------------------------- */

typedef struct S_outlet {
    char *name;
    char **hosts;
    size_t n_hosts;
} S_outlet;

typedef struct S_spelling {
    char *text;
    size_t outlet;
} S_spelling;

static struct {
    S_outlet *outlets;
    size_t n_outlets;
    S_spelling *spellings; /* sorted by text */
    size_t n_spellings;
    pcre2_code *re;          /* patterns opening with literal words */
    pcre2_code *re_line;     /* patterns opening at a line start */
    pcre2_code *re_suffix;   /* what follows the name in "{N} reported" patterns */
    pcre2_code *re_name_end; /* a name ending at the end of the subject */
    char **stage_phrases;    /* data/reuse_stage.txt, lowercase */
    unsigned char *stage_levels;
    size_t n_stage;
} S_lex;
static pthread_once_t S_lex_once = PTHREAD_ONCE_INIT;

static int S_cmp_spelling(const void *x, const void *y)
{
    return strcmp(((const S_spelling *)x)->text, ((const S_spelling *)y)->text);
}

/* Splits s at sep into fresh strings. */
static size_t S_split(const char *s, size_t len, char sep, char ***out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    size_t start = 0;
    for (size_t k = 0; k <= len; k++) {
        if (k < len && s[k] != sep)
            continue;
        if (k > start) {
            CONCORD_GROW(*out, cap, n + 1);
            (*out)[n++] = concord_xstrndup(s + start, k - start);
        }
        start = k + 1;
    }
    return n;
}

static void S_escape_re(concord_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ') {
            concord_buf_adds(b, "\\h+"); /* any space, NBSP included (UCP) */
            continue;
        }
        if (strchr("\\^$.|?*+()[]{}", *s))
            concord_buf_addc(b, '\\');
        concord_buf_addc(b, *s);
    }
}

static pcre2_code *S_compile(const concord_buf *b)
{
    int err;
    PCRE2_SIZE err_off;
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)b->data, b->len, PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err,
                      &err_off, NULL);
    if (!code) {
        /* an internal invariant, not bad input: the patterns are built from
         * lexicons compiled into the library, so every run would fail the
         * same way; abort as on out-of-memory (the unit tests catch it) */
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        concord__fatal("data/reuse_credits.txt: pattern error at %zu: %s", (size_t)err_off,
                       (const char *)msg);
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* optional speed-up */
    return code;
}

/* Over 100 lines, not split yet: the credit patterns are gathered into one
 * regex, extra spellings added, then compiled with a start-character set;
 * the step comments are the seams. */
static void S_lex_load(void)
{
    size_t cap_sp = 0;
    S_lex.stage_phrases = concord_xcalloc(reuse_stage_count + 1, sizeof *S_lex.stage_phrases);
    S_lex.stage_levels = concord_xcalloc(reuse_stage_count + 1, 1);
    for (size_t k = 0; k < reuse_stage_count; k++) {
        const char *line = reuse_stage_lines[k], *tab = strchr(line, '\t');
        if (!tab || tab == line || !tab[1])
            continue;
        char *ph = concord_xstrdup(tab + 1);
        for (char *c = ph; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
        S_lex.stage_levels[S_lex.n_stage] = (unsigned char)atoi(line);
        S_lex.stage_phrases[S_lex.n_stage++] = ph;
    }
    S_lex.outlets = concord_xcalloc(wire_credits_count + 1, sizeof *S_lex.outlets);
    for (size_t k = 0; k < wire_credits_count; k++) {
        char **f;
        const char *line = wire_credits_lines[k];
        size_t nf = S_split(line, strlen(line), '\t', &f);
        if (nf < 2) {
            for (size_t q = 0; q < nf; q++)
                free(f[q]);
            free(f);
            continue;
        }
        S_outlet *o = &S_lex.outlets[S_lex.n_outlets];
        o->name = f[0];
        char **sp;
        size_t nsp = S_split(f[1], strlen(f[1]), '|', &sp);
        for (size_t q = 0; q < nsp; q++) {
            CONCORD_GROW(S_lex.spellings, cap_sp, S_lex.n_spellings + 1);
            S_lex.spellings[S_lex.n_spellings++] = (S_spelling){sp[q], S_lex.n_outlets};
        }
        free(sp);
        if (nf >= 3)
            o->n_hosts = S_split(f[2], strlen(f[2]), '|', &o->hosts);
        for (size_t q = 1; q < nf; q++)
            free(f[q]);
        free(f);
        S_lex.n_outlets++;
    }
    S_sort(S_lex.spellings, S_lex.n_spellings, sizeof *S_lex.spellings, S_cmp_spelling);

    /* one regex: every credit pattern an alternative; each {N} one capture group */
    concord_buf name_re, re;
    concord_buf_init(&name_re);
    concord_buf_init(&re);
    /* spellings the generic capitalized-name branch would miss ("dpa") */
    concord_buf_adds(&name_re, "(?<![\\p{L}\\p{N}])(");
    int any_lower = 0;
    for (size_t k = 0; k < S_lex.n_spellings; k++) {
        const char *sp = S_lex.spellings[k].text;
        if (!(sp[0] >= 'a' && sp[0] <= 'z') || strncmp(sp, "the ", 4) == 0)
            continue;
        concord_buf_adds(&name_re, any_lower ? "|" : "(?:");
        S_escape_re(&name_re, sp);
        any_lower = 1;
    }
    if (any_lower)
        concord_buf_adds(&name_re, ")(?![\\p{L}\\p{N}])|");
    concord_buf_adds(
        &name_re, "(?>\\p{Lu}[\\p{L}\\p{N}&'\\x{2019}.-]*+"
                  "(?:\\h+(?:(?:of|the|de|for)\\h+)?\\p{Lu}[\\p{L}\\p{N}&'\\x{2019}.-]*+){0,4}))");
    /* Patterns that open with the name ("{N} reported") would try the name
     * branch at every capital letter; they are found backwards instead: the
     * words after the name first (re_suffix), then the name that ends there
     * (re_name_end).  The other patterns open with literal words (re). */
    concord_buf suffix, name_end;
    concord_buf_init(&suffix);
    concord_buf_init(&name_end);
    concord_buf line;
    concord_buf_init(&line);
    /* each regex opens with a known set of characters, so PCRE2 skips
     * ahead fast: patterns at a line start go apart, and the words after
     * a name are found behind a space rather than from the space */
    concord_buf_adds(&re, "(?m)");
    concord_buf_adds(&line, "(?m)");
    concord_buf_adds(&suffix, "(?m)(?<=\\h)(?:");
    int n_re = 0, n_suffix = 0, n_line = 0;
    for (size_t k = 0; k < reuse_credits_count; k++) {
        const char *pat = reuse_credits_lines[k];
        int lead = strncmp(pat, "{N}", 3) == 0 && !strstr(pat + 3, "{N}");
        int at_line = pat[0] == '^';
        concord_buf *dst = lead ? &suffix : at_line ? &line : &re;
        if ((lead ? n_suffix++ : at_line ? n_line++ : n_re++) > 0)
            concord_buf_addc(dst, '|');
        concord_buf_adds(dst, "(?:");
        if (lead) {
            pat += 3;
            while (*pat == ' ')
                pat++;
        }
        for (; *pat; pat++) {
            if (strncmp(pat, "{N}", 3) == 0) {
                concord_buf_add(dst, name_re.data, name_re.len);
                pat += 2;
            } else if (*pat == ' ') {
                concord_buf_adds(dst, "\\h+");
            } else {
                concord_buf_addc(dst, *pat);
            }
        }
        concord_buf_addc(dst, ')');
    }
    if (n_re == 0)
        concord_buf_adds(&re, "(*FAIL)");
    concord_buf_adds(&suffix, n_suffix ? ")" : "(*FAIL))");
    if (n_line == 0)
        concord_buf_adds(&line, "(*FAIL)");
    concord_buf_add(&name_end, name_re.data, name_re.len);
    concord_buf_adds(&name_end, "\\z");
    S_lex.re = S_compile(&re);
    S_lex.re_suffix = S_compile(&suffix);
    S_lex.re_line = S_compile(&line);
    concord_buf_free(&line);
    S_lex.re_name_end = S_compile(&name_end);
    concord_buf_free(&name_re);
    concord_buf_free(&re);
    concord_buf_free(&suffix);
    concord_buf_free(&name_end);
}

/* Copies name into out (cap bytes) with whitespace runs (NBSP included) as
 * one space and trailing punctuation dropped; returns the length. */
static size_t S_norm_name(const char *name, size_t name_len, char *out, size_t cap)
{
    size_t len = 0;
    for (size_t k = 0; k < name_len && len + 1 < cap;) {
        size_t adv = 1;
        int space = name[k] == ' ' || name[k] == '\n' || name[k] == '\t' || name[k] == '\r';
        if (!space && k + 1 < name_len && (unsigned char)name[k] == 0xC2 &&
            (unsigned char)name[k + 1] == 0xA0) {
            space = 1;
            adv = 2;
        }
        if (space) {
            if (len && out[len - 1] != ' ')
                out[len++] = ' ';
        } else {
            out[len++] = name[k];
        }
        k += adv;
    }
    while (len && strchr(".,;:' ", out[len - 1]) != NULL)
        len--;
    out[len] = '\0';
    return len;
}

/* Outlet index of a normalized name (with or without a leading "the"), or -1. */
static long S_lookup_outlet(const char *s, size_t len)
{
    char tmp[128];
    while (len && strchr(".,;:'", s[len - 1]) != NULL)
        len--;
    if (len == 0 || len >= sizeof tmp)
        return -1;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    S_spelling key = {tmp, 0};
    const S_spelling *hit =
        bsearch(&key, S_lex.spellings, S_lex.n_spellings, sizeof *S_lex.spellings, S_cmp_spelling);
    if (!hit && len > 4 && (strncmp(tmp, "The ", 4) == 0 || strncmp(tmp, "the ", 4) == 0)) {
        key.text = tmp + 4;
        hit = bsearch(&key, S_lex.spellings, S_lex.n_spellings, sizeof *S_lex.spellings,
                      S_cmp_spelling);
    }
    return hit ? (long)hit->outlet : -1;
}

/* Lowercase ASCII letters and digits of a name, without a leading "the". */
static void S_compact(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    if (len > 4 && (strncmp(s, "The ", 4) == 0 || strncmp(s, "the ", 4) == 0)) {
        s += 4;
        len -= 4;
    }
    for (size_t k = 0; k < len && n + 1 < cap; k++) {
        char c = s[k];
        if (c >= 'A' && c <= 'Z')
            out[n++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[n++] = c;
    }
    out[n] = '\0';
}

/* 1 when the outlet named name (compacted) or lexicon outlet o is member m's outlet. */
static int S_names_member(const char *compact, long o, const concord_member *m)
{
    const char *host = m->article->source;
    if (!host || !*host)
        return 0;
    if (o >= 0) {
        const S_outlet *out = &S_lex.outlets[o];
        size_t hl = strlen(host);
        for (size_t k = 0; k < out->n_hosts; k++) {
            size_t l = strlen(out->hosts[k]);
            if (hl >= l && strcmp(host + hl - l, out->hosts[k]) == 0 &&
                (hl == l || host[hl - l - 1] == '.'))
                return 1;
        }
    }
    if (strlen(compact) < 3)
        return 0;
    /* compare with each host label but the last (the TLD) */
    const char *p = host;
    for (;;) {
        const char *dot = strchr(p, '.');
        if (!dot)
            break;
        char label[128];
        S_compact(p, (size_t)(dot - p), label, sizeof label);
        if (strcmp(label, compact) == 0)
            return 1;
        p = dot + 1;
    }
    if (m->clean && m->clean->outlet && *m->clean->outlet) {
        char own[128];
        S_compact(m->clean->outlet, strlen(m->clean->outlet), own, sizeof own);
        if (strcmp(own, compact) == 0)
            return 1;
    }
    return 0;
}

/* Initials of the capitalized words of an outlet name, lowercase
 * ("Meridian Press Agency" -> "mpa", "Agence France-Presse" -> "afp");
 * "" for a one-word name. */
static void S_acronym(const char *name, char *out, size_t cap)
{
    size_t n = 0, words = 0;
    for (const char *p = name; *p && n + 1 < cap;) {
        while (*p == ' ' || *p == '-')
            p++;
        if (!*p)
            break;
        if (*p >= 'A' && *p <= 'Z' && !(words == 0 && strncmp(p, "The ", 4) == 0)) {
            out[n++] = (char)(*p + 32);
            words++;
        }
        while (*p && *p != ' ' && *p != '-')
            p++;
    }
    out[words >= 2 ? n : 0] = '\0';
}

/* 1 when the name (compacted) or lexicon outlet o is member m's own outlet:
 * its host, its self-mention, its outlet name, that name's initials, or a
 * label of its url's host. */
static int S_self_named(const char *compact, long o, const concord_member *m)
{
    if (S_names_member(compact, o, m))
        return 1;
    const char *src = m->article->source;
    char own[128];
    if (src && *src && !strchr(src, '.')) {
        S_compact(src, strlen(src), own, sizeof own);
        if (*compact && strcmp(own, compact) == 0)
            return 1;
        if (o >= 0) {
            char canon[128];
            S_compact(S_lex.outlets[o].name, strlen(S_lex.outlets[o].name), canon, sizeof canon);
            if (strcmp(own, canon) == 0)
                return 1;
        }
        S_acronym(src, own, sizeof own);
        if (*own && strcmp(own, compact) == 0)
            return 1;
    }
    const char *url = m->article->url;
    const char *host = url ? strstr(url, "://") : NULL;
    if (host && strlen(compact) >= 3) {
        host += 3;
        const char *end = host + strcspn(host, "/:?#");
        for (const char *p = host, *dot; p < end && (dot = memchr(p, '.', (size_t)(end - p)));
             p = dot + 1) {
            char label[128];
            S_compact(p, (size_t)(dot - p), label, sizeof label);
            if (strcmp(label, compact) == 0)
                return 1;
        }
    }
    return 0;
}

/* Which members an outlet name points at, built once per story so that
 * resolving a credit costs a look-up, not a pass over thousands of members. */
typedef struct S_key {
    uint64_t hash; /* of a compacted host label or self-named outlet */
    uint32_t member;
} S_key;

typedef struct S_outlet_index {
    S_key *keys; /* sorted by (hash, member) */
    size_t n_keys;
    long *first, *second; /* per lexicon outlet: first two members on its hosts */
} S_outlet_index;

static int S_cmp_key(const void *x, const void *y)
{
    const S_key *a = x, *b = y;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return (a->member > b->member) - (a->member < b->member);
}

static long S_host_outlet(const char *host)
{
    size_t hl = strlen(host);
    for (size_t o = 0; o < S_lex.n_outlets; o++) {
        const S_outlet *out = &S_lex.outlets[o];
        for (size_t k = 0; k < out->n_hosts; k++) {
            size_t l = strlen(out->hosts[k]);
            if (hl >= l && strcmp(host + hl - l, out->hosts[k]) == 0 &&
                (hl == l || host[hl - l - 1] == '.'))
                return (long)o;
        }
    }
    return -1;
}

static void S_index_build(S_outlet_index *ix, const concord_member *m, size_t n)
{
    size_t cap = 0;
    memset(ix, 0, sizeof *ix);
    ix->first = concord_xmalloc((S_lex.n_outlets + 1) * sizeof *ix->first);
    ix->second = concord_xmalloc((S_lex.n_outlets + 1) * sizeof *ix->second);
    for (size_t o = 0; o <= S_lex.n_outlets; o++)
        ix->first[o] = ix->second[o] = -1;
    for (size_t j = 0; j < n; j++) {
        const char *host = m[j].article->source;
        if (host && *host) {
            long o = S_host_outlet(host);
            if (o >= 0) {
                if (ix->first[o] < 0)
                    ix->first[o] = (long)j;
                else if (ix->second[o] < 0)
                    ix->second[o] = (long)j;
            }
            for (const char *p = host, *dot; (dot = strchr(p, '.')) != NULL; p = dot + 1) {
                char label[128];
                S_compact(p, (size_t)(dot - p), label, sizeof label);
                if (strlen(label) < 3)
                    continue;
                CONCORD_GROW(ix->keys, cap, ix->n_keys + 1);
                ix->keys[ix->n_keys++] =
                    (S_key){concord_hash(label, strlen(label), 0), (uint32_t)j};
            }
        }
        if (host && *host && !strchr(host, '.')) {
            /* an outlet named, not a host: its initials ("(MPA)") name it too */
            char ini[64];
            S_acronym(host, ini, sizeof ini);
            if (strlen(ini) >= 3) {
                CONCORD_GROW(ix->keys, cap, ix->n_keys + 1);
                ix->keys[ix->n_keys++] = (S_key){concord_hash(ini, strlen(ini), 0), (uint32_t)j};
            }
        }
        const char *own = m[j].clean ? m[j].clean->outlet : NULL;
        if (own && *own) {
            char c[128];
            S_compact(own, strlen(own), c, sizeof c);
            if (strlen(c) >= 3) {
                CONCORD_GROW(ix->keys, cap, ix->n_keys + 1);
                ix->keys[ix->n_keys++] = (S_key){concord_hash(c, strlen(c), 0), (uint32_t)j};
            }
        }
    }
    S_sort(ix->keys, ix->n_keys, sizeof *ix->keys, S_cmp_key);
}

static void S_index_free(S_outlet_index *ix)
{
    free(ix->keys);
    free(ix->first);
    free(ix->second);
}

/* Earliest member other than i that the name (compacted) or lexicon outlet o
 * names, or -1. */
static long S_index_find(const S_outlet_index *ix, const char *compact, long o, size_t i)
{
    long best = -1;
    if (o >= 0) {
        long f = ix->first[o] == (long)i ? ix->second[o] : ix->first[o];
        if (f >= 0)
            best = f;
    }
    size_t cl = strlen(compact);
    if (cl >= 3 && ix->n_keys) {
        uint64_t h = concord_hash(compact, cl, 0);
        size_t lo = 0, hi = ix->n_keys;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ix->keys[mid].hash < h)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < ix->n_keys && ix->keys[k].hash == h; k++) {
            if (ix->keys[k].member != i) {
                if (best < 0 || (long)ix->keys[k].member < best)
                    best = (long)ix->keys[k].member;
                break;
            }
        }
    }
    return best;
}

static void S_add_credit(concord_reuse *r, size_t *cap, size_t member, const char *name, uint32_t s,
                         uint32_t e, long source_member)
{
    /* credits are added member by member: only this member's are checked */
    for (size_t k = r->n_credits; k > 0 && r->credits[k - 1].member == member; k--) {
        const concord_credit *c = &r->credits[k - 1];
        if (c->source_member == source_member && (source_member >= 0 || strcmp(c->name, name) == 0))
            return;
    }
    CONCORD_GROW(r->credits, *cap, r->n_credits + 1);
    r->credits[r->n_credits++] = (concord_credit){member, name, s, e, source_member};
}

/* Resolves one credited name of member i: another member, an outside outlet,
 * or nothing.  A generic capitalized run may carry words before the outlet
 * ("Chicago. NBC News"): its word spans are tried, longest first; members
 * are matched on the run or its trailing spans only, lexicon outlets on any
 * span. */
static void S_resolve(concord_reuse *r, size_t *cap, const concord_member *m,
                      const S_outlet_index *ix, size_t i, const char *name, size_t name_len,
                      uint32_t s, uint32_t e, int self_ok)
{
    char norm[160];
    size_t len = S_norm_name(name, name_len, norm, sizeof norm);
    size_t starts[8], ends[8], nw = 0;
    for (size_t k = 0; k < len && nw < 8;) {
        while (k < len && norm[k] == ' ')
            k++;
        if (k >= len)
            break;
        starts[nw] = k;
        while (k < len && norm[k] != ' ')
            k++;
        ends[nw++] = k;
    }
    for (size_t width = nw; width >= 1; width--) {
        for (size_t w0 = 0; w0 + width <= nw; w0++) {
            const char *cand = norm + starts[w0];
            size_t cl = ends[w0 + width - 1] - starts[w0];
            long o = S_lookup_outlet(cand, cl);
            int trailing = w0 + width == nw;
            if (o < 0 && !trailing)
                continue;
            char compact[128];
            S_compact(cand, cl, compact, sizeof compact);
            if (S_self_named(compact, o, &m[i])) {
                if (self_ok) /* "LORVIK, March 3 (MPA) -" in MPA's own report */
                    r->self_credit[i] = 1;
                return; /* a self-mention */
            }
            long j = S_index_find(ix, compact, o, i);
            if (j >= 0) {
                S_add_credit(r, cap, i, o >= 0 ? S_lex.outlets[o].name : m[j].article->source, s, e,
                             j);
                return;
            }
            if (o >= 0) {
                S_add_credit(r, cap, i, S_lex.outlets[o].name, s, e, -1);
                return;
            }
        }
    }
}

/* Credits in text[0..len) of member i; offsets are kept only when the text
 * is the member's clean text (with_offsets). */
static void S_scan_credits(concord_reuse *r, size_t *cap, const concord_member *m,
                           const S_outlet_index *ix, size_t i, const char *text, size_t len,
                           int with_offsets, size_t self_zone, pcre2_match_data *md,
                           pcre2_match_data *md2, pcre2_match_context *mc)
{
    pcre2_code *const codes[2] = {S_lex.re, S_lex.re_line};
    PCRE2_SIZE at = 0;
    for (int c = 0; c < 2; c++)
        for (at = 0; codes[c] && at < len;) {
            int rc = pcre2_match(codes[c], (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK, md, mc);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0) {
                /* match limit on a pathological line: go on after it */
                const char *nl = memchr(text + at, '\n', len - at);
                if (!nl)
                    break;
                at = (PCRE2_SIZE)(nl - text) + 1;
                continue;
            }
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            uint32_t count = rc > 0 ? (uint32_t)rc : 0; /* groups after rc are not set */
            uint32_t s = with_offsets ? (uint32_t)ov[0] : 0, e = with_offsets ? (uint32_t)ov[1] : 0;
            while (e > s && strchr(".,;:", text[e - 1]) != NULL)
                e--; /* "according to Reuters." */
            int named = 0;
            for (uint32_t g = 1; g < count; g++) {
                if (ov[2 * g] == PCRE2_UNSET)
                    continue;
                S_resolve(r, cap, m, ix, i, text + ov[2 * g], ov[2 * g + 1] - ov[2 * g], s, e,
                          ov[0] < self_zone);
                named = 1;
                break;
            }
            if (!named)
                S_add_credit(r, cap, i, "unnamed", s, e, -1);
            at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
                at++;
        }
    /* "{N} reported": the words after the name, then the name before them */
    at = 0;
    while (S_lex.re_suffix && S_lex.re_name_end && at < len) {
        int rc =
            pcre2_match(S_lex.re_suffix, (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK, md, mc);
        if (rc < 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        PCRE2_SIZE hs = ov[0], he = ov[1];
        at = he > hs ? he : hs + 1;
        while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
            at++;
        /* back over the spaces (NBSP too) between the name and the words */
        while (hs > 0 && (text[hs - 1] == ' ' || text[hs - 1] == '\t' ||
                          (hs > 1 && (unsigned char)text[hs - 2] == 0xC2 &&
                           (unsigned char)text[hs - 1] == 0xA0)))
            hs -= text[hs - 1] == ' ' || text[hs - 1] == '\t' ? 1 : 2;
        PCRE2_SIZE ws = hs > S_NAME_WINDOW ? hs - S_NAME_WINDOW : 0;
        while (ws < hs && ((unsigned char)text[ws] & 0xC0) == 0x80)
            ws++;
        if (pcre2_match(S_lex.re_name_end, (PCRE2_SPTR)text, hs, ws, PCRE2_NO_UTF_CHECK, md2, mc) <
            2)
            continue; /* no name, or no name group */
        PCRE2_SIZE *nv = pcre2_get_ovector_pointer(md2);
        if (nv[2] == PCRE2_UNSET)
            continue;
        S_resolve(r, cap, m, ix, i, text + nv[2], nv[3] - nv[2], with_offsets ? (uint32_t)nv[0] : 0,
                  with_offsets ? (uint32_t)he : 0, nv[2] < self_zone);
    }
}

/* Removed ranges that may name where a text came from. */
static int S_credit_removal(const char *why)
{
    static const char *const kinds[] = {"outlet",    "dateline", "attribution-footer",
                                        "copyright", "byline",   "attribution"};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (why && strcmp(why, kinds[k]) == 0)
            return 1;
    return 0;
}

/* Removed ranges where a text names the outlet it was written by. */
static int S_self_removal(const char *why)
{
    return why && (!strcmp(why, "outlet") || !strcmp(why, "dateline") || !strcmp(why, "byline"));
}

static void S_find_credits(concord_reuse *r, const concord_member *m, size_t n)
{
    pthread_once(&S_lex_once, S_lex_load);
    size_t cap = 0;
    if (!S_lex.re)
        return;
    S_outlet_index ix;
    S_index_build(&ix, m, n);
    pcre2_match_data *md = pcre2_match_data_create(64, NULL);
    pcre2_match_data *md2 = pcre2_match_data_create(8, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mc, 1000000);
    for (size_t i = 0; i < n; i++) {
        S_scan_credits(r, &cap, m, &ix, i, m[i].clean->text, m[i].clean->len, 1, S_SELF_LEAD, md,
                       md2, mc);
        const concord_clean *c = m[i].clean;
        const concord_article *a = m[i].article;
        for (size_t k = 0; k < c->n_removed; k++) {
            const concord_removal *rm = &c->removed[k];
            if (S_credit_removal(rm->why) && rm->end <= a->text_len && rm->start < rm->end)
                S_scan_credits(r, &cap, m, &ix, i, a->text + rm->start, rm->end - rm->start, 0,
                               S_self_removal(rm->why) ? rm->end - rm->start : 0, md, md2, mc);
        }
        /* the byline the cleaner took out: "By Caravanserai and AFP" */
        const char *by = m[i].clean->byline;
        if (by && *by) {
            size_t bl = strlen(by), start = 0;
            for (size_t k = 0; k <= bl; k++) {
                int cut =
                    k == bl || by[k] == ',' || (k + 5 <= bl && strncmp(by + k, " and ", 5) == 0);
                if (!cut)
                    continue;
                size_t s = start, e = k;
                while (s < e && by[s] == ' ')
                    s++;
                if (e - s > 3 && strncmp(by + s, "By ", 3) == 0)
                    s += 3;
                char compact[128];
                S_compact(by + s, e - s, compact, sizeof compact);
                long o = S_lookup_outlet(by + s, e - s);
                if (S_self_named(compact, o, &m[i]))
                    r->self_credit[i] = 1; /* "By Meridian Press Agency staff" */
                else if (o >= 0) {
                    long src = S_index_find(&ix, compact, o, i);
                    S_add_credit(r, &cap, i, S_lex.outlets[o].name, 0, 0, src);
                }
                start = k + (k < bl && by[k] == ' ' ? 5 : 1);
            }
        }
    }
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    pcre2_match_data_free(md2);
    S_index_free(&ix);
}

/* ---- candidates --------------------------------------------------------- */

typedef struct S_post {
    uint64_t hash;
    uint32_t member;
} S_post;

/* (hash, member): a total order (a member posts each distinct bigram once) */
#define S_POST_LESS(x, y)                                                                          \
    ((x)->hash < (y)->hash || ((x)->hash == (y)->hash && (x)->member < (y)->member))
CONCORD__SORT_DEFINE(S_sort_posts, S_post, S_POST_LESS)

typedef struct S_cand {
    uint32_t a, b, shared;
} S_cand;

/* (a, b); equal pairs differ only in `shared`, which is not read after the
 * duplicates are dropped */
#define S_CAND_LESS(x, y) ((x)->a < (y)->a || ((x)->a == (y)->a && (x)->b < (y)->b))
CONCORD__SORT_DEFINE(S_sort_cands, S_cand, S_CAND_LESS)
/* shared (descending), then b: a total order, the candidates of one
 * member have distinct b */
#define S_CAND_SHARED_LESS(x, y)                                                                   \
    ((x)->shared > (y)->shared || ((x)->shared == (y)->shared && (x)->b < (y)->b))
CONCORD__SORT_DEFINE(S_sort_cands_shared, S_cand, S_CAND_SHARED_LESS)

static size_t S_candidates(const reuse_profile *pr, size_t n, unsigned max_freq, S_cand **out)
{
    S_post *post = NULL;
    size_t n_post = 0, cap_post = 0;
    for (size_t i = 0; i < n; i++) {
        const reuse_profile *p = &pr[i];
        for (size_t t = 0; t < p->n_grams; t += p->grams[t].freq) {
            if (p->grams[t].freq > max_freq)
                continue;
            CONCORD_GROW(post, cap_post, n_post + 1);
            post[n_post++] = (S_post){p->grams[t].hash, (uint32_t)i};
        }
    }
    S_sort_posts(post, n_post);
    uint32_t *count = concord_xcalloc(n + 1, sizeof *count);
    uint32_t *touched = concord_xmalloc((n + 1) * sizeof *touched);
    S_cand *cand = NULL, *mine = NULL;
    size_t n_cand = 0, cap_cand = 0, cap_mine = 0;
    for (size_t i = 0; i < n; i++) {
        const reuse_profile *p = &pr[i];
        size_t n_touched = 0;
        for (size_t t = 0; t < p->n_grams; t += p->grams[t].freq) {
            if (p->grams[t].freq > max_freq)
                continue;
            S_post key = {p->grams[t].hash, 0};
            size_t lo = 0, hi = n_post;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (S_POST_LESS(&post[mid], &key))
                    lo = mid + 1;
                else
                    hi = mid;
            }
            size_t read = 0;
            for (size_t q = lo; q < n_post && post[q].hash == key.hash && read < S_POSTINGS; q++) {
                uint32_t j = post[q].member;
                if (j == i)
                    continue;
                read++;
                if (count[j]++ == 0)
                    touched[n_touched++] = j;
            }
        }
        size_t n_mine = 0;
        for (size_t k = 0; k < n_touched; k++) {
            uint32_t j = touched[k];
            if (count[j] >= S_MIN_SHARED) {
                CONCORD_GROW(mine, cap_mine, n_mine + 1);
                mine[n_mine++] = (S_cand){(uint32_t)i, j, count[j]};
            }
            count[j] = 0;
        }
        S_sort_cands_shared(mine, n_mine);
        /* large stories (thousands of wire copies) keep fewer links each */
        size_t keep = n > S_LARGE_STORY ? S_CANDIDATES / 2 : S_CANDIDATES;
        if (n_mine > keep)
            n_mine = keep;
        for (size_t k = 0; k < n_mine; k++) {
            uint32_t a = mine[k].a < mine[k].b ? mine[k].a : mine[k].b;
            uint32_t b = mine[k].a < mine[k].b ? mine[k].b : mine[k].a;
            CONCORD_GROW(cand, cap_cand, n_cand + 1);
            cand[n_cand++] = (S_cand){a, b, mine[k].shared};
        }
    }
    S_sort_cands(cand, n_cand);
    size_t w = 0;
    for (size_t k = 0; k < n_cand; k++)
        if (w == 0 || cand[w - 1].a != cand[k].a || cand[w - 1].b != cand[k].b)
            cand[w++] = cand[k];
    free(post);
    free(count);
    free(touched);
    free(mine);
    *out = cand;
    return w;
}

/* ---- relation per pair ---------------------------------------------------- */

typedef struct S_iv {
    uint32_t s, e;
} S_iv;

static int S_cmp_iv(const void *x, const void *y)
{
    const S_iv *a = x, *b = y;
    return (a->s > b->s) - (a->s < b->s);
}

/* Words of d covered by the union of the passages' ranges on one side. */
static size_t S_covered(const concord_doc *d, const concord_passage *p, size_t n, int to_side)
{
    if (n == 0)
        return 0;
    S_iv *iv = concord_xmalloc(n * sizeof *iv);
    for (size_t k = 0; k < n; k++)
        iv[k] =
            to_side ? (S_iv){p[k].to_start, p[k].to_end} : (S_iv){p[k].from_start, p[k].from_end};
    S_sort(iv, n, sizeof *iv, S_cmp_iv);
    size_t words = 0;
    S_iv cur = iv[0];
    for (size_t k = 1; k <= n; k++) {
        if (k < n && iv[k].s <= cur.e) {
            if (iv[k].e > cur.e)
                cur.e = iv[k].e;
            continue;
        }
        words += concord__reuse_words_in(d, cur.s, cur.e);
        if (k < n)
            cur = iv[k];
    }
    free(iv);
    return words;
}

/* First credit of member who (credits are sorted by member). */
static size_t S_first_credit(const concord_reuse *r, size_t who)
{
    size_t lo = 0, hi = r->n_credits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->credits[mid].member < who)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static long S_credited(const concord_reuse *r, size_t who, size_t whom)
{
    for (size_t k = S_first_credit(r, who); k < r->n_credits && r->credits[k].member == who; k++)
        if (r->credits[k].source_member == (long)whom)
            return (long)k;
    return -1;
}

/* 1 when a and b credit the same outside source. */
static int S_same_external(const concord_reuse *r, size_t a, size_t b)
{
    for (size_t k = S_first_credit(r, a); k < r->n_credits && r->credits[k].member == a; k++) {
        const concord_credit *x = &r->credits[k];
        if (x->source_member >= 0 || strcmp(x->name, "unnamed") == 0)
            continue;
        for (size_t q = S_first_credit(r, b); q < r->n_credits && r->credits[q].member == b; q++) {
            const concord_credit *y = &r->credits[q];
            if (y->source_member < 0 && strcmp(x->name, y->name) == 0)
                return 1;
        }
    }
    return 0;
}

static void S_swap_sides(concord_reuse_pair *p)
{
    size_t t = p->from;
    p->from = p->to;
    p->to = t;
    double s = p->share;
    p->share = p->share_from;
    p->share_from = s;
    for (size_t k = 0; k < p->n_passages; k++) {
        concord_passage *q = &p->passages[k];
        uint32_t a = q->from_start, b = q->from_end;
        q->from_start = q->to_start;
        q->from_end = q->to_end;
        q->to_start = a;
        q->to_end = b;
    }
}

static int S_cmp_pair(const void *x, const void *y)
{
    const concord_reuse_pair *a = x, *b = y;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return (a->from > b->from) - (a->from < b->from);
}

static int S_cmp_passage_to(const void *x, const void *y)
{
    const concord_passage *a = x, *b = y;
    return (a->to_start > b->to_start) - (a->to_start < b->to_start);
}

/* First pair (sorted by to, from) whose "to" is member. */
static size_t S_first_to(const concord_reuse *r, size_t member)
{
    size_t lo = 0, hi = r->n_pairs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->pairs[mid].to < member)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Comparator context for sorting pair indices by (from, to); thread-local
 * so that stories may be explained on several threads. */
static _Thread_local const concord_reuse_pair *S_by_from_pairs;

static int S_cmp_by_from(const void *x, const void *y)
{
    const concord_reuse_pair *a = &S_by_from_pairs[*(const size_t *)x];
    const concord_reuse_pair *b = &S_by_from_pairs[*(const size_t *)y];
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    return (a->to > b->to) - (a->to < b->to);
}

/* First position in r->by_from whose pair has "from" == member. */
static size_t S_first_from(const concord_reuse *r, size_t member)
{
    size_t lo = 0, hi = r->n_pairs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->pairs[r->by_from[mid]].from < member)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the pair from -> to, or -1 (pairs sorted by to, from). */
static long S_find_pair(const concord_reuse *r, size_t from, size_t to)
{
    for (size_t k = S_first_to(r, to); k < r->n_pairs && r->pairs[k].to == to; k++) {
        if (r->pairs[k].from == from)
            return (long)k;
        if (r->pairs[k].from > from)
            break;
    }
    return -1;
}

/* ---- named sources ------------------------------------------------------ */

/* "according to the Greenville Police Department": a named source of what
 * a text reports (police, officials, a person), kept whether or not it is
 * an outlet.  Two texts that share most of their words, each crediting the
 * same named source in a part the other does not have, are two write-ups of
 * that source's statement (shared-source), not a copy of each other. */
typedef struct S_attr {
    uint32_t member;
    uint64_t hash;       /* of the name, lowercase letters and digits */
    uint32_t start, end; /* the attributed claim: the rest of the sentence */
} S_attr;

/* Sentence edges around byte at of t (a full stop, ? or ! before a space,
 * or a line break, ends a sentence). */
static size_t S_sentence_start(const char *t, size_t at)
{
    while (at > 0) {
        char c = t[at - 1];
        if (c == '\n' || (at > 1 && (c == ' ' || c == '\t') && strchr(".!?", t[at - 2])))
            break;
        at--;
    }
    return at;
}

static size_t S_sentence_end(const char *t, size_t len, size_t at)
{
    while (at < len && t[at] != '\n' &&
           !(strchr(".!?", t[at]) && (at + 1 == len || t[at + 1] == ' ' || t[at + 1] == '\n')))
        at++;
    return at;
}

static int S_cmp_attr(const void *x, const void *y)
{
    const S_attr *a = x, *b = y;
    if (a->member != b->member)
        return a->member < b->member ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

static int S_upper_at(const char *t, size_t k, size_t len)
{
    return k < len && t[k] >= 'A' && t[k] <= 'Z';
}

/* Appends the named sources of member i's text to *out. */
static void S_find_attributions(const char *t, size_t len, uint32_t i, S_attr **out, size_t *n,
                                size_t *cap)
{
    static const char cue[] = "ccording to ";
    const size_t cl = sizeof cue - 1;
    for (const char *p = t; (p = memmem(p, len - (size_t)(p - t), cue, cl)) != NULL; p += cl) {
        size_t at = (size_t)(p - t);
        if (at == 0 || (t[at - 1] != 'a' && t[at - 1] != 'A'))
            continue;
        size_t k = at + cl;
        if (k + 4 <= len && (!strncmp(t + k, "the ", 4) || !strncmp(t + k, "The ", 4)))
            k += 4;
        size_t name_s = k, name_e = k, words = 0;
        char compact[128];
        size_t clen = 0;
        /* capitalized words, with "of" or "the" between them */
        while (words < 6 && S_upper_at(t, k, len)) {
            size_t w = k;
            while (w < len && (((unsigned char)t[w] >= 0x80) || (t[w] >= 'a' && t[w] <= 'z') ||
                               (t[w] >= 'A' && t[w] <= 'Z') || (t[w] >= '0' && t[w] <= '9') ||
                               t[w] == '\'' || t[w] == '-' || t[w] == '&'))
                w++;
            for (size_t q = k; q < w && clen + 1 < sizeof compact; q++) {
                char c = t[q];
                if (c >= 'A' && c <= 'Z')
                    compact[clen++] = (char)(c + 32);
                else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                    compact[clen++] = c;
            }
            name_e = w;
            words++;
            k = w;
            if (k < len && t[k] == ' ' && S_upper_at(t, k + 1, len)) {
                k++;
                continue;
            }
            if (k + 4 < len && (!strncmp(t + k, " of ", 4) || !strncmp(t + k, " the", 4)) &&
                S_upper_at(t, k + 4 + (t[k + 1] == 't' ? 1 : 0), len)) {
                k += t[k + 1] == 't' ? 5 : 4;
                continue;
            }
            break;
        }
        if (clen < 3 || name_e == name_s)
            continue;
        /* the claim: the sentence before the cue, or after the name when the
         * cue opens the sentence ("According to police, the man ...") */
        size_t ss = S_sentence_start(t, at - 1), cs = ss, ce = at - 1;
        while (cs < ce && (t[cs] == ' ' || t[cs] == '\t'))
            cs++;
        if (ce - cs < 16) {
            cs = name_e;
            ce = S_sentence_end(t, len, name_e);
        }
        if (ce <= cs)
            continue;
        CONCORD_GROW(*out, *cap, *n + 1);
        (*out)[(*n)++] = (S_attr){i, concord_hash(compact, clen, 0), (uint32_t)cs, (uint32_t)ce};
    }
}

/* First named source of member who (sorted by member). */
static size_t S_first_attr(const S_attr *a, size_t n, size_t who)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid].member < who)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* 1 when [s, e) overlaps a passage on one side of p. */
static int S_in_passages(const concord_reuse_pair *p, int to_side, uint32_t s, uint32_t e)
{
    for (size_t k = 0; k < p->n_passages; k++) {
        const concord_passage *q = &p->passages[k];
        uint32_t ps = to_side ? q->to_start : q->from_start, pe = to_side ? q->to_end : q->from_end;
        if (s < pe && ps < e)
            return 1;
    }
    return 0;
}

/* 1 when both sides of p name the same source outside the passages. */
static int S_same_named_source(const S_attr *a, size_t n, const concord_reuse_pair *p)
{
    for (size_t x = S_first_attr(a, n, p->from); x < n && a[x].member == p->from; x++) {
        if (S_in_passages(p, 0, a[x].start, a[x].end))
            continue;
        for (size_t y = S_first_attr(a, n, p->to); y < n && a[y].member == p->to; y++)
            if (a[y].hash == a[x].hash && !S_in_passages(p, 1, a[y].start, a[y].end))
                return 1;
    }
    return 0;
}

/* ---- story stage ---------------------------------------------------------- */

static int S_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Stage of a text in the life of its story (data/reuse_stage.txt), times
 * two: 2 * the highest level among its phrases, 1 for a text with only
 * level-0 phrases, 2 for a text with none. */
static int S_stage(const char *text, size_t len)
{
    char *low = concord_xmalloc(len + 1);
    for (size_t k = 0; k < len; k++) {
        char c = text[k];
        low[k] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c == '\n' || c == '\t' ? ' ' : c;
    }
    low[len] = '\0';
    int top = 1, breaking = 0;
    for (size_t q = 0; q < S_lex.n_stage; q++) {
        const char *ph = S_lex.stage_phrases[q];
        int level = S_lex.stage_levels[q];
        if (level > 0 && level <= top)
            continue;
        size_t pl = strlen(ph);
        for (const char *at = low; (at = memmem(at, len - (size_t)(at - low), ph, pl)) != NULL;
             at++) {
            size_t k = (size_t)(at - low);
            int before = k == 0 || !S_word_byte((unsigned char)low[k - 1]);
            int after = k + pl >= len || !S_word_byte((unsigned char)ph[pl - 1]) ||
                        !S_word_byte((unsigned char)low[k + pl]);
            if (before && after) {
                if (level == 0)
                    breaking = 1;
                else
                    top = level;
                break;
            }
        }
    }
    free(low);
    return top > 1 ? 2 * top : breaking ? 1 : 2;
}

/* Stage of member i, computed on first use (stage[i] < 0). */
static int S_member_stage(const concord_member *m, int *stage, size_t i)
{
    if (stage[i] < 0)
        stage[i] = S_stage(m[i].clean->text, m[i].clean->len);
    return stage[i];
}

/* Decides from/to of a pair whose member a < b (a earlier in story order). */
static void S_direct(concord_reuse *r, const concord_member *m, int *stage, concord_reuse_pair *p,
                     int use_self)
{
    size_t a = p->from, b = p->to; /* currently a -> b */
    int b_is_source = 0;
    long ca = S_credited(r, a, b), cb = S_credited(r, b, a);
    const char *da = m[a].article->date, *db = m[b].article->date;
    if ((ca >= 0) != (cb >= 0)) {
        b_is_source = ca >= 0; /* a credits b: a is derived */
        p->direction = "credit";
    } else if (*da && *db && strcmp(da, db) != 0) {
        b_is_source = strcmp(db, da) < 0;
        p->direction = "date";
    } else if (use_self && r->self_credit[a] != r->self_credit[b]) {
        /* a text that names its own outlet in its dateline or byline is that
         * outlet's own report: the other, with no credit to it, copied it */
        b_is_source = r->self_credit[b];
        p->direction = "self-credit";
    } else if (r->spun[a] != r->spun[b]) {
        b_is_source = r->spun[a];
        p->direction = "spin";
    } else if (S_member_stage(m, stage, a) != S_member_stage(m, stage, b)) {
        /* the report further on in the story (names the dead, the charges)
         * was written after the other */
        b_is_source = stage[b] < stage[a];
        p->direction = "stage";
    } else if (p->share - p->share_from >= S_CONTAINMENT_GAP ||
               p->share_from - p->share >= S_CONTAINMENT_GAP) {
        /* the copy holds most of the source plus additions: lower coverage is derived */
        b_is_source = p->share > p->share_from; /* b more covered: b is the source */
        p->direction = "containment";
    } else {
        p->direction = "order";
    }
    if (b_is_source)
        S_swap_sides(p);
}

/* Kind of an aligned pair from its shares on each side (p->share: the
 * derived side) and the wording of its passages. */
static concord_reuse_kind S_kind(const concord_reuse_pair *p)
{
    double contained = p->share > p->share_from ? p->share : p->share_from;
    /* "most of one inside the other": a later report that repeats half
     * of an earlier one's paragraphs under its own lead shares passages
     * with it, without either holding the other's bulk */
    /* contained: passages grow to sentence edges, so a short text that
     * shares a few phrases and a quotation with a long one can be 60-95%
     * "inside" it; half of it must be inside in exact 4-word runs */
    int main_part = (p->share >= S_MAIN_SHARE && contained >= S_BULK) ||
                    (contained >= S_CONTAINED && contained * p->verbatim >= S_CONTAINED_EXACT);
    if (main_part && p->verbatim >= S_COPY_VERBATIM)
        return CONCORD_REUSE_COPY;
    else if (main_part && p->similarity >= S_REWRITE_SIMILARITY &&
             p->verbatim >= S_REWRITE_VERBATIM)
        return CONCORD_REUSE_REWRITE;
    else
        return CONCORD_REUSE_SHARED_SOURCE;
}

/* Each member's alignment profile (pr[n]), and its spinning: the share of
 * broken sentences, and whether that makes it spun. */
static reuse_profile *S_profiles(concord_reuse *r, const concord_member *m, size_t n)
{
    reuse_profile *pr = concord_xmalloc(n * sizeof *pr);
    for (size_t i = 0; i < n; i++) {
        concord__reuse_profile_init(&pr[i], m[i].clean->text, m[i].doc);
        size_t ns = 0;
        size_t broken = concord_reuse_broken_sentences(m[i].clean->text, m[i].doc, &ns);
        r->spin[i] = ns ? (double)broken / (double)ns : 0.0;
        r->spun[i] = broken >= S_SPIN_MIN && r->spin[i] >= S_SPIN_RATE;
    }
    return pr;
}

/* The pair a -> b from its aligned passages pass[np] (copied) and the words
 * they cover on either side: shares, and similarity and verbatim share
 * weighted by passage length. */
static concord_reuse_pair S_pair_of(const concord_member *m, size_t a, size_t b,
                                    const concord_passage *pass, size_t np, size_t wa, size_t wb)
{
    concord_reuse_pair p = {0};
    p.from = a;
    p.to = b;
    p.share_from = m[a].doc->n_words ? (double)wa / (double)m[a].doc->n_words : 0.0;
    p.share = m[b].doc->n_words ? (double)wb / (double)m[b].doc->n_words : 0.0;
    double wsum = 0, sim = 0, verb = 0;
    for (size_t q = 0; q < np; q++) {
        double w = (double)(pass[q].to_end - pass[q].to_start);
        wsum += w;
        sim += w * pass[q].similarity;
        verb += w * pass[q].verbatim;
    }
    p.similarity = wsum > 0 ? sim / wsum : 0.0;
    p.verbatim = wsum > 0 ? verb / wsum : 0.0;
    p.passages = concord_xmalloc(np * sizeof *p.passages);
    memcpy(p.passages, pass, np * sizeof *pass);
    p.n_passages = np;
    return p;
}

/* What the pair loop shares: the story's reuse so far, its members, the
 * stage cue per member (S_direct) and the sorted named attributions. */
typedef struct {
    concord_reuse *r;
    const concord_member *m;
    int *stage;
    const S_attr *attr;
    size_t n_attr;
} S_linking;

static int S_weak_cue(const char *direction)
{
    return !strcmp(direction, "order") || !strcmp(direction, "containment") ||
           !strcmp(direction, "stage") || !strcmp(direction, "self-credit");
}

/* Direction and kind of a new pair (a: the side that was its from); 0 when
 * it is too weak a link to keep. */
static int S_judge_pair(const S_linking *L, concord_reuse_pair *p, size_t a)
{
    concord_reuse *r = L->r;
    const concord_member *m = L->m;
    S_direct(r, m, L->stage, p, 1);
    if (p->n_passages > 1)
        S_sort(p->passages, p->n_passages, sizeof *p->passages, S_cmp_passage_to);
    /* most of one in the other: verbatim is a copy, close wording a
     * rewrite; looser wording of the same content, or a common text
     * (a statement, a quote, wire paragraphs) inside two reports, means
     * both draw on a third text */
    /* a text mostly inside the other is derived from it whatever the
     * other's length (a cut-down wire story inside the full one) */
    double contained = p->share > p->share_from ? p->share : p->share_from;
    p->kind = S_kind(p);
    if (p->kind != CONCORD_REUSE_COPY && !strcmp(p->direction, "self-credit")) {
        /* an outlet's own report and a text that is no copy of it: both
         * may draw on one release; the other cues decide as before */
        if (p->from != a)
            S_swap_sides(p);
        S_direct(r, m, L->stage, p, 0);
        p->kind = S_kind(p);
    }
    /* a spun text keeps its links at any share: spinning rewords most
     * bigrams, so the aligned share understates the reuse */
    /* a loose rewrite with nothing to say which came first (both dated
     * the same day, no credit, no spinning; only the weak cues "stage",
     * "containment" or "order") is what two write-ups of one police
     * release or statement look like */
    if (p->kind == CONCORD_REUSE_REWRITE && p->similarity < S_LOOSE_REWRITE &&
        S_weak_cue(p->direction) && m[p->from].article->date[0] && m[p->to].article->date[0]) {
        p->kind = CONCORD_REUSE_SHARED_SOURCE;
        p->direction = "symmetric";
    }
    if (p->kind != CONCORD_REUSE_SHARED_SOURCE && strcmp(p->direction, "credit") != 0 &&
        S_same_named_source(L->attr, L->n_attr, p)) {
        p->kind = CONCORD_REUSE_SHARED_SOURCE;
        p->direction = "symmetric";
    }
    if (p->kind == CONCORD_REUSE_SHARED_SOURCE && contained < S_MIN_LINK_SHARE &&
        !r->spun[p->from] && !r->spun[p->to])
        return 0; /* too little in common to matter to a reader */
    if (p->kind != CONCORD_REUSE_SHARED_SOURCE && S_same_external(r, p->from, p->to) &&
        S_credited(r, p->to, p->from) < 0) {
        p->kind = CONCORD_REUSE_SHARED_SOURCE;
        p->direction = "symmetric";
    }
    return 1;
}

/* Aligns every candidate pair of members and keeps the links worth a
 * reader's time in r->pairs. */
static void S_link_pairs(const S_linking *L, const reuse_profile *pr, size_t n)
{
    concord_reuse *r = L->r;
    const concord_member *m = L->m;
    concord_align_opts o;
    concord_align_defaults(&o);
    S_cand *cand;
    size_t n_cand = S_candidates(pr, n, o.max_freq, &cand);
    r->n_candidates = n_cand;
    size_t cap_pairs = 0;
    concord_passage *pass = NULL;
    size_t cap_pass = 0;
    for (size_t k = 0; k < n_cand; k++) {
        size_t a = cand[k].a, b = cand[k].b;
        size_t np = 0;
        concord__reuse_align_profiles(&pr[a], &pr[b], &o, &pass, &np, &cap_pass);
        if (np == 0)
            continue;
        size_t wa = S_covered(m[a].doc, pass, np, 0), wb = S_covered(m[b].doc, pass, np, 1);
        if (wa < S_MIN_LINK_WORDS && wb < S_MIN_LINK_WORDS)
            continue;
        concord_reuse_pair p = S_pair_of(m, a, b, pass, np, wa, wb);
        if (!S_judge_pair(L, &p, a)) {
            free(p.passages);
            continue;
        }
        CONCORD_GROW(r->pairs, cap_pairs, r->n_pairs + 1);
        r->pairs[r->n_pairs++] = p;
    }
    free(pass);
    free(cand);
}

/* c -> a and c -> b, with a -> b no stronger: a and b share the source c.
 * Pairs are sorted by (to, from), so both look-ups are binary searches;
 * the decisions are taken on the kinds as they were before this pass. */
static void S_shared_sources(concord_reuse *r)
{
    S_sort(r->pairs, r->n_pairs, sizeof *r->pairs, S_cmp_pair);
    unsigned char *shared = concord_xcalloc(r->n_pairs + 1, 1);
    for (size_t x = 0; x < r->n_pairs; x++) {
        const concord_reuse_pair *p = &r->pairs[x];
        if (p->kind == CONCORD_REUSE_SHARED_SOURCE || strcmp(p->direction, "credit") == 0)
            continue;
        size_t lo = S_first_to(r, p->from);
        for (size_t y = lo, seen = 0; y < r->n_pairs && r->pairs[y].to == p->from && seen < 64;
             y++, seen++) {
            const concord_reuse_pair *q = &r->pairs[y];
            if (q->kind == CONCORD_REUSE_SHARED_SOURCE || q->share < p->share_from)
                continue;
            long z = S_find_pair(r, q->from, p->to);
            if (z >= 0 && r->pairs[z].kind != CONCORD_REUSE_SHARED_SOURCE &&
                r->pairs[z].share >= p->share) {
                shared[x] = 1;
                break;
            }
        }
    }
    for (size_t x = 0; x < r->n_pairs; x++) {
        if (shared[x]) {
            r->pairs[x].kind = CONCORD_REUSE_SHARED_SOURCE;
            r->pairs[x].direction = "symmetric";
        }
    }
    free(shared);
}

/* The steps: profiles and spinning, credits, attributions, the pairs
 * (aligned, judged), shared sources, then the index of pairs by from. */
concord_reuse *concord_reuse_explain(const concord_member *m, size_t n)
{
    concord_reuse *r = concord_xcalloc(1, sizeof *r);
    r->n_members = n;
    r->spin = concord_xcalloc(n + 1, sizeof *r->spin);
    r->spun = concord_xcalloc(n + 1, 1);
    r->self_credit = concord_xcalloc(n + 1, 1);
    if (n == 0)
        return r;
    reuse_profile *pr = S_profiles(r, m, n);
    S_find_credits(r, m, n);
    S_attr *attr = NULL;
    size_t n_attr = 0, cap_attr = 0;
    for (size_t i = 0; i < n; i++)
        S_find_attributions(m[i].clean->text, m[i].clean->len, (uint32_t)i, &attr, &n_attr,
                            &cap_attr);
    S_sort(attr, n_attr, sizeof *attr, S_cmp_attr);
    int *stage = concord_xmalloc(n * sizeof *stage);
    for (size_t i = 0; i < n; i++)
        stage[i] = -1;
    S_linking L = {r, m, stage, attr, n_attr};
    S_link_pairs(&L, pr, n);
    free(attr);
    free(stage);
    S_shared_sources(r);
    r->by_from = concord_xmalloc((r->n_pairs + 1) * sizeof *r->by_from);
    for (size_t x = 0; x < r->n_pairs; x++)
        r->by_from[x] = x;
    S_by_from_pairs = r->pairs;
    S_sort(r->by_from, r->n_pairs, sizeof *r->by_from, S_cmp_by_from);
    for (size_t i = 0; i < n; i++)
        concord__reuse_profile_free(&pr[i]);
    free(pr);
    return r;
}

void concord_reuse_free(concord_reuse *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < r->n_pairs; k++)
        free(r->pairs[k].passages);
    free(r->pairs);
    free(r->by_from);
    free(r->credits);
    free(r->spin);
    free(r->spun);
    free(r->self_credit);
    free(r);
}

/* ---- JSON --------------------------------------------------------------- */

/* Shares and similarities: three significant digits. */
enum { S_DIGITS = 3 };

static void S_passage_json(jsonw *w, const concord_passage *s)
{
    concord__jsonw_begin_object(w);
    concord__jsonw_key(w, "from");
    concord__jsonw_begin_array(w);
    concord__jsonw_uint(w, s->from_start);
    concord__jsonw_uint(w, s->from_end);
    concord__jsonw_end_array(w);
    concord__jsonw_key(w, "to");
    concord__jsonw_begin_array(w);
    concord__jsonw_uint(w, s->to_start);
    concord__jsonw_uint(w, s->to_end);
    concord__jsonw_end_array(w);
    concord__jsonw_key_double(w, "similarity", s->similarity, S_DIGITS);
    concord__jsonw_end_object(w);
}

void concord_reuse_json(const concord_reuse *r, const concord_member *m, size_t n, concord_buf *out)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    concord__jsonw_begin_array(&w);
    for (size_t k = 0; r && k < r->n_pairs; k++) {
        const concord_reuse_pair *p = &r->pairs[k];
        if (p->from >= n || p->to >= n)
            continue;
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_str(&w, "from", m[p->from].article->id);
        concord__jsonw_key_str(&w, "to", m[p->to].article->id);
        concord__jsonw_key_str(&w, "kind", concord_reuse_kind_name(p->kind));
        concord__jsonw_key_double(&w, "share", p->share, S_DIGITS);
        concord__jsonw_key_double(&w, "similarity", p->similarity, S_DIGITS);
        concord__jsonw_key_str(&w, "direction", p->direction);
        concord__jsonw_key(&w, "passages");
        concord__jsonw_begin_array(&w);
        for (size_t q = 0; q < p->n_passages; q++)
            S_passage_json(&w, &p->passages[q]);
        concord__jsonw_end_array(&w);
        concord__jsonw_end_object(&w);
    }
    concord__jsonw_end_array(&w);
    concord__jsonw_finish(&w);
}

void concord_reuse_derived_json(const concord_reuse *r, const concord_member *m, size_t n,
                                size_t member_index, concord_buf *out)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    concord__jsonw_begin_array(&w);
    /* pairs where this member is derived (a range: pairs are sorted by to),
     * then shared-source pairs where it is the other side (by_from) */
    size_t lo_to = r ? S_first_to(r, member_index) : 0;
    size_t lo_from = r ? S_first_from(r, member_index) : 0;
    for (size_t k = lo_to, f = lo_from; r;) {
        const concord_reuse_pair *p;
        size_t other;
        double share;
        if (k < r->n_pairs && r->pairs[k].to == member_index) {
            p = &r->pairs[k++];
            other = p->from;
            share = p->share;
        } else if (f < r->n_pairs && r->pairs[r->by_from[f]].from == member_index) {
            p = &r->pairs[r->by_from[f++]];
            if (p->kind != CONCORD_REUSE_SHARED_SOURCE)
                continue;
            other = p->to;
            share = p->share_from;
        } else {
            break;
        }
        if (other >= n)
            continue;
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_str(&w, "id", m[other].article->id);
        concord__jsonw_key_str(&w, "kind", concord_reuse_kind_name(p->kind));
        concord__jsonw_key_double(&w, "share", share, S_DIGITS);
        concord__jsonw_key_str(&w, "direction", p->direction);
        concord__jsonw_end_object(&w);
    }
    concord__jsonw_end_array(&w);
    concord__jsonw_finish(&w);
}

void concord_reuse_credits_json(const concord_reuse *r, const concord_member *m, size_t n,
                                size_t member_index, concord_buf *out)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    concord__jsonw_begin_array(&w);
    for (size_t k = r ? S_first_credit(r, member_index) : 0;
         r && k < r->n_credits && r->credits[k].member == member_index; k++) {
        const concord_credit *c = &r->credits[k];
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_str(&w, "outlet", c->name);
        if (c->end > c->start && member_index < n) {
            concord__jsonw_key_strn(&w, "text", m[member_index].clean->text + c->start,
                                    c->end - c->start);
            concord__jsonw_key_uint(&w, "start", c->start);
            concord__jsonw_key_uint(&w, "end", c->end);
        } else {
            /* credited in a part the cleaner removed (byline, copyright line) */
            concord__jsonw_key_str(&w, "text", NULL);
            concord__jsonw_key_str(&w, "start", NULL);
            concord__jsonw_key_str(&w, "end", NULL);
        }
        /* the credited outlet's report in this story */
        if (c->source_member >= 0 && (size_t)c->source_member < n)
            concord__jsonw_key_str(&w, "article", m[c->source_member].article->id);
        concord__jsonw_end_object(&w);
    }
    concord__jsonw_end_array(&w);
    concord__jsonw_finish(&w);
}

void concord_reuse_spun_json(const concord_reuse *r, size_t member_index, concord_buf *out)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    if (r && member_index < r->n_members && r->spun[member_index]) {
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_double(&w, "broken_per_sentence", r->spin[member_index], S_DIGITS);
        concord__jsonw_end_object(&w);
    } else {
        concord__jsonw_null(&w);
    }
    concord__jsonw_finish(&w);
}
