#!/usr/bin/env bash
# The Python module (issue 17): python/tests/test_concord.py against the
# module built in build/python (over build/libconcord.so), with pytest when
# Debian's python3-pytest is installed, else with the file's own runner; then
# the notebook-style example examples/python/stories.py on the example corpus.
set -euo pipefail
src=${CONCORD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${CONCORD_BUILD_DIR:-$src/build}
if [ ! -f "$build/python/interpreter" ] || ! ls "$build"/python/concord/_concord*.so >/dev/null 2>&1; then
  echo "python_module: module not built (sanitizer or fuzz build, CONCORD_PYTHON=OFF, or no python3-dev); skipped"
  exit 77
fi
py=$(cat "$build/python/interpreter")
export PYTHONPATH=$build/python${PYTHONPATH:+:$PYTHONPATH}
export CONCORD_SOURCE_DIR=$src
export CONCORD=${CONCORD:-$build/concord}
export PYTHONDONTWRITEBYTECODE=1  # nothing written into the source tree
# the module must come from this build, not from an installed copy
"$py" -c "import concord, sys; sys.exit(0 if concord.__file__.startswith('$build/python/') else 1)" ||
  { echo "python_module: FAIL: import concord does not load $build/python/concord"; exit 1; }
# libconcord has the web reader (concord/html.h): the module must use it
if [ -f "$src/include/concord/html.h" ]; then
  "$py" -c "import concord, sys; sys.exit(0 if concord.HAVE_HTML else 1)" ||
    { echo "python_module: FAIL: concord/html.h is there but the module was built without its HTML route"; exit 1; }
fi
if "$py" -c "import pytest" 2>/dev/null; then
  "$py" -m pytest -q -p no:cacheprovider "$src/python/tests/test_concord.py"
else
  echo "python_module: pytest missing (scripts/deps.sh --test installs python3-pytest); plain runner"
  "$py" "$src/python/tests/test_concord.py"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" "$src/examples/python/stories.py" "$src/examples/corpus" "$tmp/out" > "$tmp/example.txt"
grep -q "stories" "$tmp/example.txt" || { echo "python_module: FAIL: examples/python/stories.py printed:"; cat "$tmp/example.txt"; exit 1; }
echo "python_module: tests and examples/python/stories.py pass"
