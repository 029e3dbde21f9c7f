/* Unit test for concord_quote_links_threads (experimental.h): the quote
 * links of many generated stories are the same links in the same order with
 * 1, 2, 3 and 7 threads as concord_quote_links gives (the threaded version
 * cuts the shingle postings into hash buckets and the tests into chunks of
 * quotes: a chunk or bucket lost, duplicated or out of order changes the
 * array), every link joins two stories in order and two texts that
 * concord_quote_same calls one statement, and links are found at all.
 * The stories: variants (a word dropped, replaced, the end cut) of 150
 * statements spread over 500 stories, speakers that share surnames or not,
 * phrases, and one boilerplate sentence in hundreds of quotes (its shingles
 * pass the posting cap, so they must propose no pair). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"
#include "concord/experimental.h"

static uint64_t S_rng = 0x9e3779b97f4a7c15ull;

static unsigned S_rand(unsigned n)
{
    S_rng ^= S_rng << 13;
    S_rng ^= S_rng >> 7;
    S_rng ^= S_rng << 17;
    return (unsigned)(S_rng % n);
}

static const char *const S_words[] = {"government", "minister",
                                      "said",       "the",
                                      "plan",       "would",
                                      "reduce",     "costs",
                                      "for",        "families",
                                      "and",        "businesses",
                                      "across",     "region",
                                      "we",         "will",
                                      "not",        "accept",
                                      "any",        "delay",
                                      "in",         "talks",
                                      "with",       "union",
                                      "leaders",    "over",
                                      "wages",      "police",
                                      "arrested",   "two",
                                      "men",        "after",
                                      "fire",       "at",
                                      "warehouse",  "on",
                                      "monday",     "night",
                                      "council",    "approved",
                                      "new",        "budget",
                                      "of",         "million",
                                      "dollars",    "schools",
                                      "roads",      "hospital",
                                      "patients",   "waited",
                                      "hours",      "emergency",
                                      "room",       "doctors",
                                      "warned",     "shortage",
                                      "nurses",     "winter",
                                      "storm",      "closed",
                                      "airport",    "flights",
                                      "cancelled",  "thousands",
                                      "travellers", "stranded",
                                      "company",    "reported",
                                      "profits",    "rose",
                                      "percent",    "quarter",
                                      "shares",     "fell",
                                      "investors",  "worried",
                                      "about",      "inflation",
                                      "court",      "ruled",
                                      "law",        "unconstitutional",
                                      "judge",      "ordered",
                                      "release",    "prisoners",
                                      "election",   "results",
                                      "showed",     "narrow",
                                      "victory",    "opposition",
                                      "candidate",  "vote",
                                      "recount",    "demanded",
                                      "by",         "party",
                                      "officials",  "border",
                                      "crossing",   "reopened",
                                      "trade",      "resumed",
                                      "between",    "neighbours",
                                      "drought",    "farmers",
                                      "crops",      "failed",
                                      "water",      "rationing",
                                      "began",      "city",
                                      "residents",  "protested",
                                      "outside",    "parliament"};
#define S_NW (sizeof S_words / sizeof S_words[0])

static const char *const S_speakers[] = {"John Smith", "Jane Smith", "Ali Hassan", "Maria Lopez",
                                         "Lopez",      "Chen Wei",   "unknown",    "Olga Petrova"};
#define S_NS (sizeof S_speakers / sizeof S_speakers[0])

#define S_STATEMENTS 150
#define S_STORIES 500

typedef struct {
    unsigned w[28];
    unsigned n;
} S_stmt;

/* One story as a stored document's "quotes" member. */
static concord_quotes *S_story(const S_stmt *st)
{
    char doc[65536];
    size_t len = (size_t)snprintf(doc, sizeof doc, "{\"quotes\":[");
    unsigned nq = 1 + S_rand(6);
    for (unsigned k = 0; k < nq; k++) {
        char text[1024];
        size_t tl = 0;
        if (S_rand(8) == 0) { /* the boilerplate line */
            tl = (size_t)snprintf(text, sizeof text,
                                  "we are aware of the reports and will share more "
                                  "information when we can");
        } else {
            const S_stmt *s = &st[S_rand(S_STATEMENTS)];
            unsigned cut = S_rand(4) == 0 ? s->n - S_rand(s->n / 3 + 1) : s->n;
            unsigned drop = S_rand(3) == 0 ? S_rand(s->n) : 999;
            for (unsigned i = 0; i < cut; i++) {
                if (i == drop)
                    continue;
                unsigned w = S_rand(10) == 0 ? S_rand(S_NW) : s->w[i];
                tl += (size_t)snprintf(text + tl, sizeof text - tl, "%s%s", tl ? " " : "",
                                       S_words[w]);
            }
        }
        const char *kind = S_rand(7) == 0 ? "phrase" : "full";
        len += (size_t)snprintf(doc + len, sizeof doc - len,
                                "%s{\"text\":\"%s\",\"speaker\":\"%s\",\"kind\":\"%s\"}",
                                k ? "," : "", text, S_speakers[S_rand(S_NS)], kind);
    }
    len += (size_t)snprintf(doc + len, sizeof doc - len, "]}");
    concord_json *j = concord_json_parse(doc, len, NULL, NULL);
    assert_non_null(j);
    concord_quotes *q = concord_quotes_from_json(j);
    concord_json_free(j);
    return q;
}

static int S_link_before(const concord_quote_link *a, const concord_quote_link *b)
{
    if (a->story_a != b->story_a)
        return a->story_a < b->story_a;
    if (a->quote_a != b->quote_a)
        return a->quote_a < b->quote_a;
    if (a->story_b != b->story_b)
        return a->story_b < b->story_b;
    return a->quote_b < b->quote_b;
}

static void test_same_links_any_threads(void **state)
{
    (void)state;
    S_stmt st[S_STATEMENTS];
    for (unsigned i = 0; i < S_STATEMENTS; i++) {
        st[i].n = 8 + S_rand(20);
        for (unsigned k = 0; k < st[i].n; k++)
            st[i].w[k] = S_rand(S_NW);
    }
    concord_quotes *q[S_STORIES + 1];
    for (unsigned s = 0; s < S_STORIES; s++)
        q[s] = S_story(st);
    q[S_STORIES] = NULL; /* a story without quotes may be NULL */
    const concord_quotes *const *qq = (const concord_quotes *const *)q;
    size_t n1 = 0;
    concord_quote_link *l1 = concord_quote_links(qq, S_STORIES + 1, &n1);
    assert_true(n1 > 200);
    for (size_t i = 0; i < n1; i++) {
        assert_true(l1[i].story_a < l1[i].story_b);
        assert_true(i == 0 || S_link_before(&l1[i - 1], &l1[i]));
        const concord_quote *a = &q[l1[i].story_a]->quotes[l1[i].quote_a];
        const concord_quote *b = &q[l1[i].story_b]->quotes[l1[i].quote_b];
        assert_int_equal(a->kind, CONCORD_QUOTE_FULL);
        assert_int_equal(b->kind, CONCORD_QUOTE_FULL);
        assert_true(concord_quote_same(a->text, strlen(a->text), b->text, strlen(b->text)));
        /* the boilerplate line passes the cap: it links nothing */
        assert_null(strstr(a->text, "we are aware of the reports"));
    }
    static const int threads[] = {1, 2, 3, 7};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        size_t n = 0;
        concord_quote_link *l = concord_quote_links_threads(qq, S_STORIES + 1, threads[t], &n);
        assert_int_equal(n, n1);
        assert_memory_equal(l, l1, n * sizeof *l);
        free(l);
    }
    size_t n0 = 5;
    concord_quote_link *l0 = concord_quote_links_threads(qq, 0, 2, &n0);
    assert_int_equal(n0, 0);
    free(l0);
    free(l1);
    for (unsigned s = 0; s < S_STORIES; s++)
        concord_quotes_free(q[s]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_links_any_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
