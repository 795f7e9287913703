// 病案首页 quality control (首页质控): the rules of the 2016 填写质量规范 applied to one parsed
// discharge record, on every import and on demand.
//
// The rules only judge; they never change a record, never reject a batch (the importer rejects
// only records it cannot parse or identify). Every finding names the canonical column, the value
// as written, a stable rule code and a zh-CN / en reason, so the error report can mark the cell
// and the quality dashboards can count it.
//
// The rule tables (required-field list, value domains, code shapes, clinical conflicts, the 微创
// code list) are data files under data/indicators/qc/, embedded in the binary; a hospital's
// ICD-10 / 手术操作 code tables, when loaded, add existence checks.
//
// Example:
//   YW_ASSIGN_OR_RETURN(QcRules rules, QcRules::FromFiles(files));
//   std::vector<Finding> findings;
//   rules.Check(discharge, &findings);
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "indicators/record.h"
#include "platform/base/result.h"

namespace yuanwu::indicators {

enum class Severity {
  kReject,   // the importer could not parse or identify the record: the batch fails
  kError,    // the record is wrong by the 规范 (counted against the quality indicators)
  kWarning,  // suspicious, worth a look (e.g. a rare but possible combination)
};
std::string_view SeverityName(Severity s);                     // "reject" / "error" / "warning"
std::optional<Severity> ParseSeverity(std::string_view name);  // inverse of SeverityName

// The 2016 data-quality indicator a finding counts against (domain-spec §4.5).
enum class QcCategory {
  kCompleteness,        // 必填项目 missing → 填报完整率
  kMainDiagnosisCode,   // JBDM shape/existence → 主要诊断编码正确率
  kOtherDiagnosisCode,  // JBDMn → 其他诊断编码正确率
  kProcedureCode,       // SSJCZBMn → 手术及操作编码正确率
  kDates,               // RYSJ ≤ SSJCZRQn ≤ CYSJ, SJZYTS, NL vs CSRQ
  kCosts,               // ZFY = Σ items, 其中 ≤ parent, ≥ 0 → 医疗费用信息准确率
  kValueDomain,         // XB, LYFS, YLFKFS, RYTJ, SSJB, SSPB, …
  kClinical,            // obvious conflicts (obstetric codes with XB = 1, …)
  kParse,               // importer: unreadable value (always kReject)
};
std::string_view QcCategoryName(QcCategory c);  // "completeness", "main_diagnosis_code", …
std::optional<QcCategory> ParseQcCategory(std::string_view name);  // inverse of QcCategoryName

struct Finding {
  std::string field;  // canonical column, e.g. "SSJCZRQ2"; "" when about the whole record
  std::string value;  // as written ("" when empty)
  std::string rule;   // stable code, e.g. "date.procedure_after_discharge"
  Severity severity = Severity::kError;
  QcCategory category = QcCategory::kParse;
  std::string message;     // zh-CN, e.g. "手术及操作日期2晚于出院时间"
  std::string message_en;  // en
};

// Optional code tables loaded by the hospital (existence checks); empty sets mean "shape only".
struct CodeTables {
  std::set<std::string> icd10;       // 疾病分类与代码 国家临床版 2.0
  std::set<std::string> procedures;  // 手术操作分类代码 国家临床版 3.0
};

namespace qc_internal {
struct Tables;  // the parsed rule tables (qc_internal.h)
}  // namespace qc_internal

class QcRules {
 public:
  // Builds the rules from the embedded data files: `files` maps a file name under
  // data/indicators/qc/ (e.g. "required_fields.csv") to its content. Errors name the file and
  // line of a malformed rule table.
  static Result<QcRules> FromFiles(const std::map<std::string, std::string>& files);

  void SetCodeTables(std::shared_ptr<const CodeTables> tables) { codes_ = std::move(tables); }

  // Appends every finding for `d` to `out`. Thread-safe (const, no shared mutable state).
  // The rules and their stable codes are listed in src/indicators/README.md (首页质控). A clean
  // record allocates nothing; an empty item is left to CountRequired, not reported again here.
  void Check(const Discharge& d, std::vector<Finding>* out) const;

  // The 必填项目 of the 2016 list: `filled(column)` says whether the source row has a
  // non-empty value for a canonical column (columns missing from the file count as empty).
  // Sets d->required_filled / required_total and appends one kCompleteness finding per
  // missing item.
  void CountRequired(const std::function<bool(std::string_view column)>& filled, Discharge* d,
                     std::vector<Finding>* out) const;
  // The same, answered by index: `filled[i]` is the state of filled_columns()[i] in the source
  // row. The importer resolves the indices once per file instead of once per record. A column
  // the whole file lacks counts as empty but gets no per-record finding: the importer reports
  // it once per file (building ~40 findings per record only to drop them cost a fifth of the
  // import's CPU on a HIS export without the optional columns).
  enum FilledState : uint8_t { kCellEmpty = 0, kCellFilled = 1, kColumnAbsent = 2 };
  void CountRequired(std::span<const uint8_t> filled, Discharge* d,
                     std::vector<Finding>* out) const;
  // The columns CountRequired asks about, each once (empty when no rules are loaded).
  const std::vector<std::string>& filled_columns() const;

  // The canonical columns of the required list (for a file-level "column missing" notice).
  const std::vector<std::string>& required_columns() const { return required_; }

  // Fills Procedure::wcss where the file left it empty: "1" when the code is on the 微创 code
  // list (data/indicators/qc/minimally_invasive_codes.csv, configurable), else "0".
  void DeriveMinimallyInvasive(Discharge* d) const;

  // Whether `code` starts with a prefix of the 微创 code list.
  bool IsMinimallyInvasive(std::string_view code) const;

 private:
  // Immutable once built and shared by copies, so a copy is cheap and Check needs no locks.
  std::shared_ptr<const qc_internal::Tables> tables_;
  std::vector<std::string> required_;  // the `column`s of required_fields.csv, in file order
  std::shared_ptr<const CodeTables> codes_;
};

}  // namespace yuanwu::indicators
