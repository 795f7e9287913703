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
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "indicators/dataset.h"
#include "platform/base/result.h"

namespace yuanwu::indicators {

struct Condition {
  enum Kind { kIn, kPrefix, kAny, kNone } kind = kIn;
  std::string field;                // kIn, kPrefix
  std::vector<std::string> values;  // codes or prefixes (integers are compared as text)
  std::string child;                // kAny, kNone
  std::vector<Condition> where;     // kAny, kNone: conditions on the child's columns
};

struct Measure {
  Dataset dataset = Dataset::kDischarges;
  bool sum = false;                 // false: COUNT(*)
  std::vector<std::string> fields;  // summed columns of the dataset row
  std::string child;                // or: sum of child_field over matching child rows
  std::string child_field;
  std::vector<Condition> child_where;
  std::vector<Condition> where;

  // A canonical text form; equal measures are computed once.
  std::string Key() const;
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
// Errors name the indicator code and the offending key, zh + en.
Result<Indicator> ParseIndicator(const std::string& json);
Result<std::vector<Indicator>> ParseDefinitionFile(const std::string& json);
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

}  // namespace yuanwu::indicators
