#!/usr/bin/env python3
"""Metadata accuracy of the HTML reader against hand labels.

Usage: meta_accuracy.py tests/data/html_meta.tsv OUT.jsonl
OUT.jsonl: bench_html -o output (id, title, date, source per page).
A field is right when it equals one of the label's alternatives (" || ")
after whitespace is collapsed and case is folded; an empty label date means
the page shows none, and only an empty date is then right."""
import json, re, sys

norm = lambda s: re.sub(r'\s+', ' ', (s or '').replace('\u00ad', '')).strip().casefold()
got = {}
for line in open(sys.argv[2], encoding='utf-8'):
    r = json.loads(line)
    got[r['id']] = r
right = {'date': 0, 'title': 0, 'outlet': 0}
n = 0
misses = []
for line in open(sys.argv[1], encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    pid, date, title, outlet = line.rstrip('\n').split('\t')
    r = got.get(pid)
    if r is None:
        continue
    n += 1
    for field, label, value in (('date', date, r.get('date')), ('title', title, r.get('title')),
                                ('outlet', outlet, r.get('source'))):
        alts = [norm(a) for a in label.split('||')]
        if norm(value) in alts:
            right[field] += 1
        else:
            misses.append(f'{pid} {field}: got {value!r}, labelled {label!r}')
if '-v' in sys.argv:
    print('\n'.join(misses))
print(f'pages={n} ' + ' '.join(f'{k}={v / n:.3f}' for k, v in right.items()) if n else 'pages=0')
