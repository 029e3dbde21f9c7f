/* concord/store.h: the SQLite store (stage "store / emit").  Holds raw and
 * cleaned articles with their metadata and every version of an article whose
 * content changed, the stories built from them, and opaque state blobs that
 * incremental runs (`concord add`) resume from.
 *
 * Ownership: concord_store_open returns a store owned by the caller
 * (concord_store_close).  Everything a getter or iterator hands out
 * (concord_article, concord_clean, strings, blobs, concord_store_story) is a
 * fresh allocation owned by the caller: concord_article_free,
 * concord_clean_free, free(), concord_store_story_free.  Inputs are copied.
 *
 * Thread-safety: one store object = one SQLite connection, used by one thread
 * at a time.  Threads that need the store concurrently each open their own
 * store on the same file (SQLite's WAL mode: many readers, one writer; a
 * writer waits up to the busy timeout, 10 s, then gets CONCORD_STORE_ERR_BUSY).
 *
 * Errors: functions return 0 on success and a negative concord_store_error on
 * failure; concord_store_errmsg(st) then describes the last failure (file
 * name included).  Getters return CONCORD_STORE_NOT_FOUND (positive, not an
 * error) when the key is absent, and set their outputs to NULL.  So "rc < 0"
 * is the error test.  concord_store_open returns NULL on failure; the code
 * and message of the last failed open in the calling thread are then
 * concord_store_errcode(NULL) and concord_store_errmsg(NULL).  Errors never
 * abort; out-of-memory does (base.h policy).
 *
 * Durability: the database runs in WAL journal mode with synchronous=NORMAL.
 * A commit appends the batch to the WAL file with write(); the commit is
 * complete once that returns, and the bytes live in the kernel's page cache,
 * so killing the process (kill -9, a crash) at any moment loses nothing that
 * was committed, and a half-written batch is never visible: on the next open
 * SQLite ignores WAL frames after the last commit record.  NORMAL skips the
 * fsync at each commit, so only a power loss or kernel crash can lose the last
 * few committed batches (the database is still consistent then).
 * tests/unit/test_store.c kills a writer with SIGKILL to check this.
 *
 * Batches: concord_store_begin .. concord_store_commit is one transaction.
 * Calls outside a batch run in their own transaction each.  Every call that
 * writes several rows is atomic by itself (a savepoint inside a batch), so a
 * failed call leaves the batch as it was before the call.  Closing a store
 * with a batch open rolls the batch back.
 *
 * Articles: a row per (id, version).  Storing an article compares its content
 * hash (xxh3 of the title and the raw text: a corrected headline is a change)
 * with the current version of that id:
 *   NEW        unknown id: stored as version 1;
 *   SAME       same content: nothing written (the first copy's source, url and
 *              date are kept);
 *   CHANGED    different content: stored as version n+1, which becomes the
 *              current version; older versions are kept and readable;
 *   RECLEANED  same content, but the cleaning result differs from the stored
 *              one (a newer cleaner): the cleaned fields of the current version
 *              are updated in place; no new version.
 * Bytes are stored exactly as given (readers have already repaired UTF-8).
 * Cleaning results come back as a concord_clean whose removal "why" strings
 * are copies kept in the same allocation as the removed[] array (freed with
 * it by concord_clean_free); compare them with strcmp, not by address.  A why
 * this build does not know is kept as it is.
 *
 * Schema: versioned with PRAGMA user_version (and PRAGMA application_id
 * marks the file as a concord store); created idempotently.  Opening a file
 * that is not an SQLite database, an SQLite database of another program, or a
 * store with a newer schema fails with a clear message and writes nothing.
 * SQL users may read the tables directly: articles (all versions; view
 * current_articles), stories, story_articles, state, ungrouped. */
#ifndef CONCORD_STORE_H
#define CONCORD_STORE_H

#include "concord/article.h"
#include "concord/clean.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_store concord_store;
typedef struct concord_store_iter concord_store_iter;
struct sqlite3;

enum concord_store_error {
    CONCORD_STORE_OK = 0,
    CONCORD_STORE_NOT_FOUND = 1,    /* not an error: no such key */
    CONCORD_STORE_ERR_IO = -1,      /* cannot open, read or write the file; disk full */
    CONCORD_STORE_ERR_NOTDB = -2,   /* not a database, or not a concord store */
    CONCORD_STORE_ERR_SCHEMA = -3,  /* written by another concord (older or newer schema) */
    CONCORD_STORE_ERR_BUSY = -4,    /* locked by another writer past the timeout */
    CONCORD_STORE_ERR_CORRUPT = -5, /* damaged database or malformed stored value */
    CONCORD_STORE_ERR_MISUSE = -6,  /* wrong call order or arguments */
    CONCORD_STORE_ERR_SQL = -7      /* any other SQLite failure */
};

/* Outcome of concord_store_put_article (see "Articles" above). */
enum concord_store_status {
    CONCORD_STORE_NEW = 1,
    CONCORD_STORE_SAME = 2,
    CONCORD_STORE_CHANGED = 3,
    CONCORD_STORE_RECLEANED = 4
};

/* Schema version this build writes, and the oldest it opens.  Version 3
 * (2026-12-07) adds the outlet network table, the quote index and the
 * packed grouper state (state "grouper-z"), which a build of version 2
 * would not see: a version-2 store is read as it is and upgraded in place by
 * the first writable open (the tables are then filled by its next add),
 * and a build of version 2 refuses a version-3 store.  Version 4
 * (2026-12-08, doc/store-size.md) writes the removed ranges of an article
 * packed (binary, not JSON) and new stores with 16 KiB pages; a store of
 * version 2 or 3 is read as it is and upgraded in place by the first
 * writable open (its rows keep their JSON ranges, which stay readable). */
#define CONCORD_STORE_SCHEMA 4
#define CONCORD_STORE_SCHEMA_OLDEST 2

/* Opens the store at path ("" or ":memory:" give a private in-memory store).
 * create != 0 creates the file (and schema) when missing; create == 0 requires
 * an existing concord store.  NULL on failure (see Errors above). */
CONCORD_EXPORT concord_store *concord_store_open(const char *path, int create);
/* Opens an existing concord store read-only (SQLITE_OPEN_READONLY and
 * query_only): works in a folder or on a file the user cannot write, never
 * changes the file (no journal-mode switch, no schema creation).  Every write
 * call then fails with CONCORD_STORE_ERR_IO.  NULL on failure. */
CONCORD_EXPORT concord_store *concord_store_open_readonly(const char *path);
/* Opens an existing concord store read-only as an immutable file: no locks,
 * no shared memory, no -wal file read.  Only for a file that does not change
 * while it is open, e.g. a store whose writer has checkpointed its WAL and
 * keeps its further changes in the WAL until it commits (concord-mpi's
 * explaining ranks on other hosts, over a network file system).  NULL on
 * failure. */
CONCORD_EXPORT concord_store *concord_store_open_snapshot(const char *path);
/* Rolls back an open batch, finalizes statements and closes. NULL is a no-op. */
CONCORD_EXPORT void concord_store_close(concord_store *st);

/* Message of the last call on st when it failed ("" when it succeeded); st
 * NULL: the last failed concord_store_open in this thread.  Valid until the
 * next call on st. */
CONCORD_EXPORT const char *concord_store_errmsg(const concord_store *st);
CONCORD_EXPORT int concord_store_errcode(const concord_store *st);
/* "new", "same", "changed", "recleaned" ("?" otherwise). */
CONCORD_EXPORT const char *concord_store_status_name(int status);
/* The path the store was opened with. */
CONCORD_EXPORT const char *concord_store_path(const concord_store *st);

/* Batches: one transaction each.  begin while a batch is open, or commit /
 * rollback without one, is CONCORD_STORE_ERR_MISUSE.  If SQLite rolled the
 * batch back itself after an I/O error, commit reports that. */
CONCORD_EXPORT int concord_store_begin(concord_store *st);
CONCORD_EXPORT int concord_store_commit(concord_store *st);
CONCORD_EXPORT int concord_store_rollback(concord_store *st);
/* 1 while a batch is open. */
CONCORD_EXPORT int concord_store_in_batch(const concord_store *st);

/* Stores article a with its cleaning result c (c may be NULL: no cleaned
 * fields yet).  *status (may be NULL) receives a concord_store_status. */
CONCORD_EXPORT int concord_store_put_article(concord_store *st, const concord_article *a,
                                             const concord_clean *c, int *status);
/* Current version of article id.  a and c may be NULL when not wanted; *c is
 * NULL when the article was stored without a cleaning result.  The article's
 * origin is the store path, line 0, bad_bytes 0. */
CONCORD_EXPORT int concord_store_get_article(concord_store *st, const char *id, concord_article **a,
                                             concord_clean **c);
/* Version `version` (1, 2, ...) of article id; 0 means the current one. */
CONCORD_EXPORT int concord_store_get_article_version(concord_store *st, const char *id, int version,
                                                     concord_article **a, concord_clean **c);
/* Current version number of id in *version (NOT_FOUND when unknown). */
CONCORD_EXPORT int concord_store_article_version(concord_store *st, const char *id, int *version);
/* Number of articles (current versions: one per id). */
CONCORD_EXPORT int concord_store_count_articles(concord_store *st, size_t *n);

/* Iterator over the current version of every article, ordered by (day, id)
 * where day is the article's date, else the date found in its text, else ""
 * (first).  next returns 1 with *a and *c set (either may be NULL when not
 * wanted; *c NULL when not cleaned), 0 at the end, or a negative error
 * (CONCORD_STORE_ERR_CORRUPT for a row whose stored removal list is damaged:
 * calling next again moves on to the following row).
 * Articles stored while iterating may or may not be seen; other writes are
 * fine.  end frees the iterator (NULL is a no-op). */
CONCORD_EXPORT int concord_store_articles_begin(concord_store *st, concord_store_iter **it);
CONCORD_EXPORT int concord_store_articles_next(concord_store_iter *it, concord_article **a,
                                               concord_clean **c);
CONCORD_EXPORT void concord_store_articles_end(concord_store_iter *it);

/* Stories.  put replaces the story and its membership (old member rows are
 * deleted); article_ids may hold duplicates (stored once). */
CONCORD_EXPORT int concord_store_put_story(concord_store *st, const char *id, const char *title,
                                           const char *first, const char *last, size_t n_articles,
                                           size_t n_sources, int has_conflict, const char *json_doc,
                                           const char *const *article_ids, size_t n);
/* The story's JSON document as stored (caller frees). */
CONCORD_EXPORT int concord_store_get_story(concord_store *st, const char *id, char **json_doc);
/* Removes a story and its membership (NOT_FOUND when absent). */
CONCORD_EXPORT int concord_store_delete_story(concord_store *st, const char *id);
/* The story article_id belongs to (caller frees); if several (it should not
 * happen), the smallest story id. */
CONCORD_EXPORT int concord_store_story_of(concord_store *st, const char *article_id,
                                          char **story_id);
/* Member article ids of a story, sorted (caller frees each and the array). */
CONCORD_EXPORT int concord_store_story_articles(concord_store *st, const char *id,
                                                char ***article_ids, size_t *n);
CONCORD_EXPORT int concord_store_count_stories(concord_store *st, size_t *n);

typedef struct concord_store_story {
    char *story;
    char *title;
    char *first;
    char *last;
    size_t n_articles;
    size_t n_sources;
    int has_conflict;
    char *doc; /* JSON document, as stored */
} concord_store_story;

CONCORD_EXPORT void concord_store_story_free(concord_store_story *s);

/* Iterator over stories ordered by (first, story id); next returns 1 and sets
 * *s (owned by the caller), 0 at the end, or a negative error. */
CONCORD_EXPORT int concord_store_stories_begin(concord_store *st, concord_store_iter **it);
CONCORD_EXPORT int concord_store_stories_next(concord_store_iter *it, concord_store_story **s);
CONCORD_EXPORT void concord_store_stories_end(concord_store_iter *it);

/* State blobs (any bytes, any size up to SQLite's 1 GB limit) under a key.
 * get returns a malloc'd copy (caller frees; never NULL when found, even for
 * n == 0). */
CONCORD_EXPORT int concord_store_put_state(concord_store *st, const char *key, const void *p,
                                           size_t n);
CONCORD_EXPORT int concord_store_get_state(concord_store *st, const char *key, void **p, size_t *n);
CONCORD_EXPORT int concord_store_delete_state(concord_store *st, const char *key);
/* The same, stored compressed (zstd): for large state such as the grouper's.
 * A key is read with the function it was written with; get_state_packed of a
 * value not written packed fails with CONCORD_STORE_ERR_CORRUPT. */
CONCORD_EXPORT int concord_store_put_state_packed(concord_store *st, const char *key, const void *p,
                                                  size_t n);
CONCORD_EXPORT int concord_store_get_state_packed(concord_store *st, const char *key, void **p,
                                                  size_t *n);

/* Articles stored as NEW or CHANGED are also listed as "not yet grouped"
 * (table ungrouped), in the same transaction as the article itself, until
 * concord_store_mark_grouped clears the list; a pipeline calls it in the
 * transaction that saves its grouping, so the articles of a run killed before
 * that are listed on the next run, which groups them.  ungrouped returns
 * the ids, sorted (caller frees each and the array). */
CONCORD_EXPORT int concord_store_ungrouped(concord_store *st, char ***ids, size_t *n);
CONCORD_EXPORT int concord_store_mark_grouped(concord_store *st);

/* The writer lock: one writing run per store.  SQLite's own locks cover one
 * transaction; a run spans many (batches while reading, then the grouping),
 * so two runs interleaving would each save a grouping that misses the
 * other's articles.  lock_take locks the file PATH.lock (flock; created when
 * missing, never removed; it holds the pid of the holder for messages),
 * waiting up to wait_seconds (0: try once) for another holder; NULL on failure
 * or timeout, with concord_store_errcode(NULL) CONCORD_STORE_ERR_BUSY and
 * concord_store_errmsg(NULL) naming the store and the holder.  The lock is
 * released by lock_release or when the process ends (also by kill -9).
 * Readers need no lock.  set_busy_wait raises SQLite's busy timeout of st
 * (default 10 s) to seconds. */
typedef struct concord_store_lock concord_store_lock;
CONCORD_EXPORT concord_store_lock *concord_store_lock_take(const char *path, double wait_seconds);
CONCORD_EXPORT void concord_store_lock_release(concord_store_lock *l);
CONCORD_EXPORT void concord_store_set_busy_wait(concord_store *st, double seconds);

/* Runs PRAGMA integrity_check: 0 when the database is sound, else
 * CONCORD_STORE_ERR_CORRUPT with the report (caller frees) in *report
 * (may be NULL). */
CONCORD_EXPORT int concord_store_check(concord_store *st, char **report);

#ifdef __cplusplus
}
#endif
#endif
