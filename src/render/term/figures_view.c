/* figures_view.c: the terminal table of a stored story's figures (`concord
 * figures`, the Figures part of `concord show`); see concord/show.h.  Reads
 * the story document only. */
#include "concord/show.h"

#include <math.h>
#include <string.h>

static const char *S_outlet(const concord_json *story, const char *article)
{
    const concord_json *arts = concord_json_get(story, "articles");
    if (!article || !arts || arts->type != CONCORD_JSON_ARRAY)
        return NULL;
    for (size_t i = 0; i < arts->len; i++) {
        const char *id = concord_json_get_str(arts->items[i], "id");
        if (id && strcmp(id, article) == 0)
            return concord_json_get_str(arts->items[i], "source");
    }
    return NULL;
}

/* Writes s cut to width w (UTF-8 aware) and padded with spaces. */
static void S_cell(FILE *out, const char *s, int w)
{
    if (!s)
        s = "";
    int cols = 0;
    size_t i = 0;
    while (s[i] && cols < w) {
        size_t k = 1;
        while ((s[i + k] & 0xC0) == 0x80)
            k++;
        if (cols == w - 1 && s[i + k]) {
            fputs("~", out);
            cols++;
            break;
        }
        fwrite(s + i, 1, k, out);
        i += k;
        cols++;
    }
    for (; cols < w; cols++)
        fputc(' ', out);
}

int concord_figures_print(FILE *out, const concord_json *story, int color)
{
    const concord_json *figs = story ? concord_json_get(story, "figures") : NULL;
    if (!figs || figs->type != CONCORD_JSON_ARRAY)
        return -1;
    const char *red = color ? "\x1b[31;1m" : "", *yellow = color ? "\x1b[33m" : "",
               *green = color ? "\x1b[32m" : "", *dim = color ? "\x1b[2m" : "",
               *off = color ? "\x1b[0m" : "";
    if (figs->len == 0) {
        fprintf(out, "no figures reported\n");
        return 0;
    }
    for (size_t g = 0; g < figs->len; g++) {
        const concord_json *fg = figs->items[g];
        const char *measure = concord_json_get_str(fg, "measure");
        const char *subject = concord_json_get_str(fg, "subject");
        const char *place = concord_json_get_str(fg, "place");
        const char *status = concord_json_get_str(fg, "status");
        const concord_json *est = concord_json_get(fg, "estimate");
        status = status ? status : "single";
        const char *sc = strcmp(status, "conflict") == 0 ? red
                         : strcmp(status, "differ") == 0 ? yellow
                         : strcmp(status, "agree") == 0  ? green
                                                         : "";
        fprintf(out, "%s%s%s (%s%s%s)  %s%s%s", g ? "\n" : "", measure ? measure : "?", "",
                subject ? subject : "?", place ? " in " : "", place ? place : "", sc, status, off);
        const char *funit = concord_json_get_str(fg, "unit");
        if (est && est->type == CONCORD_JSON_NUMBER)
            fprintf(out, "  estimate %.15g%s%s", est->number,
                    funit && strcmp(funit, "1") != 0 ? " " : "",
                    funit && strcmp(funit, "1") != 0 ? funit : "");
        fputc('\n', out);
        fprintf(out, "  %s", dim);
        S_cell(out, "outlet", 24);
        S_cell(out, "value", 30);
        S_cell(out, "attribution", 34);
        fprintf(out, "status%s\n", off);
        const concord_json *reps = concord_json_get(fg, "reports");
        for (size_t k = 0; reps && reps->type == CONCORD_JSON_ARRAY && k < reps->len; k++) {
            const concord_json *r = reps->items[k];
            const char *art = concord_json_get_str(r, "article");
            const char *src = concord_json_get_str(r, "source");
            if (!src || strcmp(src, "unknown") == 0)
                src = S_outlet(story, art);
            if (!src || strcmp(src, "unknown") == 0)
                src = art; /* no outlet known: the article id tells the reports apart */
            const char *qual = concord_json_get_str(r, "qualifier");
            const concord_json *v = concord_json_get(r, "value");
            const concord_json *hi = concord_json_get(r, "high");
            char val[64];
            const concord_json *vg = concord_json_get(r, "vague");
            if (vg && vg->type == CONCORD_JSON_TRUE && v && v->type == CONCORD_JSON_NUMBER)
                snprintf(val, sizeof val, "%s [%.15g, %s%.15g%s", qual ? qual : "", v->number, "",
                         hi && hi->type == CONCORD_JSON_NUMBER ? hi->number : INFINITY,
                         ")"); /* "dozens [24, 200)": an interval, no value */
            else if (qual && strcmp(qual, "between") == 0 && hi &&
                     hi->type == CONCORD_JSON_NUMBER && v && v->type == CONCORD_JSON_NUMBER)
                snprintf(val, sizeof val, "%.15g-%.15g", v->number, hi->number);
            else if (v && v->type == CONCORD_JSON_NUMBER)
                snprintf(val, sizeof val, "%s%s%.15g", qual ? qual : "", qual ? " " : "",
                         v->number);
            else
                snprintf(val, sizeof val, "?");
            /* the unit: "48 = 172800 s", "1.5e+12 USD" */
            const char *unit = concord_json_get_str(r, "unit");
            const concord_json *vn = concord_json_get(r, "value_normalized");
            if (unit && strcmp(unit, "1") != 0 && v && v->type == CONCORD_JSON_NUMBER) {
                size_t l = strlen(val);
                if (vn && vn->type == CONCORD_JSON_NUMBER && vn->number != v->number)
                    snprintf(val + l, sizeof val - l, " = %.6g %s", vn->number, unit);
                else
                    snprintf(val + l, sizeof val - l, " %s", unit);
            }
            const char *attr = concord_json_get_str(r, "attribution");
            const concord_json *ret = concord_json_get(r, "retracted");
            const concord_json *der = concord_json_get(r, "derived");
            int retracted = ret && ret->type == CONCORD_JSON_TRUE;
            const concord_json *bg = concord_json_get(r, "background");
            int background = bg && bg->type == CONCORD_JSON_TRUE;
            fputs("  ", out);
            S_cell(out, src, 24);
            if (strcmp(status, "conflict") == 0 && !retracted && !background)
                fputs(red, out);
            S_cell(out, val, 30);
            fputs(off, out);
            S_cell(out, attr ? attr : "-", 34);
            if (retracted)
                fprintf(out, "%sretracted%s", dim, off);
            else if (background)
                fprintf(out, "%sbackground (past or statistic)%s", dim, off);
            else if (der && der->type == CONCORD_JSON_TRUE)
                fprintf(out, "%sderived (shot - killed)%s", dim, off);
            else
                fprintf(out, "%s%s%s", sc, status, off);
            fputc('\n', out);
        }
    }
    return 0;
}
