/* test_html.c: web input (issue 11).  Main-text extraction on project-written
 * pages (what must stay, what must go), charsets, page metadata, bad pages
 * (deep nesting, script-only, truncated, binary), WARC files (gzip member per
 * record, whole-file gzip, chunked, gzip / deflate / br bodies, skipped record
 * kinds, lying Content-Length, a corrupt gzip member mid-file, an unknown
 * version) and JSON Lines records carrying "html". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "concord/html.h"
#include "concord/read.h"
#include "concord/text.h"
#include "concord/experimental.h"

/* ---- helpers ----------------------------------------------------------- */

typedef struct capture {
    char text[64][600];
    long line[64], pos[64];
    size_t n;
} capture;

static void on_diag(void *ctx, const char *file, long line, long pos, const char *text)
{
    capture *c = ctx;
    (void)file;
    if (c->n < 64) {
        snprintf(c->text[c->n], sizeof c->text[0], "%s", text);
        c->line[c->n] = line;
        c->pos[c->n] = pos;
    }
    c->n++;
}

static int has_msg(const capture *c, const char *needle)
{
    for (size_t i = 0; i < c->n && i < 64; i++)
        if (strstr(c->text[i], needle))
            return 1;
    return 0;
}

static concord_article *page(const char *html, const char *url)
{
    concord_html_source src = {0};
    src.url = url;
    src.origin = "test.html";
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    concord_article *a = concord_html_article(html, strlen(html), &src, d, NULL);
    concord_diag_free(d);
    return a;
}

static const char *S_news =
    "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
    "<title>Harbour crane topples in storm | The Lakeside Courier</title>"
    "<meta property=\"og:site_name\" content=\"The Lakeside Courier\">"
    "<link rel=\"canonical\" href=\"https://courier.example/news/crane\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
    "\"Harbour crane topples in storm\",\"datePublished\":\"2023-11-04T08:15:00+01:00\","
    "\"author\":{\"@type\":\"Person\",\"name\":\"Mira Holt\"}}</script></head><body>"
    "<header><a href=\"/\">The Lakeside Courier</a><nav><ul><li><a href=\"/n\">News</a></li>"
    "<li><a href=\"/s\">Sport</a></li><li><a href=\"/w\">Weather</a></li></ul></nav></header>"
    "<div class=\"cookie-notice\">We use cookies to improve your experience. Accept all cookies "
    "or manage your settings in the privacy centre.</div>"
    "<main><article><h1>Harbour crane topples in storm</h1>"
    "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share by "
    "email</a></div>"
    "<p>A container crane toppled onto the north quay of Lakeside harbour late on Friday, "
    "as gusts of up to 140 km/h swept the coast, the port authority said.</p>"
    "<p>Nobody was injured, but two ships were held at anchor overnight and the quay will "
    "stay closed for at least a week while engineers inspect the damage, officials said.</p>"
    "<h2>Warnings ignored</h2>"
    "<p>Dock workers said they had warned in the spring that the crane's anchoring bolts were "
    "corroded, and that repairs had been postponed twice because of the cost.</p>"
    "<blockquote><p>We raised this in April, and again in June, and nothing "
    "happened.</p></blockquote>"
    "<ul><li>Quay 3 closed until further notice, with ferries moved to quay 5</li>"
    "<li>Freight traffic diverted to the southern terminal for the time being</li></ul>"
    "<p>The port authority has ordered an inquiry, and its chair, Ines Varga, said the findings "
    "would be published in full.</p></article>"
    "<aside><h3>Related stories</h3><ul><li><a href=\"/a\">Storm closes schools</a></li>"
    "<li><a href=\"/b\">Ferry delays expected</a></li></ul></aside></main>"
    "<div id=\"comments\"><h3>3 comments</h3><p>Posted by harbourfan: this was bound to happen, "
    "everybody at the docks knew it for years.</p></div>"
    "<footer><p>Copyright 2023 The Lakeside Courier. All rights reserved.</p>"
    "<a href=\"/imprint\">Imprint</a> <a href=\"/privacy\">Privacy</a></footer></body></html>";

/* ---- extraction -------------------------------------------------------- */

static void test_extracts_article(void **state)
{
    (void)state;
    concord_article *a = page(S_news, "https://www.courier.example/news/2023/11/04/crane");
    const char *keep[] = {"A container crane toppled",
                          "stay closed for at least a week",
                          "Warnings ignored",
                          "We raised this in April",
                          "Quay 3 closed until further notice",
                          "would be published in full"};
    const char *drop[] = {"Sport",
                          "We use cookies",
                          "Share on Facebook",
                          "Related stories",
                          "Storm closes schools",
                          "harbourfan",
                          "All rights reserved",
                          "Imprint"};
    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
        if (!strstr(a->text, keep[i]))
            fail_msg("kept text lacks \"%s\":\n%s", keep[i], a->text);
    for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
        if (strstr(a->text, drop[i]))
            fail_msg("kept text holds \"%s\":\n%s", drop[i], a->text);
    /* paragraphs are separated by a blank line; the title is not in the text */
    assert_non_null(strstr(a->text, "officials said.\n\n"));
    assert_null(strstr(a->text, "Harbour crane topples in storm"));
    assert_string_equal(a->title, "Harbour crane topples in storm");
    assert_string_equal(a->date, "2023-11-04");
    assert_string_equal(a->source, "The Lakeside Courier");
    assert_string_equal(a->lang, "en");
    assert_string_equal(a->canonical, "https://courier.example/news/crane");
    assert_string_equal(a->byline, "Mira Holt");
    assert_string_equal(a->url, "https://www.courier.example/news/2023/11/04/crane");
    concord_article_free(a);
}

/* The outlet: og:site_name over an earlier application-name; a bare host
 * name gives way to its written form, and only to that. */
static void test_outlet_names(void **state)
{
    (void)state;
    static const char body[] = "<body><p>The ferry to the islands was cancelled for the third "
                               "day running because of the storm, the operator said.</p></body>";
    char html[1024];
    snprintf(html, sizeof html,
             "<html><head><meta name=\"application-name\" content=\"valleydaily\">"
             "<meta property=\"og:site_name\" content=\"The Valley Daily\"></head>%s</html>",
             body);
    concord_article *a = page(html, NULL);
    assert_string_equal(a->source, "The Valley Daily");
    concord_article_free(a);
    snprintf(html, sizeof html,
             "<html><head><meta property=\"og:site_name\" content=\"valleydaily.example\">"
             "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"publisher\":"
             "{\"@type\":\"Organization\",\"name\":\"Valley-Daily\"}}</script></head>%s</html>",
             body);
    a = page(html, NULL);
    assert_string_equal(a->source, "Valley-Daily");
    concord_article_free(a);
    /* a publisher that is another name (the company) does not replace it */
    snprintf(html, sizeof html,
             "<html><head><meta property=\"og:site_name\" content=\"valleydaily.example\">"
             "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"publisher\":"
             "{\"@type\":\"Organization\",\"name\":\"Valley Media Group\"}}</script></head>"
             "%s</html>",
             body);
    a = page(html, NULL);
    assert_string_equal(a->source, "valleydaily.example");
    concord_article_free(a);
    /* no outlet in the metadata: a <title> that writes out the host */
    snprintf(html, sizeof html, "<html><head><title>Valley Daily</title></head>%s</html>", body);
    a = page(html, "https://www.valleydaily.example/ferry");
    assert_string_equal(a->source, "Valley Daily");
    concord_article_free(a);
}

static void test_metadata_fallbacks(void **state)
{
    (void)state;
    /* date from the URL, outlet from the host, title from <title> with the site cut */
    concord_article *a =
        page("<html><head><title>Vote delayed again - Hillview Post</title></head>"
             "<body><p>The council vote on the bypass was delayed again on Monday, "
             "the third delay this year, council members said.</p></body></html>",
             "https://www.hillview.example/politics/2021/03/08/vote-delayed.html");
    assert_string_equal(a->date, "2021-03-08");
    assert_string_equal(a->source, "Hillview Post"); /* the <title> suffix */
    assert_string_equal(a->title, "Vote delayed again");
    assert_string_equal(a->lang, "");
    concord_article_free(a);
    /* article:published_time and <time datetime>; German page, http-equiv language */
    a = page(
        "<html><head><meta http-equiv=\"content-language\" content=\"de\">"
        "<meta property=\"article:published_time\" content=\"2020-02-29T10:00:00Z\">"
        "<title>Brücke gesperrt</title></head><body><article><p>Die Brücke über den Fluss "
        "bleibt nach dem Hochwasser bis auf Weiteres gesperrt, teilte die Stadt am Samstag mit."
        "</p><time datetime=\"2019-01-01\">1. Januar</time></article></body></html>",
        NULL);
    assert_string_equal(a->date, "2020-02-29");
    assert_string_equal(a->lang, "de");
    assert_non_null(strstr(a->text, "Die Brücke über den Fluss"));
    concord_article_free(a);
    a = page("<html><body><time datetime=\"2018-07-14T09:00\">14 July</time><p>Fireworks were "
             "cancelled in the old town because of the drought, the fire brigade "
             "said.</p></body></html>",
             NULL);
    assert_string_equal(a->date, "2018-07-14");
    concord_article_free(a);
    /* no language hint: detected from the text (libexttextcat), 200 bytes at least */
    a = page(
        "<html><body><article><p>Die Stadtverwaltung hat am Montag angekündigt, dass die alte "
        "Brücke über den Fluss wegen der Schäden nach dem Hochwasser bis zum Frühjahr gesperrt "
        "bleibt. Die Ingenieure haben Risse in zwei Pfeilern gefunden, und die Reparatur wird "
        "nach Angaben der Stadt mehrere Monate dauern.</p></article></body></html>",
        NULL);
    assert_string_equal(a->lang, "de");
    concord_article_free(a);
    a = page(
        "<html><body><article><p>La mairie a annoncé lundi que le vieux pont sur la rivière "
        "restera fermé jusqu'au printemps, car les ingénieurs ont trouvé des fissures dans deux "
        "de ses piliers après les inondations, et les travaux dureront plusieurs mois selon "
        "la ville.</p></article></body></html>",
        NULL);
    assert_string_equal(a->lang, "fr");
    concord_article_free(a);
}

/* ---- charsets ------------------------------------------------------------ */

static char *S_encode(const char *utf8, const char *charset, size_t *len)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), cap = in_left * 4 + 16, out_left = cap;
    char *out = malloc(cap), *o = out, *in = (char *)utf8;
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *len = cap - out_left;
    return out;
}

static void test_charsets(void **state)
{
    (void)state;
    static const struct {
        const char *charset, *label, *text;
        int in_meta;
    } cases[] = {
        {"WINDOWS-1252", "windows-1252",
         "Die Straße wurde für Lkw über 7,5 Tonnen gesperrt – bis März.", 1},
        {"ISO-8859-2", "iso-8859-2",
         "Na ulicy Łódzkiej zamknięto ruch, poinformowała policja w środę.", 1},
        {"KOI8-R", "koi8-r", "Мост через реку закрыт на ремонт до конца месяца, сообщили власти.",
         0},
        {"SHIFT_JIS", "shift_jis",
         "市は橋を来月まで通行止めにすると発表した。工事は夜間に行われる。", 1},
        {"GB18030", "gb2312", "市政府宣布，这座桥将关闭到下个月，施工将在夜间进行。", 0},
        {"EUC-KR", "euc-kr", "시는 다리를 다음 달까지 폐쇄한다고 발표했다. 공사는 밤에 진행된다.",
         1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char html[2048];
        snprintf(html, sizeof html,
                 "<html><head>%s%s%s<title>t</title></head><body><article><p>%s</p></article></"
                 "body></html>",
                 cases[i].in_meta ? "<meta charset=\"" : "", cases[i].in_meta ? cases[i].label : "",
                 cases[i].in_meta ? "\">" : "", cases[i].text);
        size_t len;
        char *bytes = S_encode(html, cases[i].charset, &len);
        char ctype[64];
        snprintf(ctype, sizeof ctype, "text/html; charset=%s", cases[i].label);
        concord_html_source src = {0};
        src.content_type = cases[i].in_meta ? NULL : ctype;
        concord_html_stats st;
        concord_article *a = concord_html_article(bytes, len, &src, NULL, &st);
        if (!strstr(a->text, cases[i].text))
            fail_msg("%s: got \"%s\" (decoded as %s)", cases[i].label, a->text, st.charset);
        assert_int_equal(a->bad_bytes, 0);
        concord_article_free(a);
        free(bytes);
    }
    /* no label, not UTF-8: windows-1252 */
    const char *latin = "<p>Caf\xe9 cr\xe8me \x93quoted\x94 and na\xefve, said the owner of the "
                        "caf\xe9 on the square.</p>";
    concord_article *a = concord_html_article(latin, strlen(latin), NULL, NULL, NULL);
    assert_non_null(strstr(a->text, "Café crème “quoted” and naïve"));
    concord_article_free(a);
    /* a UTF-8 page mislabelled latin-1 stays UTF-8 */
    const char *mis = "<meta charset=\"iso-8859-1\"><p>Grüße aus Köln, wo die Brücke über den "
                      "Rhein gesperrt ist.</p>";
    a = concord_html_article(mis, strlen(mis), NULL, NULL, NULL);
    assert_non_null(strstr(a->text, "Grüße aus Köln"));
    concord_article_free(a);
    /* bad bytes in a UTF-8 page are replaced and counted */
    const char *bad = "<meta charset=\"utf-8\"><p>Broken \xff\xfe bytes in the middle of a "
                      "sentence that goes on.</p>";
    a = concord_html_article(bad, strlen(bad), NULL, NULL, NULL);
    assert_true(a->bad_bytes >= 2);
    assert_non_null(strstr(a->text, "Broken \xEF\xBF\xBD"));
    concord_article_free(a);
}

/* ---- bad pages ------------------------------------------------------------ */

static void test_bad_pages(void **state)
{
    (void)state;
    /* 100,000 levels of nesting */
    size_t depth = 100000;
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_adds(
        &b, "<html><body><p>Top level text of a deeply nested page, which should be kept.</p>");
    for (size_t i = 0; i < depth; i++)
        concord_buf_adds(&b, "<div>");
    concord_buf_adds(&b, "deep");
    for (size_t i = 0; i < depth; i++)
        concord_buf_adds(&b, "</div>");
    concord_buf_adds(&b, "</body></html>");
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    concord_html_stats st;
    concord_html_source src = {0};
    src.origin = "deep.html";
    concord_article *a = concord_html_article(b.data, b.len, &src, d, &st);
    assert_non_null(strstr(a->text, "Top level text"));
    concord_article_free(a);
    concord_buf_free(&b);
    /* script-only page, empty page, binary payload, truncated markup */
    const char *script = "<html><head><script>var a = '<p>not text</p>';</script></head><body>"
                         "<script>document.write('x')</script></body></html>";
    a = concord_html_article(script, strlen(script), NULL, d, NULL);
    assert_string_equal(a->text, "");
    concord_article_free(a);
    a = concord_html_article("", 0, NULL, d, NULL);
    assert_string_equal(a->text, "");
    concord_article_free(a);
    a = concord_html_article(NULL, 0, NULL, d, NULL);
    assert_string_equal(a->text, "");
    concord_article_free(a);
    unsigned char bin[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof bin; i++) {
        x = x * 1103515245u + 12345u;
        bin[i] = (unsigned char)(x >> 16);
    }
    a = concord_html_article(bin, sizeof bin, NULL, d, NULL);
    assert_true(concord_utf8_valid(a->text, strlen(a->text)));
    concord_article_free(a);
    const char *trunc = "<html><body><article><p>The text of a page cut off in the middle, which a "
                        "crawler saved anyway, and it goes on for a while before <b>the end <i>of";
    a = concord_html_article(trunc, strlen(trunc), NULL, d, NULL);
    assert_non_null(strstr(a->text, "The text of a page cut off"));
    concord_article_free(a);
    concord_diag_free(d);
}

/* ---- WARC ------------------------------------------------------------------ */

static void S_gz_member(concord_buf *out, const char *data, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, n);
    unsigned char *o = malloc(cap);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)n;
    z.next_out = o;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    concord_buf_add(out, o, cap - z.avail_out);
    deflateEnd(&z);
    free(o);
}

static void S_deflate_raw(concord_buf *out, const char *data, size_t n, int window)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, window, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, n);
    unsigned char *o = malloc(cap);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)n;
    z.next_out = o;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    concord_buf_add(out, o, cap - z.avail_out);
    deflateEnd(&z);
    free(o);
}

/* One WARC record; length < 0 writes the true length. */
static void S_record(concord_buf *out, const char *version, const char *type, int n,
                     const char *http_head, const char *body, size_t body_len, long length)
{
    concord_buf blk;
    concord_buf_init(&blk);
    if (http_head)
        concord_buf_adds(&blk, http_head);
    concord_buf_add(&blk, body, body_len);
    concord_buf_printf(
        out,
        "WARC/%s\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n"
        "WARC-Date: 2024-05-0%dT12:00:00Z\r\nWARC-Target-URI: https://site.example/story/%d\r\n"
        "Content-Type: application/http; msgtype=response\r\nContent-Length: %ld\r\n\r\n",
        version, type, n, 1 + n % 9, n, length < 0 ? (long)blk.len : length);
    concord_buf_add(out, blk.data, blk.len);
    concord_buf_adds(out, "\r\n\r\n");
    concord_buf_free(&blk);
}

static char *S_story(int n)
{
    char *s = malloc(600);
    snprintf(
        s, 600,
        "<html><head><title>Story %d</title></head><body><article><p>Story number %d tells how "
        "the river rose by two metres overnight, and how the town, warned in time, moved its "
        "cars to higher ground before dawn.</p></article></body></html>",
        n, n);
    return s;
}

typedef struct warc_run {
    char ids[32][80];
    char texts[32][400];
    size_t n;
    concord_warc_stats st;
    capture cap;
} warc_run;

static void S_read_warc(const char *name, const void *data, size_t len, warc_run *run)
{
    memset(run, 0, sizeof *run);
    concord_diag *d = concord_diag_new(on_diag, &run->cap);
    concord_reader *r = concord_reader_open_memory(name, data, len, CONCORD_READ_AUTO, d);
    concord_article *a;
    while (concord_reader_next(r, &a)) {
        if (run->n < 32) {
            snprintf(run->ids[run->n], sizeof run->ids[0], "%s", a->id);
            snprintf(run->texts[run->n], sizeof run->texts[0], "%s", a->text);
        }
        run->n++;
        concord_article_free(a);
    }
    concord_reader_warc_stats(r, &run->st);
    concord_reader_close(r);
    concord_diag_free(d);
}

static const unsigned char S_br[] =
    "\x1b\x9c\x00\x00\x04\xfe\x73\x5b\xaa\x2f\x24\x08\x85\x5d\x20\x35"
    "\x07\x17\xdc\x94\xcf\xce\x73\xd3\x6f\x6c\xec\x8f\x32\x30\x4d\xe3"
    "\xb0\x8e\x69\x5d\xe3\x0a\xe8\x89\xcf\x47\x94\x70\xcf\x48\x25\x41"
    "\x4d\xe9\xc1\xad\x05\x9e\xd6\xb6\xf5\x50\x5e\x27\xbb\x61\xc3\x95"
    "\x5d\x39\x43\x37\xc4\xf0\xb9\x4d\xc0\x13\x1e\x58\x96\xdb\xc5\xbb"
    "\xa6\x50\xdb\xe5\xf3\x4a\xc6\xb1\x80\xc1\x94\xef\x49\xc5\x4f\xfa"
    "\x97\xcc\xa8\x95\xcf\x49\xb9\xba\x56\x1a\xa9\x68";

/* A WARC of every kind of record; members: 0 plain, 1 gzip per record, 2 whole gzip. */
static void S_build_warc(concord_buf *out, int members)
{
    concord_buf plain;
    concord_buf_init(&plain);
    concord_buf recs[10];
    for (int i = 0; i < 10; i++)
        concord_buf_init(&recs[i]);
    const char *info = "software: test\r\n";
    S_record(&recs[0], "1.1", "warcinfo", 0, NULL, info, strlen(info), -1);
    S_record(&recs[1], "1.1", "request", 1, "GET /story/1 HTTP/1.1\r\nHost: site.example\r\n\r\n",
             "", 0, -1);
    char *s = S_story(1);
    S_record(&recs[2], "1.1", "response", 1,
             "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n", s, strlen(s), -1);
    free(s);
    /* gzip body, chunked */
    s = S_story(2);
    concord_buf gz, ch;
    concord_buf_init(&gz);
    concord_buf_init(&ch);
    S_gz_member(&gz, s, strlen(s));
    for (size_t at = 0; at < gz.len; at += 50) {
        size_t k = gz.len - at < 50 ? gz.len - at : 50;
        concord_buf_printf(&ch, "%zx\r\n", k);
        concord_buf_add(&ch, gz.data + at, k);
        concord_buf_adds(&ch, "\r\n");
    }
    concord_buf_adds(&ch, "0\r\n\r\n");
    S_record(&recs[3], "1.0", "response", 2,
             "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: "
             "gzip\r\nTransfer-Encoding: chunked\r\n\r\n",
             ch.data, ch.len, -1);
    free(s);
    /* deflate (zlib) body */
    s = S_story(3);
    concord_buf_clear(&gz);
    S_deflate_raw(&gz, s, strlen(s), 15);
    S_record(&recs[4], "1.1", "response", 3,
             "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\n\r\n",
             gz.data, gz.len, -1);
    free(s);
    /* br body */
    S_record(&recs[5], "1.1", "response", 4,
             "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n",
             (const char *)S_br, sizeof S_br - 1, -1);
    /* not found, not HTML, metadata */
    s = S_story(5);
    S_record(&recs[6], "1.1", "response", 5,
             "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n", s, strlen(s), -1);
    free(s);
    S_record(&recs[7], "1.1", "response", 6, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n",
             "\x89PNG\r\n\x1a\n", 8, -1);
    S_record(&recs[8], "1.1", "metadata", 7, NULL, "via: x\r\n", 8, -1);
    s = S_story(8);
    S_record(&recs[9], "1.1", "response", 8, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n",
             s, strlen(s), -1);
    free(s);
    for (int i = 0; i < 10; i++) {
        if (members == 1)
            S_gz_member(out, recs[i].data, recs[i].len);
        else
            concord_buf_add(&plain, recs[i].data, recs[i].len);
        concord_buf_free(&recs[i]);
    }
    if (members == 0)
        concord_buf_add(out, plain.data, plain.len);
    else if (members == 2)
        S_gz_member(out, plain.data, plain.len);
    concord_buf_free(&plain);
    concord_buf_free(&gz);
    concord_buf_free(&ch);
}

static void test_warc_kinds(void **state)
{
    (void)state;
    const char *names[] = {"crawl.warc", "crawl.warc.gz", "crawl.warc.gz"};
    for (int m = 0; m < 3; m++) {
        concord_buf w;
        concord_buf_init(&w);
        S_build_warc(&w, m);
        warc_run run;
        S_read_warc(names[m], w.data, w.len, &run);
        assert_int_equal(run.n, 5);
        assert_int_equal(run.cap.n, 0);
        assert_string_equal(run.ids[0], "00000000-0000-4000-8000-000000000001");
        assert_non_null(strstr(run.texts[0], "Story number 1 tells"));
        assert_non_null(strstr(run.texts[1], "Story number 2 tells"));
        assert_non_null(strstr(run.texts[2], "Story number 3 tells"));
        assert_non_null(strstr(run.texts[3], "Brotli pages arrive compressed"));
        assert_non_null(strstr(run.texts[4], "Story number 8 tells"));
        assert_int_equal(run.st.records, 10);
        assert_int_equal(run.st.articles, 5);
        assert_int_equal(run.st.skipped_request, 1);
        assert_int_equal(run.st.skipped_warcinfo, 1);
        assert_int_equal(run.st.skipped_metadata, 1);
        assert_int_equal(run.st.skipped_status, 1);
        assert_int_equal(run.st.skipped_type, 1);
        concord_buf_free(&w);
    }
}

/* Many records of varied sizes, so that headers straddle every buffer edge
 * (a header cut by a refill was once taken for the end of the file). */
static void test_warc_many(void **state)
{
    (void)state;
    for (int members = 0; members < 3; members++) {
        concord_buf w, plain;
        concord_buf_init(&w);
        concord_buf_init(&plain);
        uint32_t x = 7;
        const int n = 600;
        for (int i = 0; i < n; i++) {
            concord_buf page, rec;
            concord_buf_init(&page);
            concord_buf_init(&rec);
            concord_buf_printf(
                &page,
                "<html><body><article><p>Record %d is one of many pages in this crawl, "
                "and its text is long enough to count as prose.</p>",
                i);
            x = x * 1103515245u + 12345u;
            size_t pad = (x >> 8) % 9000;
            concord_buf_adds(&page, "<div class=\"pad\">");
            for (size_t k = 0; k < pad; k++)
                concord_buf_addc(&page, (char)('a' + k % 26));
            concord_buf_adds(&page, "</div></article></body></html>");
            S_record(&rec, "1.1", "response", i,
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", page.data, page.len, -1);
            if (members == 1)
                S_gz_member(&w, rec.data, rec.len);
            else
                concord_buf_add(&plain, rec.data, rec.len);
            concord_buf_free(&page);
            concord_buf_free(&rec);
        }
        if (members == 0)
            concord_buf_add(&w, plain.data, plain.len);
        else if (members == 2)
            S_gz_member(&w, plain.data, plain.len);
        warc_run run;
        S_read_warc(members ? "many.warc.gz" : "many.warc", w.data, w.len, &run);
        assert_int_equal(run.cap.n, 0);
        assert_int_equal(run.n, n);
        assert_int_equal(run.st.records, n);
        concord_buf_free(&w);
        concord_buf_free(&plain);
    }
}

static void test_warc_broken(void **state)
{
    (void)state;
    concord_buf w;
    concord_buf_init(&w);
    char *s1 = S_story(1), *s2 = S_story(2), *s3 = S_story(3), *s4 = S_story(4);
    const char *head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    size_t hl = strlen(head);
    S_record(&w, "1.1", "response", 1, head, s1, strlen(s1), -1);
    /* too short: the record's tail is left before the next header */
    S_record(&w, "1.1", "response", 2, head, s2, strlen(s2), (long)(hl + strlen(s2) - 40));
    S_record(&w, "2.0", "response", 9, head, s4, strlen(s4), -1); /* unknown version */
    /* too long: swallows the start of the next record */
    S_record(&w, "1.1", "response", 3, head, s3, strlen(s3), (long)(hl + strlen(s3) + 30));
    S_record(&w, "1.1", "response", 4, head, s4, strlen(s4), -1);
    /* past the end of the file */
    S_record(&w, "1.1", "response", 5, head, s1, strlen(s1), 100000);
    warc_run run;
    S_read_warc("lying.warc", w.data, w.len, &run);
    /* story 1 and 4 intact; 2 and 3 read up to the next header; 5 as far as it goes */
    int seen[6] = {0};
    for (size_t i = 0; i < run.n && i < 32; i++)
        for (int k = 1; k <= 5; k++) {
            char needle[40];
            snprintf(needle, sizeof needle, "Story number %d tells", k);
            if (strstr(run.texts[i], needle))
                seen[k] = 1;
        }
    assert_true(seen[1] && seen[4]);
    assert_true(has_msg(&run.cap, "unknown WARC version 2.0"));
    assert_true(has_msg(&run.cap, "does not match the record"));
    assert_true(has_msg(&run.cap, "runs past the end of the file"));
    for (size_t i = 0; i < run.cap.n && i < 64; i++) {
        assert_true(run.cap.line[i] > 0); /* record number */
        assert_non_null(strstr(run.cap.text[i], "at byte"));
    }
    concord_buf_free(&w);

    /* a corrupt gzip member in the middle of a .warc.gz */
    concord_buf gz;
    concord_buf_init(&gz);
    const char *stories[] = {s1, s2, s3, s4};
    size_t cut_at = 0, cut_len = 0;
    for (int i = 0; i < 4; i++) {
        concord_buf rec;
        concord_buf_init(&rec);
        S_record(&rec, "1.1", "response", i + 1, head, stories[i], strlen(stories[i]), -1);
        size_t before = gz.len;
        S_gz_member(&gz, rec.data, rec.len);
        if (i == 1) {
            cut_at = before + (gz.len - before) / 2;
            cut_len = gz.len - cut_at;
        }
        concord_buf_free(&rec);
    }
    /* drop the second half of member 2: truncated mid-file */
    memmove(gz.data + cut_at, gz.data + cut_at + cut_len, gz.len - cut_at - cut_len);
    gz.len -= cut_len;
    S_read_warc("cut.warc.gz", gz.data, gz.len, &run);
    int got1 = 0, got3 = 0, got4 = 0;
    for (size_t i = 0; i < run.n && i < 32; i++) {
        got1 |= strstr(run.texts[i], "Story number 1 tells") != NULL;
        got3 |= strstr(run.texts[i], "Story number 3 tells") != NULL;
        got4 |= strstr(run.texts[i], "Story number 4 tells") != NULL;
    }
    assert_true(got1 && got3 && got4);
    assert_true(run.cap.n >= 1);
    concord_buf_free(&gz);
    free(s1);
    free(s2);
    free(s3);
    free(s4);
}

/* ---- JSON Lines with html, folders of pages ------------------------------- */

static void test_jsonl_html(void **state)
{
    (void)state;
    const char *jl =
        "{\"id\":\"p1\",\"url\":\"https://x.example/a\",\"html\":\"<html><head><title>T1 | "
        "X</title>"
        "</head><body><nav><a href='/'>Home</a></nav><p>The bakery on Mill Street reopened on "
        "Tuesday after a fire in March, its owner said.</p></body></html>\"}\n"
        "{\"id\":\"p2\",\"text\":\"Plain text wins.\",\"html\":\"<p>ignored</p>\"}\n";
    concord_reader *r =
        concord_reader_open_memory("x.jsonl", jl, strlen(jl), CONCORD_READ_AUTO, NULL);
    concord_article *a;
    assert_true(concord_reader_next(r, &a));
    assert_string_equal(a->id, "p1");
    assert_string_equal(a->title, "T1");
    assert_non_null(strstr(a->text, "The bakery on Mill Street"));
    assert_null(strstr(a->text, "Home"));
    assert_string_equal(a->source, "x.example");
    concord_article_free(a);
    assert_true(concord_reader_next(r, &a));
    assert_string_equal(a->text, "Plain text wins.");
    concord_article_free(a);
    assert_false(concord_reader_next(r, &a));
    concord_reader_close(r);
    /* a page read by name */
    r = concord_reader_open_memory("pages/harbour-crane.html", S_news, strlen(S_news),
                                   CONCORD_READ_AUTO, NULL);
    assert_true(concord_reader_next(r, &a));
    assert_string_equal(a->id, "harbour-crane");
    assert_non_null(strstr(a->text, "A container crane toppled"));
    concord_article_free(a);
    concord_reader_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extracts_article), cmocka_unit_test(test_metadata_fallbacks),
        cmocka_unit_test(test_outlet_names),     cmocka_unit_test(test_charsets),
        cmocka_unit_test(test_bad_pages),        cmocka_unit_test(test_warc_kinds),
        cmocka_unit_test(test_warc_many),        cmocka_unit_test(test_warc_broken),
        cmocka_unit_test(test_jsonl_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
