/* serve.c: the read-only web application over a store (see concord/serve.h). */
#include "concord/serve.h"
#include "concord/experimental.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <time.h>

#include "concord/report.h"
#include "concord/reuse.h"
#include "concord/search.h"
#include "concord/store.h"
#include "common/jsonw_internal.h"
#include "render/report/store_pages.h"
#include "store/outlets_table.h"
#include "render/term/store_views.h"

#define S_MAX_CONNECTIONS 64
#define S_TIMEOUT_S 10
#define S_CONN_MEMORY (16u << 10) /* request line + headers; more is 414/431 */
#define S_MAX_Q 256
#define S_MAX_OUTLET 200
#define S_MAX_PAGE 1000000
#define S_PER_PAGE 50
#define S_MAX_NAME 200
#define S_SPEAKER_STORIES 1000 /* stories one /speaker request reads at most */
#define S_NET_WAIT_MS 3000     /* a request waits this long for the outlet network */

static _Thread_local char S_err[512];

static const char S_CSP[] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

struct concord_server {
    struct MHD_Daemon *daemon;
    char *db_path;
    concord_diag *diag;
    pthread_mutex_t lock; /* guards the pool and diag */
    concord_store **pool; /* idle read connections */
    size_t n_pool, cap_pool;
    int port;
    /* the outlet network, read from the store's outlet table by the first
     * request that needs it (or, for a store without the table, counted
     * from every story document by a thread started with the server), then
     * kept for the life of the server (the store is read-only) */
    pthread_mutex_t net_lock;     /* guards net_state and what it announces */
    pthread_cond_t net_cond;      /* signalled when net_state leaves 0 */
    pthread_mutex_t net_fallback; /* one request computes when the thread could not start */
    pthread_t net_thread;
    int net_thread_started;    /* set before the server listens, then read-only */
    atomic_int stopping;       /* the thread gives up when the server stops */
    int net_state;             /* 0 computing, 1 done, -1 failed */
    atomic_size_t net_read;    /* stories read so far by the network thread */
    char *net_html, *net_json; /* the page in the network's order, the JSON (net_lock) */
    size_t net_html_len, net_json_len;
    concord_outlets *net_x; /* kept for pages sorted on request */
    concord_outlet_network net;
    /* net_x is partial (the first rows of /outlets, from the outlet table);
     * the whole network, for /api/outlets and sorted pages, is read from
     * the table by the first request for it (full_x, under net_lock) */
    int net_partial;
    concord_outlets *full_x;
    concord_outlet_network full_net;
};

const char *concord_serve_errmsg(void)
{
    return S_err;
}

void concord_serve_options_init(concord_serve_options *o)
{
    memset(o, 0, sizeof *o);
    o->threads = 2;
}

static void S_diag(concord_server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void S_diag(concord_server *s, const char *fmt, ...)
{
    if (!s->diag)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&s->lock);
    concord_diag_report(s->diag, s->db_path, 0, 0, "%s", msg);
    pthread_mutex_unlock(&s->lock);
}

static concord_store *S_acquire(concord_server *s)
{
    concord_store *st = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->n_pool)
        st = s->pool[--s->n_pool];
    pthread_mutex_unlock(&s->lock);
    if (!st) {
        st = concord_store_open(s->db_path, 0);
        if (!st)
            S_diag(s, "cannot open the store: %s", concord_store_errmsg(NULL));
        else /* this connection only reads */
            sqlite3_exec(concord_store_sqlite(st), "PRAGMA query_only=1", NULL, NULL, NULL);
    }
    return st;
}

static void S_release(concord_server *s, concord_store *st)
{
    if (!st)
        return;
    pthread_mutex_lock(&s->lock);
    CONCORD_GROW(s->pool, s->cap_pool, s->n_pool + 1);
    s->pool[s->n_pool++] = st;
    pthread_mutex_unlock(&s->lock);
}

/* ---- responses ----------------------------------------------------------- */

static enum MHD_Result S_send(struct MHD_Connection *c, unsigned status, const char *type,
                              concord_buf *body)
{
    size_t len = body->len;
    char *data = concord_buf_detach(body, NULL);
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Content-Security-Policy", S_CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", "GET, HEAD");
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(r, "Retry-After", "5");
    enum MHD_Result rc = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return rc;
}

static const char S_HTML[] = "text/html; charset=utf-8";
static const char S_JSON[] = "application/json; charset=utf-8";

static enum MHD_Result S_error(struct MHD_Connection *c, unsigned status, int json, const char *msg)
{
    concord_buf b;
    concord_buf_init(&b);
    if (json) {
        jsonw w;
        concord__jsonw_init(&w, &b);
        concord__jsonw_begin_object(&w);
        concord__jsonw_key(&w, "error");
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_uint(&w, "status", status);
        concord__jsonw_key_str(&w, "message", msg);
        concord__jsonw_end_object(&w);
        concord__jsonw_end_object(&w);
        concord__jsonw_finish(&w);
        concord_buf_addc(&b, '\n');
    } else {
        concord_report_page_head(&b, "concord: error");
        concord_buf_printf(&b, "<main><section class=\"card\"><h2>Error %u</h2><p>", status);
        concord_report_escape(&b, msg);
        concord_buf_adds(&b, "</p><p><a href=\"/\">All stories</a></p></section></main>"
                             "</body></html>\n");
    }
    return S_send(c, status, json ? S_JSON : S_HTML, &b);
}

/* ---- parameters ---------------------------------------------------------- */

typedef struct {
    concord_search_query q;
    size_t page, per_page;
    const char *sort_name, *order_name;
    char msg[200]; /* what is wrong, when something is */
} S_params;

static int S_is_date(const char *d)
{
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
            return 0;
    int m = (d[5] - '0') * 10 + d[6] - '0', day = (d[8] - '0') * 10 + d[9] - '0';
    return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static int S_number(const char *v, size_t lo, size_t hi, size_t *out)
{
    if (!*v || strlen(v) > 9)
        return 0;
    size_t n = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        n = n * 10 + (size_t)(*p - '0');
    }
    if (n < lo || n > hi)
        return 0;
    *out = n;
    return 1;
}

static const char *S_arg(struct MHD_Connection *c, const char *k)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, k);
    return v && *v ? v : NULL;
}

/* 0 and p->msg set when a parameter is wrong. */
static int S_params_read(struct MHD_Connection *c, S_params *p)
{
    memset(p, 0, sizeof *p);
    p->page = 1;
    p->per_page = S_PER_PAGE;
    const char *v;
    p->q.text = S_arg(c, "q");
    if (p->q.text && strlen(p->q.text) > S_MAX_Q) {
        snprintf(p->msg, sizeof p->msg, "q is longer than %d bytes", S_MAX_Q);
        return 0;
    }
    p->q.outlet = S_arg(c, "outlet");
    if (p->q.outlet && strlen(p->q.outlet) > S_MAX_OUTLET) {
        snprintf(p->msg, sizeof p->msg, "outlet is longer than %d bytes", S_MAX_OUTLET);
        return 0;
    }
    const char *dates[2] = {"from", "to"};
    for (int i = 0; i < 2; i++) {
        v = S_arg(c, dates[i]);
        if (v && !S_is_date(v)) {
            snprintf(p->msg, sizeof p->msg, "%s must be a date YYYY-MM-DD", dates[i]);
            return 0;
        }
        *(i ? &p->q.to : &p->q.from) = v;
    }
    if ((v = S_arg(c, "conflict"))) {
        if (!strcmp(v, "1") || !strcmp(v, "on") || !strcmp(v, "true"))
            p->q.conflict_only = 1;
        else if (strcmp(v, "0") && strcmp(v, "off") && strcmp(v, "false")) {
            snprintf(p->msg, sizeof p->msg, "conflict must be 1 or 0");
            return 0;
        }
    }
    static const char *const sorts[] = {"first", "last", "reports", "outlets", "title"};
    p->sort_name = "first";
    if ((v = S_arg(c, "sort"))) {
        int k = -1;
        for (int i = 0; i < 5; i++)
            if (!strcmp(v, sorts[i]))
                k = i;
        if (k < 0) {
            snprintf(p->msg, sizeof p->msg,
                     "sort must be one of first, last, reports, outlets, title");
            return 0;
        }
        p->q.sort = (concord_search_sort)k;
        p->sort_name = sorts[k];
    }
    p->order_name = "desc";
    if ((v = S_arg(c, "order"))) {
        if (!strcmp(v, "asc"))
            p->q.ascending = 1;
        else if (strcmp(v, "desc")) {
            snprintf(p->msg, sizeof p->msg, "order must be asc or desc");
            return 0;
        }
        p->order_name = v;
    }
    if ((v = S_arg(c, "page")) && !S_number(v, 1, S_MAX_PAGE, &p->page)) {
        snprintf(p->msg, sizeof p->msg, "page must be a number from 1 to %d", S_MAX_PAGE);
        return 0;
    }
    if ((v = S_arg(c, "per_page")) && !S_number(v, 1, 500, &p->per_page)) {
        snprintf(p->msg, sizeof p->msg, "per_page must be a number from 1 to 500");
        return 0;
    }
    p->q.limit = p->per_page;
    p->q.offset = (p->page - 1) * p->per_page;
    return 1;
}

/* Appends v percent-encoded (unreserved characters kept). */
static void S_pct(concord_buf *b, const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~')
            concord_buf_addc(b, (char)*p);
        else
            concord_buf_printf(b, "%%%02X", *p);
    }
}

/* Appends k=v (percent-encoded) to a query string being built. */
static void S_url_param(concord_buf *b, const char *k, const char *v)
{
    if (!v || !*v)
        return;
    if (b->len && b->data[b->len - 1] != '?')
        concord_buf_addc(b, '&');
    concord_buf_adds(b, k);
    concord_buf_addc(b, '=');
    S_pct(b, v);
}

static void S_query_url(concord_buf *b, const char *base, const S_params *p, size_t page,
                        const char *sort, const char *order)
{
    concord_buf_adds(b, base);
    concord_buf_adds(b, "?");
    S_url_param(b, "q", p->q.text);
    S_url_param(b, "from", p->q.from);
    S_url_param(b, "to", p->q.to);
    S_url_param(b, "outlet", p->q.outlet);
    if (p->q.conflict_only)
        S_url_param(b, "conflict", "1");
    S_url_param(b, "sort", sort);
    S_url_param(b, "order", order);
    char n[32];
    snprintf(n, sizeof n, "%zu", page);
    if (page > 1)
        S_url_param(b, "page", n);
    if (b->data[b->len - 1] == '?')
        b->data[--b->len] = '\0';
}

/* ---- pages ----------------------------------------------------------------- */

static void S_attr(concord_buf *b, const char *name, const char *v)
{
    concord_buf_printf(b, " %s=\"", name);
    concord_report_escape(b, v ? v : "");
    concord_buf_addc(b, '"');
}

/* The links of every page's header: stories, outlets, a speaker box. */
static void S_tabs(concord_buf *b, const char *name)
{
    concord_buf_adds(b, "<nav class=\"tabs\"><a href=\"/\">Stories</a><a href=\"/outlets\">Outlets"
                        "</a><form method=\"get\" action=\"/speaker\" class=\"who\">"
                        "<input type=\"search\" name=\"name\" placeholder=\"Who said what: a "
                        "speaker\xE2\x80\xA6\" aria-label=\"Speaker\"");
    S_attr(b, "value", name);
    concord_buf_adds(b, "></form></nav>");
}

/* The story list as JSON: totals, the page and one object per hit. */
static void S_index_json(concord_buf *b, const S_params *p, const concord_search_result *r)
{
    jsonw w;
    concord__jsonw_init(&w, b);
    concord__jsonw_begin_object(&w);
    concord__jsonw_key_uint(&w, "total", r->total);
    concord__jsonw_key_bool(&w, "capped", r->capped);
    concord__jsonw_key_uint(&w, "page", p->page);
    concord__jsonw_key_uint(&w, "per_page", p->per_page);
    concord__jsonw_key(&w, "stories");
    concord__jsonw_begin_array(&w);
    for (size_t i = 0; i < r->n; i++) {
        const concord_search_hit *h = &r->hits[i];
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_str(&w, "story", h->story);
        concord__jsonw_key_str(&w, "title", h->title);
        concord__jsonw_key_str(&w, "first", h->first);
        concord__jsonw_key_str(&w, "last", h->last);
        concord__jsonw_key_uint(&w, "reports", h->n_articles);
        concord__jsonw_key_uint(&w, "outlets", h->n_sources);
        concord__jsonw_key_bool(&w, "has_conflict", h->has_conflict);
        concord__jsonw_end_object(&w);
    }
    concord__jsonw_end_array(&w);
    concord__jsonw_end_object(&w);
    concord__jsonw_finish(&w);
    concord_buf_addc(b, '\n');
}

/* The index page's header (how many stories match, the tabs) and the
 * search form, filled in with the request's query. */
static void S_index_head(concord_buf *b, const S_params *p, const concord_search_result *r)
{
    concord_report_page_head(b, "concord: stories");
    concord_buf_printf(b,
                       "<header class=\"top\"><h1>concord <span>stories</span></h1><p>%s%zu "
                       "stor%s",
                       r->capped ? "more than " : "", r->total, r->total == 1 ? "y" : "ies");
    if (p->q.text || p->q.outlet || p->q.from || p->q.to || p->q.conflict_only)
        concord_buf_adds(b, " match");
    concord_buf_adds(b, "</p>");
    S_tabs(b, NULL);
    concord_buf_adds(b, "</header>\n<main>\n<section id=\"index\">\n"
                        "<form class=\"tools\" method=\"get\" action=\"/\">"
                        "<input type=\"search\" name=\"q\" placeholder=\"Search titles, texts, "
                        "speakers, outlets\xE2\x80\xA6\" aria-label=\"Search\"");
    S_attr(b, "value", p->q.text);
    concord_buf_adds(b, "> <label>from <input type=\"date\" name=\"from\"");
    S_attr(b, "value", p->q.from);
    concord_buf_adds(b, "></label> <label>to <input type=\"date\" name=\"to\"");
    S_attr(b, "value", p->q.to);
    concord_buf_adds(b, "></label> <label>outlet <input type=\"text\" name=\"outlet\"");
    S_attr(b, "value", p->q.outlet);
    concord_buf_printf(b,
                       "></label> <label><input type=\"checkbox\" name=\"conflict\" "
                       "value=\"1\"%s> conflicting figures</label> "
                       "<button type=\"submit\">Search</button></form>\n",
                       p->q.conflict_only ? " checked" : "");
}

/* The story table's head: each column a link that sorts by it (a second
 * click reverses the order), the current one with an arrow. */
static void S_index_table_head(concord_buf *b, const S_params *p)
{
    concord_buf_adds(b, "<table class=\"stories\"><thead><tr>");
    static const char *const heads[][2] = {
        {"title", "Story"}, {"first", "Dates"}, {"reports", "Reports"}, {"outlets", "Outlets"}};
    for (int i = 0; i < 4; i++) {
        int on = !strcmp(p->sort_name, heads[i][0]);
        const char *order = on && !strcmp(p->order_name, "desc") ? "asc" : "desc";
        concord_buf_adds(b, "<th><a href=\"");
        concord_buf u;
        concord_buf_init(&u);
        S_query_url(&u, "/", p, 1, heads[i][0], order);
        concord_report_escape(b, u.data);
        concord_buf_free(&u);
        concord_buf_printf(b, "\">%s%s</a></th>", heads[i][1],
                           on ? (p->q.ascending ? " \xE2\x86\x91" : " \xE2\x86\x93") : "");
    }
    concord_buf_adds(b, "<th>Figures</th></tr></thead>\n<tbody>\n");
}

/* One story's row: linked title, date span, reports, outlets and whether
 * its figures conflict. */
static void S_index_row(concord_buf *b, const concord_search_hit *h)
{
    concord_buf_adds(b, "<tr><td class=\"t\"><a href=\"/story/");
    S_pct(b, h->story);
    concord_buf_adds(b, "\">");
    concord_report_escape(b, h->title[0] ? h->title : h->story);
    concord_buf_adds(b, "</a></td><td class=\"d\">");
    concord_report_escape(b, h->first);
    if (strcmp(h->first, h->last)) {
        concord_buf_adds(b, " \xE2\x80\x93 ");
        concord_report_escape(b, h->last);
    }
    concord_buf_printf(b,
                       "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"f\">%s"
                       "</td></tr>\n",
                       h->n_articles, h->n_sources,
                       h->has_conflict ? "<span class=\"badge conflict\">conflict</span>"
                                       : "<span class=\"none\">\xE2\x80\x94</span>");
}

/* The pager: previous and next links around "page N of M". */
static void S_index_pager(concord_buf *b, const S_params *p, size_t total)
{
    concord_buf_adds(b, "<nav class=\"pager\">");
    size_t pages = (total + p->per_page - 1) / p->per_page;
    if (p->page > 1) {
        concord_buf u;
        concord_buf_init(&u);
        S_query_url(&u, "/", p, p->page - 1, p->sort_name, p->order_name);
        concord_buf_adds(b, "<a rel=\"prev\" href=\"");
        concord_report_escape(b, u.data);
        concord_buf_adds(b, "\">\xE2\x80\xB9 Previous</a> ");
        concord_buf_free(&u);
    }
    concord_buf_printf(b, "<span class=\"muted\">page %zu of %zu</span>", p->page,
                       pages ? pages : 1);
    if (p->page < pages) {
        concord_buf u;
        concord_buf_init(&u);
        S_query_url(&u, "/", p, p->page + 1, p->sort_name, p->order_name);
        concord_buf_adds(b, " <a rel=\"next\" href=\"");
        concord_report_escape(b, u.data);
        concord_buf_adds(b, "\">Next \xE2\x80\xBA</a>");
        concord_buf_free(&u);
    }
    concord_buf_adds(b, "</nav>\n");
}

/* / and /api/stories: one page of the stories the query finds, as HTML or
 * JSON. */
static enum MHD_Result S_index(struct MHD_Connection *c, concord_store *st, int json)
{
    S_params p;
    if (!S_params_read(c, &p))
        return S_error(c, MHD_HTTP_BAD_REQUEST, json, p.msg);
    concord_search_result r;
    if (concord_search_stories(st, &p.q, &r) != 0)
        return S_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, json, "the store could not be searched");
    concord_buf b;
    concord_buf_init(&b);
    if (json) {
        S_index_json(&b, &p, &r);
        concord_search_result_free(&r);
        return S_send(c, MHD_HTTP_OK, S_JSON, &b);
    }
    S_index_head(&b, &p, &r);
    if (!r.n)
        concord_buf_adds(&b, "<p class=\"muted\">No story matches.</p>\n");
    S_index_table_head(&b, &p);
    for (size_t i = 0; i < r.n; i++)
        S_index_row(&b, &r.hits[i]);
    concord_buf_adds(&b, "</tbody></table>\n");
    S_index_pager(&b, &p, r.total);
    concord_buf_adds(&b, "</section>\n</main>\n</body></html>\n");
    concord_search_result_free(&r);
    return S_send(c, MHD_HTTP_OK, S_HTML, &b);
}

static enum MHD_Result S_story(struct MHD_Connection *c, concord_store *st, const char *id,
                               int json)
{
    if (!*id || strlen(id) > 512 || strchr(id, '/'))
        return S_error(c, MHD_HTTP_NOT_FOUND, json, "no such story");
    concord_buf b;
    concord_buf_init(&b);
    int rc;
    if (json) {
        char *doc = NULL;
        rc = concord_store_get_story(st, id, &doc);
        if (rc == 0) {
            concord_buf_adds(&b, doc);
            concord_buf_addc(&b, '\n');
        }
        free(doc);
    } else {
        rc = concord_report_story_page(st, id, "/", &b);
    }
    if (rc == CONCORD_STORE_NOT_FOUND) {
        concord_buf_free(&b);
        return S_error(c, MHD_HTTP_NOT_FOUND, json, "no such story");
    }
    if (rc != 0) {
        concord_buf_free(&b);
        return S_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, json,
                       "the story could not be read from the store");
    }
    return S_send(c, MHD_HTTP_OK, json ? S_JSON : S_HTML, &b);
}

/* ---- the outlet network and one speaker's quotes ------------------------ */

static int S_story_href(void *ctx, const char *story, long member, concord_buf *href)
{
    (void)ctx;
    (void)member; /* the story page's report anchors follow the report's rule */
    concord_buf_adds(href, "/story/");
    S_pct(href, story);
    return 1;
}

static int S_outlet_href(void *ctx, const char *outlet, concord_buf *href)
{
    (void)ctx;
    concord_buf_adds(href, "/?outlet=");
    S_pct(href, outlet);
    return 1;
}

static int S_own_key(const char *key)
{
    static const char *const own[] = {"outlet", "reports", "derived", "own", "picked"};
    for (int i = 0; i < 5; i++)
        if (!strcmp(key, own[i]))
            return 1;
    return 0;
}

static int S_sort_href(void *ctx, const char *key, int desc, concord_buf *href)
{
    (void)ctx;
    concord_buf_printf(href, "/outlets?sort=%s&order=%s#%s", key, desc ? "desc" : "asc",
                       S_own_key(key) ? "outlets-own" : "outlets-pairs");
    return 1;
}

/* Rows of each outlet table on a page: CONCORD__STORE_PAGE_ROWS; test hook
 * CONCORD_TEST_SERVE_OUTLET_ROWS (tests/serve.sh cuts the example corpus's
 * network inside a run of equal links with it). */
static size_t S_page_rows(void)
{
    const char *v = getenv("CONCORD_TEST_SERVE_OUTLET_ROWS");
    long n = v ? strtol(v, NULL, 10) : 0;
    return n > 0 && n < 100000 ? (size_t)n : CONCORD__STORE_PAGE_ROWS;
}

/* The /outlets page: the network's tables in serve's page frame, in the
 * network's order or, with `rows`, in that order of pairs (`pairs`) or of
 * outlets sorted by `key`. */
static void S_outlets_page(concord_buf *b, concord_store *st, const concord_outlets *x,
                           const concord_outlet_network *net, const char *key, int desc,
                           const size_t *rows, int pairs)
{
    concord_report_page_head(b, "concord: outlet network");
    concord_buf_adds(b, "<header class=\"top\"><h1>concord <span>outlets</span></h1>");
    S_tabs(b, NULL);
    concord_buf_adds(b, "</header>\n<main>\n");
    concord__page_opts po = {0};
    po.max_rows = S_page_rows();
    po.story_href = S_story_href;
    po.outlet_href = S_outlet_href;
    po.back_href = "/";
    po.section_class = "netpage only";
    po.sort_href = S_sort_href;
    po.sort_key = key;
    po.sort_desc = desc;
    if (pairs)
        po.link_order = rows;
    else
        po.outlet_order = rows;
    concord__outlets_section(b, st, x, net, &po);
    concord_buf_adds(b, "</main>\n</body></html>\n");
}

/* Reads the outlet network from the store's outlet table, or (a store
 * without an up-to-date table) every stored story, and keeps it, with its
 * page and JSON, in s (net_state 1), or notes the failure (net_state -1);
 * wakes the requests that wait for it.  Runs once: on the network thread
 * (no table), or in the first request under net_fallback. */
static void S_network_compute(concord_server *s)
{
    concord_store *st = S_acquire(s);
    int rc = st ? 0 : -1;
    concord_outlets *x = concord_outlets_new();
    char err[512] = "";
    int loaded = st ? concord__outlets_load_first(st, x, S_page_rows(), err, sizeof err) : 0;
    if (loaded < 0) {
        S_diag(s, "%s", err);
        rc = -1;
    }
    /* test hook: reading the documents takes this many ms longer
     * (tests/serve.sh checks the answer to a request that comes before it
     * is ready) */
    const char *delay = getenv("CONCORD_TEST_SERVE_NET_DELAY_MS");
    for (long left = delay && !loaded ? strtol(delay, NULL, 10) : 0;
         left > 0 && !atomic_load(&s->stopping); left -= 50)
        nanosleep(&(struct timespec){0, 50 * 1000000L}, NULL);
    concord_store_iter *it = NULL;
    if (rc == 0 && !loaded && concord_store_stories_begin(st, &it) != 0)
        rc = -1;
    if (rc == 0 && !loaded) {
        concord_store_story *ss;
        int src;
        while ((src = concord_store_stories_next(it, &ss)) != 0) {
            if (src < 0 || atomic_load(&s->stopping)) {
                if (src > 0)
                    concord_store_story_free(ss);
                rc = -1;
                break;
            }
            atomic_fetch_add(&s->net_read, 1);
            concord_json *doc = concord_json_parse(ss->doc, strlen(ss->doc), NULL, NULL);
            if (doc)
                concord_outlets_add(x, doc);
            else
                S_diag(s,
                       "story %s: stored document does not parse; left out of the outlet "
                       "network",
                       ss->story);
            concord_json_free(doc);
            concord_store_story_free(ss);
        }
        concord_store_stories_end(it);
    }
    char *html = NULL;
    size_t html_len = 0;
    concord_outlet_network net;
    memset(&net, 0, sizeof net);
    if (rc == 0) {
        concord_outlets_network(x, &net);
        concord_buf h;
        concord_buf_init(&h);
        S_outlets_page(&h, st, x, &net, NULL, 0, NULL, 0);
        html = concord_buf_detach(&h, &html_len);
        /* the JSON (all pairs: megabytes on a large store) is made by the
         * first request for it (S_outlets) */
    } else if (st && !atomic_load(&s->stopping)) {
        S_diag(s, "the outlet network: %s", concord_store_errmsg(st));
    }
    S_release(s, st);
    pthread_mutex_lock(&s->net_lock);
    if (rc == 0) {
        s->net_html = html;
        s->net_html_len = html_len;
        s->net_x = x; /* read-only from here on */
        s->net = net;
        s->net_partial = loaded == 1;
        x = NULL;
        s->net_state = 1;
    } else {
        s->net_state = -1;
    }
    pthread_cond_broadcast(&s->net_cond);
    pthread_mutex_unlock(&s->net_lock);
    concord_outlets_free(x);
}

/* 0 when the network is there, -1 when it could not be read, 1 when the
 * network thread is still at work after wait_ms: a request to a large store
 * (a minute at 1M articles) gets "being computed, try again" instead of
 * holding its connection. */
static int S_network_ready(concord_server *s, long wait_ms)
{
    pthread_mutex_lock(&s->net_lock);
    if (!s->net_thread_started && s->net_state == 0) {
        pthread_mutex_unlock(&s->net_lock);
        pthread_mutex_lock(&s->net_fallback);
        if (s->net_state == 0)
            S_network_compute(s);
        pthread_mutex_unlock(&s->net_fallback);
        pthread_mutex_lock(&s->net_lock);
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += wait_ms / 1000;
    until.tv_nsec += (wait_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (s->net_state == 0)
        if (pthread_cond_timedwait(&s->net_cond, &s->net_lock, &until) != 0)
            break;
    int rc = s->net_state == 1 ? 0 : s->net_state < 0 ? -1 : 1;
    pthread_mutex_unlock(&s->net_lock);
    return rc;
}

/* Started with the server, before it listens: the network is usually ready
 * before anyone asks. */
static void *S_network_thread(void *arg)
{
    S_network_compute(arg);
    return NULL;
}

/* The whole network (once the network is ready): net_x itself, or, when
 * that is partial, the network read from the outlet table by the first
 * request that needs it and kept.  0, or -1 when it cannot be read. */
static int S_network_full(concord_server *s, concord_outlets **x,
                          const concord_outlet_network **net)
{
    pthread_mutex_lock(&s->net_lock);
    if (!s->net_partial) {
        *x = s->net_x;
        *net = &s->net;
    } else if (!s->full_x) {
        concord_store *st = S_acquire(s);
        concord_outlets *full = concord_outlets_new();
        char err[512] = "";
        if (st && concord_outlets_load(st, full, err, sizeof err) == 1) {
            concord_outlets_network(full, &s->full_net);
            s->full_x = full;
        } else {
            if (st)
                S_diag(s, "the outlet network: %s", err[0] ? err : "the outlet table changed");
            concord_outlets_free(full);
        }
        S_release(s, st);
    }
    if (s->net_partial) {
        *x = s->full_x;
        *net = &s->full_net;
    }
    int rc = *x ? 0 : -1;
    pthread_mutex_unlock(&s->net_lock);
    return rc;
}

/* /outlets?sort=KEY[&order=asc|desc]: rendered on request from the kept
 * network (at most 500 rows a table; titles read from the store). */
static enum MHD_Result S_outlets_sorted(struct MHD_Connection *c, concord_server *s,
                                        const char *key, const char *order)
{
    int desc = -1;
    if (order) {
        if (!strcmp(order, "desc"))
            desc = 1;
        else if (!strcmp(order, "asc"))
            desc = 0;
        else
            return S_error(c, MHD_HTTP_BAD_REQUEST, 0, "order must be asc or desc");
    }
    int pairs = 0;
    size_t n = 0;
    size_t *rows =
        strlen(key) <= 16 ? concord__outlets_order(&s->net, key, desc, &pairs, &desc, &n) : NULL;
    if (!rows)
        return S_error(c, MHD_HTTP_BAD_REQUEST, 0,
                       "sort must be one of links, copies, rewrites, lag, from, to (pairs) or "
                       "reports, derived, own, picked, outlet (outlets)");
    free(rows);
    concord_outlets *x;
    const concord_outlet_network *net;
    if (S_network_full(s, &x, &net) != 0)
        return S_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, 0,
                       "the outlet network could not be read from the store");
    rows = concord__outlets_order(net, key, desc, &pairs, &desc, &n);
    concord_store *st = S_acquire(s);
    if (!st) {
        free(rows);
        return S_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, 0, "the store cannot be opened");
    }
    concord_buf b;
    concord_buf_init(&b);
    S_outlets_page(&b, st, x, net, key, desc, rows, pairs);
    S_release(s, st);
    free(rows);
    return S_send(c, MHD_HTTP_OK, S_HTML, &b);
}

static enum MHD_Result S_outlets(struct MHD_Connection *c, concord_server *s, int json)
{
    int ready = S_network_ready(s, S_NET_WAIT_MS);
    if (ready == 1) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "the outlet network is being computed (%zu stories read so far); try again in"
                 " a few seconds",
                 (size_t)atomic_load(&s->net_read));
        return S_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, json, msg);
    }
    if (ready != 0)
        return S_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, json,
                       "the outlet network could not be read from the store");
    const char *key = S_arg(c, "sort"), *order = S_arg(c, "order");
    if (!json && (key || order))
        return S_outlets_sorted(c, s, key ? key : "links", order);
    concord_buf b;
    concord_buf_init(&b);
    if (json) {
        concord_outlets *x;
        const concord_outlet_network *net;
        if (S_network_full(s, &x, &net) != 0)
            return S_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, json,
                           "the outlet network could not be read from the store");
        pthread_mutex_lock(&s->net_lock);
        if (!s->net_json) {
            concord_buf j;
            concord_buf_init(&j);
            concord__outlets_json(&j, x, net);
            s->net_json = concord_buf_detach(&j, &s->net_json_len);
        }
        concord_buf_add(&b, s->net_json, s->net_json_len);
        pthread_mutex_unlock(&s->net_lock);
    } else
        concord_buf_add(&b, s->net_html, s->net_html_len);
    return S_send(c, MHD_HTTP_OK, json ? S_JSON : S_HTML, &b);
}

/* Reads the stories whose speakers hold every word of the name (words: its
 * FTS query; a superset of those concord_speaker_quotes_add keeps quotes
 * from) into x, S_SPEAKER_STORIES at the most (*capped when there were
 * more); 0 when the store could not be searched. */
static int S_speaker_read(concord_store *st, const char *words, concord_speaker_quotes *x,
                          size_t *n_read, int *capped)
{
    concord_buf match;
    concord_buf_init(&match);
    concord_buf_printf(&match, "speakers : (%s)", words);
    concord_buf_addc(&match, '\0');
    sqlite3_stmt *q = NULL;
    int ok = sqlite3_prepare_v2(concord_store_sqlite(st),
                                "SELECT m.story FROM story_search_map m WHERE m.fts IN"
                                " (SELECT rowid FROM story_search WHERE story_search MATCH ?1)"
                                " ORDER BY m.story LIMIT ?2",
                                -1, &q, NULL) == SQLITE_OK;
    int rc = SQLITE_DONE;
    if (ok) {
        sqlite3_bind_text(q, 1, match.data, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 2, S_SPEAKER_STORIES + 1);
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            if (*n_read == S_SPEAKER_STORIES) {
                *capped = 1;
                break;
            }
            const char *id = (const char *)sqlite3_column_text(q, 0);
            char *doc = NULL;
            if (!id || concord_store_get_story(st, id, &doc) != 0)
                continue; /* a map row of a story since removed */
            concord_json *j = concord_json_parse(doc, strlen(doc), NULL, NULL);
            if (j)
                concord_speaker_quotes_add(x, j);
            concord_json_free(j);
            free(doc);
            (*n_read)++;
        }
        ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    }
    sqlite3_finalize(q);
    concord_buf_free(&match);
    return ok;
}

static enum MHD_Result S_speaker(struct MHD_Connection *c, concord_store *st, int json)
{
    const char *name = S_arg(c, "name");
    if (!name)
        return S_error(c, MHD_HTTP_BAD_REQUEST, json, "name is required: /speaker?name=NAME");
    if (strlen(name) > S_MAX_NAME) {
        char msg[64];
        snprintf(msg, sizeof msg, "name is longer than %d bytes", S_MAX_NAME);
        return S_error(c, MHD_HTTP_BAD_REQUEST, json, msg);
    }
    char *words = concord_search_fts_query(name);
    if (!*words) {
        free(words);
        return S_error(c, MHD_HTTP_BAD_REQUEST, json, "name holds no word");
    }
    if (!concord_search_available(st)) {
        free(words);
        return S_error(c, MHD_HTTP_NOT_IMPLEMENTED, json,
                       "this store has no search index (written by an older concord); "
                       "concord quotes --speaker NAME --db FILE lists the quotes");
    }
    concord_speaker_quotes *x = concord_speaker_quotes_new(name);
    size_t n_read = 0;
    int capped = 0;
    int ok = S_speaker_read(st, words, x, &n_read, &capped);
    free(words);
    if (!ok) {
        concord_speaker_quotes_free(x);
        return S_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, json, "the store could not be searched");
    }
    concord__statements all;
    concord__speaker_statements(x, &all);
    concord_buf b;
    concord_buf_init(&b);
    if (json) {
        jsonw w;
        concord__jsonw_init(&w, &b);
        concord__jsonw_begin_object(&w);
        concord__jsonw_key_str(&w, "name", name);
        concord__jsonw_key_uint(&w, "stories_read", n_read);
        concord__jsonw_key_bool(&w, "capped", capped);
        concord__jsonw_key(&w, "statements");
        concord__speaker_json(concord__jsonw_external(&w), &all);
        while (b.len && b.data[b.len - 1] == '\n') /* the view ends its document with one */
            b.len--;
        concord__jsonw_end_object(&w);
        concord__jsonw_finish(&w);
        concord_buf_addc(&b, '\n');
    } else {
        concord_buf title;
        concord_buf_init(&title);
        concord_buf_adds(&title, "concord: ");
        concord_buf_adds(&title, name);
        concord_report_page_head(&b, title.data);
        concord_buf_free(&title);
        concord_buf_adds(&b, "<header class=\"top\"><h1>concord <span>who said what</span></h1>");
        S_tabs(&b, name);
        concord_buf_adds(&b, "</header>\n<main>\n");
        concord__page_opts po = {0};
        po.story_href = S_story_href;
        po.outlet_href = S_outlet_href;
        po.back_href = "/";
        po.section_class = "netpage only";
        concord__speaker_section(&b, st, &all, capped, &po);
        concord_buf_adds(&b, "</main>\n</body></html>\n");
    }
    concord__speaker_statements_free(&all);
    concord_speaker_quotes_free(x);
    return S_send(c, MHD_HTTP_OK, json ? S_JSON : S_HTML, &b);
}

static enum MHD_Result S_request(void *cls, struct MHD_Connection *c, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    concord_server *s = cls;
    int json = !strncmp(url, "/api/", 5);
    if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD)) {
        if (*upload_size) { /* drop any body; answer once it is read */
            *upload_size = 0;
            return MHD_YES;
        }
        if (!*con_cls) {
            *con_cls = s;
            return MHD_YES;
        }
        return S_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, json, "only GET and HEAD are served");
    }
    enum MHD_Result rc;
    if (!strcmp(url, "/") || !strcmp(url, "/api/stories") || !strncmp(url, "/story/", 7) ||
        !strncmp(url, "/api/story/", 11)) {
        concord_store *st = S_acquire(s);
        if (!st)
            return S_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, json, "the store cannot be opened");
        if (!strcmp(url, "/") || !strcmp(url, "/api/stories"))
            rc = S_index(c, st, json);
        else
            rc = S_story(c, st, url + (json ? 11 : 7), json);
        S_release(s, st);
        return rc;
    }
    if (!strcmp(url, "/outlets") || !strcmp(url, "/api/outlets"))
        return S_outlets(c, s, json);
    if (!strcmp(url, "/speaker") || !strcmp(url, "/api/speaker")) {
        concord_store *st = S_acquire(s);
        if (!st)
            return S_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, json, "the store cannot be opened");
        rc = S_speaker(c, st, json);
        S_release(s, st);
        return rc;
    }
    if (!strcmp(url, "/favicon.ico")) {
        concord_buf b;
        concord_buf_init(&b);
        concord_buf_add(&b, "", 0);
        return S_send(c, MHD_HTTP_NO_CONTENT, "image/x-icon", &b);
    }
    return S_error(c, MHD_HTTP_NOT_FOUND, json, "no such page");
}

static void S_logger(void *cls, const char *fmt, va_list ap)
{
    concord_server *s = cls;
    if (!s->diag)
        return;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    pthread_mutex_lock(&s->lock);
    concord_diag_report(s->diag, s->db_path, 0, 0, "http: %s", msg);
    pthread_mutex_unlock(&s->lock);
}

concord_server *concord_serve_start(const concord_serve_options *o)
{
    S_err[0] = '\0';
    if (!o || !o->db_path) {
        snprintf(S_err, sizeof S_err, "no store given");
        return NULL;
    }
    /* the store must open now, so that a wrong path fails at once */
    concord_store *first = concord_store_open(o->db_path, 0);
    if (!first) {
        snprintf(S_err, sizeof S_err, "%s: %s", o->db_path, concord_store_errmsg(NULL));
        return NULL;
    }
    sqlite3_exec(concord_store_sqlite(first), "PRAGMA query_only=1", NULL, NULL, NULL);
    const char *bind = o->bind && *o->bind ? o->bind : "127.0.0.1";
    if (o->port < 0 || o->port > 65535) {
        snprintf(S_err, sizeof S_err, "port %d is not a TCP port (0..65535)", o->port);
        concord_store_close(first);
        return NULL;
    }
    struct sockaddr_in a4;
    struct sockaddr_in6 a6;
    memset(&a4, 0, sizeof a4);
    memset(&a6, 0, sizeof a6);
    const struct sockaddr *addr;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD;
    if (inet_pton(AF_INET, bind, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)o->port);
        addr = (const struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, bind, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)o->port);
        addr = (const struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(S_err, sizeof S_err, "bind address %s is not an IPv4 or IPv6 address", bind);
        concord_store_close(first);
        return NULL;
    }
    concord_server *s = concord_xcalloc(1, sizeof *s);
    s->db_path = concord_xstrdup(o->db_path);
    s->diag = o->diag;
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->net_lock, NULL);
    pthread_cond_init(&s->net_cond, NULL);
    pthread_mutex_init(&s->net_fallback, NULL);
    atomic_init(&s->stopping, 0);
    atomic_init(&s->net_read, 0);
    /* the store's outlet table (concord/search.h) is read by the first
     * request that needs it, in a fraction of a second; a store without one
     * (written by an older concord) has its documents read by a thread
     * started now */
    int table = concord_outlets_table_ready(first);
    S_release(s, first);
    if (!table) {
        S_diag(s,
               "%s has no up-to-date outlet table (written by an older concord): the outlet"
               " network is counted from every story document, in the background"
               " (`concord add` on the store builds the table)",
               o->db_path);
        s->net_thread_started = pthread_create(&s->net_thread, NULL, S_network_thread, s) == 0;
    }
    unsigned threads = o->threads > 0 ? (unsigned)o->threads : 2;
    if (threads > 16)
        threads = 16;
    s->daemon = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, S_request, s,
                                 MHD_OPTION_SOCK_ADDR, addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)S_MAX_CONNECTIONS,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)S_TIMEOUT_S,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)S_CONN_MEMORY,
                                 MHD_OPTION_EXTERNAL_LOGGER, S_logger, s, MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(S_err, sizeof S_err, "cannot listen on %s port %d (in use, or not allowed)", bind,
                 o->port);
        concord_serve_stop(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? (int)info->port : o->port;
    return s;
}

int concord_serve_port(const concord_server *s)
{
    return s ? s->port : 0;
}

void concord_serve_stop(concord_server *s)
{
    if (!s)
        return;
    atomic_store(&s->stopping, 1);
    if (s->net_thread_started)
        pthread_join(s->net_thread, NULL);
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    for (size_t i = 0; i < s->n_pool; i++)
        concord_store_close(s->pool[i]);
    free(s->pool);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->net_lock);
    pthread_cond_destroy(&s->net_cond);
    pthread_mutex_destroy(&s->net_fallback);
    free(s->net_html);
    free(s->net_json);
    concord_outlets_network_free(&s->net);
    concord_outlets_free(s->net_x);
    concord_outlets_network_free(&s->full_net);
    concord_outlets_free(s->full_x);
    free(s->db_path);
    free(s);
}
