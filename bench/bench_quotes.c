/* bench_quotes: figures for the quotes explain module (issue 5).
 *
 *   bench_quotes [--source DIR] [--data DIR] [--only gold|polnear|msrp|speed]
 *                [--show N] [--repeat N]
 *
 * DIR defaults to $CONCORD_SOURCE_DIR (else "."); data to DIR/../shared/data.
 *  gold     spans and speakers against tests/data/quotes_gold.tsv (hand-labelled:
 *           every quote of 20 gva-dev articles, plus the quotes EXPECTED.md lists
 *           for examples/corpus).  Articles are cleaned, quotes extracted on the
 *           cleaned text and mapped back to raw offsets.  A predicted span
 *           matches a gold span when they overlap by at least half of the longer
 *           one.  Precision on gva (all its quotes are labelled); recall on both;
 *           speaker accuracy on matched gold quotes (kind quote): exact
 *           (case-insensitive) and lenient (same last word).
 *  polnear  cross-check on PolNeAR (polnear-dev): direct attributions, run on
 *           the RAW text (their offsets are code points into it).  Recall: direct
 *           attributions whose content a predicted quote overlaps; precision:
 *           predicted full quotes overlapping some attribution content (direct or
 *           not; PolNeAR leaves titles and scare quotes unlabelled, so this is a
 *           lower bound); speaker: the predicted speaker phrase overlaps the gold
 *           source span (pronouns count as written), over recalled attributions
 *           for which we named a speaker and over all recalled ones (the
 *           headline figure, by half).  Two more lines, never replacing it:
 *           the same over attributions whose gold has a source span (95 have
 *           none: no prediction can overlap it), and a reader-level figure
 *           over those: a hit also when the gold phrase names concord's
 *           resolved speaker by surname ("Kunin" for "she" -> Madeleine
 *           Kunin) or when the gold swaps source and cue (source "said",
 *           cue the name concord marks).
 *  msrp     variant grouping as a sentence-pair task on msrp/train.tsv with the
 *           default decision concord_quote_same: accuracy, F1, errors (--show),
 *           a sweep of the similarity threshold, and 5-fold cross-validation of
 *           the logistic model behind the similarity (refitted on each four
 *           fifths from the library's pair features, same training procedure),
 *           so the train figure can be checked for overfitting.
 *  speed    extraction + grouping MB/s per core over gva-dev (articles grouped
 *           by their gva story, explained as one story each), best of N, plus
 *           polnear (quote-dense) and peak RSS. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "concord.h"
#include "concord/experimental.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ articles */

typedef struct {
    concord_article **a;
    size_t n, cap;
} S_arts;

static void S_load(S_arts *arts, const char *path)
{
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    const char *paths[1] = {path};
    concord_reader *r = concord_reader_open(paths, 1, d);
    concord_article *a;
    while (concord_reader_next(r, &a)) {
        CONCORD_GROW(arts->a, arts->cap, arts->n + 1);
        arts->a[arts->n++] = a;
    }
    concord_reader_close(r);
    concord_diag_free(d);
}

static concord_article *S_find_article(const S_arts *arts, const char *id)
{
    for (size_t i = 0; i < arts->n; i++)
        if (strcmp(arts->a[i]->id, id) == 0)
            return arts->a[i];
    return NULL;
}

static void S_free_arts(S_arts *arts)
{
    for (size_t i = 0; i < arts->n; i++)
        concord_article_free(arts->a[i]);
    free(arts->a);
}

/* --------------------------------------------------------------- gold */

typedef struct {
    char corpus[16];
    char id[128];
    size_t start, end;
    int phrase;
    char speaker[128];
} S_gold;

static size_t S_overlap(size_t a, size_t b, size_t c, size_t d)
{
    size_t lo = a > c ? a : c, hi = b < d ? b : d;
    return hi > lo ? hi - lo : 0;
}

static int S_match(size_t a, size_t b, size_t c, size_t d)
{
    size_t ov = S_overlap(a, b, c, d);
    size_t l1 = b - a, l2 = d - c;
    size_t mx = l1 > l2 ? l1 : l2;
    return mx && ov * 2 >= mx;
}

static void S_norm(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    if (strncmp(s, "the ", 4) == 0 || strncmp(s, "The ", 4) == 0)
        s += 4;
    for (; *s && o + 1 < cap; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c == '.')
            continue;
        out[o++] = c;
    }
    out[o] = '\0';
    /* typographic apostrophe */
    char *p;
    while ((p = strstr(out, "\xe2\x80\x99")) != NULL) {
        *p = '\'';
        memmove(p + 1, p + 3, strlen(p + 3) + 1);
    }
}

static const char *S_last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

typedef struct {
    size_t start, end; /* raw offsets */
    int phrase;
    const char *speaker;
    const char *text;
} S_pred;

static void S_extract_raw(const concord_article *a, concord_quote_list **keep, concord_clean **cl,
                          S_pred **preds, size_t *np)
{
    *cl = concord_clean_article(a);
    *keep = concord_quotes_extract((*cl)->text, (*cl)->len);
    *np = (*keep)->n;
    *preds = calloc(*np + 1, sizeof **preds);
    for (size_t i = 0; i < *np; i++) {
        const concord_quote_mention *m = &(*keep)->items[i];
        (*preds)[i].start = concord_clean_to_raw(*cl, m->start);
        (*preds)[i].end =
            m->end > m->start ? concord_clean_to_raw(*cl, m->end - 1) + 1 : (*preds)[i].start;
        (*preds)[i].phrase = m->kind == CONCORD_QUOTE_PHRASE;
        (*preds)[i].speaker = m->speaker;
        (*preds)[i].text = m->text;
    }
}

static void S_bench_gold(const char *src, const char *data, int show)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/quotes_gold.tsv", src);
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("gold: %s missing, skipped\n", path);
        return;
    }
    S_gold *g = NULL;
    size_t ng = 0, gcap = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *fld[6];
        int k = 0;
        char *p = line;
        while (k < 6) {
            fld[k++] = p;
            char *t = strchr(p, '\t');
            if (!t)
                break;
            *t = '\0';
            p = t + 1;
        }
        if (k < 6)
            continue;
        CONCORD_GROW(g, gcap, ng + 1);
        S_gold *x = &g[ng++];
        snprintf(x->corpus, sizeof x->corpus, "%.*s", (int)sizeof x->corpus - 1, fld[0]);
        snprintf(x->id, sizeof x->id, "%s", fld[1]);
        x->start = strtoul(fld[2], NULL, 10);
        x->end = strtoul(fld[3], NULL, 10);
        x->phrase = strcmp(fld[4], "phrase") == 0;
        snprintf(x->speaker, sizeof x->speaker, "%s", fld[5]);
    }
    fclose(f);
    S_arts gva = {0}, ex = {0};
    snprintf(path, sizeof path, "%s/gva-dev/articles.jsonl", data);
    S_load(&gva, path);
    snprintf(path, sizeof path, "%s/examples/corpus", src);
    S_load(&ex, path);
    if (!gva.n)
        printf("gold: %s/gva-dev missing, gva part skipped\n", data);

    for (int part = 0; part < 2; part++) {
        const char *corpus = part ? "example" : "gva";
        S_arts *arts = part ? &ex : &gva;
        size_t gold_n = 0, gold_hit = 0, gold_q = 0, gold_q_hit = 0;
        size_t pred_n = 0, pred_hit = 0, predq_n = 0, predq_hit = 0;
        size_t spk_n = 0, spk_exact = 0, spk_lenient = 0, missing_articles = 0;
        size_t shown = 0;
        /* one pass per article id */
        for (size_t i = 0; i < ng; i++) {
            if (strcmp(g[i].corpus, corpus) != 0)
                continue;
            int first = 1;
            for (size_t j = 0; j < i; j++)
                if (strcmp(g[j].corpus, corpus) == 0 && strcmp(g[j].id, g[i].id) == 0)
                    first = 0;
            if (!first)
                continue;
            const concord_article *a = S_find_article(arts, g[i].id);
            if (!a) {
                missing_articles++;
                continue;
            }
            concord_quote_list *l;
            concord_clean *cl;
            S_pred *pr;
            size_t np;
            S_extract_raw(a, &l, &cl, &pr, &np);
            char *used = calloc(np + 1, 1);
            for (size_t j = i; j < ng; j++) {
                if (strcmp(g[j].corpus, corpus) != 0 || strcmp(g[j].id, g[i].id) != 0)
                    continue;
                gold_n++;
                gold_q += !g[j].phrase;
                size_t hit = SIZE_MAX;
                for (size_t k = 0; k < np; k++)
                    if (S_match(g[j].start, g[j].end, pr[k].start, pr[k].end)) {
                        hit = k;
                        break;
                    }
                if (hit == SIZE_MAX) {
                    if (show && shown < (size_t)show) {
                        printf("  miss %s %s [%zu,%zu) %.*s\n", corpus, g[j].id, g[j].start,
                               g[j].end,
                               (int)(g[j].end - g[j].start > 80 ? 80 : g[j].end - g[j].start),
                               a->text + g[j].start);
                        shown++;
                    }
                    continue;
                }
                used[hit] = 1;
                gold_hit++;
                gold_q_hit += !g[j].phrase;
                if (g[j].phrase || strcmp(g[j].speaker, "-") == 0)
                    continue;
                spk_n++;
                char gs[256], ps[256];
                S_norm(g[j].speaker, gs, sizeof gs);
                S_norm(pr[hit].speaker, ps, sizeof ps);
                int ex_ok = strcmp(gs, ps) == 0;
                int le_ok = ex_ok || (strcmp(gs, "unknown") != 0 && strcmp(ps, "unknown") != 0 &&
                                      strcmp(S_last_word(gs), S_last_word(ps)) == 0);
                spk_exact += ex_ok;
                spk_lenient += le_ok;
                if (!ex_ok && show && shown < (size_t)show) {
                    printf("  speaker %s %s [%zu,%zu) gold \"%s\" got \"%s\"\n", corpus, g[j].id,
                           g[j].start, g[j].end, g[j].speaker, pr[hit].speaker);
                    shown++;
                }
            }
            for (size_t k = 0; k < np; k++) {
                pred_n++;
                pred_hit += used[k];
                if (!pr[k].phrase) {
                    predq_n++;
                    predq_hit += used[k];
                }
                if (!used[k] && part == 0 && show && shown < (size_t)show) {
                    printf("  extra %s %s [%zu,%zu) %.70s\n", corpus, g[i].id, pr[k].start,
                           pr[k].end, pr[k].text);
                    shown++;
                }
            }
            free(used);
            free(pr);
            concord_quote_list_free(l);
            concord_clean_free(cl);
        }
        if (!gold_n) {
            printf("gold %-7s: no labelled articles found (%zu missing)\n", corpus,
                   missing_articles);
            continue;
        }
        printf("gold %-7s: %zu labelled spans (%zu quotes), articles missing %zu\n", corpus, gold_n,
               gold_q, missing_articles);
        printf("  span recall     %.3f (%zu/%zu); quotes only %.3f (%zu/%zu)\n",
               (double)gold_hit / gold_n, gold_hit, gold_n,
               gold_q ? (double)gold_q_hit / gold_q : 0, gold_q_hit, gold_q);
        if (part == 0)
            printf("  span precision  %.3f (%zu/%zu); full quotes only %.3f (%zu/%zu)\n",
                   pred_n ? (double)pred_hit / pred_n : 0, pred_hit, pred_n,
                   predq_n ? (double)predq_hit / predq_n : 0, predq_hit, predq_n);
        printf("  speaker accuracy exact %.3f lenient %.3f (%zu matched quotes)\n",
               spk_n ? (double)spk_exact / spk_n : 0, spk_n ? (double)spk_lenient / spk_n : 0,
               spk_n);
    }
    S_free_arts(&gva);
    S_free_arts(&ex);
    free(g);
}

/* ------------------------------------------------------------ polnear */

typedef struct {
    size_t cs, ce, ss, se; /* code points */
    size_t us, ue;         /* the cue, code points */
    int direct;
    int hit;
} S_attr;

/* byte offset -> code point index */
static size_t S_cp_index(const char *s, size_t byte)
{
    size_t n = 0;
    for (size_t i = 0; i < byte; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* code point index -> byte offset */
static size_t S_cp_byte(const char *s, size_t cp)
{
    size_t i = 0, n = 0;
    while (s[i] && n < cp) {
        i++;
        while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n++;
    }
    return i;
}

static int S_is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Reader-level agreement: does the gold source phrase g[0..gn) name the
 * person concord resolved the quote to?  The speaker's last word (its
 * surname) must stand in the phrase as a word of its own (a possessive
 * "'s" / "’s" allowed after it), and a capitalised word right before it in
 * the phrase must be the speaker's first word ("Sen. Claire McCaskill"
 * matches "Claire McCaskill"; "Dena Grayson" does not match "Alan
 * Grayson").  Pronouns in the gold are not resolved (no match). */
static int S_same_person(const char *g, size_t gn, const char *speaker)
{
    if (!speaker || !*speaker || strcmp(speaker, "unknown") == 0)
        return 0;
    size_t sl = strlen(speaker);
    const char *last = strrchr(speaker, ' ');
    last = last ? last + 1 : speaker;
    size_t ll = (size_t)(speaker + sl - last);
    size_t fl = (size_t)(strchr(speaker, ' ') ? strchr(speaker, ' ') - speaker : 0);
    if (ll < 2)
        return 0;
    for (size_t i = 0; i + ll <= gn; i++) {
        if (memcmp(g + i, last, ll) != 0 || (i > 0 && S_is_alnum((unsigned char)g[i - 1])))
            continue;
        size_t e = i + ll;
        if (e < gn && S_is_alnum((unsigned char)g[e]) &&
            !(gn - e >= 3 && memcmp(g + e, "\xE2\x80\x99", 3) == 0))
            continue; /* a longer word ("Clintons"), not "Clinton’s" */
        size_t pe = e;
        if (gn - e >= 4 && memcmp(g + e, "\xE2\x80\x99s", 4) == 0)
            pe = e + 4;
        else if (gn - e >= 2 && memcmp(g + e, "'s", 2) == 0)
            pe = e + 2;
        int more = 0;
        for (size_t k = pe; pe > e && k < gn; k++)
            more |= S_is_alnum((unsigned char)g[k]);
        if (more)
            continue; /* "Grayson's spokeswoman": a possessor, not the speaker */
        /* the word before it, if capitalised, is the first name */
        size_t b = i;
        while (b > 0 && g[b - 1] == ' ')
            b--;
        size_t a = b;
        while (a > 0 && S_is_alnum((unsigned char)g[a - 1]))
            a--;
        if (a < b && g[a] >= 'A' && g[a] <= 'Z' && g[b - 1] != '.' && fl &&
            !(b - a == fl && memcmp(g + a, speaker, fl) == 0))
            continue;
        return 1;
    }
    return 0;
}

static void S_bench_polnear(const char *data, int show)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/polnear-dev/attributions.jsonl", data);
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("polnear: %s missing, skipped\n", path);
        return;
    }
    S_arts arts = {0};
    snprintf(path, sizeof path, "%s/polnear-dev/articles.jsonl", data);
    S_load(&arts, path);
    /* attributions grouped by article: read all, sort by article index */
    typedef struct {
        size_t art;
        S_attr a;
    } S_row;
    S_row *rows = NULL;
    size_t nr = 0, rcap = 0;
    size_t lcap = 1 << 16;
    char *line = malloc(lcap);
    size_t last_art = 0;
    while (fgets(line, (int)lcap, f)) {
        concord_json *j = concord_json_parse(line, strlen(line), NULL, NULL);
        if (!j)
            continue;
        const char *aid = concord_json_get_str(j, "article");
        const concord_json *c = concord_json_get(j, "content");
        const concord_json *s = concord_json_get(j, "source");
        const concord_json *d = concord_json_get(j, "direct");
        if (aid && c && c->type == CONCORD_JSON_ARRAY && c->len == 2) {
            size_t ai = SIZE_MAX;
            if (last_art < arts.n && strcmp(arts.a[last_art]->id, aid) == 0)
                ai = last_art;
            else
                for (size_t k = 0; k < arts.n; k++)
                    if (strcmp(arts.a[k]->id, aid) == 0) {
                        ai = k;
                        break;
                    }
            if (ai != SIZE_MAX) {
                last_art = ai;
                CONCORD_GROW(rows, rcap, nr + 1);
                S_row *r = &rows[nr++];
                memset(r, 0, sizeof *r);
                r->art = ai;
                r->a.cs = (size_t)c->items[0]->number;
                r->a.ce = (size_t)c->items[1]->number;
                if (s && s->type == CONCORD_JSON_ARRAY && s->len == 2) {
                    r->a.ss = (size_t)s->items[0]->number;
                    r->a.se = (size_t)s->items[1]->number;
                }
                r->a.direct = d && d->type == CONCORD_JSON_TRUE;
                const concord_json *u = concord_json_get(j, "cue");
                if (u && u->type == CONCORD_JSON_ARRAY && u->len == 2) {
                    r->a.us = (size_t)u->items[0]->number;
                    r->a.ue = (size_t)u->items[1]->number;
                }
            }
        }
        concord_json_free(j);
    }
    fclose(f);
    free(line);
    size_t n_direct = 0, direct_hit = 0, pred_full = 0, pred_full_hit = 0;
    size_t spk_named = 0, spk_named_ok = 0, spk_all_ok = 0, shown = 0;
    size_t half_n[2] = {0, 0}, half_ok[2] = {0, 0}; /* even / odd article index */
    /* over quotes whose gold names a source; and reader-level agreement */
    size_t src_n[2] = {0, 0}, src_ok[2] = {0, 0}, same_ok[2] = {0, 0};
    for (size_t ai = 0; ai < arts.n; ai++) {
        const concord_article *a = arts.a[ai];
        concord_quote_list *l = concord_quotes_extract(a->text, a->text_len);
        size_t *ps = calloc(l->n + 1, sizeof *ps), *pe = calloc(l->n + 1, sizeof *pe);
        size_t *ss = calloc(l->n + 1, sizeof *ss), *se = calloc(l->n + 1, sizeof *se);
        for (size_t k = 0; k < l->n; k++) {
            ps[k] = S_cp_index(a->text, l->items[k].start);
            pe[k] = ps[k] +
                    S_cp_index(a->text + l->items[k].start, l->items[k].end - l->items[k].start);
            if (l->items[k].speaker_end > l->items[k].speaker_start) {
                ss[k] = S_cp_index(a->text, l->items[k].speaker_start);
                se[k] = ss[k] + S_cp_index(a->text + l->items[k].speaker_start,
                                           l->items[k].speaker_end - l->items[k].speaker_start);
            }
        }
        for (size_t r = 0; r < nr; r++) {
            if (rows[r].art != ai || !rows[r].a.direct)
                continue;
            n_direct++;
            size_t hit = SIZE_MAX;
            for (size_t k = 0; k < l->n; k++)
                if (S_overlap(rows[r].a.cs, rows[r].a.ce, ps[k], pe[k]) > 0) {
                    hit = k;
                    break;
                }
            if (hit == SIZE_MAX)
                continue;
            direct_hit++;
            int ok =
                se[hit] > ss[hit] && S_overlap(rows[r].a.ss, rows[r].a.se, ss[hit], se[hit]) > 0;
            if (se[hit] > ss[hit]) {
                spk_named++;
                spk_named_ok += ok;
            }
            spk_all_ok += ok;
            half_n[ai & 1]++;
            half_ok[ai & 1] += ok;
            int same = 0;
            if (rows[r].a.se > rows[r].a.ss) {
                src_n[ai & 1]++;
                src_ok[ai & 1] += ok;
                size_t gb = S_cp_byte(a->text, rows[r].a.ss), ge = S_cp_byte(a->text, rows[r].a.se);
                same = ok || S_same_person(a->text + gb, ge - gb, l->items[hit].speaker);
                /* "“...,” said Clinton" annotated with source "said" and cue
                 * "Clinton": concord's phrase is the gold cue */
                static const char *const verbs[] = {"said",  "says", "added",
                                                    "asked", "told", "wrote"};
                for (size_t v = 0; !same && v < sizeof verbs / sizeof verbs[0]; v++)
                    if (ge - gb == strlen(verbs[v]) && memcmp(a->text + gb, verbs[v], ge - gb) == 0)
                        same = se[hit] > ss[hit] &&
                               S_overlap(rows[r].a.us, rows[r].a.ue, ss[hit], se[hit]) > 0;
                same_ok[ai & 1] += same;
            }
            if (!ok && getenv("BENCH_QUOTES_MISSES") && !(ai & 1))
                fprintf(stderr, "%s\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%d\t%s\t%d\n", a->id,
                        rows[r].a.ss, rows[r].a.se, S_cp_index(a->text, l->items[hit].open),
                        S_cp_index(a->text, l->items[hit].close), ss[hit], se[hit],
                        l->items[hit].speaker_from, l->items[hit].speaker, same);
            if (!ok && show && shown < (size_t)show) {
                size_t gb = S_cp_byte(a->text, rows[r].a.ss), ge = S_cp_byte(a->text, rows[r].a.se);
                size_t qb = l->items[hit].open;
                size_t ctx = gb < qb ? gb : qb;
                ctx = ctx > 60 ? ctx - 60 : 0;
                size_t cend = (ge > qb ? ge : qb) + 40;
                printf("  polnear speaker %s: gold [%zu,%zu) \"%.*s\" got \"%s\" (%s) from %d\n"
                       "     ...%.*s\n",
                       a->id, rows[r].a.ss, rows[r].a.se, (int)(ge - gb), a->text + gb,
                       l->items[hit].speaker_text, l->items[hit].speaker,
                       l->items[hit].speaker_from, (int)(cend - ctx), a->text + ctx);
                shown++;
            }
        }
        for (size_t k = 0; k < l->n; k++) {
            if (l->items[k].kind != CONCORD_QUOTE_FULL)
                continue;
            pred_full++;
            for (size_t r = 0; r < nr; r++)
                if (rows[r].art == ai && S_overlap(rows[r].a.cs, rows[r].a.ce, ps[k], pe[k])) {
                    pred_full_hit++;
                    break;
                }
        }
        free(ps);
        free(pe);
        free(ss);
        free(se);
        concord_quote_list_free(l);
    }
    printf("polnear: %zu articles, %zu direct attributions\n", arts.n, n_direct);
    printf("  direct recall %.3f (%zu/%zu); full-quote precision (lower bound) %.3f (%zu/%zu)\n",
           n_direct ? (double)direct_hit / n_direct : 0, direct_hit, n_direct,
           pred_full ? (double)pred_full_hit / pred_full : 0, pred_full_hit, pred_full);
    printf("  speaker phrase = gold source: %.3f of recalled with a speaker (%zu), %.3f of all "
           "recalled\n",
           spk_named ? (double)spk_named_ok / spk_named : 0, spk_named,
           direct_hit ? (double)spk_all_ok / direct_hit : 0);
    printf("  speaker, unknown counted as a miss: %.3f on even-indexed articles (%zu/%zu, tuning "
           "half), %.3f on odd-indexed (%zu/%zu, held out)\n",
           half_n[0] ? (double)half_ok[0] / half_n[0] : 0, half_ok[0], half_n[0],
           half_n[1] ? (double)half_ok[1] / half_n[1] : 0, half_ok[1], half_n[1]);
    printf("  same, over quotes whose gold names a source (PolNeAR leaves %zu / %zu without): "
           "%.3f tuning (%zu/%zu), %.3f held out (%zu/%zu)\n",
           half_n[0] - src_n[0], half_n[1] - src_n[1], src_n[0] ? (double)src_ok[0] / src_n[0] : 0,
           src_ok[0], src_n[0], src_n[1] ? (double)src_ok[1] / src_n[1] : 0, src_ok[1], src_n[1]);
    printf("  same person (the phrase; or the gold phrase names concord's resolved speaker by "
           "surname; or the gold swaps source and cue), over those: %.3f tuning (%zu/%zu), %.3f "
           "held out (%zu/%zu)\n",
           src_n[0] ? (double)same_ok[0] / src_n[0] : 0, same_ok[0], src_n[0],
           src_n[1] ? (double)same_ok[1] / src_n[1] : 0, same_ok[1], src_n[1]);
    free(rows);
    S_free_arts(&arts);
}

/* --------------------------------------------------------------- msrp */

/* The library's pair features (src/explain/quotes/quotes_internal.h, not public): the
 * first n - 3 feed the logistic model; then containment, size of the
 * shorter text, similarity. */
size_t concord__quote_features(const char *a, size_t alen, const char *b, size_t blen, double *f);

#define S_CV_MAXF 32

/* Logistic regression by gradient descent on standardised features (the
 * procedure that fitted the library's weights); returns weights in w[0..d)
 * and bias *b on standardised inputs with means mu and deviations sd. */
static void S_lr_fit(const double *x, const int *y, const size_t *idx, size_t n, size_t d,
                     double *mu, double *sd, double *w, double *b)
{
    for (size_t j = 0; j < d; j++) {
        double m = 0, v = 0;
        for (size_t i = 0; i < n; i++)
            m += x[idx[i] * S_CV_MAXF + j];
        m /= (double)n;
        for (size_t i = 0; i < n; i++) {
            double t = x[idx[i] * S_CV_MAXF + j] - m;
            v += t * t;
        }
        mu[j] = m;
        sd[j] = v > 0 ? sqrt(v / (double)n) : 1;
        w[j] = 0;
    }
    *b = 0;
    double g[S_CV_MAXF];
    for (int it = 0; it < 800; it++) {
        double gb = 0;
        for (size_t j = 0; j < d; j++)
            g[j] = 0;
        for (size_t i = 0; i < n; i++) {
            const double *r = &x[idx[i] * S_CV_MAXF];
            double z = *b;
            for (size_t j = 0; j < d; j++)
                z += w[j] * (r[j] - mu[j]) / sd[j];
            double e = 1 / (1 + exp(-z)) - y[idx[i]];
            gb += e;
            for (size_t j = 0; j < d; j++)
                g[j] += e * (r[j] - mu[j]) / sd[j];
        }
        *b -= 0.5 * gb / (double)n;
        for (size_t j = 0; j < d; j++)
            w[j] -= 0.5 * (g[j] / (double)n + 1e-3 * w[j]);
    }
}

/* 5-fold cross-validation of the model behind concord_quote_same: refit on
 * four fifths, decide the fifth (logit >= 0, or the truncation rule). */
static void S_msrp_cv(const double *x, const int *y, size_t n, size_t d)
{
    size_t *perm = malloc(n * sizeof *perm), *tr = malloc(n * sizeof *tr);
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    unsigned long long st = 7;
    for (size_t i = n; i > 1; i--) {
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        size_t j = (size_t)((st >> 33) % i);
        size_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
    size_t ok = 0;
    for (int k = 0; k < 5; k++) {
        size_t nt = 0;
        for (size_t i = 0; i < n; i++)
            if (i % 5 != (size_t)k)
                tr[nt++] = perm[i];
        double mu[S_CV_MAXF], sd[S_CV_MAXF], w[S_CV_MAXF], b;
        S_lr_fit(x, y, tr, nt, d, mu, sd, w, &b);
        for (size_t i = (size_t)k; i < n; i += 5) {
            const double *r = &x[perm[i] * S_CV_MAXF];
            double z = b;
            for (size_t j = 0; j < d; j++)
                z += w[j] * (r[j] - mu[j]) / sd[j];
            int pred = z >= 0 || (r[d] >= 0.9 && r[d + 1] >= 4.0);
            ok += pred == y[perm[i]];
        }
    }
    printf("  5-fold cross-validation (model refitted per fold, %zu features): accuracy %.3f\n", d,
           (double)ok / (double)n);
    free(perm);
    free(tr);
}

static void S_bench_msrp(const char *data, int show)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/msrp/train.tsv", data);
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("msrp: %s missing, skipped\n", path);
        return;
    }
    char line[8192];
    size_t n = 0, tp = 0, fp = 0, tn = 0, fn = 0, shown = 0;
    /* threshold sweep on the similarity alone, for the record */
    enum { NT = 20 };
    size_t sweep_ok[NT] = {0};
    double *fx = NULL;
    int *fy = NULL;
    size_t fcap = 0, fd = 0;
    double t0 = S_now();
    if (!fgets(line, sizeof line, f)) { /* header */
        fclose(f);
        return;
    }
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *fld[5];
        int k = 0;
        char *p = line;
        while (k < 5) {
            fld[k++] = p;
            char *t = strchr(p, '\t');
            if (!t)
                break;
            *t = '\0';
            p = t + 1;
        }
        if (k < 5)
            continue;
        int gold = atoi(fld[0]);
        const char *a = fld[3], *b = fld[4];
        int pred = concord_quote_same(a, strlen(a), b, strlen(b));
        double sim = concord_quote_similarity(a, strlen(a), b, strlen(b));
        for (int t = 0; t < NT; t++)
            sweep_ok[t] += (sim >= 0.3 + 0.025 * t) == gold;
        if (n >= fcap) {
            fcap = fcap ? 2 * fcap : 4096;
            fx = realloc(fx, fcap * S_CV_MAXF * sizeof *fx);
            fy = realloc(fy, fcap * sizeof *fy);
        }
        fd = concord__quote_features(a, strlen(a), b, strlen(b), &fx[n * S_CV_MAXF]) - 3;
        fy[n] = gold;
        n++;
        if (pred && gold)
            tp++;
        else if (pred && !gold) {
            fp++;
            if (show && shown < (size_t)show) {
                printf("  msrp FP %s/%s sim %.2f\n", fld[1], fld[2], sim);
                shown++;
            }
        } else if (!pred && gold) {
            fn++;
            if (show && shown < (size_t)show) {
                printf("  msrp FN %s/%s sim %.2f\n", fld[1], fld[2], sim);
                shown++;
            }
        } else
            tn++;
    }
    double dt = S_now() - t0;
    fclose(f);
    if (!n)
        return;
    double prec = tp + fp ? (double)tp / (tp + fp) : 0, rec = tp + fn ? (double)tp / (tp + fn) : 0;
    printf("msrp train: %zu pairs, default decision (similarity >= %.2f or containment): "
           "accuracy %.3f F1 %.3f (P %.3f R %.3f; TP %zu FP %zu FN %zu TN %zu) %.0f pairs/s\n",
           n, CONCORD_QUOTE_SAME, (double)(tp + tn) / n,
           prec + rec ? 2 * prec * rec / (prec + rec) : 0, prec, rec, tp, fp, fn, tn, n / dt);
    printf("  similarity-only sweep:");
    for (int t = 0; t < NT; t += 2)
        printf(" %.2f:%.3f", 0.3 + 0.025 * t, (double)sweep_ok[t] / n);
    printf("\n");
    S_msrp_cv(fx, fy, n, fd);
    free(fx);
    free(fy);
}

/* -------------------------------------------------------------- speed */

static double S_explain_all(concord_article **a, size_t n, const char *const *story_of,
                            concord_clean *fake, concord_member *m, size_t *n_quotes)
{
    double t0 = S_now();
    size_t i = 0;
    *n_quotes = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && story_of && strcmp(story_of[j], story_of[i]) == 0)
            j++;
        for (size_t k = i; k < j; k++) {
            fake[k].text = a[k]->text;
            fake[k].len = a[k]->text_len;
            m[k - i].article = a[k];
            m[k - i].clean = &fake[k];
            m[k - i].doc = NULL;
        }
        concord_quotes *q = concord_quotes_explain(m, j - i);
        *n_quotes += q->n_quotes;
        concord_quotes_free(q);
        i = j;
    }
    return S_now() - t0;
}

static void S_bench_speed(const char *data, int repeat)
{
    char path[4096];
    const char *sets[2] = {"gva-dev/articles.jsonl", "polnear-dev/articles.jsonl"};
    for (int s = 0; s < 2; s++) {
        snprintf(path, sizeof path, "%s/%s", data, sets[s]);
        S_arts arts = {0};
        S_load(&arts, path);
        if (!arts.n) {
            printf("speed: %s missing, skipped\n", path);
            continue;
        }
        size_t bytes = 0;
        for (size_t i = 0; i < arts.n; i++)
            bytes += arts.a[i]->text_len;
        /* gva: stories of up to 17 articles by their url host order is not the
         * story; group consecutive blocks of 8 articles as one story each */
        const char **story = calloc(arts.n, sizeof *story);
        char(*names)[24] = calloc(arts.n, sizeof *names);
        for (size_t i = 0; i < arts.n; i++) {
            snprintf(names[i], sizeof names[i], "%zu", i / 8);
            story[i] = names[i];
        }
        concord_clean *fake = calloc(arts.n, sizeof *fake);
        concord_member *m = calloc(arts.n, sizeof *m);
        double best = 1e9;
        size_t nq = 0;
        for (int r = 0; r < repeat; r++) {
            double dt = S_explain_all(arts.a, arts.n, story, fake, m, &nq);
            if (dt < best)
                best = dt;
        }
        printf("speed %-28s %zu articles %.1f MB: extraction + grouping %.1f MB/s per core "
               "(%.0f articles/s, %zu quotes)\n",
               sets[s], arts.n, bytes / 1e6, bytes / 1e6 / best, arts.n / best, nq);
        free(story);
        free(names);
        free(fake);
        free(m);
        S_free_arts(&arts);
    }
    /* a 1 MB quotation and a text of stray marks */
    size_t n = 1 << 20;
    char *s = malloc(n + 8);
    memcpy(s, "\xE2\x80\x9C", 3);
    for (size_t i = 3; i < n; i++)
        s[i] = (i % 9) ? 'a' : ' ';
    memcpy(s + n, "\xE2\x80\x9D", 3);
    double t0 = S_now();
    concord_quote_list *l = concord_quotes_extract(s, n + 3);
    double dt1 = S_now() - t0;
    concord_quote_list_free(l);
    for (size_t i = 0; i < n; i++)
        s[i] = "\"'x \n"[(i * 7) % 5];
    t0 = S_now();
    l = concord_quotes_extract(s, n);
    double dt2 = S_now() - t0;
    printf("speed bad input: 1 MB quotation %.1f ms, 1 MB of stray marks %.1f ms (%zu quotes)\n",
           dt1 * 1e3, dt2 * 1e3, l->n);
    concord_quote_list_free(l);
    free(s);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
}

int main(int argc, char **argv)
{
    const char *src = getenv("CONCORD_SOURCE_DIR");
    const char *only = NULL, *data = NULL;
    int show = 0, repeat = 3;
    if (!src)
        src = ".";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--source") && i + 1 < argc)
            src = argv[++i];
        else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--show") && i + 1 < argc)
            show = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_quotes [--source DIR] [--data DIR] "
                            "[--only gold|polnear|msrp|speed] [--show N] [--repeat N]\n");
            return 2;
        }
    }
    char dbuf[2048];
    if (!data) {
        snprintf(dbuf, sizeof dbuf, "%s/../shared/data", src);
        data = dbuf;
    }
    if (repeat < 1)
        repeat = 1;
    if (!only || !strcmp(only, "gold"))
        S_bench_gold(src, data, show);
    if (!only || !strcmp(only, "polnear"))
        S_bench_polnear(data, show);
    if (!only || !strcmp(only, "msrp"))
        S_bench_msrp(data, show);
    if (!only || !strcmp(only, "speed"))
        S_bench_speed(data, repeat);
    return 0;
}
