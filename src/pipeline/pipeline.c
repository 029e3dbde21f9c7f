/* pipeline.c: read -> clean -> analyze -> store -> group -> explain -> emit
 * (see concord/pipeline.h). */
#include "concord/pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
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
#include "concord/figures.h"
#include "concord/group.h"
#include "concord/quotes.h"
#include "concord/read.h"
#include "concord/report.h"
#include "concord/reuse.h"
#include "concord/shard.h"
#include "concord/store.h"
#include "pipeline/pipeline_internal.h"

#define S_CHUNK_ARTICLES 512
#define S_CHUNK_BYTES (32u << 20)
#define S_STORY_CHUNK 64
#define S_GROUPER_STATE "grouper"

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

/* ------------------------------------------------------------- ingest */

typedef struct {
    concord_article *article;
    concord_clean *clean;
    concord_features *features;
} S_item;

typedef struct {
    S_item *items;
    concord_analyzer **az; /* one per worker */
} S_ingest_ctx;

void concord_ingest_article(concord_article *a, concord_analyzer *az, concord_clean **clean,
                            concord_features **features)
{
    concord_clean *c = concord_clean_article(a);
    /* a report without a known outlet that names itself ("(FiveNation.com)-") */
    if (!strcmp(a->source, "unknown") && c->outlet && c->outlet[0]) {
        free(a->source);
        a->source = concord_xstrdup(c->outlet);
    }
    concord_doc *d = concord_analyze(az, c->text, c->len);
    *features = concord_features_new(a, c, d);
    concord_doc_free(d);
    *clean = c;
}

static void S_ingest_one(size_t i, int worker, void *ctx)
{
    S_ingest_ctx *c = ctx;
    S_item *it = &c->items[i];
    concord_ingest_article(it->article, c->az[worker], &it->clean, &it->features);
}

/* Reads the next chunk; returns the number of articles (0 at the end). */
static size_t S_read_chunk(concord_reader *r, S_item *items)
{
    size_t n = 0, bytes = 0;
    concord_article *a;
    while (n < S_CHUNK_ARTICLES && bytes < S_CHUNK_BYTES && concord_reader_next(r, &a)) {
        memset(&items[n], 0, sizeof items[n]);
        items[n].article = a;
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
    memset(it, 0, sizeof *it);
}

static concord_analyzer **S_analyzers(int threads)
{
    concord_analyzer **az = concord_xcalloc((size_t)threads, sizeof *az);
    for (int i = 0; i < threads; i++)
        az[i] = concord_analyzer_new("english");
    return az;
}

static void S_free_analyzers(concord_analyzer **az, int threads)
{
    for (int i = 0; i < threads; i++)
        concord_analyzer_free(az[i]);
    free(az);
}

/* ------------------------------------------------------------ explain */

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

void concord_explain_story(const concord_story_spec *sp, concord_store *st, concord_analyzer *az,
                           concord_diag *diag, concord_story_result *o)
{
    memset(o, 0, sizeof *o);
    size_t n = sp->n;
    concord_member *m = concord_xcalloc(n ? n : 1, sizeof *m);
    S_dup_link *links = concord_xcalloc(n ? n : 1, sizeof *links);
    size_t got = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = sp->members[i];
        links[i].id = id;
        links[i].dup = sp->dup_of ? sp->dup_of[i] : NULL;
        concord_article *a = NULL;
        concord_clean *cl = NULL;
        int rc = concord_store_get_article(st, id, &a, &cl);
        if (rc != 0 || !a) {
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
    qsort(links, n, sizeof *links, S_dup_link_cmp);
    n = got;
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
    for (size_t i = 0; i < n; i++) {
        const concord_article *a = m[i].article;
        o->ids[i] = concord_xstrdup(a->id);
        S_dup_link key = {a->id, NULL};
        const S_dup_link *l = sp->n ? bsearch(&key, links, sp->n, sizeof *links, S_dup_link_cmp)
                                    : NULL;
        dups[i] = l ? l->dup : NULL;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(m[j].article->source, a->source);
        n_sources += !seen;
    }
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

static void S_explain_one(size_t k, int worker, void *ctx)
{
    S_explain_ctx *c = ctx;
    concord_story_spec sp;
    concord_story_spec_from_grouper(&sp, c->g, c->stories[k]);
    concord_explain_story(&sp, c->stores[worker], c->az[worker], c->diag, &c->out[k]);
    concord_story_spec_free(&sp);
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
    memset(o, 0, sizeof *o);
}

/* ------------------------------------------------------------- outputs */

static FILE *S_open_tmp(const char *dir, const char *name, char **tmp, char **final)
{
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_printf(&b, "%s/%s", dir, name);
    *final = concord_buf_detach(&b, NULL);
    concord_buf_printf(&b, "%s/.%s.tmp", dir, name);
    *tmp = concord_buf_detach(&b, NULL);
    return fopen(*tmp, "wb");
}

static int S_close_tmp(FILE *f, char *tmp, char *final)
{
    int ok = f && fflush(f) == 0 && !ferror(f);
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, final) != 0)
        ok = 0;
    if (!ok)
        unlink(tmp);
    free(tmp);
    free(final);
    return ok ? 0 : -1;
}

static int S_write_articles_from_store(concord_store *st, const char *outdir)
{
    char *tmp, *final;
    FILE *f = S_open_tmp(outdir, "articles.jsonl", &tmp, &final);
    if (!f) {
        free(tmp);
        free(final);
        return -1;
    }
    concord_store_iter *it;
    concord_buf b;
    concord_buf_init(&b);
    if (concord_store_articles_begin(st, &it) == 0) {
        concord_article *a;
        concord_clean *c;
        while (concord_store_articles_next(it, &a, &c) == 1) {
            concord_buf_clear(&b);
            concord_emit_article(&b, a, c);
            concord_buf_addc(&b, '\n');
            fwrite(b.data, 1, b.len, f);
            concord_article_free(a);
            concord_clean_free(c);
        }
        concord_store_articles_end(it);
    }
    concord_buf_free(&b);
    return S_close_tmp(f, tmp, final);
}

static int S_write_stories(concord_store *st, const char *outdir)
{
    char *tmp, *final;
    FILE *f = S_open_tmp(outdir, "stories.jsonl", &tmp, &final);
    if (!f) {
        free(tmp);
        free(final);
        return -1;
    }
    concord_store_iter *it;
    if (concord_store_stories_begin(st, &it) == 0) {
        concord_store_story *s;
        while (concord_store_stories_next(it, &s) == 1) {
            fputs(s->doc, f);
            fputc('\n', f);
            concord_store_story_free(s);
        }
        concord_store_stories_end(it);
    }
    return S_close_tmp(f, tmp, final);
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

int concord_pipeline_run(const char *const *inputs, size_t n_inputs, const concord_options *o,
                         concord_run_stats *stats)
{
    double t0 = S_now();
    memset(stats, 0, sizeof *stats);
    S_err[0] = '\0';
    int threads = o->threads > 0 ? o->threads : 2;
    if (threads > 16)
        threads = 16;
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
    char *db = concord_buf_detach(&pathb, NULL);
    if (o->mode == CONCORD_MODE_ANALYZE) { /* a fresh store for one batch */
        const char *sfx[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            concord_buf_printf(&pathb, "%s%s", db, sfx[i]);
            unlink(pathb.data);
            concord_buf_clear(&pathb);
        }
        concord_buf_free(&pathb);
    }
    concord_store *st = concord_store_open(db, 1);
    if (!st) {
        int rc = S_set_err(CONCORD_PIPELINE_ERR_STORE, "%s", concord_store_errmsg(NULL));
        free(db);
        return rc;
    }
    concord_grouper *g = concord_grouper_new();
    concord_grouper_set_threads(g, threads);
    if (o->mode == CONCORD_MODE_ADD) {
        void *blob = NULL;
        size_t bl = 0;
        if (concord_store_get_state(st, S_GROUPER_STATE, &blob, &bl) == 0 &&
            concord_grouper_load(g, blob, bl) != 0)
            concord_diag_report(o->diag, db, 0, 0,
                                "the stored story state is unreadable; stories start afresh");
        free(blob);
    }

    /* ---- ingest */
    FILE *af = NULL;
    char *af_tmp = NULL, *af_final = NULL;
    if (o->outdir && o->mode == CONCORD_MODE_ANALYZE)
        af = S_open_tmp(o->outdir, "articles.jsonl", &af_tmp, &af_final);
    if (o->outdir && o->mode == CONCORD_MODE_ANALYZE && !af) {
        int rc = S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "cannot write %s: %s", af_final,
                           strerror(errno));
        free(af_tmp);
        free(af_final);
        concord_grouper_free(g);
        concord_store_close(st);
        free(db);
        return rc;
    }
    concord_reader *r = concord_reader_open(inputs, n_inputs, o->diag);
    concord_analyzer **az = S_analyzers(threads);
    S_item *items = concord_xcalloc(S_CHUNK_ARTICLES, sizeof *items);
    S_ingest_ctx ictx = {items, az};
    concord_buf line;
    concord_buf_init(&line);
    int store_failed = 0;
    char **changed = NULL; /* ids whose content changed: their stories are explained again */
    size_t n_changed = 0, changed_cap = 0;
    size_t n;
    while ((n = S_read_chunk(r, items)) > 0) {
        S_parallel(n, threads, S_ingest_one, &ictx);
        if (!store_failed && concord_store_begin(st) < 0)
            store_failed = 1;
        for (size_t i = 0; i < n; i++) {
            S_item *it = &items[i];
            int status = 0;
            if (!store_failed &&
                concord_store_put_article(st, it->article, it->clean, &status) < 0)
                store_failed = 1;
            stats->articles++;
            if (status == CONCORD_STORE_SAME) {
                stats->same_articles++;
            } else if (status == CONCORD_STORE_CHANGED) {
                stats->changed_articles++;
                CONCORD_GROW(changed, changed_cap, n_changed + 1);
                changed[n_changed++] = concord_xstrdup(it->article->id);
                concord_diag_report(o->diag, it->article->origin, it->article->line, 0,
                                    "article %s: content changed; kept as a new version",
                                    it->article->id);
            } else {
                stats->new_articles++;
            }
            if (af) {
                concord_buf_clear(&line);
                concord_emit_article(&line, it->article, it->clean);
                concord_buf_addc(&line, '\n');
                fwrite(line.data, 1, line.len, af);
            }
            if (status != CONCORD_STORE_SAME) {
                concord_grouper_add(g, it->features);
                it->features = NULL;
            }
            S_free_item(it);
        }
        if (store_failed)
            break;
        if (concord_store_commit(st) < 0) {
            store_failed = 1;
            break;
        }
        S_progress(o, "%zu articles read", stats->articles);
    }
    if (store_failed) {
        S_set_err(CONCORD_PIPELINE_ERR_STORE, "store %s: %s", db, concord_store_errmsg(st));
        for (size_t i = 0; i < S_CHUNK_ARTICLES; i++)
            S_free_item(&items[i]);
    }
    free(items);
    concord_buf_free(&line);
    stats->skipped_inputs = concord_reader_skipped(r);
    stats->bytes = concord_reader_bytes(r);
    concord_reader_close(r);
    int out_failed = 0;
    if (af && S_close_tmp(af, af_tmp, af_final) != 0)
        out_failed = 1;
    else if (!af) {
        free(af_tmp);
        free(af_final);
    }
    double t1 = S_now();
    stats->seconds_ingest = t1 - t0;
    if (store_failed) {
        for (size_t i = 0; i < n_changed; i++)
            free(changed[i]);
        free(changed);
        S_free_analyzers(az, threads);
        concord_grouper_free(g);
        concord_store_close(st);
        free(db);
        return CONCORD_PIPELINE_ERR_STORE;
    }

    /* ---- group */
    S_progress(o, "%zu articles read; grouping", stats->articles);
    concord_grouper_run(g);
    double t2 = S_now();
    stats->seconds_group = t2 - t1;

    /* ---- explain the stories this run created or changed */
    size_t ns = concord_grouper_n_stories(g);
    size_t *todo = concord_xmalloc((ns ? ns : 1) * sizeof *todo);
    size_t n_todo = 0;
    unsigned char *redo = concord_xcalloc(ns ? ns : 1, 1);
    for (size_t i = 0; i < n_changed; i++) {
        size_t s = concord_grouper_story_of(g, changed[i]);
        if (s < ns)
            redo[s] = 1;
        free(changed[i]);
    }
    free(changed);
    for (size_t s = 0; s < ns; s++)
        if (o->mode == CONCORD_MODE_ANALYZE || concord_grouper_story_changed(g, s) || redo[s])
            todo[n_todo++] = s;
    free(redo);
    stats->stories = ns;
    stats->stories_changed = n_todo;
    concord_store **readers = concord_xcalloc((size_t)threads, sizeof *readers);
    for (int w = 0; w < threads; w++) {
        readers[w] = concord_store_open(db, 0);
        if (!readers[w])
            store_failed = 1;
    }
    S_story_out *outs = concord_xcalloc(S_STORY_CHUNK, sizeof *outs);
    if (!store_failed && concord_store_begin(st) < 0)
        store_failed = 1;
    for (size_t i = 0; i < concord_grouper_n_merged_away(g) && !store_failed; i++)
        if (concord_store_delete_story(st, concord_grouper_merged_away(g, i)) < 0)
            store_failed = 1;
    for (size_t at = 0; at < n_todo && !store_failed; at += S_STORY_CHUNK) {
        size_t k = n_todo - at < S_STORY_CHUNK ? n_todo - at : S_STORY_CHUNK;
        S_explain_ctx ec = {g, todo + at, outs, readers, az, o->diag};
        S_parallel(k, threads, S_explain_one, &ec);
        for (size_t i = 0; i < k; i++) {
            S_story_out *so = &outs[i];
            if (!store_failed &&
                concord_store_put_story(st, concord_grouper_story_id(g, todo[at + i]), so->title,
                                        so->first, so->last, so->n_ids, so->n_sources,
                                        so->has_conflict, so->doc,
                                        (const char *const *)so->ids, so->n_ids) < 0)
                store_failed = 1;
            concord_story_result_free(so);
        }
        S_progress(o, "%zu of %zu stories explained", at + k, n_todo);
    }
    free(outs);
    free(todo);
    for (int w = 0; w < threads; w++)
        concord_store_close(readers[w]);
    free(readers);
    S_free_analyzers(az, threads);
    if (!store_failed) {
        size_t bl;
        void *blob = concord_grouper_save(g, &bl);
        if (concord_store_put_state(st, S_GROUPER_STATE, blob, bl) < 0)
            store_failed = 1;
        free(blob);
    }
    if (!store_failed && concord_store_commit(st) < 0)
        store_failed = 1;
    concord_grouper_free(g);
    double t3 = S_now();
    stats->seconds_explain = t3 - t2;
    if (store_failed) {
        S_set_err(CONCORD_PIPELINE_ERR_STORE, "store %s: %s", db, concord_store_errmsg(st));
        if (concord_store_in_batch(st))
            concord_store_rollback(st);
        concord_store_close(st);
        free(db);
        return CONCORD_PIPELINE_ERR_STORE;
    }

    /* ---- emit */
    if (o->outdir) {
        if (o->mode == CONCORD_MODE_ADD && S_write_articles_from_store(st, o->outdir) != 0)
            out_failed = 1;
        if (S_write_stories(st, o->outdir) != 0)
            out_failed = 1;
        if (o->write_report) {
            concord_buf rp;
            concord_buf_init(&rp);
            concord_buf_printf(&rp, "%s/report.html", o->outdir);
            if (concord_report_write(st, rp.data) != 0)
                out_failed = 1;
            concord_buf_free(&rp);
        }
    }
    concord_store_close(st);
    free(db);
    if (o->progress && o->progress_fn)
        o->progress_fn(o->progress_ctx, NULL);
    stats->input_problems = concord_diag_count(o->diag);
    stats->seconds_total = S_now() - t0;
    if (out_failed)
        return S_set_err(CONCORD_PIPELINE_ERR_OUTPUT, "cannot write the outputs in %s: %s",
                         o->outdir, strerror(errno));
    return CONCORD_PIPELINE_OK;
}

/* --------------------------------------------------------------- dedup */

int concord_dedup_inputs(const char *const *inputs, size_t n_inputs, concord_diag *diag,
                         int threads, FILE *out)
{
    if (threads < 1)
        threads = 2;
    concord_reader *r = concord_reader_open(inputs, n_inputs, diag);
    concord_analyzer **az = S_analyzers(threads);
    S_item *items = concord_xcalloc(S_CHUNK_ARTICLES, sizeof *items);
    S_ingest_ctx ictx = {items, az};
    concord_grouper *g = concord_grouper_new();
    concord_grouper_set_threads(g, threads);
    concord_grouper_dedup_only(g, 1);
    size_t n;
    while ((n = S_read_chunk(r, items)) > 0) {
        S_parallel(n, threads, S_ingest_one, &ictx);
        for (size_t i = 0; i < n; i++) {
            concord_grouper_add(g, items[i].features);
            items[i].features = NULL;
            S_free_item(&items[i]);
        }
    }
    concord_reader_close(r);
    free(items);
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

/* ------------------------------------------- stages for concord/shard.h */

size_t concord_ingest_chunk_size(void)
{
    return S_CHUNK_ARTICLES;
}

size_t concord_ingest_chunk(concord_reader *r, concord_analyzer **az, int threads,
                            concord_article **a, concord_clean **c, concord_features **f)
{
    S_item *items = concord_xcalloc(S_CHUNK_ARTICLES, sizeof *items);
    size_t n = S_read_chunk(r, items);
    S_ingest_ctx ictx = {items, az};
    S_parallel(n, threads, S_ingest_one, &ictx);
    for (size_t i = 0; i < n; i++) {
        a[i] = items[i].article;
        c[i] = items[i].clean;
        f[i] = items[i].features;
    }
    free(items);
    return n;
}

concord_analyzer **concord_analyzers_new(int threads)
{
    return S_analyzers(threads);
}

void concord_analyzers_free(concord_analyzer **az, int threads)
{
    S_free_analyzers(az, threads);
}

int concord__mkdir_p(const char *path)
{
    return S_mkdir_p(path);
}

FILE *concord__open_tmp(const char *dir, const char *name, char **tmp, char **final)
{
    return S_open_tmp(dir, name, tmp, final);
}

int concord__close_tmp(FILE *f, char *tmp, char *final)
{
    return S_close_tmp(f, tmp, final);
}

int concord__write_stories(concord_store *st, const char *outdir)
{
    return S_write_stories(st, outdir);
}

int concord__set_err(int code, const char *msg)
{
    return S_set_err(code, "%s", msg);
}
