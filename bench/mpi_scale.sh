#!/usr/bin/env bash
# Scaling of concord-mpi (doc/mpi.md): gva-dev copied N times (ids made
# distinct, so every copy is a new article and an exact duplicate of the
# original), one `concord analyze --threads 1`, then `concord-mpi` with 1,
# 2 and 4 ranks of one thread (NPS="1 2 4"; on 2 cores 4 ranks oversubscribe);
# prints /usr/bin/time (wall, user, sys, max RSS) and the per-rank table of
# --stats (wall / CPU per phase, bytes, memory).
#   bench/mpi_scale.sh [N] [BUILD_DIR]      (N defaults to 4)
# NO_REPORT=1 passes --no-report (report.html is rendered by rank 0 alone).
set -eu
n=${1:-4}
bld=${2:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
gva=$src/../shared/data/gva-dev/articles.jsonl
[ -f "$gva" ] || { echo "no $gva"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in=$tmp/gva-x$n.jsonl
for k in $(seq 1 "$n"); do
    sed -E "s/\"id\": *\"([^\"]*)\"/\"id\": \"\\1-$k\"/" "$gva" >>"$in"
done
extra=()
[ "${NO_REPORT:-0}" = 1 ] && extra+=(--no-report)
flags=()
if mpirun --version 2>&1 | grep -q "Open MPI"; then
    [ "$(id -u)" = 0 ] && flags+=(--allow-run-as-root)
    flags+=(--oversubscribe)
fi
echo "input: gva-dev x $n: $(wc -l <"$in") articles, $(wc -c <"$in") bytes; load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "concord --threads 1: wall %e s, user %U s, sys %S s, max RSS %M KB" \
    "$bld/concord" analyze "$in" -o "$tmp/one" --threads 1 --quiet ${extra[@]+"${extra[@]}"}
for np in ${NPS:-1 2 4}; do
    /usr/bin/time -f "mpirun -np $np (all ranks + mpirun): wall %e s, user %U s, sys %S s" \
        mpirun "${flags[@]}" -np "$np" "$bld/concord-mpi" analyze "$in" -o "$tmp/np$np" \
        --threads 1 --quiet --stats ${extra[@]+"${extra[@]}"} 2>&1 | grep -v '^-\|^$\|^Primary\|^a non-zero'
    cmp -s "$tmp/one/stories.jsonl" "$tmp/np$np/stories.jsonl" && echo "  stories.jsonl: same as one process"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
