/* Unit tests for the SQLite store (store.c), including a writer killed with
 * SIGKILL in the middle of its batches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"

static char S_dir[256];

/* A fresh path inside the test's temporary folder. */
static char *S_path(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", S_dir, name);
    return buf;
}

static int S_setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(S_dir, sizeof S_dir, "%s/concord_store_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(S_dir) ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    DIR *d = opendir(S_dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[600];
            snprintf(p, sizeof p, "%s/%s", S_dir, e->d_name);
            if (rmdir(p) != 0)
                unlink(p);
        }
        closedir(d);
    }
    rmdir(S_dir);
    return 0;
}

static concord_article *S_article(const char *id, const char *date, const char *title,
                                  const char *text)
{
    concord_article *a = concord_article_new(id, "example.org", "https://example.org/a", date,
                                             title, text, strlen(text));
    return a;
}

/* A cleaning result built by hand (the store does not care who made it). */
static concord_clean *S_clean(const char *text, const char *byline, const char *date,
                              size_t n_removed, const concord_removal *removed)
{
    concord_clean *c = concord_xcalloc(1, sizeof *c);
    c->text = concord_xstrdup(text);
    c->len = strlen(text);
    c->byline = concord_xstrdup(byline);
    c->dateline = concord_xstrdup("MOSCOW");
    c->date = concord_xstrdup(date);
    c->outlet = concord_xstrdup("");
    if (n_removed) {
        c->removed = concord_xmalloc(n_removed * sizeof *removed);
        memcpy(c->removed, removed, n_removed * sizeof *removed);
        c->n_removed = n_removed;
    }
    return c;
}

static concord_store *S_open_new(const char *name)
{
    char *p = S_path(name);
    unlink(p);
    concord_store *st = concord_store_open(p, 1);
    if (!st)
        fail_msg("open %s: %s", p, concord_store_errmsg(NULL));
    return st;
}

static size_t S_count(concord_store *st)
{
    size_t n = 99999;
    assert_int_equal(concord_store_count_articles(st, &n), 0);
    return n;
}

static void test_open_settings(void **state)
{
    (void)state;
    concord_store *st = S_open_new("settings.db");
    sqlite3 *db = concord_store_sqlite(st);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
    sqlite3_finalize(s);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 1);
    sqlite3_finalize(s);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), CONCORD_STORE_SCHEMA);
    sqlite3_finalize(s);
    concord_store_close(st);

    /* Reopening, with or without create, is idempotent. */
    for (int create = 0; create < 2; create++) {
        st = concord_store_open(S_path("settings.db"), create);
        assert_non_null(st);
        assert_int_equal(S_count(st), 0);
        concord_store_close(st);
    }
    /* In-memory store. */
    st = concord_store_open(":memory:", 0);
    assert_non_null(st);
    assert_int_equal(S_count(st), 0);
    concord_store_close(st);
}

static void test_idempotent_and_versions(void **state)
{
    (void)state;
    concord_store *st = S_open_new("versions.db");
    concord_article *a = S_article("a1", "2022-01-10", "Troops arrive", "Body one.");
    int status = 0;
    assert_int_equal(concord_store_put_article(st, a, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_NEW);
    assert_int_equal(concord_store_put_article(st, a, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);
    assert_string_equal(concord_store_status_name(status), "same");
    assert_int_equal(S_count(st), 1);

    /* Different source or url with the same content: still the same article. */
    free(a->source);
    a->source = concord_xstrdup("mirror.example");
    assert_int_equal(concord_store_put_article(st, a, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);

    /* Changed body: a new version, the old one kept. */
    concord_article *b = S_article("a1", "2022-01-10", "Troops arrive", "Body one, updated.");
    assert_int_equal(concord_store_put_article(st, b, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_CHANGED);
    assert_int_equal(S_count(st), 1);
    int version = 0;
    assert_int_equal(concord_store_article_version(st, "a1", &version), 0);
    assert_int_equal(version, 2);
    /* The same changed body again: same. Going back to the old body: changed. */
    assert_int_equal(concord_store_put_article(st, b, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);
    /* Changed title only: a change too. */
    free(b->title);
    b->title = concord_xstrdup("Troops arrive in Almaty");
    assert_int_equal(concord_store_put_article(st, b, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_CHANGED);
    assert_int_equal(concord_store_article_version(st, "a1", &version), 0);
    assert_int_equal(version, 3);

    concord_article *got = NULL;
    concord_clean *gc = (concord_clean *)1;
    assert_int_equal(concord_store_get_article(st, "a1", &got, &gc), 0);
    assert_null(gc); /* stored without cleaning */
    assert_string_equal(got->text, "Body one, updated.");
    assert_string_equal(got->title, "Troops arrive in Almaty");
    concord_article_free(got);
    assert_int_equal(concord_store_get_article_version(st, "a1", 1, &got, NULL), 0);
    assert_string_equal(got->text, "Body one.");
    assert_string_equal(got->source, "example.org"); /* the first copy's source */
    concord_article_free(got);
    assert_int_equal(concord_store_get_article_version(st, "a1", 9, &got, NULL),
                     CONCORD_STORE_NOT_FOUND);
    assert_null(got);
    assert_int_equal(concord_store_get_article(st, "nope", &got, NULL), CONCORD_STORE_NOT_FOUND);
    assert_int_equal(concord_store_article_version(st, "nope", &version), CONCORD_STORE_NOT_FOUND);

    /* Versions survive reopening. */
    concord_store_close(st);
    st = concord_store_open(S_path("versions.db"), 0);
    assert_non_null(st);
    assert_int_equal(concord_store_put_article(st, b, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);
    sqlite3_stmt *s;
    assert_int_equal(
        sqlite3_prepare_v2(concord_store_sqlite(st), "SELECT count(*) FROM articles", -1, &s, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 3);
    sqlite3_finalize(s);
    concord_store_close(st);
    concord_article_free(a);
    concord_article_free(b);
}

static void test_roundtrip_clean(void **state)
{
    (void)state;
    concord_store *st = S_open_new("roundtrip.db");
    /* Cyrillic, an emoji, a quote character and HTML-ish bytes in every field. */
    const char *raw = "MOSCOW \xE2\x80\x93 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
                      "said \"no\" <b>&</b> \xF0\x9F\x98\x80.\nShare this article\n";
    concord_article *a =
        S_article("ru-1", "", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", raw);
    concord_removal rm[3] = {
        {0, 10, "dateline"},
        {58, 77, "share"},
        {77, 78, "a why from the future: \"quoted\" <x>"},
    };
    concord_clean *c = S_clean("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 said \"no\"",
                               "Caravanserai and AFP", "2022-01-12", 3, rm);
    int status = 0;
    assert_int_equal(concord_store_put_article(st, a, c, &status), 0);
    assert_int_equal(status, CONCORD_STORE_NEW);
    assert_int_equal(concord_store_put_article(st, a, c, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);

    concord_article *ga = NULL;
    concord_clean *gc = NULL;
    assert_int_equal(concord_store_get_article(st, "ru-1", &ga, &gc), 0);
    assert_string_equal(ga->id, a->id);
    assert_string_equal(ga->source, a->source);
    assert_string_equal(ga->url, a->url);
    assert_string_equal(ga->date, "");
    assert_string_equal(ga->title, a->title);
    assert_int_equal(ga->text_len, a->text_len);
    assert_memory_equal(ga->text, a->text, a->text_len);
    assert_string_equal(ga->origin, concord_store_path(st));
    assert_non_null(gc);
    assert_int_equal(gc->len, c->len);
    assert_string_equal(gc->text, c->text);
    assert_string_equal(gc->byline, "Caravanserai and AFP");
    assert_string_equal(gc->dateline, "MOSCOW");
    assert_string_equal(gc->date, "2022-01-12");
    assert_string_equal(gc->outlet, "");
    assert_int_equal(gc->n_removed, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(gc->removed[i].start, rm[i].start);
        assert_int_equal(gc->removed[i].end, rm[i].end);
        assert_string_equal(gc->removed[i].why, rm[i].why);
    }
    concord_article_free(ga);
    concord_clean_free(gc);

    /* A newer cleaner: same raw text, different cleaning -> updated in place. */
    concord_clean *c2 = S_clean("said no", "", "2022-01-13", 1, rm);
    assert_int_equal(concord_store_put_article(st, a, c2, &status), 0);
    assert_int_equal(status, CONCORD_STORE_RECLEANED);
    assert_int_equal(concord_store_put_article(st, a, c2, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);
    /* Without a cleaning result: nothing changes. */
    assert_int_equal(concord_store_put_article(st, a, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);
    int version = 0;
    assert_int_equal(concord_store_article_version(st, "ru-1", &version), 0);
    assert_int_equal(version, 1);
    assert_int_equal(concord_store_get_article(st, "ru-1", NULL, &gc), 0);
    assert_string_equal(gc->text, "said no");
    assert_string_equal(gc->date, "2022-01-13");
    assert_int_equal(gc->n_removed, 1);
    assert_string_equal(gc->removed[0].why, "dateline");
    concord_clean_free(gc);

    /* An article stored without cleaning gains one later. */
    concord_article *b = S_article("plain", "2022-01-01", "t", "x");
    assert_int_equal(concord_store_put_article(st, b, NULL, &status), 0);
    concord_clean *c3 = S_clean("x", "", "", 0, NULL);
    assert_int_equal(concord_store_put_article(st, b, c3, &status), 0);
    assert_int_equal(status, CONCORD_STORE_RECLEANED);
    assert_int_equal(concord_store_get_article(st, "plain", NULL, &gc), 0);
    assert_non_null(gc);
    assert_int_equal(gc->n_removed, 0);
    assert_string_equal(gc->text, "x");
    concord_clean_free(gc);

    concord_article_free(a);
    concord_article_free(b);
    concord_clean_free(c);
    concord_clean_free(c2);
    concord_clean_free(c3);
    concord_store_close(st);
}

/* A result of the real cleaner comes back identical, offsets mapping included. */
static void test_real_cleaner_roundtrip(void **state)
{
    (void)state;
    concord_store *st = S_open_new("cleaner.db");
    const char *raw =
        "ALMATY, Kazakhstan (AP) \xE2\x80\x94 Troops arrived in the city on Monday, officials "
        "said.\n\nSign up for our newsletter to get the latest news.\n\nThe president said "
        "order had been restored. Police detained more than 5,800 people.\n\nShare this "
        "article\n\nCopyright 2022 The Associated Press. All rights reserved.\n\n"
        "Comments\n\nJohn: first!\n";
    concord_article *a = S_article("real-1", "2022-01-10", "Troops arrive", raw);
    concord_clean *c = concord_clean_article(a);
    assert_non_null(c);
    print_message("real cleaner: %zu removals, %zu of %zu bytes kept\n", c->n_removed, c->len,
                  a->text_len);
    assert_int_equal(concord_store_put_article(st, a, c, NULL), 0);
    concord_clean *g = NULL;
    assert_int_equal(concord_store_get_article(st, "real-1", NULL, &g), 0);
    assert_non_null(g);
    assert_int_equal(g->len, c->len);
    assert_memory_equal(g->text, c->text, c->len);
    assert_string_equal(g->byline, c->byline);
    assert_string_equal(g->dateline, c->dateline);
    assert_string_equal(g->date, c->date);
    assert_string_equal(g->outlet, c->outlet);
    assert_int_equal(g->n_removed, c->n_removed);
    for (size_t i = 0; i < c->n_removed; i++) {
        assert_int_equal(g->removed[i].start, c->removed[i].start);
        assert_int_equal(g->removed[i].end, c->removed[i].end);
        assert_string_equal(g->removed[i].why, c->removed[i].why);
    }
    for (size_t off = 0; off <= c->len; off++)
        assert_int_equal(concord_clean_to_raw(g, off), concord_clean_to_raw(c, off));
    concord_clean_free(g);
    concord_clean_free(c);
    concord_article_free(a);
    concord_store_close(st);
}

static void test_long_text(void **state)
{
    (void)state;
    concord_store *st = S_open_new("long.db");
    size_t n = 10u << 20;
    char *text = concord_xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        text[i] = "abcdefgh ij\n\xC3\xA9"[i % 14];
    text[n - 1] = '.';
    text[n] = '\0';
    concord_article *a = concord_article_new("big", "s", "", "2022-01-01", "Big", text, n);
    concord_clean *c = S_clean("", "", "", 0, NULL);
    free(c->text);
    c->text = concord_xstrndup(text, n / 2);
    c->len = n / 2;
    int status = 0;
    assert_int_equal(concord_store_begin(st), 0);
    assert_int_equal(concord_store_put_article(st, a, c, &status), 0);
    assert_int_equal(concord_store_commit(st), 0);
    assert_int_equal(status, CONCORD_STORE_NEW);
    concord_article *ga = NULL;
    concord_clean *gc = NULL;
    assert_int_equal(concord_store_get_article(st, "big", &ga, &gc), 0);
    assert_int_equal(ga->text_len, n);
    assert_memory_equal(ga->text, text, n);
    assert_int_equal(gc->len, n / 2);
    assert_memory_equal(gc->text, text, n / 2);
    concord_article_free(ga);
    concord_clean_free(gc);
    concord_article_free(a);
    concord_clean_free(c);
    free(text);
    concord_store_close(st);
}

static void test_iterate_articles(void **state)
{
    (void)state;
    concord_store *st = S_open_new("iter.db");
    /* id, article date, date found in the text */
    const char *rows[][3] = {
        {"c", "2022-01-12", ""}, {"a", "2022-01-12", ""},           {"z", "", "2022-01-05"},
        {"m", "", ""},           {"b", "2022-01-03", "2021-12-31"},
    };
    const char *want[] = {"m", "b", "z", "a", "c"};
    assert_int_equal(concord_store_begin(st), 0);
    for (size_t i = 0; i < 5; i++) {
        concord_article *a = S_article(rows[i][0], rows[i][1], "t", rows[i][0]);
        concord_clean *c = S_clean(rows[i][0], "", rows[i][2], 0, NULL);
        assert_int_equal(concord_store_put_article(st, a, c, NULL), 0);
        concord_article_free(a);
        concord_clean_free(c);
    }
    assert_int_equal(concord_store_commit(st), 0);
    /* A new version of "c" replaces the old one in iteration. */
    concord_article *a = S_article("c", "2022-01-12", "t", "c v2");
    assert_int_equal(concord_store_put_article(st, a, NULL, NULL), 0);
    concord_article_free(a);

    concord_store_iter *it = NULL;
    assert_int_equal(concord_store_articles_begin(st, &it), 0);
    size_t k = 0;
    concord_article *ga;
    concord_clean *gc;
    int rc;
    while ((rc = concord_store_articles_next(it, &ga, &gc)) == 1) {
        assert_true(k < 5);
        assert_string_equal(ga->id, want[k]);
        if (!strcmp(ga->id, "c")) {
            assert_string_equal(ga->text, "c v2");
            assert_null(gc);
        } else {
            assert_non_null(gc);
        }
        concord_article_free(ga);
        concord_clean_free(gc);
        k++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(k, 5);
    assert_int_equal(concord_store_articles_next(it, &ga, &gc), 0);
    concord_store_articles_end(it);

    /* An iterator left open is finalized by close; ending it afterwards is safe. */
    assert_int_equal(concord_store_articles_begin(st, &it), 0);
    assert_int_equal(concord_store_articles_next(it, NULL, NULL), 1);
    concord_store_close(st);
    assert_true(concord_store_articles_next(it, NULL, NULL) < 0);
    concord_store_articles_end(it);
}

static void test_stories(void **state)
{
    (void)state;
    concord_store *st = S_open_new("stories.db");
    const char *m1[] = {"a1", "a2", "a3", "a2"};
    const char *m2[] = {"b1"};
    const char *m3[] = {"c1", "c2"};
    assert_int_equal(concord_store_begin(st), 0);
    assert_int_equal(concord_store_put_story(st, "s-2", "Second", "2022-01-08", "2022-01-09", 1, 1,
                                             0, "{\"story\":\"s-2\"}", m2, 1),
                     0);
    assert_int_equal(concord_store_put_story(st, "s-1", "First", "2022-01-06", "2022-01-12", 3, 2,
                                             1, "{\"story\":\"s-1\"}", m1, 4),
                     0);
    assert_int_equal(concord_store_put_story(st, "s-3", "Third", "2022-01-06", "2022-01-07", 2, 2,
                                             0, "{\"story\":\"s-3\"}", m3, 2),
                     0);
    assert_int_equal(concord_store_commit(st), 0);
    size_t n = 0;
    assert_int_equal(concord_store_count_stories(st, &n), 0);
    assert_int_equal(n, 3);

    char *doc = NULL;
    assert_int_equal(concord_store_get_story(st, "s-1", &doc), 0);
    assert_string_equal(doc, "{\"story\":\"s-1\"}");
    free(doc);
    assert_int_equal(concord_store_get_story(st, "s-9", &doc), CONCORD_STORE_NOT_FOUND);
    assert_null(doc);
    char *sid = NULL;
    assert_int_equal(concord_store_story_of(st, "a2", &sid), 0);
    assert_string_equal(sid, "s-1");
    free(sid);
    char **ids = NULL;
    assert_int_equal(concord_store_story_articles(st, "s-1", &ids, &n), 0);
    assert_int_equal(n, 3); /* the duplicate a2 stored once */
    assert_string_equal(ids[0], "a1");
    assert_string_equal(ids[2], "a3");
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);

    /* Replace s-1: a3 moves to s-3, a4 joins. */
    const char *m1b[] = {"a1", "a2", "a4"};
    const char *m3b[] = {"c1", "c2", "a3"};
    assert_int_equal(concord_store_put_story(st, "s-1", "First, updated", "2022-01-05",
                                             "2022-01-12", 3, 3, 0, "{\"v\":2}", m1b, 3),
                     0);
    assert_int_equal(concord_store_put_story(st, "s-3", "Third", "2022-01-06", "2022-01-07", 3, 2,
                                             0, "{\"story\":\"s-3\"}", m3b, 3),
                     0);
    assert_int_equal(concord_store_story_of(st, "a3", &sid), 0);
    assert_string_equal(sid, "s-3");
    free(sid);
    assert_int_equal(concord_store_story_of(st, "a4", &sid), 0);
    assert_string_equal(sid, "s-1");
    free(sid);
    assert_int_equal(concord_store_story_of(st, "zz", &sid), CONCORD_STORE_NOT_FOUND);
    assert_int_equal(concord_store_count_stories(st, &n), 0);
    assert_int_equal(n, 3);

    /* Iteration by first date, then id. */
    const char *order[] = {"s-1", "s-3", "s-2"};
    concord_store_iter *it = NULL;
    assert_int_equal(concord_store_stories_begin(st, &it), 0);
    concord_store_story *s;
    size_t k = 0;
    int rc;
    while ((rc = concord_store_stories_next(it, &s)) == 1) {
        assert_true(k < 3);
        assert_string_equal(s->story, order[k]);
        if (k == 0) {
            assert_string_equal(s->title, "First, updated");
            assert_string_equal(s->first, "2022-01-05");
            assert_string_equal(s->last, "2022-01-12");
            assert_int_equal(s->n_articles, 3);
            assert_int_equal(s->n_sources, 3);
            assert_int_equal(s->has_conflict, 0);
            assert_string_equal(s->doc, "{\"v\":2}");
        }
        concord_store_story_free(s);
        k++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(k, 3);
    concord_store_stories_end(it);

    /* Delete. */
    assert_int_equal(concord_store_delete_story(st, "s-2"), 0);
    assert_int_equal(concord_store_delete_story(st, "s-2"), CONCORD_STORE_NOT_FOUND);
    assert_int_equal(concord_store_story_of(st, "b1", &sid), CONCORD_STORE_NOT_FOUND);
    assert_int_equal(concord_store_story_articles(st, "s-2", &ids, &n), CONCORD_STORE_NOT_FOUND);
    assert_int_equal(concord_store_count_stories(st, &n), 0);
    assert_int_equal(n, 2);
    concord_store_close(st);
}

static void test_state(void **state)
{
    (void)state;
    concord_store *st = S_open_new("state.db");
    unsigned char blob[1000];
    for (size_t i = 0; i < sizeof blob; i++)
        blob[i] = (unsigned char)(i * 7); /* includes NUL bytes */
    assert_int_equal(concord_store_put_state(st, "cluster.summaries", blob, sizeof blob), 0);
    assert_int_equal(concord_store_put_state(st, "empty", NULL, 0), 0);
    void *p = NULL;
    size_t n = 0;
    assert_int_equal(concord_store_get_state(st, "cluster.summaries", &p, &n), 0);
    assert_int_equal(n, sizeof blob);
    assert_memory_equal(p, blob, sizeof blob);
    free(p);
    assert_int_equal(concord_store_get_state(st, "empty", &p, &n), 0);
    assert_non_null(p);
    assert_int_equal(n, 0);
    free(p);
    /* Overwrite, then read after reopening. */
    assert_int_equal(concord_store_put_state(st, "cluster.summaries", "v2", 2), 0);
    concord_store_close(st);
    st = concord_store_open(S_path("state.db"), 0);
    assert_non_null(st);
    assert_int_equal(concord_store_get_state(st, "cluster.summaries", &p, &n), 0);
    assert_int_equal(n, 2);
    assert_memory_equal(p, "v2", 2);
    free(p);
    assert_int_equal(concord_store_get_state(st, "missing", &p, &n), CONCORD_STORE_NOT_FOUND);
    assert_null(p);
    assert_int_equal(concord_store_delete_state(st, "empty"), 0);
    assert_int_equal(concord_store_delete_state(st, "empty"), CONCORD_STORE_NOT_FOUND);
    concord_store_close(st);
}

/* Packed state: round trip (with NUL bytes), stored smaller than it is when
 * it compresses, empty values, and a plain value read packed is refused. */
static void test_state_packed(void **state)
{
    (void)state;
    concord_store *st = S_open_new("state_packed.db");
    size_t big = 200000;
    unsigned char *blob = malloc(big);
    assert_non_null(blob);
    for (size_t i = 0; i < big; i++)
        blob[i] = (unsigned char)((i / 3) % 17); /* repetitive, NULs included */
    assert_int_equal(concord_store_put_state_packed(st, "g", blob, big), 0);
    assert_int_equal(concord_store_put_state_packed(st, "empty", NULL, 0), 0);
    assert_int_equal(concord_store_put_state(st, "plain", "abc", 3), 0);
    concord_store_close(st);
    st = concord_store_open(S_path("state_packed.db"), 0);
    assert_non_null(st);
    void *p = NULL;
    size_t n = 0;
    assert_int_equal(concord_store_get_state(st, "g", &p, &n), 0);
    assert_true(n < big / 10); /* stored compressed */
    free(p);
    assert_int_equal(concord_store_get_state_packed(st, "g", &p, &n), 0);
    assert_int_equal(n, big);
    assert_memory_equal(p, blob, big);
    free(p);
    assert_int_equal(concord_store_get_state_packed(st, "empty", &p, &n), 0);
    assert_non_null(p);
    assert_int_equal(n, 0);
    free(p);
    assert_int_equal(concord_store_get_state_packed(st, "plain", &p, &n),
                     CONCORD_STORE_ERR_CORRUPT);
    assert_null(p);
    assert_int_equal(concord_store_get_state_packed(st, "missing", &p, &n),
                     CONCORD_STORE_NOT_FOUND);
    free(blob);
    concord_store_close(st);
}

static void test_batches(void **state)
{
    (void)state;
    concord_store *st = S_open_new("batch.db");
    assert_int_equal(concord_store_commit(st), CONCORD_STORE_ERR_MISUSE);
    assert_non_null(strstr(concord_store_errmsg(st), "no batch"));
    assert_int_equal(concord_store_rollback(st), CONCORD_STORE_ERR_MISUSE);
    assert_int_equal(concord_store_begin(st), 0);
    assert_int_equal(concord_store_begin(st), CONCORD_STORE_ERR_MISUSE);
    assert_int_equal(concord_store_in_batch(st), 1);
    char id[32];
    for (int i = 0; i < 10; i++) {
        snprintf(id, sizeof id, "r%d", i);
        concord_article *a = S_article(id, "2022-01-01", "t", id);
        assert_int_equal(concord_store_put_article(st, a, NULL, NULL), 0);
        concord_article_free(a);
    }
    /* A second connection does not see the open batch. */
    concord_store *reader = concord_store_open(S_path("batch.db"), 0);
    assert_non_null(reader);
    assert_int_equal(S_count(reader), 0);
    assert_int_equal(concord_store_rollback(st), 0);
    assert_int_equal(S_count(st), 0);

    assert_int_equal(concord_store_begin(st), 0);
    for (int i = 0; i < 10; i++) {
        snprintf(id, sizeof id, "k%d", i);
        concord_article *a = S_article(id, "2022-01-01", "t", id);
        assert_int_equal(concord_store_put_article(st, a, NULL, NULL), 0);
        concord_article_free(a);
    }
    assert_int_equal(S_count(reader), 0);
    assert_int_equal(concord_store_commit(st), 0);
    assert_int_equal(S_count(reader), 10);
    /* A failing call inside a batch leaves the batch usable. */
    assert_int_equal(concord_store_begin(st), 0);
    concord_article *bad = S_article("x", "", "", "");
    free(bad->id);
    bad->id = concord_xstrdup("");
    assert_int_equal(concord_store_put_article(st, bad, NULL, NULL), CONCORD_STORE_ERR_MISUSE);
    concord_article_free(bad);
    concord_article *good = S_article("after-error", "", "t", "b");
    assert_int_equal(concord_store_put_article(st, good, NULL, NULL), 0);
    concord_article_free(good);
    /* close with a batch open rolls it back */
    concord_store_close(st);
    assert_int_equal(S_count(reader), 10);
    concord_store_close(reader);
}

static void S_write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

/* Opening p must fail with code, and leave the file byte for byte as it was. */
static void S_expect_refused(const char *p, int create, int code, const char *words)
{
    size_t n0, n1;
    char *before = concord_read_file(p, &n0);
    concord_store *st = concord_store_open(p, create);
    assert_null(st);
    assert_int_equal(concord_store_errcode(NULL), code);
    const char *msg = concord_store_errmsg(NULL);
    assert_non_null(strstr(msg, p));
    if (!strstr(msg, words))
        fail_msg("message '%s' lacks '%s'", msg, words);
    char *after = concord_read_file(p, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);
    char side[600];
    snprintf(side, sizeof side, "%s-wal", p);
    assert_int_equal(access(side, F_OK), -1);
}

static void test_errors(void **state)
{
    (void)state;
    /* A text file. */
    const char *text = "id\ttitle\nthis is not a database, just some text\n";
    char *p = S_path("notes.txt");
    S_write_file(p, text, strlen(text));
    S_expect_refused(p, 0, CONCORD_STORE_ERR_NOTDB, "not an SQLite database");
    S_expect_refused(p, 1, CONCORD_STORE_ERR_NOTDB, "not an SQLite database");

    /* A binary file the size of a few pages. */
    char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 31 + 7);
    p = S_path("junk.bin");
    S_write_file(p, junk, sizeof junk);
    S_expect_refused(p, 1, CONCORD_STORE_ERR_NOTDB, "not an SQLite database");

    /* Another program's SQLite database. */
    p = S_path("other.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    S_expect_refused(p, 1, CONCORD_STORE_ERR_NOTDB, "another program");

    /* A store written by a newer concord. */
    p = S_path("newer.db");
    unlink(p);
    concord_store *st = concord_store_open(p, 1);
    assert_non_null(st);
    concord_article *a = S_article("n1", "", "t", "b");
    assert_int_equal(concord_store_put_article(st, a, NULL, NULL), 0);
    concord_article_free(a);
    concord_store_close(st);
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    S_expect_refused(p, 1, CONCORD_STORE_ERR_SCHEMA, "newer");

    /* An empty file is not a store unless asked to create one. */
    p = S_path("empty.db");
    S_write_file(p, "", 0);
    S_expect_refused(p, 0, CONCORD_STORE_ERR_NOTDB, "empty database");
    st = concord_store_open(p, 1);
    assert_non_null(st);
    concord_store_close(st);

    /* Missing file, directory. */
    assert_null(concord_store_open(S_path("missing.db"), 0));
    assert_int_equal(concord_store_errcode(NULL), CONCORD_STORE_ERR_IO);
    assert_non_null(strstr(concord_store_errmsg(NULL), "no such store"));
    assert_null(concord_store_open(S_dir, 1));
    assert_non_null(strstr(concord_store_errmsg(NULL), "directory"));
    assert_null(concord_store_open(S_path("no/such/dir/x.db"), 1));
    assert_int_equal(concord_store_errcode(NULL), CONCORD_STORE_ERR_IO);
    assert_null(concord_store_open(NULL, 1));

    /* A damaged removed list is reported, not trusted. */
    p = S_path("damaged.db");
    unlink(p);
    st = concord_store_open(p, 1);
    assert_non_null(st);
    a = S_article("d1", "", "t", "body");
    concord_clean *c = S_clean("body", "", "", 0, NULL);
    assert_int_equal(concord_store_put_article(st, a, c, NULL), 0);
    assert_int_equal(sqlite3_exec(concord_store_sqlite(st),
                                  "UPDATE articles SET removed='[{\"start\":1}' WHERE id='d1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    concord_article *ga = (concord_article *)1;
    concord_clean *gc = (concord_clean *)1;
    assert_int_equal(concord_store_get_article(st, "d1", &ga, &gc), CONCORD_STORE_ERR_CORRUPT);
    assert_null(ga);
    assert_null(gc);
    assert_non_null(strstr(concord_store_errmsg(st), "removed"));
    assert_int_equal(sqlite3_exec(concord_store_sqlite(st),
                                  "UPDATE articles SET removed='[{\"start\":1,\"end\":\"x\"}]'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(concord_store_get_article(st, "d1", &ga, &gc), CONCORD_STORE_ERR_CORRUPT);
    /* the article alone is still readable */
    assert_int_equal(concord_store_get_article(st, "d1", &ga, NULL), 0);
    concord_article_free(ga);
    char *report = NULL;
    assert_int_equal(concord_store_check(st, &report), 0);
    assert_string_equal(report, "ok");
    free(report);
    concord_article_free(a);
    concord_clean_free(c);
    concord_store_close(st);
}

/* ---- kill -9 ------------------------------------------------------------ */

enum { S_BATCH = 50 };

/* The writer: commits batches of S_BATCH articles forever, reporting each
 * committed batch number on fd.  Ids are "b<batch>-<i>" so the parent can
 * check batches whole. */
static void S_writer(const char *path, int fd)
{
    concord_store *st = concord_store_open(path, 1);
    if (!st) {
        fprintf(stderr, "writer: %s\n", concord_store_errmsg(NULL));
        _exit(2);
    }
    size_t have = 0;
    if (concord_store_count_articles(st, &have))
        _exit(3);
    char text[2048];
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = "lorem ipsum dolor sit amet "[i % 27];
    text[sizeof text - 1] = '\0';
    for (long b = (long)(have / S_BATCH) + 1; b < 1000000; b++) {
        if (concord_store_begin(st))
            _exit(4);
        for (int i = 0; i < S_BATCH; i++) {
            char id[32];
            snprintf(id, sizeof id, "b%07ld-%02d", b, i);
            memcpy(text, id, strlen(id)); /* distinct content, no NUL inside */
            concord_article *a =
                concord_article_new(id, "wire", "", "2022-01-10", id, text, sizeof text - 1);
            concord_clean *c = S_clean(text, "", "", 0, NULL);
            int rc = concord_store_put_article(st, a, c, NULL);
            concord_article_free(a);
            concord_clean_free(c);
            if (rc) {
                fprintf(stderr, "writer: %s\n", concord_store_errmsg(st));
                _exit(5);
            }
        }
        if (concord_store_commit(st))
            _exit(6);
        if (write(fd, &b, sizeof b) != (ssize_t)sizeof b)
            _exit(7);
    }
    _exit(0);
}

static long S_query_long(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void test_kill9(void **state)
{
    (void)state;
    char *p = concord_xstrdup(S_path("kill9.db"));
    unlink(p);
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    long last = 0;
    for (int round = 0; round < 6; round++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            S_writer(p, fds[1]);
        }
        close(fds[1]);
        /* Let the writer commit a few batches, then kill it at a random point. */
        int wait_batches = 3 + round * 2;
        long b = 0;
        for (int k = 0; k < wait_batches; k++) {
            ssize_t r = read(fds[0], &b, sizeof b);
            if (r != (ssize_t)sizeof b)
                fail_msg("writer stopped early (read %zd)", r);
            last = b;
        }
        struct timespec ts = {0, (long)(rand() % 4000) * 1000L};
        nanosleep(&ts, NULL);
        assert_int_equal(kill(pid, SIGKILL), 0);
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
            fail_msg("writer ended by itself (status %d)", status);
        /* Batches reported before death were committed. */
        while (read(fds[0], &b, sizeof b) == (ssize_t)sizeof b)
            last = b;
        close(fds[0]);

        concord_store *st = concord_store_open(p, 0);
        if (!st)
            fail_msg("reopen after kill: %s", concord_store_errmsg(NULL));
        char *report = NULL;
        int rc = concord_store_check(st, &report);
        if (rc)
            fail_msg("integrity_check: %s", report);
        assert_string_equal(report, "ok");
        free(report);
        size_t n = 0;
        assert_int_equal(concord_store_count_articles(st, &n), 0);
        if (n % S_BATCH || n < (size_t)last * S_BATCH)
            fail_msg("round %d: %zu articles after kill, last committed batch %ld", round, n, last);
        print_message("kill -9 round %d: last reported batch %ld, %zu batches stored\n", round,
                      last, n / S_BATCH);
        sqlite3 *db = concord_store_sqlite(st);
        /* Every batch whole, numbered 1..n/50 without gaps. */
        assert_int_equal(S_query_long(db, "SELECT count(*) FROM (SELECT substr(id, 1, 8) AS b"
                                          " FROM articles GROUP BY b HAVING count(*) != 50)"),
                         0);
        assert_int_equal(S_query_long(db, "SELECT count(DISTINCT substr(id, 1, 8))"
                                          " FROM articles"),
                         (long)(n / S_BATCH));
        assert_int_equal(S_query_long(db, "SELECT max(CAST(substr(id, 2, 7) AS INTEGER))"
                                          " FROM articles"),
                         (long)(n / S_BATCH));
        /* Every article readable and whole. */
        concord_article *a = NULL;
        concord_clean *c = NULL;
        char id[32];
        snprintf(id, sizeof id, "b%07ld-%02d", last, S_BATCH - 1);
        assert_int_equal(concord_store_get_article(st, id, &a, &c), 0);
        assert_int_equal(a->text_len, 2047);
        assert_non_null(c);
        assert_int_equal(c->len, 2047);
        concord_article_free(a);
        concord_clean_free(c);
        concord_store_close(st);
    }
    free(p);
}

/* Two processes writing batches to one store at once: the busy timeout
 * serializes them, nothing is lost. */
static void test_two_writers(void **state)
{
    (void)state;
    char *p = concord_xstrdup(S_path("two.db"));
    unlink(p);
    concord_store *st = concord_store_open(p, 1); /* schema first */
    assert_non_null(st);
    concord_store_close(st);
    pid_t pids[2];
    for (int w = 0; w < 2; w++) {
        fflush(NULL);
        pids[w] = fork();
        assert_true(pids[w] >= 0);
        if (pids[w] == 0) {
            concord_store *ws = concord_store_open(p, 0);
            if (!ws)
                _exit(2);
            for (int b = 0; b < 20; b++) {
                if (concord_store_begin(ws))
                    _exit(3);
                for (int i = 0; i < S_BATCH; i++) {
                    char id[32];
                    snprintf(id, sizeof id, "w%d-%02d-%02d", w, b, i);
                    concord_article *a = S_article(id, "2022-01-01", "t", id);
                    int rc = concord_store_put_article(ws, a, NULL, NULL);
                    concord_article_free(a);
                    if (rc)
                        _exit(4);
                }
                if (concord_store_commit(ws)) {
                    fprintf(stderr, "writer %d: %s\n", w, concord_store_errmsg(ws));
                    _exit(5);
                }
            }
            concord_store_close(ws);
            _exit(0);
        }
    }
    for (int w = 0; w < 2; w++) {
        int status = 0;
        assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    st = concord_store_open(p, 0);
    assert_non_null(st);
    assert_int_equal(S_count(st), 2 * 20 * S_BATCH);
    assert_int_equal(concord_store_check(st, NULL), 0);
    concord_store_close(st);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_settings),   cmocka_unit_test(test_idempotent_and_versions),
        cmocka_unit_test(test_roundtrip_clean), cmocka_unit_test(test_real_cleaner_roundtrip),
        cmocka_unit_test(test_long_text),       cmocka_unit_test(test_iterate_articles),
        cmocka_unit_test(test_stories),         cmocka_unit_test(test_state),
        cmocka_unit_test(test_state_packed),    cmocka_unit_test(test_batches),
        cmocka_unit_test(test_errors),          cmocka_unit_test(test_kill9),
        cmocka_unit_test(test_two_writers),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
