#!/usr/bin/env bash
# Byte-identical check for refactors: runs two concord binaries on the same
# inputs and compares every output file they write.
#   tests/tools/compare_builds.sh OLD_CONCORD NEW_CONCORD [INPUT...]
# Without INPUT it uses the example corpus, ../shared/seeds and
# ../shared/data/gva-dev when present.  Per input it compares analyze's
# articles.jsonl, stories.jsonl, report.html (the report's nonce and creation
# time are masked), clean's and dedup's stdout, and the story views
# (show, figures, quotes, lineage, with and without --json) of the first story,
# and the outlet network (`concord outlets`, with and without --json).
# Exit 0 when every output is identical, 1 otherwise.
set -uo pipefail
old=$1 new=$2; shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=("$src/examples/corpus")
  [ -d "$src/../shared/seeds" ] && inputs+=("$src/../shared/seeds")
  [ -f "$src/../shared/data/gva-dev/articles.jsonl" ] && inputs+=("$src/../shared/data/gva-dev/articles.jsonl")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mask() { sed -E 's/nonce-[A-Za-z0-9+\/=]+/nonce-X/g; s/nonce="[^"]*"/nonce="X"/g; s/generated [0-9T:Z -]+/generated X/g' "$1"; }
fail=0
run_one() { # bin, outdir, input
  local bin=$1 out=$2 in=$3
  mkdir -p "$out"
  "$bin" analyze "$in" -o "$out/a" >"$out/analyze.stdout" 2>"$out/analyze.stderr"; echo "rc $?" >>"$out/analyze.stdout"
  "$bin" clean "$in" >"$out/clean.stdout" 2>/dev/null
  "$bin" dedup "$in" >"$out/dedup.stdout" 2>/dev/null
  local story
  story=$("$bin" stories --db "$out/a/concord.db" 2>/dev/null | awk 'NR==1{print $1}')
  for v in show figures quotes lineage; do
    "$bin" "$v" "$story" --db "$out/a/concord.db" >"$out/$v.txt" 2>&1
    "$bin" "$v" "$story" --db "$out/a/concord.db" --json >"$out/$v.json" 2>&1
  done
  "$bin" stories --db "$out/a/concord.db" >"$out/stories.txt" 2>&1
  "$bin" outlets --db "$out/a/concord.db" >"$out/outlets.txt" 2>/dev/null
  "$bin" outlets --db "$out/a/concord.db" --json >"$out/outlets.json" 2>/dev/null
}
i=0
for in in "${inputs[@]}"; do
  i=$((i + 1))
  run_one "$old" "$work/old$i" "$in"
  run_one "$new" "$work/new$i" "$in"
  for f in a/articles.jsonl a/stories.jsonl analyze.stdout clean.stdout dedup.stdout stories.txt \
           show.txt show.json figures.txt figures.json quotes.txt quotes.json lineage.txt lineage.json \
           outlets.txt outlets.json; do
    if ! cmp -s "$work/old$i/$f" "$work/new$i/$f"; then
      echo "DIFFERS: $in: $f"; diff "$work/old$i/$f" "$work/new$i/$f" | head -5 | cut -c1-300; fail=1
    fi
  done
  if ! cmp -s <(mask "$work/old$i/a/report.html") <(mask "$work/new$i/a/report.html"); then
    echo "DIFFERS: $in: a/report.html"; fail=1
  fi
done
[ $fail -eq 0 ] && echo "compare_builds: identical on ${#inputs[@]} inputs"
exit $fail
