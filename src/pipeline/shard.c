/* shard.c: the pipeline's stages one at a time (see concord/shard.h): the
 * input plan, unit readers, LSH buckets, items and stories as bytes.  The
 * sink (the store side) is pipeline.c's, which concord_pipeline_run uses. */
#include "concord/shard.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "concord/experimental.h"

#define S_PROBE 65536 /* bytes read to decide whether a file can be cut */

/* ------------------------------------------------------------ bytes */

static void S_put(concord_buf *b, const void *p, size_t n)
{
    concord_buf_add(b, p, n);
}

static void S_put64(concord_buf *b, uint64_t v)
{
    S_put(b, &v, sizeof v);
}

static void S_putstr(concord_buf *b, const char *s, size_t n)
{
    S_put64(b, n);
    S_put(b, s, n);
}

static void S_puts(concord_buf *b, const char *s)
{
    if (!s) {
        S_put64(b, UINT64_MAX);
        return;
    }
    S_putstr(b, s, strlen(s));
}

typedef struct {
    const unsigned char *p;
    size_t n, at;
    int bad;
} S_in;

static uint64_t S_get64(S_in *r)
{
    uint64_t v = 0;
    if (r->bad || r->n - r->at < sizeof v) {
        r->bad = 1;
        return 0;
    }
    memcpy(&v, r->p + r->at, sizeof v);
    r->at += sizeof v;
    return v;
}

/* A string as a new allocation (NULL for a NULL string, or when malformed);
 * *len gets its length. */
static char *S_getstr(S_in *r, size_t *len)
{
    uint64_t n = S_get64(r);
    if (len)
        *len = 0;
    if (r->bad || n == UINT64_MAX)
        return NULL;
    if (n > r->n - r->at) {
        r->bad = 1;
        return NULL;
    }
    char *s = concord_xstrndup((const char *)r->p + r->at, (size_t)n);
    r->at += (size_t)n;
    if (len)
        *len = (size_t)n;
    return s;
}

/* A string borrowed from the bytes: NUL-terminated in place is impossible
 * (the bytes are const), so borrowed strings are packed with their NUL. */
static const char *S_getref(S_in *r)
{
    uint64_t n = S_get64(r);
    if (r->bad || n == UINT64_MAX)
        return NULL;
    if (n == 0 || n > r->n - r->at || r->p[r->at + n - 1] != '\0') {
        r->bad = 1;
        return NULL;
    }
    const char *s = (const char *)r->p + r->at;
    r->at += (size_t)n;
    return s;
}

static void S_putref(concord_buf *b, const char *s)
{
    if (!s) {
        S_put64(b, UINT64_MAX);
        return;
    }
    S_putstr(b, s, strlen(s) + 1);
}

static char *S_nonnull(char *s)
{
    return s ? s : concord_xstrdup("");
}

/* ------------------------------------------------------------- plan */

static int S_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m)
        return 0;
    for (size_t k = 0; k < m; k++) {
        char c = s[n - m + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suffix[k])
            return 0;
    }
    return 1;
}

static int S_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether path can be cut at line starts: a plain JSON Lines file whose
 * first line (within S_PROBE bytes) is one object from '{' to '}'. */
static int S_cuttable(const char *path)
{
    if (!S_ends_with(path, ".jsonl") && !S_ends_with(path, ".ndjson"))
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    unsigned char *buf = concord_xmalloc(S_PROBE);
    ssize_t n = read(fd, buf, S_PROBE);
    close(fd);
    int ok = 0;
    if (n >= 2 && !(buf[0] == 0x1f && buf[1] == 0x8b)) {
        size_t k = 0, len = (size_t)n;
        if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
            k = 3;
        while (k < len && S_blank(buf[k]) && buf[k] != '\n')
            k++;
        const unsigned char *nl = memchr(buf + k, '\n', len - k);
        if (k < len && buf[k] == '{' && nl) {
            size_t e = (size_t)(nl - buf);
            while (e > k && S_blank(buf[e - 1]))
                e--;
            ok = e > k && buf[e - 1] == '}';
        }
    }
    free(buf);
    return ok;
}

/* The first line start at or after off in the file (size when none). */
static uint64_t S_line_start(int fd, uint64_t off, uint64_t size)
{
    if (off == 0 || off >= size)
        return off >= size ? size : 0;
    unsigned char buf[65536];
    uint64_t at = off - 1; /* the byte before a line start is '\n' */
    while (at < size) {
        ssize_t n = pread(fd, buf, sizeof buf, (off_t)at);
        if (n <= 0)
            return size;
        const unsigned char *nl = memchr(buf, '\n', (size_t)n);
        if (nl)
            return at + (uint64_t)(nl - buf) + 1;
        at += (uint64_t)n;
    }
    return size;
}

typedef struct {
    char *path;
    uint64_t size;
    int cut;
} S_file;

static void S_add_unit(concord_plan *p, size_t *cap, size_t **part_of, const char *path, int range,
                       uint64_t start, uint64_t end, uint64_t bytes, size_t part)
{
    CONCORD_GROW(p->units, *cap, p->n_units + 1);
    *part_of = concord_xrealloc(*part_of, *cap * sizeof **part_of);
    concord_unit *u = &p->units[p->n_units];
    u->path = concord_xstrdup(path);
    u->range = range;
    u->start = start;
    u->end = end;
    u->bytes = bytes;
    (*part_of)[p->n_units++] = part;
}

/* Part of a piece whose midpoint (global byte) is mid: the number of cut
 * points at or before it. */
static size_t S_part_at(uint64_t mid, uint64_t total, size_t parts)
{
    if (total == 0)
        return 0;
    long double x = (long double)mid * (long double)parts / (long double)total;
    return x >= (long double)parts ? parts - 1 : (size_t)x;
}

concord_plan *concord_plan_inputs(const char *const *inputs, size_t n_inputs, size_t parts,
                                  const char *skip_folder, concord_diag *diag)
{
    if (parts < 1)
        parts = 1;
    concord_plan *p = concord_xcalloc(1, sizeof *p);
    p->parts = parts;
    p->first = concord_xcalloc(parts + 1, sizeof *p->first);
    concord_reader *r = concord_reader_open(inputs, n_inputs, diag);
    if (skip_folder)
        concord_reader_skip_folder(r, skip_folder);
    S_file *files = NULL;
    size_t n_files = 0, cap_files = 0;
    char *path;
    while (concord_reader_next_input(r, &path)) {
        if (!strcmp(path, "-")) {
            concord_diag_report(diag, "-", 0, 0,
                                "standard input cannot be split across processes; skipped");
            p->skipped++;
            free(path);
            continue;
        }
        struct stat st;
        uint64_t size = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
        CONCORD_GROW(files, cap_files, n_files + 1);
        files[n_files].path = path;
        files[n_files].size = size;
        files[n_files].cut = size > 0 && S_cuttable(path);
        p->bytes += size;
        n_files++;
    }
    p->skipped += concord_reader_skipped(r);
    concord_reader_close(r);

    size_t cap = 0, *part_of = NULL;
    uint64_t g0 = 0, total = p->bytes;
    for (size_t k = 0; k < n_files; k++) {
        S_file *f = &files[k];
        int fd = f->cut ? open(f->path, O_RDONLY | O_CLOEXEC) : -1;
        if (fd < 0) {
            /* whole: the reader reports it if it cannot be read */
            S_add_unit(p, &cap, &part_of, f->path, 0, 0, f->size, f->size,
                       S_part_at(g0 + f->size / 2, total, parts));
        } else {
            /* cut at the line starts after the split points inside the file */
            uint64_t s = 0;
            for (size_t j = 1; j <= parts && s < f->size; j++) {
                uint64_t e = f->size;
                if (j < parts) {
                    uint64_t cut =
                        (uint64_t)((long double)total * (long double)j / (long double)parts);
                    if (cut <= g0 + s)
                        continue;
                    if (cut < g0 + f->size)
                        e = S_line_start(fd, cut - g0, f->size);
                }
                if (e <= s)
                    continue;
                S_add_unit(p, &cap, &part_of, f->path, 1, s, e, e - s,
                           S_part_at(g0 + s + (e - s) / 2, total, parts));
                s = e;
            }
            close(fd);
        }
        g0 += f->size;
        free(f->path);
    }
    free(files);
    /* runs: units are in order and their parts never decrease */
    size_t u = 0;
    for (size_t q = 0; q < parts; q++) {
        p->first[q] = u;
        while (u < p->n_units && part_of[u] <= q)
            u++;
    }
    p->first[parts] = p->n_units;
    free(part_of);
    return p;
}

void concord_plan_free(concord_plan *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->n_units; k++)
        free(p->units[k].path);
    free(p->units);
    free(p->first);
    free(p);
}

void concord_plan_pack(concord_buf *b, const concord_plan *p)
{
    S_put64(b, p->n_units);
    S_put64(b, p->parts);
    S_put64(b, p->skipped);
    S_put64(b, p->bytes);
    for (size_t k = 0; k <= p->parts; k++)
        S_put64(b, p->first[k]);
    for (size_t k = 0; k < p->n_units; k++) {
        const concord_unit *u = &p->units[k];
        S_puts(b, u->path);
        S_put64(b, (uint64_t)u->range);
        S_put64(b, u->start);
        S_put64(b, u->end);
        S_put64(b, u->bytes);
    }
}

concord_plan *concord_plan_unpack(const void *data, size_t n)
{
    S_in r = {data, n, 0, 0};
    uint64_t nu = S_get64(&r), parts = S_get64(&r);
    if (r.bad || parts < 1 || nu > n || parts > n)
        return NULL;
    concord_plan *p = concord_xcalloc(1, sizeof *p);
    p->parts = (size_t)parts;
    p->skipped = (size_t)S_get64(&r);
    p->bytes = S_get64(&r);
    p->first = concord_xcalloc(p->parts + 1, sizeof *p->first);
    for (size_t k = 0; k <= p->parts; k++) {
        p->first[k] = (size_t)S_get64(&r);
        if (p->first[k] > nu || (k && p->first[k] < p->first[k - 1]))
            r.bad = 1;
    }
    p->units = concord_xcalloc(nu ? nu : 1, sizeof *p->units);
    for (size_t k = 0; k < nu && !r.bad; k++) {
        concord_unit *u = &p->units[k];
        u->path = S_getstr(&r, NULL);
        u->range = (int)S_get64(&r);
        u->start = S_get64(&r);
        u->end = S_get64(&r);
        u->bytes = S_get64(&r);
        p->n_units = k + 1;
        if (!u->path)
            r.bad = 1;
    }
    if (r.bad || p->n_units != nu) {
        concord_plan_free(p);
        return NULL;
    }
    return p;
}

/* ------------------------------------------------------ unit readers */

struct concord_unit_input {
    concord_reader *r;
    void *map;
    size_t map_len;
};

concord_unit_input *concord_unit_open(const concord_unit *u, concord_diag *diag)
{
    concord_unit_input *in = concord_xcalloc(1, sizeof *in);
    if (!u->range) {
        const char *paths[1] = {u->path};
        in->r = concord_reader_open(paths, 1, diag);
        return in;
    }
    int fd = open(u->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || (uint64_t)st.st_size < u->end || u->end < u->start) {
        concord_diag_report(diag, u->path, 0, (long)u->start,
                            "cannot read bytes %llu..%llu: %s; skipped",
                            (unsigned long long)u->start, (unsigned long long)u->end,
                            fd < 0 ? strerror(errno) : "the file changed size");
        if (fd >= 0)
            close(fd);
        in->r = concord_reader_open(NULL, 0, diag);
        return in;
    }
    in->map_len = (size_t)u->end;
    in->map = in->map_len ? mmap(NULL, in->map_len, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    close(fd);
    if (in->map == MAP_FAILED) {
        concord_diag_report(diag, u->path, 0, 0, "cannot map: %s; skipped", strerror(errno));
        in->map = NULL;
        in->r = concord_reader_open(NULL, 0, diag);
        return in;
    }
    long line = 0;
    const char *m = in->map, *end = m + u->start;
    while (m < end && (m = memchr(m, '\n', (size_t)(end - m))) != NULL) {
        line++;
        m++;
    }
    in->r = concord_reader_open_memory(u->path, (const char *)in->map + u->start,
                                       (size_t)(u->end - u->start), CONCORD_READ_JSONL, diag);
    concord_reader_set_base(in->r, u->start, line);
    return in;
}

concord_reader *concord_unit_reader(concord_unit_input *in)
{
    return in->r;
}

void concord_unit_close(concord_unit_input *in)
{
    if (!in)
        return;
    concord_reader_close(in->r);
    if (in->map)
        munmap(in->map, in->map_len);
    free(in);
}

/* --------------------------------------------------------------- LSH */

int concord_lsh_owner(uint64_t key, uint32_t band, int parts)
{
    uint64_t h = (key ^ ((uint64_t)band * 0x9E3779B97F4A7C15ull)) * 0xff51afd7ed558ccdull;
    return parts > 1 ? (int)((h >> 17) % (uint64_t)parts) : 0;
}

static int S_entry_cmp(const void *pa, const void *pb)
{
    const concord_lsh_entry *a = pa, *b = pb;
    if (a->band != b->band)
        return a->band < b->band ? -1 : 1;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

concord_lsh_match *concord_lsh_walk(concord_lsh_entry *e, size_t n, double near_dup, int per_band,
                                    size_t *n_out)
{
    if (n)
        qsort(e, n, sizeof *e, S_entry_cmp);
    concord_lsh_match *m = NULL;
    size_t nm = 0, cap = 0;
    size_t start = 0; /* first entry of the current bucket */
    for (size_t j = 0; j < n; j++) {
        if (j == 0 || e[j].band != e[j - 1].band || e[j].key != e[j - 1].key)
            start = j;
        /* newest first among the earlier members of the bucket */
        int checks = 0;
        for (size_t k = j; k > start && checks < per_band; k--) {
            const concord_lsh_entry *c = &e[k - 1];
            if (c->order == e[j].order)
                continue;
            checks++;
            if (concord_minhash_jaccard(e[j].sig, c->sig) < near_dup)
                continue;
            CONCORD_GROW(m, cap, nm + 1);
            m[nm++] = (concord_lsh_match){e[j].order, e[j].band, c->order};
            break;
        }
    }
    *n_out = nm;
    return m;
}

uint32_t *concord_lsh_resolve(const concord_lsh_match *m, size_t n, size_t n_articles)
{
    uint32_t *cand = concord_xmalloc((n_articles ? n_articles : 1) * sizeof *cand);
    uint32_t *band = concord_xmalloc((n_articles ? n_articles : 1) * sizeof *band);
    for (size_t i = 0; i < n_articles; i++) {
        cand[i] = UINT32_MAX;
        band[i] = UINT32_MAX;
    }
    for (size_t k = 0; k < n; k++)
        if (m[k].order < n_articles && m[k].cand < m[k].order && m[k].band < band[m[k].order]) {
            band[m[k].order] = m[k].band;
            cand[m[k].order] = m[k].cand;
        }
    free(band);
    return cand;
}

/* ------------------------------------------------------------- items */

void concord_item_pack(concord_buf *b, const concord_article *a, const concord_clean *c,
                       const concord_features *f)
{
    S_puts(b, a->id);
    S_puts(b, a->source);
    S_puts(b, a->url);
    S_puts(b, a->date);
    S_puts(b, a->title);
    S_putstr(b, a->text, a->text_len);
    S_puts(b, a->origin);
    S_put64(b, (uint64_t)(int64_t)a->line);
    S_put64(b, a->bad_bytes);
    S_put64(b, c != NULL);
    if (c) {
        S_putstr(b, c->text, c->len);
        S_puts(b, c->byline);
        S_puts(b, c->dateline);
        S_puts(b, c->date);
        S_puts(b, c->outlet);
        S_put64(b, c->n_removed);
        for (size_t i = 0; i < c->n_removed; i++) {
            S_put64(b, c->removed[i].start);
            S_put64(b, c->removed[i].end);
            S_puts(b, c->removed[i].why ? c->removed[i].why : "");
        }
    }
    S_put64(b, f != NULL);
    if (f) {
        concord_buf fb;
        concord_buf_init(&fb);
        concord_features_pack(&fb, f);
        S_putstr(b, fb.data, fb.len);
        concord_buf_free(&fb);
    }
}

/* The removal list as one allocation: the array, then its why strings. */
static concord_removal *S_removals(S_in *r, size_t n)
{
    if (n > (r->n - r->at) / 24) {
        r->bad = 1;
        return NULL;
    }
    size_t *start = concord_xcalloc(n ? n : 1, sizeof *start);
    size_t *end = concord_xcalloc(n ? n : 1, sizeof *end);
    size_t *offs = concord_xcalloc(n ? n : 1, sizeof *offs);
    concord_buf whys;
    concord_buf_init(&whys);
    for (size_t i = 0; i < n && !r->bad; i++) {
        start[i] = (size_t)S_get64(r);
        end[i] = (size_t)S_get64(r);
        size_t len;
        char *why = S_getstr(r, &len);
        offs[i] = whys.len;
        concord_buf_add(&whys, why ? why : "", why ? len : 0);
        concord_buf_addc(&whys, '\0');
        free(why);
    }
    concord_removal *rm = NULL;
    if (!r->bad && n) {
        size_t head = n * sizeof *rm;
        rm = concord_xmalloc(head + whys.len);
        char *tail = (char *)rm + head;
        memcpy(tail, whys.data, whys.len);
        for (size_t i = 0; i < n; i++) {
            rm[i].start = start[i];
            rm[i].end = end[i];
            rm[i].why = tail + offs[i];
        }
    }
    concord_buf_free(&whys);
    free(start);
    free(end);
    free(offs);
    return rm;
}

size_t concord_item_unpack(const void *p, size_t n, concord_article **ap, concord_clean **cp,
                           concord_features **fp)
{
    S_in r = {p, n, 0, 0};
    *ap = NULL;
    *cp = NULL;
    *fp = NULL;
    concord_article *a = concord_xcalloc(1, sizeof *a);
    a->id = S_nonnull(S_getstr(&r, NULL));
    a->source = S_nonnull(S_getstr(&r, NULL));
    a->url = S_nonnull(S_getstr(&r, NULL));
    a->date = S_nonnull(S_getstr(&r, NULL));
    a->title = S_nonnull(S_getstr(&r, NULL));
    a->text = S_nonnull(S_getstr(&r, &a->text_len));
    a->origin = S_nonnull(S_getstr(&r, NULL));
    a->line = (long)(int64_t)S_get64(&r);
    a->bad_bytes = (size_t)S_get64(&r);
    concord_clean *c = NULL;
    if (S_get64(&r)) {
        c = concord_xcalloc(1, sizeof *c);
        c->text = S_nonnull(S_getstr(&r, &c->len));
        c->byline = S_nonnull(S_getstr(&r, NULL));
        c->dateline = S_nonnull(S_getstr(&r, NULL));
        c->date = S_nonnull(S_getstr(&r, NULL));
        c->outlet = S_nonnull(S_getstr(&r, NULL));
        c->n_removed = (size_t)S_get64(&r);
        c->removed = S_removals(&r, c->n_removed);
        if (r.bad)
            c->n_removed = 0;
    }
    concord_features *f = NULL;
    if (S_get64(&r)) {
        uint64_t len = S_get64(&r);
        if (r.bad || len > r.n - r.at) {
            r.bad = 1;
        } else {
            size_t used = 0;
            f = concord_features_unpack(r.p + r.at, (size_t)len, &used);
            if (!f || used != len)
                r.bad = 1;
            r.at += (size_t)len;
        }
    }
    if (r.bad) {
        concord_article_free(a);
        concord_clean_free(c);
        concord_features_free(f);
        return 0;
    }
    *ap = a;
    *cp = c;
    *fp = f;
    return r.at;
}

/* ----------------------------------------------------- stories as bytes */

void concord_story_spec_pack(concord_buf *b, const concord_story_spec *sp)
{
    S_putref(b, sp->id);
    S_putref(b, sp->rep);
    S_put64(b, sp->n);
    for (size_t i = 0; i < sp->n; i++) {
        S_putref(b, sp->members[i]);
        S_putref(b, sp->dup_of ? sp->dup_of[i] : NULL);
    }
}

size_t concord_story_spec_unpack(const void *p, size_t n, concord_story_spec *sp)
{
    S_in r = {p, n, 0, 0};
    memset(sp, 0, sizeof *sp);
    sp->id = S_getref(&r);
    sp->rep = S_getref(&r);
    uint64_t m = S_get64(&r);
    if (r.bad || !sp->id || m > (n - r.at) / 16)
        return 0;
    sp->n = (size_t)m;
    sp->members = concord_xcalloc(m ? m : 1, sizeof *sp->members);
    sp->dup_of = concord_xcalloc(m ? m : 1, sizeof *sp->dup_of);
    for (size_t i = 0; i < m && !r.bad; i++) {
        sp->members[i] = S_getref(&r);
        sp->dup_of[i] = S_getref(&r);
        if (!sp->members[i])
            r.bad = 1;
    }
    if (r.bad) {
        concord_story_spec_free(sp);
        return 0;
    }
    return r.at;
}

void concord_story_result_pack(concord_buf *b, const concord_story_result *o)
{
    S_puts(b, o->doc);
    S_puts(b, o->title);
    S_puts(b, o->first);
    S_puts(b, o->last);
    S_put64(b, o->n_sources);
    S_put64(b, (uint64_t)o->has_conflict);
    S_put64(b, o->n_ids);
    for (size_t i = 0; i < o->n_ids; i++)
        S_puts(b, o->ids[i]);
    S_puts(b, o->speakers);
    S_puts(b, o->outlets);
    S_put64(b, o->read_errors);
}

size_t concord_story_result_unpack(const void *p, size_t n, concord_story_result *o)
{
    S_in r = {p, n, 0, 0};
    memset(o, 0, sizeof *o);
    o->doc = S_nonnull(S_getstr(&r, NULL));
    o->title = S_nonnull(S_getstr(&r, NULL));
    o->first = S_nonnull(S_getstr(&r, NULL));
    o->last = S_nonnull(S_getstr(&r, NULL));
    o->n_sources = (size_t)S_get64(&r);
    o->has_conflict = (int)S_get64(&r);
    uint64_t m = S_get64(&r);
    if (r.bad || m > (n - r.at) / 8) {
        concord_story_result_free(o);
        return 0;
    }
    o->ids = concord_xcalloc(m ? m : 1, sizeof *o->ids);
    for (size_t i = 0; i < m; i++) {
        o->ids[i] = S_nonnull(S_getstr(&r, NULL));
        o->n_ids = i + 1;
    }
    o->speakers = S_getstr(&r, NULL);
    o->outlets = S_getstr(&r, NULL);
    o->read_errors = (size_t)S_get64(&r);
    if (r.bad) {
        concord_story_result_free(o);
        return 0;
    }
    return r.at;
}
