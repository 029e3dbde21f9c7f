/* warc_internal.h: the WARC record reader behind concord_reader (read.c).
 * Internal.  One concord_warc reads one file or memory block; articles it
 * returns belong to the caller; not thread-safe (one reader, one thread). */
#ifndef CONCORD_WARC_INTERNAL_H
#define CONCORD_WARC_INTERNAL_H

#include "concord/read.h"

typedef struct concord_warc concord_warc;

/* Takes ownership of fd (closed by concord_warc_close). */
concord_warc *concord_warc_open_fd(int fd, const char *name, concord_diag *diag, size_t max_record);
/* data is not copied: it must outlive the reader. */
concord_warc *concord_warc_open_memory(const void *data, size_t len, const char *name,
                                       concord_diag *diag, size_t max_record);
/* 1 and *out set for the next article; 0 at the end. */
int concord_warc_next(concord_warc *w, concord_article **out);
/* Input bytes consumed (compressed bytes for .warc.gz). */
uint64_t concord_warc_bytes(const concord_warc *w);
void concord_warc_get_stats(const concord_warc *w, concord_warc_stats *out);
void concord_warc_close(concord_warc *w);

#endif
