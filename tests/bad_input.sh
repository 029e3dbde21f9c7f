#!/usr/bin/env bash
# Bad input is normal input: runs the concord program on generated broken,
# hostile and oversized inputs and checks, for each case, that
#   - concord does not crash and ends within its time limit (each case has a
#     `timeout`; the time it took is printed);
#   - a broken input yields a message on stderr naming the file, the line and
#     the byte position ("FILE:LINE:POS: ...") and exit code 3 (some input
#     skipped or repaired), while input that is merely hostile or large (an
#     HTML page as text, a 10 MB article, absurd numbers...) exits 0;
#   - the good articles around the bad ones are still in articles.jsonl (and
#     in `concord clean` output, and stored by `concord add`);
#   - stories.jsonl and articles.jsonl still parse (with jq or python3 when
#     one is installed).
# Also: `concord add` twice with the same input leaves the store unchanged;
# one changed article is reported as a new version.
# Inputs are generated in a temporary folder (no corpus text).  Environment:
# CONCORD = the concord program (default: build/concord).
set -u
here=$(cd "$(dirname "$0")" && pwd)
CONCORD=${CONCORD:-$here/../build/concord}
if [ ! -x "$CONCORD" ]; then
  echo "bad_input: no concord program at $CONCORD"
  exit 1
fi
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 1
# Under ASan + UBSan (CONCORD_SANITIZER_RUN=1) everything runs several times
# slower: time limits are scaled, the large articles shrink to 2 MB and the
# 100 MB line is left to the plain build.
scale=1
big_sentences=130000
if [ "${CONCORD_SANITIZER_RUN:-0}" = 1 ]; then
  scale=4
  big_sentences=26000
fi

pass=0
fail=0
failed_names=()
ok() { pass=$((pass + 1)); echo "  ok   $*"; }
bad() { fail=$((fail + 1)); failed_names+=("$CASE"); echo "  FAIL $*"; }

# JSON validity of every line of a file: jq, else python3, else not checked.
json_lines_ok() {
  if command -v jq >/dev/null 2>&1; then
    jq -e -c 'type == "object"' "$1" >/dev/null 2>&1
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    assert isinstance(json.loads(l), dict)' "$1" 2>/dev/null
  else
    return 0
  fi
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# ---- good articles: three unrelated events, used around every bad input
good_jsonl() { # file, prefix
  printf '%s\n' \
    "{\"id\":\"$2-1\",\"source\":\"Northtown Herald\",\"date\":\"2021-05-03\",\"title\":\"Warehouse fire in Northtown\",\"text\":\"NORTHTOWN - A fire destroyed a grain warehouse on Elm Road on Monday night, the fire brigade said. No one was hurt. Firefighters from three stations fought the blaze for six hours.\"}" \
    "{\"id\":\"$2-2\",\"source\":\"Lakeside Daily\",\"date\":\"2021-05-04\",\"title\":\"Lakeside council approves bridge\",\"text\":\"The Lakeside council voted 7 to 2 on Tuesday to approve a new footbridge over the Silver River. Construction is expected to take 18 months, the mayor said.\"}" \
    "{\"id\":\"$2-3\",\"source\":\"Hillview Post\",\"date\":\"2021-05-05\",\"title\":\"Hillview school wins robotics prize\",\"text\":\"Students from Hillview Middle School won first place at the regional robotics contest on Wednesday with a robot that sorts recycling.\"}" \
    >"$1"
}
good_jsonl good.jsonl g
GOOD_IDS="g-1 g-2 g-3"

has_id() { grep -q "\"id\":\"$2\"" "$1"; }

# run_case NAME RC TIMEOUT PATTERN IDS -- INPUT...
#   RC: expected exit code; PATTERN: ERE the stderr must match ("" = none
#   required); IDS: ids that must be in articles.jsonl.
run_case() {
  CASE=$1
  local want=$2 limit=$3 pat=$4 ids=$5
  shift 6
  local out="$T/out-$CASE" t0 rc secs
  echo "== $CASE"
  t0=$(now)
  timeout "$limit" "$CONCORD" analyze "$@" -o "$out" >"$T/$CASE.stdout" 2>"$T/$CASE.stderr"
  rc=$?
  secs=$(elapsed "$t0")
  echo "  analyze: exit $rc in $secs s"
  sed -n '1,6s/^/  | /p' "$T/$CASE.stderr" | cut -c1-200
  if [ "$rc" -eq 124 ]; then bad "$CASE: analyze timed out after $limit s"; return; fi
  if [ "$rc" -ge 128 ]; then bad "$CASE: analyze crashed (signal $((rc - 128)))"; return; fi
  if [ "$rc" -eq "$want" ]; then ok "exit code $rc"; else bad "$CASE: exit code $rc, expected $want"; fi
  if [ -n "$pat" ]; then
    if grep -Eq "$pat" "$T/$CASE.stderr"; then ok "message matches /$pat/"
    else bad "$CASE: no message matching /$pat/ on stderr"; fi
  fi
  local missing=""
  for id in $ids; do
    has_id "$out/articles.jsonl" "$id" || missing="$missing $id"
  done
  if [ -z "$missing" ]; then ok "good articles kept"; else bad "$CASE: articles lost:$missing"; fi
  for f in articles stories; do
    if [ -s "$out/$f.jsonl" ] && json_lines_ok "$out/$f.jsonl"; then ok "$f.jsonl parses"
    else bad "$CASE: $f.jsonl missing or not JSON Lines"; fi
  done
}

# also_clean_add NAME RC PATTERN IDS -- INPUT...: the same input through
# `concord clean` and `concord add`.
also_clean_add() {
  CASE=$1
  local want=$2 pat=$3 ids=$4 rc t0
  shift 5
  t0=$(now)
  timeout 60 "$CONCORD" clean "$@" >"$T/$CASE.clean.stdout" 2>"$T/$CASE.clean.stderr"
  rc=$?
  echo "  clean: exit $rc in $(elapsed "$t0") s"
  if [ "$rc" -eq "$want" ]; then ok "clean exit code $rc"; else bad "$CASE: clean exit code $rc, expected $want"; fi
  if [ -n "$pat" ] && ! grep -Eq "$pat" "$T/$CASE.clean.stderr"; then
    bad "$CASE: clean printed no message matching /$pat/"
  fi
  local missing=""
  for id in $ids; do has_id "$T/$CASE.clean.stdout" "$id" || missing="$missing $id"; done
  if [ -z "$missing" ]; then ok "clean kept the good articles"; else bad "$CASE: clean lost:$missing"; fi
  t0=$(now)
  timeout 60 "$CONCORD" add "$@" --db "$T/$CASE.db" >/dev/null 2>"$T/$CASE.add.stderr"
  rc=$?
  echo "  add: exit $rc in $(elapsed "$t0") s"
  if [ "$rc" -eq "$want" ]; then ok "add exit code $rc"; else bad "$CASE: add exit code $rc, expected $want"; fi
  if [ -n "$pat" ] && ! grep -Eq "$pat" "$T/$CASE.add.stderr"; then
    bad "$CASE: add printed no message matching /$pat/"
  fi
}

# A message "FILE:LINE:POS:" about file $1 (any folder prefix), line $2 (a regex).
where() { printf 'concord: ([^ ]*/)?%s:%s:[0-9]+: ' "$(printf '%s' "$1" | sed 's/[.[\*^$]/\\&/g')" "$2"; }

# ---------------------------------------------------------------- broken input
# invalid UTF-8 inside a JSON string (line 2) and in a .txt article
{
  printf '{"id":"u-1","title":"Valid","text":"A valid line before the broken one."}\n'
  printf '{"id":"u-2","title":"Broken \xc3","text":"bytes \xff\xfe\xc0\xaf and a cut sequence \xe2\x82"}\n'
  printf '{"id":"u-3","title":"Valid too","text":"A valid line after the broken one."}\n'
} >bad_utf8.jsonl
printf 'Broken text file\nThe body holds \xff\xfe invalid bytes and an overlong \xc0\xaf slash.\n' >bad_utf8.txt
run_case utf8 3 $((60 * scale)) "$(where bad_utf8.jsonl 2)" "$GOOD_IDS u-1 u-2 u-3 bad_utf8" -- good.jsonl bad_utf8.jsonl bad_utf8.txt
grep -Eq "$(where bad_utf8.txt '[0-9]+')" "$T/utf8.stderr" && ok "message names bad_utf8.txt" || bad "utf8: no message about bad_utf8.txt"
# the byte position is that of the first bad byte in the line
pos=$(sed -n 2p bad_utf8.jsonl | LC_ALL=C awk '{ print index($0, "\303") - 1 }')
grep -Eq "$(where bad_utf8.jsonl 2 | sed "s/\[0-9\]+/$pos/")" "$T/utf8.stderr" && ok "position $pos is the first bad byte" \
  || bad "utf8: the message does not give byte $pos of line 2"
also_clean_add utf8 3 "$(where bad_utf8.jsonl 2)" "$GOOD_IDS u-1 u-2 u-3" -- good.jsonl bad_utf8.jsonl bad_utf8.txt

# NUL bytes: raw inside a JSON string, escaped, and inside a .txt article
{
  printf '{"id":"n-1","title":"Before","text":"Clean line."}\n'
  printf '{"id":"n-2","title":"Raw NUL","text":"before\000after and \\u0000 escaped"}\n'
  printf '{"id":"n-3","title":"After","text":"Clean line again."}\n'
} >nul.jsonl
printf 'Title with NUL\nBody \000 with a NUL byte in the middle of a sentence.\n' >nul.txt
run_case nul 3 $((60 * scale)) "$(where nul.jsonl 2)" "$GOOD_IDS n-1 n-2 n-3" -- good.jsonl nul.jsonl nul.txt
grep -Eq "$(where nul.txt '[0-9]+')" "$T/nul.stderr" && ok "message names nul.txt" || bad "nul: no message about nul.txt"
pos=$(sed -n 2p nul.jsonl | LC_ALL=C grep -obUaP '\x00' | head -1 | cut -d: -f1)
grep -Eq "$(where nul.jsonl 2 | sed "s/\[0-9\]+/$pos/")" "$T/nul.stderr" && ok "position $pos is the NUL byte" \
  || bad "nul: the message does not give byte $pos of line 2"
also_clean_add nul 3 "$(where nul.jsonl 2)" "$GOOD_IDS n-1 n-2 n-3" -- good.jsonl nul.jsonl nul.txt

# an empty file of each kind
: >empty.txt
: >empty.jsonl
run_case empty 3 $((60 * scale)) "$(where empty.txt '[0-9]+')" "$GOOD_IDS" -- good.jsonl empty.txt empty.jsonl
grep -Eq "$(where empty.jsonl '[0-9]+')" "$T/empty.stderr" && ok "message names empty.jsonl" || bad "empty: no message about empty.jsonl"
also_clean_add empty 3 "$(where empty.txt '[0-9]+')" "$GOOD_IDS" -- good.jsonl empty.txt empty.jsonl

# a binary file where text was expected
cp "$(command -v ls)" binary.txt
run_case binary 3 $((60 * scale)) "$(where binary.txt '[0-9]+')" "$GOOD_IDS" -- good.jsonl binary.txt
also_clean_add binary 3 "$(where binary.txt '[0-9]+')" "$GOOD_IDS" -- good.jsonl binary.txt

# truncated JSON lines: one in the middle, one at the end without newline
{
  printf '{"id":"t-1","title":"Before","text":"A line before the truncated one."}\n'
  printf '{"id":"t-2","title":"Cut","text":"this line stops in the mid\n'
  printf '{"id":"t-3","title":"After","text":"A line after the truncated one."}\n'
  printf '{"id":"t-4","title":"Cut at the end","te'
} >truncated.jsonl
run_case truncated 3 $((60 * scale)) "$(where truncated.jsonl 2)" "$GOOD_IDS t-1 t-3" -- good.jsonl truncated.jsonl
grep -Eq "$(where truncated.jsonl 4)" "$T/truncated.stderr" && ok "message about line 4" || bad "truncated: no message about line 4"
also_clean_add truncated 3 "$(where truncated.jsonl 2)" "$GOOD_IDS t-1 t-3" -- good.jsonl truncated.jsonl

# JSON lines that are not objects, after a good line ...
{
  printf '{"id":"o-1","title":"Object","text":"An object line."}\n'
  printf '[1, 2, 3]\n"just a string"\n42\nnull\n'
  printf '{"id":"o-2","title":"Object again","text":"Another object line."}\n'
} >nonobject.jsonl
# ... and first in the file (a JSON Lines file is not one JSON array)
{
  printf '[1, 2]\n'
  printf '{"id":"o-3","title":"After an array line","text":"An object line after an array line."}\n'
  printf '"text"\n'
  printf '{"id":"o-4","title":"Last","text":"The last object line."}\n'
} >nonobject_first.jsonl
run_case nonobject 3 $((60 * scale)) "$(where nonobject.jsonl 2)" "$GOOD_IDS o-1 o-2 o-3 o-4" -- good.jsonl nonobject.jsonl nonobject_first.jsonl
for l in 3 4 5; do
  grep -Eq "$(where nonobject.jsonl $l)" "$T/nonobject.stderr" && ok "message about line $l" || bad "nonobject: no message about line $l"
done
grep -Eq "$(where nonobject_first.jsonl 3)" "$T/nonobject.stderr" && ok "message about nonobject_first.jsonl line 3" \
  || bad "nonobject: no message about nonobject_first.jsonl line 3"
also_clean_add nonobject 3 "$(where nonobject.jsonl 2)" "$GOOD_IDS o-1 o-2 o-3 o-4" -- good.jsonl nonobject.jsonl nonobject_first.jsonl

# a missing file
run_case missing 3 $((60 * scale)) "$(where no_such_file.jsonl '[0-9]+')" "$GOOD_IDS" -- good.jsonl no_such_file.jsonl
also_clean_add missing 3 "$(where no_such_file.jsonl '[0-9]+')" "$GOOD_IDS" -- good.jsonl no_such_file.jsonl

# an unreadable folder inside a readable one (not testable as root)
mkdir -p tree/ok tree/locked
good_jsonl tree/ok/a.jsonl f
printf 'Hidden article\nNobody can read this.\n' >tree/locked/hidden.txt
chmod 000 tree/locked
if [ "$(id -u)" -eq 0 ]; then
  echo "== unreadable: skipped (running as root: chmod 000 does not stop root)"
else
  run_case unreadable 3 $((60 * scale)) "$(where locked '[0-9]+')" "f-1 f-2 f-3" -- tree
  also_clean_add unreadable 3 "$(where locked '[0-9]+')" "f-1 f-2 f-3" -- tree
fi
chmod 755 tree/locked

# a 100 MB line: one JSON object whose text is 100 MB
if [ "$scale" = 1 ]; then
  {
    printf '{"id":"l-1","title":"Before","text":"A line before the long one."}\n'
    printf '{"id":"l-2","title":"Long","text":"'
    head -c 100000000 /dev/zero | tr '\0' 'x'
    printf '"}\n{"id":"l-3","title":"After","text":"A line after the long one."}\n'
  } >longline.jsonl
  run_case longline 3 30 "$(where longline.jsonl 2)" "$GOOD_IDS l-1 l-3" -- good.jsonl longline.jsonl
  rm -f longline.jsonl
else
  echo "== longline: left to the plain build (sanitizer run)"
fi

# ------------------------------------------------ hostile or large, but valid
# A whole HTML page in the text field: must not crash; shows what comes out.
html_text='<!DOCTYPE html><html><head><title>Page</title><style>body{color:red}</style><script>var x = \"</p>\"; alert(1);</script></head><body><nav><a href=\"/\">Home</a> | <a href=\"javascript:alert(2)\">News</a></nav><h1>Dam breaks near Riverbend</h1><p>RIVERBEND - A dam broke on Friday and 40 people were evacuated, officials said.</p><p>&quot;We acted fast,&quot; said mayor Ann Cole.</p><footer>&copy; 2021 Riverbend Times. Subscribe to our newsletter.</footer></body></html>'
printf '{"id":"h-1","source":"Riverbend Times","date":"2021-05-07","title":"Dam breaks","text":"%s"}\n' "$html_text" >html.jsonl
run_case html 0 $((60 * scale)) "" "$GOOD_IDS h-1" -- good.jsonl html.jsonl
if [ -f "$T/out-html/report.html" ]; then
  if grep -q '<script>var x' "$T/out-html/report.html" || grep -qi 'href="javascript:' "$T/out-html/report.html"; then
    bad "html: report.html holds the article's markup unescaped"
  else ok "report.html holds the article's markup as text"; fi
fi
# what comes out (for the record)
grep -o '"id":"h-1".*' "$T/out-html/articles.jsonl" 2>/dev/null | grep -o '"text":"[^"]\{0,160\}' | sed 's/^/  text starts: /'

# A 10 MB single article of varied sentences (made-up words, so that
# sentences and word pairs rarely repeat, as in real text).
gen_text() { # sentences
  awk -v n="$1" 'BEGIN { srand(7); split("ka lo mi ren tas vel dor pin sa te gru mak hol fen bi zu", sy, " ");
    for (i = 0; i < n; i++) { m = 8 + int(rand() * 10); s = "";
      for (w = 0; w < m; w++) { k = 1 + int(rand() * 3); word = "";
        for (j = 0; j < k; j++) word = word sy[1 + int(rand() * 16)];
        s = s (w ? " " : "") (w ? word : toupper(substr(word, 1, 1)) substr(word, 2)) }
      if (i % 9 == 8) printf "%s, %d people were evacuated. ", s, i % 50; else printf "%s. ", s;
      if (i % 7 == 6) printf "\\n\\n" } }'
}
gen_text "$big_sentences" >big10.txt
echo "  (generated article: $(wc -c <big10.txt) bytes)"
{ printf '{"id":"b-1","source":"Utility News","date":"2021-05-08","title":"Pipe repairs","text":"'; cat big10.txt; printf '"}\n'; } >big10.jsonl
run_case big10mb 0 $((60 * scale)) "" "$GOOD_IDS b-1" -- good.jsonl big10.jsonl

# Two identical 10 MB articles from two outlets.
{ printf '{"id":"d-1","source":"Wire One","date":"2021-05-08","title":"Pipe repairs","text":"'; cat big10.txt; printf '"}\n'
  printf '{"id":"d-2","source":"Wire Two","date":"2021-05-09","title":"Pipe repairs","text":"'; cat big10.txt; printf '"}\n'; } >twin10.jsonl
run_case twin10mb 0 $((60 * scale)) "" "$GOOD_IDS d-1 d-2" -- good.jsonl twin10.jsonl
if grep -q '"id":"d-2"[^}]*"duplicate_of":"d-1"' "$T/out-twin10mb/stories.jsonl" 2>/dev/null; then
  ok "the second copy is a duplicate of the first"
else bad "twin10mb: d-2 is not marked duplicate_of d-1"; fi
rm -f big10.txt big10.jsonl twin10.jsonl

# One sentence repeated 10,000 times.
{ printf '{"id":"r-1","source":"Echo","date":"2021-05-08","title":"Echo","text":"'
  for i in $(seq 10000); do printf 'The council approved the new budget on Tuesday, the mayor said. '; done
  printf '"}\n'; } >repeat.jsonl
run_case repeat 0 $((60 * scale)) "" "$GOOD_IDS r-1" -- good.jsonl repeat.jsonl

# Quote marks unbalanced across a whole article (2,000 paragraphs).
{ printf '{"id":"q-1","source":"Quote Post","date":"2021-05-08","title":"Unbalanced","text":"'
  for i in $(seq 2000); do printf '\\"Paragraph %d opens a quote that never closes, the official said \\u201cand another\\n\\n' "$i"; done
  printf '"}\n'; } >unbalanced.jsonl
run_case unbalanced 0 $((60 * scale)) "" "$GOOD_IDS q-1" -- good.jsonl unbalanced.jsonl

# A 1 MB quotation.
{ printf '{"id":"q-2","source":"Quote Post","date":"2021-05-08","title":"Long speech","text":"The minister said: \\u201c'
  for i in $(seq 16000); do printf 'we will rebuild every road and bridge %d, ' "$i"; done
  printf 'and we will not stop.\\u201d Reporters left.\\n\\nThe speech ended at noon."}\n'; } >bigquote.jsonl
run_case bigquote 0 $((60 * scale)) "" "$GOOD_IDS q-2" -- good.jsonl bigquote.jsonl

# 60,000 short attributed quotes, each with a figure, in one article (issue
# 18 item 12: quotes and figures were quadratic in their count; 60,000 took
# 105 s, now 8 s).
{ printf '{"id":"q-3","source":"Quote Post","date":"2021-05-08","title":"Every item","text":"'
  awk 'BEGIN { for (i = 0; i < 60000; i++) printf "\\\"We will act on item %d of the plan now,\\\" %s said. ", i, (i % 3 ? "Mary Jones" : "the minister") }'
  printf '"}\n'; } >dense.jsonl
run_case dense 0 $((60 * scale)) "" "$GOOD_IDS q-3" -- good.jsonl dense.jsonl

# Numbers of absurd size.
zeros=$(head -c 500 /dev/zero | tr '\0' '9')
{ printf '{"id":"x-1","source":"Number Daily","date":"2021-05-08","title":"Numbers","text":"10^400 people were killed. '
  printf '%s people were injured. About 1e400 were detained and 1.7976931348623157e309 missing. ' "$zeros"
  printf 'Between 900 and 3 people were evacuated. Damage reached $%s trillion. -5 people died. ' "$zeros"
  printf '99,999,999,999,999,999,999,999 troops arrived. 0x7fffffffffffffff soldiers fled."}\n'; } >numbers.jsonl
run_case numbers 0 $((60 * scale)) "" "$GOOD_IDS x-1" -- good.jsonl numbers.jsonl
if grep -Eiq '(:|\[|,)-?(inf|nan)' "$T/out-numbers/stories.jsonl" 2>/dev/null; then
  bad "numbers: stories.jsonl holds inf or nan"
else ok "no inf or nan in stories.jsonl"; fi

# 100 identical boilerplate-only bodies + real articles of four unrelated
# events (two reports each) that carry the same footer: the footer must not
# glue events together, and the junk must not join a real story.
junk='Sign up for our newsletter to stay informed. Share this article on Facebook, Twitter and Email. Copyright 2021 Example Media Group. All rights reserved. Leave a Comment. You may also like: our top stories of the week.'
{
  for i in $(seq 100); do
    printf '{"id":"j-%d","source":"Example Media %d","date":"2021-05-%02d","title":"Latest news update %d","text":"%s"}\n' \
      "$i" $((i % 7)) $((i % 28 + 1)) "$i" "$junk"
  done
  ev() { # id source date title body
    printf '{"id":"%s","source":"%s","date":"%s","title":"%s","text":"%s\\n\\n%s"}\n' "$1" "$2" "$3" "$4" "$5" "$junk"
  }
  ev e1a "Coast Radio" 2021-05-10 "Ferry runs aground off Gullport" "GULLPORT - A passenger ferry ran aground off Gullport on Monday and 120 passengers were taken ashore by lifeboats, the coast guard said."
  ev e1b "Harbour Times" 2021-05-10 "Gullport ferry aground, passengers rescued" "Lifeboats brought 120 passengers ashore after a ferry ran aground near Gullport on Monday, according to the coast guard."
  ev e2a "Valley Gazette" 2021-05-12 "Orchard festival draws record crowd in Pinedale" "PINEDALE - The annual orchard festival in Pinedale drew a record 30,000 visitors on Wednesday, organisers said."
  ev e2b "Pinedale Voice" 2021-05-12 "Record 30,000 visit Pinedale orchard festival" "Organisers of the Pinedale orchard festival said a record 30,000 visitors came on Wednesday to taste apples and cider."
  ev e3a "Metro Wire" 2021-05-14 "Stonebridge bank robbed at gunpoint" "STONEBRIDGE - Two masked men robbed a bank on Market Street in Stonebridge on Friday and fled in a grey van, police said."
  ev e3b "City Desk" 2021-05-14 "Police hunt two men after Stonebridge bank robbery" "Police in Stonebridge are searching for two masked men who robbed a Market Street bank on Friday and escaped in a grey van."
  ev e4a "Science Today" 2021-05-16 "Comet visible over Redfield this weekend" "Astronomers say a bright comet will be visible to the naked eye over Redfield this weekend, best seen after midnight."
  ev e4b "Sky Watch" 2021-05-16 "Redfield skywatchers await bright comet" "A bright comet should be visible without a telescope from Redfield this weekend, astronomers said, especially after midnight."
} >boiler.jsonl
run_case boilerplate 0 $((60 * scale)) "" "$GOOD_IDS e1a e1b e2a e2b e3a e3b e4a e4b j-1 j-100" -- good.jsonl boiler.jsonl
st="$T/out-boilerplate/stories.jsonl"
if [ -s "$st" ]; then
  # story of each real article: the line number of stories.jsonl holding its id
  story_of() { grep -n "\"id\":\"$1\"" "$st" | head -1 | cut -d: -f1; }
  glued=""
  for a in e1a e2a e3a e4a g-1 g-2 g-3; do
    for b in e1a e2a e3a e4a g-1 g-2 g-3; do
      [ "$a" \< "$b" ] || continue
      [ "$(story_of "$a")" = "$(story_of "$b")" ] && glued="$glued $a+$b"
    done
  done
  if [ -z "$glued" ]; then ok "unrelated events stay apart"; else bad "boilerplate: unrelated events glued:$glued"; fi
  split=""
  for e in e1 e2 e3 e4; do
    [ "$(story_of ${e}a)" = "$(story_of ${e}b)" ] || split="$split $e"
  done
  if [ -z "$split" ]; then ok "each event's two reports form one story"; else echo "  note: events split:$split"; fi
  mixed=""
  for e in e1a e2a e3a e4a; do
    line=$(sed -n "$(story_of $e)p" "$st")
    printf '%s' "$line" | grep -q '"id":"j-' && mixed="$mixed $e"
  done
  if [ -z "$mixed" ]; then ok "no junk-only article joins a real story"; else bad "boilerplate: junk joined the stories of:$mixed"; fi
  biggest=$(grep '"id":"j-' "$st" | awk '{ print gsub(/"id":"j-/, "") }' | sort -n | tail -1)
  echo "  note: the junk-only articles form $(grep -c '"id":"j-' "$st") stories, the largest with ${biggest:-0} of them"
fi

# A story of 5,000 near-identical wire copies (issue 6): bounded time, and
# one story, not 5,000 (every copy is a report of the same event).
awk 'BEGIN { for (i = 0; i < 5000; i++)
  printf "{\"id\":\"w-%d\",\"source\":\"Outlet %d\",\"date\":\"2021-05-%02d\",\"title\":\"Storm cuts power to 20,000 homes in Bayview\",\"text\":\"BAYVIEW (Wire) - A storm cut power to 20,000 homes in Bayview on Sunday, the utility said. \\\"Crews will work through the night,\\\" spokesman Tom Reyes said. At least %d people were injured by falling trees and two were killed. Schools will stay closed on Monday. Edition %d.\"}\n",
    i, i % 800, 20 + i % 3, 3 + i % 4, i }' >wire.jsonl
run_case wirecopies 0 $((60 * scale)) "" "$GOOD_IDS w-0 w-4999" -- good.jsonl wire.jsonl
st="$T/out-wirecopies/stories.jsonl"
if [ -s "$st" ]; then
  n_wire=$(grep -c '"id":"w-' "$st")
  if [ "$n_wire" -eq 1 ]; then ok "the 5,000 copies form one story"
  else bad "wirecopies: the 5,000 copies are spread over $n_wire stories"; fi
  if grep '"id":"w-' "$st" | grep -q '"id":"g-'; then bad "wirecopies: a good article joined the wire story"
  else ok "the good articles stay apart"; fi
fi
rm -f wire.jsonl

# ------------------------------------------------ concord add: idempotent ingest
CASE=add_twice
echo "== $CASE"
good_jsonl add.jsonl a
count_articles() { # db -> number of articles in `concord stories --json` (story members)
  "$CONCORD" stories --db "$1" --json 2>/dev/null | grep -o '"reports":[0-9]*' | awk -F: '{ s += $2 } END { print s + 0 }'
}
"$CONCORD" add add.jsonl --db add.db 2>add1.err; rc1=$?
n1=$(count_articles add.db)
"$CONCORD" add add.jsonl --db add.db 2>add2.err; rc2=$?
n2=$(count_articles add.db)
echo "  first add: exit $rc1, $n1 articles; second add: exit $rc2, $n2 articles"
sed -n '1,3s/^/  | /p' add2.err
[ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ] && ok "both adds exit 0" || bad "add_twice: exit codes $rc1, $rc2"
[ "$n1" -eq 3 ] && [ "$n2" -eq 3 ] && ok "store unchanged by the second add" || bad "add_twice: $n1 then $n2 articles, expected 3 and 3"
grep -q '(0 new, 3 unchanged, 0 changed)' add2.err && ok "second add: 0 new, 3 unchanged" || bad "add_twice: second add summary is not (0 new, 3 unchanged, 0 changed)"
sed 's/Firefighters from three stations/Firefighters from four stations/' add.jsonl >add_changed.jsonl
"$CONCORD" add add_changed.jsonl --db add.db 2>add3.err; rc3=$?
n3=$(count_articles add.db)
echo "  changed add: exit $rc3, $n3 articles"
sed -n '1,3s/^/  | /p' add3.err
[ "$rc3" -eq 0 ] || [ "$rc3" -eq 3 ] && ok "changed add exit $rc3" || bad "add_twice: changed add exit $rc3"
if grep -Eq 'a-1.*(version|changed)|(version|changed).*a-1' add3.err && grep -q '(0 new, 2 unchanged, 1 changed)' add3.err; then ok "the changed article is reported as a new version"
else bad "add_twice: no report of a new version of a-1"; fi
[ "$n3" -eq 3 ] && ok "still 3 articles in stories (the new version replaces the old one)" || echo "  note: $n3 articles in stories after the changed add"

echo
echo "bad_input: $pass passed, $fail failed${failed_names:+ (${failed_names[*]})}"
[ "$fail" -eq 0 ]
