// The pure half of the department code table import: header, cells, references and cycles.
// See department_import.h for the file format.
#include "org/department_import.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "platform/base/text.h"

namespace yuanwu::org {
namespace {

constexpr size_t kMaxCodeChars = 32;   // as DepartmentFromJson
constexpr size_t kMaxNameChars = 100;  // as DepartmentFromJson

struct ColumnSpec {
  int DepartmentColumns::*slot;
  const char* label;                    // the canonical Chinese name, used in messages
  std::vector<std::string_view> names;  // Chinese names as written, Latin ones in lower case
  bool required;
};

const std::vector<ColumnSpec>& Specs() {
  static const std::vector<ColumnSpec> kSpecs = {
      {&DepartmentColumns::code, "科室代码", {"科室代码", "科室编码", "ksdm", "code"}, true},
      {&DepartmentColumns::name, "科室名称", {"科室名称", "ksmc", "name"}, true},
      {&DepartmentColumns::campus,
       "院区代码",
       {"院区代码", "院区编码", "院区", "yqdm", "campus"},
       true},
      {&DepartmentColumns::parent,
       "上级科室代码",
       {"上级科室代码", "上级科室编码", "sjksdm", "parent"},
       false},
      {&DepartmentColumns::kind, "科室类别", {"科室类别", "kslb", "kind"}, false},
      {&DepartmentColumns::is_public,
       "是否对外公开",
       {"是否对外公开", "对外公开", "public"},
       false},
      {&DepartmentColumns::sort, "排序", {"排序", "sort"}, false},
  };
  return kSpecs;
}

// Everything a hospital's HIS or a person is likely to write for the four kinds. Latin aliases
// are matched in lower case.
const std::map<std::string, std::string, std::less<>>& KindAliases() {
  static const std::map<std::string, std::string, std::less<>> kKindAliases = {
      {"clinical", "clinical"}, {"临床", "clinical"},        {"临床科室", "clinical"},
      {"medtech", "medtech"},   {"medical-tech", "medtech"}, {"medical_tech", "medtech"},
      {"医技", "medtech"},      {"医技科室", "medtech"},     {"admin", "admin"},
      {"行政", "admin"},        {"行政职能", "admin"},       {"职能", "admin"},
      {"行政科室", "admin"},    {"职能科室", "admin"},       {"support", "support"},
      {"后勤", "support"},      {"后勤保障", "support"},     {"后勤科室", "support"},
  };
  return kKindAliases;
}

bool ValidCodeChars(std::string_view code) {
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

std::optional<bool> ParsePublic(std::string_view cell) {
  std::string v = ToLowerAscii(cell);
  if (v == "1" || v == "是" || v == "公开" || v == "true" || v == "yes" || v == "y") return true;
  if (v == "0" || v == "否" || v == "不公开" || v == "false" || v == "no" || v == "n") return false;
  return std::nullopt;
}

// An integer as typed, or as a spreadsheet stores it ("5.0").
std::optional<int64_t> ParseSort(std::string_view cell) {
  size_t dot = cell.find('.');
  if (dot != std::string_view::npos) {
    if (dot + 1 == cell.size()) return std::nullopt;
    for (size_t i = dot + 1; i < cell.size(); ++i) {
      if (cell[i] != '0') return std::nullopt;
    }
    cell = cell.substr(0, dot);
  }
  int64_t v = 0;
  auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || p != cell.data() + cell.size()) return std::nullopt;
  if (v < -1000000000 || v > 1000000000) return std::nullopt;
  return v;
}

// The cell of column `i` (trimmed), "" when absent.
std::string Cell(const tabular::Row& r, int i) {
  if (i < 0 || static_cast<size_t>(i) >= r.cells.size()) return "";
  return Trim(r.cells[static_cast<size_t>(i)]);
}

// Reports rows that are part of a parent cycle. `parent` maps every code (existing and in the
// file) to its parent code after the import; `row_of` maps codes in the file to their row.
void FindCycles(const std::map<std::string, std::string>& parent,
                const std::map<std::string, size_t>& row_of, std::vector<size_t>& in_cycle) {
  enum State { kNew, kOnPath, kDone };
  std::map<std::string_view, State> state;
  for (const auto& entry : row_of) {
    std::string_view start = entry.first;
    if (state[start] != kNew) continue;
    std::vector<std::string_view> path;
    std::string_view at = start;
    while (true) {
      State& s = state[at];
      if (s == kDone) break;
      if (s == kOnPath) {
        // The path from the first visit of `at` onwards is a cycle.
        auto it = std::find(path.begin(), path.end(), at);
        for (; it != path.end(); ++it) {
          auto row = row_of.find(std::string(*it));
          if (row != row_of.end()) in_cycle.push_back(row->second);
        }
        break;
      }
      s = kOnPath;
      path.push_back(at);
      auto up = parent.find(std::string(at));
      if (up == parent.end() || up->second.empty()) break;
      at = up->second;
    }
    for (std::string_view p : path) state[p] = kDone;
  }
}

}  // namespace

// Here rather than in org_store.cc so that the fuzz target links without the store.
bool IsDepartmentKind(std::string_view kind) {
  return kind == "clinical" || kind == "medtech" || kind == "admin" || kind == "support";
}

std::string_view ImportActionName(ImportAction a) {
  switch (a) {
    case ImportAction::kCreate:
      return "create";
    case ImportAction::kUpdate:
      return "update";
    case ImportAction::kUnchanged:
      return "unchanged";
  }
  return "unchanged";
}

std::optional<std::string> ParseDepartmentKind(std::string_view cell) {
  std::string v = ToLowerAscii(Trim(cell));
  auto it = KindAliases().find(v);
  if (it == KindAliases().end()) return std::nullopt;
  return it->second;
}

DepartmentColumns MapDepartmentHeader(const std::vector<std::string>& header,
                                      std::vector<ImportProblem>& problems) {
  DepartmentColumns cols;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name = ToLowerAscii(Trim(header[i]));
    if (name.empty()) continue;
    bool known = false;
    for (const ColumnSpec& spec : Specs()) {
      if (std::find(spec.names.begin(), spec.names.end(), name) == spec.names.end()) continue;
      known = true;
      int& slot = cols.*spec.slot;
      if (slot >= 0) {
        problems.push_back(
            {0, header[i], header[i],
             std::string("与「") + header[static_cast<size_t>(slot)] + "」是同一列，只能保留一个",
             "the same column as \"" + header[static_cast<size_t>(slot)] + "\": keep only one"});
      } else {
        slot = static_cast<int>(i);
      }
    }
    if (!known) cols.ignored.push_back(header[i]);
  }
  for (const ColumnSpec& spec : Specs()) {
    if (spec.required && cols.*spec.slot < 0) {
      std::string names;
      for (std::string_view n : spec.names) names += (names.empty() ? "" : " / ") + std::string(n);
      problems.push_back({0, spec.label, "", std::string("缺少必填列（") + names + "）",
                          std::string("missing required column (") + names + ")"});
    }
  }
  return cols;
}

DepartmentImportPlan PlanDepartmentImport(const tabular::Table& table,
                                          const std::vector<Campus>& campuses,
                                          const std::vector<Department>& existing) {
  DepartmentImportPlan plan;
  DepartmentColumns cols = MapDepartmentHeader(table.header, plan.problems);
  plan.ignored_columns = cols.ignored;
  if (!plan.problems.empty()) return plan;
  if (table.rows.empty()) {
    plan.problems.push_back({0, "", "", "文件中没有数据行", "the file has no data rows"});
    return plan;
  }
  if (table.rows.size() > kMaxDepartmentImportRows) {
    plan.problems.push_back(
        {0, "", std::to_string(table.rows.size()),
         "一次最多导入" + std::to_string(kMaxDepartmentImportRows) + "行",
         "at most " + std::to_string(kMaxDepartmentImportRows) + " rows per import"});
    return plan;
  }
  auto label = [&](int col) { return table.header[static_cast<size_t>(col)]; };

  std::map<std::string, const Department*, std::less<>> by_code;
  std::map<int64_t, const Department*> by_id;
  for (const Department& d : existing) by_code[d.code] = &d, by_id[d.id] = &d;
  std::map<int64_t, const Campus*> campus_by_id;
  for (const Campus& c : campuses) campus_by_id[c.id] = &c;
  auto campus_code = [&](int64_t id) {
    auto it = campus_by_id.find(id);
    return it == campus_by_id.end() ? std::string() : it->second->code;
  };
  auto parent_code_of = [&](const Department& d) {
    auto it = by_id.find(d.parent_id);
    return d.parent_id == 0 || it == by_id.end() ? std::string() : it->second->code;
  };

  // Pass 1: every cell on its own, and the codes of the file.
  std::map<std::string, size_t> row_of;  // code → index into plan.rows (first occurrence)
  std::vector<std::string> parents;      // the parent cell of each row, once checked
  for (const tabular::Row& r : table.rows) {
    auto fail = [&](int col, const std::string& value, std::string zh, std::string en) {
      plan.problems.push_back({r.line, label(col), value, std::move(zh), std::move(en)});
    };
    DepartmentImportRow row;
    row.line = r.line;
    // A malformed XLSX can carry bytes that are not UTF-8; they would reach the database.
    bool clean = true;
    for (int col :
         {cols.code, cols.name, cols.campus, cols.parent, cols.kind, cols.is_public, cols.sort}) {
      if (col >= 0 && !IsCleanUtf8(Cell(r, col))) {
        fail(col, "", "含有无效字符（非 UTF-8 文本或控制字符）",
             "invalid characters (not UTF-8 text, or control characters)");
        clean = false;
      }
    }
    if (!clean) {
      plan.rows.push_back(std::move(row));
      parents.emplace_back();
      continue;
    }
    std::string code = Cell(r, cols.code);
    if (code.empty()) {
      fail(cols.code, code, "科室代码不能为空", "department code is required");
    } else if (Utf8Length(code) > kMaxCodeChars) {
      fail(cols.code, code, "科室代码不能超过32个字符", "department code is over 32 characters");
    } else if (!ValidCodeChars(code)) {
      fail(cols.code, code, "科室代码只能包含字母、数字、下划线和连字符",
           "department code may only contain letters, digits, _ and -");
    } else if (auto first = row_of.find(code); first != row_of.end()) {
      fail(cols.code, code,
           "科室代码在文件中重复（第" + std::to_string(plan.rows[first->second].line) + "行已有）",
           "duplicate department code in the file (also on line " +
               std::to_string(plan.rows[first->second].line) + ")");
    } else {
      row_of[code] = plan.rows.size();
    }

    auto old = by_code.find(code);
    if (old != by_code.end()) {
      row.before = *old->second;
      row.after = *old->second;
      row.before_campus_code = campus_code(old->second->campus_id);
      row.before_parent_code = parent_code_of(*old->second);
      row.campus_code = row.before_campus_code;
      row.parent_code = row.before_parent_code;
    }
    row.after.code = code;

    row.after.name = Cell(r, cols.name);
    if (row.after.name.empty()) {
      fail(cols.name, "", "科室名称不能为空", "department name is required");
    } else if (Utf8Length(row.after.name) > kMaxNameChars) {
      fail(cols.name, row.after.name, "科室名称不能超过100个字",
           "department name is over 100 characters");
    }

    std::string campus = Cell(r, cols.campus);
    const Campus* found = nullptr;
    for (const Campus& c : campuses) {
      if (c.code == campus) found = &c;
    }
    for (const Campus& c : campuses) {
      if (found == nullptr && c.name == campus) found = &c;
    }
    if (campus.empty()) {
      fail(cols.campus, "", "院区不能为空", "campus is required");
    } else if (found == nullptr) {
      fail(cols.campus, campus, "院区不存在（应为已有院区的代码或名称）",
           "unknown campus (use the code or name of an existing campus)");
    } else {
      row.after.campus_id = found->id;
      row.campus_code = found->code;
    }

    std::string parent = cols.parent >= 0 ? Cell(r, cols.parent) : row.parent_code;
    if (cols.parent >= 0 && !parent.empty()) {
      if (Utf8Length(parent) > kMaxCodeChars) {
        fail(cols.parent, parent, "上级科室代码不能超过32个字符",
             "parent code is over 32 characters");
        parent.clear();
      } else if (parent == code) {
        fail(cols.parent, parent, "上级科室不能是本科室", "a department cannot be its own parent");
        parent.clear();
      }
    }
    parents.push_back(parent);

    if (cols.kind >= 0) {
      std::string kind = Cell(r, cols.kind);
      if (!kind.empty()) {
        std::optional<std::string> k = ParseDepartmentKind(kind);
        if (k) {
          row.after.kind = *k;
        } else {
          fail(cols.kind, kind, "科室类别应为临床、医技、行政或后勤",
               "kind must be clinical, medtech, admin or support");
        }
      }
    }
    if (cols.is_public >= 0) {
      std::string pub = Cell(r, cols.is_public);
      if (!pub.empty()) {
        std::optional<bool> p = ParsePublic(pub);
        if (p) {
          row.after.is_public = *p;
        } else {
          fail(cols.is_public, pub, "是否对外公开应为1/0或是/否", "public must be 1/0 or 是/否");
        }
      }
    }
    if (cols.sort >= 0) {
      std::string sort = Cell(r, cols.sort);
      if (!sort.empty()) {
        std::optional<int64_t> s = ParseSort(sort);
        if (s) {
          row.after.sort = *s;
        } else {
          fail(cols.sort, sort, "排序应为整数", "sort must be an integer");
        }
      }
    }
    plan.rows.push_back(std::move(row));
  }

  // Pass 2: parents, which may be defined anywhere in the file or already exist.
  for (size_t i = 0; i < plan.rows.size(); ++i) {
    DepartmentImportRow& row = plan.rows[i];
    const std::string& parent = parents[i];
    if (parent.empty()) {
      row.parent_code.clear();
    } else if (row_of.count(parent) || by_code.count(parent)) {
      row.parent_code = parent;
    } else {
      plan.problems.push_back({row.line, label(cols.parent), parent,
                               "上级科室不存在（文件中和系统中都没有此代码）",
                               "unknown parent: no such code in the file or the system"});
      row.parent_code.clear();
    }
  }
  std::map<std::string, std::string> parent_after;
  for (const Department& d : existing) parent_after[d.code] = parent_code_of(d);
  for (const auto& [code, i] : row_of) parent_after[code] = plan.rows[i].parent_code;
  std::vector<size_t> in_cycle;
  FindCycles(parent_after, row_of, in_cycle);
  std::sort(in_cycle.begin(), in_cycle.end());
  for (size_t i : in_cycle) {
    const DepartmentImportRow& row = plan.rows[i];
    plan.problems.push_back({row.line, cols.parent >= 0 ? label(cols.parent) : "上级科室代码",
                             row.parent_code,
                             "上级科室关系成环（" + row.after.code + " 会成为自己的下级）",
                             "parent cycle: " + row.after.code + " would be its own descendant"});
  }
  std::stable_sort(plan.problems.begin(), plan.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });

  // What each row does.
  for (DepartmentImportRow& row : plan.rows) {
    if (!row.before) {
      row.action = ImportAction::kCreate;
      ++plan.created;
      continue;
    }
    const Department& b = *row.before;
    const Department& a = row.after;
    if (a.name != b.name) row.changed.push_back("name");
    if (a.campus_id != b.campus_id) row.changed.push_back("campus");
    if (row.parent_code != row.before_parent_code) row.changed.push_back("parent");
    if (a.kind != b.kind) row.changed.push_back("kind");
    if (a.is_public != b.is_public) row.changed.push_back("public");
    if (a.sort != b.sort) row.changed.push_back("sort");
    row.action = row.changed.empty() ? ImportAction::kUnchanged : ImportAction::kUpdate;
    ++(row.changed.empty() ? plan.unchanged : plan.updated);
  }
  return plan;
}

Status ProblemsToStatus(const std::vector<ImportProblem>& problems) {
  Validation v;
  for (const ImportProblem& p : problems) {
    std::string where = p.line > 0 ? "第" + std::to_string(p.line) + "行" : "表头";
    std::string where_en = p.line > 0 ? "row " + std::to_string(p.line) : "header";
    std::string col = p.column.empty() ? "" : "「" + p.column + "」";
    std::string val = p.value.empty() ? "" : "“" + p.value + "”";
    std::string field =
        p.column.empty() ? (p.line > 0 ? where_en : "file") : where_en + " / " + p.column;
    v.Fail(field, where + col + val + "：" + p.reason,
           where_en + (p.column.empty() ? "" : " " + p.column) +
               (p.value.empty() ? "" : " \"" + p.value + "\"") + ": " + p.reason_en);
  }
  return v.ToStatus();
}

}  // namespace yuanwu::org
