/* Unit tests for stage 2, clean (src/clean/clean.c, data/clean_rules.txt): each
 * rule kind on small made-up strings, conservatism on real-looking paragraphs,
 * other scripts untouched, the invariant of clean.h on many inputs (random
 * bytes included), and the five seeds when ../shared/seeds exists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <pthread.h>
#include <cmocka.h>

#include "concord/article.h"
#include "concord/clean.h"

/* ---- helpers ----------------------------------------------------------------- */

/* Checks the invariant: removals sorted, non-overlapping, inside the raw text;
 * cleaned text == raw minus removals; concord_clean_to_raw maps every cleaned
 * byte to the same raw byte, with and without removed_before. */
static void S_check_invariant(const concord_article *a, const concord_clean *c)
{
    assert_non_null(c->text);
    assert_int_equal(strlen(c->text) <= c->len, 1);
    size_t prev_end = 0, kept = 0;
    char *rebuilt = malloc(a->text_len + 1);
    for (size_t i = 0; i <= c->n_removed; i++) {
        size_t start = i < c->n_removed ? c->removed[i].start : a->text_len;
        if (i < c->n_removed) {
            assert_true(c->removed[i].start >= prev_end);
            assert_true(c->removed[i].end > c->removed[i].start);
            assert_true(c->removed[i].end <= a->text_len);
            assert_non_null(c->removed[i].why);
        }
        memcpy(rebuilt + kept, a->text + prev_end, start - prev_end);
        kept += start - prev_end;
        if (i < c->n_removed)
            prev_end = c->removed[i].end;
    }
    assert_int_equal(kept, c->len);
    assert_memory_equal(rebuilt, c->text, kept);
    assert_int_equal(c->text[c->len], '\0');
    free(rebuilt);
    concord_clean copy = *c;
    copy.removed_before = NULL; /* the linear path, as for a result read from a store */
    for (size_t i = 0; i < c->len; i++) {
        size_t r = concord_clean_to_raw(c, i);
        assert_true(r < a->text_len);
        assert_int_equal(a->text[r], c->text[i]);
        assert_int_equal(concord_clean_to_raw(&copy, i), r);
    }
}

static concord_clean *S_clean(const char *title, const char *text, concord_article **out)
{
    concord_article *a = concord_article_new("t", "test", "", "", title, text, strlen(text));
    concord_clean *c = concord_clean_article(a);
    S_check_invariant(a, c);
    *out = a;
    return c;
}

static int S_has_why(const concord_clean *c, const char *why)
{
    for (size_t i = 0; i < c->n_removed; i++)
        if (!strcmp(c->removed[i].why, why))
            return 1;
    return 0;
}

/* Unicode spaces read as spaces: NBSP and friends become ' ' (for phrase checks). */
static char *S_spaces_plain(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n + 1), *p = o;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
            *p++ = ' ';
            i++;
        } else {
            *p++ = s[i];
        }
    }
    *p = '\0';
    return o;
}

static void S_assert_contains(const char *hay, const char *needle)
{
    char *plain = S_spaces_plain(hay);
    if (!strstr(plain, needle))
        fail_msg("expected to find \"%s\" in the cleaned text", needle);
    free(plain);
}

static void S_assert_lacks(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        fail_msg("\"%s\" should have been removed", needle);
}

static const char S_BODY[] =
    "City officials said on Tuesday that the bridge would reopen next month after repairs "
    "costing 4.2 million dollars, according to a statement from the transport department.\n\n"
    "The mayor told reporters that the work had taken longer than planned because of the "
    "weather, and that traffic would be diverted until the end of the month.\n\n";

/* ---- rules ------------------------------------------------------------------ */

static void test_rules_compile(void **state)
{
    (void)state;
    const char *err = concord_clean_rules_error();
    if (err)
        fail_msg("%s", err);
    assert_true(concord_clean_rule_count() > 30);
}

static void test_comment_section_cut(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof text, "%s12 Comments\n\nGreat reporting, thanks!\n\nNo it isn't.\n",
             S_BODY);
    concord_article *a;
    concord_clean *c = S_clean("Bridge", text, &a);
    S_assert_lacks(c->text, "Comments");
    S_assert_lacks(c->text, "Great reporting");
    S_assert_contains(c->text, "end of the month.");
    assert_true(S_has_why(c, "comments"));
    concord_clean_free(c);
    concord_article_free(a);

    snprintf(text, sizeof text, "%sDo you like this article?\n\nYes\n\nLeave a Comment\n", S_BODY);
    c = S_clean("Bridge", text, &a);
    S_assert_lacks(c->text, "like this article");
    S_assert_lacks(c->text, "Leave a Comment");
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_tail_needs_body_before(void **state)
{
    (void)state;
    /* a header at the very top never eats the article */
    char text[4096];
    snprintf(text, sizeof text, "Comments\n\n%s", S_BODY);
    concord_article *a;
    concord_clean *c = S_clean("Bridge", text, &a);
    S_assert_contains(c->text, "City officials said on Tuesday");
    S_assert_contains(c->text, "end of the month.");
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_prompts(void **state)
{
    (void)state;
    char text[8192];
    snprintf(text, sizeof text,
             "%s"
             "Stay informed with the latest headlines; sign up for our newsletter\n\n"
             "Share this story\n\n"
             "You may like: Follow us on Twitter and Facebook\n\n"
             "Advertisement\n\n"
             "Click here to download our free news app\n\n"
             "Police said the investigation was continuing.\n\n"
             "Copyright 2019 Fictional Broadcasting Co. All rights reserved.\n\n"
             "This article has been adapted from its original source.\n",
             S_BODY);
    concord_article *a;
    concord_clean *c = S_clean("Bridge", text, &a);
    S_assert_lacks(c->text, "newsletter");
    S_assert_lacks(c->text, "Share this story");
    S_assert_lacks(c->text, "Advertisement");
    S_assert_lacks(c->text, "Click here");
    S_assert_lacks(c->text, "Copyright");
    S_assert_lacks(c->text, "adapted from its original source");
    S_assert_contains(c->text, "Police said the investigation was continuing.");
    assert_true(S_has_why(c, "newsletter"));
    assert_true(S_has_why(c, "copyright"));
    assert_true(S_has_why(c, "attribution-footer"));
    assert_true(S_has_why(c, "advertisement"));
    /* no blank-line runs left at the joins */
    assert_null(strstr(c->text, "\n\n\n"));
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_conservative_paragraphs(void **state)
{
    (void)state;
    /* whole paragraphs of news that mention junk words stay */
    const char *text =
        "Comments by the police chief on Tuesday drew criticism from residents, who said they "
        "would share their concerns at the next council meeting and sign up to speak.\n\n"
        "The newsletter of the neighbourhood association, which has 300 members, reported that "
        "the copyright dispute over the mural had been settled out of court last year.\n\n"
        "Related charges were filed against two other men, prosecutors said on Friday.\n";
    concord_article *a;
    concord_clean *c = S_clean("Mural", text, &a);
    assert_int_equal(c->len, strlen(text) - 1); /* only the final newline goes */
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_captions_and_repeats(void **state)
{
    (void)state;
    char text[8192];
    snprintf(text, sizeof text,
             "Firefighters at the scene on Monday. [Example Fire Service]\n\n"
             "Firefighters at the scene on Monday. [Example Fire Service]\n\n"
             "%s"
             "A resident walks past the damaged shop on Tuesday. (Photo by Jane Roe / AFP)\n\n"
             "The fire broke out shortly after midnight, officials said, and was under control "
             "by dawn.\n\n"
             "The fire broke out shortly after midnight, officials said, and was under control "
             "by dawn.\n",
             S_BODY);
    concord_article *a;
    concord_clean *c = S_clean("Fire", text, &a);
    S_assert_lacks(c->text, "Example Fire Service");
    S_assert_lacks(c->text, "Photo by");
    assert_true(S_has_why(c, "caption"));
    assert_true(S_has_why(c, "repeated"));
    const char *first = strstr(c->text, "The fire broke out");
    assert_non_null(first);
    assert_null(strstr(first + 1, "The fire broke out")); /* first kept, repeat gone */
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_widget(void **state)
{
    (void)state;
    const char *text =
        "Mayor Jane DoeJane Q. DoeCity council approves budget in late vote Another headline "
        "about taxes MORE said on Tuesday that the budget was balanced.\n\n"
        "Council member John SmithJohn SmithLocal school wins award Parks plan stalls MORE "
        "disagreed.\n";
    concord_article *a;
    concord_clean *c = S_clean("Budget", text, &a);
    S_assert_contains(c->text, "Mayor Jane Doe said on Tuesday that the budget was balanced.");
    S_assert_contains(c->text, "Council member John Smith disagreed.");
    assert_true(S_has_why(c, "widget"));
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_metadata(void **state)
{
    (void)state;
    concord_article *a;
    concord_clean *c = S_clean(
        "Bridge reopens",
        "Bridge reopens\n\nPublished March 3rd, 2021 - 10:00 GMT\n\nBy Jane Roe and John Smith\n\n"
        "SPRINGFIELD (AP) \xe2\x80\x94 City officials said on Tuesday that the bridge would reopen "
        "next month after repairs, according to a statement.\n\nMore text follows here.\n",
        &a);
    assert_string_equal(c->date, "2021-03-03");
    assert_string_equal(c->byline, "Jane Roe and John Smith");
    assert_string_equal(c->dateline, "SPRINGFIELD");
    assert_true(S_has_why(c, "title"));
    assert_true(strncmp(c->text, "City officials said on Tuesday", 30) == 0);
    concord_clean_free(c);
    concord_article_free(a);

    c = S_clean("X", "(ExampleNews.com)- Officials said the vote would be held on Monday.\n", &a);
    assert_string_equal(c->outlet, "ExampleNews.com");
    assert_string_equal(c->text, "Officials said the vote would be held on Monday.");
    concord_clean_free(c);
    concord_article_free(a);

    c = S_clean("X", "ALMATY -- Protests continued on Monday in the city centre, witnesses said.\n",
                &a);
    assert_string_equal(c->dateline, "ALMATY");
    assert_string_equal(c->text,
                        "Protests continued on Monday in the city centre, witnesses said.");
    concord_clean_free(c);
    concord_article_free(a);

    c = S_clean("X", "Updated at 4:45 p.m. ET: Officials said four people were hurt.\n", &a);
    assert_string_equal(c->text, "Officials said four people were hurt.");
    concord_clean_free(c);
    concord_article_free(a);

    /* an all-caps word that is not a place is no dateline */
    c = S_clean("X", "UPDATE - Officials said four people were hurt in the crash on Monday.\n", &a);
    assert_string_equal(c->dateline, "");
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_whitespace(void **state)
{
    (void)state;
    concord_article *a;
    concord_clean *c =
        S_clean("X", "\n\n  First paragraph.\n\n\n\n\nSecond\xc2\xa0 paragraph.  \n\n", &a);
    assert_string_equal(c->text, "First paragraph.\n\nSecond paragraph.");
    assert_true(S_has_why(c, "whitespace"));
    concord_clean_free(c);
    concord_article_free(a);

    c = S_clean("X", "", &a);
    assert_string_equal(c->text, "");
    assert_int_equal(c->n_removed, 0);
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_other_scripts_untouched(void **state)
{
    (void)state;
    const char *text =
        "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90, 10 "
        "\xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80"
        "\xd1\x8f. \xd0\x9f\xd1\x80\xd0\xb5\xd0\xb7\xd0\xb8\xd0\xb4\xd0\xb5\xd0\xbd\xd1\x82 "
        "\xd0\xb7\xd0\xb0\xd1\x8f\xd0\xb2\xd0\xb8\xd0\xbb, \xd1\x87\xd1\x82\xd0\xbe 2030 "
        "\xd0\xb2\xd0\xbe\xd0\xb5\xd0\xbd\xd0\xbd\xd1\x8b\xd1\x85 \xd0\xbe\xd1\x81\xd1\x82\xd0\xb0"
        "\xd0\xbd\xd1\x83\xd1\x82\xd1\x81\xd1\x8f.\n\n"
        "\xe3\x80\x80\xe5\x8c\x97\xe4\xba\xac\xe6\x97\xb6\xe9\x97\xb4\x31\xe6\x9c\x88\x31\x30\xe6"
        "\x97\xa5\xef\xbc\x8c\xe4\xbf\x84\xe7\xbd\x97\xe6\x96\xaf\xe6\x80\xbb\xe7\xbb\x9f\xe8\xa1"
        "\xa8\xe7\xa4\xba\xe2\x80\xa6\xe2\x80\xa6\n\n"
        "\xce\x97 \xce\xb1\xcf\x83\xcf\x84\xcf\x85\xce\xbd\xce\xbf\xce\xbc\xce\xaf\xce\xb1 "
        "\xce\xb1\xce\xbd\xce\xb1\xce\xba\xce\xbf\xce\xaf\xce\xbd\xcf\x89\xcf\x83\xce\xb5.";
    concord_article *a;
    concord_clean *c = S_clean("X", text, &a);
    assert_int_equal(c->n_removed, 0);
    assert_string_equal(c->text, text);
    concord_clean_free(c);
    concord_article_free(a);
}

/* ---- invariant on many inputs -------------------------------------------------- */

static uint64_t S_rng = 0x9E3779B97F4A7C15ULL;
static uint32_t S_rand(void)
{
    S_rng ^= S_rng << 13;
    S_rng ^= S_rng >> 7;
    S_rng ^= S_rng << 17;
    return (uint32_t)(S_rng >> 11);
}

static void test_invariant_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {"Comments",
                                         "6 Comment(s)",
                                         "Advertisement",
                                         "\xc2\xa0",
                                         "\n",
                                         "\n\n\n",
                                         " ",
                                         "  ",
                                         "By Jane Roe",
                                         "MOSCOW \xe2\x80\x93 ",
                                         "(Example.com)- ",
                                         "Copyright 2020 X.",
                                         "\xc2\xa9 2016 Y.",
                                         "Share",
                                         "Jane DoeJane DoeHeadline MORE ",
                                         "MORE",
                                         "[Agency]",
                                         "(Photo by A / AFP)",
                                         "Police said 5,800 people were detained.",
                                         "\xe2\x80\x94",
                                         "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
                                         "\xe5\x8c\x97\xe4\xba\xac",
                                         "\t",
                                         "\xff",
                                         "\xc3",
                                         "\xe2\x80",
                                         "\0",
                                         "\r\n",
                                         "You may also like",
                                         "Published Jan 2, 2020",
                                         "Updated at 4:45 p.m. ET: "};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    char buf[4096];
    for (int round = 0; round < 3000; round++) {
        size_t len = 0;
        size_t parts = S_rand() % 40;
        for (size_t p = 0; p < parts && len < sizeof buf - 64; p++) {
            if (S_rand() % 4 == 0) { /* raw random bytes */
                size_t k = S_rand() % 12;
                for (size_t i = 0; i < k; i++)
                    buf[len++] = (char)(S_rand() & 0xFF);
            } else {
                const char *s = pieces[S_rand() % n_pieces];
                size_t k = s[0] ? strlen(s) : 1; /* "\0" is one NUL byte */
                memcpy(buf + len, s, k);
                len += k;
            }
        }
        concord_article *a = concord_article_new("r", "s", "", "", "Share", buf, len);
        concord_clean *c = concord_clean_article(a);
        S_check_invariant(a, c);
        concord_clean_free(c);
        concord_article_free(a);
    }
}

/* ---- threads ----------------------------------------------------------------- */

static const char *const S_thread_texts[] = {
    "MOSCOW \xe2\x80\x93 Officials said on Monday that 5,800 people were detained.\n\n"
    "Advertisement\n\nMore text here, and a longer paragraph that goes on for a while so "
    "that the comment header below comes after enough of the article.\n\n"
    "Mayor Jane DoeJane DoeHeadline one Headline two MORE said so.\n\n3 Comments\n\nNo.\n",
    "By Jane Roe\n\nPublished January 12th, 2022 - 09:51 GMT\n\nText.\n\nText.\n",
    "(Example.com)- Something happened. (Photo by A / AFP)\n\nShare\n\nEnd.",
};

typedef struct {
    int ok;
} S_thread_result;

static void *S_thread_main(void *arg)
{
    S_thread_result *res = arg;
    res->ok = 1;
    const size_t n = sizeof S_thread_texts / sizeof S_thread_texts[0];
    concord_article *a[3];
    char *want[3];
    for (size_t i = 0; i < n; i++) {
        a[i] = concord_article_new("t", "s", "", "", "T", S_thread_texts[i],
                                   strlen(S_thread_texts[i]));
        concord_clean *c = concord_clean_article(a[i]);
        want[i] = strdup(c->text);
        concord_clean_free(c);
    }
    for (int round = 0; round < 300; round++)
        for (size_t i = 0; i < n; i++) {
            concord_clean *c = concord_clean_article(a[i]);
            if (strcmp(c->text, want[i]) != 0)
                res->ok = 0;
            concord_clean_free(c);
        }
    for (size_t i = 0; i < n; i++) {
        free(want[i]);
        concord_article_free(a[i]);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    S_thread_result res[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, S_thread_main, &res[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_true(res[i].ok);
    }
}

/* ---- the seeds --------------------------------------------------------------- */

static char S_seed_dir[4096];

static concord_article *S_seed(const char *prefix)
{
    /* the seed files are NNN_<hash>.txt: find the one with this number */
    DIR *d = opendir(S_seed_dir);
    if (!d)
        return NULL;
    char path[8192] = "";
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (!strncmp(e->d_name, prefix, strlen(prefix)) && strstr(e->d_name, ".txt"))
            snprintf(path, sizeof path, "%s/%s", S_seed_dir, e->d_name);
    closedir(d);
    FILE *f = path[0] ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    static char data[1 << 20];
    size_t n = fread(data, 1, sizeof data - 1, f);
    fclose(f);
    data[n] = '\0';
    /* as the .txt reader does: first non-empty line = title, the rest = text */
    char *p = data;
    while (*p == '\n' || *p == '\r' || *p == ' ')
        p++;
    char *nl = strchr(p, '\n');
    char *text = nl ? nl + 1 : p + strlen(p);
    if (nl)
        *nl = '\0';
    return concord_article_new(NULL, "seed", "", "", p, text, strlen(text));
}

static int S_seeds_setup(void **state)
{
    (void)state;
    const char *src = getenv("CONCORD_SOURCE_DIR");
    snprintf(S_seed_dir, sizeof S_seed_dir, "%s/../shared/seeds", src ? src : ".");
    return 0;
}

static concord_clean *S_clean_seed(const char *num, concord_article **out)
{
    concord_article *a = S_seed(num);
    if (!a) {
        *out = NULL;
        return NULL;
    }
    concord_clean *c = concord_clean_article(a);
    S_check_invariant(a, c);
    *out = a;
    return c;
}

#define SEED_OR_SKIP(num, a, c)                                                                    \
    concord_article *a;                                                                            \
    concord_clean *c = S_clean_seed(num, &a);                                                      \
    if (!c) {                                                                                      \
        print_message("seeds not found under %s: skipped\n", S_seed_dir);                          \
        skip();                                                                                    \
    }

static void test_seed_000(void **state)
{
    (void)state;
    SEED_OR_SKIP("000_", a, c);
    assert_string_equal(c->outlet, "FiveNation.com");
    assert_true(strncmp(c->text, "During a meeting of the Collective Security", 40) == 0);
    S_assert_contains(c->text, "As many as 5,800 people have been detained");
    S_assert_contains(c->text, "eight police officers and national guard members were killed");
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_seed_001(void **state)
{
    (void)state;
    SEED_OR_SKIP("001_", a, c);
    assert_string_equal(c->dateline, "MOSCOW");
    S_assert_lacks(c->text, "Leave a Comment");
    assert_true(strncmp(c->text, "Russian President Vladimir V. Putin said on Monday", 40) == 0);
    S_assert_contains(c->text, "At least 5,800 people have been arrested");
    S_assert_contains(c->text, "estimates the number of injured at 1,300.");
    S_assert_contains(c->text, "the Abkhazia region of Georgia remain there.");
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_seed_002(void **state)
{
    (void)state;
    SEED_OR_SKIP("002_", a, c);
    S_assert_contains(c->text, "Russian President Vladimir Putin declared Monday");
    S_assert_contains(c->text, "Secretary of State Antony Blinken said on Saturday");
    S_assert_lacks(c->text, "Vladimirovich");
    S_assert_lacks(c->text, "MORE");
    S_assert_contains(c->text, "included 2,030 troops and 250 pieces of military hardware");
    S_assert_contains(c->text, "around 5,800 people");
    S_assert_contains(c->text, "\"typically offensive,\"");
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_seed_003(void **state)
{
    (void)state;
    SEED_OR_SKIP("003_", a, c);
    assert_string_equal(c->date, "2022-01-12");
    S_assert_lacks(c->text, "Copyright");
    S_assert_lacks(c->text, "adapted from its original source");
    S_assert_lacks(c->text, "You may also like");
    S_assert_lacks(c->text, "Sign up");
    S_assert_lacks(c->text, "(Photo by");
    S_assert_lacks(c->text, "Published January");
    S_assert_contains(c->text, "the 2,500 Russian-led soldiers");
    S_assert_contains(c->text, "would take \xe2\x80\x9cno more than 10 days.\xe2\x80\x9d");
    S_assert_contains(c->text, "which Russia has blamed on the West.");
    concord_clean_free(c);
    concord_article_free(a);
}

static void test_seed_004(void **state)
{
    (void)state;
    SEED_OR_SKIP("004_", a, c);
    assert_string_equal(c->byline, "Caravanserai and AFP");
    assert_string_equal(c->dateline, "ALMATY");
    S_assert_lacks(c->text, "Do you like this article?");
    S_assert_lacks(c->text, "Comment");
    S_assert_lacks(c->text, "mosquitoes");
    const char *cap = "Russian troops are seen at Almaty airport";
    const char *first = strstr(c->text, cap);
    assert_true(!first || !strstr(first + 1, cap)); /* at most once */
    assert_true(strncmp(c->text, "Russia continues to build up", 28) == 0);
    S_assert_contains(c->text, "almost 8,000 people had been detained");
    S_assert_contains(c->text, "dispatched 2,030 troops and 250 pieces of hardware");
    S_assert_contains(c->text, "\"We hope that the government of Kazakhstan will soon be able to "
                               "address problems which are fundamentally economic and political "
                               "in nature,\" Price said, calling the United States a \"partner\" "
                               "of the Central Asian nation.");
    concord_clean_free(c);
    concord_article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_compile),
        cmocka_unit_test(test_comment_section_cut),
        cmocka_unit_test(test_tail_needs_body_before),
        cmocka_unit_test(test_prompts),
        cmocka_unit_test(test_conservative_paragraphs),
        cmocka_unit_test(test_captions_and_repeats),
        cmocka_unit_test(test_widget),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_whitespace),
        cmocka_unit_test(test_other_scripts_untouched),
        cmocka_unit_test(test_invariant_random),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_seed_000),
        cmocka_unit_test(test_seed_001),
        cmocka_unit_test(test_seed_002),
        cmocka_unit_test(test_seed_003),
        cmocka_unit_test(test_seed_004),
    };
    return cmocka_run_group_tests(tests, S_seeds_setup, NULL);
}
