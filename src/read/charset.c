/* charset.c: web page bytes to UTF-8 (see concord/html.h).
 *
 * Labels follow the WHATWG encoding standard where it differs from IANA:
 * iso-8859-1 and us-ascii mean windows-1252, gb2312/gbk mean GB18030,
 * shift_jis means windows-31j (CP932), euc-kr means windows-949.  Decoding is
 * glibc's iconv; a byte iconv rejects becomes U+FFFD and decoding goes on. */
#include "concord/html.h"
#include "concord/text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static int S_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Normalised label: lower case, trimmed, quotes dropped. */
static void S_norm_label(const char *s, size_t n, char out[32])
{
    size_t k = 0;
    while (n && (*s == ' ' || *s == '"' || *s == '\'' || *s == '\t')) {
        s++;
        n--;
    }
    for (size_t i = 0; i < n && k < 31; i++) {
        int c = (unsigned char)s[i];
        if (c == '"' || c == '\'' || c == ';' || c == ' ' || c == '\t' || c == '>' || c == '/')
            break;
        out[k++] = (char)S_lower(c);
    }
    out[k] = 0;
}

/* iconv name for a label, or NULL for UTF-8, or "" when unknown. */
static const char *S_iconv_name(const char *label)
{
    static const char *const map[][2] = {
        {"utf-8", NULL},
        {"utf8", NULL},
        {"unicode-1-1-utf-8", NULL},
        {"iso-8859-1", "CP1252"},
        {"iso8859-1", "CP1252"},
        {"latin1", "CP1252"},
        {"latin-1", "CP1252"},
        {"us-ascii", "CP1252"},
        {"ascii", "CP1252"},
        {"windows-1252", "CP1252"},
        {"cp1252", "CP1252"},
        {"x-cp1252", "CP1252"},
        {"l1", "CP1252"},
        {"iso_8859-1", "CP1252"},
        {"windows-1250", "CP1250"},
        {"windows-1251", "CP1251"},
        {"windows-1253", "CP1253"},
        {"windows-1254", "CP1254"},
        {"windows-1255", "CP1255"},
        {"windows-1256", "CP1256"},
        {"windows-1257", "CP1257"},
        {"windows-1258", "CP1258"},
        {"cp1251", "CP1251"},
        {"cp1250", "CP1250"},
        {"koi8-r", "KOI8-R"},
        {"koi8r", "KOI8-R"},
        {"koi8-u", "KOI8-U"},
        {"shift_jis", "CP932"},
        {"shift-jis", "CP932"},
        {"sjis", "CP932"},
        {"x-sjis", "CP932"},
        {"windows-31j", "CP932"},
        {"ms_kanji", "CP932"},
        {"euc-jp", "EUC-JP"},
        {"iso-2022-jp", "ISO-2022-JP"},
        {"gb2312", "GB18030"},
        {"gbk", "GB18030"},
        {"gb18030", "GB18030"},
        {"x-gbk", "GB18030"},
        {"chinese", "GB18030"},
        {"big5", "BIG5-HKSCS"},
        {"euc-kr", "CP949"},
        {"ks_c_5601-1987", "CP949"},
        {"windows-949", "CP949"},
        {"utf-16", "UTF-16"},
        {"utf-16le", "UTF-16LE"},
        {"utf-16be", "UTF-16BE"},
        {"tis-620", "CP874"},
        {"windows-874", "CP874"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(label, map[i][0]) == 0)
            return map[i][1];
    return "";
}

int concord_charset_sniff(const void *page, size_t len, char label[32])
{
    const unsigned char *p = page;
    label[0] = 0;
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        strcpy(label, "utf-8");
        return 1;
    }
    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        strcpy(label, "utf-16le");
        return 1;
    }
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        strcpy(label, "utf-16be");
        return 1;
    }
    size_t n = len < 8192 ? len : 8192;
    for (size_t i = 0; i + 5 < n; i++) {
        if (p[i] != '<' || S_lower(p[i + 1]) != 'm' || S_lower(p[i + 2]) != 'e' ||
            S_lower(p[i + 3]) != 't' || S_lower(p[i + 4]) != 'a')
            continue;
        size_t end = i + 5;
        while (end < n && p[end] != '>')
            end++;
        /* charset= anywhere in the tag (meta charset or content="...; charset=") */
        for (size_t k = i + 5; k + 8 < end; k++) {
            if (S_lower(p[k]) == 'c' && S_lower(p[k + 1]) == 'h' && S_lower(p[k + 2]) == 'a' &&
                S_lower(p[k + 3]) == 'r' && S_lower(p[k + 4]) == 's' && S_lower(p[k + 5]) == 'e' &&
                S_lower(p[k + 6]) == 't') {
                size_t v = k + 7;
                while (v < end && (p[v] == ' ' || p[v] == '\t'))
                    v++;
                if (v < end && p[v] == '=') {
                    v++;
                    S_norm_label((const char *)p + v, end - v, label);
                    if (label[0])
                        return 1;
                }
            }
        }
        i = end;
    }
    return 0;
}

/* Label from "text/html; charset=X". */
static int S_label_from_type(const char *type, char label[32])
{
    label[0] = 0;
    if (!type)
        return 0;
    const char *c = type;
    for (; *c; c++)
        if (strncasecmp(c, "charset", 7) == 0) {
            const char *v = c + 7;
            while (*v == ' ')
                v++;
            if (*v != '=')
                continue;
            S_norm_label(v + 1, strlen(v + 1), label);
            return label[0] != 0;
        }
    return 0;
}

static char *S_iconv_decode(iconv_t cd, const char *in, size_t len, size_t *out_len, size_t *n_bad)
{
    concord_buf b;
    concord_buf_init(&b);
    char tmp[8192];
    char *src = (char *)in;
    size_t left = len;
    while (left > 0) {
        char *dst = tmp;
        size_t room = sizeof tmp;
        size_t rc = iconv(cd, &src, &left, &dst, &room);
        concord_buf_add(&b, tmp, (size_t)(dst - tmp));
        if (rc == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            /* EILSEQ or EINVAL (truncated at the end): one bad byte */
            concord_buf_add(&b, "\xEF\xBF\xBD", 3);
            (*n_bad)++;
            src++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    char *dst = tmp;
    size_t room = sizeof tmp;
    iconv(cd, NULL, NULL, &dst, &room);
    concord_buf_add(&b, tmp, (size_t)(dst - tmp));
    /* decoders may emit NUL for a NUL byte: keep the UTF-8 invariant */
    size_t rl = 0, bad2 = 0;
    char *fixed = concord_utf8_repair(b.data ? b.data : "", b.len, &rl, &bad2, NULL);
    concord_buf_free(&b);
    *n_bad += bad2;
    *out_len = rl;
    return fixed;
}

char *concord_charset_decode(const void *in, size_t len, const char *label_in, size_t *out_len,
                             size_t *n_bad, char *used_out)
{
    size_t bad = 0, ol = 0;
    char label[32] = "";
    if (label_in)
        S_norm_label(label_in, strlen(label_in), label);
    const char *name = label[0] ? S_iconv_name(label) : "";
    char isoname[24];
    if (name && !*name && strncmp(label, "iso-8859-", 9) == 0 && label[9] && label[9] != '1') {
        snprintf(isoname, sizeof isoname, "ISO-8859-%.4s", label + 9);
        name = isoname;
    } else if (name && !*name && strncmp(label, "iso-8859-1", 10) == 0 && label[10]) {
        snprintf(isoname, sizeof isoname, "ISO-8859-%.4s", label + 9);
        name = isoname;
    }
    const char *p = in;
    if (name && !*name) {
        /* unknown or no label: valid UTF-8 stays UTF-8, else windows-1252 */
        name = concord_utf8_valid(p, len) ? NULL : "CP1252";
        if (!name && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
            name = NULL;
    }
    char *out = NULL;
    if (name) {
        iconv_t cd = iconv_open("UTF-8", name);
        if (cd == (iconv_t)-1) {
            name = "CP1252";
            cd = iconv_open("UTF-8", name);
        }
        if (cd != (iconv_t)-1) {
            /* a UTF-8 page labelled latin-1 is common: trust valid UTF-8 with
             * multi-byte sequences over a single-byte label */
            int multibyte = 0;
            if (strcmp(name, "CP1252") == 0 && concord_utf8_valid(p, len)) {
                for (size_t i = 0; i < len && !multibyte; i++)
                    multibyte = (unsigned char)p[i] >= 0xC2;
            }
            if (multibyte) {
                iconv_close(cd);
                name = NULL;
            } else {
                out = S_iconv_decode(cd, p, len, &ol, &bad);
                iconv_close(cd);
            }
        } else {
            name = NULL;
        }
    }
    if (!name) {
        size_t skip = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        if (concord_utf8_valid(p + skip, len - skip)) {
            out = concord_xstrndup(p + skip, len - skip);
            ol = len - skip;
        } else {
            out = concord_utf8_repair(p + skip, len - skip, &ol, &bad, NULL);
        }
    }
    if (used_out) {
        const char *u = name ? name : "UTF-8";
        snprintf(used_out, 32, "%s", u);
    }
    if (out_len)
        *out_len = ol;
    if (n_bad)
        *n_bad = bad;
    return out;
}

/* Charset for a page given the HTTP Content-Type (may be NULL). */
int concord_charset_for_page(const void *page, size_t len, const char *content_type,
                             char label[32]);
int concord_charset_for_page(const void *page, size_t len, const char *content_type, char label[32])
{
    const unsigned char *p = page;
    /* a BOM wins over everything (WHATWG) */
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF) ||
                     (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)))
        return concord_charset_sniff(page, len, label);
    if (S_label_from_type(content_type, label))
        return 1;
    return concord_charset_sniff(page, len, label);
}
