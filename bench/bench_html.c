/* bench_html: HTML main-text extraction speed (and output for scoring).
 *
 *   bench_html [-o OUT.jsonl] [--clean] [--reps N] [--gold GOLD.jsonl] PAGE.html[.gz]... | DIR
 *
 * --warc FILE streams a WARC file through the reader instead and prints the
 * same figures for it (MB/s of decoded HTML payload).
 * --gold gives each page its URL (a JSON Lines file with id and url, such as
 * html-dev/gold.jsonl), as a crawler would.
 *
 * Reads every page into memory first (decompressing .gz), then times
 * concord_html_article (decode + parse + extract + metadata) and, with
 * --clean, the junk cleaner on its text too (and -o then writes the cleaned
 * text: what concord itself keeps).  Prints MB/s of HTML, pages/s
 * (CPU time of the process: user+sys) and peak RSS.  -o writes one JSON line
 * per page (id = file name stem, text, title, date, source, lang, canonical,
 * byline) for ../shared/data/html-dev/score.py. */
#include "concord/clean.h"
#include "concord/html.h"
#include "concord/read.h"
#include "concord/experimental.h"
#include "bench_pages.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <zlib.h>

typedef struct page {
    char *id;
    char *url;
    char *data;
    size_t len;
} page;

static char *S_stem(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    char *s = strdup(b);
    char *dot = strchr(s, '.');
    if (dot)
        *dot = 0;
    return s;
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static double S_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv)
{
    const char *out_path = NULL, *gold_path = NULL, *warc_path = NULL;
    int clean = 0, reps = 1;
    char **files = NULL;
    size_t n_files = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out_path = argv[++i];
            continue;
        }
        if (!strcmp(argv[i], "--gold") && i + 1 < argc) {
            gold_path = argv[++i];
            continue;
        }
        if (!strcmp(argv[i], "--warc") && i + 1 < argc) {
            warc_path = argv[++i];
            continue;
        }
        if (!strcmp(argv[i], "--clean")) {
            clean = 1;
            continue;
        }
        if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
            reps = atoi(argv[++i]);
            continue;
        }
        bench_pages_add(argv[i], &files, &n_files);
    }
    if (warc_path) {
        /* streaming through the reader: WARC decoding + extraction (+ clean) */
        concord_diag *wd = concord_diag_new(NULL, NULL);
        concord_diag_quiet(wd, 1);
        concord_reader *r = concord_reader_open(&warc_path, 1, wd);
        double w0 = S_cpu();
        concord_article *a;
        uint64_t n_art = 0;
        while (concord_reader_next(r, &a)) {
            if (clean)
                concord_clean_free(concord_clean_article(a));
            concord_article_free(a);
            n_art++;
        }
        double cpu = S_cpu() - w0;
        concord_warc_stats ws;
        concord_reader_warc_stats(r, &ws);
        uint64_t in_bytes = concord_reader_bytes(r);
        concord_reader_close(r);
        struct rusage wru;
        getrusage(RUSAGE_SELF, &wru);
        printf("warc=%s input_MB=%.1f html_MB=%.1f records=%llu articles=%llu cpu_s=%.2f "
               "MB/s=%.1f pages/s=%.0f peak_rss_MB=%.1f problems=%zu%s\n",
               warc_path, in_bytes / 1e6, ws.html_bytes / 1e6, (unsigned long long)ws.records,
               (unsigned long long)n_art, cpu, cpu > 0 ? ws.html_bytes / 1e6 / cpu : 0,
               cpu > 0 ? n_art / cpu : 0, wru.ru_maxrss / 1024.0, concord_diag_count(wd),
               clean ? " (read+extract+clean)" : " (read+extract)");
        concord_diag_free(wd);
        return 0;
    }
    if (!n_files) {
        fprintf(stderr, "usage: bench_html [-o OUT.jsonl] [--clean] [--reps N] [--gold GOLD.jsonl] "
                        "PAGES... | DIR\n");
        return 2;
    }
    qsort(files, n_files, sizeof *files, S_cmp);
    page *pages = calloc(n_files, sizeof *pages);
    size_t total = 0, n = 0;
    for (size_t i = 0; i < n_files; i++) {
        size_t len;
        char *d = bench_pages_load(files[i], &len);
        if (!d) {
            fprintf(stderr, "bench_html: cannot read %s\n", files[i]);
            continue;
        }
        pages[n].id = S_stem(files[i]);
        pages[n].data = d;
        pages[n].len = len;
        total += len;
        n++;
    }
    /* --gold FILE: the page URLs (JSON Lines with id and url), as a crawler knows them */
    if (gold_path) {
        /* quiet: gold records have no title or text, which the reader notes */
        concord_diag *gd = concord_diag_new(NULL, NULL);
        concord_diag_quiet(gd, 1);
        concord_reader *gr = concord_reader_open(&gold_path, 1, gd);
        concord_article *g;
        size_t n_urls = 0;
        while (concord_reader_next(gr, &g)) {
            for (size_t i = 0; i < n; i++)
                if (!pages[i].url && strcmp(pages[i].id, g->id) == 0) {
                    pages[i].url = strdup(g->url);
                    n_urls++;
                }
            concord_article_free(g);
        }
        concord_reader_close(gr);
        concord_diag_free(gd);
        if (!n_urls)
            fprintf(stderr, "bench_html: none of the pages is in %s; no URLs given\n", gold_path);
    }
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, 1);
    FILE *out = out_path ? fopen(out_path, "w") : NULL;
    double t0 = S_cpu();
    size_t kept = 0;
    for (int r = 0; r < reps; r++)
        for (size_t i = 0; i < n; i++) {
            concord_html_source src = {0};
            src.id = pages[i].id;
            src.url = pages[i].url;
            src.origin = pages[i].id;
            concord_article *a =
                concord_html_article(pages[i].data, pages[i].len, &src, diag, NULL);
            kept += a->text_len;
            concord_clean *c = clean ? concord_clean_article(a) : NULL;
            if (out && r == 0) {
                concord_buf b;
                concord_buf_init(&b);
                concord_buf_adds(&b, "{\"id\":");
                concord_json_str(&b, a->id);
                concord_buf_adds(&b, ",\"title\":");
                concord_json_str(&b, a->title);
                concord_buf_adds(&b, ",\"date\":");
                concord_json_str(&b, a->date);
                concord_buf_adds(&b, ",\"source\":");
                concord_json_str(&b, a->source);
                concord_buf_adds(&b, ",\"lang\":");
                concord_json_str(&b, a->lang);
                concord_buf_adds(&b, ",\"canonical\":");
                concord_json_str(&b, a->canonical);
                concord_buf_adds(&b, ",\"byline\":");
                concord_json_str(&b, a->byline);
                concord_buf_adds(&b, ",\"text\":");
                if (c)
                    concord_json_strn(&b, c->text, c->len);
                else
                    concord_json_str(&b, a->text);
                concord_buf_adds(&b, "}\n");
                fwrite(b.data, 1, b.len, out);
                concord_buf_free(&b);
            }
            concord_clean_free(c);
            concord_article_free(a);
        }
    double cpu = S_cpu() - t0;
    if (out)
        fclose(out);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = (double)total * reps / 1e6;
    printf("pages=%zu html_MB=%.1f kept_MB=%.2f cpu_s=%.2f MB/s=%.1f pages/s=%.0f "
           "peak_rss_MB=%.1f%s\n",
           n * reps, mb, kept / 1e6, cpu, cpu > 0 ? mb / cpu : 0, cpu > 0 ? n * reps / cpu : 0,
           ru.ru_maxrss / 1024.0, clean ? " (parse+extract+clean)" : " (parse+extract)");
    for (size_t i = 0; i < n; i++) {
        free(pages[i].id);
        free(pages[i].url);
        free(pages[i].data);
    }
    free(pages);
    for (size_t i = 0; i < n_files; i++)
        free(files[i]);
    free(files);
    concord_diag_free(diag);
    return 0;
}
