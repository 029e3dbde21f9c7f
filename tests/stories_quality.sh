#!/bin/bash
# stories_quality: the five seed reports form exactly one story, alone and
# mixed into gva-dev; prints the clustering scores on the real corpora (the
# figures go in the README; no threshold is asserted on them here).
set -u
src=${CONCORD_SOURCE_DIR:?}
build=${CONCORD_BUILD_DIR:?}
data="$src/../shared/data"
seeds="$src/../shared/seeds"
bin="$build/eval_stories"
if [ ! -d "$seeds" ] || [ ! -f "$data/gva-dev/articles.jsonl" ]; then
    echo "stories_quality: $seeds or $data/gva-dev missing: skipped"
    exit 77
fi
if [ ! -x "$bin" ]; then
    echo "stories_quality: $bin not built"
    exit 1
fi
fail=0
out=$("$bin" --seeds "$seeds" -) || fail=1
echo "$out"
echo "$out" | grep -q "seeds: 5 reports, one story, alone" || { echo "FAIL: seeds alone"; fail=1; }
out=$("$bin" --seeds "$seeds" "$data/gva-dev/articles.jsonl") || fail=1
echo "$out"
echo "$out" | grep -q "seeds: 5 reports, one story, alone" || { echo "FAIL: seeds in gva-dev"; fail=1; }
if [ -f "$data/ecbplus-dev.jsonl" ]; then
    "$bin" --seeds "$seeds" "$data/ecbplus-dev.jsonl" | tee /dev/stderr |
        grep -q "seeds: 5 reports, one story, alone" || { echo "FAIL: seeds in ecbplus-dev"; fail=1; }
fi
exit $fail
