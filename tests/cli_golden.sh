#!/usr/bin/env bash
# Golden-file CLI tests: each tests/cli/NAME.cmd is one shell command run
# from tests/cli with $CONCORD set; its stdout, stderr and exit code must equal
# NAME.stdout, NAME.stderr and NAME.rc.  UPDATE=1 rewrites the expected files.
set -u
here=$(cd "$(dirname "$0")/cli" && pwd)
CONCORD=${CONCORD:-$here/../../build/concord}
export CONCORD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TMPOUT=$tmp
pass=0 fail=0
for cmd in "$here"/*.cmd; do
  name=$(basename "$cmd" .cmd)
  (cd "$here" && bash "$cmd" >"$tmp/$name.stdout" 2>"$tmp/$name.stderr"; echo $? >"$tmp/$name.rc")
  # paths of the temporary folder vary between runs
  sed -i "s#$tmp#TMP#g" "$tmp/$name.stdout" "$tmp/$name.stderr"
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/$name.stdout" "$tmp/$name.stderr" "$tmp/$name.rc" "$here/"
  fi
  ok=1
  for part in stdout stderr rc; do
    if ! diff -u "$here/$name.$part" "$tmp/$name.$part" >"$tmp/diff" 2>&1; then
      ok=0
      echo "--- $name: $part differs"
      head -40 "$tmp/diff"
    fi
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
