/* fuzz_json.c: libFuzzer target for the JSON parser (src/common/json.c) and the JSON
 * writers (concord_json_str / concord_json_strn in base.c, concord_json_write
 * in emit.c).  Properties checked on every input:
 *   - strict parse, lenient parse (raw control characters, NUL to space),
 *     field-filtered parse and skip-only agree on whether the input is one
 *     valid value; a strict success is a lenient success;
 *   - the filtered parse keeps exactly the string members the full parse has
 *     (first of duplicate keys wins in both);
 *   - every decoded string is valid UTF-8 of the stated length (NULs only
 *     without NUL_TO_SPACE);
 *   - write(parse(x)) parses again strictly and is a fixed point of
 *     parse + write (numbers, keys, escapes survive);
 *   - concord_json_strn of any repaired text parses back to the same bytes,
 *     and holds no raw '<', '>' or '&' (safe inside HTML <script>). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concord/emit.h"
#include "concord/json.h"
#include "concord/text.h"

static void S_check_tree(const concord_json *j, int nul_ok, int depth)
{
    if (depth > 600)
        abort();
    switch (j->type) {
        case CONCORD_JSON_STRING:
            if (!j->str || j->str[j->len] != 0)
                abort();
            if (nul_ok) {
                /* valid UTF-8 apart from NUL bytes */
                for (size_t i = 0; i < j->len;) {
                    size_t k = i;
                    while (k < j->len && j->str[k])
                        k++;
                    if (!concord_utf8_valid(j->str + i, k - i))
                        abort();
                    i = k + 1;
                }
            } else if (!concord_utf8_valid(j->str, j->len)) {
                abort();
            }
            break;
        case CONCORD_JSON_NUMBER:
            if (!j->str || strlen(j->str) != j->len || !j->len)
                abort();
            break;
        case CONCORD_JSON_ARRAY:
        case CONCORD_JSON_OBJECT:
            for (size_t i = 0; i < j->len; i++) {
                if (!j->items[i])
                    abort();
                if (j->type == CONCORD_JSON_OBJECT && !j->items[i]->key)
                    abort();
                S_check_tree(j->items[i], nul_ok, depth + 1);
            }
            break;
        default: break;
    }
}

static int S_only_ws(const uint8_t *s, size_t from, size_t len)
{
    for (size_t i = from; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

static void S_roundtrip(const concord_json *j)
{
    concord_buf w1, w2;
    concord_buf_init(&w1);
    concord_buf_init(&w2);
    concord_json_write(&w1, j);
    concord_json_info info;
    concord_json *j2 = concord_json_parse_ex(w1.data, w1.len, 0, &info);
    if (!j2)
        abort(); /* the writer produced something that is not JSON */
    concord_json_write(&w2, j2);
    if (w1.len != w2.len || memcmp(w1.data, w2.data, w1.len))
        abort(); /* parse + write is not a fixed point */
    concord_json_free(j2);
    concord_buf_free(&w1);
    concord_buf_free(&w2);
}

static void S_agree(const uint8_t *data, size_t size, unsigned flags)
{
    static const char *const keys[] = {"id", "text", "title", "a", ""};
    concord_json_info info, finfo, sinfo;
    concord_json *full = concord_json_parse_ex((const char *)data, size, flags, &info);
    concord_json *part =
        concord_json_parse_fields((const char *)data, size, flags, keys, 5, &finfo);
    size_t end = concord_json_skip((const char *)data, size, flags, &sinfo);
    int skip_ok = end > 0 && end <= size && S_only_ws(data, end, size);
    if (end > size)
        abort();
    if (!!full != !!part || !!full != skip_ok)
        abort();
    if (!full) {
        if (!info.err_msg || info.err_pos > size || !finfo.err_msg)
            abort();
        return;
    }
    if (info.err_msg)
        abort();
    int nul_ok = !(flags & CONCORD_JSON_NUL_TO_SPACE);
    S_check_tree(full, nul_ok, 0);
    if (full->type == CONCORD_JSON_OBJECT) {
        if (part->type != CONCORD_JSON_OBJECT)
            abort();
        for (size_t k = 0; k < 5; k++) {
            const concord_json *a = concord_json_get(full, keys[k]);
            const concord_json *b = concord_json_get(part, keys[k]);
            if (!a != !b)
                abort();
            if (a && a->type != b->type)
                abort();
            if (a && a->type == CONCORD_JSON_STRING &&
                (a->len != b->len || memcmp(a->str, b->str, a->len)))
                abort();
        }
    }
    S_roundtrip(full);
    concord_json_free(full);
    concord_json_free(part);
}

static void S_no_controls(const concord_json *j)
{
    if (j->type == CONCORD_JSON_STRING || j->key) {
        const char *t[2] = {j->type == CONCORD_JSON_STRING ? j->str : "", j->key ? j->key : ""};
        size_t n[2] = {j->type == CONCORD_JSON_STRING ? j->len : 0, j->key ? strlen(j->key) : 0};
        for (int k = 0; k < 2; k++)
            for (size_t i = 0; i < n[k]; i++) {
                unsigned char c = (unsigned char)t[k][i];
                if (c < 0x20 || c == 0x7f ||
                    (c == 0xc2 && i + 1 < n[k] && (unsigned char)t[k][i + 1] >= 0x80 &&
                     (unsigned char)t[k][i + 1] <= 0x9f))
                    abort();
            }
    }
    if (j->type == CONCORD_JSON_ARRAY || j->type == CONCORD_JSON_OBJECT)
        for (size_t i = 0; i < j->len; i++)
            S_no_controls(j->items[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_agree(data, size, 0);
    S_agree(data, size, CONCORD_JSON_RAW_CTRL);
    S_agree(data, size, CONCORD_JSON_RAW_CTRL | CONCORD_JSON_NUL_TO_SPACE);

    concord_json *strict = concord_json_parse_ex((const char *)data, size, 0, NULL);
    concord_json *lenient =
        concord_json_parse_ex((const char *)data, size, CONCORD_JSON_RAW_CTRL, NULL);
    if (strict && !lenient)
        abort();
    /* the terminal-safe copy of a valid document is valid, and its strings
     * hold no C0 control, DEL or C1 control */
    if (strict) {
        size_t vlen = 0;
        char *vis = concord_json_visible((const char *)data, size, &vlen);
        concord_json *v = concord_json_parse_ex(vis, vlen, 0, NULL);
        if (!v)
            abort();
        S_no_controls(v);
        concord_json_free(v);
        free(vis);
    }
    concord_json_free(strict);
    concord_json_free(lenient);

    /* the string writer: any repaired text round-trips exactly */
    size_t rlen = 0;
    char *fixed = concord_utf8_repair((const char *)data, size, &rlen, NULL, NULL);
    concord_buf b;
    concord_buf_init(&b);
    concord_json_strn(&b, fixed, rlen);
    if (memchr(b.data, '<', b.len) || memchr(b.data, '>', b.len) || memchr(b.data, '&', b.len))
        abort();
    concord_json *s = concord_json_parse_ex(b.data, b.len, 0, NULL);
    if (!s || s->type != CONCORD_JSON_STRING || s->len != rlen || memcmp(s->str, fixed, rlen))
        abort();
    concord_json_free(s);
    concord_buf_free(&b);
    free(fixed);
    return 0;
}
