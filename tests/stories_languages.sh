#!/bin/bash
# stories_languages: on the example corpus (examples/corpus, written for
# concord), every report not in English shares its story with at least one
# English report of its event (expected_stories.tsv) and with no English
# report of another event; prints the corpus's B-cubed.  A report's
# language is the `lang` field of its input line (English when absent).
set -u
src=${CONCORD_SOURCE_DIR:?}
bin=${CONCORD:?}
corpus="$src/examples/corpus"
if ! command -v python3 >/dev/null; then
    echo "stories_languages: no python3: skipped"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" analyze "$corpus" -o "$tmp/out" --quiet --no-report 2>/dev/null
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then # 3: the corpus's broken files were skipped
    echo "FAIL: concord analyze exited $rc"
    exit 1
fi
grep -v '^#' "$corpus/expected_stories.tsv" |
    awk -F'\t' 'NF==2{printf "{\"id\":\"%s\",\"story\":\"%s\"}\n",$1,$2}' >"$tmp/gold.jsonl"
"$bin" eval --key story "$tmp/gold.jsonl" "$tmp/out/stories.jsonl" | grep bcubed
python3 - "$corpus/expected_stories.tsv" "$corpus" "$tmp/out/stories.jsonl" <<'PY'
import glob, gzip, json, os, sys
gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    p = line.rstrip("\n").split("\t")
    if not line.startswith("#") and len(p) == 2:
        gold[p[0]] = p[1]
lang = {i: "en" for i in gold}
inputs = glob.glob(os.path.join(sys.argv[2], "*.jsonl")) + glob.glob(os.path.join(sys.argv[2], "outlets", "*.jsonl*"))
for path in inputs:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                a = json.loads(line)
            except ValueError:
                continue
            if isinstance(a, dict) and a.get("id") in gold and a.get("lang"):
                lang[a["id"]] = a["lang"]
story = {}
for line in open(sys.argv[3], encoding="utf-8"):
    s = json.loads(line)
    for a in s["articles"]:
        story[a["id"]] = s["story"]
fail = 0
foreign = [i for i in lang if lang[i] != "en" and i in gold]
for i in sorted(foreign):
    english = [j for j in story if lang.get(j) == "en" and story[j] == story.get(i)]
    same = [j for j in english if gold.get(j) == gold[i]]
    other = [j for j in english if gold.get(j) != gold[i]]
    ok = bool(same) and not other
    print("%s %s (%s): %d English reports of its event with it, %d of others"
          % ("ok  " if ok else "FAIL", i, lang[i], len(same), len(other)))
    fail |= not ok
if not foreign:
    print("FAIL: no report in another language found")
    fail = 1
sys.exit(fail)
PY
