/* textpack.h (internal to src/store): compressed text cells of the store.
 *
 * A packed cell is one tag byte followed by the payload:
 *   'p'  the bytes as they are (short texts, or texts zstd does not shrink);
 *   'z'  one zstd frame holding the bytes (content size in the frame header).
 * An empty blob (no tag at all) is never produced by pack; callers use it as
 * their own marker ("derive this text from another column").
 *
 * Ownership: a concord_textpack holds one zstd compression and one
 * decompression context and is owned by whoever made it
 * (concord_textpack_free).  Outputs are caller-owned (concord_buf, or a
 * malloc'd string freed with free()).  Thread-safety: one textpack per thread
 * (the store keeps one per connection). */
#ifndef CONCORD_STORE_TEXTPACK_H
#define CONCORD_STORE_TEXTPACK_H

#include "concord/base.h"

typedef struct concord_textpack concord_textpack;

concord_textpack *concord_textpack_new(int level);
void concord_textpack_free(concord_textpack *tp);
/* Appends the packed form of p[0..n) to out (out is not cleared). */
void concord_textpack_pack(concord_textpack *tp, concord_buf *out, const char *p, size_t n);
/* Unpacks blob[0..n) into a fresh NUL-terminated string (*text, length in
 * *len).  Returns 0, CONCORD_TEXTPACK_NEED_DICT (see below), or -1 when the
 * blob is not a valid packed cell (nothing allocated then). */
int concord_textpack_unpack(concord_textpack *tp, const void *blob, size_t n, char **text,
                            size_t *len);
/* Dictionaries (zstd, trained on the first texts of a store: small texts
 * compress about 30% better with one).  A frame names its dictionary by id;
 * unpack returns CONCORD_TEXTPACK_NEED_DICT when that dictionary has not
 * been added (concord_textpack_needed_dict tells which).  add_dict makes a
 * dictionary known for unpacking, and with for_packing also the one pack
 * uses from then on.  train fills dict (at most cap bytes) from n samples
 * laid end to end in samples (sizes[i] bytes each); -1 when zstd cannot. */
#define CONCORD_TEXTPACK_NEED_DICT (-2)
unsigned concord_textpack_needed_dict(const void *blob, size_t n);
unsigned concord_textpack_dict_id(const void *dict, size_t n);
int concord_textpack_add_dict(concord_textpack *tp, const void *dict, size_t n, int for_packing);
unsigned concord_textpack_packing_dict(const concord_textpack *tp);
int concord_textpack_train(const char *samples, const size_t *sizes, size_t n, size_t cap,
                           concord_buf *dict);
/* Upper bound of the unpacked size the store accepts (1 GiB, SQLite's limit). */
#define CONCORD_TEXTPACK_MAX ((size_t)1 << 30)

#endif
