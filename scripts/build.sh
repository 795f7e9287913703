#!/usr/bin/env bash
# Builds the console (npm) and the server (CMake, release). Fast when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d console/node_modules ] || [ console/package-lock.json -nt console/node_modules/.package-lock.json ]; then
  (cd console && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -f console/dist/index.html ] || [ -n "$(find console/src console/index.html console/package.json -newer console/dist/index.html 2>/dev/null | head -n 1)" ]; then
  (cd console && npm run build --silent)
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYUANWU_TESTS=${YUANWU_TESTS:-OFF} >/dev/null
cmake --build build -j"$(nproc)" --target yuanwu
