#!/usr/bin/env bash
# The matcher and the ranking at round scale, from the Release build: the optimal total plan
# and the fair plan for 2,000 proposals × 600 reviewers × k = 5 with 5 % conflicts (two score
# shapes and two loads), then ranking + bootstrap for 2,000 proposals × 5 reviews.
# Each run is its own process, so the peak memory printed is that run's own.
# Targets (issue 13): total < 3 s and < 1 GB, fair < 10 s.
#
# Usage: bench/assignment_bench.sh            (BENCH_BIN_DIR=dir skips the build)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BENCH_BIN_DIR:-}
if [[ -z $bin ]]; then
  echo "== building the Release benchmarks"
  cmake --preset release >/dev/null
  cmake --build "$root/build/release" --target assignment_bench ranking_bench >/dev/null
  bin=$root/build/release/bench
fi
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== assignment (args: objective proposals reviewers k max_load conflict% shape)"
for args in "total 2000 600 5 20 5 fields" "total 2000 600 5 17 5 fields" "total 2000 600 5 20 5 uniform" \
            "fair 2000 600 5 20 5 fields" "fair 2000 600 5 17 5 fields" "fair 2000 600 5 20 5 uniform"; do
  # shellcheck disable=SC2086
  "$bin/assignment_bench" $args
done
if [[ -x $bin/ranking_bench ]]; then
  echo "== ranking + bootstrap"
  "$bin/ranking_bench"
fi
