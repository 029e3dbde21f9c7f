#!/usr/bin/env bash
# The HTML report in a real browser: headless Debian chromium, driven over the
# DevTools protocol by tests/browser/cdp.c (a pipe, no network, no npm).
#
# For the report of examples/corpus (written as it is, then again with every
# story in an inert block, the form large reports take): no console error; the
# index lists every story of the store; typing in the search box filters the
# rows; a story with conflicting figures opens and shows them, with its quote
# variants and word differences, digest, timeline, lineage and reports; the
# removed junk appears only on demand.  For the report of the hostile corpus
# (tests/browser/hostile.jsonl: <script>, </textarea>, javascript: links,
# event handlers, broken entities in every field): the DOM holds that text as
# text only; no element, attribute or link of it exists and nothing runs.
# Screenshots go to $CONCORD_BUILD_DIR/screenshots/.  With ../shared/data/gva-dev
# present, also prints the load time of its report.  Skips (77) without chromium.
set -u
src=${CONCORD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${CONCORD_BUILD_DIR:-$src/build}
CONCORD=${CONCORD:-$build/concord}
chrome=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chrome" ] || [ ! -x "$chrome" ]; then
  echo "skip: chromium is not installed (scripts/deps.sh --test installs it)"
  exit 77
fi
lib=$build/libconcord.a
if [ ! -f "$lib" ]; then
  echo "skip: $lib not built"
  exit 77
fi
work=$build/report-browser
shots=$build/screenshots
rm -rf "$work"
mkdir -p "$work" "$shots"

# the protocol client, against this build's library (sanitizer builds need
# the sanitizer runtime at link time)
extra=()
if nm "$lib" 2>/dev/null | grep -c __asan_init >/dev/null; then extra+=(-fsanitize=address,undefined); fi
# coverage builds need the profile runtime at link time
if nm "$lib" 2>/dev/null | grep -cE "__gcov_|llvm_gcov_init" >/dev/null; then extra+=(--coverage); fi
if ! ${CC:-cc} -std=c11 -O1 "${extra[@]}" -I"$src/include" "$src/tests/browser/cdp.c" "$lib" \
    $(pkg-config --libs libutf8proc sqlite3 zlib libxxhash libpcre2-8 libzstd libmicrohttpd) -lstemmer -lpthread -lm \
    -o "$work/cdp" 2>"$work/cc.log"; then
  cat "$work/cc.log"
  echo "FAIL cannot build tests/browser/cdp.c"
  exit 1
fi

fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
# value KEY FILE: the value printed by an eval that returned 'KEY=value'
value() { grep -m1 "^$1=" "$2" | cut -d= -f2-; }
expect_eq() { # what expected actual
  if [ "$2" = "$3" ]; then ok "$1 ($3)"; else bad "$1: expected '$2', got '$3'"; fi
}
expect_gt() { # what floor actual
  if [ -n "$3" ] && [ "$3" -gt "$2" ] 2>/dev/null; then ok "$1 ($3)"; else bad "$1: expected more than $2, got '$3'"; fi
}
# browse NAME STEPS: runs the steps; output in $work/NAME.out, log in NAME.log
browse() {
  local udd
  udd=$(mktemp -d "$work/profile.XXXXXX")
  "$work/cdp" "$chrome" "$udd" <"$2" >"$work/$1.out" 2>"$work/$1.log"
  local rc=$?
  rm -rf "$udd"
  if [ $rc -eq 2 ]; then
    bad "$1: the browser session failed"
    sed 's/^/    /' "$work/$1.log" | tail -20
  fi
  local n
  n=$(value console-errors "$work/$1.out" 2>/dev/null || true)
  n=$(grep -m1 '^console-errors ' "$work/$1.out" | cut -d' ' -f2)
  if [ "$n" = 0 ]; then ok "$1: no console error"; else
    bad "$1: $n console errors"
    grep -E '^(console|exception|log)' "$work/$1.log" | head -20 | sed 's/^/    /'
  fi
  local t
  t=$(grep -m1 '^load-seconds ' "$work/$1.out" | cut -d' ' -f2)
  [ -n "$t" ] && echo "     $1: loaded in $t s"
}

# ---------------------------------------------------------------- examples
ex=$work/ex
"$CONCORD" analyze "$src/examples/corpus" -o "$ex" --quiet >/dev/null 2>&1
if [ ! -f "$ex/report.html" ]; then
  bad "concord analyze examples/corpus wrote no report"
  exit 1
fi
"$CONCORD" stories --db "$ex/concord.db" --json >"$ex/stories.json" 2>/dev/null
n_stories=$(grep -c '"story"' "$ex/stories.json")
n_conflict=$(grep -c '"conflict":true' "$ex/stories.json")
page=$(( n_stories < 100 ? n_stories : 100 ))
# a word to search for: the longest word of the first conflicting story's title
word=$(grep -m1 '"conflict":true' "$ex/stories.json" | sed 's/.*"title":"\([^"]*\)".*/\1/' |
  tr -cs '[:alpha:]' '\n' | awk '{ if (length($0) > length(w)) w = $0 } END { print tolower(w) }')
echo "     examples: $n_stories stories, $n_conflict with conflicts; searching for '$word'"
LAZY_ENV=
story_checks() { # steps that check the open story; $1: screenshot name or ""
  cat <<EOF
wait 200
eval (function(){var s=document.querySelector('.story.open');return 'open='+(s&&s.offsetParent!==null?s.id:'none')})()
eval 'indexhidden='+(document.getElementById('index').offsetParent===null)
eval 'conflicts='+document.querySelectorAll('.story.open tbody.fig.conflict').length
eval 'offrows='+document.querySelectorAll('.story.open tbody.fig.conflict tr.off').length
eval 'variants='+document.querySelectorAll('.story.open table.variants tr.var').length
eval 'diffmarks='+document.querySelectorAll('.story.open table.variants ins, .story.open table.variants del').length
eval 'digest='+document.querySelectorAll('.story.open ol.digest li').length
eval 'dots='+document.querySelectorAll('.story.open svg.timeline circle').length
eval 'reports='+document.querySelectorAll('.story.open details.rep').length
eval 'lineage='+document.querySelectorAll('.story.open svg.lineage').length
eval (function(){var s=document.querySelector('.story.open');s.scrollIntoView();return 'scrolled'})()
EOF
  if [ -n "$1" ]; then
    echo "shot $shots/$1.png"
    echo "full $shots/$1-full.png"
  fi
  cat <<'EOF'
eval (function(){var d=document.querySelector('.story.open details.rep:has(.jk)');if(!d)return 'junk=none';d.open=true;var j=d.querySelector('del.junk'),a=getComputedStyle(j).display;d.querySelector('.jk').click();return 'junk='+a+'/'+getComputedStyle(j).display})()
EOF
}
check_story() { # NAME
  local o=$work/$1.out
  expect_eq "$1: the story opened" "$(value story "$o" | sed 's/^#//')" "$(value open "$o")"
  expect_eq "$1: the index hides" true "$(value indexhidden "$o")"
  expect_gt "$1: conflicting figures shown" 0 "$(value conflicts "$o")"
  expect_gt "$1: the reports outside the conflict marked" 0 "$(value offrows "$o")"
  expect_gt "$1: quote variants" 0 "$(value variants "$o")"
  expect_gt "$1: differing words marked" 0 "$(value diffmarks "$o")"
  expect_gt "$1: digest sentences" 0 "$(value digest "$o")"
  expect_eq "$1: one timeline dot a report" "$(value reports "$o")" "$(value dots "$o")"
  expect_eq "$1: lineage graph" 1 "$(value lineage "$o")"
  local j
  j=$(value junk "$o")
  if [ "$j" = none ]; then echo "     $1: no report of this story had junk removed"
  else expect_eq "$1: removed junk hidden, then shown on demand" "none/inline" "$j"; fi
}

cat >"$work/ex.steps" <<EOF
size 1280 900
open file://$ex/report.html
eval 'rows='+document.querySelectorAll('#rows tr').length
eval 'visible='+document.querySelectorAll('#rows tr:not([hidden])').length
eval 'conflictrows='+document.querySelectorAll('#rows .badge.conflict').length
eval 'scripts='+document.scripts.length
shot $shots/index.png
eval (function(){var w='$word';return 'expect='+Array.prototype.filter.call(document.querySelectorAll('#rows tr'),function(r){return r.getAttribute('data-q').toLowerCase().indexOf(w)>=0}).length})()
eval document.getElementById('q').focus()
type $word
wait 200
eval 'filtered='+document.querySelectorAll('#rows tr:not([hidden])').length
eval (function(){var w='$word';return 'allmatch='+Array.prototype.every.call(document.querySelectorAll('#rows tr:not([hidden])'),function(r){return r.getAttribute('data-q').toLowerCase().indexOf(w)>=0})})()
eval 'count='+document.getElementById('count').textContent
shot $shots/index-search.png
eval document.getElementById('q').select()
key Backspace
wait 200
eval 'cleared='+document.querySelectorAll('#rows tr:not([hidden])').length
eval document.querySelector('th[data-sort=n]').click()
eval (function(){var v=Array.prototype.map.call(document.querySelectorAll('#rows tr:not([hidden])'),function(r){return +r.getAttribute('data-n')});return 'sorted='+v.every(function(x,i){return !i||v[i-1]>=x})+'/'+(v[0]===Math.max.apply(null,v))})()
eval (function(){var a=document.querySelector('#rows .badge.conflict').closest('tr').querySelector('a');a.click();return 'story='+a.getAttribute('href')})()
$(story_checks story)
EOF
browse examples "$work/ex.steps"
o=$work/examples.out
expect_eq "examples: the index lists every story" "$n_stories" "$(value rows "$o")"
expect_eq "examples: first page of the index shown" "$page" "$(value visible "$o")"
expect_eq "examples: conflict markers in the index" "$n_conflict" "$(value conflictrows "$o")"
expect_eq "examples: one script, the report's own" 1 "$(value scripts "$o")"
filtered=$(value filtered "$o")
expect=$(value expect "$o")
expect_eq "examples: search '$word' keeps the matching rows" "$(( expect < 100 ? expect : 100 ))" "$filtered"
if [ -n "$filtered" ] && [ "$filtered" -lt "$n_stories" ] && [ "$filtered" -gt 0 ]; then
  ok "examples: search narrows $n_stories stories to $filtered"
else bad "examples: search did not narrow the index ($filtered of $n_stories)"; fi
expect_eq "examples: every row left matches" true "$(value allmatch "$o")"
expect_eq "examples: clearing the search brings the rows back" "$page" "$(value cleared "$o")"
expect_eq "examples: sorting by number of reports" true/true "$(value sorted "$o")"
check_story examples

# the "Outlets" page (issue 16): reachable from the header, every outlet pair
# and outlet of `concord outlets --json`, sortable, example links open stories
"$CONCORD" outlets --db "$ex/concord.db" --json >"$ex/outlets.json" 2>/dev/null
n_links=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["links"]))' "$ex/outlets.json")
n_outlets=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["outlets"]))' "$ex/outlets.json")
top_pair=$(python3 -c 'import json,sys; l=json.load(open(sys.argv[1]))["links"][0]; print(l["from"]+" > "+l["to"])' "$ex/outlets.json")
outlet_steps() { # FILE
  cat <<EOF
size 1280 900
open file://$1
eval (function(){var a=document.querySelector('header nav.tabs a[href="#outlets"]');if(!a)return 'tab=none';a.click();return 'tab=clicked'})()
wait 200
eval 'netshown='+(document.getElementById('outlets').offsetParent!==null)
eval 'netindexhidden='+(document.getElementById('index').offsetParent===null)
eval 'pairrows='+document.querySelectorAll('#pairs tbody tr').length
eval 'ownrows='+document.querySelectorAll('#own tbody tr').length
eval (function(){var r=document.querySelector('#pairs tbody tr');return 'firstpair='+(r?r.cells[0].textContent+' > '+r.cells[1].textContent:'none')})()
eval 'exlinks='+document.querySelectorAll('#pairs td.ex a[href^="#story-"]').length
eval (function(){var th=document.querySelector('#pairs th:nth-child(6)');th.click();var v=Array.prototype.map.call(document.querySelectorAll('#pairs tbody tr'),function(r){var x=r.cells[5].getAttribute('data-v');return x===''?-1e9:+x});return 'lagsorted='+v.every(function(x,i){return !i||v[i-1]>=x})+'/'+th.getAttribute('aria-sort')})()
eval (function(){var th=document.querySelector('#own th:nth-child(4)');th.click();th.click();var v=Array.prototype.map.call(document.querySelectorAll('#own tbody tr'),function(r){return +r.cells[3].getAttribute('data-v')});return 'ownsorted='+v.every(function(x,i){return !i||v[i-1]<=x})+'/'+th.getAttribute('aria-sort')})()
eval (function(){var th=document.querySelector('#own th:nth-child(1)');th.click();var v=Array.prototype.map.call(document.querySelectorAll('#own tbody tr'),function(r){return r.cells[0].textContent.toLowerCase()});return 'namesorted='+v.every(function(x,i){return !i||v[i-1]<=x})})()
shot $shots/outlets.png
eval (function(){var a=document.querySelector('#pairs td.ex a');if(!a)return 'exstory=none';window.__to=a.closest('tr').cells[1].textContent;a.click();return 'exstory='+a.getAttribute('href').replace(/-r[0-9]+$/,'')})()
wait 300
eval (function(){var s=document.querySelector('.story:target,.story.open,.story:has(:target)');return 'exopen='+(s&&s.offsetParent!==null?'#'+s.id:'none')})()
eval (function(){var d=document.getElementById(location.hash.slice(1));return 'exrep='+(d&&d.tagName==='DETAILS'&&d.open?'open':'closed')+'/'+(d&&d.querySelector('.src')?d.querySelector('.src').textContent===window.__to:false)})()
eval 'nethidden='+(document.getElementById('outlets').offsetParent===null)
EOF
}
check_outlets() { # NAME
  local o=$work/$1.out
  expect_eq "$1: the Outlets tab opens the outlet page" true "$(value netshown "$o")"
  expect_eq "$1: the index hides behind it" true "$(value netindexhidden "$o")"
  expect_eq "$1: one row per outlet pair of concord outlets" "$n_links" "$(value pairrows "$o")"
  expect_eq "$1: one row per outlet" "$n_outlets" "$(value ownrows "$o")"
  expect_eq "$1: pairs in concord outlets' order" "$top_pair" "$(value firstpair "$o")"
  expect_gt "$1: example stories linked" 0 "$(value exlinks "$o")"
  expect_eq "$1: pairs sorted by median lag" true/descending "$(value lagsorted "$o")"
  expect_eq "$1: outlets sorted by own share, then reversed" true/ascending "$(value ownsorted "$o")"
  expect_eq "$1: outlets sorted by name" true "$(value namesorted "$o")"
  expect_eq "$1: an example link opens its story" "$(value exstory "$o")" "$(value exopen "$o")"
  expect_eq "$1: ... at the copying outlet's report, opened" open/true "$(value exrep "$o")"
  expect_eq "$1: the outlet page hides when a story opens" true "$(value nethidden "$o")"
}
outlet_steps "$ex/report.html" >"$work/outlets.steps"
browse outlets "$work/outlets.steps"
check_outlets outlets

# the same report with every story in an inert block (the large-report form)
CONCORD_REPORT_INLINE_MAX=0 "$CONCORD" report --db "$ex/concord.db" -o "$work/ex-lazy.html" --quiet >/dev/null 2>&1
blocks=$(grep -o '<script type="text/x-concord-story"' "$work/ex-lazy.html" | wc -l)
expect_eq "lazy: every story in a block" "$n_stories" "$blocks"
cat >"$work/lazy.steps" <<EOF
size 1280 900
open file://$work/ex-lazy.html
eval 'rows='+document.querySelectorAll('#rows tr').length
eval 'sections='+document.querySelectorAll('section.story').length
eval (function(){var a=document.querySelector('#rows .badge.conflict').closest('tr').querySelector('a');a.click();return 'story='+a.getAttribute('href')})()
$(story_checks "")
EOF
browse lazy "$work/lazy.steps"
expect_eq "lazy: the index lists every story" "$n_stories" "$(value rows "$work/lazy.out")"
expect_eq "lazy: no story page built before it is opened" 0 "$(value sections "$work/lazy.out")"
check_story lazy
outlet_steps "$work/ex-lazy.html" >"$work/outlets-lazy.steps"
browse outlets-lazy "$work/outlets-lazy.steps"
check_outlets outlets-lazy

# ---------------------------------------------------------------- hostile
ho=$work/hostile
"$CONCORD" analyze "$src/tests/browser/hostile.jsonl" -o "$ho" --quiet >/dev/null 2>&1
CONCORD_REPORT_INLINE_MAX=0 "$CONCORD" report --db "$ho/concord.db" -o "$work/hostile-lazy.html" --quiet >/dev/null 2>&1
hostile_steps() { # FILE SHOT
  cat <<EOF
size 1280 900
preload window.__ran=0;window.alert=function(){window.__ran++};
open file://$1
eval (function(){var a=document.querySelector('#rows a');if(a)a.click();return 'clicked'})()
wait 200
eval (function(){var d=document.querySelectorAll('details');for(var i=0;i<d.length;i++)d[i].open=true;var k=document.querySelectorAll('.jk');for(i=0;i<k.length;i++)k[i].click();return 'opened'})()
wait 200
eval 'scripts='+document.scripts.length
eval 'styles='+document.querySelectorAll('style').length
eval 'handlers='+Array.prototype.filter.call(document.querySelectorAll('*'),function(e){return Array.prototype.some.call(e.attributes,function(a){return /^on/i.test(a.name)})}).length
eval 'badlinks='+Array.prototype.filter.call(document.querySelectorAll('[href],[src],[action],[formaction],[xlink\\\\:href]'),function(e){var h=e.getAttribute('href')||e.getAttribute('src')||e.getAttribute('action')||e.getAttribute('formaction')||'';return !/^(https?:\/\/|#)/i.test(h)}).length
eval 'badtags='+document.querySelectorAll('iframe,img,textarea,plaintext,math,object,embed,frame,link,base,form,b[onmouseover],svg svg').length
eval 'ran='+window.__ran
eval 'body1='+document.body.textContent.indexOf('Floods killed 12 people <script>alert("x1")</script> in the river town')
eval 'quote='+document.querySelector('.story blockquote').textContent.indexOf('</textarea><script>alert("x2")</script>')
eval 'title='+Math.min(document.body.textContent.indexOf("Floods kill 12 in Brennport <img src=x onerror=alert('t1')>"),document.body.textContent.indexOf("</title><script>alert('t2')</script>Brennport floods"))
eval 'outlet='+document.body.textContent.indexOf("Evil <script>alert('src')</script> Times")
eval 'entity='+document.body.textContent.indexOf('&amp broken &#xZZ; entity &lt;script&gt;')
eval 'junk='+document.body.textContent.indexOf('<iframe src="javascript:alert')
eval 'netoutlet='+document.getElementById('outlets').textContent.indexOf("Evil <script>alert('src')</script> Times")
eval 'netpair='+document.getElementById('pairs').textContent.indexOf('The "Quoted" & <Bracketed> Post')
eval 'nettitle='+document.getElementById('pairs').textContent.indexOf("</title><script>alert('t2')</script>Brennport")
shot $2
EOF
}
check_hostile() { # NAME
  local o=$work/$1.out
  expect_eq "$1: only the report's own script" 1 "$(value scripts "$o")"
  expect_eq "$1: only the report's own style" 1 "$(value styles "$o")"
  expect_eq "$1: no event-handler attribute" 0 "$(value handlers "$o")"
  expect_eq "$1: no link other than http(s) and #fragments" 0 "$(value badlinks "$o")"
  expect_eq "$1: no element from article text" 0 "$(value badtags "$o")"
  expect_eq "$1: nothing ran" 0 "$(value ran "$o")"
  local k
  for k in body1 quote title outlet entity junk netoutlet netpair nettitle; do
    expect_gt "$1: hostile $k text shown as text" -1 "$(value $k "$o")"
  done
}
hostile_steps "$ho/report.html" "$shots/hostile.png" >"$work/hostile.steps"
browse hostile "$work/hostile.steps"
check_hostile hostile
hostile_steps "$work/hostile-lazy.html" "$shots/hostile-lazy.png" >"$work/hostile-lazy.steps"
browse hostile-lazy "$work/hostile-lazy.steps"
check_hostile hostile-lazy

# ---------------------------------------------------------------- load time
gva=$src/../shared/data/gva-dev/articles.jsonl
if [ -f "$gva" ]; then
  "$CONCORD" analyze "$gva" -o "$work/gva" --quiet >/dev/null 2>&1
  if [ -f "$work/gva/report.html" ]; then
    printf 'size 1280 900\nopen file://%s\neval %s\n' "$work/gva/report.html" \
      "'paint='+Math.round(performance.getEntriesByType('paint').map(function(e){return e.startTime}).concat([0])[0])" \
      >"$work/gva.steps"
    browse gva-dev "$work/gva.steps"
    mb=$(awk -v b="$(stat -c %s "$work/gva/report.html")" 'BEGIN { printf "%.1f", b / 1048576 }')
    echo "     gva-dev report: $mb MB, $(grep -c '"story"' "$work/gva/stories.jsonl") stories," \
         "loaded in $(grep -m1 '^load-seconds ' "$work/gva-dev.out" | cut -d' ' -f2) s," \
         "first paint at $(value paint "$work/gva-dev.out") ms"
  fi
else
  echo "     (../shared/data/gva-dev absent: no load time for a large report)"
fi

echo "screenshots: $shots"
if [ $fails -eq 0 ]; then echo "report_browser: all checks passed"; exit 0; fi
echo "report_browser: $fails checks failed"
exit 1
