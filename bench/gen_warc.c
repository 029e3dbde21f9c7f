/* gen_warc: builds a WARC 1.1 file from saved HTML pages, for benchmarks and
 * tests.
 *
 *   gen_warc [-o OUT.warc.gz] [--bytes N] [--plain] PAGE.html[.gz]... | DIR
 *
 * Writes a warcinfo record, then for each page (cycled until N bytes of HTML
 * have been written; default: each page once) a request, a response
 * (HTTP/1.1 200, Content-Type text/html; every third body gzip-encoded, every
 * fifth chunked) and a metadata record.  Output is gzip-compressed with one
 * member per record (as CC-NEWS) unless --plain or OUT ends in ".warc".
 * Deterministic: same pages, same file. */
#include "concord/base.h"
#include "bench_pages.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static FILE *S_out;
static int S_gz;

static void S_write_record(const char *type, const char *uri, unsigned long long seq,
                           const char *body, size_t len, const char *ctype)
{
    concord_buf r;
    concord_buf_init(&r);
    concord_buf_printf(
        &r,
        "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08llx-0000-4000-8000-%012llx>\r\n"
        "WARC-Date: 2024-03-%02lluT10:00:00Z\r\n",
        type, seq, seq * 7919ULL, 1 + seq % 28);
    if (uri)
        concord_buf_printf(&r, "WARC-Target-URI: %s\r\n", uri);
    concord_buf_printf(&r, "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n", ctype, len);
    concord_buf_add(&r, body, len);
    concord_buf_adds(&r, "\r\n\r\n");
    if (!S_gz) {
        fwrite(r.data, 1, r.len, S_out);
    } else {
        z_stream z;
        memset(&z, 0, sizeof z);
        deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
        size_t cap = deflateBound(&z, r.len);
        unsigned char *out = malloc(cap);
        z.next_in = (unsigned char *)r.data;
        z.avail_in = (uInt)r.len;
        z.next_out = out;
        z.avail_out = (uInt)cap;
        deflate(&z, Z_FINISH);
        fwrite(out, 1, cap - z.avail_out, S_out);
        deflateEnd(&z);
        free(out);
    }
    concord_buf_free(&r);
}

static void S_gzip_body(const char *in, size_t n, concord_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, n);
    unsigned char *o = malloc(cap);
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)n;
    z.next_out = o;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    concord_buf_add(out, o, cap - z.avail_out);
    deflateEnd(&z);
    free(o);
}

int main(int argc, char **argv)
{
    const char *out_path = "-";
    unsigned long long target = 0;
    int plain = 0;
    char **files = NULL;
    size_t n_files = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out_path = argv[++i];
        } else if (!strcmp(argv[i], "--bytes") && i + 1 < argc) {
            target = strtoull(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--plain")) {
            plain = 1;
        } else {
            bench_pages_add(argv[i], &files, &n_files);
        }
    }
    if (!n_files) {
        fprintf(stderr, "usage: gen_warc [-o OUT.warc.gz] [--bytes N] [--plain] PAGES... | DIR\n");
        return 2;
    }
    qsort(files, n_files, sizeof *files, S_cmp);
    size_t ol = strlen(out_path);
    S_gz = !plain && !(ol >= 5 && !strcmp(out_path + ol - 5, ".warc")) && strcmp(out_path, "-");
    S_out = strcmp(out_path, "-") ? fopen(out_path, "wb") : stdout;
    if (!S_out) {
        perror(out_path);
        return 1;
    }
    const char *info = "software: concord gen_warc\r\nformat: WARC File Format 1.1\r\n";
    S_write_record("warcinfo", NULL, 0, info, strlen(info), "application/warc-fields");
    unsigned long long html = 0, seq = 1;
    for (size_t round = 0;; round++) {
        for (size_t i = 0; i < n_files; i++) {
            size_t len;
            char *page = bench_pages_load(files[i], &len);
            if (!page)
                continue;
            const char *base = strrchr(files[i], '/');
            base = base ? base + 1 : files[i];
            char uri[600];
            snprintf(uri, sizeof uri, "https://pages.example/%zu/%.*s", round,
                     (int)strcspn(base, "."), base);
            concord_buf req;
            concord_buf_init(&req);
            concord_buf_printf(&req, "GET /%zu/%s HTTP/1.1\r\nHost: pages.example\r\n\r\n", round,
                               base);
            S_write_record("request", uri, seq++, req.data, req.len,
                           "application/http; msgtype=request");
            concord_buf_free(&req);
            concord_buf body, resp;
            concord_buf_init(&body);
            concord_buf_init(&resp);
            int gz = seq % 3 == 0, chunked = seq % 5 == 0;
            if (gz)
                S_gzip_body(page, len, &body);
            else
                concord_buf_add(&body, page, len);
            concord_buf_printf(&resp, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n%s%s",
                               gz ? "Content-Encoding: gzip\r\n" : "",
                               chunked ? "Transfer-Encoding: chunked\r\n" : "");
            if (chunked) {
                concord_buf_adds(&resp, "\r\n");
                for (size_t at = 0; at < body.len; at += 4096) {
                    size_t n = body.len - at < 4096 ? body.len - at : 4096;
                    concord_buf_printf(&resp, "%zx\r\n", n);
                    concord_buf_add(&resp, body.data + at, n);
                    concord_buf_adds(&resp, "\r\n");
                }
                concord_buf_adds(&resp, "0\r\n\r\n");
            } else {
                concord_buf_printf(&resp, "Content-Length: %zu\r\n\r\n", body.len);
                concord_buf_add(&resp, body.data, body.len);
            }
            S_write_record("response", uri, seq++, resp.data, resp.len,
                           "application/http; msgtype=response");
            const char *meta = "fetchTimeMs: 120\r\n";
            S_write_record("metadata", uri, seq++, meta, strlen(meta), "application/warc-fields");
            concord_buf_free(&body);
            concord_buf_free(&resp);
            free(page);
            html += len;
            if (target && html >= target)
                break;
        }
        if (!target || html >= target)
            break;
    }
    if (S_out != stdout)
        fclose(S_out);
    fprintf(stderr, "gen_warc: %llu bytes of HTML in %llu records\n", html, seq);
    for (size_t i = 0; i < n_files; i++)
        free(files[i]);
    free(files);
    return 0;
}
