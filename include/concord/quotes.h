/* concord/quotes.h: explain module "quotes": direct quotations, who said
 * them, and how each statement travels and mutates across a story's reports.
 *
 * Extraction (per article, on the cleaned text): one linear pass pairs quote
 * marks: curly “ ” ‘ ’, straight " and ' (classified as opening or closing
 * by their neighbours), « » (either direction), „ “ and 「 」.  Inner quotes
 * nest inside outer ones; a quote left open at a paragraph end continues
 * when the next paragraph opens with a quote mark (news convention), else it
 * is dropped and the marks inside it are re-used (no runaway spans); a quote
 * longer than CONCORD_QUOTE_MAX_BYTES is dropped the same way.  Inch and
 * foot marks (6'2", 12") and apostrophes (don't, O'Brien, the Russians')
 * never open a quote.  Two quoted segments joined by a short attribution
 * ("“We will not allow it,” Putin said, “and we never will.”") form one
 * mention.  Quotes of one to three words are kind "phrase" (scare quotes,
 * titles), longer ones kind "quote".
 *
 * Speakers: the clause after the closing mark ("..., X said", "said X",
 * "X told reporters", "according to X") and the clause before the opening
 * mark ("X said:", "X told the council that ...", "According to X, ...")
 * are searched for a speech cue from data/speech_verbs.txt; the noun phrase
 * in subject (or post-verb) position is the speaker.  Titles and roles from
 * data/speaker_titles.txt are stripped ("US Secretary of State Antony
 * Blinken" -> "Antony Blinken"); organisations (head words in
 * data/quote_org_heads.txt: "the Interior Ministry") and groups
 * (data/quote_groups.txt: "police", "officials") are speakers too.  Pronouns
 * (kinds he, she, they, it, first in data/quote_words.txt) resolve to the nearest preceding compatible
 * speaker named in the same article; a bare surname or "Mr. Putin" resolves
 * to the full name seen in the article, then in the story.  A quote with no
 * cue inherits the speaker of the quote just before it in the same
 * paragraph; otherwise the speaker is "unknown", never guessed.
 *
 * Tracking: within a story, mentions are grouped into one quote when their
 * similarity (concord_quote_similarity) reaches
 * CONCORD_QUOTE_SAME, or one is a truncation of the other (containment >=
 * 0.9 over at least 4 content words), and their speakers agree or one is
 * unknown; near-identical words (similarity >= 0.8) under different known
 * speakers are grouped with speaker_conflict set.  The quote's text is its most complete
 * variant; its speaker the most frequent known speaker of its mentions.
 * Across stories, concord_quote_links pairs quotes repeated in other stories.
 *
 * Cost: extraction is linear in the text (names are counted in hash tables
 * as they are found); story-level name resolution sorts; grouping first
 * merges mentions with the same words (one representative each), then
 * draws variant candidates from an inverted index of content words, where a
 * word carried by more than 512 representatives proposes no pairs (counted
 * in concord_quotes.capped_words).  So a story of n mentions costs
 * O(n log n + n * words * 512), never n^2: 60,000 quotes in one text take
 * well under a second (tests/unit/test_quotes.c, test_dense).
 *
 * JSON (concord_quotes_json appends the story's "quotes" value):
 *   [{"speaker", "text", "kind": "quote"|"phrase", "key": "16 hex digits",
 *     "speaker_conflict": bool, "speakers": [names when conflicting],
 *     "mentions": [{"article", "text", "start", "end", "speaker",
 *                   "speaker_text", "speaker_start", "speaker_end" (null when
 *                   no text names the speaker), "similarity"}],
 *     "elsewhere": [{"story", "quote", "similarity"}]}]
 * "elsewhere" is [] from concord_quotes_json; the pipeline fills it across the
 * store with concord_quote_links and concord_quotes_set_elsewhere.
 * start/end are byte offsets into member->clean->text of the quoted words
 * (outer marks excluded; an interrupted quote spans its attribution).
 *
 * Ownership: every function returning a pointer allocates; the caller frees
 * with the matching *_free.  Results borrow nothing after returning.
 * Thread-safety: lexicons are parsed once (pthread_once) and shared
 * read-only; all other state is per call. */
#ifndef CONCORD_QUOTES_H
#define CONCORD_QUOTES_H

#include "concord/explain.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CONCORD_QUOTE_MAX_BYTES 20000 /* longer quoted spans are not quotes */
#define CONCORD_QUOTE_SAME 0.5        /* default grouping threshold on similarity (MSRP train) */

typedef enum { CONCORD_QUOTE_FULL = 0, CONCORD_QUOTE_PHRASE = 1 } concord_quote_kind;

typedef enum {
    CONCORD_SPEAKER_UNKNOWN = 0,
    CONCORD_SPEAKER_PERSON,
    CONCORD_SPEAKER_ORG,  /* "Interior Ministry", "Reuters" */
    CONCORD_SPEAKER_GROUP /* "police", "officials", "witnesses" */
} concord_speaker_kind;

/* One quotation in one article. */
typedef struct concord_quote_mention {
    size_t member;        /* index of the story member (0 for single articles) */
    uint32_t start, end;  /* quoted bytes, outer marks excluded */
    uint32_t open, close; /* byte offsets of the opening mark and just past the closing mark */
    uint32_t part_end,
        part2; /* interrupted quote: first part ends at part_end, second starts at part2 (0 when not) */
    char *
        text; /* the quoted words, whitespace collapsed, continuation marks and attribution removed */
    char *speaker; /* canonical speaker ("Vladimir Putin", "Interior Ministry") or "unknown" */
    char *
        speaker_text; /* as written ("Mr. Putin", "he", "Russian President Vladimir Putin") or "" */
    uint32_t speaker_start, speaker_end; /* bytes of speaker_text, 0,0 when none */
    concord_quote_kind kind;
    concord_speaker_kind speaker_kind;
    int speaker_from; /* how: 0 none, 1 after-clause, 2 before-clause, 3 colon intro, 4 previous quote, 5 pronoun, 6 sentence subject, 7 the sentence before a stand-alone quote */
} concord_quote_mention;

typedef struct concord_quote_list {
    concord_quote_mention *items;
    size_t n;
} concord_quote_list;

/* Direct quotes of one text (cleaned text; offsets refer to it). Names are
 * resolved within the text only.  Caller frees with concord_quote_list_free. */
CONCORD_EXPORT concord_quote_list *concord_quotes_extract(const char *text, size_t len);
CONCORD_EXPORT void concord_quote_list_free(concord_quote_list *l);

/* One statement of a story and its mentions. */
typedef struct concord_quote {
    char *speaker; /* canonical, or "unknown" */
    char *text;    /* most complete variant */
    concord_quote_kind kind;
    int speaker_conflict; /* the same words under different known speakers */
    uint64_t key;         /* hash of the folded content words of text (cross-story link key) */
    size_t *mentions;     /* indices into concord_quotes.mentions, in story order */
    double *similarity;   /* per mention: similarity to text */
    size_t n_mentions;
} concord_quote;

typedef struct concord_quotes {
    concord_quote *quotes; /* full quotes first (most mentions first), then phrases */
    size_t n_quotes;
    concord_quote_mention *mentions; /* every mention of every member */
    size_t n_mentions;
    size_t capped_words; /* content words too common in the story to propose
                                 variant pairs (see "Cost" above); 0 in normal stories */
} concord_quotes;

CONCORD_EXPORT concord_quotes *concord_quotes_explain(const concord_member *m, size_t n);
CONCORD_EXPORT void concord_quotes_json(const concord_quotes *q, const concord_member *m, size_t n,
                                        concord_buf *out);
CONCORD_EXPORT void concord_quotes_free(concord_quotes *q);
/* The terminal view of a stored story's quotes, concord_quotes_print, is in
 * concord/show.h. */

/* Similarity of two texts in [0,1]: how likely they state the same thing.
 * Words are case-folded and lightly stemmed (synonym groups of
 * data/quote_synonyms.txt count as one word; function words weigh half).
 * Features: a word alignment (weighted longest common subsequence and bag
 * overlap, each over the LONGER text, scaled down when numbers disagree),
 * unigram/bigram/trigram and content-word overlap divided by the larger and
 * by the smaller count, the unmatched content words of the fuller side and
 * the difference of content-word counts; a logistic model over them, fitted
 * on MSRP train, scaled so that a text compared with itself scores 1.
 * Symmetric. */
CONCORD_EXPORT double concord_quote_similarity(const char *a, size_t alen, const char *b,
                                               size_t blen);
/* Share of the shorter text's weighted words found in order in the longer
 * (1.0 for an exact truncation); used to group truncated variants. */
CONCORD_EXPORT double concord_quote_containment(const char *a, size_t alen, const char *b,
                                                size_t blen);
/* The grouping decision used inside a story: 1 when a and b are variants of
 * one statement at the default threshold. */
CONCORD_EXPORT int concord_quote_same(const char *a, size_t alen, const char *b, size_t blen);

/* Cross-story links: quote qa of story sa repeats quote qb of story sb. */
typedef struct concord_quote_link {
    size_t story_a, quote_a, story_b, quote_b;
    double similarity;
} concord_quote_link;
/* Links every pair of full quotes of different stories that are variants
 * of one statement (shared 4-word shingles as candidates, then
 * concord_quote_same; quotes of two known speakers whose surnames differ
 * are never linked).  Returns a malloc'd array (caller frees) of *n links,
 * story_a < story_b. */
CONCORD_EXPORT concord_quote_link *concord_quote_links(const concord_quotes *const *stories,
                                                       size_t n_stories, size_t *n);

/* The quotes of a stored story document (its "quotes" field), enough for
 * concord_quote_links: quotes[k] is the document's k-th quote (text, speaker,
 * kind; no mentions).  Never NULL; free with concord_quotes_free. */
CONCORD_EXPORT concord_quotes *concord_quotes_from_json(const concord_json *story);
/* The story document with every quote's "elsewhere" set from the links that
 * involve story story_index: [{"story": story_ids[other], "quote": index of
 * the quote in the other story's "quotes", "similarity"}].  Returns a new
 * malloc'd document when an "elsewhere" changed (*changed = 1), else NULL. */
CONCORD_EXPORT char *concord_quotes_set_elsewhere(const concord_json *story, size_t story_index,
                                                  const concord_quote_link *links, size_t n_links,
                                                  const char *const *story_ids, int *changed);

/* Everything one person is quoted saying across a store (`concord quotes
 * --speaker NAME`): fed one stored story document at a time, it keeps the
 * full quotes whose speaker is NAME (case ignored; a one-word NAME also
 * matches the last word: "Putin" finds "Vladimir Putin").  Allocated by
 * _new, freed by _free; one feeder.  The listing, concord_speaker_quotes_print,
 * is in concord/show.h. */
typedef struct concord_speaker_quotes concord_speaker_quotes;
CONCORD_EXPORT concord_speaker_quotes *concord_speaker_quotes_new(const char *name);
CONCORD_EXPORT void concord_speaker_quotes_add(concord_speaker_quotes *x,
                                               const concord_json *story);
CONCORD_EXPORT void concord_speaker_quotes_free(concord_speaker_quotes *x);

#ifdef __cplusplus
}
#endif
#endif
