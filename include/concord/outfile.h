/* concord/outfile.h: output files that are complete or absent.
 *
 * Every output (articles.jsonl, stories.jsonl, report.html, ...) is written to
 * a temporary file in the folder of its final name, DIR/.NAME.concord-tmp.PID,
 * and renamed over NAME only once it is complete (flushed, fsync'ed and closed
 * without error).  So a full disk, a failed run or a killed process never
 * leaves a truncated NAME: the previous NAME stays as it was.  A failed write
 * removes its temporary file; a killed process cannot, and the next run's
 * concord_outfile_sweep removes the temporary files of processes that are no
 * longer running.  The path "-" means standard output (written directly;
 * commit flushes it and reports a write error).
 *
 * Ownership: concord_outfile_open returns an object owned by the caller, ended
 * by exactly one of commit or abort (both free it).  Errors: open returns NULL
 * and commit -1 with errno set (strerror(errno) describes the failure).
 * Thread-safety: an outfile is used by one thread; the functions keep no
 * global state apart from errno. */
#ifndef CONCORD_OUTFILE_H
#define CONCORD_OUTFILE_H

#include <stdio.h>

#include "concord/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_outfile concord_outfile;

/* Opens the temporary file for path; its stream in *f (do not fclose it). */
CONCORD_EXPORT concord_outfile *concord_outfile_open(const char *path, FILE **f);
/* Completes the file: flush, fsync, close, rename over path.  0 or -1 (the
 * temporary file is then removed and path left as it was). */
CONCORD_EXPORT int concord_outfile_commit(concord_outfile *o);
/* Closes and removes the temporary file; path is left as it was. */
CONCORD_EXPORT void concord_outfile_abort(concord_outfile *o);
/* The final path of o. */
CONCORD_EXPORT const char *concord_outfile_path(const concord_outfile *o);

/* Removes DIR/.*.concord-tmp.PID files whose process is gone; reports each
 * through diag (a note, not counted as an input problem) and returns how
 * many were removed. */
CONCORD_EXPORT size_t concord_outfile_sweep(const char *dir, concord_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
