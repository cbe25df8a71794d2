#!/usr/bin/env bash
# Browser journeys: starts the real server (built web UI, fresh SQLite file, seeded personas) on
# a free loopback port and runs every tests/browser/*.test.mjs with playwright-core driving
# Debian's chromium. Usage: run.sh ZHIKU_BINARY [journey-name-filter]
set -euo pipefail
ZHIKU="$1"
FILTER="${2:-}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

if [ ! -f web/dist/index.html ]; then
  echo "web/dist is missing: build the web UI first (cd web && npm run build)" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "Debian's chromium is missing (apt-get install chromium)" >&2
  exit 1
fi

WORK="$(mktemp -d /tmp/zhiku-browser.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
export ZHIKU_DB="$WORK/zhiku.db"
export ZHIKU_PORT="$PORT"
export ZHIKU_STATIC_DIR="$ROOT/web/dist"
export ZHIKU_LOG_LEVEL=warn

# Personas, created through the real CLI (bootstrap path) with known passwords.
node "$ROOT/tests/browser/personas.mjs" | while IFS=' ' read -r user role name password; do
  printf '%s\n' "$password" | "$ZHIKU" --config config/zhiku.toml user add --username "$user" --role "$role" \
    --display-name "$name" --email "$user@example.cn" --password-stdin >/dev/null
done

(exec "$ZHIKU" --config config/zhiku.toml serve >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v1/health" && break
  sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v1/health" || { echo "server did not start"; cat "$WORK/server.log"; exit 1; }

export BASE_URL="http://127.0.0.1:$PORT"
export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$WORK/screens}"
mkdir -p "$SCREENSHOT_DIR"
failed=0; passed=0
for t in "$ROOT"/tests/browser/*.test.mjs; do
  name="$(basename "$t" .test.mjs)"
  if [ -n "$FILTER" ] && [[ "$name" != *"$FILTER"* ]]; then continue; fi
  if node "$t"; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] || { echo "--- server log"; tail -50 "$WORK/server.log"; exit 1; }
