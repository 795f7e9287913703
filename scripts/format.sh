#!/usr/bin/env bash
# Formats the C++ sources with the repository's .clang-format (Debian's clang-format 14).
#   scripts/format.sh          rewrite files in place
#   scripts/format.sh --check  list files that are not formatted; exit 1 if any
set -euo pipefail
cd "$(dirname "$0")/.."
# New files count before they are added: a file git does not track yet was skipped here and
# then failed CI's check once added.
mapfile -t files < <(git ls-files --cached --others --exclude-standard 'src/*.cc' 'src/*.h' 'fuzz/*.cc')
if [ "${1:-}" = "--check" ]; then
  bad=0
  for f in "${files[@]}"; do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then echo "not formatted: $f"; bad=1; fi
  done
  exit $bad
fi
clang-format -i "${files[@]}"
