#!/usr/bin/env bash
# The ABI check (issues 10 and 17): libconcord.so exports exactly the names in
# abi/libconcord.symbols, every one of them starts with concord_, and every
# function a public header declares CONCORD_EXPORT is among them.
#
# After adding, removing or renaming a public function, regenerate the list
# (and commit it, so the ABI change is a visible diff):
#     cmake --build build && bash tests/abi_symbols.sh --update
# (CONCORD_BUILD_DIR picks another build folder; default ./build.)
# A function declared in include/concord/*.h without CONCORD_EXPORT is an
# error too (it would be hidden in libconcord.so); to add the macro to every
# such declaration (one line each, nothing else touched):
#     bash tests/abi_symbols.sh --fix-headers
set -euo pipefail
src=${CONCORD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${CONCORD_BUILD_DIR:-$src/build}
list=$src/abi/libconcord.symbols
lib=$build/libconcord.so

# A function declaration at the start of a line of a public header: a type,
# then concord_NAME( ; not a typedef, macro, static inline or struct member
# (those are indented).
decl_re='^(?!typedef\b|static\b|extern\b|#|CONCORD_EXPORT\b)[A-Za-z_][^;(]*?\bconcord_[A-Za-z0-9_]+\s*\('
if [ "${1:-}" = "--fix-headers" ]; then
  for h in "$src"/include/concord/*.h; do
    perl -i -pe "s/($decl_re)/CONCORD_EXPORT \$1/ unless m{^\s*(/\*|\*)}" "$h"
  done
  echo "abi_symbols: CONCORD_EXPORT added where it was missing; now rebuild and run --update"
  exit 0
fi
if [ ! -e "$lib" ]; then
  echo "abi_symbols: $lib not built (CONCORD_SHARED=OFF?); skipped"
  exit 77
fi
command -v nm >/dev/null || { echo "abi_symbols: nm (binutils) missing; skipped"; exit 77; }
# A coverage build links the profile runtime into the library (__gcov_dump,
# lprofDirMode, ...): its exported set is not the ABI; the plain build checks.
if nm -D --defined-only "$lib" | grep -cE ' (__gcov_dump|llvm_gcov_init|lprofDirMode)$' >/dev/null; then
  echo "abi_symbols: coverage build (profile runtime exported); skipped"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Defined dynamic symbols; the sanitizer instrumentation's own names are not
# part of the ABI (ASan builds add __odr_asan_* and the like).
nm -D --defined-only "$lib" | awk 'NF >= 3 {print $3}' | sed 's/@.*//' |
  grep -Ev '^(__odr_asan|__asan|__ubsan|__sancov|__sanitizer)' | LC_ALL=C sort -u > "$tmp/exported"

if [ "${1:-}" = "--update" ]; then
  {
    echo "# Functions exported by libconcord.so, one a line, sorted (LC_ALL=C)."
    echo "# Checked by tests/abi_symbols.sh; regenerate after a change of the public"
    echo "# API with:  cmake --build build && bash tests/abi_symbols.sh --update"
    echo "# Names from concord/experimental.h are exported too but not covered by the"
    echo "# semantic version (see include/concord/version.h)."
    cat "$tmp/exported"
  } > "$list"
  echo "abi_symbols: wrote $(wc -l < "$tmp/exported") names to $list"
  exit 0
fi

fail=0
if grep -v '^concord_' "$tmp/exported" > "$tmp/unprefixed"; then
  echo "abi_symbols: FAIL: exported names without the concord_ prefix:"
  sed 's/^/  /' "$tmp/unprefixed"
  fail=1
fi
if grep -q '^concord__' "$tmp/exported"; then
  echo "abi_symbols: FAIL: internal names (concord__*) exported:"
  grep '^concord__' "$tmp/exported" | sed 's/^/  /'
  fail=1
fi

if grep -nP "$decl_re" "$src"/include/concord/*.h > "$tmp/unmarked"; then
  echo "abi_symbols: FAIL: functions declared in public headers without CONCORD_EXPORT"
  echo "  (hidden in libconcord.so; fix with: bash tests/abi_symbols.sh --fix-headers):"
  sed "s|^$src/||; s/^/  /" "$tmp/unmarked"
  fail=1
fi

# Names the headers declare public: CONCORD_EXPORT ... name(
grep -h '^CONCORD_EXPORT ' "$src"/include/concord/*.h |
  sed -nE 's/^[^(]*[^A-Za-z0-9_](concord_[A-Za-z0-9_]+)[[:space:]]*\(.*/\1/p' | LC_ALL=C sort -u > "$tmp/declared"
if [ ! -s "$tmp/declared" ]; then
  echo "abi_symbols: FAIL: no CONCORD_EXPORT declarations found in $src/include/concord"
  fail=1
fi
if LC_ALL=C comm -23 "$tmp/declared" "$tmp/exported" | grep . > "$tmp/hidden"; then
  echo "abi_symbols: FAIL: declared CONCORD_EXPORT in include/concord/ but not exported"
  echo "  (not defined, or its .c file does not include the header that declares it):"
  sed 's/^/  /' "$tmp/hidden"
  fail=1
fi
if LC_ALL=C comm -13 "$tmp/declared" "$tmp/exported" | grep . > "$tmp/undeclared"; then
  echo "abi_symbols: FAIL: exported but declared in no public header:"
  sed 's/^/  /' "$tmp/undeclared"
  fail=1
fi

if [ ! -f "$list" ]; then
  echo "abi_symbols: FAIL: $list missing; create it with: bash tests/abi_symbols.sh --update"
  exit 1
fi
grep -v '^#' "$list" | LC_ALL=C sort -u > "$tmp/expected"
if ! diff -u "$tmp/expected" "$tmp/exported" > "$tmp/diff"; then
  echo "abi_symbols: FAIL: the exported set differs from abi/libconcord.symbols"
  echo "  (- listed but not exported, + exported but not listed):"
  tail -n +3 "$tmp/diff" | grep '^[-+]' | sed 's/^/  /'
  echo "  If the change is intended: cmake --build build && bash tests/abi_symbols.sh --update"
  fail=1
fi
if [ $fail -ne 0 ]; then exit 1; fi
echo "abi_symbols: $(wc -l < "$tmp/exported") exported names, all concord_, all declared, as listed"
