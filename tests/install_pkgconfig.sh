#!/usr/bin/env bash
# Install test (issue 17): `cmake --install` into a temporary prefix, then a
# C program (examples/c/explain_text.c) built against it with
# `pkg-config --cflags --libs concord` (shared) and with the archive and
# `pkg-config --static` (static), run on a small report; checks the installed
# files, the version everywhere, and the program's figures and quotes.
set -euo pipefail
src=${CONCORD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${CONCORD_BUILD_DIR:-$src/build}
skip() { echo "install_pkgconfig: $*; skipped"; exit 77; }
[ -e "$build/libconcord.so" ] || skip "libconcord.so not built (CONCORD_SHARED=OFF?)"
command -v pkg-config >/dev/null || skip "pkg-config missing"
cc=${CC:-cc}
command -v "$cc" >/dev/null || skip "no C compiler ($cc)"
if nm -D "$build/libconcord.so" | grep -c " U __asan_" >/dev/null; then
  skip "sanitizer build (its library needs the sanitizer runtime in every program)"
fi
if nm "$build/libconcord.so" 2>/dev/null | grep -cE '__gcov_|llvm_gcov_init' >/dev/null; then
  skip "coverage build (its library needs the profile runtime in every program)"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "install_pkgconfig: FAIL: $*"; exit 1; }

cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; fail "cmake --install failed"; }

pc=$(find "$prefix" -name concord.pc -path '*/pkgconfig/*' | head -1)
[ -n "$pc" ] || fail "no lib*/pkgconfig/concord.pc installed"
libdir=$(dirname "$(dirname "$pc")")
major_so=$(cd "$libdir" && ls libconcord.so.* | awk 'length(a) == 0 || length($0) < length(a) {a = $0} END {print a}')
for f in bin/concord include/concord.h include/concord/base.h include/concord/version.h \
         include/concord/export.h include/concord/experimental.h; do
  [ -e "$prefix/$f" ] || fail "$f not installed"
done
for f in libconcord.a libconcord.so "$major_so"; do
  [ -e "$libdir/$f" ] || fail "$libdir/$f not installed"
done
soname=$(readelf -d "$libdir/libconcord.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "$major_so" ] || fail "soname '$soname', expected the link $major_so"
if command -v scdoc >/dev/null; then
  [ -e "$prefix/share/man/man1/concord.1" ] || fail "share/man/man1/concord.1 not installed"
  [ -e "$prefix/share/man/man5/concord-output.5" ] || fail "share/man/man5/concord-output.5 not installed"
fi

export PKG_CONFIG_PATH=$libdir/pkgconfig
version_h=$(sed -nE 's/^#define CONCORD_VERSION_(MAJOR|MINOR|PATCH) ([0-9]+)$/\2/p' \
  "$prefix/include/concord/version.h" | paste -sd. -)
pc_version=$(pkg-config --modversion concord)
cli_version=$("$prefix/bin/concord" --version)
[ "$pc_version" = "$version_h" ] || fail "pkg-config says $pc_version, version.h $version_h"
[ "$cli_version" = "concord $version_h" ] || fail "concord --version says '$cli_version'"
case "$(pkg-config --cflags concord)" in
  *"$prefix/include"*|*"-I$libdir/../include"*) ;;
  *) [ "$(cd "$(pkg-config --variable=includedir concord)" && pwd)" = "$(cd "$prefix/include" && pwd)" ] ||
       fail "pkg-config --cflags points elsewhere: $(pkg-config --cflags concord)" ;;
esac

cat > "$tmp/report.txt" <<'TXT'
Police said at least 12 people were killed and 30 injured in the blast on Monday.
"We are doing everything we can to help the families," the mayor said.
TXT

# Shared: what an embedder does.
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Wextra -pedantic -Werror "$src/examples/c/explain_text.c" -o "$tmp/explain_shared" \
  $(pkg-config --cflags --libs concord) || fail "build against the shared library"
LD_LIBRARY_PATH=$libdir "$tmp/explain_shared" "$tmp/report.txt" > "$tmp/out_shared.json" ||
  fail "the program built against libconcord.so failed"
ldd_line=$(LD_LIBRARY_PATH=$libdir ldd "$tmp/explain_shared" | grep libconcord || true)
case "$ldd_line" in
  *"$libdir"*) ;;
  *) fail "the program does not load the installed libconcord.so ($ldd_line)" ;;
esac

# Static: the archive plus Requires.private / Libs.private.
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Wextra -pedantic -Werror "$src/examples/c/explain_text.c" -o "$tmp/explain_static" \
  $(pkg-config --cflags concord) "$libdir/libconcord.a" \
  $(pkg-config --static --libs concord | sed 's/-lconcord\b//') || fail "static build with pkg-config --static"
"$tmp/explain_static" < "$tmp/report.txt" > "$tmp/out_static.json" || fail "the static program failed"
cmp -s "$tmp/out_shared.json" "$tmp/out_static.json" || fail "shared and static programs disagree"

out=$tmp/out_shared.json
grep -q "\"concord\":\"$version_h\"" "$out" || fail "version missing from the output"
grep -q '"measure":"killed","subject":"people"' "$out" || fail "no killed figure: $(cat "$out")"
grep -q '"estimate":12' "$out" || fail "killed estimate is not 12: $(cat "$out")"
grep -q '"measure":"injured"' "$out" || fail "no injured figure"
grep -q '"text":"We are doing everything we can to help the families,"' "$out" || fail "quote missing"
# The Python package cmake --install put beside the library (no LD_LIBRARY_PATH:
# its rpath finds the library).
pydir=$(find "$prefix" -path '*-packages/concord/__init__.py' | head -1)
if [ -f "$build/python/interpreter" ]; then
  [ -n "$pydir" ] || fail "the Python package was built but not installed"
  ipy=$(cat "$build/python/interpreter")
  got=$(cd "$tmp" && env -u LD_LIBRARY_PATH PYTHONPATH=$(dirname "$(dirname "$pydir")") "$ipy" -c \
        "import concord; print(concord.version())") || fail "import of the installed Python package"
  [ "$got" = "$version_h" ] || fail "installed concord.version() says $got"
fi

# `pip install ./python` against the installed library (pkg-config finds it;
# the extension gets an rpath to it).  Skipped when Debian's pip or
# setuptools is missing.
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3 || true)
pip_note="pip install ./python not tried (no python3 with pip and setuptools)"
if [ -n "$py" ] && "$py" -m pip --version >/dev/null 2>&1 && "$py" -c "import setuptools" 2>/dev/null &&
   "$py" -c "import sysconfig, os, sys; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')) else 1)"; then
  cp -r "$src/python" "$tmp/pysrc"
  rm -rf "$tmp/pysrc/build" "$tmp/pysrc"/*.egg-info
  (cd "$tmp/pysrc" && PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore \
     "$py" -m pip install -q --no-build-isolation --no-deps --no-cache-dir --target "$tmp/site" . ) \
     > "$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log"; fail "pip install ./python against the prefix"; }
  got=$(cd "$tmp" && PYTHONPATH=$tmp/site "$py" -c "import concord; print(concord.__file__); print(concord.version()); print(concord.figures('Five people were killed.')[0]['estimate'])")
  case "$got" in
    "$tmp/site/concord/__init__.py"*) ;;
    *) fail "import concord after pip install loads something else: $got" ;;
  esac
  [ "$(printf '%s\n' "$got" | sed -n 2p)" = "$version_h" ] || fail "concord.version() after pip install: $got"
  [ "$(printf '%s\n' "$got" | sed -n 3p)" = "5" ] || fail "concord.figures after pip install: $got"
  pip_note="pip install ./python builds and runs against it"
fi
echo "install_pkgconfig: installed $version_h to a temporary prefix; pkg-config, soname $soname, shared and static builds of examples/c/explain_text.c agree; $pip_note"
