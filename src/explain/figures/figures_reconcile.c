/* figures_reconcile.c: a story's figures: grouping, status, the estimate
 * rule (documented in concord/figures.h) and JSON (the terminal table is
 * src/render/term/figures_view.c). */
#include "concord/figures.h"
#include "concord/base.h"
#include "common/jsonw_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *concord_figure_status_name(concord_figure_status s)
{
    static const char *const names[] = {"single", "agree", "differ", "conflict"};
    return (unsigned)s < 4 ? names[s] : "single";
}

double concord_figure_normalized(const concord_figure_report *r, double v)
{
    if (!isfinite(v))
        return v;
    return v * (r->scale != 0 ? r->scale : 1) + r->offset;
}

/* Whether value v (normalised) lies in report r's interval: intervals are
 * compared in the normalised unit ("48 hours" and "two days" agree). */
static int S_allows(const concord_figure_report *r, double v)
{
    double lo = concord_figure_normalized(r, r->low), hi = concord_figure_normalized(r, r->high);
    if (r->low_strict ? !(v > lo) : !(v >= lo))
        return 0;
    if (isinf(hi))
        return 1;
    return r->high_strict ? v < hi : v <= hi;
}

/* Values equal up to the rounding of unit factors. */
static int S_same_value(double a, double b)
{
    return a == b || fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b));
}

static void S_status(concord_figure *g, const concord_figure_report *rep, int all)
{
    size_t n_active = 0;
    double lo = -INFINITY, hi = INFINITY;
    int lo_strict = 0, hi_strict = 0, same = 1;
    double first = 0;
    for (size_t k = 0; k < g->n_reports; k++) {
        const concord_figure_report *r = &rep[g->reports[k]];
        if ((r->retracted || r->background || r->aside) && !all)
            continue;
        double rv = concord_figure_normalized(r, r->value);
        double rlo = concord_figure_normalized(r, r->low),
               rhi = concord_figure_normalized(r, r->high);
        if (n_active == 0)
            first = rv;
        else if (!S_same_value(rv, first) || r->vague)
            same = 0;
        n_active++;
        if (rlo > lo || (rlo == lo && r->low_strict))
            lo = rlo, lo_strict = r->low_strict;
        if (rhi < hi || (rhi == hi && r->high_strict))
            hi = rhi, hi_strict = r->high_strict;
    }
    if (n_active <= 1)
        g->status = CONCORD_FIG_SINGLE;
    else if (same)
        g->status = CONCORD_FIG_AGREE;
    else if (lo < hi || (S_same_value(lo, hi) && !lo_strict && !hi_strict))
        g->status = CONCORD_FIG_DIFFER;
    else
        g->status = CONCORD_FIG_CONFLICT;
}

/* The estimate rule: see concord/figures.h.  Each article's claim is its
 * first non-retracted report (reports are sorted title first, then by
 * offset); claims vote for every candidate they allow. */
static void S_estimate(concord_figure *g, const concord_figure_report *rep, const double *recency)
{
    g->has_estimate = 0;
    /* each member's claim, found once: reports come grouped by member, so
     * the cost is reports x members, not reports squared */
    const concord_figure_report **claims =
        concord_xmalloc((g->n_reports ? g->n_reports : 1) * sizeof *claims);
    size_t n_claims = 0;
    for (size_t k = 0; k < g->n_reports;) {
        size_t member = rep[g->reports[k]].member;
        const concord_figure_report *claim = NULL;
        for (; k < g->n_reports && rep[g->reports[k]].member == member; k++) {
            const concord_figure_report *r = &rep[g->reports[k]];
            if (!claim && !r->retracted && !r->background && !r->aside)
                claim = r;
        }
        if (claim)
            claims[n_claims++] = claim;
    }
    double best = 0, best_score = -1;
    double tried[64];
    size_t n_tried = 0;
    for (size_t a = 0; a < g->n_reports; a++) {
        const concord_figure_report *cand = &rep[g->reports[a]];
        if (cand->retracted || cand->background || cand->aside)
            continue;
        double v = concord_figure_normalized(cand, cand->value), score = 0;
        /* a value already scored scores the same (wire copies repeat one value) */
        int seen = 0;
        for (size_t t = 0; t < n_tried && !seen; t++)
            seen = tried[t] == v;
        if (seen)
            continue;
        if (n_tried < sizeof tried / sizeof *tried)
            tried[n_tried++] = v;
        for (size_t c = 0; c < n_claims; c++)
            if (S_allows(claims[c], v))
                score += 1 + recency[claims[c]->member] + (claims[c]->attr_end > 0 ? 0.5 : 0) +
                         (claims[c]->official ? 0.5 : 0);
            else if (claims[c]->singular && claims[c]->measure == CONCORD_FIG_INJURED &&
                     v > concord_figure_normalized(claims[c], claims[c]->value))
                score += 1; /* "the victim was hospitalized": at least one hurt */
        if (score > best_score || (score == best_score && v > best)) {
            best_score = score;
            best = v;
            g->has_estimate = 1;
        }
    }
    free(claims);
    g->estimate = best;
}

/* Whether the sentence of report r reports a death too ("a man was killed
 * and a woman wounded": two victims). */
typedef struct {
    size_t member, sentence;
    int in_title;
} S_sent;

static S_sent S_sent_of(const concord_figure_report *r)
{
    S_sent k = {r->member, r->sentence, r->in_title != 0};
    return k;
}

/* Orders sentences, so that "a death is reported in this sentence" is a
 * binary search (a scan per report was quadratic in a story's figures). */
static int S_cmp_sent(const void *a, const void *b)
{
    const S_sent *x = a, *y = b;
    if (x->member != y->member)
        return x->member < y->member ? -1 : 1;
    if (x->in_title != y->in_title)
        return x->in_title < y->in_title ? -1 : 1;
    return x->sentence < y->sentence ? -1 : x->sentence > y->sentence;
}

/* Groups by key (measure, subject, place, unit): a report is compared with
 * the groups of its own key only.  A key holding more than S_KEY_SCAN
 * groups (thousands of distinct figures of one kind in one story: a table,
 * a list) compares a new report with its first S_KEY_SCAN groups only, so a
 * story stays linear in its figures; beyond that a figure starts a group of
 * its own. */
#define S_KEY_SCAN 1024
typedef struct {
    uint64_t key;
    size_t *g, n, cap;
} S_keylist;
typedef struct {
    S_keylist *slot;
    size_t mask;
} S_keymap;

static uint64_t S_key_of(const concord_figure_report *r)
{
    uint64_t h = concord_hash(r->subject, strlen(r->subject), (uint64_t)r->measure + 1);
    h = concord_hash(r->place, strlen(r->place), h);
    return r->unit ? concord_hash(r->unit, strlen(r->unit), h) : h ^ 0x9e3779b97f4a7c15u;
}

static void S_keymap_init(S_keymap *m, size_t n)
{
    size_t size = 16;
    while (size < 2 * n)
        size *= 2;
    m->slot = concord_xcalloc(size, sizeof *m->slot);
    m->mask = size - 1;
}

/* The list of key (created empty when new); the map never fills: it has
 * twice as many slots as reports. */
static S_keylist *S_keymap_get(S_keymap *m, uint64_t key)
{
    key |= 1; /* 0 marks an empty slot */
    size_t i = (size_t)(key ^ (key >> 29)) & m->mask;
    while (m->slot[i].key && m->slot[i].key != key)
        i = (i + 1) & m->mask;
    m->slot[i].key = key;
    return &m->slot[i];
}

static void S_keymap_free(S_keymap *m)
{
    for (size_t i = 0; i <= m->mask; i++)
        free(m->slot[i].g);
    free(m->slot);
}

/* Counts of people hit by one event: their sizes may differ wildly and
 * still conflict ("eight" and "164"). */
static int S_event_measure(concord_figure_measure m)
{
    return m == CONCORD_FIG_KILLED || m == CONCORD_FIG_INJURED || m == CONCORD_FIG_DETAINED ||
           m == CONCORD_FIG_MISSING || m == CONCORD_FIG_EVACUATED || m == CONCORD_FIG_DISPLACED ||
           m == CONCORD_FIG_SHOT;
}

/* The common interval of a group's reports (normalised unit). */
typedef struct {
    double lo, hi;
    int lo_strict, hi_strict;
} S_span;

static void S_span_of(const concord_figure_report *r, S_span *sp)
{
    sp->lo = concord_figure_normalized(r, r->low);
    sp->hi = concord_figure_normalized(r, r->high);
    sp->lo_strict = r->low_strict;
    sp->hi_strict = r->high_strict;
}

/* Intersects a with b into out; 1 when some value lies in both. */
static int S_span_meet(const S_span *a, const S_span *b, S_span *out)
{
    S_span m;
    if (a->lo > b->lo)
        m.lo = a->lo, m.lo_strict = a->lo_strict;
    else if (a->lo < b->lo)
        m.lo = b->lo, m.lo_strict = b->lo_strict;
    else
        m.lo = a->lo, m.lo_strict = a->lo_strict || b->lo_strict;
    if (a->hi < b->hi)
        m.hi = a->hi, m.hi_strict = a->hi_strict;
    else if (a->hi > b->hi)
        m.hi = b->hi, m.hi_strict = b->hi_strict;
    else
        m.hi = a->hi, m.hi_strict = a->hi_strict || b->hi_strict;
    if (out)
        *out = m;
    return m.lo < m.hi || (S_same_value(m.lo, m.hi) && !m.lo_strict && !m.hi_strict);
}

/* Whether r may join a group whose reports' common interval is span:
 * quantities other than an event's toll and forces (ages, counts of
 * things, money, durations, distances...) describe many different things in
 * one story, so a report joins a group only where it can be the same
 * figure, its interval sharing a value with every report of the group ("48
 * hours", "two days" and "no more than 10 days" group; "$75,000" and
 * "$5,000", or two ages, never make a conflict). */
static int S_fits(const S_span *span, const concord_figure_report *r)
{
    if (S_event_measure(r->measure) || r->measure == CONCORD_FIG_TROOPS ||
        r->measure == CONCORD_FIG_EQUIPMENT)
        return 1;
    S_span sr;
    S_span_of(r, &sr);
    return S_span_meet(span, &sr, NULL);
}

/* Same measure, subject, place and unit; for troops and equipment also the
 * same order of magnitude: "2,030 troops" and "100,000 troops" are about
 * different things, not a conflict. first is the group's first report. */
static int S_same_group(const concord_figure *g, const concord_figure_report *first,
                        const concord_figure_report *r)
{
    const char *u = r->unit;
    if (!(g->measure == r->measure && strcmp(g->subject, r->subject) == 0 &&
          strcmp(g->place, r->place) == 0 &&
          (g->unit == u || (g->unit && u && strcmp(g->unit, u) == 0))))
        return 0;
    if (S_event_measure(r->measure))
        return 1;
    double a = concord_figure_normalized(first, first->value),
           b = concord_figure_normalized(r, r->value);
    if (a > 0 && b > 0 && (a / b > 20 || b / a > 20))
        return 0;
    return 1;
}

static int S_cmp_figure(const void *a, const void *b)
{
    const concord_figure *x = a, *y = b;
    if (x->measure != y->measure)
        return x->measure < y->measure ? -1 : 1;
    if (x->n_reports != y->n_reports)
        return x->n_reports > y->n_reports ? -1 : 1;
    int c = strcmp(x->subject, y->subject);
    return c ? c : strcmp(x->place, y->place);
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int S_cmp_report(const void *a, const void *b)
{
    const concord_figure_report *x = a, *y = b;
    if (x->member != y->member)
        return x->member < y->member ? -1 : 1;
    if (x->in_title != y->in_title)
        return x->in_title ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Derived injured reports count only where no report gives injured
 * explicitly, or, from a headline ("4 shot, 1 fatally"), where they exceed
 * every explicit count: the headline counts everyone hit, the text often
 * only some ("three others are in stable condition").  A part of the
 * victims ("Four people were shot. Two of them had serious injuries": at
 * least two, no qualifier) is no explicit count of all.  Returns the number
 * of reports kept (moved to the front). */
static size_t S_drop_derived_injured(concord_figure_report *reports, size_t n_reports)
{
    int explicit_injured = 0;
    double max_explicit = 0;
    for (size_t i = 0; i < n_reports; i++)
        if (reports[i].measure == CONCORD_FIG_INJURED && !reports[i].derived &&
            !reports[i].retracted && !reports[i].background &&
            !(!isfinite(reports[i].high) && !reports[i].qualifier)) {
            explicit_injured = 1;
            double v = isfinite(reports[i].high) ? reports[i].high : reports[i].value;
            if (v > max_explicit)
                max_explicit = v;
        }
    if (!explicit_injured)
        return n_reports;
    size_t w = 0;
    for (size_t i = 0; i < n_reports; i++)
        if (!(reports[i].measure == CONCORD_FIG_INJURED && reports[i].derived) ||
            (reports[i].in_title && reports[i].value > max_explicit))
            reports[w++] = reports[i];
    return w;
}

/* Recency of each member (indexed by member, as many as the reports name):
 * the rank of its date among the story's distinct dates, 0 to 1; 0 when
 * undated.  The caller frees it. */
static double *S_recency(const concord_figure_report *reports, size_t n_reports,
                         const char *const *dates, size_t n_members)
{
    size_t nm = n_members;
    for (size_t i = 0; i < n_reports; i++)
        if (reports[i].member >= nm)
            nm = reports[i].member + 1;
    double *recency = concord_xcalloc(nm ? nm : 1, sizeof *recency);
    if (!dates || n_members == 0)
        return recency;
    /* the story's distinct dates, sorted: a member's rank is its date's index */
    const char **sorted = concord_xmalloc(n_members * sizeof *sorted);
    size_t n_dated = 0;
    for (size_t i = 0; i < n_members; i++)
        if (dates[i] && dates[i][0])
            sorted[n_dated++] = dates[i];
    qsort(sorted, n_dated, sizeof *sorted, S_cmp_str);
    size_t distinct = 0;
    for (size_t i = 0; i < n_dated; i++)
        if (distinct == 0 || strcmp(sorted[distinct - 1], sorted[i]) != 0)
            sorted[distinct++] = sorted[i];
    for (size_t i = 0; i < n_members && distinct > 1; i++) {
        if (!dates[i] || !dates[i][0])
            continue;
        const char **at = bsearch(&dates[i], sorted, distinct, sizeof *sorted, S_cmp_str);
        if (at)
            recency[i] = (double)(at - sorted) / (double)(distinct - 1);
    }
    free(sorted);
    return recency;
}

/* Puts each report in the first figure, in creation order, that takes it
 * (same group, span fits), else in a new figure of its own. */
static void S_group_reports(concord_figures *f, const concord_figure_report *reports,
                            size_t n_reports)
{
    size_t cap = 0;
    size_t *caps = NULL;
    S_span *spans = NULL;
    S_keymap km;
    S_keymap_init(&km, n_reports);
    for (size_t i = 0; i < n_reports; i++) {
        /* only the groups of the report's key can take it; the first that
         * does, in creation order, as a scan of every group would find */
        S_keylist *kl = S_keymap_get(&km, S_key_of(&reports[i]));
        size_t g = f->n_figures;
        size_t scan = kl->n < S_KEY_SCAN ? kl->n : S_KEY_SCAN;
        for (size_t k = 0; k < scan; k++) {
            size_t c = kl->g[k];
            if (S_same_group(&f->figures[c], &reports[f->figures[c].reports[0]], &reports[i]) &&
                S_fits(&spans[c], &reports[i])) {
                g = c;
                break;
            }
        }
        if (g == f->n_figures) {
            CONCORD_GROW(kl->g, kl->cap, kl->n + 1);
            kl->g[kl->n++] = g;
            size_t old = cap;
            CONCORD_GROW(f->figures, cap, g + 1);
            caps = concord_xrealloc(caps, cap * sizeof *caps);
            spans = concord_xrealloc(spans, cap * sizeof *spans);
            for (size_t k = old; k < cap; k++)
                caps[k] = 0;
            S_span_of(&reports[i], &spans[g]);
            concord_figure *fg = &f->figures[g];
            memset(fg, 0, sizeof *fg);
            fg->measure = reports[i].measure;
            memcpy(fg->subject, reports[i].subject, sizeof fg->subject);
            memcpy(fg->place, reports[i].place, sizeof fg->place);
            fg->unit = reports[i].unit;
            f->n_figures++;
        }
        concord_figure *fg = &f->figures[g];
        CONCORD_GROW(fg->reports, caps[g], fg->n_reports + 1);
        fg->reports[fg->n_reports++] = i;
        S_span sr;
        S_span_of(&reports[i], &sr);
        S_span_meet(&spans[g], &sr, &spans[g]);
    }
    free(caps);
    free(spans);
    S_keymap_free(&km);
}

/* The sentences that report a death, sorted (*n_deaths of them; the caller
 * frees the array). */
static S_sent *S_death_sentences(const concord_figure_report *reports, size_t n_reports,
                                 size_t *n_deaths)
{
    S_sent *deaths = concord_xmalloc((n_reports ? n_reports : 1) * sizeof *deaths);
    size_t n = 0;
    for (size_t i = 0; i < n_reports; i++)
        if (reports[i].measure == CONCORD_FIG_KILLED)
            deaths[n++] = S_sent_of(&reports[i]);
    if (n > 1)
        qsort(deaths, n, sizeof *deaths, S_cmp_sent);
    *n_deaths = n;
    return deaths;
}

/* An injured figure once the story's killed estimate is known: a singular
 * victim not said alive, in a sentence without a death, may be one of the
 * dead (set aside); derived injured = shot - killed. */
static void S_injured_after_killed(concord_figure *fg, concord_figure_report *reports,
                                   double killed, const S_sent *deaths, size_t n_deaths)
{
    if (killed >= 1)
        for (size_t k = 0; k < fg->n_reports; k++) {
            concord_figure_report *r = &reports[fg->reports[k]];
            S_sent key = S_sent_of(r);
            if (r->singular && !r->alive &&
                !(n_deaths && bsearch(&key, deaths, n_deaths, sizeof *deaths, S_cmp_sent)))
                r->aside = 1;
        }
    for (size_t k = 0; k < fg->n_reports; k++) {
        concord_figure_report *r = &reports[fg->reports[k]];
        if (r->derived) {
            /* "another victim was taken to the hospital": not one of the dead */
            r->value = r->other ? r->shot : r->shot > killed ? r->shot - killed : 0;
            r->low = r->high = r->value;
        }
    }
}

/* Status and estimate of every figure: killed first, then injured, whose
 * derived counts need the story's killed estimate (the killed groups are
 * final when pass 1 starts). */
static void S_settle_figures(concord_figures *f, concord_figure_report *reports,
                             const double *recency, const S_sent *deaths, size_t n_deaths)
{
    double killed = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            killed = concord_figures_total(f, CONCORD_FIG_KILLED);
            killed = killed < 0 ? 0 : killed;
        }
        for (size_t g = 0; g < f->n_figures; g++) {
            concord_figure *fg = &f->figures[g];
            if ((fg->measure == CONCORD_FIG_INJURED) != (pass == 1))
                continue;
            if (pass == 1)
                S_injured_after_killed(fg, reports, killed, deaths, n_deaths);
            int any_active = 0;
            for (size_t k = 0; k < fg->n_reports; k++)
                any_active |= !reports[fg->reports[k]].retracted &&
                              !reports[fg->reports[k]].background && !reports[fg->reports[k]].aside;
            S_status(fg, reports, !any_active);
            S_estimate(fg, reports, recency);
        }
    }
}

concord_figures *concord_figures_reconcile(concord_figure_report *reports, size_t n_reports,
                                           const char *const *dates, size_t n_members)
{
    concord_figures *f = concord_xcalloc(1, sizeof *f);
    n_reports = S_drop_derived_injured(reports, n_reports);
    f->reports = reports;
    f->n_reports = n_reports;
    if (n_reports > 1)
        qsort(reports, n_reports, sizeof *reports, S_cmp_report);
    double *recency = S_recency(reports, n_reports, dates, n_members);
    S_group_reports(f, reports, n_reports);
    size_t n_deaths;
    S_sent *deaths = S_death_sentences(reports, n_reports, &n_deaths);
    S_settle_figures(f, reports, recency, deaths, n_deaths);
    free(deaths);
    free(recency);
    if (f->n_figures > 1)
        qsort(f->figures, f->n_figures, sizeof *f->figures, S_cmp_figure);
    return f;
}

concord_figures *concord_figures_explain(const concord_member *m, size_t n)
{
    concord_figure_report *all = NULL;
    size_t n_all = 0, cap = 0;
    const char **dates = concord_xcalloc(n ? n : 1, sizeof *dates);
    for (size_t i = 0; i < n; i++) {
        const concord_article *a = m[i].article;
        dates[i] = a && a->date && a->date[0]       ? a->date
                   : m[i].clean && m[i].clean->date ? m[i].clean->date
                                                    : "";
        size_t k = 0;
        concord_figure_report *r = concord_figures_extract_member(&m[i], &k);
        if (k) {
            CONCORD_GROW(all, cap, n_all + k);
            for (size_t j = 0; j < k; j++) {
                r[j].member = i;
                all[n_all++] = r[j];
            }
        }
        free(r);
    }
    concord_figures *f = concord_figures_reconcile(all, n_all, dates, n);
    free(dates);
    return f;
}

void concord_figures_free(concord_figures *f)
{
    if (!f)
        return;
    for (size_t g = 0; g < f->n_figures; g++)
        free(f->figures[g].reports);
    free(f->figures);
    free(f->reports);
    free(f);
}

int concord_figures_has_conflict(const concord_figures *f)
{
    for (size_t g = 0; f && g < f->n_figures; g++)
        if (f->figures[g].status == CONCORD_FIG_CONFLICT)
            return 1;
    return 0;
}

/* Whether report a comes before report b in its article (title first). */
static int S_before(const concord_figure_report *a, const concord_figure_report *b)
{
    if (a->in_title != b->in_title)
        return a->in_title;
    return a->start < b->start;
}

static int S_active(const concord_figure_report *r)
{
    return !r->retracted && !r->background && !r->aside;
}

double concord_figures_total(const concord_figures *f, concord_figure_measure measure)
{
    /* the largest group: groups of one story overlap (people, children,
     * police...), and a place marks a part ("103 in Almaty").  Only groups
     * holding some article's lead report of the measure (its first active
     * one, title first) count when there are any: a figure no article leads
     * with ("the shooting deaths of two children" deep in the text) is most
     * often another incident's. */
    double best = -1, best_led = -1;
    if (!f)
        return best;
    size_t n_members = 0;
    for (size_t i = 0; i < f->n_reports; i++)
        if (f->reports[i].measure == measure && f->reports[i].member + 1 > n_members)
            n_members = f->reports[i].member + 1;
    const concord_figure_report **lead = concord_xcalloc(n_members ? n_members : 1, sizeof *lead);
    for (size_t g = 0; g < f->n_figures; g++) {
        const concord_figure *fg = &f->figures[g];
        if (fg->measure != measure)
            continue;
        for (size_t k = 0; k < fg->n_reports; k++) {
            const concord_figure_report *r = &f->reports[fg->reports[k]];
            if (S_active(r) && (!lead[r->member] || S_before(r, lead[r->member])))
                lead[r->member] = r;
        }
    }
    size_t n_leads = 0;
    for (size_t i = 0; i < n_members; i++)
        n_leads += lead[i] != NULL;
    for (size_t g = 0; g < f->n_figures; g++) {
        const concord_figure *fg = &f->figures[g];
        if (fg->measure != measure || !fg->has_estimate || fg->place[0])
            continue;
        if (fg->estimate > best)
            best = fg->estimate;
        /* led by an article, or its estimate allowed by two articles */
        int led = n_leads < 2;
        size_t support = 0, last = (size_t)-1;
        for (size_t k = 0; k < fg->n_reports && !led; k++) {
            const concord_figure_report *r = &f->reports[fg->reports[k]];
            led = lead[r->member] == r;
            if (S_active(r) && r->member != last && S_allows(r, fg->estimate))
                support++, last = r->member;
            led |= support >= 2;
        }
        if (led && fg->estimate > best_led)
            best_led = fg->estimate;
    }
    free(lead);
    return best_led >= 0 ? best_led : best;
}

/* ---- JSON ----------------------------------------------------------------- */

/* A figure's number: an integral value (below 10^15) as printf's "%.0f",
 * any other as "%.6g"; not finite: null. */
static void S_num(jsonw *w, const char *key, double v)
{
    concord__jsonw_key(w, key);
    if (v == floor(v) && fabs(v) < 1e15)
        concord__jsonw_fixed(w, v, 0);
    else
        concord__jsonw_double(w, v, 6);
}

void concord_figures_json(const concord_figures *f, const concord_member *m, size_t n,
                          concord_buf *out)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    concord__jsonw_begin_array(&w);
    for (size_t g = 0; f && g < f->n_figures; g++) {
        const concord_figure *fg = &f->figures[g];
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_str(&w, "measure", concord_figure_measure_name(fg->measure));
        concord__jsonw_key_str(&w, "subject", fg->subject);
        concord__jsonw_key_str(&w, "place", fg->place[0] ? fg->place : NULL);
        concord__jsonw_key_str(&w, "status", concord_figure_status_name(fg->status));
        if (fg->has_estimate)
            S_num(&w, "estimate", fg->estimate);
        else
            concord__jsonw_key_str(&w, "estimate", NULL);
        concord__jsonw_key_str(&w, "unit", fg->unit);
        concord__jsonw_key(&w, "reports");
        concord__jsonw_begin_array(&w);
        for (size_t k = 0; k < fg->n_reports; k++) {
            const concord_figure_report *r = &f->reports[fg->reports[k]];
            const concord_member *mm = r->member < n ? &m[r->member] : NULL;
            const char *text = mm && mm->clean     ? mm->clean->text
                               : mm && mm->article ? mm->article->text
                                                   : NULL;
            size_t tlen = mm && mm->clean     ? mm->clean->len
                          : mm && mm->article ? mm->article->text_len
                                              : 0;
            if (r->in_title) {
                text = mm && mm->article ? mm->article->title : NULL;
                tlen = text ? strlen(text) : 0;
            }
            concord__jsonw_begin_object(&w);
            concord__jsonw_key_str(&w, "article", mm && mm->article ? mm->article->id : NULL);
            concord__jsonw_key_str(&w, "source", mm && mm->article ? mm->article->source : NULL);
            S_num(&w, "value", r->value);
            S_num(&w, "low", r->low);
            S_num(&w, "high", r->high);
            concord__jsonw_key_str(&w, "qualifier", r->qualifier);
            S_num(&w, "value_normalized", concord_figure_normalized(r, r->value));
            concord__jsonw_key_str(&w, "unit", r->unit);
            concord__jsonw_key_bool(&w, "inferred", r->inferred);
            concord__jsonw_key_bool(&w, "vague", r->vague);
            if (text && r->attr_end > r->attr_start && r->attr_end <= tlen)
                concord__jsonw_key_strn(&w, "attribution", text + r->attr_start,
                                        r->attr_end - r->attr_start);
            else
                concord__jsonw_key_str(&w, "attribution", NULL);
            concord__jsonw_key_bool(&w, "official", r->official);
            concord__jsonw_key_bool(&w, "retracted", r->retracted);
            concord__jsonw_key_bool(&w, "background", r->background);
            concord__jsonw_key_bool(&w, "derived", r->derived);
            if (r->derived)
                S_num(&w, "shot", r->shot);
            concord__jsonw_key_str(&w, "in", r->in_title ? "title" : "text");
            if (text && r->end > r->start && r->end <= tlen)
                concord__jsonw_key_strn(&w, "text", text + r->start, r->end - r->start);
            else
                concord__jsonw_key_str(&w, "text", NULL);
            concord__jsonw_key_uint(&w, "start", r->start);
            concord__jsonw_key_uint(&w, "end", r->end);
            concord__jsonw_end_object(&w);
        }
        concord__jsonw_end_array(&w);
        concord__jsonw_end_object(&w);
    }
    concord__jsonw_end_array(&w);
    concord__jsonw_finish(&w);
}
