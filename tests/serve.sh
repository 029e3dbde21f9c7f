#!/usr/bin/env bash
# `concord serve` over the store of examples/corpus, on a free loopback port:
# the index, search, filters, sorting and paging (HTML and JSON); a story page
# and its JSON; the outlet network (/outlets, /api/outlets: as `concord
# outlets --json`) and a speaker's quotes (/speaker, /api/speaker: as `concord
# quotes --speaker`), also over a store of hostile text; clear HTTP errors for
# unknown ids and paths, bad parameters,
# huge query strings, other methods and hostile input; a bounded concurrent
# load (400 requests, 16 at a time, at most 120 s) after which the server still
# answers, with its memory bounded; SIGTERM stops it with exit 0.  With
# chromium present, the pages are also opened in the browser (no console
# error, the CSP allows the pages as they are, the search form works).
# Skips (77) without curl.
set -u
src=${CONCORD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${CONCORD_BUILD_DIR:-$src/build}
CONCORD=${CONCORD:-$build/concord}
command -v curl >/dev/null || { echo "skip: curl is not installed"; exit 77; }
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
expect_eq() { if [ "$2" = "$3" ]; then ok "$1 ($3)"; else bad "$1: expected '$2', got '$3'"; fi; }

"$CONCORD" analyze "$src/examples/corpus" -o "$work/ex" --quiet >/dev/null 2>&1
db=$work/ex/concord.db
[ -f "$db" ] || { bad "analyze wrote no store"; exit 1; }

# the static report of a large store keeps its largest stories and points to serve
CONCORD_REPORT_MAX_STORIES=3 "$CONCORD" report --db "$db" -o "$work/capped.html" 2>/dev/null
n_all=$("$CONCORD" stories --db "$db" 2>/dev/null | wc -l)
if grep -q 'id="capped">This report shows the 3 largest of the store' "$work/capped.html" &&
   grep -q 'concord serve --db FILE' "$work/capped.html" && [ "$n_all" -gt 3 ]; then
    ok "report capped at 3 stories points to serve"
else
    bad "capped report: no note, or too few stories ($n_all)"
fi
# its Outlets page still covers the whole store; rows capped with a note
CONCORD_REPORT_MAX_STORIES=3 CONCORD_REPORT_OUTLET_ROWS=3 "$CONCORD" report --db "$db" -o "$work/capped-net.html" 2>/dev/null
n_store=$("$CONCORD" stories --db "$db" --json 2>/dev/null | grep -c '"story"')
if grep -q "<p class=\"meta\">$n_store stories" "$work/capped-net.html"; then
    ok "capped report: the outlet network counts all $n_store stories"
else
    bad "capped report: the outlet network does not count the whole store"
fi
grep -q 'id="pairs-capped">Showing the 3 outlet pairs with the most links' "$work/capped-net.html" &&
    grep -q 'id="own-capped">Showing the 3 largest' "$work/capped-net.html" &&
    ok "outlet tables capped at 3 rows, with a note" || bad "outlet tables: no cap note"
expect_eq "outlet pairs table holds 3 rows" 3 \
    "$(sed -n '/<table class="stories net" id="pairs">/,/<\/table>/p' "$work/capped-net.html" | grep -c '^<tr>')"
grep -q 'title="not in this report"' "$work/capped-net.html" &&
    ok "examples outside the capped report shown without a link" || bad "no unlinked example in the capped report"
CONCORD_REPORT_MAX_REPORTS=0 CONCORD_REPORT_MAX_STORIES=0 "$CONCORD" report --db "$db" \
    -o "$work/whole.html" 2>/dev/null
if grep -q 'id="capped"' "$work/whole.html"; then
    bad "report with no limit says it is capped"
else
    ok "report with no limit holds every story"
fi

# errors at start: no store, wrong bind address, a file that is not a store
"$CONCORD" serve --db "$work/none.db" --port 0 2>"$work/e1"; rc=$?
expect_eq "serve without a store exits 4" 4 "$rc"
"$CONCORD" serve --db "$db" --bind 300.1.2.3 --port 0 2>"$work/e2"; rc=$?
expect_eq "serve with a bad bind address exits 1" 1 "$rc"
grep -q "not an IPv4 or IPv6 address" "$work/e2" && ok "bad bind address explained" || bad "bad bind: $(cat "$work/e2")"
"$CONCORD" serve --db "$db" --port 70000 2>/dev/null; rc=$?
expect_eq "serve with a bad port exits 2" 2 "$rc"

# under AddressSanitizer freed memory stays in its quarantine (256 MB by
# default), which the memory check below would count: keep it small
# wait_port ERRFILE: the port a starting server writes to ERRFILE ("" if it
# says none within 10 s)
wait_port() {
  local p=
  for _ in $(seq 100); do
    p=$(grep -o ':[0-9]\+/' "$1" 2>/dev/null | tr -d ':/')
    [ -n "$p" ] && break
    sleep 0.1
  done
  echo "$p"
}
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16" \
  "$CONCORD" serve --db "$db" --port 0 2>"$work/serve.err" &
pid=$!
port=$(wait_port "$work/serve.err")
[ -n "$port" ] || { bad "serve did not say its port: $(cat "$work/serve.err")"; exit 1; }
grep -q "http://127.0.0.1:" "$work/serve.err" && ok "binds 127.0.0.1 by default" || bad "default bind: $(cat "$work/serve.err")"
base=http://127.0.0.1:$port
get() { # URL -> body in $work/body, status echoed
  curl -s -o "$work/body" -w '%{http_code}' --max-time 20 "$@"
}

n_stories=$("$CONCORD" stories --db "$db" --json 2>/dev/null | grep -c '"story"')
expect_eq "index page" 200 "$(get "$base/")"
grep -q "$n_stories stor" "$work/body" && ok "index counts $n_stories stories" || bad "index count"
expect_eq "stories JSON" 200 "$(get "$base/api/stories?per_page=500")"
expect_eq "JSON lists every story" "$n_stories" "$(grep -o '"story":' "$work/body" | wc -l | tr -d ' ')"
grep -q "\"total\":$n_stories," "$work/body" && ok "JSON total" || bad "JSON total: $(head -c 200 "$work/body")"

# search: a word of a story's title finds that story
sid=$(grep -o '"story":"[^"]*"' "$work/body" | head -1 | cut -d'"' -f4)
title=$(grep -o '"title":"[^"]*"' "$work/body" | head -1 | cut -d'"' -f4)
word=$(echo "$title" | tr -cs '[:alpha:]' '\n' | awk '{ if (length($0) > length(w)) w = $0 } END { print w }')
get "$base/api/stories?q=$word&per_page=500" >/dev/null
grep -q "\"story\":\"$sid\"" "$work/body" && ok "search for '$word' finds story $sid" || bad "search '$word' misses $sid"
# a word from the body text only (texts are indexed, not just titles)
get "$base/api/stories?q=zzzqqqxxyy" >/dev/null
grep -q '"total":0,' "$work/body" && ok "a word found nowhere finds nothing" || bad "nonsense search: $(head -c 200 "$work/body")"
# filters
get "$base/api/stories?conflict=1&per_page=500" >/dev/null
n_conf=$(grep -o '"has_conflict":true' "$work/body" | wc -l | tr -d ' ')
n_all=$(grep -o '"story":' "$work/body" | wc -l | tr -d ' ')
expect_eq "conflict filter keeps only conflicting stories" "$n_conf" "$n_all"
expect_eq "conflict count as in the store" "$("$CONCORD" stories --db "$db" --json | grep -c '"conflict":true')" "$n_conf"
get "$base/api/stories?from=2999-01-01" >/dev/null
grep -q '"total":0,' "$work/body" && ok "date filter: nothing after 2999" || bad "date filter"
outlet=$("$CONCORD" show "$sid" --db "$db" --json 2>/dev/null | grep -o '"source":"[^"]*"' | head -1 | cut -d'"' -f4)
if [ -n "$outlet" ]; then
  enc=$(printf '%s' "$outlet" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')
  get "$base/api/stories?outlet=$enc&per_page=500" >/dev/null
  grep -q "\"story\":\"$sid\"" "$work/body" && ok "outlet filter '$outlet' finds $sid" || bad "outlet filter '$outlet'"
fi
get "$base/api/stories?sort=reports&order=desc&per_page=2&page=2" >/dev/null
grep -q '"page":2,"per_page":2' "$work/body" && ok "paging and sorting" || bad "paging: $(head -c 200 "$work/body")"

# a story: page and JSON
expect_eq "story page" 200 "$(get "$base/story/$sid")"
grep -q 'class="story only"' "$work/body" && ok "story page holds the story" || bad "story page body"
expect_eq "story JSON" 200 "$(get "$base/api/story/$sid")"
grep -q "\"story\":\"$sid\"" "$work/body" && ok "story JSON is the stored document" || bad "story JSON body"

# the outlet network (issue 16): the data of `concord outlets --json`, as a
# page and as JSON, computed once; a speaker's quotes as `concord quotes --speaker`
"$CONCORD" outlets --db "$db" --json >"$work/outlets.cli" 2>/dev/null
n_links=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["links"]))' "$work/outlets.cli")
expect_eq "outlets page" 200 "$(get "$base/outlets")"
expect_eq "outlets page: one row per outlet pair" "$n_links" \
  "$(sed -n '/<table class="stories net" id="pairs">/,/<\/table>/p' "$work/body" | grep -c '^<tr>')"
grep -q 'href="/story/' "$work/body" && ok "outlets page links example stories" || bad "no story link on /outlets"
grep -q 'href="/?outlet=' "$work/body" && ok "outlets page links each outlet's stories" || bad "no outlet link on /outlets"
expect_eq "outlets JSON" 200 "$(get "$base/api/outlets")"
python3 -m json.tool "$work/body" >/dev/null && ok "outlets JSON parses" || bad "outlets JSON does not parse"
cmp -s "$work/body" "$work/outlets.cli" && ok "outlets JSON is concord outlets --json" || bad "outlets JSON differs from the CLI"
cp "$work/body" "$work/outlets.1"
get "$base/api/outlets" >/dev/null
cmp -s "$work/body" "$work/outlets.1" && ok "outlets JSON the same on the second request" || bad "outlets JSON changed"
get "$base/" >/dev/null
grep -q 'href="/outlets"' "$work/body" && ok "the index links the outlet page" || bad "no /outlets link on the index"
grep -q 'action="/speaker"' "$work/body" && ok "the index has a speaker box" || bad "no speaker form on the index"
# the speaker quoted most often in the example stories
speaker=$(python3 -c '
import json, sys, collections
c = collections.Counter(q.get("speaker") for l in open(sys.argv[1]) for q in json.loads(l).get("quotes", []))
c.pop("unknown", None); c.pop(None, None); c.pop("", None)
print(c.most_common(1)[0][0] if c else "")' "$work/ex/stories.jsonl")
if [ -n "$speaker" ]; then
  enc=$(printf '%s' "$speaker" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')
  "$CONCORD" quotes --speaker "$speaker" --db "$db" --json >"$work/speaker.cli" 2>/dev/null
  expect_eq "speaker JSON for '$speaker'" 200 "$(get "$base/api/speaker?name=$enc")"
  same=$(python3 -c '
import json, sys
api = json.load(open(sys.argv[1])); cli = json.load(open(sys.argv[2]))
print(api["statements"] == cli and len(cli) > 0 and api["capped"] is False)' "$work/body" "$work/speaker.cli")
  expect_eq "speaker JSON holds what concord quotes --speaker lists" True "$same"
  expect_eq "speaker page" 200 "$(get "$base/speaker?name=$enc")"
  expect_eq "speaker page: one block per statement" \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/speaker.cli")" \
    "$(grep -o '<div class="quote">' "$work/body" | wc -l | tr -d ' ')"
fi
expect_eq "speaker without a name: 400" 400 "$(get "$base/speaker")"
grep -q "name is required" "$work/body" && ok "400 says what is missing" || bad "speaker 400 message"
expect_eq "speaker name without a word: 400" 400 "$(get "$base/api/speaker?name=%21%21")"
grep -q '"error"' "$work/body" && ok "speaker JSON error is JSON" || bad "speaker JSON error body"
expect_eq "speaker name too long: 400" 400 "$(get "$base/api/speaker?name=$(head -c 300 /dev/zero | tr '\0' a)")"
expect_eq "unknown speaker: 200, nothing found" 200 "$(get "$base/api/speaker?name=Zzyzx%20Qwerty")"
grep -q '"statements":\[\]' "$work/body" && ok "unknown speaker: no statement" || bad "unknown speaker: $(head -c 200 "$work/body")"
expect_eq "hostile speaker name" 200 "$(get "$base/speaker?name=%3Cscript%3Ealert(1)%3C/script%3E%22%3E")"
grep -q '<script>alert' "$work/body" && bad "the speaker name came back unescaped" || ok "no markup from the speaker name"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;' "$work/body" && ok "the speaker name shown escaped" || bad "speaker name not shown"
expect_eq "FTS syntax in a speaker name is only words" 200 "$(get "$base/api/speaker?name=%22%20OR%20NEAR(%2A%20%5E")"
# sorted on the server (serve runs no script): by median lag, by outlet name
cat >"$work/sorted.py" <<'PY'
import html, re, sys
page, table, col, desc = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "desc"
body = re.search(r'<table class="stories net" id="%s">.*?<tbody>(.*?)</tbody>' % table, page, re.S).group(1)
rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
if col < 0:  # text of the first cell
    keys = [html.unescape(re.sub(r"<[^>]*>", "", re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)[0])) for r in rows]
else:        # data-v of the numeric cells
    keys = [float(v) if v else float("-inf") for v in (re.findall(r'data-v="([^"]*)"', r)[col] for r in rows)]
ok = all((a >= b) if desc else (a <= b) for a, b in zip(keys, keys[1:]))
print("%s/%d" % (ok, len(rows)))
PY
expect_eq "outlets sorted by lag" 200 "$(get "$base/outlets?sort=lag")"
expect_eq "outlets sorted by lag: largest first" "True/$n_links" "$(python3 "$work/sorted.py" "$work/body" pairs 3 desc)"
expect_eq "outlets sorted by name, Z-A" 200 "$(get "$base/outlets?sort=outlet&order=desc")"
n_outlets=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["outlets"]))' "$work/outlets.cli")
expect_eq "outlets sorted by name: Z first" "True/$n_outlets" "$(python3 "$work/sorted.py" "$work/body" own -1 desc)"
grep -q 'href="/outlets?sort=outlet&amp;order=asc#outlets-own"' "$work/body" && ok "the sorted heading links its reverse" || bad "no reverse link on the sorted heading"
expect_eq "outlets: unknown sort 400" 400 "$(get "$base/outlets?sort=drop%20table")"
grep -q "sort must be one of" "$work/body" && ok "400 says which sorts exist" || bad "sort 400 message"
expect_eq "outlets: bad order 400" 400 "$(get "$base/outlets?sort=own&order=up")"
expect_eq "POST /api/outlets: 405" 405 "$(get -X POST -d x=1 "$base/api/outlets")"

# errors
expect_eq "unknown story: 404" 404 "$(get "$base/story/no-such-story")"
expect_eq "unknown story JSON: 404" 404 "$(get "$base/api/story/no-such-story")"
grep -q '"error"' "$work/body" && ok "JSON errors are JSON" || bad "JSON error body"
expect_eq "unknown path: 404" 404 "$(get "$base/admin")"
expect_eq "path traversal: 404" 404 "$(get --path-as-is "$base/story/../../etc/passwd")"
expect_eq "bad page: 400" 400 "$(get "$base/?page=-1")"
grep -q "page must be a number" "$work/body" && ok "400 says which parameter" || bad "400 message"
expect_eq "bad date: 400" 400 "$(get "$base/api/stories?from=yesterday")"
expect_eq "bad sort: 400" 400 "$(get "$base/?sort=drop%20table")"
expect_eq "long q: 400" 400 "$(get "$base/?q=$(head -c 400 /dev/zero | tr '\0' a)")"
expect_eq "huge query string: 414" 414 "$(get "$base/?q=$(head -c 40000 /dev/zero | tr '\0' a)")"
expect_eq "POST: 405" 405 "$(get -X POST -d x=1 "$base/")"
expect_eq "FTS syntax is only words" 200 "$(get "$base/api/stories?q=%22%20OR%20NEAR(%2A%20%5E")"
expect_eq "curly apostrophe and accents are words" 200 "$(get "$base/api/stories?q=don%E2%80%99t%20Z%C3%BCrich%20%E6%97%A5%E6%9C%AC")"
expect_eq "bad escapes and NUL in the id: 404" 404 "$(get "$base/story/%00%ff%")"
expect_eq "hostile text is escaped" 200 "$(get "$base/?q=%3Cscript%3Ealert(1)%3C/script%3E")"
grep -q '<script>alert' "$work/body" && bad "the query came back unescaped" || ok "no markup from the query"
grep -qi '^content-security-policy:.*default-src' <(curl -sI "$base/") && ok "CSP header" || bad "no CSP header"

# bounded concurrent load: 600 requests, 16 at a time
urls=$work/urls
for i in $(seq 100); do
  echo "$base/?page=$(( i % 3 + 1 ))"
  echo "$base/api/stories?q=$word&sort=title"
  echo "$base/story/$sid"
  echo "$base/api/story/no-such-$i"
  echo "$base/outlets"
  echo "$base/api/speaker?name=$word"
done >"$urls"
start=$(date +%s)
xargs -P 16 -n 1 curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 <"$urls" >"$work/codes"
took=$(( $(date +%s) - start ))
expect_eq "600 concurrent requests answered" 600 "$(wc -l <"$work/codes" | tr -d ' ')"
expect_eq "500 of them 200" 500 "$(grep -c '^200$' "$work/codes")"
expect_eq "100 of them 404" 100 "$(grep -c '^404$' "$work/codes")"
[ "$took" -le 120 ] && ok "load done in ${took} s" || bad "load took ${took} s"
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
[ -n "$rss" ] && [ "$rss" -lt 262144 ] && ok "server memory after the load: $((rss / 1024)) MB" || bad "server memory ${rss:-?} kB"
expect_eq "still answers after the load" 200 "$(get "$base/")"

# in the browser
chrome=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
lib=$build/libconcord.a
if [ -n "$chrome" ] && [ -x "$chrome" ] && [ -f "$lib" ] &&
   ${CC:-cc} -std=c11 -O1 -I"$src/include" "$src/tests/browser/cdp.c" "$lib" \
     $(pkg-config --libs libutf8proc sqlite3 zlib libxxhash libpcre2-8 libzstd libmicrohttpd) \
     -lstemmer -lpthread -lm -o "$work/cdp" 2>"$work/cc.log"; then
  udd=$(mktemp -d "$work/profile.XXXXXX")
  "$work/cdp" "$chrome" "$udd" >"$work/browser.out" 2>"$work/browser.log" <<STEPS
size 1280 900
open $base/
eval 'rows='+document.querySelectorAll('table.stories tbody tr').length
eval (function(){var q=document.querySelector('input[name=q]');q.value='$word';q.form.submit();return 'submitted'})()
wait 1500
eval 'url='+location.search
eval 'hits='+document.querySelectorAll('table.stories tbody tr').length
open $base/story/$sid
eval 'story='+document.querySelectorAll('section.story').length
eval 'reports='+document.querySelectorAll('details.rep').length
open $base/outlets
eval 'netshown='+(document.getElementById('outlets').offsetParent!==null)
eval 'pairrows='+document.querySelectorAll('#pairs tbody tr').length
eval (function(){var q=document.querySelector('input[name=name]');q.value='$speaker';q.form.submit();return 'spoke'})()
wait 1500
eval 'speakerurl='+location.pathname
eval 'statements='+document.querySelectorAll('#speaker .quote').length
STEPS
  v() { grep -m1 "^$1=" "$work/browser.out" | cut -d= -f2-; }
  expect_eq "browser: index rows" "$(( n_stories < 50 ? n_stories : 50 ))" "$(v rows)"
  case "$(v url)" in *"q=$word"*) ok "browser: the search form submits";; *) bad "browser: search url '$(v url)'";; esac
  [ "$(v hits)" -ge 1 ] 2>/dev/null && ok "browser: search shows $(v hits) stories" || bad "browser: no hit"
  expect_eq "browser: story page" 1 "$(v story)"
  [ "$(v reports)" -ge 1 ] 2>/dev/null && ok "browser: story reports ($(v reports))" || bad "browser: story reports"
  expect_eq "browser: the outlet page shows" true "$(v netshown)"
  expect_eq "browser: outlet pairs" "$n_links" "$(v pairrows)"
  expect_eq "browser: the speaker box opens /speaker" /speaker "$(v speakerurl)"
  [ -z "$speaker" ] || [ "$(v statements)" -ge 1 ] 2>/dev/null && ok "browser: statements of '$speaker' ($(v statements))" || bad "browser: no statement"
  n=$(grep -m1 '^console-errors ' "$work/browser.out" | cut -d' ' -f2)
  expect_eq "browser: no console error" 0 "$n"
  [ "$n" = 0 ] || grep -E '^(console|exception|log)' "$work/browser.log" | head -10
else
  echo "     (chromium not available: browser part skipped)"
fi

# a store of hostile text: outlet names, titles and speakers stay text
"$CONCORD" analyze "$src/tests/browser/hostile.jsonl" -o "$work/ho" --quiet >/dev/null 2>&1
"$CONCORD" serve --db "$work/ho/concord.db" --port 0 2>"$work/serve-ho.err" &
hpid=$!
hport=$(wait_port "$work/serve-ho.err")
if [ -n "$hport" ]; then
  hb=http://127.0.0.1:$hport
  expect_eq "hostile store: outlets page" 200 "$(get "$hb/outlets")"
  grep -q '<script>alert\|<img src=x\|onmouseover=' "$work/body" && bad "hostile store: markup from the store on /outlets" || ok "hostile store: no markup from the store on /outlets"
  grep -q "Evil &lt;script&gt;alert(&#39;src&#39;)&lt;/script&gt; Times" "$work/body" && ok "hostile store: the outlet name shown escaped" || bad "hostile store: outlet name missing"
  grep -q "&lt;/title&gt;&lt;script&gt;alert(&#39;t2&#39;)" "$work/body" && ok "hostile store: the example title shown escaped" || bad "hostile store: example title missing"
  expect_eq "hostile store: outlets JSON" 200 "$(get "$hb/api/outlets")"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(o["outlet"]=="Evil <script>alert('"'"'src'"'"')</script> Times" for o in d["outlets"]) else 1)' "$work/body" &&
    ok "hostile store: outlets JSON parses and keeps the name" || bad "hostile store: outlets JSON"
  expect_eq "hostile store: speaker page" 200 "$(get "$hb/speaker?name=Lind")"
  grep -q '<script>alert\|<b onmouseover' "$work/body" && bad "hostile store: markup on /speaker" || ok "hostile store: no markup on /speaker"
  grep -q '&lt;/textarea&gt;&lt;script&gt;alert(&quot;x2&quot;)' "$work/body" && ok "hostile store: the quote shown escaped" || bad "hostile store: quote missing on /speaker"
else
  bad "hostile store: serve did not start: $(cat "$work/serve-ho.err")"
fi
kill -TERM "$hpid" 2>/dev/null
wait "$hpid" 2>/dev/null

# a store with the outlet table: the network is read from it by the first
# request (the delay hook slows only the pass over story documents)
CONCORD_TEST_SERVE_NET_DELAY_MS=60000 "$CONCORD" serve --db "$db" --port 0 2>"$work/serve-tab.err" &
tpid=$!
tport=$(wait_port "$work/serve-tab.err")
if [ -n "$tport" ]; then
  t0=$(date +%s)
  expect_eq "outlet table: /api/outlets at once" 200 "$(get "http://127.0.0.1:$tport/api/outlets")"
  t1=$(date +%s)
  [ $((t1 - t0)) -le 3 ] && ok "outlet table: answered in $((t1 - t0)) s" || bad "outlet table: took $((t1 - t0)) s"
  "$CONCORD" outlets --db "$db" --json >"$work/tab-cli.json" 2>"$work/tab-cli.err"
  cmp -s "$work/body" "$work/tab-cli.json" && ok "outlet table: /api/outlets equals concord outlets --json" || bad "outlet table: /api/outlets differs from the CLI"
  grep -q "no up-to-date outlet table" "$work/serve-tab.err" "$work/tab-cli.err" && bad "outlet table: a store with the table is said to have none" || ok "outlet table: no fallback note"
else
  bad "outlet table: serve did not start: $(cat "$work/serve-tab.err")"
fi
kill -TERM "$tpid" 2>/dev/null
wait "$tpid" 2>/dev/null

# /outlets reads only the rows it shows from the table (the first pairs in
# the network's order, every outlet, the network's sums); cut at 2, 3 and 4
# rows (the example corpus's pairs 3-6 have one link each: the cut falls
# inside a tie) its rows and counts equal those of the page rendered from
# the whole network (?sort=links, which reads it all)
for rows in 2 3 4; do
  CONCORD_TEST_SERVE_OUTLET_ROWS=$rows "$CONCORD" serve --db "$db" --port 0 2>"$work/serve-cut.err" &
  cpid=$!
  cport=$(wait_port "$work/serve-cut.err")
  if [ -n "$cport" ]; then
    get "http://127.0.0.1:$cport/outlets" >/dev/null
    grep -v '<th\|sort=' "$work/body" | sed -n '/<tbody>/,/<\/tbody>/p;/class="meta"/p;/capped/p' >"$work/cut-first.txt"
    get "http://127.0.0.1:$cport/outlets?sort=links&order=desc" >/dev/null
    grep -v '<th\|sort=' "$work/body" | sed -n '/<tbody>/,/<\/tbody>/p;/class="meta"/p;/capped/p' |
      sed 's/first in this order/with the most links/' >"$work/cut-all.txt"
    n_tr=$(grep -c '^<tr>' "$work/cut-first.txt")
    if [ "$n_tr" -eq $((rows * 2)) ] && cmp -s "$work/cut-first.txt" "$work/cut-all.txt"; then
      ok "/outlets cut at $rows rows: the same rows and counts as the whole network's page"
    else
      bad "/outlets cut at $rows rows ($n_tr rows): differs from the whole network's page: $(diff "$work/cut-first.txt" "$work/cut-all.txt" | head -5)"
    fi
  else
    bad "/outlets cut at $rows rows: serve did not start: $(cat "$work/serve-cut.err")"
  fi
  kill -TERM "$cpid" 2>/dev/null
  wait "$cpid" 2>/dev/null
done

# a store written before the outlet table (what an older concord leaves):
# its network is counted from the documents by a thread; a network that is
# not ready yet (a minute at 1M articles) gets, after a few seconds, 503
# with Retry-After, not a hang; the other pages answer meanwhile
python3 - "$db" "$work/old.db" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
for (kind, name) in dst.execute("SELECT type, name FROM sqlite_schema WHERE substr(name, 1, 7) = 'outlet_' AND type IN ('trigger', 'table')").fetchall():
    dst.execute("DROP %s %s" % (kind.upper(), name))
dst.commit(); dst.close()
PY
"$CONCORD" outlets --db "$work/old.db" --json >"$work/old-cli.json" 2>"$work/old-cli.err"
cmp -s "$work/old-cli.json" "$work/tab-cli.json" && ok "store without the outlet table: concord outlets counts the same" || bad "store without the outlet table: concord outlets differs"
grep -q "no up-to-date outlet table" "$work/old-cli.err" && ok "store without the outlet table: concord outlets says so" || bad "store without the outlet table: no note"
CONCORD_TEST_SERVE_NET_DELAY_MS=60000 "$CONCORD" serve --db "$work/old.db" --port 0 2>"$work/serve-slow.err" &
spid=$!
sport=$(wait_port "$work/serve-slow.err")
if [ -n "$sport" ]; then
  sb=http://127.0.0.1:$sport
  t0=$(date +%s)
  expect_eq "network not ready: /api/outlets 503" 503 "$(get -D "$work/hdr" "$sb/api/outlets")"
  t1=$(date +%s)
  grep -qi '^Retry-After: 5' "$work/hdr" && ok "network not ready: Retry-After" || bad "network not ready: no Retry-After: $(cat "$work/hdr")"
  grep -q '"error":{"status":503,"message":"the outlet network is being computed' "$work/body" && ok "network not ready: JSON error" || bad "network not ready: body $(head -c 200 "$work/body")"
  [ $((t1 - t0)) -le 10 ] && ok "network not ready: answered in $((t1 - t0)) s" || bad "network not ready: took $((t1 - t0)) s"
  expect_eq "network not ready: index still 200" 200 "$(get "$sb/")"
  grep -q "no up-to-date outlet table" "$work/serve-slow.err" && ok "network not ready: serve says the store has no outlet table" || bad "network not ready: no note: $(cat "$work/serve-slow.err")"
  s0=$(date +%s)
  kill -TERM "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null
  s1=$(date +%s)
  [ $((s1 - s0)) -le 10 ] && ok "network not ready: SIGTERM stops the server in $((s1 - s0)) s" || bad "network not ready: stop took $((s1 - s0)) s"
else
  bad "slow network: serve did not start: $(cat "$work/serve-slow.err")"
  kill -TERM "$spid" 2>/dev/null
fi

kill -TERM "$pid"
wait "$pid"; rc=$?
pid=
expect_eq "SIGTERM stops the server with 0" 0 "$rc"
echo "serve: $fails failed"
[ "$fails" -eq 0 ]
