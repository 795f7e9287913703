#include "indicators/code_table_store.h"

#include <nlohmann/json.hpp>
#include <set>

#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/db/bulk_writer.h"
#include "platform/db/row.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

using Json = nlohmann::ordered_json;

// The national tables have ~33,000 (ICD-10 国临版 2.0) and ~13,000 (手术操作 3.0) codes.
constexpr size_t kMaxRows = 200000;

int FindColumn(const tabular::Table& t, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    for (size_t i = 0; i < t.header.size(); ++i) {
      std::string h = t.header[i];
      for (char& c : h)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (h == n) return static_cast<int>(i);
    }
  }
  return -1;
}

// A code as the 首页 carries it: letters, digits, '.', '+', '*', '-', 'x' placeholders.
bool PlausibleCode(const std::string& s) {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
          c == '+' || c == '*' || c == '-'))
      return false;
  return true;
}

}  // namespace

std::string_view CodeKindName(CodeKind k) { return k == CodeKind::kIcd10 ? "icd10" : "procedure"; }

std::optional<CodeKind> ParseCodeKind(std::string_view name) {
  if (name == "icd10") return CodeKind::kIcd10;
  if (name == "procedure" || name == "procedures") return CodeKind::kProcedure;
  return std::nullopt;
}

Result<std::vector<CodeTableInfo>> CodeTableStore::Summary() {
  return db_.Query<std::vector<CodeTableInfo>>(
      [](soci::session& sql) -> Result<std::vector<CodeTableInfo>> {
        std::vector<CodeTableInfo> out;
        for (CodeKind k : {CodeKind::kIcd10, CodeKind::kProcedure}) {
          CodeTableInfo info;
          info.kind = std::string(CodeKindName(k));
          db::Params p;
          p.Add("k", info.kind);
          db::ForEachRow(sql,
                         "SELECT COUNT(*), COALESCE(MAX(version), '') FROM code_table_entry "
                         "WHERE kind = :k",
                         p, [&](const soci::row& r) {
                           info.count = db::Int(r, 0);
                           info.version = db::Text(r, 1);
                         });
          out.push_back(std::move(info));
        }
        return out;
      });
}

Result<CodeTableImport> CodeTableStore::Replace(const auth::Actor& actor, CodeKind kind,
                                                const std::string& version_raw,
                                                const std::string& file_name,
                                                std::string_view data) {
  const std::string version = Trim(version_raw);
  if (version.empty() || Utf8Length(version) > 100)
    return Status::Invalid("version", "请填写编码版本（不超过100字），如「国临版2.0」",
                           "version is required (at most 100 characters), e.g. 国临版2.0");
  YW_ASSIGN_OR_RETURN(tabular::Table table, tabular::ParseUpload(file_name, data));
  CodeTableImport out;
  auto error = [&](int line, const std::string& column, const std::string& value,
                   const std::string& zh, const std::string& en) {
    if (out.errors.size() < 1000) out.errors.push_back({line, column, value, zh, en});
  };
  int code_col = FindColumn(table, {"编码", "代码", "code", "疾病编码", "手术编码"});
  int name_col = FindColumn(table, {"名称", "name", "疾病名称", "手术名称"});
  if (code_col < 0)
    error(1, "编码", "", "缺少「编码」列（或 code）", "the code column (编码 or code) is missing");
  if (name_col < 0)
    error(1, "名称", "", "缺少「名称」列（或 name）", "the name column (名称 or name) is missing");
  if (table.rows.empty() && out.errors.empty())
    error(0, "", "", "文件中没有数据行", "the file has no data rows");
  if (table.rows.size() > kMaxRows)
    error(0, "", "", "一次最多导入200000行", "at most 200,000 rows per import");
  if (!out.errors.empty()) return out;

  std::vector<std::pair<std::string, std::string>> rows;
  std::set<std::string> seen;
  auto cell = [](const tabular::Row& r, int i) {
    return static_cast<size_t>(i) < r.cells.size() ? Trim(r.cells[i]) : std::string();
  };
  for (const tabular::Row& r : table.rows) {
    std::string code = cell(r, code_col), name = cell(r, name_col);
    if (!PlausibleCode(code)) {
      error(r.line, table.header[code_col], code,
            code.empty() ? "编码不能为空" : "编码只能含字母、数字和 . + * -（不超过20位）",
            code.empty() ? "the code is empty"
                         : "a code has letters, digits and . + * - only (at most 20)");
      continue;
    }
    if (!seen.insert(code).second) {
      error(r.line, table.header[code_col], code, "编码在文件中重复", "duplicated in the file");
      continue;
    }
    if (Utf8Length(name) > 200) {
      error(r.line, table.header[name_col], name, "名称不超过200字", "at most 200 characters");
      continue;
    }
    rows.emplace_back(std::move(code), std::move(name));
  }
  out.rows = static_cast<int64_t>(rows.size());
  if (!out.errors.empty()) {
    out.rows = 0;
    return out;
  }
  const std::string kind_name(CodeKindName(kind));
  Status written = db_.Transact([&](soci::session& sql) -> Status {
    db::Params p;
    p.Add("k", kind_name);
    std::string before_version;
    db::ForEachRow(sql,
                   "SELECT COUNT(*), COALESCE(MAX(version), '') FROM code_table_entry WHERE kind "
                   "= :k",
                   p, [&](const soci::row& r) {
                     out.replaced = db::Int(r, 0);
                     before_version = db::Text(r, 1);
                   });
    sql << "DELETE FROM code_table_entry WHERE kind = :k", soci::use(kind_name);
    YW_ASSIGN_OR_RETURN(auto w, db::BulkWriter::Open(sql, db_.dialect(), "code_table_entry",
                                                     {"kind", "code", "name", "version"}));
    for (const auto& [code, name] : rows) {
      w->Text(kind_name);
      w->Text(code);
      w->Text(name);
      w->Text(version);
      YW_RETURN_IF_ERROR(w->EndRow());
    }
    YW_RETURN_IF_ERROR(w->Flush());
    return audit::Append(
        sql, db_.dialect(), clock_, actor,
        {"indicators.code_table.import", "code_table_entry", kind_name,
         Json{{"count", out.replaced}, {"version", before_version}}.dump(),
         Json{{"count", out.rows}, {"version", version}, {"file_name", file_name}}.dump()});
  });
  YW_RETURN_IF_ERROR(written);
  return out;
}

Result<int64_t> CodeTableStore::Clear(const auth::Actor& actor, CodeKind kind) {
  const std::string kind_name(CodeKindName(kind));
  int64_t removed = 0;
  Status written = db_.Transact([&](soci::session& sql) -> Status {
    db::Params p;
    p.Add("k", kind_name);
    std::string version;
    db::ForEachRow(sql,
                   "SELECT COUNT(*), COALESCE(MAX(version), '') FROM code_table_entry WHERE kind "
                   "= :k",
                   p, [&](const soci::row& r) {
                     removed = db::Int(r, 0);
                     version = db::Text(r, 1);
                   });
    if (removed == 0) return Status::NotFound("编码字典 " + kind_name, "code table " + kind_name);
    sql << "DELETE FROM code_table_entry WHERE kind = :k", soci::use(kind_name);
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {"indicators.code_table.delete", "code_table_entry", kind_name,
                          Json{{"count", removed}, {"version", version}}.dump(), "{}"});
  });
  YW_RETURN_IF_ERROR(written);
  return removed;
}

Result<CodeTables> CodeTableStore::Load() {
  return db_.Query<CodeTables>([](soci::session& sql) -> Result<CodeTables> {
    CodeTables t;
    db::ForEachRow(sql, "SELECT kind, code FROM code_table_entry", {}, [&](const soci::row& r) {
      std::string kind = db::Text(r, 0);
      if (kind == "icd10") {
        t.icd10.insert(db::Text(r, 1));
      } else if (kind == "procedure") {
        t.procedures.insert(db::Text(r, 1));
      }
    });
    return t;
  });
}

}  // namespace yuanwu::indicators
