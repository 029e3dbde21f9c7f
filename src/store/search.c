/* search.c: full-text index and story listing (see concord/search.h). */
#include "concord/search.h"
#include "concord/experimental.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "concord/text.h"

enum { S_ART_ROWID, S_ART_FTS, S_STORY_FTS, S_STORY_MAP, S_N };

static const char *const S_sql[S_N] = {
    [S_ART_ROWID] = "SELECT rowid FROM articles WHERE id=?1 AND current=1",
    [S_ART_FTS] = "INSERT INTO article_search(rowid, title, text, outlet) VALUES(?1, ?2, ?3, ?4)",
    [S_STORY_FTS] = "INSERT INTO story_search(title, speakers, outlets) VALUES(?1, ?2, ?3)",
    [S_STORY_MAP] = ("INSERT INTO story_search_map(story, fts) VALUES(?1, ?2)"
                     " ON CONFLICT(story) DO UPDATE SET fts=excluded.fts"),
};

struct concord_search_writer {
    concord_store *st;
    sqlite3_stmt *s[S_N];
};

concord_search_writer *concord_search_writer_new(concord_store *st)
{
    concord_search_writer *w = concord_xcalloc(1, sizeof *w);
    w->st = st;
    return w;
}

void concord_search_writer_free(concord_search_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < S_N; i++)
        sqlite3_finalize(w->s[i]);
    free(w);
}

static sqlite3_stmt *S_stmt(concord_search_writer *w, int which)
{
    if (!w->s[which] &&
        sqlite3_prepare_v3(concord_store_sqlite(w->st), S_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                           &w->s[which], NULL) != SQLITE_OK) {
        w->s[which] = NULL;
        return NULL;
    }
    sqlite3_stmt *s = w->s[which];
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
}

static void S_text(sqlite3_stmt *s, int i, const char *p, size_t n)
{
    sqlite3_bind_text(s, i, p ? p : "", p ? (int)n : 0, SQLITE_STATIC);
}

static int S_step_done(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : CONCORD_STORE_ERR_SQL;
}

int concord_search_index_article(concord_search_writer *w, const concord_article *a,
                                 const concord_clean *c)
{
    sqlite3_stmt *s = S_stmt(w, S_ART_ROWID);
    if (!s)
        return CONCORD_STORE_ERR_SQL;
    sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? CONCORD_STORE_NOT_FOUND : CONCORD_STORE_ERR_SQL;
    }
    sqlite3_int64 rowid = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (!(s = S_stmt(w, S_ART_FTS)))
        return CONCORD_STORE_ERR_SQL;
    sqlite3_bind_int64(s, 1, rowid);
    S_text(s, 2, a->title, a->title ? strlen(a->title) : 0);
    if (c)
        S_text(s, 3, c->text, c->len);
    else
        S_text(s, 3, a->text, a->text_len);
    S_text(s, 4, a->source, a->source ? strlen(a->source) : 0);
    return S_step_done(s);
}

int concord_search_index_story(concord_search_writer *w, const char *id, const char *title,
                               const char *speakers, const char *outlets)
{
    sqlite3_stmt *s = S_stmt(w, S_STORY_FTS);
    if (!s)
        return CONCORD_STORE_ERR_SQL;
    S_text(s, 1, title, title ? strlen(title) : 0);
    S_text(s, 2, speakers, speakers ? strlen(speakers) : 0);
    S_text(s, 3, outlets, outlets ? strlen(outlets) : 0);
    if (S_step_done(s))
        return CONCORD_STORE_ERR_SQL;
    sqlite3_int64 fts = sqlite3_last_insert_rowid(concord_store_sqlite(w->st));
    if (!(s = S_stmt(w, S_STORY_MAP)))
        return CONCORD_STORE_ERR_SQL;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, fts);
    return S_step_done(s);
}

int concord_search_available(concord_store *st)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(concord_store_sqlite(st),
                           "SELECT count(*) FROM sqlite_schema WHERE name IN"
                           " ('article_search','story_search','story_search_map')",
                           -1, &s, NULL) != SQLITE_OK)
        return 0;
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return n == 3;
}

/* ---- queries ------------------------------------------------------------- */

/* A character of a word as FTS5's unicode61 tokenizer sees it: letters,
 * numbers, marks and private-use characters; everything else separates. */
static int S_word_char(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    utf8proc_category_t k = utf8proc_category(cp);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO) || k == UTF8PROC_CATEGORY_CO;
}

char *concord_search_fts_query(const char *text)
{
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_add(&b, "", 0);
    const char *t = text ? text : "";
    size_t len = strlen(t), i = 0, n_words = 0;
    while (i < len && n_words < 32) {
        size_t at = i;
        int32_t cp = concord_utf8_next(t, len, &i);
        if (!S_word_char(cp))
            continue;
        size_t end = i;
        while (end < len) {
            size_t k = end;
            if (!S_word_char(concord_utf8_next(t, len, &k)))
                break;
            end = k;
        }
        /* one token each, quoted: no user input is FTS syntax */
        concord_buf_adds(&b, n_words++ ? " \"" : "\"");
        concord_buf_add(&b, t + at, end - at);
        concord_buf_addc(&b, '"');
        i = end;
    }
    return concord_buf_detach(&b, NULL);
}

typedef struct {
    concord_buf sql;
    const char *bind[8];
    int n_bind;
} S_query;

static void S_bind_next(S_query *q, const char *v)
{
    q->bind[q->n_bind++] = v;
    concord_buf_printf(&q->sql, "?%d", q->n_bind);
}

/* WHERE clause shared by the count and the page. */
static void S_where(S_query *q, const concord_search_query *in, const char *fts, int indexed,
                    const char *outlet_fts)
{
    concord_buf_adds(&q->sql, " WHERE 1");
    if (in->from && *in->from) {
        concord_buf_adds(&q->sql, " AND last>=");
        S_bind_next(q, in->from);
    }
    if (in->to && *in->to) {
        concord_buf_adds(&q->sql, " AND first<=");
        S_bind_next(q, in->to);
    }
    if (in->conflict_only)
        concord_buf_adds(&q->sql, " AND has_conflict=1");
    if (fts && *fts) {
        if (indexed) {
            concord_buf_adds(&q->sql, " AND story IN (SELECT story FROM (SELECT sa.story FROM"
                                      " article_search f JOIN articles a ON a.rowid=f.rowid AND"
                                      " a.current=1 JOIN story_articles sa ON sa.article=a.id"
                                      " WHERE article_search MATCH ");
            S_bind_next(q, fts);
            /* the map is keyed by story: a join on m.fts scanned the whole map
             * once per matching story (4 s a query at 100k articles); one
             * pass over the map against the set of matching rowids is linear */
            concord_buf_printf(&q->sql,
                               " LIMIT %d) UNION SELECT m.story FROM story_search_map m"
                               " WHERE m.fts IN (SELECT rowid FROM story_search WHERE"
                               " story_search MATCH ",
                               CONCORD_SEARCH_MAX_ARTICLES);
            S_bind_next(q, fts);
            concord_buf_adds(&q->sql, "))");
        } else {
            concord_buf_adds(&q->sql, " AND instr(lower(title), lower(");
            S_bind_next(q, in->text);
            concord_buf_adds(&q->sql, "))>0");
        }
    }
    if (in->outlet && *in->outlet) {
        if (indexed && outlet_fts && *outlet_fts) {
            concord_buf_adds(&q->sql, " AND story IN (SELECT sa.story FROM article_search f JOIN"
                                      " articles a ON a.rowid=f.rowid AND a.current=1 JOIN"
                                      " story_articles sa ON sa.article=a.id WHERE"
                                      " article_search MATCH ");
            S_bind_next(q, outlet_fts);
            concord_buf_adds(&q->sql, " AND a.source=");
            S_bind_next(q, in->outlet);
            concord_buf_printf(&q->sql, " LIMIT %d)", CONCORD_SEARCH_MAX_ARTICLES);
        } else {
            concord_buf_adds(&q->sql, " AND story IN (SELECT sa.story FROM articles a JOIN"
                                      " story_articles sa ON sa.article=a.id WHERE a.current=1"
                                      " AND a.source=");
            S_bind_next(q, in->outlet);
            concord_buf_adds(&q->sql, ")");
        }
    }
}

static int S_prepare(concord_store *st, S_query *q, sqlite3_stmt **s)
{
    if (sqlite3_prepare_v2(concord_store_sqlite(st), q->sql.data, -1, s, NULL) != SQLITE_OK)
        return CONCORD_STORE_ERR_SQL;
    for (int i = 0; i < q->n_bind; i++)
        sqlite3_bind_text(*s, i + 1, q->bind[i], -1, SQLITE_STATIC);
    return 0;
}

static char *S_dup_col(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return concord_xstrdup(t ? (const char *)t : "");
}

int concord_search_stories(concord_store *st, const concord_search_query *in,
                           concord_search_result *out)
{
    memset(out, 0, sizeof *out);
    int indexed = concord_search_available(st);
    char *fts = concord_search_fts_query(in->text);
    char *outlet_fts = NULL;
    if (in->outlet && *in->outlet) { /* the outlet's words, in the outlet column */
        char *words = concord_search_fts_query(in->outlet);
        concord_buf b;
        concord_buf_init(&b);
        if (*words)
            concord_buf_printf(&b, "outlet : (%s)", words);
        else
            concord_buf_add(&b, "", 0);
        outlet_fts = concord_buf_detach(&b, NULL);
        free(words);
    }
    size_t limit = in->limit ? in->limit : 50;
    if (limit > 500)
        limit = 500;
    int rc = 0;
    sqlite3_stmt *s = NULL;

    /* with a search, the page and the total in one statement (count(*) OVER
     * () is taken before LIMIT): the search subquery runs once, not twice;
     * without one, a page read in index order and a separate count are
     * cheaper than numbering every story */
    int searched = (fts && *fts) || (in->outlet && *in->outlet);
    S_query q = {0};
    concord_buf_init(&q.sql);
    concord_buf_adds(&q.sql, "SELECT story, title, first, last, n_articles, n_sources,"
                             " has_conflict, ");
    concord_buf_adds(&q.sql, searched ? "count(*) OVER () FROM stories" : "0 FROM stories");
    S_where(&q, in, fts, indexed, outlet_fts);
    static const char *const col[] = {"first", "last", "n_articles", "n_sources", "title"};
    const char *dir = in->ascending ? "ASC" : "DESC";
    unsigned k = (unsigned)in->sort < 5 ? (unsigned)in->sort : 0;
    concord_buf_printf(&q.sql, " ORDER BY %s %s, story %s LIMIT %zu OFFSET %zu", col[k], dir, dir,
                       limit, in->offset);
    if ((rc = S_prepare(st, &q, &s)) == 0) {
        size_t cap = 0;
        int src;
        while ((src = sqlite3_step(s)) == SQLITE_ROW) {
            CONCORD_GROW(out->hits, cap, out->n + 1);
            concord_search_hit *h = &out->hits[out->n++];
            h->story = S_dup_col(s, 0);
            h->title = S_dup_col(s, 1);
            h->first = S_dup_col(s, 2);
            h->last = S_dup_col(s, 3);
            h->n_articles = (size_t)sqlite3_column_int64(s, 4);
            h->n_sources = (size_t)sqlite3_column_int64(s, 5);
            h->has_conflict = sqlite3_column_int(s, 6) != 0;
            if (searched)
                out->total = (size_t)sqlite3_column_int64(s, 7);
        }
        if (src != SQLITE_DONE)
            rc = CONCORD_STORE_ERR_SQL;
    }
    sqlite3_finalize(s);
    s = NULL;
    concord_buf_free(&q.sql);

    if (!rc && (!searched || (out->n == 0 && in->offset > 0))) { /* the total alone */
        memset(&q, 0, sizeof q);
        concord_buf_init(&q.sql);
        concord_buf_adds(&q.sql, "SELECT count(*) FROM stories");
        S_where(&q, in, fts, indexed, outlet_fts);
        if ((rc = S_prepare(st, &q, &s)) == 0) {
            if (sqlite3_step(s) == SQLITE_ROW)
                out->total = (size_t)sqlite3_column_int64(s, 0);
            else
                rc = CONCORD_STORE_ERR_SQL;
        }
        sqlite3_finalize(s);
        concord_buf_free(&q.sql);
    }
    if (fts && *fts && indexed && !rc) { /* did the article side hit its bound? */
        sqlite3_stmt *c;
        if (sqlite3_prepare_v2(concord_store_sqlite(st),
                               "SELECT count(*) FROM (SELECT 1 FROM article_search WHERE"
                               " article_search MATCH ?1 LIMIT ?2)",
                               -1, &c, NULL) == SQLITE_OK) {
            sqlite3_bind_text(c, 1, fts, -1, SQLITE_STATIC);
            sqlite3_bind_int(c, 2, CONCORD_SEARCH_MAX_ARTICLES + 1);
            if (sqlite3_step(c) == SQLITE_ROW &&
                sqlite3_column_int(c, 0) > CONCORD_SEARCH_MAX_ARTICLES)
                out->capped = 1;
            sqlite3_finalize(c);
        }
    }
    free(fts);
    free(outlet_fts);
    if (rc)
        concord_search_result_free(out);
    return rc;
}

void concord_search_result_free(concord_search_result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->hits[i].story);
        free(r->hits[i].title);
        free(r->hits[i].first);
        free(r->hits[i].last);
    }
    free(r->hits);
    memset(r, 0, sizeof *r);
}
