// The engine's hospital-entered figures (period_figure, figure.h): the rows held in memory as
// read, and per query their roll-up to the query's grouping (the rules are in definition.h's
// header comment; reference_sql.cc writes the same rules as SQL, and the two must agree).
//
// Figures are few (a few dozen codes × org units × months), so there is no cube: a query rolls
// up the codes it needs into org unit → month → value maps and reads periods from those.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "indicators/definition.h"
#include "indicators/engine.h"

namespace yuanwu::indicators {

struct FigureData {
  struct Row {
    int month = 0;  // YYYYMM
    std::string org;
    int64_t value = 0;  // value × 10^decimals, as stored
  };
  std::map<std::string, std::vector<Row>> rows;  // by figure code
  std::set<std::string> campuses;                // org units that are campuses
  std::map<std::string, std::string> campus_of;  // department code → campus code
  int first = 0, last = 0;                       // months with a figure (YYYYMM), 0 = none

  // Reads the campus and department tables and period_figure rows of `codes` (all when empty).
  // Throws what SOCI throws; the caller turns it into a Status.
  static FigureData Read(soci::session& sql, const std::set<std::string>& codes);
};

// One query's view of the figures: grouping and data scope fixed.
class FigureView {
 public:
  FigureView(const FigureData& data, Grouping grouping,
             const std::optional<std::vector<std::string>>& departments);

  // A figure measure over the months [m0, m1] (YYYYMM) for `org`: rows = 1 and the signed sum
  // at the measure's scale when every figure has a value there, otherwise {0, 0} (absent).
  Figures Total(const Measure& m, int m0, int m1, const std::string& org);
  // Adds the org units where any figure of `m` has a value.
  void AddOrgUnits(const Measure& m, std::set<std::string>* out);

 private:
  using Monthly = std::map<std::string, std::map<int, int64_t>>;  // org unit → month → value
  const Monthly& RolledUp(const FigureTerm& t);
  bool Visible(const std::string& department) const;

  const FigureData& data_;
  Grouping grouping_;
  const std::optional<std::vector<std::string>>& departments_;
  std::map<std::string, Monthly> cache_;  // by figure code
};

}  // namespace yuanwu::indicators
