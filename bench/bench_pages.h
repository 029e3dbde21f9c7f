/* bench_pages.h: saved web pages for the HTML benches and generators
 * (bench_html.c, gen_warc.c, tools/parse_compare.c).
 *
 * bench_pages_load reads a whole file, gzip or not, into a malloc'd buffer
 * the caller frees (NULL when it cannot be opened).  bench_pages_add appends
 * ARG to *files: the .htm/.html files of ARG when it is a folder (in readdir
 * order: sort if order matters), else ARG itself; every entry is malloc'd
 * (the caller frees each and the array).  Not thread-safe (benches are
 * single-threaded here); allocation failure aborts the bench. */
#ifndef CONCORD_BENCH_PAGES_H
#define CONCORD_BENCH_PAGES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static inline void *bench_pages_grow(void *p, size_t size)
{
    p = realloc(p, size);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        abort();
    }
    return p;
}

static inline char *bench_pages_load(const char *path, size_t *len)
{
    gzFile g = gzopen(path, "rb");
    if (!g)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = bench_pages_grow(NULL, cap);
    int k;
    while ((k = gzread(g, buf + n, (unsigned)(cap - n))) > 0) {
        n += (size_t)k;
        if (n == cap)
            buf = bench_pages_grow(buf, cap *= 2);
    }
    gzclose(g);
    *len = n;
    return buf;
}

static inline char *bench_pages_dup(const char *a, const char *b)
{
    size_t l = strlen(a) + (b ? strlen(b) + 1 : 0) + 1;
    char *s = bench_pages_grow(NULL, l);
    if (b)
        snprintf(s, l, "%s/%s", a, b);
    else
        snprintf(s, l, "%s", a);
    return s;
}

static inline void bench_pages_add(const char *arg, char ***files, size_t *n_files)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        *files = bench_pages_grow(*files, (*n_files + 1) * sizeof **files);
        (*files)[(*n_files)++] = bench_pages_dup(arg, NULL);
        return;
    }
    DIR *d = opendir(arg);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.' || !strstr(e->d_name, ".htm"))
            continue;
        *files = bench_pages_grow(*files, (*n_files + 1) * sizeof **files);
        (*files)[(*n_files)++] = bench_pages_dup(arg, e->d_name);
    }
    if (d)
        closedir(d);
}

#endif
