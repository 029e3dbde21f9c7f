/* reuse_outlets.h (internal): what the outlet network's pages need beyond
 * concord/reuse.h (src/render/report/outlets_page.c, the JSON view in
 * src/render/term/outlets_view.c).
 *
 * concord__outlets_link_examples: the stories (ids, up to
 * CONCORD__OUTLET_EXAMPLES, in the order they were fed) in which link
 * number `link` of the last concord_outlets_network (net->links[link]) was
 * counted.  Borrowed from x: valid until the next add or free.  NULL and
 * *n = 0 for a link index out of range. */
#ifndef CONCORD_REUSE_OUTLETS_H
#define CONCORD_REUSE_OUTLETS_H

#include "concord/reuse.h"

#define CONCORD__OUTLET_EXAMPLES 3

const char *const *concord__outlets_link_examples(const concord_outlets *x, size_t link, size_t *n);
/* The index, in its story's "articles", of the report of example k that
 * copied or rewrote (-1 when link or k is out of range). */
long concord__outlets_link_example_member(const concord_outlets *x, size_t link, size_t k);

/* The median of lags (sorted in place), as the network computes it; *ok = 0
 * and 0 when n = 0. */
double concord__outlets_median(long *v, size_t n, int *ok);

/* What the store's outlet table (src/store/outlets_table.c) needs.
 *
 * Reading one story's contribution: feed one story to a fresh x with
 * concord_outlets_add, then read its outlets and links by position (before
 * any concord_outlets_network, which reorders them).  The strings and lags
 * are borrowed from x. */
typedef struct {
    const char *from, *to;
    size_t copy, rewrite;
    const long *lags; /* days, one per dated report */
    size_t n_lags;
    const char *example; /* the story's id (NULL when it has none) */
    long member;         /* the index of the first report counted for the link */
} concord__outlet_link_part;
size_t concord__outlets_stories(const concord_outlets *x);
size_t concord__outlets_n_outlets(const concord_outlets *x);
const char *concord__outlets_outlet(const concord_outlets *x, size_t i, size_t *articles,
                                    size_t *derived);
size_t concord__outlets_n_links(const concord_outlets *x);
int concord__outlets_link(const concord_outlets *x, size_t i, concord__outlet_link_part *out);

/* Putting a network together from the table's totals: each link and outlet
 * once (the strings are copied), then the number of stories; then
 * concord_outlets_network as for a network fed story by story. */
typedef struct {
    const char *from, *to;
    size_t copy, rewrite, dated;
    int has_median;
    double median;
    const char *ex[CONCORD__OUTLET_EXAMPLES];
    size_t ex_member[CONCORD__OUTLET_EXAMPLES];
    size_t n_ex;
} concord__outlet_link_total;
void concord__outlets_put_outlet(concord_outlets *x, const char *name, size_t articles,
                                 size_t derived, size_t picked);
void concord__outlets_put_link(concord_outlets *x, const concord__outlet_link_total *t);
void concord__outlets_set_stories(concord_outlets *x, size_t n);
/* A partial network: every outlet (with picked: its reports other outlets
 * copied or rewrote, from the totals) but only the links first in the
 * network's order; all_links and all_linked are the whole network's number
 * of links (pairs) and of reports they count.  concord__outlets_partial
 * returns 1 and those for such an x, else 0; concord__outlets_picked is
 * outlet i's picked after concord_outlets_network (net->outlets[i]). */
void concord__outlets_set_partial(concord_outlets *x, size_t all_links, size_t all_linked);
int concord__outlets_partial(const concord_outlets *x, size_t *all_links, size_t *all_linked);
size_t concord__outlets_picked(const concord_outlets *x, size_t i);

#endif
