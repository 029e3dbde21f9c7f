/* fuzz_jsonw.c: libFuzzer target for the JSON writer (src/common/jsonw.c).
 * The input is a program of writer calls (containers opened and closed in
 * any order, keys from the code and from data, strings of any bytes,
 * integers, doubles of any precision, values written by another function);
 * a small model keeps the calls legal (a key before each value in an
 * object, containers closed at the end, at most 500 levels: the parser's
 * limit is 512).  Properties checked on every input:
 *   - the text written is one JSON value that the strict parser reads;
 *   - it has as many values as the program wrote (nothing lost or doubled
 *     by the separators);
 *   - write(parse(text)) parses again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concord/emit.h"
#include "concord/json.h"
#include "../src/common/jsonw_internal.h"

enum { S_MAX_DEPTH = 500 };

typedef struct {
    const uint8_t *p;
    size_t n;
} S_input;

static uint8_t S_byte(S_input *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

static uint64_t S_u64(S_input *in)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | S_byte(in);
    return v;
}

/* The next up to 31 bytes of the input as text. */
static size_t S_text(S_input *in, const char **s)
{
    size_t len = S_byte(in) % 32;
    if (len > in->n)
        len = in->n;
    *s = (const char *)in->p;
    in->p += len;
    in->n -= len;
    return len;
}

static size_t S_count(const concord_json *j)
{
    size_t c = 1;
    if (j->type == CONCORD_JSON_ARRAY || j->type == CONCORD_JSON_OBJECT)
        for (size_t i = 0; i < j->len; i++)
            c += S_count(j->items[i]);
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_input in = {data, size};
    concord_buf out;
    concord_buf_init(&out);
    jsonw w;
    concord__jsonw_init(&w, &out);
    unsigned char is_object[S_MAX_DEPTH + 1];
    size_t depth = 0, values = 0;
    int key_pending = 0, done = 0;
    while (!done) {
        uint8_t op = in.n ? S_byte(&in) % 10 : 2;
        if (op == 2) { /* close the innermost container (or finish) */
            if (depth == 0) {
                if (!values) {
                    concord__jsonw_null(&w);
                    values++;
                }
                break;
            }
            if (key_pending) {
                concord__jsonw_null(&w);
                values++;
                key_pending = 0;
            }
            if (is_object[depth])
                concord__jsonw_end_object(&w);
            else
                concord__jsonw_end_array(&w);
            depth--;
            done = depth == 0;
            continue;
        }
        if (depth && is_object[depth] && !key_pending) {
            const char *k;
            size_t kl = S_text(&in, &k);
            if (op == 7 || kl == 0)
                concord__jsonw_key(&w, "name");
            else
                concord__jsonw_key_text(&w, k, kl);
            key_pending = 1;
            if (op == 7)
                continue;
        }
        key_pending = 0;
        values++;
        const char *s;
        size_t len;
        switch (op) {
            case 0:
            case 1:
                if (depth == S_MAX_DEPTH) {
                    concord__jsonw_null(&w);
                    break;
                }
                depth++;
                is_object[depth] = op == 1;
                if (op == 1)
                    concord__jsonw_begin_object(&w);
                else
                    concord__jsonw_begin_array(&w);
                break;
            case 3:
                len = S_text(&in, &s);
                concord__jsonw_strn(&w, s, len);
                break;
            case 4: concord__jsonw_uint(&w, S_u64(&in)); break;
            case 5: concord__jsonw_int(&w, (long long)S_u64(&in)); break;
            case 6: {
                uint64_t bits = S_u64(&in);
                double v;
                memcpy(&v, &bits, sizeof v);
                concord__jsonw_double(&w, v, (int)(S_byte(&in) % 24) - 2);
                break;
            }
            case 8: /* a value from a function that writes into a buffer */
                concord_buf_adds(concord__jsonw_external(&w), "[true,{}]");
                values += 2;
                break;
            default: concord__jsonw_bool(&w, op & 1); break;
        }
        done = depth == 0;
    }
    concord__jsonw_finish(&w);
    concord_json *j = concord_json_parse(out.data, out.len, NULL, NULL);
    if (!j || S_count(j) != values)
        abort();
    concord_buf again;
    concord_buf_init(&again);
    concord_json_write(&again, j);
    concord_json *k = concord_json_parse(again.data, again.len, NULL, NULL);
    if (!k)
        abort();
    concord_json_free(k);
    concord_json_free(j);
    concord_buf_free(&again);
    concord_buf_free(&out);
    return 0;
}
