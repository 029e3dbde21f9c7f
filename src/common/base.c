/* base.c: allocation, buffers, JSON string escaping, diagnostics, hashing. */
#include "concord/experimental.h"
#include "concord/base.h"
#include "concord/text.h"
#include "common/base_internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

void concord__fatal(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "concord: %s\n", msg);
    abort();
}

static void S_oom(size_t n)
{
    concord__fatal("out of memory (%zu bytes)", n);
}

void *concord_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        S_oom(n);
    return p;
}

void *concord_xcalloc(size_t count, size_t n)
{
    void *p = calloc(count ? count : 1, n ? n : 1);
    if (!p)
        S_oom(count * n);
    return p;
}

void *concord_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        S_oom(n);
    return q;
}

char *concord_xstrdup(const char *s)
{
    return concord_xstrndup(s, strlen(s));
}

char *concord_xstrndup(const char *s, size_t n)
{
    char *p = concord_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void concord_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c += c / 2 + 8;
    *arr = concord_xrealloc(*arr, c * elem);
    *cap = c;
}

void concord_buf_init(concord_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void concord_buf_free(concord_buf *b)
{
    free(b->data);
    concord_buf_init(b);
}

void concord_buf_clear(concord_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static void S_reserve(concord_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 64;
        while (c < b->len + extra + 1)
            c *= 2;
        b->data = concord_xrealloc(b->data, c);
        b->cap = c;
    }
}

void concord_buf_add(concord_buf *b, const void *p, size_t n)
{
    S_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void concord_buf_adds(concord_buf *b, const char *s)
{
    concord_buf_add(b, s, strlen(s));
}

void concord_buf_addc(concord_buf *b, char c)
{
    S_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void concord_buf_printf(concord_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        S_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

char *concord_buf_detach(concord_buf *b, size_t *len)
{
    if (!b->data)
        concord_buf_add(b, "", 0);
    char *p = b->data;
    if (len)
        *len = b->len;
    concord_buf_init(b);
    return p;
}

void concord_json_strn(concord_buf *b, const char *s, size_t n)
{
    if (!s) {
        concord_buf_adds(b, "null");
        return;
    }
    S_reserve(b, n + 2);
    concord_buf_addc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char tmp[8];
        switch (c) {
            case '"': esc = "\\\""; break;
            case '\\': esc = "\\\\"; break;
            case '\n': esc = "\\n"; break;
            case '\r': esc = "\\r"; break;
            case '\t': esc = "\\t"; break;
            case '<': esc = "\\u003c"; break;
            case '>': esc = "\\u003e"; break;
            case '&': esc = "\\u0026"; break;
            default:
                if (c < 0x20) {
                    snprintf(tmp, sizeof tmp, "\\u%04x", c);
                    esc = tmp;
                } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                           (unsigned char)s[i + 1] <= 0x9F) {
                    /* C1 controls (U+0080..U+009F): CSI and friends to an 8-bit
                 * terminal that shows the JSON */
                    concord_buf_add(b, s + run, i - run);
                    concord_buf_printf(b, "\\u%04x", (unsigned)(unsigned char)s[i + 1]);
                    i += 1;
                    run = i + 1;
                    continue;
                } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                           ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
                    /* U+2028, U+2029: valid JSON raw, but line breaks to many
                 * JSON Lines readers (and to JavaScript before ES2019) */
                    concord_buf_add(b, s + run, i - run);
                    concord_buf_adds(b, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
                    i += 2;
                    run = i + 1;
                    continue;
                }
        }
        if (esc) {
            concord_buf_add(b, s + run, i - run);
            concord_buf_adds(b, esc);
            run = i + 1;
        }
    }
    concord_buf_add(b, s + run, n - run);
    concord_buf_addc(b, '"');
}

void concord_json_str(concord_buf *b, const char *s)
{
    concord_json_strn(b, s, s ? strlen(s) : 0);
}

struct concord_diag {
    concord_diag_fn fn;
    void *ctx;
    concord_diag_fn note_fn; /* notes, when set apart (concord_diag_on_note) */
    void *note_ctx;
    size_t count;
    int quiet;
    pthread_mutex_t lock;
};

concord_diag *concord_diag_new(concord_diag_fn fn, void *ctx)
{
    concord_diag *d = concord_xcalloc(1, sizeof *d);
    d->fn = fn;
    d->ctx = ctx;
    pthread_mutex_init(&d->lock, NULL);
    return d;
}

void concord_diag_free(concord_diag *d)
{
    if (!d)
        return;
    pthread_mutex_destroy(&d->lock);
    free(d);
}

void concord_buf_add_visible(concord_buf *b, const char *s, size_t n, unsigned flags)
{
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f) {
            i++;
            continue;
        }
        concord_buf_add(b, s + run, i - run);
        if (c < 0x20 || c == 0x7f) {
            if ((flags & CONCORD_VISIBLE_SPACES) && (c == '\t' || c == '\n' || c == '\r')) {
                concord_buf_addc(b, ' ');
            } else {
                concord_buf_addc(b, '^');
                concord_buf_addc(b, c == 0x7f ? '?' : (char)(c + 0x40));
            }
            run = ++i;
            continue;
        }
        size_t at = i;
        int32_t cp = concord_utf8_next(s, n, &i);
        if (cp < 0) {
            i = at + 1;
            concord_buf_printf(b, "\\x%02x", c);
        } else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
                   (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
            concord_buf_printf(b, "\\u%04x", (unsigned)cp);
        } else {
            concord_buf_add(b, s + at, i - at);
        }
        run = i;
    }
    concord_buf_add(b, s + run, n - run);
}

static void S_diag_print(const char *file, long line, long pos, const char *msg)
{
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_adds(&b, "concord: ");
    file = file ? file : "-";
    concord_buf_add_visible(&b, file, strlen(file), 0);
    concord_buf_printf(&b, ":%ld:%ld: ", line, pos);
    concord_buf_add_visible(&b, msg, strlen(msg), 0);
    concord_buf_addc(&b, '\n');
    fwrite(b.data, 1, b.len, stderr);
    concord_buf_free(&b);
}

static void S_diag_emit(concord_diag *d, int count, const char *file, long line, long pos,
                        const char *msg)
{
    if (!d) {
        S_diag_print(file, line, pos, msg);
        return;
    }
    pthread_mutex_lock(&d->lock);
    if (count)
        d->count++;
    if (!count && d->note_fn)
        d->note_fn(d->note_ctx, file, line, pos, msg);
    else if (d->fn)
        d->fn(d->ctx, file, line, pos, msg);
    else if (!d->quiet)
        S_diag_print(file, line, pos, msg);
    pthread_mutex_unlock(&d->lock);
}

void concord_diag_report(concord_diag *d, const char *file, long line, long pos, const char *fmt,
                         ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    S_diag_emit(d, 1, file, line, pos, msg);
}

void concord_diag_note(concord_diag *d, const char *file, long line, long pos, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    S_diag_emit(d, 0, file, line, pos, msg);
}

void concord_diag_on_note(concord_diag *d, concord_diag_fn fn, void *ctx)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    d->note_fn = fn;
    d->note_ctx = ctx;
    pthread_mutex_unlock(&d->lock);
}

size_t concord_diag_count(const concord_diag *d)
{
    return d ? d->count : 0;
}

void concord_diag_quiet(concord_diag *d, int quiet)
{
    if (d)
        d->quiet = quiet;
}

uint64_t concord_hash(const void *p, size_t n, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, n, seed);
}

char *concord_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    concord_buf b;
    concord_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        concord_buf_add(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        concord_buf_free(&b);
        return NULL;
    }
    return concord_buf_detach(&b, len);
}

static void S_swap_u64(uint64_t *a, uint64_t *b)
{
    uint64_t t = *a;
    *a = *b;
    *b = t;
}

static void S_quicksort_u64(uint64_t *a, size_t n)
{
    /* quicksort with median-of-three, recursing into the smaller side (stack
     * depth O(log n)); insertion sort below 16 elements */
    while (n > 16) {
        size_t mid = n / 2;
        if (a[mid] < a[0])
            S_swap_u64(&a[mid], &a[0]);
        if (a[n - 1] < a[0])
            S_swap_u64(&a[n - 1], &a[0]);
        if (a[n - 1] < a[mid])
            S_swap_u64(&a[n - 1], &a[mid]);
        uint64_t pivot = a[mid];
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (pivot < a[j])
                j--;
            if (i >= j)
                break;
            S_swap_u64(&a[i], &a[j]);
            i++;
            j--;
        }
        size_t left = j + 1; /* a[0..j] <= pivot <= a[j+1..n) */
        if (left < n - left) {
            S_quicksort_u64(a, left);
            a += left;
            n -= left;
        } else {
            S_quicksort_u64(a + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* Least significant byte first, one counting pass for all eight bytes; a
 * byte that is the same in every value (the high bytes of small numbers)
 * costs no pass.  tmp holds n values. */
static void S_radix_u64(uint64_t *a, size_t n, uint64_t *tmp)
{
    enum { bytes = 8 };
    uint32_t count[bytes][256];
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) {
        uint64_t v = a[i];
        for (unsigned d = 0; d < bytes; d++)
            count[d][(v >> (8 * d)) & 0xff]++;
    }
    uint64_t *src = a, *dst = tmp;
    for (unsigned d = 0; d < bytes; d++) {
        unsigned shift = 8 * d;
        if (count[d][(a[0] >> shift) & 0xff] == n)
            continue;
        uint32_t at = 0;
        for (unsigned b = 0; b < 256; b++) {
            uint32_t c = count[d][b];
            count[d][b] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t v = src[i];
            dst[count[d][(v >> shift) & 0xff]++] = v;
        }
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

void concord_sort_u64(uint64_t *a, size_t n)
{
    size_t sorted = 1;
    while (sorted < n && a[sorted - 1] <= a[sorted])
        sorted++;
    if (sorted >= n)
        return;
    /* past a few hundred values a radix sort beats comparisons; the
     * counts are 32-bit */
    if (n < 512 || n > UINT32_MAX) {
        S_quicksort_u64(a, n);
        return;
    }
    uint64_t *tmp = concord_xmalloc(n * sizeof *tmp);
    S_radix_u64(a, n, tmp);
    free(tmp);
}

size_t concord_count_common_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    /* branch-free steps: which side advances is data, not a jump the
     * processor must guess (two sets of hashes interleave at random) */
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        uint64_t x = a[i], y = b[j];
        common += x == y;
        i += x <= y;
        j += y <= x;
    }
    return common;
}

/* ---- varints (base_internal.h) ------------------------------------------ */

void concord__buf_add_varint(concord_buf *b, uint64_t v)
{
    unsigned char t[10];
    size_t n = 0;
    do {
        t[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            t[n] |= 0x80;
        n++;
    } while (v);
    concord_buf_add(b, t, n);
}

int concord__varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*p >= end)
            return 0;
        unsigned char c = *(*p)++;
        x |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *v = x;
            return 1;
        }
    }
    return 0;
}
