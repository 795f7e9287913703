#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for N seconds (default 30) on its seed corpus.
#   fuzz/run.sh [seconds] [target ...]
# Crashes are written to build-fuzz/crashes/<target>/ and make the script exit non-zero.
# New interesting inputs go to build-fuzz/corpus/<target>/ (the seeds in fuzz/corpus stay
# untouched; copy a good find there by hand).
set -euo pipefail

seconds="${1:-30}"
shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
build="${YUANWU_FUZZ_BUILD:-$root/build-fuzz}"
cxx="${CXX:-$(command -v clang++ || command -v clang++-14)}"

cmake -S "$here" -B "$build" -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(url_fuzz multipart_fuzz cookie_fuzz router_fuzz timestamp_fuzz utf8_fuzz
           calendar_csv_fuzz tabular_fuzz csv_reader_fuzz bigram_fuzz
           indicator_cells_fuzz indicator_definition_fuzz record_parser_fuzz
           department_import_fuzz deadline_fuzz case_type_fuzz checklist_fuzz)
fi

failed=()
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t" "$build/crashes/$t"
  echo "== $t: ${seconds}s"
  dict=()  # a target's dictionary of tokens, if it has one
  if [ -f "$here/corpus/$t.dict" ]; then dict=(-dict="$here/corpus/$t.dict"); fi
  if ! "$build/$t" "$build/corpus/$t" "$here/corpus/$t" "${dict[@]}" \
       -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$build/crashes/$t/" -print_final_stats=1 \
       >"$build/$t.log" 2>&1; then
    failed+=("$t")
    echo "   FAILED: see $build/$t.log and $build/crashes/$t/"
    grep -m1 -E "ERROR|runtime error|deadly signal" "$build/$t.log" || true
  else
    grep -E "stat::number_of_executed_units|cov:" "$build/$t.log" | tail -2 | sed 's/^/   /'
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz failures: ${failed[*]}"
  exit 1
fi
echo "all ${#targets[@]} fuzz targets ran ${seconds}s without a crash"
