#!/usr/bin/env python3
"""languages_check: how concord's stories mix languages on unlabelled pages.

    build/concord analyze ../shared/data/html-dev/pages -o /tmp/h --no-report
    tools/languages_check.py build/libconcord.so /tmp/h [PREFIX]

html-dev holds 990 unrelated web pages (about 70% German), so nearly every
story of two or more of its pages is a false join.  Reads OUT/articles.jsonl
and OUT/stories.jsonl, detects each article's language with the library's
concord_detect_language (ctypes), and prints: stories of two or more
articles, those among them that hold two or more languages, and the number
of articles whose id starts with PREFIX (default "t": html-dev pages) that
share a story with another article.  Standard library only.
"""
import ctypes
import json
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lib = ctypes.CDLL(sys.argv[1])
    lib.concord_detect_language.restype = ctypes.c_char_p
    lib.concord_detect_language.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    out = sys.argv[2]
    prefix = sys.argv[3] if len(sys.argv) > 3 else "t"
    lang = {}
    with open(out + "/articles.jsonl", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            b = a["text"].encode()
            lang[a["id"]] = lib.concord_detect_language(b, len(b)).decode()
    multi = mixed = mixed_articles = joined = 0
    with open(out + "/stories.jsonl", encoding="utf-8") as f:
        for line in f:
            ids = [a["id"] for a in json.loads(line)["articles"]]
            if len(ids) < 2:
                continue
            multi += 1
            joined += sum(1 for i in ids if i.startswith(prefix))
            if len(set(lang.get(i, "en") for i in ids)) > 1:
                mixed += 1
                mixed_articles += len(ids)
    print("stories of 2+ articles: %d" % multi)
    print("stories of 2+ languages: %d (%d articles)" % (mixed, mixed_articles))
    print("articles with id %s* sharing a story: %d" % (prefix, joined))


if __name__ == "__main__":
    main()
