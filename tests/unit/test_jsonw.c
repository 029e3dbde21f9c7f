/* test_jsonw.c: the library's JSON writer (src/common/jsonw_internal.h):
 * separators and nesting, keys, the project's string escaping (quotes,
 * controls, NUL, C1, U+2028/U+2029, HTML-unsafe bytes, bytes that are not
 * UTF-8), number formats, values written by other functions, nesting past
 * the inline stack.  The writer is internal, so this test includes its
 * header by path: it tests a module of src/, not the public API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "../../src/common/jsonw_internal.h"

/* A writer on a fresh buffer. */
typedef struct {
    concord_buf b;
    jsonw w;
} S_doc;

static void S_begin(S_doc *d)
{
    concord_buf_init(&d->b);
    concord__jsonw_init(&d->w, &d->b);
}

/* Finishes the writer, checks the text and that it parses as JSON. */
static void S_expect(S_doc *d, const char *want)
{
    concord__jsonw_finish(&d->w);
    assert_int_equal(d->b.len, strlen(want));
    assert_memory_equal(d->b.data, want, d->b.len);
    concord_json *j = concord_json_parse(d->b.data, d->b.len, NULL, NULL);
    assert_non_null(j);
    concord_json_free(j);
    concord_buf_free(&d->b);
}

static void test_separators(void **state)
{
    (void)state;
    S_doc d;
    S_begin(&d);
    concord__jsonw_begin_object(&d.w);
    concord__jsonw_key(&d.w, "a");
    concord__jsonw_begin_array(&d.w);
    concord__jsonw_uint(&d.w, 1);
    concord__jsonw_uint(&d.w, 2);
    concord__jsonw_begin_object(&d.w);
    concord__jsonw_key(&d.w, "b");
    concord__jsonw_null(&d.w);
    concord__jsonw_end_object(&d.w);
    concord__jsonw_begin_array(&d.w);
    concord__jsonw_end_array(&d.w);
    concord__jsonw_end_array(&d.w);
    concord__jsonw_key_bool(&d.w, "c", 1);
    concord__jsonw_key_bool(&d.w, "d", 0);
    concord__jsonw_key(&d.w, "e");
    concord__jsonw_begin_object(&d.w);
    concord__jsonw_end_object(&d.w);
    concord__jsonw_key_str(&d.w, "f", NULL);
    concord__jsonw_end_object(&d.w);
    S_expect(&d, "{\"a\":[1,2,{\"b\":null},[]],\"c\":true,\"d\":false,\"e\":{},\"f\":null}");
}

/* Values at depth 0 follow each other with no separator (JSON Lines callers
 * add their own newline); a new writer on a buffer that holds text appends. */
static void test_top_level(void **state)
{
    (void)state;
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_adds(&b, "x");
    jsonw w;
    concord__jsonw_init(&w, &b);
    concord__jsonw_uint(&w, 7);
    concord__jsonw_str(&w, "s");
    concord__jsonw_begin_array(&w);
    concord__jsonw_end_array(&w);
    concord__jsonw_finish(&w);
    assert_string_equal(b.data, "x7\"s\"[]");
    concord_buf_free(&b);
}

static void test_escaping(void **state)
{
    (void)state;
    S_doc d;
    S_begin(&d);
    concord__jsonw_begin_array(&d.w);
    concord__jsonw_str(&d.w, "say \"hi\" \\ now");
    concord__jsonw_str(&d.w, "tab\tnl\ncr\rbel\x07"
                             "esc\x1b"
                             "del\x7f");
    /* a NUL inside a counted string, and one at its end */
    concord__jsonw_strn(&d.w, "a\0b\0", 4);
    /* U+2028, U+2029 (line breaks to JSON Lines readers), U+0085 (C1) */
    concord__jsonw_str(&d.w, "l\xE2\x80\xA8p\xE2\x80\xA9"
                             "c\xC2\x85");
    /* HTML-unsafe bytes: JSON may sit inside a <script> */
    concord__jsonw_str(&d.w, "</script><b>&amp;");
    /* other multi-byte text passes as it is: U+2027, U+00A0, U+1F600 */
    concord__jsonw_str(&d.w, "\xE2\x80\xA7\xC2\xA0\xF0\x9F\x98\x80");
    concord__jsonw_str(&d.w, "");
    concord__jsonw_end_array(&d.w);
    S_expect(&d, "[\"say \\\"hi\\\" \\\\ now\","
                 "\"tab\\tnl\\ncr\\rbel\\u0007esc\\u001bdel\x7f\","
                 "\"a\\u0000b\\u0000\","
                 "\"l\\u2028p\\u2029c\\u0085\","
                 "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;\","
                 "\"\xE2\x80\xA7\xC2\xA0\xF0\x9F\x98\x80\","
                 "\"\"]");
}

/* Bytes that are not UTF-8 pass through unchanged (input is repaired before
 * it reaches a writer); truncated sequences at the end of a string do not
 * make the escaper read past it. */
static void test_invalid_utf8(void **state)
{
    (void)state;
    const char in[] = "\xff\xfe ok \xC0\xAF \xED\xA0\x80";
    S_doc d;
    S_begin(&d);
    concord__jsonw_begin_array(&d.w);
    concord__jsonw_strn(&d.w, in, sizeof in - 1);
    concord__jsonw_strn(&d.w, "\xC2", 1);     /* lead byte of a C1 control, cut */
    concord__jsonw_strn(&d.w, "\xE2\x80", 2); /* of U+2028, cut */
    concord__jsonw_strn(&d.w, "\xE2\x80\xA8", 2);
    concord__jsonw_end_array(&d.w);
    concord__jsonw_finish(&d.w);
    const char want[] =
        "[\"\xff\xfe ok \xC0\xAF \xED\xA0\x80\",\"\xC2\",\"\xE2\x80\",\"\xE2\x80\"]";
    assert_int_equal(d.b.len, sizeof want - 1);
    assert_memory_equal(d.b.data, want, sizeof want - 1);
    /* the parser still reads it, repairing the bytes to U+FFFD */
    concord_json *j = concord_json_parse(d.b.data, d.b.len, NULL, NULL);
    assert_non_null(j);
    assert_int_equal(j->len, 4);
    assert_non_null(strstr(j->items[0]->str, "\xEF\xBF\xBD"));
    concord_json_free(j);
    concord_buf_free(&d.b);
}

static void test_keys(void **state)
{
    (void)state;
    S_doc d;
    S_begin(&d);
    concord__jsonw_begin_object(&d.w);
    concord__jsonw_key_text(&d.w, "k\"\n<", 4);
    concord__jsonw_uint(&d.w, 1);
    concord__jsonw_key_text(&d.w, "a\0b", 3);
    concord__jsonw_uint(&d.w, 2);
    /* a name longer than the one-append path takes */
    concord__jsonw_key(&d.w, "a_name_much_longer_than_any_field_name_in_the_output_contract_xx");
    concord__jsonw_uint(&d.w, 3);
    concord__jsonw_key_strn(&d.w, "t", "abc", 2);
    concord__jsonw_end_object(&d.w);
    S_expect(&d, "{\"k\\\"\\n\\u003c\":1,\"a\\u0000b\":2,"
                 "\"a_name_much_longer_than_any_field_name_in_the_output_contract_xx\":3,"
                 "\"t\":\"ab\"}");
}

static void test_numbers(void **state)
{
    (void)state;
    S_doc d;
    S_begin(&d);
    concord__jsonw_begin_array(&d.w);
    concord__jsonw_uint(&d.w, 0);
    concord__jsonw_uint(&d.w, UINT64_MAX);
    concord__jsonw_int(&d.w, -5);
    concord__jsonw_int(&d.w, LLONG_MIN);
    concord__jsonw_int(&d.w, LLONG_MAX);
    concord__jsonw_double(&d.w, 0.123456, 3);
    concord__jsonw_double(&d.w, 1.0, 3);
    concord__jsonw_double(&d.w, 0.0001234, 3);
    concord__jsonw_double(&d.w, 1e21, 17);
    concord__jsonw_double(&d.w, 0.1, 17);
    concord__jsonw_double(&d.w, 0.1, 99); /* clamped to 17 */
    concord__jsonw_double(&d.w, NAN, 3);
    concord__jsonw_double(&d.w, INFINITY, 3);
    concord__jsonw_double(&d.w, -INFINITY, 17);
    concord__jsonw_raw(&d.w, "12345678901234567890", 20);
    concord__jsonw_end_array(&d.w);
    S_expect(&d, "[0,18446744073709551615,-5,-9223372036854775808,9223372036854775807,"
                 "0.123,1,0.000123,1e+21,0.10000000000000001,0.10000000000000001,"
                 "null,null,null,12345678901234567890]");
}

/* One value written alone at depth 0: the bytes the writer gives. */
static void S_fixed_text(double v, int decimals, char *out, size_t cap)
{
    concord_buf b;
    concord_buf_init(&b);
    jsonw w;
    concord__jsonw_init(&w, &b);
    concord__jsonw_fixed(&w, v, decimals);
    concord__jsonw_finish(&w);
    assert_true(b.len < cap);
    memcpy(out, b.data, b.len);
    out[b.len] = '\0';
    concord_buf_free(&b);
}

/* concord__jsonw_fixed is printf's "%.*f" byte for byte: edge values, ties
 * (exact halves go to printf, round half to even), values just beside a tie,
 * negative values rounding to zero, huge values, and many pseudo-random
 * values at every precision. */
static void test_fixed(void **state)
{
    (void)state;
    static const double edge[] = {0.0,
                                  -0.0,
                                  1.0,
                                  -1.0,
                                  0.5,
                                  1.5,
                                  2.5,
                                  -2.5,
                                  0.125,
                                  0.375,
                                  0.0005,
                                  0.0015,
                                  0.0025,
                                  0.9995,
                                  0.99949999999999994,
                                  0.99950000000000006,
                                  1.0005,
                                  -0.0001,
                                  -0.0004999,
                                  1e-300,
                                  -1e-300,
                                  123456.789,
                                  4503599627370495.5,
                                  4503599627370497.0,
                                  9007199254740991.0,
                                  9007199254740993.0,
                                  1e15,
                                  1e16,
                                  1e21,
                                  -1e22,
                                  1.7976931348623157e308,
                                  0.1,
                                  0.2,
                                  0.3,
                                  0.7,
                                  2.675,
                                  1.005};
    char got[400], want[400];
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        for (int dec = 0; dec <= 9; dec++) {
            S_fixed_text(edge[i], dec, got, sizeof got);
            snprintf(want, sizeof want, "%.*f", dec, edge[i]);
            assert_string_equal(got, want);
        }
    }
    /* a fixed pseudo-random sequence (xorshift): values of every scale,
     * and values on a 1/1000 grid (similarities) with and without a nudge */
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        switch (i % 4) {
            case 0:
                v = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
                break;
            case 1: v = ldexp((double)(x >> 11), (int)(x % 80) - 100); break;
            case 2:
                v = (double)(x % 2001) / 2000.0; /* halves of thousandths */
                break;
            default: v = -(double)(x % 200001) / 1000.0; break;
        }
        int dec = (int)((x >> 3) % 10);
        S_fixed_text(v, dec, got, sizeof got);
        snprintf(want, sizeof want, "%.*f", dec, v);
        assert_string_equal(got, want);
    }
    /* precision clamped to 0..9; not finite: null */
    S_fixed_text(0.123456789123, 20, got, sizeof got);
    assert_string_equal(got, "0.123456789");
    S_fixed_text(2.7, -3, got, sizeof got);
    assert_string_equal(got, "3");
    S_fixed_text(NAN, 3, got, sizeof got);
    assert_string_equal(got, "null");
    S_fixed_text(-INFINITY, 3, got, sizeof got);
    assert_string_equal(got, "null");
}

static void test_hex64(void **state)
{
    (void)state;
    static const uint64_t vals[] = {0, 1, 0xabcdef, 0x0123456789abcdefu, UINT64_MAX};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        S_doc d;
        S_begin(&d);
        concord__jsonw_begin_object(&d.w);
        concord__jsonw_key(&d.w, "key");
        concord__jsonw_hex64(&d.w, vals[i]);
        concord__jsonw_key_fixed(&d.w, "s", 0.25, 3);
        concord__jsonw_end_object(&d.w);
        char want[80];
        snprintf(want, sizeof want, "{\"key\":\"%016llx\",\"s\":0.250}",
                 (unsigned long long)vals[i]);
        S_expect(&d, want);
    }
}

/* A value appended by a function that writes JSON into a concord_buf. */
static void S_external_value(concord_buf *b)
{
    concord_buf_adds(b, "[\"x\"]");
}

static void test_external(void **state)
{
    (void)state;
    S_doc d;
    S_begin(&d);
    concord__jsonw_begin_object(&d.w);
    concord__jsonw_key(&d.w, "first");
    S_external_value(concord__jsonw_external(&d.w));
    concord__jsonw_key(&d.w, "list");
    concord__jsonw_begin_array(&d.w);
    S_external_value(concord__jsonw_external(&d.w));
    S_external_value(concord__jsonw_external(&d.w));
    concord__jsonw_end_array(&d.w);
    concord__jsonw_key(&d.w, "last");
    S_external_value(concord__jsonw_external(&d.w));
    concord__jsonw_end_object(&d.w);
    S_expect(&d, "{\"first\":[\"x\"],\"list\":[[\"x\"],[\"x\"]],\"last\":[\"x\"]}");
}

/* Nesting past the inline stack (128 levels) grows it; separators stay right
 * at every level on the way down and back up. */
static void test_deep_nesting(void **state)
{
    (void)state;
    enum { DEPTH = 1000 };
    concord_buf want;
    concord_buf_init(&want);
    S_doc d;
    S_begin(&d);
    for (int i = 0; i < DEPTH; i++) {
        concord__jsonw_begin_array(&d.w);
        concord__jsonw_uint(&d.w, (uint64_t)i);
        concord__jsonw_begin_object(&d.w);
        concord__jsonw_key(&d.w, "k");
        concord_buf_printf(&want, "[%d,{\"k\":", i);
    }
    concord__jsonw_null(&d.w);
    concord_buf_adds(&want, "null");
    for (int i = 0; i < DEPTH; i++) {
        concord__jsonw_key_uint(&d.w, "n", (uint64_t)i);
        concord__jsonw_end_object(&d.w);
        concord__jsonw_str(&d.w, "after");
        concord__jsonw_end_array(&d.w);
        concord_buf_printf(&want, ",\"n\":%d},\"after\"]", i);
    }
    assert_int_equal(d.w.depth, 0);
    concord__jsonw_finish(&d.w);
    assert_int_equal(d.b.len, want.len);
    assert_memory_equal(d.b.data, want.data, want.len);
    /* a second finish and a reused writer are harmless */
    concord__jsonw_finish(&d.w);
    concord_buf_free(&d.b);
    concord_buf_free(&want);
}

/* concord_json_write (emit.h) writes a parsed tree through the writer: a
 * document in the writer's own form comes back byte for byte. */
static void test_tree_round_trip(void **state)
{
    (void)state;
    const char *docs[] = {
        ("{\"a\":[1,-2.5e3,true,false,null,\"x\\u2028\\u003c\"],\"o\":{},\"e\":[],"
         "\"k\\\"\":{\"n\":[[[]]]}}"),
        "12345678901234567890",
        "[\"\\u0000\",\"caf\xC3\xA9\"]",
    };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        concord_json *j = concord_json_parse(docs[i], strlen(docs[i]), NULL, NULL);
        assert_non_null(j);
        concord_buf b;
        concord_buf_init(&b);
        concord_json_write(&b, j);
        assert_string_equal(b.data, docs[i]);
        concord_buf_free(&b);
        concord_json_free(j);
    }
    concord_buf b;
    concord_buf_init(&b);
    concord_json_write(&b, NULL);
    assert_string_equal(b.data, "null");
    concord_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_top_level),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_fixed),
        cmocka_unit_test(test_hex64),
        cmocka_unit_test(test_external),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_tree_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
