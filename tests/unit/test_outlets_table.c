/* Unit tests for the store's outlet network table (src/store/outlets_table.c):
 * the network read from it equals the network fed every story document, after
 * stories are written, replaced (re-explained) and deleted, on a store that
 * had no table, and over random edits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "concord.h"
#include "concord/experimental.h"

/* The network's JSON (concord outlets --json) of x. */
static char *S_json_of(concord_outlets *x)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    concord_outlets_print(x, f, 1);
    fclose(f);
    return buf;
}

/* From the table; NULL when the table is not ready. */
static char *S_from_table(concord_store *st)
{
    concord_outlets *x = concord_outlets_new();
    char err[256];
    int rc = concord_outlets_load(st, x, err, sizeof err);
    assert_true(rc >= 0);
    char *j = rc == 1 ? S_json_of(x) : NULL;
    concord_outlets_free(x);
    return j;
}

/* From every story document, in store order (what concord outlets did). */
static char *S_from_docs(concord_store *st)
{
    concord_outlets *x = concord_outlets_new();
    concord_store_iter *it;
    assert_int_equal(concord_store_stories_begin(st, &it), 0);
    concord_store_story *ss;
    while (concord_store_stories_next(it, &ss) == 1) {
        concord_json *j = concord_json_parse(ss->doc, strlen(ss->doc), NULL, NULL);
        if (j)
            concord_outlets_add(x, j);
        concord_json_free(j);
        concord_store_story_free(ss);
    }
    concord_store_stories_end(it);
    char *j = S_json_of(x);
    concord_outlets_free(x);
    return j;
}

static void S_refresh(concord_store *st)
{
    char err[256];
    int rc = concord_outlets_refresh(st, err, sizeof err);
    if (rc != 0)
        fail_msg("refresh: %s", err);
}

static void S_same(concord_store *st)
{
    char *t = S_from_table(st), *d = S_from_docs(st);
    assert_non_null(t);
    assert_string_equal(t, d);
    free(t);
    free(d);
}

static void S_put(concord_store *st, const char *id, const char *first, const char *doc)
{
    int rc = concord_store_put_story(st, id, "t", first, first, 1, 1, 0, doc, NULL, 0);
    if (rc != 0)
        fail_msg("put_story: %s", concord_store_errmsg(st));
}

static int64_t S_count(concord_store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(concord_store_sqlite(st), sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

#define S_A(id, src, date, df)                                                                     \
    "{\"id\":\"" id "\",\"source\":\"" src "\",\"date\":\"" date "\",\"derived_from\":[" df "]}"
#define S_DF(id, kind, share) "{\"id\":\"" id "\",\"kind\":\"" kind "\",\"share\":" share "}"

static void test_replace_and_delete(void **state)
{
    (void)state;
    concord_store *st = concord_store_open(":memory:", 1);
    assert_non_null(st);
    S_put(st, "s1", "2020-01-01",
          "{\"story\":\"s1\",\"articles\":[" S_A("a", "wire", "2020-01-01", "") "," S_A(
              "b", "local", "2020-01-03", S_DF("a", "copy", "0.9")) "]}");
    S_put(
        st, "s2", "2020-02-01",
        "{\"story\":\"s2\",\"articles\":[" S_A("d", "wire", "2020-02-01", "") "," S_A(
            "e", "local", "2020-02-02",
            S_DF("d", "rewrite", "0.5")) "," S_A("f", "paper", "", S_DF("d", "copy", "0.8")) "]}");
    S_put(st, "s0", "2019-12-01", "not a document");
    /* no table yet: readers are told so */
    assert_int_equal(concord_outlets_table_ready(st), 0);
    assert_null(S_from_table(st));
    S_refresh(st);
    assert_int_equal(concord_outlets_table_ready(st), 1);
    S_same(st);
    char *t = S_from_table(st);
    assert_non_null(strstr(t, "\"stories\":2"));
    assert_non_null(strstr(t, "\"from\":\"wire\",\"to\":\"local\",\"copy\":1,\"rewrite\":1"));
    assert_non_null(strstr(t, "\"examples\":[\"s1\",\"s2\"]"));
    free(t);

    /* s1 re-explained: its link is now a rewrite from paper; the table is
     * stale until the refresh, then s1's old rows are gone */
    S_put(st, "s1", "2020-01-01",
          "{\"story\":\"s1\",\"articles\":[" S_A("a", "paper", "2020-01-01", "") "," S_A(
              "b", "local", "2020-01-05", S_DF("a", "rewrite", "0.4")) "]}");
    assert_int_equal(concord_outlets_table_ready(st), 0);
    S_refresh(st);
    S_same(st);
    t = S_from_table(st);
    assert_non_null(strstr(t, "\"from\":\"wire\",\"to\":\"local\",\"copy\":0,\"rewrite\":1"));
    assert_non_null(strstr(t, "\"from\":\"paper\",\"to\":\"local\",\"copy\":0,\"rewrite\":1,"
                              "\"dated\":1,\"median_lag_days\":4"));
    free(t);
    assert_int_equal(S_count(st, "SELECT count(*) FROM outlet_links WHERE story='s1'"), 1);

    /* s2 deleted: its rows and the pairs and outlets only it had go */
    assert_int_equal(concord_store_delete_story(st, "s2"), 0);
    S_refresh(st);
    S_same(st);
    assert_int_equal(S_count(st, "SELECT count(*) FROM outlet_links WHERE story='s2'"), 0);
    assert_int_equal(S_count(st, "SELECT count(*) FROM outlet_reports WHERE story='s2'"), 0);
    assert_int_equal(S_count(st, "SELECT count(*) FROM outlet_story WHERE story='s2'"), 0);
    assert_int_equal(S_count(st, "SELECT count(*) FROM outlet_pairs"), 1);
    assert_int_equal(S_count(st, "SELECT count(*) FROM outlet_totals"), 2); /* paper, local */
    assert_int_equal(S_count(st, "SELECT count(*) FROM outlet_dirty"), 0);

    /* a store written before the table (its tables dropped): built again */
    sqlite3 *db = concord_store_sqlite(st);
    const char *drop[] = {"outlet_dirty_ins", "outlet_dirty_upd", "outlet_dirty_del"};
    for (int i = 0; i < 3; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "DROP TRIGGER %s", drop[i]);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    const char *tables[] = {"outlet_names", "outlet_story",  "outlet_reports", "outlet_links",
                            "outlet_pairs", "outlet_totals", "outlet_dirty"};
    for (int i = 0; i < 7; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "DROP TABLE %s", tables[i]);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    assert_int_equal(concord_outlets_table_ready(st), 0);
    S_put(st, "s3", "2020-03-01",
          "{\"story\":\"s3\",\"articles\":[" S_A("g", "wire", "2020-03-01", "") "," S_A(
              "h", "local", "2020-03-01", S_DF("g", "copy", "1")) "]}");
    S_refresh(st);
    S_same(st);
    concord_store_close(st);
}

static uint64_t S_rng = 42;
static int S_rand(uint64_t n)
{
    S_rng = S_rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((S_rng >> 33) % n);
}

/* Random stories over a few outlets, written, replaced and deleted at
 * random, with refreshes in between: the table always gives what the
 * documents give (counts, medians, the first three examples in story
 * order). */
static void test_random_edits(void **state)
{
    (void)state;
    concord_store *st = concord_store_open(":memory:", 1);
    assert_non_null(st);
    const char *outlets[] = {"wire", "local", "paper", "radio", "blog", "unknown", ""};
    const char *kinds[] = {"copy", "rewrite", "shared-source"};
    concord_buf doc;
    concord_buf_init(&doc);
    for (int round = 0; round < 30; round++) {
        int edits = 1 + S_rand(12);
        for (int e = 0; e < edits; e++) {
            char id[16], first[16];
            snprintf(id, sizeof id, "s%02d", S_rand(25));
            if (S_rand(5) == 0) {
                concord_store_delete_story(st, id); /* NOT_FOUND is fine */
                continue;
            }
            snprintf(first, sizeof first, "2020-%02d-%02d", 1 + S_rand(3), 1 + S_rand(28));
            concord_buf_clear(&doc);
            /* members the network does not read, before and after its own,
             * sometimes a key with an escape (the document is then parsed
             * whole) or a duplicate "story" (the first counts) */
            static const char *const before[] = {"", "\"figures\":[{\"v\":1,\"s\":\"}]\"}],",
                                                 "\"t\\u0069tle\":\"x\",",
                                                 "\"digest\":{\"text\":\"a \\\"quoted\\\" }\"},"};
            concord_buf_adds(&doc, "{");
            concord_buf_adds(&doc, before[S_rand(4)]);
            concord_buf_adds(&doc, "\"story\":\"");
            concord_buf_adds(&doc, id);
            concord_buf_adds(&doc, S_rand(6) ? "\"," : "\",\"story\":\"other\",");
            concord_buf_adds(&doc, S_rand(3) ? "" : "\"quotes\":[{\"text\":\"]\"}],");
            concord_buf_adds(&doc, "\"articles\":[");
            int n = 1 + S_rand(6);
            for (int a = 0; a < n; a++) {
                char art[256];
                snprintf(art, sizeof art, "%s{\"id\":\"%s-%d\",\"source\":\"%s\",", a ? "," : "",
                         id, a, outlets[S_rand(7)]);
                concord_buf_adds(&doc, art);
                if (S_rand(4)) {
                    snprintf(art, sizeof art, "\"date\":\"2020-01-%02d\",", 1 + S_rand(9));
                    concord_buf_adds(&doc, art);
                }
                concord_buf_adds(&doc, "\"derived_from\":[");
                int nd = a ? S_rand(3) : 0;
                for (int d = 0; d < nd; d++) {
                    snprintf(art, sizeof art, "%s{\"id\":\"%s-%d\",\"kind\":\"%s\",\"share\":0.%d}",
                             d ? "," : "", id, S_rand((uint64_t)a), kinds[S_rand(3)],
                             1 + S_rand(9));
                    concord_buf_adds(&doc, art);
                }
                concord_buf_adds(&doc, "]}");
            }
            concord_buf_adds(&doc, "]}");
            S_put(st, id, first, doc.data);
        }
        S_refresh(st);
        S_same(st);
    }
    concord_buf_free(&doc);
    concord_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replace_and_delete),
        cmocka_unit_test(test_random_edits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
