/* Unit tests for languages (analyze/lang.c, analyze.c): detection, the
 * stemmer and stopwords of the detected language, name keys that carry
 * across languages and scripts, canonical numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"
#include "concord/group.h"
#include "support.h"

static void test_detect(void **state)
{
    (void)state;
    static const struct {
        const char *code, *text;
    } cases[] = {
        {"en", "The minister said on Monday that the troops would stay for a limited period."},
        {"de", "Der Minister sagte am Montag, dass die Soldaten nur für begrenzte Zeit im Land "
               "bleiben würden."},
        {"es", "El ministro dijo el lunes que los soldados permanecerán en el país por un tiempo "
               "limitado."},
        {"fr", "Le ministre a déclaré lundi que les soldats resteront dans le pays pour une durée "
               "limitée."},
        {"it", "Il ministro ha detto lunedì che i soldati resteranno nel paese per un periodo "
               "limitato e che la missione è già finita."},
        {"pt", "O ministro disse na segunda-feira que os soldados vão ficar no país por um tempo "
               "limitado e que não há data."},
        {"nl", "De minister zei maandag dat de soldaten voor een beperkte tijd in het land zullen "
               "blijven en dat er geen datum is."},
        {"pl", "Minister powiedział w poniedziałek, że żołnierze zostaną w kraju przez "
               "ograniczony czas i że nie ma daty."},
        {"ru", "Министр заявил в понедельник, что солдаты останутся в стране на ограниченный "
               "срок."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_string_equal(concord_detect_language(cases[i].text, strlen(cases[i].text)),
                            cases[i].code);
    /* too little to tell: English */
    assert_string_equal(concord_detect_language("Valdoria", 8), "en");
    assert_string_equal(concord_detect_language("", 0), "en");
}

static void test_names_across(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    const char *en = "President Matej Horvalin said on Monday that the troops of the Northern "
                     "Compact would leave Valdoria. Kassym-Jomart Tokayev and Ana Kovac met him.";
    const char *de = "Der Präsident Matej Horvalin sagte am Montag, die Soldaten würden Valdoria "
                     "verlassen. Kassym-Schomart Tokajew und Ana Kovač trafen ihn in der Stadt.";
    const char *ru =
        "Глава государства Матей Горвалин заявил в понедельник, что войска покинут Валдорию. "
        "С ним встретились Касым-Жомарт Токаев и Ана Ковач.";
    concord_doc *de_ = concord_analyze(az, en, strlen(en));
    concord_doc *dd = concord_analyze(az, de, strlen(de));
    concord_doc *dr = concord_analyze(az, ru, strlen(ru));
    concord_doc *d_en = de_;
    assert_string_equal(d_en->lang, "en");
    assert_string_equal(dd->lang, "de");
    assert_string_equal(dr->lang, "ru");

    /* the same names in three languages and two scripts */
    const concord_entity *a = support_entity(d_en, en, "Valdoria"),
                         *b = support_entity(dd, de, "Valdoria"),
                         *c = support_entity(dr, ru, "Валдорию"); /* accusative */
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a->hash == b->hash && a->hash == c->hash);
    a = support_entity(dd, de, "Matej Horvalin"); /* "Präsident" is a noun, not the name */
    b = support_entity(dr, ru, "Матей Горвалин");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a->hash == b->hash);
    /* with its title the English name is another key (titles are not stripped) */
    assert_non_null(support_entity(d_en, en, "President Matej Horvalin"));
    a = support_entity(d_en, en, "Ana Kovac");
    b = support_entity(dd, de, "Ana Kovač");
    c = support_entity(dr, ru, "Ана Ковач");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a->hash == b->hash && a->hash == c->hash);
    /* Tokayev, Tokajew, Токаев: the last word meets */
    a = support_entity(d_en, en, "Kassym-Jomart Tokayev");
    b = support_entity(dd, de, "Kassym-Schomart Tokajew");
    c = support_entity(dr, ru, "Касым-Жомарт Токаев");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a->last_hash == b->last_hash && a->last_hash == c->last_hash);
    /* a German noun after an article is no name; "Stadt" is not an entity */
    assert_null(support_entity(dd, de, "Stadt"));
    assert_null(support_entity(dd, de, "Soldaten"));
    /* different names stay different */
    assert_true(support_entity(d_en, en, "Ana Kovac")->hash !=
                support_entity(d_en, en, "Valdoria")->hash);

    /* stopwords and stems of the language */
    const concord_word *w = support_word(dd, de, "die");
    assert_non_null(w);
    assert_true(w->flags & CONCORD_TOK_STOP);
    w = support_word(dr, ru, "что");
    assert_non_null(w);
    assert_true(w->flags & CONCORD_TOK_STOP);
    assert_false(support_word(dd, de, "Soldaten")->flags & CONCORD_TOK_STOP);
    concord_doc_free(d_en);
    concord_doc_free(dd);
    concord_doc_free(dr);

    /* German stems: "Soldaten" and "Soldat" are one stem with the German stemmer */
    const char *t = "Die Soldaten und der Soldat sind im Land.";
    concord_doc *d = concord_analyze(az, t, strlen(t));
    assert_string_equal(d->lang, "de");
    assert_true(support_word(d, t, "Soldaten")->stem == support_word(d, t, "Soldat")->stem);
    concord_doc_free(d);

    /* a declared language decides when the text is unsure (5 German
     * function words here), not against clear evidence */
    concord_analyzer_set_language(az, "es-ES");
    d = concord_analyze(az, t, strlen(t));
    assert_string_equal(d->lang, "es");
    concord_doc_free(d);
    const char *long_de = "Die Soldaten und der Soldat sind im Land, aber sie werden nicht "
                          "mehr lange bleiben, sagte der Minister am Montag.";
    concord_analyzer_set_language(az, "en");
    d = concord_analyze(az, long_de, strlen(long_de));
    assert_string_equal(d->lang, "de");
    concord_doc_free(d);
    concord_analyzer_set_language(az, NULL);
    d = concord_analyze(az, t, strlen(t));
    assert_string_equal(d->lang, "de");
    concord_doc_free(d);
    concord_analyzer_free(az);

    /* a fixed English analyzer stays English */
    az = concord_analyzer_new("english");
    d = concord_analyze(az, t, strlen(t));
    assert_string_equal(d->lang, "en");
    concord_doc_free(d);
    concord_analyzer_free(az);
}

static void test_numbers(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    const char *t = "4,200 4.200 4200 6,2 6.2 1.5 2,500,000 2500000 10th 4.2";
    concord_doc *d = concord_analyze(az, t, strlen(t));
    assert_int_equal(d->n_words, 10);
    const concord_word *w = d->words;
    assert_true(w[0].stem == w[1].stem && w[1].stem == w[2].stem); /* 4200 */
    assert_true(w[3].stem == w[4].stem);                           /* 6.2 */
    assert_true(w[6].stem == w[7].stem);                           /* 2500000 */
    assert_true(w[5].stem != w[4].stem);
    assert_true(w[9].stem != w[0].stem); /* 4.2 is not 4,200 */
    assert_true(w[8].stem == w[8].fold); /* "10th" as it is */
    concord_doc_free(d);
    concord_analyzer_free(az);
}

/* A German report joins the English story of its event on names and
 * numbers (dedup.c keeps only those for it; group.c compares it with the
 * story on them), and not the English story of another event. */
static concord_features *S_feat(concord_analyzer *az, const char *id, const char *date,
                                const char *title, const char *text)
{
    concord_article *a =
        concord_article_new(id, "example.com", "", date, title, text, strlen(text));
    concord_doc *d = concord_analyze(az, a->text, a->text_len);
    concord_features *f = concord_features_new(a, NULL, d);
    concord_doc_free(d);
    concord_article_free(a);
    return f;
}

static void test_group_across(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(
        g,
        S_feat(az, "fire-en1", "2025-03-13", "Night watchman killed in Dunmore warehouse fire",
               "A night watchman was killed when fire swept through a furniture warehouse owned "
               "by Valtex on the Dunmore industrial estate early on Friday, the regional fire "
               "service said. Two other workers suffered burns. About 45 firefighters fought the "
               "blaze and 80 residents of a care home and a nearby block were evacuated. Fire "
               "chief Ivo Brandt said the steel frame buckled within minutes. Valtex employs "
               "about 300 people in Dunmore. Police are investigating the cause."));
    concord_grouper_add(
        g,
        S_feat(az, "fire-en2", "2025-03-14", "Blaze at Valtex furniture store kills guard",
               "Fire destroyed a Valtex furniture warehouse in Dunmore overnight into Friday, "
               "killing a security guard and injuring two workers, firefighters said. Some 45 "
               "firefighters were called and about 80 people from a care home and flats next door "
               "had to leave their homes. The steel frame gave way within minutes, said Ivo "
               "Brandt, head of the fire service. The company has some 300 staff in Dunmore."));
    concord_grouper_add(
        g, S_feat(az, "flood-en1", "2025-03-10", "Five dead as Brenn river floods northern valley",
                  "Five people died and 3,400 were evacuated as the Brenn river burst its banks in "
                  "the north of the country on Monday, rescuers said. Two people are missing after "
                  "their car was swept away near the village of Tarn. The river reached 6.2 metres "
                  "at Brennford overnight, the highest level on record, and a fire station was "
                  "flooded."));
    concord_grouper_add(
        g,
        S_feat(az, "flood-en2", "2025-03-11", "Brenn valley floods: 3,400 evacuated",
               "Rescuers evacuated 3,400 people from the Brenn valley after the river rose to 6.2 "
               "metres at Brennford, a record, and five people were killed. Two people whose car "
               "was carried off by the water near Tarn are still missing, officials said on "
               "Monday."));
    concord_grouper_add(
        g, S_feat(az, "fire-de", "2025-03-14", "Großbrand in Lagerhalle in Dunmore: ein Toter",
                  "Beim Brand einer Möbel-Lagerhalle der Firma Valtex im Industriegebiet von "
                  "Dunmore ist in der Nacht zum Freitag ein Wachmann ums Leben gekommen. Zwei "
                  "weitere Arbeiter erlitten Verbrennungen, wie die Feuerwehr mitteilte. Rund 45 "
                  "Feuerwehrleute waren im Einsatz, 80 Bewohner eines Pflegeheims mussten ihre "
                  "Wohnungen verlassen. Feuerwehrchef Ivo Brandt sagte, das Stahlgerüst habe sich "
                  "innerhalb von Minuten verbogen. Valtex beschäftigt in Dunmore rund 300 "
                  "Menschen."));
    concord_grouper_run(g);
    size_t fire = concord_grouper_story_of(g, "fire-en1");
    size_t flood = concord_grouper_story_of(g, "flood-en1");
    assert_int_not_equal(fire, flood);
    assert_int_equal(concord_grouper_story_of(g, "fire-en2"), fire);
    assert_int_equal(concord_grouper_story_of(g, "flood-en2"), flood);
    assert_int_equal(concord_grouper_story_of(g, "fire-de"), fire);
    assert_int_equal(concord_grouper_n_stories(g), 2);
    concord_grouper_free(g);
    concord_analyzer_free(az);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_names_across),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_group_across),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
