/* jsonw_internal.h (internal): the one JSON writer of the library.
 *
 * Every JSON document the library writes (articles.jsonl and stories.jsonl
 * records, the explain modules' arrays, serve's API answers) goes through
 * these calls, so that separators, nesting, string escaping and number
 * formats are decided in one place.
 *
 * Contract:
 * - Memory: a jsonw appends to a caller-owned concord_buf and never frees
 *   or clears it.  Nesting up to JSONW_INLINE_DEPTH levels needs no
 *   allocation; deeper nesting allocates a stack that concord__jsonw_finish
 *   frees (call it always; it is cheap).  Out of memory aborts (base.h).
 * - Separators: commas between members and elements are written by the
 *   writer; the caller only says what comes next.  Inside an object every
 *   value follows a key (concord__jsonw_key or a concord__jsonw_key_*
 *   shorthand).  At depth 0 (no container open) values are written one
 *   after the other without a separator: a JSON Lines caller ends each
 *   document with its own '\n'.
 * - Strings: concord_json_strn (base.c) escapes them, the project's one
 *   escaper: '"', '\\', control characters, C1 controls, U+2028/U+2029 and
 *   '<' '>' '&' (so JSON may sit inside HTML).  Bytes that are not UTF-8
 *   pass through as they are (text is repaired on input, see json.h and
 *   read.h); a NUL inside a counted string is written as \u0000.  A NULL
 *   string is written as null.
 * - Keys given to concord__jsonw_key are names written in the code: ASCII
 *   letters, digits and '_', written as they are.  A key that comes from
 *   data goes through concord__jsonw_key_text, which escapes it.
 * - Numbers: unsigned and signed integers in decimal (what printf's %zu,
 *   %u and %lld write); doubles as printf's "%.*g" with the precision the
 *   caller names (1 to 17; outside that, 17); a double that is not finite is written as null (JSON has
 *   no NaN or infinity).  concord__jsonw_fixed writes printf's "%.*f"
 *   (decimals 0 to 9; outside that, clamped), byte for byte, including
 *   the sign of a negative value that rounds to zero ("-0.000"); it works
 *   on integers and calls snprintf only for values it cannot round
 *   exactly that way (near a tie, or beyond 2^53 once scaled).
 *   concord__jsonw_hex64 writes a string of 16 lowercase hexadecimal
 *   digits (printf's "\"%016llx\"").
 * - A value written elsewhere: concord__jsonw_external writes the separator
 *   the next value needs and returns the buffer, for a function that
 *   appends exactly one JSON value to a concord_buf (concord_figures_json,
 *   concord_quotes_json ...).  concord__jsonw_raw does the same for a value
 *   already rendered as bytes.
 * - The writer checks nothing about balance beyond what it needs: ending a
 *   container that was not begun, or a key outside an object, is a bug in
 *   the caller (assert in debug builds).
 * - Thread-safety: a jsonw and its buffer belong to one thread at a time;
 *   writers on different buffers are independent. */
#ifndef CONCORD_JSONW_INTERNAL_H
#define CONCORD_JSONW_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "concord/base.h"

enum { JSONW_INLINE_DEPTH = 128 };

typedef struct jsonw {
    concord_buf *out;
    size_t depth;    /* containers open */
    int after_key;   /* a key was written: its value takes no separator */
    uint64_t *used;  /* bit per depth: something was written at that level */
    size_t cap_bits; /* bits in used */
    uint64_t inline_used[JSONW_INLINE_DEPTH / 64];
} jsonw;

void concord__jsonw_init(jsonw *w, concord_buf *out);
/* Frees what deep nesting allocated; the buffer stays the caller's. */
void concord__jsonw_finish(jsonw *w);

void concord__jsonw_begin_object(jsonw *w);
void concord__jsonw_end_object(jsonw *w);
void concord__jsonw_begin_array(jsonw *w);
void concord__jsonw_end_array(jsonw *w);

/* A member's key: a name from the code (see above), or text from data. */
void concord__jsonw_key(jsonw *w, const char *name);
void concord__jsonw_key_text(jsonw *w, const char *s, size_t n);

/* Values. */
void concord__jsonw_str(jsonw *w, const char *s); /* NULL: null */
void concord__jsonw_strn(jsonw *w, const char *s, size_t n);
void concord__jsonw_null(jsonw *w);
void concord__jsonw_bool(jsonw *w, int v);
void concord__jsonw_uint(jsonw *w, uint64_t v);
void concord__jsonw_int(jsonw *w, long long v);
void concord__jsonw_double(jsonw *w, double v, int precision);
void concord__jsonw_fixed(jsonw *w, double v, int decimals);
void concord__jsonw_hex64(jsonw *w, uint64_t v);
void concord__jsonw_raw(jsonw *w, const char *json, size_t n);
concord_buf *concord__jsonw_external(jsonw *w);

/* A key and its value in one call. */
void concord__jsonw_key_str(jsonw *w, const char *name, const char *s);
void concord__jsonw_key_strn(jsonw *w, const char *name, const char *s, size_t n);
void concord__jsonw_key_uint(jsonw *w, const char *name, uint64_t v);
void concord__jsonw_key_bool(jsonw *w, const char *name, int v);
void concord__jsonw_key_double(jsonw *w, const char *name, double v, int precision);
void concord__jsonw_key_fixed(jsonw *w, const char *name, double v, int decimals);

#endif
