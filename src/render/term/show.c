/* show.c: terminal view of one story (see concord/show.h). */
#include "concord/show.h"

#include <string.h>

static const char *S_or(const char *s)
{
    return s ? s : "";
}

static void S_heading(FILE *out, const char *h, int color)
{
    fprintf(out, "\n%s%s%s\n", color ? "\033[1m" : "", h, color ? "\033[0m" : "");
}

int concord_story_print(FILE *out, const concord_json *story, int color)
{
    const char *id = concord_json_get_str(story, "story");
    const char *title = concord_json_get_str(story, "title");
    const char *first = concord_json_get_str(story, "first");
    const char *last = concord_json_get_str(story, "last");
    const concord_json *arts = concord_json_get(story, "articles");
    size_t na = arts && arts->type == CONCORD_JSON_ARRAY ? arts->len : 0;
    fprintf(out, "%s%s%s\n", color ? "\033[1m" : "", title && *title ? title : "(untitled)",
            color ? "\033[0m" : "");
    fprintf(out, "story %s, %s to %s, %zu report%s\n", id ? id : "?", first && *first ? first : "?",
            last && *last ? last : "?", na, na == 1 ? "" : "s");
    S_heading(out, "Reports", color);
    for (size_t i = 0; i < na; i++) {
        const concord_json *a = arts->items[i];
        const char *dup = concord_json_get_str(a, "duplicate_of");
        fprintf(out, "  %-10s %-24s %-20s %s", S_or(concord_json_get_str(a, "date")),
                S_or(concord_json_get_str(a, "source")), S_or(concord_json_get_str(a, "id")),
                S_or(concord_json_get_str(a, "title")));
        if (dup)
            fprintf(out, "  (duplicate of %s)", dup);
        fputc('\n', out);
    }
    S_heading(out, "Digest", color);
    concord_digest_print(out, story, color);
    S_heading(out, "Figures", color);
    concord_figures_print(out, story, color);
    S_heading(out, "Quotes", color);
    concord_quotes_print(out, story, color);
    S_heading(out, "Lineage", color);
    concord_reuse_print(out, story, color);
    return 0;
}
