#!/usr/bin/env bash
# `concord serve` over the store of examples/corpus, on a free loopback port:
# the index, search, filters, sorting and paging (HTML and JSON); a story page
# and its JSON; clear HTTP errors for unknown ids and paths, bad parameters,
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

"$CONCORD" serve --db "$db" --port 0 2>"$work/serve.err" &
pid=$!
port=
for _ in $(seq 100); do
  port=$(grep -o ':[0-9]\+/' "$work/serve.err" 2>/dev/null | tr -d ':/')
  [ -n "$port" ] && break
  sleep 0.1
done
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

# bounded concurrent load: 400 requests, 16 at a time
urls=$work/urls
for i in $(seq 100); do
  echo "$base/?page=$(( i % 3 + 1 ))"
  echo "$base/api/stories?q=$word&sort=title"
  echo "$base/story/$sid"
  echo "$base/api/story/no-such-$i"
done >"$urls"
start=$(date +%s)
xargs -P 16 -n 1 curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 <"$urls" >"$work/codes"
took=$(( $(date +%s) - start ))
expect_eq "400 concurrent requests answered" 400 "$(wc -l <"$work/codes" | tr -d ' ')"
expect_eq "300 of them 200" 300 "$(grep -c '^200$' "$work/codes")"
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
STEPS
  v() { grep -m1 "^$1=" "$work/browser.out" | cut -d= -f2-; }
  expect_eq "browser: index rows" "$(( n_stories < 50 ? n_stories : 50 ))" "$(v rows)"
  case "$(v url)" in *"q=$word"*) ok "browser: the search form submits";; *) bad "browser: search url '$(v url)'";; esac
  [ "$(v hits)" -ge 1 ] 2>/dev/null && ok "browser: search shows $(v hits) stories" || bad "browser: no hit"
  expect_eq "browser: story page" 1 "$(v story)"
  [ "$(v reports)" -ge 1 ] 2>/dev/null && ok "browser: story reports ($(v reports))" || bad "browser: story reports"
  n=$(grep -m1 '^console-errors ' "$work/browser.out" | cut -d' ' -f2)
  expect_eq "browser: no console error" 0 "$n"
  [ "$n" = 0 ] || grep -E '^(console|exception|log)' "$work/browser.log" | head -10
else
  echo "     (chromium not available: browser part skipped)"
fi

kill -TERM "$pid"
wait "$pid"; rc=$?
pid=
expect_eq "SIGTERM stops the server with 0" 0 "$rc"
echo "serve: $fails failed"
[ "$fails" -eq 0 ]
