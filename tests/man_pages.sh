#!/usr/bin/env bash
# Manual pages (issue 17): the pages scdoc built from man/*.scd render with
# `man -l` without a groff warning, and concord(1) has a section for every
# command that `concord --help` lists (a new command needs its section in
# man/concord.1.scd) and names every exit code.
set -euo pipefail
src=${CONCORD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${CONCORD_BUILD_DIR:-$src/build}
concord=${CONCORD:-$build/concord}
command -v man >/dev/null || { echo "man_pages: man (man-db) missing; scripts/deps.sh --test installs it; skipped"; exit 77; }
command -v scdoc >/dev/null || { echo "man_pages: scdoc missing; skipped"; exit 77; }
fail=0
pages=0
for scd in "$src"/man/*.scd; do
  page=$(basename "$scd" .scd)
  roff=$build/man/$page
  if [ ! -s "$roff" ]; then
    echo "man_pages: FAIL: $roff not built (cmake --build builds the target man)"
    fail=1; continue
  fi
  [ "$roff" -nt "$scd" ] || { echo "man_pages: FAIL: $roff older than $scd (rebuild)"; fail=1; }
  text=$(LC_ALL=C.UTF-8 MANWIDTH=80 MAN_KEEP_FORMATTING= man --warnings -l "$roff" 2> "$build/man/$page.warnings" | col -b)
  if [ -s "$build/man/$page.warnings" ]; then
    echo "man_pages: FAIL: man -l $page warns:"; sed 's/^/  /' "$build/man/$page.warnings"; fail=1
  fi
  name=${page%.*}
  case "$text" in
    *NAME*"$name - "*DESCRIPTION*) ;;
    *) echo "man_pages: FAIL: $page lacks NAME ($name - ...) or DESCRIPTION"; fail=1 ;;
  esac
  [ "$(printf '%s\n' "$text" | wc -l)" -gt 40 ] || { echo "man_pages: FAIL: $page renders to under 40 lines"; fail=1; }
  pages=$((pages + 1))
  if [ "$page" = concord.1 ]; then
    cmds=$("$concord" --help | sed -n '/^commands:/,/^$/p' | sed -nE 's/^  ([a-z][a-z-]*) .*/\1/p')
    [ -n "$cmds" ] || { echo "man_pages: FAIL: no commands in concord --help"; fail=1; }
    for c in $cmds; do
      if ! grep -q "^## $c\$" "$scd"; then
        echo "man_pages: FAIL: concord --help lists '$c' but man/concord.1.scd has no '## $c' section"; fail=1
      fi
    done
    for code in 0 1 2 3 4; do
      printf '%s\n' "$text" | sed -n '/^EXIT STATUS/,/^[A-Z]/p' | grep -qE "^ +$code\$" ||
        { echo "man_pages: FAIL: exit code $code not in EXIT STATUS"; fail=1; }
    done
    "$concord" --version | grep -qE '^concord [0-9]+\.[0-9]+\.[0-9]+$' ||
      { echo "man_pages: FAIL: concord --version does not print MAJOR.MINOR.PATCH"; fail=1; }
  fi
done
[ $pages -ge 2 ] || { echo "man_pages: FAIL: expected concord.1 and concord-output.5"; fail=1; }
[ $fail -eq 0 ] || exit 1
echo "man_pages: $pages pages render with man -l, no warnings; every command has its section"
