#!/usr/bin/env bash
# `concord add`: tomorrow's news joins yesterday's stories with stable ids;
# adding the same input twice changes nothing; changed content becomes a new
# version and is reported.
set -u
CONCORD=${CONCORD:?set CONCORD to the concord binary}
src=${CONCORD_SOURCE_DIR:?}
corpus=$src/examples/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

"$CONCORD" add "$corpus/wire.jsonl" --db "$tmp/s.db" -o "$tmp/day1" --quiet --no-report
check "day 1 exit code 0" '[ $? -eq 0 ]'
"$CONCORD" stories --db "$tmp/s.db" --json > "$tmp/day1.stories"
n1=$(wc -l < "$tmp/day1.stories")
check "day 1 has stories" '[ "$n1" -gt 0 ]'

"$CONCORD" add "$corpus/outlets" --db "$tmp/s.db" -o "$tmp/day2" --quiet --no-report
"$CONCORD" stories --db "$tmp/s.db" --json > "$tmp/day2.stories"
# every story id of day 1 still exists (merges keep the older id)
missing=0
while read -r id; do
  grep -q "\"story\":\"$id\"" "$tmp/day2.stories" || missing=$((missing + 1))
done < <(sed 's/.*"story":"\([^"]*\)".*/\1/' "$tmp/day1.stories")
check "day 1 story ids stable after day 2 ($missing missing)" '[ $missing -eq 0 ]'
# some day-1 story grew: its report count went up
grew=0
while read -r line; do
  id=$(sed 's/.*"story":"\([^"]*\)".*/\1/' <<<"$line")
  r1=$(sed 's/.*"reports":\([0-9]*\).*/\1/' <<<"$line")
  r2=$(grep "\"story\":\"$id\"" "$tmp/day2.stories" | sed 's/.*"reports":\([0-9]*\).*/\1/')
  [ -n "$r2" ] && [ "$r2" -gt "$r1" ] && grew=$((grew + 1))
done < "$tmp/day1.stories"
check "outlet reports joined $grew wire stories" '[ $grew -gt 0 ]'
check "articles.jsonl holds both days" '[ $(wc -l < "$tmp/day2/articles.jsonl") -gt $(wc -l < "$tmp/day1/articles.jsonl") ]'

# the same input again: nothing new, stories unchanged
"$CONCORD" add "$corpus/outlets" --db "$tmp/s.db" --quiet --no-report
"$CONCORD" stories --db "$tmp/s.db" --json > "$tmp/again.stories"
check "re-adding the same input changes no story" 'cmp -s "$tmp/day2.stories" "$tmp/again.stories"'
msg=$("$CONCORD" add "$corpus/wire.jsonl" --db "$tmp/s.db" --no-report 2>&1 >/dev/null)
check "re-add reports 0 new" 'grep -q "(0 new," <<<"$msg"'

# one known id with changed content: a new version, reported
head -1 "$corpus/wire.jsonl" | sed 's/"text": *"/"text": "Correction: /' > "$tmp/changed.jsonl"
msg=$("$CONCORD" add "$tmp/changed.jsonl" --db "$tmp/s.db" --no-report 2>&1 >/dev/null)
check "changed content reported as a new version" 'grep -q "kept as a new version" <<<"$msg"'
check "changed content counted" 'grep -q "1 changed" <<<"$msg"'
exit $fail
