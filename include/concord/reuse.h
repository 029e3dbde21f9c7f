/* concord/reuse.h: explain module "reuse": which passages of a story's
 * reports were copied or rewritten from which other report, and the story's
 * family tree (who copied whom, and which outside sources are credited).
 *
 * Method (passim / PAN "seed, extend, filter"):
 *   candidates  an inverted index of word-bigram hashes over the story's
 *               members (content words, stemmed), postings capped, so a
 *               story of thousands of wire copies never aligns all pairs;
 *   seeds       shared bigram hashes of a candidate pair, ignoring hashes
 *               frequent inside either text (document-frequency limit);
 *   extend      seeds clustered by proximity in one text, then in the other,
 *               until stable (tolerates reordered sentences), then grown
 *               word by word over exact matches and out to sentence edges;
 *   filter      passages need enough seeds, length and similarity.
 * Similarity of a passage pair is the Dice overlap of their stemmed words;
 * "verbatim" is the share of words inside exact common 4-word runs.
 *
 * Relation per pair (kind), for pairs with 25+ words in passages; "inside"
 * means 40%+ of the derived article in passages with 50%+ of one of the two
 * texts in them, or 60%+ of either text in passages with half of it in exact
 * 4-word runs (whatever the other's length):
 *   copy          inside and near-verbatim (passages 80%+ in exact runs);
 *   rewrite       inside, reworded but close (similarity 0.7+, 55%+ of
 *                 words still in exact runs): edited and spun copies;
 *   shared-source anything looser or smaller (a statement, quotes or wire
 *                 paragraphs in both; two write-ups of one police release),
 *                 or both credit the same outside source, or both credit
 *                 the same named source ("according to the X Police
 *                 Department") outside the shared passages, or both derive
 *                 from a third member of the story;
 * share = fraction of the derived article's words covered by passages.
 * Direction (from = source, to = derived) by, in order: credits in the text
 * naming the other's outlet (data/wire_credits.txt, data/reuse_credits.txt),
 * publication dates, spinning artifacts (sentences broken before a lowercase
 * word), the story stage (the report that names the dead, the charges or
 * the sentence came after the one that does not: data/reuse_stage.txt),
 * containment asymmetry (the copy holds the source plus additions), then
 * story order.
 *
 * JSON: concord_reuse_json appends the story's "reuse" value:
 *   [{"from": id, "to": id, "kind", "share", "similarity", "direction": why,
 *     "passages": [{"from": [s,e], "to": [s,e], "similarity"}]}]
 * Per article (../shared/DESIGN.md), three fields:
 *   concord_reuse_derived_json: "derived_from", links to other articles only:
 *     [{"id", "kind": "copy|rewrite|shared-source", "share", "direction"}]
 *     Shared-source pairs appear in both members' lists, each with its share.
 *   concord_reuse_credits_json: "credits", what the text credits to an
 *     outside source: [{"outlet": "Reuters", "text": "Reuters reported",
 *     "start", "end", "article": id}]; "outlet" is "unnamed" for notes such
 *     as "This article has been adapted from its original source"; text,
 *     start and end are null when the credit sits in a part the cleaner
 *     removed (a byline or copyright line); "article" only when the credited
 *     outlet has a report in the story.
 *   concord_reuse_spun_json: "spun", {"broken_per_sentence": 0.11} for a text
 *     whose sentences are broken before lowercase words as spinning software
 *     does (reworded, not original), else null.
 * Offsets are byte offsets into member->clean->text.
 *
 * Ownership: concord_reuse_explain returns a result owned by the caller,
 * freed with concord_reuse_free; it borrows nothing after returning.
 * Thread-safety: lexicons are compiled once (pthread_once) and shared
 * read-only; all other state is per call, so different stories may be
 * explained on different threads. */
#ifndef CONCORD_REUSE_H
#define CONCORD_REUSE_H

#include "concord/explain.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CONCORD_REUSE_NONE = 0,
    CONCORD_REUSE_COPY,
    CONCORD_REUSE_REWRITE,
    CONCORD_REUSE_SHARED_SOURCE
} concord_reuse_kind;

/* "copy", "rewrite", "shared-source" or "none". */
CONCORD_EXPORT const char *concord_reuse_kind_name(concord_reuse_kind k);

/* One aligned passage: byte ranges into the source (from) and derived (to) texts. */
typedef struct concord_passage {
    uint32_t from_start, from_end;
    uint32_t to_start, to_end;
    double similarity; /* 0..1, Dice overlap of stemmed words */
    double verbatim;   /* 0..1, share of words in exact common 4-word runs */
} concord_passage;

/* Alignment tuning; concord_align_defaults fills the values used by explain. */
typedef struct concord_align_opts {
    unsigned max_gap;      /* content words between seeds inside one passage */
    unsigned min_seeds;    /* seeds a passage needs */
    unsigned min_words;    /* content words a passage needs on each side */
    unsigned max_freq;     /* bigrams more frequent than this in a text are no seeds */
    double min_similarity; /* passages below are dropped */
} concord_align_opts;
CONCORD_EXPORT void concord_align_defaults(concord_align_opts *o);

/* Aligns two analyzed texts; appends passages (from = a, to = b) to *out
 * (grown with CONCORD_GROW) and returns how many were added.  Time and
 * memory are O((na + nb) log(na + nb)) in the number of words; any size is
 * accepted.  opts NULL means defaults. */
CONCORD_EXPORT size_t concord_align(const char *a_text, const concord_doc *a, const char *b_text,
                                    const concord_doc *b, const concord_align_opts *opts,
                                    concord_passage **out, size_t *n, size_t *cap);

/* A credit found in a member's text. */
typedef struct concord_credit {
    size_t member;       /* index of the crediting member */
    const char *name;    /* canonical outlet name ("Reuters"), "unnamed" for notes */
    uint32_t start, end; /* span of the credit phrase in the member's clean text */
    long source_member;  /* member whose outlet is credited, or -1 (external) */
} concord_credit;

typedef struct concord_reuse_pair {
    size_t from, to; /* member indices: from = source, to = derived */
    concord_reuse_kind kind;
    double share;          /* fraction of "to" covered by passages */
    double share_from;     /* fraction of "from" covered by passages */
    double similarity;     /* word-weighted similarity of the passages */
    double verbatim;       /* word-weighted verbatim share of the passages */
    const char *direction; /* static: "credit", "date", "self-credit", "spin", "stage",
                              "containment", "order",
                       "symmetric" */
    concord_passage *passages;
    size_t n_passages;
} concord_reuse_pair;

typedef struct concord_reuse {
    concord_reuse_pair *pairs; /* kind != NONE, sorted by (to, from) */
    size_t n_pairs;
    size_t *by_from; /* pair indices sorted by (from, to) */
    concord_credit *credits;
    size_t n_credits;
    double *spin;        /* per member: broken sentences per sentence */
    unsigned char *spun; /* per member: 1 when spin artifacts are clear */
    size_t n_members;
    size_t n_candidates;        /* candidate pairs aligned */
    unsigned char *self_credit; /* per member: 1 when its dateline, lead or byline names its own
                                   outlet ("(MPA)" in Meridian Press Agency's report) */
} concord_reuse;

CONCORD_EXPORT concord_reuse *concord_reuse_explain(const concord_member *m, size_t n);
CONCORD_EXPORT void concord_reuse_free(concord_reuse *r);

/* Appends the "reuse" array value for the story. */
CONCORD_EXPORT void concord_reuse_json(const concord_reuse *r, const concord_member *m, size_t n,
                                       concord_buf *out);
/* Appends the "derived_from" array value for member member_index. */
CONCORD_EXPORT void concord_reuse_derived_json(const concord_reuse *r, const concord_member *m,
                                               size_t n, size_t member_index, concord_buf *out);
/* Appends the "credits" array value for member member_index. */
CONCORD_EXPORT void concord_reuse_credits_json(const concord_reuse *r, const concord_member *m,
                                               size_t n, size_t member_index, concord_buf *out);
/* Appends the "spun" value (object or null) for member member_index. */
CONCORD_EXPORT void concord_reuse_spun_json(const concord_reuse *r, size_t member_index,
                                            concord_buf *out);

/* The family tree view of a stored story, concord_reuse_print, is in
 * concord/show.h. */

/* The outlet network of a store (`concord outlets`): fed one stored story
 * document at a time, it counts for each pair of outlets how many reports of
 * one are a copy or rewrite of a report of the other (an article's best
 * derived_from link to another outlet: a copy outranks a rewrite, then the
 * larger share; shared-source links have no direction and are not counted),
 * the median lag in days between the two reports' dates, and for each outlet
 * the share of its reports that are its own (not derived from another
 * outlet's).  Allocated by concord_outlets_new, freed by
 * concord_outlets_free; not thread-safe (one feeder).
 * concord_outlets_network sorts the counts (links by count, outlets by size)
 * and hands them out in net: net's arrays are allocated (freed by
 * concord_outlets_network_free), its strings borrowed from x (valid until
 * the next add or free).  The table and JSON views, concord_outlets_print,
 * are in concord/show.h. */
typedef struct concord_outlets concord_outlets;
typedef struct {
    const char *from, *to;  /* outlets: to copied or rewrote from */
    size_t copy, rewrite;   /* reports of to that are a copy / a rewrite of from's */
    size_t dated;           /* of those, pairs with both dates */
    int has_lag;            /* dated > 0 */
    double median_lag_days; /* median of (to's date - from's date) */
} concord_outlet_link;
typedef struct {
    const char *outlet;
    size_t articles, derived; /* derived: a copy or rewrite of another outlet's report */
} concord_outlet_share;
typedef struct {
    size_t stories;
    concord_outlet_link *links;
    size_t n_links;
    concord_outlet_share *outlets;
    size_t n_outlets;
} concord_outlet_network;
CONCORD_EXPORT concord_outlets *concord_outlets_new(void);
CONCORD_EXPORT void concord_outlets_add(concord_outlets *x, const concord_json *story);
CONCORD_EXPORT void concord_outlets_network(concord_outlets *x, concord_outlet_network *net);
CONCORD_EXPORT void concord_outlets_network_free(concord_outlet_network *net);
CONCORD_EXPORT void concord_outlets_free(concord_outlets *x);

/* Spinning artifacts in one analyzed text: sentences broken before a
 * lowercase word ("would only leave. 'once their mission"); returns the
 * count and sets *n_sentences. */
CONCORD_EXPORT size_t concord_reuse_broken_sentences(const char *text, const concord_doc *d,
                                                     size_t *n_sentences);

#ifdef __cplusplus
}
#endif
#endif
