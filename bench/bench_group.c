/* bench_group: speed and memory of near-duplicate detection and story
 * clustering as the corpus grows.
 *
 *   bench_group [--threads T] CORPUS.jsonl N1 [N2 ...]
 *
 * CORPUS is a generated corpus (bench/gen_corpus: "gen_corpus - 1000000
 * big.jsonl"), whose "story" field is the gold.  For each size N the first N
 * articles are read, cleaned and analyzed by 2 worker threads in chunks
 * (features only are kept, as the pipeline does), then one grouper runs.
 * Prints per size (CPU time, so that a shared machine does not blur the
 * figures): features (MinHash + terms) MB/s per core over the cleaned text,
 * dedup MB/s (document frequencies, exact hash, LSH + verification; one
 * core), clustering articles/s (vectors on 2 threads, then sequential),
 * B-cubed F1 against the gold, the grouper's bytes per article, peak RSS.
 * Near-linear growth shows as flat per-article rates across sizes. */
#include "concord.h"
#include "concord/experimental.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double S_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double S_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double S_pcpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long S_peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

#define CHUNK 4096

typedef struct S_job {
    concord_article **arts;
    concord_features **out;
    size_t from, to;
    double analyze_cpu, feature_cpu;
    uint64_t clean_bytes;
} S_job;

static void *S_work(void *p)
{
    S_job *j = p;
    concord_analyzer *az = concord_analyzer_new("auto");
    for (size_t i = j->from; i < j->to; i++) {
        double c0 = S_cpu();
        concord_clean *c = concord_clean_article(j->arts[i]);
        concord_doc *d = concord_analyze(az, c->text, c->len);
        double c1 = S_cpu();
        j->out[i] = concord_features_new(j->arts[i], c, d);
        j->feature_cpu += S_cpu() - c1;
        j->analyze_cpu += c1 - c0;
        j->clean_bytes += c->len;
        concord_doc_free(d);
        concord_clean_free(c);
    }
    concord_analyzer_free(az);
    return NULL;
}

/* The gold: ids in one buffer (ids[at[i]..]), labels as their hashes, so
 * that the bench's own table (a million articles) stays small beside the
 * grouper it measures. */
typedef struct S_gold {
    char *ids;
    size_t len, cap_ids;
    size_t *at;
    uint64_t *label;
    size_t n, cap;
} S_gold;

int main(int argc, char **argv)
{
    int group_threads = 2; /* the grouper's threads (vectors, clustering scorings) */
    if (argc > 2 && !strcmp(argv[1], "--threads")) {
        group_threads = atoi(argv[2]);
        argc -= 2;
        argv += 2;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: bench_group [--threads T] CORPUS.jsonl N1 [N2 ...]\n");
        return 2;
    }
    FILE *probe = fopen(argv[1], "r");
    if (!probe) {
        printf("bench_group: %s not found: skipped (make one with gen_corpus)\n", argv[1]);
        return 77;
    }
    fclose(probe);
    printf("%9s %12s %11s %10s %10s %9s %9s %9s %8s %8s\n", "articles", "analyze_s", "feat_MB/s",
           "dedup_s", "dedup_MB/s", "clust_s", "clust_a/s", "stories", "B3_F1", "peakMB");
    for (int k = 2; k < argc; k++) {
        size_t want = (size_t)strtoull(argv[k], NULL, 10);
        /* gold labels straight from the JSON lines (the reader drops "story") */
        S_gold gold = {0};
        {
            FILE *f = fopen(argv[1], "r");
            char *line = NULL;
            size_t cap = 0;
            ssize_t len;
            while (gold.n < want && (len = getline(&line, &cap, f)) > 0) {
                concord_json *j = concord_json_parse(line, (size_t)len, NULL, NULL);
                const char *id = j ? concord_json_get_str(j, "id") : NULL;
                const char *st = j ? concord_json_get_str(j, "story") : NULL;
                if (id && st) {
                    size_t idlen = strlen(id) + 1;
                    CONCORD_GROW(gold.at, gold.cap, gold.n + 1);
                    gold.label = concord_xrealloc(gold.label, gold.cap * sizeof *gold.label);
                    CONCORD_GROW(gold.ids, gold.cap_ids, gold.len + idlen);
                    memcpy(gold.ids + gold.len, id, idlen);
                    gold.at[gold.n] = gold.len;
                    gold.len += idlen;
                    gold.label[gold.n++] = concord_hash(st, strlen(st), 3);
                }
                concord_json_free(j);
            }
            free(line);
            fclose(f);
        }

        const char *paths[1] = {argv[1]};
        concord_diag *dg = concord_diag_new(NULL, NULL);
        concord_diag_quiet(dg, 1);
        concord_reader *r = concord_reader_open(paths, 1, dg);
        concord_grouper *g = concord_grouper_new();
        concord_grouper_set_threads(g, group_threads);
        concord_article **arts = concord_xmalloc(CHUNK * sizeof *arts);
        concord_features **feats = concord_xmalloc(CHUNK * sizeof *feats);
        size_t n = 0;
        uint64_t clean_bytes = 0;
        double analyze_cpu = 0, feature_cpu = 0, t0 = S_now();
        size_t feature_bytes = 0;
        while (n < want) {
            size_t m = 0;
            concord_article *a;
            while (n + m < want && m < CHUNK && concord_reader_next(r, &a))
                arts[m++] = a;
            if (!m)
                break;
            S_job jobs[2] = {{arts, feats, 0, m / 2, 0, 0, 0}, {arts, feats, m / 2, m, 0, 0, 0}};
            pthread_t th;
            pthread_create(&th, NULL, S_work, &jobs[1]);
            S_work(&jobs[0]);
            pthread_join(th, NULL);
            for (int t = 0; t < 2; t++) {
                analyze_cpu += jobs[t].analyze_cpu;
                feature_cpu += jobs[t].feature_cpu;
                clean_bytes += jobs[t].clean_bytes;
            }
            for (size_t i = 0; i < m; i++) {
                feature_bytes += concord_features_bytes(feats[i]);
                concord_grouper_add(g, feats[i]);
                concord_article_free(arts[i]);
            }
            n += m;
        }
        double ingest = S_now() - t0;
        concord_reader_close(r);
        concord_diag_free(dg);
        free(arts);
        free(feats);

        double t1 = S_now(), c1 = S_pcpu(), m1 = S_cpu();
        concord_grouper_run(g);
        double run = S_now() - t1, run_cpu = S_pcpu() - c1, run_main = S_cpu() - m1;
        concord_group_stats st;
        concord_grouper_stats(g, &st);

        uint64_t *gl = concord_xmalloc((gold.n ? gold.n : 1) * sizeof *gl);
        uint64_t *pl = concord_xmalloc((gold.n ? gold.n : 1) * sizeof *pl);
        for (size_t i = 0; i < gold.n; i++) {
            gl[i] = gold.label[i];
            size_t s = concord_grouper_story_of(g, gold.ids + gold.at[i]);
            pl[i] = s == (size_t)-1 ? ((uint64_t)1 << 63) | i : s;
        }
        concord_eval_scores sc = concord_eval_labels(gl, pl, gold.n);
        double mb = (double)clean_bytes / 1e6;
        printf("%9zu %12.1f %11.1f %10.2f %10.1f %9.2f %9.0f %9zu %8.4f %8ld\n", n, analyze_cpu,
               mb / (feature_cpu > 0 ? feature_cpu : 1e-9), st.seconds_dedup,
               mb / (st.seconds_dedup > 0 ? st.seconds_dedup : 1e-9),
               st.seconds_cluster + st.seconds_merge,
               (double)n / (st.seconds_cluster + st.seconds_merge > 0
                                ? st.seconds_cluster + st.seconds_merge
                                : 1e-9),
               concord_grouper_n_stories(g), sc.bcubed_f1, S_peak_mb());
        printf("          (wall: ingest %.1f s with 2 threads, grouper run %.1f s (%.1f s CPU); "
               "features %.0f B/article;"
               " %zu duplicates, %zu thin, %zu joined, %zu new stories, %zu merges)\n",
               ingest, run, run_cpu, n ? (double)feature_bytes / (double)n : 0.0, st.duplicates,
               st.thin, st.joined, st.new_stories, st.merges);
        size_t spec_used, spec_redone;
        concord_grouper_spec_counts(g, &spec_used, &spec_redone);
        printf("          (grouper CPU: dedup %.2f s, clustering %.2f s, merge pass and second"
               " looks %.2f s; %.2f s of it on the calling thread, the run's critical path;"
               " clustering scorings made ahead: %zu used, %zu redone)\n",
               st.seconds_dedup, st.seconds_cluster, st.seconds_merge, run_main, spec_used,
               spec_redone);
        fflush(stdout);
        free(gl);
        free(pl);
        free(gold.ids);
        free(gold.at);
        free(gold.label);
        concord_grouper_free(g);
    }
    return 0;
}
