/* support.h: small helpers shared by the cmocka tests (include after
 * <cmocka.h> and "concord.h"). Header-only: every test is one program. */
#ifndef CONCORD_TEST_SUPPORT_H
#define CONCORD_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses every non-empty line of a JSON Lines file; the test fails on a
 * line that does not parse.  The caller frees each tree and the array. */
static inline concord_json **support_jsonl(const char *path, size_t *n)
{
    size_t len;
    char *s = concord_read_file(path, &len);
    assert_non_null(s);
    concord_json **out = NULL;
    size_t cap = 0;
    *n = 0;
    char *p = s;
    while (*p) {
        char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l) {
            size_t err_pos = 0;
            const char *msg = NULL;
            concord_json *j = concord_json_parse(p, l, &err_pos, &msg);
            if (!j)
                fprintf(stderr, "%s: line does not parse at %zu: %s\n", path, err_pos, msg);
            assert_non_null(j);
            CONCORD_GROW(out, cap, *n + 1);
            out[(*n)++] = j;
        }
        p += l + (e ? 1 : 0);
    }
    free(s);
    return out;
}

/* The entity of d whose text (in text) is `name`, or NULL. */
static inline const concord_entity *support_entity(const concord_doc *d, const char *text,
                                                   const char *name)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        const concord_entity *e = &d->entities[i];
        if (e->end - e->start == strlen(name) && memcmp(text + e->start, name, strlen(name)) == 0)
            return e;
    }
    return NULL;
}

/* The word of d whose text (in text) is w, or NULL. */
static inline const concord_word *support_word(const concord_doc *d, const char *text,
                                               const char *w)
{
    for (size_t i = 0; i < d->n_words; i++)
        if (d->words[i].end - d->words[i].start == strlen(w) &&
            memcmp(text + d->words[i].start, w, strlen(w)) == 0)
            return &d->words[i];
    return NULL;
}

#endif
