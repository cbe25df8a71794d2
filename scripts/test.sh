#!/usr/bin/env bash
# Test command: installs what is missing, builds everything and runs the whole suite in stages:
#   debug  Debug build (warnings are errors), every test through CTest: unit, integration (real
#          server over loopback, real SQLite files), web unit tests (vitest), browser journeys
#   asan   the same suite (less the web's own vitest) built with AddressSanitizer + UBSan
#   tsan   the concurrency tests (writer and group commit, in-memory indexes, sessions, throttles,
#          the server's io threads and shutdown) built with ThreadSanitizer
#   fuzz   every libFuzzer target under tests/fuzz (clang), a bounded run of each from its corpus
# ZHIKU_STAGES selects stages as a comma list (default: debug alone, see STAGES below);
# ZHIKU_FUZZ_SECONDS is the length of each fuzz run (default 30). Any sanitizer report, from the
# test programs or from a server they start, fails its stage. Each stage prints what it cost.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# The default is the Debug suite alone until the sanitizer and fuzz stages have passed once over
# the whole suite as it now stands (they were written before topics, proposals, reviews and mail
# landed, and no run of them over those has finished yet); ZHIKU_STAGES=debug,asan,tsan,fuzz
# runs them all.
STAGES=${ZHIKU_STAGES:-debug}
FUZZ_SECONDS=${ZHIKU_FUZZ_SECONDS:-30}
JOBS=${ZHIKU_JOBS:-2}

for s in ${STAGES//,/ }; do
  case $s in debug|asan|tsan|fuzz) ;; *) echo "unknown stage '$s' (debug, asan, tsan, fuzz)" >&2; exit 2 ;; esac
done
wants() { [[ ",$STAGES," == *",$1,"* ]]; }

declare -a COSTS=()
report_costs() {
  local rc=$?
  if [ ${#COSTS[@]} -gt 0 ]; then
    echo "== stage costs (seconds)"
    printf '   %s\n' "${COSTS[@]}"
  fi
  [ $rc = 0 ] || echo "== FAILED (exit $rc)"
}
trap report_costs EXIT
timed() {  # timed NAME command...: runs it and records its wall time
  local name=$1 t0=$SECONDS; shift
  "$@"
  COSTS+=("$(printf '%-18s %5d' "$name" $((SECONDS - t0)))")
}

# Sanitizer reports go to files (one per process, servers started by tests included); a stage
# fails if any appear. Suppressions (third-party code only, each with its reason) live in
# tests/sanitizers/.
SUPP="$ROOT/tests/sanitizers"
sanitizer_env() {  # sanitizer_env REPORT_DIR
  rm -rf "$1"; mkdir -p "$1"
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:check_initialization_order=1:strict_init_order=1:log_path=$1/asan"
  export LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$SUPP/ubsan.supp:log_path=$1/ubsan"
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$SUPP/tsan.supp:log_path=$1/tsan"
}
no_reports() {  # no_reports REPORT_DIR
  if compgen -G "$1/*" >/dev/null; then
    echo "== sanitizer reports in $1:"
    for f in "$1"/*; do echo "--- $f"; head -80 "$f"; done
    return 1
  fi
  echo "   no sanitizer reports"
}

bash scripts/install-deps.sh

stage_web() {
  echo "== building the web UI"
  (cd web && npm run build --silent)
}

stage_debug() {
  echo "== [debug] building the server and tests"
  cmake --preset debug >/dev/null
  cmake --build build/debug -j"$JOBS"
  echo "== [debug] running the test suite"
  ctest --test-dir build/debug --output-on-failure --timeout 600 -j"$JOBS"
}

stage_asan() {
  echo "== [asan] building the server and tests with AddressSanitizer + UBSan (clang)"
  cmake --preset asan >/dev/null
  cmake --build build/asan -j"$JOBS"
  echo "== [asan] running the test suite (the web's vitest already ran in debug)"
  (
    sanitizer_env "$ROOT/build/asan/sanitizer-reports"
    ctest --test-dir build/asan --output-on-failure --timeout 900 -j"$JOBS" -LE web
    no_reports "$ROOT/build/asan/sanitizer-reports"
  )
}

# The tests that exercise threads: the group-commit writer and read pool, the audit chain under
# concurrent writers, the in-memory expert index, sessions and login throttles, and the server's
# io threads, worker pool, deadlines and shutdown (through real servers started by the tests).
TSAN_UNIT='[storage],[writer],[audit],[index],[throttle],[users],[http]'
TSAN_INTEGRATION='[http],[shutdown],[identity],[cli],[notifications]'
stage_tsan() {
  echo "== [tsan] building the concurrency tests with ThreadSanitizer"
  cmake --preset tsan >/dev/null
  cmake --build build/tsan -j"$JOBS" --target zhiku unit_tests integration_tests
  echo "== [tsan] running the concurrency tests"
  (
    sanitizer_env "$ROOT/build/tsan/sanitizer-reports"
    build/tsan/tests/unit_tests "$TSAN_UNIT"
    build/tsan/tests/integration_tests "$TSAN_INTEGRATION"
    no_reports "$ROOT/build/tsan/sanitizer-reports"
  )
}

stage_fuzz() {
  # The asan build (clang, every library instrumented for libFuzzer too) holds the targets.
  echo "== [fuzz] building the libFuzzer targets (clang, in build/asan)"
  cmake --preset asan >/dev/null
  cmake --build build/asan -j"$JOBS" --target fuzz_targets
  echo "== [fuzz] ${FUZZ_SECONDS} s per target from its committed corpus"
  local failed=0 t name out runs
  for t in build/asan/tests/fuzz/fuzz_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    out=build/asan/fuzz-runs/$name; rm -rf "$out"; mkdir -p "$out/corpus" "$out/artifacts"
    # New inputs go to a scratch corpus; the committed one is read only.
    if ASAN_OPTIONS="halt_on_error=1:detect_leaks=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
        "$t" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
        "$out/corpus" "tests/fuzz/corpus/${name#fuzz_}" >"$out/log" 2>&1; then
      runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -1)
      printf '   %-24s ok, %s executions in %s s\n' "$name" "${runs:-?}" "$FUZZ_SECONDS"
    else
      failed=1
      echo "   $name FAILED; crash input(s) in $out/artifacts:"
      ls "$out/artifacts"; tail -60 "$out/log"
    fi
  done
  [ $failed = 0 ]
}

if wants debug || wants asan; then timed web stage_web; fi
for s in debug asan tsan fuzz; do
  if wants $s; then timed $s stage_$s; fi
done
echo "== all stages passed: $STAGES"
