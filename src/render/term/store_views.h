/* store_views.h (internal): the JSON of the views over a whole store, into a
 * buffer, for `concord outlets --json`, `concord quotes --speaker --json` and
 * the same data in `concord serve` (/api/outlets, /api/speaker).
 *
 * concord__outlets_json appends the object that concord_outlets_print writes
 * (concord/show.h), each link with "examples": [story ids] (up to
 * CONCORD__OUTLET_EXAMPLES), then a newline; net comes from
 * concord_outlets_network(x, ...) with no add in between.
 * concord__speaker_json appends the array of concord_speaker_quotes_print
 * (json), then a newline.  Both append to caller-owned buffers. */
#ifndef CONCORD_STORE_VIEWS_H
#define CONCORD_STORE_VIEWS_H

#include "concord/reuse.h"
#include "explain/quotes/quotes_speaker.h"

void concord__outlets_json(concord_buf *out, const concord_outlets *x,
                           const concord_outlet_network *net);
void concord__speaker_json(concord_buf *b, const concord__statements *all);

#endif
