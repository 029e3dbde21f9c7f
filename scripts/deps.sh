#!/usr/bin/env bash
# Installs the Debian packages concord needs that are missing; idempotent.
#   scripts/deps.sh            build + run dependencies
#   scripts/deps.sh --test     also what the test suite needs (cmocka, clang for
#                              the fuzz target, chromium for the report test)
set -euo pipefail
pkgs=(build-essential cmake pkg-config libutf8proc-dev libstemmer-dev libsqlite3-dev
      zlib1g-dev libxxhash-dev libpcre2-dev libzstd-dev libxml2-dev libgumbo-dev
      libbrotli-dev libexttextcat-dev libmicrohttpd-dev libopenmpi-dev openmpi-bin
      scdoc python3-dev)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(libcmocka-dev clang libclang-rt-14-dev clang-format chromium gcovr)
  # tests/reliability.sh: sqlite3 damages and inspects stores, util-linux
  # gives flock (a held writer lock) and setpriv (a read-only store as nobody)
  pkgs+=(sqlite3 util-linux)
  pkgs+=(slurm-wlm) # tests/slurm.sh: a one-node Slurm runs examples/slurm/concord.sbatch
fi
# the manual-page and Python tests (tests/man_pages.sh, tests/python_module.sh)
if [ "${1:-}" = "--test" ]; then pkgs+=(man-db python3-pytest); fi
# the static link of tests/install_pkgconfig.sh: libmicrohttpd's static
# dependencies (gnutls needs libunistring's archive)
if [ "${1:-}" = "--test" ]; then pkgs+=(libunistring-dev); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#pkgs[@]} packages present"
  exit 0
fi
echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || echo "deps: apt-get update failed; trying the install with the lists at hand"
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
