#!/usr/bin/env bash
# Installs what Zhiku needs to build, test and run on Debian 12, skipping what is already there.
# Debian packages via apt-get (as root, or through sudo), then the web UI's npm packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config git
  libboost1.81-dev libboost-url1.81-dev libsqlite3-dev sqlite3 nlohmann-json3-dev catch2
  libsodium-dev libssl-dev libtomlplusplus-dev libcli11-dev libspdlog-dev libxlsxwriter-dev
  libzip-dev libpugixml-dev libcurl4-openssl-dev python3-aiosmtpd libcmark-gfm-dev libcmark-gfm-extensions-dev liblemon-dev
  nodejs npm wrk curl chromium fonts-noto-cjk
  poppler-utils libicu-dev
  clang libclang-rt-14-dev libyaml-dev
)
missing=()
for p in "${packages[@]}"; do
  # nodejs may come from another repository with npm bundled; accept a working npm.
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=900 "${missing[@]}" >/dev/null
fi

if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.zhiku-lock-hash
  want=$(sha256sum web/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "== installing web packages (npm ci)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
fi
