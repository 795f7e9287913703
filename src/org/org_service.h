// OrgService: use cases for campuses, departments, staff and roles. Validates, writes in one
// transaction with its audit entry, and returns field-level errors for bad input.
#pragma once

#include <optional>

#include "org/data_scope.h"
#include "org/department_import.h"
#include "org/org.h"
#include "org/org_store.h"
#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"
#include "platform/tabular/table.h"

namespace yuanwu::org {

class OrgService {
 public:
  OrgService(db::Database& db, const Clock& clock, std::vector<std::string> known_permissions)
      : db_(db), clock_(clock), known_permissions_(std::move(known_permissions)) {}

  Result<std::vector<Campus>> Campuses();
  Result<Campus> SaveCampus(const auth::Actor& actor, Campus c);  // id 0 creates

  Result<std::vector<Department>> Departments();
  Result<Department> SaveDepartment(const auth::Actor& actor, Department d);
  // The department code table import (department_import.h): row problems come back in the plan
  // with nothing written.
  Result<DepartmentImportPlan> ImportDepartments(const auth::Actor& actor,
                                                 const tabular::Table& table,
                                                 const DepartmentImportOptions& options) {
    return org::ImportDepartments(db_, clock_, actor, table, options);
  }

  Result<std::pair<std::vector<User>, int64_t>> Users(const UserFilter& f);
  Result<User> GetUser(int64_t id);
  // Creates (id 0) or updates a user. A password is required on create, optional on update.
  Result<User> SaveUser(const auth::Actor& actor, User u, const std::string& password);
  Status Unlock(const auth::Actor& actor, int64_t id);
  // Imports staff from a table with header 工号,姓名,科室编码,手机,角色,数据范围[,初始密码].
  // All rows or none: any bad row fails the whole import with every row's reasons.
  Result<int> ImportUsers(const auth::Actor& actor, const tabular::Table& table);

  Result<std::vector<Role>> Roles();
  Result<Role> SaveRole(const auth::Actor& actor, Role r);

  Result<DeptScope> ScopeOf(const auth::Principal& p);

 private:
  Status ValidateUser(soci::session& sql, const User& u, bool creating, Validation& v);

  db::Database& db_;
  const Clock& clock_;
  std::vector<std::string> known_permissions_;
};

}  // namespace yuanwu::org
