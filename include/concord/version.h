/* concord/version.h: the version of concord, in one place.
 *
 * Semantic versioning (https://semver.org): MAJOR changes when the stable API
 * or ABI (the functions of concord.h, listed in abi/libconcord.symbols)
 * changes incompatibly, MINOR when functions or output fields are added,
 * PATCH for fixes.  While MAJOR is 0, MINOR plays MAJOR's part, so the
 * shared library's soname is libconcord.so.0.MINOR (from 1.0 on:
 * libconcord.so.MAJOR).  CMakeLists.txt reads the three numbers below for the
 * project version, the soname and concord.pc; `concord --version` and
 * concord_version() print them.  concord/experimental.h is not covered.
 *
 * CONCORD_VERSION is the version of the headers a program was compiled
 * with; concord_version() that of the library it runs with.  No allocation;
 * thread-safe. */
#ifndef CONCORD_VERSION_H
#define CONCORD_VERSION_H

#include "concord/export.h"

#define CONCORD_VERSION_MAJOR 0
#define CONCORD_VERSION_MINOR 1
#define CONCORD_VERSION_PATCH 0

#define CONCORD_VERSION_STR_(x) #x
#define CONCORD_VERSION_STR(x) CONCORD_VERSION_STR_(x)
/* "MAJOR.MINOR.PATCH" */
#define CONCORD_VERSION                                                                            \
    CONCORD_VERSION_STR(CONCORD_VERSION_MAJOR)                                                     \
    "." CONCORD_VERSION_STR(CONCORD_VERSION_MINOR) "." CONCORD_VERSION_STR(CONCORD_VERSION_PATCH)
/* MAJOR * 10000 + MINOR * 100 + PATCH, for #if comparisons */
#define CONCORD_VERSION_NUMBER                                                                     \
    (CONCORD_VERSION_MAJOR * 10000 + CONCORD_VERSION_MINOR * 100 + CONCORD_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, "MAJOR.MINOR.PATCH" (static string). */
CONCORD_EXPORT const char *concord_version(void);
/* The library's CONCORD_VERSION_NUMBER. */
CONCORD_EXPORT int concord_version_number(void);

#ifdef __cplusplus
}
#endif
#endif
