/* fuzz_grouper.c: libFuzzer target for concord_grouper_load, which parses
 * the clustering state that `concord add` reads back from the store (state
 * "grouper"): a damaged or hostile store must give -1, never a crash.
 *
 * Properties checked: a blob that loads gives a grouper whose every story,
 * member and article id can be read; a run with nothing new keeps the
 * stories; saving it and loading the saved state again succeeds, and saving
 * that gives the same bytes (the state survives a round trip unchanged).
 * Then, as `concord add` does, three new articles join the loaded state (one
 * with the id of an article of the seeds, one replacing it through
 * concord_grouper_forget, a near-copy of it): the run must keep every story
 * readable and the state must save and load again.  A blob that does not
 * load leaves the grouper empty and usable.
 * Seeds: fuzz/seeds/fuzz_grouper/ (states saved by real runs). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord/analyze.h"
#include "concord/clean.h"
#include "concord/group.h"

/* New articles for the add phase, made once. */
#define S_NEW 3
static concord_features *S_new[S_NEW];

static void S_init(void)
{
    static const char *const ids[S_NEW] = {"a1", "fresh-1", "fresh-2"};
    static const char *const texts[S_NEW] = {
        "The old bridge over the Lorn river was closed on Monday after inspectors found a crack "
        "in its main span, the county said. Traffic is diverted through Millbrook.",
        "Inspectors found a crack in the main span of the old bridge over the Lorn river, which "
        "was closed on Monday; traffic goes through Millbrook, the county said.",
        "The town council approved a budget of 4.2 million for the coming year after a long "
        "debate about school repairs and the new library."};
    concord_analyzer *az = concord_analyzer_new("english");
    for (int i = 0; i < S_NEW; i++) {
        concord_article *a = concord_article_new(
            ids[i], "example.org", "", "2025-03-02",
            i == 2 ? "Council votes on budget" : "Bridge closed", texts[i], strlen(texts[i]));
        concord_clean *c = concord_clean_article(a);
        concord_doc *d = concord_analyze(az, c->text, c->len);
        S_new[i] = concord_features_new(a, c, d);
        concord_doc_free(d);
        concord_clean_free(c);
        concord_article_free(a);
    }
    concord_analyzer_free(az);
}

/* Saves g, loads the state into a fresh grouper and saves that: both saves
 * must be equal. */
static void S_round_trip(const concord_grouper *g)
{
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
}

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
    if (!S_new[0])
        S_init();
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
    S_round_trip(g);
    /* `concord add`: a changed article, a near-copy of it, an unrelated one */
    concord_grouper_forget(g, concord_features_id(S_new[0]));
    for (int i = 0; i < S_NEW; i++)
        concord_grouper_add(g, concord_features_copy(S_new[i]));
    concord_grouper_run(g);
    S_walk(g);
    S_round_trip(g);
    concord_grouper_free(g);
    return 0;
}
