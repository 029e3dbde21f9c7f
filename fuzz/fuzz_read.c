/* fuzz_read.c: libFuzzer target for stage 1.  The input bytes go through the
 * reader as a JSON Lines stream, as a .txt article and as standard input
 * (sniffed), with a small record limit so the over-long-line path is hit too;
 * then straight into the JSON parser (strict, lenient, field-filtered and
 * skip-only), the date
 * normalizer and the URL host extractor.  Every article must come out with
 * valid UTF-8 strings of the stated lengths. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concord/json.h"
#include "concord/read.h"
#include "concord/text.h"
#include "concord/experimental.h"

static void S_check(const concord_article *a)
{
    const char *fields[] = {a->id, a->source, a->url, a->date, a->title, a->origin};
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
        if (!fields[k] || !concord_utf8_valid(fields[k], strlen(fields[k])))
            abort();
    if (strlen(a->text) != a->text_len || !concord_utf8_valid(a->text, a->text_len))
        abort();
    if (!*a->id || !*a->source)
        abort();
}

static void S_read(const uint8_t *data, size_t size, const char *name, int kind, size_t max)
{
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    concord_reader *r = concord_reader_open_memory(name, data, size, kind, d);
    concord_reader_set_max_record(r, max);
    concord_article *a;
    while (concord_reader_next(r, &a)) {
        S_check(a);
        concord_article_free(a);
    }
    concord_reader_close(r);
    concord_diag_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_read(data, size, "fuzz.jsonl", CONCORD_READ_JSONL, 1u << 20);
    S_read(data, size, "fuzz.jsonl", CONCORD_READ_JSONL, 64);
    S_read(data, size, "fuzz.txt", CONCORD_READ_TEXT, 1u << 20);
    S_read(data, size, "-", CONCORD_READ_AUTO, 1u << 20);
    S_read(data, size, "fuzz.json", CONCORD_READ_AUTO, 1u << 20);
    /* a .json array streamed through a tiny record limit (elements over it
     * discarded), and a name without a known extension (sniffed) */
    S_read(data, size, "fuzz.json", CONCORD_READ_AUTO, 64);
    S_read(data, size, "fuzz", CONCORD_READ_AUTO, 1u << 20);

    concord_json_info info;
    concord_json *j = concord_json_parse_ex((const char *)data, size, 0, &info);
    concord_json_free(j);
    j = concord_json_parse_ex((const char *)data, size,
                              CONCORD_JSON_RAW_CTRL | CONCORD_JSON_NUL_TO_SPACE, &info);
    concord_json_free(j);
    static const char *const keys[] = {"id", "text", "title"};
    j = concord_json_parse_fields((const char *)data, size, CONCORD_JSON_RAW_CTRL, keys, 3, &info);
    concord_json_free(j);
    size_t end = concord_json_skip((const char *)data, size, 0, &info);
    if (end > size)
        abort();

    char out[11];
    if (concord_date_normalize((const char *)data, size, out) && strlen(out) != 10)
        abort();
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = 0;
    free(concord_url_host(s));
    free(s);
    return 0;
}
