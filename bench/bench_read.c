/* bench_read: stage-1 figures.  Reads the inputs (default: the gva-dev JSON
 * Lines corpus under ../shared/data) through concord_reader, several passes
 * for a stable time, and prints MB/s, articles/s and peak RSS; then times the
 * JSON parser alone on one synthetic line holding a 64 MiB text field made of
 * the corpus's own text (escapes and non-ASCII included).
 *
 *   bench_read [--passes N] [--no-json] [PATH...]        (PATH may be a folder, .jsonl(.gz), .txt, -) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "concord/json.h"
#include "concord/read.h"
#include "concord/experimental.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long S_peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static const char *S_default_corpus(char *buf, size_t cap)
{
    const char *src = getenv("CONCORD_SOURCE_DIR");
    const char *cands[3] = {NULL, "../shared/data/gva-dev/articles.jsonl",
                            "../../shared/data/gva-dev/articles.jsonl"};
    if (src) {
        snprintf(buf, cap, "%s/../shared/data/gva-dev/articles.jsonl", src);
        cands[0] = buf;
    }
    for (int k = 0; k < 3; k++)
        if (cands[k] && access(cands[k], R_OK) == 0)
            return cands[k];
    return NULL;
}

int main(int argc, char **argv)
{
    int passes = 5, json_bench = 1;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t n_paths = 0;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--passes") == 0 && k + 1 < argc)
            passes = atoi(argv[++k]);
        else if (strcmp(argv[k], "--no-json") == 0)
            json_bench = 0;
        else
            paths[n_paths++] = argv[k];
    }
    if (passes < 1)
        passes = 1;
    char buf[4096];
    if (n_paths == 0) {
        const char *def = S_default_corpus(buf, sizeof buf);
        if (!def) {
            fprintf(stderr, "bench_read: gva-dev corpus not found (set CONCORD_SOURCE_DIR "
                            "or give paths); skipped\n");
            free(paths);
            return 77;
        }
        paths[n_paths++] = def;
    }
    if (n_paths == 1 && strcmp(paths[0], "-") == 0)
        passes = 1;

    concord_diag *d = concord_diag_new(NULL, NULL);
    uint64_t bytes = 0, text_bytes = 0;
    size_t articles = 0, skipped = 0, bad = 0;
    double t0 = S_now();
    /* the longest text kept: long-string parse input below */
    char *longest = NULL;
    size_t longest_len = 0;
    for (int pass = 0; pass < passes; pass++) {
        if (pass == 1)
            concord_diag_quiet(d, 1); /* report problems once */
        concord_reader *r = concord_reader_open(paths, n_paths, d);
        concord_article *a;
        while (concord_reader_next(r, &a)) {
            articles++;
            text_bytes += a->text_len;
            bad += a->bad_bytes;
            if (pass == 0 && a->text_len > longest_len) {
                free(longest);
                longest = malloc(a->text_len + 1);
                memcpy(longest, a->text, a->text_len + 1);
                longest_len = a->text_len;
            }
            concord_article_free(a);
        }
        bytes += concord_reader_bytes(r);
        skipped += concord_reader_skipped(r);
        concord_reader_close(r);
    }
    double dt = S_now() - t0;
    printf("read: %s%s, %d pass%s\n", paths[0], n_paths > 1 ? " ..." : "", passes,
           passes == 1 ? "" : "es");
    printf("read: %zu articles/pass, %.1f MB input/pass, %zu skipped, %zu bad bytes, "
           "%zu diag messages\n",
           articles / (size_t)passes, bytes / 1e6 / passes, skipped / (size_t)passes,
           bad / (size_t)passes, concord_diag_count(d));
    printf("read: %.1f MB/s, %.0f articles/s (%.3f s); article text %.1f MB/pass\n",
           bytes / 1e6 / dt, articles / dt, dt, text_bytes / 1e6 / passes);
    printf("read: peak RSS %.1f MiB\n", S_peak_kib() / 1024.0);

    /* JSON parser alone on one long text field, built from real article text */
    if (longest_len && json_bench) {
        size_t target = (size_t)64 << 20;
        concord_buf line;
        concord_buf_init(&line);
        concord_buf_adds(&line, "{\"id\":\"long\",\"text\":");
        concord_buf body;
        concord_buf_init(&body);
        while (body.len < target)
            concord_buf_add(&body, longest, longest_len);
        concord_json_strn(&line, body.data, body.len);
        concord_buf_adds(&line, "}");
        concord_buf_free(&body);
        int reps = 5;
        double p0 = S_now();
        for (int k = 0; k < reps; k++) {
            concord_json *j = concord_json_parse(line.data, line.len, NULL, NULL);
            if (!j) {
                fprintf(stderr, "bench_read: synthetic line did not parse\n");
                return 1;
            }
            concord_json_free(j);
        }
        double pt = S_now() - p0;
        printf("json: %.0f MB/s parsing a %.0f MB line with one long text field\n",
               line.len * (double)reps / 1e6 / pt, line.len / 1e6);
        concord_buf_free(&line);
    }
    printf("peak RSS %.1f MiB (including the synthetic line)\n", S_peak_kib() / 1024.0);
    free(longest);
    free(paths);
    concord_diag_free(d);
    return 0;
}
