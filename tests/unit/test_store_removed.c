/* Unit test for the decoding of the stored removed ranges (store.c): the
 * direct parse of the form the store writes and the json_each path it falls
 * back to must agree on every input.  Each case writes a removed list straight
 * into an article row, reads the article back through the store and compares
 * the ranges (or the error) with what SQLite's json_each makes of the same
 * text, computed here independently. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"

#define S_RAW "0123456789abcdefghijklmnopqrstuvwxyz"

typedef struct {
    int corrupt; /* 1: the store must refuse the list */
    size_t n;
    size_t start[8], end[8];
    char why[8][64];
    size_t why_len[8];
} S_expect;

/* What json_each makes of json: the reference the store must reproduce. */
static void S_reference(sqlite3 *db, const char *json, size_t len, S_expect *e)
{
    memset(e, 0, sizeof *e);
    if (!len)
        return;
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT type, json_extract(value, '$.start'),"
                                        " json_extract(value, '$.end'), json_extract(value,"
                                        " '$.why') FROM json_each(?1) ORDER BY key",
                                        -1, &s, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(s, 1, json, (int)len, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(s, 0);
        if (!type || strcmp(type, "object") || sqlite3_column_type(s, 1) != SQLITE_INTEGER ||
            sqlite3_column_type(s, 2) != SQLITE_INTEGER || sqlite3_column_int64(s, 1) < 0 ||
            sqlite3_column_int64(s, 2) < 0) {
            e->corrupt = 1;
            break;
        }
        assert_true(e->n < 8);
        e->start[e->n] = (size_t)sqlite3_column_int64(s, 1);
        e->end[e->n] = (size_t)sqlite3_column_int64(s, 2);
        const char *w = (const char *)sqlite3_column_text(s, 3);
        size_t wl = w ? (size_t)sqlite3_column_bytes(s, 3) : 0;
        assert_true(wl < sizeof e->why[0]);
        if (w)
            memcpy(e->why[e->n], w, wl);
        e->why_len[e->n] = wl;
        e->n++;
    }
    if (!e->corrupt && rc != SQLITE_DONE)
        e->corrupt = 1;
    sqlite3_finalize(s);
}

static void S_check(concord_store *st, const char *json, size_t len)
{
    sqlite3 *db = concord_store_sqlite(st);
    sqlite3_stmt *s;
    assert_int_equal(
        sqlite3_prepare_v2(db, "UPDATE articles SET removed=?1 WHERE id='r1'", -1, &s, NULL),
        SQLITE_OK);
    sqlite3_bind_text(s, 1, json, (int)len, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);

    S_expect e;
    S_reference(db, json, len, &e);
    concord_clean *c = NULL;
    int rc = concord_store_get_article(st, "r1", NULL, &c);
    if (e.corrupt) {
        if (rc != CONCORD_STORE_ERR_CORRUPT)
            fail_msg("expected a corrupt list for %.*s, got %d", (int)len, json, rc);
        assert_null(c);
        return;
    }
    if (rc != 0)
        fail_msg("reading %.*s: %d %s", (int)len, json, rc, concord_store_errmsg(st));
    assert_non_null(c);
    if (c->n_removed != e.n)
        fail_msg("%.*s: %zu ranges, json_each has %zu", (int)len, json, c->n_removed, e.n);
    for (size_t i = 0; i < e.n; i++) {
        assert_int_equal(c->removed[i].start, e.start[i]);
        assert_int_equal(c->removed[i].end, e.end[i]);
        assert_non_null(c->removed[i].why);
        assert_int_equal(strlen(c->removed[i].why), e.why_len[i]);
        assert_memory_equal(c->removed[i].why, e.why[i], e.why_len[i]);
    }
    concord_clean_free(c);
}

static void test_removed_decoding(void **state)
{
    (void)state;
    char path[256];
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/concord_removed_%ld.db", tmp && *tmp ? tmp : "/tmp",
             (long)getpid());
    unlink(path);
    concord_store *st = concord_store_open(path, 1);
    assert_non_null(st);

    /* a row with a clean written by the store itself: its own form first */
    concord_article *a = concord_article_new("r1", "example.org", "https://example.org/r1",
                                             "2022-01-12", "T", S_RAW, strlen(S_RAW));
    concord_clean *c = concord_xcalloc(1, sizeof *c);
    c->text = concord_xstrdup("0123456789");
    c->len = 10;
    c->removed = concord_xmalloc(2 * sizeof *c->removed);
    c->removed[0] = (concord_removal){10, 20, "share"};
    c->removed[1] = (concord_removal){20, 36, "a \"quoted\" why <x> & \xC2\x85"};
    c->n_removed = 2;
    assert_int_equal(concord_store_put_article(st, a, c, NULL), 0);
    concord_clean *g = NULL;
    assert_int_equal(concord_store_get_article(st, "r1", NULL, &g), 0);
    assert_int_equal(g->n_removed, 2);
    assert_string_equal(g->removed[0].why, "share");
    assert_string_equal(g->removed[1].why, c->removed[1].why);
    assert_int_equal(g->removed[1].end, 36);
    assert_string_equal(g->text, "0123456789");
    concord_clean_free(g);

    static const char *const cases[] = {
        /* the store's own form (direct parse) */
        "[]",
        "[{\"start\":0,\"end\":10,\"why\":\"dateline\"}]",
        "[{\"start\":10,\"end\":20,\"why\":\"share\"},{\"start\":20,\"end\":36,\"why\":\"\"}]",
        "[{\"start\":3,\"end\":4,\"why\":\"\xD0\x9C\xD0\xBE \xF0\x9F\x98\x80 <>&\"}]",
        "[{\"start\":999999999999999999,\"end\":0,\"why\":\"big\"}]",
        /* escapes, white space, other key orders, other types (json_each) */
        "[{\"start\":1,\"end\":2,\"why\":\"a\\\"b\\\\c\\u003cd\\n\"}]",
        "[ {\"start\": 1, \"end\": 2, \"why\": \"x\"} ]",
        "[{\"end\":2,\"start\":1,\"why\":\"x\"}]",
        "[{\"why\":\"x\",\"start\":1,\"end\":2,\"extra\":[1,2]}]",
        "[{\"start\":1,\"end\":2}]",
        "[{\"start\":1,\"end\":2,\"why\":null}]",
        "[{\"start\":1,\"end\":2,\"why\":7}]",
        "[{\"start\":1,\"end\":2,\"why\":\"x\",\"start\":5}]",
        "[{\"start\":01,\"end\":2,\"why\":\"x\"}]",
        "[{\"start\":1.0,\"end\":2,\"why\":\"x\"}]",
        "[{\"start\":1e1,\"end\":2,\"why\":\"x\"}]",
        "[{\"start\":-1,\"end\":2,\"why\":\"x\"}]",
        "[{\"start\":\"1\",\"end\":2,\"why\":\"x\"}]",
        "[{\"start\":9999999999999999999,\"end\":2,\"why\":\"x\"}]",
        "[{\"start\":1,\"end\":2,\"why\":\"x\"},]",
        "[{\"start\":1,\"end\":2,\"why\":\"x\"}] ",
        "[{\"start\":1,\"end\":2,\"why\":\"x\"}]x",
        "[{\"start\":1,\"end\":2,\"why\":\"x\"}",
        "[{\"start\":1,\"end\":2,\"why\":\"x",
        "[{\"start\":1,\"end\":2,\"why\":\"x\tz\"}]",
        "[{\"start\":1,\"end\":2,\"why\":\"x\x7fz\"}]",
        "[{\"start\":1,\"end\":2,\"why\":\"\xff\xfe\"}]",
        "[1,2]",
        "[[1,2]]",
        "{\"start\":1,\"end\":2,\"why\":\"x\"}",
        "[",
        "]",
        "null",
        "x",
        " []",
        "[{}]",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        S_check(st, cases[i], strlen(cases[i]));
    /* a NUL byte inside the why and an empty list column */
    static const char nul[] = "[{\"start\":1,\"end\":2,\"why\":\"a\0b\"}]";
    S_check(st, nul, sizeof nul - 1);
    S_check(st, "", 0);

    concord_clean_free(c);
    concord_article_free(a);
    concord_store_close(st);
    unlink(path);
    char side[300];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* Schema 4 packs the removed ranges (store.c S_removed_pack): every list the
 * cleaner could make comes back exactly, the cell is a fraction of the JSON,
 * and every truncation or damaged byte of a packed cell reads as an error or
 * as some list, never a crash or an overread (run it under ASan). */
static void test_removed_packed(void **state)
{
    (void)state;
    char path[256];
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/concord_removed_p%ld.db", tmp && *tmp ? tmp : "/tmp",
             (long)getpid());
    unlink(path);
    concord_store *st = concord_store_open(path, 1);
    assert_non_null(st);
    sqlite3 *db = concord_store_sqlite(st);
    enum { N = 90 };
    static char whys[N][32];
    concord_removal rm[N];
    size_t at = 0;
    for (size_t i = 0; i < N; i++) {
        /* 70 distinct whys (past the 64 back-references), then repeats; an
         * empty one, a UTF-8 one, ranges going back and ends before starts */
        if (i == 3)
            whys[i][0] = '\0';
        else if (i == 5)
            snprintf(whys[i], sizeof whys[i], "%s", "caf\xC3\xA9 \"x\"");
        else if (i < 70)
            snprintf(whys[i], sizeof whys[i], "why%zu", i);
        else
            snprintf(whys[i], sizeof whys[i], "%s", whys[(i * 7) % 70]);
        size_t start = i % 11 == 4 ? at / 2 : at + i * 3;
        size_t end = i % 13 == 6 ? start - (start ? 1 : 0) : start + 1 + i % 200;
        if (i == N - 1)
            start = end = (size_t)1 << 40; /* beyond any real text */
        rm[i] = (concord_removal){start, end, whys[i]};
        at = end;
    }
    concord_article *a = concord_article_new("p1", "example.org", "https://example.org/p1",
                                             "2022-01-12", "T", S_RAW, strlen(S_RAW));
    concord_clean c = {0};
    c.text = "x";
    c.len = 1;
    c.removed = rm;
    c.n_removed = N;
    assert_int_equal(concord_store_put_article(st, a, &c, NULL), 0);
    concord_clean *g = NULL;
    assert_int_equal(concord_store_get_article(st, "p1", NULL, &g), 0);
    assert_int_equal(g->n_removed, N);
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(g->removed[i].start, rm[i].start);
        assert_int_equal(g->removed[i].end, rm[i].end);
        assert_string_equal(g->removed[i].why, rm[i].why);
    }
    concord_clean_free(g);

    /* a typical list: a blob a fraction of its JSON */
    concord_removal typical[4] = {{0, 217, "caption"},
                                  {2602, 2768, "caption"},
                                  {5117, 5119, "whitespace"},
                                  {5119, 5168, "share"}};
    concord_article *b = concord_article_new("p2", "example.org", "https://example.org/p2",
                                             "2022-01-12", "T", S_RAW, strlen(S_RAW));
    c.removed = typical;
    c.n_removed = 4;
    assert_int_equal(concord_store_put_article(st, b, &c, NULL), 0);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT typeof(removed), length(removed), removed FROM"
                                        " articles WHERE id='p2'",
                                        -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "blob");
    size_t len = (size_t)sqlite3_column_int(s, 1);
    assert_true(len < 160 / 3); /* the JSON takes 160 bytes */
    unsigned char cell[64];
    memcpy(cell, sqlite3_column_blob(s, 2), len);
    sqlite3_finalize(s);
    assert_int_equal(cell[0], 'R');

    /* every prefix and every single damaged byte of the cell */
    assert_int_equal(
        sqlite3_prepare_v2(db, "UPDATE articles SET removed=?1 WHERE id='p2'", -1, &s, NULL),
        SQLITE_OK);
    unsigned char bad[64];
    for (size_t cut = 1; cut <= 2 * len; cut++) {
        size_t n = cut <= len ? cut : len;
        memcpy(bad, cell, len);
        if (cut > len) /* one byte changed (never the tag) */
            bad[1 + (cut - len - 1) % (len - 1)] ^= (unsigned char)(0x80 | cut);
        sqlite3_bind_blob(s, 1, bad, (int)n, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(s), SQLITE_DONE);
        sqlite3_reset(s);
        g = NULL;
        int rc = concord_store_get_article(st, "p2", NULL, &g);
        if (cut < len) { /* a truncated list is never read as one */
            assert_int_equal(rc, CONCORD_STORE_ERR_CORRUPT);
            assert_null(g);
        } else if (cut == len) {
            assert_int_equal(rc, 0);
            assert_int_equal(g->n_removed, 4);
            assert_string_equal(g->removed[3].why, "share");
        } else {
            assert_true(rc == 0 || rc == CONCORD_STORE_ERR_CORRUPT);
        }
        concord_clean_free(g);
    }
    sqlite3_finalize(s);
    concord_article_free(a);
    concord_article_free(b);
    concord_store_close(st);
    unlink(path);
    char side[300];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_removed_decoding),
        cmocka_unit_test(test_removed_packed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
