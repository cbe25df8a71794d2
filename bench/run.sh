#!/usr/bin/env bash
# HTTP benchmark: builds the Release server, starts it on 127.0.0.1 (a free port) with a fresh
# seeded database and a small web UI, drives each endpoint below with wrk, prints a table
# (req/s, p50, p99, errors, server CPU per request) and stops the server by its pid.
#
# Usage: bench/run.sh                      (about a minute once build/release is built)
# Knobs (environment, defaults in brackets):
#   DURATION [5s] WARMUP [1s] CONNS ["64 256"] WRK_THREADS [1]
#   SERVER_THREADS [0 = hardware threads]  SYNCHRONOUS [FULL]
#   ENDPOINTS_ONLY ["" = all; else space-separated names]
#   ZHIKU_BIN [build/release/src/zhiku, built]  KEEP [0; 1 keeps the work directory]
#   LIMIT [0; 1 also runs ../shared/limit-server/measure.sh against this server: see README.md]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-1s}
CONNS=${CONNS:-64 256}
WRK_THREADS=${WRK_THREADS:-1}
SERVER_THREADS=${SERVER_THREADS:-0}
SYNCHRONOUS=${SYNCHRONOUS:-FULL}
ENDPOINTS_ONLY=${ENDPOINTS_ONLY:-}
KEEP=${KEEP:-0}
LIMIT=${LIMIT:-0}

# One endpoint per line: name METHOD path [JSON body]. Add figures here as routes land; a line
# may use $AUTH (set by seed below) through the request header that wrk sends.
ENDPOINTS=$(cat <<'EOF'
health        GET  /api/v1/health
static_asset  GET  /assets/app-bench.js
spa_fallback  GET  /experts/42
EOF
)

for tool in wrk curl cmake; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

zhiku=${ZHIKU_BIN:-}
if [[ -z $zhiku ]]; then
  echo "== building the Release server (build/release)" >&2
  cmake --preset release >/dev/null
  cmake --build "$root/build/release" --target zhiku >/dev/null
  zhiku=$root/build/release/src/zhiku
fi

mkdir -p "$root/build/bench"
work=$(mktemp -d "$root/build/bench/run.XXXXXX")
pid=""
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  if [[ $KEEP != 1 ]]; then rm -rf "$work"; else echo "work directory kept: $work" >&2; fi
}
trap cleanup EXIT

# A web UI shaped like Vite's output: index.html and a content-hashed bundle.
mkdir -p "$work/www/assets"
printf '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>智库</title>%s</head><body><div id="app"></div></body></html>\n' \
  '<script type="module" src="/assets/app-bench.js"></script>' >"$work/www/index.html"
head -c 24000 /dev/zero | tr '\0' 'x' | sed 's/^/export const bundle = "/; s/$/";/' >"$work/www/assets/app-bench.js"

cat >"$work/zhiku.toml" <<EOF
[http]
threads = $SERVER_THREADS
[database]
synchronous = "$SYNCHRONOUS"
[log]
level = "info"
access_log = false
EOF

# ------------------------------------------------------------------ server --
(exec "$zhiku" --config "$work/zhiku.toml" serve --port 0 --db "$work/bench.db" --static-dir "$work/www" \
  >"$work/server.log" 2>&1) &
pid=$!
port=""
for _ in $(seq 200); do
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.log" | head -1)
  [[ -n $port ]] && break
  kill -0 "$pid" 2>/dev/null || { echo "bench: the server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.05
done
[[ -n $port ]] || { echo "bench: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
base="http://127.0.0.1:$port"

# Seeding: everything goes through the API (or the zhiku CLI) as a user would. Routes that need a
# session set AUTH to a "Name: value" header, e.g. after `zhiku user add` and a login:
#   AUTH="Cookie: $(curl -si -H 'Content-Type: application/json' -d '{...}' $base/api/v1/auth/login | ...)"
AUTH=""
seed() {
  curl -sf -o /dev/null "$base/api/v1/health"
}
seed

# -------------------------------------------------------------------- runs --
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
clk_tck=$(getconf CLK_TCK)

lua_for() {  # lua_for FILE METHOD BODY
  {
    echo "wrk.method = \"$2\""
    if [[ -n $3 ]]; then
      printf 'wrk.body = [==[%s]==]\n' "$3"
      echo 'wrk.headers["Content-Type"] = "application/json"'
    fi
    if [[ -n $AUTH ]]; then
      printf 'wrk.headers[ [==[%s]==] ] = [==[%s]==]\n' "${AUTH%%:*}" "$(echo "${AUTH#*:}" | sed 's/^ *//')"
    fi
    cat <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.0f %.0f %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
EOF
  } >"$1"
}

printf '%-14s %6s %10s %8s %8s %8s %8s %11s\n' endpoint conns req/s p50_ms p99_ms errors non2xx srv_us/req
while read -r name method path body; do
  [[ -z $name ]] && continue
  if [[ -n $ENDPOINTS_ONLY && " $ENDPOINTS_ONLY " != *" $name "* ]]; then continue; fi
  lua="$work/$name.lua"
  lua_for "$lua" "$method" "${body:-}"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" ${AUTH:+-H "$AUTH"} \
    ${body:+-H 'Content-Type: application/json' --data "$body"} "$base$path")
  [[ $code =~ ^[23] ]] || echo "# warning: $name answers $code before the run" >&2
  for c in $CONNS; do
    wrk -t"$WRK_THREADS" -c"$c" -d"$WARMUP" -s "$lua" "$base$path" >/dev/null 2>&1 || true
    t0=$(cpu_ticks "$pid")
    out=$(wrk -t"$WRK_THREADS" -c"$c" -d"$DURATION" --latency -s "$lua" "$base$path" 2>&1) || true
    t1=$(cpu_ticks "$pid")
    res=$(grep '^RESULT' <<<"$out" || true)
    if [[ -z $res ]]; then echo "# wrk failed for $name: $out" >&2; continue; fi
    read -r _ reqs dur_us p50_us p99_us errors non2xx <<<"$res"
    awk -v n="$name" -v c="$c" -v r="$reqs" -v d="$dur_us" -v p50="$p50_us" -v p99="$p99_us" \
        -v e="$errors" -v s="$non2xx" -v ticks="$((t1 - t0))" -v tck="$clk_tck" 'BEGIN {
      printf "%-14s %6d %10.0f %8.2f %8.2f %8d %8d %11.1f\n", n, c, r / (d / 1e6), p50 / 1000, p99 / 1000, e, s,
        (r > 0 ? (ticks / tck) * 1e6 / r : 0)
    }'
  done
done <<<"$ENDPOINTS"

echo "# $(nproc) cpus, $(lscpu | sed -n 's/^Model name: *//p'); wrk -t$WRK_THREADS, $DURATION per run after a $WARMUP warm-up;" \
  "server threads ${SERVER_THREADS/#0/hardware}; wrk shares the cores with the server"

if [[ $LIMIT == 1 ]]; then
  echo "== limit-server ratios (measure.sh, ~2 minutes)" >&2
  PRODUCT_BASE=$base PRODUCT_PID=$pid PRODUCT_MAP=$root/bench/limit.map FIGURES=${FIGURES:-hello} PINNED=" " \
    SQLITE_BENCH=0 DURATION=$DURATION RUNS=${RUNS:-2} CONNS=$CONNS \
    bash "${LIMIT_SERVER_DIR:-$root/../shared/limit-server}/measure.sh"
fi

# -------------------------------------------------------------------- stop --
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
if [[ $status != 0 ]]; then echo "bench: the server exited with $status on SIGTERM" >&2; exit 1; fi
if [[ -e $work/bench.db-wal ]]; then echo "bench: the database was not checkpointed on exit" >&2; exit 1; fi
