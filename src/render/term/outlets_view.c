/* outlets_view.c: the outlet network of a store (`concord outlets`) as a
 * table or as one JSON object; see concord/show.h.  The counting is
 * src/explain/reuse/reuse_outlets.c. */
#include "concord/show.h"

#include "concord/emit.h"
#include "explain/reuse/reuse_outlets.h"
#include "render/term/store_views.h"

void concord__outlets_json(concord_buf *b, const concord_outlets *x,
                           const concord_outlet_network *net)
{
    concord_buf_printf(b, "{\"stories\":%zu,\"links\":[", net->stories);
    for (size_t i = 0; i < net->n_links; i++) {
        const concord_outlet_link *e = &net->links[i];
        concord_buf_adds(b, i ? ",{\"from\":" : "{\"from\":");
        concord_json_str(b, e->from);
        concord_buf_adds(b, ",\"to\":");
        concord_json_str(b, e->to);
        concord_buf_printf(b, ",\"copy\":%zu,\"rewrite\":%zu,\"dated\":%zu,\"median_lag_days\":",
                           e->copy, e->rewrite, e->dated);
        if (e->has_lag)
            concord_buf_printf(b, "%g", e->median_lag_days);
        else
            concord_buf_adds(b, "null");
        size_t n_ex;
        const char *const *ex = concord__outlets_link_examples(x, i, &n_ex);
        concord_buf_adds(b, ",\"examples\":[");
        for (size_t k = 0; k < n_ex; k++) {
            if (k)
                concord_buf_addc(b, ',');
            concord_json_str(b, ex[k]);
        }
        concord_buf_adds(b, "]}");
    }
    concord_buf_adds(b, "],\"outlets\":[");
    for (size_t i = 0; i < net->n_outlets; i++) {
        const concord_outlet_share *o = &net->outlets[i];
        concord_buf_adds(b, i ? ",{\"outlet\":" : "{\"outlet\":");
        concord_json_str(b, o->outlet);
        concord_buf_printf(b, ",\"articles\":%zu,\"derived\":%zu,\"own_share\":%.3f}", o->articles,
                           o->derived,
                           o->articles ? 1.0 - (double)o->derived / (double)o->articles : 0.0);
    }
    concord_buf_adds(b, "]}\n");
}

/* An outlet name in a column of width characters (UTF-8 code points):
 * cut at a character boundary, padded with spaces; then one space. */
static void S_cell(FILE *out, const char *s, size_t width)
{
    size_t n = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (n == width)
            break;
        n++;
    }
    fwrite(s, 1, i, out);
    for (; n < width; n++)
        fputc(' ', out);
    fputc(' ', out);
}

static void S_table(const concord_outlet_network *net, FILE *out)
{
    fprintf(out, "%zu stories, %zu outlets, %zu outlet pairs with copies or rewrites\n\n",
            net->stories, net->n_outlets, net->n_links);
    if (net->n_links) {
        fprintf(out, "%-28s %-28s %6s %8s %10s\n", "FROM (source)", "TO (copied/rewrote)", "COPY",
                "REWRITE", "MEDIAN LAG");
        for (size_t i = 0; i < net->n_links; i++) {
            const concord_outlet_link *e = &net->links[i];
            char lag[32];
            if (e->has_lag)
                snprintf(lag, sizeof lag, "%g d", e->median_lag_days);
            else
                snprintf(lag, sizeof lag, "-");
            S_cell(out, e->from, 28);
            S_cell(out, e->to, 28);
            fprintf(out, "%6zu %8zu %10s\n", e->copy, e->rewrite, lag);
        }
        fputc('\n', out);
    }
    fprintf(out, "%-28s %8s %8s %6s\n", "OUTLET", "ARTICLES", "DERIVED", "OWN");
    for (size_t i = 0; i < net->n_outlets; i++) {
        const concord_outlet_share *o = &net->outlets[i];
        S_cell(out, o->outlet, 28);
        fprintf(out, "%8zu %8zu %5.0f%%\n", o->articles, o->derived,
                o->articles ? 100.0 * (1.0 - (double)o->derived / (double)o->articles) : 0.0);
    }
}

void concord_outlets_print(concord_outlets *x, FILE *out, int json)
{
    concord_outlet_network net;
    concord_outlets_network(x, &net);
    if (json) {
        concord_buf b;
        concord_buf_init(&b);
        concord__outlets_json(&b, x, &net);
        fwrite(b.data, 1, b.len, out);
        concord_buf_free(&b);
    } else
        S_table(&net, out);
    concord_outlets_network_free(&net);
}
