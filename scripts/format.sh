#!/usr/bin/env bash
# Formats concord's C sources with .clang-format, or checks them.
#   scripts/format.sh           rewrite every tracked .c/.h file in place
#   scripts/format.sh --check   list the files clang-format would change; exit 1 if any
# clang-format 14 (Debian 12's clang-format package): other major versions
# format some constructs differently, so the check skips (exit 77) there.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format: clang-format not installed; skipped"; exit 77; }
major=$(clang-format --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
if [ "$major" != 14 ]; then
  echo "format: clang-format $major, not 14 (the version the tree is formatted with); skipped"
  exit 77
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.c' '*.h')
else
  mapfile -t files < <(find src include cli tests bench fuzz tools examples python -name '*.[ch]' | sort)
fi
if [ "${1:-}" != "--check" ]; then
  clang-format -i "${files[@]}"
  echo "format: ${#files[@]} files formatted"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! clang-format "$f" | cmp -s - "$f"; then
    echo "format: $f differs from .clang-format (run bash scripts/format.sh)"
    bad=$((bad + 1))
  fi
done
[ "$bad" -eq 0 ] && echo "format: ${#files[@]} files as .clang-format says"
[ "$bad" -eq 0 ]
