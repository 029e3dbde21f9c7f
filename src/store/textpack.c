/* textpack.c: zstd-compressed text cells (see textpack.h). */
#include "store/textpack.h"

#include <stdlib.h>
#include <string.h>
#include <zstd.h>

/* Below this many bytes a zstd frame (header, checksum-free) rarely pays. */
#define S_MIN_PACK 64

struct concord_textpack {
    ZSTD_CCtx *cctx;
    ZSTD_DCtx *dctx;
    int level;
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
    char *s = concord_xmalloc((size_t)size + 1);
    size_t got = ZSTD_decompressDCtx(tp->dctx, s, (size_t)size, b + 1, n - 1);
    if (ZSTD_isError(got) || got != size) {
        free(s);
        return -1;
    }
    s[size] = '\0';
    *text = s;
    *len = (size_t)size;
    return 0;
}
