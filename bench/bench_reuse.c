/* bench_reuse: figures for the reuse explain module (issue 6).
 *
 *   bench_reuse [synth|short|real|bad|all] [--data DIR] [--cases N] [--seed S]
 *               [--pairs FILE] [--judge FILE] [--corpus FILE] [--copies N] [--big MB]
 *
 * DIR defaults to $CONCORD_SOURCE_DIR/../shared/data (else the folder next to
 * this source tree).  Exit 77 when gva-dev is absent.
 *
 * synth  A synthetic reuse benchmark generated from gva-dev cleaned texts with a
 *        fixed seed: for each obfuscation type (verbatim, light edits, sentence
 *        reordering, spun = word swaps + broken sentences + adjacent swaps,
 *        partial = 1-3 lightly edited sentences inside unrelated text) N pairs
 *        with ground-truth byte offsets, plus N unrelated pairs.  Prints PAN
 *        precision, recall, granularity and plagdet per type (character level,
 *        source and suspicious sides counted together), the relation concord
 *        gives each pair, and the alignment speed (pairs/s, MB/s).
 * real   Real syndication: every gold story of gva-dev with two or more articles
 *        goes through concord_reuse_explain; counts the pairs of different
 *        outlets called copy / rewrite / shared-source, the explain time and
 *        its share of read+clean+analyze+explain time; --pairs FILE writes
 *        every pair (ids, kind, share, similarity, ..., same outlet or not); --judge FILE (tests/data/
 *        reuse_judgements.tsv) gives precision on the hand-checked pairs;
 *        --corpus FILE runs it on another JSON Lines file grouped by its
 *        "story" field (ecbplus-dev.jsonl: the outlet is the URL's host,
 *        an article without one counts as an outlet of its own).
 * bad    Bad input: two identical articles of --big MB (default 10), one
 *        sentence repeated 10,000 times, a story of --copies (default 5,000)
 *        near-identical wire copies: time, pairs and peak memory. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "concord.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long S_maxrss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

/* ---- fixed-seed random numbers ------------------------------------------ */

static uint64_t S_rng = 0x5EED5EED12345678ull;

static uint64_t S_rand(void)
{
    S_rng ^= S_rng >> 12;
    S_rng ^= S_rng << 25;
    S_rng ^= S_rng >> 27;
    return S_rng * 0x2545F4914F6CDD1Dull;
}

static double S_unif(void)
{
    return (double)(S_rand() >> 11) / 9007199254740992.0;
}

static size_t S_pick(size_t n)
{
    return n ? (size_t)(S_rand() % n) : 0;
}

/* ---- corpus ---------------------------------------------------------------- */

typedef struct S_art {
    concord_article *a;
    char *story;
    concord_clean *clean;
    concord_doc *doc;
} S_art;

static S_art *S_arts;
static size_t S_n_arts;
static concord_analyzer *S_az;
static double S_t_read, S_t_clean, S_t_analyze;

/* Host of a URL ("http://www.x.com/a" -> "www.x.com") into out. */
static void S_url_host(const char *url, char *out, size_t cap)
{
    out[0] = '\0';
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return;
    p += 3;
    size_t n = strcspn(p, "/:?#");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

/* Loads gva-dev, or corpus (a JSON Lines file with id, text, story, and
 * optionally source, url, date, title) when given. */
static int S_load(const char *dir, const char *corpus)
{
    char path[4200];
    snprintf(path, sizeof path, "%.4000s/gva-dev/articles.jsonl", dir);
    FILE *f = fopen(corpus ? corpus : path, "rb");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0, cap_arts = 0;
    ssize_t len;
    S_az = concord_analyzer_new("english");
    while (1) {
        double t0 = S_now();
        len = getline(&line, &cap, f);
        if (len == -1)
            break;
        concord_json *j = concord_json_parse(line, (size_t)len, NULL, NULL);
        if (!j)
            continue;
        const char *text = concord_json_get_str(j, "text");
        const concord_json *tj = concord_json_get(j, "text");
        const char *source = concord_json_get_str(j, "source");
        char host[256];
        if (!source || !*source) {
            /* no outlet given: the URL's host, else the id (an outlet of its own) */
            S_url_host(concord_json_get_str(j, "url"), host, sizeof host);
            if (!host[0])
                snprintf(host, sizeof host, "unknown:%.200s", concord_json_get_str(j, "id"));
            source = host;
        }
        concord_article *a = concord_article_new(
            concord_json_get_str(j, "id"), source, concord_json_get_str(j, "url"),
            concord_json_get_str(j, "date"), concord_json_get_str(j, "title"), text ? text : "",
            tj ? tj->len : 0);
        const char *story = concord_json_get_str(j, "story");
        CONCORD_GROW(S_arts, cap_arts, S_n_arts + 1);
        S_art *x = &S_arts[S_n_arts++];
        x->a = a;
        x->story = concord_xstrdup(story ? story : "");
        concord_json_free(j);
        double t1 = S_now();
        x->clean = concord_clean_article(a);
        double t2 = S_now();
        x->doc = concord_analyze(S_az, x->clean->text, x->clean->len);
        double t3 = S_now();
        S_t_read += t1 - t0;
        S_t_clean += t2 - t1;
        S_t_analyze += t3 - t2;
    }
    free(line);
    fclose(f);
    return 0;
}

/* ---- synthetic benchmark ------------------------------------------------ */

enum { T_VERBATIM, T_LIGHT, T_REORDER, T_SPUN, T_PARTIAL, T_UNRELATED, T_COUNT };
static const char *const S_type_name[T_COUNT] = {"verbatim", "light",   "reorder",
                                                 "spun",     "partial", "unrelated"};

static char **S_vocab;
static size_t S_n_vocab;

static void S_build_vocab(void)
{
    size_t cap = 0;
    if (S_n_vocab)
        return;
    for (size_t k = 0; k < S_n_arts && S_n_vocab < 50000; k += 7) {
        const S_art *x = &S_arts[k];
        for (size_t w = 0; w < x->doc->n_words; w++) {
            const concord_word *wd = &x->doc->words[w];
            size_t l = wd->end - wd->start;
            const char *s = x->clean->text + wd->start;
            if (l < 4 || l > 12 ||
                (wd->flags & (CONCORD_TOK_CAP | CONCORD_TOK_NUMBER | CONCORD_TOK_STOP)))
                continue;
            int ascii = 1;
            for (size_t q = 0; q < l; q++)
                ascii &= s[q] >= 'a' && s[q] <= 'z';
            if (!ascii)
                continue;
            CONCORD_GROW(S_vocab, cap, S_n_vocab + 1);
            S_vocab[S_n_vocab++] = concord_xstrndup(s, l);
        }
    }
}

/* Appends sentences [s0, s1) of article x, separated by one space. */
static void S_add_sentences(concord_buf *b, const S_art *x, size_t s0, size_t s1)
{
    for (size_t s = s0; s < s1; s++) {
        const concord_span *sp = &x->doc->sentences[s];
        if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n')
            concord_buf_addc(b, ' ');
        concord_buf_add(b, x->clean->text + sp->start, sp->end - sp->start);
    }
}

/* Word-level edits of a passage.  light: deletions, insertions, replacements;
 * spun: replacements of ~35% of lowercase words, adjacent swaps and sentences
 * broken before a lowercase word, as spinning software does. */
static char *S_obfuscate(const char *p, size_t len, int type)
{
    concord_buf out;
    concord_buf_init(&out);
    char *prev_tok = NULL;
    size_t i = 0;
    while (i < len) {
        size_t s = i;
        while (i < len && p[i] != ' ' && p[i] != '\n')
            i++;
        size_t e = i;
        size_t ws = i;
        while (i < len && (p[i] == ' ' || p[i] == '\n'))
            i++;
        if (e == s)
            continue;
        /* token core = leading lowercase ASCII letters */
        size_t core = s;
        while (core < e && p[core] >= 'a' && p[core] <= 'z')
            core++;
        int lower_word =
            core - s >= 4 && (core == e || p[core] == ',' || p[core] == '.' || p[core] == ';');
        concord_buf tok;
        concord_buf_init(&tok);
        double u = S_unif();
        if (type == T_LIGHT) {
            if (u < 0.05) {
                concord_buf_free(&tok);
                continue; /* delete */
            }
            if (u < 0.10 && lower_word) {
                concord_buf_adds(&tok, S_vocab[S_pick(S_n_vocab)]);
                concord_buf_add(&tok, p + core, e - core);
            } else {
                concord_buf_add(&tok, p + s, e - s);
            }
            if (S_unif() < 0.03) {
                concord_buf_addc(&tok, ' ');
                concord_buf_adds(&tok, S_vocab[S_pick(S_n_vocab)]);
            }
        } else { /* spun */
            if (u < 0.35 && lower_word) {
                concord_buf_adds(&tok, S_vocab[S_pick(S_n_vocab)]);
                concord_buf_add(&tok, p + core, e - core);
            } else {
                concord_buf_add(&tok, p + s, e - s);
            }
            char last = tok.data[tok.len - 1];
            if (type == T_SPUN && S_unif() < 0.05 && last >= 'a' && last <= 'z')
                concord_buf_addc(&tok, '.'); /* broken sentence */
        }
        /* adjacent swap (spun) */
        if (type != T_LIGHT && prev_tok && S_unif() < 0.03) {
            concord_buf_adds(&out, tok.data);
            concord_buf_addc(&out, ' ');
            concord_buf_adds(&out, prev_tok);
            concord_buf_addc(&out, ' ');
            free(prev_tok);
            prev_tok = NULL;
            concord_buf_free(&tok);
            continue;
        }
        if (prev_tok) {
            concord_buf_adds(&out, prev_tok);
            concord_buf_addc(&out, ' ');
            free(prev_tok);
        }
        prev_tok = concord_buf_detach(&tok, NULL);
        (void)ws;
    }
    if (prev_tok) {
        concord_buf_adds(&out, prev_tok);
        free(prev_tok);
    }
    return concord_buf_detach(&out, NULL);
}

typedef struct S_case {
    uint32_t ss, se; /* source range */
    uint32_t ts, te; /* suspicious range */
} S_case;

typedef struct S_score {
    double rec_sum, prec_sum, gran_sum;
    size_t n_cases, n_det, n_detected;
    size_t kinds[4];
    double fp_chars;
    double sim_sum, verb_sum; /* over pairs given a relation */
    size_t n_rel;
} S_score;

static uint32_t S_ov(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
    uint32_t s = a0 > b0 ? a0 : b0, e = a1 < b1 ? a1 : b1;
    return e > s ? e - s : 0;
}

/* Union length of the overlaps of [c0,c1) with the ranges (one side) of detections that detect the case. */
static uint32_t S_union_overlap(uint32_t c0, uint32_t c1, const uint32_t *rs, const uint32_t *re,
                                size_t n)
{
    /* ranges are few: mark bytes */
    if (c1 <= c0)
        return 0;
    unsigned char *m = calloc(c1 - c0, 1);
    for (size_t k = 0; k < n; k++) {
        uint32_t s = rs[k] > c0 ? rs[k] : c0, e = re[k] < c1 ? re[k] : c1;
        for (uint32_t q = s; q < e; q++)
            m[q - c0] = 1;
    }
    uint32_t t = 0;
    for (uint32_t q = 0; q < c1 - c0; q++)
        t += m[q];
    free(m);
    return t;
}

static const char *S_dbg_src, *S_dbg_susp;

static void S_score_pair(S_score *sc, const S_case *c, int has_case, const concord_passage *d,
                         size_t nd)
{
    sc->n_det += nd;
    if (!has_case) {
        for (size_t k = 0; k < nd; k++) {
            sc->fp_chars += (double)(d[k].from_end - d[k].from_start + d[k].to_end - d[k].to_start);
        }
        return;
    }
    sc->n_cases++;
    uint32_t *fs = malloc((nd + 1) * sizeof *fs), *fe = malloc((nd + 1) * sizeof *fe);
    uint32_t *ts = malloc((nd + 1) * sizeof *ts), *te = malloc((nd + 1) * sizeof *te);
    size_t hits = 0;
    for (size_t k = 0; k < nd; k++) {
        uint32_t os = S_ov(c->ss, c->se, d[k].from_start, d[k].from_end);
        uint32_t ot = S_ov(c->ts, c->te, d[k].to_start, d[k].to_end);
        double dl = (double)(d[k].from_end - d[k].from_start + d[k].to_end - d[k].to_start);
        if (os > 0 && ot > 0) {
            fs[hits] = d[k].from_start;
            fe[hits] = d[k].from_end;
            ts[hits] = d[k].to_start;
            te[hits] = d[k].to_end;
            hits++;
            sc->prec_sum += dl > 0 ? (double)(os + ot) / dl : 0;
            if (getenv("BENCH_REUSE_DEBUG") && dl > 0 && (double)(os + ot) / dl < 0.8)
                fprintf(stderr,
                        "imprecise: case src [%u,%u) susp [%u,%u) det src [%u,%u) susp [%u,%u)\n",
                        c->ss, c->se, c->ts, c->te, d[k].from_start, d[k].from_end, d[k].to_start,
                        d[k].to_end);
            if (getenv("BENCH_REUSE_DEBUG") && dl > 0 && (double)(os + ot) / dl < 0.8 &&
                d[k].from_start < c->ss)
                fprintf(stderr, "  extra src before: [%.*s]\n  susp before: [%.*s]\n",
                        (int)(c->ss - d[k].from_start), S_dbg_src + d[k].from_start,
                        (int)(c->ts > 200 ? 200 : c->ts),
                        S_dbg_susp + (c->ts > 200 ? c->ts - 200 : 0));
        }
    }
    if (!hits && getenv("BENCH_REUSE_DEBUG"))
        fprintf(stderr, "missed: src [%.*s]\n        susp [%.*s]\n", (int)(c->se - c->ss),
                S_dbg_src + c->ss, (int)(c->te - c->ts), S_dbg_susp + c->ts);
    if (hits) {
        uint32_t us = S_union_overlap(c->ss, c->se, fs, fe, hits);
        uint32_t ut = S_union_overlap(c->ts, c->te, ts, te, hits);
        sc->rec_sum += (double)(us + ut) / (double)(c->se - c->ss + c->te - c->ts);
        sc->gran_sum += (double)hits;
        sc->n_detected++;
    }
    free(fs);
    free(fe);
    free(ts);
    free(te);
}

/* Index of a random article with at least min_sent sentences, not in story "avoid". */
static size_t S_random_article(size_t min_sent, const char *avoid)
{
    for (int tries = 0; tries < 100000; tries++) {
        size_t k = S_pick(S_n_arts);
        if (S_arts[k].doc->n_sentences >= min_sent &&
            (!avoid || strcmp(S_arts[k].story, avoid) != 0))
            return k;
    }
    return 0;
}

static int S_synth(size_t n_cases)
{
    S_build_vocab();
    S_score sc[T_COUNT];
    memset(sc, 0, sizeof sc);
    double t_align = 0, bytes_align = 0;
    size_t pairs_align = 0;
    for (int type = 0; type < T_COUNT; type++) {
        for (size_t c = 0; c < n_cases; c++) {
            size_t si = S_random_article(8, NULL);
            const S_art *src = &S_arts[si];
            size_t ui = S_random_article(8, src->story);
            const S_art *other = &S_arts[ui];
            size_t ns = src->doc->n_sentences;
            size_t plen = type == T_PARTIAL ? 1 + S_pick(3) : 3 + S_pick(6);
            if (plen > ns)
                plen = ns;
            size_t p0 = S_pick(ns - plen + 1);
            S_case cs = {0};
            cs.ss = src->doc->sentences[p0].start;
            cs.se = src->doc->sentences[p0 + plen - 1].end;
            concord_buf pass;
            concord_buf_init(&pass);
            if (type == T_REORDER) {
                size_t order[16];
                for (size_t k = 0; k < plen; k++)
                    order[k] = p0 + k;
                for (size_t k = plen; k > 1; k--) {
                    size_t q = S_pick(k);
                    size_t t = order[k - 1];
                    order[k - 1] = order[q];
                    order[q] = t;
                }
                for (size_t k = 0; k < plen; k++)
                    S_add_sentences(&pass, src, order[k], order[k] + 1);
            } else {
                S_add_sentences(&pass, src, p0, p0 + plen);
            }
            if (type == T_LIGHT || type == T_SPUN || type == T_PARTIAL) {
                char *o = S_obfuscate(pass.data, pass.len, type == T_SPUN ? T_SPUN : T_LIGHT);
                concord_buf_clear(&pass);
                concord_buf_adds(&pass, o);
                free(o);
            }
            /* suspicious document: unrelated sentences around the passage */
            concord_buf susp;
            concord_buf_init(&susp);
            size_t on = other->doc->n_sentences;
            size_t before = type == T_PARTIAL ? 3 + S_pick(5) : S_pick(3);
            size_t after = type == T_PARTIAL ? 3 + S_pick(5) : S_pick(3);
            if (before + after > on) {
                before = on / 2;
                after = on - before;
            }
            int has_case = type != T_UNRELATED;
            S_add_sentences(&susp, other, 0, before);
            if (has_case) {
                if (susp.len)
                    concord_buf_adds(&susp, "\n\n");
                cs.ts = (uint32_t)susp.len;
                concord_buf_add(&susp, pass.data, pass.len);
                cs.te = (uint32_t)susp.len;
                concord_buf_adds(&susp, "\n\n");
            } else {
                S_add_sentences(&susp, other, before, on - after);
            }
            S_add_sentences(&susp, other, on - after, on);
            concord_doc *sd = concord_analyze(S_az, susp.data, susp.len);
            concord_passage *det = NULL;
            size_t nd = 0, capd = 0;
            double t0 = S_now();
            concord_align(src->clean->text, src->doc, susp.data, sd, NULL, &det, &nd, &capd);
            t_align += S_now() - t0;
            bytes_align += (double)(src->clean->len + susp.len);
            pairs_align++;
            S_dbg_src = src->clean->text;
            S_dbg_susp = susp.data;
            S_score_pair(&sc[type], &cs, has_case, det, nd);
            /* the relation concord gives the pair as a two-article story */
            concord_article *sa =
                concord_article_new("susp", "susp.example", "", "", "", susp.data, susp.len);
            concord_clean sclean = {0};
            sclean.text = susp.data;
            sclean.len = susp.len;
            sclean.byline = sclean.dateline = sclean.date = sclean.outlet = "";
            concord_member m[2] = {{src->a, src->clean, src->doc}, {sa, &sclean, sd}};
            concord_reuse *r = concord_reuse_explain(m, 2);
            concord_reuse_kind kind = r->n_pairs ? r->pairs[0].kind : CONCORD_REUSE_NONE;
            sc[type].kinds[kind]++;
            if (r->n_pairs) {
                sc[type].sim_sum += r->pairs[0].similarity;
                sc[type].verb_sum += r->pairs[0].verbatim;
                sc[type].n_rel++;
            }
            concord_reuse_free(r);
            concord_article_free(sa);
            free(det);
            concord_doc_free(sd);
            concord_buf_free(&susp);
            concord_buf_free(&pass);
        }
    }
    printf("synthetic reuse benchmark: %zu pairs per type from gva-dev, seed fixed\n", n_cases);
    printf("%-10s %6s %6s %6s %7s %5s  %s\n", "type", "prec", "rec", "gran", "plagdet", "det",
           "relation given (copy/rewrite/shared-source/none)");
    for (int type = 0; type < T_COUNT; type++) {
        S_score *s = &sc[type];
        if (type == T_UNRELATED) {
            printf("%-10s %6s %6s %6s %7s %5zu  %zu/%zu/%zu/%zu  (false detections: %zu, %.0f "
                   "chars)\n",
                   S_type_name[type], "-", "-", "-", "-", s->n_det, s->kinds[1], s->kinds[2],
                   s->kinds[3], s->kinds[0], s->n_det, s->fp_chars);
            continue;
        }
        double prec = s->n_det ? s->prec_sum / (double)s->n_det : 0;
        double rec = s->n_cases ? s->rec_sum / (double)s->n_cases : 0;
        double gran = s->n_detected ? s->gran_sum / (double)s->n_detected : 1;
        double f = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
        double pd = f / log2(1 + gran);
        printf("%-10s %6.3f %6.3f %6.3f %7.3f %5zu  %zu/%zu/%zu/%zu  (mean similarity %.2f, "
               "verbatim %.2f)\n",
               S_type_name[type], prec, rec, gran, pd, s->n_det, s->kinds[1], s->kinds[2],
               s->kinds[3], s->kinds[0], s->n_rel ? s->sim_sum / (double)s->n_rel : 0,
               s->n_rel ? s->verb_sum / (double)s->n_rel : 0);
    }
    printf("alignment speed: %zu pairs in %.3f s = %.0f pairs/s, %.1f MB/s (both texts counted)\n",
           pairs_align, t_align, (double)pairs_align / t_align, bytes_align / 1e6 / t_align);
    return 0;
}

/* ---- short texts --------------------------------------------------------- */

/* Issue 16's short-text benchmark: a 200-300 word text made from a gva-dev
 * source (a later day) by cut-and-paste (a run of its sentences), light
 * revision (5% deletions, 5% replacements, 3% insertions), heavy revision (35%
 * of lowercase words replaced, adjacent swaps, no broken sentences), or
 * written independently (a 200-300 word run of an article about another
 * shooting).  Each pair is explained as a two-article story; a link is any
 * pair concord writes.  Also the share of each independent text found in
 * passages of its "source" (concord_align), which is where a minimum share
 * for writing links must sit above. */
#define S_HEAVY 100
static size_t S_words_in(const S_art *x, size_t s0, size_t s1)
{
    size_t w = 0;
    for (size_t s = s0; s < s1; s++) {
        const concord_span *sp = &x->doc->sentences[s];
        for (size_t k = 0; k < x->doc->n_words; k++)
            w += x->doc->words[k].start >= sp->start && x->doc->words[k].end <= sp->end;
    }
    return w;
}

/* A run of sentences of x with 200-300 words: sets [*s0, *s1); 0 if none. */
static int S_run_200_300(const S_art *x, size_t *s0, size_t *s1)
{
    size_t ns = x->doc->n_sentences;
    for (int tries = 0; tries < 20; tries++) {
        size_t a = S_pick(ns), b = a, w = 0;
        while (b < ns && w < 200) {
            w += S_words_in(x, b, b + 1);
            b++;
        }
        if (w >= 200 && w <= 300) {
            *s0 = a;
            *s1 = b;
            return 1;
        }
    }
    return 0;
}

static int S_dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double S_frac_below(const double *v, size_t n, double x)
{
    size_t k = 0;
    while (k < n && v[k] < x)
        k++;
    return n ? (double)k / (double)n : 0;
}

static int S_short(size_t n_cases)
{
    S_build_vocab();
    enum { K_CUT, K_LIGHT, K_HEAVY, K_INDEP, K_SAME, K_N };
    static const char *const names[K_N] = {"cut", "light", "heavy", "independent", "same-event"};
    size_t kinds[K_N][4];
    memset(kinds, 0, sizeof kinds);
    double *indep_share = concord_xcalloc(n_cases + 1, sizeof *indep_share);
    double *same_share = concord_xcalloc(n_cases + 1, sizeof *same_share);
    size_t n_indep = 0, n_same = 0, done[K_N] = {0};
    for (int k = 0; k < K_N; k++) {
        for (size_t c = 0; c < n_cases; c++) {
            /* the source: a long article (more than the 200-300 words taken) */
            size_t si = 0;
            size_t s0 = 0, s1 = 0;
            int ok = 0;
            for (int tries = 0; tries < 200 && !ok; tries++) {
                si = S_random_article(12, NULL);
                ok = S_arts[si].doc->n_words >= 320 && S_run_200_300(&S_arts[si], &s0, &s1);
            }
            if (!ok)
                continue;
            const S_art *src = &S_arts[si];
            const S_art *from = src;
            if (k == K_SAME) { /* another outlet's report of the same shooting */
                ok = 0;
                for (int tries = 0; tries < 400 && !ok; tries++) {
                    si = S_random_article(12, NULL);
                    src = &S_arts[si];
                    for (size_t o = 0; o < S_n_arts && !ok; o++) {
                        const S_art *y = &S_arts[o];
                        if (y == src || strcmp(y->story, src->story) ||
                            !strcmp(y->a->source, src->a->source))
                            continue;
                        from = y;
                        ok = S_run_200_300(from, &s0, &s1);
                    }
                }
                if (!ok)
                    continue;
            } else if (k == K_INDEP) { /* another shooting, another story */
                ok = 0;
                for (int tries = 0; tries < 200 && !ok; tries++) {
                    size_t oi = S_random_article(8, src->story);
                    from = &S_arts[oi];
                    ok = S_run_200_300(from, &s0, &s1);
                }
                if (!ok)
                    continue;
            }
            concord_buf t;
            concord_buf_init(&t);
            S_add_sentences(&t, from, s0, s1);
            if (k == K_LIGHT || k == K_HEAVY) {
                char *o = S_obfuscate(t.data, t.len, k == K_LIGHT ? T_LIGHT : S_HEAVY);
                concord_buf_clear(&t);
                concord_buf_adds(&t, o);
                free(o);
            }
            concord_article *sa = concord_article_new("src", "source.example", "", "2020-01-01", "",
                                                      src->clean->text, src->clean->len);
            concord_article *da = concord_article_new("derived", "derived.example", "",
                                                      "2020-01-02", "", t.data, t.len);
            concord_doc *dd = concord_analyze(S_az, t.data, t.len);
            concord_clean dclean = {0};
            dclean.text = t.data;
            dclean.len = t.len;
            dclean.byline = dclean.dateline = dclean.date = dclean.outlet = "";
            concord_member m[2] = {{sa, src->clean, src->doc}, {da, &dclean, dd}};
            concord_reuse *r = concord_reuse_explain(m, 2);
            kinds[k][r->n_pairs ? r->pairs[0].kind : CONCORD_REUSE_NONE]++;
            done[k]++;
            concord_reuse_free(r);
            if (k == K_INDEP || k == K_SAME) {
                concord_passage *det = NULL;
                size_t nd = 0, capd = 0;
                concord_align(src->clean->text, src->doc, t.data, dd, NULL, &det, &nd, &capd);
                size_t covered = 0;
                for (size_t w = 0; w < dd->n_words; w++)
                    for (size_t q = 0; q < nd; q++)
                        if (dd->words[w].start >= det[q].to_start &&
                            dd->words[w].end <= det[q].to_end) {
                            covered++;
                            break;
                        }
                double sh = dd->n_words ? (double)covered / (double)dd->n_words : 0;
                if (k == K_INDEP)
                    indep_share[n_indep++] = sh;
                else
                    same_share[n_same++] = sh;
                free(det);
            }
            concord_doc_free(dd);
            concord_article_free(sa);
            concord_article_free(da);
            concord_buf_free(&t);
        }
    }
    printf("short texts (200-300 words) from gva-dev sources, %zu cases per kind, seed fixed\n",
           n_cases);
    printf("%-12s %6s  %s\n", "kind", "cases", "relation given (copy/rewrite/shared-source/none)");
    size_t right = 0, total = 0;
    for (int k = 0; k < K_N; k++) {
        printf("%-12s %6zu  %zu/%zu/%zu/%zu\n", names[k], done[k], kinds[k][1], kinds[k][2],
               kinds[k][3], kinds[k][0]);
        if (k == K_SAME)
            continue; /* not scored: real reports of one event may really share a source */
        total += done[k];
        right += k == K_INDEP ? kinds[k][0] : done[k] - kinds[k][0];
    }
    printf("  derived vs independent right: %.3f (%zu/%zu); cut called copy: %.3f\n",
           total ? (double)right / (double)total : 0, right, total,
           done[K_CUT] ? (double)kinds[K_CUT][1] / (double)done[K_CUT] : 0);
    qsort(indep_share, n_indep, sizeof *indep_share, S_dbl_cmp);
    if (n_indep)
        printf("  independent texts, share in aligned passages: median %.3f, 90th %.3f, 99th %.3f, "
               "max %.3f\n",
               indep_share[n_indep / 2], indep_share[n_indep * 9 / 10],
               indep_share[n_indep * 99 / 100], indep_share[n_indep - 1]);
    qsort(same_share, n_same, sizeof *same_share, S_dbl_cmp);
    if (n_same)
        printf("  same-event reports of other outlets (may be real reuse), share: median %.3f, "
               "75th %.3f, 90th %.3f; below 0.2: %.2f\n",
               same_share[n_same / 2], same_share[n_same * 3 / 4], same_share[n_same * 9 / 10],
               S_frac_below(same_share, n_same, 0.2));
    free(same_share);
    free(indep_share);
    return 0;
}

/* ---- real syndication ---------------------------------------------------- */

static int S_cmp_member(const void *x, const void *y)
{
    const concord_member *a = x, *b = y;
    const char *da = a->article->date, *db = b->article->date;
    if (!*da != !*db)
        return *da ? -1 : 1;
    int c = strcmp(da, db);
    return c ? c : strcmp(a->article->id, b->article->id);
}

static int S_cmp_idx_story(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = strcmp(S_arts[a].story, S_arts[b].story);
    return c ? c : (a > b) - (a < b);
}

typedef struct S_judged {
    char a[64], b[64], verdict[16], sample[32];
    int called;  /* still called copy/rewrite */
    int present; /* both articles in the loaded corpus */
} S_judged;

static int S_has_id(const char *id)
{
    for (size_t k = 0; k < S_n_arts; k++)
        if (strcmp(S_arts[k].a->id, id) == 0)
            return 1;
    return 0;
}

/* Direction test set: pairs whose direction is certain, explained again
 * with the dates hidden and the members in an order that says nothing
 * about their dates (by id), so that only the other cues decide. */
enum { D_CREDIT, D_SELF, D_SPIN, D_STAGE, D_CONTAINMENT, D_ORDER, D_CUES };
static const char *const S_dir_names[D_CUES] = {"credit", "self-credit", "spin",
                                                "stage",  "containment", "order"};
typedef struct S_dir_stats {
    /* [0] date-certain pairs of different outlets, [1] of the same outlet,
     * [2] credit-certain pairs (one text credits the other's outlet) */
    size_t certain[3], found[3], right[3], by[3][D_CUES][2];
    /* aligned pairs of any kind dated on different days: does each cue
     * name the later report as the derived one? */
    size_t later_pairs, later_by[D_CUES][2];
} S_dir_stats;

static int S_cmp_member_id(const void *x, const void *y)
{
    const concord_member *a = x, *b = y;
    return strcmp(a->article->id, b->article->id);
}

/* The certain source of pair p (a member index), or -1; *set gets 0, 1 or 2. */
static long S_certain_source(const concord_reuse *r, const concord_member *m,
                             const concord_reuse_pair *p, int *set)
{
    const concord_article *fa = m[p->from].article, *ta = m[p->to].article;
    if (strcmp(fa->id, ta->id) == 0)
        return -1;
    int credit_ft = 0, credit_tf = 0; /* from credits to, to credits from */
    for (size_t k = 0; k < r->n_credits; k++) {
        const concord_credit *c = &r->credits[k];
        credit_ft |= c->member == p->from && c->source_member == (long)p->to;
        credit_tf |= c->member == p->to && c->source_member == (long)p->from;
    }
    int linked = p->kind == CONCORD_REUSE_COPY || p->kind == CONCORD_REUSE_REWRITE;
    if (linked && fa->date[0] && ta->date[0] && strcmp(fa->date, ta->date) != 0) {
        /* a credit naming the outlet dated later: the dates (of a page
         * crawled or updated later) and the text disagree, nothing is certain */
        if (credit_ft != credit_tf && (credit_tf != 0) != (strcmp(fa->date, ta->date) < 0))
            return -1;
        *set = strcmp(fa->source, ta->source) ? 0 : 1;
        return strcmp(fa->date, ta->date) < 0 ? (long)p->from : (long)p->to;
    }
    if (credit_ft != credit_tf && strcmp(fa->source, ta->source) != 0) {
        *set = 2;
        return credit_tf ? (long)p->from : (long)p->to;
    }
    return -1;
}

static void S_direction(const concord_reuse *r, const concord_member *m, size_t n, S_dir_stats *st)
{
    int any = 0, set;
    for (size_t q = 0; q < r->n_pairs && !any; q++) {
        const concord_article *fa = m[r->pairs[q].from].article, *ta = m[r->pairs[q].to].article;
        any = S_certain_source(r, m, &r->pairs[q], &set) >= 0 ||
              (fa->date[0] && ta->date[0] && strcmp(fa->date, ta->date) != 0);
    }
    if (!any)
        return;
    concord_member *bm = malloc(n * sizeof *bm);
    for (size_t q = 0; q < n; q++) {
        const concord_article *a = m[q].article;
        bm[q] = m[q];
        bm[q].article =
            concord_article_new(a->id, a->source, a->url, "", a->title, a->text, a->text_len);
    }
    qsort(bm, n, sizeof *bm, S_cmp_member_id);
    concord_reuse *br = concord_reuse_explain(bm, n);
    for (size_t q = 0; q < r->n_pairs; q++) {
        const concord_reuse_pair *p = &r->pairs[q];
        const concord_article *fa = m[p->from].article, *ta = m[p->to].article;
        if (fa->date[0] && ta->date[0] && strcmp(fa->date, ta->date) != 0 &&
            strcmp(fa->id, ta->id) != 0) {
            st->later_pairs++;
            const char *earlier = strcmp(fa->date, ta->date) < 0 ? fa->id : ta->id;
            for (size_t z = 0; z < br->n_pairs; z++) {
                const concord_reuse_pair *bp = &br->pairs[z];
                const char *bf = bm[bp->from].article->id, *bt = bm[bp->to].article->id;
                if (!((!strcmp(bf, fa->id) && !strcmp(bt, ta->id)) ||
                      (!strcmp(bf, ta->id) && !strcmp(bt, fa->id))))
                    continue;
                for (int c = 0; c < D_CUES; c++)
                    if (!strcmp(bp->direction, S_dir_names[c])) {
                        st->later_by[c][0]++;
                        st->later_by[c][1] += !strcmp(bf, earlier);
                    }
                break;
            }
        }
        long src = S_certain_source(r, m, p, &set);
        if (src < 0)
            continue;
        st->certain[set]++;
        const char *src_id = m[src].article->id;
        const char *fid = m[p->from].article->id, *tid = m[p->to].article->id;
        for (size_t z = 0; z < br->n_pairs; z++) {
            const concord_reuse_pair *bp = &br->pairs[z];
            const char *bf = bm[bp->from].article->id, *bt = bm[bp->to].article->id;
            if (!((!strcmp(bf, fid) && !strcmp(bt, tid)) || (!strcmp(bf, tid) && !strcmp(bt, fid))))
                continue;
            if (!strcmp(bp->direction, "symmetric"))
                break;
            st->found[set]++;
            int right = !strcmp(bf, src_id);
            st->right[set] += right;
            for (int c = 0; c < D_CUES; c++)
                if (!strcmp(bp->direction, S_dir_names[c])) {
                    st->by[set][c][0]++;
                    st->by[set][c][1] += right;
                }
            break;
        }
    }
    concord_reuse_free(br);
    for (size_t q = 0; q < n; q++)
        concord_article_free((concord_article *)bm[q].article);
    free(bm);
}

static int S_real(const char *pairs_path, const char *judge_path)
{
    size_t *idx = malloc(S_n_arts * sizeof *idx);
    for (size_t k = 0; k < S_n_arts; k++)
        idx[k] = k;
    qsort(idx, S_n_arts, sizeof *idx, S_cmp_idx_story);
    S_judged *jd = NULL;
    size_t n_jd = 0, cap_jd = 0;
    if (judge_path) {
        FILE *jf = fopen(judge_path, "r");
        char line[1024];
        while (jf && fgets(line, sizeof line, jf)) {
            if (line[0] == '#' || line[0] == '\n')
                continue;
            S_judged j = {0};
            char kind[32], reason[512];
            int got =
                sscanf(line, "%63[^\t]\t%63[^\t]\t%31[^\t]\t%15[^\t\n]\t%511[^\t\n]\t%31[^\t\n]",
                       j.a, j.b, kind, j.verdict, reason, j.sample);
            if (got >= 4) {
                if (got < 6)
                    snprintf(j.sample, sizeof j.sample, "tuning");
                j.present = S_has_id(j.a) && S_has_id(j.b);
                CONCORD_GROW(jd, cap_jd, n_jd + 1);
                jd[n_jd++] = j;
            }
        }
        if (jf)
            fclose(jf);
    }
    FILE *pf = pairs_path ? fopen(pairs_path, "w") : NULL;
    if (pf)
        fprintf(pf, "# "
                    "id_a(source)\tid_b(derived)\tkind\tshare\tsimilarity\tdirection\tsource_"
                    "a\tsource_b\tstory\tverbatim\tshare_from\tsame_outlet\n");
    size_t stories = 0, cross[4] = {0}, same[4] = {0}, candidates = 0, members_total = 0;
    size_t spun = 0;
    S_dir_stats dir;
    memset(&dir, 0, sizeof dir);
    double t_explain = 0;
    concord_member *m = malloc(S_n_arts * sizeof *m);
    for (size_t k = 0; k < S_n_arts;) {
        size_t e = k;
        while (e < S_n_arts && strcmp(S_arts[idx[e]].story, S_arts[idx[k]].story) == 0)
            e++;
        size_t n = e - k;
        if (n >= 2) {
            stories++;
            members_total += n;
            for (size_t q = 0; q < n; q++) {
                const S_art *x = &S_arts[idx[k + q]];
                m[q] = (concord_member){x->a, x->clean, x->doc};
            }
            qsort(m, n, sizeof *m, S_cmp_member);
            double t0 = S_now();
            concord_reuse *r = concord_reuse_explain(m, n);
            concord_buf b;
            concord_buf_init(&b);
            concord_reuse_json(r, m, n, &b);
            for (size_t q = 0; q < n; q++) {
                concord_buf_clear(&b);
                concord_reuse_derived_json(r, m, n, q, &b);
            }
            concord_buf_free(&b);
            t_explain += S_now() - t0;
            S_direction(r, m, n, &dir);
            candidates += r->n_candidates;
            for (size_t q = 0; q < n; q++)
                spun += r->spun[q];
            for (size_t q = 0; q < r->n_pairs; q++) {
                const concord_reuse_pair *p = &r->pairs[q];
                const concord_article *fa = m[p->from].article, *ta = m[p->to].article;
                int diff = strcmp(fa->source, ta->source) != 0;
                if (strcmp(fa->id, ta->id) == 0)
                    continue; /* the same article listed twice */
                (diff ? cross : same)[p->kind]++;
                if (pf)
                    fprintf(pf, "%s\t%s\t%s\t%.3f\t%.3f\t%s\t%s\t%s\t%s\t%.3f\t%.3f\t%d\n", fa->id,
                            ta->id, concord_reuse_kind_name(p->kind), p->share, p->similarity,
                            p->direction, fa->source, ta->source, S_arts[idx[k]].story, p->verbatim,
                            p->share_from, !diff);
                for (size_t j = 0; j < n_jd; j++) {
                    if ((strcmp(jd[j].a, fa->id) == 0 && strcmp(jd[j].b, ta->id) == 0) ||
                        (strcmp(jd[j].b, fa->id) == 0 && strcmp(jd[j].a, ta->id) == 0)) {
                        if ((p->kind == CONCORD_REUSE_COPY || p->kind == CONCORD_REUSE_REWRITE) &&
                            !jd[j].called) {
                            jd[j].called = 1;
                        }
                    }
                }
            }
            concord_reuse_free(r);
        }
        k = e;
    }
    if (pf)
        fclose(pf);
    double t_pipe = S_t_read + S_t_clean + S_t_analyze + t_explain;
    printf("real syndication: %zu gold stories with 2+ articles (%zu articles), %zu "
           "candidate pairs aligned\n",
           stories, members_total, candidates);
    printf("  pairs of different outlets: copy %zu, rewrite %zu, shared-source %zu\n", cross[1],
           cross[2], cross[3]);
    printf("  pairs of the same outlet:   copy %zu, rewrite %zu, shared-source %zu\n", same[1],
           same[2], same[3]);
    printf("  articles flagged as spun (broken sentences): %zu of %zu\n", spun, members_total);
    static const char *const set_names[3] = {
        "copy/rewrite pairs of different outlets dated on different days",
        "copy/rewrite pairs of the same outlet dated on different days",
        "linked pairs of different outlets where one text credits the other's outlet"};
    size_t all_found = 0, all_right = 0;
    for (int t = 0; t < 3; t++) {
        printf("  direction with dates hidden (members ordered by id), %zu %s: %zu still directed, "
               "%.3f right (",
               dir.certain[t], set_names[t], dir.found[t],
               dir.found[t] ? (double)dir.right[t] / (double)dir.found[t] : 0.0);
        for (int c = 0; c < D_CUES; c++)
            printf("%s%s %zu/%zu", c ? ", " : "", S_dir_names[c], dir.by[t][c][1], dir.by[t][c][0]);
        printf(")\n");
        all_found += dir.found[t];
        all_right += dir.right[t];
    }
    printf("  aligned pairs of any kind dated on different days (%zu), dates hidden: the cue "
           "names the earlier report as the source in (",
           dir.later_pairs);
    for (int c = 0; c < D_CUES; c++)
        printf("%s%s %zu/%zu", c ? ", " : "", S_dir_names[c], dir.later_by[c][1],
               dir.later_by[c][0]);
    printf(")\n");
    printf("  direction with dates hidden, all %zu certain pairs: %.3f right\n",
           dir.certain[0] + dir.certain[1] + dir.certain[2],
           all_found ? (double)all_right / (double)all_found : 0.0);
    /* precision per sample, over the judged pairs of the loaded corpus */
    for (size_t j0 = 0; j0 < n_jd; j0++) {
        int first = 1;
        for (size_t q = 0; q < j0; q++)
            if (strcmp(jd[q].sample, jd[j0].sample) == 0 && jd[q].present)
                first = 0;
        if (!first || !jd[j0].present)
            continue;
        static const char *const verdicts[] = {"correct", "shared", "partial", "wrong"};
        size_t in[4] = {0}, out[4] = {0}, judged = 0, called = 0;
        for (size_t j = 0; j < n_jd; j++) {
            if (!jd[j].present || strcmp(jd[j].sample, jd[j0].sample) != 0)
                continue;
            judged++;
            called += jd[j].called;
            for (int v = 0; v < 4; v++)
                if (strcmp(jd[j].verdict, verdicts[v]) == 0)
                    (jd[j].called ? in : out)[v]++;
        }
        printf("  hand-checked pairs, sample %s: %zu judged, %zu still called copy/rewrite: "
               "precision %.3f (%zu correct, %zu shared source, %zu partial, %zu wrong); "
               "no longer called: %zu (%zu correct, %zu shared, %zu partial, %zu wrong)\n",
               jd[j0].sample, judged, called, called ? (double)in[0] / (double)called : 0.0, in[0],
               in[1], in[2], in[3], judged - called, out[0], out[1], out[2], out[3]);
    }
    printf("  time: explain(reuse) %.3f s = %.1f%% of read+clean+analyze+reuse (%.3f s); %.0f "
           "stories/s\n",
           t_explain, 100.0 * t_explain / t_pipe, t_pipe, (double)stories / t_explain);
    free(m);
    free(idx);
    free(jd);
    return 0;
}

/* ---- bad input --------------------------------------------------------------- */

static void S_filler(concord_buf *b, size_t bytes)
{
    /* real sentences of gva-dev, in a fixed random order, until bytes */
    while (b->len < bytes) {
        const S_art *x = &S_arts[S_pick(S_n_arts)];
        S_add_sentences(b, x, 0, x->doc->n_sentences);
        concord_buf_adds(b, "\n\n");
    }
}

static int S_bad(size_t big_mb, size_t copies)
{
    /* 1: two identical big articles */
    concord_buf big;
    concord_buf_init(&big);
    S_filler(&big, big_mb << 20);
    double t0 = S_now();
    concord_doc *d = concord_analyze(S_az, big.data, big.len);
    double t1 = S_now();
    concord_passage *p = NULL;
    size_t np = 0, cap = 0;
    concord_align(big.data, d, big.data, d, NULL, &p, &np, &cap);
    double t2 = S_now();
    uint64_t cov = 0;
    for (size_t k = 0; k < np; k++)
        cov += p[k].to_end - p[k].to_start;
    printf("two identical %.1f MB articles: analyze %.2f s, align %.2f s, %zu passages covering "
           "%.1f%%, peak RSS %ld MB\n",
           (double)big.len / 1048576.0, t1 - t0, t2 - t1, np, 100.0 * (double)cov / (double)big.len,
           S_maxrss_mb());
    free(p);
    concord_doc_free(d);
    concord_buf_free(&big);

    /* 2: one sentence repeated 10,000 times, in a story with a normal article */
    concord_buf rep;
    concord_buf_init(&rep);
    for (int k = 0; k < 10000; k++)
        concord_buf_adds(&rep, "Police said the investigation into the shooting is continuing. ");
    concord_article *ra =
        concord_article_new("repeated", "rep.example", "", "", "", rep.data, rep.len);
    concord_clean *rc = concord_clean_article(ra);
    concord_doc *rd = concord_analyze(S_az, rc->text, rc->len);
    const S_art *x = &S_arts[S_random_article(8, NULL)];
    concord_member m2[3] = {{ra, rc, rd}, {ra, rc, rd}, {x->a, x->clean, x->doc}};
    t0 = S_now();
    concord_reuse *r = concord_reuse_explain(m2, 3);
    t1 = S_now();
    printf("one sentence x 10,000 (%.2f MB) twice + one article: explain %.3f s, %zu pairs, peak "
           "RSS %ld MB\n",
           (double)rep.len / 1048576.0, t1 - t0, r->n_pairs, S_maxrss_mb());
    concord_reuse_free(r);
    concord_doc_free(rd);
    concord_clean_free(rc);
    concord_article_free(ra);
    concord_buf_free(&rep);

    /* 3: a story of near-identical wire copies (light edits of one article) */
    S_build_vocab();
    const S_art *wire = &S_arts[S_random_article(10, NULL)];
    concord_member *m = malloc(copies * sizeof *m);
    concord_article **arts = malloc(copies * sizeof *arts);
    concord_clean **cl = malloc(copies * sizeof *cl);
    concord_doc **docs = malloc(copies * sizeof *docs);
    for (size_t k = 0; k < copies; k++) {
        char *t = S_obfuscate(wire->clean->text, wire->clean->len, T_LIGHT);
        char id[32];
        snprintf(id, sizeof id, "copy%05zu", k);
        arts[k] = concord_article_new(id, "copies.example", "", "", "", t, strlen(t));
        cl[k] = concord_clean_article(arts[k]);
        docs[k] = concord_analyze(S_az, cl[k]->text, cl[k]->len);
        m[k] = (concord_member){arts[k], cl[k], docs[k]};
        free(t);
    }
    t0 = S_now();
    r = concord_reuse_explain(m, copies);
    concord_buf js;
    concord_buf_init(&js);
    concord_reuse_json(r, m, copies, &js);
    for (size_t k = 0; k < copies; k++)
        concord_reuse_derived_json(r, m, copies, k, &js);
    t1 = S_now();
    printf("story of %zu near-identical wire copies: explain + JSON %.2f s, %zu candidate pairs, "
           "%zu related pairs, reuse + derived_from JSON %.1f MB, peak RSS %ld MB\n",
           copies, t1 - t0, r->n_candidates, r->n_pairs, (double)js.len / 1048576.0, S_maxrss_mb());
    concord_buf_free(&js);
    concord_reuse_free(r);
    for (size_t k = 0; k < copies; k++) {
        concord_doc_free(docs[k]);
        concord_clean_free(cl[k]);
        concord_article_free(arts[k]);
    }
    free(m);
    free(arts);
    free(cl);
    free(docs);
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = "all", *data = NULL, *pairs = NULL, *judge = NULL, *corpus = NULL;
    size_t n_cases = 200, copies = 5000, big = 10;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--data") == 0 && k + 1 < argc)
            data = argv[++k];
        else if (strcmp(argv[k], "--corpus") == 0 && k + 1 < argc)
            corpus = argv[++k];
        else if (strcmp(argv[k], "--cases") == 0 && k + 1 < argc)
            n_cases = strtoul(argv[++k], NULL, 10);
        else if (strcmp(argv[k], "--seed") == 0 && k + 1 < argc)
            S_rng = strtoull(argv[++k], NULL, 10) | 1;
        else if (strcmp(argv[k], "--pairs") == 0 && k + 1 < argc)
            pairs = argv[++k];
        else if (strcmp(argv[k], "--judge") == 0 && k + 1 < argc)
            judge = argv[++k];
        else if (strcmp(argv[k], "--copies") == 0 && k + 1 < argc)
            copies = strtoul(argv[++k], NULL, 10);
        else if (strcmp(argv[k], "--big") == 0 && k + 1 < argc)
            big = strtoul(argv[++k], NULL, 10);
        else if (argv[k][0] != '-')
            mode = argv[k];
        else {
            fprintf(
                stderr,
                "usage: bench_reuse [synth|short|real|bad|all] [--data DIR] [--cases N] [--seed S] "
                "[--pairs FILE] [--judge FILE] [--corpus FILE] [--copies N] [--big MB]\n");
            return 2;
        }
    }
    char src_dir[4096], dir[4200], jp[4200];
    const char *env = getenv("CONCORD_SOURCE_DIR");
    if (env) {
        snprintf(src_dir, sizeof src_dir, "%s", env);
    } else {
        /* this file is SRC/bench/bench_reuse.c */
        snprintf(src_dir, sizeof src_dir, "%s", __FILE__);
        for (int up = 0; up < 2; up++) {
            char *slash = strrchr(src_dir, '/');
            if (slash)
                *slash = '\0';
            else
                snprintf(src_dir, sizeof src_dir, "%s", up ? "." : "..");
        }
    }
    if (!data) {
        snprintf(dir, sizeof dir, "%.4000s/../shared/data", src_dir);
        data = dir;
    }
    if (!judge) {
        snprintf(jp, sizeof jp, "%.4000s/tests/data/reuse_judgements.tsv", src_dir);
        judge = jp;
    }
    double t0 = S_now();
    if (S_load(data, corpus) != 0) {
        if (corpus)
            fprintf(stderr, "bench_reuse: %s not found; skipped\n", corpus);
        else
            fprintf(stderr, "bench_reuse: %s/gva-dev/articles.jsonl not found; skipped\n", data);
        return 77;
    }
    printf("loaded %zu %s articles in %.2f s (read %.2f, clean %.2f, analyze %.2f)\n", S_n_arts,
           corpus ? corpus : "gva-dev", S_now() - t0, S_t_read, S_t_clean, S_t_analyze);
    if (strcmp(mode, "synth") == 0 || strcmp(mode, "all") == 0)
        S_synth(n_cases);
    if (strcmp(mode, "short") == 0 || strcmp(mode, "all") == 0)
        S_short(n_cases);
    if (strcmp(mode, "real") == 0 || strcmp(mode, "all") == 0)
        S_real(pairs, judge);
    if (strcmp(mode, "bad") == 0 || strcmp(mode, "all") == 0)
        S_bad(big, copies);
    printf("peak RSS %ld MB\n", S_maxrss_mb());
    for (size_t k = 0; k < S_n_arts; k++) {
        concord_doc_free(S_arts[k].doc);
        concord_clean_free(S_arts[k].clean);
        concord_article_free(S_arts[k].a);
        free(S_arts[k].story);
    }
    free(S_arts);
    for (size_t k = 0; k < S_n_vocab; k++)
        free(S_vocab[k]);
    free(S_vocab);
    concord_analyzer_free(S_az);
    return 0;
}
