/* digest_view.c: the digest of a stored story for the terminal (the Digest
 * part of `concord show`); see concord/show.h. */
#include "concord/show.h"

int concord_digest_print(FILE *out, const concord_json *story, int color)
{
    const concord_json *dg = concord_json_get(story, "digest");
    if (!dg || dg->type != CONCORD_JSON_ARRAY || dg->len == 0) {
        fputs("  (no digest: no report has full sentences)\n", out);
        return 0;
    }
    for (size_t i = 0; i < dg->len; i++) {
        const concord_json *s = dg->items[i];
        const char *text = concord_json_get_str(s, "text");
        const char *src = concord_json_get_str(s, "source");
        const char *art = concord_json_get_str(s, "article");
        const concord_json *also = concord_json_get(s, "also_in");
        size_t na = also && also->type == CONCORD_JSON_ARRAY ? also->len : 0;
        fprintf(out, "  %zu. %s\n     %s[%s%s%s", i + 1, text ? text : "", color ? "\033[2m" : "",
                src ? src : "", src ? " " : "", art ? art : "");
        if (na)
            fprintf(out, "; also in %zu other report%s", na, na == 1 ? "" : "s");
        fprintf(out, "]%s\n", color ? "\033[0m" : "");
    }
    return 0;
}
