/* test_eval.c: clustering metrics on textbook examples, and the file reader
 * behind `concord eval`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "concord/eval.h"

static void test_perfect(void **state)
{
    (void)state;
    uint64_t g[] = {1, 1, 2, 2, 3};
    uint64_t p[] = {7, 7, 5, 5, 9}; /* same partition, other names */
    concord_eval_scores s = concord_eval_labels(g, p, 5);
    assert_float_equal(s.bcubed_p, 1.0, 1e-12);
    assert_float_equal(s.bcubed_r, 1.0, 1e-12);
    assert_float_equal(s.bcubed_f1, 1.0, 1e-12);
    assert_float_equal(s.ari, 1.0, 1e-12);
    assert_float_equal(s.pair_f1, 1.0, 1e-12);
    assert_int_equal(s.gold_clusters, 3);
    assert_int_equal(s.pred_clusters, 3);
}

/* gold {1,2,3}{4,5}, predicted {1,2}{3,4,5}: worked by hand.
 * B-cubed precision: items 1,2: 2/2; item 3: 1/3; items 4,5: 2/3 -> 11/15.
 * B-cubed recall:    items 1,2: 2/3; item 3: 1/3; items 4,5: 2/2 -> 11/15.
 * Pairs: gold {12,13,23,45} = 4, predicted {12,34,35,45} = 4, common {12,45} = 2.
 * ARI = (2 - 4*4/10) / ((4+4)/2 - 4*4/10) = 0.4 / 2.4 = 1/6. */
static void test_hand_worked(void **state)
{
    (void)state;
    uint64_t g[] = {1, 1, 1, 2, 2};
    uint64_t p[] = {1, 1, 2, 2, 2};
    concord_eval_scores s = concord_eval_labels(g, p, 5);
    assert_float_equal(s.bcubed_p, 11.0 / 15.0, 1e-12);
    assert_float_equal(s.bcubed_r, 11.0 / 15.0, 1e-12);
    assert_float_equal(s.bcubed_f1, 11.0 / 15.0, 1e-12);
    assert_float_equal(s.pair_p, 0.5, 1e-12);
    assert_float_equal(s.pair_r, 0.5, 1e-12);
    assert_float_equal(s.ari, 1.0 / 6.0, 1e-12);
}

/* scikit-learn's documented examples of adjusted_rand_score. */
static void test_ari_sklearn(void **state)
{
    (void)state;
    uint64_t g1[] = {0, 0, 1, 1}, p1[] = {0, 0, 1, 2};
    assert_float_equal(concord_eval_labels(g1, p1, 4).ari, 0.5714285714285714, 1e-9);
    uint64_t g2[] = {0, 0, 1, 2}, p2[] = {0, 0, 1, 1};
    assert_float_equal(concord_eval_labels(g2, p2, 4).ari, 0.5714285714285714, 1e-9);
    uint64_t g3[] = {0, 0, 1, 1}, p3[] = {0, 1, 0, 1};
    assert_float_equal(concord_eval_labels(g3, p3, 4).ari, -0.5, 1e-9);
    /* everything in one cluster against all singletons: ARI 0 */
    uint64_t g4[] = {0, 0, 0, 0}, p4[] = {0, 1, 2, 3};
    concord_eval_scores s = concord_eval_labels(g4, p4, 4);
    assert_float_equal(s.ari, 0.0, 1e-12);
    assert_float_equal(s.bcubed_p, 1.0, 1e-12);
    assert_float_equal(s.bcubed_r, 0.25, 1e-12);
}

/* Amigo et al. (2009): B-cubed precision of one cluster merging two gold
 * classes of sizes 4 and 1 is (4*4/5 + 1/5) / 5 = 0.68. */
static void test_bcubed_amigo(void **state)
{
    (void)state;
    uint64_t g[] = {1, 1, 1, 1, 2};
    uint64_t p[] = {1, 1, 1, 1, 1};
    concord_eval_scores s = concord_eval_labels(g, p, 5);
    assert_float_equal(s.bcubed_p, 0.68, 1e-12);
    assert_float_equal(s.bcubed_r, 1.0, 1e-12);
}

static char *S_write_tmp(const char *text)
{
    char *path = strdup("/tmp/concord_eval_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_files(void **state)
{
    (void)state;
    /* "c" belongs to two gold stories (as repeated ids do in gva-dev);
     * "e" is missing from the stories (a singleton); "z" is not in the gold. */
    char *gold = S_write_tmp("{\"id\":\"a\",\"story\":\"1\"}\n"
                             "{\"id\":\"b\",\"story\":\"1\"}\n"
                             "{\"id\":\"c\",\"story\":\"1\"}\n"
                             "{\"id\":\"c\",\"story\":2}\n"
                             "{\"id\":\"d\",\"story\":2}\n"
                             "not json\n"
                             "{\"id\":\"e\",\"story\":\"3\"}\n"
                             "{\"id\":\"f\"}\n");
    char *stories = S_write_tmp(
        "{\"story\":\"s1\",\"articles\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]}\n"
        "{\"story\":\"s2\",\"articles\":[{\"id\":\"d\"},{\"id\":\"z\"}]}\n");
    char *outp = S_write_tmp("");
    FILE *out = fopen(outp, "w");
    int rc = concord_eval_files(gold, NULL, stories, out, NULL);
    fclose(out);
    assert_int_equal(rc, 2); /* scores printed, but the "not json" line is reported */
    FILE *in = fopen(outp, "r");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, in);
    buf[n] = '\0';
    fclose(in);
    assert_non_null(strstr(buf, "items 6\n"));
    assert_non_null(strstr(buf, "gold_clusters 3\n"));
    assert_non_null(strstr(buf, "gold_items_missing_from_stories 1\n"));
    assert_non_null(strstr(buf, "story_articles_not_in_gold 1\n"));
    assert_non_null(strstr(buf, "gold_lines_without_label 1\n"));
    /* items: a,b,c(1) in s1 with gold 1; c(2) in s1 with gold 2; d in s2 (gold 2); e alone.
     * B-cubed P: a,b,c1: 3/4 each; c2: 1/4; d: 1; e: 1 -> (2.25+0.25+1+1)/6 = 0.75 */
    assert_non_null(strstr(buf, "bcubed_precision 0.7500\n"));
    assert_int_equal(concord_eval_files("/nonexistent/gold.jsonl", "story", stories, stdout, NULL),
                     1);
    assert_int_equal(concord_eval_files(gold, "no_such_field", stories, stdout, NULL), 1);
    unlink(gold);
    unlink(stories);
    unlink(outp);
    free(gold);
    free(stories);
    free(outp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_perfect),     cmocka_unit_test(test_hand_worked),
        cmocka_unit_test(test_ari_sklearn), cmocka_unit_test(test_bcubed_amigo),
        cmocka_unit_test(test_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
