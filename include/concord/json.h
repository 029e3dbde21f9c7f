/* concord/json.h: a small JSON parser (DOM) for JSON Lines input, stored story
 * documents and tests.
 *
 * Ownership: concord_json_parse returns a tree owned by the caller and freed
 * with concord_json_free (one call frees every node). Lookups return borrowed
 * pointers into the tree. Parsing is re-entrant; a tree is read-only after parsing.
 * Strings are decoded (escapes, surrogate pairs) into UTF-8; invalid UTF-8 and
 * lone surrogates become U+FFFD; embedded NULs are kept (len is exact).
 * Memory: one arena per document; about 60 bytes per value plus the decoded
 * strings, so for untrusted records (a line of millions of tiny values) use
 * concord_json_parse_fields, whose memory does not grow with what it drops.
 * Speed: strings are found with memchr and copied in plain runs; around
 * 0.5-1 GB/s on long text fields (bench/bench_read). */
#ifndef CONCORD_JSON_H
#define CONCORD_JSON_H

#include "concord/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CONCORD_JSON_NULL,
    CONCORD_JSON_FALSE,
    CONCORD_JSON_TRUE,
    CONCORD_JSON_NUMBER,
    CONCORD_JSON_STRING,
    CONCORD_JSON_ARRAY,
    CONCORD_JSON_OBJECT
} concord_json_type;

typedef struct concord_json concord_json;
struct concord_json {
    concord_json_type type;
    double number;        /* NUMBER */
    char *str;            /* STRING: NUL-terminated; NUMBER: its literal text
                               (so ids like 12345678901234567890 survive) */
    size_t len;           /* STRING/NUMBER: bytes of str; ARRAY/OBJECT: children */
    char *key;            /* set on object members */
    concord_json **items; /* ARRAY/OBJECT children in order */
};

/* Parses exactly one JSON value (surrounding whitespace allowed).  On error
 * returns NULL and, when err_pos is not NULL, the byte offset of the error and
 * a static message in *err_msg. Nesting deeper than 512 is an error. */
CONCORD_EXPORT concord_json *concord_json_parse(const char *s, size_t len, size_t *err_pos,
                                                const char **err_msg);
/* Frees a tree returned by a parse call (j must be that root); NULL is fine. */
CONCORD_EXPORT void concord_json_free(concord_json *j);

/* Extended parse for readers of untrusted input.  Flags: */
enum {
    /* Accept raw control characters (U+0000..U+001F) inside strings, which
     * RFC 8259 forbids; scraped JSON Lines sometimes carry raw tabs or NULs. */
    CONCORD_JSON_RAW_CTRL = 1u << 0,
    /* Write NUL characters (raw or \u0000) as a space, so every string is a
     * clean C string. */
    CONCORD_JSON_NUL_TO_SPACE = 1u << 1
};
/* What a parse found; every field is filled whether or not the parse succeeds. */
typedef struct concord_json_info {
    size_t err_pos;      /* byte offset of the error (parse failed) */
    const char *err_msg; /* static message, NULL on success */
    size_t bad;          /* invalid UTF-8 bytes and lone surrogates -> U+FFFD */
    size_t nul;          /* NUL characters seen in strings (raw or \u0000) */
    size_t first_bad;    /* input offset of the first bad/NUL one, SIZE_MAX if none */
} concord_json_info;
CONCORD_EXPORT concord_json *concord_json_parse_ex(const char *s, size_t len, unsigned flags,
                                                   concord_json_info *info);
/* Like concord_json_parse_ex, for records of which only a few fields are used:
 * the whole input is checked, but when it is an object only the members named
 * in keys are built (the first of duplicate keys wins), a kept member whose
 * value is an array or object gets an empty node of that type, and when the
 * root is an array its elements are not built (len 0).  Memory is then the
 * kept strings plus a constant, whatever the input holds (a line of millions
 * of tiny values cannot blow up).  info->bad / nul count the kept strings. */
CONCORD_EXPORT concord_json *concord_json_parse_fields(const char *s, size_t len, unsigned flags,
                                                       const char *const *keys, size_t n_keys,
                                                       concord_json_info *info);
/* The named top-level members of the object s[0..len), parsed alone and
 * built in full (for a stored document of which one part is read: the rest
 * is only syntax-checked with concord_json_skip).  The result is an object
 * holding the members found, in keys order (the first of duplicate keys,
 * as concord_json_get finds it); keys are plain names without quotes.  When
 * s is not an object of plain (unescaped) keys the whole of s is parsed
 * instead, so the answer is always what a whole parse would give for those
 * members; NULL when s does not parse.  Caller frees (concord_json_free). */
CONCORD_EXPORT concord_json *concord_json_parse_members(const char *s, size_t len,
                                                        const char *const *keys, size_t n_keys);
/* Checks the syntax of the one value starting at s (after whitespace) without
 * building anything; returns the offset just past it, or 0 on error (info,
 * which may be NULL, then holds err_pos and err_msg).  Text after the value
 * is not looked at, so this walks a sequence of values (a JSON array of
 * records) one at a time. */
CONCORD_EXPORT size_t concord_json_skip(const char *s, size_t len, unsigned flags,
                                        concord_json_info *info);

/* A copy of the JSON text s[0..len) (caller frees; length in *out_len, may
 * be NULL) whose strings, once decoded, are inert on a terminal: tab, newline
 * and carriage return become spaces, other C0 controls and DEL caret
 * notation (^[), C1 controls, U+2028/U+2029 and bidirectional overrides the
 * text \uXXXX (see concord_buf_add_visible).  Raw or escaped, inside any
 * string; the rest of the text is copied as is.  For the terminal views,
 * which print fields of stored story documents. */
CONCORD_EXPORT char *concord_json_visible(const char *s, size_t len, size_t *out_len);

/* Member of an object by key, or NULL. */
CONCORD_EXPORT const concord_json *concord_json_get(const concord_json *obj, const char *key);
/* String value of member key, or NULL when absent or not a string. */
CONCORD_EXPORT const char *concord_json_get_str(const concord_json *obj, const char *key);
/* Number value of member key, or dflt. */
CONCORD_EXPORT double concord_json_get_num(const concord_json *obj, const char *key, double dflt);

#ifdef __cplusplus
}
#endif
#endif
