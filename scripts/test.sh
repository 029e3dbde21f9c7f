#!/usr/bin/env bash
# Second README command (and .ci/run): the whole test suite.
#  1. the normal build and every ctest test (unit, golden CLI, seeds, data);
#  2. the same tests in an ASan+UBSan build (no recovery);
#  3. the byte-identical check between the two builds, and the format check
#     (scripts/format.sh --check: the tree as .clang-format says);
#  4. a clang build with line coverage, and every libFuzzer target for a
#     bounded time (clang);
# and one summary line "N passed, N failed" over all of them, last.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --test || echo "test: could not install every test dependency; some tests will skip"
jobs=2
passed=0
failed=0
skipped=0 # tests that skip (data absent) count as neither
step() { # name, command...
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); echo "--- $name: ok"
  else failed=$((failed + 1)); echo "--- $name: FAILED"; fi
}
fuzz_run() { # binary, log, args...
  local bin=$1 log=$2; shift 2
  if "$bin" "$@" >"$log" 2>&1; then grep -E "^Done|stat::number_of_executed_units" "$log" | tail -1; return 0; fi
  tail -60 "$log"; return 1
}
count_ctest() { # dir: runs ctest, adds its counts
  local dir=$1 log
  log=$(mktemp)
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 1500 2>&1 | tee "$log"
  local p f k
  p=$(grep -cE "^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed" "$log" || true)
  k=$(grep -cE "^ *[0-9]+/[0-9]+ Test +#[0-9]+: .*\*\*\*Skipped" "$log" || true)
  skipped=$((skipped + k))
  f=$(grep -cE "^ *[0-9]+/[0-9]+ Test +#[0-9]+: .*(\*\*\*Failed|\*\*\*Exception|\*\*\*Timeout|Not Run)" "$log" || true)
  passed=$((passed + p)); failed=$((failed + f))
  rm -f "$log"
}

echo "=== build (RelWithDebInfo)"
# The build's own exit status counts: a stale binary from an earlier build
# must not pass.
mkdir -p build
if cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
   cmake --build build -j"$jobs" >build/build.log 2>&1; then
  passed=$((passed + 1))
  if grep -q "warning:" build/build.log; then
    grep -E "warning:" build/build.log | head -20
    echo "build has warnings"; failed=$((failed + 1))
  fi
  count_ctest build
else
  tail -40 build/build.log
  echo "build FAILED"; failed=$((failed + 1))
fi

echo "=== sanitizer build (ASan + UBSan)"
if cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCONCORD_SANITIZE=ON >/dev/null && cmake --build build-asan -j"$jobs" >/dev/null 2>&1; then
  passed=$((passed + 1))
  CONCORD_SANITIZER_RUN=1 count_ctest build-asan
else
  echo "sanitizer build FAILED"; failed=$((failed + 1))
fi

# The byte-identical check (tests/tools/compare_builds.sh, the tool every
# refactor is checked with): the optimised and the sanitizer build must write
# the same outputs on the example corpus and the seeds.
if [ -x build/concord ] && [ -x build-asan/concord ]; then
  cmp_inputs=(examples/corpus)
  [ -d ../shared/seeds ] && cmp_inputs+=(../shared/seeds)
  step "same outputs from the optimised and the sanitizer build" \
    bash tests/tools/compare_builds.sh build/concord build-asan/concord "${cmp_inputs[@]}"
fi

# The format check: the tree is as .clang-format says (scripts/format.sh).
bash scripts/format.sh --check >build/format.log 2>&1; rc=$?
if [ "$rc" -eq 77 ]; then cat build/format.log; skipped=$((skipped + 1))
elif [ "$rc" -eq 0 ]; then passed=$((passed + 1)); echo "=== format: ok"
else cat build/format.log; echo "=== format: FAILED"; failed=$((failed + 1)); fi

# A clang build next to gcc, with line coverage: warnings fail it as in the
# gcc build, its tests count, and gcovr prints per-file line coverage of
# src/ (a file under 80% fails the run).
if command -v clang >/dev/null 2>&1; then
  echo "=== clang build with coverage"
  mkdir -p build-clang
  if CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Debug -DCONCORD_COVERAGE=ON >/dev/null &&
     cmake --build build-clang -j"$jobs" >build-clang/build.log 2>&1; then
    passed=$((passed + 1))
    if grep -q "warning:" build-clang/build.log; then
      grep -E "warning:" build-clang/build.log | head -20
      echo "clang build has warnings"; failed=$((failed + 1))
    fi
    find build-clang -name '*.gcda' -delete
    # an unoptimised, instrumented build: time limits scale as under ASan
    CONCORD_SANITIZER_RUN=1 count_ctest build-clang
    if command -v gcovr >/dev/null 2>&1; then
      gcov_tool="gcov"
      for t in llvm-cov-14 llvm-cov; do command -v $t >/dev/null && { gcov_tool="$t gcov"; break; }; done
      echo "=== line coverage of src/ (gcovr, clang build, all ctest tests)"
      gcovr -r . --filter 'src/' --gcov-executable "$gcov_tool" build-clang 2>/dev/null |
        tee build-clang/coverage.txt | grep -E "^(src/|TOTAL|File)" || true
      # every src/ file at 80% line coverage or more (issue 10): a file
      # under it fails the run
      low=$(awk '$1 ~ /^src\// && NF >= 4 && $4+0 < 80 {print $1" "$4}' build-clang/coverage.txt)
      if [ -n "$low" ]; then
        echo "files under 80% line coverage:"; echo "$low"; failed=$((failed + 1))
      else
        passed=$((passed + 1)); echo "--- line coverage: every src/ file at 80% or more"
      fi
    fi
  else
    tail -40 build-clang/build.log
    echo "clang build FAILED"; failed=$((failed + 1))
  fi
fi

if command -v clang >/dev/null 2>&1; then
  echo "=== fuzz (libFuzzer, bounded)"
  if CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONCORD_FUZZ=ON >/dev/null && cmake --build build-fuzz -j"$jobs" >/dev/null 2>&1; then
    for f in build-fuzz/fuzz_*; do
      [ -x "$f" ] || continue
      name=$(basename "$f")
      mkdir -p "build-fuzz/corpus-$name"
      dict=""
      [ -f "fuzz/$name.dict" ] && dict="-dict=fuzz/$name.dict"
      seeds=""
      [ -d "fuzz/seeds/$name" ] && seeds="fuzz/seeds/$name"
      # the fuzzer's own log is long: keep it in a file, show its end on failure
      step "$name (60 s)" fuzz_run "$f" "build-fuzz/$name.log" -max_total_time=60 \
        -rss_limit_mb=2048 -timeout=10 $dict -artifact_prefix=build-fuzz/ \
        "build-fuzz/corpus-$name" $seeds
    done
  else
    echo "fuzz build FAILED"; failed=$((failed + 1))
  fi
else
  echo "=== fuzz: skipped (clang not installed)"
fi

echo
echo "($skipped skipped: their data or tool is absent; see the messages above)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
