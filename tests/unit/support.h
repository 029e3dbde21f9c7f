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

#endif
