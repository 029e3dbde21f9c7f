/* concord/export.h: CONCORD_EXPORT marks the public API.
 *
 * The library is built with -fvisibility=hidden, so only functions declared
 * with CONCORD_EXPORT in the headers of include/concord/ are visible in
 * libconcord.so; everything else (the src/ internals, prefixed concord__ or
 * static S_) stays inside.
 * The exported set is checked against abi/libconcord.symbols by
 * tests/abi_symbols.sh, so a change of the ABI shows as a diff of that file.
 * No state, no allocation: a macro only. */
#ifndef CONCORD_EXPORT_H
#define CONCORD_EXPORT_H

#if defined(_WIN32) || defined(__CYGWIN__)
#define CONCORD_EXPORT
#elif defined(__GNUC__) || defined(__clang__)
#define CONCORD_EXPORT __attribute__((visibility("default")))
#else
#define CONCORD_EXPORT
#endif

#endif
