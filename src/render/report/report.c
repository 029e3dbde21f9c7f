/* report.c: the self-contained HTML report (see concord/report.h).
 *
 * Layout of the file: head (inline CSS, a Content-Security-Policy that allows
 * no network access and only the report's own script, by nonce), the index of
 * stories (a table, filtered, sorted and paged by a small script; without
 * script every row shows), then one <section> per story.  Story sections are
 * display:none until they are the URL's :target (or hold it, or the script
 * marks them open), so only the index is laid out and every link works
 * without JavaScript.  Large reports store each section gzip + base64 in an
 * inert block instead (see report.h), unpacked when opened.
 *
 * Safety: every byte of article or story text goes through S_esc (or
 * S_esc_n), which escapes & < > " ' and replaces control characters; ids and
 * hrefs inside the page are generated here (story-<id> only when the id is
 * [A-Za-z0-9_-]), and outbound links are written only for http(s) URLs.  No
 * data is ever written inside <script> or <style> (packed blocks hold base64
 * only).
 *
 * The index goes to a memory buffer and the story sections to a temporary
 * file, so the store's stories are read once and memory stays flat. */
#include "concord/report.h"
#include "concord/experimental.h"
#include "concord/outfile.h"
#include "concord/search.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <zlib.h>

#include "concord/json.h"
#include "concord/text.h"
#include "common/date.h"
#include "render/report/store_pages.h"
#include "render/word_diff.h"

/* ---------- escaping and small writers ---------- */

static void S_esc_n(concord_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '&': rep = "&amp;"; break;
            case '"': rep = "&quot;"; break;
            case '\'': rep = "&#39;"; break;
            case '\t':
            case '\n': break;
            case '\r': rep = ""; break;
            case 0: rep = "\xEF\xBF\xBD"; break; /* U+FFFD */
            default:
                if (c < 0x20 || c == 0x7f)
                    rep = " ";
        }
        if (rep) {
            concord_buf_add(b, s + run, i - run);
            concord_buf_adds(b, rep);
            run = i + 1;
        }
    }
    concord_buf_add(b, s + run, n - run);
}

static void S_esc(concord_buf *b, const char *s)
{
    if (s)
        S_esc_n(b, s, strlen(s));
}

static const char *S_str(const concord_json *o, const char *k)
{
    const char *s = o ? concord_json_get_str(o, k) : NULL;
    return s ? s : "";
}

static const concord_json *S_arr(const concord_json *o, const char *k)
{
    const concord_json *a = o ? concord_json_get(o, k) : NULL;
    return a && a->type == CONCORD_JSON_ARRAY ? a : NULL;
}

/* Number member: 1 and *v when present and a number. */
static int S_num(const concord_json *o, const char *k, double *v)
{
    const concord_json *n = o ? concord_json_get(o, k) : NULL;
    if (!n || n->type != CONCORD_JSON_NUMBER)
        return 0;
    *v = n->number;
    return 1;
}

static int S_true(const concord_json *o, const char *k)
{
    const concord_json *n = o ? concord_json_get(o, k) : NULL;
    return n && n->type == CONCORD_JSON_TRUE;
}

/* 1,234,567 for integers; %.3g otherwise. */
static void S_fmt_num(char *out, size_t cap, double v)
{
    if (!isfinite(v)) {
        snprintf(out, cap, "?");
        return;
    }
    if (fabs(v) < 1e15 && v == floor(v)) {
        char digits[32];
        long long n = (long long)v;
        int neg = n < 0;
        snprintf(digits, sizeof digits, "%lld", neg ? -n : n);
        size_t nd = strlen(digits), o = 0;
        if (neg && o + 1 < cap)
            out[o++] = '-';
        for (size_t i = 0; i < nd && o + 2 < cap; i++) {
            if (i && (nd - i) % 3 == 0)
                out[o++] = ',';
            out[o++] = digits[i];
        }
        out[o] = 0;
        return;
    }
    snprintf(out, cap, "%.4g", v);
}

/* ---------- dates ---------- */

static const char *const S_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Calendar arithmetic: src/common/date.h. */

/* Days since 1970-01-01 (proleptic Gregorian); 0 and *ok = 0 when not a date. */
static long S_days(const char *d, int *ok)
{
    int y, m, day;
    *ok = concord__date_parse(d, &y, &m, &day);
    return *ok ? concord__date_days(y, m, day) : 0;
}

static void S_date(concord_buf *b, const char *d)
{
    int y, m, day;
    if (concord__date_parse(d, &y, &m, &day))
        concord_buf_printf(b, "%d %s %d", day, S_months[m - 1], y);
    else if (d && *d)
        S_esc(b, d);
    else
        concord_buf_adds(b, "undated");
}

/* "3 Mar 2025", "3–4 Mar 2025", "28 Feb – 4 Mar 2025", "30 Dec 2024 – 2 Jan 2025". */
static void S_date_span(concord_buf *b, const char *first, const char *last)
{
    int y1, m1, d1, y2, m2, d2;
    int ok1 = concord__date_parse(first, &y1, &m1, &d1);
    int ok2 = concord__date_parse(last, &y2, &m2, &d2);
    if (!ok1 || !ok2 || !strcmp(first, last)) {
        S_date(b, ok1 ? first : last);
        return;
    }
    if (y1 == y2 && m1 == m2)
        concord_buf_printf(b, "%d\xE2\x80\x93%d %s %d", d1, d2, S_months[m1 - 1], y1);
    else if (y1 == y2)
        concord_buf_printf(b, "%d %s \xE2\x80\x93 %d %s %d", d1, S_months[m1 - 1], d2,
                           S_months[m2 - 1], y2);
    else
        concord_buf_printf(b, "%d %s %d \xE2\x80\x93 %d %s %d", d1, S_months[m1 - 1], y1, d2,
                           S_months[m2 - 1], y2);
}

/* ---------- one story's articles ---------- */

typedef struct S_art {
    const concord_json *j; /* the story document's entry */
    const char *id;
    const char *source;
    const char *date;
    const char *title;
    concord_article *a; /* from the store (NULL when missing) */
    concord_clean *c;
    concord_span *sent; /* sentences of the cleaned text, lazily */
    size_t n_sent, cap_sent;
    int sent_done;
    const char *role; /* original, copy, rewrite, duplicate */
    long parent;      /* main source article (index) or -1 */
    double parent_share;
    long day;
    int has_day;
    int depth;
    int row;     /* lineage layout */
    int shown;   /* in the lineage graph */
    char *owned; /* source label made here (freed with the story) */
} S_art;

typedef struct S_idx {
    const char *id;
    size_t i;
} S_idx;

typedef struct S_story {
    concord_store *st;
    const concord_json *doc;
    char anchor[96];
    S_art *arts;
    size_t n;
    S_idx *by_id;
    unsigned *jk;     /* document-wide counter for checkbox ids */
    const char *back; /* href of "All stories" (NULL: "#index") */
} S_story;

static int S_idx_cmp(const void *a, const void *b)
{
    return strcmp(((const S_idx *)a)->id, ((const S_idx *)b)->id);
}

static long S_find(const S_story *s, const char *id)
{
    if (!id || !s->n)
        return -1;
    S_idx key = {id, 0};
    const S_idx *hit = bsearch(&key, s->by_id, s->n, sizeof *s->by_id, S_idx_cmp);
    return hit ? (long)hit->i : -1;
}

static void S_anchor(char *out, size_t cap, const char *id, size_t ordinal)
{
    size_t n = strlen(id);
    int safe = n > 0 && n <= 64;
    for (size_t i = 0; safe && i < n; i++)
        safe = isalnum((unsigned char)id[i]) || id[i] == '-' || id[i] == '_';
    if (safe)
        snprintf(out, cap, "story-%s", id);
    else
        snprintf(out, cap, "story-n%zu", ordinal);
}

/* Link to report i of the story: <a href="#anchor-rI">outlet</a>. */
static void S_art_link(concord_buf *b, const S_story *s, long i, const char *fallback)
{
    if (i < 0) {
        S_esc(b, fallback);
        return;
    }
    concord_buf_printf(b, "<a href=\"#%s-r%ld\">", s->anchor, i);
    S_esc(b, s->arts[i].source[0] ? s->arts[i].source : s->arts[i].id);
    concord_buf_adds(b, "</a>");
}

static const char *S_kind_of(const char *k)
{
    if (!strcmp(k, "copy"))
        return "copy";
    if (!strcmp(k, "rewrite"))
        return "rewrite";
    return NULL;
}

static void S_story_load(S_story *s)
{
    const concord_json *as = S_arr(s->doc, "articles");
    s->n = as ? as->len : 0;
    s->arts = concord_xcalloc(s->n ? s->n : 1, sizeof *s->arts);
    s->by_id = concord_xcalloc(s->n ? s->n : 1, sizeof *s->by_id);
    for (size_t i = 0; i < s->n; i++) {
        S_art *a = &s->arts[i];
        a->j = as->items[i];
        a->id = S_str(a->j, "id");
        a->source = S_str(a->j, "source");
        a->date = S_str(a->j, "date");
        a->title = S_str(a->j, "title");
        a->parent = -1;
        a->role = "original";
        a->day = S_days(a->date, &a->has_day);
        s->by_id[i].id = a->id;
        s->by_id[i].i = i;
        if (concord_store_get_article(s->st, a->id, &a->a, &a->c) != 0) {
            a->a = NULL;
            a->c = NULL;
        }
        if (!a->source[0] && a->a)
            a->source = a->a->source;
        if (!a->has_day && a->c && a->c->date[0]) { /* the date the text gives */
            a->date = a->c->date;
            a->day = S_days(a->date, &a->has_day);
        }
        /* an outlet the reader could not name: the one the text names, else
         * the URL's host, else the article id */
        if (!a->source[0] || !strcmp(a->source, "unknown")) {
            if (a->c && a->c->outlet[0])
                a->source = a->c->outlet;
            else if ((a->owned = concord_url_host(a->a ? a->a->url : S_str(a->j, "url"))) != NULL)
                a->source = a->owned;
            else
                a->source = a->id;
        }
        if (!a->title[0] && a->a)
            a->title = a->a->title;
    }
    qsort(s->by_id, s->n, sizeof *s->by_id, S_idx_cmp);
    for (size_t i = 0; i < s->n; i++) {
        S_art *a = &s->arts[i];
        long dup = S_find(s, concord_json_get_str(a->j, "duplicate_of"));
        if (dup >= 0 && (size_t)dup != i) {
            a->role = "duplicate";
            a->parent = dup;
            a->parent_share = 1;
            continue;
        }
        const concord_json *df = S_arr(a->j, "derived_from");
        for (size_t k = 0; df && k < df->len; k++) {
            const char *kind = S_kind_of(S_str(df->items[k], "kind"));
            long p = S_find(s, S_str(df->items[k], "id"));
            double share = concord_json_get_num(df->items[k], "share", 0);
            if (!kind || p < 0 || (size_t)p == i)
                continue;
            /* a copy outranks a rewrite; then the larger share */
            int better = a->parent < 0 || (!strcmp(kind, "copy") && strcmp(a->role, "copy")) ||
                         (!strcmp(kind, a->role) && share > a->parent_share);
            if (better) {
                a->role = kind;
                a->parent = p;
                a->parent_share = share;
            }
        }
    }
}

static void S_story_free(S_story *s)
{
    for (size_t i = 0; i < s->n; i++) {
        concord_article_free(s->arts[i].a);
        concord_clean_free(s->arts[i].c);
        free(s->arts[i].sent);
        free(s->arts[i].owned);
    }
    free(s->arts);
    free(s->by_id);
}

/* ---------- index row and story summary ---------- */

typedef struct S_counts {
    size_t conflicts, differ, agree, figures, quotes, reports, outlets;
} S_counts;

static S_counts S_count(const concord_json *doc, size_t n_articles, size_t n_sources)
{
    S_counts k = {0, 0, 0, 0, 0, n_articles, n_sources};
    const concord_json *fg = S_arr(doc, "figures");
    for (size_t i = 0; fg && i < fg->len; i++) {
        const char *st = S_str(fg->items[i], "status");
        k.conflicts += !strcmp(st, "conflict");
        k.differ += !strcmp(st, "differ");
        k.agree += !strcmp(st, "agree");
    }
    k.figures = fg ? fg->len : 0;
    const concord_json *qs = S_arr(doc, "quotes");
    k.quotes = qs ? qs->len : 0;
    return k;
}

/* Distinct outlets of the story, in order of appearance, joined by ", ". */
static void S_outlets(concord_buf *b, const S_story *s, size_t max)
{
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < s->n; i++) {
        const char *src = s->arts[i].source;
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = !strcmp(src, s->arts[k].source);
        if (seen || !src[0])
            continue;
        total++;
        if (shown < max) {
            if (shown)
                concord_buf_adds(b, ", ");
            S_esc(b, src);
            shown++;
        }
    }
    if (total > shown)
        concord_buf_printf(b, " and %zu more", total - shown);
}

static void S_index_row(concord_buf *b, const concord_store_story *ss, const S_story *st,
                        const char *anchor)
{
    const concord_json *doc = st->doc;
    S_counts k = S_count(doc, ss->n_articles, ss->n_sources);
    /* what the search box matches: title, outlets, speakers, places */
    concord_buf_adds(b, "<tr data-q=\"");
    S_esc(b, ss->title);
    concord_buf_addc(b, ' ');
    S_outlets(b, st, 1000);
    const concord_json *qs = S_arr(doc, "quotes");
    for (size_t i = 0; qs && i < qs->len && i < 50; i++) {
        concord_buf_addc(b, ' ');
        S_esc(b, S_str(qs->items[i], "speaker"));
    }
    const concord_json *fg = S_arr(doc, "figures");
    for (size_t i = 0; fg && i < fg->len && i < 50; i++) {
        concord_buf_addc(b, ' ');
        S_esc(b, S_str(fg->items[i], "place"));
    }
    concord_buf_printf(b,
                       "\" data-d=\"%s\" data-n=\"%zu\" data-o=\"%zu\" data-c=\"%zu\">"
                       "<td class=\"t\"><a href=\"#%s\">",
                       concord__date_parse(ss->first, &(int){0}, &(int){0}, &(int){0}) ? ss->first
                                                                                       : "",
                       k.reports, k.outlets, k.conflicts * 1000 + k.differ, anchor);
    S_esc(b, ss->title[0] ? ss->title : ss->story);
    concord_buf_adds(b, "</a><div class=\"ol\">");
    S_outlets(b, st, 6);
    concord_buf_adds(b, "</div></td><td class=\"d\">");
    S_date_span(b, ss->first, ss->last);
    concord_buf_printf(b, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"f\">",
                       k.reports, k.outlets);
    if (k.conflicts)
        concord_buf_printf(b,
                           "<span class=\"badge conflict\" title=\"figures that no single value "
                           "satisfies\">%zu conflict%s</span>",
                           k.conflicts, k.conflicts == 1 ? "" : "s");
    else if (k.differ)
        concord_buf_printf(b, "<span class=\"badge differ\">%zu differ%s</span>", k.differ,
                           k.differ == 1 ? "s" : "");
    else if (k.agree)
        concord_buf_adds(b, "<span class=\"badge agree\">agree</span>");
    else if (k.figures)
        concord_buf_printf(b, "<span class=\"muted\">%zu figure%s</span>", k.figures,
                           k.figures == 1 ? "" : "s");
    else
        concord_buf_adds(b, "<span class=\"none\">\xE2\x80\x94</span>");
    concord_buf_adds(b, "</td></tr>\n");
}

/* ---------- digest ---------- */

static void S_digest(concord_buf *b, const S_story *s)
{
    const concord_json *dg = S_arr(s->doc, "digest");
    if (!dg || !dg->len)
        return;
    concord_buf_printf(
        b, "<section class=\"card\" id=\"%s-brief\"><h3>In brief</h3><ol class=\"digest\">",
        s->anchor);
    for (size_t i = 0; i < dg->len; i++) {
        const concord_json *d = dg->items[i];
        concord_buf_adds(b, "<li><p>");
        S_esc(b, S_str(d, "text"));
        concord_buf_adds(b, "</p><p class=\"src\">");
        long ai = S_find(s, S_str(d, "article"));
        S_art_link(b, s, ai, S_str(d, "source"));
        const concord_json *also = S_arr(d, "also_in");
        if (also && also->len) {
            concord_buf_adds(b, " <span class=\"also\">also in ");
            for (size_t k = 0; k < also->len; k++) {
                const char *id =
                    also->items[k]->type == CONCORD_JSON_STRING ? also->items[k]->str : "";
                if (k)
                    concord_buf_adds(b, ", ");
                S_art_link(b, s, S_find(s, id), id);
            }
            concord_buf_adds(b, "</span>");
        }
        concord_buf_adds(b, "</p></li>");
    }
    concord_buf_adds(b, "</ol></section>\n");
}

/* ---------- timeline of coverage (SVG) ---------- */

static const char *S_role_color(const char *role)
{
    if (!strcmp(role, "copy"))
        return "#d9480f";
    if (!strcmp(role, "rewrite"))
        return "#e8a317";
    if (!strcmp(role, "duplicate"))
        return "#868e96";
    return "#1c7ed6";
}

static void S_legend(concord_buf *b, int with_shared)
{
    static const char *const roles[] = {"original", "copy", "rewrite", "duplicate"};
    concord_buf_adds(b, "<p class=\"legend\">");
    for (size_t i = 0; i < 4; i++)
        concord_buf_printf(b, "<span><i style=\"background:%s\"></i>%s</span>",
                           S_role_color(roles[i]), roles[i]);
    if (with_shared)
        concord_buf_adds(b, "<span><i class=\"dash\"></i>shares passages</span>");
    concord_buf_adds(b, "</p>");
}

#define S_TL_MAX_ROWS 30

static void S_timeline(concord_buf *b, const S_story *s)
{
    if (s->n < 2)
        return;
    long lo = 0, hi = 0;
    int any = 0;
    size_t undated = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!s->arts[i].has_day) {
            undated++;
            continue;
        }
        if (!any || s->arts[i].day < lo)
            lo = s->arts[i].day;
        if (!any || s->arts[i].day > hi)
            hi = s->arts[i].day;
        any = 1;
    }
    concord_buf_printf(b, "<section class=\"card\" id=\"%s-coverage\"><h3>Coverage</h3>",
                       s->anchor);
    if (!any) {
        concord_buf_adds(b, "<p class=\"muted\">No report carries a date.</p></section>\n");
        return;
    }
    /* rows: outlets in order of their first report */
    const char **rows = concord_xcalloc(s->n, sizeof *rows);
    size_t n_rows = 0, hidden_rows = 0;
    int *row_of = concord_xcalloc(s->n, sizeof *row_of);
    for (size_t i = 0; i < s->n; i++) {
        row_of[i] = -1;
        if (!s->arts[i].has_day)
            continue;
        size_t r = 0;
        while (r < n_rows && strcmp(rows[r], s->arts[i].source))
            r++;
        if (r == n_rows) {
            if (n_rows == S_TL_MAX_ROWS) {
                hidden_rows++;
                continue;
            }
            rows[n_rows++] = s->arts[i].source;
        }
        row_of[i] = (int)r;
    }
    long span = hi - lo;
    const int left = 170, right = 24, top = 14, rowh = 26, width = 760;
    int plot = width - left - right;
    int height = top + (int)n_rows * rowh + 34;
    concord_buf_printf(b,
                       "<svg class=\"timeline\" viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\" "
                       "aria-label=\"Reports by outlet and day\">",
                       width, height, width);
    /* day grid */
    long step = span <= 7 ? 1 : (span + 6) / 7;
    for (long d = lo; d <= hi; d += step) {
        double x = left + (span ? (double)(d - lo) / (double)span * plot : plot / 2.0);
        int y, m, day;
        concord__date_civil(d, &y, &m, &day);
        concord_buf_printf(b,
                           "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                           "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%d %s</text>",
                           x, top - 6, x, top + (int)n_rows * rowh, x,
                           top + (int)n_rows * rowh + 18, day, S_months[m - 1]);
    }
    for (size_t r = 0; r < n_rows; r++) {
        int y = top + (int)r * rowh + rowh / 2;
        concord_buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"lab\">", left - 12, y + 4);
        /* long outlet names are cut at 24 code points */
        const char *src = rows[r];
        size_t len = strlen(src), i = 0, cps = 0;
        while (i < len && cps < 21) {
            concord_utf8_next(src, len, &i);
            cps++;
        }
        S_esc_n(b, src, i);
        if (i < len)
            concord_buf_adds(b, "\xE2\x80\xA6");
        concord_buf_printf(
            b, "</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"rowline\"/>", left, y,
            width - right, y);
    }
    /* dots; several reports of one outlet on one day step sideways */
    for (size_t i = 0; i < s->n; i++) {
        if (row_of[i] < 0)
            continue;
        int same = 0;
        for (size_t k = 0; k < i; k++)
            same += row_of[k] == row_of[i] && s->arts[k].day == s->arts[i].day;
        double x = left +
                   (span ? (double)(s->arts[i].day - lo) / (double)span * plot : plot / 2.0) +
                   same * 9.0;
        int y = top + row_of[i] * rowh + rowh / 2;
        concord_buf_printf(
            b,
            "<a href=\"#%s-r%zu\"><circle cx=\"%.1f\" cy=\"%d\" r=\"6.5\" fill=\"%s\">"
            "<title>",
            s->anchor, i, x, y, S_role_color(s->arts[i].role));
        S_esc(b, s->arts[i].source);
        concord_buf_adds(b, ", ");
        S_date(b, s->arts[i].date);
        concord_buf_adds(b, ": ");
        S_esc(b, s->arts[i].title);
        if (s->arts[i].parent >= 0) {
            concord_buf_printf(b, " (%s of ", s->arts[i].role);
            S_esc(b, s->arts[s->arts[i].parent].source);
            concord_buf_adds(b, ")");
        }
        concord_buf_adds(b, "</title></circle></a>");
    }
    concord_buf_adds(b, "</svg>");
    S_legend(b, 0);
    if (undated || hidden_rows) {
        concord_buf_adds(b, "<p class=\"muted\">");
        if (undated)
            concord_buf_printf(b, "%zu undated report%s not shown. ", undated,
                               undated == 1 ? "" : "s");
        if (hidden_rows)
            concord_buf_printf(b, "Reports of %zu further outlet%s not shown.", hidden_rows,
                               hidden_rows == 1 ? "" : "s");
        concord_buf_adds(b, "</p>");
    }
    concord_buf_adds(b, "</section>\n");
    free(rows);
    free(row_of);
}

/* ---------- lineage graph (SVG) ---------- */

#define S_LG_MAX_NODES 40

typedef struct S_edge {
    long from, to;
    const char *kind; /* copy, rewrite, duplicate, shared */
    double share;
    size_t order; /* position in discovery order */
    int shared;   /* kind is "shared" */
} S_edge;

/* By unordered pair, directed edges before shared ones, then discovery order. */
static int S_edge_pair_cmp(const void *x, const void *y)
{
    const S_edge *a = x, *b = y;
    long a1 = a->from < a->to ? a->from : a->to, a2 = a->from < a->to ? a->to : a->from;
    long b1 = b->from < b->to ? b->from : b->to, b2 = b->from < b->to ? b->to : b->from;
    if (a1 != b1)
        return a1 < b1 ? -1 : 1;
    if (a2 != b2)
        return a2 < b2 ? -1 : 1;
    if (a->shared != b->shared)
        return a->shared - b->shared;
    return a->order < b->order ? -1 : a->order > b->order;
}

static int S_edge_order_cmp(const void *x, const void *y)
{
    const S_edge *a = x, *b = y;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Over 100 lines and not split yet: the lineage table, tree and word diffs share the story's pair index; splitting it along those
 * steps is in the README's list of what is not done. */
static void S_lineage(concord_buf *b, S_story *s)
{
    if (s->n < 2)
        return;
    /* edges: parent -> child for copy/rewrite/duplicate; shared-source once a pair */
    S_edge *e = NULL;
    size_t ne = 0, cap = 0;
    for (size_t i = 0; i < s->n; i++) {
        S_art *a = &s->arts[i];
        long dup = S_find(s, concord_json_get_str(a->j, "duplicate_of"));
        if (dup >= 0 && (size_t)dup != i) {
            CONCORD_GROW(e, cap, ne + 1);
            e[ne] = (S_edge){dup, (long)i, "duplicate", 1, ne, 0};
            ne++;
        }
        const concord_json *df = S_arr(a->j, "derived_from");
        for (size_t k = 0; df && k < df->len; k++) {
            const char *kd = S_str(df->items[k], "kind");
            long p = S_find(s, S_str(df->items[k], "id"));
            if (p < 0 || (size_t)p == i || (dup >= 0 && p == dup))
                continue;
            const char *kind = S_kind_of(kd);
            if (!kind && strcmp(kd, "shared-source"))
                continue;
            kind = kind ? kind : "shared";
            double share = concord_json_get_num(df->items[k], "share", 0);
            CONCORD_GROW(e, cap, ne + 1);
            e[ne] = (S_edge){p, (long)i, kind, share, ne, !strcmp(kind, "shared")};
            ne++;
        }
    }
    /* one edge per (from, to), one shared edge per unordered pair, and no
     * shared edge for a pair that also has a directed one: sorted by pair,
     * so a story of thousands of wire copies stays n log n */
    if (ne)
        qsort(e, ne, sizeof *e, S_edge_pair_cmp);
    size_t w = 0, n_directed = 0, n_shared = 0;
    for (size_t x = 0; x < ne; x++) {
        int drop = 0;
        for (size_t y = w; y-- > 0;) { /* kept edges of the same pair sit just before */
            long y1 = e[y].from < e[y].to ? e[y].from : e[y].to;
            long y2 = e[y].from < e[y].to ? e[y].to : e[y].from;
            long x1 = e[x].from < e[x].to ? e[x].from : e[x].to;
            long x2 = e[x].from < e[x].to ? e[x].to : e[x].from;
            if (y1 != x1 || y2 != x2)
                break;
            if (e[x].shared || (e[y].from == e[x].from && e[y].to == e[x].to)) {
                drop = 1; /* a shared edge after any edge of its pair, or a repeat */
                break;
            }
        }
        if (!drop) {
            e[w++] = e[x];
            if (e[x].shared)
                n_shared++;
            else
                n_directed++;
        }
    }
    ne = w;
    if (ne)
        qsort(e, ne, sizeof *e, S_edge_order_cmp);
    concord_buf_printf(b, "<section class=\"card\" id=\"%s-lineage\"><h3>Who copied whom</h3>",
                       s->anchor);
    if (!ne) {
        concord_buf_adds(b, "<p class=\"muted\">Every report was written independently: "
                            "no copied, rewritten or shared passages were found.</p></section>\n");
        free(e);
        return;
    }
    /* nodes: articles with an edge (directed ones first when there are too many) */
    size_t shown = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t x = 0; x < ne; x++) {
            if ((pass == 0) != !e[x].shared)
                continue;
            long ends[2] = {e[x].from, e[x].to};
            for (int k = 0; k < 2; k++)
                if (!s->arts[ends[k]].shown && shown < S_LG_MAX_NODES) {
                    s->arts[ends[k]].shown = 1;
                    shown++;
                }
        }
    /* depth: longest chain of directed edges that go forward in (date, order) */
    for (size_t i = 0; i < s->n; i++)
        s->arts[i].depth = 0;
    for (size_t round = 0; round < 9; round++) { /* depths stop at 7 */
        int changed = 0;
        for (size_t x = 0; x < ne; x++) {
            if (e[x].shared)
                continue;
            S_art *p = &s->arts[e[x].from], *c = &s->arts[e[x].to];
            int forward = p->day < c->day || (p->day == c->day && e[x].from < e[x].to);
            if (forward && c->depth < p->depth + 1 && p->depth + 1 < 8) {
                c->depth = p->depth + 1;
                changed = 1;
            }
        }
        if (!changed)
            break;
    }
    int cols = 0, rows_in[8] = {0};
    for (size_t i = 0; i < s->n; i++)
        if (s->arts[i].shown) {
            S_art *a = &s->arts[i];
            a->row = rows_in[a->depth]++;
            if (a->depth + 1 > cols)
                cols = a->depth + 1;
        }
    int max_rows = 0;
    for (int c = 0; c < cols; c++)
        if (rows_in[c] > max_rows)
            max_rows = rows_in[c];
    const int nodew = 180, nodeh = 42, colgap = 90, rowgap = 16, pad = 12;
    int width = pad * 2 + cols * nodew + (cols - 1) * colgap + 90; /* + room for arcs */
    int height = pad * 2 + max_rows * (nodeh + rowgap) - rowgap;
    if (width < 400)
        width = 400;
    concord_buf_printf(b,
                       "<svg class=\"lineage\" viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\" "
                       "aria-label=\"Lineage: which report was copied or rewritten from which\">",
                       width, height, width);
#define NODE_X(a) (pad + (a)->depth * (nodew + colgap))
#define NODE_Y(a)                                                                                  \
    (pad + (a)->row * (nodeh + rowgap) +                                                           \
     (height - 2 * pad - rows_in[(a)->depth] * (nodeh + rowgap) + rowgap) / 2)
    for (int pass = 0; pass < 2; pass++) /* shared first, under the arrows */
        for (size_t x = 0; x < ne; x++) {
            int shared = e[x].shared;
            if (shared != (pass == 0))
                continue;
            S_art *p = &s->arts[e[x].from], *c = &s->arts[e[x].to];
            if (!p->shown || !c->shown)
                continue;
            double x1, y1, x2, y2, cx1, cx2;
            y1 = NODE_Y(p) + nodeh / 2.0;
            y2 = NODE_Y(c) + nodeh / 2.0;
            if (p->depth == c->depth) { /* same column: arc on the right */
                x1 = x2 = NODE_X(p) + nodew;
                cx1 = cx2 = x1 + 40 + fabs(y2 - y1) / 4;
            } else if (p->depth < c->depth) {
                x1 = NODE_X(p) + nodew;
                x2 = NODE_X(c) - (shared ? 0 : 4);
                cx1 = cx2 = (x1 + x2) / 2;
            } else {
                x1 = NODE_X(p);
                x2 = NODE_X(c) + nodew + (shared ? 0 : 4);
                cx1 = cx2 = (x1 + x2) / 2;
            }
            concord_buf_printf(
                b,
                "<path d=\"M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f\" class=\"e %s\"%s>"
                "<title>",
                x1, y1, cx1, y1, cx2, y2, x2, y2, e[x].kind,
                shared ? "" : " marker-end=\"url(#concord-arrow)\"");
            S_esc(b, c->source);
            if (shared)
                concord_buf_adds(b, " and ");
            else
                concord_buf_printf(b, ": %s of ", e[x].kind);
            S_esc(b, p->source);
            if (shared)
                concord_buf_adds(b, " share passages");
            if (e[x].share > 0)
                concord_buf_printf(b, " (%.0f%% of the text)", e[x].share * 100);
            concord_buf_adds(b, "</title></path>");
        }
    for (size_t i = 0; i < s->n; i++) {
        S_art *a = &s->arts[i];
        if (!a->shown)
            continue;
        int x = NODE_X(a), y = NODE_Y(a);
        concord_buf_printf(
            b,
            "<a href=\"#%s-r%zu\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
            "rx=\"7\" class=\"node\" style=\"stroke:%s\"/>"
            "<rect x=\"%d\" y=\"%d\" width=\"5\" height=\"%d\" rx=\"2\" fill=\"%s\"/>"
            "<text x=\"%d\" y=\"%d\" class=\"nsrc\">",
            s->anchor, i, x, y, nodew, nodeh, S_role_color(a->role), x + 1, y + 1, nodeh - 2,
            S_role_color(a->role), x + 12, y + 18);
        size_t len = strlen(a->source), k = 0, cps = 0;
        while (k < len && cps < 22) {
            concord_utf8_next(a->source, len, &k);
            cps++;
        }
        S_esc_n(b, a->source, k);
        if (k < len)
            concord_buf_adds(b, "\xE2\x80\xA6");
        concord_buf_printf(b, "</text><text x=\"%d\" y=\"%d\" class=\"ndate\">", x + 12, y + 34);
        S_date(b, a->date);
        if (strcmp(a->role, "original"))
            concord_buf_printf(b, " \xC2\xB7 %s", a->role);
        concord_buf_adds(b, "<title>");
        S_esc(b, a->title);
        concord_buf_adds(b, "</title></text></a>");
    }
#undef NODE_X
#undef NODE_Y
    concord_buf_adds(b, "</svg>");
    S_legend(b, n_shared > 0);
    if (shown < s->n && shown == S_LG_MAX_NODES)
        concord_buf_printf(b, "<p class=\"muted\">The graph shows %d of the reports.</p>",
                           S_LG_MAX_NODES);
    /* the same in words: directed edges */
    if (n_directed) {
        concord_buf_adds(b, "<ul class=\"lin\">");
        for (size_t x = 0; x < ne; x++) {
            if (!strcmp(e[x].kind, "shared"))
                continue;
            concord_buf_adds(b, "<li>");
            S_art_link(b, s, e[x].to, "");
            concord_buf_printf(b, " <span class=\"tag %s\">%s of</span> ", e[x].kind, e[x].kind);
            S_art_link(b, s, e[x].from, "");
            if (e[x].share > 0 && strcmp(e[x].kind, "duplicate"))
                concord_buf_printf(b, " <span class=\"muted\">%.0f%% of the text shared</span>",
                                   e[x].share * 100);
            concord_buf_adds(b, "</li>");
        }
        concord_buf_adds(b, "</ul>");
    }
    concord_buf_adds(b, "</section>\n");
    free(e);
}

/* ---------- figures ---------- */

static const concord_span *S_sentence_at(S_art *a, size_t off)
{
    if (!a->c)
        return NULL;
    if (!a->sent_done) {
        concord_sentences(a->c->text, a->c->len, &a->sent, &a->n_sent, &a->cap_sent);
        a->sent_done = 1;
    }
    size_t lo = 0, hi = a->n_sent;
    while (lo < hi) { /* first sentence whose end is past off */
        size_t mid = (lo + hi) / 2;
        if (a->sent[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->n_sent ? &a->sent[lo] : NULL;
}

/* The sentence around [start, end) of the report's text, span marked; or the
 * extracted text alone when the offsets do not fit the stored text. */
static void S_in_context(concord_buf *b, S_art *a, const concord_json *r)
{
    const char *quoted = S_str(r, "text");
    double ds, de;
    const char *text = NULL;
    size_t len = 0;
    int in_title = !strcmp(S_str(r, "in"), "title");
    if (a && in_title) {
        text = a->title;
        len = strlen(text);
    } else if (a && a->c) {
        text = a->c->text;
        len = a->c->len;
    }
    if (text && S_num(r, "start", &ds) && S_num(r, "end", &de) && ds >= 0 && de >= ds &&
        de <= (double)len) {
        size_t start = (size_t)ds, end = (size_t)de;
        size_t qlen = strlen(quoted);
        if (!qlen || (end - start == qlen && !memcmp(text + start, quoted, qlen))) {
            size_t cs = 0, ce = len;
            if (!in_title) {
                const concord_span *s1 = S_sentence_at(a, start);
                const concord_span *s2 = end > start ? S_sentence_at(a, end - 1) : s1;
                if (s1 && s2) {
                    cs = s1->start < start ? s1->start : start;
                    ce = s2->end > end ? s2->end : end;
                } else {
                    cs = start;
                    ce = end;
                }
            }
            /* at most ~240 bytes of context each side, cut at a space */
            int cut_left = 0, cut_right = 0;
            if (start - cs > 240) {
                size_t k = start - 240;
                while (k < start && text[k] != ' ')
                    k++;
                if (k < start) {
                    cs = k + 1;
                    cut_left = 1;
                }
            }
            if (ce - end > 240) {
                size_t k = end + 240;
                while (k > end && text[k] != ' ')
                    k--;
                if (k > end) {
                    ce = k;
                    cut_right = 1;
                }
            }
            if (in_title)
                concord_buf_adds(b, "<span class=\"muted\">headline:</span> ");
            if (cut_left)
                concord_buf_adds(b, "\xE2\x80\xA6");
            S_esc_n(b, text + cs, start - cs);
            concord_buf_adds(b, "<mark>");
            S_esc_n(b, text + start, end - start);
            concord_buf_adds(b, "</mark>");
            S_esc_n(b, text + end, ce - end);
            if (cut_right)
                concord_buf_adds(b, "\xE2\x80\xA6");
            return;
        }
    }
    concord_buf_adds(b, "<mark>");
    S_esc(b, quoted);
    concord_buf_adds(b, "</mark>");
}

static void S_figures(concord_buf *b, S_story *s)
{
    const concord_json *fg = S_arr(s->doc, "figures");
    if (!fg || !fg->len)
        return;
    concord_buf_printf(b,
                       "<section class=\"card\" id=\"%s-figures\"><h3>Figures</h3>"
                       "<p class=\"muted\">Counts the reports give, by what they count: "
                       "<b>agree</b> same value, <b>differ</b> values that can all be true, "
                       "<b>conflict</b> no value fits every report.</p>"
                       "<table class=\"figs\">",
                       s->anchor);
    /* conflicts first, then differ, agree, single */
    static const char *const order[] = {"conflict", "differ", "agree", "single", NULL};
    for (int pass = 0; pass < 5; pass++)
        for (size_t i = 0; i < fg->len; i++) {
            const concord_json *g = fg->items[i];
            const char *status = S_str(g, "status");
            int rank = 4;
            for (int k = 0; k < 4; k++)
                if (!strcmp(status, order[k]))
                    rank = k;
            if (rank != pass)
                continue;
            const char *cls = rank < 4 ? order[rank] : "single";
            double est = 0;
            char num[64];
            concord_buf_printf(b,
                               "<tbody class=\"fig %s\"><tr class=\"fh\"><th colspan=\"3\">"
                               "<span class=\"badge %s\">",
                               cls, cls);
            S_esc(b, status[0] ? status : "single");
            concord_buf_adds(b, "</span> <span class=\"measure\">");
            S_esc(b, S_str(g, "measure"));
            concord_buf_adds(b, "</span> ");
            S_esc(b, S_str(g, "subject"));
            const char *place = S_str(g, "place");
            if (place[0]) {
                concord_buf_adds(b, " <span class=\"muted\">in</span> ");
                S_esc(b, place);
            }
            int has_est = S_num(g, "estimate", &est);
            if (has_est) {
                S_fmt_num(num, sizeof num, est);
                concord_buf_printf(b,
                                   "<span class=\"est\" title=\"concord's best single value\">"
                                   "estimate <b>%s</b></span>",
                                   num);
            }
            concord_buf_adds(b, "</th></tr>");
            const concord_json *reps = S_arr(g, "reports");
            for (size_t k = 0; reps && k < reps->len; k++) {
                const concord_json *r = reps->items[k];
                double v = 0, low = 0, high = 0;
                int has_v = S_num(r, "value", &v);
                int has_low = S_num(r, "low", &low), has_high = S_num(r, "high", &high);
                if (!has_low)
                    low = v;
                /* does this report admit the estimate? */
                const char *fit = "";
                if (has_est && (rank == 0 || rank == 1)) {
                    int ok = est >= low - 1e-9 && (!has_high || est <= high + 1e-9);
                    fit = ok ? " fits" : " off";
                }
                long ai = S_find(s, S_str(r, "article"));
                concord_buf_printf(b, "<tr class=\"rep%s\"><td class=\"out\">", fit);
                S_art_link(b, s, ai,
                           S_str(r, "source")[0] ? S_str(r, "source") : S_str(r, "article"));
                if (ai >= 0) {
                    concord_buf_adds(b, "<div class=\"muted\">");
                    S_date(b, s->arts[ai].date);
                    concord_buf_adds(b, "</div>");
                }
                concord_buf_adds(b, "</td><td class=\"val\">");
                const char *q = S_str(r, "qualifier");
                if (q[0]) {
                    concord_buf_adds(b, "<span class=\"qual\">");
                    S_esc(b, q);
                    concord_buf_adds(b, "</span> ");
                }
                if (has_v) {
                    S_fmt_num(num, sizeof num, v);
                    concord_buf_printf(b, "<b>%s</b>", num);
                } else if (has_low && has_high && high > low) {
                    S_fmt_num(num, sizeof num, low);
                    concord_buf_printf(b, "<b>%s", num);
                    S_fmt_num(num, sizeof num, high);
                    concord_buf_printf(b, "\xE2\x80\x93%s</b>", num);
                } else if (has_low) {
                    S_fmt_num(num, sizeof num, low);
                    concord_buf_printf(b, "<b>%s</b>", num);
                }
                if (S_true(r, "official"))
                    concord_buf_adds(b, "<div class=\"tag official\" title=\"attributed to an "
                                        "official source\">official</div>");
                if (S_true(r, "retracted"))
                    concord_buf_adds(b, "<div class=\"tag retracted\" title=\"superseded or "
                                        "withdrawn in the report\">retracted</div>");
                concord_buf_adds(b, "</td><td class=\"ctx\">");
                S_in_context(b, ai >= 0 ? &s->arts[ai] : NULL, r);
                const char *attr = S_str(r, "attribution");
                if (attr[0]) {
                    concord_buf_adds(b, "<div class=\"attr\">");
                    S_esc(b, attr);
                    concord_buf_adds(b, "</div>");
                }
                concord_buf_adds(b, "</td></tr>");
            }
            concord_buf_adds(b, "</tbody>");
        }
    concord_buf_adds(b, "</table></section>\n");
}

/* ---------- quotes, with a word diff against the canonical wording ---------- */

/* Writes variant var with the words absent from canonical canon marked
 * <ins>, and canonical words it lacks shown as <del> where they would be
 * (the one word diff, src/render/word_diff.h). */
static void S_diff(concord_buf *b, concord__word_diff *d, const char *canon, const char *var,
                   size_t var_len)
{
    if (concord__word_diff_run(d, canon, strlen(canon), var, var_len) != 0) {
        S_esc_n(b, var, var_len);
        return;
    }
    size_t pos = 0; /* bytes of var written */
    for (size_t k = 0; k < d->n; k++) {
        const concord__word_edit *e = &d->edit[k];
        if (e->kind == CONCORD__WORD_SAME) {
            S_esc_n(b, var + pos, e->end - pos);
            pos = e->end;
        } else if (e->kind == CONCORD__WORD_ADDED) {
            S_esc_n(b, var + pos, e->start - pos);
            concord_buf_adds(b, "<ins>");
            S_esc_n(b, var + e->start, e->end - e->start);
            concord_buf_adds(b, "</ins>");
            pos = e->end;
        } else {
            S_esc_n(b, var + pos, e->at - pos);
            pos = e->at;
            if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n')
                concord_buf_addc(b, ' ');
            concord_buf_adds(b, "<del>");
            S_esc_n(b, canon + e->start, e->end - e->start);
            concord_buf_adds(b, "</del>");
            if (e->at < var_len)
                concord_buf_addc(b, ' ');
        }
    }
    S_esc_n(b, var + pos, var_len - pos);
}

static void S_quotes(concord_buf *b, S_story *s)
{
    const concord_json *qs = S_arr(s->doc, "quotes");
    if (!qs || !qs->len)
        return;
    concord_buf_printf(b,
                       "<section class=\"card\" id=\"%s-quotes\"><h3>Quotes</h3>"
                       "<p class=\"muted\">Each quote with every outlet\xE2\x80\x99s wording: "
                       "<ins>words</ins> not in the first wording, <del>words</del> it has and "
                       "this one lacks.</p>",
                       s->anchor);
    concord__word_diff wd = {0};
    /* quotes carried by several reports first (most first), those of one
     * report folded away at the end */
    size_t *order = concord_xmalloc(qs->len * sizeof *order), n_multi = 0;
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < qs->len; i++) {
            const concord_json *ms0 = S_arr(qs->items[i], "mentions");
            if ((ms0 && ms0->len > 1) == (pass == 0))
                order[n_multi++] = i;
        }
    size_t multi = 0;
    while (multi < qs->len && S_arr(qs->items[order[multi]], "mentions") &&
           S_arr(qs->items[order[multi]], "mentions")->len > 1)
        multi++;
    for (size_t a = 1; a < multi; a++) /* insertion sort by mentions, stable */
        for (size_t b2 = a; b2 > 0 && S_arr(qs->items[order[b2]], "mentions")->len >
                                          S_arr(qs->items[order[b2 - 1]], "mentions")->len;
             b2--) {
            size_t t = order[b2];
            order[b2] = order[b2 - 1];
            order[b2 - 1] = t;
        }
    for (size_t oi = 0; oi < qs->len; oi++) {
        const concord_json *q = qs->items[order[oi]];
        if (oi == multi && multi > 0)
            concord_buf_printf(b,
                               "<details class=\"more\"><summary>%zu more quote%s, each in one "
                               "report</summary>",
                               qs->len - multi, qs->len - multi == 1 ? "" : "s");
        const char *canon = S_str(q, "text");
        const concord_json *ms = S_arr(q, "mentions");
        size_t nm = ms ? ms->len : 0;
        /* distinct wordings, in order of first mention */
        size_t distinct = 0;
        for (size_t k = 0; k < nm; k++) {
            int seen = 0;
            for (size_t x = 0; x < k && !seen; x++)
                seen = !strcmp(S_str(ms->items[x], "text"), S_str(ms->items[k], "text"));
            distinct += !seen;
        }
        concord_buf_adds(b, "<div class=\"quote\"><blockquote>\xE2\x80\x9C");
        S_esc(b, canon);
        concord_buf_adds(b, "\xE2\x80\x9D</blockquote><p class=\"who\">\xE2\x80\x94 <b>");
        const char *speaker = S_str(q, "speaker");
        S_esc(b, speaker[0] && strcmp(speaker, "unknown") ? speaker : "unattributed");
        concord_buf_printf(b, "</b> <span class=\"muted\">in %zu report%s, %zu wording%s</span>",
                           nm, nm == 1 ? "" : "s", distinct, distinct == 1 ? "" : "s");
        if (S_true(q, "speaker_conflict"))
            concord_buf_adds(
                b, " <span class=\"tag conflict\">outlets name different speakers</span>");
        const char *kind = S_str(q, "kind");
        if (kind[0] && strcmp(kind, "quote")) {
            concord_buf_adds(b, " <span class=\"tag\">");
            S_esc(b, kind);
            concord_buf_adds(b, "</span>");
        }
        concord_buf_adds(b, "</p>");
        if (nm) {
            concord_buf_adds(b, "<table class=\"variants\">");
            for (size_t k = 0; k < nm; k++) {
                const char *t = S_str(ms->items[k], "text");
                int seen = 0;
                for (size_t x = 0; x < k && !seen; x++)
                    seen = !strcmp(S_str(ms->items[x], "text"), t);
                if (seen)
                    continue;
                int same = !strcmp(t, canon);
                concord_buf_printf(b, "<tr class=\"%s\"><td class=\"out\">", same ? "same" : "var");
                size_t listed = 0;
                for (size_t x = k; x < nm; x++) {
                    if (strcmp(S_str(ms->items[x], "text"), t))
                        continue;
                    if (listed++)
                        concord_buf_adds(b, "<br>");
                    S_art_link(b, s, S_find(s, S_str(ms->items[x], "article")),
                               S_str(ms->items[x], "article"));
                    const char *st = S_str(ms->items[x], "speaker_text");
                    const char *sp = S_str(ms->items[x], "speaker");
                    if (st[0] || (sp[0] && strcmp(sp, speaker) && strcmp(sp, "unknown"))) {
                        concord_buf_adds(b, " <span class=\"muted\">(");
                        S_esc(b, st[0] ? st : sp);
                        concord_buf_adds(b, ")</span>");
                    }
                }
                concord_buf_adds(b, "</td><td class=\"w\">");
                if (same) {
                    S_esc(b, t);
                } else {
                    S_diff(b, &wd, canon, t, strlen(t));
                }
                concord_buf_adds(b, "</td></tr>");
            }
            concord_buf_adds(b, "</table>");
        }
        concord_buf_adds(b, "</div>");
    }
    if (multi > 0 && multi < qs->len)
        concord_buf_adds(b, "</details>");
    free(order);
    concord__word_diff_free(&wd);
    concord_buf_adds(b, "</section>\n");
}

/* ---------- the reports, with removed junk on demand ---------- */

static void S_reports(concord_buf *b, S_story *s)
{
    concord_buf_printf(b,
                       "<section class=\"card\" id=\"%s-reports\"><h3>Reports <span "
                       "class=\"muted\">(%zu)</span></h3>",
                       s->anchor, s->n);
    for (size_t i = 0; i < s->n; i++) {
        S_art *a = &s->arts[i];
        concord_buf_printf(b,
                           "<details class=\"rep\" id=\"%s-r%zu\"><summary>"
                           "<i class=\"dot\" style=\"background:%s\"></i><span class=\"src\">",
                           s->anchor, i, S_role_color(a->role));
        S_esc(b, a->source);
        concord_buf_adds(b, "</span> <span class=\"muted\">");
        S_date(b, a->date);
        concord_buf_adds(b, "</span> <span class=\"ttl\">");
        S_esc(b, a->title);
        concord_buf_adds(b, "</span>");
        if (a->parent >= 0) {
            concord_buf_printf(b, " <span class=\"tag %s\">%s of ", a->role, a->role);
            S_esc(b, s->arts[a->parent].source);
            concord_buf_adds(b, "</span>");
        }
        concord_buf_adds(b, "</summary><div class=\"rb\">");
        const char *url = a->a ? a->a->url : S_str(a->j, "url");
        if (!url[0])
            url = S_str(a->j, "url");
        concord_buf_adds(b, "<p class=\"meta\">");
        S_esc(b, a->id);
        if (!strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8)) {
            concord_buf_adds(b, " \xC2\xB7 <a rel=\"noopener noreferrer nofollow\" href=\"");
            S_esc(b, url);
            concord_buf_adds(b, "\">");
            S_esc(b, url);
            concord_buf_adds(b, "</a>");
        } else if (url[0]) {
            concord_buf_adds(b, " \xC2\xB7 ");
            S_esc(b, url);
        }
        if (a->c && a->c->byline[0]) {
            concord_buf_adds(b, " \xC2\xB7 by ");
            S_esc(b, a->c->byline);
        }
        concord_buf_adds(b, "</p>");
        if (!a->a) {
            concord_buf_adds(b,
                             "<p class=\"muted\">The text of this report is not in the store.</p>"
                             "</div></details>");
            continue;
        }
        /* raw text with the removed ranges wrapped in <del class="junk"> */
        const char *raw = a->a->text;
        size_t len = a->a->text_len, pos = 0, junk = 0, junk_bytes = 0;
        for (size_t k = 0; a->c && k < a->c->n_removed; k++) {
            const concord_removal *r = &a->c->removed[k];
            if (r->start >= pos && r->end <= len && r->end > r->start &&
                strcmp(r->why ? r->why : "", "whitespace")) {
                junk++;
                junk_bytes += r->end - r->start;
            }
        }
        unsigned id = ++*s->jk;
        if (junk)
            concord_buf_printf(
                b,
                "<input type=\"checkbox\" class=\"jk\" id=\"jk%u\"><label for=\"jk%u\" "
                "class=\"jkl\">show the %zu removed passage%s (%zu bytes of page "
                "junk)</label>",
                id, id, junk, junk == 1 ? "" : "s", junk_bytes);
        concord_buf_adds(b, "<div class=\"text\">");
        for (size_t k = 0; a->c && k < a->c->n_removed; k++) {
            const concord_removal *r = &a->c->removed[k];
            if (r->start < pos || r->end > len || r->end <= r->start)
                continue; /* damaged range: skip it rather than garble the text */
            S_esc_n(b, raw + pos, r->start - pos);
            concord_buf_adds(b, "<del class=\"junk\" data-why=\"");
            S_esc(b, r->why ? r->why : "");
            concord_buf_adds(b, "\">");
            S_esc_n(b, raw + r->start, r->end - r->start);
            concord_buf_adds(b, "</del>");
            pos = r->end;
        }
        S_esc_n(b, raw + pos, len - pos);
        concord_buf_adds(b, "</div></div></details>");
    }
    concord_buf_adds(b, "</section>\n");
}

/* ---------- one story ---------- */

static void S_story_section(concord_buf *b, S_story *sp, const concord_store_story *ss, int only)
{
    S_story s = *sp;
    const concord_json *doc = s.doc;
    const char *anchor = s.anchor;
    S_counts k = S_count(doc, ss->n_articles, ss->n_sources);
    concord_buf_printf(b,
                       "<section class=\"story%s\" id=\"%s\">"
                       "<nav class=\"back\"><a href=\"%s\">\xE2\x86\x90 All stories</a></nav><h2>",
                       only ? " only" : "", anchor, s.back ? s.back : "#index");
    S_esc(b, ss->title[0] ? ss->title : ss->story);
    concord_buf_adds(b, "</h2><p class=\"meta\">");
    S_date_span(b, ss->first, ss->last);
    concord_buf_printf(b, " \xC2\xB7 %zu report%s from %zu outlet%s", k.reports,
                       k.reports == 1 ? "" : "s", k.outlets, k.outlets == 1 ? "" : "s");
    if (k.conflicts)
        concord_buf_printf(b,
                           " \xC2\xB7 <span class=\"badge conflict\">%zu figure conflict%s</span>",
                           k.conflicts, k.conflicts == 1 ? "" : "s");
    if (k.quotes)
        concord_buf_printf(b, " \xC2\xB7 %zu quote%s", k.quotes, k.quotes == 1 ? "" : "s");
    concord_buf_adds(b, " \xC2\xB7 <span class=\"muted\">story ");
    S_esc(b, ss->story);
    concord_buf_adds(b, "</span></p>\n<nav class=\"jump\">");
    const concord_json *dg = S_arr(doc, "digest");
    if (dg && dg->len)
        concord_buf_printf(b, "<a href=\"#%s-brief\">In brief</a>", anchor);
    if (s.n > 1)
        concord_buf_printf(b,
                           "<a href=\"#%s-coverage\">Coverage</a>"
                           "<a href=\"#%s-lineage\">Who copied whom</a>",
                           anchor, anchor);
    if (k.figures)
        concord_buf_printf(b, "<a href=\"#%s-figures\">Figures (%zu)</a>", anchor, k.figures);
    if (k.quotes)
        concord_buf_printf(b, "<a href=\"#%s-quotes\">Quotes (%zu)</a>", anchor, k.quotes);
    concord_buf_printf(b, "<a href=\"#%s-reports\">Reports (%zu)</a></nav>\n", anchor, s.n);
    S_digest(b, &s);
    S_timeline(b, &s);
    S_lineage(b, &s);
    S_figures(b, &s);
    S_quotes(b, &s);
    S_reports(b, &s);
    concord_buf_adds(b, "</section>\n");
    *sp = s;
}

/* ---------- page ---------- */

/* The stylesheet of the report and of serve's pages: assets/report.css, one
 * string a line (tools/lexgen.c --asset), written joined without line breaks. */
#include "report_css.inc"

/* The script: the search box and paging of the index.  It only hides and
 * shows rows that are already in the page. */
#include "report_js.inc" /* S_js: assets/report.js, as the stylesheet */

/* Where each story's section lies in the temporary file. */
typedef struct S_mark {
    size_t start, end;
    char anchor[96];
} S_mark;

/* Sections up to this many bytes in all are written as they are (readable
 * without JavaScript); past it, as inert blocks opened by the script.
 * CONCORD_REPORT_INLINE_MAX (bytes) overrides the default. */
#define S_INLINE_MAX_DEFAULT ((size_t)12 << 20)

static size_t S_inline_max(void)
{
    const char *e = getenv("CONCORD_REPORT_INLINE_MAX");
    if (e && *e) {
        char *end;
        unsigned long long v = strtoull(e, &end, 10);
        if (!*end)
            return (size_t)v;
    }
    return S_INLINE_MAX_DEFAULT;
}

/* A static report of every story of a large store runs to hundreds of MB
 * (143 MB at 100,000 articles) that no browser opens comfortably; past 5,000
 * stories or 20,000 reports in all, the report keeps the largest stories
 * that fit both bounds and points to `concord serve`, which renders any
 * story on request.  CONCORD_REPORT_MAX_STORIES and
 * CONCORD_REPORT_MAX_REPORTS override the defaults (0: no limit). */
#define S_MAX_STORIES_DEFAULT ((size_t)5000)
#define S_MAX_REPORTS_DEFAULT ((size_t)20000)

static size_t S_env_limit(const char *name, size_t dflt)
{
    const char *e = getenv(name);
    if (e && *e) {
        char *end;
        unsigned long long v = strtoull(e, &end, 10);
        if (!*end)
            return v ? (size_t)v : SIZE_MAX;
    }
    return dflt;
}

/* Walks the stories from the largest: *size gets the member count of the
 * smallest story kept and *at_size how many of that size are kept.  Returns
 * 1 when some stories are left out, 0 when all fit, -1 on a store error.
 * The largest story is always kept. */
static int S_size_cut(concord_store *st, size_t max_stories, size_t max_reports, size_t *size,
                      size_t *at_size)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(concord_store_sqlite(st),
                           "SELECT n_articles FROM stories ORDER BY n_articles DESC", -1, &q,
                           NULL) != SQLITE_OK)
        return -1;
    size_t kept = 0, reports = 0;
    int cut = 0, rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_int64(q, 0);
        if (kept > 0 && (kept + 1 > max_stories || reports + n > max_reports)) {
            cut = 1;
            break;
        }
        if (kept == 0 || n != *size) {
            *size = n;
            *at_size = 0;
        }
        ++*at_size;
        kept++;
        reports += n;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? cut : -1;
}

/* gzip, then base64: what the page's script unpacks with the browser's own
 * DecompressionStream.  Base64 never holds '<', so a block cannot end early. */
static int S_pack(concord_buf *out, const char *p, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    size_t cap = deflateBound(&z, (uLong)n) + 32;
    unsigned char *gz = concord_xmalloc(cap);
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    z.next_out = gz;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    size_t len = cap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(gz);
        return -1;
    }
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    CONCORD_GROW(out->data, out->cap, out->len + (len + 2) / 3 * 4 + 1);
    char *o = out->data + out->len;
    size_t i = 0;
    for (; i + 2 < len; i += 3) {
        unsigned v = (unsigned)gz[i] << 16 | (unsigned)gz[i + 1] << 8 | gz[i + 2];
        *o++ = b64[v >> 18];
        *o++ = b64[(v >> 12) & 63];
        *o++ = b64[(v >> 6) & 63];
        *o++ = b64[v & 63];
    }
    if (i < len) {
        unsigned v = (unsigned)gz[i] << 16 | (i + 1 < len ? (unsigned)gz[i + 1] << 8 : 0);
        *o++ = b64[v >> 18];
        *o++ = b64[(v >> 12) & 63];
        *o++ = i + 1 < len ? b64[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
    *o = 0;
    out->len = (size_t)(o - out->data);
    free(gz);
    return 0;
}

typedef struct S_set {
    uint64_t *h;
    size_t n, cap;
} S_set;

static void S_set_add(S_set *s, const char *str)
{
    if (s->n * 2 >= s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        uint64_t *nh = concord_xcalloc(ncap, sizeof *nh);
        for (size_t i = 0; i < s->cap; i++)
            if (s->h[i])
                for (size_t k = s->h[i] & (ncap - 1);; k = (k + 1) & (ncap - 1))
                    if (!nh[k]) {
                        nh[k] = s->h[i];
                        break;
                    }
        free(s->h);
        s->h = nh;
        s->cap = ncap;
    }
    uint64_t h = concord_hash(str, strlen(str), 7) | 1;
    for (size_t k = h & (s->cap - 1);; k = (k + 1) & (s->cap - 1)) {
        if (s->h[k] == h)
            return;
        if (!s->h[k]) {
            s->h[k] = h;
            s->n++;
            return;
        }
    }
}

/* Story id -> ordinal in the report (for the outlet page's links to the
 * stories the report holds). */
typedef struct S_idmap {
    uint64_t *h;
    size_t *v;
    size_t n, cap;
} S_idmap;

static uint64_t S_id_hash(const char *id)
{
    return concord_hash(id, strlen(id), 11) | 1;
}

static void S_idmap_put(S_idmap *m, const char *id, size_t v)
{
    if (m->n * 2 >= m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 256;
        uint64_t *nh = concord_xcalloc(ncap, sizeof *nh);
        size_t *nv = concord_xcalloc(ncap, sizeof *nv);
        for (size_t i = 0; i < m->cap; i++)
            if (m->h[i])
                for (size_t k = m->h[i] & (ncap - 1);; k = (k + 1) & (ncap - 1))
                    if (!nh[k]) {
                        nh[k] = m->h[i];
                        nv[k] = m->v[i];
                        break;
                    }
        free(m->h);
        free(m->v);
        m->h = nh;
        m->v = nv;
        m->cap = ncap;
    }
    uint64_t h = S_id_hash(id);
    for (size_t k = h & (m->cap - 1);; k = (k + 1) & (m->cap - 1)) {
        if (m->h[k] == h)
            return;
        if (!m->h[k]) {
            m->h[k] = h;
            m->v[k] = v;
            m->n++;
            return;
        }
    }
}

static int S_idmap_get(const S_idmap *m, const char *id, size_t *v)
{
    if (!m->cap)
        return 0;
    uint64_t h = S_id_hash(id);
    for (size_t k = h & (m->cap - 1); m->h[k]; k = (k + 1) & (m->cap - 1))
        if (m->h[k] == h) {
            *v = m->v[k];
            return 1;
        }
    return 0;
}

/* The outlet page's link to a story: its section, when the report holds it. */
static int S_report_story_href(void *ctx, const char *story, long member, concord_buf *href)
{
    size_t ordinal;
    if (!S_idmap_get(ctx, story, &ordinal))
        return 0;
    char anchor[96];
    S_anchor(anchor, sizeof anchor, story, ordinal);
    concord_buf_printf(href, "#%s", anchor);
    if (member >= 0) /* the copying report, opened (the story's reports) */
        concord_buf_printf(href, "-r%ld", member);
    return 1;
}

/* Why the last concord_report_write of this thread failed. */
static _Thread_local char S_err[256];

const char *concord_report_errmsg(void)
{
    return S_err;
}

static int S_flush(concord_buf *b, FILE *f, size_t at_least)
{
    if (b->len < at_least)
        return 0;
    int bad = b->len && fwrite(b->data, 1, b->len, f) != b->len;
    concord_buf_clear(b);
    return bad;
}

/* One report being written: what the story pass gathers for the pages
 * written after it (the header's counts, the index rows, where each story's
 * section lies in the temporary file) and the failure flags. */
typedef struct {
    concord_store *st;
    FILE *sections;          /* the story sections, in store order */
    concord_buf index, body; /* the index rows; the page text being written */
    size_t n_stories, n_reports, n_conflicted, total;
    char first[16], last[16];
    S_set outlets;
    S_idmap included; /* story id -> its position in the report */
    S_mark *marks;
    size_t cap_marks, sections_bytes;
    int capped, bad, store_bad;
} S_report;

/* The story pass: every story of the store, in store order; those the size
 * cut keeps get an index row and a section (written to r->sections), the
 * others only count in the network (fed here from their documents when the
 * store has no up-to-date outlet table: net_table 0). */
static void S_report_stories(S_report *r, concord_outlets *network, int net_table)
{
    concord_store *st = r->st;
    unsigned jk = 0;
    size_t cut_size = 0, at_size = 0, taken_at_size = 0;
    r->capped = S_size_cut(st, S_env_limit("CONCORD_REPORT_MAX_STORIES", S_MAX_STORIES_DEFAULT),
                           S_env_limit("CONCORD_REPORT_MAX_REPORTS", S_MAX_REPORTS_DEFAULT),
                           &cut_size, &at_size) == 1;
    concord_store_iter *it;
    if (concord_store_stories_begin(st, &it) != 0) {
        r->bad = r->store_bad = 1;
        return;
    }
    concord_store_story *ss;
    int src;
    while ((src = concord_store_stories_next(it, &ss)) != 0) {
        if (src < 0) { /* a damaged store: no report rather than a partial one */
            r->bad = r->store_bad = 1;
            continue;
        }
        /* the outlet network counts every story of the store, also
         * those the report leaves out */
        int left_out = r->capped && (ss->n_articles < cut_size ||
                                     (ss->n_articles == cut_size && taken_at_size++ >= at_size));
        concord_json *doc =
            left_out && net_table ? NULL : concord_json_parse(ss->doc, strlen(ss->doc), NULL, NULL);
        if (doc && !net_table)
            concord_outlets_add(network, doc);
        if (left_out) {
            concord_json_free(doc);
            concord_store_story_free(ss);
            continue;
        }
        char anchor[96];
        S_idmap_put(&r->included, ss->story, r->n_stories);
        S_anchor(anchor, sizeof anchor, ss->story, r->n_stories);
        r->n_stories++;
        r->n_reports += ss->n_articles;
        S_counts k = S_count(doc, ss->n_articles, ss->n_sources);
        r->n_conflicted += k.conflicts > 0;
        if (ss->first[0] && (!r->first[0] || strcmp(ss->first, r->first) < 0))
            snprintf(r->first, sizeof r->first, "%s", ss->first);
        if (ss->last[0] && strcmp(ss->last, r->last) > 0)
            snprintf(r->last, sizeof r->last, "%s", ss->last);
        S_story story = {0};
        story.st = st;
        story.doc = doc;
        story.jk = &jk;
        snprintf(story.anchor, sizeof story.anchor, "%s", anchor);
        S_story_load(&story);
        S_index_row(&r->index, ss, &story, anchor);
        for (size_t i = 0; i < story.n; i++)
            S_set_add(&r->outlets, story.arts[i].source);
        r->bad |= S_flush(&r->body, r->sections, 0);
        CONCORD_GROW(r->marks, r->cap_marks, r->n_stories);
        S_mark *m = &r->marks[r->n_stories - 1];
        m->start = (size_t)ftell(r->sections);
        S_story_section(&r->body, &story, ss, r->total == 1);
        S_story_free(&story);
        m->end = m->start + r->body.len;
        snprintf(m->anchor, sizeof m->anchor, "%s", anchor);
        r->sections_bytes += r->body.len;
        concord_json_free(doc);
        concord_store_story_free(ss);
    }
    concord_store_stories_end(it);
}

/* The "Outlets" page (written after the index) into netpage. */
static void S_report_network(S_report *r, concord_outlets *network, concord_buf *netpage)
{
    concord_outlet_network net;
    concord_outlets_network(network, &net);
    concord__page_opts po = {0};
    po.story_href = S_report_story_href;
    po.ctx = &r->included;
    po.back_href = "#index";
    po.max_rows = S_env_limit("CONCORD_REPORT_OUTLET_ROWS", CONCORD__STORE_PAGE_ROWS);
    concord__outlets_section(netpage, r->st, network, &net, &po);
    concord_outlets_network_free(&net);
}

/* From the doctype to the header's counts and tabs, and the note of a
 * capped report; nonce: the one script's CSP nonce. */
static void S_report_head(const S_report *r, concord_buf *h, uint64_t nonce)
{
    size_t n_stories = r->n_stories, n_reports = r->n_reports;
    concord_buf_printf(h,
                       "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                       "style-src 'unsafe-inline'; img-src data:; script-src 'nonce-%016llx'; "
                       "base-uri 'none'; form-action 'none'\">\n"
                       "<meta name=\"referrer\" content=\"no-referrer\">\n"
                       "<meta name=\"generator\" content=\"concord\">\n<title>concord: %zu stor%s",
                       (unsigned long long)nonce, n_stories, n_stories == 1 ? "y" : "ies");
    concord_buf_adds(h, "</title>\n<style>");
    for (size_t i = 0; S_css[i]; i++)
        concord_buf_adds(h, S_css[i]);
    concord_buf_adds(
        h, "</style></head>\n<body>\n<svg width=\"0\" height=\"0\" style=\"position:absolute\" "
           "aria-hidden=\"true\"><defs><marker id=\"concord-arrow\" viewBox=\"0 0 10 10\" "
           "refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" "
           "markerHeight=\"9\" orient=\"auto-start-reverse\">"
           "<path d=\"M0 0L10 5L0 10z\" fill=\"#495057\"/></marker></defs></svg>\n"
           "<header class=\"top\"><h1>concord <span>report</span></h1><p>");
    concord_buf_printf(h, "%zu stor%s \xC2\xB7 %zu report%s \xC2\xB7 %zu outlet%s", n_stories,
                       n_stories == 1 ? "y" : "ies", n_reports, n_reports == 1 ? "" : "s",
                       r->outlets.n, r->outlets.n == 1 ? "" : "s");
    if (r->first[0]) {
        concord_buf_adds(h, " \xC2\xB7 ");
        S_date_span(h, r->first, r->last[0] ? r->last : r->first);
    }
    if (r->n_conflicted)
        concord_buf_printf(h, " \xC2\xB7 %zu with conflicting figures", r->n_conflicted);
    concord_buf_adds(h, "</p><nav class=\"tabs\"><a href=\"#index\">Stories</a>"
                        "<a href=\"#outlets\">Outlets</a></nav></header>\n<main>\n");
    if (r->capped)
        concord_buf_printf(
            h,
            "<p class=\"card\" id=\"capped\">This report shows the %zu largest "
            "of the store's %zu stories: a page for every story would make it "
            "too large to open comfortably. <code>concord serve --db FILE</code> browses and "
            "searches all of them.</p>\n",
            n_stories, r->total);
}

/* The index section (its rows, the pager and the script), after what h
 * holds, to f. */
static void S_report_index(S_report *r, concord_buf *h, FILE *f, uint64_t nonce)
{
    concord_buf_adds(h, "<section id=\"index\">\n"
                        "<div class=\"tools\" id=\"tools\" hidden><input type=\"search\" id=\"q\" "
                        "placeholder=\"Filter stories: title, outlet, speaker, place\xE2\x80\xA6\" "
                        "aria-label=\"Filter stories\" autocomplete=\"off\"><span id=\"count\" "
                        "class=\"muted\"></span></div>\n");
    if (!r->n_stories)
        concord_buf_adds(h, "<p class=\"muted\">No stories in this store yet.</p>\n");
    concord_buf_adds(
        h, "<table class=\"stories\"><thead><tr><th>Story</th>"
           "<th class=\"d\" data-sort=\"d\">Dates</th><th data-sort=\"n\">Reports</th>"
           "<th data-sort=\"o\">Outlets</th><th data-sort=\"c\">Figures</th></tr></thead>\n"
           "<tbody id=\"rows\">\n");
    r->bad |= S_flush(h, f, 0);
    r->bad |= S_flush(&r->index, f, 0);
    concord_buf_adds(h,
                     "</tbody></table>\n<p id=\"none\" hidden>No story matches.</p>\n"
                     "<nav class=\"pager\" id=\"pager\" hidden><button id=\"prev\" type=\"button\">"
                     "\xE2\x80\xB9 Previous</button><span id=\"pageinfo\" class=\"muted\"></span>"
                     "<button id=\"next\" type=\"button\">Next \xE2\x80\xBA</button></nav>\n");
    concord_buf_printf(h, "<script nonce=\"%016llx\">", (unsigned long long)nonce);
    for (size_t i = 0; S_js[i]; i++)
        concord_buf_adds(h, S_js[i]);
    concord_buf_adds(h, "</script>\n</section>\n");
    r->bad |= S_flush(h, f, 0);
}

/* The story sections from the temporary file to f: as they are, or each in
 * an inert text block that the script turns into a page when the story is
 * opened (past S_inline_max bytes in all). */
static void S_report_sections(S_report *r, concord_buf *h, FILE *f)
{
    if (fseek(r->sections, 0, SEEK_SET) != 0)
        r->bad = 1;
    int lazy = r->sections_bytes > S_inline_max();
    if (lazy)
        concord_buf_printf(h,
                           "<noscript><p class=\"card\">This report holds %zu stories; to keep it "
                           "fast their pages open with JavaScript, which is off. "
                           "<code>concord show STORY --db FILE</code> prints any of them.</p>"
                           "</noscript>\n",
                           r->n_stories);
    r->bad |= S_flush(h, f, 0);
    if (!lazy) {
        char chunk[1 << 16];
        size_t got;
        while (!r->bad && (got = fread(chunk, 1, sizeof chunk, r->sections)) > 0)
            r->bad |= fwrite(chunk, 1, got, f) != got;
        return;
    }
    concord_buf page, packed;
    concord_buf_init(&page);
    concord_buf_init(&packed);
    for (size_t i = 0; !r->bad && i < r->n_stories; i++) {
        const S_mark *m = &r->marks[i];
        size_t n = m->end - m->start;
        concord_buf_clear(&page);
        CONCORD_GROW(page.data, page.cap, n + 1);
        if (fseek(r->sections, (long)m->start, SEEK_SET) != 0 ||
            fread(page.data, 1, n, r->sections) != n) {
            r->bad = 1;
            break;
        }
        page.len = n;
        concord_buf_clear(&packed);
        if (S_pack(&packed, page.data, page.len) != 0) {
            r->bad = 1;
            break;
        }
        r->bad |=
            fprintf(f, "<script type=\"text/x-concord-story\" data-story=\"%s\">", m->anchor) < 0;
        r->bad |= fwrite(packed.data, 1, packed.len, f) != packed.len;
        r->bad |= fputs("</script>\n", f) == EOF;
    }
    concord_buf_free(&page);
    concord_buf_free(&packed);
}

static void S_report_free(S_report *r)
{
    if (r->sections)
        fclose(r->sections);
    concord_buf_free(&r->index);
    concord_buf_free(&r->body);
    free(r->outlets.h);
    free(r->included.h);
    free(r->included.v);
    free(r->marks);
}

/* The steps: the story pass (index rows, sections aside), the outlet page,
 * then the file: head, index, outlet page, sections. */
int concord_report_write(concord_store *st, const char *path)
{
    S_err[0] = '\0';
    S_report r;
    memset(&r, 0, sizeof r);
    r.st = st;
    r.sections = tmpfile();
    if (!r.sections) {
        snprintf(S_err, sizeof S_err, "cannot make a temporary file: %s", strerror(errno));
        return -1;
    }
    concord_buf_init(&r.index);
    concord_buf_init(&r.body);
    concord_store_count_stories(st, &r.total);
    /* the store's outlet table when it is up to date (concord/search.h),
     * else every story document in the story pass */
    concord_outlets *network = concord_outlets_new();
    int net_table = concord_outlets_load(st, network, NULL, 0) == 1;
    S_report_stories(&r, network, net_table);
    r.bad |= S_flush(&r.body, r.sections, 0);
    concord_buf netpage;
    concord_buf_init(&netpage);
    if (!r.bad)
        S_report_network(&r, network, &netpage);
    concord_outlets_free(network);
    FILE *f = NULL;
    errno = 0;
    /* written aside and renamed when complete: a full disk or a failure
     * leaves the previous report as it was (concord/outfile.h) */
    concord_outfile *of = r.bad ? NULL : concord_outfile_open(path, &f);
    if (!of) {
        snprintf(S_err, sizeof S_err, "%s",
                 r.store_bad ? "the store could not be read to the end (damaged?)"
                             : strerror(errno ? errno : EIO));
        concord_buf_free(&netpage);
        S_report_free(&r);
        return -1;
    }
    /* nonce for the one script this page runs: CSP blocks any other script */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t seed[4] = {(uint64_t)ts.tv_sec, (uint64_t)ts.tv_nsec, (uint64_t)getpid(),
                        (uint64_t)(uintptr_t)&ts};
    uint64_t nonce = concord_hash(seed, sizeof seed, concord_hash(path, strlen(path), 0));
    concord_buf *h = &r.body;
    S_report_head(&r, h, nonce);
    S_report_index(&r, h, f, nonce);
    r.bad |= S_flush(&netpage, f, 0);
    concord_buf_free(&netpage);
    S_report_sections(&r, h, f);
    r.bad |= ferror(r.sections);
    concord_buf_adds(h, "</main>\n</body></html>\n");
    r.bad |= S_flush(h, f, 0);
    int bad = r.bad;
    if (bad) {
        snprintf(S_err, sizeof S_err, "%s", strerror(errno ? errno : EIO));
        concord_outfile_abort(of);
    } else if (concord_outfile_commit(of) != 0) {
        bad = 1;
        snprintf(S_err, sizeof S_err, "%s", strerror(errno ? errno : EIO));
    }
    S_report_free(&r);
    return bad ? -1 : 0;
}

/* ---------- pages for `concord serve` ---------- */

void concord_report_page_head(concord_buf *out, const char *title)
{
    concord_buf_adds(out,
                     "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                     "<meta name=\"referrer\" content=\"no-referrer\">\n"
                     "<meta name=\"generator\" content=\"concord\">\n<title>");
    S_esc(out, title ? title : "concord");
    concord_buf_adds(out, "</title>\n<style>");
    for (size_t i = 0; S_css[i]; i++)
        concord_buf_adds(out, S_css[i]);
    concord_buf_adds(
        out, "</style></head>\n<body>\n<svg width=\"0\" height=\"0\" style=\"position:absolute\" "
             "aria-hidden=\"true\"><defs><marker id=\"concord-arrow\" viewBox=\"0 0 10 10\" "
             "refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" "
             "markerHeight=\"9\" orient=\"auto-start-reverse\">"
             "<path d=\"M0 0L10 5L0 10z\" fill=\"#495057\"/></marker></defs></svg>\n");
}

void concord_report_escape(concord_buf *out, const char *text)
{
    S_esc(out, text ? text : "");
}

int concord_report_story_page(concord_store *st, const char *story_id, const char *back_href,
                              concord_buf *out)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(concord_store_sqlite(st),
                           "SELECT story, title, first, last, n_articles, n_sources, has_conflict"
                           " FROM stories WHERE story=?1",
                           -1, &q, NULL) != SQLITE_OK)
        return CONCORD_STORE_ERR_SQL;
    sqlite3_bind_text(q, 1, story_id, -1, SQLITE_STATIC);
    int src = sqlite3_step(q);
    if (src != SQLITE_ROW) {
        sqlite3_finalize(q);
        return src == SQLITE_DONE ? CONCORD_STORE_NOT_FOUND : CONCORD_STORE_ERR_SQL;
    }
    concord_store_story ss = {0};
    const char *col[4];
    for (int i = 0; i < 4; i++) {
        const unsigned char *t = sqlite3_column_text(q, i);
        col[i] = t ? (const char *)t : "";
    }
    ss.story = concord_xstrdup(col[0]);
    ss.title = concord_xstrdup(col[1]);
    ss.first = concord_xstrdup(col[2]);
    ss.last = concord_xstrdup(col[3]);
    ss.n_articles = (size_t)sqlite3_column_int64(q, 4);
    ss.n_sources = (size_t)sqlite3_column_int64(q, 5);
    ss.has_conflict = sqlite3_column_int(q, 6);
    sqlite3_finalize(q);
    char *docs = NULL;
    int rc = concord_store_get_story(st, story_id, &docs);
    concord_json *doc = rc == 0 ? concord_json_parse(docs, strlen(docs), NULL, NULL) : NULL;
    if (rc == 0 && !doc)
        rc = CONCORD_STORE_ERR_CORRUPT;
    if (rc == 0) {
        unsigned jk = 0;
        S_story story = {0};
        story.st = st;
        story.doc = doc;
        story.jk = &jk;
        story.back = back_href;
        S_anchor(story.anchor, sizeof story.anchor, ss.story, 0);
        S_story_load(&story);
        concord_report_page_head(out, ss.title[0] ? ss.title : ss.story);
        concord_buf_adds(out, "<main>\n");
        S_story_section(out, &story, &ss, 1);
        concord_buf_adds(out, "</main>\n</body></html>\n");
        S_story_free(&story);
    }
    concord_json_free(doc);
    free(docs);
    free(ss.story);
    free(ss.title);
    free(ss.first);
    free(ss.last);
    return rc;
}
