// Department code table import (科室代码表导入): the table a hospital exports from its HIS, so
// that records referring to departments by code (RYKB / CYKB / KSDM) find them.
//
// A CSV (UTF-8, BOM tolerated) or XLSX with a header row; each column may be named in Chinese,
// by its HIS abbreviation or in English (Latin names case-insensitive):
//
//   科室代码 / KSDM / code          required   letters, digits, _ and -, at most 32 characters
//   科室名称 / KSMC / name          required   at most 100 characters
//   院区代码 / YQDM / campus        required   an existing campus code, or a campus name
//   上级科室代码 / SJKSDM / parent  optional   a code earlier or later in the file, or an existing
//                                              department; an empty cell means top level
//   科室类别 / KSLB / kind          optional   临床 / 医技 / 行政 / 后勤 or clinical / medtech /
//                                              admin / support (every alias: KindAliases in
//                                              department_import.cc)
//   是否对外公开 / public           optional   1 / 0 / 是 / 否
//   排序 / sort                     optional   an integer
//
// Upsert by code: a new code creates a department; an existing code updates name, campus,
// parent, kind, public and sort (only the columns the file has; phone, location and intro are
// kept); departments whose code is not in the file are left alone. All rows or none: every row
// is validated first, and any problem means nothing is written. The write is one transaction
// with an audit entry per created or changed department and one for the import with its counts.
//
// Split in two so the parsing can be fuzzed without a database: PlanDepartmentImport
// (department_import.cc) is pure; ImportDepartments (department_import_apply.cc) reads the
// current campuses and departments, plans and writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "org/org.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"
#include "platform/tabular/table.h"

namespace yuanwu::org {

// One problem in the file: 第N行「列」“值”：reason.
struct ImportProblem {
  int line = 0;        // 1-based line of the file; 0 for the file as a whole
  std::string column;  // as written in the file's header ("" for the file)
  std::string value;   // the cell as written
  std::string reason;  // zh-CN
  std::string reason_en;
};

// Where each known column is in the file's header; -1 when absent.
struct DepartmentColumns {
  int code = -1, name = -1, campus = -1, parent = -1, kind = -1, is_public = -1, sort = -1;
  std::vector<std::string> ignored;  // header cells that are none of the above
};

enum class ImportAction { kCreate, kUpdate, kUnchanged };
std::string_view ImportActionName(ImportAction a);  // "create" | "update" | "unchanged"

struct DepartmentImportRow {
  int line = 0;
  ImportAction action = ImportAction::kCreate;
  Department after;                  // as it will be (id 0 for a new one until written)
  std::optional<Department> before;  // the existing department, for updates and unchanged rows
  std::string campus_code;           // after.campus_id's code
  std::string parent_code;           // after.parent's code, "" for top level
  std::string before_campus_code, before_parent_code;
  std::vector<std::string> changed;  // name, campus, parent, kind, public, sort
};

struct DepartmentImportPlan {
  std::vector<DepartmentImportRow> rows;  // in file order
  std::vector<ImportProblem> problems;    // empty when the file can be imported
  std::vector<std::string> ignored_columns;
  int created = 0, updated = 0, unchanged = 0;
};

// Maps the header; a missing required column or a column given twice (科室代码 and KSDM) is
// reported as a problem with line 0 (the header).
DepartmentColumns MapDepartmentHeader(const std::vector<std::string>& header,
                                      std::vector<ImportProblem>& problems);

// "临床" / "clinical" / "医技科室" / "medical-tech" … → the department.kind value; nullopt when
// unknown.
std::optional<std::string> ParseDepartmentKind(std::string_view cell);

// Validates every row of `table` against the campuses and departments there are now and works
// out what each row would do. Pure: reads nothing, writes nothing. At most kMaxImportRows rows.
DepartmentImportPlan PlanDepartmentImport(const tabular::Table& table,
                                          const std::vector<Campus>& campuses,
                                          const std::vector<Department>& existing);

inline constexpr size_t kMaxDepartmentImportRows = 20000;

// The problems as one kInvalidArgument Status: a field "row N / 列" per problem with
// 第N行「列」“值”：reason in Chinese and English, as the staff import names its rows.
Status ProblemsToStatus(const std::vector<ImportProblem>& problems);

struct DepartmentImportOptions {
  bool dry_run = false;   // validate and preview only; nothing written, nothing audited
  std::string file_name;  // for the audit entry
};

// Plans against the database inside one transaction and, unless dry_run or a row has a
// problem, writes it there. Errors (Status): an empty file, too many rows, a missing column
// (kInvalidArgument); database failures. Row problems are not an error here: they come back in
// plan.problems with nothing written, so that a preview can show them next to the rows.
Result<DepartmentImportPlan> ImportDepartments(db::Database& db, const Clock& clock,
                                               const auth::Actor& actor,
                                               const tabular::Table& table,
                                               const DepartmentImportOptions& options);

}  // namespace yuanwu::org
