/* quotes_view.c: a stored story's quotes for the terminal (`concord quotes`,
 * the Quotes part of `concord show`): each quote with its mentions, the words
 * of each mention that differ from the quote's text marked; see
 * concord/show.h. */
#include "concord/show.h"

#include <string.h>

#include "render/word_diff.h"

/* Writes a mention's text with the words it does not share with the quote's
 * text (canon) marked, and the quote's words it lacks shown {-...-} where
 * they would be (the one word diff, src/render/word_diff.h, as the HTML
 * report). */
static void S_print_marked(FILE *out, concord__word_diff *d, const char *text, const char *canon,
                           int color)
{
    size_t tl = strlen(text);
    if (concord__word_diff_run(d, canon, strlen(canon), text, tl) != 0) {
        fputs(text, out); /* too long to align */
        return;
    }
    size_t pos = 0; /* bytes of text written */
    int last = 0;   /* the last byte written, 0 before any */
    for (size_t k = 0; k < d->n; k++) {
        const concord__word_edit *e = &d->edit[k];
        size_t to = e->kind == CONCORD__WORD_MISSING ? e->at : e->start;
        fwrite(text + pos, 1, to - pos, out);
        if (to > pos)
            last = (unsigned char)text[to - 1];
        pos = to;
        if (e->kind == CONCORD__WORD_MISSING) {
            if (last && last != ' ' && last != '\n')
                fputc(' ', out);
            fputs(color ? "\x1b[2m{-" : "{-", out);
            fwrite(canon + e->start, 1, e->end - e->start, out);
            fputs(color ? "-}\x1b[0m" : "-}", out);
            last = '}';
            if (e->at < tl) {
                fputc(' ', out);
                last = ' ';
            }
            continue;
        }
        if (e->kind == CONCORD__WORD_ADDED)
            fputs(color ? "\x1b[1;31m" : "[", out);
        fwrite(text + e->start, 1, e->end - e->start, out);
        if (e->kind == CONCORD__WORD_ADDED)
            fputs(color ? "\x1b[0m" : "]", out);
        last = (unsigned char)text[e->end - 1];
        pos = e->end;
    }
    fwrite(text + pos, 1, tl - pos, out);
}

int concord_quotes_print(FILE *out, const concord_json *story, int color)
{
    const concord_json *qs = story ? concord_json_get(story, "quotes") : NULL;
    if (!qs || qs->type != CONCORD_JSON_ARRAY)
        return -1;
    int printed = 0;
    concord__word_diff wd = {0};
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
            S_print_marked(out, &wd, mt, text, color);
            if (msp && speaker && strcmp(msp, speaker) != 0)
                fprintf(out, "  (speaker: %s)", msp);
            fputc('\n', out);
        }
        fputc('\n', out);
        printed++;
    }
    concord__word_diff_free(&wd);
    return printed;
}
