/* emit.c: articles.jsonl records (see concord/emit.h). */
#include "concord/emit.h"

#include <math.h>

const char *concord_article_day(const concord_article *a, const concord_clean *c)
{
    if (a->date && a->date[0])
        return a->date;
    if (c && c->date && c->date[0])
        return c->date;
    return "";
}

void concord_emit_article(concord_buf *out, const concord_article *a, const concord_clean *c)
{
    concord_buf_adds(out, "{\"id\":");
    concord_json_str(out, a->id);
    concord_buf_adds(out, ",\"source\":");
    concord_json_str(out, a->source);
    concord_buf_adds(out, ",\"url\":");
    concord_json_str(out, a->url);
    concord_buf_adds(out, ",\"date\":");
    concord_json_str(out, concord_article_day(a, c));
    concord_buf_adds(out, ",\"title\":");
    concord_json_str(out, a->title);
    concord_buf_adds(out, ",\"byline\":");
    concord_json_str(out, c && c->byline[0] ? c->byline : a->byline ? a->byline : "");
    /* web pages (concord/html.h): written when the input says */
    if (a->lang && a->lang[0]) {
        concord_buf_adds(out, ",\"lang\":");
        concord_json_str(out, a->lang);
    }
    if (a->canonical && a->canonical[0]) {
        concord_buf_adds(out, ",\"canonical\":");
        concord_json_str(out, a->canonical);
    }
    concord_buf_adds(out, ",\"dateline\":");
    concord_json_str(out, c ? c->dateline : "");
    concord_buf_adds(out, ",\"outlet\":");
    concord_json_str(out, c ? c->outlet : "");
    concord_buf_adds(out, ",\"text\":");
    if (c)
        concord_json_strn(out, c->text, c->len);
    else
        concord_json_strn(out, a->text, a->text_len);
    concord_buf_adds(out, ",\"removed\":[");
    for (size_t i = 0; c && i < c->n_removed; i++) {
        if (i)
            concord_buf_addc(out, ',');
        concord_buf_printf(out, "{\"start\":%zu,\"end\":%zu,\"why\":", c->removed[i].start,
                           c->removed[i].end);
        concord_json_str(out, c->removed[i].why);
        concord_buf_addc(out, '}');
    }
    concord_buf_adds(out, "]");
    if (a->bad_bytes)
        concord_buf_printf(out, ",\"bad_bytes\":%zu", a->bad_bytes);
    concord_buf_addc(out, '}');
}

void concord_json_write(concord_buf *out, const concord_json *j)
{
    if (!j) {
        concord_buf_adds(out, "null");
        return;
    }
    switch (j->type) {
        case CONCORD_JSON_NULL: concord_buf_adds(out, "null"); break;
        case CONCORD_JSON_FALSE: concord_buf_adds(out, "false"); break;
        case CONCORD_JSON_TRUE: concord_buf_adds(out, "true"); break;
        case CONCORD_JSON_NUMBER:
            if (j->str && j->len) /* the literal as written: no binary rounding */
                concord_buf_add(out, j->str, j->len);
            else if (!isfinite(j->number))
                concord_buf_adds(out, "null"); /* JSON has no infinities */
            else if (j->number > -9e15 && j->number < 9e15 && j->number == floor(j->number))
                concord_buf_printf(out, "%lld", (long long)j->number);
            else
                concord_buf_printf(out, "%.17g", j->number);
            break;
        case CONCORD_JSON_STRING: concord_json_strn(out, j->str, j->len); break;
        case CONCORD_JSON_ARRAY:
        case CONCORD_JSON_OBJECT:
            concord_buf_addc(out, j->type == CONCORD_JSON_ARRAY ? '[' : '{');
            for (size_t i = 0; i < j->len; i++) {
                if (i)
                    concord_buf_addc(out, ',');
                if (j->type == CONCORD_JSON_OBJECT) {
                    concord_json_str(out, j->items[i]->key);
                    concord_buf_addc(out, ':');
                }
                concord_json_write(out, j->items[i]);
            }
            concord_buf_addc(out, j->type == CONCORD_JSON_ARRAY ? ']' : '}');
            break;
    }
}

void concord_emit_story(concord_buf *out, const char *story_id, const char *title,
                        const char *first, const char *last, const concord_member *m, size_t n,
                        const char *const *duplicate_of, const concord_figures *fig,
                        const concord_quotes *quo, const concord_reuse *reu,
                        const concord_digest *dig)
{
    concord_buf_adds(out, "{\"story\":");
    concord_json_str(out, story_id);
    concord_buf_adds(out, ",\"title\":");
    concord_json_str(out, title ? title : "");
    concord_buf_adds(out, ",\"first\":");
    concord_json_str(out, first ? first : "");
    concord_buf_adds(out, ",\"last\":");
    concord_json_str(out, last ? last : "");
    concord_buf_adds(out, ",\"articles\":[");
    for (size_t i = 0; i < n; i++) {
        const concord_article *a = m[i].article;
        if (i)
            concord_buf_addc(out, ',');
        concord_buf_adds(out, "{\"id\":");
        concord_json_str(out, a->id);
        concord_buf_adds(out, ",\"source\":");
        concord_json_str(out, a->source);
        concord_buf_adds(out, ",\"date\":");
        concord_json_str(out, concord_article_day(a, m[i].clean));
        concord_buf_adds(out, ",\"title\":");
        concord_json_str(out, a->title);
        concord_buf_adds(out, ",\"url\":");
        concord_json_str(out, a->url);
        concord_buf_adds(out, ",\"duplicate_of\":");
        concord_json_str(out, duplicate_of ? duplicate_of[i] : NULL);
        concord_buf_adds(out, ",\"derived_from\":");
        concord_reuse_derived_json(reu, m, n, i, out);
        concord_buf_adds(out, ",\"credits\":");
        concord_reuse_credits_json(reu, m, n, i, out);
        concord_buf_adds(out, ",\"spun\":");
        concord_reuse_spun_json(reu, i, out);
        concord_buf_addc(out, '}');
    }
    concord_buf_adds(out, "],\"quotes\":");
    concord_quotes_json(quo, m, n, out);
    concord_buf_adds(out, ",\"figures\":");
    concord_figures_json(fig, m, n, out);
    concord_buf_adds(out, ",\"reuse\":");
    concord_reuse_json(reu, m, n, out);
    concord_buf_adds(out, ",\"digest\":");
    concord_digest_json(dig, m, n, out);
    concord_buf_addc(out, '}');
}
