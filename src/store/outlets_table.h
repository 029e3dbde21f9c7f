/* outlets_table.h (internal): the first rows of the outlet network from the
 * store's outlet table (src/store/outlets_table.c), for a page that shows
 * only them (serve's /outlets).
 *
 * concord__outlets_load_first is concord_outlets_load (concord/search.h)
 * but puts only the first `first` links in the network's order (most links
 * first, then the outlets' names) into x, with every outlet, and marks x
 * partial (concord__outlets_partial: the whole network's number of pairs
 * and of reports they count; concord__outlets_picked: each outlet's reports
 * picked up).  The work is bounded by `first` and the number of outlets,
 * plus one pass over the pairs' totals (no sort).  Returns 1, 0 (no
 * up-to-date table), or a negative concord_store_error (err set). */
#ifndef CONCORD_STORE_OUTLETS_TABLE_H
#define CONCORD_STORE_OUTLETS_TABLE_H

#include "concord/search.h"

int concord__outlets_load_first(concord_store *st, concord_outlets *x, size_t first, char *err,
                                size_t err_len);

#endif
