/* outlets_table.c: the outlet network kept in the store (see concord/search.h,
 * "The outlet network table").
 *
 * Each stored story's contribution to the network (concord_outlets_add fed
 * that story alone) is kept in rows keyed by the story; the network's totals
 * per outlet pair and per outlet are kept beside them and brought up to date
 * for the pairs and outlets that the changed stories touch.  Readers
 * (`concord outlets`, the report, `concord serve`) read the totals: a few
 * hundred thousand rows at most, never a story document.
 *
 * Which stories changed: triggers on the stories table note every insert,
 * update and delete in outlet_dirty, whoever writes (this build's pipeline,
 * another writer, an older concord), and concord_outlets_refresh, run by the
 * writer before its commit, works that list off.  Readers trust the totals
 * only when the list is empty. */
#include "concord/search.h"
#include "concord/experimental.h"
#include "concord/json.h"
#include "explain/reuse/reuse_outlets.h"
#include "store/outlets_table.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char S_TABLE_SQL[] =
    /* outlet names, by number (the rows below name outlets by number) */
    "CREATE TABLE IF NOT EXISTS outlet_names(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    /* per story: counted (its document has an articles array) */
    "CREATE TABLE IF NOT EXISTS outlet_story(story TEXT PRIMARY KEY) WITHOUT ROWID;"
    /* per story and outlet: its reports, and those derived from another outlet */
    "CREATE TABLE IF NOT EXISTS outlet_reports(story TEXT NOT NULL, outlet INTEGER NOT NULL,"
    " reports INTEGER NOT NULL, derived INTEGER NOT NULL, PRIMARY KEY(story, outlet))"
    " WITHOUT ROWID;"
    /* per outlet pair and story (first = the story's first date: the rows of
     * a pair in the order the network is fed): copies, rewrites, the lags of
     * the dated ones ("3,0,-1"), the story's id and the position of its first
     * report counted for the pair (the example) */
    "CREATE TABLE IF NOT EXISTS outlet_links(src INTEGER NOT NULL, dst INTEGER NOT NULL,"
    " first TEXT NOT NULL, story TEXT NOT NULL, copies INTEGER NOT NULL,"
    " rewrites INTEGER NOT NULL, lags TEXT NOT NULL, example TEXT, member INTEGER NOT NULL,"
    " PRIMARY KEY(src, dst, first, story)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS outlet_links_by_story ON outlet_links(story);"
    /* the network: per pair (with its links = copies + rewrites and its
     * outlets' names, indexed in the network's order: the first rows of a
     * page without reading the rest) and per outlet */
    "CREATE TABLE IF NOT EXISTS outlet_pairs(src INTEGER NOT NULL, dst INTEGER NOT NULL,"
    " copies INTEGER NOT NULL, rewrites INTEGER NOT NULL, dated INTEGER NOT NULL, median REAL,"
    " ex1 TEXT, m1 INTEGER, ex2 TEXT, m2 INTEGER, ex3 TEXT, m3 INTEGER,"
    " links INTEGER NOT NULL, src_name TEXT NOT NULL, dst_name TEXT NOT NULL,"
    " PRIMARY KEY(src, dst)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS outlet_pairs_by_links ON outlet_pairs(links DESC, src_name,"
    " dst_name);"
    "CREATE TABLE IF NOT EXISTS outlet_totals(outlet INTEGER PRIMARY KEY,"
    " reports INTEGER NOT NULL, derived INTEGER NOT NULL);"
    /* stories written since the last refresh (not INSERT OR IGNORE: the
     * conflict clause of the statement that fires a trigger overrides the
     * trigger's own) */
    "CREATE TABLE IF NOT EXISTS outlet_dirty(story TEXT PRIMARY KEY) WITHOUT ROWID;"
    "CREATE TRIGGER IF NOT EXISTS outlet_dirty_ins AFTER INSERT ON stories BEGIN"
    " INSERT INTO outlet_dirty(story) SELECT new.story"
    " WHERE NOT EXISTS(SELECT 1 FROM outlet_dirty WHERE story=new.story); END;"
    "CREATE TRIGGER IF NOT EXISTS outlet_dirty_upd AFTER UPDATE ON stories BEGIN"
    " INSERT INTO outlet_dirty(story) SELECT old.story"
    " WHERE NOT EXISTS(SELECT 1 FROM outlet_dirty WHERE story=old.story);"
    " INSERT INTO outlet_dirty(story) SELECT new.story"
    " WHERE NOT EXISTS(SELECT 1 FROM outlet_dirty WHERE story=new.story); END;"
    "CREATE TRIGGER IF NOT EXISTS outlet_dirty_del AFTER DELETE ON stories BEGIN"
    " INSERT INTO outlet_dirty(story) SELECT old.story"
    " WHERE NOT EXISTS(SELECT 1 FROM outlet_dirty WHERE story=old.story); END;";

enum {
    S_DIRTY_LIST,
    S_DIRTY_CLEAR,
    S_DIRTY_DONE,
    S_OLD_REPORTS,
    S_TOTAL_ADD,
    S_DEL_REPORTS,
    S_OLD_LINKS,
    S_DEL_LINKS,
    S_DEL_STORY,
    S_FIRST,
    S_NAME_GET,
    S_NAME_PUT,
    S_PUT_STORY,
    S_PUT_REPORTS,
    S_PUT_LINK,
    S_PAIR_ROWS,
    S_PAIR_PUT,
    S_PAIR_DEL,
    S_TOTALS_GONE,
    S_N
};

static const char *const S_sql[S_N] = {
    [S_DIRTY_LIST] = "SELECT story FROM outlet_dirty",
    [S_DIRTY_CLEAR] = "DELETE FROM outlet_dirty",
    [S_DIRTY_DONE] = "DELETE FROM outlet_dirty WHERE story=?1",
    [S_OLD_REPORTS] = "SELECT outlet, reports, derived FROM outlet_reports WHERE story=?1",
    [S_TOTAL_ADD] = "INSERT INTO outlet_totals(outlet, reports, derived) VALUES(?1, ?2, ?3)"
                    " ON CONFLICT(outlet) DO UPDATE SET reports=reports+excluded.reports,"
                    " derived=derived+excluded.derived",
    [S_DEL_REPORTS] = "DELETE FROM outlet_reports WHERE story=?1",
    [S_OLD_LINKS] = "SELECT src, dst FROM outlet_links WHERE story=?1",
    [S_DEL_LINKS] = "DELETE FROM outlet_links WHERE story=?1",
    [S_DEL_STORY] = "DELETE FROM outlet_story WHERE story=?1",
    [S_FIRST] = "SELECT first FROM stories WHERE story=?1",
    [S_NAME_GET] = "SELECT id FROM outlet_names WHERE name=?1",
    [S_NAME_PUT] = "INSERT INTO outlet_names(name) VALUES(?1)",
    [S_PUT_STORY] = "INSERT OR IGNORE INTO outlet_story(story) VALUES(?1)",
    [S_PUT_REPORTS] = "INSERT INTO outlet_reports(story, outlet, reports, derived)"
                      " VALUES(?1, ?2, ?3, ?4)",
    [S_PUT_LINK] = "INSERT INTO outlet_links(src, dst, first, story, copies, rewrites, lags,"
                   " example, member) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_PAIR_ROWS] = "SELECT copies, rewrites, lags, example, member FROM outlet_links"
                    " WHERE src=?1 AND dst=?2 ORDER BY first, story",
    [S_PAIR_PUT] = "INSERT OR REPLACE INTO outlet_pairs(src, dst, copies, rewrites, dated,"
                   " median, ex1, m1, ex2, m2, ex3, m3, links, src_name, dst_name)"
                   " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?3 + ?4,"
                   " (SELECT name FROM outlet_names WHERE id=?1),"
                   " (SELECT name FROM outlet_names WHERE id=?2))",
    [S_PAIR_DEL] = "DELETE FROM outlet_pairs WHERE src=?1 AND dst=?2",
    [S_TOTALS_GONE] = "DELETE FROM outlet_totals WHERE reports<=0",
};

struct concord_outlets_writer {
    concord_store *st;
    sqlite3 *db;
    sqlite3_stmt *s[S_N];
    char err[512];
    int failed;
    int ready; /* the table exists (made in the writer's batch) */
    /* outlet pairs touched by the changed stories, (src << 32 | dst) */
    uint64_t *pairs;
    size_t n_pairs, cap_pairs;
    /* names already numbered in this refresh (open addressing) */
    char **names;
    int64_t *ids;
    size_t n_names, cap_names;
    size_t put, reread; /* stories put from their documents in memory, read back */
};
typedef concord_outlets_writer S_refresh;

static void S_fail(S_refresh *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void S_fail(S_refresh *r, const char *fmt, ...)
{
    if (r->failed++)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
}

static sqlite3_stmt *S_stmt(S_refresh *r, int which)
{
    if (r->failed)
        return NULL;
    if (!r->s[which] && sqlite3_prepare_v3(r->db, S_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                           &r->s[which], NULL) != SQLITE_OK) {
        S_fail(r, "the outlet table: %s", sqlite3_errmsg(r->db));
        r->s[which] = NULL;
        return NULL;
    }
    sqlite3_reset(r->s[which]);
    sqlite3_clear_bindings(r->s[which]);
    return r->s[which];
}

/* Steps a statement that returns no rows. */
static void S_exec(S_refresh *r, sqlite3_stmt *s, const char *what)
{
    if (!s)
        return;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        S_fail(r, "the outlet table, %s: %s", what, sqlite3_errmsg(r->db));
    sqlite3_reset(s);
}

static void S_text(sqlite3_stmt *s, int i, const char *p)
{
    if (p)
        sqlite3_bind_text(s, i, p, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static int S_has_table(sqlite3 *db, const char *name)
{
    sqlite3_stmt *s = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name=?1", -1, &s,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        found = sqlite3_step(s) == SQLITE_ROW;
    }
    sqlite3_finalize(s);
    return found;
}

static void S_touch(S_refresh *r, int64_t src, int64_t dst)
{
    CONCORD_GROW(r->pairs, r->cap_pairs, r->n_pairs + 1);
    r->pairs[r->n_pairs++] = (uint64_t)src << 32 | (uint64_t)(uint32_t)dst;
}

/* The number of an outlet name, made when new. */
static int64_t S_name_id(S_refresh *r, const char *name)
{
    uint64_t h = concord_hash(name, strlen(name), 0x6e616d65);
    if (r->cap_names) {
        for (size_t k = h & (r->cap_names - 1); r->names[k]; k = (k + 1) & (r->cap_names - 1))
            if (!strcmp(r->names[k], name))
                return r->ids[k];
    }
    int64_t id = -1;
    sqlite3_stmt *s = S_stmt(r, S_NAME_GET);
    if (!s)
        return -1;
    S_text(s, 1, name);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        S_fail(r, "the outlet table, reading a name: %s", sqlite3_errmsg(r->db));
        return -1;
    }
    if (id < 0) {
        if (!(s = S_stmt(r, S_NAME_PUT)))
            return -1;
        S_text(s, 1, name);
        S_exec(r, s, "storing a name");
        if (r->failed)
            return -1;
        id = sqlite3_last_insert_rowid(r->db);
    }
    if ((r->n_names + 1) * 2 > r->cap_names) { /* grow, rehash */
        size_t ncap = r->cap_names ? r->cap_names * 2 : 256;
        char **nn = concord_xcalloc(ncap, sizeof *nn);
        int64_t *ni = concord_xcalloc(ncap, sizeof *ni);
        for (size_t i = 0; i < r->cap_names; i++)
            if (r->names[i]) {
                uint64_t hi = concord_hash(r->names[i], strlen(r->names[i]), 0x6e616d65);
                size_t k = hi & (ncap - 1);
                while (nn[k])
                    k = (k + 1) & (ncap - 1);
                nn[k] = r->names[i];
                ni[k] = r->ids[i];
            }
        free(r->names);
        free(r->ids);
        r->names = nn;
        r->ids = ni;
        r->cap_names = ncap;
    }
    size_t k = h & (r->cap_names - 1);
    while (r->names[k])
        k = (k + 1) & (r->cap_names - 1);
    r->names[k] = concord_xstrdup(name);
    r->ids[k] = id;
    r->n_names++;
    return id;
}

/* Takes a story's rows out of the network's totals and deletes them. */
static void S_remove(S_refresh *r, const char *story)
{
    sqlite3_stmt *s = S_stmt(r, S_OLD_REPORTS);
    if (!s)
        return;
    S_text(s, 1, story);
    int64_t *old = NULL; /* (outlet, reports, derived) triples */
    size_t n_old = 0, cap_old = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        CONCORD_GROW(old, cap_old, n_old + 3);
        for (int c = 0; c < 3; c++)
            old[n_old++] = sqlite3_column_int64(s, c);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        S_fail(r, "the outlet table, reading a story's outlets: %s", sqlite3_errmsg(r->db));
    for (size_t i = 0; i + 2 < n_old && !r->failed; i += 3) {
        if (!(s = S_stmt(r, S_TOTAL_ADD)))
            break;
        sqlite3_bind_int64(s, 1, old[i]);
        sqlite3_bind_int64(s, 2, -old[i + 1]);
        sqlite3_bind_int64(s, 3, -old[i + 2]);
        S_exec(r, s, "updating an outlet's totals");
    }
    free(old);
    if ((s = S_stmt(r, S_DEL_REPORTS))) {
        S_text(s, 1, story);
        S_exec(r, s, "deleting a story's outlets");
    }
    if ((s = S_stmt(r, S_OLD_LINKS))) {
        S_text(s, 1, story);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            S_touch(r, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1));
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            S_fail(r, "the outlet table, reading a story's links: %s", sqlite3_errmsg(r->db));
    }
    if ((s = S_stmt(r, S_DEL_LINKS))) {
        S_text(s, 1, story);
        S_exec(r, s, "deleting a story's links");
    }
    if ((s = S_stmt(r, S_DEL_STORY))) {
        S_text(s, 1, story);
        S_exec(r, s, "deleting a story");
    }
}

/* Stores one story's contribution, read from its document (x: the story
 * alone through concord_outlets_add). */
static void S_put(S_refresh *r, const char *story, const char *first, const concord_outlets *x)
{
    if (!concord__outlets_stories(x))
        return; /* no articles array: not counted */
    sqlite3_stmt *s = S_stmt(r, S_PUT_STORY);
    if (!s)
        return;
    S_text(s, 1, story);
    S_exec(r, s, "storing a story");
    for (size_t i = 0; i < concord__outlets_n_outlets(x) && !r->failed; i++) {
        size_t articles, derived;
        const char *name = concord__outlets_outlet(x, i, &articles, &derived);
        int64_t id = S_name_id(r, name);
        if (id < 0 || !(s = S_stmt(r, S_PUT_REPORTS)))
            break;
        S_text(s, 1, story);
        sqlite3_bind_int64(s, 2, id);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)articles);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)derived);
        S_exec(r, s, "storing a story's outlet");
        if (!(s = S_stmt(r, S_TOTAL_ADD)))
            break;
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)articles);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)derived);
        S_exec(r, s, "updating an outlet's totals");
    }
    concord_buf lags;
    concord_buf_init(&lags);
    for (size_t i = 0; i < concord__outlets_n_links(x) && !r->failed; i++) {
        concord__outlet_link_part p;
        concord__outlets_link(x, i, &p);
        int64_t src = S_name_id(r, p.from), dst = S_name_id(r, p.to);
        if (src < 0 || dst < 0 || !(s = S_stmt(r, S_PUT_LINK)))
            break;
        concord_buf_clear(&lags);
        for (size_t k = 0; k < p.n_lags; k++) {
            char num[24];
            snprintf(num, sizeof num, k ? ",%ld" : "%ld", p.lags[k]);
            concord_buf_adds(&lags, num);
        }
        sqlite3_bind_int64(s, 1, src);
        sqlite3_bind_int64(s, 2, dst);
        S_text(s, 3, first);
        S_text(s, 4, story);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)p.copy);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)p.rewrite);
        sqlite3_bind_text(s, 7, lags.data ? lags.data : "", (int)lags.len, SQLITE_STATIC);
        S_text(s, 8, p.example);
        sqlite3_bind_int64(s, 9, p.member);
        S_exec(r, s, "storing a story's link");
        S_touch(r, src, dst);
    }
    concord_buf_free(&lags);
}

/* The members of a story document that the network reads ("story" and
 * "articles": a few percent of its bytes; figures, quotes and the digest
 * are the rest), parsed alone (concord_json_parse_members: NULL for a
 * document that does not parse, as a whole parse).  Caller frees. */
static concord_json *S_network_members(const char *doc, size_t len)
{
    static const char *const keys[] = {"story", "articles"};
    return concord_json_parse_members(doc, len, keys, 2);
}

/* Reads story's first date and document and stores its contribution; a
 * story no longer in the store has none. */
static void S_story(S_refresh *r, concord_store *st, const char *story)
{
    sqlite3_stmt *s = S_stmt(r, S_FIRST);
    if (!s)
        return;
    S_text(s, 1, story);
    int rc = sqlite3_step(s);
    char *first =
        rc == SQLITE_ROW ? concord_xstrdup((const char *)sqlite3_column_text(s, 0)) : NULL;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE)
            S_fail(r, "the outlet table, reading story %s: %s", story, sqlite3_errmsg(r->db));
        return; /* deleted */
    }
    char *doc = NULL;
    if (concord_store_get_story(st, story, &doc) != 0 || !doc) {
        S_fail(r, "the outlet table, reading story %s: %s", story, concord_store_errmsg(st));
        free(first);
        free(doc);
        return;
    }
    concord_json *j = S_network_members(doc, strlen(doc));
    if (j) { /* a document that does not parse counts nowhere, as in concord outlets */
        concord_outlets *x = concord_outlets_new();
        concord_outlets_add(x, j);
        S_put(r, story, first, x);
        r->reread++;
        concord_outlets_free(x);
        concord_json_free(j);
    }
    free(doc);
    free(first);
}

static int S_u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Recomputes the totals of one outlet pair from its rows, in feed order. */
static void S_pair(S_refresh *r, int64_t src, int64_t dst)
{
    sqlite3_stmt *s = S_stmt(r, S_PAIR_ROWS);
    if (!s)
        return;
    sqlite3_bind_int64(s, 1, src);
    sqlite3_bind_int64(s, 2, dst);
    size_t copies = 0, rewrites = 0, rows = 0, n_ex = 0;
    long *lags = NULL;
    size_t n_lags = 0, cap_lags = 0;
    char *ex[CONCORD__OUTLET_EXAMPLES] = {0};
    int64_t member[CONCORD__OUTLET_EXAMPLES] = {0};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rows++;
        copies += (size_t)sqlite3_column_int64(s, 0);
        rewrites += (size_t)sqlite3_column_int64(s, 1);
        for (const char *p = (const char *)sqlite3_column_text(s, 2); p && *p;) {
            char *end;
            long v = strtol(p, &end, 10);
            if (end == p)
                break;
            CONCORD_GROW(lags, cap_lags, n_lags + 1);
            lags[n_lags++] = v;
            p = *end == ',' ? end + 1 : end;
        }
        /* the first stories (distinct ids) with the link, as the network
         * fed story by story keeps them */
        const char *id = (const char *)sqlite3_column_text(s, 3);
        int seen = !id || n_ex == CONCORD__OUTLET_EXAMPLES;
        for (size_t k = 0; !seen && k < n_ex; k++)
            seen = !strcmp(ex[k], id);
        if (!seen) {
            member[n_ex] = sqlite3_column_int64(s, 4);
            ex[n_ex++] = concord_xstrdup(id);
        }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        S_fail(r, "the outlet table, reading a pair: %s", sqlite3_errmsg(r->db));
    if (!rows && (s = S_stmt(r, S_PAIR_DEL))) {
        sqlite3_bind_int64(s, 1, src);
        sqlite3_bind_int64(s, 2, dst);
        S_exec(r, s, "deleting a pair");
    } else if (rows && (s = S_stmt(r, S_PAIR_PUT))) {
        int has = 0;
        double median = concord__outlets_median(lags, n_lags, &has);
        sqlite3_bind_int64(s, 1, src);
        sqlite3_bind_int64(s, 2, dst);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)copies);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)rewrites);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)n_lags);
        if (has)
            sqlite3_bind_double(s, 6, median);
        for (size_t k = 0; k < n_ex; k++) {
            S_text(s, 7 + 2 * (int)k, ex[k]);
            sqlite3_bind_int64(s, 8 + 2 * (int)k, member[k]);
        }
        S_exec(r, s, "storing a pair");
    }
    for (size_t k = 0; k < n_ex; k++)
        free(ex[k]);
    free(lags);
}

/* Creates the table when the store has none (a store written before it:
 * every story is then noted as changed, so that the refresh counts them). */
static void S_ensure(S_refresh *r)
{
    if (r->ready || r->failed)
        return;
    if (!S_has_table(r->db, "outlet_dirty")) {
        char *msg = NULL;
        if (sqlite3_exec(r->db, S_TABLE_SQL, NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(r->db,
                         "INSERT OR IGNORE INTO outlet_dirty(story) SELECT story FROM stories",
                         NULL, NULL, &msg) != SQLITE_OK)
            S_fail(r, "creating the outlet table: %s", msg ? msg : sqlite3_errmsg(r->db));
        sqlite3_free(msg);
    }
    r->ready = !r->failed;
}

concord_outlets_writer *concord_outlets_writer_new(concord_store *st)
{
    concord_outlets_writer *w = concord_xcalloc(1, sizeof *w);
    w->st = st;
    w->db = concord_store_sqlite(st);
    if (!w->db)
        S_fail(w, "the outlet table: no store");
    return w;
}

void concord_outlets_writer_free(concord_outlets_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < S_N; i++)
        sqlite3_finalize(w->s[i]);
    for (size_t k = 0; k < w->cap_names; k++)
        free(w->names[k]);
    free(w->names);
    free(w->ids);
    free(w->pairs);
    free(w);
}

const char *concord_outlets_writer_errmsg(const concord_outlets_writer *w)
{
    return w ? w->err : "";
}

int concord_outlets_writer_put(concord_outlets_writer *w, const char *story, const char *first,
                               const concord_json *doc)
{
    S_ensure(w);
    if (w->failed)
        return CONCORD_STORE_ERR_SQL;
    S_remove(w, story);
    if (doc) { /* a document that does not parse counts nowhere, as in concord outlets */
        concord_outlets *x = concord_outlets_new();
        concord_outlets_add(x, doc);
        S_put(w, story, first ? first : "", x);
        concord_outlets_free(x);
    }
    sqlite3_stmt *s = S_stmt(w, S_DIRTY_DONE);
    if (s) {
        S_text(s, 1, story);
        S_exec(w, s, "clearing a changed story");
    }
    w->put++;
    return w->failed ? CONCORD_STORE_ERR_SQL : 0;
}

int concord_outlets_writer_finish(concord_outlets_writer *r)
{
    S_ensure(r);
    char **dirty = NULL;
    size_t n_dirty = 0, cap_dirty = 0;
    sqlite3_stmt *s = S_stmt(r, S_DIRTY_LIST);
    if (s) {
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            CONCORD_GROW(dirty, cap_dirty, n_dirty + 1);
            dirty[n_dirty++] = concord_xstrdup((const char *)sqlite3_column_text(s, 0));
        }
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            S_fail(r, "the outlet table, listing changed stories: %s", sqlite3_errmsg(r->db));
    }
    for (size_t i = 0; i < n_dirty && !r->failed; i++) {
        S_remove(r, dirty[i]);
        S_story(r, r->st, dirty[i]);
    }
    for (size_t i = 0; i < n_dirty; i++)
        free(dirty[i]);
    free(dirty);
    if (r->n_pairs)
        qsort(r->pairs, r->n_pairs, sizeof *r->pairs, S_u64_cmp);
    for (size_t i = 0; i < r->n_pairs && !r->failed; i++)
        if (!i || r->pairs[i] != r->pairs[i - 1])
            S_pair(r, (int64_t)(r->pairs[i] >> 32), (int64_t)(uint32_t)r->pairs[i]);
    r->n_pairs = 0;
    S_exec(r, S_stmt(r, S_TOTALS_GONE), "deleting outlets without reports");
    S_exec(r, S_stmt(r, S_DIRTY_CLEAR), "clearing the changed stories");
    return r->failed ? CONCORD_STORE_ERR_SQL : 0;
}

int concord_outlets_writer_put_doc(concord_outlets_writer *w, const char *story, const char *first,
                                   const char *doc)
{
    concord_json *j = doc ? S_network_members(doc, strlen(doc)) : NULL;
    int rc = concord_outlets_writer_put(w, story, first, j);
    concord_json_free(j);
    return rc;
}

void concord_outlets_writer_counts(const concord_outlets_writer *w, size_t *put, size_t *reread)
{
    *put = w ? w->put : 0;
    *reread = w ? w->reread : 0;
}

int concord_outlets_refresh(concord_store *st, char *err, size_t err_len)
{
    if (err && err_len)
        err[0] = '\0';
    concord_outlets_writer *w = concord_outlets_writer_new(st);
    int own = !w->failed && !concord_store_in_batch(st);
    if (own && concord_store_begin(st) != 0)
        S_fail(w, "%s", concord_store_errmsg(st));
    else
        concord_outlets_writer_finish(w);
    if (own) {
        if (w->failed)
            concord_store_rollback(st);
        else if (concord_store_commit(st) != 0)
            S_fail(w, "%s", concord_store_errmsg(st));
    }
    int rc = w->failed ? CONCORD_STORE_ERR_SQL : 0;
    if (rc && err && err_len)
        snprintf(err, err_len, "%s", w->err);
    concord_outlets_writer_free(w);
    return rc;
}

int concord_outlets_table_ready(concord_store *st)
{
    sqlite3 *db = concord_store_sqlite(st);
    if (!db || !S_has_table(db, "outlet_dirty") || !S_has_table(db, "outlet_pairs"))
        return 0;
    sqlite3_stmt *s = NULL;
    int clean = 0;
    if (sqlite3_prepare_v2(db, "SELECT NOT EXISTS(SELECT 1 FROM outlet_dirty)", -1, &s, NULL) ==
            SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        clean = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return clean;
}

/* Runs sql (no parameters) and hands each row to fn; an SQLite code. */
static int S_rows(sqlite3 *db, const char *sql, void (*fn)(sqlite3_stmt *, void *), void *ctx)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            fn(s, ctx);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void S_row_stories(sqlite3_stmt *s, void *x)
{
    concord__outlets_set_stories(x, (size_t)sqlite3_column_int64(s, 0));
}

typedef struct {
    concord_outlets *x;
    size_t links, linked; /* the pairs, and the reports they count */
} S_sums;

static void S_row_outlet(sqlite3_stmt *s, void *ctx)
{
    S_sums *u = ctx;
    size_t picked = (size_t)sqlite3_column_int64(s, 3);
    concord__outlets_put_outlet(u->x, (const char *)sqlite3_column_text(s, 0),
                                (size_t)sqlite3_column_int64(s, 1),
                                (size_t)sqlite3_column_int64(s, 2), picked);
    u->links += (size_t)sqlite3_column_int64(s, 4);
    u->linked += picked;
}

static void S_row_pair(sqlite3_stmt *s, void *x)
{
    concord__outlet_link_total t;
    memset(&t, 0, sizeof t);
    t.from = (const char *)sqlite3_column_text(s, 0);
    t.to = (const char *)sqlite3_column_text(s, 1);
    t.copy = (size_t)sqlite3_column_int64(s, 2);
    t.rewrite = (size_t)sqlite3_column_int64(s, 3);
    t.dated = (size_t)sqlite3_column_int64(s, 4);
    t.has_median = sqlite3_column_type(s, 5) != SQLITE_NULL;
    t.median = sqlite3_column_double(s, 5);
    for (int k = 0; k < CONCORD__OUTLET_EXAMPLES; k++) {
        if (sqlite3_column_type(s, 6 + 2 * k) == SQLITE_NULL)
            break;
        t.ex[t.n_ex] = (const char *)sqlite3_column_text(s, 6 + 2 * k);
        t.ex_member[t.n_ex++] = (size_t)sqlite3_column_int64(s, 7 + 2 * k);
    }
    concord__outlets_put_link(x, &t);
}

#define S_PAIR_COLS                                                                                \
    "SELECT src_name, dst_name, copies, rewrites, dated, median, ex1, m1, ex2, m2, ex3, m3"        \
    " FROM outlet_pairs"

/* The network from the totals: every pair, or (first > 0) the first pairs
 * in the network's order and the whole network's sums (a partial x). */
static int S_load(concord_store *st, concord_outlets *x, size_t first, char *err, size_t err_len)
{
    if (err && err_len)
        err[0] = '\0';
    if (!concord_outlets_table_ready(st))
        return 0;
    sqlite3 *db = concord_store_sqlite(st);
    int rc = S_rows(db, "SELECT count(*) FROM outlet_story", S_row_stories, x);
    /* a partial network: per outlet its pairs as source and the reports
     * other outlets picked up (one pass over the pairs in their key order,
     * no sort); their sums are the network's */
    S_sums u = {x, 0, 0};
    if (rc == SQLITE_OK)
        rc = S_rows(db,
                    first ? "SELECT n.name, t.reports, t.derived, coalesce(p.picked, 0),"
                            " coalesce(p.pairs, 0) FROM outlet_totals t"
                            " JOIN outlet_names n ON n.id=t.outlet"
                            " LEFT JOIN (SELECT src, count(*) AS pairs, sum(links) AS picked"
                            " FROM outlet_pairs GROUP BY src) p ON p.src=t.outlet"
                          : "SELECT n.name, t.reports, t.derived, 0, 0 FROM outlet_totals t"
                            " JOIN outlet_names n ON n.id=t.outlet",
                    S_row_outlet, &u);
    if (rc == SQLITE_OK && !first) {
        rc = S_rows(db, S_PAIR_COLS, S_row_pair, x);
    } else if (rc == SQLITE_OK) {
        char sql[256];
        snprintf(sql, sizeof sql, S_PAIR_COLS " ORDER BY links DESC, src_name, dst_name LIMIT %zu",
                 first);
        rc = S_rows(db, sql, S_row_pair, x);
        concord__outlets_set_partial(x, u.links, u.linked);
    }
    if (rc != SQLITE_OK) {
        if (err && err_len)
            snprintf(err, err_len, "reading the outlet table of %s: %s", concord_store_path(st),
                     sqlite3_errmsg(db));
        return CONCORD_STORE_ERR_SQL;
    }
    return 1;
}

int concord_outlets_load(concord_store *st, concord_outlets *x, char *err, size_t err_len)
{
    return S_load(st, x, 0, err, err_len);
}

int concord__outlets_load_first(concord_store *st, concord_outlets *x, size_t first, char *err,
                                size_t err_len)
{
    return S_load(st, x, first ? first : 1, err, err_len);
}
