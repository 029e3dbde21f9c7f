/* pipeline.c: read -> clean -> analyze -> store -> group -> explain -> emit
 * (see concord/pipeline.h). */
#include "concord/pipeline.h"
#include "pipeline_internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "concord/analyze.h"
#include "concord/clean.h"
#include "concord/digest.h"
#include "concord/emit.h"
#include "concord/explain.h"
#include "concord/experimental.h"
#include "concord/figures.h"
#include "concord/group.h"
#include "concord/json.h"
#include "concord/outfile.h"
#include "concord/quotes.h"
#include "concord/read.h"
#include "concord/report.h"
#include "concord/reuse.h"
#include "concord/search.h"
#include "concord/shard.h"
#include "concord/store.h"
#include "concord/text.h"

#include <sqlite3.h>

#include "group/dedup_internal.h"
#include "explain/quotes/quote_links.h"
#include "store/store_internal.h"

#define S_CHUNK_ARTICLES 512
#define S_CHUNK_BYTES (32u << 20)
#define S_STORY_CHUNK 64
#define S_GROUPER_STATE "grouper-z"   /* packed (zstd) since 2026-12-07 */
#define S_GROUPER_STATE_RAW "grouper" /* what older stores hold, read once */

static _Thread_local char S_err[512];

static int S_set_err(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int S_set_err(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(S_err, sizeof S_err, fmt, ap);
    va_end(ap);
    return code;
}

const char *concord_pipeline_errmsg(void)
{
    return S_err;
}

void concord_options_init(concord_options *o)
{
    memset(o, 0, sizeof *o);
    o->mode = CONCORD_MODE_ANALYZE;
    o->threads = 2;
    o->write_report = 1;
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int S_mkdir_p(const char *path)
{
    char *p = concord_xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; *s && rc == 0; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = '/';
    }
    if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    free(p);
    return rc;
}

/* ------------------------------------------------------- parallel chunks */

/* Runs fn(i, worker, ctx) for i in [0, n) over up to `threads` threads; each
 * thread takes items i = worker, worker + threads, ... so work is split
 * deterministically and results land in per-item slots. */
typedef void (*S_item_fn)(size_t i, int worker, void *ctx);
typedef struct {
    S_item_fn fn;
    void *ctx;
    size_t n;
    int worker, threads;
} S_slice;

static void *S_slice_main(void *arg)
{
    S_slice *s = arg;
    for (size_t i = (size_t)s->worker; i < s->n; i += (size_t)s->threads)
        s->fn(i, s->worker, s->ctx);
    return NULL;
}

static void S_parallel(size_t n, int threads, S_item_fn fn, void *ctx)
{
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n)
        threads = n ? (int)n : 1;
    S_slice sl[16];
    pthread_t th[16];
    if (threads > 16)
        threads = 16;
    for (int w = 0; w < threads; w++)
        sl[w] = (S_slice){fn, ctx, n, w, threads};
    int started = 0;
    for (int w = 1; w < threads; w++)
        if (pthread_create(&th[w], NULL, S_slice_main, &sl[w]) == 0)
            started = w;
        else
            break;
    if (started < threads - 1) { /* could not start every thread: do it here */
        for (int w = 1; w <= started; w++)
            pthread_join(th[w], NULL);
        sl[0].threads = 1;
        S_slice_main(&sl[0]);
        return;
    }
    S_slice_main(&sl[0]);
    for (int w = 1; w < threads; w++)
        pthread_join(th[w], NULL);
}

/* Runs fn over items [0, n) on threads of its own and returns at once, so
 * that the caller works on something else meanwhile (the previous chunk's
 * store writes, the next chunk's reading); S_background_help then lends the
 * calling thread to the items not yet taken, and S_background_join waits.
 * Items are taken one at a time from a shared counter, so whoever is free
 * takes the next (results land in per-item slots: the split changes no
 * result); `worker` is the taker's number, for per-worker scratch (the
 * background threads are 0 .. threads - 1; the helping caller passes its
 * own, unused by them).  With no thread to be had the items are run in the
 * caller at start.  The struct must not move while items run. */
typedef struct S_background S_background;
typedef struct {
    S_background *bg;
    int worker;
} S_bg_arg;
struct S_background {
    S_item_fn fn;
    void *ctx;
    size_t n;
    atomic_size_t next;
    S_bg_arg arg[16];
    pthread_t th[16];
    int started[16];
    int threads;
};

static void S_bg_run(S_background *bg, int worker)
{
    for (;;) {
        size_t i = atomic_fetch_add(&bg->next, 1);
        if (i >= bg->n)
            break;
        bg->fn(i, worker, bg->ctx);
    }
}

static void *S_bg_main(void *arg)
{
    S_bg_arg *a = arg;
    S_bg_run(a->bg, a->worker);
    return NULL;
}

static void S_background_start(S_background *bg, size_t n, int threads, S_item_fn fn, void *ctx)
{
    if (threads < 1)
        threads = 1;
    if (threads > 16)
        threads = 16;
    if ((size_t)threads > n)
        threads = n ? (int)n : 1;
    bg->fn = fn;
    bg->ctx = ctx;
    bg->n = n;
    atomic_store(&bg->next, 0);
    bg->threads = threads;
    for (int w = 0; w < threads; w++) {
        bg->arg[w] = (S_bg_arg){bg, w};
        bg->started[w] = pthread_create(&bg->th[w], NULL, S_bg_main, &bg->arg[w]) == 0;
        if (!bg->started[w])
            S_bg_run(bg, w);
    }
}

/* The calling thread takes items as worker `worker` until none is left. */
static void S_background_help(S_background *bg, int worker)
{
    if (bg->threads)
        S_bg_run(bg, worker);
}

static void S_background_join(S_background *bg)
{
    for (int w = 0; w < bg->threads; w++)
        if (bg->started[w])
            pthread_join(bg->th[w], NULL);
    bg->threads = 0;
}

/* The threads that work beside a calling thread busy with the store (its
 * reads, writes and the input's reading) when it helps as soon as it is
 * free: threads - 1 of them, so that no more threads run than `threads`
 * (on 2 cores, three busy threads took the store's thread a third of its
 * core while the others ran); at least one. */
static int S_helpers(int threads)
{
    return threads > 2 ? threads - 1 : 1;
}

/* The calling thread's worker number when it helps (beside S_helpers
 * background threads; per-worker scratch comes in `threads`), or -1 when
 * it must not: with one thread the one background thread is all. */
static int S_helper_self(int threads)
{
    return threads >= 2 ? S_helpers(threads) : -1;
}

static void S_background_lend(S_background *bg, int threads)
{
    int self = S_helper_self(threads);
    if (self >= 0)
        S_background_help(bg, self);
}

/* ------------------------------------------------------------- ingest */

typedef struct {
    concord_article *article;
    concord_clean *clean;
    concord_features *features;
    int status;   /* concord_store_status once stored */
    uint64_t tag; /* concord_sink_add's tag */
    int known;    /* the same id with the same content is stored or read before it */
    concord__store_prepared *prep; /* its store cells, packed by the worker (or NULL) */
} S_item;

typedef struct {
    S_item *items;
    concord_analyzer **az;      /* one per worker */
    int dedup_only;             /* features for duplicate detection only */
    concord__store_packer **pk; /* one per worker: store cells prepared too; NULL: not */
} S_ingest_ctx;

void concord_ingest_article(concord_article *a, concord_analyzer *az, concord_clean **clean,
                            concord_features **features)
{
    concord_clean *c = *clean;
    if (!c) /* articles read back from the store come cleaned */
        c = concord_clean_article(a);
    /* a report without a known outlet that names itself ("(FiveNation.com)-") */
    if (!strcmp(a->source, "unknown") && c->outlet && c->outlet[0]) {
        free(a->source);
        a->source = concord_xstrdup(c->outlet);
    }
    /* a declared language (the page's <html lang>) is trusted; else the
     * analyzer detects it from the text */
    concord_analyzer_set_language(az, a->lang);
    concord_doc *d = concord_analyze(az, c->text, c->len);
    *features = concord_features_new(a, c, d);
    concord_doc_free(d);
    *clean = c;
}

static void S_ingest_one(size_t i, int worker, void *ctx)
{
    S_ingest_ctx *c = ctx;
    S_item *it = &c->items[i];
    if (it->known) {
        /* no analysis: the store keeps the article as it is ("same"), or
         * dedup has its identical copy; cleaning tells the store whether
         * the cleaned form changed (new cleaning rules) */
        if (!c->dedup_only && !it->clean)
            it->clean = concord_clean_article(it->article);
        if (c->pk) /* hashes only: most likely stored already */
            it->prep = concord__store_prepare(c->pk[worker], it->article, it->clean, 0);
        return;
    }
    if (c->dedup_only) { /* shingles of the cleaned text are all it needs */
        if (!it->clean)
            it->clean = concord_clean_article(it->article);
        it->features = concord__dup_features(c->az[worker], it->article, it->clean);
        return;
    }
    concord_ingest_article(it->article, c->az[worker], &it->clean, &it->features);
    if (c->pk) /* the store's packing off the store's thread */
        it->prep = concord__store_prepare(c->pk[worker], it->article, it->clean, 1);
}

/* Ids read so far with the hash of their content (as the store hashes it)
 * and date: a later record of the same id, content and date needs no
 * analysis (re-scraped pages, overlapping batches).  Open addressing on
 * the id's hash; a collision of two ids' hashes only costs an analysis. */
typedef struct S_seen {
    uint64_t *id, *content; /* id 0: empty */
    size_t n, cap;
} S_seen;

static uint64_t S_seen_content(const concord_article *a)
{
    const char *date = a->date ? a->date : "";
    return concord_hash(date, strlen(date), concord__store_content_hash(a));
}

/* Records id -> content; returns the content recorded before (0: none). */
static uint64_t S_seen_put(S_seen *m, const char *id, uint64_t content)
{
    if ((m->n + 1) * 2 > m->cap) {
        S_seen big = {NULL, NULL, 0, m->cap ? m->cap * 2 : 4096};
        big.id = concord_xcalloc(big.cap, sizeof *big.id);
        big.content = concord_xcalloc(big.cap, sizeof *big.content);
        for (size_t i = 0; i < m->cap; i++)
            if (m->id[i]) {
                size_t h = (size_t)(m->id[i] * 0x9e3779b97f4a7c15ULL) & (big.cap - 1);
                while (big.id[h])
                    h = (h + 1) & (big.cap - 1);
                big.id[h] = m->id[i];
                big.content[h] = m->content[i];
            }
        big.n = m->n;
        free(m->id);
        free(m->content);
        *m = big;
    }
    uint64_t k = concord_hash(id, strlen(id), 0x5ee0) | 1;
    size_t h = (size_t)(k * 0x9e3779b97f4a7c15ULL) & (m->cap - 1);
    while (m->id[h] && m->id[h] != k)
        h = (h + 1) & (m->cap - 1);
    uint64_t before = m->id[h] ? m->content[h] : 0;
    if (!m->id[h])
        m->n++;
    m->id[h] = k;
    m->content[h] = content ? content : 1;
    return before;
}

static void S_seen_free(S_seen *m)
{
    free(m->id);
    free(m->content);
    memset(m, 0, sizeof *m);
}

/* Reads the next chunk; returns the number of articles (0 at the end).
 * known(ctx, a), when given, marks the articles that need no analysis. */
static size_t S_read_chunk(concord_reader *r, S_item *items,
                           int (*known)(void *ctx, const concord_article *a), void *known_ctx)
{
    size_t n = 0, bytes = 0;
    concord_article *a;
    while (n < S_CHUNK_ARTICLES && bytes < S_CHUNK_BYTES && concord_reader_next(r, &a)) {
        memset(&items[n], 0, sizeof items[n]);
        items[n].article = a;
        items[n].known = known && a->id && *a->id && known(known_ctx, a);
        bytes += a->text_len;
        n++;
    }
    return n;
}

static void S_free_item(S_item *it)
{
    concord_article_free(it->article);
    concord_clean_free(it->clean);
    concord_features_free(it->features);
    concord__store_prepared_free(it->prep);
    memset(it, 0, sizeof *it);
}

static concord_analyzer **S_analyzers(int threads)
{
    concord_analyzer **az = concord_xcalloc((size_t)threads, sizeof *az);
    for (int i = 0; i < threads; i++)
        az[i] = concord_analyzer_new("auto");
    return az;
}

static void S_free_analyzers(concord_analyzer **az, int threads)
{
    for (int i = 0; i < threads; i++)
        concord_analyzer_free(az[i]);
    free(az);
}

/* Two chunks in flight (concord_ingest_stream, shard.h): while the workers
 * clean and analyze one, the caller's thread reads the next and stores the
 * one before (bounded: 2 chunks). */
struct concord_ingest_stream {
    concord_reader *r;
    S_item *chunk[2];
    S_ingest_ctx ictx[2];
    S_background bg;
    int threads, cur, started, running;
    size_t n;                                          /* articles of chunk[cur], being ingested */
    int (*known)(void *ctx, const concord_article *a); /* see S_read_chunk */
    void *known_ctx;
};

concord_ingest_stream *concord_ingest_stream_new(concord_reader *r, concord_analyzer **az,
                                                 int threads)
{
    concord_ingest_stream *s = concord_xcalloc(1, sizeof *s);
    s->r = r;
    s->threads = threads < 1 ? 1 : threads;
    for (int k = 0; k < 2; k++) {
        s->chunk[k] = concord_xcalloc(S_CHUNK_ARTICLES, sizeof(S_item));
        s->ictx[k] = (S_ingest_ctx){s->chunk[k], az, 0, NULL};
    }
    return s;
}

/* The next ingested chunk (its items are the caller's to take or free
 * before the next call); NULL at the end. */
static S_item *S_stream_next(concord_ingest_stream *s, size_t *n)
{
    *n = 0;
    if (!s->started) {
        s->started = 1;
        s->n = S_read_chunk(s->r, s->chunk[s->cur], s->known, s->known_ctx);
        if (s->n) {
            S_background_start(&s->bg, s->n, S_helpers(s->threads), S_ingest_one, &s->ictx[s->cur]);
            s->running = 1;
        }
    }
    if (!s->n)
        return NULL;
    size_t n_next = S_read_chunk(s->r, s->chunk[!s->cur], s->known, s->known_ctx);
    S_background_lend(&s->bg, s->threads); /* the caller's thread is free: it helps */
    S_background_join(&s->bg);
    s->running = 0;
    if (n_next) {
        S_background_start(&s->bg, n_next, S_helpers(s->threads), S_ingest_one, &s->ictx[!s->cur]);
        s->running = 1;
    }
    S_item *items = s->chunk[s->cur];
    *n = s->n;
    s->cur = !s->cur;
    s->n = n_next;
    return items;
}

size_t concord_ingest_stream_next(concord_ingest_stream *s, concord_article **a, concord_clean **c,
                                  concord_features **f)
{
    size_t n;
    S_item *items = S_stream_next(s, &n);
    for (size_t i = 0; i < n; i++) {
        a[i] = items[i].article;
        c[i] = items[i].clean;
        f[i] = items[i].features;
        concord__store_prepared_free(items[i].prep);
        memset(&items[i], 0, sizeof items[i]);
    }
    return n;
}

void concord_ingest_stream_free(concord_ingest_stream *s)
{
    if (!s)
        return;
    if (s->running)
        S_background_join(&s->bg);
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < S_CHUNK_ARTICLES; i++)
            S_free_item(&s->chunk[k][i]);
        free(s->chunk[k]);
    }
    free(s);
}

size_t concord_ingest_chunk_size(void)
{
    return S_CHUNK_ARTICLES;
}

concord_analyzer **concord_analyzers_new(int threads)
{
    return S_analyzers(threads < 1 ? 1 : threads);
}

void concord_analyzers_free(concord_analyzer **az, int threads)
{
    S_free_analyzers(az, threads < 1 ? 1 : threads);
}

/* ------------------------------------------------------------ explain */

static int S_text_ok(const char *s)
{
    return !s || concord_utf8_valid(s, strlen(s));
}

/* A row read back from the store that cannot be what concord wrote. */
static int S_article_damaged(const concord_article *a, const concord_clean *c)
{
    if (!S_text_ok(a->id) || !S_text_ok(a->source) || !S_text_ok(a->url) || !S_text_ok(a->date) ||
        !S_text_ok(a->title) || (a->text && !concord_utf8_valid(a->text, a->text_len)))
        return 1;
    return c && c->text && !concord_utf8_valid(c->text, c->len);
}

typedef concord_story_result S_story_out;

typedef struct {
    const concord_grouper *g;
    const size_t *stories; /* story indexes of this chunk */
    S_story_out *out;
    concord_store **stores; /* one read connection per worker */
    concord_analyzer **az;
    concord_diag *diag;
} S_explain_ctx;

static int S_member_cmp(const void *pa, const void *pb)
{
    const concord_member *a = pa, *b = pb;
    const char *da = concord_article_day(a->article, a->clean);
    const char *db = concord_article_day(b->article, b->clean);
    if (!*da != !*db)
        return *da ? -1 : 1;
    int c = strcmp(da, db);
    return c ? c : strcmp(a->article->id, b->article->id);
}

static int S_str_cmp(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The story title: the headline of the grouper's representative member
 * (closest to the story centroid), else the first headline there is. */
static const char *S_story_title(const concord_member *m, size_t n, const char *rep_id)
{
    for (size_t i = 0; i < n; i++)
        if (rep_id && !strcmp(m[i].article->id, rep_id) && m[i].article->title[0])
            return m[i].article->title;
    for (size_t i = 0; i < n; i++)
        if (m[i].article->title[0])
            return m[i].article->title;
    return NULL; /* no headline at all */
}

typedef struct {
    const char *id, *dup;
} S_dup_link;

static int S_dup_link_cmp(const void *pa, const void *pb)
{
    return strcmp(((const S_dup_link *)pa)->id, ((const S_dup_link *)pb)->id);
}

/* Reads story sp's members back from the store and analyses them into m
 * (room for sp->n); a member that cannot be read, or whose stored text is
 * damaged, is reported to diag and left out (counted in *read_errors when
 * the store failed).  Returns the number read. */
static size_t S_read_members(const concord_story_spec *sp, concord_store *st, concord_analyzer *az,
                             concord_diag *diag, concord_member *m, size_t *read_errors)
{
    size_t got = 0;
    for (size_t i = 0; i < sp->n; i++) {
        const char *id = sp->members[i];
        concord_article *a = NULL;
        concord_clean *cl = NULL;
        int rc = concord_store_get_article(st, id, &a, &cl);
        if (rc == 0 && a && S_article_damaged(a, cl)) {
            rc = CONCORD_STORE_ERR_CORRUPT;
            concord_diag_report(diag, concord_store_path(st), 0, 0,
                                "article %s of story %s: stored text is not UTF-8 (damaged"
                                " store)",
                                id, sp->id);
            concord_article_free(a);
            concord_clean_free(cl);
            (*read_errors)++;
            continue;
        }
        if (rc != 0 || !a) {
            if (rc < 0)
                (*read_errors)++;
            concord_diag_report(diag, concord_store_path(st), 0, 0,
                                "article %s of story %s cannot be read back: %s", id, sp->id,
                                concord_store_errmsg(st));
            concord_article_free(a);
            concord_clean_free(cl);
            continue;
        }
        if (!cl)
            cl = concord_clean_article(a);
        m[got].article = a;
        m[got].clean = cl;
        m[got].doc = concord_analyze(az, cl->text, cl->len);
        got++;
    }
    return got;
}

/* The distinct strings of v[0..n) (sorted here: not compared pairwise, a
 * story may hold 20,000 wire copies), one per line; NULL when there is
 * none.  *n_distinct (when given) gets their count.  Caller frees. */
static char *S_distinct_lines(const char **v, size_t n, size_t *n_distinct)
{
    concord_buf b;
    concord_buf_init(&b);
    size_t k = 0;
    qsort(v, n, sizeof *v, S_str_cmp);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(v[i - 1], v[i]) == 0)
            continue;
        k++;
        concord_buf_adds(&b, v[i]);
        concord_buf_addc(&b, '\n');
    }
    if (n_distinct)
        *n_distinct = k;
    char *out = b.len ? concord_buf_detach(&b, NULL) : NULL;
    concord_buf_free(&b);
    return out;
}

void concord_explain_story(const concord_story_spec *sp, concord_store *st, concord_analyzer *az,
                           concord_diag *diag, concord_story_result *o)
{
    memset(o, 0, sizeof *o);
    size_t n = sp->n;
    concord_member *m = concord_xcalloc(n ? n : 1, sizeof *m);
    /* each member's duplicate link, found by id once the members are sorted */
    S_dup_link *links = concord_xcalloc(n ? n : 1, sizeof *links);
    for (size_t i = 0; i < n; i++)
        links[i] = (S_dup_link){sp->members[i], sp->dup_of ? sp->dup_of[i] : NULL};
    qsort(links, n, sizeof *links, S_dup_link_cmp);
    n = S_read_members(sp, st, az, diag, m, &o->read_errors);
    qsort(m, n, sizeof *m, S_member_cmp);

    concord_figures *fig = concord_figures_explain(m, n);
    concord_quotes *quo = concord_quotes_explain(m, n);
    concord_reuse *reu = concord_reuse_explain(m, n);
    concord_digest *dig = concord_digest_explain(m, n);

    const char *sid = sp->id;
    const char *title = S_story_title(m, n, sp->rep);
    const char *first = "", *last = "";
    for (size_t i = 0; i < n; i++) {
        const char *d = concord_article_day(m[i].article, m[i].clean);
        if (!*d)
            continue;
        if (!*first || strcmp(d, first) < 0)
            first = d;
        if (!*last || strcmp(d, last) > 0)
            last = d;
    }
    o->ids = concord_xcalloc(n ? n : 1, sizeof *o->ids);
    o->n_ids = n;
    const char **dups = concord_xcalloc(n ? n : 1, sizeof *dups);
    size_t n_sources = 0;
    const char **sources = concord_xcalloc(n ? n : 1, sizeof *sources);
    for (size_t i = 0; i < n; i++) {
        const concord_article *a = m[i].article;
        o->ids[i] = concord_xstrdup(a->id);
        S_dup_link key = {a->id, NULL};
        const S_dup_link *l = bsearch(&key, links, sp->n, sizeof *links, S_dup_link_cmp);
        dups[i] = l ? l->dup : NULL;
        sources[i] = a->source;
    }
    /* distinct outlets and named speakers (for the search index) */
    o->outlets = S_distinct_lines(sources, n, &n_sources);
    free(sources);
    const char **speakers = concord_xcalloc(quo->n_quotes ? quo->n_quotes : 1, sizeof *speakers);
    size_t n_speakers = 0;
    for (size_t i = 0; i < quo->n_quotes; i++) {
        const char *who = quo->quotes[i].speaker;
        if (who && *who && strcmp(who, "unknown") != 0)
            speakers[n_speakers++] = who;
    }
    o->speakers = S_distinct_lines(speakers, n_speakers, NULL);
    free(speakers);
    concord_buf b;
    concord_buf_init(&b);
    concord_emit_story(&b, sid, title, first, last, m, n, dups, fig, quo, reu, dig);
    free(dups);
    free(links);

    o->title = concord_xstrdup(title ? title : "");
    o->first = concord_xstrdup(first);
    o->last = concord_xstrdup(last);
    o->n_sources = n_sources;
    o->has_conflict = concord_figures_has_conflict(fig);
    o->doc = concord_buf_detach(&b, NULL);

    concord_figures_free(fig);
    concord_quotes_free(quo);
    concord_reuse_free(reu);
    concord_digest_free(dig);
    for (size_t i = 0; i < n; i++) {
        concord_article_free((concord_article *)m[i].article);
        concord_clean_free((concord_clean *)m[i].clean);
        concord_doc_free((concord_doc *)m[i].doc);
    }
    free(m);
}

void concord_story_spec_from_grouper(concord_story_spec *sp, const concord_grouper *g, size_t s)
{
    size_t n = concord_grouper_story_size(g, s);
    sp->id = concord_grouper_story_id(g, s);
    sp->rep = concord_grouper_story_representative(g, s);
    sp->n = n;
    sp->members = concord_xcalloc(n ? n : 1, sizeof *sp->members);
    sp->dup_of = concord_xcalloc(n ? n : 1, sizeof *sp->dup_of);
    for (size_t i = 0; i < n; i++) {
        sp->members[i] = concord_grouper_story_member(g, s, i);
        sp->dup_of[i] = concord_grouper_duplicate_of(g, sp->members[i]);
    }
}

void concord_story_spec_free(concord_story_spec *sp)
{
    free(sp->members);
    free(sp->dup_of);
    memset(sp, 0, sizeof *sp);
}

/* The "quotes" member of a stored story document, parsed alone, without
 * building the rest of the document (articles, figures, reuse: most of its
 * bytes; concord_json_parse_members).  Returns a tree whose "quotes" member
 * is the document's (absent when it has none; NULL when the document does
 * not parse); the caller frees it. */
static concord_json *S_story_quotes_json(const char *doc, size_t len)
{
    static const char *const keys[] = {"quotes"};
    return concord_json_parse_members(doc, len, keys, 1);
}

concord_json *concord__story_quotes_json(const char *doc, size_t len)
{
    return S_story_quotes_json(doc, len);
}

/* 1 when a quote of the stored document lists other stories ("elsewhere"
 * written as anything but []): such a story may change with no link. */
static int S_had_elsewhere(const concord_json *j)
{
    const concord_json *qs = concord_json_get(j, "quotes");
    for (size_t k = 0; qs && qs->type == CONCORD_JSON_ARRAY && k < qs->len; k++) {
        const concord_json *ew = concord_json_get(qs->items[k], "elsewhere");
        if (ew && !(ew->type == CONCORD_JSON_ARRAY && ew->len == 0))
            return 1;
    }
    return 0;
}

/* The JSON work of S_link_quotes, S_QL_BATCH stories at a time, on
 * threads of its own while the calling thread does the store reads and
 * writes of the batch before or after (the connection is the writing one:
 * the stories are not committed yet, so only this thread may use it).  Two
 * batches are in flight: the calling thread reads batch k + 1 (or writes
 * batch k - 1) while batch k is parsed. */
#define S_QL_BATCH 256

typedef struct {
    concord_store_story **rows;     /* read: the batch's stored stories */
    concord_quotes *qs[S_QL_BATCH]; /* ... their quotes */
    unsigned char had[S_QL_BATCH];
    size_t at; /* story index of rows[0] */
    /* rewrite: the batch's documents and the new ones */
    char **docs;
    const size_t *which; /* story index of each */
    concord_json **json;
    char **nd;
    int *changed;
    const concord_quote_link *mine;
    const size_t *first;
    const char *const *ids;
    size_t got; /* documents read */
    int unread; /* the read after the last one failed */
} S_ql_batch;

static void S_ql_read_one(size_t i, int worker, void *ctx)
{
    (void)worker;
    S_ql_batch *b = ctx;
    const concord_store_story *ss = b->rows[i];
    concord_json *j = S_story_quotes_json(ss->doc, strlen(ss->doc));
    b->qs[i] = concord_quotes_from_json(j);
    b->had[i] = (unsigned char)S_had_elsewhere(j);
    concord_json_free(j);
}

static void S_ql_rewrite_one(size_t i, int worker, void *ctx)
{
    (void)worker;
    S_ql_batch *b = ctx;
    size_t k = b->which[i];
    b->json[i] = concord_json_parse(b->docs[i], strlen(b->docs[i]), NULL, NULL);
    b->changed[i] = 0;
    b->nd[i] = concord_quotes_set_elsewhere(b->json[i], k, b->mine + b->first[k],
                                            b->first[k + 1] - b->first[k], b->ids, &b->changed[i]);
}

/* Reads every stored story's id and quotes (and whether an "elsewhere" was
 * stored before) in the store's order into o; the rows of
 * batch k are parsed on other threads while this one reads batch k + 1.
 * Returns 0, or -1 on a store error (o holds what was read; the caller
 * frees it either way). */
typedef struct {
    char **ids;
    concord_quotes **qs;
    unsigned char *had; /* per story: an "elsewhere" stored before */
    size_t n;
    /* kept as the stories are stored (S_ql_keep): their first dates, the
     * arrays' room, and 1 once a story could not be kept */
    char **firsts;
    size_t cap, qcap, hcap, fcap;
    int lost;
} S_ql_all;

/* Keeps what S_ql_read_all would read back of a story just stored with
 * put_story (analyze: a fresh store holds exactly the stories put), so
 * that the quote links need not read every story document back. */
static void S_ql_keep(S_ql_all *o, const char *id, const char *first, const char *doc)
{
    if (!doc || o->lost) {
        o->lost = 1;
        return;
    }
    size_t n = o->n;
    CONCORD_GROW(o->ids, o->cap, n + 1);
    CONCORD_GROW(o->qs, o->qcap, n + 1);
    CONCORD_GROW(o->had, o->hcap, n + 1);
    CONCORD_GROW(o->firsts, o->fcap, n + 1);
    concord_json *j = S_story_quotes_json(doc, strlen(doc));
    o->qs[n] = concord_quotes_from_json(j);
    o->had[n] = (unsigned char)S_had_elsewhere(j);
    concord_json_free(j);
    o->ids[n] = concord_xstrdup(id);
    o->firsts[n] = concord_xstrdup(first ? first : ""); /* the store binds NULL as "" */
    o->n++;
}

static void S_ql_all_free(S_ql_all *o)
{
    for (size_t i = 0; i < o->n; i++) {
        concord_quotes_free(o->qs[i]);
        free(o->ids[i]);
        if (o->firsts)
            free(o->firsts[i]);
    }
    free(o->qs);
    free(o->ids);
    free(o->had);
    free(o->firsts);
    memset(o, 0, sizeof *o);
}

/* The kept stories in the store's order (concord_store_stories_begin:
 * ORDER BY first, story; SQLite's BINARY collation is strcmp's order for
 * text without NUL; story ids are unique, so the order is total). */
typedef struct {
    const char *first, *id;
    size_t i;
} S_ql_key;

static int S_ql_key_cmp(const void *pa, const void *pb)
{
    const S_ql_key *a = pa, *b = pb;
    int c = strcmp(a->first, b->first);
    return c ? c : strcmp(a->id, b->id);
}

static void S_ql_kept_order(S_ql_all *o)
{
    size_t n = o->n;
    S_ql_key *key = concord_xmalloc((n ? n : 1) * sizeof *key);
    for (size_t i = 0; i < n; i++)
        key[i] = (S_ql_key){o->firsts[i], o->ids[i], i};
    qsort(key, n, sizeof *key, S_ql_key_cmp);
    size_t *ord = concord_xmalloc((n ? n : 1) * sizeof *ord);
    for (size_t i = 0; i < n; i++)
        ord[i] = key[i].i;
    free(key);
    char **ids = concord_xmalloc((n ? n : 1) * sizeof *ids);
    char **firsts = concord_xmalloc((n ? n : 1) * sizeof *firsts);
    concord_quotes **qs = concord_xmalloc((n ? n : 1) * sizeof *qs);
    unsigned char *had = concord_xmalloc(n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        ids[i] = o->ids[ord[i]];
        firsts[i] = o->firsts[ord[i]];
        qs[i] = o->qs[ord[i]];
        had[i] = o->had[ord[i]];
    }
    free(o->ids);
    free(o->firsts);
    free(o->qs);
    free(o->had);
    o->ids = ids;
    o->firsts = firsts;
    o->qs = qs;
    o->had = had;
    o->cap = o->fcap = o->qcap = o->hcap = n;
    free(ord);
}

/* Waits for the batch being parsed and moves its quotes into o. */
static void S_ql_read_done(S_background *bg, int threads, S_ql_batch *b, size_t nrows, S_ql_all *o)
{
    S_background_lend(bg, threads);
    S_background_join(bg);
    for (size_t i = 0; i < nrows; i++) {
        o->qs[b->at + i] = b->qs[i];
        o->had[b->at + i] = b->had[i];
        concord_store_story_free(b->rows[i]);
    }
}

static int S_ql_read_all(concord_store *st, int threads, S_ql_all *o)
{
    concord_store_iter *it = NULL;
    if (concord_store_stories_begin(st, &it) < 0)
        return -1;
    size_t cap = 0, qcap = 0, hcap = 0;
    concord_store_story *rows[2][S_QL_BATCH];
    size_t nrows[2] = {0, 0};
    S_ql_batch b[2];
    memset(b, 0, sizeof b);
    S_background bg;
    int busy = -1; /* the batch being parsed, -1: none */
    int cur = 0, rc;
    for (;;) {
        concord_store_story *ss = NULL;
        rc = concord_store_stories_next(it, &ss);
        if (rc == 1) {
            size_t n = o->n;
            CONCORD_GROW(o->ids, cap, n + 1);
            CONCORD_GROW(o->qs, qcap, n + 1);
            CONCORD_GROW(o->had, hcap, n + 1);
            o->ids[n] = concord_xstrdup(ss->story);
            o->qs[n] = NULL;
            o->had[n] = 0;
            o->n++;
            rows[cur][nrows[cur]++] = ss;
        }
        if (nrows[cur] == S_QL_BATCH || (rc != 1 && nrows[cur])) {
            if (busy >= 0) /* one batch in flight at a time */
                S_ql_read_done(&bg, threads, &b[busy], nrows[busy], o), nrows[busy] = 0;
            b[cur].rows = rows[cur];
            b[cur].at = o->n - nrows[cur];
            S_background_start(&bg, nrows[cur], S_helpers(threads), S_ql_read_one, &b[cur]);
            busy = cur;
            cur ^= 1;
        }
        if (rc != 1)
            break;
    }
    if (busy >= 0)
        S_ql_read_done(&bg, threads, &b[busy], nrows[busy], o);
    concord_store_stories_end(it);
    return rc < 0 ? -1 : 0;
}
/* Rewrite, the calling thread's part: reads the documents of stories
 * todo[at .. at + m) into b (b->got of them; b->unread when a read failed,
 * which ends the reads and the writes after it, as one story at a time). */
static void S_ql_get_docs(concord_store *st, const size_t *todo, size_t at, size_t m,
                          char *const *ids, S_ql_batch *b)
{
    b->got = 0;
    b->unread = 0;
    b->which = todo + at;
    for (; b->got < m; b->got++) {
        char **d = &b->docs[b->got];
        *d = NULL;
        if (concord_store_get_story(st, ids[todo[at + b->got]], d) != 0 || !*d) {
            free(*d);
            *d = NULL;
            b->unread = 1;
            break;
        }
    }
}

/* Rewrite: writes the changed documents of a parsed batch, in order, and
 * gives each its part of the outlet network at once (an "elsewhere" changes
 * no part of it; a story rewritten without it would be read back and parsed
 * again by concord_outlets_writer_finish).  Returns 1 on a store error. */
static int S_ql_put_docs(concord_store *st, concord_outlets_writer *ow, S_ql_batch *b, int failed)
{
    for (size_t k = 0; k < b->got; k++) {
        size_t i = b->which[k];
        concord_json *j = b->json[k];
        if (!failed && b->changed[k] && b->nd[k]) {
            if (concord__store_set_story_doc(st, b->ids[i], b->nd[k]) < 0)
                failed = 1;
            if (!failed && ow &&
                concord_outlets_writer_put(ow, b->ids[i], concord_json_get_str(j, "first"), j) < 0)
                failed = 1;
        }
        free(b->nd[k]);
        concord_json_free(j);
        free(b->docs[k]);
    }
    return failed | b->unread;
}

/* Each story's links, in the order of `links` (a link within one story is
 * that story's once, as concord_quotes_set_elsewhere reads it): story i's
 * are the result's [(*first)[i], (*first)[i + 1]).  Both malloc'd. */
static concord_quote_link *S_ql_per_story(const concord_quote_link *links, size_t nl, size_t n,
                                          size_t **first_out)
{
    size_t *first = concord_xcalloc(n + 1, sizeof *first);
    for (size_t l = 0; l < nl; l++) {
        first[links[l].story_a + 1]++;
        if (links[l].story_b != links[l].story_a)
            first[links[l].story_b + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        first[i + 1] += first[i];
    concord_quote_link *mine = concord_xmalloc((first[n] ? first[n] : 1) * sizeof *mine);
    size_t *fill = concord_xmalloc((n ? n : 1) * sizeof *fill);
    memcpy(fill, first, n * sizeof *fill);
    for (size_t l = 0; l < nl; l++) {
        mine[fill[links[l].story_a]++] = links[l];
        if (links[l].story_b != links[l].story_a)
            mine[fill[links[l].story_b]++] = links[l];
    }
    free(fill);
    *first_out = first;
    return mine;
}

/* Cross-story quote links (issue 16): every quote of the store lists the
 * other stories that carry it ("elsewhere").  Reads every story's quotes,
 * links them (concord__quote_links_mt, on `threads` threads) and rewrites
 * the documents whose "elsewhere" changed: only stories with a link, or
 * with an "elsewhere" stored before, can change, and each is handed only
 * its own links (all links per story made this quadratic in the store).
 * The store reads and writes stay on the calling thread in the order they
 * had on one thread; the parsing and the new documents are made on other
 * threads meanwhile, S_QL_BATCH stories at a time.  Returns 0, or -1 on a
 * store error. */
static int S_link_quotes(concord_store *st, concord_outlets_writer *ow, int threads, S_ql_all *kept)
{
    S_ql_all all;
    memset(&all, 0, sizeof all);
    int failed = 0;
    if (kept && !kept->lost) { /* what the store would give back, in its order */
        S_ql_kept_order(kept);
        all = *kept;
        memset(kept, 0, sizeof *kept);
    } else {
        failed = S_ql_read_all(st, threads, &all) < 0;
    }
    size_t n = all.n;
    char **ids = all.ids;
    concord_quotes **qs = all.qs;
    size_t nl = 0;
    concord_quote_link *links =
        failed ? NULL : concord__quote_links_mt((const concord_quotes *const *)qs, n, threads, &nl);
    /* the quote index that lets the next `add` link incrementally */
    if (!failed &&
        concord__quote_index_rebuild(st, (const char *const *)ids,
                                     (const concord_quotes *const *)qs, n, links, nl) != 0)
        failed = 1;
    size_t *first = NULL;
    concord_quote_link *mine = S_ql_per_story(links, nl, n, &first);
    free(links);
    /* the stories that may change: quoted (only those can), with a link or
     * an "elsewhere" stored before */
    size_t *todo = concord_xmalloc((n ? n : 1) * sizeof *todo);
    size_t ntodo = 0;
    for (size_t i = 0; i < n; i++) {
        int quoted = qs[i] && qs[i]->n_quotes > 0;
        concord_quotes_free(qs[i]);
        qs[i] = NULL;
        if (!failed && quoted && (first[i + 1] != first[i] || all.had[i]))
            todo[ntodo++] = i;
    }
    /* two batches: batch k parsed and rewritten on other threads while this
     * one writes batch k - 1 and reads batch k + 1 */
    char *docs[2][S_QL_BATCH], *nd[2][S_QL_BATCH];
    concord_json *json[2][S_QL_BATCH];
    int changed[2][S_QL_BATCH];
    S_ql_batch *b = concord_xcalloc(2, sizeof *b);
    for (int h = 0; h < 2; h++) {
        b[h].docs = docs[h];
        b[h].json = json[h];
        b[h].nd = nd[h];
        b[h].changed = changed[h];
        b[h].mine = mine;
        b[h].first = first;
        b[h].ids = (const char *const *)ids;
    }
    S_background bg;
    int busy = -1, cur = 0, stop = 0;
    for (size_t at = 0; at < ntodo && !failed && !stop; at += S_QL_BATCH) {
        size_t m = ntodo - at < S_QL_BATCH ? ntodo - at : S_QL_BATCH;
        S_ql_get_docs(st, todo, at, m, ids, &b[cur]);
        stop = b[cur].unread;
        if (busy >= 0) {
            S_background_lend(&bg, threads);
            S_background_join(&bg);
            failed = S_ql_put_docs(st, ow, &b[busy], failed);
            busy = -1;
        }
        if (failed) { /* the batch read is not written */
            for (size_t k = 0; k < b[cur].got; k++)
                free(b[cur].docs[k]);
            break;
        }
        S_background_start(&bg, b[cur].got, S_helpers(threads), S_ql_rewrite_one, &b[cur]);
        busy = cur;
        cur ^= 1;
    }
    if (busy >= 0) {
        S_background_lend(&bg, threads);
        S_background_join(&bg);
        failed = S_ql_put_docs(st, ow, &b[busy], failed);
    }
    free(b);
    free(todo);
    free(mine);
    free(first);
    S_ql_all_free(&all);
    return failed ? -1 : 0;
}

void concord_story_result_free(concord_story_result *o)
{
    free(o->doc);
    free(o->title);
    free(o->first);
    free(o->last);
    for (size_t i = 0; i < o->n_ids; i++)
        free(o->ids[i]);
    free(o->ids);
    free(o->speakers);
    free(o->outlets);
    memset(o, 0, sizeof *o);
}

/* ------------------------------------------------------------- outputs */

/* Opens DIR/NAME through concord/outfile.h (complete or absent). */
static concord_outfile *S_open_out(const char *dir, const char *name, FILE **f)
{
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_printf(&b, "%s/%s", dir, name);
    concord_outfile *o = concord_outfile_open(b.data, f);
    if (!o)
        S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "cannot write %s: %s", b.data, strerror(errno));
    concord_buf_free(&b);
    return o;
}

static int S_close_out(concord_outfile *o, int failed)
{
    if (failed) {
        concord_outfile_abort(o);
        return -1;
    }
    const char *path = concord_outfile_path(o);
    char *copy = concord_xstrdup(path);
    int rc = concord_outfile_commit(o);
    if (rc != 0)
        S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "cannot write %s: %s", copy, strerror(errno));
    free(copy);
    return rc;
}

/* articles.jsonl from the store: one line per article id (its current
 * version), ordered by (day, id).  A read error fails the file.  With keep,
 * a complete file is left uncommitted in *keep (the caller commits or
 * aborts it). */
static int S_write_articles_from_store(concord_store *st, const char *outdir, concord_diag *diag,
                                       concord_outfile **keep)
{
    FILE *f;
    concord_outfile *of = S_open_out(outdir, "articles.jsonl", &f);
    if (!of)
        return -1;
    concord_store_iter *it;
    concord_buf b;
    concord_buf_init(&b);
    size_t errors = 0, rows = 0;
    char first_err[512] = "";
    int rc;
    if ((rc = concord_store_articles_begin(st, &it)) < 0) {
        errors++;
        snprintf(first_err, sizeof first_err, "%s", concord_store_errmsg(st));
    } else {
        concord_article *a;
        concord_clean *c;
        while ((rc = concord_store_articles_next(it, &a, &c)) != 0) {
            rows++;
            if (rc < 0) {
                if (!errors++)
                    snprintf(first_err, sizeof first_err, "%s", concord_store_errmsg(st));
                continue;
            }
            if (S_article_damaged(a, c)) {
                if (!errors++)
                    snprintf(first_err, sizeof first_err,
                             "article row %zu holds bytes that are not UTF-8 (damaged store)",
                             rows);
            } else {
                concord_buf_clear(&b);
                concord_emit_article(&b, a, c);
                concord_buf_addc(&b, '\n');
                fwrite(b.data, 1, b.len, f);
            }
            concord_article_free(a);
            concord_clean_free(c);
        }
        concord_store_articles_end(it);
    }
    concord_buf_free(&b);
    if (errors) {
        concord_diag_report(diag, concord_store_path(st), 0, 0,
                            "%zu error%s reading the articles back: %s", errors,
                            errors == 1 ? "" : "s", first_err);
        S_set_err(CONCORD_PIPELINE_ERR_STORE,
                  "the store cannot be read back (%s); articles.jsonl not written", first_err);
    }
    if (keep && !errors) {
        *keep = of;
        return 0;
    }
    return S_close_out(of, errors != 0) || errors ? -1 : 0;
}

/* articles.jsonl does not depend on the grouping: once ingest is committed
 * a thread of its own writes it from a read-only connection while this one
 * groups (one core otherwise idle), and the file is committed with the
 * other outputs at the end (or aborted when the run fails). */
typedef struct S_articles_job {
    char *db, *outdir;
    concord_diag *diag;
    pthread_t th;
    int rc;
    concord_outfile *of; /* complete, not yet committed */
    char err[512];       /* the thread's message (S_err is per thread) */
} S_articles_job;

static void *S_articles_main(void *arg)
{
    S_articles_job *j = arg;
    concord_store *ro = concord_store_open_readonly(j->db);
    if (!ro) {
        j->rc = -1;
        snprintf(j->err, sizeof j->err,
                 "the store cannot be read back (%s); articles.jsonl not written",
                 concord_store_errmsg(NULL));
        return NULL;
    }
    j->rc = S_write_articles_from_store(ro, j->outdir, j->diag, &j->of);
    if (j->rc)
        snprintf(j->err, sizeof j->err, "%s", S_err);
    concord_store_close(ro);
    return NULL;
}

static S_articles_job *S_articles_start(const char *db, const char *outdir, concord_diag *diag)
{
    S_articles_job *j = concord_xcalloc(1, sizeof *j);
    j->db = concord_xstrdup(db);
    j->outdir = concord_xstrdup(outdir);
    j->diag = diag;
    if (pthread_create(&j->th, NULL, S_articles_main, j) != 0) {
        free(j->db);
        free(j->outdir);
        free(j);
        return NULL;
    }
    return j;
}

/* Waits for the job and frees it; the complete file (uncommitted) goes to
 * *of when of is not NULL, else it is aborted.  Returns the job's result. */
static int S_articles_finish(S_articles_job *j, concord_outfile **of, char *err, size_t err_size)
{
    pthread_join(j->th, NULL);
    int rc = j->rc;
    if (err)
        snprintf(err, err_size, "%s", j->err);
    if (of)
        *of = j->of;
    else if (j->of)
        concord_outfile_abort(j->of);
    free(j->db);
    free(j->outdir);
    free(j);
    return rc;
}

/* report.html written from a read-only connection to a temporary name in
 * the output folder (the pattern concord_outfile_sweep clears after a
 * killed run), renamed over report.html by S_report_finish. */
typedef struct S_report_job {
    char *db, *tmp, *final;
    pthread_t th;
    int rc;
    char err[512];
} S_report_job;

static void *S_report_main(void *arg)
{
    S_report_job *j = arg;
    concord_store *ro = concord_store_open_readonly(j->db);
    if (!ro) {
        j->rc = -1;
        snprintf(j->err, sizeof j->err, "%s", concord_store_errmsg(NULL));
        return NULL;
    }
    j->rc = concord_report_write(ro, j->tmp);
    if (j->rc)
        snprintf(j->err, sizeof j->err, "%s", concord_report_errmsg());
    concord_store_close(ro);
    return NULL;
}

static S_report_job *S_report_start(const char *db, const char *outdir)
{
    S_report_job *j = concord_xcalloc(1, sizeof *j);
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_printf(&b, "%s/.report.html.concord-tmp.%ld", outdir, (long)getpid());
    j->tmp = concord_buf_detach(&b, NULL);
    concord_buf_printf(&b, "%s/report.html", outdir);
    j->final = concord_buf_detach(&b, NULL);
    j->db = concord_xstrdup(db);
    if (pthread_create(&j->th, NULL, S_report_main, j) != 0) {
        free(j->db);
        free(j->tmp);
        free(j->final);
        free(j);
        return NULL;
    }
    return j;
}

/* Waits for the report; with keep, renames it over report.html (0), else
 * removes it.  A failure sets the run's message; returns -1. */
static int S_report_finish(S_report_job *j, int keep)
{
    pthread_join(j->th, NULL);
    int rc = 0;
    if (j->rc != 0) {
        if (keep) {
            S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "cannot write %s: %s", j->final, j->err);
            rc = -1;
        }
        unlink(j->tmp);
    } else if (!keep) {
        unlink(j->tmp);
    } else if (rename(j->tmp, j->final) != 0) {
        S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "cannot write %s: %s", j->final, strerror(errno));
        unlink(j->tmp);
        rc = -1;
    }
    free(j->db);
    free(j->tmp);
    free(j->final);
    free(j);
    return rc;
}

static int S_write_stories(concord_store *st, const char *outdir, concord_diag *diag)
{
    FILE *f;
    concord_outfile *of = S_open_out(outdir, "stories.jsonl", &f);
    if (!of)
        return -1;
    concord_store_iter *it;
    size_t errors = 0;
    char first_err[512] = "";
    int rc;
    if ((rc = concord_store_stories_begin(st, &it)) < 0) {
        errors++;
        snprintf(first_err, sizeof first_err, "%s", concord_store_errmsg(st));
    } else {
        concord_store_story *s;
        while ((rc = concord_store_stories_next(it, &s)) != 0) {
            if (rc < 0) {
                if (!errors++)
                    snprintf(first_err, sizeof first_err, "%s", concord_store_errmsg(st));
                continue;
            }
            if (!concord_utf8_valid(s->doc, strlen(s->doc)) ||
                !concord_json_skip(s->doc, strlen(s->doc), 0, NULL)) {
                if (!errors++)
                    snprintf(first_err, sizeof first_err,
                             "the document of a story is not valid JSON (damaged store)");
            } else {
                fputs(s->doc, f);
                fputc('\n', f);
            }
            concord_store_story_free(s);
        }
        concord_store_stories_end(it);
    }
    if (errors) {
        concord_diag_report(diag, concord_store_path(st), 0, 0,
                            "%zu error%s reading the stories back: %s", errors,
                            errors == 1 ? "" : "s", first_err);
        S_set_err(CONCORD_PIPELINE_ERR_STORE,
                  "the store cannot be read back (%s); stories.jsonl not written", first_err);
    }
    return S_close_out(of, errors != 0) || errors ? -1 : 0;
}

/* ---------------------------------------------------------------- ids */

/* Ids handled in this run (open addressing over owned strings). */
typedef struct {
    char **slot;
    size_t cap, n;
} S_idset;

static size_t S_idset_find(const S_idset *s, const char *id)
{
    size_t mask = s->cap - 1, i = (size_t)concord_hash(id, strlen(id), 0x1d5e7) & mask;
    while (s->slot[i] && strcmp(s->slot[i], id))
        i = (i + 1) & mask;
    return i;
}

static int S_idset_has(const S_idset *s, const char *id)
{
    return s->cap && s->slot[S_idset_find(s, id)] != NULL;
}

/* 1 when id was added, 0 when it was there already. */
static int S_idset_add(S_idset *s, const char *id)
{
    if ((s->n + 1) * 2 > s->cap) {
        S_idset bigger = {concord_xcalloc(s->cap ? s->cap * 2 : 1024, sizeof(char *)),
                          s->cap ? s->cap * 2 : 1024, s->n};
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i])
                bigger.slot[S_idset_find(&bigger, s->slot[i])] = s->slot[i];
        free(s->slot);
        *s = bigger;
    }
    size_t i = S_idset_find(s, id);
    if (s->slot[i])
        return 0;
    s->slot[i] = concord_xstrdup(id);
    s->n++;
    return 1;
}

static void S_idset_free(S_idset *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slot[i]);
    free(s->slot);
    memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------------ run */

static void S_progress(const concord_options *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void S_progress(const concord_options *o, const char *fmt, ...)
{
    if (!o->progress || !o->progress_fn)
        return;
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->progress_fn(o->progress_ctx, line);
}

static void S_unlink_db(const char *db)
{
    const char *sfx[] = {"", "-wal", "-shm", "-journal"};
    concord_buf b;
    concord_buf_init(&b);
    for (int i = 0; i < 4; i++) {
        concord_buf_clear(&b);
        concord_buf_printf(&b, "%s%s", db, sfx[i]);
        unlink(b.data);
    }
    concord_buf_free(&b);
}

static int S_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* analyze: the existing target must be a concord store (or absent). */
static int S_check_replaceable(const char *db, concord_diag *diag)
{
    if (!S_exists(db))
        return 0;
    concord_store *old = concord_store_open_readonly(db);
    if (!old && concord_store_errcode(NULL) == CONCORD_STORE_ERR_SCHEMA) {
        /* a concord store of another schema version: analyze rebuilds it */
        concord_diag_note(diag, db, 0, 0, "%s; replaced by the new one",
                          concord_store_errmsg(NULL));
        return 0;
    }
    if (!old)
        return S_set_err(CONCORD_PIPELINE_ERR_STORE,
                         "%s; refusing to replace it (analyze replaces only a concord store;"
                         " give another --db FILE or remove it yourself)",
                         concord_store_errmsg(NULL));
    concord_store_close(old);
    return 0;
}

/* analyze: puts the finished store `fresh` (closed) in place of db.  The
 * fresh store leaves WAL mode first, so it is one self-contained file; the old
 * store's WAL is checkpointed and removed before the rename, so no stale WAL
 * can ever be applied to the new file. */
static int S_replace_store(const char *fresh, const char *db)
{
    concord_store *st = concord_store_open(fresh, 0);
    if (!st || sqlite3_exec(concord_store_sqlite(st), "PRAGMA journal_mode=DELETE", NULL, NULL,
                            NULL) != SQLITE_OK) {
        int rc =
            S_set_err(CONCORD_PIPELINE_ERR_STORE, "cannot finish the new store %s: %s", fresh,
                      st ? sqlite3_errmsg(concord_store_sqlite(st)) : concord_store_errmsg(NULL));
        concord_store_close(st);
        return rc;
    }
    concord_store_close(st);
    if (S_exists(db)) {
        concord_store *old = concord_store_open(db, 0);
        if (old) {
            sqlite3_exec(concord_store_sqlite(old), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
                         NULL);
            concord_store_close(old);
        }
    }
    concord_buf b;
    concord_buf_init(&b);
    const char *sfx[] = {"-wal", "-shm"};
    for (int i = 0; i < 2; i++) {
        concord_buf_clear(&b);
        concord_buf_printf(&b, "%s%s", db, sfx[i]);
        unlink(b.data);
    }
    concord_buf_free(&b);
    if (rename(fresh, db) != 0)
        return S_set_err(CONCORD_PIPELINE_ERR_STORE, "cannot rename %s to %s: %s", fresh, db,
                         strerror(errno));
    return 0;
}

/* The folder of a path ("." when none). */
static char *S_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return concord_xstrdup(".");
    if (slash == path)
        return concord_xstrdup("/");
    return concord_xstrndup(path, (size_t)(slash - path));
}

/* Test hook (tests/reliability.sh): CONCORD_TEST_KILL_AFTER=N kills the
 * process with SIGKILL after the N-th committed ingest batch, and
 * CONCORD_TEST_KILL_AT=group just before the grouping is committed: a real
 * kill -9 at a chosen point instead of a timing guess.  Unset: no effect. */
static void S_test_kill(const char *where, size_t batch)
{
    static int checked, armed;
    if (!checked) {
        checked = 1;
        armed = getenv("CONCORD_TEST_KILL_AFTER") || getenv("CONCORD_TEST_KILL_AT");
    }
    if (!armed)
        return;
    const char *after = getenv("CONCORD_TEST_KILL_AFTER");
    const char *at = getenv("CONCORD_TEST_KILL_AT");
    if ((after && batch && (size_t)strtoul(after, NULL, 10) == batch) || (at && !strcmp(at, where)))
        raise(SIGKILL);
}

/* ------------------------------------------------------------------ sink */

/* The store side of a run (concord_sink, concord/shard.h).  concord_pipeline_run
 * and rank 0 of concord-mpi both go through it, so they write the same store
 * and outputs: one code path. */
struct concord_sink {
    concord_options o;
    int threads, analyze;
    char *target;             /* the store the user named */
    char *db;                 /* the file this run writes: target, or beside it (analyze) */
    concord_store_lock *lock; /* one writing run per store, from open to the end */
    concord_store *st;
    concord_search_writer *sw;
    concord_outlets_writer *ow; /* the store's outlet network table */
    concord_grouper *g;
    S_idset seen;   /* ids grouped by this run (resumed, new or changed) */
    char **changed; /* ids whose content changed: their stories are explained again */
    size_t n_changed, changed_cap, batches;
    S_item *buf; /* concord_sink_add's chunk */
    size_t n_buf;
    size_t *todo, n_todo; /* after group: the stories to explain (grouper indexes) */
    size_t read_errors;   /* members that could not be read back (any explainer) */
    int failed;           /* 1: a store error (message from the store); 2: message set */
    concord_sink_grouped_fn grouped_fn;
    void *grouped_ctx;
    concord_run_stats stats;
    S_articles_job *articles; /* articles.jsonl being written (from group on) */
    S_seen read;              /* ids read by this run's ingest stream, by content */
    concord_analyzer *late;   /* analyses what was wrongly taken as known */
    S_ql_all kept;            /* analyze: each stored story's quotes (S_ql_keep) */
};

/* Closes everything; the file written aside (analyze) is removed. */
static void S_sink_free(concord_sink *s)
{
    if (!s)
        return;
    if (s->articles) /* a run that failed: its articles.jsonl is not written */
        S_articles_finish(s->articles, NULL, NULL, 0);
    s->articles = NULL;
    S_seen_free(&s->read);
    S_ql_all_free(&s->kept);
    concord_analyzer_free(s->late);
    concord_grouper_free(s->g);
    concord_search_writer_free(s->sw);
    concord_outlets_writer_free(s->ow);
    if (s->st && concord_store_in_batch(s->st))
        concord_store_rollback(s->st);
    concord_store_close(s->st);
    if (s->db && s->db != s->target) {
        S_unlink_db(s->db);
        free(s->db);
    }
    free(s->target);
    if (s->lock)
        concord_store_lock_release(s->lock);
    S_idset_free(&s->seen);
    for (size_t i = 0; i < s->n_changed; i++)
        free(s->changed[i]);
    free(s->changed);
    if (s->buf)
        for (size_t i = 0; i < S_CHUNK_ARTICLES; i++)
            S_free_item(&s->buf[i]);
    free(s->buf);
    free(s->todo);
    free(s);
}

/* Reads back the articles an earlier run stored but never grouped and hands
 * their features to the grouper; ids already handled in this run are skipped. */
static int S_resume_ungrouped(concord_sink *s)
{
    concord_store *st = s->st;
    char **ids = NULL;
    size_t n_ids = 0;
    if (concord_store_ungrouped(st, &ids, &n_ids) < 0)
        return S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(st));
    concord_analyzer **az = n_ids ? S_analyzers(s->threads) : NULL;
    S_item *items = concord_xcalloc(S_CHUNK_ARTICLES, sizeof *items);
    S_ingest_ctx ictx = {items, az, 0, NULL};
    int rc = 0;
    for (size_t at = 0; at < n_ids; at += S_CHUNK_ARTICLES) {
        size_t n = 0;
        for (size_t i = at; i < n_ids && i < at + S_CHUNK_ARTICLES; i++) {
            if (rc || !S_idset_add(&s->seen, ids[i]))
                continue;
            concord_article *a = NULL;
            concord_clean *c = NULL;
            int grc = concord_store_get_article(st, ids[i], &a, &c);
            if (grc < 0) {
                rc = S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(st));
            } else if (grc == 0) {
                items[n].article = a;
                items[n].clean = c;
                n++;
                a = NULL;
                c = NULL;
            }
            concord_article_free(a);
            concord_clean_free(c);
        }
        S_parallel(n, s->threads, S_ingest_one, &ictx);
        for (size_t i = 0; i < n; i++) {
            /* a changed article whose old version the saved grouping holds */
            concord_grouper_forget(s->g, items[i].article->id);
            concord_grouper_add(s->g, items[i].features);
            items[i].features = NULL;
            S_free_item(&items[i]);
            s->stats.resumed_articles++;
        }
    }
    for (size_t i = 0; i < n_ids; i++)
        free(ids[i]);
    free(ids);
    free(items);
    if (az)
        S_free_analyzers(az, s->threads);
    if (!rc && s->stats.resumed_articles)
        concord_diag_note(s->o.diag, concord_store_path(st), 0, 0,
                          "%zu article%s stored by an earlier run that did not finish, grouped now",
                          s->stats.resumed_articles, s->stats.resumed_articles == 1 ? "" : "s");
    return rc;
}

static int S_sink_open(const concord_options *o, concord_sink **out)
{
    *out = NULL;
    int threads = o->threads > 0 ? o->threads : 2;
    if (threads > 16)
        threads = 16;
    int analyze = o->mode == CONCORD_MODE_ANALYZE;
    if (o->db_path && !*o->db_path)
        return S_set_err(CONCORD_PIPELINE_ERR_STORE,
                         "the store path is empty (an unset variable?); give --db FILE");
    if (o->outdir && !*o->outdir)
        return S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "the output folder path is empty");
    struct stat osb;
    if (o->outdir && stat(o->outdir, &osb) == 0 && !S_ISDIR(osb.st_mode))
        return S_set_err(CONCORD_PIPELINE_ERR_OUTPUT,
                         "%s exists and is not a folder; -o names the folder the outputs go to",
                         o->outdir);
    if (o->outdir && S_mkdir_p(o->outdir) != 0)
        return S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "cannot create %s: %s", o->outdir,
                         strerror(errno));
    concord_buf pathb;
    concord_buf_init(&pathb);
    if (o->db_path)
        concord_buf_adds(&pathb, o->db_path);
    else if (o->outdir)
        concord_buf_printf(&pathb, "%s/concord.db", o->outdir);
    else
        return S_set_err(CONCORD_PIPELINE_ERR_STORE, "no store: give --db FILE or -o OUTDIR");
    concord_sink *s = concord_xcalloc(1, sizeof *s);
    s->o = *o;
    s->threads = threads;
    s->analyze = analyze;
    s->target = concord_buf_detach(&pathb, NULL);
    s->db = s->target;
    if (o->outdir)
        concord_outfile_sweep(o->outdir, o->diag);

    s->lock = concord_store_lock_take(s->target, o->wait_seconds > 0 ? o->wait_seconds : 10);
    if (!s->lock) {
        int rc = S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(NULL));
        S_sink_free(s);
        return rc;
    }
    if (analyze) {
        if (S_check_replaceable(s->target, o->diag) != 0) {
            S_sink_free(s);
            return CONCORD_PIPELINE_ERR_STORE;
        }
        concord_buf_printf(&pathb, "%s.concord-new", s->target);
        s->db = concord_buf_detach(&pathb, NULL);
        if (S_exists(s->db))
            concord_diag_note(o->diag, s->db, 0, 0,
                              "removed the unfinished store of an interrupted run");
        S_unlink_db(s->db); /* left by a killed run: we hold the lock */
        char *dir = S_dirname(s->db);
        if (!o->outdir || strcmp(dir, o->outdir))
            concord_outfile_sweep(dir, o->diag);
        free(dir);
    }
    s->st = concord_store_open(s->db, 1);
    if (!s->st) {
        int rc = S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(NULL));
        S_sink_free(s);
        return rc;
    }
    concord_store_set_busy_wait(s->st, o->wait_seconds);
    s->sw = concord_search_writer_new(s->st);
    s->ow = concord_outlets_writer_new(s->st);
    s->g = concord_grouper_new();
    concord_grouper_set_threads(s->g, threads);
    if (!analyze) {
        void *blob = NULL;
        size_t bl = 0;
        int grc = concord_store_get_state_packed(s->st, S_GROUPER_STATE, &blob, &bl);
        if (grc == CONCORD_STORE_NOT_FOUND) /* a store written before packing */
            grc = concord_store_get_state(s->st, S_GROUPER_STATE_RAW, &blob, &bl);
        if (grc < 0) {
            S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(s->st));
            S_sink_free(s);
            return CONCORD_PIPELINE_ERR_STORE;
        }
        if (grc == 0 && concord_grouper_load(s->g, blob, bl) != 0)
            concord_diag_report(o->diag, s->db, 0, 0,
                                "the stored story state is unreadable; stories start afresh");
        free(blob);
        /* articles an earlier run stored but did not group */
        if (S_resume_ungrouped(s) != 0)
            s->failed = 1;
    }
    s->buf = concord_xcalloc(S_CHUNK_ARTICLES, sizeof *s->buf);
    *out = s;
    return 0;
}

concord_sink *concord_sink_open(const concord_options *o)
{
    S_err[0] = '\0';
    concord_sink *s = NULL;
    S_sink_open(o, &s);
    return s;
}

void concord_sink_set_grouped(concord_sink *s, concord_sink_grouped_fn fn, void *ctx)
{
    s->grouped_fn = fn;
    s->grouped_ctx = ctx;
}

/* Stores one chunk of ingested items in one transaction (the items are
 * freed; their features go to the grouper when the article is new or
 * changed). */
static void S_sink_store(concord_sink *s, S_item *items, size_t n_now)
{
    concord_store *st = s->st;
    concord_run_stats *stats = &s->stats;
    const concord_options *o = &s->o;
    if (!s->failed && concord_store_begin(st) < 0)
        s->failed = 1;
    /* the search index after the chunk's articles: FTS5 writes its pending
     * terms out at every savepoint, and each put_article is one */
    for (size_t i = 0; i < n_now && !s->failed; i++) {
        if (concord__store_put_prepared(st, items[i].article, items[i].clean, items[i].prep,
                                        &items[i].status) < 0)
            s->failed = 1;
        concord__store_prepared_free(items[i].prep);
        items[i].prep = NULL;
    }
    for (size_t i = 0; i < n_now && !s->failed; i++)
        if ((items[i].status == CONCORD_STORE_NEW || items[i].status == CONCORD_STORE_CHANGED) &&
            concord_search_index_article(s->sw, items[i].article, items[i].clean) < 0)
            s->failed = 1;
    for (size_t i = 0; i < n_now; i++) {
        S_item *it = &items[i];
        int status = s->failed ? 0 : it->status;
        if (s->failed) {
            S_free_item(it);
            continue;
        }
        stats->articles++;
        if (status == CONCORD_STORE_SAME) {
            stats->same_articles++;
        } else if (status == CONCORD_STORE_CHANGED) {
            stats->changed_articles++;
            if (S_idset_has(&s->seen, it->article->id)) {
                stats->repeated_ids++;
                concord_diag_report(o->diag, it->article->origin, it->article->line, 0,
                                    "article id %s appears again in this input with other"
                                    " content; the later one is kept",
                                    it->article->id);
            } else { /* news, not a problem in the input: a note */
                concord_diag_note(o->diag, it->article->origin, it->article->line, 0,
                                  "article %s: content changed; kept as a new version",
                                  it->article->id);
            }
            CONCORD_GROW(s->changed, s->changed_cap, s->n_changed + 1);
            s->changed[s->n_changed++] = concord_xstrdup(it->article->id);
        } else if (status) {
            stats->new_articles++;
        }
        if ((status == CONCORD_STORE_NEW || status == CONCORD_STORE_CHANGED) && !it->features) {
            /* taken as known but stored as new (two ids of one hash) */
            if (!s->late)
                s->late = concord_analyzer_new("auto");
            concord_ingest_article(it->article, s->late, &it->clean, &it->features);
        }
        if (status == CONCORD_STORE_NEW || status == CONCORD_STORE_CHANGED) {
            if (!S_idset_add(&s->seen, it->article->id))
                concord_grouper_drop_pending(s->g, it->article->id); /* the later wins */
            /* changed content is grouped again, as the new text says */
            if (status == CONCORD_STORE_CHANGED)
                concord_grouper_forget(s->g, it->article->id);
            if (s->grouped_fn && it->features)
                s->grouped_fn(s->grouped_ctx, it->features, it->tag);
            concord_grouper_add(s->g, it->features);
            it->features = NULL;
        }
        S_free_item(it);
    }
    if (!s->failed && concord_store_commit(st) < 0)
        s->failed = 1;
    if (s->failed)
        return;
    S_test_kill("ingest", ++s->batches);
    S_progress(o, "%zu articles read", stats->articles);
}

/* An article the store already holds with the same content, or that this
 * run read before with the same content: the store will call it "same", so
 * its analysis would be thrown away. */
static int S_sink_known(void *ctx, const concord_article *a)
{
    concord_sink *s = ctx;
    uint64_t content = concord__store_content_hash(a);
    uint64_t before = S_seen_put(&s->read, a->id, content);
    if (before)
        return before == (content ? content : 1);
    return concord__store_has_content(s->st, a->id, content);
}

int concord_sink_add(concord_sink *s, concord_article *a, concord_clean *c, concord_features *f,
                     uint64_t tag)
{
    S_item *it = &s->buf[s->n_buf++];
    *it = (S_item){a, c, f, 0, tag, 0, NULL};
    if (s->n_buf == S_CHUNK_ARTICLES) {
        S_sink_store(s, s->buf, s->n_buf);
        s->n_buf = 0;
    }
    return s->failed ? CONCORD_PIPELINE_ERR_STORE : 0;
}

int concord_sink_flush(concord_sink *s)
{
    if (s->n_buf) {
        S_sink_store(s, s->buf, s->n_buf);
        s->n_buf = 0;
    }
    return s->failed ? CONCORD_PIPELINE_ERR_STORE : 0;
}

int concord_sink_snapshot(concord_sink *s)
{
    if (concord_sink_flush(s) != 0)
        return CONCORD_PIPELINE_ERR_STORE;
    sqlite3 *db = concord_store_sqlite(s->st);
    sqlite3_stmt *q = NULL;
    int wal = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
        const unsigned char *m = sqlite3_column_text(q, 0);
        wal = m && !strcmp((const char *)m, "wal");
    }
    sqlite3_finalize(q);
    if (!wal) /* a rollback journal writes the file itself before commit */
        return 0;
    if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK) {
        s->failed = 2;
        return S_set_err(CONCORD_PIPELINE_ERR_STORE, "store %s: checkpoint: %s", s->db,
                         sqlite3_errmsg(db));
    }
    return 1;
}

int concord_sink_failed(const concord_sink *s)
{
    return s->failed != 0;
}

int concord_sink_group(concord_sink *s, size_t *n_todo)
{
    *n_todo = 0;
    concord_sink_flush(s);
    if (s->failed)
        return S_set_err(CONCORD_PIPELINE_ERR_STORE, "store %s: %s", s->db,
                         concord_store_errmsg(s->st));
    S_idset_free(&s->seen);
    concord_grouper *g = s->g;
    if (s->o.outdir && s->threads > 1 && !s->articles)
        s->articles = S_articles_start(s->db, s->o.outdir, s->o.diag);
    S_progress(&s->o, "%zu articles read; grouping", s->stats.articles);
    concord_grouper_run(g);

    /* the stories this run created or changed */
    size_t ns = concord_grouper_n_stories(g);
    s->todo = concord_xmalloc((ns ? ns : 1) * sizeof *s->todo);
    unsigned char *redo = concord_xcalloc(ns ? ns : 1, 1);
    for (size_t i = 0; i < s->n_changed; i++) {
        size_t k = concord_grouper_story_of(g, s->changed[i]);
        if (k < ns)
            redo[k] = 1;
        free(s->changed[i]);
    }
    free(s->changed);
    s->changed = NULL;
    s->n_changed = 0;
    for (size_t k = 0; k < ns; k++)
        if (s->analyze || concord_grouper_story_changed(g, k) || redo[k])
            s->todo[s->n_todo++] = k;
    free(redo);
    s->stats.stories = ns;
    s->stats.stories_changed = s->n_todo;
    if (concord_store_begin(s->st) < 0)
        s->failed = 1;
    for (size_t i = 0; i < concord_grouper_n_merged_away(g) && !s->failed; i++)
        if (concord_store_delete_story(s->st, concord_grouper_merged_away(g, i)) < 0)
            s->failed = 1;
    if (s->failed)
        return S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(s->st));
    *n_todo = s->n_todo;
    return 0;
}

size_t concord_sink_story(const concord_sink *s, size_t k)
{
    return k < s->n_todo ? s->todo[k] : SIZE_MAX;
}

concord_grouper *concord_sink_grouper(concord_sink *s)
{
    return s->g;
}

const char *concord_sink_db(const concord_sink *s)
{
    return s->db;
}

/* Stores the explained stories todo[at .. at + k) (their search index
 * after the stories' savepoints, as for articles). */
static void S_sink_put(concord_sink *s, size_t at, const concord_story_result *outs, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        const concord_story_result *so = &outs[i];
        s->read_errors += so->read_errors;
        if (s->failed || at + i >= s->n_todo)
            continue;
        const char *sid = concord_grouper_story_id(s->g, s->todo[at + i]);
        int prc;
        if (so->n_ids == 0) /* no member left (an id that changed away) */
            prc = concord_store_delete_story(s->st, sid);
        else
            prc = concord_store_put_story(s->st, sid, so->title, so->first, so->last, so->n_ids,
                                          so->n_sources, so->has_conflict, so->doc,
                                          (const char *const *)so->ids, so->n_ids);
        if (prc < 0)
            s->failed = 1;
        else if (s->analyze && so->n_ids) /* for the quote links (S_link_quotes) */
            S_ql_keep(&s->kept, sid, so->first, so->doc);
        else if (s->analyze) /* a fresh store deletes nothing: never here */
            s->kept.lost = 1;
    }
    for (size_t i = 0; i < k && !s->failed; i++) {
        const concord_story_result *so = &outs[i];
        if (at + i < s->n_todo &&
            concord_search_index_story(s->sw, concord_grouper_story_id(s->g, s->todo[at + i]),
                                       so->title, so->speakers, so->outlets) < 0)
            s->failed = 1;
    }
    /* each story's part of the outlet network, from its document */
    for (size_t i = 0; i < k && !s->failed; i++) {
        const concord_story_result *so = &outs[i];
        if (at + i >= s->n_todo || so->n_ids == 0 || !so->doc)
            continue; /* deleted: the refresh at the end takes its rows out */
        if (concord_outlets_writer_put_doc(s->ow, concord_grouper_story_id(s->g, s->todo[at + i]),
                                           so->first, so->doc) < 0) {
            S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_outlets_writer_errmsg(s->ow));
            s->failed = 2;
        }
    }
}

int concord_sink_put_story(concord_sink *s, size_t k, const concord_story_result *r)
{
    S_sink_put(s, k, r, 1);
    return s->failed ? CONCORD_PIPELINE_ERR_STORE : 0;
}

/* The quote links of the run: `add` to a store with a quote index links
 * only the stories it wrote and their partners (quote_links_incr.c);
 * analyze, a store without the index (made by an older concord), or
 * CONCORD_TEST_FULL_QUOTE_LINKS=1 in the environment (the reference the
 * equivalence test compares against) take the full pass, which builds the
 * index.  Returns 0 or -1. */
static int S_link_quotes_any(concord_sink *s)
{
    const char *full = getenv("CONCORD_TEST_FULL_QUOTE_LINKS");
    int ready = s->analyze || (full && *full == '1') ? 0 : concord__quote_index_ready(s->st);
    if (ready < 0)
        return -1;
    if (ready)
        return concord__quote_links_incr(s->st, NULL);
    if (!s->analyze)
        S_progress(&s->o, "building the quote index of the store (once)");
    if (S_link_quotes(s->st, s->ow, s->threads, s->analyze ? &s->kept : NULL) < 0)
        return -1;
    return concord__quote_index_synced(s->st);
}

/* The grouper's state for the next run, made on a thread of its own while
 * the quote links run (nothing changes the grouper after explain; at a
 * million articles the state is hundreds of MB to walk). */
typedef struct {
    const concord_grouper *g;
    void *blob;
    size_t len;
    pthread_t th;
    int started;
} S_save_job;

static void *S_save_main(void *arg)
{
    S_save_job *j = arg;
    j->blob = concord_grouper_save(j->g, &j->len);
    return NULL;
}

/* The saved state (the thread's, or made here when none was started);
 * caller frees. */
static void *S_save_take(S_save_job *j, size_t *len)
{
    if (j->started) {
        pthread_join(j->th, NULL);
        j->started = 0;
    } else if (!j->blob) {
        j->blob = concord_grouper_save(j->g, &j->len);
    }
    void *b = j->blob;
    *len = j->len;
    j->blob = NULL;
    return b;
}

static void S_save_drop(S_save_job *j)
{
    if (j->started)
        pthread_join(j->th, NULL);
    j->started = 0;
    free(j->blob);
    j->blob = NULL;
}

int concord_sink_finish(concord_sink *s, concord_run_stats *stats)
{
    const concord_options *o = &s->o;
    concord_store *st = s->st;
    if (!s->failed && s->read_errors) {
        /* the grouping is not saved: the next run tries these articles again */
        S_set_err(CONCORD_PIPELINE_ERR_STORE,
                  "%zu stored article%s could not be read back (see the messages above);"
                  " the store may be damaged (check it with sqlite3 FILE 'PRAGMA integrity_check')",
                  s->read_errors, s->read_errors == 1 ? "" : "s");
        concord_store_rollback(st);
        s->failed = 2;
    }
    S_save_job save = {s->g, NULL, 0, 0, 0};
    if (!s->failed && s->threads > 1)
        save.started = pthread_create(&save.th, NULL, S_save_main, &save) == 0;
    if (!s->failed && s->n_todo > 0)
        S_progress(o, "linking quotes across %zu stories", s->stats.stories);
    /* an add with no story to change still builds a missing quote index
     * (the upgrade of a store made by an older concord) */
    if (!s->failed && (s->n_todo > 0 || !s->analyze) && S_link_quotes_any(s) < 0)
        s->failed = 1;
    /* the outlet network's totals (concord/search.h), and the stories
     * written without a put (quotes linked above) */
    if (!s->failed && concord_outlets_writer_finish(s->ow) < 0) {
        S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_outlets_writer_errmsg(s->ow));
        s->failed = 2;
    }
    if (!s->failed) {
        size_t bl;
        void *blob = S_save_take(&save, &bl);
        /* an older store's unpacked state goes (NOT_FOUND, positive, is fine) */
        if (concord_store_delete_state(st, S_GROUPER_STATE_RAW) < 0 ||
            concord_store_put_state_packed(st, S_GROUPER_STATE, blob, bl) < 0 ||
            concord_store_mark_grouped(st) < 0)
            s->failed = 1;
        free(blob);
    }
    S_save_drop(&save); /* a failed run: the thread joined, its state dropped */
    S_test_kill("group", 0);
    if (!s->failed && concord_store_commit(st) < 0)
        s->failed = 1;
    concord_grouper_free(s->g);
    s->g = NULL;
    if (stats)
        *stats = s->stats;
    if (s->failed) {
        if (s->failed == 1)
            S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(st));
        S_sink_free(s);
        return CONCORD_PIPELINE_ERR_STORE;
    }

    /* ---- emit */
    int out_failed = 0, read_failed = 0;
    if (o->outdir)
        S_progress(o, "writing outputs");
    if (o->outdir) {
        if (s->articles) { /* written while the grouping ran */
            concord_outfile *of = NULL;
            char err[512];
            int arc = S_articles_finish(s->articles, &of, err, sizeof err);
            s->articles = NULL;
            if (arc != 0) {
                S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", err);
                out_failed = 1;
            } else if (S_close_out(of, 0) != 0) {
                out_failed = 1;
            }
        } else if (S_write_articles_from_store(st, o->outdir, o->diag, NULL) != 0) {
            out_failed = 1;
        }
        /* the report on a thread of its own while this one writes
         * stories.jsonl; it becomes report.html only if all went well */
        S_report_job *rj = NULL;
        if (!out_failed && o->write_report && s->threads > 1)
            rj = S_report_start(s->db, o->outdir);
        if (S_write_stories(st, o->outdir, o->diag) != 0)
            out_failed = 1;
        if (rj) {
            if (S_report_finish(rj, !out_failed) != 0)
                out_failed = 1;
        } else if (!out_failed && o->write_report) {
            concord_buf rp;
            concord_buf_init(&rp);
            concord_buf_printf(&rp, "%s/report.html", o->outdir);
            if (concord_report_write(st, rp.data) != 0) {
                S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "cannot write %s: %s", rp.data,
                          concord_report_errmsg());
                out_failed = 1;
            }
            concord_buf_free(&rp);
        }
        read_failed = out_failed && strstr(S_err, "cannot be read back") != NULL;
    }
    concord_search_writer_free(s->sw);
    s->sw = NULL;
    concord_outlets_writer_free(s->ow); /* its statements, before the close */
    s->ow = NULL;
    concord_store_close(st);
    s->st = NULL;
    int rc = CONCORD_PIPELINE_OK;
    if (s->analyze && !out_failed && S_replace_store(s->db, s->target) != 0)
        rc = CONCORD_PIPELINE_ERR_STORE;
    S_sink_free(s);
    if (out_failed)
        return read_failed ? CONCORD_PIPELINE_ERR_STORE : CONCORD_PIPELINE_ERR_OUTPUT;
    return rc;
}

void concord_sink_abort(concord_sink *s)
{
    S_sink_free(s);
}

/* ------------------------------------------------------------------ run */

/* The explain stage as a bounded stream: the workers take the next story
 * as soon as they finish one (a story of thousands of reports no longer
 * holds the other worker at the end of a fixed chunk), at most
 * S_EXPLAIN_WINDOW stories ahead of the one this thread stores next; this
 * thread stores the results in order, S_STORY_CHUNK at a time, exactly as
 * the chunks did before (the same store writes in the same order). */
#define S_EXPLAIN_WINDOW (4 * S_STORY_CHUNK)

typedef struct {
    S_explain_ctx ec; /* stories: all of them; out: the ring of results */
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    size_t n, next, stored; /* stories; next to take; first not yet stored */
    unsigned char done[S_EXPLAIN_WINDOW];
    int stop;
} S_explain_stream;

typedef struct {
    S_explain_stream *x;
    int worker;
} S_explain_worker;

/* Takes and explains stories until there are none or the stream stops. */
static void S_explain_work(S_explain_stream *x, int worker, int once)
{
    for (;;) {
        pthread_mutex_lock(&x->mu);
        while (!once && !x->stop && x->next < x->n && x->next >= x->stored + S_EXPLAIN_WINDOW)
            pthread_cond_wait(&x->room, &x->mu);
        if (x->stop || x->next >= x->n || x->next >= x->stored + S_EXPLAIN_WINDOW) {
            pthread_mutex_unlock(&x->mu);
            return;
        }
        size_t k = x->next++;
        pthread_mutex_unlock(&x->mu);
        size_t slot = k % S_EXPLAIN_WINDOW;
        concord_story_spec sp;
        concord_story_spec_from_grouper(&sp, x->ec.g, x->ec.stories[k]);
        concord_explain_story(&sp, x->ec.stores[worker], x->ec.az[worker], x->ec.diag,
                              &x->ec.out[slot]);
        concord_story_spec_free(&sp);
        pthread_mutex_lock(&x->mu);
        x->done[slot] = 1;
        pthread_cond_broadcast(&x->more);
        pthread_mutex_unlock(&x->mu);
        if (once)
            return;
    }
}

static void *S_explain_main(void *arg)
{
    S_explain_worker *w = arg;
    S_explain_work(w->x, w->worker, 0);
    return NULL;
}

static void S_explain_stories(concord_sink *s, const concord_options *o, concord_store **readers,
                              concord_analyzer **az, int threads, size_t n_todo)
{
    if (s->failed || n_todo == 0)
        return;
    if (threads > 16)
        threads = 16;
    S_explain_stream x;
    memset(&x, 0, sizeof x);
    x.ec = (S_explain_ctx){s->g, s->todo, NULL, readers, az, o->diag};
    x.ec.out = concord_xcalloc(S_EXPLAIN_WINDOW, sizeof(S_story_out));
    x.n = n_todo;
    pthread_mutex_init(&x.mu, NULL);
    pthread_cond_init(&x.more, NULL);
    pthread_cond_init(&x.room, NULL);
    pthread_t th[16];
    S_explain_worker wk[16];
    int started[16] = {0}, n_started = 0;
    for (int w = 0; w < threads; w++) {
        wk[w] = (S_explain_worker){&x, w};
        started[w] = pthread_create(&th[w], NULL, S_explain_main, &wk[w]) == 0;
        n_started += started[w];
    }
    for (size_t at = 0; at < n_todo && !s->failed; at += S_STORY_CHUNK) {
        size_t k = n_todo - at < S_STORY_CHUNK ? n_todo - at : S_STORY_CHUNK;
        size_t slot0 = at % S_EXPLAIN_WINDOW;
        for (;;) {
            pthread_mutex_lock(&x.mu);
            size_t got = 0;
            while (got < k && x.done[slot0 + got])
                got++;
            if (got == k || n_started > 0) {
                while (got < k) {
                    pthread_cond_wait(&x.more, &x.mu);
                    while (got < k && x.done[slot0 + got])
                        got++;
                }
                pthread_mutex_unlock(&x.mu);
                break;
            }
            pthread_mutex_unlock(&x.mu);
            S_explain_work(&x, 0, 1); /* no thread to be had: explain here */
        }
        S_sink_put(s, at, x.ec.out + slot0, k);
        for (size_t i = 0; i < k; i++)
            concord_story_result_free(&x.ec.out[slot0 + i]);
        pthread_mutex_lock(&x.mu);
        memset(x.done + slot0, 0, k);
        x.stored = at + k;
        pthread_cond_broadcast(&x.room);
        pthread_mutex_unlock(&x.mu);
        S_progress(o, "%zu of %zu stories explained", at + k, n_todo);
    }
    pthread_mutex_lock(&x.mu);
    x.stop = 1;
    pthread_cond_broadcast(&x.room);
    pthread_mutex_unlock(&x.mu);
    for (int w = 0; w < threads; w++)
        if (started[w])
            pthread_join(th[w], NULL);
    for (size_t i = 0; i < S_EXPLAIN_WINDOW; i++) /* taken but not stored (a failed run) */
        concord_story_result_free(&x.ec.out[i]);
    free(x.ec.out);
    pthread_mutex_destroy(&x.mu);
    pthread_cond_destroy(&x.more);
    pthread_cond_destroy(&x.room);
}

int concord_pipeline_run(const char *const *inputs, size_t n_inputs, const concord_options *o,
                         concord_run_stats *stats)
{
    double t0 = S_now();
    memset(stats, 0, sizeof *stats);
    S_err[0] = '\0';
    concord_sink *s = NULL;
    int rc = S_sink_open(o, &s);
    if (rc != 0)
        return rc;
    int threads = s->threads;
    concord_analyzer **az = S_analyzers(threads);

    /* ---- ingest: two chunks in flight (concord_ingest_stream) */
    concord_reader *r = concord_reader_open(inputs, n_inputs, o->diag);
    if (o->max_record)
        concord_reader_set_max_record(r, o->max_record);
    if (o->outdir)
        concord_reader_skip_folder(r, o->outdir);
    concord_ingest_stream *in = concord_ingest_stream_new(r, az, threads);
    in->known = S_sink_known;
    in->known_ctx = s;
    /* the workers pack the store's cells too (store_internal.h) */
    concord__store_packer **pk = concord_xcalloc((size_t)threads, sizeof *pk);
    for (int w = 0; w < threads; w++)
        pk[w] = concord__store_packer_new(s->st);
    in->ictx[0].pk = in->ictx[1].pk = pk;
    S_item *items;
    size_t n;
    while (!s->failed && (items = S_stream_next(in, &n)) != NULL)
        S_sink_store(s, items, n);
    concord_ingest_stream_free(in); /* joins the workers */
    for (int w = 0; w < threads; w++)
        concord__store_packer_free(pk[w]);
    free(pk);
    size_t skipped = concord_reader_skipped(r);
    uint64_t bytes = concord_reader_bytes(r);
    concord_reader_close(r);
    double t1 = S_now();

    /* ---- group */
    size_t n_todo = 0;
    rc = concord_sink_group(s, &n_todo);
    double t2 = S_now();
    if (rc != 0) {
        stats->skipped_inputs = skipped;
        stats->bytes = bytes;
        S_free_analyzers(az, threads);
        concord_sink_abort(s);
        return rc;
    }

    /* ---- explain the stories this run created or changed */
    concord_store **readers = concord_xcalloc((size_t)threads, sizeof *readers);
    for (int w = 0; w < threads && !s->failed; w++) {
        readers[w] = concord_store_open_readonly(s->db);
        if (!readers[w]) {
            S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(NULL));
            s->failed = 2;
        }
    }
    S_progress(o, "%zu stories to explain", n_todo);
    S_explain_stories(s, o, readers, az, threads, n_todo);
    for (int w = 0; w < threads; w++)
        concord_store_close(readers[w]);
    free(readers);
    S_free_analyzers(az, threads);
    double t3 = S_now();

    /* ---- save the grouping, write the outputs */
    rc = concord_sink_finish(s, stats);
    stats->skipped_inputs = skipped;
    stats->bytes = bytes;
    stats->seconds_ingest = t1 - t0;
    stats->seconds_group = t2 - t1;
    stats->seconds_explain = t3 - t2;
    if (o->progress && o->progress_fn)
        o->progress_fn(o->progress_ctx, NULL);
    stats->input_problems = concord_diag_count(o->diag);
    stats->seconds_total = S_now() - t0;
    return rc;
}

/* --------------------------------------------------------------- dedup */

/* dedup: a record of an id already read with the same content and date has
 * the same features, and the grouper keeps one article per id. */
static int S_dedup_known(void *ctx, const concord_article *a)
{
    uint64_t content = S_seen_content(a);
    return S_seen_put(ctx, a->id, content) == (content ? content : 1);
}

int concord_dedup_inputs(const char *const *inputs, size_t n_inputs, concord_diag *diag,
                         int threads, FILE *out)
{
    if (threads < 1)
        threads = 2;
    concord_reader *r = concord_reader_open(inputs, n_inputs, diag);
    concord_analyzer **az = S_analyzers(threads);
    concord_grouper *g = concord_grouper_new();
    concord_grouper_set_threads(g, threads);
    concord_grouper_dedup_only(g, 1);
    concord_ingest_stream *in = concord_ingest_stream_new(r, az, threads);
    in->ictx[0].dedup_only = in->ictx[1].dedup_only = 1;
    S_seen seen = {0};
    in->known = S_dedup_known;
    in->known_ctx = &seen;
    S_item *items;
    size_t n;
    while ((items = S_stream_next(in, &n)) != NULL)
        for (size_t i = 0; i < n; i++) {
            if (items[i].features) /* none for a repeated identical record */
                concord_grouper_add(g, items[i].features);
            items[i].features = NULL;
            S_free_item(&items[i]);
        }
    concord_ingest_stream_free(in);
    S_seen_free(&seen);
    concord_reader_close(r);
    S_free_analyzers(az, threads);
    concord_grouper_run(g);
    int rc = concord_dedup_write(g, out);
    concord_grouper_free(g);
    return rc;
}

int concord_dedup_write(const concord_grouper *g, FILE *out)
{
    concord_buf b;
    concord_buf_init(&b);
    for (size_t k = 0; k < concord_grouper_n_dupsets(g); k++) {
        concord_buf_clear(&b);
        concord_buf_adds(&b, "{\"duplicate_of\":");
        concord_json_str(&b, concord_grouper_dupset_member(g, k, 0));
        concord_buf_adds(&b, ",\"articles\":[");
        for (size_t i = 0; i < concord_grouper_dupset_size(g, k); i++) {
            if (i)
                concord_buf_addc(&b, ',');
            concord_json_str(&b, concord_grouper_dupset_member(g, k, i));
        }
        concord_buf_adds(&b, "]}\n");
        fwrite(b.data, 1, b.len, out);
    }
    concord_buf_free(&b);
    return fflush(out) == 0 ? 0 : -1;
}
