// CodeTableStore: the hospital's code tables for 首页质控 (code_table_entry; kind 'icd10' =
// 疾病分类与代码, 'procedure' = 手术操作分类代码). A table is replaced whole from a CSV/XLSX file
// (columns 编码/code and 名称/name; the version is given by whoever imports it) or deleted, in
// one audited transaction; Load() gives the tables QcRules::SetCodeTables uses.
//
// Example:
//   CodeTableStore store(db, clock);
//   YW_ASSIGN_OR_RETURN(auto out, store.Replace(actor, CodeKind::kIcd10, "国临2.0", "a.csv",
//   data)); YW_ASSIGN_OR_RETURN(CodeTables t, store.Load());
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indicators/figure_store.h"
#include "indicators/qc.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"

namespace yuanwu::indicators {

enum class CodeKind { kIcd10, kProcedure };
std::string_view CodeKindName(CodeKind k);  // "icd10" / "procedure"
// "icd10" → kIcd10; "procedure" or "procedures" → kProcedure.
std::optional<CodeKind> ParseCodeKind(std::string_view name);

struct CodeTableInfo {
  std::string kind;
  int64_t count = 0;
  std::string version;  // "" when the table is empty
};

struct CodeTableImport {
  int64_t rows = 0, replaced = 0;
  std::vector<FigureImportError> errors;  // not empty = nothing was written
};

class CodeTableStore {
 public:
  CodeTableStore(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Both kinds, also when empty.
  Result<std::vector<CodeTableInfo>> Summary();
  // Replaces the whole table of `kind` with the file; nothing is written if any row is bad.
  Result<CodeTableImport> Replace(const auth::Actor& actor, CodeKind kind,
                                  const std::string& version, const std::string& file_name,
                                  std::string_view data);
  // Empties the table of `kind` (shape checks only from then on); returns the rows removed.
  Result<int64_t> Clear(const auth::Actor& actor, CodeKind kind);
  Result<CodeTables> Load();

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace yuanwu::indicators
