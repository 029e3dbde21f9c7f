/* eval_stories: story clustering quality on a labelled JSON Lines corpus.
 *
 *   eval_stories [--key FIELD] [--seeds DIR] [--set NAME=V]... [--sweep NAME=V1,V2,...]
 *                [--dump FILE (id, gold, predicted story, duplicate_of per line)]
 *                [--trace FILE (candidate pairs: gold label, features; see S_trace)]
 *                CORPUS.jsonl
 *
 * read -> clean -> analyze -> features (once), then for every parameter set
 * a fresh grouper; scores against the gold field (default "story") with
 * eval.h and prints B-cubed P/R/F1, ARI, pairwise F1, articles/s of the
 * grouping step and of the whole chain, peak RSS.  --seeds DIR adds the
 * *.txt reports in DIR with the gold label "seeds" and says whether they
 * form exactly one story on their own (as the brief requires).
 * CORPUS may be "-" for none (with --seeds: the seeds alone). */
#include "concord.h"
#include "concord/experimental.h"

#include <dirent.h>
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

static long S_peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

typedef struct S_item {
    char *id;
    char *label;
} S_item;

static S_item *S_items;
static size_t S_n_items, S_cap_items;

static void S_add_item(const char *id, const char *label)
{
    CONCORD_GROW(S_items, S_cap_items, S_n_items + 1);
    S_items[S_n_items].id = concord_xstrdup(id);
    S_items[S_n_items].label = concord_xstrdup(label);
    S_n_items++;
}

static void S_read_gold(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "eval_stories: cannot open %s\n", path);
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        concord_json *j = concord_json_parse(line, (size_t)len, NULL, NULL);
        if (!j)
            continue;
        const char *id = concord_json_get_str(j, "id");
        const concord_json *v = concord_json_get(j, key);
        char tmp[64];
        const char *lab = NULL;
        if (v && v->type == CONCORD_JSON_STRING)
            lab = v->str;
        else if (v && v->type == CONCORD_JSON_NUMBER) {
            snprintf(tmp, sizeof tmp, "%.17g", v->number);
            lab = tmp;
        }
        if (id && lab)
            S_add_item(id, lab);
        concord_json_free(j);
    }
    free(line);
    fclose(f);
}

typedef struct S_param {
    const char *name;
    size_t off;
    int is_int;
} S_param;

#define P(n, i)                                                                                    \
    {                                                                                              \
#n, offsetof(concord_group_params, n), i                                                   \
    }
static const S_param S_params[] = {
    P(join, 0),
    P(merge, 0),
    P(entity_boost, 0),
    P(title_boost, 0),
    P(gap_free_days, 0),
    P(gap_half_days, 0),
    P(window_days, 1),
    P(article_terms, 1),
    P(story_terms, 1),
    P(min_informative, 1),
    P(near_dup, 0),
    P(idf_power, 0),
    P(background_docs, 0),
    P(query_keys, 1),
    P(scan, 1),
    P(candidates, 1),
    P(dup_follow_days, 1),
    P(undated, 0),
    P(thin_join, 0),
    P(model, 1),
    P(model_shift, 0),
    P(chain_days, 1),
    P(chain_story_names, 0),
    P(chain_lead_names, 0),
    P(chain_size, 1),
    P(chain_mode, 1),
    P(name_rank, 1),
    P(chain_sim, 0),
    P(chain_far_days, 1),
    P(conflict_size, 1),
};

static int S_set_param(concord_group_params *p, const char *name, double v)
{
    for (size_t i = 0; i < sizeof S_params / sizeof S_params[0]; i++) {
        if (strcmp(S_params[i].name, name) == 0) {
            char *base = (char *)p + S_params[i].off;
            if (S_params[i].is_int)
                *(int *)base = (int)v;
            else
                *(double *)base = v;
            return 1;
        }
    }
    fprintf(stderr, "eval_stories: unknown parameter %s\n", name);
    exit(2);
}

/* --trace FILE: one line per candidate pair scored while clustering:
 * label (the share of the story's members in the article's gold story), the
 * pair features, the article id and the corpus name; the
 * training data of tools/train_group.py. */
static FILE *S_trace_f;
static const char *S_trace_corpus = "";

static int S_cmp_item_id(const void *x, const void *y)
{
    return strcmp(S_items[*(const size_t *)x].id, S_items[*(const size_t *)y].id);
}

static const char *S_gold_of(const char *id)
{
    /* a binary search over the items sorted by id (built once per count) */
    static size_t n;
    static size_t *ord;
    if (n != S_n_items) {
        free(ord);
        n = S_n_items;
        ord = concord_xmalloc((n ? n : 1) * sizeof *ord);
        for (size_t i = 0; i < n; i++)
            ord[i] = i;
        qsort(ord, n, sizeof *ord, S_cmp_item_id);
    }
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(S_items[ord[mid]].id, id);
        if (c == 0)
            return S_items[ord[mid]].label;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void S_trace(void *user, const char *article, const char *const *members, size_t n_members,
                    const double *x, int n, double logit)
{
    (void)user;
    const char *ga = S_gold_of(article);
    size_t same = 0, known = 0;
    for (size_t i = 0; ga && i < n_members; i++) {
        const char *gb = S_gold_of(members[i]);
        known += gb != NULL;
        same += gb && strcmp(ga, gb) == 0;
    }
    if (!known)
        return;
    fprintf(S_trace_f, "%.4g", (double)same / (double)known);
    for (int i = 0; i < n; i++)
        fprintf(S_trace_f, "\t%.6g", x[i]);
    /* then the story's size and how many gold stories its members come from
     * (1: a pure story; more: already mixed), for analysis */
    size_t golds = 0;
    for (size_t i = 0; i < n_members; i++) {
        const char *gi = S_gold_of(members[i]);
        size_t k = 0;
        while (gi && k < i && !(S_gold_of(members[k]) && strcmp(S_gold_of(members[k]), gi) == 0))
            k++;
        golds += gi && k == i;
    }
    fprintf(S_trace_f, "\t%s\t%s\t%.4g\t%zu\t%zu\n", article, S_trace_corpus, logit, n_members,
            golds);
}

static char *S_model_text; /* --model FILE */

static concord_features **S_feats;
static size_t S_n_feats, S_cap_feats;
static uint64_t S_bytes;

static void S_ingest(const char *const *paths, size_t n, double *secs)
{
    double t0 = S_now();
    concord_diag *dg = concord_diag_new(NULL, NULL);
    concord_diag_quiet(dg, 1);
    concord_reader *r = concord_reader_open(paths, n, dg);
    concord_analyzer *az = concord_analyzer_new("auto");
    concord_article *a;
    while (concord_reader_next(r, &a)) {
        concord_clean *c = concord_clean_article(a);
        concord_doc *d = concord_analyze(az, c->text, c->len);
        CONCORD_GROW(S_feats, S_cap_feats, S_n_feats + 1);
        S_feats[S_n_feats++] = concord_features_new(a, c, d);
        S_bytes += a->text_len;
        concord_doc_free(d);
        concord_clean_free(c);
        concord_article_free(a);
    }
    concord_analyzer_free(az);
    concord_reader_close(r);
    concord_diag_free(dg);
    *secs += S_now() - t0;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    const char *key = "story", *seeds = NULL, *corpus = NULL, *sweep = NULL, *dump = NULL;
    concord_grouper *probe = concord_grouper_new();
    concord_group_params base;
    concord_grouper_get_params(probe, &base);
    concord_grouper_free(probe);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
            key = argv[++i];
        else if (strcmp(argv[i], "--seeds") == 0 && i + 1 < argc)
            seeds = argv[++i];
        else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc) {
            char *eq = strchr(argv[++i], '=');
            if (!eq)
                return 2;
            *eq = '\0';
            S_set_param(&base, argv[i], atof(eq + 1));
        } else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            dump = argv[++i];
        else if (strcmp(argv[i], "--trace") == 0 && i + 1 < argc) {
            S_trace_f = fopen(argv[++i], "w");
            if (!S_trace_f) {
                fprintf(stderr, "eval_stories: cannot write %s\n", argv[i]);
                return 1;
            }
        } else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            /* a model in data/group_model.txt's format (cross-corpus checks) */
            FILE *mf = fopen(argv[++i], "r");
            if (!mf) {
                fprintf(stderr, "eval_stories: cannot open %s\n", argv[i]);
                return 1;
            }
            concord_buf mb = {0};
            char chunk[4096];
            size_t got;
            while ((got = fread(chunk, 1, sizeof chunk, mf)) > 0)
                concord_buf_add(&mb, chunk, got);
            concord_buf_add(&mb, "", 1);
            fclose(mf);
            free(S_model_text);
            S_model_text = mb.data;
        } else if (strcmp(argv[i], "--sweep") == 0 && i + 1 < argc)
            sweep = argv[++i];
        else
            corpus = argv[i];
    }
    if (!corpus) {
        fprintf(stderr, "usage: eval_stories [--key F] [--seeds DIR] [--set N=V] [--sweep N=V,V] "
                        "CORPUS.jsonl\n");
        return 2;
    }
    FILE *probe_f = strcmp(corpus, "-") ? fopen(corpus, "r") : NULL;
    if (strcmp(corpus, "-") && !probe_f) {
        printf("eval_stories: %s not found: skipped\n", corpus);
        return 77;
    }
    if (probe_f)
        fclose(probe_f);

    double ingest = 0;
    if (probe_f) {
        S_read_gold(corpus, key);
        const char *p[1] = {corpus};
        S_ingest(p, 1, &ingest);
    }
    char **seed_ids = NULL;
    size_t n_seeds = 0;
    if (seeds) {
        DIR *dir = opendir(seeds);
        if (!dir) {
            printf("eval_stories: %s not found: skipped\n", seeds);
            return 77;
        }
        struct dirent *e;
        char **paths = NULL;
        size_t np = 0, cp = 0;
        while ((e = readdir(dir)) != NULL) {
            size_t l = strlen(e->d_name);
            if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
                CONCORD_GROW(paths, cp, np + 1);
                size_t n = strlen(seeds) + l + 2;
                paths[np] = concord_xmalloc(n);
                snprintf(paths[np++], n, "%s/%s", seeds, e->d_name);
            }
        }
        closedir(dir);
        qsort(paths, np, sizeof *paths, S_cmp_str);
        size_t before = S_n_feats;
        S_ingest((const char *const *)paths, np, &ingest);
        for (size_t i = before; i < S_n_feats; i++) {
            const char *id = concord_features_id(S_feats[i]);
            S_add_item(id, "seeds");
            seed_ids = concord_xrealloc(seed_ids, (n_seeds + 1) * sizeof *seed_ids);
            seed_ids[n_seeds++] = concord_xstrdup(id);
        }
        for (size_t i = 0; i < np; i++)
            free(paths[i]);
        free(paths);
    }
    printf("corpus %s: %zu articles, %zu gold items, %.1f MB; read+clean+analyze+features %.2f s\n",
           corpus, S_n_feats, S_n_items, (double)S_bytes / 1e6, ingest);

    /* the sweep: NAME=V1,V2,... (or just the base parameters once) */
    char sname[64] = "";
    double values[64];
    size_t nv = 0;
    if (sweep) {
        const char *eq = strchr(sweep, '=');
        if (!eq || (size_t)(eq - sweep) >= sizeof sname)
            return 2;
        memcpy(sname, sweep, (size_t)(eq - sweep));
        sname[eq - sweep] = '\0';
        for (const char *p = eq + 1; *p && nv < 64;) {
            values[nv++] = atof(p);
            p = strchr(p, ',');
            if (!p)
                break;
            p++;
        }
    }
    if (!nv)
        nv = 1;
    uint64_t *gold = concord_xmalloc((S_n_items ? S_n_items : 1) * sizeof *gold);
    uint64_t *pred = concord_xmalloc((S_n_items ? S_n_items : 1) * sizeof *pred);
    for (size_t i = 0; i < S_n_items; i++)
        gold[i] = concord_hash(S_items[i].label, strlen(S_items[i].label), 1);
    for (size_t k = 0; k < nv; k++) {
        concord_group_params p = base;
        if (sweep)
            S_set_param(&p, sname, values[k]);
        concord_grouper *g = concord_grouper_new();
        concord_grouper_set_params(g, &p);
        if (S_model_text && concord_grouper_set_model(g, S_model_text) < 0) {
            fprintf(stderr, "eval_stories: the --model file is not a valid model\n");
            return 1;
        }
        if (S_trace_f && k == 0) {
            S_trace_corpus = corpus;
            concord_grouper_set_trace(g, S_trace, NULL);
        }
        for (size_t i = 0; i < S_n_feats; i++)
            concord_grouper_add(g, concord_features_copy(S_feats[i]));
        double t0 = S_now();
        concord_grouper_run(g);
        double tg = S_now() - t0;
        for (size_t i = 0; i < S_n_items; i++) {
            size_t s = concord_grouper_story_of(g, S_items[i].id);
            pred[i] = s == (size_t)-1 ? (uint64_t)1 << 63 | i : s;
        }
        concord_eval_scores sc = concord_eval_labels(gold, pred, S_n_items);
        FILE *df = dump ? fopen(dump, "w") : NULL;
        for (size_t i = 0; df && i < S_n_items; i++) {
            const char *dup = concord_grouper_duplicate_of(g, S_items[i].id);
            fprintf(df, "%s\t%s\t%llu\t%s\n", S_items[i].id, S_items[i].label,
                    (unsigned long long)pred[i], dup ? dup : "-");
        }
        if (df)
            fclose(df);
        if (sweep)
            printf("%s=%g ", sname, values[k]);
        printf("bcubed P %.4f R %.4f F1 %.4f  ARI %.4f  pairwise F1 %.4f  stories %zu (gold %zu)"
               "  dupsets %zu  group %.0f art/s  all %.0f art/s  peak RSS %ld MB\n",
               sc.bcubed_p, sc.bcubed_r, sc.bcubed_f1, sc.ari, sc.pair_f1,
               concord_grouper_n_stories(g), sc.gold_clusters, concord_grouper_n_dupsets(g),
               (double)S_n_feats / (tg > 0 ? tg : 1e-9),
               (double)S_n_feats / (tg + ingest > 0 ? tg + ingest : 1e-9), S_peak_kb() / 1024);
        if (n_seeds) {
            size_t s0 = concord_grouper_story_of(g, seed_ids[0]);
            int one = s0 != (size_t)-1;
            for (size_t i = 1; i < n_seeds; i++)
                one &= concord_grouper_story_of(g, seed_ids[i]) == s0;
            int alone = one && concord_grouper_story_size(g, s0) == n_seeds;
            printf("seeds: %zu reports, %s, %s\n", n_seeds, one ? "one story" : "SPLIT",
                   alone ? "alone" : "NOT ALONE");
        }
        concord_grouper_free(g);
    }
    if (S_trace_f)
        fclose(S_trace_f);
    free(gold);
    free(pred);
    for (size_t i = 0; i < S_n_feats; i++)
        concord_features_free(S_feats[i]);
    free(S_feats);
    for (size_t i = 0; i < S_n_items; i++) {
        free(S_items[i].id);
        free(S_items[i].label);
    }
    free(S_items);
    for (size_t i = 0; i < n_seeds; i++)
        free(seed_ids[i]);
    free(seed_ids);
    return 0;
}
