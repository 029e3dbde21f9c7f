/* Unit tests for the digest (digest.c): size bounds, support across outlets,
 * no redundant pair, offsets into the cleaned text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"

static const char *S_texts[] = {
    "A fire destroyed the Harbour Street warehouse in Port Selwyn on Tuesday night, the fire "
    "service said. Forty firefighters fought the blaze for six hours before it was under "
    "control. Nobody was hurt in the fire, officials said on Wednesday. The owner said the "
    "building held furniture and paint worth about two million dollars. Police have not ruled "
    "out arson and asked witnesses to come forward.",
    "Fire destroyed a warehouse on Harbour Street in Port Selwyn on Tuesday night, according to "
    "the fire service. Forty firefighters fought the blaze for six hours before it was brought "
    "under control. Police have not ruled out arson and asked any witnesses to come forward. "
    "Residents of nearby streets were told to keep their windows closed because of the smoke.",
    "The Harbour Street warehouse in Port Selwyn burned down on Tuesday night. Nobody was hurt "
    "in the fire, officials said on Wednesday morning. A spokesman for the owner said the "
    "stock had been insured. Short line.",
};

static void test_digest_story(void **state)
{
    (void)state;
    size_t n = sizeof S_texts / sizeof *S_texts;
    concord_analyzer *az = concord_analyzer_new("english");
    concord_member m[3];
    concord_article *a[3];
    concord_clean *c[3];
    concord_doc *d[3];
    for (size_t i = 0; i < n; i++) {
        char id[8];
        snprintf(id, sizeof id, "a%zu", i);
        a[i] = concord_article_new(id, "outlet", "", "2025-03-04", "Warehouse fire", S_texts[i],
                                   strlen(S_texts[i]));
        c[i] = concord_clean_article(a[i]);
        d[i] = concord_analyze(az, c[i]->text, c[i]->len);
        m[i] = (concord_member){a[i], c[i], d[i]};
    }
    concord_digest *dg = concord_digest_explain(m, n);
    assert_true(dg->n >= CONCORD_DIGEST_MIN && dg->n <= CONCORD_DIGEST_MAX);
    int supported = 0;
    for (size_t i = 0; i < dg->n; i++) {
        const concord_digest_sentence *s = &dg->sentences[i];
        assert_true(s->member < n);
        assert_true(s->end <= m[s->member].clean->len && s->start < s->end);
        /* a digest sentence is a whole sentence of the cleaned text */
        char last = m[s->member].clean->text[s->end - 1];
        assert_true(last == '.' || last == '!' || last == '?');
        supported |= s->n_also_in > 0;
        for (size_t k = 0; k < s->n_also_in; k++)
            assert_int_not_equal(s->also_in[k], s->member);
        /* never two sentences saying the same thing */
        for (size_t j = 0; j < i; j++) {
            const concord_digest_sentence *t = &dg->sentences[j];
            assert_false(s->end - s->start == t->end - t->start &&
                         !memcmp(m[s->member].clean->text + s->start,
                                 m[t->member].clean->text + t->start, s->end - s->start));
        }
    }
    assert_true(supported);
    concord_buf b;
    concord_buf_init(&b);
    concord_digest_json(dg, m, n, &b);
    concord_json *j = concord_json_parse(b.data, b.len, NULL, NULL);
    assert_non_null(j);
    assert_int_equal(j->len, dg->n);
    assert_non_null(concord_json_get_str(j->items[0], "article"));
    concord_json_free(j);
    concord_buf_free(&b);
    concord_digest_free(dg);
    for (size_t i = 0; i < n; i++) {
        concord_doc_free(d[i]);
        concord_clean_free(c[i]);
        concord_article_free(a[i]);
    }
    concord_analyzer_free(az);
}

static void test_digest_empty(void **state)
{
    (void)state;
    concord_digest *dg = concord_digest_explain(NULL, 0);
    assert_int_equal(dg->n, 0);
    concord_buf b;
    concord_buf_init(&b);
    concord_digest_json(dg, NULL, 0, &b);
    assert_string_equal(b.data, "[]");
    concord_buf_free(&b);
    concord_digest_free(dg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digest_story),
        cmocka_unit_test(test_digest_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
