#!/usr/bin/env bash
# Installs every Debian package yuanwu needs to build, run and test.
# Idempotent: packages already present are skipped, so a second run takes a second.
set -euo pipefail

RUNTIME_PKGS=(
  g++ cmake make pkg-config git ca-certificates
  libboost1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsoci-dev libpq-dev
  libkainjow-mustache-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev
  libsodium-dev libxlsxwriter-dev libzip-dev libpugixml-dev zlib1g-dev libjemalloc-dev
  libcurl4-openssl-dev
  nodejs npm fonts-noto-cjk
)
TEST_PKGS=(
  postgresql postgresql-contrib
  libgtest-dev libgmock-dev clang libclang-rt-14-dev
  chromium wrk curl python3 unzip
)

want=("${RUNTIME_PKGS[@]}")
if [ "${1:-}" = "--test" ]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  # nodejs/npm may come from outside Debian on developer machines; accept any working binary.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "yuanwu: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
