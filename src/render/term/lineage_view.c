/* lineage_view.c: the family tree of a stored story (`concord lineage`, the
 * Lineage part of `concord show`): roots first, derived reports indented
 * under their source, credits and spinning as leaves; see concord/show.h. */
#include "concord/show.h"

#include <stdlib.h>
#include <string.h>

typedef struct S_node {
    const concord_json *article;
    const char *id;
    long parent;      /* index of the best copy/rewrite source, or -1 */
    const char *kind; /* of the link to the parent */
    double share;
    const char *direction;
} S_node;

static long S_find_id(const S_node *nodes, size_t n, const char *id)
{
    for (size_t k = 0; k < n; k++)
        if (nodes[k].id && strcmp(nodes[k].id, id) == 0)
            return (long)k;
    return -1;
}

static const char *S_str(const concord_json *o, const char *key)
{
    const char *s = concord_json_get_str(o, key);
    return s ? s : "";
}

static void S_print_node(FILE *out, const S_node *nodes, size_t n, size_t k, int depth, int color)
{
    const concord_json *a = nodes[k].article;
    for (int d = 0; d < depth; d++)
        fputs(d + 1 == depth ? "└─ " : "   ", out);
    if (nodes[k].parent >= 0)
        fprintf(out, "%s%s %.0f%%%s ", color ? "\033[1;33m" : "", nodes[k].kind,
                100.0 * nodes[k].share, color ? "\033[0m" : "");
    fprintf(out, "%s%s%s  %s  %s", color ? "\033[1m" : "", nodes[k].id, color ? "\033[0m" : "",
            S_str(a, "source"), S_str(a, "date"));
    if (nodes[k].parent >= 0 && nodes[k].direction)
        fprintf(out, "  (direction: %s)", nodes[k].direction);
    fputc('\n', out);
    const concord_json *df = concord_json_get(a, "derived_from");
    const concord_json *cr = concord_json_get(a, "credits");
    const concord_json *spun = concord_json_get(a, "spun");
    size_t n_df = df && df->type == CONCORD_JSON_ARRAY ? df->len : 0;
    size_t n_cr = cr && cr->type == CONCORD_JSON_ARRAY ? cr->len : 0;
    size_t n_sp = spun && spun->type == CONCORD_JSON_OBJECT ? 1 : 0;
    for (size_t q = 0; q < n_df + n_cr + n_sp; q++) {
        const concord_json *e = q < n_df          ? df->items[q]
                                : q < n_df + n_cr ? cr->items[q - n_df]
                                                  : spun;
        const char *kind = S_str(e, "kind");
        const char *id = q < n_df ? concord_json_get_str(e, "id") : NULL;
        const char *mark = NULL;
        char line[512];
        if (q >= n_df + n_cr) {
            snprintf(line, sizeof line,
                     "reworded by machine? %.0f%% of sentences broken before a lowercase word",
                     100.0 * concord_json_get_num(e, "broken_per_sentence", 0));
        } else if (q >= n_df) {
            const char *outlet = S_str(e, "outlet");
            const char *art = concord_json_get_str(e, "article");
            if (strcmp(outlet, "unnamed") == 0)
                snprintf(line, sizeof line, "says it was taken from another source%s%s",
                         concord_json_get_str(e, "text") ? ": " : "", S_str(e, "text"));
            else
                snprintf(line, sizeof line, "credits %s%s%s%s%s", outlet,
                         art ? " (in this story: " : " (not in corpus)", art ? art : "",
                         art ? ")" : "", concord_json_get_str(e, "text") ? ": " : "");
            if (concord_json_get_str(e, "text")) {
                size_t ll = strlen(line);
                snprintf(line + ll, sizeof line - ll, "%s", S_str(e, "text"));
            }
        } else if (id && strcmp(kind, "shared-source") == 0)
            snprintf(line, sizeof line, "shares a source with %s (%.0f%%)", id,
                     100.0 * concord_json_get_num(e, "share", 0));
        else if (id && (nodes[k].parent < 0 || strcmp(id, nodes[nodes[k].parent].id) != 0))
            snprintf(line, sizeof line, "also %s of %s (%.0f%%)", kind, id,
                     100.0 * concord_json_get_num(e, "share", 0));
        else
            continue;
        mark = line;
        for (int d = 0; d <= depth; d++)
            fputs("   ", out);
        fprintf(out, "%s· %s%s\n", color ? "\033[2m" : "", mark, color ? "\033[0m" : "");
    }
    if (depth >= 64) {
        for (size_t c = 0; c < n; c++)
            if (nodes[c].parent == (long)k) {
                fprintf(out, "%*s...\n", 3 * (depth + 1), "");
                break;
            }
        return;
    }
    for (size_t c = 0; c < n; c++)
        if (nodes[c].parent == (long)k)
            S_print_node(out, nodes, n, c, depth + 1, color);
}

int concord_reuse_print(FILE *out, const concord_json *story, int color)
{
    const concord_json *arts = concord_json_get(story, "articles");
    if (!arts || arts->type != CONCORD_JSON_ARRAY)
        return -1;
    size_t n = arts->len;
    S_node *nodes = concord_xcalloc(n + 1, sizeof *nodes);
    for (size_t k = 0; k < n; k++) {
        nodes[k].article = arts->items[k];
        nodes[k].id = S_str(arts->items[k], "id");
        nodes[k].parent = -1;
    }
    for (size_t k = 0; k < n; k++) {
        const concord_json *df = concord_json_get(arts->items[k], "derived_from");
        double best = -1;
        for (size_t q = 0; df && df->type == CONCORD_JSON_ARRAY && q < df->len; q++) {
            const concord_json *e = df->items[q];
            const char *kind = S_str(e, "kind");
            const char *id = concord_json_get_str(e, "id");
            if (!id || (strcmp(kind, "copy") != 0 && strcmp(kind, "rewrite") != 0))
                continue;
            long p = S_find_id(nodes, n, id);
            double share = concord_json_get_num(e, "share", 0);
            if (p >= 0 && p != (long)k && share > best) {
                best = share;
                nodes[k].parent = p;
                nodes[k].kind = kind;
                nodes[k].share = share;
                nodes[k].direction = concord_json_get_str(e, "direction");
            }
        }
    }
    /* break cycles: walk up from each node; a walk longer than n is a cycle */
    for (size_t k = 0; k < n; k++) {
        long cur = (long)k;
        size_t steps = 0;
        while (cur >= 0 && steps <= n) {
            cur = nodes[cur].parent;
            steps++;
            if (cur == (long)k) {
                nodes[k].parent = -1;
                break;
            }
        }
    }
    const char *title = concord_json_get_str(story, "title");
    const char *sid = concord_json_get_str(story, "story");
    fprintf(out, "%sstory %s%s%s%s\n", color ? "\033[1m" : "", sid ? sid : "?", title ? ": " : "",
            title ? title : "", color ? "\033[0m" : "");
    for (size_t k = 0; k < n; k++)
        if (nodes[k].parent < 0)
            S_print_node(out, nodes, n, k, 0, color);
    const concord_json *reuse = concord_json_get(story, "reuse");
    size_t np = reuse && reuse->type == CONCORD_JSON_ARRAY ? reuse->len : 0, passages = 0;
    for (size_t k = 0; k < np; k++) {
        const concord_json *ps = concord_json_get(reuse->items[k], "passages");
        passages += ps && ps->type == CONCORD_JSON_ARRAY ? ps->len : 0;
    }
    fprintf(out, "%zu article%s, %zu related pair%s, %zu reused passage%s\n", n, n == 1 ? "" : "s",
            np, np == 1 ? "" : "s", passages, passages == 1 ? "" : "s");
    free(nodes);
    return 0;
}
