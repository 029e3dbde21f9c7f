/* concord/report.h: the self-contained HTML report of a store (stage
 * "store / emit"): an index of stories (search box, paging, sorting) and one
 * page per story (digest with sources, coverage timeline, lineage graph,
 * figures with agree / differ / conflict and each report's sentence, quotes
 * with every outlet's wording and a word diff, the reports with the removed
 * junk struck through on demand).
 *
 * One file, no network access: inline CSS and SVG, one small script allowed
 * by a Content-Security-Policy nonce (no other script can run, nothing can be
 * fetched).  All article and story text is HTML-escaped; outbound links are
 * written for http(s) URLs only.
 *
 * Size: when the story pages add up to at most 12 MB (override with the
 * environment variable CONCORD_REPORT_INLINE_MAX, in bytes) they are written
 * as HTML and the report reads without JavaScript; past that, each story page
 * is stored gzip + base64 in an inert <script type="text/x-concord-story">
 * block and unpacked by the browser (DecompressionStream) when opened, so a
 * report of thousands of stories parses and shows its index quickly.
 *
 * Past 5,000 stories or 20,000 reports in all (override with
 * CONCORD_REPORT_MAX_STORIES and CONCORD_REPORT_MAX_REPORTS; 0 = no limit)
 * the report holds the largest stories (most reports; ties in store order)
 * within both bounds and says at the top that `concord serve` browses them
 * all.
 *
 * The "Outlets" page (#outlets, linked from the header) is the outlet
 * network of the whole store (concord_outlets_add over every story, also
 * those a capped report leaves out): outlet pairs (source -> copying outlet,
 * copies, rewrites, median lag in days, up to 3 example stories, linked
 * to the copying report when the report holds the story) and each outlet's reports, derived reports,
 * own share and reports picked up by others; sortable by the script, at
 * most 500 rows a table (CONCORD_REPORT_OUTLET_ROWS overrides; 0 = no
 * limit), the page saying when rows are left out.
 *
 * Reads the store only (stories and their member articles); writes one file;
 * memory stays flat in the number of stories (pages go through a temporary
 * file).  Returns 0, or -1 when the store cannot be read or the file cannot be
 * written; concord_report_errmsg() then says why (per thread, until the next
 * call).  One call at a time per store object. */
#ifndef CONCORD_REPORT_H
#define CONCORD_REPORT_H

#include "concord/store.h"

#ifdef __cplusplus
extern "C" {
#endif

CONCORD_EXPORT int concord_report_write(concord_store *st, const char *path);
CONCORD_EXPORT const char *concord_report_errmsg(void);

/* Pages rendered on request (`concord serve`), with the report's stylesheet
 * and no script at all.  concord_report_story_page appends one story as a
 * complete page to out ("All stories" links to back_href); it returns 0,
 * CONCORD_STORE_NOT_FOUND for an unknown story id, or a negative store error.
 * concord_report_page_head appends the opening of a page (doctype, title,
 * stylesheet, <body>); concord_report_escape appends text HTML-escaped as
 * the report escapes it. */
CONCORD_EXPORT int concord_report_story_page(concord_store *st, const char *story_id,
                                             const char *back_href, concord_buf *out);
CONCORD_EXPORT void concord_report_page_head(concord_buf *out, const char *title);
CONCORD_EXPORT void concord_report_escape(concord_buf *out, const char *text);

#ifdef __cplusplus
}
#endif
#endif
