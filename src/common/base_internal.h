/* base_internal.h (internal): what src/ shares beyond concord/base.h.
 *
 * concord__fatal is the one place where the library writes to stderr
 * itself: out of memory and broken internal invariants (data compiled into
 * the library that does not load, a dependency without its built-in
 * defaults).  It prints "concord: MESSAGE" and aborts.  Problems in the
 * input never come here: they go to a concord_diag (concord/base.h).
 *
 * Varints (the store's packed cells): LEB128, seven bits a byte, low bits
 * first, at most ten bytes for 64 bits.  concord__buf_add_varint appends
 * to the caller's buffer; concord__varint_get reads one at *p (advanced)
 * and returns 0 when the bytes end or run past ten before the last byte.
 * Both keep no state and are thread-safe on distinct buffers. */
#ifndef CONCORD_BASE_INTERNAL_H
#define CONCORD_BASE_INTERNAL_H

#include <stdint.h>

#include "concord/base.h"

_Noreturn void concord__fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void concord__buf_add_varint(concord_buf *b, uint64_t v);
int concord__varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v);

#endif
