#!/usr/bin/env python3
"""train_group: learns the pair model of story clustering (data/group_model.txt).

    build/eval_stories --set model=0 --trace gva.tsv ../shared/data/gva-dev/articles.jsonl
    build/eval_stories --set model=0 --trace ecb.tsv ../shared/data/ecbplus-dev.jsonl
    tools/train_group.py -o data/group_model.txt gva.tsv ecb.tsv
    tools/train_group.py --test ecb.tsv -o /tmp/gva_only.txt gva.tsv   (cross-corpus)

With --stumps N it fits N rounds of gradient-boosted stumps instead (each a
threshold on one feature; the model file then lists "stump" lines).

Each trace line is one candidate pair met while clustering: the label (the
share of the story's members in the article's gold story: a soft label), the
CONCORD_PAIR_FEATURES features (order in include/concord/group.h), the article
id and the corpus.  The model is an L2-regularised logistic regression fitted
by Newton's method (IRLS) on standardised features; every training file gets
the same total weight, so that a large corpus does not drown a small one.
Standard library only.
"""
import argparse
import bisect
import math
import sys

NAMES = ["cos", "ent_cos", "ent_mass", "ent_missing", "story_ent_missing", "lead_found",
         "lead_missing", "log_gap", "undated", "log_size", "sim", "top_name_in_story",
         "story_top_name_in_article", "title_found",
         "lead_name_found", "story_names_found", "log_pub_gap", "log_first_gap",
         "name_cos", "word_cos", "names_found"]


def read_trace(path, top=0, min_sim=0.0):
    rows = []
    by_article = {}
    with open(path) as f:
        for ln, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 1 + len(NAMES):
                sys.exit("%s:%d: %d fields, want at least %d" % (path, ln, len(parts), 1 + len(NAMES)))
            try:
                y = float(parts[0])
                x = [float(v) for v in parts[1:1 + len(NAMES)]]
            except ValueError:
                sys.exit("%s:%d: not a number" % (path, ln))
            if x[NAMES.index("sim")] < min_sim:
                continue
            if top:
                by_article.setdefault(parts[1 + len(NAMES)] if len(parts) > 1 + len(NAMES) else ln,
                                      []).append((y, x))
            else:
                rows.append((y, x))
    for cands in by_article.values():
        cands.sort(key=lambda r: -r[1][0])
        rows += cands[:top]
    if not rows:
        sys.exit("%s: no rows" % path)
    return rows


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def fit(data, l2, use, iters=25):
    """data: list of (y, x, weight).  Returns (bias, weights) on raw features;
    features not in `use` keep weight 0."""
    keep = [k for k, n in enumerate(NAMES) if n in use]
    data = [(y, [x[k] for k in keep], w) for y, x, w in data]
    d = len(keep)
    tw = sum(w for _, _, w in data)
    mean = [sum(w * x[k] for _, x, w in data) / tw for k in range(d)]
    sd = [math.sqrt(sum(w * (x[k] - mean[k]) ** 2 for _, x, w in data) / tw) or 1.0 for k in range(d)]
    z = [(y, [1.0] + [(x[k] - mean[k]) / sd[k] for k in range(d)], w) for y, x, w in data]
    beta = [0.0] * (d + 1)
    for _ in range(iters):
        grad = [0.0] * (d + 1)
        hess = [[0.0] * (d + 1) for _ in range(d + 1)]
        for y, x, w in z:
            t = sum(b * v for b, v in zip(beta, x))
            p = 1.0 / (1.0 + math.exp(-t)) if t > -35 else 0.0
            r = w * (p - y)
            s = w * p * (1 - p)
            for i in range(d + 1):
                grad[i] += r * x[i]
                si = s * x[i]
                row = hess[i]
                for j in range(i, d + 1):
                    row[j] += si * x[j]
        for i in range(d + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(1, d + 1):
            grad[i] += l2 * beta[i]
            hess[i][i] += l2
        step = solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    weights = [0.0] * len(NAMES)
    for i, k in enumerate(keep):
        weights[k] = beta[i + 1] / sd[i]
    bias = beta[0] - sum(beta[i + 1] * mean[i] / sd[i] for i in range(d))
    return bias, weights


def fit_stumps(data, use, rounds, rate=0.2, bins=32):
    """Gradient-boosted stumps (depth-1 trees, Newton steps on the log-loss).
    data: list of (y, x, weight).  Returns (bias, [(feature, threshold, left, right)])."""
    keep = [k for k, n in enumerate(NAMES) if n in use]
    n = len(data)
    tw = sum(w for _, _, w in data)
    p0 = min(max(sum(y * w for y, _, w in data) / tw, 1e-6), 1 - 1e-6)
    bias = math.log(p0 / (1 - p0))
    score = [bias] * n
    # thresholds: quantiles of each feature; rows pre-bucketed once
    cuts, bucket = {}, {}
    for k in keep:
        vals = sorted(x[k] for _, x, _ in data)
        c = sorted(set(vals[int(i * n / bins)] for i in range(1, bins)))
        cuts[k] = c
        bucket[k] = [bisect.bisect_left(c, x[k]) for _, x, _ in data]
    stumps = []
    for _ in range(rounds):
        g = [0.0] * n
        h = [0.0] * n
        for i, (y, _, w) in enumerate(data):
            p = 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, score[i]))))
            g[i] = w * (p - y)
            h[i] = w * p * (1 - p)
        G, H = sum(g), sum(h)
        best = None
        for k in keep:
            c = cuts[k]
            bg = [0.0] * (len(c) + 1)
            bh = [0.0] * (len(c) + 1)
            for i, b in enumerate(bucket[k]):
                bg[b] += g[i]
                bh[b] += h[i]
            gl = hl = 0.0
            for b in range(len(c)):
                gl += bg[b]
                hl += bh[b]
                gr, hr = G - gl, H - hl
                gain = gl * gl / (hl + 1) + gr * gr / (hr + 1) - G * G / (H + 1)
                if best is None or gain > best[0]:
                    best = (gain, k, b, c[b], -gl / (hl + 1), -gr / (hr + 1))
        if best is None:
            break
        _, k, b, thr, lv, rv = best
        lv *= rate
        rv *= rate
        stumps.append((k, thr, lv, rv))
        for i, bi in enumerate(bucket[k]):
            score[i] += lv if bi <= b else rv
    return bias, stumps


def logit(model, x):
    bias, weights, stumps = model
    t = bias + sum(w * v for w, v in zip(weights, x))
    for k, thr, lv, rv in stumps:
        t += lv if x[k] <= thr else rv
    return t


def evaluate(rows, model):
    """Log-loss and accuracy at log-odds 0 of the rows."""
    loss = 0.0
    right = 0
    for y, x in rows:
        t = logit(model, x)
        p = 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, t))))
        p = min(max(p, 1e-12), 1 - 1e-12)
        loss -= y * math.log(p) + (1 - y) * math.log(1 - p)
        right += (t >= 0) == (y >= 0.5)
    return loss / len(rows), right / len(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("traces", nargs="+", help="trace files written by eval_stories --trace")
    ap.add_argument("-o", "--output", required=True, help="model file (data/group_model.txt)")
    ap.add_argument("--test", action="append", default=[], help="held-out trace file to score")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on standardised weights")
    ap.add_argument("--stumps", type=int, default=0,
                    help="boosted stumps, this many rounds (0: logistic regression)")
    ap.add_argument("--min-sim", type=float, default=0.0,
                    help="train on pairs whose discounted cosine is at least this (the rest are "
                         "trivially apart and would drown the decisions that matter)")
    ap.add_argument("--shift", type=float, default=0.0,
                    help="added to the bias when writing: B-cubed rewards joining a story more "
                         "than the pairwise log-loss does (choose with eval_stories --sweep model_shift)")
    ap.add_argument("--drop", default="", help="comma-separated features left out (weight 0)")
    ap.add_argument("--top", type=int, default=0,
                    help="train on each article's TOP candidates by cosine only (0: all)")
    a = ap.parse_args()
    data = []
    sets = []
    use = [n for n in NAMES if n not in a.drop.split(",")]
    for path in a.traces:
        rows = read_trace(path, a.top, a.min_sim)
        sets.append((path, rows))
        w = 10000.0 / len(rows)
        data += [(y, x, w) for y, x in rows]
    if a.stumps:
        bias, stumps = fit_stumps(data, use, a.stumps)
        weights = [0.0] * len(NAMES)
    else:
        bias, weights = fit(data, a.l2, use)
        stumps = []
    model = (bias + a.shift, weights, stumps)
    with open(a.output, "w") as f:
        f.write("# Learned pair model of story clustering: logistic regression over the\n"
                "# CONCORD_PAIR_FEATURES of an article against a candidate story (group.h).\n"
                "# name<TAB>weight; the log-odds are bias + sum(weight * feature); a pair\n"
                "# joins at log-odds >= 0.  Written by tools/train_group.py from:\n")
        for path, rows in sets:
            f.write("#   %s (%d pairs, %.0f same story)\n" % (path.split("/")[-1], len(rows),
                                                          sum(y for y, _ in rows)))
        f.write("# Do not edit by hand: retrain (see the tool's usage).\n")
        f.write("# Options: --min-sim %g --shift %g --drop %s %s\n" %
                (a.min_sim, a.shift, a.drop or "''",
                 "--stumps %d" % a.stumps if a.stumps else "--l2 %g" % a.l2))
        f.write("bias\t%.6g\n" % (bias + a.shift))
        for n, w in zip(NAMES, weights):
            if w or not stumps:
                f.write("%s\t%.6g\n" % (n, w))
        for k, thr, lv, rv in stumps:
            f.write("stump\t%s\t%.9g\t%.6g\t%.6g\n" % (NAMES[k], thr, lv, rv))
    for path, rows in sets:
        ll, acc = evaluate(rows, model)
        print("train %s: log-loss %.4f accuracy %.4f" % (path, ll, acc))
    for path in a.test:
        ll, acc = evaluate(read_trace(path, a.top, a.min_sim), model)
        print("test  %s: log-loss %.4f accuracy %.4f" % (path, ll, acc))


if __name__ == "__main__":
    main()
