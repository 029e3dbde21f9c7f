/* Unit tests for text primitives and analyze (text.c, analyze.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"

static void test_utf8_repair(void **state)
{
    (void)state;
    const char in[] = "ok \xC3\x28 bad \xF0\x9F\x98\x80 nul\0x \xE2\x82";
    size_t n_bad, first, len;
    char *out = concord_utf8_repair(in, sizeof in - 1, &len, &n_bad, &first);
    assert_int_equal(n_bad, 4); /* C3, NUL, E2, 82 */
    assert_int_equal(first, 3);
    assert_true(concord_utf8_valid(out, len));
    assert_non_null(strstr(out, "\xF0\x9F\x98\x80"));
    assert_non_null(strstr(out, "nul x"));
    free(out);
    assert_false(concord_utf8_valid("\xED\xA0\x80", 3)); /* surrogate */
    assert_false(concord_utf8_valid("\xC0\xAF", 2));     /* overlong */
    assert_true(concord_utf8_valid("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", 12));
}

static void test_casefold(void **state)
{
    (void)state;
    size_t n;
    char *f = concord_casefold("Stra\xC3\x9F"
                               "e",
                               7, &n);
    assert_string_equal(f, "strasse");
    free(f);
    f = concord_casefold("\xEF\xBC\xA6\xEF\xBD\x95ll", 8, &n); /* fullwidth "Fu" */
    assert_string_equal(f, "full");
    free(f);
    f = concord_casefold("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90", 12, &n);
    assert_string_equal(f, "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");
    free(f);
    f = concord_casefold("ABC def", 7, &n);
    assert_string_equal(f, "abc def");
    free(f);
}

static char **S_tokens(const char *s, size_t *count)
{
    concord_token *t = NULL;
    size_t n = 0, cap = 0;
    concord_tokenize(s, strlen(s), &t, &n, &cap);
    char **out = calloc(n + 1, sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[i] = concord_xstrndup(s + t[i].start, t[i].end - t[i].start);
    free(t);
    *count = n;
    return out;
}

static void S_free_tokens(char **t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(t[i]);
    free(t);
}

static void test_tokens(void **state)
{
    (void)state;
    size_t n;
    char **t = S_tokens("The U.S. sent 5,800 troops, 2.5 times O\xE2\x80\x99"
                        "Brien's 18-year-old.",
                        &n);
    const char *want[] = {"The",
                          "U.S.",
                          "sent",
                          "5,800",
                          "troops",
                          "2.5",
                          "times",
                          ("O\xE2\x80\x99"
                           "Brien's"),
                          "18",
                          "year",
                          "old"};
    assert_int_equal(n, sizeof want / sizeof *want);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(t[i], want[i]);
    S_free_tokens(t, n);
    t = S_tokens("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0, 2022 \xE6\x9D\xB1\xE4\xBA\xAC",
                 &n);
    assert_int_equal(n, 3);
    S_free_tokens(t, n);
    t = S_tokens("end, 1,2 and x.", &n);
    assert_int_equal(n, 4);
    assert_string_equal(t[1], "1,2");
    S_free_tokens(t, n);
}

static size_t S_sentences(const char *s, char ***out)
{
    concord_span *sp = NULL;
    size_t n = 0, cap = 0;
    concord_sentences(s, strlen(s), &sp, &n, &cap);
    *out = calloc(n + 1, sizeof **out);
    for (size_t i = 0; i < n; i++)
        (*out)[i] = concord_xstrndup(s + sp[i].start, sp[i].end - sp[i].start);
    free(sp);
    return n;
}

static void test_sentences(void **state)
{
    (void)state;
    char **s;
    size_t n =
        S_sentences("Mr. Putin met Dr. Smith on Jan. 10 in the U.S. Army base. "
                    "Prices rose 2.5 percent. \xE2\x80\x9CWe will stay,\xE2\x80\x9D he said. "
                    "\xE2\x80\x9CIt is over.\xE2\x80\x9D Then... nothing happened? Yes! "
                    "J. R. Smith came. He left the U.S. The end.\n\nNew paragraph",
                    &s);
    const char *want[] = {"Mr. Putin met Dr. Smith on Jan. 10 in the U.S. Army base.",
                          "Prices rose 2.5 percent.",
                          "\xE2\x80\x9CWe will stay,\xE2\x80\x9D he said.",
                          "\xE2\x80\x9CIt is over.\xE2\x80\x9D",
                          "Then... nothing happened?",
                          "Yes!",
                          "J. R. Smith came.",
                          "He left the U.S.",
                          "The end.",
                          "New paragraph"};
    assert_int_equal(n, sizeof want / sizeof *want);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(s[i], want[i]);
        free(s[i]);
    }
    free(s);
    /* a spun break: "leave. ‘once" stays one sentence */
    n = S_sentences("would only leave. \xE2\x80\x98once their mission is complete.", &s);
    assert_int_equal(n, 1);
    free(s[0]);
    free(s);
    /* CJK full stop */
    n = S_sentences("\xE4\xBB\x8A\xE5\xA4\xA9\xE3\x80\x82\xE6\x98\x8E\xE5\xA4\xA9\xE3\x80\x82", &s);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

static void test_stem_and_stop(void **state)
{
    (void)state;
    concord_stemmer *st = concord_stemmer_new("english");
    size_t n;
    const char *r = concord_stem(st, "protesters", 10, &n);
    assert_int_equal(n, 7);
    assert_memory_equal(r, "protest", 7);
    concord_stemmer_free(st);
    assert_true(concord_is_stopword("the", 3));
    assert_true(concord_is_stopword("don\xE2\x80\x99t", 7));
    assert_false(concord_is_stopword("troops", 6));
}

static void test_analyze(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("english");
    const char *t = "Kazakh President Kassym-Jomart Tokayev met the Bank of America chief. "
                    "The troops left. Troops leaving.";
    concord_doc *d = concord_analyze(az, t, strlen(t));
    assert_int_equal(d->n_sentences, 3);
    assert_true(d->n_entities >= 2);
    char *e0 =
        concord_xstrndup(t + d->entities[0].start, d->entities[0].end - d->entities[0].start);
    assert_string_equal(e0, "Kazakh President Kassym-Jomart Tokayev");
    free(e0);
    char *e1 =
        concord_xstrndup(t + d->entities[1].start, d->entities[1].end - d->entities[1].start);
    assert_string_equal(e1, "Bank of America");
    free(e1);
    /* "troops" and "Troops" share fold; "leaving"/"left" differ but "troops" stems equal */
    size_t a = 0, b = 0;
    for (size_t i = 0; i < d->n_words; i++) {
        if (d->words[i].end - d->words[i].start == 6 &&
            memcmp(t + d->words[i].start, "troops", 6) == 0)
            a = i;
        if (d->words[i].end - d->words[i].start == 6 &&
            memcmp(t + d->words[i].start, "Troops", 6) == 0)
            b = i;
    }
    assert_true(a && b);
    assert_true(d->words[a].fold == d->words[b].fold);
    assert_true(d->words[a].stem == d->words[b].stem);
    assert_true(d->words[b].flags & CONCORD_TOK_SENT_START);
    assert_int_equal(d->n_shingles, d->n_words - 2);
    concord_doc_free(d);
    /* empty and junk input never crash */
    d = concord_analyze(az, "", 0);
    assert_int_equal(d->n_words, 0);
    concord_doc_free(d);
    d = concord_analyze(az, "\xFF\xFE...!!!", 8);
    concord_doc_free(d);
    concord_analyzer_free(az);
}

static int S_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void test_sort_u64(void **state)
{
    (void)state;
    uint64_t seed = 88172645463325252ULL;
    for (size_t n = 0; n < 3000; n += 1 + n / 3) {
        uint64_t *a = malloc((n ? n : 1) * sizeof *a), *b = malloc((n ? n : 1) * sizeof *b);
        for (size_t i = 0; i < n; i++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            a[i] = b[i] = (n % 3 == 0) ? seed % 7 : seed; /* many ties or none */
        }
        concord_sort_u64(a, n);
        qsort(b, n, sizeof *b, S_cmp);
        assert_memory_equal(a, b, n * sizeof *a);
        free(a);
        free(b);
    }
}

/* the branch-free merge counts a multiset intersection like a plain one */
static void test_count_common_u64(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    for (size_t n = 0; n < 700; n += 1 + n / 4) {
        uint64_t *a = malloc((n + 1) * sizeof *a), *b = malloc((2 * n + 1) * sizeof *b);
        size_t nb = 2 * n;
        for (size_t i = 0; i < n; i++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            a[i] = seed % (n / 2 + 3); /* repeats on both sides */
        }
        for (size_t i = 0; i < nb; i++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            b[i] = seed % (n / 2 + 3);
        }
        concord_sort_u64(a, n);
        concord_sort_u64(b, nb);
        size_t want = 0;
        for (size_t i = 0, j = 0; i < n && j < nb;) {
            if (a[i] == b[j])
                want++, i++, j++;
            else if (a[i] < b[j])
                i++;
            else
                j++;
        }
        assert_int_equal(concord_count_common_u64(a, n, b, nb), want);
        assert_int_equal(concord_count_common_u64(b, nb, a, n), want);
        free(a);
        free(b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_repair),   cmocka_unit_test(test_casefold),
        cmocka_unit_test(test_tokens),        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_stem_and_stop), cmocka_unit_test(test_analyze),
        cmocka_unit_test(test_sort_u64),      cmocka_unit_test(test_count_common_u64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
