// FigureStore: the period_figure rows (医院填报数据) — listed by period range and org unit,
// saved as a set in one transaction, deleted, or imported from a wide CSV/XLSX sheet. Every
// change is audited in the same transaction. What a figure is (decimals, level) comes from the
// FigureCatalogue (figure.h); values are stored as its exact scaled integers.
//
// Validation, with a zh + en reason per field: the code is in the catalogue; the period is a
// real month not after the current one; the org unit is 'hospital', a campus code or a
// department code, and a level=hospital figure is entered for 'hospital' only; the value is
// non-negative with at most the figure's decimals.
//
// Example:
//   FigureStore store(db, clock, catalogue);
//   FigureInput in{.field = "items[0]", .period = "2025-03", .org_unit = "XNK",
//                  .code = "sjkfzcrs", .number = 930};
//   YW_RETURN_IF_ERROR(store.Save(actor, {in}));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicators/figure.h"
#include "indicators/indicator_store.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"

namespace yuanwu::indicators {

struct FigureRow {
  int period = 0;  // YYYYMM
  std::string org_unit, code;
  int64_t value = 0;  // value × 10^decimals
  std::string note, updated_by_name, updated_at;
};

// One cell of a save as the client sent it. `number` or `text` holds the value; neither = clear
// (delete the stored value). Errors name `field` + ".period" / ".org_unit" / ".code" / ".value".
struct FigureInput {
  std::string field;
  std::string period;  // YYYY-MM
  std::string org_unit, code, note;
  std::optional<double> number;
  std::optional<std::string> text;
};

// One refused cell of an import file.
struct FigureImportError {
  int line = 0;  // the sheet row (1 = header)
  std::string column, value, reason, reason_en;
};

struct FigureImportOutcome {
  int64_t rows = 0, values = 0, inserted = 0, updated = 0;
  int period_from = 0, period_to = 0;
  std::vector<FigureImportError> errors;  // not empty = nothing was written
};

// "2025-03" (also "2025/3", "202503", "2025-03-01" and Excel date serials) → 202503.
std::optional<int> ParseFigurePeriod(const std::string& text);
// 202503 → "2025-03".
std::string FigurePeriodLabel(int period);
// The value in the figure's unit as exact decimal text: 123456 with 2 decimals → "1234.56".
std::string FigureValueText(const FigureDef& def, int64_t scaled);

class FigureStore {
 public:
  FigureStore(db::Database& db, const Clock& clock, const FigureCatalogue& catalogue)
      : db_(db), clock_(clock), catalogue_(catalogue) {}

  const FigureCatalogue& catalogue() const { return catalogue_; }

  // Rows with from ≤ period ≤ to; `org_unit` "" = every unit; `scope` restricts to departments.
  Result<std::vector<FigureRow>> List(int from, int to, const std::string& org_unit,
                                      const DeptCodes& scope);

  // Upserts (or, for inputs without a value, deletes) every input in one transaction; nothing
  // is written if any input is invalid. Returns the number of cells changed.
  Result<int64_t> Save(const auth::Actor& actor, const std::vector<FigureInput>& inputs);

  // Deletes the values of (period, org_unit[, code]); NotFound if there are none.
  Result<int64_t> Delete(const auth::Actor& actor, int period, const std::string& org_unit,
                         const std::string& code);

  // The wide sheet: 期间/period, 科室代码/org_unit ('hospital' or 全院), then one column per
  // figure (code or name; 科室名称 is ignored). All or nothing; Status errors only when the file
  // cannot be read at all.
  Result<FigureImportOutcome> Import(const auth::Actor& actor, const std::string& file_name,
                                     std::string_view data);

 private:
  db::Database& db_;
  const Clock& clock_;
  const FigureCatalogue& catalogue_;
};

}  // namespace yuanwu::indicators
