/* bench_quantities: value precision / recall / F1 and unit accuracy of the
 * figures extractor on sentences whose quantities were labelled by hand.
 *
 *   bench_quantities [--set FILE] [--show all|errors] [--part dev|heldout|all]
 *   bench_quantities --text TEXT     (every report of TEXT)
 *
 * FILE defaults to $CONCORD_SOURCE_DIR/tests/data/quantities.tsv (else
 * tests/data/quantities.tsv).  Each sentence is extracted on its own
 * (concord_figures_extract, no doc).  A prediction is every report that is
 * not vague ("dozens" has no stated value), with its value and, for a range,
 * its upper end too; it matches a label of the same value (each label and
 * prediction used once, same unit preferred).  Value precision = matched /
 * predicted, recall = matched / labelled; unit accuracy = matched with the
 * same normalised unit / matched.  Rows whose number is a multiple of 3
 * (q003, q006, ...) are the held-out part; figures are printed for the
 * development part, the held-out part and all rows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"

typedef struct {
    double v;
    char unit[16];
    int used;
} S_q;

typedef struct {
    size_t labelled, predicted, matched, unit_ok;
} S_score;

static size_t S_parse_labels(const char *s, S_q *out, size_t cap)
{
    size_t n = 0;
    while (*s && n < cap) {
        while (*s == ' ' || *s == ';')
            s++;
        if (!*s)
            break;
        char *e;
        double v = strtod(s, &e);
        if (e == s)
            break;
        s = e;
        while (*s == ' ')
            s++;
        size_t k = 0;
        while (*s && *s != ';' && k + 1 < sizeof out[n].unit)
            out[n].unit[k++] = *s++;
        while (k > 0 && out[n].unit[k - 1] == ' ')
            k--;
        out[n].unit[k] = 0;
        out[n].v = v;
        out[n].used = 0;
        n++;
        while (*s && *s != ';')
            s++;
    }
    return n;
}

static int S_eq(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1, fmax(fabs(a), fabs(b)));
}

static void S_print(const char *name, const S_score *s, size_t rows)
{
    double p = s->predicted ? (double)s->matched / (double)s->predicted : 0;
    double r = s->labelled ? (double)s->matched / (double)s->labelled : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double u = s->matched ? (double)s->unit_ok / (double)s->matched : 0;
    printf("%-9s %3zu sentences, %3zu labelled, %3zu predicted: value P %.3f R %.3f F1 %.3f; "
           "unit accuracy %.3f (%zu/%zu)\n",
           name, rows, s->labelled, s->predicted, p, r, f, u, s->unit_ok, s->matched);
}

int main(int argc, char **argv)
{
    const char *set = NULL, *show = NULL, *part = "all";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--text") == 0 && i + 1 < argc) {
            /* every report of one text, for debugging */
            size_t n;
            const char *t = argv[++i];
            concord_figure_report *r = concord_figures_extract(t, strlen(t), NULL, &n);
            for (size_t k = 0; k < n; k++)
                printf("%s %s %g [%g,%g] %s%s%s unit %s norm %g \"%.*s\" attr \"%.*s\"\n",
                       concord_figure_measure_name(r[k].measure), r[k].subject, r[k].value,
                       r[k].low, r[k].high, r[k].qualifier ? r[k].qualifier : "",
                       r[k].singular ? " singular" : "", r[k].inferred ? " inferred" : "",
                       r[k].unit ? r[k].unit : "-", concord_figure_normalized(&r[k], r[k].value),
                       (int)(r[k].end - r[k].start), t + r[k].start,
                       (int)(r[k].attr_end - r[k].attr_start), t + r[k].attr_start);
            free(r);
            return 0;
        }
        if (strcmp(argv[i], "--set") == 0 && i + 1 < argc)
            set = argv[++i];
        else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc)
            show = argv[++i];
        else if (strcmp(argv[i], "--part") == 0 && i + 1 < argc)
            part = argv[++i];
        else {
            fprintf(stderr, "usage: bench_quantities [--set FILE] [--show all|errors] "
                            "[--part dev|heldout|all]\n");
            return 2;
        }
    }
    char path[4096];
    if (!set) {
        const char *src = getenv("CONCORD_SOURCE_DIR");
        snprintf(path, sizeof path, "%s/tests/data/quantities.tsv", src ? src : ".");
        set = path;
    }
    FILE *f = fopen(set, "r");
    if (!f) {
        fprintf(stderr, "bench_quantities: cannot open %s (skipped)\n", set);
        return 77;
    }
    S_score sc[2];
    memset(sc, 0, sizeof sc);
    size_t rows[2] = {0, 0};
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = 0;
        char *fld[4];
        int nf = 0;
        char *p = line;
        while (nf < 4) {
            fld[nf++] = p;
            char *t = strchr(p, '\t');
            if (!t)
                break;
            *t = 0;
            p = t + 1;
        }
        if (nf < 4) {
            fprintf(stderr, "%s:%ld: expected 4 TAB-separated fields, got %d (skipped)\n", set,
                    lineno, nf);
            continue;
        }
        int held = atoi(fld[0] + 1) % 3 == 0;
        if ((strcmp(part, "dev") == 0 && held) || (strcmp(part, "heldout") == 0 && !held))
            continue;
        S_q gold[64], pred[128];
        size_t ng = S_parse_labels(fld[2], gold, 64), np = 0;
        size_t n;
        concord_figure_report *r = concord_figures_extract(fld[3], strlen(fld[3]), NULL, &n);
        for (size_t i = 0; i < n && np + 2 <= 128; i++) {
            /* stated numbers only: not "dozens", nor a count of one read
             * from "a man" or a name; a derived injured count states the
             * people shot, an inferred one ("two men and a woman") its
             * first number is not known here: skipped */
            if (r[i].vague || r[i].singular || r[i].inferred)
                continue;
            const char *u = r[i].unit ? r[i].unit : "?";
            pred[np].v = r[i].derived ? r[i].shot : r[i].value, pred[np].used = 0;
            snprintf(pred[np].unit, sizeof pred[np].unit, "%s", u);
            np++;
            if (r[i].qualifier && strcmp(r[i].qualifier, "between") == 0 && isfinite(r[i].high) &&
                r[i].high != r[i].value) {
                pred[np].v = r[i].high, pred[np].used = 0;
                snprintf(pred[np].unit, sizeof pred[np].unit, "%s", u);
                np++;
            }
        }
        free(r);
        S_score *s = &sc[held];
        rows[held]++;
        s->labelled += ng;
        s->predicted += np;
        int err = 0;
        /* same value and unit first, then same value */
        for (int pass = 0; pass < 2; pass++)
            for (size_t g = 0; g < ng; g++) {
                if (gold[g].used)
                    continue;
                for (size_t k = 0; k < np; k++) {
                    if (pred[k].used || !S_eq(pred[k].v, gold[g].v) ||
                        (pass == 0 && strcmp(pred[k].unit, gold[g].unit) != 0))
                        continue;
                    gold[g].used = 1;
                    pred[k].used = 1;
                    s->matched++;
                    if (strcmp(pred[k].unit, gold[g].unit) == 0)
                        s->unit_ok++;
                    else
                        err = 1;
                    break;
                }
            }
        for (size_t g = 0; g < ng; g++)
            err |= !gold[g].used;
        for (size_t k = 0; k < np; k++)
            err |= !pred[k].used;
        if (show && (strcmp(show, "all") == 0 || err)) {
            printf("%s%s\t%s\n  gold:", fld[0], held ? " (held out)" : "", fld[3]);
            for (size_t g = 0; g < ng; g++)
                printf(" %s%g %s", gold[g].used ? "" : "MISS:", gold[g].v, gold[g].unit);
            printf("\n  got: ");
            for (size_t k = 0; k < np; k++)
                printf(" %s%g %s", pred[k].used ? "" : "EXTRA:", pred[k].v, pred[k].unit);
            printf("\n");
        }
    }
    free(line);
    fclose(f);
    S_score all = sc[0];
    all.labelled += sc[1].labelled, all.predicted += sc[1].predicted;
    all.matched += sc[1].matched, all.unit_ok += sc[1].unit_ok;
    if (rows[0])
        S_print("dev", &sc[0], rows[0]);
    if (rows[1])
        S_print("held-out", &sc[1], rows[1]);
    S_print("all", &all, rows[0] + rows[1]);
    return 0;
}
