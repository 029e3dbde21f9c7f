/* article.c: the article record, date normalization and URL hosts.
 *
 * Dates are read by a small tokenizer (numbers, words, the punctuation between
 * them) and a few patterns tried at every token: numeric Y-M-D, US M/D/Y,
 * European D.M.Y, "Month D, Y" and "D Month Y" with month names from the
 * data/month_names.txt lexicon (English, German, Spanish, French, Russian).
 * Impossible dates (Feb 30, month 13) are rejected. */
#include "concord/article.h"

#include <ctype.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "month_names.inc"

concord_article *concord_article_new(const char *id, const char *source, const char *url,
                                     const char *date, const char *title, const char *text,
                                     size_t text_len)
{
    concord_article *a = concord_xcalloc(1, sizeof *a);
    a->url = concord_xstrdup(url ? url : "");
    a->date = concord_xstrdup(date ? date : "");
    a->title = concord_xstrdup(title ? title : "");
    if (!text)
        text_len = 0;
    a->text = concord_xstrndup(text ? text : "", text_len);
    a->text_len = text_len;
    if (id && *id) {
        a->id = concord_xstrdup(id);
    } else {
        /* content hash; an empty body falls back to url + title so that
         * distinct empty articles keep distinct ids */
        uint64_t h;
        if (text_len) {
            h = concord_hash(a->text, text_len, 0);
        } else {
            concord_buf b;
            concord_buf_init(&b);
            concord_buf_adds(&b, a->url);
            concord_buf_addc(&b, '\n');
            concord_buf_adds(&b, a->title);
            h = concord_hash(b.data, b.len, 0);
            concord_buf_free(&b);
        }
        char buf[24];
        snprintf(buf, sizeof buf, "h%016" PRIx64, h);
        a->id = concord_xstrdup(buf);
    }
    if (source && *source) {
        a->source = concord_xstrdup(source);
    } else {
        char *host = concord_url_host(a->url);
        a->source = host ? host : concord_xstrdup("unknown");
    }
    a->origin = concord_xstrdup("");
    a->lang = concord_xstrdup("");
    a->canonical = concord_xstrdup("");
    a->byline = concord_xstrdup("");
    return a;
}

void concord_article_free(concord_article *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->source);
    free(a->url);
    free(a->date);
    free(a->title);
    free(a->text);
    free(a->origin);
    free(a->lang);
    free(a->canonical);
    free(a->byline);
    free(a);
}

/* ---- URL host ---------------------------------------------------------- */

char *concord_url_host(const char *url)
{
    if (!url)
        return NULL;
    while (*url == ' ' || *url == '\t')
        url++;
    const char *start = url;
    int has_scheme = 0;
    const char *sep = strstr(url, "://");
    if (sep && sep > url && isalpha((unsigned char)url[0])) {
        const char *q = url;
        while (q < sep && (isalnum((unsigned char)*q) || *q == '+' || *q == '-' || *q == '.'))
            q++;
        if (q == sep) {
            start = sep + 3;
            has_scheme = 1;
        }
    }
    if (!has_scheme && url[0] == '/' && url[1] == '/') {
        start = url + 2;
        has_scheme = 1;
    }
    const char *end = start;
    while (*end && *end != '/' && *end != '?' && *end != '#' && *end != ' ' && *end != '\t' &&
           *end != '\n' && *end != '\r')
        end++;
    /* userinfo */
    for (const char *q = end; q > start; q--)
        if (q[-1] == '@') {
            start = q;
            break;
        }
    const char *hs = start, *he;
    if (*hs == '[') {
        he = memchr(hs, ']', (size_t)(end - hs));
        if (!he)
            return NULL;
        he++;
    } else {
        he = hs;
        while (he < end && *he != ':')
            he++;
    }
    while (he > hs && he[-1] == '.')
        he--;
    if (he == hs)
        return NULL;
    int dot = 0;
    for (const char *q = hs; q < he; q++) {
        unsigned char c = (unsigned char)*q;
        if (c == '.')
            dot = 1;
        else if (!(isalnum(c) || c == '-' || c == '_' || c >= 0x80 || c == '[' || c == ']' ||
                   (c == ':' && *hs == '[')))
            return NULL;
    }
    if (!has_scheme && !dot)
        return NULL;
    char *host = concord_xstrndup(hs, (size_t)(he - hs));
    for (char *q = host; *q; q++)
        if ((unsigned char)*q < 0x80)
            *q = (char)tolower((unsigned char)*q);
    if (strncmp(host, "www.", 4) == 0 && host[4]) {
        memmove(host, host + 4, strlen(host + 4) + 1);
    }
    return host;
}

/* ---- dates ------------------------------------------------------------- */

typedef struct S_month {
    char name[32];
    int month; /* 0 = filler word */
} S_month;

static S_month *S_months;
static size_t S_n_months;
static pthread_once_t S_months_once = PTHREAD_ONCE_INIT;

/* Lower-cases a word (Unicode) into out; returns its length or 0 if too long. */
static size_t S_fold_word(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return 0;
        i += (size_t)n;
        cp = utf8proc_tolower(cp);
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);
        if (o + (size_t)m + 1 > cap)
            return 0;
        memcpy(out + o, enc, (size_t)m);
        o += (size_t)m;
    }
    out[o] = 0;
    return o;
}

static void S_months_init(void)
{
    S_months = concord_xcalloc(month_names_count, sizeof *S_months);
    for (size_t k = 0; k < month_names_count; k++) {
        const char *line = month_names_lines[k];
        const char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        S_month *m = &S_months[S_n_months];
        if (!S_fold_word(line, (size_t)(tab - line), m->name, sizeof m->name))
            continue;
        m->month = atoi(tab + 1);
        S_n_months++;
    }
}

/* Month number 1..12, 0 for a filler word, -1 for anything else. */
static int S_month_of(const char *s, size_t len)
{
    char w[32];
    if (!S_fold_word(s, len, w, sizeof w))
        return -1;
    pthread_once(&S_months_once, S_months_init);
    for (size_t k = 0; k < S_n_months; k++)
        if (strcmp(S_months[k].name, w) == 0)
            return S_months[k].month;
    return -1;
}

enum { S_TOK_NUM, S_TOK_WORD };
typedef struct S_dtok {
    int type;
    long value;                /* NUM: value (capped); WORD: month, 0 filler, -1 other */
    int ndigits;               /* NUM */
    int ordinal;               /* NUM with st/nd/rd/th */
    size_t gap_start, gap_end; /* bytes between the previous token and this one */
} S_dtok;

static int S_is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int S_valid(long y, long m, long d)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1)
        return 0;
    long maxd = days[m - 1] + (m == 2 && S_is_leap(y));
    return d <= maxd;
}

static int S_emit(long y, long m, long d, char out[11])
{
    if (!S_valid(y, m, d))
        return 0;
    /* S_valid bounds every field; the roomy buffer lets the compiler see that
     * nothing is cut (it cannot prove the bounds without optimisation) */
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
    memcpy(out, tmp, 11);
    return 1;
}

/* The gap before token t is exactly the one character c. */
static int S_gap_is(const char *s, const S_dtok *t, char c)
{
    return t->gap_end - t->gap_start == 1 && s[t->gap_start] == c;
}

/* The gap before token t holds only spaces, commas and periods (a few). */
static int S_gap_soft(const char *s, const S_dtok *t)
{
    if (t->gap_end - t->gap_start > 4)
        return 0;
    for (size_t k = t->gap_start; k < t->gap_end; k++)
        if (s[k] != ' ' && s[k] != ',' && s[k] != '.' && s[k] != '\t')
            return 0;
    return 1;
}

/* Index of the next token after k that is not a filler word reached through
 * soft gaps, or n when none. */
static size_t S_skip_fillers(const char *s, const S_dtok *t, size_t n, size_t k)
{
    size_t j = k + 1;
    while (j < n && t[j].type == S_TOK_WORD && t[j].value == 0 && S_gap_soft(s, &t[j]))
        j++;
    return j;
}

static int S_day_tok(const S_dtok *t)
{
    return t->type == S_TOK_NUM && t->ndigits <= 2;
}

static int S_year_tok(const S_dtok *t)
{
    return t->type == S_TOK_NUM && t->ndigits == 4 && !t->ordinal;
}

int concord_date_normalize(const char *s, size_t len, char out[11])
{
    if (!s)
        return 0;
    enum { MAX_TOK = 64 };
    S_dtok t[MAX_TOK];
    size_t n = 0, i = 0, gap = 0;
    while (i < len && n < MAX_TOK) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            S_dtok *tk = &t[n++];
            memset(tk, 0, sizeof *tk);
            tk->type = S_TOK_NUM;
            tk->gap_start = gap;
            tk->gap_end = i;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (tk->value < 100000000)
                    tk->value = tk->value * 10 + (s[i] - '0');
                tk->ndigits++;
                i++;
            }
            if (i + 1 < len && (i + 2 >= len || !isalpha((unsigned char)s[i + 2]))) {
                char a = (char)tolower((unsigned char)s[i]),
                     b = (char)tolower((unsigned char)s[i + 1]);
                if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
                    (a == 't' && b == 'h')) {
                    tk->ordinal = 1;
                    i += 2;
                }
            }
            gap = i;
        } else if (isalpha(c) || c >= 0x80) {
            size_t st = i;
            while (i < len && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
                i++;
            S_dtok *tk = &t[n++];
            memset(tk, 0, sizeof *tk);
            tk->type = S_TOK_WORD;
            tk->gap_start = gap;
            tk->gap_end = st;
            tk->value = S_month_of(s + st, i - st);
            gap = i;
        } else {
            i++;
        }
    }
    /* compact YYYYMMDD as the first token */
    if (n >= 1 && t[0].type == S_TOK_NUM && t[0].ndigits == 8 &&
        (n == 1 || t[1].gap_end > t[1].gap_start))
        if (S_emit(t[0].value / 10000, t[0].value / 100 % 100, t[0].value % 100, out))
            return 1;
    for (size_t k = 0; k < n; k++) {
        const S_dtok *a = &t[k];
        if (a->type == S_TOK_NUM && k + 2 < n && !a->ordinal) {
            const S_dtok *b = &t[k + 1], *c = &t[k + 2];
            if (b->type == S_TOK_NUM && c->type == S_TOK_NUM && !b->ordinal) {
                char sep = s[b->gap_start];
                int seps = (sep == '-' || sep == '/' || sep == '.') && S_gap_is(s, b, sep) &&
                           S_gap_is(s, c, sep);
                if (seps && a->ndigits == 4 && b->ndigits <= 2 && c->ndigits <= 2) {
                    if (S_emit(a->value, b->value, c->value, out))
                        return 1;
                } else if (seps && a->ndigits <= 2 && b->ndigits <= 2 && S_year_tok(c)) {
                    /* US order with / and -, day first with dots (12.01.2022) */
                    if (sep == '.' ? S_emit(c->value, b->value, a->value, out)
                                   : S_emit(c->value, a->value, b->value, out))
                        return 1;
                }
            }
        }
        if (a->type == S_TOK_WORD && a->value > 0) {
            /* Month D[th][,] YYYY */
            size_t j = S_skip_fillers(s, t, n, k);
            if (j < n && S_day_tok(&t[j]) && S_gap_soft(s, &t[j])) {
                size_t y = S_skip_fillers(s, t, n, j);
                if (y < n && S_year_tok(&t[y]) && S_gap_soft(s, &t[y]) &&
                    S_emit(t[y].value, a->value, t[j].value, out))
                    return 1;
            }
        }
        if (S_day_tok(a)) {
            /* D[th] [of] Month[,] YYYY */
            size_t j = S_skip_fillers(s, t, n, k);
            if (j < n && t[j].type == S_TOK_WORD && t[j].value > 0 && S_gap_soft(s, &t[j])) {
                size_t y = S_skip_fillers(s, t, n, j);
                if (y < n && S_year_tok(&t[y]) && S_gap_soft(s, &t[y]) &&
                    S_emit(t[y].value, t[j].value, a->value, out))
                    return 1;
            }
        }
    }
    return 0;
}
