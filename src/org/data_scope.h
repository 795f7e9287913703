// Data scope (数据范围) → the set of departments whose records a user may see, applied inside
// SQL WHERE clauses (not by hiding rows in the UI).
//
//   self      本人          only records the user created
//   dept      本科室        the user's department
//   dept_tree 本科室及下级  the department and all its descendants
//   campus    本院区        every department of the user's campus
//   all       全院          everything
#pragma once

#include <set>
#include <string>
#include <vector>

#include "org/org.h"
#include "platform/auth/principal.h"

namespace yuanwu::org {

struct DeptScope {
  bool all = false;
  bool self_only = false;
  int64_t user_id = 0;
  std::set<int64_t> departments;

  bool Allows(int64_t department_id, int64_t owner_id) const;
  // " AND (…)" restricting `dept_column` / `owner_column`; ids are integers from our own
  // database, so they are written inline.
  std::string SqlClause(const char* dept_column, const char* owner_column) const;
};

DeptScope ScopeFor(const auth::Principal& p, const std::vector<Department>& departments);

}  // namespace yuanwu::org
