/* concord-mpi: `concord analyze` and `concord dedup` spread over MPI ranks,
 * with the output of one process (doc/mpi.md).  Started by mpirun / srun.
 *
 * Data flow (rank 0 is also a worker):
 *   plan     rank 0 walks the inputs and cuts them into units (files, byte
 *            ranges of big JSON Lines files at line starts), one contiguous
 *            run per rank of about equal bytes; broadcast.
 *   ingest   every rank reads, cleans, analyzes its run and computes the
 *            grouping features; rank 0 stores its own items as it goes, the
 *            others spool theirs (article, cleaning, features as bytes) to a
 *            temporary file, then stream it to rank 0 in rank order, so rank 0
 *            stores articles in the order one process reads them.
 *   dedup    near-duplicate candidates: every rank sends the LSH band keys of
 *            its articles to the rank owning that bucket (MPI_Alltoallv); the
 *            owners find the candidate pairs (doc/mpi.md).
 *   group    rank 0 groups on the gathered features (the grouper's own pass,
 *            in date order: the same stories and ids as one process).
 *   explain  stories are dealt to ranks by size (largest first, to the least
 *            loaded rank; rank 0 starts with its serial work as load); each
 *            rank reads its stories' members from the store file, a
 *            snapshot that stays unchanged until rank 0 commits (opened
 *            immutable: any host of a shared file system), and sends back
 *            the story documents; rank 0 stores them and writes the outputs.
 * Rank 0's store side is the library's sink (concord/shard.h), the one
 * concord_pipeline_run uses: the store is built beside the target
 * (DB.concord-new) and put in its place at the end, so a run that dies
 * leaves the previous store and outputs as they were.
 *
 * Any MPI failure prints the rank and the MPI message and aborts the job
 * (MPI_Abort); bad input is reported by the rank that reads it, with file,
 * line and offset, and the run goes on. */
#include <mpi.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"
#include "concord/shard.h"

enum { EXIT_OK_ = 0, EXIT_ERROR = 1, EXIT_USAGE = 2, EXIT_INPUT_SKIPPED = 3 };
#define EXIT_ERROR_SIGNAL 1

#define S_MSG_BYTES (8u << 20) /* records per message, about */
#define S_PIECE (1u << 30)     /* largest single MPI transfer (int counts) */
#define TAG_ITEMS 11
#define TAG_SPECS 12
#define TAG_RESULTS 13

static int S_rank, S_size;

/* Rank 0: files of an unfinished run, removed when the job is stopped (the
 * store and outputs of the previous run are untouched until the end). */
#define S_MAX_CLEANUP 6
static char S_cleanup[S_MAX_CLEANUP][4096];
static volatile sig_atomic_t S_n_cleanup;

static void S_cleanup_now(void)
{
    for (int i = 0; i < S_n_cleanup; i++)
        unlink(S_cleanup[i]);
}

static void S_on_signal(int sig)
{
    static const char msg[] = "concord-mpi: rank 0: the job was stopped; the store and outputs "
                              "are left as they were before this run\n";
    (void)sig;
    S_cleanup_now();
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(EXIT_ERROR_SIGNAL);
    _exit(EXIT_ERROR_SIGNAL);
}

static void S_cleanup_add(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (S_n_cleanup >= S_MAX_CLEANUP || la + lb >= sizeof S_cleanup[0])
        return;
    memcpy(S_cleanup[S_n_cleanup], a, la);
    memcpy(S_cleanup[S_n_cleanup] + la, b, lb + 1);
    S_n_cleanup++;
}

/* The store being built (beside the target); the outputs' temporary files
 * (concord/outfile.h) are swept by the next run. */
static void S_cleanup_arm(const char *db_work)
{
    S_cleanup_add(db_work, "");
    S_cleanup_add(db_work, "-wal");
    S_cleanup_add(db_work, "-shm");
    S_cleanup_add(db_work, "-journal");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void S_cleanup_disarm(void)
{
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    S_n_cleanup = 0;
}

static void S_abort(void)
{
    if (S_rank == 0)
        S_cleanup_now();
    MPI_Abort(MPI_COMM_WORLD, EXIT_ERROR);
}

typedef struct {
    const char **inputs;
    size_t n_inputs;
    const char *out, *db;
    int threads, quiet, no_report, stats;
} S_args;

/* Per-rank figures, gathered at rank 0 for --stats. */
typedef struct {
    double wall_ingest, cpu_ingest;   /* read, clean, analyze, features (+ rank 0: store) */
    double wall_ship, cpu_ship;       /* spooled items to rank 0 (rank 0: receive + store) */
    double wall_dedup, cpu_dedup;     /* LSH band exchange */
    double wall_group, cpu_group;     /* rank 0 only */
    double wall_explain, cpu_explain; /* own stories */
    double wall_write, cpu_write;     /* rank 0: others' stories stored, state, outputs */
    double wall_total, cpu_total;
    double bytes_sent, bytes_recv;
    double articles, stories, story_members;
    double maxrss_kb;
} S_figures;

static S_figures S_fig;

static double S_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double S_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ------------------------------------------------------------ MPI helpers */

static void S_check(int rc, const char *what)
{
    if (rc == MPI_SUCCESS)
        return;
    char msg[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, msg, &len);
    fprintf(stderr, "concord-mpi: rank %d: %s failed: %s; stopping the job\n", S_rank, what, msg);
    S_abort();
}

/* Waits for r without spinning: MPI implementations poll a blocking call
 * at full speed, which steals a core from the ranks still working when
 * ranks share cores (and inflates every CPU figure). */
static void S_polite(MPI_Request *r, const char *what)
{
    for (;;) {
        int done = 0;
        S_check(MPI_Test(r, &done, MPI_STATUS_IGNORE), what);
        if (done)
            return;
        struct timespec ts = {0, 2000000}; /* 2 ms */
        nanosleep(&ts, NULL);
    }
}

#define TAG_GO 14

/* Rank q > 0 waits (politely) until rank 0 is ready to receive from it. */
static void S_wait_go(void)
{
    int go = 0;
    MPI_Request r;
    S_check(MPI_Irecv(&go, 1, MPI_INT, 0, TAG_GO, MPI_COMM_WORLD, &r), "MPI_Irecv");
    S_polite(&r, "MPI_Irecv");
}

static void S_send_go(int q)
{
    int go = 1;
    S_check(MPI_Send(&go, 1, MPI_INT, q, TAG_GO, MPI_COMM_WORLD), "MPI_Send");
}

static void S_send(const void *p, size_t n, int dest, int tag)
{
    uint64_t len = n;
    S_check(MPI_Send(&len, 1, MPI_UINT64_T, dest, tag, MPI_COMM_WORLD), "MPI_Send");
    for (size_t at = 0; at < n; at += S_PIECE) {
        size_t k = n - at < S_PIECE ? n - at : S_PIECE;
        S_check(MPI_Send((const char *)p + at, (int)k, MPI_BYTE, dest, tag, MPI_COMM_WORLD),
                "MPI_Send");
    }
    S_fig.bytes_sent += (double)n + sizeof len;
}

/* Receives one message sent by S_send (caller frees; NULL when empty). */
static void *S_recv(int src, int tag, size_t *n)
{
    uint64_t len = 0;
    MPI_Request r; /* the sender may still be working: wait without spinning */
    S_check(MPI_Irecv(&len, 1, MPI_UINT64_T, src, tag, MPI_COMM_WORLD, &r), "MPI_Irecv");
    S_polite(&r, "MPI_Irecv");
    *n = (size_t)len;
    if (!len)
        return NULL;
    char *p = concord_xmalloc((size_t)len);
    for (size_t at = 0; at < len; at += S_PIECE) {
        size_t k = len - at < S_PIECE ? len - at : S_PIECE;
        S_check(MPI_Recv(p + at, (int)k, MPI_BYTE, src, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                "MPI_Recv");
    }
    S_fig.bytes_recv += (double)len + sizeof len;
    return p;
}

/* Broadcasts rank 0's bytes; returns a copy on every rank (caller frees). */
static void *S_bcast(const void *p, size_t n0, size_t *n)
{
    uint64_t len = n0;
    MPI_Request r;
    S_check(MPI_Ibcast(&len, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD, &r), "MPI_Ibcast");
    S_polite(&r, "MPI_Ibcast");
    char *q = concord_xmalloc(len ? (size_t)len : 1);
    if (S_rank == 0 && len)
        memcpy(q, p, (size_t)len);
    for (size_t at = 0; at < len; at += S_PIECE) {
        size_t k = len - at < S_PIECE ? len - at : S_PIECE;
        S_check(MPI_Bcast(q + at, (int)k, MPI_BYTE, 0, MPI_COMM_WORLD), "MPI_Bcast");
    }
    *n = (size_t)len;
    return q;
}

static int S_bcast_int(int v)
{
    MPI_Request r;
    S_check(MPI_Ibcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD, &r), "MPI_Ibcast");
    S_polite(&r, "MPI_Ibcast");
    return v;
}

static uint64_t S_sum(uint64_t v)
{
    uint64_t out = 0;
    MPI_Request r;
    S_check(MPI_Iallreduce(&v, &out, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD, &r),
            "MPI_Iallreduce");
    S_polite(&r, "MPI_Iallreduce");
    return out;
}

/* --------------------------------------------------------------- spool */

/* Records of other ranks go through a temporary file (memory stays flat),
 * then to rank 0 in messages of whole records. */
typedef struct {
    FILE *f;
    concord_buf rec;
} S_spool;

static void S_spool_put(S_spool *s, const concord_buf *rec)
{
    uint64_t len = rec->len;
    if (fwrite(&len, sizeof len, 1, s->f) != 1 ||
        fwrite(rec->data, 1, rec->len, s->f) != rec->len) {
        fprintf(stderr, "concord-mpi: rank %d: cannot write the temporary spool file: %s\n", S_rank,
                strerror(errno));
        S_abort();
    }
}

/* Streams the spool to rank 0: messages of whole [u64 length, record]
 * entries, then an empty message. */
static void S_spool_ship(S_spool *s)
{
    fflush(s->f);
    rewind(s->f);
    S_wait_go();
    concord_buf msg;
    concord_buf_init(&msg);
    uint64_t len;
    while (fread(&len, sizeof len, 1, s->f) == 1) {
        concord_buf_add(&msg, &len, sizeof len);
        char *tmp = concord_xmalloc(len ? (size_t)len : 1);
        if (fread(tmp, 1, (size_t)len, s->f) != len) {
            fprintf(stderr, "concord-mpi: rank %d: the temporary spool file is short\n", S_rank);
            S_abort();
        }
        concord_buf_add(&msg, tmp, (size_t)len);
        free(tmp);
        if (msg.len >= S_MSG_BYTES) {
            S_send(msg.data, msg.len, 0, TAG_ITEMS);
            concord_buf_clear(&msg);
        }
    }
    if (msg.len)
        S_send(msg.data, msg.len, 0, TAG_ITEMS);
    S_send(NULL, 0, 0, TAG_ITEMS);
    concord_buf_free(&msg);
    fclose(s->f);
    s->f = NULL;
}

/* Calls fn on every record rank src ships. */
static void S_receive(int src, void (*fn)(const void *p, size_t n, void *ctx), void *ctx)
{
    for (;;) {
        size_t n;
        char *m = S_recv(src, TAG_ITEMS, &n);
        if (!m)
            return;
        size_t at = 0;
        while (at + sizeof(uint64_t) <= n) {
            uint64_t len;
            memcpy(&len, m + at, sizeof len);
            at += sizeof len;
            if (len > n - at)
                break;
            fn(m + at, (size_t)len, ctx);
            at += (size_t)len;
        }
        if (at != n) {
            fprintf(stderr, "concord-mpi: rank 0: malformed message from rank %d\n", src);
            S_abort();
        }
        free(m);
    }
}

/* ---------------------------------------------------------------- ingest */

typedef struct {
    const concord_features *f;
    uint32_t rank;
    uint64_t local;
    uint64_t seq; /* the later of two entries with one address is the live one */
} S_origin;

typedef struct {
    concord_sink *sink; /* rank 0 of analyze */
    concord_grouper *g; /* rank 0 of dedup */
    S_spool spool;      /* other ranks */
    int features_only;  /* dedup: ship features, not articles */
    int failed;         /* rank 0: the store failed; the rest is drained */
    uint64_t skipped, bytes;
    /* every rank: the signatures of the articles it read, by local index */
    uint32_t *sigs;
    unsigned char *has_sig;
    size_t n_local, cap_local, cap_has;
    /* rank 0: who read each feature handed to the grouper */
    S_origin *origins;
    size_t n_origins, cap_origins;
    size_t recv_local; /* rank 0: records received so far from the current rank */
    int recv_rank;
} S_ingest;

/* Rank 0: f goes to the grouper; remember who read it (LSH exchange).  A
 * features object the grouper drops later (an id read again) is freed, and
 * its address may come back: the later entry wins. */
static void S_note_origin(S_ingest *in, const concord_features *f, int rank, size_t local)
{
    CONCORD_GROW(in->origins, in->cap_origins, in->n_origins + 1);
    in->origins[in->n_origins] = (S_origin){f, (uint32_t)rank, local, in->n_origins};
    in->n_origins++;
}

#define S_TAG_RANK_SHIFT 40 /* a sink tag: rank << 40 | index of the article at that rank */

static void S_on_grouped(void *ctx, const concord_features *f, uint64_t tag)
{
    S_note_origin(ctx, f, (int)(tag >> S_TAG_RANK_SHIFT),
                  (size_t)(tag & ((1ull << S_TAG_RANK_SHIFT) - 1)));
}

static void S_take(S_ingest *in, concord_article *a, concord_clean *c, concord_features *f,
                   int rank, size_t local)
{
    S_fig.articles++;
    if (rank == S_rank) { /* read here: keep the signature for the LSH exchange */
        size_t need = (in->n_local + 1) * CONCORD_MINHASH;
        CONCORD_GROW(in->sigs, in->cap_local, need);
        CONCORD_GROW(in->has_sig, in->cap_has, in->n_local + 1);
        const uint32_t *sig = concord_features_signature(f);
        in->has_sig[in->n_local] = sig != NULL;
        if (sig)
            memcpy(in->sigs + in->n_local * CONCORD_MINHASH, sig, CONCORD_MINHASH * sizeof *sig);
        in->n_local++;
    }
    if (S_rank == 0) {
        if (in->g) {
            S_note_origin(in, f, rank, local);
            concord_grouper_add(in->g, f);
            concord_article_free(a);
            concord_clean_free(c);
        } else if (!in->failed) {
            uint64_t tag = ((uint64_t)rank << S_TAG_RANK_SHIFT) | (uint64_t)local;
            if (concord_sink_add(in->sink, a, c, f, tag) != 0)
                in->failed = 1;
        } else {
            concord_article_free(a);
            concord_clean_free(c);
            concord_features_free(f);
        }
        return;
    }
    concord_buf_clear(&in->spool.rec);
    if (in->features_only)
        concord_features_pack(&in->spool.rec, f);
    else
        concord_item_pack(&in->spool.rec, a, c, f);
    S_spool_put(&in->spool, &in->spool.rec);
    concord_article_free(a);
    concord_clean_free(c);
    concord_features_free(f);
}

static void S_take_bytes(const void *p, size_t n, void *ctx)
{
    S_ingest *in = ctx;
    concord_article *a = NULL;
    concord_clean *c = NULL;
    concord_features *f = NULL;
    size_t used = 0;
    if (in->features_only)
        f = concord_features_unpack(p, n, &used);
    else
        used = concord_item_unpack(p, n, &a, &c, &f);
    if (used != n || (!a && !in->features_only) || !f) {
        fprintf(stderr, "concord-mpi: rank 0: malformed record from another rank\n");
        S_abort();
    }
    S_fig.articles--; /* counted by the rank that read it */
    S_take(in, a, c, f, in->recv_rank, in->recv_local++);
}

/* Reads, cleans, analyzes this rank's units. */
static void S_ingest_units(const concord_plan *plan, S_ingest *in, int threads, concord_diag *diag)
{
    concord_analyzer **az = concord_analyzers_new(threads);
    size_t cn = concord_ingest_chunk_size();
    concord_article **a = concord_xcalloc(cn, sizeof *a);
    concord_clean **c = concord_xcalloc(cn, sizeof *c);
    concord_features **f = concord_xcalloc(cn, sizeof *f);
    for (size_t u = plan->first[S_rank]; u < plan->first[S_rank + 1]; u++) {
        concord_unit_input *ui = concord_unit_open(&plan->units[u], diag);
        concord_reader *r = concord_unit_reader(ui);
        concord_ingest_stream *st = concord_ingest_stream_new(r, az, threads);
        size_t n;
        while ((n = concord_ingest_stream_next(st, a, c, f)) > 0)
            for (size_t i = 0; i < n; i++)
                S_take(in, a[i], c[i], f[i], S_rank, in->n_local);
        concord_ingest_stream_free(st);
        in->skipped += concord_reader_skipped(r);
        in->bytes += concord_reader_bytes(r);
        concord_unit_close(ui);
    }
    free(a);
    free(c);
    free(f);
    concord_analyzers_free(az, threads);
}

/* Plan at rank 0, broadcast; NULL never (an empty plan at worst). */
static concord_plan *S_plan(const S_args *args, concord_diag *diag)
{
    concord_buf b;
    concord_buf_init(&b);
    concord_plan *plan = NULL;
    if (S_rank == 0) {
        plan = concord_plan_inputs(args->inputs, args->n_inputs, (size_t)S_size, args->out, diag);
        concord_plan_pack(&b, plan);
    }
    size_t n;
    char *p = S_bcast(b.data, b.len, &n);
    concord_buf_free(&b);
    if (S_rank != 0) {
        plan = concord_plan_unpack(p, n);
        if (!plan) {
            fprintf(stderr, "concord-mpi: rank %d: malformed plan\n", S_rank);
            S_abort();
        }
    }
    free(p);
    return plan;
}

/* Ingest on every rank, then the spools to rank 0 in rank order. */
static void S_ingest_all(const concord_plan *plan, S_ingest *in, int threads, concord_diag *diag)
{
    double w0 = S_wall(), c0 = S_cpu();
    concord_buf_init(&in->spool.rec);
    if (S_rank != 0) {
        in->spool.f = tmpfile();
        if (!in->spool.f) {
            fprintf(stderr, "concord-mpi: rank %d: cannot create a temporary file: %s\n", S_rank,
                    strerror(errno));
            S_abort();
        }
    }
    S_ingest_units(plan, in, threads, diag);
    double w1 = S_wall(), c1 = S_cpu();
    if (S_rank == 0)
        for (int src = 1; src < S_size; src++) {
            in->recv_rank = src;
            in->recv_local = 0;
            S_send_go(src);
            S_receive(src, S_take_bytes, in);
        }
    else
        S_spool_ship(&in->spool);
    concord_buf_free(&in->spool.rec);
    S_fig.wall_ingest = w1 - w0;
    S_fig.cpu_ingest = c1 - c0;
    S_fig.wall_ship = S_wall() - w1;
    S_fig.cpu_ship = S_cpu() - c1;
}

/* ------------------------------------------------------------ LSH exchange */

static int S_origin_cmp(const void *pa, const void *pb)
{
    uintptr_t a = (uintptr_t)((const S_origin *)pa)->f, b = (uintptr_t)((const S_origin *)pb)->f;
    return a < b ? -1 : a > b;
}

static int S_origin_seq_cmp(const void *pa, const void *pb)
{
    const S_origin *a = pa, *b = pb;
    int c = S_origin_cmp(pa, pb);
    return c ? c : a->seq < b->seq ? -1 : a->seq > b->seq;
}

typedef struct {
    uint64_t local;
    uint64_t order;
} S_todo;

/* Near-duplicate candidates by LSH bucket: rank 0 puts the new articles in
 * the grouper's order and tells each rank the order of the articles it read;
 * every rank sends one entry per band to the bucket's owner (MPI_Alltoallv);
 * owners walk their buckets; the matches go to rank 0's grouper.  g: rank 0's
 * grouper (NULL elsewhere, or when the store failed). */
static void S_lsh_exchange(S_ingest *in, concord_grouper *g)
{
    double w0 = S_wall(), c0 = S_cpu();
    size_t n_new = 0;
    double params[2] = {0, 0};
    concord_buf *todo = NULL;
    if (S_rank == 0) {
        todo = concord_xcalloc((size_t)S_size, sizeof *todo);
        for (int q = 0; q < S_size; q++)
            concord_buf_init(&todo[q]);
        if (g) {
            n_new = concord_grouper_prepare(g);
            concord_group_params p;
            concord_grouper_get_params(g, &p);
            params[0] = p.near_dup;
            params[1] = concord_grouper_lsh_per_band();
            /* by address; of entries with one address only the last is live */
            if (in->n_origins)
                qsort(in->origins, in->n_origins, sizeof *in->origins, S_origin_seq_cmp);
            size_t w = 0;
            for (size_t k = 0; k < in->n_origins; k++) {
                if (w && in->origins[w - 1].f == in->origins[k].f)
                    w--;
                in->origins[w++] = in->origins[k];
            }
            in->n_origins = w;
            for (size_t i = 0; i < n_new; i++) {
                int lsh = 0;
                S_origin key = {concord_grouper_prepared(g, i, &lsh), 0, 0, 0};
                if (!lsh)
                    continue;
                const S_origin *o =
                    bsearch(&key, in->origins, in->n_origins, sizeof key, S_origin_cmp);
                if (!o) {
                    fprintf(stderr, "concord-mpi: rank 0: an article of unknown origin\n");
                    S_abort();
                }
                S_todo t = {o->local, i};
                concord_buf_add(&todo[o->rank], &t, sizeof t);
            }
        }
    }
    MPI_Request pr;
    S_check(MPI_Ibcast(params, 2, MPI_DOUBLE, 0, MPI_COMM_WORLD, &pr), "MPI_Ibcast");
    S_polite(&pr, "MPI_Ibcast");
    size_t mine_n = 0;
    char *mine;
    if (S_rank == 0) {
        for (int q = 1; q < S_size; q++) {
            S_send(todo[q].data, todo[q].len, q, TAG_SPECS);
            concord_buf_free(&todo[q]);
        }
        mine = concord_buf_detach(&todo[0], &mine_n);
        free(todo);
    } else {
        mine = S_recv(0, TAG_SPECS, &mine_n);
    }
    /* one entry per band to the bucket's owner */
    concord_buf *out = concord_xcalloc((size_t)S_size, sizeof *out);
    for (int q = 0; q < S_size; q++)
        concord_buf_init(&out[q]);
    for (size_t k = 0; mine && (k + 1) * sizeof(S_todo) <= mine_n; k++) {
        S_todo t;
        memcpy(&t, mine + k * sizeof t, sizeof t);
        if (t.local >= in->n_local || !in->has_sig[t.local]) {
            fprintf(stderr, "concord-mpi: rank %d: no signature for article %llu\n", S_rank,
                    (unsigned long long)t.local);
            S_abort();
        }
        concord_lsh_entry e;
        memcpy(e.sig, in->sigs + t.local * CONCORD_MINHASH, sizeof e.sig);
        e.order = (uint32_t)t.order;
        for (uint32_t b = 0; b < CONCORD_LSH_BANDS; b++) {
            e.band = b;
            e.key = concord_minhash_band_key(e.sig, (int)b);
            concord_buf_add(&out[concord_lsh_owner(e.key, b, S_size)], &e, sizeof e);
        }
    }
    free(mine);
    int *scount = concord_xcalloc((size_t)S_size, sizeof *scount);
    int *rcount = concord_xcalloc((size_t)S_size, sizeof *rcount);
    int *sdisp = concord_xcalloc((size_t)S_size, sizeof *sdisp);
    int *rdisp = concord_xcalloc((size_t)S_size, sizeof *rdisp);
    concord_buf all;
    concord_buf_init(&all);
    size_t stot = 0, rtot = 0;
    for (int q = 0; q < S_size; q++) {
        if (stot + out[q].len > (size_t)INT32_MAX) {
            fprintf(stderr,
                    "concord-mpi: rank %d: over 2 GB of LSH entries for one exchange; "
                    "use more ranks\n",
                    S_rank);
            S_abort();
        }
        sdisp[q] = (int)stot;
        scount[q] = (int)out[q].len;
        concord_buf_add(&all, out[q].data, out[q].len);
        stot += out[q].len;
        concord_buf_free(&out[q]);
    }
    free(out);
    S_check(MPI_Alltoall(scount, 1, MPI_INT, rcount, 1, MPI_INT, MPI_COMM_WORLD), "MPI_Alltoall");
    for (int q = 0; q < S_size; q++) {
        rdisp[q] = (int)rtot;
        rtot += (size_t)rcount[q];
        if (rtot > (size_t)INT32_MAX) {
            fprintf(stderr,
                    "concord-mpi: rank %d: over 2 GB of LSH entries to receive; "
                    "use more ranks\n",
                    S_rank);
            S_abort();
        }
    }
    concord_lsh_entry *recv = concord_xmalloc(rtot ? rtot : 1);
    S_check(MPI_Alltoallv(all.data ? all.data : (void *)"", scount, sdisp, MPI_BYTE, recv, rcount,
                          rdisp, MPI_BYTE, MPI_COMM_WORLD),
            "MPI_Alltoallv");
    S_fig.bytes_sent += (double)stot;
    S_fig.bytes_recv += (double)rtot;
    concord_buf_free(&all);
    size_t n_match = 0;
    concord_lsh_match *m =
        concord_lsh_walk(recv, rtot / sizeof *recv, params[0], (int)params[1], &n_match);
    free(recv);
    /* the matches to rank 0 */
    int mine_bytes = (int)(n_match * sizeof *m);
    S_check(MPI_Gather(&mine_bytes, 1, MPI_INT, rcount, 1, MPI_INT, 0, MPI_COMM_WORLD),
            "MPI_Gather");
    char *gathered = NULL;
    if (S_rank == 0) {
        rtot = 0;
        for (int q = 0; q < S_size; q++) {
            rdisp[q] = (int)rtot;
            rtot += (size_t)rcount[q];
        }
        gathered = concord_xmalloc(rtot ? rtot : 1);
    }
    S_check(MPI_Gatherv(m ? (void *)m : (void *)"", mine_bytes, MPI_BYTE, gathered, rcount, rdisp,
                        MPI_BYTE, 0, MPI_COMM_WORLD),
            "MPI_Gatherv");
    if (S_rank != 0)
        S_fig.bytes_sent += mine_bytes;
    free(m);
    if (S_rank == 0) {
        S_fig.bytes_recv += (double)rtot;
        if (g) {
            uint32_t *cand = concord_lsh_resolve((const concord_lsh_match *)(void *)gathered,
                                                 rtot / sizeof(concord_lsh_match), n_new);
            concord_grouper_set_candidates(g, cand, n_new);
            free(cand);
        }
        free(gathered);
    }
    free(scount);
    free(rcount);
    free(sdisp);
    free(rdisp);
    free(in->sigs);
    free(in->has_sig);
    free(in->origins);
    in->sigs = NULL;
    in->has_sig = NULL;
    in->origins = NULL;
    S_fig.wall_dedup = S_wall() - w0;
    S_fig.cpu_dedup = S_cpu() - c0;
}

/* ---------------------------------------------------------------- explain */

typedef struct {
    size_t story;
    size_t weight;
} S_job;

static int S_job_cmp(const void *pa, const void *pb)
{
    const S_job *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return a->story < b->story ? -1 : a->story > b->story;
}

/* Rank 0's own serial work (storing every article and story, quote links,
 * outputs), in units of explaining one story member, per article of the
 * run: measured with --stats on gva-dev x 4 (doc/mpi.md): 0.15 ms of
 * serial CPU an article without report.html, 0.29 ms with it, against
 * 0.34 ms to explain a member. */
#define S_RANK0_HEAD 0.45
#define S_RANK0_HEAD_REPORT 0.85

/* Rank 0: deals the stories to ranks, largest first to the least loaded
 * (the cost of a story grows with its members), rank 0 starting with its
 * serial work as load (head: its share of the total weight); packs each
 * rank's list. */
static void S_deal(concord_sink *sink, size_t ns, double head, concord_buf *per_rank)
{
    const concord_grouper *g = concord_sink_grouper(sink);
    S_job *jobs = concord_xcalloc(ns ? ns : 1, sizeof *jobs);
    for (size_t s = 0; s < ns; s++) {
        jobs[s].story = s;
        jobs[s].weight = concord_grouper_story_size(g, concord_sink_story(sink, s));
    }
    qsort(jobs, ns, sizeof *jobs, S_job_cmp);
    uint64_t *load = concord_xcalloc((size_t)S_size, sizeof *load);
    if (S_size > 1) {
        uint64_t total = 0;
        for (size_t s = 0; s < ns; s++)
            total += jobs[s].weight + 1;
        load[0] = (uint64_t)((double)total * head);
    }
    uint64_t *count = concord_xcalloc((size_t)S_size, sizeof *count);
    int *owner = concord_xcalloc(ns ? ns : 1, sizeof *owner);
    for (size_t k = 0; k < ns; k++) {
        int best = 0;
        for (int q = 1; q < S_size; q++)
            if (load[q] < load[best])
                best = q;
        /* weight: members, plus one for the fixed cost of a story */
        load[best] += jobs[k].weight + 1;
        count[best]++;
        owner[jobs[k].story] = best;
    }
    for (int q = 0; q < S_size; q++) {
        concord_buf_init(&per_rank[q]);
        concord_buf_add(&per_rank[q], &count[q], sizeof count[q]);
    }
    for (size_t s = 0; s < ns; s++) { /* in story order within a rank */
        concord_buf *b = &per_rank[owner[s]];
        uint64_t idx = s;
        concord_buf_add(b, &idx, sizeof idx);
        concord_story_spec sp;
        concord_story_spec_from_grouper(&sp, g, concord_sink_story(sink, s));
        concord_story_spec_pack(b, &sp);
        concord_story_spec_free(&sp);
    }
    free(owner);
    free(count);
    free(load);
    free(jobs);
}

/* Explains the stories in `specs` (S_deal's bytes); rank 0 stores them, the
 * others pack [u64 story, result] entries into out.  Returns -1 on a store
 * failure at rank 0. */
static int S_explain_list(const char *specs, size_t n, const char *db, int snapshot,
                          concord_sink *sink, concord_buf *out, concord_diag *diag)
{
    int rc = 0;
    concord_store *st =
        snapshot ? concord_store_open_snapshot(db) : concord_store_open_readonly(db);
    if (!st) {
        fprintf(stderr, "concord-mpi: rank %d: cannot open the store %s: %s\n", S_rank, db,
                concord_store_errmsg(NULL));
        S_abort();
    }
    concord_analyzer **az = concord_analyzers_new(1);
    uint64_t count = 0;
    size_t at = 0;
    if (n >= sizeof count) {
        memcpy(&count, specs, sizeof count);
        at = sizeof count;
    }
    for (uint64_t k = 0; k < count; k++) {
        uint64_t story;
        concord_story_spec sp;
        size_t used = 0;
        if (n - at >= sizeof story) {
            memcpy(&story, specs + at, sizeof story);
            at += sizeof story;
            used = concord_story_spec_unpack(specs + at, n - at, &sp);
        }
        if (!used) {
            fprintf(stderr, "concord-mpi: rank %d: malformed story list\n", S_rank);
            S_abort();
        }
        at += used;
        concord_story_result r;
        concord_explain_story(&sp, st, az[0], diag, &r);
        S_fig.stories++;
        S_fig.story_members += (double)sp.n;
        concord_story_spec_free(&sp);
        if (sink) {
            if (rc == 0 && concord_sink_put_story(sink, (size_t)story, &r) != 0)
                rc = -1;
        } else {
            concord_buf_add(out, &story, sizeof story);
            concord_story_result_pack(out, &r);
        }
        concord_story_result_free(&r);
    }
    concord_analyzers_free(az, 1);
    concord_store_close(st);
    return rc;
}

/* ------------------------------------------------------------ commands */

static void S_print_figures(const S_args *args)
{
    S_figures *all = S_rank == 0 ? concord_xcalloc((size_t)S_size, sizeof *all) : NULL;
    MPI_Request r;
    S_check(MPI_Igather(&S_fig, (int)(sizeof S_fig / sizeof(double)), MPI_DOUBLE, all,
                        (int)(sizeof S_fig / sizeof(double)), MPI_DOUBLE, 0, MPI_COMM_WORLD, &r),
            "MPI_Igather");
    S_polite(&r, "MPI_Igather");
    if (S_rank != 0 || !args->stats) {
        free(all);
        return;
    }
    fprintf(stderr,
            "concord-mpi: per rank: wall / CPU seconds (CPU = user + sys of the rank)\n"
            "rank  ingest         ship          dedup         group         explain       write"
            "         total          articles  stories(members)  sent MB  recv MB  maxrss MB\n");
    double sum_work = 0, max_work = 0;
    for (int q = 0; q < S_size; q++) {
        const S_figures *f = &all[q];
        fprintf(stderr,
                "%4d  %5.2f/%5.2f  %5.2f/%5.2f  %5.2f/%5.2f  %5.2f/%5.2f  %5.2f/%5.2f  "
                "%5.2f/%5.2f  %6.2f/%6.2f  %8.0f  %7.0f(%6.0f)  %7.1f  %7.1f  %9.1f\n",
                q, f->wall_ingest, f->cpu_ingest, f->wall_ship, f->cpu_ship, f->wall_dedup,
                f->cpu_dedup, f->wall_group, f->cpu_group, f->wall_explain, f->cpu_explain,
                f->wall_write, f->cpu_write, f->wall_total, f->cpu_total, f->articles, f->stories,
                f->story_members, f->bytes_sent / 1e6, f->bytes_recv / 1e6, f->maxrss_kb / 1024.0);
        double work = f->cpu_total;
        sum_work += work;
        if (work > max_work)
            max_work = work;
    }
    if (sum_work > 0)
        fprintf(stderr,
                "concord-mpi: load balance (CPU of the whole run): slowest rank / mean = %.2f\n",
                max_work / (sum_work / S_size));
    free(all);
}

static void S_finish_figures(double w0, double c0)
{
    S_fig.wall_total = S_wall() - w0;
    S_fig.cpu_total = S_cpu() - c0;
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        S_fig.maxrss_kb = (double)ru.ru_maxrss;
}

static int S_analyze(const S_args *args)
{
    double w0 = S_wall(), c0 = S_cpu();
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, args->quiet);
    int threads = args->threads > 0 ? args->threads : 1;
    concord_options o;
    concord_options_init(&o);
    o.outdir = args->out;
    o.db_path = args->db;
    o.threads = threads;
    o.write_report = !args->no_report;
    o.diag = diag;

    concord_plan *plan = S_plan(args, diag);
    S_ingest in;
    memset(&in, 0, sizeof in);
    int ok = 1;
    if (S_rank == 0) {
        in.sink = concord_sink_open(&o);
        if (!in.sink) {
            fprintf(stderr, "concord-mpi: %s\n", concord_pipeline_errmsg());
            ok = 0;
        } else {
            S_cleanup_arm(concord_sink_db(in.sink));
            concord_sink_set_grouped(in.sink, S_on_grouped, &in);
        }
    }
    if (!S_bcast_int(ok)) {
        concord_plan_free(plan);
        concord_diag_free(diag);
        return EXIT_ERROR;
    }
    S_ingest_all(plan, &in, threads, diag);
    /* the articles are all stored: the store file is a snapshot that every
     * rank (on any host) can read without locks while rank 0 goes on writing
     * into its WAL */
    int snapshot = 0;
    if (S_rank == 0 && !in.failed && (snapshot = concord_sink_snapshot(in.sink)) < 0)
        in.failed = 1;
    S_lsh_exchange(&in, S_rank == 0 && !in.failed ? concord_sink_grouper(in.sink) : NULL);

    /* group at rank 0; then the store path and each rank's stories */
    double wg = S_wall(), cg = S_cpu();
    size_t ns = 0;
    concord_buf *deal = NULL;
    if (S_rank == 0) {
        ok = !in.failed && concord_sink_group(in.sink, &ns) == 0;
        if (!ok)
            fprintf(stderr, "concord-mpi: %s\n", concord_pipeline_errmsg());
        else {
            deal = concord_xcalloc((size_t)S_size, sizeof *deal);
            S_deal(in.sink, ns, args->no_report ? S_RANK0_HEAD : S_RANK0_HEAD_REPORT, deal);
        }
    }
    S_fig.wall_group = S_wall() - wg;
    S_fig.cpu_group = S_cpu() - cg;
    if (!S_bcast_int(ok)) {
        concord_sink_abort(in.sink);
        concord_plan_free(plan);
        concord_diag_free(diag);
        return EXIT_ERROR;
    }
    const char *db0 = S_rank == 0 ? concord_sink_db(in.sink) : "";
    size_t dbn;
    char *db = S_bcast(db0, strlen(db0) + 1, &dbn);
    snapshot = S_bcast_int(snapshot > 0);
    double we = S_wall(), ce = S_cpu();
    char *mine;
    size_t mine_n;
    if (S_rank == 0) {
        for (int q = 1; q < S_size; q++)
            S_send(deal[q].data, deal[q].len, q, TAG_SPECS);
        mine = concord_buf_detach(&deal[0], &mine_n);
    } else {
        mine = S_recv(0, TAG_SPECS, &mine_n);
    }
    concord_buf results;
    concord_buf_init(&results);
    int store_rc = S_explain_list(mine ? mine : "", mine ? mine_n : 0, db, snapshot,
                                  S_rank == 0 ? in.sink : NULL, &results, diag);
    free(mine);
    S_fig.wall_explain = S_wall() - we;
    S_fig.cpu_explain = S_cpu() - ce;
    double ww = S_wall(), cw = S_cpu();
    if (S_rank == 0) {
        for (int q = 1; q < S_size; q++) {
            concord_buf_free(&deal[q]);
            size_t n;
            S_send_go(q);
            char *m = S_recv(q, TAG_RESULTS, &n);
            size_t at = 0;
            while (m && at + sizeof(uint64_t) <= n) {
                uint64_t story;
                memcpy(&story, m + at, sizeof story);
                at += sizeof story;
                concord_story_result r;
                size_t used = concord_story_result_unpack(m + at, n - at, &r);
                if (!used || story >= ns) {
                    fprintf(stderr, "concord-mpi: rank 0: malformed results from rank %d\n", q);
                    S_abort();
                }
                at += used;
                if (store_rc == 0 && concord_sink_put_story(in.sink, (size_t)story, &r) != 0)
                    store_rc = -1;
                concord_story_result_free(&r);
            }
            free(m);
        }
        free(deal);
    } else {
        S_wait_go();
        S_send(results.data, results.len, 0, TAG_RESULTS);
    }
    concord_buf_free(&results);
    free(db);

    /* counts over all ranks */
    uint64_t problems = S_sum(concord_diag_count(diag));
    uint64_t skipped = S_sum(in.skipped) + (S_rank == 0 ? plan->skipped : 0);
    uint64_t bytes = S_sum(in.bytes);
    (void)bytes;
    int rc = EXIT_OK_;
    if (S_rank == 0) {
        concord_run_stats st;
        memset(&st, 0, sizeof st);
        int frc = store_rc == 0 ? concord_sink_finish(in.sink, &st) : -1;
        S_cleanup_disarm();
        S_fig.wall_write = S_wall() - ww;
        S_fig.cpu_write = S_cpu() - cw;
        if (store_rc != 0) {
            fprintf(stderr, "concord-mpi: %s\n", concord_pipeline_errmsg());
            concord_sink_abort(in.sink);
        } else if (frc != 0) {
            fprintf(stderr, "concord-mpi: %s\n", concord_pipeline_errmsg());
        }
        in.sink = NULL;
        if (store_rc != 0 || frc != 0) {
            rc = EXIT_ERROR;
        } else {
            if (!args->quiet) {
                fprintf(stderr,
                        "concord-mpi: %zu articles (%zu new, %zu unchanged, %zu changed) in %zu "
                        "stories; %llu input problems; %d ranks; %.2f s\n",
                        st.articles, st.new_articles, st.same_articles, st.changed_articles,
                        st.stories, (unsigned long long)problems, S_size, S_wall() - w0);
                if (args->out)
                    fprintf(stderr, "concord-mpi: wrote %s/articles.jsonl, %s/stories.jsonl%s%s\n",
                            args->out, args->out, o.write_report ? ", report.html" : "",
                            args->db ? "" : ", concord.db");
            }
            /* a changed article is a note (news, not broken input): not counted */
            rc = problems || skipped ? EXIT_INPUT_SKIPPED : EXIT_OK_;
        }
    }
    S_finish_figures(w0, c0);
    S_print_figures(args);
    concord_plan_free(plan);
    concord_diag_free(diag);
    return S_bcast_int(rc);
}

static int S_dedup(const S_args *args)
{
    double w0 = S_wall(), c0 = S_cpu();
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, args->quiet);
    int threads = args->threads > 0 ? args->threads : 1;
    concord_plan *plan = S_plan(args, diag);
    S_ingest in;
    memset(&in, 0, sizeof in);
    in.features_only = 1;
    if (S_rank == 0) {
        in.g = concord_grouper_new();
        concord_grouper_set_threads(in.g, threads);
        concord_grouper_dedup_only(in.g, 1);
    }
    S_ingest_all(plan, &in, threads, diag);
    S_lsh_exchange(&in, in.g);
    int rc = EXIT_OK_;
    uint64_t problems = S_sum(concord_diag_count(diag));
    if (S_rank == 0) {
        double wg = S_wall(), cg = S_cpu();
        concord_grouper_run(in.g);
        S_fig.wall_group = S_wall() - wg;
        S_fig.cpu_group = S_cpu() - cg;
        if (concord_dedup_write(in.g, stdout) != 0) {
            fprintf(stderr, "concord-mpi: cannot write the output: %s\n", strerror(errno));
            rc = EXIT_ERROR;
        } else if (problems) {
            rc = EXIT_INPUT_SKIPPED;
        }
        concord_grouper_free(in.g);
    }
    S_finish_figures(w0, c0);
    S_print_figures(args);
    concord_plan_free(plan);
    concord_diag_free(diag);
    return S_bcast_int(rc);
}

static void S_usage(FILE *f)
{
    fprintf(f,
            "usage: mpirun -np N concord-mpi analyze INPUT... -o OUTDIR [--db FILE] [--threads N]\n"
            "                                [--no-report] [--quiet] [--stats]\n"
            "       mpirun -np N concord-mpi dedup INPUT... [--threads N] [--quiet] [--stats]\n\n"
            "The same job as `concord analyze` / `concord dedup`, spread over N MPI ranks,\n"
            "with the same output.  --threads: worker threads per rank (default 1);\n"
            "--stats: time, CPU, bytes exchanged and memory per rank on stderr.\n"
            "OUTDIR (and --db) must be on a file system every rank can read.\n");
}

int main(int argc, char **argv)
{
    int provided = 0;
    if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "concord-mpi: MPI_Init failed\n");
        return EXIT_ERROR;
    }
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &S_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &S_size);
    S_args a;
    memset(&a, 0, sizeof a);
    a.inputs = calloc((size_t)argc + 1, sizeof *a.inputs);
    int cmd = 0, usage = 0;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
        usage = argc < 2 ? 2 : 1;
    else if (!strcmp(argv[1], "analyze"))
        cmd = 1;
    else if (!strcmp(argv[1], "dedup"))
        cmd = 2;
    else
        usage = 2;
    for (int i = 2; i < argc && !usage; i++) {
        const char *s = argv[i];
        if ((!strcmp(s, "-o") || !strcmp(s, "--out") || !strcmp(s, "--db") ||
             !strcmp(s, "--threads")) &&
            i + 1 >= argc) {
            usage = 2;
        } else if (!strcmp(s, "-o") || !strcmp(s, "--out")) {
            a.out = argv[++i];
        } else if (!strcmp(s, "--db")) {
            a.db = argv[++i];
        } else if (!strcmp(s, "--threads")) {
            a.threads = atoi(argv[++i]);
            if (a.threads < 1)
                usage = 2;
        } else if (!strcmp(s, "--quiet") || !strcmp(s, "-q")) {
            a.quiet = 1;
        } else if (!strcmp(s, "--no-report")) {
            a.no_report = 1;
        } else if (!strcmp(s, "--stats")) {
            a.stats = 1;
        } else if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            usage = 1;
        } else if (s[0] == '-' && s[1] != '\0') {
            usage = 2;
        } else if (!strcmp(s, "-")) {
            usage = 2; /* standard input cannot be split */
        } else {
            a.inputs[a.n_inputs++] = s;
        }
    }
    if (!usage && (a.n_inputs == 0 || (cmd == 1 && !a.out)))
        usage = 2;
    int rc;
    if (usage) {
        if (S_rank == 0)
            S_usage(usage == 1 ? stdout : stderr);
        rc = usage == 1 ? EXIT_OK_ : EXIT_USAGE;
    } else {
        rc = cmd == 1 ? S_analyze(&a) : S_dedup(&a);
    }
    free(a.inputs);
    MPI_Finalize();
    return rc;
}
