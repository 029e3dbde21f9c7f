/* quotes_speaker.c: everything one person is quoted saying across a store
 * (`concord quotes --speaker NAME`), variants grouped through the stories'
 * "elsewhere" links, earliest first (quotes_speaker.h); the listing and its
 * JSON are src/render/term/speaker_view.c. */
#include "quotes_speaker.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    char *story, *text, *first; /* first: earliest date of a mention's article ("" if none) */
    size_t quote;               /* index in the story's "quotes" */
    char *articles;             /* JSON array of the mentioning article ids */
    size_t n_articles;
    char **links; /* "elsewhere": story ids */
    size_t *link_quotes;
    size_t n_links;
    size_t group;
} S_said;

struct concord_speaker_quotes {
    char *name;
    S_said *s;
    size_t n, cap;
};

concord_speaker_quotes *concord_speaker_quotes_new(const char *name)
{
    concord_speaker_quotes *x = concord_xcalloc(1, sizeof *x);
    x->name = concord_xstrdup(name ? name : "");
    return x;
}

void concord_speaker_quotes_free(concord_speaker_quotes *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->n; i++) {
        S_said *s = &x->s[i];
        free(s->story);
        free(s->text);
        free(s->first);
        free(s->articles);
        for (size_t k = 0; k < s->n_links; k++)
            free(s->links[k]);
        free(s->links);
        free(s->link_quotes);
    }
    free(x->s);
    free(x->name);
    free(x);
}

/* The speaker matches NAME: the same name (case ignored), or NAME is one
 * word and the speaker's last word ("Putin" finds "Vladimir Putin"). */
static int S_matches(const char *speaker, const char *name)
{
    if (!speaker || !*name || !strcmp(speaker, "unknown"))
        return 0;
    if (!strcasecmp(speaker, name))
        return 1;
    if (strchr(name, ' '))
        return 0;
    const char *sp = strrchr(speaker, ' ');
    return sp && !strcasecmp(sp + 1, name);
}

void concord_speaker_quotes_add(concord_speaker_quotes *x, const concord_json *story)
{
    const char *sid = story ? concord_json_get_str(story, "story") : NULL;
    const concord_json *qs = story ? concord_json_get(story, "quotes") : NULL;
    const concord_json *arts = story ? concord_json_get(story, "articles") : NULL;
    if (!sid || !qs || qs->type != CONCORD_JSON_ARRAY)
        return;
    for (size_t k = 0; k < qs->len; k++) {
        const concord_json *q = qs->items[k];
        const char *kind = concord_json_get_str(q, "kind");
        if (kind && !strcmp(kind, "phrase"))
            continue;
        if (!S_matches(concord_json_get_str(q, "speaker"), x->name))
            continue;
        CONCORD_GROW(x->s, x->cap, x->n + 1);
        S_said *s = &x->s[x->n++];
        memset(s, 0, sizeof *s);
        s->story = concord_xstrdup(sid);
        const char *t = concord_json_get_str(q, "text");
        s->text = concord_xstrdup(t ? t : "");
        s->quote = k;
        const char *first = "";
        concord_buf ab;
        concord_buf_init(&ab);
        concord_buf_addc(&ab, '[');
        const concord_json *ms = concord_json_get(q, "mentions");
        for (size_t m = 0; ms && ms->type == CONCORD_JSON_ARRAY && m < ms->len; m++) {
            const char *aid = concord_json_get_str(ms->items[m], "article");
            if (!aid)
                continue;
            if (s->n_articles++)
                concord_buf_addc(&ab, ',');
            concord_json_str(&ab, aid);
            for (size_t a = 0; arts && arts->type == CONCORD_JSON_ARRAY && a < arts->len; a++) {
                const char *id = concord_json_get_str(arts->items[a], "id");
                const char *d = concord_json_get_str(arts->items[a], "date");
                if (id && d && *d && !strcmp(id, aid) && (!*first || strcmp(d, first) < 0))
                    first = d;
            }
        }
        concord_buf_addc(&ab, ']');
        s->articles = concord_buf_detach(&ab, NULL);
        s->first = concord_xstrdup(first);
        const concord_json *ew = concord_json_get(q, "elsewhere");
        for (size_t e = 0; ew && ew->type == CONCORD_JSON_ARRAY && e < ew->len; e++) {
            const char *os = concord_json_get_str(ew->items[e], "story");
            if (!os)
                continue;
            s->links = realloc(s->links, (s->n_links + 1) * sizeof *s->links);
            s->link_quotes = realloc(s->link_quotes, (s->n_links + 1) * sizeof *s->link_quotes);
            if (!s->links || !s->link_quotes)
                abort();
            s->links[s->n_links] = concord_xstrdup(os);
            s->link_quotes[s->n_links++] = (size_t)concord_json_get_num(ew->items[e], "quote", 0);
        }
    }
}

static size_t S_root(size_t *p, size_t x)
{
    while (p[x] != x)
        x = p[x] = p[p[x]];
    return x;
}

typedef struct {
    size_t i;
    const S_said *s;
} S_ref;

static int S_by_story_quote(const void *a, const void *b)
{
    const S_said *x = ((const S_ref *)a)->s, *y = ((const S_ref *)b)->s;
    int c = strcmp(x->story, y->story);
    return c ? c : (x->quote > y->quote) - (x->quote < y->quote);
}

typedef struct {
    size_t root;
    const char *first;
    size_t lead; /* the variant shown first */
} S_grp;

static int S_grp_cmp(const void *a, const void *b)
{
    const S_grp *x = a, *y = b;
    if (!*x->first != !*y->first)
        return *x->first ? -1 : 1; /* dated first */
    int c = strcmp(x->first, y->first);
    return c ? c : (x->lead > y->lead) - (x->lead < y->lead);
}

static int S_said_cmp(const void *a, const void *b)
{
    const S_said *x = *(const S_said *const *)a, *y = *(const S_said *const *)b;
    if (!*x->first != !*y->first)
        return *x->first ? -1 : 1;
    int c = strcmp(x->first, y->first);
    return c ? c : strcmp(x->story, y->story);
}

void concord__speaker_statements(concord_speaker_quotes *x, concord__statements *out)
{
    size_t n = x->n;
    memset(out, 0, sizeof *out);
    out->name = x->name;
    out->n_quotes = n;
    out->said = concord_xcalloc(n ? n : 1, sizeof *out->said);
    for (size_t i = 0; i < n; i++) {
        const S_said *s = &x->s[i];
        out->said[i] =
            (concord__said){s->story, s->text, s->first, s->quote, s->articles, s->n_articles};
    }
    size_t *p = concord_xmalloc((n ? n : 1) * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = i;
    /* variants: linked through "elsewhere" (looked up by story and quote) */
    S_ref *ref = concord_xmalloc((n ? n : 1) * sizeof *ref);
    for (size_t i = 0; i < n; i++)
        ref[i] = (S_ref){i, &x->s[i]};
    qsort(ref, n, sizeof *ref, S_by_story_quote);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < x->s[i].n_links; k++) {
            S_said key = {0};
            key.story = x->s[i].links[k];
            key.quote = x->s[i].link_quotes[k];
            S_ref kr = {0, &key};
            const S_ref *hit = bsearch(&kr, ref, n, sizeof *ref, S_by_story_quote);
            if (hit)
                p[S_root(p, i)] = S_root(p, hit->i);
        }
    S_grp *g = concord_xcalloc(n ? n : 1, sizeof *g);
    size_t *gi = concord_xmalloc((n ? n : 1) * sizeof *gi);
    size_t ng = 0;
    for (size_t i = 0; i < n; i++)
        gi[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t r = S_root(p, i);
        if (gi[r] == SIZE_MAX) {
            gi[r] = ng;
            g[ng] = (S_grp){r, x->s[i].first, i};
            ng++;
        }
        S_grp *G = &g[gi[r]];
        if (*x->s[i].first && (!*G->first || strcmp(x->s[i].first, G->first) < 0)) {
            G->first = x->s[i].first;
            G->lead = i;
        }
    }
    qsort(g, ng, sizeof *g, S_grp_cmp);
    out->n_statements = ng;
    out->statements = concord_xcalloc(ng ? ng : 1, sizeof *out->statements);
    out->all = concord_xmalloc((n ? n : 1) * sizeof *out->all);
    const S_said **members = concord_xmalloc((n ? n : 1) * sizeof *members);
    size_t at = 0;
    for (size_t k = 0; k < ng; k++) {
        size_t nm = 0;
        for (size_t i = 0; i < n; i++)
            if (S_root(p, i) == g[k].root)
                members[nm++] = &x->s[i];
        qsort(members, nm, sizeof *members, S_said_cmp);
        concord__statement *st = &out->statements[k];
        st->lead = &out->said[g[k].lead];
        st->variants = &out->all[at];
        st->n_variants = nm;
        for (size_t v = 0; v < nm; v++)
            out->all[at++] = &out->said[members[v] - x->s];
    }
    free(members);
    free(g);
    free(gi);
    free(ref);
    free(p);
}

void concord__speaker_statements_free(concord__statements *s)
{
    if (!s)
        return;
    free(s->statements);
    free(s->all);
    free(s->said);
    memset(s, 0, sizeof *s);
}
