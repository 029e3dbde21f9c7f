#!/usr/bin/env bash
# The store's outlet network table (concord/search.h): after each `concord
# add` of the example corpus (stories written, re-explained, merged away), the
# network read from the table (`concord outlets`) equals the network counted
# from every story document (the same command on a copy of the store without
# the table); no row outlives its story; a store without the table (what an
# older concord wrote) is read from its documents with a note, and the next
# `concord add` builds the table.  Skips (77) without python3's sqlite3.
set -u
CONCORD=${CONCORD:?set CONCORD to the concord binary}
src=${CONCORD_SOURCE_DIR:?}
corpus=$src/examples/corpus
python3 -c 'import sqlite3' 2>/dev/null || { echo "skip: python3 with sqlite3 is needed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

# without_table DB COPY: COPY is DB as an older concord leaves it
without_table() {
  rm -f "$2"
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
for (kind, name) in dst.execute("SELECT type, name FROM sqlite_schema WHERE substr(name, 1, 7) = 'outlet_' AND type IN ('trigger', 'table')").fetchall():
    dst.execute("DROP %s %s" % (kind.upper(), name))
dst.commit(); dst.close()
PY
}
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }

# compare STEP: the table's network against the documents'
compare() {
  "$CONCORD" outlets --db "$tmp/s.db" --json >"$tmp/table.json" 2>"$tmp/table.err"
  check "$1: read from the table (no note)" '! grep -q "no up-to-date outlet table" "$tmp/table.err"'
  without_table "$tmp/s.db" "$tmp/old.db"
  "$CONCORD" outlets --db "$tmp/old.db" --json >"$tmp/docs.json" 2>"$tmp/docs.err"
  check "$1: a store without the table is counted from its documents, with a note" 'grep -q "no up-to-date outlet table" "$tmp/docs.err"'
  check "$1: table and documents give the same network" 'cmp -s "$tmp/table.json" "$tmp/docs.json"'
  check "$1: no row outlives its story" \
    '[ "$(sql "$tmp/s.db" "SELECT (SELECT count(*) FROM outlet_links WHERE story NOT IN (SELECT story FROM stories)) + (SELECT count(*) FROM outlet_reports WHERE story NOT IN (SELECT story FROM stories)) + (SELECT count(*) FROM outlet_story WHERE story NOT IN (SELECT story FROM stories)) + (SELECT count(*) FROM outlet_dirty)")" = 0 ]'
  check "$1: every story counted" \
    '[ "$(sql "$tmp/s.db" "SELECT count(*) FROM outlet_story")" = "$(sql "$tmp/s.db" "SELECT count(*) FROM stories")" ]'
  "$CONCORD" outlets --db "$tmp/s.db" >"$tmp/table.txt" 2>/dev/null
  "$CONCORD" outlets --db "$tmp/old.db" >"$tmp/docs.txt" 2>/dev/null
  check "$1: the table view is the same" 'cmp -s "$tmp/table.txt" "$tmp/docs.txt"'
}

"$CONCORD" add "$corpus/wire.jsonl" --db "$tmp/s.db" --quiet --no-report
compare "day 1"
links1=$(sql "$tmp/s.db" "SELECT group_concat(story || ':' || copies || ':' || rewrites) FROM outlet_links")

"$CONCORD" add "$corpus/outlets" --db "$tmp/s.db" --quiet --no-report
compare "day 2 (stories grew and merged)"
check "day 2 changed the network" '[ "$(sql "$tmp/s.db" "SELECT group_concat(story || '"':'"' || copies || '"':'"' || rewrites) FROM outlet_links")" != "$links1" ]'

# a changed article: its story is re-explained and its rows replaced
head -1 "$corpus/wire.jsonl" | sed 's/"text": *"/"text": "Correction: /' >"$tmp/changed.jsonl"
"$CONCORD" add "$tmp/changed.jsonl" --db "$tmp/s.db" --quiet --no-report
compare "a changed article"

# a story deleted by a writer that knows nothing of the table (an older
# concord): the trigger notes it, readers fall back until the next add
sid=$(sql "$tmp/s.db" "SELECT story FROM outlet_links LIMIT 1")
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM story_articles WHERE story=?", (sys.argv[2],)); c.execute("DELETE FROM stories WHERE story=?", (sys.argv[2],)); c.commit()' "$tmp/s.db" "$sid"
"$CONCORD" outlets --db "$tmp/s.db" --json >/dev/null 2>"$tmp/stale.err"
check "a story deleted behind the table's back: readers count the documents" 'grep -q "no up-to-date outlet table" "$tmp/stale.err"'
"$CONCORD" add "$corpus/wire.jsonl" --db "$tmp/s.db" --quiet --no-report
compare "after the next add"
check "the deleted story's rows are gone" '[ "$(sql "$tmp/s.db" "SELECT count(*) FROM outlet_links WHERE story='"'$sid'"'")" = 0 ]'

# a store written before the table: the next add (nothing new) builds it
without_table "$tmp/s.db" "$tmp/s2.db"
mv "$tmp/s2.db" "$tmp/s.db"
rm -f "$tmp/s.db-wal" "$tmp/s.db-shm"
"$CONCORD" add "$corpus/wire.jsonl" --db "$tmp/s.db" --quiet --no-report
compare "an older store after add"

exit $fail
