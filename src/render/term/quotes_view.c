/* quotes_view.c: a stored story's quotes for the terminal (`concord quotes`,
 * the Quotes part of `concord show`): each quote with its mentions, the words
 * of each mention that differ from the quote's text marked; see
 * concord/show.h. */
#include "concord/show.h"

#include <string.h>

#include "explain/quotes/quotes_internal.h"

int concord_quotes_print(FILE *out, const concord_json *story, int color)
{
    const concord_json *qs = story ? concord_json_get(story, "quotes") : NULL;
    if (!qs || qs->type != CONCORD_JSON_ARRAY)
        return -1;
    int printed = 0;
    for (size_t k = 0; k < qs->len; k++) {
        const concord_json *qt = qs->items[k];
        const char *speaker = concord_json_get_str(qt, "speaker");
        const char *text = concord_json_get_str(qt, "text");
        const char *kind = concord_json_get_str(qt, "kind");
        const concord_json *ms = concord_json_get(qt, "mentions");
        if (!text)
            continue;
        size_t nm = ms && ms->type == CONCORD_JSON_ARRAY ? ms->len : 0;
        const concord_json *conf = concord_json_get(qt, "speaker_conflict");
        fprintf(out, "%s%s%s%s  (%zu mention%s%s)\n", color ? "\x1b[1m" : "",
                speaker ? speaker : "unknown", color ? "\x1b[0m" : "",
                kind && strcmp(kind, "phrase") == 0 ? " [phrase]" : "", nm, nm == 1 ? "" : "s",
                conf && conf->type == CONCORD_JSON_TRUE ? ", speaker conflict" : "");
        fprintf(out, "  \xE2\x80\x9C%s\xE2\x80\x9D\n", text);
        for (size_t a = 0; a < nm; a++) {
            const concord_json *mj = ms->items[a];
            const char *art = concord_json_get_str(mj, "article");
            const char *mt = concord_json_get_str(mj, "text");
            const char *msp = concord_json_get_str(mj, "speaker");
            if (!mt)
                continue;
            fprintf(out, "    %-20s ", art ? art : "?");
            concord__quote_print_marked(out, mt, text, color);
            if (msp && speaker && strcmp(msp, speaker) != 0)
                fprintf(out, "  (speaker: %s)", msp);
            fputc('\n', out);
        }
        fputc('\n', out);
        printed++;
    }
    return printed;
}
