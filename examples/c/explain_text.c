/* explain_text.c: concord embedded in a C program (issue 17's example).
 *
 * Reads one news report (a file, or standard input when no file is given),
 * cleans it, analyzes it, and prints one JSON object:
 *   {"concord": VERSION, "article": {...articles.jsonl record...},
 *    "figures": [...], "quotes": [...]}
 * The figures and quotes are those of a one-report story, as stories.jsonl
 * would hold them.  Build against an installed concord:
 *   cc explain_text.c $(pkg-config --cflags --libs concord) -o explain_text
 * or statically:
 *   cc explain_text.c $(pkg-config --cflags concord) -Wl,-Bstatic -lconcord \
 *      -Wl,-Bdynamic $(pkg-config --static --libs concord | sed 's/-lconcord//')
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <concord.h>

int main(int argc, char **argv)
{
    if (strcmp(concord_version(), CONCORD_VERSION) != 0)
        fprintf(stderr, "note: compiled with concord %s, running with %s\n", CONCORD_VERSION,
                concord_version());
    const char *path = argc > 1 ? argv[1] : NULL;
    size_t len = 0;
    char *text = NULL;
    if (path) {
        text = concord_read_file(path, &len);
        if (!text) {
            perror(path);
            return 1;
        }
    } else {
        concord_buf in;
        concord_buf_init(&in);
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            concord_buf_add(&in, chunk, got);
        text = concord_buf_detach(&in, &len);
    }

    /* read -> clean -> analyze: the stages of DESIGN.md, one report */
    concord_article *a = concord_article_new(NULL, NULL, NULL, NULL, NULL, text, len);
    concord_clean *c = concord_clean_article(a);
    concord_analyzer *az = concord_analyzer_new("english");
    concord_doc *d = concord_analyze(az, c->text, c->len);

    /* explain: a story of one member */
    concord_member m = {a, c, d};
    concord_figures *fig = concord_figures_explain(&m, 1);
    concord_quotes *quo = concord_quotes_explain(&m, 1);

    concord_buf out;
    concord_buf_init(&out);
    concord_buf_adds(&out, "{\"concord\":");
    concord_json_str(&out, concord_version());
    concord_buf_adds(&out, ",\"article\":");
    concord_emit_article(&out, a, c);
    concord_buf_adds(&out, ",\"figures\":");
    concord_figures_json(fig, &m, 1, &out);
    concord_buf_adds(&out, ",\"quotes\":");
    concord_quotes_json(quo, &m, 1, &out);
    concord_buf_adds(&out, "}\n");
    fwrite(out.data, 1, out.len, stdout);

    concord_buf_free(&out);
    concord_quotes_free(quo);
    concord_figures_free(fig);
    concord_doc_free(d);
    concord_analyzer_free(az);
    concord_clean_free(c);
    concord_article_free(a);
    free(text);
    return ferror(stdout) ? 1 : 0;
}
