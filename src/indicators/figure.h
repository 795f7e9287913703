// Hospital-level figures (医院填报数据): the numbers records cannot give — open and occupied
// bed-days, staff counts, financial totals — entered or imported per month (period_figure rows:
// period YYYYMM, org_unit 'hospital' / a campus code / a department code, code, value).
//
// Which figures exist is data (data/indicators/figures.json): code, names, unit, the number of
// decimals a value may carry, how a figure rolls up over months (sum: flows such as revenue and
// bed-days; last: stocks such as assets and headcount — the last month in the period that has a
// value) and the lowest level at which it is entered (department or hospital).
//
// A value is held as an exact integer: value × 10^decimals (money in 分, bed-days as is).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"

namespace yuanwu::indicators {

struct FigureDef {
  enum class Aggregate { kSum, kLast };
  enum class Level { kDepartment, kHospital };
  std::string code;  // lower-case, e.g. "sjkfzcrs"
  std::string name, name_en, unit, unit_en, category, source;
  int decimals = 0;  // 0–4
  Aggregate aggregate = Aggregate::kSum;
  Level level = Level::kHospital;
};

class FigureCatalogue {
 public:
  // Parses {"figures": [ … ]}; errors name the entry and the key, zh + en.
  static Result<FigureCatalogue> Parse(const std::string& json);

  const std::vector<FigureDef>& figures() const { return figures_; }
  const FigureDef* Find(std::string_view code) const;

  // The exact integer for a value entered for `def`: refuses NaN, negatives, more decimals than
  // the figure allows and magnitudes beyond ±9×10^15 after scaling (zh + en messages naming the
  // figure).
  static Result<int64_t> Scale(const FigureDef& def, double value);
  // Parses a cell as entered ("12,345.60" is not accepted: plain decimal text only).
  static Result<int64_t> ScaleText(const FigureDef& def, std::string_view text);

 private:
  std::vector<FigureDef> figures_;
};

std::string_view AggregateName(FigureDef::Aggregate a);  // "sum" / "last"
std::string_view LevelName(FigureDef::Level l);          // "department" / "hospital"

}  // namespace yuanwu::indicators
