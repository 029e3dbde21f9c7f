#!/usr/bin/env python3
"""How many generated events can be told apart at all (issue 12, item 4).

    tools/gen_ceiling.py EVENTS.tsv [--window DAYS]

EVENTS.tsv is the side table of bench/gen_corpus (its fifth argument): per
article its id, gold story, seed incident, the story's first day, the
story's name salt and the names (before the story's suffix) that the article
writes.  bench/gen_corpus makes every story of one incident from the same
seed texts: same town, outlets drawn from one pool, the same figures (only
changed at random per article, not per event), the same sentence-start and
kept words.  What differs between two stories of one incident is their day
(each story's articles fall on its first day + 0..3) and the suffix of each
name (one of 16, drawn per story and name by a hash of the salt).

A reader with the whole corpus can therefore tell an article of story A
from story B of the same incident only by the day and by the names it
writes.  This script counts, per size:

  - look-alike stories: stories with another story of the same incident
    whose first day is within --window days (default 3: their articles can
    fall on the same days);
  - confusable articles: articles of such a story that write no name whose
    variant differs between the two stories (no name at all, or every name
    drawn the same suffix in both): nothing in the text or the date tells
    which of the two events they report;
  - unanchored articles: articles of a look-alike story (of 2+ articles)
    that share no name with any other article of their own story: even
    when a reader can tell them from the look-alike (a name of theirs is
    written differently there), nothing in the corpus ties them to their
    own event's reports but the topic and the days;
  - a ceiling: B-cubed F1 of an oracle that knows every gold story and puts
    each confusable article into the earliest story it cannot be told from
    (a reader can do no better than guess between them; any fixed guess
    scores about the same).

With --dump D (build/eval_stories --dump D CORPUS: id, gold, predicted
story per line) it also splits the grouper's wrong pairs (two articles of
different gold stories in one predicted story, each pair weighted 1 / the
predicted story's size as B-cubed precision weighs it) into: look-alike
(same incident, first days within the window), same incident further
apart, and other incidents; and says how many look-alike wrong pairs hold
an article that the oracle could not place either.

The gen_corpus name hash is reproduced here (S_put_segs: the suffix of name
v in a story with salt s is suffix[(mix(s ^ v) >> 32) % 16])."""
import argparse
import collections
import sys

M64 = (1 << 64) - 1
N_SUFFIX = 16  # "suffix" lines of data/gen_names.txt


def suffix(salt, val):
    h = salt ^ val
    h = ((h ^ (h >> 29)) * 0xBF58476D1CE4E5B9) & M64
    return (h >> 32) % N_SUFFIX


def bcubed(gold, pred):
    """B-cubed F1 of two labelings (lists of equal length)."""
    by_pred = collections.defaultdict(collections.Counter)
    by_gold = collections.defaultdict(collections.Counter)
    pred_n = collections.Counter(pred)
    gold_n = collections.Counter(gold)
    for g, p in zip(gold, pred):
        by_pred[p][g] += 1
        by_gold[g][p] += 1
    n = len(gold)
    prec = sum(c * c / pred_n[p] for p, cs in by_pred.items() for c in cs.values()) / n
    rec = sum(c * c / gold_n[g] for g, cs in by_gold.items() for c in cs.values()) / n
    return prec, rec, 2 * prec * rec / (prec + rec)


def wrong_pairs(a, story_info, confusable_ids):
    clusters = collections.defaultdict(list)
    for line in open(a.dump, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 3 and f[1] in story_info:
            clusters[f[2]].append((f[1], f[0] in confusable_ids))
    n = sum(len(m) for m in clusters.values())
    kinds = collections.Counter()
    conf = 0.0
    for members in clusters.values():
        size = len(members)
        if size < 2:
            continue
        by_gold = collections.Counter(g for g, _ in members)
        conf_by_gold = collections.Counter(g for g, c in members if c)
        golds = list(by_gold)
        for i in range(len(golds)):
            gi = golds[i]
            inc_i, day_i, _ = story_info[gi]
            for j in range(i + 1, len(golds)):
                gj = golds[j]
                inc_j, day_j, _ = story_info[gj]
                w = 2.0 * by_gold[gi] * by_gold[gj] / size  # both directions
                if inc_i == inc_j and abs(day_i - day_j) <= a.window:
                    kinds["look-alike"] += w
                    # pairs where either article is one the oracle cannot place
                    clean = (by_gold[gi] - conf_by_gold[gi]) * (by_gold[gj] - conf_by_gold[gj])
                    conf += w * (1 - clean / (by_gold[gi] * by_gold[gj]))
                elif inc_i == inc_j:
                    kinds["same incident, further apart"] += w
                else:
                    kinds["other incidents"] += w
    total = sum(kinds.values())
    print(f"  grouper ({a.dump}): precision lost to wrong pairs {total / n:.4f}")
    for k in ("look-alike", "same incident, further apart", "other incidents"):
        print(f"    {k}: {kinds[k] / n:.4f} ({100.0 * kinds[k] / total if total else 0:.1f}%)")
    print(f"    look-alike pairs with an article the oracle cannot place: {conf / n:.4f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("events")
    ap.add_argument("--window", type=int, default=3)
    ap.add_argument("--dump", help="build/eval_stories --dump output for the same corpus")
    a = ap.parse_args()

    arts = []  # (story, names)
    ids = []
    story_info = {}  # story -> (incident, day, salt)
    for line in open(a.events, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 5:
            continue
        story, incident, day, salt = f[1], int(f[2], 16), int(f[3]), int(f[4], 16)
        names = [int(x, 16) for x in f[5].split(",")] if len(f) > 5 and f[5] else []
        story_info[story] = (incident, day, salt)
        arts.append((story, names))
        ids.append(f[0])

    by_incident = collections.defaultdict(list)
    for story, (incident, day, salt) in story_info.items():
        by_incident[incident].append((day, story, salt))
    neighbours = {}  # story -> other stories of its incident within the window
    for lst in by_incident.values():
        lst.sort()
        for i, (day, story, salt) in enumerate(lst):
            near = []
            for j in range(i - 1, -1, -1):
                if day - lst[j][0] > a.window:
                    break
                near.append(lst[j])
            for j in range(i + 1, len(lst)):
                if lst[j][0] - day > a.window:
                    break
                near.append(lst[j])
            neighbours[story] = near

    # per story: how many of its articles write each name
    name_count = collections.defaultdict(collections.Counter)
    for story, names in arts:
        name_count[story].update(names)
    story_size = collections.Counter(story for story, _ in arts)
    n = len(arts)
    unanchored = 0
    lookalike_stories = sum(1 for s in story_info if neighbours[s])
    arts_in_lookalike = 0
    no_names = 0
    confusable = 0
    pred = []
    gold = []
    conf_flags = []
    for story, names in arts:
        incident, day, salt = story_info[story]
        near = neighbours[story]
        if not names:
            no_names += 1
        if near:
            arts_in_lookalike += 1
            if story_size[story] > 1 and not any(name_count[story][v] > 1 for v in names):
                unanchored += 1
        # stories this article cannot be told from (its own included)
        same = [(day, story)]
        for oday, other, osalt in near:
            if all(suffix(salt, v) == suffix(osalt, v) for v in names):
                same.append((oday, other))
        conf_flags.append(len(same) > 1)
        if len(same) > 1:
            confusable += 1
        gold.append(story)
        pred.append(min(same)[1])

    p, r, f1 = bcubed(gold, pred)
    print(f"{a.events}: {n} articles, {len(story_info)} stories (window {a.window} days)")
    print(f"  look-alike stories: {lookalike_stories} ({100.0 * lookalike_stories / len(story_info):.1f}%),"
          f" holding {arts_in_lookalike} articles ({100.0 * arts_in_lookalike / n:.1f}%)")
    print(f"  articles writing no varied name: {no_names} ({100.0 * no_names / n:.1f}%)")
    print(f"  unanchored articles of look-alike stories: {unanchored} ({100.0 * unanchored / n:.1f}%)")
    print(f"  confusable articles: {confusable} ({100.0 * confusable / n:.1f}%)")
    print(f"  oracle ceiling: B-cubed P {p:.4f} R {r:.4f} F1 {f1:.4f}")
    if a.dump:
        wrong_pairs(a, story_info, set(i for i, c in zip(ids, conf_flags) if c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
