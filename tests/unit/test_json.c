/* test_json.c: the RFC 8259 parser: values, escapes, surrogates, numbers,
 * errors with positions, depth limit, UTF-8 repair counters and flags. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "concord/json.h"

static concord_json *parse(const char *s)
{
    return concord_json_parse(s, strlen(s), NULL, NULL);
}

static void test_values(void **state)
{
    (void)state;
    const char *src = " {\"id\": 12345678901234567890, \"a\": [1, -0.5e2, true, false, null, "
                      "\"x\"], \"o\": {}, \"e\": [], \"s\": \"hi\"} \n";
    concord_json *j = parse(src);
    assert_non_null(j);
    assert_int_equal(j->type, CONCORD_JSON_OBJECT);
    assert_int_equal(j->len, 5);
    const concord_json *id = concord_json_get(j, "id");
    assert_int_equal(id->type, CONCORD_JSON_NUMBER);
    assert_string_equal(id->str, "12345678901234567890");
    const concord_json *a = concord_json_get(j, "a");
    assert_int_equal(a->type, CONCORD_JSON_ARRAY);
    assert_int_equal(a->len, 6);
    assert_true(a->items[1]->number == -50.0);
    assert_int_equal(a->items[2]->type, CONCORD_JSON_TRUE);
    assert_int_equal(a->items[3]->type, CONCORD_JSON_FALSE);
    assert_int_equal(a->items[4]->type, CONCORD_JSON_NULL);
    assert_string_equal(a->items[5]->str, "x");
    assert_int_equal(concord_json_get(j, "o")->len, 0);
    assert_int_equal(concord_json_get(j, "e")->type, CONCORD_JSON_ARRAY);
    assert_string_equal(concord_json_get_str(j, "s"), "hi");
    assert_null(concord_json_get_str(j, "a"));
    assert_null(concord_json_get(j, "missing"));
    assert_true(concord_json_get_num(j, "missing", 7.0) == 7.0);
    concord_json_free(j);

    const char *scalars[] = {"0", "-0", "1.5", "1e10", "2E-3", "\"\"", "true", "null", "[[[]]]"};
    for (size_t k = 0; k < sizeof scalars / sizeof *scalars; k++) {
        j = parse(scalars[k]);
        assert_non_null(j);
        concord_json_free(j);
    }
    j = parse("3.25");
    assert_true(j->number == 3.25);
    concord_json_free(j);
}

static void test_escapes(void **state)
{
    (void)state;
    concord_json *j = parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\"");
    assert_non_null(j);
    const char want[] = "a\"b\\c/d\b\f\n\r\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    assert_int_equal(j->len, sizeof want - 1);
    assert_memory_equal(j->str, want, sizeof want - 1);
    concord_json_free(j);

    /* string ending in an escaped backslash before the quote */
    j = parse("[\"x\\\\\", \"y\"]");
    assert_non_null(j);
    assert_string_equal(j->items[0]->str, "x\\");
    assert_string_equal(j->items[1]->str, "y");
    concord_json_free(j);

    /* \u0000 kept with exact length, or turned into a space on request */
    concord_json_info info;
    j = concord_json_parse_ex("\"a\\u0000b\"", 10, 0, &info);
    assert_non_null(j);
    assert_int_equal(j->len, 3);
    assert_memory_equal(j->str, "a\0b", 3);
    assert_int_equal(info.nul, 1);
    assert_int_equal(info.first_bad, 2);
    concord_json_free(j);
    j = concord_json_parse_ex("\"a\\u0000b\"", 10, CONCORD_JSON_NUL_TO_SPACE, &info);
    assert_string_equal(j->str, "a b");
    concord_json_free(j);
}

static void test_repair(void **state)
{
    (void)state;
    concord_json_info info;
    /* lone surrogates and invalid bytes become U+FFFD and are counted */
    const char *src = "[\"\\ud800x\", \"\\udc00\", \"ok\xff\xc0\xaf\", \"\xed\xa0\x80\"]";
    concord_json *j = concord_json_parse_ex(src, strlen(src), 0, &info);
    assert_non_null(j);
    assert_string_equal(j->items[0]->str, "\xEF\xBF\xBDx");
    assert_string_equal(j->items[1]->str, "\xEF\xBF\xBD");
    assert_string_equal(j->items[2]->str, "ok\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(info.bad, 2 + 3 + 3);
    assert_int_equal(info.first_bad, 2);
    concord_json_free(j);

    /* a string made only of bad bytes triples in size (decoder restart path) */
    char big[1002];
    big[0] = '"';
    memset(big + 1, 0xFE, 1000);
    big[1001] = '"';
    j = concord_json_parse_ex(big, sizeof big, 0, &info);
    assert_non_null(j);
    assert_int_equal(j->len, 3000);
    assert_int_equal(info.bad, 1000);
    assert_int_equal(info.first_bad, 1);
    concord_json_free(j);

    /* raw control characters: an error by default, kept with RAW_CTRL */
    const char raw[] = "\"a\tb\0c\"";
    assert_null(concord_json_parse_ex(raw, sizeof raw - 1, 0, &info));
    assert_string_equal(info.err_msg, "control character in string");
    assert_int_equal(info.err_pos, 2);
    j = concord_json_parse_ex(raw, sizeof raw - 1,
                              CONCORD_JSON_RAW_CTRL | CONCORD_JSON_NUL_TO_SPACE, &info);
    assert_non_null(j);
    assert_string_equal(j->str, "a\tb c");
    assert_int_equal(info.nul, 1);
    assert_int_equal(info.first_bad, 4);
    concord_json_free(j);
}

static void test_errors(void **state)
{
    (void)state;
    struct {
        const char *src;
        size_t pos;
    } bad[] = {
        {"", 0},
        {"   ", 3},
        {"{\"a\":", 5},
        {"{\"a\" 1}", 5},
        {"{\"a\":1,}", 7},
        {"[1,]", 3},
        {"[1 2]", 3},
        {"{1:2}", 1},
        {"01", 1},
        {"1.", 2},
        {"-", 1},
        {"1e", 2},
        {"tru", 0},
        {"nul", 0},
        {"\"abc", 4},
        {"\"a\\x\"", 2},
        {"\"\\u12G4\"", 1},
        {"{} x", 3},
        {"{\"text\": \"cut", 13},
        {"'single'", 0},
        {"[1,2", 4},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        size_t pos = 999;
        const char *msg = NULL;
        concord_json *j = concord_json_parse(bad[k].src, strlen(bad[k].src), &pos, &msg);
        if (j)
            fail_msg("parsed invalid JSON: %s", bad[k].src);
        assert_non_null(msg);
        if (pos != bad[k].pos)
            fail_msg("%s: error at %zu (%s), expected %zu", bad[k].src, pos, msg, bad[k].pos);
    }
}

static void test_depth(void **state)
{
    (void)state;
    char s[2 * 600 + 1];
    for (int depth = 511; depth <= 513; depth++) {
        for (int k = 0; k < depth; k++) {
            s[k] = '[';
            s[depth + k] = ']';
        }
        concord_json *j = concord_json_parse(s, (size_t)(2 * depth), NULL, NULL);
        if (depth <= 512)
            assert_non_null(j);
        else
            assert_null(j);
        concord_json_free(j);
    }
    /* deeply nested garbage without closers fails cleanly */
    memset(s, '{', sizeof s);
    const char *msg = NULL;
    assert_null(concord_json_parse(s, sizeof s, NULL, &msg));
    assert_non_null(msg);
}

static void test_long_string(void **state)
{
    (void)state;
    /* a 4 MiB string with escapes and non-ASCII scattered through it */
    size_t n = (size_t)4 << 20;
    char *s = malloc(n + 2);
    s[0] = '"';
    for (size_t k = 1; k <= n; k++)
        s[k] = (char)('a' + k % 26);
    for (size_t k = 100; k + 8 < n; k += 9973) {
        memcpy(s + k, "\\n", 2);
        memcpy(s + k + 3, "\xC3\xA9", 2);
    }
    s[n + 1] = '"';
    concord_json_info info;
    concord_json *j = concord_json_parse_ex(s, n + 2, 0, &info);
    assert_non_null(j);
    assert_int_equal(info.bad, 0);
    assert_int_equal(j->len, strlen(j->str));
    assert_true(j->len < n);
    concord_json_free(j);
    free(s);
    concord_json_free(NULL);
}

/* parse_members: the named members only, first of duplicates, whole parse
 * for escaped keys, NULL for bad syntax anywhere (also in skipped members). */
static char *S_members(const char *doc, const char *const *keys, size_t n)
{
    concord_json *j = concord_json_parse_members(doc, strlen(doc), keys, n);
    if (!j)
        return NULL;
    const concord_json *a = concord_json_get(j, "a"), *b = concord_json_get(j, "b");
    char *out = concord_xmalloc(64);
    snprintf(out, 64, "%zu %s %s", j->len, a ? concord_json_get_str(a, "x") ? "x" : "a" : "-",
             b ? "b" : "-");
    concord_json_free(j);
    return out;
}

static void test_parse_members(void **state)
{
    (void)state;
    static const char *const ab[] = {"a", "b"}, *const b_only[] = {"b"};
    struct {
        const char *doc, *const *keys;
        size_t n;
        const char *want; /* NULL: no tree */
    } cases[] = {
        {" { \"a\" : {\"x\":\"1\"}, \"c\": [1,2,{\"d\":null}], \"b\":2 } ", ab, 2, "2 x b"},
        {"{\"c\":1,\"b\":[true]}", b_only, 1, "1 - b"},
        {"{\"a\":1,\"a\":{\"x\":\"y\"}}", ab, 2, "1 a -"}, /* first of duplicates */
        {"{}", ab, 2, "0 - -"},
        {"{\"\\u0061\":3,\"b\":1}", b_only, 1, "2 a b"}, /* escaped key: whole parse */
        {"{\"a\":1,\"c\":[1,}", ab, 2, NULL},            /* bad syntax in a skipped member */
        {"{\"a\":1} x", ab, 2, NULL},                    /* text after the object */
        {"[1,2]", ab, 2, "2 - -"},                       /* not an object: whole parse */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = S_members(cases[k].doc, cases[k].keys, cases[k].n);
        if (!cases[k].want)
            assert_null(got);
        else {
            assert_non_null(got);
            assert_string_equal(got, cases[k].want);
        }
        free(got);
    }
}

static void test_fields_and_skip(void **state)
{
    (void)state;
    static const char *const keys[] = {"id", "title", "text"};
    const char *src = "{\"id\":\"x\",\"junk\":[[[1,\"\\u0041\"]]],\"text\":\"t\",\"text\":\"dup\","
                      "\"title\":{\"a\":1},\"more\":\"\xff\"}";
    concord_json_info info;
    concord_json *j = concord_json_parse_fields(src, strlen(src), 0, keys, 3, &info);
    assert_non_null(j);
    assert_int_equal(j->len, 3);
    assert_string_equal(concord_json_get_str(j, "id"), "x");
    assert_string_equal(concord_json_get_str(j, "text"), "t");
    assert_int_equal(concord_json_get(j, "title")->type, CONCORD_JSON_OBJECT);
    assert_int_equal(concord_json_get(j, "title")->len, 0);
    assert_null(concord_json_get(j, "junk"));
    assert_int_equal(info.bad, 0); /* the bad byte sits in a dropped member */
    concord_json_free(j);

    /* a root array is checked, not built */
    j = concord_json_parse_fields("[1,{\"id\":2},[3]]", 16, 0, keys, 3, &info);
    assert_non_null(j);
    assert_int_equal(j->type, CONCORD_JSON_ARRAY);
    assert_int_equal(j->len, 0);
    concord_json_free(j);

    /* syntax errors inside dropped members are still errors, with positions */
    const char *bad = "{\"junk\":[1,],\"id\":\"x\"}";
    assert_null(concord_json_parse_fields(bad, strlen(bad), 0, keys, 3, &info));
    assert_string_equal(info.err_msg, "trailing comma");
    assert_int_equal(info.err_pos, 11);
    bad = "{\"junk\":\"a\\qb\"}";
    assert_null(concord_json_parse_fields(bad, strlen(bad), 0, keys, 3, &info));
    assert_string_equal(info.err_msg, "invalid escape");

    /* a long line of tiny values parses without building them */
    size_t n = (size_t)8 << 20;
    char *big = malloc(n);
    big[0] = '[';
    for (size_t k = 1; k + 1 < n; k += 2) {
        big[k] = '1';
        big[k + 1] = ',';
    }
    big[n - 2] = '1';
    big[n - 1] = ']';
    j = concord_json_parse_fields(big, n, 0, keys, 3, &info);
    assert_non_null(j);
    assert_int_equal(j->len, 0);
    concord_json_free(j);
    free(big);

    /* skip walks one value at a time */
    const char *seq = "  {\"a\":[1,2]} , 5";
    size_t end = concord_json_skip(seq, strlen(seq), 0, &info);
    assert_int_equal(end, 13);
    assert_int_equal(concord_json_skip(seq + end + 2, strlen(seq) - end - 2, 0, NULL), 2);
    assert_int_equal(concord_json_skip("[1,", 3, 0, &info), 0);
    assert_int_equal(info.err_pos, 3);
    assert_int_equal(concord_json_skip("\"a\tb\"", 5, 0, &info), 0);
    assert_int_equal(concord_json_skip("\"a\tb\"", 5, CONCORD_JSON_RAW_CTRL, &info), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),          cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_repair),          cmocka_unit_test(test_errors),
        cmocka_unit_test(test_depth),           cmocka_unit_test(test_long_string),
        cmocka_unit_test(test_fields_and_skip), cmocka_unit_test(test_parse_members),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
