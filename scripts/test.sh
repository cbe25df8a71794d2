#!/usr/bin/env bash
# Test command: installs what is missing, builds everything (Debug, warnings are errors) and
# runs the whole suite through CTest: unit, integration (real server over loopback, real SQLite
# files), web unit tests (vitest) and browser journeys (playwright-core + Debian chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "== building the web UI"
(cd web && npm run build --silent)

echo "== building the server and tests (Debug)"
cmake --preset debug >/dev/null
cmake --build build/debug

echo "== running the test suite"
ctest --test-dir build/debug --output-on-failure --timeout 600 -j2
