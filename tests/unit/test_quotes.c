/* Unit tests for the quotes explain module (quotes_extract.c, quotes_group.c):
 * quote marks, speakers, bad input, similarity, grouping, JSON, printing,
 * cross-story links, and the seeds (skipped when /work/shared/seeds or
 * $CONCORD_SOURCE_DIR/../shared/seeds is absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "concord.h"

/* The mention whose text contains needle, or NULL. */
static const concord_quote_mention *S_find(const concord_quote_list *l, const char *needle)
{
    for (size_t i = 0; i < l->n; i++)
        if (strstr(l->items[i].text, needle))
            return &l->items[i];
    return NULL;
}

/* The quote holding `needle`, which must be there with `speaker`. */
static const concord_quote_mention *S_said(const concord_quote_list *l, const char *needle,
                                           const char *speaker)
{
    const concord_quote_mention *m = S_find(l, needle);
    if (!m)
        fail_msg("no quote holds \"%s\"", needle);
    if (strcmp(m->speaker, speaker) != 0)
        fail_msg("\"%s\": speaker \"%s\", expected \"%s\"", needle, m->speaker, speaker);
    return m;
}

static concord_quote_list *S_extract(const char *s)
{
    return concord_quotes_extract(s, strlen(s));
}

static void test_marks(void **state)
{
    (void)state;
    const char *s = "\xE2\x80\x9CWe will win this fight together,\xE2\x80\x9D Smith said.\n\n"
                    "\"Straight quotes work the same way here,\" Jones said.\n\n"
                    "Le ministre a d\xC3\xA9"
                    "clar\xC3\xA9 : \xC2\xAB Nous ne c\xC3\xA9"
                    "derons jamais rien \xC2\xBB.\n\n"
                    "Er sagte: \xE2\x80\x9E"
                    "Wir schaffen das ganz sicher\xE2\x80\x9C und ging.\n";
    concord_quote_list *l = S_extract(s);
    assert_int_equal(l->n, 4);
    const concord_quote_mention *m = S_find(l, "We will win");
    assert_non_null(m);
    assert_string_equal(m->text, "We will win this fight together,");
    assert_int_equal(m->kind, CONCORD_QUOTE_FULL);
    assert_int_equal(strncmp(s + m->start, "We will", 7), 0);
    assert_int_equal(m->end - m->start, strlen("We will win this fight together,"));
    assert_string_equal(m->speaker, "Smith");
    assert_non_null(S_find(l, "Straight quotes"));
    assert_non_null(S_find(l, "Nous ne c"));
    assert_non_null(S_find(l, "Wir schaffen das"));
    concord_quote_list_free(l);
}

static void test_nested_paragraphs_interrupted(void **state)
{
    (void)state;
    const char *s =
        "\xE2\x80\x9CHe told me \xE2\x80\x98never again\xE2\x80\x99 and left the room,\xE2\x80\x9D "
        "Brown said.\n\n"
        "The mayor said: \xE2\x80\x9CThe first paragraph of a long statement goes here.\n\n"
        "\xE2\x80\x9C"
        "And the second paragraph of it follows here.\xE2\x80\x9D\n\n"
        "\xE2\x80\x9CWe will not allow it,\xE2\x80\x9D Putin said, \xE2\x80\x9C"
        "and we never will.\xE2\x80\x9D\n";
    concord_quote_list *l = S_extract(s);
    assert_int_equal(l->n, 3);
    const concord_quote_mention *m = S_find(l, "never again");
    assert_non_null(m);
    assert_non_null(strstr(m->text, "and left the room"));
    m = S_find(l, "first paragraph");
    assert_non_null(m);
    assert_non_null(strstr(m->text, "second paragraph"));
    assert_null(strstr(m->text, "\xE2\x80\x9C")); /* continuation mark removed */
    m = S_find(l, "We will not allow it");
    assert_non_null(m);
    assert_string_equal(m->text, "We will not allow it, and we never will.");
    assert_string_equal(m->speaker, "Putin");
    assert_true(m->part2 > m->part_end);
    concord_quote_list_free(l);
}

static void test_phrases_and_bad_marks(void **state)
{
    (void)state;
    const char *s =
        "Russia sent \xE2\x80\x9Cpeacekeepers\xE2\x80\x9D to the country.\n\n"
        "The player is 6'2\" tall and weighs 200 pounds, with a 12\" reach.\n\n"
        "It's the Russians' house and O'Brien's car, don't worry.\n\n"
        "An unbalanced \xE2\x80\x9Cmark runs to the end of this paragraph and stops.\n\n"
        "\xE2\x80\x9CThis quote is closed properly at last,\xE2\x80\x9D she said.\n";
    concord_quote_list *l = S_extract(s);
    assert_int_equal(l->n, 2);
    const concord_quote_mention *m = S_find(l, "peacekeepers");
    assert_non_null(m);
    assert_int_equal(m->kind, CONCORD_QUOTE_PHRASE);
    m = S_find(l, "closed properly");
    assert_non_null(m);
    assert_null(strstr(m->text, "unbalanced"));
    concord_quote_list_free(l);
}

static void test_huge_and_garbage(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *s = malloc(n + 16);
    memcpy(s, "\xE2\x80\x9C", 3);
    for (size_t i = 3; i < n; i++)
        s[i] = (i % 7) ? 'a' : ' ';
    memcpy(s + n, "\xE2\x80\x9D said X.", 12);
    concord_quote_list *l = concord_quotes_extract(s, n + 12);
    assert_int_equal(l->n, 0); /* longer than CONCORD_QUOTE_MAX_BYTES: not a quote */
    concord_quote_list_free(l);
    /* every byte a quote mark, and random bytes: bounded, no crash */
    for (size_t i = 0; i < n; i++)
        s[i] = "\"'\n x"[i % 5];
    l = concord_quotes_extract(s, n);
    concord_quote_list_free(l);
    uint32_t r = 12345;
    for (size_t i = 0; i < n; i++) {
        r = r * 1103515245u + 12345u;
        s[i] = (char)(r >> 24);
    }
    l = concord_quotes_extract(s, n);
    concord_quote_list_free(l);
    l = concord_quotes_extract("", 0);
    assert_int_equal(l->n, 0);
    concord_quote_list_free(l);
    free(s);
}

static void test_speakers(void **state)
{
    (void)state;
    const char *s =
        "Russian President Vladimir Putin spoke on Monday.\n\n"
        "\xE2\x80\x9CThe alliance acted quickly and decisively,\xE2\x80\x9D said Mr. Putin.\n\n"
        "\xE2\x80\x9CWe see no reason to stay any longer,\xE2\x80\x9D US Secretary of State "
        "Antony Blinken told reporters.\n\n"
        "\xE2\x80\x9CThe order has been restored everywhere,\xE2\x80\x9D he added.\n\n"
        "At least 20 people were detained, according to the Interior Ministry, which said "
        "\xE2\x80\x9Cthe situation is under full control now.\xE2\x80\x9D\n\n"
        "Police Chief Anna Kowalski said: \xE2\x80\x9CWe are investigating every single "
        "lead.\xE2\x80\x9D\n\n"
        "\xE2\x80\x9CThe shots came from the parking lot,\xE2\x80\x9D according to witnesses.\n\n"
        "\xE2\x80\x9CThe shooting lasted for several long minutes,\xE2\x80\x9D she said.\n\n"
        "The building has been closed since then.\n\n"
        "\xE2\x80\x9CNobody knows what happened in that building.\xE2\x80\x9D\n";
    concord_quote_list *l = S_extract(s);
    const concord_quote_mention *m =
        S_said(l, "acted quickly", "Vladimir Putin"); /* Mr. Putin -> full name seen */
    m = S_said(l, "no reason to stay", "Antony Blinken");
    m = S_said(l, "order has been restored", "Antony Blinken"); /* he -> nearest named speaker */
    m = S_said(l, "under full control", "Interior Ministry");
    assert_int_equal(m->speaker_kind, CONCORD_SPEAKER_ORG);
    m = S_said(l, "every single lead", "Anna Kowalski");
    m = S_said(l, "parking lot", "witnesses");
    assert_int_equal(m->speaker_kind, CONCORD_SPEAKER_GROUP);
    m = S_find(l, "several long minutes");
    assert_non_null(m);
    assert_string_equal(m->speaker,
                        "Anna Kowalski"); /* she: the nearest named speaker, not Mr. Putin */
    m = S_said(l, "Nobody knows", "unknown");
    concord_quote_list_free(l);
}

/* Speakers PolNeAR taught (issue 16): brackets, relative clauses, long
 * appositives, described subjects, colons, inverted cues. */
static void test_speakers_harder(void **state)
{
    (void)state;
    const char *s =
        "\"He would be a great senator,\" Rep. Elijah E. Cummings (D-Md.) said in an interview.\n\n"
        "Swanson praised evangelist Franklin Graham, who has publicly vowed to boycott the "
        "cookies over their \xE2\x80\x9Csupport of transgender rights.\xE2\x80\x9D\n\n"
        "\xE2\x80\x9CIt is an invasion,\xE2\x80\x9D Scott Pruitt, the Republican attorney "
        "general of Oklahoma, one of the states suing the agency, said at an event.\n\n"
        "\xE2\x80\x9CNobody cares about your own money,\xE2\x80\x9D the RNC member said.\n\n"
        "The timing does not surprise Republican pollster Daron Shaw: \xE2\x80\x9CLesser-known "
        "candidates gain.\xE2\x80\x9D\n\n"
        "Because of the calendar, explained Lena Rosenberg, \xE2\x80\x9Cthe race is over by "
        "March.\xE2\x80\x9D\n\n"
        "The ad claims \xE2\x80\x9CJeb is the conservative you can trust.\xE2\x80\x9D\n";
    concord_quote_list *l = S_extract(s);
    const concord_quote_mention *m = S_said(l, "great senator", "Elijah E. Cummings");
    m = S_said(l, "support of transgender",
               "Franklin Graham"); /* not the sentence subject Swanson */
    assert_non_null(strstr(m->speaker_text, "who"));
    m = S_said(l, "is an invasion", "Scott Pruitt");
    m = S_said(l, "Nobody cares", "unknown"); /* a description, kept as the text */
    assert_string_equal(m->speaker_text, "the RNC member");
    m = S_said(l, "Lesser-known", "Daron Shaw");
    m = S_said(l, "over by", "Lena Rosenberg");
    m = S_find(l, "Jeb is");
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "The ad");
    concord_quote_list_free(l);
}

/* Speakers resolved like a reader would (issue 16 item 1): the speaker
 * named in the sentence before, a sentence's closing attribution, "X said
 * he ...", "according to" a described source, participle subjects. */
static void test_speakers_reader(void **state)
{
    (void)state;
    const char *s =
        "Attorney General Loretta Lynch announced on Monday a lawsuit against the state. "
        "\"We are seeking a court order against the restriction.\" Officials declined to "
        "comment.\n\n"
        "The crowd booed. \"Nobody here wanted any of this to happen.\"\n\n"
        "The agency found no \"ties of any consequence\" between the men, who knew each other "
        "\"casually\" from the mosque, said the bureau's director, James Comey, on Monday.\n\n"
        "Senator Mary Cross said she is left with two options and called the race "
        "\"the most divisive contest in the past 25 years.\"\n\n"
        "According to a 2013 study by two economists, the recession is partly to blame, but so "
        "is this \"major change in trade policy.\"\n\n"
        "Republicans were irritated by the plan, with Sen. John McCain calling it a \"Chinese "
        "menu.\"\n\n"
        "Speaking in Salem, Donald Trump went after Jeb Bush, calling him \"a total stiff.\"\n\n"
        "Asked about the aide, Senator Dianne Feinstein said \"I don't know anything about the "
        "emails,\" she said.\n\n"
        "Clinton, during a town hall meeting in Columbus, Ohio, said she was \"going to put a lot "
        "of coal companies out of business.\"\n";
    concord_quote_list *l = S_extract(s);
    const concord_quote_mention *m = S_said(l, "seeking a court order", "Loretta Lynch");
    assert_int_equal(m->speaker_from, 7);
    m = S_said(l, "Nobody here wanted", "unknown"); /* "The crowd booed." names no speaker */
    m = S_said(l, "ties of any consequence", "James Comey");
    m = S_said(l, "most divisive", "Mary Cross");
    assert_string_equal(m->speaker_text, "Senator Mary Cross");
    m = S_said(l, "major change", "unknown"); /* a study: described, not named */
    assert_non_null(strstr(m->speaker_text, "study"));
    m = S_said(l, "Chinese", "John McCain");
    m = S_said(l, "total stiff", "Donald Trump");
    m = S_said(l, "anything about the", "Dianne Feinstein");
    assert_string_equal(m->speaker_text, "Senator Dianne Feinstein"); /* not "she" */
    m = S_find(l, "coal companies");
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "Clinton"); /* not the place "Ohio" */
    concord_quote_list_free(l);
}

/* Rules of the fourth speaker pass (doc/quotes-lineage.md). */
static void test_speakers_pass4(void **state)
{
    (void)state;
    const char *s =
        "Governor Ana Kovac took to the radio overnight to urge voters to look at what she "
        "called the council's \"secret budget.\"\n\n"
        "The mayor's campaign is contrasting his record with what they call the council's "
        "\"reckless spending.\"\n\n"
        "Mayor Tom Hyers said he backs the accreditation bodies, which he called \"a "
        "safeguard for students.\"\n\n"
        "Councillor Ruth Baker likes \"The Long Night,\" while Councillor Dan Okafor loves "
        "\"Harbour Lights.\"\n\n"
        "\"Europe must defend itself,\" President Fran\xc3\x83\xc2\x83\xc3\x82\xc2\xa7ois Lemaire "
        "said.\n\n"
        "\"We will appeal,\" Jose\xcc\x81 Marti\xcc\x81nez said.\n\n"
        "\xe2\x80\x9cIt is unusual,\xe2\x80\x9c said Larry Noble, a lawyer. \xe2\x80\x9cVery "
        "unusual.\xe2\x80\x9d\n\n"
        "\"They want to know why they should vote for the name of 'Clinton,' \" said Bree "
        "Maxwell, a volunteer.\n\n"
        "\"Thanks for welcoming these families,\" said master of ceremonies Asab Tabchi, an "
        "engineer.\n\n"
        "\"I'm just not ready to do that,\" Mayor Ana Kovac said on the radio, though she said, "
        "\"I hope to.\"\n\n"
        "\xe2\x80\x9cHe is taller than me, he is like 6\xe2\x80\x99"
        "2\xe2\x80\x9d,\xe2\x80\x9d "
        "spokesman Jamal Ware said.\n\n"
        "The retired surgeon addressed his critics in another interview, remarking he did not "
        "feel \"this is a difficult investigation.\"\n\n"
        "In a statement, the union accuses Mayor Tom Hyers of \"breaking every promise.\"\n\n"
        "Kovac and Hyers are accused of \"ignoring the rules,\" the auditor wrote.\n\n"
        "Pollsters agree - Carl Bialik: \"Keep on contacting voters as late as possible.\"\n\n"
        "TURNOUT IN OTHER STATES - Michael P. McDonald: \xc2\xa0\"At long last the contests have "
        "started.\"\n\n"
        "\"We will not be defined by this act of terror\" \xe2\x80\x94 Mayor Ruth Baker\n\n"
        "Chief Okafor: \"Make no mistake, this officer was ambushed.\"\n\n"
        "Dispatcher: \"Do you know where the bullet went?\"\n\n"
        "At a town hall, Ruth Baker faulted Okafor, the councillor from the harbour ward, for "
        "being \"politically correct.\"\n\n"
        "Jim Ready, Manager of the city's Regulated Industries said, \"the party stops at 3 "
        "o'clock.\"\n";
    concord_quote_list *l = S_extract(s);
    const concord_quote_mention *m = S_said(l, "secret budget", "Ana Kovac");
    assert_string_equal(m->speaker_text, "Governor Ana Kovac"); /* not "she" */
    m = S_find(l, "reckless spending");
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "The mayor's campaign"); /* not "they" */
    m = S_said(l, "safeguard for students", "Tom Hyers");
    assert_string_equal(m->speaker_text, "he");    /* "which he called": the pronoun stays */
    m = S_said(l, "Harbour Lights", "Dan Okafor"); /* the clause after "while" */
    m = S_said(l, "Long Night", "Ruth Baker");
    m = S_find(l, "defend itself"); /* a mojibake name is one name */
    assert_non_null(m);
    assert_non_null(strstr(m->speaker, "Lemaire"));
    assert_int_equal(strncmp(m->speaker, "Fran", 4), 0);
    m = S_said(l, "We will appeal", "Jose\xcc\x81 Marti\xcc\x81nez"); /* combining accents */
    m = S_said(l, "It is unusual", "Larry Noble"); /* “...,“ typed for “...,” */
    assert_null(strstr(m->text, "said"));
    m = S_said(l, "vote for the name", "Bree Maxwell"); /* closed after the nested 'Clinton,' */
    m = S_said(l, "welcoming these families", "Asab Tabchi");
    assert_string_equal(m->speaker_text, "master of ceremonies Asab Tabchi");
    m = S_said(l, "I hope to", "Ana Kovac"); /* two cues between: two quotes */
    assert_string_equal(m->speaker_text, "she");
    assert_null(strstr(m->text, "not ready"));
    m = S_said(l, "taller than me", "Jamal Ware"); /* a stray closing mark after the comma */
    m = S_find(l, "difficult investigation");      /* the description stops before its verb */
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "The retired surgeon");
    m = S_find(l, "breaking every promise"); /* "accuses": the union, not the mayor */
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "the union");
    m = S_find(l, "ignoring the rules"); /* passive: the accused do not speak */
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "the auditor");
    m = S_said(l, "contacting voters", "Carl Bialik");    /* the name before the colon */
    m = S_said(l, "At long last", "Michael P. McDonald"); /* a no-break space after the colon */
    m = S_said(l, "act of terror", "Ruth Baker");         /* a dash signature */
    m = S_said(l, "Make no mistake", "Dan Okafor");       /* "Chief Okafor:" */
    m = S_find(l, "bullet went");                         /* a transcript's speaker */
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "Dispatcher");
    m = S_said(l, "politically correct", "Ruth Baker"); /* not the appositive "the councillor" */
    m = S_said(l, "party stops", "Jim Ready");          /* the holder of the title before "said" */
    concord_quote_list_free(l);
    /* "she": not the man quoted just before */
    l = S_extract("Judge Lena Marsh said, \"We will rebuild.\" Mr. Otto Brandt said, \"The "
                  "budget is short.\" \"We will find the money,\" she said.\n");
    m = S_said(l, "find the money", "Lena Marsh");
    concord_quote_list_free(l);
}

static void test_speakers_pass5(void **state)
{
    (void)state;
    const char *s =
        "Like Baker, Councillor Dan Okafor also rejected the plan, arguing that it is "
        "\"unfair to renters.\"\n\n"
        "Twelve years ago, a Herald article hailed the mayor as \"the builder.\"\n\n"
        "LORVIK, March 3 (MPA) \xe2\x80\x94 The harbour authority released a statement on "
        "Monday, offering \"a full apology\" to residents.\n\n"
        "The union fanned the row over her remark that \"rents must rise.\"\n\n"
        "Councillor Ruth Baker later defended her comments as \"plain arithmetic.\"\n\n"
        "\"He is a menace. He's a menace,\" Mayor Tom Hyers said at a rally, adding that he "
        "thought the judge was \"biased.\"\n\n"
        "\"Tell her I said hello,\" Ana Kovac said, and Ben Kovac wearily replied, "
        "\"Not today.\"\n\n"
        "That is because, as Kovac puts it, \"the numbers do not lie.\"\n\n"
        "But Sen. Paul Dunmore (R-Lor.) refused to comment, responding that he is \"not going "
        "into that.\"\n\n"
        "Yet Okafor still insisted that the vote was \"binding.\"\n\n"
        "Hyers told reporters: \"I'm staying.\" He added: \"We will win the ward.\"\n";
    concord_quote_list *l = S_extract(s);
    const concord_quote_mention *m = S_said(l, "unfair to renters", "Dan Okafor");
    m = S_find(l, "the builder"); /* "Twelve years ago," is no subject */
    assert_non_null(m);
    assert_int_equal(strncmp(m->speaker_text, "a Herald", 8), 0); /* (the description stops
                                                                    * at its capitalised word) */
    m = S_find(l, "a full apology");                              /* after the dateline */
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "The harbour authority");
    m = S_find(l, "rents must rise"); /* the possessor of "remark" */
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "her");
    m = S_said(l, "plain arithmetic", "Ruth Baker"); /* after a verb: the subject's */
    assert_string_equal(m->speaker_text, "Councillor Ruth Baker");
    m = S_said(l, "biased", "Tom Hyers");    /* not the "He's" inside the first quote */
    m = S_said(l, "Not today", "Ben Kovac"); /* an -ly adverb before the verb */
    m = S_said(l, "numbers do not lie", "Ana Kovac");
    assert_string_equal(m->speaker_text, "Kovac");
    m = S_said(l, "not going into that", "Paul Dunmore");
    m = S_said(l, "binding", "Dan Okafor");     /* "Yet" is no part of the name */
    m = S_said(l, "win the ward", "Tom Hyers"); /* he: the speaker named by "told" */
    assert_string_equal(m->speaker_text, "He");
    concord_quote_list_free(l);
}

/* Speaker pass 6 (branch spk6): each case gives another answer with main's
 * build (the dateline case guards the month rule against joining it). */
static void test_speakers_pass6(void **state)
{
    (void)state;
    const char *s =
        "Mayor Tom Hyers declared victory and said that his campaign would continue \"to build "
        "homes\" across the city.\n\n"
        "In granting the union a hearing in February, a federal judge determined that the "
        "agency had shown a \"reasonable suspicion\" of bad faith.\n\n"
        "Dan Okafor said investigators could not learn much from his Sept. 11 arrest, \"other "
        "than that it was isolated.\"\n\n"
        "LORVIK CITY, Sept. 28 (MPA) \xe2\x80\x94 In a clip for the festival, Ruth Baker "
        "sings \"Harbour Lights\" to the crowd.\n\n"
        "A spokesman in Lorvik said the plan was \"fair to renters.\"\n\n"
        "The complaint, which was filed in district court in Lorvik, alleged that the council "
        "\"failed to keep records.\"\n\n"
        "It is the lasting pull of Ruth Baker's \"homes for all\" promise.\n";
    concord_quote_list *l = S_extract(s);
    /* a verb after "would" inside what "said" reports is no cue */
    const concord_quote_mention *m = S_said(l, "to build homes", "Tom Hyers");
    /* the subject after "that" does not speak for the main clause */
    m = S_find(l, "reasonable suspicion");
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "a federal judge");
    /* "Sept. 11" ends no sentence: the quote is Okafor's */
    m = S_said(l, "other than that it was isolated", "Dan Okafor");
    /* a dateline of two capitalised words is no subject (with the month
     * rule, "Sept. 28" no longer cuts the dateline off) */
    m = S_said(l, "Harbour Lights", "Ruth Baker");
    /* the place after "in" does not speak; the description does */
    m = S_find(l, "fair to renters");
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "A spokesman in Lorvik");
    /* a description before a which-clause */
    m = S_find(l, "failed to keep records");
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "The complaint");
    /* a possessor before a quote that a noun of saying follows */
    m = S_said(l, "homes for all", "Ruth Baker");
    concord_quote_list_free(l);
}

/* The eight-byte mark scan and the folded word keys (speed paths) find
 * what a byte-by-byte reading finds: marks at every offset of an eight-byte
 * block, apostrophes inside words, typographic apostrophes in names. */
static void test_scan_blocks(void **state)
{
    (void)state;
    for (size_t pad = 0; pad < 17; pad++) {
        char buf[256];
        size_t o = 0;
        for (size_t i = 0; i < pad; i++)
            buf[o++] = 'x';
        o += (size_t)snprintf(buf + o, sizeof buf - o,
                              " Kovac's aide didn't say \xe2\x80\x9cno,\xe2\x80\x9d Ana Kovac "
                              "said. O\xe2\x80\x99"
                              "Brien said: \"yes\"");
        concord_quote_list *l = concord_quotes_extract(buf, o);
        assert_int_equal(l->n, 2);
        assert_string_equal(l->items[0].text, "no,");
        assert_string_equal(l->items[0].speaker, "Ana Kovac");
        assert_string_equal(l->items[1].text, "yes");
        concord_quote_list_free(l);
    }
    /* titles longer than one eight-byte chunk, capitalised or not, are
     * found in the lexicon and stripped from the name */
    const char *t = "\"We will stay,\" said Councillor Ruth Baker.\n\n"
                    "\"We will go,\" CHAIRWOMAN Ana Kovac said.\n\n"
                    "\"We will see,\" said the spokeswoman.\n";
    concord_quote_list *l = S_extract(t);
    const concord_quote_mention *m = S_said(l, "We will stay", "Ruth Baker");
    assert_string_equal(m->speaker_text, "Councillor Ruth Baker");
    S_said(l, "We will go", "Ana Kovac");
    m = S_find(l, "We will see");
    assert_non_null(m);
    assert_string_equal(m->speaker_text, "the spokeswoman");
    concord_quote_list_free(l);
}

static void test_similarity(void **state)
{
    (void)state;
    const char *a = "The main objective was obvious: the undermining of constitutional order";
    const char *b = "The main goal was obvious: the undermining of the constitutional order";
    const char *c = "Prices of fuel rose sharply in the west of the country last week";
    double ab = concord_quote_similarity(a, strlen(a), b, strlen(b));
    double ba = concord_quote_similarity(b, strlen(b), a, strlen(a));
    assert_true(ab > 0.7);
    assert_true(ab - ba < 1e-9 && ba - ab < 1e-9);
    assert_true(concord_quote_similarity(a, strlen(a), a, strlen(a)) > 0.999);
    assert_true(concord_quote_similarity(a, strlen(a), c, strlen(c)) < 0.3);
    assert_true(concord_quote_same(a, strlen(a), b, strlen(b)));
    assert_false(concord_quote_same(a, strlen(a), c, strlen(c)));
    /* truncated variant */
    const char *d =
        "once Russians are in your house, it's sometimes very difficult to get them to leave";
    const char *e = "I think one lesson in recent history is that once Russians are in your house, "
                    "it's sometimes very difficult to get them to leave";
    assert_true(concord_quote_containment(d, strlen(d), e, strlen(e)) > 0.95);
    assert_true(concord_quote_same(d, strlen(d), e, strlen(e)));
    /* different numbers: another statement */
    const char *f = "at least 164 people were killed in the violence in Almaty";
    const char *g = "at least 26 people were killed in the violence in Almaty";
    assert_true(concord_quote_similarity(f, strlen(f), g, strlen(g)) <
                concord_quote_similarity(f, strlen(f), f, strlen(f)));
    assert_true(concord_quote_similarity("", 0, a, strlen(a)) == 0.0);
    /* the same frame with other facts is another statement */
    const char *j = "Officials said the bridge would reopen on Monday after repairs";
    const char *k = "Officials said the school would close on Friday for the holiday";
    assert_false(concord_quote_same(j, strlen(j), k, strlen(k)));
    /* reordered clauses are one statement */
    const char *l = "The bridge will reopen on Monday after the repairs are finished";
    const char *o = "After repairs are finished the bridge will reopen on Monday";
    assert_true(concord_quote_same(l, strlen(l), o, strlen(o)));
    assert_true(concord_quote_similarity(l, strlen(l), o, strlen(o)) <= 1.0);
}

/* ---------------------------------------------------------------- stories */

typedef struct {
    concord_article *a[8];
    concord_clean *c[8];
    concord_member m[8];
    size_t n;
} S_story;

static void S_story_add(S_story *st, const char *id, const char *text)
{
    size_t i = st->n++;
    st->a[i] = concord_article_new(id, "test", NULL, NULL, "title", text, strlen(text));
    st->c[i] = concord_clean_article(st->a[i]);
    st->m[i].article = st->a[i];
    st->m[i].clean = st->c[i];
    st->m[i].doc = NULL;
}

static void S_story_free(S_story *st)
{
    for (size_t i = 0; i < st->n; i++) {
        concord_clean_free(st->c[i]);
        concord_article_free(st->a[i]);
    }
    st->n = 0;
}

static const concord_quote *S_quote_with(const concord_quotes *q, const char *needle)
{
    for (size_t k = 0; k < q->n_quotes; k++)
        for (size_t j = 0; j < q->quotes[k].n_mentions; j++)
            if (strstr(q->mentions[q->quotes[k].mentions[j]].text, needle))
                return &q->quotes[k];
    return NULL;
}

static int S_quote_has_member(const concord_quotes *q, const concord_quote *qt, size_t member)
{
    for (size_t j = 0; j < qt->n_mentions; j++)
        if (q->mentions[qt->mentions[j]].member == member)
            return 1;
    return 0;
}

static void test_story_grouping_json_print(void **state)
{
    (void)state;
    S_story st = {0};
    S_story_add(&st, "a1",
                "Kazakh President Kassym-Jomart Tokayev spoke.\n\n"
                "\xE2\x80\x9CThe main objective was obvious: the undermining of constitutional "
                "order and the seizure of power,\xE2\x80\x9D Tokayev said.\n");
    S_story_add(&st, "a2",
                "\"The main goal was obvious: the undermining of the constitutional order and "
                "the seizure of power,\" Mr. Tokayev said.\n\n"
                "\"The main goal was obvious: the undermining of the constitutional order and "
                "the seizure of power,\" said John Smith.\n");
    concord_quotes *q = concord_quotes_explain(st.m, st.n);
    const concord_quote *qt = S_quote_with(q, "main objective");
    assert_non_null(qt);
    assert_true(S_quote_has_member(q, qt, 0));
    assert_true(S_quote_has_member(q, qt, 1));
    assert_int_equal(qt->n_mentions, 3);
    assert_string_equal(qt->speaker, "Kassym-Jomart Tokayev");
    assert_true(qt->speaker_conflict);
    concord_buf out;
    concord_buf_init(&out);
    concord_buf_adds(&out, "{\"quotes\":");
    concord_quotes_json(q, st.m, st.n, &out);
    concord_buf_adds(&out, "}");
    concord_json *j = concord_json_parse(out.data, out.len, NULL, NULL);
    assert_non_null(j);
    const concord_json *arr = concord_json_get(j, "quotes");
    assert_non_null(arr);
    assert_int_equal(arr->type, CONCORD_JSON_ARRAY);
    const concord_json *first = arr->items[0];
    assert_non_null(concord_json_get_str(first, "speaker"));
    assert_non_null(concord_json_get_str(first, "text"));
    const concord_json *ms = concord_json_get(first, "mentions");
    assert_non_null(ms);
    assert_non_null(concord_json_get_str(ms->items[0], "article"));
    assert_true(concord_json_get_num(ms->items[0], "end", 0) >
                concord_json_get_num(ms->items[0], "start", 0));
    FILE *tmp = tmpfile();
    assert_true(concord_quotes_print(tmp, j, 0) >= 1);
    fflush(tmp);
    rewind(tmp);
    char buf[4096];
    size_t got = fread(buf, 1, sizeof buf - 1, tmp);
    buf[got] = '\0';
    fclose(tmp);
    assert_non_null(strstr(buf, "[objective]")); /* the differing word is marked */
    assert_int_equal(concord_quotes_print(stdout, NULL, 0), -1);
    concord_json_free(j);
    concord_buf_free(&out);

    /* cross-story link */
    S_story st2 = {0};
    S_story_add(&st2, "b1",
                "Weeks later the line returned. \xE2\x80\x9CThe main goal was obvious: the "
                "undermining of the constitutional order,\xE2\x80\x9D Tokayev recalled.\n");
    concord_quotes *q2 = concord_quotes_explain(st2.m, st2.n);
    const concord_quotes *both[2] = {q, q2};
    size_t nl;
    concord_quote_link *links = concord_quote_links(both, 2, &nl);
    assert_true(nl >= 1);
    assert_int_equal(links[0].story_a, 0);
    assert_int_equal(links[0].story_b, 1);
    free(links);
    concord_quotes_free(q2);
    S_story_free(&st2);
    concord_quotes_free(q);
    S_story_free(&st);
}

static char *S_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    b[*len] = '\0';
    fclose(f);
    return b;
}

static void test_seeds(void **state)
{
    (void)state;
    static const char *names[] = {"000_0fd8f39ac68630be", "001_6ac9cef874046774",
                                  "002_78210b9ba8132516", "003_cda58cf3099d18d8",
                                  "004_c3df940d23d449b0"};
    char dir[1024];
    const char *src = getenv("CONCORD_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/../shared/seeds", src ? src : ".");
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.txt", dir, names[0]);
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        snprintf(dir, sizeof dir, "/work/shared/seeds");
        snprintf(path, sizeof path, "%s/%s.txt", dir, names[0]);
        probe = fopen(path, "rb");
    }
    if (!probe)
        skip();
    fclose(probe);
    S_story st = {0};
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s.txt", dir, names[i]);
        size_t len;
        char *b = S_read(path, &len);
        assert_non_null(b);
        char *nl = strchr(b, '\n');
        assert_non_null(nl);
        *nl = '\0';
        size_t i0 = st.n++;
        st.a[i0] = concord_article_new(names[i], NULL, NULL, NULL, b, nl + 1, strlen(nl + 1));
        st.c[i0] = concord_clean_article(st.a[i0]);
        st.m[i0].article = st.a[i0];
        st.m[i0].clean = st.c[i0];
        free(b);
    }
    concord_quotes *q = concord_quotes_explain(st.m, st.n);
    /* Blinken, seeds 002 and 004 */
    const concord_quote *qt = S_quote_with(q, "once Russians are in your house");
    assert_non_null(qt);
    assert_true(S_quote_has_member(q, qt, 2));
    assert_true(S_quote_has_member(q, qt, 4));
    assert_string_equal(qt->speaker, "Antony Blinken");
    for (size_t j = 0; j < qt->n_mentions; j++)
        assert_string_equal(q->mentions[qt->mentions[j]].speaker, "Antony Blinken");
    /* Tokayev, main objective / main goal, seeds 001 and 004 */
    qt = S_quote_with(q, "main objective");
    assert_non_null(qt);
    assert_true(S_quote_has_member(q, qt, 1));
    assert_true(S_quote_has_member(q, qt, 4));
    assert_string_equal(qt->speaker, "Kassym-Jomart Tokayev");
    /* Putin, attempt to interfere ... from the outside, seeds 002 and 003 */
    qt = S_quote_with(q, "attempt to interfere");
    assert_non_null(qt);
    assert_true(S_quote_has_member(q, qt, 2));
    assert_true(S_quote_has_member(q, qt, 3));
    assert_string_equal(qt->speaker, "Vladimir Putin");
    /* offsets point at the quoted words in the cleaned text */
    for (size_t i = 0; i < q->n_mentions; i++) {
        const concord_quote_mention *m = &q->mentions[i];
        const concord_clean *c = st.c[m->member];
        assert_true(m->end <= c->len && m->start < m->end);
        if (!m->part2)
            assert_int_equal(strncmp(c->text + m->start, m->text, 4), 0);
    }
    concord_quotes_free(q);
    S_story_free(&st);
}

/* Cross-story links written into documents, then read back per speaker. */
static void test_elsewhere_and_speaker(void **state)
{
    (void)state;
    const char *docs[3] = {
        ("{\"story\":\"s1\",\"articles\":[{\"id\":\"a1\",\"date\":\"2021-03-02\"}],"
         "\"quotes\":[{\"speaker\":\"Vladimir Putin\",\"text\":\"We will not allow anyone to "
         "stir up the situation in our "
         "home\",\"kind\":\"quote\",\"mentions\":[{\"article\":\"a1\"}],"
         "\"elsewhere\":[]}]}"),
        ("{\"story\":\"s2\",\"articles\":[{\"id\":\"b1\",\"date\":\"2021-03-01\"}],"
         "\"quotes\":[{\"speaker\":\"Putin\",\"text\":\"We will not allow anyone to stir up "
         "the situation in our home.\",\"kind\":\"quote\",\"mentions\":[{\"article\":\"b1\"}]},"
         "{\"speaker\":\"Vladimir Putin\",\"text\":\"The mission is complete and the troops go "
         "home now\",\"kind\":\"quote\",\"mentions\":[{\"article\":\"b1\"}]}]}"),
        ("{\"story\":\"s3\",\"articles\":[],\"quotes\":[{\"speaker\":\"Joe Biden\",\"text\":"
         "\"We will not allow anyone to stir up the situation in our "
         "home\",\"kind\":\"quote\"}]}")};
    concord_json *j[3];
    concord_quotes *q[3];
    const char *ids[3] = {"s1", "s2", "s3"};
    for (int k = 0; k < 3; k++) {
        j[k] = concord_json_parse(docs[k], strlen(docs[k]), NULL, NULL);
        assert_non_null(j[k]);
        q[k] = concord_quotes_from_json(j[k]);
    }
    size_t nl = 0;
    concord_quote_link *l = concord_quote_links((const concord_quotes *const *)q, 3, &nl);
    /* s1 and s2 share Putin's statement; Biden's identical words are another
     * person's (no link); "Putin" and "Vladimir Putin" share the surname */
    size_t s12 = 0, s3 = 0;
    for (size_t i = 0; i < nl; i++) {
        s12 += l[i].story_a == 0 && l[i].story_b == 1 && l[i].quote_b == 0;
        s3 += l[i].story_b == 2;
    }
    assert_int_equal(s12, 1);
    assert_int_equal(s3, 0);
    int changed = 0;
    char *d1 = concord_quotes_set_elsewhere(j[0], 0, l, nl, ids, &changed);
    assert_int_equal(changed, 1);
    assert_non_null(strstr(d1, "\"elsewhere\":[{\"story\":\"s2\",\"quote\":0,"));
    concord_json *n1 = NULL;
    if (d1) {
        n1 = concord_json_parse(d1, strlen(d1), NULL, NULL);
        assert_non_null(n1);
    }
    concord_speaker_quotes *sq = concord_speaker_quotes_new("putin");
    concord_speaker_quotes_add(sq, n1 ? n1 : j[0]);
    concord_speaker_quotes_add(sq, j[1]);
    concord_speaker_quotes_add(sq, j[2]);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    size_t ng = concord_speaker_quotes_print(sq, f, 1);
    fclose(f);
    concord_json *out = concord_json_parse(buf, len, NULL, NULL);
    assert_non_null(out);
    /* earliest first: the mission quote and the linked statement are both
     * first seen on 2021-03-01; Biden's is not listed */
    assert_true(ng == 2 || ng == 3);
    assert_int_equal(out->len, ng);
    assert_string_equal(concord_json_get_str(out->items[0], "first"), "2021-03-01");
    assert_null(strstr(buf, "s3"));
    if (changed) { /* the link grouped the two variants into one statement */
        assert_int_equal(ng, 2);
        int two = 0;
        for (size_t k = 0; k < out->len; k++)
            two |= concord_json_get(out->items[k], "variants")->len == 2;
        assert_true(two);
    }
    concord_json_free(out);
    free(buf);
    concord_speaker_quotes_free(sq);
    concord_json_free(n1);
    free(d1);
    free(l);
    for (int k = 0; k < 3; k++) {
        concord_quotes_free(q[k]);
        concord_json_free(j[k]);
    }
}

/* Issue 18 item 12: quote-dense text.  60,000 quotes in one article (named
 * speakers, "he said" after a named subject, surnames, quotes without a cue,
 * and one statement repeated thousands of times) must be explained in a few
 * seconds of CPU: the quadratic version took over 60 s at 15,000. */
static double S_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void test_dense(void **state)
{
    (void)state;
    static const char *first[] = {"Anna",  "Boris", "Clara", "David",
                                  "Elena", "Farid", "Greta", "Hugo"};
    static const char *last[] = {"Kovac",  "Lindqvist", "Moreau", "Novak",
                                 "Okafor", "Petrov",    "Quinn",  "Rossi"};
    static const char *words[] = {"budget", "bridge", "council", "storm", "vote",  "river",
                                  "school", "plan",   "tax",     "road",  "power", "water"};
    size_t nq = 60000, cap = nq * 170 + 1000, len = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    unsigned r = 7;
    for (size_t i = 0; i < nq; i++) {
        r = r * 1103515245u + 12345u;
        const char *w1 = words[(r >> 8) % 12], *w2 = words[(r >> 12) % 12],
                   *w3 = words[(r >> 16) % 12];
        int p = (int)((r >> 20) % 8);
        if (i % 4 == 0)
            len += (size_t)snprintf(t + len, cap - len,
                                    "Minister %s %s spoke. \xE2\x80\x9CThe %s and the %s matter "
                                    "for the %s number %zu,\xE2\x80\x9D %s said.\n",
                                    first[p], last[p], w1, w2, w3, i, (p & 1) ? "she" : "he");
        else if (i % 4 == 1)
            len += (size_t)snprintf(t + len, cap - len,
                                    "\xE2\x80\x9CWe discussed the %s, the %s and the %s in item "
                                    "%zu,\xE2\x80\x9D %s said.\n",
                                    w1, w2, w3, i, last[p]);
        else if (i % 4 == 2)
            len += (size_t)snprintf(t + len, cap - len,
                                    "\xE2\x80\x9CNothing about the %s or %s %zu was settled "
                                    "today.\xE2\x80\x9D\n",
                                    w1, w3, i);
        else
            len += (size_t)snprintf(t + len, cap - len,
                                    "\xE2\x80\x9CWe will rebuild the bridge before winter "
                                    "comes,\xE2\x80\x9D %s %s said at meeting %zu.\n",
                                    first[p], last[p], i);
    }
    S_story st;
    memset(&st, 0, sizeof st);
    S_story_add(&st, "dense", t);
    double t0 = S_cpu();
    concord_quotes *q = concord_quotes_explain(st.m, st.n);
    double secs = S_cpu() - t0;
    print_message("dense: %zu quotes, %.1f MB, explained in %.2f s CPU\n", q->n_mentions,
                  (double)len / 1e6, secs);
    assert_int_equal(q->n_mentions, nq);
    assert_true(secs < 5.0);
    /* the repeated statement is one quote with 15,000 mentions */
    const concord_quote *rb = S_quote_with(q, "rebuild the bridge");
    assert_non_null(rb);
    assert_int_equal(rb->n_mentions, nq / 4);
    /* "she said" after "Minister Boris Kovac spoke": the pronoun resolves */
    size_t resolved = 0, pronoun = 0;
    for (size_t i = 0; i < q->n_mentions; i++) {
        const concord_quote_mention *m = &q->mentions[i];
        if (strcmp(m->speaker_text, "he") && strcmp(m->speaker_text, "she"))
            continue;
        pronoun++;
        resolved += strchr(m->speaker, ' ') != NULL;
    }
    assert_int_equal(pronoun, nq / 4);
    assert_true(resolved * 10 >= pronoun * 9);
    concord_quotes_free(q);
    S_story_free(&st);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_nested_paragraphs_interrupted),
        cmocka_unit_test(test_phrases_and_bad_marks),
        cmocka_unit_test(test_huge_and_garbage),
        cmocka_unit_test(test_speakers),
        cmocka_unit_test(test_speakers_harder),
        cmocka_unit_test(test_speakers_reader),
        cmocka_unit_test(test_speakers_pass4),
        cmocka_unit_test(test_speakers_pass5),
        cmocka_unit_test(test_speakers_pass6),
        cmocka_unit_test(test_scan_blocks),
        cmocka_unit_test(test_similarity),
        cmocka_unit_test(test_story_grouping_json_print),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_dense),
        cmocka_unit_test(test_elsewhere_and_speaker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
