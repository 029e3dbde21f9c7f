/* quote_links_incr.c: cross-story quote links for `concord add` in time
 * that follows the batch, not the store (doc/scale.md, "Incremental add").
 *
 * The full pass (S_link_quotes in pipeline.c) reads the quotes of every
 * story of the store, links them (concord_quote_links: pairs of full quotes
 * of different stories sharing a 4-word shingle carried by at most
 * CONCORD__QUOTE_LINK_CAP postings, then concord__quote_pair_links) and
 * rewrites each story whose "elsewhere" changed.  It also writes the quote
 * index (pipeline_internal.h).  With the index, an add needs only:
 *   - the stories written since the last sync (quote_dirty, kept by
 *     triggers on the stories table, so no writer can bypass it): their old
 *     shingles leave the index, their new ones enter it, and their links are
 *     recomputed from the postings of their shingles: the same candidates,
 *     the same test (concord__quote_pair_links), each pair compared once;
 *   - the stories linked to a written one, before (quote_partner) or now:
 *     they keep the entries of their stored "elsewhere" that name stories
 *     not written (neither side changed) and take the links found from the
 *     written side;
 *   - the shingles whose count crossed the cap: the pairs they proposed (or
 *     now propose) between stories not written are tested again (still
 *     proposed by another shingle under the cap?), and a link that appears
 *     or vanishes goes to both stories' lists.
 * Each story's links are then put in the order of the full pass (stories
 * ordered by (first, story), as it reads them); a story not written whose
 * list hashes as before (quote_story.links) is not rewritten, the others get
 * their document replaced (concord__store_set_story_doc).  So the documents
 * are byte-identical to those of the full pass (tests/incr_add.sh; at 100k
 * articles, doc/scale.md "Incremental add"). */
#include "pipeline_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord/base.h"
#include "common/base_internal.h"
#include "concord/experimental.h"
#include "explain/quotes/quote_links.h"
#include "store/store_internal.h"

#include <sqlite3.h>

#define S_STATE_KEY "quote-index"
/* "3": postings name stories by their quote_story rowid (varints); an index
 * of version "2" (story ids as text) is rebuilt by the next run's full pass */
#define S_STATE_VERSION "3"

static const char S_SCHEMA[] =
    /* posts: the rowids in quote_story of the stories carrying the shingle,
     * ascending, as LEB128 varints of their differences (S_posts_pack): 1.5
     * bytes a posting at 100k articles where the story ids took 14
     * (13.3 -> 1.8 MB, doc/store-size.md) */
    "CREATE TABLE IF NOT EXISTS quote_shingle(h INTEGER PRIMARY KEY, posts BLOB NOT NULL);"
    /* a rowid table: its blobs of a few KB fill pages better than in a
     * WITHOUT ROWID b-tree (15 -> 8 MB at 100k articles); a story's rowid
     * stays while the story has shingles (updated in place, never replaced) */
    "CREATE TABLE IF NOT EXISTS quote_story(story TEXT PRIMARY KEY, hs BLOB NOT NULL,"
    " links INTEGER NOT NULL);" /* hash of the story's links as last written */
    "CREATE TABLE IF NOT EXISTS quote_partner(story TEXT NOT NULL, other TEXT NOT NULL,"
    " PRIMARY KEY(story, other)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS quote_dirty(story TEXT PRIMARY KEY) WITHOUT ROWID;"
    /* no INSERT OR IGNORE: the statement that fires a trigger imposes its
     * own conflict policy on the trigger's statements */
    "CREATE TRIGGER IF NOT EXISTS quote_dirty_ins AFTER INSERT ON stories BEGIN"
    " INSERT INTO quote_dirty SELECT new.story WHERE NOT EXISTS"
    " (SELECT 1 FROM quote_dirty WHERE story = new.story); END;"
    "CREATE TRIGGER IF NOT EXISTS quote_dirty_upd AFTER UPDATE ON stories BEGIN"
    " INSERT INTO quote_dirty SELECT old.story WHERE NOT EXISTS"
    " (SELECT 1 FROM quote_dirty WHERE story = old.story);"
    " INSERT INTO quote_dirty SELECT new.story WHERE NOT EXISTS"
    " (SELECT 1 FROM quote_dirty WHERE story = new.story); END;"
    "CREATE TRIGGER IF NOT EXISTS quote_dirty_del AFTER DELETE ON stories BEGIN"
    " INSERT INTO quote_dirty SELECT old.story WHERE NOT EXISTS"
    " (SELECT 1 FROM quote_dirty WHERE story = old.story); END;";

static int S_exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static sqlite3_stmt *S_prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

static int S_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Postings blob of the rowids r[0..n) (sorted here): ascending differences
 * as LEB128 varints. */
static void S_posts_pack(concord_buf *b, uint64_t *r, size_t n)
{
    if (n > 1)
        qsort(r, n, sizeof *r, S_cmp_u64);
    uint64_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        concord__buf_add_varint(b, r[i] - prev);
        prev = r[i];
    }
}

/* Next rowid of a postings blob at *at (advanced); 0 at the end or on a
 * damaged blob (rowids are >= 1). */
static uint64_t S_posts_next(const unsigned char *p, size_t len, size_t *at, uint64_t *prev)
{
    const unsigned char *q = p + *at;
    uint64_t d;
    if (*at < len && concord__varint_get(&q, p + len, &d)) {
        *at = (size_t)(q - p);
        *prev += d;
        return *prev;
    }
    *at = len;
    return 0;
}

int concord__quote_index_ready(concord_store *st)
{
    void *v = NULL;
    size_t n = 0;
    int rc = concord_store_get_state(st, S_STATE_KEY, &v, &n);
    if (rc < 0)
        return -1;
    int ok = rc == 0 && n == strlen(S_STATE_VERSION) && !memcmp(v, S_STATE_VERSION, n);
    free(v);
    if (!ok)
        return 0;
    /* the triggers and tables must be there too (a store copied without
     * them, or damaged by hand, is rebuilt) */
    sqlite3 *db = concord_store_sqlite(st);
    sqlite3_stmt *s = S_prep(db, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                 " ('quote_shingle','quote_story','quote_partner','quote_dirty',"
                                 "'quote_dirty_ins','quote_dirty_upd','quote_dirty_del')");
    if (!s)
        return -1;
    int have = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    return have < 0 ? -1 : have == 7;
}

int concord__quote_index_synced(concord_store *st)
{
    sqlite3 *db = concord_store_sqlite(st);
    if (S_exec(db, "DELETE FROM quote_dirty") != 0)
        return -1;
    return concord_store_put_state(st, S_STATE_KEY, S_STATE_VERSION, strlen(S_STATE_VERSION)) < 0
               ? -1
               : 0;
}

/* One link of a story folded into the hash of its link list (what its
 * "elsewhere" is written from): equal hashes, equal "elsewhere". */
static uint64_t S_link_mix(uint64_t h, size_t mine, const char *other, size_t other_quote,
                           double sim)
{
    char rec[64];
    int n = snprintf(rec, sizeof rec, "%zu %zu %.3f ", mine, other_quote, sim);
    h = concord_hash(rec, (size_t)(n > 0 ? n : 0), h);
    return concord_hash(other, strlen(other) + 1, h);
}

/* ------------------------------------------------------------ full rebuild */

typedef struct {
    uint64_t h;
    uint32_t story;
} S_post;

static int S_cmp_post(const void *a, const void *b)
{
    const S_post *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->story < y->story ? -1 : x->story > y->story;
}

static int S_cmp_pair32(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Appends the full quotes' shingles of q to *hs (sorted at the end). */
static size_t S_story_shingles(const concord_quotes *q, uint64_t **hs)
{
    size_t n = 0, cap = 0;
    *hs = NULL;
    for (size_t k = 0; q && k < q->n_quotes; k++) {
        if (q->quotes[k].kind != CONCORD_QUOTE_FULL)
            continue;
        uint64_t *h = NULL;
        size_t m = concord__quote_shingles(q->quotes[k].text, &h);
        CONCORD_GROW(*hs, cap, n + m + 1);
        memcpy(*hs + n, h, m * sizeof *h);
        n += m;
        free(h);
    }
    if (n > 1)
        qsort(*hs, n, sizeof **hs, S_cmp_u64);
    return n;
}

int concord__quote_index_rebuild(concord_store *st, const char *const *ids,
                                 const concord_quotes *const *qs, size_t n,
                                 const concord_quote_link *links, size_t n_links)
{
    sqlite3 *db = concord_store_sqlite(st);
    if (S_exec(db, S_SCHEMA) != 0 ||
        S_exec(db, "DELETE FROM quote_shingle; DELETE FROM quote_story;"
                   " DELETE FROM quote_partner;") != 0 ||
        concord_store_delete_state(st, S_STATE_KEY) < 0)
        return -1;
    sqlite3_stmt *ps = S_prep(db, "INSERT INTO quote_story(story, hs, links) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *ph = S_prep(db, "INSERT INTO quote_shingle(h, posts) VALUES(?1, ?2)");
    sqlite3_stmt *pp = S_prep(db, "INSERT INTO quote_partner(story, other) VALUES(?1, ?2)");
    int failed = !ps || !ph || !pp;
    S_post *posts = NULL;
    size_t np = 0, cap = 0;
    uint64_t *lh = concord_xcalloc(n ? n : 1, sizeof *lh); /* links are in the order of the pass */
    uint64_t *row = concord_xcalloc(n ? n : 1, sizeof *row); /* quote_story rowid by story */
    for (size_t l = 0; l < n_links; l++) {
        const concord_quote_link *k = &links[l];
        lh[k->story_a] =
            S_link_mix(lh[k->story_a], k->quote_a, ids[k->story_b], k->quote_b, k->similarity);
        lh[k->story_b] =
            S_link_mix(lh[k->story_b], k->quote_b, ids[k->story_a], k->quote_a, k->similarity);
    }
    for (size_t i = 0; i < n && !failed; i++) {
        uint64_t *hs = NULL;
        size_t nh = S_story_shingles(qs[i], &hs);
        if (nh) {
            sqlite3_bind_text(ps, 1, ids[i], -1, SQLITE_STATIC);
            sqlite3_bind_blob(ps, 2, hs, (int)(nh * sizeof *hs), SQLITE_STATIC);
            sqlite3_bind_int64(ps, 3, (sqlite3_int64)lh[i]);
            failed = sqlite3_step(ps) != SQLITE_DONE;
            sqlite3_reset(ps);
            row[i] = (uint64_t)sqlite3_last_insert_rowid(db);
            CONCORD_GROW(posts, cap, np + nh);
            for (size_t k = 0; k < nh; k++)
                posts[np++] = (S_post){hs[k], (uint32_t)i};
        }
        free(hs);
    }
    free(lh);
    if (np > 1)
        qsort(posts, np, sizeof *posts, S_cmp_post);
    concord_buf b;
    concord_buf_init(&b);
    uint64_t *rs = NULL;
    size_t crs = 0;
    for (size_t i = 0; i < np && !failed;) {
        size_t j = i;
        b.len = 0;
        while (j < np && posts[j].h == posts[i].h)
            j++;
        CONCORD_GROW(rs, crs, j - i);
        for (size_t k = i; k < j; k++)
            rs[k - i] = row[posts[k].story];
        S_posts_pack(&b, rs, j - i);
        sqlite3_bind_int64(ph, 1, (sqlite3_int64)posts[i].h);
        sqlite3_bind_blob(ph, 2, b.data, (int)b.len, SQLITE_STATIC);
        failed = sqlite3_step(ph) != SQLITE_DONE;
        sqlite3_reset(ph);
        i = j;
    }
    concord_buf_free(&b);
    free(rs);
    free(row);
    free(posts);
    uint32_t(*pairs)[2] = concord_xmalloc((2 * n_links + 1) * sizeof *pairs);
    size_t npairs = 0;
    for (size_t l = 0; l < n_links; l++) {
        pairs[npairs][0] = (uint32_t)links[l].story_a;
        pairs[npairs++][1] = (uint32_t)links[l].story_b;
        pairs[npairs][0] = (uint32_t)links[l].story_b;
        pairs[npairs++][1] = (uint32_t)links[l].story_a;
    }
    if (npairs > 1)
        qsort(pairs, npairs, sizeof *pairs, S_cmp_pair32);
    for (size_t i = 0; i < npairs && !failed; i++) {
        if (i && pairs[i][0] == pairs[i - 1][0] && pairs[i][1] == pairs[i - 1][1])
            continue;
        sqlite3_bind_text(pp, 1, ids[pairs[i][0]], -1, SQLITE_STATIC);
        sqlite3_bind_text(pp, 2, ids[pairs[i][1]], -1, SQLITE_STATIC);
        failed = sqlite3_step(pp) != SQLITE_DONE;
        sqlite3_reset(pp);
    }
    free(pairs);
    sqlite3_finalize(ps);
    sqlite3_finalize(ph);
    sqlite3_finalize(pp);
    return failed ? -1 : 0;
}

/* ------------------------------------------------------ incremental pass */

typedef concord_quote_link S_olink_in;

typedef struct {
    char *id;
    uint64_t row; /* its rowid in quote_story, 0: none (not known yet) */
    int loaded, exists, dirty;
    int full;        /* links recomputed from the shingles (written, or at a crossed cap) */
    int merge;       /* links kept from its document but for those of written stories */
    size_t n_quotes; /* quotes in its document */
    S_olink_in *in;  /* links found from written stories (for merge) */
    size_t nin, cin;
    S_olink_in *out; /* links of its document that a crossed cap removed */
    size_t nout, cout;
    char *first;       /* for the order of the full pass */
    concord_quotes *q; /* quotes as stored (text, speaker, kind) */
    uint64_t **qh;     /* per quote: its shingles, sorted (full quotes only) */
    size_t *nqh;
    uint64_t (*hq)[2]; /* (shingle, quote) of every full quote, sorted */
    size_t nhq;
} S_story;

typedef struct {
    uint64_t h;
    uint32_t *posts; /* story indexes, one per posting */
    size_t n, cap, n_old;
    int changed;
} S_shingle;

typedef struct {
    concord_store *st;
    sqlite3 *db;
    S_story *s;
    size_t ns, cap_s;
    uint32_t *smap; /* story index + 1, by hash of id */
    size_t smask;
    S_shingle *h;
    size_t nh, cap_h;
    uint32_t *hmap; /* shingle index + 1, by h */
    size_t hmask;
    uint32_t *rmap; /* story index + 1, by its quote_story rowid */
    size_t rmask, nr;
    uint64_t (*pk)[2]; /* pairs compared: key (story << 32 | quote) of both sides */
    double *psim;      /* their similarity, or -1 when not linked */
    size_t npk, pmask;
    sqlite3_stmt *get_sh, *get_first, *get_row;
    int failed;
} S_ix;

static uint64_t S_str_hash(const char *s)
{
    return concord_hash(s, strlen(s), 0x9e3779b97f4a7c15ull);
}

static void S_smap_grow(S_ix *x)
{
    size_t nsz = x->smask ? 2 * (x->smask + 1) : 1024;
    free(x->smap);
    x->smap = concord_xcalloc(nsz, sizeof *x->smap);
    x->smask = nsz - 1;
    for (size_t i = 0; i < x->ns; i++) {
        size_t at = (size_t)S_str_hash(x->s[i].id) & x->smask;
        while (x->smap[at])
            at = (at + 1) & x->smask;
        x->smap[at] = (uint32_t)(i + 1);
    }
}

static uint32_t S_story_of(S_ix *x, const char *id)
{
    if (2 * (x->ns + 1) > x->smask + 1)
        S_smap_grow(x);
    size_t at = (size_t)S_str_hash(id) & x->smask;
    while (x->smap[at]) {
        if (!strcmp(x->s[x->smap[at] - 1].id, id))
            return x->smap[at] - 1;
        at = (at + 1) & x->smask;
    }
    CONCORD_GROW(x->s, x->cap_s, x->ns + 1);
    memset(&x->s[x->ns], 0, sizeof x->s[x->ns]);
    x->s[x->ns].id = concord_xstrdup(id);
    x->smap[at] = (uint32_t)(x->ns + 1);
    return (uint32_t)x->ns++;
}

static size_t S_row_slot(uint64_t row, size_t mask)
{
    return (size_t)(row * 0x9e3779b97f4a7c15ull >> 17) & mask;
}

/* Story i has rowid row in quote_story (0: none any more).  A slot whose
 * story no longer has the slot's rowid is passed over by look-ups. */
static void S_row_set(S_ix *x, uint32_t i, uint64_t row)
{
    x->s[i].row = row;
    if (!row)
        return;
    if (2 * (x->nr + 1) > x->rmask + 1) {
        size_t nsz = x->rmask ? 2 * (x->rmask + 1) : 1024;
        free(x->rmap);
        x->rmap = concord_xcalloc(nsz, sizeof *x->rmap);
        x->rmask = nsz - 1;
        x->nr = 0;
        for (size_t k = 0; k < x->ns; k++) {
            if (!x->s[k].row || k == i)
                continue;
            size_t at = S_row_slot(x->s[k].row, x->rmask);
            while (x->rmap[at])
                at = (at + 1) & x->rmask;
            x->rmap[at] = (uint32_t)(k + 1);
            x->nr++;
        }
    }
    size_t at = S_row_slot(row, x->rmask);
    while (x->rmap[at]) {
        uint32_t k = x->rmap[at] - 1;
        if (x->s[k].row == row && k != i) /* the rowid was another story's */
            x->s[k].row = 0;
        at = (at + 1) & x->rmask;
    }
    x->rmap[at] = (uint32_t)(i + 1);
    x->nr++;
}

/* The story with rowid row in quote_story (UINT32_MAX: none, or an error,
 * then x->failed). */
static uint32_t S_story_of_row(S_ix *x, uint64_t row)
{
    if (x->rmask) {
        size_t at = S_row_slot(row, x->rmask);
        while (x->rmap[at]) {
            uint32_t k = x->rmap[at] - 1;
            if (x->s[k].row == row)
                return k;
            at = (at + 1) & x->rmask;
        }
    }
    sqlite3_bind_int64(x->get_row, 1, (sqlite3_int64)row);
    int rc = sqlite3_step(x->get_row);
    uint32_t i = UINT32_MAX;
    if (rc == SQLITE_ROW) {
        i = S_story_of(x, (const char *)sqlite3_column_text(x->get_row, 0));
        S_row_set(x, i, row);
    } else if (rc != SQLITE_DONE) {
        x->failed = 1;
    }
    sqlite3_reset(x->get_row);
    return i;
}

static void S_hmap_grow(S_ix *x)
{
    size_t nsz = x->hmask ? 2 * (x->hmask + 1) : 4096;
    free(x->hmap);
    x->hmap = concord_xcalloc(nsz, sizeof *x->hmap);
    x->hmask = nsz - 1;
    for (size_t i = 0; i < x->nh; i++) {
        size_t at = (size_t)(x->h[i].h * 0x9e3779b97f4a7c15ull >> 17) & x->hmask;
        while (x->hmap[at])
            at = (at + 1) & x->hmask;
        x->hmap[at] = (uint32_t)(i + 1);
    }
}

/* The shingle h with its postings, read from the index on first use. */
static S_shingle *S_shingle_of(S_ix *x, uint64_t h)
{
    if (2 * (x->nh + 1) > x->hmask + 1)
        S_hmap_grow(x);
    size_t at = (size_t)(h * 0x9e3779b97f4a7c15ull >> 17) & x->hmask;
    while (x->hmap[at]) {
        if (x->h[x->hmap[at] - 1].h == h)
            return &x->h[x->hmap[at] - 1];
        at = (at + 1) & x->hmask;
    }
    CONCORD_GROW(x->h, x->cap_h, x->nh + 1);
    S_shingle *e = &x->h[x->nh];
    memset(e, 0, sizeof *e);
    e->h = h;
    x->hmap[at] = (uint32_t)(x->nh + 1);
    x->nh++;
    sqlite3_bind_int64(x->get_sh, 1, (sqlite3_int64)h);
    int rc = sqlite3_step(x->get_sh);
    if (rc == SQLITE_ROW) {
        const unsigned char *p = sqlite3_column_blob(x->get_sh, 0);
        size_t len = (size_t)sqlite3_column_bytes(x->get_sh, 0);
        /* copy first: the look-ups of rowids step another statement */
        unsigned char *copy = concord_xmalloc(len + 1);
        if (len)
            memcpy(copy, p, len);
        sqlite3_reset(x->get_sh);
        uint64_t prev = 0, row;
        for (size_t i = 0; i < len && (row = S_posts_next(copy, len, &i, &prev)) != 0;) {
            /* a rowid no story has: a damaged index, the posting is dropped */
            uint32_t si = S_story_of_row(x, row);
            if (si == UINT32_MAX)
                continue;
            e = &x->h[x->nh - 1];
            CONCORD_GROW(e->posts, e->cap, e->n + 1);
            e->posts[e->n++] = si;
        }
        free(copy);
    } else {
        sqlite3_reset(x->get_sh);
        if (rc != SQLITE_DONE)
            x->failed = 1;
    }
    e = &x->h[x->nh - 1];
    e->n_old = e->n;
    return e;
}

static int S_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int S_has(const uint64_t *hs, size_t n, uint64_t h)
{
    return n && bsearch(&h, hs, n, sizeof *hs, S_cmp_u64) != NULL;
}

static int S_cmp_hq(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Reads story i's "first" (once): its place in the order of the full pass. */
static void S_key(S_ix *x, uint32_t i)
{
    S_story *s = &x->s[i];
    if (s->first)
        return;
    sqlite3_bind_text(x->get_first, 1, s->id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(x->get_first);
    if (rc == SQLITE_ROW) {
        const char *f = (const char *)sqlite3_column_text(x->get_first, 0);
        s->first = concord_xstrdup(f ? f : "");
    } else if (rc != SQLITE_DONE) {
        x->failed = 1;
    }
    sqlite3_reset(x->get_first);
    if (!s->first)
        s->first = concord_xstrdup("");
}

/* Reads story i's quotes and its "first" (once). */
static void S_load(S_ix *x, uint32_t i)
{
    if (x->s[i].loaded)
        return;
    x->s[i].loaded = 1;
    char *doc = NULL;
    int rc = concord_store_get_story(x->st, x->s[i].id, &doc);
    if (rc < 0) {
        x->failed = 1;
        free(doc);
        return;
    }
    S_story *s = &x->s[i];
    s->exists = rc == 0 && doc;
    concord_json *j = s->exists ? concord__story_quotes_json(doc, strlen(doc)) : NULL;
    free(doc);
    s->q = concord_quotes_from_json(j);
    s->n_quotes = s->q->n_quotes;
    concord_json_free(j);
    size_t nq = s->q->n_quotes;
    s->qh = concord_xcalloc(nq ? nq : 1, sizeof *s->qh);
    s->nqh = concord_xcalloc(nq ? nq : 1, sizeof *s->nqh);
    for (size_t k = 0; k < nq; k++) {
        if (s->q->quotes[k].kind != CONCORD_QUOTE_FULL)
            continue;
        s->nqh[k] = concord__quote_shingles(s->q->quotes[k].text, &s->qh[k]);
        if (s->nqh[k] > 1)
            qsort(s->qh[k], s->nqh[k], sizeof *s->qh[k], S_cmp_u64);
        s->nhq += s->nqh[k];
    }
    s->hq = concord_xmalloc((s->nhq ? s->nhq : 1) * sizeof *s->hq);
    size_t at = 0;
    for (size_t k = 0; k < nq; k++)
        for (size_t t = 0; t < s->nqh[k]; t++) {
            s->hq[at][0] = s->qh[k][t];
            s->hq[at++][1] = k;
        }
    if (s->nhq > 1)
        qsort(s->hq, s->nhq, sizeof *s->hq, S_cmp_hq);
    S_key(x, i);
}

/* Story a before story b in the order the full pass reads the stories. */
static int S_before(const S_ix *x, uint32_t a, uint32_t b)
{
    int c = strcmp(x->s[a].first, x->s[b].first);
    if (!c)
        c = strcmp(x->s[a].id, x->s[b].id);
    return c < 0;
}

static void S_post_add(S_shingle *e, uint32_t story)
{
    CONCORD_GROW(e->posts, e->cap, e->n + 1);
    e->posts[e->n++] = story;
    e->changed = 1;
}

static void S_post_remove(S_shingle *e, uint32_t story)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->posts[i] == story) {
            e->posts[i] = e->posts[--e->n];
            e->changed = 1;
            return;
        }
}

typedef struct {
    uint32_t qx, other, qo;
} S_cand;

static int S_cmp_cand(const void *a, const void *b)
{
    const S_cand *x = a, *y = b;
    if (x->qx != y->qx)
        return x->qx < y->qx ? -1 : 1;
    if (x->other != y->other)
        return x->other < y->other ? -1 : 1;
    return x->qo < y->qo ? -1 : x->qo > y->qo;
}

/* A link of story x, in the global order of the full pass. */
typedef struct {
    const S_ix *x;
    concord_quote_link l; /* story_a/b: story indexes of the pass */
} S_olink;

static int S_cmp_olink(const void *pa, const void *pb)
{
    const S_olink *a = pa, *b = pb;
    const S_ix *x = a->x;
    if (a->l.story_a != b->l.story_a)
        return S_before(x, (uint32_t)a->l.story_a, (uint32_t)b->l.story_a) ? -1 : 1;
    if (a->l.quote_a != b->l.quote_a)
        return a->l.quote_a < b->l.quote_a ? -1 : 1;
    if (a->l.story_b != b->l.story_b)
        return S_before(x, (uint32_t)a->l.story_b, (uint32_t)b->l.story_b) ? -1 : 1;
    return a->l.quote_b < b->l.quote_b ? -1 : a->l.quote_b > b->l.quote_b;
}

static size_t S_pair_slot(const S_ix *x, uint64_t a, uint64_t b)
{
    /* the high bits of the products: their low bits see only the low bits
     * of the keys (the quote numbers) */
    uint64_t m = (a * 0x9e3779b97f4a7c15ull) ^ (b * 0xc2b2ae3d27d4eb4full);
    m ^= m >> 31;
    m *= 0xff51afd7ed558ccdull;
    m ^= m >> 33;
    size_t at = (size_t)m & x->pmask;
    while (x->pk[at][0] != UINT64_MAX && (x->pk[at][0] != a || x->pk[at][1] != b))
        at = (at + 1) & x->pmask;
    return at;
}

/* concord__quote_pair_links of quote qa of story sa and quote qb of story
 * sb (sa first in the pass's order), computed once per pair: a pair is met
 * from both of its stories. */
static int S_pair(S_ix *x, uint32_t sa, size_t qa, uint32_t sb, size_t qb, double *sim)
{
    uint64_t a = (uint64_t)sa << 32 | qa, b = (uint64_t)sb << 32 | qb;
    if (2 * (x->npk + 1) > x->pmask + 1) {
        size_t old = x->pmask ? x->pmask + 1 : 0, nsz = old ? 2 * old : 4096;
        uint64_t(*pk)[2] = x->pk;
        double *ps = x->psim;
        x->pk = concord_xmalloc(nsz * sizeof *x->pk);
        memset(x->pk, 0xff, nsz * sizeof *x->pk);
        x->psim = concord_xmalloc(nsz * sizeof *x->psim);
        x->pmask = nsz - 1;
        for (size_t i = 0; i < old; i++)
            if (pk[i][0] != UINT64_MAX) {
                size_t at = S_pair_slot(x, pk[i][0], pk[i][1]);
                x->pk[at][0] = pk[i][0];
                x->pk[at][1] = pk[i][1];
                x->psim[at] = ps[i];
            }
        free(pk);
        free(ps);
    }
    size_t at = S_pair_slot(x, a, b);
    if (x->pk[at][0] == UINT64_MAX) {
        double v = 0;
        int linked =
            concord__quote_pair_links(&x->s[sa].q->quotes[qa], &x->s[sb].q->quotes[qb], &v);
        x->pk[at][0] = a;
        x->pk[at][1] = b;
        x->psim[at] = linked ? v : -1.0;
        x->npk++;
    }
    *sim = x->psim[at];
    return x->psim[at] >= 0;
}

/* Story i's links to every other story, found from the postings of its
 * shingles as concord_quote_links finds them; *out in the full pass's order. */
static size_t S_links_of(S_ix *x, uint32_t i, S_olink **out)
{
    *out = NULL;
    S_load(x, i);
    S_cand *cand = NULL;
    size_t nc = 0, cc = 0;
    for (size_t k = 0; k < x->s[i].q->n_quotes && !x->failed; k++) {
        size_t nh = x->s[i].nqh[k];
        for (size_t t = 0; t < nh; t++) {
            uint64_t h = x->s[i].qh[k][t];
            if (t && h == x->s[i].qh[k][t - 1])
                continue;
            S_shingle *e = S_shingle_of(x, h);
            if (e->n > CONCORD__QUOTE_LINK_CAP)
                continue;
            size_t n_posts = e->n;
            uint32_t *posts = concord_xmalloc((n_posts ? n_posts : 1) * sizeof *posts);
            memcpy(posts, e->posts, n_posts * sizeof *posts);
            for (size_t p = 0; p < n_posts; p++) {
                uint32_t o = posts[p];
                if (o == i)
                    continue;
                S_load(x, o);
                const S_story *so = &x->s[o];
                size_t lo = 0, hi = so->nhq; /* first (h, *) */
                while (lo < hi) {
                    size_t mid = lo + (hi - lo) / 2;
                    if (so->hq[mid][0] < h)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                for (; lo < so->nhq && so->hq[lo][0] == h; lo++) {
                    CONCORD_GROW(cand, cc, nc + 1);
                    cand[nc++] = (S_cand){(uint32_t)k, o, (uint32_t)so->hq[lo][1]};
                }
            }
            free(posts);
        }
    }
    if (nc > 1)
        qsort(cand, nc, sizeof *cand, S_cmp_cand);
    S_olink *links = NULL;
    size_t nl = 0, lc = 0;
    for (size_t c = 0; c < nc; c++) {
        if (c && !S_cmp_cand(&cand[c], &cand[c - 1]))
            continue;
        uint32_t o = cand[c].other;
        int mine_first = S_before(x, i, o);
        uint32_t sa = mine_first ? i : o, sb = mine_first ? o : i;
        size_t qa = mine_first ? cand[c].qx : cand[c].qo, qb = mine_first ? cand[c].qo : cand[c].qx;
        double sim = 0;
        if (!S_pair(x, sa, qa, sb, qb, &sim))
            continue;
        CONCORD_GROW(links, lc, nl + 1);
        links[nl].x = x;
        links[nl].l = (concord_quote_link){sa, qa, sb, qb, sim};
        nl++;
    }
    free(cand);
    if (nl > 1)
        qsort(links, nl, sizeof *links, S_cmp_olink);
    *out = links;
    return nl;
}

/* The bytes [*qs, *qe) of the value of the "quotes" member of a document
 * that is a JSON object of plain keys (no escape in a key); 0 when it is not
 * one, or has no "quotes" (the caller then parses it whole). */
static int S_quotes_range(const char *doc, size_t len, size_t *qs, size_t *qe)
{
    size_t i = 0;
    int found = 0;
#define S_WS(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')
    while (i < len && S_WS(doc[i]))
        i++;
    if (i >= len || doc[i] != '{')
        return 0;
    i++;
    for (;;) {
        while (i < len && S_WS(doc[i]))
            i++;
        size_t ks = i, ke = ks + concord_json_skip(doc + ks, len - ks, 0, NULL);
        if (ke == ks || doc[ks] != '"' || memchr(doc + ks, '\\', ke - ks))
            return 0;
        i = ke;
        while (i < len && S_WS(doc[i]))
            i++;
        if (i >= len || doc[i] != ':')
            return 0;
        i++;
        size_t vs = i, vl = concord_json_skip(doc + vs, len - vs, 0, NULL);
        if (!vl)
            return 0;
        i = vs + vl;
        if (ke - ks == 8 && !memcmp(doc + ks, "\"quotes\"", 8)) {
            if (found)
                return 0; /* a repeated key: let the parser decide */
            found = 1;
            while (vs < i && S_WS(doc[vs]))
                vs++;
            *qs = vs;
            *qe = i;
        }
        while (i < len && S_WS(doc[i]))
            i++;
        if (i < len && doc[i] == ',') {
            i++;
            continue;
        }
        if (i < len && doc[i] == '}')
            break;
        return 0;
    }
#undef S_WS
    return found;
}

/* Rewrites story i's document when its "elsewhere" changed. */
static void S_rewrite(S_ix *x, uint32_t i, const S_olink *ol, size_t nl)
{
    char *doc = NULL;
    if (concord_store_get_story(x->st, x->s[i].id, &doc) != 0 || !doc) {
        free(doc);
        x->failed = 1;
        return;
    }
    /* local numbering: 0 is story i, then each partner once */
    const char **ids = concord_xcalloc(nl + 1, sizeof *ids);
    concord_quote_link *links = concord_xcalloc(nl ? nl : 1, sizeof *links);
    ids[0] = x->s[i].id;
    size_t n_ids = 1;
    for (size_t l = 0; l < nl; l++) {
        links[l] = ol[l].l;
        size_t *sides[2] = {&links[l].story_a, &links[l].story_b};
        for (int k = 0; k < 2; k++) {
            if (*sides[k] == i) {
                *sides[k] = 0;
                continue;
            }
            const char *id = x->s[*sides[k]].id;
            size_t at = 1;
            while (at < n_ids && ids[at] != id)
                at++;
            if (at == n_ids)
                ids[n_ids++] = id;
            *sides[k] = at;
        }
    }
    /* the "quotes" member alone is parsed and rewritten when the document
     * is an object of plain keys (the pipeline writes no other); the rest
     * of the document is kept as stored, which is what a parse and write of
     * it gives (concord_json_write writes the compact form emit writes) */
    size_t len = strlen(doc), qs = 0, qe = 0;
    int spliced = S_quotes_range(doc, len, &qs, &qe);
    concord_json *j = NULL;
    if (spliced) {
        concord_buf b;
        concord_buf_init(&b);
        concord_buf_adds(&b, "{\"quotes\":");
        concord_buf_add(&b, doc + qs, qe - qs);
        concord_buf_addc(&b, '}');
        j = concord_json_parse(b.data, b.len, NULL, NULL);
        concord_buf_free(&b);
    } else {
        j = concord_json_parse(doc, len, NULL, NULL);
    }
    int changed = 0;
    char *nd = concord_quotes_set_elsewhere(j, 0, links, nl, ids, &changed);
    if (changed && nd && spliced) {
        /* nd is {"quotes":[...]}: its value replaces the stored one */
        size_t nl2 = strlen(nd), pre = strlen("{\"quotes\":");
        concord_buf b;
        concord_buf_init(&b);
        concord_buf_add(&b, doc, qs);
        if (nl2 > pre + 1)
            concord_buf_add(&b, nd + pre, nl2 - pre - 1);
        concord_buf_add(&b, doc + qe, len - qe);
        free(nd);
        nd = concord_buf_detach(&b, NULL);
        concord_buf_free(&b);
    }
    /* the document alone: title, dates, counts and members are those
     * the explain stage just wrote (or unchanged since) */
    if (changed && nd && concord__store_set_story_doc(x->st, x->s[i].id, nd) < 0)
        x->failed = 1;
    free(nd);
    concord_json_free(j);
    free(doc);
    free(ids);
    free(links);
}

typedef struct {
    uint32_t *v;
    size_t n, cap;
} S_list;

static void S_push(S_list *l, uint32_t i)
{
    CONCORD_GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = i;
}

/* Story i's links are recomputed from the index. */
static void S_full(S_ix *x, uint32_t i, S_list *f)
{
    if (!x->s[i].full) {
        x->s[i].full = 1;
        S_push(f, i);
    }
}

/* Story i keeps the links of its document to stories not written, and
 * takes those of the written stories (unless it is recomputed whole). */
static void S_merge(S_ix *x, uint32_t i, S_list *m)
{
    if (!x->s[i].merge) {
        x->s[i].merge = 1;
        S_push(m, i);
    }
}

static int S_same_link(const concord_quote_link *a, const concord_quote_link *b)
{
    return a->story_a == b->story_a && a->quote_a == b->quote_a && a->story_b == b->story_b &&
           a->quote_b == b->quote_b;
}

/* 1 when quote qa of story sa and quote qb of story sb share a shingle
 * under the cap: with the counts before this pass (old) or after. */
static int S_proposed(S_ix *x, uint32_t sa, size_t qa, uint32_t sb, size_t qb, int old)
{
    const uint64_t *p = x->s[sa].qh[qa], *q = x->s[sb].qh[qb];
    size_t np = x->s[sa].nqh[qa], nq = x->s[sb].nqh[qb];
    for (size_t i = 0, j = 0; i < np && j < nq;) {
        if (p[i] < q[j]) {
            i++;
        } else if (q[j] < p[i]) {
            j++;
        } else {
            const S_shingle *e = S_shingle_of(x, p[i]);
            if ((old ? e->n_old : e->n) <= CONCORD__QUOTE_LINK_CAP)
                return 1;
            i++;
            j++;
        }
    }
    return 0;
}

/* The pairs a shingle whose count crossed the cap proposed (before or now)
 * between stories not written: a link that appears or vanishes with it
 * goes to both stories' merge lists. */
static void S_crossed(S_ix *x, size_t e, S_list *m)
{
    uint64_t h = x->h[e].h;
    size_t n = x->h[e].n;
    uint32_t *st = concord_xmalloc((n ? n : 1) * sizeof *st);
    size_t ns = 0;
    for (size_t p = 0; p < n; p++)
        if (!x->s[x->h[e].posts[p]].dirty)
            st[ns++] = x->h[e].posts[p];
    qsort(st, ns, sizeof *st, S_cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < ns; i++)
        if (!u || st[u - 1] != st[i])
            st[u++] = st[i];
    for (size_t i = 0; i < u; i++) {
        S_load(x, st[i]);
        S_key(x, st[i]);
    }
    for (size_t a = 0; a < u && !x->failed; a++)
        for (size_t b = a + 1; b < u; b++) {
            uint32_t sa = S_before(x, st[a], st[b]) ? st[a] : st[b];
            uint32_t sb = sa == st[a] ? st[b] : st[a];
            for (size_t qa = 0; qa < x->s[sa].n_quotes; qa++) {
                if (!S_has(x->s[sa].qh[qa], x->s[sa].nqh[qa], h))
                    continue;
                for (size_t qb = 0; qb < x->s[sb].n_quotes; qb++) {
                    if (!S_has(x->s[sb].qh[qb], x->s[sb].nqh[qb], h))
                        continue;
                    int was = S_proposed(x, sa, qa, sb, qb, 1);
                    int now = S_proposed(x, sa, qa, sb, qb, 0);
                    double sim = 0;
                    if (was == now || !S_pair(x, sa, qa, sb, qb, &sim))
                        continue;
                    concord_quote_link l = {sa, qa, sb, qb, sim};
                    uint32_t both[2] = {sa, sb};
                    for (int k = 0; k < 2; k++) {
                        S_story *t = &x->s[both[k]];
                        S_merge(x, both[k], m);
                        if (now) {
                            CONCORD_GROW(t->in, t->cin, t->nin + 1);
                            t->in[t->nin++] = l;
                        } else {
                            CONCORD_GROW(t->out, t->cout, t->nout + 1);
                            t->out[t->nout++] = l;
                        }
                    }
                }
            }
        }
    free(st);
}

/* The links of a story not written since the last sync, not at a crossed
 * cap, but linked (before or now) to stories written: the entries of its
 * stored "elsewhere" that name stories not written (unchanged: neither side
 * changed, no cap crossed between them), and the links the written stories
 * found to it. */
static size_t S_merged_links(S_ix *x, uint32_t i, S_olink **out)
{
    *out = NULL;
    S_olink *links = NULL;
    size_t nl = 0, cap = 0;
    char *doc = NULL;
    int rc = concord_store_get_story(x->st, x->s[i].id, &doc);
    if (rc != 0 || !doc) {
        free(doc);
        if (rc < 0)
            x->failed = 1;
        return 0;
    }
    concord_json *j = concord__story_quotes_json(doc, strlen(doc));
    free(doc);
    S_key(x, i);
    const concord_json *qs = j ? concord_json_get(j, "quotes") : NULL;
    x->s[i].exists = 1;
    x->s[i].n_quotes = qs && qs->type == CONCORD_JSON_ARRAY ? qs->len : 0;
    for (size_t k = 0; qs && qs->type == CONCORD_JSON_ARRAY && k < qs->len; k++) {
        const concord_json *ew = concord_json_get(qs->items[k], "elsewhere");
        for (size_t e = 0; ew && ew->type == CONCORD_JSON_ARRAY && e < ew->len; e++) {
            const char *sid = concord_json_get_str(ew->items[e], "story");
            double q = concord_json_get_num(ew->items[e], "quote", -1);
            if (!sid || q < 0)
                continue;
            uint32_t o = S_story_of(x, sid);
            if (x->s[o].dirty)
                continue;
            S_key(x, o);
            double sim = concord_json_get_num(ew->items[e], "similarity", 0);
            int mine_first = S_before(x, i, o);
            concord_quote_link l = mine_first ? (concord_quote_link){i, k, o, (size_t)q, sim}
                                              : (concord_quote_link){o, (size_t)q, i, k, sim};
            int gone = 0;
            for (size_t r = 0; r < x->s[i].nout && !gone; r++)
                gone = S_same_link(&x->s[i].out[r], &l);
            if (gone)
                continue;
            CONCORD_GROW(links, cap, nl + 1);
            links[nl].x = x;
            links[nl++].l = l;
        }
    }
    concord_json_free(j);
    for (size_t l = 0; l < x->s[i].nin; l++) {
        CONCORD_GROW(links, cap, nl + 1);
        links[nl].x = x;
        links[nl++].l = x->s[i].in[l];
    }
    if (nl > 1)
        qsort(links, nl, sizeof *links, S_cmp_olink);
    size_t w = 0; /* a pair a crossed cap proposes again may be there already */
    for (size_t l = 0; l < nl; l++)
        if (!w || !S_same_link(&links[w - 1].l, &links[l].l))
            links[w++] = links[l];
    *out = links;
    return w;
}

/* The statements of one incremental pass (NULL when a prepare failed). */
typedef struct {
    sqlite3_stmt *dirty, *old_hs, *old_pt, *put_hs, *get_lh, *put_lh, *del_hs, *del_pt, *put_pt,
        *put_sh, *del_sh;
} S_stmts;

/* Prepares the pass's statements (also x's own); sets x->failed when one
 * cannot be prepared. */
static void S_stmts_prepare(S_ix *x, S_stmts *q)
{
    x->get_sh = S_prep(x->db, "SELECT posts FROM quote_shingle WHERE h = ?1");
    x->get_first = S_prep(x->db, "SELECT first FROM stories WHERE story = ?1");
    q->dirty = S_prep(x->db, "SELECT story FROM quote_dirty ORDER BY story");
    q->old_hs = S_prep(x->db, "SELECT hs FROM quote_story WHERE story = ?1");
    q->old_pt = S_prep(x->db, "SELECT other FROM quote_partner WHERE story = ?1");
    x->get_row = S_prep(x->db, "SELECT story FROM quote_story WHERE rowid = ?1");
    /* an upsert, not a replace: the story keeps its rowid, which postings
     * of shingles not loaded in this pass name */
    q->put_hs = S_prep(x->db, "INSERT INTO quote_story(story, hs, links) VALUES(?1, ?2, 0)"
                              " ON CONFLICT(story) DO UPDATE SET hs = excluded.hs, links = 0"
                              " RETURNING rowid");
    q->get_lh = S_prep(x->db, "SELECT links FROM quote_story WHERE story = ?1");
    q->put_lh = S_prep(x->db, "UPDATE quote_story SET links = ?2 WHERE story = ?1");
    q->del_hs = S_prep(x->db, "DELETE FROM quote_story WHERE story = ?1");
    q->del_pt = S_prep(x->db, "DELETE FROM quote_partner WHERE story = ?1");
    q->put_pt = S_prep(x->db, "INSERT OR IGNORE INTO quote_partner(story, other) VALUES(?1, ?2)");
    q->put_sh = S_prep(x->db, "INSERT OR REPLACE INTO quote_shingle(h, posts) VALUES(?1, ?2)");
    q->del_sh = S_prep(x->db, "DELETE FROM quote_shingle WHERE h = ?1");
    x->failed = !x->get_sh || !x->get_first || !x->get_row || !q->dirty || !q->old_hs ||
                !q->old_pt || !q->put_hs || !q->del_hs || !q->del_pt || !q->put_pt || !q->put_sh ||
                !q->del_sh || !q->get_lh || !q->put_lh;
}

/* Step 1 for one story written since the last sync: its postings move from
 * its stored shingles to its current ones, its shingle list is stored, its
 * partners before this run are to be merged, and its links are recomputed
 * whole. */
static void S_resync_story(S_ix *x, S_stmts *q, uint32_t i, S_list *full, S_list *merge)
{
    S_load(x, i);
    uint64_t *oh = NULL;
    size_t no = 0;
    sqlite3_bind_text(q->old_hs, 1, x->s[i].id, -1, SQLITE_STATIC);
    if (sqlite3_step(q->old_hs) == SQLITE_ROW) {
        size_t bytes = (size_t)sqlite3_column_bytes(q->old_hs, 0);
        no = bytes / sizeof *oh;
        oh = concord_xmalloc((no ? no : 1) * sizeof *oh);
        if (no)
            memcpy(oh, sqlite3_column_blob(q->old_hs, 0), no * sizeof *oh);
    }
    sqlite3_reset(q->old_hs);
    uint64_t *nh = NULL;
    size_t nn = 0, cap = 0;
    for (size_t k = 0; k < x->s[i].q->n_quotes; k++) {
        CONCORD_GROW(nh, cap, nn + x->s[i].nqh[k] + 1);
        if (x->s[i].nqh[k])
            memcpy(nh + nn, x->s[i].qh[k], x->s[i].nqh[k] * sizeof *nh);
        nn += x->s[i].nqh[k];
    }
    if (nn > 1)
        qsort(nh, nn, sizeof *nh, S_cmp_u64);
    /* the difference of the two sorted multisets */
    size_t a = 0, b = 0;
    while (a < no || b < nn) {
        if (b >= nn || (a < no && oh[a] < nh[b]))
            S_post_remove(S_shingle_of(x, oh[a++]), i);
        else if (a >= no || nh[b] < oh[a])
            S_post_add(S_shingle_of(x, nh[b++]), i);
        else
            a++, b++;
    }
    sqlite3_stmt *w = x->s[i].exists && nn ? q->put_hs : q->del_hs;
    sqlite3_bind_text(w, 1, x->s[i].id, -1, SQLITE_STATIC);
    uint64_t row = 0;
    if (w == q->put_hs) {
        sqlite3_bind_blob(w, 2, nh, (int)(nn * sizeof *nh), SQLITE_STATIC);
        if (sqlite3_step(w) == SQLITE_ROW)
            row = (uint64_t)sqlite3_column_int64(w, 0);
        if (!row || sqlite3_step(w) != SQLITE_DONE)
            x->failed = 1;
    } else if (sqlite3_step(w) != SQLITE_DONE) {
        x->failed = 1;
    }
    sqlite3_reset(w);
    S_row_set(x, i, row); /* none when deleted: its postings all went above */
    free(oh);
    free(nh);
    /* its partners before this run */
    sqlite3_bind_text(q->old_pt, 1, x->s[i].id, -1, SQLITE_STATIC);
    while (sqlite3_step(q->old_pt) == SQLITE_ROW)
        S_merge(x, S_story_of(x, (const char *)sqlite3_column_text(q->old_pt, 0)), merge);
    sqlite3_reset(q->old_pt);
    S_full(x, i, full);
}

/* The links of the stories to relink (step 3): those in full recomputed
 * whole (a written story's new links also go to its unwritten partners),
 * then the others in merge from their stored links and the new ones.
 * work gets the stories, (*lk)[w] / (*nlk)[w] their links. */
static void S_collect_links(S_ix *x, const S_list *full, S_list *merge, S_list *work, S_olink ***lk,
                            size_t **nlk)
{
    size_t clk = 0, cnl = 0;
    for (size_t f = 0; f < full->n && !x->failed; f++) {
        uint32_t i = full->v[f];
        CONCORD_GROW(*lk, clk, work->n + 1);
        CONCORD_GROW(*nlk, cnl, work->n + 1);
        (*nlk)[work->n] = S_links_of(x, i, &(*lk)[work->n]);
        for (size_t l = 0; l < (*nlk)[work->n] && x->s[i].dirty; l++) {
            const concord_quote_link *k = &(*lk)[work->n][l].l;
            uint32_t o = (uint32_t)(k->story_a == i ? k->story_b : k->story_a);
            if (x->s[o].dirty)
                continue;
            S_merge(x, o, merge);
            CONCORD_GROW(x->s[o].in, x->s[o].cin, x->s[o].nin + 1);
            x->s[o].in[x->s[o].nin++] = *k;
        }
        S_push(work, i);
    }
    for (size_t m = 0; m < merge->n && !x->failed; m++) {
        uint32_t i = merge->v[m];
        if (x->s[i].full)
            continue;
        CONCORD_GROW(*lk, clk, work->n + 1);
        CONCORD_GROW(*nlk, cnl, work->n + 1);
        (*nlk)[work->n] = S_merged_links(x, i, &(*lk)[work->n]);
        S_push(work, i);
    }
}

/* Step 4 for one story: its partner rows, and its document when its links
 * changed (or it was written since the last sync), with the links' hash. */
static void S_write_story_links(S_ix *x, S_stmts *q, uint32_t i, const S_olink *lk, size_t nlk)
{
    sqlite3_bind_text(q->del_pt, 1, x->s[i].id, -1, SQLITE_STATIC);
    if (sqlite3_step(q->del_pt) != SQLITE_DONE)
        x->failed = 1;
    sqlite3_reset(q->del_pt);
    if (!x->s[i].exists)
        return;
    for (size_t l = 0; l < nlk && !x->failed; l++) {
        uint32_t o = (uint32_t)(lk[l].l.story_a == i ? lk[l].l.story_b : lk[l].l.story_a);
        sqlite3_bind_text(q->put_pt, 1, x->s[i].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q->put_pt, 2, x->s[o].id, -1, SQLITE_STATIC);
        if (sqlite3_step(q->put_pt) != SQLITE_DONE)
            x->failed = 1;
        sqlite3_reset(q->put_pt);
    }
    uint64_t nhash = 0, ohash = 0;
    for (size_t l = 0; l < nlk; l++) {
        const concord_quote_link *k = &lk[l].l;
        int a_side = k->story_a == i;
        nhash = S_link_mix(nhash, a_side ? k->quote_a : k->quote_b,
                           x->s[a_side ? k->story_b : k->story_a].id,
                           a_side ? k->quote_b : k->quote_a, k->similarity);
    }
    sqlite3_bind_text(q->get_lh, 1, x->s[i].id, -1, SQLITE_STATIC);
    if (sqlite3_step(q->get_lh) == SQLITE_ROW)
        ohash = (uint64_t)sqlite3_column_int64(q->get_lh, 0);
    sqlite3_reset(q->get_lh);
    /* a story not written since the last sync has the "elsewhere" of its
     * links as they were then: only a change of them rewrites it */
    if (x->s[i].n_quotes > 0 && !x->failed && (x->s[i].dirty || nhash != ohash))
        S_rewrite(x, i, lk, nlk);
    sqlite3_bind_text(q->put_lh, 1, x->s[i].id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q->put_lh, 2, (sqlite3_int64)nhash);
    if (sqlite3_step(q->put_lh) != SQLITE_DONE)
        x->failed = 1;
    sqlite3_reset(q->put_lh);
}

/* Step 5: the postings of every shingle that changed. */
static void S_write_postings(S_ix *x, S_stmts *q)
{
    concord_buf b;
    concord_buf_init(&b);
    uint64_t *rs = NULL;
    size_t crs = 0;
    for (size_t e = 0; e < x->nh && !x->failed; e++) {
        S_shingle *sh = &x->h[e];
        if (!sh->changed)
            continue;
        sqlite3_stmt *s = sh->n ? q->put_sh : q->del_sh;
        b.len = 0;
        CONCORD_GROW(rs, crs, sh->n + 1);
        size_t nr = 0;
        for (size_t p = 0; p < sh->n; p++) /* a story not in quote_story: a damaged index */
            if ((rs[nr] = x->s[sh->posts[p]].row) != 0)
                nr++;
        S_posts_pack(&b, rs, nr);
        sqlite3_bind_int64(s, 1, (sqlite3_int64)sh->h);
        if (sh->n)
            sqlite3_bind_blob(s, 2, b.data, (int)b.len, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE)
            x->failed = 1;
        sqlite3_reset(s);
    }
    free(rs);
    concord_buf_free(&b);
}

/* Frees what the pass loaded and finalizes its statements. */
static void S_ix_free(S_ix *x, S_stmts *q)
{
    for (size_t i = 0; i < x->ns; i++) {
        free(x->s[i].id);
        free(x->s[i].first);
        size_t nq = x->s[i].q ? x->s[i].q->n_quotes : 0;
        for (size_t k = 0; k < nq; k++)
            free(x->s[i].qh[k]);
        free(x->s[i].qh);
        free(x->s[i].nqh);
        free(x->s[i].hq);
        free(x->s[i].in);
        free(x->s[i].out);
        if (x->s[i].q)
            concord_quotes_free(x->s[i].q);
    }
    free(x->s);
    free(x->smap);
    free(x->rmap);
    for (size_t e = 0; e < x->nh; e++)
        free(x->h[e].posts);
    free(x->h);
    free(x->hmap);
    free(x->pk);
    free(x->psim);
    sqlite3_stmt *all[] = {x->get_sh, x->get_first, x->get_row, q->dirty,  q->old_hs,
                           q->old_pt, q->put_hs,    q->del_hs,  q->del_pt, q->put_pt,
                           q->put_sh, q->del_sh,    q->get_lh,  q->put_lh};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        sqlite3_finalize(all[k]);
}

int concord__quote_links_incr(concord_store *st, size_t *n_relinked)
{
    if (n_relinked)
        *n_relinked = 0;
    S_ix x;
    memset(&x, 0, sizeof x);
    x.st = st;
    x.db = concord_store_sqlite(st);
    S_stmts q;
    S_stmts_prepare(&x, &q);
    S_list full = {0}, merge = {0};

    /* 1. the stories written since the last sync: their shingles */
    uint32_t *dirt = NULL;
    size_t nd = 0, cd = 0;
    while (!x.failed) {
        int rc = sqlite3_step(q.dirty);
        if (rc != SQLITE_ROW) {
            x.failed = rc != SQLITE_DONE;
            break;
        }
        uint32_t i = S_story_of(&x, (const char *)sqlite3_column_text(q.dirty, 0));
        x.s[i].dirty = 1;
        CONCORD_GROW(dirt, cd, nd + 1);
        dirt[nd++] = i;
    }
    sqlite3_reset(q.dirty);
    for (size_t d = 0; d < nd && !x.failed; d++)
        S_resync_story(&x, &q, dirt[d], &full, &merge);
    /* 2. shingles that crossed the cap: the pairs they propose appear or
     * vanish, between stories of any age */
    for (size_t e = 0, n_loaded = x.nh; e < n_loaded && !x.failed; e++) {
        const S_shingle *sh = &x.h[e];
        if ((sh->n_old <= CONCORD__QUOTE_LINK_CAP) == (sh->n <= CONCORD__QUOTE_LINK_CAP))
            continue;
        S_crossed(&x, e, &merge);
    }
    /* 3. the links of the stories recomputed whole, then of the others
     * linked to written stories (before or now) */
    S_list work = {0};
    S_olink **lk = NULL;
    size_t *nlk = NULL;
    S_collect_links(&x, &full, &merge, &work, &lk, &nlk);
    size_t nw = work.n;
    /* 4. their documents and partner rows; 5. the shingles' postings */
    for (size_t w = 0; w < nw && !x.failed; w++)
        S_write_story_links(&x, &q, work.v[w], lk[w], nlk[w]);
    S_write_postings(&x, &q);
    if (!x.failed && concord__quote_index_synced(st) != 0)
        x.failed = 1;
    if (n_relinked)
        *n_relinked = nw;

    for (size_t w = 0; w < nw; w++)
        free(lk ? lk[w] : NULL);
    free(lk);
    free(nlk);
    free(work.v);
    free(full.v);
    free(merge.v);
    free(dirt);
    S_ix_free(&x, &q);
    return x.failed ? -1 : 0;
}
