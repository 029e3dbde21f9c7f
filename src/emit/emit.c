/* emit.c: articles.jsonl and stories.jsonl records (see concord/emit.h),
 * written through the library's JSON writer (common/jsonw_internal.h). */
#include "concord/emit.h"

#include <math.h>
#include <string.h>

#include "common/jsonw_internal.h"

const char *concord_article_day(const concord_article *a, const concord_clean *c)
{
    if (a->date && a->date[0])
        return a->date;
    if (c && c->date && c->date[0])
        return c->date;
    return "";
}

static void S_removed(jsonw *w, const concord_clean *c)
{
    concord__jsonw_key(w, "removed");
    concord__jsonw_begin_array(w);
    for (size_t i = 0; c && i < c->n_removed; i++) {
        concord__jsonw_begin_object(w);
        concord__jsonw_key_uint(w, "start", c->removed[i].start);
        concord__jsonw_key_uint(w, "end", c->removed[i].end);
        concord__jsonw_key_str(w, "why", c->removed[i].why);
        concord__jsonw_end_object(w);
    }
    concord__jsonw_end_array(w);
}

void concord_emit_article(concord_buf *out, const concord_article *a, const concord_clean *c)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    concord__jsonw_begin_object(&w);
    concord__jsonw_key_str(&w, "id", a->id);
    concord__jsonw_key_str(&w, "source", a->source);
    concord__jsonw_key_str(&w, "url", a->url);
    concord__jsonw_key_str(&w, "date", concord_article_day(a, c));
    concord__jsonw_key_str(&w, "title", a->title);
    concord__jsonw_key_str(&w, "byline",
                           c && c->byline[0] ? c->byline
                           : a->byline       ? a->byline
                                             : "");
    /* web pages (concord/html.h): written when the input says */
    if (a->lang && a->lang[0])
        concord__jsonw_key_str(&w, "lang", a->lang);
    if (a->canonical && a->canonical[0])
        concord__jsonw_key_str(&w, "canonical", a->canonical);
    concord__jsonw_key_str(&w, "dateline", c ? c->dateline : "");
    concord__jsonw_key_str(&w, "outlet", c ? c->outlet : "");
    if (c)
        concord__jsonw_key_strn(&w, "text", c->text, c->len);
    else
        concord__jsonw_key_strn(&w, "text", a->text, a->text_len);
    S_removed(&w, c);
    if (a->bad_bytes)
        concord__jsonw_key_uint(&w, "bad_bytes", a->bad_bytes);
    concord__jsonw_end_object(&w);
    concord__jsonw_finish(&w);
}

/* A parsed number: the literal as written (no binary rounding), else the
 * double, whole numbers without a fraction. */
static void S_number(jsonw *w, const concord_json *j)
{
    if (j->str && j->len)
        concord__jsonw_raw(w, j->str, j->len);
    else if (isfinite(j->number) && j->number > -9e15 && j->number < 9e15 &&
             j->number == floor(j->number))
        concord__jsonw_int(w, (long long)j->number);
    else
        concord__jsonw_double(w, j->number, 17); /* null when not finite */
}

static void S_value(jsonw *w, const concord_json *j)
{
    if (!j) {
        concord__jsonw_null(w);
        return;
    }
    switch (j->type) {
        case CONCORD_JSON_NULL: concord__jsonw_null(w); break;
        case CONCORD_JSON_FALSE: concord__jsonw_bool(w, 0); break;
        case CONCORD_JSON_TRUE: concord__jsonw_bool(w, 1); break;
        case CONCORD_JSON_NUMBER: S_number(w, j); break;
        case CONCORD_JSON_STRING: concord__jsonw_strn(w, j->str, j->len); break;
        case CONCORD_JSON_ARRAY:
            concord__jsonw_begin_array(w);
            for (size_t i = 0; i < j->len; i++)
                S_value(w, j->items[i]);
            concord__jsonw_end_array(w);
            break;
        case CONCORD_JSON_OBJECT:
            concord__jsonw_begin_object(w);
            for (size_t i = 0; i < j->len; i++) {
                const char *key = j->items[i]->key;
                concord__jsonw_key_text(w, key, key ? strlen(key) : 0);
                S_value(w, j->items[i]);
            }
            concord__jsonw_end_object(w);
            break;
    }
}

void concord_json_write(concord_buf *out, const concord_json *j)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    S_value(&w, j);
    concord__jsonw_finish(&w);
}

/* One member of a story: the article and its links to the others. */
static void S_story_article(jsonw *w, const concord_member *m, size_t n, size_t i,
                            const char *const *duplicate_of, const concord_reuse *reu)
{
    const concord_article *a = m[i].article;
    concord__jsonw_begin_object(w);
    concord__jsonw_key_str(w, "id", a->id);
    concord__jsonw_key_str(w, "source", a->source);
    concord__jsonw_key_str(w, "date", concord_article_day(a, m[i].clean));
    concord__jsonw_key_str(w, "title", a->title);
    concord__jsonw_key_str(w, "url", a->url);
    concord__jsonw_key_str(w, "duplicate_of", duplicate_of ? duplicate_of[i] : NULL);
    concord__jsonw_key(w, "derived_from");
    concord_reuse_derived_json(reu, m, n, i, concord__jsonw_external(w));
    concord__jsonw_key(w, "credits");
    concord_reuse_credits_json(reu, m, n, i, concord__jsonw_external(w));
    concord__jsonw_key(w, "spun");
    concord_reuse_spun_json(reu, i, concord__jsonw_external(w));
    concord__jsonw_end_object(w);
}

void concord_emit_story(concord_buf *out, const char *story_id, const char *title,
                        const char *first, const char *last, const concord_member *m, size_t n,
                        const char *const *duplicate_of, const concord_figures *fig,
                        const concord_quotes *quo, const concord_reuse *reu,
                        const concord_digest *dig)
{
    jsonw w;
    concord__jsonw_init(&w, out);
    concord__jsonw_begin_object(&w);
    concord__jsonw_key_str(&w, "story", story_id);
    concord__jsonw_key_str(&w, "title", title ? title : "");
    concord__jsonw_key_str(&w, "first", first ? first : "");
    concord__jsonw_key_str(&w, "last", last ? last : "");
    concord__jsonw_key(&w, "articles");
    concord__jsonw_begin_array(&w);
    for (size_t i = 0; i < n; i++)
        S_story_article(&w, m, n, i, duplicate_of, reu);
    concord__jsonw_end_array(&w);
    /* the explain modules write their own arrays into the buffer */
    concord__jsonw_key(&w, "quotes");
    concord_quotes_json(quo, m, n, concord__jsonw_external(&w));
    concord__jsonw_key(&w, "figures");
    concord_figures_json(fig, m, n, concord__jsonw_external(&w));
    concord__jsonw_key(&w, "reuse");
    concord_reuse_json(reu, m, n, concord__jsonw_external(&w));
    concord__jsonw_key(&w, "digest");
    concord_digest_json(dig, m, n, concord__jsonw_external(&w));
    concord__jsonw_end_object(&w);
    concord__jsonw_finish(&w);
}
