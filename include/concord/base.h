/* concord/base.h: the pieces every stage shares.
 *
 * Memory: every concord_* allocation goes through concord_xmalloc and friends,
 * which abort with a message on out-of-memory (cmark's policy), so no call site
 * checks for NULL.  Whoever a function's comment says "owns" a result frees it
 * with the matching *_free function (or free() for plain strings).
 *
 * Diagnostics: bad input is reported through a concord_diag: file, line (1-based,
 * 0 when not line-oriented), byte position, message.  Reporting never stops the
 * run; the diag counts what was reported (problems; notes are not counted) so
 * the program can set its exit code.  The library's error convention (codes,
 * errmsg per module, diag) is in the README's design section.
 *
 * Thread-safety: concord_buf and concord_diag are not shared between threads
 * unless the caller locks; concord_diag_report itself takes a lock, so several
 * worker threads may report through one diag. */
#ifndef CONCORD_BASE_H
#define CONCORD_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "concord/export.h"

#ifdef __cplusplus
extern "C" {
#endif

CONCORD_EXPORT void *concord_xmalloc(size_t n);
CONCORD_EXPORT void *concord_xcalloc(size_t count, size_t n);
CONCORD_EXPORT void *concord_xrealloc(void *p, size_t n);
CONCORD_EXPORT char *concord_xstrdup(const char *s);
CONCORD_EXPORT char *concord_xstrndup(const char *s, size_t n);

/* Grow *arr (of element size elem) so that it holds at least need elements. */
CONCORD_EXPORT void concord_grow(void **arr, size_t *cap, size_t need, size_t elem);
/* The common case (room enough) is decided inline: no call per element. */
#define CONCORD_GROW(arr, cap, need)                                                               \
    ((size_t)(need) <= (cap) ? (void)0                                                             \
                             : concord_grow((void **)&(arr), &(cap), (need), sizeof *(arr)))

/* A half-open byte range [start, end) into some text. */
typedef struct concord_span {
    uint32_t start;
    uint32_t end;
} concord_span;

/* Growable byte buffer; always NUL-terminated after any append. */
typedef struct concord_buf {
    char *data;
    size_t len;
    size_t cap;
} concord_buf;

CONCORD_EXPORT void concord_buf_init(concord_buf *b);
CONCORD_EXPORT void concord_buf_free(concord_buf *b);
CONCORD_EXPORT void concord_buf_clear(concord_buf *b);
CONCORD_EXPORT void concord_buf_add(concord_buf *b, const void *p, size_t n);
CONCORD_EXPORT void concord_buf_adds(concord_buf *b, const char *s);
CONCORD_EXPORT void concord_buf_addc(concord_buf *b, char c);
CONCORD_EXPORT void concord_buf_printf(concord_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (who frees it) and leaves b empty. */
CONCORD_EXPORT char *concord_buf_detach(concord_buf *b, size_t *len);

/* JSON writing helpers: append a quoted, escaped JSON string (invalid UTF-8
 * is never emitted because text is repaired on input; control characters,
 * C1 controls and U+2028/U+2029 (line breaks to many JSON Lines readers) are
 * escaped; '<', '>' and '&' are escaped as \u003c... so JSON may be embedded
 * in HTML safely). A NULL string is written as null. */
CONCORD_EXPORT void concord_json_str(concord_buf *b, const char *s);
CONCORD_EXPORT void concord_json_strn(concord_buf *b, const char *s, size_t n);

/* Appends s[0..n) so that it is inert on a terminal: C0 controls and DEL as
 * caret notation (ESC as ^[, BEL as ^G, newline as ^J), C1 controls
 * (U+0080..U+009F), line and paragraph separators and bidirectional
 * overrides as \uXXXX, bytes that are not UTF-8 as \xHH.  With
 * CONCORD_VISIBLE_SPACES, tab, newline and carriage return become a space
 * instead (running text in a view).  For every human-readable output:
 * terminal views and diagnostics. */
enum { CONCORD_VISIBLE_SPACES = 1 };
CONCORD_EXPORT void concord_buf_add_visible(concord_buf *b, const char *s, size_t n,
                                            unsigned flags);

typedef struct concord_diag concord_diag;
typedef void (*concord_diag_fn)(void *ctx, const char *file, long line, long pos, const char *msg);
/* Creates a diag; fn NULL means print "concord: FILE:LINE:POS: MSG" to stderr
 * (FILE and MSG through concord_buf_add_visible: a file name or an article
 * id cannot forge a line or send escape sequences). */
CONCORD_EXPORT concord_diag *concord_diag_new(concord_diag_fn fn, void *ctx);
CONCORD_EXPORT void concord_diag_free(concord_diag *d);
CONCORD_EXPORT void concord_diag_report(concord_diag *d, const char *file, long line, long pos,
                                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Like concord_diag_report, for what the user should know but is not a
 * problem in the input (what was assumed, what was cleaned up): printed the
 * same way (or passed to fn), not counted. */
CONCORD_EXPORT void concord_diag_note(concord_diag *d, const char *file, long line, long pos,
                                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Two severities: a report is a problem in the input (counted: the program
 * exits 3), a note is not.  Both reach the diag's fn; a caller that wants
 * to tell them apart (colour, a log level, dropping notes) gives notes a
 * callback of their own here (fn NULL: notes go to the diag's fn or printer
 * again). */
CONCORD_EXPORT void concord_diag_on_note(concord_diag *d, concord_diag_fn fn, void *ctx);
/* Number of reports so far (problems in the input). */
CONCORD_EXPORT size_t concord_diag_count(const concord_diag *d);

/* Reads a whole file into a NUL-terminated buffer the caller frees; NULL
 * (errno set) when it cannot be read.  For tests, benches and small inputs:
 * the readers in read.h stream instead. */
CONCORD_EXPORT char *concord_read_file(const char *path, size_t *len);

/* Sorts n 64-bit values ascending in place (no comparison callback: the
 * hot sets of hashes in reuse, digest and grouping).  Past a few hundred
 * values it is a radix sort with a scratch copy of the array (allocated and
 * freed here); an array already in order costs one pass. */
CONCORD_EXPORT void concord_sort_u64(uint64_t *a, size_t n);

/* Values two ascending arrays have in common (a multiset intersection:
 * a value twice in both counts twice). */
CONCORD_EXPORT size_t concord_count_common_u64(const uint64_t *a, size_t na, const uint64_t *b,
                                               size_t nb);

/* 64-bit hash (xxHash XXH3). */
CONCORD_EXPORT uint64_t concord_hash(const void *p, size_t n, uint64_t seed);

#ifdef __cplusplus
}
#endif
#endif
