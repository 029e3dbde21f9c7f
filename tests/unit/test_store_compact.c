/* Unit tests for the compact store (schema 2): compressed raw texts and story
 * documents, the cleaned text kept as "raw minus removed", clean refusals of
 * old stores and damaged cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"

static char S_dir[256];

static char *S_path(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", S_dir, name);
    unlink(buf);
    return buf;
}

static int S_setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(S_dir, sizeof S_dir, "%s/concord_compact_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(S_dir) ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    const char *names[] = {"a.db",     "b.db",  "old.db", "bad.db",
                           "ratio.db", "v2.db", "v3.db",  "n4.db"};
    const char *sfx[] = {"", "-wal", "-shm"};
    char p[600];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        for (int k = 0; k < 3; k++) {
            snprintf(p, sizeof p, "%s/%s%s", S_dir, names[i], sfx[k]);
            unlink(p);
        }
    rmdir(S_dir);
    return 0;
}

static long S_query_long(concord_store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(concord_store_sqlite(st), sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* A long text that compresses: a paragraph repeated with small changes. */
static char *S_long_text(size_t *len)
{
    concord_buf b;
    concord_buf_init(&b);
    for (int i = 0; i < 60; i++)
        concord_buf_printf(&b,
                           "Paragraph %d. Police said %d people were detained in the city"
                           " on Tuesday, and the ministry confirmed the figure.\n",
                           i, 100 + i * 7);
    return concord_buf_detach(&b, len);
}

static void test_cleaned_text_stored_once(void **state)
{
    (void)state;
    concord_store *st = concord_store_open(S_path("a.db"), 1);
    assert_non_null(st);
    size_t n;
    char *raw = S_long_text(&n);
    concord_article *a = concord_article_new("x1", "wire", "", "2022-01-10", "T", raw, n);
    /* cut two ranges, as the cleaner does */
    concord_removal rm[2] = {{10, 40, "share"}, {200, 260, "caption"}};
    concord_buf t;
    concord_buf_init(&t);
    concord_buf_add(&t, raw, 10);
    concord_buf_add(&t, raw + 40, 160);
    concord_buf_add(&t, raw + 260, n - 260);
    concord_clean c = {0};
    c.text = t.data;
    c.len = t.len;
    c.byline = "";
    c.dateline = "";
    c.date = "";
    c.outlet = "";
    c.removed = rm;
    c.n_removed = 2;
    assert_int_equal(concord_store_put_article(st, a, &c, NULL), 0);
    /* the cleaned text is not stored a second time; the raw one is compressed */
    assert_int_equal(S_query_long(st, "SELECT length(text) FROM articles WHERE id='x1'"), 0);
    assert_true(S_query_long(st, "SELECT length(raw) FROM articles WHERE id='x1'") < (long)n / 3);
    concord_article *ga;
    concord_clean *gc;
    assert_int_equal(concord_store_get_article(st, "x1", &ga, &gc), 0);
    assert_int_equal(ga->text_len, n);
    assert_memory_equal(ga->text, raw, n);
    assert_int_equal(gc->len, t.len);
    assert_memory_equal(gc->text, t.data, t.len);
    assert_int_equal(gc->n_removed, 2);
    assert_string_equal(gc->removed[1].why, "caption");
    concord_article_free(ga);
    concord_clean_free(gc);

    /* a cleaned text that is not raw minus removed is kept as it is */
    concord_article *b = concord_article_new("x2", "wire", "", "2022-01-10", "T", raw, n);
    c.text = "something else entirely";
    c.len = strlen(c.text);
    assert_int_equal(concord_store_put_article(st, b, &c, NULL), 0);
    assert_true(S_query_long(st, "SELECT length(text) FROM articles WHERE id='x2'") > 0);
    assert_int_equal(concord_store_get_article(st, "x2", NULL, &gc), 0);
    assert_string_equal(gc->text, "something else entirely");
    concord_clean_free(gc);

    /* story documents are compressed and come back whole */
    assert_int_equal(concord_store_put_story(st, "s1", "T", "2022-01-10", "2022-01-10", 1, 1, 0,
                                             raw, (const char *const[]){"x1"}, 1),
                     0);
    assert_true(S_query_long(st, "SELECT length(doc) FROM stories") < (long)n / 3);
    char *doc;
    assert_int_equal(concord_store_get_story(st, "s1", &doc), 0);
    assert_string_equal(doc, raw);
    free(doc);

    /* a damaged compressed cell is an error, not garbage */
    assert_int_equal(sqlite3_exec(concord_store_sqlite(st),
                                  "UPDATE articles SET raw=x'7a0102' WHERE id='x1';"
                                  "UPDATE stories SET doc=x'7a0102'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(concord_store_get_article(st, "x1", &ga, NULL), CONCORD_STORE_ERR_CORRUPT);
    assert_null(ga);
    assert_non_null(strstr(concord_store_errmsg(st), "x1"));
    assert_int_equal(concord_store_get_story(st, "s1", &doc), CONCORD_STORE_ERR_CORRUPT);
    assert_null(doc);
    concord_store_close(st);
    concord_buf_free(&t);
    concord_article_free(a);
    concord_article_free(b);
    free(raw);
}

/* The user_version of the store at p. */
static int S_user_version(const char *p)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_open(p, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return v;
}

/* A store of the previous schema version (2) is read as it is and upgraded
 * by the first writable open; its state survives. */
static void test_schema_upgrade(void **state)
{
    (void)state;
    char *p = S_path("v2.db");
    concord_store *st = concord_store_open(p, 1);
    assert_non_null(st);
    assert_int_equal(concord_store_put_state(st, "k", "v", 1), 0);
    concord_store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=2;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    st = concord_store_open_readonly(p);
    assert_non_null(st);
    concord_store_close(st);
    assert_int_equal(S_user_version(p), 2);
    st = concord_store_open(p, 0);
    assert_non_null(st);
    void *v = NULL;
    size_t n = 0;
    assert_int_equal(concord_store_get_state(st, "k", &v, &n), 0);
    assert_int_equal(n, 1);
    free(v);
    concord_store_close(st);
    assert_int_equal(S_user_version(p), CONCORD_STORE_SCHEMA);
}

/* A store of schema 3 (removed ranges as JSON, 4 KiB pages) is read as it
 * is and upgraded in place to 4 by the first writable open: its JSON rows
 * stay readable, rows written after are packed, its page size stays. */
static void test_schema_upgrade_3(void **state)
{
    (void)state;
    char *p = S_path("v3.db");
    sqlite3 *db;
    /* a version-3 file: 4 KiB pages, as stores made before version 4 */
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA page_size=4096; VACUUM;", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    concord_store *st = concord_store_open(p, 1);
    assert_non_null(st);
    concord_removal rm[2] = {{0, 3, "dateline"}, {9, 12, "share"}};
    concord_clean c = {0};
    c.text = "3456789";
    c.len = 7;
    c.removed = rm;
    c.n_removed = 2;
    concord_article *a =
        concord_article_new("o1", "wire", "", "2022-01-10", "T", "0123456789ab", 12);
    assert_int_equal(concord_store_put_article(st, a, &c, NULL), 0);
    concord_store_close(st);
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "UPDATE articles SET removed='[{\"start\":0,\"end\":3,"
                                  "\"why\":\"dateline\"},{\"start\":9,\"end\":12,\"why\":"
                                  "\"share\"}]'; PRAGMA user_version=3;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    /* read-only: read as it is */
    st = concord_store_open_readonly(p);
    assert_non_null(st);
    concord_clean *g = NULL;
    assert_int_equal(concord_store_get_article(st, "o1", NULL, &g), 0);
    assert_int_equal(g->n_removed, 2);
    assert_string_equal(g->removed[1].why, "share");
    assert_string_equal(g->text, "3456789");
    concord_clean_free(g);
    concord_store_close(st);
    assert_int_equal(S_user_version(p), 3);
    /* writable: upgraded; the JSON row still reads, a new row is packed */
    st = concord_store_open(p, 0);
    assert_non_null(st);
    assert_int_equal(S_user_version(p), 4);
    assert_int_equal(concord_store_get_article(st, "o1", NULL, &g), 0);
    assert_int_equal(g->n_removed, 2);
    assert_int_equal(g->removed[1].end, 12);
    concord_clean_free(g);
    /* the same article and clean again: same content, same clean hash (of
     * the JSON form), so nothing is rewritten */
    int status = -1;
    assert_int_equal(concord_store_put_article(st, a, &c, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);
    concord_article *b =
        concord_article_new("o2", "wire", "", "2022-01-10", "T", "0123456789ab", 12);
    assert_int_equal(concord_store_put_article(st, b, &c, NULL), 0);
    assert_int_equal(S_query_long(st, "SELECT count(*) FROM articles WHERE typeof(removed)='text'"),
                     1);
    assert_int_equal(S_query_long(st, "SELECT count(*) FROM articles WHERE typeof(removed)='blob'"),
                     1);
    assert_int_equal(concord_store_get_article(st, "o2", NULL, &g), 0);
    assert_string_equal(g->text, "3456789");
    assert_string_equal(g->removed[0].why, "dateline");
    concord_clean_free(g);
    assert_int_equal(S_query_long(st, "PRAGMA page_size"), 4096);
    assert_int_equal(S_query_long(st, "PRAGMA auto_vacuum"), 0);
    concord_store_close(st);
    concord_article_free(a);
    concord_article_free(b);
    /* a new store takes 16 KiB pages and incremental auto-vacuum: a state
     * blob rewritten (as every add rewrites the grouper's) leaves no free
     * pages in the file once the writer closes */
    p = S_path("n4.db");
    st = concord_store_open(p, 1);
    assert_non_null(st);
    assert_int_equal(S_query_long(st, "PRAGMA page_size"), 16384);
    assert_int_equal(S_query_long(st, "PRAGMA auto_vacuum"), 2);
    size_t n = 3 << 20;
    unsigned char *blob = concord_xmalloc(n);
    uint64_t x = 88172645463325252ULL;
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < n; i++) { /* random bytes: zstd keeps them as they are */
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            blob[i] = (unsigned char)x;
        }
        assert_int_equal(concord_store_put_state(st, "big", blob, n - (size_t)round * (1 << 20)),
                         0);
    }
    assert_true(S_query_long(st, "PRAGMA freelist_count") * 16384 > (1 << 20));
    concord_store_close(st);
    free(blob);
    st = concord_store_open(p, 0);
    assert_non_null(st);
    assert_int_equal(S_query_long(st, "PRAGMA freelist_count"), 0);
    void *v = NULL;
    size_t vn = 0;
    assert_int_equal(concord_store_get_state(st, "big", &v, &vn), 0);
    assert_int_equal(vn, n - (1 << 20));
    free(v);
    concord_store_close(st);
}

static void test_old_schema_refused(void **state)
{
    (void)state;
    char *p = S_path("old.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA application_id=1129202500; PRAGMA user_version=1;"
                                  "CREATE TABLE articles(id TEXT);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_null(concord_store_open(p, 1));
    assert_int_equal(concord_store_errcode(NULL), CONCORD_STORE_ERR_SCHEMA);
    assert_non_null(strstr(concord_store_errmsg(NULL), "older concord"));
    assert_null(concord_store_open(p, 0));
    assert_non_null(strstr(concord_store_errmsg(NULL), "concord analyze"));
}

/* After 2000 texts the store trains a zstd dictionary, keeps it in the state
 * table and packs with it; another connection reads every text back. */
static void test_dictionary(void **state)
{
    (void)state;
    static const char *const words[] = {"police",    "said",     "the",      "shooting", "victim",
                                        "hospital",  "officers", "Tuesday",  "night",    "street",
                                        "according", "to",       "a",        "man",      "was",
                                        "injured",   "suspect",  "arrested", "county",   "sheriff"};
    char *p = concord_xstrdup(S_path("b.db"));
    concord_store *st = concord_store_open(p, 1);
    assert_non_null(st);
    uint64_t x = 88172645463325252ULL;
    concord_buf t;
    concord_buf_init(&t);
    assert_int_equal(concord_store_begin(st), 0);
    for (int i = 0; i < 2300; i++) {
        concord_buf_clear(&t);
        concord_buf_printf(&t, "Report %d. ", i);
        for (int w = 0; w < 200; w++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            concord_buf_adds(&t, words[x % 20]);
            concord_buf_adds(&t, x % 11 ? " " : ". ");
        }
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        concord_article *a = concord_article_new(id, "wire", "", "2022-01-10", id, t.data, t.len);
        assert_int_equal(concord_store_put_article(st, a, NULL, NULL), 0);
        concord_article_free(a);
    }
    assert_int_equal(concord_store_commit(st), 0);
    void *dict = NULL;
    size_t dl = 0;
    assert_int_equal(concord_store_get_state(st, "pack-dict", &dict, &dl), 0);
    assert_true(dl > 1000);
    free(dict);
    concord_store_close(st);
    st = concord_store_open(p, 0);
    assert_non_null(st);
    x = 88172645463325252ULL;
    for (int i = 0; i < 2300; i++) {
        concord_buf_clear(&t);
        concord_buf_printf(&t, "Report %d. ", i);
        for (int w = 0; w < 200; w++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            concord_buf_adds(&t, words[x % 20]);
            concord_buf_adds(&t, x % 11 ? " " : ". ");
        }
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        concord_article *a = NULL;
        assert_int_equal(concord_store_get_article(st, id, &a, NULL), 0);
        assert_int_equal(a->text_len, t.len);
        assert_memory_equal(a->text, t.data, t.len);
        concord_article_free(a);
    }
    /* texts packed after the dictionary are smaller than before it */
    long before = S_query_long(st, "SELECT avg(length(raw)) FROM articles WHERE rowid<=1000");
    long after = S_query_long(st, "SELECT avg(length(raw)) FROM articles WHERE rowid>2100");
    assert_true(after < before);
    concord_store_close(st);
    concord_buf_free(&t);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cleaned_text_stored_once),
        cmocka_unit_test(test_old_schema_refused),
        cmocka_unit_test(test_schema_upgrade),
        cmocka_unit_test(test_schema_upgrade_3),
        cmocka_unit_test(test_dictionary),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
