// Engine: every indicator, for every month and department, from columns held in memory.
//
// Load() reads each dataset once into compact columns (month, department, a 64-bit word of
// pre-evaluated filter conditions, and one integer column per distinct summed quantity), so a
// record costs a few dozen bytes. Compute() then makes one pass over the rows on all cores,
// accumulating every measure of every indicator into a month × department cube; queries roll the
// cube up to quarters, years, campuses and the hospital, and read 同比 / 环比 / 累计 from it.
// After an import, Reload(dataset) re-reads that dataset (and the discharge columns that depend
// on it), keeps the other table, and recomputes. Records are read in bounded chunks (a
// server-side cursor on PostgreSQL), so a load never holds a whole table's result in the client.
//
// Figure measures (医院填报数据, definition.h) are not in the cube: the period_figure rows of the
// figures the definitions use are held as read (engine_figures.h) and rolled up per query, by
// the rules in definition.h. ReloadFigures re-reads only them, after a figure is saved.
//
// The engine must agree exactly with the reference SQL (reference_sql.h) on the same rows;
// engine_reference_test.cc checks it on generated data on SQLite and PostgreSQL.
//
// Thread-safe: queries share a lock; loads build new columns aside and swap them in.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "indicators/definition.h"
#include "platform/db/database.h"

namespace yuanwu::indicators {

enum class Grain { kMonth, kQuarter, kYear };
enum class Grouping { kHospital, kCampus, kDepartment };
std::optional<Grain> ParseGrain(std::string_view s);        // month | quarter | year
std::optional<Grouping> ParseGrouping(std::string_view s);  // hospital | campus | department

// "2025-03" / "2025-Q1" / "2025" for the period containing YYYYMM `month`.
std::string PeriodLabel(int month, Grain g);

// Org unit of a record whose department is not in the department table, for campus grouping.
inline constexpr const char* kUnassignedCampus = "unassigned";

struct Figures {
  int64_t rows = 0;   // records matching the measure's filter; a figure measure: 1 when present
  int64_t value = 0;  // COUNT(*) for counts, the sum for sums
};

struct ResultRow {
  std::string indicator;
  std::string period;                           // PeriodLabel
  std::string org_unit;                         // department code, campus code, or "hospital"
  bool present = false;                         // some record counted on either side
  int64_t numerator = 0, denominator = 0;       // as measured (money in 分, DDD × 10⁴)
  std::optional<double> value;                  // numerator / denominator × multiplier
  std::optional<double> previous_year_value;    // same period last year (同比)
  std::optional<double> previous_period_value;  // the period before (环比)
  std::optional<double> ytd_value;              // 本年累计, up to the period's end
  std::optional<double> previous_ytd_value;     // 同期累计, last year
};

struct Query {
  int from = 0, to = 0;  // YYYYMM inclusive
  Grain grain = Grain::kMonth;
  Grouping grouping = Grouping::kHospital;
  std::vector<std::string> indicators;  // empty = all
  // Department codes the caller may see (data scope); nullopt = all. With a restriction,
  // campus and hospital grouping are refused by the caller, not here.
  std::optional<std::vector<std::string>> departments;
};

class Engine {
 public:
  explicit Engine(int threads = 0);  // 0 = one per core
  ~Engine();

  Status SetIndicators(std::vector<Indicator> indicators);
  std::vector<Indicator> indicators() const;

  // Reads every dataset. Call after SetIndicators (which invalidates loaded columns).
  Status Load(db::Database& db);
  // Re-reads what an import of `dataset` may have changed: visits alone, or the discharges with
  // their children (antibiotics, pathways, findings); the other table is kept. Visits are only
  // appended when every import batch not loaded yet replaced nothing (import_batch
  // .replaced_count = 0): then just those batches' rows are read. Full Load when nothing is
  // loaded yet.
  Status Reload(db::Database& db, Dataset dataset);
  // Re-reads the hospital-entered figures (period_figure) and the campus / department tables
  // they roll up by; records and the cube are kept. Cheap: call after every figure change.
  Status ReloadFigures(db::Database& db);
  // One pass over all rows → the month × department cube (Load does this too).
  Status Compute();

  Result<std::vector<ResultRow>> Run(const Query& q) const;

  // Whether the last Reload of visits only appended the rows of new batches (an import that
  // replaced nothing) instead of reading every visit again.
  bool LastReloadAppendedVisits() const;
  // Memory held by the columns, and the record counts.
  size_t ColumnBytes() const;
  int64_t Records(Dataset d) const;
  // First and last month with records or figures (YYYYMM), 0 when empty.
  int FirstMonth() const;
  int LastMonth() const;

 private:
  struct State;
  void ComputeCube(State& st) const;  // the one pass; `st` must not be shared yet or be locked
  // Reads the discharge and / or visit tables anew, keeping the other as loaded; then the cube.
  Status LoadTables(db::Database& db, bool discharges, bool visits);
  mutable std::shared_mutex mu_;
  std::unique_ptr<State> state_;
  int threads_;
};

}  // namespace yuanwu::indicators
