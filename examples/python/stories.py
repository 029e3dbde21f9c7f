"""concord from a notebook: analyze a folder, then look at its stories.

    python3 examples/python/stories.py [INPUT [OUTDIR]]

INPUT defaults to examples/corpus, OUTDIR to a temporary folder.  Cell by
cell in Jupyter, the same lines work; with pandas installed the stories and
their figures become DataFrames, without it plain lists are printed.
"""
import os
import sys
import tempfile

import concord

# %% 1. analyze: read, clean, group, explain; the store and JSON Lines land in out
here = os.path.dirname(os.path.abspath(__file__))
inp = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "corpus")
out = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="concord-")
stats = concord.analyze([inp], out=out)
print("concord %s: %d articles in %d stories; %d input problems"
      % (concord.version(), stats["articles"], stats["stories"], len(stats["messages"])))

# %% 2. the stories, from the store
with concord.Store(os.path.join(out, "concord.db")) as store:
    stories = list(store)

rows = [{"story": s["story"], "title": s["title"], "first": s["first"], "last": s["last"],
         "articles": s["n_articles"], "outlets": s["n_sources"], "conflict": s["has_conflict"],
         "quotes": len(s["quotes"]), "figures": len(s["figures"])} for s in stories]
figs = [{"story": s["story"], "measure": f["measure"], "subject": f["subject"],
         "status": f["status"], "estimate": f.get("estimate"), "reports": len(f["reports"])}
        for s in stories for f in s["figures"]]

# %% 3. as DataFrames when pandas is there
try:
    import pandas as pd
except ImportError:
    pd = None
if pd is not None:
    df = pd.DataFrame(rows).sort_values(["articles", "first"], ascending=[False, True])
    print(df.head(10).to_string(index=False))
    fig_df = pd.DataFrame(figs)
    if len(fig_df):
        print(fig_df.groupby(["measure", "status"]).size().to_string())
else:
    print("(pandas not installed: plain rows)")
    for r in sorted(rows, key=lambda r: (-r["articles"], r["first"]))[:10]:
        print("%(first)s  %(articles)3d articles %(outlets)2d outlets  %(title).60s" % r)
    print("%d figures in %d stories; %d in conflict"
          % (len(figs), len(rows), sum(1 for f in figs if f["status"] == "conflict")))

# %% 4. one text, no store: clean it, then its figures and quotes
text = ("Officials said at least 40 people were killed and more than 100 injured.\n\n"
        "\"This is a dark day,\" the governor said.\n\nShare this article\n")
art = concord.clean(text, url="https://news.example.org/a")
print(art["text"])
print([(f["measure"], f["estimate"]) for f in concord.figures(art["text"])])
print([(q["speaker"], q["text"]) for q in concord.quotes(art["text"])])
