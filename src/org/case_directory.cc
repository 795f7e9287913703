#include "org/case_directory.h"

#include "platform/db/row.h"

namespace yuanwu::org {

namespace {

// Roles keep their permissions as one comma-separated list; match a whole code.
const char* kHasPermission =
    "EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.code = ur.role_code "
    "WHERE ur.user_id = u.id AND (',' || r.permissions || ',') LIKE :perm)";

std::vector<int64_t> Ids(soci::session& sql, const std::string& query, const db::Params& p) {
  std::vector<int64_t> out;
  db::ForEachRow(sql, query, p, [&](const soci::row& r) { out.push_back(db::Int(r, 0)); });
  return out;
}

}  // namespace

Result<std::vector<int64_t>> CaseDirectory::DepartmentHeads(soci::session& sql,
                                                            int64_t department_id) {
  db::Params p;
  p.Add("id", static_cast<long long>(department_id));
  return Ids(sql,
             "SELECT u.id FROM department d JOIN app_user u ON u.id = d.head_user_id "
             "WHERE d.id = :id AND u.active = 1",
             p);
}

Result<std::vector<int64_t>> CaseDirectory::UsersWith(soci::session& sql,
                                                      const std::string& permission) {
  db::Params p;
  p.Add("perm", "%," + permission + ",%");
  return Ids(sql,
             std::string("SELECT u.id FROM app_user u WHERE u.active = 1 AND ") + kHasPermission +
                 " ORDER BY u.id",
             p);
}

Result<std::vector<int64_t>> CaseDirectory::DepartmentUsersWith(soci::session& sql,
                                                                int64_t department_id,
                                                                const std::string& permission) {
  db::Params p;
  p.Add("perm", "%," + permission + ",%");
  std::string query =
      std::string("SELECT u.id FROM app_user u WHERE u.active = 1 AND ") + kHasPermission;
  if (department_id > 0) {
    query += " AND u.department_id = :dept";
    p.Add("dept", static_cast<long long>(department_id));
  }
  return Ids(sql, query + " ORDER BY u.id", p);
}

cases::Visibility CaseVisibility(OrgService& org, const auth::Principal& p, std::string_view read,
                                 std::string_view manage) {
  cases::Visibility v;
  v.user_id = p.user_id;
  v.department_id = p.department_id;
  if (p.Has(manage)) {
    v.all = true;
    return v;
  }
  if (p.Has(read)) {
    Result<DeptScope> scope = org.ScopeOf(p);
    if (scope.ok()) {
      v.by_department = true;
      v.dept_clause = scope->SqlClause("c.department_id", "c.assignee_id");
    }
  }
  return v;
}

}  // namespace yuanwu::org
