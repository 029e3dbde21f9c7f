/* test_group_threads.c: the clustering scores articles ahead on other
 * threads (group.c, S_cluster_all) while the joins stay in order on one;
 * the stories must be exactly those of one thread.  A batch of generated
 * reports (many events of a few kinds, told in shared words with their own
 * names, places, numbers and days, plus copies) is grouped with 1, 2 and 3
 * threads, in one run and as two runs through save/load, and every
 * article's story id, every story's members and representative compared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord/group.h"
#include "concord/experimental.h"

static concord_analyzer *S_az;

static uint64_t S_rng;
static unsigned S_rand(unsigned n)
{
    S_rng = S_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((S_rng >> 33) % n);
}

/* A made-up word of 2-3 syllables (capitalised for names and places). */
static void S_word(char *out, unsigned seed, int cap)
{
    static const char *syl[] = {"ka", "lo",  "mer", "tin", "va",  "ros", "bel", "du",
                                "an", "gri", "sol", "pe",  "nor", "ul",  "ti",  "zan"};
    out[0] = '\0';
    unsigned n = 2 + seed % 2;
    for (unsigned i = 0; i < n; i++) {
        strcat(out, syl[(seed >> (4 * i + 1)) % 16]);
    }
    if (cap)
        out[0] = (char)(out[0] - 'a' + 'A');
}

#define N_EVENTS 400
#define N_KINDS 5

typedef struct {
    char town[32], first[32], last[32], street[32], officer[32];
    int kind, day, count;
} S_event;

static const char *S_kind_sentences[N_KINDS][4] = {
    {"police said a gunman opened fire outside a store", "officers found shell casings",
     "the wounded were taken to hospital", "detectives asked witnesses to call"},
    {"a fire destroyed a warehouse overnight", "firefighters fought the blaze for hours",
     "the cause of the fire is under investigation", "smoke could be seen for miles"},
    {"a car crashed into a crowded bus shelter", "the driver was arrested at the scene",
     "several pedestrians were injured in the crash", "the road was closed for hours"},
    {"a flood swept through the valley after heavy rain", "rescuers pulled residents from roofs",
     "the river rose above its banks", "shelters opened for families"},
    {"a bank was robbed by two masked men", "the robbers fled in a stolen van",
     "no customers were hurt during the robbery", "the stolen money was not recovered"},
};

static const char *S_filler[] = {
    "the investigation is continuing",
    "officials will give an update later",
    "residents said the area is usually quiet",
    "the mayor called it a tragedy",
    "more details were not immediately available",
    "the county sheriff also responded",
};

static concord_features *S_report(const S_event *e, const char *id)
{
    char text[2048], title[256], date[32];
    int day = e->day + (int)S_rand(4);
    snprintf(date, sizeof date, "2024-%02d-%02d", 1 + day / 28, 1 + day % 28);
    if (S_rand(13) == 0) /* some undated: a story may get its first date late */
        date[0] = '\0';
    snprintf(title, sizeof title, "%s: %s %s in %s", e->town, e->first, e->last,
             S_kind_sentences[e->kind][S_rand(4)]);
    int n = snprintf(text, sizeof text,
                     "%s police said %s %s, %d, was at the scene on %s Road. Officer %s said %d "
                     "people were involved. ",
                     e->town, e->first, e->last, 20 + e->count, e->street, e->officer, e->count);
    for (int s = 0; s < 4; s++) {
        const char *sent = S_rand(3) ? S_kind_sentences[e->kind][S_rand(4)]
                                     : S_filler[S_rand(sizeof S_filler / sizeof *S_filler)];
        n += snprintf(text + n, sizeof text - (size_t)n, "In %s, %s. ", e->town, sent);
    }
    if (S_rand(2))
        n += snprintf(text + n, sizeof text - (size_t)n, "%s %s had lived on %s Road. ", e->first,
                      e->last, e->street);
    concord_article *a = concord_article_new(id, S_rand(2) ? "a.example" : "b.example", "", date,
                                             title, text, strlen(text));
    concord_doc *d = concord_analyze(S_az, a->text, a->text_len);
    concord_features *f = concord_features_new(a, NULL, d);
    concord_doc_free(d);
    concord_article_free(a);
    return f;
}

/* The batch: reports of N_EVENTS events (1..8 each), always the same; the
 * ones numbered from .. to - 1 are added to g.  Returns the batch size. */
static size_t S_add_batch(concord_grouper *g, size_t from, size_t to)
{
    S_rng = 12345;
    S_event ev[N_EVENTS];
    for (int i = 0; i < N_EVENTS; i++) {
        S_word(ev[i].town, S_rand(1u << 20), 1);
        S_word(ev[i].first, S_rand(1u << 20), 1);
        S_word(ev[i].last, S_rand(1u << 20), 1);
        S_word(ev[i].street, S_rand(1u << 20), 1);
        S_word(ev[i].officer, S_rand(1u << 20), 1);
        ev[i].kind = (int)S_rand(N_KINDS);
        ev[i].day = (int)S_rand(300);
        ev[i].count = 2 + (int)S_rand(9);
    }
    size_t made = 0;
    for (int i = 0; i < N_EVENTS; i++) {
        int reports = 1 + (int)S_rand(8);
        for (int k = 0; k < reports; k++) {
            char id[32];
            snprintf(id, sizeof id, "e%03d-r%d", i, k);
            concord_features *f = S_report(&ev[i], id);
            if (made >= from && made < to)
                concord_grouper_add(g, f);
            else
                concord_features_free(f);
            made++;
        }
    }
    return made;
}

/* Everything the grouper tells about its stories, as one string per
 * article ("id story-id representative members...") and per story. */
static char *S_describe(const concord_grouper *g)
{
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    for (size_t s = 0; s < concord_grouper_n_stories(g); s++) {
        char line[256];
        snprintf(line, sizeof line, "%s rep=%s changed=%d:", concord_grouper_story_id(g, s),
                 concord_grouper_story_representative(g, s), concord_grouper_story_changed(g, s));
        for (size_t m = 0; m <= concord_grouper_story_size(g, s); m++) {
            const char *add = m ? concord_grouper_story_member(g, s, m - 1) : line;
            size_t n = strlen(add);
            while (len + n + 2 > cap)
                out = realloc(out, cap *= 2);
            memcpy(out + len, add, n);
            len += n;
            out[len++] = m == concord_grouper_story_size(g, s) ? '\n' : ' ';
            out[len] = '\0';
        }
    }
    return out;
}

/* Groups the batch with `threads` threads, in one run (split 0) or two
 * (the first `split` articles, then save, load and the rest). */
static char *S_group(int threads, size_t split, size_t *used, size_t *redone)
{
    concord_grouper *g = concord_grouper_new();
    concord_grouper_set_threads(g, threads);
    size_t n = S_add_batch(g, 0, split ? split : SIZE_MAX);
    concord_grouper_run(g);
    *used = *redone = 0;
    if (split) {
        size_t u, r;
        concord_grouper_spec_counts(g, &u, &r);
        *used += u;
        *redone += r;
        size_t len;
        void *blob = concord_grouper_save(g, &len);
        concord_grouper_free(g);
        g = concord_grouper_new();
        concord_grouper_set_threads(g, threads);
        assert_int_equal(concord_grouper_load(g, blob, len), 0);
        free(blob);
        S_add_batch(g, split, n);
        concord_grouper_run(g);
    }
    size_t u, r;
    concord_grouper_spec_counts(g, &u, &r);
    *used += u;
    *redone += r;
    char *d = S_describe(g);
    concord_grouper_free(g);
    return d;
}

static void test_threads_same_stories(void **state)
{
    (void)state;
    size_t used, redone;
    char *one = S_group(1, 0, &used, &redone);
    assert_int_equal(used + redone, 0); /* one thread scores nothing ahead */
    /* a real clustering: many stories of several reports */
    size_t lines = 0;
    for (const char *p = one; *p; p++)
        lines += *p == '\n';
    assert_true(lines > 200 && lines < 1500);
    for (int t = 2; t <= 3; t++) {
        char *many = S_group(t, 0, &used, &redone);
        assert_string_equal(many, one);
        /* both ways were taken: scorings used, and scorings outdated by a
         * join before them and made again */
        assert_true(used > 100);
        assert_true(redone > 0);
        free(many);
    }
    free(one);
}

static void test_threads_same_stories_incremental(void **state)
{
    (void)state;
    size_t used, redone;
    char *one = S_group(1, 700, &used, &redone);
    char *two = S_group(2, 700, &used, &redone);
    assert_string_equal(two, one);
    assert_true(used > 100);
    free(one);
    free(two);
}

static int S_setup(void **state)
{
    (void)state;
    S_az = concord_analyzer_new("english");
    return 0;
}

static int S_teardown(void **state)
{
    (void)state;
    concord_analyzer_free(S_az);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_same_stories),
        cmocka_unit_test(test_threads_same_stories_incremental),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
