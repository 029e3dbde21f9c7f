/* report.c: the self-contained HTML report (see concord/report.h).
 * Every piece of article text goes through S_esc. */
#include "concord/report.h"

#include <stdlib.h>
#include <string.h>

#include "concord/json.h"

static void S_esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

static const char *S_str(const concord_json *o, const char *k)
{
    const char *s = concord_json_get_str(o, k);
    return s ? s : "";
}

int concord_report_write(concord_store *st, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>concord report</title><style>"
          "body{font-family:system-ui,sans-serif;max-width:70em;margin:auto;padding:1em}"
          "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2em .5em;text-align:left}"
          ".conflict{background:#fdd}.differ{background:#ffe9c6}.agree{background:#dfd}"
          "</style></head><body><h1>concord report</h1>\n<table id=\"index\"><tr><th>Story</th>"
          "<th>First</th><th>Last</th><th>Reports</th><th>Outlets</th><th>Conflict</th></tr>\n",
          f);
    concord_store_iter *it;
    if (concord_store_stories_begin(st, &it) == 0) {
        concord_store_story *s;
        while (concord_store_stories_next(it, &s) == 1) {
            fputs("<tr><td><a href=\"#", f);
            S_esc(f, s->story);
            fputs("\">", f);
            S_esc(f, s->title[0] ? s->title : s->story);
            fprintf(f, "</a></td><td>%s</td><td>%s</td><td>%zu</td><td>%zu</td><td>%s</td></tr>\n",
                    s->first, s->last, s->n_articles, s->n_sources, s->has_conflict ? "yes" : "");
            concord_store_story_free(s);
        }
        concord_store_stories_end(it);
    }
    fputs("</table>\n", f);
    if (concord_store_stories_begin(st, &it) == 0) {
        concord_store_story *s;
        while (concord_store_stories_next(it, &s) == 1) {
            concord_json *j = concord_json_parse(s->doc, strlen(s->doc), NULL, NULL);
            fputs("<section id=\"", f);
            S_esc(f, s->story);
            fputs("\"><h2>", f);
            S_esc(f, s->title);
            fputs("</h2>\n<h3>Digest</h3><ol>", f);
            const concord_json *dg = j ? concord_json_get(j, "digest") : NULL;
            for (size_t i = 0; dg && i < dg->len; i++) {
                fputs("<li>", f);
                S_esc(f, S_str(dg->items[i], "text"));
                fputs(" <small>[", f);
                S_esc(f, S_str(dg->items[i], "source"));
                fputs("]</small></li>", f);
            }
            fputs("</ol>\n<h3>Figures</h3><table><tr><th>Measure</th><th>Subject</th><th>Status</th>"
                  "<th>Reports</th></tr>",
                  f);
            const concord_json *fg = j ? concord_json_get(j, "figures") : NULL;
            for (size_t i = 0; fg && i < fg->len; i++) {
                const concord_json *g = fg->items[i];
                fputs("<tr class=\"", f);
                S_esc(f, S_str(g, "status"));
                fputs("\"><td>", f);
                S_esc(f, S_str(g, "measure"));
                fputs("</td><td>", f);
                S_esc(f, S_str(g, "subject"));
                fputs("</td><td>", f);
                S_esc(f, S_str(g, "status"));
                fputs("</td><td>", f);
                const concord_json *reps = concord_json_get(g, "reports");
                for (size_t k = 0; reps && k < reps->len; k++) {
                    S_esc(f, S_str(reps->items[k], "text"));
                    fputs(" <small>(", f);
                    S_esc(f, S_str(reps->items[k], "article"));
                    fputs(")</small><br>", f);
                }
                fputs("</td></tr>", f);
            }
            fputs("</table>\n<h3>Quotes</h3><ul>", f);
            const concord_json *qs = j ? concord_json_get(j, "quotes") : NULL;
            for (size_t i = 0; qs && i < qs->len; i++) {
                fputs("<li><b>", f);
                S_esc(f, S_str(qs->items[i], "speaker"));
                fputs("</b>: ", f);
                S_esc(f, S_str(qs->items[i], "text"));
                fputs("</li>", f);
            }
            fputs("</ul>\n<h3>Reports</h3><ul>", f);
            const concord_json *as = j ? concord_json_get(j, "articles") : NULL;
            for (size_t i = 0; as && i < as->len; i++) {
                fputs("<li>", f);
                S_esc(f, S_str(as->items[i], "date"));
                fputs(" ", f);
                S_esc(f, S_str(as->items[i], "source"));
                fputs(": ", f);
                S_esc(f, S_str(as->items[i], "title"));
                fputs("</li>", f);
            }
            fputs("</ul></section>\n", f);
            concord_json_free(j);
            concord_store_story_free(s);
        }
        concord_store_stories_end(it);
    }
    fputs("</body></html>\n", f);
    return fclose(f) == 0 ? 0 : -1;
}
