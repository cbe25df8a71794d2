#!/usr/bin/env bash
# Proposals at scale: builds a database of PROPOSALS proposals (bodies of 1,500–3,000 Chinese
# characters, each with its frozen version) and EXPERTS experts with bench/proposals_gen, starts
# the Release server on it (start-up time and memory), signs a coordinator in and measures with
# wrk over HTTP: a two-character Chinese search, a filtered list (status + field + year, sorted by
# time) and one proposal's detail. Prints req/s, p50 and p99 per request kind.
# Target (issue 12): p99 < 50 ms at 16 connections with 1,000,000 proposals and 100,000 experts.
#
# Usage: bench/proposals_bench.sh [PROPOSALS] [EXPERTS] [SECONDS] [CONNECTIONS]
#   (ZHIKU_BIN=path and GEN_BIN=path skip the build). Reuses build/bench/proposals-N.db.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
proposals=${1:-1000000}
experts=${2:-100000}
seconds=${3:-10}
connections=${4:-16}
work=$root/build/bench
db=$work/proposals-$proposals.db
port=${ZHIKU_BENCH_PORT:-18433}
password='Bench-Coordinator-2026!'
mkdir -p "$work"

zhiku=${ZHIKU_BIN:-}
gen=${GEN_BIN:-}
if [[ -z $zhiku || -z $gen ]]; then
  echo "== building the Release server and the generator"
  cmake --preset release >/dev/null
  cmake --build "$root/build/release" --target zhiku proposals_gen >/dev/null
  zhiku=$root/build/release/src/zhiku
  gen=$root/build/release/bench/proposals_gen
fi

if [[ ! -f $db ]]; then
  echo "== generating $proposals proposals and $experts experts"
  "$gen" "$db.partial" "$proposals" "$experts" | tail -3
  mv "$db.partial" "$db"
fi
printf '   database %s MB\n' "$(( $(stat -c %s "$db") / 1048576 ))"

if [[ $(sqlite3 "$db" "SELECT count(*) FROM users WHERE username = 'bench_coordinator'") == 0 ]]; then
  echo "$password" | "$zhiku" user add --username bench_coordinator --role coordinator \
    --display-name 基准协调员 --password-stdin --db "$db" >/dev/null
fi

echo "== starting the server on port $port"
t0=$(date +%s%N)
ZHIKU_LOG_LEVEL=warn "$zhiku" serve --db "$db" --port "$port" > "$work/proposals-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.05
done
printf '   answering after %d ms, resident memory %s\n' "$(( ($(date +%s%N) - t0) / 1000000 ))" \
  "$(awk '/VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$server/status")"

cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench_coordinator\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/v1/auth/login" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)
[[ -n $cookie ]] || { echo "sign-in failed"; exit 1; }

field=$(sqlite3 "$db" "SELECT field_id FROM proposal_fields GROUP BY field_id ORDER BY count(*) DESC LIMIT 1")
some_id=$(( proposals / 2 ))
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

declare -a names paths
names+=("search q=城市");                 paths+=("/api/v1/proposals?q=$(enc 城市)")
names+=("status+field+year by time");     paths+=("/api/v1/proposals?status=submitted&field_id=$field&year=2024")
names+=("one proposal");                  paths+=("/api/v1/proposals/$some_id")

echo "== checking the answers"
for i in "${!paths[@]}"; do
  body=$(curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port${paths[$i]}")
  total=$(printf '%s' "$body" | python3 -c 'import sys, json; j = json.load(sys.stdin); print(j.get("total", "detail, " + str(len(j.get("body", ""))) + " bytes of body"))')
  printf '   %-30s → %s\n' "${names[$i]}" "$total"
done

echo "== wrk: ${seconds}s each, $connections connections, 1 thread ($(nproc) cores shared with the server)"
printf '%-30s %10s %10s %10s\n' "request" "req/s" "p50" "p99"
for i in "${!paths[@]}"; do
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port${paths[$i]}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-30s %10s %10s %10s %s\n' "${names[$i]}" "$rps" "$p50" "$p99" "${non2xx:+(non-2xx: $non2xx)}"
done
printf '   resident memory after the runs: %s\n' "$(awk '/VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$server/status")"
