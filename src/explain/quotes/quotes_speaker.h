/* quotes_speaker.h (internal): the statements of one speaker across a store,
 * grouped by quotes_speaker.c for the view that prints them
 * (src/render/term/speaker_view.c, `concord quotes --speaker`).
 *
 * concord__speaker_statements groups the quotes fed to x (concord/quotes.h)
 * into statements: quotes linked through their stories' "elsewhere" are
 * variants of one statement.  Statements are ordered by the earliest date of
 * an article quoting them (undated last), variants within a statement by
 * date then story id.  Everything in *out is borrowed from x (valid until
 * the next add or free) except the arrays, freed by
 * concord__speaker_statements_free. */
#ifndef CONCORD_QUOTES_SPEAKER_H
#define CONCORD_QUOTES_SPEAKER_H

#include "concord/quotes.h"

typedef struct {
    const char *story, *text;
    const char *first;    /* earliest date of a mentioning article, "" if none */
    size_t quote;         /* index in the story's "quotes" */
    const char *articles; /* JSON array of the mentioning article ids */
    size_t n_articles;
} concord__said;

typedef struct {
    const concord__said *lead;      /* the variant shown first: the earliest */
    const concord__said **variants; /* into concord__statements.all */
    size_t n_variants;
} concord__statement;

typedef struct {
    const char *name;
    size_t n_quotes; /* quotes of the speaker, all statements together */
    concord__statement *statements;
    size_t n_statements;
    const concord__said **all; /* the variants of every statement, in order */
    concord__said *said;       /* one per quote (storage) */
} concord__statements;

void concord__speaker_statements(concord_speaker_quotes *x, concord__statements *out);
void concord__speaker_statements_free(concord__statements *s);

#endif
