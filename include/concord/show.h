/* concord/show.h: the terminal view of one stored story (`concord show`):
 * header, reports, digest, figures with conflicts, quotes, lineage.  Reads
 * the story document only; colour codes only when color is nonzero.
 * Thread-safe (no state). */
#ifndef CONCORD_SHOW_H
#define CONCORD_SHOW_H

#include <stdio.h>

#include "concord/json.h"

#ifdef __cplusplus
extern "C" {
#endif

CONCORD_EXPORT int concord_story_print(FILE *out, const concord_json *story, int color);

#ifdef __cplusplus
}
#endif
#endif
