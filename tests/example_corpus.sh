#!/usr/bin/env bash
# Checks the bundled example corpus (examples/corpus) against what its
# EXPECTED.md claims: well-formed files, unique ids, at least 48 articles on at
# least 9 events from at least 12 outlets over at least two weeks, every broken
# input present and broken in the stated way, expected_stories.tsv covering
# exactly the readable articles; then, when $CONCORD is set, that `concord
# analyze` reads exactly those articles, names every broken file, and exits
# with a code that says input was skipped (never a crash).
# JSON checks use python3, else jq, else grep (weaker); exit 0 = pass, 1 = fail.
set -u
export LC_ALL=C # byte semantics for grep/sed/sort on the deliberately broken files

src=${CONCORD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
case ${CONCORD:-} in "" | /*) ;; *) CONCORD="$PWD/$CONCORD" ;; esac
corpus="$src/examples/corpus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0

ok() { checks=$((checks + 1)); echo "ok   $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $*"; }
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

if [ ! -d "$corpus" ]; then
    echo "FAIL no corpus at $corpus"
    exit 1
fi
cd "$corpus" || exit 1

# ---- files ----
good_jsonl=(wire.jsonl outlets/*.jsonl)
good_gz=(outlets/*.jsonl.gz)
texts=(texts/*.txt)
for f in EXPECTED.md expected_stories.tsv wire.jsonl "${good_jsonl[@]}" "${good_gz[@]}" "${texts[@]}" \
    broken/bad_utf8.jsonl broken/nul_escape.jsonl broken/raw_nul.txt broken/empty.jsonl \
    broken/truncated.jsonl broken/non_object.jsonl broken/notes.csv; do
    [ -e "$f" ] || fail "missing file $f"
done
check "${#good_jsonl[@]} good .jsonl files, ${#good_gz[@]} .jsonl.gz, ${#texts[@]} .txt" \
    test "${#good_jsonl[@]}" -ge 3 -a "${#good_gz[@]}" -ge 1 -a "${#texts[@]}" -ge 3
check "gzip files are valid" gzip -t "${good_gz[@]}"
# gzip -n leaves the MTIME field (bytes 4-7) zero, so the file does not change when rebuilt
check "gzip files carry no timestamp (gzip -n)" \
    test "$(for f in "${good_gz[@]}"; do od -An -tx1 -j4 -N4 "$f"; done | tr -d ' \n' | tr -d 0)" = ""
check "broken/empty.jsonl is empty" test ! -s broken/empty.jsonl
check "broken/raw_nul.txt holds a raw NUL byte" \
    test "$(tr -d '\000' < broken/raw_nul.txt | wc -c)" -lt "$(wc -c < broken/raw_nul.txt)"
check "broken/nul_escape.jsonl holds a \\u0000 escape" grep -q '\\u0000' broken/nul_escape.jsonl
check "broken/bad_utf8.jsonl holds invalid UTF-8" \
    bash -c '! iconv -f UTF-8 -t UTF-8 broken/bad_utf8.jsonl >/dev/null 2>&1'
check "good files are valid UTF-8" \
    bash -c 'for f in "$@"; do iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || exit 1; done' _ \
    "${good_jsonl[@]}" "${texts[@]}" EXPECTED.md expected_stories.tsv

# ---- articles: id, source, date of every readable article ----
# broken files contribute their good lines; line 2 of truncated.jsonl and lines
# 2-3 of non_object.jsonl are not articles.
all_jsonl=("${good_jsonl[@]}" broken/bad_utf8.jsonl broken/nul_escape.jsonl broken/truncated.jsonl broken/non_object.jsonl)
meta="$tmp/meta.tsv" # id TAB source TAB date TAB file
if command -v python3 >/dev/null 2>&1; then
    tool=python3
    python3 - "$meta" "${all_jsonl[@]}" "${good_gz[@]}" > "$tmp/py.out" 2>&1 <<'EOF'
import gzip, json, sys
out = open(sys.argv[1], 'w')
bad = 0
expect_bad = {('broken/truncated.jsonl', 2), ('broken/non_object.jsonl', 2), ('broken/non_object.jsonl', 3)}
for path in sys.argv[2:]:
    raw = gzip.open(path, 'rb').read() if path.endswith('.gz') else open(path, 'rb').read()
    for n, line in enumerate(raw.split(b'\n'), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line.decode('utf-8', 'replace'))
        except ValueError:
            d = None
        if not isinstance(d, dict):
            if (path, n) not in expect_bad:
                print(f'{path}:{n}: not a JSON object'); bad += 1
            continue
        if (path, n) in expect_bad:
            print(f'{path}:{n}: should be broken but parses'); bad += 1
        for k in ('id', 'url', 'date', 'title', 'text'):
            if not isinstance(d.get(k), str) or not d[k]:
                print(f'{path}:{n}: field {k} missing or empty'); bad += 1
        src = d.get('source') or ('host:' + d.get('url', '').split('/')[2] if '//' in d.get('url', '') else '')
        out.write(f"{d.get('id', '')}\t{src}\t{d.get('date', '')}\t{path}\n")
sys.exit(1 if bad else 0)
EOF
    check "every good JSON line is an object with id, url, date, title, text (python3)" test $? -eq 0
    sed 's/^/     /' "$tmp/py.out"
elif command -v jq >/dev/null 2>&1; then
    tool=jq
    : > "$meta"
    bad=0
    for f in "${all_jsonl[@]}" "${good_gz[@]}"; do
        case $f in *.gz) reader=(gzip -dc "$f") ;; *) reader=(cat "$f") ;; esac
        n=0
        while IFS= read -r line || [ -n "$line" ]; do
            n=$((n + 1))
            [ -z "$line" ] && continue
            case "$f:$n" in broken/truncated.jsonl:2 | broken/non_object.jsonl:2 | broken/non_object.jsonl:3) continue ;; esac
            if ! printf '%s' "$line" | jq -e 'type == "object" and (.id|type) == "string" and (.text|type) == "string"' >/dev/null 2>&1; then
                echo "     $f:$n: not a valid article object"
                bad=$((bad + 1))
                continue
            fi
            printf '%s' "$line" | jq -r --arg f "$f" '[.id, (.source // ("host:" + (.url | split("/")[2]))), .date, $f] | @tsv' >> "$meta"
        done < <("${reader[@]}")
    done
    check "every good JSON line is an object with id and text (jq)" test "$bad" -eq 0
else
    tool=grep
    echo "note: neither python3 nor jq found; JSON is checked by pattern only"
    : > "$meta"
    for f in "${all_jsonl[@]}" "${good_gz[@]}"; do
        case $f in *.gz) gzip -dc "$f" ;; *) cat "$f" ;; esac |
            grep -a '^{"id": "' | grep -a '"}$' |
            sed -E 's/^\{"id": "([^"]*)"(, "source": "([^"]*)")?.*"date": "([^"]*)".*$/\1\t\3\t\4/' |
            sed "s|\$|\t$f|" >> "$meta"
    done
fi
for t in "${texts[@]}" broken/raw_nul.txt; do
    printf '%s\t\t\t%s\n' "$(basename "$t" .txt)" "$t" >> "$meta"
done

articles=$(wc -l < "$meta")
good_articles=$(grep -vc $'\tbroken/' "$meta")
outlets=$(cut -f2 "$meta" | grep -v '^$' | grep -v '^host:' | sort -u | wc -l)
dups=$(cut -f1 "$meta" | sort | uniq -d)
dates=$(cut -f3 "$meta" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' | sort -u)
first=$(printf '%s\n' "$dates" | head -1)
last=$(printf '%s\n' "$dates" | tail -1)
span=0
if [ -n "$first" ]; then
    span=$(( ($(date -u -d "$last" +%s) - $(date -u -d "$first" +%s)) / 86400 ))
fi
echo "     $articles readable articles ($good_articles outside broken/), $outlets outlets, $first to $last ($span days) [$tool]"
check "at least 48 articles outside broken/" test "$good_articles" -ge 48
check "at least 12 outlets" test "$outlets" -ge 12
check "dates span at least two weeks, all in 2025" \
    bash -c '[ "$1" -ge 14 ] && [ "${2:0:4}" = 2025 ] && [ "${3:0:4}" = 2025 ]' _ "$span" "$first" "$last"
check "article ids are unique${dups:+ (repeated: $(echo $dups))}" test -z "$dups"

# ---- gold file and EXPECTED.md ----
gold="$tmp/gold.tsv"
grep -v '^#' expected_stories.tsv | grep -v '^$' > "$gold"
stories=$(cut -f2 "$gold" | sort -u | wc -l)
check "expected_stories.tsv: $stories stories (at least 9)" test "$stories" -ge 9
check "expected_stories.tsv lists exactly the readable articles" \
    diff <(cut -f1 "$gold" | sort) <(cut -f1 "$meta" | sort)
check "EXPECTED.md states the same article count ($articles)" grep -q "readable articles: \*\*$articles\*\*" EXPECTED.md
check "EXPECTED.md states the same story count ($stories)" grep -q "stories (events): \*\*$stories\*\*" EXPECTED.md
missing_in_md=$(cut -f1 "$gold" | while read -r id; do grep -q "\`$id\`" EXPECTED.md || echo "$id"; done)
check "EXPECTED.md names every article${missing_in_md:+ (missing: $(echo $missing_in_md))}" test -z "$missing_in_md"
for f in bad_utf8.jsonl nul_escape.jsonl raw_nul.txt empty.jsonl truncated.jsonl non_object.jsonl notes.csv; do
    grep -q "broken/$f" EXPECTED.md || fail "EXPECTED.md does not describe broken/$f"
done
check "other languages present (de, es, ru)" \
    bash -c 'grep -q "\"lang\": \"de\"" outlets/*.jsonl && grep -q "\"lang\": \"es\"" outlets/*.jsonl && grep -q "\"lang\": \"ru\"" outlets/*.jsonl'

# ---- concord reads it (when the program is there) ----
if [ -n "${CONCORD:-}" ] && [ -x "$CONCORD" ]; then
    "$CONCORD" analyze "$corpus" -o "$tmp/out" > "$tmp/stdout" 2> "$tmp/stderr"
    rc=$?
    check "concord analyze exits with 'input skipped' (non-zero, no crash; got $rc)" test "$rc" -gt 0 -a "$rc" -lt 128
    if [ -s "$tmp/out/articles.jsonl" ]; then
        if [ "$tool" = python3 ]; then
            python3 -c 'import json,sys
for l in open(sys.argv[1]): print(json.loads(l)["id"])' "$tmp/out/articles.jsonl" | sort > "$tmp/got"
        elif [ "$tool" = jq ]; then
            jq -r .id "$tmp/out/articles.jsonl" | sort > "$tmp/got"
        else
            sed -E 's/^\{"id": ?"([^"]*)".*/\1/' "$tmp/out/articles.jsonl" | sort > "$tmp/got"
        fi
        check "concord reads exactly the articles of expected_stories.tsv" diff "$tmp/got" <(cut -f1 "$gold" | sort)
    else
        fail "concord analyze wrote no articles.jsonl"
    fi
    silent=""
    for f in bad_utf8.jsonl:1 nul_escape.jsonl:1 raw_nul.txt:3 empty.jsonl truncated.jsonl:2 \
        non_object.jsonl:2 non_object.jsonl:3 notes.csv; do
        grep -q "broken/$f" "$tmp/stderr" || silent="$silent broken/$f"
    done
    check "concord names file and line of every broken input${silent:+ (no message for:$silent)}" test -z "$silent"
else
    echo "note: \$CONCORD not set; the concord read check is skipped"
fi

echo "example corpus: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
