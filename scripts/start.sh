#!/usr/bin/env bash
# Set-up command: installs what is missing, builds the server (Release) and the web UI, and
# starts Zhiku on http://127.0.0.1:8080 with a demo database (data/demo.db). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "== building the web UI"
(cd web && npm run build --silent)

echo "== building the server (Release)"
cmake --preset release -DZHIKU_BUILD_TESTS=OFF >/dev/null
cmake --build build/release --target zhiku

mkdir -p data
echo "== starting Zhiku on http://127.0.0.1:8080 (demo database data/demo.db)"
exec build/release/src/zhiku --config config/zhiku.toml serve \
  --db data/demo.db --static-dir web/dist --port "${ZHIKU_PORT:-8080}" --demo
