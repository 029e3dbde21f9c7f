/* Unit tests for the figures module: extraction patterns, what is not a
 * count, qualifiers and ranges, status and estimate, JSON and the table,
 * bad input, and the five seed reports (skipped when ../shared/seeds is
 * absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "concord.h"

/* Reports of one text (no doc: the module splits sentences itself). */
static concord_figure_report *S_x(const char *text, size_t *n)
{
    return concord_figures_extract(text, strlen(text), NULL, n);
}

/* The first report of a measure, or NULL. */
static const concord_figure_report *S_find(const concord_figure_report *r, size_t n,
                                           concord_figure_measure m)
{
    for (size_t i = 0; i < n; i++)
        if (r[i].measure == m)
            return &r[i];
    return NULL;
}

static void S_expect(const char *text, concord_figure_measure m, double value, const char *subject)
{
    size_t n;
    concord_figure_report *r = S_x(text, &n);
    const concord_figure_report *f = S_find(r, n, m);
    if (!f) {
        print_error("no %s report in: %s\n", concord_figure_measure_name(m), text);
        fail();
    }
    if (f->value != value) {
        print_error("%s: expected %g, got %g in: %s\n", concord_figure_measure_name(m), value,
                    f->value, text);
        fail();
    }
    if (subject && strcmp(f->subject, subject) != 0) {
        print_error("subject: expected %s, got %s in: %s\n", subject, f->subject, text);
        fail();
    }
    assert_true(f->start <= f->num_start && f->num_end <= f->end && f->end <= strlen(text));
    free(r);
}

/* Measures of quantities that are no event count (ages, distances, plain
 * counts of things...): S_expect_none ignores them, S_expect_nothing not. */
static int S_typed(concord_figure_measure m)
{
    return m >= CONCORD_FIG_AGE && m <= CONCORD_FIG_COUNT;
}

/* No event count (killed, injured, troops, money...) in text. */
static void S_expect_none(const char *text)
{
    size_t n;
    concord_figure_report *r = S_x(text, &n);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (!S_typed(r[i].measure))
            r[w++] = r[i];
    n = w;
    if (n) {
        print_error("unexpected %s %g (\"%.*s\") in: %s\n",
                    concord_figure_measure_name(r[0].measure), r[0].value,
                    (int)(r[0].end - r[0].start), text + r[0].start, text);
        fail();
    }
    free(r);
}

/* No quantity at all in text (dates, times, addresses, labels). */
static void S_expect_nothing(const char *text)
{
    size_t n;
    concord_figure_report *r = S_x(text, &n);
    if (n) {
        print_error("unexpected %s %g (\"%.*s\") in: %s\n",
                    concord_figure_measure_name(r[0].measure), r[0].value,
                    (int)(r[0].end - r[0].start), text + r[0].start, text);
        fail();
    }
    free(r);
}

/* The first report of measure m has value, unit and normalised value. */
static void S_expect_unit(const char *text, concord_figure_measure m, double value,
                          const char *unit, double normalized)
{
    size_t n;
    concord_figure_report *r = S_x(text, &n);
    const concord_figure_report *f = S_find(r, n, m);
    if (!f || f->value != value || !f->unit || strcmp(f->unit, unit) != 0 ||
        fabs(concord_figure_normalized(f, f->value) - normalized) >
            1e-6 * fabs(normalized) + 1e-9) {
        print_error("expected %s %g %s (%g) in: %s; got %s %g %s (%g)\n",
                    concord_figure_measure_name(m), value, unit, normalized, text,
                    f ? concord_figure_measure_name(f->measure) : "none", f ? f->value : 0,
                    f && f->unit ? f->unit : "-", f ? concord_figure_normalized(f, f->value) : 0);
        fail();
    }
    free(r);
}

static void test_units(void **state)
{
    (void)state;
    S_expect_unit("The project costs $1.5 trillion.", CONCORD_FIG_MONEY, 1.5e12, "USD", 1.5e12);
    S_expect_unit("The fund holds 200 million euros.", CONCORD_FIG_MONEY, 2e8, "EUR", 2e8);
    S_expect_unit("The deal is worth Rs 5 crore.", CONCORD_FIG_MONEY, 5, "INR", 5e7);
    S_expect_unit("Thieves took jewellery worth \u00a388m.", CONCORD_FIG_MONEY, 88e6, "GBP", 88e6);
    S_expect_unit("Prices rose 10% last year.", CONCORD_FIG_PERCENT, 10, "%", 10);
    S_expect_unit("Support fell by nine percentage points.", CONCORD_FIG_PERCENT, 9, "pp", 9);
    S_expect_unit("A 35-year-old man was arrested.", CONCORD_FIG_AGE, 35, "a", 35);
    S_expect_unit("The 4-month-old was unhurt.", CONCORD_FIG_AGE, 4, "a", 4 / 12.0);
    S_expect_unit("John Smith, 19, of Dallas, was charged.", CONCORD_FIG_AGE, 19, "a", 19);
    S_expect_unit("Troops will leave within 48 hours.", CONCORD_FIG_DURATION, 48, "s", 172800);
    S_expect_unit("They chased him for 48km at up to 193km/h.", CONCORD_FIG_DISTANCE, 48, "m",
                  48000);
    S_expect_unit("They chased him for 48km at up to 193km/h.", CONCORD_FIG_SPEED, 193, "m/s",
                  193 / 3.6);
    S_expect_unit("He was driving at 90 mph.", CONCORD_FIG_SPEED, 90, "m/s", 90 * 0.44704);
    S_expect_unit("Police seized 12 kilograms of cocaine.", CONCORD_FIG_WEIGHT, 12, "kg", 12);
    S_expect_unit("The fire burned 3,000 acres.", CONCORD_FIG_AREA, 3000, "m2", 3000 * 4046.8564);
    S_expect_unit("The tank held 500 gallons.", CONCORD_FIG_VOLUME, 500, "m3", 500 * 0.003785412);
    S_expect_unit("It was 95 degrees Fahrenheit.", CONCORD_FIG_TEMPERATURE, 95, "Cel", 35);
    S_expect_unit("Hackers stole 40 gigabytes of data.", CONCORD_FIG_DATA, 40, "By", 4e10);
    S_expect_unit("Temperatures hit 30C on Monday.", CONCORD_FIG_TEMPERATURE, 30, "Cel", 30);
    S_expect_unit("Temperatures reached 30\u00b0C.", CONCORD_FIG_TEMPERATURE, 30, "Cel", 30);
    S_expect_unit("The 5-year plan ends soon.", CONCORD_FIG_DURATION, 5, "s", 5 * 31557600.0);
    S_expect_unit("He scored in the first 3\u00bd minutes.", CONCORD_FIG_DURATION, 3.5, "s", 210);
    S_expect_nothing("He lived in Apartment 30C.");
    S_expect_unit("Wayne Ellington scored 10 points.", CONCORD_FIG_SCORE, 10, "pt", 10);
    S_expect_unit("Police found two bullet holes.", CONCORD_FIG_COUNT, 2, "1", 2);
    S_expect_unit("A web search showed 233,000 pages.", CONCORD_FIG_COUNT, 233000, "1", 233000);
    S_expect_unit("Police said 12 people were killed.", CONCORD_FIG_KILLED, 12, "1", 12);
    /* a list shares its unit; ranges read both ends */
    S_expect_unit("Eight, 10, 12 years from now.", CONCORD_FIG_DURATION, 8, "s", 8 * 31557600.0);
    size_t n;
    concord_figure_report *r = S_x("He earned between $2,500 and $5,000 in interest.", &n);
    assert_true(n >= 1);
    assert_true(r[0].measure == CONCORD_FIG_MONEY && r[0].low == 2500 && r[0].high == 5000);
    assert_string_equal(r[0].unit, "USD");
    free(r);
    /* no quantity at all */
    S_expect_nothing("It happened at 9:30 p.m. on Jan. 9 in the 3100 block of Main Street.");
    S_expect_nothing("Officers found a .40-caliber handgun and called (816) 474-8477.");
    S_expect_nothing("He moved here in 2014 and lives at 2111 Tennessee St.");
    S_expect_nothing("One of them said either one would do.");
    /* "48 hours" and "two days" agree once normalised */
    const char *t1 = "Troops will leave within 48 hours.", *t2 = "Troops will leave in two days.";
    size_t n1, n2;
    concord_figure_report *r1 = S_x(t1, &n1), *r2 = S_x(t2, &n2);
    assert_true(n1 >= 1 && n2 >= 1);
    concord_figure_report *all = malloc((n1 + n2) * sizeof *all);
    memcpy(all, r1, n1 * sizeof *all);
    memcpy(all + n1, r2, n2 * sizeof *all);
    for (size_t i = 0; i < n1 + n2; i++)
        all[i].member = i < n1 ? 0 : 1;
    concord_figures *f = concord_figures_reconcile(all, n1 + n2, NULL, 2);
    int found = 0;
    for (size_t g = 0; g < f->n_figures; g++)
        if (f->figures[g].measure == CONCORD_FIG_DURATION) {
            found = 1;
            assert_int_equal(f->figures[g].n_reports, 2);
            assert_int_equal(f->figures[g].status, CONCORD_FIG_AGREE);
            assert_true(f->figures[g].estimate == 172800);
        }
    assert_true(found);
    concord_figures_free(f);
    free(r1);
    free(r2);
}

static void test_patterns(void **state)
{
    (void)state;
    S_expect("Police said 12 people were killed in the attack.", CONCORD_FIG_KILLED, 12, "people");
    S_expect("The gunman killed three people before fleeing.", CONCORD_FIG_KILLED, 3, "people");
    S_expect("The blast left 7 dead.", CONCORD_FIG_KILLED, 7, NULL);
    S_expect("The death toll rose to 164 on Sunday.", CONCORD_FIG_KILLED, 164, NULL);
    S_expect("A man was shot and killed on Main Street.", CONCORD_FIG_KILLED, 1, "people");
    S_expect("Two people were shot, one fatally.", CONCORD_FIG_KILLED, 1, NULL);
    S_expect("The crash left one dead and three injured.", CONCORD_FIG_INJURED, 3, NULL);
    S_expect("A man was killed and two others were wounded.", CONCORD_FIG_INJURED, 2, "people");
    S_expect("No one was hurt in the fire.", CONCORD_FIG_INJURED, 0, NULL);
    S_expect("Nobody was killed.", CONCORD_FIG_KILLED, 0, NULL);
    S_expect("Two men and a woman were killed.", CONCORD_FIG_KILLED, 3, "people");
    S_expect("Twenty-five protesters were arrested.", CONCORD_FIG_DETAINED, 25, "protesters");
    S_expect("About 2.5 million people were displaced by the floods.", CONCORD_FIG_DISPLACED,
             2500000, "people");
    S_expect("Two dozen people remain missing.", CONCORD_FIG_MISSING, 24, "people");
    S_expect("The alliance sent 2,030 troops.", CONCORD_FIG_TROOPS, 2030, "troops");
    S_expect("It sent 250 pieces of military hardware.", CONCORD_FIG_EQUIPMENT, 250, "hardware");
    S_expect("The project costs $1.5 trillion.", CONCORD_FIG_MONEY, 1.5e12, "money");
    S_expect("Prices rose 10% last year.", CONCORD_FIG_PERCENT, 10, "percent");
    S_expect("The withdrawal would take no more than 10 days.", CONCORD_FIG_DURATION, 10,
             "duration");
    S_expect("Troops will leave within 48 hours.", CONCORD_FIG_DURATION, 48, "duration");
    S_expect("Eight police officers and national guard members were killed.", CONCORD_FIG_KILLED, 8,
             "security forces");
    S_expect("More than a dozen police, national guards and soldiers were killed.",
             CONCORD_FIG_KILLED, 12, "security forces");
    S_expect("Dozens of people were evacuated.", CONCORD_FIG_EVACUATED, 24, "people");
    S_expect("Police said Bethea died at the hospital.", CONCORD_FIG_KILLED, 1, "people");
    S_expect("Two men were charged in the shooting death of a 4-year-old boy.", CONCORD_FIG_KILLED,
             1, "children");
    S_expect("Police say a five-year-old shot his uncle in the head.", CONCORD_FIG_INJURED, 1,
             NULL);
    S_expect_none("No one else was injured."); /* nobody more, not a total of zero */
    S_expect("Smith was injured Sunday.", CONCORD_FIG_INJURED, 1, "people"); /* one, not two */
    S_expect_none("Five attempted murders were reported.");
    /* "one of the three men": the inner count is the figure */
    S_expect("Smith was one of the three men fatally shot on Monday.", CONCORD_FIG_KILLED, 3, NULL);
    S_expect_none("Byron Devore of 2111 Tennessee St was arrested.");
    S_expect_none("The victims, between 20 and 26 years old, were hurt.");
    /* a past event or a statistic is background */
    size_t nb;
    concord_figure_report *rb = S_x("Last year, four men were wounded on the same block.", &nb);
    assert_int_equal(nb, 1);
    assert_true(rb[0].background && rb[0].value == 4);
    free(rb);
    /* headline without articles */
    size_t n;
    concord_article *a =
        concord_article_new("t1", "x", "", "2020-01-02", "Boy, 9, dies after shooting",
                            "Police are investigating.", 25);
    concord_member m = {a, NULL, NULL};
    concord_figure_report *r = concord_figures_extract_member(&m, &n);
    const concord_figure_report *k = S_find(r, n, CONCORD_FIG_KILLED);
    assert_non_null(k);
    assert_true(k->value == 1 && k->in_title);
    free(r);
    /* a member analysed in another language gives no reports: the lexicons
     * are English ("4.200 personas" would read as 4.2) */
    concord_doc es = {0};
    memcpy(es.lang, "es", 3);
    m.doc = &es;
    r = concord_figures_extract_member(&m, &n);
    assert_null(r);
    assert_int_equal(n, 0);
    concord_article_free(a);
}

static void test_shot_derived(void **state)
{
    (void)state;
    /* shot counts become one derived injured report: shot - killed */
    size_t n;
    concord_figure_report *r = S_x("Four people were shot. One of them died at the hospital.", &n);
    const concord_figure_report *inj = S_find(r, n, CONCORD_FIG_INJURED);
    assert_non_null(inj);
    assert_true(inj->derived);
    assert_true(inj->shot == 4 && inj->value == 3);
    free(r);
    /* an explicit injured count in the story wins over a derived one */
    r = S_x("Three people were shot. Two were wounded.", &n);
    concord_figures *f = concord_figures_reconcile(r, n, NULL, 1);
    assert_true(concord_figures_total(f, CONCORD_FIG_INJURED) == 2);
    concord_figures_free(f);
    /* with an active verb the object is the victim, not the gunman */
    r = S_x("A man shot his wife.", &n);
    assert_int_equal(n, 1);
    assert_true(r[0].value == 1 && r[0].start == 6);
    free(r);
    S_expect_none("The girl was not hurt.");
}

/* Second-pass rules: lists of names, "another", ages in apposition before a
 * measure, hypotheticals, bullets, "survived by", the victim who died, and
 * sentences about earlier years. */
static void test_victims(void **state)
{
    (void)state;
    S_expect("He opened fire, killing Jacinta Walker, 18, and Aveion Bolden, 20, police said.",
             CONCORD_FIG_KILLED, 2, "people");
    S_expect("Veondus Dennis and Antwan Wheeler were killed on May 10.", CONCORD_FIG_KILLED, 2,
             NULL);
    S_expect("Three people were killed, and another injured in the shooting.", CONCORD_FIG_INJURED,
             1, NULL);
    S_expect("Police said another eight people were injured.", CONCORD_FIG_INJURED, 8, NULL);
    S_expect_none("She said her son could have been dead.");
    S_expect_none("He told friends he was ready to die.");
    S_expect_none("He is survived by his wife and two children.");
    S_expect_none("The gunman fired at least six shots into the crowd.");
    S_expect_none("\u201cI\u2019m dead,\u201d he said.");
    S_expect("A security guard fatally shot Earnest Sneed and Seth Easley, police said.",
             CONCORD_FIG_KILLED, 2, NULL);
    S_expect("Police say a 4-year-old boy accidentally shot and killed himself.",
             CONCORD_FIG_KILLED, 1, NULL);
    S_expect("Police said the shooting death of 17-year-old Jaylene Cruz was an accident.",
             CONCORD_FIG_KILLED, 1, NULL);
    S_expect("Image 9 of 12 A woman died and three men were wounded.", CONCORD_FIG_KILLED, 1, NULL);
    /* "5 People Shot, 1 Fatally": the 1 is a count, not an age */
    concord_article *a =
        concord_article_new("t", "s", "", "2015-03-01", "5 People Shot, 1 Fatally", "", 0);
    concord_member m;
    memset(&m, 0, sizeof m);
    m.article = a;
    size_t n;
    concord_figure_report *r = concord_figures_extract_member(&m, &n);
    const concord_figure_report *k = S_find(r, n, CONCORD_FIG_KILLED);
    assert_non_null(k);
    assert_true(k->value == 1);
    free(r);
    concord_article_free(a);
    /* a sentence naming an earlier year than the article's is background */
    const char *text = "A boy was shot on Sunday. At least 100 children were killed in "
                       "unintentional shootings between December 2012 and December 2013.";
    a = concord_article_new("t", "s", "", "2015-02-22", "", text, strlen(text));
    memset(&m, 0, sizeof m);
    m.article = a;
    concord_figures *f = concord_figures_explain(&m, 1);
    assert_true(concord_figures_total(f, CONCORD_FIG_KILLED) < 0);
    concord_figures_free(f);
    concord_article_free(a);
    /* a lone victim "in critical condition" in a story with a death is most
     * often the one who died; another victim in the death's sentence is not */
    r = S_x(
        "A man was shot and killed on Friday. He was taken to the hospital with life-threatening "
        "injuries.",
        &n);
    f = concord_figures_reconcile(r, n, NULL, 1);
    assert_true(concord_figures_total(f, CONCORD_FIG_KILLED) == 1);
    assert_true(concord_figures_total(f, CONCORD_FIG_INJURED) < 0);
    concord_figures_free(f);
    r = S_x("A man was killed and a woman was wounded.", &n);
    f = concord_figures_reconcile(r, n, NULL, 1);
    assert_true(concord_figures_total(f, CONCORD_FIG_INJURED) == 1);
    concord_figures_free(f);
    r = S_x("A man was shot and killed. A 24-year-old woman also was injured.", &n);
    f = concord_figures_reconcile(r, n, NULL, 1);
    assert_true(concord_figures_total(f, CONCORD_FIG_INJURED) == 1);
    concord_figures_free(f);
    /* a lone victim said to be alive is not the one who died */
    r = S_x("A man was shot and killed on Friday. The woman is in stable condition.", &n);
    f = concord_figures_reconcile(r, n, NULL, 1);
    assert_true(concord_figures_total(f, CONCORD_FIG_INJURED) == 1);
    concord_figures_free(f);
    /* "suffered a gunshot wound" is an injury */
    r = S_x("A man suffered a gunshot wound to the leg.", &n);
    assert_non_null(S_find(r, n, CONCORD_FIG_INJURED));
    free(r);
    /* victims named one by one across sentences add up; a place is no victim */
    text =
        "Trevor Williams, a 33-year-old man, was shot and killed Friday. Williams fired at a "
        "car, killing Jacinta Walker, 18, and Aveion Bolden, 20, of Vermont Knolls, police said.";
    a = concord_article_new("t", "s", "", "2015-06-14", "", text, strlen(text));
    memset(&m, 0, sizeof m);
    m.article = a;
    r = concord_figures_extract_member(&m, &n);
    k = S_find(r, n, CONCORD_FIG_KILLED);
    assert_non_null(k);
    assert_true(k->value == 3 && k->inferred);
    free(r);
    concord_article_free(a);
    /* "one ... and three others": the others add up, unless a death comes between */
    text = "One person was critically wounded and three others are in stable condition.";
    a = concord_article_new("t", "s", "", "2015-06-14", "", text, strlen(text));
    memset(&m, 0, sizeof m);
    m.article = a;
    r = concord_figures_extract_member(&m, &n);
    k = S_find(r, n, CONCORD_FIG_INJURED);
    assert_non_null(k);
    assert_true(k->value == 4 && k->inferred);
    free(r);
    concord_article_free(a);
    text = "One man was wounded. A woman died at the scene. Three others were hurt.";
    a = concord_article_new("t", "s", "", "2015-06-14", "", text, strlen(text));
    memset(&m, 0, sizeof m);
    m.article = a;
    r = concord_figures_extract_member(&m, &n);
    k = S_find(r, n, CONCORD_FIG_INJURED);
    assert_true(k == NULL || !k->inferred);
    free(r);
    concord_article_free(a);
}

static void test_not_counts(void **state)
{
    (void)state;
    S_expect_none("The 18-year-old suspect is 18 years old; he moved here in 2014.");
    S_expect_nothing("It happened at 9:30 p.m. on Jan. 9 in the 3100 block of Main Street.");
    S_expect_none("Officers found a .40-caliber handgun and called (816) 474-8477.");
    S_expect_none("He finished 2nd, and the score was 24-17.");
    S_expect_none("The Collective Security Treaty Organization is an eight-member bloc.");
    S_expect_none("John Smith, 19, of Dallas, was charged.");
    S_expect_none("The victims, ages 13, 17 and 19, were released.");
    S_expect_none("He watched KPRC 2 Houston news at 10.");
}

static void S_check_interval(const char *text, double value, double low, double high, const char *q)
{
    size_t n;
    concord_figure_report *r = S_x(text, &n);
    assert_true(n >= 1);
    if (r[0].value != value || r[0].low != low || r[0].high != high) {
        print_error("%s: got %g [%g,%g]\n", text, r[0].value, r[0].low, r[0].high);
        fail();
    }
    if (q)
        assert_string_equal(r[0].qualifier, q);
    free(r);
}

static void test_qualifiers_ranges(void **state)
{
    (void)state;
    S_check_interval("At least 5,800 people were detained.", 5800, 5800, INFINITY, "at least");
    S_check_interval("As many as 5,800 people were detained.", 5800, 0, 5800, "as many as");
    S_check_interval("More than 2,000 were injured.", 2000, 2000, INFINITY, "more than");
    S_check_interval("Between 10 and 15 people were killed.", 10, 10, 15, "between");
    S_check_interval("10 to 15 people were killed.", 10, 10, 15, "between");
    S_check_interval("Between 15 and 10 people were killed.", 10, 10, 15,
                     "between");                                     /* unbalanced */
    S_check_interval("Dozens were injured.", 24, 24, 200, "dozens"); /* [24, 200) */
    size_t n;
    concord_figure_report *r = S_x("The toll rose from 10 to 15.", &n);
    size_t n_killed = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].measure == CONCORD_FIG_KILLED) {
            n_killed++;
            assert_true(r[i].value == 15);
        }
    assert_int_equal(n_killed, 1);
    free(r);
}

static concord_figure_report S_rep(size_t member, concord_figure_measure m, double v, double lo,
                                   double hi, int lo_strict)
{
    concord_figure_report r;
    memset(&r, 0, sizeof r);
    r.member = member;
    r.measure = m;
    strcpy(r.subject, "people");
    r.value = v, r.low = lo, r.high = hi, r.low_strict = lo_strict;
    r.start = 0, r.end = 1;
    return r;
}

static void test_status_estimate(void **state)
{
    (void)state;
    const char *dates[] = {"2022-01-10", "2022-01-11", "2022-01-12"};
    /* "more than 2,000" and 2,030 differ; 2,030 and 2,500 conflict */
    concord_figure_report *r = malloc(3 * sizeof *r);
    r[0] = S_rep(0, CONCORD_FIG_TROOPS, 2000, 2000, INFINITY, 1);
    r[1] = S_rep(1, CONCORD_FIG_TROOPS, 2030, 2030, 2030, 0);
    concord_figures *f = concord_figures_reconcile(r, 2, dates, 2);
    assert_int_equal(f->n_figures, 1);
    assert_int_equal(f->figures[0].status, CONCORD_FIG_DIFFER);
    assert_true(f->figures[0].estimate == 2030);
    assert_false(concord_figures_has_conflict(f));
    concord_figures_free(f);
    r = malloc(3 * sizeof *r);
    r[0] = S_rep(0, CONCORD_FIG_KILLED, 8, 8, 8, 0);
    r[1] = S_rep(1, CONCORD_FIG_KILLED, 12, 12, INFINITY, 1);
    f = concord_figures_reconcile(r, 2, dates, 2);
    assert_int_equal(f->figures[0].status, CONCORD_FIG_CONFLICT);
    assert_true(concord_figures_has_conflict(f));
    concord_figures_free(f);
    /* tolls rise: the later report wins a one-to-one split; retracted never wins */
    r = malloc(3 * sizeof *r);
    r[0] = S_rep(0, CONCORD_FIG_KILLED, 3, 3, 3, 0);
    r[1] = S_rep(1, CONCORD_FIG_KILLED, 5, 5, 5, 0);
    r[2] = S_rep(2, CONCORD_FIG_KILLED, 164, 164, 164, 0);
    r[2].retracted = 1;
    f = concord_figures_reconcile(r, 3, dates, 3);
    assert_true(f->figures[0].estimate == 5);
    assert_int_equal(f->figures[0].status, CONCORD_FIG_CONFLICT);
    concord_figures_free(f);
    /* the same value everywhere agrees */
    r = malloc(2 * sizeof *r);
    r[0] = S_rep(0, CONCORD_FIG_EQUIPMENT, 250, 250, 250, 0);
    r[1] = S_rep(1, CONCORD_FIG_EQUIPMENT, 250, 250, 250, 0);
    f = concord_figures_reconcile(r, 2, dates, 2);
    assert_int_equal(f->figures[0].status, CONCORD_FIG_AGREE);
    concord_figures_free(f);
}

static void test_json_print(void **state)
{
    (void)state;
    const char *text = "According to the Interior Ministry, at least 5,800 people were detained. "
                       "The health ministry said 164 people were killed. The statement was later "
                       "withdrawn.";
    concord_article *a =
        concord_article_new("a1", "example.com", "", "2022-01-10", "Title", text, strlen(text));
    concord_member m = {a, NULL, NULL};
    concord_figures *f = concord_figures_explain(&m, 1);
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_adds(&b, "{\"story\":\"s\",\"figures\":");
    concord_figures_json(f, &m, 1, &b);
    concord_buf_adds(&b, "}");
    concord_json *j = concord_json_parse(b.data, b.len, NULL, NULL);
    assert_non_null(j);
    const concord_json *figs = concord_json_get(j, "figures");
    assert_non_null(figs);
    assert_int_equal(figs->len, 2);
    int saw_retracted = 0, saw_official = 0;
    for (size_t g = 0; g < figs->len; g++) {
        const concord_json *reps = concord_json_get(figs->items[g], "reports");
        for (size_t k = 0; k < reps->len; k++) {
            const concord_json *r = reps->items[k];
            const char *t = concord_json_get_str(r, "text");
            size_t s = (size_t)concord_json_get_num(r, "start", -1);
            size_t e = (size_t)concord_json_get_num(r, "end", -1);
            assert_true(e <= strlen(text) && s < e);
            assert_int_equal(strlen(t), e - s);
            assert_memory_equal(t, text + s, e - s);
            saw_retracted |= concord_json_get(r, "retracted")->type == CONCORD_JSON_TRUE;
            saw_official |= concord_json_get(r, "official")->type == CONCORD_JSON_TRUE;
        }
    }
    assert_true(saw_retracted && saw_official);
    /* the killed figure: all retracted, so no estimate */
    for (size_t g = 0; g < figs->len; g++)
        if (strcmp(concord_json_get_str(figs->items[g], "measure"), "killed") == 0)
            assert_int_equal(concord_json_get(figs->items[g], "estimate")->type, CONCORD_JSON_NULL);
    FILE *out = tmpfile();
    assert_int_equal(concord_figures_print(out, j, 1), 0);
    assert_true(ftell(out) > 0);
    fclose(out);
    concord_json_free(j);
    concord_buf_free(&b);
    concord_figures_free(f);
    concord_article_free(a);
}

static void test_bad_input(void **state)
{
    (void)state;
    size_t n;
    /* absurd numbers are skipped, never overflow */
    S_expect_none("10^400 people were killed.");
    concord_buf b;
    concord_buf_init(&b);
    for (int i = 0; i < 500; i++)
        concord_buf_addc(&b, (char)('1' + i % 9));
    concord_buf_adds(&b, " people were killed, and 1e308 were hurt.");
    concord_figure_report *r = S_x(b.data, &n);
    for (size_t i = 0; i < n; i++)
        assert_true(r[i].value <= CONCORD_FIG_VALUE_MAX);
    free(r);
    concord_buf_clear(&b);
    concord_buf_adds(&b, "999,999,999,999,999,999,999,999 troops and 1.2.3.4 soldiers.");
    r = S_x(b.data, &n);
    for (size_t i = 0; i < n; i++)
        assert_true(r[i].value <= CONCORD_FIG_VALUE_MAX);
    free(r);
    /* unbalanced ranges */
    r = S_x("Between 10 and people were killed. Between and 5 were hurt. 10 to", &n);
    free(r);
    r = S_x("between", &n);
    assert_int_equal(n, 0);
    free(r);
    /* a 1 MB figure sentence: bounded, no crash */
    concord_buf_clear(&b);
    while (b.len < (1u << 20))
        concord_buf_adds(&b, "at least 5 people and more than 2,000 troops were killed and ");
    concord_buf_adds(&b, "injured.");
    r = S_x(b.data, &n);
    assert_true(n > 0);
    free(r);
    /* other scripts pass through; invalid UTF-8 and NUL bytes do not crash */
    S_expect_nothing("Погибли 164 человека, в том числе 103 в Алматы.");
    const char junk[] = "\xff\xfe 12 \xe2\x80 people\0 were \xc3 killed \xf0\x9f\x98";
    r = concord_figures_extract(junk, sizeof junk - 1, NULL, &n);
    free(r);
    r = concord_figures_extract(NULL, 0, NULL, &n);
    assert_null(r);
    assert_int_equal(n, 0);
    concord_buf_free(&b);
}

/* ---- seeds ---------------------------------------------------------------- */

static const concord_figure *S_fig(const concord_figures *f, concord_figure_measure m,
                                   const char *subject, double value)
{
    for (size_t g = 0; g < f->n_figures; g++) {
        const concord_figure *fg = &f->figures[g];
        if (fg->measure != m || (subject && strcmp(fg->subject, subject) != 0))
            continue;
        for (size_t k = 0; k < fg->n_reports; k++)
            if (f->reports[fg->reports[k]].value == value)
                return fg;
    }
    return NULL;
}

static size_t S_articles_with(const concord_figures *f, const concord_figure *fg, double value,
                              int *retracted)
{
    size_t seen = 0;
    uint64_t mask = 0;
    for (size_t k = 0; k < fg->n_reports; k++) {
        const concord_figure_report *r = &f->reports[fg->reports[k]];
        if (r->value == value && r->member < 64 && !(mask & (1ull << r->member))) {
            mask |= 1ull << r->member;
            seen++;
        }
        if (r->value == value && r->retracted && retracted)
            *retracted = 1;
    }
    return seen;
}

static void test_seeds(void **state)
{
    (void)state;
    const char *src = getenv("CONCORD_SOURCE_DIR");
    char path[4096];
    static const char *const names[] = {"000_0fd8f39ac68630be", "001_6ac9cef874046774",
                                        "002_78210b9ba8132516", "003_cda58cf3099d18d8",
                                        "004_c3df940d23d449b0"};
    concord_article *arts[5];
    concord_clean *cl[5];
    concord_doc *docs[5];
    concord_member m[5];
    concord_analyzer *az = concord_analyzer_new("english");
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/../shared/seeds/%s.txt", src ? src : ".", names[i]);
        FILE *fp = fopen(path, "rb");
        if (!fp) {
            printf("seeds absent (%s): skipped\n", path);
            for (int k = 0; k < i; k++) {
                concord_doc_free(docs[k]);
                concord_clean_free(cl[k]);
                concord_article_free(arts[k]);
            }
            concord_analyzer_free(az);
            skip();
        }
        concord_buf b;
        concord_buf_init(&b);
        char tmp[4096];
        size_t got;
        while ((got = fread(tmp, 1, sizeof tmp, fp)) > 0)
            concord_buf_add(&b, tmp, got);
        fclose(fp);
        char *nl = memchr(b.data, '\n', b.len);
        size_t tl = nl ? (size_t)(nl - b.data) : b.len;
        char *title = concord_xstrndup(b.data, tl);
        const char *body = nl ? nl + 1 : b.data + b.len;
        arts[i] = concord_article_new(names[i], names[i], "", "2022-01-11", title, body,
                                      b.len - (size_t)(body - b.data));
        free(title);
        concord_buf_free(&b);
        cl[i] = concord_clean_article(arts[i]);
        docs[i] = concord_analyze(az, cl[i]->text, cl[i]->len);
        m[i].article = arts[i];
        m[i].clean = cl[i];
        m[i].doc = docs[i];
    }
    concord_figures *f = concord_figures_explain(m, 5);
    /* detained 5,800 and almost 8,000 side by side: differ or conflict */
    const concord_figure *det = S_fig(f, CONCORD_FIG_DETAINED, NULL, 5800);
    assert_non_null(det);
    assert_non_null(S_fig(f, CONCORD_FIG_DETAINED, det->subject, 8000));
    assert_true(det->status == CONCORD_FIG_DIFFER || det->status == CONCORD_FIG_CONFLICT);
    /* troops 2,030 vs 2,500 conflict */
    const concord_figure *tr = S_fig(f, CONCORD_FIG_TROOPS, "troops", 2030);
    assert_non_null(tr);
    assert_non_null(S_fig(f, CONCORD_FIG_TROOPS, "troops", 2500));
    assert_int_equal(tr->status, CONCORD_FIG_CONFLICT);
    /* security forces killed: eight vs more than a dozen conflict */
    const concord_figure *sf = S_fig(f, CONCORD_FIG_KILLED, "security forces", 8);
    assert_non_null(sf);
    assert_non_null(S_fig(f, CONCORD_FIG_KILLED, "security forces", 12));
    assert_int_equal(sf->status, CONCORD_FIG_CONFLICT);
    /* 250 pieces of hardware agree */
    const concord_figure *hw = S_fig(f, CONCORD_FIG_EQUIPMENT, NULL, 250);
    assert_non_null(hw);
    assert_int_equal(hw->status, CONCORD_FIG_AGREE);
    /* 164 killed reported by several seeds, retracted where withdrawn */
    const concord_figure *k = S_fig(f, CONCORD_FIG_KILLED, "people", 164);
    assert_non_null(k);
    int retracted = 0;
    assert_true(S_articles_with(f, k, 164, &retracted) >= 2);
    assert_true(retracted);
    /* over 2,000 injured found in several */
    const concord_figure *inj = S_fig(f, CONCORD_FIG_INJURED, "people", 2000);
    assert_non_null(inj);
    assert_true(S_articles_with(f, inj, 2000, NULL) >= 2);
    /* issue 15: the 100,000 troops on the border with Ukraine are another group */
    const concord_figure *tr2 = S_fig(f, CONCORD_FIG_TROOPS, NULL, 100000);
    assert_non_null(tr2);
    assert_true(tr2 != tr);
    /* "48 hours" and "two days" compare in one unit: one group, 172800 s */
    const concord_figure *du = S_fig(f, CONCORD_FIG_DURATION, NULL, 48);
    assert_non_null(du);
    assert_true(du == S_fig(f, CONCORD_FIG_DURATION, NULL, 2));
    assert_true(du == S_fig(f, CONCORD_FIG_DURATION, NULL, 10));
    assert_string_equal(du->unit, "s");
    assert_true(du->status == CONCORD_FIG_AGREE || du->status == CONCORD_FIG_DIFFER);
    /* "dozens" is an interval: no conflict with 164 */
    assert_true(k->status != CONCORD_FIG_CONFLICT);
    /* attribution is a speaker or an outlet: no "Monday said", no "estimates the number of" */
    for (size_t i = 0; i < f->n_reports; i++) {
        const concord_figure_report *r = &f->reports[i];
        if (r->attr_end <= r->attr_start || r->in_title)
            continue;
        const char *t = m[r->member].clean->text + r->attr_start;
        size_t n = r->attr_end - r->attr_start;
        assert_false(n >= 11 && memcmp(t, "Monday said", 11) == 0);
        assert_false(n >= 9 && memcmp(t, "estimates", 9) == 0);
        assert_false(n >= 5 && memcmp(t, "noted", 5) == 0);
    }
    /* JSON round trip */
    concord_buf b;
    concord_buf_init(&b);
    concord_figures_json(f, m, 5, &b);
    concord_json *j = concord_json_parse(b.data, b.len, NULL, NULL);
    assert_non_null(j);
    concord_json_free(j);
    concord_buf_free(&b);
    concord_figures_free(f);
    for (int i = 0; i < 5; i++) {
        concord_doc_free(docs[i]);
        concord_clean_free(cl[i]);
        concord_article_free(arts[i]);
    }
    concord_analyzer_free(az);
}

/* The story totals of one article (title, text). */
static void S_member_totals(const char *title, const char *text, double *killed, double *injured)
{
    concord_article *a = concord_article_new("t", "s", "", "2016-05-01", title, text, strlen(text));
    concord_member m;
    memset(&m, 0, sizeof m);
    m.article = a;
    concord_figures *f = concord_figures_explain(&m, 1);
    *killed = concord_figures_total(f, CONCORD_FIG_KILLED);
    *injured = concord_figures_total(f, CONCORD_FIG_INJURED);
    concord_figures_free(f);
    concord_article_free(a);
}

/* Rules of the second accuracy pass (doc/figures.md). */
/* The story total of a measure over articles given as texts (one member
 * each). */
static double S_story_total(const char *const *texts, size_t n_texts, concord_figure_measure m)
{
    concord_figure_report *all = NULL;
    size_t n_all = 0;
    for (size_t t = 0; t < n_texts; t++) {
        size_t n;
        concord_figure_report *r = S_x(texts[t], &n);
        all = realloc(all, (n_all + n + 1) * sizeof *all);
        assert_non_null(all);
        for (size_t q = 0; q < n; q++) {
            r[q].member = t;
            all[n_all++] = r[q];
        }
        free(r);
    }
    concord_figures *f = concord_figures_reconcile(all, n_all, NULL, n_texts);
    double v = concord_figures_total(f, m);
    concord_figures_free(f);
    return v;
}

static void test_lead_groups(void **state)
{
    (void)state;
    /* a figure no article leads with and only one states is not the total */
    const char *one[] = {
        ("A man was shot and killed on Friday. The shooting deaths of two children remain "
         "unsolved."),
        "A man was shot and killed on Friday night.",
        "A man was killed in a shooting on Friday.",
    };
    assert_true(S_story_total(one, 3, CONCORD_FIG_KILLED) == 1);
    /* two articles stating it keep it */
    const char *two[] = {
        ("A man was shot and killed on Friday. The shooting deaths of two children remain "
         "unsolved."),
        ("A man was shot and killed on Friday night. The shooting deaths of two children remain "
         "unsolved."),
    };
    assert_true(S_story_total(two, 2, CONCORD_FIG_KILLED) == 2);
    /* one article: every group counts, as before */
    assert_true(S_story_total(one, 1, CONCORD_FIG_KILLED) == 2);
    /* a single victim an article speaks of is at least one hurt, not only one */
    const char *hurt[] = {
        "Two people were injured in a shooting on Friday.",
        "The victim was hospitalized in stable condition.",
        "The victim was treated at a hospital for a gunshot wound.",
    };
    assert_true(S_story_total(hurt, 3, CONCORD_FIG_INJURED) == 2);
}

static void test_second_pass(void **state)
{
    (void)state;
    /* partitives are lower bounds */
    S_check_interval("Two of the victims were critically wounded.", 2, 2, INFINITY, NULL);
    /* a count before an apposition closed right before its verb */
    S_expect("Two people, a 14-year-old and an 18-year-old, were injured.", CONCORD_FIG_INJURED, 2,
             NULL);
    S_expect("Three victims, a 25-year-old man, a 26-year-old man, and a 33-year-old man, were "
             "all taken to a hospital for treatment of non-life threatening injuries.",
             CONCORD_FIG_INJURED, 3, NULL);
    S_expect("Three other men, ages 25, 26, and 33, were injured.", CONCORD_FIG_INJURED, 3, NULL);
    /* "Roary, 12, and Ian Roary, 10, fatally shot": an age is no count with an apposition */
    {
        size_t n;
        concord_figure_report *r =
            S_x("Police found Kyle Roary, 12, and Ian Roary, 10, fatally shot.", &n);
        for (size_t q = 0; q < n; q++)
            assert_false(r[q].measure == CONCORD_FIG_KILLED && r[q].value == 12);
        free(r);
    }
    /* "17-year-olds" are ages, and count after "and" */
    S_expect("Gunfire wounded a 13-year-old and two 17-year-olds.", CONCORD_FIG_INJURED, 3, NULL);
    S_expect_unit("They were two 17-year-olds.", CONCORD_FIG_AGE, 17, "a", 17);
    /* "the shootings of four people": people shot */
    S_expect("Police are investigating the shootings of four people on Tuesday night.",
             CONCORD_FIG_INJURED, 4, NULL);

    double k, i;
    /* a shooter who took his own life is one more than his victims */
    S_member_totals("Police investigate store shooting",
                    "A gunman killed two people at a store on Sunday and then killed himself, "
                    "police said.",
                    &k, &i);
    assert_true(k == 3);
    /* a headline counting only the hurt: the text's deaths are other shootings */
    S_member_totals("Five wounded in club shooting",
                    "Five people were wounded early Sunday "
                    "outside the club. In March, a man was killed at the same club.",
                    &k, &i);
    assert_true(k < 1 && i == 5);
    /* a round-up headline: its totals are no one incident's */
    S_member_totals("15 wounded in shootings citywide",
                    "Fifteen people were wounded in "
                    "shootings across the city. A 19-year-old man was wounded on Main Street.",
                    &k, &i);
    assert_true(i == 1);
    /* a survivor who is none of the identified dead is not set aside */
    S_member_totals("Man killed in shooting",
                    "Lavontay Allen was killed on Sunday night. "
                    "Watts was treated for a gunshot wound at a hospital.",
                    &k, &i);
    assert_true(k == 1 && i == 1);
    /* "among the injured": at least */
    S_check_interval("Two young children are among the critically injured.", 2, 2, INFINITY, NULL);
    /* a capitalized determiner before a person noun is no name */
    S_expect_none("Numerous people were injured in the shooting.");
    /* an age after "Jr." is no count */
    {
        size_t n;
        concord_figure_report *r =
            S_x("Norris Greenhouse Jr., 32, was shot and killed by officers.", &n);
        for (size_t q = 0; q < n; q++)
            assert_false(r[q].measure == CONCORD_FIG_KILLED && r[q].value == 32);
        free(r);
    }
    S_expect("Norris Greenhouse Jr., 32, was shot and killed by officers.", CONCORD_FIG_KILLED, 1,
             NULL);
    /* victims who walked into a hospital are besides those counted before */
    S_member_totals("Police investigate shooting",
                    "An adult female was shot and taken to the hospital with non-life "
                    "threatening injuries. Later, 6 adults walked into the hospital with "
                    "non-life threatening gunshot wounds.",
                    &k, &i);
    assert_true(i == 7);
    /* "He’s" is no name */
    S_expect_none("\u201cHe\u2019s dead,\u201d a caller said.");
}

/* Rules of the fourth accuracy pass (doc/figures.md, branch figs2). */
static void test_fourth_pass(void **state)
{
    (void)state;
    double k, i;
    /* "half-dozen" is six, "6 yr old" an age */
    S_expect("A half-dozen people were shot overnight.", CONCORD_FIG_INJURED, 6, NULL);
    S_expect_unit("Police found a 6 yr old boy.", CONCORD_FIG_AGE, 6, "a", 6);
    /* a death right before the victim decides over a later "was shot" */
    S_expect("Two teens were charged in the shooting death of a 15-year-old boy who was shot in "
             "the head.",
             CONCORD_FIG_KILLED, 1, NULL);
    /* "shot another teen, killing him": a death, and "another" is no second victim */
    S_member_totals("Teen arrested", "He accidentally shot another teen, killing him.", &k, &i);
    assert_true(k == 1 && i < 1);
    /* a pronoun's death after a singular injury of one sentence: one victim */
    S_member_totals("Child dies",
                    "The victim was transported to a hospital with life-threatening injuries "
                    "where she was later pronounced dead.",
                    &k, &i);
    assert_true(k == 1 && i < 1);
    /* a list of names with an Oxford comma and "all" before "suffered" */
    S_expect("Robinson, Thomas, Doe, and Turner all suffered injuries.", CONCORD_FIG_INJURED, 4,
             NULL);
    /* headlines of stubs: a victim without a count, ages are no counts */
    S_member_totals("13-year-old's toe grazed by bullet at strip mall", "Subscribe now.", &k, &i);
    assert_true(i == 1);
    S_member_totals("4-year-old hit by stray bullet", "Read more.", &k, &i);
    assert_true(i == 1);
    S_member_totals("Sheriff's office investigating deadly shooting", "Read more.", &k, &i);
    assert_true(k == 1);
    S_member_totals("Deputies investigate murder-suicide", "Read more.", &k, &i);
    assert_true(k == 2);
    /* "last week" is background */
    S_member_totals("Four men shot near park",
                    "Four men were shot near the park on Tuesday. A 19-year-old man was shot and "
                    "killed on the same block last week.",
                    &k, &i);
    assert_true(k < 1 && i == 4);
    /* "Roundup" names a round-up headline */
    S_member_totals("Man shoots ex-wife and her brother: City Roundup",
                    "Three people were hurt in two shootings on Monday. A woman was wounded in "
                    "her home.",
                    &k, &i);
    assert_true(i == 1);
    /* lines of a video list are no text */
    S_member_totals("Toddler injured in shooting",
                    "A toddler was wounded on Friday.\n0:50 One dead after shooting involving "
                    "officer\n1:19 Autopsy results revealed",
                    &k, &i);
    assert_true(k < 1 && i == 1);
    /* "one of N" with a singular verb counts the one */
    S_expect("One of two men shot late Monday dies.", CONCORD_FIG_KILLED, 1, NULL);
    /* a zero of a place is no total */
    S_expect_none("No one on the bus was injured.");
    /* a round-up headline's own single victim stays */
    S_member_totals("17-year-old shot during the holiday weekend", "Read more.", &k, &i);
    assert_true(i == 1);
}

/* Rules of the sixth pass (doc/figures.md, branch figs4). */
static void test_sixth_pass(void **state)
{
    (void)state;
    double k, i;
    /* a headline counting over hours is a round-up: its totals are set aside */
    S_member_totals("11 shot, 3 dead in less than 30 hours in the city",
                    "A man was wounded on Main Street on Friday.", &k, &i);
    assert_true(k < 1 && i == 1);
    S_member_totals("2 killed, 4 wounded over 8 hours Monday", "A woman was wounded in her home.",
                    &k, &i);
    assert_true(k < 1 && i == 1);
    S_member_totals("14 shot, one fatally, since 8 p.m.", "Two men were wounded on Main Street.",
                    &k, &i);
    assert_true(i == 2); /* not 13 (14 shot less the one dead) */
    /* "hours after" or a standoff's hours are no span of counts */
    S_member_totals("Man dies hours after shooting; 2 wounded", "Read more.", &k, &i);
    assert_true(i == 2);
    /* an officer and another person: two people */
    S_member_totals("Officer, suspect wounded in exchange of gunfire", "Read more.", &k, &i);
    assert_true(i == 2);
    S_expect("A deputy and a man were wounded in the shootout.", CONCORD_FIG_INJURED, 2, NULL);
    /* a parent's children belong to the parent: the verb is the parent's */
    S_member_totals("Father of 5 killed in shooting that left another six injured", "Read more.",
                    &k, &i);
    assert_true(k == 1 && i == 6);
    S_expect("A father of three was killed on Friday.", CONCORD_FIG_KILLED, 1, NULL);
    /* "double fatal shooting": two dead, as "double homicide" */
    S_member_totals("Teens identified in double fatal shooting", "Read more.", &k, &i);
    assert_true(k == 2);
    S_member_totals("Police investigate fatal shooting", "Read more.", &k, &i);
    assert_true(k == 1);
    /* a named person and a relative: two victims */
    S_expect("Police said 43-year-old Bianca Arter and her son, 17-year-old Javeer Arter were "
             "found dead in their home.",
             CONCORD_FIG_KILLED, 2, NULL);
    S_expect("Smith and his son were killed.", CONCORD_FIG_KILLED, 2, NULL);
    S_expect("On Sunday his son was killed.", CONCORD_FIG_KILLED, 1, NULL);
    S_expect("Biden and his late son Beau, who died of cancer, were close.", CONCORD_FIG_KILLED, 1,
             NULL);
    /* a part of the victims does not replace the count of people shot */
    S_member_totals("Officers investigating nightclub shooting",
                    "Four people were shot. Two of them had serious injuries. All of the victims "
                    "are expected to survive.",
                    &k, &i);
    assert_true(i == 4);
    /* "other shootings" are other incidents */
    S_member_totals("Child injured in shooting",
                    "A young child showed up at the hospital with a gunshot wound. Earlier in the "
                    "day, two other shootings left three people injured.",
                    &k, &i);
    assert_true(i == 1);
    /* still one each where they are not a list */
    S_member_totals("Officer kills suspect", "Read more.", &k, &i);
    assert_true(k == 1);
}

/* Rules of the seventh pass (doc/figures.md, branch fig7). */
static void test_seventh_pass(void **state)
{
    (void)state;
    double k, i;
    /* a headline's active count of the dead counts the shooter when the text
     * says the shooter took their own life */
    S_member_totals("Suspect argued with ex before killing her friend, neighbor",
                    "Police said he turned the rifle toward the house. He took his own life "
                    "hours later.",
                    &k, &i);
    assert_true(k == 3);
    /* not without it */
    S_member_totals("Suspect argued with ex before killing her friend, neighbor",
                    "Police said he fled and was arrested hours later.", &k, &i);
    assert_true(k == 2);
    /* "one of two men shot ... dies": one dead, and the other one hurt */
    S_member_totals("One of two men shot late Monday dies", "Read more.", &k, &i);
    assert_true(k == 1 && i == 1);
    /* a possessive before a coordinated count: "his partner and their two
     * children" = 3 */
    S_expect("A man fatally shot his partner and their two children on Sunday.", CONCORD_FIG_KILLED,
             3, NULL);
    /* not before an age */
    S_expect("The bullets wounded a mother and her 2-year-old son who were outside.",
             CONCORD_FIG_INJURED, 2, NULL);
    /* a stub's headline saying the victim passed away: one dead */
    S_member_totals("UPDATE: 7-year-old shooting victim passes away", "Read more.", &k, &i);
    assert_true(k == 1);
    S_member_totals("Arrest made in homicide following pool party", "Read more.", &k, &i);
    assert_true(k == 1);
    S_member_totals("Man charged in his brother's death", "Sign up for our newsletter.", &k, &i);
    assert_true(k == 1);
    S_member_totals("Murder-suicide in quiet neighborhood", "Read more.", &k, &i);
    assert_true(k == 2);
    /* "one of two" without a shooting word names no one shot */
    S_member_totals("One of two brothers dies in crash", "Read more.", &k, &i);
    assert_true(i < 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patterns),        cmocka_unit_test(test_shot_derived),
        cmocka_unit_test(test_not_counts),      cmocka_unit_test(test_qualifiers_ranges),
        cmocka_unit_test(test_status_estimate), cmocka_unit_test(test_json_print),
        cmocka_unit_test(test_bad_input),       cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_victims),         cmocka_unit_test(test_units),
        cmocka_unit_test(test_second_pass),     cmocka_unit_test(test_lead_groups),
        cmocka_unit_test(test_fourth_pass),     cmocka_unit_test(test_sixth_pass),
        cmocka_unit_test(test_seventh_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
