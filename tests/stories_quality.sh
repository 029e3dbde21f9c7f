#!/bin/bash
# stories_quality: the five seed reports form exactly one story, alone and
# mixed into gva-dev; prints the clustering scores on the real corpora (the
# figures go in doc/stories.md; no threshold is asserted on them here), and
# checks that the pair model's trainer runs on a trace of gva-dev and writes
# a model the grouper accepts.
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

# the trainer: trace -> model -> a grouper that loads it and still clusters
if command -v python3 >/dev/null; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    "$bin" --set model=0 --trace "$tmp/gva.tsv" --dump "$tmp/gva.dump" \
        "$data/gva-dev/articles.jsonl" >/dev/null || fail=1
    if python3 "$src/tools/train_group.py" --min-sim 0.03 --shift 0.5 --drop log_size,undated \
        -o "$tmp/model.txt" "$tmp/gva.tsv"; then
        grep -q '^bias' "$tmp/model.txt" || { echo "FAIL: trained model has no bias"; fail=1; }
        out=$("$bin" --model "$tmp/model.txt" "$data/gva-dev/articles.jsonl") || fail=1
        echo "trained on gva-dev, scored on gva-dev:"
        echo "$out" | grep bcubed
        f1=$(echo "$out" | sed -n 's/.*bcubed P [0-9.]* R [0-9.]* F1 \([0-9.]*\).*/\1/p' | head -1)
        awk -v f="$f1" 'BEGIN { exit !(f > 0.85) }' || { echo "FAIL: model from the trainer scores $f1"; fail=1; }
    else
        echo "FAIL: tools/train_group.py"; fail=1
    fi
    if [ -f "$data/gva-dev/incidents.jsonl" ]; then
        python3 "$src/tools/lookalike.py" gva "$tmp/gva.dump" "$data/gva-dev/incidents.jsonl" || fail=1
    fi
else
    echo "stories_quality: no python3: trainer not checked"
fi
exit $fail
