#!/bin/bash
# scale_ratio.sh CONCORD FILE: CPU time (user+sys) and wall of `wc -w`,
# `concord analyze` and `concord dedup` on FILE, one after the other in one
# run, and their ratios to `wc -w` (ratios, since the machine is shared and
# absolute times drift).  Needs bc.
bin=$1 f=$2
t() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1; }
read w1 u1 s1 < <(t wc -w "$f")
out=$(mktemp -d)
read w2 u2 s2 < <(t "$bin" analyze "$f" -o "$out" --quiet)
read w3 u3 s3 < <(t "$bin" dedup "$f")
rm -rf "$out"
awk -v w1=$w1 -v c1=$(echo "$u1+$s1"|bc) -v w2=$w2 -v c2=$(echo "$u2+$s2"|bc) -v w3=$w3 -v c3=$(echo "$u3+$s3"|bc) 'BEGIN{
printf "wc -w: %.2f s wall %.2f s cpu\nanalyze: %.2f s wall %.2f s cpu (x%.1f wall, x%.1f cpu of wc -w)\ndedup: %.2f s wall %.2f s cpu (x%.1f wall, x%.1f cpu)\n", w1,c1,w2,c2,w2/w1,c2/c1,w3,c3,w3/w1,c3/c1}'
