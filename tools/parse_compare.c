/* parse_compare: libxml2's HTML parser against gumbo (HTML5 rules) on the
 * same pages, parse only (tree built and freed), CPU time; the measurement
 * behind the parser choice in doc/web-input.md.  Not part of the CMake
 * build (gumbo is not a dependency of concord):
 *
 *   cc -O2 tools/parse_compare.c -o /tmp/parse_compare \
 *      $(pkg-config --cflags --libs libxml-2.0 gumbo zlib)
 *   /tmp/parse_compare ../shared/data/html-dev/pages/t*.html.gz
 *
 * Pages are read (and gunzipped) into memory first; they are parsed as
 * UTF-8 bytes as stored (both parsers tolerate other bytes). */
#define _POSIX_C_SOURCE 200809L
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <zlib.h>

#include "../bench/bench_pages.h"

static double S_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv)
{
    int n = argc - 1;
    char **data = calloc((size_t)n, sizeof *data);
    size_t *len = calloc((size_t)n, sizeof *len), total = 0;
    for (int i = 0; i < n; i++) {
        data[i] = bench_pages_load(argv[i + 1], &len[i]);
        total += data[i] ? len[i] : 0;
    }
    xmlInitParser();
    double t0 = S_cpu();
    for (int i = 0; i < n; i++) {
        if (!data[i])
            continue;
        htmlDocPtr d =
            htmlReadMemory(data[i], (int)len[i], NULL, "UTF-8",
                           HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_COMPACT);
        xmlFreeDoc(d);
    }
    double t1 = S_cpu();
    for (int i = 0; i < n; i++) {
        if (!data[i])
            continue;
        GumboOptions o = kGumboDefaultOptions;
        GumboOutput *g = gumbo_parse_with_options(&o, data[i], len[i]);
        gumbo_destroy_output(&o, g);
    }
    double t2 = S_cpu();
    printf("pages=%d MB=%.1f libxml2: %.2f s %.1f MB/s   gumbo: %.2f s %.1f MB/s\n", n, total / 1e6,
           t1 - t0, total / 1e6 / (t1 - t0), t2 - t1, total / 1e6 / (t2 - t1));
    return 0;
}
