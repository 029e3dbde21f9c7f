/* test_group.c: near-duplicates (MinHash + LSH), story clustering on small
 * hand-made reports, incremental save/load with stable ids, and junk that
 * must not glue stories together. */
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
#include "../../src/group/group_internal.h"

static concord_analyzer *S_az;

static concord_features *S_feat(const char *id, const char *date, const char *title,
                                const char *text)
{
    concord_article *a =
        concord_article_new(id, "example.com", "", date, title, text, strlen(text));
    concord_doc *d = concord_analyze(S_az, a->text, a->text_len);
    concord_features *f = concord_features_new(a, NULL, d);
    concord_doc_free(d);
    concord_article_free(a);
    return f;
}

static const char *TULSA =
    "Four women were found shot dead inside an apartment at the Fairmont Terrace complex in "
    "south Tulsa on Monday, police said. Officers responded shortly after noon and found an "
    "unharmed four-year-old child inside. Tulsa Police Officer Jillian Roberson said the victims "
    "were shot multiple times. Investigators believe someone spoke with an occupant an hour "
    "before the bodies were discovered. The victims have not been identified and no arrest has "
    "been made.";
static const char *TULSA_REWORDED =
    "Tulsa police are investigating after four women were discovered dead from gunshot wounds "
    "in a Fairmont Terrace apartment on Monday. A four-year-old child found in the apartment was "
    "not hurt, Officer Jillian Roberson said. Detectives say the women were shot several times "
    "and that a person talked with a resident about an hour before the killings. Names of the "
    "victims were not released.";
static const char *TULSA_NEXT_DAY =
    "Police in Tulsa on Tuesday named the four women killed at the Fairmont Terrace apartments "
    "and said the child found unharmed is with relatives. Officer Jillian Roberson said "
    "detectives are looking for a man seen leaving the apartment complex on Monday.";
static const char *AKRON =
    "A 19-year-old man was wounded in a drive-by shooting on Copley Road in west Akron late "
    "Saturday, according to Akron police. Lieutenant Rick Edwards said a dark sedan pulled up "
    "beside the victim outside a convenience store and someone inside fired several rounds. The "
    "man was taken to Summa Akron City Hospital with injuries that are not life-threatening. "
    "Police have no suspects and ask witnesses to call the detective bureau.";
static const char *AKRON_REWORDED =
    "Akron police say a 19-year-old was shot and wounded late Saturday when someone in a passing "
    "dark sedan opened fire on Copley Road. Lt. Rick Edwards said the man was standing outside a "
    "convenience store. He was treated at Summa Akron City Hospital and is expected to survive. "
    "No suspects have been identified.";
static const char *BOILER =
    "Sign up for our newsletter to get the latest headlines delivered to your inbox every "
    "morning. Follow us on Facebook and Twitter. Copyright 2016 Example Media Group. All rights "
    "reserved. This material may not be published, broadcast, rewritten or redistributed.";

static void test_minhash(void **state)
{
    (void)state;
    char near[2048];
    /* one word changed in the middle */
    snprintf(near, sizeof near, "%s", TULSA);
    char *p = strstr(near, "unharmed");
    memcpy(p, "unhurt  ", 8);
    concord_features *a = S_feat("a", "2013-01-07", "t", TULSA);
    concord_features *b = S_feat("b", "2013-01-07", "t", TULSA);
    concord_features *c = S_feat("c", "2013-01-07", "t", near);
    concord_features *d = S_feat("d", "2013-01-07", "t", AKRON);
    concord_features *e = S_feat("e", "2013-01-07", "t", TULSA_REWORDED);
    assert_float_equal(concord_features_jaccard(a, b), 1.0, 1e-12);
    assert_true(concord_features_jaccard(a, c) >= 0.7);
    assert_true(concord_features_jaccard(a, d) < 0.2);
    assert_true(concord_features_jaccard(a, e) < 0.3); /* a rewrite is not a duplicate */

    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(g, c);
    concord_grouper_add(g, d);
    concord_grouper_add(g, b);
    concord_grouper_add(g, a);
    concord_grouper_add(g, e);
    concord_grouper_run(g);
    assert_int_equal(concord_grouper_n_dupsets(g), 1);
    assert_int_equal(concord_grouper_dupset_size(g, 0), 3);
    assert_string_equal(concord_grouper_dupset_member(g, 0, 0),
                        "a"); /* earliest: same day, smallest id */
    assert_string_equal(concord_grouper_dupset_member(g, 0, 1), "b");
    assert_string_equal(concord_grouper_dupset_member(g, 0, 2), "c");
    assert_null(concord_grouper_duplicate_of(g, "a"));
    assert_string_equal(concord_grouper_duplicate_of(g, "b"), "a");
    assert_string_equal(concord_grouper_duplicate_of(g, "c"), "a");
    assert_null(concord_grouper_duplicate_of(g, "d"));
    assert_null(concord_grouper_duplicate_of(g, "e"));
    /* duplicates share the story of their representative */
    assert_int_equal(concord_grouper_story_of(g, "b"), concord_grouper_story_of(g, "a"));
    concord_grouper_free(g);

    /* dedup only: the same sets, no stories */
    g = concord_grouper_new();
    concord_grouper_dedup_only(g, 1);
    concord_grouper_add(g, S_feat("c", "2013-01-07", "t", near));
    concord_grouper_add(g, S_feat("a", "2013-01-07", "t", TULSA));
    concord_grouper_add(g, S_feat("d", "2013-01-07", "t", AKRON));
    concord_grouper_run(g);
    assert_int_equal(concord_grouper_n_dupsets(g), 1);
    assert_int_equal(concord_grouper_dupset_size(g, 0), 2);
    assert_string_equal(concord_grouper_duplicate_of(g, "c"), "a");
    assert_int_equal(concord_grouper_n_stories(g), 0);
    assert_int_equal(concord_grouper_story_of(g, "a"), (size_t)-1);
    concord_grouper_free(g);
}

/* Two shootings in two cities on two days are two stories; the same event
 * reworded is one. */
static void test_two_stories(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_add(g, S_feat("a1", "2013-01-12", "Man wounded in west Akron drive-by", AKRON));
    concord_grouper_add(
        g, S_feat("t2", "2013-01-07", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_add(g, S_feat("a2", "2013-01-13", "Teen shot on Copley Road", AKRON_REWORDED));
    concord_grouper_run(g);
    assert_int_equal(concord_grouper_n_stories(g), 2);
    size_t st = concord_grouper_story_of(g, "t1"), sa = concord_grouper_story_of(g, "a1");
    assert_int_not_equal(st, sa);
    assert_int_equal(concord_grouper_story_of(g, "t2"), st);
    assert_int_equal(concord_grouper_story_of(g, "a2"), sa);
    /* ordered by first date; members by (date, id); ids are "s" + 12 hex */
    assert_int_equal(st, 0);
    assert_string_equal(concord_grouper_story_member(g, 0, 0), "t1");
    assert_string_equal(concord_grouper_story_member(g, 0, 1), "t2");
    const char *id = concord_grouper_story_id(g, 0);
    assert_int_equal(strlen(id), 13);
    assert_true(id[0] == 's');
    assert_true(concord_grouper_story_changed(g, 0));
    const char *rep = concord_grouper_story_representative(g, 0);
    assert_true(strcmp(rep, "t1") == 0 || strcmp(rep, "t2") == 0);
    assert_int_equal(concord_grouper_story_of(g, "unknown"), (size_t)-1);
    concord_grouper_free(g);
}

/* Tomorrow's report joins yesterday's story through save/load; ids stay. */
static void test_incremental(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_add(
        g, S_feat("t2", "2013-01-07", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_add(g, S_feat("a1", "2013-01-06", "Man wounded in west Akron drive-by", AKRON));
    concord_grouper_run(g);
    char tulsa_id[32], akron_id[32];
    snprintf(tulsa_id, sizeof tulsa_id, "%s",
             concord_grouper_story_id(g, concord_grouper_story_of(g, "t1")));
    snprintf(akron_id, sizeof akron_id, "%s",
             concord_grouper_story_id(g, concord_grouper_story_of(g, "a1")));
    size_t len;
    void *blob = concord_grouper_save(g, &len);
    concord_grouper_free(g);

    concord_grouper *h = concord_grouper_new();
    assert_int_equal(concord_grouper_load(h, blob, len), 0);
    assert_int_equal(concord_grouper_n_stories(h), 2);
    assert_int_equal(concord_grouper_n_articles(h), 3);
    concord_grouper_add(
        h, S_feat("t3", "2013-01-08", "Tulsa police name four women killed", TULSA_NEXT_DAY));
    concord_grouper_add(h, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment",
                                  TULSA)); /* seen */
    concord_grouper_run(h);
    assert_int_equal(concord_grouper_n_articles(h), 4);
    assert_int_equal(concord_grouper_n_stories(h), 2);
    size_t s = concord_grouper_story_of(h, "t3");
    assert_string_equal(concord_grouper_story_id(h, s), tulsa_id);
    assert_int_equal(concord_grouper_story_size(h, s), 3);
    assert_true(concord_grouper_story_changed(h, s));
    size_t sa = concord_grouper_story_of(h, "a1");
    assert_string_equal(concord_grouper_story_id(h, sa), akron_id);
    assert_false(concord_grouper_story_changed(h, sa));
    assert_int_equal(concord_grouper_n_merged_away(h), 0);

    /* a damaged state is refused, never trusted */
    concord_grouper *k = concord_grouper_new();
    assert_int_equal(concord_grouper_load(k, blob, len / 2), -1);
    assert_int_equal(concord_grouper_load(k, "garbage", 7), -1);
    assert_int_equal(concord_grouper_n_stories(k), 0);
    /* flipped bytes: refused or loaded, never a crash (run under ASan) */
    unsigned char *bad = malloc(len);
    srand(7);
    for (int round = 0; round < 300; round++) {
        memcpy(bad, blob, len);
        bad[(size_t)rand() % len] ^= (unsigned char)(1u << (rand() % 8));
        if (concord_grouper_load(k, bad, len) == 0) {
            concord_grouper_add(k, S_feat("n1", "2013-01-08", "Tulsa", TULSA_NEXT_DAY));
            concord_grouper_run(k);
        }
    }
    free(bad);
    concord_grouper_free(k);
    free(blob);
    concord_grouper_free(h);
}

/* A report dated before the story's founder joins it in a later run: the
 * story keeps its id, and keeps it through save and load (found by
 * fuzz/fuzz_grouper.c: load used to rename every story after its earliest
 * member, as if it were born in that run). */
static void test_id_stable_across_load(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(
        g, S_feat("t2", "2013-01-08", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_run(g);
    char id[32];
    snprintf(id, sizeof id, "%s", concord_grouper_story_id(g, concord_grouper_story_of(g, "t2")));
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_run(g);
    size_t s = concord_grouper_story_of(g, "t1");
    assert_int_equal(s, concord_grouper_story_of(g, "t2"));
    assert_string_equal(concord_grouper_story_member(g, s, 0), "t1"); /* earliest first */
    assert_string_equal(concord_grouper_story_id(g, s), id);
    size_t len;
    void *blob = concord_grouper_save(g, &len);
    concord_grouper *h = concord_grouper_new();
    assert_int_equal(concord_grouper_load(h, blob, len), 0);
    assert_string_equal(concord_grouper_story_id(h, concord_grouper_story_of(h, "t1")), id);
    concord_grouper_run(h);
    assert_string_equal(concord_grouper_story_id(h, concord_grouper_story_of(h, "t1")), id);
    assert_false(concord_grouper_story_changed(h, concord_grouper_story_of(h, "t1")));
    free(blob);
    concord_grouper_free(h);
    concord_grouper_free(g);
}

/* No date, no title, three-word bodies, and 100 identical boilerplate-only
 * bodies: none of them glues the two stories, and no story forms around junk. */
static void test_junk(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    char buf[4096];
    const char *tulsa[3] = {TULSA, TULSA_REWORDED, TULSA_NEXT_DAY};
    const char *akron[2] = {AKRON, AKRON_REWORDED};
    const char *tulsa_titles[3] = {"Four women found dead in Tulsa apartment",
                                   "Police: 4 women shot dead in south Tulsa",
                                   "Tulsa police name four women killed"};
    const char *akron_titles[2] = {"Man wounded in west Akron drive-by",
                                   "Teen shot on Copley Road"};
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "t%d", i);
        snprintf(buf, sizeof buf, "%s\n\n%s", tulsa[i], BOILER); /* boilerplate tails too */
        concord_grouper_add(g, S_feat(id, "2013-01-07", tulsa_titles[i], buf));
    }
    for (int i = 0; i < 2; i++) {
        char id[16];
        snprintf(id, sizeof id, "a%d", i);
        snprintf(buf, sizeof buf, "%s\n\n%s", akron[i], BOILER);
        concord_grouper_add(g, S_feat(id, "2013-01-08", akron_titles[i], buf));
    }
    /* 100 pages whose scraped body is nothing but the site's boilerplate,
     * under unrelated headlines (and half of them without a date) */
    static const char *const words[10] = {"council", "budget", "storm",   "election", "museum",
                                          "harvest", "bridge", "concert", "school",   "airport"};
    for (int i = 0; i < 100; i++) {
        char id[16], title[96];
        snprintf(id, sizeof id, "j%03d", i);
        snprintf(title, sizeof title, "%s %s %d", words[i % 10], words[(i / 10 + 3) % 10], i);
        concord_grouper_add(g, S_feat(id, i % 2 ? "2013-01-07" : "", title, BOILER));
    }
    concord_grouper_add(g, S_feat("x1", "", "", "Tulsa Akron shooting"));
    concord_grouper_add(g, S_feat("x2", "2013-01-07", "", "Police said nothing"));
    concord_grouper_add(g, S_feat("x3", "", "Tulsa", ""));
    concord_grouper_add(g, S_feat("x4", "2013-01-08", "Akron shooting update", "Akron police"));
    concord_grouper_run(g);

    size_t st = concord_grouper_story_of(g, "t0"), sa = concord_grouper_story_of(g, "a0");
    assert_int_not_equal(st, sa);
    assert_int_equal(concord_grouper_story_of(g, "t1"), st);
    assert_int_equal(concord_grouper_story_of(g, "t2"), st);
    assert_int_equal(concord_grouper_story_of(g, "a1"), sa);
    assert_int_equal(concord_grouper_story_size(g, st), 3);
    assert_int_equal(concord_grouper_story_size(g, sa), 2);
    /* every junk article is a story of its own */
    for (size_t s = 0; s < concord_grouper_n_stories(g); s++) {
        const char *m = concord_grouper_story_member(g, s, 0);
        if (m[0] == 'j' || m[0] == 'x')
            assert_int_equal(concord_grouper_story_size(g, s), 1);
    }
    assert_int_equal(concord_grouper_n_stories(g), 2 + 100 + 4);
    /* the identical bodies are still reported as one duplicate set */
    assert_int_equal(concord_grouper_n_dupsets(g), 1);
    assert_int_equal(concord_grouper_dupset_size(g, 0), 100);
    concord_grouper_free(g);
}

/* A corpus mostly about one event: 40 near-identical copies of one report
 * (every word of it is then in most articles, so each copy is "thin") and two
 * reports of another event.  The copies are one story, in one batch and when
 * more copies arrive in a later run; the other event stays apart. */
static void test_dominant_copies(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    char buf[4096], id[16];
    for (int i = 0; i < 40; i++) {
        snprintf(id, sizeof id, "w%02d", i);
        snprintf(buf, sizeof buf, "%s Edition %d.", TULSA, i);
        concord_grouper_add(g, S_feat(id, i % 2 ? "2013-01-07" : "2013-01-08",
                                      "Four women found dead in Tulsa apartment", buf));
    }
    concord_grouper_add(g, S_feat("a0", "2013-01-08", "Man wounded in west Akron drive-by", AKRON));
    concord_grouper_add(g, S_feat("a1", "2013-01-08", "Teen shot on Copley Road", AKRON_REWORDED));
    concord_grouper_run(g);
    size_t sw = concord_grouper_story_of(g, "w00");
    assert_int_equal(concord_grouper_story_size(g, sw), 40);
    size_t sa = concord_grouper_story_of(g, "a0");
    assert_int_not_equal(sa, sw);
    assert_int_equal(concord_grouper_story_of(g, "a1"), sa);
    assert_int_equal(concord_grouper_n_stories(g), 2);

    size_t len;
    void *blob = concord_grouper_save(g, &len);
    concord_grouper *h = concord_grouper_new();
    assert_int_equal(concord_grouper_load(h, blob, len), 0);
    for (int i = 40; i < 60; i++) {
        snprintf(id, sizeof id, "w%02d", i);
        snprintf(buf, sizeof buf, "%s Edition %d.", TULSA, i);
        concord_grouper_add(
            h, S_feat(id, "2013-01-09", "Four women found dead in Tulsa apartment", buf));
    }
    concord_grouper_run(h);
    sw = concord_grouper_story_of(h, "w00");
    assert_int_equal(concord_grouper_story_of(h, "w59"), sw);
    assert_int_equal(concord_grouper_story_size(h, sw), 60);
    assert_int_equal(concord_grouper_n_stories(h), 2);
    free(blob);
    concord_grouper_free(h);
    concord_grouper_free(g);
}

/* A report whose scraped body is a paywall notice joins the story its full
 * headline names, after the pass (it is dated before the reports); one with a
 * headline about something else, or a one-word headline, stays alone. */
static void test_thin_headline(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    const char *paywall = "You are the owner of this article.";
    concord_grouper_add(g, S_feat("p1", "2013-01-06",
                                  "Four women found shot dead in south Tulsa apartment", paywall));
    concord_grouper_add(g, S_feat("p2", "2013-01-07",
                                  "Lakeside council approves new footbridge over river", paywall));
    concord_grouper_add(g, S_feat("p3", "2013-01-07", "Tulsa", paywall));
    concord_grouper_add(
        g, S_feat("t0", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_add(g, S_feat("a0", "2013-01-08", "Man wounded in west Akron drive-by", AKRON));
    concord_grouper_add(g, S_feat("a1", "2013-01-08", "Teen shot on Copley Road", AKRON_REWORDED));
    concord_grouper_run(g);
    size_t st = concord_grouper_story_of(g, "t0");
    assert_int_equal(concord_grouper_story_of(g, "t1"), st);
    assert_int_equal(concord_grouper_story_of(g, "p1"), st);
    assert_int_equal(concord_grouper_story_size(g, st), 3);
    assert_int_equal(concord_grouper_story_size(g, concord_grouper_story_of(g, "p2")), 1);
    assert_int_equal(concord_grouper_story_size(g, concord_grouper_story_of(g, "p3")), 1);
    assert_int_equal(concord_grouper_story_size(g, concord_grouper_story_of(g, "a0")), 2);
    assert_int_equal(concord_grouper_n_stories(g), 4);
    concord_grouper_free(g);
}

static void test_empty(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    concord_grouper_run(g);
    assert_int_equal(concord_grouper_n_stories(g), 0);
    assert_int_equal(concord_grouper_n_dupsets(g), 0);
    size_t len;
    void *blob = concord_grouper_save(g, &len);
    concord_grouper *h = concord_grouper_new();
    assert_int_equal(concord_grouper_load(h, blob, len), 0);
    concord_grouper_run(h);
    assert_int_equal(concord_grouper_n_stories(h), 0);
    free(blob);
    concord_grouper_free(h);
    concord_grouper_free(g);
    assert_int_equal(concord_day_number("1970-01-01"), 0);
    assert_int_equal(concord_day_number("2022-01-12"), 19004);
    assert_int_equal(concord_day_number("2022-13-12"), CONCORD_DAY_UNKNOWN);
    assert_int_equal(concord_day_number(""), CONCORD_DAY_UNKNOWN);
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

/* The event's day from the lead: a follow-up six weeks later that names the
 * day of the shooting is as close to the first reports as they are to each
 * other; the same follow-up naming another day is not. */
static const char *TULSA_LATER =
    "The man accused of killing four women at the Fairmont Terrace apartments in south Tulsa on "
    "%s appeared in court on Wednesday. Prosecutors said the women were shot multiple times and "
    "that a four-year-old child was found unharmed. Officer Jillian Roberson said detectives "
    "identified the suspect through witnesses who saw him leave the complex.";

static size_t S_follow_up_story(const char *named_day, int *same)
{
    char text[1024];
    snprintf(text, sizeof text, TULSA_LATER, named_day);
    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_add(
        g, S_feat("t2", "2013-01-07", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_add(g,
                        S_feat("t3", "2013-02-20", "Suspect in court over Tulsa killings", text));
    concord_grouper_run(g);
    *same = concord_grouper_story_of(g, "t3") == concord_grouper_story_of(g, "t1");
    size_t n = concord_grouper_n_stories(g);
    concord_grouper_free(g);
    return n;
}

static void test_event_day(void **state)
{
    (void)state;
    int same;
    S_follow_up_story("Jan. 7", &same);
    assert_true(same);
    S_follow_up_story("January 7, 2013", &same);
    assert_true(same);
    S_follow_up_story("Feb. 18", &same); /* another day: six weeks apart stays apart */
    assert_false(same);
}

/* Against chaining: the same report told of another event (the words of
 * the Tulsa story, other names and place) a week later is a look-alike, not
 * a follow-up; with the chain veto off it joins (so the veto is what keeps
 * it apart), and a follow-up a week later that names the story's people
 * still joins. */
static const char *LOOKALIKE =
    "Police said four women were found shot dead inside an apartment at the Brookhaven Gardens "
    "complex in north Wichita on Sunday. Responding officers arrived shortly after noon and found "
    "an unharmed four-year-old child inside. Spokesman Marcus Delaney said the victims were shot "
    "multiple times. Detectives believe someone spoke with an occupant an hour before the bodies "
    "were discovered. The victims have not been identified and no arrest has been made.";

static int S_lookalike_joins(const char *text, int chain_days)
{
    concord_grouper *g = concord_grouper_new();
    concord_group_params p;
    concord_grouper_get_params(g, &p);
    p.chain_days = chain_days;
    concord_grouper_set_params(g, &p);
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_add(
        g, S_feat("t2", "2013-01-07", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_add(
        g, S_feat("w1", "2013-01-14", "4 women found dead in north Wichita apartment", text));
    concord_grouper_run(g);
    int same = concord_grouper_story_of(g, "w1") == concord_grouper_story_of(g, "t1");
    concord_grouper_free(g);
    return same;
}

/* Whether the Tulsa story (two reports) and a story of two reports of
 * `text` days_later merge, with the given chain_mode. */
static int S_lookalike_merges(const char *text, int days_later, int chain_mode)
{
    concord_grouper *g = concord_grouper_new();
    concord_group_params p;
    concord_grouper_get_params(g, &p);
    p.chain_mode = chain_mode;
    concord_grouper_set_params(g, &p);
    char date[16];
    snprintf(date, sizeof date, "2013-01-%02d", 7 + days_later);
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_add(
        g, S_feat("t2", "2013-01-07", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_add(g,
                        S_feat("w1", date, "4 women found dead in north Wichita apartment", text));
    concord_grouper_add(g, S_feat("w2", date, "Four women shot dead in Wichita", text));
    concord_grouper_run(g);
    int same = concord_grouper_story_of(g, "w1") == concord_grouper_story_of(g, "t1");
    concord_grouper_free(g);
    return same;
}

/* The candidate scan reads each story's parent and day span from a compact
 * mirror: it follows every new story, every member (a wider span), every
 * merge and a load, over runs that join, found and merge stories. */
static void test_hot_mirror(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(
        g, S_feat("t2", "2013-01-08", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_add(g, S_feat("a1", "2013-01-06", "Man wounded in west Akron drive-by", AKRON));
    concord_grouper_add(g, S_feat("u1", "", "Tulsa", TULSA_NEXT_DAY));
    concord_grouper_run(g);
    assert_int_equal(concord__group_hot_mismatches(g), 0);
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_add(g, S_feat("w1", "2013-01-09",
                                  "4 women found dead in north Wichita apartment", TULSA_NEXT_DAY));
    concord_grouper_add(g, S_feat("w2", "2013-01-10", "Four women shot dead in Wichita", TULSA));
    concord_grouper_run(g);
    assert_int_equal(concord__group_hot_mismatches(g), 0);
    size_t len;
    void *blob = concord_grouper_save(g, &len);
    concord_grouper *h = concord_grouper_new();
    assert_int_equal(concord_grouper_load(h, blob, len), 0);
    assert_int_equal(concord__group_hot_mismatches(h), 0);
    concord_grouper_add(
        h, S_feat("t3", "2013-01-05", "Tulsa police name four women killed", TULSA_NEXT_DAY));
    concord_grouper_run(h);
    assert_int_equal(concord__group_hot_mismatches(h), 0);
    assert_int_equal(concord_grouper_story_of(h, "t3"), concord_grouper_story_of(h, "t1"));
    free(blob);
    concord_grouper_free(h);
    concord_grouper_free(g);
}

static void test_chain_veto(void **state)
{
    (void)state;
    concord_group_params p;
    concord_grouper *g = concord_grouper_new();
    concord_grouper_get_params(g, &p);
    concord_grouper_free(g);
    assert_true(p.chain_days > 0);
    assert_true(S_lookalike_joins(LOOKALIKE, 0));
    assert_false(S_lookalike_joins(LOOKALIKE, p.chain_days));
    assert_true(S_lookalike_joins(TULSA, p.chain_days));
    /* the merge pass (chain_mode 128): two reports of the look-alike 3 days
     * later make a story of their own, which merged with the Tulsa story
     * (centroids converge) before the chain test applied to merges too; the
     * same report 3 days later still joins */
    assert_true(p.chain_mode & 128);
    assert_true(S_lookalike_merges(LOOKALIKE, 3, p.chain_mode & ~128));
    assert_false(S_lookalike_merges(LOOKALIKE, 3, p.chain_mode));
    assert_true(S_lookalike_merges(TULSA, 3, p.chain_mode));
}

/* Names that conflict (chain_mode 256): a story of six reports of the Tulsa
 * shooting on one day, then two reports a day later in the words of the
 * Tulsa story naming other people and another place.  Under chain_days the
 * chain test does not apply, so without the conflict test they join (or
 * their story merges into the Tulsa one); with it they stay apart, and a
 * report naming the story's people a day later still joins. */
static int S_conflict_joins(const char *text, int chain_mode)
{
    concord_grouper *g = concord_grouper_new();
    concord_group_params p;
    concord_grouper_get_params(g, &p);
    p.chain_mode = chain_mode;
    concord_grouper_set_params(g, &p);
    const char *texts[] = {TULSA, TULSA_REWORDED, TULSA_NEXT_DAY};
    const char *titles[] = {"Four women found dead in Tulsa apartment",
                            "Police: 4 women shot dead in south Tulsa",
                            "Tulsa victims named",
                            "Tulsa police investigate deaths of four women",
                            "Four women killed at Fairmont Terrace",
                            "Child found unharmed after Tulsa shooting"};
    for (int i = 0; i < 6; i++) {
        char id[8];
        snprintf(id, sizeof id, "t%d", i + 1);
        concord_grouper_add(g, S_feat(id, "2013-01-07", titles[i], texts[i % 3]));
    }
    concord_grouper_add(
        g, S_feat("w1", "2013-01-08", "4 women found dead in north Wichita apartment", text));
    concord_grouper_add(g, S_feat("w2", "2013-01-08", "Four women shot dead in Wichita", text));
    concord_grouper_run(g);
    int same = concord_grouper_story_of(g, "w1") == concord_grouper_story_of(g, "t1");
    concord_grouper_free(g);
    return same;
}

static void test_names_conflict(void **state)
{
    (void)state;
    concord_group_params p;
    concord_grouper *g = concord_grouper_new();
    concord_grouper_get_params(g, &p);
    concord_grouper_free(g);
    assert_true(p.chain_mode & 256);
    assert_true(p.conflict_size > 0 && p.conflict_size <= 6);
    assert_true(S_conflict_joins(LOOKALIKE, p.chain_mode & ~256));
    assert_false(S_conflict_joins(LOOKALIKE, p.chain_mode));
    assert_true(S_conflict_joins(TULSA_REWORDED, p.chain_mode));
}

/* Features as bytes (concord-mpi): a round trip gives the same bytes, a
 * grouper fed unpacked features groups exactly as one fed the originals
 * (event days, lead terms and all), and every cut-short record is refused. */
static void test_pack(void **state)
{
    (void)state;
    char later[1024]; /* joins the Tulsa story only by its event day (test_event_day) */
    snprintf(later, sizeof later, TULSA_LATER, "Jan. 7");
    const char *ids[] = {"t1", "t2", "t3", "a1", "a2", "b1", "t4"};
    const char *dates[] = {"2013-01-07", "2013-01-07", "2013-01-08", "2013-01-12",
                           "2013-01-13", "2013-01-12", "2013-02-20"};
    const char *titles[] = {"Four women found dead in Tulsa apartment",
                            "Police: 4 women shot dead in south Tulsa",
                            "Tulsa victims named",
                            "Man wounded in west Akron drive-by",
                            "Teen shot on Copley Road",
                            "Newsletter",
                            "Suspect in court over Tulsa killings"};
    const char *texts[] = {TULSA,          TULSA_REWORDED, TULSA_NEXT_DAY, AKRON,
                           AKRON_REWORDED, BOILER,         later};
    concord_grouper *g1 = concord_grouper_new(), *g2 = concord_grouper_new();
    for (int i = 0; i < 7; i++) {
        concord_features *f = S_feat(ids[i], dates[i], titles[i], texts[i]);
        concord_buf b, b2;
        concord_buf_init(&b);
        concord_buf_init(&b2);
        concord_features_pack(&b, f);
        concord_buf_addc(&b, 'x'); /* a byte of the next record: not taken */
        size_t used = 0;
        concord_features *u = concord_features_unpack(b.data, b.len, &used);
        assert_non_null(u);
        assert_int_equal(used, b.len - 1);
        concord_features_pack(&b2, u);
        assert_int_equal(b2.len, b.len - 1);
        assert_memory_equal(b2.data, b.data, b2.len);
        assert_int_equal(concord_features_bytes(u), concord_features_bytes(f));
        for (size_t k = 0; k < b.len - 1; k++) {
            size_t got = 7;
            assert_null(concord_features_unpack(b.data, k, &got));
            assert_int_equal(got, 0);
        }
        concord_grouper_add(g1, f);
        concord_grouper_add(g2, u);
        concord_buf_free(&b);
        concord_buf_free(&b2);
    }
    concord_grouper_run(g1);
    concord_grouper_run(g2);
    size_t l1, l2;
    void *s1 = concord_grouper_save(g1, &l1), *s2 = concord_grouper_save(g2, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(s1, s2, l1);
    assert_int_equal(concord_grouper_n_stories(g1), concord_grouper_n_stories(g2));
    for (size_t s = 0; s < concord_grouper_n_stories(g1); s++) {
        assert_string_equal(concord_grouper_story_id(g1, s), concord_grouper_story_id(g2, s));
        assert_int_equal(concord_grouper_story_size(g1, s), concord_grouper_story_size(g2, s));
    }
    free(s1);
    free(s2);
    concord_grouper_free(g1);
    concord_grouper_free(g2);
}

/* The pair model: the built-in one parses; set_model rejects malformed
 * text and keeps the old model; a model that never joins gives one story a
 * report; the trace sees every scored pair with its features. */
static size_t S_traced;
static void S_trace(void *user, const char *article, const char *const *members, size_t n_members,
                    const double *x, int n_x, double logit)
{
    (void)user;
    (void)logit;
    assert_non_null(article);
    assert_true(n_members >= 1);
    assert_non_null(members[0]);
    assert_int_equal(n_x, CONCORD_PAIR_FEATURES);
    assert_true(x[0] >= -1e-9 && x[0] <= 1 + 1e-6); /* cosine */
    S_traced++;
}

static void S_add_four(concord_grouper *g)
{
    concord_grouper_add(
        g, S_feat("t1", "2013-01-07", "Four women found dead in Tulsa apartment", TULSA));
    concord_grouper_add(g, S_feat("a1", "2013-01-12", "Man wounded in west Akron drive-by", AKRON));
    concord_grouper_add(
        g, S_feat("t2", "2013-01-07", "Police: 4 women shot dead in south Tulsa", TULSA_REWORDED));
    concord_grouper_add(g, S_feat("a2", "2013-01-13", "Teen shot on Copley Road", AKRON_REWORDED));
}

static void test_model(void **state)
{
    (void)state;
    concord_grouper *g = concord_grouper_new();
    assert_int_equal(concord_grouper_set_model(g, "bogus\t1\n"), -1);
    assert_int_equal(concord_grouper_set_model(g, "cos\tx\n"), -1);
    assert_int_equal(concord_grouper_set_model(g, "stump\tcos\t0.5\t1\n"), -1);
    assert_int_equal(concord_grouper_set_model(g, NULL), -1);
    S_traced = 0;
    concord_grouper_set_trace(g, S_trace, NULL);
    S_add_four(g);
    concord_grouper_run(g); /* still the built-in model */
    assert_int_equal(concord_grouper_n_stories(g), 2);
    assert_true(S_traced >= 2);
    concord_grouper_free(g);

    g = concord_grouper_new();
    concord_group_params p;
    concord_grouper_get_params(g, &p);
    p.merge = 2; /* no merge pass: joins only */
    concord_grouper_set_params(g, &p);
    assert_int_equal(concord_grouper_set_model(g, "# never joins\nbias\t-100\r\ncos\t1\n"), 0);
    S_add_four(g);
    concord_grouper_run(g);
    assert_int_equal(concord_grouper_n_stories(g), 4);
    concord_grouper_free(g);

    /* a stump model in the trainer's format: joins on cosine alone */
    g = concord_grouper_new();
    assert_int_equal(concord_grouper_set_model(g, "bias\t0\nstump\tcos\t0.2\t-5\t5\n"), 0);
    S_add_four(g);
    concord_grouper_run(g);
    assert_int_equal(concord_grouper_n_stories(g), 2);
    assert_int_equal(concord_grouper_story_of(g, "t2"), concord_grouper_story_of(g, "t1"));
    concord_grouper_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minhash),        cmocka_unit_test(test_two_stories),
        cmocka_unit_test(test_incremental),    cmocka_unit_test(test_junk),
        cmocka_unit_test(test_empty),          cmocka_unit_test(test_dominant_copies),
        cmocka_unit_test(test_thin_headline),  cmocka_unit_test(test_event_day),
        cmocka_unit_test(test_model),          cmocka_unit_test(test_id_stable_across_load),
        cmocka_unit_test(test_pack),           cmocka_unit_test(test_chain_veto),
        cmocka_unit_test(test_names_conflict), cmocka_unit_test(test_hot_mirror),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
