/* textpack.c: zstd-compressed text cells (see textpack.h). */
#include "store/textpack.h"

#include <stdlib.h>
#include <string.h>
#define ZDICT_STATIC_LINKING_ONLY /* ZDICT_trainFromBuffer_fastCover */
#include <zdict.h>
#include <zstd.h>

/* fastCover segment size (bytes) of the dictionary training. */
#ifndef S_DICT_SEGMENT
#define S_DICT_SEGMENT 1024
#endif

/* Below this many bytes a zstd frame (header, checksum-free) rarely pays. */
#define S_MIN_PACK 64

typedef struct {
    unsigned id;
    ZSTD_DDict *ddict;
} S_ddict;

struct concord_textpack {
    ZSTD_CCtx *cctx;
    ZSTD_DCtx *dctx;
    int level;
    ZSTD_CDict *cdict; /* packing dictionary, NULL: none */
    unsigned cdict_id;
    S_ddict *ddicts; /* unpacking dictionaries by id */
    size_t n_ddicts, cap_ddicts;
};

concord_textpack *concord_textpack_new(int level)
{
    concord_textpack *tp = concord_xcalloc(1, sizeof *tp);
    tp->level = level;
    return tp;
}

void concord_textpack_free(concord_textpack *tp)
{
    if (!tp)
        return;
    ZSTD_freeCCtx(tp->cctx);
    ZSTD_freeDCtx(tp->dctx);
    ZSTD_freeCDict(tp->cdict);
    for (size_t i = 0; i < tp->n_ddicts; i++)
        ZSTD_freeDDict(tp->ddicts[i].ddict);
    free(tp->ddicts);
    free(tp);
}

static void S_plain(concord_buf *out, const char *p, size_t n)
{
    concord_buf_addc(out, 'p');
    concord_buf_add(out, p, n);
}

void concord_textpack_pack(concord_textpack *tp, concord_buf *out, const char *p, size_t n)
{
    if (n < S_MIN_PACK) {
        S_plain(out, p, n);
        return;
    }
    if (!tp->cctx) {
        tp->cctx = ZSTD_createCCtx();
        if (!tp->cctx)
            abort(); /* out of memory: base.h policy */
        ZSTD_CCtx_setParameter(tp->cctx, ZSTD_c_compressionLevel, tp->level);
        ZSTD_CCtx_setParameter(tp->cctx, ZSTD_c_contentSizeFlag, 1);
        ZSTD_CCtx_setParameter(tp->cctx, ZSTD_c_checksumFlag, 0);
        if (tp->cdict)
            ZSTD_CCtx_refCDict(tp->cctx, tp->cdict);
    }
    size_t bound = ZSTD_compressBound(n);
    size_t at = out->len;
    CONCORD_GROW(out->data, out->cap, at + 2 + bound); /* tag, frame, NUL */
    out->data[at] = 'z';
    size_t got = ZSTD_compress2(tp->cctx, out->data + at + 1, bound, p, n);
    if (ZSTD_isError(got) || got >= n) { /* incompressible: keep the bytes */
        out->len = at;
        S_plain(out, p, n);
        return;
    }
    out->len = at + 1 + got;
    out->data[out->len] = '\0';
}

int concord_textpack_unpack(concord_textpack *tp, const void *blob, size_t n, char **text,
                            size_t *len)
{
    *text = NULL;
    *len = 0;
    const unsigned char *b = blob;
    if (!b || n < 1)
        return -1;
    if (b[0] == 'p') {
        char *s = concord_xmalloc(n);
        memcpy(s, b + 1, n - 1);
        s[n - 1] = '\0';
        *text = s;
        *len = n - 1;
        return 0;
    }
    if (b[0] != 'z')
        return -1;
    unsigned long long size = ZSTD_getFrameContentSize(b + 1, n - 1);
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > CONCORD_TEXTPACK_MAX)
        return -1;
    if (!tp->dctx) {
        tp->dctx = ZSTD_createDCtx();
        if (!tp->dctx)
            abort(); /* out of memory: base.h policy */
    }
    unsigned id = ZSTD_getDictID_fromFrame(b + 1, n - 1);
    const ZSTD_DDict *dd = NULL;
    if (id) {
        for (size_t i = 0; i < tp->n_ddicts && !dd; i++)
            if (tp->ddicts[i].id == id)
                dd = tp->ddicts[i].ddict;
        if (!dd)
            return CONCORD_TEXTPACK_NEED_DICT;
    }
    char *s = concord_xmalloc((size_t)size + 1);
    size_t got = dd ? ZSTD_decompress_usingDDict(tp->dctx, s, (size_t)size, b + 1, n - 1, dd)
                    : ZSTD_decompressDCtx(tp->dctx, s, (size_t)size, b + 1, n - 1);
    if (ZSTD_isError(got) || got != size) {
        free(s);
        return -1;
    }
    s[size] = '\0';
    *text = s;
    *len = (size_t)size;
    return 0;
}

unsigned concord_textpack_needed_dict(const void *blob, size_t n)
{
    const unsigned char *b = blob;
    if (!b || n < 2 || b[0] != 'z')
        return 0;
    return ZSTD_getDictID_fromFrame(b + 1, n - 1);
}

unsigned concord_textpack_dict_id(const void *dict, size_t n)
{
    return ZDICT_getDictID(dict, n);
}

int concord_textpack_add_dict(concord_textpack *tp, const void *dict, size_t n, int for_packing)
{
    unsigned id = ZDICT_getDictID(dict, n);
    if (!id)
        return -1;
    int have = 0;
    for (size_t i = 0; i < tp->n_ddicts && !have; i++)
        have = tp->ddicts[i].id == id;
    if (!have) {
        ZSTD_DDict *dd = ZSTD_createDDict(dict, n);
        if (!dd)
            return -1;
        CONCORD_GROW(tp->ddicts, tp->cap_ddicts, tp->n_ddicts + 1);
        tp->ddicts[tp->n_ddicts++] = (S_ddict){id, dd};
    }
    if (for_packing && tp->cdict_id != id) {
        ZSTD_CDict *cd = ZSTD_createCDict(dict, n, tp->level);
        if (!cd)
            return -1;
        if (tp->cctx)
            ZSTD_CCtx_refCDict(tp->cctx, cd);
        ZSTD_freeCDict(tp->cdict);
        tp->cdict = cd;
        tp->cdict_id = id;
    }
    return 0;
}

unsigned concord_textpack_packing_dict(const concord_textpack *tp)
{
    return tp->cdict_id;
}

int concord_textpack_train(const char *samples, const size_t *sizes, size_t n, size_t cap,
                           concord_buf *dict)
{
    if (n < 8 || n > 0xFFFFFFFFu)
        return -1;
    concord_buf_clear(dict);
    CONCORD_GROW(dict->data, dict->cap, cap + 1);
    /* One fastCover pass with fixed segment and d-mer sizes: ZDICT_trainFromBuffer
     * searches over segment sizes, compressing a held-out split for each, which
     * cost a tenth of a small corpus's whole run for a dictionary within about
     * 1% of the same packed size (doc/scale.md). */
    ZDICT_fastCover_params_t prm;
    memset(&prm, 0, sizeof prm);
    prm.k = S_DICT_SEGMENT;
    prm.d = 8;
    prm.f = 20;
    prm.accel = 1;
    prm.steps = 0;
    prm.zParams.compressionLevel = 3;
    size_t got = ZDICT_trainFromBuffer_fastCover(dict->data, cap, samples, sizes, (unsigned)n, prm);
    if (ZDICT_isError(got))
        return -1;
    dict->len = got;
    dict->data[got] = '\0';
    return 0;
}
