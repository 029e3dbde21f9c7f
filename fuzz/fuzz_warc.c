/* fuzz_warc.c: libFuzzer target for the WARC reader.  The bytes are read as
 * a .warc file (plain, or gzip when they start with a gzip header) with a
 * normal and a tiny record limit; every article must come out with valid
 * UTF-8 strings and the record counts must add up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concord/read.h"
#include "concord/experimental.h"
#include "concord/text.h"

static void S_read(const uint8_t *data, size_t size, size_t max)
{
    concord_diag *d = concord_diag_new(NULL, NULL);
    concord_diag_quiet(d, 1);
    concord_reader *r = concord_reader_open_memory("fuzz.warc", data, size, CONCORD_READ_AUTO, d);
    concord_reader_set_max_record(r, max);
    concord_article *a;
    uint64_t n = 0;
    while (concord_reader_next(r, &a)) {
        if (strlen(a->text) != a->text_len || !concord_utf8_valid(a->text, a->text_len) ||
            !concord_utf8_valid(a->url, strlen(a->url)) ||
            !concord_utf8_valid(a->id, strlen(a->id)) || !*a->id)
            abort();
        concord_article_free(a);
        n++;
    }
    concord_warc_stats st;
    concord_reader_warc_stats(r, &st);
    if (st.articles != n || st.articles > st.records)
        abort();
    concord_reader_close(r);
    concord_diag_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_read(data, size, 1u << 20);
    S_read(data, size, 300);
    return 0;
}
