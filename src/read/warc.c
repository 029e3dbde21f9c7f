/* warc.c: WARC 1.0 / 1.1 files (.warc, .warc.gz) to articles.
 *
 * Three layers, each streaming through a bounded buffer:
 *   raw      the file (pread at explicit offsets, so that a broken gzip
 *            member can be skipped by searching forward from its start) or
 *            a memory block;
 *   gunzip   when the input starts with a gzip header: one inflate per member
 *            (CC-NEWS writes a member per record; a whole-file gzip is one
 *            member); corrupt or truncated members are reported and decoding
 *            resumes at the next gzip header after the broken member's start;
 *   records  WARC header lines, then Content-Length bytes of block.  A block
 *            is loaded whole when it is a response (up to the record limit;
 *            longer ones are skipped while streaming), else streamed past.
 * A response carrying HTTP 200 and an HTML payload (Content-Type, else the
 * bytes) is de-chunked, decompressed (gzip, deflate, br; output capped at the
 * record limit) and given to concord_html_article.  Every other record is
 * counted.  A Content-Length that lies is caught when the block is not
 * followed by the blank line and the next "WARC/" header: the reader reports
 * it and resynchronises on the next "WARC/" line. */
#include "warc_internal.h"

#include "concord/html.h"
#include "concord/text.h"

#include <brotli/decode.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define S_RAW_CHUNK ((size_t)64 << 10)
#define S_HEADER_MAX ((size_t)64 << 10)

struct concord_warc {
    char *name;
    concord_diag *diag;
    size_t max_record;
    /* raw layer */
    int fd;
    const unsigned char *mem;
    uint64_t raw_len;   /* memory length, or file size (0 unknown) */
    uint64_t raw_pos;   /* next raw byte to read */
    unsigned char *raw; /* raw chunk */
    size_t raw_have, raw_at;
    int raw_eof;
    /* gunzip layer */
    int gz;
    z_stream z;
    int z_live;
    uint64_t member_start; /* raw offset of the current member */
    uint64_t member_out;   /* decompressed offset where its output starts */
    long members;          /* gzip members started (1 = the first) */
    uint64_t resync_at;    /* decompressed offset after the last resync (0 none) */
    /* decompressed buffer */
    unsigned char *buf;
    size_t cap, pos, end;
    uint64_t buf_off; /* decompressed offset of buf[0] */
    int eof;
    /* records */
    long record;
    concord_warc_stats stats;
};

static void S_report(concord_warc *w, long record, uint64_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void S_report(concord_warc *w, long record, uint64_t off, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    concord_diag_report(w->diag, w->name, record, (long)off, "record %ld at byte %llu: %s", record,
                        (unsigned long long)off, msg);
}

/* A broken gzip member: named by its number and compressed offset (with a
 * member per record, as CC-NEWS writes them, the number is the record's). */
static void S_report_member(concord_warc *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void S_report_member(concord_warc *w, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    concord_diag_report(w->diag, w->name, w->members, (long)w->member_start,
                        "gzip member %ld at compressed byte %llu: %s", w->members,
                        (unsigned long long)w->member_start, msg);
}

/* ---- raw -------------------------------------------------------------- */

static void S_raw_fill(concord_warc *w)
{
    if (w->raw_at < w->raw_have || w->raw_eof)
        return;
    w->raw_at = w->raw_have = 0;
    if (w->mem) {
        uint64_t left = w->raw_len - w->raw_pos;
        size_t n = left < S_RAW_CHUNK ? (size_t)left : S_RAW_CHUNK;
        memcpy(w->raw, w->mem + w->raw_pos, n);
        w->raw_have = n;
    } else {
        ssize_t n;
        do
            n = pread(w->fd, w->raw, S_RAW_CHUNK, (off_t)w->raw_pos);
        while (n < 0 && errno == EINTR);
        if (n < 0) {
            S_report(w, w->record, w->raw_pos, "read error: %s", strerror(errno));
            n = 0;
        }
        w->raw_have = (size_t)n;
    }
    w->raw_pos += w->raw_have;
    if (w->raw_have == 0)
        w->raw_eof = 1;
}

/* Moves the raw layer to offset off (drops the chunk). */
static void S_raw_seek(concord_warc *w, uint64_t off)
{
    w->raw_pos = off;
    w->raw_at = w->raw_have = 0;
    w->raw_eof = w->mem && off >= w->raw_len;
}

static uint64_t S_raw_tell(const concord_warc *w)
{
    return w->raw_pos - (w->raw_have - w->raw_at);
}

/* Next gzip header at or after off; 1 and the raw layer positioned there. */
static int S_find_member(concord_warc *w, uint64_t off)
{
    S_raw_seek(w, off);
    unsigned char prev2 = 0, prev1 = 0;
    uint64_t at = off;
    for (;;) {
        S_raw_fill(w);
        if (w->raw_at >= w->raw_have)
            return 0;
        for (; w->raw_at < w->raw_have; w->raw_at++, at++) {
            unsigned char c = w->raw[w->raw_at];
            if (prev2 == 0x1f && prev1 == 0x8b && c == 8 && at >= off + 2) {
                S_raw_seek(w, at - 2);
                return 1;
            }
            prev2 = prev1;
            prev1 = c;
        }
    }
}

/* ---- decompressed buffer ------------------------------------------------ */

/* Appends decompressed bytes; returns 0 at the end of the input. */
static int S_more(concord_warc *w)
{
    if (w->eof)
        return 0;
    if (w->end == w->cap) {
        if (w->pos > 0) {
            memmove(w->buf, w->buf + w->pos, w->end - w->pos);
            w->buf_off += w->pos;
            w->end -= w->pos;
            w->pos = 0;
        } else {
            w->cap *= 2;
            w->buf = concord_xrealloc(w->buf, w->cap);
        }
    }
    for (;;) {
        S_raw_fill(w);
        if (w->raw_at >= w->raw_have) {
            if (w->gz && w->z_live && w->z.total_in > 0)
                S_report_member(w, "truncated at the end of the file");
            w->eof = 1;
            return 0;
        }
        if (!w->gz) {
            size_t n = w->raw_have - w->raw_at;
            if (n > w->cap - w->end)
                n = w->cap - w->end;
            memcpy(w->buf + w->end, w->raw + w->raw_at, n);
            w->raw_at += n;
            w->end += n;
            return 1;
        }
        if (!w->z_live) {
            w->member_start = S_raw_tell(w);
            w->member_out = w->buf_off + w->end;
            w->members++;
            inflateReset2(&w->z, 15 + 16);
            w->z.total_in = 0;
            w->z_live = 1;
        }
        w->z.next_in = w->raw + w->raw_at;
        w->z.avail_in = (uInt)(w->raw_have - w->raw_at);
        w->z.next_out = w->buf + w->end;
        w->z.avail_out = (uInt)(w->cap - w->end);
        int rc = inflate(&w->z, Z_NO_FLUSH);
        size_t used = (w->raw_have - w->raw_at) - w->z.avail_in;
        size_t made = (w->cap - w->end) - w->z.avail_out;
        w->raw_at += used;
        w->end += made;
        if (rc == Z_STREAM_END) {
            w->z_live = 0;
            /* skip padding (NUL bytes) between members */
            for (;;) {
                S_raw_fill(w);
                if (w->raw_at >= w->raw_have || w->raw[w->raw_at] != 0)
                    break;
                w->raw_at++;
            }
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            uint64_t bad = w->member_start;
            S_report_member(w, "corrupt (%s); skipping to the next member",
                            w->z.msg ? w->z.msg : "data error");
            w->z_live = 0;
            /* what the broken member produced is not trusted: dropped when
             * the record layer has not looked at it yet */
            if (w->member_out >= w->buf_off + w->pos) {
                w->end = (size_t)(w->member_out - w->buf_off);
                made = 0;
            }
            if (!S_find_member(w, bad + 1)) {
                w->eof = 1;
                return made > 0;
            }
            w->resync_at = w->buf_off + w->end;
            w->stats.resyncs++;
        }
        if (made)
            return 1;
    }
}

/* Makes n bytes available from pos (fewer at the end); returns what is there. */
static size_t S_ensure(concord_warc *w, size_t n)
{
    while (w->end - w->pos < n && S_more(w))
        ;
    return w->end - w->pos;
}

static uint64_t S_off(const concord_warc *w)
{
    return w->buf_off + w->pos;
}

/* ---- opening ------------------------------------------------------------ */

static concord_warc *S_new(const char *name, concord_diag *diag, size_t max_record)
{
    concord_warc *w = concord_xcalloc(1, sizeof *w);
    w->name = concord_xstrdup(name ? name : "-");
    w->diag = diag;
    w->max_record = max_record ? max_record : ((size_t)32 << 20);
    w->fd = -1;
    w->raw = concord_xmalloc(S_RAW_CHUNK);
    w->cap = (size_t)256 << 10;
    w->buf = concord_xmalloc(w->cap);
    return w;
}

static void S_detect(concord_warc *w)
{
    S_raw_fill(w);
    if (w->raw_have >= 2 && w->raw[0] == 0x1f && w->raw[1] == 0x8b) {
        w->gz = 1;
        memset(&w->z, 0, sizeof w->z);
        inflateInit2(&w->z, 15 + 16);
    }
}

concord_warc *concord_warc_open_fd(int fd, const char *name, concord_diag *diag, size_t max_record)
{
    concord_warc *w = S_new(name, diag, max_record);
    w->fd = fd;
    S_detect(w);
    return w;
}

concord_warc *concord_warc_open_memory(const void *data, size_t len, const char *name,
                                       concord_diag *diag, size_t max_record)
{
    concord_warc *w = S_new(name, diag, max_record);
    w->mem = data ? data : (const void *)"";
    w->raw_len = data ? len : 0;
    S_detect(w);
    return w;
}

void concord_warc_close(concord_warc *w)
{
    if (!w)
        return;
    if (w->gz)
        inflateEnd(&w->z);
    if (w->fd >= 0)
        close(w->fd);
    free(w->raw);
    free(w->buf);
    free(w->name);
    free(w);
}

uint64_t concord_warc_bytes(const concord_warc *w)
{
    return w ? S_raw_tell(w) : 0;
}

void concord_warc_get_stats(const concord_warc *w, concord_warc_stats *out)
{
    if (w && out)
        *out = w->stats;
}

/* ---- header fields -------------------------------------------------------- */

/* Value of header name in a block of "Name: value" lines (case-insensitive),
 * copied into out (trimmed); 0 if absent. */
static int S_field(const char *h, size_t n, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    size_t i = 0;
    while (i < n) {
        const char *eol = memchr(h + i, '\n', n - i);
        size_t e = eol ? (size_t)(eol - h) : n;
        if (e - i > nl && strncasecmp(h + i, name, nl) == 0 && h[i + nl] == ':') {
            size_t v = i + nl + 1, ve = e;
            while (v < ve && (h[v] == ' ' || h[v] == '\t'))
                v++;
            while (ve > v && (h[ve - 1] == '\r' || h[ve - 1] == ' ' || h[ve - 1] == '\t'))
                ve--;
            size_t k = ve - v < cap - 1 ? ve - v : cap - 1;
            memcpy(out, h + v, k);
            out[k] = 0;
            return 1;
        }
        i = e + 1;
    }
    if (cap)
        out[0] = 0;
    return 0;
}

/* ---- HTTP payloads -------------------------------------------------------- */

/* De-chunks in place; returns the new length (what could be decoded). */
static size_t S_dechunk(unsigned char *p, size_t n, int *broken)
{
    size_t in = 0, out = 0;
    *broken = 0;
    for (;;) {
        size_t size = 0;
        int digits = 0;
        while (in < n &&
               ((p[in] >= '0' && p[in] <= '9') || ((p[in] | 32) >= 'a' && (p[in] | 32) <= 'f'))) {
            int d = p[in] <= '9' ? p[in] - '0' : (p[in] | 32) - 'a' + 10;
            if (size > ((size_t)1 << 40)) {
                *broken = 1;
                return out;
            }
            size = size * 16 + (size_t)d;
            in++;
            digits++;
        }
        if (!digits) {
            *broken = in < n;
            return out;
        }
        while (in < n && p[in] != '\n')
            in++; /* chunk extensions */
        in++;
        if (size == 0)
            return out;
        if (in > n || size > n - in) {
            size_t have = in < n ? n - in : 0;
            memmove(p + out, p + in, have);
            *broken = 1;
            return out + have;
        }
        memmove(p + out, p + in, size);
        out += size;
        in += size;
        if (in < n && p[in] == '\r')
            in++;
        if (in < n && p[in] == '\n')
            in++;
    }
}

/* zlib inflate of gzip or deflate (zlib-wrapped or raw) data, capped. */
static unsigned char *S_inflate(const unsigned char *p, size_t n, int window, size_t cap,
                                size_t *out_len, int *err)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    *err = 0;
    if (inflateInit2(&z, window) != Z_OK) {
        *err = 1;
        return NULL;
    }
    size_t ocap = n * 4 + 4096, ol = 0;
    if (ocap > cap + 1)
        ocap = cap + 1;
    unsigned char *out = concord_xmalloc(ocap);
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)n;
    for (;;) {
        if (ol == ocap) {
            if (ocap > cap) {
                *err = 2;
                break;
            }
            ocap = ocap * 2 > cap + 1 ? cap + 1 : ocap * 2;
            out = concord_xrealloc(out, ocap);
        }
        z.next_out = out + ol;
        z.avail_out = (uInt)(ocap - ol);
        int rc = inflate(&z, Z_NO_FLUSH);
        ol = ocap - z.avail_out;
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK) {
            if (!(rc == Z_BUF_ERROR && z.avail_out > 0))
                *err = 1;
            else
                *err = 3; /* truncated */
            break;
        }
    }
    inflateEnd(&z);
    *out_len = ol > cap ? cap : ol;
    return out;
}

static unsigned char *S_unbrotli(const unsigned char *p, size_t n, size_t cap, size_t *out_len,
                                 int *err)
{
    BrotliDecoderState *s = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    *err = 0;
    if (!s) {
        *err = 1;
        return NULL;
    }
    size_t ocap = n * 4 + 4096, ol = 0;
    if (ocap > cap + 1)
        ocap = cap + 1;
    unsigned char *out = concord_xmalloc(ocap);
    const uint8_t *next_in = p;
    size_t avail_in = n;
    for (;;) {
        uint8_t *next_out = out + ol;
        size_t avail_out = ocap - ol;
        BrotliDecoderResult r =
            BrotliDecoderDecompressStream(s, &avail_in, &next_in, &avail_out, &next_out, NULL);
        ol = ocap - avail_out;
        if (r == BROTLI_DECODER_RESULT_SUCCESS)
            break;
        if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
            if (ocap > cap) {
                *err = 2;
                break;
            }
            ocap = ocap * 2 > cap + 1 ? cap + 1 : ocap * 2;
            out = concord_xrealloc(out, ocap);
            continue;
        }
        *err = r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT ? 3 : 1;
        break;
    }
    BrotliDecoderDestroyInstance(s);
    *out_len = ol > cap ? cap : ol;
    return out;
}

static int S_is_html_type(const char *type)
{
    return strncasecmp(type, "text/html", 9) == 0 ||
           strncasecmp(type, "application/xhtml", 17) == 0;
}

static int S_looks_html(const unsigned char *p, size_t n)
{
    size_t k = n < 1024 ? n : 1024;
    for (size_t i = 0; i + 5 < k; i++)
        if (p[i] == '<' && (strncasecmp((const char *)p + i + 1, "html", 4) == 0 ||
                            strncasecmp((const char *)p + i + 1, "!doctype", 8) == 0 ||
                            strncasecmp((const char *)p + i + 1, "head", 4) == 0 ||
                            strncasecmp((const char *)p + i + 1, "body", 4) == 0))
            return 1;
    return 0;
}

/* Article id from "<urn:uuid:X>": "X" when it is a plain token, else a hash. */
static char *S_record_id(const char *rid, const char *uri, const char *date)
{
    const char *p = rid;
    if (*p == '<')
        p++;
    if (strncasecmp(p, "urn:uuid:", 9) == 0)
        p += 9;
    size_t n = strcspn(p, ">");
    int plain = n >= 8 && n <= 64;
    for (size_t i = 0; i < n && plain; i++)
        plain = (p[i] >= '0' && p[i] <= '9') || ((p[i] | 32) >= 'a' && (p[i] | 32) <= 'z') ||
                p[i] == '-';
    char buf[80];
    if (plain) {
        snprintf(buf, sizeof buf, "%.*s", (int)n, p);
        return concord_xstrdup(buf);
    }
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_printf(&b, "%s\n%s\n%s", rid, uri, date);
    snprintf(buf, sizeof buf, "w%016llx", (unsigned long long)concord_hash(b.data, b.len, 0));
    concord_buf_free(&b);
    return concord_xstrdup(buf);
}

/* The article of a response block, or NULL (counted). */
static concord_article *S_response(concord_warc *w, unsigned char *blk, size_t n, const char *uri,
                                   const char *date, const char *rid, uint64_t off)
{
    /* HTTP status line and headers */
    if (n < 12 || strncmp((const char *)blk, "HTTP/", 5) != 0) {
        w->stats.skipped_other++;
        return NULL;
    }
    unsigned char *hend = NULL;
    for (size_t i = 0; i + 1 < n && i < S_HEADER_MAX; i++) {
        if (blk[i] == '\n' &&
            (blk[i + 1] == '\n' || (blk[i + 1] == '\r' && i + 2 < n && blk[i + 2] == '\n'))) {
            hend = blk + i + (blk[i + 1] == '\n' ? 2 : 3);
            break;
        }
    }
    if (!hend) {
        S_report(w, w->record, off, "HTTP headers of %s do not end; record skipped", uri);
        w->stats.skipped_broken++;
        return NULL;
    }
    const char *sp = memchr(blk, ' ', (size_t)(hend - blk));
    int status = sp ? atoi(sp + 1) : 0;
    if (status != 200) {
        w->stats.skipped_status++;
        return NULL;
    }
    size_t hl = (size_t)(hend - blk);
    char type[256], enc[64], te[64];
    S_field((const char *)blk, hl, "Content-Type", type, sizeof type);
    S_field((const char *)blk, hl, "Content-Encoding", enc, sizeof enc);
    S_field((const char *)blk, hl, "Transfer-Encoding", te, sizeof te);
    unsigned char *body = hend;
    size_t bl = n - hl;
    if (strcasestr(te, "chunked")) {
        int broken;
        bl = S_dechunk(body, bl, &broken);
        if (broken)
            S_report(w, w->record, off, "bad chunked encoding in %s; kept what decoded", uri);
    }
    unsigned char *dec = NULL;
    size_t dl = 0;
    int err = 0;
    if (!strcasecmp(enc, "gzip") || !strcasecmp(enc, "x-gzip"))
        dec = S_inflate(body, bl, 15 + 16, w->max_record, &dl, &err);
    else if (!strcasecmp(enc, "deflate")) {
        dec = S_inflate(body, bl, 15, w->max_record, &dl, &err);
        if (err == 1) {
            free(dec);
            dec = S_inflate(body, bl, -15, w->max_record, &dl, &err);
        }
    } else if (!strcasecmp(enc, "br"))
        dec = S_unbrotli(body, bl, w->max_record, &dl, &err);
    else if (enc[0] && strcasecmp(enc, "identity") && strcasecmp(enc, "none")) {
        S_report(w, w->record, off, "unknown Content-Encoding \"%s\" in %s; record skipped", enc,
                 uri);
        w->stats.skipped_broken++;
        return NULL;
    }
    if (enc[0] && dec && err) {
        S_report(w, w->record, off, "%s payload of %s %s; %s", enc, uri,
                 err == 2   ? "larger than the record limit"
                 : err == 3 ? "truncated"
                            : "corrupt",
                 dl ? "kept what decoded" : "record skipped");
        if (!dl) {
            free(dec);
            w->stats.skipped_broken++;
            return NULL;
        }
    }
    const unsigned char *page = dec ? dec : body;
    size_t pl = dec ? dl : bl;
    int html = type[0] ? S_is_html_type(type) : S_looks_html(page, pl);
    if (!html) {
        free(dec);
        w->stats.skipped_type++;
        return NULL;
    }
    char *id = S_record_id(rid, uri, date);
    concord_html_source src;
    memset(&src, 0, sizeof src);
    src.id = id;
    src.url = uri;
    src.date = date;
    src.content_type = type;
    src.origin = w->name;
    src.line = w->record;
    src.offset = (long)off;
    concord_html_stats st;
    w->stats.html_bytes += pl;
    concord_article *a = concord_html_article(page, pl, &src, w->diag, &st);
    free(id);
    free(dec);
    if (a->text_len == 0) {
        if (!st.binary)
            S_report(w, w->record, off, "no main text found in the page %s; skipped", uri);
        concord_article_free(a);
        w->stats.skipped_empty++;
        return NULL;
    }
    w->stats.articles++;
    return a;
}

/* ---- records -------------------------------------------------------------- */

/* Skips to the next line starting "WARC/" (or the end). */
static void S_resync(concord_warc *w)
{
    w->stats.resyncs++;
    for (;;) {
        size_t have = S_ensure(w, 8);
        if (have < 8) {
            w->pos = w->end;
            return;
        }
        unsigned char *p = w->buf + w->pos;
        size_t n = w->end - w->pos;
        for (size_t i = 0; i + 7 < n; i++)
            if ((i == 0 || p[i - 1] == '\n') && memcmp(p + i, "WARC/", 5) == 0) {
                w->pos += i;
                return;
            }
        w->pos += n - 7;
        if (!S_more(w) && w->end - w->pos < 8) {
            w->pos = w->end;
            return;
        }
    }
}

/* Skips the blank lines between records; 0 at the end of the input. */
static int S_skip_blank_lines(concord_warc *w)
{
    for (;;) {
        if (S_ensure(w, 1) == 0)
            return 0;
        unsigned char c = w->buf[w->pos];
        if (c != '\r' && c != '\n')
            return 1;
        w->pos++;
    }
}

/* Finds the blank line that ends the header at w->pos: *hl is the offset of
 * its first '\n'.  0 when the input or S_HEADER_MAX came first. */
static int S_find_header_end(concord_warc *w, size_t *hl_out)
{
    size_t hl = 0;
    int found = 0;
    for (;;) {
        size_t want = hl + 4;
        size_t have = S_ensure(w, want);
        unsigned char *p = w->buf + w->pos;
        for (; hl + 1 < have; hl++)
            if (p[hl] == '\n' &&
                (p[hl + 1] == '\n' || (p[hl + 1] == '\r' && hl + 2 < have && p[hl + 2] == '\n'))) {
                found = 1;
                break;
            }
        if (found || have < want || hl > S_HEADER_MAX)
            break;
    }
    *hl_out = hl;
    return found;
}

/* What is at w->pos does not start "WARC/1.": says what it is and moves on. */
static void S_skip_not_warc(concord_warc *w, uint64_t rec_off)
{
    const unsigned char *h = w->buf + w->pos;
    int known = w->end - w->pos >= 5 && memcmp(h, "WARC/", 5) == 0;
    char ver[16] = "";
    if (known) {
        size_t k = 0;
        while (k < 15 && w->pos + 5 + k < w->end && h[5 + k] > ' ')
            k++;
        memcpy(ver, h + 5, k);
        ver[k] = 0;
    }
    S_report(w, w->record, rec_off,
             known ? "unknown WARC version %s; skipped to the next record"
                   : "%sno WARC header here; skipped to the next record",
             known ? ver : "");
    w->stats.skipped_broken++;
    w->pos++;
    S_resync(w);
}

/* The header fields a record needs. */
typedef struct S_warc_head {
    char type[64], uri[2048], date[64], rid[256], clen[32];
    unsigned long long len; /* Content-Length */
} S_warc_head;

/* Reads the fields of the header h[0..hl); 0 when Content-Length is missing
 * or not a number (the record cannot be delimited). */
static int S_read_head(const unsigned char *h, size_t hl, S_warc_head *hd)
{
    const char *t = (const char *)h;
    S_field(t, hl, "WARC-Type", hd->type, sizeof hd->type);
    S_field(t, hl, "WARC-Target-URI", hd->uri, sizeof hd->uri);
    S_field(t, hl, "WARC-Date", hd->date, sizeof hd->date);
    S_field(t, hl, "WARC-Record-ID", hd->rid, sizeof hd->rid);
    int has_len = S_field(t, hl, "Content-Length", hd->clen, sizeof hd->clen);
    char *end = NULL;
    errno = 0;
    hd->len = has_len ? strtoull(hd->clen, &end, 10) : 0;
    if (!has_len || end == hd->clen || *end || errno)
        return 0;
    /* the URI may be written <...> (WARC 1.0 examples) */
    if (hd->uri[0] == '<') {
        size_t ul = strlen(hd->uri);
        memmove(hd->uri, hd->uri + 1, ul);
        if (ul >= 2 && hd->uri[ul - 2] == '>')
            hd->uri[ul - 2] = 0;
    }
    return 1;
}

/* Brings a block of len bytes into the buffer at w->pos (load: *blk_len is
 * what arrived) or streams past it without keeping it.  1 when the input
 * ends inside the block. */
static int S_take_block(concord_warc *w, int load, unsigned long long len, size_t *blk_len)
{
    *blk_len = 0;
    if (load) {
        size_t have = S_ensure(w, (size_t)len + 4);
        *blk_len = have < len ? have : (size_t)len;
        return have < len;
    }
    uint64_t left = len;
    while (left > 0) {
        size_t have = S_ensure(w, 1);
        if (have == 0)
            return 1;
        size_t step = have < left ? have : (size_t)left;
        w->pos += step;
        left -= step;
        /* keep the buffer from growing: everything before pos is done */
        if (w->pos == w->end) {
            w->buf_off += w->pos;
            w->pos = w->end = 0;
        }
    }
    return 0;
}

/* Offset just past the "\n\n" (or "\n\r\n") that starts a WARC header inside
 * the block blk[0..n), 0 when none does. */
static size_t S_record_inside(const unsigned char *blk, size_t n)
{
    for (size_t i = 0; i + 10 < n; i++)
        if (blk[i] == '\n' && memcmp(blk + i + 1, "WARC/", 5) == 0 && i >= 1 &&
            (blk[i - 1] == '\n' || (blk[i - 1] == '\r' && i >= 3 && blk[i - 2] == '\n')))
            return i + 1;
    return 0;
}

/* Whether Content-Length told the truth: 0 it did; 2 the input ended inside
 * the block; 1 the block is not followed by CRLF CRLF and a record (or the
 * end), and then a loaded block is cut where a record starts inside it. */
static int S_length_lies(concord_warc *w, uint64_t rec_off, const S_warc_head *hd, int load,
                         int response, int truncated, size_t *blk_len)
{
    if (truncated) {
        S_report(w, w->record, rec_off,
                 "Content-Length %llu runs past the end of the file (%zu bytes there); "
                 "record %s",
                 hd->len, load ? *blk_len : (size_t)0, load ? "read as far as it goes" : "skipped");
        return 2;
    }
    size_t after = load ? *blk_len : 0;
    size_t have = S_ensure(w, after + 12);
    const unsigned char *blk = w->buf + w->pos;
    size_t k = after;
    while (k < have && k < after + 4 && (blk[k] == '\r' || blk[k] == '\n'))
        k++;
    int next_ok = k >= have || (have - k >= 5 && memcmp(blk + k, "WARC/", 5) == 0);
    if (next_ok && !(k == after && k < have))
        return 0;
    size_t cut = load ? S_record_inside(blk, *blk_len) : 0;
    S_report(w, w->record, rec_off, "Content-Length %llu does not match the record (%s); %s",
             hd->len, cut ? "the next record starts inside it" : "no record follows it",
             response ? "record read up to the next WARC header" : "resynchronised");
    if (cut)
        *blk_len = cut;
    return 1;
}

/* A record that is not a response, counted by its type. */
static void S_count_skipped(concord_warc *w, const char *type)
{
    if (!strcmp(type, "request"))
        w->stats.skipped_request++;
    else if (!strcmp(type, "metadata"))
        w->stats.skipped_metadata++;
    else if (!strcmp(type, "warcinfo"))
        w->stats.skipped_warcinfo++;
    else
        w->stats.skipped_other++;
}

/* One record a turn: blank lines, the header (S_find_header_end,
 * S_read_head), the block (S_take_block), the check of its length
 * (S_length_lies), then the response's page (S_response).  Every broken
 * record is reported and skipped, resynchronising on the next "WARC/". */
int concord_warc_next(concord_warc *w, concord_article **out)
{
    *out = NULL;
    for (;;) {
        if (!S_skip_blank_lines(w))
            return 0;
        w->record++;
        w->stats.records++;
        uint64_t rec_off = S_off(w);
        size_t hl = 0;
        int found = S_find_header_end(w, &hl);
        unsigned char *h = w->buf + w->pos;
        if (w->end - w->pos < 7 || memcmp(h, "WARC/1.", 7) != 0) {
            S_skip_not_warc(w, rec_off);
            continue;
        }
        if (!found) {
            if (hl > S_HEADER_MAX)
                S_report(w, w->record, rec_off, "WARC header longer than %zu bytes; skipped",
                         S_HEADER_MAX);
            else
                S_report(w, w->record, rec_off, "WARC header cut off by the end of the file");
            w->stats.skipped_broken++;
            if (hl > S_HEADER_MAX) {
                w->pos++;
                S_resync(w);
                continue;
            }
            w->pos = w->end;
            return 0;
        }
        size_t hsize = hl + (h[hl + 1] == '\n' ? 2 : 3);
        S_warc_head hd;
        if (!S_read_head(h, hl, &hd)) {
            S_report(w, w->record, rec_off, "missing or bad Content-Length \"%s\"; skipped",
                     hd.clen);
            w->stats.skipped_broken++;
            w->pos += hsize;
            S_resync(w);
            continue;
        }
        w->pos += hsize;
        uint64_t blk_off = S_off(w);
        int response = strcmp(hd.type, "response") == 0;
        int load = response && hd.len <= w->max_record;
        if (response && !load) {
            S_report(w, w->record, rec_off,
                     "response of %llu bytes is larger than the record limit of %zu; skipped",
                     hd.len, w->max_record);
            w->stats.skipped_broken++;
        }
        uint64_t resync_before = w->resync_at;
        size_t blk_len;
        int truncated = S_take_block(w, load, hd.len, &blk_len);
        /* a gzip member lost inside the block: the block ends where decoding resumed */
        if (w->resync_at != resync_before && w->resync_at > blk_off &&
            w->resync_at < blk_off + hd.len + 4) {
            S_report(w, w->record, rec_off, "record broken by a corrupt gzip member; skipped");
            w->stats.skipped_broken++;
            if (load)
                w->pos = (size_t)(w->resync_at - w->buf_off);
            continue;
        }
        int lying = S_length_lies(w, rec_off, &hd, load, response, truncated, &blk_len);
        concord_article *a = NULL;
        if (response && load)
            a = S_response(w, w->buf + w->pos, blk_len, hd.uri, hd.date, hd.rid, rec_off);
        else if (!response)
            S_count_skipped(w, hd.type);
        if (load)
            w->pos += blk_len;
        if (lying == 1)
            S_resync(w);
        if (a) {
            *out = a;
            return 1;
        }
    }
}
