"""Speed of concord.clean from Python, to set next to the C bench
(build/bench_clean, which times concord_clean_article alone):

    PYTHONPATH=build/python python3 bench/bench_clean.py [FILE.jsonl] [--repeat N]

FILE defaults to ../shared/data/gva-dev/articles.jsonl.  Articles are parsed
first; each pass calls concord.clean(text, url, title, id, source, date) on
every article, so the binding's whole cost is timed (argument conversion, the
article built in C, the result dict).  Prints MB/s of text over the best pass
by wall clock (as bench_clean does) and by process CPU time."""
import json
import os
import sys
import time

import concord


def main():
    args = sys.argv[1:]
    repeat = 5
    if "--repeat" in args:
        k = args.index("--repeat")
        repeat = int(args[k + 1])
        del args[k:k + 2]
    src = os.environ.get("CONCORD_SOURCE_DIR", ".")
    path = args[0] if args else os.path.join(src, "..", "shared", "data", "gva-dev", "articles.jsonl")
    arts = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                j = json.loads(line)
            except ValueError:
                continue
            if isinstance(j, dict):
                arts.append((j.get("text") or "", j.get("url"), j.get("title"), j.get("id"),
                             j.get("source"), j.get("date")))
    nbytes = sum(len(a[0].encode()) for a in arts)
    best_wall = best_cpu = 1e30
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        for text, url, title, id_, source, date in arts:
            concord.clean(text, url, title, id_, source,
                          date if isinstance(date, str) else None)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print("python concord.clean: %.1f MB/s wall, %.1f MB/s CPU, %.0f articles/s wall "
          "(%d articles, %.1f MB, best of %d)"
          % (nbytes / 1e6 / best_wall, nbytes / 1e6 / best_cpu, len(arts) / best_wall,
             len(arts), nbytes / 1e6, repeat))


if __name__ == "__main__":
    main()
