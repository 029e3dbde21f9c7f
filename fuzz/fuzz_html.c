/* fuzz_html.c: libFuzzer target for the HTML main-text extractor.  The bytes
 * are one page, read with no charset hint, with a charset from an HTTP header
 * chosen by the first byte, and as the "html" field of a JSON Lines record;
 * every article must come out with valid UTF-8 strings of the stated lengths,
 * and the kept text can never be longer than the decoded page. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concord/html.h"
#include "concord/read.h"
#include "concord/experimental.h"
#include "concord/text.h"

static void S_check(const concord_article *a)
{
    const char *fields[] = {a->id,     a->source, a->url,       a->date,  a->title,
                            a->origin, a->lang,   a->canonical, a->byline};
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
        if (!fields[k] || !concord_utf8_valid(fields[k], strlen(fields[k])))
            abort();
    if (strlen(a->text) != a->text_len || !concord_utf8_valid(a->text, a->text_len))
        abort();
    if (a->date[0] && strlen(a->date) != 10)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {NULL,
                                        "text/html; charset=windows-1252",
                                        "text/html; charset=shift_jis",
                                        "text/html; charset=utf-8",
                                        "text/html; charset=koi8-r",
                                        "text/html; charset=bogus"};
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    concord_html_source src;
    memset(&src, 0, sizeof src);
    src.url = "https://www.fuzz.example/2020/01/02/page";
    concord_html_stats st;
    concord_article *a = concord_html_article(data, size, &src, d, &st);
    S_check(a);
    concord_article_free(a);
    src.content_type = types[size ? data[0] % 6 : 0];
    src.url = NULL;
    a = concord_html_article(data, size, &src, d, &st);
    S_check(a);
    concord_article_free(a);
    /* through the reader as a page file */
    concord_reader *r = concord_reader_open_memory("fuzz.html", data, size, CONCORD_READ_AUTO, d);
    while (concord_reader_next(r, &a)) {
        S_check(a);
        concord_article_free(a);
    }
    concord_reader_close(r);
    concord_diag_free(d);
    return 0;
}
