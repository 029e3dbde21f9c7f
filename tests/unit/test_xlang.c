/* Unit tests for stories across languages: name keys across scripts and
 * spellings (analyze.c, lang.c), the stemmer of each language, and the
 * grouper's cross-language join (group/group_xlang.c): reports in German
 * and Russian join the English story of their event, a Spanish report of
 * another event of the same country and week does not.  All names and
 * events here are invented. */
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

/* The last-word key of name `name` in text (analyzed as the analyzer decides). */
static uint64_t S_last(concord_analyzer *az, const char *text, const char *name)
{
    concord_doc *d = concord_analyze(az, text, strlen(text));
    const concord_entity *e = support_entity(d, text, name);
    assert_non_null(e);
    uint64_t h = e->last_hash;
    concord_doc_free(d);
    return h;
}

static void test_transliteration(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    /* Cyrillic, Greek and Latin with marks: one key per surname */
    uint64_t en = S_last(az, "The talks were led by Oskar Vendel in the capital.", "Oskar Vendel");
    uint64_t ru = S_last(az, "Переговоры в столице вёл Оскар Вендел, сообщили в министерстве.",
                         "Оскар Вендел");
    uint64_t el =
        S_last(az, "Τις συνομιλίες στην πρωτεύουσα ηγήθηκε ο Όσκαρ Βέντελ.", "Όσκαρ Βέντελ");
    assert_true(en == ru);
    assert_true(en == el);
    /* diacritics dropped, and č as ch: Dvořák / Dvorak, Dobrovič / Dobrovich */
    uint64_t a = S_last(az, "A statement by Anton Dvořák was read out.", "Anton Dvořák");
    uint64_t b = S_last(az, "A statement by Anton Dvorak was read out.", "Anton Dvorak");
    assert_true(a == b);
    a = S_last(az, "Minister Lena Dobrovič spoke first.", "Minister Lena Dobrovič");
    b = S_last(az, "Minister Lena Dobrovich spoke first.", "Minister Lena Dobrovich");
    uint64_t c = S_last(az, "Первым выступил министр Лена Добрович в парламенте.", "Лена Добрович");
    assert_true(a == b && b == c);
    /* different surnames stay apart */
    assert_true(S_last(az, "A statement by Anton Dvorak was read out.", "Anton Dvorak") !=
                S_last(az, "A statement by Anton Dvorski was read out.", "Anton Dvorski"));
    concord_analyzer_free(az);
}

static void test_stemming_per_language(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    /* Spanish: "detenidas" and "detenidos" share the Snowball Spanish stem */
    const char *es = "La policía dijo que las mujeres detenidas y los hombres detenidos fueron "
                     "liberados por la tarde en la ciudad.";
    concord_doc *d = concord_analyze(az, es, strlen(es));
    assert_string_equal(d->lang, "es");
    assert_true(support_word(d, es, "detenidas")->stem == support_word(d, es, "detenidos")->stem);
    assert_true(support_word(d, es, "las")->flags & CONCORD_TOK_STOP);
    concord_doc_free(d);
    /* Russian: case forms of one noun share the Snowball Russian stem */
    const char *ru = "Участники протестов вышли на улицы, и протесты продолжались до вечера, "
                     "сообщили в полиции города.";
    d = concord_analyze(az, ru, strlen(ru));
    assert_string_equal(d->lang, "ru");
    assert_true(support_word(d, ru, "протестов")->stem == support_word(d, ru, "протесты")->stem);
    assert_true(support_word(d, ru, "и")->flags & CONCORD_TOK_STOP);
    concord_doc_free(d);
    /* the English stemmer would not do it: an English analyzer keeps them apart */
    concord_analyzer *en = concord_analyzer_new("english");
    d = concord_analyze(en, ru, strlen(ru));
    assert_true(support_word(d, ru, "протестов")->stem != support_word(d, ru, "протесты")->stem);
    concord_doc_free(d);
    concord_analyzer_free(en);
    concord_analyzer_free(az);
}

static concord_features *S_feat(concord_analyzer *az, const char *id, const char *date,
                                const char *title, const char *text)
{
    concord_article *a =
        concord_article_new(id, "example.org", "", date, title, text, strlen(text));
    concord_doc *d = concord_analyze(az, a->text, a->text_len);
    concord_features *f = concord_features_new(a, NULL, d);
    concord_doc_free(d);
    concord_article_free(a);
    return f;
}

/* Two events of one invented country in one week: clashes after a miners'
 * strike (English, German, Russian) and a budget vote (English, Spanish).
 * Both name the country, its capital and its president. */
static void S_add_week(concord_grouper *g, concord_analyzer *az)
{
    concord_grouper_add(
        g, S_feat(az, "strike-en1", "2025-05-05",
                  "Marvenia: 2,350 detained as miners' strike turns violent",
                  "TESLOV - Marvenia's Interior Minister Lena Dobrova said on Monday that 2,350 "
                  "people had been detained and 640 injured after a strike at the coal mines of "
                  "Kadrin turned into street battles with police. Eighteen people were killed, "
                  "among them 11 police officers, the ministry said. President Oskar Vendel "
                  "declared a state of emergency in Kadrin for 30 days and blamed union leaders "
                  "for the violence. Union leader Pavel Stern, who called the strike over a 15 "
                  "percent pay cut, said the police had fired first. Trains between Teslov and "
                  "Kadrin were halted."));
    concord_grouper_add(
        g, S_feat(az, "strike-en2", "2025-05-06",
                  "Emergency rule in Kadrin after deadly mine strike clashes",
                  "A state of emergency was in force in the mining town of Kadrin on Tuesday after "
                  "clashes between striking miners and riot police left 18 dead, among them 11 "
                  "officers. Interior Minister Lena Dobrova put the number of detained at 2,350 "
                  "and of injured at 640. President Oskar Vendel said the emergency would last 30 "
                  "days, until June 14. The strike began on April 28 over a 15 percent pay cut "
                  "announced by the state coal company. Miners' leader Pavel Stern accused the "
                  "police of firing first."));
    concord_grouper_add(
        g, S_feat(az, "strike-en3", "2025-05-06", "Curfew, checkpoints and empty shafts in Kadrin",
                  "Soldiers manned checkpoints on the roads into Kadrin on Tuesday and a night "
                  "curfew emptied the streets of the mining town, residents said by telephone. "
                  "Shops stayed shuttered, schools were closed and the shafts of the state coal "
                  "company stood idle. Hospitals asked for blood donors after treating 640 "
                  "injured. Relatives gathered outside the police headquarters, where many of the "
                  "2,350 people detained were being held, demanding news of sons and husbands. "
                  "Pavel Stern, the union leader, went into hiding."));
    concord_grouper_add(
        g, S_feat(az, "strike-en4", "2025-05-06", "Analysis: why Kadrin's miners revolted",
                  "Wages in Kadrin's pits have lagged behind inflation for a decade, and the 15 "
                  "percent pay cut announced last month was the last straw, economists and "
                  "workers say. Coal output has fallen by a third since the state company lost "
                  "its export contracts, and the government in Teslov has borrowed heavily to keep "
                  "the mines open. Critics of President Oskar Vendel say the emergency decree, "
                  "the detention of 2,350 people and the deaths of 18 will deepen the crisis "
                  "rather than end it. Interior Minister Lena Dobrova defended the police."));
    concord_grouper_add(
        g, S_feat(az, "budget-en1", "2025-05-06", "Marvenia parliament passes austerity budget",
                  "TESLOV - Marvenia's parliament approved the government's austerity budget on "
                  "Tuesday by 212 votes to 148, cutting spending by 4.7 billion marks. President "
                  "Oskar Vendel said the cuts were painful but needed to keep the currency "
                  "stable. Finance Minister Ivo Marek said public sector pay would be frozen "
                  "for two years and 26 state agencies merged. Opposition leader Dana Kral said "
                  "the budget punished workers. The vote in Teslov followed a debate of 14 "
                  "hours."));
    concord_grouper_add(
        g, S_feat(az, "budget-en2", "2025-05-07", "Vendel signs budget: 4.7 billion in cuts",
                  "President Oskar Vendel signed the austerity budget into law on Wednesday, a "
                  "day after parliament in Teslov approved it by 212 votes to 148. The budget "
                  "cuts spending by 4.7 billion marks, freezes public sector pay and merges 26 "
                  "state agencies, Finance Minister Ivo Marek said. Dana Kral, who leads the "
                  "opposition, called for protests."));
    /* the strike, in German and in Russian */
    concord_grouper_add(
        g,
        S_feat(az, "strike-de", "2025-05-05", "Marvenia: 2.350 Festnahmen nach Bergarbeiterstreik",
               "Nach gewaltsamen Zusammenstößen im Bergbaugebiet von Kadrin sind in Marvenia "
               "nach Angaben von Innenministerin Lena Dobrova 2.350 Menschen festgenommen "
               "worden, 640 wurden verletzt. Achtzehn Menschen kamen ums Leben, darunter 11 "
               "Polizisten. Präsident Oskar Vendel verhängte für 30 Tage den Ausnahmezustand. "
               "Gewerkschaftsführer Pavel Stern sagte, die Polizei habe zuerst geschossen. Der "
               "Streik hatte sich an einer Lohnkürzung um 15 Prozent entzündet."));
    concord_grouper_add(
        g, S_feat(az, "strike-ru", "2025-05-05", "В Марвении задержаны 2350 участников забастовки",
                  "ТЕСЛОВ. В Марвении после столкновений бастующих шахтёров с полицией в Кадрине "
                  "задержаны 2350 человек, 640 пострадали, сообщила министр внутренних дел Лена "
                  "Доброва. Погибли 18 человек, в том числе 11 полицейских. Президент Оскар "
                  "Вендел ввёл чрезвычайное положение на 30 дней. Лидер профсоюза Павел Штерн "
                  "заявил, что полиция открыла огонь первой."));
    /* the budget, in Spanish: same country, capital and president, other figures */
    concord_grouper_add(
        g, S_feat(az, "budget-es", "2025-05-07", "El parlamento de Marvenia aprueba el presupuesto",
                  "El parlamento de Marvenia aprobó el martes en Teslov el presupuesto de "
                  "austeridad del Gobierno por 212 votos contra 148. El recorte del gasto es de "
                  "4,7 mil millones de marcos, según el ministro de Finanzas Ivo Marek. El "
                  "presidente Oskar Vendel dijo que los recortes eran dolorosos pero necesarios. "
                  "La líder de la oposición, Dana Kral, dijo que el presupuesto castiga a los "
                  "trabajadores. Se fusionarán 26 agencias del Estado."));
}

static void test_group_across_languages(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    concord_grouper *g = concord_grouper_new();
    S_add_week(g, az);
    concord_grouper_run(g);
    size_t strike = concord_grouper_story_of(g, "strike-en1");
    size_t budget = concord_grouper_story_of(g, "budget-en1");
    assert_int_not_equal(strike, budget);
    assert_int_equal(concord_grouper_story_of(g, "strike-en2"), strike);
    assert_int_equal(concord_grouper_story_of(g, "budget-en2"), budget);
    /* the German and the Russian report join the strike */
    assert_int_equal(concord_grouper_story_of(g, "strike-de"), strike);
    assert_int_equal(concord_grouper_story_of(g, "strike-ru"), strike);
    /* the Spanish budget report shares the country, the capital and the
     * president with the strike, but not its figures: it does not join it */
    assert_int_not_equal(concord_grouper_story_of(g, "budget-es"), strike);
    concord_grouper_free(g);
    concord_analyzer_free(az);
}

/* Days of the month are no figures: a German report of another event in
 * the same place and week that shares the strike's names and two of its
 * dates ("April 28", "28. April") does not join the strike. */
static void test_dates_are_not_figures(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    concord_grouper *g = concord_grouper_new();
    S_add_week(g, az);
    concord_grouper_add(
        g, S_feat(az, "airport-de", "2025-05-06", "Vendel eröffnet Flughafen in Kadrin",
                  "Präsident Oskar Vendel hat am Dienstag in Kadrin den neuen Regionalflughafen "
                  "eröffnet. Innenministerin Lena Dobrova und Gewerkschaftsführer Pavel Stern "
                  "nahmen an der Feier teil. Die Bauarbeiten hatten am 28. April des Vorjahres "
                  "begonnen, der erste Linienflug nach Teslov ist für den 14. Juni geplant. Der "
                  "Flughafen soll den Tourismus in Marvenia stärken."));
    concord_grouper_run(g);
    assert_int_not_equal(concord_grouper_story_of(g, "airport-de"),
                         concord_grouper_story_of(g, "strike-en1"));
    assert_int_equal(concord_grouper_story_of(g, "strike-de"),
                     concord_grouper_story_of(g, "strike-en1"));
    concord_grouper_free(g);
    concord_analyzer_free(az);
}

/* Amounts meet with their scale words: "$2.4 billion" and "2.400 millones
 * de dólares", "350 million" and "350 millones" (the Spanish report shares
 * no other figure with the English ones). */
static void test_scaled_figures(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(
        g, S_feat(az, "port-en1", "2025-06-02", "Marvenia and Oltria sign $2.4 billion port deal",
                  "Marvenia and Oltria signed a port agreement worth $2.4 billion on Monday in "
                  "the Oltrian city of Brask, Foreign Minister Ivo Marek said. Oltria will invest "
                  "350 million euros in new quays at the Marvenian port of Selna, and ships of "
                  "both countries will pay lower fees."));
    concord_grouper_add(
        g, S_feat(az, "port-en2", "2025-06-02", "Selna port to get new quays under Oltria deal",
                  "Oltria is to build new quays at Selna under a $2.4 billion deal signed in "
                  "Brask, Marvenia's Foreign Minister Ivo Marek said on Monday. The Oltrian "
                  "share of the work is 350 million euros."));
    concord_grouper_add(
        g, S_feat(az, "port-es", "2025-06-03", "Marvenia y Oltria firman un acuerdo portuario",
                  "Marvenia y Oltria firmaron el lunes en la ciudad de Brask un acuerdo portuario "
                  "valorado en 2.400 millones de dólares, según el ministro de Asuntos Exteriores "
                  "Ivo Marek. Oltria invertirá 350 millones de euros en nuevos muelles del puerto "
                  "de Selna."));
    concord_grouper_run(g);
    assert_int_equal(concord_grouper_story_of(g, "port-es"),
                     concord_grouper_story_of(g, "port-en1"));
    concord_grouper_free(g);
    concord_analyzer_free(az);
}

/* A week apart (beyond the window), the same German report stays apart
 * from the English story even with every name and figure shared. */
static void test_across_languages_time(void **state)
{
    (void)state;
    concord_analyzer *az = concord_analyzer_new("auto");
    concord_grouper *g = concord_grouper_new();
    concord_grouper_add(
        g, S_feat(az, "strike-en1", "2025-05-05",
                  "Marvenia: 2,350 detained as miners' strike turns violent",
                  "TESLOV - Marvenia's Interior Minister Lena Dobrova said on Monday that 2,350 "
                  "people had been detained and 640 injured after a strike at the coal mines of "
                  "Kadrin turned into street battles with police. Eighteen people were killed, "
                  "among them 11 police officers, the ministry said. President Oskar Vendel "
                  "declared a state of emergency in Kadrin for 30 days."));
    concord_grouper_add(
        g, S_feat(az, "strike-de-late", "2025-06-20",
                  "Marvenia: 2.350 Festnahmen nach Bergarbeiterstreik",
                  "Nach gewaltsamen Zusammenstößen im Bergbaugebiet von Kadrin sind in Marvenia "
                  "nach Angaben von Innenministerin Lena Dobrova 2.350 Menschen festgenommen "
                  "worden, 640 wurden verletzt. Präsident Oskar Vendel verhängte für 30 Tage "
                  "den Ausnahmezustand."));
    concord_grouper_run(g);
    assert_int_not_equal(concord_grouper_story_of(g, "strike-de-late"),
                         concord_grouper_story_of(g, "strike-en1"));
    concord_grouper_free(g);
    concord_analyzer_free(az);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transliteration),        cmocka_unit_test(test_stemming_per_language),
        cmocka_unit_test(test_group_across_languages), cmocka_unit_test(test_dates_are_not_figures),
        cmocka_unit_test(test_scaled_figures),         cmocka_unit_test(test_across_languages_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
