import json, os, sys, subprocess, collections, shutil
sys.path.insert(0, os.path.dirname(__file__))
from core import *
import e1, e23, e45, e678, e910, broken, figs, quotes

OUT = sys.argv[1]
if os.path.isdir(OUT): shutil.rmtree(OUT)
os.makedirs(OUT)

EXTRA = {  # unknown fields on some lines (readers must ignore them)
  'Continental Review': {'section': 'World'}, 'Nordwelle': {'lang': 'de'},
  'El Observador del Sur': {'lang': 'es'}, 'Вестник Востока': {'lang': 'ru'},
}
BAD = {'@@BAD1@@': b'\xff', '@@BAD2@@': b'\xc3('}

def jline(a):
    d = {'id': a['id']}
    if a['source'] is not None: d['source'] = a['source']
    d['url'] = a['url']; d['date'] = a['date']; d['title'] = a['title']
    d.update(EXTRA.get(a['source'], {}))
    d['text'] = a['text']
    return json.dumps(d, ensure_ascii=False).encode('utf-8')

files = collections.OrderedDict()   # path -> list of (kind, bytes, article id or None)
for a in ARTS:
    f = a['file']
    if f.endswith('.txt'):
        assert a['text'].split('\n', 1)[0] == a['title'], a['id']
        assert os.path.basename(f)[:-4] == a['id'], a['id']
        files[f] = [('txt', a['text'].encode('utf-8') + b'\n', a['id'])]
    else:
        files.setdefault(f, []).append(('line', jline(a), a['id']))

# broken extras
tr = json.dumps(broken.TRUNCATED, ensure_ascii=False).encode('utf-8')
cut = tr.index(b'About 60 firefighters') + len(b'About 60 fire')
lines = files['broken/truncated.jsonl']
files['broken/truncated.jsonl'] = [lines[0], ('line', tr[:cut], None), lines[1]]
lines = files['broken/non_object.jsonl']
files['broken/non_object.jsonl'] = [lines[0], ('line', '["Meridian Press Agency", "2025-03-18", "rail strike ends"]'.encode(), None),
                                    ('line', b'42', None), lines[1]]
files['broken/empty.jsonl'] = []
files['broken/notes.csv'] = [('raw', b'id,note\nmpa-protests-0303,wire original of the protest story\nmpa-fire-selwyn-0306,first warehouse fire\n', None)]

LOC = {}   # id -> (file, line)
POS = {}   # notes on byte positions in broken files
for f, items in files.items():
    p = os.path.join(OUT, f)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    data = b''
    for n, (kind, b, aid) in enumerate(items, 1):
        if kind == 'line':
            for m, rep in BAD.items():
                if m.encode() in b:
                    POS.setdefault(f, []).append((n, b.index(m.encode()), rep))
                    b = b.replace(m.encode(), rep)
            if b'\\u0000' in b:
                POS.setdefault(f, []).append((n, b.index(b'\\u0000'), b'\\u0000'))
            line_start = len(data)
            data += b + b'\n'
        else:
            if b'\x00' in b:
                k = b.index(b'\x00'); POS.setdefault(f, []).append((1 + b[:k].count(b'\n'), k - (b.rfind(b'\n', 0, k) + 1), b'\x00'))
            data += b
        if aid: LOC[aid] = (f, n if kind == 'line' else 0)
    if f == 'broken/truncated.jsonl':
        POS.setdefault(f, []).append((2, len(tr[:cut]), b'EOL'))
    if f.endswith('.gz'):
        raw = p[:-3]
        open(raw, 'wb').write(data)
        subprocess.run(['gzip', '-n', '-9', '-f', raw], check=True)
    else:
        open(p, 'wb').write(data)

# checks: every figure and quote snippet occurs in its article
ids = {a['id'] for a in ARTS}
for fg in FIGS:
    assert fg['article'] in ids, fg
    assert fg['text'] in text_of(fg['article']) or fg['text'] in [a['title'] for a in ARTS if a['id']==fg['article']][0], ('figure text missing', fg['article'], fg['text'])
for q in QUOTES:
    for aid, t in q['variants']:
        assert t in text_of(aid), ('quote text missing', aid, t)
for a in ARTS: assert a['story'] in STORIES
for a in ARTS:
    if a['of']: assert a['of'] in ids, a['of']

with open(os.path.join(OUT, 'expected_stories.tsv'), 'w') as fh:
    fh.write('# article_id\tstory_label  (every readable article; the truncated line of broken/truncated.jsonl is not an article)\n')
    for a in ARTS: fh.write(f"{a['id']}\t{a['story']}\n")

import expected
expected.write(OUT, ARTS, FIGS, FIGSTATUS, QUOTES, STORIES, LOC, POS)
print('articles', len(ARTS), 'stories', len(STORIES), 'outlets', len({a['source'] for a in ARTS if a['source']}))
