/* store_pages.h (internal): HTML views over a whole store, shared by the
 * static report (report.c: its "Outlets" page) and `concord serve`
 * (/outlets, /speaker).  Printers only: the counting is
 * src/explain/reuse/reuse_outlets.c and src/explain/quotes/quotes_speaker.c.
 *
 * Every string from the store (outlet names, story titles, quotes, ids) is
 * escaped as the report escapes it (concord_report_escape); hrefs come from
 * the caller's callbacks and are escaped too.  The markup uses the report's
 * stylesheet (assets/report.css); sortable tables carry th[data-k] ("n":
 * numeric, from each cell's data-v; "s": text), which the report's script
 * sorts and serve leaves as they are (serve runs no script).
 *
 * Both append to a caller-owned buffer; st is read (story titles) through
 * one prepared statement per call.  Not thread-safe per store object (as the
 * store). */
#ifndef CONCORD_STORE_PAGES_H
#define CONCORD_STORE_PAGES_H

#include "concord/report.h"
#include "concord/reuse.h"
#include "explain/quotes/quotes_speaker.h"

typedef struct {
    /* Appends the href (raw, unescaped) of story id's page and returns 1, or
     * returns 0 when the story has no page here (then its title shows
     * without a link).  member: the index of the report to point at in the
     * story's "articles" (the copy of an outlet pair), or -1. */
    int (*story_href)(void *ctx, const char *story, long member, concord_buf *href);
    /* Appends the href of the list of an outlet's stories and returns 1, or
     * returns 0 (no link).  May be NULL. */
    int (*outlet_href)(void *ctx, const char *outlet, concord_buf *href);
    void *ctx;
    const char *back_href;     /* "All stories" */
    size_t max_rows;           /* rows per table at most; 0: CONCORD__STORE_PAGE_ROWS */
    const char *section_class; /* class of the <section>, e.g. "netpage" */
    /* Server-side sorting (serve runs no script): the rows of the outlet
     * tables in this order (indices into net->links / net->outlets; NULL:
     * the network's order), and, when sort_href is set, each sortable
     * heading a link to the page sorted by its key (see
     * concord__outlets_order); sort_key / sort_desc mark the current one. */
    const size_t *link_order, *outlet_order;
    int (*sort_href)(void *ctx, const char *key, int desc, concord_buf *href);
    const char *sort_key;
    int sort_desc;
} concord__page_opts;

#define CONCORD__STORE_PAGE_ROWS 500

/* <section id="outlets">: the outlet pairs (source -> copying outlet, copies,
 * rewrites, median lag, example stories) and each outlet's reports and own
 * share.  net from concord_outlets_network(x, ...), no add in between. */
void concord__outlets_section(concord_buf *b, concord_store *st, const concord_outlets *x,
                              const concord_outlet_network *net, const concord__page_opts *o);

/* The order of the rows of one table sorted by key: for the pairs table
 * "links", "copies", "rewrites", "lag", "from", "to"; for the outlets table
 * "reports", "derived", "own", "picked", "outlet".  desc < 0: the key's
 * default (numbers largest first, names A-Z).  Ties keep the network's
 * order; undated pairs sort below every lag.  Returns a malloc'd array of
 * *n indices (caller frees) and sets *pairs (1: the pairs table, 0: the
 * outlets table) and *desc_out, or NULL for an unknown key. */
size_t *concord__outlets_order(const concord_outlet_network *net, const char *key, int desc,
                               int *pairs, int *desc_out, size_t *n);

/* <section id="speaker">: everything all->name is quoted saying, statements
 * earliest first with their variants and stories; capped says that not every
 * story that may quote the name was read (shown on the page). */
void concord__speaker_section(concord_buf *b, concord_store *st, const concord__statements *all,
                              int capped, const concord__page_opts *o);

#endif
