/* pipeline_internal.h: pipeline.c's output helpers that shard.c (the
 * one-process sink of concord-mpi) uses too, so both write the outputs the
 * same way.  Not installed; see concord/pipeline.h and concord/shard.h. */
#ifndef CONCORD_PIPELINE_INTERNAL_H
#define CONCORD_PIPELINE_INTERNAL_H

#include <stdio.h>

#include "concord/store.h"

/* mkdir -p; 0 or -1 (errno). */
int concord__mkdir_p(const char *path);
/* Opens DIR/.NAME.tmp for writing; *tmp and *final are allocated (freed by
 * close_tmp, or by the caller when open fails). */
FILE *concord__open_tmp(const char *dir, const char *name, char **tmp, char **final);
/* Flushes, closes and renames tmp over final (unlinks tmp on failure); frees both. */
int concord__close_tmp(FILE *f, char *tmp, char *final);
/* OUTDIR/stories.jsonl from the store. */
int concord__write_stories(concord_store *st, const char *outdir);
/* Sets concord_pipeline_errmsg() to msg; returns code. */
int concord__set_err(int code, const char *msg);

#endif
