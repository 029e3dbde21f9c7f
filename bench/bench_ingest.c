/* bench_ingest: read + clean + analyze throughput (issue "foundation").
 *
 *   bench_ingest [--threads N] [INPUT...]   (default ../shared/data/gva-dev/articles.jsonl)
 *
 * Prints input MB, articles, seconds, MB/s, articles/s, peak RSS. Articles are
 * processed in chunks of 512, cleaned and analyzed across N threads, as the
 * pipeline does (without the store). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"

#define CHUNK 512

typedef struct {
    concord_article **arts;
    size_t n;
    int worker, threads;
    concord_analyzer *az;
    size_t words, sentences, removed;
} job;

static void *work(void *p)
{
    job *j = p;
    for (size_t i = (size_t)j->worker; i < j->n; i += (size_t)j->threads) {
        concord_clean *c = concord_clean_article(j->arts[i]);
        concord_doc *d = concord_analyze(j->az, c->text, c->len);
        j->words += d->n_words;
        j->sentences += d->n_sentences;
        j->removed += c->n_removed;
        concord_doc_free(d);
        concord_clean_free(c);
    }
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int threads = 2;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t n_inputs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = atoi(argv[++i]);
        else
            inputs[n_inputs++] = argv[i];
    }
    if (threads < 1 || threads > 16)
        threads = 2;
    if (!n_inputs) {
        const char *src = getenv("CONCORD_SOURCE_DIR");
        static char path[4096];
        snprintf(path, sizeof path, "%s/../shared/data/gva-dev/articles.jsonl", src ? src : ".");
        if (access(path, R_OK) != 0) {
            printf("bench_ingest: skipped: %s not found (give INPUT)\n", path);
            free(inputs);
            return 0;
        }
        inputs[n_inputs++] = path;
    }
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, 1);
    concord_reader *r = concord_reader_open(inputs, n_inputs, diag);
    job jobs[16];
    for (int w = 0; w < threads; w++) {
        memset(&jobs[w], 0, sizeof jobs[w]);
        jobs[w].az = concord_analyzer_new("english");
    }
    concord_article **arts = calloc(CHUNK, sizeof *arts);
    size_t total = 0;
    uint64_t bytes = 0;
    double t0 = now();
    for (;;) {
        size_t n = 0;
        while (n < CHUNK && concord_reader_next(r, &arts[n])) {
            bytes += arts[n]->text_len;
            n++;
        }
        if (!n)
            break;
        pthread_t th[16];
        for (int w = 0; w < threads; w++) {
            jobs[w].arts = arts;
            jobs[w].n = n;
            jobs[w].worker = w;
            jobs[w].threads = threads;
            if (w)
                pthread_create(&th[w], NULL, work, &jobs[w]);
        }
        work(&jobs[0]);
        for (int w = 1; w < threads; w++)
            pthread_join(th[w], NULL);
        for (size_t i = 0; i < n; i++)
            concord_article_free(arts[i]);
        total += n;
    }
    double secs = now() - t0;
    size_t words = 0, sentences = 0, removed = 0;
    for (int w = 0; w < threads; w++) {
        words += jobs[w].words;
        sentences += jobs[w].sentences;
        removed += jobs[w].removed;
        concord_analyzer_free(jobs[w].az);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    double mb = (double)bytes / 1e6;
    printf("bench_ingest: read+clean+analyze, %d thread%s\n", threads, threads == 1 ? "" : "s");
    printf("input          %s%s\n", inputs[0], n_inputs > 1 ? " ..." : "");
    printf("articles       %zu\n", total);
    printf("text_mb        %.1f\n", mb);
    printf("words          %zu\n", words);
    printf("sentences      %zu\n", sentences);
    printf("removals       %zu\n", removed);
    printf("input_problems %zu\n", concord_diag_count(diag));
    printf("seconds        %.3f\n", secs);
    printf("mb_per_s       %.1f\n", secs > 0 ? mb / secs : 0);
    printf("articles_per_s %.0f\n", secs > 0 ? (double)total / secs : 0);
    printf("cpu_seconds    %.3f (all threads; a loaded machine stretches wall time, not this)\n",
           cpu);
    printf("mb_per_cpu_s   %.1f\n", cpu > 0 ? mb / cpu : 0);
    printf("peak_rss_mb    %.1f\n", (double)ru.ru_maxrss / 1024.0);
    concord_reader_close(r);
    concord_diag_free(diag);
    free(arts);
    free(inputs);
    return 0;
}
