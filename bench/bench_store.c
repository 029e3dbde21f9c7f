/* bench_store: throughput of the SQLite store.
 *
 *   bench_store [N [PATH]]
 *
 * Stores N synthetic articles (default 100000; ~3 KB of raw text each, with a
 * cleaning result of ~2.8 KB and two removals) in batches of 1000, then
 * re-adds them all (every one SAME, the `concord add` rerun case), looks up
 * min(N, 100000) random ids, and iterates over every article in (date, id)
 * order.  Prints articles/s and MB/s (raw text bytes) for each phase, the
 * database file size and the peak RSS.  PATH defaults to
 * $TMPDIR/concord_bench_store.db and is deleted at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "concord.h"

enum { S_BATCH_SIZE = 1000 };

static const char *const S_words[] = {
    "the",       "government",    "said",      "troops",   "arrived", "in",        "Almaty",
    "on",        "Monday",        "after",     "protests", "over",    "fuel",      "prices",
    "turned",    "violent",       "police",    "detained", "more",    "than",      "people",
    "officials", "reported",      "of",        "and",      "a",       "security",  "forces",
    "were",      "killed",        "president", "declared", "state",   "emergency", "Москва",
    "заявила",   "Bürgermeister", "según",     "informó",  "2,030",   "5,800",     "city",
};

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t S_rng = 0x9E3779B97F4A7C15ULL;

static uint64_t S_rand(void)
{
    S_rng ^= S_rng << 13;
    S_rng ^= S_rng >> 7;
    S_rng ^= S_rng << 17;
    return S_rng;
}

/* ~3 KB of sentences from the word list, distinct per article. */
static void S_make_text(concord_buf *b, size_t k)
{
    concord_buf_clear(b);
    concord_buf_printf(b, "ALMATY \xE2\x80\x93 Report %zu. ", k);
    size_t nw = sizeof S_words / sizeof *S_words;
    while (b->len < 2850) {
        size_t words = 8 + S_rand() % 14;
        for (size_t i = 0; i < words; i++) {
            concord_buf_adds(b, S_words[S_rand() % nw]);
            concord_buf_addc(b, i + 1 < words ? ' ' : '.');
        }
        concord_buf_addc(b, ' ');
    }
    concord_buf_adds(b, "\nSign up for our newsletter. Share this article.\n");
}

static void S_id(char *out, size_t n, size_t k)
{
    snprintf(out, n, "bench-%09zu", k);
}

static concord_clean *S_clean_of(const concord_buf *raw)
{
    /* Remove the dateline (first 11 bytes) and the trailing prompt line. */
    const char *tail = strstr(raw->data, "\nSign up");
    size_t cut = tail ? (size_t)(tail - raw->data) : raw->len;
    concord_clean *c = concord_xcalloc(1, sizeof *c);
    c->text = concord_xstrndup(raw->data + 11, cut - 11);
    c->len = cut - 11;
    c->byline = concord_xstrdup("");
    c->dateline = concord_xstrdup("ALMATY");
    c->date = concord_xstrdup("");
    c->outlet = concord_xstrdup("");
    c->removed = concord_xmalloc(2 * sizeof *c->removed);
    c->removed[0] = (concord_removal){0, 11, "dateline"};
    c->removed[1] = (concord_removal){cut, raw->len, "newsletter"};
    c->n_removed = 2;
    return c;
}

static long long S_file_size(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 ? (long long)sb.st_size : 0;
}

static int S_die(concord_store *st, const char *what)
{
    fprintf(stderr, "bench_store: %s: %s\n", what, concord_store_errmsg(st));
    return 1;
}

/* Stores (or re-adds) articles 0..n-1; returns the raw bytes or -1. */
static double S_put_all(concord_store *st, size_t n, int want_status, concord_buf *text)
{
    double bytes = 0;
    char id[32];
    for (size_t k = 0; k < n; k++) {
        if (k % S_BATCH_SIZE == 0 && concord_store_begin(st))
            return -1;
        S_rng = 0x9E3779B97F4A7C15ULL ^ (k * 0x100000001B3ULL); /* same text on re-add */
        S_make_text(text, k);
        S_id(id, sizeof id, k);
        concord_article *a = concord_article_new(id, "wire.example", "https://wire.example/x",
                                                 k % 7 ? "2022-01-10" : "2022-01-09",
                                                 "Troops arrive", text->data, text->len);
        concord_clean *c = S_clean_of(text);
        int status = 0;
        int rc = concord_store_put_article(st, a, c, &status);
        bytes += (double)text->len;
        concord_article_free(a);
        concord_clean_free(c);
        if (rc)
            return -1;
        if (status != want_status) {
            fprintf(stderr, "bench_store: article %zu: status %s, expected %s\n", k,
                    concord_store_status_name(status), concord_store_status_name(want_status));
            return -1;
        }
        if ((k + 1) % S_BATCH_SIZE == 0 || k + 1 == n)
            if (concord_store_commit(st))
                return -1;
    }
    return bytes;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    if (!n)
        n = 1;
    char path[512];
    const char *tmp = getenv("TMPDIR");
    if (argc > 2)
        snprintf(path, sizeof path, "%s", argv[2]);
    else
        snprintf(path, sizeof path, "%s/concord_bench_store.db", tmp && *tmp ? tmp : "/tmp");
    char wal[600], shm[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    unlink(path);
    unlink(wal);
    unlink(shm);

    concord_store *st = concord_store_open(path, 1);
    if (!st)
        return S_die(NULL, "open");
    concord_buf text;
    concord_buf_init(&text);

    double t0 = S_now();
    double bytes = S_put_all(st, n, CONCORD_STORE_NEW, &text);
    if (bytes < 0)
        return S_die(st, "insert");
    double t_insert = S_now() - t0;
    printf("insert:  %zu articles in %.2f s: %.0f articles/s, %.1f MB/s (raw text), batches "
           "of %d\n",
           n, t_insert, (double)n / t_insert, bytes / 1e6 / t_insert, S_BATCH_SIZE);

    t0 = S_now();
    if (S_put_all(st, n, CONCORD_STORE_SAME, &text) < 0)
        return S_die(st, "re-add");
    double t_readd = S_now() - t0;
    printf("re-add:  %zu articles (all same) in %.2f s: %.0f articles/s, %.1f MB/s\n", n, t_readd,
           (double)n / t_readd, bytes / 1e6 / t_readd);

    size_t m = n < 100000 ? n : 100000;
    char id[32];
    double got_bytes = 0;
    t0 = S_now();
    for (size_t i = 0; i < m; i++) {
        S_id(id, sizeof id, (size_t)(S_rand() % n));
        concord_article *a = NULL;
        concord_clean *c = NULL;
        if (concord_store_get_article(st, id, &a, &c))
            return S_die(st, "lookup");
        got_bytes += (double)a->text_len;
        concord_article_free(a);
        concord_clean_free(c);
    }
    double t_get = S_now() - t0;
    printf("lookup:  %zu random ids in %.2f s: %.0f lookups/s, %.1f MB/s (raw text)\n", m, t_get,
           (double)m / t_get, got_bytes / 1e6 / t_get);

    t0 = S_now();
    concord_store_iter *it = NULL;
    if (concord_store_articles_begin(st, &it))
        return S_die(st, "iterate");
    size_t seen = 0;
    concord_article *a;
    concord_clean *c;
    int rc;
    while ((rc = concord_store_articles_next(it, &a, &c)) == 1) {
        seen++;
        concord_article_free(a);
        concord_clean_free(c);
    }
    concord_store_articles_end(it);
    if (rc < 0 || seen != n)
        return S_die(st, "iterate");
    double t_iter = S_now() - t0;
    printf("iterate: %zu articles in (date, id) order in %.2f s: %.0f articles/s\n", seen, t_iter,
           (double)seen / t_iter);

    long long size = S_file_size(path) + S_file_size(wal);
    concord_store_close(st);
    long long closed = S_file_size(path);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("file:    %.1f MB (%.0f bytes/article; raw + cleaned text stored), %.1f MB after "
           "close\n",
           (double)size / 1e6, (double)size / (double)n, (double)closed / 1e6);
    printf("peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    concord_buf_free(&text);
    unlink(path);
    unlink(wal);
    unlink(shm);
    return 0;
}
