/* bench_report: size and generation time of the HTML report.
 *
 *   bench_report [STORE [OUT.html]]
 *
 * With STORE (a concord.db), writes its report to OUT (default
 * $TMPDIR/concord_bench_report.html) and prints stories, MB, seconds, the
 * form chosen (inline sections, or inert blocks for large reports) and the
 * peak RSS.  Without STORE, analyzes ../shared/data/gva-dev/articles.jsonl
 * (from $CONCORD_SOURCE_DIR, else the current folder's parent) into a
 * temporary store with concord_pipeline_run (write_report = 0) first, then
 * times concord_report_write on it.  The browser's load time is measured by
 * tests/report_browser.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double S_peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

/* 1 when the report holds its stories as inert blocks. */
static int S_lazy(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char buf[1 << 16];
    size_t n;
    int found = 0;
    static const char mark[] = "<script type=\"text/x-concord-story\"";
    while (!found && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i + sizeof mark - 1 <= n && !found; i++)
            found = buf[i] == '<' && !memcmp(buf + i, mark, sizeof mark - 1);
        if (n == sizeof buf)
            fseek(f, -(long)sizeof mark, SEEK_CUR);
    }
    fclose(f);
    return found;
}

static int S_report(const char *db, const char *out, const char *label)
{
    concord_store *st = concord_store_open(db, 0);
    if (!st) {
        fprintf(stderr, "bench_report: %s\n", concord_store_errmsg(NULL));
        return 1;
    }
    size_t stories = 0, articles = 0;
    concord_store_count_stories(st, &stories);
    concord_store_count_articles(st, &articles);
    double t0 = S_now();
    int rc = concord_report_write(st, out);
    double dt = S_now() - t0;
    concord_store_close(st);
    if (rc != 0) {
        fprintf(stderr, "bench_report: cannot write %s\n", out);
        return 1;
    }
    struct stat sb;
    double mb = stat(out, &sb) == 0 ? (double)sb.st_size / 1048576.0 : 0;
    printf("%s: %zu stories, %zu articles: report %.2f MB in %.2f s (%.0f stories/s), %s form, "
           "peak RSS %.0f MB\n",
           label, stories, articles, mb, dt, dt > 0 ? (double)stories / dt : 0,
           S_lazy(out) ? "inert-block" : "inline", S_peak_mb());
    if (strcmp(label, "gva-dev"))
        printf("  report: %s\n", out);
    return 0;
}

int main(int argc, char **argv)
{
    const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char out[4400];
    if (argc >= 2) {
        if (argc >= 3)
            snprintf(out, sizeof out, "%s", argv[2]);
        else
            snprintf(out, sizeof out, "%s/concord_bench_report.html", tmp);
        return S_report(argv[1], out, argv[1]);
    }
    const char *src = getenv("CONCORD_SOURCE_DIR");
    char gva[4096];
    snprintf(gva, sizeof gva, "%s/../shared/data/gva-dev/articles.jsonl", src && *src ? src : ".");
    if (access(gva, R_OK) != 0) {
        printf("bench_report: %s absent; give a store: bench_report STORE [OUT]\n", gva);
        return 0;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/concord_bench_report.XXXXXX", tmp);
    if (!mkdtemp(dir)) {
        perror("bench_report: mkdtemp");
        return 1;
    }
    char db[4200];
    snprintf(db, sizeof db, "%s/concord.db", dir);
    concord_options o;
    concord_options_init(&o);
    o.outdir = dir;
    o.db_path = db;
    o.write_report = 0;
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    o.diag = d;
    const char *inputs[] = {gva};
    concord_run_stats stats;
    double t0 = S_now();
    int rc = concord_pipeline_run(inputs, 1, &o, &stats);
    concord_diag_free(d);
    if (rc != 0) {
        fprintf(stderr, "bench_report: analyze failed: %s\n", concord_pipeline_errmsg());
        return 1;
    }
    printf("gva-dev analyzed: %zu articles, %zu stories in %.2f s\n", stats.articles, stats.stories,
           S_now() - t0);
    snprintf(out, sizeof out, "%s/report.html", dir);
    rc = S_report(db, out, "gva-dev");
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_report: could not remove %s\n", dir);
    return rc;
}
