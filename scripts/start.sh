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

ZHIKU=build/release/src/zhiku
DB=data/demo.db
mkdir -p data
if [ ! -f "$DB" ]; then
  echo "== creating the demo database $DB"
  "$ZHIKU" --config config/zhiku.toml migrate --db "$DB" >/dev/null
  # Demo accounts (change or disable them before real use). Admins and leaders enrol TOTP at
  # their first sign-in.
  while read -r user role name password; do
    printf '%s\n' "$password" | "$ZHIKU" --config config/zhiku.toml user add --db "$DB" --username "$user" \
      --role "$role" --display-name "$name" --email "$user@demo.zhiku.cn" --password-stdin >/dev/null
  done <<'ACCOUNTS'
admin admin 系统管理员 Demo-Root-Guard-2026
coord coordinator 王协调 Demo-Office-Desk-2026
alice expert 李专家 Demo-Scholar-Pen-2026
leader leader 赵领导 Demo-Council-Seal-2026
ACCOUNTS
  # Five applicants waiting in the approval queue, and a pool of 300 generated active experts
  # (bench/gen_experts.sql, the benchmark's generator) to search, filter and export.
  "$ZHIKU" --config config/zhiku.toml import experts --db "$DB" tests/fixtures/experts_gb18030.csv >/dev/null
  sqlite3 -csv -header :memory: -cmd ".parameter set @first 1" -cmd ".parameter set @count 300" \
    < bench/gen_experts.sql > data/demo-experts.csv
  "$ZHIKU" --config config/zhiku.toml import experts --db "$DB" --status active data/demo-experts.csv >/dev/null
  rm -f data/demo-experts.csv
  # Every module's demo records (src/app/demo/): alice's linked profile, topics, calls, proposals…
  "$ZHIKU" --config config/zhiku.toml demo seed --db "$DB"
  cat <<'INFO'
   demo accounts (user / password):
     admin  / Demo-Root-Guard-2026     (系统管理员, admin)
     coord  / Demo-Office-Desk-2026    (王协调, coordinator)
     alice  / Demo-Scholar-Pen-2026    (李专家, expert)
     leader / Demo-Council-Seal-2026   (赵领导, leader)
INFO
fi
echo "== starting Zhiku on http://127.0.0.1:${ZHIKU_PORT:-8080} (demo database $DB)"
exec "$ZHIKU" --config config/zhiku.toml serve --db "$DB" --static-dir web/dist --port "${ZHIKU_PORT:-8080}"
