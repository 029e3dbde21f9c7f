#!/usr/bin/env python3
"""Attribute the CPU samples of a perf profile to concord's source folders.

usage: tools/perf_folders.py PERF.DATA BINARY [TOP]

Runs `perf report` on PERF.DATA (recorded with `perf record -F 199 -o
PERF.DATA -- BINARY ...`) and `nm -l` on BINARY, then prints one table row
per source folder of BINARY's symbols (src/group, src/explain/reuse, ...)
and per other shared object (libc, SQLite, zstd, kernel), largest first,
with the TOP (default 3) largest symbols of each.  A static function name
defined in several files is split evenly between their folders.  Needs
perf and binutils; reads nothing else.
"""
import collections
import os
import re
import subprocess
import sys


def plain_symbol(sym):
    """a symbol without the suffixes of gcc's clones (S_f.isra.0 -> S_f)"""
    return re.sub(r"\.(isra|part|constprop|cold|lto_priv)\.?\d*.*$", "", sym)


def symbol_folders(binary):
    """symbol name -> list of source folders (relative to the tree)"""
    out = subprocess.run(["nm", "-l", "--defined-only", binary], capture_output=True,
                         text=True, check=True).stdout
    where = collections.defaultdict(set)
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) < 4 or parts[1].lower() not in ("t", "w"):
            continue
        name, loc = plain_symbol(parts[2]), parts[3]
        path = loc.rsplit(":", 1)[0]
        m = re.search(r"/((?:src|cli|bench|tools)/.*)$", path)
        folder = os.path.dirname(m.group(1)) if m else "build/gen"
        where[name].add(folder)
    return where


def samples(data):
    out = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", "dso,symbol",
                          "--stdio", "-F", "overhead,dso,sym"], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        m = re.match(r"\s*([0-9.]+)%\s+(\S+)\s+\[.\]\s+(\S+)", line)
        if m:
            yield float(m.group(1)), m.group(2), m.group(3)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    data, binary = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    where = symbol_folders(binary)
    base = os.path.basename(binary)
    share = collections.Counter()
    syms = collections.defaultdict(collections.Counter)
    for pct, dso, sym in samples(data):
        sym = plain_symbol(sym)
        if dso == base:
            folders = sorted(where.get(sym, {"(unknown symbol)"}))
        else:
            folders = [re.sub(r"\.so[.0-9]*$", "", dso)]
        for f in folders:
            share[f] += pct / len(folders)
            syms[f][sym] += pct / len(folders)
    print("| where | share of CPU samples | largest symbols |")
    print("|---|---|---|")
    for f, pct in share.most_common():
        if pct < 0.1:
            continue
        big = ", ".join("%s %.1f%%" % (s, p) for s, p in syms[f].most_common(top))
        print("| %s | %.1f%% | %s |" % (f, pct, big))


if __name__ == "__main__":
    main()
