/* Unit tests for issue 18's library pieces: inert text for terminals, JSON
 * line separators, the store's ungrouped list, writer lock and read-only
 * open, and outputs that are complete or absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"

static char S_dir[256];

static char *S_path(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", S_dir, name);
    return buf[k];
}

static int S_setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(S_dir, sizeof S_dir, "%s/concord_rel_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(S_dir) ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *S_visible(const char *s, unsigned flags)
{
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_add_visible(&b, s, strlen(s), flags);
    concord_buf_addc(&b, '\0');
    return concord_buf_detach(&b, NULL);
}

static void test_visible_text(void **state)
{
    (void)state;
    char *v = S_visible("a\033[2Jb\007c\x7f", 0);
    assert_string_equal(v, "a^[[2Jb^Gc^?");
    free(v);
    v = S_visible("line\nnext", 0);
    assert_string_equal(v, "line^Jnext");
    free(v);
    v = S_visible("line\nnext\tx", CONCORD_VISIBLE_SPACES);
    assert_string_equal(v, "line next x");
    free(v);
    /* C1 CSI, RIGHT-TO-LEFT OVERRIDE, LINE SEPARATOR, a stray byte; é kept */
    v = S_visible("\xc2\x9b"
                  "2J \xe2\x80\xae x\xe2\x80\xa8y \xff \xc3\xa9",
                  0);
    assert_string_equal(v, "\\u009b2J \\u202e x\\u2028y \\xff \xc3\xa9");
    free(v);
}

static void test_json_visible(void **state)
{
    (void)state;
    const char *doc = "{\"title\":\"Storm \\u001b[2J\\u0007 \\\\u001b \xc2\x9b end\\n\","
                      "\"n\":[1,\"a\\tb\"],\"k\\u001b\":\"\\ud83d\\ude00\"}";
    size_t n = 0;
    char *v = concord_json_visible(doc, strlen(doc), &n);
    concord_json *j = concord_json_parse(v, n, NULL, NULL);
    assert_non_null(j);
    /* an escaped backslash followed by u001b is text, kept as it was */
    assert_string_equal(concord_json_get_str(j, "title"), "Storm ^[[2J^G \\u001b \\u009b end ");
    const concord_json *arr = concord_json_get(j, "n");
    assert_string_equal(arr->items[1]->str, "a b");
    assert_string_equal(concord_json_get_str(j, "k^["), "\xf0\x9f\x98\x80");
    concord_json_free(j);
    free(v);
}

static void test_json_line_separators(void **state)
{
    (void)state;
    concord_buf b;
    concord_buf_init(&b);
    concord_json_str(&b, "a\xe2\x80\xa8"
                         "b\xe2\x80\xa9"
                         "c\xe2\x80\xaa"
                         "d\xc2\x9b"
                         "e\xc2\xa0");
    concord_buf_addc(&b, '\0');
    assert_string_equal(b.data, "\"a\\u2028b\\u2029c\xe2\x80\xaa"
                                "d\\u009b"
                                "e\xc2\xa0\"");
    concord_buf_free(&b);
}

static void test_store_ungrouped(void **state)
{
    (void)state;
    concord_store *st = concord_store_open(S_path("u.db"), 1);
    assert_non_null(st);
    concord_article *a = concord_article_new("a1", "s", "", "2024-01-01", "T", "text", 4);
    concord_article *b = concord_article_new("b1", "s", "", "2024-01-01", "T", "other", 5);
    int status;
    assert_int_equal(concord_store_put_article(st, a, NULL, &status), 0);
    assert_int_equal(concord_store_put_article(st, b, NULL, &status), 0);
    char **ids;
    size_t n;
    assert_int_equal(concord_store_ungrouped(st, &ids, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(ids[0], "a1");
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    assert_int_equal(concord_store_mark_grouped(st), 0);
    assert_int_equal(concord_store_ungrouped(st, &ids, &n), 0);
    assert_int_equal(n, 0);
    free(ids);
    /* the same content again is not ungrouped; changed content is */
    assert_int_equal(concord_store_put_article(st, a, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_SAME);
    concord_article *a2 = concord_article_new("a1", "s", "", "2024-01-01", "T", "new text", 8);
    assert_int_equal(concord_store_put_article(st, a2, NULL, &status), 0);
    assert_int_equal(status, CONCORD_STORE_CHANGED);
    assert_int_equal(concord_store_ungrouped(st, &ids, &n), 0);
    assert_int_equal(n, 1);
    free(ids[0]);
    free(ids);
    concord_article_free(a);
    concord_article_free(a2);
    concord_article_free(b);
    concord_store_close(st);

    /* read-only: reads work, writes fail, the file is not changed */
    concord_store *ro = concord_store_open_readonly(S_path("u.db"));
    assert_non_null(ro);
    size_t count = 0;
    assert_int_equal(concord_store_count_articles(ro, &count), 0);
    assert_int_equal(count, 2);
    assert_true(concord_store_put_state(ro, "k", "v", 1) < 0);
    concord_store_close(ro);
    assert_null(concord_store_open_readonly(S_path("absent.db")));
}

static void test_store_lock(void **state)
{
    (void)state;
    const char *db = S_path("l.db");
    concord_store_lock *l1 = concord_store_lock_take(db, 0);
    assert_non_null(l1);
    concord_store_lock *l2 = concord_store_lock_take(db, 0.2);
    assert_null(l2);
    assert_int_equal(concord_store_errcode(NULL), CONCORD_STORE_ERR_BUSY);
    assert_non_null(strstr(concord_store_errmsg(NULL), "another concord run"));
    concord_store_lock_release(l1);
    l2 = concord_store_lock_take(db, 0);
    assert_non_null(l2);
    concord_store_lock_release(l2);
    assert_null(concord_store_lock_take("", 0));
}

static void test_outfile(void **state)
{
    (void)state;
    const char *path = S_path("out.txt");
    FILE *f;
    concord_outfile *o = concord_outfile_open(path, &f);
    assert_non_null(o);
    fputs("first\n", f);
    assert_int_equal(concord_outfile_commit(o), 0);
    /* an aborted write leaves the old file and no temporary file */
    o = concord_outfile_open(path, &f);
    fputs("half", f);
    concord_outfile_abort(o);
    size_t n = 0;
    char *text = concord_read_file(path, &n);
    assert_string_equal(text, "first\n");
    free(text);
    /* a stale temporary file of a process that is gone is swept */
    const char *stale = S_path(".out.txt.concord-tmp.999999999");
    FILE *s = fopen(stale, "w");
    fputs("x", s);
    fclose(s);
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    assert_int_equal(concord_outfile_sweep(S_dir, d), 1);
    assert_int_equal(concord_diag_count(d), 0); /* a note, not a problem */
    concord_diag_free(d);
    assert_int_not_equal(access(stale, F_OK), 0);
    /* a folder that does not exist: open fails, nothing created */
    assert_null(concord_outfile_open(S_path("no/such/file"), &f));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_visible_text),         cmocka_unit_test(test_json_visible),
        cmocka_unit_test(test_json_line_separators), cmocka_unit_test(test_store_ungrouped),
        cmocka_unit_test(test_store_lock),           cmocka_unit_test(test_outfile),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
