/* json.c: RFC 8259 parser building a DOM in a per-document arena.
 *
 * Every node, key, string and child array of one document lives in a chain of
 * arena chunks, so concord_json_free is one walk over a few chunks.  Strings
 * are found with memchr (the closing quote) and decoded with a word-at-a-time
 * scan that copies plain ASCII runs with memcpy, so long article bodies parse
 * at memory speed.  Invalid UTF-8 and lone surrogates become U+FFFD and are
 * counted; the first bad offset is kept for the reader's message. */
#include "concord/json.h"
#include "concord/text.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_DEPTH 512
#define S_ALIGN (alignof(max_align_t))
#define S_ROUND(n) (((n) + S_ALIGN - 1) & ~(size_t)(S_ALIGN - 1))

typedef struct S_chunk {
    struct S_chunk *next;
    size_t used, cap;
    /* data follows at S_ROUND(sizeof(S_chunk)) */
} S_chunk;

typedef struct S_doc {
    concord_json root; /* first member: a root pointer is a doc pointer */
    S_chunk *chunks;
} S_doc;

typedef struct S_parser {
    const unsigned char *s;
    size_t len;
    size_t i;
    unsigned flags;
    S_chunk *chunks;      /* head = current chunk */
    size_t next_chunk;    /* size of the next regular chunk */
    concord_json **stack; /* children of open containers */
    size_t n_stack, cap_stack;
    int depth;
    const char *const *keys; /* filter for the root object's members, or NULL */
    size_t n_keys;
    const char *err;
    size_t err_pos;
    size_t bad, nul, first_bad;
} S_parser;

#define S_HDR S_ROUND(sizeof(S_chunk))

static S_chunk *S_chunk_new(size_t cap)
{
    S_chunk *c = concord_xmalloc(S_HDR + cap);
    c->next = NULL;
    c->used = 0;
    c->cap = cap;
    return c;
}

static void *S_alloc(S_parser *p, size_t n)
{
    n = S_ROUND(n ? n : 1);
    S_chunk *c = p->chunks;
    if (c && c->cap - c->used >= n) {
        void *r = (char *)c + S_HDR + c->used;
        c->used += n;
        return r;
    }
    if (n > p->next_chunk / 2) {
        /* big string: a chunk of its own, linked behind the current one */
        S_chunk *big = S_chunk_new(n);
        big->used = n;
        if (c) {
            big->next = c->next;
            c->next = big;
        } else {
            p->chunks = big;
        }
        return (char *)big + S_HDR;
    }
    S_chunk *fresh = S_chunk_new(p->next_chunk);
    if (p->next_chunk < (1u << 20))
        p->next_chunk *= 2;
    fresh->next = c;
    p->chunks = fresh;
    fresh->used = n;
    return (char *)fresh + S_HDR;
}

/* Gives back the tail of the most recent allocation (strings shrink after decoding). */
static void S_trim(S_parser *p, void *block, size_t had, size_t keep)
{
    S_chunk *c = p->chunks;
    if (c && (char *)block + S_ROUND(had ? had : 1) == (char *)c + S_HDR + c->used)
        c->used -= S_ROUND(had ? had : 1) - S_ROUND(keep ? keep : 1);
}

static void S_free_chunks(S_chunk *c)
{
    while (c) {
        S_chunk *n = c->next;
        free(c);
        c = n;
    }
}

static void *S_fail(S_parser *p, size_t pos, const char *msg)
{
    if (!p->err) {
        p->err = msg;
        p->err_pos = pos;
    }
    return NULL;
}

static void S_ws(S_parser *p)
{
    const unsigned char *s = p->s;
    size_t i = p->i, n = p->len;
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
        i++;
    p->i = i;
}

static concord_json *S_node(S_parser *p, concord_json_type t)
{
    concord_json *j = S_alloc(p, sizeof *j);
    memset(j, 0, sizeof *j);
    j->type = t;
    return j;
}

/* Length of a valid UTF-8 sequence at s[0..n), or 0 when invalid. */
static size_t S_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

static size_t S_put_utf8(unsigned long cp, unsigned char *o)
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

static int S_hex4(const unsigned char *s, unsigned long *out)
{
    unsigned long v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned c = s[k], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return 0;
        v = v << 4 | d;
    }
    *out = v;
    return 1;
}

/* Nonzero when any of the 8 bytes is < 0x20, >= 0x80 or a backslash. */
static inline int S_special8(const unsigned char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t lt20 = (x - ones * 0x20) & ~x;
    uint64_t y = x ^ (ones * 0x5C);
    uint64_t bs = (y - ones) & ~y;
    return ((lt20 | bs | x) & highs) != 0;
}

static inline int S_plain(unsigned c)
{
    return c >= 0x20 && c < 0x80 && c != '\\';
}

/* Decodes s[start, end) (between the quotes) into out (capacity cap).
 * Returns the decoded length, (size_t)-1 on a syntax error (p->err set),
 * or (size_t)-2 when out is too small (only invalid bytes expand). */
static size_t S_decode(S_parser *p, size_t start, size_t end, unsigned char *out, size_t cap,
                       size_t *bad, size_t *nul, size_t *first_bad)
{
    const unsigned char *s = p->s;
    size_t i = start, o = 0;
    while (i < end) {
        size_t run = i;
        while (run + 8 <= end && !S_special8(s + run))
            run += 8;
        while (run < end && S_plain(s[run]))
            run++;
        memcpy(out + o, s + i, run - i);
        o += run - i;
        i = run;
        if (i >= end)
            break;
        unsigned c = s[i];
        if (c == '\\') {
            if (i + 1 >= end) {
                S_fail(p, i, "unfinished escape");
                return (size_t)-1;
            }
            unsigned e = s[i + 1];
            unsigned char ch;
            switch (e) {
                case '"': ch = '"'; break;
                case '\\': ch = '\\'; break;
                case '/': ch = '/'; break;
                case 'b': ch = '\b'; break;
                case 'f': ch = '\f'; break;
                case 'n': ch = '\n'; break;
                case 'r': ch = '\r'; break;
                case 't': ch = '\t'; break;
                case 'u': {
                    unsigned long cp;
                    if (i + 6 > end || !S_hex4(s + i + 2, &cp)) {
                        S_fail(p, i, "bad \\u escape");
                        return (size_t)-1;
                    }
                    size_t at = i;
                    i += 6;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        unsigned long lo;
                        if (i + 6 <= end && s[i] == '\\' && s[i + 1] == 'u' &&
                            S_hex4(s + i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            i += 6;
                        } else {
                            cp = 0xFFFD;
                            (*bad)++;
                            if (at < *first_bad)
                                *first_bad = at;
                        }
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        cp = 0xFFFD;
                        (*bad)++;
                        if (at < *first_bad)
                            *first_bad = at;
                    } else if (cp == 0) {
                        (*nul)++;
                        if (at < *first_bad)
                            *first_bad = at;
                        if (p->flags & CONCORD_JSON_NUL_TO_SPACE)
                            cp = ' ';
                    }
                    o += S_put_utf8(cp, out + o);
                    continue;
                }
                default: S_fail(p, i, "invalid escape"); return (size_t)-1;
            }
            out[o++] = ch;
            i += 2;
        } else if (c < 0x20) {
            if (!(p->flags & CONCORD_JSON_RAW_CTRL)) {
                S_fail(p, i, "control character in string");
                return (size_t)-1;
            }
            if (c == 0) {
                (*nul)++;
                if (i < *first_bad)
                    *first_bad = i;
                if (p->flags & CONCORD_JSON_NUL_TO_SPACE)
                    c = ' ';
            }
            out[o++] = (unsigned char)c;
            i++;
        } else {
            size_t n = S_utf8_len(s + i, end - i);
            if (n) {
                memcpy(out + o, s + i, n);
                o += n;
                i += n;
            } else {
                /* one U+FFFD (3 bytes) for one bad byte: may outgrow out */
                if (o + 3 + (end - i - 1) > cap)
                    return (size_t)-2;
                (*bad)++;
                if (i < *first_bad)
                    *first_bad = i;
                out[o++] = 0xEF;
                out[o++] = 0xBF;
                out[o++] = 0xBD;
                i++;
            }
        }
    }
    out[o] = 0;
    return o;
}

/* Parses the string whose opening quote is at p->i; returns its decoded copy. */
static char *S_string(S_parser *p, size_t *out_len)
{
    const unsigned char *s = p->s;
    size_t start = p->i + 1, end = start;
    for (;;) {
        const unsigned char *q = memchr(s + end, '"', p->len - end);
        if (!q)
            return S_fail(p, p->len, "unterminated string");
        end = (size_t)(q - s);
        size_t k = end;
        while (k > start && s[k - 1] == '\\')
            k--;
        if (((end - k) & 1) == 0)
            break;
        end++;
    }
    size_t raw = end - start, cap = raw + 1;
    for (int attempt = 0; attempt < 2; attempt++) {
        unsigned char *out = S_alloc(p, cap);
        size_t bad = 0, nul = 0, first = (size_t)-1;
        size_t n = S_decode(p, start, end, out, cap - 1, &bad, &nul, &first);
        if (n == (size_t)-1)
            return NULL;
        if (n == (size_t)-2) {
            S_trim(p, out, cap, 0);
            cap = 3 * raw + 1;
            continue;
        }
        S_trim(p, out, cap, n + 1);
        p->bad += bad;
        p->nul += nul;
        if (first < p->first_bad)
            p->first_bad = first;
        p->i = end + 1;
        *out_len = n;
        return (char *)out;
    }
    return S_fail(p, start, "string decoding failed");
}

static concord_json *S_value(S_parser *p);

/* Checks the number at p->i; returns its end offset or 0 (p->err set). */
static size_t S_scan_number(S_parser *p)
{
    const unsigned char *s = p->s;
    size_t i = p->i, n = p->len;
    if (i < n && s[i] == '-')
        i++;
    if (i >= n)
        return (size_t)(S_fail(p, i, "bad number"), 0);
    if (s[i] == '0') {
        i++;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    } else {
        return (size_t)(S_fail(p, i, "bad number"), 0);
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return (size_t)(S_fail(p, i, "bad number: digit expected after '.'"), 0);
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return (size_t)(S_fail(p, i, "bad number: digit expected in exponent"), 0);
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    return i;
}

static concord_json *S_number(S_parser *p)
{
    size_t start = p->i, i = S_scan_number(p);
    if (!i)
        return NULL;
    concord_json *j = S_node(p, CONCORD_JSON_NUMBER);
    j->len = i - start;
    j->str = S_alloc(p, j->len + 1);
    memcpy(j->str, p->s + start, j->len);
    j->str[j->len] = 0;
    j->number = strtod(j->str, NULL);
    p->i = i;
    return j;
}

/* Checks a literal at p->i; returns 1 and moves past it, or 0 (p->err set). */
static int S_scan_literal(S_parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->i < n || memcmp(p->s + p->i, word, n) != 0) {
        S_fail(p, p->i,
               p->len - p->i < n && memcmp(p->s + p->i, word, p->len - p->i) == 0
                   ? "unexpected end of input"
                   : "invalid literal");
        return 0;
    }
    p->i += n;
    return 1;
}

/* Checks the string at p->i (opening quote) without decoding it. */
static int S_skip_string(S_parser *p)
{
    const unsigned char *s = p->s;
    size_t i = p->i + 1, n = p->len;
    while (i < n) {
        unsigned c = s[i];
        if (c == '"') {
            p->i = i + 1;
            return 1;
        }
        if (c == '\\') {
            unsigned long cp;
            if (i + 1 >= n)
                break;
            if (strchr("\"\\/bfnrt", s[i + 1]) && s[i + 1]) {
                i += 2;
            } else if (s[i + 1] == 'u' && i + 6 <= n && S_hex4(s + i + 2, &cp)) {
                i += 6;
            } else {
                S_fail(p, i, s[i + 1] == 'u' ? "bad \\u escape" : "invalid escape");
                return 0;
            }
            continue;
        }
        if (c < 0x20 && !(p->flags & CONCORD_JSON_RAW_CTRL)) {
            S_fail(p, i, "control character in string");
            return 0;
        }
        i++;
    }
    S_fail(p, n, "unterminated string");
    return 0;
}

/* Checks one value at p->i for syntax without building anything. */
static int S_skip_value(S_parser *p)
{
    S_ws(p);
    if (p->i >= p->len)
        return (S_fail(p, p->i, "unexpected end of input"), 0);
    unsigned char c = p->s[p->i];
    if (c == '"')
        return S_skip_string(p);
    if (c == 't')
        return S_scan_literal(p, "true");
    if (c == 'f')
        return S_scan_literal(p, "false");
    if (c == 'n')
        return S_scan_literal(p, "null");
    if (c == '-' || (c >= '0' && c <= '9')) {
        size_t e = S_scan_number(p);
        if (!e)
            return 0;
        p->i = e;
        return 1;
    }
    if (c != '{' && c != '[')
        return (S_fail(p, p->i, "unexpected character"), 0);
    int is_object = c == '{';
    unsigned char close = is_object ? '}' : ']';
    if (++p->depth > S_MAX_DEPTH)
        return (S_fail(p, p->i, "nesting deeper than 512"), 0);
    p->i++;
    S_ws(p);
    if (p->i < p->len && p->s[p->i] == close) {
        p->i++;
        p->depth--;
        return 1;
    }
    for (;;) {
        if (is_object) {
            S_ws(p);
            if (p->i >= p->len)
                return (S_fail(p, p->i, "unexpected end of input in object"), 0);
            if (p->s[p->i] != '"')
                return (S_fail(p, p->i, "object key (string) expected"), 0);
            if (!S_skip_string(p))
                return 0;
            S_ws(p);
            if (p->i >= p->len)
                return (S_fail(p, p->i, "unexpected end of input in object"), 0);
            if (p->s[p->i] != ':')
                return (S_fail(p, p->i, "':' expected after object key"), 0);
            p->i++;
        }
        if (!S_skip_value(p))
            return 0;
        S_ws(p);
        if (p->i >= p->len)
            return (S_fail(p, p->i,
                           is_object ? "unexpected end of input in object"
                                     : "unexpected end of input in array"),
                    0);
        c = p->s[p->i];
        if (c == ',') {
            p->i++;
            S_ws(p);
            if (p->i < p->len && p->s[p->i] == close)
                return (S_fail(p, p->i, "trailing comma"), 0);
            continue;
        }
        if (c == close) {
            p->i++;
            p->depth--;
            return 1;
        }
        return (S_fail(p, p->i, is_object ? "',' or '}' expected" : "',' or ']' expected"), 0);
    }
}

/* With a key filter, whether member key of the root object is built. */
static int S_keep(S_parser *p, const char *key, size_t base)
{
    size_t k;
    for (k = 0; k < p->n_keys; k++)
        if (strcmp(p->keys[k], key) == 0)
            break;
    if (k == p->n_keys)
        return 0;
    for (size_t m = base; m < p->n_stack; m++) /* first of duplicate keys wins */
        if (strcmp(p->stack[m]->key, key) == 0)
            return 0;
    return 1;
}

/* With a key filter: a kept member's container value is checked, not built. */
static concord_json *S_shallow_value(S_parser *p)
{
    S_ws(p);
    if (p->i < p->len && (p->s[p->i] == '{' || p->s[p->i] == '[')) {
        concord_json_type t = p->s[p->i] == '{' ? CONCORD_JSON_OBJECT : CONCORD_JSON_ARRAY;
        if (!S_skip_value(p))
            return NULL;
        return S_node(p, t);
    }
    return S_value(p);
}

static int S_push(S_parser *p, concord_json *child)
{
    CONCORD_GROW(p->stack, p->cap_stack, p->n_stack + 1);
    p->stack[p->n_stack++] = child;
    return 1;
}

static void S_collect(S_parser *p, concord_json *parent, size_t base)
{
    size_t n = p->n_stack - base;
    parent->len = n;
    if (n) {
        parent->items = S_alloc(p, n * sizeof *parent->items);
        memcpy(parent->items, p->stack + base, n * sizeof *parent->items);
    }
    p->n_stack = base;
}

static concord_json *S_container(S_parser *p, int is_object)
{
    if (++p->depth > S_MAX_DEPTH)
        return S_fail(p, p->i, "nesting deeper than 512");
    concord_json *j = S_node(p, is_object ? CONCORD_JSON_OBJECT : CONCORD_JSON_ARRAY);
    size_t base = p->n_stack;
    unsigned char close = is_object ? '}' : ']';
    p->i++;
    S_ws(p);
    if (p->i < p->len && p->s[p->i] == close) {
        p->i++;
        p->depth--;
        return j;
    }
    for (;;) {
        char *key = NULL;
        if (is_object) {
            S_ws(p);
            if (p->i >= p->len)
                return S_fail(p, p->i, "unexpected end of input in object");
            if (p->s[p->i] != '"')
                return S_fail(p, p->i, "object key (string) expected");
            size_t klen;
            key = S_string(p, &klen);
            if (!key)
                return NULL;
            S_ws(p);
            if (p->i >= p->len)
                return S_fail(p, p->i, "unexpected end of input in object");
            if (p->s[p->i] != ':')
                return S_fail(p, p->i, "':' expected after object key");
            p->i++;
        }
        concord_json *child;
        if (p->keys && p->depth == 1) {
            /* filtered root: unknown members and array elements are only checked */
            if (!is_object || !S_keep(p, key, base)) {
                if (!S_skip_value(p))
                    return NULL;
                goto next;
            }
            child = S_shallow_value(p);
        } else {
            child = S_value(p);
        }
        if (!child)
            return NULL;
        child->key = key;
        S_push(p, child);
    next:
        S_ws(p);
        if (p->i >= p->len)
            return S_fail(p, p->i,
                          is_object ? "unexpected end of input in object"
                                    : "unexpected end of input in array");
        unsigned char c = p->s[p->i];
        if (c == ',') {
            p->i++;
            S_ws(p);
            if (p->i < p->len && p->s[p->i] == close)
                return S_fail(p, p->i, "trailing comma");
            continue;
        }
        if (c == close) {
            p->i++;
            break;
        }
        return S_fail(p, p->i, is_object ? "',' or '}' expected" : "',' or ']' expected");
    }
    S_collect(p, j, base);
    p->depth--;
    return j;
}

static concord_json *S_literal(S_parser *p, const char *word, concord_json_type t)
{
    return S_scan_literal(p, word) ? S_node(p, t) : NULL;
}

static concord_json *S_value(S_parser *p)
{
    S_ws(p);
    if (p->i >= p->len)
        return S_fail(p, p->i, "unexpected end of input");
    switch (p->s[p->i]) {
        case '{': return S_container(p, 1);
        case '[': return S_container(p, 0);
        case '"': {
            size_t n;
            char *str = S_string(p, &n);
            if (!str)
                return NULL;
            concord_json *j = S_node(p, CONCORD_JSON_STRING);
            j->str = str;
            j->len = n;
            return j;
        }
        case 't': return S_literal(p, "true", CONCORD_JSON_TRUE);
        case 'f': return S_literal(p, "false", CONCORD_JSON_FALSE);
        case 'n': return S_literal(p, "null", CONCORD_JSON_NULL);
        case '-':
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9': return S_number(p);
        default: return S_fail(p, p->i, "unexpected character");
    }
}

static concord_json *S_parse(const char *s, size_t len, unsigned flags, const char *const *keys,
                             size_t n_keys, concord_json_info *info)
{
    S_parser p;
    memset(&p, 0, sizeof p);
    p.keys = keys;
    p.n_keys = n_keys;
    p.s = (const unsigned char *)(s ? s : "");
    p.len = s ? len : 0;
    p.flags = flags;
    p.first_bad = (size_t)-1;
    size_t first = len / 2 + 256;
    p.next_chunk = first < 1024 ? 1024 : first > (64u << 10) ? (64u << 10) : first;
    concord_json *root = S_value(&p);
    if (root) {
        S_ws(&p);
        if (p.i < p.len)
            root = S_fail(&p, p.i, "trailing characters after the value");
    }
    free(p.stack);
    if (info) {
        info->err_pos = p.err ? p.err_pos : 0;
        info->err_msg = p.err;
        info->bad = p.bad;
        info->nul = p.nul;
        info->first_bad = p.first_bad;
    }
    if (!root) {
        S_free_chunks(p.chunks);
        return NULL;
    }
    S_doc *doc = concord_xmalloc(sizeof *doc);
    doc->root = *root;
    doc->chunks = p.chunks;
    return &doc->root;
}

concord_json *concord_json_parse_ex(const char *s, size_t len, unsigned flags,
                                    concord_json_info *info)
{
    return S_parse(s, len, flags, NULL, 0, info);
}

concord_json *concord_json_parse_fields(const char *s, size_t len, unsigned flags,
                                        const char *const *keys, size_t n_keys,
                                        concord_json_info *info)
{
    static const char *const none[1] = {""};
    return S_parse(s, len, flags, keys ? keys : none, keys ? n_keys : 0, info);
}

size_t concord_json_skip(const char *s, size_t len, unsigned flags, concord_json_info *info)
{
    S_parser p;
    memset(&p, 0, sizeof p);
    p.s = (const unsigned char *)(s ? s : "");
    p.len = s ? len : 0;
    p.flags = flags;
    int ok = S_skip_value(&p);
    if (info) {
        memset(info, 0, sizeof *info);
        info->first_bad = (size_t)-1;
        info->err_pos = p.err ? p.err_pos : 0;
        info->err_msg = p.err;
    }
    return ok ? p.i : 0;
}

concord_json *concord_json_parse(const char *s, size_t len, size_t *err_pos, const char **err_msg)
{
    concord_json_info info;
    concord_json *j = concord_json_parse_ex(s, len, 0, &info);
    if (!j) {
        if (err_pos)
            *err_pos = info.err_pos;
        if (err_msg)
            *err_msg = info.err_msg;
    }
    return j;
}

void concord_json_free(concord_json *j)
{
    if (!j)
        return;
    S_doc *doc = (S_doc *)(void *)j;
    S_free_chunks(doc->chunks);
    free(doc);
}

const concord_json *concord_json_get(const concord_json *obj, const char *key)
{
    if (!obj || obj->type != CONCORD_JSON_OBJECT || !key)
        return NULL;
    for (size_t k = 0; k < obj->len; k++)
        if (obj->items[k]->key && strcmp(obj->items[k]->key, key) == 0)
            return obj->items[k];
    return NULL;
}

const char *concord_json_get_str(const concord_json *obj, const char *key)
{
    const concord_json *v = concord_json_get(obj, key);
    return v && v->type == CONCORD_JSON_STRING ? v->str : NULL;
}

double concord_json_get_num(const concord_json *obj, const char *key, double dflt)
{
    const concord_json *v = concord_json_get(obj, key);
    return v && v->type == CONCORD_JSON_NUMBER ? v->number : dflt;
}

/* ---- terminal-safe copies ------------------------------------------------ */

static int S_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Appends the JSON-escaped visible form of code point cp, or returns 0 when
 * cp is harmless and should be kept as it was written. */
static int S_visible_cp(concord_buf *b, uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r') {
        concord_buf_addc(b, ' ');
    } else if (cp < 0x20) {
        concord_buf_addc(b, '^');
        if (cp + 0x40 == '\\')
            concord_buf_addc(b, '\\');
        concord_buf_addc(b, (char)(cp + 0x40));
    } else if (cp == 0x7f) {
        concord_buf_adds(b, "^?");
    } else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
               (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
        concord_buf_printf(b, "\\\\u%04x", (unsigned)cp);
    } else {
        return 0;
    }
    return 1;
}

char *concord_json_visible(const char *s, size_t len, size_t *out_len)
{
    concord_buf b;
    concord_buf_init(&b);
    int in_string = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (!in_string) {
            if (c == '"')
                in_string = 1;
            concord_buf_addc(&b, (char)c);
            i++;
            continue;
        }
        if (c == '"') {
            in_string = 0;
            concord_buf_addc(&b, '"');
            i++;
        } else if (c == '\\' && i + 1 < len) {
            char e = s[i + 1];
            uint32_t cp = 0x20;
            size_t esc_len = 2;
            if (e == 'n')
                cp = '\n';
            else if (e == 't')
                cp = '\t';
            else if (e == 'r')
                cp = '\r';
            else if (e == 'b')
                cp = '\b';
            else if (e == 'f')
                cp = '\f';
            else if (e == 'u' && i + 6 <= len) {
                int h[4];
                for (int k = 0; k < 4; k++)
                    h[k] = S_hexval(s[i + 2 + k]);
                if (h[0] >= 0 && h[1] >= 0 && h[2] >= 0 && h[3] >= 0) {
                    cp = (uint32_t)(h[0] << 12 | h[1] << 8 | h[2] << 4 | h[3]);
                    esc_len = 6;
                }
            }
            if (!S_visible_cp(&b, cp))
                concord_buf_add(&b, s + i, esc_len);
            i += esc_len;
        } else if (c < 0x80) {
            if (!S_visible_cp(&b, c))
                concord_buf_addc(&b, (char)c);
            i++;
        } else {
            size_t at = i;
            int32_t cp = concord_utf8_next(s, len, &i);
            if (cp < 0 || !S_visible_cp(&b, (uint32_t)cp))
                concord_buf_add(&b, s + at, i - at);
        }
    }
    if (!b.data)
        concord_buf_addc(&b, '\0'), b.len = 0;
    return concord_buf_detach(&b, out_len);
}

/* The first offset at or after i that is not JSON whitespace. */
static size_t S_past_ws(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The top level of an object of plain keys, member by member: at[k] gets the
 * value span of keys[k] (first occurrence; end 0 when absent).  Returns 1
 * when s is such an object with nothing after it, 0 otherwise. */
static int S_members_at(const char *s, size_t len, const char *const *keys, size_t n_keys,
                        size_t (*at)[2])
{
    size_t i = S_past_ws(s, len, 0);
    if (i >= len || s[i] != '{')
        return 0;
    i = S_past_ws(s, len, i + 1);
    int ok = 0;
    if (i < len && s[i] == '}') { /* an empty object */
        i++;
        ok = 1;
    }
    while (!ok) {
        i = S_past_ws(s, len, i);
        size_t ks = i, ke = ks + concord_json_skip(s + ks, len - ks, 0, NULL);
        if (ke == ks || s[ks] != '"' || memchr(s + ks, '\\', ke - ks))
            return 0; /* not a plain key */
        i = S_past_ws(s, len, ke);
        if (i >= len || s[i] != ':')
            return 0;
        size_t vs = ++i, vl = concord_json_skip(s + vs, len - vs, 0, NULL);
        if (!vl)
            return 0;
        for (size_t k = 0; k < n_keys; k++)
            if (!at[k][1] && ke - ks == strlen(keys[k]) + 2 &&
                !memcmp(s + ks + 1, keys[k], ke - ks - 2)) {
                at[k][0] = vs;
                at[k][1] = vs + vl;
            }
        i = S_past_ws(s, len, vs + vl);
        if (i < len && s[i] == ',') {
            i++;
            continue;
        }
        if (i >= len || s[i] != '}')
            return 0;
        i++;
        ok = 1;
    }
    return S_past_ws(s, len, i) == len;
}

concord_json *concord_json_parse_members(const char *s, size_t len, const char *const *keys,
                                         size_t n_keys)
{
    size_t(*at)[2] = concord_xcalloc(n_keys ? n_keys : 1, sizeof *at);
    if (!S_members_at(s, len, keys, n_keys, at)) {
        free(at);
        return concord_json_parse(s, len, NULL, NULL);
    }
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_addc(&b, '{');
    for (size_t k = 0; k < n_keys; k++)
        if (at[k][1]) {
            if (b.len > 1)
                concord_buf_addc(&b, ',');
            concord_buf_addc(&b, '"');
            concord_buf_adds(&b, keys[k]);
            concord_buf_adds(&b, "\":");
            concord_buf_add(&b, s + at[k][0], at[k][1] - at[k][0]);
        }
    concord_buf_addc(&b, '}');
    free(at);
    concord_json *j = concord_json_parse(b.data, b.len, NULL, NULL);
    concord_buf_free(&b);
    return j;
}
