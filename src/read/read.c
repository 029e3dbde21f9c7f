/* read.c: stage 1, streaming readers (see concord/read.h for the contract).
 *
 * Every input (file, .gz file, standard input, memory) goes through zlib's
 * gzread, which passes plain files through untouched, into one line buffer.
 * A JSON line is parsed in place when it fits in the buffer; the buffer grows
 * up to the record limit and a longer line is skipped while streaming to the
 * next newline, so memory stays bounded by the limit whatever the input. */
#include "concord/experimental.h"
#include "concord/read.h"
#include "concord/html.h"
#include "concord/json.h"
#include "concord/text.h"
#include "warc_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define S_BUF_INIT ((size_t)256 << 10)
#define S_SNIFF 4096
#define S_DEFAULT_MAX ((size_t)32 << 20)

enum { S_KIND_SKIP = -1, S_KIND_STDIN = 3, S_KIND_GUESS = 6 /* no known extension */ };
enum { S_OPEN_NONE, S_OPEN_LINES, S_OPEN_ARRAY, S_OPEN_WARC };

typedef struct S_frame {
    char *path;
    char **names;
    size_t n, i;
    dev_t dev;
    ino_t ino;
} S_frame;

struct S_seen_dir {
    dev_t dev;
    ino_t ino;
    int skip; /* excluded by concord_reader_skip_folder */
    char *path;
};

struct concord_reader {
    char **paths;
    size_t n_paths, next_path;
    concord_diag *diag;
    size_t max_record;
    size_t skipped;
    /* per input file, said once in a note when it ends: records without an
     * id, with a date that cannot be read, with neither title nor text */
    size_t n_noid, n_baddate, n_empty;
    long first_noid, first_baddate, first_empty;
    uint64_t bytes_done;
    S_frame *frames;
    size_t n_frames, cap_frames;
    /* every folder read so far, and folders never to read (the output
     * folder): a folder reached twice (a symlinked alias, a repeated
     * argument) is read once */
    struct S_seen_dir *seen;
    size_t n_seen, cap_seen;

    /* in-memory input */
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    int mem_kind, mem_pending, using_mem;
    char *mem_name;
    uint64_t mem_base_off; /* concord_reader_set_base: the memory is a range of a file */
    long mem_base_line;

    /* the current input */
    int open;  /* S_OPEN_* */
    char *cur; /* path: diag file and article origin */
    gzFile gz;
    int eof;
    char *buf;
    size_t cap, pos, end, scan;
    uint64_t buf_off; /* offset of buf[0] in the decompressed input */
    long line;
    size_t n_nonblank;
    size_t doc_i;            /* S_OPEN_ARRAY: elements read so far */
    uint64_t doc_line_start; /* S_OPEN_ARRAY: input offset (buf_off-based) where r->line starts */
    int doc_seq;             /* S_OPEN_ARRAY over a sequence of objects, not an array */

    /* web input */
    concord_warc *warc;           /* S_OPEN_WARC */
    concord_warc_stats warc_done; /* of closed WARC files */
    concord_read_progress_fn progress;
    void *progress_ctx;
};

static void S_report(concord_reader *r, const char *file, long line, long pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void S_report(concord_reader *r, const char *file, long line, long pos, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    concord_diag_report(r->diag, file, line, pos, "%s", msg);
}

/* ---- opening --------------------------------------------------------- */

static concord_reader *S_new(concord_diag *diag)
{
    concord_reader *r = concord_xcalloc(1, sizeof *r);
    r->diag = diag;
    r->max_record = S_DEFAULT_MAX;
    r->cap = S_BUF_INIT;
    r->buf = concord_xmalloc(r->cap + 1);
    return r;
}

concord_reader *concord_reader_open(const char *const *paths, size_t n_paths, concord_diag *diag)
{
    concord_reader *r = S_new(diag);
    r->paths = concord_xcalloc(n_paths ? n_paths : 1, sizeof *r->paths);
    for (size_t k = 0; k < n_paths; k++)
        r->paths[k] = concord_xstrdup(paths[k] ? paths[k] : "");
    r->n_paths = n_paths;
    return r;
}

concord_reader *concord_reader_open_memory(const char *name, const void *data, size_t len, int kind,
                                           concord_diag *diag)
{
    concord_reader *r = S_new(diag);
    r->mem = data ? data : (const void *)"";
    r->mem_len = data ? len : 0;
    r->mem_kind = kind;
    r->mem_pending = 1;
    r->mem_name = concord_xstrdup(name && *name ? name : "-");
    return r;
}

void concord_reader_set_base(concord_reader *r, uint64_t offset, long line)
{
    if (r && r->mem_pending) {
        r->mem_base_off = offset;
        r->mem_base_line = line;
    }
}

void concord_reader_skip_folder(concord_reader *r, const char *path)
{
    struct stat st;
    if (!r || !path || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    CONCORD_GROW(r->seen, r->cap_seen, r->n_seen + 1);
    r->seen[r->n_seen++] = (struct S_seen_dir){st.st_dev, st.st_ino, 1, concord_xstrdup(path)};
}

void concord_reader_set_max_record(concord_reader *r, size_t max_bytes)
{
    if (r)
        r->max_record = max_bytes ? max_bytes : 1;
}

size_t concord_reader_skipped(const concord_reader *r)
{
    return r ? r->skipped : 0;
}

static uint64_t S_cur_bytes(const concord_reader *r)
{
    if (r->warc)
        return concord_warc_bytes(r->warc);
    if (r->using_mem)
        return r->mem_pos;
    if (r->gz) {
        z_off_t o = gzoffset(r->gz);
        return o > 0 ? (uint64_t)o : 0;
    }
    return 0;
}

uint64_t concord_reader_bytes(const concord_reader *r)
{
    return r ? r->bytes_done + S_cur_bytes(r) : 0;
}

/* ---- names ----------------------------------------------------------- */

static int S_ends_with(const char *s, size_t n, const char *suffix)
{
    size_t m = strlen(suffix);
    if (n < m)
        return 0;
    for (size_t k = 0; k < m; k++)
        if ((char)((s[n - m + k] >= 'A' && s[n - m + k] <= 'Z') ? s[n - m + k] + 32
                                                                : s[n - m + k]) != suffix[k])
            return 0;
    return 1;
}

/* Kind of a file by its name; in_folder makes unknown extensions skipped. */
static int S_kind_of(const char *path, int in_folder)
{
    size_t n = strlen(path);
    if (S_ends_with(path, n, ".gz"))
        n -= 3;
    if (S_ends_with(path, n, ".jsonl") || S_ends_with(path, n, ".ndjson") ||
        S_ends_with(path, n, ".json"))
        return CONCORD_READ_JSONL;
    if (S_ends_with(path, n, ".txt"))
        return CONCORD_READ_TEXT;
    if (S_ends_with(path, n, ".html") || S_ends_with(path, n, ".htm") ||
        S_ends_with(path, n, ".xhtml"))
        return CONCORD_READ_HTML;
    if (S_ends_with(path, n, ".warc"))
        return CONCORD_READ_WARC;
    return in_folder ? S_KIND_SKIP : S_KIND_GUESS;
}

/* File name without directory and extension (".gz" and one more). */
static char *S_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (S_ends_with(base, n, ".gz") && n > 3)
        n -= 3;
    for (size_t k = n; k > 1; k--)
        if (base[k - 1] == '.') {
            n = k - 1;
            break;
        }
    return concord_xstrndup(base, n);
}

/* ---- folder walk ----------------------------------------------------- */

static int S_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Takes ownership of path. */
static void S_push_dir(concord_reader *r, char *path, const struct stat *st)
{
    for (size_t k = 0; k < r->n_frames; k++)
        if (r->frames[k].dev == st->st_dev && r->frames[k].ino == st->st_ino) {
            S_report(r, path, 0, 0, "symlink loop: folder already being read as %s; skipped",
                     r->frames[k].path);
            r->skipped++;
            free(path);
            return;
        }
    for (size_t k = 0; k < r->n_seen; k++)
        if (r->seen[k].dev == st->st_dev && r->seen[k].ino == st->st_ino) {
            if (r->seen[k].skip)
                concord_diag_note(r->diag, path, 0, 0, "the output folder, not read as input");
            else if (strcmp(r->seen[k].path, path))
                concord_diag_note(r->diag, path, 0, 0, "folder already read as %s; skipped",
                                  r->seen[k].path);
            else
                concord_diag_note(r->diag, path, 0, 0, "folder given twice; read once");
            free(path);
            return;
        }
    DIR *d = opendir(path);
    if (!d) {
        S_report(r, path, 0, 0, "cannot read folder: %s; skipped", strerror(errno));
        r->skipped++;
        free(path);
        return;
    }
    CONCORD_GROW(r->seen, r->cap_seen, r->n_seen + 1);
    r->seen[r->n_seen++] = (struct S_seen_dir){st->st_dev, st->st_ino, 0, concord_xstrdup(path)};
    S_frame f;
    memset(&f, 0, sizeof f);
    f.path = path;
    f.dev = st->st_dev;
    f.ino = st->st_ino;
    size_t cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", hidden files and folders */
        CONCORD_GROW(f.names, cap, f.n + 1);
        f.names[f.n++] = concord_xstrdup(e->d_name);
    }
    if (errno)
        S_report(r, path, 0, 0, "error while listing folder: %s", strerror(errno));
    closedir(d);
    if (f.n)
        qsort(f.names, f.n, sizeof *f.names, S_cmp_names);
    CONCORD_GROW(r->frames, r->cap_frames, r->n_frames + 1);
    r->frames[r->n_frames++] = f;
}

static void S_pop_dir(concord_reader *r)
{
    S_frame *f = &r->frames[--r->n_frames];
    for (size_t k = 0; k < f->n; k++)
        free(f->names[k]);
    free(f->names);
    free(f->path);
}

static char *S_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    int slash = a > 0 && dir[a - 1] != '/';
    char *p = concord_xmalloc(a + b + 2);
    memcpy(p, dir, a);
    if (slash)
        p[a++] = '/';
    memcpy(p + a, name, b + 1);
    return p;
}

/* Next input to read: sets *path (owned by caller) and *kind; 0 when done. */
static int S_next_input(concord_reader *r, char **path, int *kind)
{
    for (;;) {
        if (r->n_frames) {
            S_frame *f = &r->frames[r->n_frames - 1];
            if (f->i >= f->n) {
                S_pop_dir(r);
                continue;
            }
            const char *name = f->names[f->i++];
            char *full = S_join(f->path, name);
            struct stat st;
            if (stat(full, &st) != 0) {
                int err = errno;
                S_report(r, full, 0, 0, "%s; skipped",
                         err == ELOOP ? "symlink loop" : strerror(err));
                r->skipped++;
                free(full);
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                S_push_dir(r, full, &st);
                continue;
            }
            int k = S_kind_of(name, 1);
            if (!S_ISREG(st.st_mode) || k == S_KIND_SKIP) {
                S_report(r, full, 0, 0, "%s; skipped",
                         !S_ISREG(st.st_mode)
                             ? "not a regular file"
                             : "not an article file (.txt, .jsonl, .jsonl.gz, .ndjson, .json, "
                               ".html, .htm, .xhtml, .warc, .warc.gz)");
                r->skipped++;
                free(full);
                continue;
            }
            *path = full;
            *kind = k;
            return 1;
        }
        if (r->mem_pending) {
            r->mem_pending = 0;
            r->using_mem = 1;
            *path = concord_xstrdup(r->mem_name);
            if (r->mem_kind == CONCORD_READ_TEXT || r->mem_kind == CONCORD_READ_JSONL ||
                r->mem_kind == CONCORD_READ_HTML || r->mem_kind == CONCORD_READ_WARC)
                *kind = r->mem_kind;
            else if (strcmp(r->mem_name, "-") == 0)
                *kind = S_KIND_STDIN;
            else
                *kind = S_kind_of(r->mem_name, 0);
            return 1;
        }
        if (r->next_path >= r->n_paths)
            return 0;
        const char *p = r->paths[r->next_path++];
        if (strcmp(p, "-") == 0) {
            *path = concord_xstrdup("-");
            *kind = S_KIND_STDIN;
            return 1;
        }
        struct stat st;
        if (stat(p, &st) != 0) {
            int err = errno;
            S_report(r, p, 0, 0, "cannot read: %s; skipped",
                     err == ELOOP ? "symlink loop" : strerror(err));
            r->skipped++;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            S_push_dir(r, concord_xstrdup(p), &st);
            continue;
        }
        *path = concord_xstrdup(p);
        *kind = S_kind_of(p, 0);
        return 1;
    }
}

/* ---- the byte source ------------------------------------------------- */

/* The note on what the file's records lacked (common in scraped data, so
 * not counted as problems; one line a file, the first record's line named). */
static void S_note_lacks(concord_reader *r)
{
    if (!r->cur || (!r->n_noid && !r->n_baddate && !r->n_empty))
        return;
    concord_buf b;
    concord_buf_init(&b);
    if (r->n_noid)
        concord_buf_printf(&b,
                           "%zu record%s without an id (first on line %ld): ids made from "
                           "the content",
                           r->n_noid, r->n_noid == 1 ? "" : "s", r->first_noid);
    if (r->n_baddate)
        concord_buf_printf(&b, "%s%zu date%s that cannot be read (first on line %ld): left empty",
                           b.len ? "; " : "", r->n_baddate, r->n_baddate == 1 ? "" : "s",
                           r->first_baddate);
    if (r->n_empty)
        concord_buf_printf(&b,
                           "%s%zu record%s with neither title nor text (first on line %ld): "
                           "kept, but they join no story",
                           b.len ? "; " : "", r->n_empty, r->n_empty == 1 ? "" : "s",
                           r->first_empty);
    concord_diag_note(r->diag, r->cur, 0, 0, "%s", b.data);
    concord_buf_free(&b);
    r->n_noid = r->n_baddate = r->n_empty = 0;
}

static void S_close(concord_reader *r)
{
    S_note_lacks(r);
    if (r->open == S_OPEN_LINES && r->n_nonblank == 0 && r->cur &&
        !(r->using_mem && r->mem_base_off > 0)) {
        S_report(r, r->cur, 0, 0, "empty file (no JSON lines)");
        r->skipped++;
    }
    r->bytes_done += S_cur_bytes(r);
    if (r->warc) {
        concord_warc_stats s;
        concord_warc_get_stats(r->warc, &s);
        concord_warc_stats *t = &r->warc_done;
        t->records += s.records;
        t->articles += s.articles;
        t->skipped_request += s.skipped_request;
        t->skipped_metadata += s.skipped_metadata;
        t->skipped_warcinfo += s.skipped_warcinfo;
        t->skipped_status += s.skipped_status;
        t->skipped_type += s.skipped_type;
        t->skipped_empty += s.skipped_empty;
        t->skipped_broken += s.skipped_broken;
        t->skipped_other += s.skipped_other;
        t->resyncs += s.resyncs;
        t->html_bytes += s.html_bytes;
        r->skipped += s.skipped_broken;
        concord_warc_close(r->warc);
        r->warc = NULL;
    }
    if (r->gz)
        gzclose(r->gz);
    r->gz = NULL;
    r->using_mem = 0;
    free(r->cur);
    r->cur = NULL;
    r->open = S_OPEN_NONE;
    r->pos = r->end = r->scan = 0;
    if (r->cap > 4 * S_BUF_INIT) {
        free(r->buf);
        r->cap = S_BUF_INIT;
        r->buf = concord_xmalloc(r->cap + 1);
    }
}

/* Appends up to cap - end bytes to the buffer; sets eof at the end. */
static void S_fill(concord_reader *r)
{
    size_t room = r->cap - r->end;
    if (room == 0 || r->eof)
        return;
    if (r->using_mem) {
        size_t n = r->mem_len - r->mem_pos;
        if (n > room)
            n = room;
        memcpy(r->buf + r->end, r->mem + r->mem_pos, n);
        r->mem_pos += n;
        r->end += n;
        if (n == 0)
            r->eof = 1;
        return;
    }
    unsigned want = room > (size_t)INT_MAX ? (unsigned)INT_MAX : (unsigned)room;
    int n = gzread(r->gz, r->buf + r->end, want);
    if (n > 0) {
        r->end += (size_t)n;
        return;
    }
    r->eof = 1;
    int errnum = Z_OK;
    const char *msg = gzerror(r->gz, &errnum);
    if (n < 0 || (errnum != Z_OK && errnum != Z_STREAM_END))
        S_report(r, r->cur, 0, (long)(r->buf_off + r->end), "read error after %llu bytes: %s",
                 (unsigned long long)(r->buf_off + r->end),
                 errnum == Z_ERRNO ? strerror(errno) : msg);
}

static void S_compact(concord_reader *r)
{
    if (r->pos == 0)
        return;
    size_t have = r->end - r->pos;
    memmove(r->buf, r->buf + r->pos, have);
    r->buf_off += r->pos;
    r->scan -= r->pos;
    r->end = have;
    r->pos = 0;
    if (r->cap > 4 * S_BUF_INIT && have < S_BUF_INIT / 2) {
        r->cap = S_BUF_INIT;
        r->buf = concord_xrealloc(r->buf, r->cap + 1);
    }
}

/* Grows the buffer toward limit bytes (at least one more byte of room). */
static void S_grow(concord_reader *r, size_t limit)
{
    size_t ncap = r->cap * 2;
    if (ncap > limit)
        ncap = limit;
    if (ncap <= r->cap)
        ncap = r->cap + 1;
    r->buf = concord_xrealloc(r->buf, ncap + 1);
    r->cap = ncap;
}

/* Reads the rest of the input into the buffer, up to max_record bytes after
 * pos; returns 0 (and reports) when the input is longer than that. */
static int S_slurp(concord_reader *r)
{
    S_compact(r);
    for (;;) {
        if (r->end > r->max_record) {
            S_report(r, r->cur, 0, 0,
                     "input larger than the limit of %zu bytes (a page or record is read "
                     "whole; --max-record raises the limit); skipped",
                     r->max_record);
            r->skipped++;
            return 0;
        }
        if (r->eof)
            return 1;
        if (r->end == r->cap)
            S_grow(r, r->max_record + 1);
        S_fill(r);
    }
}

static int S_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A reason when data looks binary (or UTF-16), else NULL. */
static const char *S_binary(const unsigned char *p, size_t n, int truncated)
{
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return "UTF-16 text (convert it to UTF-8)";
    size_t bad = 0, i = 0, stop = truncated && n > 3 ? n - 3 : n;
    while (i < stop) {
        if (p[i] == 0) {
            bad++;
            i++;
        } else if (p[i] < 0x80) {
            i++;
        } else if (concord_utf8_next((const char *)p, n, &i) < 0) {
            bad++;
        }
    }
    if (bad * 10 > n && bad >= 4)
        return "binary file (many NUL bytes or invalid UTF-8)";
    return NULL;
}

/* Line (1-based) and position in line of byte at offset in data. */
static void S_locate(const char *data, size_t offset, long *line, long *pos)
{
    long ln = 1;
    size_t start = 0;
    for (size_t k = 0; k < offset; k++)
        if (data[k] == '\n') {
            ln++;
            start = k + 1;
        }
    *line = ln;
    *pos = (long)(offset - start);
}

/* ---- articles -------------------------------------------------------- */

/* Copy of a file name as valid UTF-8 (names on disk may be Latin-1). */
static char *S_name_copy(const char *s)
{
    size_t n = strlen(s);
    if (concord_utf8_valid(s, n))
        return concord_xstrdup(s);
    return concord_utf8_repair(s, n, NULL, NULL, NULL);
}

static concord_article *S_text_article(concord_reader *r, const char *data, size_t len,
                                       const char *id)
{
    size_t out_len = 0, n_bad = 0, first_bad = 0;
    char *rep = concord_utf8_repair(data, len, &out_len, &n_bad, &first_bad);
    size_t i = 0, ts = 0, te = 0, body = out_len;
    int found = 0;
    while (i < out_len && !found) {
        const char *nl = memchr(rep + i, '\n', out_len - i);
        size_t eol = nl ? (size_t)(nl - rep) : out_len;
        ts = i;
        te = eol;
        while (ts < te && S_blank((unsigned char)rep[ts]))
            ts++;
        while (te > ts && S_blank((unsigned char)rep[te - 1]))
            te--;
        if (te > ts) {
            found = 1;
            body = nl ? eol + 1 : out_len;
        }
        i = eol + 1;
    }
    if (!found) {
        S_report(r, r->cur, 0, 0, "empty file (no text)");
        r->skipped++;
        free(rep);
        return NULL;
    }
    char *title = concord_xstrndup(rep + ts, te - ts);
    concord_article *a =
        concord_article_new(id, NULL, NULL, NULL, title, rep + body, out_len - body);
    free(title);
    free(rep);
    free(a->origin);
    a->origin = S_name_copy(r->cur);
    a->bad_bytes = n_bad;
    if (n_bad) {
        long line, pos;
        S_locate(data, first_bad, &line, &pos);
        S_report(r, r->cur, line, pos,
                 "%zu invalid UTF-8 or NUL byte%s replaced (first at offset %zu of the file)",
                 n_bad, n_bad == 1 ? "" : "s", first_bad);
    }
    return a;
}

/* The only members of a JSON article that are built (see concord_json_parse_fields). */
static const char *const S_fields[] = {"id", "source", "url", "date", "title", "text", "html"};

static const char *S_type_name(concord_json_type t)
{
    switch (t) {
        case CONCORD_JSON_NULL: return "null";
        case CONCORD_JSON_FALSE:
        case CONCORD_JSON_TRUE: return "boolean";
        case CONCORD_JSON_NUMBER: return "number";
        case CONCORD_JSON_STRING: return "string";
        case CONCORD_JSON_ARRAY: return "array";
        default: return "object";
    }
}

static concord_article *S_json_article(concord_reader *r, const concord_json *obj, long line)
{
    const concord_json *idv = concord_json_get(obj, "id");
    const char *id = idv && (idv->type == CONCORD_JSON_STRING || idv->type == CONCORD_JSON_NUMBER)
                         ? idv->str
                         : NULL;
    const char *date = concord_json_get_str(obj, "date");
    char norm[11] = "";
    if (!date || !concord_date_normalize(date, strlen(date), norm))
        norm[0] = 0;
    const concord_json *text = concord_json_get(obj, "text");
    int has_text = text && text->type == CONCORD_JSON_STRING;
    const concord_json *html = concord_json_get(obj, "html");
    const char *title = concord_json_get_str(obj, "title");
    if ((!id || !*id) && !r->n_noid++)
        r->first_noid = line;
    if (date && *date && !norm[0] && !r->n_baddate++)
        r->first_baddate = line;
    if (!(title && *title) && !(has_text && text->len) &&
        !(html && html->type == CONCORD_JSON_STRING && html->len) && !r->n_empty++)
        r->first_empty = line;
    if (!has_text && html && html->type == CONCORD_JSON_STRING) {
        /* a scraper's record holding the page: extract; the record's own
         * fields win over what the page says */
        concord_html_source src;
        memset(&src, 0, sizeof src);
        src.id = id;
        src.url = concord_json_get_str(obj, "url");
        src.date = norm[0] ? norm : NULL;
        src.content_type = "text/html; charset=utf-8"; /* JSON strings are UTF-8 */
        src.origin = r->cur;
        src.line = line;
        concord_article *a = concord_html_article(html->str, html->len, &src, r->diag, NULL);
        const char *fields[] = {"source", "title"};
        char **slots[] = {&a->source, &a->title};
        for (size_t k = 0; k < 2; k++) {
            const char *v = concord_json_get_str(obj, fields[k]);
            if (v && *v) {
                free(*slots[k]);
                *slots[k] = concord_xstrdup(v);
            }
        }
        if (norm[0]) {
            free(a->date);
            a->date = concord_xstrdup(norm);
        }
        free(a->origin);
        a->origin = S_name_copy(r->cur);
        a->line = line;
        return a;
    }
    concord_article *a = concord_article_new(
        id, concord_json_get_str(obj, "source"), concord_json_get_str(obj, "url"), norm,
        concord_json_get_str(obj, "title"), has_text ? text->str : NULL, has_text ? text->len : 0);
    free(a->origin);
    a->origin = S_name_copy(r->cur);
    a->line = line;
    /* a field of the wrong type is dropped, and said (an unreadable date, a
     * missing id or an empty record are common in scraped data: counted, and
     * said once a file in a note, S_note_lacks) */
    concord_buf why;
    concord_buf_init(&why);
    for (size_t k = 0; k < sizeof S_fields / sizeof *S_fields; k++) {
        const concord_json *v = concord_json_get(obj, S_fields[k]);
        if (!v || v->type == CONCORD_JSON_NULL || v->type == CONCORD_JSON_STRING ||
            (k == 0 && v->type == CONCORD_JSON_NUMBER))
            continue;
        concord_buf_printf(
            &why, "%s\"%s\" is a%s %s, not a string (ignored)", why.len ? "; " : "", S_fields[k],
            v->type == CONCORD_JSON_ARRAY || v->type == CONCORD_JSON_OBJECT ? "n" : "",
            S_type_name(v->type));
    }
    if (why.len)
        S_report(r, r->cur, line, 0, "article %s: %s", a->id, why.data);
    concord_buf_free(&why);
    return a;
}

/* Skips the over-long line starting at pos, streaming to the next newline. */
static void S_skip_line(concord_reader *r)
{
    uint64_t start = r->buf_off + r->pos, total = 0;
    long line = ++r->line;
    for (;;) {
        const char *nl = r->pos < r->end ? memchr(r->buf + r->pos, '\n', r->end - r->pos) : NULL;
        if (nl) {
            total += (uint64_t)(nl - (r->buf + r->pos));
            r->pos = r->scan = (size_t)(nl - r->buf) + 1;
            break;
        }
        total += r->end - r->pos;
        r->buf_off += r->end;
        r->pos = r->end = r->scan = 0;
        if (r->eof)
            break;
        S_fill(r);
        if (r->end == 0 && r->eof)
            break;
    }
    r->n_nonblank++;
    r->skipped++;
    S_report(r, r->cur, line, 0,
             "line of %llu bytes (at offset %llu) is longer than the limit of %zu bytes; skipped",
             (unsigned long long)total, (unsigned long long)start, r->max_record);
}

static int S_lines_next(concord_reader *r, concord_article **out)
{
    for (;;) {
        const char *nl = r->scan < r->end ? memchr(r->buf + r->scan, '\n', r->end - r->scan) : NULL;
        size_t le;
        if (!nl) {
            size_t have = r->end - r->pos;
            if (have > r->max_record) {
                S_skip_line(r);
                continue;
            }
            if (!r->eof) {
                S_compact(r);
                if (r->end == r->cap)
                    S_grow(r, r->max_record + 1);
                r->scan = r->end;
                S_fill(r);
                continue;
            }
            if (have == 0)
                return 0;
            le = r->end;
        } else {
            le = (size_t)(nl - r->buf);
        }
        size_t ls = r->pos;
        r->pos = r->scan = nl ? le + 1 : r->end;
        long line = ++r->line;
        uint64_t off = r->buf_off + ls;
        while (le > ls && S_blank((unsigned char)r->buf[le - 1]))
            le--;
        /* ps: where the JSON starts (after the byte order mark of a file
         * concatenated into this one); positions stay relative to ls */
        size_t ps = ls;
        if (le - ls >= 3 && memcmp(r->buf + ls, "\xEF\xBB\xBF", 3) == 0)
            ps += 3;
        size_t lead = ps;
        while (lead < le && S_blank((unsigned char)r->buf[lead]))
            lead++;
        if (lead == le)
            continue; /* blank line */
        r->n_nonblank++;
        if (le - ls > r->max_record) {
            r->skipped++;
            S_report(r, r->cur, line, 0,
                     "line of %zu bytes (at offset %llu) is longer than the limit of %zu bytes; "
                     "skipped",
                     le - ls, (unsigned long long)off, r->max_record);
            continue;
        }
        concord_json_info info;
        concord_json *j = concord_json_parse_fields(
            r->buf + ps, le - ps, CONCORD_JSON_RAW_CTRL | CONCORD_JSON_NUL_TO_SPACE, S_fields,
            sizeof S_fields / sizeof *S_fields, &info);
        if (!j) {
            r->skipped++;
            size_t at = ps - ls + info.err_pos;
            S_report(r, r->cur, line, (long)at,
                     "invalid JSON: %s (byte %zu of the line, offset %llu of the file); "
                     "line skipped",
                     info.err_msg, at, (unsigned long long)(off + at));
            continue;
        }
        if (j->type != CONCORD_JSON_OBJECT) {
            r->skipped++;
            S_report(r, r->cur, line, (long)(lead - ls),
                     "not a JSON object but a%s %s (offset %llu of the file); line skipped",
                     j->type == CONCORD_JSON_ARRAY ? "n" : "", S_type_name(j->type),
                     (unsigned long long)off);
            concord_json_free(j);
            continue;
        }
        concord_article *a = S_json_article(r, j, line);
        concord_json_free(j);
        a->bad_bytes = info.bad + info.nul;
        if (a->bad_bytes) {
            size_t at = ps - ls + info.first_bad;
            S_report(r, r->cur, line, (long)at,
                     "%zu invalid UTF-8 or NUL byte%s replaced (first at byte %zu of the line, "
                     "offset %llu of the file)",
                     a->bad_bytes, a->bad_bytes == 1 ? "" : "s", at,
                     (unsigned long long)(off + at));
        }
        *out = a;
        return 1;
    }
}

/* Line and in-line position of buffer offset at, counting newlines
 * incrementally from r->scan (offsets only move forward in array mode). */
static void S_array_locate(concord_reader *r, size_t at, long *line, long *pos)
{
    for (; r->scan < at; r->scan++)
        if (r->buf[r->scan] == '\n') {
            r->line++;
            r->doc_line_start = r->buf_off + r->scan + 1;
        }
    *line = r->line;
    *pos = (long)(r->buf_off + at - r->doc_line_start);
}

/* Array mode streams: the buffer holds the current element and what follows
 * it.  S_array_more moves the unread part (from *i) to the front and reads
 * more; 0 at the end of the input. */
static int S_array_more(concord_reader *r, size_t *i, size_t limit)
{
    if (r->eof)
        return 0;
    long line, pos;
    S_array_locate(r, *i, &line, &pos); /* count the lines of what is dropped */
    r->pos = *i;
    S_compact(r);
    *i = r->pos;
    if (r->end == r->cap)
        S_grow(r, limit);
    size_t before = r->end;
    S_fill(r);
    return r->end > before || !r->eof;
}

/* Skips an element longer than the record limit without holding it: walks
 * strings and brackets to the end of the value starting at *i. */
static int S_array_discard(concord_reader *r, size_t *i)
{
    int depth = 0, in_str = 0, esc = 0, started = 0;
    for (;;) {
        for (; *i < r->end; (*i)++) {
            char c = r->buf[*i];
            if (in_str) {
                if (esc)
                    esc = 0;
                else if (c == '\\')
                    esc = 1;
                else if (c == '"')
                    in_str = 0;
            } else if (c == '"') {
                in_str = 1;
                started = 1;
            } else if (c == '{' || c == '[') {
                depth++;
                started = 1;
            } else if (c == '}' || c == ']') {
                if (--depth <= 0 && started) {
                    (*i)++;
                    return 1;
                }
            } else if (!S_blank((unsigned char)c)) {
                started = 1;
            }
        }
        if (!S_array_more(r, i, r->cap))
            return 0;
    }
}

/* Skips blank space from i, reading on when the buffer ends in it; returns
 * where the next element starts (r->end at the end of the input).  The
 * buffer may have moved: the caller reloads r->buf and r->end (a stale end
 * after the last read once made the first element come back a second time). */
static size_t S_array_skip_blank(concord_reader *r, size_t i)
{
    for (;;) {
        while (i < r->end && S_blank((unsigned char)r->buf[i]))
            i++;
        if (i < r->end || !S_array_more(r, &i, r->max_record + 1))
            return i;
    }
}

/* Next element of a .json file holding an array of article objects (or of a
 * sequence of objects), streamed: elements are checked one at a time, only
 * the article fields are built, and only the current element need be in
 * memory, so an array of any size is read with memory bounded by the record
 * limit; an element over the limit is skipped with a message. */
static int S_array_next(concord_reader *r, concord_article **out)
{
    const char *b = r->buf;
    size_t n = r->end;
    const unsigned flags = CONCORD_JSON_RAW_CTRL | CONCORD_JSON_NUL_TO_SPACE;
    long line, pos;
    for (;;) {
        size_t i = S_array_skip_blank(r, r->pos);
        b = r->buf;
        n = r->end;
        if (r->doc_seq) {
            if (i >= n)
                return 0; /* whitespace-separated objects: no brackets, no commas */
        } else if (r->doc_i == 0) {
            i = S_array_skip_blank(r, i + 1); /* past the '[' seen when the file was opened */
            b = r->buf;
            n = r->end;
            if (i < n && b[i] == ']')
                return 0;
        } else {
            if (i < n && b[i] == ']')
                return 0;
            if (i >= n || b[i] != ',') {
                S_array_locate(r, i, &line, &pos);
                S_report(r, r->cur, line, pos,
                         "invalid JSON: %s (offset %zu of the file); "
                         "rest of the file skipped",
                         i >= n ? "unexpected end of input in array" : "',' or ']' expected", i);
                r->skipped++;
                return 0;
            }
            i++;
        }
        concord_json_info info;
        size_t len;
        for (;;) {
            len = concord_json_skip(b + i, n - i, flags, &info);
            if (len || r->eof || info.err_pos < n - i)
                break;                   /* complete, or an error before the end of what is read */
            if (n - i > r->max_record) { /* the element alone is over the limit */
                long el, ep;
                S_array_locate(r, i, &el, &ep);
                size_t k = ++r->doc_i;
                int ended = S_array_discard(r, &i);
                S_report(r, r->cur, el, ep,
                         "array element %zu is longer than the limit of %zu bytes"
                         " (--max-record); skipped",
                         k, r->max_record);
                r->skipped++;
                if (!ended)
                    return 0;
                r->pos = i;
                goto next_element;
            }
            if (!S_array_more(r, &i, r->max_record + 1))
                break;
            b = r->buf;
            n = r->end;
        }
        if (!len) {
            S_array_locate(r, i + info.err_pos, &line, &pos);
            S_report(r, r->cur, line, pos,
                     "invalid JSON: %s (offset %zu of the file); "
                     "rest of the file skipped",
                     info.err_msg, i + info.err_pos);
            r->skipped++;
            return 0;
        }
        if (len > r->max_record) { /* complete in the buffer, yet over the limit */
            long el, ep;
            S_array_locate(r, i, &el, &ep);
            S_report(r, r->cur, el, ep,
                     "array element %zu is longer than the limit of %zu bytes (--max-record);"
                     " skipped",
                     ++r->doc_i, r->max_record);
            r->skipped++;
            r->pos = i + len;
            continue;
        }
        size_t k = ++r->doc_i;
        r->pos = i + len;
        while (i < n && S_blank((unsigned char)b[i]))
            i++;
        S_array_locate(r, i, &line, &pos);
        concord_json *j = concord_json_parse_fields(b + i, r->pos - i, flags, S_fields,
                                                    sizeof S_fields / sizeof *S_fields, &info);
        if (!j || j->type != CONCORD_JSON_OBJECT) {
            S_report(r, r->cur, line, pos,
                     "array element %zu is not an object but a%s %s; "
                     "skipped",
                     k, j && j->type == CONCORD_JSON_ARRAY ? "n" : "",
                     j ? S_type_name(j->type) : "bad value");
            r->skipped++;
            concord_json_free(j);
            continue;
        }
        *out = S_json_article(r, j, line);
        concord_json_free(j);
        (*out)->bad_bytes = info.bad + info.nul;
        if (0) {
        next_element:
            b = r->buf;
            n = r->end;
            continue;
        }
        if ((*out)->bad_bytes) {
            long bl, bp;
            S_array_locate(r, i + info.first_bad, &bl, &bp);
            S_report(r, r->cur, bl, bp,
                     "%zu invalid UTF-8 or NUL byte%s replaced (offset %zu of the file)",
                     (*out)->bad_bytes, (*out)->bad_bytes == 1 ? "" : "s", i + info.first_bad);
        }
        return 1;
    }
}

/* Whether a ".json" file starting with '{' at k holds pretty-printed objects
 * (its first line is the start of an object, not a whole one) rather than
 * JSON Lines.  A first line longer than the buffered data means JSON Lines. */
static int S_pretty_json(concord_reader *r, const char *path, size_t k, int sniffed)
{
    size_t n = strlen(path);
    if (S_ends_with(path, n, ".gz"))
        n -= 3;
    if (!sniffed && !S_ends_with(path, n, ".json"))
        return 0;
    const char *nl = memchr(r->buf + k, '\n', r->end - k);
    size_t len = nl ? (size_t)(nl - (r->buf + k)) : r->end - k;
    if (!nl && !r->eof)
        return 0;
    concord_json_info info;
    size_t end = concord_json_skip(r->buf + k, len, CONCORD_JSON_RAW_CTRL, &info);
    return end == 0 && info.err_pos == len;
}

/* The kind of a page or crawl by its first bytes (after blank space and a
 * UTF-8 byte order mark): CONCORD_READ_WARC for "WARC/", CONCORD_READ_HTML
 * for "<!doctype html" or "<html" (any case), else 0. */
static int S_web_kind(const char *p, size_t n)
{
    size_t k = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        k = 3;
    while (k < n && S_blank((unsigned char)p[k]))
        k++;
    p += k;
    n -= k;
    if (n >= 5 && memcmp(p, "WARC/", 5) == 0)
        return CONCORD_READ_WARC;
    if ((n >= 14 && strncasecmp(p, "<!doctype html", 14) == 0) ||
        (n >= 5 && strncasecmp(p, "<html", 5) == 0))
        return CONCORD_READ_HTML;
    return 0;
}

/* A regular file without a known extension that is a web page or a WARC
 * file (gzip or not): its kind, else S_KIND_GUESS (the JSON/text sniffing
 * decides; a pipe's web page is still known by S_web_kind there). */
static int S_guess_web(concord_reader *r, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return S_KIND_GUESS; /* a pipe cannot be read twice */
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return S_KIND_GUESS;
    char head[64];
    int got = gzread(gz, head, sizeof head);
    gzclose(gz);
    int kind = got > 0 ? S_web_kind(head, (size_t)got) : 0;
    if (!kind)
        return S_KIND_GUESS;
    concord_diag_note(r->diag, path, 0, 0, "no .html or .warc name: read as %s (by its start)",
                      kind == CONCORD_READ_WARC ? "a WARC file" : "a web page");
    return kind;
}

/* The reader's per-input state, reset for path; 1 when the input is a later
 * range of a file (a shard of a memory-mapped file). */
static int S_reset_input(concord_reader *r, char *path)
{
    r->cur = path;
    r->eof = 0;
    r->pos = r->end = r->scan = 0;
    r->buf_off = 0;
    r->line = 0;
    r->n_nonblank = 0;
    if (r->using_mem) {
        r->buf_off = r->mem_base_off;
        r->line = r->mem_base_line;
    }
    return r->using_mem && r->mem_base_off > 0;
}

/* An input skipped (after its message): counted, the stream closed. */
static int S_skipped(concord_reader *r)
{
    r->skipped++;
    S_close(r);
    return 0;
}

/* A WARC input: its reader takes over (concord_warc_next). */
static int S_start_warc(concord_reader *r, char *path)
{
    if (r->using_mem) {
        r->warc = concord_warc_open_memory(r->mem, r->mem_len, path, r->diag, r->max_record);
        r->mem_pos = r->mem_len;
    } else {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            S_report(r, path, 0, 0, "cannot open: %s; skipped", strerror(errno));
            return S_skipped(r);
        }
        r->warc = concord_warc_open_fd(fd, path, r->diag, r->max_record);
    }
    r->open = S_OPEN_WARC;
    return 0;
}

/* Opens a file or standard input as a (maybe gzip) stream; 0 when it was
 * skipped with a message (cannot be opened, a text file over the limit). */
static int S_open_stream(concord_reader *r, const char *path, int kind, int is_stdin)
{
    int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        S_report(r, path, 0, 0, "cannot open: %s; skipped", strerror(errno));
        return S_skipped(r);
    }
    struct stat st;
    if (kind == CONCORD_READ_TEXT && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size > (uint64_t)r->max_record && !S_ends_with(path, strlen(path), ".gz")) {
        S_report(r, path, 0, 0,
                 "file of %lld bytes is larger than the limit of %zu bytes; "
                 "skipped",
                 (long long)st.st_size, r->max_record);
        close(fd);
        return S_skipped(r);
    }
    r->gz = gzdopen(fd, "rb");
    if (!r->gz) {
        close(fd);
        S_report(r, path, 0, 0, "cannot open: out of memory; skipped");
        return S_skipped(r);
    }
    gzbuffer(r->gz, 128u << 10);
    return 1;
}

/* A web page: the whole input, extracted at once.  1 with *out set when
 * it holds main text. */
static int S_start_html(concord_reader *r, const char *path, concord_article **out)
{
    /* any charset: no binary sniffing; the page is decoded by its own rules */
    if (!S_slurp(r)) {
        S_close(r);
        return 0;
    }
    char *id = S_stem(path);
    char *oname = S_name_copy(path);
    concord_html_source src;
    memset(&src, 0, sizeof src);
    src.id = id;
    src.origin = oname;
    concord_html_stats st;
    *out = concord_html_article(r->buf, r->end, &src, r->diag, &st);
    if (!concord_utf8_valid((*out)->id, strlen((*out)->id))) {
        free((*out)->id);
        (*out)->id = S_name_copy(id);
    }
    int empty = (*out)->text_len == 0;
    if (empty && !st.binary)
        S_report(r, path, 0, 0,
                 "no main text found in the page (%zu bytes of text on it); "
                 "skipped",
                 st.text_bytes);
    if (empty) {
        concord_article_free(*out);
        *out = NULL;
        r->skipped++;
    }
    free(id);
    free(oname);
    S_close(r);
    return !empty;
}

/* Offset of the first non-blank byte, reading on through leading blank
 * space (up to the record limit); r->end when there is none. */
static size_t S_first_nonblank(concord_reader *r)
{
    size_t k = r->pos;
    for (;;) {
        while (k < r->end && S_blank((unsigned char)r->buf[k]))
            k++;
        if (k < r->end || r->eof)
            break;
        if (r->end == r->cap) {
            if (r->end - r->pos > r->max_record)
                break;
            S_grow(r, r->max_record + 1);
        }
        S_fill(r);
    }
    return k;
}

/* Standard input, or a name without a known extension (x.jsonl.1, a
 * process substitution): the first byte decides, and the user is told. */
static int S_kind_by_content(concord_reader *r, const char *path, int kind, int first)
{
    int json = first == '{' || first == '[';
    if (kind == S_KIND_GUESS || first == '[')
        concord_diag_note(r->diag, path, 0, 0, "%s: read as %s",
                          kind == S_KIND_GUESS ? "no .jsonl, .json or .txt name" : "standard input",
                          first == '[' ? "a JSON array of articles (it starts with '[')"
                          : json       ? "JSON Lines (it starts with '{')"
                                       : "one text article (no '{' or '[' at its start)");
    return json ? CONCORD_READ_JSONL : CONCORD_READ_TEXT;
}

/* JSON that is not one object a line: a .json file holding one array of
 * article objects (seq 0), or pretty-printed objects one after the other
 * (seq 1); S_array_next streams the elements one at a time. */
static void S_open_array(concord_reader *r, int seq)
{
    r->scan = r->pos;
    r->line = 1;
    r->doc_line_start = r->buf_off + r->pos;
    while (r->pos < r->end && S_blank((unsigned char)r->buf[r->pos]))
        r->pos++;
    r->doc_i = 0;
    r->doc_seq = seq;
    r->open = S_OPEN_ARRAY;
}

/* One text article: the whole input.  1 with *out set. */
static int S_start_text(concord_reader *r, const char *path, int is_stdin, concord_article **out)
{
    if (!S_slurp(r)) {
        S_close(r);
        return 0;
    }
    char *id = is_stdin || strcmp(path, "-") == 0 ? concord_xstrdup("stdin") : S_stem(path);
    if (!concord_utf8_valid(id, strlen(id))) {
        char *fixed = S_name_copy(id);
        free(id);
        id = fixed;
    }
    *out = S_text_article(r, r->buf + r->pos, r->end - r->pos, id);
    free(id);
    S_close(r);
    return *out != NULL;
}

/* Opens path; returns 1 with *out set for a text article, else 0 (a stream
 * may now be open, or the input was skipped with a message).  The steps:
 * open (WARC, or a stream), sniff the first bytes (a web page, binary
 * data, a byte order mark), choose the format by name or content, then
 * open it (lines, an array) or read it whole (a page, a text). */
static int S_start(concord_reader *r, char *path, int kind, concord_article **out)
{
    int mid_file = S_reset_input(r, path); /* a later range of a file */
    int is_stdin = kind == S_KIND_STDIN && !r->using_mem;
    if (kind == S_KIND_GUESS && !r->using_mem)
        kind = S_guess_web(r, path);
    if (kind == CONCORD_READ_WARC)
        return S_start_warc(r, path);
    if (!r->using_mem && !S_open_stream(r, path, kind, is_stdin))
        return 0;
    while (!r->eof && r->end < S_SNIFF)
        S_fill(r);
    if (r->end == 0 && mid_file)
        return 0;
    if (r->end == 0) {
        S_report(r, path, 0, 0, "empty file");
        return S_skipped(r);
    }
    if ((kind == S_KIND_STDIN || kind == S_KIND_GUESS) &&
        S_web_kind(r->buf, r->end) == CONCORD_READ_HTML) {
        concord_diag_note(r->diag, path, 0, 0, "%s: read as a web page (by its start)",
                          kind == S_KIND_STDIN ? "standard input" : "no .html name");
        kind = CONCORD_READ_HTML;
    }
    if (kind == CONCORD_READ_HTML)
        return S_start_html(r, path, out);
    if (!mid_file && r->end >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
        r->pos = r->scan = 3; /* UTF-8 byte order mark */
    size_t sniff = r->end - r->pos < S_SNIFF ? r->end - r->pos : S_SNIFF;
    /* a later range of a file was sniffed with the file's start */
    const char *why = mid_file ? NULL
                               : S_binary((const unsigned char *)r->buf + r->pos, sniff,
                                          sniff < r->end - r->pos || !r->eof);
    if (why) {
        S_report(r, path, 0, 0, "%s; skipped", why);
        return S_skipped(r);
    }
    size_t k = S_first_nonblank(r);
    int first = k < r->end ? (unsigned char)r->buf[k] : -1;
    int sniffed = kind == S_KIND_STDIN || kind == S_KIND_GUESS;
    if (sniffed)
        kind = S_kind_by_content(r, path, kind, first);
    if (kind != CONCORD_READ_JSONL)
        return S_start_text(r, path, is_stdin, out);
    int seq = first == '{' && !mid_file && S_pretty_json(r, path, k, sniffed);
    /* only a ".json" file (".json.gz") may hold one array: in JSON Lines a
     * first line that is an array is a bad line, reported like any other */
    size_t pl = strlen(path);
    int dot_json = S_ends_with(path, pl, ".json") ||
                   (S_ends_with(path, pl, ".gz") && pl > 3 && S_ends_with(path, pl - 3, ".json"));
    if ((first == '[' && (dot_json || sniffed)) || seq)
        S_open_array(r, seq);
    else
        r->open = S_OPEN_LINES;
    return 0;
}

int concord_reader_next_input(concord_reader *r, char **path)
{
    int kind;
    *path = NULL;
    return r ? S_next_input(r, path, &kind) : 0;
}

int concord_reader_next(concord_reader *r, concord_article **out)
{
    *out = NULL;
    if (!r)
        return 0;
    for (;;) {
        if (r->open == S_OPEN_LINES) {
            if (S_lines_next(r, out))
                return 1;
            S_close(r);
            continue;
        }
        if (r->open == S_OPEN_WARC) {
            if (concord_warc_next(r->warc, out)) {
                if (r->progress) {
                    concord_warc_stats s;
                    concord_warc_get_stats(r->warc, &s);
                    r->progress(r->progress_ctx, r->warc_done.records + s.records,
                                concord_reader_bytes(r));
                }
                return 1;
            }
            S_close(r);
            continue;
        }
        if (r->open == S_OPEN_ARRAY) {
            if (S_array_next(r, out))
                return 1;
            S_close(r);
            continue;
        }
        char *path;
        int kind;
        if (!S_next_input(r, &path, &kind))
            return 0;
        if (S_start(r, path, kind, out))
            return 1;
    }
}

void concord_reader_warc_stats(const concord_reader *r, concord_warc_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!r)
        return;
    *out = r->warc_done;
    if (r->warc) {
        concord_warc_stats s;
        concord_warc_get_stats(r->warc, &s);
        out->records += s.records;
        out->articles += s.articles;
        out->skipped_request += s.skipped_request;
        out->skipped_metadata += s.skipped_metadata;
        out->skipped_warcinfo += s.skipped_warcinfo;
        out->skipped_status += s.skipped_status;
        out->skipped_type += s.skipped_type;
        out->skipped_empty += s.skipped_empty;
        out->skipped_broken += s.skipped_broken;
        out->skipped_other += s.skipped_other;
        out->resyncs += s.resyncs;
        out->html_bytes += s.html_bytes;
    }
}

void concord_reader_set_progress(concord_reader *r, concord_read_progress_fn fn, void *ctx)
{
    if (!r)
        return;
    r->progress = fn;
    r->progress_ctx = ctx;
}

void concord_reader_close(concord_reader *r)
{
    if (!r)
        return;
    S_close(r);
    while (r->n_frames)
        S_pop_dir(r);
    free(r->frames);
    for (size_t k = 0; k < r->n_seen; k++)
        free(r->seen[k].path);
    free(r->seen);
    for (size_t k = 0; k < r->n_paths; k++)
        free(r->paths[k]);
    free(r->paths);
    free(r->mem_name);
    free(r->buf);
    free(r);
}
