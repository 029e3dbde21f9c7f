/* concord.h: the public API of libconcord.  Each stage of the data flow in
 * DESIGN.md has its own header under concord/; this one includes them all.
 * Ownership, error and threading contracts are stated at the top of each. */
#ifndef CONCORD_H
#define CONCORD_H

#include "concord/version.h"
#include "concord/base.h"
#include "concord/article.h"
#include "concord/json.h"
#include "concord/text.h"
#include "concord/read.h"    /* stage: read */
#include "concord/clean.h"   /* stage: clean */
#include "concord/analyze.h" /* stage: analyze */
#include "concord/group.h"   /* stages: index + group (dedup, stories) */
#include "concord/eval.h"
#include "concord/explain.h" /* stage: explain */
#include "concord/figures.h"
#include "concord/quotes.h"
#include "concord/reuse.h"
#include "concord/digest.h"
#include "concord/store.h" /* stage: store / emit */
#include "concord/emit.h"
#include "concord/report.h"
#include "concord/show.h"
#include "concord/pipeline.h"
#include "concord/outfile.h" /* outputs complete or absent */
#include "concord/search.h"  /* store: full-text search of stories */
#include "concord/serve.h"   /* store: the web application */
#include "concord/shard.h"   /* the pipeline's stages, for concord-mpi */

#endif
