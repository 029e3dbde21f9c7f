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

/* The entity of d whose text is `name`, or NULL. */
static const concord_entity *S_entity(const concord_doc *d, const char *text, const char *name)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        const concord_entity *e = &d->entities[i];
        if (e->end - e->start == strlen(name) && memcmp(text + e->start, name, strlen(name)) == 0)
            return e;
    }
    return NULL;
}

static const concord_word *S_word(const concord_doc *d, const char *text, const char *w)
{
    for (size_t i = 0; i < d->n_words; i++)
        if (d->words[i].end - d->words[i].start == strlen(w) &&
            memcmp(text + d->words[i].start, w, strlen(w)) == 0)
            return &d->words[i];
    return NULL;
}

static void test_names_across(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    const char *en = "President Matej Horvalin said on Monday that the troops of the Northern "
                     "Compact would leave Valdoria. Kassym-Jomart Tokayev and Ana Kovac met him.";
    const char *de = "Der Präsident Matej Horvalin sagte am Montag, die Soldaten würden Valdoria "
                     "verlassen. Kassym-Schomart Tokajew und Ana Kovač trafen ihn in der Stadt.";
    const char *ru = "Глава государства Матей Горвалин заявил в понедельник, что войска покинут Валдорию. "
                     "С ним встретились Касым-Жомарт Токаев и Ана Ковач.";
    concord_doc *de_ = concord_analyze(az, en, strlen(en));
    concord_doc *dd = concord_analyze(az, de, strlen(de));
    concord_doc *dr = concord_analyze(az, ru, strlen(ru));
    concord_doc *d_en = de_;
    assert_string_equal(d_en->lang, "en");
    assert_string_equal(dd->lang, "de");
    assert_string_equal(dr->lang, "ru");

    /* the same names in three languages and two scripts */
    const concord_entity *a = S_entity(d_en, en, "Valdoria"), *b = S_entity(dd, de, "Valdoria"),
                         *c = S_entity(dr, ru, "Валдорию"); /* accusative */
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a->hash == b->hash && a->hash == c->hash);
    a = S_entity(dd, de, "Matej Horvalin"); /* "Präsident" is a noun, not the name */
    b = S_entity(dr, ru, "Матей Горвалин");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a->hash == b->hash);
    /* with its title the English name is another key (titles are not stripped) */
    assert_non_null(S_entity(d_en, en, "President Matej Horvalin"));
    a = S_entity(d_en, en, "Ana Kovac");
    b = S_entity(dd, de, "Ana Kovač");
    c = S_entity(dr, ru, "Ана Ковач");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a->hash == b->hash && a->hash == c->hash);
    /* Tokayev, Tokajew, Токаев: the last word meets */
    a = S_entity(d_en, en, "Kassym-Jomart Tokayev");
    b = S_entity(dd, de, "Kassym-Schomart Tokajew");
    c = S_entity(dr, ru, "Касым-Жомарт Токаев");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a->last_hash == b->last_hash && a->last_hash == c->last_hash);
    /* a German noun after an article is no name; "Stadt" is not an entity */
    assert_null(S_entity(dd, de, "Stadt"));
    assert_null(S_entity(dd, de, "Soldaten"));
    /* different names stay different */
    assert_true(S_entity(d_en, en, "Ana Kovac")->hash != S_entity(d_en, en, "Valdoria")->hash);

    /* stopwords and stems of the language */
    const concord_word *w = S_word(dd, de, "die");
    assert_non_null(w);
    assert_true(w->flags & CONCORD_TOK_STOP);
    w = S_word(dr, ru, "что");
    assert_non_null(w);
    assert_true(w->flags & CONCORD_TOK_STOP);
    assert_false(S_word(dd, de, "Soldaten")->flags & CONCORD_TOK_STOP);
    concord_doc_free(d_en);
    concord_doc_free(dd);
    concord_doc_free(dr);

    /* German stems: "Soldaten" and "Soldat" are one stem with the German stemmer */
    const char *t = "Die Soldaten und der Soldat sind im Land.";
    concord_doc *d = concord_analyze(az, t, strlen(t));
    assert_string_equal(d->lang, "de");
    assert_true(S_word(d, t, "Soldaten")->stem == S_word(d, t, "Soldat")->stem);
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
    assert_true(w[3].stem == w[4].stem);                          /* 6.2 */
    assert_true(w[6].stem == w[7].stem);                          /* 2500000 */
    assert_true(w[5].stem != w[4].stem);
    assert_true(w[9].stem != w[0].stem); /* 4.2 is not 4,200 */
    assert_true(w[8].stem == w[8].fold); /* "10th" as it is */
    concord_doc_free(d);
    concord_analyzer_free(az);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_names_across),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
