#!/usr/bin/env bash
# Portal throughput: a published item page and search, served by the release build on ONE core
# (taskset -c 0, one I/O thread) and loaded by wrk on the other core at 64 connections.
#   bash bench/portal.sh [seconds]      (default 10 s per run, 3 runs each, median reported)
# Needs: build/yuanwu (bash scripts/build.sh) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
dir=$(mktemp -d /tmp/yuanwu-bench.XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
./build/yuanwu --db "$dir/b.db" --data-dir "$dir" demo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 0 ./build/yuanwu --db "$dir/b.db" --data-dir "$dir" serve --port "$port" --threads 1 >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
item=$(curl -s "http://127.0.0.1:$port/" | grep -o 'href="/items/[0-9]*"' | head -n 1 | grep -o '[0-9]*')
run() {  # name path [wrk lua script]
  local url="http://127.0.0.1:$port$2" results=() script=()
  [ -n "${3:-}" ] && script=(-s "$3")
  taskset -c 1 wrk -t1 -c64 -d2s "${script[@]}" "$url" >/dev/null  # warm-up
  for _ in 1 2 3; do
    out=$(taskset -c 1 wrk -t1 -c64 -d"${SECS}s" --latency "${script[@]}" "$url")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    results+=("$rps $p50 $p99 ${non2xx:-0}")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n 2p | \
    awk -v n="$1" -v p="$2" '{printf "| %s | `%s` | %.0f | %s | %s | %s |\n", n, p, $1, $2, $3, $4}'
}
echo "| page | path | req/s (median of 3) | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
run "published item page" "/items/$item"
run "home page" "/"
run "search 门诊" "/search?q=%E9%97%A8%E8%AF%8A"
run "search 门诊, cache bypassed" "/search" bench/uncached_search.lua
run "drug prices search 阿" "/prices?kind=drug&q=%E9%98%BF"
