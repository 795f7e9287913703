#!/usr/bin/env bash
# Indicator benchmark (docs/benchmarks.md, "Indicators"): generates two years of records, imports
# them with 首页质控 into a fresh SQLite file and a fresh PostgreSQL 15, times the engine (load,
# warm compute for every month × every department, bytes per record) and the reference SQL on
# both, and runs the same reference SQL text on DuckDB as a peer.
#
#   bash bench/indicators/run.sh [--scale small|full] [--build DIR] [--yuanwu PATH]
#                                [--results FILE] [--reference-timeout SECS] [--keep]
#                                [--import-only]
#
#   --import-only: generate and import (SQLite, then PostgreSQL), skip the engine, the
#   reference SQL and DuckDB — the import figures in a few minutes.
#   small: 10,000 discharges + 100,000 visits a year (a smoke run, a couple of minutes)
#   full:  483,100 + 4,831,000 a year; the generator adds 7 % the second year, so the two years
#          hold just over 1,000,000 discharges and 10,000,000 visits (the issue's data set)
#
# Needs a Release build with the bench target:
#   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DYUANWU_TESTS=OFF -DYUANWU_BENCH=ON
#   cmake --build build-bench -j2 --target yuanwu indicators_bench
# PostgreSQL server binaries (Debian postgresql), psql, node; DuckDB comes from npm into
# bench/indicators/node_modules (package.json here) on first use.
# Every measurement is a JSON line in --results (default /tmp/yuanwu-indicators-bench-SCALE.jsonl);
# the summary table is printed at the end. Generated files and databases are deleted on exit
# (--keep keeps them), and the PostgreSQL cluster is stopped whatever happens.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

SCALE=small BUILD=build-bench YUANWU="" RESULTS="" KEEP=0 REF_TIMEOUT=7200 IMPORT_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --yuanwu) YUANWU=$2; shift 2 ;;
    --results) RESULTS=$2; shift 2 ;;
    --reference-timeout) REF_TIMEOUT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --import-only) IMPORT_ONLY=1; shift ;;
    *) echo "usage: $0 [--scale small|full] [--build DIR] [--yuanwu PATH] [--results FILE] [--reference-timeout SECS] [--keep] [--import-only]" >&2; exit 2 ;;
  esac
done
case "$SCALE" in
  small) DISCHARGES=10000 VISITS=100000 NEED_GB=2 ;;
  full) DISCHARGES=483100 VISITS=4831000 NEED_GB=15 ;;
  *) echo "--scale must be small or full" >&2; exit 2 ;;
esac
FIRST_YEAR=2024 YEARS=2
FROM=${FIRST_YEAR}01 TO=$((FIRST_YEAR + YEARS - 1))12
YUANWU=${YUANWU:-$BUILD/yuanwu}
BENCH=$BUILD/indicators_bench
RESULTS=${RESULTS:-/tmp/yuanwu-indicators-bench-$SCALE.jsonl}
for b in "$YUANWU" "$BENCH"; do
  [ "$IMPORT_ONLY" = 1 ] && [ "$b" = "$BENCH" ] && continue  # the import needs yuanwu only
  [ -x "$b" ] || { echo "$b not found: build it first (see the top of $0)" >&2; exit 1; }
done
command -v psql >/dev/null || { echo "psql not found (apt-get install postgresql)" >&2; exit 1; }
if [ "$IMPORT_ONLY" = 0 ] && [ ! -d "$HERE/node_modules/@duckdb/node-api" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/yuanwu-ibench.XXXXXX")
free_gb=$(df -P --block-size=1G "$WORK" | awk 'NR==2 {print $4}')
if [ "$free_gb" -lt "$NEED_GB" ]; then
  echo "only ${free_gb} GB free under $WORK; the $SCALE scale needs about ${NEED_GB} GB" >&2
  rmdir "$WORK"
  exit 1
fi
export YUANWU_PG_STATE=/tmp/pg-bench.state
cleanup() {
  bash "$ROOT/scripts/pg-test-server.sh" stop >/dev/null 2>&1 || true
  if [ "$KEEP" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap runs on a signal too
: > "$RESULTS"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
emit() { echo "$1" | tee -a "$RESULTS"; }
now() { date +%s.%N; }

# The machine, for the record.
# The load average is there because the machine is shared: other work skews every number.
emit "$(printf '{"label":"machine","measure":"machine","cpu":"%s","cores":%d,"memory_gb":%d,"scale":"%s","commit":"%s","loadavg":"%s"}' \
  "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" "$(nproc)" \
  "$(awk '/MemTotal/ {printf "%d", $2 / 1048576}' /proc/meminfo)" "$SCALE" \
  "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)" "$(cut -d' ' -f1-3 /proc/loadavg)")"

log "generating $SCALE data: $DISCHARGES discharges and $VISITS visits a year, $YEARS years"
t0=$(now)
"$YUANWU" generate --out "$WORK/csv" --first-year "$FIRST_YEAR" --years "$YEARS" \
  --discharges "$DISCHARGES" --visits "$VISITS" >&2
emit "$(printf '{"label":"generate","measure":"generate","seconds":%.2f,"bytes":%d}' \
  "$(echo "$(now) - $t0" | bc)" "$(du -sb "$WORK/csv" | cut -f1)")"
# The kernel would otherwise write the 1.6 GB just generated back to disk during the first
# timed import, which then shares the disk and a core with it.
sync

# import LABEL DB DATA_DIR: the demo hospital's departments, then the four files, each timed.
import_all() {
  local label=$1 db=$2 dd=$3 ds file out records secs t wall
  "$YUANWU" --db "$db" --data-dir "$dd" demo --record-scale 0 >/dev/null
  for ds in discharges visits antibiotic_use pathways; do
    case $ds in
      discharges) file=discharges.csv ;; visits) file=visits.csv ;;
      antibiotic_use) file=antibiotic_use.csv ;; pathways) file=pathways.csv ;;
    esac
    log "$label: importing $ds"
    t=$(now)
    out=$("$YUANWU" --db "$db" --data-dir "$dd" import --dataset "$ds" "$WORK/csv/$file")
    wall=$(echo "$(now) - $t" | bc)
    echo "$out" | head -n 1 >&2
    echo "$out" | head -n 1 | grep -q "已导入 committed" || { echo "$label: import of $ds failed" >&2; exit 1; }
    records=$(echo "$out" | head -n 1 | sed -E 's/.* ([0-9]+) 条记录 records.*/\1/')
    secs=$(echo "$out" | head -n 1 | sed -E 's/.*, ([0-9.]+) s$/\1/')
    emit "$(printf '{"label":"%s","measure":"import","dataset":"%s","records":%d,"seconds":%s,"wall_seconds":%.2f,"records_per_second":%.0f}' \
      "$label" "$ds" "$records" "$secs" "$wall" "$(echo "$records / $secs" | bc -l)")"
  done
}

# bench LABEL DB: the engine, then the reference SQL (cut off after REF_TIMEOUT seconds).
bench() {
  local label=$1 db=$2 rc=0
  log "$label: engine and reference SQL"
  timeout "$REF_TIMEOUT" "$BENCH" --db "$db" --label "$label" --from "$FROM" --to "$TO" \
    --reference --dump "$WORK/engine-$label.tsv" | tee -a "$RESULTS" || rc=$?
  if [ "$rc" = 124 ]; then
    emit "$(printf '{"label":"%s","measure":"reference_sql","timed_out":true,"seconds":%d}' "$label" "$REF_TIMEOUT")"
  elif [ "$rc" != 0 ]; then
    echo "$label: indicators_bench failed ($rc)" >&2
    exit 1
  fi
}

# SQLite
mkdir -p "$WORK/sqlite"
import_all sqlite "$WORK/sqlite/bench.db" "$WORK/sqlite/data"
emit "$(printf '{"label":"sqlite","measure":"database_size","bytes":%d}' "$(du -sb "$WORK/sqlite/bench.db" | cut -f1)")"
if [ "$IMPORT_ONLY" = 1 ]; then
  rm -rf "$WORK/sqlite"
  PG=$(bash "$ROOT/scripts/pg-test-server.sh" start)
  import_all postgres "$PG" "$WORK/pg-data"
  emit "$(printf '{"label":"machine","measure":"loadavg_end","loadavg":"%s"}' "$(cut -d' ' -f1-3 /proc/loadavg)")"
  node "$HERE/summarize.mjs" "$RESULTS"
  exit 0
fi
bench sqlite "$WORK/sqlite/bench.db"
"$YUANWU" --db "$WORK/sqlite/bench.db" --data-dir "$WORK/sqlite/data" indicators \
  --from "${FROM:0:4}-${FROM:4:2}" --to "${TO:0:4}-${TO:4:2}" --reference-sql > "$WORK/reference.sql"
rm -rf "$WORK/sqlite"  # disk: the full scale does not need both databases at once

# PostgreSQL 15 (scripts/pg-test-server.sh: a throwaway cluster on 127.0.0.1)
PG=$(bash "$ROOT/scripts/pg-test-server.sh" start)
log "PostgreSQL at $PG ($(psql "$PG" -Atc 'SHOW server_version'))"
import_all postgres "$PG" "$WORK/pg-data"
psql "$PG" -qc "VACUUM ANALYZE" >/dev/null
emit "$(printf '{"label":"postgres","measure":"database_size","bytes":%d}' "$(psql "$PG" -Atc 'SELECT pg_database_size(current_database())')")"
bench postgres "$PG"

# DuckDB: the tables exported from PostgreSQL, the same reference SQL text.
log "exporting the tables for DuckDB"
mkdir -p "$WORK/duck"
TABLES="discharge discharge_diagnosis discharge_procedure visit antibiotic_use pathway_case qc_finding period_figure department campus"
in_list=$(printf "'%s'," $TABLES)
psql "$PG" -At -F $'\t' -c "SELECT table_name, column_name, data_type, ordinal_position FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN (${in_list%,})" > "$WORK/duck/schema.tsv"
for t in $TABLES; do psql "$PG" -qc "\\copy $t TO '$WORK/duck/$t.csv' WITH (FORMAT csv, HEADER)"; done
bash "$ROOT/scripts/pg-test-server.sh" stop >/dev/null
log "DuckDB: load and reference SQL"
node "$HERE/duckdb_reference.mjs" --tables "$WORK/duck" --sql "$WORK/reference.sql" \
  --from "$FROM" --to "$TO" --threads 2 --runs 2 --dump "$WORK/engine-duckdb.tsv" | tee -a "$RESULTS"
same=true
for other in sqlite duckdb; do
  [ -f "$WORK/engine-$other.tsv" ] || continue
  if ! cmp -s <(LC_ALL=C sort "$WORK/engine-postgres.tsv") <(LC_ALL=C sort "$WORK/engine-$other.tsv"); then
    same=false
    echo "figures differ between postgres and $other:" >&2
    diff <(LC_ALL=C sort "$WORK/engine-postgres.tsv") <(LC_ALL=C sort "$WORK/engine-$other.tsv") | head -n 10 >&2 || true
  fi
done
emit "$(printf '{"label":"check","measure":"figures_agree","engine_sqlite_engine_postgres_duckdb":%s,"rows":%d}' \
  "$same" "$(wc -l < "$WORK/engine-postgres.tsv")")"

emit "$(printf '{"label":"machine","measure":"loadavg_end","loadavg":"%s"}' "$(cut -d' ' -f1-3 /proc/loadavg)")"
node "$HERE/summarize.mjs" "$RESULTS"
[ "$same" = true ]
