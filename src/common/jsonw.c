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
