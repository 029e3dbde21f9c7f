/* concord/read.h: stage 1, read.  Streaming readers over files, folders,
 * JSON Lines (plain or .gz) and standard input; one article at a time, so
 * memory stays flat whatever the corpus size.
 *
 * Inputs: a path that is a folder is walked recursively in sorted order;
 * "*.txt" files are one article each (first non-empty line = title, file name
 * without extension = id); "*.jsonl", "*.jsonl.gz", "*.json", "*.ndjson" are streams of
 * objects with fields id, source, url, date, title, text (others ignored; a
 * numeric id is kept as its text; a missing id becomes "h" + 16 hex digits of
 * the text's hash; a missing source the url's host, else "unknown"; dates
 * are normalized with concord_date_normalize, "" when unparseable); a
 * "*.json" file whose first byte is '[' is one array of such objects (loaded
 * whole, up to the record limit, and read element by element).  Any input
 * may be gzip-compressed (detected from its bytes; "x.jsonl.gz" is JSON Lines).
 * Anything else inside a folder is skipped with a message.  A path given
 * explicitly is read by its extension; unknown extensions are read as text.
 * "-" is standard input, read as JSON Lines when its first non-blank byte is
 * '{', else as one text article.
 *
 * Bad input (invalid UTF-8, NUL bytes, truncated or non-object JSON lines,
 * lines over the limit, binary files, missing or unreadable paths) is reported
 * through the diag with file, line and byte position; the reader goes on.
 * Invalid UTF-8 and NUL bytes are replaced (U+FFFD, space), counted in
 * article->bad_bytes and reported once per article.  A file whose first
 * 4 KiB are more than 10% NUL or invalid bytes (or that starts with a UTF-16
 * byte order mark) is skipped as binary; an empty file is reported.
 * Positions: line is 1-based (0 for whole-file problems); pos is the 0-based
 * byte offset inside that line (inside the file when line is 0); messages
 * about a line also give its absolute byte offset in the (decompressed) file.
 * Inside folders, names starting with '.' are ignored silently; a folder
 * reached again through a symlink loop is reported and skipped.
 *
 * Web input (concord/html.h does the extraction): "*.html", "*.htm",
 * "*.xhtml" (and .gz) are one page each (id = file name stem, any charset);
 * "*.warc" and "*.warc.gz" (a gzip member per record or one for the whole
 * file) are WARC 1.0/1.1 files: every response record with HTTP status 200
 * and an HTML payload is one article (id from WARC-Record-ID, url from
 * WARC-Target-URI, WARC-Date when the page gives no date); other records are
 * counted (concord_reader_warc_stats).  Broken records (lying
 * Content-Length, corrupt gzip members, unknown versions) are reported with
 * file, record number (in the line slot) and byte offset, and reading goes
 * on.  A JSON Lines object with an "html" string and no "text" goes through
 * the same extractor (its own fields win over the page's metadata).
 *
 * Ownership: the reader owns itself (concord_reader_close); each article
 * returned by concord_reader_next belongs to the caller.  One reader is used
 * by one thread at a time. */
#ifndef CONCORD_READ_H
#define CONCORD_READ_H

#include "concord/article.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_reader concord_reader;

/* paths are copied. diag may be NULL (messages to stderr). */
CONCORD_EXPORT concord_reader *concord_reader_open(const char *const *paths, size_t n_paths,
                                                   concord_diag *diag);
/* Returns 1 and sets *out to the next article, or 0 at the end of all input. */
CONCORD_EXPORT int concord_reader_next(concord_reader *r, concord_article **out);
/* Inputs (files, lines) skipped so far because they could not be read. */
CONCORD_EXPORT size_t concord_reader_skipped(const concord_reader *r);
/* Bytes of input consumed so far (compressed size for .gz). */
CONCORD_EXPORT uint64_t concord_reader_bytes(const concord_reader *r);
CONCORD_EXPORT void concord_reader_close(concord_reader *r);

/* Input kinds: CONCORD_READ_AUTO decides by name like an explicit path ("-"
 * sniffs '{' like standard input), or force one of CONCORD_READ_TEXT /
 * CONCORD_READ_JSONL / CONCORD_READ_HTML / CONCORD_READ_WARC
 * (concord_reader_open_memory in concord/experimental.h). */
enum {
    CONCORD_READ_AUTO = 0,
    CONCORD_READ_TEXT = 1,
    CONCORD_READ_JSONL = 2,
    CONCORD_READ_HTML = 4,
    CONCORD_READ_WARC = 5
};

/* Records of the WARC files read so far, by fate. */
typedef struct concord_warc_stats {
    uint64_t records;  /* all records, including broken ones */
    uint64_t articles; /* responses that became articles */
    uint64_t skipped_request, skipped_metadata, skipped_warcinfo;
    uint64_t skipped_status; /* HTTP status other than 200 */
    uint64_t skipped_type;   /* payload not HTML */
    uint64_t skipped_empty;  /* HTML without main text (or a binary payload) */
    uint64_t skipped_broken; /* reported problems */
    uint64_t skipped_other;  /* other record types (resource, revisit...) */
    uint64_t resyncs;        /* times the reader searched for the next record */
    uint64_t html_bytes;     /* HTML payload bytes (decoded) given to the extractor */
} concord_warc_stats;
CONCORD_EXPORT void concord_reader_warc_stats(const concord_reader *r, concord_warc_stats *out);

/* Progress for big inputs: fn(ctx, records, bytes) is called after each WARC
 * record that became an article (records read in WARC files so far, input
 * bytes consumed by the reader so far).  The callback must not call the
 * reader.  The library itself never prints progress. */
typedef void (*concord_read_progress_fn)(void *ctx, uint64_t records, uint64_t bytes);
CONCORD_EXPORT void concord_reader_set_progress(concord_reader *r, concord_read_progress_fn fn,
                                                void *ctx);

/* For a memory reader (before the first next): the data is the part of a
 * file that starts at byte `offset` after `line` lines (a record boundary),
 * so messages give the file's own line numbers and offsets.  With offset > 0
 * the start is not sniffed again (binary test, byte order mark, empty file):
 * the file's start was.  Used to split a big JSON Lines file across
 * processes (concord/shard.h). */
CONCORD_EXPORT void concord_reader_set_base(concord_reader *r, uint64_t offset, long line);
/* Walks the inputs as concord_reader_next would (folders in sorted order,
 * the same files skipped with the same messages) without opening them:
 * returns 1 with the next file's path in *path (owned by the caller), 0 at
 * the end.  Do not mix with concord_reader_next on one reader. */
CONCORD_EXPORT int concord_reader_next_input(concord_reader *r, char **path);

/* Longest JSON line / text file accepted (bytes); longer ones are skipped
 * with a message.  Default 32 MiB: a news article is rarely over 1 MB, so a
 * longer record is taken for broken input. */
CONCORD_EXPORT void concord_reader_set_max_record(concord_reader *r, size_t max_bytes);
/* A folder never to read (the run's output folder, when it lies inside an
 * input folder): skipped with a note.  Folders are also read once each, when
 * a symlink or a repeated argument reaches one a second time. */
CONCORD_EXPORT void concord_reader_skip_folder(concord_reader *r, const char *path);

#ifdef __cplusplus
}
#endif
#endif
