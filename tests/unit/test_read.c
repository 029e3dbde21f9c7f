/* test_read.c: the readers on every bad input of issue 2 (invalid UTF-8, NUL
 * bytes, a 100 MB line, empty / binary / missing files, truncated and
 * non-object JSON lines, unreadable folders, symlink loops) plus mixed
 * folders, .gz, .json arrays, memory input and standard input.  Each check
 * also makes sure the good records around the bad ones still come out and
 * that messages carry file, line and byte position. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "concord/read.h"
#include "concord/experimental.h"

/* ---- helpers --------------------------------------------------------- */

typedef struct msg {
    char file[512];
    long line, pos;
    char text[1024];
} msg;

typedef struct capture {
    msg m[256];
    size_t n;
} capture;

/* Notes (what was assumed, what records lacked) go here, apart from the
 * problems each test counts in its own capture. */
static capture S_notes;

static void on_diag(void *ctx, const char *file, long line, long pos, const char *text)
{
    capture *c = ctx;
    if (c->n >= sizeof c->m / sizeof *c->m)
        return;
    msg *m = &c->m[c->n++];
    snprintf(m->file, sizeof m->file, "%s", file ? file : "");
    m->line = line;
    m->pos = pos;
    snprintf(m->text, sizeof m->text, "%s", text);
}

/* Index of the first message whose text contains needle and whose file ends
 * with file_suffix (NULL: any), or -1. */
static int find_msg(const capture *c, const char *needle, const char *file_suffix)
{
    for (size_t k = 0; k < c->n; k++) {
        if (!strstr(c->m[k].text, needle))
            continue;
        if (file_suffix) {
            size_t a = strlen(c->m[k].file), b = strlen(file_suffix);
            if (a < b || strcmp(c->m[k].file + a - b, file_suffix) != 0)
                continue;
        }
        return (int)k;
    }
    return -1;
}

static void dump(const capture *c)
{
    for (size_t k = 0; k < c->n; k++)
        fprintf(stderr, "  diag %s:%ld:%ld: %s\n", c->m[k].file, c->m[k].line, c->m[k].pos,
                c->m[k].text);
}

static char tmpdir[512];

static void path_of(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", tmpdir, name);
}

static void write_file(const char *name, const void *data, size_t len)
{
    char p[1024];
    path_of(p, sizeof p, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    if (len)
        assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void write_str(const char *name, const char *s)
{
    write_file(name, s, strlen(s));
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static int setup(void **state)
{
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/concord_read_XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

typedef struct got {
    concord_article *a[64];
    size_t n;
} got;

static void read_all(concord_reader *r, got *g)
{
    concord_article *a;
    g->n = 0;
    while (concord_reader_next(r, &a)) {
        if (g->n < 64)
            g->a[g->n++] = a;
        else
            concord_article_free(a);
    }
}

static void got_free(got *g)
{
    for (size_t k = 0; k < g->n; k++)
        concord_article_free(g->a[k]);
    g->n = 0;
}

static concord_reader *open1(const char *name, concord_diag *d)
{
    char p[1024];
    path_of(p, sizeof p, name);
    const char *paths[] = {p};
    return concord_reader_open(paths, 1, d);
}

/* ---- JSON Lines ------------------------------------------------------ */

static void test_jsonl_bad_lines(void **state)
{
    (void)state;
    static const char data[] =
        "{\"id\":\"a1\",\"source\":\"S\",\"url\":\"http://x.com/1\",\"date\":\"Jan. 12, 2022\","
        "\"title\":\"T1\",\"text\":\"one\",\"extra\":{\"n\":[1,2]}}\n" /* 1 */
        "{\"id\":\"a2\",\"title\":\"cut\n"                             /* 2 truncated */
        "[1,2,3]\n"                                                    /* 3 not object */
        "   \n"                                                        /* 4 blank */
        "{\"id\": 42, \"url\":\"https://www.site.org/a\",\"title\":\"T\xff\","
        "\"text\":\"bad \xc3\"}\n"                                        /* 5 bad UTF-8 */
        "{\"id\":\"a6\",\"text\":\"nul\\u0000here\"}\n"                   /* 6 \u0000 */
        "{\"id\":\"a7\",\"text\":\"raw\0nul\"}\n"                         /* 7 raw NUL */
        "{\"text\":\"no id\",\"date\":\"garbage\"}\n"                     /* 8 */
        "\"just a string\"\n"                                             /* 9 */
        "{\"id\":\"a10\",\"title\":\"crlf\",\"date\":\"2021-02-29\"}\r\n" /* 10 */
        "{\"id\":\"last\",\"text\":\"end\"}";                             /* 11, no newline */
    write_file("in.jsonl", data, sizeof data - 1);
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = open1("in.jsonl", d);
    got g;
    read_all(r, &g);
    if (g.n != 7)
        dump(&cap);
    assert_int_equal(g.n, 7);
    assert_string_equal(g.a[0]->id, "a1");
    assert_string_equal(g.a[0]->source, "S");
    assert_string_equal(g.a[0]->date, "2022-01-12");
    assert_string_equal(g.a[0]->text, "one");
    assert_int_equal(g.a[0]->line, 1);
    assert_int_equal(g.a[0]->bad_bytes, 0);
    assert_non_null(strstr(g.a[0]->origin, "in.jsonl"));

    assert_string_equal(g.a[1]->id, "42");
    assert_string_equal(g.a[1]->source, "site.org");
    assert_string_equal(g.a[1]->title, "T\xEF\xBF\xBD");
    assert_string_equal(g.a[1]->text, "bad \xEF\xBF\xBD");
    assert_int_equal(g.a[1]->bad_bytes, 2);
    assert_int_equal(g.a[1]->line, 5);

    assert_string_equal(g.a[2]->id, "a6");
    assert_string_equal(g.a[2]->text, "nul here");
    assert_int_equal(g.a[2]->bad_bytes, 1);
    assert_string_equal(g.a[3]->id, "a7");
    assert_string_equal(g.a[3]->text, "raw nul");
    assert_int_equal(g.a[3]->text_len, 7);
    assert_int_equal(g.a[3]->bad_bytes, 1);

    assert_int_equal(g.a[4]->id[0], 'h');
    assert_int_equal(strlen(g.a[4]->id), 17);
    assert_string_equal(g.a[4]->source, "unknown");
    assert_string_equal(g.a[4]->date, "");
    assert_string_equal(g.a[5]->id, "a10");
    assert_string_equal(g.a[5]->title, "crlf");
    assert_string_equal(g.a[5]->date, ""); /* 2021 is not a leap year */
    assert_string_equal(g.a[5]->text, "");
    assert_string_equal(g.a[6]->id, "last");
    assert_int_equal(g.a[6]->line, 11);
    assert_int_equal(concord_reader_skipped(r), 3);
    assert_int_equal(concord_reader_bytes(r), sizeof data - 1);

    /* line 2: truncated; error at the end of the line; absolute offset given */
    size_t line2_off = (size_t)(strchr(data, '\n') - data) + 1;
    size_t line2_len = strlen("{\"id\":\"a2\",\"title\":\"cut");
    int k = find_msg(&cap, "invalid JSON", "in.jsonl");
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 2);
    assert_int_equal(cap.m[k].pos, (long)line2_len);
    char want[64];
    snprintf(want, sizeof want, "offset %zu of the file", line2_off + line2_len);
    assert_non_null(strstr(cap.m[k].text, want));
    k = find_msg(&cap, "not a JSON object but an array", NULL);
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 3);
    k = find_msg(&cap, "not a JSON object but a string", NULL);
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 9);
    /* line 5: the first bad byte is the \xff in the title */
    k = find_msg(&cap, "2 invalid UTF-8 or NUL bytes replaced", NULL);
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 5);
    const char *l5 = strstr(data, "{\"id\": 42");
    assert_int_equal(cap.m[k].pos, (long)(strchr(l5, '\xff') - l5));
    k = find_msg(&cap, "1 invalid UTF-8 or NUL byte replaced", NULL);
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 6);
    assert_int_equal(cap.m[k].pos, (long)strlen("{\"id\":\"a6\",\"text\":\"nul"));
    /* nothing is said about the unparseable date */
    assert_int_equal(find_msg(&cap, "date", NULL), -1);
    assert_int_equal(cap.n, 6);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

static void test_long_line_lowered_max(void **state)
{
    (void)state;
    size_t big = 5000;
    char *s = malloc(big + 4000 + 200);
    size_t n = 0;
    n += (size_t)sprintf(s + n, "{\"id\":\"g1\"}\n");
    n += (size_t)sprintf(s + n, "{\"id\":\"big\",\"text\":\"");
    memset(s + n, 'x', big);
    n += big;
    n += (size_t)sprintf(s + n, "\"}\n{\"id\":\"g2\"}\n{\"text\":\"");
    memset(s + n, 'y', 3000);
    n += 3000;
    write_file("long.jsonl", s, n);
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = open1("long.jsonl", d);
    concord_reader_set_max_record(r, 1000);
    got g;
    read_all(r, &g);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.a[0]->id, "g1");
    assert_string_equal(g.a[1]->id, "g2");
    assert_int_equal(g.a[1]->line, 3);
    assert_int_equal(concord_reader_skipped(r), 2);
    int k = find_msg(&cap, "longer than the limit of 1000 bytes", "long.jsonl");
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 2);
    assert_int_equal(cap.m[k].pos, 0);
    assert_non_null(strstr(cap.m[k].text, "at offset 12"));
    assert_true(cap.n == 2 && cap.m[1].line == 4);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
    free(s);
}

static void test_long_line_accepted(void **state)
{
    (void)state;
    /* 3 MiB line: bigger than the read buffer, so the buffer has to grow */
    size_t big = (size_t)3 << 20;
    char *s = malloc(big + 200);
    size_t n = (size_t)sprintf(s, "{\"id\":\"big\",\"text\":\"");
    for (size_t k = 0; k < big; k++)
        s[n + k] = (char)('a' + k % 23);
    n += big;
    n += (size_t)sprintf(s + n, "\"}\n{\"id\":\"after\"}\n");
    write_file("grow.jsonl", s, n);
    free(s);
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = open1("grow.jsonl", d);
    got g;
    read_all(r, &g);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.a[0]->text_len, big);
    assert_string_equal(g.a[1]->id, "after");
    assert_int_equal(cap.n, 0);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

static void test_real_100mb_line(void **state)
{
    (void)state;
    /* a real 100 MB line against a 64 MiB limit: skipped while streaming */
    char p[1024];
    path_of(p, sizeof p, "huge.jsonl");
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs("{\"id\":\"before\"}\n{\"id\":\"huge\",\"text\":\"", f);
    char chunk[1 << 16];
    memset(chunk, 'z', sizeof chunk);
    size_t total = (size_t)100 << 20;
    for (size_t w = 0; w < total; w += sizeof chunk)
        fwrite(chunk, 1, sizeof chunk, f);
    fputs("\"}\n{\"id\":\"after\"}\n", f);
    fclose(f);
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = open1("huge.jsonl", d);
    concord_reader_set_max_record(r, (size_t)64 << 20);
    got g;
    read_all(r, &g);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.a[0]->id, "before");
    assert_string_equal(g.a[1]->id, "after");
    assert_int_equal(g.a[1]->line, 3);
    int k = find_msg(&cap, "longer than the limit", "huge.jsonl");
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 2);
    char want[64];
    snprintf(want, sizeof want, "line of %zu bytes",
             total + strlen("{\"id\":\"huge\",\"text\":\"\"}"));
    assert_non_null(strstr(cap.m[k].text, want));
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
    remove(p);
}

/* ---- whole files ----------------------------------------------------- */

static void test_empty_binary_missing(void **state)
{
    (void)state;
    write_str("empty.txt", "");
    write_str("empty.jsonl", "");
    write_str("blank.txt", "\n  \r\n\t\n");
    write_str("blank.jsonl", "\n\n  \n");
    unsigned char bin[8192];
    uint32_t x = 12345;
    for (size_t k = 0; k < sizeof bin; k++) {
        x = x * 1103515245u + 12345u;
        bin[k] = (unsigned char)(x >> 16);
    }
    write_file("binary.txt", bin, sizeof bin);
    write_file("binary.jsonl", bin, sizeof bin);
    write_file("utf16.txt", "\xff\xfeH\0i\0", 6);
    write_str("good.txt", "Good title\nGood body.\n");
    char p[8][1024];
    const char *names[] = {"empty.txt",  "empty.jsonl",  "blank.txt",   "blank.jsonl",
                           "binary.txt", "binary.jsonl", "missing.txt", "utf16.txt"};
    const char *paths[9];
    for (int k = 0; k < 8; k++) {
        path_of(p[k], sizeof p[k], names[k]);
        paths[k] = p[k];
    }
    char good[1024];
    path_of(good, sizeof good, "good.txt");
    paths[8] = good;
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = concord_reader_open(paths, 9, d);
    got g;
    read_all(r, &g);
    if (g.n != 1 || cap.n != 8)
        dump(&cap);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0]->id, "good");
    assert_string_equal(g.a[0]->title, "Good title");
    assert_string_equal(g.a[0]->text, "Good body.\n");
    assert_string_equal(g.a[0]->source, "unknown");
    assert_string_equal(g.a[0]->date, "");
    assert_int_equal(g.a[0]->line, 0);
    assert_int_equal(concord_reader_skipped(r), 8);
    assert_int_equal(cap.n, 8);
    const char *expect[][2] = {{"empty.txt", "empty file"},     {"empty.jsonl", "empty file"},
                               {"blank.txt", "empty file"},     {"blank.jsonl", "empty file"},
                               {"binary.txt", "binary file"},   {"binary.jsonl", "binary file"},
                               {"missing.txt", "No such file"}, {"utf16.txt", "UTF-16"}};
    for (int k = 0; k < 8; k++) {
        int m = find_msg(&cap, expect[k][1], expect[k][0]);
        if (m < 0)
            fail_msg("no '%s' message for %s", expect[k][1], expect[k][0]);
        assert_int_equal(cap.m[m].line, 0);
    }
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

static void test_text_repair(void **state)
{
    (void)state;
    static const char data[] = "\n \nTitle line \r\nBody with bad \xff byte\nand NUL \0 here\n";
    write_file("repair.txt", data, sizeof data - 1);
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = open1("repair.txt", d);
    got g;
    read_all(r, &g);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0]->id, "repair");
    assert_string_equal(g.a[0]->title, "Title line");
    assert_string_equal(g.a[0]->text, "Body with bad \xEF\xBF\xBD byte\nand NUL   here\n");
    assert_int_equal(g.a[0]->text_len, strlen(g.a[0]->text));
    assert_int_equal(g.a[0]->bad_bytes, 2);
    assert_int_equal(cap.n, 1);
    assert_int_equal(cap.m[0].line, 4);
    assert_int_equal(cap.m[0].pos, 14);
    assert_non_null(strstr(cap.m[0].text, "2 invalid UTF-8 or NUL bytes"));
    char want[64];
    snprintf(want, sizeof want, "offset %zu", (size_t)(strchr(data + 3, '\xff') - data));
    assert_non_null(strstr(cap.m[0].text, want));
    assert_int_equal(concord_reader_skipped(r), 0);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

/* ---- folders --------------------------------------------------------- */

static void write_gz(const char *name, const char *s, size_t len)
{
    char p[1024];
    path_of(p, sizeof p, name);
    gzFile z = gzopen(p, "wb");
    assert_non_null(z);
    assert_int_equal(gzwrite(z, s, (unsigned)len), (int)len);
    gzclose(z);
}

static void test_mixed_folder(void **state)
{
    (void)state;
    char p[1024], q[1024];
    path_of(p, sizeof p, "mix");
    mkdir(p, 0755);
    path_of(p, sizeof p, "mix/sub");
    mkdir(p, 0755);
    write_str("mix/b.jsonl", "{\"id\":\"b1\"}\n{\"id\":\"b2\"}\n");
    write_str("mix/a.txt", "A title\nA body\n");
    const char *gzl = "{\"id\":\"c1\",\"text\":\"zipped\"}\n{\"id\":\"c2\"}\n";
    write_gz("mix/c.jsonl.gz", gzl, strlen(gzl));
    write_str("mix/junk.bin", "whatever");
    write_str("mix/.hidden.txt", "Hidden\nnot read\n");
    write_str("mix/sub/d.txt", "D title\n");
    write_str("mix/z.ndjson", "{\"id\":\"z1\"}\n");
    write_str("mix/Y.TXT", "Upper\n");
    write_str("mix/caf\xe9.txt", "Latin-1 name\n");
    path_of(p, sizeof p, "mix/sub/loop");
    assert_int_equal(symlink("..", p), 0);
    path_of(q, sizeof q, "mix/sub/dangling.txt");
    assert_int_equal(symlink("nowhere.txt", q), 0);

    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = open1("mix", d);
    got g;
    read_all(r, &g);
    const char *want[] = {"Y", "a", "b1", "b2", "c1", "c2", "caf\xEF\xBF\xBD", "d", "z1"};
    if (g.n != 9)
        dump(&cap);
    assert_int_equal(g.n, 9);
    for (size_t k = 0; k < 9; k++)
        assert_string_equal(g.a[k]->id, want[k]);
    assert_string_equal(g.a[4]->text, "zipped");
    assert_non_null(strstr(g.a[6]->origin, "caf\xEF\xBF\xBD.txt"));
    assert_string_equal(g.a[7]->title, "D title");
    assert_string_equal(g.a[7]->text, "");
    assert_true(find_msg(&cap, "not an article file", "mix/junk.bin") >= 0);
    assert_true(find_msg(&cap, "symlink loop", "mix/sub/loop") >= 0);
    assert_true(find_msg(&cap, "No such file", "mix/sub/dangling.txt") >= 0);
    assert_int_equal(cap.n, 3);
    assert_int_equal(concord_reader_skipped(r), 3);
    assert_true(concord_reader_bytes(r) > 0);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

static void test_unreadable_folder(void **state)
{
    (void)state;
    if (geteuid() == 0) {
        fprintf(stderr, "  (running as root, which can read any folder: check skipped)\n");
        return;
    }
    char p[1024];
    path_of(p, sizeof p, "ur");
    mkdir(p, 0755);
    path_of(p, sizeof p, "ur/locked");
    mkdir(p, 0755);
    write_str("ur/locked/secret.txt", "Secret\n");
    write_str("ur/ok.txt", "Ok\nbody\n");
    write_str("ur/shut.jsonl", "{\"id\":\"no\"}\n");
    char shut[1024];
    path_of(shut, sizeof shut, "ur/shut.jsonl");
    chmod(shut, 0);
    chmod(p, 0);
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = open1("ur", d);
    got g;
    read_all(r, &g);
    chmod(p, 0755);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0]->id, "ok");
    int k = find_msg(&cap, "cannot read folder", "ur/locked");
    assert_true(k >= 0);
    assert_non_null(strstr(cap.m[k].text, "Permission denied"));
    k = find_msg(&cap, "cannot open: Permission denied", "ur/shut.jsonl");
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 0);
    assert_int_equal(concord_reader_skipped(r), 2);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

static void test_pretty_json_and_bom(void **state)
{
    (void)state;
    write_str("one.json",
              "{\n  \"id\": \"p1\",\n  \"title\": \"Pretty\",\n  \"text\": \"body\"\n}\n"
              "{\n  \"id\": \"p2\"\n}\n{\n  \"id\": \"p3\" \"x\"\n}\n");
    write_str("lines.json", "{\"id\":\"l1\"}\n{\"id\":\"l2\"}\n");
    write_str("bom.jsonl",
              "\xEF\xBB\xBF{\"id\":\"b1\"}\n\xEF\xBB\xBF{\"id\":\"b2\"}\n\xEF\xBB\xBF{\"id\":}\n");
    char a[1024], b[1024], c[1024];
    path_of(a, sizeof a, "one.json");
    path_of(b, sizeof b, "lines.json");
    path_of(c, sizeof c, "bom.jsonl");
    const char *paths[] = {a, b, c};
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = concord_reader_open(paths, 3, d);
    got g;
    read_all(r, &g);
    const char *want[] = {"p1", "p2", "l1", "l2", "b1", "b2"};
    if (g.n != 6)
        dump(&cap);
    assert_int_equal(g.n, 6);
    for (size_t k = 0; k < 6; k++)
        assert_string_equal(g.a[k]->id, want[k]);
    assert_string_equal(g.a[0]->title, "Pretty");
    assert_int_equal(g.a[1]->line, 6);
    int k = find_msg(&cap, "',' or '}' expected", "one.json");
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 10);
    assert_int_equal(cap.m[k].pos, 13);
    k = find_msg(&cap, "unexpected character", "bom.jsonl");
    assert_true(k >= 0);
    assert_int_equal(cap.m[k].line, 3);
    assert_int_equal(cap.m[k].pos, 3 + 6);
    assert_int_equal(cap.n, 2);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

/* Pretty-printed objects one after the other, then blank lines: each
 * article once (the blank tail once brought the first one back). */
static void test_pretty_json_blank_tail(void **state)
{
    (void)state;
    /* past the first read (S_SNIFF, 4 KiB), so the end of the input is
     * found while skipping the blank tail */
    char *seq = malloc(12000);
    char words[6001];
    memset(words, 'w', 6000);
    words[6000] = 0;
    snprintf(seq, 12000,
             "{\n  \"id\": \"t1\",\n  \"text\": \"one\"\n}\n"
             "{\n  \"id\": \"t2\",\n  \"text\": \"%s\"\n}\n\n  \n\n",
             words);
    write_str("tail.json", seq);
    free(seq);
    write_str(
        "tailarr.json",
        "[\n  {\"id\": \"a1\", \"text\": \"x\"},\n  {\"id\": \"a2\", \"text\": \"y\"}\n]\n\n  \n");
    char a[1024], b[1024];
    path_of(a, sizeof a, "tail.json");
    path_of(b, sizeof b, "tailarr.json");
    const char *paths[] = {a, b};
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    concord_reader *r = concord_reader_open(paths, 2, d);
    got g;
    read_all(r, &g);
    const char *want[] = {"t1", "t2", "a1", "a2"};
    if (g.n != 4)
        dump(&cap);
    assert_int_equal(g.n, 4);
    for (size_t k = 0; k < 4; k++)
        assert_string_equal(g.a[k]->id, want[k]);
    if (cap.n)
        dump(&cap);
    assert_int_equal(cap.n, 0);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

static void test_json_array_and_gz_errors(void **state)
{
    (void)state;
    write_str("arr.json",
              "  [ {\"id\":\"j1\",\"date\":\"12 January 2022\"}, 5,\n {\"id\":\"j2\"},\n"
              "  {\"id\":\"j3\", \"text\":\"x\xff\"},\n {\"id\":\"j4\" \"x\"} ]\n");
    /* a gzip file cut in half */
    char *lines = malloc(200000);
    size_t n = 0;
    for (int k = 0; n < 190000; k++)
        n += (size_t)sprintf(lines + n, "{\"id\":\"t%d\",\"text\":\"line %d %u\"}\n", k, k,
                             (unsigned)(k * 2654435761u));
    write_gz("cut.jsonl.gz", lines, n);
    free(lines);
    char p[1024];
    path_of(p, sizeof p, "cut.jsonl.gz");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(truncate(p, st.st_size / 2), 0);
    write_str("notes.md", "Notes title\nnotes body\n");

    char a[1024], b[1024], c[1024];
    path_of(a, sizeof a, "arr.json");
    path_of(b, sizeof b, "cut.jsonl.gz");
    path_of(c, sizeof c, "notes.md");
    const char *paths[] = {a, b, c};
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r = concord_reader_open(paths, 3, d);
    got g;
    concord_article *art;
    g.n = 0;
    size_t n_cut = 0;
    while (concord_reader_next(r, &art)) {
        if (strstr(art->origin, "cut.jsonl.gz")) {
            n_cut++;
            concord_article_free(art);
        } else {
            g.a[g.n++] = art;
        }
    }
    if (g.n != 4)
        dump(&cap);
    assert_int_equal(g.n, 4);
    assert_string_equal(g.a[0]->id, "j1");
    assert_string_equal(g.a[0]->date, "2022-01-12");
    assert_int_equal(g.a[0]->line, 1);
    assert_string_equal(g.a[1]->id, "j2");
    assert_int_equal(g.a[1]->line, 2);
    assert_string_equal(g.a[2]->id, "j3");
    assert_int_equal(g.a[2]->bad_bytes, 1);
    assert_string_equal(g.a[3]->id, "notes");
    assert_string_equal(g.a[3]->title, "Notes title");
    assert_true(n_cut > 100);
    int e = find_msg(&cap, "array element 2 is not an object", "arr.json");
    assert_true(e >= 0);
    assert_int_equal(cap.m[e].line, 1);
    e = find_msg(&cap, "1 invalid UTF-8 or NUL byte replaced", "arr.json");
    assert_true(e >= 0);
    assert_int_equal(cap.m[e].line, 3);
    assert_int_equal(cap.m[e].pos, 23);
    e = find_msg(&cap, "',' or '}' expected", "arr.json");
    assert_true(e >= 0);
    assert_int_equal(cap.m[e].line, 4);
    assert_int_equal(cap.m[e].pos, 12);
    int k = find_msg(&cap, "read error", "cut.jsonl.gz");
    if (k < 0)
        dump(&cap);
    assert_true(k >= 0);
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

/* ---- memory and standard input --------------------------------------- */

static void test_memory(void **state)
{
    (void)state;
    static const char jl[] = "{\"id\":\"m1\"}\nnot json\n{\"id\":\"m2\"}";
    capture cap = {0};
    concord_diag *d = concord_diag_new(on_diag, &cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    concord_reader *r =
        concord_reader_open_memory("x.jsonl", jl, sizeof jl - 1, CONCORD_READ_AUTO, d);
    got g;
    read_all(r, &g);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.a[1]->id, "m2");
    assert_int_equal(cap.n, 1);
    assert_string_equal(cap.m[0].file, "x.jsonl");
    assert_int_equal(cap.m[0].line, 2);
    assert_int_equal(cap.m[0].pos, 0);
    got_free(&g);
    concord_reader_close(r);

    static const char tx[] = "Mem title\nmem body";
    r = concord_reader_open_memory("dir/note.txt", tx, sizeof tx - 1, CONCORD_READ_TEXT, d);
    read_all(r, &g);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0]->id, "note");
    assert_string_equal(g.a[0]->text, "mem body");
    got_free(&g);
    concord_reader_close(r);

    r = concord_reader_open_memory("-", "\n\n{\"id\":\"s\"}\n", 12, CONCORD_READ_AUTO, d);
    read_all(r, &g);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0]->id, "s");
    got_free(&g);
    concord_reader_close(r);
    concord_diag_free(d);
}

static void with_stdin(const char *name, const char *content, got *g, capture *cap)
{
    write_str(name, content);
    char p[1024];
    path_of(p, sizeof p, name);
    int saved = dup(STDIN_FILENO);
    int fd = open(p, O_RDONLY);
    assert_true(fd >= 0);
    dup2(fd, STDIN_FILENO);
    close(fd);
    concord_diag *d = concord_diag_new(on_diag, cap);
    S_notes.n = 0;
    concord_diag_on_note(d, on_diag, &S_notes);
    const char *paths[] = {"-"};
    concord_reader *r = concord_reader_open(paths, 1, d);
    read_all(r, g);
    concord_reader_close(r);
    concord_diag_free(d);
    dup2(saved, STDIN_FILENO);
    close(saved);
}

static void test_stdin(void **state)
{
    (void)state;
    capture cap = {0};
    got g;
    with_stdin("stdin1", "\n  {\"id\":\"s1\"}\n{\"id\":\"s2\",\"text\":\"x\"}\n{bad\n", &g, &cap);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.a[0]->id, "s1");
    assert_string_equal(g.a[0]->origin, "-");
    assert_int_equal(g.a[1]->line, 3);
    assert_int_equal(cap.n, 1);
    assert_string_equal(cap.m[0].file, "-");
    assert_int_equal(cap.m[0].line, 4);
    assert_int_equal(cap.m[0].pos, 1);
    /* s1 has neither title nor text: said once, in a note naming its line */
    assert_int_equal(S_notes.n, 1);
    assert_non_null(
        strstr(S_notes.m[0].text, "1 record with neither title nor text (first on line 2)"));
    got_free(&g);

    cap.n = 0;
    with_stdin(
        "stdin0",
        "{\"text\":\"a\",\"date\":\"someday\"}\n{\"text\":\"b\"}\n{\"id\":\"k\",\"text\":\"c\"}\n",
        &g, &cap);
    assert_int_equal(g.n, 3);
    assert_int_equal(cap.n, 0); /* not problems */
    assert_int_equal(S_notes.n, 1);
    assert_non_null(strstr(S_notes.m[0].text, "2 records without an id (first on line 1)"));
    assert_non_null(strstr(S_notes.m[0].text, "1 date that cannot be read (first on line 1)"));
    got_free(&g);

    cap.n = 0;
    with_stdin("stdin2", "\n  Piped title \nPiped body\n", &g, &cap);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0]->id, "stdin");
    assert_string_equal(g.a[0]->title, "Piped title");
    assert_string_equal(g.a[0]->text, "Piped body\n");
    assert_int_equal(cap.n, 0);
    got_free(&g);
}

/* Two severities: reports are counted and go to fn; notes are not counted
 * and go to the note callback once one is set. */
static void test_diag_severities(void **state)
{
    (void)state;
    capture *probs = calloc(1, sizeof *probs), *notes = calloc(1, sizeof *notes);
    concord_diag *d = concord_diag_new(on_diag, probs);
    concord_diag_note(d, "f", 1, 2, "a note before a note callback");
    concord_diag_on_note(d, on_diag, notes);
    concord_diag_report(d, "f", 3, 4, "a problem %d", 1);
    concord_diag_note(d, "f", 5, 6, "a note %d", 2);
    assert_int_equal(concord_diag_count(d), 1);
    assert_int_equal(probs->n, 2);
    assert_string_equal(probs->m[1].text, "a problem 1");
    assert_int_equal(notes->n, 1);
    assert_string_equal(notes->m[0].text, "a note 2");
    assert_int_equal(notes->m[0].line, 5);
    concord_diag_free(d);
    free(probs);
    free(notes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_bad_lines),
        cmocka_unit_test(test_long_line_lowered_max),
        cmocka_unit_test(test_long_line_accepted),
        cmocka_unit_test(test_real_100mb_line),
        cmocka_unit_test(test_empty_binary_missing),
        cmocka_unit_test(test_text_repair),
        cmocka_unit_test(test_mixed_folder),
        cmocka_unit_test(test_unreadable_folder),
        cmocka_unit_test(test_pretty_json_and_bom),
        cmocka_unit_test(test_pretty_json_blank_tail),
        cmocka_unit_test(test_json_array_and_gz_errors),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_diag_severities),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
