/* concord.h: the public API of libconcord.  Each stage of the data flow in
 * DESIGN.md has its own header under concord/; this one includes them all.
 * Ownership, error and threading contracts are stated at the top of each. */
#ifndef CONCORD_H
#define CONCORD_H

#include "concord/base.h"
#include "concord/article.h"
#include "concord/json.h"
#include "concord/text.h"
#include "concord/read.h"
#include "concord/clean.h"
#include "concord/analyze.h"
#include "concord/explain.h"

#endif
