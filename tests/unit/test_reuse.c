/* test_reuse.c: passage alignment, relations, direction, credits, spin
 * artifacts, bad input and the seeds (when ../shared/seeds is present). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"

typedef struct S_story {
    concord_analyzer *az;
    concord_article *art[8];
    concord_clean *clean[8];
    concord_doc *doc[8];
    concord_member m[8];
    size_t n;
} S_story;

static void S_add(S_story *s, const char *id, const char *source, const char *date,
                  const char *text)
{
    if (!s->az)
        s->az = concord_analyzer_new("english");
    size_t k = s->n++;
    s->art[k] = concord_article_new(id, source, "", date, "", text, strlen(text));
    s->clean[k] = concord_clean_article(s->art[k]);
    s->doc[k] = concord_analyze(s->az, s->clean[k]->text, s->clean[k]->len);
    s->m[k] = (concord_member){s->art[k], s->clean[k], s->doc[k]};
}

static void S_free(S_story *s)
{
    for (size_t k = 0; k < s->n; k++) {
        concord_doc_free(s->doc[k]);
        concord_clean_free(s->clean[k]);
        concord_article_free(s->art[k]);
    }
    concord_analyzer_free(s->az);
    memset(s, 0, sizeof *s);
}

static const concord_reuse_pair *S_pair(const concord_reuse *r, size_t a, size_t b)
{
    for (size_t k = 0; k < r->n_pairs; k++)
        if ((r->pairs[k].from == a && r->pairs[k].to == b) ||
            (r->pairs[k].from == b && r->pairs[k].to == a))
            return &r->pairs[k];
    return NULL;
}

static const char *S_wire =
    "A gunman opened fire inside a crowded grocery store on the east side of the city "
    "on Saturday afternoon, killing two employees and wounding a customer, police said.\n\n"
    "Officers arrived within four minutes of the first emergency call and found the "
    "suspect sitting on the curb outside the building with the handgun beside him.\n\n"
    "The wounded customer, a retired schoolteacher, was taken to the regional medical "
    "center where she was listed in stable condition on Sunday morning.\n\n"
    "Investigators have not released a motive, but the police chief said the suspect "
    "had been fired from the store two weeks earlier after a dispute with a manager.\n\n"
    "The names of the two employees who died will be released after their families "
    "have been notified, according to a statement from the county coroner.\n\n"
    "Neighbors gathered at a vigil outside the store on Sunday evening, lighting candles "
    "and leaving flowers near the entrance that remained closed.\n";

static void test_copy_with_additions(void **state)
{
    (void)state;
    S_story s = {0};
    char *copy = NULL;
    size_t len = strlen(S_wire);
    const char *intro = "Residents of the neighborhood said they were shocked by the violence "
                        "at a place where many of them shop every week.\n\n";
    copy = malloc(strlen(intro) + len + 1);
    strcpy(copy, intro);
    strcat(copy, S_wire);
    S_add(&s, "wire", "wire.example.com", "", S_wire);
    S_add(&s, "local", "local.example.org", "", copy);
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->kind, CONCORD_REUSE_COPY);
    assert_int_equal(p->from, 0); /* the container is the copy */
    assert_int_equal(p->to, 1);
    assert_string_equal(p->direction, "containment");
    assert_true(p->share > 0.7 && p->share < 0.95);
    assert_true(p->n_passages >= 1);
    /* the whole wire text is aligned: offsets cover it */
    uint32_t covered = 0;
    for (size_t k = 0; k < p->n_passages; k++)
        covered += p->passages[k].from_end - p->passages[k].from_start;
    assert_true(covered + 5 >= (uint32_t)strlen(s.clean[0]->text) - 1);
    concord_buf b;
    concord_buf_init(&b);
    concord_reuse_derived_json(r, s.m, s.n, 1, &b);
    assert_non_null(strstr(b.data, "\"id\":\"wire\""));
    assert_non_null(strstr(b.data, "\"kind\":\"copy\""));
    concord_buf_clear(&b);
    concord_reuse_json(r, s.m, s.n, &b);
    size_t err_pos;
    const char *err_msg;
    concord_json *j = concord_json_parse(b.data, b.len, &err_pos, &err_msg);
    assert_non_null(j);
    assert_int_equal(j->type, CONCORD_JSON_ARRAY);
    concord_json_free(j);
    concord_buf_free(&b);
    concord_reuse_free(r);
    free(copy);
    S_free(&s);
}

/* An outlet naming itself in its dateline ("(MPA)" for Meridian Press
 * Agency, initials derived from the name) wrote the original: the cut-down
 * copy that carries no credit is derived, although containment alone would
 * call the longer wire text the copy. */
static void test_self_credit_decides_direction(void **state)
{
    (void)state;
    const char *more =
        "\n\nThe store's owner said it would reopen next week with added security.\n";
    const char *dl = "LORVIK, March 3 (MPA) \xe2\x80\x93 ";
    char *wire = malloc(strlen(dl) + strlen(S_wire) + strlen(more) + 1);
    strcpy(wire, dl);
    strcat(wire, S_wire);
    strcat(wire, more);
    for (int pass = 0; pass < 2; pass++) {
        S_story s = {0};
        /* pass 1: the copy keeps the wire's dateline: a credit to MPA, not its own,
         * which resolves to the MPA member */
        const char *copy_text = pass ? wire : S_wire;
        S_add(&s, "copy", "Valdoria Today", "2025-03-03", copy_text);
        S_add(&s, "wire", "Meridian Press Agency", "2025-03-03", pass ? S_wire : wire);
        concord_reuse *r = concord_reuse_explain(s.m, s.n);
        const concord_reuse_pair *p = S_pair(r, 0, 1);
        assert_non_null(p);
        if (pass == 0) {
            assert_true(r->self_credit[1]);
            assert_false(r->self_credit[0]);
            assert_int_equal(p->from, 1);
            assert_int_equal(p->to, 0);
            assert_string_equal(p->direction, "self-credit");
        } else {
            assert_false(r->self_credit[0]);
            assert_false(r->self_credit[1]);
            /* "(MPA)" names the agency's member by the initials of its name */
            assert_int_equal(p->from, 1);
            assert_string_equal(p->direction, "credit");
        }
        concord_reuse_free(r);
        S_free(&s);
    }
    free(wire);
}

static void test_dates_decide_direction(void **state)
{
    (void)state;
    S_story s = {0};
    S_add(&s, "b", "b.example.com", "2020-05-02", S_wire);
    S_add(&s, "a", "a.example.com", "2020-05-01", S_wire);
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->from, 1);
    assert_string_equal(p->direction, "date");
    assert_true(p->share > 0.95);
    concord_reuse_free(r);
    S_free(&s);
}

static void test_rewrite(void **state)
{
    (void)state;
    /* same content and order, many words swapped, one sentence broken */
    const char *spun =
        "A shooter opened fire inside a busy grocery shop on the east side of the town "
        "on Saturday afternoon, killing two workers and injuring a customer, police said.\n\n"
        "Officers arrived within four minutes of the initial emergency call and discovered the "
        "suspect sitting on the curb outside the structure. with the handgun beside him.\n\n"
        "The injured customer, a retired teacher, was taken to the regional medical "
        "center where she was reported in stable condition on Sunday morning.\n\n"
        "Detectives have not released a motive, but the police chief said the suspect "
        "had been dismissed from the shop two weeks earlier following a dispute with a manager.\n\n"
        "The names of the two workers who died will be released once their families "
        "have been informed, according to a statement from the county coroner.\n\n"
        "Neighbors gathered at a vigil outside the shop on Sunday evening, lighting candles "
        "and placing flowers near the entrance that stayed closed.\n";
    S_story s = {0};
    S_add(&s, "orig", "orig.example.com", "", S_wire);
    S_add(&s, "spun", "spun.example.net", "", spun);
    S_add(&s, "other", "other.example.net", "",
          "The city council approved a new budget on Tuesday that raises spending on parks and "
          "libraries while cutting the number of administrative positions in the mayor's office. "
          "Several council members objected to the late changes to the proposal.");
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->kind, CONCORD_REUSE_REWRITE);
    assert_true(p->similarity > 0.5 && p->similarity < 0.95);
    assert_null(S_pair(r, 0, 2));
    assert_null(S_pair(r, 1, 2));
    concord_reuse_free(r);
    S_free(&s);
}

static void test_credits(void **state)
{
    (void)state;
    S_story s = {0};
    S_add(&s, "x", "x.example.com", "",
          "WASHINGTON (AP) — Lawmakers reached a deal late Thursday on a spending bill, Reuters "
          "reported, citing two people familiar with the talks. The agreement still needs a vote "
          "in both chambers, according to The New York Times.\n\n"
          "This article has been adapted from its original source.");
    S_add(&s, "y", "nytimes.com", "", "An unrelated note about a museum exhibition of maps.");
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    int ap = 0, reuters = 0, nyt_member = 0, unnamed = 0;
    for (size_t k = 0; k < r->n_credits; k++) {
        const concord_credit *c = &r->credits[k];
        assert_int_equal(c->member, 0);
        ap += strcmp(c->name, "Associated Press") == 0 && c->source_member < 0;
        reuters += strcmp(c->name, "Reuters") == 0 && c->source_member < 0;
        nyt_member += c->source_member == 1;
        unnamed += strcmp(c->name, "unnamed") == 0;
    }
    assert_int_equal(ap, 1);
    assert_int_equal(reuters, 1);
    assert_int_equal(nyt_member, 1);
    assert_int_equal(unnamed, 1);
    concord_buf b;
    concord_buf_init(&b);
    concord_reuse_credits_json(r, s.m, s.n, 0, &b);
    assert_non_null(strstr(b.data, "{\"outlet\":\"Reuters\",\"text\":"));
    assert_non_null(strstr(b.data, "\"article\":\"y\""));
    concord_json *j = concord_json_parse(b.data, b.len, NULL, NULL);
    assert_non_null(j);
    concord_json_free(j);
    concord_buf_free(&b);
    /* derived_from holds links to other articles only, every one with an id */
    concord_buf_init(&b);
    concord_reuse_derived_json(r, s.m, s.n, 0, &b);
    j = concord_json_parse(b.data, b.len, NULL, NULL);
    assert_non_null(j);
    for (size_t k = 0; k < j->len; k++) {
        assert_non_null(concord_json_get_str(j->items[k], "id"));
        const char *kind = concord_json_get_str(j->items[k], "kind");
        assert_true(!strcmp(kind, "copy") || !strcmp(kind, "rewrite") ||
                    !strcmp(kind, "shared-source"));
    }
    concord_json_free(j);
    concord_buf_free(&b);
    concord_buf_init(&b);
    concord_reuse_spun_json(r, 0, &b);
    assert_string_equal(b.data, "null");
    concord_buf_free(&b);
    concord_reuse_free(r);
    S_free(&s);
}

/* Two texts that each wrap the same pasted release in a lead of their own
 * crediting the same named source are two write-ups of that source, not a
 * copy of each other; the same credit inside the shared text says nothing. */
static void test_named_source(void **state)
{
    (void)state;
    const char *lead_a = "A store clerk was shot early Saturday in what investigators called a "
                         "robbery gone wrong, according to the Greenville Police Department.\n\n";
    const char *lead_b = "Two people died in an east side shooting that began as an argument "
                         "over a firing, according to the Greenville Police Department.\n\n";
    const char *lead_c = "Two people died in an east side shooting that began as an argument "
                         "over a firing, according to the Pitt County Sheriff's Office.\n\n";
    char *a = malloc(strlen(lead_a) + strlen(S_wire) + 1);
    char *b = malloc(strlen(lead_b) + strlen(S_wire) + 1);
    char *c = malloc(strlen(lead_c) + strlen(S_wire) + 1);
    strcat(strcpy(a, lead_a), S_wire);
    strcat(strcpy(b, lead_b), S_wire);
    strcat(strcpy(c, lead_c), S_wire);
    S_story s = {0};
    S_add(&s, "a", "a.example.com", "2020-05-01", a);
    S_add(&s, "b", "b.example.com", "2020-05-01", b);
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_true(p->share > 0.7 && p->verbatim > 0.9); /* a copy by the numbers */
    assert_int_equal(p->kind, CONCORD_REUSE_SHARED_SOURCE);
    assert_string_equal(p->direction, "symmetric");
    concord_reuse_free(r);
    S_free(&s);
    /* different named sources: a copy */
    S_add(&s, "a", "a.example.com", "2020-05-01", a);
    S_add(&s, "c", "c.example.com", "2020-05-01", c);
    r = concord_reuse_explain(s.m, s.n);
    p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->kind, CONCORD_REUSE_COPY);
    concord_reuse_free(r);
    S_free(&s);
    /* the same credit in the shared lead: a copy */
    S_add(&s, "b", "b.example.com", "2020-05-01", b);
    S_add(&s, "b2", "b2.example.com", "2020-05-01", b);
    r = concord_reuse_explain(s.m, s.n);
    p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->kind, CONCORD_REUSE_COPY);
    concord_reuse_free(r);
    S_free(&s);
    free(a);
    free(b);
    free(c);
}

/* Undated reports: the one further on in the story (a charge, an
 * arraignment) came after the one that says no arrests were made. */
static void test_stage_direction(void **state)
{
    (void)state;
    const char *early_end = "\nNo arrests have been made, and the investigation is continuing. "
                            "This story is developing.\n";
    const char *late_end = "\nA former employee has been charged with two counts of murder and "
                           "was arraigned on Monday.\n";
    char *early = malloc(strlen(S_wire) + strlen(early_end) + 1);
    char *late = malloc(strlen(S_wire) + strlen(late_end) + 1);
    strcat(strcpy(early, S_wire), early_end);
    strcat(strcpy(late, S_wire), late_end);
    S_story s = {0};
    S_add(&s, "late", "late.example.com", "", late); /* first in story order */
    S_add(&s, "early", "early.example.com", "", early);
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_int_not_equal(p->kind, CONCORD_REUSE_NONE);
    assert_string_equal(p->direction, "stage");
    assert_int_equal(p->from, 1); /* early is the source */
    assert_int_equal(p->to, 0);
    concord_reuse_free(r);
    S_free(&s);
    /* with dates, the dates decide */
    S_add(&s, "late", "late.example.com", "2020-05-01", late);
    S_add(&s, "early", "early.example.com", "2020-05-02", early);
    r = concord_reuse_explain(s.m, s.n);
    p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_string_equal(p->direction, "date");
    assert_int_equal(p->from, 0);
    concord_reuse_free(r);
    S_free(&s);
    free(early);
    free(late);
}

/* Two reports sharing under half of each other's words verbatim (a shared
 * block under different leads and endings) are partial reuse:
 * shared-source, not a copy. */
static void test_bulk(void **state)
{
    (void)state;
    const char *shared =
        "Officers arrived within four minutes of the first emergency call and found the "
        "suspect sitting on the curb outside the building with the handgun beside him.\n\n"
        "The wounded customer, a retired schoolteacher, was taken to the regional medical "
        "center where she was listed in stable condition on Sunday morning.\n\n"
        "Investigators have not released a motive, but the police chief said the suspect "
        "had been fired from the store two weeks earlier after a dispute with a manager.\n\n";
    const char *own_a =
        "The city council approved a new budget for road repairs on Tuesday after a long "
        "debate about potholes, bridge inspections and the cost of asphalt this year.\n\n"
        "Members of the transportation committee argued that the downtown bus lanes should "
        "be repainted before winter, while others wanted more money for snow removal.\n\n"
        "A local bakery celebrated its fiftieth anniversary with free pastries, a brass band "
        "and a display of photographs showing the founders at work in the old kitchen.\n\n"
        "Parking on Main Street will be free during the holidays, the mayor announced.\n\n";
    const char *own_b =
        "The high school football team won its third straight game on Friday night, "
        "thanks to a late touchdown pass that sent the home crowd onto the field.\n\n"
        "Weather forecasters expect heavy rain through the weekend, with flood warnings "
        "issued for the low streets near the river and the marina parking lots.\n\n"
        "The public library will extend its opening hours in the summer months and add a "
        "reading program for children, with volunteers reading aloud every afternoon.\n\n"
        "A new farmers market opens in the old rail yard next month, its organizers said.\n\n";
    char *a = malloc(strlen(own_a) + strlen(shared) + 1);
    char *b = malloc(strlen(shared) + strlen(own_b) + 1);
    strcat(strcpy(a, own_a), shared);
    strcat(strcpy(b, shared), own_b);
    S_story s = {0};
    S_add(&s, "a", "a.example.com", "2020-05-01", a);
    S_add(&s, "b", "b.example.com", "2020-05-02", b);
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    /* verbatim, and the derived share above the 40% that made it a copy */
    assert_true(p->verbatim > 0.9);
    assert_true(p->share >= 0.4 && p->share < 0.5);
    assert_true(p->share_from < 0.5);
    assert_int_equal(p->kind, CONCORD_REUSE_SHARED_SOURCE);
    concord_reuse_free(r);
    S_free(&s);
    free(a);
    free(b);
}

/* A short earlier text whose passages, grown to sentence edges, cover most
 * of it while under half of it is in exact runs with the longer one: not a
 * rewrite by containment alone (independent write-ups of one event share
 * phrases like these). */
static void test_contained_exact(void **state)
{
    (void)state;
    const char *brief =
        "A man with a pistol started shooting inside a crowded grocery store on the east side "
        "on Saturday, leaving two workers dead and a shopper hurt, officers said. Police got "
        "there within minutes of the first emergency call and found the suspect sitting on a "
        "curb by the building, his handgun beside him on the ground. The mayor plans to meet "
        "the owners next week.";
    S_story s = {0};
    S_add(&s, "wire", "wire.example.com", "2020-05-02", S_wire);
    S_add(&s, "brief", "brief.example.com", "2020-05-01", brief);
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->from, 1); /* the brief is earlier */
    /* a rewrite by containment before: most of the brief inside, close wording */
    assert_true(p->share < 0.4 && p->share_from >= 0.6);
    assert_true(p->similarity >= 0.7 && p->verbatim >= 0.55);
    assert_true(p->share_from * p->verbatim < 0.5);
    assert_int_equal(p->kind, CONCORD_REUSE_SHARED_SOURCE);
    concord_reuse_free(r);
    S_free(&s);
}

static void test_broken_sentences(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("english");
    const char *t1 = "The troops would only leave. \xE2\x80\x98once their mission is complete. "
                     "Movements that have swept away many. countries of the region.";
    const char *t2 =
        "He met U.S. officials at 10 a.m. on Monday. Mr. smith said no. "
        "They left... and then returned. Prices rose 2.5 percent. \xE4\xB8\xAD\xE6\x96\x87. "
        "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 world again. "
        "See pic.twitter.com/abc and. more\n";
    concord_doc *d1 = concord_analyze(az, t1, strlen(t1));
    concord_doc *d2 = concord_analyze(az, t2, strlen(t2));
    size_t ns;
    assert_int_equal(concord_reuse_broken_sentences(t1, d1, &ns), 2);
    /* "п" after "中文." is lowercase Cyrillic: one break; nothing else counts */
    assert_int_equal(concord_reuse_broken_sentences(t2, d2, &ns), 1);
    concord_doc_free(d1);
    concord_doc_free(d2);
    concord_analyzer_free(az);
}

/* Varied filler text: sentences from a small grammar driven by a counter. */
static char *S_filler(size_t bytes, unsigned seed)
{
    static const char *const subj[] = {"The council", "A spokesman",  "Investigators", "The mayor",
                                       "Witnesses",   "The governor", "Officials",     "Residents"};
    static const char *const verb[] = {"said",      "reported",  "confirmed", "denied",
                                       "announced", "explained", "noted",     "added"};
    static const char *const obj[] = {"the bridge", "a new budget", "the closure",  "the plan",
                                      "the fire",   "a lawsuit",    "the election", "the storm"};
    concord_buf b;
    concord_buf_init(&b);
    unsigned x = seed * 2654435761u + 1;
    while (b.len < bytes) {
        x = x * 1103515245u + 12345u;
        concord_buf_printf(&b, "%s %s on day %u that %s near block %u had cost %u dollars. ",
                           subj[(x >> 8) % 8], verb[(x >> 12) % 8], (x >> 16) % 997,
                           obj[(x >> 4) % 8], (x >> 20) % 911, x % 100003);
        if ((x >> 24) % 5 == 0)
            concord_buf_adds(&b, "\n\n");
    }
    return concord_buf_detach(&b, NULL);
}

static void test_bad_input_identical_large(void **state)
{
    (void)state;
    /* two identical 2 MB articles (bench/bench_reuse.c runs 10 MB) */
    char *text = S_filler(2u << 20, 7);
    concord_analyzer *az = concord_analyzer_new("english");
    concord_doc *d = concord_analyze(az, text, strlen(text));
    concord_passage *p = NULL;
    size_t n = 0, cap = 0;
    concord_align(text, d, text, d, NULL, &p, &n, &cap);
    assert_true(n >= 1);
    uint64_t covered = 0;
    for (size_t k = 0; k < n; k++)
        covered += p[k].to_end - p[k].to_start;
    assert_true(covered > strlen(text) * 9 / 10);
    free(p);
    concord_doc_free(d);
    concord_analyzer_free(az);
    free(text);
}

static void test_bad_input_repeated_sentence(void **state)
{
    (void)state;
    concord_buf b;
    concord_buf_init(&b);
    for (int k = 0; k < 10000; k++)
        concord_buf_adds(&b, "Police said the investigation into the shooting is continuing. ");
    S_story s = {0};
    S_add(&s, "rep1", "a.example.com", "", b.data);
    S_add(&s, "rep2", "b.example.com", "", b.data);
    S_add(&s, "wire", "c.example.com", "", S_wire);
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    assert_non_null(r);
    concord_buf out;
    concord_buf_init(&out);
    concord_reuse_json(r, s.m, s.n, &out);
    concord_json *j = concord_json_parse(out.data, out.len, NULL, NULL);
    assert_non_null(j);
    concord_json_free(j);
    concord_buf_free(&out);
    concord_reuse_free(r);
    concord_buf_free(&b);
    S_free(&s);
}

static void test_empty_and_odd(void **state)
{
    (void)state;
    concord_reuse *r = concord_reuse_explain(NULL, 0);
    assert_int_equal(r->n_pairs, 0);
    concord_reuse_free(r);
    S_story s = {0};
    S_add(&s, "e", "e.example.com", "", "");
    S_add(&s, "f", "f.example.com", "", "Word.");
    S_add(&s, "g", "g.example.com", "",
          "\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\xB0\xE9\x97\xBB \xE6\x8A\xA5\xE9\x81\x93\xE3\x80\x82");
    r = concord_reuse_explain(s.m, s.n);
    assert_int_equal(r->n_pairs, 0);
    concord_reuse_free(r);
    S_free(&s);
}

static void test_other_scripts(void **state)
{
    (void)state;
    /* a Russian report and a copy with one added sentence; Greek unrelated */
    const char *ru =
        "\xD0\x9F\xD0\xBE\xD0\xBB\xD0\xB8\xD1\x86\xD0\xB8\xD1\x8F "
        "\xD0\xB7\xD0\xB0\xD0\xB4\xD0\xB5\xD1\x80\xD0\xB6\xD0\xB0\xD0\xBB\xD0\xB0 "
        "\xD0\xB4\xD0\xB2\xD1\x83\xD1\x85 \xD1\x87\xD0\xB5\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xB5\xD0\xBA "
        "\xD0\xB2 \xD1\x86\xD0\xB5\xD0\xBD\xD1\x82\xD1\x80\xD0\xB5 "
        "\xD0\x90\xD0\xBB\xD0\xBC\xD0\xB0\xD1\x82\xD1\x8B "
        "\xD0\xBF\xD0\xBE\xD1\x81\xD0\xBB\xD0\xB5 "
        "\xD1\x81\xD1\x82\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8C\xD0\xB1\xD1\x8B "
        "\xD1\x83 \xD0\xB2\xD0\xBE\xD0\xBA\xD0\xB7\xD0\xB0\xD0\xBB\xD0\xB0 "
        "\xD0\xB2 "
        "\xD0\xBF\xD0\xBE\xD0\xBD\xD0\xB5\xD0\xB4\xD0\xB5\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xB8\xD0\xBA "
        "\xD0\xB2\xD0\xB5\xD1\x87\xD0\xB5\xD1\x80\xD0\xBE\xD0\xBC. ";
    concord_buf a, b;
    concord_buf_init(&a);
    concord_buf_init(&b);
    for (int k = 0; k < 6; k++) {
        concord_buf_printf(&a, "%s%d. ", ru, 1000 + 37 * k);
        if (k == 3)
            concord_buf_adds(
                &b, "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1 "
                    "\xCE\xBA\xCE\xB1\xCE\xB9 \xCE\xBA\xCF\x8C\xCF\x83\xCE\xBC\xCE\xBF\xCF\x82. ");
        concord_buf_printf(&b, "%s%d. ", ru, 1000 + 37 * k);
    }
    S_story s = {0};
    S_add(&s, "ru1", "a.example.ru", "2022-01-10", a.data);
    S_add(&s, "ru2", "b.example.ru", "2022-01-11", b.data);
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->kind, CONCORD_REUSE_COPY);
    assert_int_equal(p->from, 0);
    assert_false(r->spun[0]);
    concord_reuse_free(r);
    S_free(&s);
    concord_buf_free(&a);
    concord_buf_free(&b);
}

static void test_print(void **state)
{
    (void)state;
    const char *doc =
        "{\"story\":\"s1\",\"title\":\"T\",\"articles\":["
        "{\"id\":\"a\",\"source\":\"wire.com\",\"date\":\"2020-01-01\",\"derived_from\":[]},"
        "{\"id\":\"b\",\"source\":\"x.com\",\"date\":\"2020-01-02\",\"derived_from\":"
        "[{\"id\":\"a\",\"kind\":\"copy\",\"share\":0.9,\"direction\":\"date\"}],"
        "\"credits\":[{\"outlet\":\"Reuters\",\"text\":\"Reuters "
        "reported\",\"start\":0,\"end\":16}],"
        "\"spun\":{\"broken_per_sentence\":0.2}},"
        "{\"id\":\"c\",\"source\":\"y.com\",\"date\":\"2020-01-03\",\"derived_from\":"
        "[{\"id\":\"b\",\"kind\":\"rewrite\",\"share\":0.6}]},"
        "{\"id\":\"d\",\"source\":\"z.com\",\"date\":\"\",\"derived_from\":"
        "[{\"id\":\"d2\",\"kind\":\"rewrite\",\"share\":0.6}]}],"
        "\"reuse\":[{\"from\":\"a\",\"to\":\"b\",\"passages\":[{\"from\":[0,5],\"to\":[0,5]}]}]}";
    concord_json *j = concord_json_parse(doc, strlen(doc), NULL, NULL);
    assert_non_null(j);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(concord_reuse_print(f, j, 0), 0);
    fclose(f);
    assert_non_null(strstr(buf, "a  wire.com"));
    assert_non_null(strstr(buf, "└─ copy 90% b  x.com"));
    assert_non_null(strstr(buf, "   └─ rewrite 60% c"));
    assert_non_null(strstr(buf, "credits Reuters (not in corpus): Reuters reported"));
    assert_non_null(strstr(buf, "reworded by machine? 20%"));
    assert_non_null(strstr(buf, "1 reused passage"));
    free(buf);
    concord_json_free(j);
    concord_json *bad = concord_json_parse("{}", 2, NULL, NULL);
    f = fopen("/dev/null", "w");
    assert_int_equal(concord_reuse_print(f, bad, 1), -1);
    fclose(f);
    concord_json_free(bad);
}

static void test_seeds(void **state)
{
    (void)state;
    const char *src = getenv("CONCORD_SOURCE_DIR");
    char path[4096];
    static const char *const names[] = {"000_0fd8f39ac68630be", "001_6ac9cef874046774",
                                        "002_78210b9ba8132516", "003_cda58cf3099d18d8",
                                        "004_c3df940d23d449b0"};
    S_story s = {0};
    for (size_t k = 0; k < 5; k++) {
        snprintf(path, sizeof path, "%s/../shared/seeds/%s.txt", src ? src : ".", names[k]);
        char *t = concord_read_file(path, NULL);
        if (!t) {
            S_free(&s);
            skip();
        }
        /* like the .txt reader: first line is the title */
        char *body = strchr(t, '\n');
        S_add(&s, names[k], "", "", body ? body + 1 : t);
        free(t);
    }
    concord_reuse *r = concord_reuse_explain(s.m, s.n);
    const concord_reuse_pair *p = S_pair(r, 0, 1);
    assert_non_null(p);
    assert_true(p->kind == CONCORD_REUSE_REWRITE || p->kind == CONCORD_REUSE_SHARED_SOURCE);
    /* 001 is the reworded one */
    assert_true(r->spun[1]);
    assert_false(r->spun[0]);
    assert_int_equal(p->to, 1);
    for (size_t k = 0; k < 5; k++)
        if (k != 1)
            assert_false(r->spun[k]);
    concord_buf b;
    concord_buf_init(&b);
    concord_reuse_derived_json(r, s.m, s.n, 1, &b);
    assert_non_null(strstr(b.data, names[0]));
    concord_buf_free(&b);
    concord_reuse_free(r);
    S_free(&s);
}

/* concord outlets: copies and rewrites between outlets, lags, own shares */
static void test_outlets(void **state)
{
    (void)state;
    const char *docs[2] = {
        "{\"story\":\"s1\",\"articles\":["
        "{\"id\":\"a\",\"source\":\"wire\",\"date\":\"2020-01-01\",\"derived_from\":[]},"
        "{\"id\":\"b\",\"source\":\"local\",\"date\":\"2020-01-03\",\"derived_from\":"
        "[{\"id\":\"a\",\"kind\":\"copy\",\"share\":0.9}]},"
        "{\"id\":\"c\",\"source\":\"paper\",\"date\":\"2020-01-02\",\"derived_from\":"
        "[{\"id\":\"a\",\"kind\":\"shared-source\",\"share\":0.3}]}]}",
        "{\"story\":\"s2\",\"articles\":["
        "{\"id\":\"d\",\"source\":\"wire\",\"date\":\"2020-02-01\",\"derived_from\":[]},"
        "{\"id\":\"e\",\"source\":\"local\",\"date\":\"2020-02-02\",\"derived_from\":"
        "[{\"id\":\"d\",\"kind\":\"rewrite\",\"share\":0.5}]},"
        "{\"id\":\"f\",\"source\":\"local\",\"date\":\"2020-02-05\",\"derived_from\":[]}]}"};
    concord_outlets *x = concord_outlets_new();
    for (int k = 0; k < 2; k++) {
        concord_json *j = concord_json_parse(docs[k], strlen(docs[k]), NULL, NULL);
        assert_non_null(j);
        concord_outlets_add(x, j);
        concord_json_free(j);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    concord_outlets_print(x, f, 1);
    fclose(f);
    concord_json *j = concord_json_parse(buf, len, NULL, NULL);
    assert_non_null(j);
    const concord_json *links = concord_json_get(j, "links");
    assert_int_equal(links->len, 1); /* shared-source has no direction */
    assert_string_equal(concord_json_get_str(links->items[0], "from"), "wire");
    assert_string_equal(concord_json_get_str(links->items[0], "to"), "local");
    assert_int_equal((int)concord_json_get_num(links->items[0], "copy", -1), 1);
    assert_int_equal((int)concord_json_get_num(links->items[0], "rewrite", -1), 1);
    assert_true(concord_json_get_num(links->items[0], "median_lag_days", -1) == 1.5);
    const concord_json *ex = concord_json_get(links->items[0], "examples");
    assert_non_null(ex); /* the stories where the link was counted */
    assert_int_equal(ex->len, 2);
    assert_string_equal(ex->items[0]->str, "s1");
    assert_string_equal(ex->items[1]->str, "s2");
    const concord_json *outs = concord_json_get(j, "outlets");
    assert_string_equal(concord_json_get_str(outs->items[0], "outlet"), "local");
    assert_int_equal((int)concord_json_get_num(outs->items[0], "articles", -1), 3);
    assert_int_equal((int)concord_json_get_num(outs->items[0], "derived", -1), 2);
    assert_true(fabs(concord_json_get_num(outs->items[0], "own_share", -1) - 1.0 / 3) < 0.001);
    concord_json_free(j);
    free(buf);
    buf = NULL;
    f = open_memstream(&buf, &len);
    concord_outlets_print(x, f, 0);
    fclose(f);
    assert_non_null(strstr(buf, "2 stories, 3 outlets, 1 outlet pairs"));
    free(buf);
    concord_outlets_free(x);
}

/* Thousands of outlets (the network indexes them), and adds after a
 * network was taken (the sort moved everything) still count right. */
/* A report of no known outlet (the reader's "unknown") is no outlet's
 * pick-up; one without a source is named by its URL's host. */
static void test_outlets_unknown(void **state)
{
    (void)state;
    const char *doc = "{\"story\":\"s1\",\"articles\":["
                      "{\"id\":\"a\",\"source\":\"wire\",\"derived_from\":[]},"
                      "{\"id\":\"b\",\"source\":\"unknown\",\"derived_from\":"
                      "[{\"id\":\"a\",\"kind\":\"copy\",\"share\":0.9}]},"
                      "{\"id\":\"c\",\"url\":\"https://www.daily.example/x\",\"derived_from\":"
                      "[{\"id\":\"a\",\"kind\":\"rewrite\",\"share\":0.6}]},"
                      "{\"id\":\"d\",\"source\":\"paper\",\"derived_from\":"
                      "[{\"id\":\"b\",\"kind\":\"copy\",\"share\":0.9}]}]}";
    concord_outlets *x = concord_outlets_new();
    concord_json *j = concord_json_parse(doc, strlen(doc), NULL, NULL);
    assert_non_null(j);
    concord_outlets_add(x, j);
    concord_json_free(j);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    concord_outlets_print(x, f, 1);
    fclose(f);
    j = concord_json_parse(buf, len, NULL, NULL);
    assert_non_null(j);
    const concord_json *links = concord_json_get(j, "links");
    assert_int_equal(links->len, 1);
    assert_string_equal(concord_json_get_str(links->items[0], "from"), "wire");
    assert_string_equal(concord_json_get_str(links->items[0], "to"), "daily.example");
    const concord_json *outs = concord_json_get(j, "outlets");
    int unknown = 0;
    for (size_t k = 0; k < outs->len; k++)
        if (!strcmp(concord_json_get_str(outs->items[k], "outlet"), "(unknown outlet)")) {
            unknown++;
            assert_int_equal((int)concord_json_get_num(outs->items[k], "derived", -1), 0);
        }
    assert_int_equal(unknown, 1);
    concord_json_free(j);
    free(buf);
    concord_outlets_free(x);
}

static void test_outlets_many(void **state)
{
    (void)state;
    concord_outlets *x = concord_outlets_new();
    char doc[512];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 3000; i++) {
            /* outlet o<i> copies from wire<i % 50>, a day later */
            snprintf(doc, sizeof doc,
                     "{\"story\":\"s%d-%d\",\"articles\":["
                     "{\"id\":\"a%d\",\"source\":\"wire%d\",\"date\":\"2020-01-01\"},"
                     "{\"id\":\"b%d\",\"source\":\"o%d\",\"date\":\"2020-01-02\","
                     "\"derived_from\":[{\"id\":\"a%d\",\"kind\":\"copy\",\"share\":1}]}]}",
                     round, i, i, i % 50, i, i, i);
            concord_json *j = concord_json_parse(doc, strlen(doc), NULL, NULL);
            assert_non_null(j);
            concord_outlets_add(x, j);
            concord_json_free(j);
        }
        concord_outlet_network net;
        concord_outlets_network(x, &net);
        assert_int_equal(net.stories, 3000 * (round + 1));
        assert_int_equal(net.n_outlets, 3050);
        assert_int_equal(net.n_links, 3000);
        for (size_t k = 0; k < net.n_links; k++) {
            assert_int_equal(net.links[k].copy, round + 1);
            assert_true(net.links[k].median_lag_days == 1);
        }
        assert_int_equal(net.outlets[0].articles, 60 * (round + 1)); /* a wire */
        concord_outlets_network_free(&net);
    }
    concord_outlets_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_with_additions),
        cmocka_unit_test(test_self_credit_decides_direction),
        cmocka_unit_test(test_dates_decide_direction),
        cmocka_unit_test(test_rewrite),
        cmocka_unit_test(test_named_source),
        cmocka_unit_test(test_stage_direction),
        cmocka_unit_test(test_bulk),
        cmocka_unit_test(test_contained_exact),
        cmocka_unit_test(test_credits),
        cmocka_unit_test(test_broken_sentences),
        cmocka_unit_test(test_bad_input_identical_large),
        cmocka_unit_test(test_bad_input_repeated_sentence),
        cmocka_unit_test(test_empty_and_odd),
        cmocka_unit_test(test_other_scripts),
        cmocka_unit_test(test_print),
        cmocka_unit_test(test_outlets),
        cmocka_unit_test(test_outlets_unknown),
        cmocka_unit_test(test_outlets_many),
        cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
