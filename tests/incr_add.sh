#!/usr/bin/env bash
# `concord add` links the quotes of the stories it changed through the quote
# index (src/pipeline/quote_links_incr.c) instead of reading every story of
# the store: its story documents must be byte-identical to those of the full
# pass over the store (CONCORD_TEST_FULL_QUOTE_LINKS=1), day after day, after
# the upgrade of a store without the index, and after an add killed before
# its commit.  Generated corpora (bench/gen_corpus) repeat quotes across
# stories, so there are links to keep.
set -u
CONCORD=${CONCORD:?set CONCORD to the concord binary}
build=${CONCORD_BUILD_DIR:?}
src=${CONCORD_SOURCE_DIR:?}
# Seeds: gva-dev when ../shared is there, else the project's own example
# wire reports (fictional; fewer incidents, so more repeated quotes).
seeds=$src/../shared/data/gva-dev/articles.jsonl
if [ ! -s "$seeds" ]; then
  seeds=$src/examples/corpus/wire.jsonl
  echo "note: ../shared absent: seeds from $seeds"
fi
if [ ! -x "$build/gen_corpus" ]; then
  echo "skip: $build/gen_corpus not built"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

"$build/gen_corpus" "$seeds" 2500 a.jsonl 21 2>/dev/null
"$build/gen_corpus" "$seeds" 800 b.jsonl 22 2>/dev/null
"$build/gen_corpus" "$seeds" 800 c.jsonl 23 2>/dev/null

"$CONCORD" analyze a.jsonl -o a --quiet --no-report
check "analyze exits 0" '[ $? -eq 0 ]'
for v in ref inc kill; do mkdir "$v" && cp a/concord.db "$v/"; done

day() { # DAY: the same add to the reference and the incremental store
  d=$1
  CONCORD_TEST_FULL_QUOTE_LINKS=1 "$CONCORD" add "$d.jsonl" --db ref/concord.db -o "ref/$d" \
    --quiet --no-report
  "$CONCORD" add "$d.jsonl" --db inc/concord.db -o "inc/$d" --quiet --no-report
  check "day $d: add exits 0" '[ $? -eq 0 ]'
  check "day $d: stories.jsonl as the full pass writes it" 'cmp -s "ref/$d/stories.jsonl" "inc/$d/stories.jsonl"'
}
day b
links=$(grep -o '"elsewhere":\[{' inc/b/stories.jsonl | wc -l)
check "there are cross-story quote links to keep ($links)" '[ "$links" -gt 50 ]'

# an add killed after its links were written, before the commit: the next
# add of the same batch completes and writes what the full pass writes
cp inc/concord.db kill/concord.db
CONCORD_TEST_KILL_AT=group "$CONCORD" add c.jsonl --db kill/concord.db --quiet 2>/dev/null
rc=$?
check "an add killed before its commit (exit $rc)" '[ $rc -eq 137 ]'
day c
"$CONCORD" add c.jsonl --db kill/concord.db -o kill/c --quiet --no-report
check "the add after the kill exits 0" '[ $? -eq 0 ]'
check "the add after the kill: stories as the full pass writes them" 'cmp -s ref/c/stories.jsonl kill/c/stories.jsonl'

if command -v sqlite3 >/dev/null; then
  n=$(sqlite3 inc/concord.db "select count(*) from quote_dirty")
  check "no story left to relink ($n)" '[ "$n" -eq 0 ]'
  # a store of a concord before the index: the first add builds it
  mkdir old && cp a/concord.db old/
  sqlite3 old/concord.db "drop trigger quote_dirty_ins; drop trigger quote_dirty_upd;
    drop trigger quote_dirty_del; drop table quote_shingle; drop table quote_story;
    drop table quote_partner; drop table quote_dirty; delete from state where key='quote-index'"
  "$CONCORD" add b.jsonl --db old/concord.db -o old/b --quiet --no-report
  check "an old store: the first add exits 0" '[ $? -eq 0 ]'
  check "an old store: the index is built" '[ "$(sqlite3 old/concord.db "select value from state where key=\"quote-index\"")" = 3 ]'
  "$CONCORD" add c.jsonl --db old/concord.db -o old/c --quiet --no-report
  check "an old store: the next add as the full pass" 'cmp -s ref/c/stories.jsonl old/c/stories.jsonl'
  # an index of version 2 (postings as story ids, schema 3): rebuilt once,
  # with postings as varint rowids, 2 to 3 bytes each
  mkdir old2 && cp a/concord.db old2/
  sqlite3 old2/concord.db "update state set value='2' where key='quote-index';
    update quote_shingle set posts=cast('s0123456789ab' as blob)||x'00'"
  "$CONCORD" add b.jsonl --db old2/concord.db -o old2/b --quiet --no-report
  check "an index of version 2: the first add exits 0" '[ $? -eq 0 ]'
  check "an index of version 2: rebuilt" '[ "$(sqlite3 old2/concord.db "select value from state where key=\"quote-index\"")" = 3 ]'
  check "an index of version 2: the add as the full pass" 'cmp -s ref/b/stories.jsonl old2/b/stories.jsonl'
  per=$(sqlite3 old2/concord.db "select sum(length(posts)) * 10 / (select sum(length(hs)) / 8 from quote_story) from quote_shingle")
  check "postings take under 4 bytes each (${per}/10)" '[ "$per" -lt 40 ]'
  "$CONCORD" add c.jsonl --db old2/concord.db -o old2/c --quiet --no-report
  check "an index of version 2: the next add as the full pass" 'cmp -s ref/c/stories.jsonl old2/c/stories.jsonl'
else
  echo "  skip: sqlite3 not installed: index and upgrade checks skipped"
fi
exit $fail
