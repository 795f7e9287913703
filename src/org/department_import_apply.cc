// The database half of the department code table import: plan against what is there now and
// write it, in one transaction with its audit entries. See department_import.h.
#include <map>

#include "org/department_import.h"
#include "org/org_json.h"
#include "org/org_store.h"
#include "platform/audit/audit_log.h"

namespace yuanwu::org {
namespace {

// Invalid UTF-8 (a file name, a malformed XLSX) must not turn the audit entry into an exception.
std::string Dump(const http::Json& j) {
  return j.dump(-1, ' ', false, http::Json::error_handler_t::replace);
}

// Inserts the new departments so that a parent is always inserted before its children (the
// file may list a child first; parent_id is a foreign key). `ids` maps code → id and gains the
// new ones.
Status InsertCreated(soci::session& sql, DepartmentImportPlan& plan,
                     std::map<std::string, int64_t>& ids) {
  std::map<std::string, DepartmentImportRow*> created;
  for (DepartmentImportRow& row : plan.rows) {
    if (row.action == ImportAction::kCreate) created[row.after.code] = &row;
  }
  for (DepartmentImportRow& row : plan.rows) {
    if (row.action != ImportAction::kCreate || ids.count(row.after.code)) continue;
    // The chain of not-yet-inserted new ancestors, nearest first; the plan has no cycles.
    std::vector<DepartmentImportRow*> chain{&row};
    while (true) {
      const std::string& up = chain.back()->parent_code;
      auto it = created.find(up);
      if (up.empty() || ids.count(up) || it == created.end()) break;
      chain.push_back(it->second);
      // Only reachable if planning let a cycle through; never loop on it.
      if (chain.size() > created.size()) return Status::Internal("parent cycle in import plan");
    }
    for (auto r = chain.rbegin(); r != chain.rend(); ++r) {
      Department& d = (*r)->after;
      d.parent_id = (*r)->parent_code.empty() ? 0 : ids.at((*r)->parent_code);
      d.id = OrgStore::InsertDepartment(sql, d);
      ids[d.code] = d.id;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<DepartmentImportPlan> ImportDepartments(db::Database& db, const Clock& clock,
                                               const auth::Actor& actor,
                                               const tabular::Table& table,
                                               const DepartmentImportOptions& options) {
  // The file's own shape is checked before the database is touched.
  std::vector<ImportProblem> header;
  MapDepartmentHeader(table.header, header);
  if (!header.empty()) return ProblemsToStatus(header);
  if (table.rows.empty())
    return Status::Invalid("file", "文件中没有数据行", "the file has no data rows");
  if (table.rows.size() > kMaxDepartmentImportRows) {
    return Status::Invalid("file", "一次最多导入20000行", "at most 20000 rows per import");
  }
  DepartmentImportPlan plan;
  Status s = db.Transact([&](soci::session& sql) -> Status {
    plan = PlanDepartmentImport(table, OrgStore::ListCampuses(sql), OrgStore::ListDepartments(sql));
    if (!plan.problems.empty() || options.dry_run) return Status::Ok();  // nothing written
    std::map<std::string, int64_t> ids;
    for (const Department& d : OrgStore::ListDepartments(sql)) ids[d.code] = d.id;
    YW_RETURN_IF_ERROR(InsertCreated(sql, plan, ids));
    for (DepartmentImportRow& row : plan.rows) {
      Department& d = row.after;
      if (row.action == ImportAction::kUpdate) {
        d.parent_id = row.parent_code.empty() ? 0 : ids.at(row.parent_code);
        OrgStore::UpdateDepartment(sql, d);
      }
      if (row.action == ImportAction::kUnchanged) continue;
      // Each department's own entry, as when it is saved from the form.
      bool created = row.action == ImportAction::kCreate;
      YW_RETURN_IF_ERROR(audit::Append(
          sql, db.dialect(), clock, actor,
          {created ? "org.department.create" : "org.department.update", "department",
           std::to_string(d.id), created ? "{}" : Dump(ToJson(*row.before)), Dump(ToJson(d))}));
    }
    http::Json summary = {{"file", options.file_name},
                          {"rows", plan.rows.size()},
                          {"created", plan.created},
                          {"updated", plan.updated},
                          {"unchanged", plan.unchanged}};
    return audit::Append(sql, db.dialect(), clock, actor,
                         {"org.department.import", "department", "", "{}", Dump(summary)});
  });
  if (!s.ok()) return s;
  return plan;
}

}  // namespace yuanwu::org
