#!/usr/bin/env python3
"""lookalike: story precision where mistakes hurt most, on look-alike events.

    build/eval_stories --dump /tmp/gva.tsv ../shared/data/gva-dev/articles.jsonl
    tools/lookalike.py gva /tmp/gva.tsv ../shared/data/gva-dev/incidents.jsonl
    build/eval_stories --dump /tmp/ecb.tsv ../shared/data/ecbplus-dev.jsonl
    tools/lookalike.py ecb /tmp/ecb.tsv ../shared/data/ecbplus-dev.jsonl

The dump has one line per article: id, gold story, predicted story,
duplicate_of.  The look-alike subsets:
  gva: articles of incidents that share their city (and state) with another
       incident at most 30 days apart (incidents.jsonl gives city and date);
  ecb: articles of the ECB+ topics whose two events are most alike: the third
       of the topics with the highest cosine between the word counts of their
       two events' documents (the corpus file gives the texts).
Prints B-cubed precision, recall and F1 over the subset's articles (each
article scored against its whole predicted story, so a look-alike article
that shares a story with anything of another event counts as an error) and
the number of predicted stories that join two gold events of the subset.
Standard library only.
"""
import collections
import datetime
import json
import math
import re
import sys


def read_dump(path):
    rows = []
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 3:
                rows.append((p[0], p[1], p[2]))
    return rows


def bcubed(rows, subset):
    """B-cubed over the items in subset (indices into rows)."""
    by_pred = collections.defaultdict(list)
    by_gold = collections.Counter()
    for _, g, p in rows:
        by_pred[p].append(g)
        by_gold[g] += 1
    prec = rec = 0.0
    for i in subset:
        _, g, p = rows[i]
        same = sum(1 for x in by_pred[p] if x == g)
        prec += same / len(by_pred[p])
        rec += same / by_gold[g]
    n = len(subset)
    prec /= n
    rec /= n
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def parse_date(s):
    for fmt in ("%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            pass
    return None


def gva_subset(rows, incidents_path):
    inc = {}
    with open(incidents_path) as f:
        for line in f:
            j = json.loads(line)
            inc[str(j["incident"])] = ((j.get("city") or "").lower(), (j.get("state") or "").lower(),
                                       parse_date(j.get("date") or ""))
    by_city = collections.defaultdict(list)
    for k, (city, state, d) in inc.items():
        if city and d:
            by_city[(city, state)].append((d, k))
    alike = set()
    for lst in by_city.values():
        lst.sort()
        for i in range(len(lst)):
            for j in range(i + 1, len(lst)):
                if (lst[j][0] - lst[i][0]).days > 30:
                    break
                alike.add(lst[i][1])
                alike.add(lst[j][1])
    return [i for i, (_, g, _) in enumerate(rows) if g in alike], len(alike)


def words(text):
    return re.findall(r"[a-z]{3,}", text.lower())


def ecb_subset(rows, corpus_path):
    counts = collections.defaultdict(collections.Counter)
    topic_of = {}
    with open(corpus_path) as f:
        for line in f:
            j = json.loads(line)
            counts[j["story"]].update(words(j.get("text", "")))
            topic_of[j["story"]] = str(j.get("topic"))
    events = collections.defaultdict(list)
    for story, t in topic_of.items():
        events[t].append(story)
    sims = []
    for t, ev in events.items():
        if len(ev) != 2:
            continue
        a, b = counts[ev[0]], counts[ev[1]]
        dot = sum(v * b[w] for w, v in a.items() if w in b)
        na = math.sqrt(sum(v * v for v in a.values()))
        nb = math.sqrt(sum(v * v for v in b.values()))
        sims.append((dot / (na * nb) if na and nb else 0.0, t))
    sims.sort(reverse=True)
    top = sims[: max(1, len(sims) // 3)]
    alike = set()
    for _, t in top:
        alike.update(events[t])
    return [i for i, (_, g, _) in enumerate(rows) if g in alike], len(alike)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("gva", "ecb"):
        sys.exit(__doc__)
    kind, dump, extra = sys.argv[1:]
    rows = read_dump(dump)
    if kind == "gva":
        subset, n_events = gva_subset(rows, extra)
    else:
        subset, n_events = ecb_subset(rows, extra)
    if not subset:
        sys.exit("lookalike: empty subset")
    alike = {rows[i][1] for i in subset}
    joined = collections.defaultdict(set)
    for _, g, p in rows:
        if g in alike:
            joined[p].add(g)
    mixed = sum(1 for gs in joined.values() if len(gs) > 1)
    p, r, f1 = bcubed(rows, subset)
    pa, ra, fa = bcubed(rows, range(len(rows)))
    print("%s look-alike subset: %d articles of %d events; bcubed P %.4f R %.4f F1 %.4f; "
          "%d predicted stories join two or more of its events" % (kind, len(subset), n_events, p, r, f1, mixed))
    print("%s overall: %d articles; bcubed P %.4f R %.4f F1 %.4f" % (kind, len(rows), pa, ra, fa))


if __name__ == "__main__":
    main()
