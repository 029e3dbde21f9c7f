/* store.c: the SQLite store.  Contract in include/concord/store.h. */
#include "concord/experimental.h"
#include "concord/store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "common/base_internal.h"
#include "store/store_internal.h"
#include "store/textpack.h"

/* PRAGMA application_id: "CNCD", marks a file as a concord store. */
#define S_APP_ID 0x434E4344
#define S_BUSY_MS 10000
/* Page size of new stores: rows of 1-3 KB (an article, a story document)
 * left 15-20% of 4 KiB pages unused; 16 KiB pages store the 100k generated
 * corpus in 8% fewer bytes (doc/store-size.md). */
#define S_PAGE_SIZE "16384"
/* zstd level of packed cells: 3 compresses at ~300 MB/s; higher levels gain
 * a few % of size at several times the CPU (doc/scale.md). */
#define S_PACK_LEVEL 3
#define S_STATE_LEVEL                                                                              \
    3 /* zstd level of packed state blobs (the grouper: 47 -> 26 MB at 100k, 0.25 CPU-s) */

/* Every table, index and view of schema versions 2 to 4.  IF NOT EXISTS makes the
 * creation idempotent; it runs in one transaction with the user_version bump.
 * Version 2 (compact store): raw, text and doc are packed cells
 * (store/textpack.h: zstd per article or story); text is an empty blob when
 * the cleaned text is the raw text minus the removed ranges (always, with
 * this cleaner), so it is stored once. */
static const char S_SCHEMA_SQL[] =
    "CREATE TABLE IF NOT EXISTS articles("
    " id TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " current INTEGER NOT NULL DEFAULT 1," /* 1 on the newest version of an id */
    " source TEXT NOT NULL,"
    " url TEXT NOT NULL,"
    " date TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " raw BLOB NOT NULL," /* packed */
    " text BLOB,"         /* cleaned body, packed; x'' = raw minus removed; NULL: not cleaned */
    " byline TEXT,"
    " dateline TEXT,"
    " clean_date TEXT," /* publication date found in the text */
    " outlet TEXT,"
    " removed TEXT,"      /* raw-text ranges: packed (S_removed_pack), or JSON before schema 4 */
    " day TEXT NOT NULL," /* date, else clean_date, else '': the sort key */
    " content_hash INTEGER NOT NULL," /* xxh3 of title and raw text */
    " clean_hash INTEGER NOT NULL DEFAULT 0,"
    " added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " PRIMARY KEY(id, version));"
    "CREATE UNIQUE INDEX IF NOT EXISTS articles_current ON articles(id) WHERE current=1;"
    "CREATE INDEX IF NOT EXISTS articles_by_day ON articles(day, id) WHERE current=1;"
    "CREATE VIEW IF NOT EXISTS current_articles AS SELECT * FROM articles WHERE current=1;"
    "CREATE TABLE IF NOT EXISTS stories("
    " story TEXT PRIMARY KEY,"
    " title TEXT NOT NULL,"
    " first TEXT NOT NULL,"
    " last TEXT NOT NULL,"
    " n_articles INTEGER NOT NULL,"
    " n_sources INTEGER NOT NULL,"
    " has_conflict INTEGER NOT NULL,"
    " doc BLOB NOT NULL," /* packed JSON document */
    " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX IF NOT EXISTS stories_by_first ON stories(first, story);"
    "CREATE TABLE IF NOT EXISTS story_articles("
    " story TEXT NOT NULL REFERENCES stories(story) ON DELETE CASCADE,"
    " article TEXT NOT NULL,"
    " PRIMARY KEY(story, article)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS story_articles_by_article ON story_articles(article);"
    "CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value BLOB NOT NULL);"
    /* search (concord/search.h): term-only FTS5 indexes and a covering index
     * for listing stories without reading their documents */
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(title, text, outlet,"
    " content='', detail=column, tokenize='unicode61 remove_diacritics 2');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS story_search USING fts5(title, speakers, outlets,"
    " content='', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TABLE IF NOT EXISTS story_search_map(story TEXT PRIMARY KEY, fts INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS stories_summary ON stories(first, last, n_articles, n_sources,"
    " has_conflict, story, title);";

/* Articles stored (new or changed) but not yet grouped: put_article adds the
 * id, the run that saves the grouping clears the table in the same
 * transaction, so a run killed in between leaves its articles here and the
 * next run groups them.  Created on every writable open (stores of schema 1
 * made before it existed get it then). */
static const char S_UNGROUPED_SQL[] =
    "CREATE TABLE IF NOT EXISTS ungrouped(id TEXT PRIMARY KEY) WITHOUT ROWID;";

#define S_ROW_COLS                                                                                 \
    "id, version, source, url, date, title, raw, text, byline, dateline, clean_date, "             \
    "outlet, removed"

enum {
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_SAVEPOINT,
    S_RELEASE,
    S_ROLLBACK_TO,
    S_ART_CUR,
    S_ART_RETIRE,
    S_ART_INSERT,
    S_ART_RECLEAN,
    S_ART_GET_CUR,
    S_ART_GET_VER,
    S_ART_COUNT,
    S_REMOVED,
    S_STORY_UPSERT,
    S_STORY_CLEAR,
    S_STORY_MEMBER,
    S_STORY_GET,
    S_STORY_EXISTS,
    S_STORY_DELETE,
    S_STORY_OF,
    S_STORY_MEMBERS,
    S_STORY_COUNT,
    S_STATE_PUT,
    S_STATE_GET,
    S_STATE_DELETE,
    S_UNGROUPED_MARK,
    S_UNGROUPED_LIST,
    S_UNGROUPED_CLEAR,
    S_N_STMT
};

static const char *const S_sql[S_N_STMT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_SAVEPOINT] = "SAVEPOINT concord_op",
    [S_RELEASE] = "RELEASE concord_op",
    [S_ROLLBACK_TO] = "ROLLBACK TO concord_op",
    [S_ART_CUR] = "SELECT version, content_hash, clean_hash, text IS NOT NULL"
                  " FROM articles WHERE id=?1 AND current=1",
    [S_ART_RETIRE] = "UPDATE articles SET current=0 WHERE id=?1 AND current=1",
    [S_ART_INSERT] = "INSERT INTO articles(id, version, current, source, url, date, title,"
                     " raw, text, byline, dateline, clean_date, outlet, removed, day,"
                     " content_hash, clean_hash)"
                     " VALUES(?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                     " ?14, ?15, ?16)",
    [S_ART_RECLEAN] = "UPDATE articles SET text=?3, byline=?4, dateline=?5, clean_date=?6,"
                      " outlet=?7, removed=?8, day=?9, clean_hash=?10"
                      " WHERE id=?1 AND version=?2",
    [S_ART_GET_CUR] = "SELECT " S_ROW_COLS " FROM articles WHERE id=?1 AND current=1",
    [S_ART_GET_VER] = "SELECT " S_ROW_COLS " FROM articles WHERE id=?1 AND version=?2",
    [S_ART_COUNT] = "SELECT count(*) FROM articles WHERE current=1",
    [S_REMOVED] = "SELECT type, json_extract(value, '$.start'), json_extract(value, '$.end'),"
                  " json_extract(value, '$.why') FROM json_each(?1) ORDER BY key",
    [S_STORY_UPSERT] = "INSERT INTO stories(story, title, first, last, n_articles, n_sources,"
                       " has_conflict, doc) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                       " ON CONFLICT(story) DO UPDATE SET title=excluded.title,"
                       " first=excluded.first, last=excluded.last,"
                       " n_articles=excluded.n_articles, n_sources=excluded.n_sources,"
                       " has_conflict=excluded.has_conflict, doc=excluded.doc,"
                       " updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')",
    [S_STORY_CLEAR] = "DELETE FROM story_articles WHERE story=?1",
    [S_STORY_MEMBER] = "INSERT OR IGNORE INTO story_articles(story, article) VALUES(?1, ?2)",
    [S_STORY_GET] = "SELECT doc FROM stories WHERE story=?1",
    [S_STORY_EXISTS] = "SELECT 1 FROM stories WHERE story=?1",
    [S_STORY_DELETE] = "DELETE FROM stories WHERE story=?1",
    [S_STORY_OF] = "SELECT story FROM story_articles WHERE article=?1 ORDER BY story LIMIT 1",
    [S_STORY_MEMBERS] = "SELECT article FROM story_articles WHERE story=?1 ORDER BY article",
    [S_STORY_COUNT] = "SELECT count(*) FROM stories",
    [S_STATE_PUT] = "INSERT INTO state(key, value) VALUES(?1, ?2)"
                    " ON CONFLICT(key) DO UPDATE SET value=excluded.value",
    [S_STATE_GET] = "SELECT value FROM state WHERE key=?1",
    [S_STATE_DELETE] = "DELETE FROM state WHERE key=?1",
    [S_UNGROUPED_MARK] = "INSERT OR IGNORE INTO ungrouped(id) VALUES(?1)",
    [S_UNGROUPED_LIST] = "SELECT id FROM ungrouped ORDER BY id",
    [S_UNGROUPED_CLEAR] = "DELETE FROM ungrouped",
};

struct concord_store_iter {
    concord_store *st; /* NULL once the store was closed under the iterator */
    sqlite3_stmt *stmt;
    int done;
    concord_store_iter *prev, *next;
};

struct concord_store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *stmt[S_N_STMT];
    int in_batch;
    int readonly;
    int code;
    concord_buf msg;
    concord_store_iter *iters; /* open iterators, finalized at close */
    concord_textpack *pack;    /* zstd contexts of this connection */
    concord_buf samples;       /* first raw texts, to train the packing dictionary */
    size_t *sample_sizes, n_samples, cap_samples;
    concord_buf cell; /* packed document of the story being stored */
    int dict_state;   /* 0 not looked up, 1 sampling, 2 packing with it, 3 none */
    /* the packing dictionary as packers on other threads take it
     * (concord__store_prepare): guarded by dict_mu */
    pthread_mutex_t dict_mu;
    concord_buf dict_bytes;
    unsigned dict_id;
};

/* Last failed open in this thread (errno-like). */
static _Thread_local int S_open_code;
static _Thread_local char S_open_msg[1024];

static int S_map_sqlite(int rc)
{
    switch (rc & 0xff) {
        case SQLITE_NOTADB: return CONCORD_STORE_ERR_NOTDB;
        case SQLITE_CORRUPT: return CONCORD_STORE_ERR_CORRUPT;
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return CONCORD_STORE_ERR_BUSY;
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_AUTH: return CONCORD_STORE_ERR_IO;
        case SQLITE_MISUSE:
        case SQLITE_RANGE: return CONCORD_STORE_ERR_MISUSE;
        default: return CONCORD_STORE_ERR_SQL;
    }
}

static int S_fail(concord_store *st, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int S_fail(concord_store *st, int code, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    st->code = code;
    concord_buf_clear(&st->msg);
    concord_buf_printf(&st->msg, "%s: %s", st->path, tmp);
    return code;
}

/* Records a failed SQLite call: what we were doing plus SQLite's message. */
static int S_fail_sqlite(concord_store *st, int rc, const char *what)
{
    const char *hint = "";
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        hint = " (another program, most likely another concord run, is writing to this"
               " store; wait for it to finish, or give it more time with --wait SECONDS)";
    else if ((rc & 0xff) == SQLITE_READONLY && !st->readonly)
        hint = " (the store or its folder cannot be written)";
    return S_fail(st, S_map_sqlite(rc), "%s: %s%s", what,
                  st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc), hint);
}

static sqlite3_stmt *S_stmt(concord_store *st, int which)
{
    if (!st->stmt[which]) {
        int rc = sqlite3_prepare_v3(st->db, S_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                    &st->stmt[which], NULL);
        if (rc != SQLITE_OK) {
            S_fail_sqlite(st, rc, "preparing a statement");
            st->stmt[which] = NULL;
            return NULL;
        }
    }
    return st->stmt[which];
}

static void S_done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

static void S_bind_text(sqlite3_stmt *s, int i, const char *p, size_t n)
{
    sqlite3_bind_text64(s, i, p ? p : "", p ? n : 0, SQLITE_STATIC, SQLITE_UTF8);
}

static void S_bind_str(sqlite3_stmt *s, int i, const char *p)
{
    S_bind_text(s, i, p, p ? strlen(p) : 0);
}

static void S_bind_u64(sqlite3_stmt *s, int i, uint64_t v)
{
    int64_t x;
    memcpy(&x, &v, sizeof x); /* same bits, SQLite integers are signed */
    sqlite3_bind_int64(s, i, x);
}

static uint64_t S_col_u64(sqlite3_stmt *s, int i)
{
    int64_t x = sqlite3_column_int64(s, i);
    uint64_t v;
    memcpy(&v, &x, sizeof v);
    return v;
}

static char *S_col_str(sqlite3_stmt *s, int i, size_t *len)
{
    const unsigned char *p = sqlite3_column_text(s, i);
    size_t n = (size_t)sqlite3_column_bytes(s, i);
    if (len)
        *len = p ? n : 0;
    return p ? concord_xstrndup((const char *)p, n) : concord_xstrdup("");
}

/* Runs a statement that returns no rows (or whose rows are not wanted). */
/* Unpacks the packed cell in column i into a fresh string; -1 when damaged.
 * A dictionary the cell needs is read from the state table the first time. */
static int S_col_unpack(concord_store *st, sqlite3_stmt *s, int i, char **out, size_t *len)
{
    const void *b = sqlite3_column_blob(s, i);
    int n = sqlite3_column_bytes(s, i);
    size_t bn = n > 0 ? (size_t)n : 0;
    int rc = concord_textpack_unpack(st->pack, b, bn, out, len);
    if (rc == CONCORD_TEXTPACK_NEED_DICT) {
        char key[40];
        snprintf(key, sizeof key, "pack-dict-%u", concord_textpack_needed_dict(b, bn));
        void *dict = NULL;
        size_t dl = 0;
        if (concord_store_get_state(st, key, &dict, &dl) == 0 &&
            concord_textpack_add_dict(st->pack, dict, dl, 0) == 0)
            rc = concord_textpack_unpack(st->pack, b, bn, out, len);
        free(dict);
    }
    return rc ? -1 : 0;
}

/* The packing dictionary: the store's when it has one; else the first
 * S_DICT_SAMPLES raw texts are kept and a dictionary trained on them is stored
 * (state "pack-dict-ID", and "pack-dict" for the writer of the next run) in
 * the current transaction, so no committed row ever names a dictionary that
 * is not there. */
#define S_DICT_SAMPLES 2000
#define S_DICT_SAMPLE_MAX 8192
#define S_DICT_BYTES (64u << 10)

/* Makes dict the packing dictionary that packers take (concord__store_prepare). */
static void S_dict_publish(concord_store *st, const void *dict, size_t n)
{
    pthread_mutex_lock(&st->dict_mu);
    concord_buf_clear(&st->dict_bytes);
    concord_buf_add(&st->dict_bytes, dict, n);
    st->dict_id = concord_textpack_packing_dict(st->pack);
    pthread_mutex_unlock(&st->dict_mu);
}

static void S_dict_step(concord_store *st, const char *text, size_t n)
{
    if (st->dict_state >= 2)
        return;
    if (st->dict_state == 0) {
        st->dict_state = 1;
        void *p = NULL;
        size_t len = 0;
        if (concord_store_get_state(st, "pack-dict", &p, &len) == 0 &&
            concord_textpack_add_dict(st->pack, p, len, 1) == 0) {
            st->dict_state = 2;
            S_dict_publish(st, p, len);
        }
        free(p);
        if (st->dict_state == 2)
            return;
    }
    if (!text || n < 64)
        return;
    size_t take = n < S_DICT_SAMPLE_MAX ? n : S_DICT_SAMPLE_MAX;
    concord_buf_add(&st->samples, text, take);
    CONCORD_GROW(st->sample_sizes, st->cap_samples, st->n_samples + 1);
    st->sample_sizes[st->n_samples++] = take;
    if (st->n_samples < S_DICT_SAMPLES)
        return;
    concord_buf dict;
    concord_buf_init(&dict);
    st->dict_state = 3; /* unless all goes well: no dictionary in this session */
    if (concord_textpack_train(st->samples.data, st->sample_sizes, st->n_samples, S_DICT_BYTES,
                               &dict) == 0) {
        char key[40];
        snprintf(key, sizeof key, "pack-dict-%u", concord_textpack_dict_id(dict.data, dict.len));
        if (concord_store_put_state(st, key, dict.data, dict.len) == 0 &&
            concord_store_put_state(st, "pack-dict", dict.data, dict.len) == 0 &&
            concord_textpack_add_dict(st->pack, dict.data, dict.len, 1) == 0) {
            st->dict_state = 2;
            S_dict_publish(st, dict.data, dict.len);
        }
    }
    concord_buf_free(&dict);
    concord_buf_free(&st->samples);
    free(st->sample_sizes);
    st->sample_sizes = NULL;
    st->n_samples = st->cap_samples = 0;
}

static int S_run(concord_store *st, int which, const char *what)
{
    sqlite3_stmt *s = S_stmt(st, which);
    if (!s)
        return st->code;
    int rc = sqlite3_step(s);
    S_done(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return S_fail_sqlite(st, rc, what);
    return 0;
}

/* Steps a bound statement expected to return no rows; resets it. */
static int S_exec_bound(concord_store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    S_done(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return S_fail_sqlite(st, rc, what);
    return 0;
}

static int S_check(concord_store *st)
{
    if (!st)
        return CONCORD_STORE_ERR_MISUSE;
    st->code = 0;
    concord_buf_clear(&st->msg);
    return 0;
}

/* ---- opening ------------------------------------------------------------ */

static int S_pragma_int(concord_store *st, const char *sql, int64_t *out, const char *what)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(s, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            *out = 0;
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        int code = S_map_sqlite(rc);
        if (code == CONCORD_STORE_ERR_NOTDB)
            S_fail(st, code, "not an SQLite database, so not a concord store (%s)",
                   sqlite3_errmsg(st->db));
        else
            S_fail_sqlite(st, rc, what);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_OK ? 0 : st->code;
}

static int S_exec_sql(concord_store *st, const char *sql, const char *what)
{
    char *err = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        S_fail(st, S_map_sqlite(rc), "%s: %s", what, err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return st->code;
    }
    return 0;
}

/* Checks what the file holds before anything is written to it. */
static int S_identify(concord_store *st, int create, int64_t *version)
{
    int64_t n_objects = 0, app_id = 0;
    int rc =
        S_pragma_int(st, "SELECT count(*) FROM sqlite_schema", &n_objects, "reading the database");
    if (rc)
        return rc;
    if ((rc = S_pragma_int(st, "PRAGMA application_id", &app_id, "reading application_id")) ||
        (rc = S_pragma_int(st, "PRAGMA user_version", version, "reading user_version")))
        return rc;
    if (app_id == S_APP_ID) {
        if (*version > 0 && *version < CONCORD_STORE_SCHEMA_OLDEST)
            return S_fail(st, CONCORD_STORE_ERR_SCHEMA,
                          "store schema version %lld was written by an older concord; this"
                          " one reads version %d or later (compressed texts): run `concord analyze`"
                          " again on the inputs to rebuild the store",
                          (long long)*version, CONCORD_STORE_SCHEMA_OLDEST);
        if (*version > CONCORD_STORE_SCHEMA)
            return S_fail(st, CONCORD_STORE_ERR_SCHEMA,
                          "store schema version %lld is newer than this concord supports"
                          " (%d); use a newer concord",
                          (long long)*version, CONCORD_STORE_SCHEMA);
        return 0;
    }
    if (app_id != 0 || *version != 0 || n_objects > 0)
        return S_fail(st, CONCORD_STORE_ERR_NOTDB,
                      "an SQLite database of another program, not a concord store"
                      " (application_id %lld, user_version %lld, %lld schema objects);"
                      " left untouched",
                      (long long)app_id, (long long)*version, (long long)n_objects);
    if (!create)
        return S_fail(st, CONCORD_STORE_ERR_NOTDB,
                      "empty database, not a concord store (open it with create to"
                      " make one)");
    return 0;
}

/* Creates the schema of a new store.  A later schema version adds its
 * migration here (user_version n -> n+1, in the same transaction). */
static int S_create_schema(concord_store *st)
{
    int rc = S_exec_sql(st, "BEGIN IMMEDIATE", "starting schema creation");
    if (rc)
        return rc;
    int64_t version = 0;
    /* Another process may have created it while we waited for the lock. */
    rc = S_pragma_int(st, "PRAGMA user_version", &version, "reading user_version");
    if (!rc && version == 0) {
        char sql[160];
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d;", S_APP_ID,
                 CONCORD_STORE_SCHEMA);
        rc = S_exec_sql(st, S_SCHEMA_SQL, "creating the schema");
        if (!rc)
            rc = S_exec_sql(st, sql, "setting the schema version");
    } else if (!rc && version >= CONCORD_STORE_SCHEMA_OLDEST && version < CONCORD_STORE_SCHEMA) {
        /* 2 -> 3: same tables; the outlet network, the quote index and the
         * packed grouper state are made by the run that writes next.
         * 3 -> 4: same tables; rows written from now on pack their removed
         * ranges, the JSON ones of older rows are still read (rewriting
         * them would cost a pass over every article). */
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d;", CONCORD_STORE_SCHEMA);
        rc = S_exec_sql(st, sql, "upgrading the schema version");
    } else if (!rc && version > CONCORD_STORE_SCHEMA) {
        rc = S_fail(st, CONCORD_STORE_ERR_SCHEMA,
                    "store schema version %lld is newer than this concord supports (%d)",
                    (long long)version, CONCORD_STORE_SCHEMA);
    }
    if (rc) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return S_exec_sql(st, "COMMIT", "committing the schema");
}

static void S_free_store(concord_store *st)
{
    for (int i = 0; i < S_N_STMT; i++)
        sqlite3_finalize(st->stmt[i]);
    if (st->db)
        sqlite3_close_v2(st->db);
    free(st->path);
    concord_buf_free(&st->msg);
    concord_textpack_free(st->pack);
    concord_buf_free(&st->samples);
    free(st->sample_sizes);
    concord_buf_free(&st->cell);
    pthread_mutex_destroy(&st->dict_mu);
    concord_buf_free(&st->dict_bytes);
    free(st);
}

/* A WAL store in a folder the user cannot write cannot be opened read-only
 * the usual way (SQLite must create the -shm file).  Nobody can write there
 * either, so the file is opened as immutable: no locks, no shared memory.
 * (A -wal file left there by a crash would then be ignored.) */
static int S_reopen_immutable(concord_store *st)
{
    concord_buf uri;
    concord_buf_init(&uri);
    concord_buf_adds(&uri, "file:");
    for (const unsigned char *p = (const unsigned char *)st->path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-_.~", *p))
            concord_buf_addc(&uri, (char)*p);
        else
            concord_buf_printf(&uri, "%%%02X", *p);
    }
    concord_buf_adds(&uri, "?immutable=1");
    sqlite3_close_v2(st->db);
    st->db = NULL;
    int orc = sqlite3_open_v2(uri.data, &st->db,
                              SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
    concord_buf_free(&uri);
    if (orc != SQLITE_OK)
        return S_fail_sqlite(st, orc, "cannot open");
    sqlite3_extended_result_codes(st->db, 1);
    S_check(st);
    return 0;
}

/* mode: 0 an existing store read-write, 1 created when missing, 2 read-only,
 * 3 read-only as an immutable file (concord_store_open_snapshot). */
static concord_store *S_open(const char *path, int mode)
{
    S_open_code = 0;
    S_open_msg[0] = '\0';
    if (!path) {
        S_open_code = CONCORD_STORE_ERR_MISUSE;
        snprintf(S_open_msg, sizeof S_open_msg, "concord_store_open: no path");
        return NULL;
    }
    int create = mode == 1, readonly = mode >= 2;
    concord_store *st = concord_xcalloc(1, sizeof *st);
    int memory = !*path || !strcmp(path, ":memory:");
    st->path = concord_xstrdup(memory ? ":memory:" : path);
    st->readonly = readonly && !memory;
    concord_buf_init(&st->msg);
    st->pack = concord_textpack_new(S_PACK_LEVEL);
    pthread_mutex_init(&st->dict_mu, NULL);

    int rc = 0;
    struct stat sb;
    if (!memory && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        rc = S_fail(st, CONCORD_STORE_ERR_IO, "is a directory, not a store file");
    } else if (!memory && !create && stat(path, &sb) != 0) {
        rc = S_fail(st, CONCORD_STORE_ERR_IO, "no such store (not created: open it with create)");
    } else if (mode == 3 && !memory) {
        rc = S_reopen_immutable(st);
    } else {
        int flags = (st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                    SQLITE_OPEN_NOMUTEX | (create || memory ? SQLITE_OPEN_CREATE : 0);
        int orc = sqlite3_open_v2(st->path, &st->db, flags, NULL);
        if (orc != SQLITE_OK)
            rc = S_fail_sqlite(st, orc, "cannot open");
    }
    int64_t version = 0;
    if (!rc) {
        sqlite3_extended_result_codes(st->db, 1);
        sqlite3_busy_timeout(st->db, S_BUSY_MS);
        rc = S_identify(st, create || memory, &version);
    }
    if (rc == CONCORD_STORE_ERR_IO && st->readonly && S_reopen_immutable(st) == 0)
        rc = S_identify(st, 0, &version);
    if (!rc && st->readonly) {
        if (version < CONCORD_STORE_SCHEMA_OLDEST)
            rc = S_fail(st, CONCORD_STORE_ERR_NOTDB, "empty database, not a concord store");
        else
            rc = S_exec_sql(st, "PRAGMA query_only=1;", "setting read-only mode");
    } else if (!rc) {
        /* WAL: commits survive a killed process and readers do not block the
         * writer.  ":memory:" stays in memory mode; a file system that cannot
         * do WAL keeps the rollback journal, which is crash-safe too. */
        /* A new file takes S_PAGE_SIZE and incremental auto-vacuum (set
         * before WAL mode writes its header); an existing one keeps its
         * own (both need a VACUUM to change). */
        if (version == 0) /* (auto_vacuum would wait for the lock of a busy store) */
            rc = S_exec_sql(st, "PRAGMA page_size=" S_PAGE_SIZE "; PRAGMA auto_vacuum=INCREMENTAL;",
                            "setting the page size");
        if (!rc)
            rc = S_exec_sql(st,
                            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                            " PRAGMA foreign_keys=ON;",
                            "setting journal mode");
        if (!rc && version < CONCORD_STORE_SCHEMA)
            rc = S_create_schema(st);
        if (!rc)
            rc = S_exec_sql(st, S_UNGROUPED_SQL, "creating the ungrouped table");
    }
    if (rc) {
        S_open_code = st->code;
        snprintf(S_open_msg, sizeof S_open_msg, "%s", st->msg.data ? st->msg.data : "");
        S_free_store(st);
        return NULL;
    }
    return st;
}

concord_store *concord_store_open(const char *path, int create)
{
    return S_open(path, create ? 1 : 0);
}

concord_store *concord_store_open_readonly(const char *path)
{
    return S_open(path, 2);
}

concord_store *concord_store_open_snapshot(const char *path)
{
    return S_open(path, 3);
}

void concord_store_close(concord_store *st)
{
    if (!st)
        return;
    for (concord_store_iter *it = st->iters; it; it = it->next) {
        sqlite3_finalize(it->stmt);
        it->stmt = NULL;
        it->st = NULL;
        it->done = 1;
    }
    if (st->in_batch && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    /* Gives the file's free pages back (stores with incremental
     * auto-vacuum, schema 4: an add rewrites the packed grouper state and
     * left its old pages free, 26 MB at 100k articles; a no-op on older
     * stores), then keeps the planner's statistics fresh (analysis_limit
     * bounds the time). */
    if (!st->readonly)
        sqlite3_exec(st->db,
                     "PRAGMA incremental_vacuum; PRAGMA analysis_limit=400;"
                     " PRAGMA optimize",
                     NULL, NULL, NULL);
    S_free_store(st);
}

const char *concord_store_errmsg(const concord_store *st)
{
    if (!st)
        return S_open_msg;
    return st->msg.data ? st->msg.data : "";
}

int concord_store_errcode(const concord_store *st)
{
    return st ? st->code : S_open_code;
}

const char *concord_store_status_name(int status)
{
    switch (status) {
        case CONCORD_STORE_NEW: return "new";
        case CONCORD_STORE_SAME: return "same";
        case CONCORD_STORE_CHANGED: return "changed";
        case CONCORD_STORE_RECLEANED: return "recleaned";
        default: return "?";
    }
}

const char *concord_store_path(const concord_store *st)
{
    return st ? st->path : "";
}

struct sqlite3 *concord_store_sqlite(concord_store *st)
{
    return st ? st->db : NULL;
}

/* ---- transactions ------------------------------------------------------- */

int concord_store_begin(concord_store *st)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (st->in_batch)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "begin: a batch is already open");
    int rc = S_run(st, S_BEGIN, "begin batch");
    if (!rc)
        st->in_batch = 1;
    return rc;
}

int concord_store_commit(concord_store *st)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!st->in_batch)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "commit: no batch is open");
    if (sqlite3_get_autocommit(st->db)) {
        st->in_batch = 0;
        return S_fail(st, CONCORD_STORE_ERR_IO,
                      "commit: the batch was rolled back by SQLite after an earlier error;"
                      " nothing of it was stored");
    }
    int rc = S_run(st, S_COMMIT, "commit batch");
    /* A busy commit leaves the transaction open (retry or roll back); other
     * failures end it. */
    if (!rc || sqlite3_get_autocommit(st->db))
        st->in_batch = 0;
    return rc;
}

int concord_store_rollback(concord_store *st)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!st->in_batch)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "rollback: no batch is open");
    st->in_batch = 0;
    if (sqlite3_get_autocommit(st->db))
        return 0;
    return S_run(st, S_ROLLBACK, "rollback batch");
}

int concord_store_in_batch(const concord_store *st)
{
    return st ? st->in_batch : 0;
}

/* One write operation: a savepoint inside a batch, else its own transaction. */
static int S_op_begin(concord_store *st, int *savepoint)
{
    if (st->in_batch) {
        if (sqlite3_get_autocommit(st->db))
            return S_fail(st, CONCORD_STORE_ERR_MISUSE,
                          "the open batch was rolled back by SQLite after an earlier error;"
                          " roll back and begin again");
        *savepoint = 1;
        return S_run(st, S_SAVEPOINT, "savepoint");
    }
    *savepoint = 0;
    return S_run(st, S_BEGIN, "begin");
}

/* Ends the operation: keeps its writes when rc >= 0, else undoes them while
 * keeping the first error's message. */
static int S_op_end(concord_store *st, int savepoint, int rc)
{
    if (rc >= 0) {
        int rc2 = S_run(st, savepoint ? S_RELEASE : S_COMMIT, savepoint ? "release" : "commit");
        if (!rc2)
            return rc;
        rc = rc2;
    }
    int code = st->code;
    concord_buf saved = st->msg;
    concord_buf_init(&st->msg);
    if (!sqlite3_get_autocommit(st->db)) {
        if (savepoint) {
            S_run(st, S_ROLLBACK_TO, "rollback to savepoint");
            S_run(st, S_RELEASE, "release");
        } else {
            S_run(st, S_ROLLBACK, "rollback");
        }
    }
    concord_buf_free(&st->msg);
    st->msg = saved;
    st->code = code;
    return rc;
}

/* ---- articles ----------------------------------------------------------- */

static void S_removed_json(concord_buf *b, const concord_clean *c)
{
    concord_buf_addc(b, '[');
    for (size_t i = 0; i < c->n_removed; i++) {
        const concord_removal *r = &c->removed[i];
        concord_buf_printf(b, "%s{\"start\":%zu,\"end\":%zu,\"why\":", i ? "," : "", r->start,
                           r->end);
        concord_json_str(b, r->why ? r->why : "");
        concord_buf_addc(b, '}');
    }
    concord_buf_addc(b, ']');
}

static const char *S_nz(const char *s)
{
    return s ? s : "";
}

/* ---- packed removed ranges (schema 4) ------------------------------------
 * The removed column of a row written by schema 4 holds the ranges in a
 * binary form, about a quarter of their JSON (17.1 -> 4.6 MB at 100k
 * generated articles, doc/store-size.md):
 *   'R' count, then per range: start - previous end (zigzag), end - start
 *   (zigzag), and the why: 0 followed by its length and bytes, or k > 0 for
 *   the k-th distinct why already spelled out in this list.
 * Numbers are LEB128 varints.  JSON lists (rows of schema 2 and 3, which
 * start with '[') are still read. */
#define S_RM_TAG 'R'
#define S_RM_MAX_WHYS 64 /* back-references per list; later whys are spelled out */

static uint64_t S_zigzag(size_t a, size_t b) /* a - b, signed, as an unsigned */
{
    return a >= b ? (uint64_t)(a - b) << 1 : (((uint64_t)(b - a) - 1) << 1) | 1;
}

static int S_unzigzag(size_t base, uint64_t z, size_t *out)
{
    uint64_t d = z >> 1;
    if (z & 1) {
        if (d + 1 > base)
            return 0;
        *out = base - (size_t)(d + 1);
    } else {
        if (d > (uint64_t)SIZE_MAX - base)
            return 0;
        *out = base + (size_t)d;
    }
    return 1;
}

static void S_removed_pack(concord_buf *b, const concord_clean *c)
{
    const char *whys[S_RM_MAX_WHYS];
    size_t n_whys = 0, prev_end = 0;
    concord_buf_addc(b, S_RM_TAG);
    concord__buf_add_varint(b, c->n_removed);
    for (size_t i = 0; i < c->n_removed; i++) {
        const concord_removal *r = &c->removed[i];
        const char *why = r->why ? r->why : "";
        concord__buf_add_varint(b, S_zigzag(r->start, prev_end));
        concord__buf_add_varint(b, S_zigzag(r->end, r->start));
        prev_end = r->end;
        size_t k = 0;
        while (k < n_whys && strcmp(whys[k], why))
            k++;
        if (k < n_whys) {
            concord__buf_add_varint(b, k + 1);
            continue;
        }
        size_t wl = strlen(why);
        concord__buf_add_varint(b, 0);
        concord__buf_add_varint(b, wl);
        concord_buf_add(b, why, wl);
        if (n_whys < S_RM_MAX_WHYS)
            whys[n_whys++] = why;
    }
}

/* Decodes a packed list into one allocation (the removal array, then the why
 * strings it points to); 0 when the bytes are not a well-formed list. */
static int S_removed_unpack(const unsigned char *p, size_t len, concord_removal **out,
                            size_t *n_out)
{
    const unsigned char *end = p + len;
    uint64_t n;
    *out = NULL;
    *n_out = 0;
    if (len < 2 || *p++ != S_RM_TAG || !concord__varint_get(&p, end, &n) || n > len)
        return 0; /* each range takes at least 3 bytes: n <= len bounds the array */
    if (!n)
        return p == end;
    /* the whys take at most len bytes, plus a NUL each */
    size_t head = (size_t)n * sizeof(concord_removal);
    concord_removal *r = concord_xmalloc(head + len + (size_t)n);
    char *tail = (char *)r + head;
    const char *whys[S_RM_MAX_WHYS];
    size_t n_whys = 0, prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t zs, zl, k;
        if (!concord__varint_get(&p, end, &zs) || !S_unzigzag(prev_end, zs, &r[i].start) ||
            !concord__varint_get(&p, end, &zl) || !S_unzigzag(r[i].start, zl, &r[i].end) ||
            !concord__varint_get(&p, end, &k))
            goto bad;
        prev_end = r[i].end;
        if (k) {
            if (k > n_whys)
                goto bad;
            r[i].why = whys[k - 1];
            continue;
        }
        uint64_t wl;
        if (!concord__varint_get(&p, end, &wl) || wl > (uint64_t)(end - p) ||
            memchr(p, 0, (size_t)wl))
            goto bad;
        memcpy(tail, p, (size_t)wl);
        tail[wl] = '\0';
        r[i].why = tail;
        tail += wl + 1;
        p += wl;
        if (n_whys < S_RM_MAX_WHYS)
            whys[n_whys++] = r[i].why;
    }
    if (p != end)
        goto bad;
    *out = r;
    *n_out = (size_t)n;
    return 1;
bad:
    free(r);
    return 0;
}

static uint64_t S_clean_hash(const concord_clean *c, const concord_buf *removed)
{
    uint64_t h = concord_hash(c->text ? c->text : "", c->text ? c->len : 0, 0x636c65616eULL);
    const char *f[4] = {S_nz(c->byline), S_nz(c->dateline), S_nz(c->date), S_nz(c->outlet)};
    for (int i = 0; i < 4; i++)
        h = concord_hash(f[i], strlen(f[i]) + 1, h); /* the NUL separates fields */
    h = concord_hash(removed->data, removed->len, h);
    return h ? h : 1; /* 0 means "no cleaning result" */
}

/* 1 when text[0..len) is raw[0..raw_len) with the removed ranges cut out. */
static int S_is_raw_minus_removed(const char *raw, size_t raw_len, const concord_clean *c)
{
    const char *text = c->text ? c->text : "";
    size_t at = 0, t = 0;
    for (size_t i = 0; i <= c->n_removed; i++) {
        size_t end = i < c->n_removed ? c->removed[i].start : raw_len;
        if (end < at || end > raw_len)
            return 0;
        size_t n = end - at;
        if (t + n > c->len || (n && memcmp(text + t, raw + at, n)))
            return 0;
        t += n;
        if (i < c->n_removed)
            at = c->removed[i].end;
    }
    return t == c->len;
}

/* ---- prepared cells (store_internal.h) */

struct concord__store_packer {
    concord_store *st;
    concord_textpack *pack;
    unsigned dict; /* the store's dictionary the pack holds, 0: none */
};

concord__store_packer *concord__store_packer_new(concord_store *st)
{
    concord__store_packer *pk = concord_xcalloc(1, sizeof *pk);
    pk->st = st;
    pk->pack = concord_textpack_new(S_PACK_LEVEL);
    if (st && !st->readonly)
        S_dict_step(st, NULL, 0); /* looks the store's dictionary up */
    return pk;
}

void concord__store_packer_free(concord__store_packer *pk)
{
    if (!pk)
        return;
    concord_textpack_free(pk->pack);
    free(pk);
}

/* The hashes, removed JSON and text-is-raw flag of a record (no cells). */
static void S_prep_fill(concord__store_prepared *p, const concord_article *a,
                        const concord_clean *c)
{
    memset(p, 0, sizeof *p);
    p->article = a;
    p->clean = c;
    concord_buf_init(&p->removed);
    concord_buf_init(&p->raw);
    concord_buf_init(&p->text);
    p->content = concord__store_content_hash(a);
    if (c) {
        /* the hash is of the JSON form, as stores of schema 2 and 3 keep it */
        S_removed_json(&p->removed, c);
        p->clean_hash = S_clean_hash(c, &p->removed);
        concord_buf_clear(&p->removed);
        S_removed_pack(&p->removed, c);
        p->text_is_raw =
            S_is_raw_minus_removed(a->text ? a->text : "", a->text ? a->text_len : 0, c);
    }
}

static void S_pack_cell(concord_textpack *tp, concord_buf *cell, const char *p, size_t n)
{
    concord_buf_clear(cell);
    concord_textpack_pack(tp, cell, p ? p : "", p ? n : 0);
}

concord__store_prepared *concord__store_prepare(concord__store_packer *pk, const concord_article *a,
                                                const concord_clean *c, int pack)
{
    concord__store_prepared *p = concord_xmalloc(sizeof *p);
    S_prep_fill(p, a, c);
    if (!pack || !pk || !pk->st)
        return p;
    concord_store *st = pk->st;
    pthread_mutex_lock(&st->dict_mu);
    if (st->dict_id != pk->dict &&
        concord_textpack_add_dict(pk->pack, st->dict_bytes.data, st->dict_bytes.len, 1) == 0)
        pk->dict = st->dict_id;
    pthread_mutex_unlock(&st->dict_mu);
    p->dict = concord_textpack_packing_dict(pk->pack);
    S_pack_cell(pk->pack, &p->raw, a->text, a->text ? a->text_len : 0);
    p->have_raw = 1;
    if (c && !p->text_is_raw) {
        S_pack_cell(pk->pack, &p->text, c->text, c->len);
        p->have_text = 1;
    }
    return p;
}

void concord__store_prepared_free(concord__store_prepared *p)
{
    if (!p)
        return;
    concord_buf_free(&p->removed);
    concord_buf_free(&p->raw);
    concord_buf_free(&p->text);
    free(p);
}

/* Binds a packed cell (a blob, never NULL). */
static void S_bind_packed(concord_store *st, concord_buf *cell, sqlite3_stmt *s, int i,
                          const char *p, size_t n)
{
    S_pack_cell(st->pack, cell, p, n);
    sqlite3_bind_blob(s, i, cell->data, (int)cell->len, SQLITE_STATIC);
}

/* Binds the packed raw text of p (a blob, never NULL), packing it here when
 * it is not packed with the store's dictionary. */
static void S_bind_raw(concord_store *st, concord__store_prepared *p, sqlite3_stmt *s, int i)
{
    const concord_article *a = p->article;
    if (!p->have_raw) {
        S_pack_cell(st->pack, &p->raw, a->text, a->text ? a->text_len : 0);
        p->have_raw = 1;
    }
    sqlite3_bind_blob(s, i, p->raw.data, (int)p->raw.len, SQLITE_STATIC);
}

/* Binds the cleaned fields at parameters first..first+5 (text, byline,
 * dateline, clean_date, outlet, removed); NULLs when c is NULL.  The text is
 * an empty blob when it is raw minus removed. */
static void S_bind_clean(concord_store *st, sqlite3_stmt *s, int first, const concord_clean *c,
                         concord__store_prepared *p)
{
    if (!c) {
        for (int i = 0; i < 6; i++)
            sqlite3_bind_null(s, first + i);
        return;
    }
    if (p->text_is_raw) {
        sqlite3_bind_zeroblob(s, first, 0);
    } else {
        if (!p->have_text) {
            S_pack_cell(st->pack, &p->text, c->text, c->len);
            p->have_text = 1;
        }
        sqlite3_bind_blob(s, first, p->text.data, (int)p->text.len, SQLITE_STATIC);
    }
    S_bind_str(s, first + 1, c->byline);
    S_bind_str(s, first + 2, c->dateline);
    S_bind_str(s, first + 3, c->date);
    S_bind_str(s, first + 4, c->outlet);
    sqlite3_bind_blob(s, first + 5, p->removed.data, (int)p->removed.len, SQLITE_STATIC);
}

uint64_t concord__store_content_hash(const concord_article *a)
{
    const char *title = a->title ? a->title : "";
    uint64_t content = concord_hash(title, strlen(title) + 1, 0);
    return concord_hash(a->text ? a->text : "", a->text ? a->text_len : 0, content);
}

int concord__store_has_content(concord_store *st, const char *id, uint64_t content)
{
    if (S_check(st) || !id || !*id)
        return 0;
    sqlite3_stmt *s = S_stmt(st, S_ART_CUR);
    if (!s)
        return 0;
    S_bind_str(s, 1, id);
    int found = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0 &&
                S_col_u64(s, 1) == content;
    S_done(s);
    return found;
}

int concord_store_put_article(concord_store *st, const concord_article *a, const concord_clean *c,
                              int *status)
{
    return concord__store_put_prepared(st, a, c, NULL, status);
}

/* Over 100 lines, not split yet: preparing (or repacking) the cells, the look-up
 * of the current version, recleaning, retiring, inserting and marking it ungrouped
 * share the prepared record and its clean-up; each statement is a seam. */
int concord__store_put_prepared(concord_store *st, const concord_article *a, const concord_clean *c,
                                concord__store_prepared *given, int *status)
{
    if (status)
        *status = 0;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!a || !a->id || !*a->id)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "put_article: article without id");

    const char *title = S_nz(a->title);
    size_t text_len = a->text ? a->text_len : 0;
    concord__store_prepared local, *p = given;
    if (!p || p->article != a || p->clean != c) {
        S_prep_fill(&local, a, c);
        p = &local;
    }
    uint64_t content = p->content, clean_h = p->clean_hash;
    const char *day = a->date && *a->date ? a->date : (c && c->date ? c->date : "");
    S_dict_step(st, a->text, text_len);
    if (p->dict != concord_textpack_packing_dict(st->pack)) /* packed before it changed */
        p->have_raw = p->have_text = 0;
    p->dict = concord_textpack_packing_dict(st->pack);

    int savepoint = 0, rc = S_op_begin(st, &savepoint);
    if (rc) {
        if (p == &local) {
            concord_buf_free(&local.removed);
            concord_buf_free(&local.raw);
            concord_buf_free(&local.text);
        }
        return rc;
    }
    int result = 0;
    sqlite3_stmt *s = S_stmt(st, S_ART_CUR);
    if (!s) {
        rc = st->code;
        goto out;
    }
    S_bind_str(s, 1, a->id);
    int src = sqlite3_step(s);
    int64_t version = 0;
    uint64_t old_content = 0, old_clean = 0;
    int has_clean = 0;
    if (src == SQLITE_ROW) {
        version = sqlite3_column_int64(s, 0);
        old_content = S_col_u64(s, 1);
        old_clean = S_col_u64(s, 2);
        has_clean = sqlite3_column_int(s, 3);
    }
    S_done(s);
    if (src != SQLITE_ROW && src != SQLITE_DONE) {
        rc = S_fail_sqlite(st, src, "looking up article");
        goto out;
    }

    if (version > 0 && old_content == content) {
        result = CONCORD_STORE_SAME;
        if (c && (!has_clean || old_clean != clean_h)) {
            if (!(s = S_stmt(st, S_ART_RECLEAN))) {
                rc = st->code;
                goto out;
            }
            S_bind_str(s, 1, a->id);
            sqlite3_bind_int64(s, 2, version);
            S_bind_clean(st, s, 3, c, p);
            S_bind_str(s, 9, day); /* may now come from the text's date */
            S_bind_u64(s, 10, clean_h);
            if ((rc = S_exec_bound(st, s, "updating cleaned article")))
                goto out;
            result = CONCORD_STORE_RECLEANED;
        }
        goto out;
    }
    if (version > 0) {
        if (!(s = S_stmt(st, S_ART_RETIRE))) {
            rc = st->code;
            goto out;
        }
        S_bind_str(s, 1, a->id);
        if ((rc = S_exec_bound(st, s, "retiring old article version")))
            goto out;
    }
    if (!(s = S_stmt(st, S_ART_INSERT))) {
        rc = st->code;
        goto out;
    }
    S_bind_str(s, 1, a->id);
    sqlite3_bind_int64(s, 2, version + 1);
    S_bind_str(s, 3, a->source);
    S_bind_str(s, 4, a->url);
    S_bind_str(s, 5, a->date);
    S_bind_str(s, 6, title);
    S_bind_raw(st, p, s, 7);
    S_bind_clean(st, s, 8, c, p);
    S_bind_str(s, 14, day);
    S_bind_u64(s, 15, content);
    S_bind_u64(s, 16, clean_h);
    if ((rc = S_exec_bound(st, s, "inserting article")))
        goto out;
    if (!(s = S_stmt(st, S_UNGROUPED_MARK))) {
        rc = st->code;
        goto out;
    }
    S_bind_str(s, 1, a->id);
    if ((rc = S_exec_bound(st, s, "marking article as not yet grouped")))
        goto out;
    result = version > 0 ? CONCORD_STORE_CHANGED : CONCORD_STORE_NEW;

out:
    if (p == &local) {
        concord_buf_free(&local.removed);
        concord_buf_free(&local.raw);
        concord_buf_free(&local.text);
    }
    rc = S_op_end(st, savepoint, rc);
    if (!rc && status)
        *status = result;
    return rc;
}

/* Reads the digits of a non-negative integer as S_removed_json writes it (no
 * sign, no leading zero, at most 18 digits so it fits an int64); 0 when the
 * text at *p is anything else. */
static int S_fast_uint(const char **p, const char *end, size_t *v)
{
    const char *q = *p;
    size_t x = 0, nd = 0;
    while (q < end && *q >= '0' && *q <= '9' && nd <= 18) {
        x = x * 10 + (size_t)(*q - '0');
        q++;
        nd++;
    }
    if (nd == 0 || nd > 18 || (nd > 1 && **p == '0'))
        return 0;
    *p = q;
    *v = x;
    return 1;
}

static int S_fast_lit(const char **p, const char *end, const char *lit, size_t n)
{
    if ((size_t)(end - *p) < n || memcmp(*p, lit, n))
        return 0;
    *p += n;
    return 1;
}

/* The direct parse of a removed list in exactly the form S_removed_json
 * writes: [{"start":N,"end":N,"why":"..."},...] with no white space and a why
 * without escapes or control bytes.  Fills the same single allocation as the
 * SQLite path; returns 0 without allocating for any other text, which then
 * goes through json_each (so that both paths agree on every input). */
static int S_decode_removed_fast(const char *json, size_t len, concord_removal **out, size_t *n_out)
{
    const char *p = json, *end = json + len;
    if (!S_fast_lit(&p, end, "[", 1))
        return 0;
    /* first pass: validate and count entries and why bytes */
    size_t n = 0, why_bytes = 0;
    if (p < end && *p == ']') {
        p++;
    } else {
        for (;;) {
            size_t a, b;
            if (!S_fast_lit(&p, end, "{\"start\":", 9) || !S_fast_uint(&p, end, &a) ||
                !S_fast_lit(&p, end, ",\"end\":", 7) || !S_fast_uint(&p, end, &b) ||
                !S_fast_lit(&p, end, ",\"why\":\"", 8))
                return 0;
            const char *w = p;
            while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20 && *p != 0x7f)
                p++;
            if (p >= end || *p != '"')
                return 0;
            why_bytes += (size_t)(p - w) + 1;
            p++;
            if (!S_fast_lit(&p, end, "}", 1))
                return 0;
            n++;
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            if (!S_fast_lit(&p, end, "]", 1))
                return 0;
            break;
        }
    }
    if (p != end)
        return 0;
    *out = NULL;
    *n_out = 0;
    if (!n)
        return 1;
    size_t head = n * sizeof(concord_removal);
    concord_removal *r = concord_xmalloc(head + why_bytes);
    char *tail = (char *)r + head;
    p = json + 1;
    for (size_t i = 0; i < n; i++) {
        p += 9; /* {"start": */
        S_fast_uint(&p, end, &r[i].start);
        p += 7; /* ,"end": */
        S_fast_uint(&p, end, &r[i].end);
        p += 8; /* ,"why":" */
        const char *w = p;
        while (*p != '"')
            p++;
        memcpy(tail, w, (size_t)(p - w));
        tail[p - w] = '\0';
        r[i].why = tail;
        tail += (p - w) + 1;
        p += 3; /* "}, or "}] */
    }
    *out = r;
    *n_out = n;
    return 1;
}

/* Parses the stored removed JSON into one allocation: the removal array
 * followed by the why strings it points to. */
static int S_decode_removed(concord_store *st, const char *json, size_t len, concord_removal **out,
                            size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (!json || !len)
        return 0;
    if ((unsigned char)json[0] == S_RM_TAG) {
        if (S_removed_unpack((const unsigned char *)json, len, out, n_out))
            return 0;
        return S_fail(st, CONCORD_STORE_ERR_CORRUPT, "malformed packed removed list in the store");
    }
    if (S_decode_removed_fast(json, len, out, n_out))
        return 0;
    sqlite3_stmt *s = S_stmt(st, S_REMOVED);
    if (!s)
        return st->code;
    S_bind_text(s, 1, json, len);
    size_t n = 0, cap = 0;
    size_t *starts = NULL, *ends = NULL, *offs = NULL;
    size_t cap_e = 0, cap_o = 0;
    concord_buf whys;
    concord_buf_init(&whys);
    int rc = 0, src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const unsigned char *type = sqlite3_column_text(s, 0);
        if (!type || strcmp((const char *)type, "object") ||
            sqlite3_column_type(s, 1) != SQLITE_INTEGER ||
            sqlite3_column_type(s, 2) != SQLITE_INTEGER || sqlite3_column_int64(s, 1) < 0 ||
            sqlite3_column_int64(s, 2) < 0) {
            rc = S_fail(st, CONCORD_STORE_ERR_CORRUPT,
                        "malformed removed list in the store (entry %zu)", n);
            break;
        }
        CONCORD_GROW(starts, cap, n + 1);
        CONCORD_GROW(ends, cap_e, n + 1);
        CONCORD_GROW(offs, cap_o, n + 1);
        starts[n] = (size_t)sqlite3_column_int64(s, 1);
        ends[n] = (size_t)sqlite3_column_int64(s, 2);
        offs[n] = whys.len;
        const unsigned char *why = sqlite3_column_text(s, 3);
        concord_buf_add(&whys, why ? (const char *)why : "",
                        why ? (size_t)sqlite3_column_bytes(s, 3) : 0);
        concord_buf_addc(&whys, '\0');
        n++;
    }
    if (!rc && src != SQLITE_DONE)
        rc = S_fail(st, CONCORD_STORE_ERR_CORRUPT, "malformed removed list in the store: %s",
                    sqlite3_errmsg(st->db));
    S_done(s);
    if (!rc && n) {
        size_t head = n * sizeof(concord_removal);
        concord_removal *r = concord_xmalloc(head + whys.len);
        char *tail = (char *)r + head;
        memcpy(tail, whys.data, whys.len);
        for (size_t i = 0; i < n; i++) {
            r[i].start = starts[i];
            r[i].end = ends[i];
            r[i].why = tail + offs[i];
        }
        *out = r;
        *n_out = n;
    }
    free(starts);
    free(ends);
    free(offs);
    concord_buf_free(&whys);
    return rc;
}

/* Builds the article and clean of the current row of s (columns S_ROW_COLS).
 * Nothing is allocated when it fails. */
static int S_decode_row(concord_store *st, sqlite3_stmt *s, concord_article **a, concord_clean **c)
{
    concord_removal *removed = NULL;
    size_t n_removed = 0;
    int cleaned = sqlite3_column_type(s, 7) != SQLITE_NULL;
    if (c && cleaned) {
        int rc = S_decode_removed(st, (const char *)sqlite3_column_blob(s, 12),
                                  (size_t)sqlite3_column_bytes(s, 12), &removed, &n_removed);
        if (rc)
            return rc;
    }
    char *raw = NULL, *text = NULL;
    size_t raw_len = 0, text_len = 0;
    if (S_col_unpack(st, s, 6, &raw, &raw_len) || (c && cleaned && sqlite3_column_bytes(s, 7) > 0 &&
                                                   S_col_unpack(st, s, 7, &text, &text_len))) {
        free(raw);
        free(removed);
        return S_fail(st, CONCORD_STORE_ERR_CORRUPT,
                      "damaged compressed text of article %s in the store",
                      (const char *)sqlite3_column_text(s, 0));
    }
    if (c && cleaned && !text) { /* raw minus removed */
        concord_buf t;
        concord_buf_init(&t);
        size_t at = 0;
        for (size_t i = 0; i <= n_removed; i++) {
            size_t end = i < n_removed ? removed[i].start : raw_len;
            if (end > raw_len)
                end = raw_len;
            if (end > at)
                concord_buf_add(&t, raw + at, end - at);
            if (i < n_removed && removed[i].end > at)
                at = removed[i].end;
        }
        if (!t.data)
            concord_buf_add(&t, "", 0);
        text_len = t.len;
        text = concord_buf_detach(&t, NULL);
    }
    if (a) {
        concord_article *x = concord_xcalloc(1, sizeof *x);
        x->id = S_col_str(s, 0, NULL);
        x->source = S_col_str(s, 2, NULL);
        x->url = S_col_str(s, 3, NULL);
        x->date = S_col_str(s, 4, NULL);
        x->title = S_col_str(s, 5, NULL);
        x->text = raw;
        x->text_len = raw_len;
        raw = NULL;
        x->origin = concord_xstrdup(st->path);
        x->lang = concord_xstrdup("");
        x->canonical = concord_xstrdup("");
        x->byline = concord_xstrdup("");
        *a = x;
    }
    free(raw);
    if (c) {
        *c = NULL;
        if (cleaned) {
            concord_clean *y = concord_xcalloc(1, sizeof *y);
            y->text = text;
            y->len = text_len;
            y->byline = S_col_str(s, 8, NULL);
            y->dateline = S_col_str(s, 9, NULL);
            y->date = S_col_str(s, 10, NULL);
            y->outlet = S_col_str(s, 11, NULL);
            y->removed = removed;
            y->n_removed = n_removed;
            *c = y;
        }
    }
    return 0;
}

int concord_store_get_article_version(concord_store *st, const char *id, int version,
                                      concord_article **a, concord_clean **c)
{
    if (a)
        *a = NULL;
    if (c)
        *c = NULL;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!id || version < 0)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "get_article: no id or bad version");
    sqlite3_stmt *s = S_stmt(st, version ? S_ART_GET_VER : S_ART_GET_CUR);
    if (!s)
        return st->code;
    S_bind_str(s, 1, id);
    if (version)
        sqlite3_bind_int(s, 2, version);
    int src = sqlite3_step(s), rc;
    if (src == SQLITE_ROW)
        rc = S_decode_row(st, s, a, c);
    else if (src == SQLITE_DONE)
        rc = CONCORD_STORE_NOT_FOUND;
    else
        rc = S_fail_sqlite(st, src, "reading article");
    S_done(s);
    return rc;
}

int concord_store_get_article(concord_store *st, const char *id, concord_article **a,
                              concord_clean **c)
{
    return concord_store_get_article_version(st, id, 0, a, c);
}

int concord_store_article_version(concord_store *st, const char *id, int *version)
{
    if (version)
        *version = 0;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!id || !version)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "article_version: bad arguments");
    sqlite3_stmt *s = S_stmt(st, S_ART_CUR);
    if (!s)
        return st->code;
    S_bind_str(s, 1, id);
    int src = sqlite3_step(s), rc = 0;
    if (src == SQLITE_ROW)
        *version = sqlite3_column_int(s, 0);
    else if (src == SQLITE_DONE)
        rc = CONCORD_STORE_NOT_FOUND;
    else
        rc = S_fail_sqlite(st, src, "reading article version");
    S_done(s);
    return rc;
}

static int S_count(concord_store *st, int which, size_t *n)
{
    if (n)
        *n = 0;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!n)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "count: no output");
    sqlite3_stmt *s = S_stmt(st, which);
    if (!s)
        return st->code;
    int src = sqlite3_step(s), rc = 0;
    if (src == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(s, 0);
    else
        rc = S_fail_sqlite(st, src, "counting");
    S_done(s);
    return rc;
}

int concord_store_count_articles(concord_store *st, size_t *n)
{
    return S_count(st, S_ART_COUNT, n);
}

/* ---- iterators ---------------------------------------------------------- */

static int S_iter_begin(concord_store *st, const char *sql, concord_store_iter **it)
{
    if (it)
        *it = NULL;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!it)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "iterator: no output");
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(s);
        return S_fail_sqlite(st, rc, "starting iteration");
    }
    concord_store_iter *x = concord_xcalloc(1, sizeof *x);
    x->st = st;
    x->stmt = s;
    x->next = st->iters;
    if (st->iters)
        st->iters->prev = x;
    st->iters = x;
    *it = x;
    return 0;
}

static void S_iter_end(concord_store_iter *it)
{
    if (!it)
        return;
    if (it->st) {
        if (it->prev)
            it->prev->next = it->next;
        else
            it->st->iters = it->next;
        if (it->next)
            it->next->prev = it->prev;
    }
    sqlite3_finalize(it->stmt);
    free(it);
}

/* Steps the iterator: 1 row, 0 end, negative error. */
static int S_iter_step(concord_store_iter *it)
{
    if (!it || !it->st)
        return CONCORD_STORE_ERR_MISUSE; /* no iterator, or its store was closed */
    if (it->done)
        return 0;
    S_check(it->st);
    int src = sqlite3_step(it->stmt);
    if (src == SQLITE_ROW)
        return 1;
    it->done = 1;
    if (src == SQLITE_DONE)
        return 0;
    return S_fail_sqlite(it->st, src, "iterating");
}

int concord_store_articles_begin(concord_store *st, concord_store_iter **it)
{
    return S_iter_begin(st, "SELECT " S_ROW_COLS " FROM articles WHERE current=1 ORDER BY day, id",
                        it);
}

int concord_store_articles_next(concord_store_iter *it, concord_article **a, concord_clean **c)
{
    if (a)
        *a = NULL;
    if (c)
        *c = NULL;
    int rc = S_iter_step(it);
    if (rc != 1)
        return rc;
    rc = S_decode_row(it->st, it->stmt, a, c);
    return rc ? rc : 1;
}

void concord_store_articles_end(concord_store_iter *it)
{
    S_iter_end(it);
}

int concord_store_stories_begin(concord_store *st, concord_store_iter **it)
{
    return S_iter_begin(st,
                        "SELECT story, title, first, last, n_articles, n_sources, has_conflict,"
                        " doc FROM stories ORDER BY first, story",
                        it);
}

int concord_store_stories_next(concord_store_iter *it, concord_store_story **out)
{
    if (out)
        *out = NULL;
    int rc = S_iter_step(it);
    if (rc != 1)
        return rc;
    if (!out)
        return 1;
    sqlite3_stmt *s = it->stmt;
    concord_store_story *x = concord_xcalloc(1, sizeof *x);
    x->story = S_col_str(s, 0, NULL);
    x->title = S_col_str(s, 1, NULL);
    x->first = S_col_str(s, 2, NULL);
    x->last = S_col_str(s, 3, NULL);
    int64_t na = sqlite3_column_int64(s, 4), ns = sqlite3_column_int64(s, 5);
    x->n_articles = na > 0 ? (size_t)na : 0;
    x->n_sources = ns > 0 ? (size_t)ns : 0;
    x->has_conflict = sqlite3_column_int(s, 6) != 0;
    size_t dl;
    if (S_col_unpack(it->st, s, 7, &x->doc, &dl)) {
        rc = S_fail(it->st, CONCORD_STORE_ERR_CORRUPT,
                    "damaged compressed document of story %s in the store", x->story);
        concord_store_story_free(x);
        return rc;
    }
    *out = x;
    return 1;
}

void concord_store_stories_end(concord_store_iter *it)
{
    S_iter_end(it);
}

void concord_store_story_free(concord_store_story *s)
{
    if (!s)
        return;
    free(s->story);
    free(s->title);
    free(s->first);
    free(s->last);
    free(s->doc);
    free(s);
}

/* ---- stories ------------------------------------------------------------ */

int concord_store_put_story(concord_store *st, const char *id, const char *title, const char *first,
                            const char *last, size_t n_articles, size_t n_sources, int has_conflict,
                            const char *json_doc, const char *const *article_ids, size_t n)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!id || !*id || (n && !article_ids))
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "put_story: no id or no article ids");
    int savepoint = 0, rc = S_op_begin(st, &savepoint);
    if (rc)
        return rc;
    sqlite3_stmt *s = S_stmt(st, S_STORY_UPSERT);
    if (!s) {
        rc = st->code;
        goto out;
    }
    S_bind_str(s, 1, id);
    S_bind_str(s, 2, title);
    S_bind_str(s, 3, first);
    S_bind_str(s, 4, last);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)n_articles);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)n_sources);
    sqlite3_bind_int(s, 7, has_conflict != 0);
    S_bind_packed(st, &st->cell, s, 8, json_doc, json_doc ? strlen(json_doc) : 0);
    if ((rc = S_exec_bound(st, s, "storing story")))
        goto out;
    if (!(s = S_stmt(st, S_STORY_CLEAR))) {
        rc = st->code;
        goto out;
    }
    S_bind_str(s, 1, id);
    if ((rc = S_exec_bound(st, s, "clearing story membership")))
        goto out;
    if (n && !(s = S_stmt(st, S_STORY_MEMBER))) {
        rc = st->code;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        if (!article_ids[i]) {
            rc = S_fail(st, CONCORD_STORE_ERR_MISUSE, "put_story: article id %zu is NULL", i);
            goto out;
        }
        S_bind_str(s, 1, id);
        S_bind_str(s, 2, article_ids[i]);
        if ((rc = S_exec_bound(st, s, "storing story membership")))
            goto out;
    }
out:
    return S_op_end(st, savepoint, rc);
}

/* Runs a one-string-column lookup keyed by key; *out owned by the caller. */
static int S_get_string(concord_store *st, int which, const char *key, char **out, const char *what)
{
    if (out)
        *out = NULL;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!key || !out)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "%s: bad arguments", what);
    sqlite3_stmt *s = S_stmt(st, which);
    if (!s)
        return st->code;
    S_bind_str(s, 1, key);
    int src = sqlite3_step(s), rc = 0;
    if (src == SQLITE_ROW)
        *out = S_col_str(s, 0, NULL);
    else if (src == SQLITE_DONE)
        rc = CONCORD_STORE_NOT_FOUND;
    else
        rc = S_fail_sqlite(st, src, what);
    S_done(s);
    return rc;
}

int concord_store_get_story(concord_store *st, const char *id, char **json_doc)
{
    if (json_doc)
        *json_doc = NULL;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!id || !json_doc)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "reading story: bad arguments");
    sqlite3_stmt *s = S_stmt(st, S_STORY_GET);
    if (!s)
        return st->code;
    S_bind_str(s, 1, id);
    int src = sqlite3_step(s), rc = 0;
    size_t len;
    if (src == SQLITE_ROW) {
        if (S_col_unpack(st, s, 0, json_doc, &len))
            rc = S_fail(st, CONCORD_STORE_ERR_CORRUPT,
                        "damaged compressed document of story %s in the store", id);
    } else if (src == SQLITE_DONE) {
        rc = CONCORD_STORE_NOT_FOUND;
    } else {
        rc = S_fail_sqlite(st, src, "reading story");
    }
    S_done(s);
    return rc;
}

int concord_store_story_of(concord_store *st, const char *article_id, char **story_id)
{
    return S_get_string(st, S_STORY_OF, article_id, story_id, "finding story of article");
}

int concord_store_delete_story(concord_store *st, const char *id)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!id)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "delete_story: no id");
    int savepoint = 0, rc = S_op_begin(st, &savepoint);
    if (rc)
        return rc;
    sqlite3_stmt *s = S_stmt(st, S_STORY_CLEAR);
    if (!s) {
        rc = st->code;
        goto out;
    }
    S_bind_str(s, 1, id);
    if ((rc = S_exec_bound(st, s, "deleting story membership")))
        goto out;
    if (!(s = S_stmt(st, S_STORY_DELETE))) {
        rc = st->code;
        goto out;
    }
    S_bind_str(s, 1, id);
    if ((rc = S_exec_bound(st, s, "deleting story")))
        goto out;
    if (sqlite3_changes(st->db) == 0)
        rc = CONCORD_STORE_NOT_FOUND;
out:
    return S_op_end(st, savepoint, rc);
}

int concord_store_story_articles(concord_store *st, const char *id, char ***article_ids, size_t *n)
{
    if (article_ids)
        *article_ids = NULL;
    if (n)
        *n = 0;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!id || !article_ids || !n)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "story_articles: bad arguments");
    char *doc = NULL;
    int rc = S_get_string(st, S_STORY_EXISTS, id, &doc, "finding story");
    free(doc);
    if (rc)
        return rc;
    sqlite3_stmt *s = S_stmt(st, S_STORY_MEMBERS);
    if (!s)
        return st->code;
    S_bind_str(s, 1, id);
    char **ids = NULL;
    size_t cap = 0, k = 0;
    int src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        CONCORD_GROW(ids, cap, k + 1);
        ids[k++] = S_col_str(s, 0, NULL);
    }
    S_done(s);
    if (src != SQLITE_DONE) {
        for (size_t i = 0; i < k; i++)
            free(ids[i]);
        free(ids);
        return S_fail_sqlite(st, src, "reading story membership");
    }
    *article_ids = ids;
    *n = k;
    return 0;
}

int concord_store_count_stories(concord_store *st, size_t *n)
{
    return S_count(st, S_STORY_COUNT, n);
}

/* ---- state blobs -------------------------------------------------------- */

int concord_store_put_state(concord_store *st, const char *key, const void *p, size_t n)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!key || (n && !p))
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "put_state: bad arguments");
    sqlite3_stmt *s = S_stmt(st, S_STATE_PUT);
    if (!s)
        return st->code;
    S_bind_str(s, 1, key);
    sqlite3_bind_blob64(s, 2, n ? p : "", n, SQLITE_STATIC);
    return S_exec_bound(st, s, "storing state");
}

int concord_store_get_state(concord_store *st, const char *key, void **p, size_t *n)
{
    if (p)
        *p = NULL;
    if (n)
        *n = 0;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!key || !p || !n)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "get_state: bad arguments");
    sqlite3_stmt *s = S_stmt(st, S_STATE_GET);
    if (!s)
        return st->code;
    S_bind_str(s, 1, key);
    int src = sqlite3_step(s), rc = 0;
    if (src == SQLITE_ROW) {
        const void *blob = sqlite3_column_blob(s, 0);
        size_t len = (size_t)sqlite3_column_bytes(s, 0);
        void *copy = concord_xmalloc(len ? len : 1);
        if (len)
            memcpy(copy, blob, len);
        *p = copy;
        *n = len;
    } else if (src == SQLITE_DONE) {
        rc = CONCORD_STORE_NOT_FOUND;
    } else {
        rc = S_fail_sqlite(st, src, "reading state");
    }
    S_done(s);
    return rc;
}

/* Packed state: the bytes as a textpack cell (one zstd frame) made by a
 * textpack of its own, without the store's text dictionary, so that a state
 * blob never depends on which dictionary a run trained. */
int concord_store_put_state_packed(concord_store *st, const char *key, const void *p, size_t n)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!key || (n && !p))
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "put_state_packed: bad arguments");
    if (n > CONCORD_TEXTPACK_MAX)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "put_state_packed: %zu bytes is over 1 GiB", n);
    concord_textpack *tp = concord_textpack_new(S_STATE_LEVEL);
    concord_buf cell = {0};
    concord_textpack_pack(tp, &cell, n ? p : "", n);
    concord_textpack_free(tp);
    int rc = concord_store_put_state(st, key, cell.data, cell.len);
    concord_buf_free(&cell);
    return rc;
}

int concord_store_get_state_packed(concord_store *st, const char *key, void **p, size_t *n)
{
    if (p)
        *p = NULL;
    if (n)
        *n = 0;
    if (!p || !n)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "get_state_packed: bad arguments");
    void *cell = NULL;
    size_t cl = 0;
    int rc = concord_store_get_state(st, key, &cell, &cl);
    if (rc != 0)
        return rc;
    concord_textpack *tp = concord_textpack_new(S_STATE_LEVEL);
    char *out = NULL;
    size_t len = 0;
    int urc = concord_textpack_unpack(tp, cell, cl, &out, &len);
    concord_textpack_free(tp);
    free(cell);
    if (urc != 0)
        return S_fail(st, CONCORD_STORE_ERR_CORRUPT, "state \"%s\" is not a packed cell", key);
    *p = out;
    *n = len;
    return 0;
}

int concord_store_delete_state(concord_store *st, const char *key)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!key)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "delete_state: no key");
    sqlite3_stmt *s = S_stmt(st, S_STATE_DELETE);
    if (!s)
        return st->code;
    S_bind_str(s, 1, key);
    int rc = S_exec_bound(st, s, "deleting state");
    if (!rc && sqlite3_changes(st->db) == 0)
        rc = CONCORD_STORE_NOT_FOUND;
    return rc;
}

/* ---- checks ------------------------------------------------------------- */

int concord_store_check(concord_store *st, char **report)
{
    if (report)
        *report = NULL;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    sqlite3_stmt *s = NULL;
    int src = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL);
    if (src != SQLITE_OK) {
        sqlite3_finalize(s);
        return S_fail_sqlite(st, src, "integrity check");
    }
    concord_buf out;
    concord_buf_init(&out);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const unsigned char *line = sqlite3_column_text(s, 0);
        if (out.len)
            concord_buf_addc(&out, '\n');
        concord_buf_adds(&out, line ? (const char *)line : "");
    }
    sqlite3_finalize(s);
    int rc = 0;
    if (src != SQLITE_DONE) {
        rc = S_fail_sqlite(st, src, "integrity check");
    } else if (!out.data || strcmp(out.data, "ok")) {
        rc = S_fail(st, CONCORD_STORE_ERR_CORRUPT, "integrity check failed: %.200s",
                    out.data ? out.data : "");
    }
    if (report)
        *report = concord_buf_detach(&out, NULL);
    else
        concord_buf_free(&out);
    return rc;
}

/* ---- articles not yet grouped ------------------------------------------- */

int concord_store_ungrouped(concord_store *st, char ***ids, size_t *n)
{
    if (ids)
        *ids = NULL;
    if (n)
        *n = 0;
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!ids || !n)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "ungrouped: bad arguments");
    sqlite3_stmt *s = S_stmt(st, S_UNGROUPED_LIST);
    if (!s)
        return st->code;
    char **out = NULL;
    size_t cap = 0, k = 0;
    int src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        CONCORD_GROW(out, cap, k + 1);
        out[k++] = S_col_str(s, 0, NULL);
    }
    S_done(s);
    if (src != SQLITE_DONE) {
        for (size_t i = 0; i < k; i++)
            free(out[i]);
        free(out);
        return S_fail_sqlite(st, src, "reading the articles not yet grouped");
    }
    *ids = out;
    *n = k;
    return 0;
}

int concord_store_mark_grouped(concord_store *st)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    return S_run(st, S_UNGROUPED_CLEAR, "marking articles as grouped");
}

/* ---- the writer lock ---------------------------------------------------- */

struct concord_store_lock {
    int fd;
};

static void S_open_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void S_open_fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(S_open_msg, sizeof S_open_msg, fmt, ap);
    va_end(ap);
    S_open_code = code;
}

concord_store_lock *concord_store_lock_take(const char *path, double wait_seconds)
{
    S_open_code = 0;
    S_open_msg[0] = '\0';
    if (!path || !*path || !strcmp(path, ":memory:")) {
        S_open_fail(CONCORD_STORE_ERR_MISUSE, "lock: no store path");
        return NULL;
    }
    concord_buf name;
    concord_buf_init(&name);
    concord_buf_printf(&name, "%s.lock", path);
    int fd = open(name.data, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        S_open_fail(CONCORD_STORE_ERR_IO, "%s: cannot create the lock file %s: %s", path, name.data,
                    strerror(errno));
        concord_buf_free(&name);
        return NULL;
    }
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            S_open_fail(CONCORD_STORE_ERR_IO, "%s: cannot lock %s: %s", path, name.data,
                        strerror(errno));
            close(fd);
            concord_buf_free(&name);
            return NULL;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        double waited =
            (double)(now.tv_sec - t0.tv_sec) + (double)(now.tv_nsec - t0.tv_nsec) * 1e-9;
        if (waited >= wait_seconds) {
            char pid[32] = "";
            ssize_t got = pread(fd, pid, sizeof pid - 1, 0);
            pid[got > 0 ? got : 0] = '\0';
            pid[strspn(pid, "0123456789")] = '\0';
            if (*pid && kill((pid_t)strtol(pid, NULL, 10), 0) != 0 && errno != EPERM)
                pid[0] = '\0'; /* written by an earlier holder that is gone */
            S_open_fail(CONCORD_STORE_ERR_BUSY,
                        "%s: another concord run%s%s%s is writing to this store; waited %.0f s"
                        " for it (give --wait SECONDS to wait longer)",
                        path, *pid ? " (process " : "", pid, *pid ? ")" : "", wait_seconds);
            close(fd);
            concord_buf_free(&name);
            return NULL;
        }
        struct timespec nap = {0, 50 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)len, 0) != len) {
        /* the pid is only for messages: a lock without it still locks */
    }
    concord_buf_free(&name);
    concord_store_lock *l = concord_xcalloc(1, sizeof *l);
    l->fd = fd;
    return l;
}

void concord_store_lock_release(concord_store_lock *l)
{
    if (!l)
        return;
    close(l->fd); /* releases the flock; the file stays (removing it would race) */
    free(l);
}

void concord_store_set_busy_wait(concord_store *st, double seconds)
{
    if (!st || !st->db)
        return;
    double ms = seconds * 1000.0;
    if (ms < S_BUSY_MS)
        ms = S_BUSY_MS;
    if (ms > 2e9)
        ms = 2e9;
    sqlite3_busy_timeout(st->db, (int)ms);
}

int concord__store_set_story_doc(concord_store *st, const char *id, const char *json_doc)
{
    if (S_check(st))
        return CONCORD_STORE_ERR_MISUSE;
    if (!id || !*id || !json_doc)
        return S_fail(st, CONCORD_STORE_ERR_MISUSE, "set_story_doc: no id or no document");
    int savepoint = 0, rc = S_op_begin(st, &savepoint);
    if (rc)
        return rc;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE stories SET doc = ?2,"
                           " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE story = ?1",
                           -1, &s, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        rc = S_fail(st, CONCORD_STORE_ERR_IO, "set_story_doc: %s", sqlite3_errmsg(st->db));
        return S_op_end(st, savepoint, rc);
    }
    S_bind_str(s, 1, id);
    S_bind_packed(st, &st->cell, s, 2, json_doc, strlen(json_doc));
    rc = S_exec_bound(st, s, "storing story document");
    sqlite3_finalize(s);
    return S_op_end(st, savepoint, rc);
}
