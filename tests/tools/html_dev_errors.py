#!/usr/bin/env python3
"""html-dev error study: per-language precision/recall/F1 (language from the
extractor's `lang` field, the page's own <html lang>/meta hint; "?" when the
page gives none) and, with --pages, every missed 'with' and kept 'without'
segment per page.  Same metric as ../shared/data/html-dev/score.py.
Usage: html_dev_errors.py GOLD.jsonl OUT.jsonl [--pages]"""
import json, re, sys
from collections import defaultdict

norm = lambda t: re.sub(r'\s+', ' ', t or '').strip()
got = {}
for line in open(sys.argv[2], encoding='utf-8', errors='replace'):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    lang = (r.get('lang') or '?').lower().replace('_', '-').split('-')[0] or '?'
    got[str(r.get('id', '')).split('.')[0]] = (norm(r.get('text', '')), lang)
by = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn pages
for line in open(sys.argv[1], encoding='utf-8'):
    g = json.loads(line)
    text, lang = got.get(g['id'], ('', '?'))
    missed = [w for w in g['with'] if norm(w) not in text]
    kept = [w for w in g['without'] if norm(w) in text]
    for key in (lang, 'all'):
        s = by[key]
        s[0] += len(g['with']) - len(missed)
        s[1] += len(kept)
        s[2] += len(missed)
        s[3] += 1
    if '--pages' in sys.argv[3:] and (missed or kept):
        print(f"{g['id']} {lang} {g['url']} len={len(text)}")
        for w in missed:
            print(f"   MISS {w[:100]!r}")
        for w in kept:
            print(f"   KEPT {w[:100]!r}")
def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
rows = sorted(by.items(), key=lambda kv: (kv[0] == 'all', -kv[1][3]))
print(f"{'lang':6} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6}")
for lang, (tp, fp, fn, n) in rows:
    if n < 5 and lang != 'all':
        continue
    p, r, f = prf(tp, fp, fn)
    print(f"{lang:6} {n:5d} {p:6.3f} {r:6.3f} {f:6.3f}")
small = [(l, v) for l, v in by.items() if v[3] < 5 and l != 'all']
if small:
    tp, fp, fn, n = (sum(v[i] for _, v in small) for i in range(4))
    p, r, f = prf(tp, fp, fn)
    print(f"{'other':6} {n:5d} {p:6.3f} {r:6.3f} {f:6.3f}  ({', '.join(sorted(l for l, _ in small))})")
