/* fuzz_grouper.c: libFuzzer target for concord_grouper_load, which parses
 * the clustering state that `concord add` reads back from the store (state
 * "grouper"): a damaged or hostile store must give -1, never a crash.
 *
 * Properties checked: a blob that loads gives a grouper whose every story,
 * member and article id can be read; a run with nothing new keeps the
 * stories; saving it and loading the saved state again succeeds, and saving
 * that gives the same bytes (the state survives a round trip unchanged).  A
 * blob that does not load leaves the grouper empty and usable.
 * Seeds: fuzz/seeds/fuzz_grouper/ (states saved by real runs). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord/group.h"

static void S_walk(const concord_grouper *g)
{
    size_t n = concord_grouper_n_stories(g);
    for (size_t s = 0; s < n; s++) {
        const char *id = concord_grouper_story_id(g, s);
        if (!id)
            abort();
        size_t m = concord_grouper_story_size(g, s);
        for (size_t i = 0; i < m; i++) {
            const char *member = concord_grouper_story_member(g, s, i);
            if (!member)
                abort();
            (void)strlen(member);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    concord_grouper *g = concord_grouper_new();
    concord_grouper_set_threads(g, 1);
    if (concord_grouper_load(g, data, size) != 0) {
        if (concord_grouper_n_stories(g) != 0) {
            fprintf(stderr, "a state that does not load left %zu stories\n",
                    concord_grouper_n_stories(g));
            abort();
        }
        concord_grouper_run(g); /* empty and usable */
        concord_grouper_free(g);
        return 0;
    }
    S_walk(g);
    size_t before = concord_grouper_n_stories(g);
    concord_grouper_run(g); /* nothing added */
    if (concord_grouper_n_stories(g) != before) {
        fprintf(stderr, "a run with nothing new changed %zu stories into %zu\n", before,
                concord_grouper_n_stories(g));
        abort();
    }
    S_walk(g);
    size_t l1 = 0, l2 = 0;
    void *b1 = concord_grouper_save(g, &l1);
    concord_grouper *h = concord_grouper_new();
    concord_grouper_set_threads(h, 1);
    if (concord_grouper_load(h, b1, l1) != 0) {
        fprintf(stderr, "a saved state (%zu bytes) does not load again\n", l1);
        abort();
    }
    concord_grouper_run(h);
    void *b2 = concord_grouper_save(h, &l2);
    if (l1 != l2 || memcmp(b1, b2, l1) != 0) {
        fprintf(stderr, "a state changes in a save / load / save round trip (%zu -> %zu bytes)\n",
                l1, l2);
        abort();
    }
    free(b1);
    free(b2);
    concord_grouper_free(h);
    concord_grouper_free(g);
    return 0;
}
