/* eval.c: B-cubed, adjusted Rand index and pairwise scores of a clustering
 * against gold labels; the reader of GOLD.jsonl + STORIES.jsonl behind
 * `concord eval`.  Contract in concord/eval.h. */
#include "concord/eval.h"
#include "concord/json.h"

#include <errno.h>
#include <stdlib.h>
#include <zlib.h>
#include <string.h>

static int S_eval_files(const char *gold, const char *key, const char *stories, FILE *out,
                        concord_diag *diag);

typedef struct S_pair {
    uint64_t a, b;
} S_pair;

static int S_cmp_pair(const void *x, const void *y)
{
    const S_pair *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return 0;
}

/* Cluster sizes of labels (sorted copy, run lengths); returns the count of clusters. */
static size_t S_sizes(const uint64_t *lab, size_t n, uint64_t **keys, size_t **sizes)
{
    uint64_t *k = concord_xmalloc(n * sizeof *k);
    memcpy(k, lab, n * sizeof *k);
    concord_sort_u64(k, n);
    size_t *sz = concord_xmalloc((n ? n : 1) * sizeof *sz);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || k[i] != k[m - 1]) {
            k[m] = k[i];
            sz[m++] = 1;
        } else {
            sz[m - 1]++;
        }
    }
    *keys = k;
    *sizes = sz;
    return m;
}

static size_t S_size_of(const uint64_t *keys, const size_t *sizes, size_t m, uint64_t v)
{
    size_t lo = 0, hi = m;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (keys[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m && keys[lo] == v ? sizes[lo] : 0;
}

static double S_c2(double x)
{
    return x * (x - 1.0) / 2.0;
}

static double S_f1(double p, double r)
{
    return p + r > 0 ? 2.0 * p * r / (p + r) : 0.0;
}

concord_eval_scores concord_eval_labels(const uint64_t *gold, const uint64_t *pred, size_t n)
{
    concord_eval_scores s;
    memset(&s, 0, sizeof s);
    s.items = n;
    if (n == 0) {
        s.bcubed_p = s.bcubed_r = s.bcubed_f1 = s.ari = 1.0;
        s.pair_p = s.pair_r = s.pair_f1 = 1.0;
        return s;
    }
    uint64_t *gk, *pk;
    size_t *gs, *ps;
    size_t ng = S_sizes(gold, n, &gk, &gs);
    size_t np = S_sizes(pred, n, &pk, &ps);
    s.gold_clusters = ng;
    s.pred_clusters = np;

    S_pair *cell = concord_xmalloc(n * sizeof *cell);
    for (size_t i = 0; i < n; i++) {
        cell[i].a = gold[i];
        cell[i].b = pred[i];
    }
    qsort(cell, n, sizeof *cell, S_cmp_pair);

    /* Walk the contingency table cell by cell. */
    double bp = 0, br = 0, sum_cells = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && cell[j].a == cell[i].a && cell[j].b == cell[i].b)
            j++;
        double nij = (double)(j - i);
        double ga = (double)S_size_of(gk, gs, ng, cell[i].a);
        double pb = (double)S_size_of(pk, ps, np, cell[i].b);
        bp += nij * nij / pb;
        br += nij * nij / ga;
        sum_cells += S_c2(nij);
        i = j;
    }
    double sum_g = 0, sum_p = 0;
    for (size_t i = 0; i < ng; i++)
        sum_g += S_c2((double)gs[i]);
    for (size_t i = 0; i < np; i++)
        sum_p += S_c2((double)ps[i]);

    s.bcubed_p = bp / (double)n;
    s.bcubed_r = br / (double)n;
    s.bcubed_f1 = S_f1(s.bcubed_p, s.bcubed_r);

    double total = S_c2((double)n);
    double expected = total > 0 ? sum_g * sum_p / total : 0;
    double maxi = (sum_g + sum_p) / 2.0;
    s.ari = maxi - expected != 0 ? (sum_cells - expected) / (maxi - expected) : 1.0;

    s.pair_p = sum_p > 0 ? sum_cells / sum_p : 1.0;
    s.pair_r = sum_g > 0 ? sum_cells / sum_g : 1.0;
    s.pair_f1 = S_f1(s.pair_p, s.pair_r);

    free(cell);
    free(gk);
    free(gs);
    free(pk);
    free(ps);
    return s;
}

void concord_eval_print(const concord_eval_scores *s, FILE *out)
{
    fprintf(out, "items %zu\n", s->items);
    fprintf(out, "gold_clusters %zu\n", s->gold_clusters);
    fprintf(out, "predicted_clusters %zu\n", s->pred_clusters);
    fprintf(out, "bcubed_precision %.4f\n", s->bcubed_p);
    fprintf(out, "bcubed_recall %.4f\n", s->bcubed_r);
    fprintf(out, "bcubed_f1 %.4f\n", s->bcubed_f1);
    fprintf(out, "ari %.4f\n", s->ari);
    fprintf(out, "pairwise_precision %.4f\n", s->pair_p);
    fprintf(out, "pairwise_recall %.4f\n", s->pair_r);
    fprintf(out, "pairwise_f1 %.4f\n", s->pair_f1);
}

/* ---- string interning: id or label -> dense number ---------------------- */

typedef struct S_intern {
    char **keys;
    uint64_t *vals;
    size_t cap, n;
} S_intern;

static uint64_t S_key_hash(const char *s)
{
    return concord_hash(s, strlen(s), 0x5eed);
}

static void S_intern_grow(S_intern *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 1024;
    char **k = concord_xcalloc(ncap, sizeof *k);
    uint64_t *v = concord_xcalloc(ncap, sizeof *v);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i])
            continue;
        size_t h = (size_t)S_key_hash(t->keys[i]) & (ncap - 1);
        while (k[h])
            h = (h + 1) & (ncap - 1);
        k[h] = t->keys[i];
        v[h] = t->vals[i];
    }
    free(t->keys);
    free(t->vals);
    t->keys = k;
    t->vals = v;
    t->cap = ncap;
}

/* Returns the slot of s, inserting it with value `val` when absent
 * (*found tells which). */
static size_t S_intern_slot(S_intern *t, const char *s, uint64_t val, int *found)
{
    if ((t->n + 1) * 2 > t->cap)
        S_intern_grow(t);
    size_t h = (size_t)S_key_hash(s) & (t->cap - 1);
    while (t->keys[h]) {
        if (strcmp(t->keys[h], s) == 0) {
            *found = 1;
            return h;
        }
        h = (h + 1) & (t->cap - 1);
    }
    t->keys[h] = concord_xstrdup(s);
    t->vals[h] = val;
    t->n++;
    *found = 0;
    return h;
}

static void S_intern_free(S_intern *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->vals);
}

/* Label text of a JSON value: strings as is, numbers printed, others NULL. */
static const char *S_label(const concord_json *v, char tmp[64])
{
    if (!v)
        return NULL;
    if (v->type == CONCORD_JSON_STRING)
        return v->str;
    if (v->type == CONCORD_JSON_NUMBER) {
        snprintf(tmp, 64, "%.17g", v->number);
        return tmp;
    }
    return NULL;
}

/* One JSON Lines record; a line that does not parse is reported (the first
 * five of a run, blank lines never) and NULL returned. */
static concord_json *S_parse_line(const char *line, size_t len, const char *path, long lineno,
                                  size_t *bad, concord_diag *diag)
{
    size_t epos;
    const char *emsg;
    concord_json *j = concord_json_parse(line, len, &epos, &emsg);
    if (!j && strspn(line, " \t\r\n") != len && (*bad)++ < 5)
        concord_diag_report(diag, path, lineno, (long)epos, "%s", emsg);
    return j;
}

/* getline over a gzip or plain file (zlib reads both). */
static ssize_t S_gzline(char **line, size_t *cap, gzFile f)
{
    size_t n = 0;
    if (!*line || *cap < 256) {
        *cap = 4096;
        *line = concord_xrealloc(*line, *cap);
    }
    for (;;) {
        if (!gzgets(f, *line + n, (int)(*cap - n > 1u << 30 ? 1u << 30 : *cap - n)))
            break;
        n += strlen(*line + n);
        if (n && (*line)[n - 1] == '\n')
            break;
        if (*cap - n < 2) {
            *cap *= 2;
            *line = concord_xrealloc(*line, *cap);
        }
    }
    return n ? (ssize_t)n : -1;
}

int concord_eval_files(const char *gold, const char *key, const char *stories, FILE *out,
                       concord_diag *diag)
{
    concord_diag *own = diag ? NULL : concord_diag_new(NULL, NULL);
    if (own)
        diag = own;
    int rc = S_eval_files(gold, key, stories, out, diag);
    concord_diag_free(own);
    return rc;
}

/* Over 100 lines, not split yet: opening both files, reading the predicted
 * stories, reading the gold labels and scoring share the two open files and
 * the id table; each block is a seam. */
static int S_eval_files(const char *gold, const char *key, const char *stories, FILE *out,
                        concord_diag *diag)
{
    if (!key || !*key)
        key = "story";
    gzFile fs = gzopen(stories, "rb");
    if (!fs) {
        concord_diag_report(diag, stories, 0, 0, "eval: cannot open: %s", strerror(errno));
        return 1;
    }
    gzFile fg = gzopen(gold, "rb");
    if (!fg) {
        concord_diag_report(diag, gold, 0, 0, "eval: cannot open: %s", strerror(errno));
        gzclose(fs);
        return 1;
    }

    /* Predicted story of every article id (first story wins if repeated). */
    S_intern pred_of = {0}, story_num = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    size_t bad = 0;
    while ((len = S_gzline(&line, &cap, fs)) > 0) {
        lineno++;
        concord_json *j = S_parse_line(line, (size_t)len, stories, lineno, &bad, diag);
        if (!j)
            continue;
        char tmp[64];
        const char *sid = S_label(concord_json_get(j, "story"), tmp);
        const concord_json *arts = concord_json_get(j, "articles");
        if (sid && arts && arts->type == CONCORD_JSON_ARRAY) {
            int found;
            size_t slot = S_intern_slot(&story_num, sid, story_num.n, &found);
            uint64_t snum = story_num.vals[slot];
            for (size_t i = 0; i < arts->len; i++) {
                const char *aid = NULL;
                const concord_json *a = arts->items[i];
                if (a->type == CONCORD_JSON_OBJECT)
                    aid = concord_json_get_str(a, "id");
                else if (a->type == CONCORD_JSON_STRING)
                    aid = a->str;
                if (aid)
                    S_intern_slot(&pred_of, aid, snum, &found);
            }
        }
        concord_json_free(j);
    }
    int gz_bad = 0;
    gzerror(fs, &gz_bad);
    if (gz_bad != Z_OK && gz_bad != Z_BUF_ERROR) {
        concord_diag_report(diag, stories, 0, 0, "eval: %s", gzerror(fs, &gz_bad));
        bad++;
    }
    gzclose(fs);

    uint64_t *g = NULL, *p = NULL;
    size_t n = 0, ncap = 0, pcap = 0, missing = 0, unlabeled = 0;
    S_intern gold_num = {0}, gold_ids = {0};
    uint64_t next_singleton = story_num.n;
    lineno = 0;
    while ((len = S_gzline(&line, &cap, fg)) > 0) {
        lineno++;
        concord_json *j = S_parse_line(line, (size_t)len, gold, lineno, &bad, diag);
        if (!j)
            continue;
        char t1[64], t2[64];
        const char *aid = S_label(concord_json_get(j, "id"), t1);
        const char *lab = S_label(concord_json_get(j, key), t2);
        if (!aid || !lab) {
            unlabeled++;
            concord_json_free(j);
            continue;
        }
        int found;
        size_t slot = S_intern_slot(&gold_num, lab, gold_num.n, &found);
        CONCORD_GROW(g, ncap, n + 1);
        CONCORD_GROW(p, pcap, n + 1);
        g[n] = gold_num.vals[slot];
        /* An id missing from the stories is a singleton of its own (the same
         * singleton for every gold line of that id). */
        slot = S_intern_slot(&pred_of, aid, 0, &found);
        if (!found) {
            pred_of.vals[slot] = next_singleton++;
            missing++;
        }
        p[n] = pred_of.vals[slot];
        S_intern_slot(&gold_ids, aid, 0, &found);
        n++;
        concord_json_free(j);
    }
    gzerror(fg, &gz_bad);
    if (gz_bad != Z_OK && gz_bad != Z_BUF_ERROR) {
        concord_diag_report(diag, gold, 0, 0, "eval: %s", gzerror(fg, &gz_bad));
        bad++;
    }
    gzclose(fg);
    free(line);

    int rc = 0;
    if (n == 0) {
        concord_diag_report(diag, gold, 0, 0, "eval: no item has both \"id\" and \"%s\"", key);
        rc = 1;
    } else {
        concord_eval_scores s = concord_eval_labels(g, p, n);
        concord_eval_print(&s, out);
        /* Predicted articles not in the gold (pred_of holds gold-missing ids too). */
        size_t extra = pred_of.n >= gold_ids.n ? pred_of.n - gold_ids.n : 0;
        fprintf(out, "gold_items_missing_from_stories %zu\n", missing);
        fprintf(out, "story_articles_not_in_gold %zu\n", extra);
        if (unlabeled)
            fprintf(out, "gold_lines_without_label %zu\n", unlabeled);
        if (bad) {
            concord_diag_note(diag, stories, 0, 0,
                              "eval: %zu line%s could not be read; scores leave them out", bad,
                              bad == 1 ? "" : "s");
            rc = 2;
        }
    }
    free(g);
    free(p);
    S_intern_free(&pred_of);
    S_intern_free(&story_num);
    S_intern_free(&gold_num);
    S_intern_free(&gold_ids);
    return rc;
}
