/* store_pages.c: the outlet network and one speaker's quotes as HTML, for the
 * report's "Outlets" page and `concord serve`; see store_pages.h. */
#include "render/report/store_pages.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "common/date.h"
#include "concord/experimental.h"
#include "explain/reuse/reuse_outlets.h"

static const char *const S_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void S_esc(concord_buf *b, const char *s)
{
    concord_report_escape(b, s ? s : "");
}

static size_t S_max_rows(const concord__page_opts *o)
{
    return o->max_rows ? o->max_rows : CONCORD__STORE_PAGE_ROWS;
}

/* Titles of stories, one prepared statement per page. */
typedef struct {
    sqlite3_stmt *q;
} S_titles;

static void S_titles_open(S_titles *t, concord_store *st)
{
    t->q = NULL;
    if (st)
        sqlite3_prepare_v2(concord_store_sqlite(st), "SELECT title FROM stories WHERE story=?1", -1,
                           &t->q, NULL);
}

/* Appends the story's title (escaped, cut to about 80 bytes at a character
 * boundary), or its id when it has none or is not in the store. */
static void S_title(S_titles *t, concord_buf *b, const char *story)
{
    const char *title = NULL;
    if (t->q) {
        sqlite3_reset(t->q);
        sqlite3_bind_text(t->q, 1, story, -1, SQLITE_STATIC);
        if (sqlite3_step(t->q) == SQLITE_ROW)
            title = (const char *)sqlite3_column_text(t->q, 0);
    }
    if (!title || !*title) {
        S_esc(b, story);
        return;
    }
    size_t n = strlen(title);
    if (n <= 90) {
        S_esc(b, title);
        return;
    }
    size_t cut = 80;
    while (cut > 0 && ((unsigned char)title[cut] & 0xC0) == 0x80)
        cut--;
    char *part = concord_xmalloc(cut + 1);
    memcpy(part, title, cut);
    part[cut] = '\0';
    S_esc(b, part);
    free(part);
    concord_buf_adds(b, "\xE2\x80\xA6");
}

static void S_titles_close(S_titles *t)
{
    sqlite3_finalize(t->q);
}

/* <a href="...">TEXT</a> when fn gives an href, else TEXT; text escaped. */
static void S_link_open(concord_buf *b, int (*fn)(void *, const char *, concord_buf *), void *ctx,
                        const char *key, int *linked)
{
    *linked = 0;
    if (!fn)
        return;
    concord_buf href;
    concord_buf_init(&href);
    if (fn(ctx, key, &href)) {
        concord_buf_addc(&href, '\0');
        concord_buf_adds(b, "<a href=\"");
        S_esc(b, href.data);
        concord_buf_adds(b, "\">");
        *linked = 1;
    }
    concord_buf_free(&href);
}

static void S_outlet_cell(concord_buf *b, const concord__page_opts *o, const char *outlet)
{
    int linked;
    S_link_open(b, o->outlet_href, o->ctx, outlet, &linked);
    S_esc(b, outlet);
    if (linked)
        concord_buf_adds(b, "</a>");
}

static void S_story_link(concord_buf *b, const concord__page_opts *o, S_titles *t,
                         const char *story, long member)
{
    int linked = 0;
    if (o->story_href) {
        concord_buf href;
        concord_buf_init(&href);
        if (o->story_href(o->ctx, story, member, &href)) {
            concord_buf_addc(&href, '\0');
            concord_buf_adds(b, "<a href=\"");
            S_esc(b, href.data);
            concord_buf_adds(b, "\">");
            linked = 1;
        }
        concord_buf_free(&href);
    }
    if (!linked)
        concord_buf_adds(b, "<span class=\"muted\" title=\"not in this report\">");
    S_title(t, b, story);
    concord_buf_adds(b, linked ? "</a>" : "</span>");
}

/* ---------- the outlet network ---------- */

typedef struct {
    const char *name;
    size_t at;
} S_byname;

static int S_byname_cmp(const void *a, const void *b)
{
    return strcmp(((const S_byname *)a)->name, ((const S_byname *)b)->name);
}

/* Per outlet (index of net->outlets): its reports that other outlets copied
 * or rewrote.  Caller frees. */
static size_t *S_picked(const concord_outlet_network *net)
{
    size_t no = net->n_outlets;
    S_byname *byname = concord_xcalloc(no ? no : 1, sizeof *byname);
    size_t *picked = concord_xcalloc(no ? no : 1, sizeof *picked);
    for (size_t i = 0; i < no; i++) {
        byname[i].name = net->outlets[i].outlet;
        byname[i].at = i;
    }
    qsort(byname, no, sizeof *byname, S_byname_cmp);
    for (size_t i = 0; i < net->n_links && no; i++) {
        S_byname key = {net->links[i].from, 0};
        const S_byname *hit = bsearch(&key, byname, no, sizeof *byname, S_byname_cmp);
        if (hit)
            picked[hit->at] += net->links[i].copy + net->links[i].rewrite;
    }
    free(byname);
    return picked;
}

static double S_own(const concord_outlet_share *s)
{
    return s->articles ? 1.0 - (double)s->derived / (double)s->articles : 0.0;
}

typedef struct {
    size_t i;
    double v;
    const char *s; /* text keys; NULL for numbers */
    int desc;
} S_sortrow;

static int S_sortrow_cmp(const void *a, const void *b)
{
    const S_sortrow *x = a, *y = b;
    int c = x->s ? strcmp(x->s, y->s) : (x->v > y->v) - (x->v < y->v);
    if (c)
        return x->desc ? -c : c;
    return (x->i > y->i) - (x->i < y->i);
}

static const char *const S_pair_keys[] = {"from", "to", "copies", "rewrites", "links", "lag"};
static const char *const S_own_keys[] = {"outlet", "reports", "derived", "own", "picked"};

size_t *concord__outlets_order(const concord_outlet_network *net, const char *key, int desc,
                               int *pairs, int *desc_out, size_t *n)
{
    int col = -1, p = 0;
    for (int k = 0; k < 6 && col < 0; k++)
        if (!strcmp(key, S_pair_keys[k]))
            col = k, p = 1;
    for (int k = 0; k < 5 && col < 0; k++)
        if (!strcmp(key, S_own_keys[k]))
            col = k;
    if (col < 0)
        return NULL;
    int text = col == 0 || (p && col == 1);
    if (desc < 0)
        desc = !text;
    *n = p ? net->n_links : net->n_outlets;
    S_sortrow *rows = concord_xcalloc(*n ? *n : 1, sizeof *rows);
    size_t *picked = p ? NULL : S_picked(net);
    for (size_t i = 0; i < *n; i++) {
        S_sortrow *r = &rows[i];
        r->i = i;
        r->desc = desc;
        if (p) {
            const concord_outlet_link *e = &net->links[i];
            switch (col) {
                case 0: r->s = e->from; break;
                case 1: r->s = e->to; break;
                case 2: r->v = (double)e->copy; break;
                case 3: r->v = (double)e->rewrite; break;
                case 4: r->v = (double)(e->copy + e->rewrite); break;
                default: r->v = e->has_lag ? e->median_lag_days : -1e300; break;
            }
        } else {
            const concord_outlet_share *o = &net->outlets[i];
            switch (col) {
                case 0: r->s = o->outlet; break;
                case 1: r->v = (double)o->articles; break;
                case 2: r->v = (double)o->derived; break;
                case 3: r->v = S_own(o); break;
                default: r->v = (double)picked[i]; break;
            }
        }
    }
    qsort(rows, *n, sizeof *rows, S_sortrow_cmp);
    size_t *order = concord_xcalloc(*n ? *n : 1, sizeof *order);
    for (size_t i = 0; i < *n; i++)
        order[i] = rows[i].i;
    free(rows);
    free(picked);
    *pairs = p;
    *desc_out = desc;
    return order;
}

/* A sortable heading: <th data-k="n|s">, its label a link to the page
 * sorted by key when the caller sorts on the server. */
static void S_th(concord_buf *b, const concord__page_opts *o, const char *key, int text,
                 const char *label)
{
    concord_buf_printf(b, "<th data-k=\"%s\">", text ? "s" : "n");
    int on = o->sort_key && !strcmp(o->sort_key, key);
    int linked = 0;
    if (o->sort_href) {
        concord_buf href;
        concord_buf_init(&href);
        /* the current key again reverses; another starts at its default */
        if (o->sort_href(o->ctx, key, on ? !o->sort_desc : !text, &href)) {
            concord_buf_addc(&href, '\0');
            concord_buf_adds(b, "<a href=\"");
            S_esc(b, href.data);
            concord_buf_adds(b, "\">");
            linked = 1;
        }
        concord_buf_free(&href);
    }
    concord_buf_adds(b, label);
    if (on)
        concord_buf_adds(b, o->sort_desc ? " \xE2\x86\x93" : " \xE2\x86\x91");
    concord_buf_adds(b, linked ? "</a></th>" : "</th>");
}

/* One sortable column: its key, whether it sorts as text, its heading. */
typedef struct {
    const char *key;
    int text;
    const char *label;
} S_col;

static void S_th_row(concord_buf *b, const concord__page_opts *o, const S_col *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        S_th(b, o, cols[i].key, cols[i].text, cols[i].label);
}

void concord__outlets_section(concord_buf *b, concord_store *st, const concord_outlets *x,
                              const concord_outlet_network *net, const concord__page_opts *o)
{
    size_t max = S_max_rows(o);
    size_t n_reports = 0, n_derived = 0, n_linked = 0;
    for (size_t i = 0; i < net->n_outlets; i++) {
        n_reports += net->outlets[i].articles;
        n_derived += net->outlets[i].derived;
    }
    for (size_t i = 0; i < net->n_links; i++)
        n_linked += net->links[i].copy + net->links[i].rewrite;
    size_t no = net->n_outlets;
    /* n_all: the network's pairs; a partial network (the first rows only,
     * read from the store's outlet table) brings its totals along */
    size_t n_all = net->n_links, *picked;
    if (concord__outlets_partial(x, &n_all, &n_linked)) {
        picked = concord_xcalloc(no ? no : 1, sizeof *picked);
        for (size_t i = 0; i < no; i++)
            picked[i] = concord__outlets_picked(x, i);
    } else {
        picked = S_picked(net);
    }

    concord_buf_printf(b, "<section id=\"outlets\" class=\"%s\">",
                       o->section_class ? o->section_class : "netpage");
    concord_buf_adds(b, "<nav class=\"back\"><a href=\"");
    S_esc(b, o->back_href ? o->back_href : "#index");
    concord_buf_adds(b, "\">\xE2\x86\x90 All stories</a></nav><h2>Outlet network</h2>"
                        "<p class=\"meta\">");
    concord_buf_printf(b,
                       "%zu stor%s \xC2\xB7 %zu report%s from %zu outlet%s \xC2\xB7 %zu report%s "
                       "copied or rewritten from another outlet, over %zu outlet pair%s",
                       net->stories, net->stories == 1 ? "y" : "ies", n_reports,
                       n_reports == 1 ? "" : "s", no, no == 1 ? "" : "s", n_derived,
                       n_derived == 1 ? "" : "s", n_all, n_all == 1 ? "" : "s");
    concord_buf_adds(b, "</p>\n<nav class=\"jump\"><a href=\"#outlets-pairs\">Who copies whom</a>"
                        "<a href=\"#outlets-own\">Own output</a></nav>\n");

    /* pairs */
    concord_buf_adds(b, "<div class=\"card\" id=\"outlets-pairs\"><h3>Who copies whom</h3>"
                        "<p class=\"muted\">Each report counts once, for its closest source in "
                        "another outlet of the same story (a copy before a rewrite, then the "
                        "larger share); shared-source links have no direction and are not "
                        "counted. Lag: days from the source's date to the copy's, the median "
                        "over the pairs with both dates. Outlets as the reports' source fields "
                        "name them, else their URL's host; reports of no known outlet form "
                        "no pairs.</p>\n");
    if (n_all > max)
        concord_buf_printf(b,
                           "<p class=\"card capped\" id=\"pairs-capped\">Showing the %zu outlet "
                           "pairs %s of %zu (%zu links in all); "
                           "<code>concord outlets --db FILE --json</code> lists every pair.</p>\n",
                           max, o->link_order ? "first in this order" : "with the most links",
                           n_all, n_linked);
    if (!n_all)
        concord_buf_adds(b, "<p class=\"muted\" id=\"pairs-none\">No report in this store is a "
                            "copy or rewrite of another outlet's report.</p>\n");
    else {
        concord_buf_adds(b, "<table class=\"stories net\" id=\"pairs\"><thead><tr>");
        static const S_col pair_cols[] = {
            {"from", 1, "Source outlet"}, {"to", 1, "Copied or rewritten by"},
            {"copies", 0, "Copies"},      {"rewrites", 0, "Rewrites"},
            {"links", 0, "Links"},        {"lag", 0, "Median lag"}};
        S_th_row(b, o, pair_cols, sizeof pair_cols / sizeof *pair_cols);
        concord_buf_adds(b, "<th>Example stories</th></tr></thead>\n<tbody>\n");
    }
    S_titles titles;
    S_titles_open(&titles, st);
    for (size_t r = 0; r < net->n_links && r < max; r++) {
        size_t i = o->link_order ? o->link_order[r] : r;
        const concord_outlet_link *e = &net->links[i];
        concord_buf_adds(b, "<tr><td class=\"t\">");
        S_outlet_cell(b, o, e->from);
        concord_buf_adds(b, "</td><td class=\"t\">");
        S_outlet_cell(b, o, e->to);
        concord_buf_printf(b,
                           "</td><td class=\"n\" data-v=\"%zu\">%zu</td><td class=\"n\" "
                           "data-v=\"%zu\">%zu</td><td class=\"n\" data-v=\"%zu\">%zu</td>",
                           e->copy, e->copy, e->rewrite, e->rewrite, e->copy + e->rewrite,
                           e->copy + e->rewrite);
        if (e->has_lag)
            concord_buf_printf(b,
                               "<td class=\"n\" data-v=\"%g\">%g d<div class=\"ol\">%zu dated"
                               "</div></td>",
                               e->median_lag_days, e->median_lag_days, e->dated);
        else
            concord_buf_adds(b, "<td class=\"n\" data-v=\"\"><span class=\"none\">undated"
                                "</span></td>");
        concord_buf_adds(b, "<td class=\"ex\">");
        size_t n_ex;
        const char *const *ex = concord__outlets_link_examples(x, i, &n_ex);
        for (size_t k = 0; k < n_ex; k++) {
            concord_buf_adds(b, "<div>");
            S_story_link(b, o, &titles, ex[k], concord__outlets_link_example_member(x, i, k));
            concord_buf_adds(b, "</div>");
        }
        concord_buf_adds(b, "</td></tr>\n");
    }
    if (net->n_links)
        concord_buf_adds(b, "</tbody></table>\n");
    concord_buf_adds(b, "</div>\n");

    /* outlets */
    concord_buf_adds(b, "<div class=\"card\" id=\"outlets-own\"><h3>Own output</h3>"
                        "<p class=\"muted\">Reports of each outlet; derived: a copy or rewrite "
                        "of another outlet's report; own share: the rest; picked up: this "
                        "outlet's reports that other outlets copied or rewrote.</p>\n");
    if (no > max)
        concord_buf_printf(b,
                           "<p class=\"card capped\" id=\"own-capped\">Showing the %zu %s "
                           "of %zu outlets.</p>\n",
                           max, o->outlet_order ? "first in this order" : "largest", no);
    concord_buf_adds(b, "<table class=\"stories net\" id=\"own\"><thead><tr>");
    static const S_col own_cols[] = {{"outlet", 1, "Outlet"},
                                     {"reports", 0, "Reports"},
                                     {"derived", 0, "Derived"},
                                     {"own", 0, "Own share"},
                                     {"picked", 0, "Picked up"}};
    S_th_row(b, o, own_cols, sizeof own_cols / sizeof *own_cols);
    concord_buf_adds(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < no && r < max; r++) {
        size_t i = o->outlet_order ? o->outlet_order[r] : r;
        const concord_outlet_share *s = &net->outlets[i];
        double own = S_own(s);
        concord_buf_adds(b, "<tr><td class=\"t\">");
        S_outlet_cell(b, o, s->outlet);
        concord_buf_printf(b,
                           "</td><td class=\"n\" data-v=\"%zu\">%zu</td><td class=\"n\" "
                           "data-v=\"%zu\">%zu</td><td class=\"n\" data-v=\"%.4f\">%.0f%%</td>"
                           "<td class=\"n\" data-v=\"%zu\">%zu</td></tr>\n",
                           s->articles, s->articles, s->derived, s->derived, own, 100.0 * own,
                           picked[i], picked[i]);
    }
    concord_buf_adds(b, "</tbody></table></div>\n</section>\n");
    S_titles_close(&titles);
    free(picked);
}

/* ---------- one speaker ---------- */

static void S_date(concord_buf *b, const char *d)
{
    int y, m, day;
    if (concord__date_parse(d, &y, &m, &day))
        concord_buf_printf(b, "%d %s %d", day, S_months[m - 1], y);
    else
        concord_buf_adds(b, "undated");
}

void concord__speaker_section(concord_buf *b, concord_store *st, const concord__statements *all,
                              int capped, const concord__page_opts *o)
{
    size_t max = S_max_rows(o), ng = all->n_statements;
    concord_buf_printf(b, "<section id=\"speaker\" class=\"%s\">",
                       o->section_class ? o->section_class : "netpage");
    concord_buf_adds(b, "<nav class=\"back\"><a href=\"");
    S_esc(b, o->back_href ? o->back_href : "#index");
    concord_buf_adds(b, "\">\xE2\x86\x90 All stories</a></nav><h2>What ");
    S_esc(b, all->name);
    concord_buf_printf(b,
                       " is quoted saying</h2><p class=\"meta\">%zu statement%s in %zu quote%s; "
                       "variants of one statement grouped, earliest first</p>\n",
                       ng, ng == 1 ? "" : "s", all->n_quotes, all->n_quotes == 1 ? "" : "s");
    if (capped)
        concord_buf_adds(b, "<p class=\"card capped\" id=\"speaker-capped\">More stories name "
                            "this speaker than one page reads; "
                            "<code>concord quotes --speaker NAME --db FILE</code> lists them "
                            "all.</p>\n");
    if (ng > max)
        concord_buf_printf(b,
                           "<p class=\"card capped\">Showing the %zu earliest of %zu "
                           "statements.</p>\n",
                           max, ng);
    if (!ng)
        concord_buf_adds(b, "<p class=\"muted\" id=\"speaker-none\">No quote of this name in "
                            "the store.</p>\n");
    S_titles titles;
    S_titles_open(&titles, st);
    if (ng)
        concord_buf_adds(b, "<div class=\"card\">");
    for (size_t k = 0; k < ng && k < max; k++) {
        const concord__statement *s = &all->statements[k];
        concord_buf_adds(b, "<div class=\"quote\"><blockquote>");
        S_esc(b, s->lead->text);
        concord_buf_adds(b, "</blockquote><p class=\"who\">");
        S_date(b, s->lead->first);
        concord_buf_printf(b, " \xC2\xB7 %zu stor%s</p><table class=\"variants\">", s->n_variants,
                           s->n_variants == 1 ? "y" : "ies");
        for (size_t v = 0; v < s->n_variants; v++) {
            const concord__said *said = s->variants[v];
            int other = strcmp(said->text, s->lead->text) != 0;
            concord_buf_printf(b, "<tr class=\"%s\"><td class=\"d\">", other ? "var" : "same");
            S_date(b, said->first);
            concord_buf_adds(b, "</td><td class=\"out\">");
            S_story_link(b, o, &titles, said->story, -1);
            concord_buf_printf(b,
                               " <span class=\"muted\">(%zu report%s)</span></td><td class=\"w\">",
                               said->n_articles, said->n_articles == 1 ? "" : "s");
            if (other)
                S_esc(b, said->text);
            else
                concord_buf_adds(b, "<span class=\"muted\">same wording</span>");
            concord_buf_adds(b, "</td></tr>");
        }
        concord_buf_adds(b, "</table></div>\n");
    }
    concord_buf_adds(b, ng ? "</div>\n</section>\n" : "</section>\n");
    S_titles_close(&titles);
}
