#!/usr/bin/env bash
# examples/slurm/concord.sbatch runs under Slurm and gives the output of one
# `concord analyze`: starts a private one-node Slurm (slurmctld + slurmd, no
# munge: auth/none, its own ports, state and logs in a temporary folder),
# submits the script with `sbatch --wait --ntasks=2` on the example corpus and
# compares articles.jsonl and stories.jsonl byte for byte.  Skips (77) when
# concord-mpi was not built, Slurm is not installed (scripts/deps.sh --test),
# we are not root (slurmd runs jobs as their user), or Slurm does not start.
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
for p in slurmctld slurmd sbatch sinfo; do
    if ! command -v "$p" >/dev/null && [ ! -x "/usr/sbin/$p" ]; then
        echo "SKIP Slurm is not installed ($p missing; scripts/deps.sh --test installs slurm-wlm)"
        exit 77
    fi
done
if [ "$(id -u)" != 0 ]; then
    echo "SKIP a private slurmd needs root"
    exit 77
fi
PATH=$PATH:/usr/sbin
case $CONCORD_MPI in /*) ;; *) CONCORD_MPI=$PWD/$CONCORD_MPI ;; esac
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
node=$(hostname -s)
port=$((20000 + RANDOM % 20000))
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/job"
export SLURM_CONF=$tmp/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=concordtest
SlurmctldHost=$node
AuthType=auth/none
CredType=cred/none
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
SlurmctldPort=$port
SlurmdPort=$((port + 1))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$node CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=120 State=UP OverSubscribe=FORCE
EOF
slurmctld -D -f "$SLURM_CONF" >"$tmp/ctld.out" 2>&1 &
pids+=($!)
sleep 1
slurmd -D -f "$SLURM_CONF" >"$tmp/d.out" 2>&1 &
pids+=($!)
up=0
for _ in $(seq 1 30); do
    if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed)'; then
        up=1
        break
    fi
    sleep 1
done
if [ $up = 0 ]; then
    echo "SKIP Slurm did not start here:"
    tail -3 "$tmp/ctld.out" "$tmp/d.out" "$tmp/slurmctld.log" "$tmp/slurmd.log" 2>/dev/null
    exit 77
fi
echo "ok   a one-node Slurm is up ($(sinfo -h -o '%P %D node(s) %T'))"

corpus=$src/examples/corpus
"$CONCORD" analyze "$corpus" -o "$tmp/one" --threads 1 >/dev/null 2>&1
CONCORD_MPI=$CONCORD_MPI timeout 120 sbatch --wait --ntasks=2 --time=10 --chdir="$tmp/job" \
    --output="$tmp/job/concord.log" "$src/examples/slurm/concord.sbatch" "$tmp/many" "$corpus" \
    >"$tmp/sbatch.out" 2>&1
rc=$?
if [ $rc = 124 ]; then
    echo "FAIL the batch job did not finish in 120 s"
    squeue 2>&1 | head -5
    tail -n 5 "$tmp/slurmctld.log" "$tmp/slurmd.log"
fi
sed 's/^/  | /' "$tmp/job/concord.log" | grep -v '^  | concord: .*:[0-9]*:[0-9]*: ' | head -20
fail=0
# exit code 3: the example corpus has broken files on purpose
if ! grep -q "concord-mpi exit code 3" "$tmp/job/concord.log"; then
    echo "FAIL the batch job did not end with concord-mpi's exit code 3 (sbatch: $rc)"
    cat "$tmp/sbatch.out"
    fail=1
fi
if ! grep -q "^concord-mpi: .* 2 ranks" "$tmp/job/concord.log"; then
    echo "FAIL the job did not run 2 ranks"
    fail=1
fi
for f in articles.jsonl stories.jsonl; do
    if cmp -s "$tmp/one/$f" "$tmp/many/$f"; then
        echo "ok   sbatch (2 tasks): $f same as one concord process"
    else
        echo "FAIL sbatch (2 tasks): $f differs from one concord process"
        fail=1
    fi
done
exit $fail
