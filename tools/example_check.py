#!/usr/bin/env python3
"""example_check: how concord's output on the example corpus compares with
what the corpus says it holds.

    build/concord analyze examples/corpus -o /tmp/ex --quiet
    python3 tools/example_check.py /tmp/ex/stories.jsonl [examples/corpus]

Prints
  - story B-cubed precision / recall / F1 against expected_stories.tsv;
  - copy / rewrite links (stories.jsonl "reuse" entries of kind copy or
    rewrite, from -> to) against the relations of EXPECTED.md ("copy ... of
    `ID`", "rewrite ... of `ID`", "MACHINE-SPUN copy of `ID`"): right (the
    expected source of `to` is `from`), wrong (any other link) and missed
    (an expected relation with no link), with the wrong and missed ones
    listed.
"""
import json
import re
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    stories_path = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else "examples/corpus"

    gold = {}
    with open(corpus + "/expected_stories.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            art, label = line.rstrip("\n").split("\t")[:2]
            gold[art] = label.strip()

    pred, links = {}, []
    with open(stories_path, encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            for a in story["articles"]:
                pred[a["id"]] = story["story"]
            for p in story.get("reuse", []):
                if p.get("kind") in ("copy", "rewrite"):
                    links.append((p["from"], p["to"], p["kind"], p.get("direction")))

    items = [a for a in gold if a in pred]
    by_pred, by_gold = {}, {}
    for a in items:
        by_pred.setdefault(pred[a], []).append(a)
        by_gold.setdefault(gold[a], []).append(a)
    precision = recall = 0.0
    for a in items:
        same_pred, same_gold = by_pred[pred[a]], by_gold[gold[a]]
        both = sum(1 for b in same_pred if gold[b] == gold[a])
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    if items:
        precision /= len(items)
        recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print("stories: %d of %d expected articles found; B-cubed P %.4f R %.4f F1 %.4f"
          % (len(items), len(gold), precision, recall, f1))

    relation = re.compile(
        r"\| `([^`]+)` \|.*\| (?:copy|rewrite|MACHINE-SPUN copy)[^|]*of `([^`]+)`")
    source_of = {}
    with open(corpus + "/EXPECTED.md", encoding="utf-8") as f:
        for line in f:
            m = relation.match(line)
            if m:
                source_of[m.group(1)] = m.group(2)
    right = wrong = 0
    for src, dst, kind, direction in links:
        if source_of.get(dst) == src:
            right += 1
        else:
            wrong += 1
            print("  wrong: %s -> %s (%s, direction %s); expected source of %s: %s"
                  % (src, dst, kind, direction, dst, source_of.get(dst)))
    linked = {(dst, src) for src, dst, _, _ in links}
    missed = sorted((d, s) for d, s in source_of.items() if (d, s) not in linked)
    for d, s in missed:
        print("  missed: %s -> %s" % (s, d))
    print("links: %d expected relations; %d right, %d wrong, %d missed"
          % (len(source_of), right, wrong, len(missed)))


if __name__ == "__main__":
    main()
