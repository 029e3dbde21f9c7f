#!/bin/bash
# serve_latency.sh CONCORD STORE [REQUESTS]: starts `concord serve` on a free
# loopback port over STORE, sends REQUESTS (default 300) sequential requests
# to /api/stories?q=WORD (words cycled from a fixed list of news words, so
# that both common and rare terms are searched), then the index page and one
# story page, and prints p50 / p95 / max latency in milliseconds (curl's
# time_total, client side); then the outlet network pages (/outlets twice:
# the first request reads the network, /api/outlets, a sorted page).  Stops
# the server it started.
set -u
bin=$1 db=$2 n=${3:-300}
words=(police shooting hospital suspect killed injured officer victim arrested
       court jury charged witness fire street home car night school family
       teen woman man child county sheriff gun homicide investigation motive)
err=$(mktemp)
"$bin" serve --db "$db" --port 0 --quiet 2>"$err" &
pid=$!
port=
for _ in $(seq 200); do
    port=$(grep -o '127\.0\.0\.1:[0-9]*' "$err" | head -1 | cut -d: -f2)
    [ -n "$port" ] && break
    sleep 0.05
done
if [ -z "$port" ]; then
    echo "serve_latency: the server did not start:" >&2; cat "$err" >&2
    kill "$pid" 2>/dev/null; rm -f "$err"; exit 1
fi
base=http://127.0.0.1:$port
times=$(mktemp)
for i in $(seq "$n"); do
    w=${words[$(( i % ${#words[@]} ))]}
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$base/api/stories?q=$w&page=$(( i % 5 + 1 ))" >>"$times"
done
bad=$(awk '$1 != 200' "$times" | wc -l)
sort -k2 -g "$times" | awk -v n="$n" -v bad="$bad" '{t[NR]=$2*1000} END {
    i50 = int(NR*0.50) + 1; if (i50 > NR) i50 = NR
    i95 = int(NR*0.95); if (i95 < 1) i95 = 1
    printf "requests %d (non-200: %d)\n/api/stories?q=WORD  p50 %.1f ms  p95 %.1f ms  max %.1f ms\n",
           n, bad, t[i50], t[i95], t[NR] }'
for path in "/" "/?sort=reports&page=50"; do
    curl -s -o /dev/null -w "%{http_code} %{time_total}s %{size_download} bytes  $path\n" "$base$path"
done
sid=$(curl -s "$base/api/stories?sort=reports" | grep -o '"story":"[^"]*"' | head -1 | cut -d'"' -f4)
[ -n "$sid" ] && curl -s -o /dev/null -w "%{http_code} %{time_total}s %{size_download} bytes  /story/(largest)\n" "$base/story/$sid"
# the outlet network: the first request reads it (from the store's outlet
# table, or on a store without one waits for the pass over every document:
# 503 until it is done), later ones are served from memory
for path in "/outlets" "/outlets" "/api/outlets" "/outlets?sort=lag"; do
    curl -s -o /dev/null -w "%{http_code} %{time_total}s %{size_download} bytes  $path\n" "$base$path"
done
kill "$pid"; wait "$pid" 2>/dev/null
rm -f "$err" "$times"
