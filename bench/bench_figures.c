/* bench_figures: accuracy, precision sample and speed of the figures module.
 *
 *   bench_figures [--data DIR] [--stories stories.jsonl] [--failures N]
 *                 [--sample N] [--seed S] [--dump ARTICLE_ID] [--repeat N]
 *
 * DIR defaults to $CONCORD_SOURCE_DIR/../shared/data/gva-dev (else
 * ../shared/data/gva-dev from the current directory).  Every article is
 * cleaned (concord_clean_article) and analyzed, then:
 *   - extraction speed: MB/s of concord_figures_extract alone over the
 *     cleaned texts (best of --repeat passes, one core), peak RSS;
 *   - extraction-only accuracy: for each gold incident (incidents.jsonl) the
 *     killed and injured estimates of its articles grouped by the GOLD
 *     incident (concord_figures_explain + concord_figures_total; none
 *     reported counts as 0) against num_killed / num_injured, exact match,
 *     with the majority-class baselines;
 *   - --stories FILE: the end-to-end figure: each incident is judged on the
 *     story (of FILE, concord's own stories.jsonl) holding most of its
 *     articles, with all of that story's articles;
 *   - halves: the same figures for incidents with an even id (tuned on) and
 *     an odd id (held out: --failures never shows them);
 *   - --failures N: prints N failing incidents (even ids) with every report;
 *     with --stories also the even incidents that gold grouping gets right
 *     and their story gets wrong where the story mixes other incidents'
 *     articles and the incident is its majority ("E2E FAIL": the story's
 *     members, other incidents' marked, and its reports);
 *   - --sample N: N reports drawn at random (fixed --seed; the N smallest
 *     hashes of seed, article, offset and measure, so the draw is stable
 *     under small extractor changes) from all articles, with the sentence,
 *     for judging precision by hand (tests/data/figures_judgements.tsv);
 *   - --dump ID: the reports of one article;
 *   - --list FILE: one line per incident (id, gold killed, gold injured,
 *     estimated killed, estimated injured; with --stories also the end-to-end
 *     killed and injured, the story's size and how many of the incident's
 *     articles it holds; tab-separated), for comparing two builds incident
 *     by incident;
 *   - --compare FILE: FILE is the --list of an earlier build (same data,
 *     same --stories or none): prints, per half and measure, the incidents
 *     this build gains and loses against it (gold grouping, and end to end
 *     when both runs have it), and the ids of the even incidents whose
 *     estimate changed; odd (held-out) incidents are only counted. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "concord.h"

typedef struct {
    concord_article *a;
    concord_clean *c;
    concord_doc *d;
    char *incident;
} S_art;

typedef struct {
    char *id;
    int killed, injured;
    size_t *arts;
    size_t n_arts, cap;
} S_inc;

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: the per-core speed, unaffected by other jobs
 * sharing the machine (wall time is printed too). */
static double S_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *S_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* Calls fn on each parsed JSON line of a file. */
static int S_lines(const char *path, void (*fn)(const concord_json *, void *), void *ctx)
{
    size_t len;
    char *buf = S_read_file(path, &len);
    if (!buf)
        return -1;
    char *p = buf;
    while (p < buf + len) {
        char *e = memchr(p, '\n', (size_t)(buf + len - p));
        if (!e)
            e = buf + len;
        concord_json *j = concord_json_parse(p, (size_t)(e - p), NULL, NULL);
        if (j) {
            fn(j, ctx);
            concord_json_free(j);
        }
        p = e + 1;
    }
    free(buf);
    return 0;
}

/* An earlier build's --list, for --compare: per incident id, its
 * estimates (gold grouping; end to end when e2e). */
typedef struct {
    char id[32];
    double k, i, ek, ei;
    int e2e;
} S_prev;

static S_prev *S_prevs;
static size_t S_n_prevs;

static int S_cmp_prev(const void *a, const void *b)
{
    return strcmp(((const S_prev *)a)->id, ((const S_prev *)b)->id);
}

static int S_load_prev(const char *path)
{
    size_t len, cap = 0;
    char *buf = S_read_file(path, &len);
    if (!buf)
        return -1;
    for (char *p = buf; p < buf + len;) {
        char *e = memchr(p, '\n', (size_t)(buf + len - p));
        if (!e)
            e = buf + len;
        *e = '\0';
        S_prev v;
        int gk, gi;
        memset(&v, 0, sizeof v);
        int n = sscanf(p, "%31s %d %d %lf %lf %lf %lf", v.id, &gk, &gi, &v.k, &v.i, &v.ek, &v.ei);
        if (n >= 5) {
            v.e2e = n == 7;
            CONCORD_GROW(S_prevs, cap, S_n_prevs + 1);
            S_prevs[S_n_prevs++] = v;
        }
        p = e + 1;
    }
    free(buf);
    if (S_n_prevs > 1)
        qsort(S_prevs, S_n_prevs, sizeof *S_prevs, S_cmp_prev);
    return 0;
}

static const S_prev *S_find_prev(const char *id)
{
    S_prev key;
    memset(&key, 0, sizeof key);
    snprintf(key.id, sizeof key.id, "%s", id);
    return S_n_prevs ? bsearch(&key, S_prevs, S_n_prevs, sizeof *S_prevs, S_cmp_prev) : NULL;
}

/* --compare tallies: [half][measure: killed, injured, e2e killed, e2e
 * injured][gained, lost] */
static size_t S_cmp_tally[2][4][2];

/* End-to-end misses by where they come from (--stories): the story holds
 * exactly the incident's articles (figures), only part of them (split),
 * other incidents' articles too, the incident being the story's majority
 * or not (mixed); each counted apart for gold grouping right or wrong.
 * [half][measure][class][gold right] */
enum { S_E2E_FIGURES, S_E2E_SPLIT, S_E2E_MIXED_MAJOR, S_E2E_MIXED_MINOR, S_E2E_N };
static size_t S_e2e_class[2][2][S_E2E_N][2];
static const char *const S_e2e_names[S_E2E_N] = {
    "same articles as the incident (figures)", "split: story holds part of the incident",
    "mixed: other incidents' articles, incident is the story's majority",
    "mixed: other incidents' articles, incident is no majority"};

static void S_tally(int odd, int m, double prev, double now, int gold)
{
    int was = prev == gold, is = now == gold;
    if (is && !was)
        S_cmp_tally[odd][m][0]++;
    else if (was && !is)
        S_cmp_tally[odd][m][1]++;
}

static S_art *S_arts;
static size_t S_n_arts, S_cap_arts;
static S_inc *S_incs;
static size_t S_n_incs, S_cap_incs;
static concord_analyzer *S_az;

static void S_on_article(const concord_json *j, void *ctx)
{
    (void)ctx;
    const char *text = concord_json_get_str(j, "text");
    const concord_json *tj = concord_json_get(j, "text");
    concord_article *a = concord_article_new(
        concord_json_get_str(j, "id"), concord_json_get_str(j, "source"),
        concord_json_get_str(j, "url"), concord_json_get_str(j, "date"),
        concord_json_get_str(j, "title"), text ? text : "", tj && text ? tj->len : 0);
    CONCORD_GROW(S_arts, S_cap_arts, S_n_arts + 1);
    S_art *s = &S_arts[S_n_arts++];
    s->a = a;
    s->c = concord_clean_article(a);
    s->d = concord_analyze(S_az, s->c->text, s->c->len);
    const char *st = concord_json_get_str(j, "story");
    s->incident = concord_xstrdup(st ? st : "");
}

static void S_on_incident(const concord_json *j, void *ctx)
{
    (void)ctx;
    const char *id = concord_json_get_str(j, "incident");
    if (!id)
        return;
    CONCORD_GROW(S_incs, S_cap_incs, S_n_incs + 1);
    S_inc *in = &S_incs[S_n_incs++];
    memset(in, 0, sizeof *in);
    in->id = concord_xstrdup(id);
    in->killed = (int)concord_json_get_num(j, "num_killed", 0);
    in->injured = (int)concord_json_get_num(j, "num_injured", 0);
}

/* Figures of a set of articles, in (date, id) order as the pipeline gives them. */
static const S_art *S_sort_base;
static int S_cmp_member(const void *a, const void *b)
{
    const S_art *x = &S_sort_base[*(const size_t *)a], *y = &S_sort_base[*(const size_t *)b];
    const char *dx = x->a->date, *dy = y->a->date;
    if (!dx[0] != !dy[0])
        return dx[0] ? -1 : 1;
    int c = strcmp(dx, dy);
    return c ? c : strcmp(x->a->id, y->a->id);
}

static concord_figures *S_explain(size_t *idx, size_t n, concord_member **mout)
{
    S_sort_base = S_arts;
    qsort(idx, n, sizeof *idx, S_cmp_member);
    concord_member *m = concord_xcalloc(n ? n : 1, sizeof *m);
    for (size_t i = 0; i < n; i++) {
        m[i].article = S_arts[idx[i]].a;
        m[i].clean = S_arts[idx[i]].c;
        m[i].doc = S_arts[idx[i]].d;
    }
    concord_figures *f = concord_figures_explain(m, n);
    if (mout)
        *mout = m;
    else
        free(m);
    return f;
}

static void S_print_reports(const concord_figures *f, const concord_member *m)
{
    for (size_t g = 0; g < f->n_figures; g++) {
        const concord_figure *fg = &f->figures[g];
        if (fg->measure != CONCORD_FIG_KILLED && fg->measure != CONCORD_FIG_INJURED)
            continue;
        printf("    %s/%s%s%s %s est=%g\n", concord_figure_measure_name(fg->measure), fg->subject,
               fg->place[0] ? "@" : "", fg->place, concord_figure_status_name(fg->status),
               fg->has_estimate ? fg->estimate : -1);
        for (size_t k = 0; k < fg->n_reports; k++) {
            const concord_figure_report *r = &f->reports[fg->reports[k]];
            printf("      [%s %u] %g%s%s%s \"%.*s\"\n", m[r->member].article->id, r->start,
                   r->value, r->retracted ? " retracted" : "", r->derived ? " derived" : "",
                   r->qualifier ? " q" : "", (int)(r->end - r->start),
                   (r->in_title ? m[r->member].article->title : m[r->member].clean->text) +
                       r->start);
        }
    }
}

static int S_cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static double S_majority(int (*get)(const S_inc *), size_t *counted)
{
    int *v = malloc((S_n_incs ? S_n_incs : 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < S_n_incs; i++)
        if (S_incs[i].n_arts)
            v[n++] = get(&S_incs[i]);
    qsort(v, n, sizeof *v, S_cmp_int);
    size_t best = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] == v[i])
            j++;
        if (j - i > best)
            best = j - i;
        i = j;
    }
    free(v);
    *counted = n;
    return n ? (double)best / (double)n : 0;
}
static int S_get_k(const S_inc *i)
{
    return i->killed;
}
static int S_get_i(const S_inc *i)
{
    return i->injured;
}

/* ---- end to end with a stories.jsonl ------------------------------------ */

typedef struct {
    char **ids;
    size_t *story; /* per id: story line */
    size_t n, cap;
    size_t n_stories;
} S_stories;

static void S_on_story(const concord_json *j, void *ctx)
{
    S_stories *s = ctx;
    const concord_json *arts = concord_json_get(j, "articles");
    for (size_t i = 0; arts && arts->type == CONCORD_JSON_ARRAY && i < arts->len; i++) {
        const char *id = concord_json_get_str(arts->items[i], "id");
        if (!id)
            continue;
        CONCORD_GROW(s->ids, s->cap, s->n + 1);
        s->story = concord_xrealloc(s->story, s->cap * sizeof *s->story);
        s->ids[s->n] = concord_xstrdup(id);
        s->story[s->n++] = s->n_stories;
    }
    s->n_stories++;
}

static long S_story_of(const S_stories *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->ids[i], id) == 0)
            return (long)s->story[i];
    return -1;
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *stories = NULL, *dump = NULL;
    long failures = 0, sample = 0, repeat = 3;
    const char *list = NULL, *compare = NULL;
    unsigned long seed = 2026;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--stories") == 0 && i + 1 < argc)
            stories = argv[++i];
        else if (strcmp(argv[i], "--list") == 0 && i + 1 < argc)
            list = argv[++i];
        else if (strcmp(argv[i], "--compare") == 0 && i + 1 < argc)
            compare = argv[++i];
        else if (strcmp(argv[i], "--failures") == 0 && i + 1 < argc)
            failures = atol(argv[++i]);
        else if (strcmp(argv[i], "--sample") == 0 && i + 1 < argc)
            sample = atol(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            dump = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = atol(argv[++i]);
        else {
            fprintf(
                stderr,
                "usage: bench_figures [--data DIR] [--stories FILE] [--failures N] [--list FILE] "
                "[--compare FILE] [--sample N] [--seed S] [--dump ID] [--repeat N]\n");
            return 2;
        }
    }
    char path[8300];
    char dbuf[4096];
    if (!dir) {
        const char *src = getenv("CONCORD_SOURCE_DIR");
        snprintf(dbuf, sizeof dbuf, "%s/../shared/data/gva-dev", src ? src : ".");
        dir = dbuf;
    }
    S_az = concord_analyzer_new("english");
    snprintf(path, sizeof path, "%s/articles.jsonl", dir);
    double t0 = S_now();
    if (S_lines(path, S_on_article, NULL) != 0) {
        fprintf(stderr, "bench_figures: %s not found: skipped\n", path);
        return 77;
    }
    snprintf(path, sizeof path, "%s/incidents.jsonl", dir);
    S_lines(path, S_on_incident, NULL);
    printf("loaded %zu articles, %zu incidents (read+clean+analyze %.1f s)\n", S_n_arts, S_n_incs,
           S_now() - t0);

    if (dump) {
        for (size_t i = 0; i < S_n_arts; i++) {
            if (strcmp(S_arts[i].a->id, dump) != 0)
                continue;
            size_t n;
            concord_member mb;
            memset(&mb, 0, sizeof mb);
            mb.article = S_arts[i].a;
            mb.clean = S_arts[i].c;
            mb.doc = S_arts[i].d;
            /* as the story sees them: title reports first (offsets into the title) */
            concord_figure_report *r = concord_figures_extract_member(&mb, &n);
            printf("%s (incident %s): %zu reports\n", dump, S_arts[i].incident, n);
            for (size_t k = 0; k < n; k++) {
                const char *src = r[k].in_title ? S_arts[i].a->title : S_arts[i].c->text;
                printf("  %s/%s%s%s %g [%g,%g]%s%s%s%s%s \"%.*s\" attr=\"%.*s\"\n",
                       concord_figure_measure_name(r[k].measure), r[k].subject,
                       r[k].place[0] ? "@" : "", r[k].place, r[k].value, r[k].low, r[k].high,
                       r[k].retracted ? " retracted" : "", r[k].derived ? " derived" : "",
                       r[k].background ? " background" : "", r[k].inferred ? " inferred" : "",
                       r[k].in_title ? " title" : "", (int)(r[k].end - r[k].start),
                       src + r[k].start, (int)(r[k].attr_end - r[k].attr_start),
                       src + r[k].attr_start);
            }
            free(r);
            break;
        }
        return 0;
    }

    /* speed: extraction alone */
    size_t bytes = 0, n_reports = 0;
    double best = 1e30, best_wall = 1e30;
    for (long rep = 0; rep < repeat; rep++) {
        double s = S_cpu(), sw = S_now();
        n_reports = 0;
        bytes = 0;
        for (size_t i = 0; i < S_n_arts; i++) {
            size_t n;
            concord_figure_report *r =
                concord_figures_extract(S_arts[i].c->text, S_arts[i].c->len, S_arts[i].d, &n);
            n_reports += n;
            bytes += S_arts[i].c->len;
            free(r);
        }
        double el = S_cpu() - s, elw = S_now() - sw;
        if (el < best)
            best = el;
        if (elw < best_wall)
            best_wall = elw;
    }
    printf("extraction: %zu reports from %.1f MB cleaned text: %.1f MB/s per core "
           "(CPU time, best of %ld; wall %.1f MB/s), %.0f articles/s\n",
           n_reports, (double)bytes / 1e6, (double)bytes / 1e6 / best, repeat,
           (double)bytes / 1e6 / best_wall, (double)S_n_arts / best);

    if (sample > 0) {
        /* all reports, then a fixed-seed draw */
        typedef struct {
            size_t art;
            concord_figure_report r;
        } S_pick;
        S_pick *all = NULL;
        size_t n_all = 0, cap = 0;
        for (size_t i = 0; i < S_n_arts; i++) {
            size_t n;
            concord_figure_report *r =
                concord_figures_extract(S_arts[i].c->text, S_arts[i].c->len, S_arts[i].d, &n);
            for (size_t k = 0; k < n; k++) {
                CONCORD_GROW(all, cap, n_all + 1);
                all[n_all].art = i;
                all[n_all++].r = r[k];
            }
            free(r);
        }
        /* stable draw: the reports with the smallest hash of (seed, article,
         * offset, measure), so a change to the extractor only changes the
         * sample where reports appear or disappear */
        uint64_t *key = concord_xmalloc((n_all ? n_all : 1) * sizeof *key);
        for (size_t k = 0; k < n_all; k++) {
            char buf[256];
            int bl = snprintf(buf, sizeof buf, "%lu|%s|%u|%d", seed, S_arts[all[k].art].a->id,
                              all[k].r.start, (int)all[k].r.measure);
            key[k] = concord_hash(buf, (size_t)(bl < 0 ? 0 : bl), 0);
        }
        for (long s = 0; s < sample && n_all > 0; s++) {
            size_t k = 0;
            for (size_t j = 1; j < n_all; j++)
                if (key[j] < key[k])
                    k = j;
            S_pick p = all[k];
            all[k] = all[--n_all];
            key[k] = key[n_all];
            const S_art *a = &S_arts[p.art];
            const concord_span *sp =
                p.r.sentence < a->d->n_sentences ? &a->d->sentences[p.r.sentence] : NULL;
            printf("#%ld\t%s\t%u\t%u\t%s\t%g\t%s%s%s%s\n  sentence: %.*s\n  report: \"%.*s\"  "
                   "[%g,%g]%s%s attr=\"%.*s\"\n",
                   s + 1, a->a->id, p.r.start, p.r.end, concord_figure_measure_name(p.r.measure),
                   p.r.value, p.r.subject, p.r.place[0] ? "@" : "", p.r.place,
                   p.r.qualifier ? " (qualified)" : "", sp ? (int)(sp->end - sp->start) : 0,
                   sp ? a->c->text + sp->start : "", (int)(p.r.end - p.r.start),
                   a->c->text + p.r.start, p.r.low, p.r.high,
                   p.r.retracted    ? " retracted"
                   : p.r.background ? " background"
                                    : "",
                   p.r.derived ? " derived" : "", (int)(p.r.attr_end - p.r.attr_start),
                   a->c->text + p.r.attr_start);
        }
        free(key);
        free(all);
        return 0;
    }

    /* gold grouping */
    for (size_t i = 0; i < S_n_arts; i++)
        for (size_t k = 0; k < S_n_incs; k++)
            if (strcmp(S_incs[k].id, S_arts[i].incident) == 0) {
                CONCORD_GROW(S_incs[k].arts, S_incs[k].cap, S_incs[k].n_arts + 1);
                S_incs[k].arts[S_incs[k].n_arts++] = i;
                break;
            }
    size_t counted;
    double base_k = S_majority(S_get_k, &counted), base_i = S_majority(S_get_i, &counted);
    S_stories st = {NULL, NULL, 0, 0, 0};
    if (stories && S_lines(stories, S_on_story, &st) != 0) {
        fprintf(stderr, "bench_figures: cannot read %s\n", stories);
        return 1;
    }
    size_t ok_k = 0, ok_i = 0, ok_both = 0, shown = 0;
    size_t e2e_k = 0, e2e_i = 0;
    /* halves by incident id: even ids are tuned on, odd ids held out */
    size_t h_n[2] = {0, 0}, h_k[2] = {0, 0}, h_i[2] = {0, 0}, h_ek[2] = {0, 0}, h_ei[2] = {0, 0};
    if (compare && S_load_prev(compare) != 0) {
        fprintf(stderr, "bench_figures: cannot read %s\n", compare);
        return 1;
    }
    char *changed = NULL; /* even ids whose estimate changed against --compare */
    size_t n_changed = 0, cap_changed = 0, n_unmatched = 0;
    FILE *lf = list ? fopen(list, "w") : NULL;
    if (list && !lf) {
        fprintf(stderr, "bench_figures: cannot write %s\n", list);
        return 1;
    }
    double t_explain = S_now();
    for (size_t k = 0; k < S_n_incs; k++) {
        S_inc *in = &S_incs[k];
        if (!in->n_arts)
            continue;
        size_t *idx = malloc(in->n_arts * sizeof *idx);
        memcpy(idx, in->arts, in->n_arts * sizeof *idx);
        concord_member *m;
        concord_figures *f = S_explain(idx, in->n_arts, &m);
        double pk = concord_figures_total(f, CONCORD_FIG_KILLED);
        double pi = concord_figures_total(f, CONCORD_FIG_INJURED);
        pk = pk < 0 ? 0 : pk;
        pi = pi < 0 ? 0 : pi;
        int gk = pk == in->killed, gi = pi == in->injured;
        ok_k += (size_t)gk;
        ok_i += (size_t)gi;
        ok_both += (size_t)(gk && gi);
        size_t idl = strlen(in->id);
        int odd = idl > 0 && ((in->id[idl - 1] - '0') & 1);
        h_n[odd]++;
        h_k[odd] += (size_t)gk;
        h_i[odd] += (size_t)gi;
        const S_prev *prev = compare ? S_find_prev(in->id) : NULL;
        n_unmatched += compare && !prev;
        if (prev) {
            S_tally(odd, 0, prev->k, pk, in->killed);
            S_tally(odd, 1, prev->i, pi, in->injured);
            if (!odd && (prev->k != pk || prev->i != pi)) {
                size_t l = strlen(in->id);
                CONCORD_GROW(changed, cap_changed, n_changed + l + 2);
                changed[n_changed++] = ' ';
                memcpy(changed + n_changed, in->id, l + 1);
                n_changed += l;
            }
        }
        if ((!gk || !gi) && !odd && (long)shown < failures) {
            shown++;
            printf("\nFAIL incident %s: gold killed %d injured %d, got %g %g (%zu articles)\n",
                   in->id, in->killed, in->injured, pk, pi, in->n_arts);
            S_print_reports(f, m);
        }
        concord_figures_free(f);
        free(m);
        free(idx);
        if (stories) {
            /* the story holding most of the incident's articles */
            long best_story = -1;
            size_t best_count = 0;
            for (size_t a = 0; a < in->n_arts; a++) {
                long s = S_story_of(&st, S_arts[in->arts[a]].a->id);
                if (s < 0)
                    continue;
                size_t count = 0;
                for (size_t b = 0; b < in->n_arts; b++)
                    count += S_story_of(&st, S_arts[in->arts[b]].a->id) == s;
                if (count > best_count)
                    best_count = count, best_story = s;
            }
            size_t *sidx = NULL, ns = 0, scap = 0;
            for (size_t i = 0; best_story >= 0 && i < st.n; i++) {
                if ((long)st.story[i] != best_story)
                    continue;
                for (size_t a = 0; a < S_n_arts; a++)
                    if (strcmp(S_arts[a].a->id, st.ids[i]) == 0) {
                        CONCORD_GROW(sidx, scap, ns + 1);
                        sidx[ns++] = a;
                        break;
                    }
            }
            concord_member *m2 = NULL;
            concord_figures *f2 = S_explain(sidx, ns, &m2);
            double sk = concord_figures_total(f2, CONCORD_FIG_KILLED);
            double si = concord_figures_total(f2, CONCORD_FIG_INJURED);
            e2e_k += (size_t)((sk < 0 ? 0 : sk) == in->killed);
            e2e_i += (size_t)((si < 0 ? 0 : si) == in->injured);
            h_ek[odd] += (size_t)((sk < 0 ? 0 : sk) == in->killed);
            h_ei[odd] += (size_t)((si < 0 ? 0 : si) == in->injured);
            {
                /* where a miss comes from: the story's articles against the incident's */
                size_t own = 0;
                for (size_t a = 0; a < ns; a++)
                    own += strcmp(S_arts[sidx[a]].incident, in->id) == 0;
                int cls = own == ns      ? (own == in->n_arts ? S_E2E_FIGURES : S_E2E_SPLIT)
                          : 2 * own > ns ? S_E2E_MIXED_MAJOR
                                         : S_E2E_MIXED_MINOR;
                if ((sk < 0 ? 0 : sk) != in->killed)
                    S_e2e_class[odd][0][cls][gk]++;
                if ((si < 0 ? 0 : si) != in->injured)
                    S_e2e_class[odd][1][cls][gi]++;
            }
            {
                /* --failures with --stories: the even incidents that gold
                 * grouping gets right and the story of a mixed grouping
                 * (the incident its majority) gets wrong */
                size_t own = 0;
                for (size_t a = 0; a < ns; a++)
                    own += strcmp(S_arts[sidx[a]].incident, in->id) == 0;
                int miss = ((sk < 0 ? 0 : sk) != in->killed && gk) ||
                           ((si < 0 ? 0 : si) != in->injured && gi);
                if (miss && !odd && own < ns && 2 * own > ns && (long)shown < failures) {
                    shown++;
                    printf("\nE2E FAIL incident %s: gold killed %d injured %d, story got %g %g "
                           "(%zu of %zu articles the incident's)\n",
                           in->id, in->killed, in->injured, sk < 0 ? 0 : sk, si < 0 ? 0 : si, own,
                           ns);
                    for (size_t a = 0; a < ns; a++)
                        printf("    member %s%s: %s\n", S_arts[sidx[a]].a->id,
                               strcmp(S_arts[sidx[a]].incident, in->id) == 0 ? "" : " (other)",
                               S_arts[sidx[a]].a->title ? S_arts[sidx[a]].a->title : "");
                    S_print_reports(f2, m2);
                }
            }
            if (prev && prev->e2e) {
                S_tally(odd, 2, prev->ek, sk < 0 ? 0 : sk, in->killed);
                S_tally(odd, 3, prev->ei, si < 0 ? 0 : si, in->injured);
            }
            if (lf)
                fprintf(lf, "%s\t%d\t%d\t%g\t%g\t%g\t%g\t%zu\t%zu\n", in->id, in->killed,
                        in->injured, pk, pi, sk < 0 ? 0 : sk, si < 0 ? 0 : si, ns, best_count);
            concord_figures_free(f2);
            free(m2);
            free(sidx);
        } else if (lf)
            fprintf(lf, "%s\t%d\t%d\t%g\t%g\n", in->id, in->killed, in->injured, pk, pi);
    }
    t_explain = S_now() - t_explain;
    if (lf)
        fclose(lf);
    if (counted == 0) {
        printf("no gold incidents (incidents.jsonl) for these articles: accuracy skipped\n");
        return 0;
    }
    printf("gold grouping (extraction only), %zu incidents with articles:\n", counted);
    printf("  killed  exact %.1f%% (%zu)  majority baseline %.1f%%\n",
           100.0 * (double)ok_k / (double)counted, ok_k, 100 * base_k);
    printf("  injured exact %.1f%% (%zu)  majority baseline %.1f%%\n",
           100.0 * (double)ok_i / (double)counted, ok_i, 100 * base_i);
    printf("  both    exact %.1f%%\n", 100.0 * (double)ok_both / (double)counted);
    if (stories)
        printf("end to end (%s, %zu stories): killed %.1f%%  injured %.1f%%\n", stories,
               st.n_stories, 100.0 * (double)e2e_k / (double)counted,
               100.0 * (double)e2e_i / (double)counted);
    for (int h = 0; h < 2; h++) {
        double d = h_n[h] ? (double)h_n[h] : 1;
        printf("  %s half (%zu incidents, %s): killed %.1f%%  injured %.1f%%",
               h ? "odd-id " : "even-id", h_n[h], h ? "held out" : "tuned on",
               100.0 * (double)h_k[h] / d, 100.0 * (double)h_i[h] / d);
        if (stories)
            printf("; end to end killed %.1f%%  injured %.1f%%", 100.0 * (double)h_ek[h] / d,
                   100.0 * (double)h_ei[h] / d);
        printf("\n");
    }
    if (stories) {
        printf("end-to-end misses by grouping (incidents; gold grouping right / wrong):\n");
        for (int h = 0; h < 2; h++)
            for (int c = 0; c < S_E2E_N; c++)
                printf("  %s killed %3zu / %3zu  injured %3zu / %3zu  %s\n", h ? "odd " : "even",
                       S_e2e_class[h][0][c][1], S_e2e_class[h][0][c][0], S_e2e_class[h][1][c][1],
                       S_e2e_class[h][1][c][0], S_e2e_names[c]);
    }
    if (compare) {
        printf("against %s (%zu incidents not in it):\n", compare, n_unmatched);
        for (int h = 0; h < 2; h++) {
            printf("  %s half: killed +%zu -%zu  injured +%zu -%zu", h ? "odd-id " : "even-id",
                   S_cmp_tally[h][0][0], S_cmp_tally[h][0][1], S_cmp_tally[h][1][0],
                   S_cmp_tally[h][1][1]);
            if (stories)
                printf(";  end to end killed +%zu -%zu  injured +%zu -%zu", S_cmp_tally[h][2][0],
                       S_cmp_tally[h][2][1], S_cmp_tally[h][3][0], S_cmp_tally[h][3][1]);
            printf("\n");
        }
        printf("  even incidents changed (gold grouping):%s\n", changed ? changed : " none");
    }
    free(changed);
    free(S_prevs);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("explain (extract + reconcile) over all incidents: %.2f s; peak RSS %.1f MB\n",
           t_explain, (double)ru.ru_maxrss / 1024.0);
    return 0;
}
