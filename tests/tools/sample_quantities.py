#!/usr/bin/env python3
"""Draws the sentences of tests/data/quantities.tsv (labelled by hand).

  sample_quantities.py SHARED_DATA_DIR > sentences.tsv

100 sentences from each of gva-dev, ecbplus-dev and polnear-dev, drawn with
a fixed seed: two thirds among sentences holding a digit or a number word
(what the extractor must read), one third among all sentences (what it
must leave alone).  Sentences are lines split at ". ", "? ", "! " of the
raw article text, 40-400 characters, at least six words.  Output: id,
document, sentence (TABs and newlines in the text become spaces)."""
import json, random, re, sys

NUMWORD = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"dozen|dozens|hundred|hundreds|thousand|million|billion|trillion|"
                     r"twenty|thirty|forty|fifty|half)\b", re.I)

def sentences(path, name):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d.get("text") or ""
            for para in text.split("\n"):
                for s in re.split(r"(?<=[.?!])\s+(?=[A-Z\"“])", para):
                    s = " ".join(s.split())
                    if 40 <= len(s) <= 400 and len(s.split()) >= 6:
                        out.append((name + ":" + d["id"], s))
    return out

def main():
    base = sys.argv[1]
    rng = random.Random(2026)
    rows = []
    for name, path in (("gva", base + "/gva-dev/articles.jsonl"),
                       ("ecbplus", base + "/ecbplus-dev.jsonl"),
                       ("polnear", base + "/polnear-dev/articles.jsonl")):
        sents = sorted(set(sentences(path, name)))
        numeric = [s for s in sents if re.search(r"\d", s[1]) or NUMWORD.search(s[1])]
        picked = rng.sample(numeric, 67)
        rest = [s for s in sents if s not in set(picked)]
        picked += rng.sample(rest, 33)
        rng.shuffle(picked)
        rows += picked
    for i, (doc, s) in enumerate(rows):
        print("q%03d\t%s\t%s" % (i + 1, doc, s.replace("\t", " ")))

main()
