/* bench_pipeline: the whole `concord analyze` job, stage by stage.
 *
 *   bench_pipeline [--threads N] [--report] [INPUT...]
 *       (default ../shared/data/gva-dev/articles.jsonl)
 *
 * Runs concord_pipeline_run into a temporary folder and prints articles,
 * input MB, seconds per stage (ingest = read + clean + analyze + store,
 * group, explain), MB/s and articles/s of the whole job, stories and peak RSS,
 * and the CPU time of each stage (user + sys of all threads, told apart by
 * the pipeline's progress messages; write_report adds the report's thread
 * to "outputs"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"

static double S_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* CPU time (all threads) at each change of stage, told by the progress
 * messages: ingest ends at "grouping", grouping at "stories to explain",
 * explain at "linking quotes", the quote links at "writing outputs", the
 * outputs at the last call. */
static const char *const S_stage[] = {"ingest", "group", "explain", "quote_links", "outputs"};
static const char *const S_stage_end[] = {"grouping", "stories to explain", "linking quotes",
                                          "writing outputs", NULL};
static double S_stage_cpu[5];
static int S_at;

/* The calling thread's CPU time and the wall clock at each change of stage
 * too: in each stage the calling thread carries the part that no other
 * thread can take (the joins of the clustering, the store reads and
 * writes), so on an idle machine with C cores a stage takes at least the
 * larger of its calling thread's CPU and its CPU / C (printed as
 * wall_floor: what a loaded machine cannot blur). */
static double S_clock(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
static double S_stage_main[5], S_stage_wall[5], S_main0, S_wall0;

static void S_progress(void *ctx, const char *line)
{
    (void)ctx;
    double now = S_cpu();
    double main_now = S_clock(CLOCK_THREAD_CPUTIME_ID), wall_now = S_clock(CLOCK_MONOTONIC);
    for (int k = S_at; k < 5; k++)
        if (!line || (S_stage_end[k] && strstr(line, S_stage_end[k]))) {
            for (int q = S_at; q <= k;
                 q++) { /* stages without a message of their own end here too */
                S_stage_cpu[q] = now;
                S_stage_main[q] = main_now;
                S_stage_wall[q] = wall_now;
            }
            S_at = k + 1;
            break;
        }
}

int main(int argc, char **argv)
{
    int threads = 2, report = 0;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--report"))
            report = 1;
        else
            inputs[n++] = argv[i];
    }
    static char path[4096];
    if (!n) {
        const char *src = getenv("CONCORD_SOURCE_DIR");
        snprintf(path, sizeof path, "%s/../shared/data/gva-dev/articles.jsonl", src ? src : ".");
        if (access(path, R_OK) != 0) {
            printf("bench_pipeline: skipped: %s not found (give INPUT)\n", path);
            free(inputs);
            return 0;
        }
        inputs[n++] = path;
    }
    char dir[] = "/tmp/concord-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    concord_options o;
    concord_options_init(&o);
    o.outdir = dir;
    o.threads = threads;
    o.write_report = report;
    o.progress = 1;
    o.progress_fn = S_progress;
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    o.diag = d;
    concord_run_stats st;
    double cpu0 = S_cpu();
    S_main0 = S_clock(CLOCK_THREAD_CPUTIME_ID);
    S_wall0 = S_clock(CLOCK_MONOTONIC);
    int rc = concord_pipeline_run(inputs, n, &o, &st);
    if (rc != 0) {
        fprintf(stderr, "bench_pipeline: %s\n", concord_pipeline_errmsg());
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    double mb = (double)st.bytes / 1e6;
    printf("bench_pipeline: concord analyze, %d threads%s\n", threads,
           report ? ", with report" : "");
    printf("input            %s%s\n", inputs[0], n > 1 ? " ..." : "");
    printf("articles         %zu\n", st.articles);
    printf("input_mb         %.1f\n", mb);
    printf("stories          %zu\n", st.stories);
    printf("input_problems   %zu\n", concord_diag_count(d));
    printf("seconds_ingest   %.2f\n", st.seconds_ingest);
    printf("seconds_group    %.2f\n", st.seconds_group);
    printf("seconds_explain  %.2f\n", st.seconds_explain);
    printf("seconds_total    %.2f\n", st.seconds_total);
    printf("mb_per_s         %.1f\n", st.seconds_total > 0 ? mb / st.seconds_total : 0);
    printf("articles_per_s   %.0f\n",
           st.seconds_total > 0 ? (double)st.articles / st.seconds_total : 0);
    printf("cpu_seconds    %.3f (all threads; a loaded machine stretches wall time, not this)\n",
           cpu);
    printf("mb_per_cpu_s   %.1f\n", cpu > 0 ? mb / cpu : 0);
    for (int k = 0; k < 5; k++)
        printf("cpu_%-12s %.3f\n", S_stage[k], S_stage_cpu[k] - (k ? S_stage_cpu[k - 1] : cpu0));
    /* per stage: wall, all threads' CPU, the calling thread's CPU, and the
     * floor of its wall time on an idle machine of `threads` cores */
    double floor_sum = 0;
    printf("%-12s %8s %8s %8s %8s %10s\n", "stage", "wall_s", "cpu_s", "cpu_pct", "main_s",
           "wall_floor");
    for (int k = 0; k < 5; k++) {
        double w = S_stage_wall[k] - (k ? S_stage_wall[k - 1] : S_wall0);
        double c = S_stage_cpu[k] - (k ? S_stage_cpu[k - 1] : cpu0);
        double m = S_stage_main[k] - (k ? S_stage_main[k - 1] : S_main0);
        double fl = c / (threads > 0 ? threads : 1);
        fl = fl > m ? fl : m;
        floor_sum += fl;
        printf("%-12s %8.2f %8.2f %7.0f%% %8.2f %10.2f\n", S_stage[k], w, c,
               w > 0 ? 100 * c / w : 0, m, fl);
    }
    printf("wall_floor_total %.2f s (idle machine, %d cores: average CPU at most %.0f%%)\n",
           floor_sum, threads, floor_sum > 0 ? 100 * cpu / floor_sum : 0);
    printf("peak_rss_mb      %.1f\n", (double)ru.ru_maxrss / 1024.0);
    printf("output           %s\n", dir);
    concord_diag_free(d);
    free(inputs);
    return 0;
}
