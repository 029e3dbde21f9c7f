/* Hostile article text through the whole pipeline (concord_pipeline_run with
 * the report on): <script> blocks, </textarea>, javascript: links, event
 * handler attributes, broken entities (&#x;), U+2028 / U+2029, hostile ids,
 * outlets and URLs.  Checks that
 *   - report.html holds all of it as text only: a small HTML tokenizer walks
 *     the page (and the inert story blocks the page's script renders when
 *     the report is large) and fails on any element, event handler or
 *     javascript: URL that came from an article, while the decoded text of
 *     the page still reads "<script>alert(1)</script>";
 *   - articles.jsonl and stories.jsonl parse (concord/json.h) and hold the
 *     hostile text, titles and ids byte for byte.
 * Both report layouts are run: sections inline (default) and sections as
 * inert blocks (CONCORD_REPORT_INLINE_MAX=0). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "concord.h"
#include "support.h"

static char S_dir[4096];

/* ---- the hostile input */

#define S_EVIL_ID2 "evil-2\\\"><script>alert(7)</script>"   /* JSON-escaped */
#define S_EVIL_ID2_RAW "evil-2\"><script>alert(7)</script>" /* as decoded */

static const char *const S_input[] = {
    "{\"id\":\"evil-1\",\"source\":\"<b onmouseover=alert(11)>Evil Outlet</b>\","
    "\"url\":\"javascript:alert(12)\",\"date\":\"2021-06-01\","
    "\"title\":\"Flood <script>alert(1)</script> reaches 40 homes in Rivertown\","
    "\"text\":\"RIVERTOWN - Floodwater reached 40 homes in Rivertown on Monday and 12 people "
    "were evacuated, officials said. <script>alert(1)</script> \\\"We need help now, before the "
    "river rises again,\\\" Mayor Ann <img src=x onerror=alert(3)> Cole said. Residents closed "
    "</textarea><textarea> their windows. Click <a href=\\\"javascript:alert(2)\\\">here</a> or "
    "javascript:alert(4) for updates. Broken entities &#x; &#0; &amp &lt;b&gt; &#xD800; "
    "&#99999999; survive.\\u2028A line after a line separator\\u2029and a paragraph separator. "
    "<!-- a comment --> ]]> </script><script>alert(5)</script> <style>body{color:#bada55}</style> "
    "<svg onload=alert(6)> <iframe src=\\\"javascript:alert(9)\\\"></iframe>\"}",

    "{\"id\":\"" S_EVIL_ID2 "\",\"source\":\"River <i>Times</i>\","
    "\"url\":\"https://example.com/a?x=\\\"><script>alert(8)</script>\",\"date\":\"2021-06-02\","
    "\"title\":\"Rivertown flood: 40 homes hit, 12 evacuated </title><script>alert(10)</script>\","
    "\"text\":\"Floodwater reached 40 homes in Rivertown on Monday and 12 people were evacuated, "
    "officials said. \\\"We need help now, before the river rises again,\\\" Mayor Ann Cole said "
    "on Tuesday. <script>alert(1)</script> The river crested at noon. \\u2028 "
    "<a href='javascript:alert(13)'>more</a>\"}",

    "{\"id\":\"calm-1\",\"source\":\"Hill Post\",\"date\":\"2021-06-03\","
    "\"title\":\"Hillview library reopens\",\"text\":\"The Hillview library reopened on "
    "Wednesday after a two-month renovation, the council said.\"}",
};

/* ---- helpers */

static void S_free_lines(concord_json **j, size_t n)
{
    for (size_t i = 0; i < n; i++)
        concord_json_free(j[i]);
    free(j);
}

static void S_run(const char *outdir)
{
    char in[4200];
    snprintf(in, sizeof in, "%s/hostile.jsonl", S_dir);
    FILE *f = fopen(in, "wb");
    assert_non_null(f);
    for (size_t i = 0; i < sizeof S_input / sizeof *S_input; i++)
        fprintf(f, "%s\n", S_input[i]);
    fclose(f);
    concord_options o;
    concord_options_init(&o);
    o.outdir = outdir;
    o.write_report = 1;
    concord_diag *d = concord_diag_new(NULL, NULL);
    o.diag = d;
    const char *inputs[] = {in};
    concord_run_stats st;
    int rc = concord_pipeline_run(inputs, 1, &o, &st);
    if (rc != 0)
        fprintf(stderr, "pipeline: %s\n", concord_pipeline_errmsg());
    assert_int_equal(rc, 0);
    assert_int_equal(st.articles, 3);
    assert_int_equal(concord_diag_count(d), 0); /* hostile, but valid input */
    concord_diag_free(d);
}

/* ---- a small HTML tokenizer: enough for a generated page */

typedef struct S_page {
    concord_buf text;    /* decoded text content */
    size_t own_scripts;  /* executable <script> elements */
    size_t story_blocks; /* inert <script type="text/x-concord-story"> */
    int bad;             /* a hostile construct was found */
} S_page;

static void S_bad(S_page *pg, const char *what, const char *at, size_t n)
{
    fprintf(stderr, "report.html: %s: %.*s\n", what, (int)(n < 160 ? n : 160), at);
    pg->bad = 1;
}

/* Decodes the character reference at s[0] == '&' into b; returns bytes used. */
static size_t S_entity(concord_buf *b, const char *s, size_t n, S_page *pg)
{
    static const struct {
        const char *name;
        const char *text;
    } named[] = {{"lt;", "<"},
                 {"gt;", ">"},
                 {"amp;", "&"},
                 {"quot;", "\""},
                 {"apos;", "'"},
                 {"nbsp;", "\xC2\xA0"},
                 {"middot;", "\xC2\xB7"},
                 {"hellip;", "\xE2\x80\xA6"},
                 {"rarr;", "\xE2\x86\x92"},
                 {"larr;", "\xE2\x86\x90"},
                 {"ndash;", "\xE2\x80\x93"},
                 {"mdash;", "\xE2\x80\x94"},
                 {"times;", "\xC3\x97"}};
    for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
        size_t l = strlen(named[k].name);
        if (n > l && !memcmp(s + 1, named[k].name, l)) {
            concord_buf_adds(b, named[k].text);
            return l + 1;
        }
    }
    if (n > 3 && s[1] == '#') {
        size_t i = 2;
        int hex = s[i] == 'x' || s[i] == 'X';
        i += hex;
        unsigned long cp = 0;
        size_t digits = 0;
        while (
            i < n && digits < 8 &&
            (hex ? strchr("0123456789abcdefABCDEF", s[i]) != NULL : (s[i] >= '0' && s[i] <= '9')) &&
            s[i]) {
            cp = cp * (hex ? 16 : 10) +
                 (unsigned long)(s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
            i++;
            digits++;
        }
        if (digits && i < n && s[i] == ';' && cp > 0 && cp <= 0x10FFFF &&
            !(cp >= 0xD800 && cp <= 0xDFFF)) {
            char u[4];
            concord_buf_add(b, u, concord_utf8_put((int32_t)cp, u));
            return i + 1;
        }
    }
    /* a bare '&' the browser would show as is, but the page should not
     * hold: every '&' of article text must be written as &amp; */
    S_bad(pg, "unescaped '&' (broken entity from article text?)", s, n);
    concord_buf_addc(b, '&');
    return 1;
}

static size_t S_find_ci(const char *s, size_t n, size_t from, const char *needle)
{
    size_t l = strlen(needle);
    for (size_t i = from; i + l <= n; i++)
        if (!strncasecmp(s + i, needle, l))
            return i;
    return n;
}

static int S_is_url_attr(const char *name)
{
    static const char *const urls[] = {"href", "src",    "action",     "formaction", "xlink:href",
                                       "data", "poster", "background", "srcdoc"};
    for (size_t k = 0; k < sizeof urls / sizeof *urls; k++)
        if (!strcasecmp(name, urls[k]))
            return 1;
    return 0;
}

static void S_walk(S_page *pg, const char *p, size_t n, int depth);

/* Parses the start tag at p[i] == '<'; returns the offset after it. */
static size_t S_tag(S_page *pg, const char *p, size_t n, size_t i, int depth)
{
    size_t start = i++;
    char name[32];
    size_t nl = 0;
    while (i < n && !strchr(" \t\n\r\f/>", p[i])) {
        if (nl + 1 < sizeof name)
            name[nl++] = (char)(p[i] | (p[i] >= 'A' && p[i] <= 'Z' ? 0x20 : 0));
        i++;
    }
    name[nl] = 0;
    static const char *const forbidden[] = {"img",   "iframe", "object", "embed",    "textarea",
                                            "form",  "base",   "frame",  "frameset", "video",
                                            "audio", "applet", "link",   "meta"};
    for (size_t k = 0; k < sizeof forbidden / sizeof *forbidden; k++)
        if (!strcmp(name, forbidden[k]) && !(depth == 0 && !strcmp(name, "meta")))
            S_bad(pg, "element from article text", p + start, n - start);
    int data_block = 0, has_nonce = 0;
    /* attributes */
    for (;;) {
        while (i < n && strchr(" \t\n\r\f/", p[i]))
            i++;
        if (i >= n || p[i] == '>')
            break;
        char an[32];
        size_t al = 0;
        while (i < n && !strchr(" \t\n\r\f/>=", p[i])) {
            if (al + 1 < sizeof an)
                an[al++] = (char)(p[i] | (p[i] >= 'A' && p[i] <= 'Z' ? 0x20 : 0));
            i++;
        }
        an[al] = 0;
        concord_buf v;
        concord_buf_init(&v);
        if (i < n && p[i] == '=') {
            i++;
            if (i < n && (p[i] == '"' || p[i] == '\'')) {
                char q = p[i++];
                while (i < n && p[i] != q) {
                    if (p[i] == '&')
                        i += S_entity(&v, p + i, n - i, pg);
                    else
                        concord_buf_addc(&v, p[i++]);
                }
                i++;
            } else {
                while (i < n && !strchr(" \t\n\r\f>", p[i]))
                    concord_buf_addc(&v, p[i++]);
            }
        }
        const char *val = v.data ? v.data : "";
        if (an[0] == 'o' && an[1] == 'n')
            S_bad(pg, "event handler attribute", p + start, n - start);
        if (S_is_url_attr(an)) {
            const char *u = val;
            while (*u && (unsigned char)*u <= ' ')
                u++;
            if (!strncasecmp(u, "javascript:", 11) || !strncasecmp(u, "vbscript:", 9) ||
                !strncasecmp(u, "data:", 5))
                S_bad(pg, "script URL in an attribute", p + start, n - start);
        }
        if (!strcmp(an, "type") && !strcmp(val, "text/x-concord-story"))
            data_block = 1;
        if (!strcmp(an, "nonce"))
            has_nonce = 1;
        concord_buf_free(&v);
    }
    i = i < n ? i + 1 : n;
    if (!strcmp(name, "script")) {
        size_t end = S_find_ci(p, n, i, "</script");
        if (data_block) {
            pg->story_blocks++;
            S_walk(pg, p + i, end - i, depth + 1); /* rendered with innerHTML */
        } else {
            pg->own_scripts++;
            if (depth > 0 || !has_nonce)
                S_bad(pg, "script element from article text", p + start, n - start);
            if (S_find_ci(p, end, i, "alert(") < end)
                S_bad(pg, "article text inside the page's script", p + i, end - i);
        }
        size_t close = S_find_ci(p, n, end, ">");
        return close < n ? close + 1 : n;
    }
    if (!strcmp(name, "style") || !strcmp(name, "title")) {
        char closer[40];
        snprintf(closer, sizeof closer, "</%s", name);
        size_t end = S_find_ci(p, n, i, closer);
        if (!strcmp(name, "style") && (depth > 0 || S_find_ci(p, end, i, "bada55") < end))
            S_bad(pg, "style element from article text", p + start, n - start);
        if (!strcmp(name, "title"))
            concord_buf_add(&pg->text, p + i, end - i);
        size_t close = S_find_ci(p, n, end, ">");
        return close < n ? close + 1 : n;
    }
    return i;
}

static void S_walk(S_page *pg, const char *p, size_t n, int depth)
{
    size_t i = 0;
    while (i < n) {
        char c = p[i];
        if (c == '<' && i + 3 < n && !memcmp(p + i, "<!--", 4)) {
            S_bad(pg, "comment in the page", p + i, n - i);
            size_t e = S_find_ci(p, n, i, "-->");
            i = e < n ? e + 3 : n;
        } else if (c == '<' && i + 1 < n && p[i + 1] == '!') {
            size_t e = S_find_ci(p, n, i, ">");
            i = e < n ? e + 1 : n;
        } else if (c == '<' && i + 1 < n && p[i + 1] == '/') {
            size_t e = S_find_ci(p, n, i, ">");
            i = e < n ? e + 1 : n;
        } else if (c == '<' && i + 1 < n &&
                   ((p[i + 1] | 0x20) >= 'a' && (p[i + 1] | 0x20) <= 'z')) {
            i = S_tag(pg, p, n, i, depth);
        } else if (c == '&') {
            i += S_entity(&pg->text, p + i, n - i, pg);
        } else {
            concord_buf_addc(&pg->text, c);
            i++;
        }
    }
}

static void S_check_report(const char *outdir, int expect_blocks)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/report.html", outdir);
    size_t len = 0;
    char *html = concord_read_file(path, &len);
    assert_non_null(html);
    assert_true(len > 0);
    /* plain byte checks first: nothing the attacker wrote survives raw */
    static const char *const raw[] = {"<script>alert",
                                      "<img src=x",
                                      "<svg onload",
                                      "</textarea><textarea>",
                                      "<iframe",
                                      "&#x;",
                                      "&#0;",
                                      "<b onmouseover",
                                      "href=\"javascript:",
                                      "href='javascript:",
                                      "src=\"javascript:"};
    for (size_t k = 0; k < sizeof raw / sizeof *raw; k++) {
        const char *hit = strstr(html, raw[k]);
        if (hit)
            fprintf(stderr, "report.html holds raw \"%s\" at byte %zu\n", raw[k],
                    (size_t)(hit - html));
        assert_null(hit);
    }
    S_page pg;
    memset(&pg, 0, sizeof pg);
    concord_buf_init(&pg.text);
    S_walk(&pg, html, len, 0);
    assert_false(pg.bad);
    assert_int_equal(pg.own_scripts, 1);
    if (expect_blocks)
        assert_true(pg.story_blocks > 0);
    else
        assert_int_equal(pg.story_blocks, 0);
    /* the hostile text is there, as text */
    const char *t = pg.text.data ? pg.text.data : "";
    static const char *const as_text[] = {"<script>alert(1)</script>", "Evil Outlet",
                                          "River <i>Times</i>"};
    for (size_t k = 0; k < sizeof as_text / sizeof *as_text; k++) {
        if (!strstr(t, as_text[k]))
            fprintf(stderr, "report text lacks \"%s\"\n", as_text[k]);
        assert_non_null(strstr(t, as_text[k]));
    }
    concord_buf_free(&pg.text);
    free(html);
}

static void S_check_jsonl(const char *outdir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/articles.jsonl", outdir);
    size_t n;
    concord_json **a = support_jsonl(path, &n);
    assert_int_equal(n, 3);
    int seen1 = 0, seen2 = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = concord_json_get_str(a[i], "id");
        const char *text = concord_json_get_str(a[i], "text");
        const char *title = concord_json_get_str(a[i], "title");
        assert_non_null(id);
        assert_non_null(text);
        assert_non_null(title);
        assert_true(concord_utf8_valid(text, strlen(text)));
        if (!strcmp(id, "evil-1")) {
            seen1 = 1;
            static const char *const kept[] = {"<script>alert(1)</script>",
                                               "</textarea><textarea>",
                                               "&#x; &#0; &amp &lt;b&gt;",
                                               "<a href=\"javascript:alert(2)\">here</a>",
                                               "survive.\xE2\x80\xA8"
                                               "A line",
                                               "separator\xE2\x80\xA9"
                                               "and",
                                               "<svg onload=alert(6)>"};
            for (size_t k = 0; k < sizeof kept / sizeof *kept; k++) {
                if (!strstr(text, kept[k]))
                    fprintf(stderr, "articles.jsonl: evil-1 lost \"%s\"\n", kept[k]);
                assert_non_null(strstr(text, kept[k]));
            }
            assert_string_equal(title,
                                "Flood <script>alert(1)</script> reaches 40 homes in Rivertown");
            assert_string_equal(concord_json_get_str(a[i], "source"),
                                "<b onmouseover=alert(11)>Evil Outlet</b>");
            assert_string_equal(concord_json_get_str(a[i], "url"), "javascript:alert(12)");
        } else if (!strcmp(id, S_EVIL_ID2_RAW)) {
            seen2 = 1;
            assert_string_equal(concord_json_get_str(a[i], "source"), "River <i>Times</i>");
        }
    }
    assert_true(seen1 && seen2);
    S_free_lines(a, n);

    snprintf(path, sizeof path, "%s/stories.jsonl", outdir);
    concord_json **s = support_jsonl(path, &n);
    assert_true(n >= 1);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_json *arts = concord_json_get(s[i], "articles");
        assert_non_null(arts);
        assert_int_equal(arts->type, CONCORD_JSON_ARRAY);
        for (size_t k = 0; k < arts->len; k++) {
            const char *id = concord_json_get_str(arts->items[k], "id");
            assert_non_null(id);
            if (!strcmp(id, S_EVIL_ID2_RAW)) {
                found = 1;
                assert_string_equal(concord_json_get_str(arts->items[k], "title"),
                                    "Rivertown flood: 40 homes hit, 12 evacuated </title>"
                                    "<script>alert(10)</script>");
            }
        }
        /* quotes and digest texts are valid UTF-8 strings */
        const concord_json *dg = concord_json_get(s[i], "digest");
        for (size_t k = 0; dg && k < dg->len; k++) {
            const char *t = concord_json_get_str(dg->items[k], "text");
            assert_non_null(t);
            assert_true(concord_utf8_valid(t, strlen(t)));
        }
    }
    assert_true(found);
    S_free_lines(s, n);
}

/* ---- tests */

static void test_inline_report(void **state)
{
    (void)state;
    char out[4200];
    snprintf(out, sizeof out, "%s/inline", S_dir);
    unsetenv("CONCORD_REPORT_INLINE_MAX");
    S_run(out);
    S_check_report(out, 0);
    S_check_jsonl(out);
}

static void test_lazy_report(void **state)
{
    (void)state;
    char out[4200];
    snprintf(out, sizeof out, "%s/lazy", S_dir);
    setenv("CONCORD_REPORT_INLINE_MAX", "0", 1);
    S_run(out);
    unsetenv("CONCORD_REPORT_INLINE_MAX");
    S_check_report(out, 1);
    S_check_jsonl(out);
}

/* The tokenizer itself must catch what it is there to catch. */
static void test_checker_catches(void **state)
{
    (void)state;
    static const char *const evil[] = {
        "<p>x<img src=x onerror=alert(1)></p>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<p onclick=\"x()\">x</p>",
        "<p>a &#x; b</p>",
        "<script>alert(1)</script>",
        "<script type=\"text/x-concord-story\">&lt;p&gt;<svg onload=alert(1)></script>"};
    for (size_t k = 0; k < sizeof evil / sizeof *evil; k++) {
        S_page pg;
        memset(&pg, 0, sizeof pg);
        concord_buf_init(&pg.text);
        S_walk(&pg, evil[k], strlen(evil[k]), 0);
        assert_true(pg.bad);
        concord_buf_free(&pg.text);
    }
    S_page pg;
    memset(&pg, 0, sizeof pg);
    concord_buf_init(&pg.text);
    const char *fine =
        "<p title=\"&lt;script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp;#x;</p>";
    S_walk(&pg, fine, strlen(fine), 0);
    assert_false(pg.bad);
    assert_string_equal(pg.text.data, "<script>alert(1)</script> &#x;");
    concord_buf_free(&pg.text);
}

static int S_setup(void **state)
{
    (void)state;
    const char *bld = getenv("CONCORD_BUILD_DIR");
    snprintf(S_dir, sizeof S_dir, "%s/test-hostile-XXXXXX", bld && *bld ? bld : "/tmp");
    if (!mkdtemp(S_dir))
        return -1;
    return 0;
}

static int S_teardown(void **state)
{
    (void)state;
    if (getenv("CONCORD_KEEP_TEST_OUTPUT"))
        return 0;
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checker_catches),
        cmocka_unit_test(test_inline_report),
        cmocka_unit_test(test_lazy_report),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
