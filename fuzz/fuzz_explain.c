/* fuzz_explain.c: libFuzzer target for clean -> analyze -> explain on a
 * small story: figures (src/explain/figures/), quotes (src/explain/quotes/), reuse
 * (src/explain/reuse/) and digest (src/explain/digest/digest.c), their JSON and the
 * terminal views over it (src/render/term/).
 *
 * Input layout: byte 0 holds flags; the rest is split at 0x1E (record
 * separator) into up to three articles, each "title\nbody".  Flags:
 *   bit 0  articles carry dates (ascending), else none
 *   bit 1  all articles from one outlet, else one outlet each
 *   bit 2  article 2 is article 1's body followed by its own (a copy with
 *          additions, so the reuse paths run on short inputs too)
 *   bit 3  one more member: an exact copy of article 1
 *   bit 4  article 1's text and title are swapped
 * Every text is repaired to valid UTF-8 first, as the readers do.
 * Properties checked: every offset any module reports lies inside the text
 * it names and on UTF-8 boundaries; member indices are in range; the story
 * document assembled as the pipeline does parses strictly; the renderers of
 * `concord show` accept it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord/analyze.h"
#include "concord/clean.h"
#include "concord/digest.h"
#include "concord/emit.h"
#include "concord/figures.h"
#include "concord/json.h"
#include "concord/quotes.h"
#include "concord/reuse.h"
#include "concord/show.h"
#include "concord/text.h"

#define S_MAX_MEMBERS 4

static concord_analyzer *S_az;
static FILE *S_null;

static void S_span(const char *s, size_t len, size_t start, size_t end)
{
    if (start > end || end > len)
        abort();
    if ((start < len && ((unsigned char)s[start] & 0xC0) == 0x80) ||
        (end < len && ((unsigned char)s[end] & 0xC0) == 0x80))
        abort();
}

static void S_check_doc(const char *t, size_t len, const concord_doc *d)
{
    for (size_t i = 0; i < d->n_sentences; i++) {
        S_span(t, len, d->sentences[i].start, d->sentences[i].end);
        if (i && d->sentences[i].start < d->sentences[i - 1].end)
            abort();
    }
    for (size_t i = 0; i < d->n_words; i++) {
        S_span(t, len, d->words[i].start, d->words[i].end);
        if (d->words[i].start == d->words[i].end)
            abort();
        if (d->n_sentences && d->words[i].sentence >= d->n_sentences)
            abort();
    }
    for (size_t i = 0; i < d->n_entities; i++) {
        S_span(t, len, d->entities[i].start, d->entities[i].end);
        if (d->entities[i].first_word + (size_t)d->entities[i].n_words > d->n_words)
            abort();
    }
}

static void S_check_figures(const concord_figures *f, const concord_member *m, size_t n)
{
    for (size_t i = 0; i < f->n_reports; i++) {
        const concord_figure_report *r = &f->reports[i];
        if (r->member >= n)
            abort();
        const concord_member *mm = &m[r->member];
        const char *t = r->in_title ? mm->article->title : mm->clean->text;
        size_t len = r->in_title ? strlen(mm->article->title) : mm->clean->len;
        if (!r->derived) {
            S_span(t, len, r->start, r->end);
            S_span(t, len, r->num_start, r->num_end);
        }
        if (r->attr_end)
            S_span(t, len, r->attr_start, r->attr_end);
        if (r->measure >= CONCORD_FIG_N_MEASURES)
            abort();
        if (!(r->low <= r->high) || r->value != r->value)
            abort();
        if (memchr(r->subject, 0, sizeof r->subject) == NULL ||
            memchr(r->place, 0, sizeof r->place) == NULL)
            abort();
        if (!concord_utf8_valid(r->subject, strlen(r->subject)) ||
            !concord_utf8_valid(r->place, strlen(r->place)))
            abort();
    }
    for (size_t i = 0; i < f->n_figures; i++)
        for (size_t k = 0; k < f->figures[i].n_reports; k++)
            if (f->figures[i].reports[k] >= f->n_reports)
                abort();
}

static void S_check_quotes(const concord_quotes *q, const concord_member *m, size_t n)
{
    for (size_t i = 0; i < q->n_mentions; i++) {
        const concord_quote_mention *x = &q->mentions[i];
        if (x->member >= n)
            abort();
        const concord_clean *c = m[x->member].clean;
        S_span(c->text, c->len, x->start, x->end);
        S_span(c->text, c->len, x->open, x->close);
        if (x->speaker_end)
            S_span(c->text, c->len, x->speaker_start, x->speaker_end);
        if (!x->text || !concord_utf8_valid(x->text, strlen(x->text)) || !x->speaker ||
            !concord_utf8_valid(x->speaker, strlen(x->speaker)))
            abort();
        if (x->end - x->start > CONCORD_QUOTE_MAX_BYTES + 4096)
            abort(); /* runaway span */
    }
    for (size_t i = 0; i < q->n_quotes; i++) {
        const concord_quote *qq = &q->quotes[i];
        if (!qq->text || !concord_utf8_valid(qq->text, strlen(qq->text)))
            abort();
        for (size_t k = 0; k < qq->n_mentions; k++)
            if (qq->mentions[k] >= q->n_mentions || !(qq->similarity[k] >= 0.0) ||
                qq->similarity[k] > 1.0 + 1e-9)
                abort();
    }
}

static void S_check_reuse(const concord_reuse *r, const concord_member *m, size_t n)
{
    for (size_t i = 0; i < r->n_pairs; i++) {
        const concord_reuse_pair *p = &r->pairs[i];
        if (p->from >= n || p->to >= n || p->from == p->to)
            abort();
        if (!(p->share >= 0.0 && p->share <= 1.0 + 1e-9))
            abort();
        const concord_clean *a = m[p->from].clean, *b = m[p->to].clean;
        for (size_t k = 0; k < p->n_passages; k++) {
            const concord_passage *ps = &p->passages[k];
            S_span(a->text, a->len, ps->from_start, ps->from_end);
            S_span(b->text, b->len, ps->to_start, ps->to_end);
            if (!(ps->similarity >= 0.0 && ps->similarity <= 1.0 + 1e-9))
                abort();
        }
    }
    for (size_t i = 0; i < r->n_credits; i++) {
        const concord_credit *c = &r->credits[i];
        if (c->member >= n || (c->source_member >= 0 && (size_t)c->source_member >= n))
            abort();
        S_span(m[c->member].clean->text, m[c->member].clean->len, c->start, c->end);
    }
}

static void S_check_digest(const concord_digest *d, const concord_member *m, size_t n)
{
    if (d->n > CONCORD_DIGEST_MAX)
        abort();
    for (size_t i = 0; i < d->n; i++) {
        const concord_digest_sentence *s = &d->sentences[i];
        if (s->member >= n)
            abort();
        S_span(m[s->member].clean->text, m[s->member].clean->len, s->start, s->end);
        for (size_t k = 0; k < s->n_also_in; k++)
            if (s->also_in[k] >= n)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    if (!S_az) {
        S_az = concord_analyzer_new("english");
        S_null = fopen("/dev/null", "w");
    }
    unsigned flags = data[0];
    const char *s = (const char *)data + 1;
    size_t len = size - 1;

    /* split into up to three "title\nbody" parts */
    char *titles[S_MAX_MEMBERS] = {0}, *texts[S_MAX_MEMBERS] = {0};
    size_t text_lens[S_MAX_MEMBERS] = {0};
    size_t n = 0, at = 0;
    while (n < 3 && at <= len) {
        const char *sep = n < 2 ? memchr(s + at, 0x1E, len - at) : NULL;
        size_t end = sep ? (size_t)(sep - s) : len;
        const char *nl = memchr(s + at, '\n', end - at);
        size_t tend = nl ? (size_t)(nl - s) : at;
        size_t body = nl ? tend + 1 : at;
        titles[n] = concord_utf8_repair(s + at, tend - at, NULL, NULL, NULL);
        texts[n] = concord_utf8_repair(s + body, end - body, &text_lens[n], NULL, NULL);
        n++;
        if (!sep)
            break;
        at = end + 1;
    }
    if ((flags & 4) && n >= 2) {
        concord_buf b;
        concord_buf_init(&b);
        concord_buf_add(&b, texts[0], text_lens[0]);
        concord_buf_adds(&b, "\n\n");
        concord_buf_add(&b, texts[1], text_lens[1]);
        free(texts[1]);
        texts[1] = concord_buf_detach(&b, &text_lens[1]);
    }
    if (flags & 8) {
        titles[n] = concord_xstrdup(titles[0]);
        texts[n] = concord_xstrndup(texts[0], text_lens[0]);
        text_lens[n] = text_lens[0];
        n++;
    }
    if (flags & 16) {
        char *t = titles[0];
        titles[0] = texts[0];
        texts[0] = t;
        text_lens[0] = strlen(t);
    }

    concord_article *arts[S_MAX_MEMBERS];
    concord_clean *cleans[S_MAX_MEMBERS];
    concord_doc *docs[S_MAX_MEMBERS];
    concord_member m[S_MAX_MEMBERS];
    static const char *const dates[] = {"2022-01-10", "2022-01-11", "2022-01-12", "2022-01-13"};
    static const char *const outlets[] = {"one.example", "two.example", "three.example",
                                          "four.example"};
    for (size_t i = 0; i < n; i++) {
        char id[8];
        snprintf(id, sizeof id, "a%zu", i);
        arts[i] = concord_article_new(id, flags & 2 ? outlets[0] : outlets[i], "",
                                      flags & 1 ? dates[i] : "", titles[i], texts[i], text_lens[i]);
        cleans[i] = concord_clean_article(arts[i]);
        docs[i] = concord_analyze(S_az, cleans[i]->text, cleans[i]->len);
        S_check_doc(cleans[i]->text, cleans[i]->len, docs[i]);
        m[i].article = arts[i];
        m[i].clean = cleans[i];
        m[i].doc = docs[i];
    }

    concord_figures *fig = concord_figures_explain(m, n);
    concord_quotes *quo = concord_quotes_explain(m, n);
    concord_reuse *reu = concord_reuse_explain(m, n);
    concord_digest *dig = concord_digest_explain(m, n);
    S_check_figures(fig, m, n);
    S_check_quotes(quo, m, n);
    S_check_reuse(reu, m, n);
    S_check_digest(dig, m, n);

    /* the story document, as the pipeline writes it */
    concord_buf b;
    concord_buf_init(&b);
    concord_emit_story(&b, "s1", arts[0]->title, "", "", m, n, NULL, fig, quo, reu, dig);
    if (!concord_utf8_valid(b.data, b.len))
        abort();
    concord_json_info info;
    concord_json *story = concord_json_parse_ex(b.data, b.len, 0, &info);
    if (!story) {
        fprintf(stderr, "story JSON does not parse at %zu: %s\n%.*s\n", info.err_pos, info.err_msg,
                (int)(b.len < 4000 ? b.len : 4000), b.data);
        abort();
    }
    concord_figures_print(S_null, story, 1);
    concord_figures_print(S_null, story, 0);
    concord_quotes_print(S_null, story, 1);
    concord_quotes_print(S_null, story, 0);
    concord_reuse_print(S_null, story, 1);
    concord_reuse_print(S_null, story, 0);
    concord_digest_print(S_null, story, 0);
    concord_json_free(story);
    concord_buf_free(&b);

    concord_figures_free(fig);
    concord_quotes_free(quo);
    concord_reuse_free(reu);
    concord_digest_free(dig);
    for (size_t i = 0; i < n; i++) {
        concord_doc_free(docs[i]);
        concord_clean_free(cleans[i]);
        concord_article_free(arts[i]);
        free(titles[i]);
        free(texts[i]);
    }
    return 0;
}
