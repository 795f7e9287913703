// Indicator definitions are data (data/indicators/definitions.json, editable by administrators):
// an indicator is numerator / denominator × multiplier, each a *measure* — a filtered count or
// sum over one dataset. The engine (engine.h) and the reference SQL (reference_sql.h) both
// evaluate exactly these definitions, so the two can be compared number for number.
//
// The filter language is deliberately small:
//   {"field": "lyfs", "in": ["5"]}              a column's value is one of the listed codes
//   {"field": "jbdm", "prefix": ["O", "Z37"]}   a code starts with one of the prefixes
//   {"any":  "procedures", "where": [ … ]}      the discharge has a child row matching all of …
//   {"none": "findings",   "where": [ … ]}      … or has none
// Children of a discharge: procedures, diagnoses (by discharge), antibiotics, pathways (by
// BAH + ZYCS) and findings (首页质控 findings of the discharge's batch).
// A measure: {"dataset": "discharges", "agg": "count" | "sum", "field": "zfy" | "fields":
// ["xyf", …] | "child": "antibiotics", "child_field": "ddd_e4", "child_where": [ … ],
// "where": [ … ]}. Sums are of integer columns (money in 分), so they are exact.
//
// Figure measures (医院填报数据, figure.h): a signed sum of figures of the catalogue
// (data/indicators/figures.json), e.g. 医疗服务收入 = 医疗收入 − 药品 − 卫生材料 − 检查 − 化验:
//   {"dataset": "figures", "figures": [{"code": "ylsr"}, {"code": "ypsr", "sign": -1}, …]}
// "sign" is 1 (the default) or -1; a code may appear once per measure; no where / agg / fields.
// Values are exact integers at the measure's scale: the largest `decimals` of its figures (money
// in 分 like the records), figures with fewer decimals multiplied up. A figure measure has a
// value for a period and org unit only when every one of its figures has one there; otherwise
// it is absent, and so is the indicator's value. Either side of an indicator may be a figure
// measure and the other a record measure (e.g. 出院人次 / 执业医师人数).
// How figures roll up (engine.h and reference_sql.h implement exactly this), per month and org
// unit: a department's value is its own row; a campus's is the campus row if that month has one,
// else the sum of its departments' rows; the hospital's is the 'hospital' row if that month has
// one, else the sum over campuses of the campus value (departments missing from the department
// table count under campus "unassigned"). Over a quarter / year / 累计, aggregate "sum" adds the
// months that have a value and "last" takes the last month of the range that has one for that
// org unit. Figures with level "hospital" exist only for the hospital as a whole.
// Parsing needs the catalogue to check the codes and resolve decimals / aggregate / level; the
// overloads without one accept figure codes by shape only and leave them unresolved, and an
// unresolved figure measure never has a value (no number is computed from a guessed catalogue).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "indicators/dataset.h"
#include "indicators/figure.h"
#include "platform/base/result.h"

namespace yuanwu::indicators {

struct Condition {
  enum Kind { kIn, kPrefix, kAny, kNone } kind = kIn;
  std::string field;                // kIn, kPrefix
  std::vector<std::string> values;  // codes or prefixes (integers are compared as text)
  std::string child;                // kAny, kNone
  std::vector<Condition> where;     // kAny, kNone: conditions on the child's columns
};

// One figure of a figure measure, with what the catalogue says about it.
struct FigureTerm {
  std::string code;
  int sign = 1;  // +1 or -1
  int decimals = 0;
  FigureDef::Aggregate aggregate = FigureDef::Aggregate::kSum;
  FigureDef::Level level = FigureDef::Level::kHospital;
  bool resolved = false;  // parsed with a catalogue that has this code
};

struct Measure {
  Dataset dataset = Dataset::kDischarges;  // record measures only
  std::vector<FigureTerm> figures;         // non-empty: a figure measure (the rest is unused)
  bool sum = false;                        // false: COUNT(*)
  std::vector<std::string> fields;         // summed columns of the dataset row
  std::string child;                       // or: sum of child_field over matching child rows
  std::string child_field;
  std::vector<Condition> child_where;
  std::vector<Condition> where;

  // A canonical text form; equal measures are computed once.
  std::string Key() const;
  bool IsFigures() const { return !figures.empty(); }
  // Decimal places of a figure measure's integers: the largest of its figures'.
  int FigureScale() const;
  // Every figure term resolved against a catalogue.
  bool FiguresResolved() const;
};

enum class Direction { kUp, kDown, kMonitor };  // 逐步提高 / 逐步降低 / 监测比较

struct Indicator {
  std::string code;  // e.g. "surgery_ratio"
  std::string name, name_en, unit, unit_en;
  std::string category;  // e.g. "服务量", "合理用药", "首页质量"
  Direction direction = Direction::kMonitor;
  Measure numerator;
  std::optional<Measure> denominator;  // absent: value = numerator × multiplier
  double multiplier = 1;               // e.g. 100 for %, 0.01 for 分 → 元
  int decimals = 2;
  std::string source;     // e.g. "2019 三级公立医院绩效考核操作手册 指标4"
  std::string notes;      // 口径
  bool national = false;  // ▲ 国家监测指标
};

// Parses and checks one indicator (JSON object) or a whole file ({"indicators": [ … ]}).
// Errors name the indicator code and the offending key, zh + en. With `figures`, figure codes
// are checked against the catalogue and resolved; without it (nullptr) see the header comment.
Result<Indicator> ParseIndicator(const std::string& json, const FigureCatalogue* figures = nullptr);
Result<std::vector<Indicator>> ParseDefinitionFile(const std::string& json,
                                                   const FigureCatalogue* figures = nullptr);
std::string IndicatorToJson(const Indicator& i);

// Columns a condition or sum may use, per dataset / child, with their SQL expression.
struct ColumnInfo {
  const char* name;
  const char* sql;  // expression over the row alias (discharges: d, visits: v, child: c)
  bool numeric;     // may be summed
};
const std::vector<ColumnInfo>& Columns(Dataset d);
const std::vector<ColumnInfo>* ChildColumns(const std::string& child);
const ColumnInfo* FindColumn(const std::vector<ColumnInfo>& cols, const std::string& name);

std::string_view DirectionName(Direction d);  // "up" / "down" / "monitor"

// Indicators that use at least one figure measure.
bool UsesFigures(const Indicator& i);

}  // namespace yuanwu::indicators
