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

#endif
