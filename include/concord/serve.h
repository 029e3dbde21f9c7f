/* concord/serve.h: `concord serve`, a local read-only web application over a
 * store (stage "store / emit", a renderer like the report).
 *
 * Pages, rendered on request from the store (nothing is precomputed at
 * start, so a store of any size opens at once):
 *   GET /                 index: search box (FTS5 over titles, texts,
 *                         speakers, outlets), filters (dates, outlet,
 *                         conflicting figures), sorting and paging;
 *   GET /story/ID         one story: digest, coverage, lineage, figures,
 *                         quotes, reports (the report's renderer);
 *   GET /api/stories      the index as JSON (same parameters);
 *   GET /api/story/ID     the story's JSON document as stored;
 *   GET /outlets          the outlet network of the store (the report's
 *                         "Outlets" page), /api/outlets the same as JSON,
 *                         byte for byte what `concord outlets --json` prints:
 *                         computed by the first request that asks and kept
 *                         for the life of the server (one pass over the
 *                         stories; later requests copy the cached page);
 *                         ?sort=KEY&order=asc|desc sorts one table on the
 *                         server (pairs: links, copies, rewrites, lag,
 *                         from, to; outlets: reports, derived, own, picked,
 *                         outlet), at most 500 rows, from the kept network;
 *   GET /speaker?name=N   everything N is quoted saying (`concord quotes
 *                         --speaker`), /api/speaker?name=N as JSON:
 *                         {"name", "stories_read", "capped", "statements":
 *                         [as concord quotes --speaker --json]}; reads the
 *                         stories whose indexed speakers hold every word of
 *                         N, at most 1,000 ("capped": true past that).
 * name: at most 200 bytes, at least one word (else 400); a store without
 * the search index answers /speaker with 501.
 * Parameters: q (text, <= 256 bytes), from, to (YYYY-MM-DD), outlet,
 * conflict (1), sort (first|last|reports|outlets|title), order (asc|desc),
 * page (1..), per_page (1..500, JSON only).  A bad value is a 400 with a
 * message saying which; an unknown story id or path a 404; other methods than
 * GET and HEAD a 405; a request line or headers past 16 KiB are refused by the
 * HTTP library (414/431).  Every page is escaped as the report is, and sent
 * with a Content-Security-Policy that forbids scripts.
 *
 * Work per request is bounded: one page of at most 500 stories; a text query
 * examines at most CONCORD_SEARCH_MAX_ARTICLES matching articles; at most
 * 64 connections at once, idle ones closed after 10 s; a pool of worker
 * threads (2 by default) each with its own read connection to the store.
 *
 * HTTP: GNU libmicrohttpd (Debian package libmicrohttpd-dev).
 *
 * Ownership: concord_serve_start returns a server owned by the caller
 * (concord_serve_stop stops it and frees it).  Options are copied.  The
 * library never prints: failures come back through concord_serve_errmsg,
 * and problems while serving go to options->diag (may be NULL: dropped).
 * Thread-safety: start and stop from one thread; the server runs its own. */
#ifndef CONCORD_SERVE_H
#define CONCORD_SERVE_H

#include "concord/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concord_server concord_server;

typedef struct concord_serve_options {
    const char *db_path; /* the store (required; opened read-only in use) */
    const char *bind;    /* IPv4 or IPv6 address; NULL: 127.0.0.1 */
    int port;            /* 0: any free port (see concord_serve_port) */
    int threads;         /* worker threads; 0: 2 */
    concord_diag *diag;  /* NULL: no messages */
} concord_serve_options;

CONCORD_EXPORT void concord_serve_options_init(concord_serve_options *o);
/* NULL on failure (no such store, not a concord store, address in use...);
 * then concord_serve_errmsg() says why. */
CONCORD_EXPORT concord_server *concord_serve_start(const concord_serve_options *o);
/* The port the server listens on. */
CONCORD_EXPORT int concord_serve_port(const concord_server *s);
/* Stops accepting, finishes the requests in progress, frees. NULL: no-op. */
CONCORD_EXPORT void concord_serve_stop(concord_server *s);
/* Message of the last failed concord_serve_start in this thread. */
CONCORD_EXPORT const char *concord_serve_errmsg(void);

#ifdef __cplusplus
}
#endif
#endif
