/* speaker_view.c: everything one person is quoted saying across a store
 * (`concord quotes --speaker NAME`), as a listing or as JSON; see
 * concord/show.h.  The grouping into statements is
 * src/explain/quotes/quotes_speaker.c. */
#include "concord/show.h"

#include <string.h>

#include "explain/quotes/quotes_speaker.h"
#include "render/term/store_views.h"

void concord__speaker_json(concord_buf *b, const concord__statements *all)
{
    concord_buf_addc(b, '[');
    for (size_t k = 0; k < all->n_statements; k++) {
        const concord__statement *st = &all->statements[k];
        concord_buf_adds(b, k ? ",{\"text\":" : "{\"text\":");
        concord_json_str(b, st->lead->text);
        concord_buf_adds(b, ",\"first\":");
        concord_json_str(b, st->lead->first);
        concord_buf_adds(b, ",\"variants\":[");
        for (size_t v = 0; v < st->n_variants; v++) {
            const concord__said *s = st->variants[v];
            concord_buf_adds(b, v ? ",{\"story\":" : "{\"story\":");
            concord_json_str(b, s->story);
            concord_buf_printf(b, ",\"quote\":%zu,\"first\":", s->quote);
            concord_json_str(b, s->first);
            concord_buf_adds(b, ",\"text\":");
            concord_json_str(b, s->text);
            concord_buf_adds(b, ",\"articles\":");
            concord_buf_adds(b, s->articles);
            concord_buf_addc(b, '}');
        }
        concord_buf_adds(b, "]}");
    }
    concord_buf_adds(b, "]\n");
}

static void S_listing(concord_buf *b, const concord__statements *all)
{
    size_t ng = all->n_statements, n = all->n_quotes;
    concord_buf_printf(b, "%zu statement%s by %s in %zu quote%s\n", ng, ng == 1 ? "" : "s",
                       all->name, n, n == 1 ? "" : "s");
    for (size_t k = 0; k < ng; k++) {
        const concord__statement *st = &all->statements[k];
        const concord__said *lead = st->lead;
        concord_buf_printf(b, "\n%s  \"%s\"\n", *lead->first ? lead->first : "undated", lead->text);
        for (size_t v = 0; v < st->n_variants; v++) {
            const concord__said *s = st->variants[v];
            int other = strcmp(s->text, lead->text) != 0;
            concord_buf_printf(b, "    %-10s story %s, %zu article%s%s%s\n",
                               *s->first ? s->first : "undated", s->story, s->n_articles,
                               s->n_articles == 1 ? "" : "s", other ? ": " : "",
                               other ? s->text : "");
        }
    }
}

size_t concord_speaker_quotes_print(concord_speaker_quotes *x, FILE *out, int json)
{
    concord__statements all;
    concord__speaker_statements(x, &all);
    concord_buf b;
    concord_buf_init(&b);
    if (json)
        concord__speaker_json(&b, &all);
    else
        S_listing(&b, &all);
    fwrite(b.data, 1, b.len, out);
    concord_buf_free(&b);
    size_t ng = all.n_statements;
    concord__speaker_statements_free(&all);
    return ng;
}
