#!/usr/bin/env bash
# concord-mpi gives the output of one `concord` process (doc/mpi.md).
# For the example corpus, the seeds, a JSON Lines file built here from the
# example corpus with broken lines in it (cut into byte ranges across ranks),
# one small file on more ranks than there are files (ranks without input),
# and ../shared/data/gva-dev when present: runs `concord analyze` and
# `mpirun -np 1, 2, 3 concord-mpi analyze`, and compares articles.jsonl and
# stories.jsonl byte for byte, report.html with its nonce masked, the exit
# code and the messages about bad input (file, line, position); `dedup` the
# same way.  Skips (77) when concord-mpi was not built or mpirun is missing.
set -u
export LC_ALL=C
src=${CONCORD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
bld=${CONCORD_BUILD_DIR:-$src/build}
CONCORD=${CONCORD:-$bld/concord}
CONCORD_MPI=${CONCORD_MPI-$bld/concord-mpi}
if [ -z "$CONCORD_MPI" ] || [ ! -x "$CONCORD_MPI" ]; then
    echo "SKIP concord-mpi was not built (no MPI found by CMake)"
    exit 77
fi
if ! command -v mpirun >/dev/null; then
    echo "SKIP no mpirun"
    exit 77
fi
# Open MPI refuses root without --allow-run-as-root, and more ranks than
# cores without --oversubscribe: pass them only when needed.
mpiflags=()
if mpirun --version 2>&1 | grep -q "Open MPI"; then
    [ "$(id -u)" = 0 ] && mpiflags+=(--allow-run-as-root)
    [ "$(nproc)" -lt 3 ] && mpiflags+=(--oversubscribe)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
ok() { checks=$((checks + 1)); echo "ok   $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $*"; }

mask() { sed -E 's/nonce-[A-Za-z0-9+\/=]+/nonce-X/g; s/nonce="[^"]*"/nonce="X"/g' "$1"; }
# the messages about the input, in a stable order
msgs() { grep -E '^concord: .+:[0-9]+:[0-9]+: ' "$1" | sort; }

# The store's content without what differs between any two runs (times of
# day, zstd frames of the texts): rows in order, the grouper state and the
# packing dictionary (byte for byte), story membership, the search index.
storedump() {
    sqlite3 "$1" \
        "select rowid,id,version,current,source,url,date,title,byline,dateline,clean_date,outlet,removed,day,content_hash,clean_hash from articles order by rowid" \
        "select story,title,first,last,n_articles,n_sources,has_conflict from stories order by story" \
        "select * from story_articles order by story, article" \
        "select key, hex(value) from state order by key" \
        "select * from ungrouped" \
        "select rowid, * from story_search order by rowid" \
        "select id, hex(sz) from article_search_docsize order by id" 2>&1
}
have_sqlite=0
command -v sqlite3 >/dev/null && have_sqlite=1

# compare NAME NP INPUT...: one process against NP ranks
compare() {
    local name=$1 np=$2
    shift 2
    local one=$tmp/$name.one many=$tmp/$name.np$np
    if [ ! -d "$one" ]; then
        "$CONCORD" analyze "$@" -o "$one" --threads 1 >"$one.out" 2>"$one.err"
        echo $? >"$one.rc"
        "$CONCORD" dedup "$@" --threads 1 >"$one.dedup" 2>/dev/null
    fi
    mpirun "${mpiflags[@]}" -np "$np" "$CONCORD_MPI" analyze "$@" -o "$many" --stats \
        >"$many.out" 2>"$many.err"
    local rc=$?
    local what="$name -np $np"
    if [ "$rc" != "$(cat "$one.rc")" ]; then
        fail "$what: exit code $rc, one process $(cat "$one.rc")"
        sed -n 1,20p "$many.err"
        return
    fi
    local bad=0
    for f in articles.jsonl stories.jsonl; do
        if ! cmp -s "$one/$f" "$many/$f"; then
            fail "$what: $f differs"
            diff <(head -c 3000 "$one/$f") <(head -c 3000 "$many/$f") | head -5
            bad=1
        fi
    done
    if [ $have_sqlite = 1 ] && ! cmp -s <(storedump "$one/concord.db") <(storedump "$many/concord.db"); then
        fail "$what: the store's content differs"
        diff <(storedump "$one/concord.db") <(storedump "$many/concord.db") | cut -c1-200 | head -5
        bad=1
    fi
    if ! cmp -s <(mask "$one/report.html") <(mask "$many/report.html"); then
        fail "$what: report.html differs (nonce masked)"
        bad=1
    fi
    if ! cmp -s <(msgs "$one.err") <(msgs "$many.err"); then
        fail "$what: messages about the input differ"
        diff <(msgs "$one.err") <(msgs "$many.err") | head -6
        bad=1
    fi
    if ls -A "$many" | grep -q "concord-new\|concord-tmp"; then
        fail "$what: the unfinished store or a temporary output was left behind"
        bad=1
    fi
    [ $bad = 0 ] && ok "$what: same articles.jsonl, stories.jsonl, report.html, store, messages, exit code $rc" \
        "($(grep -c . "$one/stories.jsonl") stories)"
    mpirun "${mpiflags[@]}" -np "$np" "$CONCORD_MPI" dedup "$@" >"$many.dedup" 2>/dev/null
    if cmp -s "$one.dedup" "$many.dedup"; then
        ok "$what: dedup prints the same $(grep -c . "$one.dedup") duplicate sets"
    else
        fail "$what: dedup differs"
    fi
}

corpus=$src/examples/corpus
for np in 1 2 3; do compare corpus $np "$corpus"; done

# one JSON Lines file with broken lines in the middle: cut into byte ranges,
# and the ranks that read the broken lines report them with the file's own
# line numbers and offsets
big=$tmp/joined.jsonl
{
    for k in 1 2 3; do
        sed -E "s/\"id\": *\"([^\"]*)\"/\"id\":\"\\1-$k\"/" "$corpus/wire.jsonl" "$corpus"/outlets/*.jsonl
        echo '{"id": "broken-'$k'", "text": "no end'
        echo '[1, 2]'
    done
} >"$big"
for np in 2 3; do compare joined $np "$big"; done

# near copies (same report, a few words changed): big LSH buckets, where the
# walk's limit of candidates per band decides which copy an article links to
near=$tmp/near.jsonl
awk 'BEGIN { for (i = 0; i < 240; i++)
  printf "{\"id\":\"n-%d\",\"source\":\"Outlet %d\",\"date\":\"2021-05-%02d\",\"title\":\"Storm cuts power to %d homes in Bayview\",\"text\":\"BAYVIEW (Wire) - A storm cut power to %d homes in Bayview on %s, the utility said. Crews will work through the night, spokesman Tom Reyes said. At least %d people were injured by falling trees and %d were killed. Schools will stay closed on Monday in %s. Edition %d of the wire.\"}\n",
    i, i % 37, 10 + i % 9, 1000 * (i % 7), 1000 * (i % 11), (i % 2 ? "Sunday" : "Saturday"), 3 + i % 5, i % 3, (i % 4 ? "the county" : "the city"), i }' >"$near"
for np in 2 3; do compare near $np "$near"; done

# web pages and a WARC crawl (whole files per rank: doc/mpi.md says why a
# WARC file is not cut), mixed with the JSON Lines corpus
webmix=$tmp/webmix
mkdir -p "$webmix"
cp -r "$src/examples/web" "$webmix/web"
cp "$corpus/wire.jsonl" "$webmix/"
for np in 2 3; do compare webmix $np "$webmix"; done

# more ranks than input: ranks 1 and 2 read nothing
one_file=$(ls "$corpus"/texts/*.txt | head -1)
compare single 3 "$one_file"

if [ -d "$src/../shared/seeds" ]; then
    for np in 1 2 3; do compare seeds $np "$src/../shared/seeds"; done
else
    echo "skip seeds: ../shared/seeds is not there"
fi
gva=$src/../shared/data/gva-dev/articles.jsonl
if [ -f "$gva" ]; then
    for np in 1 2 3; do compare gva-dev $np "$gva"; done
else
    echo "skip gva-dev: ../shared/data/gva-dev is not there"
fi

# A rank killed mid-run: the job stops with a message and the store and
# outputs of the previous run stay as they were (nothing half-written left).
killdir=$tmp/corpus.np2
if [ -f "$gva" ] && [ -f "$killdir/stories.jsonl" ]; then
    before=$(cat "$killdir"/stories.jsonl "$killdir"/articles.jsonl "$killdir"/concord.db | cksum)
    big2=$tmp/gva2.jsonl
    sed -E 's/"id": *"([^"]*)"/"id": "\1-a"/' "$gva" >"$big2"
    sed -E 's/"id": *"([^"]*)"/"id": "\1-b"/' "$gva" >>"$big2"
    mpirun "${mpiflags[@]}" -np 2 "$CONCORD_MPI" analyze "$big2" -o "$killdir" --quiet \
        >"$tmp/kill.out" 2>&1 &
    job=$!
    victim=
    for _ in $(seq 1 50); do
        sleep 0.1
        # rank 1 (its environment says so); rank 0 then cleans up on mpirun's SIGTERM
        victim=
        for p in $(pgrep -f "^$CONCORD_MPI analyze $big2"); do
            tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=1' && victim=$p
        done
        [ -n "$victim" ] && break
    done
    sleep 1
    if [ -n "$victim" ] && kill -9 "$victim" 2>/dev/null; then
        wait $job
        rc=$?
        after=$(cat "$killdir"/stories.jsonl "$killdir"/articles.jsonl "$killdir"/concord.db | cksum)
        left=$(ls -A "$killdir" | grep -E 'concord-new|concord-tmp' | tr '\n' ' ')
        if [ "$rc" != 0 ] && [ "$before" = "$after" ] && [ -z "$left" ] &&
            grep -q "exited on signal 9\|killed" "$tmp/kill.out"; then
            ok "a killed rank stops the job (exit $rc, a message) and leaves the previous outputs and store as they were"
        else
            fail "killed rank: exit $rc, outputs $([ "$before" = "$after" ] && echo kept || echo changed), left: ${left:-nothing}"
            head -5 "$tmp/kill.out"
        fi
    else
        wait $job
        echo "skip the kill test: the run ended before a rank could be killed"
    fi
fi

echo "$checks checks, $failures failed"
[ "$failures" = 0 ]
