#!/usr/bin/env bash
# First README command: install what is missing, build, run the main job on
# the bundled example corpus, and say where the outputs are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2
rc=0
./build/concord analyze examples/corpus -o out/example || rc=$?
# exit code 3 only says that some broken input in the corpus was skipped,
# which the example corpus does on purpose.
if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
  echo "setup: concord analyze failed with exit code $rc" >&2
  exit "$rc"
fi
echo
echo "outputs:"
for f in out/example/articles.jsonl out/example/stories.jsonl out/example/report.html out/example/concord.db; do
  [ -e "$f" ] && echo "  $f"
done
