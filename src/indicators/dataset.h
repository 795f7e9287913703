// The four record datasets and their canonical columns (the headers of an import file after
// the hospital's saved column mapping is applied). One table describes each column once; the
// importer, the error report, the generator and docs/indicators.md all read it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yuanwu::indicators {

enum class Dataset { kDischarges, kVisits, kAntibioticUse, kPathways };

// "discharges", "visits", "antibiotic_use", "pathways".
std::string_view DatasetName(Dataset d);
std::string_view DatasetLabel(Dataset d);  // zh-CN: 住院病案首页 …
std::optional<Dataset> ParseDataset(std::string_view name);
inline constexpr Dataset kAllDatasets[] = {Dataset::kDischarges, Dataset::kVisits,
                                           Dataset::kAntibioticUse, Dataset::kPathways};

enum class FieldType {
  kText,      // free text or a code, kept as written (trimmed)
  kInt,       // whole number
  kDate,      // YYYY-MM-DD (Excel date cells accepted)
  kDateTime,  // YYYY-MM-DD HH:MM[:SS]
  kMoney,     // yuan with at most 2 decimals → stored as 分
  kDecimal,   // non-negative decimal (使用量, DDD值)
  kFlag,      // 0 / 1
};

struct FieldSpec {
  const char* name;  // canonical header, upper case national code, e.g. "BAH", "SSJCZBM1"
  FieldType type;
  bool key;           // must be present and valid or the record is rejected (the batch fails)
  const char* label;  // zh-CN, for error reports
};

// Every column of a dataset in canonical order (discharges: the numbered diagnosis and
// procedure groups are expanded, JBDM1..JBDM15, SSJCZBM1..SSJCZBM7, …).
std::span<const FieldSpec> Fields(Dataset d);
// The spec of a canonical column, or nullptr.
const FieldSpec* FindField(Dataset d, std::string_view name);

}  // namespace yuanwu::indicators
