#!/usr/bin/env bash
# Web input (issue 11) through the CLI: folders of pages and WARC files with
# `concord clean` and `concord analyze`, and the bad inputs of the issue
# (truncated markup, 100,000 levels of nesting, a page of one 50 MB line,
# a 100 MB page, script-only and empty pages, a binary payload labelled
# HTML, WARC files cut at the end or in the middle of a gzip member, WARC
# records whose Content-Length lies, an unknown WARC version): each gets a
# message naming the file (and record and byte) and the rest is still read.  Then, when ../shared/data/html-dev is there,
# the extractor's score on it must not fall below the recorded floor.
set -u
src=${CONCORD_SOURCE_DIR:?}
build=${CONCORD_BUILD_DIR:?}
concord=${CONCORD:-$build/concord}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }

pages="$tmp/pages"
mkdir -p "$pages"
para() { # para N: one paragraph of prose
    echo "<p>Paragraph $1 says that the bridge over the river will stay closed until the spring, because engineers found cracks in two of its piers, the city council said on Tuesday.</p>"
}
{
    echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridge closed | Riverside Daily</title>'
    echo '<meta property="og:site_name" content="Riverside Daily"><meta property="article:published_time" content="2024-02-06T09:00:00Z"></head><body>'
    echo '<nav><a href="/">Home</a> <a href="/local">Local</a></nav><article><h1>Bridge closed</h1>'
    for i in 1 2 3 4; do para $i; done
    echo '</article><footer>Copyright Riverside Daily</footer></body></html>'
} >"$pages/bridge.html"
gzip -c "$pages/bridge.html" >"$pages/bridge-copy.html.gz"
# truncated markup
head -c 700 "$pages/bridge.html" >"$pages/truncated.htm"
# script-only page
echo '<html><head><script>var x = "<p>no</p>";</script></head><body><script>run()</script></body></html>' >"$pages/script-only.html"
# empty page and binary payload labelled HTML
: >"$pages/empty.html"
head -c 20000 /dev/urandom >"$pages/binary.html"
# 100,000 levels of nesting
python3 - "$pages/deep.html" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("<html><body><p>A page whose markup nests far too deep, written by a broken generator, still has this paragraph of text.</p>")
    f.write("<div>" * 100000 + "deep" + "</div>" * 100000 + "</body></html>")
PY
# one line of 50 MB (over the default 32 MiB record limit: skipped with a message)
python3 - "$pages/oneline.html" <<'PY'
import sys
word = "lorem ipsum dolor sit amet, "
with open(sys.argv[1], "w") as f:
    f.write("<html><body><p>" + word * (50 * 1000 * 1000 // len(word)) + "</p></body></html>")
PY

out="$tmp/clean.jsonl"
"$concord" clean "$pages" >"$out" 2>"$tmp/err"
rc=$?
n=$(wc -l <"$out")
[ "$rc" -ne 0 ] && [ "$rc" -lt 64 ] || [ "$rc" -eq 2 ] || true
if [ "$n" -eq 4 ]; then ok "clean on a folder of pages: 4 articles (bridge, bridge-copy, truncated, deep)"; else bad "clean gave $n articles, want 4"; cut -c1-200 "$out"; fi
grep -q '"id":"bridge","source":"Riverside Daily"' "$out" && ok "id from the file name, outlet from og:site_name" || bad "bridge article fields: $(head -c 300 "$out")"
grep '"id":"bridge"' "$out" | grep -q '"date":"2024-02-06","title":"Bridge closed"' && ok "date and title (site name cut)" || bad "bridge date/title"
grep '"id":"bridge"' "$out" | grep -q '"lang":"en"' && ok "lang from <html lang>" || bad "bridge lang"
grep '"id":"bridge"' "$out" | grep -q 'Home\|Copyright' && bad "navigation or footer kept" || ok "navigation and footer dropped"
grep -q '"id":"deep".*still has this paragraph' "$out" && ok "deeply nested page read" || bad "deep page"
grep -q '"id":"truncated".*Paragraph 1' "$out" && ok "truncated page read as far as it goes" || bad "truncated page"
for f in script-only.html empty.html binary.html oneline.html; do
    grep -q "$f" "$tmp/err" && ok "message names $f" || bad "no message for $f: $(cat "$tmp/err")"
done
[ "$rc" -ne 0 ] && ok "exit code says input was skipped ($rc)" || bad "exit code 0 despite bad pages"

# WARC: generated from the pages, whole and cut in the middle
"$build/gen_warc" -o "$tmp/crawl.warc.gz" "$pages/bridge.html" "$pages/deep.html" "$pages/truncated.htm" 2>/dev/null
"$concord" clean "$tmp/crawl.warc.gz" >"$tmp/warc.jsonl" 2>"$tmp/warc.err"
n=$(wc -l <"$tmp/warc.jsonl")
[ "$n" -eq 3 ] && ok "WARC: 3 responses, 3 articles" || bad "WARC gave $n articles: $(cat "$tmp/warc.err")"
grep -q '"url":"https://pages.example/0/bridge"' "$tmp/warc.jsonl" && ok "url from WARC-Target-URI" || bad "WARC url"
size=$(wc -c <"$tmp/crawl.warc.gz")
head -c $((size * 2 / 3)) "$tmp/crawl.warc.gz" >"$tmp/cut.warc.gz"
"$concord" clean "$tmp/cut.warc.gz" >"$tmp/cut.jsonl" 2>"$tmp/cut.err"
rc=$?
grep -q "cut.warc.gz" "$tmp/cut.err" && ok "cut WARC reported: $(head -1 "$tmp/cut.err" | cut -c1-120)" || bad "no message for the cut WARC"
[ "$(wc -l <"$tmp/cut.jsonl")" -ge 1 ] && ok "records before the cut still read" || bad "nothing read from the cut WARC"
# WARC records that lie (Content-Length too short, too long, past the end
# of the file), an unknown WARC version, a gzip member cut mid-file
python3 "$src/tests/tools/bad_warc.py" "$tmp"
"$concord" clean "$tmp/lying.warc" >"$tmp/lying.jsonl" 2>"$tmp/lying.err"
for k in 1 2 4 5 6; do
    grep -q "Story number $k tells" "$tmp/lying.jsonl" || bad "lying.warc: story $k lost: $(cat "$tmp/lying.err")"
done
grep -q "Story number 3 tells" "$tmp/lying.jsonl" && bad "lying.warc: the WARC/2.0 record was read"
for want in "lying.warc:2:[0-9]*: record 2 at byte [0-9]*: Content-Length [0-9]* does not match the record" \
    "lying.warc:3:[0-9]*: record 3 at byte [0-9]*: unknown WARC version 2.0" \
    "lying.warc:4:[0-9]*: record 4 at byte [0-9]*: Content-Length [0-9]* does not match the record (the next record starts inside it)" \
    "lying.warc:6:[0-9]*: record 6 at byte [0-9]*: Content-Length 100000 runs past the end of the file"; do
    grep -q "$want" "$tmp/lying.err" && ok "message: $want" || bad "no message like '$want': $(cat "$tmp/lying.err")"
done
"$concord" clean "$tmp/midcut.warc.gz" >"$tmp/cutmid.jsonl" 2>"$tmp/cutmid.err"
n=$(grep -c "Story number [134] tells" "$tmp/cutmid.jsonl")
[ "$n" -eq 3 ] && ok "gzip member cut mid-file: the 3 other records read" || bad "cut mid-file: $n of 3 records: $(cat "$tmp/cutmid.err")"
grep -q "midcut.warc.gz:2:[0-9]*: gzip member 2 at compressed byte [0-9]*: corrupt" "$tmp/cutmid.err" &&
    ok "message: $(head -1 "$tmp/cutmid.err" | cut -c1-150)" || bad "no message for the cut member: $(cat "$tmp/cutmid.err")"

# a 100 MB page: over the default record limit, skipped with a message that
# says how to raise it (read whole with --max-record, see doc/web-input.md)
python3 - "$tmp/big.html" <<'PY'
import sys
para = "<p>Paragraph %d says that the bridge will stay closed until the spring, because engineers found cracks in its piers.</p>\n"
with open(sys.argv[1], "w") as f:
    f.write("<html><body><article>")
    n = size = 0
    while size < 100 * 1000 * 1000:
        s = para % n
        f.write(s)
        size += len(s)
        n += 1
    f.write("</article></body></html>")
PY
"$concord" clean "$tmp/big.html" >"$tmp/big.jsonl" 2>"$tmp/big.err"
rc=$?
grep -q "big.html:0:0: input larger than the limit of 33554432 bytes.*--max-record" "$tmp/big.err" && [ "$rc" -ne 0 ] &&
    ok "100 MB page: $(cut -c1-160 "$tmp/big.err")" || bad "100 MB page: rc=$rc $(cat "$tmp/big.err")"
rm -f "$tmp/big.html"

# analyze takes pages and WARC files
if "$concord" analyze "$pages/bridge.html" "$tmp/crawl.warc.gz" -o "$tmp/out" --quiet --no-report 2>/dev/null || [ -s "$tmp/out/articles.jsonl" ]; then
    n=$(wc -l <"$tmp/out/articles.jsonl")
    [ "$n" -ge 4 ] && ok "analyze on a page and a WARC file: $n articles" || bad "analyze wrote $n articles"
else
    bad "analyze failed on web input"
fi

# the example pages (examples/web/EXPECTED.md)
"$concord" clean "$src/examples/web" >"$tmp/ex.jsonl" 2>"$tmp/ex.err"
n=$(wc -l <"$tmp/ex.jsonl")
[ "$n" -eq 6 ] && ok "examples/web: 6 articles" || bad "examples/web gave $n articles: $(cat "$tmp/ex.err")"
for want in '"id":"halden-miners-rescued","source":"The Lorvik Herald","url":"https://www.lorvikherald.example/valdoria/2025/03/18/halden-miners-rescued","date":"2025-03-18","title":"All 14 Halden miners rescued alive"' \
    '"id":"nordwelle-bahnstreik","source":"Nordwelle","url":"","date":"2025-03-17","title":"Bahnstreik legt Valdoria lahm"' \
    '"id":"grain-deal-analysis","source":"Continental Review","url":"","date":"2025-03-20","title":"Analysis: Why the Lorvik grain deal matters"'; do
    grep -qF "$want" "$tmp/ex.jsonl" && ok "examples/web: ${want%%,*}" || bad "examples/web lacks $want"
done
grep -q 'Länger warten sie nicht' "$tmp/ex.jsonl" && ok "windows-1252 page decoded" || bad "windows-1252 page"
grep '"id":"grain-deal-analysis"' "$tmp/ex.jsonl" | grep -q '"lang":"en"' && ok "language detected on a page without a hint" || bad "grain-deal-analysis lang not detected"
for junk in "We use cookies" "Share on" "Most read" "Sign up to our newsletter" "Proud of these men" \
    "All rights reserved" "Startseite" "Mehr zum Thema" "Teilen" "Impressum" "Older analysis"; do
    grep -q "$junk" "$tmp/ex.jsonl" && bad "examples/web keeps \"$junk\""
done
ok "examples/web: no page furniture in the text"
for keep in "A shaft drilled in three days" "They are the heroes, not us" "an inspection of every tunnel opened since 2020"; do
    grep -q "$keep" "$tmp/ex.jsonl" && ok "kept: $keep" || bad "examples/web lost \"$keep\""
done

# extraction quality on html-dev (skipped when the data is absent)
data="$src/../shared/data/html-dev"
if [ -f "$data/gold.jsonl" ] && [ -d "$data/pages" ] && command -v python3 >/dev/null; then
    "$build/bench_html" --gold "$data/gold.jsonl" -o "$tmp/dev.jsonl" "$data/pages" >/dev/null
    line=$(python3 "$data/score.py" "$data/gold.jsonl" "$tmp/dev.jsonl")
    f1=$(echo "$line" | sed 's/.*F1=//')
    echo "html-dev: $line"
    # floor recorded in doc/web-input.md; a drop below it is a regression
    if python3 -c "import sys; sys.exit(0 if float('$f1') >= 0.925 else 1)"; then ok "html-dev F1 $f1 >= 0.925"; else bad "html-dev F1 $f1 < 0.925"; fi
    # metadata against the hand labels of tests/data/html_meta.tsv (floors, see doc/web-input.md)
    line=$(python3 "$src/tests/tools/meta_accuracy.py" "$src/tests/data/html_meta.tsv" "$tmp/dev.jsonl")
    echo "metadata: $line"
    if python3 - "$line" <<'PY'
import sys
v = dict(kv.split('=') for kv in sys.argv[1].split())
sys.exit(0 if float(v['date']) >= 0.80 and float(v['title']) >= 0.90 and float(v['outlet']) >= 0.85 else 1)
PY
    then ok "metadata accuracy at or above the floors (date 0.80, title 0.90, outlet 0.85)"; else bad "metadata accuracy fell: $line"; fi
else
    echo "skip html-dev score: ../shared/data/html-dev not there"
fi
echo "web_input: $fails failed"
[ "$fails" -eq 0 ]
