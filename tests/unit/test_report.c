/* Tests of the HTML report (src/render/report/report.c): hostile article text, through the
 * whole pipeline and through hand-made store rows, comes out as text only:
 * every tag in the page is one the report writes itself, no attribute is an
 * event handler, every link is a #fragment or http(s), there is exactly one
 * script (the report's, with its nonce) and the inert story blocks of large
 * reports cannot end early.  Also: the quote word diff, an empty store, an
 * unwritable path, damaged offsets and ranges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include <zlib.h>

#include "concord.h"
#include "concord/experimental.h"

static char S_dir[4096];

static const char *const S_tags[] = {
    "html",    "head",   "meta",   "title",    "style",      "body", "svg",  "defs", "marker",
    "path",    "header", "h1",     "h2",       "h3",         "p",    "span", "main", "section",
    "div",     "input",  "table",  "thead",    "tbody",      "tr",   "th",   "td",   "a",
    "nav",     "button", "script", "ol",       "li",         "ul",   "i",    "b",    "br",
    "rect",    "text",   "line",   "circle",   "blockquote", "ins",  "del",  "mark", "details",
    "summary", "label",  "code",   "noscript", NULL};

static int S_tag_ok(const char *name, size_t n)
{
    for (size_t i = 0; S_tags[i]; i++)
        if (strlen(S_tags[i]) == n && !strncasecmp(S_tags[i], name, n))
            return 1;
    return 0;
}

/* Scans the page (whole != 0) or an unpacked story page; fails the test on
 * any markup the report did not write.  Returns the number of packed story
 * blocks. */
static size_t S_scan_part(const char *html, size_t len, int whole)
{
    size_t nonce_scripts = 0, blocks = 0;
    for (size_t i = 0; i < len; i++) {
        if (html[i] != '<')
            continue;
        size_t j = i + 1;
        if (j < len && html[j] == '!') {
            /* only <!DOCTYPE html> */
            assert_int_equal(strncmp(html + j, "!DOCTYPE html>", 14), 0);
            continue;
        }
        int closing = j < len && html[j] == '/';
        j += closing;
        size_t name = j;
        while (j < len &&
               ((html[j] >= 'a' && html[j] <= 'z') || (html[j] >= 'A' && html[j] <= 'Z') ||
                (html[j] >= '0' && html[j] <= '9')))
            j++;
        if (j == name || !S_tag_ok(html + name, j - name)) {
            fprintf(stderr, "unexpected markup: %.60s\n", html + i);
            fail();
        }
        int is_script = j - name == 6 && !strncasecmp(html + name, "script", 6);
        int has_nonce = 0, inert = 0;
        /* attributes */
        while (j < len && html[j] != '>') {
            while (j < len && (html[j] == ' ' || html[j] == '\n' || html[j] == '/'))
                j++;
            size_t an = j;
            while (j < len && html[j] != '=' && html[j] != '>' && html[j] != ' ' && html[j] != '/')
                j++;
            size_t alen = j - an;
            const char *val = "";
            size_t vlen = 0;
            if (j < len && html[j] == '=') {
                j++;
                assert_true(html[j] == '"'); /* the report always quotes with " */
                val = html + j + 1;
                const char *end = memchr(val, '"', len - (size_t)(val - html));
                assert_non_null(end);
                vlen = (size_t)(end - val);
                j = (size_t)(end - html) + 1;
                assert_null(memchr(val, '<', vlen));
            }
            if (!alen)
                continue;
            if (alen >= 2 && !strncasecmp(html + an, "on", 2)) {
                fprintf(stderr, "event handler: %.60s\n", html + an);
                fail();
            }
            if ((alen == 4 && !strncasecmp(html + an, "href", 4)) ||
                (alen == 3 && !strncasecmp(html + an, "src", 3))) {
                int ok = (vlen && val[0] == '#') || !strncmp(val, "http://", 7) ||
                         !strncmp(val, "https://", 8);
                if (!ok) {
                    fprintf(stderr, "link: %.*s\n", (int)vlen, val);
                    fail();
                }
            }
            if (is_script && alen == 5 && !strncmp(html + an, "nonce", 5))
                has_nonce = 1;
            if (is_script && alen == 4 && !strncmp(html + an, "type", 4) && vlen == 20 &&
                !strncmp(val, "text/x-concord-story", 20))
                inert = 1;
        }
        if (is_script && !closing) {
            assert_true(has_nonce || inert);
            if (has_nonce) {
                nonce_scripts++;
                const char *end = strstr(html + j, "</script>");
                assert_non_null(end);
                i = (size_t)(end - html) + 8;
            } else {
                blocks++;
            }
        }
    }
    assert_int_equal(nonce_scripts, whole ? 1 : 0);
    return blocks;
}

static int S_b64(int c)
{
    const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c ? strchr(t, c) : NULL;
    return p ? (int)(p - t) : -1;
}

/* The story pages of the packed blocks (base64 of gzip), unpacked and
 * appended to out; each one scanned as markup. */
static void S_unpack(const char *html, concord_buf *out)
{
    static const char open[] = "<script type=\"text/x-concord-story\"";
    for (const char *p = strstr(html, open); p; p = strstr(p, open)) {
        p = strchr(p, '>') + 1;
        const char *end = strstr(p, "</script>");
        assert_non_null(end);
        size_t n = (size_t)(end - p), k = 0;
        unsigned char *gz = malloc(n + 1);
        unsigned acc = 0;
        int bits = 0;
        for (size_t i = 0; i < n; i++) {
            int v = S_b64((unsigned char)p[i]);
            if (v < 0) {
                assert_int_equal(p[i], '='); /* nothing but base64 in a block */
                continue;
            }
            acc = (acc << 6) | (unsigned)v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                gz[k++] = (unsigned char)(acc >> bits);
            }
        }
        z_stream z;
        memset(&z, 0, sizeof z);
        assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
        z.next_in = gz;
        z.avail_in = (uInt)k;
        size_t start = out->len;
        int rc;
        do {
            unsigned char chunk[65536];
            z.next_out = chunk;
            z.avail_out = sizeof chunk;
            rc = inflate(&z, Z_NO_FLUSH);
            assert_true(rc == Z_OK || rc == Z_STREAM_END);
            concord_buf_add(out, chunk, sizeof chunk - z.avail_out);
        } while (rc != Z_STREAM_END);
        inflateEnd(&z);
        free(gz);
        S_scan_part(out->data + start, out->len - start, 0);
        p = end;
    }
}

/* Scans a whole page; returns its number of packed blocks and leaves in
 * *text the page with the unpacked story pages appended (caller frees). */
static size_t S_scan(const char *html, size_t len, char **text)
{
    size_t blocks = S_scan_part(html, len, 1);
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_add(&b, html, len);
    S_unpack(html, &b);
    *text = concord_buf_detach(&b, NULL);
    return blocks;
}

static void S_must_hold(const char *html, const char *needle)
{
    if (!strstr(html, needle)) {
        fprintf(stderr, "missing: %s\n", needle);
        fail();
    }
}

static int S_setup(void **state)
{
    (void)state;
    const char *b = getenv("CONCORD_BUILD_DIR");
    snprintf(S_dir, sizeof S_dir, "%s/test_report.XXXXXX", b && *b ? b : "/tmp");
    if (!mkdtemp(S_dir))
        return -1;
    return 0;
}

static int S_teardown(void **state)
{
    (void)state;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The hostile corpus through read -> clean -> ... -> report. */
static void test_hostile_pipeline(void **state)
{
    (void)state;
    const char *src = getenv("CONCORD_SOURCE_DIR");
    char in[4096], out[4200], html_path[4300];
    snprintf(in, sizeof in, "%s/tests/browser/hostile.jsonl", src && *src ? src : ".");
    if (access(in, R_OK) != 0) {
        fprintf(stderr, "skip: %s absent\n", in);
        skip();
    }
    snprintf(out, sizeof out, "%s/pipe", S_dir);
    concord_options o;
    concord_options_init(&o);
    o.outdir = out;
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    o.diag = d;
    const char *inputs[] = {in};
    concord_run_stats stats;
    assert_int_equal(concord_pipeline_run(inputs, 1, &o, &stats), 0);
    concord_diag_free(d);
    for (int lazy = 0; lazy < 2; lazy++) {
        snprintf(html_path, sizeof html_path, "%s/report%d.html", out, lazy);
        char db[4300];
        snprintf(db, sizeof db, "%s/concord.db", out);
        concord_store *st = concord_store_open(db, 0);
        assert_non_null(st);
        setenv("CONCORD_REPORT_INLINE_MAX", lazy ? "0" : "100000000", 1);
        assert_int_equal(concord_report_write(st, html_path), 0);
        unsetenv("CONCORD_REPORT_INLINE_MAX");
        concord_store_close(st);
        size_t len;
        char *html = concord_read_file(html_path, &len);
        assert_non_null(html);
        char *page;
        size_t blocks = S_scan(html, len, &page);
        assert_int_equal(blocks, lazy ? stats.stories : 0);
        free(html);
        html = page;
        /* the hostile text is there, escaped */
        S_must_hold(html, "&lt;script&gt;alert(&quot;x1&quot;)&lt;/script&gt;");
        S_must_hold(html, "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x2&quot;)&lt;/script&gt;");
        S_must_hold(html, "Evil &lt;script&gt;alert(&#39;src&#39;)&lt;/script&gt; Times");
        S_must_hold(html, "&amp;amp broken &amp;#xZZ; entity &amp;lt;script&amp;gt;");
        /* the javascript: and data: urls are shown, never linked */
        S_must_hold(html, "javascript:alert(&#39;url&#39;)");
        assert_null(strstr(html, "href=\"javascript"));
        assert_null(strstr(html, "href=\"data:"));
        free(html);
    }
}

static concord_clean *S_clean(const char *raw, size_t len, size_t rs, size_t re, const char *why)
{
    concord_clean *c = concord_xcalloc(1, sizeof *c);
    c->byline = concord_xstrdup("<b>By</b> \"me\"");
    c->dateline = concord_xstrdup("");
    c->date = concord_xstrdup("");
    c->outlet = concord_xstrdup("");
    c->n_removed = 2;
    c->removed = concord_xcalloc(2, sizeof *c->removed);
    c->removed[0] = (concord_removal){rs, re, why};
    c->removed[1] = (concord_removal){len + 10, len + 20, "damaged"}; /* out of range */
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_add(&b, raw, rs);
    concord_buf_add(&b, raw + re, len - re);
    c->text = concord_buf_detach(&b, &c->len);
    return c;
}

/* Hand-made store rows: hostile values in every field of the story document,
 * offsets that do not fit, ids that are not valid anchors, a lineage cycle,
 * members missing from the store, values of the wrong JSON type. */
static void test_hostile_store(void **state)
{
    (void)state;
    concord_store *st = concord_store_open(":memory:", 1);
    assert_non_null(st);
    const char *raw1 = "Junk <script>alert(1)</script> prompt\n\nPolice said <b>3</b> people "
                       "were killed </textarea><img src=x onerror=alert(2)>. \"We will not allow "
                       "this,\" said Ana <Kovac>.";
    const char *raw2 = "Police said four people were killed. \"We will not allow it,\" the "
                       "minister said. <a href=\"javascript:alert(3)\">x</a> &#0; &bogus;";
    concord_article *a1 =
        concord_article_new("a\"1<x>", "Outlet <i>One</i>", "javascript:alert('u')", "2025-01-02",
                            "Title <script>alert('t')</script>", raw1, strlen(raw1));
    concord_article *a2 =
        concord_article_new("a2", "Two & \"Co\"", "https://ok.example/a?b=1&c=\"2\"", "2025-01-03",
                            "Second </title>", raw2, strlen(raw2));
    concord_clean *c1 = S_clean(raw1, strlen(raw1), 0, 39, "prompt\"><script>alert(4)</script>");
    concord_clean *c2 = S_clean(raw2, strlen(raw2), 0, 0, "whitespace");
    assert_int_equal(concord_store_put_article(st, a1, c1, NULL), 0);
    assert_int_equal(concord_store_put_article(st, a2, c2, NULL), 0);
    const char *doc =
        "{\"story\":\"s <x> \\\"1\",\"title\":\"<script>alert('title')</script>\","
        "\"first\":\"2025-01-02\",\"last\":\"<b>\","
        "\"articles\":[{\"id\":\"a\\\"1<x>\",\"source\":\"Outlet "
        "<i>One</i>\",\"date\":\"2025-01-02\","
        "\"title\":\"<svg onload=alert(5)>\",\"duplicate_of\":null,"
        "\"derived_from\":[{\"id\":\"a2\",\"kind\":\"copy\",\"share\":0.9}]},"
        "{\"id\":\"a2\",\"source\":\"Two & \\\"Co\\\"\",\"date\":\"not a "
        "date\",\"title\":\"Second\","
        "\"duplicate_of\":\"a\\\"1<x>\",\"derived_from\":[{\"id\":\"a\\\"1<x>\",\"kind\":"
        "\"rewrite\","
        "\"share\":\"x\"},{\"kind\":\"copy\"},{\"id\":\"missing\",\"kind\":\"copy\"}]},"
        "{\"id\":\"missing\",\"source\":\"<Gone>\",\"date\":\"2025-01-04\",\"title\":7}],"
        "\"quotes\":[{\"speaker\":\"<Ana> Kovac\",\"text\":\"We will not allow this, <now>\","
        "\"speaker_conflict\":true,\"kind\":\"<k>\",\"mentions\":["
        "{\"article\":\"a\\\"1<x>\",\"text\":\"We will not allow this, "
        "<now>\",\"speaker_text\":\"<he>\"},"
        "{\"article\":\"a2\",\"text\":\"We will not allow it\",\"speaker\":\"unknown\"},"
        "{\"article\":\"nowhere\",\"text\":\"</script><script>alert(6)</script>\"}]}],"
        "\"figures\":[{\"measure\":\"killed<\",\"subject\":\"people\\\"\",\"place\":\"<p>\","
        "\"status\":\"conflict\",\"estimate\":3,\"reports\":["
        "{\"article\":\"a\\\"1<x>\",\"value\":3,\"low\":3,\"high\":3,\"qualifier\":\"<q>\","
        "\"attribution\":\"<police>\",\"official\":true,\"text\":\"<b>3</b> people were killed\","
        "\"start\":12,\"end\":39},"
        "{\"article\":\"a2\",\"value\":4,\"low\":4,\"high\":null,\"text\":\"four people\","
        "\"start\":999999,\"end\":1000010},"
        "{\"article\":\"a2\",\"value\":1e300,\"text\":\"<x>\",\"start\":-5,\"end\":2,\"in\":"
        "\"title\"}]}],"
        "\"reuse\":[],"
        "\"digest\":[{\"text\":\"<script>alert('digest')</script>\",\"article\":\"a2\","
        "\"also_in\":[\"a\\\"1<x>\",5,\"missing\"]},{\"text\":null}]}";
    const char *ids[] = {"a\"1<x>", "a2", "missing"};
    assert_int_equal(concord_store_put_story(st, "s <x> \"1", "<script>alert('title')</script>",
                                             "2025-01-02", "<b>", 3, 3, 1, doc, ids, 3),
                     0);
    /* a second story whose document is not JSON at all */
    assert_int_equal(concord_store_put_story(st, "broken", "</section><script>alert(7)</script>",
                                             "", "", 0, 0, 0, "{not json <script>", NULL, 0),
                     0);
    for (int lazy = 0; lazy < 2; lazy++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/store%d.html", S_dir, lazy);
        setenv("CONCORD_REPORT_INLINE_MAX", lazy ? "0" : "100000000", 1);
        assert_int_equal(concord_report_write(st, path), 0);
        unsetenv("CONCORD_REPORT_INLINE_MAX");
        size_t len;
        char *html = concord_read_file(path, &len);
        assert_non_null(html);
        char *page;
        assert_int_equal(S_scan(html, len, &page), lazy ? 2 : 0);
        free(html);
        html = page;
        S_must_hold(html, "&lt;script&gt;alert(&#39;digest&#39;)&lt;/script&gt;");
        S_must_hold(html, "&lt;/textarea&gt;&lt;img src=x onerror=alert(2)&gt;");
        S_must_hold(
            html,
            "&lt;/<ins>script</ins>&gt;&lt;<ins>script</ins>&gt;<ins>alert</ins>(<ins>6</ins>)");
        /* the figure's sentence in context, its span marked */
        S_must_hold(html, "Police said <mark>&lt;b&gt;3&lt;/b&gt; people were killed</mark>");
        /* the word diff: "it" added, "this" missing */
        S_must_hold(html, "<ins>it</ins>");
        S_must_hold(html, "<del>this, &lt;now</del>");
        /* removed junk, struck through on demand, its why escaped */
        S_must_hold(html, "<del class=\"junk\" data-why=\"prompt&quot;&gt;&lt;script&gt;");
        S_must_hold(html, "&amp;#0; &amp;bogus;");
        /* an invalid story id gets a generated anchor */
        S_must_hold(html, "id=\"story-n");
        free(html);
    }
    concord_article_free(a1);
    concord_article_free(a2);
    concord_clean_free(c1);
    concord_clean_free(c2);
    concord_store_close(st);
}

static void test_empty_and_unwritable(void **state)
{
    (void)state;
    concord_store *st = concord_store_open(":memory:", 1);
    assert_non_null(st);
    char path[4200];
    snprintf(path, sizeof path, "%s/empty.html", S_dir);
    assert_int_equal(concord_report_write(st, path), 0);
    size_t len;
    char *html = concord_read_file(path, &len);
    assert_non_null(html);
    char *page;
    S_scan(html, len, &page);
    S_must_hold(page, "No stories in this store yet.");
    free(page);
    free(html);
    snprintf(path, sizeof path, "%s/no/such/dir/report.html", S_dir);
    assert_int_equal(concord_report_write(st, path), -1);
    assert_non_null(strstr(concord_report_errmsg(), "No such file or directory"));
    concord_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_pipeline),
        cmocka_unit_test(test_hostile_store),
        cmocka_unit_test(test_empty_and_unwritable),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
