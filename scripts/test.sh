#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build everything and run every test:
#   1. console type-check, build and unit tests (Vitest)
#   2. C++ unit and store tests (GoogleTest) on SQLite and on a real PostgreSQL 15
#   3. the same tests again under AddressSanitizer + UndefinedBehaviorSanitizer
#   4. API tests (node:test) against a running yuanwu on SQLite and on PostgreSQL
#   5. browser tests (playwright-core driving Debian's Chromium) against a running yuanwu
# Slow suites (fuzzing, load benchmarks) are separate: see docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
step() { printf '\n==== %s ====\n' "$*"; }

step "dependencies"
bash scripts/deps.sh --test

step "formatting (clang-format)"
bash scripts/format.sh --check

step "console: build and unit tests"
YUANWU_TESTS=ON bash scripts/build.sh
(cd console && npm test --silent)

step "C++ build with tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DYUANWU_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"

step "generated docs are current (docs/indicators.md, docs/indicators-reference.sql)"
python3 tools/gen_indicator_docs.py --check --yuanwu build/yuanwu

step "C++ build with ASan + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DYUANWU_SANITIZE=ON -DYUANWU_TESTS=ON >/dev/null
cmake --build build-asan -j"$(nproc)"

step "PostgreSQL 15 on 127.0.0.1"
PG_URL=$(bash scripts/pg-test-server.sh start)
trap 'bash "$ROOT/scripts/pg-test-server.sh" stop' EXIT
export YUANWU_TEST_PG_URL="$PG_URL" YUANWU_REQUIRE_PG=1
echo "$PG_URL"

step "unit and store tests (SQLite and PostgreSQL)"
ctest --test-dir build --output-on-failure -j"$(nproc)"

step "unit and store tests under sanitizers"
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)"

step "test tools (npm)"
if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi

# The API and browser tests drive the sanitizer build of the server, so memory errors in
# real request flows fail the run too.
export YUANWU_BIN="$ROOT/build-asan/yuanwu"
export ASAN_OPTIONS=detect_leaks=0

step "API tests on SQLite"
YUANWU_TEST_DB=sqlite node --test --test-concurrency=1 tests/api/
step "API tests on PostgreSQL"
YUANWU_TEST_DB=postgres node --test --test-concurrency=1 tests/api/

step "browser tests (Chromium)"
YUANWU_TEST_DB=sqlite node --test --test-concurrency=1 tests/e2e/

step "all tests passed"
