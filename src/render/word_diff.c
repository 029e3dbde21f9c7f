/* word_diff.c: the one word diff of the renderers (see word_diff.h). */
#include "render/word_diff.h"

#include <stdlib.h>
#include <string.h>

/* ’ (U+2019) as ': outlets differ in typography, not in wording. */
static size_t S_apostrophes(char *f, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 2 < n && (unsigned char)f[i] == 0xE2 && (unsigned char)f[i + 1] == 0x80 &&
            (unsigned char)f[i + 2] == 0x99) {
            f[o++] = '\'';
            i += 2;
        } else {
            f[o++] = f[i];
        }
    }
    return o;
}

/* Tokens of s and the hash of each case-folded token. */
static void S_words(const char *s, size_t len, concord_token **t, size_t *n, size_t *cap,
                    uint64_t **h)
{
    *n = 0;
    concord_tokenize(s, len, t, n, cap);
    *h = concord_xrealloc(*h, (*n ? *n : 1) * sizeof **h);
    for (size_t i = 0; i < *n; i++) {
        size_t fl;
        char *f = concord_casefold(s + (*t)[i].start, (*t)[i].end - (*t)[i].start, &fl);
        fl = S_apostrophes(f, fl);
        (*h)[i] = concord_hash(f, fl, 0);
        free(f);
    }
}

static void S_edit(concord__word_diff *d, concord__word_edit_kind kind, size_t start, size_t end,
                   size_t at)
{
    CONCORD_GROW(d->edit, d->cap, d->n + 1);
    d->edit[d->n++] = (concord__word_edit){kind, start, end, at};
}

int concord__word_diff_run(concord__word_diff *d, const char *canon, size_t clen, const char *var,
                           size_t vlen)
{
    d->n = 0;
    S_words(canon, clen, &d->ct, &d->nc, &d->cap_c, &d->ch);
    S_words(var, vlen, &d->vt, &d->nv, &d->cap_v, &d->vh);
    size_t n = d->nc, m = d->nv;
    if (n > CONCORD__WORD_DIFF_MAX || m > CONCORD__WORD_DIFF_MAX)
        return -1;
    const uint64_t *c = d->ch, *v = d->vh;
    /* LCS table, suffix form: L(i, j) = LCS of c[i..] and v[j..] */
    size_t cells = (n + 1) * (m + 1);
    CONCORD_GROW(d->table, d->cap_table, cells);
    unsigned short *L = d->table;
    memset(L, 0, cells * sizeof *L);
#define LCS(i, j) L[(size_t)(i) * (m + 1) + (j)]
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            LCS(i, j) = c[i] == v[j]                     ? (unsigned short)(LCS(i + 1, j + 1) + 1)
                        : LCS(i + 1, j) >= LCS(i, j + 1) ? LCS(i + 1, j)
                                                         : LCS(i, j + 1);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && c[i] == v[j]) {
            S_edit(d, CONCORD__WORD_SAME, d->vt[j].start, d->vt[j].end, d->vt[j].start);
            i++, j++;
        } else if (j < m && (i == n || LCS(i, j + 1) >= LCS(i + 1, j))) {
            S_edit(d, CONCORD__WORD_ADDED, d->vt[j].start, d->vt[j].end, d->vt[j].start);
            j++;
        } else {
            /* a run of canonical words the variant lacks */
            size_t i0 = i;
            while (i < n && (j == m || LCS(i + 1, j) > LCS(i, j + 1)))
                i++;
            if (i == i0)
                i++;
            S_edit(d, CONCORD__WORD_MISSING, d->ct[i0].start, d->ct[i - 1].end,
                   j < m ? d->vt[j].start : vlen);
        }
    }
#undef LCS
    return 0;
}

void concord__word_diff_free(concord__word_diff *d)
{
    free(d->edit);
    free(d->ct);
    free(d->vt);
    free(d->ch);
    free(d->vh);
    free(d->table);
    memset(d, 0, sizeof *d);
}
