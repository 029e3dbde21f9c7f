/* test_article.c: article records (derived id and source), URL hosts and
 * date normalization (formats, languages, impossible dates). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord/article.h"
#include "concord/version.h"

static void test_new(void **state)
{
    (void)state;
    concord_article *a =
        concord_article_new("x1", "Outlet", "http://a.com/b", "2022-01-12", "Title", "Body", 4);
    assert_string_equal(a->id, "x1");
    assert_string_equal(a->source, "Outlet");
    assert_string_equal(a->title, "Title");
    assert_int_equal(a->text_len, 4);
    assert_string_equal(a->text, "Body");
    assert_string_equal(a->origin, "");
    concord_article_free(a);

    a = concord_article_new(NULL, NULL, "https://www.Example.COM:8080/x?y", NULL, NULL, "Body", 4);
    char want[24];
    snprintf(want, sizeof want, "h%016" PRIx64, concord_hash("Body", 4, 0));
    assert_string_equal(a->id, want);
    assert_string_equal(a->source, "example.com");
    assert_string_equal(a->url, "https://www.Example.COM:8080/x?y");
    assert_string_equal(a->date, "");
    assert_string_equal(a->title, "");
    concord_article_free(a);

    a = concord_article_new("", "", "", NULL, "T", NULL, 0);
    assert_string_equal(a->source, "unknown");
    assert_int_equal(strlen(a->id), 17);
    assert_int_equal(a->id[0], 'h');
    assert_string_equal(a->text, "");
    /* two empty articles with different titles keep different ids */
    concord_article *b = concord_article_new(NULL, NULL, NULL, NULL, "U", NULL, 0);
    assert_string_not_equal(a->id, b->id);
    concord_article_free(a);
    concord_article_free(b);
    concord_article_free(NULL);
}

static void test_url_host(void **state)
{
    (void)state;
    struct {
        const char *url, *host;
    } cases[] = {
        {"https://www.x.com/a", "x.com"},
        {"http://usnews.nbcnews.com:80/_news/2013", "usnews.nbcnews.com"},
        {"HTTP://User:pw@WWW.Foo.Org/", "foo.org"},
        {"//cdn.example.net/x", "cdn.example.net"},
        {"www.example.com/path", "example.com"},
        {"example.com", "example.com"},
        {"https://www.x.com", "x.com"},
        {"https://x.com.?q=1", "x.com"},
        {"https://münchen.de/", "münchen.de"},
        {"http://[::1]:8080/", "[::1]"},
        {"https://www./", "www"},
        {"", NULL},
        {"not a url", NULL},
        {"mailto:someone", NULL},
        {"https:///path", NULL},
        {"file.txt", "file.txt"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *h = concord_url_host(cases[k].url);
        if (!cases[k].host) {
            if (h)
                fail_msg("%s: got host %s", cases[k].url, h);
        } else {
            if (!h || strcmp(h, cases[k].host) != 0)
                fail_msg("%s: got %s, want %s", cases[k].url, h ? h : "NULL", cases[k].host);
        }
        free(h);
    }
    assert_null(concord_url_host(NULL));
}

static void test_dates(void **state)
{
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {
        {"2022-01-12", "2022-01-12"},
        {"2022-01-12T09:51:00Z", "2022-01-12"},
        {"2022-01-11T23:30:00-05:00", "2022-01-11"},
        {"2022-1-2", "2022-01-02"},
        {"2022/01/12", "2022-01-12"},
        {"20220112", "2022-01-12"},
        {"1/12/2022", "2022-01-12"},
        {"12/31/2021", "2021-12-31"},
        {"12.01.2022", "2022-01-12"},
        {"January 12th, 2022", "2022-01-12"},
        {"Published January 12th, 2022 - 09:51 GMT", "2022-01-12"},
        {"Jan. 12, 2022", "2022-01-12"},
        {"Sept. 3, 2021", "2021-09-03"},
        {"jan 1 2000", "2000-01-01"},
        {"12 January 2022", "2022-01-12"},
        {"Wed, 12 Jan 2022 09:51:00 GMT", "2022-01-12"},
        {"Wednesday, January 12, 2022", "2022-01-12"},
        {"the 1st of March, 2020", "2020-03-01"},
        {"12. Januar 2022", "2022-01-12"},
        {"3. März 2021", "2021-03-03"},
        {"12 de enero de 2022", "2022-01-12"},
        {"1er février 2022", "2022-02-01"},
        {"12 février 2022", "2022-02-12"},
        {"12 января 2022 г.", "2022-01-12"},
        {"29 February 2020", "2020-02-29"},
        /* impossible or incomplete */
        {"29 February 2021", ""},
        {"2022-02-30", ""},
        {"2022-13-01", ""},
        {"13/13/2022", ""},
        {"0/12/2022", ""},
        {"January 2022", ""},
        {"January 32, 2022", ""},
        {"2022", ""},
        {"", ""},
        {"yesterday", ""},
        {"In 2022, 5 people", ""},
        {"2022-01-123", ""},
        {"May 5", ""},
        {"99999999", ""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char out[11] = "";
        int ok = concord_date_normalize(cases[k].in, strlen(cases[k].in), out);
        if (*cases[k].out) {
            if (!ok || strcmp(out, cases[k].out) != 0)
                fail_msg("%s: got %s (%d), want %s", cases[k].in, ok ? out : "-", ok, cases[k].out);
        } else if (ok) {
            fail_msg("%s: accepted as %s", cases[k].in, out);
        }
    }
    char out[11];
    assert_int_equal(concord_date_normalize(NULL, 0, out), 0);
    /* length is honoured: no read past len */
    assert_int_equal(concord_date_normalize("2022-01-12", 7, out), 0);
}

/* The library reports the version of the headers it was built with. */
static void test_version(void **state)
{
    (void)state;
    assert_string_equal(concord_version(), CONCORD_VERSION);
    assert_int_equal(concord_version_number(), CONCORD_VERSION_NUMBER);
    assert_true(concord_version_number() > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_new),
        cmocka_unit_test(test_url_host),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
