"""concord: group scraped news into stories and explain them, from Python.

A thin binding of libconcord (the C library of the concord program).  The
main calls:

    import concord
    art = concord.clean(text, url="https://example.com/a")   # dict: text, byline, removed...
    concord.figures(art["text"])     # counts reported (killed, injured, money...)
    concord.quotes(art["text"])      # direct quotes and their speakers
    stats = concord.analyze(["news/"], out="out")            # the whole pipeline
    concord.stories([{"id": "a1", "title": ..., "text": ...}, ...])  # articles -> stories
    with concord.Store("out/concord.db") as store:
        for story in store:                                  # dicts, as in stories.jsonl
            print(story["title"], len(story["articles"]))

Offsets (start, end) are byte offsets into the UTF-8 text, as in the JSON Lines
outputs (concord-output(5)): ``text.encode()[start:end].decode()`` is the span.
Errors raise ConcordError with the library's message.
"""

import json as _json
import os as _os

from . import _concord
from ._concord import ConcordError

HAVE_HTML = bool(_concord.HAVE_HTML)

__all__ = ["HAVE_HTML", "ConcordError", "Store", "analyze", "clean", "figures", "quotes", "stories",
           "version"]


def version():
    """The version of the libconcord in use, 'MAJOR.MINOR.PATCH'."""
    return _concord.version()


def clean(text, url=None, title=None, id=None, source=None, date=None, html=None):
    """Cleans one article (page junk removed, metadata found): plain text, or
    a web page when this libconcord has the HTML reader (concord.HAVE_HTML):
    html=None decides by the first non-blank character ('<'), True/False
    force it; the page's main text and metadata are extracted first, then
    cleaned.  A page may be str or bytes in any charset (bytes are best: the
    page's own charset declaration is honoured).

    Returns the articles.jsonl record as a dict: id, source, url, date, title,
    byline, dateline, outlet, text (cleaned) and removed (ranges of the raw
    text, byte offsets, each with why).  id and source are derived as the
    reader does when not given (content hash; the url's host).  date is
    normalised to YYYY-MM-DD when it can be, else dropped.  text may be str
    or UTF-8 bytes.
    """
    return _concord.clean(text, url, title, id, source, date, html)


def figures(text, title=None):
    """The figures of one text, as the "figures" field of a one-report story:
    a list of dicts (measure, subject, place, status, estimate, reports with
    value, low, high, qualifier, attribution, text, start, end)."""
    return _json.loads(_concord.figures_json(text, title))


def quotes(text, title=None):
    """The direct quotes of one text, as the "quotes" field of a one-report
    story: a list of dicts (speaker, text, kind, mentions with start, end,
    speaker_text...)."""
    return _json.loads(_concord.quotes_json(text, title))


_FIELDS = ("id", "source", "url", "date", "title", "text")


def _write_articles(articles, folder):
    """Writes article dicts (id, source, url, date, title, text; other keys
    are ignored) as JSON Lines into folder; returns the file's path.  Line k
    holds articles[k - 1], so messages name the list position."""
    path = _os.path.join(folder, "articles.input.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            rec = {k: a[k] for k in _FIELDS if a.get(k) is not None}
            f.write(_json.dumps(rec, ensure_ascii=False, default=str))
            f.write("\n")
    return path


def _inputs(inputs, tmp):
    """Paths as they are; article dicts (in a list of their own or mixed
    with paths) through one JSON Lines file in tmp (a folder path or a
    callable that makes one)."""
    if isinstance(inputs, (str, bytes, _os.PathLike, dict)):
        inputs = [inputs]
    paths, articles = [], []
    for x in inputs:
        if isinstance(x, dict):
            articles.append(x)
        else:
            paths.append(_os.fspath(x))
    if articles:
        paths.append(_write_articles(articles, tmp() if callable(tmp) else tmp))
    return paths


def analyze(paths, out=None, db=None, threads=0, report=True, add=False):
    """Runs the whole pipeline, as `concord analyze` (or `concord add` with
    add=True) does, on files and folders (.txt, .jsonl, .jsonl.gz) and/or
    article dicts (id, source, url, date, title, text), which are written to
    OUT/articles.input.jsonl (or beside db) first.

    out: folder for articles.jsonl, stories.jsonl, report.html (and
    concord.db unless db is given).  db: the store file.  One of them is
    needed.  Returns a dict of counts (articles, stories, new_articles...,
    skipped_inputs) with "messages": the input problems reported
    ("FILE:LINE:POS: message"; the first 1,000).  Raises ConcordError when
    the store or outputs cannot be written.
    """
    if out is None and db is None:
        raise ValueError("analyze: give out= (a folder) or db= (a store file)")

    def folder():
        d = _os.fspath(out) if out is not None else _os.path.dirname(_os.path.abspath(_os.fspath(db)))
        _os.makedirs(d, exist_ok=True)
        return d

    return _concord.analyze(_inputs(paths, folder), out=None if out is None else _os.fspath(out),
                            db=None if db is None else _os.fspath(db),
                            threads=threads, report=report, add=add)


def stories(articles, threads=0):
    """Groups a list of articles (dicts with id, source, url, date, title,
    text; or paths) into stories and returns them as dicts, as stories.jsonl
    holds them (plus n_articles, n_sources, has_conflict), without keeping
    any file: the run goes through a temporary folder.  Input problems are
    in concord.last_messages.  For a corpus too large to hold in memory, use
    analyze() and Store."""
    import shutil
    import tempfile
    global last_messages
    tmp = tempfile.mkdtemp(prefix="concord-")
    try:
        st = _concord.analyze(_inputs(articles, tmp), out=None, db=_os.path.join(tmp, "concord.db"),
                              threads=threads, report=False, add=False)
        last_messages = st["messages"]
        with Store(_os.path.join(tmp, "concord.db")) as store:
            return store.stories()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


last_messages = []


class Store:
    """A concord store (concord.db) opened for reading.

    Iterating yields stories as dicts (the stories.jsonl objects, plus
    n_sources and has_conflict), by date of first report.  store[id] is the
    story with that id, or the story holding the article with that id
    (KeyError when neither exists).  store.article(id) is one article's
    record.  One thread at a time; close() or a with block releases the file.
    """

    def __init__(self, path):
        self.path = _os.fspath(path)
        self._h = _concord.store_open(self.path)

    def close(self):
        if self._h is not None:
            _concord.store_close(self._h)
            self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if self._h is None:
            raise ConcordError("store %s is closed" % self.path)
        return self._h

    def __len__(self):
        return _concord.store_count(self._handle())[0]

    def n_articles(self):
        """Articles in the store (current versions)."""
        return _concord.store_count(self._handle())[1]

    @staticmethod
    def _story(row):
        story, title, first, last, n_articles, n_sources, has_conflict, doc = row
        d = _json.loads(doc)
        d.setdefault("story", story)
        d.setdefault("title", title)
        d.setdefault("first", first)
        d.setdefault("last", last)
        d["n_articles"] = n_articles
        d["n_sources"] = n_sources
        d["has_conflict"] = bool(has_conflict)
        return d

    def stories(self):
        """Every story, as a list of dicts."""
        return [self._story(r) for r in _concord.store_stories(self._handle())]

    def __iter__(self):
        return iter(self.stories())

    def __getitem__(self, story_or_article_id):
        doc = _concord.store_story(self._handle(), story_or_article_id)
        if doc is None:
            raise KeyError(story_or_article_id)
        return _json.loads(doc)

    def get(self, story_or_article_id, default=None):
        try:
            return self[story_or_article_id]
        except KeyError:
            return default

    def article(self, article_id):
        """The current version of an article (articles.jsonl record) or None."""
        return _concord.store_article(self._handle(), article_id)

    def __repr__(self):
        state = "closed" if self._h is None else "open"
        return "<concord.Store %r (%s)>" % (self.path, state)
