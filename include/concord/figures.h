/* concord/figures.h: explain module "figures": every quantity an article
 * reports (dead, injured, detained, troops, money, days...), what it counts,
 * who it is attributed to, and, per story, where the outlets agree, differ or
 * conflict.
 *
 * Extraction (per article, on the cleaned text; one linear pass over its own
 * light tokens, sentence bounds from the concord_doc when given):
 *   - numbers as digits ("5,800", "2.5 million", "$1.5 trillion", "10%"), as
 *     words ("eight", "two dozen", "a dozen", "dozens", "hundreds", "no one",
 *     "a man" when a count of one is meant, "double shooting"), ranges
 *     ("between 10 and 15", "10 to 15"; an unbalanced range is swapped or
 *     reduced to its first number);
 *   - qualifiers (at least, more than, over, almost, nearly, as many as, up
 *     to, around, about, some, roughly...) become low/high bounds;
 *   - the measure comes from a measure word right after the counted noun
 *     phrase ("N people were killed", "N dead", "one fatally") or right before
 *     the number ("killed N", "the death toll rose to N"), else from the noun
 *     (troops, hardware, days, $, %); a number with neither is not a report;
 *   - subjects are normalized through data/figure_subjects.txt; a list of
 *     several kinds of security personnel becomes "security forces";
 *   - not counts: ages, years, dates, times, addresses, calibers, phone
 *     numbers, ordinals, scores and glued compounds ("eight-member");
 *   - "people shot" counts (people hit, taken to hospital, in critical
 *     condition: measure CONCORD_FIG_SHOT, never emitted as such) become one
 *     derived injured report per article holding the largest count (shot);
 *     in a story that reports no injured count explicitly its value is shot
 *     minus the story's killed estimate (shot itself when the phrase says
 *     "another" or "a second": a victim besides the dead), otherwise it is
 *     dropped, unless it comes from a headline and exceeds every explicit
 *     injured count ("4 shot, 1 fatally" against "three others are in
 *     stable condition");
 *   - attribution: "according to X", "X said/reported/told", "said X" in the
 *     same sentence; official when it names an authority;
 *   - retraction: a sentence holding a retraction word (withdrawn, retracted)
 *     marks its own reports retracted, or the previous sentence's when it has
 *     none ("The statement, however, was later withdrawn.");
 *   - background: a sentence placing its figures in the past or in a
 *     statistic ("last year", "so far this year": data/figure_background.txt)
 *     marks its reports background; like retracted ones they are shown but
 *     take no part in status or estimate;
 *   - a named person with a death or injury verb counts one ("Smith died",
 *     "the death of Kyre Bethea"), a list of names as many ("killing Walker,
 *     18, and Bolden, 20", "Smith and Jones were killed"); an age right after
 *     a death or injury verb counts one ("killed 51-year-old Webb"); in
 *     headlines a bare singular noun does too ("Boy, 9, dies"); title reports
 *     carry in_title;
 *   - not reports: what may happen ("could be dead", "ready to die": modal
 *     and "to" in data/figure_glue.txt), "is survived by", the shooter of an
 *     active clause ("a guard fatally shot two men" counts the two), shots
 *     and bullets, "Image 9 of 12";
 *   - a sentence naming a year before the article's (concord_figures_extract_member
 *     knows the date) is background like "last year", "in a separate shooting";
 *   - every other quantity, typed (a second pass over each sentence): ages
 *     ("a 35-year-old", "Smith, 19,", "aged 25", "22 years of age"), money
 *     with its currency ("$1.5 trillion", "200 million euros", "Rs 5 crore",
 *     "£88m"), percent and percentage points, durations, distances, speeds
 *     ("193km/h", "90 mph"), weights, areas, volumes, temperatures, data
 *     sizes, scores ("10 points", "33 - 26") and plain counts of people and
 *     things ("two bullet holes"); ranges ("ages 14 to 18", "between $2,500
 *     and $5,000", "two or three"), qualifiers, lists sharing a unit ("eight,
 *     10, 12 years"), detokenized thousands ("13, 000").  Units come from
 *     data/figure_units.txt (word, measure, normalised unit, factor, offset);
 *     every report gets unit, scale and offset: value_normalized = value *
 *     scale + offset ("48 hours" = 172800 s, "95 degrees Fahrenheit" = 35
 *     Cel; counts have unit "1").  Not quantities: dates, years, clock times,
 *     addresses, phone numbers, labels ("Route 66"), ordinals, "one of",
 *     "either one", "another", "per 100,000";
 *   - durations in coarse units are round figures: "three decades" stands
 *     for [2.7, 3.3] decades (no conflict with "28 years");
 *   - counts added up (inferred): "two men and a woman" (3), victims listed
 *     one by one in one sentence and joined by "and" ("a 23-year-old man,
 *     who was shot in the leg, and a 19-year-old woman were wounded": 2),
 *     "three juveniles and one adult" (4); a shooter who took their own life
 *     (data/figure_selfkill.txt) adds one to each active count of the dead
 *     before that sentence ("fatally shot his wife and son ... then killed
 *     himself": 3);
 *   - partitives are lower bounds: "two of the victims", "four of them"
 *     stand for [2, inf), [4, inf);
 *   - a single hurt or shot victim whose surname or age is none of the
 *     article's dead, when the article identifies as many dead as it counts
 *     and counts no more than one hurt, is another victim (alive; a shot
 *     report becomes other);
 *   - a headline that counts the hurt and names no death ("Five wounded in
 *     club shooting", not "4 others hurt") sets the text's deaths aside:
 *     they are of other shootings the article recalls;
 *   - round-ups: when the headline holds a round-up word ("shootings",
 *     "citywide", "weekend", "48-hour span": data/figure_roundup.txt), the
 *     killed, injured and shot counts of every sentence holding one (the
 *     headline's included) are set aside: they add up several incidents;
 *   - vague amounts are intervals: dozens [24, 200), scores [40, 400),
 *     hundreds [200, 2000), thousands [2000, 2e6), "hundreds of thousands"
 *     [2e5, 2e6) (data/number_words.txt); they never stand for a value;
 *   - attribution is a speaker or an outlet or nothing: the phrase must name
 *     someone (a capitalized name that is no calendar word, an authority, a
 *     person noun); "Monday said", "estimates the number of", "a victim was
 *     reported" (passive) are none;
 *   - the place of troops, money and other non-event quantities may come
 *     later in the clause ("the 100,000 troops the Kremlin has positioned on
 *     the border with Ukraine": Ukraine);
 *   - a headline naming one death ("accidental shooting death") or one
 *     shooting victim without a number counts one when the article gives no
 *     such count (stubs and paywalls);
 * Lexicons: data/number_words.txt, figure_measures.txt, figure_qualifiers.txt,
 * figure_subjects.txt, attribution_verbs.txt, figure_nonunits.txt,
 * figure_glue.txt, figure_official.txt, figure_retraction.txt,
 * figure_calendar.txt, figure_streets.txt, figure_selfkill.txt,
 * figure_roundup.txt (and month_names.txt).  English
 * lexicons; text in any other script passes through without reports.
 *
 * Reconciliation (per story): reports are grouped by measure + subject +
 * place + unit.  Troops and equipment: two reports whose values differ by
 * more than a factor of 20 form separate groups ("2,030 troops" and
 * "100,000 troops").  Other quantities than an event's toll and forces
 * (ages, counts of things, money, percent, durations, distances...) name
 * many different things in one story: a report joins a group only when its
 * interval shares a value with every report of the group ("48 hours", "two
 * days" and "no more than 10 days" group; two ages, "$75,000" bail and a
 * "$5,000" reward never make a conflict), so only event counts (killed,
 * injured, detained, missing, evacuated, displaced), troops and equipment
 * can conflict.  Each report stands for an interval,
 * compared in the normalised unit: exact [v,v]; at least [v,inf);
 * more than / over (v,inf); as many as / up to [0,v]; almost / nearly
 * [0.9v,v); around / about [0.9v,1.1v]; a range [a,b]; dozens [24,200),
 * hundreds [200,2000) (vague: see above).  status: single (one report), agree (every value equal), differ
 * (values differ but one value satisfies every interval), conflict (none
 * does).  Retracted reports are shown but take no part in status (unless all
 * are retracted) nor in the estimate.
 *
 * The estimate rule (tolls rise over time: later, attributed, official
 * reports usually win; retracted reports never):
 *   before voting, in a story whose killed estimate is at least one, an
 *   injured count of one read from a singular phrase ("a man", "he", a
 *   name) in a sentence reporting no death is set aside (aside): most often it is the
 *   victim who later died ("he was taken to hospital in critical
 *   condition"); "another", "also", "a second" keep it;
 *   candidates are the values of the non-retracted reports; each article's
 *   claim is its first non-retracted report (title first, then text order:
 *   the headline and lead state the event's count, later numbers are more
 *   often parts, "one of the two men", or other events), and it votes for
 *   every candidate that claim allows, with weight
 *       1 + r + 0.5 * attributed + 0.5 * official,
 *   r in [0,1] being the article's rank in date order within the story (the
 *   latest article gets 1; undated articles 0); an injured claim of one
 *   read from a singular phrase ("the victim was hospitalized") also gives
 *   1 to every larger candidate (it says at least one was hurt); the
 *   candidate with the largest vote wins, ties go to the larger value.  When all reports are
 *   retracted the estimate is null.
 *
 * JSON (concord_figures_json appends the story's "figures" value):
 *   [{"measure", "subject", "place", "status", "estimate", "unit",
 *     "reports": [{"article", "source", "value", "low", "high", "qualifier",
 *                  "value_normalized", "unit", "inferred", "vague",
 *                  "attribution", "official", "retracted", "background",
 *                  "derived", "shot", "in",
 *                  "text", "start", "end"}]}]
 * value/low/high are as stated; "estimate" and "value_normalized" are in
 * the normalised "unit".
 * start/end are byte offsets into member->clean->text of the report phrase,
 * or into the article's title when "in" is "title" (else "in" is "text").
 *
 * Ownership: concord_figures_extract returns an array the caller frees with
 * free(); concord_figures_explain returns a concord_figures freed with
 * concord_figures_free.  Results borrow nothing.
 * Thread-safety: lexicons are parsed once (pthread_once) and shared
 * read-only; all other state is per call. */
#ifndef CONCORD_FIGURES_H
#define CONCORD_FIGURES_H

#include "concord/explain.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CONCORD_FIG_KILLED = 0,
    CONCORD_FIG_INJURED,
    CONCORD_FIG_DETAINED,
    CONCORD_FIG_MISSING,
    CONCORD_FIG_EVACUATED,
    CONCORD_FIG_DISPLACED,
    CONCORD_FIG_TROOPS,
    CONCORD_FIG_EQUIPMENT,
    CONCORD_FIG_MONEY,
    CONCORD_FIG_PERCENT,
    CONCORD_FIG_DURATION,
    CONCORD_FIG_AGE,
    CONCORD_FIG_DISTANCE,
    CONCORD_FIG_SPEED,
    CONCORD_FIG_WEIGHT,
    CONCORD_FIG_AREA,
    CONCORD_FIG_VOLUME,
    CONCORD_FIG_TEMPERATURE,
    CONCORD_FIG_DATA,
    CONCORD_FIG_SCORE,
    CONCORD_FIG_COUNT, /* a count of people or things with no event measure */
    CONCORD_FIG_OTHER,
    CONCORD_FIG_SHOT, /* people hit by gunfire: internal, becomes a derived injured report */
    CONCORD_FIG_N_MEASURES
} concord_figure_measure;

/* "killed", "injured", ... ("shot" for CONCORD_FIG_SHOT). */
CONCORD_EXPORT const char *concord_figure_measure_name(concord_figure_measure m);

typedef enum {
    CONCORD_FIG_SINGLE = 0,
    CONCORD_FIG_AGREE,
    CONCORD_FIG_DIFFER,
    CONCORD_FIG_CONFLICT
} concord_figure_status;
CONCORD_EXPORT const char *concord_figure_status_name(concord_figure_status s);

#define CONCORD_FIG_SUBJECT_MAX 40
#define CONCORD_FIG_PLACE_MAX 48
/* Numbers above this are not counts ("10^400", 500 digits): skipped. */
#define CONCORD_FIG_VALUE_MAX 1e15

/* One reported quantity in one article. */
typedef struct concord_figure_report {
    concord_figure_measure measure;
    char subject[CONCORD_FIG_SUBJECT_MAX]; /* "people", "security forces", "troops", "hardware" */
    char place[CONCORD_FIG_PLACE_MAX];     /* "Almaty" or "" */
    double value;                          /* the number as stated (range: its low end) */
    double low, high;                      /* interval the report allows; high may be INFINITY */
    int low_strict, high_strict;
    const char
        *qualifier;      /* static canonical qualifier ("at least", "between", "dozens") or NULL */
    uint32_t start, end; /* report phrase in the cleaned text */
    uint32_t num_start, num_end;   /* the number itself */
    uint32_t attr_start, attr_end; /* attribution phrase, attr_end == 0 when none */
    uint32_t sentence;             /* sentence index */
    unsigned retracted : 1;
    unsigned official : 1;   /* attribution names an authority */
    unsigned derived : 1;    /* injured derived from a count of people shot: see below */
    unsigned in_title : 1;   /* found in the article's title: offsets into the title */
    unsigned background : 1; /* past event or statistic ("last year", "so far this year") */
    unsigned singular : 1;   /* a count of one read from a singular noun phrase, name or pronoun */
    unsigned other : 1;      /* "another", "a second": a victim besides those counted (a derived
                               injured report then subtracts no dead) */
    unsigned aside : 1;      /* set by reconcile: a singular injured report in a story that
                               reports a death, in a sentence reporting none: most often the
                               victim who later died; set by extraction: a death in the text
                               of an article whose headline counts only the hurt, and the
                               killed / injured / shot counts of a round-up's sentences that
                               name it a round-up, and a singular injury followed in its
                               sentence by a pronoun's death ("... where she was later
                               pronounced dead"); shown, no part in status or estimate */
    double shot;             /* derived reports: the people shot (or hospitalized) count */
    const char *unit;        /* static normalised unit: "1" (a count), "s", "m", "m/s", "kg",
                               "m2", "m3", "Cel", "By", "a" (years of age), "%", "pp", "pt",
                               an ISO 4217 code; NULL for money of unknown currency */
    double scale, offset;    /* value_normalized = value * scale + offset (scale 0 reads as 1) */
    unsigned inferred : 1;   /* a count added up from an enumeration ("two men and a woman",
                               "a 23-year-old man ... and a 19-year-old woman were wounded") */
    unsigned vague : 1;      /* "dozens", "hundreds", "several": an interval, no stated value */
    unsigned alive : 1;      /* an injury said of someone alive ("in stable condition", "expected
                               to survive", "non-life-threatening"): never set aside */
    size_t member;           /* story member index (set by concord_figures_explain) */
} concord_figure_report;

/* A report's value in its normalised unit (value * scale + offset). */
CONCORD_EXPORT double concord_figure_normalized(const concord_figure_report *r, double v);

/* Extracts the reports of one cleaned text; doc (may be NULL) supplies the
 * sentence bounds.  Returns an array of *n reports (NULL when none), owned by
 * the caller (free()).  Never fails; any input is accepted. */
CONCORD_EXPORT concord_figure_report *concord_figures_extract(const char *text, size_t len,
                                                              const concord_doc *doc, size_t *n);

/* The reports of one story member: its title (in_title, offsets into
 * article->title) and its cleaned text; "shot" counts are derived over both.
 * member is left 0.  Returns an array of *n reports owned by the caller.
 * A member analysed in a language other than English (m->doc->lang) gives
 * no reports: the lexicons are English, and read in another language they
 * misread numbers ("4.200 personas" as 4.2) and subjects. */
CONCORD_EXPORT concord_figure_report *concord_figures_extract_member(const concord_member *m,
                                                                     size_t *n);

/* One reconciled figure of a story. */
typedef struct concord_figure {
    concord_figure_measure measure;
    char subject[CONCORD_FIG_SUBJECT_MAX];
    char place[CONCORD_FIG_PLACE_MAX];
    const char *unit; /* the reports' normalised unit (static) or NULL */
    concord_figure_status status;
    int has_estimate;
    double estimate; /* in the normalised unit (value_normalized of the reports) */
    size_t *reports; /* indices into concord_figures.reports, in story order */
    size_t n_reports;
} concord_figure;

typedef struct concord_figures {
    concord_figure_report *reports;
    size_t n_reports;
    concord_figure *figures; /* killed, injured, ... first; larger groups first within a measure */
    size_t n_figures;
} concord_figures;

CONCORD_EXPORT concord_figures *concord_figures_explain(const concord_member *m, size_t n);
/* Reconciles reports already extracted (member set; dates[i] is member i's
 * "YYYY-MM-DD" or "" and may be NULL); takes ownership of reports. */
CONCORD_EXPORT concord_figures *concord_figures_reconcile(concord_figure_report *reports,
                                                          size_t n_reports,
                                                          const char *const *dates,
                                                          size_t n_members);
CONCORD_EXPORT void concord_figures_json(const concord_figures *f, const concord_member *m,
                                         size_t n, concord_buf *out);
CONCORD_EXPORT void concord_figures_free(concord_figures *f);
/* 1 if some figure of the story has status conflict. */
CONCORD_EXPORT int concord_figures_has_conflict(const concord_figures *f);
/* Story estimate of a measure over all subjects: the largest estimate among
 * its groups without a place (groups overlap: people, children, police; a
 * place marks a part), -1 when the story reports none.  When two or more
 * articles report the measure, only groups that hold some article's lead
 * report of it (its first active one, headline first) or whose estimate two
 * articles allow take part (when no group qualifies, all do). */
CONCORD_EXPORT double concord_figures_total(const concord_figures *f, concord_figure_measure m);
/* The terminal table of a stored story's figures, concord_figures_print, is
 * in concord/show.h. */

#ifdef __cplusplus
}
#endif
#endif
