// IndicatorStore: the indicators module's tables other than the records themselves — import
// batches and their findings, column mappings, definitions, targets — plus the two read paths
// that go to the records: the drill-down behind a number and the 首页质控 summary. Every change
// is audited in the same transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "indicators/definition.h"
#include "indicators/engine.h"
#include "indicators/figure.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"

namespace yuanwu::indicators {

struct BatchInfo {
  int64_t id = 0;
  std::string dataset, file_name, status, source;
  bool demo = false;
  int64_t row_count = 0, replaced_count = 0, reject_count = 0, error_count = 0, warning_count = 0;
  int period_from = 0, period_to = 0;
  std::string created_at, finished_at, created_by_name, message, message_en, report_key;
};

struct StoredFinding {
  int64_t line = 0;
  std::string record_key, field, value, rule, category, severity, message, message_en, dept_code,
      coder;
  int period = 0;
  // Joined from the discharge for QC lists.
  std::string bah, xm, cykb;
  int64_t zycs = 0;
};

struct ColumnMapping {
  int64_t id = 0;
  std::string dataset, name, updated_at;
  std::map<std::string, std::string> mapping;
};

struct StoredDefinition {
  Indicator indicator;
  bool builtin = false, enabled = true;
};

struct Target {
  int64_t id = 0;
  std::string indicator_code, scope, scope_code, comparator, basis;
  double value = 0;
  int valid_from = 0;           // YYYYMM
  std::optional<int> valid_to;  // YYYYMM
  // Whether `v` meets the target.
  bool Attained(double v) const;
};

struct QcSummaryRow {
  std::string key, name;
  int64_t records = 0, complete_records = 0, required_filled = 0, required_total = 0,
          records_with_errors = 0;
  std::map<std::string, int64_t> by_category;
};

struct QcRuleCount {
  std::string rule, category, severity;
  int64_t count = 0;
};

// Department codes a principal may see for indicators ({} = nothing), nullopt = everything.
using DeptCodes = std::optional<std::vector<std::string>>;

class IndicatorStore {
 public:
  // `figures`: the figure catalogue the stored definitions' figure measures refer to (nullptr:
  // they stay unresolved, see definition.h).
  IndicatorStore(db::Database& db, const Clock& clock, const FigureCatalogue* figures = nullptr)
      : db_(db), clock_(clock), figures_(figures) {}

  Result<std::pair<std::vector<BatchInfo>, int64_t>> Batches(const std::string& dataset,
                                                             int64_t offset, int64_t limit);
  Result<BatchInfo> Batch(int64_t id);
  Result<std::pair<std::vector<StoredFinding>, int64_t>> BatchFindings(int64_t id, int64_t offset,
                                                                       int64_t limit);

  Result<std::vector<ColumnMapping>> Mappings(const std::string& dataset);
  Result<ColumnMapping> SaveMapping(const auth::Actor& actor, ColumnMapping m);
  Status DeleteMapping(const auth::Actor& actor, int64_t id);

  Result<std::vector<StoredDefinition>> Definitions();
  // Creates (create = true) or replaces a definition; audited.
  Status SaveDefinition(const auth::Actor& actor, const Indicator& i, bool enabled, bool create);

  Result<std::vector<Target>> Targets(const std::string& indicator_code);
  Result<Target> SaveTarget(const auth::Actor& actor, Target t);
  Status DeleteTarget(const auth::Actor& actor, int64_t id);

  // Department code → name, department code → campus code, campus code → name.
  Result<std::map<std::string, std::string>> OrgNames();
  Result<std::map<std::string, std::string>> CampusOf();

  // The records counted on one side of a result: the measure's rows in the period and org unit.
  struct RecordsPage {
    std::string dataset;
    std::vector<std::map<std::string, std::string>> rows;  // column → value (text)
    int64_t total = 0;
  };
  Result<RecordsPage> Records(const Measure& m, int from, int to, Grouping grouping,
                              const std::string& org_unit, const DeptCodes& scope, int64_t offset,
                              int64_t limit);

  Result<std::pair<std::vector<QcSummaryRow>, std::vector<QcRuleCount>>> QcSummary(
      int from, int to, bool by_coder, const DeptCodes& scope);
  struct QcFilter {
    int from = 0, to = 0;
    std::string dept, coder, rule, category;
  };
  Result<std::pair<std::vector<StoredFinding>, int64_t>> QcFindings(const QcFilter& f,
                                                                    const DeptCodes& scope,
                                                                    int64_t offset, int64_t limit);

 private:
  db::Database& db_;
  const Clock& clock_;
  const FigureCatalogue* figures_;
};

// " AND col IN ('A','B')" for a restricted scope ("" when unrestricted; " AND 1 = 0" when empty).
std::string ScopeSql(const char* column, const DeptCodes& scope);

}  // namespace yuanwu::indicators
