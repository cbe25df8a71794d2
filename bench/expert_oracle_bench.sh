#!/usr/bin/env bash
# Existence oracle of GET /api/v1/experts/{id} (issue 9 item 6): an expert asks for existing
# records they may not read and for ids that do not exist, interleaved over one keep-alive
# connection, and the script prints the median time to first byte of each kind and their
# difference. Before the fix the invisible ones loaded the whole record before answering 404
# (~26 µs slower); now both kinds are answered before any row of the requested id is read.
#
# Usage: bench/expert_oracle_bench.sh [SAMPLES]   (ZHIKU_BIN=path picks the server; default the
# Release build, else the Debug one). Needs: sqlite3, curl, python3.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
samples=${1:-400}
work=$(mktemp -d "${TMPDIR:-/tmp}/zhiku-oracle.XXXXXX")
db=$work/oracle.db
password='Bench-Expert-2026-Oracle!'

zhiku=${ZHIKU_BIN:-}
if [[ -z $zhiku ]]; then
  for candidate in "$root/build/release/src/zhiku" "$root/build/debug/src/zhiku"; do
    [[ -x $candidate ]] && { zhiku=$candidate; break; }
  done
fi
[[ -n $zhiku ]] || { echo "build the server first (cmake --preset release && cmake --build build/release)"; exit 1; }
echo "== server $zhiku"

"$zhiku" migrate --db "$db" >/dev/null
sqlite3 -csv -header :memory: -cmd ".parameter set @first 1" -cmd ".parameter set @count 200" \
  < "$root/bench/gen_experts.sql" > "$work/experts.csv"
"$zhiku" import experts "$work/experts.csv" --status active --db "$db" >/dev/null
echo "$password" | "$zhiku" user add --username bench_expert --role expert --password-stdin --db "$db" >/dev/null

(exec "$zhiku" serve --port 0 --db "$db" > "$work/server.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
port=
for _ in $(seq 1 200); do
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.log" | head -1)
  [[ -n $port ]] && break
  sleep 0.05
done
[[ -n $port ]] || { echo "the server did not start"; cat "$work/server.log"; exit 1; }
base=http://127.0.0.1:$port

cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench_expert\",\"password\":\"$password\"}" \
  "$base/api/v1/auth/login" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)
[[ -n $cookie ]] || { echo "sign-in failed"; exit 1; }

# Interleaved: existing ids 1…200 and missing ids 100001…, so drift hits both kinds alike.
urls=()
for i in $(seq 1 "$samples"); do
  urls+=(-o /dev/null "$base/api/v1/experts/$(( (i % 200) + 1 ))" -o /dev/null "$base/api/v1/experts/$(( 100000 + i ))")
done
curl -s -H "Cookie: $cookie" -w '%{http_code} %{time_starttransfer} %{time_pretransfer}\n' \
  "${urls[@]}" > "$work/times.txt"

python3 - "$work/times.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
codes = {r[0] for r in rows}
# Server time ≈ first byte minus the moment the request was sent (connection reuse makes
# pretransfer ~0 after the first).
t = [(float(r[1]) - float(r[2])) * 1e6 for r in rows]
invisible, missing = t[0::2][10:], t[1::2][10:]  # the first few warm the caches
a, b = statistics.median(invisible), statistics.median(missing)
print(f"status codes: {sorted(codes)} (every answer must be 404)")
print(f"median, invisible expert: {a:8.1f} µs  ({len(invisible)} samples)")
print(f"median, missing id:       {b:8.1f} µs  ({len(missing)} samples)")
print(f"difference:               {a - b:8.1f} µs")
PY
