"""Tests of the Python module concord (run by tests/python_module.sh, with
pytest when it is installed, else by the runner at the bottom of this file).

CONCORD_SOURCE_DIR names the source tree (for examples/corpus and
include/concord/version.h); PYTHONPATH must find the built module."""

import os
import re
import shutil
import tempfile
import threading

import concord

SRC = os.environ.get("CONCORD_SOURCE_DIR",
                     os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

REPORT = ("Police said at least 12 people were killed and 30 injured in the blast on Monday.\n\n"
          "\"We are doing everything we can to help the families,\" the mayor said.\n\n"
          "Sign up for our newsletter\n")


def _header_version():
    with open(os.path.join(SRC, "include", "concord", "version.h")) as f:
        parts = dict(re.findall(r"^#define CONCORD_VERSION_(MAJOR|MINOR|PATCH) (\d+)$", f.read(), re.M))
    return "%s.%s.%s" % (parts["MAJOR"], parts["MINOR"], parts["PATCH"])


def test_version():
    assert concord.version() == _header_version()
    assert concord._concord.HEADER_VERSION == concord.version()


def test_clean_removes_junk_and_keeps_offsets():
    raw = REPORT
    a = concord.clean(raw, url="https://www.example.com/news/1", title="Blast", date="January 12th, 2022")
    assert a["source"] == "example.com"
    assert a["date"] == "2022-01-12"
    assert a["id"].startswith("h")
    assert "newsletter" not in a["text"]
    assert "at least 12 people were killed" in a["text"]
    assert any(r["why"] == "newsletter" for r in a["removed"])
    # the cleaned text is the raw text with the removed byte ranges cut out
    b = raw.encode()
    kept, pos = b"", 0
    for r in a["removed"]:
        kept += b[pos:r["start"]]
        pos = r["end"]
    kept += b[pos:]
    assert kept.decode() == a["text"]
    # bytes in, same result; given id and source are kept
    assert concord.clean(raw.encode(), url="https://www.example.com/news/1", title="Blast",
                         date="2022-01-12") == a
    assert concord.clean("x", id="a-1", source="Wire")["id"] == "a-1"
    assert concord.clean("x", id="a-1", source="Wire")["source"] == "Wire"


def test_clean_matches_the_program():
    """concord.clean gives the record `concord clean` prints for the same
    article (derived id and source included)."""
    import json
    import subprocess
    exe = os.environ.get("CONCORD")
    if not exe or not os.path.exists(exe):
        return  # the program is not at hand (run outside ctest)
    cases = [{"text": REPORT, "url": "https://www.example.com/news/1", "title": "Blast"},
             {"text": "", "url": "https://example.org/empty", "title": "Nothing"},
             {"id": "x-1", "source": "Wire", "text": "Zürich – 5 Menschen starben.", "date": "2022-01-12"}]
    lines = "".join(json.dumps(c) + "\n" for c in cases)
    out = subprocess.run([exe, "clean", "-"], input=lines.encode(), capture_output=True, check=False)
    got = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(got) == len(cases), out.stderr
    for c, want in zip(cases, got):
        mine = concord.clean(c["text"], url=c.get("url"), title=c.get("title"), id=c.get("id"),
                             source=c.get("source"), date=c.get("date"))
        for k in ("id", "source", "url", "date", "title", "byline", "dateline", "outlet", "text", "removed"):
            assert mine[k] == want[k], (k, mine[k], want[k])


PAGE = (b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        b"<title>Blast kills 12 | Example News</title></head><body>"
        b"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        b"<article><h1>Blast kills 12</h1>"
        b"<p>Police said at least 12 people were killed and 30 injured in the blast on Monday, "
        b"and rescue teams were still searching the ruins late into the night.</p>"
        b"<p>\"We are doing everything we can to help the families,\" the mayor said "
        b"at a press conference outside the town hall.</p></article>"
        b"<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>")


def test_clean_html_page():
    if not concord.HAVE_HTML:
        try:
            concord.clean(PAGE, html=True)
        except concord.ConcordError as e:
            assert "HTML" in str(e)
        else:
            raise AssertionError("html=True without the HTML reader did not raise")
        return
    a = concord.clean(PAGE, url="https://www.example.com/blast")
    assert "at least 12 people were killed" in a["text"]
    assert "Home" not in a["text"] and "All rights reserved" not in a["text"]
    assert a["source"] and a["url"] == "https://www.example.com/blast"
    assert concord.figures(a["text"])[0]["estimate"] == 12
    # forced off: the markup is taken as text
    assert "<article>" in concord.clean(PAGE, html=False)["text"]


def test_clean_non_ascii_and_bad_types():
    a = concord.clean("Zürich: 5 Menschen starben. – Ünïcödé ✓")
    assert "Zürich" in a["text"]
    for bad in (123, None, ["x"]):
        try:
            concord.clean(bad)
        except TypeError:
            pass
        else:
            raise AssertionError("clean(%r) did not raise TypeError" % (bad,))


def test_figures():
    figs = concord.figures(REPORT)
    killed = [f for f in figs if f["measure"] == "killed"]
    assert killed and killed[0]["estimate"] == 12 and killed[0]["subject"] == "people"
    rep = killed[0]["reports"][0]
    assert rep["qualifier"] == "at least"
    assert REPORT.encode()[rep["start"]:rep["end"]].decode() == rep["text"]
    assert any(f["measure"] == "injured" and f["estimate"] == 30 for f in figs)
    assert concord.figures("") == []
    assert concord.figures("No numbers here at all.") == []


def test_quotes():
    qs = concord.quotes(REPORT)
    assert len(qs) == 1
    m = qs[0]["mentions"][0]
    assert "doing everything we can" in qs[0]["text"]
    assert REPORT.encode()[m["start"]:m["end"]].decode() == m["text"]
    assert m["speaker_text"] == "the mayor"
    assert concord.quotes("") == []


def test_analyze_and_store():
    corpus = os.path.join(SRC, "examples", "corpus")
    tmp = tempfile.mkdtemp(prefix="concord-py-")
    try:
        out = os.path.join(tmp, "out")
        st = concord.analyze([corpus], out=out)
        assert st["articles"] > 10 and st["stories"] > 1
        # the example corpus holds broken files on purpose: reported, not fatal
        assert st["skipped_inputs"] + st["input_problems"] > 0
        assert st["messages"] and all(":" in m for m in st["messages"])
        for f in ("articles.jsonl", "stories.jsonl", "report.html", "concord.db"):
            assert os.path.getsize(os.path.join(out, f)) > 0
        with concord.Store(os.path.join(out, "concord.db")) as store:
            stories = list(store)
            assert len(store) == len(stories) == st["stories"]
            assert store.n_articles() > 10
            first = stories[0]
            assert {"story", "title", "articles", "figures", "quotes", "reuse", "digest"} <= set(first)
            assert store[first["story"]]["story"] == first["story"]
            member = first["articles"][0]["id"]
            assert store[member]["story"] == first["story"]       # by article id
            art = store.article(member)
            assert art["id"] == member and art["text"]
            assert store.article("no-such-article") is None
            assert store.get("no-such-story") is None
            try:
                store["no-such-story"]
            except KeyError:
                pass
            else:
                raise AssertionError("missing story did not raise KeyError")
            # the same stories as stories.jsonl
            import json
            with open(os.path.join(out, "stories.jsonl")) as f:
                ids = sorted(json.loads(line)["story"] for line in f)
            assert sorted(s["story"] for s in stories) == ids
        try:
            len(store)
        except concord.ConcordError:
            pass
        else:
            raise AssertionError("a closed store did not raise")
        # add: the same input again changes nothing
        st2 = concord.analyze([corpus], db=os.path.join(out, "concord.db"), add=True)
        assert st2["new_articles"] == 0 and st2["stories"] == st["stories"]
    finally:
        shutil.rmtree(tmp)


def test_stories_from_a_list_of_articles():
    """concord.stories(list of dicts) groups as analyze does on the same
    articles read from a file, and leaves no file behind."""
    import json
    path = os.path.join(SRC, "examples", "corpus", "wire.jsonl")
    with open(path, encoding="utf-8") as f:
        arts = [json.loads(line) for line in f if line.strip()]
    got = concord.stories(arts)
    assert got and all("articles" in s for s in got)
    groups = sorted(sorted(a["id"] for a in s["articles"]) for s in got)
    assert sum(len(g) for g in groups) == len({a["id"] for a in arts})
    tmp = tempfile.mkdtemp(prefix="concord-py-")
    try:
        concord.analyze([path], db=os.path.join(tmp, "c.db"))
        with concord.Store(os.path.join(tmp, "c.db")) as store:
            want = sorted(sorted(a["id"] for a in s["articles"]) for s in store)
        assert groups == want
        # dicts into analyze: written beside the store, positions in messages
        st = concord.analyze([{"id": "z-1", "title": "T", "text": "Five people were killed."}],
                             out=os.path.join(tmp, "out"))
        assert st["articles"] == 1
        assert os.path.exists(os.path.join(tmp, "out", "articles.input.jsonl"))
    finally:
        shutil.rmtree(tmp)


def test_errors_raise_with_the_message():
    try:
        concord.Store("/nonexistent/dir/concord.db")
    except concord.ConcordError as e:
        assert "/nonexistent/dir/concord.db" in str(e)
    else:
        raise AssertionError("opening a missing store did not raise")
    tmp = tempfile.mkdtemp(prefix="concord-py-")
    try:
        notdb = os.path.join(tmp, "not.db")
        with open(notdb, "w") as f:
            f.write("this is not a database\n" * 100)
        try:
            concord.Store(notdb)
        except concord.ConcordError as e:
            assert "not.db" in str(e)
        else:
            raise AssertionError("opening a text file as a store did not raise")
        blocker = os.path.join(tmp, "file")
        open(blocker, "w").close()
        try:
            concord.analyze([os.path.join(SRC, "examples", "corpus", "wire.jsonl")],
                            out=os.path.join(blocker, "out"))
        except concord.ConcordError as e:
            assert str(e)
        else:
            raise AssertionError("analyze into an unwritable folder did not raise")
        try:
            concord.analyze(["x"])
        except ValueError:
            pass
        else:
            raise AssertionError("analyze without out or db did not raise")
    finally:
        shutil.rmtree(tmp)


def _rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def test_no_leak_over_100000_calls():
    """Resident memory stays flat over 100,000 calls: 10 rounds of 4,000
    clean, 3,000 figures and 3,000 quotes; from the end of round 2 to the end
    of round 10 (80,000 calls) it may not grow by 1 MiB: a leak of a single
    small allocation a call would add 2.5 MiB or more."""
    text = REPORT * 3
    marks = []
    for rnd in range(10):
        for i in range(4000):
            concord.clean(text, url="https://example.com/%d" % i)
        for _ in range(3000):
            concord.figures(text)
        for _ in range(3000):
            concord.quotes(text)
        marks.append(_rss_kib())
    grown = marks[-1] - marks[1]
    print("rss after each round of 10,000 calls (KiB): %s" % marks)
    assert grown < 1024, "resident memory grew by %d KiB over 80,000 calls" % grown


def test_clean_from_threads():
    texts = [REPORT.replace("12", str(n)) for n in range(50)]
    want = [concord.clean(t) for t in texts]
    got = [None] * len(texts)

    def work(k):
        for i in range(k, len(texts), 4):
            got[i] = concord.clean(texts[i])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == want


if __name__ == "__main__":
    # No pytest: run every test_ function, report like pytest -q would.
    import sys
    import traceback
    names = sorted(n for n in dict(globals()) if n.startswith("test_"))
    failed = 0
    for n in names:
        try:
            globals()[n]()
            print("ok   %s" % n)
        except Exception:
            failed += 1
            print("FAIL %s" % n)
            traceback.print_exc()
    print("%d passed, %d failed" % (len(names) - failed, failed))
    sys.exit(1 if failed else 0)
