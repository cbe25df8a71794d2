#!/usr/bin/env bash
# Expert pool at scale: generates 100,000 experts (bench/gen_experts.sql → CSV → the real
# `zhiku import experts`), starts the Release server on that database, signs a coordinator in
# and measures with wrk, through the HTTP API: a Chinese search, a two-word search, a filtered
# list (field with descendants + category), a pool with a status (two thirds of the pool), a
# search within it, the same list with facet counts (as the web UI asks), a list sorted by
# -updated_at, and one expert.
# Prints req/s, p50 and p99 per request kind. Target: p99 < 20 ms.
#
# Usage: bench/experts_bench.sh [EXPERTS] [SECONDS] [CONNECTIONS]   (ZHIKU_BIN=path skips the build)
# Needs: cmake, ninja, sqlite3, wrk, curl. Reuses build/release and the generated database
# in build/bench when they exist (delete build/bench/experts.db to regenerate).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
experts=${1:-100000}
seconds=${2:-10}
connections=${3:-4}
work=$root/build/bench
db=$work/experts.db
port=${ZHIKU_BENCH_PORT:-18431}
password='Bench-Coordinator-2026!'
mkdir -p "$work"

zhiku=${ZHIKU_BIN:-}
if [[ -z $zhiku ]]; then
  echo "== building the Release server"
  cmake --preset release >/dev/null
  cmake --build "$root/build/release" --target zhiku >/dev/null
  zhiku=$root/build/release/src/zhiku
fi

if [[ ! -f $db ]]; then
  echo "== generating $experts experts"
  rm -f "$db.partial" "$db.partial-wal" "$db.partial-shm"
  "$zhiku" migrate --db "$db.partial" >/dev/null
  chunk=20000
  start=1
  t0=$(date +%s)
  while (( start <= experts )); do
    count=$(( experts - start + 1 < chunk ? experts - start + 1 : chunk ))
    sqlite3 -csv -header :memory: -cmd ".parameter set @first $start" -cmd ".parameter set @count $count" \
      < "$root/bench/gen_experts.sql" > "$work/experts_part.csv"
    "$zhiku" import experts "$work/experts_part.csv" --db "$db.partial" | tail -1
    start=$(( start + count ))
  done
  echo "   imported in $(( $(date +%s) - t0 )) s"
  # Spread the dates and statuses over what a pool accumulates in years: updated_at and
  # created_at over six years, a third never confirmed, most active. These columns are not in
  # the full-text index, so its triggers do not fire.
  sqlite3 "$db.partial" >/dev/null <<'SQL'
UPDATE experts SET
  created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || (abs(random()) % 2190) || ' days'),
  status = CASE abs(random()) % 20 WHEN 0 THEN 'pending' WHEN 1 THEN 'suspended' WHEN 2 THEN 'retired' ELSE 'active' END;
UPDATE experts SET
  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+' || (abs(random()) % 600) || ' days'),
  confirmed_at = CASE WHEN abs(random()) % 3 = 0 THEN NULL
                      ELSE strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+' || (abs(random()) % 400) || ' days') END;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  mv "$db.partial" "$db"
  rm -f "$db.partial-wal" "$db.partial-shm"
fi
printf '   %s experts, database %s MB\n' "$(sqlite3 "$db" 'SELECT count(*) FROM experts')" \
  "$(( $(stat -c %s "$db") / 1048576 ))"

if [[ $(sqlite3 "$db" "SELECT count(*) FROM users WHERE username = 'bench_coordinator'") == 0 ]]; then
  echo "$password" | "$zhiku" user add --username bench_coordinator --role coordinator \
    --display-name 基准协调员 --password-stdin --db "$db" >/dev/null
fi

echo "== starting the server on port $port"
t0=$(date +%s%N)
ZHIKU_LOG_LEVEL=warn "$zhiku" serve --db "$db" --port "$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.05
done
# Start-up includes loading the expert list's in-memory index.
printf '   answering after %d ms, own memory %s\n' "$(( ($(date +%s%N) - t0) / 1000000 ))" \
  "$(awk '/RssAnon/ {printf "%d MB", $2 / 1024}' "/proc/$server/status")"

cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench_coordinator\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/v1/auth/login" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)
[[ -n $cookie ]] || { echo "sign-in failed"; exit 1; }

civil=$(sqlite3 "$db" "SELECT id FROM fields WHERE name = '土木建筑工程'")
pool=$(sqlite3 "$db" "SELECT id FROM pools WHERE name = '决策咨询专家库'")
some_id=$(sqlite3 "$db" "SELECT id FROM experts ORDER BY id LIMIT 1 OFFSET $(( experts / 2 ))")
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

declare -a names paths
names+=("search q=城市");               paths+=("/api/v1/experts?q=$(enc 城市)")
names+=("search q=人工智能 医疗");      paths+=("/api/v1/experts?q=$(enc '人工智能 医疗')")
names+=("filter field+category");       paths+=("/api/v1/experts?field_id=$civil&category=domestic")
names+=("filter pool+status");          paths+=("/api/v1/experts?pool_id=$pool&status=active")
names+=("search 城市 + pool+status");   paths+=("/api/v1/experts?q=$(enc 城市)&pool_id=$pool&status=active")
names+=("pool+status with facets");     paths+=("/api/v1/experts?pool_id=$pool&status=active&facets=true")
names+=("list sort=-updated_at");       paths+=("/api/v1/experts?sort=-updated_at")
names+=("get one expert");              paths+=("/api/v1/experts/$some_id")

echo "== checking the answers"
for i in "${!paths[@]}"; do
  body=$(curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port${paths[$i]}")
  total=$(printf '%s' "$body" | python3 -c 'import sys, json; j = json.load(sys.stdin); print(j.get("total", "1 expert"))')
  printf '   %-28s → %s\n' "${names[$i]}" "$total"
done

echo "== wrk: ${seconds}s each, $connections connections, 1 thread ($(nproc) cores shared with the server)"
printf '%-28s %10s %10s %10s\n' "request" "req/s" "p50" "p99"
for i in "${!paths[@]}"; do
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port${paths[$i]}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-28s %10s %10s %10s %s\n' "${names[$i]}" "$rps" "$p50" "$p99" "${non2xx:+(non-2xx: $non2xx)}"
done
printf '   server own memory after the runs: %s (anonymous; the mapped database file is page cache)\n' "$(awk '/RssAnon/ {printf "%d MB", $2 / 1024}' "/proc/$server/status")"
