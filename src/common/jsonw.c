/* jsonw.c: the JSON writer (see jsonw_internal.h). */
#include "common/jsonw_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void concord__jsonw_init(jsonw *w, concord_buf *out)
{
    w->out = out;
    w->depth = 0;
    w->after_key = 0;
    w->used = w->inline_used;
    w->cap_bits = JSONW_INLINE_DEPTH;
    memset(w->inline_used, 0, sizeof w->inline_used);
}

void concord__jsonw_finish(jsonw *w)
{
    if (w->used != w->inline_used)
        free(w->used);
    w->used = w->inline_used;
    w->cap_bits = JSONW_INLINE_DEPTH;
}

/* Marks the current level used; says whether it was before. */
static int S_mark(jsonw *w)
{
    uint64_t bit = (uint64_t)1 << (w->depth & 63);
    uint64_t *word = &w->used[w->depth >> 6];
    int was = (*word & bit) != 0;
    *word |= bit;
    return was;
}

/* Before any value: the comma it needs (none after a key, none at depth 0). */
static void S_before_value(jsonw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (S_mark(w) && w->depth)
        concord_buf_addc(w->out, ',');
}

static void S_open(jsonw *w, char c)
{
    S_before_value(w);
    concord_buf_addc(w->out, c);
    w->depth++;
    if (w->depth >= w->cap_bits) {
        size_t words = w->cap_bits / 64;
        uint64_t *grown = concord_xcalloc(words * 2, sizeof *grown);
        memcpy(grown, w->used, words * sizeof *grown);
        if (w->used != w->inline_used)
            free(w->used);
        w->used = grown;
        w->cap_bits *= 2;
    }
    w->used[w->depth >> 6] &= ~((uint64_t)1 << (w->depth & 63));
}

static void S_close(jsonw *w, char c)
{
    assert(w->depth > 0 && !w->after_key);
    w->depth--;
    w->after_key = 0;
    concord_buf_addc(w->out, c);
}

void concord__jsonw_begin_object(jsonw *w)
{
    S_open(w, '{');
}

void concord__jsonw_end_object(jsonw *w)
{
    S_close(w, '}');
}

void concord__jsonw_begin_array(jsonw *w)
{
    S_open(w, '[');
}

void concord__jsonw_end_array(jsonw *w)
{
    S_close(w, ']');
}

void concord__jsonw_key(jsonw *w, const char *name)
{
    assert(w->depth > 0);
    size_t n = strlen(name);
    char line[64];
    if (n + 4 > sizeof line) { /* no such name in the code; kept correct anyway */
        concord__jsonw_key_text(w, name, n);
        return;
    }
    /* separator, quotes, name and colon in one append: the hot path of emit */
    size_t k = 0;
    if (S_mark(w))
        line[k++] = ',';
    line[k++] = '"';
    memcpy(line + k, name, n);
    k += n;
    line[k++] = '"';
    line[k++] = ':';
    concord_buf_add(w->out, line, k);
    w->after_key = 1;
}

void concord__jsonw_key_text(jsonw *w, const char *s, size_t n)
{
    assert(w->depth > 0);
    if (S_mark(w))
        concord_buf_addc(w->out, ',');
    concord_json_strn(w->out, s ? s : "", n);
    concord_buf_addc(w->out, ':');
    w->after_key = 1;
}

void concord__jsonw_strn(jsonw *w, const char *s, size_t n)
{
    S_before_value(w);
    concord_json_strn(w->out, s, n);
}

void concord__jsonw_str(jsonw *w, const char *s)
{
    S_before_value(w);
    concord_json_str(w->out, s);
}

void concord__jsonw_raw(jsonw *w, const char *json, size_t n)
{
    S_before_value(w);
    concord_buf_add(w->out, json, n);
}

concord_buf *concord__jsonw_external(jsonw *w)
{
    S_before_value(w);
    return w->out;
}

void concord__jsonw_null(jsonw *w)
{
    concord__jsonw_raw(w, "null", 4);
}

void concord__jsonw_bool(jsonw *w, int v)
{
    if (v)
        concord__jsonw_raw(w, "true", 4);
    else
        concord__jsonw_raw(w, "false", 5);
}

/* Decimal digits of v, written backwards from end; returns the first. */
static char *S_digits(uint64_t v, char *end)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

void concord__jsonw_uint(jsonw *w, uint64_t v)
{
    char digits[24];
    char *first = S_digits(v, digits + sizeof digits);
    concord__jsonw_raw(w, first, (size_t)(digits + sizeof digits - first));
}

void concord__jsonw_int(jsonw *w, long long v)
{
    char digits[24];
    /* the magnitude as unsigned: -LLONG_MIN does not fit a long long */
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *first = S_digits(mag, digits + sizeof digits);
    if (v < 0)
        *--first = '-';
    concord__jsonw_raw(w, first, (size_t)(digits + sizeof digits - first));
}

void concord__jsonw_double(jsonw *w, double v, int precision)
{
    if (!isfinite(v)) {
        concord__jsonw_null(w);
        return;
    }
    if (precision < 1 || precision > 17)
        precision = 17; /* 17 digits tell every double apart; more add nothing */
    char num[40];       /* "%.17g" of a double is at most 24 bytes */
    int len = snprintf(num, sizeof num, "%.*g", precision, v);
    concord__jsonw_raw(w, num, (size_t)len);
}

void concord__jsonw_fixed(jsonw *w, double v, int decimals)
{
    static const double scale[10] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    static const uint64_t iscale[10] = {1,      10,      100,      1000,      10000,
                                        100000, 1000000, 10000000, 100000000, 1000000000};
    if (!isfinite(v)) {
        concord__jsonw_null(w);
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    /* s is |v| * 10^decimals rounded once: its error is at most half an ulp,
     * below s * 2^-53.  Rounding s to the nearest integer gives what printf
     * gives for the exact value unless the fraction lies within that error
     * of one half; then (and past 2^53, where s has no fraction left to
     * judge) printf decides. */
    double s = fabs(v) * scale[decimals];
    if (s < 9007199254740992.0) {
        double whole = floor(s);
        double frac = s - whole; /* exact */
        if (fabs(frac - 0.5) > s * 0x1p-50 + 0x1p-60) {
            uint64_t r = (uint64_t)whole + (frac > 0.5);
            char num[40];
            char *end = num + sizeof num;
            char *first = end;
            if (decimals) {
                uint64_t f = r % iscale[decimals];
                for (int i = 0; i < decimals; i++) {
                    *--first = (char)('0' + f % 10);
                    f /= 10;
                }
                *--first = '.';
            }
            first = S_digits(r / iscale[decimals], first);
            if (signbit(v))
                *--first = '-';
            concord__jsonw_raw(w, first, (size_t)(end - first));
            return;
        }
    }
    char num[352]; /* "%.9f" of DBL_MAX: 309 digits, '.', 9 decimals, sign */
    int len = snprintf(num, sizeof num, "%.*f", decimals, v);
    concord__jsonw_raw(w, num, (size_t)len);
}

void concord__jsonw_hex64(jsonw *w, uint64_t v)
{
    static const char hex[] = "0123456789abcdef";
    char s[18];
    s[0] = '"';
    for (int i = 16; i >= 1; i--) {
        s[i] = hex[v & 15];
        v >>= 4;
    }
    s[17] = '"';
    concord__jsonw_raw(w, s, sizeof s);
}

void concord__jsonw_key_str(jsonw *w, const char *name, const char *s)
{
    concord__jsonw_key(w, name);
    concord__jsonw_str(w, s);
}

void concord__jsonw_key_strn(jsonw *w, const char *name, const char *s, size_t n)
{
    concord__jsonw_key(w, name);
    concord__jsonw_strn(w, s, n);
}

void concord__jsonw_key_uint(jsonw *w, const char *name, uint64_t v)
{
    concord__jsonw_key(w, name);
    concord__jsonw_uint(w, v);
}

void concord__jsonw_key_bool(jsonw *w, const char *name, int v)
{
    concord__jsonw_key(w, name);
    concord__jsonw_bool(w, v);
}

void concord__jsonw_key_double(jsonw *w, const char *name, double v, int precision)
{
    concord__jsonw_key(w, name);
    concord__jsonw_double(w, v, precision);
}

void concord__jsonw_key_fixed(jsonw *w, const char *name, double v, int decimals)
{
    concord__jsonw_key(w, name);
    concord__jsonw_fixed(w, v, decimals);
}
