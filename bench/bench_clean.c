/* bench_clean: speed and quality figures for stage 2 (clean) on real scraped news.
 *
 *   bench_clean [FILE.jsonl] [--repeat N] [--sample N] [--show ID] [--residual N]
 *               [--list WHY N]
 *
 * FILE defaults to $CONCORD_SOURCE_DIR/../shared/data/gva-dev/articles.jsonl
 * (or ../shared/data/gva-dev/articles.jsonl from the current directory).
 * Prints: MB/s and articles/s of concord_clean_article alone (parsing excluded;
 * best of N passes), peak RSS, removals by why, the residual-junk check (cleaned
 * articles that still hold a short line with a common junk marker) and the
 * removals longer than 400 bytes (possible false positives), with a sample of
 * ids and offsets to inspect by hand (--show ID prints one article's removals;
 * --list WHY N prints every k-th removal of that why, N in all, for review). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "concord/article.h"
#include "concord/clean.h"
#include "concord/json.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Junk markers for the residual check (measurement only, not cleaning rules). */
static const char *const S_markers[] = {"newsletter", "sign up",  "share this",         "comments",
                                        "copyright",  "\xc2\xa9", "all rights reserved"};

static int S_line_has_marker(const char *s, size_t n, const char **which)
{
    char low[256];
    if (n >= sizeof low)
        return 0; /* long lines are paragraphs, not prompts */
    for (size_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    low[n] = '\0';
    for (size_t k = 0; k < sizeof S_markers / sizeof S_markers[0]; k++)
        if (strstr(low, S_markers[k])) {
            *which = S_markers[k];
            return 1;
        }
    return 0;
}

typedef struct {
    const char *why;
    size_t count, bytes;
} S_why_count;

int main(int argc, char **argv)
{
    const char *path = NULL, *show = NULL, *list_why = NULL;
    int list_n = 0;
    int repeat = 3, sample = 12, residual_sample = 15;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--sample") && i + 1 < argc)
            sample = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--residual") && i + 1 < argc)
            residual_sample = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--list") && i + 2 < argc) {
            list_why = argv[++i];
            list_n = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "--show") && i + 1 < argc)
            show = argv[++i];
        else if (!strcmp(argv[i], "--help")) {
            printf("usage: bench_clean [FILE.jsonl] [--repeat N] [--sample N] [--residual N] "
                   "[--show ID] [--list WHY N]\n");
            return 0;
        } else
            path = argv[i];
    }
    char def[4096];
    if (!path) {
        const char *src = getenv("CONCORD_SOURCE_DIR");
        snprintf(def, sizeof def, "%s/../shared/data/gva-dev/articles.jsonl", src ? src : ".");
        path = def;
    }
    size_t flen;
    char *file = concord_read_file(path, &flen);
    if (!file) {
        fprintf(stderr, "bench_clean: %s not found (skipped)\n", path);
        return 77;
    }
    const char *err = concord_clean_rules_error();
    if (err)
        fprintf(stderr, "bench_clean: lexicon problem: %s\n", err);

    /* parse everything first so that only cleaning is timed */
    concord_article **arts = NULL;
    size_t n_arts = 0, cap = 0, text_bytes = 0;
    for (char *line = file; line < file + flen;) {
        char *nl = memchr(line, '\n', (size_t)(file + flen - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(file + flen - line);
        concord_json *j = concord_json_parse(line, len, NULL, NULL);
        if (j && j->type == CONCORD_JSON_OBJECT) {
            const concord_json *t = concord_json_get(j, "text");
            CONCORD_GROW(arts, cap, n_arts + 1);
            arts[n_arts] = concord_article_new(
                concord_json_get_str(j, "id"), concord_json_get_str(j, "source"),
                concord_json_get_str(j, "url"), concord_json_get_str(j, "date"),
                concord_json_get_str(j, "title"), t && t->type == CONCORD_JSON_STRING ? t->str : "",
                t && t->type == CONCORD_JSON_STRING ? t->len : 0);
            text_bytes += arts[n_arts]->text_len;
            n_arts++;
        }
        concord_json_free(j);
        line += len + 1;
    }
    free(file);

    double best = 1e30;
    for (int r = 0; r < (repeat > 0 ? repeat : 1); r++) {
        double t0 = S_now();
        for (size_t i = 0; i < n_arts; i++)
            concord_clean_free(concord_clean_article(arts[i]));
        double dt = S_now() - t0;
        if (dt < best)
            best = dt;
    }

    /* removals of one why, spread over the corpus, for review by hand */
    if (list_why && list_n > 0) {
        size_t total = 0;
        for (size_t i = 0; i < n_arts; i++) {
            concord_clean *c = concord_clean_article(arts[i]);
            for (size_t k = 0; k < c->n_removed; k++)
                total += !strcmp(c->removed[k].why, list_why);
            concord_clean_free(c);
        }
        size_t step = total / (size_t)list_n ? total / (size_t)list_n : 1, seen = 0;
        printf("# %zu removals with why %s; every %zu-th:\n", total, list_why, step);
        for (size_t i = 0; i < n_arts; i++) {
            concord_clean *c = concord_clean_article(arts[i]);
            for (size_t k = 0; k < c->n_removed; k++) {
                const concord_removal *m = &c->removed[k];
                if (strcmp(m->why, list_why) || seen++ % step)
                    continue;
                printf("  %s [%zu,%zu) ", arts[i]->id, m->start, m->end);
                for (size_t b = m->start; b < m->end && b < m->start + 160; b++)
                    putchar(arts[i]->text[b] == '\n' ? '/' : arts[i]->text[b]);
                putchar('\n');
            }
            concord_clean_free(c);
        }
    }

    /* quality pass */
    S_why_count whys[64];
    size_t n_whys = 0, n_long = 0, n_residual = 0, n_removed_total = 0, removed_bytes = 0;
    size_t n_date = 0, n_byline = 0, n_dateline = 0, n_outlet = 0, n_shown_long = 0,
           n_shown_res = 0;
    printf("# long removals (> 400 bytes): id start end why | first bytes\n");
    for (size_t i = 0; i < n_arts; i++) {
        concord_article *a = arts[i];
        concord_clean *c = concord_clean_article(a);
        n_date += c->date[0] != 0;
        n_byline += c->byline[0] != 0;
        n_dateline += c->dateline[0] != 0;
        n_outlet += c->outlet[0] != 0;
        for (size_t k = 0; k < c->n_removed; k++) {
            const concord_removal *m = &c->removed[k];
            size_t w;
            for (w = 0; w < n_whys; w++)
                if (!strcmp(whys[w].why, m->why))
                    break;
            if (w == n_whys && n_whys < 64)
                whys[n_whys++] = (S_why_count){m->why, 0, 0};
            if (w < n_whys) {
                whys[w].count++;
                whys[w].bytes += m->end - m->start;
            }
            n_removed_total++;
            removed_bytes += m->end - m->start;
            if (m->end - m->start > 400) {
                n_long++;
                if ((int)n_shown_long < sample) {
                    n_shown_long++;
                    int show_n = 70;
                    printf("  %s %zu %zu %s | ", a->id, m->start, m->end, m->why);
                    for (int b = 0; b < show_n && a->text[m->start + (size_t)b]; b++) {
                        char ch = a->text[m->start + (size_t)b];
                        putchar(ch == '\n' ? '/' : ch);
                    }
                    putchar('\n');
                }
            }
        }
        int res = 0;
        for (const char *p = c->text; p < c->text + c->len;) {
            const char *nl = memchr(p, '\n', (size_t)(c->text + c->len - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(c->text + c->len - p);
            const char *which;
            if (S_line_has_marker(p, len, &which)) {
                if (!res && (int)n_shown_res < residual_sample) {
                    n_shown_res++;
                    printf("  residual %s [%s]: %.*s\n", a->id, which, (int)(len > 150 ? 150 : len),
                           p);
                }
                res = 1;
            }
            p += len + 1;
        }
        n_residual += res;
        if (show && !strcmp(show, a->id)) {
            printf("# --show %s: byline=[%s] dateline=[%s] date=[%s] outlet=[%s]\n", a->id,
                   c->byline, c->dateline, c->date, c->outlet);
            for (size_t k = 0; k < c->n_removed; k++)
                printf("  [%zu,%zu) %s: %.*s\n", c->removed[k].start, c->removed[k].end,
                       c->removed[k].why, (int)(c->removed[k].end - c->removed[k].start),
                       a->text + c->removed[k].start);
            printf("# cleaned:\n%s\n# end\n", c->text);
        }
        concord_clean_free(c);
    }

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("file: %s\n", path);
    printf("articles: %zu, text: %.2f MB, rules: %zu\n", n_arts, (double)text_bytes / 1e6,
           concord_clean_rule_count());
    printf("clean: %.1f MB/s, %.0f articles/s (best of %d, one thread)\n",
           (double)text_bytes / 1e6 / best, (double)n_arts / best, repeat);
    printf("peak RSS: %.1f MB (includes the parsed corpus)\n", (double)ru.ru_maxrss / 1024.0);
    printf("removed: %zu ranges, %.1f%% of bytes\n", n_removed_total,
           text_bytes ? 100.0 * (double)removed_bytes / (double)text_bytes : 0.0);
    for (size_t w = 0; w < n_whys; w++)
        printf("  %-20s %6zu ranges %9zu bytes\n", whys[w].why, whys[w].count, whys[w].bytes);
    printf("metadata: date %zu, byline %zu, dateline %zu, outlet %zu articles\n", n_date, n_byline,
           n_dateline, n_outlet);
    printf("residual junk: %zu of %zu cleaned articles still have a short line with a marker\n",
           n_residual, n_arts);
    printf("long removals (> 400 bytes): %zu\n", n_long);
    for (size_t i = 0; i < n_arts; i++)
        concord_article_free(arts[i]);
    free(arts);
    return 0;
}
