/* fuzz_clean.c: libFuzzer target for stage 2 (src/clean/clean.c) and the
 * articles.jsonl record (src/emit/emit.c).
 *
 * Input layout: the first line is the title, the rest the body (both are
 * repaired to valid UTF-8 first, as every reader does).  The first byte
 * also picks whether the article carries a date, so the date-line paths run
 * both ways.  Properties checked:
 *   - removed ranges lie in the raw text, sorted, non-overlapping, non-empty,
 *     on UTF-8 character boundaries, each with a reason;
 *   - the cleaned text is exactly the raw text with those ranges deleted
 *     (the clean.h invariant), valid UTF-8, len == strlen;
 *   - concord_clean_to_raw maps every cleaned byte to the same raw byte, by
 *     binary search and by the linear scan (removed_before NULL) alike;
 *   - byline / dateline / outlet are valid UTF-8, date is "" or YYYY-MM-DD;
 *   - the articles.jsonl record parses strictly and holds the cleaned text;
 *   - cleaning is deterministic (a second run gives the same result). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concord/clean.h"
#include "concord/emit.h"
#include "concord/json.h"
#include "concord/text.h"

static int S_boundary(const char *s, size_t len, size_t off)
{
    return off == 0 || off >= len || ((unsigned char)s[off] & 0xC0) != 0x80;
}

static void S_check_meta(const char *s)
{
    if (!s || !concord_utf8_valid(s, strlen(s)))
        abort();
}

static void S_check(const concord_article *a, const concord_clean *c)
{
    const char *raw = a->text;
    size_t rlen = a->text_len;
    if (!c || !c->text || strlen(c->text) != c->len)
        abort();
    if (!concord_utf8_valid(c->text, c->len))
        abort();
    S_check_meta(c->byline);
    S_check_meta(c->dateline);
    S_check_meta(c->outlet);
    S_check_meta(c->date);
    if (*c->date) {
        size_t dl = strlen(c->date);
        if (dl != 10 || c->date[4] != '-' || c->date[7] != '-')
            abort();
    }
    /* removed ranges: sorted, disjoint, inside, on boundaries; rebuild */
    concord_buf rebuilt;
    concord_buf_init(&rebuilt);
    size_t at = 0;
    for (size_t i = 0; i < c->n_removed; i++) {
        const concord_removal *r = &c->removed[i];
        if (r->start < at || r->end <= r->start || r->end > rlen || !r->why || !*r->why)
            abort();
        if (!S_boundary(raw, rlen, r->start) || !S_boundary(raw, rlen, r->end))
            abort();
        concord_buf_add(&rebuilt, raw + at, r->start - at);
        at = r->end;
    }
    concord_buf_add(&rebuilt, raw + at, rlen - at);
    if (rebuilt.len != c->len || memcmp(rebuilt.data ? rebuilt.data : "", c->text, c->len))
        abort();
    concord_buf_free(&rebuilt);

    /* offset map, both ways of computing it */
    concord_clean linear = *c;
    linear.removed_before = NULL;
    for (size_t i = 0; i < c->len; i++) {
        size_t r1 = concord_clean_to_raw(c, i);
        size_t r2 = concord_clean_to_raw(&linear, i);
        if (r1 != r2 || r1 >= rlen || raw[r1] != c->text[i])
            abort();
    }

    /* the articles.jsonl record */
    concord_buf rec;
    concord_buf_init(&rec);
    concord_emit_article(&rec, a, c);
    concord_json_info info;
    concord_json *j = concord_json_parse_ex(rec.data, rec.len, 0, &info);
    if (!j || j->type != CONCORD_JSON_OBJECT)
        abort();
    const concord_json *t = concord_json_get(j, "text");
    if (!t || t->type != CONCORD_JSON_STRING || t->len != c->len || memcmp(t->str, c->text, c->len))
        abort();
    const concord_json *rm = concord_json_get(j, "removed");
    if (!rm || rm->type != CONCORD_JSON_ARRAY || rm->len != c->n_removed)
        abort();
    concord_json_free(j);
    concord_buf_free(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t tlen = nl ? (size_t)(nl - s) : 0;
    size_t body_at = nl ? tlen + 1 : 0;
    size_t title_len = 0, text_len = 0;
    char *title = concord_utf8_repair(s, tlen, &title_len, NULL, NULL);
    char *text = concord_utf8_repair(s + body_at, size - body_at, &text_len, NULL, NULL);
    const char *date = size && (data[0] & 1) ? "2022-01-12" : "";
    concord_article *a = concord_article_new("fuzz", "fuzz.example", "https://fuzz.example/a", date,
                                             title, text, text_len);
    concord_clean *c = concord_clean_article(a);
    S_check(a, c);

    concord_clean *c2 = concord_clean_article(a);
    if (c2->len != c->len || memcmp(c2->text, c->text, c->len) || c2->n_removed != c->n_removed)
        abort();
    concord_clean_free(c2);

    concord_clean_free(c);
    concord_article_free(a);
    free(title);
    free(text);
    return 0;
}
