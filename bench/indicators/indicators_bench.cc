// indicators_bench: how fast the indicator engine (src/indicators/engine.h) answers the full
// indicator set for every month × every department, and how much memory its columns take, on a
// database that `yuanwu import` has filled; optionally the reference SQL (reference_sql.h) for the
// same query on the same database, and a number-for-number comparison of the two.
//
//   indicators_bench --db FILE|postgresql://… [--label sqlite] [--iterations 5] [--threads 0]
//                    [--from 202401 --to 202512] [--definitions PATH] [--reference]
//                    [--dump FILE]
//
// Prints one JSON object per line and measurement, e.g.
//   {"label":"sqlite","measure":"engine_load","seconds":12.3,"discharges":1000000,…}
// run.sh turns these lines into the table of docs/benchmarks.md. "Warm" is Compute() + Run()
// on loaded columns: what every query after an import costs at most (a query alone is Run()).
// --dump writes the engine's figures (indicator, period, org unit, numerator, denominator; sorted
// TSV) so that run.sh can compare them with what DuckDB makes of the same reference SQL.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "indicators/definition.h"
#include "indicators/engine.h"
#include "indicators/reference_sql.h"
#include "platform/db/database.h"

#ifndef YUANWU_SOURCE_DIR
#define YUANWU_SOURCE_DIR "."
#endif

namespace {

using yuanwu::Result;
using yuanwu::Status;
namespace ind = yuanwu::indicators;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

int Fail(const Status& s) {
  std::fprintf(stderr, "indicators_bench: %s / %s\n", s.message().c_str(), s.message_en().c_str());
  return 1;
}

// Resident and peak resident memory of this process in bytes (Linux /proc), 0 if unknown.
std::pair<int64_t, int64_t> ResidentBytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  int64_t rss = 0, hwm = 0;
  while (std::getline(in, line)) {
    long long kb = 0;
    if (std::sscanf(line.c_str(), "VmRSS: %lld kB", &kb) == 1) rss = kb * 1024;
    if (std::sscanf(line.c_str(), "VmHWM: %lld kB", &kb) == 1) hwm = kb * 1024;
  }
  return {rss, hwm};
}

void Emit(const std::string& label, const std::string& measure, nlohmann::ordered_json fields) {
  nlohmann::ordered_json j = {{"label", label}, {"measure", measure}};
  for (auto& [k, v] : fields.items()) j[k] = v;
  std::printf("%s\n", j.dump().c_str());
  std::fflush(stdout);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Engine and reference rows must agree on which (indicator, period, org unit) exist and on
// numerator and denominator; returns the number of disagreements and prints the first few.
int64_t Compare(const std::vector<ind::ResultRow>& engine,
                const std::vector<ind::ResultRow>& reference) {
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, const ind::ResultRow*> by_key;
  for (const auto& r : engine) by_key[{r.indicator, r.period, r.org_unit}] = &r;
  int64_t bad = 0;
  auto report = [&](const std::string& what) {
    if (++bad <= 10) std::fprintf(stderr, "mismatch: %s\n", what.c_str());
  };
  for (const auto& r : reference) {
    auto it = by_key.find({r.indicator, r.period, r.org_unit});
    if (it == by_key.end()) {
      report(r.indicator + " " + r.period + " " + r.org_unit + " missing from the engine");
      continue;
    }
    if (it->second->numerator != r.numerator || it->second->denominator != r.denominator)
      report(r.indicator + " " + r.period + " " + r.org_unit + ": engine " +
             std::to_string(it->second->numerator) + "/" + std::to_string(it->second->denominator) +
             ", reference " + std::to_string(r.numerator) + "/" + std::to_string(r.denominator));
    by_key.erase(it);
  }
  for (const auto& [k, r] : by_key)
    report(r->indicator + " " + r->period + " " + r->org_unit + " missing from the reference");
  return bad;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"indicators_bench: engine load, warm compute and reference SQL timings"};
  std::string db_url, label,
      definitions = std::string(YUANWU_SOURCE_DIR) + "/data/indicators/definitions.json";
  int iterations = 5, threads = 0, from = 0, to = 0;
  bool reference = false;
  std::string dump;
  cli.add_option("--db", db_url, "SQLite file or postgresql:// URL")->required();
  cli.add_option("--label", label, "name of this database in the output (default: dialect)");
  cli.add_option("--definitions", definitions)->capture_default_str();
  cli.add_option("--iterations", iterations, "warm Compute + Run repetitions")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cli.add_option("--threads", threads, "engine threads, 0 = one per core")->capture_default_str();
  cli.add_option("--from", from, "first month YYYYMM (default: first month with data)");
  cli.add_option("--to", to, "last month YYYYMM (default: last month with data)");
  cli.add_flag("--reference", reference, "also run the reference SQL once and compare");
  cli.add_option("--dump", dump, "write the engine's figures as sorted TSV to this file");
  CLI11_PARSE(cli, argc, argv);

  std::ifstream in(definitions);
  if (!in) return Fail(Status::NotFound("指标定义文件 " + definitions, definitions));
  std::stringstream text;
  text << in.rdbuf();
  Result<std::vector<ind::Indicator>> defs = ind::ParseDefinitionFile(text.str());
  if (!defs.ok()) return Fail(defs.status());

  auto db = yuanwu::db::Database::Open(db_url, 2);
  if (!db.ok()) return Fail(db.status());
  if (label.empty())
    label = (*db)->dialect() == yuanwu::db::Dialect::kPostgres ? "postgres" : "sqlite";

  ind::Engine engine(threads);
  if (Status s = engine.SetIndicators(*defs); !s.ok()) return Fail(s);
  auto t0 = Clock::now();
  if (Status s = engine.Load(**db); !s.ok()) return Fail(s);
  double load = Since(t0);
  const int64_t discharges = engine.Records(ind::Dataset::kDischarges);
  const int64_t visits = engine.Records(ind::Dataset::kVisits);
  auto [rss, hwm] = ResidentBytes();
  Emit(label, "engine_load",
       {{"seconds", load},
        {"discharges", discharges},
        {"visits", visits},
        {"indicators", defs->size()},
        {"rss_bytes", rss},
        {"peak_rss_bytes", hwm}});
  const int64_t records = discharges + visits;
  const size_t bytes = engine.ColumnBytes();
  Emit(label, "engine_memory",
       {{"column_bytes", bytes},
        {"records", records},
        {"bytes_per_record", records ? static_cast<double>(bytes) / records : 0.0}});

  ind::Query q;
  q.from = from ? from : engine.FirstMonth();
  q.to = to ? to : engine.LastMonth();
  q.grain = ind::Grain::kMonth;
  q.grouping = ind::Grouping::kDepartment;
  std::vector<double> compute, run, warm;
  std::vector<ind::ResultRow> rows;
  for (int i = 0; i < iterations; ++i) {
    auto c0 = Clock::now();
    if (Status s = engine.Compute(); !s.ok()) return Fail(s);
    auto r0 = Clock::now();
    Result<std::vector<ind::ResultRow>> out = engine.Run(q);
    if (!out.ok()) return Fail(out.status());
    compute.push_back(std::chrono::duration<double>(r0 - c0).count());
    run.push_back(Since(r0));
    warm.push_back(Since(c0));
    rows = std::move(*out);
  }
  Emit(label, "engine_warm",
       {{"from", q.from},
        {"to", q.to},
        {"iterations", iterations},
        {"result_rows", rows.size()},
        {"seconds_min", *std::min_element(warm.begin(), warm.end())},
        {"seconds_median", Median(warm)},
        {"compute_median", Median(compute)},
        {"run_median", Median(run)}});

  if (!dump.empty()) {
    std::vector<std::string> lines;
    for (const auto& r : rows)
      lines.push_back(r.indicator + "\t" + r.period + "\t" + r.org_unit + "\t" +
                      std::to_string(r.numerator) + "\t" + std::to_string(r.denominator) + "\n");
    std::sort(lines.begin(), lines.end());
    std::ofstream f(dump, std::ios::binary);
    for (const auto& l : lines) f << l;
    if (!f) return Fail(Status::Internal("cannot write " + dump));
  }

  if (reference) {
    auto s0 = Clock::now();
    Result<std::vector<ind::ResultRow>> ref = ind::RunReferenceSql(**db, *defs, q);
    if (!ref.ok()) return Fail(ref.status());
    double secs = Since(s0);
    int64_t mismatches = Compare(rows, *ref);
    Emit(label, "reference_sql",
         {{"seconds", secs},
          {"result_rows", ref->size()},
          {"mismatches", mismatches},
          {"ratio_to_engine_warm", secs / Median(warm)}});
    if (mismatches) return 2;
  }
  return 0;
}
