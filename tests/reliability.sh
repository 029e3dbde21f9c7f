#!/usr/bin/env bash
# Nothing lost, nothing forged (issue 18): the store survives interruption and
# concurrency, outputs are complete or absent, hostile text stays inert.
# Each case reproduces one finding of the issue and checks the promise made in
# doc/reliability.md.  Inputs are generated here (a few hundred KB; no corpus
# needed).  Kills are real SIGKILLs, at a chosen point through the test hook
# CONCORD_TEST_KILL_AFTER / CONCORD_TEST_KILL_AT (src/pipeline/pipeline.c).
set -u
here=$(cd "$(dirname "$0")" && pwd)
CONCORD=${CONCORD:-$here/../build/concord}
[ -x "$CONCORD" ] || { echo "reliability: no concord program at $CONCORD"; exit 1; }
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 1
pass=0
fail=0
CASE=
ok() { pass=$((pass + 1)); echo "  ok   $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL $CASE: $*"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
section() { CASE=$1; echo "== $1"; }
have_sqlite3=0
command -v sqlite3 >/dev/null 2>&1 && have_sqlite3=1

# N articles (ids P-0 ..) over T topics: each topic its own place, thing and event.
gen() { # prefix n topics
  awk -v p="$1" -v n="$2" -v t="$3" 'BEGIN {
    split("harbor bridge warehouse reservoir stadium refinery airport tunnel library hospital market school railway factory cathedral museum mine dam pier castle", th, " ");
    split("Aldmoor Brackwell Corvale Dunmere Eastwick Fennick Glenhaven Harrowgate Ivybridge Jarrowfield Kestrel Lowmarsh Mirefield Northcott Oakhurst Pellow Quarrin Rushden Stanmore Thornbury", pl, " ");
    split("fire flood collapse strike explosion closure protest outage spill evacuation", ev, " ");
    for (i = 0; i < n; i++) {
      k = i % t; a = th[k % 20 + 1]; b = pl[int(k / 2) % 20 + 1]; e = ev[k % 10 + 1];
      printf "{\"id\":\"%s-%d\",\"source\":\"Outlet %d\",\"date\":\"2024-03-%02d\",\"title\":\"%s %s hit by %s\",\"text\":\"%s (Wire) - A %s at the %s %s was reported on Tuesday, officials in %s said. The %s %s forced crews to respond, and residents near the %s were told to stay away. Officials said the %s would be investigated. Report %d.\"}\n",
        p, i, i % 50, 1 + k % 28, b, a, e, b, e, b, a, b, a, e, a, e, i
    }
  }'
}
# Sum of the reports of every story: articles that are in some story.
in_stories() { "$CONCORD" stories --db "$1" --json 2>/dev/null | grep -o '"reports":[0-9]*' | awk -F: '{ s += $2 } END { print s + 0 }'; }

gen a 1200 40 >big.jsonl

# ------------------------------------------------------------------ item 1
section interrupted_add
for point in "CONCORD_TEST_KILL_AFTER=2" "CONCORD_TEST_KILL_AT=group"; do
  rm -f s.db s.db-*
  env "$point" "$CONCORD" add big.jsonl --db s.db --quiet 2>/dev/null
  rc=$?
  check "$point: the first run was killed (exit $rc)" '[ $rc -eq 137 ]'
  msg=$("$CONCORD" add big.jsonl --db s.db 2>&1)
  rc=$?
  n=$(in_stories s.db)
  check "$point: the re-run exits 0 (exit $rc)" '[ $rc -eq 0 ]'
  check "$point: all 1200 articles are in stories after the re-run ($n)" '[ "$n" -eq 1200 ]'
  check "$point: the re-run says it grouped what the killed run left" 'grep -q "earlier run that did not finish" <<<"$msg"'
  art=$("$CONCORD" show a-7 --db s.db --json 2>/dev/null | grep -c '"id":"a-7"')
  check "$point: show finds the story of an article of the killed run" '[ "$art" -ge 1 ]'
done

# ------------------------------------------------------------------ item 2
section analyze_db_foreign
gen g 60 3 >good.jsonl
if [ $have_sqlite3 = 1 ]; then
  sqlite3 o.db "create table t(x); insert into t values(42)"
  "$CONCORD" analyze good.jsonl -o out --db o.db --quiet 2>err; rc=$?
  check "a foreign SQLite file is refused (exit $rc)" '[ $rc -eq 1 ]'
  check "its table is kept" '[ "$(sqlite3 o.db "select x from t")" = 42 ]'
  check "the message says it is not a concord store" 'grep -q "not a concord store" err'
else
  echo "  skip $CASE: sqlite3 not installed: foreign-database case skipped"
fi
printf 'my notes\n' >notes.txt
"$CONCORD" analyze good.jsonl -o out --db notes.txt --quiet 2>err; rc=$?
check "a text file given as --db is refused (exit $rc) and kept" '[ $rc -eq 1 ] && [ "$(cat notes.txt)" = "my notes" ]'
section analyze_replace_complete
"$CONCORD" analyze good.jsonl -o out1 --quiet; rc=$?
n1=$(in_stories out1/concord.db)
check "analyze writes a store (exit $rc, $n1 articles in stories)" '[ $rc -eq 0 ] && [ "$n1" -eq 60 ]'
# the next analyze fails on its output: the earlier store must survive
gen h 30 3 >other.jsonl
rm -f out1/stories.jsonl && mkdir -p out1/stories.jsonl/blocker # rename over it fails
"$CONCORD" analyze other.jsonl -o out1 --quiet 2>err; rc=$?
n2=$(in_stories out1/concord.db)
check "an analyze that fails on output exits 1 ($rc)" '[ $rc -eq 1 ]'
check "and leaves the earlier store as it was ($n2 articles)" '[ "$n2" -eq 60 ]'
check "and no unfinished store beside it" '[ ! -e out1/concord.db.concord-new ]'
rm -rf out1/stories.jsonl
"$CONCORD" analyze other.jsonl -o out1 --quiet; rc=$?
n3=$(in_stories out1/concord.db)
check "a complete analyze replaces the store (exit $rc, $n3 articles)" '[ $rc -eq 0 ] && [ "$n3" -eq 30 ]'
CONCORD_TEST_KILL_AT=group "$CONCORD" analyze good.jsonl -o out1 --quiet 2>/dev/null
n4=$(in_stories out1/concord.db)
check "a killed analyze leaves the earlier store ($n4 articles)" '[ "$n4" -eq 30 ]'
msg=$("$CONCORD" analyze good.jsonl -o out1 2>&1)
check "the next analyze removes the unfinished store and says so" 'grep -q "unfinished store" <<<"$msg" && [ ! -e out1/concord.db.concord-new ]'

# ------------------------------------------------------------------ item 3
section two_writers
rm -f w.db w.db-*
if command -v flock >/dev/null 2>&1; then
  "$CONCORD" add good.jsonl --db w.db --quiet
  flock w.db.lock sleep 4 &
  holder=$!
  sleep 0.5
  "$CONCORD" add other.jsonl --db w.db --wait 1 --quiet 2>err; rc=$?
  check "a second writer gives up after --wait 1 with exit 1 ($rc)" '[ $rc -eq 1 ]'
  check "and says another concord run writes the store" 'grep -q "another concord run" err'
  "$CONCORD" add other.jsonl --db w.db --wait 30 --quiet; rc=$?
  check "with --wait 30 it waits for the first and succeeds ($rc)" '[ $rc -eq 0 ]'
  wait $holder
  n=$(in_stories w.db)
  check "both runs' articles are in stories ($n of 90)" '[ "$n" -eq 90 ]'
else
  echo "  skip $CASE: flock not installed: held-lock case skipped"
fi
# two real runs at once: neither loses the other's articles
rm -f w2.db w2.db-*
gen b 600 20 >b1.jsonl
gen c 600 20 >b2.jsonl
"$CONCORD" add b1.jsonl --db w2.db --quiet --wait 120 & p1=$!
"$CONCORD" add b2.jsonl --db w2.db --quiet --wait 120 & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
n=$(in_stories w2.db)
check "two concurrent adds both exit 0 ($r1, $r2)" '[ $r1 -eq 0 ] && [ $r2 -eq 0 ]'
check "all 1200 articles of both are in stories ($n)" '[ "$n" -eq 1200 ]'

# ------------------------------------------------------------------ item 4
section changed_content
gen b 40 2 | grep 'bridge hit' >bridge.jsonl       # bridge stories
gen w 40 4 | grep 'reservoir hit' >reservoir.jsonl # reservoir stories
head -1 bridge.jsonl | sed 's/"id":"b-[0-9]*"/"id":"same"/' >same_v1.jsonl
head -1 reservoir.jsonl | sed 's/"id":"w-[0-9]*"/"id":"same"/' >same_v2.jsonl
rm -f c.db c.db-*
"$CONCORD" add bridge.jsonl reservoir.jsonl same_v1.jsonl --db c.db --quiet
"$CONCORD" show same --db c.db --json >v1.json 2>/dev/null
check "version 1 of 'same' is in the bridge story" 'grep -q "\"id\":\"b-" v1.json && ! grep -q "\"id\":\"w-" v1.json'
"$CONCORD" add same_v2.jsonl --db c.db --quiet; rc=$?
"$CONCORD" show same --db c.db --json >v2.json 2>/dev/null
check "the changed article moves to the reservoir story" 'grep -q "\"id\":\"w-" v2.json && ! grep -q "\"id\":\"b-" v2.json'
bid=$(grep -o '"id":"b-[0-9]*"' v1.json | head -1 | cut -d'"' -f4)
"$CONCORD" show "$bid" --db c.db --json >b.json 2>/dev/null
check "and leaves the bridge story" '! grep -q "\"id\":\"same\"" b.json'
check "every article is in exactly one story" '[ "$(in_stories c.db)" -eq $(( $(wc -l <bridge.jsonl) + $(wc -l <reservoir.jsonl) + 1 )) ]'
cat same_v1.jsonl same_v2.jsonl >both.jsonl
rm -rf rep
"$CONCORD" analyze both.jsonl -o rep 2>err; rc=$?
check "an id repeated in one input with other content is reported (exit $rc)" '[ $rc -eq 3 ] && grep -q "appears again" err'
check "and written once" '[ "$(grep -c "\"id\":\"same\"" rep/articles.jsonl)" -eq 1 ]'

# ------------------------------------------------------------------ item 5
section empty_db
"$CONCORD" add good.jsonl --db "" 2>err; rc=$?
check "--db \"\" is refused with exit 2 ($rc)" '[ $rc -eq 2 ] && grep -q "empty" err'
"$CONCORD" stories --db "" 2>/dev/null; rc=$?
check "also for reading commands ($rc)" '[ $rc -eq 2 ]'
"$CONCORD" analyze good.jsonl -o "" 2>/dev/null; rc=$?
check "-o \"\" is refused ($rc)" '[ $rc -eq 2 ]'

# ------------------------------------------------------------------ item 6
section atomic_outputs
"$CONCORD" analyze good.jsonl -o at --quiet
cp at/report.html report.before
# a report that cannot be written whole (a file size limit: the same EFBIG /
# ENOSPC path as a full disk), set just under the report's size
lim=$(( ($(wc -c <report.before) - 7000) / 1024 ))
( trap '' XFSZ; ulimit -f $lim; "$CONCORD" report --db at/concord.db -o at/report.html --quiet 2>err ); rc=$?
check "report exits 1 when the disk is full ($rc)" '[ $rc -eq 1 ]'
check "and the earlier report is intact" 'cmp -s report.before at/report.html'
check "and no temporary file is left" '[ -z "$(ls -A at | grep concord-tmp)" ]'
# killed in the middle of writing (SIGXFSZ kills): the next run cleans up
( ulimit -f $lim; "$CONCORD" report --db at/concord.db -o at/report.html --quiet 2>/dev/null ); rc=$?
check "a report killed while writing ($rc) leaves the earlier one intact" '[ $rc -ne 0 ] && cmp -s report.before at/report.html'
left=$(ls -A at | grep -c concord-tmp)
msg=$("$CONCORD" analyze good.jsonl -o at 2>&1)
check "the next run removes the $left stale temporary file(s) and says so" '[ -z "$(ls -A at | grep concord-tmp)" ] && { [ "$left" -eq 0 ] || grep -q "unfinished output" <<<"$msg"; }'
"$CONCORD" report --db at/concord.db -o - --quiet >stdout.html; rc=$?
check "report -o - writes the report to standard output ($rc)" '[ $rc -eq 0 ] && grep -q "<!DOCTYPE html>" stdout.html && [ ! -e ./- ]'

# ------------------------------------------------------------------ item 7
section damaged_store
if [ $have_sqlite3 = 1 ]; then
  rm -f d.db d.db-*
  "$CONCORD" add big.jsonl --db d.db -o dref --quiet --no-report
  "$CONCORD" stories --db d.db --json >dref/stories.list
  pages=$(sqlite3 d.db "pragma page_count")
  printf '%s' '' >empty.jsonl
  for at in $((pages / 4)) $((pages / 2)) $((pages * 3 / 4)); do
    cp d.db dd.db
    rm -f dd.db-* && rm -rf dout
    head -c 65536 /dev/urandom >junk.bin
    dd if=junk.bin of=dd.db bs=4096 seek="$at" conv=notrunc 2>/dev/null
    "$CONCORD" add empty.jsonl --db dd.db -o dout --quiet --no-report 2>/dev/null; rc=$?
    "$CONCORD" stories --db dd.db --json >dd.list 2>/dev/null; rc2=$?
    # exit 1 when anything read back is damaged; exit 0 only with complete,
    # correct outputs (as from the undamaged store), never partial ones
    if [ $rc -eq 0 ]; then
      check "page $at: add -o exits 0 only with complete outputs" 'cmp -s dout/articles.jsonl dref/articles.jsonl && cmp -s dout/stories.jsonl dref/stories.jsonl'
    else
      check "page $at: add -o exits 1 ($rc) and writes no partial output" '[ $rc -eq 1 ] && [ ! -e dout/articles.jsonl ] || cmp -s dout/articles.jsonl dref/articles.jsonl'
    fi
    if [ $rc2 -eq 0 ]; then
      check "page $at: stories exits 0 only with the complete list" 'cmp -s dd.list dref/stories.list'
    else
      check "page $at: stories exits 1 on a damaged store ($rc2)" '[ $rc2 -eq 1 ]'
    fi
  done
else
  echo "  skip $CASE: sqlite3 not installed: damaged-store case skipped"
fi

# hostile text (item 9), also used by item 8
printf '{"id":"x1","source":"Evil\033]0;pwned\007 News","date":"2024-03-01","title":"Storm \033[2J\033[1A\033[2Khidden \302\233 title","text":"Storm (Wire) - A storm hit the coast on Monday, officials said. \033[31m\\"We are ready,\\" the mayor said.\007 Crews worked through the night to restore power."}\n' >evil.jsonl
rm -f e.db e.db-*
"$CONCORD" add evil.jsonl --db e.db --quiet

# ------------------------------------------------------------------ item 8
section stdout_errors
if [ -w /dev/full ]; then
  for cmd in "stories" "show x1" "figures x1" "quotes x1" "lineage x1"; do
    # shellcheck disable=SC2086
    [ "$("$CONCORD" $cmd --db e.db 2>/dev/null | wc -c)" -gt 0 ] || continue # nothing to write
    # shellcheck disable=SC2086
    "$CONCORD" $cmd --db e.db >/dev/full 2>err; rc=$?
    check "$cmd > /dev/full exits 1 ($rc) with a message" '[ $rc -eq 1 ] && grep -q "standard output" err'
  done
  "$CONCORD" clean good.jsonl >/dev/full 2>/dev/null; rc=$?
  check "clean > /dev/full exits 1 ($rc)" '[ $rc -eq 1 ]'
else
  echo "  skip $CASE: /dev/full not writable: skipped"
fi
out=$( (set +o pipefail; "$CONCORD" clean big.jsonl 2>err | head -1 >/dev/null) ; cat err)
check "a closed pipe (head) gives no message" '[ -z "$out" ]'

# ------------------------------------------------------------------ item 9
section terminal_escapes
for cmd in "stories" "show x1" "figures x1" "quotes x1" "lineage x1"; do
  # shellcheck disable=SC2086
  "$CONCORD" $cmd --db e.db >view.out 2>&1
  check "$cmd prints no ESC, BEL or C1 byte" '! LC_ALL=C grep -q "$(printf "[\033\007]")" view.out && ! LC_ALL=C grep -q "$(printf "\302\233")" view.out'
done
"$CONCORD" show x1 --db e.db >view.out 2>&1
check "show renders them visibly (^[)" 'grep -qF "^[" view.out'
evil_name=$(printf 'bad\nconcord: forged message \033[31m.jsonl')
printf '{"id":"z","text":"x"\n' >"$evil_name"
"$CONCORD" clean "$evil_name" >/dev/null 2>err
check "a file name cannot forge a diagnostic line" '[ "$(grep -c "forged message" err)" -eq 1 ] && [ "$(grep -c "^concord: forged" err)" -eq 0 ] && ! LC_ALL=C grep -q "$(printf "\033")" err'
"$CONCORD" show "$(printf 'no\033[2Jsuch')" --db e.db 2>err >/dev/null
check "nor an argument echoed in an error" '! LC_ALL=C grep -q "$(printf "\033")" err'

# ------------------------------------------------------------------ item 10
section sniffing
cp good.jsonl noext.jsonl.1
"$CONCORD" clean noext.jsonl.1 >sn.out 2>err; rc=$?
check "x.jsonl.1 holding JSON Lines is read as JSON Lines ($(wc -l <sn.out) articles)" '[ "$(wc -l <sn.out)" -eq 60 ]'
check "and concord says what it assumed" 'grep -q "JSON" err'
"$CONCORD" clean <(cat good.jsonl) >sn.out 2>/dev/null
check "process substitution <(cat x.jsonl) is read as JSON Lines" '[ "$(wc -l <sn.out)" -eq 60 ]'
{ echo '['; head -3 good.jsonl | paste -sd, -; echo ']'; } >arr.txt
"$CONCORD" clean - <arr.txt >sn.out 2>err
check "a JSON array on stdin is read as 3 articles ($(wc -l <sn.out))" '[ "$(wc -l <sn.out)" -eq 3 ] && ! grep -q "\"title\":\"\\[\"" sn.out'

# ------------------------------------------------------------------ item 11
section line_separators
printf '{"id":"ls","title":"Line\342\200\250separated \342\200\251 title","text":"Body\342\200\250with a separator. And more text here for the cleaner."}\n' >ls.jsonl
"$CONCORD" analyze ls.jsonl -o lsout --quiet
check "articles.jsonl holds no raw U+2028/U+2029" '! LC_ALL=C grep -q "$(printf "\342\200[\250\251]")" lsout/articles.jsonl lsout/stories.jsonl'
check "they are escaped" 'grep -qF "\\u2028" lsout/articles.jsonl'
if command -v python3 >/dev/null 2>&1; then
  check "python splitlines sees one record a line" '[ "$(python3 -c "import sys; print(len(open(sys.argv[1], encoding=\"utf-8\").read().splitlines()))" lsout/articles.jsonl)" -eq 1 ]'
fi

# ------------------------------------------------------------------ item 13
section json_array_streaming
{ echo '['; paste -sd, big.jsonl; echo ']'; } >arr.json
"$CONCORD" clean --max-record 64K arr.json >arr.out 2>err; rc=$?
check "a .json array larger than the record limit is read record by record ($(wc -l <arr.out) of 1200, exit $rc)" '[ "$(wc -l <arr.out)" -eq 1200 ] && [ $rc -eq 0 ]'
head -c 70000 /dev/zero | tr '\0' 'x' >long.txt
printf '[{"id":"long","text":"%s"}, {"id":"short","text":"a short one"}]\n' "$(cat long.txt)" >longrec.json
"$CONCORD" clean --max-record 64K longrec.json >lr.out 2>err; rc=$?
check "a record over --max-record is skipped with a message, the next one kept (exit $rc)" '[ $rc -eq 3 ] && grep -q "\"id\":\"short\"" lr.out && grep -q "limit" err'
"$CONCORD" --help | grep -q -- "--max-record" && ok "--help documents --max-record" || bad "--help does not mention --max-record"

# ------------------------------------------------------------------ item 14
section repeated_records
for i in $(seq 1 200); do head -1 good.jsonl; done >rep.jsonl
gzip -c rep.jsonl >rep.jsonl.gz
rm -rf rout
"$CONCORD" analyze rep.jsonl.gz good.jsonl -o rout --quiet
check "analyze writes one line per article id ($(wc -l <rout/articles.jsonl) for 60 ids)" '[ "$(wc -l <rout/articles.jsonl)" -eq 60 ]'

# ------------------------------------------------------------------ item 15
section readonly_store
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null 2>&1; then
  mkdir -p ro && cp s.db ro/ && rm -f ro/s.db-* && chmod 555 ro && chmod 444 ro/s.db
  run_as=()
  [ "$(id -u)" = 0 ] && run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 755 "$T"
  "${run_as[@]}" "$CONCORD" stories --db ro/s.db >ro.out 2>err; rc=$?
  check "stories reads a store in a read-only folder (exit $rc)" '[ $rc -eq 0 ] && [ "$(wc -l <ro.out)" -gt 1 ]'
  "${run_as[@]}" "$CONCORD" show a-1 --db ro/s.db >/dev/null 2>>err; rc=$?
  check "show too ($rc)" '[ $rc -eq 0 ]'
  "${run_as[@]}" "$CONCORD" report --db ro/s.db -o - >/dev/null 2>>err; rc=$?
  check "report too ($rc)" '[ $rc -eq 0 ]'
  check "without a write error" '! grep -q "readonly" err'
  chmod 755 ro
else
  echo "  skip $CASE: root without setpriv: read-only case skipped"
fi

# ------------------------------------------------------------------ item 16
section arguments
for bad_threads in 2x -1 0 99999999999999999999 ""; do
  "$CONCORD" clean good.jsonl --threads "$bad_threads" >/dev/null 2>&1; rc=$?
  check "--threads '$bad_threads' is refused ($rc)" '[ $rc -eq 2 ]'
done
"$CONCORD" add good.jsonl -o --db x.db >/dev/null 2>err; rc=$?
check "-o --db takes no option as a value ($rc)" '[ $rc -eq 2 ] && grep -q "not the option" err'
"$CONCORD" add good.jsonl --db s.db --wait 5s >/dev/null 2>&1; rc=$?
check "--wait 5s is refused ($rc)" '[ $rc -eq 2 ]'
printf 'x' >afile
"$CONCORD" analyze good.jsonl -o afile 2>err; rc=$?
check "analyze -o FILE says the output is not a folder ($rc)" '[ $rc -eq 1 ] && grep -q "not a folder" err'
section folders
mkdir -p news/day1 && cp good.jsonl news/day1/ && ln -s day1 news/alias
"$CONCORD" clean news >fo.out 2>err; rc=$?
check "a symlinked alias folder is read once ($(wc -l <fo.out) of 60, exit $rc)" '[ "$(wc -l <fo.out)" -eq 60 ] && [ $rc -eq 0 ] && grep -q "already read" err'
"$CONCORD" analyze news -o news/out --quiet; rc=$?
"$CONCORD" analyze news -o news/out 2>err >/dev/null; rc2=$?
check "an output folder inside the input folder is not read back ($rc, $rc2)" '[ $rc2 -eq 0 ] && [ "$(wc -l <news/out/articles.jsonl)" -eq 60 ] && grep -q "output folder" err'
section eval_inputs
"$CONCORD" analyze good.jsonl -o ev --quiet
gzip -c ev/stories.jsonl >ev/stories.jsonl.gz
sed 's/"source"/"story":"1","source"/' good.jsonl | gzip -c >gold.jsonl.gz
"$CONCORD" eval gold.jsonl.gz ev/stories.jsonl.gz >ev.out 2>err; rc=$?
check "eval reads .gz files (exit $rc)" '[ $rc -eq 0 ] && grep -q "^items 60" ev.out'
{ zcat gold.jsonl.gz; echo 'not json'; } >gold_bad.jsonl
"$CONCORD" eval gold_bad.jsonl ev/stories.jsonl >/dev/null 2>err; rc=$?
check "eval exits 3 when lines could not be read ($rc)" '[ $rc -eq 3 ]'

echo
echo "reliability: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
