# Builder helpers for examples/corpus (authoring tool; the corpus files are the product).
import json, re
ARTS = []      # dicts: id, file, source, url, date, title, text, story, kind, of, junk, lang, fmt
FIGS = []      # dicts: story, measure, subject, article, text, value, low, high, qualifier, note
QUOTES = []    # dicts: story, key, speaker, canonical, variants: [(article, text)]
STORIES = {}   # label -> description
FIGSTATUS = [] # (story, measure, subject, status, why)

def story(label, desc):
    STORIES[label] = desc

def P(s):
    return s.strip('\n')

def derive(base, subs=(), drop=(), prepend=None, append=None):
    t = base
    for old, new in subs:
        n = t.count(old)
        assert n >= 1, ('substitution not found', old[:60])
        t = t.replace(old, new, 1)
    for d in drop:
        assert d in t, ('drop not found', d[:60])
        t = t.replace(d, '', 1)
    t = re.sub(r'\n{3,}', '\n\n', t)
    if prepend: t = prepend + t
    if append: t = t + append
    return t

def art(id, file, source, url, date, title, text, story, kind='original', of=None,
        junk=(), lang='en', notes=''):
    assert not any(a['id'] == id for a in ARTS), id
    ARTS.append(dict(id=id, file=file, source=source, url=url, date=date, title=title,
                     text=P(text), story=story, kind=kind, of=of, junk=list(junk),
                     lang=lang, notes=notes))
    return ARTS[-1]['text']

def text_of(id):
    for a in ARTS:
        if a['id'] == id: return a['text']
    raise KeyError(id)

def fig(story, measure, subject, article, text, value, qualifier='', low=None, high=None, note='', place=''):
    FIGS.append(dict(story=story, measure=measure, subject=subject, place=place, article=article,
                     text=text, value=value, qualifier=qualifier, low=low, high=high, note=note))

def figstatus(story, measure, subject, status, why, place=''):
    FIGSTATUS.append((story, measure, subject, place, status, why))

def quote(story, key, speaker, canonical, variants, note=''):
    QUOTES.append(dict(story=story, key=key, speaker=speaker, canonical=canonical,
                       variants=list(variants), note=note))
