/* concord/report.h: the self-contained HTML report of a store (stage
 * "store / emit"): index of stories and one section per story.
 * Reads the store only; writes one file. Returns 0, or -1 when the file
 * cannot be written. One call at a time per store object. */
#ifndef CONCORD_REPORT_H
#define CONCORD_REPORT_H

#include "concord/store.h"

#ifdef __cplusplus
extern "C" {
#endif

int concord_report_write(concord_store *st, const char *path);

#ifdef __cplusplus
}
#endif
#endif
